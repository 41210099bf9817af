//! Running jobs: by name now (`bangkom jobs run`, the staff page), or for a scheduled slot.
//! Either way the run is claimed in the ledger first and its outcome recorded; a failing job
//! is logged and recorded, it does not take the process down.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use lettre::message::Mailbox;
use sea_orm::DatabaseConnection;
use url::Url;

use bangkom_entities::enums::{JobOutcome, JobTrigger};

use crate::clock::Clock;
use crate::delivery::{self, DeliverySettings};
use crate::ledger;
use crate::mail::Mailer;
use crate::schedule::Schedule;

/// Everything a job needs, built once per process.
#[derive(Clone)]
pub struct JobContext {
    pub db: DatabaseConnection,
    pub mailer: Mailer,
    pub from: Mailbox,
    pub base_url: Url,
    pub tz: Tz,
    pub clock: Arc<dyn Clock>,
    pub delivery: DeliverySettings,
    /// Names this process in the ledger (host and process id).
    pub holder: String,
    /// Schedules that differ from the jobs' defaults (from configuration).
    pub schedules: HashMap<String, Schedule>,
    /// Evaluation survey rules (reminders, expiry, smallest reported group).
    pub surveys: bangkom_entities::surveys::SurveySettings,
    /// Mentoring rules (the reminders' idle days).
    pub mentoring: bangkom_entities::mentoring::MentoringSettings,
    /// Fires when the process is stopping (SIGTERM): mail delivery stops claiming.
    pub shutdown: crate::shutdown::Shutdown,
}

/// A job the scheduler knows.
#[derive(Debug, Clone, Copy)]
pub struct JobInfo {
    pub name: &'static str,
    /// A cron expression (seconds first) in the deployment's time zone.
    pub default_schedule: &'static str,
    pub description: &'static str,
}

/// The jobs that exist. Each job's work lives in a module of its own.
pub const CATALOGUE: &[JobInfo] = &[
    JobInfo {
        name: "mail-delivery",
        default_schedule: "0 * * * * *",
        description: "Sends queued e-mail from the outbox, with retries (a worker loop also picks up new mail within seconds)",
    },
    JobInfo {
        name: crate::survey_dispatch::NAME,
        default_schedule: "0 */15 * * * *",
        description: "Creates due evaluation survey invitations (level 1 after completion, level 3 after the program's delay) with their e-mails, sends reminders, expires unanswered invitations",
    },
    JobInfo {
        name: "competency-gaps",
        default_schedule: "0 30 1 * * *",
        description: "Stores tonight's competency gaps per agency and competency (the gap dashboard's snapshot)",
    },
    JobInfo {
        name: crate::mentoring_reminders::NAME,
        default_schedule: "0 0 7 * * Mon",
        description: "E-mails mentors of active pairs without a session for the configured days, and mentees with sessions waiting for their confirmation (once a week each)",
    },
    // @jobs-catalogue (add a job's JobInfo above this line)
];

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("unknown job {name:?}; known jobs: {known}")]
    Unknown { name: String, known: String },
    #[error("job {0} is already running for this slot on another instance")]
    Busy(String),
    #[error("job {name} failed: {error}")]
    Failed { name: String, error: String },
    /// The ledger could not be asked (the database unreachable): the slot is not claimed.
    #[error("cannot claim the run in the ledger: {0}")]
    Claim(sea_orm::DbErr),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

/// What a run counted.
pub type Counts = BTreeMap<&'static str, u64>;

#[derive(Debug, Clone)]
pub struct RunSummary {
    pub run_id: i64,
    pub name: String,
    pub counts: Counts,
}

impl std::fmt::Display for RunSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (run {}) succeeded", self.name, self.run_id)?;
        for (k, v) in &self.counts {
            write!(f, "; {k}: {v}")?;
        }
        Ok(())
    }
}

