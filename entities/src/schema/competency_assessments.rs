//! Every recorded competency assessment (history).

use crate::enums::AssessmentSource;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "competency_assessments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub employee_id: i64,
    pub competency_id: i64,
    /// Level 1–5.
    pub level: i16,
    pub source: AssessmentSource,
    pub assessed_on: Date,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub assessor_name: Option<String>,
    pub assessor_employee_id: Option<i64>,
    pub recorded_by_user_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// `employee_id` → `employees.id` (ON DELETE CASCADE).
    #[sea_orm(
        belongs_to = "super::employees::Entity",
        from = "Column::EmployeeId",
        to = "super::employees::Column::Id",
        on_delete = "Cascade"
    )]
    Employee,
    /// `competency_id` → `competencies.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::competencies::Entity",
        from = "Column::CompetencyId",
        to = "super::competencies::Column::Id",
        on_delete = "Restrict"
    )]
    Competency,
    /// `assessor_employee_id` → `employees.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::employees::Entity",
        from = "Column::AssessorEmployeeId",
        to = "super::employees::Column::Id",
        on_delete = "SetNull"
    )]
    Assessor,
    /// `recorded_by_user_id` → `users.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::users::Entity",
        from = "Column::RecordedByUserId",
        to = "super::users::Column::Id",
        on_delete = "SetNull"
    )]
    User,
    /// Rows of `employee_competency_levels` whose `assessment_id` points here.
    #[sea_orm(has_many = "super::employee_competency_levels::Entity")]
    EmployeeCompetencyLevels,
}

impl Related<super::competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl Related<super::users::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::employee_competency_levels::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EmployeeCompetencyLevels.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
