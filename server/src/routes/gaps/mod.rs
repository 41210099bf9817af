//! Competency gaps: the dashboard (staff), a heatmap cell's employees, employees' gaps and
//! development plans (each as far as the policy reaches: oneself, direct subordinates, an
//! operator's agencies, everyone for admins), recording assessments, the training-needs plan
//! with its CSV/XLSX export, and the assessment-centre CSV import. The JSON API beside them
//! lives in [`api`].

mod api;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use bangkom_entities::auth::constant_time_eq;
use bangkom_entities::gaps::assessments::{self as recording, RecordError, Submitted};
use bangkom_entities::gaps::employee::{self, CellFilter};
use bangkom_entities::gaps::snapshot::{self, CompetencyLabel};
use bangkom_entities::gaps::{GapError, import, plan};
use bangkom_entities::policy::{Action, Actor, Reach, Target};
use bangkom_entities::schema::{agencies, competencies};
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::{Lang, Msg};
use crate::paging;
use crate::state::AppState;
use crate::views::gaps::{
    dashboard, employee as employee_view, export, import as import_view, plan as plan_view,
};
use crate::web::{CSRF_FIELD, CookiePolicy, CsrfForm, SignedIn, Staff, redirect_with_flash, visitor_lang};

pub use crate::views::gaps::paths;

/// The largest assessment file accepted.
const MAX_UPLOAD_MB: usize = 32;

/// The pages of this area.
pub fn pages() -> Router<AppState> {
    Router::new()
        .route(paths::DASHBOARD, get(show_dashboard))
        .route(paths::CELL, get(show_cell))
        .route(paths::EMPLOYEES, get(list_employees))
        .route(&format!("{}/{{id}}", paths::EMPLOYEES), get(show_employee))
        .route(&format!("{}/{{id}}/penilaian", paths::EMPLOYEES), post(record_assessment))
        .route(paths::PLAN, get(show_plan))
        .route(paths::PLAN_EXPORT, get(export_plan))
        .route(
            paths::IMPORT,
            get(show_import).post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_MB * 1024 * 1024)),
        )
        .route(paths::IMPORT_EXAMPLE, get(example))
}

/// The JSON API of this area, documented in the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}

pub(crate) fn gap_error(e: GapError, lang: Lang) -> AppError {
    match e {
        GapError::NotFound => AppError::NotFound.in_lang(lang),
        GapError::Db(e) => AppError::Database(e),
    }
}

/// Today in the deployment's time zone.
pub(crate) fn today(state: &AppState) -> NaiveDate {
    Utc::now().with_timezone(&state.settings.timezone).date_naive()
}

/// `?agency=12`: an id, or nothing; anything else names no agency (404).
fn agency_param(raw: Option<&str>, lang: Lang) -> Result<Option<i64>, AppError> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| AppError::NotFound.in_lang(lang)),
    }
}

/// Staff who may see the dashboard of the region (admins) or of their agencies (operators).
async fn dashboard_staff(state: &AppState, actor: &Actor, lang: Lang) -> Result<Reach, AppError> {
    if actor.can(&state.db, Action::ViewGapDashboard, Target::Region).await? {
        Ok(actor.reach(Action::ViewGaps))
    } else {
        Err(AppError::NotFound.in_lang(lang))
    }
}

#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    agency: Option<String>,
}

