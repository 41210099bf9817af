//! What the mentoring pages show: pairs with their last session (the mentor's list of
//! mentees, the mentee's and supervisor's lists, the staff overview), one pair with its
//! goals and sessions, and the per-month figures of the overview. Each list is one grouped
//! query whatever the number of pairs.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Value};

use super::IDLE_HIGHLIGHT_DAYS;
use super::pairs::{LevelWarning, PairPeople};
use crate::enums::{MentoringPairStatus, SessionConfirmation};
use crate::gaps::{int, query_all};
use crate::policy::Reach;
use crate::schema::{competencies, employee_competency_levels, mentoring_goals, mentoring_sessions};

/// One pair of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRow {
    pub id: i64,
    pub mentor_id: i64,
    pub mentor_name: String,
    pub mentee_id: i64,
    pub mentee_name: String,
    pub mentee_nip: String,
    pub mentee_agency: String,
    pub status: MentoringPairStatus,
    pub starts_on: NaiveDate,
    pub planned_end_on: Option<NaiveDate>,
    pub last_session_on: Option<NaiveDate>,
    pub sessions: i64,
    pub pending: i64,
    pub confirmed_minutes: i64,
}

impl PairRow {
    /// Active, and no session (or, without any, no start) in the last 30 days.
    pub fn idle(&self, today: NaiveDate) -> bool {
        self.status == MentoringPairStatus::Active
            && self.last_session_on.unwrap_or(self.starts_on) < today - Duration::days(IDLE_HIGHLIGHT_DAYS)
    }
}

/// Which pairs a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairFilter {
    /// Pairs this employee mentors.
    Mentor(i64),
    /// Pairs where this employee is the mentee.
    Mentee(i64),
    /// Pairs of this supervisor's direct subordinates (as mentor or mentee).
    Supervisor(i64),
    /// Active pairs whose mentee or mentor is in this reach.
    ActiveIn(Reach),
}

const PAIR_SQL: &str = "SELECT p.id, p.mentor_id, m.name AS mentor_name, p.mentee_id, e.name AS mentee_name, \
        e.nip AS mentee_nip, ea.name AS mentee_agency, p.status, p.starts_on, p.planned_end_on, \
        s.last_on, COALESCE(s.sessions, 0) AS sessions, COALESCE(s.pending, 0) AS pending, \
        COALESCE(s.confirmed_minutes, 0) AS confirmed_minutes \
     FROM mentoring_pairs p \
     JOIN employees m ON m.id = p.mentor_id \
     JOIN employees e ON e.id = p.mentee_id \
     JOIN agencies ea ON ea.id = e.agency_id \
     LEFT JOIN ( \
       SELECT pair_id, MAX(held_on) AS last_on, COUNT(*) AS sessions, \
         SUM(CASE WHEN confirmation = ? THEN 1 ELSE 0 END) AS pending, \
         SUM(CASE WHEN confirmation = ? THEN minutes ELSE 0 END) AS confirmed_minutes \
       FROM mentoring_sessions GROUP BY pair_id \
     ) s ON s.pair_id = p.id";

/// A date read from a query column (an aggregate arrives as text on SQLite).
pub(crate) fn date_of(row: &sea_orm::QueryResult, column: &str) -> Result<Option<NaiveDate>, DbErr> {
    if let Ok(d) = row.try_get::<Option<NaiveDate>>("", column) {
        return Ok(d);
    }
    let text: Option<String> = row.try_get("", column)?;
    Ok(text.and_then(|t| NaiveDate::parse_from_str(t.get(..10).unwrap_or(&t), "%Y-%m-%d").ok()))
}

