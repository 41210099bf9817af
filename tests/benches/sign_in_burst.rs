//! Sign-in bursts (issue 18, item 4), reported in docs/BENCHMARKS.md; not a test.
//!
//! Starts the release server (`target/release/bangkom serve`, a separate process so its RSS is
//! its own) on a fresh SQLite database with the demo data, then runs `BENCH_LOOPS` (64)
//! parallel sign-in loops for `BENCH_SECONDS` (20): each loop fetches the sign-in page for a
//! CSRF token and posts the right password of a demo account, again and again. It samples the
//! server's RSS every 50 ms, reports the peak (`VmHWM`, the kernel's own high-water mark),
//! the RSS before, right after and `BENCH_IDLE_SECONDS` (15) after the burst, the answers by
//! status and the sign-ins per second.
//!
//! ```sh
//! cargo build --release -p bangkom --bin bangkom            # mimalloc (the default)
//! cargo bench -p bangkom-tests --bench sign_in_burst
//! # glibc malloc, for comparison:
//! cargo build --release -p bangkom --bin bangkom --no-default-features
//! cargo bench -p bangkom-tests --bench sign_in_burst
//! ```
//!
//! Settings (environment): `BENCH_BINARY` (target/release/bangkom), `BENCH_LOOPS` (64),
//! `BENCH_SECONDS` (20), `BENCH_IDLE_SECONDS` (15), `BENCH_PASSWORD_QUEUE` (the server's
//! `BANGKOM_PASSWORD_QUEUE`; its default when unset).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const DEMO_PASSWORD: &str = "bangkom-demo-2026";
const ACCOUNTS: &[&str] = &[
    "admin@bangkom.test",
    "operator@bangkom.test",
    "pegawai@bangkom.test",
    "atasan@bangkom.test",
    "mentor@bangkom.test",
];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A field of /proc/PID/status in MB (`VmRSS`, `VmHWM`).
fn status_mb(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| {
            line.strip_prefix(field)?
                .trim_start_matches(':')
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let binary: PathBuf =
        std::env::var_os("BENCH_BINARY").map_or_else(|| root.join("target/release/bangkom"), PathBuf::from);
    let binary = std::fs::canonicalize(&binary).unwrap_or_else(|_| {
        panic!("{} is missing: cargo build --release -p bangkom --bin bangkom", binary.display())
    });
    let loops: usize = env_or("BENCH_LOOPS", 64);
    let seconds: u64 = env_or("BENCH_SECONDS", 20);
    let idle_seconds: u64 = env_or("BENCH_IDLE_SECONDS", 15);

    let work = tempfile::tempdir().expect("temp dir");
    let db_url = format!("sqlite://{}?mode=rwc", work.path().join("bench.db").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let command = |args: &[&str]| {
        let mut cmd = Command::new(&binary);
        cmd.args(args)
            .current_dir(work.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("BANGKOM_DATABASE_URL", &db_url)
            .env("BANGKOM_LISTEN", format!("127.0.0.1:{port}"))
            .env("BANGKOM_JOBS", "off")
            .env("BANGKOM_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        if let Ok(queue) = std::env::var("BENCH_PASSWORD_QUEUE") {
            cmd.env("BANGKOM_PASSWORD_QUEUE", queue);
        }
        cmd
    };
    assert!(command(&["seed", "demo"]).status().expect("seed runs").success(), "bangkom seed demo failed");
    let mut server = command(&["serve"]).spawn().expect("the server starts");
    let pid = server.id();

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let started = Instant::now();
        while client.get(format!("{base}/healthz")).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // One sign-in first, so the idle figure includes what every request allocates once.
        sign_in(&client, &base, ACCOUNTS[0]).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let idle_before = status_mb(pid, "VmRSS");
        println!(
            "machine: {} cores; load average before: {}; server {} (pid {pid}); RSS idle before: {idle_before:.0} MB",
            std::thread::available_parallelism().map_or(0, usize::from),
            loadavg(),
            binary.display()
        );

        let stop = Arc::new(AtomicBool::new(false));
        let answers = Arc::new(std::sync::Mutex::new(BTreeMap::<u16, u64>::new()));
        let signed_in = Arc::new(AtomicU64::new(0));
        let burst_started = Instant::now();
        let tasks: Vec<_> = (0..loops)
            .map(|n| {
                let (client, base, stop, answers, signed_in) =
                    (client.clone(), base.clone(), stop.clone(), answers.clone(), signed_in.clone());
                tokio::spawn(async move {
                    while !stop.load(Ordering::Relaxed) {
                        let status = sign_in(&client, &base, ACCOUNTS[n % ACCOUNTS.len()]).await;
                        if status == 303 {
                            signed_in.fetch_add(1, Ordering::Relaxed);
                        }
                        *answers.lock().unwrap().entry(status).or_default() += 1;
                    }
                })
            })
            .collect();
        let mut peak_sampled: f64 = 0.0;
        while burst_started.elapsed() < Duration::from_secs(seconds) {
            peak_sampled = peak_sampled.max(status_mb(pid, "VmRSS"));
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let load_during = loadavg();
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await.unwrap();
        }
        let elapsed = burst_started.elapsed().as_secs_f64();
        let right_after = status_mb(pid, "VmRSS");
        tokio::time::sleep(Duration::from_secs(idle_seconds)).await;
        let idle_after = status_mb(pid, "VmRSS");
        let peak = status_mb(pid, "VmHWM");
        let answers = answers.lock().unwrap().clone();
        let total: u64 = answers.values().sum();
        println!("{loops} parallel sign-in loops for {elapsed:.1} s: {total} answers {answers:?}");
        println!(
            "sign-ins: {} ({:.1}/s); load average at the end of the burst: {load_during}",
            signed_in.load(Ordering::Relaxed),
            signed_in.load(Ordering::Relaxed) as f64 / elapsed
        );
        println!(
            "RSS: idle before {idle_before:.0} MB, peak {peak:.0} MB (VmHWM; sampled max {peak_sampled:.0} MB), \
             right after {right_after:.0} MB, {idle_seconds} s after {idle_after:.0} MB"
        );
    });
    let _ = server.kill();
    let _ = server.wait();
}

/// Fetches the sign-in page for its CSRF cookie and signs in; returns the status.
async fn sign_in(client: &reqwest::Client, base: &str, email: &str) -> u16 {
    let Ok(page) = client.get(format!("{base}/masuk")).send().await else { return 0 };
    let Some(csrf) = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("bangkom_csrf=")?.split(';').next().map(str::to_owned))
    else {
        return page.status().as_u16();
    };
    let _ = page.bytes().await;
    match client
        .post(format!("{base}/masuk"))
        .header("cookie", format!("bangkom_csrf={csrf}"))
        .form(&[("identifier", email), ("password", DEMO_PASSWORD), ("csrf", csrf.as_str())])
        .send()
        .await
    {
        Ok(response) => {
            let status = response.status().as_u16();
            let _ = response.bytes().await;
            status
        }
        Err(_) => 0,
    }
}