pub fn find(name: &str) -> Result<&'static JobInfo, JobError> {
    CATALOGUE.iter().find(|j| j.name == name).ok_or_else(|| JobError::Unknown {
        name: name.to_owned(),
        known: CATALOGUE.iter().map(|j| j.name).collect::<Vec<_>>().join(", "),
    })
}

impl JobContext {
    /// The schedule in force for a job.
    pub fn schedule_of(&self, job: &JobInfo) -> Schedule {
        self.schedules
            .get(job.name)
            .cloned()
            .unwrap_or_else(|| Schedule::parse(job.default_schedule).expect("default schedules are valid"))
    }
}

async fn execute(ctx: &JobContext, name: &str) -> anyhow::Result<Counts> {
    match name {
        "mail-delivery" => {
            let report = delivery::deliver_all_due_until(
                &ctx.db,
                &ctx.mailer,
                &ctx.from,
                &ctx.delivery,
                &ctx.clock,
                &ctx.shutdown,
            )
            .await
            .context("delivering the outbox")?;
            Ok(Counts::from([("sent", report.sent), ("retrying", report.retrying), ("dead", report.dead)]))
        }
        crate::survey_dispatch::NAME => {
            crate::survey_dispatch::run(ctx).await.context("dispatching evaluation surveys")
        }
        "competency-gaps" => crate::competency_gaps::run(ctx).await,
        crate::mentoring_reminders::NAME => {
            crate::mentoring_reminders::run(ctx).await.context("sending mentoring reminders")
        }
        // @jobs-execute (add a job's match arm above this line, calling its module's run)
        other => Err(anyhow::anyhow!("job {other} has no implementation")),
    }
}

async fn run_claimed(ctx: &JobContext, name: &str, run_id: i64) -> Result<RunSummary, JobError> {
    let result = execute(ctx, name).await;
    let now = ctx.clock.now();
    match result {
        Ok(counts) => {
            let json = serde_json::to_string(&counts).ok();
            ledger::finish(&ctx.db, run_id, JobOutcome::Succeeded, json, None, now).await?;
            Ok(RunSummary { run_id, name: name.to_owned(), counts })
        }
        Err(error) => {
            let error = format!("{error:#}");
            tracing::error!(job = name, run_id, %error, "job failed");
            ledger::finish(&ctx.db, run_id, JobOutcome::Failed, None, Some(error.clone()), now).await?;
            Err(JobError::Failed { name: name.to_owned(), error })
        }
    }
}

/// Runs a job now, whatever its schedule.
pub async fn run_now(ctx: &JobContext, name: &str) -> Result<RunSummary, JobError> {
    let job = find(name)?;
    let now = ctx.clock.now();
    // A manual run's slot is the moment it was asked for (by the wall clock, so that two
    // requests never share one even under a test's frozen clock).
    for attempt in 0..5 {
        let slot = Utc::now() + chrono::Duration::microseconds(attempt);
        if let Some(run_id) =
            ledger::claim(&ctx.db, job.name, slot, JobTrigger::Manual, &ctx.holder, now).await?
        {
            return run_claimed(ctx, job.name, run_id).await;
        }
    }
    Err(JobError::Busy(job.name.to_owned()))
}

/// Runs a job for a scheduled slot if this process wins the slot; `None` if another
/// instance has it.
pub async fn run_slot(
    ctx: &JobContext,
    name: &str,
    slot: DateTime<Utc>,
) -> Result<Option<RunSummary>, JobError> {
    let job = find(name)?;
    let now = ctx.clock.now();
    match ledger::claim(&ctx.db, job.name, slot, JobTrigger::Scheduled, &ctx.holder, now)
        .await
        .map_err(JobError::Claim)?
    {
        None => Ok(None),
        Some(run_id) => run_claimed(ctx, job.name, run_id).await.map(Some),
    }
}

/// A name for this process in the ledger.
pub fn holder_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
    format!("{host}:{}:{}", std::process::id(), rand::random::<u32>())
}
