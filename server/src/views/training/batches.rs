//! Batch pages: the month calendar, one batch (with its participants for staff), the form,
//! and the enrolment log.

use bangkom_entities::enums::{BatchStatus, EnrolmentState};
use bangkom_entities::paging::Page;
use bangkom_entities::schema::{agencies, competencies, enrolments, training_programs};
use bangkom_entities::training::batches::{BatchInput, BatchRow};
use bangkom_entities::training::enrolments::{EventRow, ParticipantRow};
use bangkom_entities::training::states::{BatchAction, batch_actions};
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;
use maud::{Markup, html};

use super::{
    batch_action, batch_url, date_range, delivery_label, enrolment_action, enrolment_url, method_text, paths,
    program_url, state_badge, state_label, status_badge, status_label,
};
use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::format::{date, datetime};
use crate::views::layout::{Chrome, csrf_field, page};

pub fn new_url() -> String {
    format!("{}/baru", paths::BATCHES)
}

fn filter<'a>(filters: &'a [(&str, String)], name: &str) -> &'a str {
    filters.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str())
}

fn month_name(month: u32, lang: Lang) -> String {
    let d = NaiveDate::from_ymd_opt(2000, month, 1).unwrap_or_default();
    date(d, lang).split(' ').nth(1).unwrap_or_default().to_owned()
}

pub struct CalendarPage<'a> {
    pub year: i32,
    pub month: u32,
    pub rows: &'a [BatchRow],
    /// month, agency_id, competency_id, method, status.
    pub filters: &'a [(&'static str, String)],
    pub agencies: &'a [agencies::Model],
    pub competencies: &'a [competencies::Model],
    pub is_staff: bool,
    pub can_manage: bool,
}

