//! Batches (angkatan): dates and daily times in the deployment's zone, place or online link,
//! quota, enrolment window and withdrawal deadline, a status with explicit transitions, and
//! the month calendar.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};

use super::states::{BatchAction, EnrolmentAction, batch_transition, transition};
use super::{Notice, Notifier, Problem, TrainingError};
use crate::audit::{self, Change};
use crate::enums::{BatchStatus, EnrolmentState, TrainingMethod};
use crate::i18n::Msg;
use crate::policy::{Action, Actor, Target};
use crate::schema::{
    enrolments, program_competencies, program_eligible_agencies, training_batches, training_programs,
};
use crate::tx::begin_write;
use crate::validation::is_unique_violation;

pub const ENTITY_TYPE: &str = "training_batches";
pub const QUOTA_MAX: i32 = 10_000;
/// The most batches one calendar query returns.
pub const CALENDAR_LIMIT: u64 = 500;

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// What the calendar and the batch list filter by.
#[derive(Debug, Clone, Default)]
pub struct BatchFilter {
    /// Batches with at least one day in `[from, to]`.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub status: Option<BatchStatus>,
    pub program_id: Option<i64>,
    pub method: Option<TrainingMethod>,
    /// Programmes aiming at this competency.
    pub competency_id: Option<i64>,
    /// Programmes open to this agency (no agency limit, or this agency named).
    pub agency_id: Option<i64>,
    /// Leave out drafts (what employees see).
    pub published_only: bool,
}

/// A batch with its programme.
#[derive(Debug, Clone)]
pub struct BatchRow {
    pub batch: training_batches::Model,
    pub program: training_programs::Model,
}

pub async fn list<C: ConnectionTrait>(db: &C, filter: &BatchFilter) -> Result<Vec<BatchRow>, DbErr> {
    let mut condition = Condition::all();
    if let Some(from) = filter.from {
        condition = condition.add(training_batches::Column::EndsOn.gte(from));
    }
    if let Some(to) = filter.to {
        condition = condition.add(training_batches::Column::StartsOn.lte(to));
    }
    if let Some(status) = filter.status {
        condition = condition.add(training_batches::Column::Status.eq(status));
    }
    if filter.published_only {
        condition = condition.add(training_batches::Column::Status.ne(BatchStatus::Draft));
    }
    if let Some(program_id) = filter.program_id {
        condition = condition.add(training_batches::Column::ProgramId.eq(program_id));
    }
    if let Some(method) = filter.method {
        condition = condition.add(training_programs::Column::Method.eq(method));
    }
    if let Some(competency_id) = filter.competency_id {
        condition = condition.add(
            training_batches::Column::ProgramId.in_subquery(
                Query::select()
                    .column(program_competencies::Column::ProgramId)
                    .from(program_competencies::Entity)
                    .and_where(program_competencies::Column::CompetencyId.eq(competency_id))
                    .to_owned(),
            ),
        );
    }
    if let Some(agency_id) = filter.agency_id {
        condition = condition.add(
            Condition::any()
                .add(
                    training_batches::Column::ProgramId.not_in_subquery(
                        Query::select()
                            .column(program_eligible_agencies::Column::ProgramId)
                            .from(program_eligible_agencies::Entity)
                            .to_owned(),
                    ),
                )
                .add(
                    training_batches::Column::ProgramId.in_subquery(
                        Query::select()
                            .column(program_eligible_agencies::Column::ProgramId)
                            .from(program_eligible_agencies::Entity)
                            .and_where(program_eligible_agencies::Column::AgencyId.eq(agency_id))
                            .to_owned(),
                    ),
                ),
        );
    }
    Ok(training_batches::Entity::find()
        .find_also_related(training_programs::Entity)
        .filter(condition)
        .order_by_asc(training_batches::Column::StartsOn)
        .order_by_asc(training_batches::Column::Id)
        .limit(CALENDAR_LIMIT)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(batch, program)| program.map(|program| BatchRow { batch, program }))
        .collect())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<BatchRow>, DbErr> {
    Ok(training_batches::Entity::find_by_id(id)
        .find_also_related(training_programs::Entity)
        .one(db)
        .await?
        .and_then(|(batch, program)| program.map(|program| BatchRow { batch, program })))
}

