//! Login accounts.
//!
//! Supervisor and mentor rights are not roles: they follow from
//! `employees.supervisor_id` and active `mentoring_pairs`.

use crate::enums::{Locale, Role};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(254))", unique)]
    pub email: String,
    #[sea_orm(column_type = "Text")]
    pub password_hash: String,
    pub role: Role,
    /// An operator's agency (required when `role` is `operator`).
    pub agency_id: Option<i64>,
    #[sea_orm(unique)]
    pub employee_id: Option<i64>,
    #[sea_orm(default_value = "id")]
    pub locale: Locale,
    #[sea_orm(default_value = true)]
    pub is_active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub last_login_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `agency_id` → `agencies.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::agencies::Entity",
        from = "Column::AgencyId",
        to = "super::agencies::Column::Id",
        on_delete = "Restrict"
    )]
    Agency,
    /// `employee_id` → `employees.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::employees::Entity",
        from = "Column::EmployeeId",
        to = "super::employees::Column::Id",
        on_delete = "SetNull"
    )]
    Employee,
    /// Rows of `user_sessions` whose `user_id` points here.
    #[sea_orm(has_many = "super::user_sessions::Entity")]
    UserSessions,
    /// Rows of `api_tokens` whose `user_id` points here.
    #[sea_orm(has_many = "super::api_tokens::Entity")]
    ApiTokens,
    /// Rows of `password_resets` whose `user_id` points here.
    #[sea_orm(has_many = "super::password_resets::Entity")]
    PasswordResets,
    /// Rows of `competency_assessments` whose `recorded_by_user_id` points here.
    #[sea_orm(has_many = "super::competency_assessments::Entity")]
    CompetencyAssessments,
    /// Rows of `enrolments` whose `requested_by_user_id` points here.
    #[sea_orm(has_many = "super::enrolments::Entity", via_rel = "Relation::RequestedBy")]
    RequestedEnrolments,
    /// Rows of `enrolments` whose `decided_by_user_id` points here.
    #[sea_orm(has_many = "super::enrolments::Entity", via_rel = "Relation::DecidedBy")]
    DecidedEnrolments,
    /// Rows of `enrolment_events` whose `by_user_id` points here.
    #[sea_orm(has_many = "super::enrolment_events::Entity")]
    EnrolmentEvents,
    /// Rows of `attendance_records` whose `recorded_by_user_id` points here.
    #[sea_orm(has_many = "super::attendance_records::Entity")]
    AttendanceRecords,
    /// Rows of `mentoring_pairs` whose `created_by_user_id` points here.
    #[sea_orm(has_many = "super::mentoring_pairs::Entity")]
    MentoringPairs,
    /// Rows of `audit_log` whose `user_id` points here.
    #[sea_orm(has_many = "super::audit_log::Entity")]
    AuditLog,
}

impl Related<super::agencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agency.def()
    }
}

impl Related<super::employees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Employee.def()
    }
}

impl Related<super::user_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::UserSessions.def()
    }
}

impl Related<super::api_tokens::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ApiTokens.def()
    }
}

impl Related<super::password_resets::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PasswordResets.def()
    }
}

impl Related<super::competency_assessments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CompetencyAssessments.def()
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

impl Related<super::mentoring_pairs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MentoringPairs.def()
    }
}

impl Related<super::audit_log::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AuditLog.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
