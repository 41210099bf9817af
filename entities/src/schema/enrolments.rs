//! Enrolment of an employee in a batch; unique (`batch_id`, `employee_id`).
//!
//! `id` is the arrival order.

use crate::enums::EnrolmentState;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique_key = "batch_employee")]
    pub batch_id: i64,
    #[sea_orm(unique_key = "batch_employee")]
    pub employee_id: i64,
    pub state: EnrolmentState,
    pub waitlist_position: Option<i32>,
    pub requested_at: DateTimeUtc,
    pub requested_by_user_id: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by_user_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub decision_reason: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
    /// >= 0.
    pub jp_credited: Option<i32>,
    pub credited_year: Option<i32>,
    #[sea_orm(column_type = "String(StringLen::N(100))", unique)]
    pub certificate_number: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `batch_id` → `training_batches.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::training_batches::Entity",
        from = "Column::BatchId",
        to = "super::training_batches::Column::Id",
        on_delete = "Restrict"
    )]
    TrainingBatch,
    /// `employee_id` → `employees.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::employees::Entity",
        from = "Column::EmployeeId",
        to = "super::employees::Column::Id",
        on_delete = "Restrict"
    )]
    Employee,
    /// `requested_by_user_id` → `users.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::RequestedByUserId",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    RequestedBy,
    /// `decided_by_user_id` → `users.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::DecidedByUserId",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    DecidedBy,
    /// Rows of `enrolment_events` whose `enrolment_id` points here.
    #[sea_orm(has_many = "super::enrolment_events::Entity")]
    EnrolmentEvents,
    /// Rows of `attendance_records` whose `enrolment_id` points here.
    #[sea_orm(has_many = "super::attendance_records::Entity")]
    AttendanceRecords,
    /// Rows of `survey_invitations` whose `enrolment_id` points here.
    #[sea_orm(has_many = "super::survey_invitations::Entity")]
    SurveyInvitations,
}

impl Related<super::training_batches::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingBatch.def()
    }
}

impl Related<super::employees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Employee.def()
    }
}

impl Related<super::enrolment_events::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EnrolmentEvents.def()
    }
}

impl Related<super::attendance_records::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AttendanceRecords.def()
    }
}

impl Related<super::survey_invitations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyInvitations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
