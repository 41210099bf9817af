//! The mail outbox, its delivery over real SMTP, and the job ledger.

use std::sync::Arc;

use bangkom_entities::enums::{JobOutcome, MailState};
use bangkom_entities::schema::{job_runs, mail_outbox};
use bangkom_jobs::clock::{Clock, ManualClock};
use bangkom_jobs::messages::Composed;
use bangkom_jobs::outbox::{self, Attachment};
use bangkom_jobs::{delivery, ledger};
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::on_both_backends;
use crate::support::{Backend, run_ok, spawn_app};

on_both_backends!(
    a_queued_message_arrives_with_both_parts_and_its_attachment,
    the_same_message_is_never_queued_twice,
    refused_messages_are_retried_with_backoff_then_dead_and_staff_can_retry,
    an_unreachable_smtp_server_keeps_messages_queued,
    two_workers_deliver_each_message_once,
    a_scheduled_slot_runs_once_across_instances,
    jobs_run_from_the_command_line_are_recorded,
    a_connection_the_server_closed_is_replaced_without_a_failure,
    a_send_that_times_out_after_data_is_retried_with_the_same_message_id,
    staff_see_job_history_run_a_job_and_retry_dead_mail,
    serve_delivers_mail_unless_started_web_only,
);

fn from_address() -> lettre::message::Mailbox {
    "Bangkom <bangkom@localhost>".parse().unwrap()
}

fn message(to: &str, subject: &str) -> Composed {
    Composed {
        to_email: to.into(),
        to_name: Some("Siti Rahmawati".into()),
        subject: subject.into(),
        text: "Halo Siti,\n\nIni pesan uji.\n".into(),
        html: "<p>Halo Siti,</p><p>Ini pesan uji.</p>".into(),
    }
}

async fn a_queued_message_arrives_with_both_parts_and_its_attachment(backend: Backend) {
    let app = spawn_app(backend).await;
    let ics = Attachment::new("angkatan.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    assert!(
        outbox::enqueue(&app.db, "test:1", &message("siti@bkpsdm.go.id", "Uji kirim"), &[ics], Utc::now())
            .await
            .unwrap()
    );
    let summary = app.run_job("mail-delivery").await;
    assert_eq!(summary.counts["sent"], 1);

    let mail = app.smtp.wait_for(1).await;
    assert_eq!(mail[0].to, ["siti@bkpsdm.go.id"]);
    assert_eq!(mail[0].from, "bangkom@localhost", "the envelope sender is BANGKOM_MAIL_FROM");
    assert_eq!(mail[0].subject(), "Uji kirim");
    let parts = mail[0].text_parts();
    assert!(parts.iter().any(|(m, b)| m == "text/plain" && b.contains("Ini pesan uji.")), "{parts:?}");
    assert!(parts.iter().any(|(m, b)| m == "text/html" && b.contains("<p>Ini pesan uji.</p>")), "{parts:?}");
    assert!(parts.iter().any(|(m, b)| m == "text/calendar" && b.contains("BEGIN:VCALENDAR")), "{parts:?}");
    assert!(mail[0].raw.contains("Message-ID: <outbox-"), "a deterministic Message-ID");

    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.state, MailState::Sent);
    assert!(row.sent_at.is_some() && row.message_id.is_some());
}

async fn the_same_message_is_never_queued_twice(backend: Backend) {
    let app = spawn_app(backend).await;
    let m = message("budi@bkpsdm.go.id", "Sekali saja");
    assert!(outbox::enqueue(&app.db, "reminder:42", &m, &[], Utc::now()).await.unwrap());
    assert!(!outbox::enqueue(&app.db, "reminder:42", &m, &[], Utc::now()).await.unwrap());
    assert_eq!(mail_outbox::Entity::find().count(&app.db).await.unwrap(), 1);
    app.deliver_mail().await;
    app.deliver_mail().await;
    assert_eq!(app.smtp.wait_for(1).await.len(), 1);
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(app.smtp.received().await.len(), 1);
}

