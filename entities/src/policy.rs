//! Who may do what: the one place that answers "may this user do this action on this
//! record". Pages and API endpoints ask it; list queries use [`Actor::employee_scope`] to
//! filter in SQL. A record outside a user's reach is reported as absent (404), never as
//! forbidden, so IDs cannot be probed.
//!
//! Roles are accounts' kinds (admin, agency operator, employee). Supervisor and mentor
//! rights are not roles: they follow from `employees.supervisor_id` and active
//! `mentoring_pairs`, and are looked up here.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use crate::enums::{Locale, MentoringPairStatus, Role};
use crate::schema::{agencies, employees, mentoring_pairs, users};

/// The signed-in user, with what the data says about their reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
    pub employee_id: Option<i64>,
    pub locale: Locale,
    /// For an operator: their agency and every agency below it.
    pub agency_scope: Vec<i64>,
}

/// What an actor wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See an employee's record.
    ViewEmployee,
    /// Change an employee's record or create one.
    EditEmployee,
    /// See an agency (its page, its employees).
    ViewAgency,
    /// Create or change agencies and units.
    EditAgency,
    /// Change the competency dictionary.
    EditCompetencies,
    /// Create or change positions and their standards.
    EditPosition,
    /// See and manage user accounts.
    ManageUsers,
    /// Import CSV files.
    Import,
    /// Browse the audit log.
    ViewAuditLog,
    /// Enter the staff pages at all.
    UseStaffPages,
    /// See job runs and the mail queue, run jobs, retry mail (region-wide operations).
    ManageOperations,
    /// Create and change training programmes and batches (region-wide catalogue).
    ManageTraining,
    /// See an employee's enrolments and JP: themself, their supervisor, staff of their agency.
    ViewTraining,
    /// Enrol an employee, withdraw them, record their attendance and results (staff).
    EnrolOthers,
    /// Approve or reject an employee's enrolment request: their supervisor, or staff.
    DecideEnrolment,
    /// See an agency's JP recap (staff of that agency).
    ViewJpRecap,
    /// Change evaluation survey templates (programs serve every agency: admins only).
    EditSurveyTemplates,
    /// See evaluation results: region-wide (`Target::Region`) or an agency's participants.
    ViewSurveyResults,
    /// See an employee's competency gaps, levels and assessments (gaps).
    ViewGaps,
    /// See the gap dashboard and the training-needs plan of the region or an agency (gaps).
    ViewGapDashboard,
    /// Record or import assessments of an employee as staff (gaps).
    RecordAssessment,
    /// Rate a direct subordinate (a supervisor assessment) (gaps).
    RateSubordinate,
    /// Assess oneself (kept apart; counted only when configured) (gaps).
    SelfAssess,
    /// See a mentoring pair, its goals and sessions (`Target::Pair`): its mentor and mentee,
    /// their supervisors, operators of either's agency, admins (mentoring).
    ViewMentoringPair,
    /// Record or edit a session of a pair, and close it with the ratings (`Target::Pair`):
    /// its mentor only, not even an admin on the mentor's behalf (mentoring).
    RecordMentoringSession,
    /// Confirm or dispute a session (`Target::Pair`): its mentee only (mentoring).
    ConfirmMentoringSession,
    /// Pair a mentor with this mentee (`Target::Employee`): staff of the mentee's agency, or
    /// the mentee's direct supervisor (mentoring).
    CreateMentoringPair,
    /// See the mentoring overview of an agency (`Target::Agency`) or the region (mentoring).
    ViewMentoringOverview,
}

/// The record an action is about.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// Region-wide: the dictionary, the audit log, the staff area.
    Region,
    Agency(i64),
    Employee(&'a employees::Model),
    /// A position, with the agency it belongs to (none: region-wide).
    Position(Option<i64>),
    User(&'a users::Model),
    /// A mentoring pair, by its two people.
    Pair {
        mentor: &'a employees::Model,
        mentee: &'a employees::Model,
    },
}

/// Which employees a list may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmployeeScope {
    All,
    Agencies(Vec<i64>),
    /// Oneself, one's direct subordinates and one's active mentees.
    Personal(i64),
    Nobody,
}

