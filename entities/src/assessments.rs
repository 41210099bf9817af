//! Competency assessments and the current level they determine.
//!
//! Every assessment is kept (the history). The current level of a competency follows the
//! counting rule ([`CountingRule`]): sources have a precedence (by default an
//! assessment-centre result, then a certification or competency test, then a supervisor's
//! rating — the level-3 survey included —, then a mentor's closing rating; a
//! self-assessment only when configured), and a weaker assessment replaces a stronger one
//! only when it is dated more than the recency window (24 months by default) after it.
//! Inside the window it is recorded and shown in the history, but the current level stays.
//!
//! The current level is kept in `employee_competency_levels` as assessments arrive
//! ([`refresh`], which folds each competency's history with [`current_of`]), so gap queries
//! read one row per employee and competency instead of scanning the history.

use std::collections::BTreeMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::enums::AssessmentSource;
use crate::schema::{competency_assessments, employee_competency_levels};

/// The default order of the sources, strongest first; `=` joins sources of equal weight.
pub const DEFAULT_PRECEDENCE: &str =
    "assessment_centre > certification > supervisor = post_training_evaluation > mentoring > self";
/// The default recency window, in months.
pub const DEFAULT_WINDOW_MONTHS: u32 = 24;

/// The weight of each source: 0 is the strongest. Indexed by the source's place in
/// [`AssessmentSource::ALL`], so that the rule stays `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Precedence([u8; 6]);

impl Precedence {
    /// Reads `a > b = c > d`: every source exactly once, strongest first.
    pub fn parse(raw: &str) -> Result<Precedence, String> {
        let mut ranks = [u8::MAX; 6];
        for (rank, group) in raw.split('>').enumerate() {
            for word in group.split('=') {
                let source = AssessmentSource::parse(word).ok_or_else(|| {
                    let allowed: Vec<&str> = AssessmentSource::ALL.iter().map(|s| s.as_str()).collect();
                    format!("unknown source {:?} (expected {})", word.trim(), allowed.join(", "))
                })?;
                let slot = &mut ranks[index(source)];
                if *slot != u8::MAX {
                    return Err(format!("{} is listed twice", source.as_str()));
                }
                *slot = rank as u8;
            }
        }
        if let Some(missing) = AssessmentSource::ALL.iter().find(|s| ranks[index(**s)] == u8::MAX) {
            return Err(format!("{} is missing: list every source", missing.as_str()));
        }
        Ok(Precedence(ranks))
    }

    /// The weight of `source`: lower is stronger.
    pub fn rank(self, source: AssessmentSource) -> u8 {
        self.0[index(source)]
    }
}

impl Default for Precedence {
    fn default() -> Self {
        Precedence::parse(DEFAULT_PRECEDENCE).expect("the default precedence parses")
    }
}

fn index(source: AssessmentSource) -> usize {
    AssessmentSource::ALL.iter().position(|s| *s == source).expect("every source is in ALL")
}

/// Which assessments determine the current level, and how they outrank each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountingRule {
    /// Count self-assessments as current levels (off by default).
    pub count_self_assessments: bool,
    pub precedence: Precedence,
    /// A weaker assessment replaces a stronger one only when dated more than this many
    /// months after it.
    pub window_months: u32,
}

impl Default for CountingRule {
    fn default() -> Self {
        CountingRule {
            count_self_assessments: false,
            precedence: Precedence::default(),
            window_months: DEFAULT_WINDOW_MONTHS,
        }
    }
}

impl CountingRule {
    pub fn counts(self, source: AssessmentSource) -> bool {
        source != AssessmentSource::SelfAssessment || self.count_self_assessments
    }

    /// Whether `newer` (dated on or after `current`) takes the place of `current`: when it
    /// is at least as strong, or when it comes after the window of a stronger one.
    pub fn replaces(
        self,
        current: (AssessmentSource, NaiveDate),
        newer: (AssessmentSource, NaiveDate),
    ) -> bool {
        if self.precedence.rank(newer.0) <= self.precedence.rank(current.0) {
            return true;
        }
        match current.1.checked_add_months(Months::new(self.window_months)) {
            Some(window_end) => newer.1 > window_end,
            None => false,
        }
    }
}

