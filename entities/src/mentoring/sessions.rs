//! Sessions: the mentor records (and may correct) them, the mentee confirms or disputes
//! each. A session is dated neither in the future (the deployment's today) nor before the
//! pair started, lasts 1–1440 minutes; correcting one asks the mentee again (pending).
//! Only confirmed time counts toward the mentee's JP ([`crate::training::recap`]).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, IntoActiveModel, QuerySelect,
};

use super::pairs::{PairPeople, reach};
use super::{
    MINUTES_MAX, Problem, SessionAction, TEXT_MAX, TOPIC_MAX, WriteError, one, optional_text, parse_date,
    transition,
};
use crate::audit::{self, Change};
use crate::enums::{MentoringPairStatus, SessionConfirmation, SessionMode};
use crate::i18n::Msg;
use crate::policy::{Action, Actor};
use crate::schema::mentoring_sessions;
use crate::tx::begin_write;

/// A session as typed.
#[derive(Debug, Clone, Default)]
pub struct SessionInput {
    pub held_on: String,
    pub minutes: String,
    /// `face_to_face` or `online`.
    pub mode: String,
    pub topic: String,
    pub notes: String,
    pub actions: String,
}

/// The checked values of a session.
struct Checked {
    held_on: NaiveDate,
    minutes: i32,
    mode: SessionMode,
    topic: String,
    notes: Option<String>,
    actions: Option<String>,
}

fn check(input: &SessionInput, starts_on: NaiveDate, today: NaiveDate) -> Result<Checked, WriteError> {
    let mut problems = Vec::new();
    let held_on = match parse_date(&input.held_on) {
        None => {
            problems.push(Problem::new("held_on", Msg::MentoringDateInvalid));
            None
        }
        Some(d) if d > today => {
            problems.push(Problem::new("held_on", Msg::MentoringSessionInFuture));
            None
        }
        Some(d) if d < starts_on => {
            problems.push(
                Problem::new("held_on", Msg::MentoringSessionBeforeStart)
                    .with("date", starts_on.format("%Y-%m-%d")),
            );
            None
        }
        d => d,
    };
    let minutes = input.minutes.trim().parse::<i32>().ok().filter(|m| (1..=MINUTES_MAX).contains(m));
    if minutes.is_none() {
        problems.push(Problem::new("minutes", Msg::MentoringMinutesInvalid).with("max", MINUTES_MAX));
    }
    let mode = SessionMode::parse(&input.mode);
    if mode.is_none() {
        problems.push(Problem::new("mode", Msg::MentoringModeInvalid));
    }
    let topic = input.topic.trim();
    if topic.is_empty() {
        problems.push(Problem::new("topic", Msg::MentoringTopicRequired));
    } else if topic.chars().count() > TOPIC_MAX {
        problems.push(Problem::new("topic", Msg::MentoringTooLong).with("max", TOPIC_MAX));
    }
    let notes = optional_text("notes", &input.notes, TEXT_MAX, &mut problems);
    let actions = optional_text("actions", &input.actions, TEXT_MAX, &mut problems);
    match (held_on, minutes, mode, problems.is_empty()) {
        (Some(held_on), Some(minutes), Some(mode), true) => {
            Ok(Checked { held_on, minutes, mode, topic: topic.to_owned(), notes, actions })
        }
        _ => Err(WriteError::Invalid(problems)),
    }
}

fn active(found: &PairPeople) -> Result<(), WriteError> {
    if found.pair.status == MentoringPairStatus::Active {
        Ok(())
    } else {
        Err(one("pair", Msg::MentoringPairClosed))
    }
}

/// The mentor records a session of an active pair (pending the mentee's confirmation).
pub async fn record(
    db: &DatabaseConnection,
    actor: &Actor,
    pair_id: i64,
    input: &SessionInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<mentoring_sessions::Model, WriteError> {
    let found = reach(db, actor, pair_id, Action::RecordMentoringSession).await?;
    active(&found)?;
    let c = check(input, found.pair.starts_on, today)?;
    let txn = begin_write(db).await?;
    let saved = mentoring_sessions::ActiveModel {
        pair_id: Set(pair_id),
        held_on: Set(c.held_on),
        minutes: Set(c.minutes),
        mode: Set(c.mode),
        topic: Set(c.topic),
        notes: Set(c.notes),
        actions: Set(c.actions),
        confirmation: Set(SessionConfirmation::Pending),
        dispute_reason: Set(None),
        confirmed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, Change::created(actor.user_id, "mentoring_sessions", saved.id, &saved), now).await?;
    txn.commit().await?;
    Ok(saved)
}

/// A session with its pair, if the actor may do `action` on the pair.
pub async fn find_for(
    db: &DatabaseConnection,
    actor: &Actor,
    session_id: i64,
    action: Action,
) -> Result<(mentoring_sessions::Model, PairPeople), WriteError> {
    let session =
        mentoring_sessions::Entity::find_by_id(session_id).one(db).await?.ok_or(WriteError::NotFound)?;
    let found = reach(db, actor, session.pair_id, action).await?;
    Ok((session, found))
}

/// The mentor corrects a session of an active pair; it goes back to pending.
pub async fn edit(
    db: &DatabaseConnection,
    actor: &Actor,
    session_id: i64,
    input: &SessionInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<mentoring_sessions::Model, WriteError> {
    let (before, found) = find_for(db, actor, session_id, Action::RecordMentoringSession).await?;
    active(&found)?;
    let c = check(input, found.pair.starts_on, today)?;
    let txn = begin_write(db).await?;
    let mut row = before.clone().into_active_model();
    row.held_on = Set(c.held_on);
    row.minutes = Set(c.minutes);
    row.mode = Set(c.mode);
    row.topic = Set(c.topic);
    row.notes = Set(c.notes);
    row.actions = Set(c.actions);
    row.confirmation =
        Set(transition(before.confirmation, SessionAction::Edit).unwrap_or(SessionConfirmation::Pending));
    row.confirmed_at = Set(None);
    row.dispute_reason = Set(None);
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        Change::updated(actor.user_id, "mentoring_sessions", session_id, &before, &after),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The mentee confirms a pending session (it then counts toward their JP), or disputes it
/// with a reason.
pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    session_id: i64,
    confirm: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<mentoring_sessions::Model, WriteError> {
    let (before, _) = find_for(db, actor, session_id, Action::ConfirmMentoringSession).await?;
    let reason = reason.trim();
    if !confirm && reason.is_empty() {
        return Err(one("reason", Msg::MentoringReasonRequired));
    }
    if reason.chars().count() > TEXT_MAX {
        return Err(WriteError::Invalid(vec![
            Problem::new("reason", Msg::MentoringTooLong).with("max", TEXT_MAX),
        ]));
    }
    let action = if confirm { SessionAction::Confirm } else { SessionAction::Dispute };
    let txn = begin_write(db).await?;
    let current = mentoring_sessions::Entity::find_by_id(session_id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(WriteError::NotFound)?;
    let to =
        transition(current.confirmation, action).ok_or_else(|| one("session", Msg::MentoringNotPending))?;
    let mut row = current.clone().into_active_model();
    row.confirmation = Set(to);
    row.confirmed_at = Set(confirm.then_some(now));
    row.dispute_reason = Set((!confirm).then(|| reason.to_owned()));
    row.updated_at = Set(now);
    let after = row.update(&txn).await?;
    audit::record(
        &txn,
        Change::updated(actor.user_id, "mentoring_sessions", session_id, &before, &after),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
