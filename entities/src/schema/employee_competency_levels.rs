//! Current level of an employee in a competency, kept up to date as counted
//! assessments arrive.

use crate::enums::AssessmentSource;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "employee_competency_levels")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub employee_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub competency_id: i64,
    /// Level 1–5.
    pub level: i16,
    pub source: AssessmentSource,
    pub assessed_on: Date,
    pub assessment_id: Option<i64>,
    pub updated_at: DateTimeUtc,
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
    /// `assessment_id` → `competency_assessments.id` (ON DELETE SET NULL).
    #[sea_orm(
        belongs_to = "super::competency_assessments::Entity",
        from = "Column::AssessmentId",
        to = "super::competency_assessments::Column::Id",
        on_delete = "SetNull"
    )]
    CompetencyAssessment,
}

impl Related<super::employees::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Employee.def()
    }
}

impl Related<super::competencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl Related<super::competency_assessments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CompetencyAssessment.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
