//! The in-process scheduler. tokio-cron-scheduler only supplies a tick every few seconds (in
//! UTC); on each tick every job's latest slot is computed from its schedule in the
//! deployment's zone, and the run ledger decides which instance runs it. The library's own
//! time-zone handling (an offset fixed at start) and its stores are not used: they neither
//! follow daylight-saving changes nor keep two instances from running the same tick.
//!
//! A slot counts as handled only once the ledger answered (this instance claimed it, or
//! another had): a claim that failed — the database unreachable for a moment — is tried
//! again on the next tick, until it succeeds or a newer slot supersedes it. Only the latest
//! slot is ever tried, so the catch-up after an outage is one run, not one per missed slot.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;
use tokio_cron_scheduler::{Job, JobScheduler, JobSchedulerError};

use crate::runner::{self, CATALOGUE, JobContext, JobError};

/// How often the tick comes.
const TICK: &str = "*/5 * * * * *";

/// Starts the scheduler; keep the returned handle alive (shut it down on exit).
pub async fn start(ctx: JobContext) -> Result<JobScheduler, JobSchedulerError> {
    let scheduler = JobScheduler::new().await?;
    let ticker = Ticker::new(ctx);
    scheduler
        .add(Job::new_async(TICK, move |_, _| {
            let ticker = ticker.clone();
            Box::pin(async move {
                ticker.tick().await;
            })
        })?)
        .await?;
    scheduler.start().await?;
    Ok(scheduler)
}

/// Decides, tick after tick, which slots to take to the ledger.
#[derive(Clone)]
pub struct Ticker {
    ctx: Arc<JobContext>,
    /// Per job, the slot taken to the ledger last (in flight or answered).
    tried: Arc<Mutex<HashMap<&'static str, DateTime<Utc>>>>,
}

impl Ticker {
    pub fn new(ctx: JobContext) -> Ticker {
        Ticker { ctx: Arc::new(ctx), tried: Arc::default() }
    }

    /// One tick: starts a run for each job whose latest slot was not taken to the ledger yet
    /// (or whose claim failed); returns the started runs (tests wait for them).
    pub async fn tick(&self) -> Vec<JoinHandle<()>> {
        let now = self.ctx.clock.now();
        let mut started = Vec::new();
        for job in CATALOGUE {
            let Some(slot) = self.ctx.schedule_of(job).latest_slot(self.ctx.tz, now) else { continue };
            // Only a new slot is worth a trip to the ledger. On the first tick the latest
            // slot is tried too: if it was missed while no instance ran, it runs now
            // (catch-up); if it ran, the ledger refuses the claim.
            if self.tried.lock().await.insert(job.name, slot) == Some(slot) {
                continue;
            }
            let (ctx, tried) = (self.ctx.clone(), self.tried.clone());
            started.push(tokio::spawn(async move {
                match runner::run_slot(&ctx, job.name, slot).await {
                    Ok(Some(summary)) => tracing::info!(%summary, %slot, "scheduled job ran"),
                    Ok(None) => tracing::debug!(job = job.name, %slot, "slot taken by another instance"),
                    Err(JobError::Claim(err)) => {
                        tracing::warn!(job = job.name, %slot, error = %err, "cannot claim the slot; trying again on the next tick");
                        // Forget the attempt, unless a newer slot took its place meanwhile.
                        let mut tried = tried.lock().await;
                        if tried.get(job.name) == Some(&slot) {
                            tried.remove(job.name);
                        }
                    }
                    Err(err) => tracing::error!(job = job.name, %slot, error = %err, "scheduled job failed"),
                }
            }));
        }
        started
    }
}
