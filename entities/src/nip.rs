//! The 18-digit identity number of an ASN employee: a PNS's NIP (Nomor Induk Pegawai) or a
//! PPPK's NI PPPK (Nomor Induk PPPK). Both have the same length and start the same way, and
//! one type, [`Nip`], holds either and knows which it is ([`NumberKind`]).
//!
//! - NIP: `YYYYMMDD` birth date, `YYYYMM` CPNS appointment (TMT CPNS), one gender digit
//!   (`1` male, `2` female), a 3-digit sequence: `19900115 201503 1 001`.
//! - NI PPPK: `YYYYMMDD` birth date, `YYYY` appointment year, two digits that are not a
//!   month (they begin with `2`; `21` is the common value), the gender digit, a 3-digit
//!   sequence: `19890225 2024 21 1 013`.
//!
//! Digits 13–14 tell them apart: a month begins with `0` or `1`, a PPPK code with `2`.
//!
//! Plausibility, beyond the shape: the appointment is at least 18 years after the birth
//! (the minimum age to become ASN), not after today, and the sequence is not `000`.
//!
//! [`Nip::parse`] is the only way to build a [`Nip`] ("parse, don't validate"): a value of
//! this type is always a well-formed number. Whether it agrees with an employee's
//! employment type is [`Nip::check_employment`].

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::enums::EmploymentType;

/// Which kind of identity number a [`Nip`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A PNS's NIP: digits 13–14 are the month of the CPNS appointment.
    Nip,
    /// A PPPK's NI PPPK: digits 13–14 are a code beginning with `2`.
    NiPppk,
}

impl NumberKind {
    /// The employment type a number of this kind belongs to.
    pub fn employment_type(self) -> EmploymentType {
        match self {
            NumberKind::Nip => EmploymentType::Pns,
            NumberKind::NiPppk => EmploymentType::Pppk,
        }
    }
}

/// Why a string is not an identity number, or not one for this employee. The UI translates
/// by variant; each names the part of the number that is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("a NIP has exactly 18 digits, found {found}")]
    WrongLength { found: usize },
    #[error("a NIP contains only the digits 0-9, without spaces or separators")]
    NotDigits,
    #[error("the first 8 digits of a NIP must be a valid birth date (YYYYMMDD)")]
    InvalidBirthDate,
    #[error(
        "digits 13-14 of the number must be the appointment month 01-12 (NIP) or a PPPK code beginning with 2 (NI PPPK)"
    )]
    InvalidAppointment,
    #[error("the appointment (digits 9-14) must be at least 18 years after the birth date (digits 1-8)")]
    AppointedUnder18,
    #[error("the appointment (digits 9-14) cannot be after today")]
    AppointmentInFuture,
    #[error("digit 15 of a NIP is the gender and must be 1 (male) or 2 (female), found {digit}")]
    InvalidGender { digit: char },
    #[error("the sequence number (digits 16-18) cannot be 000")]
    ZeroSequence,
    #[error("digits 13-14 are an appointment month, so this is a PNS NIP, but the employee is PPPK")]
    NipForPppk,
    #[error("digits 13-14 begin with 2, so this is an NI PPPK, but the employee is PNS")]
    NiPppkForPns,
}

/// Gender encoded in a NIP (digit 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

/// The minimum age, in years, at appointment as ASN.
pub const MIN_APPOINTMENT_AGE: i32 = 18;

/// A well-formed NIP or NI PPPK: 18 ASCII digits with a real birth date, an appointment
/// (month, or year and PPPK code) at least 18 years after the birth and not in the future,
/// a gender digit of 1 or 2 and a sequence other than 000.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nip(String);

impl Nip {
    /// Parses a NIP or NI PPPK as of today (UTC); surrounding whitespace is trimmed,
    /// anything else must be digits.
    pub fn parse(input: &str) -> Result<Nip, NipError> {
        Nip::parse_on(input, Utc::now().date_naive())
    }

    /// Parses a NIP or NI PPPK, with `today` as the latest possible appointment.
    pub fn parse_on(input: &str, today: NaiveDate) -> Result<Nip, NipError> {
        let s = input.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        if s.len() != 18 {
            return Err(NipError::WrongLength { found: s.len() });
        }
        let birth = birth_date_of(s).ok_or(NipError::InvalidBirthDate)?;

        let year = number(s, 8..12) as i32;
        let earliest = birth.year() + MIN_APPOINTMENT_AGE;
        match kind_of(s) {
            Some(NumberKind::Nip) => {
                let month = number(s, 12..14);
                if !(1..=12).contains(&month) {
                    return Err(NipError::InvalidAppointment);
                }
                if (year, month) < (earliest, birth.month()) {
                    return Err(NipError::AppointedUnder18);
                }
                if (year, month) > (today.year(), today.month()) {
                    return Err(NipError::AppointmentInFuture);
                }
            }
            Some(NumberKind::NiPppk) => {
                // Only the year is written: someone born in December may be appointed in
                // the December of their 18th year, so the year alone is compared.
                if year < earliest {
                    return Err(NipError::AppointedUnder18);
                }
                if year > today.year() {
                    return Err(NipError::AppointmentInFuture);
                }
            }
            None => return Err(NipError::InvalidAppointment),
        }

        let digit = char::from(s.as_bytes()[14]);
        if digit != '1' && digit != '2' {
            return Err(NipError::InvalidGender { digit });
        }
        if &s[15..18] == "000" {
            return Err(NipError::ZeroSequence);
        }
        Ok(Nip(s.to_owned()))
    }

