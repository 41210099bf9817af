//! Personal API tokens: created and revoked by their owner, shown once, stored hashed.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::{hash_secret, new_secret};
use crate::schema::{api_tokens, users};

/// Tokens start with this, so a leaked one is recognisable in logs and scanners.
pub const PREFIX: &str = "bkm_";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("a token needs a name (1 to 100 characters)")]
    BadName,
}

/// Creates a token; the returned string is shown once and never again.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Result<(api_tokens::Model, String), TokenError>, DbErr> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Ok(Err(TokenError::BadName));
    }
    let secret = format!("{PREFIX}{}", new_secret());
    let model = api_tokens::ActiveModel {
        user_id: Set(user_id),
        name: Set(name.to_owned()),
        token_hash: Set(hash_secret(&secret)),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Ok((model, secret)))
}

/// The active user a bearer token belongs to, if the token is live.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<Option<users::Model>, DbErr> {
    if !presented.starts_with(PREFIX) {
        return Ok(None);
    }
    let found = api_tokens::Entity::find()
        .filter(api_tokens::Column::TokenHash.eq(hash_secret(presented)))
        .filter(api_tokens::Column::RevokedAt.is_null())
        .find_also_related(users::Entity)
        .one(db)
        .await?;
    let Some((token, Some(user))) = found else { return Ok(None) };
    if !user.is_active {
        return Ok(None);
    }
    if token.last_used_at.is_none_or(|t| now - t >= chrono::Duration::minutes(1)) {
        api_tokens::Entity::update_many()
            .col_expr(api_tokens::Column::LastUsedAt, sea_orm::sea_query::Expr::value(now))
            .filter(api_tokens::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    Ok(Some(user))
}

pub async fn list_for_user<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
) -> Result<Vec<api_tokens::Model>, DbErr> {
    api_tokens::Entity::find()
        .filter(api_tokens::Column::UserId.eq(user_id))
        .order_by_desc(api_tokens::Column::CreatedAt)
        .all(db)
        .await
}

/// Revokes one of the user's own tokens; false when there is no such live token.
pub async fn revoke<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = api_tokens::Entity::update_many()
        .col_expr(api_tokens::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .filter(api_tokens::Column::Id.eq(token_id))
        .filter(api_tokens::Column::UserId.eq(user_id))
        .filter(api_tokens::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Revokes every live token of the user (after a password reset, when they ask for it).
pub async fn revoke_all<C: ConnectionTrait>(db: &C, user_id: i64, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(api_tokens::Entity::update_many()
        .col_expr(api_tokens::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .filter(api_tokens::Column::UserId.eq(user_id))
        .filter(api_tokens::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}
