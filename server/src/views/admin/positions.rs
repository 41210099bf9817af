//! Position pages: the list with search and filters, a position with its competency
//! standard, the create and edit form, and the form for the standard.

use bangkom_entities::enums::PositionFamily;
use bangkom_entities::paging::Page;
use bangkom_entities::positions::{PositionDetail, PositionInput, PositionRow};
use bangkom_entities::schema::{agencies, competencies};
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::admin::competencies::kind_label;
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::layout::{Chrome, csrf_field, page};

/// The agency filter's value for region-wide positions.
pub const REGION_WIDE: &str = "wilayah";

pub fn url(id: i64) -> String {
    format!("{}/{id}", paths::ADMIN_POSITIONS)
}

pub fn new_url() -> String {
    format!("{}/baru", paths::ADMIN_POSITIONS)
}

pub fn edit_url(id: i64) -> String {
    format!("{}/{id}/ubah", paths::ADMIN_POSITIONS)
}

pub fn standard_url(id: i64) -> String {
    format!("{}/{id}/standar", paths::ADMIN_POSITIONS)
}

pub fn family_label(family: PositionFamily) -> Msg {
    match family {
        PositionFamily::Jpt => Msg::PositionFamilyJpt,
        PositionFamily::Administrator => Msg::PositionFamilyAdministrator,
        PositionFamily::Pengawas => Msg::PositionFamilyPengawas,
        PositionFamily::Pelaksana => Msg::PositionFamilyPelaksana,
        PositionFamily::Fungsional => Msg::PositionFamilyFungsional,
    }
}

fn family_options(first: Option<(String, String)>, lang: Lang) -> Vec<(String, String)> {
    first
        .into_iter()
        .chain(
            PositionFamily::ALL
                .iter()
                .map(|f| (f.as_str().to_owned(), family_label(*f).text(lang).to_owned())),
        )
        .collect()
}

fn agency_options(agencies: &[agencies::Model]) -> impl Iterator<Item = (String, String)> + '_ {
    agencies.iter().map(|a| (a.id.to_string(), format!("{} ({})", a.name, a.code)))
}

pub struct ListPage<'a> {
    pub page: &'a Page<PositionRow>,
    pub q: &'a str,
    pub family: &'a str,
    pub agency: &'a str,
    pub agencies: &'a [agencies::Model],
    pub errors: &'a FieldErrors,
}

pub fn list(chrome: &Chrome<'_>, p: &ListPage<'_>) -> Markup {
    let lang = chrome.lang;
    let all = (String::new(), Msg::CatalogueAll.text(lang).to_owned());
    let families = family_options(Some(all.clone()), lang);
    let agencies: Vec<(String, String)> =
        [all, (REGION_WIDE.to_owned(), Msg::PositionRegionWide.text(lang).to_owned())]
            .into_iter()
            .chain(agency_options(p.agencies))
            .collect();
    let filters = [("q", p.q.to_owned()), ("family", p.family.to_owned()), ("agency", p.agency.to_owned())];
    page(
        chrome,
        Msg::PositionListTitle.text(lang),
        html! {
            h1 { (Msg::PositionListTitle.text(lang)) }
            div.actions { a.button href=(new_url()) { (Msg::PositionNew.text(lang)) } }
            (error_summary(p.errors, lang))
            form.filters method="get" action=(paths::ADMIN_POSITIONS) role="search" aria-label=(Msg::CatalogueFilters.text(lang)) {
                label {
                    (Msg::CatalogueSearchLabel.text(lang))
                    input type="search" name="q" value=(p.q);
                }
                (select(Msg::PositionFieldFamily.text(lang), "family", &families, p.family, p.errors, lang))
                (select(Msg::FieldAgency.text(lang), "agency", &agencies, p.agency, p.errors, lang))
                button.primary type="submit" { (Msg::CatalogueShow.text(lang)) }
                a href=(paths::ADMIN_POSITIONS) { (Msg::CatalogueClearFilters.text(lang)) }
            }
            @if p.page.items.is_empty() {
                p { (Msg::PositionNoResults.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th { (Msg::CatalogueFieldCode.text(lang)) }
                            th { (Msg::FieldName.text(lang)) }
                            th { (Msg::PositionFieldFamily.text(lang)) }
                            th { (Msg::FieldAgency.text(lang)) }
                            th { (Msg::PositionStandardSize.text(lang)) }
                        } }
                        tbody {
                            @for row in &p.page.items {
                                @let pos = &row.position;
                                tr data-position=(pos.code) {
                                    td { (pos.code) }
                                    td { a href=(url(pos.id)) { (pos.name) } }
                                    td { (family_label(pos.family).text(lang)) }
                                    td { (row.agency_name.as_deref().unwrap_or(Msg::PositionRegionWide.text(lang))) }
                                    td { (row.standard_size) }
                                }
                            }
                        }
                    }
                }
            }
            (pagination(paths::ADMIN_POSITIONS, &filters, p.page, lang))
        },
    )
}

pub struct DetailPage<'a> {
    pub detail: &'a PositionDetail,
    pub can_edit: bool,
}

