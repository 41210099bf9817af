//! Issue 18: keep working when the world misbehaves — a slow SMTP server, SIGTERM while mail
//! is due, a restore that resets row ids, failures that must reach the log.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use bangkom_entities::enums::MailState;
use bangkom_jobs::clock::SystemClock;
use bangkom_jobs::mail::{Mailer, MailerConfig};
use bangkom_jobs::messages::Composed;
use bangkom_jobs::{delivery, outbox};
use chrono::Utc;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use bangkom_entities::schema::mail_outbox;

use crate::on_both_backends;
use crate::support::{Backend, TestApp, spawn_app};

on_both_backends!(
    delivery_runs_piling_up_share_one_loop_and_the_connection_cap,
    a_batch_slower_than_its_lease_is_not_sent_twice,
    sigterm_stops_a_busy_worker_within_the_grace_period_and_gives_mail_back,
    sigterm_stops_a_busy_serve_within_the_grace_period_and_gives_mail_back,
    message_ids_stay_unique_after_a_restore_reuses_row_ids,
    failed_attempts_and_dead_messages_reach_the_log,
    a_slot_whose_claim_failed_is_claimed_on_the_next_tick,
);

fn message(i: usize) -> Composed {
    Composed {
        to_email: format!("p{i}@bkpsdm.go.id"),
        to_name: None,
        subject: format!("Pesan {i}"),
        text: "Uji.\n".into(),
        html: "<p>Uji.</p>".into(),
    }
}

async fn queue(app: &TestApp, n: usize) {
    let now = Utc::now();
    for i in 0..n {
        outbox::enqueue(&app.db, &format!("rel:{i}"), &message(i), &[], now).await.unwrap();
    }
}

fn smtp_mailer(app: &TestApp, connections: usize) -> Mailer {
    Mailer::new(&MailerConfig {
        smtp_url: Some(app.smtp.url()),
        dir: app.work_dir.path().join("unused"),
        from: "Bangkom <bangkom@localhost>".parse().unwrap(),
        connections,
    })
    .unwrap()
}

fn message_ids(received: &[crate::support::smtp::ReceivedMail]) -> Vec<String> {
    received
        .iter()
        .map(|m| m.raw.lines().find(|l| l.starts_with("Message-ID:")).expect("a Message-ID").to_owned())
        .collect()
}

async fn rows(app: &TestApp) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find().order_by_asc(mail_outbox::Column::Id).all(&app.db).await.unwrap()
}

/// Scheduled runs that fire while the previous one still sends (every minute against a slow
/// server) do not start loops of their own: one loop, at most BANGKOM_MAIL_CONNECTIONS
/// connections, every message once.
async fn delivery_runs_piling_up_share_one_loop_and_the_connection_cap(backend: Backend) {
    let app = spawn_app(backend).await;
    app.smtp.answer_data_after(StdDuration::from_millis(300));
    queue(&app, 8).await;
    let mut jobs = app.jobs.clone();
    jobs.mailer = smtp_mailer(&app, 2);
    jobs.delivery.concurrency = 2;
    // Small batches, so that separate loops would each find rows to send at once.
    jobs.delivery.batch_size = 2;
    let (a, b, c) = tokio::join!(
        bangkom_jobs::run_now(&jobs, "mail-delivery"),
        bangkom_jobs::run_now(&jobs, "mail-delivery"),
        bangkom_jobs::run_now(&jobs, "mail-delivery"),
    );
    let sent: u64 = [a, b, c].into_iter().map(|r| r.unwrap().counts["sent"]).sum();
    assert_eq!(sent, 8);
    let received = app.smtp.wait_for(8).await;
    assert_eq!(received.len(), 8, "every message once");
    assert!(
        app.smtp.most_connections_at_once() <= 2,
        "the process held {} SMTP connections at once with BANGKOM_MAIL_CONNECTIONS=2",
        app.smtp.most_connections_at_once()
    );
    assert!(rows(&app).await.iter().all(|r| r.state == MailState::Sent));
}

