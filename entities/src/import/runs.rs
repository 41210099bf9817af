//! The ledger of imports started from the page: one `job_runs` row per upload (job name
//! `import-<kind>`, trigger manual, holder `user:<id>` — the user who started it). While
//! the import works its `counts` hold the running count
//! (`{"checked": n, "total": m, "written": k, …}`); at the end the summary, or in `error`
//! the list of problems of the file.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::{ImportKind, ImportSummary, RowError};
use crate::enums::{JobOutcome, JobTrigger};
use crate::policy::{Action, Actor};
use crate::schema::job_runs;

/// A run whose lease has passed without finishing was interrupted (the server stopped).
const LEASE: Duration = Duration::hours(1);

/// Where a run is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    #[default]
    Checking,
    Writing,
    Done,
}

/// The `counts` of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunCounts {
    /// The uploaded file's name, as the browser gave it.
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub phase: Phase,
    #[serde(default)]
    pub checked: u64,
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub written: u64,
    /// Once imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<ImportSummary>,
}

/// Why a run failed (its `error` column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunFailure {
    /// The file has problems; nothing was written.
    Rejected { errors: Vec<RowError> },
    /// The database failed; nothing was written. The detail is for the logs, not for people.
    Internal { detail: String },
}

/// A run as the page shows it.
#[derive(Debug, Clone)]
pub struct ImportRun {
    pub id: i64,
    pub kind: ImportKind,
    pub user_id: Option<i64>,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub outcome: JobOutcome,
    pub counts: RunCounts,
    pub failure: Option<RunFailure>,
    /// Still marked running, but its lease has passed: the server stopped during it.
    pub interrupted: bool,
}

fn holder(user_id: i64) -> String {
    format!("user:{user_id}")
}

impl ImportRun {
    fn from_row(row: job_runs::Model, now: DateTime<Utc>) -> Option<ImportRun> {
        let kind = ImportKind::from_job_name(&row.job_name)?;
        Some(ImportRun {
            id: row.id,
            kind,
            user_id: row.holder.strip_prefix("user:").and_then(|id| id.parse().ok()),
            started_at: row.started_at,
            finished_at: row.finished_at,
            outcome: row.outcome,
            counts: row.counts.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default(),
            failure: row.error.as_deref().and_then(|e| serde_json::from_str(e).ok()),
            interrupted: row.outcome == JobOutcome::Running && row.lease_expires_at < now,
        })
    }

    /// A run is the business of the user who started it, and of admins.
    fn visible_to(&self, actor: &Actor) -> bool {
        actor.may(Action::ManageOperations) || self.user_id == Some(actor.user_id)
    }
}

/// Records a new run, started now by `user_id`; returns its id.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    kind: ImportKind,
    user_id: i64,
    file: &str,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let counts = RunCounts { file: file.to_owned(), ..Default::default() };
    let row = job_runs::ActiveModel {
        job_name: Set(kind.job_name().to_owned()),
        slot_at: Set(now),
        trigger: Set(JobTrigger::Manual),
        holder: Set(holder(user_id)),
        started_at: Set(now),
        lease_expires_at: Set(now + LEASE),
        finished_at: Set(None),
        outcome: Set(JobOutcome::Running),
        counts: Set(serde_json::to_string(&counts).ok()),
        error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Records how far a running import has come.
pub async fn record_progress<C: ConnectionTrait>(
    db: &C,
    id: i64,
    counts: &RunCounts,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    job_runs::Entity::update_many()
        .col_expr(job_runs::Column::Counts, serde_json::to_string(counts).ok().into())
        .col_expr(job_runs::Column::LeaseExpiresAt, (now + LEASE).into())
        .filter(job_runs::Column::Id.eq(id))
        .filter(job_runs::Column::Outcome.eq(JobOutcome::Running))
        .exec(db)
        .await?;
    Ok(())
}

/// Records the end of a run: its summary, or why nothing was imported.
pub async fn finish<C: ConnectionTrait>(
    db: &C,
    id: i64,
    counts: &RunCounts,
    failure: Option<&RunFailure>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let outcome = if failure.is_some() { JobOutcome::Failed } else { JobOutcome::Succeeded };
    job_runs::Entity::update_many()
        .col_expr(job_runs::Column::Counts, serde_json::to_string(counts).ok().into())
        .col_expr(job_runs::Column::Error, failure.and_then(|f| serde_json::to_string(f).ok()).into())
        .col_expr(job_runs::Column::Outcome, outcome.into())
        .col_expr(job_runs::Column::FinishedAt, Some(now).into())
        .filter(job_runs::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The run, if it is an import `actor` may see.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<ImportRun>, DbErr> {
    let row = job_runs::Entity::find_by_id(id).one(db).await?;
    Ok(row.and_then(|r| ImportRun::from_row(r, now)).filter(|r| r.visible_to(actor)))
}

/// The latest imports `actor` may see (an admin: everyone's), newest first.
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<ImportRun>, DbErr> {
    let names: Vec<&str> = ImportKind::ALL.iter().map(|k| k.job_name()).collect();
    let mut select = job_runs::Entity::find().filter(job_runs::Column::JobName.is_in(names));
    if !actor.may(Action::ManageOperations) {
        select = select.filter(job_runs::Column::Holder.eq(holder(actor.user_id)));
    }
    let rows = select
        .order_by_desc(job_runs::Column::StartedAt)
        .order_by_desc(job_runs::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|r| ImportRun::from_row(r, now)).filter(|r| r.visible_to(actor)).collect())
}