impl Actor {
    /// Builds the actor for a user account, resolving an operator's agency subtree.
    pub async fn for_user<C: ConnectionTrait>(db: &C, user: &users::Model) -> Result<Actor, DbErr> {
        let agency_scope = match (user.role, user.agency_id) {
            (Role::Operator, Some(agency_id)) => agency_subtree(db, agency_id).await?,
            _ => Vec::new(),
        };
        Ok(Actor {
            user_id: user.id,
            email: user.email.clone(),
            role: user.role,
            employee_id: user.employee_id,
            locale: user.locale,
            agency_scope,
        })
    }

    pub fn is_staff(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Operator)
    }

    fn in_scope(&self, agency_id: i64) -> bool {
        self.agency_scope.contains(&agency_id)
    }

    pub fn employee_scope(&self) -> EmployeeScope {
        match (self.role, self.employee_id) {
            (Role::Admin, _) => EmployeeScope::All,
            (Role::Operator, _) => EmployeeScope::Agencies(self.agency_scope.clone()),
            (Role::Employee, Some(id)) => EmployeeScope::Personal(id),
            (Role::Employee, None) => EmployeeScope::Nobody,
        }
    }

    /// May the actor do `action` on `target`? Supervisor and mentor rights are looked up.
    pub async fn can<C: ConnectionTrait>(
        &self,
        db: &C,
        action: Action,
        target: Target<'_>,
    ) -> Result<bool, DbErr> {
        use Action::*;
        // Acts of the pair's own people: nobody acts for them, an admin neither.
        match (action, target) {
            (RecordMentoringSession, Target::Pair { mentor, .. }) => {
                return Ok(self.employee_id == Some(mentor.id));
            }
            (ConfirmMentoringSession, Target::Pair { mentee, .. }) => {
                return Ok(self.employee_id == Some(mentee.id));
            }
            _ => {}
        }
        if self.role == Role::Admin {
            return Ok(true);
        }
        let operator = self.role == Role::Operator;
        Ok(match (action, target) {
            (UseStaffPages, _) => operator,
            (Import, Target::Region) => operator,
            (EditCompetencies | ViewAuditLog | ManageOperations, _) => false,
            (ViewAgency, Target::Agency(id)) => operator && self.in_scope(id),
            (EditAgency, Target::Agency(id)) => operator && self.in_scope(id),
            (EditPosition, Target::Position(Some(agency_id))) => operator && self.in_scope(agency_id),
            (EditPosition, Target::Position(None)) => false,
            (ViewEmployee, Target::Employee(e)) => {
                (operator && self.in_scope(e.agency_id)) || self.is_personally_related(db, e).await?
            }
            (EditEmployee, Target::Employee(e)) => operator && self.in_scope(e.agency_id),
            (EditEmployee, Target::Agency(id)) => operator && self.in_scope(id),
            (ManageUsers, Target::User(u)) => {
                // Operators manage employee accounts of their agencies, never staff accounts.
                operator && u.role == Role::Employee && self.user_in_scope(db, u).await?
            }
            (ManageUsers, Target::Agency(id)) => operator && self.in_scope(id),
            (ManageTraining, _) => false,
            (ViewTraining, Target::Employee(e)) => {
                (operator && self.in_scope(e.agency_id)) || self.is_self_or_supervisor(e)
            }
            (EnrolOthers, Target::Employee(e)) => operator && self.in_scope(e.agency_id),
            (DecideEnrolment, Target::Employee(e)) => {
                (operator && self.in_scope(e.agency_id)) || self.is_supervisor_of(e)
            }
            (ViewJpRecap, Target::Agency(id)) => operator && self.in_scope(id),
            (EditSurveyTemplates, _) => false,
            (ViewSurveyResults, Target::Agency(id)) => operator && self.in_scope(id),
            (ViewGaps, Target::Employee(e)) => {
                (operator && self.in_scope(e.agency_id))
                    || self.employee_id.is_some_and(|me| e.id == me || e.supervisor_id == Some(me))
            }
            (ViewGapDashboard, Target::Region) => operator,
            (ViewGapDashboard, Target::Agency(id)) => operator && self.in_scope(id),
            (RecordAssessment, Target::Employee(e)) => operator && self.in_scope(e.agency_id),
            (RateSubordinate, Target::Employee(e)) => {
                self.employee_id.is_some_and(|me| e.supervisor_id == Some(me) && e.id != me)
            }
            (SelfAssess, Target::Employee(e)) => self.employee_id == Some(e.id),
            (ViewMentoringPair, Target::Pair { mentor, mentee }) => {
                (operator && (self.in_scope(mentor.agency_id) || self.in_scope(mentee.agency_id)))
                    || self.employee_id.is_some_and(|me| {
                        [mentor, mentee].iter().any(|p| p.id == me || p.supervisor_id == Some(me))
                    })
            }
            (CreateMentoringPair, Target::Employee(e)) => {
                (operator && self.in_scope(e.agency_id)) || self.is_supervisor_of(e)
            }
            (ViewMentoringOverview, Target::Region) => operator,
            (ViewMentoringOverview, Target::Agency(id)) => operator && self.in_scope(id),
            _ => false,
        })
    }

    /// Oneself or a direct subordinate (training records: not mentors).
    fn is_self_or_supervisor(&self, e: &employees::Model) -> bool {
        self.employee_id.is_some_and(|me| e.id == me || e.supervisor_id == Some(me))
    }

    /// The employee's direct supervisor.
    fn is_supervisor_of(&self, e: &employees::Model) -> bool {
        self.employee_id.is_some_and(|me| e.supervisor_id == Some(me) && e.id != me)
    }

    /// Oneself, a direct subordinate, or an active mentee.
    async fn is_personally_related<C: ConnectionTrait>(
        &self,
        db: &C,
        e: &employees::Model,
    ) -> Result<bool, DbErr> {
        let Some(me) = self.employee_id else { return Ok(false) };
        if e.id == me || e.supervisor_id == Some(me) {
            return Ok(true);
        }
        let mentoring = mentoring_pairs::Entity::find()
            .filter(mentoring_pairs::Column::MentorId.eq(me))
            .filter(mentoring_pairs::Column::MenteeId.eq(e.id))
            .filter(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
            .count(db)
            .await?;
        Ok(mentoring > 0)
    }

    async fn user_in_scope<C: ConnectionTrait>(&self, db: &C, u: &users::Model) -> Result<bool, DbErr> {
        let Some(employee_id) = u.employee_id else { return Ok(false) };
        Ok(employees::Entity::find_by_id(employee_id)
            .one(db)
            .await?
            .is_some_and(|e| self.in_scope(e.agency_id)))
    }
}

