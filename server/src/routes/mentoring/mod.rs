//! Mentoring: one's own mentoring (`/mentoring`), the staff overview, pairing a mentor with
//! a mentee (with suggestions), a pair's page with its sessions (record, correct, confirm,
//! dispute) and closing; and the JSON API under `/api/v1/mentoring/…`. Handlers parse, call
//! one `bangkom_entities::mentoring` function (which asks the policy) and render.

mod api;

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bangkom_entities::mentoring::WriteError;
use bangkom_entities::mentoring::pairs::{self, Closing, GoalInput, PairInput};
use bangkom_entities::mentoring::read::{self, PairFilter};
use bangkom_entities::mentoring::sessions::{self, SessionInput};
use bangkom_entities::mentoring::suggest;
use bangkom_entities::policy::{Action, Actor, Target};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;

use super::training::path_id;
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
use crate::views::mentoring::{self as view, PairForm, SessionForm, pair_url, paths};
use crate::web::{CookiePolicy, CsrfForm, SignedIn, Staff, Visitor, redirect_with_flash};

/// How many mentors the pairing form suggests.
const SUGGESTIONS: u64 = 10;

/// The pages of this area.
pub fn pages() -> Router<AppState> {
    Router::new()
        .route(paths::HOME, get(mine))
        .route(paths::OVERVIEW, get(overview))
        .route(paths::NEW, get(new_form).post(create))
        .route(&format!("{}/{{id}}", paths::PAIRS), get(show))
        .route(&format!("{}/{{id}}/sesi", paths::PAIRS), post(record))
        .route(&format!("{}/{{id}}/tutup", paths::PAIRS), post(close))
        .route(&format!("{}/{{id}}/ubah", paths::SESSIONS), get(edit_form).post(edit))
        .route(&format!("{}/{{id}}/konfirmasi", paths::SESSIONS), post(confirm))
        .route(&format!("{}/{{id}}/sanggah", paths::SESSIONS), post(dispute))
}

/// The JSON API of this area, documented in the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    api::routes()
}

