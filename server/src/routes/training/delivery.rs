//! Delivery: attendance per day (`/pelatihan/angkatan/{id}/kehadiran`: tick a list, or
//! import a CSV) and results (`…/kelulusan`), and `/api/v1/batches/{id}/attendance`,
//! `/api/v1/batches/{id}/results`.

use std::collections::HashSet;

use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bangkom_entities::auth::constant_time_eq;
use bangkom_entities::policy::Action;
use bangkom_entities::training::TrainingError;
use bangkom_entities::training::batches::{self as batches, BatchRow};
use bangkom_entities::training::delivery::{self as data, Completion};
use bangkom_entities::training::enrolments::seated;
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{api_error, bad_body, page_error, path_id, paths};
use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::training::{self as views, delivery as view};
use crate::web::{ApiActor, CSRF_FIELD, CookiePolicy, CsrfForm, Staff, redirect_with_flash, visitor_lang};

pub fn pages() -> Router<AppState> {
    let base = paths::BATCHES;
    Router::new()
        .route(&format!("{base}/{{id}}/kehadiran"), get(attendance).post(record_attendance))
        .route(&format!("{base}/{{id}}/kehadiran/impor"), post(import_attendance))
        .route(&format!("{base}/{{id}}/kelulusan"), get(completion).post(complete))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_attendance)).routes(routes!(api_results))
}

async fn batch(state: &AppState, staff: &Staff, id: &str) -> Result<BatchRow, AppError> {
    let lang = staff.visitor.lang;
    batches::find(&state.db, path_id(id, lang)?).await?.ok_or(AppError::NotFound.in_lang(lang))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DayQuery {
    tanggal: String,
}

/// The day to show: the one asked for, else today when the batch runs, else its first day.
fn day_of(row: &BatchRow, raw: &str, today: NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| row.batch.starts_on <= *d && *d <= row.batch.ends_on)
        .unwrap_or_else(|| today.clamp(row.batch.starts_on, row.batch.ends_on))
}