pub fn calendar(chrome: &Chrome<'_>, p: &CalendarPage<'_>) -> Markup {
    let lang = chrome.lang;
    let none = FieldErrors::default();
    let title = Msg::TrainingCalendarTitle.text(lang);
    let first = NaiveDate::from_ymd_opt(p.year, p.month, 1).unwrap_or_default();
    let grid_start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let shift = |months: i32| {
        let total = p.year * 12 + p.month as i32 - 1 + months;
        format!("{:04}-{:02}", total.div_euclid(12), total.rem_euclid(12) + 1)
    };
    let link = |month: String| {
        let mut query: Vec<(&str, String)> =
            p.filters.iter().filter(|(k, v)| *k != "month" && !v.is_empty()).cloned().collect();
        query.push(("month", month));
        format!("{}?{}", paths::CALENDAR, serde_urlencoded::to_string(&query).unwrap_or_default())
    };
    let agencies: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::CatalogueAll.text(lang).to_owned()))
            .chain(p.agencies.iter().map(|a| (a.id.to_string(), a.name.clone())))
            .collect();
    let competencies: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::CatalogueAll.text(lang).to_owned()))
            .chain(p.competencies.iter().map(|c| {
                (
                    c.id.to_string(),
                    format!("{} · {}", c.code, if lang == Lang::Id { &c.name_id } else { &c.name_en }),
                )
            }))
            .collect();
    let statuses: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::CatalogueAll.text(lang).to_owned()))
            .chain(
                BatchStatus::ALL
                    .iter()
                    .filter(|s| p.is_staff || **s != BatchStatus::Draft)
                    .map(|s| (s.as_str().to_owned(), status_label(*s).text(lang).to_owned())),
            )
            .collect();
    let weekdays = [
        Msg::TrainingMon,
        Msg::TrainingTue,
        Msg::TrainingWed,
        Msg::TrainingThu,
        Msg::TrainingFri,
        Msg::TrainingSat,
        Msg::TrainingSun,
    ];
    page(
        chrome,
        title,
        html! {
            h1 { (title) }
            div.actions {
                a href=(paths::PROGRAMS) { (Msg::TrainingProgramsTitle.text(lang)) }
                a href=(paths::MINE) { (Msg::TrainingMineTitle.text(lang)) }
                a href=(paths::APPROVALS) { (Msg::TrainingApprovalsTitle.text(lang)) }
                @if p.is_staff { a href=(paths::RECAP) { (Msg::TrainingRecapTitle.text(lang)) } }
                @if p.can_manage { a.button href=(new_url()) { (Msg::TrainingBatchNew.text(lang)) } }
            }
            form.filters method="get" action=(paths::CALENDAR) role="search" {
                (input(Msg::TrainingMonth.text(lang), "month", "month", filter(p.filters, "month"), &none, lang))
                (select(Msg::FieldAgency.text(lang), "agency_id", &agencies, filter(p.filters, "agency_id"), &none, lang))
                (select(Msg::CompetencyFieldName.text(lang), "competency_id", &competencies, filter(p.filters, "competency_id"), &none, lang))
                (select(Msg::TrainingMethod.text(lang), "method",
                    &super::programs::method_options(lang, Msg::CatalogueAll.text(lang)), filter(p.filters, "method"), &none, lang))
                (select(Msg::TrainingBatchStatus.text(lang), "status", &statuses, filter(p.filters, "status"), &none, lang))
                div.actions { button.primary type="submit" { (Msg::CatalogueShow.text(lang)) } a href=(paths::CALENDAR) { (Msg::CatalogueClearFilters.text(lang)) } }
            }
            nav.pagination aria-label=(Msg::TrainingMonth.text(lang)) {
                a rel="prev" href=(link(shift(-1))) { "← " (Msg::TrainingPreviousMonth.text(lang)) }
                strong { (month_name(p.month, lang)) " " (p.year) }
                a rel="next" href=(link(shift(1))) { (Msg::TrainingNextMonth.text(lang)) " →" }
            }
            div.table-wrap {
                table.calendar {
                    thead { tr { @for d in weekdays { th scope="col" { (d.text(lang)) } } } }
                    tbody {
                        @for week in 0..6 {
                            @let monday = grid_start + Duration::days(week * 7);
                            @if week == 0 || monday.month() == p.month {
                                tr { @for d in 0..7 {
                                    @let day = monday + Duration::days(d);
                                    td class=(if day.month() == p.month { "day" } else { "day other" }) {
                                        span.daynum { (day.day()) }
                                        @for r in p.rows.iter().filter(|r| r.batch.starts_on <= day && day <= r.batch.ends_on) {
                                            a class={ "event state-" (r.batch.status.as_str()) } href=(batch_url(r.batch.id)) { (r.program.code) " · " (r.batch.batch_number) }
                                        }
                                    }
                                } }
                            }
                        }
                    }
                }
            }
            h2 { (Msg::TrainingBatchesThisMonth.text(lang)) }
            @if p.rows.is_empty() { p { (Msg::TrainingNoBatches.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr {
                        th scope="col" { (Msg::TrainingBatch.text(lang)) }
                        th scope="col" { (Msg::TrainingDates.text(lang)) }
                        th scope="col" { (Msg::TrainingMethod.text(lang)) }
                        th scope="col" { (Msg::TrainingJp.text(lang)) }
                        th scope="col" { (Msg::TrainingSeats.text(lang)) }
                        th scope="col" { (Msg::TrainingBatchStatus.text(lang)) }
                    } }
                    tbody { @for r in p.rows {
                        tr data-batch=(r.batch.id) {
                            td { a href=(batch_url(r.batch.id)) { (r.batch.name) } }
                            td { (date_range(r.batch.starts_on, r.batch.ends_on, lang)) }
                            td { (method_text(r.program.method, lang)) }
                            td { (r.program.jp) }
                            td { (r.batch.seats_taken) " / " (r.batch.quota) }
                            td { (status_badge(r.batch.status, lang)) }
                        }
                    } }
                } }
            }
        },
    )
}

/// What the visitor sees of their own place in the batch.
pub struct Own<'a> {
    pub enrolment: Option<&'a enrolments::Model>,
    /// Enrolment is open now and the visitor may enrol (no enrolment yet).
    pub can_enrol: bool,
    /// Why they may not, when the batch is open.
    pub ineligible: Vec<String>,
    pub can_withdraw: bool,
}

