//! CSV import of employees, the competency dictionary and position standards.
//!
//! Every import goes the same way:
//!
//! 1. the file is read ([`table`]) and every line is checked: cells on their own, then
//!    against the database, loaded set-wise (a few `IN` queries in chunks, never one query
//!    per line). Every problem is collected with its line and column ([`RowError`]);
//! 2. with no problem, one write transaction ([`crate::tx::begin_write`]) loads the same
//!    data again, checks again (someone may have changed it meanwhile), and upserts keyed by
//!    NIP or code with chunked multi-row statements, recording each change in the audit log.
//!
//! The file imports entirely or not at all. Who may import what is the policy's answer
//! ([`may_import`]); an operator's rows must stay inside their agencies.

pub mod competencies;
pub mod employees;
pub mod runs;
pub mod standards;
pub(crate) mod table;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Iterable,
    QueryFilter, QueryResult, QueryTrait,
};
use serde::{Deserialize, Serialize};

use crate::audit::Change;
use crate::enums::AuditAction;
use crate::i18n::{Lang, Msg};
use crate::nip::{Nip, NipError};
use crate::policy::{Action, Actor, Target};
use crate::schema::audit_log;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Employees,
    Competencies,
    Standards,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [ImportKind::Employees, ImportKind::Competencies, ImportKind::Standards];

    /// The word used in URLs, forms and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Employees => "employees",
            ImportKind::Competencies => "competencies",
            ImportKind::Standards => "standards",
        }
    }

    pub fn parse(s: &str) -> Option<ImportKind> {
        ImportKind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The `job_runs.job_name` of an import of this kind started from the page.
    pub fn job_name(self) -> &'static str {
        match self {
            ImportKind::Employees => "import-employees",
            ImportKind::Competencies => "import-competencies",
            ImportKind::Standards => "import-standards",
        }
    }

    pub fn from_job_name(name: &str) -> Option<ImportKind> {
        ImportKind::ALL.into_iter().find(|k| k.job_name() == name)
    }

    pub fn label(self) -> Msg {
        match self {
            ImportKind::Employees => Msg::ImportKindEmployees,
            ImportKind::Competencies => Msg::ImportKindCompetencies,
            ImportKind::Standards => Msg::ImportKindStandards,
        }
    }

    /// The file's columns, in the documented order, with whether each is required.
    pub fn columns(self) -> Vec<(&'static str, bool)> {
        let spec = match self {
            ImportKind::Employees => employees::COLUMNS,
            ImportKind::Competencies => competencies::COLUMNS,
            ImportKind::Standards => standards::COLUMNS,
        };
        spec.iter().map(|c| (c.name, c.required)).collect()
    }
}

/// Who imports: a signed-in user (their reach is the policy's), or the command line
/// (everything, and no user in the audit log).
#[derive(Debug, Clone, Copy)]
pub struct Importer<'a> {
    pub actor: Option<&'a Actor>,
}

impl<'a> Importer<'a> {
    pub fn command_line() -> Importer<'static> {
        Importer { actor: None }
    }

    pub fn user(actor: &'a Actor) -> Importer<'a> {
        Importer { actor: Some(actor) }
    }

    fn user_id(&self) -> Option<i64> {
        self.actor.map(|a| a.user_id)
    }

    /// Asks the policy; the command line may do everything.
    async fn can<C: ConnectionTrait>(
        &self,
        db: &C,
        action: Action,
        target: Target<'_>,
    ) -> Result<bool, DbErr> {
        match self.actor {
            None => Ok(true),
            Some(actor) => actor.can(db, action, target).await,
        }
    }
}

