//! The import page (upload form, columns of each kind of file, recent imports) and the page
//! of one import (running count, then the summary or the errors).

use bangkom_entities::enums::JobOutcome;
use bangkom_entities::import::runs::{ImportRun, Phase, RunFailure};
use bangkom_entities::import::{ImportKind, ImportSummary, RowError};
use bangkom_entities::paging::{Page, PageRequest};
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::components::{error_summary, pagination, select};
use crate::views::format;
use crate::views::layout::{Chrome, csrf_field, page};

/// The page of an import run.
pub fn run_path(id: i64) -> String {
    format!("{}/{id}", paths::ADMIN_IMPORT)
}

/// The name of the example file of `kind`, served under `/admin/impor/contoh/`.
pub fn example_file(kind: ImportKind) -> String {
    format!("{}.csv", kind.as_str())
}

pub struct FormPage<'a> {
    /// What the visitor may import.
    pub kinds: &'a [ImportKind],
    pub selected: ImportKind,
    pub errors: &'a FieldErrors,
    pub recent: &'a [ImportRun],
    pub tz: chrono_tz::Tz,
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let options: Vec<(String, String)> =
        p.kinds.iter().map(|k| (k.as_str().to_owned(), k.label().text(lang).to_owned())).collect();
    let file_error = p.errors.for_field("file", lang);
    page(
        chrome,
        Msg::ImportTitle.text(lang),
        html! {
            h1 { (Msg::ImportTitle.text(lang)) }
            p.note { (Msg::ImportIntro.text(lang)) }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(paths::ADMIN_IMPORT) enctype="multipart/form-data" {
                (csrf_field(chrome.csrf))
                (select(Msg::ImportKindLabel.text(lang), "kind", &options, p.selected.as_str(), p.errors, lang))
                label {
                    (Msg::ImportFileLabel.text(lang))
                    input type="file" name="file" accept=".csv,text/csv" required
                        aria-invalid=[file_error.as_ref().map(|_| "true")]
                        aria-describedby=[file_error.as_ref().map(|_| "file-error")];
                    @if let Some(error) = &file_error {
                        span.field-error id="file-error" { (error) }
                    }
                }
                button.primary type="submit" { (Msg::ImportSubmit.text(lang)) }
            }

            h2 { (Msg::ImportColumnsTitle.text(lang)) }
            @for kind in p.kinds {
                h3 { (kind.label().text(lang)) }
                ul {
                    @for (name, required) in kind.columns() {
                        li {
                            code { (name) } " — "
                            @if required { (Msg::ImportColumnRequired.text(lang)) } @else { (Msg::ImportColumnOptional.text(lang)) }
                        }
                    }
                }
                p { a href={ (paths::ADMIN_IMPORT) "/contoh/" (example_file(*kind)) } download { (Msg::ImportExampleFile.text(lang)) } }
            }

            h2 { (Msg::ImportRecentTitle.text(lang)) }
            @if p.recent.is_empty() {
                p { (Msg::ImportNoRuns.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (Msg::ImportStartedAt.text(lang)) }
                            th scope="col" { (Msg::ImportKindLabel.text(lang)) }
                            th scope="col" { (Msg::ImportFileName.text(lang)) }
                            th scope="col" { (Msg::ImportStatus.text(lang)) }
                        } }
                        tbody {
                            @for run in p.recent {
                                tr {
                                    td { a href=(run_path(run.id)) { (format::datetime(run.started_at, p.tz, lang)) } }
                                    td { (run.kind.label().text(lang)) }
                                    td { (run.counts.file) }
                                    td { (status(run).text(lang)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn status(run: &ImportRun) -> Msg {
    match run.outcome {
        JobOutcome::Running if run.interrupted => Msg::ImportStatusFailed,
        JobOutcome::Running => Msg::ImportStatusRunning,
        JobOutcome::Succeeded => Msg::ImportStatusSucceeded,
        JobOutcome::Failed => Msg::ImportStatusFailed,
    }
}

pub struct RunPage<'a> {
    pub run: &'a ImportRun,
    /// The page of the error list to show.
    pub page: PageRequest,
    pub tz: chrono_tz::Tz,
}

pub fn run(chrome: &Chrome<'_>, p: &RunPage<'_>) -> Markup {
    let lang = chrome.lang;
    let run = p.run;
    let counts = &run.counts;
    let running = run.finished_at.is_none() && !run.interrupted;
    page(
        chrome,
        Msg::ImportRunTitle.text(lang),
        html! {
            @if running {
                // The page refreshes itself (no script: the CSP forbids inline script).
                meta http-equiv="refresh" content="2";
            }
            h1 { (Msg::ImportRunTitle.text(lang)) }
            dl.facts {
                dt { (Msg::ImportKindLabel.text(lang)) } dd { (run.kind.label().text(lang)) }
                dt { (Msg::ImportFileName.text(lang)) } dd { (counts.file) }
                dt { (Msg::ImportStartedAt.text(lang)) } dd { (format::datetime(run.started_at, p.tz, lang)) }
                dt { (Msg::ImportStatus.text(lang)) } dd data-status=(run.outcome.as_str()) { (status(run).text(lang)) }
            }
            @if running {
                div role="status" {
                    @match counts.phase {
                        Phase::Checking if counts.total > 0 => {
                            p { (Msg::ImportProgressChecking.fill(lang, &[("checked", &number(counts.checked, lang)), ("total", &number(counts.total, lang))])) }
                            progress max=(counts.total) value=(counts.checked) {}
                        }
                        Phase::Writing | Phase::Done => {
                            p { (Msg::ImportProgressWriting.fill(lang, &[("written", &number(counts.written, lang)), ("total", &number(counts.total, lang))])) }
                            progress max=(counts.total) value=(counts.written) {}
                        }
                        Phase::Checking => p { (Msg::ImportProgressStarting.text(lang)) },
                    }
                }
                p.note { (Msg::ImportRefreshNote.text(lang)) }
            } @else if run.interrupted {
                div.flash.error role="alert" { p { (Msg::ImportInterrupted.text(lang)) } }
            } @else {
                @match (&counts.summary, &run.failure) {
                    (_, Some(RunFailure::Rejected { errors })) => (rejected(errors, p.page, run.id, lang)),
                    (_, Some(RunFailure::Internal { .. })) => {
                        div.flash.error role="alert" { p { (Msg::ImportInternalError.text(lang)) } }
                    }
                    (Some(summary), None) => (summary_of(run.kind, summary, lang)),
                    (None, None) => {}
                }
            }
            p { a.button href=(paths::ADMIN_IMPORT) { (Msg::ImportAnother.text(lang)) } }
        },
    )
}

fn summary_of(kind: ImportKind, s: &ImportSummary, lang: Lang) -> Markup {
    let mut figures = vec![
        (Msg::ImportCreated, s.created, "created"),
        (Msg::ImportUpdated, s.updated, "updated"),
        (Msg::ImportUnchanged, s.unchanged, "unchanged"),
    ];
    if kind == ImportKind::Standards {
        figures.extend([
            (Msg::ImportRemoved, s.removed, "removed"),
            (Msg::ImportPositionsCreated, s.positions_created, "positions-created"),
            (Msg::ImportPositionsUpdated, s.positions_updated, "positions-updated"),
        ]);
    }
    html! {
        div.flash.ok role="status" {
            p { (Msg::ImportDone.fill(lang, &[("rows", &number(s.rows, lang))])) }
        }
        dl.facts {
            @for (label, figure, key) in figures {
                dt { (label.text(lang)) }
                dd data-count=(key) { (number(figure, lang)) }
            }
        }
    }
}

fn rejected(errors: &[RowError], request: PageRequest, run_id: i64, lang: Lang) -> Markup {
    let page = Page::of_slice(errors, request);
    html! {
        div.flash.error role="alert" {
            p { (Msg::ImportRejected.fill(lang, &[("count", &number(errors.len() as u64, lang))])) }
        }
        div.table-wrap {
            table.import-errors {
                thead { tr {
                    th scope="col" { (Msg::ImportErrorLine.text(lang)) }
                    th scope="col" { (Msg::ImportErrorColumn.text(lang)) }
                    th scope="col" { (Msg::ImportErrorReason.text(lang)) }
                } }
                tbody {
                    @for e in &page.items {
                        tr {
                            td { (e.line) }
                            td { @if e.column.is_empty() { "—" } @else { code { (e.column) } } }
                            td { (e.text(lang)) }
                        }
                    }
                }
            }
        }
        @if page.pages() > 1 {
            (pagination(&run_path(run_id), &[], &page, lang))
        }
    }
}

/// 100000 → "100.000" (Indonesian) or "100,000" (English).
fn number(n: u64, lang: Lang) -> String {
    let separator = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_people_read_them() {
        assert_eq!(number(100_000, Lang::Id), "100.000");
        assert_eq!(number(1_234_567, Lang::En), "1,234,567");
        assert_eq!(number(15, Lang::Id), "15");
    }
}
