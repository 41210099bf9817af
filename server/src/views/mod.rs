//! Server-rendered pages (maud). Components are functions returning `Markup`; one module
//! per page.

pub mod auth;
pub mod components;
pub mod error_page;
pub mod format;
pub mod home;
pub mod layout;
pub mod profile;
