//! Accounts and passwords (the rules live in `bangkom_entities::auth`), the client's address
//! behind trusted proxies, and where to go after signing in.

pub mod client;
pub mod next;
pub use bangkom_entities::auth::password;
