//! Programme pages: the catalogue, one programme, and the form (admins).

use bangkom_entities::enums::{DeliveryMode, Grade, OrganizerKind, PositionFamily, TrainingMethod};
use bangkom_entities::paging::Page;
use bangkom_entities::schema::{agencies, competencies, training_programs};
use bangkom_entities::training::batches::BatchRow;
use bangkom_entities::training::programs::{ProgramDetail, ProgramInput};
use maud::{Markup, html};

use super::{
    batch_url, date_range, delivery_label, method_label, method_text, organizer_label, paths, program_url,
    status_badge,
};
use crate::forms::FieldErrors;
use crate::i18n::Msg;
use crate::views::admin::positions::family_label;
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::layout::{Chrome, csrf_field, page};

pub fn new_url() -> String {
    format!("{}/baru", paths::PROGRAMS)
}

pub fn edit_url(id: i64) -> String {
    format!("{}/{id}/ubah", paths::PROGRAMS)
}

pub struct ListPage<'a> {
    pub page: &'a Page<training_programs::Model>,
    pub filters: &'a [(&'static str, String)],
    pub can_edit: bool,
}

fn filter<'a>(filters: &'a [(&str, String)], name: &str) -> &'a str {
    filters.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str())
}

pub fn method_options(lang: crate::i18n::Lang, first: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), first.to_owned()))
        .chain(TrainingMethod::ALL.iter().map(|m| (m.as_str().to_owned(), method_text(*m, lang))))
        .collect()
}

pub fn list(chrome: &Chrome<'_>, p: &ListPage<'_>) -> Markup {
    let lang = chrome.lang;
    let none = FieldErrors::default();
    page(
        chrome,
        Msg::TrainingProgramsTitle.text(lang),
        html! {
            h1 { (Msg::TrainingProgramsTitle.text(lang)) }
            div.actions {
                a href=(paths::CALENDAR) { (Msg::TrainingCalendarTitle.text(lang)) }
                @if p.can_edit { a.button href=(new_url()) { (Msg::TrainingProgramNew.text(lang)) } }
            }
            form.filters method="get" action=(paths::PROGRAMS) role="search" {
                (input(Msg::CatalogueSearchLabel.text(lang), "q", "search", filter(p.filters, "q"), &none, lang))
                (select(Msg::TrainingMethod.text(lang), "method",
                    &method_options(lang, Msg::CatalogueAll.text(lang)), filter(p.filters, "method"), &none, lang))
                div.actions { button.primary type="submit" { (Msg::CatalogueShow.text(lang)) } }
            }
            @if p.page.items.is_empty() {
                p { (Msg::TrainingNoPrograms.text(lang)) }
            } @else {
                div.table-wrap { table {
                    thead { tr {
                        th scope="col" { (Msg::CatalogueFieldCode.text(lang)) }
                        th scope="col" { (Msg::TrainingProgramTitle.text(lang)) }
                        th scope="col" { (Msg::TrainingMethod.text(lang)) }
                        th scope="col" { (Msg::TrainingJp.text(lang)) }
                        th scope="col" { (Msg::TrainingOrganizer.text(lang)) }
                        th scope="col" { (Msg::CompetencyStatus.text(lang)) }
                    } }
                    tbody { @for prog in &p.page.items {
                        tr data-program=(prog.code) {
                            td { (prog.code) }
                            td { a href=(program_url(prog.id)) { (prog.title) } }
                            td { (method_text(prog.method, lang)) }
                            td { (prog.jp) }
                            td { (prog.organizer_name) }
                            td { @if prog.is_active { (Msg::CompetencyActive.text(lang)) } @else { (Msg::CompetencyInactive.text(lang)) } }
                        }
                    } }
                } }
            }
            (pagination(paths::PROGRAMS, p.filters, p.page, lang))
        },
    )
}

pub struct DetailPage<'a> {
    pub detail: &'a ProgramDetail,
    pub batches: &'a [BatchRow],
    pub can_edit: bool,
}

