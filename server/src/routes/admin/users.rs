//! User accounts: the staff pages (`/admin/akun`: list, create, edit, deactivate) and the
//! JSON API (`/api/v1/users`). Admins manage every account; agency operators only employee
//! accounts of their agency, and cannot give the admin or operator role.
//!
//! A new account gets a generated password, shown once on the page (or in the API response)
//! that reports the creation; the owner can change it with "forgot password" at any time.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bangkom_entities::enums::Role;
use bangkom_entities::users::{self, Account, AccountInput, UserFilter};
use bangkom_entities::validation::WriteError;
use bangkom_entities::{employees, schema};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::common::{bad_body, nullable, parse_flag, path_id};
use crate::auth::password;
use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::paging;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::users as view;
use crate::web::{ApiActor, ApiStaff, CookiePolicy, CsrfForm, Staff, redirect_with_flash};

pub fn pages() -> Router<AppState> {
    let base = paths::ADMIN_USERS;
    Router::new()
        .route(base, get(list).post(create))
        .route(&format!("{base}/baru"), get(new_form))
        .route(&format!("{base}/{{id}}"), get(show).post(update))
        .route(&format!("{base}/{{id}}/nonaktifkan"), post(deactivate))
        .route(&format!("{base}/{{id}}/aktifkan"), post(activate))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list, api_create)).routes(routes!(api_update))
}

