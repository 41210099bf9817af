//! The competency dictionary: the list grouped by kind, one competency, and the create and
//! edit form (admins).

use bangkom_entities::competencies::CompetencyInput;
use bangkom_entities::enums::CompetencyKind;
use bangkom_entities::paging::Page;
use bangkom_entities::schema::competencies;
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::layout::{Chrome, csrf_field, page};

pub fn url(id: i64) -> String {
    format!("{}/{id}", paths::ADMIN_COMPETENCIES)
}

pub fn new_url() -> String {
    format!("{}/baru", paths::ADMIN_COMPETENCIES)
}

pub fn edit_url(id: i64) -> String {
    format!("{}/{id}/ubah", paths::ADMIN_COMPETENCIES)
}

pub fn kind_label(kind: CompetencyKind) -> Msg {
    match kind {
        CompetencyKind::Teknis => Msg::CompetencyKindTeknis,
        CompetencyKind::Manajerial => Msg::CompetencyKindManajerial,
        CompetencyKind::SosialKultural => Msg::CompetencyKindSosialKultural,
    }
}

fn status_label(active: bool) -> Msg {
    if active { Msg::CompetencyActive } else { Msg::CompetencyInactive }
}

fn name(c: &competencies::Model, lang: Lang) -> &str {
    crate::views::admin::positions::competency_name(c, lang)
}

fn kind_options(first: Option<(String, String)>, lang: Lang) -> Vec<(String, String)> {
    first
        .into_iter()
        .chain(
            CompetencyKind::ALL.iter().map(|k| (k.as_str().to_owned(), kind_label(*k).text(lang).to_owned())),
        )
        .collect()
}

pub struct ListPage<'a> {
    pub page: &'a Page<competencies::Model>,
    pub q: &'a str,
    pub kind: &'a str,
    pub can_edit: bool,
}