pub fn detail(chrome: &Chrome<'_>, p: &DetailPage<'_>) -> Markup {
    let lang = chrome.lang;
    let prog = &p.detail.program;
    let e = &p.detail.eligibility;
    let any = Msg::TrainingAnyone.text(lang);
    page(
        chrome,
        &prog.title,
        html! {
            p.note { a href=(paths::PROGRAMS) { "← " (Msg::TrainingProgramsTitle.text(lang)) } }
            h1 { (prog.title) }
            @if p.can_edit { div.actions { a.button href=(edit_url(prog.id)) { (Msg::CatalogueEdit.text(lang)) } } }
            @if let Some(d) = &prog.description { p { (d) } }
            dl.facts {
                dt { (Msg::CatalogueFieldCode.text(lang)) } dd { (prog.code) }
                dt { (Msg::TrainingMethod.text(lang)) } dd { (method_text(prog.method, lang)) }
                dt { (Msg::TrainingDelivery.text(lang)) } dd { (delivery_label(prog.delivery).text(lang)) }
                dt { (Msg::TrainingOrganizer.text(lang)) } dd { (prog.organizer_name) " (" (organizer_label(prog.organizer_kind).text(lang)) ")" }
                dt { (Msg::TrainingJp.text(lang)) } dd { (prog.jp) }
                dt { (Msg::TrainingApproval.text(lang)) }
                dd { @if prog.requires_supervisor_approval { (Msg::TrainingApprovalNeeded.text(lang)) } @else { (Msg::TrainingApprovalNotNeeded.text(lang)) } }
                dt { (Msg::TrainingLevel3Delay.text(lang)) } dd { (prog.level3_delay_days) }
                dt { (Msg::TrainingEligibleFamilies.text(lang)) }
                dd { @if e.families.is_empty() { (any) } @else {
                    (e.families.iter().map(|f| family_label(*f).text(lang)).collect::<Vec<_>>().join(", "))
                } }
                dt { (Msg::TrainingEligibleAgencies.text(lang)) }
                dd { @if p.detail.agencies.is_empty() { (any) } @else {
                    (p.detail.agencies.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "))
                } }
                dt { (Msg::TrainingGradeRange.text(lang)) }
                dd { @if e.min_grade.is_none() && e.max_grade.is_none() { (any) } @else {
                    (e.min_grade.map_or("I/a", |g| g.as_str())) " – " (e.max_grade.map_or("IV/e", |g| g.as_str()))
                } }
                dt { (Msg::CompetencyStatus.text(lang)) }
                dd { @if prog.is_active { (Msg::CompetencyActive.text(lang)) } @else { (Msg::CompetencyInactive.text(lang)) } }
            }
            h2 { (Msg::TrainingTargetCompetencies.text(lang)) }
            @if p.detail.competencies.is_empty() { p { (Msg::TrainingNoTargets.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr { th scope="col" { (Msg::CompetencyFieldName.text(lang)) } th scope="col" { (Msg::TrainingTargetLevel.text(lang)) } } }
                    tbody { @for (c, level) in &p.detail.competencies {
                        tr { td { (c.code) " · " (if lang == crate::i18n::Lang::Id { &c.name_id } else { &c.name_en }) } td { (level) } }
                    } }
                } }
            }
            h2 { (Msg::TrainingBatches.text(lang)) }
            @if p.batches.is_empty() { p { (Msg::TrainingNoBatches.text(lang)) } } @else {
                ul { @for r in p.batches {
                    li { a href=(batch_url(r.batch.id)) { (r.batch.name) } " · " (date_range(r.batch.starts_on, r.batch.ends_on, lang)) " " (status_badge(r.batch.status, lang)) }
                } }
            }
        },
    )
}

pub struct FormPage<'a> {
    pub editing: Option<&'a training_programs::Model>,
    pub input: &'a ProgramInput,
    pub errors: &'a FieldErrors,
    pub competencies: &'a [competencies::Model],
    pub agencies: &'a [agencies::Model],
}

