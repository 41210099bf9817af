//! Employees (ASN: PNS and PPPK): the staff list, one employee's record, and the rules for
//! creating and changing a record. Every change is written together with its audit entry in
//! one write transaction; an employee is deactivated, never deleted.
//!
//! The list stays fast with 100,000 employees: one COUNT and one page query, every filter on
//! an indexed column of `employees` (`agency_id`, `position_id`, the unique `nip` for NIP
//! prefixes as a range, `name` for the order), and the agency and position names joined
//! into the page query rather than looked up per row.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, FromQueryResult, IntoActiveModel, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, SqlErr,
};

use crate::audit::{self, Change};
use crate::email::{Email, EmailError};
use crate::enums::{EmploymentType, Grade, PppkGrade};
use crate::i18n::Msg;
use crate::nip::{Nip, NipError};
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Reach, Target, agency_subtree};
use crate::records::{DateField, EmployeeGrade, GradeError, Terms, TermsError, parse_date};
use crate::schema::{agencies, employees, positions, users};
use crate::tx::begin_write;
use crate::validation::{Problem, WriteError};

/// The table name the audit log files employee changes under.
pub const AUDIT_ENTITY: &str = "employees";
/// At most this many subordinates are listed on a record page (the total is counted).
pub const SUBORDINATES_SHOWN: u64 = 50;

/// The catalogue message for a NIP that does not parse, on `field`.
pub fn nip_problem(field: &'static str, err: NipError) -> Problem {
    match err {
        NipError::WrongLength { found } => {
            Problem::new(field, Msg::EmployeeNipWrongLength).with("found", found)
        }
        NipError::NotDigits => Problem::new(field, Msg::EmployeeNipNotDigits),
        NipError::InvalidBirthDate => Problem::new(field, Msg::EmployeeNipBirthDate),
        NipError::InvalidAppointment => Problem::new(field, Msg::EmployeeNipAppointment),
        NipError::AppointedUnder18 => Problem::new(field, Msg::EmployeeNipUnder18),
        NipError::AppointmentInFuture => Problem::new(field, Msg::EmployeeNipFuture),
        NipError::InvalidGender { digit } => Problem::new(field, Msg::EmployeeNipGender).with("digit", digit),
        NipError::ZeroSequence => Problem::new(field, Msg::EmployeeNipZeroSequence),
        NipError::NipForPppk => Problem::new(field, Msg::EmployeeNipForPppk),
        NipError::NiPppkForPns => Problem::new(field, Msg::EmployeeNiPppkForPns),
    }
}

/// The catalogue message for an e-mail address that does not parse, on `field`.
pub fn email_problem(field: &'static str, err: EmailError) -> Problem {
    match err {
        EmailError::Empty => Problem::new(field, Msg::EmployeeEmailMissing),
        EmailError::Malformed(raw) => Problem::new(field, Msg::EmployeeEmailMalformed).with("value", raw),
    }
}

/// `%` and `_` are wildcards in LIKE; `\` escapes them.
pub(crate) fn like_contains(needle: &str) -> LikeExpr {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    LikeExpr::new(pattern).escape('\\')
}

/// A free-text ID from a form or query string: an `i64`, or nothing when empty.
pub fn parse_id(raw: &str) -> Result<Option<i64>, std::num::ParseIntError> {
    let raw = raw.trim();
    if raw.is_empty() { Ok(None) } else { raw.parse().map(Some) }
}

// ---------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------

/// What the employee list filters by. Empty means "any".
#[derive(Debug, Default, Clone)]
pub struct EmployeeFilter {
    /// Part of the name (any case), or the first digits of the NIP.
    pub q: String,
    /// An agency, with every unit below it.
    pub agency_id: Option<i64>,
    pub position_id: Option<i64>,
    pub employment_type: Option<EmploymentType>,
    pub active: Option<bool>,
}

/// One line of the list, with the agency and position names joined in.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct EmployeeRow {
    pub id: i64,
    pub nip: String,
    pub name: String,
    pub email: Option<String>,
    pub employment_type: EmploymentType,
    pub agency_id: i64,
    pub agency_name: String,
    pub position_id: Option<i64>,
    pub position_name: Option<String>,
    pub grade: Option<Grade>,
    pub pppk_grade: Option<PppkGrade>,
    pub is_active: bool,
}

