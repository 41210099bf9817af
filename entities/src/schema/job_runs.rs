//! Runs of background jobs; unique (`job_name`, `slot_at`), so only one
//! instance can claim a slot.

use crate::enums::{JobOutcome, JobTrigger};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "job_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(100))", unique_key = "job_slot")]
    pub job_name: String,
    /// The scheduled slot (UTC), or the request time for a manual run.
    #[sea_orm(unique_key = "job_slot")]
    pub slot_at: DateTimeUtc,
    pub trigger: JobTrigger,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub holder: String,
    pub started_at: DateTimeUtc,
    pub lease_expires_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub outcome: JobOutcome,
    /// JSON.
    #[sea_orm(column_type = "Text")]
    pub counts: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Rows of `gap_snapshots` whose `job_run_id` points here.
    #[sea_orm(has_many = "super::gap_snapshots::Entity")]
    GapSnapshots,
}

impl Related<super::gap_snapshots::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GapSnapshots.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
