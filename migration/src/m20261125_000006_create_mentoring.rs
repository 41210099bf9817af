//! Mentoring: mentoring_pairs, mentoring_goals, mentoring_sessions.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;
use crate::m20261125_000001_create_organisation::Competencies;
use crate::m20261125_000002_create_people_and_accounts::{Employees, Users};

const MENTORING_PAIR_STATUS: &[&str] = &["active", "completed", "cancelled"];
const SESSION_MODE: &[&str] = &["face_to_face", "online"];
const SESSION_CONFIRMATION: &[&str] = &["pending", "confirmed", "disputed"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MentoringPairs::Table)
                    .col(big_pk_auto(MentoringPairs::Id))
                    .col(big_integer(MentoringPairs::MentorId))
                    .col(big_integer(MentoringPairs::MenteeId))
                    .col(date(MentoringPairs::StartsOn))
                    .col(date_null(MentoringPairs::PlannedEndOn))
                    .col(date_null(MentoringPairs::EndedOn))
                    .col(string_len(MentoringPairs::Status, ENUM_LEN).default("active"))
                    .col(big_integer_null(MentoringPairs::CreatedByUserId))
                    .col(text_null(MentoringPairs::Summary))
                    .col(timestamp_with_time_zone(MentoringPairs::CreatedAt))
                    .col(timestamp_with_time_zone(MentoringPairs::UpdatedAt))
                    .foreign_key(&mut fk(
                        MentoringPairs::Table,
                        MentoringPairs::MentorId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        MentoringPairs::Table,
                        MentoringPairs::MenteeId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        MentoringPairs::Table,
                        MentoringPairs::CreatedByUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check(
                        MentoringPairs::Table,
                        MentoringPairs::MenteeId,
                        Expr::col(MentoringPairs::MentorId).ne(Expr::col(MentoringPairs::MenteeId)),
                    ))
                    .check(check_in(MentoringPairs::Table, MentoringPairs::Status, MENTORING_PAIR_STATUS))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                index(MentoringPairs::Table, [MentoringPairs::MentorId]),
                index(MentoringPairs::Table, [MentoringPairs::MenteeId]),
            ],
        )
        .await?;

        // Focus competencies.
        manager
            .create_table(
                Table::create()
                    .table(MentoringGoals::Table)
                    .col(big_pk_auto(MentoringGoals::Id))
                    .col(big_integer(MentoringGoals::PairId))
                    .col(big_integer(MentoringGoals::CompetencyId))
                    .col(text(MentoringGoals::Goal))
                    .col(small_integer(MentoringGoals::TargetLevel))
                    .col(small_integer_null(MentoringGoals::FinalRating))
                    .foreign_key(&mut fk(
                        MentoringGoals::Table,
                        MentoringGoals::PairId,
                        MentoringPairs::Table,
                        MentoringPairs::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        MentoringGoals::Table,
                        MentoringGoals::CompetencyId,
                        Competencies::Table,
                        Competencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .check(check_level(MentoringGoals::Table, MentoringGoals::TargetLevel))
                    .check(check_level(MentoringGoals::Table, MentoringGoals::FinalRating))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [unique(MentoringGoals::Table, [MentoringGoals::PairId, MentoringGoals::CompetencyId])],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(MentoringSessions::Table)
                    .col(big_pk_auto(MentoringSessions::Id))
                    .col(big_integer(MentoringSessions::PairId))
                    .col(date(MentoringSessions::HeldOn))
                    .col(integer(MentoringSessions::Minutes))
                    .col(string_len(MentoringSessions::Mode, ENUM_LEN))
                    .col(string_len(MentoringSessions::Topic, 300))
                    .col(text_null(MentoringSessions::Notes))
                    .col(text_null(MentoringSessions::Actions))
                    .col(string_len(MentoringSessions::Confirmation, ENUM_LEN).default("pending"))
                    .col(text_null(MentoringSessions::DisputeReason))
                    .col(timestamp_with_time_zone_null(MentoringSessions::ConfirmedAt))
                    .col(timestamp_with_time_zone(MentoringSessions::CreatedAt))
                    .col(timestamp_with_time_zone(MentoringSessions::UpdatedAt))
                    .foreign_key(&mut fk(
                        MentoringSessions::Table,
                        MentoringSessions::PairId,
                        MentoringPairs::Table,
                        MentoringPairs::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .check(check(
                        MentoringSessions::Table,
                        MentoringSessions::Minutes,
                        Expr::col(MentoringSessions::Minutes).between(1, 1440),
                    ))
                    .check(check_in(MentoringSessions::Table, MentoringSessions::Mode, SESSION_MODE))
                    .check(check_in(
                        MentoringSessions::Table,
                        MentoringSessions::Confirmation,
                        SESSION_CONFIRMATION,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [index(MentoringSessions::Table, [MentoringSessions::PairId])]).await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                MentoringSessions::Table.into_iden(),
                MentoringGoals::Table.into_iden(),
                MentoringPairs::Table.into_iden(),
            ],
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum MentoringPairs {
    Table,
    Id,
    MentorId,
    MenteeId,
    StartsOn,
    PlannedEndOn,
    EndedOn,
    Status,
    CreatedByUserId,
    Summary,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum MentoringGoals {
    Table,
    Id,
    PairId,
    CompetencyId,
    Goal,
    TargetLevel,
    FinalRating,
}

#[derive(DeriveIden)]
pub enum MentoringSessions {
    Table,
    Id,
    PairId,
    HeldOn,
    Minutes,
    Mode,
    Topic,
    Notes,
    Actions,
    Confirmation,
    DisputeReason,
    ConfirmedAt,
    CreatedAt,
    UpdatedAt,
}
