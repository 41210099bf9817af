//! User-account pages: the list with its filters, the create form, the page that shows a
//! new account's password once, and an account's page with its edit form.

use bangkom_entities::enums::Role;
use bangkom_entities::paging::Page;
use bangkom_entities::schema::{agencies, users};
use bangkom_entities::users::{Account, AccountInput, UserRow};
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::admin::employees::agency_options;
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::format;
use crate::views::layout::{Chrome, csrf_field, page};
use crate::views::profile::role_label;

pub fn url(id: i64) -> String {
    format!("{}/{id}", paths::ADMIN_USERS)
}

pub fn new_url() -> String {
    format!("{}/baru", paths::ADMIN_USERS)
}

pub fn deactivate_url(id: i64) -> String {
    format!("{}/{id}/nonaktifkan", paths::ADMIN_USERS)
}

pub fn activate_url(id: i64) -> String {
    format!("{}/{id}/aktifkan", paths::ADMIN_USERS)
}

fn status_label(active: bool) -> Msg {
    if active { Msg::EmployeeActive } else { Msg::EmployeeInactive }
}

fn filter<'a>(filters: &'a [(&str, String)], name: &str) -> &'a str {
    filters.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str())
}

fn role_options(roles: &[Role], lang: Lang) -> Vec<(String, String)> {
    roles.iter().map(|r| (r.as_str().to_owned(), role_label(*r).text(lang).to_owned())).collect()
}

pub struct ListPage<'a> {
    pub page: &'a Page<UserRow>,
    pub filters: &'a [(&'static str, String)],
    /// The roles the viewer can see accounts of.
    pub roles: &'a [Role],
    pub tz: chrono_tz::Tz,
}

