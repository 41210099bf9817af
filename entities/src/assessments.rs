//! Competency assessments and the current level they determine.
//!
//! Every assessment is kept (the history). The current level of a competency is the newest
//! *counted* assessment, kept up to date in `employee_competency_levels` as assessments
//! arrive, so gap queries read one row per employee and competency instead of scanning the
//! history. Self-assessments are kept and shown apart, and count only when configured.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

use crate::enums::AssessmentSource;
use crate::schema::{competency_assessments, employee_competency_levels};

/// Which sources determine the current level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountingRule {
    /// Count self-assessments as current levels (off by default).
    pub count_self_assessments: bool,
}

impl CountingRule {
    pub fn counts(self, source: AssessmentSource) -> bool {
        source != AssessmentSource::SelfAssessment || self.count_self_assessments
    }
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

/// Records an assessment and, when it counts and is at least as new as the current one,
/// makes it the current level. Call it inside the caller's write transaction.
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
        update_current(db, &saved, now).await?;
    }
    Ok(saved)
}

/// Makes `assessment` the current level unless a newer counted one is already current.
async fn update_current<C: ConnectionTrait>(
    db: &C,
    assessment: &competency_assessments::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let current = employee_competency_levels::Entity::find()
        .filter(employee_competency_levels::Column::EmployeeId.eq(assessment.employee_id))
        .filter(employee_competency_levels::Column::CompetencyId.eq(assessment.competency_id))
        .one(db)
        .await?;
    if current.as_ref().is_some_and(|c| c.assessed_on > assessment.assessed_on) {
        return Ok(());
    }
    let row = employee_competency_levels::ActiveModel {
        employee_id: Set(assessment.employee_id),
        competency_id: Set(assessment.competency_id),
        level: Set(assessment.level),
        source: Set(assessment.source),
        assessed_on: Set(assessment.assessed_on),
        assessment_id: Set(Some(assessment.id)),
        updated_at: Set(now),
    };
    employee_competency_levels::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                employee_competency_levels::Column::EmployeeId,
                employee_competency_levels::Column::CompetencyId,
            ])
            .update_columns([
                employee_competency_levels::Column::Level,
                employee_competency_levels::Column::Source,
                employee_competency_levels::Column::AssessedOn,
                employee_competency_levels::Column::AssessmentId,
                employee_competency_levels::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
