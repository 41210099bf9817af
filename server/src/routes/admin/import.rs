//! CSV import (`/admin/impor`): choose the kind of data and upload the file. The import
//! runs in the background and records its running count in a `job_runs` row; the upload
//! redirects to the run's page (`/admin/impor/{id}`), which refreshes itself while the
//! import works and then shows the summary, or every error of the file (nothing imported).
//! Admins import everything; operators import employees of their own agencies.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use bangkom_entities::auth::constant_time_eq;
use bangkom_entities::import::runs::{self, Phase, RunCounts, RunFailure};
use bangkom_entities::import::{self, ImportKind, Importer, Outcome};
use bangkom_entities::policy::{Action, Actor, Target};
use chrono::Utc;
use sea_orm::{DatabaseConnection, DbBackend};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::import::{self as view, example_file, run_path};
use crate::web::{CSRF_FIELD, Staff, visitor_lang};

/// The largest file accepted: a 100,000-employee file is about 14 MB.
pub const MAX_UPLOAD_MB: usize = 64;
/// How long the upload waits for the import before redirecting: small files show their
/// result at once, large ones their running count.
const WAIT_FOR_RESULT: Duration = Duration::from_secs(2);
/// How often a running import records its count.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);
/// Errors shown per page of a run's result.
const ERRORS_PER_PAGE: u64 = 100;

pub fn pages() -> Router<AppState> {
    Router::new()
        .route(
            paths::ADMIN_IMPORT,
            get(show_form).post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_MB * 1024 * 1024)),
        )
        .route(&format!("{}/{{id}}", paths::ADMIN_IMPORT), get(show_run))
        .route(&format!("{}/contoh/{{file}}", paths::ADMIN_IMPORT), get(example))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}

/// The kinds of file the actor may import (the policy's answer); none: no import page.
async fn importable(db: &DatabaseConnection, actor: &Actor) -> Result<Vec<ImportKind>, AppError> {
    let mut kinds = Vec::new();
    for kind in ImportKind::ALL {
        if import::may_import(db, actor, kind).await? {
            kinds.push(kind);
        }
    }
    Ok(kinds)
}

async fn render_form(
    state: &AppState,
    staff: &Staff,
    kinds: &[ImportKind],
    selected: ImportKind,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let recent = runs::recent(&state.db, &staff.actor, 10, Utc::now()).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::form(
        &staff.visitor.chrome(),
        &view::FormPage { kinds, selected, errors, recent: &recent, tz: staff.visitor.tz },
    );
    Ok((status, page).into_response())
}

pub async fn show_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let kinds = importable(&state.db, &staff.actor).await?;
    let Some(first) = kinds.first().copied() else {
        return Err(AppError::NotFound.in_lang(staff.visitor.lang));
    };
    render_form(&state, &staff, &kinds, first, &FieldErrors::default()).await
}

/// The upload form's fields, read from a multipart body whose `csrf` field matched the
/// CSRF cookie (anything else is refused with 403, like [`crate::web::CsrfForm`]).
pub struct Upload {
    kind: String,
    file_name: String,
    file: Bytes,
    /// The body could not be read to its end (too large, or broken).
    broken: Option<StatusCode>,
}

impl FromRequest<AppState> for Upload {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = visitor_lang(request.headers());
        let cookie = crate::web::expected_csrf(request.headers(), state);
        let forbidden = || AppError::CsrfRejected.in_lang(lang).into_response();
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|_| AppError::BadRequest.in_lang(lang).into_response())?;
        let mut upload =
            Upload { kind: String::new(), file_name: String::new(), file: Bytes::new(), broken: None };
        let mut csrf = None;
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(e) => {
                    upload.broken = Some(e.status());
                    break;
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            if name == "file" {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
            }
            match field.bytes().await {
                Ok(bytes) if name == CSRF_FIELD => csrf = Some(String::from_utf8_lossy(&bytes).into_owned()),
                Ok(bytes) if name == "kind" => upload.kind = String::from_utf8_lossy(&bytes).into_owned(),
                Ok(bytes) if name == "file" => upload.file = bytes,
                Ok(_) => {}
                Err(e) => {
                    upload.broken = Some(e.status());
                    break;
                }
            }
        }
        match (cookie, csrf) {
            (Some(expected), Some(given)) if constant_time_eq(&expected, &given) => Ok(upload),
            _ => Err(forbidden()),
        }
    }
}

