//! The test harness: the real application on a random port against a fresh database
//! (a new SQLite file, or a new PostgreSQL database on BANGKOM_TEST_POSTGRES_URL), and the
//! real `bangkom` command line.

pub mod database;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bangkom::{Application, Settings};
use sea_orm::DatabaseConnection;

pub use database::{Backend, TestDatabase};

/// Generates, for each named `async fn(Backend)`, a module with one test per backend.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => { $(
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$test($crate::support::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(backend) = $crate::support::Backend::postgres_or_skip(stringify!($test)) {
                    super::$test(backend).await
                }
            }
        }
    )* };
}

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    pub database: TestDatabase,
    pub work_dir: tempfile::TempDir,
}

/// Starts the real server, migrated, on a random port.
pub async fn spawn_app(backend: Backend) -> TestApp {
    let database = TestDatabase::create(backend).await;
    let work_dir = tempfile::tempdir().expect("temp dir");
    let mut settings = Settings::defaults();
    settings.database_url = bangkom::config::DatabaseUrl::parse(&database.url).expect("test database URL");
    settings.listen = "127.0.0.1:0".parse().unwrap();
    settings.mail.dir = work_dir.path().join("mail");
    settings.jobs_enabled = false;
    let application = Application::build(settings).await.expect("the application starts");
    let address = format!("http://127.0.0.1:{}", application.port());
    let db = application.db().clone();
    tokio::spawn(application.run_until(std::future::pending()));
    TestApp {
        address,
        db,
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        database,
        work_dir,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request sent")
    }

    /// The `bangkom` command line against this app's database.
    pub fn cli(&self) -> Command {
        cli_for(&self.database.url, self.work_dir.path())
    }
}

/// The real `bangkom` binary, with a clean environment pointing at `database_url`.
pub fn cli_for(database_url: &str, work_dir: &Path) -> Command {
    let mut cmd = Command::new(cli_binary());
    cmd.current_dir(work_dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("BANGKOM_DATABASE_URL", database_url)
        .env("BANGKOM_MAIL_DIR", work_dir.join("mail"))
        .env("BANGKOM_LOG", "warn");
    cmd
}

pub fn cli_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_bangkom-cli"))
}

/// Runs a command and returns its output, failing the test with both streams on a non-zero
/// exit.
pub fn run_ok(cmd: &mut Command) -> Output {
    let output = cmd.output().expect("the CLI runs");
    assert!(
        output.status.success(),
        "command failed ({}):\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
