//! Creating a pair and closing it.
//!
//! A pair is created by staff of the mentee's agency or by the mentee's direct supervisor.
//! Refused: a mentor who is the mentee, an unknown or inactive person, a mentor already at
//! the active-mentee limit (counted under the mentor's row lock, so two simultaneous
//! requests cannot both take the last place), the same active pair twice, goals that are
//! missing, repeated or out of range. A mentor whose assessed level is below a goal's target
//! is not refused: the pair records it and its page shows the warning.
//!
//! Closing is the mentor's: a rating 1–5 for every focus competency, each recorded as an
//! assessment with source `mentoring` (which updates the mentee's current level), the pair
//! `completed` with its end date and summary.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use super::{MentoringSettings, Problem, TEXT_MAX, WriteError, one, optional_text, parse_date};
use crate::assessments::{self, CountingRule, NewAssessment};
use crate::audit::{self, Change};
use crate::enums::{AssessmentSource, MentoringPairStatus};
use crate::i18n::Msg;
use crate::policy::{Action, Actor, Target};
use crate::schema::{competencies, employee_competency_levels, employees, mentoring_goals, mentoring_pairs};
use crate::tx::begin_write;

/// The most focus competencies a pair has.
pub const GOALS_MAX: usize = 5;

/// A pair with its two people.
#[derive(Debug, Clone)]
pub struct PairPeople {
    pub pair: mentoring_pairs::Model,
    pub mentor: employees::Model,
    pub mentee: employees::Model,
}

impl PairPeople {
    pub fn target(&self) -> Target<'_> {
        Target::Pair { mentor: &self.mentor, mentee: &self.mentee }
    }
}

pub async fn load<C: ConnectionTrait>(db: &C, pair_id: i64) -> Result<Option<PairPeople>, DbErr> {
    let Some(pair) = mentoring_pairs::Entity::find_by_id(pair_id).one(db).await? else { return Ok(None) };
    let people = employees::Entity::find()
        .filter(employees::Column::Id.is_in([pair.mentor_id, pair.mentee_id]))
        .all(db)
        .await?;
    let get = |id| people.iter().find(|e| e.id == id).cloned();
    Ok(match (get(pair.mentor_id), get(pair.mentee_id)) {
        (Some(mentor), Some(mentee)) => Some(PairPeople { pair, mentor, mentee }),
        _ => None,
    })
}

/// The pair if it exists and the actor may do `action` on it; otherwise not found.
pub async fn reach<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    pair_id: i64,
    action: Action,
) -> Result<PairPeople, WriteError> {
    let found = load(db, pair_id).await?.ok_or(WriteError::NotFound)?;
    if !actor.can(db, action, found.target()).await? {
        // Someone who may see the pair but not do this is told so as a 404 too: the
        // action does not exist for them.
        return Err(WriteError::NotFound);
    }
    Ok(found)
}

/// One focus competency as typed.
#[derive(Debug, Clone, Default)]
pub struct GoalInput {
    /// A competency id (the form's select) or code.
    pub competency: String,
    pub goal: String,
    pub target_level: String,
}

/// A new pair as typed.
#[derive(Debug, Clone, Default)]
pub struct PairInput {
    /// The mentee's and the mentor's NIP (or id).
    pub mentee: String,
    pub mentor: String,
    pub starts_on: String,
    pub planned_end_on: String,
    /// Rows left entirely empty are ignored.
    pub goals: Vec<GoalInput>,
}

/// A goal whose target is above the mentor's current level (or the mentor was never
/// assessed in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelWarning {
    pub competency_id: i64,
    pub competency_code: String,
    pub competency_name: String,
    pub target_level: i16,
    pub mentor_level: Option<i16>,
}

/// What creating a pair did.
#[derive(Debug, Clone)]
pub struct Created {
    pub pair: mentoring_pairs::Model,
    pub warnings: Vec<LevelWarning>,
}

async fn employee_by<C: ConnectionTrait>(db: &C, raw: &str) -> Result<Option<employees::Model>, DbErr> {
    let raw = raw.trim();
    if raw.len() == 18 {
        return crate::employees::find_by_nip(db, raw).await;
    }
    match raw.parse::<i64>() {
        Ok(id) => crate::employees::find(db, id).await,
        Err(_) => Ok(None),
    }
}

