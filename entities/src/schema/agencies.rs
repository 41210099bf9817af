//! Agencies (instansi / OPD / unit kerja).
//!
//! The tree is region → agency (OPD) → unit, linked by `parent_id`.

use crate::enums::AgencyKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "agencies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(32))", unique)]
    pub code: String,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub name: String,
    pub kind: AgencyKind,
    pub parent_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `parent_id` → `agencies.id` (ON DELETE RESTRICT).
    #[sea_orm(belongs_to = "Entity", from = "Column::ParentId", to = "Column::Id", on_delete = "Restrict")]
    Parent,
    /// Rows of `agencies` whose `parent_id` points here.
    #[sea_orm(has_many = "Entity", via_rel = "Relation::Parent")]
    Children,
    /// Rows of `positions` whose `agency_id` points here.
    #[sea_orm(has_many = "super::positions::Entity")]
    Positions,
    /// Rows of `employees` whose `agency_id` points here.
    #[sea_orm(has_many = "super::employees::Entity")]
    Employees,
    /// Rows of `users` whose `agency_id` points here.
    #[sea_orm(has_many = "super::users::Entity")]
    Users,
    /// Rows of `gap_snapshot_rows` whose `agency_id` points here.
    #[sea_orm(has_many = "super::gap_snapshot_rows::Entity")]
    GapSnapshotRows,
    /// Rows of `program_eligible_agencies` whose `agency_id` points here.
    #[sea_orm(has_many = "super::program_eligible_agencies::Entity")]
    ProgramEligibleAgencies,
}

impl Related<super::positions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Positions.def()
    }
}

impl Related<super::employees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Employees.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Users.def()
    }
}

impl Related<super::gap_snapshot_rows::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GapSnapshotRows.def()
    }
}

impl Related<super::program_eligible_agencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramEligibleAgencies.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
