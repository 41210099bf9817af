//! Training: programmes, batches (angkatan), enrolment with quota and waitlist, attendance,
//! completion with certificate numbers (STTPP), and the JP (lesson hours) recap.
//!
//! - [`states`]: the two state machines (enrolment, batch), one `transition` each, used by
//!   pages and API alike.
//! - [`programs`]: the catalogue and eligibility.
//! - [`batches`]: scheduling, status changes, the calendar.
//! - [`enrolments`]: requests, supervisor decisions, seats and the waitlist, withdrawal.
//! - [`delivery`]: attendance per day (ticked or imported) and completion.
//! - [`recap`]: JP per employee and year, per agency, and the employee's home page.
//!
//! Writes run in [`crate::tx::begin_write`]; a change that must tell someone (a seat taken,
//! a batch cancelled) hands a [`Notice`] to a [`Notifier`] inside the same transaction, so
//! the e-mail is queued if and only if the change is committed.

pub mod batches;
pub mod delivery;
pub mod enrolments;
pub mod programs;
pub mod recap;
pub mod states;

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, DbErr};

use crate::i18n::Msg;
pub use crate::validation::Problem;

/// Why a training write did not happen. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum TrainingError {
    /// The record does not exist, or is outside the actor's reach (the same to them).
    #[error("no such record within reach")]
    NotFound,
    /// Input or a request that breaks the rules, field by field.
    #[error("invalid: {0:?}")]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl TrainingError {
    pub fn one(field: &'static str, msg: Msg) -> TrainingError {
        TrainingError::Invalid(vec![Problem::new(field, msg)])
    }
}

impl From<states::TransitionRefused> for TrainingError {
    fn from(_: states::TransitionRefused) -> Self {
        TrainingError::one("state", Msg::TrainingTransitionRefused)
    }
}

/// Something that happened that people must be told about by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The enrolment got a seat (directly, after approval, or from the waitlist).
    Seated { enrolment_id: i64 },
    /// The batch of this enrolment was cancelled.
    BatchCancelled { enrolment_id: i64 },
}

pub type NotifyFuture<'a> = Pin<Box<dyn Future<Output = Result<(), DbErr>> + Send + 'a>>;

/// Queues the e-mails of a [`Notice`] inside the transaction of the change (the jobs crate
/// implements it with the mail outbox).
pub trait Notifier: Send + Sync {
    fn notify<'a>(
        &'a self,
        txn: &'a DatabaseTransaction,
        notice: Notice,
        now: DateTime<Utc>,
    ) -> NotifyFuture<'a>;
}

/// Tells nobody (seeds, tools).
pub struct Silent;

impl Notifier for Silent {
    fn notify<'a>(&'a self, _: &'a DatabaseTransaction, _: Notice, _: DateTime<Utc>) -> NotifyFuture<'a> {
        Box::pin(async { Ok(()) })
    }
}

// ---------------------------------------------------------------------------------------
// The rules a deployment configures
// ---------------------------------------------------------------------------------------

/// The deployment's training rules (settings, not literals in code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// How certificate numbers (STTPP) are made.
    pub certificate_pattern: CertificatePattern,
    /// PNS: the yearly right to at least this many JP (a floor).
    pub pns_min_jp: i32,
    /// PPPK: at most this many JP in the contract year (a ceiling).
    pub pppk_max_jp: i32,
    /// Minutes of a confirmed mentoring session that count as one JP.
    pub mentoring_minutes_per_jp: i32,
}

pub const DEFAULT_CERTIFICATE_PATTERN: &str = "{program}/{batch}/{seq:03}/{year}";
pub const DEFAULT_PNS_MIN_JP: i32 = 20;
pub const DEFAULT_PPPK_MAX_JP: i32 = 24;
pub const DEFAULT_MENTORING_MINUTES_PER_JP: i32 = 45;

