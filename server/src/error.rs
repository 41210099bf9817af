//! The one application error type at the HTTP edge. Pages render it as an HTML page in the
//! user's language; the JSON API wraps it in [`ApiError`] for a JSON envelope. The cause is
//! logged, never shown.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::i18n::{Lang, Msg};
use crate::views;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("the form's CSRF token is missing or wrong")]
    CsrfRejected,
    #[error("the request could not be read")]
    BadRequest,
    #[error("not signed in")]
    Unauthenticated,
    /// A request body over the limit (`extract::MAX_JSON_BODY_BYTES` for JSON).
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// A body sent as something other than what the endpoint reads (JSON).
    #[error("the request body has the wrong content type")]
    UnsupportedMediaType,
    /// A route that exists, asked with a method it does not answer.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Too much work waiting (sign-in bursts): come back after `RETRY_AFTER_SECONDS`.
    #[error("too busy: too many password checks are waiting")]
    Busy,
    /// Input that breaks the rules, field by field.
    #[error("invalid input: {0:?}")]
    Invalid(crate::forms::FieldErrors),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
    /// The same error, to be rendered in a language other than Indonesian.
    #[error("{0}")]
    InLang(Box<AppError>, Lang),
}

impl AppError {
    pub fn in_lang(self, lang: Lang) -> Self {
        match self {
            AppError::InLang(inner, _) => AppError::InLang(inner, lang),
            other => AppError::InLang(Box::new(other), lang),
        }
    }

    fn parts(&self) -> (StatusCode, &'static str, Lang) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", Lang::Id),
            AppError::CsrfRejected => (StatusCode::FORBIDDEN, "csrf_rejected", Lang::Id),
            AppError::BadRequest => (StatusCode::BAD_REQUEST, "bad_request", Lang::Id),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated", Lang::Id),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", Lang::Id),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", Lang::Id),
            AppError::UnsupportedMediaType => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", Lang::Id)
            }
            AppError::Busy => (StatusCode::SERVICE_UNAVAILABLE, "busy", Lang::Id),
            AppError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid", Lang::Id),
            AppError::Database(err) if database_unavailable(err) => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable", Lang::Id)
            }
            AppError::Internal(err)
                if err.chain().any(|e| e.downcast_ref().is_some_and(database_unavailable)) =>
            {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable", Lang::Id)
            }
            AppError::Database(_) | AppError::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal", Lang::Id)
            }
            AppError::InLang(inner, lang) => {
                let (status, code, _) = inner.parts();
                (status, code, *lang)
            }
        }
    }

    fn is_unavailable(&self) -> bool {
        self.parts().1 == "unavailable"
    }

    fn log(&self) {
        if self.parts().0.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let (status, _, lang) = self.parts();
        let (title, body) = match status {
            StatusCode::SERVICE_UNAVAILABLE if self.is_unavailable() => {
                (Msg::ErrorUnavailableTitle, Msg::ErrorUnavailableBody)
            }
            StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED => {
                (Msg::ErrorNotFoundTitle, Msg::ErrorNotFoundBody)
            }
            StatusCode::FORBIDDEN => (Msg::ErrorCsrfTitle, Msg::ErrorCsrfBody),
            StatusCode::BAD_REQUEST
            | StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::UNPROCESSABLE_ENTITY
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::UNSUPPORTED_MEDIA_TYPE => (Msg::ErrorBadRequestTitle, Msg::ErrorBadRequestBody),
            StatusCode::SERVICE_UNAVAILABLE => (Msg::ErrorBusyTitle, Msg::ErrorBusyBody),
            _ => (Msg::ErrorInternalTitle, Msg::ErrorInternalBody),
        };
        // Field problems (a page number out of range, …) are named, so the visitor knows what to fix.
        let details: Vec<String> = self
            .field_errors()
            .map(|errors| errors.0.iter().map(|e| format!("{}: {}", e.field, e.text(lang))).collect())
            .unwrap_or_default();
        let markup = views::error_page::render_with(lang, title, body, &details);
        with_retry_after(status, (status, markup).into_response())
    }
}

impl AppError {
    /// The field problems of an [`AppError::Invalid`], in whatever language it is rendered.
    fn field_errors(&self) -> Option<&crate::forms::FieldErrors> {
        match self {
            AppError::Invalid(errors) => Some(errors),
            AppError::InLang(inner, _) => inner.field_errors(),
            _ => None,
        }
    }
}

