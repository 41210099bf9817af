//! Answers to survey questions.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "survey_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub invitation_id: i64,
    pub question_id: i64,
    /// For competency ratings.
    pub competency_id: Option<i64>,
    pub int_value: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub text_value: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `invitation_id` → `survey_invitations.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::survey_invitations::Entity",
        from = "Column::InvitationId",
        to = "super::survey_invitations::Column::Id",
        on_delete = "Cascade"
    )]
    SurveyInvitation,
    /// `question_id` → `survey_questions.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::survey_questions::Entity",
        from = "Column::QuestionId",
        to = "super::survey_questions::Column::Id",
        on_delete = "Restrict"
    )]
    SurveyQuestion,
    /// `competency_id` → `competencies.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::competencies::Entity",
        from = "Column::CompetencyId",
        to = "super::competencies::Column::Id",
        on_delete = "Restrict"
    )]
    Competency,
}

impl Related<super::survey_invitations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyInvitation.def()
    }
}

impl Related<super::survey_questions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyQuestion.def()
    }
}

impl Related<super::competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
