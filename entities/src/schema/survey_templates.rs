//! Evaluation survey templates (Kirkpatrick levels 1 and 3).

use crate::enums::{SurveyAudience, SurveyLevel};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "survey_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub name: String,
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    /// `None`: a default template.
    pub program_id: Option<i64>,
    #[sea_orm(default_value = false)]
    pub is_default: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `program_id` → `training_programs.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::training_programs::Entity",
        from = "Column::ProgramId",
        to = "super::training_programs::Column::Id",
        on_delete = "Cascade"
    )]
    TrainingProgram,
    /// Rows of `survey_questions` whose `template_id` points here.
    #[sea_orm(has_many = "super::survey_questions::Entity")]
    SurveyQuestions,
    /// Rows of `survey_invitations` whose `template_id` points here.
    #[sea_orm(has_many = "super::survey_invitations::Entity")]
    SurveyInvitations,
}

impl Related<super::training_programs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingProgram.def()
    }
}

impl Related<super::survey_questions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyQuestions.def()
    }
}

impl Related<super::survey_invitations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyInvitations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
