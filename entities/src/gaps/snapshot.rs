//! The nightly snapshot of the gaps per agency and competency, and the dashboard read from it.
//!
//! [`take`] computes the aggregates of the whole region in the database with one
//! `INSERT … SELECT … GROUP BY`: active employees counted per (agency, position) and
//! multiplied out over the position's standard (the required counts), plus one pass over the
//! current levels grouped per (agency, position, competency, level) and judged against the
//! standard (assessed, meeting, gap sizes); "not assessed" is required − assessed. No employee
//! is loaded into the process, and the cost grows linearly with the current levels (one row
//! per employee and assessed competency, kept up to date as assessments arrive). The header and its rows are written in
//! one transaction, so a reader sees the previous snapshot or the new one, never a half.
//! Rows hold each agency's (or unit's) own employees; [`heatmap`] sums them up the tree.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use super::{GapError, int, query_all, query_one, statement};
use crate::enums::CompetencyKind;
use crate::policy::Reach;
use crate::schema::{agencies, competencies, gap_snapshot_rows, gap_snapshots};
use crate::tx::begin_write;

/// The aggregate columns, in the order of `gap_snapshot_rows` and of [`AGGREGATES_SQL`].
const AGGREGATE_COLUMNS: &str = "required_count, assessed_count, meeting_count, gap_count, \
     not_assessed_count, gap_sum, gap_1, gap_2, gap_3, gap_4";

/// The aggregates of one (agency, competency) group, over rows aliased `ps` (the required
/// level) and `cur` (the current level, NULL when never assessed).
const AGGREGATES_SQL: &str = "COUNT(*) AS required_count, \
     COUNT(cur.level) AS assessed_count, \
     SUM(CASE WHEN cur.level >= ps.required_level THEN 1 ELSE 0 END) AS meeting_count, \
     SUM(CASE WHEN cur.level < ps.required_level THEN 1 ELSE 0 END) AS gap_count, \
     SUM(CASE WHEN cur.level IS NULL THEN 1 ELSE 0 END) AS not_assessed_count, \
     SUM(CASE WHEN cur.level < ps.required_level THEN ps.required_level - cur.level ELSE 0 END) AS gap_sum, \
     SUM(CASE WHEN ps.required_level - cur.level = 1 THEN 1 ELSE 0 END) AS gap_1, \
     SUM(CASE WHEN ps.required_level - cur.level = 2 THEN 1 ELSE 0 END) AS gap_2, \
     SUM(CASE WHEN ps.required_level - cur.level = 3 THEN 1 ELSE 0 END) AS gap_3, \
     SUM(CASE WHEN ps.required_level - cur.level = 4 THEN 1 ELSE 0 END) AS gap_4";

/// Required levels per (agency, competency): active employees counted per (agency,
/// position) first, then multiplied out over the position's standard (a few thousand rows).
const STAFF_SQL: &str = "SELECT s.agency_id, ps.competency_id, s.n AS required_count, 0 AS assessed_count, \
       0 AS meeting_count, 0 AS gap_count, 0 AS gap_sum, 0 AS gap_1, 0 AS gap_2, 0 AS gap_3, 0 AS gap_4 \
     FROM (SELECT agency_id, position_id, COUNT(*) AS n FROM employees \
           WHERE is_active = ? AND position_id IS NOT NULL GROUP BY agency_id, position_id) s \
     JOIN position_standards ps ON ps.position_id = s.position_id";

