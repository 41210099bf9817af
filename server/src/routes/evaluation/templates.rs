//! Survey templates for staff: the list with the copy form, one template with a form per
//! question. Every member of staff reads them; admins change them (programs and their
//! surveys serve every agency).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_entities::policy::{Action, Target};
use bangkom_entities::surveys::templates::{self, QuestionInput, RemoveError, TemplateError};
use chrono::Utc;
use serde::Deserialize;

use super::paths;
use crate::error::AppError;
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::routes::auth::Empty;
use crate::state::AppState;
use crate::views::evaluation::templates::{self as view, Failed, QuestionValues};
use crate::web::{CookiePolicy, CsrfForm, Staff, redirect_with_flash};

fn id(raw: &str, staff: &Staff) -> Result<i64, AppError> {
    crate::extract::parse_id(raw).map_err(|e| e.in_lang(staff.visitor.lang))
}

async fn can_edit(state: &AppState, staff: &Staff) -> Result<bool, AppError> {
    Ok(staff.actor.can(&state.db, Action::EditSurveyTemplates, Target::Region).await?)
}

/// Only admins reach the forms; for others they do not exist.
async fn may_edit(state: &AppState, staff: &Staff) -> Result<(), AppError> {
    if can_edit(state, staff).await? { Ok(()) } else { Err(AppError::NotFound.in_lang(staff.visitor.lang)) }
}

async fn render_list(
    state: &AppState,
    staff: &Staff,
    source: &str,
    program: &str,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let list = templates::list(&state.db).await?;
    let programs = templates::program_choices(&state.db).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::list(
        &staff.visitor.chrome(),
        &view::ListPage {
            templates: &list,
            programs: &programs,
            can_edit: can_edit(state, staff).await?,
            source,
            program,
            errors,
        },
    );
    Ok((status, page).into_response())
}