/// The staff part of a batch page.
pub struct StaffPart<'a> {
    pub participants: &'a Page<ParticipantRow>,
    pub state: &'a str,
    /// Admins: status changes and editing.
    pub can_manage: bool,
    pub nips: &'a str,
}

pub struct BatchPage<'a> {
    pub row: &'a BatchRow,
    pub counts: &'a [(EnrolmentState, i64)],
    pub own: Own<'a>,
    pub staff: Option<StaffPart<'a>>,
    pub errors: &'a FieldErrors,
    pub tz: Tz,
}

fn fact_time(at: Option<chrono::DateTime<chrono::Utc>>, tz: Tz, lang: Lang) -> String {
    at.map(|t| datetime(t, tz, lang)).unwrap_or_else(|| "—".into())
}

pub fn batch(chrome: &Chrome<'_>, p: &BatchPage<'_>) -> Markup {
    let lang = chrome.lang;
    let b = &p.row.batch;
    let prog: &training_programs::Model = &p.row.program;
    let count = |s: EnrolmentState| p.counts.iter().find(|(x, _)| *x == s).map_or(0, |(_, n)| *n);
    let time_fmt = if lang == Lang::Id { "%H.%M" } else { "%H:%M" };
    page(
        chrome,
        &b.name,
        html! {
            p.note { a href=(paths::CALENDAR) { "← " (Msg::TrainingCalendarTitle.text(lang)) } }
            h1 { (b.name) " " (status_badge(b.status, lang)) }
            p { a href=(program_url(prog.id)) { (prog.title) } " · " (method_text(prog.method, lang)) " · " (prog.jp) " JP" }
            (error_summary(p.errors, lang))
            dl.facts {
                dt { (Msg::TrainingDates.text(lang)) } dd { (date_range(b.starts_on, b.ends_on, lang)) }
                @if let (Some(s), Some(e)) = (b.daily_start_time, b.daily_end_time) {
                    dt { (Msg::TrainingDailyTime.text(lang)) } dd { (s.format(time_fmt)) "–" (e.format(time_fmt)) " " (chrono::Utc::now().with_timezone(&p.tz).format("%Z")) }
                }
                dt { (Msg::TrainingDelivery.text(lang)) } dd { (delivery_label(prog.delivery).text(lang)) }
                @if let Some(place) = &b.place { dt { (Msg::TrainingPlace.text(lang)) } dd { (place) } }
                @if let Some(url) = &b.online_url { dt { (Msg::TrainingOnlineUrl.text(lang)) } dd { a href=(url) rel="noopener" { (url) } } }
                dt { (Msg::TrainingSeats.text(lang)) } dd data-seats { (b.seats_taken) " / " (b.quota) }
                dt { (Msg::TrainingWaitlist.text(lang)) } dd data-waitlist { (count(EnrolmentState::Waitlisted)) }
                dt { (Msg::TrainingEnrolmentWindow.text(lang)) } dd { (fact_time(b.enrolment_opens_at, p.tz, lang)) " – " (fact_time(b.enrolment_closes_at, p.tz, lang)) }
                dt { (Msg::TrainingWithdrawalDeadline.text(lang)) } dd { (fact_time(b.withdrawal_deadline, p.tz, lang)) }
                dt { (Msg::TrainingApproval.text(lang)) }
                dd { @if prog.requires_supervisor_approval { (Msg::TrainingApprovalNeeded.text(lang)) } @else { (Msg::TrainingApprovalNotNeeded.text(lang)) } }
            }
            section.own {
                h2 { (Msg::TrainingYourPlace.text(lang)) }
                @match p.own.enrolment {
                    Some(e) => {
                        p data-own-state=(e.state.as_str()) {
                            (state_badge(e.state, lang))
                            @if let Some(pos) = e.waitlist_position { " " (Msg::TrainingWaitlistPosition.fill(lang, &[("position", &pos.to_string())])) }
                        }
                        p { a href=(enrolment_url(e.id)) { (Msg::TrainingEnrolmentDetails.text(lang)) } }
                        @if p.own.can_withdraw {
                            form.stack method="post" action=(enrolment_action(e.id, "mundur")) {
                                (csrf_field(chrome.csrf))
                                (input(Msg::TrainingWithdrawReason.text(lang), "reason", "text", "", p.errors, lang))
                                button.primary type="submit" { (Msg::TrainingWithdraw.text(lang)) }
                            }
                        }
                        @if p.own.can_enrol {
                            form.inline method="post" action=(batch_action(b.id, "daftar")) {
                                (csrf_field(chrome.csrf))
                                button.primary type="submit" { (Msg::TrainingEnrol.text(lang)) }
                            }
                        }
                    }
                    None => {
                        @if p.own.can_enrol {
                            form.inline method="post" action=(batch_action(b.id, "daftar")) {
                                (csrf_field(chrome.csrf))
                                button.primary type="submit" { (Msg::TrainingEnrol.text(lang)) }
                            }
                            @if prog.requires_supervisor_approval { p.note { (Msg::TrainingEnrolNeedsApproval.text(lang)) } }
                        } @else if !p.own.ineligible.is_empty() {
                            p { (Msg::TrainingNotEligible.text(lang)) }
                            ul { @for r in &p.own.ineligible { li { (r) } } }
                        } @else {
                            p { (Msg::TrainingNotOpenNote.text(lang)) }
                        }
                    }
                }
            }
            @if let Some(s) = &p.staff { (staff_part(chrome, p, s)) }
        },
    )
}

