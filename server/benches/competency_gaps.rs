//! The competency-gaps benchmark (docs/BENCHMARKS.md, "Competency gaps"). On a database already
//! loaded with `bangkom seed synthetic --employees 100000 --agencies 60`, named by
//! BANGKOM_DATABASE_URL, it times in one run:
//!
//! - the straightforward hand-written query computing the per-agency, per-competency
//!   aggregates from the raw assessments (newest counted assessment by a window function,
//!   joined to the standards): `snapshot::reference_aggregates`;
//! - the `competency-gaps` job's work (`snapshot::take`: one INSERT … SELECT over the current
//!   levels kept as assessments arrive, header and rows in one transaction);
//! - the dashboard of the whole region rendered from the stored snapshot (reading the two
//!   newest snapshots, rolling them up the agency tree, rendering the page with its SVG).
//!
//! Each is run `BENCH_RUNS` times (default 5) after one warm-up; the best and the median are
//! printed, with the ratio job / query. Both computations must give the same aggregates.
//!
//!     BANGKOM_DATABASE_URL=sqlite://bench.db cargo bench -p bangkom --bench competency_gaps

use std::time::{Duration, Instant};

use bangkom::views::gaps::dashboard;
use bangkom::views::layout::Chrome;
use bangkom_entities::gaps::snapshot;
use bangkom_entities::i18n::Lang;
use bangkom_entities::policy::Reach;

fn stats(mut d: Vec<Duration>) -> (Duration, Duration) {
    d.sort();
    (d[0], d[d.len() / 2])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let url =
        std::env::var("BANGKOM_DATABASE_URL").map_err(|_| anyhow::anyhow!("set BANGKOM_DATABASE_URL"))?;
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let url = bangkom::config::DatabaseUrl::parse(&url).map_err(anyhow::Error::msg)?;
    let db = bangkom::db::connect(&url).await?;
    let backend = format!("{:?}", db.get_database_backend());

    // Warm-up (caches, prepared plans), and the two must agree.
    let reference = snapshot::reference_aggregates(&db, false).await?;
    let taken = snapshot::take(&db, None, chrono::Utc::now()).await?;
    let stored = snapshot::stored_aggregates(&db, taken.snapshot_id).await?;
    anyhow::ensure!(reference == stored, "the job and the reference query disagree");
    println!(
        "{backend}: {} active employees with a standard, {} (agency, competency) rows",
        taken.employees, taken.rows
    );

    let mut query = Vec::new();
    let mut job = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let r = snapshot::reference_aggregates(&db, false).await?;
        query.push(start.elapsed());
        std::hint::black_box(r);
        let start = Instant::now();
        snapshot::take(&db, None, chrono::Utc::now()).await?;
        job.push(start.elapsed());
    }
    let mut page = Vec::new();
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let heat = snapshot::heatmap(&db, &Reach::Region, None).await?;
        let markup = dashboard::render(
            &Chrome::bare(Lang::Id),
            &dashboard::DashboardPage { heat: &heat, tz: chrono_tz::Asia::Jakarta, can_run_job: true },
        );
        bytes = markup.into_string().len();
        page.push(start.elapsed());
    }
    let (qb, qm) = stats(query);
    let (jb, jm) = stats(job);
    let (pb, pm) = stats(page);
    println!("reference query (window function): best {}, median {}", ms(qb), ms(qm));
    println!("competency-gaps job (snapshot):    best {}, median {}", ms(jb), ms(jm));
    println!("ratio job / query (medians):       {:.2}", jm.as_secs_f64() / qm.as_secs_f64());
    println!("dashboard, whole region ({} KB):   best {}, median {}", bytes / 1024, ms(pb), ms(pm));
    Ok(())
}
