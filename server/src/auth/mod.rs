//! Accounts and passwords.

pub mod password;