impl Default for Rules {
    fn default() -> Self {
        Rules {
            certificate_pattern: CertificatePattern::parse(DEFAULT_CERTIFICATE_PATTERN)
                .expect("the default pattern is valid"),
            pns_min_jp: DEFAULT_PNS_MIN_JP,
            pppk_max_jp: DEFAULT_PPPK_MAX_JP,
            mentoring_minutes_per_jp: DEFAULT_MENTORING_MINUTES_PER_JP,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Program,
    Batch,
    Seq(usize),
    Year,
}

/// A certificate number pattern such as `{program}/{batch}/{seq:03}/{year}`: the
/// programme's code, the batch number, the batch's certificate sequence (`:0N` pads it to N
/// digits) and the year the batch ended. `{program}`, `{batch}` and `{seq}` are required,
/// which makes every number unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificatePattern {
    source: String,
    pieces: Vec<Piece>,
}

/// The longest certificate number the column holds.
pub const CERTIFICATE_MAX: usize = 100;

impl CertificatePattern {
    pub fn parse(raw: &str) -> Result<CertificatePattern, String> {
        let mut pieces = Vec::new();
        let mut rest = raw;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_owned()));
            }
            let close = rest[open..].find('}').ok_or("a { without its }")? + open;
            let inner = &rest[open + 1..close];
            let (name, format) = inner.split_once(':').unwrap_or((inner, ""));
            let width = match format {
                "" => 0,
                f if f.starts_with('0') && f.len() > 1 => f[1..]
                    .parse::<usize>()
                    .ok()
                    .filter(|w| (1..=9).contains(w))
                    .ok_or("a width such as :03")?,
                _ => return Err(format!("unknown format {format:?}; use a width such as {{seq:03}}")),
            };
            pieces.push(match (name, width) {
                ("program", 0) => Piece::Program,
                ("batch", 0) => Piece::Batch,
                ("year", 0) => Piece::Year,
                ("seq", w) => Piece::Seq(w),
                _ => {
                    return Err(format!(
                        "unknown placeholder {{{inner}}}; use {{program}}, {{batch}}, {{seq}} or {{seq:03}}, {{year}}"
                    ));
                }
            });
            rest = &rest[close + 1..];
        }
        if rest.contains('}') {
            return Err("a } without its {".into());
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        for (needed, present) in [
            ("{program}", pieces.contains(&Piece::Program)),
            ("{batch}", pieces.contains(&Piece::Batch)),
            ("{seq}", pieces.iter().any(|p| matches!(p, Piece::Seq(_)))),
        ] {
            if !present {
                return Err(format!("the pattern needs {needed} so that every number is unique"));
            }
        }
        Ok(CertificatePattern { source: raw.to_owned(), pieces })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn format(&self, program_code: &str, batch_number: i32, seq: i32, year: i32) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Program => out.push_str(program_code),
                Piece::Batch => out.push_str(&batch_number.to_string()),
                Piece::Seq(width) => out.push_str(&format!("{seq:0width$}")),
                Piece::Year => out.push_str(&year.to_string()),
            }
        }
        out
    }
}

/// `?` placeholders as the backend wants them (`$1`, `$2`, … on PostgreSQL).
pub(crate) fn placeholders(backend: sea_orm::DbBackend, sql: &str) -> String {
    if backend != sea_orm::DbBackend::Postgres {
        return sql.to_owned();
    }
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_patterns() {
        let p = CertificatePattern::parse(DEFAULT_CERTIFICATE_PATTERN).unwrap();
        assert_eq!(p.format("SWL-PPP", 2, 7, 2026), "SWL-PPP/2/007/2026");
        let p = CertificatePattern::parse("STTPP-{year}-{program}.{batch}.{seq:05}").unwrap();
        assert_eq!(p.format("PKP", 1, 42, 2027), "STTPP-2027-PKP.1.00042");
        assert!(CertificatePattern::parse("{program}/{seq}").unwrap_err().contains("{batch}"));
        assert!(CertificatePattern::parse("{program}/{batch}/{nomor}").unwrap_err().contains("unknown"));
        assert!(CertificatePattern::parse("{program}/{batch}/{seq").is_err());
        assert!(CertificatePattern::parse("{program}/{batch}/{seq:x}").is_err());
        assert!(CertificatePattern::parse("{program}/{batch}/{seq}}").is_err());
    }

    #[test]
    fn placeholders_follow_the_backend() {
        assert_eq!(
            placeholders(sea_orm::DbBackend::Postgres, "a = ? AND b IN (?, ?)"),
            "a = $1 AND b IN ($2, $3)"
        );
        assert_eq!(placeholders(sea_orm::DbBackend::Sqlite, "a = ?"), "a = ?");
    }
}
