//! The training-needs plan (*analisis kebutuhan pengembangan kompetensi*): for each competency
//! with gaps among the employees in view, the programs that target it, how many of those
//! employees each would serve, how many batches that takes at the program's typical quota,
//! and the open or planned batches already covering it. Computed from current levels with a
//! few grouped queries (per competency, per program), never per employee.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, Value};
use serde::Serialize;

use super::{REQUIRED_JOIN, int, opt_int, placeholders, query_all};
use crate::enums::CompetencyKind;
use crate::policy::Reach;

/// A program's typical quota when it has no batch yet.
pub const DEFAULT_QUOTA: i64 = 30;

/// A batch not yet started that targets a competency.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedBatch {
    pub batch_id: i64,
    pub name: String,
    pub status: String,
    pub starts_on: NaiveDate,
    pub free_seats: i64,
}

/// A program that targets a competency of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanProgram {
    pub program_id: i64,
    pub code: String,
    pub title: String,
    pub target_level: i16,
    /// Employees with a gap below the target level whom the program is open to.
    pub serves: i64,
    /// Mean quota of its batches (not cancelled), or [`DEFAULT_QUOTA`].
    pub typical_quota: i64,
    /// Batches needed to serve them all: ⌈serves / typical_quota⌉.
    pub batches_needed: i64,
    /// Open or draft batches that have not started.
    pub planned: Vec<PlannedBatch>,
    /// Batches still to schedule once the free seats of `planned` are used:
    /// ⌈max(0, serves − free seats) / typical_quota⌉.
    pub batches_to_schedule: i64,
}

/// One competency with gaps.
#[derive(Debug, Clone, Serialize)]
pub struct PlanLine {
    pub competency_id: i64,
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    #[serde(skip)]
    pub kind: CompetencyKind,
    pub required: i64,
    pub with_gap: i64,
    pub not_assessed: i64,
    pub gap_sum: i64,
    pub programs: Vec<PlanProgram>,
}

