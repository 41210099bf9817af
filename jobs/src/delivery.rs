//! Delivering the outbox. A worker claims a batch of due rows with a short lease (PostgreSQL:
//! `FOR UPDATE SKIP LOCKED`, so several workers take disjoint rows; SQLite: one writer at a
//! time), then sends each outside any transaction, then marks it sent or schedules a retry
//! with exponential backoff, and gives up (state `dead`) after a number of attempts.
//!
//! A process killed mid-send leaves rows `sending` with a lease that expires; they are
//! claimed again, so nothing is lost and only a message in flight at the kill can arrive
//! twice (its deterministic Message-ID lets the receiver drop the copy).

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use futures::StreamExt;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use bangkom_entities::enums::MailState;
use bangkom_entities::schema::mail_outbox;
use bangkom_entities::tx;

use crate::clock::Clock;
use crate::mail::Mailer;
use crate::outbox::Attachment;

#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// After this many failed attempts a message is `dead` (staff can retry it).
    pub max_attempts: i32,
    /// Messages sent at once, each on its own pooled SMTP connection
    /// (`BANGKOM_MAIL_CONNECTIONS`; the mailer's pool should be as large).
    pub concurrency: usize,
    /// Rows claimed per round.
    pub batch_size: u64,
    /// How long a claimed row stays reserved for its worker.
    pub lease: Duration,
    /// The deadline for one send, connect to final answer.
    pub send_timeout: StdDuration,
    /// The host part of Message-IDs.
    pub message_id_domain: String,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings {
            max_attempts: 8,
            concurrency: 16,
            batch_size: 200,
            lease: Duration::minutes(5),
            send_timeout: StdDuration::from_secs(30),
            message_id_domain: "bangkom.localhost".into(),
        }
    }
}

/// The wait before attempt `n + 1` after `n` failed attempts: 1, 2, 4, … minutes, at most
/// six hours.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 10) - 1).unwrap_or(0);
    Duration::minutes(2_i64.pow(exponent)).min(Duration::hours(6))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: u64,
    pub retrying: u64,
    pub dead: u64,
}

impl DeliveryReport {
    fn add(&mut self, other: DeliveryReport) {
        self.sent += other.sent;
        self.retrying += other.retrying;
        self.dead += other.dead;
    }

    pub fn is_empty(&self) -> bool {
        self.sent + self.retrying + self.dead == 0
    }
}

fn due(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(mail_outbox::Column::State.is_in([MailState::Queued, MailState::Failed]))
                .add(mail_outbox::Column::NextAttemptAt.lte(now)),
        )
        // A worker that died mid-send: its lease has run out.
        .add(
            Condition::all()
                .add(mail_outbox::Column::State.eq(MailState::Sending))
                .add(mail_outbox::Column::LockedUntil.lt(now)),
        )
}

/// Claims up to `limit` due messages for this worker.
pub async fn claim(
    db: &DatabaseConnection,
    limit: u64,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<mail_outbox::Model>, DbErr> {
    let txn = tx::begin_write(db).await?;
    let mut select = mail_outbox::Entity::find()
        .select_only()
        .column(mail_outbox::Column::Id)
        .filter(due(now))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit);
    if txn.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let ids: Vec<i64> = select.into_tuple().all(&txn).await?;
    if ids.is_empty() {
        txn.commit().await?;
        return Ok(Vec::new());
    }
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::State, Expr::value(MailState::Sending))
        .col_expr(mail_outbox::Column::LockedUntil, Expr::value(now + lease))
        .col_expr(mail_outbox::Column::Attempts, Expr::col(mail_outbox::Column::Attempts).add(1))
        .filter(mail_outbox::Column::Id.is_in(ids.clone()))
        .exec(&txn)
        .await?;
    let rows = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Id.is_in(ids))
        .order_by_asc(mail_outbox::Column::Id)
        .all(&txn)
        .await?;
    txn.commit().await?;
    Ok(rows)
}

/// The message a row describes, with a Message-ID derived from the row (the same on every
/// attempt, so a receiver can drop a duplicate).
pub fn build_message(
    row: &mail_outbox::Model,
    from: &Mailbox,
    domain: &str,
) -> Result<lettre::Message, String> {
    let to = Mailbox::new(
        row.recipient_name.clone(),
        row.recipient_email
            .parse()
            .map_err(|e| format!("invalid recipient {:?}: {e}", row.recipient_email))?,
    );
    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(row.body_text.clone()))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(row.body_html.clone()));
    let attachments: Vec<Attachment> =
        row.attachments.as_deref().and_then(|a| serde_json::from_str(a).ok()).unwrap_or_default();
    let body = if attachments.is_empty() {
        alternative
    } else {
        attachments.iter().fold(MultiPart::mixed().multipart(alternative), |mixed, a| {
            let content_type = ContentType::parse(&a.content_type)
                .unwrap_or_else(|_| ContentType::parse("application/octet-stream").unwrap());
            mixed.singlepart(MimeAttachment::new(a.filename.clone()).body(a.content(), content_type))
        })
    };
    lettre::Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(format!("<outbox-{}@{domain}>", row.id)))
        .multipart(body)
        .map_err(|e| e.to_string())
}

