//! The JP recap: per agency (who reached the PNS floor, who is over the PPPK ceiling), the
//! list of PNS below the floor, one employee's year, and the exports (CSV and XLSX with the
//! same rows).

use bangkom_entities::enums::EmploymentType;
use bangkom_entities::paging::Page;
use bangkom_entities::schema::agencies;
use bangkom_entities::training::Rules;
use bangkom_entities::training::recap::{AgencySummary, EmployeeYear, RecapRow, Source, Standing};
use maud::{Markup, html};

use super::people::jp_summary;
use super::{jp, method_text, paths, recap_employee_url};
use crate::i18n::{Lang, Msg};
use crate::views::admin::employees::type_label;
use crate::views::components::{input, pagination, select};
use crate::views::format::date;
use crate::views::layout::{Chrome, page};

pub fn standing_label(s: Standing) -> Msg {
    match s {
        Standing::Reached => Msg::TrainingRecapReached,
        Standing::Below => Msg::TrainingRecapBelow,
        Standing::WithinCeiling => Msg::TrainingRecapWithin,
        Standing::OverCeiling => Msg::TrainingRecapOver,
    }
}

pub struct RecapPage<'a> {
    pub year: i32,
    pub agency_id: &'a str,
    pub agencies: &'a [agencies::Model],
    pub summary: &'a [AgencySummary],
    pub below: &'a Page<RecapRow>,
    pub rules: &'a Rules,
}

pub fn staff(chrome: &Chrome<'_>, p: &RecapPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::TrainingRecapTitle.text(lang);
    let none = crate::forms::FieldErrors::default();
    let agencies: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::TrainingAllMyAgencies.text(lang).to_owned()))
            .chain(p.agencies.iter().map(|a| (a.id.to_string(), a.name.clone())))
            .collect();
    let filters = vec![("tahun", p.year.to_string()), ("opd", p.agency_id.to_owned())];
    let query = serde_urlencoded::to_string(&filters).unwrap_or_default();
    let total_pns: i64 = p.summary.iter().map(|s| s.pns).sum();
    let total_reached: i64 = p.summary.iter().map(|s| s.pns_reached).sum();
    page(
        chrome,
        title,
        html! {
            h1 { (title) " " (p.year) }
            p.note { (Msg::TrainingRecapIntro.fill(lang, &[
                ("floor", &p.rules.pns_min_jp.to_string()),
                ("ceiling", &p.rules.pppk_max_jp.to_string()),
                ("per", &p.rules.mentoring_minutes_per_jp.to_string()),
            ])) }
            form.filters method="get" action=(paths::RECAP) {
                (input(Msg::TrainingYear.text(lang), "tahun", "number", &p.year.to_string(), &none, lang))
                (select(Msg::FieldAgency.text(lang), "opd", &agencies, p.agency_id, &none, lang))
                div.actions { button.primary type="submit" { (Msg::CatalogueShow.text(lang)) } }
            }
            div.actions {
                a.button href={ (paths::RECAP_CSV) "?" (query) } download { (Msg::TrainingExportCsv.text(lang)) }
                a.button href={ (paths::RECAP_XLSX) "?" (query) } download { (Msg::TrainingExportXlsx.text(lang)) }
            }
            p data-reached=(total_reached) data-pns=(total_pns) {
                (Msg::TrainingRecapTotals.fill(lang, &[
                    ("reached", &total_reached.to_string()),
                    ("pns", &total_pns.to_string()),
                    ("floor", &p.rules.pns_min_jp.to_string()),
                ]))
            }
            h2 { (Msg::TrainingRecapPerAgency.text(lang)) }
            div.table-wrap { table {
                thead { tr {
                    th scope="col" { (Msg::FieldAgency.text(lang)) }
                    th scope="col" { (Msg::TrainingRecapPns.text(lang)) }
                    th scope="col" { (Msg::TrainingRecapPnsReached.fill(lang, &[("jp", &p.rules.pns_min_jp.to_string())])) }
                    th scope="col" { (Msg::TrainingRecapPnsBelow.fill(lang, &[("jp", &p.rules.pns_min_jp.to_string())])) }
                    th scope="col" { (Msg::TrainingRecapPppk.text(lang)) }
                    th scope="col" { (Msg::TrainingRecapPppkOver.fill(lang, &[("jp", &p.rules.pppk_max_jp.to_string())])) }
                } }
                tbody { @for s in p.summary {
                    tr data-agency=(s.agency_id) {
                        td { (s.agency_name) }
                        td { (s.pns) }
                        td data-reached { (s.pns_reached) }
                        td data-below { (s.pns_below()) }
                        td { (s.pppk) }
                        td data-over { (s.pppk_over) }
                    }
                } }
            } }
            h2 { (Msg::TrainingRecapBelowTitle.fill(lang, &[("jp", &p.rules.pns_min_jp.to_string())])) }
            @if p.below.items.is_empty() { p { (Msg::TrainingRecapNobodyBelow.text(lang)) } } @else {
                (rows_table(&p.below.items, p.rules, p.year, lang))
            }
            (pagination(paths::RECAP, &filters, p.below, lang))
        },
    )
}

fn rows_table(rows: &[RecapRow], rules: &Rules, year: i32, lang: Lang) -> Markup {
    html! {
        div.table-wrap { table {
            thead { tr {
                th scope="col" { (Msg::FieldNip.text(lang)) }
                th scope="col" { (Msg::FieldName.text(lang)) }
                th scope="col" { (Msg::FieldAgency.text(lang)) }
                th scope="col" { (Msg::TrainingClassical.text(lang)) }
                th scope="col" { (Msg::TrainingNonClassical.text(lang)) }
                th scope="col" { (Msg::TrainingSourceMentoring.text(lang)) }
                th scope="col" { (Msg::TrainingTotalJp.text(lang)) }
            } }
            tbody { @for r in rows {
                tr data-employee=(r.nip) {
                    td { (r.nip) }
                    td { a href=(recap_employee_url(r.employee_id, year)) { (r.name) } }
                    td { (r.agency_name) }
                    td { (r.classical_jp) }
                    td { (r.nonclassical_jp) }
                    td { (jp(r.mentoring_jp(rules), lang)) }
                    td data-total { (jp(r.total_jp(rules), lang)) }
                }
            } }
        } }
    }
}