pub async fn pairs<C: ConnectionTrait>(db: &C, filter: &PairFilter) -> Result<Vec<PairRow>, DbErr> {
    let mut values: Vec<Value> =
        vec![SessionConfirmation::Pending.as_str().into(), SessionConfirmation::Confirmed.as_str().into()];
    let condition = match filter {
        PairFilter::Mentor(id) => {
            values.push((*id).into());
            "p.mentor_id = ?".to_owned()
        }
        PairFilter::Mentee(id) => {
            values.push((*id).into());
            "p.mentee_id = ?".to_owned()
        }
        PairFilter::Supervisor(id) => {
            values.extend([Value::from(*id), Value::from(*id)]);
            "(e.supervisor_id = ? OR m.supervisor_id = ?)".to_owned()
        }
        PairFilter::ActiveIn(reach) => {
            values.push(MentoringPairStatus::Active.as_str().into());
            let either = either_in(reach, &mut values);
            format!("p.status = ? AND {either}")
        }
    };
    let sql = format!(
        "{PAIR_SQL} WHERE {condition} \
         ORDER BY CASE WHEN p.status = 'active' THEN 0 ELSE 1 END, e.name, p.id"
    );
    query_all(db, &sql, values)
        .await?
        .iter()
        .map(|r| {
            let status: String = r.try_get("", "status")?;
            Ok(PairRow {
                id: int(r, "id")?,
                mentor_id: int(r, "mentor_id")?,
                mentor_name: r.try_get("", "mentor_name")?,
                mentee_id: int(r, "mentee_id")?,
                mentee_name: r.try_get("", "mentee_name")?,
                mentee_nip: r.try_get("", "mentee_nip")?,
                mentee_agency: r.try_get("", "mentee_agency")?,
                status: MentoringPairStatus::parse(&status).unwrap_or(MentoringPairStatus::Active),
                starts_on: r.try_get("", "starts_on")?,
                planned_end_on: r.try_get("", "planned_end_on")?,
                last_session_on: date_of(r, "last_on")?,
                sessions: int(r, "sessions")?,
                pending: int(r, "pending")?,
                confirmed_minutes: int(r, "confirmed_minutes")?,
            })
        })
        .collect()
}

/// One focus competency of a pair, with both people's current levels.
#[derive(Debug, Clone)]
pub struct GoalRow {
    pub goal: mentoring_goals::Model,
    pub competency_code: String,
    pub competency_name_id: String,
    pub competency_name_en: String,
    pub mentor_level: Option<i16>,
    pub mentee_level: Option<i16>,
}

impl GoalRow {
    /// The closing rating reached the target.
    pub fn met(&self) -> bool {
        self.goal.final_rating.is_some_and(|r| r >= self.goal.target_level)
    }

    /// The mentor holds less than the target (or was never assessed in it).
    pub fn warning(&self) -> Option<LevelWarning> {
        (self.mentor_level.unwrap_or(0) < self.goal.target_level).then(|| LevelWarning {
            competency_id: self.goal.competency_id,
            competency_code: self.competency_code.clone(),
            competency_name: self.competency_name_id.clone(),
            target_level: self.goal.target_level,
            mentor_level: self.mentor_level,
        })
    }
}

/// A pair's page: its people, goals, sessions (newest first) and summary figures.
#[derive(Debug, Clone)]
pub struct PairDetail {
    pub people: PairPeople,
    pub goals: Vec<GoalRow>,
    pub sessions: Vec<mentoring_sessions::Model>,
}

impl PairDetail {
    pub fn confirmed_minutes(&self) -> i64 {
        self.sessions
            .iter()
            .filter(|s| s.confirmation == SessionConfirmation::Confirmed)
            .map(|s| i64::from(s.minutes))
            .sum()
    }

    pub fn confirmed_sessions(&self) -> usize {
        self.sessions.iter().filter(|s| s.confirmation == SessionConfirmation::Confirmed).count()
    }

    pub fn goals_met(&self) -> usize {
        self.goals.iter().filter(|g| g.met()).count()
    }
}