async fn refused_messages_are_retried_with_backoff_then_dead_and_staff_can_retry(backend: Backend) {
    let app = spawn_app(backend).await;
    let clock = ManualClock::new(Utc::now());
    let mut jobs = app.jobs.clone();
    jobs.clock = Arc::new(clock.clone());
    jobs.delivery.max_attempts = 3;
    outbox::enqueue(&app.db, "test:retry", &message("dewi@bkpsdm.go.id", "Coba lagi"), &[], clock.now())
        .await
        .unwrap();

    app.smtp.refuse_messages(true);
    let first = bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    assert_eq!(first.counts["retrying"], 1);
    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((row.state, row.attempts), (MailState::Failed, 1));
    assert!(row.last_error.as_deref().unwrap_or_default().contains("550"), "{:?}", row.last_error);
    assert!(row.next_attempt_at > clock.now(), "the retry waits");

    // Not due yet: nothing is attempted.
    let idle = bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    assert_eq!(idle.counts["retrying"] + idle.counts["sent"] + idle.counts["dead"], 0);

    clock.advance(Duration::minutes(2));
    bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((row.state, row.attempts), (MailState::Failed, 2));
    let second_wait = row.next_attempt_at - clock.now();
    // (PostgreSQL keeps microseconds: allow for the truncation.)
    assert!(second_wait > Duration::seconds(119), "the backoff grows: {second_wait}");

    clock.advance(Duration::minutes(5));
    let last = bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    assert_eq!(last.counts["dead"], 1);
    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((row.state, row.attempts), (MailState::Dead, 3));

    // Staff retry: queued again, and delivered once the server accepts.
    app.smtp.refuse_messages(false);
    assert_eq!(delivery::retry(&app.db, &[row.id], clock.now()).await.unwrap(), 1);
    bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    assert_eq!(app.smtp.wait_for(1).await.len(), 1);
    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.state, MailState::Sent);
}

async fn an_unreachable_smtp_server_keeps_messages_queued(backend: Backend) {
    let app = spawn_app(backend).await;
    // A port nobody listens on.
    let dead_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut jobs = app.jobs.clone();
    jobs.mailer = bangkom_jobs::mail::Mailer::new(&bangkom_jobs::mail::MailerConfig {
        smtp_url: Some(format!("smtp://127.0.0.1:{dead_port}")),
        dir: app.work_dir.path().join("unused"),
        from: "Bangkom <bangkom@localhost>".parse().unwrap(),
        connections: 1,
    })
    .unwrap();
    outbox::enqueue(&app.db, "test:down", &message("eko@bkpsdm.go.id", "Server mati"), &[], Utc::now())
        .await
        .unwrap();
    let summary = bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    assert_eq!(summary.counts["retrying"], 1);
    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.state, MailState::Failed);
    assert!(row.last_error.is_some());
}

async fn two_workers_deliver_each_message_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let now = Utc::now();
    for i in 0..120 {
        outbox::enqueue(
            &app.db,
            &format!("bulk:{i}"),
            &message(&format!("p{i}@bkpsdm.go.id"), "Massal"),
            &[],
            now,
        )
        .await
        .unwrap();
    }
    let mut first = app.jobs.clone();
    first.delivery.batch_size = 10;
    let mut second = first.clone();
    second.holder = "second-instance".into();
    // Another instance has its own mailer (and so its own delivery loop).
    second.mailer = bangkom_jobs::mail::Mailer::new(&bangkom_jobs::mail::MailerConfig {
        smtp_url: Some(app.smtp.url()),
        dir: app.work_dir.path().join("unused"),
        from: from_address(),
        connections: 16,
    })
    .unwrap();
    let from = app.jobs.from.clone();
    let (a, b) = tokio::join!(
        delivery::deliver_all_due(&first.db, &first.mailer, &from, &first.delivery, &first.clock),
        delivery::deliver_all_due(&second.db, &second.mailer, &from, &second.delivery, &second.clock),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 120, "every message once: {a:?} {b:?}");
    let received = app.smtp.wait_for(120).await;
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| m.raw.lines().find(|l| l.starts_with("Message-ID:")).unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 120, "no message arrived twice");
}

async fn a_scheduled_slot_runs_once_across_instances(backend: Backend) {
    let app = spawn_app(backend).await;
    let slot = Utc::now() - Duration::seconds(5);
    let mut instances = Vec::new();
    for i in 0..4 {
        let mut ctx = app.jobs.clone();
        ctx.holder = format!("instance-{i}");
        instances.push(ctx);
    }
    let results = futures::future::join_all(
        instances.iter().map(|ctx| bangkom_jobs::runner::run_slot(ctx, "mail-delivery", slot)),
    )
    .await;
    let ran = results.iter().filter(|r| matches!(r, Ok(Some(_)))).count();
    assert_eq!(ran, 1, "{results:?}");
    let runs = job_runs::Entity::find()
        .filter(job_runs::Column::JobName.eq("mail-delivery"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].outcome, JobOutcome::Succeeded);

    // A claimant that died holding a slot: once its lease expires, the slot is taken over.
    let stale = Utc::now() - Duration::hours(1);
    let dead_slot = stale - Duration::minutes(1);
    assert!(
        ledger::claim(
            &app.db,
            "mail-delivery",
            dead_slot,
            bangkom_entities::enums::JobTrigger::Scheduled,
            "crashed",
            stale
        )
        .await
        .unwrap()
        .is_some()
    );
    assert!(
        ledger::claim(
            &app.db,
            "mail-delivery",
            dead_slot,
            bangkom_entities::enums::JobTrigger::Scheduled,
            "alive",
            stale + Duration::minutes(1)
        )
        .await
        .unwrap()
        .is_none(),
        "the lease still holds"
    );
    assert!(
        ledger::claim(
            &app.db,
            "mail-delivery",
            dead_slot,
            bangkom_entities::enums::JobTrigger::Scheduled,
            "alive",
            Utc::now()
        )
        .await
        .unwrap()
        .is_some(),
        "the expired lease is taken over"
    );
}

