//! The signed-in user's own page: language preference and personal API tokens.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bangkom_entities::accounts;
use bangkom_entities::auth::tokens;
use bangkom_entities::enums::Locale;
use chrono::Utc;
use serde::Deserialize;

use crate::error::AppError;
use crate::forms::{FieldError, FieldErrors};
use crate::i18n::Msg;
use crate::routes::paths;
use crate::state::AppState;
use crate::views;
use crate::web::{CookiePolicy, CsrfForm, LANG_COOKIE, SignedIn, redirect_with_flash};

async fn render(
    state: &AppState,
    signed_in: &SignedIn,
    new_token: Option<&str>,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let profile = accounts::profile(&state.db, signed_in.actor.user_id).await?.ok_or(AppError::NotFound)?;
    let tokens = tokens::list_for_user(&state.db, signed_in.actor.user_id).await?;
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = views::profile::render(
        &signed_in.visitor.chrome(),
        &views::profile::ProfilePage {
            profile: &profile,
            tokens: &tokens,
            new_token,
            errors,
            tz: signed_in.visitor.tz,
        },
    );
    Ok((status, page).into_response())
}

pub async fn show(State(state): State<AppState>, signed_in: SignedIn) -> Result<Response, AppError> {
    render(&state, &signed_in, None, &FieldErrors::default()).await
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    locale: String,
}

pub async fn set_language(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    signed_in: SignedIn,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<Response, AppError> {
    let locale = Locale::parse(&form.locale).unwrap_or(Locale::Id);
    accounts::set_locale(&state.db, signed_in.actor.user_id, locale).await?;
    let mut response = redirect_with_flash(policy, paths::PROFILE, Msg::LanguageSaved);
    // The stored preference now decides; drop the anonymous visitor's choice.
    response.headers_mut().append(axum::http::header::SET_COOKIE, policy.clear(LANG_COOKIE));
    Ok(response)
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, AppError> {
    match tokens::create(&state.db, signed_in.actor.user_id, &form.name, Utc::now()).await? {
        Ok((_, secret)) => render(&state, &signed_in, Some(&secret), &FieldErrors::default()).await,
        Err(tokens::TokenError::BadName) => {
            let errors = FieldErrors(vec![FieldError::new("name", Msg::TokenBadName)]);
            render(&state, &signed_in, None, &errors).await
        }
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    State(policy): State<CookiePolicy>,
    signed_in: SignedIn,
    crate::extract::PathId(token_id): crate::extract::PathId,
    CsrfForm(_): CsrfForm<crate::routes::auth::Empty>,
) -> Result<Response, AppError> {
    // Only one's own live token can be revoked; anything else does not exist.
    if !tokens::revoke(&state.db, signed_in.actor.user_id, token_id, Utc::now()).await? {
        return Err(AppError::NotFound.in_lang(signed_in.visitor.lang));
    }
    Ok(redirect_with_flash(policy, paths::PROFILE, Msg::TokenRevoked))
}
