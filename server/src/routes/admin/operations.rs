//! Operations for admins: the scheduled jobs (history, run now) and the mail queue (failed
//! and dead messages, retry).

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bangkom_entities::policy::{Action, Target};
use bangkom_entities::summary;
use bangkom_jobs::{CATALOGUE, delivery, ledger};
use chrono::Utc;
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::i18n::Msg;
use crate::routes::auth::Empty;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::operations::{self, JobRow, OperationsPage};
use crate::web::{CookiePolicy, CsrfForm, Staff, redirect_with_flash};

pub fn pages() -> Router<AppState> {
    Router::new()
        .route(paths::ADMIN_OPERATIONS, get(show))
        .route(&format!("{}/tugas/{{name}}", paths::ADMIN_OPERATIONS), post(run_job))
        .route(&format!("{}/surel/{{id}}/ulang", paths::ADMIN_OPERATIONS), post(retry_mail))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}

async fn authorize(state: &AppState, staff: &Staff) -> Result<(), AppError> {
    if staff.actor.can(&state.db, Action::ManageOperations, Target::Region).await? {
        Ok(())
    } else {
        Err(AppError::NotFound.in_lang(staff.visitor.lang))
    }
}

async fn show(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    authorize(&state, &staff).await?;
    let now = Utc::now();
    let jobs: Vec<JobRow> = CATALOGUE
        .iter()
        .map(|job| {
            let schedule = state.settings.schedules.get(job.name).cloned().unwrap_or_else(|| {
                bangkom_jobs::schedule::Schedule::parse(job.default_schedule)
                    .expect("default schedules are valid")
            });
            JobRow {
                name: job.name,
                description: job.description,
                schedule: schedule.expression().to_owned(),
                next: schedule.next_slot(state.settings.timezone, now),
            }
        })
        .collect();
    let runs = ledger::recent(&state.db, None, 50).await?;
    let mail_counts = summary::mail_counts(&state.db).await?;
    let failed_mail = summary::failed_mail(&state.db, 100).await?;
    Ok(operations::render(
        &staff.visitor.chrome(),
        &OperationsPage {
            jobs: &jobs,
            runs: &runs,
            mail_counts: &mail_counts,
            failed_mail: &failed_mail,
            tz: state.settings.timezone,
        },
    )
    .into_response())
}

/// Starts the job in the background and returns at once; the history shows the outcome.
async fn run_job(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(name): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    authorize(&state, &staff).await?;
    let job =
        bangkom_jobs::runner::find(&name).map_err(|_| AppError::NotFound.in_lang(staff.visitor.lang))?;
    let ctx = crate::app::job_context(&state.settings, state.db.clone(), state.mailer.clone());
    tokio::spawn(async move {
        if let Err(err) = bangkom_jobs::run_now(&ctx, job.name).await {
            tracing::error!(job = job.name, error = %err, "job started from the staff page failed");
        }
    });
    Ok(redirect_with_flash(policy, paths::ADMIN_OPERATIONS, Msg::OpsRunStarted))
}

async fn retry_mail(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    crate::extract::PathId(id): crate::extract::PathId,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    authorize(&state, &staff).await?;
    if delivery::retry(&state.db, &[id], Utc::now()).await? == 0 {
        return Err(AppError::NotFound.in_lang(staff.visitor.lang));
    }
    Ok(redirect_with_flash(policy, paths::ADMIN_OPERATIONS, Msg::OpsMailRetried))
}
