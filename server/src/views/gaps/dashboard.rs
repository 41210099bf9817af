//! The gap dashboard (heatmap, then every cell's numbers in a table) and a cell's employees.

use bangkom_entities::gaps::employee::{CellEmployee, CellFilter};
use bangkom_entities::gaps::snapshot::{Aggregate, Cell, CompetencyLabel, HeatRow, Heatmap};
use bangkom_entities::paging::Page;
use maud::{Markup, html};

use super::{change, heatmap, name, number, paths, permille, tenths};
use crate::i18n::{Lang, Msg};
use crate::views::components::pagination;
use crate::views::format;
use crate::views::layout::{Chrome, page};

pub struct DashboardPage<'a> {
    pub heat: &'a Heatmap,
    pub tz: chrono_tz::Tz,
    /// Admins see a link to run the job.
    pub can_run_job: bool,
}

fn nav(lang: Lang) -> Markup {
    html! {
        nav.subnav aria-label=(Msg::GapsTitle.text(lang)) {
            a href=(paths::DASHBOARD) { (Msg::GapsDashboardTitle.text(lang)) }
            " · " a href=(paths::EMPLOYEES) { (Msg::GapsEmployeesTitle.text(lang)) }
            " · " a href=(paths::PLAN) { (Msg::GapsPlanTitle.text(lang)) }
            " · " a href=(paths::IMPORT) { (Msg::GapsImportTitle.text(lang)) }
        }
    }
}

pub fn staff_nav(lang: Lang) -> Markup {
    nav(lang)
}

pub fn render(chrome: &Chrome<'_>, p: &DashboardPage<'_>) -> Markup {
    let lang = chrome.lang;
    let heat = p.heat;
    let title = match &heat.root {
        Some((_, name)) => format!("{} — {name}", Msg::GapsDashboardTitle.text(lang)),
        None => Msg::GapsDashboardTitle.text(lang).to_owned(),
    };
    page(
        chrome,
        &title,
        html! {
            (nav(lang))
            h1 { (title) }
            @if !heat.trail.is_empty() || heat.root.is_some() {
                nav.trail aria-label=(Msg::GapsTrail.text(lang)) {
                    @for (id, name) in &heat.trail {
                        a href={ (paths::DASHBOARD) "?agency=" (id) } { (name) } " › "
                    }
                    @if let Some((_, name)) = &heat.root { span { (name) } }
                }
            }
            p.note { (Msg::GapsDashboardIntro.text(lang)) }
            @match &heat.snapshot {
                None => {
                    div.flash role="status" {
                        p { (Msg::GapsNoSnapshot.text(lang)) }
                        @if p.can_run_job { p { a href=(crate::routes::paths::ADMIN_OPERATIONS) { (Msg::GapsRunJobLink.text(lang)) } } }
                    }
                }
                Some(s) => {
                    dl.facts {
                        dt { (Msg::GapsSnapshotTaken.text(lang)) }
                        dd data-snapshot=(s.id) { (format::datetime(s.taken_at, p.tz, lang)) }
                        dt { (Msg::GapsEmployeesConsidered.text(lang)) }
                        dd { (number(s.employees_considered.into(), lang)) }
                        dt { (Msg::GapsPreviousSnapshot.text(lang)) }
                        dd {
                            @match &heat.previous {
                                Some(prev) => (format::datetime(prev.taken_at, p.tz, lang)),
                                None => (Msg::GapsNoPrevious.text(lang)),
                            }
                        }
                        dt { (Msg::GapsShareWithGap.text(lang)) }
                        dd data-total-permille=[heat.total.total.now.gap_permille()] {
                            (share(&heat.total.total.now, lang))
                            @if let Some(c) = heat.total.total.change_permille() {
                                " (" (change(c, lang)) " " (Msg::GapsPointsSincePrevious.text(lang)) ")"
                            }
                        }
                    }
                    @if heat.rows.is_empty() {
                        p { (Msg::GapsNothingRequired.text(lang)) }
                    } @else {
                        (heatmap::render(heat, lang))
                        h2 { (Msg::GapsTableTitle.text(lang)) }
                        p.note { (Msg::GapsTableIntro.text(lang)) }
                        (table(heat, lang))
                    }
                }
            }
        },
    )
}

fn share(a: &Aggregate, lang: Lang) -> String {
    a.gap_permille().map(|p| permille(p, lang)).unwrap_or_else(|| "–".into())
}

fn table(heat: &Heatmap, lang: Lang) -> Markup {
    html! {
        div.table-wrap {
            table.gap-table {
                thead { tr {
                    th scope="col" { (Msg::FieldAgency.text(lang)) }
                    th scope="col" { (Msg::GapsCompetency.text(lang)) }
                    th scope="col" { (Msg::GapsRequiredCount.text(lang)) }
                    th scope="col" { (Msg::GapsAssessedCount.text(lang)) }
                    th scope="col" { (Msg::GapsMeetingCount.text(lang)) }
                    th scope="col" { (Msg::GapsWithGapCount.text(lang)) }
                    th scope="col" { (Msg::GapsShareWithGap.text(lang)) }
                    th scope="col" { (Msg::GapsMeanGap.text(lang)) }
                    th scope="col" { (Msg::GapsDistribution.text(lang)) }
                    th scope="col" { (Msg::GapsNotAssessedCount.text(lang)) }
                    th scope="col" { (Msg::GapsChange.text(lang)) }
                } }
                tbody {
                    @for r in &heat.rows {
                        (rows_of(r, &heat.competencies, lang, false))
                    }
                    (rows_of(&heat.total, &heat.competencies, lang, true))
                }
            }
        }
    }
}

