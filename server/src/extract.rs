//! Extractors and helpers for the JSON API whose rejections answer in the API's one JSON
//! error shape (`{"error": {"code", "message", "fields"?}}`), never axum's plain text.

use axum::Json;
use axum::body::to_bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, AppError};
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::web::visitor_lang;

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

/// The number in a route's `{id}` (its only path parameter). Anything else names nothing:
/// 404, in the API's JSON shape under `/api/`, as a page elsewhere.
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let raw = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|Path(params)| params.into_iter().next_back())
            .map(|(_, value)| value);
        match raw.as_deref().map(parse_id) {
            Some(Ok(id)) => Ok(PathId(id)),
            _ if parts.uri.path().starts_with(API_PREFIX) => {
                Err(ApiError(AppError::NotFound).into_response())
            }
            _ => Err(AppError::NotFound.in_lang(visitor_lang(&parts.headers)).into_response()),
        }
    }
}

/// An id from a path segment; anything but a whole number names nothing.
pub fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// Where the JSON API lives.
pub const API_PREFIX: &str = "/api/";

/// Gives the API's rejections the API's one JSON error shape: what axum's own extractors
/// answer in plain text (an unparsable path or query value, a wrong method) becomes
/// `{"error": …}` — 422 naming `query` or `path` for values that do not parse.
pub async fn json_rejections(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !status.is_client_error() || is_json {
        return response;
    }
    let detail = to_bytes(response.into_body(), 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let error = match status {
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => {
            // axum says which part did not parse; name it as the field.
            let field = if detail.contains("query string") { "query" } else { "path" };
            AppError::Invalid(FieldErrors(vec![
                FieldError::new(field, Msg::RequestInvalid).with("detail", detail),
            ]))
        }
        StatusCode::NOT_FOUND => AppError::NotFound,
        StatusCode::UNAUTHORIZED => AppError::Unauthenticated,
        StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
        StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
        _ => AppError::BadRequest,
    };
    ApiError(error).into_response()
}