async fn competency_by<C: ConnectionTrait>(db: &C, raw: &str) -> Result<Option<competencies::Model>, DbErr> {
    let raw = raw.trim();
    if let Ok(id) = raw.parse::<i64>() {
        return competencies::Entity::find_by_id(id).one(db).await;
    }
    competencies::Entity::find().filter(competencies::Column::Code.eq(raw)).one(db).await
}

fn level(raw: &str) -> Option<i16> {
    raw.trim().parse::<i16>().ok().filter(|l| (1..=5).contains(l))
}

/// Active pairs a mentor has now.
pub async fn active_mentees<C: ConnectionTrait>(db: &C, mentor_id: i64) -> Result<u64, DbErr> {
    mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::MentorId.eq(mentor_id))
        .filter(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
        .count(db)
        .await
}

/// The goals whose target is above the mentor's current level.
pub async fn level_warnings<C: ConnectionTrait>(
    db: &C,
    mentor_id: i64,
    goals: &[(competencies::Model, i16)],
) -> Result<Vec<LevelWarning>, DbErr> {
    let ids: Vec<i64> = goals.iter().map(|(c, _)| c.id).collect();
    let levels = employee_competency_levels::Entity::find()
        .filter(employee_competency_levels::Column::EmployeeId.eq(mentor_id))
        .filter(employee_competency_levels::Column::CompetencyId.is_in(ids))
        .all(db)
        .await?;
    Ok(goals
        .iter()
        .filter_map(|(c, target)| {
            let held = levels.iter().find(|l| l.competency_id == c.id).map(|l| l.level);
            (held.unwrap_or(0) < *target).then(|| LevelWarning {
                competency_id: c.id,
                competency_code: c.code.clone(),
                competency_name: c.name_id.clone(),
                target_level: *target,
                mentor_level: held,
            })
        })
        .collect())
}

