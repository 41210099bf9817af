//! The audit log (admins): who changed which record when, with the changed fields before
//! and after side by side.

use bangkom_entities::audit::{AuditEntry, changes};
use bangkom_entities::enums::AuditAction;
use bangkom_entities::paging::Page;
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::format;
use crate::views::layout::{Chrome, page};

fn action_label(action: AuditAction) -> Msg {
    match action {
        AuditAction::Create => Msg::AuditActionCreate,
        AuditAction::Update => Msg::AuditActionUpdate,
        AuditAction::Delete => Msg::AuditActionDelete,
    }
}

/// A record type people can read; unknown ones are shown as stored.
fn record_type(entity_type: &str, lang: Lang) -> String {
    let msg = match entity_type {
        "agencies" => Msg::AuditRecordAgencies,
        "positions" => Msg::AuditRecordPositions,
        "position_standards" => Msg::AuditRecordStandards,
        "competencies" => Msg::AuditRecordCompetencies,
        "employees" => Msg::NavEmployees,
        "users" => Msg::NavUsers,
        other => return other.to_owned(),
    };
    msg.text(lang).to_owned()
}

/// A field name people can read, where the catalogue has one.
fn field_label(field: &str, lang: Lang) -> String {
    let msg = match field {
        "code" => Msg::CatalogueFieldCode,
        "name" => Msg::FieldName,
        "kind" => Msg::AgencyFieldKind,
        "parent_id" => Msg::AgencyFieldParent,
        "family" => Msg::PositionFieldFamily,
        "agency_id" => Msg::FieldAgency,
        "name_id" => Msg::CompetencyFieldNameId,
        "name_en" => Msg::CompetencyFieldNameEn,
        "description" => Msg::CompetencyFieldDescription,
        "source" => Msg::CompetencyFieldSource,
        "is_active" => Msg::CompetencyStatus,
        "email" => Msg::FieldEmail,
        "role" => Msg::FieldRole,
        "nip" => Msg::FieldNip,
        _ => return field.to_owned(),
    };
    format!("{} ({field})", msg.text(lang))
}

pub struct AuditPage<'a> {
    pub page: &'a Page<AuditEntry>,
    /// The filters as given: user, entity_type, entity_id, from, to.
    pub filters: &'a [(&'static str, String)],
    pub entity_types: &'a [String],
    pub errors: &'a FieldErrors,
    pub tz: chrono_tz::Tz,
}

fn link(filters: &[(&str, &str)]) -> String {
    format!("{}?{}", paths::ADMIN_AUDIT, serde_urlencoded::to_string(filters).unwrap_or_default())
}

pub fn render(chrome: &Chrome<'_>, p: &AuditPage<'_>) -> Markup {
    let lang = chrome.lang;
    let value = |name: &str| p.filters.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str());
    let types: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::CatalogueAll.text(lang).to_owned()))
            .chain(p.entity_types.iter().map(|t| (t.clone(), record_type(t, lang))))
            .collect();
    page(
        chrome,
        Msg::AuditTitle.text(lang),
        html! {
            h1 { (Msg::AuditTitle.text(lang)) }
            p.note { (Msg::AuditIntro.text(lang)) }
            (error_summary(p.errors, lang))
            form.filters method="get" action=(paths::ADMIN_AUDIT) aria-label=(Msg::CatalogueFilters.text(lang)) {
                (input(Msg::AuditUserEmail.text(lang), "user", "email", value("user"), p.errors, lang))
                (select(Msg::AuditRecordType.text(lang), "entity_type", &types, value("entity_type"), p.errors, lang))
                (input(Msg::AuditRecordId.text(lang), "entity_id", "text", value("entity_id"), p.errors, lang))
                (input(Msg::AuditFrom.text(lang), "from", "date", value("from"), p.errors, lang))
                (input(Msg::AuditTo.text(lang), "to", "date", value("to"), p.errors, lang))
                button.primary type="submit" { (Msg::CatalogueShow.text(lang)) }
                a href=(paths::ADMIN_AUDIT) { (Msg::CatalogueClearFilters.text(lang)) }
            }
            @if p.page.items.is_empty() {
                p { (Msg::AuditNoEntries.text(lang)) }
            } @else {
                div.table-wrap {
                    table data-audit {
                        thead { tr {
                            th { (Msg::AuditTime.text(lang)) }
                            th { (Msg::AuditUser.text(lang)) }
                            th { (Msg::AuditAction.text(lang)) }
                            th { (Msg::AuditRecordType.text(lang)) }
                            th { (Msg::AuditRecordId.text(lang)) }
                            th { (Msg::AuditChanges.text(lang)) }
                        } }
                        tbody {
                            @for item in &p.page.items {
                                @let e = &item.entry;
                                tr data-audit-entry=(e.id) {
                                    td { (format::datetime(e.at, p.tz, lang)) }
                                    td data-user {
                                        @match &item.user_email {
                                            Some(email) => a href=(link(&[("user", email)])) { (email) },
                                            None => (Msg::AuditSystem.text(lang)),
                                        }
                                    }
                                    td { (action_label(e.action).text(lang)) }
                                    td { (record_type(&e.entity_type, lang)) }
                                    td {
                                        a href=(link(&[("entity_type", &e.entity_type), ("entity_id", &e.entity_id)])) { (e.entity_id) }
                                    }
                                    td { (changes_table(e, lang)) }
                                }
                            }
                        }
                    }
                }
            }
            (pagination(paths::ADMIN_AUDIT, p.filters, p.page, lang))
        },
    )
}

fn changes_table(entry: &bangkom_entities::schema::audit_log::Model, lang: Lang) -> Markup {
    let rows = changes(entry);
    html! {
        @if rows.is_empty() {
            span.note { (Msg::AuditNoFieldChanges.text(lang)) }
        } @else {
            table.changes {
                thead { tr {
                    th scope="col" { (Msg::AuditField.text(lang)) }
                    th scope="col" { (Msg::AuditBefore.text(lang)) }
                    th scope="col" { (Msg::AuditAfter.text(lang)) }
                } }
                tbody {
                    @for c in &rows {
                        tr data-field=(c.field) {
                            th scope="row" { (field_label(&c.field, lang)) }
                            td data-before { (c.before.as_deref().unwrap_or("—")) }
                            td data-after { (c.after.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            }
        }
    }
}