async fn jobs_run_from_the_command_line_are_recorded(backend: Backend) {
    let app = spawn_app(backend).await;
    outbox::enqueue(&app.db, "cli:1", &message("rina@bkpsdm.go.id", "Dari CLI"), &[], Utc::now())
        .await
        .unwrap();
    let out =
        run_ok(app.cli().args(["jobs", "run", "mail-delivery"]).env("BANGKOM_SMTP_URL", app.smtp.url()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("mail-delivery") && stdout.contains("sent: 1"), "{stdout}");
    assert_eq!(app.smtp.wait_for(1).await[0].subject(), "Dari CLI");
    let run = job_runs::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(run.outcome, JobOutcome::Succeeded);
    assert!(run.counts.unwrap_or_default().contains("\"sent\":1"));

    let out = app.cli().args(["jobs", "run", "no-such-job"]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown job") && stderr.contains("mail-delivery"), "{stderr}");

    let out = run_ok(app.cli().args(["jobs", "list"]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("mail-delivery"));

    let out = app
        .cli()
        .args(["jobs", "list"])
        .env("BANGKOM_SCHEDULES__MAIL_DELIVERY", "every minute")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BANGKOM_SCHEDULES__MAIL_DELIVERY"));
}

async fn a_connection_the_server_closed_is_replaced_without_a_failure(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut jobs = app.jobs.clone();
    jobs.delivery.concurrency = 1;
    app.smtp.hang_up_after_each_message(true);
    for i in 0..3 {
        outbox::enqueue(
            &app.db,
            &format!("idle:{i}"),
            &message("tono@bkpsdm.go.id", "Lagi"),
            &[],
            Utc::now(),
        )
        .await
        .unwrap();
        // Each send finds the pooled connection closed by the server since the last one.
        let summary = bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
        assert_eq!((summary.counts["sent"], summary.counts["retrying"]), (1, 0), "{summary}");
    }
    assert_eq!(app.smtp.wait_for(3).await.len(), 3);
    let rows = mail_outbox::Entity::find().all(&app.db).await.unwrap();
    assert!(rows.iter().all(|r| r.state == MailState::Sent && r.attempts == 1), "{rows:?}");
}

async fn a_send_that_times_out_after_data_is_retried_with_the_same_message_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let clock = ManualClock::new(Utc::now());
    let mut jobs = app.jobs.clone();
    jobs.clock = Arc::new(clock.clone());
    jobs.delivery.send_timeout = std::time::Duration::from_secs(1);
    outbox::enqueue(&app.db, "stall:1", &message("wati@bkpsdm.go.id", "Mungkin terkirim"), &[], clock.now())
        .await
        .unwrap();
    app.smtp.stall_after_data(1);
    let first = bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    assert_eq!(first.counts["retrying"], 1, "{first}");
    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.state, MailState::Failed);
    assert!(
        row.last_error.as_deref().unwrap_or_default().contains("maybe delivered"),
        "{:?}",
        row.last_error
    );

    clock.advance(Duration::minutes(2));
    let second = bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    assert_eq!(second.counts["sent"], 1, "{second}");
    // The server got it twice; the copies carry one Message-ID, so a receiver drops one.
    let received = app.smtp.wait_for(2).await;
    let ids: Vec<&str> = received
        .iter()
        .map(|m| m.raw.lines().find(|l| l.starts_with("Message-ID:")).expect("a Message-ID"))
        .collect();
    assert_eq!(ids[0], ids[1]);
    let row = mail_outbox::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.message_id.as_deref(), ids[0].strip_prefix("Message-ID: "));
}