    /// Whether this number may be the number of an employee of `employment`: a NIP for a
    /// PNS, an NI PPPK for a PPPK.
    pub fn check_employment(&self, employment: EmploymentType) -> Result<(), NipError> {
        match (self.kind(), employment) {
            (NumberKind::Nip, EmploymentType::Pppk) => Err(NipError::NipForPppk),
            (NumberKind::NiPppk, EmploymentType::Pns) => Err(NipError::NiPppkForPns),
            _ => Ok(()),
        }
    }

    /// A NIP or an NI PPPK.
    pub fn kind(&self) -> NumberKind {
        kind_of(&self.0).expect("checked by Nip::parse")
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

    /// Appointment year (digits 9–12): TMT CPNS for a NIP, the PPPK appointment for an NI PPPK.
    pub fn appointment_year(&self) -> i32 {
        number(&self.0, 8..12) as i32
    }

    /// Appointment month 1–12 (digits 13–14) of a NIP; an NI PPPK does not record it.
    pub fn appointment_month(&self) -> Option<u32> {
        match self.kind() {
            NumberKind::Nip => Some(number(&self.0, 12..14)),
            NumberKind::NiPppk => None,
        }
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

/// Digit 13 (the first of the pair after the appointment year): `0`/`1` begin a month,
/// `2` a PPPK code; anything else is neither.
fn kind_of(s: &str) -> Option<NumberKind> {
    match s.as_bytes()[12] {
        b'0' | b'1' => Some(NumberKind::Nip),
        b'2' => Some(NumberKind::NiPppk),
        _ => None,
    }
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

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
    }

    fn parse(s: &str) -> Result<Nip, NipError> {
        Nip::parse_on(s, today())
    }

    #[test]
    fn valid_male() {
        let nip = parse("199001152015031001").unwrap();
        assert_eq!(nip.as_str(), "199001152015031001");
        assert_eq!(nip.kind(), NumberKind::Nip);
        assert_eq!(nip.birth_date(), NaiveDate::from_ymd_opt(1990, 1, 15).unwrap());
        assert_eq!((nip.appointment_year(), nip.appointment_month()), (2015, Some(3)));
        assert_eq!(nip.gender(), Gender::Male);
        assert_eq!(nip.sequence(), "001");
        assert_eq!(nip.to_string(), "199001152015031001");
        assert_eq!(nip.as_ref(), "199001152015031001");
    }

    #[test]
    fn valid_female() {
        let nip = parse("198512302010122002").unwrap();
        assert_eq!(nip.birth_date(), NaiveDate::from_ymd_opt(1985, 12, 30).unwrap());
        assert_eq!((nip.appointment_year(), nip.appointment_month()), (2010, Some(12)));
        assert_eq!(nip.gender(), Gender::Female);
        assert_eq!(nip.sequence(), "002");
    }

    #[test]
    fn valid_ni_pppk() {
        // The shape of the issue: 19890225 2024 21 1 013.
        let n = parse("198902252024211013").unwrap();
        assert_eq!(n.kind(), NumberKind::NiPppk);
        assert_eq!(n.kind().employment_type(), EmploymentType::Pppk);
        assert_eq!(n.birth_date(), NaiveDate::from_ymd_opt(1989, 2, 25).unwrap());
        assert_eq!((n.appointment_year(), n.appointment_month()), (2024, None));
        assert_eq!(n.gender(), Gender::Male);
        assert_eq!(n.sequence(), "013");
        // Other codes beginning with 2, and a woman.
        let n = parse("199505142023222004").unwrap();
        assert_eq!((n.kind(), n.gender()), (NumberKind::NiPppk, Gender::Female));
        assert!(parse("199505142023202004").is_ok());
    }

    #[test]
    fn trims_surrounding_whitespace() {
        let nip = parse("  199001152015031001\n").unwrap();
        assert_eq!(nip.as_str(), "199001152015031001");
    }

    #[test]
    fn an_appointment_before_the_18th_birthday_is_refused() {
        // Appointed in the birth month: a new-born civil servant is not plausible.
        assert_eq!(parse("199001151990011001"), Err(NipError::AppointedUnder18));
        assert_eq!(parse("199001151989121001"), Err(NipError::AppointedUnder18));
        // The month before the 18th birthday month is too early; the month itself is not.
        assert_eq!(parse("199005152008041001"), Err(NipError::AppointedUnder18));
        assert!(parse("199005152008051001").is_ok());
        // NI PPPK: only the year is written.
        assert_eq!(parse("200601012023211001"), Err(NipError::AppointedUnder18));
        assert!(parse("200601012024211001").is_ok());
    }

    #[test]
    fn an_appointment_after_today_is_refused() {
        assert!(parse("199001152026121001").is_ok());
        assert_eq!(parse("199001152027011001"), Err(NipError::AppointmentInFuture));
        assert!(parse("199001152026211001").is_ok());
        assert_eq!(parse("199001152027211001"), Err(NipError::AppointmentInFuture));
        // And as of the real today, a year far ahead.
        assert_eq!(Nip::parse("199001152100121001"), Err(NipError::AppointmentInFuture));
    }

    #[test]
    fn sequence_000_is_refused() {
        assert_eq!(parse("199001152015031000"), Err(NipError::ZeroSequence));
        assert_eq!(parse("198902252024211000"), Err(NipError::ZeroSequence));
    }

    #[test]
    fn rejects_17_digits() {
        assert_eq!(parse("19900115201503100"), Err(NipError::WrongLength { found: 17 }));
        assert_eq!(parse(""), Err(NipError::WrongLength { found: 0 }));
    }

    #[test]
    fn rejects_letters_and_inner_spaces() {
        assert_eq!(parse("19900115201503100a"), Err(NipError::NotDigits));
        assert_eq!(parse("NIP199001152015031"), Err(NipError::NotDigits));
        assert_eq!(parse("19900115 201503 1 001"), Err(NipError::NotDigits));
        assert_eq!(parse("19890225 2024 21 1 013"), Err(NipError::NotDigits));
        // Non-ASCII digits are not digits.
        assert_eq!(parse("١٩٩٠٠١١٥٢٠١٥٠٣١٠٠١"), Err(NipError::NotDigits));
    }

    #[test]
    fn rejects_birth_month_13() {
        assert_eq!(parse("199013152015031001"), Err(NipError::InvalidBirthDate));
        assert_eq!(parse("199013152024211001"), Err(NipError::InvalidBirthDate));
    }

    #[test]
    fn rejects_30_february() {
        assert_eq!(parse("199002302015031001"), Err(NipError::InvalidBirthDate));
        // 29 February only in leap years.
        assert!(parse("199202292015031001").is_ok());
        assert_eq!(parse("199102292015031001"), Err(NipError::InvalidBirthDate));
    }

    #[test]
    fn rejects_digits_13_14_that_are_neither_month_nor_pppk_code() {
        assert_eq!(parse("199001152015001001"), Err(NipError::InvalidAppointment));
        assert_eq!(parse("199001152015131001"), Err(NipError::InvalidAppointment));
        assert_eq!(parse("199001152015311001"), Err(NipError::InvalidAppointment));
        assert_eq!(parse("199001152015911001"), Err(NipError::InvalidAppointment));
    }

    #[test]
    fn rejects_gender_digit_3() {
        assert_eq!(parse("199001152015033001"), Err(NipError::InvalidGender { digit: '3' }));
        assert_eq!(parse("199001152015030001"), Err(NipError::InvalidGender { digit: '0' }));
        assert_eq!(parse("198902252024213013"), Err(NipError::InvalidGender { digit: '3' }));
    }

    #[test]
    fn the_number_must_agree_with_the_employment_type() {
        let nip = parse("199001152015031001").unwrap();
        let pppk = parse("198902252024211013").unwrap();
        assert_eq!(nip.check_employment(EmploymentType::Pns), Ok(()));
        assert_eq!(pppk.check_employment(EmploymentType::Pppk), Ok(()));
        assert_eq!(nip.check_employment(EmploymentType::Pppk), Err(NipError::NipForPppk));
        assert_eq!(pppk.check_employment(EmploymentType::Pns), Err(NipError::NiPppkForPns));
        assert!(NipError::NipForPppk.to_string().contains("digits 13-14"));
        assert!(NipError::NiPppkForPns.to_string().contains("digits 13-14"));
    }

    #[test]
    fn serde_as_string() {
        let nip = parse("199001152015031001").unwrap();
        assert_eq!(serde_json::to_string(&nip).unwrap(), "\"199001152015031001\"");
        let back: Nip = serde_json::from_str("\"199001152015031001\"").unwrap();
        assert_eq!(back, nip);
        assert!(serde_json::from_str::<Nip>("\"199001152015033001\"").is_err());
        assert!(serde_json::from_str::<Nip>("\"198902252024211013\"").is_ok());
    }

    #[test]
    fn error_messages_say_what_is_wrong() {
        assert_eq!(NipError::WrongLength { found: 17 }.to_string(), "a NIP has exactly 18 digits, found 17");
        assert!(NipError::InvalidGender { digit: '3' }.to_string().contains("found 3"));
        assert!(NipError::ZeroSequence.to_string().contains("digits 16-18"));
        assert!(NipError::AppointedUnder18.to_string().contains("18 years"));
    }
}
