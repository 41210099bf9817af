//! The mentoring JSON API: `/api/v1/mentoring/pairs` (list, create), one pair, its sessions
//! (record, correct, confirm, dispute), closing, and mentor suggestions. The same entities
//! functions, and so the same rules and policy, as the pages.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use bangkom_entities::mentoring::pairs::{self, Closing, GoalInput, PairInput};
use bangkom_entities::mentoring::read::{self, PairFilter, PairRow};
use bangkom_entities::mentoring::sessions::{self, SessionInput};
use bangkom_entities::mentoring::suggest;
use bangkom_entities::policy::{Action, Target};
use bangkom_entities::schema::mentoring_sessions;
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::today;
use crate::error::{ApiError, AppError};
use crate::routes::training::bad_body;
use crate::state::AppState;
use crate::web::ApiActor;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_pair))
        .routes(routes!(record))
        .routes(routes!(edit))
        .routes(routes!(confirm))
        .routes(routes!(dispute))
        .routes(routes!(close))
        .routes(routes!(suggestions))
}

fn id_of(raw: &str) -> Result<i64, ApiError> {
    raw.trim().parse::<i64>().map_err(|_| AppError::NotFound.into())
}

/// A pair in a list.
#[derive(Serialize, ToSchema)]
pub struct PairSummary {
    id: i64,
    mentor_id: i64,
    mentor_name: String,
    mentee_id: i64,
    mentee_name: String,
    mentee_agency: String,
    /// `active`, `completed` or `cancelled`.
    status: String,
    #[schema(value_type = String, format = Date)]
    starts_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    last_session_on: Option<NaiveDate>,
    sessions: i64,
    /// Sessions waiting for the mentee's confirmation.
    pending: i64,
    confirmed_minutes: i64,
}

fn summary(r: PairRow) -> PairSummary {
    PairSummary {
        id: r.id,
        mentor_id: r.mentor_id,
        mentor_name: r.mentor_name,
        mentee_id: r.mentee_id,
        mentee_name: r.mentee_name,
        mentee_agency: r.mentee_agency,
        status: r.status.as_str().into(),
        starts_on: r.starts_on,
        last_session_on: r.last_session_on,
        sessions: r.sessions,
        pending: r.pending,
        confirmed_minutes: r.confirmed_minutes,
    }
}

#[derive(Serialize, ToSchema)]
pub struct PairList {
    items: Vec<PairSummary>,
}