fn rows_of(r: &HeatRow, competencies: &[CompetencyLabel], lang: Lang, total: bool) -> Markup {
    let agency = if total {
        Msg::GapsTotal.text(lang).to_owned()
    } else if r.own_only {
        format!("{} ({})", r.name, Msg::GapsOwnEmployeesShort.text(lang))
    } else {
        r.name.clone()
    };
    html! {
        @for (c, comp) in r.cells.iter().zip(competencies) {
            @if c.now.required > 0 {
                (line(&agency, &format!("{} {}", comp.code, name(&comp.name_id, &comp.name_en, lang)), c, lang, total))
            }
        }
        (line(&agency, Msg::GapsAllCompetencies.text(lang), &r.total, lang, true))
    }
}

fn line(agency: &str, competency: &str, c: &Cell, lang: Lang, strong: bool) -> Markup {
    let a = &c.now;
    html! {
        tr class=[strong.then_some("subtotal")] {
            td { (agency) }
            td { (competency) }
            td.num { (number(a.required, lang)) }
            td.num { (number(a.assessed, lang)) }
            td.num { (number(a.meeting, lang)) }
            td.num { (number(a.with_gap, lang)) }
            td.num { (share(a, lang)) }
            td.num { @match a.mean_gap_tenths() { Some(t) => (tenths(t, lang)), None => "–" } }
            td.num { (a.gap_sizes.iter().map(|n| number(*n, lang)).collect::<Vec<_>>().join(" / ")) }
            td.num { (number(a.not_assessed, lang)) }
            td.num { @match c.change_permille() { Some(p) => (change(p, lang)), None => "–" } }
        }
    }
}

pub struct CellPage<'a> {
    pub agency_id: i64,
    pub agency_name: &'a str,
    pub own_only: bool,
    pub competency: &'a CompetencyLabel,
    pub filter: CellFilter,
    pub employees: &'a Page<CellEmployee>,
}

fn filter_label(f: CellFilter) -> Msg {
    match f {
        CellFilter::NotMeeting => Msg::GapsFilterNotMeeting,
        CellFilter::WithGap => Msg::GapsFilterWithGap,
        CellFilter::NotAssessed => Msg::GapsFilterNotAssessed,
    }
}

pub fn cell(chrome: &Chrome<'_>, p: &CellPage<'_>) -> Markup {
    let lang = chrome.lang;
    let comp = p.competency;
    let title = format!("{} {} — {}", comp.code, name(&comp.name_id, &comp.name_en, lang), p.agency_name);
    let own = if p.own_only { "1" } else { "" };
    let base_filters = |f: CellFilter| {
        vec![
            ("agency", p.agency_id.to_string()),
            ("competency", comp.id.to_string()),
            ("own", own.to_owned()),
            ("show", f.as_str().to_owned()),
        ]
    };
    let link = |f: CellFilter| {
        let q: Vec<(&str, String)> = base_filters(f).into_iter().filter(|(_, v)| !v.is_empty()).collect();
        format!("{}?{}", paths::CELL, serde_urlencoded::to_string(&q).unwrap_or_default())
    };
    page(
        chrome,
        &title,
        html! {
            (nav(lang))
            h1 { (title) }
            p { a href={ (paths::DASHBOARD) "?agency=" (p.agency_id) } { "← " (Msg::GapsBackToDashboard.text(lang)) } }
            p.note { (Msg::GapsCellIntro.text(lang)) }
            nav.filters aria-label=(Msg::CatalogueFilters.text(lang)) {
                @for f in CellFilter::ALL {
                    @if f == p.filter {
                        strong aria-current="true" { (filter_label(f).text(lang)) }
                    } @else {
                        a href=(link(f)) { (filter_label(f).text(lang)) }
                    }
                    " "
                }
            }
            @if p.employees.items.is_empty() {
                p { (Msg::GapsCellEmpty.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (Msg::FieldNip.text(lang)) }
                            th scope="col" { (Msg::FieldName.text(lang)) }
                            th scope="col" { (Msg::FieldAgency.text(lang)) }
                            th scope="col" { (Msg::EmployeePosition.text(lang)) }
                            th scope="col" { (Msg::GapsRequiredLevel.text(lang)) }
                            th scope="col" { (Msg::GapsCurrentLevel.text(lang)) }
                            th scope="col" { (Msg::GapsGap.text(lang)) }
                        } }
                        tbody {
                            @for e in &p.employees.items {
                                tr {
                                    td { (e.nip) }
                                    td { a href=(paths::employee(e.id)) { (e.name) } }
                                    td { (e.agency_name) }
                                    td { (e.position_name.as_deref().unwrap_or("—")) }
                                    td.num { (e.required) }
                                    td.num { @match e.current { Some(c) => (c), None => "—" } }
                                    td.num data-gap=[e.gap()] {
                                        @match e.gap() { Some(g) => (g), None => (Msg::GapsNotAssessed.text(lang)) }
                                    }
                                }
                            }
                        }
                    }
                }
                (pagination(paths::CELL, &base_filters(p.filter).iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>(), p.employees, lang))
            }
        },
    )
}
