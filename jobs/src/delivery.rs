//! Delivering the outbox. A worker claims a batch of due rows with a short lease (PostgreSQL:
//! `FOR UPDATE SKIP LOCKED`, so several workers take disjoint rows; SQLite: one writer at a
//! time), then sends each outside any transaction, then marks it sent or schedules a retry
//! with exponential backoff, and gives up (state `dead`) after a number of attempts.
//!
//! Each claim writes a fresh lease holder on its rows, and the lease is renewed while the
//! rows are in hand, so a slow batch is never claimed twice; "sent" and "failed" are only
//! recorded by the lease holder. A process killed mid-send leaves rows `sending` with a
//! lease that expires; they are claimed again, so nothing is lost and only a message in
//! flight at the kill can arrive twice (its Message-ID, fixed when it was queued, lets the
//! receiver drop the copy). A process asked to stop claims nothing more, lets sends in
//! progress finish within its grace period, and gives back everything else at once.
//!
//! One delivery loop runs per process (the mailer's delivery lock), and the mailer caps the
//! sends in progress, so the process never holds more than `BANGKOM_MAIL_CONNECTIONS` SMTP
//! connections however often the scheduled run fires.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
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
use crate::shutdown::Shutdown;

#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// After this many failed attempts a message is `dead` (staff can retry it).
    pub max_attempts: i32,
    /// Messages sent at once, each on its own pooled SMTP connection
    /// (`BANGKOM_MAIL_CONNECTIONS`; the mailer's pool should be as large).
    pub concurrency: usize,
    /// Rows claimed per round.
    pub batch_size: u64,
    /// How long a claimed row stays reserved for its worker without news from it; renewed
    /// every third of it while the row is in hand.
    pub lease: Duration,
    /// The deadline for one send, connect to final answer.
    pub send_timeout: StdDuration,
    /// The host part of Message-IDs.
    pub message_id_domain: String,
    /// After a stop is asked for, how long sends in progress may still take
    /// (`BANGKOM_SHUTDOWN_GRACE_SECONDS`); then they are cut and given back.
    pub shutdown_grace: StdDuration,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings {
            max_attempts: 8,
            concurrency: 16,
            batch_size: 200,
            lease: Duration::minutes(2),
            send_timeout: StdDuration::from_secs(30),
            message_id_domain: "bangkom.localhost".into(),
            shutdown_grace: StdDuration::from_secs(20),
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

/// A lease holder for one claim: unique, so a worker that lost its lease cannot take
/// another claim's rows for its own.
pub fn new_lease_holder() -> String {
    format!("{}:{:016x}", std::process::id(), rand::random::<u64>())
}

/// Claims up to `limit` due messages for `holder`.
pub async fn claim(
    db: &DatabaseConnection,
    limit: u64,
    lease: Duration,
    holder: &str,
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
        .col_expr(mail_outbox::Column::LeaseHolder, Expr::value(holder))
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

/// A row's Message-ID: the same on every attempt (a receiver can drop a duplicate), and
/// unique for all time through the token drawn when the row was queued. Rows queued before
/// tokens existed keep the id-based form they were first sent with.
pub fn message_id(row: &mail_outbox::Model, domain: &str) -> String {
    match &row.message_token {
        Some(token) => format!("<outbox-{token}@{domain}>"),
        None => format!("<outbox-{}@{domain}>", row.id),
    }
}

/// The message a row describes, with its Message-ID.
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
        .message_id(Some(message_id(row, domain)))
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

/// Records a send's outcome, if `holder` still holds the row's lease (a worker that lost
/// it must not overwrite what the new holder records).
async fn mark(
    db: &DatabaseConnection,
    row: &mail_outbox::Model,
    holder: &str,
    outcome: Outcome,
    settings: &DeliverySettings,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, DbErr> {
    let update = mail_outbox::Entity::update_many()
        .filter(mail_outbox::Column::Id.eq(row.id))
        .filter(mail_outbox::Column::State.eq(MailState::Sending))
        .filter(mail_outbox::Column::LeaseHolder.eq(holder))
        .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(mail_outbox::Column::LeaseHolder, Expr::value(Option::<String>::None));
    let (update, report) = match outcome {
        Outcome::Sent => (
            update
                .col_expr(mail_outbox::Column::State, Expr::value(MailState::Sent))
                .col_expr(mail_outbox::Column::SentAt, Expr::value(now))
                .col_expr(mail_outbox::Column::LastError, Expr::value(Option::<String>::None))
                .col_expr(
                    mail_outbox::Column::MessageId,
                    Expr::value(message_id(row, &settings.message_id_domain)),
                ),
            DeliveryReport { sent: 1, ..Default::default() },
        ),
        Outcome::Failed(error) => {
            let dead = row.attempts >= settings.max_attempts;
            let next_attempt = now + backoff(row.attempts);
            if dead {
                tracing::error!(
                    outbox_id = row.id,
                    attempts = row.attempts,
                    reason = %error,
                    "mail delivery gave up: message is dead (staff can retry it on /admin/operasi)"
                );
            } else {
                tracing::warn!(
                    outbox_id = row.id,
                    attempt = row.attempts,
                    reason = %error,
                    next_attempt = %next_attempt,
                    "mail delivery attempt failed; will retry"
                );
            }
            (
                update
                    .col_expr(
                        mail_outbox::Column::State,
                        Expr::value(if dead { MailState::Dead } else { MailState::Failed }),
                    )
                    .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(next_attempt))
                    .col_expr(mail_outbox::Column::LastError, Expr::value(error)),
                if dead {
                    DeliveryReport { dead: 1, ..Default::default() }
                } else {
                    DeliveryReport { retrying: 1, ..Default::default() }
                },
            )
        }
    };
    if update.exec(db).await?.rows_affected == 0 {
        tracing::warn!(
            outbox_id = row.id,
            "mail delivery outcome not recorded: this worker lost the row's lease"
        );
        return Ok(DeliveryReport::default());
    }
    Ok(report)
}

/// Extends the lease of the rows still in hand, every third of the lease, until dropped.
async fn renew_leases(
    db: &DatabaseConnection,
    in_hand: &Mutex<BTreeSet<i64>>,
    holder: &str,
    settings: &DeliverySettings,
    clock: &Arc<dyn Clock>,
) {
    let every =
        (settings.lease / 3).to_std().unwrap_or(StdDuration::from_secs(1)).max(StdDuration::from_millis(100));
    loop {
        tokio::time::sleep(every).await;
        let ids: Vec<i64> = in_hand.lock().unwrap_or_else(|e| e.into_inner()).iter().copied().collect();
        if ids.is_empty() {
            continue;
        }
        let renewed = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::LockedUntil, Expr::value(clock.now() + settings.lease))
            .filter(mail_outbox::Column::Id.is_in(ids))
            .filter(mail_outbox::Column::State.eq(MailState::Sending))
            .filter(mail_outbox::Column::LeaseHolder.eq(holder))
            .exec(db)
            .await;
        if let Err(err) = renewed {
            tracing::warn!(error = %err, "renewing mail leases failed; will try again");
        }
    }
}

/// Gives rows back to the queue, due at once, as if this claim had not happened (a stopping
/// worker's unsent rows: another process takes them without waiting for the lease).
async fn release(
    db: &DatabaseConnection,
    ids: Vec<i64>,
    holder: &str,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if ids.is_empty() {
        return Ok(0);
    }
    let released = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::State, Expr::value(MailState::Queued))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(now))
        .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(mail_outbox::Column::LeaseHolder, Expr::value(Option::<String>::None))
        .col_expr(mail_outbox::Column::Attempts, Expr::col(mail_outbox::Column::Attempts).sub(1))
        .filter(mail_outbox::Column::Id.is_in(ids))
        .filter(mail_outbox::Column::State.eq(MailState::Sending))
        .filter(mail_outbox::Column::LeaseHolder.eq(holder))
        .exec(db)
        .await?
        .rows_affected;
    tracing::info!(released, "mail delivery stopping: gave unsent messages back to the queue");
    Ok(released)
}

