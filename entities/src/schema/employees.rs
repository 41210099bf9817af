//! Employees (ASN: PNS and PPPK).

use crate::enums::{EmploymentType, Grade, PppkGrade};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "employees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// 18-digit NIP; validate with [`crate::nip::Nip::parse`] before storing.
    #[sea_orm(column_type = "String(StringLen::N(18))", unique)]
    pub nip: String,
    #[sea_orm(column_type = "String(StringLen::N(200))")]
    pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(254))", unique)]
    pub email: Option<String>,
    pub employment_type: EmploymentType,
    pub agency_id: i64,
    pub position_id: Option<i64>,
    /// PNS golongan/ruang; empty for a PPPK.
    pub grade: Option<Grade>,
    /// Direct supervisor (atasan langsung); never the employee itself.
    pub supervisor_id: Option<i64>,
    #[sea_orm(default_value = true)]
    pub is_active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// PPPK golongan I–XVII; empty for a PNS.
    pub pppk_grade: Option<PppkGrade>,
    /// A PPPK's contract: first and last day. After the last day the employee may no longer
    /// enrol, but keeps their history.
    pub contract_start: Option<Date>,
    pub contract_end: Option<Date>,
    /// A PNS who is still a candidate (CPNS): the date of the CPNS appointment (TMT CPNS).
    /// Empty once they are a full PNS, and for PPPK.
    pub cpns_appointed_on: Option<Date>,
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
    /// `position_id` → `positions.id` (ON DELETE RESTRICT).
    #[sea_orm(
        belongs_to = "super::positions::Entity",
        from = "Column::PositionId",
        to = "super::positions::Column::Id",
        on_delete = "Restrict"
    )]
    Position,
    /// `supervisor_id` → `employees.id` (ON DELETE SET NULL).
    #[sea_orm(belongs_to = "Entity", from = "Column::SupervisorId", to = "Column::Id", on_delete = "SetNull")]
    Supervisor,
    /// Rows of `employees` whose `supervisor_id` points here.
    #[sea_orm(has_many = "Entity", via_rel = "Relation::Supervisor")]
    Subordinates,
    /// Rows of `users` whose `employee_id` points here.
    #[sea_orm(has_one = "super::users::Entity")]
    User,
    /// Rows of `competency_assessments` whose `employee_id` points here.
    #[sea_orm(has_many = "super::competency_assessments::Entity", via_rel = "Relation::Employee")]
    CompetencyAssessments,
    /// Rows of `competency_assessments` whose `assessor_employee_id` points here.
    #[sea_orm(has_many = "super::competency_assessments::Entity", via_rel = "Relation::Assessor")]
    AssessmentsAsAssessor,
    /// Rows of `employee_competency_levels` whose `employee_id` points here.
    #[sea_orm(has_many = "super::employee_competency_levels::Entity")]
    EmployeeCompetencyLevels,
    /// Rows of `enrolments` whose `employee_id` points here.
    #[sea_orm(has_many = "super::enrolments::Entity")]
    Enrolments,
    /// Rows of `mentoring_pairs` whose `mentor_id` points here.
    #[sea_orm(has_many = "super::mentoring_pairs::Entity", via_rel = "Relation::Mentor")]
    MentoringPairsAsMentor,
    /// Rows of `mentoring_pairs` whose `mentee_id` points here.
    #[sea_orm(has_many = "super::mentoring_pairs::Entity", via_rel = "Relation::Mentee")]
    MentoringPairsAsMentee,
    /// Rows of `survey_invitations` whose `recipient_employee_id` points here.
    #[sea_orm(has_many = "super::survey_invitations::Entity")]
    SurveyInvitations,
}

impl Related<super::agencies::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agency.def()
    }
}

impl Related<super::positions::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Position.def()
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

impl Related<super::enrolments::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Enrolments.def()
    }
}

impl Related<super::survey_invitations::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::SurveyInvitations.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
