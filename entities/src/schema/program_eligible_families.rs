//! Position families eligible for a programme. No rows: every family is eligible.

use crate::enums::PositionFamily;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "program_eligible_families")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub program_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub family: PositionFamily,
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
}

impl Related<super::training_programs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingProgram.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
