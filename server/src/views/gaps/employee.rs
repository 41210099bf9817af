//! Employees' gaps: the list (with job–person match) and one employee's page (gaps, the
//! individual development plan, assessment history with self-assessments apart, and the
//! form to record an assessment).

use bangkom_entities::enums::AssessmentSource;
use bangkom_entities::gaps::assessments::{Rights, Submitted};
use bangkom_entities::gaps::employee::{DevelopmentItem, EmployeeGaps, HistoryEntry, ListedEmployee};
use bangkom_entities::gaps::{Match, MatchBands};
use bangkom_entities::paging::Page;
use maud::{Markup, html};

use super::{band_label, name, paths, source_label};
use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::views::components::{error_summary, input, pagination, select};
use crate::views::format;
use crate::views::layout::{Chrome, csrf_field, page};

pub fn match_badge(m: &Match, bands: MatchBands, lang: Lang) -> Markup {
    html! {
        @match (m.percent(), m.band(bands)) {
            (Some(p), Some(b)) => span.band data-band=(b.as_str()) data-percent=(p) { (p) "% · " (band_label(b).text(lang)) },
            _ => span.band { (Msg::GapsNoStandard.text(lang)) },
        }
    }
}

pub struct ListPage<'a> {
    pub employees: &'a Page<ListedEmployee>,
    pub search: &'a str,
    pub bands: MatchBands,
    pub staff: bool,
}

pub fn list(chrome: &Chrome<'_>, p: &ListPage<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::GapsEmployeesTitle.text(lang),
        html! {
            @if p.staff { (super::dashboard::staff_nav(lang)) }
            h1 { (Msg::GapsEmployeesTitle.text(lang)) }
            p.note { (Msg::GapsMatchExplained.fill(lang, &[("optimal", &p.bands.optimal.to_string()), ("adequate", &p.bands.adequate.to_string())])) }
            form.filters method="get" action=(paths::EMPLOYEES) {
                label { (Msg::EmployeeSearch.text(lang)) input type="search" name="q" value=(p.search); }
                button.primary type="submit" { (Msg::CatalogueShow.text(lang)) }
            }
            @if p.employees.items.is_empty() {
                p { (Msg::GapsNoEmployees.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th scope="col" { (Msg::FieldNip.text(lang)) }
                            th scope="col" { (Msg::FieldName.text(lang)) }
                            th scope="col" { (Msg::FieldAgency.text(lang)) }
                            th scope="col" { (Msg::EmployeePosition.text(lang)) }
                            th scope="col" { (Msg::GapsMatch.text(lang)) }
                            th scope="col" { (Msg::GapsWithGapCount.text(lang)) }
                            th scope="col" { (Msg::GapsNotAssessedCount.text(lang)) }
                        } }
                        tbody {
                            @for e in &p.employees.items {
                                tr {
                                    td { (e.nip) }
                                    td { a href=(paths::employee(e.id)) { (e.name) } }
                                    td { (e.agency_name) }
                                    td { (e.position_name.as_deref().unwrap_or("—")) }
                                    td { (match_badge(&e.matched, p.bands, lang)) }
                                    td.num { (e.with_gap) }
                                    td.num { (e.not_assessed) }
                                }
                            }
                        }
                    }
                }
                (pagination(paths::EMPLOYEES, &[("q", p.search.to_owned())], p.employees, lang))
            }
        },
    )
}

pub struct EmployeePage<'a> {
    pub gaps: &'a EmployeeGaps,
    pub plan: &'a [DevelopmentItem],
    pub history: &'a [HistoryEntry],
    pub bands: MatchBands,
    pub rights: Rights,
    /// Whether self-assessments count as current levels here.
    pub self_counts: bool,
    pub form: &'a Submitted,
    pub errors: &'a FieldErrors,
    /// Competencies the form offers: (id, "CODE name").
    pub competencies: &'a [(i64, String)],
    pub staff: bool,
    pub today: chrono::NaiveDate,
}

