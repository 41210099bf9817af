//! Cross-cutting web plumbing: cookies, the CSRF token, flash messages, security headers and
//! the visitor (signed in or not). Handlers get all of it through extractors.

use axum::body::Body;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use bangkom_entities::auth::{constant_time_eq, sessions};
use bangkom_entities::enums::Locale;
use bangkom_entities::policy::{Action, Actor};
use serde::de::DeserializeOwned;

use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::state::AppState;

pub const LANG_COOKIE: &str = "bangkom_lang";
const FLASH_COOKIE: &str = "bangkom_flash";
/// The name of the hidden field every form carries.
pub const CSRF_FIELD: &str = "csrf";

/// Cookie names and attributes. Served over HTTPS, the cookies are `Secure` and the
/// session and CSRF cookies `__Host-`-prefixed (bound to this host, not settable by a
/// sibling subdomain).
#[derive(Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    pub fn session_name(self) -> &'static str {
        if self.secure { "__Host-bangkom_session" } else { "bangkom_session" }
    }

    pub fn csrf_name(self) -> &'static str {
        if self.secure { "__Host-bangkom_csrf" } else { "bangkom_csrf" }
    }

    /// A cookie with the application's attributes: whole site, not readable by scripts,
    /// not sent on cross-site subrequests, `Secure` over HTTPS.
    pub fn cookie(
        self,
        name: &str,
        value: impl Into<String>,
        max_age_seconds: Option<i64>,
    ) -> Cookie<'static> {
        let mut cookie = Cookie::build((name.to_owned(), value.into()))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure);
        if let Some(age) = max_age_seconds {
            cookie = cookie.max_age(cookie::time::Duration::seconds(age));
        }
        cookie.build()
    }

    pub fn set(self, name: &str, value: &str, max_age_seconds: Option<i64>) -> HeaderValue {
        header_value(&self.cookie(name, value, max_age_seconds))
    }

    pub fn clear(self, name: &str) -> HeaderValue {
        self.set(name, "", Some(0))
    }
}

/// A `Set-Cookie` value; the cookie crate percent-encodes, so it is always a valid header.
fn header_value(cookie: &Cookie<'_>) -> HeaderValue {
    HeaderValue::try_from(cookie.encoded().to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

impl FromRef<AppState> for CookiePolicy {
    fn from_ref(state: &AppState) -> Self {
        CookiePolicy { secure: state.settings.base_url.scheme() == "https" }
    }
}

pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers).get(name).map(|c| c.value().to_owned()).filter(|v| !v.is_empty())
}

/// The token this request's forms must carry: the HMAC of its session when it has a session
/// cookie, else the anonymous token in its CSRF cookie if this server made it. A cookie the
/// visitor (or an attacker) wrote themselves matches nothing.
pub fn expected_csrf(headers: &HeaderMap, state: &AppState) -> Option<String> {
    let policy = CookiePolicy::from_ref(state);
    if let Some(session) = read_cookie(headers, policy.session_name()) {
        return Some(state.csrf_key.for_session(&session));
    }
    read_cookie(headers, policy.csrf_name()).filter(|token| state.csrf_key.is_anonymous(token))
}

/// This request's CSRF token (bound to its session, or a new anonymous one).
#[derive(Clone)]
pub struct CsrfToken(pub String);

/// A message to show once on the next page (after a redirect).
#[derive(Clone, Copy)]
pub struct Flash(pub Msg);

/// Gives every request a CSRF token and its flash message, and sets or clears their cookies.
pub async fn csrf_and_flash(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let policy = CookiePolicy::from_ref(&state);
    let sent = read_cookie(request.headers(), policy.csrf_name());
    let token = expected_csrf(request.headers(), &state).unwrap_or_else(|| state.csrf_key.new_anonymous());
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let flash = read_cookie(request.headers(), FLASH_COOKIE)
        .and_then(|name| Msg::ALL.iter().find(|m| format!("{m:?}") == name).copied());
    if let Some(msg) = flash {
        request.extensions_mut().insert(Flash(msg));
    }
    let is_get = request.method() == Method::GET;
    let mut response = next.run(request).await;
    // The cookie mirrors the token for the forms; a sign-in or sign-out sets its own.
    let handler_set_it = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| Cookie::parse(v.to_str().ok()?.to_owned()).ok())
        .any(|c| c.name() == policy.csrf_name());
    if sent.as_deref() != Some(token.as_str()) && !handler_set_it {
        response.headers_mut().append(header::SET_COOKIE, policy.set(policy.csrf_name(), &token, None));
    }
    // A flash is shown by the first page rendered after it was set.
    if flash.is_some() && is_get && response.status() == StatusCode::OK {
        response.headers_mut().append(header::SET_COOKIE, policy.clear(FLASH_COOKIE));
    }
    response
}

/// A redirect that shows `msg` on the page it lands on.
pub fn redirect_with_flash(policy: CookiePolicy, to: &str, msg: Msg) -> Response {
    let mut response = Redirect::to(to).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, policy.set(FLASH_COOKIE, &format!("{msg:?}"), Some(300)));
    response
}

