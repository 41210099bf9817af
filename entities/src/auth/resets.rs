//! Password resets: a single-use link that expires.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

use super::{hash_secret, new_secret, throttle};
use crate::schema::{password_resets, users};

pub const VALID_FOR: Duration = Duration::hours(1);

/// Creates a reset for the user and returns its id and the secret to put in the link.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(i64, String), DbErr> {
    let secret = new_secret();
    let reset = password_resets::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_secret(&secret)),
        created_at: Set(now),
        expires_at: Set(now + VALID_FOR),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((reset.id, secret))
}

#[derive(Debug, PartialEq, Eq)]
pub enum ResetLookup {
    Valid(users::Model),
    /// Unknown, used or expired: the user is told the same for all three.
    Invalid,
}

pub async fn find<C: ConnectionTrait>(
    db: &C,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<ResetLookup, DbErr> {
    let found = password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(hash_secret(secret)))
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    Ok(match found {
        Some((reset, Some(user))) if reset.used_at.is_none() && reset.expires_at > now && user.is_active => {
            ResetLookup::Valid(user)
        }
        _ => ResetLookup::Invalid,
    })
}

/// Marks the reset used, atomically: of two concurrent uses only one gets `true`.
pub async fn consume<C: ConnectionTrait>(db: &C, secret: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let result = password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::TokenHash.eq(hash_secret(secret)))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Ends every outstanding reset link of the user: any password change makes older links
/// worthless.
pub async fn invalidate_all<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::UserId.eq(user_id))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

#[derive(Debug, PartialEq, Eq)]
pub enum RequestCheck {
    Allowed,
    /// This client asked too often within the window.
    TooMany,
}

/// Counts a reset request from `client`; after `RESET_ADDRESS_LIMIT` within the window the
/// client is refused for `LOCK_FOR`.
pub async fn request_allowed<C: ConnectionTrait>(
    db: &C,
    client: std::net::IpAddr,
    now: DateTime<Utc>,
) -> Result<RequestCheck, DbErr> {
    let key = throttle::reset_address_key(client);
    if throttle::locked_until(db, &key, now).await?.is_some() {
        return Ok(RequestCheck::TooMany);
    }
    throttle::record_failure(db, &key, throttle::RESET_ADDRESS_LIMIT, now).await?;
    Ok(RequestCheck::Allowed)
}

/// Counts a reset mail to the account; false once `RESET_ACCOUNT_LIMIT` went out within the
/// window (the visitor is answered the same, without a mail).
pub async fn mail_allowed<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let key = throttle::reset_account_key(user_id);
    if throttle::locked_until(db, &key, now).await?.is_some() {
        return Ok(false);
    }
    throttle::record_failure(db, &key, throttle::RESET_ACCOUNT_LIMIT, now).await?;
    Ok(true)
}
