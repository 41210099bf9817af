//! Positions (jabatan) and their competency standards: the staff pages (`/admin/jabatan`:
//! list, a position with its standard, create, edit, edit the standard) and the JSON API
//! (`/api/v1/positions`). Operators see region-wide positions and those of their agencies,
//! and change only the latter; admins change all. Anything else is 404.

use std::collections::HashMap;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use bangkom_entities::agencies as agency_queries;
use bangkom_entities::competencies as dictionary;
use bangkom_entities::enums::{CompetencyKind, PositionFamily};
use bangkom_entities::policy::{Action, Actor};
use bangkom_entities::positions::{
    self, AgencyFilter, PositionDetail, PositionFilter, PositionInput, StandardLine, StandardRow,
};
use bangkom_entities::schema::positions as position;
use bangkom_entities::validation::WriteError;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::common::{json_body, nullable, path_id};
use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::paging;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::positions as view;
use crate::web::{ApiActor, ApiStaff, CookiePolicy, CsrfForm, Staff, redirect_with_flash};

pub fn pages() -> Router<AppState> {
    let base = paths::ADMIN_POSITIONS;
    Router::new()
        .route(base, get(list))
        .route(&format!("{base}/baru"), get(new_form).post(create))
        .route(&format!("{base}/{{id}}"), get(show))
        .route(&format!("{base}/{{id}}/ubah"), get(edit_form).post(update))
        .route(&format!("{base}/{{id}}/standar"), get(standard_form).post(save_standard))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api_list, api_create))
        .routes(routes!(api_get, api_update))
        .routes(routes!(api_set_standard))
}

/// The list's filters as typed; wrong ones are reported and ignored.
fn parse_filter(q: &str, family: &str, agency: &str, errors: &mut FieldErrors) -> PositionFilter {
    let family = match family.trim() {
        "" => None,
        raw => PositionFamily::parse(raw).or_else(|| {
            let choices: Vec<&str> = PositionFamily::ALL.iter().map(|f| f.as_str()).collect();
            errors.push(
                FieldError::new("family", Msg::CatalogueUnknownValue).with("choices", choices.join(", ")),
            );
            None
        }),
    };
    let agency = match agency.trim() {
        "" => AgencyFilter::Any,
        view::REGION_WIDE => AgencyFilter::RegionWide,
        raw => match raw.parse::<i64>() {
            Ok(id) => AgencyFilter::Agency(id),
            Err(_) => {
                errors.push(FieldError::new("agency", Msg::CatalogueUnknownReference));
                AgencyFilter::Any
            }
        },
    };
    PositionFilter { q: Some(q.trim().to_owned()).filter(|q| !q.is_empty()), family, agency }
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    family: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let filter = parse_filter(&query.q, &query.family, &query.agency, &mut errors);
    let request = paging::collect(&query.page, "", paging::PAGE_PER_PAGE, &mut errors);
    let found = positions::list(&state.db, &staff.actor, &filter, request).await?;
    let agencies = agency_queries::agency_choices(&state.db, &staff.actor).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::list(
        &staff.visitor.chrome(),
        &view::ListPage {
            page: &found,
            q: &query.q,
            family: &query.family,
            agency: &query.agency,
            agencies: &agencies,
            errors: &errors,
        },
    );
    Ok((status, page).into_response())
}

async fn visible(state: &AppState, staff: &Staff, raw_id: &str) -> Result<PositionDetail, AppError> {
    let lang = staff.visitor.lang;
    let id = path_id(raw_id).map_err(|e| e.in_lang(lang))?;
    positions::detail(&state.db, &staff.actor, id).await?.ok_or(AppError::NotFound.in_lang(lang))
}

/// The position, if the visitor may change it.
async fn editable(state: &AppState, staff: &Staff, raw_id: &str) -> Result<PositionDetail, AppError> {
    let detail = visible(state, staff, raw_id).await?;
    if positions::editable_by(&state.db, &staff.actor, &detail.position).await? {
        Ok(detail)
    } else {
        Err(AppError::NotFound.in_lang(staff.visitor.lang))
    }
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let detail = visible(&state, &staff, &raw_id).await?;
    let can_edit = positions::editable_by(&state.db, &staff.actor, &detail.position).await?;
    Ok(view::detail(&staff.visitor.chrome(), &view::DetailPage { detail: &detail, can_edit }).into_response())
}

