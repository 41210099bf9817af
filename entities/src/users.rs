//! User accounts as staff manage them: the list, creating an account, changing its role,
//! agency, link and status, deactivating it. Admins manage every account; agency operators
//! only employee accounts linked to employees of their agency (policy `ManageUsers`).
//!
//! Deactivating an account ends its sessions at once (their rows are deleted in the same
//! transaction); its API tokens stop working because `tokens::authenticate` refuses
//! inactive accounts. The audit log never sees a password hash: it records [`AccountView`].

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, FromQueryResult, IntoActiveModel, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, SqlErr,
};
use serde::Serialize;

use crate::audit::{self, Change};
use crate::auth::sessions;
use crate::email::Email;
use crate::employees::{email_problem, like_contains, nip_problem, parse_id};
use crate::enums::{Locale, Role};
use crate::i18n::Msg;
use crate::nip::Nip;
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Target};
use crate::schema::{agencies, employees, users};
use crate::tx::begin_write;
use crate::validation::{Problem, WriteError};

/// The table name the audit log files account changes under.
pub const AUDIT_ENTITY: &str = "users";

/// An account as the audit log records it: everything but the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountView {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub employee_id: Option<i64>,
    pub locale: Locale,
    pub is_active: bool,
}

impl From<&users::Model> for AccountView {
    fn from(u: &users::Model) -> Self {
        AccountView {
            id: u.id,
            email: u.email.clone(),
            role: u.role,
            agency_id: u.agency_id,
            employee_id: u.employee_id,
            locale: u.locale,
            is_active: u.is_active,
        }
    }
}

// ---------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    /// Part of the e-mail address or of the linked employee's name (any case).
    pub q: String,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// One line of the account list, with the agency and employee joined in.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub employee_id: Option<i64>,
    pub employee_name: Option<String>,
    pub employee_nip: Option<String>,
    pub is_active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    filter: &UserFilter,
    page: PageRequest,
) -> Result<Page<UserRow>, DbErr> {
    let mut condition = actor.manageable_users();
    let q = filter.q.trim().to_lowercase();
    if !q.is_empty() {
        let named = Query::select()
            .column(employees::Column::Id)
            .from(employees::Entity)
            .and_where(Expr::expr(Func::lower(Expr::col(employees::Column::Name))).like(like_contains(&q)))
            .to_owned();
        condition = condition.add(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col((users::Entity, users::Column::Email))))
                        .like(like_contains(&q)),
                )
                .add(users::Column::EmployeeId.in_subquery(named)),
        );
    }
    if let Some(role) = filter.role {
        condition = condition.add(users::Column::Role.eq(role));
    }
    if let Some(active) = filter.active {
        condition = condition.add(users::Column::IsActive.eq(active));
    }
    let query = users::Entity::find()
        .select_only()
        .columns([
            users::Column::Id,
            users::Column::Email,
            users::Column::Role,
            users::Column::AgencyId,
            users::Column::EmployeeId,
            users::Column::IsActive,
            users::Column::LastLoginAt,
        ])
        .column_as(agencies::Column::Name, "agency_name")
        .column_as(employees::Column::Name, "employee_name")
        .column_as(employees::Column::Nip, "employee_nip")
        .join(JoinType::LeftJoin, users::Relation::Agency.def())
        .join(JoinType::LeftJoin, users::Relation::Employee.def())
        .filter(condition)
        .order_by_asc(users::Column::Email)
        .into_model::<UserRow>();
    Page::fetch(db, query, page).await
}

// ---------------------------------------------------------------------------------------
// One account
// ---------------------------------------------------------------------------------------

/// An account with its agency and employee, for its page.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: users::Model,
    pub agency: Option<agencies::Model>,
    pub employee: Option<employees::Model>,
}

