//! Enrolment: an employee's request (or staff on their behalf, singly or in bulk), the
//! supervisor's decision, seats and the waitlist, withdrawal.
//!
//! The quota is never exceeded, whatever the number of simultaneous requests or server
//! instances: a seat is taken by one atomic
//! `UPDATE training_batches SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < quota`
//! (the `CHECK (seats_taken BETWEEN 0 AND quota)` is the backstop); when it changes no row
//! the request joins the waitlist. Waitlist positions follow arrival order because every
//! write that touches a batch's seats holds the batch's write lock for its whole
//! transaction: `SELECT … FOR UPDATE` on the batch row on PostgreSQL, and on SQLite the
//! database write lock `BEGIN IMMEDIATE` takes. A withdrawal frees the seat and promotes the
//! first in line in the same transaction. Every state change is an `enrolment_events` row
//! (who, when, from, to, why): the auditable enrolment order.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, FromQueryResult, IntoActiveModel, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait,
};

use super::batches::enrolment_open;
use super::programs::{self, ineligible};
use super::states::{EnrolmentAction, transition};
use super::{Notice, Notifier, Problem, TrainingError};
use crate::enums::{BatchStatus, EnrolmentState};
use crate::i18n::Msg;
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Reach, Target};
use crate::schema::{
    agencies, employees, enrolment_events, enrolments, training_batches, training_programs, users,
};
use crate::tx::begin_write;
use crate::validation::is_unique_violation;

/// The most NIPs one bulk enrolment takes.
pub const BULK_MAX: usize = 500;

// ---------------------------------------------------------------------------------------
// Seats, the waitlist and state changes (inside a write transaction)
// ---------------------------------------------------------------------------------------

/// The batch row, under the batch's write lock for the rest of the transaction
/// (`FOR UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds the database lock).
pub async fn lock_batch<C: ConnectionTrait>(
    txn: &C,
    id: i64,
) -> Result<Option<training_batches::Model>, DbErr> {
    training_batches::Entity::find_by_id(id).lock_exclusive().one(txn).await
}

