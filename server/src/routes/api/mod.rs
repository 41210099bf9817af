//! The JSON API, version 1. Every endpoint authenticates with a personal API token and asks
//! the same policy as the pages.

pub mod me;
