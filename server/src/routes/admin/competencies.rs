//! The competency dictionary: the staff pages (`/admin/kompetensi`: list by kind, one
//! competency, create and edit) and the JSON API (`/api/v1/competencies`). Every member of
//! staff reads it; only admins change it (for operators the forms do not exist: 404).

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use bangkom_entities::competencies::{self, CompetencyFilter, CompetencyInput};
use bangkom_entities::enums::CompetencyKind;
use bangkom_entities::policy::{Action, Target};
use bangkom_entities::schema::competencies as competency;
use bangkom_entities::validation::WriteError;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::common::{json_body, path_id};
use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::paging;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::competencies as view;
use crate::web::{ApiActor, ApiStaff, CookiePolicy, CsrfForm, Staff, redirect_with_flash};

pub fn pages() -> Router<AppState> {
    let base = paths::ADMIN_COMPETENCIES;
    Router::new()
        .route(base, get(list))
        .route(&format!("{base}/baru"), get(new_form).post(create))
        .route(&format!("{base}/{{id}}"), get(show))
        .route(&format!("{base}/{{id}}/ubah"), get(edit_form).post(update))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list, api_create)).routes(routes!(api_get, api_update))
}

fn parse_kind(raw: &str, errors: &mut FieldErrors) -> Option<CompetencyKind> {
    match raw.trim() {
        "" => None,
        raw => CompetencyKind::parse(raw).or_else(|| {
            let choices: Vec<&str> = CompetencyKind::ALL.iter().map(|k| k.as_str()).collect();
            errors.push(
                FieldError::new("kind", Msg::CatalogueUnknownValue).with("choices", choices.join(", ")),
            );
            None
        }),
    }
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let mut ignored = FieldErrors::default();
    let filter = CompetencyFilter {
        q: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
        kind: parse_kind(&query.kind, &mut ignored),
    };
    // The whole dictionary of a region fits on one page; larger ones are paged.
    let request = paging::require(&query.page, "", 100).map_err(|e| e.in_lang(staff.visitor.lang))?;
    let found = competencies::list(&state.db, &filter, request).await?;
    let can_edit = staff.actor.can(&state.db, Action::EditCompetencies, Target::Region).await?;
    let page = view::list(
        &staff.visitor.chrome(),
        &view::ListPage { page: &found, q: &query.q, kind: &query.kind, can_edit },
    );
    Ok(page.into_response())
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let lang = staff.visitor.lang;
    let id = path_id(&raw_id).map_err(|e| e.in_lang(lang))?;
    let found =
        competencies::find(&state.db, &staff.actor, id).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let can_edit = staff.actor.can(&state.db, Action::EditCompetencies, Target::Region).await?;
    Ok(view::detail(&staff.visitor.chrome(), &found, can_edit).into_response())
}

/// Only admins reach the forms.
async fn may_edit(state: &AppState, staff: &Staff) -> Result<(), AppError> {
    if staff.actor.can(&state.db, Action::EditCompetencies, Target::Region).await? {
        Ok(())
    } else {
        Err(AppError::NotFound.in_lang(staff.visitor.lang))
    }
}

fn render_form(
    staff: &Staff,
    editing: Option<&competency::Model>,
    values: &CompetencyInput,
    errors: &FieldErrors,
) -> Response {
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::form(&staff.visitor.chrome(), &view::FormPage { editing, values, errors });
    (status, page).into_response()
}

pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let values = CompetencyInput { kind: CompetencyKind::Teknis.as_str().to_owned(), ..Default::default() };
    Ok(render_form(&staff, None, &values, &FieldErrors::default()))
}

#[derive(Deserialize)]
pub struct CompetencyForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name_id: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    source: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    is_active: Option<String>,
}

