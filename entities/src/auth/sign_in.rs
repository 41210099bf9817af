//! Signing in: the throttle, the password check, and the new session, in one place. The
//! HTTP handler parses the form, calls [`sign_in`] and renders what it answers.

use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::password::{self, GateError, PasswordGate};
use super::{sessions, throttle};
use crate::accounts;
use crate::schema::users;
use crate::tx;

/// What the visitor typed, and where from.
pub struct Attempt<'a> {
    /// An e-mail address or a NIP.
    pub identifier: &'a str,
    pub password: &'a str,
    /// The client's address (behind a trusted proxy: the address it forwarded).
    pub client: IpAddr,
    /// The session cookie the browser already had: ended, so a sign-in never reuses it.
    pub previous_session: Option<&'a str>,
    pub now: DateTime<Utc>,
}

pub struct SignedIn {
    pub user: users::Model,
    pub session: sessions::NewSession,
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the identifier or the password is missing")]
    Missing,
    /// Unknown identifier, wrong password or inactive account: the visitor is told the same.
    #[error("wrong identifier or password")]
    Failed,
    #[error("sign-in is locked until {0}")]
    Locked(DateTime<Utc>),
    #[error("too many sign-ins at once")]
    Busy,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<GateError> for SignInError {
    fn from(err: GateError) -> Self {
        match err {
            GateError::Busy => SignInError::Busy,
            GateError::Failed => SignInError::Db(DbErr::Custom("the password check did not complete".into())),
        }
    }
}

/// A hash to verify against when the account does not exist, so that the answer takes as
/// long as for a real account.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash("no-such-account-password").unwrap_or_default())
}

/// Checks the password and starts a session. Failures are counted per account (its e-mail
/// and its NIP share one counter), per typed identifier when no account matches, and per
/// client address; a locked key answers [`SignInError::Locked`] without checking anything.
pub async fn sign_in(
    db: &DatabaseConnection,
    gate: &PasswordGate,
    attempt: Attempt<'_>,
) -> Result<SignedIn, SignInError> {
    let Attempt { identifier, password, client, previous_session, now } = attempt;
    if identifier.trim().is_empty() || password.is_empty() {
        return Err(SignInError::Missing);
    }
    let user = accounts::find_for_login(db, identifier).await?;
    let account_key = match &user {
        Some(user) => throttle::account_key(user.id),
        None => throttle::identifier_key(identifier),
    };
    let address_key = throttle::address_key(client);
    if let Some(until) = locked_until(db, &account_key, &address_key, now).await? {
        return Err(SignInError::Locked(until));
    }

    let stored_hash = user.as_ref().map_or_else(|| dummy_hash().to_owned(), |u| u.password_hash.clone());
    let verified = gate.verify(password.to_owned(), stored_hash).await?;
    let user = match user {
        Some(user) if verified && user.is_active => user,
        _ => {
            let txn = tx::begin_write(db).await?;
            let failures = throttle::record_failure(&txn, &account_key, throttle::ACCOUNT_LIMIT, now).await?;
            throttle::record_failure(&txn, &address_key, throttle::ADDRESS_LIMIT, now).await?;
            txn.commit().await?;
            // Slow down guessing: each failure in the window adds a little wait.
            tokio::time::sleep(Duration::from_millis(150 * u64::try_from(failures.min(10)).unwrap_or(0)))
                .await;
            return Err(match locked_until(db, &account_key, &address_key, now).await? {
                Some(until) => SignInError::Locked(until),
                None => SignInError::Failed,
            });
        }
    };

    let txn = tx::begin_write(db).await?;
    throttle::clear(&txn, &account_key).await?;
    if let Some(old) = previous_session {
        sessions::end(&txn, old).await?;
    }
    let session = sessions::start(&txn, user.id, now).await?;
    accounts::record_login(&txn, user.id, now).await?;
    txn.commit().await?;
    Ok(SignedIn { user, session })
}

async fn locked_until<C: sea_orm::ConnectionTrait>(
    db: &C,
    account_key: &str,
    address_key: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let account = throttle::locked_until(db, account_key, now).await?;
    let address = throttle::locked_until(db, address_key, now).await?;
    Ok(account.max(address))
}
