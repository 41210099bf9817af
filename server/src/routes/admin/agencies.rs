//! Agencies: the staff pages (`/admin/opd`: the tree with search, an agency's page, create
//! and edit) and the JSON API (`/api/v1/agencies`). Admins reach every agency; operators
//! their own agency and the units below it, and add only units. Anything else is 404.
//!
//! The first section holds helpers the catalogue areas (agencies, positions, competencies,
//! audit) share.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use bangkom_entities::agencies::{self, AgencyInput, AgencyNode};
use bangkom_entities::enums::AgencyKind;
use bangkom_entities::policy::{Action, Target};
use bangkom_entities::schema::agencies as agency;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::common::{json_body, nullable, path_id};
use crate::error::{ApiError, AppError};
use crate::forms::FieldErrors;
use crate::i18n::Msg;
use crate::paging;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::agencies as view;
use crate::web::{ApiActor, ApiStaff, CookiePolicy, CsrfForm, Staff, redirect_with_flash};
use bangkom_entities::validation::WriteError;

pub fn pages() -> Router<AppState> {
    let base = paths::ADMIN_AGENCIES;
    Router::new()
        .route(base, get(index))
        .route(&format!("{base}/baru"), get(new_form).post(create))
        .route(&format!("{base}/{{id}}"), get(show))
        .route(&format!("{base}/{{id}}/ubah"), get(edit_form).post(update))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list, api_create)).routes(routes!(api_get, api_update))
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct IndexQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: String,
}

