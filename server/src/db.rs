//! Opening the database with the settings each backend needs.

use std::time::Duration;

use bangkom_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

use crate::config::DatabaseUrl;

/// How long start-up waits for the database, and requests for a connection, by default
/// (`BANGKOM_DATABASE_ACQUIRE_TIMEOUT_SECONDS`).
pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects with a pool sized for the backend, waiting at most [`DEFAULT_ACQUIRE_TIMEOUT`].
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, DbErr> {
    connect_within(url, DEFAULT_ACQUIRE_TIMEOUT).await
}

/// Connects with a pool sized for the backend; a request waits at most `acquire_timeout`
/// for a connection (then it is answered 503), and so does start-up.
///
/// SQLite gets WAL (readers do not block the writer), `synchronous=NORMAL` (safe with WAL),
/// foreign keys on (off by default in SQLite) and a busy timeout, so that a writer waits for
/// the lock instead of failing with "database is locked". sea-orm would otherwise give SQLite
/// a pool of one connection.
/// PostgreSQL is first reached with one plain connection: the pool would retry a refused
/// connection until its timeout and then report only "pool timed out", hiding the cause
/// ("connection refused", a wrong password) the operator needs.
pub async fn connect_within(
    url: &DatabaseUrl,
    acquire_timeout: Duration,
) -> Result<DatabaseConnection, DbErr> {
    if !url.is_sqlite() {
        probe_postgres(url, acquire_timeout).await?;
    }
    let mut options = ConnectOptions::new(url.expose().to_owned());
    options.connect_timeout(acquire_timeout).acquire_timeout(acquire_timeout).sqlx_logging(false);
    if url.is_sqlite() {
        options.max_connections(8).min_connections(1).map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
        options.map_sqlx_sqlite_pool_opts(|o| {
            o.after_release(|conn, _| {
                Box::pin(async move {
                    // A dropped transaction's ROLLBACK is queued to the connection's worker
                    // thread: a ping behind it waits until it ran.
                    if sea_orm::sqlx::Connection::is_in_transaction(&*conn) {
                        sea_orm::sqlx::Connection::ping(&mut *conn).await?;
                    }
                    Ok(fit_for_reuse(&*conn))
                })
            })
        });
    } else {
        options.max_connections(20).min_connections(1);
        options.map_sqlx_postgres_pool_opts(|o| {
            o.after_release(|conn, _| Box::pin(async move { Ok(fit_for_reuse(&*conn)) }))
        });
    }
    Database::connect(options).await
}

/// Whether a connection coming back to the pool may be handed out again. One still inside a
/// transaction is not: a write that failed mid-transaction (a full disk) can leave its
/// rollback failed or pending, and on SQLite such a connection keeps the database's write
/// lock, so every later write would fail with "database is locked" until a restart. It is
/// closed instead (closing rolls back); the pool opens a fresh one.
fn fit_for_reuse(conn: &impl sea_orm::sqlx::Connection) -> bool {
    let in_transaction = conn.is_in_transaction();
    if in_transaction {
        tracing::warn!("closing a database connection returned inside a transaction (after a failed write)");
    }
    !in_transaction
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

async fn probe_postgres(url: &DatabaseUrl, within: Duration) -> Result<(), DbErr> {
    use sea_orm::sqlx::{ConnectOptions as _, Connection as _};
    let options: sea_orm::sqlx::postgres::PgConnectOptions =
        url.expose().parse().map_err(|e: sea_orm::sqlx::Error| DbErr::Custom(e.to_string()))?;
    match tokio::time::timeout(within, options.connect()).await {
        Ok(Ok(connection)) => {
            let _ = connection.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(DbErr::Custom(e.to_string())),
        Err(_) => Err(DbErr::Custom(format!(
            "no answer within {} s (BANGKOM_DATABASE_ACQUIRE_TIMEOUT_SECONDS)",
            within.as_secs()
        ))),
    }
}
