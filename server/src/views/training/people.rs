//! Pages about people's enrolments: one's own trainings and JP, the requests waiting for a
//! supervisor's decision, and one enrolment with its history.

use bangkom_entities::paging::Page;
use bangkom_entities::training::Rules;
use bangkom_entities::training::enrolments::{EnrolmentView, EventRow, MyEnrolment, PendingRow};
use bangkom_entities::training::recap::EmployeeYear;
use chrono_tz::Tz;
use maud::{Markup, html};

use super::batches::events_table;
use super::{
    batch_url, date_range, enrolment_action, enrolment_url, jp, paths, recap_employee_url, state_badge,
};
use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::views::components::{error_summary, input, pagination};
use crate::views::format::datetime;
use crate::views::layout::{Chrome, csrf_field, page};

/// The employee's trainings as a table (also on the home page).
pub fn trainings_table(rows: &[MyEnrolment], lang: Lang) -> Markup {
    html! {
        @if rows.is_empty() { p { (Msg::TrainingNoEnrolments.text(lang)) } } @else {
            div.table-wrap { table {
                thead { tr {
                    th scope="col" { (Msg::TrainingBatch.text(lang)) }
                    th scope="col" { (Msg::TrainingDates.text(lang)) }
                    th scope="col" { (Msg::TrainingEnrolmentState.text(lang)) }
                    th scope="col" { (Msg::TrainingJp.text(lang)) }
                    th scope="col" { (Msg::TrainingCertificate.text(lang)) }
                } }
                tbody { @for r in rows {
                    tr data-enrolment=(r.enrolment.id) data-state=(r.enrolment.state.as_str()) {
                        td { a href=(batch_url(r.batch.id)) { (r.batch.name) } }
                        td { (date_range(r.batch.starts_on, r.batch.ends_on, lang)) }
                        td {
                            a href=(enrolment_url(r.enrolment.id)) { (state_badge(r.enrolment.state, lang)) }
                            @if let Some(pos) = r.enrolment.waitlist_position {
                                " " (Msg::TrainingWaitlistPosition.fill(lang, &[("position", &pos.to_string())]))
                            }
                        }
                        td { (r.enrolment.jp_credited.map(|j| j.to_string()).unwrap_or_default()) }
                        td { (r.enrolment.certificate_number.as_deref().unwrap_or("")) }
                    }
                } }
            } }
        }
    }
}

/// "12 / 20 JP" with the rule that applies (floor for PNS, ceiling for PPPK).
pub fn jp_summary(year: &EmployeeYear, rules: &Rules, lang: Lang) -> Markup {
    use bangkom_entities::enums::EmploymentType;
    use bangkom_entities::training::recap::Standing;
    let row = &year.row;
    let total = row.total_jp(rules);
    let (target, rule) = match row.employment_type {
        EmploymentType::Pns => {
            (rules.pns_min_jp, Msg::TrainingRulePns.fill(lang, &[("jp", &rules.pns_min_jp.to_string())]))
        }
        EmploymentType::Pppk => {
            (rules.pppk_max_jp, Msg::TrainingRulePppk.fill(lang, &[("jp", &rules.pppk_max_jp.to_string())]))
        }
    };
    let standing = match row.standing(rules) {
        Standing::Reached => Msg::TrainingStandingReached,
        Standing::Below => Msg::TrainingStandingBelow,
        Standing::WithinCeiling => Msg::TrainingStandingWithin,
        Standing::OverCeiling => Msg::TrainingStandingOver,
    };
    let percent = ((total / f64::from(target.max(1))) * 100.0).clamp(0.0, 100.0) as u32;
    html! {
        div.jp-summary data-jp-total=(jp(total, lang)) data-jp-target=(target) {
            p.figure { strong { (jp(total, lang)) } " / " (target) " JP " span.note { "(" (year.year) ")" } }
            progress max="100" value=(percent) aria-label=(Msg::TrainingJpProgress.text(lang)) { (percent) "%" }
            p { (Msg::fill(standing, lang, &[("jp", &jp((f64::from(target) - total).max(0.0), lang))])) }
            p.note { (rule) }
            ul.sources {
                li { (Msg::TrainingClassical.text(lang)) ": " (row.classical_jp) " JP (" (Msg::TrainingSourceTraining.text(lang)) ")" }
                li { (Msg::TrainingNonClassical.text(lang)) ": " (row.nonclassical_jp) " JP (" (Msg::TrainingSourceTraining.text(lang)) ")" }
                li { (Msg::TrainingNonClassical.text(lang)) ": " (jp(row.mentoring_jp(rules), lang)) " JP (" (Msg::TrainingSourceMentoring.text(lang)) ", "
                    (Msg::TrainingMentoringMinutes.fill(lang, &[("minutes", &row.mentoring_minutes.to_string()), ("per", &rules.mentoring_minutes_per_jp.to_string())])) ")" }
            }
            p { a href=(recap_employee_url(row.employee_id, year.year)) { (Msg::TrainingRecapDetails.text(lang)) } }
        }
    }
}

