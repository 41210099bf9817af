//! Delivery pages: the attendance list of one day (tick, or import a CSV) and the results.

use std::collections::HashMap;

use bangkom_entities::enums::EnrolmentState;
use bangkom_entities::training::batches::BatchRow;
use bangkom_entities::training::enrolments::ParticipantRow;
use chrono::NaiveDate;
use maud::{Markup, html};

use super::{batch_action, batch_url, state_badge};
use crate::forms::FieldErrors;
use crate::i18n::Msg;
use crate::views::components::error_summary;
use crate::views::format::date;
use crate::views::layout::{Chrome, csrf_field, page};

pub struct AttendancePage<'a> {
    pub row: &'a BatchRow,
    pub days: &'a [NaiveDate],
    pub day: NaiveDate,
    pub sheet: &'a [(ParticipantRow, Option<bool>)],
    pub errors: &'a FieldErrors,
}

pub fn attendance(chrome: &Chrome<'_>, p: &AttendancePage<'_>) -> Markup {
    let lang = chrome.lang;
    let b = &p.row.batch;
    let title = Msg::TrainingAttendanceTitle.text(lang);
    let base = batch_action(b.id, "kehadiran");
    page(
        chrome,
        title,
        html! {
            p.note { a href=(batch_url(b.id)) { "← " (b.name) } }
            h1 { (title) }
            (error_summary(p.errors, lang))
            nav.days aria-label=(Msg::TrainingDates.text(lang)) { ul {
                @for d in p.days {
                    li { @if *d == p.day { strong aria-current="date" { (date(*d, lang)) } } @else {
                        a href={ (base) "?tanggal=" (d) } { (date(*d, lang)) }
                    } }
                }
            } }
            h2 { (date(p.day, lang)) }
            @if p.sheet.is_empty() { p { (Msg::TrainingNoParticipants.text(lang)) } } @else {
                form method="post" action=(base) {
                    (csrf_field(chrome.csrf))
                    input type="hidden" name="tanggal" value=(p.day);
                    div.table-wrap { table {
                        thead { tr {
                            th scope="col" { (Msg::TrainingPresent.text(lang)) }
                            th scope="col" { (Msg::FieldNip.text(lang)) }
                            th scope="col" { (Msg::FieldName.text(lang)) }
                            th scope="col" { (Msg::TrainingRecorded.text(lang)) }
                        } }
                        tbody { @for (r, recorded) in p.sheet {
                            tr data-enrolment=(r.id) {
                                td { input type="checkbox" name="present" value=(r.id) id={ "present-" (r.id) } checked[recorded.unwrap_or(true)]; }
                                td { label for={ "present-" (r.id) } { (r.nip) } }
                                td { (r.name) }
                                td { @match recorded {
                                    Some(true) => { (Msg::TrainingPresent.text(lang)) }
                                    Some(false) => { (Msg::TrainingAbsent.text(lang)) }
                                    None => { "—" }
                                } }
                            }
                        } }
                    } }
                    div.actions { button.primary type="submit" { (Msg::TrainingSaveAttendance.text(lang)) } }
                }
            }
            h2 { (Msg::TrainingImportAttendance.text(lang)) }
            p.note { (Msg::TrainingImportAttendanceHint.text(lang)) }
            form.stack method="post" action={ (base) "/impor" } enctype="multipart/form-data" {
                (csrf_field(chrome.csrf))
                label { (Msg::ImportFileLabel.text(lang)) input type="file" name="file" accept=".csv,text/csv"; }
                button.primary type="submit" { (Msg::ImportSubmit.text(lang)) }
            }
        },
    )
}

pub struct CompletionPage<'a> {
    pub row: &'a BatchRow,
    pub people: &'a [ParticipantRow],
    /// Present days and recorded days per enrolment.
    pub attendance: &'a HashMap<i64, (i64, i64)>,
    pub days: usize,
    pub errors: &'a FieldErrors,
}

pub fn completion(chrome: &Chrome<'_>, p: &CompletionPage<'_>) -> Markup {
    let lang = chrome.lang;
    let b = &p.row.batch;
    let title = Msg::TrainingCompletionTitle.text(lang);
    let choices = [
        ("", Msg::TrainingNoChange),
        ("passed", Msg::TrainingStatePassed),
        ("failed", Msg::TrainingStateFailed),
        ("no_show", Msg::TrainingStateNoShow),
        ("attended", Msg::TrainingStateAttended),
    ];
    page(
        chrome,
        title,
        html! {
            p.note { a href=(batch_url(b.id)) { "← " (b.name) } }
            h1 { (title) }
            p.note { (Msg::TrainingCompletionIntro.fill(lang, &[("jp", &p.row.program.jp.to_string())])) }
            (error_summary(p.errors, lang))
            @if p.people.is_empty() { p { (Msg::TrainingNoParticipants.text(lang)) } } @else {
                form method="post" action=(batch_action(b.id, "kelulusan")) {
                    (csrf_field(chrome.csrf))
                    div.table-wrap { table {
                        thead { tr {
                            th scope="col" { (Msg::FieldNip.text(lang)) }
                            th scope="col" { (Msg::FieldName.text(lang)) }
                            th scope="col" { (Msg::TrainingAttendanceDays.text(lang)) }
                            th scope="col" { (Msg::TrainingEnrolmentState.text(lang)) }
                            th scope="col" { (Msg::TrainingResult.text(lang)) }
                        } }
                        tbody { @for r in p.people {
                            @let (present, _) = p.attendance.get(&r.id).copied().unwrap_or_default();
                            tr data-enrolment=(r.id) {
                                td { (r.nip) }
                                td { (r.name) }
                                td { (present) " / " (p.days) }
                                td { (state_badge(r.state, lang)) @if let Some(c) = &r.certificate_number { br; span.note { (c) } } }
                                td {
                                    @if matches!(r.state, EnrolmentState::Enrolled | EnrolmentState::Attended) {
                                        input type="hidden" name="enrolment" value=(r.id);
                                        select name="result" aria-label=(Msg::TrainingResultFor.fill(lang, &[("name", &r.name)])) {
                                            @for (value, label) in choices {
                                                @if value != "attended" || r.state == EnrolmentState::Enrolled {
                                                    option value=(value) { (label.text(lang)) }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        } }
                    } }
                    div.actions { button.primary type="submit" { (Msg::TrainingSaveResults.text(lang)) } }
                }
            }
        },
    )
}
