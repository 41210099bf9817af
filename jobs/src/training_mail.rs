//! Training e-mails queued in the transaction of the change that causes them (the
//! [`Notifier`] of `bangkom_entities::training`): a seat confirmed (with the batch's days as
//! `angkatan.ics`) and a batch cancelled.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike};
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder};
use url::Url;

use bangkom_entities::enums::Locale;
use bangkom_entities::i18n::Lang;
use bangkom_entities::schema::{
    employees, enrolment_events, enrolments, training_batches, training_programs, users,
};
use bangkom_entities::training::{Notice, Notifier, NotifyFuture};

use crate::messages::training::{self, BatchFacts};
use crate::outbox::{self, Attachment};

/// The path of a batch's page (kept in step with the server's route).
pub const BATCH_PATH: &str = "pelatihan/angkatan";

/// Queues training e-mails in the outbox.
#[derive(Clone)]
pub struct TrainingMail {
    pub base_url: Url,
    pub tz: Tz,
}

impl Notifier for TrainingMail {
    fn notify<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        notice: Notice,
        now: DateTime<Utc>,
    ) -> NotifyFuture<'a> {
        Box::pin(self.queue(txn, notice, now))
    }
}

fn day(d: NaiveDate, lang: Lang) -> String {
    bangkom_entities::i18n::long_date(d, lang)
}

/// "3 Maret 2026 – 7 Maret 2026, 08.00–16.00 WIB".
pub fn schedule(b: &training_batches::Model, tz: Tz, lang: Lang) -> String {
    let mut out = if b.starts_on == b.ends_on {
        day(b.starts_on, lang)
    } else {
        format!("{} – {}", day(b.starts_on, lang), day(b.ends_on, lang))
    };
    if let (Some(s), Some(e)) = (b.daily_start_time, b.daily_end_time) {
        let fmt = if lang == Lang::Id { "%H.%M" } else { "%H:%M" };
        let zone = tz.from_utc_datetime(&b.starts_on.and_time(s)).format("%Z").to_string();
        out.push_str(&format!(", {}–{} {zone}", s.format(fmt), e.format(fmt)));
    }
    out
}

/// The batch's days as an iCalendar file: one event per day, with the daily times (in the
/// deployment's zone, written in UTC) or as all-day events when it has none. The
/// `icalendar` crate escapes text and folds long lines (RFC 5545).
pub fn batch_ics(
    b: &training_batches::Model,
    program: &training_programs::Model,
    tz: Tz,
    host: &str,
    link: &str,
    now: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//Bangkom//Pelatihan//ID"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property((key, value));
    }
    let location = match (&b.place, &b.online_url) {
        (Some(p), Some(u)) => Some(format!("{p} ({u})")),
        (Some(p), None) => Some(p.clone()),
        (None, Some(u)) => Some(u.clone()),
        (None, None) => None,
    };
    let local = |d: NaiveDate, t: NaiveTime| {
        tz.from_local_datetime(&d.and_time(t)).earliest().map(|x| x.with_timezone(&Utc))
    };
    let description = format!("{} — {}\n{link}", program.title, program.organizer_name);
    for d in b.starts_on.iter_days().take_while(|d| *d <= b.ends_on) {
        let mut event = Event::new();
        event
            .uid(&format!("angkatan-{}-{}@{host}", b.id, d.format("%Y%m%d")))
            .timestamp(now)
            .summary(&b.name)
            .description(&description)
            .url(link);
        match (b.daily_start_time.zip(b.daily_end_time)).and_then(|(s, e)| local(d, s).zip(local(d, e))) {
            Some((start, end)) => event.starts(start).ends(end),
            // All day: DTEND is the next day (exclusive), as calendars expect.
            None => event.starts(d).ends(d + chrono::Duration::days(1)),
        };
        if let Some(location) = &location {
            event.location(location);
        }
        calendar.push(event.done());
    }
    calendar.to_string()
}

impl TrainingMail {
    fn batch_link(&self, batch_id: i64) -> String {
        self.base_url.join(&format!("{BATCH_PATH}/{batch_id}")).map(|u| u.to_string()).unwrap_or_default()
    }

    async fn queue(
        &self,
        txn: &DatabaseTransaction,
        notice: Notice,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let (Notice::Seated { enrolment_id } | Notice::BatchCancelled { enrolment_id }) = notice;
        let Some((e, Some(employee))) = enrolments::Entity::find_by_id(enrolment_id)
            .find_also_related(employees::Entity)
            .one(txn)
            .await?
        else {
            return Ok(());
        };
        let Some((batch, Some(program))) = training_batches::Entity::find_by_id(e.batch_id)
            .find_also_related(training_programs::Entity)
            .one(txn)
            .await?
        else {
            return Ok(());
        };
        let user = users::Entity::find().filter(users::Column::EmployeeId.eq(employee.id)).one(txn).await?;
        let lang = match user.as_ref().map(|u| u.locale) {
            Some(Locale::En) => Lang::En,
            _ => Lang::Id,
        };
        let Some(to) = employee.email.clone().or_else(|| user.as_ref().map(|u| u.email.clone())) else {
            return Ok(());
        };
        let link = self.batch_link(batch.id);
        let when = schedule(&batch, self.tz, lang);
        let facts = BatchFacts {
            batch: &batch.name,
            program: &program.title,
            schedule: &when,
            place: batch.place.as_deref(),
            online_url: batch.online_url.as_deref(),
            link: &link,
        };
        match notice {
            Notice::Seated { .. } => {
                let message = training::seated(lang, &to, &employee.name, &facts);
                let host = self.base_url.host_str().unwrap_or("bangkom.localhost");
                let ics = batch_ics(&batch, &program, self.tz, host, &link, now);
                let attachment = Attachment::new("angkatan.ics", "text/calendar", ics.as_bytes());
                outbox::enqueue(
                    txn,
                    &format!("enrolment-seated:{enrolment_id}"),
                    &message,
                    &[attachment],
                    now,
                )
                .await?;
            }
            Notice::BatchCancelled { .. } => {
                let reason = enrolment_events::Entity::find()
                    .filter(enrolment_events::Column::EnrolmentId.eq(enrolment_id))
                    .order_by_desc(enrolment_events::Column::Id)
                    .one(txn)
                    .await?
                    .and_then(|ev| ev.reason);
                let message = training::cancelled(lang, &to, &employee.name, &facts, reason.as_deref());
                outbox::enqueue(txn, &format!("batch-cancelled:{enrolment_id}"), &message, &[], now).await?;
            }
        }
        Ok(())
    }
}
