use bangkom_entities::enums::{JobOutcome, JobTrigger, MailState};
use bangkom_entities::schema::{job_runs, mail_outbox};
use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::format;
use crate::views::layout::{Chrome, csrf_field, page};

pub struct JobRow {
    pub name: &'static str,
    pub description: &'static str,
    pub schedule: String,
    pub next: Option<DateTime<Utc>>,
}

pub struct OperationsPage<'a> {
    pub jobs: &'a [JobRow],
    pub runs: &'a [job_runs::Model],
    pub mail_counts: &'a [(MailState, i64)],
    pub failed_mail: &'a [mail_outbox::Model],
    pub tz: chrono_tz::Tz,
}

fn outcome_label(outcome: JobOutcome) -> Msg {
    match outcome {
        JobOutcome::Running => Msg::OpsRunning,
        JobOutcome::Succeeded => Msg::OpsSucceeded,
        JobOutcome::Failed => Msg::OpsFailed,
    }
}

pub fn mail_state_label(state: MailState) -> Msg {
    match state {
        MailState::Queued => Msg::OpsMailQueued,
        MailState::Sending => Msg::OpsMailSending,
        MailState::Sent => Msg::OpsMailSent,
        MailState::Failed => Msg::OpsMailFailed,
        MailState::Dead => Msg::OpsMailDead,
    }
}

pub fn render(chrome: &Chrome<'_>, p: &OperationsPage<'_>) -> Markup {
    let lang: Lang = chrome.lang;
    let when = |t: DateTime<Utc>| format::datetime(t, p.tz, lang);
    page(
        chrome,
        Msg::OpsTitle.text(lang),
        html! {
            h1 { (Msg::OpsTitle.text(lang)) }
            h2 { (Msg::OpsJobs.text(lang)) }
            div.table-wrap { table {
                thead { tr {
                    th { (Msg::OpsJob.text(lang)) } th { (Msg::OpsSchedule.text(lang)) }
                    th { (Msg::OpsNextRun.text(lang)) } th {}
                } }
                tbody { @for job in p.jobs { tr {
                    td { strong { (job.name) } br; small.note { (job.description) } }
                    td { code { (job.schedule) } }
                    td { @if let Some(next) = job.next { (when(next)) } }
                    td {
                        form.inline method="post" action={ (paths::ADMIN_OPERATIONS) "/tugas/" (job.name) } {
                            (csrf_field(chrome.csrf))
                            button.link type="submit" { (Msg::OpsRunNow.text(lang)) }
                        }
                    }
                } } }
            } }

            h2 { (Msg::OpsHistory.text(lang)) }
            @if p.runs.is_empty() { p { (Msg::OpsNoRuns.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr {
                        th { (Msg::OpsJob.text(lang)) } th { (Msg::OpsTrigger.text(lang)) } th { (Msg::OpsStarted.text(lang)) }
                        th { (Msg::OpsFinished.text(lang)) } th { (Msg::OpsOutcome.text(lang)) } th { (Msg::OpsCounts.text(lang)) }
                        th { (Msg::OpsError.text(lang)) }
                    } }
                    tbody { @for run in p.runs { tr data-run=(run.id) {
                        td { (run.job_name) }
                        td { @match run.trigger { JobTrigger::Scheduled => (Msg::OpsScheduled.text(lang)), JobTrigger::Manual => (Msg::OpsManual.text(lang)) } }
                        td { (when(run.started_at)) }
                        td { @if let Some(f) = run.finished_at { (when(f)) } }
                        td { (outcome_label(run.outcome).text(lang)) }
                        td { @if let Some(c) = &run.counts { code { (c) } } }
                        td { @if let Some(e) = &run.error { (e) } }
                    } } }
                } }
            }

            h2 { (Msg::OpsMail.text(lang)) }
            div.table-wrap { table {
                thead { tr { th { (Msg::OpsMailState.text(lang)) } th { (Msg::OpsMailCount.text(lang)) } } }
                tbody { @for (state, n) in p.mail_counts { tr data-mail-state=(state.as_str()) {
                    td { (mail_state_label(*state).text(lang)) } td { (n) }
                } } }
            } }
            h3 { (Msg::OpsMailProblems.text(lang)) }
            @if p.failed_mail.is_empty() { p { (Msg::OpsMailNone.text(lang)) } } @else {
                div.table-wrap { table {
                    thead { tr {
                        th { (Msg::OpsMailRecipient.text(lang)) } th { (Msg::OpsMailSubject.text(lang)) }
                        th { (Msg::OpsMailState.text(lang)) } th { (Msg::OpsMailAttempts.text(lang)) }
                        th { (Msg::OpsMailNextAttempt.text(lang)) } th { (Msg::OpsError.text(lang)) } th {}
                    } }
                    tbody { @for m in p.failed_mail { tr {
                        td { (m.recipient_email) } td { (m.subject) }
                        td { (mail_state_label(m.state).text(lang)) } td { (m.attempts) }
                        td { @if m.state == MailState::Failed { (when(m.next_attempt_at)) } }
                        td { @if let Some(e) = &m.last_error { (e) } }
                        td {
                            form.inline method="post" action={ (paths::ADMIN_OPERATIONS) "/surel/" (m.id) "/ulang" } {
                                (csrf_field(chrome.csrf))
                                button.link type="submit" { (Msg::OpsMailRetry.text(lang)) }
                            }
                        }
                    } } }
                } }
            }
        },
    )
}