impl From<CompetencyForm> for CompetencyInput {
    fn from(f: CompetencyForm) -> Self {
        CompetencyInput {
            code: f.code,
            kind: f.kind,
            name_id: f.name_id,
            name_en: f.name_en,
            description: f.description,
            source: f.source,
            is_active: f.is_active.is_some(),
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    CsrfForm(form): CsrfForm<CompetencyForm>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let input = CompetencyInput::from(form);
    match competencies::create(&state.db, &staff.actor, &input, Utc::now()).await {
        Ok(created) => Ok(redirect_with_flash(policy, &view::url(created.id), Msg::CompetencySaved)),
        Err(WriteError::Invalid(problems)) => {
            Ok(render_form(&staff, None, &input, &FieldErrors::from(problems)))
        }
        Err(err) => Err(AppError::from(err).in_lang(staff.visitor.lang)),
    }
}

async fn editable(state: &AppState, staff: &Staff, raw_id: &str) -> Result<competency::Model, AppError> {
    may_edit(state, staff).await?;
    let lang = staff.visitor.lang;
    let id = path_id(raw_id).map_err(|e| e.in_lang(lang))?;
    competencies::find(&state.db, &staff.actor, id).await?.ok_or(AppError::NotFound.in_lang(lang))
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let current = editable(&state, &staff, &raw_id).await?;
    Ok(render_form(&staff, Some(&current), &CompetencyInput::from(&current), &FieldErrors::default()))
}

pub async fn update(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(raw_id): Path<String>,
    CsrfForm(form): CsrfForm<CompetencyForm>,
) -> Result<Response, AppError> {
    let current = editable(&state, &staff, &raw_id).await?;
    let input = CompetencyInput::from(form);
    match competencies::update(&state.db, &staff.actor, current.id, &input, Utc::now()).await {
        Ok(saved) => Ok(redirect_with_flash(policy, &view::url(saved.id), Msg::CompetencySaved)),
        Err(WriteError::Invalid(problems)) => {
            Ok(render_form(&staff, Some(&current), &input, &FieldErrors::from(problems)))
        }
        Err(err) => Err(AppError::from(err).in_lang(staff.visitor.lang)),
    }
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

#[derive(Serialize, ToSchema)]
pub struct Competency {
    id: i64,
    code: String,
    #[schema(value_type = String, example = "manajerial")]
    kind: CompetencyKind,
    name_id: String,
    name_en: String,
    description: Option<String>,
    source: Option<String>,
    is_active: bool,
}

impl From<competency::Model> for Competency {
    fn from(c: competency::Model) -> Self {
        Competency {
            id: c.id,
            code: c.code,
            kind: c.kind,
            name_id: c.name_id,
            name_en: c.name_en,
            description: c.description,
            source: c.source,
            is_active: c.is_active,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CompetencyList {
    items: Vec<Competency>,
    page: u64,
    per_page: u64,
    total: u64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApiListQuery {
    /// Part of the code or either name (any case).
    q: Option<String>,
    /// `teknis`, `manajerial` or `sosial_kultural`.
    kind: Option<String>,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: Option<String>,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: Option<String>,
}

/// The competency dictionary, in kind order and then by code.
#[utoipa::path(
    get,
    path = "/api/v1/competencies",
    tag = "competencies",
    params(ApiListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of the dictionary", body = CompetencyList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff"),
        (status = 422, description = "A filter is invalid (`error.fields`)")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiStaff(_actor): ApiStaff,
    Query(query): Query<ApiListQuery>,
) -> Result<Json<CompetencyList>, ApiError> {
    let mut errors = FieldErrors::default();
    let filter = CompetencyFilter {
        q: query.q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()),
        kind: parse_kind(query.kind.as_deref().unwrap_or(""), &mut errors),
    };
    let request = paging::collect(
        query.page.as_deref().unwrap_or(""),
        query.per_page.as_deref().unwrap_or(""),
        paging::DEFAULT_PER_PAGE,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(ApiError(AppError::Invalid(errors)));
    }
    let found = competencies::list(&state.db, &filter, request).await?;
    Ok(Json(CompetencyList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found.items.into_iter().map(Competency::from).collect(),
    }))
}

/// One competency.
#[utoipa::path(
    get,
    path = "/api/v1/competencies/{id}",
    tag = "competencies",
    params(("id" = i64, Path, description = "The competency's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The competency", body = Competency),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such competency, or the caller is not staff")
    )
)]
pub async fn api_get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw_id): Path<String>,
) -> Result<Json<Competency>, ApiError> {
    let id = path_id(&raw_id)?;
    let found = competencies::find(&state.db, &actor, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(found.into()))
}

