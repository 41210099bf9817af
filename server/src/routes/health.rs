use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    status: &'static str,
    /// `ok`, or why the database did not answer.
    database: String,
}

/// The health check's own deadline: a load balancer must hear back even when the database
/// does not (the pool's acquire timeout is longer).
const HEALTH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// Liveness and readiness: answers 200 when the database answers and can take a write, 503
/// when it does not, within [`HEALTH_TIMEOUT`].
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses(
        (status = 200, description = "The service and its database answer", body = Health),
        (status = 503, description = "The database does not answer", body = Health)
    )
)]
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let checked = match tokio::time::timeout(HEALTH_TIMEOUT, bangkom_entities::health::check(&state.db)).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {} s", HEALTH_TIMEOUT.as_secs())),
    };
    match checked {
        Ok(()) => (StatusCode::OK, Json(Health { status: "ok", database: "ok".into() })),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health { status: "unavailable", database: err }),
            )
        }
    }
}