async fn render_form(
    state: &AppState,
    staff: &Staff,
    editing: Option<&position::Model>,
    values: &PositionInput,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let agencies = agency_queries::agency_choices(&state.db, &staff.actor).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::form(
        &staff.visitor.chrome(),
        &view::FormPage {
            editing: editing.map(|p| (p.id, p.name.as_str())),
            values,
            agencies: &agencies,
            allow_region_wide: staff.actor.may(Action::EditPosition),
            errors,
        },
    );
    Ok((status, page).into_response())
}

pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let mut values =
        PositionInput { family: PositionFamily::Pelaksana.as_str().to_owned(), ..Default::default() };
    if let Some(own) = staff.actor.own_agency() {
        values.agency_id = own.to_string();
    }
    render_form(&state, &staff, None, &values, &FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct PositionForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    family: String,
    #[serde(default)]
    agency_id: String,
}

impl From<PositionForm> for PositionInput {
    fn from(f: PositionForm) -> Self {
        PositionInput { code: f.code, name: f.name, family: f.family, agency_id: f.agency_id }
    }
}

pub async fn create(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    CsrfForm(form): CsrfForm<PositionForm>,
) -> Result<Response, AppError> {
    let input = PositionInput::from(form);
    match positions::create(&state.db, &staff.actor, &input, Utc::now()).await {
        Ok(created) => Ok(redirect_with_flash(policy, &view::url(created.id), Msg::PositionSaved)),
        Err(WriteError::Invalid(problems)) => {
            render_form(&state, &staff, None, &input, &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(staff.visitor.lang)),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let detail = editable(&state, &staff, &raw_id).await?;
    let values = PositionInput::from(&detail.position);
    render_form(&state, &staff, Some(&detail.position), &values, &FieldErrors::default()).await
}

pub async fn update(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(raw_id): Path<String>,
    CsrfForm(form): CsrfForm<PositionForm>,
) -> Result<Response, AppError> {
    let detail = editable(&state, &staff, &raw_id).await?;
    let input = PositionInput::from(form);
    match positions::update(&state.db, &staff.actor, detail.position.id, &input, Utc::now()).await {
        Ok(saved) => Ok(redirect_with_flash(policy, &view::url(saved.id), Msg::PositionSaved)),
        Err(WriteError::Invalid(problems)) => {
            render_form(&state, &staff, Some(&detail.position), &input, &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(staff.visitor.lang)),
    }
}

/// The standard form: every active competency, and inactive ones still in the standard,
/// with the level from `levels` (as typed, or as stored).
async fn render_standard(
    state: &AppState,
    staff: &Staff,
    detail: &PositionDetail,
    levels: &HashMap<i64, String>,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let in_standard = |id: i64| detail.standard.iter().any(|r| r.competency.id == id);
    let rows: Vec<_> = dictionary::all(&state.db)
        .await?
        .into_iter()
        .filter(|c| c.is_active || in_standard(c.id))
        .map(|c| {
            let level = levels.get(&c.id).cloned().unwrap_or_default();
            (c, level)
        })
        .collect();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::standard_form(
        &staff.visitor.chrome(),
        &view::StandardPage {
            position_id: detail.position.id,
            position_name: &detail.position.name,
            rows: &rows,
            errors,
        },
    );
    Ok((status, page).into_response())
}

pub async fn standard_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let detail = editable(&state, &staff, &raw_id).await?;
    let stored: HashMap<i64, String> =
        detail.standard.iter().map(|r| (r.competency.id, r.required_level.to_string())).collect();
    render_standard(&state, &staff, &detail, &stored, &FieldErrors::default()).await
}

/// The standard form sends `level-{competency id}` = level (empty: not in the standard).
pub async fn save_standard(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(raw_id): Path<String>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let detail = editable(&state, &staff, &raw_id).await?;
    let lines: Vec<StandardLine> = fields
        .iter()
        .filter_map(|(name, value)| {
            let competency_id = name.strip_prefix("level-")?.parse().ok()?;
            (!value.trim().is_empty()).then(|| StandardLine { competency_id, required_level: value.clone() })
        })
        .collect();
    match positions::set_standard(&state.db, &staff.actor, detail.position.id, &lines, Utc::now()).await {
        Ok(_) => Ok(redirect_with_flash(policy, &view::url(detail.position.id), Msg::PositionStandardSaved)),
        Err(WriteError::Invalid(problems)) => {
            let typed: HashMap<i64, String> =
                lines.iter().map(|l| (l.competency_id, l.required_level.clone())).collect();
            render_standard(&state, &staff, &detail, &typed, &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(staff.visitor.lang)),
    }
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

#[derive(Serialize, ToSchema)]
pub struct Position {
    id: i64,
    code: String,
    name: String,
    #[schema(value_type = String, example = "fungsional")]
    family: PositionFamily,
    /// The agency it belongs to; none: region-wide.
    agency_id: Option<i64>,
}

impl From<position::Model> for Position {
    fn from(p: position::Model) -> Self {
        Position { id: p.id, code: p.code, name: p.name, family: p.family, agency_id: p.agency_id }
    }
}

/// A line of the positions list.
#[derive(Serialize, ToSchema)]
pub struct PositionSummary {
    #[serde(flatten)]
    position: Position,
    agency_name: Option<String>,
    /// How many competencies its standard names.
    standard_size: u64,
}

#[derive(Serialize, ToSchema)]
pub struct PositionList {
    items: Vec<PositionSummary>,
    page: u64,
    per_page: u64,
    total: u64,
}

/// One competency of a position's standard.
#[derive(Serialize, ToSchema)]
pub struct StandardItem {
    competency_id: i64,
    competency_code: String,
    competency_name_id: String,
    competency_name_en: String,
    #[schema(value_type = String, example = "manajerial")]
    kind: CompetencyKind,
    /// 1–5.
    required_level: i16,
}

impl From<&StandardRow> for StandardItem {
    fn from(r: &StandardRow) -> Self {
        StandardItem {
            competency_id: r.competency.id,
            competency_code: r.competency.code.clone(),
            competency_name_id: r.competency.name_id.clone(),
            competency_name_en: r.competency.name_en.clone(),
            kind: r.competency.kind,
            required_level: r.required_level,
        }
    }
}

/// A position with its competency standard.
#[derive(Serialize, ToSchema)]
pub struct PositionWithStandard {
    #[serde(flatten)]
    position: Position,
    agency_name: Option<String>,
    standard: Vec<StandardItem>,
}

impl From<PositionDetail> for PositionWithStandard {
    fn from(d: PositionDetail) -> Self {
        PositionWithStandard {
            standard: d.standard.iter().map(StandardItem::from).collect(),
            agency_name: d.agency.map(|a| a.name),
            position: Position::from(d.position),
        }
    }
}

/// A competency standard: the whole of it (competencies not listed are removed).
#[derive(Serialize, ToSchema)]
pub struct Standard {
    items: Vec<StandardItem>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApiListQuery {
    /// Part of the name or code (any case).
    q: Option<String>,
    /// `jpt`, `administrator`, `pengawas`, `pelaksana` or `fungsional`.
    family: Option<String>,
    /// An agency's id, or `region` for region-wide positions.
    agency: Option<String>,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: Option<String>,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: Option<String>,
}

/// Positions within reach (region-wide ones and those of agencies within reach).
#[utoipa::path(
    get,
    path = "/api/v1/positions",
    tag = "positions",
    params(ApiListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of positions", body = PositionList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff"),
        (status = 422, description = "A filter is invalid (`error.fields`)")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    Query(query): Query<ApiListQuery>,
) -> Result<Json<PositionList>, ApiError> {
    let mut errors = FieldErrors::default();
    let agency = match query.agency.as_deref().map(str::trim) {
        Some("region") => view::REGION_WIDE,
        Some(other) => other,
        None => "",
    };
    let filter = parse_filter(
        query.q.as_deref().unwrap_or(""),
        query.family.as_deref().unwrap_or(""),
        agency,
        &mut errors,
    );
    let request = paging::collect(
        query.page.as_deref().unwrap_or(""),
        query.per_page.as_deref().unwrap_or(""),
        paging::DEFAULT_PER_PAGE,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(ApiError(AppError::Invalid(errors)));
    }
    let found = positions::list(&state.db, &actor, &filter, request).await?;
    Ok(Json(PositionList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|r| PositionSummary {
                agency_name: r.agency_name,
                standard_size: r.standard_size,
                position: Position::from(r.position),
            })
            .collect(),
    }))
}

async fn api_visible(state: &AppState, actor: &Actor, raw_id: &str) -> Result<PositionDetail, ApiError> {
    let id = path_id(raw_id)?;
    Ok(positions::detail(&state.db, actor, id).await?.ok_or(AppError::NotFound)?)
}

/// One position within reach, with its competency standard.
#[utoipa::path(
    get,
    path = "/api/v1/positions/{id}",
    tag = "positions",
    params(("id" = i64, Path, description = "The position's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The position and its standard", body = PositionWithStandard),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such position within reach")
    )
)]
pub async fn api_get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw_id): Path<String>,
) -> Result<Json<PositionWithStandard>, ApiError> {
    Ok(Json(api_visible(&state, &actor, &raw_id).await?.into()))
}

