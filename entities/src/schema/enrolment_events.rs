//! State transitions of an enrolment (the auditable enrolment order).

use crate::enums::EnrolmentState;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "enrolment_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub enrolment_id: i64,
    pub from_state: Option<EnrolmentState>,
    pub to_state: EnrolmentState,
    pub at: DateTimeUtc,
    pub by_user_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub reason: Option<String>,
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
    /// `by_user_id` → `users.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::ByUserId",
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