/// A generated password and its hash (hashing is slow and memory-heavy: through the gate).
async fn new_password(state: &AppState) -> Result<(String, String), AppError> {
    let plain = password::generate();
    let hash = state.passwords.hash(plain.clone()).await?.map_err(|e| AppError::Internal(e.into()))?;
    Ok((plain, hash))
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    role: String,
    active: String,
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    Staff { actor, visitor }: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let filter = UserFilter {
        q: query.q.trim().to_owned(),
        role: Role::parse(&query.role),
        active: parse_flag(&query.active).ok().flatten(),
    };
    let page =
        paging::require(&query.page, "", paging::PAGE_PER_PAGE).map_err(|e| e.in_lang(visitor.lang))?;
    let found = users::list(&state.db, &actor, &filter, page).await?;
    let filters =
        vec![("q", filter.q.clone()), ("role", query.role.clone()), ("active", query.active.clone())];
    Ok(view::list(
        &visitor.chrome(),
        &view::ListPage { page: &found, filters: &filters, roles: actor.assignable_roles(), tz: visitor.tz },
    )
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AccountForm {
    email: String,
    role: String,
    agency_id: String,
    nip: String,
    /// A checkbox: present when ticked.
    is_active: Option<String>,
}

impl From<AccountForm> for AccountInput {
    fn from(f: AccountForm) -> Self {
        AccountInput {
            email: f.email,
            role: f.role,
            agency_id: f.agency_id,
            nip: f.nip,
            is_active: f.is_active.is_some(),
        }
    }
}

async fn render(
    state: &AppState,
    staff: &Staff,
    editing: Option<&Account>,
    input: &AccountInput,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let agencies = employees::agency_choices(&state.db, &staff.actor).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let p = view::FormPage {
        editing,
        input,
        errors,
        roles: staff.actor.assignable_roles(),
        agencies: &agencies,
        tz: staff.visitor.tz,
    };
    let page = match editing {
        Some(_) => view::account(&staff.visitor.chrome(), &p),
        None => view::new_form(&staff.visitor.chrome(), &p),
    };
    Ok((status, page).into_response())
}

pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    render(&state, &staff, None, &AccountInput::blank(), &FieldErrors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<AccountForm>,
) -> Result<Response, AppError> {
    let input = AccountInput::from(form);
    let (plain, hash) = new_password(&state).await?;
    match users::create(&state.db, &staff.actor, &input, hash, Utc::now()).await {
        Ok(user) => Ok(view::created(&staff.visitor.chrome(), &user, &plain).into_response()),
        Err(WriteError::Invalid(problems)) => {
            render(&state, &staff, None, &input, &FieldErrors::from(problems)).await
        }
        Err(WriteError::NotFound) => Err(AppError::NotFound.in_lang(staff.visitor.lang)),
        Err(WriteError::Db(err)) => Err(err.into()),
    }
}

async fn manageable(state: &AppState, staff: &Staff, raw_id: &str) -> Result<Account, AppError> {
    let not_found = || AppError::NotFound.in_lang(staff.visitor.lang);
    let id = path_id(raw_id).map_err(|_| not_found())?;
    users::find_manageable(&state.db, &staff.actor, id).await?.ok_or_else(not_found)
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let account = manageable(&state, &staff, &id).await?;
    render(&state, &staff, Some(&account), &AccountInput::of(&account), &FieldErrors::default()).await
}

pub async fn update(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AccountForm>,
) -> Result<Response, AppError> {
    let account = manageable(&state, &staff, &id).await?;
    let input = AccountInput::from(form);
    match users::update(&state.db, &staff.actor, account.user.id, &input, Utc::now()).await {
        Ok(_) => Ok(redirect_with_flash(policy, &view::url(account.user.id), Msg::UserUpdated)),
        Err(WriteError::Invalid(problems)) => {
            render(&state, &staff, Some(&account), &input, &FieldErrors::from(problems)).await
        }
        Err(WriteError::NotFound) => Err(AppError::NotFound.in_lang(staff.visitor.lang)),
        Err(WriteError::Db(err)) => Err(err.into()),
    }
}

async fn set_active(
    state: &AppState,
    policy: CookiePolicy,
    staff: &Staff,
    id: &str,
    active: bool,
) -> Result<Response, AppError> {
    let account = manageable(state, staff, id).await?;
    match users::set_active(&state.db, &staff.actor, account.user.id, active, Utc::now()).await {
        Ok(_) => {
            let msg = if active { Msg::UserActivated } else { Msg::UserDeactivated };
            Ok(redirect_with_flash(policy, &view::url(account.user.id), msg))
        }
        Err(WriteError::Invalid(problems)) => {
            let input = AccountInput::of(&account);
            render(state, staff, Some(&account), &input, &FieldErrors::from(problems)).await
        }
        Err(WriteError::NotFound) => Err(AppError::NotFound.in_lang(staff.visitor.lang)),
        Err(WriteError::Db(err)) => Err(err.into()),
    }
}

pub async fn deactivate(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<crate::routes::auth::Empty>,
) -> Result<Response, AppError> {
    set_active(&state, policy, &staff, &id, false).await
}

pub async fn activate(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<crate::routes::auth::Empty>,
) -> Result<Response, AppError> {
    set_active(&state, policy, &staff, &id, true).await
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

#[derive(Serialize, ToSchema)]
pub struct AccountEmployee {
    id: i64,
    nip: String,
    name: String,
}

/// A user account (never its password hash).
#[derive(Serialize, ToSchema)]
pub struct User {
    id: i64,
    email: String,
    #[schema(value_type = String, example = "operator")]
    role: Role,
    /// An operator's agency.
    agency_id: Option<i64>,
    agency_name: Option<String>,
    employee: Option<AccountEmployee>,
    is_active: bool,
    last_login_at: Option<DateTime<Utc>>,
}

impl From<users::UserRow> for User {
    fn from(u: users::UserRow) -> Self {
        User {
            id: u.id,
            email: u.email,
            role: u.role,
            agency_id: u.agency_id,
            agency_name: u.agency_name,
            employee: match (u.employee_id, u.employee_nip, u.employee_name) {
                (Some(id), Some(nip), Some(name)) => Some(AccountEmployee { id, nip, name }),
                _ => None,
            },
            is_active: u.is_active,
            last_login_at: u.last_login_at,
        }
    }
}

impl From<Account> for User {
    fn from(a: Account) -> Self {
        let u: schema::users::Model = a.user;
        User {
            id: u.id,
            email: u.email,
            role: u.role,
            agency_id: u.agency_id,
            agency_name: a.agency.map(|a| a.name),
            employee: a.employee.map(|e| AccountEmployee { id: e.id, nip: e.nip, name: e.name }),
            is_active: u.is_active,
            last_login_at: u.last_login_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct UserList {
    items: Vec<User>,
    page: u64,
    per_page: u64,
    total: u64,
}

/// A new account with its generated password, returned this once.
#[derive(Serialize, ToSchema)]
pub struct CreatedUser {
    user: User,
    /// The initial password; it is not stored in readable form and cannot be shown again.
    password: String,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApiListQuery {
    /// Part of the e-mail address or of the linked employee's name.
    q: String,
    /// `admin`, `operator` or `employee`.
    role: String,
    /// `true` or `false`.
    active: String,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: String,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: String,
}

/// Accounts the token's account may manage: admins all, operators the employee accounts of
/// their agency; 404 for employees.
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "users",
    params(ApiListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of accounts, by e-mail", body = UserList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff"),
        (status = 422, description = "A filter or page value is not valid (see `fields`)")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    Query(query): Query<ApiListQuery>,
) -> Result<Json<UserList>, ApiError> {
    let mut errors = FieldErrors::default();
    let role = match query.role.trim() {
        "" => None,
        raw => Role::parse(raw).or_else(|| {
            errors.push(FieldError::new("role", Msg::UserRoleMissing));
            None
        }),
    };
    let active = parse_flag(&query.active).unwrap_or_else(|()| {
        errors.push(FieldError::new("active", Msg::EmployeeApiBadFlag).with("value", &query.active));
        None
    });
    let page = paging::collect(&query.page, &query.per_page, paging::DEFAULT_PER_PAGE, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let filter = UserFilter { q: query.q.trim().to_owned(), role, active };
    let found = users::list(&state.db, &actor, &filter, page).await?;
    Ok(Json(UserList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found.items.into_iter().map(User::from).collect(),
    }))
}

/// A new account. `email` and `role` are required; `agency_id` for operators; `nip` (the
/// employee the account belongs to) for employee accounts.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    email: Option<String>,
    /// `admin`, `operator` or `employee` (operators may only create `employee` accounts).
    #[schema(example = "employee")]
    role: Option<String>,
    agency_id: Option<i64>,
    #[schema(example = "199001152015031001")]
    nip: Option<String>,
    /// Default `true`.
    is_active: Option<bool>,
}

/// Changes to an account: only the properties given change; `null` clears an optional one.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct UserChanges {
    email: Option<String>,
    role: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    agency_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    nip: Option<Option<String>>,
    /// `false` deactivates the account: its sessions end and its tokens stop working.
    is_active: Option<bool>,
}

/// Creates an account with a generated password, returned once.
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "users",
    request_body = NewUser,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The account was created", body = CreatedUser),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff"),
        (status = 422, description = "Some properties are invalid (see `fields`); nothing was stored"),
        (status = 503, description = "Too many password hashes waiting; nothing was stored, retry after `Retry-After` seconds")
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    body: Result<Json<NewUser>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedUser>), ApiError> {
    let Json(body) = body.map_err(bad_body)?;
    let input = AccountInput {
        email: body.email.unwrap_or_default(),
        role: body.role.unwrap_or_default(),
        agency_id: body.agency_id.map(|id| id.to_string()).unwrap_or_default(),
        nip: body.nip.unwrap_or_default(),
        is_active: body.is_active.unwrap_or(true),
    };
    let (plain, hash) = new_password(&state).await?;
    let created = users::create(&state.db, &actor, &input, hash, Utc::now()).await.map_err(ApiError::from)?;
    let account = users::find_manageable(&state.db, &actor, created.id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(CreatedUser { user: account.into(), password: plain })))
}

/// Changes an account's e-mail, role, agency, employee link or status.
#[utoipa::path(
    patch,
    path = "/api/v1/users/{id}",
    tag = "users",
    params(("id" = i64, Path, description = "The account's ID")),
    request_body = UserChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed account", body = User),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such account, or not one the caller may manage"),
        (status = 422, description = "Some properties are invalid (see `fields`); nothing was changed")
    )
)]
pub async fn api_update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<UserChanges>, JsonRejection>,
) -> Result<Json<User>, ApiError> {
    let id = path_id(&id)?;
    let account = users::find_manageable(&state.db, &actor, id).await?.ok_or(AppError::NotFound)?;
    let Json(changes) = body.map_err(bad_body)?;
    let mut input = AccountInput::of(&account);
    if let Some(v) = changes.email {
        input.email = v;
    }
    if let Some(v) = changes.role {
        input.role = v;
    }
    if let Some(v) = changes.agency_id {
        input.agency_id = v.map(|id| id.to_string()).unwrap_or_default();
    }
    if let Some(v) = changes.nip {
        input.nip = v.unwrap_or_default();
    }
    if let Some(v) = changes.is_active {
        input.is_active = v;
    }
    users::update(&state.db, &actor, id, &input, Utc::now()).await.map_err(ApiError::from)?;
    let account = users::find_manageable(&state.db, &actor, id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(account.into()))
}
