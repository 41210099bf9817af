//! Mentoring sessions, confirmed (or disputed) by the mentee.

use crate::enums::{SessionConfirmation, SessionMode};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mentoring_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub pair_id: i64,
    pub held_on: Date,
    /// Between 1 and 1440.
    pub minutes: i32,
    pub mode: SessionMode,
    #[sea_orm(column_type = "String(StringLen::N(300))")]
    pub topic: String,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub actions: Option<String>,
    #[sea_orm(default_value = "pending")]
    pub confirmation: SessionConfirmation,
    #[sea_orm(column_type = "Text")]
    pub dispute_reason: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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
}

impl Related<super::mentoring_pairs::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MentoringPair.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
