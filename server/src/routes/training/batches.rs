//! Batches: the calendar (`/pelatihan`), one batch (`/pelatihan/angkatan/{id}`) with
//! enrolment and, for staff, its participants in arrival order, the form, status changes,
//! enrolment on behalf (in bulk), the enrolment log; and `/api/v1/batches`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bangkom_entities::enums::{BatchStatus, EnrolmentState, TrainingMethod};
use bangkom_entities::policy::{Action, Actor, Target};
use bangkom_entities::schema::{enrolments as enrolment, training_batches};
use bangkom_entities::training::TrainingError;
use bangkom_entities::training::batches::{self as data, BatchFilter, BatchInput, BatchRow};
use bangkom_entities::training::enrolments as people;
use bangkom_entities::training::programs::{self as programs, ProgramFilter};
use bangkom_entities::training::states::BatchAction;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{api_error, bad_body, notifier, page_error, path_id, paths};
use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::paging;
use crate::state::AppState;
use crate::views::training::{self as views, batches as view};
use crate::web::{ApiActor, ApiStaff, CookiePolicy, CsrfForm, SignedIn, Staff, Visitor, redirect_with_flash};

pub fn pages() -> Router<AppState> {
    let base = paths::BATCHES;
    Router::new()
        .route(paths::CALENDAR, get(calendar))
        .route(base, post(create))
        .route(&format!("{base}/baru"), get(new_form))
        .route(&format!("{base}/{{id}}"), get(show))
        .route(&format!("{base}/{{id}}/ubah"), get(edit_form).post(update))
        .route(&format!("{base}/{{id}}/status"), post(change_status))
        .route(&format!("{base}/{{id}}/daftar"), post(enrol_self))
        .route(&format!("{base}/{{id}}/peserta"), post(enrol_others))
        .route(&format!("{base}/{{id}}/riwayat"), get(log))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api_list, api_create))
        .routes(routes!(api_get))
        .routes(routes!(api_status))
        .routes(routes!(api_enrol, api_participants))
        .routes(routes!(api_enrol_bulk))
        .routes(routes!(api_events))
}

// ---------------------------------------------------------------------------------------
// The calendar
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CalendarQuery {
    month: String,
    agency_id: String,
    competency_id: String,
    method: String,
    status: String,
}

pub async fn calendar(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Query(q): Query<CalendarQuery>,
) -> Result<Response, AppError> {
    let today = Utc::now().with_timezone(&visitor.tz).date_naive();
    let (year, month) = view::parse_month(&q.month).unwrap_or((today.year(), today.month()));
    let (from, to) = data::month_bounds(year, month).ok_or(AppError::BadRequest)?;
    let filter = BatchFilter {
        from: Some(from),
        to: Some(to),
        status: BatchStatus::parse(&q.status)
            .filter(|s| actor.may(Action::ViewDrafts) || *s != BatchStatus::Draft),
        method: TrainingMethod::parse(&q.method),
        competency_id: q.competency_id.trim().parse().ok(),
        agency_id: q.agency_id.trim().parse().ok(),
        published_only: !actor.may(Action::ViewDrafts),
        ..Default::default()
    };
    let rows = data::list(&state.db, &filter).await?;
    let agencies = programs::agency_choices(&state.db).await?;
    let competencies = bangkom_entities::competencies::all(&state.db).await?;
    let can_manage = actor.can(&state.db, Action::ManageTraining, Target::Region).await?;
    let filters = vec![
        ("month", format!("{year:04}-{month:02}")),
        ("agency_id", q.agency_id.clone()),
        ("competency_id", q.competency_id.clone()),
        ("method", q.method.clone()),
        ("status", q.status.clone()),
    ];
    Ok(view::calendar(
        &visitor.chrome(),
        &view::CalendarPage {
            year,
            month,
            rows: &rows,
            filters: &filters,
            agencies: &agencies,
            competencies: &competencies,
            is_staff: actor.may(Action::UseStaffPages),
            can_manage,
        },
    )
    .into_response())
}

// ---------------------------------------------------------------------------------------
// One batch
// ---------------------------------------------------------------------------------------

