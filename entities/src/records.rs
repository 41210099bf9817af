//! The terms of an employee's record that depend on the employment type, shared by the
//! form, the API and the import:
//!
//! - the grade (golongan): a PNS holds a golongan/ruang `I/a` … `IV/e` ([`Grade`], column
//!   `grade`), a PPPK a golongan `I` … `XVII` ([`PppkGrade`], column `pppk_grade`). One
//!   `grade` value is read with the set of the employee's type;
//! - a PPPK's contract (first and last day); after the last day the PPPK may no longer
//!   enrol ([`contract_ended`]);
//! - the CPNS state of a PNS: the date of the CPNS appointment, in the month the NIP
//!   records as TMT CPNS.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::enums::{EmploymentType, Grade, PppkGrade};
use crate::i18n::Msg;
use crate::nip::Nip;
use crate::schema::employees;

/// A grade of either set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmployeeGrade {
    Pns(Grade),
    Pppk(PppkGrade),
}

/// Why a grade does not fit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GradeError {
    #[error("{value:?} is not a grade")]
    Unknown { value: String },
    #[error("the PNS grade {value} does not apply to PPPK (PPPK grades are I to XVII)")]
    PnsGradeForPppk { value: String },
    #[error("the PPPK grade {value} does not apply to PNS (PNS grades are I/a to IV/e)")]
    PppkGradeForPns { value: String },
}

impl EmployeeGrade {
    /// Reads `raw` (trimmed, any case) as a grade of `employment`'s set.
    pub fn parse_for(employment: EmploymentType, raw: &str) -> Result<EmployeeGrade, GradeError> {
        let value = raw.trim().to_owned();
        match (employment, Grade::parse(raw), PppkGrade::parse(raw)) {
            (EmploymentType::Pns, Some(g), _) => Ok(EmployeeGrade::Pns(g)),
            (EmploymentType::Pppk, _, Some(g)) => Ok(EmployeeGrade::Pppk(g)),
            (EmploymentType::Pns, None, Some(_)) => Err(GradeError::PppkGradeForPns { value }),
            (EmploymentType::Pppk, Some(_), None) => Err(GradeError::PnsGradeForPppk { value }),
            (_, None, None) => Err(GradeError::Unknown { value }),
        }
    }

    /// The grade stored for `e`, of the set of its employment type.
    pub fn of(e: &employees::Model) -> Option<EmployeeGrade> {
        match e.employment_type {
            EmploymentType::Pns => e.grade.map(EmployeeGrade::Pns),
            EmploymentType::Pppk => e.pppk_grade.map(EmployeeGrade::Pppk),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EmployeeGrade::Pns(g) => g.as_str(),
            EmployeeGrade::Pppk(g) => g.as_str(),
        }
    }

    /// The PNS grade, for the `grade` column.
    pub fn pns(self) -> Option<Grade> {
        match self {
            EmployeeGrade::Pns(g) => Some(g),
            EmployeeGrade::Pppk(_) => None,
        }
    }

    /// The PPPK grade, for the `pppk_grade` column.
    pub fn pppk(self) -> Option<PppkGrade> {
        match self {
            EmployeeGrade::Pppk(g) => Some(g),
            EmployeeGrade::Pns(_) => None,
        }
    }

    /// Every grade of `employment`'s set, lowest first.
    pub fn allowed(employment: EmploymentType) -> Vec<&'static str> {
        match employment {
            EmploymentType::Pns => Grade::ALL.iter().map(|g| g.as_str()).collect(),
            EmploymentType::Pppk => PppkGrade::ALL.iter().map(|g| g.as_str()).collect(),
        }
    }
}

/// The dated fields of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateField {
    ContractStart,
    ContractEnd,
    CpnsAppointedOn,
}

impl DateField {
    /// The form field, JSON property and CSV column.
    pub fn as_str(self) -> &'static str {
        match self {
            DateField::ContractStart => "contract_start",
            DateField::ContractEnd => "contract_end",
            DateField::CpnsAppointedOn => "cpns_appointed_on",
        }
    }
}

/// A problem with the dated terms of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TermsError {
    /// Not a date written `YYYY-MM-DD`.
    InvalidDate { field: DateField, value: String },
    /// Contract dates on a PNS.
    ContractForPns,
    /// The contract ends before it starts.
    ContractEndsBeforeStart { start: NaiveDate, end: NaiveDate },
    /// A CPNS date on a PPPK.
    CpnsForPppk,
    /// The CPNS date is not in the month the NIP records (digits 9–14).
    CpnsNotNipMonth { date: NaiveDate, part: String },
}

impl TermsError {
    /// The field (form field, JSON property, CSV column) to blame.
    pub fn field(&self) -> &'static str {
        match self {
            TermsError::InvalidDate { field, .. } => field.as_str(),
            TermsError::ContractForPns => "contract_start",
            TermsError::ContractEndsBeforeStart { .. } => "contract_end",
            TermsError::CpnsForPppk | TermsError::CpnsNotNipMonth { .. } => "cpns_appointed_on",
        }
    }

    /// The catalogue message and its values.
    pub fn message(&self) -> (Msg, Vec<(&'static str, String)>) {
        match self {
            TermsError::InvalidDate { value, .. } => {
                (Msg::EmployeeDateInvalid, vec![("value", value.clone())])
            }
            TermsError::ContractForPns => (Msg::EmployeeContractForPns, vec![]),
            TermsError::ContractEndsBeforeStart { start, end } => {
                (Msg::EmployeeContractOrder, vec![("start", start.to_string()), ("end", end.to_string())])
            }
            TermsError::CpnsForPppk => (Msg::EmployeeCpnsForPppk, vec![]),
            TermsError::CpnsNotNipMonth { date, part } => {
                (Msg::EmployeeCpnsNotNipMonth, vec![("date", date.to_string()), ("part", part.clone())])
            }
        }
    }
}

