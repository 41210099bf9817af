//! Mentor–mentee pairs (`mentor_id` <> `mentee_id`).

use crate::enums::MentoringPairStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "mentoring_pairs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub starts_on: Date,
    pub planned_end_on: Option<Date>,
    pub ended_on: Option<Date>,
    #[sea_orm(default_value = "active")]
    pub status: MentoringPairStatus,
    pub created_by_user_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub summary: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `mentor_id` → `employees.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::employees::Entity",
        from = "Column::MentorId",
        to = "super::employees::Column::Id",
        on_delete = "Restrict"
    )]
    Mentor,
    /// `mentee_id` → `employees.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::employees::Entity",
        from = "Column::MenteeId",
        to = "super::employees::Column::Id",
        on_delete = "Restrict"
    )]
    Mentee,
    /// `created_by_user_id` → `users.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::CreatedByUserId",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    User,
    /// Rows of `mentoring_goals` whose `pair_id` points here.
    #[sea_orm(has_many = "super::mentoring_goals::Entity")]
    MentoringGoals,
    /// Rows of `mentoring_sessions` whose `pair_id` points here.
    #[sea_orm(has_many = "super::mentoring_sessions::Entity")]
    MentoringSessions,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::mentoring_goals::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MentoringGoals.def()
    }
}

impl Related<super::mentoring_sessions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::MentoringSessions.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
