//! The mail outbox. Every e-mail Bangkom sends is first a row here, written in the same
//! database transaction as the change that causes it; the dedupe key makes queuing the same
//! message twice a no-op. Delivery (delivery.rs) sends the rows later.

use base64::Engine;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use serde::{Deserialize, Serialize};

use bangkom_entities::enums::MailState;
use bangkom_entities::schema::mail_outbox;

use crate::messages::Composed;

/// A file sent with a message (an .ics invitation, a report).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content_base64: String,
}

impl Attachment {
    pub fn new(filename: &str, content_type: &str, content: &[u8]) -> Self {
        Attachment {
            filename: filename.to_owned(),
            content_type: content_type.to_owned(),
            content_base64: base64::engine::general_purpose::STANDARD.encode(content),
        }
    }

    pub fn content(&self) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD.decode(&self.content_base64).unwrap_or_default()
    }
}

/// The random part of a Message-ID, drawn once when a message is queued (128 bits: unique
/// for all time, whatever the row id).
pub fn message_token() -> String {
    format!("{:032x}", rand::random::<u128>())
}

/// Queues a message; returns false when a message with the same dedupe key was queued
/// before (then nothing is written). Call it inside the transaction of the change.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    dedupe_key: &str,
    message: &Composed,
    attachments: &[Attachment],
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let attachments = if attachments.is_empty() { None } else { serde_json::to_string(attachments).ok() };
    let inserted = mail_outbox::Entity::insert(mail_outbox::ActiveModel {
        dedupe_key: Set(dedupe_key.to_owned()),
        recipient_email: Set(message.to_email.clone()),
        recipient_name: Set(message.to_name.clone()),
        subject: Set(message.subject.clone()),
        body_text: Set(message.text.clone()),
        body_html: Set(message.html.clone()),
        attachments: Set(attachments),
        state: Set(MailState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        message_id: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        message_token: Set(Some(message_token())),
        ..Default::default()
    })
    .on_conflict(OnConflict::column(mail_outbox::Column::DedupeKey).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

/// Queues many messages in one statement, each with its dedupe key (a key queued before is
/// skipped, as with [`enqueue`]); returns how many were new. Call it inside the transaction
/// of the change.
pub async fn enqueue_many<C: ConnectionTrait>(
    db: &C,
    messages: &[(String, Composed)],
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if messages.is_empty() {
        return Ok(0);
    }
    let rows = messages.iter().map(|(key, message)| mail_outbox::ActiveModel {
        dedupe_key: Set(key.clone()),
        recipient_email: Set(message.to_email.clone()),
        recipient_name: Set(message.to_name.clone()),
        subject: Set(message.subject.clone()),
        body_text: Set(message.text.clone()),
        body_html: Set(message.html.clone()),
        attachments: Set(None),
        state: Set(MailState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        message_id: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        message_token: Set(Some(message_token())),
        ..Default::default()
    });
    mail_outbox::Entity::insert_many(rows)
        .on_conflict(OnConflict::column(mail_outbox::Column::DedupeKey).do_nothing().to_owned())
        .exec_without_returning(db)
        .await
}
