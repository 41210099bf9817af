//! Answering a survey through the personal link in the e-mail: no sign-in, the recipient's
//! language (their account's choice, else Indonesian; a language picked with the switch on
//! the page wins), one submission only.
//!
//! Statuses: 200 for the form and the thank-you page, 422 with the messages beside the
//! questions (nothing stored), 409 for a second submission, 410 for an expired link, 404 for
//! an unknown one.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bangkom_entities::surveys::answering::{self, Opened, Submitted};
use chrono::{DateTime, Utc};

use super::paths;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::state::AppState;
use crate::views::evaluation::answer as view;
use crate::views::format;
use crate::views::layout::Chrome;
use crate::web::{CsrfForm, LANG_COOKIE, Visitor, read_cookie};

/// The language of the page: one picked with the language switch, else the recipient's.
fn page_lang(headers: &HeaderMap, visitor: &Visitor, recipient: Lang) -> Lang {
    if read_cookie(headers, LANG_COOKIE).is_some() { visitor.lang } else { recipient }
}

fn chrome(visitor: &Visitor, lang: Lang) -> Chrome<'_> {
    Chrome { lang, ..visitor.chrome() }
}

/// Survey pages carry a personal secret: never cached.
fn respond(status: StatusCode, markup: maud::Markup) -> Response {
    let mut response = (status, markup).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn answered(visitor: &Visitor, lang: Lang, status: StatusCode) -> Response {
    let body = Msg::EvalSurveyAnsweredBody.text(lang);
    respond(status, view::notice(&chrome(visitor, lang), Msg::EvalSurveyAnsweredTitle, body, None))
}

fn expired(visitor: &Visitor, lang: Lang, expires_at: DateTime<Utc>) -> Response {
    let deadline = format::datetime(expires_at, visitor.tz, lang);
    let body = Msg::EvalSurveyExpiredBody.fill(lang, &[("deadline", &deadline)]);
    respond(StatusCode::GONE, view::notice(&chrome(visitor, lang), Msg::EvalSurveyExpiredTitle, &body, None))
}

fn unknown(visitor: &Visitor) -> Response {
    let lang = visitor.lang;
    let body = Msg::EvalSurveyUnknownBody.text(lang);
    respond(
        StatusCode::NOT_FOUND,
        view::notice(&chrome(visitor, lang), Msg::EvalSurveyUnknownTitle, body, None),
    )
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    Ok(match answering::open(&state.db, &secret, Utc::now()).await? {
        None => unknown(&visitor),
        Some(Opened::Answered { lang, .. }) => {
            answered(&visitor, page_lang(&headers, &visitor, lang), StatusCode::OK)
        }
        Some(Opened::Expired { lang, expires_at }) => {
            expired(&visitor, page_lang(&headers, &visitor, lang), expires_at)
        }
        Some(Opened::Open(survey)) => {
            let lang = page_lang(&headers, &visitor, survey.lang);
            let action = format!("{}/{secret}", paths::ANSWER);
            let page = view::form(
                &chrome(&visitor, lang),
                &view::FormPage {
                    survey: &survey,
                    action: &action,
                    values: &HashMap::new(),
                    errors: &[],
                    tz: visitor.tz,
                },
            );
            respond(StatusCode::OK, page)
        }
    })
}

pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let now = Utc::now();
    let today = now.with_timezone(&visitor.tz).date_naive();
    let outcome = answering::submit(&state.db, &secret, &form, now, today)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(match outcome {
        Submitted::Unknown => unknown(&visitor),
        Submitted::AlreadyAnswered { lang, .. } => {
            answered(&visitor, page_lang(&headers, &visitor, lang), StatusCode::CONFLICT)
        }
        Submitted::Expired { lang, expires_at } => {
            expired(&visitor, page_lang(&headers, &visitor, lang), expires_at)
        }
        Submitted::Invalid { survey, errors } => {
            let lang = page_lang(&headers, &visitor, survey.lang);
            let action = format!("{}/{secret}", paths::ANSWER);
            let page = view::form(
                &chrome(&visitor, lang),
                &view::FormPage {
                    survey: &survey,
                    action: &action,
                    values: &form,
                    errors: &errors,
                    tz: visitor.tz,
                },
            );
            respond(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
        Submitted::Saved { lang, assessments } => {
            let lang = page_lang(&headers, &visitor, lang);
            let extra = (assessments > 0).then(|| Msg::EvalSurveyThanksAssessed.text(lang));
            let body = Msg::EvalSurveyThanksBody.text(lang);
            respond(
                StatusCode::OK,
                view::notice(&chrome(&visitor, lang), Msg::EvalSurveyThanksTitle, body, extra),
            )
        }
    })
}