/// Today in the deployment's zone: sessions may not be dated after it.
fn today(tz: chrono_tz::Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

pub async fn mine(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
) -> Result<Response, AppError> {
    let (as_mentor, as_mentee, supervised) = match actor.employee_id {
        Some(me) => (
            read::pairs(&state.db, &PairFilter::Mentor(me)).await?,
            read::pairs(&state.db, &PairFilter::Mentee(me)).await?,
            read::pairs(&state.db, &PairFilter::Supervisor(me)).await?,
        ),
        None => Default::default(),
    };
    let can_create = pairs::may_create(&state.db, &actor).await?;
    Ok(view::mine(
        &visitor.chrome(),
        &view::MinePage {
            as_mentor: &as_mentor,
            as_mentee: &as_mentee,
            supervised: &supervised,
            can_create,
            staff: actor.may(Action::UseStaffPages),
            today: today(visitor.tz),
            minutes_per_jp: state.settings.training.mentoring_minutes_per_jp,
        },
    )
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OverviewQuery {
    opd: String,
}

pub async fn overview(
    State(state): State<AppState>,
    Staff { actor, visitor }: Staff,
    Query(q): Query<OverviewQuery>,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let agency = q.opd.trim().parse::<i64>().ok();
    let reach = actor
        .staff_reach(&state.db, Action::ViewMentoringOverview, agency)
        .await?
        .ok_or(AppError::NotFound.in_lang(lang))?;
    let today = today(visitor.tz);
    let found = read::overview(&state.db, &reach, today).await?;
    let agencies: Vec<_> = bangkom_entities::training::programs::agency_choices(&state.db)
        .await?
        .into_iter()
        .filter(|a| actor.reach(Action::ViewMentoringOverview).includes_agency(a.id))
        .collect();
    Ok(view::overview(
        &visitor.chrome(),
        &view::OverviewPage {
            overview: &found,
            agencies: &agencies,
            agency_id: q.opd.trim(),
            today,
            minutes_per_jp: state.settings.training.mentoring_minutes_per_jp,
        },
    )
    .into_response())
}

async fn render_new(
    state: &AppState,
    actor: &Actor,
    visitor: &Visitor,
    form: &PairForm,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let competencies: Vec<_> =
        bangkom_entities::competencies::all(&state.db).await?.into_iter().filter(|c| c.is_active).collect();
    // Suggestions for a mentee within the actor's reach and a competency.
    let mut suggestions = None;
    if let (Some(mentee), Ok(competency)) = (
        bangkom_entities::employees::find_by_nip(&state.db, &form.mentee).await?,
        form.competency.trim().parse::<i64>(),
    ) && actor.can(&state.db, Action::CreateMentoringPair, Target::Employee(&mentee)).await?
    {
        suggestions = Some(suggest::for_pairing(&state.db, &mentee, competency, SUGGESTIONS).await?);
    }
    let page = view::new_pair(
        &visitor.chrome(),
        &view::NewPage {
            form,
            errors,
            competencies: &competencies,
            suggestions: suggestions.as_deref(),
            max_active: state.settings.mentoring.max_active_mentees,
        },
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn new_form(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Query(mut form): Query<PairForm>,
) -> Result<Response, AppError> {
    if !pairs::may_create(&state.db, &actor).await? {
        return Err(AppError::NotFound.in_lang(visitor.lang));
    }
    if form.starts_on.is_empty() {
        form.starts_on = today(visitor.tz).format("%Y-%m-%d").to_string();
    }
    if form.competency_1.is_empty() && !form.competency.is_empty() {
        form.competency_1 = form.competency.clone();
    }
    render_new(&state, &actor, &visitor, &form, &FieldErrors::default()).await
}

fn pair_input(form: &PairForm) -> PairInput {
    PairInput {
        mentee: form.mentee.clone(),
        mentor: form.mentor.clone(),
        starts_on: form.starts_on.clone(),
        planned_end_on: form.planned_end_on.clone(),
        goals: form
            .goals()
            .iter()
            .map(|(c, g, t)| GoalInput {
                competency: c.to_string(),
                goal: g.to_string(),
                target_level: t.to_string(),
            })
            .collect(),
    }
}

pub async fn create(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    CsrfForm(form): CsrfForm<PairForm>,
) -> Result<Response, AppError> {
    if !pairs::may_create(&state.db, &actor).await? {
        return Err(AppError::NotFound.in_lang(visitor.lang));
    }
    match pairs::create(&state.db, &state.settings.mentoring, &actor, &pair_input(&form), Utc::now()).await {
        Ok(created) => {
            let flash = if created.warnings.is_empty() {
                Msg::MentoringFlashCreated
            } else {
                Msg::MentoringFlashCreatedWarning
            };
            Ok(redirect_with_flash(policy, &pair_url(created.pair.id), flash))
        }
        Err(WriteError::Invalid(problems)) => {
            render_new(&state, &actor, &visitor, &form, &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(visitor.lang)),
    }
}

async fn render_pair(
    state: &AppState,
    actor: &Actor,
    visitor: &Visitor,
    id: i64,
    form: &SessionForm,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let found = pairs::reach(&state.db, actor, id, Action::ViewMentoringPair)
        .await
        .map_err(|e| AppError::from(e).in_lang(lang))?;
    let is_mentor = actor.can(&state.db, Action::RecordMentoringSession, found.target()).await?;
    let is_mentee = actor.can(&state.db, Action::ConfirmMentoringSession, found.target()).await?;
    let detail = read::detail(&state.db, found).await?;
    let mut form = form.clone();
    if form.held_on.is_empty() {
        form.held_on = today(visitor.tz).format("%Y-%m-%d").to_string();
    }
    let page = view::pair(
        &visitor.chrome(),
        &view::PairPage {
            detail: &detail,
            is_mentor,
            is_mentee,
            session_form: &form,
            errors,
            minutes_per_jp: state.settings.training.mentoring_minutes_per_jp,
            today: today(visitor.tz),
        },
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    render_pair(&state, &actor, &visitor, id, &SessionForm::default(), &FieldErrors::default()).await
}

fn session_input(f: &SessionForm) -> SessionInput {
    SessionInput {
        held_on: f.held_on.clone(),
        minutes: f.minutes.clone(),
        mode: f.mode.clone(),
        topic: f.topic.clone(),
        notes: f.notes.clone(),
        actions: f.actions.clone(),
    }
}

pub async fn record(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<SessionForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    let result =
        sessions::record(&state.db, &actor, id, &session_input(&form), today(visitor.tz), Utc::now()).await;
    match result {
        Ok(_) => Ok(redirect_with_flash(policy, &pair_url(id), Msg::MentoringFlashRecorded)),
        Err(WriteError::Invalid(problems)) => {
            render_pair(&state, &actor, &visitor, id, &form, &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(visitor.lang)),
    }
}

pub async fn close(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    let closing = Closing {
        ratings: form
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("rating_")?.parse().ok()?, v.clone())))
            .collect(),
        summary: form.get("summary").cloned().unwrap_or_default(),
    };
    let today = today(visitor.tz);
    match pairs::close(&state.db, state.settings.gaps.counting, &actor, id, &closing, today, Utc::now()).await
    {
        Ok(_) => Ok(redirect_with_flash(policy, &pair_url(id), Msg::MentoringFlashClosed)),
        Err(WriteError::Invalid(problems)) => {
            render_pair(&state, &actor, &visitor, id, &SessionForm::default(), &FieldErrors::from(problems))
                .await
        }
        Err(err) => Err(AppError::from(err).in_lang(visitor.lang)),
    }
}

async fn render_edit(
    state: &AppState,
    actor: &Actor,
    visitor: &Visitor,
    id: i64,
    form: Option<&SessionForm>,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let (session, _) = sessions::find_for(&state.db, actor, id, Action::RecordMentoringSession)
        .await
        .map_err(|e| AppError::from(e).in_lang(visitor.lang))?;
    let stored = SessionForm::of(&session);
    let page = view::edit_session(
        &visitor.chrome(),
        &view::EditSessionPage { session: &session, form: form.unwrap_or(&stored), errors },
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    render_edit(&state, &actor, &visitor, id, None, &FieldErrors::default()).await
}

pub async fn edit(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<SessionForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    match sessions::edit(&state.db, &actor, id, &session_input(&form), today(visitor.tz), Utc::now()).await {
        Ok(s) => Ok(redirect_with_flash(policy, &pair_url(s.pair_id), Msg::MentoringFlashEdited)),
        Err(WriteError::Invalid(problems)) => {
            render_edit(&state, &actor, &visitor, id, Some(&form), &FieldErrors::from(problems)).await
        }
        Err(err) => Err(AppError::from(err).in_lang(visitor.lang)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReasonForm {
    reason: String,
}

async fn decide(
    state: &AppState,
    policy: CookiePolicy,
    actor: &Actor,
    visitor: &Visitor,
    id: i64,
    confirm: bool,
    reason: &str,
) -> Result<Response, AppError> {
    let lang: Lang = visitor.lang;
    match sessions::decide(&state.db, actor, id, confirm, reason, Utc::now()).await {
        Ok(s) => {
            let done = if confirm { Msg::MentoringFlashConfirmed } else { Msg::MentoringFlashDisputed };
            Ok(redirect_with_flash(policy, &pair_url(s.pair_id), done))
        }
        Err(WriteError::Invalid(problems)) => {
            let (session, _) = sessions::find_for(&state.db, actor, id, Action::ConfirmMentoringSession)
                .await
                .map_err(|e| AppError::from(e).in_lang(lang))?;
            let pair_id = session.pair_id;
            render_pair(state, actor, visitor, pair_id, &SessionForm::default(), &FieldErrors::from(problems))
                .await
        }
        Err(err) => Err(AppError::from(err).in_lang(lang)),
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(_form): CsrfForm<ReasonForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    decide(&state, policy, &actor, &visitor, id, true, "").await
}

pub async fn dispute(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ReasonForm>,
) -> Result<Response, AppError> {
    let id = path_id(&id, visitor.lang)?;
    decide(&state, policy, &actor, &visitor, id, false, &form.reason).await
}
