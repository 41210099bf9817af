//! The evaluation-survey and mail-delivery benchmark of docs/BENCHMARKS.md (issue 5).
//!
//! ```sh
//! cargo build --release -p bangkom          # the worker of the kill-and-restart run
//! cargo bench -p bangkom-tests --bench surveys_mail -- --backend sqlite
//! cargo bench -p bangkom-tests --bench surveys_mail -- --backend postgres
//! ```
//!
//! Options (after `--`): `--backend sqlite|postgres`, `--invitations N` (20000),
//! `--connections 16[,32…]` (the delivery concurrency: messages sent at once, one pooled SMTP
//! connection each; every value gets a full delivery and a lettre-alone run), `--single N`
//! (messages lettre alone sends on one connection, 300), `--kills N` (SIGKILLs of the real
//! worker, 3; 0 skips the run), `--worker PATH` (target/release/bangkom),
//! `--postgres URL` (postgres://postgres@127.0.0.1:5432/test, where the bench database is
//! created and dropped).
//!
//! 1. A database gets the synthetic data set (`bangkom seed synthetic`) and, set-based, one
//!    batch whose N participants passed an hour ago. The job clock is set years ahead of
//!    the synthetic data, so only those N completions are due.
//! 2. `survey-dispatch` runs (timed): N level-1 invitations, each with its outbox message.
//!    It runs a second time, which must create nothing.
//! 3. For each concurrency: every message is delivered through `jobs/src/delivery.rs`
//!    (claim, send, mark) to an SMTP sink on loopback (timed); then lettre alone sends the
//!    same messages to the same sink with the same concurrency and pool (the ceiling).
//! 4. The real `bangkom worker` delivers them all once more and is killed with SIGKILL
//!    several times on the way; the sink counts each outbox Message-ID.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration as StdDuration, Instant};

use bangkom::config::DatabaseUrl;
use bangkom_entities::enums::{BatchStatus, MailState};
use bangkom_entities::schema::{mail_outbox, training_batches};
use bangkom_jobs::clock::{Clock, ManualClock};
use bangkom_jobs::delivery::{self, DeliverySettings};
use bangkom_jobs::mail::{Mailer, MailerConfig};
use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::StreamExt;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, Database, DatabaseConnection,
    DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Statement, Value,
};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

struct Options {
    backend: String,
    invitations: u64,
    connections: Vec<usize>,
    single: usize,
    kills: usize,
    worker: PathBuf,
    postgres: String,
    /// Only the kill-and-restart run after the data and dispatch.
    kill_only: bool,
}

fn options() -> Options {
    let mut o = Options {
        backend: "sqlite".into(),
        invitations: 20_000,
        connections: vec![16],
        single: 300,
        kills: 3,
        worker: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/bangkom"),
        postgres: "postgres://postgres@127.0.0.1:5432/test".into(),
        kill_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--backend" => o.backend = value(),
            "--invitations" => o.invitations = value().parse().expect("--invitations N"),
            "--connections" => {
                o.connections = value().split(',').map(|v| v.parse().expect("--connections 16,32")).collect();
            }
            "--single" => o.single = value().parse().expect("--single N"),
            "--kills" => o.kills = value().parse().expect("--kills N"),
            "--worker" => o.worker = PathBuf::from(value()),
            "--postgres" => o.postgres = value(),
            "--kill-only" => o.kill_only = true,
            // cargo bench passes --bench.
            _ => {}
        }
    }
    o
}

/// An SMTP server on loopback that accepts everything and counts each Message-ID.
#[derive(Clone, Default)]
struct Sink {
    port: u16,
    ids: Arc<Mutex<HashMap<String, u32>>>,
    messages: Arc<AtomicU64>,
}

impl Sink {
    async fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Sink { port: listener.local_addr().unwrap().port(), ..Sink::default() };
        let handle = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let _ = stream.set_nodelay(true);
                let handle = handle.clone();
                tokio::spawn(async move {
                    let _ = handle.session(stream).await;
                });
            }
        });
        sink
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn count(&self) -> u64 {
        self.messages.load(Ordering::SeqCst)
    }

    async fn take_ids(&self) -> HashMap<String, u32> {
        self.messages.store(0, Ordering::SeqCst);
        std::mem::take(&mut *self.ids.lock().await)
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink ESMTP\r\n").await?;
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let upper = line.trim_end().to_ascii_uppercase();
            if upper.starts_with("EHLO") {
                write.write_all(b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n").await?;
            } else if upper == "DATA" {
                write.write_all(b"354 end with .\r\n").await?;
                let mut id = None;
                let mut in_headers = true;
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    if in_headers {
                        if line == "\r\n" {
                            in_headers = false;
                        } else if let Some(v) = line.strip_prefix("Message-ID:") {
                            id = Some(v.trim().to_owned());
                        }
                    }
                }
                *self.ids.lock().await.entry(id.unwrap_or_default()).or_default() += 1;
                self.messages.fetch_add(1, Ordering::SeqCst);
                write.write_all(b"250 queued\r\n").await?;
            } else if upper == "QUIT" {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                // HELO, MAIL, RCPT, RSET, NOOP.
                write.write_all(b"250 OK\r\n").await?;
            }
        }
    }
}

