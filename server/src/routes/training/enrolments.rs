//! Enrolments: one's own trainings (`/pelatihan/saya`), the requests waiting for a decision
//! (`/pelatihan/persetujuan`), one enrolment with its history, the decision and withdrawal;
//! and `/api/v1/me/enrolments`, `/api/v1/approvals`, `/api/v1/enrolments/{id}/…`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bangkom_entities::policy::Actor;
use bangkom_entities::training::TrainingError;
use bangkom_entities::training::enrolments as data;
use bangkom_entities::training::recap;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::batches::{Enrolment, enrolment_json};
use super::{api_error, bad_body, notifier, page_error, path_id, paths};
use crate::error::{ApiError, AppError};
use crate::forms::FieldErrors;
use crate::i18n::Msg;
use crate::paging;
use crate::state::AppState;
use crate::views::training::{self as views, people as view};
use crate::web::{ApiActor, CookiePolicy, CsrfForm, SignedIn, Visitor, redirect_with_flash};

pub fn pages() -> Router<AppState> {
    let base = paths::ENROLMENTS;
    Router::new()
        .route(paths::MINE, get(mine))
        .route(paths::APPROVALS, get(approvals))
        .route(&format!("{base}/{{id}}"), get(show))
        .route(&format!("{base}/{{id}}/putusan"), post(decide))
        .route(&format!("{base}/{{id}}/mundur"), post(withdraw))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api_mine))
        .routes(routes!(api_approvals))
        .routes(routes!(api_get))
        .routes(routes!(api_decide))
        .routes(routes!(api_withdraw))
}

