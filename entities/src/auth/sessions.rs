//! Sessions kept in the database, so they survive a restart and are shared by every
//! instance on one database; deleting the row ends the session everywhere.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

use super::{hash_secret, new_secret};
use crate::schema::{user_sessions, users};

/// A session ends after this long without a request…
pub const IDLE_TIMEOUT: Duration = Duration::hours(2);
/// …and at the latest this long after sign-in.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

pub struct NewSession {
    /// The cookie value; never stored.
    pub cookie_value: String,
    pub csrf_token: String,
}

/// Starts a new session (a new ID at every sign-in, against session fixation).
pub async fn start<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<NewSession, DbErr> {
    let cookie_value = new_secret();
    let csrf_token = new_secret();
    user_sessions::ActiveModel {
        id: Set(hash_secret(&cookie_value)),
        user_id: Set(user_id),
        csrf_token: Set(csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE_TIMEOUT),
    }
    .insert(db)
    .await?;
    Ok(NewSession { cookie_value, csrf_token })
}

/// The live session for a cookie value and its active user, refreshing `last_seen_at`.
/// Expired sessions are deleted when met.
pub async fn resume<C: ConnectionTrait>(
    db: &C,
    cookie_value: &str,
    now: DateTime<Utc>,
) -> Result<Option<(user_sessions::Model, users::Model)>, DbErr> {
    let id = hash_secret(cookie_value);
    let Some((session, Some(user))) =
        user_sessions::Entity::find_by_id(id.clone()).find_also_related(users::Entity).one(db).await?
    else {
        return Ok(None);
    };
    if session.expires_at <= now || session.last_seen_at + IDLE_TIMEOUT <= now || !user.is_active {
        user_sessions::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        user_sessions::Entity::update_many()
            .col_expr(user_sessions::Column::LastSeenAt, sea_orm::sea_query::Expr::value(now))
            .filter(user_sessions::Column::Id.eq(&session.id))
            .exec(db)
            .await?;
    }
    Ok(Some((session, user)))
}

/// Ends one session (logout).
pub async fn end<C: ConnectionTrait>(db: &C, cookie_value: &str) -> Result<(), DbErr> {
    user_sessions::Entity::delete_by_id(hash_secret(cookie_value)).exec(db).await?;
    Ok(())
}

/// Ends every session of a user (after a password change).
pub async fn end_all<C: ConnectionTrait>(db: &C, user_id: i64) -> Result<u64, DbErr> {
    Ok(user_sessions::Entity::delete_many()
        .filter(user_sessions::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}