pub fn list(chrome: &Chrome<'_>, p: &ListPage<'_>) -> Markup {
    let lang = chrome.lang;
    let kinds = kind_options(Some((String::new(), Msg::CatalogueAll.text(lang).to_owned())), lang);
    // The page's competencies, one table per kind (the list is in kind order).
    let mut groups: Vec<(CompetencyKind, Vec<&competencies::Model>)> = Vec::new();
    for c in &p.page.items {
        match groups.last_mut() {
            Some((kind, items)) if *kind == c.kind => items.push(c),
            _ => groups.push((c.kind, vec![c])),
        }
    }
    let filters = [("q", p.q.to_owned()), ("kind", p.kind.to_owned())];
    page(
        chrome,
        Msg::CompetencyListTitle.text(lang),
        html! {
            h1 { (Msg::CompetencyListTitle.text(lang)) }
            @if p.can_edit {
                div.actions { a.button href=(new_url()) { (Msg::CompetencyNew.text(lang)) } }
            } @else {
                p.note { (Msg::CompetencyReadOnly.text(lang)) }
            }
            form.filters method="get" action=(paths::ADMIN_COMPETENCIES) role="search" aria-label=(Msg::CatalogueFilters.text(lang)) {
                label {
                    (Msg::CatalogueSearchLabel.text(lang))
                    input type="search" name="q" value=(p.q);
                }
                (select(Msg::CompetencyFieldKind.text(lang), "kind", &kinds, p.kind, &FieldErrors::default(), lang))
                button.primary type="submit" { (Msg::CatalogueShow.text(lang)) }
                a href=(paths::ADMIN_COMPETENCIES) { (Msg::CatalogueClearFilters.text(lang)) }
            }
            @if groups.is_empty() {
                p { (Msg::CompetencyNoResults.text(lang)) }
            }
            @for (kind, items) in &groups {
                section data-kind=(kind.as_str()) {
                    h2 { (kind_label(*kind).text(lang)) }
                    div.table-wrap {
                        table {
                            thead { tr {
                                th { (Msg::CatalogueFieldCode.text(lang)) }
                                th { (Msg::CompetencyFieldName.text(lang)) }
                                th { (Msg::CompetencyStatus.text(lang)) }
                            } }
                            tbody {
                                @for c in items {
                                    tr data-competency=(c.code) {
                                        td { (c.code) }
                                        td { a href=(url(c.id)) { (name(c, lang)) } }
                                        td { (status_label(c.is_active).text(lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (pagination(paths::ADMIN_COMPETENCIES, &filters, p.page, lang))
        },
    )
}

pub fn detail(chrome: &Chrome<'_>, c: &competencies::Model, can_edit: bool) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        name(c, lang),
        html! {
            p { a href=(paths::ADMIN_COMPETENCIES) { "← " (Msg::CompetencyListTitle.text(lang)) } }
            h1 { (name(c, lang)) }
            dl.facts {
                dt { (Msg::CatalogueFieldCode.text(lang)) } dd { (c.code) }
                dt { (Msg::CompetencyFieldKind.text(lang)) } dd { (kind_label(c.kind).text(lang)) }
                dt { (Msg::CompetencyFieldNameId.text(lang)) } dd lang="id" { (c.name_id) }
                dt { (Msg::CompetencyFieldNameEn.text(lang)) } dd lang="en" { (c.name_en) }
                dt { (Msg::CompetencyFieldDescription.text(lang)) } dd { (c.description.as_deref().unwrap_or("—")) }
                dt { (Msg::CompetencyFieldSource.text(lang)) } dd { (c.source.as_deref().unwrap_or("—")) }
                dt { (Msg::CompetencyStatus.text(lang)) } dd { (status_label(c.is_active).text(lang)) }
            }
            @if can_edit {
                div.actions { a.button href=(edit_url(c.id)) { (Msg::CatalogueEdit.text(lang)) } }
            }
        },
    )
}

pub struct FormPage<'a> {
    pub editing: Option<&'a competencies::Model>,
    pub values: &'a CompetencyInput,
    pub errors: &'a FieldErrors,
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = match p.editing {
        Some(c) => Msg::CatalogueEditTitle.fill(lang, &[("name", name(c, lang))]),
        None => Msg::CompetencyCreateTitle.text(lang).to_owned(),
    };
    let action = p.editing.map_or_else(new_url, |c| edit_url(c.id));
    let back = p.editing.map_or_else(|| paths::ADMIN_COMPETENCIES.to_owned(), |c| url(c.id));
    let kinds = kind_options(None, lang);
    let v = p.values;
    let description_error = p.errors.for_field("description", lang);
    page(
        chrome,
        &title,
        html! {
            p { a href=(back) { "← " (Msg::CatalogueBack.text(lang)) } }
            h1 { (title) }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(action) novalidate {
                (csrf_field(chrome.csrf))
                (input(Msg::CatalogueFieldCode.text(lang), "code", "text", &v.code, p.errors, lang))
                (select(Msg::CompetencyFieldKind.text(lang), "kind", &kinds, &v.kind, p.errors, lang))
                (input(Msg::CompetencyFieldNameId.text(lang), "name_id", "text", &v.name_id, p.errors, lang))
                (input(Msg::CompetencyFieldNameEn.text(lang), "name_en", "text", &v.name_en, p.errors, lang))
                label {
                    (Msg::CompetencyFieldDescription.text(lang))
                    textarea name="description" rows="5"
                        aria-invalid=[description_error.as_ref().map(|_| "true")]
                        aria-describedby=[description_error.as_ref().map(|_| "description-error")] { (v.description) }
                    @if let Some(error) = &description_error {
                        span.field-error id="description-error" { (error) }
                    }
                }
                (input(Msg::CompetencyFieldSource.text(lang), "source", "text", &v.source, p.errors, lang))
                label {
                    input type="checkbox" name="is_active" value="1" checked[v.is_active];
                    " " (Msg::CompetencyFieldActive.text(lang))
                }
                button.primary type="submit" { (Msg::Save.text(lang)) }
            }
        },
    )
}
