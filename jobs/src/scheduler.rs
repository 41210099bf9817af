//! The in-process scheduler. tokio-cron-scheduler only supplies a tick every few seconds (in
//! UTC); on each tick every job's latest slot is computed from its schedule in the
//! deployment's zone, and the run ledger decides which instance runs it. The library's own
//! time-zone handling (an offset fixed at start) and its stores are not used: they neither
//! follow daylight-saving changes nor keep two instances from running the same tick.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::Mutex;
use tokio_cron_scheduler::{Job, JobScheduler, JobSchedulerError};

use crate::runner::{self, CATALOGUE, JobContext};

/// How often the tick comes.
const TICK: &str = "*/5 * * * * *";

/// Starts the scheduler; keep the returned handle alive (shut it down on exit).
pub async fn start(ctx: JobContext) -> Result<JobScheduler, JobSchedulerError> {
    let scheduler = JobScheduler::new().await?;
    let ctx = Arc::new(ctx);
    let last_seen: Arc<Mutex<HashMap<&'static str, DateTime<Utc>>>> = Arc::default();
    scheduler
        .add(Job::new_async(TICK, move |_, _| {
            let ctx = ctx.clone();
            let last_seen = last_seen.clone();
            Box::pin(async move { tick(&ctx, &last_seen).await })
        })?)
        .await?;
    scheduler.start().await?;
    Ok(scheduler)
}

async fn tick(ctx: &Arc<JobContext>, last_seen: &Mutex<HashMap<&'static str, DateTime<Utc>>>) {
    let now = ctx.clock.now();
    for job in CATALOGUE {
        let Some(slot) = ctx.schedule_of(job).latest_slot(ctx.tz, now) else { continue };
        // Only a new slot is worth a trip to the ledger. On the first tick the latest slot
        // is tried too: if it was missed while no instance ran, it runs now (catch-up);
        // if it ran, the ledger refuses the claim.
        if last_seen.lock().await.insert(job.name, slot) == Some(slot) {
            continue;
        }
        let ctx = ctx.clone();
        tokio::spawn(async move {
            match runner::run_slot(&ctx, job.name, slot).await {
                Ok(Some(summary)) => tracing::info!(%summary, %slot, "scheduled job ran"),
                Ok(None) => tracing::debug!(job = job.name, %slot, "slot taken by another instance"),
                Err(err) => tracing::error!(job = job.name, %slot, error = %err, "scheduled job failed"),
            }
        });
    }
}
