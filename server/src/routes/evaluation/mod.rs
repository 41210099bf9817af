//! The evaluation area: answering surveys (public, by personal link), survey templates and
//! results for staff, and the results API.

mod answer;
mod api;
mod results;
mod templates;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;
pub use crate::views::evaluation::paths;

/// The pages of this area.
pub fn pages() -> Router<AppState> {
    let t = paths::TEMPLATES;
    Router::new()
        .route(&format!("{}/{{secret}}", paths::ANSWER), get(answer::show).post(answer::submit))
        .route(paths::HOME, get(results::overview))
        .route(&format!("{}/{{id}}", paths::PROGRAM), get(results::program))
        .route(&format!("{}/{{id}}/hasil.csv", paths::PROGRAM), get(results::program_csv))
        .route(t, get(templates::list))
        .route(paths::TEMPLATE_COPY, post(templates::copy))
        .route(&format!("{t}/{{id}}"), get(templates::show).post(templates::rename))
        .route(&format!("{t}/{{id}}/hapus"), post(templates::delete))
        .route(&format!("{t}/{{id}}/pertanyaan"), post(templates::add_question))
        .route(&format!("{t}/{{id}}/pertanyaan/{{question}}"), post(templates::update_question))
        .route(&format!("{t}/{{id}}/pertanyaan/{{question}}/hapus"), post(templates::remove_question))
        .route(&format!("{t}/{{id}}/pertanyaan/{{question}}/naik"), post(templates::move_up))
}

/// The JSON API of this area, documented in the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::programs)).routes(routes!(api::program_results))
}
