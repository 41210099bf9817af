//! Programmes: the catalogue pages (`/pelatihan/program`) and `/api/v1/programs`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use bangkom_entities::enums::TrainingMethod;
use bangkom_entities::policy::{Action, Target};
use bangkom_entities::training::TrainingError;
use bangkom_entities::training::batches::{self as batch_data, BatchFilter};
use bangkom_entities::training::programs::{self as data, ProgramDetail, ProgramFilter, ProgramInput};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{api_error, bad_body, page_error, path_id, paths};
use crate::error::{ApiError, AppError};
use crate::forms::FieldErrors;
use crate::paging;
use crate::state::AppState;
use crate::views::training::{self as views, programs as view};
use crate::web::{ApiActor, CsrfForm, SignedIn, Staff};

pub fn pages() -> Router<AppState> {
    let base = paths::PROGRAMS;
    Router::new()
        .route(base, get(list).post(create))
        .route(&format!("{base}/baru"), get(new_form))
        .route(&format!("{base}/{{id}}"), get(show))
        .route(&format!("{base}/{{id}}/ubah"), get(edit_form).post(update))
}

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list, api_create)).routes(routes!(api_get))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    method: String,
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let filter = ProgramFilter {
        q: Some(query.q.clone()),
        method: TrainingMethod::parse(&query.method),
        active_only: !actor.may(Action::ViewDrafts),
    };
    let page =
        paging::require(&query.page, "", paging::PAGE_PER_PAGE).map_err(|e| e.in_lang(visitor.lang))?;
    let found = data::list(&state.db, &filter, page).await?;
    let can_edit = actor.can(&state.db, Action::ManageTraining, Target::Region).await?;
    let filters = vec![("q", query.q.trim().to_owned()), ("method", query.method.clone())];
    Ok(view::list(&visitor.chrome(), &view::ListPage { page: &found, filters: &filters, can_edit })
        .into_response())
}

/// A programme the actor may see: inactive ones only for staff.
async fn visible(state: &AppState, staff: bool, id: i64) -> Result<Option<ProgramDetail>, AppError> {
    Ok(data::detail(&state.db, id).await?.filter(|d| staff || d.program.is_active))
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn { actor, visitor }: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let id = path_id(&id, lang)?;
    let detail =
        visible(&state, actor.may(Action::ViewDrafts), id).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let filter = BatchFilter {
        program_id: Some(id),
        published_only: !actor.may(Action::ViewDrafts),
        ..Default::default()
    };
    let batches = batch_data::list(&state.db, &filter).await?;
    let can_edit = actor.can(&state.db, Action::ManageTraining, Target::Region).await?;
    Ok(view::detail(&visitor.chrome(), &view::DetailPage { detail: &detail, batches: &batches, can_edit })
        .into_response())
}

/// The submitted programme form. Checkbox lists and the competency table repeat their
/// names, so the body is read as pairs.
fn program_input(pairs: Vec<(String, String)>) -> ProgramInput {
    let mut input = ProgramInput::default();
    for (key, value) in pairs {
        match key.as_str() {
            "code" => input.code = value,
            "title" => input.title = value,
            "description" => input.description = value,
            "method" => input.method = value,
            "delivery" => input.delivery = value,
            "organizer_kind" => input.organizer_kind = value,
            "organizer_name" => input.organizer_name = value,
            "jp" => input.jp = value,
            "level3_delay_days" => input.level3_delay_days = value,
            "min_grade" => input.min_grade = value,
            "max_grade" => input.max_grade = value,
            "requires_supervisor_approval" => input.requires_supervisor_approval = true,
            "is_active" => input.is_active = true,
            "families" => input.families.push(value),
            "agency_ids" => input.agency_ids.push(value),
            "competency" => input.competencies.push((value, String::new())),
            "level" => {
                if let Some(last) = input.competencies.last_mut() {
                    last.1 = value;
                }
            }
            _ => {}
        }
    }
    input
}

async fn render_form(
    state: &AppState,
    staff: &Staff,
    editing: Option<&bangkom_entities::schema::training_programs::Model>,
    input: &ProgramInput,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let competencies = bangkom_entities::competencies::all(&state.db).await?;
    let agencies = data::agency_choices(&state.db).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::form(
        &staff.visitor.chrome(),
        &view::FormPage { editing, input, errors, competencies: &competencies, agencies: &agencies },
    );
    Ok((status, page).into_response())
}

async fn manager(state: &AppState, staff: &Staff) -> Result<(), AppError> {
    if staff.actor.can(&state.db, Action::ManageTraining, Target::Region).await? {
        Ok(())
    } else {
        Err(AppError::NotFound.in_lang(staff.visitor.lang))
    }
}

