//! The survey page a recipient reaches from the e-mail (no sign-in), in their language, fit
//! for a phone: one fieldset per question, radio buttons with large targets, messages beside
//! the questions they concern.

use std::collections::HashMap;

use bangkom_entities::enums::{QuestionKind, SurveyAudience, SurveyLevel};
use bangkom_entities::surveys::answering::{AnswerError, Survey, field_name};
use maud::{Markup, html};

use super::LIKERT;
use crate::i18n::{Lang, Msg};
use crate::views::format;
use crate::views::layout::{Chrome, csrf_field, page};

pub struct FormPage<'a> {
    pub survey: &'a Survey,
    pub action: &'a str,
    pub values: &'a HashMap<String, String>,
    pub errors: &'a [AnswerError],
    pub tz: chrono_tz::Tz,
}

fn error_for<'a>(errors: &'a [AnswerError], field: &str) -> Option<&'a AnswerError> {
    errors.iter().find(|e| e.field == field)
}

/// A row of radio buttons named `name`, values 1…n, with labels.
fn radios(name: &str, labels: &[String], chosen: &str, error_id: Option<&str>) -> Markup {
    html! {
        div.choices {
            @for (i, label) in labels.iter().enumerate() {
                @let value = (i + 1).to_string();
                label.choice {
                    input type="radio" name=(name) value=(value) checked[chosen == value]
                        aria-describedby=[error_id];
                    span { (label) }
                }
            }
        }
    }
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let survey = p.survey;
    let inv = &survey.invitation;
    let dates = if inv.starts_on == inv.ends_on {
        format::date(inv.starts_on, lang)
    } else {
        format!("{} – {}", format::date(inv.starts_on, lang), format::date(inv.ends_on, lang))
    };
    let values = [
        ("program", inv.program_title.as_str()),
        ("batch", inv.batch_name.as_str()),
        ("dates", dates.as_str()),
        ("participant", inv.participant_name.as_str()),
    ];
    let intro = match (inv.level, inv.audience) {
        (SurveyLevel::Reaction, _) => Msg::EvalSurveyIntroReaction,
        (SurveyLevel::Behaviour, SurveyAudience::Participant) => Msg::EvalSurveyIntroBehaviour,
        (SurveyLevel::Behaviour, SurveyAudience::Supervisor) => Msg::EvalSurveyIntroSupervisor,
    };
    let deadline = format::datetime(inv.expires_at, p.tz, lang);
    let value = |field: &str| p.values.get(field).map(String::as_str).unwrap_or("");
    let likert: Vec<String> =
        LIKERT.iter().enumerate().map(|(i, m)| format!("{} · {}", i + 1, m.text(lang))).collect();
    page(
        chrome,
        Msg::EvalSurveyTitle.text(lang),
        html! {
            h1 { (Msg::EvalSurveyTitle.text(lang)) }
            p.lead { (intro.fill(lang, &values)) }
            p.note { (Msg::EvalSurveyDeadline.fill(lang, &[("deadline", &deadline)])) " " (Msg::EvalSurveyRequiredNote.text(lang)) }
            @if !p.errors.is_empty() {
                div.flash.error role="alert" {
                    p { (Msg::EvalSurveyHasErrors.text(lang)) }
                    ul { @for e in p.errors { li { a href={ "#" (e.field) } { (e.text(lang)) } } } }
                }
            }
            form.survey method="post" action=(p.action) novalidate {
                (csrf_field(chrome.csrf))
                @for (n, q) in survey.questions.iter().enumerate() {
                    @let question = &q.question;
                    @let field = field_name(question.id, None);
                    @let error = error_for(p.errors, &field);
                    @let error_id = format!("{field}-error");
                    @if question.kind != QuestionKind::CompetencyRating || !survey.competencies.is_empty() {
                        fieldset.question id=(field) aria-invalid=[error.map(|_| "true")] {
                            legend {
                                span.number { (n + 1) ". " }
                                (q.prompt(lang))
                                @if question.is_required { " *" } @else { " " small.note { (Msg::EvalSurveyOptional.text(lang)) } }
                            }
                            @if let Some(e) = error { p.field-error id=(error_id) { (e.text(lang)) } }
                            @match question.kind {
                                QuestionKind::Likert => {
                                    (radios(&field, &likert, value(&field), error.map(|_| error_id.as_str())))
                                }
                                QuestionKind::SingleChoice => {
                                    @let labels: Vec<String> = q.options.iter().map(|o| match lang { Lang::Id => o.id.clone(), Lang::En => o.en.clone() }).collect();
                                    (radios(&field, &labels, value(&field), error.map(|_| error_id.as_str())))
                                }
                                QuestionKind::FreeText => {
                                    label.visually-hidden for={ (field) "-text" } { (q.prompt(lang)) }
                                    textarea id={ (field) "-text" } name=(field) rows="4" maxlength="4000"
                                        aria-describedby=[error.map(|_| error_id.as_str())] { (value(&field)) }
                                }
                                QuestionKind::CompetencyRating => {
                                    p.note { (Msg::EvalRatingScale.text(lang)) }
                                    @for c in &survey.competencies {
                                        @let cfield = field_name(question.id, Some(c.id));
                                        @let cerror = error_for(p.errors, &cfield);
                                        @let cerror_id = format!("{cfield}-error");
                                        fieldset.rating id=(cfield) aria-invalid=[cerror.map(|_| "true")] {
                                            legend {
                                                (c.name(lang)) " "
                                                small.note { "(" (Msg::EvalRatingTarget.fill(lang, &[("level", &c.target_level.to_string())])) ")" }
                                            }
                                            @if let Some(e) = cerror { p.field-error id=(cerror_id) { (e.text(lang)) } }
                                            @let levels: Vec<String> = (1..=5).map(|l| l.to_string()).collect();
                                            (radios(&cfield, &levels, value(&cfield), cerror.map(|_| cerror_id.as_str())))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                button.primary type="submit" { (Msg::EvalSurveySubmit.text(lang)) }
            }
        },
    )
}

/// A page with a title and a paragraph (thanks, already answered, expired, unknown).
pub fn notice(chrome: &Chrome<'_>, title: Msg, body: &str, extra: Option<&str>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        title.text(lang),
        html! {
            h1 { (title.text(lang)) }
            p { (body) }
            @if let Some(extra) = extra { p { (extra) } }
        },
    )
}
