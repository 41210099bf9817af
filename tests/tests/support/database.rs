//! Fresh databases for tests: a new SQLite file in a temporary folder, or a new PostgreSQL
//! database (dropped when the test ends) on the server named by BANGKOM_TEST_POSTGRES_URL.

use rand::Rng;
use rand::distr::Alphanumeric;
use sea_orm::{ConnectionTrait, Database};

#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    /// The admin URL of a PostgreSQL server on which test databases are created.
    Postgres(String),
}

impl Backend {
    /// The PostgreSQL backend when BANGKOM_TEST_POSTGRES_URL is set. Unset, the case is
    /// skipped with a visible message, except under CI, where it fails.
    pub fn postgres_or_skip(test: &str) -> Option<Backend> {
        match std::env::var("BANGKOM_TEST_POSTGRES_URL") {
            Ok(url) if !url.trim().is_empty() => Some(Backend::Postgres(url)),
            _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
                panic!(
                    "BANGKOM_TEST_POSTGRES_URL is unset under CI: the PostgreSQL case of {test} cannot run"
                )
            }
            _ => {
                eprintln!("SKIPPED: the PostgreSQL case of {test} (BANGKOM_TEST_POSTGRES_URL is unset)");
                None
            }
        }
    }
}

pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("bangkom.db").display());
                TestDatabase { url, _dir: Some(dir), postgres: None }
            }
            Backend::Postgres(admin_url) => {
                let suffix: String = rand::rng()
                    .sample_iter(&Alphanumeric)
                    .take(12)
                    .map(|c| char::from(c).to_ascii_lowercase())
                    .collect();
                let name = format!("bangkom_test_{suffix}");
                let admin = Database::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at BANGKOM_TEST_POSTGRES_URL: {e}"));
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create the test database");
                admin.close().await.ok();
                TestDatabase {
                    url: replace_database(&admin_url, &name),
                    _dir: None,
                    postgres: Some((admin_url, name)),
                }
            }
        }
    }
}

impl TestDatabase {
    /// A handle on a database another handle owns (dropping it drops nothing).
    pub fn borrowed(url: &str) -> TestDatabase {
        TestDatabase { url: url.to_owned(), _dir: None, postgres: None }
    }
}

/// postgres://u@h:5432/test → postgres://u@h:5432/NAME (keeping any query string).
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else { return };
        // Drop runs outside any runtime we may block on: use a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            rt.block_on(async {
                let admin = Database::connect(&admin_url).await.ok()?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
    }
}