/// A batch the actor may see: drafts only for staff.
async fn visible(state: &AppState, actor: &Actor, id: i64) -> Result<Option<BatchRow>, AppError> {
    Ok(data::find(&state.db, id)
        .await?
        .filter(|r| actor.may(Action::ViewDrafts) || r.batch.status != BatchStatus::Draft))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ShowQuery {
    status: String,
    page: String,
}

/// Renders the batch page, with `errors` from a refused action (then 422).
async fn render(
    state: &AppState,
    actor: &Actor,
    visitor: &Visitor,
    id: i64,
    q: &ShowQuery,
    errors: &FieldErrors,
    nips: &str,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let row = visible(state, actor, id).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let now = Utc::now();
    let counts = data::state_counts(&state.db, id).await?;
    let place = people::own_place(&state.db, actor, &row, now).await?;
    let ineligible = place.ineligible_because.iter().map(|p| p.text(lang)).collect();
    let participants = if actor.may(Action::UseStaffPages) {
        let state_filter = EnrolmentState::parse(&q.status);
        Some(
            people::participants(
                &state.db,
                &actor.reach(Action::ViewEmployee),
                id,
                state_filter,
                paging::require(&q.page, "", 50).map_err(|e| e.in_lang(visitor.lang))?,
            )
            .await?,
        )
    } else {
        None
    };
    let can_manage = actor.can(&state.db, Action::ManageTraining, Target::Region).await?;
    let page = view::batch(
        &visitor.chrome(),
        &view::BatchPage {
            row: &row,
            counts: &counts,
            own: view::Own {
                enrolment: place.enrolment.as_ref(),
                can_enrol: place.can_enrol,
                ineligible,
                can_withdraw: place.can_withdraw,
            },
            staff: participants.as_ref().map(|p| view::StaffPart {
                participants: p,
                state: &q.status,
                can_manage,
                nips,
            }),
            errors,
            tz: visitor.tz,
        },
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    render(&state, &actor, &visitor, id, &q, &FieldErrors::default(), "").await
}

/// After an action: back to the batch page with a message, or the page again with the
/// problems.
#[allow(clippy::too_many_arguments)]
async fn after<T>(
    state: &AppState,
    policy: CookiePolicy,
    actor: &Actor,
    visitor: &Visitor,
    id: i64,
    result: Result<T, TrainingError>,
    done: Msg,
    nips: &str,
) -> Result<Response, AppError> {
    match result {
        Ok(_) => Ok(redirect_with_flash(policy, &views::batch_url(id), done)),
        Err(TrainingError::Invalid(problems)) => {
            render(
                state,
                actor,
                visitor,
                id,
                &ShowQuery::default(),
                &crate::forms::FieldErrors::from(problems),
                nips,
            )
            .await
        }
        Err(err) => Err(page_error(err, visitor.lang)),
    }
}

pub async fn enrol_self(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<crate::routes::auth::Empty>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    let result = people::request(&state.db, &notifier(&state), &actor, id, None, Utc::now()).await;
    let done = match &result {
        Ok(e) if e.state == EnrolmentState::Requested => Msg::TrainingFlashRequested,
        Ok(e) if e.state == EnrolmentState::Waitlisted => Msg::TrainingFlashWaitlisted,
        _ => Msg::TrainingFlashEnrolled,
    };
    after(&state, policy, &actor, &visitor, id, result, done, "").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NipsForm {
    nips: String,
}

pub async fn enrol_others(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    Staff { actor, visitor }: Staff,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<NipsForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    let nips = people::parse_nips(&form.nips);
    let result = people::enrol_many(&state.db, &notifier(&state), &actor, id, &nips, Utc::now()).await;
    after(&state, policy, &actor, &visitor, id, result, Msg::TrainingFlashBulk, &form.nips).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    action: String,
    reason: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    Staff { actor, visitor }: Staff,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    let Some(action) = BatchAction::parse(&form.action) else {
        return Err(AppError::BadRequest.in_lang(visitor.lang));
    };
    let result =
        data::change_status(&state.db, &notifier(&state), &actor, id, action, &form.reason, Utc::now()).await;
    after(&state, policy, &actor, &visitor, id, result, Msg::TrainingFlashStatus, "").await
}

pub async fn log(
    State(state): State<AppState>,
    Staff { actor, visitor }: Staff,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let row = data::find(&state.db, path_id(&id, lang)?).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let events = people::batch_events(
        &state.db,
        &actor.reach(Action::ViewEmployee),
        row.batch.id,
        paging::require(&q.page, "", 100).map_err(|e| e.in_lang(lang))?,
    )
    .await?;
    Ok(view::log(&visitor.chrome(), &view::LogPage { row: &row, events: &events, tz: visitor.tz })
        .into_response())
}

// ---------------------------------------------------------------------------------------
// The form (admins)
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BatchForm {
    program_id: String,
    batch_number: String,
    name: String,
    starts_on: String,
    ends_on: String,
    daily_start_time: String,
    daily_end_time: String,
    place: String,
    online_url: String,
    quota: String,
    enrolment_opens_at: String,
    enrolment_closes_at: String,
    withdrawal_deadline: String,
}

impl From<BatchForm> for BatchInput {
    fn from(f: BatchForm) -> Self {
        BatchInput {
            program_id: f.program_id,
            batch_number: f.batch_number,
            name: f.name,
            starts_on: f.starts_on,
            ends_on: f.ends_on,
            daily_start_time: f.daily_start_time,
            daily_end_time: f.daily_end_time,
            place: f.place,
            online_url: f.online_url,
            quota: f.quota,
            enrolment_opens_at: f.enrolment_opens_at,
            enrolment_closes_at: f.enrolment_closes_at,
            withdrawal_deadline: f.withdrawal_deadline,
        }
    }
}

async fn render_form(
    state: &AppState,
    staff: &Staff,
    editing: Option<&BatchRow>,
    input: &BatchInput,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let programs = programs::list(
        &state.db,
        &ProgramFilter { active_only: true, ..Default::default() },
        bangkom_entities::paging::PageRequest::first(1000),
    )
    .await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::form(
        &staff.visitor.chrome(),
        &view::FormPage { editing, input, errors, programs: &programs.items },
    );
    Ok((status, page).into_response())
}

async fn manager(state: &AppState, staff: &Staff) -> Result<(), AppError> {
    if staff.actor.can(&state.db, Action::ManageTraining, Target::Region).await? {
        Ok(())
    } else {
        Err(AppError::NotFound.in_lang(staff.visitor.lang))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    program_id: String,
}

pub async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    manager(&state, &staff).await?;
    let input = BatchInput { program_id: q.program_id, quota: "30".into(), ..Default::default() };
    render_form(&state, &staff, None, &input, &FieldErrors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<BatchForm>,
) -> Result<Response, AppError> {
    let input = BatchInput::from(form);
    match data::create(&state.db, &staff.actor, &input, state.settings.timezone, Utc::now()).await {
        Ok(b) => Ok(Redirect::to(&views::batch_url(b.id)).into_response()),
        Err(TrainingError::Invalid(problems)) => {
            render_form(&state, &staff, None, &input, &crate::forms::FieldErrors::from(problems)).await
        }
        Err(err) => Err(page_error(err, staff.visitor.lang)),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    manager(&state, &staff).await?;
    let lang = staff.visitor.lang;
    let row = data::find(&state.db, path_id(&id, lang)?).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let input = BatchInput::of(&row.batch, state.settings.timezone);
    render_form(&state, &staff, Some(&row), &input, &FieldErrors::default()).await
}

pub async fn update(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<BatchForm>,
) -> Result<Response, AppError> {
    manager(&state, &staff).await?;
    let lang = staff.visitor.lang;
    let row = data::find(&state.db, path_id(&id, lang)?).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let input = BatchInput::from(form);
    let tz = state.settings.timezone;
    match data::update(&state.db, &notifier(&state), &staff.actor, row.batch.id, &input, tz, Utc::now()).await
    {
        Ok(b) => Ok(redirect_with_flash(policy, &views::batch_url(b.id), Msg::TrainingFlashSaved)),
        Err(TrainingError::Invalid(problems)) => {
            render_form(&state, &staff, Some(&row), &input, &crate::forms::FieldErrors::from(problems)).await
        }
        Err(err) => Err(page_error(err, lang)),
    }
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

/// A batch (angkatan) of a programme.
#[derive(Serialize, ToSchema)]
pub struct Batch {
    id: i64,
    program_id: i64,
    program_code: String,
    program_title: String,
    #[schema(example = "pelatihan")]
    method: String,
    classical: bool,
    jp: i32,
    requires_supervisor_approval: bool,
    batch_number: i32,
    name: String,
    #[schema(value_type = String, format = Date)]
    starts_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    ends_on: NaiveDate,
    /// `HH:MM` in the deployment's time zone.
    daily_start_time: Option<String>,
    daily_end_time: Option<String>,
    /// The deployment's time zone (IANA name).
    #[schema(example = "Asia/Jakarta")]
    time_zone: String,
    place: Option<String>,
    online_url: Option<String>,
    quota: i32,
    seats_taken: i32,
    enrolment_opens_at: Option<DateTime<Utc>>,
    enrolment_closes_at: Option<DateTime<Utc>>,
    withdrawal_deadline: Option<DateTime<Utc>>,
    /// `draft`, `open`, `closed`, `running`, `completed` or `cancelled`.
    #[schema(example = "open")]
    status: String,
    /// Enrolment is open right now.
    enrolment_open: bool,
}

fn batch_json(r: BatchRow, tz: chrono_tz::Tz) -> Batch {
    let b: training_batches::Model = r.batch;
    let open = data::enrolment_open(&b, Utc::now());
    Batch {
        id: b.id,
        program_id: r.program.id,
        program_code: r.program.code,
        program_title: r.program.title,
        method: r.program.method.as_str().into(),
        classical: r.program.method.is_classical(),
        jp: r.program.jp,
        requires_supervisor_approval: r.program.requires_supervisor_approval,
        batch_number: b.batch_number,
        name: b.name,
        starts_on: b.starts_on,
        ends_on: b.ends_on,
        daily_start_time: b.daily_start_time.map(|t| t.format("%H:%M").to_string()),
        daily_end_time: b.daily_end_time.map(|t| t.format("%H:%M").to_string()),
        time_zone: tz.name().to_owned(),
        place: b.place,
        online_url: b.online_url,
        quota: b.quota,
        seats_taken: b.seats_taken,
        enrolment_opens_at: b.enrolment_opens_at,
        enrolment_closes_at: b.enrolment_closes_at,
        withdrawal_deadline: b.withdrawal_deadline,
        status: b.status.as_str().into(),
        enrolment_open: open,
    }
}

#[derive(Serialize, ToSchema)]
pub struct BatchList {
    items: Vec<Batch>,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApiListQuery {
    /// `YYYY-MM`: batches with a day in that month.
    month: String,
    /// `draft` (staff), `open`, `closed`, `running`, `completed` or `cancelled`.
    status: String,
    program_id: String,
    /// Programmes open to this agency.
    agency_id: String,
    /// Programmes aiming at this competency.
    competency_id: String,
    method: String,
}

/// Batches: by month (the calendar), status, programme, agency, competency and method; at
/// most 500, by first day.
#[utoipa::path(
    get, path = "/api/v1/batches", tag = "training", params(ApiListQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The batches", body = BatchList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 422, description = "A filter is not valid (see `fields`)")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<ApiListQuery>,
) -> Result<Json<BatchList>, ApiError> {
    let mut errors = FieldErrors::default();
    let (from, to) = match q.month.trim() {
        "" => (None, None),
        raw => match view::parse_month(raw).and_then(|(y, m)| data::month_bounds(y, m)) {
            Some((f, t)) => (Some(f), Some(t)),
            None => {
                errors.push(FieldError::new("month", Msg::TrainingBadMonth));
                (None, None)
            }
        },
    };
    let status =
        match q.status.trim() {
            "" => None,
            raw => BatchStatus::parse(raw).or_else(|| {
                errors.push(FieldError::new("status", Msg::CatalogueUnknownValue).with(
                    "choices",
                    BatchStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                ));
                None
            }),
        };
    let method = match q.method.trim() {
        "" => None,
        raw => TrainingMethod::parse(raw).or_else(|| {
            errors.push(FieldError::new("method", Msg::CatalogueUnknownValue).with(
                "choices",
                TrainingMethod::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
            ));
            None
        }),
    };
    let program_id = super::api_number("program_id", &q.program_id, &mut errors);
    let agency_id = super::api_number("agency_id", &q.agency_id, &mut errors);
    let competency_id = super::api_number("competency_id", &q.competency_id, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let filter = BatchFilter {
        from,
        to,
        status: status.filter(|s| actor.may(Action::ViewDrafts) || *s != BatchStatus::Draft),
        program_id,
        method,
        competency_id,
        agency_id,
        published_only: !actor.may(Action::ViewDrafts),
    };
    let tz = state.settings.timezone;
    let rows = data::list(&state.db, &filter).await?;
    Ok(Json(BatchList { items: rows.into_iter().map(|r| batch_json(r, tz)).collect() }))
}

/// One batch.
#[utoipa::path(
    get, path = "/api/v1/batches/{id}", tag = "training", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The batch's ID")),
    responses(
        (status = 200, description = "The batch", body = Batch),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch (drafts exist for staff only)")
    )
)]
pub async fn api_get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<Batch>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let row = visible(&state, &actor, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(batch_json(row, state.settings.timezone)))
}

/// A new batch (BKPSDM admins). Times are in the deployment's zone: dates `YYYY-MM-DD`,
/// daily times `HH:MM`, instants `YYYY-MM-DDTHH:MM`.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewBatch {
    program_id: Option<i64>,
    /// Default: the programme's next number.
    batch_number: Option<i32>,
    /// Default: "<programme> Angkatan <n>".
    name: Option<String>,
    #[schema(example = "2026-03-02")]
    starts_on: Option<String>,
    #[schema(example = "2026-03-06")]
    ends_on: Option<String>,
    #[schema(example = "08:00")]
    daily_start_time: Option<String>,
    #[schema(example = "16:00")]
    daily_end_time: Option<String>,
    place: Option<String>,
    online_url: Option<String>,
    quota: Option<i32>,
    #[schema(example = "2026-02-01T08:00")]
    enrolment_opens_at: Option<String>,
    enrolment_closes_at: Option<String>,
    withdrawal_deadline: Option<String>,
}

/// Creates a batch in `draft` (BKPSDM admins; 404 for anyone else).
#[utoipa::path(
    post, path = "/api/v1/batches", tag = "training", request_body = NewBatch, security(("bearer" = [])),
    responses(
        (status = 201, description = "The batch was created", body = Batch),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller may not manage batches"),
        (status = 422, description = "Some properties are invalid (see `fields`); nothing was stored")
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<NewBatch>, JsonRejection>,
) -> Result<(StatusCode, Json<Batch>), ApiError> {
    if !actor.can(&state.db, Action::ManageTraining, Target::Region).await? {
        return Err(AppError::NotFound.into());
    }
    let Json(b) = body.map_err(bad_body)?;
    let text = |v: Option<String>| v.unwrap_or_default();
    let input = BatchInput {
        program_id: b.program_id.map(|v| v.to_string()).unwrap_or_default(),
        batch_number: b.batch_number.map(|v| v.to_string()).unwrap_or_default(),
        name: text(b.name),
        starts_on: text(b.starts_on),
        ends_on: text(b.ends_on),
        daily_start_time: text(b.daily_start_time),
        daily_end_time: text(b.daily_end_time),
        place: text(b.place),
        online_url: text(b.online_url),
        quota: b.quota.map(|v| v.to_string()).unwrap_or_default(),
        enrolment_opens_at: text(b.enrolment_opens_at),
        enrolment_closes_at: text(b.enrolment_closes_at),
        withdrawal_deadline: text(b.withdrawal_deadline),
    };
    let tz = state.settings.timezone;
    let created = data::create(&state.db, &actor, &input, tz, Utc::now()).await.map_err(api_error)?;
    let row = data::find(&state.db, created.id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(batch_json(row, tz))))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// `open`, `close`, `start`, `complete` or `cancel`.
    #[schema(example = "open")]
    action: String,
    /// Required to cancel: it is sent to the participants.
    #[serde(default)]
    reason: String,
}

/// Moves a batch along draft → open → closed → running → completed (or cancelled; a closed
/// batch may open again). Cancelling withdraws every pending or seated enrolment and tells
/// the participants by e-mail.
#[utoipa::path(
    post, path = "/api/v1/batches/{id}/status", tag = "training", request_body = StatusChange,
    params(("id" = i64, Path, description = "The batch's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The batch after the change", body = Batch),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch, or the caller may not manage batches"),
        (status = 422, description = "The change is not allowed from the current status (see `fields`)")
    )
)]
pub async fn api_status(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<StatusChange>, JsonRejection>,
) -> Result<Json<Batch>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let Json(change) = body.map_err(bad_body)?;
    let Some(action) = BatchAction::parse(&change.action) else {
        return Err(AppError::Invalid(FieldErrors(vec![
            FieldError::new("action", Msg::CatalogueUnknownValue)
                .with("choices", "open, close, start, complete, cancel"),
        ]))
        .into());
    };
    data::change_status(&state.db, &notifier(&state), &actor, id, action, &change.reason, Utc::now())
        .await
        .map_err(api_error)?;
    let row = data::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(batch_json(row, state.settings.timezone)))
}

