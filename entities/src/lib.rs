//! Bangkom data model: sea-orm entities for every table of `docs/DATA_MODEL.md`
//! ([`schema`]), the stored enums ([`enums`]) and the NIP value type ([`nip`]).

pub mod accounts;
pub mod agencies;
pub mod assessments;
pub mod audit;
pub mod auth;
pub mod competencies;
pub mod email;
pub mod employees;
pub mod enums;
pub mod gaps;
pub mod health;
pub mod i18n;
pub mod import;
pub mod mentoring;
pub mod nip;
pub mod paging;
pub mod policy;
pub mod positions;
pub mod records;
pub mod schema;
pub mod summary;
pub mod surveys;
pub mod training;
pub mod tx;
pub mod users;
pub mod validation;

pub use sea_orm;
