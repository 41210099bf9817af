//! Stopping background work on SIGTERM: stop taking new work at once, finish or give back
//! what is in hand within a grace period.

use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

/// What background work watches to know it must stop. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Shutdown {
    /// `None`: never stops (one-off runs such as `bangkom jobs run`).
    stop: Option<watch::Receiver<Option<Instant>>>,
    grace: Duration,
}

/// Fires a [`Shutdown`].
#[derive(Debug)]
pub struct ShutdownTrigger(watch::Sender<Option<Instant>>);

impl ShutdownTrigger {
    /// Asks for the stop; the grace period counts from the first call.
    pub fn fire(&self) {
        self.0.send_if_modified(|at| {
            let first = at.is_none();
            if first {
                *at = Some(Instant::now());
            }
            first
        });
    }
}

impl Default for Shutdown {
    fn default() -> Self {
        Shutdown::never()
    }
}

impl Shutdown {
    pub fn never() -> Shutdown {
        Shutdown { stop: None, grace: Duration::ZERO }
    }

    /// A shutdown that sends in progress may outlive by `grace`.
    pub fn channel(grace: Duration) -> (ShutdownTrigger, Shutdown) {
        let (tx, rx) = watch::channel(None);
        (ShutdownTrigger(tx), Shutdown { stop: Some(rx), grace })
    }

    pub fn grace(&self) -> Duration {
        self.grace
    }

    pub fn is_stopping(&self) -> bool {
        self.stop.as_ref().is_some_and(|rx| rx.borrow().is_some())
    }

    /// Completes once the stop is asked for (never for [`Shutdown::never`]); returns when.
    pub async fn stopping(&self) -> Instant {
        match &self.stop {
            Some(rx) => {
                let mut rx = rx.clone();
                match rx.wait_for(Option::is_some).await {
                    Ok(at) => at.unwrap_or_else(Instant::now),
                    // A dropped trigger counts as a stop: nobody could fire it any more.
                    Err(_) => Instant::now(),
                }
            }
            None => std::future::pending().await,
        }
    }

    /// Completes when the grace period after the stop is over: work still in hand then is
    /// abandoned (and given back).
    pub async fn grace_over(&self) {
        let at = self.stopping().await;
        tokio::time::sleep_until(at + self.grace).await;
    }
}