impl EmployeeRow {
    /// The grade of the set of the employee's type (PNS `III/a`, PPPK `IX`).
    pub fn grade_label(&self) -> Option<&'static str> {
        match self.employment_type {
            EmploymentType::Pns => self.grade.map(|g| g.as_str()),
            EmploymentType::Pppk => self.pppk_grade.map(|g| g.as_str()),
        }
    }
}

/// NIPs starting with `prefix`, as a range on the unique NIP index (a `LIKE 'x%'` would not
/// use the index on every backend and collation; NIPs are digits, so the range is exact).
fn nip_prefix(prefix: &str) -> Condition {
    let mut condition = Condition::all().add(employees::Column::Nip.gte(prefix));
    // The next prefix of the same length: "1990" → "1991", "1999" → "2000"; none for "99".
    let mut next: Vec<u8> = prefix.bytes().collect();
    while let Some(last) = next.pop() {
        if last < b'9' {
            next.push(last + 1);
            condition = condition.add(employees::Column::Nip.lt(String::from_utf8_lossy(&next).into_owned()));
            break;
        }
    }
    condition
}

/// The employees in `scope` that match `filter`, a page at a time, ordered by name.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    reach: &Reach,
    filter: &EmployeeFilter,
    page: PageRequest,
) -> Result<Page<EmployeeRow>, DbErr> {
    let mut condition = reach.employees();
    let q = filter.q.trim();
    if !q.is_empty() {
        condition = if q.bytes().all(|b| b.is_ascii_digit()) {
            condition.add(nip_prefix(q))
        } else {
            condition.add(
                Expr::expr(Func::lower(Expr::col((employees::Entity, employees::Column::Name))))
                    .like(like_contains(&q.to_lowercase())),
            )
        };
    }
    if let Some(agency_id) = filter.agency_id {
        condition = condition.add(employees::Column::AgencyId.is_in(agency_subtree(db, agency_id).await?));
    }
    if let Some(position_id) = filter.position_id {
        condition = condition.add(employees::Column::PositionId.eq(position_id));
    }
    if let Some(kind) = filter.employment_type {
        condition = condition.add(employees::Column::EmploymentType.eq(kind));
    }
    if let Some(active) = filter.active {
        condition = condition.add(employees::Column::IsActive.eq(active));
    }

    let query = employees::Entity::find()
        .select_only()
        .columns([
            employees::Column::Id,
            employees::Column::Nip,
            employees::Column::Name,
            employees::Column::Email,
            employees::Column::EmploymentType,
            employees::Column::AgencyId,
            employees::Column::PositionId,
            employees::Column::Grade,
            employees::Column::PppkGrade,
            employees::Column::IsActive,
        ])
        .column_as(agencies::Column::Name, "agency_name")
        .column_as(positions::Column::Name, "position_name")
        .join(JoinType::InnerJoin, employees::Relation::Agency.def())
        .join(JoinType::LeftJoin, employees::Relation::Position.def())
        .filter(condition)
        .order_by_asc(employees::Column::Name)
        .order_by_asc(employees::Column::Id)
        .into_model::<EmployeeRow>();
    Page::fetch(db, query, page).await
}

// ---------------------------------------------------------------------------------------
// One record
// ---------------------------------------------------------------------------------------

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<employees::Model>, DbErr> {
    employees::Entity::find_by_id(id).one(db).await
}

/// An employee with what the record page shows about them.
#[derive(Debug, Clone)]
pub struct EmployeeRecord {
    pub employee: employees::Model,
    pub agency: Option<agencies::Model>,
    pub position: Option<positions::Model>,
    pub supervisor: Option<employees::Model>,
    /// Direct subordinates by name, at most [`SUBORDINATES_SHOWN`].
    pub subordinates: Vec<employees::Model>,
    pub subordinate_count: u64,
    /// The login account linked to the employee.
    pub user: Option<users::Model>,
}

