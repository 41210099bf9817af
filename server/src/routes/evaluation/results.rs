//! Evaluation results for staff: the overview (programs with invitations), one program's
//! results (filtered by batch and agency) and its CSV export. Admins see every agency and
//! may filter by one; an operator sees the participants of their own agencies only. Views
//! restricted to agencies hide groups below the minimum size.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bangkom_entities::policy::{Action, Actor, Reach};
use bangkom_entities::surveys::results::{self, Results, ResultsFilter};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::error::AppError;
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::state::AppState;
use crate::views::evaluation::results as view;
use crate::web::Staff;

/// Whose results `actor` may see, narrowed to the agency `opd` (and below) when given;
/// `None` when the actor may not see them (or not that agency's).
pub(super) async fn reach_for(
    db: &DatabaseConnection,
    actor: &Actor,
    opd: Option<i64>,
) -> Result<Option<Reach>, sea_orm::DbErr> {
    actor.staff_reach(db, Action::ViewSurveyResults, opd).await
}

pub async fn overview(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    let lang = staff.visitor.lang;
    let scope = reach_for(&state.db, &staff.actor, None).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let programs = results::overview(&state.db, &scope).await?;
    Ok(view::overview(&staff.visitor.chrome(), &programs).into_response())
}

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    #[serde(default)]
    angkatan: String,
    #[serde(default)]
    opd: String,
}

/// A filter value: empty is "all"; anything but a number is an error on `field`.
fn filter_id(raw: &str, field: &'static str, errors: &mut FieldErrors) -> Option<i64> {
    match raw.trim() {
        "" => None,
        s => s.parse().ok().or_else(|| {
            errors.push(FieldError::new(field, Msg::CatalogueUnknownReference));
            None
        }),
    }
}

struct Loaded {
    results: Results,
    batches: Vec<results::BatchChoice>,
    agencies: Vec<results::AgencyChoice>,
    all_agencies_choice: bool,
    errors: FieldErrors,
}

async fn load(
    state: &AppState,
    staff: &Staff,
    program_id: &str,
    query: &ResultsQuery,
) -> Result<Loaded, AppError> {
    let lang = staff.visitor.lang;
    let not_found = || AppError::NotFound.in_lang(lang);
    let program_id: i64 = program_id.trim().parse().map_err(|_| not_found())?;
    let mut errors = FieldErrors::default();
    let mut batch = filter_id(&query.angkatan, "angkatan", &mut errors);
    let mut opd = filter_id(&query.opd, "opd", &mut errors);
    let whole = reach_for(&state.db, &staff.actor, None).await?.ok_or_else(not_found)?;
    let agencies = results::agency_choices(&state.db, &whole).await?;
    if opd.is_some_and(|id| !agencies.iter().any(|a| a.id == id)) {
        errors.push(FieldError::new("opd", Msg::CatalogueUnknownReference));
        opd = None;
    }
    let batches = results::batches_of(&state.db, program_id).await?;
    if batch.is_some_and(|id| !batches.iter().any(|b| b.id == id)) {
        errors.push(FieldError::new("angkatan", Msg::CatalogueUnknownReference));
        batch = None;
    }
    let scope = match opd {
        None => whole.clone(),
        Some(_) => reach_for(&state.db, &staff.actor, opd).await?.ok_or_else(not_found)?,
    };
    let filter = ResultsFilter { program_id, batch_id: batch, reach: scope };
    let results = results::results(&state.db, &filter, state.settings.evaluation.min_group_size)
        .await?
        .ok_or_else(not_found)?;
    Ok(Loaded { results, batches, agencies, all_agencies_choice: whole == Reach::Region, errors })
}

pub async fn program(
    State(state): State<AppState>,
    staff: Staff,
    Path(program_id): Path<String>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &staff, &program_id, &query).await?;
    let status = if loaded.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::render(
        &staff.visitor.chrome(),
        &view::ResultsPage {
            results: &loaded.results,
            batches: &loaded.batches,
            agencies: &loaded.agencies,
            batch: &query.angkatan,
            agency: &query.opd,
            all_agencies_choice: loaded.all_agencies_choice,
            errors: &loaded.errors,
        },
    );
    Ok((status, page).into_response())
}

pub async fn program_csv(
    State(state): State<AppState>,
    staff: Staff,
    Path(program_id): Path<String>,
    Query(query): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &staff, &program_id, &query).await?;
    if !loaded.errors.is_empty() {
        return Err(AppError::Invalid(loaded.errors).in_lang(staff.visitor.lang));
    }
    let body = view::csv(&loaded.results).map_err(|e| AppError::Internal(e.into()))?;
    let filename = format!(
        "evaluasi-{}.csv",
        loaded.results.program.code.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
    );
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
