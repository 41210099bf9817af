//! Database migrations for Bangkom: the schema of `docs/DATA_MODEL.md`, on SQLite and
//! PostgreSQL alike (built with sea-query's schema builder, no backend-specific SQL).
//!
//! ```ignore
//! use bangkom_migration::{Migrator, MigratorTrait};
//! Migrator::up(&db, None).await?;
//! ```

pub use sea_orm_migration::prelude::*;

mod common;
pub mod m20261125_000001_create_organisation;
pub mod m20261125_000002_create_people_and_accounts;
pub mod m20261125_000003_create_jobs_and_audit;
pub mod m20261125_000004_create_assessments_and_gaps;
pub mod m20261125_000005_create_training;
pub mod m20261125_000006_create_mentoring;
pub mod m20261125_000007_create_surveys;
pub mod m20261125_000008_create_mail_outbox;
pub mod m20261205_010001_create_server_keys;
pub mod m20261205_120001_add_outbox_lease_holder;
pub mod m20261205_140001_add_employee_records;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_organisation::Migration),
            Box::new(m20261125_000002_create_people_and_accounts::Migration),
            Box::new(m20261125_000003_create_jobs_and_audit::Migration),
            Box::new(m20261125_000004_create_assessments_and_gaps::Migration),
            Box::new(m20261125_000005_create_training::Migration),
            Box::new(m20261125_000006_create_mentoring::Migration),
            Box::new(m20261125_000007_create_surveys::Migration),
            Box::new(m20261125_000008_create_mail_outbox::Migration),
            Box::new(m20261205_010001_create_server_keys::Migration),
            Box::new(m20261205_120001_add_outbox_lease_holder::Migration),
            Box::new(m20261205_140001_add_employee_records::Migration),
        ]
    }
}