pub async fn record<C: ConnectionTrait>(db: &C, employee: employees::Model) -> Result<EmployeeRecord, DbErr> {
    let agency = agencies::Entity::find_by_id(employee.agency_id).one(db).await?;
    let position = match employee.position_id {
        Some(id) => positions::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let supervisor = match employee.supervisor_id {
        Some(id) => employees::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let subordinates_query =
        employees::Entity::find().filter(employees::Column::SupervisorId.eq(employee.id));
    let subordinate_count = subordinates_query.clone().count(db).await?;
    let subordinates = subordinates_query
        .order_by_asc(employees::Column::Name)
        .order_by_asc(employees::Column::Id)
        .limit(SUBORDINATES_SHOWN)
        .all(db)
        .await?;
    let user = users::Entity::find().filter(users::Column::EmployeeId.eq(employee.id)).one(db).await?;
    Ok(EmployeeRecord { employee, agency, position, supervisor, subordinates, subordinate_count, user })
}

/// The employee with this NIP, if there is one.
pub async fn find_by_nip<C: ConnectionTrait>(db: &C, nip: &str) -> Result<Option<employees::Model>, DbErr> {
    employees::Entity::find().filter(employees::Column::Nip.eq(nip.trim())).one(db).await
}

// ---------------------------------------------------------------------------------------
// Choices for forms and filters
// ---------------------------------------------------------------------------------------

/// The agencies the actor works in (admins: all), depth-first in tree order with their depth
/// (0 for the top of what is shown), children by name.
pub async fn agency_choices<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> Result<Vec<(agencies::Model, usize)>, DbErr> {
    let reach = actor.reach(Action::ViewAgency);
    if !reach.is_staff_wide() {
        return Ok(Vec::new());
    }
    let select = agencies::Entity::find()
        .order_by_asc(agencies::Column::Name)
        .filter(reach.agency_rows(agencies::Column::Id));
    let all = select.all(db).await?;
    let ids: HashSet<i64> = all.iter().map(|a| a.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&agencies::Model>> = HashMap::new();
    for a in &all {
        // A parent outside the shown set makes the agency a top of the shown tree.
        let parent = a.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(a);
    }
    let mut out = Vec::with_capacity(all.len());
    let mut stack: Vec<(&agencies::Model, usize)> =
        children.get(&None).map(|tops| tops.iter().rev().map(|a| (*a, 0)).collect()).unwrap_or_default();
    while let Some((agency, depth)) = stack.pop() {
        out.push((agency.clone(), depth));
        if let Some(kids) = children.get(&Some(agency.id)) {
            stack.extend(kids.iter().rev().map(|a| (*a, depth + 1)));
        }
    }
    Ok(out)
}

/// The positions the actor may give an employee: region-wide ones and those of agencies in
/// the actor's reach (admins: all), by name.
pub async fn position_choices<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> Result<Vec<positions::Model>, DbErr> {
    let reach = actor.reach(Action::ViewAgency);
    if !reach.is_staff_wide() {
        return Ok(Vec::new());
    }
    positions::Entity::find()
        .order_by_asc(positions::Column::Name)
        .filter(
            Condition::any()
                .add(positions::Column::AgencyId.is_null())
                .add(reach.agency_rows(positions::Column::AgencyId)),
        )
        .all(db)
        .await
}

// ---------------------------------------------------------------------------------------
// Creating and changing
// ---------------------------------------------------------------------------------------

/// An employee as typed into the form or sent to the API, not yet checked. Field names are
/// the form fields' and JSON properties' names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmployeeInput {
    pub nip: String,
    pub name: String,
    pub email: String,
    pub employment_type: String,
    pub agency_id: String,
    pub position_id: String,
    pub grade: String,
    /// The supervisor (atasan langsung), chosen by NIP; empty for none.
    pub supervisor_nip: String,
    pub is_active: bool,
    /// `YYYY-MM-DD` or empty (PPPK only).
    pub contract_start: String,
    pub contract_end: String,
    /// `YYYY-MM-DD` or empty: the TMT CPNS of a PNS who is still a candidate.
    pub cpns_appointed_on: String,
}

impl EmployeeInput {
    /// The stored record as input, to edit it.
    pub fn of(e: &employees::Model, supervisor_nip: Option<&str>) -> EmployeeInput {
        EmployeeInput {
            nip: e.nip.clone(),
            name: e.name.clone(),
            email: e.email.clone().unwrap_or_default(),
            employment_type: e.employment_type.as_str().to_owned(),
            agency_id: e.agency_id.to_string(),
            position_id: e.position_id.map(|id| id.to_string()).unwrap_or_default(),
            grade: EmployeeGrade::of(e).map(|g| g.as_str().to_owned()).unwrap_or_default(),
            supervisor_nip: supervisor_nip.unwrap_or_default().to_owned(),
            is_active: e.is_active,
            contract_start: e.contract_start.map(|d| d.to_string()).unwrap_or_default(),
            contract_end: e.contract_end.map(|d| d.to_string()).unwrap_or_default(),
            cpns_appointed_on: e.cpns_appointed_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// The input a new-employee form starts with.
    pub fn blank(agency_id: Option<i64>) -> EmployeeInput {
        EmployeeInput {
            employment_type: EmploymentType::Pns.as_str().to_owned(),
            agency_id: agency_id.map(|id| id.to_string()).unwrap_or_default(),
            is_active: true,
            ..Default::default()
        }
    }
}

/// An [`EmployeeInput`] that keeps every rule.
struct Checked {
    nip: Nip,
    name: String,
    email: Option<String>,
    employment_type: EmploymentType,
    agency_id: i64,
    position_id: Option<i64>,
    grade: Option<EmployeeGrade>,
    terms: Terms,
    supervisor_id: Option<i64>,
    is_active: bool,
}

/// A problem of the dated terms as a field problem.
fn terms_problem(err: &TermsError) -> Problem {
    let (msg, values) = err.message();
    values.into_iter().fold(Problem::new(err.field(), msg), |p, (k, v)| p.with(k, v))
}

const NAME_MAX: usize = 200;

/// Checks every field (reporting all problems at once) against the rules and the stored
/// data. `existing` is the record being changed (none when creating).
async fn check<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    input: &EmployeeInput,
    existing: Option<&employees::Model>,
) -> Result<Result<Checked, Vec<Problem>>, DbErr> {
    let mut problems = Vec::new();
    let existing_id = existing.map(|e| e.id);
    let others = |select: sea_orm::Select<employees::Entity>| match existing_id {
        Some(id) => select.filter(employees::Column::Id.ne(id)),
        None => select,
    };

    let nip = match Nip::parse(&input.nip) {
        Ok(nip) => {
            let taken = others(employees::Entity::find().filter(employees::Column::Nip.eq(nip.as_str())))
                .count(db)
                .await?;
            if taken > 0 {
                problems.push(Problem::new("nip", Msg::EmployeeNipTaken).with("nip", &nip));
            }
            Some(nip)
        }
        Err(err) => {
            problems.push(nip_problem("nip", err));
            None
        }
    };

    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        problems.push(Problem::new("name", Msg::EmployeeNameMissing));
    } else if name.chars().any(char::is_control) {
        problems.push(Problem::new("name", Msg::ControlCharacters));
    } else if name.chars().count() > NAME_MAX {
        problems.push(Problem::new("name", Msg::EmployeeNameTooLong).with("max", NAME_MAX));
    }

    let email = match input.email.trim() {
        "" => None,
        raw => match Email::parse(raw) {
            Ok(email) => {
                let taken =
                    others(employees::Entity::find().filter(employees::Column::Email.eq(email.as_str())))
                        .count(db)
                        .await?;
                if taken > 0 {
                    problems.push(Problem::new("email", Msg::EmployeeEmailTaken).with("email", &email));
                }
                Some(email.as_str().to_owned())
            }
            Err(err) => {
                problems.push(email_problem("email", err));
                None
            }
        },
    };

    let employment_type = EmploymentType::parse(&input.employment_type);
    match (employment_type, &nip) {
        (None, _) => problems.push(Problem::new("employment_type", Msg::EmployeeTypeMissing)),
        (Some(employment), Some(nip)) => {
            if let Err(err) = nip.check_employment(employment) {
                problems.push(nip_problem("nip", err));
            }
        }
        (Some(_), None) => {}
    }

    // The agency must exist and be one the actor may put employees in; an agency outside
    // the actor's reach is reported like a missing one.
    let agency = match parse_id(&input.agency_id) {
        Ok(Some(id)) if actor.can(db, Action::EditEmployee, Target::Agency(id)).await? => {
            agencies::Entity::find_by_id(id).one(db).await?
        }
        _ => None,
    };
    if agency.is_none() {
        problems.push(Problem::new("agency_id", Msg::EmployeeAgencyMissing));
    }

    let position_id = match parse_id(&input.position_id) {
        Ok(None) => None,
        Ok(Some(id)) => match positions::Entity::find_by_id(id).one(db).await? {
            None => {
                problems.push(Problem::new("position_id", Msg::EmployeePositionUnknown));
                None
            }
            Some(position) => {
                // A position of an agency is held in that agency or one of its units (a
                // record that already has it, in the same agency, keeps it as it is).
                let unchanged = existing.is_some_and(|e| {
                    e.position_id == Some(position.id) && agency.as_ref().is_some_and(|a| a.id == e.agency_id)
                });
                if let (Some(owner), Some(agency)) = (position.agency_id, &agency)
                    && !unchanged
                    && !agency_subtree(db, owner).await?.contains(&agency.id)
                {
                    problems.push(Problem::new("position_id", Msg::EmployeePositionOtherAgency));
                }
                Some(position.id)
            }
        },
        Err(_) => {
            problems.push(Problem::new("position_id", Msg::EmployeePositionUnknown));
            None
        }
    };

    // The grade is read with the set of the employment type (PNS I/a…IV/e, PPPK I…XVII).
    let grade = match (input.grade.trim(), employment_type) {
        ("", _) | (_, None) => None,
        (raw, Some(employment)) => match EmployeeGrade::parse_for(employment, raw) {
            Ok(grade) => Some(grade),
            Err(err) => {
                let msg = match err {
                    GradeError::Unknown { .. } => Msg::EmployeeGradeUnknown,
                    GradeError::PnsGradeForPppk { .. } => Msg::EmployeeGradePppk,
                    GradeError::PppkGradeForPns { .. } => Msg::EmployeeGradePns,
                };
                problems.push(Problem::new("grade", msg).with("value", raw));
                None
            }
        },
    };

    let mut terms = Terms::default();
    for (field, raw, slot) in [
        (DateField::ContractStart, &input.contract_start, &mut terms.contract_start),
        (DateField::ContractEnd, &input.contract_end, &mut terms.contract_end),
        (DateField::CpnsAppointedOn, &input.cpns_appointed_on, &mut terms.cpns_appointed_on),
    ] {
        match parse_date(field, raw) {
            Ok(date) => *slot = date,
            Err(err) => problems.push(terms_problem(&err)),
        }
    }
    if let Some(employment) = employment_type {
        problems.extend(terms.problems(employment, nip.as_ref()).iter().map(terms_problem));
    }

    let supervisor_id = match input.supervisor_nip.trim() {
        "" => None,
        raw => match Nip::parse(raw) {
            Err(err) => {
                problems.push(nip_problem("supervisor_nip", err));
                None
            }
            Ok(supervisor_nip) => {
                check_supervisor(db, actor, &supervisor_nip, nip.as_ref(), existing, &mut problems).await?
            }
        },
    };

    Ok(match (nip, employment_type, agency) {
        (Some(nip), Some(employment_type), Some(agency)) if problems.is_empty() => Ok(Checked {
            nip,
            name,
            email,
            employment_type,
            agency_id: agency.id,
            position_id,
            grade,
            terms,
            supervisor_id,
            is_active: input.is_active,
        }),
        _ => Err(problems),
    })
}

/// The supervisor must be an employee the actor can see (or the one the record already
/// has), not the employee itself, and not below the employee in the supervisor chain (which
/// would make a cycle).
async fn check_supervisor<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    supervisor_nip: &Nip,
    own_nip: Option<&Nip>,
    existing: Option<&employees::Model>,
    problems: &mut Vec<Problem>,
) -> Result<Option<i64>, DbErr> {
    const FIELD: &str = "supervisor_nip";
    if own_nip == Some(supervisor_nip) {
        problems.push(Problem::new(FIELD, Msg::EmployeeSupervisorSelf));
        return Ok(None);
    }
    let kept = existing.and_then(|e| e.supervisor_id);
    let mut reach = actor.reach(Action::ViewEmployee).employees();
    if let Some(kept) = kept {
        reach = Condition::any().add(reach).add(employees::Column::Id.eq(kept));
    }
    let supervisor = employees::Entity::find()
        .filter(employees::Column::Nip.eq(supervisor_nip.as_str()))
        .filter(reach)
        .one(db)
        .await?;
    let Some(supervisor) = supervisor else {
        problems.push(Problem::new(FIELD, Msg::EmployeeSupervisorUnknown).with("nip", supervisor_nip));
        return Ok(None);
    };
    let Some(me) = existing.map(|e| e.id) else { return Ok(Some(supervisor.id)) };
    if supervisor.id == me {
        problems.push(Problem::new(FIELD, Msg::EmployeeSupervisorSelf));
        return Ok(None);
    }
    // Walk up from the chosen supervisor; meeting the employee means a cycle.
    let mut seen = HashSet::from([supervisor.id]);
    let mut next = supervisor.supervisor_id;
    while let Some(id) = next {
        if id == me {
            problems.push(Problem::new(FIELD, Msg::EmployeeSupervisorCycle).with("name", &supervisor.name));
            return Ok(None);
        }
        if !seen.insert(id) {
            break;
        }
        next = employees::Entity::find_by_id(id).one(db).await?.and_then(|e| e.supervisor_id);
    }
    Ok(Some(supervisor.id))
}

/// A unique violation found by the database (a concurrent write won the race) as the field
/// problem the checks would have reported.
fn unique_violation(err: DbErr, nip: &Nip, email: Option<&str>) -> WriteError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(detail)) if detail.contains("email") => {
            WriteError::Invalid(vec![
                Problem::new("email", Msg::EmployeeEmailTaken).with("email", email.unwrap_or_default()),
            ])
        }
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            WriteError::Invalid(vec![Problem::new("nip", Msg::EmployeeNipTaken).with("nip", nip)])
        }
        _ => WriteError::Db(err),
    }
}