pub fn list(chrome: &Chrome<'_>, p: &ListPage<'_>) -> Markup {
    let lang = chrome.lang;
    let none = FieldErrors::default();
    let f = |name| filter(p.filters, name);
    let mut roles = vec![(String::new(), Msg::UserAllRoles.text(lang).to_owned())];
    roles.extend(role_options(p.roles, lang));
    let statuses = [
        (String::new(), Msg::EmployeeAllStatuses.text(lang).to_owned()),
        ("true".to_owned(), Msg::EmployeeActive.text(lang).to_owned()),
        ("false".to_owned(), Msg::EmployeeInactive.text(lang).to_owned()),
    ];
    page(
        chrome,
        Msg::UserListTitle.text(lang),
        html! {
            h1 { (Msg::UserListTitle.text(lang)) }
            div.actions { a.button href=(new_url()) { (Msg::UserNew.text(lang)) } }
            form.filters method="get" action=(paths::ADMIN_USERS) role="search" {
                (input(Msg::UserSearch.text(lang), "q", "search", f("q"), &none, lang))
                (select(Msg::FieldRole.text(lang), "role", &roles, f("role"), &none, lang))
                (select(Msg::EmployeeStatus.text(lang), "active", &statuses, f("active"), &none, lang))
                div.actions {
                    button.primary type="submit" { (Msg::EmployeeFilterSubmit.text(lang)) }
                    a href=(paths::ADMIN_USERS) { (Msg::EmployeeFilterReset.text(lang)) }
                }
            }
            @if p.page.items.is_empty() {
                p { (Msg::UserNone.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (Msg::FieldEmail.text(lang)) }
                            th scope="col" { (Msg::FieldRole.text(lang)) }
                            th scope="col" { (Msg::UserEmployee.text(lang)) }
                            th scope="col" { (Msg::FieldAgency.text(lang)) }
                            th scope="col" { (Msg::EmployeeStatus.text(lang)) }
                            th scope="col" { (Msg::UserLastLogin.text(lang)) }
                        } }
                        tbody {
                            @for u in &p.page.items {
                                tr data-user=(u.email) {
                                    td { a href=(url(u.id)) { (u.email) } }
                                    td { (role_label(u.role).text(lang)) }
                                    td {
                                        @match (&u.employee_name, &u.employee_nip) {
                                            (Some(name), Some(nip)) => { (name) " (" (nip) ")" },
                                            _ => "—",
                                        }
                                    }
                                    td { (u.agency_name.as_deref().unwrap_or("—")) }
                                    td { (status_label(u.is_active).text(lang)) }
                                    td {
                                        @match u.last_login_at {
                                            Some(at) => (format::datetime(at, p.tz, lang)),
                                            None => (Msg::Never.text(lang)),
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (pagination(paths::ADMIN_USERS, p.filters, p.page, lang))
        },
    )
}

pub struct FormPage<'a> {
    /// The account being edited; none for a new one.
    pub editing: Option<&'a Account>,
    pub input: &'a AccountInput,
    pub errors: &'a FieldErrors,
    pub roles: &'a [Role],
    pub agencies: &'a [(agencies::Model, usize)],
    pub tz: chrono_tz::Tz,
}

fn fields(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let i = p.input;
    let active_error = p.errors.for_field("is_active", lang);
    let action = p.editing.map_or_else(|| paths::ADMIN_USERS.to_owned(), |a| url(a.user.id));
    html! {
        form.stack method="post" action=(action) novalidate {
            (csrf_field(chrome.csrf))
            (input(Msg::FieldEmail.text(lang), "email", "email", &i.email, p.errors, lang))
            (select(Msg::FieldRole.text(lang), "role", &role_options(p.roles, lang), &i.role, p.errors, lang))
            @if p.roles.contains(&Role::Operator) {
                (select(Msg::FieldAgency.text(lang), "agency_id",
                    &agency_options(p.agencies, (String::new(), Msg::UserNoAgency.text(lang).to_owned())),
                    &i.agency_id, p.errors, lang))
                p.note { (Msg::UserAgencyHint.text(lang)) }
            }
            (input(Msg::UserEmployeeNip.text(lang), "nip", "text", &i.nip, p.errors, lang))
            p.note { (Msg::UserEmployeeNipHint.text(lang)) }
            label {
                span {
                    input type="checkbox" name="is_active" value="true" checked[i.is_active]
                        aria-invalid=[active_error.as_ref().map(|_| "true")];
                    " " (Msg::UserIsActive.text(lang))
                }
                @if let Some(error) = &active_error { span.field-error { (error) } }
            }
            div.actions {
                button.primary type="submit" { (Msg::Save.text(lang)) }
                a href=(paths::ADMIN_USERS) { (Msg::EmployeeCancel.text(lang)) }
            }
        }
    }
}

/// The form for a new account.
pub fn new_form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::UserNewTitle.text(lang),
        html! {
            h1 { (Msg::UserNewTitle.text(lang)) }
            p.note { (Msg::UserPasswordPolicy.text(lang)) }
            (error_summary(p.errors, lang))
            (fields(chrome, p))
        },
    )
}

/// An account's page: what it is, its edit form, and (de)activation.
pub fn account(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let Some(a) = p.editing else { return new_form(chrome, p) };
    let u = &a.user;
    page(
        chrome,
        &u.email,
        html! {
            p { a href=(paths::ADMIN_USERS) { "← " (Msg::UserBackToList.text(lang)) } }
            h1 { (u.email) }
            (facts(a, p.tz, lang))
            div.actions {
                @if u.is_active {
                    form.inline method="post" action=(deactivate_url(u.id)) {
                        (csrf_field(chrome.csrf))
                        button.link type="submit" { (Msg::EmployeeDeactivate.text(lang)) }
                    }
                } @else {
                    form.inline method="post" action=(activate_url(u.id)) {
                        (csrf_field(chrome.csrf))
                        button.link type="submit" { (Msg::EmployeeActivate.text(lang)) }
                    }
                }
            }
            p.note { (Msg::UserDeactivateNote.text(lang)) }
            h2 { (Msg::UserEditTitle.text(lang)) }
            (error_summary(p.errors, lang))
            (fields(chrome, p))
        },
    )
}

fn facts(a: &Account, tz: chrono_tz::Tz, lang: Lang) -> Markup {
    let u: &users::Model = &a.user;
    html! {
        dl.facts {
            dt { (Msg::FieldEmail.text(lang)) } dd { (u.email) }
            dt { (Msg::FieldRole.text(lang)) } dd data-field="role" { (role_label(u.role).text(lang)) }
            @if let Some(agency) = &a.agency {
                dt { (Msg::FieldAgency.text(lang)) } dd { (agency.name) }
            }
            dt { (Msg::UserEmployee.text(lang)) }
            dd {
                @match &a.employee {
                    Some(e) => a href=(super::employees::url(e.id)) { (e.name) " (" (e.nip) ")" },
                    None => "—",
                }
            }
            dt { (Msg::EmployeeStatus.text(lang)) } dd data-field="status" { (status_label(u.is_active).text(lang)) }
            dt { (Msg::UserCreatedAt.text(lang)) } dd { (format::datetime(u.created_at, tz, lang)) }
            dt { (Msg::UserLastLogin.text(lang)) }
            dd {
                @match u.last_login_at {
                    Some(at) => (format::datetime(at, tz, lang)),
                    None => (Msg::Never.text(lang)),
                }
            }
        }
    }
}

/// Shown once after an account was created: its generated password.
pub fn created(chrome: &Chrome<'_>, user: &users::Model, password: &str) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::UserCreatedTitle.text(lang),
        html! {
            h1 { (Msg::UserCreatedTitle.text(lang)) }
            div.flash.ok role="status" {
                p { (Msg::UserCreatedPassword.fill(lang, &[("email", &user.email)])) }
                p.token data-new-password { (password) }
            }
            p.note { (Msg::UserPasswordPolicy.text(lang)) }
            div.actions {
                a.button href=(url(user.id)) { (Msg::UserView.text(lang)) }
                a href=(paths::ADMIN_USERS) { (Msg::UserBackToList.text(lang)) }
            }
        },
    )
}
