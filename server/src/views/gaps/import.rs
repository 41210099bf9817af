//! The assessment-centre import page: the form, the file's columns, and the result (the
//! summary, or every error of the file with its line and column).

use bangkom_entities::gaps::import::{LineError, Summary, columns};
use maud::{Markup, html};

use super::{number, paths};
use crate::forms::FieldErrors;
use crate::i18n::Msg;
use crate::views::components::error_summary;
use crate::views::layout::{Chrome, csrf_field, page};

pub enum Result<'a> {
    None,
    Imported(&'a Summary),
    Rejected(&'a [LineError]),
}

pub struct ImportPage<'a> {
    pub errors: &'a FieldErrors,
    pub result: Result<'a>,
}

/// Errors shown at most (the count is always given).
const SHOWN: usize = 500;

pub fn render(chrome: &Chrome<'_>, p: &ImportPage<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::GapsImportTitle.text(lang),
        html! {
            (super::dashboard::staff_nav(lang))
            h1 { (Msg::GapsImportTitle.text(lang)) }
            @match &p.result {
                Result::None => {}
                Result::Imported(s) => {
                    div.flash.ok role="status" {
                        p { (Msg::GapsImportDone.fill(lang, &[
                            ("rows", &number(s.rows as i64, lang)),
                            ("created", &number(s.created as i64, lang)),
                            ("updated", &number(s.updated as i64, lang)),
                            ("unchanged", &number(s.unchanged as i64, lang)),
                        ])) }
                    }
                }
                Result::Rejected(errors) => {
                    div.flash.error role="alert" {
                        p { (Msg::ImportRejected.fill(lang, &[("count", &number(errors.len() as i64, lang))])) }
                    }
                    div.table-wrap {
                        table.import-errors {
                            thead { tr {
                                th scope="col" { (Msg::ImportErrorLine.text(lang)) }
                                th scope="col" { (Msg::ImportErrorColumn.text(lang)) }
                                th scope="col" { (Msg::ImportErrorReason.text(lang)) }
                            } }
                            tbody {
                                @for e in errors.iter().take(SHOWN) {
                                    tr {
                                        td { (e.line) }
                                        td { @if e.column.is_empty() { "—" } @else { code { (e.column) } } }
                                        td { (e.text(lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.note { (Msg::GapsImportIntro.text(lang)) }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(paths::IMPORT) enctype="multipart/form-data" {
                (csrf_field(chrome.csrf))
                label {
                    (Msg::ImportFileLabel.text(lang))
                    input type="file" name="file" accept=".csv,text/csv" required;
                }
                button.primary type="submit" { (Msg::ImportSubmit.text(lang)) }
            }
            h2 { (Msg::ImportColumnsTitle.text(lang)) }
            ul {
                @for (name, required) in columns() {
                    li {
                        code { (name) } " — "
                        @if required { (Msg::ImportColumnRequired.text(lang)) } @else { (Msg::ImportColumnOptional.text(lang)) }
                    }
                }
            }
            p { a href=(paths::IMPORT_EXAMPLE) download { (Msg::ImportExampleFile.text(lang)) } }
        },
    )
}
