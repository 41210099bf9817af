//! The run ledger: one `job_runs` row per (job, slot). Claiming a slot is an insert that only
//! one instance can win (unique key), so a tick runs once in total however many instances
//! see it; a claimant that died leaves a lease that expires, after which the slot can be
//! taken over.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use bangkom_entities::enums::{JobOutcome, JobTrigger};
use bangkom_entities::schema::job_runs;

/// How long a claimant may run before others may take its slot over.
pub const LEASE: Duration = Duration::minutes(10);

/// Claims the slot; `Some(run id)` when this caller now owns it.
pub async fn claim<C: ConnectionTrait>(
    db: &C,
    job: &str,
    slot_at: DateTime<Utc>,
    trigger: JobTrigger,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let inserted = job_runs::Entity::insert(job_runs::ActiveModel {
        job_name: Set(job.to_owned()),
        slot_at: Set(slot_at),
        trigger: Set(trigger),
        holder: Set(holder.to_owned()),
        started_at: Set(now),
        lease_expires_at: Set(now + LEASE),
        finished_at: Set(None),
        outcome: Set(JobOutcome::Running),
        counts: Set(None),
        error: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([job_runs::Column::JobName, job_runs::Column::SlotAt]).do_nothing().to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    if inserted == 0 {
        // Someone has the slot. Take it over only if they died holding it.
        let taken = job_runs::Entity::update_many()
            .col_expr(job_runs::Column::Holder, Expr::value(holder))
            .col_expr(job_runs::Column::StartedAt, Expr::value(now))
            .col_expr(job_runs::Column::LeaseExpiresAt, Expr::value(now + LEASE))
            .filter(job_runs::Column::JobName.eq(job))
            .filter(job_runs::Column::SlotAt.eq(slot_at))
            .filter(job_runs::Column::Outcome.eq(JobOutcome::Running))
            .filter(job_runs::Column::LeaseExpiresAt.lt(now))
            .exec(db)
            .await?;
        if taken.rows_affected == 0 {
            return Ok(None);
        }
    }
    let run = job_runs::Entity::find()
        .filter(job_runs::Column::JobName.eq(job))
        .filter(job_runs::Column::SlotAt.eq(slot_at))
        .filter(job_runs::Column::Holder.eq(holder))
        .one(db)
        .await?;
    Ok(run.map(|r| r.id))
}

/// Records how a run ended.
pub async fn finish<C: ConnectionTrait>(
    db: &C,
    run_id: i64,
    outcome: JobOutcome,
    counts: Option<String>,
    error: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job_runs::Entity::update_many()
        .col_expr(job_runs::Column::Outcome, Expr::value(outcome))
        .col_expr(job_runs::Column::FinishedAt, Expr::value(now))
        .col_expr(job_runs::Column::Counts, Expr::value(counts))
        .col_expr(job_runs::Column::Error, Expr::value(error))
        .filter(job_runs::Column::Id.eq(run_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Updates a running run's progress counts (and extends its lease).
pub async fn progress<C: ConnectionTrait>(
    db: &C,
    run_id: i64,
    counts: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job_runs::Entity::update_many()
        .col_expr(job_runs::Column::Counts, Expr::value(counts))
        .col_expr(job_runs::Column::LeaseExpiresAt, Expr::value(now + LEASE))
        .filter(job_runs::Column::Id.eq(run_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The newest runs, for the staff page.
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    job: Option<&str>,
    limit: u64,
) -> Result<Vec<job_runs::Model>, DbErr> {
    let mut select = job_runs::Entity::find();
    if let Some(job) = job {
        select = select.filter(job_runs::Column::JobName.eq(job));
    }
    select
        .order_by_desc(job_runs::Column::StartedAt)
        .order_by_desc(job_runs::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
