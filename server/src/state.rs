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
    /// Bounds the password checks running and waiting (sign-in bursts).
    pub passwords: Arc<bangkom_entities::auth::password::PasswordGate>,
    /// The key CSRF tokens are made with (kept in the database, shared by every instance).
    pub csrf_key: bangkom_entities::auth::csrf::CsrfKey,
}