pub async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    upload: Upload,
) -> Result<Response, AppError> {
    let lang = staff.visitor.lang;
    let kinds = importable(&state.db, &staff.actor).await?;
    // A kind the actor may not import does not exist for them.
    let Some(kind) = ImportKind::parse(&upload.kind).filter(|k| kinds.contains(k)) else {
        return Err(AppError::NotFound.in_lang(lang));
    };
    let problem = match upload.broken {
        Some(StatusCode::PAYLOAD_TOO_LARGE) => {
            Some(FieldError::new("file", Msg::ImportFileTooLarge).with("max", MAX_UPLOAD_MB))
        }
        Some(_) => Some(FieldError::new("file", Msg::ImportNoFile)),
        None if upload.file.is_empty() => Some(FieldError::new("file", Msg::ImportNoFile)),
        None => None,
    };
    if let Some(problem) = problem {
        return render_form(&state, &staff, &kinds, kind, &FieldErrors(vec![problem])).await;
    }

    let run_id = runs::start(&state.db, kind, staff.actor.user_id, &upload.file_name, Utc::now()).await?;
    let task = tokio::spawn(run_import(state.db.clone(), staff.actor.clone(), kind, upload, run_id));
    // Past the wait the import goes on by itself; its page shows how far it is.
    let _ = tokio::time::timeout(WAIT_FOR_RESULT, task).await;
    Ok(Redirect::to(&run_path(run_id)).into_response())
}

/// The counts of the imports running in this process, by run id. The run's page reads them
/// here first: on SQLite the import's write transaction holds the only write lock, so the
/// count of written lines reaches the `job_runs` row only when it commits.
static LIVE: LazyLock<Mutex<HashMap<i64, Arc<Mutex<RunCounts>>>>> = LazyLock::new(Default::default);

fn live_counts(run_id: i64) -> Option<RunCounts> {
    let live = LIVE.lock().ok()?;
    let counts = live.get(&run_id)?.lock().ok()?;
    Some(counts.clone())
}

/// Tells the run's counts to the recorder.
struct PageProgress {
    counts: Arc<Mutex<RunCounts>>,
}

impl PageProgress {
    fn update(&self, f: impl FnOnce(&mut RunCounts)) {
        if let Ok(mut counts) = self.counts.lock() {
            f(&mut counts);
        }
    }
}

impl import::Progress for PageProgress {
    fn checked(&self, done: u64, total: u64) {
        self.update(|c| {
            c.phase = Phase::Checking;
            c.checked = done;
            c.total = total;
        });
    }

    fn written(&self, done: u64, total: u64) {
        self.update(|c| {
            c.phase = Phase::Writing;
            c.checked = c.total.max(total);
            c.written = done;
            c.total = total;
        });
    }
}

/// The background import of one upload, recorded in its run.
async fn run_import(db: DatabaseConnection, actor: Actor, kind: ImportKind, upload: Upload, run_id: i64) {
    let counts = Arc::new(Mutex::new(RunCounts { file: upload.file_name.clone(), ..Default::default() }));
    if let Ok(mut live) = LIVE.lock() {
        live.insert(run_id, counts.clone());
    }
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let recorder = tokio::spawn(record_progress(db.clone(), run_id, counts.clone(), stopped));
    let progress = PageProgress { counts: counts.clone() };
    let result = import::run(&db, kind, &upload.file, &Importer::user(&actor), &progress, Utc::now()).await;
    let _ = stop.send(());
    let _ = recorder.await;

    let mut counts = counts.lock().map(|c| c.clone()).unwrap_or_default();
    counts.phase = Phase::Done;
    let failure = match result {
        Ok(Outcome::Imported(summary)) => {
            counts.summary = Some(summary);
            None
        }
        Ok(Outcome::Rejected(errors)) => Some(RunFailure::Rejected { errors }),
        Err(error) => {
            tracing::error!(run_id, %error, "an import failed; nothing was written");
            Some(RunFailure::Internal { detail: error.to_string() })
        }
    };
    if let Err(error) = runs::finish(&db, run_id, &counts, failure.as_ref(), Utc::now()).await {
        tracing::error!(run_id, %error, "cannot record the end of an import");
    }
    if let Ok(mut live) = LIVE.lock() {
        live.remove(&run_id);
    }
}

