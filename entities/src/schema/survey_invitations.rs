//! Survey invitations; unique (`enrolment_id`, `level`, `audience`), so dispatch
//! is idempotent by that key.

use crate::enums::{InvitationState, SurveyAudience, SurveyLevel};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "survey_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique_key = "enrolment_level_audience")]
    pub enrolment_id: i64,
    #[sea_orm(unique_key = "enrolment_level_audience")]
    pub level: SurveyLevel,
    #[sea_orm(unique_key = "enrolment_level_audience")]
    pub audience: SurveyAudience,
    pub recipient_employee_id: i64,
    #[sea_orm(column_type = "String(StringLen::N(254))")]
    pub recipient_email: String,
    pub template_id: i64,
    #[sea_orm(column_type = "String(StringLen::N(64))", unique)]
    pub token_hash: String,
    #[sea_orm(default_value = "pending")]
    pub state: InvitationState,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    #[sea_orm(default_value = 0)]
    pub reminders_sent: i32,
    pub last_reminded_at: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `enrolment_id` → `enrolments.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::enrolments::Entity",
        from = "Column::EnrolmentId",
        to = "super::enrolments::Column::Id",
        on_delete = "Cascade"
    )]
    Enrolment,
    /// `recipient_employee_id` → `employees.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::employees::Entity",
        from = "Column::RecipientEmployeeId",
        to = "super::employees::Column::Id",
        on_delete = "Restrict"
    )]
    Employee,
    /// `template_id` → `survey_templates.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::survey_templates::Entity",
        from = "Column::TemplateId",
        to = "super::survey_templates::Column::Id",
        on_delete = "Restrict"
    )]
    SurveyTemplate,
    /// Rows of `survey_answers` whose `invitation_id` points here.
    #[sea_orm(has_many = "super::survey_answers::Entity")]
    SurveyAnswers,
}

impl Related<super::enrolments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrolment.def()
    }
}

impl Related<super::employees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Employee.def()
    }
}

impl Related<super::survey_templates::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyTemplate.def()
    }
}

impl Related<super::survey_answers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyAnswers.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
