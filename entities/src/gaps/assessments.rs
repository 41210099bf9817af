//! Entering one assessment from a page or the API: who may record which kind (staff any kind
//! but a self-assessment, a supervisor a rating of a direct subordinate, an employee their
//! own self-assessment), every field checked at once, then recorded with
//! [`crate::assessments::record`] and audited in one write transaction.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryOrder, QuerySelect};

use super::GapError;
use crate::assessments::{self, CountingRule, NewAssessment};
use crate::audit::{self, Change};
use crate::enums::AssessmentSource;
use crate::i18n::Msg;
use crate::policy::{Action, Actor, Target};
use crate::schema::{competencies, competency_assessments, employees};
use crate::tx::begin_write;

/// The kinds of assessment an actor may record for an employee.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rights {
    /// Staff of the employee's agency (or an admin): any source but `self`.
    pub staff: bool,
    /// The employee's direct supervisor: `supervisor`.
    pub supervisor: bool,
    /// The employee themself: `self`.
    pub own: bool,
}

impl Rights {
    pub fn any(self) -> bool {
        self.staff || self.supervisor || self.own
    }

    /// The sources this actor may choose, in the order a form lists them.
    pub fn sources(self) -> Vec<AssessmentSource> {
        AssessmentSource::ALL.iter().copied().filter(|s| self.allows(*s)).collect()
    }

    pub fn allows(self, source: AssessmentSource) -> bool {
        match source {
            AssessmentSource::SelfAssessment => self.own,
            AssessmentSource::Supervisor => self.staff || self.supervisor,
            _ => self.staff,
        }
    }
}

/// What the actor may record for `employee`. Supervisor and self rights are facts of the
/// data (the policy checks them); staff rights are the policy's.
pub async fn rights<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    employee: &employees::Model,
) -> Result<Rights, DbErr> {
    let target = Target::Employee(employee);
    let me = actor.employee_id;
    Ok(Rights {
        staff: actor.may(Action::UseStaffPages) && actor.can(db, Action::RecordAssessment, target).await?,
        supervisor: me.is_some()
            && employee.supervisor_id == me
            && actor.can(db, Action::RateSubordinate, target).await?,
        own: me == Some(employee.id) && actor.can(db, Action::SelfAssess, target).await?,
    })
}

/// The fields of a submitted assessment, as typed.
#[derive(Debug, Clone, Default)]
pub struct Submitted {
    /// A competency code (or the id the form's select sends).
    pub competency: String,
    pub level: String,
    pub source: String,
    pub assessed_on: String,
    pub assessor_name: String,
    pub notes: String,
}

/// One wrong field: the one field-problem type of every area.
pub use crate::validation::Problem as Invalid;

#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("not found")]
    NotFound,
    #[error("invalid fields")]
    Invalid(Vec<Invalid>),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<GapError> for RecordError {
    fn from(e: GapError) -> Self {
        match e {
            GapError::NotFound => RecordError::NotFound,
            GapError::Db(e) => RecordError::Db(e),
        }
    }
}

/// The oldest assessment date accepted.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Parses a date the way people type it: `2026-11-25` or `25-11-2026` / `25/11/2026`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .ok()
}

