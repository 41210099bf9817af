//! Focus competencies of a mentoring pair; unique (`pair_id`, `competency_id`).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mentoring_goals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique_key = "pair_competency")]
    pub pair_id: i64,
    #[sea_orm(unique_key = "pair_competency")]
    pub competency_id: i64,
    #[sea_orm(column_type = "Text")]
    pub goal: String,
    /// Level 1–5.
    pub target_level: i16,
    /// Level 1–5.
    pub final_rating: Option<i16>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `pair_id` → `mentoring_pairs.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::mentoring_pairs::Entity",
        from = "Column::PairId",
        to = "super::mentoring_pairs::Column::Id",
        on_delete = "Cascade"
    )]
    MentoringPair,
    /// `competency_id` → `competencies.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::competencies::Entity",
        from = "Column::CompetencyId",
        to = "super::competencies::Column::Id",
        on_delete = "Restrict"
    )]
    Competency,
}

impl Related<super::mentoring_pairs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MentoringPair.def()
    }
}

impl Related<super::competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
