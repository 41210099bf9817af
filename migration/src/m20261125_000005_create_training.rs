//! Training: training_programs, program_competencies, program_eligible_families,
//! program_eligible_agencies, training_batches, enrolments, enrolment_events,
//! attendance_records.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;
use crate::m20261125_000001_create_organisation::{Agencies, Competencies};
use crate::m20261125_000002_create_people_and_accounts::{Employees, Users};

const TRAINING_METHOD: &[&str] = &[
    // classical
    "pelatihan",
    "seminar",
    "workshop",
    "kursus",
    "bimbingan_teknis",
    "penataran",
    "sosialisasi",
    // non-classical
    "coaching",
    "mentoring",
    "e_learning",
    "pelatihan_jarak_jauh",
    "detasering",
    "magang",
    "patok_banding",
    "outdoor_learning",
    "pertukaran_sektor_swasta",
    "belajar_mandiri",
    "komunitas_belajar",
    "bimbingan_di_tempat_kerja",
];
const DELIVERY_MODE: &[&str] = &["face_to_face", "online", "blended"];
const ORGANIZER_KIND: &[&str] = &["bpsdm", "lan", "university", "private", "in_house"];
const GRADE: &[&str] = &[
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a",
    "IV/b", "IV/c", "IV/d", "IV/e",
];
const POSITION_FAMILY: &[&str] = &["jpt", "administrator", "pengawas", "pelaksana", "fungsional"];
const BATCH_STATUS: &[&str] = &["draft", "open", "closed", "running", "completed", "cancelled"];
const ENROLMENT_STATE: &[&str] = &[
    "requested",
    "approved",
    "rejected",
    "waitlisted",
    "enrolled",
    "withdrawn",
    "attended",
    "passed",
    "failed",
    "no_show",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TrainingPrograms::Table)
                    .col(big_pk_auto(TrainingPrograms::Id))
                    .col(string_len(TrainingPrograms::Code, 32))
                    .col(string_len(TrainingPrograms::Title, 300))
                    .col(text_null(TrainingPrograms::Description))
                    .col(string_len(TrainingPrograms::Method, ENUM_LEN))
                    .col(string_len(TrainingPrograms::Delivery, ENUM_LEN))
                    .col(string_len(TrainingPrograms::OrganizerKind, ENUM_LEN))
                    .col(string_len(TrainingPrograms::OrganizerName, 200))
                    .col(integer(TrainingPrograms::Jp))
                    .col(boolean(TrainingPrograms::RequiresSupervisorApproval).default(false))
                    .col(integer(TrainingPrograms::Level3DelayDays).default(90))
                    .col(string_len_null(TrainingPrograms::MinGrade, ENUM_LEN))
                    .col(string_len_null(TrainingPrograms::MaxGrade, ENUM_LEN))
                    .col(boolean(TrainingPrograms::IsActive).default(true))
                    .col(timestamp_with_time_zone(TrainingPrograms::CreatedAt))
                    .col(timestamp_with_time_zone(TrainingPrograms::UpdatedAt))
                    .check(check_in(TrainingPrograms::Table, TrainingPrograms::Method, TRAINING_METHOD))
                    .check(check_in(TrainingPrograms::Table, TrainingPrograms::Delivery, DELIVERY_MODE))
                    .check(check_in(TrainingPrograms::Table, TrainingPrograms::OrganizerKind, ORGANIZER_KIND))
                    .check(check(
                        TrainingPrograms::Table,
                        TrainingPrograms::Jp,
                        Expr::col(TrainingPrograms::Jp).gt(0),
                    ))
                    .check(check(
                        TrainingPrograms::Table,
                        TrainingPrograms::Level3DelayDays,
                        Expr::col(TrainingPrograms::Level3DelayDays).gte(0),
                    ))
                    .check(check_in(TrainingPrograms::Table, TrainingPrograms::MinGrade, GRADE))
                    .check(check_in(TrainingPrograms::Table, TrainingPrograms::MaxGrade, GRADE))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [unique(TrainingPrograms::Table, [TrainingPrograms::Code])]).await?;

        manager
            .create_table(
                Table::create()
                    .table(ProgramCompetencies::Table)
                    .col(big_integer(ProgramCompetencies::ProgramId))
                    .col(big_integer(ProgramCompetencies::CompetencyId))
                    .col(small_integer(ProgramCompetencies::TargetLevel))
                    .primary_key(&mut composite_pk(
                        ProgramCompetencies::Table,
                        [ProgramCompetencies::ProgramId, ProgramCompetencies::CompetencyId],
                    ))
                    .foreign_key(&mut fk(
                        ProgramCompetencies::Table,
                        ProgramCompetencies::ProgramId,
                        TrainingPrograms::Table,
                        TrainingPrograms::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ProgramCompetencies::Table,
                        ProgramCompetencies::CompetencyId,
                        Competencies::Table,
                        Competencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .check(check_level(ProgramCompetencies::Table, ProgramCompetencies::TargetLevel))
                    .to_owned(),
            )
            .await?;

        // No rows for a program: every family is eligible.
        manager
            .create_table(
                Table::create()
                    .table(ProgramEligibleFamilies::Table)
                    .col(big_integer(ProgramEligibleFamilies::ProgramId))
                    .col(string_len(ProgramEligibleFamilies::Family, ENUM_LEN))
                    .primary_key(&mut composite_pk(
                        ProgramEligibleFamilies::Table,
                        [ProgramEligibleFamilies::ProgramId, ProgramEligibleFamilies::Family],
                    ))
                    .foreign_key(&mut fk(
                        ProgramEligibleFamilies::Table,
                        ProgramEligibleFamilies::ProgramId,
                        TrainingPrograms::Table,
                        TrainingPrograms::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .check(check_in(
                        ProgramEligibleFamilies::Table,
                        ProgramEligibleFamilies::Family,
                        POSITION_FAMILY,
                    ))
                    .to_owned(),
            )
            .await?;

        // No rows for a program: every agency is eligible.
        manager
            .create_table(
                Table::create()
                    .table(ProgramEligibleAgencies::Table)
                    .col(big_integer(ProgramEligibleAgencies::ProgramId))
                    .col(big_integer(ProgramEligibleAgencies::AgencyId))
                    .primary_key(&mut composite_pk(
                        ProgramEligibleAgencies::Table,
                        [ProgramEligibleAgencies::ProgramId, ProgramEligibleAgencies::AgencyId],
                    ))
                    .foreign_key(&mut fk(
                        ProgramEligibleAgencies::Table,
                        ProgramEligibleAgencies::ProgramId,
                        TrainingPrograms::Table,
                        TrainingPrograms::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ProgramEligibleAgencies::Table,
                        ProgramEligibleAgencies::AgencyId,
                        Agencies::Table,
                        Agencies::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        // Angkatan. A seat is taken by one atomic
        // `UPDATE … SET seats_taken = seats_taken + 1 WHERE seats_taken < quota`.
        manager
            .create_table(
                Table::create()
                    .table(TrainingBatches::Table)
                    .col(big_pk_auto(TrainingBatches::Id))
                    .col(big_integer(TrainingBatches::ProgramId))
                    .col(integer(TrainingBatches::BatchNumber))
                    .col(string_len(TrainingBatches::Name, 200))
                    .col(date(TrainingBatches::StartsOn))
                    .col(date(TrainingBatches::EndsOn))
                    .col(time_null(TrainingBatches::DailyStartTime))
                    .col(time_null(TrainingBatches::DailyEndTime))
                    .col(string_len_null(TrainingBatches::Place, 300))
                    .col(string_len_null(TrainingBatches::OnlineUrl, 500))
                    .col(integer(TrainingBatches::Quota))
                    .col(integer(TrainingBatches::SeatsTaken).default(0))
                    .col(timestamp_with_time_zone_null(TrainingBatches::EnrolmentOpensAt))
                    .col(timestamp_with_time_zone_null(TrainingBatches::EnrolmentClosesAt))
                    .col(timestamp_with_time_zone_null(TrainingBatches::WithdrawalDeadline))
                    .col(string_len(TrainingBatches::Status, ENUM_LEN).default("draft"))
                    .col(integer(TrainingBatches::NextCertificateSeq).default(1))
                    .col(timestamp_with_time_zone(TrainingBatches::CreatedAt))
                    .col(timestamp_with_time_zone(TrainingBatches::UpdatedAt))
                    .foreign_key(&mut fk(
                        TrainingBatches::Table,
                        TrainingBatches::ProgramId,
                        TrainingPrograms::Table,
                        TrainingPrograms::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .check(check(
                        TrainingBatches::Table,
                        TrainingBatches::BatchNumber,
                        Expr::col(TrainingBatches::BatchNumber).gt(0),
                    ))
                    .check(check(
                        TrainingBatches::Table,
                        TrainingBatches::EndsOn,
                        Expr::col(TrainingBatches::EndsOn).gte(Expr::col(TrainingBatches::StartsOn)),
                    ))
                    .check(check(
                        TrainingBatches::Table,
                        TrainingBatches::Quota,
                        Expr::col(TrainingBatches::Quota).gt(0),
                    ))
                    .check(check(
                        TrainingBatches::Table,
                        TrainingBatches::SeatsTaken,
                        Expr::col(TrainingBatches::SeatsTaken).between(0, Expr::col(TrainingBatches::Quota)),
                    ))
                    .check(check_in(TrainingBatches::Table, TrainingBatches::Status, BATCH_STATUS))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                unique(TrainingBatches::Table, [TrainingBatches::ProgramId, TrainingBatches::BatchNumber]),
                index(TrainingBatches::Table, [TrainingBatches::StartsOn]),
                index(TrainingBatches::Table, [TrainingBatches::Status]),
            ],
        )
        .await?;

        // `id` is the arrival order.
        manager
            .create_table(
                Table::create()
                    .table(Enrolments::Table)
                    .col(big_pk_auto(Enrolments::Id))
                    .col(big_integer(Enrolments::BatchId))
                    .col(big_integer(Enrolments::EmployeeId))
                    .col(string_len(Enrolments::State, ENUM_LEN))
                    .col(integer_null(Enrolments::WaitlistPosition))
                    .col(timestamp_with_time_zone(Enrolments::RequestedAt))
                    .col(big_integer_null(Enrolments::RequestedByUserId))
                    .col(timestamp_with_time_zone_null(Enrolments::DecidedAt))
                    .col(big_integer_null(Enrolments::DecidedByUserId))
                    .col(text_null(Enrolments::DecisionReason))
                    .col(timestamp_with_time_zone_null(Enrolments::CompletedAt))
                    .col(integer_null(Enrolments::JpCredited))
                    .col(integer_null(Enrolments::CreditedYear))
                    .col(string_len_null(Enrolments::CertificateNumber, 100))
                    .col(timestamp_with_time_zone(Enrolments::CreatedAt))
                    .col(timestamp_with_time_zone(Enrolments::UpdatedAt))
                    .foreign_key(&mut fk(
                        Enrolments::Table,
                        Enrolments::BatchId,
                        TrainingBatches::Table,
                        TrainingBatches::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Enrolments::Table,
                        Enrolments::EmployeeId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Enrolments::Table,
                        Enrolments::RequestedByUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Enrolments::Table,
                        Enrolments::DecidedByUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check_in(Enrolments::Table, Enrolments::State, ENROLMENT_STATE))
                    .check(check(
                        Enrolments::Table,
                        Enrolments::JpCredited,
                        Expr::col(Enrolments::JpCredited).gte(0),
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                unique(Enrolments::Table, [Enrolments::BatchId, Enrolments::EmployeeId]),
                unique(Enrolments::Table, [Enrolments::CertificateNumber]),
                index(Enrolments::Table, [Enrolments::EmployeeId]),
                index(Enrolments::Table, [Enrolments::BatchId, Enrolments::State]),
            ],
        )
        .await?;

        // The auditable enrolment order.
        manager
            .create_table(
                Table::create()
                    .table(EnrolmentEvents::Table)
                    .col(big_pk_auto(EnrolmentEvents::Id))
                    .col(big_integer(EnrolmentEvents::EnrolmentId))
                    .col(string_len_null(EnrolmentEvents::FromState, ENUM_LEN))
                    .col(string_len(EnrolmentEvents::ToState, ENUM_LEN))
                    .col(timestamp_with_time_zone(EnrolmentEvents::At))
                    .col(big_integer_null(EnrolmentEvents::ByUserId))
                    .col(text_null(EnrolmentEvents::Reason))
                    .foreign_key(&mut fk(
                        EnrolmentEvents::Table,
                        EnrolmentEvents::EnrolmentId,
                        Enrolments::Table,
                        Enrolments::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        EnrolmentEvents::Table,
                        EnrolmentEvents::ByUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .check(check_in(EnrolmentEvents::Table, EnrolmentEvents::FromState, ENROLMENT_STATE))
                    .check(check_in(EnrolmentEvents::Table, EnrolmentEvents::ToState, ENROLMENT_STATE))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [index(EnrolmentEvents::Table, [EnrolmentEvents::EnrolmentId])]).await?;

        manager
            .create_table(
                Table::create()
                    .table(AttendanceRecords::Table)
                    .col(big_integer(AttendanceRecords::EnrolmentId))
                    .col(date(AttendanceRecords::Day))
                    .col(boolean(AttendanceRecords::Present))
                    .col(big_integer_null(AttendanceRecords::RecordedByUserId))
                    .col(timestamp_with_time_zone(AttendanceRecords::RecordedAt))
                    .primary_key(&mut composite_pk(
                        AttendanceRecords::Table,
                        [AttendanceRecords::EnrolmentId, AttendanceRecords::Day],
                    ))
                    .foreign_key(&mut fk(
                        AttendanceRecords::Table,
                        AttendanceRecords::EnrolmentId,
                        Enrolments::Table,
                        Enrolments::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        AttendanceRecords::Table,
                        AttendanceRecords::RecordedByUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
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
                AttendanceRecords::Table.into_iden(),
                EnrolmentEvents::Table.into_iden(),
                Enrolments::Table.into_iden(),
                TrainingBatches::Table.into_iden(),
                ProgramEligibleAgencies::Table.into_iden(),
                ProgramEligibleFamilies::Table.into_iden(),
                ProgramCompetencies::Table.into_iden(),
                TrainingPrograms::Table.into_iden(),
            ],
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum TrainingPrograms {
    Table,
    Id,
    Code,
    Title,
    Description,
    Method,
    Delivery,
    OrganizerKind,
    OrganizerName,
    Jp,
    RequiresSupervisorApproval,
    #[sea_orm(iden = "level3_delay_days")]
    Level3DelayDays,
    MinGrade,
    MaxGrade,
    IsActive,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum ProgramCompetencies {
    Table,
    ProgramId,
    CompetencyId,
    TargetLevel,
}

#[derive(DeriveIden)]
pub enum ProgramEligibleFamilies {
    Table,
    ProgramId,
    Family,
}

#[derive(DeriveIden)]
pub enum ProgramEligibleAgencies {
    Table,
    ProgramId,
    AgencyId,
}

#[derive(DeriveIden)]
pub enum TrainingBatches {
    Table,
    Id,
    ProgramId,
    BatchNumber,
    Name,
    StartsOn,
    EndsOn,
    DailyStartTime,
    DailyEndTime,
    Place,
    OnlineUrl,
    Quota,
    SeatsTaken,
    EnrolmentOpensAt,
    EnrolmentClosesAt,
    WithdrawalDeadline,
    Status,
    NextCertificateSeq,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Enrolments {
    Table,
    Id,
    BatchId,
    EmployeeId,
    State,
    WaitlistPosition,
    RequestedAt,
    RequestedByUserId,
    DecidedAt,
    DecidedByUserId,
    DecisionReason,
    CompletedAt,
    JpCredited,
    CreditedYear,
    CertificateNumber,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum EnrolmentEvents {
    Table,
    Id,
    EnrolmentId,
    FromState,
    ToState,
    At,
    ByUserId,
    Reason,
}

#[derive(DeriveIden)]
pub enum AttendanceRecords {
    Table,
    EnrolmentId,
    Day,
    Present,
    RecordedByUserId,
    RecordedAt,
}