/// May `actor` import files of this kind at all? Operators import employees (of their own
/// agencies: checked line by line); the dictionary and the standards are region-wide.
pub async fn may_import<C: ConnectionTrait>(db: &C, actor: &Actor, kind: ImportKind) -> Result<bool, DbErr> {
    if !actor.can(db, Action::Import, Target::Region).await? {
        return Ok(false);
    }
    match kind {
        ImportKind::Employees => Ok(true),
        ImportKind::Competencies => actor.can(db, Action::EditCompetencies, Target::Region).await,
        ImportKind::Standards => actor.can(db, Action::EditPosition, Target::Position(None)).await,
    }
}

/// One problem of a file: where (line as a spreadsheet numbers it, header = 1; column name,
/// empty for a whole line) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub problem: Problem,
}

impl RowError {
    pub fn new(line: u64, column: impl Into<String>, problem: Problem) -> RowError {
        RowError { line, column: column.into(), problem }
    }

    /// A problem of a whole line.
    pub fn file(line: u64, problem: Problem) -> RowError {
        RowError::new(line, "", problem)
    }

    /// The reason, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.problem.text(lang)
    }

    /// `line 12, column nip: …` (English), as the command line prints it.
    pub fn describe(&self) -> String {
        if self.column.is_empty() {
            format!("line {}: {}", self.line, self.text(Lang::En))
        } else {
            format!("line {}, column {}: {}", self.line, self.column, self.text(Lang::En))
        }
    }
}

/// What is wrong; each variant is one message of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Problem {
    NotUtf8,
    NoHeader,
    NoRows,
    Unreadable,
    MissingColumns {
        columns: String,
    },
    UnknownColumn {
        allowed: String,
    },
    DuplicateColumn,
    CellCount {
        found: usize,
        expected: usize,
    },
    Required,
    /// NUL or another control character in a cell.
    ControlCharacters,
    TooLong {
        max: usize,
    },
    NipLength {
        found: usize,
    },
    NipNotDigits,
    NipScientific,
    NipBirthDate {
        part: String,
    },
    NipAppointment {
        part: String,
    },
    NipUnder18 {
        part: String,
        birth: String,
    },
    NipFuture {
        part: String,
    },
    NipZeroSequence,
    NipForPppk {
        part: String,
    },
    NiPppkForPns {
        part: String,
    },
    NipGender {
        digit: String,
    },
    EmailInvalid {
        value: String,
    },
    EmailTaken {
        value: String,
    },
    UnknownAgency {
        code: String,
    },
    AgencyOutOfScope {
        code: String,
    },
    EmployeeOutOfScope,
    UnknownPosition {
        code: String,
    },
    UnknownCompetency {
        code: String,
    },
    UnknownSupervisor {
        nip: String,
    },
    OwnSupervisor,
    DuplicateNip {
        value: String,
        line: u64,
    },
    DuplicateEmail {
        value: String,
        line: u64,
    },
    DuplicateCode {
        value: String,
        line: u64,
    },
    DuplicateStandard {
        position: String,
        competency: String,
        line: u64,
    },
    PositionMismatch {
        code: String,
        line: u64,
    },
    LevelNotNumber {
        value: String,
    },
    LevelOutOfRange {
        value: String,
    },
    UnknownValue {
        value: String,
        allowed: String,
    },
    GradeRequired,
    GradeNotForPppk {
        value: String,
    },
    GradeNotForPns {
        value: String,
    },
    /// A contract or CPNS date that is malformed or does not fit the record.
    Terms(crate::records::TermsError),
}