/// A batch that takes longer than its lease keeps its rows (the lease is renewed), so a
/// second instance arriving after the first lease ran out finds nothing to send twice.
async fn a_batch_slower_than_its_lease_is_not_sent_twice(backend: Backend) {
    let app = spawn_app(backend).await;
    app.smtp.answer_data_after(StdDuration::from_millis(600));
    queue(&app, 8).await;
    let mut first = app.jobs.clone();
    first.mailer = smtp_mailer(&app, 1);
    first.delivery.concurrency = 1;
    first.delivery.lease = chrono::Duration::seconds(2);
    first.clock = Arc::new(SystemClock);
    // Another instance: its own process, its own mailer.
    let mut second = first.clone();
    second.mailer = smtp_mailer(&app, 1);
    second.holder = "second-instance".into();
    let (a, b) = tokio::join!(bangkom_jobs::run_now(&first, "mail-delivery"), async {
        // Starts after the first batch's original lease (2 s) ran out, mid-batch (8 × 0.6 s).
        tokio::time::sleep(StdDuration::from_millis(3000)).await;
        bangkom_jobs::run_now(&second, "mail-delivery").await
    });
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.counts["sent"] + b.counts["sent"], 8, "{a} / {b}");
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    let received = app.smtp.received().await;
    let mut ids = message_ids(&received);
    ids.sort();
    ids.dedup();
    assert_eq!((received.len(), ids.len()), (8, 8), "no message sent twice");
    let rows = rows(&app).await;
    assert!(rows.iter().all(|r| r.state == MailState::Sent && r.attempts == 1), "{rows:?}");
}

/// `bangkom worker` / `bangkom serve` receiving SIGTERM while a slow SMTP server holds its
/// mail: it stops within the grace period, and what it did not send is back in the queue,
/// claimable at once by another process.
async fn sigterm_stops_busy(backend: Backend, command: &str) {
    let app = spawn_app(backend).await;
    app.smtp.answer_data_after(StdDuration::from_millis(1000));
    queue(&app, 40).await;
    let mut cmd = app.cli();
    cmd.arg(command)
        .env("BANGKOM_LISTEN", "127.0.0.1:0")
        .env("BANGKOM_SMTP_URL", app.smtp.url())
        .env("BANGKOM_MAIL_CONNECTIONS", "2")
        .env("BANGKOM_SHUTDOWN_GRACE_SECONDS", "3")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = tokio::process::Command::from(cmd).kill_on_drop(true).spawn().expect("it starts");
    app.smtp.wait_for(1).await;
    let pid = child.id().expect("running").to_string();
    let term = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(term.success());
    // 40 messages at 1 s each on two connections would take 20 s: it must stop long before.
    let exit = tokio::time::timeout(StdDuration::from_secs(12), child.wait())
        .await
        .unwrap_or_else(|_| panic!("`bangkom {command}` still running 12 s after SIGTERM (grace 3 s)"))
        .unwrap();
    assert!(exit.success(), "{exit}");

    let received = app.smtp.received().await;
    let rows = rows(&app).await;
    let sent = rows.iter().filter(|r| r.state == MailState::Sent).count();
    assert!((1..40).contains(&sent), "it was busy and stopped early: {sent} sent");
    assert_eq!(received.len(), sent, "what arrived is what is marked sent");
    for row in rows.iter().filter(|r| r.state != MailState::Sent) {
        assert_eq!((row.state, row.attempts, row.locked_until), (MailState::Queued, 0, None), "{row:?}");
    }
    // Another process takes the rest at once, without waiting for a lease.
    let claimed =
        delivery::claim(&app.db, 100, chrono::Duration::minutes(2), "next", Utc::now()).await.unwrap();
    assert_eq!(claimed.len(), 40 - sent);
}

async fn sigterm_stops_a_busy_worker_within_the_grace_period_and_gives_mail_back(backend: Backend) {
    sigterm_stops_busy(backend, "worker").await;
}

async fn sigterm_stops_a_busy_serve_within_the_grace_period_and_gives_mail_back(backend: Backend) {
    sigterm_stops_busy(backend, "serve").await;
}

/// A restore resets row ids, so a new message can get the id of one already sent: its
/// Message-ID must still be new (a receiver that drops repeats would discard it).
async fn message_ids_stay_unique_after_a_restore_reuses_row_ids(backend: Backend) {
    let app = spawn_app(backend).await;
    queue(&app, 1).await;
    app.deliver_mail().await;
    let before = rows(&app).await.remove(0);
    // The restore: the table back to an earlier state, the id counter with it.
    app.db.execute_unprepared("DELETE FROM mail_outbox").await.unwrap();
    let reset_ids = match app.db.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            "SELECT setval(pg_get_serial_sequence('mail_outbox', 'id'), 1, false)"
        }
        _ => "DELETE FROM sqlite_sequence WHERE name = 'mail_outbox'",
    };
    app.db.execute_unprepared(reset_ids).await.unwrap();
    outbox::enqueue(&app.db, "after-restore", &message(1), &[], Utc::now()).await.unwrap();
    app.deliver_mail().await;
    let after = rows(&app).await.remove(0);
    assert_eq!(after.id, before.id, "the restore reused the row id");
    let ids = message_ids(&app.smtp.wait_for(2).await);
    assert_ne!(ids[0], ids[1], "a new message, a new Message-ID");
    assert_eq!(after.message_id.as_deref(), ids[1].strip_prefix("Message-ID: "));
}

