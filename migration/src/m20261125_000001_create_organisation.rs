//! Organisation and standards: agencies, positions, competencies, position_standards.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;

const AGENCY_KIND: &[&str] = &["region", "agency", "unit"];
const POSITION_FAMILY: &[&str] = &["jpt", "administrator", "pengawas", "pelaksana", "fungsional"];
const COMPETENCY_KIND: &[&str] = &["teknis", "manajerial", "sosial_kultural"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The tree is region → agency (OPD) → unit.
        manager
            .create_table(
                Table::create()
                    .table(Agencies::Table)
                    .col(big_pk_auto(Agencies::Id))
                    .col(string_len(Agencies::Code, 32))
                    .col(string_len(Agencies::Name, 200))
                    .col(string_len(Agencies::Kind, ENUM_LEN))
                    .col(big_integer_null(Agencies::ParentId))
                    .col(timestamp_with_time_zone(Agencies::CreatedAt))
                    .col(timestamp_with_time_zone(Agencies::UpdatedAt))
                    .foreign_key(&mut fk(
                        Agencies::Table,
                        Agencies::ParentId,
                        Agencies::Table,
                        Agencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .check(check_in(Agencies::Table, Agencies::Kind, AGENCY_KIND))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [unique(Agencies::Table, [Agencies::Code]), index(Agencies::Table, [Agencies::ParentId])],
        )
        .await?;

        // Jabatan.
        manager
            .create_table(
                Table::create()
                    .table(Positions::Table)
                    .col(big_pk_auto(Positions::Id))
                    .col(string_len(Positions::Code, 32))
                    .col(string_len(Positions::Name, 200))
                    .col(string_len(Positions::Family, ENUM_LEN))
                    .col(big_integer_null(Positions::AgencyId))
                    .col(timestamp_with_time_zone(Positions::CreatedAt))
                    .col(timestamp_with_time_zone(Positions::UpdatedAt))
                    .foreign_key(&mut fk(
                        Positions::Table,
                        Positions::AgencyId,
                        Agencies::Table,
                        Agencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .check(check_in(Positions::Table, Positions::Family, POSITION_FAMILY))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [unique(Positions::Table, [Positions::Code])]).await?;

        manager
            .create_table(
                Table::create()
                    .table(Competencies::Table)
                    .col(big_pk_auto(Competencies::Id))
                    .col(string_len(Competencies::Code, 32))
                    .col(string_len(Competencies::Kind, ENUM_LEN))
                    .col(string_len(Competencies::NameId, 200))
                    .col(string_len(Competencies::NameEn, 200))
                    .col(text_null(Competencies::Description))
                    .col(string_len_null(Competencies::Source, 200))
                    .col(boolean(Competencies::IsActive).default(true))
                    .col(timestamp_with_time_zone(Competencies::CreatedAt))
                    .col(timestamp_with_time_zone(Competencies::UpdatedAt))
                    .check(check_in(Competencies::Table, Competencies::Kind, COMPETENCY_KIND))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [unique(Competencies::Table, [Competencies::Code])]).await?;

        manager
            .create_table(
                Table::create()
                    .table(PositionStandards::Table)
                    .col(big_pk_auto(PositionStandards::Id))
                    .col(big_integer(PositionStandards::PositionId))
                    .col(big_integer(PositionStandards::CompetencyId))
                    .col(small_integer(PositionStandards::RequiredLevel))
                    .foreign_key(&mut fk(
                        PositionStandards::Table,
                        PositionStandards::PositionId,
                        Positions::Table,
                        Positions::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PositionStandards::Table,
                        PositionStandards::CompetencyId,
                        Competencies::Table,
                        Competencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .check(check_level(PositionStandards::Table, PositionStandards::RequiredLevel))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [unique(
                PositionStandards::Table,
                [PositionStandards::PositionId, PositionStandards::CompetencyId],
            )],
        )
        .await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                PositionStandards::Table.into_iden(),
                Competencies::Table.into_iden(),
                Positions::Table.into_iden(),
                Agencies::Table.into_iden(),
            ],
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum Agencies {
    Table,
    Id,
    Code,
    Name,
    Kind,
    ParentId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Positions {
    Table,
    Id,
    Code,
    Name,
    Family,
    AgencyId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum Competencies {
    Table,
    Id,
    Code,
    Kind,
    NameId,
    NameEn,
    Description,
    Source,
    IsActive,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum PositionStandards {
    Table,
    Id,
    PositionId,
    CompetencyId,
    RequiredLevel,
}
