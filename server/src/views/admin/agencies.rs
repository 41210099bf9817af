//! Agency pages: the tree region → agency (OPD) → unit with employee counts, search, an
//! agency's page, and the create and edit form.

use bangkom_entities::agencies::{AgencyDetail, AgencyInput, AgencyNode, AgencyRow};
use bangkom_entities::enums::AgencyKind;
use bangkom_entities::paging::Page;
use bangkom_entities::schema::agencies;
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::layout::{Chrome, csrf_field, page};

pub fn url(id: i64) -> String {
    format!("{}/{id}", paths::ADMIN_AGENCIES)
}

pub fn new_url() -> String {
    format!("{}/baru", paths::ADMIN_AGENCIES)
}

pub fn edit_url(id: i64) -> String {
    format!("{}/{id}/ubah", paths::ADMIN_AGENCIES)
}

pub fn kind_label(kind: AgencyKind) -> Msg {
    match kind {
        AgencyKind::Region => Msg::AgencyKindRegion,
        AgencyKind::Agency => Msg::AgencyKindAgency,
        AgencyKind::Unit => Msg::AgencyKindUnit,
    }
}

fn employees(n: u64, lang: Lang) -> String {
    Msg::AgencyEmployeeCount.fill(lang, &[("n", &n.to_string())])
}

pub struct TreePage<'a> {
    pub tree: &'a [AgencyNode],
    /// The search, when one was asked for.
    pub q: &'a str,
    pub results: Option<&'a Page<AgencyRow>>,
    /// Whether the visitor may add agencies (admins) or only units (operators).
    pub can_add_agencies: bool,
}

pub fn tree(chrome: &Chrome<'_>, p: &TreePage<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::AgencyListTitle.text(lang),
        html! {
            h1 { (Msg::AgencyListTitle.text(lang)) }
            div.actions {
                @if p.can_add_agencies {
                    a.button href=(new_url()) { (Msg::AgencyNew.text(lang)) }
                } @else {
                    a.button href=(new_url()) { (Msg::AgencyNewUnit.text(lang)) }
                }
            }
            form.filters method="get" action=(paths::ADMIN_AGENCIES) role="search" {
                label {
                    (Msg::CatalogueSearchLabel.text(lang))
                    input type="search" name="q" value=(p.q);
                }
                button.primary type="submit" { (Msg::CatalogueSearch.text(lang)) }
                @if !p.q.is_empty() {
                    a href=(paths::ADMIN_AGENCIES) { (Msg::CatalogueClearFilters.text(lang)) }
                }
            }
            @if let Some(results) = p.results {
                (search_results(results, p.q, lang))
            } @else if p.tree.is_empty() {
                p { (Msg::AgencyEmpty.text(lang)) }
            } @else {
                ul.tree data-agency-tree {
                    @for node in p.tree { (tree_node(node, lang)) }
                }
            }
        },
    )
}

fn tree_node(node: &AgencyNode, lang: Lang) -> Markup {
    let a = &node.agency;
    html! {
        li data-agency=(a.code) {
            a href=(url(a.id)) { (a.name) }
            " · " (a.code) " · " (kind_label(a.kind).text(lang)) " · "
            span data-employees=(node.total_employees) { (employees(node.total_employees, lang)) }
            @if !node.children.is_empty() {
                ul { @for child in &node.children { (tree_node(child, lang)) } }
            }
        }
    }
}

fn search_results(results: &Page<AgencyRow>, q: &str, lang: Lang) -> Markup {
    html! {
        @if results.items.is_empty() {
            p { (Msg::AgencyNoResults.text(lang)) }
        } @else {
            div.table-wrap {
                table {
                    thead { tr {
                        th { (Msg::CatalogueFieldCode.text(lang)) }
                        th { (Msg::FieldName.text(lang)) }
                        th { (Msg::AgencyFieldKind.text(lang)) }
                        th { (Msg::AgencyFieldParent.text(lang)) }
                        th { (Msg::AgencyEmployeesColumn.text(lang)) }
                    } }
                    tbody {
                        @for row in &results.items {
                            @let a = &row.node.agency;
                            tr data-agency=(a.code) {
                                td { (a.code) }
                                td { a href=(url(a.id)) { (a.name) } }
                                td { (kind_label(a.kind).text(lang)) }
                                td { (row.parent_name.as_deref().unwrap_or("—")) }
                                td { (row.node.total_employees) }
                            }
                        }
                    }
                }
            }
            (pagination(paths::ADMIN_AGENCIES, &[("q", q.to_owned())], results, lang))
        }
    }
}

