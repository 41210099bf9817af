//! The staff area (admins and agency operators), one module per resource.

pub mod agencies;
pub mod audit;
mod common;
pub mod competencies;
pub mod employees;
pub mod import;
pub mod operations;
pub mod positions;
pub mod users;

use axum::Router;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// The staff pages.
pub fn pages() -> Router<AppState> {
    Router::new()
        .merge(agencies::pages())
        .merge(positions::pages())
        .merge(competencies::pages())
        .merge(employees::pages())
        .merge(users::pages())
        .merge(import::pages())
        .merge(audit::pages())
        .merge(operations::pages())
}

/// The staff JSON API, documented in the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(agencies::api())
        .merge(positions::api())
        .merge(competencies::api())
        .merge(employees::api())
        .merge(users::api())
        .merge(import::api())
        .merge(audit::api())
        .merge(operations::api())
}
