//! Position competency standards: one line per (position, competency) with the required
//! level. Positions are created or updated by code (name and family); a position created
//! here belongs to no agency (region-wide), an existing one keeps its agency.
//!
//! The lines of a position are its whole standard: a standard row of a position named in
//! the file whose competency the file no longer lists is removed (and audited). Positions
//! the file does not name are not touched.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
};

use super::table::{Column, Table, required};
use super::{
    AuditBatch, IN_CHUNK, ImportSummary, Importer, Outcome, PROGRESS_EVERY, Problem, Progress, RowError,
    bounded, enum_cell, insert_returning, required_cell, sorted,
};
use crate::enums::PositionFamily;
use crate::schema::{competencies, position_standards, positions};
use crate::tx::begin_write;

pub(crate) const COLUMNS: &[Column] = &[
    required("position_code"),
    required("position_name"),
    required("position_family"),
    required("competency_code"),
    required("required_level"),
];

/// A line whose cells are all well-formed.
struct Wanted {
    position_code: String,
    position_name: String,
    family: PositionFamily,
    competency_code: String,
    level: i16,
}

/// What the lines say: the complete ones, and every competency named (with its line), to
/// check against the dictionary even on lines with other problems.
struct Lines {
    wanted: Vec<Wanted>,
    competencies: Vec<(u64, String)>,
}

fn read_lines(table: &Table, progress: &dyn Progress, errors: &mut Vec<RowError>) -> Lines {
    let total = table.records.len() as u64;
    let families: Vec<&str> = PositionFamily::ALL.iter().map(|f| f.as_str()).collect();
    // Per position (upper-case code): its name, family and first line.
    let mut positions: HashMap<String, (String, PositionFamily, u64)> = HashMap::new();
    let mut pairs: HashMap<(String, String), u64> = HashMap::new();
    let mut wanted = Vec::with_capacity(table.records.len());
    let mut named = Vec::with_capacity(table.records.len());
    for (i, record) in table.records.iter().enumerate() {
        let line = record.line;
        let cell = |column: &str| table.cell(record, column);
        let errors_before = errors.len();
        let position_code = required_cell(cell("position_code"), line, "position_code", errors)
            .and_then(|c| bounded(c, 32, line, "position_code", errors));
        let position_name = required_cell(cell("position_name"), line, "position_name", errors)
            .and_then(|n| bounded(n, 200, line, "position_name", errors));
        let family = required_cell(cell("position_family"), line, "position_family", errors)
            .and_then(|f| enum_cell(&f, PositionFamily::parse, &families, line, "position_family", errors));
        let competency_code = required_cell(cell("competency_code"), line, "competency_code", errors);
        if let Some(code) = &competency_code {
            named.push((line, code.clone()));
        }
        let level = required_cell(cell("required_level"), line, "required_level", errors)
            .and_then(|l| level_cell(&l, line, errors));

        if let (Some(code), Some(name), Some(family)) = (&position_code, &position_name, family) {
            match positions.get(&code.to_uppercase()) {
                None => {
                    positions.insert(code.to_uppercase(), (name.clone(), family, line));
                }
                Some((first_name, first_family, first_line)) => {
                    let problem = || Problem::PositionMismatch { code: code.clone(), line: *first_line };
                    if first_name != name {
                        errors.push(RowError::new(line, "position_name", problem()));
                    }
                    if *first_family != family {
                        errors.push(RowError::new(line, "position_family", problem()));
                    }
                }
            }
        }
        if let (Some(position), Some(competency)) = (&position_code, &competency_code) {
            let key = (position.to_uppercase(), competency.to_uppercase());
            match pairs.get(&key) {
                Some(first) => {
                    let problem = Problem::DuplicateStandard {
                        position: position.clone(),
                        competency: competency.clone(),
                        line: *first,
                    };
                    errors.push(RowError::new(line, "competency_code", problem));
                }
                None => {
                    pairs.insert(key, line);
                }
            }
        }
        if let (Some(position_code), Some(position_name), Some(family), Some(competency_code), Some(level)) =
            (position_code, position_name, family, competency_code, level)
            && errors.len() == errors_before
        {
            wanted.push(Wanted { position_code, position_name, family, competency_code, level });
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress.checked(i as u64 + 1, total);
        }
    }
    Lines { wanted, competencies: named }
}

