//! Competencies a programme develops, with the level it targets.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "program_competencies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub program_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub competency_id: i64,
    /// Level 1–5.
    pub target_level: i16,
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
    /// `competency_id` → `competencies.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::competencies::Entity",
        from = "Column::CompetencyId",
        to = "super::competencies::Column::Id",
        on_delete = "Restrict"
    )]
    Competency,
}

impl Related<super::training_programs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingProgram.def()
    }
}

impl Related<super::competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
