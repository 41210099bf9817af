//! One employee's gaps, derived when read from their position's standard and their current
//! levels; the job–person match of a page of employees; the drill-down from a heatmap cell;
//! and the individual development plan (gaps largest first, open batches that target them,
//! colleagues who could mentor).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Value};
use serde::Serialize;

use super::{GapError, Match, REQUIRED_JOIN, int, opt_int, placeholders, query_all, statement};
use crate::enums::{AssessmentSource, CompetencyKind};
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Reach, Target};
use crate::schema::{agencies, competencies, competency_assessments, employees, positions};

/// One required competency of an employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub competency_id: i64,
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    #[serde(skip)]
    pub kind: CompetencyKind,
    pub required: i16,
    /// The current level; `None`: never assessed (a counted assessment).
    pub current: Option<i16>,
    pub current_source: Option<AssessmentSource>,
    pub assessed_on: Option<NaiveDate>,
}

impl Gap {
    /// `required − current` when positive, 0 when met, `None` when never assessed.
    pub fn size(&self) -> Option<i16> {
        self.current.map(|c| (self.required - c).max(0))
    }
}

/// An employee, their position and their gaps.
#[derive(Debug, Clone, Serialize)]
pub struct EmployeeGaps {
    pub employee: employees::Model,
    pub agency_name: String,
    pub position: Option<positions::Model>,
    /// Largest gap first, then not assessed, then met (each by competency code).
    pub gaps: Vec<Gap>,
    pub matched: Match,
}

impl EmployeeGaps {
    /// The employee as the policy sees them.
    pub fn target(&self) -> Target<'_> {
        Target::Employee(&self.employee)
    }
}

/// Loads an employee the actor may see the gaps of (`NotFound` otherwise).
pub async fn visible_employee<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    employee_id: i64,
) -> Result<employees::Model, GapError> {
    let employee = employees::Entity::find_by_id(employee_id).one(db).await?.ok_or(GapError::NotFound)?;
    if actor.can(db, Action::ViewGaps, Target::Employee(&employee)).await? {
        Ok(employee)
    } else {
        Err(GapError::NotFound)
    }
}

/// The gaps of one employee the actor may see.
pub async fn gaps_of<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    employee_id: i64,
) -> Result<EmployeeGaps, GapError> {
    let employee = visible_employee(db, actor, employee_id).await?;
    let agency_name =
        agencies::Entity::find_by_id(employee.agency_id).one(db).await?.map(|a| a.name).unwrap_or_default();
    let position = match employee.position_id {
        Some(id) => positions::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let rows = query_all(
        db,
        &format!(
            "SELECT c.id AS competency_id, c.code, c.name_id, c.name_en, c.kind, ps.required_level, \
                    l.level, l.source, l.assessed_on \
             FROM {REQUIRED_JOIN} WHERE e.id = ? AND c.is_active = ?"
        ),
        vec![employee.id.into(), true.into()],
    )
    .await?;
    let mut gaps = Vec::with_capacity(rows.len());
    for r in &rows {
        let kind: String = r.try_get("", "kind")?;
        let source: Option<String> = r.try_get("", "source")?;
        gaps.push(Gap {
            competency_id: int(r, "competency_id")?,
            code: r.try_get("", "code")?,
            name_id: r.try_get("", "name_id")?,
            name_en: r.try_get("", "name_en")?,
            kind: CompetencyKind::parse(&kind).unwrap_or(CompetencyKind::Teknis),
            required: int(r, "required_level")? as i16,
            current: opt_int(r, "level")?.map(|l| l as i16),
            current_source: source.as_deref().and_then(AssessmentSource::parse),
            assessed_on: r.try_get("", "assessed_on")?,
        });
    }
    sort_gaps(&mut gaps);
    let matched = match_of(&gaps);
    Ok(EmployeeGaps { employee, agency_name, position, gaps, matched })
}

/// Largest gap first, then not assessed, then met; by code within each.
fn sort_gaps(gaps: &mut [Gap]) {
    gaps.sort_by(|a, b| {
        let rank = |g: &Gap| match g.size() {
            Some(s) if s > 0 => (0, -s),
            None => (1, 0),
            Some(_) => (2, 0),
        };
        (rank(a), &a.code).cmp(&(rank(b), &b.code))
    });
}

fn match_of(gaps: &[Gap]) -> Match {
    Match {
        held: gaps.iter().map(|g| i64::from(g.current.unwrap_or(0).min(g.required))).sum(),
        required: gaps.iter().map(|g| i64::from(g.required)).sum(),
        competencies: gaps.len() as i64,
        met: gaps.iter().filter(|g| g.size() == Some(0)).count() as i64,
    }
}

/// One assessment in an employee's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub assessment: competency_assessments::Model,
    pub competency_code: String,
    pub competency_name_id: String,
    pub competency_name_en: String,
    /// Whether it is the current level now.
    pub is_current: bool,
    /// Newer than the current level but not current: a stronger source holds inside the
    /// recency window (self-assessments, shown apart, are never marked).
    pub outranked: bool,
}