impl Problem {
    /// The catalogue message and the values of its placeholders.
    pub fn message(&self) -> (Msg, Vec<(&'static str, String)>) {
        use Problem::*;
        match self {
            NotUtf8 => (Msg::ImportNotUtf8, vec![]),
            NoHeader => (Msg::ImportNoHeader, vec![]),
            NoRows => (Msg::ImportNoRows, vec![]),
            Unreadable => (Msg::ImportUnreadable, vec![]),
            MissingColumns { columns } => (Msg::ImportMissingColumns, vec![("columns", columns.clone())]),
            UnknownColumn { allowed } => (Msg::ImportUnknownColumn, vec![("allowed", allowed.clone())]),
            DuplicateColumn => (Msg::ImportDuplicateColumn, vec![]),
            CellCount { found, expected } => {
                (Msg::ImportCellCount, vec![("found", found.to_string()), ("expected", expected.to_string())])
            }
            Required => (Msg::ImportRequired, vec![]),
            ControlCharacters => (Msg::ControlCharacters, vec![]),
            TooLong { max } => (Msg::ImportTooLong, vec![("max", max.to_string())]),
            NipLength { found } => (Msg::ImportNipLength, vec![("found", found.to_string())]),
            NipNotDigits => (Msg::ImportNipNotDigits, vec![]),
            NipScientific => (Msg::ImportNipScientific, vec![]),
            NipBirthDate { part } => (Msg::ImportNipBirthDate, vec![("part", part.clone())]),
            NipAppointment { part } => (Msg::ImportNipAppointment, vec![("part", part.clone())]),
            NipUnder18 { part, birth } => {
                (Msg::ImportNipUnder18, vec![("part", part.clone()), ("birth", birth.clone())])
            }
            NipFuture { part } => (Msg::ImportNipFuture, vec![("part", part.clone())]),
            NipZeroSequence => (Msg::ImportNipZeroSequence, vec![]),
            NipForPppk { part } => (Msg::ImportNipForPppk, vec![("part", part.clone())]),
            NiPppkForPns { part } => (Msg::ImportNiPppkForPns, vec![("part", part.clone())]),
            NipGender { digit } => (Msg::ImportNipGender, vec![("digit", digit.clone())]),
            EmailInvalid { value } => (Msg::ImportEmailInvalid, vec![("value", value.clone())]),
            EmailTaken { value } => (Msg::ImportEmailTaken, vec![("value", value.clone())]),
            UnknownAgency { code } => (Msg::ImportUnknownAgency, vec![("code", code.clone())]),
            AgencyOutOfScope { code } => (Msg::ImportAgencyOutOfScope, vec![("code", code.clone())]),
            EmployeeOutOfScope => (Msg::ImportEmployeeOutOfScope, vec![]),
            UnknownPosition { code } => (Msg::ImportUnknownPosition, vec![("code", code.clone())]),
            UnknownCompetency { code } => (Msg::ImportUnknownCompetency, vec![("code", code.clone())]),
            UnknownSupervisor { nip } => (Msg::ImportUnknownSupervisor, vec![("nip", nip.clone())]),
            OwnSupervisor => (Msg::ImportOwnSupervisor, vec![]),
            DuplicateNip { value, line } => {
                (Msg::ImportDuplicateNip, vec![("value", value.clone()), ("line", line.to_string())])
            }
            DuplicateEmail { value, line } => {
                (Msg::ImportDuplicateEmail, vec![("value", value.clone()), ("line", line.to_string())])
            }
            DuplicateCode { value, line } => {
                (Msg::ImportDuplicateCode, vec![("value", value.clone()), ("line", line.to_string())])
            }
            DuplicateStandard { position, competency, line } => (
                Msg::ImportDuplicateStandard,
                vec![
                    ("position", position.clone()),
                    ("competency", competency.clone()),
                    ("line", line.to_string()),
                ],
            ),
            PositionMismatch { code, line } => {
                (Msg::ImportPositionMismatch, vec![("code", code.clone()), ("line", line.to_string())])
            }
            LevelNotNumber { value } => (Msg::ImportLevelNotNumber, vec![("value", value.clone())]),
            LevelOutOfRange { value } => (Msg::ImportLevelOutOfRange, vec![("value", value.clone())]),
            UnknownValue { value, allowed } => {
                (Msg::ImportUnknownValue, vec![("value", value.clone()), ("allowed", allowed.clone())])
            }
            GradeRequired => (Msg::ImportGradeRequired, vec![]),
            GradeNotForPppk { value } => (Msg::ImportGradeNotForPppk, vec![("value", value.clone())]),
            GradeNotForPns { value } => (Msg::ImportGradeNotForPns, vec![("value", value.clone())]),
            Terms(err) => err.message(),
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        let (msg, values) = self.message();
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        msg.fill(lang, &values)
    }
}

/// What an import changed. `created`, `updated` and `unchanged` count the file's records
/// (employees, competencies, standard rows); `removed` counts standard rows dropped because
/// their position's lines no longer list them; `positions_*` count positions (standards
/// files only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    #[serde(default)]
    pub removed: u64,
    #[serde(default)]
    pub positions_created: u64,
    #[serde(default)]
    pub positions_updated: u64,
}

/// How an import ended, when the database did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Imported(ImportSummary),
    /// Nothing was written; every problem of the file.
    Rejected(Vec<RowError>),
}