fn staff_part(chrome: &Chrome<'_>, p: &BatchPage<'_>, s: &StaffPart<'_>) -> Markup {
    let lang = chrome.lang;
    let b = &p.row.batch;
    let states: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::CatalogueAll.text(lang).to_owned()))
            .chain(
                EnrolmentState::ALL
                    .iter()
                    .map(|st| (st.as_str().to_owned(), state_label(*st).text(lang).to_owned())),
            )
            .collect();
    let filters = vec![("status", s.state.to_owned())];
    let none = FieldErrors::default();
    html! {
        section.staff {
            h2 { (Msg::TrainingManage.text(lang)) }
            div.actions {
                @if s.can_manage && !matches!(b.status, BatchStatus::Completed | BatchStatus::Cancelled) {
                    a.button href=(batch_action(b.id, "ubah")) { (Msg::CatalogueEdit.text(lang)) }
                }
                @if matches!(b.status, BatchStatus::Running | BatchStatus::Completed) {
                    a href=(batch_action(b.id, "kehadiran")) { (Msg::TrainingAttendanceTitle.text(lang)) }
                    a href=(batch_action(b.id, "kelulusan")) { (Msg::TrainingCompletionTitle.text(lang)) }
                }
                a href=(batch_action(b.id, "riwayat")) { (Msg::TrainingLogTitle.text(lang)) }
            }
            @if s.can_manage {
                @let actions = batch_actions(b.status);
                @if !actions.is_empty() {
                    form.stack method="post" action=(batch_action(b.id, "status")) {
                        (csrf_field(chrome.csrf))
                        p { (Msg::TrainingChangeStatus.text(lang)) }
                        (input(Msg::TrainingCancelReason.text(lang), "reason", "text", "", p.errors, lang))
                        div.actions { @for a in actions {
                            button.primary name="action" value=(a.as_str()) type="submit" { (action_label(a).text(lang)) }
                        } }
                    }
                }
            }
            @if matches!(b.status, BatchStatus::Open | BatchStatus::Closed) {
                form.stack method="post" action=(batch_action(b.id, "peserta")) {
                    (csrf_field(chrome.csrf))
                    label {
                        (Msg::TrainingEnrolOthers.text(lang))
                        textarea name="nips" rows="4" aria-describedby="nips-hint" { (s.nips) }
                    }
                    p.note #nips-hint { (Msg::TrainingEnrolOthersHint.text(lang)) }
                    button.primary type="submit" { (Msg::TrainingEnrol.text(lang)) }
                }
            }
            h2 { (Msg::TrainingParticipants.text(lang)) }
            p.note { (Msg::TrainingArrivalOrderNote.text(lang)) }
            form.filters method="get" action=(batch_url(b.id)) {
                (select(Msg::TrainingEnrolmentState.text(lang), "status", &states, s.state, &none, lang))
                div.actions { button.primary type="submit" { (Msg::CatalogueShow.text(lang)) } }
            }
            @if s.participants.items.is_empty() { p { (Msg::TrainingNoParticipants.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr {
                        th scope="col" { "#" }
                        th scope="col" { (Msg::FieldNip.text(lang)) }
                        th scope="col" { (Msg::FieldName.text(lang)) }
                        th scope="col" { (Msg::FieldAgency.text(lang)) }
                        th scope="col" { (Msg::TrainingRequestedAt.text(lang)) }
                        th scope="col" { (Msg::TrainingEnrolmentState.text(lang)) }
                        th scope="col" { (Msg::TrainingCertificate.text(lang)) }
                        th scope="col" { (Msg::TrainingActions.text(lang)) }
                    } }
                    tbody { @for r in &s.participants.items {
                        tr data-enrolment=(r.id) data-state=(r.state.as_str()) {
                            td { (r.id) }
                            td { (r.nip) }
                            td { a href=(enrolment_url(r.id)) { (r.name) } }
                            td { (r.agency_name) }
                            td { (datetime(r.requested_at, p.tz, lang)) }
                            td {
                                (state_badge(r.state, lang))
                                @if let Some(pos) = r.waitlist_position { " " (Msg::TrainingWaitlistPosition.fill(lang, &[("position", &pos.to_string())])) }
                            }
                            td { (r.certificate_number.as_deref().unwrap_or("")) }
                            td {
                                @if r.state == EnrolmentState::Requested {
                                    form.inline method="post" action=(enrolment_action(r.id, "putusan")) {
                                        (csrf_field(chrome.csrf))
                                        button.link name="decision" value="approve" type="submit" { (Msg::TrainingApprove.text(lang)) }
                                    }
                                    " · "
                                    a href=(enrolment_url(r.id)) { (Msg::TrainingReject.text(lang)) }
                                }
                                @if matches!(r.state, EnrolmentState::Requested | EnrolmentState::Approved | EnrolmentState::Waitlisted | EnrolmentState::Enrolled)
                                    && matches!(b.status, BatchStatus::Open | BatchStatus::Closed) {
                                    " "
                                    form.inline method="post" action=(enrolment_action(r.id, "mundur")) {
                                        (csrf_field(chrome.csrf))
                                        button.link type="submit" { (Msg::TrainingWithdrawOther.text(lang)) }
                                    }
                                }
                            }
                        }
                    } }
                } }
                (pagination(&batch_url(b.id), &filters, s.participants, lang))
            }
        }
    }
}

