//! Employee pages: the staff list with its filters, the record, the create and edit form,
//! and the read-only record for supervisors, mentors and the employee themself.

use bangkom_entities::employees::{EmployeeInput, EmployeeRecord, EmployeeRow};
use bangkom_entities::enums::{EmploymentType, Grade, PppkGrade};
use bangkom_entities::nip::{Gender, Nip};
use bangkom_entities::paging::Page;
use bangkom_entities::records::{EmployeeGrade, contract_ended};
use bangkom_entities::schema::{agencies, employees, positions};
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg, long_date};
use crate::routes::paths;
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::format;
use crate::views::layout::{Chrome, csrf_field, page};
use crate::views::profile::role_label;

/// The read-only record page of supervisors, mentors and the employee themself.
pub const PERSONAL: &str = "/pegawai";

pub fn url(id: i64) -> String {
    format!("{}/{id}", paths::ADMIN_EMPLOYEES)
}

pub fn new_url() -> String {
    format!("{}/baru", paths::ADMIN_EMPLOYEES)
}

pub fn edit_url(id: i64) -> String {
    format!("{}/{id}/ubah", paths::ADMIN_EMPLOYEES)
}

pub fn deactivate_url(id: i64) -> String {
    format!("{}/{id}/nonaktifkan", paths::ADMIN_EMPLOYEES)
}

pub fn activate_url(id: i64) -> String {
    format!("{}/{id}/aktifkan", paths::ADMIN_EMPLOYEES)
}

pub fn personal_url(id: i64) -> String {
    format!("{PERSONAL}/{id}")
}

pub fn type_label(kind: EmploymentType) -> Msg {
    match kind {
        EmploymentType::Pns => Msg::EmployeeTypePns,
        EmploymentType::Pppk => Msg::EmployeeTypePppk,
    }
}

fn status_label(active: bool) -> Msg {
    if active { Msg::EmployeeActive } else { Msg::EmployeeInactive }
}

/// The agencies as select options, indented by depth.
pub fn agency_options(
    agencies: &[(agencies::Model, usize)],
    first: (String, String),
) -> Vec<(String, String)> {
    std::iter::once(first)
        .chain(
            agencies
                .iter()
                .map(|(a, depth)| (a.id.to_string(), format!("{}{}", "— ".repeat(*depth), a.name))),
        )
        .collect()
}

fn position_options(positions: &[positions::Model], first: (String, String)) -> Vec<(String, String)> {
    std::iter::once(first).chain(positions.iter().map(|p| (p.id.to_string(), p.name.clone()))).collect()
}

/// The value of one list filter.
fn filter<'a>(filters: &'a [(&str, String)], name: &str) -> &'a str {
    filters.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str())
}

pub struct ListPage<'a> {
    pub page: &'a Page<EmployeeRow>,
    /// The filters as given (q, agency_id, position_id, employment_type, active), kept by
    /// the pagination links.
    pub filters: &'a [(&'static str, String)],
    pub agencies: &'a [(agencies::Model, usize)],
    pub positions: &'a [positions::Model],
}