pub async fn index(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<IndexQuery>,
) -> Result<Response, AppError> {
    let q = query.q.trim();
    let tree = if q.is_empty() { agencies::tree(&state.db, &staff.actor).await? } else { Vec::new() };
    let results = match q {
        "" => None,
        q => {
            let request = paging::require(&query.page, "", paging::PAGE_PER_PAGE)
                .map_err(|e| e.in_lang(staff.visitor.lang))?;
            Some(agencies::search(&state.db, &staff.actor, q, request).await.map_err(AppError::from)?)
        }
    };
    let page = view::tree(
        &staff.visitor.chrome(),
        &view::TreePage {
            tree: &tree,
            q,
            results: results.as_ref(),
            can_add_agencies: staff.actor.may(Action::EditAgency),
        },
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
    let detail =
        agencies::detail(&state.db, &staff.actor, id).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let can_edit = staff.actor.can(&state.db, Action::EditAgency, Target::Agency(id)).await?;
    let page = view::detail(
        &staff.visitor.chrome(),
        &view::DetailPage {
            detail: &detail,
            can_edit,
            can_add_unit: can_edit && detail.node.agency.kind == AgencyKind::Agency,
        },
    );
    Ok(page.into_response())
}

/// What the form offers the visitor: kinds and parents.
async fn render_form(
    state: &AppState,
    staff: &Staff,
    editing: Option<&agency::Model>,
    values: &AgencyInput,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let admin = staff.actor.may(Action::EditAgency);
    let mut parents = agencies::parent_choices(&state.db, &staff.actor).await?;
    if let Some(editing) = editing {
        // Not below itself; its current parent stays a choice even when out of reach.
        let below = bangkom_entities::policy::agency_subtree(&state.db, editing.id).await?;
        parents.retain(|a| !below.contains(&a.id));
        if let Some(current) = editing.parent_id
            && !parents.iter().any(|a| a.id == current)
            && let Some(parent) = agencies::by_id(&state.db, current).await?
        {
            parents.insert(0, parent);
        }
    }
    let kinds: Vec<AgencyKind> = match (admin, editing) {
        (true, _) => AgencyKind::ALL.to_vec(),
        (false, Some(a)) if a.kind != AgencyKind::Unit => vec![a.kind],
        (false, _) => vec![AgencyKind::Unit],
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::form(
        &staff.visitor.chrome(),
        &view::FormPage { editing, values, kinds: &kinds, parents: &parents, allow_no_parent: admin, errors },
    );
    Ok((status, page).into_response())
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    /// The parent to preselect (an agency's "add a unit" link).
    #[serde(default)]
    induk: String,
}

pub async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<NewQuery>,
) -> Result<Response, AppError> {
    let mut values = AgencyInput {
        kind: AgencyKind::Unit.as_str().to_owned(),
        parent_id: query.induk,
        ..Default::default()
    };
    if values.parent_id.is_empty() {
        // Admins most often add an agency under the region; operators a unit under theirs.
        let parents = agencies::parent_choices(&state.db, &staff.actor).await?;
        if staff.actor.may(Action::EditAgency) {
            values.kind = AgencyKind::Agency.as_str().to_owned();
            if let Some(region) = parents.iter().find(|a| a.kind == AgencyKind::Region) {
                values.parent_id = region.id.to_string();
            }
        } else if let Some(own) = parents.first() {
            values.parent_id = own.id.to_string();
        }
    }
    render_form(&state, &staff, None, &values, &FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct AgencyForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    parent_id: String,
}

impl From<AgencyForm> for AgencyInput {
    fn from(f: AgencyForm) -> Self {
        AgencyInput { code: f.code, name: f.name, kind: f.kind, parent_id: f.parent_id }
    }
}

pub async fn create(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    CsrfForm(form): CsrfForm<AgencyForm>,
) -> Result<Response, AppError> {
    let input = AgencyInput::from(form);
    match agencies::create(&state.db, &staff.actor, &input, Utc::now()).await {
        Ok(created) => Ok(redirect_with_flash(policy, &view::url(created.id), Msg::AgencySaved)),
        Err(WriteError::Invalid(problems)) => {
            render_form(&state, &staff, None, &input, &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(staff.visitor.lang)),
    }
}

/// The agency to edit, if the visitor may edit it.
async fn editable(state: &AppState, staff: &Staff, raw_id: &str) -> Result<agency::Model, AppError> {
    let lang = staff.visitor.lang;
    let id = path_id(raw_id).map_err(|e| e.in_lang(lang))?;
    if !staff.actor.can(&state.db, Action::EditAgency, Target::Agency(id)).await? {
        return Err(AppError::NotFound.in_lang(lang));
    }
    agencies::by_id(&state.db, id).await?.ok_or(AppError::NotFound.in_lang(lang))
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let current = editable(&state, &staff, &raw_id).await?;
    render_form(&state, &staff, Some(&current), &AgencyInput::from(&current), &FieldErrors::default()).await
}

pub async fn update(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(raw_id): Path<String>,
    CsrfForm(form): CsrfForm<AgencyForm>,
) -> Result<Response, AppError> {
    let current = editable(&state, &staff, &raw_id).await?;
    let input = AgencyInput::from(form);
    match agencies::update(&state.db, &staff.actor, current.id, &input, Utc::now()).await {
        Ok(saved) => Ok(redirect_with_flash(policy, &view::url(saved.id), Msg::AgencySaved)),
        Err(WriteError::Invalid(problems)) => {
            render_form(&state, &staff, Some(&current), &input, &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(staff.visitor.lang)),
    }
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

/// An agency, agency (OPD) or unit, with its active employees.
#[derive(Serialize, ToSchema)]
pub struct Agency {
    id: i64,
    code: String,
    name: String,
    #[schema(value_type = String, example = "unit")]
    kind: AgencyKind,
    /// The agency above it (none: the region).
    parent_id: Option<i64>,
    /// Active employees directly in it.
    active_employees: u64,
    /// Active employees in it and everything below it.
    active_employees_total: u64,
}

impl From<&AgencyNode> for Agency {
    fn from(n: &AgencyNode) -> Self {
        let a = &n.agency;
        Agency {
            id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
            kind: a.kind,
            parent_id: a.parent_id,
            active_employees: n.own_employees,
            active_employees_total: n.total_employees,
        }
    }
}

impl Agency {
    /// A record just written (its counts are read afresh by GET).
    fn written(a: agency::Model, node: Option<&AgencyNode>) -> Self {
        Agency {
            active_employees: node.map_or(0, |n| n.own_employees),
            active_employees_total: node.map_or(0, |n| n.total_employees),
            id: a.id,
            code: a.code,
            name: a.name,
            kind: a.kind,
            parent_id: a.parent_id,
        }
    }
}

/// The agencies within the caller's reach, in one flat list; the tree follows `parent_id`.
#[derive(Serialize, ToSchema)]
pub struct AgencyList {
    items: Vec<Agency>,
}

/// An agency with what lies directly below it.
#[derive(Serialize, ToSchema)]
pub struct AgencyWithChildren {
    #[serde(flatten)]
    agency: Agency,
    children: Vec<Agency>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgencyListQuery {
    /// Only agencies whose name or code contains this (any case).
    q: Option<String>,
}

/// Agencies within reach: every agency for admins, an operator's agency and its units.
#[utoipa::path(
    get,
    path = "/api/v1/agencies",
    tag = "agencies",
    params(AgencyListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agencies within reach", body = AgencyList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    Query(query): Query<AgencyListQuery>,
) -> Result<Json<AgencyList>, ApiError> {
    let all = agencies::flat(&state.db, &actor, query.q.as_deref()).await?;
    Ok(Json(AgencyList { items: all.iter().map(Agency::from).collect() }))
}

/// One agency within reach, with its children.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}",
    tag = "agencies",
    params(("id" = i64, Path, description = "The agency's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agency", body = AgencyWithChildren),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such agency within reach")
    )
)]
pub async fn api_get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw_id): Path<String>,
) -> Result<Json<AgencyWithChildren>, ApiError> {
    let id = path_id(&raw_id)?;
    let detail = agencies::detail(&state.db, &actor, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(AgencyWithChildren {
        agency: Agency::from(&detail.node),
        children: detail.node.children.iter().map(Agency::from).collect(),
    }))
}

/// A new agency or unit.
#[derive(Deserialize, ToSchema)]
pub struct NewAgency {
    /// Unique, 1–32 letters, digits, `-`, `.`, `_` or `/`.
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    /// `region`, `agency` (its parent is a region) or `unit` (its parent is an agency).
    #[serde(default)]
    #[schema(example = "unit")]
    kind: String,
    #[serde(default)]
    parent_id: Option<i64>,
}

/// Changes to an agency: absent properties stay as they are.
#[derive(Deserialize, ToSchema)]
pub struct AgencyChanges {
    code: Option<String>,
    name: Option<String>,
    #[schema(example = "unit")]
    kind: Option<String>,
    /// `null` removes the parent (regions only).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    parent_id: Option<Option<i64>>,
}

fn parent_text(parent_id: Option<i64>) -> String {
    parent_id.map(|p| p.to_string()).unwrap_or_default()
}

/// Creates an agency (admins) or a unit under an agency within reach (operators).
#[utoipa::path(
    post,
    path = "/api/v1/agencies",
    tag = "agencies",
    request_body = NewAgency,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Agency),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff"),
        (status = 422, description = "Invalid fields (`error.fields`); nothing was changed")
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    body: Result<Json<NewAgency>, JsonRejection>,
) -> Result<(StatusCode, Json<Agency>), ApiError> {
    let body = json_body(body)?;
    let input = AgencyInput {
        code: body.code,
        name: body.name,
        kind: body.kind,
        parent_id: parent_text(body.parent_id),
    };
    let created = agencies::create(&state.db, &actor, &input, Utc::now()).await.map_err(AppError::from)?;
    Ok((StatusCode::CREATED, Json(Agency::written(created, None))))
}