pub async fn list(State(state): State<AppState>, staff: Staff) -> Result<Response, AppError> {
    render_list(&state, &staff, "", "", &FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct CopyForm {
    #[serde(default)]
    template_id: String,
    #[serde(default)]
    program_id: String,
}

pub async fn copy(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    CsrfForm(form): CsrfForm<CopyForm>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let mut errors = FieldErrors::default();
    let source = form.template_id.trim().parse::<i64>().ok();
    let program = form.program_id.trim().parse::<i64>().ok();
    if source.is_none() {
        errors.push(FieldError::new("template_id", Msg::CatalogueUnknownReference));
    }
    if program.is_none() {
        errors.push(FieldError::new("program_id", Msg::CatalogueUnknownReference));
    }
    if let (Some(source), Some(program)) = (source, program) {
        match templates::copy_for_program(&state.db, source, program, staff.actor.user_id, Utc::now()).await {
            Ok(copy) => {
                return Ok(redirect_with_flash(policy, &paths::template(copy.id), Msg::EvalTplCopied));
            }
            Err(TemplateError::Invalid(e)) => errors = FieldErrors::from(e),
            Err(TemplateError::AlreadyExists(_)) => {
                errors.push(FieldError::new("program_id", Msg::EvalTplExists))
            }
            Err(TemplateError::Db(e)) => return Err(e.into()),
            Err(_) => return Err(AppError::NotFound.in_lang(staff.visitor.lang)),
        }
    }
    render_list(&state, &staff, &form.template_id, &form.program_id, &errors).await
}

async fn render_detail(
    state: &AppState,
    staff: &Staff,
    template_id: i64,
    failed: Option<(Failed, QuestionValues, String, FieldErrors)>,
) -> Result<Response, AppError> {
    let detail = templates::find(&state.db, template_id)
        .await?
        .ok_or(AppError::NotFound.in_lang(staff.visitor.lang))?;
    let (failed, values, name, errors) = match failed {
        None => (None, QuestionValues::default(), detail.template.name.clone(), FieldErrors::default()),
        Some((f, v, n, e)) => (Some(f), v, n, e),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = view::detail(
        &staff.visitor.chrome(),
        &view::DetailPage {
            detail: &detail,
            can_edit: can_edit(state, staff).await?,
            failed,
            values,
            name: &name,
            errors: &errors,
        },
    );
    Ok((status, page).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
) -> Result<Response, AppError> {
    let template_id = id(&raw, &staff)?;
    render_detail(&state, &staff, template_id, None).await
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
}

pub async fn rename(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<NameForm>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let template_id = id(&raw, &staff)?;
    match templates::rename(&state.db, template_id, &form.name, staff.actor.user_id, Utc::now()).await {
        Ok(()) => Ok(redirect_with_flash(policy, &paths::template(template_id), Msg::EvalTplSaved)),
        Err(TemplateError::Invalid(e)) => {
            let failed = (Failed::Name, QuestionValues::default(), form.name, FieldErrors::from(e));
            render_detail(&state, &staff, template_id, Some(failed)).await
        }
        Err(e) => Err(template_error(e, &staff)),
    }
}

fn template_error(e: TemplateError, staff: &Staff) -> AppError {
    match e {
        TemplateError::Db(e) => e.into(),
        TemplateError::Invalid(e) => AppError::Invalid(FieldErrors::from(e)).in_lang(staff.visitor.lang),
        _ => AppError::NotFound.in_lang(staff.visitor.lang),
    }
}

#[derive(Deserialize)]
pub struct QuestionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    prompt_id: String,
    #[serde(default)]
    prompt_en: String,
    #[serde(default)]
    options: String,
    #[serde(default)]
    is_required: String,
}

impl QuestionForm {
    fn input(&self) -> QuestionInput {
        QuestionInput {
            kind: self.kind.clone(),
            prompt_id: self.prompt_id.clone(),
            prompt_en: self.prompt_en.clone(),
            options: self.options.clone(),
            is_required: !self.is_required.is_empty(),
        }
    }

    fn values(&self) -> QuestionValues {
        QuestionValues {
            kind: self.kind.clone(),
            prompt_id: self.prompt_id.clone(),
            prompt_en: self.prompt_en.clone(),
            options: self.options.clone(),
            is_required: !self.is_required.is_empty(),
        }
    }
}

pub async fn add_question(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(form): CsrfForm<QuestionForm>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let template_id = id(&raw, &staff)?;
    match templates::add_question(&state.db, template_id, &form.input(), staff.actor.user_id, Utc::now())
        .await
    {
        Ok(_) => Ok(redirect_with_flash(policy, &paths::template(template_id), Msg::EvalTplSaved)),
        Err(TemplateError::Invalid(e)) => {
            let failed = (Failed::NewQuestion, form.values(), String::new(), FieldErrors::from(e));
            render_detail(&state, &staff, template_id, Some(failed)).await
        }
        Err(e) => Err(template_error(e, &staff)),
    }
}

pub async fn update_question(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path((raw, raw_question)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<QuestionForm>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let (template_id, question_id) = (id(&raw, &staff)?, id(&raw_question, &staff)?);
    let now = Utc::now();
    match templates::update_question(
        &state.db,
        template_id,
        question_id,
        &form.input(),
        staff.actor.user_id,
        now,
    )
    .await
    {
        Ok(()) => Ok(redirect_with_flash(policy, &paths::template(template_id), Msg::EvalTplSaved)),
        Err(TemplateError::Invalid(e)) => {
            let name =
                templates::find(&state.db, template_id).await?.map(|d| d.template.name).unwrap_or_default();
            let failed = (Failed::Question(question_id), form.values(), name, FieldErrors::from(e));
            render_detail(&state, &staff, template_id, Some(failed)).await
        }
        Err(e) => Err(template_error(e, &staff)),
    }
}

pub async fn remove_question(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path((raw, raw_question)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let (template_id, question_id) = (id(&raw, &staff)?, id(&raw_question, &staff)?);
    let back = paths::template(template_id);
    match templates::remove_question(&state.db, template_id, question_id, staff.actor.user_id, Utc::now())
        .await
    {
        Ok(()) => Ok(redirect_with_flash(policy, &back, Msg::EvalTplQuestionRemoved)),
        Err(RemoveError::Answered) => Ok(redirect_with_flash(policy, &back, Msg::EvalTplQuestionAnswered)),
        Err(RemoveError::NotFound) => Err(AppError::NotFound.in_lang(staff.visitor.lang)),
        Err(RemoveError::Db(e)) => Err(e.into()),
    }
}

pub async fn move_up(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path((raw, raw_question)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let (template_id, question_id) = (id(&raw, &staff)?, id(&raw_question, &staff)?);
    templates::move_question_up(&state.db, template_id, question_id, staff.actor.user_id, Utc::now())
        .await
        .map_err(|e| template_error(e, &staff))?;
    Ok(redirect_with_flash(policy, &paths::template(template_id), Msg::EvalTplSaved))
}

pub async fn delete(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    may_edit(&state, &staff).await?;
    let template_id = id(&raw, &staff)?;
    match templates::delete_template(&state.db, template_id, staff.actor.user_id, Utc::now()).await {
        Ok(()) => Ok(redirect_with_flash(policy, paths::TEMPLATES, Msg::EvalTplDeleted)),
        Err(TemplateError::NotDeletable) => {
            Ok(redirect_with_flash(policy, &paths::template(template_id), Msg::EvalTplNotDeletable))
        }
        Err(e) => Err(template_error(e, &staff)),
    }
}
