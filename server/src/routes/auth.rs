//! Signing in and out, and resetting a forgotten password.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use bangkom_entities::auth::sign_in::{self, SignInError};
use bangkom_entities::auth::{resets, sessions, tokens};
use bangkom_entities::email::Email;
use bangkom_entities::enums::Locale;
use bangkom_entities::{accounts, tx};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::auth::{client, next, password};
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::state::AppState;
use crate::views;
use crate::web::{CookiePolicy, CsrfForm, Visitor, redirect_with_flash};

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    identifier: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Where to go after signing in: `next` when it is a path on this site, else home.
fn after_sign_in(next: &str) -> Redirect {
    Redirect::to(&next::same_site_path(next).unwrap_or_else(|| paths::HOME.to_owned()))
}

pub async fn login_form(visitor: Visitor, Query(query): Query<NextQuery>) -> Response {
    if visitor.actor.is_some() {
        return after_sign_in(&query.next).into_response();
    }
    views::auth::login(&visitor.chrome(), "", &query.next, None).into_response()
}

pub async fn login(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    visitor: Visitor,
    jar: CookieJar,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let chrome = visitor.chrome();
    let refuse = |status: StatusCode, message: String| {
        (status, views::auth::login(&chrome, &form.identifier, &form.next, Some(&message))).into_response()
    };
    let previous = jar.get(policy.session_name()).map(|c| c.value().to_owned());
    let attempt = sign_in::Attempt {
        identifier: &form.identifier,
        password: &form.password,
        client: client::address(peer.ip(), &headers, &state.settings.trusted_proxies),
        previous_session: previous.as_deref(),
        now: Utc::now(),
    };
    match sign_in::sign_in(&state.db, &state.passwords, attempt).await {
        Ok(signed_in) => {
            let cookie = signed_in.session.cookie_value;
            // A new session, and with it a new CSRF token: tokens seen before sign-in are dead.
            let jar = jar
                .add(policy.cookie(
                    policy.session_name(),
                    cookie.clone(),
                    Some(sessions::ABSOLUTE_TIMEOUT.num_seconds()),
                ))
                .add(policy.cookie(policy.csrf_name(), state.csrf_key.for_session(&cookie), None));
            Ok((jar, after_sign_in(&form.next)).into_response())
        }
        Err(SignInError::Missing) => {
            Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, Msg::LoginMissing.text(lang).to_owned()))
        }
        Err(SignInError::Failed) => {
            Ok(refuse(StatusCode::UNAUTHORIZED, Msg::LoginFailed.text(lang).to_owned()))
        }
        Err(SignInError::Locked(until)) => {
            Ok(refuse(StatusCode::TOO_MANY_REQUESTS, locked_message(&state, lang, until)))
        }
        Err(SignInError::Busy) => Err(AppError::Busy.in_lang(lang)),
        Err(SignInError::Db(err)) => Err(AppError::Database(err).in_lang(lang)),
    }
}

fn locked_message(state: &AppState, lang: Lang, until: DateTime<Utc>) -> String {
    let local = until.with_timezone(&state.settings.timezone);
    Msg::LoginLocked.fill(lang, &[("time", &local.format("%H:%M %Z").to_string())])
}

#[derive(Deserialize)]
pub struct Empty {}

pub async fn logout(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    jar: CookieJar,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    if let Some(cookie) = jar.get(policy.session_name()) {
        sessions::end(&state.db, cookie.value()).await?;
    }
    // The session's CSRF token dies with it; the next page hands out an anonymous one.
    let jar = jar.add(policy.cookie(policy.session_name(), "", Some(0))).add(policy.cookie(
        policy.csrf_name(),
        state.csrf_key.new_anonymous(),
        None,
    ));
    Ok((jar, redirect_with_flash(policy, paths::LOGIN, Msg::LoggedOut)).into_response())
}