/// A new position.
#[derive(Deserialize, ToSchema)]
pub struct NewPosition {
    /// Unique, 1–32 letters, digits, `-`, `.`, `_` or `/`.
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    #[schema(example = "fungsional")]
    family: String,
    /// The agency it belongs to; none (admins only): region-wide.
    #[serde(default)]
    agency_id: Option<i64>,
}

/// Changes to a position: absent properties stay as they are.
#[derive(Deserialize, ToSchema)]
pub struct PositionChanges {
    code: Option<String>,
    name: Option<String>,
    #[schema(example = "fungsional")]
    family: Option<String>,
    /// `null` makes it region-wide (admins only).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    agency_id: Option<Option<i64>>,
}

fn agency_text(agency_id: Option<i64>) -> String {
    agency_id.map(|a| a.to_string()).unwrap_or_default()
}

/// Creates a position (operators: for an agency within their reach).
#[utoipa::path(
    post,
    path = "/api/v1/positions",
    tag = "positions",
    request_body = NewPosition,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Position),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff"),
        (status = 422, description = "Invalid fields (`error.fields`); nothing was changed")
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    body: Result<Json<NewPosition>, JsonRejection>,
) -> Result<(StatusCode, Json<Position>), ApiError> {
    let body = json_body(body)?;
    let input = PositionInput {
        code: body.code,
        name: body.name,
        family: body.family,
        agency_id: agency_text(body.agency_id),
    };
    let created = positions::create(&state.db, &actor, &input, Utc::now()).await.map_err(AppError::from)?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Changes a position the caller may edit.
#[utoipa::path(
    patch,
    path = "/api/v1/positions/{id}",
    tag = "positions",
    params(("id" = i64, Path, description = "The position's id")),
    request_body = PositionChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The position as saved", body = Position),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such position the caller may edit"),
        (status = 422, description = "Invalid fields (`error.fields`); nothing was changed")
    )
)]
pub async fn api_update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw_id): Path<String>,
    body: Result<Json<PositionChanges>, JsonRejection>,
) -> Result<Json<Position>, ApiError> {
    let detail = api_visible(&state, &actor, &raw_id).await?;
    if !positions::editable_by(&state.db, &actor, &detail.position).await? {
        return Err(ApiError(AppError::NotFound));
    }
    let body = json_body(body)?;
    let mut input = PositionInput::from(&detail.position);
    if let Some(code) = body.code {
        input.code = code;
    }
    if let Some(name) = body.name {
        input.name = name;
    }
    if let Some(family) = body.family {
        input.family = family;
    }
    if let Some(agency_id) = body.agency_id {
        input.agency_id = agency_text(agency_id);
    }
    let saved = positions::update(&state.db, &actor, detail.position.id, &input, Utc::now())
        .await
        .map_err(AppError::from)?;
    Ok(Json(saved.into()))
}