/// Told how far an import has come: lines checked, then records written.
pub trait Progress: Send + Sync {
    fn checked(&self, _done: u64, _total: u64) {}
    fn written(&self, _done: u64, _total: u64) {}
}

/// For callers that do not show progress.
pub struct NoProgress;

impl Progress for NoProgress {}

/// Checks `file` and, when it has no problem, imports it in one write transaction.
pub async fn run(
    db: &DatabaseConnection,
    kind: ImportKind,
    file: &[u8],
    importer: &Importer<'_>,
    progress: &dyn Progress,
    now: DateTime<Utc>,
) -> Result<Outcome, DbErr> {
    match kind {
        ImportKind::Employees => employees::import(db, file, importer, progress, now).await,
        ImportKind::Competencies => competencies::import(db, file, importer, progress, now).await,
        ImportKind::Standards => standards::import(db, file, importer, progress, now).await,
    }
}

// ---------------------------------------------------------------------------------------
// Pieces the three kinds share
// ---------------------------------------------------------------------------------------

/// Keys per `IN (…)` query.
const IN_CHUNK: usize = 5_000;
/// SQLite allows 32,766 bind parameters per statement, PostgreSQL 65,535: stay below both.
const MAX_PARAMS: usize = 30_000;
/// How often (in lines) checking reports progress.
const PROGRESS_EVERY: usize = 1_000;

/// Errors in the order of the file: by line, then by the kind's column order.
fn sorted(mut errors: Vec<RowError>, columns: &[table::Column]) -> Vec<RowError> {
    let rank = |e: &RowError| columns.iter().position(|c| c.name == e.column).unwrap_or(0);
    errors.sort_by_key(|e| (e.line, rank(e)));
    errors
}

/// A required cell, or `Required`.
fn required_cell(value: &str, line: u64, column: &str, errors: &mut Vec<RowError>) -> Option<String> {
    if value.is_empty() {
        errors.push(RowError::new(line, column, Problem::Required));
        None
    } else {
        Some(value.to_owned())
    }
}

/// A cell that must not exceed `max` characters.
fn bounded(value: String, max: usize, line: u64, column: &str, errors: &mut Vec<RowError>) -> Option<String> {
    if value.chars().count() > max {
        errors.push(RowError::new(line, column, Problem::TooLong { max }));
        None
    } else {
        Some(value)
    }
}

/// An enum cell: the stored words, case-insensitive.
fn enum_cell<T: Copy>(
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
    line: u64,
    column: &str,
    errors: &mut Vec<RowError>,
) -> Option<T> {
    let parsed = parse(value);
    if parsed.is_none() {
        let problem = Problem::UnknownValue { value: value.to_owned(), allowed: allowed.join(", ") };
        errors.push(RowError::new(line, column, problem));
    }
    parsed
}

/// Parses a NIP, saying which part of it is wrong.
fn nip_cell(value: &str, line: u64, column: &str, errors: &mut Vec<RowError>) -> Option<Nip> {
    match Nip::parse(value) {
        Ok(nip) => Some(nip),
        Err(e) => {
            errors.push(RowError::new(line, column, nip_problem(value, e)));
            None
        }
    }
}

