//! Checks every request makes before any handler sees it: no NUL or other control character
//! (except tab and line breaks, see [`is_refused_char`]) in a query value, a form field or a
//! JSON string. PostgreSQL refuses NUL in text while SQLite stores it, so without this the
//! same input was a 500 on one database and a stored NUL on the other. The answer is a 422
//! naming each field: the API's JSON error shape under `/api/`, an error page elsewhere.

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bangkom_entities::validation::{Problem, has_refused_chars};
use serde_json::Value;

use crate::error::{ApiError, AppError};
use crate::extract::MAX_JSON_BODY_BYTES;
use crate::forms::FieldErrors;
use crate::i18n::Msg;
use crate::web::visitor_lang;

#[cfg(doc)]
use bangkom_entities::validation::is_refused_char;

pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    // The JSON API lives under /api/ (its document too).
    let api = request.uri().path().starts_with("/api/");
    let reject = |error: AppError, request: &Request| -> Response {
        if api {
            ApiError(error).into_response()
        } else {
            error.in_lang(visitor_lang(request.headers())).into_response()
        }
    };
    let mut problems = Vec::new();
    if let Some(query) = request.uri().query() {
        check_pairs(query.as_bytes(), &mut problems);
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.to_ascii_lowercase())
        .unwrap_or_default();
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    let json = content_type.starts_with("application/json");
    let request = if form || json {
        let (parts, body) = request.into_parts();
        let bytes = match read_limited(body).await {
            Read::Whole(bytes) => bytes,
            Read::TooLarge => {
                return reject(AppError::PayloadTooLarge, &Request::from_parts(parts, Body::empty()));
            }
            Read::Broken => return reject(AppError::BadRequest, &Request::from_parts(parts, Body::empty())),
        };
        if form {
            check_pairs(&bytes, &mut problems);
        } else if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            // A body that is not JSON is left to the handler's extractor to name.
            check_json(&value, String::new(), &mut problems);
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        request
    };
    if problems.is_empty() {
        next.run(request).await
    } else {
        reject(AppError::Invalid(FieldErrors(problems)), &request)
    }
}

/// A body too large is still read to its end (and thrown away) up to this many bytes, so
/// the client, still sending, reads the 413 instead of a reset connection.
const DRAIN_LIMIT: usize = 128 * 1024 * 1024;

enum Read {
    Whole(Bytes),
    TooLarge,
    Broken,
}

async fn read_limited(mut body: Body) -> Read {
    let mut kept = Vec::new();
    let mut seen = 0usize;
    loop {
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
        let chunk = match frame {
            None => break,
            Some(Err(_)) => return Read::Broken,
            Some(Ok(frame)) => match frame.into_data() {
                Ok(chunk) => chunk,
                Err(_) => continue,
            },
        };
        seen += chunk.len();
        if seen > DRAIN_LIMIT {
            return Read::TooLarge;
        }
        if seen <= MAX_JSON_BODY_BYTES {
            kept.extend_from_slice(&chunk);
        }
    }
    if seen > MAX_JSON_BODY_BYTES { Read::TooLarge } else { Read::Whole(Bytes::from(kept)) }
}

/// `key=value&…` pairs (a query string, a form body); not decodable: left to the handler.
fn check_pairs(raw: &[u8], problems: &mut Vec<Problem>) {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(raw) else { return };
    for (key, value) in pairs {
        // `next` is where to go after signing in: never stored, and the sign-in sends any
        // target with a control character home on its own (`auth::next`).
        if key == "next" && !has_refused_chars(&key) {
            continue;
        }
        if has_refused_chars(&value) || has_refused_chars(&key) {
            refuse(sanitised(&key), problems);
        }
    }
}

/// Every string of a JSON document (and every key), named by its path: `name`,
/// `items[2].notes`.
fn check_json(value: &Value, path: String, problems: &mut Vec<Problem>) {
    match value {
        Value::String(s) if has_refused_chars(s) => {
            refuse(if path.is_empty() { "body".into() } else { path }, problems)
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_json(item, format!("{path}[{i}]"), problems);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let name = sanitised(key);
                let child = if path.is_empty() { name } else { format!("{path}.{name}") };
                if has_refused_chars(key) {
                    refuse(child, problems);
                } else {
                    check_json(item, child, problems);
                }
            }
        }
        _ => {}
    }
}

/// A field name safe to echo back: control characters shown as `\u{…}`.
fn sanitised(key: &str) -> String {
    key.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

fn refuse(field: String, problems: &mut Vec<Problem>) {
    if !problems.iter().any(|p| p.field == field) {
        problems.push(Problem::named(field, Msg::ControlCharacters));
    }
}
