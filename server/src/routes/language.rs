use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use crate::routes::paths;
use crate::web::LANG_COOKIE;

#[derive(Deserialize)]
pub struct Switch {
    to: String,
}

/// Remembers the chosen language in a cookie and goes back to the home page.
pub async fn switch(Query(switch): Query<Switch>) -> impl IntoResponse {
    let code = if switch.to == "en" { "en" } else { "id" };
    (
        [(
            header::SET_COOKIE,
            format!("{LANG_COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"),
        )],
        Redirect::to(paths::HOME),
    )
}