pub fn action_label(a: BatchAction) -> Msg {
    match a {
        BatchAction::Open => Msg::TrainingActionOpen,
        BatchAction::Close => Msg::TrainingActionClose,
        BatchAction::Start => Msg::TrainingActionStart,
        BatchAction::Complete => Msg::TrainingActionComplete,
        BatchAction::Cancel => Msg::TrainingActionCancel,
    }
}

pub struct FormPage<'a> {
    pub editing: Option<&'a BatchRow>,
    pub input: &'a BatchInput,
    pub errors: &'a FieldErrors,
    pub programs: &'a [training_programs::Model],
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let i = p.input;
    let (title, action) = match p.editing {
        Some(r) => {
            (Msg::CatalogueEditTitle.fill(lang, &[("name", &r.batch.name)]), batch_action(r.batch.id, "ubah"))
        }
        None => (Msg::TrainingBatchNew.text(lang).to_owned(), paths::BATCHES.to_owned()),
    };
    let programs: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::TrainingChooseProgram.text(lang).to_owned()))
            .chain(
                p.programs
                    .iter()
                    .map(|prog| (prog.id.to_string(), format!("{} · {}", prog.code, prog.title))),
            )
            .collect();
    page(
        chrome,
        &title,
        html! {
            h1 { (title) }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(action) novalidate {
                (csrf_field(chrome.csrf))
                (select(Msg::TrainingProgram.text(lang), "program_id", &programs, &i.program_id, p.errors, lang))
                (input(Msg::TrainingBatchNumber.text(lang), "batch_number", "number", &i.batch_number, p.errors, lang))
                (input(Msg::TrainingBatchName.text(lang), "name", "text", &i.name, p.errors, lang))
                (input(Msg::TrainingStartsOn.text(lang), "starts_on", "date", &i.starts_on, p.errors, lang))
                (input(Msg::TrainingEndsOn.text(lang), "ends_on", "date", &i.ends_on, p.errors, lang))
                (input(Msg::TrainingDailyStart.text(lang), "daily_start_time", "time", &i.daily_start_time, p.errors, lang))
                (input(Msg::TrainingDailyEnd.text(lang), "daily_end_time", "time", &i.daily_end_time, p.errors, lang))
                (input(Msg::TrainingPlace.text(lang), "place", "text", &i.place, p.errors, lang))
                (input(Msg::TrainingOnlineUrl.text(lang), "online_url", "url", &i.online_url, p.errors, lang))
                (input(Msg::TrainingQuota.text(lang), "quota", "number", &i.quota, p.errors, lang))
                p.note { (Msg::TrainingZoneNote.text(lang)) }
                (input(Msg::TrainingOpensAt.text(lang), "enrolment_opens_at", "datetime-local", &i.enrolment_opens_at, p.errors, lang))
                (input(Msg::TrainingClosesAt.text(lang), "enrolment_closes_at", "datetime-local", &i.enrolment_closes_at, p.errors, lang))
                (input(Msg::TrainingWithdrawalDeadline.text(lang), "withdrawal_deadline", "datetime-local", &i.withdrawal_deadline, p.errors, lang))
                div.actions { button.primary type="submit" { (Msg::Save.text(lang)) } a href=(paths::CALENDAR) { (Msg::CatalogueBack.text(lang)) } }
            }
        },
    )
}

