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

/// How many outbox messages are in each state (one grouped query).
pub async fn mail_counts<C: ConnectionTrait>(db: &C) -> Result<Vec<(crate::enums::MailState, i64)>, DbErr> {
    use crate::schema::mail_outbox;
    use sea_orm::QuerySelect;
    mail_outbox::Entity::find()
        .select_only()
        .column(mail_outbox::Column::State)
        .column_as(mail_outbox::Column::Id.count(), "n")
        .group_by(mail_outbox::Column::State)
        .into_tuple()
        .all(db)
        .await
}

/// The messages that failed (waiting for a retry, or given up), newest first.
pub async fn failed_mail<C: ConnectionTrait>(
    db: &C,
    limit: u64,
) -> Result<Vec<crate::schema::mail_outbox::Model>, DbErr> {
    use crate::enums::MailState;
    use crate::schema::mail_outbox;
    use sea_orm::{QueryOrder, QuerySelect};
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::State.is_in([MailState::Failed, MailState::Dead]))
        .order_by_desc(mail_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await
}
