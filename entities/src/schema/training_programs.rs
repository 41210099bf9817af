//! Training programmes (the catalogue).

use crate::enums::{DeliveryMode, Grade, OrganizerKind, TrainingMethod};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "training_programs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    #[sea_orm(column_type = "String(StringLen::N(300))")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    pub method: TrainingMethod,
    pub delivery: DeliveryMode,
    pub organizer_kind: OrganizerKind,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub organizer_name: String,
    /// Jam pelajaran (lesson hours), > 0.
    pub jp: i32,
    #[sea_orm(default_value = false)]
    pub requires_supervisor_approval: bool,
    /// Days after the batch ends before the level-3 (behaviour) survey, >= 0.
    #[sea_orm(default_value = 90)]
    pub level3_delay_days: i32,
    pub min_grade: Option<Grade>,
    pub max_grade: Option<Grade>,
    #[sea_orm(default_value = true)]
    pub is_active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Rows of `program_competencies` whose `program_id` points here.
    #[sea_orm(has_many = "super::program_competencies::Entity")]
    ProgramCompetencies,
    /// Rows of `program_eligible_families` whose `program_id` points here.
    #[sea_orm(has_many = "super::program_eligible_families::Entity")]
    ProgramEligibleFamilies,
    /// Rows of `program_eligible_agencies` whose `program_id` points here.
    #[sea_orm(has_many = "super::program_eligible_agencies::Entity")]
    ProgramEligibleAgencies,
    /// Rows of `training_batches` whose `program_id` points here.
    #[sea_orm(has_many = "super::training_batches::Entity")]
    TrainingBatches,
    /// Rows of `survey_templates` whose `program_id` points here.
    #[sea_orm(has_many = "super::survey_templates::Entity")]
    SurveyTemplates,
}

impl Related<super::program_competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramCompetencies.def()
    }
}

impl Related<super::program_eligible_families::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramEligibleFamilies.def()
    }
}

impl Related<super::program_eligible_agencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramEligibleAgencies.def()
    }
}

impl Related<super::training_batches::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingBatches.def()
    }
}

impl Related<super::survey_templates::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyTemplates.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
