//! The `survey-dispatch` job: creates the evaluation invitations that are due (level 1 after
//! a recorded completion, level 3 the program's delay after the batch ended, to participant
//! and supervisor), each with its e-mail queued in the same transaction; sends reminders to
//! those who have not answered; expires open invitations whose time is up.
//!
//! Work is set-based, a chunk of enrolments per transaction (one select of who is due, one
//! multi-row insert of invitations, one multi-row insert into the outbox). Running it twice,
//! or on two instances at once, creates nothing twice: the invitation's unique key
//! (enrolment, level, audience) lets only one insert win, and only the winner queues the
//! e-mail (whose dedupe key is the invitation's id).

use std::collections::{HashMap, HashSet};

use anyhow::Context as _;
use bangkom_entities::auth::{hash_secret, new_secret};
use bangkom_entities::enums::SurveyAudience;
use bangkom_entities::surveys::dispatch::{self, Due, NewInvitation, Wave};
use bangkom_entities::surveys::{self, ANSWER_PATH, templates};
use bangkom_entities::tx;
use chrono::{DateTime, Duration, Utc};

use crate::messages::Composed;
use crate::messages::survey::{self, SurveyMail};
use crate::outbox;
use crate::runner::{Counts, JobContext};

pub const NAME: &str = "survey-dispatch";

/// Rows per transaction.
const CHUNK: u64 = 500;

fn link(ctx: &JobContext, secret: &str) -> String {
    format!("{}{ANSWER_PATH}/{secret}", ctx.base_url.as_str().trim_end_matches('/'))
}

pub async fn run(ctx: &JobContext) -> anyhow::Result<Counts> {
    let now = ctx.clock.now();
    let settings = &ctx.surveys;
    templates::ensure_defaults(&ctx.db, now).await.context("creating the default survey templates")?;
    let mut counts = Counts::from([("invited", 0), ("reminded", 0), ("expired", 0), ("skipped", 0)]);

    let expired = dispatch::expire(&ctx.db, now).await.context("expiring invitations")?;
    *counts.entry("expired").or_default() += expired;

    let window = Duration::days(i64::from(settings.expiry_days));
    invite(ctx, Wave::Reaction { completed_after: now - window }, now, &mut counts)
        .await
        .context("level-1 invitations")?;
    let today = now.with_timezone(&ctx.tz).date_naive();
    for delay in dispatch::level3_delays(&ctx.db).await? {
        let ended_by = today - Duration::days(i64::from(delay));
        let ended_after = ended_by - window;
        for audience in [SurveyAudience::Participant, SurveyAudience::Supervisor] {
            let wave = Wave::Behaviour { audience, delay_days: delay, ended_by, ended_after };
            invite(ctx, wave, now, &mut counts).await.context("level-3 invitations")?;
        }
    }
    remind(ctx, now, &mut counts).await.context("reminders")?;
    Ok(counts)
}

async fn invite(ctx: &JobContext, wave: Wave, now: DateTime<Utc>, counts: &mut Counts) -> anyhow::Result<()> {
    let expires_at = now + Duration::days(i64::from(ctx.surveys.expiry_days));
    let (level, audience) = (wave.level(), wave.audience());
    let mut after = 0;
    loop {
        let txn = tx::begin_write(&ctx.db).await?;
        let due = dispatch::due(&txn, wave, after, CHUNK).await?;
        let Some(last) = due.last() else {
            txn.commit().await?;
            return Ok(());
        };
        after = last.enrolment_id;
        let mut secrets: HashMap<String, (String, &Due)> = HashMap::with_capacity(due.len());
        let mut rows = Vec::with_capacity(due.len());
        for d in &due {
            let Some(template_id) = d.template_id else {
                *counts.entry("skipped").or_default() += 1;
                continue;
            };
            let secret = new_secret();
            let token_hash = hash_secret(&secret);
            rows.push(NewInvitation {
                enrolment_id: d.enrolment_id,
                recipient_employee_id: d.recipient_employee_id,
                recipient_email: d.recipient_email.clone(),
                template_id,
                token_hash: token_hash.clone(),
            });
            secrets.insert(token_hash, (secret, d));
        }
        let inserted = dispatch::insert_invitations(&txn, level, audience, &rows, now, expires_at).await?;
        let messages: Vec<(String, Composed)> = inserted
            .iter()
            .filter_map(|ins| {
                let (secret, d) = secrets.get(&ins.token_hash)?;
                let link = link(ctx, secret);
                let mail = SurveyMail {
                    lang: surveys::lang_of(d.locale),
                    level,
                    audience,
                    to_email: &d.recipient_email,
                    to_name: &d.recipient_name,
                    participant_name: &d.participant_name,
                    program_title: &d.program_title,
                    batch_name: &d.batch_name,
                    link: &link,
                    expires_at,
                    tz: ctx.tz,
                };
                Some((surveys::invitation_mail_key(ins.id), survey::invitation(&mail)))
            })
            .collect();
        outbox::enqueue_many(&txn, &messages, now).await?;
        txn.commit().await?;
        *counts.entry("invited").or_default() += inserted.len() as u64;
        if (due.len() as u64) < CHUNK {
            return Ok(());
        }
    }
}

async fn remind(ctx: &JobContext, now: DateTime<Utc>, counts: &mut Counts) -> anyhow::Result<()> {
    let mut days = ctx.surveys.reminder_days.clone();
    days.sort_unstable();
    days.dedup();
    for (k, d) in days.iter().enumerate() {
        let n = k as u32 + 1;
        let created_by = now - Duration::days(i64::from(*d));
        // Someone whose next reminder is already due gets that one instead.
        let created_after = days.get(k + 1).map(|next| now - Duration::days(i64::from(*next)));
        let mut after = 0;
        loop {
            let txn = tx::begin_write(&ctx.db).await?;
            let due = dispatch::due_reminders(&txn, n, created_by, created_after, now, after, CHUNK).await?;
            let Some(last) = due.last() else {
                txn.commit().await?;
                break;
            };
            after = last.invitation_id;
            let ids: Vec<i64> = due.iter().map(|r| r.invitation_id).collect();
            let mine: HashSet<i64> = dispatch::mark_reminded(&txn, &ids, n, now).await?.into_iter().collect();
            let mut messages = Vec::with_capacity(mine.len());
            for r in due.iter().filter(|r| mine.contains(&r.invitation_id)) {
                let secret = match r.original_text.as_deref().and_then(dispatch::token_in) {
                    Some(token) => token.to_owned(),
                    None => {
                        // The first e-mail is gone from the outbox: a new link replaces it.
                        let secret = new_secret();
                        dispatch::replace_token(&txn, r.invitation_id, &hash_secret(&secret)).await?;
                        secret
                    }
                };
                let link = link(ctx, &secret);
                let mail = SurveyMail {
                    lang: surveys::lang_of(r.locale),
                    level: r.level,
                    audience: r.audience,
                    to_email: &r.recipient_email,
                    to_name: &r.recipient_name,
                    participant_name: &r.participant_name,
                    program_title: &r.program_title,
                    batch_name: &r.batch_name,
                    link: &link,
                    expires_at: r.expires_at,
                    tz: ctx.tz,
                };
                messages.push((surveys::reminder_mail_key(r.invitation_id, n), survey::reminder(&mail)));
            }
            outbox::enqueue_many(&txn, &messages, now).await?;
            txn.commit().await?;
            *counts.entry("reminded").or_default() += mine.len() as u64;
            if (due.len() as u64) < CHUNK {
                break;
            }
        }
    }
    Ok(())
}
