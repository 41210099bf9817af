//! Training e-mails queued in the transaction of the change that causes them (the
//! [`Notifier`] of `bangkom_entities::training`): a seat confirmed (with the batch's days as
//! `angkatan.ics`) and a batch cancelled.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
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

/// Escapes a text value (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The batch's days as an iCalendar file: one event per day, with the daily times (in the
/// deployment's zone, written in UTC) or as all-day events when it has none.
pub fn batch_ics(
    b: &training_batches::Model,
    program: &training_programs::Model,
    tz: Tz,
    host: &str,
    link: &str,
    now: DateTime<Utc>,
) -> String {
    let mut ics = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Bangkom//Pelatihan//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        ics.push_str(&fold(line));
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
    for d in b.starts_on.iter_days().take_while(|d| *d <= b.ends_on) {
        ics.push_str(&fold("BEGIN:VEVENT"));
        ics.push_str(&fold(&format!("UID:angkatan-{}-{}@{host}", b.id, d.format("%Y%m%d"))));
        ics.push_str(&fold(&format!("DTSTAMP:{}", utc_stamp(now))));
        match (b.daily_start_time.zip(b.daily_end_time)).and_then(|(s, e)| local(d, s).zip(local(d, e))) {
            Some((start, end)) => {
                ics.push_str(&fold(&format!("DTSTART:{}", utc_stamp(start))));
                ics.push_str(&fold(&format!("DTEND:{}", utc_stamp(end))));
            }
            None => {
                ics.push_str(&fold(&format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d"))));
                ics.push_str(&fold(&format!(
                    "DTEND;VALUE=DATE:{}",
                    (d + chrono::Duration::days(1)).format("%Y%m%d")
                )));
            }
        }
        ics.push_str(&fold(&format!("SUMMARY:{}", escape(&b.name))));
        ics.push_str(&fold(&format!(
            "DESCRIPTION:{}",
            escape(&format!("{} — {}\n{link}", program.title, program.organizer_name))
        )));
        if let Some(location) = &location {
            ics.push_str(&fold(&format!("LOCATION:{}", escape(location))));
        }
        ics.push_str(&fold(&format!("URL:{link}")));
        ics.push_str(&fold("END:VEVENT"));
    }
    ics.push_str(&fold("END:VCALENDAR"));
    ics
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_and_text_escaped() {
        let folded = fold(&format!("SUMMARY:{}", "é".repeat(60)));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
