//! Competency gaps (*analisis kesenjangan kompetensi*): assessments in, the nightly
//! per-agency snapshot, the dashboard, each employee's gaps and job–person match, and the
//! training-needs plan.
//!
//! - The current level of a competency is the newest *counted* assessment, kept in
//!   `employee_competency_levels` as assessments arrive ([`crate::assessments::record`]), so
//!   every gap query reads one row per employee and competency, never the history.
//! - A gap is `required − current` when positive; a required competency never assessed is
//!   reported as "not assessed", never as a gap of the whole level. Only active employees
//!   and active competencies count; an employee is judged against the standard of their
//!   current position.
//! - [`snapshot::take`] stores the per-agency, per-competency aggregates of the whole
//!   region with one `INSERT … SELECT … GROUP BY` in one transaction; readers take the newest
//!   snapshot and roll it up the agency tree when they read ([`snapshot::heatmap`]).
//! - An employee's own gaps are derived from current levels and standards when read
//!   ([`employee`]), not copied per employee per night.

pub mod assessments;
pub mod employee;
pub mod import;
pub mod plan;
pub mod snapshot;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

use crate::assessments::CountingRule;

/// What the deployment configured for gaps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GapSettings {
    /// Whether self-assessments count as current levels (off by default).
    pub counting: CountingRule,
    pub bands: MatchBands,
}

/// The job–person match bands, in percent: *optimal* from `optimal`, *cukup optimal* from
/// `adequate`, *kurang optimal* below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchBands {
    pub optimal: u8,
    pub adequate: u8,
}

impl Default for MatchBands {
    fn default() -> Self {
        MatchBands { optimal: 90, adequate: 78 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Optimal,
    Adequate,
    Low,
}

impl Band {
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Optimal => "optimal",
            Band::Adequate => "adequate",
            Band::Low => "low",
        }
    }
}

/// An employee's job–person match: the share of their position's required levels they
/// hold, each competency capped at its required level (so at most 100%); a competency never
/// assessed contributes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Match {
    /// Σ min(current, required).
    pub held: i64,
    /// Σ required.
    pub required: i64,
    /// Competencies required / met.
    pub competencies: i64,
    pub met: i64,
}

impl Match {
    /// Whole percent, rounded down (89.9% is not yet optimal). `None` without a standard.
    pub fn percent(&self) -> Option<u8> {
        (self.required > 0).then(|| ((self.held.min(self.required) * 100) / self.required) as u8)
    }

    pub fn band(&self, bands: MatchBands) -> Option<Band> {
        self.percent().map(|p| {
            if p >= bands.optimal {
                Band::Optimal
            } else if p >= bands.adequate {
                Band::Adequate
            } else {
                Band::Low
            }
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GapError {
    /// The record does not exist or is outside the actor's reach (404).
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// `?, ?, ?` for `n` values.
pub(crate) fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// A statement for `db`'s backend from SQL written with `?` placeholders (numbered `$n` for
/// PostgreSQL). The SQL must not hold `?` in a literal.
pub(crate) fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = match backend {
        DbBackend::Postgres => {
            let mut out = String::with_capacity(sql.len() + 16);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    out.push('$');
                    out.push_str(&n.to_string());
                } else {
                    out.push(c);
                }
            }
            out
        }
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

pub(crate) async fn query_all<C: ConnectionTrait>(
    db: &C,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(statement(db.get_database_backend(), sql, values)).await
}

pub(crate) async fn query_one<C: ConnectionTrait>(
    db: &C,
    sql: &str,
    values: Vec<Value>,
) -> Result<Option<QueryResult>, DbErr> {
    db.query_one_raw(statement(db.get_database_backend(), sql, values)).await
}

/// Reads an integer column whatever width the backend returns it in (SUM is NUMERIC/BIGINT
/// on PostgreSQL, INTEGER on SQLite).
pub(crate) fn int(row: &QueryResult, column: &str) -> Result<i64, DbErr> {
    if let Ok(v) = row.try_get::<Option<i64>>("", column) {
        return Ok(v.unwrap_or(0));
    }
    if let Ok(v) = row.try_get::<Option<i32>>("", column) {
        return Ok(v.map(i64::from).unwrap_or(0));
    }
    if let Ok(v) = row.try_get::<Option<i16>>("", column) {
        return Ok(v.map(i64::from).unwrap_or(0));
    }
    row.try_get::<Option<f64>>("", column).map(|v| v.unwrap_or(0.0) as i64)
}

pub(crate) fn opt_int(row: &QueryResult, column: &str) -> Result<Option<i64>, DbErr> {
    if let Ok(v) = row.try_get::<Option<i64>>("", column) {
        return Ok(v);
    }
    if let Ok(v) = row.try_get::<Option<i32>>("", column) {
        return Ok(v.map(i64::from));
    }
    row.try_get::<Option<i16>>("", column).map(|v| v.map(i64::from))
}

/// The SQL of "the employee aliased `e` holds the competency standard rows aliased `ps` of
/// their current position, of active competencies (`c`), with their current level `l`".
pub(crate) const REQUIRED_JOIN: &str = "employees e \
     JOIN position_standards ps ON ps.position_id = e.position_id \
     JOIN competencies c ON c.id = ps.competency_id \
     LEFT JOIN employee_competency_levels l ON l.employee_id = e.id AND l.competency_id = ps.competency_id";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_is_capped_per_competency_and_banded() {
        let m = Match { held: 9, required: 10, competencies: 3, met: 2 };
        assert_eq!(m.percent(), Some(90));
        assert_eq!(m.band(MatchBands::default()), Some(Band::Optimal));
        let m = Match { held: 78, required: 100, competencies: 3, met: 1 };
        assert_eq!(m.band(MatchBands::default()), Some(Band::Adequate));
        let m = Match { held: 77, required: 100, competencies: 3, met: 1 };
        assert_eq!(m.band(MatchBands::default()), Some(Band::Low));
        assert_eq!(Match { held: 0, required: 0, competencies: 0, met: 0 }.percent(), None);
    }

    #[test]
    fn placeholders_are_numbered_for_postgres() {
        let s = statement(DbBackend::Postgres, "a = ? AND b IN (?, ?)", vec![1.into(), 2.into(), 3.into()]);
        assert_eq!(s.sql, "a = $1 AND b IN ($2, $3)");
        let s = statement(DbBackend::Sqlite, "a = ?", vec![1.into()]);
        assert_eq!(s.sql, "a = ?");
    }
}