pub async fn new_form(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    manager(&state, &staff).await?;
    render_form(&state, &staff, None, &ProgramInput::blank(), &FieldErrors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let input = program_input(pairs);
    match data::create(&state.db, &staff.actor, &input, Utc::now()).await {
        Ok(created) => Ok(Redirect::to(&views::program_url(created.id)).into_response()),
        Err(TrainingError::Invalid(problems)) => {
            render_form(&state, &staff, None, &input, &crate::forms::FieldErrors::from(problems)).await
        }
        Err(err) => Err(page_error(err, staff.visitor.lang)),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    manager(&state, &staff).await?;
    let lang = staff.visitor.lang;
    let detail =
        data::detail(&state.db, path_id(&id, lang)?).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    render_form(&state, &staff, Some(&detail.program), &ProgramInput::of(&detail), &FieldErrors::default())
        .await
}

pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    manager(&state, &staff).await?;
    let lang = staff.visitor.lang;
    let detail =
        data::detail(&state.db, path_id(&id, lang)?).await?.ok_or(AppError::NotFound.in_lang(lang))?;
    let input = program_input(pairs);
    match data::update(&state.db, &staff.actor, detail.program.id, &input, Utc::now()).await {
        Ok(p) => Ok(Redirect::to(&views::program_url(p.id)).into_response()),
        Err(TrainingError::Invalid(problems)) => {
            render_form(
                &state,
                &staff,
                Some(&detail.program),
                &input,
                &crate::forms::FieldErrors::from(problems),
            )
            .await
        }
        Err(err) => Err(page_error(err, lang)),
    }
}

// ---------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------

/// A competency a programme aims at, with the level it aims for.
#[derive(Serialize, ToSchema)]
pub struct TargetCompetency {
    competency_id: i64,
    code: String,
    name: String,
    target_level: i16,
}

/// A training programme.
#[derive(Serialize, ToSchema)]
pub struct Program {
    id: i64,
    code: String,
    title: String,
    description: Option<String>,
    /// A method of the regulation, e.g. `pelatihan` (classical) or `e_learning` (non-classical).
    #[schema(example = "pelatihan")]
    method: String,
    classical: bool,
    /// `face_to_face`, `online` or `blended`.
    delivery: String,
    /// `bpsdm`, `lan`, `university`, `private` or `in_house`.
    organizer_kind: String,
    organizer_name: String,
    jp: i32,
    requires_supervisor_approval: bool,
    level3_delay_days: i32,
    /// Eligible position families; empty: every family.
    eligible_families: Vec<String>,
    /// Eligible agencies; empty: every agency.
    eligible_agency_ids: Vec<i64>,
    #[schema(example = "III/a")]
    min_grade: Option<String>,
    max_grade: Option<String>,
    is_active: bool,
    competencies: Vec<TargetCompetency>,
}

impl From<ProgramDetail> for Program {
    fn from(d: ProgramDetail) -> Self {
        let p = d.program;
        Program {
            id: p.id,
            code: p.code,
            title: p.title,
            description: p.description,
            method: p.method.as_str().into(),
            classical: p.method.is_classical(),
            delivery: p.delivery.as_str().into(),
            organizer_kind: p.organizer_kind.as_str().into(),
            organizer_name: p.organizer_name,
            jp: p.jp,
            requires_supervisor_approval: p.requires_supervisor_approval,
            level3_delay_days: p.level3_delay_days,
            eligible_families: d.eligibility.families.iter().map(|f| f.as_str().to_owned()).collect(),
            eligible_agency_ids: d.eligibility.agency_ids,
            min_grade: p.min_grade.map(|g| g.as_str().to_owned()),
            max_grade: p.max_grade.map(|g| g.as_str().to_owned()),
            is_active: p.is_active,
            competencies: d
                .competencies
                .into_iter()
                .map(|(c, level)| TargetCompetency {
                    competency_id: c.id,
                    code: c.code,
                    name: c.name_id,
                    target_level: level,
                })
                .collect(),
        }
    }
}

/// One programme of a list.
#[derive(Serialize, ToSchema)]
pub struct ProgramSummary {
    id: i64,
    code: String,
    title: String,
    method: String,
    classical: bool,
    jp: i32,
    requires_supervisor_approval: bool,
    is_active: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ProgramList {
    items: Vec<ProgramSummary>,
    page: u64,
    per_page: u64,
    total: u64,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct ApiListQuery {
    /// Part of the code or title.
    q: String,
    /// A method, e.g. `pelatihan`.
    method: String,
    /// 1-based page number, 1–10000000 (default 1).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 10000000)]
    page: String,
    /// Page size, 1–200 (default 20).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 200)]
    per_page: String,
}

/// The programme catalogue (employees see active programmes only).
#[utoipa::path(
    get, path = "/api/v1/programs", tag = "training", params(ApiListQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of programmes, by title", body = ProgramList),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 422, description = "A filter or page value is not valid (see `fields`)")
    )
)]
pub async fn api_list(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Query(q): Query<ApiListQuery>,
) -> Result<Json<ProgramList>, ApiError> {
    let mut errors = FieldErrors::default();
    let method = match q.method.trim() {
        "" => None,
        raw => TrainingMethod::parse(raw).or_else(|| {
            errors.push(
                crate::forms::FieldError::new("method", crate::i18n::Msg::CatalogueUnknownValue).with(
                    "choices",
                    TrainingMethod::ALL.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", "),
                ),
            );
            None
        }),
    };
    let page = paging::collect(&q.page, &q.per_page, paging::DEFAULT_PER_PAGE, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors).into());
    }
    let filter = ProgramFilter { q: Some(q.q), method, active_only: !actor.may(Action::ViewDrafts) };
    let found = data::list(&state.db, &filter, page).await?;
    Ok(Json(ProgramList {
        page: found.page,
        per_page: found.per_page,
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|p| ProgramSummary {
                id: p.id,
                code: p.code,
                title: p.title,
                method: p.method.as_str().into(),
                classical: p.method.is_classical(),
                jp: p.jp,
                requires_supervisor_approval: p.requires_supervisor_approval,
                is_active: p.is_active,
            })
            .collect(),
    }))
}

