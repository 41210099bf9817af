//! CSRF tokens an attacker cannot make up. A signed-in visitor's token is an HMAC of their
//! session's id, so it changes with every sign-in and sign-out; a visitor without a session
//! gets a random nonce with its HMAC. The key is created at first start and kept in the
//! database, so every instance accepts the tokens of the others.

use hmac::{Hmac, Mac};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use sha2::Sha256;

use super::{constant_time_eq, hash_secret, new_secret};
use crate::schema::server_keys;

const KEY_NAME: &str = "csrf";

#[derive(Clone)]
pub struct CsrfKey(Vec<u8>);

impl std::fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsrfKey(…)")
    }
}

impl CsrfKey {
    /// The database's key, created by whichever instance starts first.
    pub async fn load_or_create<C: ConnectionTrait>(db: &C) -> Result<Self, DbErr> {
        server_keys::Entity::insert(server_keys::ActiveModel {
            name: Set(KEY_NAME.to_owned()),
            secret: Set(new_secret()),
            created_at: Set(chrono::Utc::now()),
        })
        .on_conflict(OnConflict::column(server_keys::Column::Name).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
        let row = server_keys::Entity::find_by_id(KEY_NAME.to_owned())
            .one(db)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound("server_keys.csrf".into()))?;
        Ok(Self::from_secret(&row.secret))
    }

    pub fn from_secret(secret: &str) -> Self {
        Self(secret.as_bytes().to_vec())
    }

    fn mac(&self, purpose: &str, value: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The token of the session whose cookie is `session_cookie`.
    pub fn for_session(&self, session_cookie: &str) -> String {
        self.mac("session", &hash_secret(session_cookie))
    }

    /// A new token for a visitor without a session: `nonce.mac`.
    pub fn new_anonymous(&self) -> String {
        let nonce = new_secret();
        let mac = self.mac("anonymous", &nonce);
        format!("{nonce}.{mac}")
    }

    /// Whether `token` is an anonymous token this server made.
    pub fn is_anonymous(&self, token: &str) -> bool {
        token.split_once('.').is_some_and(|(nonce, mac)| {
            nonce.len() == 64 && constant_time_eq(&self.mac("anonymous", nonce), mac)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_the_key_and_the_session() {
        let key = CsrfKey::from_secret("k1");
        let other = CsrfKey::from_secret("k2");
        assert_eq!(key.for_session("a"), key.for_session("a"));
        assert_ne!(key.for_session("a"), key.for_session("b"));
        assert_ne!(key.for_session("a"), other.for_session("a"));
        let anonymous = key.new_anonymous();
        assert!(key.is_anonymous(&anonymous));
        assert!(!other.is_anonymous(&anonymous));
        assert!(!key.is_anonymous("x"));
        assert!(!key.is_anonymous(&format!("{}.{}", "0".repeat(64), "0".repeat(64))));
    }
}
