use axum::Router;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// The pages of this area.
pub fn pages() -> Router<AppState> {
    Router::new()
}

/// The JSON API of this area, documented in the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}