/// The account `id` if the actor may manage it.
pub async fn find_manageable<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> Result<Option<Account>, DbErr> {
    let Some(user) = users::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    if !actor.can(db, Action::ManageUsers, Target::User(&user)).await? {
        return Ok(None);
    }
    let agency = match user.agency_id {
        Some(id) => agencies::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let employee = match user.employee_id {
        Some(id) => employees::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(Some(Account { user, agency, employee }))
}

// ---------------------------------------------------------------------------------------
// Creating and changing
// ---------------------------------------------------------------------------------------

/// An account as typed into the form or sent to the API, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountInput {
    pub email: String,
    pub role: String,
    /// The agency an operator works for (ignored for other roles).
    pub agency_id: String,
    /// The NIP of the employee the account belongs to (required for employee accounts).
    pub nip: String,
    pub is_active: bool,
}

impl AccountInput {
    pub fn of(account: &Account) -> AccountInput {
        AccountInput {
            email: account.user.email.clone(),
            role: account.user.role.as_str().to_owned(),
            agency_id: account.user.agency_id.map(|id| id.to_string()).unwrap_or_default(),
            nip: account.employee.as_ref().map(|e| e.nip.clone()).unwrap_or_default(),
            is_active: account.user.is_active,
        }
    }

    pub fn blank() -> AccountInput {
        AccountInput { role: Role::Employee.as_str().to_owned(), is_active: true, ..Default::default() }
    }
}

struct Checked {
    email: String,
    role: Role,
    agency_id: Option<i64>,
    employee_id: Option<i64>,
    is_active: bool,
}

async fn check<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    input: &AccountInput,
    existing: Option<&users::Model>,
) -> Result<Result<Checked, Vec<Problem>>, DbErr> {
    let mut problems = Vec::new();
    let existing_id = existing.map(|u| u.id);
    let others = |select: sea_orm::Select<users::Entity>| match existing_id {
        Some(id) => select.filter(users::Column::Id.ne(id)),
        None => select,
    };

    let email = match Email::parse(&input.email) {
        Ok(email) => {
            let taken = others(users::Entity::find().filter(users::Column::Email.eq(email.as_str())))
                .count(db)
                .await?;
            if taken > 0 {
                problems.push(Problem::new("email", Msg::UserEmailTaken).with("email", &email));
            }
            Some(email.as_str().to_owned())
        }
        Err(err) => {
            problems.push(email_problem("email", err));
            None
        }
    };

    let role = match Role::parse(&input.role) {
        Some(role) if actor.assignable_roles().contains(&role) => Some(role),
        Some(_) => {
            problems.push(Problem::new("role", Msg::UserRoleNotAllowed));
            None
        }
        None => {
            problems.push(Problem::new("role", Msg::UserRoleMissing));
            None
        }
    };
    // Nobody takes away their own access: an admin keeps their role and stays active.
    if let Some(me) = existing.filter(|u| u.id == actor.user_id) {
        if role.is_some_and(|r| r != me.role) {
            problems.push(Problem::new("role", Msg::UserOwnRole));
        }
        if !input.is_active {
            problems.push(Problem::new("is_active", Msg::UserOwnDeactivation));
        }
    }

    let agency_id = match role {
        Some(Role::Operator) => {
            let agency = match parse_id(&input.agency_id) {
                Ok(Some(id)) if actor.can(db, Action::ManageUsers, Target::Agency(id)).await? => {
                    agencies::Entity::find_by_id(id).one(db).await?
                }
                _ => None,
            };
            if agency.is_none() {
                problems.push(Problem::new("agency_id", Msg::UserAgencyMissing));
            }
            agency.map(|a| a.id)
        }
        _ => None,
    };

    let employee_id = match input.nip.trim() {
        "" => {
            if role == Some(Role::Employee) {
                problems.push(Problem::new("nip", Msg::UserEmployeeNipMissing));
            }
            None
        }
        raw => match Nip::parse(raw) {
            Err(err) => {
                problems.push(nip_problem("nip", err));
                None
            }
            Ok(nip) => {
                let employee = employees::Entity::find()
                    .filter(employees::Column::Nip.eq(nip.as_str()))
                    .filter(actor.reach(Action::ViewEmployee).employees())
                    .one(db)
                    .await?;
                match employee {
                    None => {
                        problems.push(Problem::new("nip", Msg::UserEmployeeUnknown).with("nip", &nip));
                        None
                    }
                    Some(e) => {
                        let linked = others(users::Entity::find().filter(users::Column::EmployeeId.eq(e.id)))
                            .count(db)
                            .await?;
                        if linked > 0 {
                            problems.push(Problem::new("nip", Msg::UserEmployeeHasAccount).with("nip", &nip));
                        }
                        Some(e.id)
                    }
                }
            }
        },
    };

    Ok(match (email, role) {
        (Some(email), Some(role)) if problems.is_empty() => {
            Ok(Checked { email, role, agency_id, employee_id, is_active: input.is_active })
        }
        _ => Err(problems),
    })
}