enum Outcome {
    Sent,
    Failed(String),
}

async fn send_one(
    mailer: &Mailer,
    row: &mail_outbox::Model,
    from: &Mailbox,
    settings: &DeliverySettings,
) -> Outcome {
    let message = match build_message(row, from, &settings.message_id_domain) {
        Ok(m) => m,
        Err(e) => return Outcome::Failed(e),
    };
    match tokio::time::timeout(settings.send_timeout, mailer.send(message.clone())).await {
        Ok(Ok(())) => Outcome::Sent,
        // A refusal (5xx) would only be repeated: it waits for the backoff.
        Ok(Err(first)) if first.is_permanent() => Outcome::Failed(first.to_string()),
        Ok(Err(first)) => {
            // A pooled connection the server closed while idle fails its next send once:
            // try again at once, on a fresh connection.
            match tokio::time::timeout(settings.send_timeout, mailer.send(message)).await {
                Ok(Ok(())) => Outcome::Sent,
                Ok(Err(_)) => Outcome::Failed(first.to_string()),
                Err(_) => timed_out(mailer),
            }
        }
        Err(_) => timed_out(mailer),
    }
}

/// After DATA a timeout may mean "sent": retrying is right, the Message-ID lets the
/// receiver drop the copy. The abandoned connection is in an unknown state: not reused.
fn timed_out(mailer: &Mailer) -> Outcome {
    mailer.discard_connections();
    Outcome::Failed("timed out (maybe delivered; will retry)".into())
}

async fn mark(
    db: &DatabaseConnection,
    row: &mail_outbox::Model,
    outcome: Outcome,
    settings: &DeliverySettings,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, DbErr> {
    let update = mail_outbox::Entity::update_many().filter(mail_outbox::Column::Id.eq(row.id));
    match outcome {
        Outcome::Sent => {
            update
                .col_expr(mail_outbox::Column::State, Expr::value(MailState::Sent))
                .col_expr(mail_outbox::Column::SentAt, Expr::value(now))
                .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(mail_outbox::Column::LastError, Expr::value(Option::<String>::None))
                .col_expr(
                    mail_outbox::Column::MessageId,
                    Expr::value(format!("<outbox-{}@{}>", row.id, settings.message_id_domain)),
                )
                .exec(db)
                .await?;
            Ok(DeliveryReport { sent: 1, ..Default::default() })
        }
        Outcome::Failed(error) => {
            let dead = row.attempts >= settings.max_attempts;
            update
                .col_expr(
                    mail_outbox::Column::State,
                    Expr::value(if dead { MailState::Dead } else { MailState::Failed }),
                )
                .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now + backoff(row.attempts)))
                .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(mail_outbox::Column::LastError, Expr::value(error))
                .exec(db)
                .await?;
            Ok(if dead {
                DeliveryReport { dead: 1, ..Default::default() }
            } else {
                DeliveryReport { retrying: 1, ..Default::default() }
            })
        }
    }
}

/// One round: claim a batch, send it, record the outcomes.
pub async fn deliver_batch(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    settings: &DeliverySettings,
    clock: &Arc<dyn Clock>,
) -> Result<DeliveryReport, DbErr> {
    let rows = claim(db, settings.batch_size, settings.lease, clock.now()).await?;
    let results: Vec<Result<DeliveryReport, DbErr>> = futures::stream::iter(rows)
        .map(|row| async move {
            let outcome = send_one(mailer, &row, from, settings).await;
            mark(db, &row, outcome, settings, clock.now()).await
        })
        .buffer_unordered(settings.concurrency.max(1))
        .collect()
        .await;
    let mut report = DeliveryReport::default();
    for result in results {
        report.add(result?);
    }
    Ok(report)
}

/// Delivers until nothing is due (the `mail-delivery` job).
pub async fn deliver_all_due(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    settings: &DeliverySettings,
    clock: &Arc<dyn Clock>,
) -> Result<DeliveryReport, DbErr> {
    let mut total = DeliveryReport::default();
    loop {
        let report = deliver_batch(db, mailer, from, settings, clock).await?;
        if report.is_empty() {
            return Ok(total);
        }
        total.add(report);
    }
}

/// The worker loop: picks up new rows within about a second, until `stop` fires.
pub async fn run_worker(
    db: DatabaseConnection,
    mailer: Mailer,
    from: Mailbox,
    settings: DeliverySettings,
    clock: Arc<dyn Clock>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        match deliver_batch(&db, &mailer, &from, &settings, &clock).await {
            Ok(report) if !report.is_empty() => continue,
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "mail delivery round failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(StdDuration::from_millis(1000)) => {}
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// Puts failed and dead messages back in the queue (staff's "retry").
pub async fn retry<C: ConnectionTrait>(db: &C, ids: &[i64], now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::State, Expr::value(MailState::Queued))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now))
        .col_expr(mail_outbox::Column::Attempts, Expr::value(0))
        .filter(mail_outbox::Column::Id.is_in(ids.to_vec()))
        .filter(mail_outbox::Column::State.is_in([MailState::Failed, MailState::Dead]))
        .exec(db)
        .await?
        .rows_affected)
}
