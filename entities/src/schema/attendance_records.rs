//! Daily attendance of an enrolment.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "attendance_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub enrolment_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    pub present: bool,
    pub recorded_by_user_id: Option<i64>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `enrolment_id` → `enrolments.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::enrolments::Entity",
        from = "Column::EnrolmentId",
        to = "super::enrolments::Column::Id",
        on_delete = "Cascade"
    )]
    Enrolment,
    /// `recorded_by_user_id` → `users.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::RecordedByUserId",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    User,
}

impl Related<super::enrolments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrolment.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
