//! Assessment and gaps: competency_assessments, employee_competency_levels, gap_snapshots,
//! gap_snapshot_rows.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;
use crate::m20261125_000001_create_organisation::{Agencies, Competencies};
use crate::m20261125_000002_create_people_and_accounts::{Employees, Users};
use crate::m20261125_000003_create_jobs_and_audit::JobRuns;

const ASSESSMENT_SOURCE: &[&str] =
    &["assessment_centre", "supervisor", "self", "certification", "mentoring", "post_training_evaluation"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CompetencyAssessments::Table)
                    .col(big_pk_auto(CompetencyAssessments::Id))
                    .col(big_integer(CompetencyAssessments::EmployeeId))
                    .col(big_integer(CompetencyAssessments::CompetencyId))
                    .col(small_integer(CompetencyAssessments::Level))
                    .col(string_len(CompetencyAssessments::Source, ENUM_LEN))
                    .col(date(CompetencyAssessments::AssessedOn))
                    .col(string_len_null(CompetencyAssessments::AssessorName, 200))
                    .col(big_integer_null(CompetencyAssessments::AssessorEmployeeId))
                    .col(big_integer_null(CompetencyAssessments::RecordedByUserId))
                    .col(text_null(CompetencyAssessments::Notes))
                    .col(timestamp_with_time_zone(CompetencyAssessments::CreatedAt))
                    .foreign_key(&mut fk(
                        CompetencyAssessments::Table,
                        CompetencyAssessments::EmployeeId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        CompetencyAssessments::Table,
                        CompetencyAssessments::CompetencyId,
                        Competencies::Table,
                        Competencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        CompetencyAssessments::Table,
                        CompetencyAssessments::AssessorEmployeeId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        CompetencyAssessments::Table,
                        CompetencyAssessments::RecordedByUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check_level(CompetencyAssessments::Table, CompetencyAssessments::Level))
                    .check(check_in(
                        CompetencyAssessments::Table,
                        CompetencyAssessments::Source,
                        ASSESSMENT_SOURCE,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            // `idx_<table>_<cols>` would exceed PostgreSQL's 63-byte identifiers.
            [index_named(
                "idx_competency_assessments_employee_competency_date",
                CompetencyAssessments::Table,
                [
                    CompetencyAssessments::EmployeeId,
                    CompetencyAssessments::CompetencyId,
                    CompetencyAssessments::AssessedOn,
                ],
            )],
        )
        .await?;

        // The current level, kept up to date as counted assessments arrive.
        manager
            .create_table(
                Table::create()
                    .table(EmployeeCompetencyLevels::Table)
                    .col(big_integer(EmployeeCompetencyLevels::EmployeeId))
                    .col(big_integer(EmployeeCompetencyLevels::CompetencyId))
                    .col(small_integer(EmployeeCompetencyLevels::Level))
                    .col(string_len(EmployeeCompetencyLevels::Source, ENUM_LEN))
                    .col(date(EmployeeCompetencyLevels::AssessedOn))
                    .col(big_integer_null(EmployeeCompetencyLevels::AssessmentId))
                    .col(timestamp_with_time_zone(EmployeeCompetencyLevels::UpdatedAt))
                    .primary_key(&mut composite_pk(
                        EmployeeCompetencyLevels::Table,
                        [EmployeeCompetencyLevels::EmployeeId, EmployeeCompetencyLevels::CompetencyId],
                    ))
                    .foreign_key(&mut fk(
                        EmployeeCompetencyLevels::Table,
                        EmployeeCompetencyLevels::EmployeeId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        EmployeeCompetencyLevels::Table,
                        EmployeeCompetencyLevels::CompetencyId,
                        Competencies::Table,
                        Competencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        EmployeeCompetencyLevels::Table,
                        EmployeeCompetencyLevels::AssessmentId,
                        CompetencyAssessments::Table,
                        CompetencyAssessments::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check_level(EmployeeCompetencyLevels::Table, EmployeeCompetencyLevels::Level))
                    .check(check_in(
                        EmployeeCompetencyLevels::Table,
                        EmployeeCompetencyLevels::Source,
                        ASSESSMENT_SOURCE,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [index(EmployeeCompetencyLevels::Table, [EmployeeCompetencyLevels::CompetencyId])],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(GapSnapshots::Table)
                    .col(big_pk_auto(GapSnapshots::Id))
                    .col(big_integer_null(GapSnapshots::JobRunId))
                    .col(timestamp_with_time_zone(GapSnapshots::TakenAt))
                    .col(integer(GapSnapshots::EmployeesConsidered))
                    .foreign_key(&mut fk(
                        GapSnapshots::Table,
                        GapSnapshots::JobRunId,
                        JobRuns::Table,
                        JobRuns::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [index(GapSnapshots::Table, [GapSnapshots::TakenAt])]).await?;

        // Rows are per agency's own employees; roll-ups up the tree are summed when read.
        // `gap_1` … `gap_4` count the employees whose gap is 1, 2, 3, 4.
        manager
            .create_table(
                Table::create()
                    .table(GapSnapshotRows::Table)
                    .col(big_integer(GapSnapshotRows::SnapshotId))
                    .col(big_integer(GapSnapshotRows::AgencyId))
                    .col(big_integer(GapSnapshotRows::CompetencyId))
                    .col(integer(GapSnapshotRows::RequiredCount))
                    .col(integer(GapSnapshotRows::AssessedCount))
                    .col(integer(GapSnapshotRows::MeetingCount))
                    .col(integer(GapSnapshotRows::GapCount))
                    .col(integer(GapSnapshotRows::NotAssessedCount))
                    .col(integer(GapSnapshotRows::GapSum))
                    .col(integer(GapSnapshotRows::Gap1))
                    .col(integer(GapSnapshotRows::Gap2))
                    .col(integer(GapSnapshotRows::Gap3))
                    .col(integer(GapSnapshotRows::Gap4))
                    .primary_key(&mut composite_pk(
                        GapSnapshotRows::Table,
                        [
                            GapSnapshotRows::SnapshotId,
                            GapSnapshotRows::AgencyId,
                            GapSnapshotRows::CompetencyId,
                        ],
                    ))
                    .foreign_key(&mut fk(
                        GapSnapshotRows::Table,
                        GapSnapshotRows::SnapshotId,
                        GapSnapshots::Table,
                        GapSnapshots::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        GapSnapshotRows::Table,
                        GapSnapshotRows::AgencyId,
                        Agencies::Table,
                        Agencies::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        GapSnapshotRows::Table,
                        GapSnapshotRows::CompetencyId,
                        Competencies::Table,
                        Competencies::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                GapSnapshotRows::Table.into_iden(),
                GapSnapshots::Table.into_iden(),
                EmployeeCompetencyLevels::Table.into_iden(),
                CompetencyAssessments::Table.into_iden(),
            ],
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum CompetencyAssessments {
    Table,
    Id,
    EmployeeId,
    CompetencyId,
    Level,
    Source,
    AssessedOn,
    AssessorName,
    AssessorEmployeeId,
    RecordedByUserId,
    Notes,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum EmployeeCompetencyLevels {
    Table,
    EmployeeId,
    CompetencyId,
    Level,
    Source,
    AssessedOn,
    AssessmentId,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum GapSnapshots {
    Table,
    Id,
    JobRunId,
    TakenAt,
    EmployeesConsidered,
}

#[derive(DeriveIden)]
pub enum GapSnapshotRows {
    Table,
    SnapshotId,
    AgencyId,
    CompetencyId,
    RequiredCount,
    AssessedCount,
    MeetingCount,
    GapCount,
    NotAssessedCount,
    GapSum,
    #[sea_orm(iden = "gap_1")]
    Gap1,
    #[sea_orm(iden = "gap_2")]
    Gap2,
    #[sea_orm(iden = "gap_3")]
    Gap3,
    #[sea_orm(iden = "gap_4")]
    Gap4,
}