/// Creates a pair (see the module's rules).
pub async fn create(
    db: &DatabaseConnection,
    settings: &MentoringSettings,
    actor: &Actor,
    input: &PairInput,
    now: DateTime<Utc>,
) -> Result<Created, WriteError> {
    let mut problems = Vec::new();
    let mentee = match input.mentee.trim() {
        "" => {
            problems.push(Problem::new("mentee", Msg::MentoringEmployeeRequired));
            None
        }
        raw => match employee_by(db, raw).await?.filter(|e| e.is_active) {
            None => {
                problems.push(Problem::new("mentee", Msg::MentoringUnknownEmployee).with("nip", raw));
                None
            }
            Some(e) => {
                if !actor.can(db, Action::CreateMentoringPair, Target::Employee(&e)).await? {
                    problems.push(Problem::new("mentee", Msg::MentoringUnknownEmployee).with("nip", raw));
                    None
                } else {
                    Some(e)
                }
            }
        },
    };
    let mentor = match input.mentor.trim() {
        "" => {
            problems.push(Problem::new("mentor", Msg::MentoringEmployeeRequired));
            None
        }
        raw => match employee_by(db, raw).await?.filter(|e| e.is_active) {
            None => {
                problems.push(Problem::new("mentor", Msg::MentoringUnknownEmployee).with("nip", raw));
                None
            }
            some => some,
        },
    };
    if let (Some(mentor), Some(mentee)) = (&mentor, &mentee)
        && mentor.id == mentee.id
    {
        problems.push(Problem::new("mentor", Msg::MentoringSelf));
    }
    let starts_on = parse_date(&input.starts_on);
    if starts_on.is_none() {
        problems.push(Problem::new("starts_on", Msg::MentoringDateInvalid));
    }
    let planned_end_on = match input.planned_end_on.trim() {
        "" => None,
        raw => match parse_date(raw) {
            None => {
                problems.push(Problem::new("planned_end_on", Msg::MentoringDateInvalid));
                None
            }
            Some(d) if starts_on.is_some_and(|s| d < s) => {
                problems.push(Problem::new("planned_end_on", Msg::MentoringEndBeforeStart));
                None
            }
            d => d,
        },
    };
    let mut goals: Vec<(competencies::Model, String, i16)> = Vec::new();
    let mut seen = HashSet::new();
    for (n, g) in input.goals.iter().enumerate() {
        if g.competency.trim().is_empty() && g.goal.trim().is_empty() {
            continue;
        }
        let field = GOAL_FIELDS.get(n).copied().unwrap_or(GOAL_FIELDS[0]);
        let competency = match competency_by(db, &g.competency).await?.filter(|c| c.is_active) {
            None => {
                problems.push(Problem::new(field.0, Msg::MentoringUnknownCompetency));
                continue;
            }
            Some(c) => c,
        };
        if !seen.insert(competency.id) {
            problems.push(
                Problem::new(field.0, Msg::MentoringDuplicateCompetency).with("code", &competency.code),
            );
            continue;
        }
        let text = g.goal.trim();
        if text.is_empty() {
            problems.push(Problem::new(field.1, Msg::MentoringGoalRequired).with("code", &competency.code));
        }
        optional_text(field.1, text, TEXT_MAX, &mut problems);
        let Some(target) = level(&g.target_level) else {
            problems.push(Problem::new(field.2, Msg::MentoringLevelInvalid));
            continue;
        };
        goals.push((competency, text.to_owned(), target));
    }
    if goals.is_empty() && !problems.iter().any(|p| p.field.starts_with("competency")) {
        problems.push(Problem::new("competency_1", Msg::MentoringNoGoals));
    }
    if goals.len() > GOALS_MAX {
        problems.push(Problem::new("competency_1", Msg::MentoringTooManyGoals).with("max", GOALS_MAX));
    }
    let (Some(mentor), Some(mentee), Some(starts_on), true) =
        (mentor, mentee, starts_on, problems.is_empty())
    else {
        return Err(WriteError::Invalid(problems));
    };

    let txn = begin_write(db).await?;
    // The mentor's row lock serialises pairings of one mentor (PostgreSQL; SQLite's
    // BEGIN IMMEDIATE holds the database lock already).
    employees::Entity::find_by_id(mentor.id).lock_exclusive().one(&txn).await?;
    let active = active_mentees(&txn, mentor.id).await?;
    if active >= u64::from(settings.max_active_mentees) {
        return Err(WriteError::Invalid(vec![
            Problem::new("mentor", Msg::MentoringMentorAtLimit)
                .with("name", &mentor.name)
                .with("count", active)
                .with("max", settings.max_active_mentees),
        ]));
    }
    let already = mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::MentorId.eq(mentor.id))
        .filter(mentoring_pairs::Column::MenteeId.eq(mentee.id))
        .filter(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
        .count(&txn)
        .await?;
    if already > 0 {
        return Err(one("mentor", Msg::MentoringAlreadyPaired));
    }
    let pair = mentoring_pairs::ActiveModel {
        mentor_id: Set(mentor.id),
        mentee_id: Set(mentee.id),
        starts_on: Set(starts_on),
        planned_end_on: Set(planned_end_on),
        ended_on: Set(None),
        status: Set(MentoringPairStatus::Active),
        created_by_user_id: Set(Some(actor.user_id)),
        summary: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let rows: Vec<mentoring_goals::ActiveModel> = goals
        .iter()
        .map(|(c, text, target)| mentoring_goals::ActiveModel {
            pair_id: Set(pair.id),
            competency_id: Set(c.id),
            goal: Set(text.clone()),
            target_level: Set(*target),
            final_rating: Set(None),
            ..Default::default()
        })
        .collect();
    mentoring_goals::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    audit::record(&txn, Change::created(actor.user_id, "mentoring_pairs", pair.id, &pair), now).await?;
    let targets: Vec<(competencies::Model, i16)> = goals.into_iter().map(|(c, _, t)| (c, t)).collect();
    let warnings = level_warnings(&txn, mentor.id, &targets).await?;
    txn.commit().await?;
    Ok(Created { pair, warnings })
}

/// The form fields of goal rows 1…5: (competency, goal, target level).
pub const GOAL_FIELDS: [(&str, &str, &str); GOALS_MAX] = [
    ("competency_1", "goal_1", "target_1"),
    ("competency_2", "goal_2", "target_2"),
    ("competency_3", "goal_3", "target_3"),
    ("competency_4", "goal_4", "target_4"),
    ("competency_5", "goal_5", "target_5"),
];

/// The ratings of a closing, by goal, as typed.
#[derive(Debug, Clone, Default)]
pub struct Closing {
    /// (goal id, rating as typed).
    pub ratings: Vec<(i64, String)>,
    pub summary: String,
}

/// The mentor closes the pair: every focus competency rated 1–5, each rating an assessment
/// with source `mentoring` dated `today`.
pub async fn close(
    db: &DatabaseConnection,
    counting: CountingRule,
    actor: &Actor,
    pair_id: i64,
    closing: &Closing,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<mentoring_pairs::Model, WriteError> {
    let found = reach(db, actor, pair_id, Action::RecordMentoringSession).await?;
    if found.pair.status != MentoringPairStatus::Active {
        return Err(one("pair", Msg::MentoringPairClosed));
    }
    let goals = mentoring_goals::Entity::find()
        .filter(mentoring_goals::Column::PairId.eq(pair_id))
        .order_by_asc(mentoring_goals::Column::Id)
        .all(db)
        .await?;
    let names: Vec<competencies::Model> = competencies::Entity::find()
        .filter(competencies::Column::Id.is_in(goals.iter().map(|g| g.competency_id)))
        .all(db)
        .await?;
    let mut problems = Vec::new();
    let mut rated = Vec::new();
    for g in &goals {
        let typed = closing.ratings.iter().find(|(id, _)| *id == g.id).map(|(_, r)| r.as_str()).unwrap_or("");
        match level(typed) {
            Some(r) => rated.push((g, r)),
            None => {
                let code =
                    names.iter().find(|c| c.id == g.competency_id).map(|c| c.code.as_str()).unwrap_or("");
                problems.push(Problem::new("rating", Msg::MentoringRatingRequired).with("code", code));
            }
        }
    }
    let summary = optional_text("summary", &closing.summary, TEXT_MAX, &mut problems);
    if !problems.is_empty() {
        return Err(WriteError::Invalid(problems));
    }
    let txn = begin_write(db).await?;
    let before = mentoring_pairs::Entity::find_by_id(pair_id).lock_exclusive().one(&txn).await?;
    let Some(before) = before.filter(|p| p.status == MentoringPairStatus::Active) else {
        return Err(one("pair", Msg::MentoringPairClosed));
    };
    for (g, rating) in rated {
        let mut active = g.clone().into_active_model();
        active.final_rating = Set(Some(rating));
        active.update(&txn).await?;
        assessments::record(
            &txn,
            NewAssessment {
                employee_id: found.mentee.id,
                competency_id: g.competency_id,
                level: rating,
                source: AssessmentSource::Mentoring,
                assessed_on: today,
                assessor_name: Some(found.mentor.name.clone()),
                assessor_employee_id: Some(found.mentor.id),
                recorded_by_user_id: Some(actor.user_id),
                notes: Some(format!("mentoring #{pair_id}")),
            },
            counting,
            now,
        )
        .await
        .map_err(|e| match e {
            assessments::AssessmentError::Db(e) => WriteError::Db(e),
            assessments::AssessmentError::LevelOutOfRange(_) => one("rating", Msg::MentoringLevelInvalid),
        })?;
    }
    let mut active = before.clone().into_active_model();
    active.status = Set(MentoringPairStatus::Completed);
    active.ended_on = Set(Some(today.max(before.starts_on)));
    active.summary = Set(summary);
    active.updated_at = Set(now);
    let after = active.update(&txn).await?;
    audit::record(&txn, Change::updated(actor.user_id, "mentoring_pairs", pair_id, &before, &after), now)
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// Whether the actor may pair anyone at all: staff, or a supervisor of someone.
pub async fn may_create<C: ConnectionTrait>(db: &C, actor: &Actor) -> Result<bool, DbErr> {
    if actor.may(Action::UseStaffPages) {
        return Ok(true);
    }
    let Some(me) = actor.employee_id else { return Ok(false) };
    Ok(employees::Entity::find().filter(employees::Column::SupervisorId.eq(me)).count(db).await? > 0)
}
