//! Failed-login throttling, kept in the database so that every instance sees the same
//! counts. Keys are `user:<account id>` (the e-mail and the NIP of one account share it),
//! `login:<hash of the typed identifier>` when no account matches, `ip:<address>`, and the
//! password-reset request keys `reset-user:<id>` and `reset-ip:<address>`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use crate::schema::login_throttles;

/// Failures are counted within this window…
pub const WINDOW: Duration = Duration::minutes(15);
/// …and this many lock the key for `LOCK_FOR`.
pub const ACCOUNT_LIMIT: i32 = 5;
pub const ADDRESS_LIMIT: i32 = 20;
pub const LOCK_FOR: Duration = Duration::minutes(15);

/// Reset e-mails per account and requests per client within `WINDOW`.
pub const RESET_ACCOUNT_LIMIT: i32 = 3;
pub const RESET_ADDRESS_LIMIT: i32 = 10;

pub fn account_key(user_id: i64) -> String {
    format!("user:{user_id}")
}

/// For identifiers that match no account; hashed, so any length fits the key column.
pub fn identifier_key(login: &str) -> String {
    format!("login:{}", super::hash_secret(&login.trim().to_lowercase()))
}

pub fn address_key(address: std::net::IpAddr) -> String {
    format!("ip:{address}")
}

pub fn reset_account_key(user_id: i64) -> String {
    format!("reset-user:{user_id}")
}

pub fn reset_address_key(address: std::net::IpAddr) -> String {
    format!("reset-ip:{address}")
}

/// Until when the key is locked, if it is.
pub async fn locked_until<C: ConnectionTrait>(
    db: &C,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(login_throttles::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .and_then(|t| t.locked_until)
        .filter(|until| *until > now))
}

/// Counts a failure; returns the failures counted in the current window.
pub async fn record_failure<C: ConnectionTrait>(
    db: &C,
    key: &str,
    limit: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let existing = login_throttles::Entity::find_by_id(key.to_owned()).one(db).await?;
    let (failures, first) = match &existing {
        Some(t) if t.first_failed_at + WINDOW > now => (t.failures + 1, t.first_failed_at),
        _ => (1, now),
    };
    let locked_until = (failures >= limit).then(|| now + LOCK_FOR);
    let model = login_throttles::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(failures),
        first_failed_at: Set(first),
        locked_until: Set(locked_until),
    };
    if existing.is_some() {
        model.update(db).await?;
    } else {
        // Two first failures at once: the loser of the insert counts on the winner's row.
        let inserted = login_throttles::Entity::insert(model)
            .on_conflict(OnConflict::column(login_throttles::Column::Key).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
        if inserted == 0 {
            return Box::pin(record_failure(db, key, limit, now)).await;
        }
    }
    Ok(failures)
}

/// A successful sign-in clears the account's count.
pub async fn clear<C: ConnectionTrait>(db: &C, key: &str) -> Result<(), DbErr> {
    login_throttles::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}