/// A new competency.
#[derive(Deserialize, ToSchema)]
pub struct NewCompetency {
    /// Unique, 1–32 letters, digits, `-`, `.`, `_` or `/`.
    #[serde(default)]
    code: String,
    /// `teknis`, `manajerial` or `sosial_kultural`.
    #[serde(default)]
    #[schema(example = "teknis")]
    kind: String,
    #[serde(default)]
    name_id: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    source: Option<String>,
    /// Default `true`.
    #[serde(default)]
    is_active: Option<bool>,
}

/// Changes to a competency: absent properties stay as they are.
#[derive(Deserialize, ToSchema)]
pub struct CompetencyChanges {
    code: Option<String>,
    #[schema(example = "teknis")]
    kind: Option<String>,
    name_id: Option<String>,
    name_en: Option<String>,
    /// `null` or `""` clears it.
    #[serde(default, deserialize_with = "super::common::nullable")]
    #[schema(value_type = Option<String>)]
    description: Option<Option<String>>,
    /// `null` or `""` clears it.
    #[serde(default, deserialize_with = "super::common::nullable")]
    #[schema(value_type = Option<String>)]
    source: Option<Option<String>>,
    is_active: Option<bool>,
}

/// Adds a competency to the dictionary (admins).
#[utoipa::path(
    post,
    path = "/api/v1/competencies",
    tag = "competencies",
    request_body = NewCompetency,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Competency),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller may not change the dictionary"),
        (status = 422, description = "Invalid fields (`error.fields`); nothing was changed")
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<NewCompetency>, JsonRejection>,
) -> Result<(StatusCode, Json<Competency>), ApiError> {
    if !actor.can(&state.db, Action::EditCompetencies, Target::Region).await? {
        return Err(ApiError(AppError::NotFound));
    }
    let body = json_body(body)?;
    let input = CompetencyInput {
        code: body.code,
        kind: body.kind,
        name_id: body.name_id,
        name_en: body.name_en,
        description: body.description.unwrap_or_default(),
        source: body.source.unwrap_or_default(),
        is_active: body.is_active.unwrap_or(true),
    };
    let created =
        competencies::create(&state.db, &actor, &input, Utc::now()).await.map_err(AppError::from)?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// Changes a competency (admins).
#[utoipa::path(
    patch,
    path = "/api/v1/competencies/{id}",
    tag = "competencies",
    params(("id" = i64, Path, description = "The competency's id")),
    request_body = CompetencyChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The competency as saved", body = Competency),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such competency, or the caller may not change the dictionary"),
        (status = 422, description = "Invalid fields (`error.fields`); nothing was changed")
    )
)]
pub async fn api_update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw_id): Path<String>,
    body: Result<Json<CompetencyChanges>, JsonRejection>,
) -> Result<Json<Competency>, ApiError> {
    if !actor.can(&state.db, Action::EditCompetencies, Target::Region).await? {
        return Err(ApiError(AppError::NotFound));
    }
    let id = path_id(&raw_id)?;
    let current = competencies::find(&state.db, &actor, id).await?.ok_or(AppError::NotFound)?;
    let body = json_body(body)?;
    let mut input = CompetencyInput::from(&current);
    if let Some(code) = body.code {
        input.code = code;
    }
    if let Some(kind) = body.kind {
        input.kind = kind;
    }
    if let Some(name_id) = body.name_id {
        input.name_id = name_id;
    }
    if let Some(name_en) = body.name_en {
        input.name_en = name_en;
    }
    if let Some(description) = body.description {
        input.description = description.unwrap_or_default();
    }
    if let Some(source) = body.source {
        input.source = source.unwrap_or_default();
    }
    if let Some(is_active) = body.is_active {
        input.is_active = is_active;
    }
    let saved =
        competencies::update(&state.db, &actor, id, &input, Utc::now()).await.map_err(AppError::from)?;
    Ok(Json(saved.into()))
}