pub async fn forgot_form(visitor: Visitor) -> Response {
    views::auth::forgot(&visitor.chrome(), false).into_response()
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// Always answers the same, whether or not the address has an account. Requests are counted
/// per client (too many: 429) and mails per account (too many: the same answer, no mail), so
/// nobody can flood a mailbox.
pub async fn forgot(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    visitor: Visitor,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> Result<Response, AppError> {
    let client = client::address(peer.ip(), &headers, &state.settings.trusted_proxies);
    let now = Utc::now();
    match resets::request_allowed(&state.db, client, now).await? {
        resets::RequestCheck::Allowed => {}
        resets::RequestCheck::TooMany => {
            return Ok((StatusCode::TOO_MANY_REQUESTS, views::auth::forgot_refused(&visitor.chrome()))
                .into_response());
        }
    }
    if let Ok(email) = Email::parse(&form.email)
        && let Some(user) = accounts::find_for_login(&state.db, email.as_str()).await?
        && user.is_active
        && resets::mail_allowed(&state.db, user.id, now).await?
    {
        let name = accounts::display_name(&state.db, &user).await?;
        let lang = match user.locale {
            Locale::Id => Lang::Id,
            Locale::En => Lang::En,
        };
        // The reset and its e-mail are written together: both or neither.
        let txn = tx::begin_write(&state.db).await?;
        let (reset_id, secret) = resets::create(&txn, user.id, now).await?;
        let link = state
            .settings
            .base_url
            .join(&format!("{}/{secret}", paths::RESET_PASSWORD.trim_start_matches('/')))
            .map_err(|e| AppError::Internal(e.into()))?;
        let message =
            bangkom_jobs::messages::password_reset::compose(lang, &user.email, &name, link.as_str());
        bangkom_jobs::outbox::enqueue(&txn, &format!("password-reset:{reset_id}"), &message, &[], now)
            .await?;
        txn.commit().await?;
    }
    Ok(views::auth::forgot(&visitor.chrome(), true).into_response())
}

fn reset_action(secret: &str) -> String {
    format!("{}/{secret}", paths::RESET_PASSWORD)
}

pub async fn reset_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    Ok(match resets::find(&state.db, &secret, Utc::now()).await? {
        resets::ResetLookup::Valid(_) => {
            views::auth::reset(&visitor.chrome(), &reset_action(&secret), None).into_response()
        }
        resets::ResetLookup::Invalid => {
            (StatusCode::GONE, views::auth::reset_invalid(&visitor.chrome())).into_response()
        }
    })
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
    /// The page's checkbox, ticked by default.
    #[serde(default)]
    revoke_tokens: Option<String>,
}

pub async fn reset(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    visitor: Visitor,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<Response, AppError> {
    let chrome = visitor.chrome();
    let now = Utc::now();
    let resets::ResetLookup::Valid(user) = resets::find(&state.db, &secret, now).await? else {
        return Ok((StatusCode::GONE, views::auth::reset_invalid(&chrome)).into_response());
    };
    let problem = if form.password.chars().count() < password::MIN_PASSWORD_LENGTH {
        Some(Msg::PasswordTooShort)
    } else if form.password != form.confirm {
        Some(Msg::PasswordMismatch)
    } else {
        None
    };
    if let Some(problem) = problem {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            views::auth::reset(&chrome, &reset_action(&secret), Some(problem)),
        )
            .into_response());
    }
    let hash =
        state.passwords.hash(form.password.clone()).await?.map_err(|e| AppError::Internal(e.into()))?;

    let txn = tx::begin_write(&state.db).await?;
    if !resets::consume(&txn, &secret, now).await? {
        txn.rollback().await?;
        return Ok((StatusCode::GONE, views::auth::reset_invalid(&chrome)).into_response());
    }
    // Also ends every other outstanding reset link.
    accounts::set_password_hash(&txn, user.id, hash, now).await?;
    // A new password signs out every session, wherever it is.
    sessions::end_all(&txn, user.id).await?;
    if form.revoke_tokens.is_some() {
        tokens::revoke_all(&txn, user.id, now).await?;
    }
    txn.commit().await?;
    Ok(redirect_with_flash(policy, paths::LOGIN, Msg::ResetDone))
}