pub struct EmployeePage<'a> {
    pub year: &'a EmployeeYear,
    pub rules: &'a Rules,
}

pub fn employee(chrome: &Chrome<'_>, p: &EmployeePage<'_>) -> Markup {
    let lang = chrome.lang;
    let y = p.year;
    let title = Msg::TrainingRecapOf.fill(lang, &[("name", &y.employee.name), ("year", &y.year.to_string())]);
    let base = format!("{}/{}", paths::RECAP_EMPLOYEE, y.employee.id);
    page(
        chrome,
        &title,
        html! {
            h1 { (title) }
            p { (y.employee.nip) " · " (type_label(y.employee.employment_type).text(lang)) " · " (y.row.agency_name) }
            nav.pagination {
                a rel="prev" href={ (base) "?tahun=" (y.year - 1) } { "← " (y.year - 1) }
                a rel="next" href={ (base) "?tahun=" (y.year + 1) } { (y.year + 1) " →" }
            }
            (jp_summary(y, p.rules, lang))
            @if y.employee.employment_type == EmploymentType::Pppk { p.note { (Msg::TrainingContractYearNote.text(lang)) } }
            h2 { (Msg::TrainingRecapSources.text(lang)) }
            @if y.lines.is_empty() { p { (Msg::TrainingRecapNoLines.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr {
                        th scope="col" { (Msg::TrainingRecapSource.text(lang)) }
                        th scope="col" { (Msg::TrainingRecapWhat.text(lang)) }
                        th scope="col" { (Msg::TrainingMethod.text(lang)) }
                        th scope="col" { (Msg::TrainingRecapOn.text(lang)) }
                        th scope="col" { (Msg::TrainingJp.text(lang)) }
                        th scope="col" { (Msg::TrainingCertificate.text(lang)) }
                    } }
                    tbody { @for l in &y.lines {
                        tr data-source=(match l.source { Source::Training => "training", Source::Mentoring => "mentoring" }) {
                            td { (match l.source { Source::Training => Msg::TrainingSourceTraining, Source::Mentoring => Msg::TrainingSourceMentoring }.text(lang)) }
                            td {
                                (l.title)
                                @if let Some(mentor) = &l.mentor { br; small { (Msg::TrainingRecapMentor.fill(lang, &[("name", mentor)])) } }
                            }
                            td { @if let Some(m) = l.method { (method_text(m, lang)) } }
                            td { (date(l.on, lang)) }
                            td { @match (l.jp, l.minutes) {
                                (Some(j), _) => { (j) }
                                (None, Some(m)) => { (jp((m * 10 / i64::from(p.rules.mentoring_minutes_per_jp.max(1))) as f64 / 10.0, lang)) " (" (m) " " (Msg::TrainingMinutes.text(lang)) ")" }
                                _ => {}
                            } }
                            td { (l.certificate_number.as_deref().unwrap_or("")) }
                        }
                    } }
                } }
            }
        },
    )
}

// ---------------------------------------------------------------------------------------
// Exports: the same rows in CSV and XLSX
// ---------------------------------------------------------------------------------------

/// The export's column names.
pub const EXPORT_COLUMNS: [&str; 11] = [
    "nip",
    "nama",
    "perangkat_daerah",
    "jenis_asn",
    "tahun",
    "jp_klasikal",
    "jp_nonklasikal_pelatihan",
    "menit_mentoring",
    "jp_mentoring",
    "total_jp",
    "status",
];

/// One exported row as text cells (numbers with a dot as the decimal separator).
pub fn export_cells(r: &RecapRow, rules: &Rules, year: i32) -> [String; 11] {
    [
        r.nip.clone(),
        r.name.clone(),
        r.agency_name.clone(),
        r.employment_type.as_str().to_uppercase(),
        year.to_string(),
        r.classical_jp.to_string(),
        r.nonclassical_jp.to_string(),
        r.mentoring_minutes.to_string(),
        format!("{}", r.mentoring_jp(rules)),
        format!("{}", r.total_jp(rules)),
        standing_label(r.standing(rules)).text(Lang::Id).to_owned(),
    ]
}

pub fn csv(rows: &[RecapRow], rules: &Rules, year: i32) -> Result<Vec<u8>, csv::Error> {
    let mut writer = crate::views::spreadsheet::csv_writer();
    writer.write_record(EXPORT_COLUMNS)?;
    for r in rows {
        let mut cells = export_cells(r, rules, year);
        // Name and agency are typed by people (NIP and the rest are digits or ours).
        for cell in &mut cells[1..=2] {
            *cell = crate::views::spreadsheet::text(cell);
        }
        writer.write_record(cells)?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

pub fn xlsx(rows: &[RecapRow], rules: &Rules, year: i32) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(format!("Rekap JP {year}"))?;
    let bold = Format::new().set_bold();
    for (c, name) in EXPORT_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as u32;
        let cells = export_cells(r, rules, year);
        for (c, cell) in cells.iter().enumerate() {
            // Numbers stay numbers; the NIP (18 digits) stays text.
            match (c, cell.parse::<f64>()) {
                (4..=9, Ok(n)) => sheet.write_number(row, c as u16, n)?,
                _ => sheet.write_string(row, c as u16, cell)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}
