//! Positions (jabatan).

use crate::enums::PositionFamily;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "positions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub name: String,
    pub family: PositionFamily,
    pub agency_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `agency_id` → `agencies.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::agencies::Entity",
        from = "Column::AgencyId",
        to = "super::agencies::Column::Id",
        on_delete = "Restrict"
    )]
    Agency,
    /// Rows of `position_standards` whose `position_id` points here.
    #[sea_orm(has_many = "super::position_standards::Entity")]
    PositionStandards,
    /// Rows of `employees` whose `position_id` points here.
    #[sea_orm(has_many = "super::employees::Entity")]
    Employees,
}

impl Related<super::agencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agency.def()
    }
}

impl Related<super::position_standards::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PositionStandards.def()
    }
}

impl Related<super::employees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Employees.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
