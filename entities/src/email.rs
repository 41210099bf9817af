//! E-mail addresses, parsed once at the edge.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("{0:?} is not an e-mail address (expected name@domain)")]
    Malformed(String),
}

/// A syntactically plausible e-mail address, trimmed and lower-cased (addresses are
/// compared case-insensitively for sign-in and uniqueness).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, EmailError> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(EmailError::Empty);
        }
        let well_formed = value.len() <= 254
            && !value.chars().any(|c| c.is_whitespace() || c == ',' || c == ';' || c == '<' || c == '>')
            && matches!(value.split_once('@'), Some((local, domain))
                if !local.is_empty() && !domain.contains('@') && domain.contains('.')
                    && !domain.starts_with('.') && !domain.ends_with('.'));
        if well_formed { Ok(Email(value)) } else { Err(EmailError::Malformed(raw.trim().to_owned())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_addresses_are_kept_lower_case() {
        assert_eq!(
            Email::parse(" Budi.Santoso@Sawahluntokota.go.id ").unwrap().as_str(),
            "budi.santoso@sawahluntokota.go.id"
        );
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in ["", "budi", "budi@", "@x.id", "budi@localhost", "a b@x.id", "a@b@x.id", "a@x.id."] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