impl EmployeeScope {
    /// The SQL condition selecting the employees in scope.
    pub fn condition(&self) -> Condition {
        match self {
            EmployeeScope::All => Condition::all(),
            EmployeeScope::Agencies(ids) => {
                Condition::all().add(employees::Column::AgencyId.is_in(ids.clone()))
            }
            EmployeeScope::Personal(me) => Condition::any()
                .add(employees::Column::Id.eq(*me))
                .add(employees::Column::SupervisorId.eq(*me))
                .add(
                    employees::Column::Id.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(mentoring_pairs::Column::MenteeId)
                            .from(mentoring_pairs::Entity)
                            .and_where(mentoring_pairs::Column::MentorId.eq(*me))
                            .and_where(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
                            .to_owned(),
                    ),
                ),
            EmployeeScope::Nobody => Condition::all().add(employees::Column::Id.eq(-1)),
        }
    }
}

/// An agency and all agencies below it (the tree is shallow: region → agency → unit, but
/// any depth works). One query per level.
pub async fn agency_subtree<C: ConnectionTrait>(db: &C, root: i64) -> Result<Vec<i64>, DbErr> {
    let mut all = vec![root];
    let mut frontier = vec![root];
    while !frontier.is_empty() {
        let children: Vec<i64> = agencies::Entity::find()
            .select_only()
            .column(agencies::Column::Id)
            .filter(agencies::Column::ParentId.is_in(frontier))
            .into_tuple()
            .all(db)
            .await?;
        frontier = children.into_iter().filter(|id| !all.contains(id)).collect();
        all.extend(&frontier);
    }
    Ok(all)
}
