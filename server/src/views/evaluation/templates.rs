//! The survey template pages: the list (defaults and programs' own, with the copy form) and
//! one template with a small form per question (admins edit; operators read).

use bangkom_entities::enums::QuestionKind;
use bangkom_entities::surveys::templates::{
    ProgramChoice, QuestionRow, TemplateDetail, TemplateRow, options_text,
};
use maud::{Markup, html};

use super::{audience_label, kind_label, level_label, paths};
use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::views::components::{error_summary, input, select};
use crate::views::layout::{Chrome, csrf_field, page};

pub struct ListPage<'a> {
    pub templates: &'a [TemplateRow],
    pub programs: &'a [ProgramChoice],
    pub can_edit: bool,
    /// The copy form as submitted, with its errors.
    pub source: &'a str,
    pub program: &'a str,
    pub errors: &'a FieldErrors,
}

pub fn list(chrome: &Chrome<'_>, p: &ListPage<'_>) -> Markup {
    let lang = chrome.lang;
    let sources: Vec<(String, String)> = p
        .templates
        .iter()
        .map(|t| (t.id.to_string(), format!("{} ({})", t.name, level_label(t.level).text(lang))))
        .collect();
    let programs: Vec<(String, String)> =
        p.programs.iter().map(|pr| (pr.id.to_string(), format!("{} — {}", pr.code, pr.title))).collect();
    page(
        chrome,
        Msg::EvalTemplatesTitle.text(lang),
        html! {
            p { a href=(paths::HOME) { "← " (Msg::EvalResultsTitle.text(lang)) } }
            h1 { (Msg::EvalTemplatesTitle.text(lang)) }
            p { (Msg::EvalTemplatesIntro.text(lang)) }
            div.table-wrap { table {
                thead { tr {
                    th { (Msg::FieldName.text(lang)) } th { (Msg::EvalProgram.text(lang)) } th { (Msg::EvalTplLevel.text(lang)) }
                    th { (Msg::EvalTplAudience.text(lang)) } th { (Msg::EvalTplQuestions.text(lang)) } th { (Msg::EvalTplInvitations.text(lang)) }
                } }
                tbody { @for t in p.templates { tr data-template=(t.id) {
                    td { a href=(paths::template(t.id)) { (t.name) } }
                    td { @match (&t.program_code, &t.program_title) {
                        (Some(code), Some(title)) => { (title) br; small.note { (code) } }
                        _ => { (Msg::EvalTplDefault.text(lang)) }
                    } }
                    td { (level_label(t.level).text(lang)) }
                    td { (audience_label(t.audience).text(lang)) }
                    td { (t.questions) } td { (t.invitations) }
                } } }
            } }
            @if p.can_edit {
                h2 { (Msg::EvalTplCopyTitle.text(lang)) }
                (error_summary(p.errors, lang))
                form.stack method="post" action=(paths::TEMPLATE_COPY) {
                    (csrf_field(chrome.csrf))
                    (select(Msg::EvalTplCopySource.text(lang), "template_id", &sources, p.source, p.errors, lang))
                    (select(Msg::EvalProgram.text(lang), "program_id", &programs, p.program, p.errors, lang))
                    button.primary type="submit" { (Msg::EvalTplCopySubmit.text(lang)) }
                }
            } @else {
                p.note { (Msg::EvalTplReadOnly.text(lang)) }
            }
        },
    )
}

/// What was typed into one question's form (to show it again beside its errors).
#[derive(Debug, Clone, Default)]
pub struct QuestionValues {
    pub kind: String,
    pub prompt_id: String,
    pub prompt_en: String,
    pub options: String,
    pub is_required: bool,
}

impl QuestionValues {
    pub fn of(row: &QuestionRow) -> Self {
        QuestionValues {
            kind: row.question.kind.as_str().to_owned(),
            prompt_id: row.question.prompt_id.clone(),
            prompt_en: row.question.prompt_en.clone(),
            options: options_text(&row.options),
            is_required: row.question.is_required,
        }
    }
}

/// Which form of the template page an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    Name,
    NewQuestion,
    Question(i64),
}

pub struct DetailPage<'a> {
    pub detail: &'a TemplateDetail,
    pub can_edit: bool,
    /// The form that was submitted with errors (then `values`/`name` hold what was typed).
    pub failed: Option<Failed>,
    pub values: QuestionValues,
    pub name: &'a str,
    pub errors: &'a FieldErrors,
}

fn textarea(label: &str, name: &str, value: &str, errors: &FieldErrors, lang: Lang) -> Markup {
    let error = errors.for_field(name, lang);
    html! {
        label {
            (label)
            textarea name=(name) rows="3" aria-invalid=[error.as_ref().map(|_| "true")] { (value) }
            @if let Some(error) = &error { span.field-error { (error) } }
        }
    }
}