/// One round: claim a batch, send it, record the outcomes.
pub async fn deliver_batch(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    settings: &DeliverySettings,
    clock: &Arc<dyn Clock>,
) -> Result<DeliveryReport, DbErr> {
    deliver_batch_until(db, mailer, from, settings, clock, &Shutdown::never()).await
}

/// One round that stops when `shutdown` fires: no new send starts, sends in progress get
/// the grace period, and every row not recorded by then is given back to the queue.
pub async fn deliver_batch_until(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    settings: &DeliverySettings,
    clock: &Arc<dyn Clock>,
    shutdown: &Shutdown,
) -> Result<DeliveryReport, DbErr> {
    if shutdown.is_stopping() {
        return Ok(DeliveryReport::default());
    }
    let holder = new_lease_holder();
    let rows = claim(db, settings.batch_size, settings.lease, &holder, clock.now()).await?;
    if rows.is_empty() {
        return Ok(DeliveryReport::default());
    }
    let in_hand = Mutex::new(rows.iter().map(|r| r.id).collect::<BTreeSet<i64>>());
    let work = futures::stream::iter(rows)
        .take_while(|_| std::future::ready(!shutdown.is_stopping()))
        .map(|row| {
            let (holder, in_hand) = (&holder, &in_hand);
            async move {
                let outcome = tokio::select! {
                    outcome = send_one(mailer, &row, from, settings) => outcome,
                    // Cut at the end of the grace period: the row stays in hand and is given
                    // back below (the receiver may get it twice; same Message-ID).
                    () = shutdown.grace_over() => return Ok(DeliveryReport::default()),
                };
                let report = mark(db, &row, holder, outcome, settings, clock.now()).await;
                in_hand.lock().unwrap_or_else(|e| e.into_inner()).remove(&row.id);
                report
            }
        })
        .buffer_unordered(settings.concurrency.max(1))
        .collect::<Vec<Result<DeliveryReport, DbErr>>>();
    let results = tokio::select! {
        results = work => results,
        () = renew_leases(db, &in_hand, &holder, settings, clock) => unreachable!("renewal never ends"),
    };
    let left: Vec<i64> = in_hand.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().collect();
    if !left.is_empty() {
        release(db, left, &holder, clock.now()).await?;
    }
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
    deliver_all_due_until(db, mailer, from, settings, clock, &Shutdown::never()).await
}

