//! Gap counts per agency (its own employees only) and competency; roll-ups up
//! the agency tree are summed when read.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "gap_snapshot_rows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub snapshot_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub competency_id: i64,
    pub required_count: i32,
    pub assessed_count: i32,
    pub meeting_count: i32,
    pub gap_count: i32,
    pub not_assessed_count: i32,
    pub gap_sum: i32,
    /// Employees whose gap is 1.
    pub gap_1: i32,
    /// Employees whose gap is 2.
    pub gap_2: i32,
    /// Employees whose gap is 3.
    pub gap_3: i32,
    /// Employees whose gap is 4.
    pub gap_4: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `snapshot_id` → `gap_snapshots.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::gap_snapshots::Entity",
        from = "Column::SnapshotId",
        to = "super::gap_snapshots::Column::Id",
        on_delete = "Cascade"
    )]
    GapSnapshot,
    /// `agency_id` → `agencies.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::agencies::Entity",
        from = "Column::AgencyId",
        to = "super::agencies::Column::Id",
        on_delete = "Cascade"
    )]
    Agency,
    /// `competency_id` → `competencies.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::competencies::Entity",
        from = "Column::CompetencyId",
        to = "super::competencies::Column::Id",
        on_delete = "Cascade"
    )]
    Competency,
}

impl Related<super::gap_snapshots::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::GapSnapshot.def()
    }
}

impl Related<super::agencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agency.def()
    }
}

impl Related<super::competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
