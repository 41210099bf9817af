//! Region-wide counts for the landing page.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use crate::enums::{AgencyKind, BatchStatus};
use crate::schema::{agencies, competencies, employees, training_batches, training_programs};

pub struct RegionSummary {
    pub agencies: u64,
    pub active_employees: u64,
    pub competencies: u64,
    pub programs: u64,
    pub open_batches: u64,
}

pub async fn region_summary<C: ConnectionTrait>(db: &C) -> Result<RegionSummary, DbErr> {
    Ok(RegionSummary {
        agencies: agencies::Entity::find()
            .filter(agencies::Column::Kind.eq(AgencyKind::Agency))
            .count(db)
            .await?,
        active_employees: employees::Entity::find()
            .filter(employees::Column::IsActive.eq(true))
            .count(db)
            .await?,
        competencies: competencies::Entity::find()
            .filter(competencies::Column::IsActive.eq(true))
            .count(db)
            .await?,
        programs: training_programs::Entity::find()
            .filter(training_programs::Column::IsActive.eq(true))
            .count(db)
            .await?,
        open_batches: training_batches::Entity::find()
            .filter(training_batches::Column::Status.eq(BatchStatus::Open))
            .count(db)
            .await?,
    })
}