pub async fn mine(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let me = actor.employee_id.ok_or(AppError::NotFound.in_lang(lang))?;
    let employee =
        bangkom_entities::employees::find(&state.db, me).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let year = recap::default_year(Utc::now(), visitor.tz);
    let rows = data::of_employee(&state.db, me).await?;
    let summary = recap::employee_year(&state.db, employee, year).await?;
    Ok(view::mine(
        &visitor.chrome(),
        &view::MinePage { year: &summary, rows: &rows, rules: &state.settings.training },
    )
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    page: String,
}

pub async fn approvals(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = paging::require(&q.page, "", paging::PAGE_PER_PAGE).map_err(|e| e.in_lang(visitor.lang))?;
    let found = data::pending_decisions(&state.db, &actor, page).await?;
    Ok(view::approvals(&visitor.chrome(), &view::ApprovalsPage { page: &found, tz: visitor.tz })
        .into_response())
}

async fn render(
    state: &AppState,
    actor: &Actor,
    visitor: &Visitor,
    id: i64,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let found =
        data::find_for(&state.db, actor, id, Utc::now()).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let events = data::events_of(&state.db, id).await?;
    let page = view::enrolment(
        &visitor.chrome(),
        &view::EnrolmentPage { view: &found, events: &events, errors, tz: visitor.tz },
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    render(&state, &actor, &visitor, id, &FieldErrors::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    reason: String,
}

async fn after(
    state: &AppState,
    policy: CookiePolicy,
    actor: &Actor,
    visitor: &Visitor,
    id: i64,
    result: Result<bangkom_entities::schema::enrolments::Model, TrainingError>,
    done: Msg,
) -> Result<Response, AppError> {
    match result {
        Ok(e) => Ok(redirect_with_flash(policy, &views::enrolment_url(e.id), done)),
        Err(TrainingError::Invalid(problems)) => {
            render(state, actor, visitor, id, &crate::forms::FieldErrors::from(problems)).await
        }
        Err(err) => Err(page_error(err, visitor.lang)),
    }
}

pub async fn decide(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::BadRequest.in_lang(visitor.lang)),
    };
    let result =
        data::decide(&state.db, &notifier(&state), &actor, id, approve, &form.reason, Utc::now()).await;
    let done = if approve { Msg::TrainingFlashApproved } else { Msg::TrainingFlashRejected };
    after(&state, policy, &actor, &visitor, id, result, done).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WithdrawForm {
    reason: String,
}

pub async fn withdraw(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<WithdrawForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    let result = data::withdraw(&state.db, &notifier(&state), &actor, id, &form.reason, Utc::now()).await;
    after(&state, policy, &actor, &visitor, id, result, Msg::TrainingFlashWithdrawn).await
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

/// One of the caller's enrolments, with its batch.
#[derive(Serialize, ToSchema)]
pub struct MyEnrolment {
    enrolment: Enrolment,
    batch_name: String,
    program_title: String,
    #[schema(value_type = String, format = Date)]
    starts_on: chrono::NaiveDate,
    #[schema(value_type = String, format = Date)]
    ends_on: chrono::NaiveDate,
    batch_status: String,
}

#[derive(Serialize, ToSchema)]
pub struct MyEnrolments {
    items: Vec<MyEnrolment>,
}

/// The caller's own enrolments, latest batches first.
#[utoipa::path(
    get, path = "/api/v1/me/enrolments", tag = "training", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's enrolments", body = MyEnrolments),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller's account belongs to no employee")
    )
)]
pub async fn api_mine(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<MyEnrolments>, ApiError> {
    let me = actor.employee_id.ok_or(AppError::NotFound)?;
    let rows = data::of_employee(&state.db, me).await?;
    Ok(Json(MyEnrolments {
        items: rows
            .into_iter()
            .map(|r| MyEnrolment {
                batch_name: r.batch.name,
                program_title: r.program.title,
                starts_on: r.batch.starts_on,
                ends_on: r.batch.ends_on,
                batch_status: r.batch.status.as_str().into(),
                enrolment: enrolment_json(r.enrolment),
            })
            .collect(),
    }))
}

/// An enrolment's state change.
#[derive(Serialize, ToSchema)]
pub struct EnrolmentEvent {
    from_state: Option<String>,
    to_state: String,
    at: chrono::DateTime<Utc>,
    /// The account that made the change (none: the system).
    by: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct EnrolmentDetail {
    enrolment: Enrolment,
    /// Every state change, oldest first: the auditable enrolment order.
    events: Vec<EnrolmentEvent>,
    /// Whether the caller may approve or reject it now (never their own).
    can_decide: bool,
    /// Whether the caller may withdraw it now (the employee until the deadline, staff until
    /// the batch starts).
    can_withdraw: bool,
}

/// One enrolment with its history: for the employee, their supervisor, staff of their
/// agency.
#[utoipa::path(
    get, path = "/api/v1/enrolments/{id}", tag = "training", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The enrolment's ID")),
    responses(
        (status = 200, description = "The enrolment", body = EnrolmentDetail),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such enrolment within the caller's reach")
    )
)]
pub async fn api_get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<EnrolmentDetail>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let found = data::find_for(&state.db, &actor, id, Utc::now()).await?.ok_or(AppError::NotFound)?;
    let events = data::events_of(&state.db, id).await?;
    Ok(Json(detail(found.enrolment, events, found.allowed)))
}

