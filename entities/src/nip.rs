//! NIP (Nomor Induk Pegawai), the 18-digit civil-servant number.
//!
//! Layout: `YYYYMMDD` birth date, `YYYYMM` CPNS appointment (TMT CPNS), one gender digit
//! (`1` male, `2` female) and a 3-digit sequence, e.g. `19900115 201503 1 001`.
//!
//! [`Nip::parse`] is the only way to build a [`Nip`] ("parse, don't validate"): a value of
//! this type is always a well-formed NIP.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a string is not a NIP. The UI translates by variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("a NIP has exactly 18 digits, found {found}")]
    WrongLength { found: usize },
    #[error("a NIP contains only the digits 0-9, without spaces or separators")]
    NotDigits,
    #[error("the first 8 digits of a NIP must be a valid birth date (YYYYMMDD)")]
    InvalidBirthDate,
    #[error(
        "digits 9-14 of a NIP must be a valid appointment month (YYYYMM, month 01-12, year not after 2100)"
    )]
    InvalidAppointment,
    #[error("the appointment month of a NIP cannot be before the birth month")]
    AppointmentBeforeBirth,
    #[error("digit 15 of a NIP is the gender and must be 1 (male) or 2 (female), found {digit}")]
    InvalidGender { digit: char },
}

/// Gender encoded in a NIP (digit 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

/// The latest appointment year accepted.
const MAX_APPOINTMENT_YEAR: i32 = 2100;

/// A well-formed NIP: 18 ASCII digits with a real birth date, a real appointment month not
/// before the birth month, and a gender digit of 1 or 2.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nip(String);

impl Nip {
    /// Parses a NIP; surrounding whitespace is trimmed, anything else must be digits.
    pub fn parse(input: &str) -> Result<Nip, NipError> {
        let s = input.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        if s.len() != 18 {
            return Err(NipError::WrongLength { found: s.len() });
        }
        let birth = birth_date_of(s).ok_or(NipError::InvalidBirthDate)?;

        let (year, month) = appointment_of(s);
        if !(1..=12).contains(&month) || year > MAX_APPOINTMENT_YEAR {
            return Err(NipError::InvalidAppointment);
        }
        if (year, month) < (birth.year(), birth.month()) {
            return Err(NipError::AppointmentBeforeBirth);
        }

        let digit = char::from(s.as_bytes()[14]);
        if digit != '1' && digit != '2' {
            return Err(NipError::InvalidGender { digit });
        }
        Ok(Nip(s.to_owned()))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 18 digits, by value.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Birth date (digits 1–8).
    pub fn birth_date(&self) -> NaiveDate {
        birth_date_of(&self.0).expect("checked by Nip::parse")
    }

    /// CPNS appointment as (year, month 1–12) (digits 9–14).
    pub fn appointment(&self) -> (i32, u32) {
        appointment_of(&self.0)
    }

    /// Gender (digit 15).
    pub fn gender(&self) -> Gender {
        match self.0.as_bytes()[14] {
            b'1' => Gender::Male,
            _ => Gender::Female,
        }
    }

    /// Sequence number (digits 16–18), as written (`"001"`).
    pub fn sequence(&self) -> &str {
        &self.0[15..18]
    }
}

/// Digits `s[range]` as a number; `s` is known to be ASCII digits.
fn number(s: &str, range: std::ops::Range<usize>) -> u32 {
    s[range].parse().expect("ASCII digits")
}

fn birth_date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(number(s, 0..4) as i32, number(s, 4..6), number(s, 6..8))
}

fn appointment_of(s: &str) -> (i32, u32) {
    (number(s, 8..12) as i32, number(s, 12..14))
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Nip {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Nip> for String {
    fn from(nip: Nip) -> String {
        nip.0
    }
}

impl FromStr for Nip {
    type Err = NipError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nip::parse(s)
    }
}

impl TryFrom<&str> for Nip {
    type Error = NipError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Nip::parse(s)
    }
}