pub struct MinePage<'a> {
    pub year: &'a EmployeeYear,
    pub rows: &'a [MyEnrolment],
    pub rules: &'a Rules,
}

pub fn mine(chrome: &Chrome<'_>, p: &MinePage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::TrainingMineTitle.text(lang);
    page(
        chrome,
        title,
        html! {
            h1 { (title) }
            div.actions { a href=(paths::CALENDAR) { (Msg::TrainingCalendarTitle.text(lang)) } }
            h2 { (Msg::TrainingJpThisYear.text(lang)) }
            (jp_summary(p.year, p.rules, lang))
            h2 { (Msg::TrainingMyEnrolments.text(lang)) }
            (trainings_table(p.rows, lang))
        },
    )
}

pub struct ApprovalsPage<'a> {
    pub page: &'a Page<PendingRow>,
    pub tz: Tz,
}

pub fn approvals(chrome: &Chrome<'_>, p: &ApprovalsPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::TrainingApprovalsTitle.text(lang);
    page(
        chrome,
        title,
        html! {
            h1 { (title) }
            p.note { (Msg::TrainingApprovalsIntro.text(lang)) }
            @if p.page.items.is_empty() { p { (Msg::TrainingNoPending.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr {
                        th scope="col" { (Msg::FieldName.text(lang)) }
                        th scope="col" { (Msg::TrainingBatch.text(lang)) }
                        th scope="col" { (Msg::TrainingDates.text(lang)) }
                        th scope="col" { (Msg::TrainingRequestedAt.text(lang)) }
                        th scope="col" { (Msg::TrainingActions.text(lang)) }
                    } }
                    tbody { @for r in &p.page.items {
                        tr data-enrolment=(r.id) {
                            td { (r.name) " (" (r.nip) ")" }
                            td { a href=(batch_url(r.batch_id)) { (r.batch_name) } br; span.note { (r.program_title) } }
                            td { (date_range(r.starts_on, r.ends_on, lang)) }
                            td { (datetime(r.requested_at, p.tz, lang)) }
                            td { a href=(enrolment_url(r.id)) { (Msg::TrainingDecide.text(lang)) } }
                        }
                    } }
                } }
            }
            (pagination(paths::APPROVALS, &[], p.page, lang))
        },
    )
}

pub struct EnrolmentPage<'a> {
    pub view: &'a EnrolmentView,
    pub events: &'a [EventRow],
    pub errors: &'a FieldErrors,
    pub tz: Tz,
}