/// A statement written with `$1, $2…`; SQLite takes them as `?1, ?2…`.
fn stmt(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Sqlite { sql.replace('$', "?") } else { sql.to_owned() };
    Statement::from_sql_and_values(backend, sql, values)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split(' ')
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn rate(n: u64, elapsed: StdDuration) -> f64 {
    n as f64 / elapsed.as_secs_f64()
}

fn mailer(url: &str, connections: usize) -> Mailer {
    Mailer::new(&MailerConfig {
        smtp_url: Some(url.to_owned()),
        dir: std::env::temp_dir(),
        from: "Bangkom <bangkom@localhost>".parse().unwrap(),
        connections,
    })
    .unwrap()
}

/// Every outbox row queued again, due at `at`, as if never sent.
async fn requeue(db: &DatabaseConnection, at: DateTime<Utc>) {
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::State, Expr::value(MailState::Queued))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(at))
        .col_expr(mail_outbox::Column::Attempts, Expr::value(0))
        .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(mail_outbox::Column::SentAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(mail_outbox::Column::Id.gt(0))
        .exec(db)
        .await
        .unwrap();
}

async fn sent(db: &DatabaseConnection) -> u64 {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::State.eq(MailState::Sent))
        .count(db)
        .await
        .unwrap()
}

#[tokio::main]
async fn main() {
    let o = options();
    let work = tempfile::tempdir().unwrap();
    let bench_db = format!("bangkom_bench_surveys_{}", std::process::id());
    let url = match o.backend.as_str() {
        "sqlite" => format!("sqlite://{}?mode=rwc", work.path().join("bench.db").display()),
        "postgres" => {
            let admin = Database::connect(&o.postgres).await.expect("PostgreSQL (--postgres URL)");
            admin.execute_unprepared(&format!("CREATE DATABASE {bench_db}")).await.unwrap();
            let base = o.postgres.rsplit_once('/').unwrap().0;
            format!("{base}/{bench_db}")
        }
        other => panic!("--backend sqlite or postgres, not {other}"),
    };
    let (cpus, memory) = (
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| m.lines().next().map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned()))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024 / 1024),
    );
    println!(
        "Backend {}, {} invitations; {cpus} CPUs, {memory} GiB; load average {}",
        o.backend,
        o.invitations,
        load_average()
    );

    let db = bangkom::db::connect(&DatabaseUrl::parse(&url).unwrap()).await.unwrap();
    bangkom::db::migrate(&db).await.unwrap();
    let backend = db.get_database_backend();

    // 1. Data: the synthetic region, then one batch whose participants all passed.
    let started = Instant::now();
    let employees = u32::try_from(o.invitations * 11 / 10).unwrap();
    let options = bangkom::seed::synthetic::Options { employees, agencies: 20, seed: 1 };
    bangkom::seed::synthetic::run(&db, options).await.unwrap();
    let synthetic = started.elapsed();
    // The job clock: far past the synthetic data's dates, so none of its completions or
    // batches is in a dispatch window.
    let now = Utc.with_ymd_and_hms(2040, 3, 2, 3, 0, 0).unwrap();
    let started = Instant::now();
    let program: i64 = db
        .query_one_raw(Statement::from_string(backend, "SELECT MIN(id) AS id FROM training_programs"))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let day = (now - Duration::days(1)).date_naive();
    let batch = training_batches::ActiveModel {
        program_id: Set(program),
        batch_number: Set(9_999),
        name: Set("Angkatan tolok ukur".into()),
        starts_on: Set(day - Duration::days(2)),
        ends_on: Set(day),
        quota: Set(i32::try_from(o.invitations).unwrap()),
        seats_taken: Set(i32::try_from(o.invitations).unwrap()),
        status: Set(BatchStatus::Completed),
        next_certificate_seq: Set(1),
        created_at: Set(now - Duration::days(30)),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let completed = now - Duration::hours(1);
    let inserted = db
        .execute_raw(stmt(
            backend,
            "INSERT INTO enrolments (batch_id, employee_id, state, requested_at, completed_at, created_at, updated_at) \
             SELECT $1, e.id, $2, $3, $4, $3, $4 FROM employees e \
             WHERE e.is_active = $5 AND e.email IS NOT NULL ORDER BY e.id LIMIT $6",
            vec![
                batch.id.into(),
                "passed".into(),
                (now - Duration::days(30)).into(),
                completed.into(),
                true.into(),
                i64::try_from(o.invitations).unwrap().into(),
            ],
        ))
        .await
        .unwrap()
        .rows_affected();
    println!(
        "Seeded: synthetic data set of {employees} employees in {:.1} s; {inserted} passed completions in {:.2} s",
        synthetic.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );

    // 2. survey-dispatch.
    let sink = Sink::start().await;
    let clock = ManualClock::new(now);
    let connections = o.connections[0];
    let ctx = bangkom_jobs::JobContext {
        db: db.clone(),
        mailer: mailer(&sink.url(), connections),
        from: "Bangkom <bangkom@localhost>".parse().unwrap(),
        base_url: "https://bangkom.example.go.id/".parse().unwrap(),
        tz: chrono_tz::Asia::Jakarta,
        clock: Arc::new(clock.clone()),
        delivery: DeliverySettings { concurrency: connections, ..DeliverySettings::default() },
        holder: "bench".into(),
        schedules: HashMap::new(),
        surveys: bangkom_entities::surveys::SurveySettings::default(),
        mentoring: bangkom_entities::mentoring::MentoringSettings::default(),
        shutdown: bangkom_jobs::shutdown::Shutdown::default(),
    };
    let started = Instant::now();
    let first = bangkom_jobs::run_now(&ctx, "survey-dispatch").await.unwrap();
    let create = started.elapsed();
    let queued = mail_outbox::Entity::find().count(&db).await.unwrap();
    println!(
        "survey-dispatch: {first} in {:.2} s ({:.0} invitations/s); outbox rows {queued}; load average {}",
        create.as_secs_f64(),
        rate(first.counts["invited"], create),
        load_average()
    );
    let started = Instant::now();
    let again = bangkom_jobs::run_now(&ctx, "survey-dispatch").await.unwrap();
    println!("survey-dispatch again: {again} in {:.2} s", started.elapsed().as_secs_f64());
    assert_eq!(again.counts["invited"], 0, "a second run creates nothing");
    assert_eq!(mail_outbox::Entity::find().count(&db).await.unwrap(), queued);

    let from: lettre::message::Mailbox = "Bangkom <bangkom@localhost>".parse().unwrap();
    let rows = mail_outbox::Entity::find().order_by_asc(mail_outbox::Column::Id).all(&db).await.unwrap();
    let messages: Vec<lettre::Message> =
        rows.iter().map(|r| delivery::build_message(r, &from, "bangkom.example.go.id").unwrap()).collect();

    // 3. Delivery through delivery.rs, then lettre alone, per concurrency.
    let mut first_round = true;
    for &connections in if o.kill_only { &[][..] } else { &o.connections[..] } {
        if !first_round {
            requeue(&db, clock.now()).await;
        }
        first_round = false;
        sink.take_ids().await;
        let settings = DeliverySettings { concurrency: connections, ..DeliverySettings::default() };
        let transport = mailer(&sink.url(), connections);
        let clock: Arc<dyn Clock> = Arc::new(clock.clone());
        let started = Instant::now();
        let report = delivery::deliver_all_due(&db, &transport, &from, &settings, &clock).await.unwrap();
        let took = started.elapsed();
        let ids = sink.take_ids().await;
        let load = load_average();
        println!(
            "delivery.rs, {connections} connections: sent {} (retrying {}, dead {}) in {:.2} s = {:.0} msg/s; \
             the sink got {} messages, {} distinct Message-IDs; load average {load}",
            report.sent,
            report.retrying,
            report.dead,
            took.as_secs_f64(),
            rate(report.sent, took),
            ids.values().sum::<u32>(),
            ids.len(),
        );

        let lettre = AsyncSmtpTransport::<Tokio1Executor>::from_url(&sink.url())
            .unwrap()
            .pool_config(PoolConfig::new().max_size(u32::try_from(connections).unwrap()))
            .build();
        let started = Instant::now();
        let ok = lettre_alone(&lettre, &messages, connections).await;
        let took = started.elapsed();
        println!(
            "lettre alone, {connections} connections: {ok} of {} in {:.2} s = {:.0} msg/s (sink got {}); load average {}",
            messages.len(),
            took.as_secs_f64(),
            rate(ok, took),
            sink.count(),
            load_average()
        );
        sink.take_ids().await;
    }
    if o.single > 0 && !o.kill_only {
        let lettre = AsyncSmtpTransport::<Tokio1Executor>::from_url(&sink.url())
            .unwrap()
            .pool_config(PoolConfig::new().max_size(1))
            .build();
        let some = &messages[..o.single.min(messages.len())];
        let started = Instant::now();
        let ok = lettre_alone(&lettre, some, 1).await;
        let took = started.elapsed();
        println!(
            "lettre alone, 1 connection: {ok} in {:.2} s = {:.1} msg/s; load average {}",
            took.as_secs_f64(),
            rate(ok, took),
            load_average()
        );
        sink.take_ids().await;
    }

    // 4. The real worker, killed with SIGKILL mid-delivery, then restarted.
    if o.kills > 0 {
        kill_and_restart(&o, &db, &url, &sink, &rows, work.path()).await;
    }

    db.close().await.unwrap();
    if o.backend == "postgres" {
        let admin = Database::connect(&o.postgres).await.unwrap();
        admin.execute_unprepared(&format!("DROP DATABASE {bench_db} WITH (FORCE)")).await.unwrap();
    }
}

