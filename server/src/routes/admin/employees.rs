//! Employees: the staff pages (`/admin/pegawai`: list, record, create, edit, deactivate), the
//! read-only record for supervisors, mentors and the employee themself (`/pegawai/{id}`),
//! and the JSON API (`/api/v1/employees`). Pages and API ask the same policy; a record
//! outside the caller's reach is answered with 404.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bangkom_entities::employees::{self, EmployeeFilter, EmployeeInput, EmployeeRecord};
use bangkom_entities::enums::EmploymentType;
use bangkom_entities::paging::PageRequest;
use bangkom_entities::policy::{Action, Actor, Reach, Target};
use bangkom_entities::schema::employees as employee;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::common::{bad_body, nullable, parse_flag, path_id};
use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::{Lang, Msg};
use crate::paging;
use crate::routes::paths;
use crate::state::AppState;
use crate::views::admin::employees as view;
use crate::views::admin::users as user_view;
use crate::web::{ApiActor, ApiStaff, CookiePolicy, CsrfForm, SignedIn, Staff, redirect_with_flash};
use bangkom_entities::validation::WriteError;

pub fn pages() -> Router<AppState> {
    let base = paths::ADMIN_EMPLOYEES;
    Router::new()
        .route(base, get(list).post(create))
        .route(&format!("{base}/baru"), get(new_form))
        .route(&format!("{base}/{{id}}"), get(show))
        .route(&format!("{base}/{{id}}/ubah"), get(edit_form).post(update))
        .route(&format!("{base}/{{id}}/nonaktifkan"), post(deactivate))
        .route(&format!("{base}/{{id}}/aktifkan"), post(activate))
        .route(&format!("{}/{{id}}", view::PERSONAL), get(personal))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list, api_create)).routes(routes!(api_get, api_update))
}

/// A link to another employee's staff page when the viewer's staff reach includes them.
fn staff_link(reach: &Reach) -> impl Fn(&employee::Model) -> Option<String> + '_ {
    move |e| (reach.is_staff_wide() && reach.includes_agency(e.agency_id)).then(|| view::url(e.id))
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    agency_id: String,
    position_id: String,
    employment_type: String,
    active: String,
    page: String,
}

impl ListQuery {
    /// The filters, leniently: a value that does not parse filters nothing.
    fn filter(&self) -> EmployeeFilter {
        EmployeeFilter {
            q: self.q.trim().to_owned(),
            agency_id: employees::parse_id(&self.agency_id).ok().flatten(),
            position_id: employees::parse_id(&self.position_id).ok().flatten(),
            employment_type: EmploymentType::parse(&self.employment_type),
            active: parse_flag(&self.active).ok().flatten(),
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.trim().to_owned()),
            ("agency_id", self.agency_id.clone()),
            ("position_id", self.position_id.clone()),
            ("employment_type", self.employment_type.clone()),
            ("active", self.active.clone()),
        ]
    }
}

