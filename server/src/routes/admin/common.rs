//! Small pieces every staff area's handlers share: ids from paths, JSON bodies, PATCH
//! properties that may be null, query-string flags, the staff-only API gate.

use serde::{Deserialize, Deserializer};

pub use crate::extract::parse_id as path_id;

pub use crate::extract::{bad_body, json_body};

/// A PATCH property that may be absent (keep), `null` (clear) or a value.
pub fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// `true`/`false` (also `1`/`0`, `ya`/`tidak`); `Err` for anything else but empty.
pub fn parse_flag(raw: &str) -> Result<Option<bool>, ()> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" | "1" | "ya" | "yes" | "on" => Ok(Some(true)),
        "false" | "0" | "tidak" | "no" | "off" => Ok(Some(false)),
        _ => Err(()),
    }
}