async fn lettre_alone(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    messages: &[lettre::Message],
    connections: usize,
) -> u64 {
    futures::stream::iter(messages)
        .map(|m| async move { transport.send(m.clone()).await.is_ok() })
        .buffer_unordered(connections)
        .filter(|ok| std::future::ready(*ok))
        .count()
        .await as u64
}

async fn kill_and_restart(
    o: &Options,
    db: &DatabaseConnection,
    url: &str,
    sink: &Sink,
    rows: &[mail_outbox::Model],
    work: &std::path::Path,
) {
    let binary = std::fs::canonicalize(&o.worker)
        .unwrap_or_else(|_| panic!("{} is missing: cargo build --release -p bangkom", o.worker.display()));
    requeue(db, Utc::now()).await;
    sink.take_ids().await;
    let total = rows.len() as u64;
    let worker = || {
        std::process::Command::new(&binary)
            .arg("worker")
            .current_dir(work)
            .env("BANGKOM_DATABASE_URL", url)
            .env("BANGKOM_SMTP_URL", sink.url())
            .env("BANGKOM_BASE_URL", "https://bangkom.example.go.id/")
            .env("BANGKOM_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the worker starts")
    };
    let started = Instant::now();
    let mut in_flight_total = 0;
    for k in 1..=o.kills {
        let mut child = worker();
        // Kill after another share of the messages arrived.
        let target = total * k as u64 / (o.kills as u64 + 1);
        while sink.count() < target {
            tokio::time::sleep(StdDuration::from_millis(5)).await;
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let in_flight = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::State.eq(MailState::Sending))
            .count(db)
            .await
            .unwrap();
        in_flight_total += in_flight;
        println!(
            "kill {k}: {} messages at the sink, {} rows marked sent, {in_flight} rows claimed (sending)",
            sink.count(),
            sent(db).await
        );
        // The killed worker's lease (5 minutes) stands between it and the next worker:
        // expire it instead of waiting.
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::LockedUntil, Expr::value(Utc::now() - Duration::seconds(1)))
            .filter(mail_outbox::Column::State.eq(MailState::Sending))
            .exec(db)
            .await
            .unwrap();
    }
    let mut last = worker();
    // The worker's own scheduled jobs may queue other messages: wait for these rows only.
    let last_id = rows.iter().map(|r| r.id).max().unwrap_or(0);
    let unsent = || {
        mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Id.lte(last_id))
            .filter(mail_outbox::Column::State.ne(MailState::Sent))
            .count(db)
    };
    while unsent().await.unwrap() > 0 {
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    // Let the sink see the last replies' messages.
    tokio::time::sleep(StdDuration::from_millis(500)).await;
    last.kill().unwrap();
    last.wait().unwrap();
    let took = started.elapsed();
    let ids = sink.take_ids().await;
    let expected: HashSet<String> =
        rows.iter().map(|r| format!("<outbox-{}@bangkom.example.go.id>", r.id)).collect();
    let lost = expected.iter().filter(|id| !ids.contains_key(*id)).count();
    let duplicates: u32 = expected.iter().filter_map(|id| ids.get(id)).map(|n| n - 1).sum();
    let others = ids.keys().filter(|id| !expected.contains(*id)).count();
    println!(
        "kill-and-restart: {} messages, {} SIGKILLs, {:.1} s in all; lost {lost}, duplicates {duplicates} \
         (rows claimed at the kills: {in_flight_total}); other messages {others}; load average {}",
        total,
        o.kills,
        took.as_secs_f64(),
        load_average()
    );
}
