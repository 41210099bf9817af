//! Who may do what: the one place that answers "may this user do this action on this
//! record". Pages and API endpoints ask it; list queries filter in SQL by the actor's
//! [`Reach`] ([`Actor::reach`]). A record outside a user's reach is reported as absent (404), never as
//! forbidden, so IDs cannot be probed.
//!
//! Roles are accounts' kinds (admin, agency operator, employee). Supervisor and mentor
//! rights are not roles: they follow from `employees.supervisor_id` and active
//! `mentoring_pairs`, and are looked up here.

use sea_orm::sea_query::{Alias, DynIden, Expr, ExprTrait, IntoIden, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    Statement, Value,
};

use crate::enums::{Locale, MentoringPairStatus, Role};
use crate::schema::{employees, mentoring_pairs, users};

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
    /// See draft batches and inactive programmes (they are visible to staff only).
    ViewDrafts,
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

/// Whose records an actor reaches for one action: what a list, an export, a dashboard or a
/// job filters by. The policy produces it ([`Actor::reach`]); the SQL it implies is written
/// once, in [`Reach::employees`] (sea-query) and [`Reach::employees_sql`] (the raw-SQL
/// builders render that same condition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// The whole region (admins).
    Region,
    /// Employees of these agencies: an operator's agency and its whole subtree, or a part of
    /// it chosen with [`Reach::narrow_to`].
    Agencies(Vec<i64>),
    /// One employee's own circle: themself, their direct subordinates and, when `mentees`,
    /// their active mentees.
    Personal {
        employee_id: i64,
        mentees: bool,
    },
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

    /// May the actor do a region-wide `action` (no record to look at)? Answered from the
    /// role alone, the same answer as [`Actor::can`] with [`Target::Region`]; record-level
    /// questions go through `can`.
    pub fn may(&self, action: Action) -> bool {
        use Action::*;
        match self.role {
            // Nobody acts for a pair's own people, an admin neither.
            Role::Admin => !matches!(action, RecordMentoringSession | ConfirmMentoringSession),
            Role::Operator => {
                matches!(
                    action,
                    UseStaffPages | ViewDrafts | Import | ViewGapDashboard | ViewMentoringOverview
                )
            }
            Role::Employee => false,
        }
    }

    /// An operator's own agency (the top of their reach); none for others.
    pub fn own_agency(&self) -> Option<i64> {
        self.agency_scope.first().copied()
    }

    fn in_scope(&self, agency_id: i64) -> bool {
        self.agency_scope.contains(&agency_id)
    }

    /// Whose records the actor reaches for `action`: admins the region, operators their
    /// agency's subtree, an employee their own circle where the action allows one (seeing an
    /// employee includes active mentees; training records and gaps do not), else nobody.
    pub fn reach(&self, action: Action) -> Reach {
        match (self.role, self.employee_id) {
            (Role::Admin, _) => Reach::Region,
            (Role::Operator, _) => Reach::Agencies(self.agency_scope.clone()),
            (Role::Employee, Some(employee_id)) => match action {
                Action::ViewEmployee => Reach::Personal { employee_id, mentees: true },
                Action::ViewTraining | Action::ViewGaps => Reach::Personal { employee_id, mentees: false },
                _ => Reach::Nobody,
            },
            (Role::Employee, None) => Reach::Nobody,
        }
    }

    /// Whose records a staff view (a recap, survey results, an overview) covers: the actor's
    /// reach for `action`, narrowed to `agency` and everything below it when one is asked
    /// for. `None` when the actor has no staff reach for it or the agency lies outside it
    /// (the caller answers 404).
    pub async fn staff_reach<C: ConnectionTrait>(
        &self,
        db: &C,
        action: Action,
        agency: Option<i64>,
    ) -> Result<Option<Reach>, DbErr> {
        let reach = self.reach(action);
        if !reach.is_staff_wide() {
            return Ok(None);
        }
        match agency {
            None => Ok(Some(reach)),
            Some(id) => reach.narrow_to(db, id).await,
        }
    }

    /// The accounts the actor may manage, as SQL: admins all; operators the employee
    /// accounts linked to employees of their agencies; nobody else any.
    pub fn manageable_users(&self) -> Condition {
        match self.role {
            Role::Admin => Condition::all(),
            Role::Operator => Condition::all().add(users::Column::Role.eq(Role::Employee)).add(
                users::Column::EmployeeId.in_subquery(
                    Query::select()
                        .column(employees::Column::Id)
                        .from(employees::Entity)
                        .cond_where(self.reach(Action::ManageUsers).employees())
                        .to_owned(),
                ),
            ),
            Role::Employee => Condition::all().add(Expr::cust("1 = 0")),
        }
    }

    /// The roles the actor may give an account: admins any, operators only `employee`.
    pub fn assignable_roles(&self) -> &'static [Role] {
        match self.role {
            Role::Admin => Role::ALL,
            Role::Operator => &[Role::Employee],
            Role::Employee => &[],
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
            (UseStaffPages | ViewDrafts, _) => operator,
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

impl Reach {
    /// The condition selecting the employees in reach, on the `employees` table.
    pub fn employees(&self) -> Condition {
        self.employees_as(employees::Entity.into_iden())
    }

    /// The condition selecting the employees in reach, on `employees` aliased `alias`.
    pub fn employees_aliased(&self, alias: &str) -> Condition {
        self.employees_as(Alias::new(alias).into_iden())
    }

    /// The same condition as SQL text with `?` placeholders and its values, for the raw-SQL
    /// builders (`employees` aliased `alias`): rendered from [`Reach::employees_aliased`], so
    /// the rule exists once for both backends.
    pub fn employees_sql(&self, alias: &str) -> (String, Vec<Value>) {
        let select =
            Query::select().expr(Expr::cust("1")).cond_where(self.employees_aliased(alias)).to_owned();
        let built = DbBackend::Sqlite.build(&select);
        let text = built.sql.strip_prefix("SELECT 1 WHERE ").unwrap_or("1 = 0").to_owned();
        let values = built.values.map(|v| v.0).unwrap_or_default();
        (format!("({text})"), values)
    }

    fn employees_as(&self, table: DynIden) -> Condition {
        let col = |c: employees::Column| Expr::col((table.clone(), c));
        match self {
            Reach::Region => Condition::all().add(Expr::cust("1 = 1")),
            Reach::Agencies(ids) => Condition::all().add(col(employees::Column::AgencyId).is_in(ids.clone())),
            Reach::Personal { employee_id: me, mentees } => {
                let mut any = Condition::any()
                    .add(col(employees::Column::Id).eq(*me))
                    .add(col(employees::Column::SupervisorId).eq(*me));
                if *mentees {
                    any = any.add(
                        col(employees::Column::Id).in_subquery(
                            Query::select()
                                .column(mentoring_pairs::Column::MenteeId)
                                .from(mentoring_pairs::Entity)
                                .and_where(mentoring_pairs::Column::MentorId.eq(*me))
                                .and_where(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
                                .to_owned(),
                        ),
                    );
                }
                any
            }
            Reach::Nobody => Condition::all().add(Expr::cust("1 = 0")),
        }
    }

    /// The agencies an agency-level view (a dashboard, a recap, results) may show: `None`
    /// for the whole region, else these (none for an employee's personal circle).
    pub fn agencies(&self) -> Option<&[i64]> {
        match self {
            Reach::Region => None,
            Reach::Agencies(ids) => Some(ids),
            Reach::Personal { .. } | Reach::Nobody => Some(&[]),
        }
    }

    /// The condition selecting rows of an agency-keyed table (agencies by id, positions by
    /// their agency, …) in reach: all for the region, none for a personal circle.
    pub fn agency_rows<C: ColumnTrait>(&self, column: C) -> Condition {
        match self.agencies() {
            // Not empty: an empty condition would vanish inside an `any`.
            None => Condition::all().add(Expr::cust("1 = 1")),
            Some(ids) => Condition::all().add(column.is_in(ids.to_vec())),
        }
    }

    /// Whether the agency (as a whole) is in reach.
    pub fn includes_agency(&self, agency_id: i64) -> bool {
        self.agencies().is_none_or(|ids| ids.contains(&agency_id))
    }

    /// Staff reach: the region or some agencies (not a personal circle, not nobody).
    pub fn is_staff_wide(&self) -> bool {
        matches!(self, Reach::Region | Reach::Agencies(_))
    }

    /// This reach narrowed to one agency and everything below it; `None` when that agency is
    /// not in reach (the caller answers 404).
    pub async fn narrow_to<C: ConnectionTrait>(
        &self,
        db: &C,
        agency_id: i64,
    ) -> Result<Option<Reach>, DbErr> {
        if !self.is_staff_wide() || !self.includes_agency(agency_id) {
            return Ok(None);
        }
        Ok(Some(Reach::Agencies(agency_subtree(db, agency_id).await?)))
    }
}

/// An agency and every agency below it, at any depth, the agency itself first: one recursive
/// query (`WITH RECURSIVE`, the same text on SQLite and PostgreSQL). `UNION` (not `UNION ALL`)
/// drops rows already found, so a cycle in stored data ends the recursion instead of looping.
pub async fn agency_subtree<C: ConnectionTrait>(db: &C, root: i64) -> Result<Vec<i64>, DbErr> {
    let backend = db.get_database_backend();
    let placeholder = match backend {
        DbBackend::Postgres => "$1",
        _ => "?",
    };
    let sql = format!(
        "WITH RECURSIVE subtree(id) AS ( \
           SELECT id FROM agencies WHERE id = {placeholder} \
           UNION SELECT a.id FROM agencies a JOIN subtree s ON a.parent_id = s.id \
         ) SELECT CAST(id AS BIGINT) AS id FROM subtree"
    );
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, [root.into()])).await?;
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        if id != root {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    Ok(std::iter::once(root).chain(ids).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reach_filter_renders_once_for_raw_sql() {
        let (sql, values) = Reach::Agencies(vec![3, 5]).employees_sql("e");
        assert_eq!(sql, r#"("e"."agency_id" IN (?, ?))"#);
        assert_eq!(values, vec![Value::BigInt(Some(3)), Value::BigInt(Some(5))]);
        assert_eq!(Reach::Region.employees_sql("p").0, "(1 = 1)");
        assert_eq!(Reach::Nobody.employees_sql("p").0, "(1 = 0)");
        let (sql, values) = Reach::Personal { employee_id: 7, mentees: false }.employees_sql("e");
        assert_eq!(sql, r#"("e"."id" = ? OR "e"."supervisor_id" = ?)"#);
        assert_eq!(values.len(), 2);
        let (sql, _) = Reach::Personal { employee_id: 7, mentees: true }.employees_sql("e");
        assert!(sql.contains(r#""e"."id" IN (SELECT "mentee_id" FROM "mentoring_pairs""#), "{sql}");
        // No agencies at all selects nobody, never everybody.
        let (sql, values) = Reach::Agencies(Vec::new()).employees_sql("e");
        assert_eq!((sql.as_str(), values.len()), ("(? = ?)", 2), "sea-query's empty IN: 1 = 2");
        assert_ne!(values[0], values[1]);
    }

    #[test]
    fn agency_views_follow_the_reach() {
        assert_eq!(Reach::Region.agencies(), None);
        assert!(Reach::Region.includes_agency(42));
        assert!(Reach::Agencies(vec![1, 2]).includes_agency(2));
        assert!(!Reach::Agencies(vec![1, 2]).includes_agency(3));
        assert!(!Reach::Personal { employee_id: 1, mentees: true }.includes_agency(1));
        assert!(!Reach::Nobody.is_staff_wide());
    }
}