async fn render_attendance(
    state: &AppState,
    staff: &Staff,
    row: &BatchRow,
    day: NaiveDate,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let sheet = data::attendance_sheet(&state.db, &staff.actor, row.batch.id, day)
        .await
        .map_err(|e| page_error(e, staff.visitor.lang))?;
    let days = batches::days(&row.batch);
    let page = view::attendance(
        &staff.visitor.chrome(),
        &view::AttendancePage { row, days: &days, day, sheet: &sheet, errors },
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn attendance(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<Response, AppError> {
    let row = batch(&state, &staff, &id).await?;
    let today = Utc::now().with_timezone(&staff.visitor.tz).date_naive();
    let day = day_of(&row, &q.tanggal, today);
    render_attendance(&state, &staff, &row, day, &FieldErrors::default()).await
}

pub async fn record_attendance(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let row = batch(&state, &staff, &id).await?;
    let raw_day = pairs.iter().find(|(k, _)| k == "tanggal").map(|(_, v)| v.clone()).unwrap_or_default();
    let Ok(day) = NaiveDate::parse_from_str(raw_day.trim(), "%Y-%m-%d") else {
        return Err(AppError::BadRequest.in_lang(staff.visitor.lang));
    };
    let present: HashSet<i64> =
        pairs.iter().filter(|(k, _)| k == "present").filter_map(|(_, v)| v.trim().parse().ok()).collect();
    match data::record_attendance(&state.db, &staff.actor, row.batch.id, day, &present, Utc::now()).await {
        Ok(_) => Ok(redirect_with_flash(
            policy,
            &format!("{}?tanggal={day}", views::batch_action(row.batch.id, "kehadiran")),
            Msg::TrainingFlashAttendance,
        )),
        Err(TrainingError::Invalid(problems)) => {
            let day = day_of(&row, &raw_day, day);
            render_attendance(&state, &staff, &row, day, &crate::forms::FieldErrors::from(problems)).await
        }
        Err(err) => Err(page_error(err, staff.visitor.lang)),
    }
}

/// A CSV file from a multipart form whose `csrf` field matched the CSRF cookie.
pub struct CsvUpload {
    file: Bytes,
    broken: bool,
}

impl FromRequest<AppState> for CsvUpload {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = visitor_lang(request.headers());
        let cookie = crate::web::expected_csrf(request.headers(), state);
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|_| AppError::BadRequest.in_lang(lang).into_response())?;
        let mut upload = CsvUpload { file: Bytes::new(), broken: false };
        let mut csrf = None;
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or_default().to_owned();
                    match field.bytes().await {
                        Ok(bytes) if name == CSRF_FIELD => {
                            csrf = Some(String::from_utf8_lossy(&bytes).into_owned())
                        }
                        Ok(bytes) if name == "file" => upload.file = bytes,
                        Ok(_) => {}
                        Err(_) => {
                            upload.broken = true;
                            break;
                        }
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    upload.broken = true;
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

pub async fn import_attendance(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    upload: CsvUpload,
) -> Result<Response, AppError> {
    let row = batch(&state, &staff, &id).await?;
    let today = Utc::now().with_timezone(&staff.visitor.tz).date_naive();
    let day = day_of(&row, "", today);
    if upload.broken || upload.file.is_empty() {
        let errors = FieldErrors(vec![FieldError::new("file", Msg::ImportNoFile)]);
        return render_attendance(&state, &staff, &row, day, &errors).await;
    }
    match data::import_attendance(&state.db, &staff.actor, row.batch.id, &upload.file, Utc::now()).await {
        Ok(_) => Ok(redirect_with_flash(
            policy,
            &views::batch_action(row.batch.id, "kehadiran"),
            Msg::TrainingFlashAttendance,
        )),
        Err(TrainingError::Invalid(problems)) => {
            render_attendance(&state, &staff, &row, day, &crate::forms::FieldErrors::from(problems)).await
        }
        Err(err) => Err(page_error(err, staff.visitor.lang)),
    }
}

async fn render_completion(
    state: &AppState,
    staff: &Staff,
    row: &BatchRow,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let people = seated(&state.db, &staff.actor.reach(Action::ViewEmployee), row.batch.id).await?;
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let attendance = data::attendance_totals(&state.db, &ids).await?;
    let days = batches::days(&row.batch).len();
    let page = view::completion(
        &staff.visitor.chrome(),
        &view::CompletionPage { row, people: &people, attendance: &attendance, days, errors },
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn completion(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let row = batch(&state, &staff, &id).await?;
    render_completion(&state, &staff, &row, &FieldErrors::default()).await
}

/// `(enrolment id, result)` pairs from the form; an empty result is "no change".
fn results_of(pairs: &[(String, String)]) -> Result<Vec<(i64, Completion)>, ()> {
    let mut out = Vec::new();
    let mut current: Option<i64> = None;
    for (k, v) in pairs {
        match k.as_str() {
            "enrolment" => current = Some(v.trim().parse().map_err(|_| ())?),
            "result" => {
                let id = current.take().ok_or(())?;
                if !v.trim().is_empty() {
                    out.push((id, Completion::parse(v).ok_or(())?));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

pub async fn complete(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let row = batch(&state, &staff, &id).await?;
    let Ok(results) = results_of(&pairs) else {
        return Err(AppError::BadRequest.in_lang(staff.visitor.lang));
    };
    match data::complete(
        &state.db,
        &staff.actor,
        &state.settings.training,
        row.batch.id,
        &results,
        Utc::now(),
    )
    .await
    {
        Ok(_) => Ok(redirect_with_flash(
            policy,
            &views::batch_action(row.batch.id, "kelulusan"),
            Msg::TrainingFlashResults,
        )),
        Err(TrainingError::Invalid(problems)) => {
            render_completion(&state, &staff, &row, &crate::forms::FieldErrors::from(problems)).await
        }
        Err(err) => Err(page_error(err, staff.visitor.lang)),
    }
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceDay {
    /// A day of the batch, `YYYY-MM-DD`.
    #[schema(example = "2026-03-02")]
    day: String,
    /// The enrolments present that day; every other seated participant is recorded absent.
    present: Vec<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Recorded {
    /// How many participants were recorded.
    recorded: usize,
}

/// Records one day's attendance of a running (or completed) batch (staff: their agencies'
/// participants).
#[utoipa::path(
    post, path = "/api/v1/batches/{id}/attendance", tag = "training", request_body = AttendanceDay,
    params(("id" = i64, Path, description = "The batch's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = Recorded),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch, or the caller is not staff"),
        (status = 422, description = "Not running, a day outside the batch, or an unknown enrolment (see `fields`)")
    )
)]
pub async fn api_attendance(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<AttendanceDay>, JsonRejection>,
) -> Result<Json<Recorded>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let Json(b) = body.map_err(bad_body)?;
    let Ok(day) = NaiveDate::parse_from_str(b.day.trim(), "%Y-%m-%d") else {
        return Err(AppError::Invalid(FieldErrors(vec![FieldError::new("day", Msg::TrainingBadDate)])).into());
    };
    let present: HashSet<i64> = b.present.into_iter().collect();
    let recorded =
        data::record_attendance(&state.db, &actor, id, day, &present, Utc::now()).await.map_err(api_error)?;
    Ok(Json(Recorded { recorded }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultLine {
    enrolment_id: i64,
    /// `passed`, `failed`, `no_show` or `attended`.
    #[schema(example = "passed")]
    result: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Results {
    results: Vec<ResultLine>,
}

#[derive(Serialize, ToSchema)]
pub struct ResultsOutcome {
    passed: u32,
    failed: u32,
    no_show: u32,
    attended: u32,
    /// The certificate numbers (STTPP) issued, in order.
    certificates: Vec<String>,
}

/// Records results in bulk. A pass credits the programme's JP in the year the batch ended
/// and issues a unique certificate number. Every line is checked first: one wrong line and
/// nothing is stored.
#[utoipa::path(
    post, path = "/api/v1/batches/{id}/results", tag = "training", request_body = Results,
    params(("id" = i64, Path, description = "The batch's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded", body = ResultsOutcome),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch, or the caller is not staff"),
        (status = 422, description = "Not running, or a result not allowed for a participant (see `fields`)")
    )
)]
pub async fn api_results(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<Results>, JsonRejection>,
) -> Result<Json<ResultsOutcome>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let Json(b) = body.map_err(bad_body)?;
    let mut lines = Vec::new();
    for l in b.results {
        let Some(result) = Completion::parse(&l.result) else {
            return Err(AppError::Invalid(FieldErrors(vec![
                FieldError::new("results", Msg::CatalogueUnknownValue)
                    .with("choices", "passed, failed, no_show, attended"),
            ]))
            .into());
        };
        lines.push((l.enrolment_id, result));
    }
    let o = data::complete(&state.db, &actor, &state.settings.training, id, &lines, Utc::now())
        .await
        .map_err(api_error)?;
    Ok(Json(ResultsOutcome {
        passed: o.passed,
        failed: o.failed,
        no_show: o.no_show,
        attended: o.attended,
        certificates: o.certificates,
    }))
}
