//! The competency dictionary, keyed by code (compared without regard to case). The columns
//! are those of `server/data/competencies.csv`:
//! `code,kind,name_id,name_en,description_en,source`. A left-out `description_en` or
//! `source` column leaves the stored value as it is; an empty cell clears it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use super::table::{Column, Table, optional, required};
use super::{
    AuditBatch, ImportSummary, Importer, Outcome, PROGRESS_EVERY, Problem, Progress, RowError, bounded,
    enum_cell, insert_returning, required_cell, sorted,
};
use crate::enums::CompetencyKind;
use crate::schema::competencies;
use crate::tx::begin_write;

pub(crate) const COLUMNS: &[Column] = &[
    required("code"),
    required("kind"),
    required("name_id"),
    required("name_en"),
    optional("description_en"),
    optional("source"),
];

/// A line without problems: what the competency should be. `None` for the description or
/// source: the file has no such column (keep the stored value).
struct Wanted {
    code: String,
    kind: CompetencyKind,
    name_id: String,
    name_en: String,
    description: Option<Option<String>>,
    source: Option<Option<String>>,
}

/// Reads every line, collecting the problems of each cell.
fn read_lines(table: &Table, progress: &dyn Progress, errors: &mut Vec<RowError>) -> Vec<Wanted> {
    let total = table.records.len() as u64;
    let kinds: Vec<&str> = CompetencyKind::ALL.iter().map(|k| k.as_str()).collect();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut wanted = Vec::with_capacity(table.records.len());
    for (i, record) in table.records.iter().enumerate() {
        let line = record.line;
        let cell = |column: &str| table.cell(record, column);
        let errors_before = errors.len();
        let code = required_cell(cell("code"), line, "code", errors)
            .and_then(|c| bounded(c, 32, line, "code", errors));
        if let Some(code) = &code {
            match first_line.get(&code.to_uppercase()) {
                Some(first) => {
                    let problem = Problem::DuplicateCode { value: code.clone(), line: *first };
                    errors.push(RowError::new(line, "code", problem));
                }
                None => {
                    first_line.insert(code.to_uppercase(), line);
                }
            }
        }
        let kind = required_cell(cell("kind"), line, "kind", errors)
            .and_then(|k| enum_cell(&k, parse_kind, &kinds, line, "kind", errors));
        let name_id = required_cell(cell("name_id"), line, "name_id", errors)
            .and_then(|n| bounded(n, 200, line, "name_id", errors));
        let name_en = required_cell(cell("name_en"), line, "name_en", errors)
            .and_then(|n| bounded(n, 200, line, "name_en", errors));
        let description = table.has("description_en").then(|| non_empty(cell("description_en")));
        let source = table.has("source").then(|| non_empty(cell("source")));
        if let Some(Some(s)) = &source {
            bounded(s.clone(), 200, line, "source", errors);
        }
        if let (Some(code), Some(kind), Some(name_id), Some(name_en)) = (code, kind, name_id, name_en)
            && errors.len() == errors_before
        {
            wanted.push(Wanted { code, kind, name_id, name_en, description, source });
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress.checked(i as u64 + 1, total);
        }
    }
    progress.checked(total, total);
    wanted
}

/// The stored words, also with a space or hyphen for the underscore ("sosial kultural").
fn parse_kind(value: &str) -> Option<CompetencyKind> {
    CompetencyKind::parse(&value.replace([' ', '-'], "_"))
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

pub(crate) async fn import(
    db: &DatabaseConnection,
    file: &[u8],
    importer: &Importer<'_>,
    progress: &dyn Progress,
    now: DateTime<Utc>,
) -> Result<Outcome, DbErr> {
    let table = match Table::read(file, COLUMNS) {
        Ok(table) => table,
        Err(errors) => return Ok(Outcome::Rejected(errors)),
    };
    let mut errors = table.errors.clone();
    let wanted = read_lines(&table, progress, &mut errors);
    if !errors.is_empty() {
        return Ok(Outcome::Rejected(sorted(errors, COLUMNS)));
    }

    let txn = begin_write(db).await?;
    progress.written(0, table.records.len() as u64);
    // The dictionary is small: all of it, to match codes without regard to case.
    let existing: HashMap<String, competencies::Model> = competencies::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| (c.code.to_uppercase(), c))
        .collect();

    let total = wanted.len() as u64;
    let mut summary = ImportSummary { rows: total, ..Default::default() };
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    // By stored code: the state before (none: new) and after.
    let mut changes: HashMap<String, (Option<competencies::Model>, competencies::Model)> = HashMap::new();
    for w in wanted {
        let before = existing.get(&w.code.to_uppercase());
        let after = competencies::Model {
            id: before.map_or(0, |b| b.id),
            code: before.map_or(w.code, |b| b.code.clone()),
            kind: w.kind,
            name_id: w.name_id,
            name_en: w.name_en,
            description: w.description.unwrap_or_else(|| before.and_then(|b| b.description.clone())),
            source: w.source.unwrap_or_else(|| before.and_then(|b| b.source.clone())),
            is_active: before.is_none_or(|b| b.is_active),
            created_at: before.map_or(now, |b| b.created_at),
            updated_at: now,
        };
        match before {
            Some(b) if same(b, &after) => {
                summary.unchanged += 1;
                continue;
            }
            Some(_) => {
                summary.updated += 1;
                updates.push(active(&after));
            }
            None => {
                summary.created += 1;
                creates.push(active(&after));
            }
        }
        changes.insert(after.code.clone(), (before.cloned(), after));
    }

    let mut written = summary.unchanged;
    progress.written(written, total);
    let mut report = |n: usize| {
        written += n as u64;
        progress.written(written, total);
    };
    let returning = [competencies::Column::Id, competencies::Column::Code];
    let mut rows = insert_returning(&txn, creates, None, &returning, &mut report).await?;
    let upsert = OnConflict::column(competencies::Column::Code)
        .update_columns([
            competencies::Column::Kind,
            competencies::Column::NameId,
            competencies::Column::NameEn,
            competencies::Column::Description,
            competencies::Column::Source,
            competencies::Column::UpdatedAt,
        ])
        .to_owned();
    rows.extend(insert_returning(&txn, updates, Some(upsert), &returning, &mut report).await?);

    let mut audit = AuditBatch::new(importer, now);
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        let code: String = row.try_get("", "code")?;
        if let Some((before, mut after)) = changes.remove(&code) {
            after.id = id;
            match before {
                Some(before) => audit.updated("competencies", id, &before, &after),
                None => audit.created("competencies", id, &after),
            }
        }
    }
    audit.write(&txn).await?;
    txn.commit().await?;
    Ok(Outcome::Imported(summary))
}

fn same(a: &competencies::Model, b: &competencies::Model) -> bool {
    a.kind == b.kind
        && a.name_id == b.name_id
        && a.name_en == b.name_en
        && a.description == b.description
        && a.source == b.source
}

fn active(m: &competencies::Model) -> competencies::ActiveModel {
    competencies::ActiveModel {
        id: Default::default(),
        code: Set(m.code.clone()),
        kind: Set(m.kind),
        name_id: Set(m.name_id.clone()),
        name_en: Set(m.name_en.clone()),
        description: Set(m.description.clone()),
        source: Set(m.source.clone()),
        is_active: Set(m.is_active),
        created_at: Set(m.created_at),
        updated_at: Set(m.updated_at),
    }
}
