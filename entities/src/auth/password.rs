//! Password hashing with argon2id at OWASP's minimum parameters (19 MiB, 2 iterations,
//! 1 lane), which are the `argon2` crate's defaults. Hashing is CPU- and memory-heavy: async
//! callers run it through a [`PasswordGate`], which bounds how many run at once (each holds
//! 19 MiB) and how many may wait, so a burst of sign-ins cannot exhaust the server's memory.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;
use rand::distr::Alphanumeric;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

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

/// Password checks at once are limited to the cores (more would only queue for the CPU while
/// each holds its 19 MiB); up to `queue` more wait in arrival order (tokio's semaphore is
/// fair); beyond that the caller is told to come back later.
pub struct PasswordGate {
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GateError {
    #[error("too many password checks are waiting; try again shortly")]
    Busy,
    #[error("the password check did not complete")]
    Failed,
}

/// Counts a waiter while it waits, also when its request is dropped mid-wait.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl PasswordGate {
    pub fn new(at_once: usize, queue: usize) -> Self {
        Self { permits: Arc::new(Semaphore::new(at_once.max(1))), waiting: AtomicUsize::new(0), queue }
    }

    /// As many checks at once as this machine has cores.
    pub fn for_this_machine(queue: usize) -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, usize::from), queue)
    }

    /// Runs `work` (hashing or verifying) on a blocking thread once a slot is free.
    pub async fn run<R: Send + 'static>(
        &self,
        work: impl FnOnce() -> R + Send + 'static,
    ) -> Result<R, GateError> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(GateError::Busy);
                }
                let _waiting = Waiting(&self.waiting);
                self.permits.clone().acquire_owned().await.map_err(|_| GateError::Failed)?
            }
        };
        tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            result
        })
        .await
        .map_err(|_| GateError::Failed)
    }

    pub async fn hash(&self, password: String) -> Result<Result<String, PasswordError>, GateError> {
        self.run(move || hash(&password)).await
    }

    pub async fn verify(&self, password: String, stored_hash: String) -> Result<bool, GateError> {
        self.run(move || verify(&password, &stored_hash)).await
    }
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_gate_refuses_beyond_its_queue_and_serves_the_rest() {
        let gate = Arc::new(PasswordGate::new(1, 1));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let first = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(move || hold.recv().is_ok()).await })
        };
        while gate.permits.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let second = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(|| true).await })
        };
        while gate.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(gate.run(|| true).await, Err(GateError::Busy), "the queue of one is full");
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap(), Ok(true));
        assert_eq!(second.await.unwrap(), Ok(true));
        assert_eq!(gate.waiting.load(Ordering::SeqCst), 0);
    }
}