/// The current level among one competency's assessments (any order): the history is read
/// oldest first and each counted assessment takes the place of the current one when the
/// rule says it replaces it.
pub fn current_of<'a>(
    history: impl IntoIterator<Item = &'a competency_assessments::Model>,
    rule: CountingRule,
) -> Option<&'a competency_assessments::Model> {
    let mut counted: Vec<&competency_assessments::Model> =
        history.into_iter().filter(|a| rule.counts(a.source)).collect();
    counted.sort_by_key(|a| (a.assessed_on, a.id));
    counted.into_iter().fold(None, |current, a| match current {
        Some(c) if !rule.replaces((c.source, c.assessed_on), (a.source, a.assessed_on)) => Some(c),
        _ => Some(a),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssessment {
    pub employee_id: i64,
    pub competency_id: i64,
    /// 1–5; checked here and by the database.
    pub level: i16,
    pub source: AssessmentSource,
    pub assessed_on: NaiveDate,
    pub assessor_name: Option<String>,
    pub assessor_employee_id: Option<i64>,
    pub recorded_by_user_id: Option<i64>,
    pub notes: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AssessmentError {
    #[error("a level must be between 1 and 5, not {0}")]
    LevelOutOfRange(i16),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Records an assessment and brings the employee's current level of that competency up to
/// date under the counting rule. Call it inside the caller's write transaction.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    new: NewAssessment,
    rule: CountingRule,
    now: DateTime<Utc>,
) -> Result<competency_assessments::Model, AssessmentError> {
    if !(1..=5).contains(&new.level) {
        return Err(AssessmentError::LevelOutOfRange(new.level));
    }
    let saved = competency_assessments::ActiveModel {
        employee_id: Set(new.employee_id),
        competency_id: Set(new.competency_id),
        level: Set(new.level),
        source: Set(new.source),
        assessed_on: Set(new.assessed_on),
        assessor_name: Set(new.assessor_name),
        assessor_employee_id: Set(new.assessor_employee_id),
        recorded_by_user_id: Set(new.recorded_by_user_id),
        notes: Set(new.notes),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if rule.counts(saved.source) {
        refresh_competency(db, saved.employee_id, saved.competency_id, rule, now).await?;
    }
    Ok(saved)
}

/// Recomputes one employee's current level of one competency from its history.
async fn refresh_competency<C: ConnectionTrait>(
    db: &C,
    employee_id: i64,
    competency_id: i64,
    rule: CountingRule,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let history = competency_assessments::Entity::find()
        .filter(competency_assessments::Column::EmployeeId.eq(employee_id))
        .filter(competency_assessments::Column::CompetencyId.eq(competency_id))
        .all(db)
        .await?;
    employee_competency_levels::Entity::delete_many()
        .filter(employee_competency_levels::Column::EmployeeId.eq(employee_id))
        .filter(employee_competency_levels::Column::CompetencyId.eq(competency_id))
        .exec(db)
        .await?;
    if let Some(current) = current_of(&history, rule) {
        level_row(current, now).insert(db).await?;
    }
    Ok(())
}

fn level_row(
    a: &competency_assessments::Model,
    now: DateTime<Utc>,
) -> employee_competency_levels::ActiveModel {
    employee_competency_levels::ActiveModel {
        employee_id: Set(a.employee_id),
        competency_id: Set(a.competency_id),
        level: Set(a.level),
        source: Set(a.source),
        assessed_on: Set(a.assessed_on),
        assessment_id: Set(Some(a.id)),
        updated_at: Set(now),
    }
}

/// Employees per statement when refreshing many: their histories are read in one query.
const EMPLOYEES_PER_STEP: usize = 500;
/// Rows per multi-row insert (well under SQLite's and PostgreSQL's parameter limits).
const ROWS_PER_INSERT: usize = 1000;

/// Recomputes every current level of `employee_ids` from their histories, a few hundred
/// employees per step (one read of their assessments, one delete, chunked inserts). Returns
/// the number of current levels written.
pub async fn refresh<C: ConnectionTrait>(
    db: &C,
    employee_ids: &[i64],
    rule: CountingRule,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut written = 0;
    for chunk in employee_ids.chunks(EMPLOYEES_PER_STEP) {
        let history = competency_assessments::Entity::find()
            .filter(competency_assessments::Column::EmployeeId.is_in(chunk.iter().copied()))
            .order_by_asc(competency_assessments::Column::Id)
            .all(db)
            .await?;
        let mut by_competency: BTreeMap<(i64, i64), Vec<&competency_assessments::Model>> = BTreeMap::new();
        for a in &history {
            by_competency.entry((a.employee_id, a.competency_id)).or_default().push(a);
        }
        let rows: Vec<_> = by_competency
            .into_values()
            .filter_map(|list| current_of(list, rule))
            .map(|a| level_row(a, now))
            .collect();
        employee_competency_levels::Entity::delete_many()
            .filter(employee_competency_levels::Column::EmployeeId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
        written += rows.len() as u64;
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let batch: Vec<_> = rows.by_ref().take(ROWS_PER_INSERT).collect();
            employee_competency_levels::Entity::insert_many(batch).exec_without_returning(db).await?;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(id: i64, source: AssessmentSource, on: &str, level: i16) -> competency_assessments::Model {
        competency_assessments::Model {
            id,
            employee_id: 1,
            competency_id: 1,
            level,
            source,
            assessed_on: NaiveDate::parse_from_str(on, "%Y-%m-%d").unwrap(),
            assessor_name: None,
            assessor_employee_id: None,
            recorded_by_user_id: None,
            notes: None,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn a_stronger_source_holds_inside_the_window_only() {
        use AssessmentSource::*;
        let rule = CountingRule::default();
        let centre = a(1, AssessmentCentre, "2024-01-10", 3);
        let inside = a(2, Supervisor, "2025-12-01", 4);
        let outside = a(3, Supervisor, "2026-02-01", 4);
        assert_eq!(current_of([&centre, &inside], rule).map(|c| c.id), Some(1));
        assert_eq!(current_of([&inside, &centre], rule).map(|c| c.id), Some(1), "any order");
        assert_eq!(current_of([&centre, &outside], rule).map(|c| c.id), Some(3));
        // The level-3 survey weighs as a supervisor's rating; a certification outranks both.
        let survey = a(4, PostTrainingEvaluation, "2024-06-01", 2);
        let certification = a(5, Certification, "2024-03-01", 4);
        assert_eq!(current_of([&certification, &survey], rule).map(|c| c.id), Some(5));
        let supervisor = a(6, Supervisor, "2024-05-01", 3);
        assert_eq!(current_of([&supervisor, &survey], rule).map(|c| c.id), Some(4), "equal weight: newest");
        // A stronger source replaces a weaker one at once.
        let mentor = a(7, Mentoring, "2024-01-01", 2);
        assert_eq!(current_of([&mentor, &supervisor], rule).map(|c| c.id), Some(6));
        // Self-assessments count only when enabled.
        let own = a(8, SelfAssessment, "2028-01-01", 5);
        assert_eq!(current_of([&own], rule), None);
        let with_self = CountingRule { count_self_assessments: true, ..rule };
        assert_eq!(current_of([&centre, &own], with_self).map(|c| c.id), Some(8), "outside the window");
        // A shorter window.
        let short = CountingRule { window_months: 12, ..rule };
        assert_eq!(current_of([&centre, &inside], short).map(|c| c.id), Some(2));
    }

    #[test]
    fn precedence_is_read_from_configuration() {
        use AssessmentSource::*;
        let p = Precedence::default();
        assert!(p.rank(AssessmentCentre) < p.rank(Certification));
        assert_eq!(p.rank(Supervisor), p.rank(PostTrainingEvaluation));
        assert!(p.rank(Mentoring) < p.rank(SelfAssessment));
        let custom = Precedence::parse(
            "certification > assessment_centre > supervisor = post_training_evaluation = mentoring > self",
        )
        .unwrap();
        assert!(custom.rank(Certification) < custom.rank(AssessmentCentre));
        assert!(Precedence::parse("assessment_centre > certification").unwrap_err().contains("missing"));
        assert!(Precedence::parse(&format!("{DEFAULT_PRECEDENCE} > self")).unwrap_err().contains("twice"));
        assert!(Precedence::parse("ac > x").unwrap_err().contains("unknown source"));
    }
}