/// A database error that says "unreachable or cannot write right now" rather than "this
/// request is wrong": the pool timed out, the connection broke, PostgreSQL is shutting down
/// or refusing connections, SQLite is locked, full or cannot do I/O. Answered 503: the
/// request may well succeed in a moment.
pub fn database_unavailable(err: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx.as_ref() {
        Sqlx::Io(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed
        | Sqlx::Protocol(_)
        | Sqlx::Tls(_) => true,
        Sqlx::Database(db) => match db.code() {
            // PostgreSQL: connection exceptions (08…), shutdown and start-up (57P0…).
            Some(code) if code.starts_with("08") || code.starts_with("57P0") => true,
            // SQLite (at most four digits; PostgreSQL's codes have five): primary codes BUSY 5,
            // LOCKED 6, READONLY 8, IOERR 10, FULL 13, also as the low byte of extended codes.
            Some(code) if code.len() <= 4 => {
                code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 8 | 10 | 13))
            }
            _ => false,
        },
        _ => false,
    }
}

/// A sign-in burst clears in about this long (a queue of 64 at ~30 ms a check on 2 cores).
pub const RETRY_AFTER_SECONDS: u32 = 2;

fn with_retry_after(status: StatusCode, mut response: Response) -> Response {
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    }
    response
}

/// The JSON API's one error shape, as the OpenAPI document states it (the body
/// [`ApiError`] writes).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ApiErrorBody {
    error: ApiErrorDetail,
}

#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ApiErrorDetail {
    /// `not_found`, `unauthenticated`, `invalid`, `bad_request`, `payload_too_large`,
    /// `unsupported_media_type`, `busy`, `internal`, …
    code: String,
    /// What went wrong, in English.
    message: String,
    /// With `invalid` (422): each field (a JSON property or query parameter) and its problem.
    fields: Option<Vec<ApiFieldError>>,
}

#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ApiFieldError {
    field: String,
    message: String,
}

/// [`AppError`] rendered as `{"error": {"code": …, "message": …}}` for the JSON API.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let (status, code, _) = self.0.parts();
        if let Some(errors) = self.0.field_errors() {
            let fields: Vec<_> =
                errors.0.iter().map(|e| json!({ "field": e.field, "message": e.text(Lang::En) })).collect();
            return (
                status,
                Json(json!({ "error": { "code": code, "message": "some fields are invalid; nothing was changed", "fields": fields } })),
            )
                .into_response();
        }
        let message = match status {
            StatusCode::NOT_FOUND => "no such record".to_string(),
            StatusCode::UNAUTHORIZED => {
                "a valid API token is required (Authorization: Bearer bkm_…)".to_string()
            }
            StatusCode::BAD_REQUEST => "the request could not be read".to_string(),
            StatusCode::METHOD_NOT_ALLOWED => "this endpoint does not answer that method".to_string(),
            StatusCode::PAYLOAD_TOO_LARGE => format!(
                "the request body is larger than {} MB; nothing was changed",
                crate::extract::MAX_JSON_BODY_BYTES / (1024 * 1024)
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                "send the body as JSON (Content-Type: application/json); nothing was changed".to_string()
            }
            StatusCode::FORBIDDEN => "the CSRF token is missing or wrong".to_string(),
            StatusCode::SERVICE_UNAVAILABLE if self.0.is_unavailable() => {
                format!(
                    "the database is unavailable; nothing was changed, try again in {RETRY_AFTER_SECONDS} seconds"
                )
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                format!("too busy; nothing was changed, try again in {RETRY_AFTER_SECONDS} seconds")
            }
            _ => "the request could not be processed; nothing was changed".to_string(),
        };
        let mut response =
            (status, Json(json!({ "error": { "code": code, "message": message } }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            // RFC 6750: a 401 names the scheme the client should use.
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"bangkom\""));
        }
        with_retry_after(status, response)
    }
}

impl From<bangkom_entities::auth::password::GateError> for AppError {
    fn from(err: bangkom_entities::auth::password::GateError) -> Self {
        use bangkom_entities::auth::password::GateError;
        match err {
            GateError::Busy => AppError::Busy,
            GateError::Failed => AppError::Internal(anyhow::Error::new(err)),
        }
    }
}

impl From<bangkom_entities::validation::WriteError> for AppError {
    fn from(err: bangkom_entities::validation::WriteError) -> Self {
        use bangkom_entities::validation::WriteError;
        match err {
            WriteError::Invalid(problems) => AppError::Invalid(problems.into()),
            WriteError::NotFound => AppError::NotFound,
            WriteError::Db(err) => AppError::Database(err),
        }
    }
}
