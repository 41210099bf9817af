//! Server-rendered pages (maud). Components are functions returning `Markup`; one module
//! per page.

pub mod admin;
pub mod auth;
pub mod components;
pub mod error_page;
pub mod evaluation;
pub mod format;
pub mod gaps;
pub mod home;
pub mod layout;
pub mod mentoring;
pub mod profile;
pub mod spreadsheet;
pub mod training;