/// An enrolment as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct Enrolment {
    id: i64,
    batch_id: i64,
    employee_id: i64,
    /// `requested`, `approved`, `rejected`, `waitlisted`, `enrolled`, `withdrawn`,
    /// `attended`, `passed`, `failed` or `no_show`.
    #[schema(example = "enrolled")]
    state: String,
    /// The place in line (1 = next), while waitlisted.
    waitlist_position: Option<i32>,
    requested_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
    decision_reason: Option<String>,
    completed_at: Option<DateTime<Utc>>,
    jp_credited: Option<i32>,
    credited_year: Option<i32>,
    certificate_number: Option<String>,
}

pub(super) fn enrolment_json(e: enrolment::Model) -> Enrolment {
    Enrolment {
        id: e.id,
        batch_id: e.batch_id,
        employee_id: e.employee_id,
        state: e.state.as_str().into(),
        waitlist_position: e.waitlist_position,
        requested_at: e.requested_at,
        decided_at: e.decided_at,
        decision_reason: e.decision_reason,
        completed_at: e.completed_at,
        jp_credited: e.jp_credited,
        credited_year: e.credited_year,
        certificate_number: e.certificate_number,
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    /// Staff: the employee to enrol. Absent: the caller enrols themself.
    employee_id: Option<i64>,
}

/// Enrols in a batch: the caller themself, or (staff) an employee of their agencies. The
/// answer says where the enrolment stands: `requested` (waiting for the supervisor),
/// `enrolled`, or `waitlisted` with its position. The quota is never exceeded.
#[utoipa::path(
    post, path = "/api/v1/batches/{id}/enrolments", tag = "training", request_body = EnrolRequest,
    params(("id" = i64, Path, description = "The batch's ID")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The enrolment", body = Enrolment),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch, or an employee outside the caller's reach"),
        (status = 422, description = "Not open, not eligible, or already enrolled (see `fields`)")
    )
)]
pub async fn api_enrol(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Option<Json<EnrolRequest>>,
) -> Result<(StatusCode, Json<Enrolment>), ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let employee_id = body.and_then(|Json(b)| b.employee_id);
    let e = people::request(&state.db, &notifier(&state), &actor, id, employee_id, Utc::now())
        .await
        .map_err(api_error)?;
    Ok((StatusCode::CREATED, Json(enrolment_json(e))))
}

