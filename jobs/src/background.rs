//! The background work of a process: the scheduler's ticks and the mail worker loop.

use std::time::Duration;

use tokio::task::JoinHandle;
use tokio_cron_scheduler::JobScheduler;

use crate::delivery;
use crate::mail::Mailer;
use crate::runner::JobContext;
use crate::scheduler;
use crate::shutdown::{Shutdown, ShutdownTrigger};

pub struct Background {
    scheduler: JobScheduler,
    trigger: ShutdownTrigger,
    grace: Duration,
    mailer: Mailer,
    worker: JoinHandle<()>,
}

impl Background {
    pub async fn start(mut ctx: JobContext) -> anyhow::Result<Background> {
        let grace = ctx.delivery.shutdown_grace;
        let (trigger, shutdown) = Shutdown::channel(grace);
        ctx.shutdown = shutdown.clone();
        let worker = tokio::spawn(delivery::run_worker(
            ctx.db.clone(),
            ctx.mailer.clone(),
            ctx.from.clone(),
            ctx.delivery.clone(),
            ctx.clock.clone(),
            shutdown,
        ));
        let mailer = ctx.mailer.clone();
        let scheduler = scheduler::start(ctx).await?;
        Ok(Background { scheduler, trigger, grace, mailer, worker })
    }

    /// Stops claiming mail at once and stops ticking; returns once the mail in hand is sent
    /// or given back, within the grace period (plus the few database writes that give it
    /// back).
    pub async fn stop(mut self) {
        self.trigger.fire();
        let _ = self.scheduler.shutdown().await;
        let _ = self.worker.await;
        // A scheduled delivery run may hold the delivery lock: it watches the same stop.
        let bound = self.grace + Duration::from_secs(5);
        if tokio::time::timeout(bound, self.mailer.delivery_lock().lock()).await.is_err() {
            tracing::warn!(
                "a scheduled mail delivery run did not stop in time; its rows come back when their lease runs out"
            );
        }
    }
}
