//! People and accounts: employees, users, user_sessions, api_tokens, password_resets,
//! login_throttles.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;
use crate::m20261125_000001_create_organisation::{Agencies, Positions};

const EMPLOYMENT_TYPE: &[&str] = &["pns", "pppk"];
const GRADE: &[&str] = &[
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a",
    "IV/b", "IV/c", "IV/d", "IV/e",
];
const ROLE: &[&str] = &["admin", "operator", "employee"];
const LOCALE: &[&str] = &["id", "en"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Employees::Table)
                    .col(big_pk_auto(Employees::Id))
                    .col(string_len(Employees::Nip, 18))
                    .col(string_len(Employees::Name, 200))
                    .col(string_len_null(Employees::Email, 254))
                    .col(string_len(Employees::EmploymentType, ENUM_LEN))
                    .col(big_integer(Employees::AgencyId))
                    .col(big_integer_null(Employees::PositionId))
                    .col(string_len_null(Employees::Grade, ENUM_LEN))
                    .col(big_integer_null(Employees::SupervisorId))
                    .col(boolean(Employees::IsActive).default(true))
                    .col(timestamp_with_time_zone(Employees::CreatedAt))
                    .col(timestamp_with_time_zone(Employees::UpdatedAt))
                    .foreign_key(&mut fk(
                        Employees::Table,
                        Employees::AgencyId,
                        Agencies::Table,
                        Agencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Employees::Table,
                        Employees::PositionId,
                        Positions::Table,
                        Positions::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Employees::Table,
                        Employees::SupervisorId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check(
                        Employees::Table,
                        Employees::Nip,
                        Expr::expr(Func::char_length(Expr::col(Employees::Nip))).eq(18),
                    ))
                    .check(check_in(Employees::Table, Employees::EmploymentType, EMPLOYMENT_TYPE))
                    .check(check_in(Employees::Table, Employees::Grade, GRADE))
                    .check(check(
                        Employees::Table,
                        Employees::SupervisorId,
                        Expr::col(Employees::SupervisorId).ne(Expr::col(Employees::Id)),
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                unique(Employees::Table, [Employees::Nip]),
                unique(Employees::Table, [Employees::Email]),
                index(Employees::Table, [Employees::AgencyId]),
                index(Employees::Table, [Employees::PositionId]),
                index(Employees::Table, [Employees::SupervisorId]),
                index(Employees::Table, [Employees::Name]),
            ],
        )
        .await?;

        // Supervisor and mentor rights are not roles: they follow from
        // `employees.supervisor_id` and active `mentoring_pairs`.
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_len(Users::Email, 254))
                    .col(text(Users::PasswordHash))
                    .col(string_len(Users::Role, ENUM_LEN))
                    .col(big_integer_null(Users::AgencyId))
                    .col(big_integer_null(Users::EmployeeId))
                    .col(string_len(Users::Locale, ENUM_LEN).default("id"))
                    .col(boolean(Users::IsActive).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Users::LastLoginAt))
                    .foreign_key(&mut fk(
                        Users::Table,
                        Users::AgencyId,
                        Agencies::Table,
                        Agencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Users::Table,
                        Users::EmployeeId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check_in(Users::Table, Users::Role, ROLE))
                    // An operator works for one agency.
                    .check(check(
                        Users::Table,
                        Users::AgencyId,
                        Expr::col(Users::Role).ne("operator").or(Expr::col(Users::AgencyId).is_not_null()),
                    ))
                    .check(check_in(Users::Table, Users::Locale, LOCALE))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [unique(Users::Table, [Users::Email]), unique(Users::Table, [Users::EmployeeId])],
        )
        .await?;

        // `id` is the SHA-256 of the cookie value.
        manager
            .create_table(
                Table::create()
                    .table(UserSessions::Table)
                    .col(string_len(UserSessions::Id, 64).primary_key())
                    .col(big_integer(UserSessions::UserId))
                    .col(string_len(UserSessions::CsrfToken, 64))
                    .col(timestamp_with_time_zone(UserSessions::CreatedAt))
                    .col(timestamp_with_time_zone(UserSessions::LastSeenAt))
                    .col(timestamp_with_time_zone(UserSessions::ExpiresAt))
                    .foreign_key(&mut fk(
                        UserSessions::Table,
                        UserSessions::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [index(UserSessions::Table, [UserSessions::UserId])]).await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(big_pk_auto(ApiTokens::Id))
                    .col(big_integer(ApiTokens::UserId))
                    .col(string_len(ApiTokens::Name, 100))
                    .col(string_len(ApiTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .foreign_key(&mut fk(
                        ApiTokens::Table,
                        ApiTokens::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [unique(ApiTokens::Table, [ApiTokens::TokenHash])]).await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .col(big_pk_auto(PasswordResets::Id))
                    .col(big_integer(PasswordResets::UserId))
                    .col(string_len(PasswordResets::TokenHash, 64))
                    .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                    .foreign_key(&mut fk(
                        PasswordResets::Table,
                        PasswordResets::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [unique(PasswordResets::Table, [PasswordResets::TokenHash])]).await?;

        // `key` is `account:<id>` or `ip:<addr>`.
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottles::Table)
                    .col(string_len(LoginThrottles::Key, 300).primary_key())
                    .col(integer(LoginThrottles::Failures))
                    .col(timestamp_with_time_zone(LoginThrottles::FirstFailedAt))
                    .col(timestamp_with_time_zone_null(LoginThrottles::LockedUntil))
                    .to_owned(),
            )
            .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                LoginThrottles::Table.into_iden(),
                PasswordResets::Table.into_iden(),
                ApiTokens::Table.into_iden(),
                UserSessions::Table.into_iden(),
                Users::Table.into_iden(),
                Employees::Table.into_iden(),
            ],
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum Employees {
    Table,
    Id,
    Nip,
    Name,
    Email,
    EmploymentType,
    AgencyId,
    PositionId,
    Grade,
    SupervisorId,
    IsActive,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    AgencyId,
    EmployeeId,
    Locale,
    IsActive,
    CreatedAt,
    UpdatedAt,
    LastLoginAt,
}

#[derive(DeriveIden)]
pub enum UserSessions {
    Table,
    Id,
    UserId,
    CsrfToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
pub enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
pub enum PasswordResets {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
pub enum LoginThrottles {
    Table,
    Key,
    Failures,
    FirstFailedAt,
    LockedUntil,
}
