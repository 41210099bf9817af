//! The database's health as `/healthz` reports it: it answers, and it can take a write.

use sea_orm::sea_query::Expr;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};

use crate::schema::server_keys;
use crate::tx;

/// Pings, then writes: rewrites the rows of `server_keys` as they are, and commits. A
/// database that answers reads but cannot write (a SQLite file whose write lock is stuck or
/// whose disk is full, a read-only PostgreSQL replica) is not healthy. No value changes.
pub async fn check(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await?;
    let txn = tx::begin_write(db).await?;
    server_keys::Entity::update_many()
        .col_expr(server_keys::Column::CreatedAt, Expr::col(server_keys::Column::CreatedAt))
        .exec(&txn)
        .await?;
    txn.commit().await
}