async fn show_dashboard(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let lang = signed_in.visitor.lang;
    // Employees and supervisors have no dashboard: their gaps are on the employee pages.
    if !signed_in.actor.may(Action::ViewGapDashboard) {
        return Ok(Redirect::to(paths::EMPLOYEES).into_response());
    }
    let scope = dashboard_staff(&state, &signed_in.actor, lang).await?;
    let root = agency_param(q.agency.as_deref(), lang)?;
    let heat = snapshot::heatmap(&state.db, &scope, root).await.map_err(|e| gap_error(e, lang))?;
    let can_run_job = signed_in.actor.can(&state.db, Action::ManageOperations, Target::Region).await?;
    Ok(dashboard::render(
        &signed_in.visitor.chrome(),
        &dashboard::DashboardPage { heat: &heat, tz: signed_in.visitor.tz, can_run_job },
    )
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct CellQuery {
    agency: Option<String>,
    competency: Option<String>,
    own: Option<String>,
    show: Option<String>,
    page: Option<String>,
}

async fn show_cell(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<CellQuery>,
) -> Result<Response, AppError> {
    let lang = staff.visitor.lang;
    let not_found = || AppError::NotFound.in_lang(lang);
    let scope = dashboard_staff(&state, &staff.actor, lang).await?;
    let agency_id = agency_param(q.agency.as_deref(), lang)?.ok_or_else(not_found)?;
    let competency_id: i64 =
        q.competency.as_deref().and_then(|c| c.trim().parse().ok()).ok_or_else(not_found)?;
    let own_only = q.own.as_deref() == Some("1");
    let filter = q.show.as_deref().and_then(CellFilter::parse).unwrap_or_default();
    let subtree =
        snapshot::subtree_in_scope(&state.db, &scope, agency_id).await.map_err(|e| gap_error(e, lang))?;
    let agencies = if own_only { vec![agency_id] } else { subtree };
    let agency = agencies::Entity::find_by_id(agency_id).one(&state.db).await?.ok_or_else(not_found)?;
    let c = competencies::Entity::find_by_id(competency_id).one(&state.db).await?.ok_or_else(not_found)?;
    let label =
        CompetencyLabel { id: c.id, code: c.code, name_id: c.name_id, name_en: c.name_en, kind: c.kind };
    let request = paging::require(q.page.as_deref().unwrap_or(""), "", paging::PAGE_PER_PAGE)
        .map_err(|e| e.in_lang(lang))?;
    let employees = employee::cell_employees(&state.db, &agencies, competency_id, filter, request).await?;
    Ok(dashboard::cell(
        &staff.visitor.chrome(),
        &dashboard::CellPage {
            agency_id,
            agency_name: &agency.name,
            own_only,
            competency: &label,
            filter,
            employees: &employees,
        },
    )
    .into_response())
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    page: Option<String>,
}

async fn list_employees(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let actor = &signed_in.actor;
    let scope = actor.reach(Action::ViewGaps);
    let search = q.q.unwrap_or_default();
    let request = paging::require(q.page.as_deref().unwrap_or(""), "", paging::PAGE_PER_PAGE)
        .map_err(|e| e.in_lang(signed_in.visitor.lang))?;
    let page = employee::list(&state.db, &scope, None, &search, request).await?;
    Ok(employee_view::list(
        &signed_in.visitor.chrome(),
        &employee_view::ListPage {
            employees: &page,
            search: &search,
            bands: state.settings.gaps.bands,
            staff: actor.may(Action::UseStaffPages),
        },
    )
    .into_response())
}

async fn render_employee(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    form: &Submitted,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let lang = signed_in.visitor.lang;
    let actor = &signed_in.actor;
    let gaps = employee::gaps_of(&state.db, actor, id).await.map_err(|e| gap_error(e, lang))?;
    let plan = employee::development_plan(&state.db, &gaps, Utc::now()).await?;
    let history = employee::history(&state.db, actor, id).await.map_err(|e| gap_error(e, lang))?;
    let rights = recording::rights(&state.db, actor, &gaps.employee).await?;
    let competencies: Vec<(i64, String)> = if rights.any() {
        competencies::Entity::find()
            .filter(competencies::Column::IsActive.eq(true))
            .order_by_asc(competencies::Column::Code)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|c| {
                let name = crate::views::gaps::name(&c.name_id, &c.name_en, lang).to_owned();
                (c.id, format!("{} {name}", c.code))
            })
            .collect()
    } else {
        Vec::new()
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = employee_view::show(
        &signed_in.visitor.chrome(),
        &employee_view::EmployeePage {
            gaps: &gaps,
            plan: &plan,
            history: &history,
            bands: state.settings.gaps.bands,
            rights,
            self_counts: state.settings.gaps.counting.count_self_assessments,
            form,
            errors,
            competencies: &competencies,
            staff: actor.may(Action::UseStaffPages),
            today: today(state),
        },
    );
    Ok((status, page).into_response())
}

async fn show_employee(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = signed_in.visitor.lang;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound.in_lang(lang))?;
    render_employee(&state, &signed_in, id, &Submitted::default(), &FieldErrors::default()).await
}

#[derive(Deserialize, Default)]
pub struct RecordForm {
    #[serde(default)]
    competency: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    assessed_on: String,
    #[serde(default)]
    assessor_name: String,
    #[serde(default)]
    notes: String,
}

impl From<RecordForm> for Submitted {
    fn from(f: RecordForm) -> Self {
        Submitted {
            competency: f.competency,
            level: f.level,
            source: f.source,
            assessed_on: f.assessed_on,
            assessor_name: f.assessor_name,
            notes: f.notes,
        }
    }
}

async fn record_assessment(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RecordForm>,
) -> Result<Response, AppError> {
    let lang = signed_in.visitor.lang;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound.in_lang(lang))?;
    let submitted: Submitted = form.into();
    let result = recording::record_one(
        &state.db,
        &signed_in.actor,
        id,
        &submitted,
        state.settings.gaps.counting,
        today(&state),
        Utc::now(),
    )
    .await;
    match result {
        Ok(_) => Ok(redirect_with_flash(policy, &paths::employee(id), Msg::GapsRecorded)),
        Err(RecordError::NotFound) => Err(AppError::NotFound.in_lang(lang)),
        Err(RecordError::Db(e)) => Err(AppError::Database(e)),
        Err(RecordError::Invalid(invalid)) => {
            render_employee(&state, &signed_in, id, &submitted, &FieldErrors::from(invalid)).await
        }
    }
}