pub struct DetailPage<'a> {
    pub detail: &'a AgencyDetail,
    pub can_edit: bool,
    /// Whether units can be added below it (an agency the visitor may edit).
    pub can_add_unit: bool,
}

pub fn detail(chrome: &Chrome<'_>, p: &DetailPage<'_>) -> Markup {
    let lang = chrome.lang;
    let node = &p.detail.node;
    let a = &node.agency;
    page(
        chrome,
        &a.name,
        html! {
            p { a href=(paths::ADMIN_AGENCIES) { "← " (Msg::AgencyListTitle.text(lang)) } }
            h1 { (a.name) }
            dl.facts {
                dt { (Msg::CatalogueFieldCode.text(lang)) } dd { (a.code) }
                dt { (Msg::AgencyFieldKind.text(lang)) } dd { (kind_label(a.kind).text(lang)) }
                dt { (Msg::AgencyFieldParent.text(lang)) }
                dd {
                    @match &p.detail.parent {
                        Some(parent) => (parent.name),
                        None => "—",
                    }
                }
                dt { (Msg::AgencyOwnEmployees.text(lang)) } dd data-own-employees { (node.own_employees) }
                dt { (Msg::AgencyTotalEmployees.text(lang)) } dd data-total-employees { (node.total_employees) }
            }
            div.actions {
                @if p.can_edit { a.button href=(edit_url(a.id)) { (Msg::CatalogueEdit.text(lang)) } }
                @if p.can_add_unit {
                    a href={ (new_url()) "?induk=" (a.id) } { (Msg::AgencyNewUnit.text(lang)) }
                }
            }
            h2 { (Msg::AgencyChildren.text(lang)) }
            @if node.children.is_empty() {
                p { (Msg::AgencyNoChildren.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th { (Msg::CatalogueFieldCode.text(lang)) }
                            th { (Msg::FieldName.text(lang)) }
                            th { (Msg::AgencyFieldKind.text(lang)) }
                            th { (Msg::AgencyEmployeesColumn.text(lang)) }
                        } }
                        tbody {
                            @for child in &node.children {
                                @let c = &child.agency;
                                tr data-agency=(c.code) {
                                    td { (c.code) }
                                    td { a href=(url(c.id)) { (c.name) } }
                                    td { (kind_label(c.kind).text(lang)) }
                                    td { (child.total_employees) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub struct FormPage<'a> {
    /// The agency being changed; `None` for a new one.
    pub editing: Option<&'a agencies::Model>,
    pub values: &'a AgencyInput,
    /// The kinds the visitor may choose.
    pub kinds: &'a [AgencyKind],
    /// The agencies the visitor may choose as parent.
    pub parents: &'a [agencies::Model],
    /// Whether "no parent" is a choice (admins: a region).
    pub allow_no_parent: bool,
    pub errors: &'a FieldErrors,
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = match p.editing {
        Some(a) => Msg::CatalogueEditTitle.fill(lang, &[("name", &a.name)]),
        None => Msg::AgencyCreateTitle.text(lang).to_owned(),
    };
    let action = p.editing.map_or_else(new_url, |a| edit_url(a.id));
    let back = p.editing.map_or_else(|| paths::ADMIN_AGENCIES.to_owned(), |a| url(a.id));
    let kinds: Vec<(String, String)> =
        p.kinds.iter().map(|k| (k.as_str().to_owned(), kind_label(*k).text(lang).to_owned())).collect();
    let parents: Vec<(String, String)> = p
        .allow_no_parent
        .then(|| (String::new(), Msg::AgencyParentNone.text(lang).to_owned()))
        .into_iter()
        .chain(p.parents.iter().map(|a| {
            (a.id.to_string(), format!("{} ({}, {})", a.name, a.code, kind_label(a.kind).text(lang)))
        }))
        .collect();
    page(
        chrome,
        &title,
        html! {
            p { a href=(back) { "← " (Msg::CatalogueBack.text(lang)) } }
            h1 { (title) }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(action) novalidate {
                (csrf_field(chrome.csrf))
                (input(Msg::CatalogueFieldCode.text(lang), "code", "text", &p.values.code, p.errors, lang))
                (input(Msg::FieldName.text(lang), "name", "text", &p.values.name, p.errors, lang))
                (select(Msg::AgencyFieldKind.text(lang), "kind", &kinds, &p.values.kind, p.errors, lang))
                (select(Msg::AgencyFieldParent.text(lang), "parent_id", &parents, &p.values.parent_id, p.errors, lang))
                button.primary type="submit" { (Msg::Save.text(lang)) }
            }
        },
    )
}