pub async fn detail<C: ConnectionTrait>(db: &C, people: PairPeople) -> Result<PairDetail, DbErr> {
    let pair_id = people.pair.id;
    let goals = mentoring_goals::Entity::find()
        .filter(mentoring_goals::Column::PairId.eq(pair_id))
        .order_by_asc(mentoring_goals::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = goals.iter().map(|g| g.competency_id).collect();
    let dictionary =
        competencies::Entity::find().filter(competencies::Column::Id.is_in(ids.clone())).all(db).await?;
    let levels = employee_competency_levels::Entity::find()
        .filter(employee_competency_levels::Column::EmployeeId.is_in([people.mentor.id, people.mentee.id]))
        .filter(employee_competency_levels::Column::CompetencyId.is_in(ids))
        .all(db)
        .await?;
    let level_of = |employee: i64, competency: i64| {
        levels.iter().find(|l| l.employee_id == employee && l.competency_id == competency).map(|l| l.level)
    };
    let goals = goals
        .into_iter()
        .map(|goal| {
            let c = dictionary.iter().find(|c| c.id == goal.competency_id);
            GoalRow {
                competency_code: c.map(|c| c.code.clone()).unwrap_or_default(),
                competency_name_id: c.map(|c| c.name_id.clone()).unwrap_or_default(),
                competency_name_en: c.map(|c| c.name_en.clone()).unwrap_or_default(),
                mentor_level: level_of(people.mentor.id, goal.competency_id),
                mentee_level: level_of(people.mentee.id, goal.competency_id),
                goal,
            }
        })
        .collect();
    let sessions = mentoring_sessions::Entity::find()
        .filter(mentoring_sessions::Column::PairId.eq(pair_id))
        .order_by_desc(mentoring_sessions::Column::HeldOn)
        .order_by_desc(mentoring_sessions::Column::Id)
        .all(db)
        .await?;
    Ok(PairDetail { people, goals, sessions })
}

/// One month of the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    pub sessions: i64,
    pub confirmed_sessions: i64,
    /// Minutes of all recorded sessions, and of confirmed ones.
    pub minutes: i64,
    pub confirmed_minutes: i64,
}

/// The staff overview of the agencies in `scope` (`None`: all): active pairs with their last
/// session, and the last twelve months (this one included) of sessions and hours.
#[derive(Debug, Clone)]
pub struct Overview {
    pub active: Vec<PairRow>,
    pub months: Vec<Month>,
}

impl Overview {
    pub fn idle(&self, today: NaiveDate) -> usize {
        self.active.iter().filter(|p| p.idle(today)).count()
    }
}

/// The pair's mentee (`e`) or mentor (`m`) is in `reach`, with its values appended.
fn either_in(reach: &Reach, values: &mut Vec<Value>) -> String {
    let (mentee, mentee_values) = reach.employees_sql("e");
    let (mentor, mentor_values) = reach.employees_sql("m");
    values.extend(mentee_values);
    values.extend(mentor_values);
    format!("({mentee} OR {mentor})")
}

pub async fn overview<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    today: NaiveDate,
) -> Result<Overview, DbErr> {
    let active = pairs(db, &PairFilter::ActiveIn(reach.clone())).await?;
    let first = NaiveDate::from_ymd_opt(today.year() - 1, today.month(), 1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .unwrap_or(today);
    let mut values: Vec<Value> =
        vec![SessionConfirmation::Confirmed.as_str().into(), SessionConfirmation::Confirmed.as_str().into()];
    values.push(first.into());
    values.push(today.into());
    let scope_sql = format!(" AND {}", either_in(reach, &mut values));
    // Grouped by day (at most a year of days), rolled into months here: the same SQL on
    // both backends, without their different date functions.
    let rows = query_all(
        db,
        &format!(
            "SELECT s.held_on, COUNT(*) AS sessions, \
                    SUM(CASE WHEN s.confirmation = ? THEN 1 ELSE 0 END) AS confirmed_sessions, \
                    SUM(s.minutes) AS minutes, \
                    SUM(CASE WHEN s.confirmation = ? THEN s.minutes ELSE 0 END) AS confirmed_minutes \
             FROM mentoring_sessions s \
             JOIN mentoring_pairs p ON p.id = s.pair_id \
             JOIN employees e ON e.id = p.mentee_id \
             JOIN employees m ON m.id = p.mentor_id \
             WHERE s.held_on >= ? AND s.held_on <= ?{scope_sql} \
             GROUP BY s.held_on"
        ),
        values,
    )
    .await?;
    let mut months: BTreeMap<(i32, u32), Month> = BTreeMap::new();
    let mut cursor = first;
    while cursor <= today {
        months.insert(
            (cursor.year(), cursor.month()),
            Month { year: cursor.year(), month: cursor.month(), ..Default::default() },
        );
        cursor = match cursor.checked_add_months(chrono::Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    for r in &rows {
        let Some(day) = date_of(r, "held_on")? else { continue };
        let m = months.entry((day.year(), day.month())).or_insert(Month {
            year: day.year(),
            month: day.month(),
            ..Default::default()
        });
        m.sessions += int(r, "sessions")?;
        m.confirmed_sessions += int(r, "confirmed_sessions")?;
        m.minutes += int(r, "minutes")?;
        m.confirmed_minutes += int(r, "confirmed_minutes")?;
    }
    Ok(Overview { active, months: months.into_values().rev().collect() })
}
