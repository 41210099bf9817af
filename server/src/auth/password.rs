//! Password hashing with argon2id at OWASP's minimum parameters (19 MiB, 2 iterations,
//! 1 lane), which are the `argon2` crate's defaults. Hashing is CPU-heavy: async callers run
//! it with `spawn_blocking`.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;
use rand::distr::Alphanumeric;

pub const MIN_PASSWORD_LENGTH: usize = 10;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("the password is shorter than {MIN_PASSWORD_LENGTH} characters")]
    TooShort,
    #[error("the password could not be hashed")]
    Hashing,
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("static argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_PASSWORD_LENGTH {
        return Err(PasswordError::TooShort);
    }
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|_| PasswordError::Hashing)?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| PasswordError::Hashing)
}

pub fn verify(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A random password for accounts created without one (printed once by the CLI).
pub fn generate() -> String {
    rand::rng().sample_iter(&Alphanumeric).take(16).map(char::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = hash("kata-sandi-rahasia").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("kata-sandi-rahasia", &h));
        assert!(!verify("kata-sandi-salah!", &h));
        assert!(!verify("kata-sandi-rahasia", "not a hash"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(hash("pendek"), Err(PasswordError::TooShort));
    }
}
