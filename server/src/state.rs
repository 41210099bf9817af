use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config::Settings;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    /// Built once: its SMTP connections are pooled.
    pub mailer: bangkom_jobs::mail::Mailer,
}
