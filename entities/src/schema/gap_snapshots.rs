//! A computed competency-gap snapshot.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "gap_snapshots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub job_run_id: Option<i64>,
    pub taken_at: DateTimeUtc,
    pub employees_considered: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `job_run_id` → `job_runs.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::job_runs::Entity",
        from = "Column::JobRunId",
        to = "super::job_runs::Column::Id",
        on_delete = "SetNull"
    )]
    JobRun,
    /// Rows of `gap_snapshot_rows` whose `snapshot_id` points here.
    #[sea_orm(has_many = "super::gap_snapshot_rows::Entity")]
    GapSnapshotRows,
}

impl Related<super::job_runs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::JobRun.def()
    }
}

impl Related<super::gap_snapshot_rows::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GapSnapshotRows.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