/// One programme with its target competencies and eligibility.
#[utoipa::path(
    get, path = "/api/v1/programs/{id}", tag = "training", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The programme's ID")),
    responses(
        (status = 200, description = "The programme", body = Program),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "No such programme (or inactive, for employees)")
    )
)]
pub async fn api_get(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<Program>, ApiError> {
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let detail = visible(&state, actor.may(Action::ViewDrafts), id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(detail.into()))
}

/// A new programme (BKPSDM admins).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewProgram {
    code: Option<String>,
    title: Option<String>,
    description: Option<String>,
    #[schema(example = "pelatihan")]
    method: Option<String>,
    #[schema(example = "face_to_face")]
    delivery: Option<String>,
    #[schema(example = "bpsdm")]
    organizer_kind: Option<String>,
    organizer_name: Option<String>,
    jp: Option<i32>,
    requires_supervisor_approval: Option<bool>,
    /// Default 90.
    level3_delay_days: Option<i32>,
    min_grade: Option<String>,
    max_grade: Option<String>,
    /// Default `true`.
    is_active: Option<bool>,
    #[serde(default)]
    eligible_families: Vec<String>,
    #[serde(default)]
    eligible_agency_ids: Vec<i64>,
    /// `[{"competency_id": 3, "target_level": 3}]`.
    #[serde(default)]
    competencies: Vec<NewTarget>,
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewTarget {
    competency_id: i64,
    target_level: i16,
}

/// Creates a programme (BKPSDM admins; 404 for anyone else).
#[utoipa::path(
    post, path = "/api/v1/programs", tag = "training", request_body = NewProgram, security(("bearer" = [])),
    responses(
        (status = 201, description = "The programme was created", body = Program),
        (status = 401, description = "Missing, unknown or revoked token"),
        (status = 404, description = "The caller may not manage programmes"),
        (status = 422, description = "Some properties are invalid (see `fields`); nothing was stored")
    )
)]
pub async fn api_create(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: Result<Json<NewProgram>, JsonRejection>,
) -> Result<(StatusCode, Json<Program>), ApiError> {
    if !actor.can(&state.db, Action::ManageTraining, Target::Region).await? {
        return Err(AppError::NotFound.into());
    }
    let Json(b) = body.map_err(bad_body)?;
    let text = |v: Option<String>| v.unwrap_or_default();
    let number = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    let input = ProgramInput {
        code: text(b.code),
        title: text(b.title),
        description: text(b.description),
        method: text(b.method),
        delivery: text(b.delivery),
        organizer_kind: text(b.organizer_kind),
        organizer_name: text(b.organizer_name),
        jp: number(b.jp),
        level3_delay_days: number(b.level3_delay_days),
        min_grade: text(b.min_grade),
        max_grade: text(b.max_grade),
        requires_supervisor_approval: b.requires_supervisor_approval.unwrap_or(false),
        is_active: b.is_active.unwrap_or(true),
        families: b.eligible_families,
        agency_ids: b.eligible_agency_ids.iter().map(|a| a.to_string()).collect(),
        competencies: b
            .competencies
            .iter()
            .map(|t| (t.competency_id.to_string(), t.target_level.to_string()))
            .collect(),
    };
    let created = data::create(&state.db, &actor, &input, Utc::now()).await.map_err(api_error)?;
    let detail = data::detail(&state.db, created.id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(detail.into())))
}