/// Every assessment of an employee, per competency (by code), newest first; self-assessments
/// are in it too (the view shows them apart).
pub async fn history<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    employee_id: i64,
) -> Result<Vec<HistoryEntry>, GapError> {
    let employee = visible_employee(db, actor, employee_id).await?;
    let all = competency_assessments::Entity::find()
        .filter(competency_assessments::Column::EmployeeId.eq(employee.id))
        .order_by_desc(competency_assessments::Column::AssessedOn)
        .order_by_desc(competency_assessments::Column::Id)
        .all(db)
        .await?;
    let current: Vec<i64> = query_all(
        db,
        "SELECT assessment_id FROM employee_competency_levels WHERE employee_id = ? AND assessment_id IS NOT NULL",
        vec![employee.id.into()],
    )
    .await?
    .iter()
    .map(|r| int(r, "assessment_id"))
    .collect::<Result<_, _>>()?;
    let dictionary: std::collections::HashMap<i64, competencies::Model> =
        competencies::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c)).collect();
    let mut entries: Vec<HistoryEntry> = all
        .into_iter()
        .filter_map(|a| {
            let c = dictionary.get(&a.competency_id)?;
            Some(HistoryEntry {
                is_current: current.contains(&a.id),
                outranked: false,
                competency_code: c.code.clone(),
                competency_name_id: c.name_id.clone(),
                competency_name_en: c.name_en.clone(),
                assessment: a,
            })
        })
        .collect();
    let current_dates: std::collections::HashMap<i64, NaiveDate> = entries
        .iter()
        .filter(|e| e.is_current)
        .map(|e| (e.assessment.competency_id, e.assessment.assessed_on))
        .collect();
    for e in &mut entries {
        e.outranked = !e.is_current
            && e.assessment.source != AssessmentSource::SelfAssessment
            && current_dates
                .get(&e.assessment.competency_id)
                .is_some_and(|on| *on < e.assessment.assessed_on);
    }
    entries.sort_by(|a, b| a.competency_code.cmp(&b.competency_code));
    Ok(entries)
}

/// An employee in a list, with their match.
#[derive(Debug, Clone, Serialize)]
pub struct ListedEmployee {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub agency_name: String,
    pub position_name: Option<String>,
    pub matched: Match,
    /// Required competencies with a gap, and never assessed.
    pub with_gap: i64,
    pub not_assessed: i64,
}

