//! The results pages: programs with invitations, and one program's results (optionally one
//! batch, one agency), with the CSV export in a long format.

use bangkom_entities::enums::{QuestionKind, SurveyAudience, SurveyLevel};
use bangkom_entities::surveys::KINDS;
use bangkom_entities::surveys::results::{
    AgencyChoice, BatchChoice, ProgramSummary, QuestionFigures, Rating, Results,
};
use maud::{Markup, html};

use super::{LIKERT, audience_label, decimal, level_label, paths, percent};
use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::views::components::{error_summary, select};
use crate::views::layout::{Chrome, page};
use crate::views::{format, spreadsheet};

fn survey_label(level: SurveyLevel, audience: SurveyAudience, lang: Lang) -> String {
    format!("{} — {}", level_label(level).text(lang), audience_label(audience).text(lang))
}

pub fn overview(chrome: &Chrome<'_>, programs: &[ProgramSummary]) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::EvalResultsTitle.text(lang),
        html! {
            h1 { (Msg::EvalResultsTitle.text(lang)) }
            p { (Msg::EvalResultsIntro.text(lang)) }
            p.actions { a href=(paths::TEMPLATES) { (Msg::EvalTemplatesLink.text(lang)) } }
            @if programs.is_empty() { p { (Msg::EvalNoInvitations.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr {
                        th { (Msg::EvalProgram.text(lang)) } th { (Msg::EvalSent.text(lang)) }
                        th { (Msg::EvalAnswered.text(lang)) } th { (Msg::EvalResponseRate.text(lang)) }
                    } }
                    tbody { @for p in programs { tr data-program=(p.id) {
                        td { a href=(paths::program(p.id)) { (p.title) } br; small.note { (p.code) } }
                        td { (p.sent) } td { (p.answered) }
                        td { (percent((p.sent > 0).then(|| p.answered as f64 / p.sent as f64))) }
                    } } }
                } }
            }
        },
    )
}

pub struct ResultsPage<'a> {
    pub results: &'a Results,
    pub batches: &'a [BatchChoice],
    pub agencies: &'a [AgencyChoice],
    /// The filter as given (`angkatan`, `opd`).
    pub batch: &'a str,
    pub agency: &'a str,
    /// Operators see their own agencies only: no "all agencies" choice.
    pub all_agencies_choice: bool,
    pub errors: &'a FieldErrors,
}

fn rating_cell(r: &Rating, lang: Lang) -> Markup {
    html! {
        @if r.n == 0 { "—" } @else {
            strong { (decimal(r.average, lang)) } " "
            small.note { "(n = " (r.n) "; " (Msg::EvalMeetingTarget.fill(lang, &[("n", &r.meeting_target.to_string()), ("total", &r.n.to_string())])) ")" }
        }
    }
}

fn distribution(q: &QuestionFigures, lang: Lang) -> Markup {
    let labels: Vec<String> = match q.kind {
        QuestionKind::SingleChoice => q
            .options
            .iter()
            .map(|o| match lang {
                Lang::Id => o.id.clone(),
                Lang::En => o.en.clone(),
            })
            .collect(),
        _ => LIKERT.iter().enumerate().map(|(i, m)| format!("{} {}", i + 1, m.text(lang))).collect(),
    };
    html! {
        ul.distribution {
            @for (i, n) in q.distribution.iter().enumerate() {
                li {
                    span.label { (labels.get(i).cloned().unwrap_or_else(|| (i + 1).to_string())) }
                    meter min="0" max=(q.respondents.max(1)) value=(n) {}
                    span.count { (n) }
                }
            }
        }
    }
}

