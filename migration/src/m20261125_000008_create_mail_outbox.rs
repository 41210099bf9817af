//! Operations: mail_outbox.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;

/// `failed` is waiting for a retry; `dead` has given up.
const MAIL_STATE: &[&str] = &["queued", "sending", "sent", "failed", "dead"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `attachments`: JSON array of `{filename, content_type, content_base64}`.
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(big_pk_auto(MailOutbox::Id))
                    .col(string_len(MailOutbox::DedupeKey, 200))
                    .col(string_len(MailOutbox::RecipientEmail, 254))
                    .col(string_len_null(MailOutbox::RecipientName, 200))
                    .col(string_len(MailOutbox::Subject, 500))
                    .col(text(MailOutbox::BodyText))
                    .col(text(MailOutbox::BodyHtml))
                    .col(text_null(MailOutbox::Attachments))
                    .col(string_len(MailOutbox::State, ENUM_LEN).default("queued"))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::LockedUntil))
                    .col(text_null(MailOutbox::LastError))
                    .col(string_len_null(MailOutbox::MessageId, 200))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .check(check_in(MailOutbox::Table, MailOutbox::State, MAIL_STATE))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                unique(MailOutbox::Table, [MailOutbox::DedupeKey]),
                index(MailOutbox::Table, [MailOutbox::State, MailOutbox::NextAttemptAt]),
            ],
        )
        .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, [MailOutbox::Table.into_iden()]).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum MailOutbox {
    Table,
    Id,
    DedupeKey,
    RecipientEmail,
    RecipientName,
    Subject,
    BodyText,
    BodyHtml,
    Attachments,
    State,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    MessageId,
    CreatedAt,
    SentAt,
}
