//! Sea-orm entities, one module per table of `docs/DATA_MODEL.md` (module name = table name).
//!
//! Relations: every foreign key is a `belongs_to` variant of the child's `Relation`
//! (named after the target, or after the role when a table points twice at the same
//! table or at itself), and the parent has the inverse `has_many` / `has_one` variant.
//! `Related<T>` is implemented only where there is exactly one relation between the two
//! entities; otherwise join with an explicit `Relation::X.def()`.

pub mod agencies;
pub mod api_tokens;
pub mod attendance_records;
pub mod audit_log;
pub mod competencies;
pub mod competency_assessments;
pub mod employee_competency_levels;
pub mod employees;
pub mod enrolment_events;
pub mod enrolments;
pub mod gap_snapshot_rows;
pub mod gap_snapshots;
pub mod job_leases;
pub mod job_runs;
pub mod login_throttles;
pub mod mail_outbox;
pub mod mentoring_goals;
pub mod mentoring_pairs;
pub mod mentoring_sessions;
pub mod password_resets;
pub mod position_standards;
pub mod positions;
pub mod program_competencies;
pub mod program_eligible_agencies;
pub mod program_eligible_families;
pub mod server_keys;
pub mod survey_answers;
pub mod survey_invitations;
pub mod survey_questions;
pub mod survey_templates;
pub mod training_batches;
pub mod training_programs;
pub mod user_sessions;
pub mod users;

/// Every entity under a PascalCase name, as `sea-orm-cli` would generate.
pub mod prelude {
    pub use super::agencies::Entity as Agencies;
    pub use super::api_tokens::Entity as ApiTokens;
    pub use super::attendance_records::Entity as AttendanceRecords;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::competencies::Entity as Competencies;
    pub use super::competency_assessments::Entity as CompetencyAssessments;
    pub use super::employee_competency_levels::Entity as EmployeeCompetencyLevels;
    pub use super::employees::Entity as Employees;
    pub use super::enrolment_events::Entity as EnrolmentEvents;
    pub use super::enrolments::Entity as Enrolments;
    pub use super::gap_snapshot_rows::Entity as GapSnapshotRows;
    pub use super::gap_snapshots::Entity as GapSnapshots;
    pub use super::job_leases::Entity as JobLeases;
    pub use super::job_runs::Entity as JobRuns;
    pub use super::login_throttles::Entity as LoginThrottles;
    pub use super::mail_outbox::Entity as MailOutbox;
    pub use super::mentoring_goals::Entity as MentoringGoals;
    pub use super::mentoring_pairs::Entity as MentoringPairs;
    pub use super::mentoring_sessions::Entity as MentoringSessions;
    pub use super::password_resets::Entity as PasswordResets;
    pub use super::position_standards::Entity as PositionStandards;
    pub use super::positions::Entity as Positions;
    pub use super::program_competencies::Entity as ProgramCompetencies;
    pub use super::program_eligible_agencies::Entity as ProgramEligibleAgencies;
    pub use super::program_eligible_families::Entity as ProgramEligibleFamilies;
    pub use super::survey_answers::Entity as SurveyAnswers;
    pub use super::survey_invitations::Entity as SurveyInvitations;
    pub use super::survey_questions::Entity as SurveyQuestions;
    pub use super::survey_templates::Entity as SurveyTemplates;
    pub use super::training_batches::Entity as TrainingBatches;
    pub use super::training_programs::Entity as TrainingPrograms;
    pub use super::user_sessions::Entity as UserSessions;
    pub use super::users::Entity as Users;
}
