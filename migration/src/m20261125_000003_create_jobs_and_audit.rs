//! Operations: job_runs, job_leases, audit_log (job_runs before gap_snapshots, which refers
//! to it).

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;
use crate::m20261125_000002_create_people_and_accounts::Users;

const JOB_TRIGGER: &[&str] = &["scheduled", "manual"];
const JOB_OUTCOME: &[&str] = &["running", "succeeded", "failed"];
const AUDIT_ACTION: &[&str] = &["create", "update", "delete"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `slot_at` is the scheduled slot in UTC, or the request time for a manual run; the
        // unique key (`job_name`, `slot_at`) lets only one instance claim a slot.
        manager
            .create_table(
                Table::create()
                    .table(JobRuns::Table)
                    .col(big_pk_auto(JobRuns::Id))
                    .col(string_len(JobRuns::JobName, 100))
                    .col(timestamp_with_time_zone(JobRuns::SlotAt))
                    .col(string_len(JobRuns::Trigger, ENUM_LEN))
                    .col(string_len(JobRuns::Holder, 200))
                    .col(timestamp_with_time_zone(JobRuns::StartedAt))
                    .col(timestamp_with_time_zone(JobRuns::LeaseExpiresAt))
                    .col(timestamp_with_time_zone_null(JobRuns::FinishedAt))
                    .col(string_len(JobRuns::Outcome, ENUM_LEN))
                    .col(text_null(JobRuns::Counts))
                    .col(text_null(JobRuns::Error))
                    .check(check_in(JobRuns::Table, JobRuns::Trigger, JOB_TRIGGER))
                    .check(check_in(JobRuns::Table, JobRuns::Outcome, JOB_OUTCOME))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                unique(JobRuns::Table, [JobRuns::JobName, JobRuns::SlotAt]),
                index(JobRuns::Table, [JobRuns::JobName, JobRuns::StartedAt]),
            ],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(JobLeases::Table)
                    .col(string_len(JobLeases::JobName, 100).primary_key())
                    .col(string_len(JobLeases::Holder, 200))
                    .col(timestamp_with_time_zone(JobLeases::ExpiresAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(big_integer_null(AuditLog::UserId))
                    .col(string_len(AuditLog::Action, ENUM_LEN))
                    .col(string_len(AuditLog::EntityType, 64))
                    .col(string_len(AuditLog::EntityId, 64))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .foreign_key(&mut fk(
                        AuditLog::Table,
                        AuditLog::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check_in(AuditLog::Table, AuditLog::Action, AUDIT_ACTION))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                index(AuditLog::Table, [AuditLog::EntityType, AuditLog::EntityId]),
                index(AuditLog::Table, [AuditLog::UserId]),
                index(AuditLog::Table, [AuditLog::At]),
            ],
        )
        .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [AuditLog::Table.into_iden(), JobLeases::Table.into_iden(), JobRuns::Table.into_iden()],
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum JobRuns {
    Table,
    Id,
    JobName,
    SlotAt,
    Trigger,
    Holder,
    StartedAt,
    LeaseExpiresAt,
    FinishedAt,
    Outcome,
    Counts,
    Error,
}

#[derive(DeriveIden)]
pub enum JobLeases {
    Table,
    JobName,
    Holder,
    ExpiresAt,
}

#[derive(DeriveIden)]
pub enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    Action,
    EntityType,
    EntityId,
    Before,
    After,
}