fn question_form(
    chrome: &Chrome<'_>,
    action: &str,
    values: &QuestionValues,
    errors: &FieldErrors,
    submit: Msg,
) -> Markup {
    let lang = chrome.lang;
    let kinds: Vec<(String, String)> = QuestionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), kind_label(*k).text(lang).to_owned()))
        .collect();
    html! {
        form.stack.question-edit method="post" action=(action) {
            (csrf_field(chrome.csrf))
            (select(Msg::EvalTplKind.text(lang), "kind", &kinds, &values.kind, errors, lang))
            (textarea(Msg::EvalTplPromptId.text(lang), "prompt_id", &values.prompt_id, errors, lang))
            (textarea(Msg::EvalTplPromptEn.text(lang), "prompt_en", &values.prompt_en, errors, lang))
            (textarea(Msg::EvalTplOptions.text(lang), "options", &values.options, errors, lang))
            label.check {
                input type="checkbox" name="is_required" value="on" checked[values.is_required];
                " " (Msg::EvalTplRequired.text(lang))
            }
            button.primary type="submit" { (submit.text(lang)) }
        }
    }
}

pub fn detail(chrome: &Chrome<'_>, p: &DetailPage<'_>) -> Markup {
    let lang = chrome.lang;
    let d = p.detail;
    let t = &d.template;
    let none = FieldErrors::default();
    let errors_for = |form: Failed| if p.failed == Some(form) { p.errors } else { &none };
    page(
        chrome,
        &t.name,
        html! {
            p { a href=(paths::TEMPLATES) { "← " (Msg::EvalTemplatesTitle.text(lang)) } }
            h1 { (t.name) }
            dl.facts {
                dt { (Msg::EvalProgram.text(lang)) }
                dd { @match &d.program { Some(pr) => { (pr.code) " — " (pr.title) } None => { (Msg::EvalTplDefault.text(lang)) } } }
                dt { (Msg::EvalTplLevel.text(lang)) } dd { (level_label(t.level).text(lang)) }
                dt { (Msg::EvalTplAudience.text(lang)) } dd { (audience_label(t.audience).text(lang)) }
                dt { (Msg::EvalTplInvitations.text(lang)) } dd { (Msg::EvalTplInUse.fill(lang, &[("n", &d.invitations.to_string())])) }
            }
            @if p.can_edit {
                @let errors = errors_for(Failed::Name);
                (error_summary(errors, lang))
                form.filters method="post" action=(paths::template(t.id)) {
                    (csrf_field(chrome.csrf))
                    (input(Msg::FieldName.text(lang), "name", "text", p.name, errors, lang))
                    button.primary type="submit" { (Msg::Save.text(lang)) }
                }
            } @else {
                p.note { (Msg::EvalTplReadOnly.text(lang)) }
            }
            h2 { (Msg::EvalTplQuestions.text(lang)) }
            ol.questions {
                @for (i, row) in d.questions.iter().enumerate() {
                    @let q = &row.question;
                    li id={ "pertanyaan-" (q.id) } data-question=(q.id) {
                        p {
                            strong { (match lang { Lang::Id => &q.prompt_id, Lang::En => &q.prompt_en }) }
                            br;
                            small.note {
                                (kind_label(q.kind).text(lang))
                                @if q.is_required { " · " (Msg::EvalTplRequired.text(lang)) }
                            }
                        }
                        @if !row.options.is_empty() {
                            ul { @for o in &row.options { li { (o.id) " / " (o.en) } } }
                        }
                        @if row.answers > 0 { p.note { (Msg::EvalTplAnsweredNote.fill(lang, &[("n", &row.answers.to_string())])) } }
                        @if p.can_edit {
                            @let errors = errors_for(Failed::Question(q.id));
                            @let values = if p.failed == Some(Failed::Question(q.id)) { p.values.clone() } else { QuestionValues::of(row) };
                            details open[!errors.is_empty()] {
                                summary { (Msg::CatalogueEdit.text(lang)) }
                                (error_summary(errors, lang))
                                (question_form(chrome, &paths::question(t.id, q.id), &values, errors, Msg::EvalTplSaveQuestion))
                                div.actions {
                                    @if i > 0 {
                                        form.inline method="post" action={ (paths::question(t.id, q.id)) "/naik" } {
                                            (csrf_field(chrome.csrf))
                                            button.link type="submit" { (Msg::EvalTplMoveUp.text(lang)) }
                                        }
                                    }
                                    @if row.answers == 0 {
                                        form.inline method="post" action={ (paths::question(t.id, q.id)) "/hapus" } {
                                            (csrf_field(chrome.csrf))
                                            button.link type="submit" { (Msg::EvalTplRemoveQuestion.text(lang)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if p.can_edit {
                h2 { (Msg::EvalTplAddQuestion.text(lang)) }
                @let errors = errors_for(Failed::NewQuestion);
                @let values = if p.failed == Some(Failed::NewQuestion) { p.values.clone() } else { QuestionValues { kind: QuestionKind::Likert.as_str().into(), is_required: true, ..Default::default() } };
                (error_summary(errors, lang))
                (question_form(chrome, &format!("{}/pertanyaan", paths::template(t.id)), &values, errors, Msg::EvalTplAddQuestion))
                @if t.program_id.is_some() && d.invitations == 0 {
                    form.inline method="post" action={ (paths::template(t.id)) "/hapus" } {
                        (csrf_field(chrome.csrf))
                        button.link type="submit" { (Msg::EvalTplDelete.text(lang)) }
                    }
                }
            }
        },
    )
}