/// Creates an employee, with its audit entry.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &EmployeeInput,
    now: DateTime<Utc>,
) -> Result<employees::Model, WriteError> {
    if !actor.may(Action::UseStaffPages) {
        return Err(WriteError::NotFound);
    }
    let txn = begin_write(db).await?;
    let c = check(&txn, actor, input, None).await?.map_err(WriteError::Invalid)?;
    let inserted = employees::ActiveModel {
        nip: Set(c.nip.as_str().to_owned()),
        name: Set(c.name),
        email: Set(c.email.clone()),
        employment_type: Set(c.employment_type),
        agency_id: Set(c.agency_id),
        position_id: Set(c.position_id),
        grade: Set(c.grade.and_then(EmployeeGrade::pns)),
        pppk_grade: Set(c.grade.and_then(EmployeeGrade::pppk)),
        contract_start: Set(c.terms.contract_start),
        contract_end: Set(c.terms.contract_end),
        cpns_appointed_on: Set(c.terms.cpns_appointed_on),
        supervisor_id: Set(c.supervisor_id),
        is_active: Set(c.is_active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|err| unique_violation(err, &c.nip, c.email.as_deref()))?;
    audit::record(&txn, Change::created(actor.user_id, AUDIT_ENTITY, inserted.id, &inserted), now).await?;
    txn.commit().await?;
    Ok(inserted)
}

/// The employee `id` if the actor may change it, read inside the write transaction.
async fn editable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> Result<employees::Model, WriteError> {
    match employees::Entity::find_by_id(id).one(db).await? {
        Some(e) if actor.can(db, Action::EditEmployee, Target::Employee(&e)).await? => Ok(e),
        _ => Err(WriteError::NotFound),
    }
}

/// Changes an employee, with its audit entry (none when nothing changed).
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &EmployeeInput,
    now: DateTime<Utc>,
) -> Result<employees::Model, WriteError> {
    let txn = begin_write(db).await?;
    let before = editable(&txn, actor, id).await?;
    let c = check(&txn, actor, input, Some(&before)).await?.map_err(WriteError::Invalid)?;
    let proposed = employees::Model {
        nip: c.nip.as_str().to_owned(),
        name: c.name,
        email: c.email,
        employment_type: c.employment_type,
        agency_id: c.agency_id,
        position_id: c.position_id,
        grade: c.grade.and_then(EmployeeGrade::pns),
        pppk_grade: c.grade.and_then(EmployeeGrade::pppk),
        contract_start: c.terms.contract_start,
        contract_end: c.terms.contract_end,
        cpns_appointed_on: c.terms.cpns_appointed_on,
        supervisor_id: c.supervisor_id,
        is_active: c.is_active,
        ..before.clone()
    };
    if proposed == before {
        return Ok(before);
    }
    let after = save(&txn, &before, proposed, now).await.map_err(|err| {
        let email = input.email.trim().to_lowercase();
        unique_violation(err, &c.nip, Some(&email))
    })?;
    audit::record(&txn, Change::updated(actor.user_id, AUDIT_ENTITY, id, &before, &after), now).await?;
    txn.commit().await?;
    Ok(after)
}

