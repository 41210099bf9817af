//! Agencies eligible for a programme. No rows: every agency is eligible.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "program_eligible_agencies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub program_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: i64,
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
    /// `agency_id` → `agencies.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::agencies::Entity",
        from = "Column::AgencyId",
        to = "super::agencies::Column::Id",
        on_delete = "Cascade"
    )]
    Agency,
}

impl Related<super::training_programs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingProgram.def()
    }
}

impl Related<super::agencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