pub fn list(chrome: &Chrome<'_>, p: &ListPage<'_>) -> Markup {
    let lang = chrome.lang;
    let none = FieldErrors::default();
    let f = |name| filter(p.filters, name);
    let types = [
        (String::new(), Msg::EmployeeAllTypes.text(lang).to_owned()),
        ("pns".to_owned(), Msg::EmployeeTypePns.text(lang).to_owned()),
        ("pppk".to_owned(), Msg::EmployeeTypePppk.text(lang).to_owned()),
    ];
    let statuses = [
        (String::new(), Msg::EmployeeAllStatuses.text(lang).to_owned()),
        ("true".to_owned(), Msg::EmployeeActive.text(lang).to_owned()),
        ("false".to_owned(), Msg::EmployeeInactive.text(lang).to_owned()),
    ];
    page(
        chrome,
        Msg::EmployeeListTitle.text(lang),
        html! {
            h1 { (Msg::EmployeeListTitle.text(lang)) }
            div.actions { a.button href=(new_url()) { (Msg::EmployeeNew.text(lang)) } }
            form.filters method="get" action=(paths::ADMIN_EMPLOYEES) role="search" {
                (input(Msg::EmployeeSearch.text(lang), "q", "search", f("q"), &none, lang))
                (select(Msg::FieldAgency.text(lang), "agency_id",
                    &agency_options(p.agencies, (String::new(), Msg::EmployeeAllAgencies.text(lang).to_owned())),
                    f("agency_id"), &none, lang))
                (select(Msg::EmployeePosition.text(lang), "position_id",
                    &position_options(p.positions, (String::new(), Msg::EmployeeAllPositions.text(lang).to_owned())),
                    f("position_id"), &none, lang))
                (select(Msg::EmployeeType.text(lang), "employment_type", &types, f("employment_type"), &none, lang))
                (select(Msg::EmployeeStatus.text(lang), "active", &statuses, f("active"), &none, lang))
                div.actions {
                    button.primary type="submit" { (Msg::EmployeeFilterSubmit.text(lang)) }
                    a href=(paths::ADMIN_EMPLOYEES) { (Msg::EmployeeFilterReset.text(lang)) }
                }
            }
            @if p.page.items.is_empty() {
                p { (Msg::EmployeeNone.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (Msg::FieldNip.text(lang)) }
                            th scope="col" { (Msg::FieldName.text(lang)) }
                            th scope="col" { (Msg::FieldAgency.text(lang)) }
                            th scope="col" { (Msg::EmployeePosition.text(lang)) }
                            th scope="col" { (Msg::EmployeeType.text(lang)) }
                            th scope="col" { (Msg::EmployeeStatus.text(lang)) }
                        } }
                        tbody {
                            @for e in &p.page.items {
                                tr data-employee=(e.nip) {
                                    td { (e.nip) }
                                    td { a href=(url(e.id)) { (e.name) } }
                                    td { (e.agency_name) }
                                    td { (e.position_name.as_deref().unwrap_or("—")) }
                                    td { (type_label(e.employment_type).text(lang)) }
                                    td { (status_label(e.is_active).text(lang)) }
                                }
                            }
                        }
                    }
                }
            }
            (pagination(paths::ADMIN_EMPLOYEES, p.filters, p.page, lang))
        },
    )
}