/// The operations page: the job history with counts, "run now", and failed and dead mail
/// with its error and a retry button.
async fn staff_see_job_history_run_a_job_and_retry_dead_mail(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("admin@bangkom.test", crate::support::DEMO_PASSWORD).await;
    // Whatever the demo queued is delivered first.
    app.deliver_mail().await;
    let already = app.smtp.received().await.len();

    let mut jobs = app.jobs.clone();
    jobs.delivery.max_attempts = 1;
    outbox::enqueue(&app.db, "ops:dead", &message("yuni@bkpsdm.go.id", "Ditolak server"), &[], Utc::now())
        .await
        .unwrap();
    app.smtp.refuse_messages(true);
    bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    app.smtp.refuse_messages(false);

    // A run that fails is recorded with its error.
    app.db
        .execute_unprepared("ALTER TABLE survey_invitations RENAME TO survey_invitations_away")
        .await
        .unwrap();
    let failed = bangkom_jobs::run_now(&app.jobs, "survey-dispatch").await;
    app.db
        .execute_unprepared("ALTER TABLE survey_invitations_away RENAME TO survey_invitations")
        .await
        .unwrap();
    assert!(failed.is_err());
    let run = job_runs::Entity::find()
        .filter(job_runs::Column::JobName.eq("survey-dispatch"))
        .filter(job_runs::Column::Outcome.eq(JobOutcome::Failed))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the failed run is recorded");
    assert!(
        run.finished_at.is_some()
            && run.error.as_deref().unwrap_or_default().contains("expiring invitations")
    );

    let page = app.get("/admin/operasi").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("expiring invitations"), "the failed run's error is shown");
    assert!(
        html.contains("yuni@bkpsdm.go.id") && html.contains("Ditolak server"),
        "the dead message is listed"
    );
    assert!(html.contains("mailbox unavailable (test refusal)"), "with the server's answer");
    assert!(
        html.contains("mail-delivery") && html.contains("data-run="),
        "the history shows runs and counts"
    );
    let dead = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::DedupeKey.eq("ops:dead"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dead.state, MailState::Dead);

    // Retry: queued again; "run now" on mail-delivery sends it, and the run is recorded.
    let retried = app.post_form(&format!("/admin/operasi/surel/{}/ulang", dead.id), &[]).await;
    assert_eq!(retried.status(), 303);
    let manual_runs = || {
        job_runs::Entity::find()
            .filter(job_runs::Column::Trigger.eq(bangkom_entities::enums::JobTrigger::Manual))
            .filter(job_runs::Column::Outcome.eq(JobOutcome::Succeeded))
            .count(&app.db)
    };
    let before = manual_runs().await.unwrap();
    let started = app.post_form("/admin/operasi/tugas/mail-delivery", &[]).await;
    assert_eq!(started.status(), 303);
    let received = app.smtp.wait_for(already + 1).await;
    assert_eq!(received.last().unwrap().subject(), "Ditolak server");
    for _ in 0..200 {
        if manual_runs().await.unwrap() > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(manual_runs().await.unwrap(), before + 1, "the run from the page is in the history");
    let html = app.get("/admin/operasi").await.text().await.unwrap();
    assert!(!html.contains("yuni@bkpsdm.go.id"), "no longer among the problems");

    // Unknown job or message: not found; a message that is not failed cannot be retried.
    assert_eq!(app.post_form("/admin/operasi/tugas/no-such-job", &[]).await.status(), 404);
    assert_eq!(app.post_form(&format!("/admin/operasi/surel/{}/ulang", dead.id), &[]).await.status(), 404);
}

/// `bangkom serve` runs the jobs and the mail worker beside the web server; with
/// `BANGKOM_JOBS=off` it is web only and leaves the queue to a worker.
async fn serve_delivers_mail_unless_started_web_only(backend: Backend) {
    use tokio::io::AsyncBufReadExt;
    let app = spawn_app(backend).await;
    outbox::enqueue(&app.db, "serve:1", &message("sari@bkpsdm.go.id", "Dari serve"), &[], Utc::now())
        .await
        .unwrap();
    let serve = |jobs: &str| {
        let mut cmd = app.cli();
        cmd.arg("serve")
            .env("BANGKOM_LISTEN", "127.0.0.1:0")
            .env("BANGKOM_SMTP_URL", app.smtp.url())
            .env("BANGKOM_JOBS", jobs)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        tokio::process::Command::from(cmd).kill_on_drop(true).spawn().expect("serve starts")
    };
    async fn banner(child: &mut tokio::process::Child) -> String {
        let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let mut out = String::new();
        while let Some(line) = lines.next_line().await.unwrap() {
            out.push_str(&line);
            out.push('\n');
            if line.contains("BANGKOM_JOBS") {
                break;
            }
        }
        out
    }

    let mut web_only = serve("off");
    let said = banner(&mut web_only).await;
    assert!(said.contains("listening") && said.contains("Web only"), "{said}");
    // Longer than a scheduler tick (5 s) and the mail worker's poll (1 s).
    tokio::time::sleep(std::time::Duration::from_secs(7)).await;
    web_only.kill().await.unwrap();
    assert!(app.smtp.received().await.is_empty(), "a web-only instance sends nothing");
    assert_eq!(job_runs::Entity::find().count(&app.db).await.unwrap(), 0, "and runs no job");

    let mut full = serve("on");
    let said = banner(&mut full).await;
    assert!(said.contains("Scheduled jobs and the mail queue run in this process"), "{said}");
    assert_eq!(app.smtp.wait_for(1).await[0].subject(), "Dari serve");
    full.kill().await.unwrap();
}