pub async fn list(
    State(state): State<AppState>,
    Staff { actor, visitor }: Staff,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page =
        paging::require(&query.page, "", paging::PAGE_PER_PAGE).map_err(|e| e.in_lang(visitor.lang))?;
    let found = employees::list(&state.db, &actor.reach(Action::ViewEmployee), &query.filter(), page).await?;
    let agencies = employees::agency_choices(&state.db, &actor).await?;
    let positions = employees::position_choices(&state.db, &actor).await?;
    let filters = query.pairs();
    Ok(view::list(
        &visitor.chrome(),
        &view::ListPage { page: &found, filters: &filters, agencies: &agencies, positions: &positions },
    )
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmployeeForm {
    nip: String,
    name: String,
    email: String,
    employment_type: String,
    agency_id: String,
    position_id: String,
    grade: String,
    supervisor_nip: String,
    /// A checkbox: present when ticked.
    is_active: Option<String>,
    contract_start: String,
    contract_end: String,
    cpns_appointed_on: String,
}

impl From<EmployeeForm> for EmployeeInput {
    fn from(f: EmployeeForm) -> Self {
        EmployeeInput {
            nip: f.nip,
            name: f.name,
            email: f.email,
            employment_type: f.employment_type,
            agency_id: f.agency_id,
            position_id: f.position_id,
            grade: f.grade,
            supervisor_nip: f.supervisor_nip,
            is_active: f.is_active.is_some(),
            contract_start: f.contract_start,
            contract_end: f.contract_end,
            cpns_appointed_on: f.cpns_appointed_on,
        }
    }
}

async fn render_form(
    state: &AppState,
    staff: &Staff,
    editing: Option<&employee::Model>,
    input: &EmployeeInput,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let agencies = employees::agency_choices(&state.db, &staff.actor).await?;
    let positions = employees::position_choices(&state.db, &staff.actor).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::form(
        &staff.visitor.chrome(),
        &view::FormPage { editing, input, errors, agencies: &agencies, positions: &positions },
    );
    Ok((status, page).into_response())
}

pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    // An operator's own agency is the likely one.
    let agency = staff.actor.own_agency();
    render_form(&state, &staff, None, &EmployeeInput::blank(agency), &FieldErrors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    CsrfForm(form): CsrfForm<EmployeeForm>,
) -> Result<Response, AppError> {
    let input = EmployeeInput::from(form);
    match employees::create(&state.db, &staff.actor, &input, Utc::now()).await {
        Ok(created) => Ok(redirect_with_flash(policy, &view::url(created.id), Msg::EmployeeCreated)),
        Err(WriteError::Invalid(problems)) => {
            render_form(&state, &staff, None, &input, &FieldErrors::from(problems)).await
        }
        Err(WriteError::NotFound) => Err(AppError::NotFound.in_lang(staff.visitor.lang)),
        Err(WriteError::Db(err)) => Err(err.into()),
    }
}

/// The employee `raw_id` if the actor may do `action` on it; 404 otherwise.
async fn permitted(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    raw_id: &str,
    action: Action,
) -> Result<employee::Model, AppError> {
    let not_found = || AppError::NotFound.in_lang(lang);
    let id = path_id(raw_id).map_err(|_| not_found())?;
    match employees::find(&state.db, id).await? {
        Some(e) if actor.can(&state.db, action, Target::Employee(&e)).await? => Ok(e),
        _ => Err(not_found()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Staff { actor, visitor }: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let e = permitted(&state, &actor, visitor.lang, &id, Action::ViewEmployee).await?;
    let can_edit = actor.can(&state.db, Action::EditEmployee, Target::Employee(&e)).await?;
    let record = employees::record(&state.db, e).await?;
    let account = match &record.user {
        Some(u) if actor.can(&state.db, Action::ManageUsers, Target::User(u)).await? => {
            Some(user_view::url(u.id))
        }
        _ => None,
    };
    let reach = actor.reach(Action::ViewEmployee);
    let link = staff_link(&reach);
    Ok(view::record(
        &visitor.chrome(),
        &view::RecordPage {
            record: &record,
            links: view::Links { employee: &link, account, show_account: true },
            can_edit,
            tz: visitor.tz,
        },
    )
    .into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let e = permitted(&state, &staff.actor, staff.visitor.lang, &id, Action::EditEmployee).await?;
    let supervisor_nip = match e.supervisor_id {
        Some(id) => employees::find(&state.db, id).await?.map(|s| s.nip),
        None => None,
    };
    let input = EmployeeInput::of(&e, supervisor_nip.as_deref());
    render_form(&state, &staff, Some(&e), &input, &FieldErrors::default()).await
}

pub async fn update(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<EmployeeForm>,
) -> Result<Response, AppError> {
    let e = permitted(&state, &staff.actor, staff.visitor.lang, &id, Action::EditEmployee).await?;
    let input = EmployeeInput::from(form);
    match employees::update(&state.db, &staff.actor, e.id, &input, Utc::now()).await {
        Ok(_) => Ok(redirect_with_flash(policy, &view::url(e.id), Msg::EmployeeUpdated)),
        Err(WriteError::Invalid(problems)) => {
            render_form(&state, &staff, Some(&e), &input, &FieldErrors::from(problems)).await
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
    let e = permitted(state, &staff.actor, staff.visitor.lang, id, Action::EditEmployee).await?;
    match employees::set_active(&state.db, &staff.actor, e.id, active, Utc::now()).await {
        Ok(_) => {
            let msg = if active { Msg::EmployeeActivated } else { Msg::EmployeeDeactivated };
            Ok(redirect_with_flash(policy, &view::url(e.id), msg))
        }
        Err(WriteError::Db(err)) => Err(err.into()),
        Err(_) => Err(AppError::NotFound.in_lang(staff.visitor.lang)),
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

/// The read-only record: the employee themself, their supervisor, an active mentor, an
/// operator of their agency or an admin may open it; for anyone else it does not exist.
pub async fn personal(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let e = permitted(&state, &actor, visitor.lang, &id, Action::ViewEmployee).await?;
    let record = employees::record(&state.db, e).await?;
    let link = |_: &employee::Model| None;
    Ok(view::personal(
        &visitor.chrome(),
        &record,
        &view::Links { employee: &link, account: None, show_account: false },
    )
    .into_response())
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

/// An agency, position or person a record points to.
#[derive(Serialize, ToSchema)]
pub struct Ref {
    id: i64,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct PersonRef {
    id: i64,
    nip: String,
    name: String,
}

/// One employee of a list.
#[derive(Serialize, ToSchema)]
pub struct EmployeeSummary {
    id: i64,
    #[schema(example = "199001152015031001")]
    nip: String,
    name: String,
    email: Option<String>,
    #[schema(value_type = String, example = "pns")]
    employment_type: EmploymentType,
    agency: Ref,
    position: Option<Ref>,
    /// PNS `I/a` … `IV/e`, PPPK `I` … `XVII`.
    #[schema(example = "III/a")]
    grade: Option<String>,
    is_active: bool,
}

#[derive(Serialize, ToSchema)]
pub struct EmployeeList {
    items: Vec<EmployeeSummary>,
    page: u64,
    per_page: u64,
    total: u64,
}

/// One employee's record.
#[derive(Serialize, ToSchema)]
pub struct Employee {
    id: i64,
    #[schema(example = "199001152015031001")]
    nip: String,
    /// Decoded from the NIP.
    #[schema(value_type = Option<String>, format = Date)]
    birth_date: Option<chrono::NaiveDate>,
    /// Decoded from the NIP: `male` or `female`.
    #[schema(value_type = Option<String>, example = "female")]
    gender: Option<bangkom_entities::nip::Gender>,
    name: String,
    email: Option<String>,
    #[schema(value_type = String, example = "pns")]
    employment_type: EmploymentType,
    /// What the number is: `nip` (a PNS's NIP) or `ni_pppk` (a PPPK's NI PPPK).
    #[schema(value_type = Option<String>, example = "nip")]
    number_kind: Option<bangkom_entities::nip::NumberKind>,
    agency: Option<Ref>,
    position: Option<Ref>,
    /// PNS `I/a` … `IV/e`, PPPK `I` … `XVII`.
    #[schema(example = "III/a")]
    grade: Option<String>,
    /// A PPPK's contract, first and last day.
    #[schema(value_type = Option<String>, format = Date)]
    contract_start: Option<chrono::NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    contract_end: Option<chrono::NaiveDate>,
    /// The TMT CPNS of a PNS who is still a candidate (CPNS).
    #[schema(value_type = Option<String>, format = Date)]
    cpns_appointed_on: Option<chrono::NaiveDate>,
    supervisor: Option<PersonRef>,
    subordinates: Vec<PersonRef>,
    subordinate_count: u64,
    is_active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<EmployeeRecord> for Employee {
    fn from(r: EmployeeRecord) -> Self {
        let person = |e: employee::Model| PersonRef { id: e.id, nip: e.nip, name: e.name };
        let nip = bangkom_entities::nip::Nip::parse(&r.employee.nip).ok();
        let e = r.employee;
        Employee {
            id: e.id,
            birth_date: nip.as_ref().map(|n| n.birth_date()),
            gender: nip.as_ref().map(|n| n.gender()),
            number_kind: nip.as_ref().map(|n| n.kind()),
            grade: bangkom_entities::records::EmployeeGrade::of(&e).map(|g| g.as_str().to_owned()),
            contract_start: e.contract_start,
            contract_end: e.contract_end,
            cpns_appointed_on: e.cpns_appointed_on,
            nip: e.nip,
            name: e.name,
            email: e.email,
            employment_type: e.employment_type,
            agency: r.agency.map(|a| Ref { id: a.id, name: a.name }),
            position: r.position.map(|p| Ref { id: p.id, name: p.name }),
            supervisor: r.supervisor.map(person),
            subordinates: r.subordinates.into_iter().map(person).collect(),
            subordinate_count: r.subordinate_count,
            is_active: e.is_active,
            created_at: e.created_at,
            updated_at: e.updated_at,
        }
    }
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApiListQuery {
    /// Part of the name (any case), or the first digits of the NIP.
    q: String,
    /// An agency; its units are included.
    agency_id: String,
    position_id: String,
    /// `pns` or `pppk`.
    employment_type: String,
    /// `true` or `false`.
    active: String,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: String,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: String,
}

impl ApiListQuery {
    /// The filters, strictly: every value that does not parse is reported.
    fn parse(&self) -> Result<(EmployeeFilter, PageRequest), FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut id = |field: &'static str, raw: &str| {
            employees::parse_id(raw).unwrap_or_else(|_| {
                errors.push(FieldError::new(field, Msg::EmployeeApiBadNumber).with("value", raw));
                None
            })
        };
        let agency_id = id("agency_id", &self.agency_id);
        let position_id = id("position_id", &self.position_id);
        let employment_type = match self.employment_type.trim() {
            "" => None,
            raw => EmploymentType::parse(raw).or_else(|| {
                errors.push(FieldError::new("employment_type", Msg::EmployeeTypeMissing));
                None
            }),
        };
        let active = parse_flag(&self.active).unwrap_or_else(|()| {
            errors.push(FieldError::new("active", Msg::EmployeeApiBadFlag).with("value", &self.active));
            None
        });
        let page = paging::collect(&self.page, &self.per_page, paging::DEFAULT_PER_PAGE, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let filter =
            EmployeeFilter { q: self.q.trim().to_owned(), agency_id, position_id, employment_type, active };
        Ok((filter, page))
    }
}

/// Employees the token's account may see: admins all, operators their agency's, employees
/// themselves, their direct subordinates and active mentees.
#[utoipa::path(
    get,
    path = "/api/v1/employees",
    tag = "employees",
    params(ApiListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of employees, by name", body = EmployeeList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 422, description = "A filter or page value is not valid (see `fields`)")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(query): Query<ApiListQuery>,
) -> Result<Json<EmployeeList>, ApiError> {
    let (filter, page) = query.parse().map_err(AppError::Invalid)?;
    let found = employees::list(&state.db, &actor.reach(Action::ViewEmployee), &filter, page).await?;
    Ok(Json(EmployeeList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|e| EmployeeSummary {
                grade: e.grade_label().map(str::to_owned),
                id: e.id,
                nip: e.nip,
                name: e.name,
                email: e.email,
                employment_type: e.employment_type,
                agency: Ref { id: e.agency_id, name: e.agency_name },
                position: e.position_id.zip(e.position_name).map(|(id, name)| Ref { id, name }),
                is_active: e.is_active,
            })
            .collect(),
    }))
}

async fn api_permitted(
    state: &AppState,
    actor: &Actor,
    raw_id: &str,
    action: Action,
) -> Result<employee::Model, ApiError> {
    let id = path_id(raw_id)?;
    match employees::find(&state.db, id).await? {
        Some(e) if actor.can(&state.db, action, Target::Employee(&e)).await? => Ok(e),
        _ => Err(AppError::NotFound.into()),
    }
}

/// One employee's record, for whoever may see it (the employee, their supervisor, an active
/// mentor, an operator of their agency, an admin); 404 for anyone else.
#[utoipa::path(
    get,
    path = "/api/v1/employees/{id}",
    tag = "employees",
    params(("id" = i64, Path, description = "The employee's ID")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The employee", body = Employee),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such employee, or not one the caller may see")
    )
)]
pub async fn api_get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<Employee>, ApiError> {
    let e = api_permitted(&state, &actor, &id, Action::ViewEmployee).await?;
    Ok(Json(employees::record(&state.db, e).await?.into()))
}

/// A new employee. `nip`, `name`, `employment_type` and `agency_id` are required.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewEmployee {
    #[schema(example = "199001152015031001")]
    nip: Option<String>,
    name: Option<String>,
    email: Option<String>,
    /// `pns` or `pppk`.
    #[schema(example = "pns")]
    employment_type: Option<String>,
    agency_id: Option<i64>,
    position_id: Option<i64>,
    /// PNS `I/a` … `IV/e`; PPPK `I` … `XVII`.
    #[schema(example = "III/a")]
    grade: Option<String>,
    /// The direct supervisor's NIP.
    supervisor_nip: Option<String>,
    /// Default `true`.
    is_active: Option<bool>,
    /// PPPK only: the contract's first and last day, `YYYY-MM-DD`.
    #[schema(example = "2024-03-01")]
    contract_start: Option<String>,
    #[schema(example = "2029-02-28")]
    contract_end: Option<String>,
    /// A PNS still CPNS: the TMT CPNS, `YYYY-MM-DD`, in the month the NIP records.
    cpns_appointed_on: Option<String>,
}

/// Changes to an employee: only the properties given change; `null` clears an optional one.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct EmployeeChanges {
    nip: Option<String>,
    name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    email: Option<Option<String>>,
    employment_type: Option<String>,
    agency_id: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    position_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    grade: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    supervisor_nip: Option<Option<String>>,
    is_active: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    contract_start: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    contract_end: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    cpns_appointed_on: Option<Option<String>>,
}

fn id_text(id: Option<i64>) -> String {
    id.map(|id| id.to_string()).unwrap_or_default()
}

/// Creates an employee (staff only; the agency must be within the caller's reach).
#[utoipa::path(
    post,
    path = "/api/v1/employees",
    tag = "employees",
    request_body = NewEmployee,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The employee was created", body = Employee),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller is not staff"),
        (status = 422, description = "Some properties are invalid (see `fields`); nothing was stored")
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    body: Result<Json<NewEmployee>, JsonRejection>,
) -> Result<(StatusCode, Json<Employee>), ApiError> {
    let Json(body) = body.map_err(bad_body)?;
    let input = EmployeeInput {
        nip: body.nip.unwrap_or_default(),
        name: body.name.unwrap_or_default(),
        email: body.email.unwrap_or_default(),
        employment_type: body.employment_type.unwrap_or_default(),
        agency_id: id_text(body.agency_id),
        position_id: id_text(body.position_id),
        grade: body.grade.unwrap_or_default(),
        supervisor_nip: body.supervisor_nip.unwrap_or_default(),
        is_active: body.is_active.unwrap_or(true),
        contract_start: body.contract_start.unwrap_or_default(),
        contract_end: body.contract_end.unwrap_or_default(),
        cpns_appointed_on: body.cpns_appointed_on.unwrap_or_default(),
    };
    let created = employees::create(&state.db, &actor, &input, Utc::now()).await.map_err(ApiError::from)?;
    Ok((StatusCode::CREATED, Json(employees::record(&state.db, created).await?.into())))
}

/// Changes an employee (staff within reach only; 404 for anyone else).
#[utoipa::path(
    patch,
    path = "/api/v1/employees/{id}",
    tag = "employees",
    params(("id" = i64, Path, description = "The employee's ID")),
    request_body = EmployeeChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changed employee", body = Employee),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such employee, or not one the caller may change"),
        (status = 422, description = "Some properties are invalid (see `fields`); nothing was changed")
    )
)]
pub async fn api_update(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<EmployeeChanges>, JsonRejection>,
) -> Result<Json<Employee>, ApiError> {
    let e = api_permitted(&state, &actor, &id, Action::EditEmployee).await?;
    let Json(changes) = body.map_err(bad_body)?;
    let supervisor_nip = match e.supervisor_id {
        Some(id) => employees::find(&state.db, id).await?.map(|s| s.nip),
        None => None,
    };
    let mut input = EmployeeInput::of(&e, supervisor_nip.as_deref());
    let text = |v: Option<String>| v.unwrap_or_default();
    if let Some(v) = changes.nip {
        input.nip = v;
    }
    if let Some(v) = changes.name {
        input.name = v;
    }
    if let Some(v) = changes.email {
        input.email = text(v);
    }
    if let Some(v) = changes.employment_type {
        input.employment_type = v;
    }
    if let Some(v) = changes.agency_id {
        input.agency_id = v.to_string();
    }
    if let Some(v) = changes.position_id {
        input.position_id = id_text(v);
    }
    if let Some(v) = changes.grade {
        input.grade = text(v);
    }
    if let Some(v) = changes.supervisor_nip {
        input.supervisor_nip = text(v);
    }
    if let Some(v) = changes.is_active {
        input.is_active = v;
    }
    if let Some(v) = changes.contract_start {
        input.contract_start = text(v);
    }
    if let Some(v) = changes.contract_end {
        input.contract_end = text(v);
    }
    if let Some(v) = changes.cpns_appointed_on {
        input.cpns_appointed_on = text(v);
    }
    let changed =
        employees::update(&state.db, &actor, e.id, &input, Utc::now()).await.map_err(ApiError::from)?;
    Ok(Json(employees::record(&state.db, changed).await?.into()))
}
