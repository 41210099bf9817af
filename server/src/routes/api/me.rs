use axum::Json;
use axum::extract::State;
use bangkom_entities::accounts;
use bangkom_entities::enums::{Locale, Role};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, AppError};
use crate::state::AppState;
use crate::web::ApiActor;

#[derive(Serialize, ToSchema)]
pub struct Me {
    id: i64,
    email: String,
    #[schema(value_type = String, example = "admin")]
    role: Role,
    #[schema(value_type = String, example = "id")]
    locale: Locale,
    employee: Option<MeEmployee>,
}

#[derive(Serialize, ToSchema)]
pub struct MeEmployee {
    id: i64,
    nip: String,
    name: String,
    agency_id: i64,
}

/// The account the token belongs to.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The token's account", body = Me),
        (status = 401, description = "Missing, unknown or revoked token")
    )
)]
pub async fn me(State(state): State<AppState>, ApiActor(actor): ApiActor) -> Result<Json<Me>, ApiError> {
    let profile = accounts::profile(&state.db, actor.user_id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(Me {
        id: profile.user.id,
        email: profile.user.email,
        role: profile.user.role,
        locale: profile.user.locale,
        employee: profile.employee.map(|e| MeEmployee {
            id: e.id,
            nip: e.nip,
            name: e.name,
            agency_id: e.agency_id,
        }),
    }))
}