fn detail(
    e: bangkom_entities::schema::enrolments::Model,
    events: Vec<bangkom_entities::training::enrolments::EventRow>,
    allowed: bangkom_entities::training::enrolments::Allowed,
) -> EnrolmentDetail {
    EnrolmentDetail {
        can_decide: allowed.can_decide,
        can_withdraw: allowed.can_withdraw,
        enrolment: enrolment_json(e),
        events: events
            .into_iter()
            .map(|ev| EnrolmentEvent {
                from_state: ev.from_state.map(|s| s.as_str().to_owned()),
                to_state: ev.to_state.as_str().into(),
                at: ev.at,
                by: ev.by_email,
                reason: ev.reason,
            })
            .collect(),
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// `true` approves, `false` rejects.
    approve: bool,
    /// Required to reject.
    #[serde(default)]
    reason: String,
}

/// The supervisor (or staff) approves or rejects a request; an approval seats it or puts it
/// on the waitlist.
#[utoipa::path(
    post, path = "/api/v1/enrolments/{id}/decision", tag = "training", request_body = Decision,
    params(("id" = i64, Path, description = "The enrolment's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The enrolment after the decision", body = EnrolmentDetail),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such enrolment, or not one the caller decides"),
        (status = 422, description = "Not waiting for a decision, or no reason for a rejection (see `fields`)")
    )
)]
pub async fn api_decide(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<Decision>, JsonRejection>,
) -> Result<Json<EnrolmentDetail>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let Json(d) = body.map_err(bad_body)?;
    let e = data::decide(&state.db, &notifier(&state), &actor, id, d.approve, &d.reason, Utc::now())
        .await
        .map_err(api_error)?;
    let events = data::events_of(&state.db, id).await?;
    let allowed =
        data::find_for(&state.db, &actor, id, Utc::now()).await?.map(|f| f.allowed).unwrap_or_default();
    Ok(Json(detail(e, events, allowed)))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    #[serde(default)]
    reason: String,
}

/// Withdraws an enrolment (the employee until the withdrawal deadline, staff of their
/// agency until the batch starts); the freed seat goes to the first in line.
#[utoipa::path(
    post, path = "/api/v1/enrolments/{id}/withdraw", tag = "training", request_body = Withdrawal,
    params(("id" = i64, Path, description = "The enrolment's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The enrolment after withdrawal", body = EnrolmentDetail),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such enrolment within the caller's reach"),
        (status = 422, description = "Past the deadline, or nothing left to withdraw (see `fields`)")
    )
)]
pub async fn api_withdraw(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Option<Json<Withdrawal>>,
) -> Result<Json<EnrolmentDetail>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let reason = body.map(|Json(w)| w.reason).unwrap_or_default();
    let e = data::withdraw(&state.db, &notifier(&state), &actor, id, &reason, Utc::now())
        .await
        .map_err(api_error)?;
    let events = data::events_of(&state.db, id).await?;
    let allowed =
        data::find_for(&state.db, &actor, id, Utc::now()).await?.map(|f| f.allowed).unwrap_or_default();
    Ok(Json(detail(e, events, allowed)))
}

/// A request waiting for the caller's decision.
#[derive(Serialize, ToSchema)]
pub struct PendingDecision {
    enrolment_id: i64,
    requested_at: chrono::DateTime<Utc>,
    employee_id: i64,
    nip: String,
    name: String,
    batch_id: i64,
    batch_name: String,
    program_title: String,
    #[schema(value_type = String, format = Date)]
    starts_on: chrono::NaiveDate,
    #[schema(value_type = String, format = Date)]
    ends_on: chrono::NaiveDate,
}

#[derive(Serialize, ToSchema)]
pub struct PendingList {
    items: Vec<PendingDecision>,
    page: u64,
    per_page: u64,
    total: u64,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApprovalsQuery {
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: String,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: String,
}

/// The requests waiting for the caller's decision, oldest first: a supervisor's direct
/// subordinates', staff their agencies'. Decide with `POST /api/v1/enrolments/{id}/decision`.
#[utoipa::path(
    get, path = "/api/v1/approvals", tag = "training", params(ApprovalsQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of requests waiting for a decision", body = PendingList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 422, description = "A page value is not valid (see `fields`)")
    )
)]
pub async fn api_approvals(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<ApprovalsQuery>,
) -> Result<Json<PendingList>, ApiError> {
    let mut errors = FieldErrors::default();
    let page = paging::collect(&q.page, &q.per_page, paging::DEFAULT_PER_PAGE, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let found = data::pending_decisions(&state.db, &actor, page).await?;
    Ok(Json(PendingList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|r| PendingDecision {
                enrolment_id: r.id,
                requested_at: r.requested_at,
                employee_id: r.employee_id,
                nip: r.nip,
                name: r.name,
                batch_id: r.batch_id,
                batch_name: r.batch_name,
                program_title: r.program_title,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
            })
            .collect(),
    }))
}
