//! The `mentoring-reminders` job (weekly by default): e-mails each mentor whose active pair
//! has had no session for `BANGKOM_MENTORING_REMINDER_DAYS` days (counted from the pair's
//! start when it has none), and each mentee with sessions of active pairs waiting for their
//! confirmation. Both selections are one query each
//! ([`bangkom_entities::mentoring::reminders`]); the messages are queued in one transaction
//! with dedupe keys naming the ISO week (in the deployment's zone), so a second run in the
//! same week queues nothing new.

use anyhow::Context as _;
use bangkom_entities::mentoring::reminders;
use bangkom_entities::surveys::lang_of;
use bangkom_entities::tx;
use chrono::{Datelike, Duration};

use crate::messages::mentoring;
use crate::outbox;
use crate::runner::{Counts, JobContext};

pub const NAME: &str = "mentoring-reminders";

/// The pair page and the mentee's mentoring page (as `bangkom_server` routes them).
pub const PAIR_PATH: &str = "/mentoring/pasangan";
pub const MINE_PATH: &str = "/mentoring";

pub async fn run(ctx: &JobContext) -> anyhow::Result<Counts> {
    let now = ctx.clock.now();
    let today = now.with_timezone(&ctx.tz).date_naive();
    let week = today.iso_week();
    let week = format!("{}-W{:02}", week.year(), week.week());
    let base = ctx.base_url.as_str().trim_end_matches('/');
    let idle_since = today - Duration::days(i64::from(ctx.mentoring.reminder_days));

    let txn = tx::begin_write(&ctx.db).await?;
    let idle = reminders::idle_pairs(&txn, idle_since).await.context("selecting idle pairs")?;
    let pending = reminders::pending_mentees(&txn).await.context("selecting pending confirmations")?;
    let mut mentor_mail = Vec::with_capacity(idle.len());
    for p in &idle {
        let lang = lang_of(p.mentor_locale);
        let link = format!("{base}{PAIR_PATH}/{}", p.pair_id);
        let since = p.since.format("%Y-%m-%d").to_string();
        mentor_mail.push((
            format!("mentoring-idle:{}:{week}", p.pair_id),
            mentoring::idle(lang, &p.mentor_email, &p.mentor_name, &p.mentee_name, &since, &link),
        ));
    }
    let mut mentee_mail = Vec::with_capacity(pending.len());
    for m in &pending {
        let lang = lang_of(m.locale);
        let link = format!("{base}{MINE_PATH}");
        mentee_mail.push((
            format!("mentoring-pending:{}:{week}", m.mentee_id),
            mentoring::pending(lang, &m.email, &m.name, m.pending, &link),
        ));
    }
    let mentors = outbox::enqueue_many(&txn, &mentor_mail, now).await?;
    let mentees = outbox::enqueue_many(&txn, &mentee_mail, now).await?;
    txn.commit().await?;
    Ok(Counts::from([("mentors_reminded", mentors), ("mentees_reminded", mentees)]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_schedule_is_monday_morning_in_the_deployments_zone() {
        let job = crate::runner::find(super::NAME).unwrap();
        let schedule = crate::schedule::Schedule::parse(job.default_schedule).unwrap();
        // Wednesday 25 November 2026; the next slot is Monday 30 November, 07:00 WIB.
        let now = "2026-11-25T00:00:00Z".parse().unwrap();
        let next = schedule.next_slot(chrono_tz::Asia::Jakarta, now).unwrap();
        assert_eq!(next.to_rfc3339(), "2026-11-30T00:00:00+00:00");
    }
}