/// A unique violation found by the database (a concurrent write won the race) as the field
/// problem the checks would have reported.
fn unique_violation(err: DbErr, input: &AccountInput, email: &str) -> WriteError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(detail)) if detail.contains("employee") => {
            WriteError::Invalid(vec![
                Problem::new("nip", Msg::UserEmployeeHasAccount).with("nip", input.nip.trim()),
            ])
        }
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            WriteError::Invalid(vec![Problem::new("email", Msg::UserEmailTaken).with("email", email)])
        }
        _ => WriteError::Db(err),
    }
}

/// Creates an account with the given password hash (hashing is the caller's job: it is slow
/// and async callers run it off the executor), with its audit entry.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &AccountInput,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<users::Model, WriteError> {
    if !actor.may(Action::UseStaffPages) {
        return Err(WriteError::NotFound);
    }
    let txn = begin_write(db).await?;
    let c = check(&txn, actor, input, None).await?.map_err(WriteError::Invalid)?;
    let inserted = users::ActiveModel {
        email: Set(c.email.clone()),
        password_hash: Set(password_hash),
        role: Set(c.role),
        agency_id: Set(c.agency_id),
        employee_id: Set(c.employee_id),
        locale: Set(Locale::Id),
        is_active: Set(c.is_active),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|err| unique_violation(err, input, &c.email))?;
    let view = AccountView::from(&inserted);
    audit::record(&txn, Change::created(actor.user_id, AUDIT_ENTITY, inserted.id, &view), now).await?;
    txn.commit().await?;
    Ok(inserted)
}

async fn manageable<C: ConnectionTrait>(db: &C, actor: &Actor, id: i64) -> Result<users::Model, WriteError> {
    match users::Entity::find_by_id(id).one(db).await? {
        Some(u) if actor.can(db, Action::ManageUsers, Target::User(&u)).await? => Ok(u),
        _ => Err(WriteError::NotFound),
    }
}

/// Changes an account's e-mail, role, agency, employee link and status, with its audit
/// entry. A deactivated account's sessions end in the same transaction.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &AccountInput,
    now: DateTime<Utc>,
) -> Result<users::Model, WriteError> {
    let txn = begin_write(db).await?;
    let before = manageable(&txn, actor, id).await?;
    let c = check(&txn, actor, input, Some(&before)).await?.map_err(WriteError::Invalid)?;
    let proposed = users::Model {
        email: c.email.clone(),
        role: c.role,
        agency_id: c.agency_id,
        employee_id: c.employee_id,
        is_active: c.is_active,
        ..before.clone()
    };
    if proposed == before {
        return Ok(before);
    }
    let after =
        save(&txn, &before, proposed, now).await.map_err(|err| unique_violation(err, input, &c.email))?;
    record_change(&txn, actor, &before, &after, now).await?;
    txn.commit().await?;
    Ok(after)
}

/// Activates or deactivates an account, with its audit entry; deactivating ends its
/// sessions at once.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<users::Model, WriteError> {
    let txn = begin_write(db).await?;
    let before = manageable(&txn, actor, id).await?;
    if !active && before.id == actor.user_id {
        return Err(WriteError::Invalid(vec![Problem::new("is_active", Msg::UserOwnDeactivation)]));
    }
    if before.is_active == active {
        return Ok(before);
    }
    let after = save(&txn, &before, users::Model { is_active: active, ..before.clone() }, now).await?;
    record_change(&txn, actor, &before, &after, now).await?;
    txn.commit().await?;
    Ok(after)
}

async fn save<C: ConnectionTrait>(
    db: &C,
    before: &users::Model,
    after: users::Model,
    now: DateTime<Utc>,
) -> Result<users::Model, DbErr> {
    let mut active = before.clone().into_active_model();
    active.email = Set(after.email);
    active.role = Set(after.role);
    active.agency_id = Set(after.agency_id);
    active.employee_id = Set(after.employee_id);
    active.is_active = Set(after.is_active);
    active.updated_at = Set(now);
    active.update(db).await
}

/// The audit entry of a change, and the end of every session of an account that was
/// deactivated.
async fn record_change<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    before: &users::Model,
    after: &users::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    if before.is_active && !after.is_active {
        sessions::end_all(db, after.id).await?;
    }
    let (b, a) = (AccountView::from(before), AccountView::from(after));
    audit::record(db, Change::updated(actor.user_id, AUDIT_ENTITY, after.id, &b, &a), now).await
}