impl Serialize for Nip {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Deserialises from a string, validating it with [`Nip::parse`].
impl<'de> Deserialize<'de> for Nip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Nip::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_male() {
        let nip = Nip::parse("199001152015031001").unwrap();
        assert_eq!(nip.as_str(), "199001152015031001");
        assert_eq!(nip.birth_date(), NaiveDate::from_ymd_opt(1990, 1, 15).unwrap());
        assert_eq!(nip.appointment(), (2015, 3));
        assert_eq!(nip.gender(), Gender::Male);
        assert_eq!(nip.sequence(), "001");
        assert_eq!(nip.to_string(), "199001152015031001");
        assert_eq!(nip.as_ref(), "199001152015031001");
    }

    #[test]
    fn valid_female() {
        let nip = Nip::parse("198512302010122002").unwrap();
        assert_eq!(nip.birth_date(), NaiveDate::from_ymd_opt(1985, 12, 30).unwrap());
        assert_eq!(nip.appointment(), (2010, 12));
        assert_eq!(nip.gender(), Gender::Female);
        assert_eq!(nip.sequence(), "002");
    }

    #[test]
    fn trims_surrounding_whitespace() {
        let nip = Nip::parse("  199001152015031001\n").unwrap();
        assert_eq!(nip.as_str(), "199001152015031001");
    }

    #[test]
    fn appointment_in_birth_month_is_accepted() {
        assert!(Nip::parse("199001151990011001").is_ok());
    }

    #[test]
    fn rejects_17_digits() {
        assert_eq!(Nip::parse("19900115201503100"), Err(NipError::WrongLength { found: 17 }));
        assert_eq!(Nip::parse(""), Err(NipError::WrongLength { found: 0 }));
    }

    #[test]
    fn rejects_letters_and_inner_spaces() {
        assert_eq!(Nip::parse("19900115201503100a"), Err(NipError::NotDigits));
        assert_eq!(Nip::parse("NIP199001152015031"), Err(NipError::NotDigits));
        assert_eq!(Nip::parse("19900115 201503 1 001"), Err(NipError::NotDigits));
        // Non-ASCII digits are not digits.
        assert_eq!(Nip::parse("١٩٩٠٠١١٥٢٠١٥٠٣١٠٠١"), Err(NipError::NotDigits));
    }

    #[test]
    fn rejects_birth_month_13() {
        assert_eq!(Nip::parse("199013152015031001"), Err(NipError::InvalidBirthDate));
    }

    #[test]
    fn rejects_30_february() {
        assert_eq!(Nip::parse("199002302015031001"), Err(NipError::InvalidBirthDate));
        // 29 February only in leap years.
        assert!(Nip::parse("199202292015031001").is_ok());
        assert_eq!(Nip::parse("199102292015031001"), Err(NipError::InvalidBirthDate));
    }

    #[test]
    fn rejects_appointment_month_00() {
        assert_eq!(Nip::parse("199001152015001001"), Err(NipError::InvalidAppointment));
        assert_eq!(Nip::parse("199001152015131001"), Err(NipError::InvalidAppointment));
        assert_eq!(Nip::parse("199001152101011001"), Err(NipError::InvalidAppointment));
        assert!(Nip::parse("199001152100121001").is_ok());
    }

    #[test]
    fn rejects_appointment_before_birth() {
        assert_eq!(Nip::parse("199001151989121001"), Err(NipError::AppointmentBeforeBirth));
    }

    #[test]
    fn rejects_gender_digit_3() {
        assert_eq!(Nip::parse("199001152015033001"), Err(NipError::InvalidGender { digit: '3' }));
        assert_eq!(Nip::parse("199001152015030001"), Err(NipError::InvalidGender { digit: '0' }));
    }

    #[test]
    fn serde_as_string() {
        let nip = Nip::parse("199001152015031001").unwrap();
        assert_eq!(serde_json::to_string(&nip).unwrap(), "\"199001152015031001\"");
        let back: Nip = serde_json::from_str("\"199001152015031001\"").unwrap();
        assert_eq!(back, nip);
        assert!(serde_json::from_str::<Nip>("\"199001152015033001\"").is_err());
    }

    #[test]
    fn error_messages_say_what_is_wrong() {
        assert_eq!(NipError::WrongLength { found: 17 }.to_string(), "a NIP has exactly 18 digits, found 17");
        assert!(NipError::InvalidGender { digit: '3' }.to_string().contains("found 3"));
    }
}