pub fn render(chrome: &Chrome<'_>, p: &ResultsPage<'_>) -> Markup {
    let lang = chrome.lang;
    let r = p.results;
    let min = r.min_group_size.to_string();
    let mut batch_options = vec![(String::new(), Msg::EvalAllBatches.text(lang).to_owned())];
    batch_options.extend(p.batches.iter().map(|b| (b.id.to_string(), b.name.clone())));
    let mut agency_options = Vec::new();
    if p.all_agencies_choice {
        agency_options.push((String::new(), Msg::EvalAllAgencies.text(lang).to_owned()));
    }
    agency_options.extend(p.agencies.iter().map(|a| (a.id.to_string(), a.name.clone())));
    let query = serde_urlencoded::to_string([("angkatan", p.batch), ("opd", p.agency)]).unwrap_or_default();
    let base = paths::program(r.program.id);
    let title = format!("{} · {}", Msg::EvalResultsTitle.text(lang), r.program.title);
    page(
        chrome,
        &title,
        html! {
            p { a href=(paths::HOME) { "← " (Msg::EvalResultsTitle.text(lang)) } }
            h1 { (r.program.title) " " small.note { (r.program.code) } }
            (error_summary(p.errors, lang))
            form.filters method="get" action=(base) {
                (select(Msg::EvalBatch.text(lang), "angkatan", &batch_options, p.batch, p.errors, lang))
                (select(Msg::EvalAgency.text(lang), "opd", &agency_options, p.agency, p.errors, lang))
                button.primary type="submit" { (Msg::CatalogueShow.text(lang)) }
            }
            p.actions { a.button href={ (base) "/hasil.csv?" (query) } { (Msg::EvalDownloadCsv.text(lang)) } }
            @if r.any_suppressed() { p.note { (Msg::EvalSuppressedNote.fill(lang, &[("min", &min)])) } }

            h2 { (Msg::EvalInvitationsTitle.text(lang)) }
            div.table-wrap { table.figures {
                thead { tr {
                    th { (Msg::EvalSurvey.text(lang)) } th { (Msg::EvalSent.text(lang)) } th { (Msg::EvalAnswered.text(lang)) }
                    th { (Msg::EvalResponseRate.text(lang)) } th { (Msg::EvalPending.text(lang)) } th { (Msg::EvalExpired.text(lang)) }
                    th { (Msg::EvalReminded.text(lang)) } th { (Msg::EvalReminders.text(lang)) }
                } }
                tbody { @for f in &r.invitations { tr data-survey={ (f.level.as_str()) "-" (f.audience.as_str()) } {
                    td { (survey_label(f.level, f.audience, lang)) }
                    td { (f.sent) } td { (f.answered) } td { (percent(f.response_rate)) }
                    td { (f.pending) } td { (f.expired) } td { (f.reminded) } td { (f.reminders) }
                } } }
            } }

            h2 { (Msg::EvalQuestionsTitle.text(lang)) }
            @for (level, audience) in KINDS {
                @let questions: Vec<&QuestionFigures> = r.questions.iter().filter(|q| q.level == level && q.audience == audience).collect();
                h3 { (survey_label(level, audience, lang)) }
                @if r.suppressed(level, audience) {
                    p.note { (Msg::EvalSuppressed.fill(lang, &[("min", &min)])) }
                } @else if questions.is_empty() {
                    p.note { (Msg::EvalNoAnswers.text(lang)) }
                } @else {
                    div.table-wrap { table.figures {
                        thead { tr {
                            th { (Msg::EvalTplQuestions.text(lang)) } th { (Msg::EvalRespondents.text(lang)) }
                            th { (Msg::EvalAverage.text(lang)) } th { (Msg::EvalDistribution.text(lang)) }
                        } }
                        tbody { @for q in questions { tr data-question=(q.question_id) {
                            td { (match lang { Lang::Id => &q.prompt_id, Lang::En => &q.prompt_en }) }
                            td { (q.respondents) }
                            td.average { (decimal(q.average, lang)) }
                            td { (distribution(q, lang)) }
                        } } }
                    } }
                }
            }

            h2 { (Msg::EvalCompetenciesTitle.text(lang)) }
            @if r.competencies.is_empty() { p.note { (Msg::EvalNoAnswers.text(lang)) } } @else {
                div.table-wrap { table.figures {
                    thead { tr {
                        th { (Msg::EvalCompetency.text(lang)) } th { (Msg::EvalTarget.text(lang)) }
                        th { (Msg::EvalBefore.text(lang)) } th { (Msg::EvalAfterParticipant.text(lang)) }
                        th { (Msg::EvalAfterSupervisor.text(lang)) }
                    } }
                    tbody { @for c in &r.competencies { tr data-competency=(c.code) {
                        td { (match lang { Lang::Id => &c.name_id, Lang::En => &c.name_en }) br; small.note { (c.code) } }
                        td { (c.target_level) }
                        td { (rating_cell(&c.before, lang)) }
                        td { @if r.suppressed(SurveyLevel::Behaviour, SurveyAudience::Participant) { (Msg::EvalSuppressed.fill(lang, &[("min", &min)])) } @else { (rating_cell(&c.participant, lang)) } }
                        td { @if r.suppressed(SurveyLevel::Behaviour, SurveyAudience::Supervisor) { (Msg::EvalSuppressed.fill(lang, &[("min", &min)])) } @else { (rating_cell(&c.supervisor, lang)) } }
                    } } }
                } }
            }

            h2 { (Msg::EvalCommentsTitle.text(lang)) }
            @if r.comments.is_empty() { p.note { (Msg::EvalNoComments.text(lang)) } } @else {
                ul.comments { @for c in &r.comments { li {
                    blockquote { (c.text) }
                    small.note {
                        (survey_label(c.level, c.audience, lang)) " · "
                        (match lang { Lang::Id => &c.prompt_id, Lang::En => &c.prompt_en })
                        @if let Some(at) = c.answered_at { " · " (format::date(at.date_naive(), lang)) }
                    }
                } } }
            }

            h2 { (Msg::EvalAgenciesTitle.text(lang)) }
            p.note { (Msg::EvalSuppressedNote.fill(lang, &[("min", &min)])) }
            @if r.agencies.is_empty() { p.note { (Msg::EvalNoInvitations.text(lang)) } } @else {
                div.table-wrap { table.figures {
                    thead { tr {
                        th { (Msg::EvalAgency.text(lang)) } th { (Msg::EvalSent.text(lang)) } th { (Msg::EvalAnswered.text(lang)) }
                        th { (Msg::EvalResponseRate.text(lang)) } th { (Msg::EvalReactionAverage.text(lang)) }
                    } }
                    tbody { @for a in &r.agencies { tr data-agency=(a.agency_id) {
                        td { (a.agency_name) } td { (a.sent) } td { (a.answered) } td { (percent(a.response_rate)) }
                        td { @if a.suppressed { (Msg::EvalSuppressed.fill(lang, &[("min", &min)])) } @else { (decimal(a.reaction_average, lang)) } }
                    } } }
                } }
            }
        },
    )
}