pub struct FormPage<'a> {
    /// The employee being edited; none for a new one.
    pub editing: Option<&'a employees::Model>,
    pub input: &'a EmployeeInput,
    pub errors: &'a FieldErrors,
    pub agencies: &'a [(agencies::Model, usize)],
    pub positions: &'a [positions::Model],
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let (title, action) = match p.editing {
        Some(e) => (Msg::EmployeeEditTitle, edit_url(e.id)),
        None => (Msg::EmployeeNewTitle, paths::ADMIN_EMPLOYEES.to_owned()),
    };
    let i = p.input;
    let types: Vec<(String, String)> = EmploymentType::ALL
        .iter()
        .map(|t| (t.as_str().to_owned(), type_label(*t).text(lang).to_owned()))
        .collect();
    let grades: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::EmployeeNoGrade.text(lang).to_owned()))
            .chain(Grade::ALL.iter().map(|g| (g.as_str().to_owned(), format!("PNS {}", g.as_str()))))
            .chain(PppkGrade::ALL.iter().map(|g| (g.as_str().to_owned(), format!("PPPK {}", g.as_str()))))
            .collect();
    let active_error = p.errors.for_field("is_active", lang);
    page(
        chrome,
        title.text(lang),
        html! {
            h1 { (title.text(lang)) }
            @if let Some(e) = p.editing { p { (e.name) " · " (e.nip) } }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(action) novalidate {
                (csrf_field(chrome.csrf))
                (input(Msg::FieldNip.text(lang), "nip", "text", &i.nip, p.errors, lang))
                p.note { (Msg::EmployeeNipHint.text(lang)) }
                (input(Msg::FieldName.text(lang), "name", "text", &i.name, p.errors, lang))
                (input(Msg::EmployeeEmailOptional.text(lang), "email", "email", &i.email, p.errors, lang))
                (select(Msg::EmployeeType.text(lang), "employment_type", &types, &i.employment_type, p.errors, lang))
                (select(Msg::FieldAgency.text(lang), "agency_id",
                    &agency_options(p.agencies, (String::new(), Msg::EmployeeChooseAgency.text(lang).to_owned())),
                    &i.agency_id, p.errors, lang))
                (select(Msg::EmployeePosition.text(lang), "position_id",
                    &position_options(p.positions, (String::new(), Msg::EmployeeNoPosition.text(lang).to_owned())),
                    &i.position_id, p.errors, lang))
                (select(Msg::EmployeeGrade.text(lang), "grade", &grades, &i.grade, p.errors, lang))
                (input(Msg::EmployeeContractStart.text(lang), "contract_start", "date", &i.contract_start, p.errors, lang))
                (input(Msg::EmployeeContractEnd.text(lang), "contract_end", "date", &i.contract_end, p.errors, lang))
                (input(Msg::EmployeeCpnsAppointedOn.text(lang), "cpns_appointed_on", "date", &i.cpns_appointed_on, p.errors, lang))
                (input(Msg::EmployeeSupervisorNip.text(lang), "supervisor_nip", "text", &i.supervisor_nip, p.errors, lang))
                p.note { (Msg::EmployeeSupervisorHint.text(lang)) }
                label {
                    span {
                        input type="checkbox" name="is_active" value="true" checked[i.is_active]
                            aria-invalid=[active_error.as_ref().map(|_| "true")];
                        " " (Msg::EmployeeIsActive.text(lang))
                    }
                    @if let Some(error) = &active_error { span.field-error { (error) } }
                }
                div.actions {
                    button.primary type="submit" { (Msg::Save.text(lang)) }
                    @match p.editing {
                        Some(e) => a href=(url(e.id)) { (Msg::EmployeeCancel.text(lang)) },
                        None => a href=(paths::ADMIN_EMPLOYEES) { (Msg::EmployeeCancel.text(lang)) },
                    }
                }
            }
        },
    )
}

/// Where the record's names link to: a URL for the records the viewer may open.
pub struct Links<'a> {
    pub employee: &'a dyn Fn(&employees::Model) -> Option<String>,
    pub account: Option<String>,
    /// Whether the linked account is shown at all (staff pages only).
    pub show_account: bool,
}

