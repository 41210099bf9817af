//! Required competency levels of a position; unique (`position_id`, `competency_id`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "position_standards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique_key = "position_competency")]
    pub position_id: i64,
    #[sea_orm(unique_key = "position_competency")]
    pub competency_id: i64,
    /// Level 1–5.
    pub required_level: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `position_id` → `positions.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::positions::Entity",
        from = "Column::PositionId",
        to = "super::positions::Column::Id",
        on_delete = "Cascade"
    )]
    Position,
    /// `competency_id` → `competencies.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::competencies::Entity",
        from = "Column::CompetencyId",
        to = "super::competencies::Column::Id",
        on_delete = "Restrict"
    )]
    Competency,
}

impl Related<super::positions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Position.def()
    }
}

impl Related<super::competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
