//! The test harness: the real application on a random port against a fresh database
//! (a new SQLite file, or a new PostgreSQL database on BANGKOM_TEST_POSTGRES_URL), and the
//! real `bangkom` command line.

pub mod database;
pub mod proxy;
pub mod smtp;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use std::sync::Arc;

use bangkom::{Application, Settings};
use reqwest::cookie::CookieStore;
use sea_orm::DatabaseConnection;

pub use database::{Backend, TestDatabase};
pub use smtp::SmtpServer;

/// The password of every demo account (`bangkom seed demo`).
pub const DEMO_PASSWORD: &str = "bangkom-demo-2026";

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
    /// A browser: keeps cookies, does not follow redirects (tests look at them).
    pub client: reqwest::Client,
    pub cookies: Arc<reqwest::cookie::Jar>,
    pub smtp: SmtpServer,
    /// The jobs of this app (driven directly by tests, never by waiting for a tick).
    pub jobs: bangkom_jobs::JobContext,
    pub database: TestDatabase,
    pub work_dir: tempfile::TempDir,
}

/// Starts the real server, migrated, on a random port.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Like [`spawn_app`], with settings changed first (e.g. `BANGKOM_TRUSTED_PROXIES`).
pub async fn spawn_app_with(backend: Backend, change: impl FnOnce(&mut Settings)) -> TestApp {
    let database = TestDatabase::create(backend).await;
    let work_dir = tempfile::tempdir().expect("temp dir");
    let smtp = SmtpServer::start().await;
    let mut settings = Settings::defaults();
    settings.mail.smtp_url = Some(smtp.url().into());
    settings.database_url = bangkom::config::DatabaseUrl::parse(&database.url).expect("test database URL");
    settings.listen = "127.0.0.1:0".parse().unwrap();
    // Port 0: the application puts the port it got into the links it sends.
    settings.base_url = "http://127.0.0.1:0/".parse().unwrap();
    settings.mail.dir = work_dir.path().join("mail");
    settings.jobs_enabled = false;
    change(&mut settings);
    let application = Application::build(settings).await.expect("the application starts");
    let address = format!("http://127.0.0.1:{}", application.port());
    let db = application.db().clone();
    let jobs = application.job_context();
    tokio::spawn(application.run_until(std::future::pending()));
    let cookies = Arc::new(reqwest::cookie::Jar::default());
    TestApp { address, db, client: browser(&cookies), cookies, smtp, jobs, database, work_dir }
}

fn browser(cookies: &Arc<reqwest::cookie::Jar>) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_provider(cookies.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request sent")
    }

    /// A cookie the browser holds for this app.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = reqwest::Url::parse(&self.address).unwrap();
        let header = self.cookies.cookies(&url)?;
        header.to_str().ok()?.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
    }

    /// The CSRF token forms must carry (visiting a page first, if the browser has none).
    pub async fn csrf(&self) -> String {
        if self.cookie("bangkom_csrf").is_none() {
            self.get("/masuk").await;
        }
        self.cookie("bangkom_csrf").expect("the app sets a CSRF cookie")
    }

    /// Submits a form as a browser would, with the CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("csrf", &csrf));
        self.client.post(self.url(path)).form(&body).send().await.expect("request sent")
    }

    /// Signs in through the login form; panics unless it succeeds.
    pub async fn login(&self, identifier: &str, password: &str) {
        let response = self.post_form("/masuk", &[("identifier", identifier), ("password", password)]).await;
        assert_eq!(
            response.status(),
            303,
            "login as {identifier} failed: {}",
            response.text().await.unwrap()
        );
    }

    /// A fresh browser (no cookies) on the same app, e.g. a second user.
    pub fn new_browser(&self) -> TestApp {
        let cookies = Arc::new(reqwest::cookie::Jar::default());
        TestApp {
            address: self.address.clone(),
            db: self.db.clone(),
            client: browser(&cookies),
            cookies,
            smtp: self.smtp.clone(),
            jobs: self.jobs.clone(),
            database: TestDatabase::borrowed(&self.database.url),
            work_dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Runs a job now, as `bangkom jobs run NAME` does.
    pub async fn run_job(&self, name: &str) -> bangkom_jobs::RunSummary {
        bangkom_jobs::run_now(&self.jobs, name).await.unwrap_or_else(|e| panic!("job {name}: {e}"))
    }

    /// Delivers the mail outbox now.
    pub async fn deliver_mail(&self) {
        self.run_job("mail-delivery").await;
    }

    /// Loads the demo region with the real command line.
    pub fn seed_demo(&self) {
        run_ok(self.cli().args(["seed", "demo"]));
    }

    /// Signs in with the browser and creates a personal API token; returns it.
    pub async fn api_token(&self, identifier: &str, password: &str) -> String {
        self.login(identifier, password).await;
        let page = self.post_form("/profil/token", &[("name", "tes")]).await.text().await.unwrap();
        let start = page.find("bkm_").expect("the new token is shown");
        page[start..start + 4 + 64].to_owned()
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