/// Takes a seat if one is free: one atomic statement, true when it got one.
async fn take_seat<C: ConnectionTrait>(txn: &C, batch_id: i64) -> Result<bool, DbErr> {
    let result = training_batches::Entity::update_many()
        .col_expr(
            training_batches::Column::SeatsTaken,
            Expr::col(training_batches::Column::SeatsTaken).add(1),
        )
        .filter(training_batches::Column::Id.eq(batch_id))
        .filter(
            Expr::col(training_batches::Column::SeatsTaken).lt(Expr::col(training_batches::Column::Quota)),
        )
        .exec(txn)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn free_seat<C: ConnectionTrait>(txn: &C, batch_id: i64) -> Result<(), DbErr> {
    training_batches::Entity::update_many()
        .col_expr(
            training_batches::Column::SeatsTaken,
            Expr::col(training_batches::Column::SeatsTaken).sub(1),
        )
        .filter(training_batches::Column::Id.eq(batch_id))
        .filter(training_batches::Column::SeatsTaken.gt(0))
        .exec(txn)
        .await?;
    Ok(())
}

/// Moves an enrolment to `to` and records the event.
pub(crate) async fn set_state<C: ConnectionTrait>(
    txn: &C,
    e: &enrolments::Model,
    to: EnrolmentState,
    by: Option<i64>,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, DbErr> {
    let mut active = e.clone().into_active_model();
    active.state = Set(to);
    active.updated_at = Set(now);
    if to != EnrolmentState::Waitlisted {
        active.waitlist_position = Set(None);
    }
    let updated = active.update(txn).await?;
    enrolment_events::ActiveModel {
        enrolment_id: Set(e.id),
        from_state: Set(Some(e.state)),
        to_state: Set(to),
        at: Set(now),
        by_user_id: Set(by),
        reason: Set(reason.map(str::to_owned)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(updated)
}

/// Gives a requested or approved enrolment a seat, or the next place on the waitlist.
async fn seat_or_waitlist(
    txn: &DatabaseTransaction,
    notifier: &dyn Notifier,
    e: &enrolments::Model,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, TrainingError> {
    if take_seat(txn, e.batch_id).await? {
        let to = transition(e.state, EnrolmentAction::TakeSeat)?;
        let seated = set_state(txn, e, to, by, None, now).await?;
        notifier.notify(txn, Notice::Seated { enrolment_id: e.id }, now).await?;
        return Ok(seated);
    }
    let to = transition(e.state, EnrolmentAction::JoinWaitlist)?;
    let last = last_position(txn, e.batch_id).await?;
    let waiting = set_state(txn, e, to, by, None, now).await?;
    let mut active = waiting.into_active_model();
    active.waitlist_position = Set(Some(last + 1));
    Ok(active.update(txn).await?)
}

/// Seats the waitlist, first in line first, while seats are free.
pub(crate) async fn fill_free_seats(
    txn: &DatabaseTransaction,
    notifier: &dyn Notifier,
    batch_id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<u32, TrainingError> {
    let mut promoted = 0;
    loop {
        let Some(first) = enrolments::Entity::find()
            .filter(enrolments::Column::BatchId.eq(batch_id))
            .filter(enrolments::Column::State.eq(EnrolmentState::Waitlisted))
            .order_by_asc(enrolments::Column::WaitlistPosition)
            .order_by_asc(enrolments::Column::Id)
            .one(txn)
            .await?
        else {
            break;
        };
        if !take_seat(txn, batch_id).await? {
            break;
        }
        let to = transition(first.state, EnrolmentAction::Promote)?;
        set_state(txn, &first, to, by, None, now).await?;
        close_gap(txn, batch_id, first.waitlist_position).await?;
        notifier.notify(txn, Notice::Seated { enrolment_id: first.id }, now).await?;
        promoted += 1;
    }
    Ok(promoted)
}

/// Moves everyone behind `left` one place up the waitlist.
async fn close_gap<C: ConnectionTrait>(txn: &C, batch_id: i64, left: Option<i32>) -> Result<(), DbErr> {
    let Some(left) = left else { return Ok(()) };
    enrolments::Entity::update_many()
        .col_expr(
            enrolments::Column::WaitlistPosition,
            Expr::col(enrolments::Column::WaitlistPosition).sub(1),
        )
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(enrolments::Column::State.eq(EnrolmentState::Waitlisted))
        .filter(enrolments::Column::WaitlistPosition.gt(left))
        .exec(txn)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------

/// Whether seats are still given out in a batch with this status (before it runs).
fn takes_seats(status: BatchStatus) -> bool {
    matches!(status, BatchStatus::Open | BatchStatus::Closed)
}

async fn eligibility_problems<C: ConnectionTrait>(
    db: &C,
    program: &training_programs::Model,
    employee: &employees::Model,
    field: &'static str,
    now: DateTime<Utc>,
) -> Result<Vec<Problem>, DbErr> {
    let mut eligibility =
        programs::eligibility_of(db, &[program.id]).await?.remove(&program.id).unwrap_or_default();
    eligibility.min_grade = program.min_grade;
    eligibility.max_grade = program.max_grade;
    let facts = programs::facts(db, employee, now.date_naive()).await?;
    Ok(ineligible(&eligibility, &facts)
        .into_iter()
        .map(|m| Problem::new(field, m).with("name", &employee.name).with("nip", &employee.nip))
        .collect())
}

fn already(e: &enrolments::Model, employee: &employees::Model, field: &'static str) -> Problem {
    Problem::new(field, Msg::TrainingAlreadyEnrolled)
        .with("name", &employee.name)
        .with("nip", &employee.nip)
        .with("state", e.state.as_str())
}

/// An employee enrols (`employee_id` none: the actor themself), or staff enrol someone in
/// their reach. Returns the enrolment: `requested` (waiting for the supervisor),
/// `enrolled` or `waitlisted` with its position. Someone who withdrew may enrol again while
/// enrolment is open: the same enrolment goes back in, at the end of the line.
///
/// Everything that does not depend on the seats is read before the batch is locked; under
/// the lock a new enrolment costs one statement for the seat or the waitlist place, one
/// insert with its final state and one for its events (the lock is the queue every
/// simultaneous request waits in, so its few statements set the throughput).
pub async fn request(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    actor: &Actor,
    batch_id: i64,
    employee_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, TrainingError> {
    let target = employee_id.or(actor.employee_id).ok_or(TrainingError::NotFound)?;
    let employee = employees::Entity::find_by_id(target).one(db).await?.ok_or(TrainingError::NotFound)?;
    let by_staff = Some(target) != actor.employee_id;
    if by_staff && !actor.can(db, Action::EnrolOthers, Target::Employee(&employee)).await? {
        return Err(TrainingError::NotFound);
    }
    let found = super::batches::find(db, batch_id).await?.ok_or(TrainingError::NotFound)?;
    if found.batch.status == BatchStatus::Draft && !actor.may(Action::ViewDrafts) {
        return Err(TrainingError::NotFound);
    }
    let problems = eligibility_problems(db, &found.program, &employee, "employee", now).await?;
    if !problems.is_empty() {
        return Err(TrainingError::Invalid(problems));
    }
    let earlier = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(enrolments::Column::EmployeeId.eq(target))
        .one(db)
        .await?;
    if let Some(existing) = earlier.as_ref().filter(|e| e.state != EnrolmentState::Withdrawn) {
        return Err(TrainingError::Invalid(vec![already(existing, &employee, "employee")]));
    }
    // Seated or waitlisted at once, unless the supervisor decides first (staff enrolling
    // someone decide for them).
    let needs_approval = found.program.requires_supervisor_approval;
    let placed = !needs_approval || by_staff;

    let txn = begin_write(db).await?;
    let mut batch = lock_batch(&txn, batch_id).await?.ok_or(TrainingError::NotFound)?;
    let open = if by_staff { takes_seats(batch.status) } else { enrolment_open(&batch, now) };
    if !open || !found.program.is_active {
        return Err(TrainingError::one("batch", Msg::TrainingNotOpen));
    }
    let e = match earlier {
        None => {
            let e = insert_placed(&txn, &mut batch, target, actor.user_id, needs_approval, placed, now)
                .await
                .map_err(|err| match err {
                    TrainingError::Db(err) if is_unique_violation(&err) => {
                        TrainingError::one("employee", Msg::TrainingAlreadyEnrolledSelf)
                    }
                    other => other,
                })?;
            if e.state == EnrolmentState::Enrolled {
                notifier.notify(&txn, Notice::Seated { enrolment_id: e.id }, now).await?;
            }
            e
        }
        Some(earlier) => {
            // Read again under the lock: it may have changed since.
            let e =
                enrolments::Entity::find_by_id(earlier.id).one(&txn).await?.ok_or(TrainingError::NotFound)?;
            if e.state != EnrolmentState::Withdrawn {
                return Err(TrainingError::Invalid(vec![already(&e, &employee, "employee")]));
            }
            let e = request_again(&txn, &e, actor.user_id, now).await?;
            if !placed {
                e
            } else if needs_approval {
                let approved =
                    decide_state(&txn, &e, EnrolmentAction::Approve, actor.user_id, None, now).await?;
                seat_or_waitlist(&txn, notifier, &approved, Some(actor.user_id), now).await?
            } else {
                seat_or_waitlist(&txn, notifier, &e, Some(actor.user_id), now).await?
            }
        }
    };
    txn.commit().await?;
    Ok(e)
}

/// A new enrolment under the batch's lock, stored in its final state: `requested`, or
/// (approved by staff first, when the programme needs it) seated when a seat is free,
/// otherwise at the end of the waitlist. Its events are written in one statement. `batch`
/// is the row locked by this transaction; its seat count is kept current here.
async fn insert_placed(
    txn: &DatabaseTransaction,
    batch: &mut training_batches::Model,
    employee_id: i64,
    by: i64,
    needs_approval: bool,
    placed: bool,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, TrainingError> {
    let mut path = vec![EnrolmentState::Requested];
    let mut position = None;
    if placed {
        if needs_approval {
            path.push(transition(EnrolmentState::Requested, EnrolmentAction::Approve)?);
        }
        let from = *path.last().unwrap_or(&EnrolmentState::Requested);
        // The row is locked: its count is current, and the guarded update is the backstop.
        if batch.seats_taken < batch.quota && take_seat(txn, batch.id).await? {
            batch.seats_taken += 1;
            path.push(transition(from, EnrolmentAction::TakeSeat)?);
        } else {
            path.push(transition(from, EnrolmentAction::JoinWaitlist)?);
            position = Some(last_position(txn, batch.id).await? + 1);
        }
    }
    let state = *path.last().unwrap_or(&EnrolmentState::Requested);
    let decided = needs_approval && placed;
    let e = enrolments::ActiveModel {
        batch_id: Set(batch.id),
        employee_id: Set(employee_id),
        state: Set(state),
        waitlist_position: Set(position),
        requested_at: Set(now),
        requested_by_user_id: Set(Some(by)),
        decided_at: Set(decided.then_some(now)),
        decided_by_user_id: Set(decided.then_some(by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let events = path.iter().enumerate().map(|(i, to)| enrolment_events::ActiveModel {
        enrolment_id: Set(e.id),
        from_state: Set(i.checked_sub(1).map(|p| path[p])),
        to_state: Set(*to),
        at: Set(now),
        by_user_id: Set(Some(by)),
        reason: Set(None),
        ..Default::default()
    });
    enrolment_events::Entity::insert_many(events).exec_without_returning(txn).await?;
    Ok(e)
}

/// The last waitlist place of a batch (0 when nobody waits).
async fn last_position<C: ConnectionTrait>(txn: &C, batch_id: i64) -> Result<i32, DbErr> {
    let last: Option<i32> = enrolments::Entity::find()
        .select_only()
        .column_as(enrolments::Column::WaitlistPosition.max(), "n")
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(enrolments::Column::State.eq(EnrolmentState::Waitlisted))
        .into_tuple()
        .one(txn)
        .await?
        .flatten();
    Ok(last.unwrap_or(0))
}

/// A withdrawn enrolment asked for again: back to `requested`, as a new request (the
/// earlier decision no longer holds).
async fn request_again<C: ConnectionTrait>(
    txn: &C,
    e: &enrolments::Model,
    by: i64,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, TrainingError> {
    let to = transition(e.state, EnrolmentAction::EnrolAgain)?;
    let again = set_state(txn, e, to, Some(by), None, now).await?;
    let mut active = again.into_active_model();
    active.requested_at = Set(now);
    active.requested_by_user_id = Set(Some(by));
    active.decided_at = Set(None);
    active.decided_by_user_id = Set(None);
    active.decision_reason = Set(None);
    Ok(active.update(txn).await?)
}

async fn decide_state<C: ConnectionTrait>(
    txn: &C,
    e: &enrolments::Model,
    action: EnrolmentAction,
    by: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, TrainingError> {
    let to = transition(e.state, action)?;
    let decided = set_state(txn, e, to, Some(by), reason, now).await?;
    let mut active = decided.into_active_model();
    active.decided_at = Set(Some(now));
    active.decided_by_user_id = Set(Some(by));
    active.decision_reason = Set(reason.map(str::to_owned));
    Ok(active.update(txn).await?)
}

/// What a bulk enrolment did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkOutcome {
    pub enrolled: u32,
    pub waitlisted: u32,
}

/// The NIPs of a pasted list: one per line (commas, semicolons and spaces separate too),
/// duplicates once.
pub fn parse_nips(raw: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    raw.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter(|s| seen.insert(s.to_string()))
        .map(str::to_owned)
        .collect()
}

/// Staff enrol a list of employees (by NIP) in the order given. Every NIP is checked first;
/// if any is wrong (unknown, outside the actor's reach, not eligible, already enrolled)
/// nothing is stored and every problem is reported.
pub async fn enrol_many(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    actor: &Actor,
    batch_id: i64,
    nips: &[String],
    now: DateTime<Utc>,
) -> Result<BulkOutcome, TrainingError> {
    if !actor.may(Action::UseStaffPages) {
        return Err(TrainingError::NotFound);
    }
    let found = super::batches::find(db, batch_id).await?.ok_or(TrainingError::NotFound)?;
    if nips.is_empty() {
        return Err(TrainingError::one("nips", Msg::TrainingNipsRequired));
    }
    if nips.len() > BULK_MAX {
        return Err(TrainingError::Invalid(vec![
            Problem::new("nips", Msg::TrainingTooMany).with("max", BULK_MAX),
        ]));
    }
    let known: HashMap<String, employees::Model> = employees::Entity::find()
        .filter(employees::Column::Nip.is_in(nips.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.nip.clone(), e))
        .collect();
    let existing: HashMap<i64, enrolments::Model> = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(enrolments::Column::EmployeeId.is_in(known.values().map(|e| e.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.employee_id, e))
        .collect();
    let mut problems = Vec::new();
    let mut people = Vec::new();
    for nip in nips {
        match known.get(nip) {
            Some(e) if actor.can(db, Action::EnrolOthers, Target::Employee(e)).await? => {
                if let Some(x) = existing.get(&e.id).filter(|x| x.state != EnrolmentState::Withdrawn) {
                    problems.push(already(x, e, "nips"));
                    continue;
                }
                let reasons = eligibility_problems(db, &found.program, e, "nips", now).await?;
                if reasons.is_empty() {
                    people.push(e.clone());
                } else {
                    problems.extend(reasons);
                }
            }
            _ => problems.push(Problem::new("nips", Msg::TrainingUnknownNip).with("nip", nip)),
        }
    }
    if !problems.is_empty() {
        return Err(TrainingError::Invalid(problems));
    }
    let txn = begin_write(db).await?;
    let mut batch = lock_batch(&txn, batch_id).await?.ok_or(TrainingError::NotFound)?;
    if !takes_seats(batch.status) || !found.program.is_active {
        return Err(TrainingError::one("batch", Msg::TrainingNotOpen));
    }
    let needs_approval = found.program.requires_supervisor_approval;
    let mut outcome = BulkOutcome::default();
    for person in people {
        let placed = match existing.get(&person.id) {
            None => {
                let e = insert_placed(&txn, &mut batch, person.id, actor.user_id, needs_approval, true, now)
                    .await
                    .map_err(|err| match err {
                        TrainingError::Db(err) if is_unique_violation(&err) => TrainingError::Invalid(vec![
                            Problem::new("nips", Msg::TrainingAlreadyEnrolled)
                                .with("name", &person.name)
                                .with("nip", &person.nip)
                                .with("state", "requested"),
                        ]),
                        other => other,
                    })?;
                if e.state == EnrolmentState::Enrolled {
                    notifier.notify(&txn, Notice::Seated { enrolment_id: e.id }, now).await?;
                }
                e
            }
            Some(earlier) => {
                let e = enrolments::Entity::find_by_id(earlier.id)
                    .one(&txn)
                    .await?
                    .filter(|e| e.state == EnrolmentState::Withdrawn)
                    .ok_or_else(|| TrainingError::Invalid(vec![already(earlier, &person, "nips")]))?;
                let e = request_again(&txn, &e, actor.user_id, now).await?;
                let e = if needs_approval {
                    decide_state(&txn, &e, EnrolmentAction::Approve, actor.user_id, None, now).await?
                } else {
                    e
                };
                let placed = seat_or_waitlist(&txn, notifier, &e, Some(actor.user_id), now).await?;
                if placed.state == EnrolmentState::Enrolled {
                    batch.seats_taken += 1;
                }
                placed
            }
        };
        match placed.state {
            EnrolmentState::Enrolled => outcome.enrolled += 1,
            _ => outcome.waitlisted += 1,
        }
    }
    txn.commit().await?;
    Ok(outcome)
}

// ---------------------------------------------------------------------------------------
// Decisions and withdrawal
// ---------------------------------------------------------------------------------------

/// An enrolment with its employee, if the actor may do `action` on that employee.
async fn reach<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    enrolment_id: i64,
    action: Action,
) -> Result<(enrolments::Model, employees::Model), TrainingError> {
    let (e, employee) = enrolments::Entity::find_by_id(enrolment_id)
        .find_also_related(employees::Entity)
        .one(db)
        .await?
        .ok_or(TrainingError::NotFound)?;
    let employee = employee.ok_or(TrainingError::NotFound)?;
    if !actor.can(db, action, Target::Employee(&employee)).await? {
        return Err(TrainingError::NotFound);
    }
    Ok((e, employee))
}

/// The supervisor (or staff) approves or rejects a request; a rejection needs a reason.
/// An approval seats the enrolment at once, or puts it on the waitlist.
pub async fn decide(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    actor: &Actor,
    enrolment_id: i64,
    approve: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, TrainingError> {
    let (_, employee) = reach(db, actor, enrolment_id, Action::DecideEnrolment).await?;
    if decides_own(actor, &employee) {
        return Err(TrainingError::NotFound);
    }
    let reason = reason.trim();
    if !approve && reason.is_empty() {
        return Err(TrainingError::one("reason", Msg::TrainingReasonRequired));
    }
    if reason.chars().count() > 2000 {
        return Err(TrainingError::one("reason", Msg::TrainingReasonTooLong));
    }
    let txn = begin_write(db).await?;
    let e = enrolments::Entity::find_by_id(enrolment_id).one(&txn).await?.ok_or(TrainingError::NotFound)?;
    let batch = lock_batch(&txn, e.batch_id).await?.ok_or(TrainingError::NotFound)?;
    let e = enrolments::Entity::find_by_id(enrolment_id).one(&txn).await?.ok_or(TrainingError::NotFound)?;
    let reason = Some(reason).filter(|r| !r.is_empty());
    let e = if approve {
        if !takes_seats(batch.status) {
            return Err(TrainingError::one("batch", Msg::TrainingNotOpen));
        }
        let approved = decide_state(&txn, &e, EnrolmentAction::Approve, actor.user_id, reason, now).await?;
        seat_or_waitlist(&txn, notifier, &approved, Some(actor.user_id), now).await?
    } else {
        decide_state(&txn, &e, EnrolmentAction::Reject, actor.user_id, reason, now).await?
    };
    txn.commit().await?;
    Ok(e)
}

/// Withdraws an enrolment: the employee themself until the batch's withdrawal deadline,
/// staff of their agency until the batch starts. A freed seat goes to the first in line.
pub async fn withdraw(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    actor: &Actor,
    enrolment_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<enrolments::Model, TrainingError> {
    let (_, employee) = reach(db, actor, enrolment_id, Action::ViewTraining).await?;
    let own = actor.employee_id == Some(employee.id);
    if !own && !actor.can(db, Action::EnrolOthers, Target::Employee(&employee)).await? {
        return Err(TrainingError::NotFound);
    }
    let reason = reason.trim();
    if reason.chars().count() > 2000 {
        return Err(TrainingError::one("reason", Msg::TrainingReasonTooLong));
    }
    let txn = begin_write(db).await?;
    let e = enrolments::Entity::find_by_id(enrolment_id).one(&txn).await?.ok_or(TrainingError::NotFound)?;
    let batch = lock_batch(&txn, e.batch_id).await?.ok_or(TrainingError::NotFound)?;
    let e = enrolments::Entity::find_by_id(enrolment_id).one(&txn).await?.ok_or(TrainingError::NotFound)?;
    let to = transition(e.state, EnrolmentAction::Withdraw)?;
    if !takes_seats(batch.status) {
        return Err(TrainingError::one("batch", Msg::TrainingWithdrawalClosed));
    }
    if past_withdrawal_deadline(actor, own, &batch, now) {
        return Err(TrainingError::one("batch", Msg::TrainingWithdrawalClosed));
    }
    let was = e.state;
    let left = e.waitlist_position;
    let withdrawn =
        set_state(&txn, &e, to, Some(actor.user_id), Some(reason).filter(|r| !r.is_empty()), now).await?;
    match was {
        EnrolmentState::Enrolled => {
            free_seat(&txn, batch.id).await?;
            fill_free_seats(&txn, notifier, batch.id, Some(actor.user_id), now).await?;
        }
        EnrolmentState::Waitlisted => close_gap(&txn, batch.id, left).await?,
        _ => {}
    }
    txn.commit().await?;
    Ok(withdrawn)
}

/// Nobody decides their own enrolment request, whatever else they may decide.
fn decides_own(actor: &Actor, employee: &employees::Model) -> bool {
    actor.employee_id == Some(employee.id)
}

/// The withdrawal deadline binds the employee withdrawing themself; staff may withdraw
/// until the batch starts.
fn past_withdrawal_deadline(
    actor: &Actor,
    own: bool,
    batch: &training_batches::Model,
    now: DateTime<Utc>,
) -> bool {
    own && !actor.may(Action::UseStaffPages) && batch.withdrawal_deadline.is_some_and(|d| now >= d)
}

/// What the actor may do with one enrolment now: the same rules [`decide`] and [`withdraw`]
/// apply, returned with the record so pages and the API render them instead of repeating
/// them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Allowed {
    /// Approve or reject the request (its supervisor or staff, never the employee).
    pub can_decide: bool,
    /// Withdraw it (the employee until the deadline, staff until the batch starts).
    pub can_withdraw: bool,
}

/// The actions [`Allowed`] for `actor` on `enrolment` of `employee` in `batch`.
pub async fn allowed<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    enrolment: &enrolments::Model,
    employee: &employees::Model,
    batch: &training_batches::Model,
    now: DateTime<Utc>,
) -> Result<Allowed, DbErr> {
    let can_decide = !decides_own(actor, employee)
        && transition(enrolment.state, EnrolmentAction::Approve).is_ok()
        && actor.can(db, Action::DecideEnrolment, Target::Employee(employee)).await?;
    let own = actor.employee_id == Some(employee.id);
    let can_withdraw = transition(enrolment.state, EnrolmentAction::Withdraw).is_ok()
        && takes_seats(batch.status)
        && !past_withdrawal_deadline(actor, own, batch, now)
        && (own || actor.can(db, Action::EnrolOthers, Target::Employee(employee)).await?);
    Ok(Allowed { can_decide, can_withdraw })
}

/// The actor's own place in a batch, with what they may do about it: enrol (when enrolment
/// is open, they have no live enrolment and they are eligible), why they are not eligible,
/// and whether they may withdraw.
#[derive(Debug, Clone, Default)]
pub struct OwnPlace {
    pub enrolment: Option<enrolments::Model>,
    pub can_enrol: bool,
    /// Each rule of the programme the actor does not meet (empty when eligible, or when
    /// enrolment is not open to them anyway).
    pub ineligible_because: Vec<Problem>,
    pub can_withdraw: bool,
}

pub async fn own_place<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    row: &super::batches::BatchRow,
    now: DateTime<Utc>,
) -> Result<OwnPlace, DbErr> {
    let Some(me) = actor.employee_id else { return Ok(OwnPlace::default()) };
    let Some(employee) = employees::Entity::find_by_id(me).one(db).await? else {
        return Ok(OwnPlace::default());
    };
    let enrolment = own_in_batch(db, actor, row.batch.id).await?;
    let open = super::batches::enrolment_open(&row.batch, now) && row.program.is_active;
    // No enrolment yet, or a withdrawn one: the employee may enrol (again).
    let may_ask = enrolment.as_ref().is_none_or(|e| transition(e.state, EnrolmentAction::EnrolAgain).is_ok());
    let ineligible_because = if may_ask && open {
        eligibility_problems(db, &row.program, &employee, "employee", now).await?
    } else {
        Vec::new()
    };
    let can_withdraw = match &enrolment {
        Some(e) => allowed(db, actor, e, &employee, &row.batch, now).await?.can_withdraw,
        None => false,
    };
    Ok(OwnPlace {
        can_enrol: may_ask && open && ineligible_because.is_empty(),
        ineligible_because,
        can_withdraw,
        enrolment,
    })
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// One enrolment of a batch's list, with the person.
#[derive(Debug, Clone, FromQueryResult)]
pub struct ParticipantRow {
    pub id: i64,
    pub employee_id: i64,
    pub state: EnrolmentState,
    pub waitlist_position: Option<i32>,
    pub requested_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
    pub certificate_number: Option<String>,
    pub jp_credited: Option<i32>,
    pub nip: String,
    pub name: String,
    pub agency_name: String,
    pub requested_by: Option<String>,
}

/// The enrolments of a batch the actor may see (staff: their agencies'), in arrival order.
pub async fn participants<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    batch_id: i64,
    state: Option<EnrolmentState>,
    page: PageRequest,
) -> Result<Page<ParticipantRow>, DbErr> {
    let mut select = enrolments::Entity::find()
        .join(JoinType::InnerJoin, enrolments::Relation::Employee.def())
        .join(JoinType::InnerJoin, employees::Relation::Agency.def())
        .join(JoinType::LeftJoin, enrolments::Relation::RequestedBy.def())
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(reach.employees());
    if let Some(state) = state {
        select = select.filter(enrolments::Column::State.eq(state));
    }
    let query = select
        .select_only()
        .columns([
            enrolments::Column::Id,
            enrolments::Column::EmployeeId,
            enrolments::Column::State,
            enrolments::Column::WaitlistPosition,
            enrolments::Column::RequestedAt,
            enrolments::Column::DecidedAt,
            enrolments::Column::DecisionReason,
            enrolments::Column::CertificateNumber,
            enrolments::Column::JpCredited,
        ])
        .column(employees::Column::Nip)
        .column(employees::Column::Name)
        .column_as(agencies::Column::Name, "agency_name")
        .column_as(users::Column::Email, "requested_by")
        .order_by_asc(enrolments::Column::Id)
        .into_model::<ParticipantRow>();
    Page::fetch(db, query, page).await
}

/// Every seated participant of a batch in the actor's scope (attendance and completion).
pub async fn seated<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    batch_id: i64,
) -> Result<Vec<ParticipantRow>, DbErr> {
    let page = participants(db, reach, batch_id, None, PageRequest::first(100_000)).await?;
    Ok(page.items.into_iter().filter(|p| p.state.counts_as_seat()).collect())
}

/// One line of a batch's enrolment log.
#[derive(Debug, Clone, FromQueryResult)]
pub struct EventRow {
    pub id: i64,
    pub enrolment_id: i64,
    pub from_state: Option<EnrolmentState>,
    pub to_state: EnrolmentState,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
    pub nip: String,
    pub name: String,
    pub by_email: Option<String>,
}

/// The enrolment log of a batch (staff: their agencies' people), in the order it happened.
pub async fn batch_events<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    batch_id: i64,
    page: PageRequest,
) -> Result<Page<EventRow>, DbErr> {
    let select = enrolment_events::Entity::find()
        .join(JoinType::InnerJoin, enrolment_events::Relation::Enrolment.def())
        .join(JoinType::InnerJoin, enrolments::Relation::Employee.def())
        .join(JoinType::LeftJoin, enrolment_events::Relation::User.def())
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(reach.employees());
    let query = select
        .select_only()
        .columns([
            enrolment_events::Column::Id,
            enrolment_events::Column::EnrolmentId,
            enrolment_events::Column::FromState,
            enrolment_events::Column::ToState,
            enrolment_events::Column::At,
            enrolment_events::Column::Reason,
        ])
        .column(employees::Column::Nip)
        .column(employees::Column::Name)
        .column_as(users::Column::Email, "by_email")
        .order_by_asc(enrolment_events::Column::At)
        .order_by_asc(enrolment_events::Column::Id)
        .into_model::<EventRow>();
    Page::fetch(db, query, page).await
}

/// An enrolment with its batch, programme and person.
#[derive(Debug, Clone)]
pub struct EnrolmentView {
    pub enrolment: enrolments::Model,
    pub employee: employees::Model,
    pub batch: training_batches::Model,
    pub program: training_programs::Model,
    /// What the actor may do with it now.
    pub allowed: Allowed,
}

/// One enrolment, if the actor may see it (the employee, their supervisor, staff of their
/// agency).
pub async fn find_for<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    enrolment_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<EnrolmentView>, DbErr> {
    let (enrolment, employee) = match reach(db, actor, enrolment_id, Action::ViewTraining).await {
        Ok(found) => found,
        Err(TrainingError::Db(e)) => return Err(e),
        Err(_) => return Ok(None),
    };
    let Some(row) = super::batches::find(db, enrolment.batch_id).await? else { return Ok(None) };
    let allowed = allowed(db, actor, &enrolment, &employee, &row.batch, now).await?;
    Ok(Some(EnrolmentView { enrolment, employee, batch: row.batch, program: row.program, allowed }))
}

/// The events of one enrolment, oldest first.
pub async fn events_of<C: ConnectionTrait>(db: &C, enrolment_id: i64) -> Result<Vec<EventRow>, DbErr> {
    enrolment_events::Entity::find()
        .join(JoinType::InnerJoin, enrolment_events::Relation::Enrolment.def())
        .join(JoinType::InnerJoin, enrolments::Relation::Employee.def())
        .join(JoinType::LeftJoin, enrolment_events::Relation::User.def())
        .filter(enrolment_events::Column::EnrolmentId.eq(enrolment_id))
        .select_only()
        .columns([
            enrolment_events::Column::Id,
            enrolment_events::Column::EnrolmentId,
            enrolment_events::Column::FromState,
            enrolment_events::Column::ToState,
            enrolment_events::Column::At,
            enrolment_events::Column::Reason,
        ])
        .column(employees::Column::Nip)
        .column(employees::Column::Name)
        .column_as(users::Column::Email, "by_email")
        .order_by_asc(enrolment_events::Column::At)
        .order_by_asc(enrolment_events::Column::Id)
        .into_model::<EventRow>()
        .all(db)
        .await
}

/// An employee's enrolment with its batch and programme.
#[derive(Debug, Clone)]
pub struct MyEnrolment {
    pub enrolment: enrolments::Model,
    pub batch: training_batches::Model,
    pub program: training_programs::Model,
}

/// An employee's enrolments, the latest batches first.
pub async fn of_employee<C: ConnectionTrait>(db: &C, employee_id: i64) -> Result<Vec<MyEnrolment>, DbErr> {
    let rows = enrolments::Entity::find()
        .find_also_related(training_batches::Entity)
        .filter(enrolments::Column::EmployeeId.eq(employee_id))
        .order_by_desc(training_batches::Column::StartsOn)
        .order_by_desc(enrolments::Column::Id)
        .all(db)
        .await?;
    let program_ids: Vec<i64> = rows.iter().filter_map(|(_, b)| b.as_ref().map(|b| b.program_id)).collect();
    let programs: HashMap<i64, training_programs::Model> = training_programs::Entity::find()
        .filter(training_programs::Column::Id.is_in(program_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(enrolment, batch)| {
            let batch = batch?;
            let program = programs.get(&batch.program_id)?.clone();
            Some(MyEnrolment { enrolment, batch, program })
        })
        .collect())
}

/// The actor's own enrolment in a batch, if any.
pub async fn own_in_batch<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    batch_id: i64,
) -> Result<Option<enrolments::Model>, DbErr> {
    let Some(me) = actor.employee_id else { return Ok(None) };
    enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(enrolments::Column::EmployeeId.eq(me))
        .one(db)
        .await
}

/// A request waiting for a decision.
#[derive(Debug, Clone, FromQueryResult)]
pub struct PendingRow {
    pub id: i64,
    pub requested_at: DateTime<Utc>,
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub batch_id: i64,
    pub batch_name: String,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub program_title: String,
}

/// Requests waiting for the actor's decision: a supervisor's direct subordinates', staff
/// their agencies', oldest first.
pub async fn pending_decisions<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    page: PageRequest,
) -> Result<Page<PendingRow>, DbErr> {
    let mut select = enrolments::Entity::find()
        .join(JoinType::InnerJoin, enrolments::Relation::Employee.def())
        .join(JoinType::InnerJoin, enrolments::Relation::TrainingBatch.def())
        .join(JoinType::InnerJoin, training_batches::Relation::TrainingProgram.def())
        .filter(enrolments::Column::State.eq(EnrolmentState::Requested));
    let reach = actor.reach(Action::ViewEmployee);
    select = match (reach.is_staff_wide(), actor.employee_id) {
        (true, _) => select.filter(reach.employees()),
        (false, Some(me)) => select.filter(employees::Column::SupervisorId.eq(me)),
        (false, None) => {
            return Ok(Page::empty(page));
        }
    };
    let query = select
        .select_only()
        .columns([enrolments::Column::Id, enrolments::Column::RequestedAt, enrolments::Column::EmployeeId])
        .column(employees::Column::Nip)
        .column(employees::Column::Name)
        .column_as(training_batches::Column::Id, "batch_id")
        .column_as(training_batches::Column::Name, "batch_name")
        .column(training_batches::Column::StartsOn)
        .column(training_batches::Column::EndsOn)
        .column_as(training_programs::Column::Title, "program_title")
        .order_by_asc(enrolments::Column::Id)
        .into_model::<PendingRow>();
    Page::fetch(db, query, page).await
}