/// How many enrolments of a batch are in each state (one grouped query).
pub async fn state_counts<C: ConnectionTrait>(
    db: &C,
    batch_id: i64,
) -> Result<Vec<(EnrolmentState, i64)>, DbErr> {
    enrolments::Entity::find()
        .select_only()
        .column(enrolments::Column::State)
        .column_as(enrolments::Column::Id.count(), "n")
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .group_by(enrolments::Column::State)
        .into_tuple()
        .all(db)
        .await
}

/// Whether enrolment is open at `now`: the batch is open and `now` is inside its window.
pub fn enrolment_open(batch: &training_batches::Model, now: DateTime<Utc>) -> bool {
    batch.status == BatchStatus::Open
        && batch.enrolment_opens_at.is_none_or(|t| t <= now)
        && batch.enrolment_closes_at.is_none_or(|t| now < t)
}

/// The days of a batch, first to last.
pub fn days(batch: &training_batches::Model) -> Vec<NaiveDate> {
    batch.starts_on.iter_days().take_while(|d| *d <= batch.ends_on).collect()
}

/// The first and last day of a month.
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { first.with_month(month + 1)? };
    Some((first, next.pred_opt()?))
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// A batch as submitted. Dates are `YYYY-MM-DD`, times `HH:MM`, instants `YYYY-MM-DDTHH:MM`
/// in the deployment's zone (what a `datetime-local` field sends).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchInput {
    pub program_id: String,
    /// Empty: the next number of the programme.
    pub batch_number: String,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub daily_start_time: String,
    pub daily_end_time: String,
    pub place: String,
    pub online_url: String,
    pub quota: String,
    pub enrolment_opens_at: String,
    pub enrolment_closes_at: String,
    pub withdrawal_deadline: String,
}

/// An instant as a `datetime-local` value in `tz`.
pub fn local_input(at: Option<DateTime<Utc>>, tz: Tz) -> String {
    at.map(|t| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default()
}

impl BatchInput {
    pub fn of(b: &training_batches::Model, tz: Tz) -> BatchInput {
        let time = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        BatchInput {
            program_id: b.program_id.to_string(),
            batch_number: b.batch_number.to_string(),
            name: b.name.clone(),
            starts_on: b.starts_on.to_string(),
            ends_on: b.ends_on.to_string(),
            daily_start_time: time(b.daily_start_time),
            daily_end_time: time(b.daily_end_time),
            place: b.place.clone().unwrap_or_default(),
            online_url: b.online_url.clone().unwrap_or_default(),
            quota: b.quota.to_string(),
            enrolment_opens_at: local_input(b.enrolment_opens_at, tz),
            enrolment_closes_at: local_input(b.enrolment_closes_at, tz),
            withdrawal_deadline: local_input(b.withdrawal_deadline, tz),
        }
    }
}

struct Checked {
    program: training_programs::Model,
    batch_number: Option<i32>,
    name: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    daily_start_time: Option<NaiveTime>,
    daily_end_time: Option<NaiveTime>,
    place: Option<String>,
    online_url: Option<String>,
    quota: i32,
    opens: Option<DateTime<Utc>>,
    closes: Option<DateTime<Utc>>,
    withdrawal_deadline: Option<DateTime<Utc>>,
}

fn date(field: &'static str, raw: &str, problems: &mut Vec<Problem>) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
    if d.is_none() {
        problems.push(Problem::new(field, Msg::TrainingBadDate));
    }
    d
}

fn time(field: &'static str, raw: &str, problems: &mut Vec<Problem>) -> Option<NaiveTime> {
    match raw.trim() {
        "" => None,
        raw => {
            let t = NaiveTime::parse_from_str(raw, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
                .ok();
            if t.is_none() {
                problems.push(Problem::new(field, Msg::TrainingBadTime));
            }
            t
        }
    }
}

/// A `datetime-local` value in `tz` as an instant; `Err` when it does not parse (or falls
/// in a gap of the zone's clock). The caller names the field, so the error carries nothing.
#[allow(clippy::result_unit_err)]
pub fn parse_local(raw: &str, tz: Tz) -> Result<Option<DateTime<Utc>>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| ())?;
    tz.from_local_datetime(&naive).earliest().map(|t| Some(t.with_timezone(&Utc))).ok_or(())
}