/// Text that a spreadsheet would take for a formula is kept as text.
fn number(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.4}")).unwrap_or_default()
}

/// The results as CSV, one figure a line: `section,level,audience,item,metric,value`
/// (`level` 1 or 3; `item` the question, competency code or agency). Hidden groups are
/// left out. Spreadsheets pivot this shape easily.
pub fn csv(r: &Results) -> Result<Vec<u8>, csv::Error> {
    let mut w = crate::views::spreadsheet::csv_writer();
    w.write_record(["section", "level", "audience", "item", "metric", "value"])?;
    let level = |l: SurveyLevel| bangkom_entities::surveys::level_number(l).to_string();
    for f in &r.invitations {
        let (l, a) = (level(f.level), f.audience.as_str());
        for (metric, value) in [
            ("sent", f.sent.to_string()),
            ("answered", f.answered.to_string()),
            ("response_rate", number(f.response_rate)),
            ("pending", f.pending.to_string()),
            ("expired", f.expired.to_string()),
            ("reminded", f.reminded.to_string()),
            ("reminders", f.reminders.to_string()),
        ] {
            w.write_record(["invitations", &l, a, "", metric, &value])?;
        }
    }
    for q in &r.questions {
        let (l, a) = (level(q.level), q.audience.as_str());
        w.write_record(["question", &l, a, &q.prompt_id, "respondents", &q.respondents.to_string()])?;
        if q.average.is_some() {
            w.write_record(["question", &l, a, &q.prompt_id, "average", &number(q.average)])?;
        }
        for (i, n) in q.distribution.iter().enumerate() {
            let metric = match q.kind {
                QuestionKind::SingleChoice => {
                    format!(
                        "choice:{}",
                        q.options.get(i).map_or_else(|| (i + 1).to_string(), |o| o.id.clone())
                    )
                }
                _ => format!("count_{}", i + 1),
            };
            w.write_record(["question", &l, a, &q.prompt_id, &metric, &n.to_string()])?;
        }
    }
    for c in &r.competencies {
        let item = format!("{} {}", c.code, c.name_id);
        w.write_record(["competency", "3", "", &item, "target_level", &c.target_level.to_string()])?;
        for (audience, rating) in
            [("", &c.before), ("participant", &c.participant), ("supervisor", &c.supervisor)]
        {
            if rating.n == 0 {
                continue;
            }
            let prefix = if audience.is_empty() { "before_" } else { "" };
            w.write_record([
                "competency",
                "3",
                audience,
                &item,
                &format!("{prefix}n"),
                &rating.n.to_string(),
            ])?;
            w.write_record([
                "competency",
                "3",
                audience,
                &item,
                &format!("{prefix}average"),
                &number(rating.average),
            ])?;
            w.write_record([
                "competency",
                "3",
                audience,
                &item,
                &format!("{prefix}meeting_target"),
                &rating.meeting_target.to_string(),
            ])?;
        }
    }
    for c in &r.comments {
        w.write_record([
            "comment",
            &level(c.level),
            c.audience.as_str(),
            &c.prompt_id,
            "text",
            &spreadsheet::text(&c.text),
        ])?;
    }
    for a in &r.agencies {
        w.write_record(["agency", "", "", &spreadsheet::text(&a.agency_name), "sent", &a.sent.to_string()])?;
        w.write_record([
            "agency",
            "",
            "",
            &spreadsheet::text(&a.agency_name),
            "answered",
            &a.answered.to_string(),
        ])?;
        w.write_record([
            "agency",
            "",
            "",
            &spreadsheet::text(&a.agency_name),
            "response_rate",
            &number(a.response_rate),
        ])?;
        if !a.suppressed {
            w.write_record([
                "agency",
                "1",
                "participant",
                &spreadsheet::text(&a.agency_name),
                "average",
                &number(a.reaction_average),
            ])?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