/// The browser's or chosen language, for visitors who are not signed in.
pub fn visitor_lang(headers: &HeaderMap) -> Lang {
    match read_cookie(headers, LANG_COOKIE).as_deref() {
        Some("en") => Lang::En,
        Some(_) => Lang::Id,
        None => {
            Lang::from_accept_language(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
        }
    }
}

/// Who is asking, in which language, with the token their forms must carry.
#[derive(Clone)]
pub struct Visitor {
    pub actor: Option<Actor>,
    pub lang: Lang,
    pub csrf: String,
    pub flash: Option<Msg>,
    /// The path and query asked for, to come back to after signing in.
    pub path: String,
    /// The deployment's time zone, for dates shown to people.
    pub tz: chrono_tz::Tz,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let policy = CookiePolicy::from_ref(state);
        let mut lang = visitor_lang(&parts.headers);
        let actor = match read_cookie(&parts.headers, policy.session_name()) {
            None => None,
            Some(cookie) => match sessions::resume(&state.db, &cookie, chrono::Utc::now()).await? {
                None => None,
                Some((_, user)) => {
                    // A signed-in user's own choice wins over the browser's; a language
                    // picked just now (cookie) wins over both.
                    if read_cookie(&parts.headers, LANG_COOKIE).is_none() {
                        lang = match user.locale {
                            Locale::Id => Lang::Id,
                            Locale::En => Lang::En,
                        };
                    }
                    Some(Actor::for_user(&state.db, &user).await?)
                }
            },
        };
        Ok(Visitor {
            actor,
            lang,
            csrf: parts.extensions.get::<CsrfToken>().map(|t| t.0.clone()).unwrap_or_default(),
            flash: parts.extensions.get::<Flash>().map(|f| f.0),
            path: parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".into()),
            tz: state.settings.timezone,
        })
    }
}

/// A signed-in visitor. Anyone else is sent to the sign-in page, and back afterwards.
pub struct SignedIn {
    pub actor: Actor,
    pub visitor: Visitor,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let visitor = Visitor::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        match visitor.actor.clone() {
            Some(actor) => Ok(SignedIn { actor, visitor }),
            None => {
                let next = url::form_urlencoded::byte_serialize(visitor.path.as_bytes()).collect::<String>();
                Err(Redirect::to(&format!("{}?next={next}", paths::LOGIN)).into_response())
            }
        }
    }
}

/// A signed-in member of staff (admin or agency operator). Anyone else signed in gets 404:
/// the staff area does not exist for them.
pub struct Staff {
    pub actor: Actor,
    pub visitor: Visitor,
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let SignedIn { actor, visitor } = SignedIn::from_request_parts(parts, state).await?;
        if actor.may(Action::UseStaffPages) {
            Ok(Staff { actor, visitor })
        } else {
            Err(AppError::NotFound.in_lang(visitor.lang).into_response())
        }
    }
}

/// The caller of a JSON API endpoint, authenticated by a personal API token
/// (`Authorization: Bearer bkm_…`). Missing, unknown or revoked tokens get 401.
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = crate::error::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthenticated)?;
        let user = bangkom_entities::auth::tokens::authenticate(&state.db, presented, chrono::Utc::now())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(ApiActor(Actor::for_user(&state.db, &user).await?))
    }
}

/// The caller of a staff-only JSON API endpoint: an [`ApiActor`] the policy lets use the
/// staff area. Anyone else is told the endpoint's records do not exist (404), as on pages.
pub struct ApiStaff(pub Actor);

impl FromRequestParts<AppState> for ApiStaff {
    type Rejection = crate::error::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ApiActor(actor) = ApiActor::from_request_parts(parts, state).await?;
        if actor.may(Action::UseStaffPages) { Ok(ApiStaff(actor)) } else { Err(AppError::NotFound.into()) }
    }
}

/// A form whose hidden `csrf` field must match the visitor's token ([`expected_csrf`]); anything else is
/// refused with 403 before the handler runs. Fields are parsed leniently (strings), so the
/// handler can report every mistake at once.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request<Body>, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = visitor_lang(request.headers());
        let expected = expected_csrf(request.headers(), state);
        let bytes =
            axum::body::Bytes::from_request(request, state).await.map_err(IntoResponse::into_response)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let submitted = pairs.iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v.as_str());
        match (expected, submitted) {
            (Some(expected), Some(given)) if constant_time_eq(&expected, given) => {}
            _ => return Err(AppError::CsrfRejected.in_lang(lang).into_response()),
        }
        serde_urlencoded::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|_| AppError::BadRequest.in_lang(lang).into_response())
    }
}

/// Headers every response carries: a content security policy the app's own pages satisfy
/// (no inline script or style, nothing from elsewhere), no framing, no sniffing, and no
/// referrer (links with personal tokens must not leak). Nothing is stored by browsers or
/// proxies (`Cache-Control: no-store`) unless the handler says otherwise (the stylesheet):
/// pages carry personal data, CSRF tokens, exports and newly created API tokens.
pub async fn security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if state.settings.base_url.scheme() == "https" {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}
