//! The training-needs plan as a file, the input of next year's training calendar: one line per
//! (competency, program), and one per competency no program targets. CSV (UTF-8 with a BOM so
//! that Excel reads it) and XLSX carry the same columns.

use bangkom_entities::gaps::plan::PlanLine;

use super::name;
use crate::i18n::{Lang, Msg};

/// The column titles, in `lang`.
fn header(lang: Lang) -> Vec<String> {
    [
        Msg::GapsExportCompetencyCode,
        Msg::GapsCompetency,
        Msg::GapsRequiredCount,
        Msg::GapsWithGapCount,
        Msg::GapsNotAssessedCount,
        Msg::GapsExportProgramCode,
        Msg::GapsProgram,
        Msg::GapsTargetLevelColumn,
        Msg::GapsServes,
        Msg::GapsTypicalQuota,
        Msg::GapsBatchesNeeded,
        Msg::GapsExportPlannedCount,
        Msg::GapsExportFreeSeats,
        Msg::GapsBatchesToSchedule,
    ]
    .iter()
    .map(|m| m.text(lang).to_owned())
    .collect()
}

/// A cell: text or a whole number.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(i64),
    Empty,
}

/// The plan as rows of cells (without the header).
pub fn rows(lines: &[PlanLine], lang: Lang) -> Vec<Vec<Value>> {
    let mut out = Vec::new();
    for line in lines {
        let competency = vec![
            Value::Text(line.code.clone()),
            Value::Text(name(&line.name_id, &line.name_en, lang).to_owned()),
            Value::Number(line.required),
            Value::Number(line.with_gap),
            Value::Number(line.not_assessed),
        ];
        if line.programs.is_empty() {
            let mut row = competency.clone();
            row.extend(std::iter::repeat_n(Value::Empty, 9));
            out.push(row);
        }
        for p in &line.programs {
            let mut row = competency.clone();
            row.extend([
                Value::Text(p.code.clone()),
                Value::Text(p.title.clone()),
                Value::Number(p.target_level.into()),
                Value::Number(p.serves),
                Value::Number(p.typical_quota),
                Value::Number(p.batches_needed),
                Value::Number(p.planned.len() as i64),
                Value::Number(p.planned.iter().map(|b| b.free_seats).sum()),
                Value::Number(p.batches_to_schedule),
            ]);
            out.push(row);
        }
    }
    out
}

pub fn csv(lines: &[PlanLine], lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut writer = crate::views::spreadsheet::csv_writer();
    writer.write_record(header(lang))?;
    for row in rows(lines, lang) {
        writer.write_record(row.iter().map(|v| match v {
            Value::Text(t) => crate::views::spreadsheet::text(t),
            Value::Number(n) => n.to_string(),
            Value::Empty => String::new(),
        }))?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

pub fn xlsx(lines: &[PlanLine], lang: Lang) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(match lang {
        Lang::Id => "Kebutuhan pelatihan",
        Lang::En => "Training needs",
    })?;
    let bold = Format::new().set_bold();
    for (c, title) in header(lang).iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, title, &bold)?;
    }
    for (r, row) in rows(lines, lang).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v {
                Value::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Value::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    Ok(workbook.save_to_buffer()?)
}