/// The facts of a record, shared by the staff page and the read-only page.
fn facts(record: &EmployeeRecord, links: &Links<'_>, lang: Lang) -> Markup {
    let e = &record.employee;
    let nip = Nip::parse(&e.nip).ok();
    let link = |other: &employees::Model| {
        html! {
            @match (links.employee)(other) {
                Some(href) => a href=(href) { (other.name) },
                None => (other.name),
            }
            " (" (other.nip) ")"
        }
    };
    html! {
        dl.facts {
            dt { (Msg::FieldNip.text(lang)) } dd data-field="nip" { (e.nip) }
            @if let Some(nip) = &nip {
                dt { (Msg::EmployeeBirthDate.text(lang)) } dd data-field="birth_date" { (format::date(nip.birth_date(), lang)) }
                dt { (Msg::EmployeeGender.text(lang)) }
                dd data-field="gender" {
                    @match nip.gender() {
                        Gender::Male => (Msg::EmployeeMale.text(lang)),
                        Gender::Female => (Msg::EmployeeFemale.text(lang)),
                    }
                }
            }
            dt { (Msg::FieldName.text(lang)) } dd { (e.name) }
            dt { (Msg::FieldEmail.text(lang)) } dd { (e.email.as_deref().unwrap_or("—")) }
            dt { (Msg::EmployeeType.text(lang)) } dd { (type_label(e.employment_type).text(lang)) }
            dt { (Msg::FieldAgency.text(lang)) } dd { (record.agency.as_ref().map_or("—", |a| a.name.as_str())) }
            dt { (Msg::EmployeePosition.text(lang)) } dd { (record.position.as_ref().map_or("—", |p| p.name.as_str())) }
            dt { (Msg::EmployeeGrade.text(lang)) } dd data-field="grade" { (EmployeeGrade::of(e).map_or("—", |g| g.as_str())) }
            @if let (Some(start), Some(end)) = (e.contract_start, e.contract_end) {
                dt { (Msg::EmployeeContractLabel.text(lang)) }
                dd data-field="contract" {
                    (Msg::EmployeeContract.fill(lang, &[("start", &long_date(start, lang)), ("end", &long_date(end, lang))]))
                    @if contract_ended(e, chrono::Utc::now().date_naive()) { " (" (Msg::EmployeeContractEnded.text(lang)) ")" }
                }
            }
            @if let Some(date) = e.cpns_appointed_on {
                dt { "CPNS" }
                dd data-field="cpns" { (Msg::EmployeeCpns.fill(lang, &[("date", &long_date(date, lang))])) }
            }
            dt { (Msg::EmployeeSupervisor.text(lang)) }
            dd data-field="supervisor" {
                @match &record.supervisor { Some(s) => (link(s)), None => "—" }
            }
            dt { (Msg::EmployeeStatus.text(lang)) } dd data-field="status" { (status_label(e.is_active).text(lang)) }
            @if let Some(user) = record.user.as_ref().filter(|_| links.show_account) {
                dt { (Msg::EmployeeAccount.text(lang)) }
                dd data-field="account" {
                    @match &links.account {
                        Some(href) => a href=(href) { (user.email) },
                        None => (user.email),
                    }
                    " · " (role_label(user.role).text(lang)) " · " (status_label(user.is_active).text(lang))
                }
            }
        }
        h2 { (Msg::EmployeeSubordinates.text(lang)) }
        @if record.subordinates.is_empty() {
            p { (Msg::EmployeeNoSubordinates.text(lang)) }
        } @else {
            ul data-field="subordinates" {
                @for s in &record.subordinates { li { (link(s)) } }
            }
            @let more = record.subordinate_count.saturating_sub(record.subordinates.len() as u64);
            @if more > 0 {
                p { (Msg::EmployeeMoreSubordinates.fill(lang, &[("count", &more.to_string())])) }
            }
        }
    }
}

pub struct RecordPage<'a> {
    pub record: &'a EmployeeRecord,
    pub links: Links<'a>,
    pub can_edit: bool,
    pub tz: chrono_tz::Tz,
}

/// The staff page of one employee.
pub fn record(chrome: &Chrome<'_>, p: &RecordPage<'_>) -> Markup {
    let lang = chrome.lang;
    let e = &p.record.employee;
    page(
        chrome,
        &e.name,
        html! {
            p { a href=(paths::ADMIN_EMPLOYEES) { "← " (Msg::EmployeeBackToList.text(lang)) } }
            h1 { (e.name) }
            @if p.can_edit {
                div.actions {
                    a.button href=(edit_url(e.id)) { (Msg::EmployeeEdit.text(lang)) }
                    @if e.is_active {
                        form.inline method="post" action=(deactivate_url(e.id)) {
                            (csrf_field(chrome.csrf))
                            button.link type="submit" { (Msg::EmployeeDeactivate.text(lang)) }
                        }
                    } @else {
                        form.inline method="post" action=(activate_url(e.id)) {
                            (csrf_field(chrome.csrf))
                            button.link type="submit" { (Msg::EmployeeActivate.text(lang)) }
                        }
                    }
                }
                p.note { (Msg::EmployeeDeactivateNote.text(lang)) }
            }
            (facts(p.record, &p.links, lang))
            p.note { (Msg::EmployeeUpdatedAt.text(lang)) " " (format::datetime(e.updated_at, p.tz, lang)) }
        },
    )
}

/// The read-only page of one employee, for the people the policy lets see it.
pub fn personal(chrome: &Chrome<'_>, record: &EmployeeRecord, links: &Links<'_>) -> Markup {
    let lang = chrome.lang;
    let e = &record.employee;
    page(
        chrome,
        &e.name,
        html! {
            h1 { (e.name) }
            p.note { (Msg::EmployeePersonalNote.text(lang)) }
            (facts(record, links, lang))
        },
    )
}
