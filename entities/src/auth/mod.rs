//! Sign-in data: sessions, API tokens, password resets and failed-login throttling. Every
//! secret handed to a user is random; only its SHA-256 is stored, so a copy of the database
//! does not let anyone in.

pub mod csrf;
pub mod password;
pub mod resets;
pub mod sessions;
pub mod sign_in;
pub mod throttle;
pub mod tokens;

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh random secret, 32 bytes as 64 hex digits.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored for a secret.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
