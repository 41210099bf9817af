//! The JP recap: per agency and the PNS below the floor (`/pelatihan/rekap-jp`), its CSV and
//! XLSX exports, one employee's year (`/pelatihan/rekap-jp/pegawai/{id}`); and
//! `/api/v1/jp-recap`, `/api/v1/employees/{id}/jp`.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use bangkom_entities::policy::{Action, Actor, Reach, Target};
use bangkom_entities::training::programs::agency_choices;
use bangkom_entities::training::recap::{self as data, Listing, Source};
use bangkom_entities::validation::parse_year;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{path_id, paths};
use crate::error::{ApiError, AppError};
use crate::forms::FieldErrors;
use crate::paging;
use crate::state::AppState;
use crate::views::training::recap as view;
use crate::web::{ApiActor, ApiStaff, SignedIn, Staff, Visitor};

pub fn pages() -> Router<AppState> {
    Router::new()
        .route(paths::RECAP, get(staff_page))
        .route(paths::RECAP_CSV, get(export_csv))
        .route(paths::RECAP_XLSX, get(export_xlsx))
        .route(&format!("{}/{{id}}", paths::RECAP_EMPLOYEE), get(employee_page))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_recap)).routes(routes!(api_employee))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RecapQuery {
    tahun: String,
    opd: String,
    page: String,
}

/// The year asked for (`tahun`, within bounds: else a 422 page saying so), or this year in
/// the deployment's zone.
fn year_of(raw: &str, visitor: &Visitor) -> Result<i32, AppError> {
    match parse_year("tahun", raw) {
        Ok(year) => Ok(year.unwrap_or_else(|| data::default_year(Utc::now(), visitor.tz))),
        Err(problem) => Err(AppError::Invalid(vec![problem].into()).in_lang(visitor.lang)),
    }
}

/// Which employees the recap covers: an agency (with everything below it) the actor may
/// see, or all of the actor's reach. `None`: the agency is outside the actor's reach.
async fn scope_of(state: &AppState, actor: &Actor, raw_agency: &str) -> Result<Option<Reach>, AppError> {
    let agency = raw_agency.trim().parse::<i64>().ok();
    Ok(actor.staff_reach(&state.db, Action::ViewJpRecap, agency).await?)
}