/// The active employees the actor may see the gaps of, by name, with their match.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    agencies: Option<&[i64]>,
    search: &str,
    request: PageRequest,
) -> Result<Page<ListedEmployee>, DbErr> {
    let mut values = Vec::new();
    let mut filter = format!("e.is_active = ? AND {}", {
        values.push(true.into());
        let (sql, reach_values) = reach.employees_sql("e");
        values.extend(reach_values);
        sql
    });
    if let Some(ids) = agencies {
        if ids.is_empty() {
            filter.push_str(" AND 1 = 0");
        } else {
            filter.push_str(&format!(" AND e.agency_id IN ({})", placeholders(ids.len())));
            values.extend(ids.iter().map(|i| Value::from(*i)));
        }
    }
    let search = search.trim();
    if !search.is_empty() {
        filter.push_str(" AND (LOWER(e.name) LIKE ? OR e.nip LIKE ?)");
        let pattern = format!("%{}%", search.to_lowercase().replace(['%', '_'], ""));
        values.push(pattern.clone().into());
        values.push(pattern.into());
    }
    let sql = format!(
        "SELECT e.id, e.nip, e.name, a.name AS agency_name, p.name AS position_name \
         FROM employees e JOIN agencies a ON a.id = e.agency_id \
         LEFT JOIN positions p ON p.id = e.position_id \
         WHERE {filter} ORDER BY e.name, e.id"
    );
    let found = Page::fetch_raw(db, statement(db.get_database_backend(), &sql, values), request).await?;
    let rows = &found.items;
    let ids: Vec<i64> = rows.iter().map(|r| int(r, "id")).collect::<Result<_, _>>()?;
    let matches = matches_of(db, &ids).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let id = int(r, "id")?;
        let (matched, with_gap, not_assessed) = matches.get(&id).copied().unwrap_or((
            Match { held: 0, required: 0, competencies: 0, met: 0 },
            0,
            0,
        ));
        items.push(ListedEmployee {
            id,
            nip: r.try_get("", "nip")?,
            name: r.try_get("", "name")?,
            agency_name: r.try_get("", "agency_name")?,
            position_name: r.try_get("", "position_name")?,
            matched,
            with_gap,
            not_assessed,
        });
    }
    Ok(Page { items, page: found.page, per_page: found.per_page, total: found.total })
}

/// The match of each of `ids` (a page of employees), with their gap and not-assessed counts.
pub async fn matches_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, (Match, i64, i64)>, DbErr> {
    let mut out = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let mut values: Vec<Value> = vec![true.into()];
    values.extend(ids.iter().map(|i| Value::from(*i)));
    let rows = query_all(
        db,
        &format!(
            "SELECT e.id AS id, SUM(ps.required_level) AS required, \
                    SUM(CASE WHEN l.level IS NULL THEN 0 WHEN l.level < ps.required_level THEN l.level \
                             ELSE ps.required_level END) AS held, \
                    COUNT(*) AS competencies, \
                    SUM(CASE WHEN l.level >= ps.required_level THEN 1 ELSE 0 END) AS met, \
                    SUM(CASE WHEN l.level < ps.required_level THEN 1 ELSE 0 END) AS with_gap, \
                    SUM(CASE WHEN l.level IS NULL THEN 1 ELSE 0 END) AS not_assessed \
             FROM {REQUIRED_JOIN} WHERE c.is_active = ? AND e.id IN ({}) GROUP BY e.id",
            placeholders(ids.len())
        ),
        values,
    )
    .await?;
    for r in &rows {
        out.insert(
            int(r, "id")?,
            (
                Match {
                    held: int(r, "held")?,
                    required: int(r, "required")?,
                    competencies: int(r, "competencies")?,
                    met: int(r, "met")?,
                },
                int(r, "with_gap")?,
                int(r, "not_assessed")?,
            ),
        );
    }
    Ok(out)
}

/// Which employees of a cell to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellFilter {
    /// A gap or never assessed.
    #[default]
    NotMeeting,
    WithGap,
    NotAssessed,
}

impl CellFilter {
    pub const ALL: [CellFilter; 3] = [CellFilter::NotMeeting, CellFilter::WithGap, CellFilter::NotAssessed];

    pub fn as_str(self) -> &'static str {
        match self {
            CellFilter::NotMeeting => "not_meeting",
            CellFilter::WithGap => "gap",
            CellFilter::NotAssessed => "not_assessed",
        }
    }

    pub fn parse(s: &str) -> Option<CellFilter> {
        CellFilter::ALL.into_iter().find(|f| f.as_str() == s)
    }

    fn sql(self) -> &'static str {
        match self {
            CellFilter::NotMeeting => "(l.level IS NULL OR l.level < ps.required_level)",
            CellFilter::WithGap => "l.level < ps.required_level",
            CellFilter::NotAssessed => "l.level IS NULL",
        }
    }
}