/// The pairs the caller mentors, is mentored in, or supervises (direct subordinates); for
/// staff, also the active pairs of their agencies.
#[utoipa::path(
    get, path = "/api/v1/mentoring/pairs", tag = "mentoring", security(("bearer" = [])),
    responses(
        (status = 200, description = "The pairs", body = PairList),
        (status = 401, description = "Missing, unknown or revoked token")
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<PairList>, ApiError> {
    let mut rows = Vec::new();
    if let Some(me) = actor.employee_id {
        for filter in [PairFilter::Mentor(me), PairFilter::Mentee(me), PairFilter::Supervisor(me)] {
            rows.extend(read::pairs(&state.db, &filter).await?);
        }
    }
    if let Some(reach) = actor.staff_reach(&state.db, Action::ViewMentoringOverview, None).await? {
        rows.extend(read::pairs(&state.db, &PairFilter::ActiveIn(reach)).await?);
    }
    let mut seen = std::collections::HashSet::new();
    rows.retain(|r| seen.insert(r.id));
    Ok(Json(PairList { items: rows.into_iter().map(summary).collect() }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGoal {
    /// A competency id or code.
    competency: String,
    goal: String,
    /// 1–5.
    target_level: i16,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPair {
    /// The mentee's NIP (or employee id).
    mentee: String,
    /// The mentor's NIP (or employee id).
    mentor: String,
    /// `YYYY-MM-DD`.
    starts_on: String,
    #[serde(default)]
    planned_end_on: String,
    goals: Vec<NewGoal>,
}

/// A goal whose target is above the mentor's current level: a warning, not a refusal.
#[derive(Serialize, ToSchema)]
pub struct Warning {
    competency_code: String,
    target_level: i16,
    mentor_level: Option<i16>,
}

#[derive(Serialize, ToSchema)]
pub struct GoalJson {
    id: i64,
    competency_id: i64,
    competency_code: String,
    goal: String,
    target_level: i16,
    final_rating: Option<i16>,
    mentor_level: Option<i16>,
    mentee_level: Option<i16>,
    met: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SessionJson {
    id: i64,
    #[schema(value_type = String, format = Date)]
    held_on: NaiveDate,
    minutes: i32,
    /// `face_to_face` or `online`.
    mode: String,
    topic: String,
    notes: Option<String>,
    actions: Option<String>,
    /// `pending`, `confirmed` or `disputed`.
    confirmation: String,
    dispute_reason: Option<String>,
}

fn session_json(s: mentoring_sessions::Model) -> SessionJson {
    SessionJson {
        id: s.id,
        held_on: s.held_on,
        minutes: s.minutes,
        mode: s.mode.as_str().into(),
        topic: s.topic,
        notes: s.notes,
        actions: s.actions,
        confirmation: s.confirmation.as_str().into(),
        dispute_reason: s.dispute_reason,
    }
}

#[derive(Serialize, ToSchema)]
pub struct PairJson {
    id: i64,
    mentor_id: i64,
    mentor_name: String,
    mentee_id: i64,
    mentee_name: String,
    status: String,
    #[schema(value_type = String, format = Date)]
    starts_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    planned_end_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    ended_on: Option<NaiveDate>,
    summary: Option<String>,
    goals: Vec<GoalJson>,
    /// Newest first.
    sessions: Vec<SessionJson>,
    confirmed_minutes: i64,
    goals_met: usize,
    /// Goals whose target is above the mentor's current level.
    warnings: Vec<Warning>,
}

async fn pair_json(state: &AppState, found: pairs::PairPeople) -> Result<PairJson, ApiError> {
    let d = read::detail(&state.db, found).await?;
    let (confirmed_minutes, goals_met) = (d.confirmed_minutes(), d.goals_met());
    let p = &d.people;
    Ok(PairJson {
        id: p.pair.id,
        mentor_id: p.mentor.id,
        mentor_name: p.mentor.name.clone(),
        mentee_id: p.mentee.id,
        mentee_name: p.mentee.name.clone(),
        status: p.pair.status.as_str().into(),
        starts_on: p.pair.starts_on,
        planned_end_on: p.pair.planned_end_on,
        ended_on: p.pair.ended_on,
        summary: p.pair.summary.clone(),
        warnings: d
            .goals
            .iter()
            .filter_map(|g| g.warning())
            .map(|w| Warning {
                competency_code: w.competency_code,
                target_level: w.target_level,
                mentor_level: w.mentor_level,
            })
            .collect(),
        goals: d
            .goals
            .iter()
            .map(|g| GoalJson {
                id: g.goal.id,
                competency_id: g.goal.competency_id,
                competency_code: g.competency_code.clone(),
                goal: g.goal.goal.clone(),
                target_level: g.goal.target_level,
                final_rating: g.goal.final_rating,
                mentor_level: g.mentor_level,
                mentee_level: g.mentee_level,
                met: g.met(),
            })
            .collect(),
        sessions: d.sessions.into_iter().map(session_json).collect(),
        confirmed_minutes,
        goals_met,
    })
}

async fn pair_by_id(
    state: &AppState,
    actor: &bangkom_entities::policy::Actor,
    id: i64,
) -> Result<PairJson, ApiError> {
    let found = pairs::reach(&state.db, actor, id, Action::ViewMentoringPair).await?;
    pair_json(state, found).await
}

/// Pairs a mentor with a mentee (staff of the mentee's agency, or the mentee's supervisor).
#[utoipa::path(
    post, path = "/api/v1/mentoring/pairs", tag = "mentoring", request_body = NewPair, security(("bearer" = [])),
    responses(
        (status = 201, description = "The new pair, with warnings when the mentor's level is below a target", body = PairJson),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 422, description = "Self-mentoring, the mentor at the active-mentee limit, an unknown person or competency, bad dates or levels (see `fields`)")
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<NewPair>, JsonRejection>,
) -> Result<(StatusCode, Json<PairJson>), ApiError> {
    let Json(b) = body.map_err(bad_body)?;
    let input = PairInput {
        mentee: b.mentee,
        mentor: b.mentor,
        starts_on: b.starts_on,
        planned_end_on: b.planned_end_on,
        goals: b
            .goals
            .into_iter()
            .map(|g| GoalInput {
                competency: g.competency,
                goal: g.goal,
                target_level: g.target_level.to_string(),
            })
            .collect(),
    };
    let created = pairs::create(&state.db, &state.settings.mentoring, &actor, &input, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(pair_by_id(&state, &actor, created.pair.id).await?)))
}

/// One pair with its goals and sessions: for its mentor and mentee, their supervisors, staff
/// of either's agency.
#[utoipa::path(
    get, path = "/api/v1/mentoring/pairs/{id}", tag = "mentoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The pair's ID")),
    responses(
        (status = 200, description = "The pair", body = PairJson),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such pair within the caller's reach")
    )
)]
pub async fn get_pair(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<PairJson>, ApiError> {
    Ok(Json(pair_by_id(&state, &actor, id_of(&id)?).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionBody {
    /// `YYYY-MM-DD`, not in the future nor before the pair started.
    held_on: String,
    /// 1–1440.
    minutes: i32,
    /// `face_to_face` or `online`.
    mode: String,
    topic: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    actions: String,
}

fn session_input(b: SessionBody) -> SessionInput {
    SessionInput {
        held_on: b.held_on,
        minutes: b.minutes.to_string(),
        mode: b.mode,
        topic: b.topic,
        notes: b.notes,
        actions: b.actions,
    }
}

/// The pair's mentor records a session (pending the mentee's confirmation).
#[utoipa::path(
    post, path = "/api/v1/mentoring/pairs/{id}/sessions", tag = "mentoring", request_body = SessionBody,
    params(("id" = i64, Path, description = "The pair's ID")), security(("bearer" = [])),
    responses(
        (status = 201, description = "The session", body = SessionJson),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such pair, or the caller is not its mentor"),
        (status = 422, description = "A date in the future or before the start, minutes outside 1–1440, a closed pair (see `fields`)")
    )
)]
pub async fn record(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<SessionBody>, JsonRejection>,
) -> Result<(StatusCode, Json<SessionJson>), ApiError> {
    let id = id_of(&id)?;
    let Json(b) = body.map_err(bad_body)?;
    let today = today(state.settings.timezone);
    let s = sessions::record(&state.db, &actor, id, &session_input(b), today, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(session_json(s))))
}

/// The mentor corrects a session; it waits for the mentee's confirmation again.
#[utoipa::path(
    put, path = "/api/v1/mentoring/sessions/{id}", tag = "mentoring", request_body = SessionBody,
    params(("id" = i64, Path, description = "The session's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The session, pending again", body = SessionJson),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such session, or the caller is not the pair's mentor"),
        (status = 422, description = "Invalid values (see `fields`)")
    )
)]
pub async fn edit(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<SessionBody>, JsonRejection>,
) -> Result<Json<SessionJson>, ApiError> {
    let id = id_of(&id)?;
    let Json(b) = body.map_err(bad_body)?;
    let today = today(state.settings.timezone);
    Ok(Json(session_json(sessions::edit(&state.db, &actor, id, &session_input(b), today, Utc::now()).await?)))
}