/// A date cell or field: empty is none, otherwise `YYYY-MM-DD`.
pub fn parse_date(field: DateField, raw: &str) -> Result<Option<NaiveDate>, TermsError> {
    match raw.trim() {
        "" => Ok(None),
        value => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| TermsError::InvalidDate { field, value: value.to_owned() }),
    }
}

/// The dated terms of a record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terms {
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    pub cpns_appointed_on: Option<NaiveDate>,
}

impl Terms {
    /// The problems of these terms for an employee of `employment` numbered `nip`.
    pub fn problems(&self, employment: EmploymentType, nip: Option<&Nip>) -> Vec<TermsError> {
        let mut problems = Vec::new();
        let has_contract = self.contract_start.is_some() || self.contract_end.is_some();
        if employment == EmploymentType::Pns && has_contract {
            problems.push(TermsError::ContractForPns);
        }
        if let (Some(start), Some(end)) = (self.contract_start, self.contract_end)
            && end < start
        {
            problems.push(TermsError::ContractEndsBeforeStart { start, end });
        }
        if let Some(date) = self.cpns_appointed_on {
            if employment == EmploymentType::Pppk {
                problems.push(TermsError::CpnsForPppk);
            } else if let Some(nip) = nip
                && (Some(date.month()) != nip.appointment_month() || date.year() != nip.appointment_year())
            {
                problems.push(TermsError::CpnsNotNipMonth { date, part: nip.as_str()[8..14].to_owned() });
            }
        }
        problems
    }
}

/// Whether `e`'s contract ended before `today`: such a PPPK cannot enrol any more.
pub fn contract_ended(e: &employees::Model, today: NaiveDate) -> bool {
    e.employment_type == EmploymentType::Pppk && e.contract_end.is_some_and(|end| end < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn contract_and_cpns_terms() {
        let nip = Nip::parse("199001152015031001").unwrap();
        let contract = Terms {
            contract_start: Some(d("2024-01-01")),
            contract_end: Some(d("2028-12-31")),
            ..Default::default()
        };
        assert!(contract.problems(EmploymentType::Pppk, None).is_empty());
        assert_eq!(contract.problems(EmploymentType::Pns, Some(&nip)), vec![TermsError::ContractForPns]);
        let reversed = Terms {
            contract_start: Some(d("2025-01-01")),
            contract_end: Some(d("2024-12-31")),
            ..Default::default()
        };
        assert_eq!(
            reversed.problems(EmploymentType::Pppk, None),
            vec![TermsError::ContractEndsBeforeStart { start: d("2025-01-01"), end: d("2024-12-31") }]
        );
        let cpns = Terms { cpns_appointed_on: Some(d("2015-03-01")), ..Default::default() };
        assert!(cpns.problems(EmploymentType::Pns, Some(&nip)).is_empty());
        assert_eq!(cpns.problems(EmploymentType::Pppk, None), vec![TermsError::CpnsForPppk]);
        let other_month = Terms { cpns_appointed_on: Some(d("2015-04-01")), ..Default::default() };
        assert_eq!(
            other_month.problems(EmploymentType::Pns, Some(&nip)),
            vec![TermsError::CpnsNotNipMonth { date: d("2015-04-01"), part: "201503".into() }]
        );
        assert_eq!(parse_date(DateField::ContractEnd, " 2024-02-30 ").unwrap_err().field(), "contract_end");
        assert_eq!(parse_date(DateField::ContractEnd, ""), Ok(None));
    }

    #[test]
    fn each_type_takes_its_own_set() {
        let parse = EmployeeGrade::parse_for;
        assert_eq!(parse(EmploymentType::Pns, "iii/a"), Ok(EmployeeGrade::Pns(Grade::IIIa)));
        assert_eq!(parse(EmploymentType::Pppk, " IX "), Ok(EmployeeGrade::Pppk(PppkGrade::IX)));
        assert_eq!(parse(EmploymentType::Pppk, "XVII"), Ok(EmployeeGrade::Pppk(PppkGrade::XVII)));
        assert_eq!(
            parse(EmploymentType::Pppk, "III/a"),
            Err(GradeError::PnsGradeForPppk { value: "III/a".into() })
        );
        assert_eq!(parse(EmploymentType::Pns, "IX"), Err(GradeError::PppkGradeForPns { value: "IX".into() }));
        assert_eq!(parse(EmploymentType::Pns, "XVIII"), Err(GradeError::Unknown { value: "XVIII".into() }));
        assert_eq!(EmployeeGrade::allowed(EmploymentType::Pppk).len(), 17);
        assert_eq!(EmployeeGrade::allowed(EmploymentType::Pns)[0], "I/a");
    }
}