/// A level 1–5.
pub(crate) fn level_cell(value: &str, line: u64, errors: &mut Vec<RowError>) -> Option<i16> {
    match value.parse::<i64>() {
        Ok(level) if (1..=5).contains(&level) => Some(level as i16),
        Ok(_) => {
            errors.push(RowError::new(
                line,
                "required_level",
                Problem::LevelOutOfRange { value: value.into() },
            ));
            None
        }
        Err(_) => {
            errors.push(RowError::new(
                line,
                "required_level",
                Problem::LevelNotNumber { value: value.into() },
            ));
            None
        }
    }
}

/// What the checks and the plan need from the database.
struct Snapshot {
    /// Every competency id by upper-case code (the dictionary is small).
    competencies: HashMap<String, i64>,
    /// Every position by upper-case code.
    positions: HashMap<String, positions::Model>,
}

impl Snapshot {
    async fn load<C: ConnectionTrait>(db: &C) -> Result<Snapshot, DbErr> {
        let competencies = competencies::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.code.to_uppercase(), c.id))
            .collect();
        let positions = positions::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.code.to_uppercase(), p))
            .collect();
        Ok(Snapshot { competencies, positions })
    }

    /// Every competency named must be in the dictionary.
    fn check(&self, named: &[(u64, String)]) -> Vec<RowError> {
        named
            .iter()
            .filter(|(_, code)| !self.competencies.contains_key(&code.to_uppercase()))
            .map(|(line, code)| {
                RowError::new(*line, "competency_code", Problem::UnknownCompetency { code: code.clone() })
            })
            .collect()
    }
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
    let Lines { wanted, competencies: named } = read_lines(&table, progress, &mut errors);
    errors.extend(Snapshot::load(db).await?.check(&named));
    let total = table.records.len() as u64;
    progress.checked(total, total);
    if !errors.is_empty() {
        return Ok(Outcome::Rejected(sorted(errors, COLUMNS)));
    }

    let txn = begin_write(db).await?;
    progress.written(0, table.records.len() as u64);
    let snapshot = Snapshot::load(&txn).await?;
    let errors = snapshot.check(&named);
    if !errors.is_empty() {
        return Ok(Outcome::Rejected(sorted(errors, COLUMNS)));
    }
    let mut summary = ImportSummary { rows: wanted.len() as u64, ..Default::default() };
    let mut audit = AuditBatch::new(importer, now);

    // Positions: create or update by code, first line's name and family.
    let mut position_ids: HashMap<String, i64> = HashMap::new();
    let mut new_positions = Vec::new();
    let mut changed_positions = Vec::new();
    let mut seen = HashSet::new();
    for w in &wanted {
        let key = w.position_code.to_uppercase();
        if !seen.insert(key.clone()) {
            continue;
        }
        match snapshot.positions.get(&key) {
            Some(p) => {
                position_ids.insert(key, p.id);
                if p.name != w.position_name || p.family != w.family {
                    let after = positions::Model {
                        name: w.position_name.clone(),
                        family: w.family,
                        updated_at: now,
                        ..p.clone()
                    };
                    audit.updated("positions", p.id, p, &after);
                    changed_positions.push(position_active(&after));
                }
            }
            None => new_positions.push(positions::Model {
                id: 0,
                code: w.position_code.clone(),
                name: w.position_name.clone(),
                family: w.family,
                agency_id: None,
                created_at: now,
                updated_at: now,
            }),
        }
    }
    summary.positions_updated = changed_positions.len() as u64;
    summary.positions_created = new_positions.len() as u64;
    let returning = [positions::Column::Id, positions::Column::Code];
    let upsert = OnConflict::column(positions::Column::Code)
        .update_columns([positions::Column::Name, positions::Column::Family, positions::Column::UpdatedAt])
        .to_owned();
    insert_returning(&txn, changed_positions, Some(upsert), &[], &mut |_| {}).await?;
    let actives = new_positions.iter().map(position_active).collect();
    let mut new_positions: HashMap<String, positions::Model> =
        new_positions.into_iter().map(|p| (p.code.clone(), p)).collect();
    for row in insert_returning(&txn, actives, None, &returning, &mut |_| {}).await? {
        let (id, code): (i64, String) = (row.try_get("", "id")?, row.try_get("", "code")?);
        position_ids.insert(code.to_uppercase(), id);
        if let Some(p) = new_positions.remove(&code) {
            audit.created("positions", id, &positions::Model { id, ..p });
        }
    }

    // Standard rows of the positions that existed, to compare and to remove.
    let stored: HashSet<i64> = wanted
        .iter()
        .filter_map(|w| snapshot.positions.get(&w.position_code.to_uppercase()))
        .map(|p| p.id)
        .collect();
    let stored: Vec<i64> = stored.into_iter().collect();
    let mut existing: HashMap<(i64, i64), position_standards::Model> = HashMap::new();
    for chunk in stored.chunks(IN_CHUNK) {
        let rows = position_standards::Entity::find()
            .filter(position_standards::Column::PositionId.is_in(chunk.iter().copied()))
            .all(&txn)
            .await?;
        existing.extend(rows.into_iter().map(|s| ((s.position_id, s.competency_id), s)));
    }

    let mut creates = Vec::new();
    let mut updates = Vec::new();
    let mut kept = HashSet::new();
    for w in &wanted {
        let position_id = position_ids[&w.position_code.to_uppercase()];
        let competency_id = snapshot.competencies[&w.competency_code.to_uppercase()];
        kept.insert((position_id, competency_id));
        let row = position_standards::Model { id: 0, position_id, competency_id, required_level: w.level };
        match existing.get(&(position_id, competency_id)) {
            Some(before) if before.required_level == w.level => summary.unchanged += 1,
            Some(before) => {
                summary.updated += 1;
                let after = position_standards::Model { id: before.id, ..row };
                audit.updated("position_standards", before.id, before, &after);
                updates.push(standard_active(&after));
            }
            None => {
                summary.created += 1;
                creates.push(row);
            }
        }
    }
    let total = summary.rows;
    let mut written = summary.unchanged;
    progress.written(written, total);
    let mut report = |n: usize| {
        written += n as u64;
        progress.written(written, total);
    };
    let returning = [
        position_standards::Column::Id,
        position_standards::Column::PositionId,
        position_standards::Column::CompetencyId,
    ];
    let upsert = OnConflict::columns([
        position_standards::Column::PositionId,
        position_standards::Column::CompetencyId,
    ])
    .update_column(position_standards::Column::RequiredLevel)
    .to_owned();
    insert_returning(&txn, updates, Some(upsert), &[], &mut report).await?;
    let levels: HashMap<(i64, i64), i16> =
        creates.iter().map(|c| ((c.position_id, c.competency_id), c.required_level)).collect();
    let actives = creates.iter().map(standard_active).collect();
    for row in insert_returning(&txn, actives, None, &returning, &mut report).await? {
        let id: i64 = row.try_get("", "id")?;
        let key: (i64, i64) = (row.try_get("", "position_id")?, row.try_get("", "competency_id")?);
        let after = position_standards::Model {
            id,
            position_id: key.0,
            competency_id: key.1,
            required_level: levels.get(&key).copied().unwrap_or_default(),
        };
        audit.created("position_standards", id, &after);
    }

    // What the file no longer lists for its positions.
    let removed: Vec<&position_standards::Model> =
        existing.iter().filter(|(key, _)| !kept.contains(*key)).map(|(_, s)| s).collect();
    summary.removed = removed.len() as u64;
    for s in &removed {
        audit.deleted("position_standards", s.id, *s);
    }
    let removed_ids: Vec<i64> = removed.iter().map(|s| s.id).collect();
    for chunk in removed_ids.chunks(IN_CHUNK) {
        position_standards::Entity::delete_many()
            .filter(position_standards::Column::Id.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?;
    }

    audit.write(&txn).await?;
    txn.commit().await?;
    Ok(Outcome::Imported(summary))
}

fn position_active(p: &positions::Model) -> positions::ActiveModel {
    positions::ActiveModel {
        id: Default::default(),
        code: Set(p.code.clone()),
        name: Set(p.name.clone()),
        family: Set(p.family),
        agency_id: Set(p.agency_id),
        created_at: Set(p.created_at),
        updated_at: Set(p.updated_at),
    }
}

fn standard_active(s: &position_standards::Model) -> position_standards::ActiveModel {
    position_standards::ActiveModel {
        id: Default::default(),
        position_id: Set(s.position_id),
        competency_id: Set(s.competency_id),
        required_level: Set(s.required_level),
    }
}
