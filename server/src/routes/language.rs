use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use crate::routes::paths;
use crate::web::{CookiePolicy, LANG_COOKIE};

#[derive(Deserialize)]
pub struct Switch {
    to: String,
}

/// Remembers the chosen language in a cookie and goes back to the home page.
pub async fn switch(
    State(policy): State<CookiePolicy>,
    jar: CookieJar,
    Query(switch): Query<Switch>,
) -> impl IntoResponse {
    let code = if switch.to == "en" { "en" } else { "id" };
    (jar.add(policy.cookie(LANG_COOKIE, code, Some(31_536_000))), Redirect::to(paths::HOME))
}