/// The plan for the active employees in `reach` (optionally of `agencies` only), most
/// employees with a gap first.
pub async fn training_needs<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    agencies: Option<&[i64]>,
    today: NaiveDate,
) -> Result<Vec<PlanLine>, DbErr> {
    let mut filter_values = Vec::new();
    let mut filter = format!("e.is_active = ? AND c.is_active = ? AND {}", {
        filter_values.push(true.into());
        filter_values.push(true.into());
        let (sql, reach_values) = reach.employees_sql("e");
        filter_values.extend(reach_values);
        sql
    });
    if let Some(ids) = agencies {
        if ids.is_empty() {
            filter.push_str(" AND 1 = 0");
        } else {
            filter.push_str(&format!(" AND e.agency_id IN ({})", placeholders(ids.len())));
            filter_values.extend(ids.iter().map(|i| Value::from(*i)));
        }
    }

    let rows = query_all(
        db,
        &format!(
            "SELECT c.id AS competency_id, c.code, c.name_id, c.name_en, c.kind, COUNT(*) AS required, \
                    SUM(CASE WHEN l.level < ps.required_level THEN 1 ELSE 0 END) AS with_gap, \
                    SUM(CASE WHEN l.level IS NULL THEN 1 ELSE 0 END) AS not_assessed, \
                    SUM(CASE WHEN l.level < ps.required_level THEN ps.required_level - l.level ELSE 0 END) AS gap_sum \
             FROM {REQUIRED_JOIN} WHERE {filter} \
             GROUP BY c.id, c.code, c.name_id, c.name_en, c.kind"
        ),
        filter_values.clone(),
    )
    .await?;
    let mut lines: BTreeMap<i64, PlanLine> = BTreeMap::new();
    for r in &rows {
        let with_gap = int(r, "with_gap")?;
        if with_gap == 0 {
            continue;
        }
        let kind: String = r.try_get("", "kind")?;
        let id = int(r, "competency_id")?;
        lines.insert(
            id,
            PlanLine {
                competency_id: id,
                code: r.try_get("", "code")?,
                name_id: r.try_get("", "name_id")?,
                name_en: r.try_get("", "name_en")?,
                kind: CompetencyKind::parse(&kind).unwrap_or(CompetencyKind::Teknis),
                required: int(r, "required")?,
                with_gap,
                not_assessed: int(r, "not_assessed")?,
                gap_sum: int(r, "gap_sum")?,
                programs: Vec::new(),
            },
        );
    }
    if lines.is_empty() {
        return Ok(Vec::new());
    }

    // Employees each (program, competency) would serve: a gap, a current level below the
    // program's target, and the program open to them.
    let served = query_all(
        db,
        &format!(
            "SELECT pc.program_id, pc.competency_id, p.code, p.title, pc.target_level, COUNT(*) AS serves \
             FROM {REQUIRED_JOIN} \
             JOIN agencies a ON a.id = e.agency_id \
             LEFT JOIN positions pos ON pos.id = e.position_id \
             JOIN program_competencies pc ON pc.competency_id = ps.competency_id \
             JOIN training_programs p ON p.id = pc.program_id \
             WHERE {filter} AND p.is_active = ? AND l.level < ps.required_level AND l.level < pc.target_level \
               AND (NOT EXISTS (SELECT 1 FROM program_eligible_families f WHERE f.program_id = p.id) \
                 OR EXISTS (SELECT 1 FROM program_eligible_families f WHERE f.program_id = p.id AND f.family = pos.family)) \
               AND (NOT EXISTS (SELECT 1 FROM program_eligible_agencies g WHERE g.program_id = p.id) \
                 OR EXISTS (SELECT 1 FROM program_eligible_agencies g WHERE g.program_id = p.id \
                            AND (g.agency_id = e.agency_id OR g.agency_id = a.parent_id))) \
               AND (p.min_grade IS NULL OR p.min_grade <= e.grade) \
               AND (p.max_grade IS NULL OR p.max_grade >= e.grade) \
             GROUP BY pc.program_id, pc.competency_id, p.code, p.title, pc.target_level"
        ),
        {
            let mut v = filter_values.clone();
            v.push(true.into());
            v
        },
    )
    .await?;
    // Programs that target a competency of the plan but would serve nobody are listed too
    // (with 0): the planner sees they exist.
    let competency_ids: Vec<i64> = lines.keys().copied().collect();
    let programs = query_all(
        db,
        &format!(
            "SELECT pc.program_id, pc.competency_id, p.code, p.title, pc.target_level, \
                    (SELECT CAST(ROUND(AVG(b.quota)) AS INTEGER) FROM training_batches b WHERE b.program_id = p.id AND b.status <> ?) AS quota \
             FROM program_competencies pc JOIN training_programs p ON p.id = pc.program_id \
             WHERE p.is_active = ? AND pc.competency_id IN ({})",
            placeholders(competency_ids.len())
        ),
        {
            let mut v: Vec<Value> = vec!["cancelled".into(), true.into()];
            v.extend(competency_ids.iter().map(|i| Value::from(*i)));
            v
        },
    )
    .await?;
    let batches = query_all(
        db,
        &format!(
            "SELECT b.id, b.program_id, b.name, b.status, b.starts_on, b.quota - b.seats_taken AS free_seats \
             FROM training_batches b JOIN program_competencies pc ON pc.program_id = b.program_id \
             WHERE b.status IN (?, ?) AND b.starts_on >= ? AND pc.competency_id IN ({}) \
             ORDER BY b.starts_on, b.id",
            placeholders(competency_ids.len())
        ),
        {
            let mut v: Vec<Value> = vec!["open".into(), "draft".into(), today.into()];
            v.extend(competency_ids.iter().map(|i| Value::from(*i)));
            v
        },
    )
    .await?;
    let mut serves: BTreeMap<(i64, i64), i64> = BTreeMap::new();
    for r in &served {
        serves.insert((int(r, "program_id")?, int(r, "competency_id")?), int(r, "serves")?);
    }
    let mut planned: BTreeMap<i64, Vec<PlannedBatch>> = BTreeMap::new();
    for r in &batches {
        let batch = PlannedBatch {
            batch_id: int(r, "id")?,
            name: r.try_get("", "name")?,
            status: r.try_get("", "status")?,
            starts_on: r.try_get("", "starts_on")?,
            free_seats: int(r, "free_seats")?.max(0),
        };
        let list = planned.entry(int(r, "program_id")?).or_default();
        if !list.iter().any(|b| b.batch_id == batch.batch_id) {
            list.push(batch);
        }
    }
    for r in &programs {
        let program_id = int(r, "program_id")?;
        let competency_id = int(r, "competency_id")?;
        let Some(line) = lines.get_mut(&competency_id) else { continue };
        let quota = opt_int(r, "quota")?.unwrap_or(DEFAULT_QUOTA).max(1);
        let serves = serves.get(&(program_id, competency_id)).copied().unwrap_or(0);
        let planned = planned.get(&program_id).cloned().unwrap_or_default();
        let free: i64 = planned.iter().map(|b| b.free_seats).sum();
        line.programs.push(PlanProgram {
            program_id,
            code: r.try_get("", "code")?,
            title: r.try_get("", "title")?,
            target_level: int(r, "target_level")? as i16,
            serves,
            typical_quota: quota,
            batches_needed: ceil_div(serves, quota),
            batches_to_schedule: ceil_div((serves - free).max(0), quota),
            planned,
        });
    }
    let mut out: Vec<PlanLine> = lines.into_values().collect();
    for line in &mut out {
        line.programs.sort_by(|a, b| b.serves.cmp(&a.serves).then(a.code.cmp(&b.code)));
    }
    out.sort_by(|a, b| b.with_gap.cmp(&a.with_gap).then(a.code.cmp(&b.code)));
    Ok(out)
}

fn ceil_div(n: i64, d: i64) -> i64 {
    if n <= 0 { 0 } else { (n + d - 1) / d }
}
