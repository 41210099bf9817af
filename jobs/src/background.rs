//! The background work of a process: the scheduler's ticks and the mail worker loop.

use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_cron_scheduler::JobScheduler;

use crate::delivery;
use crate::runner::JobContext;
use crate::scheduler;

pub struct Background {
    scheduler: JobScheduler,
    stop: watch::Sender<bool>,
    worker: JoinHandle<()>,
}

impl Background {
    pub async fn start(ctx: JobContext) -> anyhow::Result<Background> {
        let (stop, stopped) = watch::channel(false);
        let worker = tokio::spawn(delivery::run_worker(
            ctx.db.clone(),
            ctx.mailer.clone(),
            ctx.from.clone(),
            ctx.delivery.clone(),
            ctx.clock.clone(),
            stopped,
        ));
        let scheduler = scheduler::start(ctx).await?;
        Ok(Background { scheduler, stop, worker })
    }

    /// Stops ticking and lets the mail worker finish its round.
    pub async fn stop(mut self) {
        let _ = self.scheduler.shutdown().await;
        let _ = self.stop.send(true);
        let _ = self.worker.await;
    }
}
