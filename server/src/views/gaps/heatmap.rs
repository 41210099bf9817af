//! The heatmap of agencies × competencies as server-rendered SVG: no script, colours from a
//! colour-blind-safe sequential scale (viridis, light = few employees with a gap, dark = many),
//! each cell's value written in it, and each cell a link to its employees.

use bangkom_entities::gaps::snapshot::{Cell, HeatRow, Heatmap};
use maud::{Markup, html};

use super::{paths, permille};
use crate::i18n::{Lang, Msg};

/// The scale: upper bounds (exclusive, in permille) of each step, its fill and its text colour.
pub const STEPS: [(i64, &str, &str); 6] = [
    (100, "#fde725", "#1b1b1b"),
    (200, "#7ad151", "#1b1b1b"),
    (300, "#22a884", "#1b1b1b"),
    (450, "#2a788e", "#ffffff"),
    (600, "#414487", "#ffffff"),
    (1001, "#440154", "#ffffff"),
];
const EMPTY_FILL: &str = "#e8e8e8";

const LABEL_WIDTH: i64 = 240;
const CELL_W: i64 = 58;
const CELL_H: i64 = 30;
const HEADER_H: i64 = 96;

/// The step of a share of employees with a gap.
pub fn step(permille: i64) -> usize {
    STEPS.iter().position(|(upper, _, _)| permille < *upper).unwrap_or(STEPS.len() - 1)
}

/// The lower bound of each step, for the legend.
fn lower(i: usize) -> i64 {
    if i == 0 { 0 } else { STEPS[i - 1].0 }
}

fn cell_href(agency_id: i64, competency_id: i64, own_only: bool) -> String {
    let own = if own_only { "&own=1" } else { "" };
    format!("{}?agency={agency_id}&competency={competency_id}{own}", paths::CELL)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn cell(x: i64, y: i64, c: &Cell, href: Option<String>, title: &str, lang: Lang) -> Markup {
    let value = c.now.gap_permille();
    let (fill, ink) = match value {
        Some(p) => (STEPS[step(p)].1, STEPS[step(p)].2),
        None => (EMPTY_FILL, "#555555"),
    };
    let text = match value {
        Some(p) => format!("{}%", (p + 5) / 10),
        None => "–".to_owned(),
    };
    let tooltip = match value {
        Some(p) => format!("{title}: {}", permille(p, lang)),
        None => title.to_owned(),
    };
    let body = html! {
        rect x=(x) y=(y) width=(CELL_W - 2) height=(CELL_H - 2) rx="3" fill=(fill) {}
        text x=(x + CELL_W / 2 - 1) y=(y + CELL_H / 2 + 4) text-anchor="middle" fill=(ink) font-size="12" { (text) }
        title { (tooltip) }
    };
    match href {
        Some(href) if value.is_some() => html! { a href=(href) { (body) } },
        _ => html! { g { (body) } },
    }
}

fn row(y: i64, r: &HeatRow, heat: &Heatmap, lang: Lang, total: bool) -> Markup {
    let label = if r.own_only {
        format!("{} ({})", truncate(&r.name, 24), Msg::GapsOwnEmployeesShort.text(lang))
    } else if total {
        Msg::GapsTotal.text(lang).to_owned()
    } else {
        truncate(&r.name, 34)
    };
    let href = (!total && r.has_children).then(|| format!("{}?agency={}", paths::DASHBOARD, r.agency_id));
    html! {
        @if let Some(href) = href {
            a href=(href) { text x=(LABEL_WIDTH - 8) y=(y + CELL_H / 2 + 4) text-anchor="end" font-size="12" class="heat-link" { (label) title { (r.name) } } }
        } @else {
            text x=(LABEL_WIDTH - 8) y=(y + CELL_H / 2 + 4) text-anchor="end" font-size="12" font-weight=[total.then_some("bold")] { (label) title { (r.name) } }
        }
        @for (i, (c, comp)) in r.cells.iter().zip(&heat.competencies).enumerate() {
            @let href = (!total || heat.root.is_some()).then(|| cell_href(r.agency_id, comp.id, r.own_only));
            (cell(LABEL_WIDTH + i as i64 * CELL_W, y, c, href, &format!("{} — {}", r.name, comp.code), lang))
        }
        (cell(LABEL_WIDTH + heat.competencies.len() as i64 * CELL_W, y, &r.total, None, &r.name, lang))
    }
}

/// The SVG heatmap and its legend.
pub fn render(heat: &Heatmap, lang: Lang) -> Markup {
    let columns = heat.competencies.len() as i64 + 1;
    let width = LABEL_WIDTH + columns * CELL_W + 8;
    let height = HEADER_H + (heat.rows.len() as i64 + 1) * CELL_H + 8;
    html! {
        figure.heatmap {
            div.heatmap-scroll {
                svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (width) " " (height) }
                    width=(width) height=(height) role="img" aria-labelledby="heatmap-title" font-family="system-ui, sans-serif" {
                    title #heatmap-title { (Msg::GapsHeatmapTitle.text(lang)) }
                    @for (i, c) in heat.competencies.iter().enumerate() {
                        @let x = LABEL_WIDTH + i as i64 * CELL_W + CELL_W / 2;
                        text x=(x) y=(HEADER_H - 8) font-size="12" transform={ "rotate(-50 " (x) " " (HEADER_H - 8) ")" } {
                            (c.code) title { (super::name(&c.name_id, &c.name_en, lang)) }
                        }
                    }
                    @let x = LABEL_WIDTH + heat.competencies.len() as i64 * CELL_W + CELL_W / 2;
                    text x=(x) y=(HEADER_H - 8) font-size="12" font-weight="bold" transform={ "rotate(-50 " (x) " " (HEADER_H - 8) ")" } { (Msg::GapsTotal.text(lang)) }
                    @for (i, r) in heat.rows.iter().enumerate() {
                        (row(HEADER_H + i as i64 * CELL_H, r, heat, lang, false))
                    }
                    (row(HEADER_H + heat.rows.len() as i64 * CELL_H, &heat.total, heat, lang, true))
                }
            }
            figcaption {
                (Msg::GapsHeatmapCaption.text(lang))
                ul.legend {
                    @for (i, (upper, fill, ink)) in STEPS.iter().enumerate() {
                        li {
                            svg xmlns="http://www.w3.org/2000/svg" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" {
                                rect width="28" height="16" rx="3" fill=(fill) {}
                                text x="14" y="12" text-anchor="middle" font-size="10" fill=(ink) { (i + 1) }
                            }
                            " " (lower(i) / 10) "–" (upper.min(&1000) / 10) "%"
                        }
                    }
                    li {
                        svg xmlns="http://www.w3.org/2000/svg" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" {
                            rect width="28" height="16" rx="3" fill=(EMPTY_FILL) {}
                        }
                        " " (Msg::GapsNotRequired.text(lang))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_covers_every_share() {
        assert_eq!(step(0), 0);
        assert_eq!(step(99), 0);
        assert_eq!(step(100), 1);
        assert_eq!(step(1000), 5);
    }
}