/// An SMTP server refusing mail: each failed attempt is a WARN line with the outbox id and
/// the reason, a message given up an ERROR line.
async fn failed_attempts_and_dead_messages_reach_the_log(backend: Backend) {
    let app = spawn_app(backend).await;
    queue(&app, 1).await;
    let id = rows(&app).await[0].id;
    app.smtp.refuse_messages(true);
    let run = |attempts: &str| {
        let mut cmd = app.cli();
        cmd.args(["jobs", "run", "mail-delivery"])
            .env("BANGKOM_SMTP_URL", app.smtp.url())
            .env("BANGKOM_MAIL_MAX_ATTEMPTS", attempts);
        crate::support::run_ok(&mut cmd)
    };
    let first = String::from_utf8_lossy(&run("2").stderr).into_owned();
    let warn = first.lines().find(|l| l.contains("WARN")).unwrap_or_else(|| panic!("no WARN line: {first}"));
    assert!(warn.contains(&format!("outbox_id={id}")) && warn.contains("550"), "{warn}");
    assert!(!first.contains("ERROR"), "{first}");

    // Due again (the backoff over), and the last attempt.
    app.db.execute_unprepared("UPDATE mail_outbox SET next_attempt_at = created_at").await.unwrap();
    let second = String::from_utf8_lossy(&run("2").stderr).into_owned();
    let error =
        second.lines().find(|l| l.contains("ERROR")).unwrap_or_else(|| panic!("no ERROR line: {second}"));
    assert!(error.contains(&format!("outbox_id={id}")) && error.contains("dead"), "{error}");
    assert_eq!(rows(&app).await[0].state, MailState::Dead);
}

