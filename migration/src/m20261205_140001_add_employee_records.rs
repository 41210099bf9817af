//! Employees as BKN records them (issue 12): a PPPK's grade (golongan I–XVII, Perpres
//! 98/2020), a PPPK's contract dates, and the CPNS state of a PNS with its appointment date.
//!
//! The PPPK grade is a column of its own rather than more values of `grade`: `grade`
//! keeps the PNS golongan/ruang, which programmes compare as a range, and SQLite cannot
//! change the CHECK of an existing column without rebuilding the table.
//!
//! One column per `ALTER TABLE`: SQLite adds one column per statement.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000002_create_people_and_accounts::Employees;

const PPPK_GRADE: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
    "XVII",
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            string_len_null(Records::PppkGrade, 32)
                .check(Expr::col(Records::PppkGrade).is_in(PPPK_GRADE.iter().copied()))
                .to_owned(),
            date_null(Records::ContractStart),
            date_null(Records::ContractEnd),
            date_null(Records::CpnsAppointedOn),
        ];
        for mut column in columns {
            manager
                .alter_table(Table::alter().table(Employees::Table).add_column(&mut column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in
            [Records::CpnsAppointedOn, Records::ContractEnd, Records::ContractStart, Records::PppkGrade]
        {
            manager
                .alter_table(Table::alter().table(Employees::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Records {
    PppkGrade,
    ContractStart,
    ContractEnd,
    CpnsAppointedOn,
}