/// A participant line: the enrolment and the person.
#[derive(Serialize, ToSchema)]
pub struct Participant {
    enrolment_id: i64,
    employee_id: i64,
    nip: String,
    name: String,
    agency: String,
    state: String,
    waitlist_position: Option<i32>,
    requested_at: DateTime<Utc>,
    /// The account that made the request.
    requested_by: Option<String>,
    certificate_number: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantList {
    items: Vec<Participant>,
    page: u64,
    per_page: u64,
    total: u64,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ParticipantQuery {
    /// Only this state.
    state: String,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: String,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: String,
}

/// The enrolments of a batch in arrival order (staff: their agencies' people).
#[utoipa::path(
    get, path = "/api/v1/batches/{id}/enrolments", tag = "training", params(("id" = i64, Path, description = "The batch's ID"), ParticipantQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of enrolments, in arrival order", body = ParticipantList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch, or the caller is not staff"),
        (status = 422, description = "A filter or page value is not valid (see `fields`)")
    )
)]
pub async fn api_participants(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    Path(id): Path<String>,
    Query(q): Query<ParticipantQuery>,
) -> Result<Json<ParticipantList>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    data::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let state_filter = match q.state.trim() {
        "" => None,
        raw => EnrolmentState::parse(raw).or_else(|| {
            errors.push(FieldError::new("state", Msg::CatalogueUnknownValue).with(
                "choices",
                EnrolmentState::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
            ));
            None
        }),
    };
    let page = paging::collect(&q.page, &q.per_page, paging::DEFAULT_PER_PAGE, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let found =
        people::participants(&state.db, &actor.reach(Action::ViewEmployee), id, state_filter, page).await?;
    Ok(Json(ParticipantList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|r| Participant {
                enrolment_id: r.id,
                employee_id: r.employee_id,
                nip: r.nip,
                name: r.name,
                agency: r.agency_name,
                state: r.state.as_str().into(),
                waitlist_position: r.waitlist_position,
                requested_at: r.requested_at,
                requested_by: r.requested_by,
                certificate_number: r.certificate_number,
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    /// The NIPs to enrol, in this order (at most 500).
    nips: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct BulkResult {
    enrolled: u32,
    waitlisted: u32,
}

/// Staff enrol a list of employees by NIP, in the order given: seated while seats are free,
/// then on the waitlist. If any NIP is wrong (unknown, outside the caller's agencies, not
/// eligible, already enrolled) nothing is stored and every problem is named.
#[utoipa::path(
    post, path = "/api/v1/batches/{id}/enrolments/bulk", tag = "training", request_body = BulkRequest,
    params(("id" = i64, Path, description = "The batch's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "How many were seated and waitlisted", body = BulkResult),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch, or the caller is not staff"),
        (status = 422, description = "Not open, or NIPs that cannot be enrolled (see `fields`)")
    )
)]
pub async fn api_enrol_bulk(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<BulkRequest>, JsonRejection>,
) -> Result<Json<BulkResult>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let Json(b) = body.map_err(bad_body)?;
    let nips = people::parse_nips(&b.nips.join("\n"));
    let outcome = people::enrol_many(&state.db, &notifier(&state), &actor, id, &nips, Utc::now())
        .await
        .map_err(api_error)?;
    Ok(Json(BulkResult { enrolled: outcome.enrolled, waitlisted: outcome.waitlisted }))
}

/// One line of a batch's enrolment log.
#[derive(Serialize, ToSchema)]
pub struct EnrolmentEvent {
    id: i64,
    enrolment_id: i64,
    nip: String,
    name: String,
    /// Absent for the request that created the enrolment.
    from_state: Option<String>,
    to_state: String,
    at: DateTime<Utc>,
    /// The account that made the change; absent for the system.
    by: Option<String>,
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct EventList {
    items: Vec<EnrolmentEvent>,
    page: u64,
    per_page: u64,
    total: u64,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct EventQuery {
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: String,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: String,
}

/// The enrolment log of a batch in the order it happened (staff: their agencies' people):
/// every request, decision, seat, waitlist place, promotion and withdrawal.
#[utoipa::path(
    get, path = "/api/v1/batches/{id}/events", tag = "training", params(("id" = i64, Path, description = "The batch's ID"), EventQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the log, oldest first", body = EventList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such batch, or the caller is not staff"),
        (status = 422, description = "A page value is not valid (see `fields`)")
    )
)]
pub async fn api_events(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    Path(id): Path<String>,
    Query(q): Query<EventQuery>,
) -> Result<Json<EventList>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    data::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let page = paging::collect(&q.page, &q.per_page, paging::DEFAULT_PER_PAGE, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let found = people::batch_events(&state.db, &actor.reach(Action::ViewEmployee), id, page).await?;
    Ok(Json(EventList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|e| EnrolmentEvent {
                id: e.id,
                enrolment_id: e.enrolment_id,
                nip: e.nip,
                name: e.name,
                from_state: e.from_state.map(|s| s.as_str().into()),
                to_state: e.to_state.as_str().into(),
                at: e.at,
                by: e.by_email,
                reason: e.reason,
            })
            .collect(),
    }))
}