/// Current levels per (agency, position, competency, level) — one sequential pass over the
/// current levels of active employees — judged against the position's required level. A
/// level of a competency the position does not require falls out in the join.
const HELD_SQL: &str = "SELECT h.agency_id, h.competency_id, 0, h.n, \
       CASE WHEN h.level >= ps.required_level THEN h.n ELSE 0 END, \
       CASE WHEN h.level < ps.required_level THEN h.n ELSE 0 END, \
       CASE WHEN h.level < ps.required_level THEN (ps.required_level - h.level) * h.n ELSE 0 END, \
       CASE WHEN ps.required_level - h.level = 1 THEN h.n ELSE 0 END, \
       CASE WHEN ps.required_level - h.level = 2 THEN h.n ELSE 0 END, \
       CASE WHEN ps.required_level - h.level = 3 THEN h.n ELSE 0 END, \
       CASE WHEN ps.required_level - h.level = 4 THEN h.n ELSE 0 END \
     FROM (SELECT e.agency_id, e.position_id, l.competency_id, l.level, COUNT(*) AS n \
           FROM employee_competency_levels l JOIN employees e ON e.id = l.employee_id \
           WHERE e.is_active = ? GROUP BY e.agency_id, e.position_id, l.competency_id, l.level) h \
     JOIN position_standards ps ON ps.position_id = h.position_id AND ps.competency_id = h.competency_id";

/// What a run stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Taken {
    pub snapshot_id: i64,
    /// Active employees whose position has a standard.
    pub employees: u64,
    /// (agency, competency) rows written.
    pub rows: u64,
    /// Older snapshots removed by the retention rule ([`KEEP_EVERY_SNAPSHOT_DAYS`]).
    pub pruned: u64,
}

/// Snapshots younger than this are all kept; older ones are thinned to the first of each
/// month, so a trend stays readable for years while the table stays small (a night's
/// snapshot is one row per agency and competency: thousands of rows a night for a province).
pub const KEEP_EVERY_SNAPSHOT_DAYS: i64 = 90;

