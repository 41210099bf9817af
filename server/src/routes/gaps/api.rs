//! The JSON API of competency gaps: the dashboard's aggregates, an employee's gaps and match,
//! recording an assessment, and the training-needs plan. Same policy as the pages.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use bangkom_entities::gaps::assessments::{self as recording, RecordError, Submitted};
use bangkom_entities::gaps::snapshot::{self, Aggregate};
use bangkom_entities::gaps::{employee, plan};
use bangkom_entities::i18n::Lang;
use bangkom_entities::policy::Action;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{gap_error, today};
use crate::error::{ApiError, AppError};
use crate::extract::PathId;
use crate::forms::FieldErrors;
use crate::state::AppState;
use crate::web::ApiActor;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(heatmap))
        .routes(routes!(employee_gaps))
        .routes(routes!(record_assessment))
        .routes(routes!(training_needs))
}

/// One (agency, competency) aggregate of the newest snapshot.
#[derive(Serialize, ToSchema)]
pub struct ApiAggregate {
    required: i64,
    assessed: i64,
    meeting: i64,
    with_gap: i64,
    not_assessed: i64,
    gap_sum: i64,
    /// Employees whose gap is 1, 2, 3 and 4 levels.
    gap_sizes: [i64; 4],
    /// The same in the previous snapshot, when there is one.
    previous_with_gap: Option<i64>,
    previous_required: Option<i64>,
}