async fn show_plan(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let lang = staff.visitor.lang;
    let scope = dashboard_staff(&state, &staff.actor, lang).await?;
    let lines = plan::training_needs(&state.db, &scope, None, today(&state)).await?;
    Ok(plan_view::render(&staff.visitor.chrome(), &plan_view::PlanPage { lines: &lines }).into_response())
}

#[derive(Deserialize, Default)]
pub struct ExportQuery {
    format: Option<String>,
}

async fn export_plan(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let lang = staff.visitor.lang;
    let scope = dashboard_staff(&state, &staff.actor, lang).await?;
    let format = q.format.as_deref().unwrap_or("csv");
    if !matches!(format, "csv" | "xlsx") {
        return Err(AppError::NotFound.in_lang(lang));
    }
    let lines = plan::training_needs(&state.db, &scope, None, today(&state)).await?;
    let stamp = today(&state).format("%Y-%m-%d");
    let (bytes, content_type) = match format {
        "xlsx" => {
            (export::xlsx(&lines, lang)?, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        _ => (export::csv(&lines, lang)?, "text/csv; charset=utf-8"),
    };
    let disposition = format!("attachment; filename=\"kebutuhan-pelatihan-{stamp}.{format}\"");
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?),
        ],
        bytes,
    )
        .into_response())
}

/// Staff who may import assessments (admins: everyone; operators: their agencies' employees,
/// checked line by line).
async fn importer(state: &AppState, staff: &Staff) -> Result<(), AppError> {
    if staff.actor.can(&state.db, Action::Import, Target::Region).await? {
        Ok(())
    } else {
        Err(AppError::NotFound.in_lang(staff.visitor.lang))
    }
}

async fn show_import(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    importer(&state, &staff).await?;
    Ok(import_view::render(
        &staff.visitor.chrome(),
        &import_view::ImportPage { errors: &FieldErrors::default(), result: import_view::Result::None },
    )
    .into_response())
}

/// The upload: the file of a multipart form whose `csrf` field matched the CSRF cookie.
pub struct Upload {
    file: Bytes,
    too_large: bool,
}

impl FromRequest<AppState> for Upload {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = visitor_lang(request.headers());
        let cookie = crate::web::expected_csrf(request.headers(), state);
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|_| AppError::BadRequest.in_lang(lang).into_response())?;
        let mut upload = Upload { file: Bytes::new(), too_large: false };
        let mut csrf = None;
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(e) => {
                    upload.too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
                    break;
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            match field.bytes().await {
                Ok(bytes) if name == CSRF_FIELD => csrf = Some(String::from_utf8_lossy(&bytes).into_owned()),
                Ok(bytes) if name == "file" => upload.file = bytes,
                Ok(_) => {}
                Err(e) => {
                    upload.too_large = e.status() == StatusCode::PAYLOAD_TOO_LARGE;
                    break;
                }
            }
        }
        match (cookie, csrf) {
            (Some(expected), Some(given)) if constant_time_eq(&expected, &given) => Ok(upload),
            _ => Err(AppError::CsrfRejected.in_lang(lang).into_response()),
        }
    }
}

async fn upload(State(state): State<AppState>, staff: Staff, upload: Upload) -> Result<Response, AppError> {
    importer(&state, &staff).await?;
    let chrome = staff.visitor.chrome();
    let problem = if upload.too_large {
        Some(FieldError::new("file", Msg::ImportFileTooLarge).with("max", MAX_UPLOAD_MB))
    } else if upload.file.is_empty() {
        Some(FieldError::new("file", Msg::ImportNoFile))
    } else {
        None
    };
    if let Some(problem) = problem {
        let errors = FieldErrors(vec![problem]);
        let page = import_view::render(
            &chrome,
            &import_view::ImportPage { errors: &errors, result: import_view::Result::None },
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let outcome = import::import(
        &state.db,
        &upload.file,
        Some(&staff.actor),
        state.settings.gaps.counting,
        today(&state),
        Utc::now(),
    )
    .await?;
    let none = FieldErrors::default();
    Ok(match &outcome {
        import::Outcome::Imported(summary) => import_view::render(
            &chrome,
            &import_view::ImportPage { errors: &none, result: import_view::Result::Imported(summary) },
        )
        .into_response(),
        import::Outcome::Rejected(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            import_view::render(
                &chrome,
                &import_view::ImportPage { errors: &none, result: import_view::Result::Rejected(errors) },
            ),
        )
            .into_response(),
    })
}

async fn example(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    importer(&state, &staff).await?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"contoh-penilaian.csv\""),
            ),
        ],
        import::EXAMPLE,
    )
        .into_response())
}