/// Computes and stores a snapshot of the whole region, atomically.
pub async fn take(
    db: &DatabaseConnection,
    job_run_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Taken, DbErr> {
    let txn = begin_write(db).await?;
    let header = gap_snapshots::ActiveModel {
        job_run_id: Set(job_run_id),
        taken_at: Set(now),
        employees_considered: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let backend = txn.get_database_backend();
    let insert = format!(
        "INSERT INTO gap_snapshot_rows (snapshot_id, agency_id, competency_id, {AGGREGATE_COLUMNS}) \
         SELECT ?, x.agency_id, x.competency_id, SUM(x.required_count), SUM(x.assessed_count), \
                SUM(x.meeting_count), SUM(x.gap_count), SUM(x.required_count) - SUM(x.assessed_count), \
                SUM(x.gap_sum), SUM(x.gap_1), SUM(x.gap_2), SUM(x.gap_3), SUM(x.gap_4) \
         FROM ({STAFF_SQL} UNION ALL {HELD_SQL}) x \
         JOIN competencies c ON c.id = x.competency_id \
         WHERE c.is_active = ? \
         GROUP BY x.agency_id, x.competency_id"
    );
    let written = txn
        .execute_raw(statement(
            backend,
            &insert,
            vec![header.id.into(), true.into(), true.into(), true.into()],
        ))
        .await?
        .rows_affected();
    let employees = query_one(
        &txn,
        "SELECT COUNT(*) AS n FROM employees e WHERE e.is_active = ? AND EXISTS \
         (SELECT 1 FROM position_standards ps JOIN competencies c ON c.id = ps.competency_id \
          WHERE ps.position_id = e.position_id AND c.is_active = ?)",
        vec![true.into(), true.into()],
    )
    .await?
    .map(|row| int(&row, "n"))
    .transpose()?
    .unwrap_or(0);
    gap_snapshots::ActiveModel {
        id: Set(header.id),
        employees_considered: Set(employees.min(i64::from(i32::MAX)) as i32),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let pruned = prune(&txn, now).await?;
    txn.commit().await?;
    Ok(Taken { snapshot_id: header.id, employees: employees as u64, rows: written, pruned })
}

/// Applies the retention rule in the snapshot's own transaction. Only the headers older than
/// the window are read: at most a few dozen (one per month kept, plus the nights that left
/// the window since the last run).
async fn prune<C: ConnectionTrait>(txn: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let cutoff = now - chrono::Duration::days(KEEP_EVERY_SNAPSHOT_DAYS);
    let old: Vec<(i64, DateTime<Utc>)> = gap_snapshots::Entity::find()
        .select_only()
        .columns([gap_snapshots::Column::Id, gap_snapshots::Column::TakenAt])
        .filter(gap_snapshots::Column::TakenAt.lt(cutoff))
        .order_by_asc(gap_snapshots::Column::TakenAt)
        .order_by_asc(gap_snapshots::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let mut months = std::collections::HashSet::new();
    let doomed: Vec<i64> =
        old.into_iter().filter(|(_, at)| !months.insert((at.year(), at.month()))).map(|(id, _)| id).collect();
    for ids in doomed.chunks(500) {
        gap_snapshot_rows::Entity::delete_many()
            .filter(gap_snapshot_rows::Column::SnapshotId.is_in(ids.to_vec()))
            .exec(txn)
            .await?;
        gap_snapshots::Entity::delete_many()
            .filter(gap_snapshots::Column::Id.is_in(ids.to_vec()))
            .exec(txn)
            .await?;
    }
    Ok(doomed.len() as u64)
}

/// One (agency, competency) aggregate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Aggregate {
    pub required: i64,
    pub assessed: i64,
    pub meeting: i64,
    pub with_gap: i64,
    pub not_assessed: i64,
    pub gap_sum: i64,
    /// Employees whose gap is 1, 2, 3 and 4 levels.
    pub gap_sizes: [i64; 4],
}

impl Aggregate {
    fn from_row(r: &gap_snapshot_rows::Model) -> Aggregate {
        Aggregate {
            required: r.required_count.into(),
            assessed: r.assessed_count.into(),
            meeting: r.meeting_count.into(),
            with_gap: r.gap_count.into(),
            not_assessed: r.not_assessed_count.into(),
            gap_sum: r.gap_sum.into(),
            gap_sizes: [r.gap_1.into(), r.gap_2.into(), r.gap_3.into(), r.gap_4.into()],
        }
    }

    fn add(&mut self, o: &Aggregate) {
        self.required += o.required;
        self.assessed += o.assessed;
        self.meeting += o.meeting;
        self.with_gap += o.with_gap;
        self.not_assessed += o.not_assessed;
        self.gap_sum += o.gap_sum;
        for i in 0..4 {
            self.gap_sizes[i] += o.gap_sizes[i];
        }
    }

    /// Employees with a gap, per thousand of those required (the heatmap's value).
    pub fn gap_permille(&self) -> Option<i64> {
        (self.required > 0).then(|| self.with_gap * 1000 / self.required)
    }

    /// The mean gap of those with a gap, in tenths of a level.
    pub fn mean_gap_tenths(&self) -> Option<i64> {
        (self.with_gap > 0).then(|| (self.gap_sum * 10 + self.with_gap / 2) / self.with_gap)
    }
}

/// The aggregates of the reference query (for the benchmark and the tests): per (agency,
/// competency).
pub type Aggregates = BTreeMap<(i64, i64), Aggregate>;

/// The straightforward hand-written query computing the same per-agency aggregates from the
/// raw assessments: the newest counted assessment per employee and competency by a window
/// function, joined to the standards. Used by the benchmark as the yardstick, and by the
/// tests to check the snapshot.
pub async fn reference_aggregates<C: ConnectionTrait>(
    db: &C,
    count_self_assessments: bool,
) -> Result<Aggregates, DbErr> {
    let sql = format!(
        "WITH ranked AS ( \
           SELECT a.employee_id, a.competency_id, a.level, \
                  ROW_NUMBER() OVER (PARTITION BY a.employee_id, a.competency_id \
                                     ORDER BY a.assessed_on DESC, a.id DESC) AS rn \
           FROM competency_assessments a WHERE a.source <> ? OR ? \
         ), cur AS (SELECT employee_id, competency_id, level FROM ranked WHERE rn = 1) \
         SELECT e.agency_id AS agency_id, ps.competency_id AS competency_id, {AGGREGATES_SQL} \
         FROM employees e \
         JOIN position_standards ps ON ps.position_id = e.position_id \
         JOIN competencies c ON c.id = ps.competency_id \
         LEFT JOIN cur ON cur.employee_id = e.id AND cur.competency_id = ps.competency_id \
         WHERE e.is_active = ? AND c.is_active = ? \
         GROUP BY e.agency_id, ps.competency_id"
    );
    let rows =
        query_all(db, &sql, vec!["self".into(), count_self_assessments.into(), true.into(), true.into()])
            .await?;
    rows.iter().map(|r| Ok(((int(r, "agency_id")?, int(r, "competency_id")?), aggregate_of(r)?))).collect()
}

fn aggregate_of(r: &sea_orm::QueryResult) -> Result<Aggregate, DbErr> {
    Ok(Aggregate {
        required: int(r, "required_count")?,
        assessed: int(r, "assessed_count")?,
        meeting: int(r, "meeting_count")?,
        with_gap: int(r, "gap_count")?,
        not_assessed: int(r, "not_assessed_count")?,
        gap_sum: int(r, "gap_sum")?,
        gap_sizes: [int(r, "gap_1")?, int(r, "gap_2")?, int(r, "gap_3")?, int(r, "gap_4")?],
    })
}

/// The rows of a stored snapshot, per (agency, competency).
pub async fn stored_aggregates<C: ConnectionTrait>(db: &C, snapshot_id: i64) -> Result<Aggregates, DbErr> {
    Ok(gap_snapshot_rows::Entity::find()
        .filter(gap_snapshot_rows::Column::SnapshotId.eq(snapshot_id))
        .all(db)
        .await?
        .iter()
        .map(|r| ((r.agency_id, r.competency_id), Aggregate::from_row(r)))
        .collect())
}

/// The newest snapshots, newest first.
pub async fn latest<C: ConnectionTrait>(db: &C, n: u64) -> Result<Vec<gap_snapshots::Model>, DbErr> {
    gap_snapshots::Entity::find()
        .order_by_desc(gap_snapshots::Column::TakenAt)
        .order_by_desc(gap_snapshots::Column::Id)
        .limit(n)
        .all(db)
        .await
}

/// A competency as the dashboard shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CompetencyLabel {
    pub id: i64,
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    #[serde(skip)]
    pub kind: CompetencyKind,
}

/// A row of the heatmap: an agency (with everything below it), or the root's own employees.
#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    pub agency_id: i64,
    pub code: String,
    pub name: String,
    /// Whether the agency has agencies or units below it (a link to look inside).
    pub has_children: bool,
    /// Only the root's own employees, not those below it.
    pub own_only: bool,
    /// Per competency of [`Heatmap::competencies`], in order.
    pub cells: Vec<Cell>,
    pub total: Cell,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Cell {
    pub now: Aggregate,
    /// The same in the previous snapshot (absent: there is none).
    pub before: Option<Aggregate>,
}

impl Cell {
    /// Change of the share with a gap since the previous snapshot, in permille points.
    pub fn change_permille(&self) -> Option<i64> {
        let before = self.before?.gap_permille()?;
        Some(self.now.gap_permille()? - before)
    }
}

/// The dashboard of one agency subtree (or the whole region).
#[derive(Debug, Clone, Serialize)]
pub struct Heatmap {
    pub snapshot: Option<gap_snapshots::Model>,
    pub previous: Option<gap_snapshots::Model>,
    /// The agency whose children are the rows (`None`: the region's roots).
    pub root: Option<(i64, String)>,
    /// The way back up: (id, name) from the top to the root's parent.
    pub trail: Vec<(i64, String)>,
    pub competencies: Vec<CompetencyLabel>,
    pub rows: Vec<HeatRow>,
    /// Everything shown, summed.
    pub total: HeatRow,
}

/// The agency tree, loaded once (agencies are few).
struct Tree {
    agencies: HashMap<i64, agencies::Model>,
    children: HashMap<Option<i64>, Vec<i64>>,
}

impl Tree {
    async fn load<C: ConnectionTrait>(db: &C) -> Result<Tree, DbErr> {
        let all = agencies::Entity::find().order_by_asc(agencies::Column::Code).all(db).await?;
        let mut children: HashMap<Option<i64>, Vec<i64>> = HashMap::new();
        for a in &all {
            children.entry(a.parent_id).or_default().push(a.id);
        }
        Ok(Tree { agencies: all.into_iter().map(|a| (a.id, a)).collect(), children })
    }

    fn children(&self, of: Option<i64>) -> &[i64] {
        self.children.get(&of).map_or(&[], Vec::as_slice)
    }

    /// For every agency, the top of the subtree it is summed into, among `tops`.
    fn owners(&self, tops: &[i64]) -> HashMap<i64, i64> {
        let mut owner = HashMap::new();
        for &top in tops {
            let mut stack = vec![top];
            while let Some(id) = stack.pop() {
                if owner.insert(id, top).is_none() {
                    stack.extend(self.children(Some(id)));
                }
            }
        }
        owner
    }
}

/// The heatmap under `root` (`None`: the region's top), for what `scope` may see: an
/// operator's view is limited to their agencies, whatever `root` asks. `NotFound` when the
/// root is outside the scope.
pub async fn heatmap<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    root: Option<i64>,
) -> Result<Heatmap, GapError> {
    let tree = Tree::load(db).await?;
    let visible = |id: i64| reach.includes_agency(id);
    if !reach.is_staff_wide() {
        return Err(GapError::NotFound);
    }
    if let Some(id) = root
        && (!tree.agencies.contains_key(&id) || !visible(id))
    {
        return Err(GapError::NotFound);
    }
    // An operator without a root starts at the tops of their scope.
    let (root, tops): (Option<i64>, Vec<i64>) = match (root, reach) {
        (Some(id), _) => (Some(id), tree.children(Some(id)).to_vec()),
        (None, Reach::Agencies(ids)) => {
            let tops: Vec<i64> = ids
                .iter()
                .copied()
                .filter(|id| tree.agencies[id].parent_id.is_none_or(|p| !ids.contains(&p)))
                .collect();
            match tops.as_slice() {
                [single] => (Some(*single), tree.children(Some(*single)).to_vec()),
                _ => (None, tops),
            }
        }
        (None, _) => {
            // The region's roots; a single region root is opened at once.
            let roots = tree.children(None).to_vec();
            match roots.as_slice() {
                [single] => (Some(*single), tree.children(Some(*single)).to_vec()),
                _ => (None, roots),
            }
        }
    };
    let trail = {
        let mut trail = Vec::new();
        let mut at = root.and_then(|r| tree.agencies[&r].parent_id);
        while let Some(id) = at {
            if !visible(id) {
                break;
            }
            trail.push((id, tree.agencies[&id].name.clone()));
            at = tree.agencies[&id].parent_id;
        }
        trail.reverse();
        trail
    };

    let snapshots = latest(db, 2).await?;
    let (snapshot, previous) = (snapshots.first().cloned(), snapshots.get(1).cloned());
    let now = match &snapshot {
        Some(s) => stored_aggregates(db, s.id).await?,
        None => Aggregates::new(),
    };
    let before = match &previous {
        Some(s) => Some(stored_aggregates(db, s.id).await?),
        None => None,
    };

    // Which row each agency's employees are summed into: the root's own employees form a
    // row of their own, each child its subtree.
    let mut owner = tree.owners(&tops);
    const OWN: i64 = -1;
    if let Some(r) = root {
        owner.insert(r, OWN);
    }
    let sum = |data: &Aggregates| {
        let mut per: HashMap<(i64, i64), Aggregate> = HashMap::new();
        for (&(agency, competency), a) in data {
            if let Some(&row) = owner.get(&agency)
                && reach.includes_agency(agency)
            {
                per.entry((row, competency)).or_default().add(a);
            }
        }
        per
    };
    let now_sum = sum(&now);
    let before_sum = before.as_ref().map(sum);

    let mut used: Vec<i64> = now_sum.keys().map(|(_, c)| *c).collect();
    used.sort_unstable();
    used.dedup();
    let mut labels: Vec<CompetencyLabel> = competencies::Entity::find()
        .filter(competencies::Column::Id.is_in(used))
        .all(db)
        .await?
        .into_iter()
        .map(|c| CompetencyLabel {
            id: c.id,
            code: c.code,
            name_id: c.name_id,
            name_en: c.name_en,
            kind: c.kind,
        })
        .collect();
    labels.sort_by(|a, b| (kind_rank(a.kind), &a.code).cmp(&(kind_rank(b.kind), &b.code)));

    let row_of = |row_id: i64, agency_id: i64, own_only: bool| {
        let a = &tree.agencies[&agency_id];
        let cells: Vec<Cell> = labels
            .iter()
            .map(|c| Cell {
                now: now_sum.get(&(row_id, c.id)).copied().unwrap_or_default(),
                before: before_sum.as_ref().map(|b| b.get(&(row_id, c.id)).copied().unwrap_or_default()),
            })
            .collect();
        let total = total_of(&cells, before_sum.is_some());
        HeatRow {
            agency_id,
            code: a.code.clone(),
            name: a.name.clone(),
            has_children: !own_only && !tree.children(Some(agency_id)).is_empty(),
            own_only,
            cells,
            total,
        }
    };
    let mut rows = Vec::new();
    if let Some(r) = root
        && now_sum.keys().any(|(row, _)| *row == OWN)
    {
        rows.push(row_of(OWN, r, true));
    }
    for &top in &tops {
        if visible(top) {
            rows.push(row_of(top, top, false));
        }
    }
    let total_cells: Vec<Cell> = (0..labels.len())
        .map(|i| {
            let mut cell =
                Cell { now: Aggregate::default(), before: before_sum.as_ref().map(|_| Aggregate::default()) };
            for row in &rows {
                cell.now.add(&row.cells[i].now);
                if let (Some(b), Some(rb)) = (cell.before.as_mut(), row.cells[i].before) {
                    b.add(&rb);
                }
            }
            cell
        })
        .collect();
    let (total_code, total_name, total_id) = match root {
        Some(r) => (tree.agencies[&r].code.clone(), tree.agencies[&r].name.clone(), r),
        None => (String::new(), String::new(), 0),
    };
    let total = HeatRow {
        agency_id: total_id,
        code: total_code,
        name: total_name,
        has_children: false,
        own_only: false,
        total: total_of(&total_cells, before_sum.is_some()),
        cells: total_cells,
    };
    Ok(Heatmap {
        snapshot,
        previous,
        root: root.map(|r| (r, tree.agencies[&r].name.clone())),
        trail,
        competencies: labels,
        rows,
        total,
    })
}

fn total_of(cells: &[Cell], with_before: bool) -> Cell {
    let mut total = Cell { now: Aggregate::default(), before: with_before.then(Aggregate::default) };
    for c in cells {
        total.now.add(&c.now);
        if let (Some(b), Some(cb)) = (total.before.as_mut(), c.before) {
            b.add(&cb);
        }
    }
    total
}

fn kind_rank(kind: CompetencyKind) -> u8 {
    match kind {
        CompetencyKind::Manajerial => 0,
        CompetencyKind::SosialKultural => 1,
        CompetencyKind::Teknis => 2,
    }
}

/// An agency subtree's ids (for drill-downs), checked against the scope.
pub async fn subtree_in_scope<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    agency_id: i64,
) -> Result<Vec<i64>, GapError> {
    let exists = agencies::Entity::find_by_id(agency_id).one(db).await?.is_some();
    match reach.narrow_to(db, agency_id).await? {
        Some(Reach::Agencies(ids)) if exists => Ok(ids),
        _ => Err(GapError::NotFound),
    }
}
