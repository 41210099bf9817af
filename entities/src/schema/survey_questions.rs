//! Questions of a survey template; unique (`template_id`, `position`).

use crate::enums::QuestionKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique_key = "template_position")]
    pub template_id: i64,
    #[sea_orm(unique_key = "template_position")]
    pub position: i32,
    pub kind: QuestionKind,
    /// Prompt in Indonesian.
    #[sea_orm(column_type = "Text")]
    pub prompt_id: String,
    /// Prompt in English.
    #[sea_orm(column_type = "Text")]
    pub prompt_en: String,
    /// JSON array of `{"id": …, "en": …}` (single choice).
    #[sea_orm(column_type = "Text")]
    pub options: Option<String>,
    #[sea_orm(default_value = true)]
    pub is_required: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `template_id` → `survey_templates.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::survey_templates::Entity",
        from = "Column::TemplateId",
        to = "super::survey_templates::Column::Id",
        on_delete = "Cascade"
    )]
    SurveyTemplate,
    /// Rows of `survey_answers` whose `question_id` points here.
    #[sea_orm(has_many = "super::survey_answers::Entity")]
    SurveyAnswers,
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
