//! Extractors and helpers for the JSON API whose rejections answer in the API's one JSON
//! error shape (`{"error": {"code", "message", "fields"?}}`), never axum's plain text.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;

use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;

/// A JSON request body larger than this is answered 413 (axum's default body limit).
pub const MAX_JSON_BODY_BYTES: usize = 2 * 1024 * 1024;

/// A JSON body that could not be read: 413 when it is too large, 415 when it is not sent as
/// JSON, 422 naming what is wrong when it is missing, not JSON, or JSON of the wrong shape.
pub fn bad_body(rejection: JsonRejection) -> ApiError {
    let error = match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
        _ => match rejection {
            JsonRejection::JsonDataError(_) | JsonRejection::JsonSyntaxError(_) => {
                AppError::Invalid(FieldErrors(vec![
                    FieldError::new("body", Msg::CatalogueJsonInvalid).with("detail", rejection.body_text()),
                ]))
            }
            _ => AppError::BadRequest,
        },
    };
    ApiError(error)
}

/// A JSON body as sent, or the error [`bad_body`] describes.
pub fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    body.map(|Json(value)| value).map_err(bad_body)
}

/// `Json<T>` whose rejection is an [`ApiError`] (see [`bad_body`]).
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        json_body(Json::<T>::from_request(request, state).await).map(ApiJson)
    }
}
