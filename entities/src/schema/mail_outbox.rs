//! Outgoing mail queue (transactional outbox).

use crate::enums::MailState;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(200))", unique)]
    pub dedupe_key: String,
    #[sea_orm(column_type = "String(StringLen::N(254))")]
    pub recipient_email: String,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub recipient_name: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(500))")]
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    /// JSON array of `{filename, content_type, content_base64}`.
    #[sea_orm(column_type = "Text")]
    pub attachments: Option<String>,
    #[sea_orm(default_value = "queued")]
    pub state: MailState,
    #[sea_orm(default_value = 0)]
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub locked_until: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub last_error: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub message_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// The worker whose lease this is (a fresh token per claim); only it may record the
    /// outcome, so a worker that outlived its lease cannot overwrite another's.
    #[sea_orm(column_type = "String(StringLen::N(100))")]
    pub lease_holder: Option<String>,
    /// Random, drawn when the row is queued: the unique part of the Message-ID (row ids
    /// repeat after a restore). `None` on rows queued before it existed.
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub message_token: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