/// Writes the running count to the run's row until told to stop (for the pages of other
/// instances). On SQLite the import's write transaction holds the only write lock: the
/// count of written lines is not recorded there (this process's page shows it).
async fn record_progress(
    db: DatabaseConnection,
    run_id: i64,
    counts: Arc<Mutex<RunCounts>>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) {
    let sqlite = db.get_database_backend() == DbBackend::Sqlite;
    let mut recorded: Option<RunCounts> = None;
    loop {
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(PROGRESS_EVERY) => {}
        }
        let Some(current) = counts.lock().ok().map(|c| c.clone()) else { return };
        if recorded.as_ref() == Some(&current) || (sqlite && current.phase == Phase::Writing) {
            continue;
        }
        if let Err(error) = runs::record_progress(&db, run_id, &current, Utc::now()).await {
            tracing::warn!(run_id, %error, "cannot record an import's progress");
        }
        recorded = Some(current);
    }
}

#[derive(Deserialize)]
pub struct RunQuery {
    /// The page of the error list (1–10000000; anything else is a 422 page saying so).
    #[serde(default)]
    page: String,
}

pub async fn show_run(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Query(query): Query<RunQuery>,
) -> Result<Response, AppError> {
    let lang = staff.visitor.lang;
    let not_found = || AppError::NotFound.in_lang(lang);
    if !staff.actor.can(&state.db, Action::Import, Target::Region).await? {
        return Err(not_found());
    }
    let id = super::common::path_id(&id).map_err(|e| e.in_lang(lang))?;
    let mut run = runs::find(&state.db, &staff.actor, id, Utc::now()).await?.ok_or_else(not_found)?;
    let running = run.finished_at.is_none() && !run.interrupted;
    if running && let Some(counts) = live_counts(run.id) {
        run.counts = counts;
    }
    let page = crate::paging::require(&query.page, "", ERRORS_PER_PAGE).map_err(|e| e.in_lang(lang))?;
    let markup = view::run(&staff.visitor.chrome(), &view::RunPage { run: &run, page, tz: staff.visitor.tz });
    let mut response = markup.into_response();
    if running {
        response.headers_mut().insert(header::REFRESH, HeaderValue::from_static("2"));
    }
    Ok(response)
}

const EXAMPLES: [(ImportKind, &str); 3] = [
    (ImportKind::Employees, include_str!("../../../../docs/examples/employees.csv")),
    (ImportKind::Competencies, include_str!("../../../../docs/examples/competencies.csv")),
    (ImportKind::Standards, include_str!("../../../../docs/examples/standards.csv")),
];

/// An example file (`/admin/impor/contoh/employees.csv`), as documented in the README.
pub async fn example(
    State(state): State<AppState>,
    staff: Staff,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let kinds = importable(&state.db, &staff.actor).await?;
    let Some((kind, text)) = EXAMPLES.iter().find(|(k, _)| example_file(*k) == file && kinds.contains(k))
    else {
        return Err(AppError::NotFound.in_lang(staff.visitor.lang));
    };
    let disposition = format!("attachment; filename=\"contoh-{}.csv\"", kind.as_str());
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).expect("ASCII")),
        ],
        *text,
    )
        .into_response())
}