pub(crate) fn nip_problem(value: &str, error: NipError) -> Problem {
    match error {
        NipError::WrongLength { found } => Problem::NipLength { found },
        NipError::NotDigits if looks_scientific(value) => Problem::NipScientific,
        NipError::NotDigits => Problem::NipNotDigits,
        NipError::InvalidBirthDate => Problem::NipBirthDate { part: value[..8].to_owned() },
        NipError::InvalidAppointment => Problem::NipAppointment { part: value[12..14].to_owned() },
        NipError::AppointedUnder18 => {
            Problem::NipUnder18 { part: value[8..14].to_owned(), birth: value[..8].to_owned() }
        }
        NipError::AppointmentInFuture => Problem::NipFuture { part: value[8..14].to_owned() },
        NipError::InvalidGender { digit } => Problem::NipGender { digit: digit.to_string() },
        NipError::ZeroSequence => Problem::NipZeroSequence,
        NipError::NipForPppk => Problem::NipForPppk { part: value[12..14].to_owned() },
        NipError::NiPppkForPns => Problem::NiPppkForPns { part: value[12..14].to_owned() },
    }
}

/// `1,99001E+17`: a spreadsheet turned the NIP into a number.
fn looks_scientific(value: &str) -> bool {
    let upper = value.to_ascii_uppercase();
    upper.contains("E+") && upper.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | 'E' | '+'))
}

/// Loads the rows of `E` whose `column` is one of `keys`, in chunks.
async fn find_in<C, E>(db: &C, column: E::Column, keys: &[String]) -> Result<Vec<E::Model>, DbErr>
where
    C: ConnectionTrait,
    E: EntityTrait,
{
    let mut found = Vec::new();
    for chunk in keys.chunks(IN_CHUNK) {
        found.extend(E::find().filter(column.is_in(chunk.iter().cloned())).all(db).await?);
    }
    Ok(found)
}

/// Inserts (or, with `on_conflict`, upserts) `models` in multi-row statements as large as
/// the parameter limits allow, returning the `returning` columns of every row written
/// (none asked: nothing is sent back).
/// `written` is told the number of rows after each statement.
async fn insert_returning<C, A>(
    db: &C,
    models: Vec<A>,
    on_conflict: Option<OnConflict>,
    returning: &[<A::Entity as EntityTrait>::Column],
    written: &mut (dyn FnMut(usize) + Send),
) -> Result<Vec<QueryResult>, DbErr>
where
    C: ConnectionTrait,
    A: sea_orm::ActiveModelTrait + Send,
{
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let per_statement = (MAX_PARAMS / columns).max(1);
    let mut rows = Vec::with_capacity(models.len());
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let chunk: Vec<A> = models.by_ref().take(per_statement).collect();
        let count = chunk.len();
        let mut insert = <A::Entity as EntityTrait>::insert_many(chunk);
        if let Some(on_conflict) = &on_conflict {
            insert = insert.on_conflict(on_conflict.clone());
        }
        if returning.is_empty() {
            insert.exec_without_returning(db).await?;
        } else {
            let mut statement = insert.into_query();
            statement.returning(Query::returning().columns(returning.iter().copied()));
            rows.extend(db.query_all(&statement).await?);
        }
        written(count);
    }
    Ok(rows)
}

/// Audit-log rows collected during an import and written with chunked inserts.
struct AuditBatch {
    user_id: Option<i64>,
    now: DateTime<Utc>,
    rows: Vec<audit_log::ActiveModel>,
}

impl AuditBatch {
    fn new(importer: &Importer<'_>, now: DateTime<Utc>) -> AuditBatch {
        AuditBatch { user_id: importer.user_id(), now, rows: Vec::new() }
    }

