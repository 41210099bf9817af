//! Training: programmes, batches and their calendar, enrolment (own, on behalf, in bulk,
//! approvals, withdrawal), attendance and completion, the JP recap with its exports, and the
//! JSON API beside the pages. Handlers parse, ask the policy (inside the entities calls),
//! call one `bangkom_entities::training` function and render.

mod batches;
mod delivery;
mod enrolments;
mod programs;
mod recap;

use axum::Router;
use bangkom_entities::training::TrainingError;
use bangkom_jobs::training_mail::TrainingMail;
use utoipa_axum::router::OpenApiRouter;

use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
pub use crate::views::training::paths;

/// The pages of this area.
pub fn pages() -> Router<AppState> {
    Router::new()
        .merge(programs::pages())
        .merge(batches::pages())
        .merge(enrolments::pages())
        .merge(delivery::pages())
        .merge(recap::pages())
}

/// The JSON API of this area, documented in the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(programs::api())
        .merge(batches::api())
        .merge(enrolments::api())
        .merge(delivery::api())
        .merge(recap::api())
}

/// The e-mails training changes queue, in the transaction of the change.
fn notifier(state: &AppState) -> TrainingMail {
    TrainingMail { base_url: state.settings.base_url.clone(), tz: state.settings.timezone }
}

/// An ID from the path; anything but a number is a page that does not exist.
pub(crate) fn path_id(raw: &str, lang: Lang) -> Result<i64, AppError> {
    crate::extract::parse_id(raw).map_err(|e| e.in_lang(lang))
}

/// A training error as a page error (field problems become a 422 with the form again, when
/// the handler does not render them itself).
fn page_error(err: TrainingError, lang: Lang) -> AppError {
    match err {
        TrainingError::NotFound => AppError::NotFound.in_lang(lang),
        TrainingError::Invalid(problems) => AppError::Invalid(FieldErrors::from(problems)).in_lang(lang),
        TrainingError::Db(e) => AppError::Database(e).in_lang(lang),
    }
}

fn api_error(err: TrainingError) -> ApiError {
    match err {
        TrainingError::NotFound => ApiError(AppError::NotFound),
        TrainingError::Invalid(problems) => ApiError(AppError::Invalid(FieldErrors::from(problems))),
        TrainingError::Db(e) => ApiError(AppError::Database(e)),
    }
}

pub(crate) use crate::extract::bad_body;

/// An API query value that must be a whole number when given.
fn api_number<T: std::str::FromStr>(field: &'static str, raw: &str, errors: &mut FieldErrors) -> Option<T> {
    match raw.trim() {
        "" => None,
        s => s
            .parse()
            .map_err(|_| errors.push(FieldError::new(field, Msg::EmployeeApiBadNumber).with("value", s)))
            .ok(),
    }
}
