//! Training enrolment under load (issue 4), reported in docs/BENCHMARKS.md; not a test.
//!
//! For each backend (a new SQLite file, then a new PostgreSQL database that is dropped
//! afterwards) it starts the real server in this process (`Application::build`, as
//! production does), creates a batch with a quota of 40 open for enrolment and 2,000
//! eligible employees, each with an account and a personal API token, and then fires the
//! 2,000 enrolment requests (`POST /api/v1/batches/{id}/enrolments`) at the same moment.
//! It checks what the issue asks (exactly 40 enrolled, 1,960 waitlisted at positions
//! 1..1,960 in arrival order, no 5xx) and reports requests per second and p50/p99 latency.
//!
//! Arrival order is the server's commit order: every seat or waitlist decision is made
//! under the batch's write lock and recorded as an `enrolment_events` row in the same
//! transaction, so the event ids give the order in which the decisions were committed.
//! The first 40 decisions must be the seats and the next 1,960 the waitlist places 1, 2, …
//!
//! Part two measures the employee home page with `wrk` (signed in by a session cookie)
//! beside a bare axum hello-world handler served by this same process on another port, in
//! the same run, and prints the ratio.
//!
//! ```sh
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench -p bangkom-tests --bench training_load
//! ```
//!
//! Settings (environment): `BENCH_BACKENDS` (`sqlite,postgres`), `BENCH_POSTGRES_URL`
//! (an admin URL; the default is the one above), `BENCH_EMPLOYEES` (2000), `BENCH_QUOTA`
//! (40), `BENCH_WRK_SECONDS` (10), `BENCH_WRK_CONNECTIONS` (64).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bangkom::{Application, Settings};
use bangkom_entities::auth::{hash_secret, new_secret, sessions};
use bangkom_entities::enums::{
    AgencyKind, EmploymentType, EnrolmentState, Grade, Locale, PositionFamily, Role,
};
use bangkom_entities::schema::{
    agencies, api_tokens, employees, enrolment_events, enrolments, positions, training_batches, users,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, Database, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; anything else (a filter) is ignored.
    let backends = std::env::var("BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("machine: {} cores; load average before: {}", num_cpus(), loadavg());
    for backend in backends.split(',').map(str::trim).filter(|b| !b.is_empty()) {
        runtime.block_on(run(backend));
    }
    println!("load average after: {}", loadavg());
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// A fresh database: a SQLite file in a temporary folder, or a new PostgreSQL database.
struct BenchDatabase {
    url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl BenchDatabase {
    async fn create(backend: &str) -> BenchDatabase {
        match backend {
            "sqlite" => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
                BenchDatabase { url, _dir: Some(dir), postgres: None }
            }
            "postgres" => {
                let admin_url = std::env::var("BENCH_POSTGRES_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
                let name = format!("bangkom_bench_{}", &new_secret()[..10]);
                let admin = Database::connect(&admin_url).await.expect("PostgreSQL (BENCH_POSTGRES_URL)");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create database");
                admin.close().await.ok();
                let base = admin_url.rsplit_once('/').map(|(b, _)| b).expect("a URL with a database");
                BenchDatabase { url: format!("{base}/{name}"), _dir: None, postgres: Some((admin_url, name)) }
            }
            other => panic!("unknown backend {other} (sqlite or postgres)"),
        }
    }

    async fn drop_database(&self) {
        if let Some((admin_url, name)) = &self.postgres {
            let admin = Database::connect(admin_url).await.expect("PostgreSQL");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .expect("drop the bench database");
            admin.close().await.ok();
        }
    }
}

struct Figures {
    rps: f64,
    p50: Duration,
    p99: Duration,
    max: Duration,
    wall: Duration,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

async fn run(backend: &str) {
    let employees_n: usize = env_or("BENCH_EMPLOYEES", 2000);
    let quota: i32 = env_or("BENCH_QUOTA", 40);
    println!("\n== {backend}: {employees_n} simultaneous enrolments, quota {quota} ==");
    let database = BenchDatabase::create(backend).await;
    let work_dir = tempfile::tempdir().expect("temp dir");

    // The server, in this process, exactly as `bangkom serve` builds it.
    let mut settings = Settings::defaults();
    settings.database_url = bangkom::config::DatabaseUrl::parse(&database.url).expect("database URL");
    settings.listen = "127.0.0.1:0".parse().unwrap();
    settings.base_url = "http://127.0.0.1:0/".parse().unwrap();
    settings.mail.dir = work_dir.path().join("mail");
    settings.jobs_enabled = false;
    let application = Application::build(settings).await.expect("the application starts");
    let address = format!("http://127.0.0.1:{}", application.port());
    let db = application.db().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until(async {
        let _ = stopped.await;
    }));

    // The world: a region, an agency, a position, an admin, the employees with tokens.
    let started = Instant::now();
    let world = World::create(&db, employees_n).await;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(usize::MAX)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let api = |token: &str, path: &str, body: Value| {
        client.post(format!("{address}{path}")).bearer_auth(token).json(&body).send()
    };
    let program = api(
        &world.admin_token,
        "/api/v1/programs",
        json!({
            "code": "BENCH", "title": "Pelatihan beban", "method": "pelatihan", "delivery": "face_to_face",
            "organizer_kind": "in_house", "organizer_name": "BKPSDM", "jp": 24,
        }),
    )
    .await
    .unwrap();
    assert_eq!(program.status(), 201);
    let program: Value = program.json().await.unwrap();
    let batch = api(
        &world.admin_token,
        "/api/v1/batches",
        json!({
            "program_id": program["id"], "starts_on": "2031-03-02", "ends_on": "2031-03-04",
            "daily_start_time": "08:00", "daily_end_time": "16:00", "place": "Aula BKPSDM", "quota": quota,
        }),
    )
    .await
    .unwrap();
    assert_eq!(batch.status(), 201);
    let batch_id = batch.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let opened =
        api(&world.admin_token, &format!("/api/v1/batches/{batch_id}/status"), json!({"action": "open"}))
            .await
            .unwrap();
    assert_eq!(opened.status(), 200);
    println!("setup: {} employees with tokens in {:.1?}", world.tokens.len(), started.elapsed());

    // Part one: every request at the same moment.
    let load_before = loadavg();
    let gun = Arc::new(tokio::sync::Barrier::new(world.tokens.len() + 1));
    let mut tasks = Vec::with_capacity(world.tokens.len());
    for token in &world.tokens {
        let gun = gun.clone();
        let request = client
            .post(format!("{address}/api/v1/batches/{batch_id}/enrolments"))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body("{}");
        tasks.push(tokio::spawn(async move {
            gun.wait().await;
            let sent = Instant::now();
            let response = request.send().await;
            let (status, body) = match response {
                Ok(r) => {
                    let status = r.status().as_u16();
                    (status, r.text().await.unwrap_or_default())
                }
                Err(e) => (0, e.to_string()),
            };
            (status, body, sent.elapsed())
        }));
    }
    gun.wait().await;
    let t0 = Instant::now();
    let mut results = Vec::with_capacity(tasks.len());
    for t in tasks {
        results.push(t.await.unwrap());
    }
    let wall = t0.elapsed();
    let load_after = loadavg();
    let mut latencies: Vec<Duration> = results.iter().map(|(_, _, d)| *d).collect();
    latencies.sort();
    let figures = Figures {
        rps: results.len() as f64 / wall.as_secs_f64(),
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        max: *latencies.last().unwrap(),
        wall,
    };
    let mut by_status: HashMap<u16, usize> = HashMap::new();
    for (status, _, _) in &results {
        *by_status.entry(*status).or_default() += 1;
    }
    let server_errors: usize = by_status.iter().filter(|(s, _)| **s >= 500 || **s == 0).map(|(_, n)| n).sum();

    // What the database holds.
    let rows = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .order_by_asc(enrolments::Column::Id)
        .all(&db)
        .await
        .unwrap();
    let enrolled = rows.iter().filter(|e| e.state == EnrolmentState::Enrolled).count();
    let waitlisted = rows.iter().filter(|e| e.state == EnrolmentState::Waitlisted).count();
    let seats_taken =
        training_batches::Entity::find_by_id(batch_id).one(&db).await.unwrap().unwrap().seats_taken;
    // The decisions in commit order: the events that seated or waitlisted someone.
    let decisions = enrolment_events::Entity::find()
        .filter(enrolment_events::Column::EnrolmentId.is_in(rows.iter().map(|e| e.id)))
        .filter(
            enrolment_events::Column::ToState.is_in([EnrolmentState::Enrolled, EnrolmentState::Waitlisted]),
        )
        .order_by_asc(enrolment_events::Column::Id)
        .all(&db)
        .await
        .unwrap();
    let by_id: HashMap<i64, &enrolments::Model> = rows.iter().map(|e| (e.id, e)).collect();
    let seated_first = decisions.iter().take(quota as usize).all(|d| d.to_state == EnrolmentState::Enrolled);
    let line: Vec<Option<i32>> =
        decisions.iter().skip(quota as usize).map(|d| by_id[&d.enrolment_id].waitlist_position).collect();
    let expected: Vec<Option<i32>> = (1..=(employees_n as i32 - quota)).map(Some).collect();
    let in_arrival_order = seated_first && line == expected && decisions.len() == employees_n;
    // The enrolment ids (the staff list's order) agree with the commit order.
    let ids_agree = decisions.windows(2).all(|w| w[0].enrolment_id < w[1].enrolment_id);
    // Each person was told what the database says.
    let told_truth = results.iter().filter(|(s, _, _)| *s == 201).all(|(_, body, _)| {
        let v: Value = serde_json::from_str(body).unwrap_or_default();
        let row = by_id.get(&v["id"].as_i64().unwrap_or_default());
        row.is_some_and(|r| {
            v["state"] == r.state.as_str()
                && v["waitlist_position"].as_i64() == r.waitlist_position.map(i64::from)
        })
    });
    let mut statuses: Vec<_> = by_status.into_iter().collect();
    statuses.sort();
    println!("statuses: {statuses:?}");
    if server_errors > 0 {
        let sample = results.iter().find(|(s, _, _)| *s >= 500 || *s == 0).map(|(_, b, _)| b.as_str());
        println!("a failed request said: {sample:?}");
    }
    println!(
        "enrolled {enrolled}, waitlisted {waitlisted}, seats_taken {seats_taken}; waitlist 1..{} in commit order: {in_arrival_order}; \
         enrolment ids in the same order: {ids_agree}; answers match the rows: {told_truth}; 5xx or failed: {server_errors}",
        employees_n as i32 - quota
    );
    println!(
        "{backend} enrolment: {:.0} req/s ({} requests in {:.2?}), p50 {:.2?}, p99 {:.2?}, max {:.2?}; load average {load_before} → {load_after}",
        figures.rps,
        results.len(),
        figures.wall,
        figures.p50,
        figures.p99,
        figures.max
    );
    let ok = enrolled == quota as usize
        && waitlisted == employees_n - quota as usize
        && seats_taken == quota
        && in_arrival_order
        && told_truth
        && server_errors == 0;
    println!("{backend} checks: {}", if ok { "PASS" } else { "FAIL" });

    // Part two: the employee home page under wrk, beside a bare axum handler.
    let session = sessions::start(&db, world.first_user_id, Utc::now()).await.unwrap();
    let bare = bare_axum().await;
    let seconds: u32 = env_or("BENCH_WRK_SECONDS", 10);
    let connections: u32 = env_or("BENCH_WRK_CONNECTIONS", 64);
    let home = wrk(
        &format!("{address}/"),
        Some(&format!("Cookie: bangkom_session={}", session.cookie_value)),
        seconds,
        connections,
    );
    let hello = wrk(&format!("http://{bare}/"), None, seconds, connections);
    if let (Some(home), Some(hello)) = (home, hello) {
        println!(
            "{backend} home page: {home:.0} req/s; bare axum: {hello:.0} req/s; ratio 1 : {:.1} ({:.2}% of bare)",
            hello / home,
            100.0 * home / hello
        );
    }

    let _ = stop.send(());
    let _ = server.await;
    db.close().await.ok();
    database.drop_database().await;
    if !ok {
        std::process::exit(1);
    }
}

/// A bare axum hello-world on another port of this process.
async fn bare_axum() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, World!" }));
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// Runs wrk against `url` and returns its requests per second (None without wrk).
fn wrk(url: &str, header: Option<&str>, seconds: u32, connections: u32) -> Option<f64> {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--latency"]);
    if let Some(h) = header {
        cmd.args(["-H", h]);
    }
    cmd.arg(url);
    let shown: Vec<String> = std::iter::once("wrk".to_string())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .map(|a| if a.starts_with("Cookie:") { "Cookie: bangkom_session=…".into() } else { a })
        .collect();
    println!("$ {}", shown.join(" "));
    // wrk blocks this thread; the server keeps running on the runtime's workers.
    let output = match tokio::task::block_in_place(|| cmd.output()) {
        Ok(o) => o,
        Err(e) => {
            println!("wrk not available ({e}): apt-get install wrk");
            return None;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with("Latency")
            || l.starts_with("50%")
            || l.starts_with("99%")
            || l.contains("requests in")
            || l.starts_with("Non-2xx")
            || l.starts_with("Socket errors")
        {
            println!("  {l}");
        }
    }
    text.lines().find_map(|l| l.trim().strip_prefix("Requests/sec:")).and_then(|v| v.trim().parse().ok())
}

struct World {
    admin_token: String,
    tokens: Vec<String>,
    first_user_id: i64,
}

impl World {
    async fn create(db: &DatabaseConnection, n: usize) -> World {
        let now = Utc::now();
        let region = agencies::ActiveModel {
            code: Set("REG".into()),
            name: Set("Pemerintah Provinsi".into()),
            kind: Set(AgencyKind::Region),
            parent_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        let agency = agencies::ActiveModel {
            code: Set("OPD".into()),
            name: Set("Dinas Pendidikan".into()),
            kind: Set(AgencyKind::Agency),
            parent_id: Set(Some(region.id)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        let position = positions::ActiveModel {
            code: Set("PLK".into()),
            name: Set("Pelaksana".into()),
            family: Set(PositionFamily::Pelaksana),
            agency_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        let account = |email: String, role: Role, employee_id: Option<i64>| users::ActiveModel {
            email: Set(email),
            password_hash: Set("!".into()),
            role: Set(role),
            agency_id: Set(None),
            employee_id: Set(employee_id),
            locale: Set(Locale::Id),
            is_active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            last_login_at: Set(None),
            ..Default::default()
        };
        let admin = account("admin@bench.go.id".into(), Role::Admin, None).insert(db).await.unwrap();
        let admin_token = token(db, admin.id).await;

        // The employees, their accounts and tokens, in chunks (one statement per chunk).
        let mut tokens = Vec::with_capacity(n);
        let mut first_user_id = 0;
        for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
            let nips: Vec<String> = chunk.iter().map(|i| format!("19900101201501{i:04}")).collect();
            employees::Entity::insert_many(chunk.iter().zip(&nips).map(|(i, nip)| employees::ActiveModel {
                nip: Set(nip.clone()),
                name: Set(format!("Peserta {i:04}")),
                email: Set(Some(format!("pegawai{i}@bench.go.id"))),
                employment_type: Set(EmploymentType::Pns),
                agency_id: Set(agency.id),
                position_id: Set(Some(position.id)),
                grade: Set(Some(Grade::IIIa)),
                supervisor_id: Set(None),
                is_active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }))
            .exec(db)
            .await
            .unwrap();
            let people = employees::Entity::find()
                .filter(employees::Column::Nip.is_in(nips))
                .order_by_asc(employees::Column::Id)
                .all(db)
                .await
                .unwrap();
            users::Entity::insert_many(
                people.iter().map(|e| account(e.email.clone().unwrap(), Role::Employee, Some(e.id))),
            )
            .exec(db)
            .await
            .unwrap();
            let accounts = users::Entity::find()
                .filter(users::Column::EmployeeId.is_in(people.iter().map(|e| e.id)))
                .order_by_asc(users::Column::Id)
                .all(db)
                .await
                .unwrap();
            if first_user_id == 0 {
                first_user_id = accounts[0].id;
            }
            let secrets: Vec<String> = accounts
                .iter()
                .map(|_| format!("{}{}", bangkom_entities::auth::tokens::PREFIX, new_secret()))
                .collect();
            api_tokens::Entity::insert_many(accounts.iter().zip(&secrets).map(|(u, s)| {
                api_tokens::ActiveModel {
                    user_id: Set(u.id),
                    name: Set("bench".into()),
                    token_hash: Set(hash_secret(s)),
                    created_at: Set(now),
                    last_used_at: Set(None),
                    revoked_at: Set(None),
                    ..Default::default()
                }
            }))
            .exec(db)
            .await
            .unwrap();
            tokens.extend(secrets);
        }
        World { admin_token, tokens, first_user_id }
    }
}

async fn token(db: &DatabaseConnection, user_id: i64) -> String {
    let (_, secret) =
        bangkom_entities::auth::tokens::create(db, user_id, "bench", Utc::now()).await.unwrap().unwrap();
    secret
}