pub async fn staff_page(
    State(state): State<AppState>,
    Staff { actor, visitor }: Staff,
    Query(q): Query<RecapQuery>,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let rules = &state.settings.training;
    let year = year_of(&q.tahun, &visitor)?;
    let scope = scope_of(&state, &actor, &q.opd).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let summary = data::summary(&state.db, rules, year, &scope).await?;
    let below = data::page(
        &state.db,
        rules,
        year,
        &scope,
        Listing::BelowFloor,
        paging::require(&q.page, "", paging::PAGE_PER_PAGE).map_err(|e| e.in_lang(visitor.lang))?,
    )
    .await?;
    let agencies: Vec<_> = agency_choices(&state.db)
        .await?
        .into_iter()
        .filter(|a| actor.reach(Action::ViewJpRecap).includes_agency(a.id))
        .collect();
    Ok(view::staff(
        &visitor.chrome(),
        &view::RecapPage {
            year,
            agency_id: q.opd.trim(),
            agencies: &agencies,
            summary: &summary,
            below: &below,
            rules,
        },
    )
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ExportQuery {
    tahun: String,
    opd: String,
    /// `bawah`: only PNS below the floor.
    daftar: String,
}

async fn export_rows(
    state: &AppState,
    staff: &Staff,
    q: &ExportQuery,
) -> Result<(i32, Vec<data::RecapRow>), AppError> {
    let year = year_of(&q.tahun, &staff.visitor)?;
    let scope =
        scope_of(state, &staff.actor, &q.opd).await?.ok_or(AppError::NotFound.in_lang(staff.visitor.lang))?;
    let listing = if q.daftar == "bawah" { Listing::BelowFloor } else { Listing::Everyone };
    Ok((year, data::all(&state.db, &state.settings.training, year, &scope, listing).await?))
}

fn download(content_type: &'static str, name: String, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

pub async fn export_csv(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let (year, rows) = export_rows(&state, &staff, &q).await?;
    let bytes = view::csv(&rows, &state.settings.training, year).map_err(anyhow::Error::from)?;
    Ok(download("text/csv; charset=utf-8", format!("rekap-jp-{year}.csv"), bytes))
}

pub async fn export_xlsx(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let (year, rows) = export_rows(&state, &staff, &q).await?;
    let bytes = view::xlsx(&rows, &state.settings.training, year).map_err(anyhow::Error::from)?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("rekap-jp-{year}.xlsx"),
        bytes,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    tahun: String,
}

pub async fn employee_page(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let id = path_id(&id, lang)?;
    let employee =
        bangkom_entities::employees::find(&state.db, id).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    if !actor.can(&state.db, Action::ViewTraining, Target::Employee(&employee)).await? {
        return Err(AppError::NotFound.in_lang(lang));
    }
    let year = data::employee_year(&state.db, employee, year_of(&q.tahun, &visitor)?).await?;
    Ok(view::employee(
        &visitor.chrome(),
        &view::EmployeePage { year: &year, rules: &state.settings.training },
    )
    .into_response())
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

/// One agency (OPD, with its units) of the recap.
#[derive(Serialize, ToSchema)]
pub struct AgencyRecap {
    agency_id: i64,
    agency_name: String,
    pns: i64,
    /// PNS at or above the yearly floor.
    pns_reached: i64,
    pns_below: i64,
    pppk: i64,
    /// PPPK above the ceiling of their contract year (the calendar year).
    pppk_over_ceiling: i64,
}

/// One employee's JP in a year, by source.
#[derive(Serialize, ToSchema)]
pub struct EmployeeJp {
    employee_id: i64,
    nip: String,
    name: String,
    agency: String,
    /// `pns` or `pppk`.
    employment_type: String,
    /// Passed classical trainings.
    classical_jp: i64,
    /// Passed non-classical trainings.
    nonclassical_training_jp: i64,
    /// Confirmed mentoring, in minutes and in JP (minutes ÷ minutes per JP, one decimal).
    mentoring_minutes: i64,
    mentoring_jp: f64,
    total_jp: f64,
    /// `reached` / `below` (PNS floor), `within_ceiling` / `over_ceiling` (PPPK).
    standing: String,
}

fn employee_jp(r: &data::RecapRow, rules: &bangkom_entities::training::Rules) -> EmployeeJp {
    EmployeeJp {
        employee_id: r.employee_id,
        nip: r.nip.clone(),
        name: r.name.clone(),
        agency: r.agency_name.clone(),
        employment_type: r.employment_type.as_str().into(),
        classical_jp: r.classical_jp,
        nonclassical_training_jp: r.nonclassical_jp,
        mentoring_minutes: r.mentoring_minutes,
        mentoring_jp: r.mentoring_jp(rules),
        total_jp: r.total_jp(rules),
        standing: match r.standing(rules) {
            data::Standing::Reached => "reached",
            data::Standing::Below => "below",
            data::Standing::WithinCeiling => "within_ceiling",
            data::Standing::OverCeiling => "over_ceiling",
        }
        .into(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Recap {
    year: i32,
    pns_min_jp: i32,
    pppk_max_jp: i32,
    mentoring_minutes_per_jp: i32,
    agencies: Vec<AgencyRecap>,
    /// PNS below the floor, by name (paged).
    below: Vec<EmployeeJp>,
    page: u64,
    per_page: u64,
    total_below: u64,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApiRecapQuery {
    /// Default: this year.
    #[param(value_type = Option<i32>, minimum = 2000, maximum = 2100)]
    year: String,
    /// An agency (with its units); default: every agency within reach.
    agency_id: String,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: String,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: String,
}

/// The JP recap of a year (staff): per agency, and the PNS below the floor.
#[utoipa::path(
    get, path = "/api/v1/jp-recap", tag = "training", params(ApiRecapQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The recap", body = Recap),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "Not staff, or an agency outside the caller's reach"),
        (status = 422, description = "A value is not a number (see `fields`)")
    )
)]
pub async fn api_recap(
    State(state): State<AppState>,
    ApiStaff(actor): ApiStaff,
    Query(q): Query<ApiRecapQuery>,
) -> Result<Json<Recap>, ApiError> {
    let mut errors = FieldErrors::default();
    let year = parse_year("year", &q.year).unwrap_or_else(|problem| {
        errors.push(problem);
        None
    });
    let agency: Option<i64> = super::api_number("agency_id", &q.agency_id, &mut errors);
    let page = paging::collect(&q.page, &q.per_page, paging::DEFAULT_PER_PAGE, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let rules = &state.settings.training;
    let year = year.unwrap_or_else(|| data::default_year(Utc::now(), state.settings.timezone));
    let scope = scope_of(&state, &actor, &agency.map(|a| a.to_string()).unwrap_or_default())
        .await?
        .ok_or(AppError::NotFound)?;
    let summary = data::summary(&state.db, rules, year, &scope).await?;
    let below = data::page(&state.db, rules, year, &scope, Listing::BelowFloor, page).await?;
    Ok(Json(Recap {
        year,
        pns_min_jp: rules.pns_min_jp,
        pppk_max_jp: rules.pppk_max_jp,
        mentoring_minutes_per_jp: rules.mentoring_minutes_per_jp,
        agencies: summary
            .into_iter()
            .map(|s| AgencyRecap {
                pns_below: s.pns_below(),
                agency_id: s.agency_id,
                agency_name: s.agency_name,
                pns: s.pns,
                pns_reached: s.pns_reached,
                pppk: s.pppk,
                pppk_over_ceiling: s.pppk_over,
            })
            .collect(),
        below: below.items.iter().map(|r| employee_jp(r, rules)).collect(),
        page: below.page,
        per_page: below.per_page,
        total_below: below.total,
    }))
}

/// Where one line of an employee's JP comes from.
#[derive(Serialize, ToSchema)]
pub struct JpLine {
    /// `training` or `mentoring`.
    source: String,
    title: String,
    method: Option<String>,
    classical: bool,
    #[schema(value_type = String, format = Date)]
    on: chrono::NaiveDate,
    jp: Option<i64>,
    minutes: Option<i64>,
    certificate_number: Option<String>,
    /// Mentoring: the session's mentor.
    mentor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct EmployeeYear {
    year: i32,
    totals: EmployeeJp,
    lines: Vec<JpLine>,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApiYearQuery {
    /// Default: this year.
    #[param(value_type = Option<i32>, minimum = 2000, maximum = 2100)]
    year: String,
}

/// One employee's JP in a year with the lines behind it: for the employee, their
/// supervisor, staff of their agency.
#[utoipa::path(
    get, path = "/api/v1/employees/{id}/jp", tag = "training", params(("id" = i64, Path, description = "The employee's ID"), ApiYearQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The employee's year", body = EmployeeYear),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such employee within the caller's reach"),
        (status = 422, description = "The year is not a number (see `fields`)")
    )
)]
pub async fn api_employee(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    Query(q): Query<ApiYearQuery>,
) -> Result<Json<EmployeeYear>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let year = parse_year("year", &q.year).unwrap_or_else(|problem| {
        errors.push(problem);
        None
    });
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let employee = bangkom_entities::employees::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !actor.can(&state.db, Action::ViewTraining, Target::Employee(&employee)).await? {
        return Err(AppError::NotFound.into());
    }
    let year = year.unwrap_or_else(|| data::default_year(Utc::now(), state.settings.timezone));
    let y = data::employee_year(&state.db, employee, year).await?;
    Ok(Json(EmployeeYear {
        year,
        totals: employee_jp(&y.row, &state.settings.training),
        lines: y
            .lines
            .into_iter()
            .map(|l| JpLine {
                source: match l.source {
                    Source::Training => "training",
                    Source::Mentoring => "mentoring",
                }
                .into(),
                title: l.title,
                method: l.method.map(|m| m.as_str().to_owned()),
                classical: l.classical,
                on: l.on,
                jp: l.jp,
                minutes: l.minutes,
                certificate_number: l.certificate_number,
                mentor: l.mentor,
            })
            .collect(),
    }))
}
