//! The training-needs plan page.

use bangkom_entities::gaps::plan::PlanLine;
use maud::{Markup, html};

use super::{name, number, paths};
use crate::i18n::Msg;
use crate::views::format;
use crate::views::layout::{Chrome, page};

pub struct PlanPage<'a> {
    pub lines: &'a [PlanLine],
}

pub fn render(chrome: &Chrome<'_>, p: &PlanPage<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::GapsPlanTitle.text(lang),
        html! {
            (super::dashboard::staff_nav(lang))
            h1 { (Msg::GapsPlanTitle.text(lang)) }
            p.note { (Msg::GapsPlanIntro.text(lang)) }
            p {
                a.button href={ (paths::PLAN_EXPORT) "?format=csv" } download { (Msg::GapsExportCsv.text(lang)) }
                " "
                a.button href={ (paths::PLAN_EXPORT) "?format=xlsx" } download { (Msg::GapsExportXlsx.text(lang)) }
            }
            @if p.lines.is_empty() {
                p { (Msg::GapsPlanEmpty.text(lang)) }
            }
            @for line in p.lines {
                section.plan-line data-competency=(line.code) {
                    h2 { (line.code) " " (name(&line.name_id, &line.name_en, lang)) }
                    p {
                        (Msg::GapsPlanCounts.fill(lang, &[
                            ("gap", &number(line.with_gap, lang)),
                            ("required", &number(line.required, lang)),
                            ("not_assessed", &number(line.not_assessed, lang)),
                        ]))
                    }
                    @if line.programs.is_empty() {
                        p.note { (Msg::GapsNoProgram.text(lang)) }
                    } @else {
                        div.table-wrap {
                            table {
                                thead { tr {
                                    th scope="col" { (Msg::GapsProgram.text(lang)) }
                                    th scope="col" { (Msg::GapsTargetLevelColumn.text(lang)) }
                                    th scope="col" { (Msg::GapsServes.text(lang)) }
                                    th scope="col" { (Msg::GapsTypicalQuota.text(lang)) }
                                    th scope="col" { (Msg::GapsBatchesNeeded.text(lang)) }
                                    th scope="col" { (Msg::GapsPlannedBatches.text(lang)) }
                                    th scope="col" { (Msg::GapsBatchesToSchedule.text(lang)) }
                                } }
                                tbody {
                                    @for prog in &line.programs {
                                        tr data-program=(prog.code) {
                                            td { (prog.code) " " (prog.title) }
                                            td.num { (prog.target_level) }
                                            td.num data-serves=(prog.serves) { (number(prog.serves, lang)) }
                                            td.num { (prog.typical_quota) }
                                            td.num data-batches=(prog.batches_needed) { (prog.batches_needed) }
                                            td {
                                                @if prog.planned.is_empty() { "—" }
                                                @for b in &prog.planned {
                                                    span.batch data-batch=(b.batch_id) {
                                                        (b.name) " (" (format::date(b.starts_on, lang)) ", "
                                                        (Msg::GapsFreeSeats.fill(lang, &[("n", &b.free_seats.to_string())])) ")"
                                                    }
                                                    br;
                                                }
                                            }
                                            td.num data-to-schedule=(prog.batches_to_schedule) { (prog.batches_to_schedule) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
