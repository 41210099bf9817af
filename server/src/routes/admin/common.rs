//! Small pieces every staff area's handlers share: ids from paths, JSON bodies, PATCH
//! properties that may be null, query-string numbers and flags, the staff-only API gate.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use bangkom_entities::paging::PageRequest;
use bangkom_entities::validation::Problem;
use serde::{Deserialize, Deserializer};

use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;

/// The entities' field problems as a form's field errors.
pub fn field_errors(problems: Vec<Problem>) -> FieldErrors {
    problems.into()
}

/// An id from the path; anything but a number names nothing.
pub fn path_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// A JSON body that could not be read: a 422 saying why when it is JSON of the wrong
/// shape, a 400 when it is not JSON at all.
pub fn bad_body(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonDataError(err) => ApiError(AppError::Invalid(FieldErrors(vec![
            FieldError::new("body", Msg::CatalogueJsonInvalid).with("detail", err.body_text()),
        ]))),
        _ => ApiError(AppError::BadRequest),
    }
}

/// A JSON body as sent, or the error [`bad_body`] describes.
pub fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    body.map(|Json(value)| value).map_err(bad_body)
}

/// A PATCH property that may be absent (keep), `null` (clear) or a value.
pub fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// `true`/`false` (also `1`/`0`, `ya`/`tidak`); `Err` for anything else but empty.
pub fn parse_flag(raw: &str) -> Result<Option<bool>, ()> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "1" | "ya" | "yes" | "on" => Ok(Some(true)),
        "false" | "0" | "tidak" | "no" | "off" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// A page number or size from a query string: `Err` when it is not a number.
pub fn parse_count(raw: &str) -> Result<Option<u64>, ()> {
    match raw.trim() {
        "" => Ok(None),
        s => s.parse::<u64>().map(Some).map_err(|_| ()),
    }
}

/// `page` and `per_page` from a query string: absent is the default, anything but a
/// positive number is a field error.
pub fn page_request(page: &str, per_page: &str, errors: &mut FieldErrors) -> PageRequest {
    let mut number = |field: &'static str, raw: &str| match raw.trim() {
        "" => None,
        s => match s.parse::<u64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.push(FieldError::new(field, Msg::CatalogueBadNumber));
                None
            }
        },
    };
    let page = number("page", page);
    let per_page = number("per_page", per_page);
    PageRequest::new(page, per_page)
}
