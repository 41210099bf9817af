//! Scheduled jobs and mail delivery. Each job lives in a file of its own; the catalogue
//! below is what `bangkom jobs list` shows and what the scheduler runs.

pub mod background;
pub mod clock;
pub mod competency_gaps;
pub mod delivery;
pub mod ledger;
pub mod mail;
pub mod mentoring_reminders;
pub mod messages;
pub mod outbox;
pub mod runner;
pub mod schedule;
pub mod scheduler;
pub mod shutdown;
pub mod survey_dispatch;
pub mod training_mail;

pub use runner::{CATALOGUE, JobContext, JobError, JobInfo, RunSummary, run_now};
