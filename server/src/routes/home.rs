use axum::extract::State;
use maud::Markup;

use crate::error::AppError;
use crate::state::AppState;
use crate::views;
use crate::web::Visitor;

/// Staff see the region's figures; others see what Bangkom is and how to sign in (the
/// employee's own page grows with the training work).
pub async fn show(State(state): State<AppState>, visitor: Visitor) -> Result<Markup, AppError> {
    if !visitor.actor.as_ref().is_some_and(|a| a.is_staff()) {
        return Ok(views::home::welcome(&visitor.chrome()));
    }
    let summary = bangkom_entities::summary::region_summary(&state.db).await?;
    Ok(views::home::render(
        &visitor.chrome(),
        &views::home::Summary {
            agencies: summary.agencies,
            employees: summary.active_employees,
            competencies: summary.competencies,
            programs: summary.programs,
            open_batches: summary.open_batches,
        },
    ))
}

pub async fn not_found(headers: axum::http::HeaderMap) -> AppError {
    AppError::NotFound.in_lang(crate::web::visitor_lang(&headers))
}
