//! Competency dictionary (teknis, manajerial, sosial kultural).

use crate::enums::CompetencyKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "competencies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    pub kind: CompetencyKind,
    /// Name in Indonesian.
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub name_id: String,
    /// Name in English.
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub name_en: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    /// Where the definition comes from (regulation, dictionary).
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub source: Option<String>,
    #[sea_orm(default_value = true)]
    pub is_active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Rows of `position_standards` whose `competency_id` points here.
    #[sea_orm(has_many = "super::position_standards::Entity")]
    PositionStandards,
    /// Rows of `competency_assessments` whose `competency_id` points here.
    #[sea_orm(has_many = "super::competency_assessments::Entity")]
    CompetencyAssessments,
    /// Rows of `employee_competency_levels` whose `competency_id` points here.
    #[sea_orm(has_many = "super::employee_competency_levels::Entity")]
    EmployeeCompetencyLevels,
    /// Rows of `gap_snapshot_rows` whose `competency_id` points here.
    #[sea_orm(has_many = "super::gap_snapshot_rows::Entity")]
    GapSnapshotRows,
    /// Rows of `program_competencies` whose `competency_id` points here.
    #[sea_orm(has_many = "super::program_competencies::Entity")]
    ProgramCompetencies,
    /// Rows of `mentoring_goals` whose `competency_id` points here.
    #[sea_orm(has_many = "super::mentoring_goals::Entity")]
    MentoringGoals,
    /// Rows of `survey_answers` whose `competency_id` points here.
    #[sea_orm(has_many = "super::survey_answers::Entity")]
    SurveyAnswers,
}

impl Related<super::position_standards::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PositionStandards.def()
    }
}

impl Related<super::competency_assessments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CompetencyAssessments.def()
    }
}

impl Related<super::employee_competency_levels::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployeeCompetencyLevels.def()
    }
}

impl Related<super::gap_snapshot_rows::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GapSnapshotRows.def()
    }
}

impl Related<super::program_competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramCompetencies.def()
    }
}

impl Related<super::mentoring_goals::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MentoringGoals.def()
    }
}

impl Related<super::survey_answers::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyAnswers.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