/// Changes an agency within reach.
#[utoipa::path(
    patch,
    path = "/api/v1/agencies/{id}",
    tag = "agencies",
    params(("id" = i64, Path, description = "The agency's id")),
    request_body = AgencyChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The agency as saved", body = Agency),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such agency within reach"),
        (status = 422, description = "Invalid fields (`error.fields`); nothing was changed")
    )
)]
pub async fn api_update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(raw_id): Path<String>,
    body: Result<Json<AgencyChanges>, JsonRejection>,
) -> Result<Json<Agency>, ApiError> {
    let id = path_id(&raw_id)?;
    if !actor.can(&state.db, Action::EditAgency, Target::Agency(id)).await? {
        return Err(ApiError(AppError::NotFound));
    }
    let current = agencies::by_id(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let body = json_body(body)?;
    let mut input = AgencyInput::from(&current);
    if let Some(code) = body.code {
        input.code = code;
    }
    if let Some(name) = body.name {
        input.name = name;
    }
    if let Some(kind) = body.kind {
        input.kind = kind;
    }
    if let Some(parent_id) = body.parent_id {
        input.parent_id = parent_text(parent_id);
    }
    let saved = agencies::update(&state.db, &actor, id, &input, Utc::now()).await.map_err(AppError::from)?;
    let node = agencies::detail(&state.db, &actor, id).await?;
    Ok(Json(Agency::written(saved, node.as_ref().map(|d| &d.node))))
}