pub struct LogPage<'a> {
    pub row: &'a BatchRow,
    pub events: &'a Page<EventRow>,
    pub tz: Tz,
}

/// The enrolment log: every state change of every enrolment, in the order it happened.
pub fn log(chrome: &Chrome<'_>, p: &LogPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::TrainingLogTitle.text(lang);
    let base = batch_action(p.row.batch.id, "riwayat");
    page(
        chrome,
        title,
        html! {
            p.note { a href=(batch_url(p.row.batch.id)) { "← " (p.row.batch.name) } }
            h1 { (title) }
            p.note { (Msg::TrainingLogIntro.text(lang)) }
            (events_table(&p.events.items, p.tz, lang))
            (pagination(&base, &[], p.events, lang))
        },
    )
}

pub fn events_table(events: &[EventRow], tz: Tz, lang: Lang) -> Markup {
    html! {
        div.table-wrap { table {
            thead { tr {
                th scope="col" { (Msg::AuditTime.text(lang)) }
                th scope="col" { (Msg::FieldName.text(lang)) }
                th scope="col" { (Msg::AuditBefore.text(lang)) }
                th scope="col" { (Msg::AuditAfter.text(lang)) }
                th scope="col" { (Msg::AuditUser.text(lang)) }
                th scope="col" { (Msg::TrainingMailReason.text(lang)) }
            } }
            tbody { @for e in events {
                tr data-event=(e.id) {
                    td { (datetime(e.at, tz, lang)) }
                    td { a href=(enrolment_url(e.enrolment_id)) { (e.name) } " (" (e.nip) ")" }
                    td { @if let Some(f) = e.from_state { (state_label(f).text(lang)) } @else { "—" } }
                    td { (state_label(e.to_state).text(lang)) }
                    td { (e.by_email.as_deref().unwrap_or(Msg::AuditSystem.text(lang))) }
                    td { (e.reason.as_deref().unwrap_or("")) }
                }
            } }
        } }
    }
}

/// The day of a month a `YYYY-MM` string names.
pub fn parse_month(raw: &str) -> Option<(i32, u32)> {
    let (y, m) = raw.trim().split_once('-')?;
    let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    use bangkom_entities::validation::{YEAR_MAX, YEAR_MIN};
    ((YEAR_MIN..=YEAR_MAX).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}
