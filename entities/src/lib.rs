//! Bangkom data model: sea-orm entities for every table of `docs/DATA_MODEL.md`
//! ([`schema`]), the stored enums ([`enums`]) and the NIP value type ([`nip`]).

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod email;
pub mod enums;
pub mod i18n;
pub mod nip;
pub mod paging;
pub mod policy;
pub mod schema;
pub mod summary;
pub mod tx;

pub use sea_orm;