pub fn detail(chrome: &Chrome<'_>, p: &DetailPage<'_>) -> Markup {
    let lang = chrome.lang;
    let pos = &p.detail.position;
    page(
        chrome,
        &pos.name,
        html! {
            p { a href=(paths::ADMIN_POSITIONS) { "← " (Msg::PositionListTitle.text(lang)) } }
            h1 { (pos.name) }
            dl.facts {
                dt { (Msg::CatalogueFieldCode.text(lang)) } dd { (pos.code) }
                dt { (Msg::PositionFieldFamily.text(lang)) } dd { (family_label(pos.family).text(lang)) }
                dt { (Msg::FieldAgency.text(lang)) }
                dd {
                    @match &p.detail.agency {
                        Some(a) => a href=(crate::views::admin::agencies::url(a.id)) { (a.name) },
                        None => (Msg::PositionRegionWide.text(lang)),
                    }
                }
            }
            @if p.can_edit {
                div.actions {
                    a.button href=(edit_url(pos.id)) { (Msg::CatalogueEdit.text(lang)) }
                    a.button href=(standard_url(pos.id)) { (Msg::PositionStandardEdit.text(lang)) }
                }
            } @else {
                p.note { (Msg::PositionReadOnly.text(lang)) }
            }
            h2 { (Msg::PositionStandardTitle.text(lang)) }
            @if p.detail.standard.is_empty() {
                p { (Msg::PositionStandardEmpty.text(lang)) }
            } @else {
                div.table-wrap {
                    table data-standard {
                        thead { tr {
                            th { (Msg::CatalogueFieldCode.text(lang)) }
                            th { (Msg::CompetencyFieldName.text(lang)) }
                            th { (Msg::CompetencyFieldKind.text(lang)) }
                            th { (Msg::PositionRequiredLevel.text(lang)) }
                        } }
                        tbody {
                            @for row in &p.detail.standard {
                                tr data-competency=(row.competency.code) {
                                    td { (row.competency.code) }
                                    td { (competency_name(&row.competency, lang)) }
                                    td { (kind_label(row.competency.kind).text(lang)) }
                                    td data-level=(row.required_level) { (row.required_level) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn competency_name(c: &competencies::Model, lang: Lang) -> &str {
    match lang {
        Lang::Id => &c.name_id,
        Lang::En => &c.name_en,
    }
}

pub struct FormPage<'a> {
    pub editing: Option<(i64, &'a str)>,
    pub values: &'a PositionInput,
    pub agencies: &'a [agencies::Model],
    /// Whether "region-wide" is a choice (admins).
    pub allow_region_wide: bool,
    pub errors: &'a FieldErrors,
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = match p.editing {
        Some((_, name)) => Msg::CatalogueEditTitle.fill(lang, &[("name", name)]),
        None => Msg::PositionCreateTitle.text(lang).to_owned(),
    };
    let action = p.editing.map_or_else(new_url, |(id, _)| edit_url(id));
    let back = p.editing.map_or_else(|| paths::ADMIN_POSITIONS.to_owned(), |(id, _)| url(id));
    let families = family_options(None, lang);
    let agencies: Vec<(String, String)> = p
        .allow_region_wide
        .then(|| (String::new(), Msg::PositionRegionWide.text(lang).to_owned()))
        .into_iter()
        .chain(agency_options(p.agencies))
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
                (select(Msg::PositionFieldFamily.text(lang), "family", &families, &p.values.family, p.errors, lang))
                (select(Msg::FieldAgency.text(lang), "agency_id", &agencies, &p.values.agency_id, p.errors, lang))
                button.primary type="submit" { (Msg::Save.text(lang)) }
            }
        },
    )
}

pub struct StandardPage<'a> {
    pub position_id: i64,
    pub position_name: &'a str,
    /// Every competency that can be in the standard, with the level as shown in the form.
    pub rows: &'a [(competencies::Model, String)],
    pub errors: &'a FieldErrors,
}

/// The form field of a competency's level.
pub fn level_field(competency_id: i64) -> String {
    format!("level-{competency_id}")
}

pub fn standard_form(chrome: &Chrome<'_>, p: &StandardPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = format!("{}: {}", Msg::PositionStandardTitle.text(lang), p.position_name);
    // A row's error: the problem that names its competency.
    let error_for = |code: &str| {
        p.errors
            .0
            .iter()
            .find(|e| e.values.iter().any(|(k, v)| *k == "competency" && v == code))
            .map(|e| e.text(lang))
    };
    page(
        chrome,
        &title,
        html! {
            p { a href=(url(p.position_id)) { "← " (Msg::CatalogueBack.text(lang)) } }
            h1 { (title) }
            p.note { (Msg::PositionStandardIntro.text(lang)) }
            (error_summary(p.errors, lang))
            form method="post" action=(standard_url(p.position_id)) novalidate {
                (csrf_field(chrome.csrf))
                div.table-wrap {
                    table {
                        thead { tr {
                            th { (Msg::CompetencyFieldName.text(lang)) }
                            th { (Msg::CompetencyFieldKind.text(lang)) }
                            th { (Msg::PositionRequiredLevel.text(lang)) }
                        } }
                        tbody {
                            @for (c, level) in p.rows {
                                @let field = level_field(c.id);
                                @let error = error_for(&c.code);
                                @let error_id = format!("{field}-error");
                                tr data-competency=(c.code) {
                                    td { label for=(field) { (c.code) " " (competency_name(c, lang)) } }
                                    td { (kind_label(c.kind).text(lang)) }
                                    td {
                                        input type="number" id=(field) name=(field) value=(level) min="1" max="5" step="1" inputmode="numeric"
                                            aria-invalid=[error.as_ref().map(|_| "true")]
                                            aria-describedby=[error.as_ref().map(|_| error_id.as_str())];
                                        @if let Some(error) = &error {
                                            span.field-error id=(error_id) { (error) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                p { button.primary type="submit" { (Msg::Save.text(lang)) } }
            }
        },
    )
}