/// Delivers until nothing is due or `shutdown` fires. When this process's delivery loop is
/// already running (the worker loop, or the previous scheduled run), returns at once: one
/// loop per process, never a pile of them.
pub async fn deliver_all_due_until(
    db: &DatabaseConnection,
    mailer: &Mailer,
    from: &Mailbox,
    settings: &DeliverySettings,
    clock: &Arc<dyn Clock>,
    shutdown: &Shutdown,
) -> Result<DeliveryReport, DbErr> {
    let Ok(_loop) = mailer.delivery_lock().try_lock() else {
        tracing::debug!("mail delivery already running in this process");
        return Ok(DeliveryReport::default());
    };
    let mut total = DeliveryReport::default();
    loop {
        let report = deliver_batch_until(db, mailer, from, settings, clock, shutdown).await?;
        if report.is_empty() || shutdown.is_stopping() {
            return Ok(total);
        }
        total.add(report);
    }
}

/// The worker loop: picks up new rows within about a second, until `shutdown` fires; then
/// returns within the grace period, having given back what it did not send.
pub async fn run_worker(
    db: DatabaseConnection,
    mailer: Mailer,
    from: Mailbox,
    settings: DeliverySettings,
    clock: Arc<dyn Clock>,
    shutdown: Shutdown,
) {
    while !shutdown.is_stopping() {
        let round = async {
            let _loop = mailer.delivery_lock().lock().await;
            deliver_batch_until(&db, &mailer, &from, &settings, &clock, &shutdown).await
        };
        let pause = match round.await {
            Ok(report) if !report.is_empty() => continue,
            Ok(_) => StdDuration::from_millis(1000),
            Err(err) => {
                tracing::error!(error = %err, "mail delivery round failed; retrying in 5 s");
                StdDuration::from_secs(5)
            }
        };
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = shutdown.stopping() => {}
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