/// One competency of a standard to save.
#[derive(Deserialize, ToSchema)]
pub struct StandardItemInput {
    competency_id: i64,
    /// 1–5.
    required_level: i64,
}

/// The whole standard to save: competencies not listed are removed.
#[derive(Deserialize, ToSchema)]
pub struct StandardInput {
    items: Vec<StandardItemInput>,
}

/// Replaces a position's competency standard.
#[utoipa::path(
    put,
    path = "/api/v1/positions/{id}/standard",
    tag = "positions",
    params(("id" = i64, Path, description = "The position's id")),
    request_body = StandardInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The standard as saved", body = Standard),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such position the caller may edit"),
        (status = 422, description = "Invalid items (`error.fields`: `required_level`, `competency_id`); nothing was changed")
    )
)]
pub async fn api_set_standard(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw_id): Path<String>,
    body: Result<Json<StandardInput>, JsonRejection>,
) -> Result<Json<Standard>, ApiError> {
    let detail = api_visible(&state, &actor, &raw_id).await?;
    if !positions::editable_by(&state.db, &actor, &detail.position).await? {
        return Err(ApiError(AppError::NotFound));
    }
    let body = json_body(body)?;
    let lines: Vec<StandardLine> = body
        .items
        .iter()
        .map(|i| StandardLine {
            competency_id: i.competency_id,
            required_level: i.required_level.to_string(),
        })
        .collect();
    let saved = positions::set_standard(&state.db, &actor, detail.position.id, &lines, Utc::now())
        .await
        .map_err(AppError::from)?;
    Ok(Json(Standard { items: saved.iter().map(StandardItem::from).collect() }))
}
