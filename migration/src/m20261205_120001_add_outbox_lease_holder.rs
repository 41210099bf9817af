//! Reliability of mail delivery (issue 18): each outbox row names the worker holding its
//! lease, so only that worker may mark it sent or failed, and carries a random token drawn
//! when it is queued, so its Message-ID stays unique after a restore resets row ids.
//! Rows queued before this step keep their old `<outbox-{id}@host>` Message-ID.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(MailOutbox::Table)
                    .add_column(ColumnDef::new(MailOutbox::LeaseHolder).string_len(100).null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MailOutbox::Table)
                    .add_column(ColumnDef::new(MailOutbox::MessageToken).string_len(64).null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(MailOutbox::Table).drop_column(MailOutbox::MessageToken).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(MailOutbox::Table).drop_column(MailOutbox::LeaseHolder).to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    LeaseHolder,
    MessageToken,
}