/// The ledger unreachable when a slot comes (here: its table gone for a moment): the slot is
/// not lost, the next tick claims and runs it.
async fn a_slot_whose_claim_failed_is_claimed_on_the_next_tick(backend: Backend) {
    use bangkom_entities::enums::JobOutcome;
    use bangkom_entities::schema::job_runs;
    use sea_orm::{ColumnTrait, QueryFilter};

    let app = spawn_app(backend).await;
    let mut jobs = app.jobs.clone();
    // 02:00 in Jakarta: competency-gaps' 01:30 slot is the latest.
    let now = "2026-12-05T19:00:00Z".parse::<chrono::DateTime<Utc>>().unwrap();
    let slot = "2026-12-05T18:30:00Z".parse::<chrono::DateTime<Utc>>().unwrap();
    jobs.clock = Arc::new(bangkom_jobs::clock::ManualClock::new(now));
    let ticker = bangkom_jobs::scheduler::Ticker::new(jobs);
    let tick = || async {
        for run in ticker.tick().await {
            run.await.unwrap();
        }
    };

    app.db.execute_unprepared("ALTER TABLE job_runs RENAME TO job_runs_away").await.unwrap();
    tick().await;
    app.db.execute_unprepared("ALTER TABLE job_runs_away RENAME TO job_runs").await.unwrap();
    assert_eq!(job_runs::Entity::find().all(&app.db).await.unwrap().len(), 0, "nothing could be claimed");

    tick().await;
    let run = job_runs::Entity::find()
        .filter(job_runs::Column::JobName.eq("competency-gaps"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the slot is claimed on the next tick");
    assert_eq!((run.slot_at, run.outcome), (slot, JobOutcome::Succeeded));
    // And only once.
    tick().await;
    let runs = job_runs::Entity::find()
        .filter(job_runs::Column::JobName.eq("competency-gaps"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(runs.len(), 1);
}

/// PostgreSQL going away and coming back (a proxy in front of it, stopped and restarted):
/// `/healthz` answers 503 within its 2 s, a page 503 with the "service disrupted" page within
/// the acquire timeout, in the visitor's language, and both recover without a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_503_quickly_and_recovers_without_restart() {
    use std::time::Instant;
    let Some(backend) = Backend::postgres_or_skip("a_database_outage_answers_503_quickly") else { return };
    let Backend::Postgres(admin) = &backend else { unreachable!() };
    let server = reqwest::Url::parse(admin).unwrap();
    let target = format!("{}:{}", server.host_str().unwrap(), server.port().unwrap_or(5432));
    let target = tokio::net::lookup_host(target).await.unwrap().next().unwrap();
    let proxy = crate::support::proxy::TcpProxy::start(target).await;
    let app = crate::support::spawn_app_with(backend, |s| {
        let mut url = reqwest::Url::parse(s.database_url.expose()).unwrap();
        url.set_host(Some("127.0.0.1")).unwrap();
        url.set_port(Some(proxy.port)).unwrap();
        s.database_url = bangkom::config::DatabaseUrl::parse(url.as_str()).unwrap();
        s.database_acquire_timeout = StdDuration::from_secs(3);
    })
    .await;
    let sign_in =
        || app.post_form("/masuk", &[("identifier", "siapa@bkpsdm.go.id"), ("password", "salah-sekali")]);
    let healthy = sign_in().await.status();
    assert!(healthy.is_client_error() || healthy.is_success(), "{healthy}");
    assert_eq!(app.get("/healthz").await.status(), 200);

    proxy.stop();
    let started = Instant::now();
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 503);
    assert!(started.elapsed() < StdDuration::from_millis(2900), "/healthz took {:?}", started.elapsed());

    let started = Instant::now();
    let page = sign_in().await;
    let took = started.elapsed();
    assert_eq!(page.status(), 503);
    assert!(page.headers().contains_key("retry-after"));
    let body = page.text().await.unwrap();
    assert!(body.contains("Layanan sedang gangguan, coba lagi"), "{body}");
    assert!(took < StdDuration::from_secs(3 + 2), "the page took {took:?} with a 3 s acquire timeout");
    app.cookies.add_cookie_str("bangkom_lang=en", &reqwest::Url::parse(&app.address).unwrap());
    let body = sign_in().await.text().await.unwrap();
    assert!(body.contains("The service is having trouble, try again"), "{body}");

    proxy.restart();
    let mut status = 0;
    for _ in 0..50 {
        status = app.get("/healthz").await.status().as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(200)).await;
    }
    assert_eq!(status, 200, "recovered without a restart");
    assert_eq!(sign_in().await.status(), healthy);
}

/// SQLite on a file system that fills up: writes fail while it is full, and succeed again
/// once space is freed, without a restart; `/healthz` says so meanwhile. (Needs a small
/// tmpfs of its own: run as root, or the test says it was skipped.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_recovers_by_itself_after_the_disk_was_full() {
    let mount = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
        .arg(mount.path())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!(
            "SKIPPED: sqlite_recovers_by_itself_after_the_disk_was_full (cannot mount a tmpfs: not root)"
        );
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mount.path().to_owned());
    let db_file = mount.path().join("bangkom.db");
    let app = crate::support::spawn_app_with(Backend::Sqlite, |s| {
        s.database_url =
            bangkom::config::DatabaseUrl::parse(&format!("sqlite://{}?mode=rwc", db_file.display())).unwrap();
    })
    .await;
    // A write that needs pages: a big batch of outbox rows in one transaction.
    let write = |tag: &'static str| {
        let db = app.db.clone();
        async move {
            let txn = bangkom_entities::tx::begin_write(&db).await?;
            let big = Composed { html: "x".repeat(64 * 1024), ..message(0) };
            for i in 0..8 {
                outbox::enqueue(&txn, &format!("{tag}:{i}"), &big, &[], Utc::now()).await?;
            }
            txn.commit().await
        }
    };
    write("before").await.expect("writes work while there is space");

    // Fill the file system.
    let filler = mount.path().join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
    let mut failed = false;
    for round in 0..5 {
        if write(["full0", "full1", "full2", "full3", "full4"][round]).await.is_err() {
            failed = true;
        }
    }
    assert!(failed, "a write fails while the disk is full");
    assert_eq!(app.get("/healthz").await.status(), 503, "/healthz reports a database that cannot write");

    std::fs::remove_file(&filler).unwrap();
    // Every pooled connection gets a chance to be the one used.
    for round in 0..10 {
        let tag: &'static str = Box::leak(format!("after{round}").into_boxed_str());
        write(tag).await.unwrap_or_else(|e| panic!("write {round} after space returned: {e}"));
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
}
