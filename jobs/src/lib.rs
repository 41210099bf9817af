//! Scheduled jobs and mail delivery. Each job lives in a file of its own; the catalogue
//! below is what `bangkom jobs list` shows and what the scheduler runs.

pub mod mail;
pub mod messages;

use sea_orm::DatabaseConnection;

/// A job the scheduler knows.
#[derive(Debug, Clone, Copy)]
pub struct JobInfo {
    pub name: &'static str,
    /// A cron expression (seconds first) in the deployment's time zone.
    pub default_schedule: &'static str,
    pub description: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("unknown job {name:?}; known jobs: {known}")]
    Unknown { name: String, known: String },
}

/// The jobs that exist. The evaluation, gap-analysis and mentoring work adds its jobs here.
pub fn catalogue() -> &'static [JobInfo] {
    &[]
}

/// Runs one job at once and describes what it did.
pub async fn run_now(_db: &DatabaseConnection, name: &str) -> Result<String, JobError> {
    let known = catalogue().iter().map(|j| j.name).collect::<Vec<_>>();
    Err(JobError::Unknown {
        name: name.to_owned(),
        known: if known.is_empty() { "(none yet)".to_owned() } else { known.join(", ") },
    })
}
