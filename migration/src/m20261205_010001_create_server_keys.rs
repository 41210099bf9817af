//! Server keys: secrets the server itself uses (the CSRF HMAC key), created at first start
//! and shared by every instance on the database.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServerKeys::Table)
                    .col(string_len(ServerKeys::Name, 100).primary_key())
                    .col(string_len(ServerKeys::Secret, 200))
                    .col(timestamp_with_time_zone(ServerKeys::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, [ServerKeys::Table.into_iden()]).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
enum ServerKeys {
    Table,
    Name,
    Secret,
    CreatedAt,
}
