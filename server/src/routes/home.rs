use axum::extract::State;
use bangkom_entities::policy::Action;
use maud::Markup;

use crate::error::AppError;
use crate::state::AppState;
use crate::views;
use crate::web::Visitor;

/// Staff see the region's figures; a signed-in employee sees their JP this year, their
/// trainings and the open batches that fit them; others see what Bangkom is and how to sign in.
pub async fn show(State(state): State<AppState>, visitor: Visitor) -> Result<Markup, AppError> {
    if !visitor.actor.as_ref().is_some_and(|a| a.may(Action::UseStaffPages)) {
        let employee = match visitor.actor.as_ref().and_then(|a| a.employee_id) {
            Some(id) => bangkom_entities::employees::find(&state.db, id).await?,
            None => None,
        };
        let home = match employee {
            Some(e) => {
                let now = chrono::Utc::now();
                let year = bangkom_entities::training::recap::default_year(now, visitor.tz);
                Some(bangkom_entities::training::recap::home(&state.db, e, year, now).await?)
            }
            None => None,
        };
        return Ok(views::home::welcome(&visitor.chrome(), home.as_ref(), &state.settings.training));
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
