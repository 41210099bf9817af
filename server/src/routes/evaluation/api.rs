//! The evaluation results as JSON: `/api/v1/evaluation/programs` (programs with invitations)
//! and `/api/v1/evaluation/programs/{id}/results` (filtered by batch and agency), for the
//! same actors and with the same small-group rule as the pages.

use axum::Json;
use axum::extract::{Path, Query, State};
use bangkom_entities::policy::Reach;
use bangkom_entities::surveys::results::{self, ResultsFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::results::reach_for;
use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::state::AppState;
use crate::web::ApiActor;

#[derive(Serialize, ToSchema)]
pub struct ProgramSummaryBody {
    id: i64,
    code: String,
    title: String,
    /// Invitations sent (every level and audience).
    sent: i64,
    answered: i64,
}

/// Programs that sent survey invitations, with totals (an operator: their agencies' participants).
#[utoipa::path(
    get,
    path = "/api/v1/evaluation/programs",
    tag = "evaluation",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Programs with invitations", body = [ProgramSummaryBody]),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller may not see evaluation results")
    )
)]
pub async fn programs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<ProgramSummaryBody>>, ApiError> {
    let scope = reach_for(&state.db, &actor, None).await?.ok_or(AppError::NotFound)?;
    let list = results::overview(&state.db, &scope).await?;
    Ok(Json(
        list.into_iter()
            .map(|p| ProgramSummaryBody {
                id: p.id,
                code: p.code,
                title: p.title,
                sent: p.sent,
                answered: p.answered,
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct ResultsParams {
    /// Only this batch of the program.
    batch_id: Option<String>,
    /// Only participants of this agency (OPD) and its units; small groups are then hidden.
    agency_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct InvitationsBody {
    /// 1 (reaction) or 3 (behaviour).
    level: u8,
    #[schema(example = "participant")]
    audience: String,
    sent: i64,
    answered: i64,
    pending: i64,
    expired: i64,
    reminded: i64,
    reminders: i64,
    response_rate: Option<f64>,
    /// Fewer respondents than the minimum in an agency view: no answers shown.
    suppressed: bool,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionBody {
    question_id: i64,
    level: u8,
    audience: String,
    #[schema(example = "likert")]
    kind: String,
    prompt_id: String,
    prompt_en: String,
    /// Single choice: the options, in order (Indonesian).
    options: Vec<String>,
    respondents: i64,
    average: Option<f64>,
    /// Counts of 1, 2, … (Likert) or of each option (single choice).
    distribution: Vec<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct RatingBody {
    n: i64,
    average: Option<f64>,
    meeting_target: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CompetencyBody {
    competency_id: i64,
    code: String,
    name_id: String,
    name_en: String,
    target_level: i16,
    /// Levels assessed before the batch began, of the participants surveyed at level 3.
    before: RatingBody,
    participant: RatingBody,
    supervisor: RatingBody,
}

#[derive(Serialize, ToSchema)]
pub struct CommentBody {
    level: u8,
    audience: String,
    prompt_id: String,
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct AgencyBody {
    agency_id: i64,
    agency_name: String,
    sent: i64,
    answered: i64,
    response_rate: Option<f64>,
    reaction_average: Option<f64>,
    suppressed: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ResultsBody {
    program_id: i64,
    program_code: String,
    program_title: String,
    batch_id: Option<i64>,
    min_group_size: u32,
    agency_scoped: bool,
    invitations: Vec<InvitationsBody>,
    questions: Vec<QuestionBody>,
    competencies: Vec<CompetencyBody>,
    comments: Vec<CommentBody>,
    agencies: Vec<AgencyBody>,
}

fn rating(r: results::Rating) -> RatingBody {
    RatingBody { n: r.n, average: r.average, meeting_target: r.meeting_target }
}

fn param(raw: Option<&str>, field: &'static str, errors: &mut FieldErrors) -> Option<i64> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => v.parse().ok().or_else(|| {
            errors.push(FieldError::new(field, Msg::CatalogueUnknownReference));
            None
        }),
    }
}

/// A program's evaluation results.
#[utoipa::path(
    get,
    path = "/api/v1/evaluation/programs/{id}/results",
    tag = "evaluation",
    params(("id" = i64, Path, description = "The training program"), ResultsParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The results", body = ResultsBody),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such program or batch, or not within the caller's reach"),
        (status = 422, description = "A filter names no batch or agency the caller may see")
    )
)]
pub async fn program_results(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    Query(params): Query<ResultsParams>,
) -> Result<Json<ResultsBody>, ApiError> {
    let program_id: i64 = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let batch_id = param(params.batch_id.as_deref(), "batch_id", &mut errors);
    let agency_id = param(params.agency_id.as_deref(), "agency_id", &mut errors);
    let whole = reach_for(&state.db, &actor, None).await?.ok_or(AppError::NotFound)?;
    if let Some(agency) = agency_id
        && !results::agency_choices(&state.db, &whole).await?.iter().any(|a| a.id == agency)
    {
        errors.push(FieldError::new("agency_id", Msg::CatalogueUnknownReference));
    }
    if let Some(batch) = batch_id
        && !results::batches_of(&state.db, program_id).await?.iter().any(|b| b.id == batch)
    {
        errors.push(FieldError::new("batch_id", Msg::CatalogueUnknownReference));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let scope = match agency_id {
        None => whole,
        Some(_) => reach_for(&state.db, &actor, agency_id).await?.unwrap_or(Reach::Agencies(Vec::new())),
    };
    let filter = ResultsFilter { program_id, batch_id, reach: scope };
    let r = results::results(&state.db, &filter, state.settings.evaluation.min_group_size)
        .await?
        .ok_or(AppError::NotFound)?;
    let level = bangkom_entities::surveys::level_number;
    Ok(Json(ResultsBody {
        program_id: r.program.id,
        program_code: r.program.code,
        program_title: r.program.title,
        batch_id: r.batch.map(|b| b.id),
        min_group_size: r.min_group_size,
        agency_scoped: r.agency_scoped,
        invitations: r
            .invitations
            .into_iter()
            .map(|f| InvitationsBody {
                level: level(f.level),
                audience: f.audience.as_str().to_owned(),
                sent: f.sent,
                answered: f.answered,
                pending: f.pending,
                expired: f.expired,
                reminded: f.reminded,
                reminders: f.reminders,
                response_rate: f.response_rate,
                suppressed: f.suppressed,
            })
            .collect(),
        questions: r
            .questions
            .into_iter()
            .map(|q| QuestionBody {
                question_id: q.question_id,
                level: level(q.level),
                audience: q.audience.as_str().to_owned(),
                kind: q.kind.as_str().to_owned(),
                prompt_id: q.prompt_id,
                prompt_en: q.prompt_en,
                options: q.options.into_iter().map(|o| o.id).collect(),
                respondents: q.respondents,
                average: q.average,
                distribution: q.distribution,
            })
            .collect(),
        competencies: r
            .competencies
            .into_iter()
            .map(|c| CompetencyBody {
                competency_id: c.competency_id,
                code: c.code,
                name_id: c.name_id,
                name_en: c.name_en,
                target_level: c.target_level,
                before: rating(c.before),
                participant: rating(c.participant),
                supervisor: rating(c.supervisor),
            })
            .collect(),
        comments: r
            .comments
            .into_iter()
            .map(|c| CommentBody {
                level: level(c.level),
                audience: c.audience.as_str().to_owned(),
                prompt_id: c.prompt_id,
                text: c.text,
            })
            .collect(),
        agencies: r
            .agencies
            .into_iter()
            .map(|a| AgencyBody {
                agency_id: a.agency_id,
                agency_name: a.agency_name,
                sent: a.sent,
                answered: a.answered,
                response_rate: a.response_rate,
                reaction_average: a.reaction_average,
                suppressed: a.suppressed,
            })
            .collect(),
    }))
}
