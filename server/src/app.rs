//! Building and running the HTTP application. Tests start exactly what production starts:
//! `Application::build` binds the listener (port 0 allowed) and exposes the port.

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use bangkom_jobs::JobContext;
use bangkom_jobs::background::Background;
use bangkom_jobs::clock::SystemClock;
use bangkom_jobs::delivery::DeliverySettings;
use bangkom_jobs::mail::Mailer;

use crate::config::Settings;
use crate::state::AppState;
use crate::{db, routes};

pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Connects to the database, applies pending migrations and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = db::connect_within(&settings.database_url, settings.database_acquire_timeout)
            .await
            .context("cannot open the database (BANGKOM_DATABASE_URL)")?;
        let applied = db::migrate(&db).await.context("cannot migrate the database")?;
        for name in &applied {
            tracing::info!(migration = %name, "applied migration");
        }
        Self::build_with_db(settings, db).await
    }

    /// Like [`Application::build`], on a database that is already open and migrated.
    pub async fn build_with_db(mut settings: Settings, db: DatabaseConnection) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("cannot listen on {} (BANGKOM_LISTEN)", settings.listen))?;
        // Listening on port 0 (tests) picks a free port: links must name the real one.
        if settings.base_url.port() == Some(0) {
            let port = listener.local_addr()?.port();
            let _ = settings.base_url.set_port(Some(port));
        }
        let mailer = mailer(&settings)?;
        let csrf_key = bangkom_entities::auth::csrf::CsrfKey::load_or_create(&db)
            .await
            .context("cannot read or create the CSRF key (table server_keys)")?;
        let passwords = Arc::new(bangkom_entities::auth::password::PasswordGate::for_this_machine(
            settings.password_queue,
        ));
        Ok(Self {
            listener,
            state: AppState { db, settings: Arc::new(settings), mailer, passwords, csrf_key },
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// What the scheduled jobs of this process work with.
    /// The process's mailer; a failure names the setting at fault.
    pub fn mailer(settings: &Settings) -> anyhow::Result<Mailer> {
        Mailer::new(&settings.mail.mailer_config())
            .map_err(|e| anyhow::anyhow!("cannot set up mail delivery ({}): {e}", e.setting()))
    }

    pub fn job_context(&self) -> JobContext {
        job_context(&self.state.settings, self.state.db.clone(), self.state.mailer.clone())
    }

    /// Serves until `shutdown` completes; in-flight requests are finished first. With jobs
    /// on, the scheduler and the mail worker run beside the server and stop after it.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let background = if self.state.settings.jobs_enabled {
            Some(Background::start(self.job_context()).await.context("cannot start the scheduled jobs")?)
        } else {
            None
        };
        let router = routes::router(self.state);
        axum::serve(self.listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await?;
        if let Some(background) = background {
            background.stop().await;
        }
        Ok(())
    }
}

/// The process's mailer; a failure names the setting at fault.
pub fn mailer(settings: &Settings) -> anyhow::Result<Mailer> {
    Mailer::new(&settings.mail.mailer_config())
        .map_err(|e| anyhow::anyhow!("cannot set up mail delivery ({}): {e}", e.setting()))
}

pub fn job_context(settings: &Settings, db: DatabaseConnection, mailer: Mailer) -> JobContext {
    JobContext {
        db,
        mailer,
        from: settings.mail.from.clone(),
        base_url: settings.base_url.clone(),
        tz: settings.timezone,
        clock: Arc::new(SystemClock),
        delivery: DeliverySettings {
            max_attempts: settings.mail.max_attempts,
            concurrency: settings.mail.connections,
            message_id_domain: settings.base_url.host_str().unwrap_or("bangkom.localhost").to_owned(),
            shutdown_grace: settings.shutdown_grace,
            ..DeliverySettings::default()
        },
        holder: bangkom_jobs::runner::holder_name(),
        schedules: settings.schedules.clone(),
        surveys: settings.evaluation.clone(),
        mentoring: settings.mentoring,
        shutdown: bangkom_jobs::shutdown::Shutdown::never(),
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