/// An employee of a heatmap cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellEmployee {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub agency_name: String,
    pub position_name: Option<String>,
    pub required: i16,
    pub current: Option<i16>,
}

impl CellEmployee {
    pub fn gap(&self) -> Option<i16> {
        self.current.map(|c| (self.required - c).max(0))
    }
}

/// The active employees of `agencies` (a subtree) whose position requires `competency_id`
/// and who do not meet it (as `filter` says), largest gap first. Live data, not the snapshot.
pub async fn cell_employees<C: ConnectionTrait>(
    db: &C,
    agencies: &[i64],
    competency_id: i64,
    filter: CellFilter,
    request: PageRequest,
) -> Result<Page<CellEmployee>, DbErr> {
    let mut values: Vec<Value> = vec![true.into(), competency_id.into()];
    values.extend(agencies.iter().map(|i| Value::from(*i)));
    let agencies_sql = if agencies.is_empty() {
        "1 = 0".to_owned()
    } else {
        format!("e.agency_id IN ({})", placeholders(agencies.len()))
    };
    let filter_sql =
        format!("e.is_active = ? AND ps.competency_id = ? AND {agencies_sql} AND {}", filter.sql());
    let sql = format!(
        "SELECT e.id, e.nip, e.name, a.name AS agency_name, p.name AS position_name, \
                ps.required_level, l.level \
         FROM {REQUIRED_JOIN} JOIN agencies a ON a.id = e.agency_id \
         LEFT JOIN positions p ON p.id = e.position_id \
         WHERE {filter_sql} \
         ORDER BY CASE WHEN l.level IS NULL THEN -1 ELSE ps.required_level - l.level END DESC, e.name, e.id"
    );
    let found = Page::fetch_raw(db, statement(db.get_database_backend(), &sql, values), request).await?;
    let rows = &found.items;
    let items = rows
        .iter()
        .map(|r| {
            Ok(CellEmployee {
                id: int(r, "id")?,
                nip: r.try_get("", "nip")?,
                name: r.try_get("", "name")?,
                agency_name: r.try_get("", "agency_name")?,
                position_name: r.try_get("", "position_name")?,
                required: int(r, "required_level")? as i16,
                current: opt_int(r, "level")?.map(|l| l as i16),
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok(Page { items, page: found.page, per_page: found.per_page, total: found.total })
}

/// An open batch that targets a competency.
#[derive(Debug, Clone, Serialize)]
pub struct OpenBatch {
    pub batch_id: i64,
    pub program_code: String,
    pub program_title: String,
    pub batch_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub target_level: i16,
    pub free_seats: i64,
}

/// A colleague who could mentor in a competency (shared with the mentoring area).
pub use crate::mentoring::suggest::MentorCandidate;

/// One line of an individual development plan.
#[derive(Debug, Clone, Serialize)]
pub struct DevelopmentItem {
    pub gap: Gap,
    pub batches: Vec<OpenBatch>,
    pub mentors: Vec<MentorCandidate>,
}

/// How many mentors to suggest per competency.
pub const MENTORS_PER_GAP: u64 = 3;

/// The individual development plan: the competencies not met (largest gap first, then not
/// assessed), each with the open batches whose program raises it above the current level and
/// the employee is eligible for, and colleagues with a higher assessed level (the same agency
/// or unit first, then the same agency tree, then anyone). One query per competency not met
/// (a position requires at most the dictionary's few dozen).
pub async fn development_plan<C: ConnectionTrait>(
    db: &C,
    gaps: &EmployeeGaps,
    now: DateTime<Utc>,
) -> Result<Vec<DevelopmentItem>, DbErr> {
    let e = &gaps.employee;
    let parent = agencies::Entity::find_by_id(e.agency_id).one(db).await?.and_then(|a| a.parent_id);
    let family = gaps.position.as_ref().map(|p| p.family.as_str().to_owned());
    let today = now.date_naive();
    let mut items = Vec::new();
    for gap in gaps.gaps.iter().filter(|g| g.size() != Some(0)) {
        let current = i64::from(gap.current.unwrap_or(0));
        let batch_rows = query_all(
            db,
            &format!(
                "SELECT b.id AS batch_id, p.code, p.title, b.name, b.starts_on, b.ends_on, \
                        pc.target_level, b.quota - b.seats_taken AS free_seats \
                 FROM training_batches b \
                 JOIN training_programs p ON p.id = b.program_id \
                 JOIN program_competencies pc ON pc.program_id = p.id \
                 WHERE pc.competency_id = ? AND pc.target_level > ? AND p.is_active = ? \
                   AND b.status = ? AND b.starts_on >= ? \
                   AND (b.enrolment_closes_at IS NULL OR b.enrolment_closes_at > ?) \
                   AND {} \
                 ORDER BY b.starts_on, b.id LIMIT 5",
                eligibility_sql("p")
            ),
            {
                let mut v: Vec<Value> = vec![
                    gap.competency_id.into(),
                    current.into(),
                    true.into(),
                    "open".into(),
                    today.into(),
                    now.into(),
                ];
                v.extend(eligibility_values(
                    family.as_deref(),
                    e.agency_id,
                    parent,
                    e.grade.map(|g| g.as_str()),
                ));
                v
            },
        )
        .await?;
        let batches = batch_rows
            .iter()
            .map(|r| {
                Ok(OpenBatch {
                    batch_id: int(r, "batch_id")?,
                    program_code: r.try_get("", "code")?,
                    program_title: r.try_get("", "title")?,
                    batch_name: r.try_get("", "name")?,
                    starts_on: r.try_get("", "starts_on")?,
                    ends_on: r.try_get("", "ends_on")?,
                    target_level: int(r, "target_level")? as i16,
                    free_seats: int(r, "free_seats")?,
                })
            })
            .collect::<Result<Vec<_>, DbErr>>()?;
        // A mentor holds more than the employee, and at least the required level.
        let floor = current.max(i64::from(gap.required) - 1);
        let mentors =
            crate::mentoring::suggest::candidates(db, e, gap.competency_id, floor, MENTORS_PER_GAP).await?;
        items.push(DevelopmentItem { gap: gap.clone(), batches, mentors });
    }
    Ok(items)
}

/// "The program aliased `alias` is open to this employee": its family, agency and grade limits
/// (no rows: no limit). Values from [`eligibility_values`]. The stored grade words sort in
/// rank order (`I/a` < `II/a` < `III/a` < `IV/a`), so they compare as strings.
pub(crate) fn eligibility_sql(alias: &str) -> String {
    format!(
        "(NOT EXISTS (SELECT 1 FROM program_eligible_families f WHERE f.program_id = {alias}.id) \
           OR EXISTS (SELECT 1 FROM program_eligible_families f WHERE f.program_id = {alias}.id AND f.family = ?)) \
         AND (NOT EXISTS (SELECT 1 FROM program_eligible_agencies g WHERE g.program_id = {alias}.id) \
           OR EXISTS (SELECT 1 FROM program_eligible_agencies g WHERE g.program_id = {alias}.id AND g.agency_id IN (?, ?))) \
         AND ({alias}.min_grade IS NULL OR {alias}.min_grade <= ?) \
         AND ({alias}.max_grade IS NULL OR {alias}.max_grade >= ?)"
    )
}

pub(crate) fn eligibility_values(
    family: Option<&str>,
    agency_id: i64,
    parent_id: Option<i64>,
    grade: Option<&str>,
) -> Vec<Value> {
    vec![
        family.unwrap_or("").into(),
        agency_id.into(),
        parent_id.unwrap_or(agency_id).into(),
        grade.map(str::to_owned).into(),
        grade.map(str::to_owned).into(),
    ]
}
