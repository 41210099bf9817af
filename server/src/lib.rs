//! The Bangkom server: HTTP (axum, maud pages, JSON API) and the `bangkom` command line.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod edge;
pub mod error;
pub mod extract;
pub mod forms;
pub mod paging;
pub mod web;
pub use bangkom_entities::i18n;
pub mod routes;
pub mod seed;
pub mod state;
pub mod views;

pub use app::Application;
pub use config::Settings;