/// A wrong date: the catalogue message and its values.
pub type DateProblem = (Msg, Vec<(&'static str, String)>);

/// Checks a date of assessment: a real date, not in the future, not absurdly old.
pub fn check_date(value: &str, today: NaiveDate) -> Result<NaiveDate, DateProblem> {
    match parse_date(value) {
        None => Err((Msg::GapsDateInvalid, vec![("value", value.trim().to_owned())])),
        Some(d) if d > today => Err((Msg::GapsDateInFuture, vec![("value", d.to_string())])),
        Some(d) if d < EARLIEST => Err((Msg::GapsDateInvalid, vec![("value", d.to_string())])),
        Some(d) => Ok(d),
    }
}

/// Records an assessment of `employee_id` by `actor`; every wrong field is reported at once
/// and nothing is written then.
pub async fn record_one(
    db: &DatabaseConnection,
    actor: &Actor,
    employee_id: i64,
    submitted: &Submitted,
    rule: CountingRule,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<competency_assessments::Model, RecordError> {
    let employee = super::employee::visible_employee(db, actor, employee_id).await?;
    let rights = rights(db, actor, &employee).await?;
    if !rights.any() {
        return Err(RecordError::NotFound);
    }
    let mut errors = Vec::new();

    let wanted = submitted.competency.trim();
    let competency = if wanted.is_empty() {
        errors.push(Invalid::new("competency", Msg::GapsCompetencyRequired));
        None
    } else {
        let found = competencies::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .find(|c| c.code.eq_ignore_ascii_case(wanted) || wanted.parse::<i64>().ok() == Some(c.id));
        match found {
            Some(c) if c.is_active => Some(c),
            _ => {
                errors.push(Invalid::new("competency", Msg::GapsCompetencyUnknown).with("code", wanted));
                None
            }
        }
    };
    let level = match submitted.level.trim().parse::<i16>() {
        Ok(l) if (1..=5).contains(&l) => Some(l),
        _ => {
            errors.push(Invalid::new("level", Msg::GapsLevelInvalid).with("value", submitted.level.trim()));
            None
        }
    };
    let source = match AssessmentSource::parse(submitted.source.trim()) {
        Some(s) if rights.allows(s) => Some(s),
        _ => {
            errors.push(Invalid::new("source", Msg::GapsSourceNotAllowed));
            None
        }
    };
    let assessed_on = match check_date(&submitted.assessed_on, today) {
        Ok(d) => Some(d),
        Err((msg, values)) => {
            errors.push(Invalid { field: "assessed_on".into(), msg, values });
            None
        }
    };
    let assessor_name = submitted.assessor_name.trim();
    if assessor_name.chars().count() > 200 {
        errors.push(Invalid::new("assessor_name", Msg::GapsTooLong).with("max", 200));
    }
    let notes = submitted.notes.trim();
    if notes.chars().count() > 2000 {
        errors.push(Invalid::new("notes", Msg::GapsTooLong).with("max", 2000));
    }
    let (Some(competency), Some(level), Some(source), Some(assessed_on)) =
        (competency, level, source, assessed_on)
    else {
        return Err(RecordError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(RecordError::Invalid(errors));
    }

    // A supervisor's or one's own rating names its author.
    let author = match source {
        AssessmentSource::SelfAssessment => Some(employee.id),
        AssessmentSource::Supervisor if rights.supervisor => actor.employee_id,
        _ => None,
    };
    let author_name = match author {
        Some(id) => employees::Entity::find_by_id(id).one(db).await?.map(|e| e.name),
        None => None,
    };
    let new = NewAssessment {
        employee_id: employee.id,
        competency_id: competency.id,
        level,
        source,
        assessed_on,
        assessor_name: (!assessor_name.is_empty()).then(|| assessor_name.to_owned()).or(author_name),
        assessor_employee_id: author,
        recorded_by_user_id: Some(actor.user_id),
        notes: (!notes.is_empty()).then(|| notes.to_owned()),
    };
    let txn = begin_write(db).await?;
    let saved = assessments::record(&txn, new, rule, now).await.map_err(|e| match e {
        assessments::AssessmentError::Db(e) => RecordError::Db(e),
        assessments::AssessmentError::LevelOutOfRange(l) => {
            RecordError::Invalid(vec![Invalid::new("level", Msg::GapsLevelInvalid).with("value", l)])
        }
    })?;
    audit::record(&txn, Change::created(actor.user_id, "competency_assessments", saved.id, &saved), now)
        .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Makes `employee_competency_levels` agree with the counting rule again after the rule was
/// changed in configuration (self-assessments, precedence, window), or after data was loaded
/// around [`crate::assessments::record`]: every current level is recomputed from the history,
/// a few hundred employees at a time, in one transaction. Returns the number of current
/// levels.
pub async fn recount_levels(
    db: &DatabaseConnection,
    rule: CountingRule,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let txn = begin_write(db).await?;
    // Levels of employees without any assessment left (none today: assessments are kept).
    txn.execute_unprepared("DELETE FROM employee_competency_levels").await?;
    let ids: Vec<i64> = competency_assessments::Entity::find()
        .select_only()
        .column(competency_assessments::Column::EmployeeId)
        .distinct()
        .order_by_asc(competency_assessments::Column::EmployeeId)
        .into_tuple()
        .all(&txn)
        .await?;
    let written = assessments::refresh(&txn, &ids, rule, now).await?;
    txn.commit().await?;
    Ok(written)
}