pub fn enrolment(chrome: &Chrome<'_>, p: &EnrolmentPage<'_>) -> Markup {
    let lang = chrome.lang;
    let v = p.view;
    let e = &v.enrolment;
    let title = format!("{} · {}", v.employee.name, v.batch.name);
    page(
        chrome,
        &title,
        html! {
            p.note { a href=(batch_url(v.batch.id)) { "← " (v.batch.name) } }
            h1 { (Msg::TrainingEnrolmentOf.fill(lang, &[("name", &v.employee.name)])) }
            (error_summary(p.errors, lang))
            dl.facts {
                dt { (Msg::FieldNip.text(lang)) } dd { (v.employee.nip) }
                dt { (Msg::TrainingBatch.text(lang)) } dd { a href=(batch_url(v.batch.id)) { (v.batch.name) } }
                dt { (Msg::TrainingProgram.text(lang)) } dd { (v.program.title) }
                dt { (Msg::TrainingDates.text(lang)) } dd { (date_range(v.batch.starts_on, v.batch.ends_on, lang)) }
                dt { (Msg::TrainingEnrolmentState.text(lang)) }
                dd data-state=(e.state.as_str()) {
                    (state_badge(e.state, lang))
                    @if let Some(pos) = e.waitlist_position { " " (Msg::TrainingWaitlistPosition.fill(lang, &[("position", &pos.to_string())])) }
                }
                dt { (Msg::TrainingArrival.text(lang)) } dd { "#" (e.id) " · " (datetime(e.requested_at, p.tz, lang)) }
                @if let Some(reason) = &e.decision_reason { dt { (Msg::TrainingMailReason.text(lang)) } dd { (reason) } }
                @if let Some(jp) = e.jp_credited { dt { (Msg::TrainingJp.text(lang)) } dd { (jp) " (" (e.credited_year.unwrap_or_default()) ")" } }
                @if let Some(c) = &e.certificate_number { dt { (Msg::TrainingCertificate.text(lang)) } dd data-certificate { (c) } }
            }
            @if v.allowed.can_decide {
                h2 { (Msg::TrainingDecide.text(lang)) }
                form.stack method="post" action=(enrolment_action(e.id, "putusan")) {
                    (csrf_field(chrome.csrf))
                    (input(Msg::TrainingDecisionReason.text(lang), "reason", "text", "", p.errors, lang))
                    div.actions {
                        button.primary name="decision" value="approve" type="submit" { (Msg::TrainingApprove.text(lang)) }
                        button.primary name="decision" value="reject" type="submit" { (Msg::TrainingReject.text(lang)) }
                    }
                }
            }
            @if v.allowed.can_withdraw {
                h2 { (Msg::TrainingWithdraw.text(lang)) }
                form.stack method="post" action=(enrolment_action(e.id, "mundur")) {
                    (csrf_field(chrome.csrf))
                    (input(Msg::TrainingWithdrawReason.text(lang), "reason", "text", "", p.errors, lang))
                    button.primary type="submit" { (Msg::TrainingWithdraw.text(lang)) }
                }
            }
            h2 { (Msg::TrainingHistory.text(lang)) }
            (events_table(p.events, p.tz, lang))
        },
    )
}

/// The signed-in employee's home page: JP this year against the rule for their employment
/// type, their trainings, and the open batches that fit them.
pub fn home(chrome: &Chrome<'_>, home: &bangkom_entities::training::recap::Home, rules: &Rules) -> Markup {
    let lang = chrome.lang;
    let name = &home.year.employee.name;
    let shown: Vec<MyEnrolment> = home.enrolments.iter().take(10).cloned().collect();
    page(
        chrome,
        Msg::NavHome.text(lang),
        html! {
            h1 { (Msg::TrainingHomeGreeting.fill(lang, &[("name", name)])) }
            section.jp {
                h2 { (Msg::TrainingJpThisYear.text(lang)) }
                (jp_summary(&home.year, rules, lang))
            }
            section.open-batches {
                h2 { (Msg::TrainingOpenForYou.text(lang)) }
                @if home.open_batches.is_empty() { p { (Msg::TrainingNothingOpenForYou.text(lang)) } } @else {
                    div.table-wrap { table {
                        thead { tr {
                            th scope="col" { (Msg::TrainingBatch.text(lang)) }
                            th scope="col" { (Msg::TrainingDates.text(lang)) }
                            th scope="col" { (Msg::TrainingMethod.text(lang)) }
                            th scope="col" { (Msg::TrainingJp.text(lang)) }
                            th scope="col" { (Msg::TrainingSeats.text(lang)) }
                        } }
                        tbody { @for r in &home.open_batches {
                            tr data-batch=(r.batch.id) {
                                td { a href=(batch_url(r.batch.id)) { (r.batch.name) } }
                                td { (date_range(r.batch.starts_on, r.batch.ends_on, lang)) }
                                td { (super::method_text(r.program.method, lang)) }
                                td { (r.program.jp) }
                                td { (r.batch.seats_taken) " / " (r.batch.quota) }
                            }
                        } }
                    } }
                }
            }
            section.trainings {
                h2 { (Msg::TrainingMyEnrolments.text(lang)) }
                (trainings_table(&shown, lang))
                p { a href=(paths::MINE) { (Msg::TrainingMineTitle.text(lang)) } " · " a href=(paths::CALENDAR) { (Msg::TrainingCalendarTitle.text(lang)) } }
            }
        },
    )
}