fn instant(field: &'static str, raw: &str, tz: Tz, problems: &mut Vec<Problem>) -> Option<DateTime<Utc>> {
    parse_local(raw, tz).unwrap_or_else(|()| {
        problems.push(Problem::new(field, Msg::TrainingBadDateTime));
        None
    })
}

async fn check<C: ConnectionTrait>(
    db: &C,
    input: &BatchInput,
    tz: Tz,
    current: Option<&training_batches::Model>,
) -> Result<Checked, TrainingError> {
    let mut problems = Vec::new();
    let program = match input.program_id.trim().parse::<i64>() {
        Ok(id) => training_programs::Entity::find_by_id(id).one(db).await?,
        Err(_) => None,
    };
    if program.is_none() {
        problems.push(Problem::new("program_id", Msg::CatalogueUnknownReference));
    }
    let batch_number = match input.batch_number.trim() {
        "" => None,
        raw => {
            super::programs::parse_int("batch_number", raw, 1..=9999, Msg::TrainingNumberRange, &mut problems)
        }
    };
    let name = input.name.trim().to_owned();
    if name.chars().count() > 200 {
        problems.push(Problem::new("name", Msg::CatalogueNameTooLong));
    }
    let starts_on = date("starts_on", &input.starts_on, &mut problems);
    let ends_on = date("ends_on", &input.ends_on, &mut problems);
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && e < s
    {
        problems.push(Problem::new("ends_on", Msg::TrainingEndBeforeStart));
    }
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && (e - s).num_days() > 366
    {
        problems.push(Problem::new("ends_on", Msg::TrainingTooLong));
    }
    let daily_start_time = time("daily_start_time", &input.daily_start_time, &mut problems);
    let daily_end_time = time("daily_end_time", &input.daily_end_time, &mut problems);
    if let (Some(s), Some(e)) = (daily_start_time, daily_end_time)
        && e <= s
    {
        problems.push(Problem::new("daily_end_time", Msg::TrainingEndBeforeStart));
    }
    if daily_start_time.is_some() != daily_end_time.is_some()
        && !problems.iter().any(|p| p.field.starts_with("daily"))
    {
        problems.push(Problem::new("daily_end_time", Msg::TrainingTimesBoth));
    }
    let place = Some(input.place.trim().to_owned()).filter(|p| !p.is_empty());
    if place.as_ref().is_some_and(|p| p.chars().count() > 300) {
        problems.push(Problem::new("place", Msg::TrainingPlaceTooLong));
    }
    let online_url = Some(input.online_url.trim().to_owned()).filter(|p| !p.is_empty());
    if let Some(url) = &online_url
        && (!(url.starts_with("https://") || url.starts_with("http://"))
            || url.len() > 500
            || url.contains(' '))
    {
        problems.push(Problem::new("online_url", Msg::TrainingBadUrl));
    }
    if place.is_none() && online_url.is_none() {
        problems.push(Problem::new("place", Msg::TrainingPlaceOrLink));
    }
    let quota = super::programs::parse_int(
        "quota",
        &input.quota,
        1..=QUOTA_MAX,
        Msg::TrainingNumberRange,
        &mut problems,
    );
    if let (Some(q), Some(c)) = (quota, current)
        && q < c.seats_taken
    {
        problems.push(Problem::new("quota", Msg::TrainingQuotaBelowSeats).with("seats", c.seats_taken));
    }
    let opens = instant("enrolment_opens_at", &input.enrolment_opens_at, tz, &mut problems);
    let closes = instant("enrolment_closes_at", &input.enrolment_closes_at, tz, &mut problems);
    let withdrawal_deadline = instant("withdrawal_deadline", &input.withdrawal_deadline, tz, &mut problems);
    if let (Some(o), Some(c)) = (opens, closes)
        && c <= o
    {
        problems.push(Problem::new("enrolment_closes_at", Msg::TrainingEndBeforeStart));
    }
    if let Some(s) = starts_on {
        let start =
            tz.from_local_datetime(&s.and_time(NaiveTime::MIN)).earliest().map(|t| t.with_timezone(&Utc));
        if let (Some(c), Some(start)) = (closes, start)
            && c > start
        {
            problems.push(Problem::new("enrolment_closes_at", Msg::TrainingWindowAfterStart));
        }
    }
    if !problems.is_empty() {
        return Err(TrainingError::Invalid(problems));
    }
    let program = program.expect("checked");
    let starts_on = starts_on.expect("checked");
    let name = if name.is_empty() { String::new() } else { name };
    Ok(Checked {
        program,
        batch_number,
        name,
        starts_on,
        ends_on: ends_on.expect("checked"),
        daily_start_time,
        daily_end_time,
        place,
        online_url,
        quota: quota.expect("checked"),
        opens,
        closes,
        withdrawal_deadline,
    })
}

