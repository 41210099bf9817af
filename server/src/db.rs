//! Opening the database with the settings each backend needs.

use std::time::Duration;

use bangkom_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::config::DatabaseUrl;

/// Connects with a pool sized for the backend.
///
/// SQLite gets WAL (readers do not block the writer), `synchronous=NORMAL` (safe with WAL),
/// foreign keys on (off by default in SQLite) and a busy timeout, so that a writer waits for
/// the lock instead of failing with "database is locked". sea-orm would otherwise give SQLite
/// a pool of one connection.
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.expose().to_owned());
    options
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false);
    if url.is_sqlite() {
        options.max_connections(8).min_connections(1).map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    } else {
        options.max_connections(20).min_connections(1);
    }
    Database::connect(options).await
}

/// Applies pending migrations and returns the names of those it applied; then makes sure the
/// default evaluation survey templates exist (idempotent).
pub async fn migrate(db: &DatabaseConnection) -> Result<Vec<String>, DbErr> {
    let pending: Vec<String> =
        Migrator::get_pending_migrations(db).await?.iter().map(|m| m.name().to_owned()).collect();
    Migrator::up(db, None).await?;
    bangkom_entities::surveys::templates::ensure_defaults(db, chrono::Utc::now()).await?;
    Ok(pending)
}