    fn created<T: Serialize>(&mut self, entity_type: &str, id: i64, after: &T) {
        self.push(Change { user_id: self.user_id, ..Change::created(0, entity_type, id, after) });
    }

    fn updated<T: Serialize>(&mut self, entity_type: &str, id: i64, before: &T, after: &T) {
        self.push(Change { user_id: self.user_id, ..Change::updated(0, entity_type, id, before, after) });
    }

    fn deleted<T: Serialize>(&mut self, entity_type: &str, id: i64, before: &T) {
        self.push(Change { user_id: self.user_id, ..Change::deleted(0, entity_type, id, before) });
    }

    fn push<T: Serialize>(&mut self, change: Change<'_, T>) {
        let to_json = |v: Option<&T>| v.and_then(|v| serde_json::to_string(v).ok());
        let action: AuditAction = change.action;
        self.rows.push(audit_log::ActiveModel {
            at: Set(self.now),
            user_id: Set(change.user_id),
            action: Set(action),
            entity_type: Set(change.entity_type.to_owned()),
            entity_id: Set(change.entity_id),
            before: Set(to_json(change.before)),
            after: Set(to_json(change.after)),
            ..Default::default()
        });
    }

    async fn write<C: ConnectionTrait>(self, db: &C) -> Result<(), DbErr> {
        let per_statement = MAX_PARAMS / 7;
        let mut rows = self.rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<_> = rows.by_ref().take(per_statement).collect();
            audit_log::Entity::insert_many(chunk).exec_without_returning(db).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nip_problems_name_the_part() {
        let p = |s: &str| nip_problem(s, Nip::parse(s).unwrap_err());
        assert_eq!(p("19900115201503100"), Problem::NipLength { found: 17 });
        assert_eq!(p("1,99001E+17"), Problem::NipScientific);
        assert_eq!(p("1990-0115"), Problem::NipNotDigits);
        assert_eq!(p("199013152015031001"), Problem::NipBirthDate { part: "19901315".into() });
        assert_eq!(p("199001152015131001"), Problem::NipAppointment { part: "13".into() });
        assert_eq!(p("199001152015033001"), Problem::NipGender { digit: "3".into() });
        assert_eq!(p("199001152015031000"), Problem::NipZeroSequence);
        assert_eq!(p("199001152100031001"), Problem::NipFuture { part: "210003".into() });
        assert!(p("199001151989121001").text(Lang::En).contains("198912"));
        assert!(p("199001151990011001").text(Lang::En).contains("18 years"));
        let pppk = Nip::parse("198902252024211013").unwrap();
        let mismatch =
            nip_problem(pppk.as_str(), pppk.check_employment(crate::enums::EmploymentType::Pns).unwrap_err());
        assert_eq!(mismatch, Problem::NiPppkForPns { part: "21".into() });
    }

    #[test]
    fn every_problem_has_a_message_without_leftover_placeholders() {
        let problems = [
            Problem::MissingColumns { columns: "nip".into() },
            Problem::CellCount { found: 3, expected: 9 },
            Problem::DuplicateStandard { position: "P".into(), competency: "C".into(), line: 4 },
            Problem::UnknownValue { value: "x".into(), allowed: "a, b".into() },
            Problem::NipUnder18 { part: "198912".into(), birth: "19900115".into() },
            Problem::NipForPppk { part: "03".into() },
            Problem::NiPppkForPns { part: "21".into() },
        ];
        for problem in problems {
            for lang in [Lang::Id, Lang::En] {
                assert!(!problem.text(lang).contains('{'), "{problem:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn errors_serialise_for_the_run_ledger() {
        let e = RowError::new(12, "nip", Problem::NipLength { found: 17 });
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"line":12,"column":"nip","problem":{"reason":"nip_length","found":17}}"#);
        assert_eq!(serde_json::from_str::<RowError>(&json).unwrap(), e);
        assert_eq!(e.describe(), "line 12, column nip: A NIP has 18 digits; this one has 17.");
    }
}
