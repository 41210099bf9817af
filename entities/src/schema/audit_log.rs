//! Audit trail of changes.

use crate::enums::AuditAction;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub user_id: Option<i64>,
    pub action: AuditAction,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub entity_type: String,
    #[sea_orm(column_type = "String(StringLen::N(64))")]
    pub entity_id: String,
    /// JSON.
    #[sea_orm(column_type = "Text")]
    pub before: Option<String>,
    /// JSON.
    #[sea_orm(column_type = "Text")]
    pub after: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `user_id` → `users.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::UserId",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    User,
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
