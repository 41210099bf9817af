//! User accounts: creation and the rules that govern them.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, SqlErr,
};

use crate::email::{Email, EmailError};
use crate::enums::{Locale, Role};
use crate::nip::{Nip, NipError};
use crate::schema::{agencies, employees, users};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("invalid e-mail: {0}")]
    Email(#[from] EmailError),
    #[error("invalid NIP: {0}")]
    Nip(#[from] NipError),
    #[error("an operator account needs the code of the agency it works for (--agency)")]
    OperatorNeedsAgency,
    #[error("no agency has the code {0:?}")]
    UnknownAgency(String),
    #[error("no employee has the NIP {0}")]
    UnknownEmployee(String),
    #[error("an account with the e-mail {0} already exists")]
    EmailTaken(String),
    #[error("the employee with NIP {0} already has an account")]
    EmployeeHasAccount(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub role: Role,
    /// Required for operators: the agency (OPD) they administer.
    pub agency_code: Option<&'a str>,
    /// Links the account to an employee record.
    pub nip: Option<&'a str>,
    /// An argon2id PHC string; hashing is the caller's job (it is slow, and async callers
    /// run it off the executor).
    pub password_hash: String,
}

pub async fn create_user<C: ConnectionTrait>(db: &C, new: NewUser<'_>) -> Result<users::Model, AccountError> {
    let email = Email::parse(new.email)?;
    let agency_id = match (new.role, new.agency_code) {
        (Role::Operator, None) => return Err(AccountError::OperatorNeedsAgency),
        (_, None) => None,
        (_, Some(code)) => Some(
            agencies::Entity::find()
                .filter(agencies::Column::Code.eq(code.trim()))
                .one(db)
                .await?
                .ok_or_else(|| AccountError::UnknownAgency(code.trim().to_owned()))?
                .id,
        ),
    };
    let employee_id = match new.nip {
        None => None,
        Some(raw) => {
            let nip = Nip::parse(raw)?;
            Some(
                employees::Entity::find()
                    .filter(employees::Column::Nip.eq(nip.as_str()))
                    .one(db)
                    .await?
                    .ok_or_else(|| AccountError::UnknownEmployee(nip.to_string()))?
                    .id,
            )
        }
    };
    let now = Utc::now();
    let inserted = users::ActiveModel {
        email: Set(email.as_str().to_owned()),
        password_hash: Set(new.password_hash),
        role: Set(new.role),
        agency_id: Set(agency_id),
        employee_id: Set(employee_id),
        locale: Set(Locale::Id),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(user) => Ok(user),
        Err(err) => Err(match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) if detail.contains("employee") => {
                AccountError::EmployeeHasAccount(new.nip.unwrap_or_default().trim().to_owned())
            }
            Some(SqlErr::UniqueConstraintViolation(_)) => AccountError::EmailTaken(email.to_string()),
            _ => AccountError::Db(err),
        }),
    }
}

/// The account a sign-in identifier names: an e-mail address, or the NIP of the employee
/// the account belongs to.
pub async fn find_for_login<C: ConnectionTrait>(
    db: &C,
    identifier: &str,
) -> Result<Option<users::Model>, DbErr> {
    let identifier = identifier.trim();
    if identifier.chars().all(|c| c.is_ascii_digit()) && !identifier.is_empty() {
        let employee =
            employees::Entity::find().filter(employees::Column::Nip.eq(identifier)).one(db).await?;
        return match employee {
            Some(e) => users::Entity::find().filter(users::Column::EmployeeId.eq(e.id)).one(db).await,
            None => Ok(None),
        };
    }
    users::Entity::find().filter(users::Column::Email.eq(identifier.to_lowercase())).one(db).await
}

/// The name to greet a user by: their employee name, else their e-mail.
pub async fn display_name<C: ConnectionTrait>(db: &C, user: &users::Model) -> Result<String, DbErr> {
    Ok(match user.employee_id {
        Some(id) => employees::Entity::find_by_id(id).one(db).await?.map(|e| e.name),
        None => None,
    }
    .unwrap_or_else(|| user.email.clone()))
}

pub async fn record_login<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    now: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::LastLoginAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a new password; every reset link still outstanding for the account stops working.
pub async fn set_password_hash<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    password_hash: String,
    now: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, sea_orm::sea_query::Expr::value(password_hash))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    crate::auth::resets::invalidate_all(db, user_id, now).await?;
    Ok(())
}

pub async fn set_locale<C: ConnectionTrait>(db: &C, user_id: i64, locale: Locale) -> Result<(), DbErr> {
    users::Entity::update_many()
        .col_expr(users::Column::Locale, sea_orm::sea_query::Expr::value(locale))
        .col_expr(users::Column::UpdatedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A user with the employee record and agency it is linked to, for profile pages.
pub struct Profile {
    pub user: users::Model,
    pub employee: Option<employees::Model>,
    pub agency: Option<agencies::Model>,
}

pub async fn profile<C: ConnectionTrait>(db: &C, user_id: i64) -> Result<Option<Profile>, DbErr> {
    let Some(user) = users::Entity::find_by_id(user_id).one(db).await? else { return Ok(None) };
    let employee = match user.employee_id {
        Some(id) => employees::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let agency_id = employee.as_ref().map(|e| e.agency_id).or(user.agency_id);
    let agency = match agency_id {
        Some(id) => agencies::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(Some(Profile { user, employee, agency }))
}
