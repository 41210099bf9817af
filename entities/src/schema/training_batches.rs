//! Batches (angkatan) of a programme; unique (`program_id`, `batch_number`).

use crate::enums::BatchStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "training_batches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique_key = "program_batch")]
    pub program_id: i64,
    /// > 0.
    #[sea_orm(unique_key = "program_batch")]
    pub batch_number: i32,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub name: String,
    pub starts_on: Date,
    /// >= `starts_on`.
    pub ends_on: Date,
    pub daily_start_time: Option<Time>,
    pub daily_end_time: Option<Time>,
    #[sea_orm(column_type = "String(StringLen::N(300))")]
    pub place: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(500))")]
    pub online_url: Option<String>,
    /// > 0.
    pub quota: i32,
    /// Between 0 and `quota`; taken by one atomic
    /// `UPDATE … SET seats_taken = seats_taken + 1 WHERE seats_taken < quota`.
    #[sea_orm(default_value = 0)]
    pub seats_taken: i32,
    pub enrolment_opens_at: Option<DateTimeUtc>,
    pub enrolment_closes_at: Option<DateTimeUtc>,
    pub withdrawal_deadline: Option<DateTimeUtc>,
    #[sea_orm(default_value = "draft")]
    pub status: BatchStatus,
    #[sea_orm(default_value = 1)]
    pub next_certificate_seq: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `program_id` → `training_programs.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::training_programs::Entity",
        from = "Column::ProgramId",
        to = "super::training_programs::Column::Id",
        on_delete = "Restrict"
    )]
    TrainingProgram,
    /// Rows of `enrolments` whose `batch_id` points here.
    #[sea_orm(has_many = "super::enrolments::Entity")]
    Enrolments,
}

impl Related<super::training_programs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingProgram.def()
    }
}

impl Related<super::enrolments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrolments.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