pub fn show(chrome: &Chrome<'_>, p: &EmployeePage<'_>) -> Markup {
    let lang = chrome.lang;
    let g = p.gaps;
    let e = &g.employee;
    let (counted, own): (Vec<&HistoryEntry>, Vec<&HistoryEntry>) =
        p.history.iter().partition(|h| h.assessment.source != AssessmentSource::SelfAssessment);
    page(
        chrome,
        &format!("{} — {}", Msg::GapsEmployeeTitle.text(lang), e.name),
        html! {
            @if p.staff { (super::dashboard::staff_nav(lang)) }
            h1 { (Msg::GapsEmployeeTitle.text(lang)) ": " (e.name) }
            dl.facts {
                dt { (Msg::FieldNip.text(lang)) } dd { (e.nip) }
                dt { (Msg::FieldAgency.text(lang)) } dd { (g.agency_name) }
                dt { (Msg::EmployeePosition.text(lang)) } dd { (g.position.as_ref().map(|p| p.name.as_str()).unwrap_or("—")) }
                dt { (Msg::GapsMatch.text(lang)) }
                dd { (match_badge(&g.matched, p.bands, lang)) " " span.note { (Msg::GapsMatchDetail.fill(lang, &[("met", &g.matched.met.to_string()), ("of", &g.matched.competencies.to_string())])) } }
            }
            p.note { (Msg::GapsMatchExplained.fill(lang, &[("optimal", &p.bands.optimal.to_string()), ("adequate", &p.bands.adequate.to_string())])) }

            h2 { (Msg::GapsOwnGapsTitle.text(lang)) }
            @if g.gaps.is_empty() {
                p { (Msg::GapsNoStandard.text(lang)) }
            } @else {
                div.table-wrap {
                    table.gaps {
                        thead { tr {
                            th scope="col" { (Msg::GapsCompetency.text(lang)) }
                            th scope="col" { (Msg::GapsRequiredLevel.text(lang)) }
                            th scope="col" { (Msg::GapsCurrentLevel.text(lang)) }
                            th scope="col" { (Msg::GapsGap.text(lang)) }
                            th scope="col" { (Msg::GapsCurrentFrom.text(lang)) }
                        } }
                        tbody {
                            @for gap in &g.gaps {
                                tr data-competency=(gap.code) {
                                    td { (gap.code) " " (name(&gap.name_id, &gap.name_en, lang)) }
                                    td.num { (gap.required) }
                                    td.num { @match gap.current { Some(c) => (c), None => "—" } }
                                    td data-gap=(gap.size().map(|s| s.to_string()).unwrap_or_else(|| "not_assessed".into())) {
                                        @match gap.size() {
                                            None => (Msg::GapsNotAssessed.text(lang)),
                                            Some(0) => (Msg::GapsMet.text(lang)),
                                            Some(s) => (s),
                                        }
                                    }
                                    td {
                                        @if let (Some(source), Some(on)) = (gap.current_source, gap.assessed_on) {
                                            (source_label(source).text(lang)) ", " (format::date(on, lang))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }

            h2 { (Msg::GapsDevelopmentPlanTitle.text(lang)) }
            @if p.plan.is_empty() {
                p { (Msg::GapsNoDevelopmentNeeded.text(lang)) }
            } @else {
                p.note { (Msg::GapsDevelopmentPlanIntro.text(lang)) }
                ol.idp {
                    @for item in p.plan {
                        li data-competency=(item.gap.code) {
                            h3 {
                                (item.gap.code) " " (name(&item.gap.name_id, &item.gap.name_en, lang)) " — "
                                @match item.gap.size() {
                                    None => (Msg::GapsNotAssessed.text(lang)),
                                    Some(s) => (Msg::GapsGapOf.fill(lang, &[("n", &s.to_string())])),
                                }
                            }
                            h4 { (Msg::GapsOpenBatches.text(lang)) }
                            @if item.batches.is_empty() {
                                p.note { (Msg::GapsNoOpenBatch.text(lang)) }
                            } @else {
                                ul { @for b in &item.batches {
                                    li data-batch=(b.batch_id) {
                                        (b.program_code) " " (b.program_title) " — " (b.batch_name) ", "
                                        (format::date(b.starts_on, lang)) "–" (format::date(b.ends_on, lang)) " · "
                                        (Msg::GapsTargetLevel.fill(lang, &[("level", &b.target_level.to_string())])) " · "
                                        (Msg::GapsFreeSeats.fill(lang, &[("n", &b.free_seats.to_string())]))
                                    }
                                } }
                            }
                            h4 { (Msg::GapsPossibleMentors.text(lang)) }
                            @if item.mentors.is_empty() {
                                p.note { (Msg::GapsNoMentor.text(lang)) }
                            } @else {
                                ul { @for m in &item.mentors {
                                    li data-mentor=(m.employee_id) {
                                        (m.name) " (" (m.agency_name) ") — " (Msg::GapsLevelN.fill(lang, &[("level", &m.level.to_string())]))
                                        @if m.same_agency { " · " (Msg::GapsSameAgency.text(lang)) }
                                    }
                                } }
                            }
                        }
                    }
                }
            }

            @if p.rights.any() {
                h2 #catat { (Msg::GapsRecordTitle.text(lang)) }
                (record_form(chrome, p))
            }

            h2 { (Msg::GapsHistoryTitle.text(lang)) }
            (history(&counted, lang, true))
            h2 { (Msg::GapsSelfHistoryTitle.text(lang)) }
            p.note {
                @if p.self_counts { (Msg::GapsSelfCounts.text(lang)) } @else { (Msg::GapsSelfNotCounted.text(lang)) }
            }
            (history(&own, lang, false))
        },
    )
}

fn history(entries: &[&HistoryEntry], lang: Lang, with_source: bool) -> Markup {
    html! {
        @if entries.is_empty() {
            p { (Msg::GapsNoHistory.text(lang)) }
        } @else {
            div.table-wrap {
                table.history data-self=(if with_source { "no" } else { "yes" }) {
                    thead { tr {
                        th scope="col" { (Msg::GapsCompetency.text(lang)) }
                        th scope="col" { (Msg::GapsAssessedOn.text(lang)) }
                        th scope="col" { (Msg::GapsLevel.text(lang)) }
                        @if with_source { th scope="col" { (Msg::GapsSource.text(lang)) } }
                        th scope="col" { (Msg::GapsAssessor.text(lang)) }
                        th scope="col" { (Msg::GapsNotes.text(lang)) }
                    } }
                    tbody {
                        @for h in entries {
                            tr data-assessment=(h.assessment.id) data-current=(h.is_current) {
                                td { (h.competency_code) " " (name(&h.competency_name_id, &h.competency_name_en, lang)) }
                                td { (format::date(h.assessment.assessed_on, lang)) }
                                td.num {
                                    (h.assessment.level)
                                    @if h.is_current { " " span.tag { (Msg::GapsCurrentTag.text(lang)) } }
                                    @if h.outranked { " " span.tag data-outranked="true" { (Msg::GapsOutrankedTag.text(lang)) } }
                                }
                                @if with_source { td { (source_label(h.assessment.source).text(lang)) } }
                                td { (h.assessment.assessor_name.as_deref().unwrap_or("—")) }
                                td { (h.assessment.notes.as_deref().unwrap_or("")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn record_form(chrome: &Chrome<'_>, p: &EmployeePage<'_>) -> Markup {
    let lang = chrome.lang;
    let mut competencies = vec![(String::new(), Msg::GapsChooseCompetency.text(lang).to_owned())];
    competencies.extend(p.competencies.iter().map(|(id, label)| (id.to_string(), label.clone())));
    let sources: Vec<(String, String)> = p
        .rights
        .sources()
        .iter()
        .map(|s| (s.as_str().to_owned(), source_label(*s).text(lang).to_owned()))
        .collect();
    let default_source = if p.rights.staff {
        AssessmentSource::AssessmentCentre
    } else if p.rights.supervisor {
        AssessmentSource::Supervisor
    } else {
        AssessmentSource::SelfAssessment
    };
    let source = if p.form.source.is_empty() { default_source.as_str() } else { p.form.source.as_str() };
    let levels: Vec<(String, String)> = (1..=5).map(|l| (l.to_string(), l.to_string())).collect();
    let date = if p.form.assessed_on.is_empty() { p.today.to_string() } else { p.form.assessed_on.clone() };
    html! {
        (error_summary(p.errors, lang))
        form.stack method="post" action=(paths::record(p.gaps.employee.id)) {
            (csrf_field(chrome.csrf))
            (select(Msg::GapsCompetency.text(lang), "competency", &competencies, &p.form.competency, p.errors, lang))
            (select(Msg::GapsLevel.text(lang), "level", &levels, if p.form.level.is_empty() { "3" } else { &p.form.level }, p.errors, lang))
            (select(Msg::GapsSource.text(lang), "source", &sources, source, p.errors, lang))
            (input(Msg::GapsAssessedOn.text(lang), "assessed_on", "date", &date, p.errors, lang))
            @if p.rights.staff {
                (input(Msg::GapsAssessor.text(lang), "assessor_name", "text", &p.form.assessor_name, p.errors, lang))
            }
            (input(Msg::GapsNotes.text(lang), "notes", "text", &p.form.notes, p.errors, lang))
            button.primary type="submit" { (Msg::GapsRecordSubmit.text(lang)) }
        }
    }
}