fn number_taken(err: DbErr) -> TrainingError {
    if is_unique_violation(&err) {
        TrainingError::one("batch_number", Msg::TrainingBatchNumberTaken)
    } else {
        TrainingError::Db(err)
    }
}

fn default_name(program: &training_programs::Model, number: i32) -> String {
    let mut name = format!("{} Angkatan {number}", program.title);
    if name.chars().count() > 200 {
        name = name.chars().take(200).collect();
    }
    name
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &BatchInput,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<training_batches::Model, TrainingError> {
    if !actor.can(db, Action::ManageTraining, Target::Region).await? {
        return Err(TrainingError::NotFound);
    }
    let txn = begin_write(db).await?;
    let c = check(&txn, input, tz, None).await?;
    let number = match c.batch_number {
        Some(n) => n,
        None => {
            let max: Option<i32> = training_batches::Entity::find()
                .select_only()
                .column_as(training_batches::Column::BatchNumber.max(), "n")
                .filter(training_batches::Column::ProgramId.eq(c.program.id))
                .into_tuple()
                .one(&txn)
                .await?
                .flatten();
            max.unwrap_or(0) + 1
        }
    };
    let name = if c.name.is_empty() { default_name(&c.program, number) } else { c.name.clone() };
    let batch = training_batches::ActiveModel {
        program_id: Set(c.program.id),
        batch_number: Set(number),
        name: Set(name),
        starts_on: Set(c.starts_on),
        ends_on: Set(c.ends_on),
        daily_start_time: Set(c.daily_start_time),
        daily_end_time: Set(c.daily_end_time),
        place: Set(c.place),
        online_url: Set(c.online_url),
        quota: Set(c.quota),
        seats_taken: Set(0),
        enrolment_opens_at: Set(c.opens),
        enrolment_closes_at: Set(c.closes),
        withdrawal_deadline: Set(c.withdrawal_deadline),
        status: Set(BatchStatus::Draft),
        next_certificate_seq: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(number_taken)?;
    audit::record(&txn, Change::created(actor.user_id, ENTITY_TYPE, batch.id, &batch), now).await?;
    txn.commit().await?;
    Ok(batch)
}

/// Changes a batch that has not ended. A larger quota seats the waitlist at once, in order.
pub async fn update(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    actor: &Actor,
    id: i64,
    input: &BatchInput,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<training_batches::Model, TrainingError> {
    if !actor.can(db, Action::ManageTraining, Target::Region).await? {
        return Err(TrainingError::NotFound);
    }
    let txn = begin_write(db).await?;
    let before = super::enrolments::lock_batch(&txn, id).await?.ok_or(TrainingError::NotFound)?;
    if matches!(before.status, BatchStatus::Completed | BatchStatus::Cancelled) {
        return Err(TrainingError::one("status", Msg::TrainingBatchFinished));
    }
    let c = check(&txn, input, tz, Some(&before)).await?;
    if c.program.id != before.program_id && before.seats_taken > 0 {
        return Err(TrainingError::one("program_id", Msg::TrainingProgramFixed));
    }
    let number = c.batch_number.unwrap_or(before.batch_number);
    let mut active = before.clone().into_active_model();
    active.program_id = Set(c.program.id);
    active.batch_number = Set(number);
    active.name = Set(if c.name.is_empty() { default_name(&c.program, number) } else { c.name.clone() });
    active.starts_on = Set(c.starts_on);
    active.ends_on = Set(c.ends_on);
    active.daily_start_time = Set(c.daily_start_time);
    active.daily_end_time = Set(c.daily_end_time);
    active.place = Set(c.place);
    active.online_url = Set(c.online_url);
    active.quota = Set(c.quota);
    active.enrolment_opens_at = Set(c.opens);
    active.enrolment_closes_at = Set(c.closes);
    active.withdrawal_deadline = Set(c.withdrawal_deadline);
    active.updated_at = Set(now);
    let after = active.update(&txn).await.map_err(number_taken)?;
    audit::record(&txn, Change::updated(actor.user_id, ENTITY_TYPE, id, &before, &after), now).await?;
    if after.quota > before.quota {
        super::enrolments::fill_free_seats(&txn, notifier, after.id, Some(actor.user_id), now).await?;
    }
    txn.commit().await?;
    Ok(training_batches::Entity::find_by_id(id).one(db).await?.unwrap_or(after))
}

/// Moves a batch along its status machine. Cancelling withdraws every enrolment that is not
/// final (freeing the seats) and tells those people by e-mail, in the same transaction.
pub async fn change_status(
    db: &DatabaseConnection,
    notifier: &dyn Notifier,
    actor: &Actor,
    id: i64,
    action: BatchAction,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<training_batches::Model, TrainingError> {
    if !actor.can(db, Action::ManageTraining, Target::Region).await? {
        return Err(TrainingError::NotFound);
    }
    let txn = begin_write(db).await?;
    let before = super::enrolments::lock_batch(&txn, id).await?.ok_or(TrainingError::NotFound)?;
    let to = batch_transition(before.status, action)?;
    let reason = reason.trim();
    if action == BatchAction::Cancel && reason.is_empty() {
        return Err(TrainingError::one("reason", Msg::TrainingReasonRequired));
    }
    let mut active = before.clone().into_active_model();
    active.status = Set(to);
    active.updated_at = Set(now);
    if action == BatchAction::Cancel {
        active.seats_taken = Set(0);
    }
    let after = active.update(&txn).await?;
    audit::record(&txn, Change::updated(actor.user_id, ENTITY_TYPE, id, &before, &after), now).await?;
    if action == BatchAction::Cancel {
        let open = enrolments::Entity::find()
            .filter(enrolments::Column::BatchId.eq(id))
            .filter(enrolments::Column::State.is_in([
                EnrolmentState::Requested,
                EnrolmentState::Approved,
                EnrolmentState::Waitlisted,
                EnrolmentState::Enrolled,
            ]))
            .order_by_asc(enrolments::Column::Id)
            .all(&txn)
            .await?;
        let reason = format!("{}: {reason}", Msg::TrainingBatchCancelledReason.text(crate::i18n::Lang::Id));
        for e in open {
            let to = transition(e.state, EnrolmentAction::Withdraw)?;
            super::enrolments::set_state(&txn, &e, to, Some(actor.user_id), Some(&reason), now).await?;
            enrolments::Entity::update_many()
                .col_expr(enrolments::Column::WaitlistPosition, Expr::value(Option::<i32>::None))
                .filter(enrolments::Column::Id.eq(e.id))
                .exec(&txn)
                .await?;
            notifier.notify(&txn, Notice::BatchCancelled { enrolment_id: e.id }, now).await?;
        }
    }
    txn.commit().await?;
    Ok(after)
}
