//! Signing in and out, and resetting a forgotten password.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use bangkom_entities::auth::{resets, sessions, throttle};
use bangkom_entities::email::Email;
use bangkom_entities::enums::Locale;
use bangkom_entities::{accounts, tx};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::auth::password;
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::state::AppState;
use crate::views;
use crate::web::{CookiePolicy, CsrfForm, Visitor, read_cookie, redirect_with_flash};

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

/// Only paths on this site are followed after sign-in (no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') { next } else { paths::HOME }
}

pub async fn login_form(visitor: Visitor, Query(query): Query<NextQuery>) -> Response {
    if visitor.actor.is_some() {
        return Redirect::to(safe_next(&query.next)).into_response();
    }
    views::auth::login(&visitor.chrome(), "", &query.next, None).into_response()
}

/// A hash to verify against when the account does not exist, so that the answer takes as
/// long as for a real account.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash("no-such-account-password").unwrap_or_default())
}

pub async fn login(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    visitor: Visitor,
    headers: axum::http::HeaderMap,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, AppError> {
    let lang = visitor.lang;
    let chrome = visitor.chrome();
    let refuse = |status: StatusCode, message: String| {
        (status, views::auth::login(&chrome, &form.identifier, &form.next, Some(&message))).into_response()
    };
    if form.identifier.trim().is_empty() || form.password.is_empty() {
        return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, Msg::LoginMissing.text(lang).to_owned()));
    }
    let now = Utc::now();
    let account_key = throttle::account_key(&form.identifier);
    let address_key = throttle::address_key(&peer.ip().to_string());
    let locked = locked_until(&state, &account_key, &address_key, now).await?;
    if let Some(until) = locked {
        return Ok(refuse(StatusCode::TOO_MANY_REQUESTS, locked_message(&state, lang, until)));
    }

    let user = accounts::find_for_login(&state.db, &form.identifier).await?;
    let stored_hash = user.as_ref().map_or_else(|| dummy_hash().to_owned(), |u| u.password_hash.clone());
    let given = form.password.clone();
    let verified = tokio::task::spawn_blocking(move || password::verify(&given, &stored_hash))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;

    let user = match user {
        Some(user) if verified && user.is_active => user,
        _ => {
            let txn = tx::begin_write(&state.db).await?;
            let failures = throttle::record_failure(&txn, &account_key, throttle::ACCOUNT_LIMIT, now).await?;
            throttle::record_failure(&txn, &address_key, throttle::ADDRESS_LIMIT, now).await?;
            txn.commit().await?;
            // Slow down guessing: each failure in the window adds a little wait.
            tokio::time::sleep(Duration::from_millis(150 * u64::try_from(failures.min(10)).unwrap_or(0)))
                .await;
            if let Some(until) = locked_until(&state, &account_key, &address_key, now).await? {
                return Ok(refuse(StatusCode::TOO_MANY_REQUESTS, locked_message(&state, lang, until)));
            }
            return Ok(refuse(StatusCode::UNAUTHORIZED, Msg::LoginFailed.text(lang).to_owned()));
        }
    };

    let txn = tx::begin_write(&state.db).await?;
    throttle::clear(&txn, &account_key).await?;
    if let Some(old) = read_cookie(&headers, policy.session_name()) {
        sessions::end(&txn, old).await?;
    }
    let session = sessions::start(&txn, user.id, now).await?;
    accounts::record_login(&txn, user.id, now).await?;
    txn.commit().await?;

    let mut response = Redirect::to(safe_next(&form.next)).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        policy.set(
            policy.session_name(),
            &session.cookie_value,
            Some(sessions::ABSOLUTE_TIMEOUT.num_seconds()),
        ),
    );
    Ok(response)
}

async fn locked_until(
    state: &AppState,
    account_key: &str,
    address_key: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let account = throttle::locked_until(&state.db, account_key, now).await?;
    let address = throttle::locked_until(&state.db, address_key, now).await?;
    Ok(account.max(address))
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
    headers: axum::http::HeaderMap,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<Response, AppError> {
    if let Some(cookie) = read_cookie(&headers, policy.session_name()) {
        sessions::end(&state.db, cookie).await?;
    }
    let mut response = redirect_with_flash(policy, paths::LOGIN, Msg::LoggedOut);
    response.headers_mut().append(header::SET_COOKIE, policy.clear(policy.session_name()));
    Ok(response)
}

pub async fn forgot_form(visitor: Visitor) -> Response {
    views::auth::forgot(&visitor.chrome(), false).into_response()
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// Always answers the same, whether or not the address has an account.
pub async fn forgot(
    State(state): State<AppState>,
    visitor: Visitor,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> Result<Response, AppError> {
    if let Ok(email) = Email::parse(&form.email)
        && let Some(user) = accounts::find_for_login(&state.db, email.as_str()).await?
        && user.is_active
    {
        let name = accounts::display_name(&state.db, &user).await?;
        let lang = match user.locale {
            Locale::Id => Lang::Id,
            Locale::En => Lang::En,
        };
        let now = Utc::now();
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
    let new_password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&new_password))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;

    let txn = tx::begin_write(&state.db).await?;
    if !resets::consume(&txn, &secret, now).await? {
        txn.rollback().await?;
        return Ok((StatusCode::GONE, views::auth::reset_invalid(&chrome)).into_response());
    }
    accounts::set_password_hash(&txn, user.id, hash, now).await?;
    // A new password signs out every session, wherever it is.
    sessions::end_all(&txn, user.id).await?;
    txn.commit().await?;
    Ok(redirect_with_flash(policy, paths::LOGIN, Msg::ResetDone))
}