pub fn form(chrome: &Chrome<'_>, p: &FormPage<'_>) -> Markup {
    let lang = chrome.lang;
    let i = p.input;
    let (title, action) = match p.editing {
        Some(prog) => (Msg::CatalogueEditTitle.fill(lang, &[("name", &prog.title)]), edit_url(prog.id)),
        None => (Msg::TrainingProgramNew.text(lang).to_owned(), paths::PROGRAMS.to_owned()),
    };
    let options = |all: Vec<(String, String)>| all;
    let methods: Vec<(String, String)> =
        TrainingMethod::ALL.iter().map(|m| (m.as_str().to_owned(), method_text(*m, lang))).collect();
    let deliveries = options(
        DeliveryMode::ALL
            .iter()
            .map(|m| (m.as_str().to_owned(), delivery_label(*m).text(lang).to_owned()))
            .collect(),
    );
    let organizers = options(
        OrganizerKind::ALL
            .iter()
            .map(|m| (m.as_str().to_owned(), organizer_label(*m).text(lang).to_owned()))
            .collect(),
    );
    let grades: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::TrainingAnyGrade.text(lang).to_owned()))
            .chain(Grade::ALL.iter().map(|g| (g.as_str().to_owned(), g.as_str().to_owned())))
            .collect();
    let level_of = |id: i64| {
        i.competencies.iter().find(|(c, _)| c.trim() == id.to_string()).map(|(_, l)| l.as_str()).unwrap_or("")
    };
    let _ = method_label;
    page(
        chrome,
        &title,
        html! {
            h1 { (title) }
            (error_summary(p.errors, lang))
            form.stack.wide method="post" action=(action) novalidate {
                (csrf_field(chrome.csrf))
                (input(Msg::CatalogueFieldCode.text(lang), "code", "text", &i.code, p.errors, lang))
                (input(Msg::TrainingProgramTitle.text(lang), "title", "text", &i.title, p.errors, lang))
                label { (Msg::CompetencyFieldDescription.text(lang)) textarea name="description" rows="4" { (i.description) } }
                (select(Msg::TrainingMethod.text(lang), "method", &methods, &i.method, p.errors, lang))
                (select(Msg::TrainingDelivery.text(lang), "delivery", &deliveries, &i.delivery, p.errors, lang))
                (select(Msg::TrainingOrganizerKind.text(lang), "organizer_kind", &organizers, &i.organizer_kind, p.errors, lang))
                (input(Msg::TrainingOrganizer.text(lang), "organizer_name", "text", &i.organizer_name, p.errors, lang))
                (input(Msg::TrainingJp.text(lang), "jp", "number", &i.jp, p.errors, lang))
                (input(Msg::TrainingLevel3Delay.text(lang), "level3_delay_days", "number", &i.level3_delay_days, p.errors, lang))
                label.check { input type="checkbox" name="requires_supervisor_approval" value="1" checked[i.requires_supervisor_approval]; (Msg::TrainingApprovalNeeded.text(lang)) }
                label.check { input type="checkbox" name="is_active" value="1" checked[i.is_active]; (Msg::CompetencyActive.text(lang)) }
                fieldset {
                    legend { (Msg::TrainingEligibility.text(lang)) }
                    p.note { (Msg::TrainingEligibilityHint.text(lang)) }
                    @if let Some(e) = p.errors.for_field("families", lang) { p.field-error { (e) } }
                    p { (Msg::TrainingEligibleFamilies.text(lang)) }
                    @for f in PositionFamily::ALL {
                        label.check { input type="checkbox" name="families" value=(f.as_str()) checked[i.families.iter().any(|x| x == f.as_str())]; (family_label(*f).text(lang)) }
                    }
                    @if let Some(e) = p.errors.for_field("agency_ids", lang) { p.field-error { (e) } }
                    p { (Msg::TrainingEligibleAgencies.text(lang)) }
                    @for a in p.agencies {
                        label.check { input type="checkbox" name="agency_ids" value=(a.id) checked[i.agency_ids.iter().any(|x| x.trim() == a.id.to_string())]; (a.name) }
                    }
                    (select(Msg::TrainingMinGrade.text(lang), "min_grade", &grades, &i.min_grade, p.errors, lang))
                    (select(Msg::TrainingMaxGrade.text(lang), "max_grade", &grades, &i.max_grade, p.errors, lang))
                }
                fieldset {
                    legend { (Msg::TrainingTargetCompetencies.text(lang)) }
                    p.note { (Msg::TrainingTargetsHint.text(lang)) }
                    @if let Some(e) = p.errors.for_field("competencies", lang) { p.field-error { (e) } }
                    div.table-wrap { table {
                        thead { tr { th scope="col" { (Msg::CompetencyFieldName.text(lang)) } th scope="col" { (Msg::TrainingTargetLevel.text(lang)) } } }
                        tbody { @for c in p.competencies.iter().filter(|c| c.is_active || !level_of(c.id).is_empty()) {
                            tr {
                                td { (c.code) " · " (if lang == crate::i18n::Lang::Id { &c.name_id } else { &c.name_en }) }
                                td {
                                    input type="hidden" name="competency" value=(c.id);
                                    select name="level" aria-label=(Msg::PositionLevelFor.fill(lang, &[("competency", &c.code)])) {
                                        option value="" selected[level_of(c.id).is_empty()] { "—" }
                                        @for l in 1..=5 { option value=(l) selected[level_of(c.id) == l.to_string()] { (l) } }
                                    }
                                }
                            }
                        } }
                    } }
                }
                div.actions { button.primary type="submit" { (Msg::Save.text(lang)) } a href=(paths::PROGRAMS) { (Msg::CatalogueBack.text(lang)) } }
            }
        },
    )
}