/// Activates or deactivates an employee (employees are never deleted), with its audit entry.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<employees::Model, WriteError> {
    let txn = begin_write(db).await?;
    let before = editable(&txn, actor, id).await?;
    if before.is_active == active {
        return Ok(before);
    }
    let after = save(&txn, &before, employees::Model { is_active: active, ..before.clone() }, now).await?;
    audit::record(&txn, Change::updated(actor.user_id, AUDIT_ENTITY, id, &before, &after), now).await?;
    txn.commit().await?;
    Ok(after)
}

/// Writes the changed columns of `after` over `before`.
async fn save<C: ConnectionTrait>(
    db: &C,
    before: &employees::Model,
    after: employees::Model,
    now: DateTime<Utc>,
) -> Result<employees::Model, DbErr> {
    let mut active = before.clone().into_active_model();
    active.nip = Set(after.nip);
    active.name = Set(after.name);
    active.email = Set(after.email);
    active.employment_type = Set(after.employment_type);
    active.agency_id = Set(after.agency_id);
    active.position_id = Set(after.position_id);
    active.grade = Set(after.grade);
    active.pppk_grade = Set(after.pppk_grade);
    active.contract_start = Set(after.contract_start);
    active.contract_end = Set(after.contract_end);
    active.cpns_appointed_on = Set(after.cpns_appointed_on);
    active.supervisor_id = Set(after.supervisor_id);
    active.is_active = Set(after.is_active);
    active.updated_at = Set(now);
    active.update(db).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{DbBackend, QueryTrait};

    fn sql(condition: Condition) -> String {
        employees::Entity::find().filter(condition).build(DbBackend::Sqlite).to_string()
    }

    #[test]
    fn a_nip_prefix_is_a_range() {
        let s = sql(nip_prefix("1990"));
        assert!(s.contains(r#""nip" >= '1990'"#) && s.contains(r#""nip" < '1991'"#), "{s}");
        let s = sql(nip_prefix("1999"));
        assert!(s.contains(r#""nip" < '2'"#), "{s}");
        let s = sql(nip_prefix("99"));
        assert!(!s.contains('<'), "{s}");
    }

    #[test]
    fn like_wildcards_are_escaped() {
        let s = employees::Entity::find()
            .filter(Expr::col(employees::Column::Name).like(like_contains("50%_a\\")))
            .build(DbBackend::Sqlite)
            .to_string();
        assert!(s.contains(r"'%50\%\_a\\%'"), "{s}");
    }
}