/// The mentee confirms a pending session: its minutes count toward their JP.
#[utoipa::path(
    post, path = "/api/v1/mentoring/sessions/{id}/confirm", tag = "mentoring",
    params(("id" = i64, Path, description = "The session's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The confirmed session", body = SessionJson),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such session, or the caller is not the pair's mentee"),
        (status = 422, description = "The session is not pending (see `fields`)")
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<SessionJson>, ApiError> {
    let id = id_of(&id)?;
    Ok(Json(session_json(sessions::decide(&state.db, &actor, id, true, "", Utc::now()).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeBody {
    /// Required.
    reason: String,
}

/// The mentee disputes a pending session, with a reason.
#[utoipa::path(
    post, path = "/api/v1/mentoring/sessions/{id}/dispute", tag = "mentoring", request_body = DisputeBody,
    params(("id" = i64, Path, description = "The session's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The disputed session", body = SessionJson),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such session, or the caller is not the pair's mentee"),
        (status = 422, description = "No reason, or the session is not pending (see `fields`)")
    )
)]
pub async fn dispute(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<DisputeBody>, JsonRejection>,
) -> Result<Json<SessionJson>, ApiError> {
    let id = id_of(&id)?;
    let Json(b) = body.map_err(bad_body)?;
    Ok(Json(session_json(sessions::decide(&state.db, &actor, id, false, &b.reason, Utc::now()).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    goal_id: i64,
    /// 1–5.
    rating: i16,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseBody {
    /// One per focus competency.
    ratings: Vec<Rating>,
    #[serde(default)]
    summary: String,
}

/// The mentor closes the pair; each rating becomes an assessment with source `mentoring`.
#[utoipa::path(
    post, path = "/api/v1/mentoring/pairs/{id}/close", tag = "mentoring", request_body = CloseBody,
    params(("id" = i64, Path, description = "The pair's ID")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The closed pair", body = PairJson),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such pair, or the caller is not its mentor"),
        (status = 422, description = "A focus competency without a rating 1–5, or the pair already closed (see `fields`)")
    )
)]
pub async fn close(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
    body: Result<Json<CloseBody>, JsonRejection>,
) -> Result<Json<PairJson>, ApiError> {
    let id = id_of(&id)?;
    let Json(b) = body.map_err(bad_body)?;
    let closing = Closing {
        ratings: b.ratings.into_iter().map(|r| (r.goal_id, r.rating.to_string())).collect(),
        summary: b.summary,
    };
    let today = today(state.settings.timezone);
    pairs::close(&state.db, state.settings.gaps.counting, &actor, id, &closing, today, Utc::now()).await?;
    Ok(Json(pair_by_id(&state, &actor, id).await?))
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct SuggestionQuery {
    mentee_id: String,
    competency_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct Candidate {
    employee_id: i64,
    nip: String,
    name: String,
    agency_name: String,
    level: i16,
    same_agency: bool,
    active_mentees: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Suggestions {
    /// Same agency first, then the highest level, then the fewest active mentees.
    items: Vec<Candidate>,
    max_active_mentees: u32,
}

/// Candidate mentors for a mentee in a competency (for whoever may pair that mentee).
#[utoipa::path(
    get, path = "/api/v1/mentoring/suggestions", tag = "mentoring", params(SuggestionQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The candidates", body = Suggestions),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such mentee the caller may pair")
    )
)]
pub async fn suggestions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<SuggestionQuery>,
) -> Result<Json<Suggestions>, ApiError> {
    let mentee_id = id_of(&q.mentee_id)?;
    let competency = id_of(&q.competency_id)?;
    let mentee = bangkom_entities::employees::find(&state.db, mentee_id).await?.ok_or(AppError::NotFound)?;
    if !actor.can(&state.db, Action::CreateMentoringPair, Target::Employee(&mentee)).await? {
        return Err(AppError::NotFound.into());
    }
    let found = suggest::for_pairing(&state.db, &mentee, competency, 10).await?;
    Ok(Json(Suggestions {
        items: found
            .into_iter()
            .map(|c| Candidate {
                employee_id: c.employee_id,
                nip: c.nip,
                name: c.name,
                agency_name: c.agency_name,
                level: c.level,
                same_agency: c.same_agency,
                active_mentees: c.active_mentees,
            })
            .collect(),
        max_active_mentees: state.settings.mentoring.max_active_mentees,
    }))
}