fn aggregate(now: &Aggregate, before: Option<&Aggregate>) -> ApiAggregate {
    ApiAggregate {
        required: now.required,
        assessed: now.assessed,
        meeting: now.meeting,
        with_gap: now.with_gap,
        not_assessed: now.not_assessed,
        gap_sum: now.gap_sum,
        gap_sizes: now.gap_sizes,
        previous_with_gap: before.map(|b| b.with_gap),
        previous_required: before.map(|b| b.required),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiHeatRow {
    agency_id: i64,
    code: String,
    name: String,
    /// Only the root's own employees (not those of the agencies below it).
    own_only: bool,
    /// Per competency code.
    cells: std::collections::BTreeMap<String, ApiAggregate>,
    total: ApiAggregate,
}

#[derive(Serialize, ToSchema)]
pub struct ApiHeatmap {
    snapshot_id: Option<i64>,
    taken_at: Option<DateTime<Utc>>,
    previous_taken_at: Option<DateTime<Utc>>,
    /// The agency whose subtree is shown (null: the region's top).
    root_agency_id: Option<i64>,
    competencies: Vec<String>,
    rows: Vec<ApiHeatRow>,
    total: ApiHeatRow,
}

#[derive(Deserialize, IntoParams)]
pub struct HeatmapQuery {
    /// Show the agencies below this one (default: the region, or an operator's agency).
    agency: Option<i64>,
}

/// The newest gap snapshot per agency and competency, rolled up the agency tree.
#[utoipa::path(
    get,
    path = "/api/v1/gaps/heatmap",
    tag = "gaps",
    params(HeatmapQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The aggregates", body = ApiHeatmap),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "Not staff, or the agency is outside the caller's reach")
    )
)]
pub async fn heatmap(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<HeatmapQuery>,
) -> Result<Json<ApiHeatmap>, ApiError> {
    if !actor.may(Action::ViewGapDashboard) {
        return Err(AppError::NotFound.into());
    }
    let heat = snapshot::heatmap(&state.db, &actor.reach(Action::ViewGaps), q.agency)
        .await
        .map_err(|e| gap_error(e, Lang::En))?;
    let codes: Vec<String> = heat.competencies.iter().map(|c| c.code.clone()).collect();
    let row = |r: &snapshot::HeatRow| ApiHeatRow {
        agency_id: r.agency_id,
        code: r.code.clone(),
        name: r.name.clone(),
        own_only: r.own_only,
        cells: codes
            .iter()
            .zip(&r.cells)
            .filter(|(_, c)| c.now.required > 0)
            .map(|(code, c)| (code.clone(), aggregate(&c.now, c.before.as_ref())))
            .collect(),
        total: aggregate(&r.total.now, r.total.before.as_ref()),
    };
    Ok(Json(ApiHeatmap {
        snapshot_id: heat.snapshot.as_ref().map(|s| s.id),
        taken_at: heat.snapshot.as_ref().map(|s| s.taken_at),
        previous_taken_at: heat.previous.as_ref().map(|s| s.taken_at),
        root_agency_id: heat.root.as_ref().map(|r| r.0),
        rows: heat.rows.iter().map(row).collect(),
        total: row(&heat.total),
        competencies: codes,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ApiGap {
    competency_code: String,
    competency_name: String,
    required_level: i16,
    /// Null: never assessed.
    current_level: Option<i16>,
    /// required − current when positive, 0 when met, null when never assessed.
    gap: Option<i16>,
    assessed_on: Option<NaiveDate>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiEmployeeGaps {
    employee_id: i64,
    nip: String,
    name: String,
    position: Option<String>,
    /// Job–person match in whole percent (null without a standard).
    match_percent: Option<u8>,
    /// optimal, adequate (cukup optimal) or low (kurang optimal).
    match_band: Option<String>,
    /// Largest gap first, then not assessed, then met.
    gaps: Vec<ApiGap>,
}

/// An employee's gaps and job–person match (oneself, a direct subordinate, an operator's
/// agencies, anyone for admins).
#[utoipa::path(
    get,
    path = "/api/v1/gaps/employees/{id}",
    tag = "gaps",
    params(("id" = i64, Path, description = "The employee's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The employee's gaps", body = ApiEmployeeGaps),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such employee within the caller's reach")
    )
)]
pub async fn employee_gaps(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    PathId(id): PathId,
) -> Result<Json<ApiEmployeeGaps>, ApiError> {
    let g = employee::gaps_of(&state.db, &actor, id).await.map_err(|e| gap_error(e, Lang::En))?;
    let bands = state.settings.gaps.bands;
    Ok(Json(ApiEmployeeGaps {
        employee_id: g.employee.id,
        nip: g.employee.nip.clone(),
        name: g.employee.name.clone(),
        position: g.position.as_ref().map(|p| p.name.clone()),
        match_percent: g.matched.percent(),
        match_band: g.matched.band(bands).map(|b| b.as_str().to_owned()),
        gaps: g
            .gaps
            .iter()
            .map(|x| ApiGap {
                competency_code: x.code.clone(),
                competency_name: x.name_en.clone(),
                required_level: x.required,
                current_level: x.current,
                gap: x.size(),
                assessed_on: x.assessed_on,
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewAssessmentBody {
    /// Competency code (e.g. MJ-01).
    competency: String,
    /// 1–5.
    level: i64,
    /// assessment_centre, supervisor, self, certification, mentoring or
    /// post_training_evaluation — as far as the caller may record it.
    source: String,
    /// YYYY-MM-DD, not in the future.
    assessed_on: String,
    assessor_name: Option<String>,
    notes: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RecordedAssessment {
    id: i64,
    /// Whether it became the current level.
    counted: bool,
}

/// Records an assessment: staff any kind but a self-assessment, a supervisor a rating of a
/// direct subordinate, an employee their own self-assessment.
#[utoipa::path(
    post,
    path = "/api/v1/gaps/employees/{id}/assessments",
    tag = "gaps",
    params(("id" = i64, Path, description = "The employee's id")),
    request_body = NewAssessmentBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = RecordedAssessment),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such employee within the caller's reach"),
        (status = 422, description = "Invalid fields; nothing was recorded")
    )
)]
pub async fn record_assessment(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    PathId(id): PathId,
    crate::extract::ApiJson(body): crate::extract::ApiJson<NewAssessmentBody>,
) -> Result<(StatusCode, Json<RecordedAssessment>), ApiError> {
    let submitted = Submitted {
        competency: body.competency,
        level: body.level.to_string(),
        source: body.source,
        assessed_on: body.assessed_on,
        assessor_name: body.assessor_name.unwrap_or_default(),
        notes: body.notes.unwrap_or_default(),
    };
    let rule = state.settings.gaps.counting;
    match recording::record_one(&state.db, &actor, id, &submitted, rule, today(&state), Utc::now()).await {
        Ok(saved) => Ok((
            StatusCode::CREATED,
            Json(RecordedAssessment { id: saved.id, counted: rule.counts(saved.source) }),
        )),
        Err(RecordError::NotFound) => Err(AppError::NotFound.into()),
        Err(RecordError::Db(e)) => Err(AppError::Database(e).into()),
        Err(RecordError::Invalid(invalid)) => Err(AppError::Invalid(FieldErrors::from(invalid)).into()),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiPlanProgram {
    code: String,
    title: String,
    target_level: i16,
    serves: i64,
    typical_quota: i64,
    batches_needed: i64,
    planned_batches: Vec<i64>,
    free_seats: i64,
    batches_to_schedule: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ApiPlanLine {
    competency_code: String,
    competency_name: String,
    required: i64,
    with_gap: i64,
    not_assessed: i64,
    programs: Vec<ApiPlanProgram>,
}

/// The training-needs plan of the caller's reach (staff).
#[utoipa::path(
    get,
    path = "/api/v1/gaps/plan",
    tag = "gaps",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One line per competency with gaps", body = [ApiPlanLine]),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "Not staff")
    )
)]
pub async fn training_needs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<ApiPlanLine>>, ApiError> {
    if !actor.may(Action::ViewGapDashboard) {
        return Err(AppError::NotFound.into());
    }
    let lines = plan::training_needs(&state.db, &actor.reach(Action::ViewGaps), None, today(&state)).await?;
    Ok(Json(
        lines
            .into_iter()
            .map(|l| ApiPlanLine {
                competency_code: l.code,
                competency_name: l.name_en,
                required: l.required,
                with_gap: l.with_gap,
                not_assessed: l.not_assessed,
                programs: l
                    .programs
                    .into_iter()
                    .map(|p| ApiPlanProgram {
                        free_seats: p.planned.iter().map(|b| b.free_seats).sum(),
                        planned_batches: p.planned.iter().map(|b| b.batch_id).collect(),
                        code: p.code,
                        title: p.title,
                        target_level: p.target_level,
                        serves: p.serves,
                        typical_quota: p.typical_quota,
                        batches_needed: p.batches_needed,
                        batches_to_schedule: p.batches_to_schedule,
                    })
                    .collect(),
            })
            .collect(),
    ))
}
