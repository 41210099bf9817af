//! Importing assessment-centre results from CSV: `nip,competency_code,level,assessed_on,
//! assessor[,notes]`, read like every other import ([`crate::import`]'s reader: UTF-8 with or
//! without BOM, comma or semicolon, header names in any case, lines numbered as a spreadsheet
//! shows them). The whole file is checked first and every problem reported with its line and
//! column; with any problem nothing is written. Otherwise one write transaction inserts the
//! assessments (`assessment_centre`) with multi-row statements and brings the current levels
//! of the employees named up to date with one set-based statement per chunk of employees.
//!
//! Importing the same file again changes nothing: a line whose employee, competency, date and
//! source are already recorded updates that assessment (level, assessor, notes) instead of
//! adding a second one.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
};
use serde::Serialize;

use crate::assessments::CountingRule;
use crate::enums::{AssessmentSource, AuditAction};
use crate::i18n::{Lang, Msg};
use crate::import::table::{Column, Table, optional, required};
use crate::import::{Problem, RowError, nip_problem};
use crate::nip::Nip;
use crate::policy::{Action, Actor};
use crate::schema::{audit_log, competencies, competency_assessments, employees};
use crate::tx::begin_write;

pub(crate) const COLUMNS: &[Column] = &[
    required("nip"),
    required("competency_code"),
    required("level"),
    required("assessed_on"),
    required("assessor"),
    optional("notes"),
];

/// The columns of the file, in order, with whether each is required.
pub fn columns() -> Vec<(&'static str, bool)> {
    COLUMNS.iter().map(|c| (c.name, c.required)).collect()
}

/// An example file, as the page offers it: the README's, which imports on the demo data.
pub const EXAMPLE: &str = include_str!("../../../docs/examples/assessments.csv");

/// Keys per `IN (…)` query, and rows per multi-row insert (11 columns).
const CHUNK: usize = 2_000;

/// One problem of a line: the shared import problems, or one of assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LineProblem {
    Common(Problem),
    UnknownEmployee { nip: String },
    DateInvalid { value: String },
    DateInFuture { value: String },
    DuplicateLine { line: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    pub line: u64,
    pub column: String,
    pub problem: LineProblem,
}

impl LineError {
    fn new(line: u64, column: &str, problem: LineProblem) -> LineError {
        LineError { line, column: column.to_owned(), problem }
    }

    pub fn text(&self, lang: Lang) -> String {
        match &self.problem {
            LineProblem::Common(p) => p.text(lang),
            LineProblem::UnknownEmployee { nip } => {
                Msg::GapsImportUnknownEmployee.fill(lang, &[("nip", nip)])
            }
            LineProblem::DateInvalid { value } => Msg::GapsDateInvalid.fill(lang, &[("value", value)]),
            LineProblem::DateInFuture { value } => Msg::GapsDateInFuture.fill(lang, &[("value", value)]),
            LineProblem::DuplicateLine { line } => {
                Msg::GapsImportDuplicateLine.fill(lang, &[("line", &line.to_string())])
            }
        }
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

impl From<RowError> for LineError {
    fn from(e: RowError) -> Self {
        LineError { line: e.line, column: e.column, problem: LineProblem::Common(e.problem) }
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Employees whose current levels were brought up to date.
    pub employees: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Imported(Summary),
    /// Nothing was written; every problem of the file, in file order.
    Rejected(Vec<LineError>),
}

/// A line whose cells are well-formed.
struct Line {
    line: u64,
    nip: String,
    competency: String,
    level: i16,
    assessed_on: NaiveDate,
    assessor: String,
    notes: Option<String>,
}

/// Checks `file` and, when it has no problem, imports it. `actor` `None`: the command line
/// (every employee); otherwise the employees must be within the actor's `RecordAssessment`
/// reach (admins all, operators their agencies).
pub async fn import(
    db: &DatabaseConnection,
    file: &[u8],
    actor: Option<&Actor>,
    rule: CountingRule,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Outcome, DbErr> {
    let table = match Table::read(file, COLUMNS) {
        Ok(table) => table,
        Err(errors) => return Ok(Outcome::Rejected(errors.into_iter().map(LineError::from).collect())),
    };
    let mut errors: Vec<LineError> = table.errors.iter().cloned().map(LineError::from).collect();
    let lines = read_lines(&table, today, &mut errors);

    // The employees and competencies named, loaded set-wise.
    let dictionary: HashMap<String, i64> = competencies::Entity::find()
        .filter(competencies::Column::IsActive.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.code.to_uppercase(), c.id))
        .collect();
    let mut nips: Vec<String> = lines.iter().map(|l| l.nip.clone()).collect();
    nips.sort_unstable();
    nips.dedup();
    let mut people: HashMap<String, employees::Model> = HashMap::new();
    for chunk in nips.chunks(CHUNK) {
        for e in employees::Entity::find()
            .filter(employees::Column::Nip.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            people.insert(e.nip.clone(), e);
        }
    }
    let reach = actor.map(|a| a.reach(Action::ViewGaps));
    let mut first_seen: HashMap<(String, String, NaiveDate), u64> = HashMap::new();
    let mut wanted = Vec::with_capacity(lines.len());
    for l in lines {
        let mut ok = true;
        let employee = people.get(&l.nip);
        match employee {
            None => {
                errors.push(LineError::new(
                    l.line,
                    "nip",
                    LineProblem::UnknownEmployee { nip: l.nip.clone() },
                ));
                ok = false;
            }
            Some(e) => {
                // Assessments are recorded by staff: an agency in reach, not a personal circle.
                let in_reach =
                    reach.as_ref().is_none_or(|r| r.is_staff_wide() && r.includes_agency(e.agency_id));
                if !in_reach {
                    errors.push(LineError::new(
                        l.line,
                        "nip",
                        LineProblem::Common(Problem::EmployeeOutOfScope),
                    ));
                    ok = false;
                }
            }
        }
        let competency = dictionary.get(&l.competency.to_uppercase()).copied();
        if competency.is_none() {
            let problem = Problem::UnknownCompetency { code: l.competency.clone() };
            errors.push(LineError::new(l.line, "competency_code", LineProblem::Common(problem)));
            ok = false;
        }
        let key = (l.nip.clone(), l.competency.to_uppercase(), l.assessed_on);
        if let Some(first) = first_seen.get(&key) {
            errors.push(LineError::new(
                l.line,
                "competency_code",
                LineProblem::DuplicateLine { line: *first },
            ));
            ok = false;
        } else {
            first_seen.insert(key, l.line);
        }
        if let (true, Some(e), Some(c)) = (ok, employee, competency) {
            wanted.push((e.id, c, l));
        }
    }
    if !errors.is_empty() {
        let rank = |e: &LineError| COLUMNS.iter().position(|c| c.name == e.column).unwrap_or(0);
        errors.sort_by_key(|e| (e.line, rank(e)));
        return Ok(Outcome::Rejected(errors));
    }

    let txn = begin_write(db).await?;
    // Assessment-centre results already recorded for these employees, by natural key.
    let mut employee_ids: Vec<i64> = wanted.iter().map(|(e, _, _)| *e).collect();
    employee_ids.sort_unstable();
    employee_ids.dedup();
    let mut existing: HashMap<(i64, i64, NaiveDate), competency_assessments::Model> = HashMap::new();
    for chunk in employee_ids.chunks(CHUNK) {
        for a in competency_assessments::Entity::find()
            .filter(competency_assessments::Column::EmployeeId.is_in(chunk.iter().copied()))
            .filter(competency_assessments::Column::Source.eq(AssessmentSource::AssessmentCentre))
            .all(&txn)
            .await?
        {
            existing.insert((a.employee_id, a.competency_id, a.assessed_on), a);
        }
    }
    let user_id = actor.map(|a| a.user_id);
    let mut summary =
        Summary { rows: wanted.len() as u64, employees: employee_ids.len() as u64, ..Default::default() };
    let mut inserts = Vec::new();
    let mut audit_rows = Vec::new();
    for (employee_id, competency_id, l) in wanted {
        let assessor = Some(l.assessor.clone());
        match existing.get(&(employee_id, competency_id, l.assessed_on)) {
            Some(a) if a.level == l.level && a.assessor_name == assessor && a.notes == l.notes => {
                summary.unchanged += 1;
            }
            Some(a) => {
                let mut after = a.clone();
                after.level = l.level;
                after.assessor_name = assessor.clone();
                after.notes = l.notes.clone();
                competency_assessments::Entity::update(competency_assessments::ActiveModel {
                    id: Set(a.id),
                    level: Set(l.level),
                    assessor_name: Set(assessor),
                    notes: Set(l.notes),
                    ..Default::default()
                })
                .exec(&txn)
                .await?;
                audit_rows.push(audit_row(user_id, AuditAction::Update, a.id, Some(a), Some(&after), now));
                summary.updated += 1;
            }
            None => {
                inserts.push(competency_assessments::ActiveModel {
                    employee_id: Set(employee_id),
                    competency_id: Set(competency_id),
                    level: Set(l.level),
                    source: Set(AssessmentSource::AssessmentCentre),
                    assessed_on: Set(l.assessed_on),
                    assessor_name: Set(assessor),
                    assessor_employee_id: Set(None),
                    recorded_by_user_id: Set(user_id),
                    notes: Set(l.notes),
                    created_at: Set(now),
                    ..Default::default()
                });
                summary.created += 1;
            }
        }
    }
    let mut rest = inserts.into_iter().peekable();
    while rest.peek().is_some() {
        let chunk: Vec<_> = rest.by_ref().take(CHUNK).collect();
        competency_assessments::Entity::insert_many(chunk).exec_without_returning(&txn).await?;
    }
    if summary.created > 0 {
        // One audit row for the created assessments of the import (their rows carry the
        // importing user and the time).
        let after = serde_json::json!({ "created": summary.created, "source": "assessment_centre" });
        audit_rows.push(audit_log::ActiveModel {
            at: Set(now),
            user_id: Set(user_id),
            action: Set(AuditAction::Create),
            entity_type: Set("competency_assessments".into()),
            entity_id: Set("import".into()),
            before: Set(None),
            after: Set(Some(after.to_string())),
            ..Default::default()
        });
    }
    let mut rest = audit_rows.into_iter().peekable();
    while rest.peek().is_some() {
        let chunk: Vec<_> = rest.by_ref().take(CHUNK).collect();
        audit_log::Entity::insert_many(chunk).exec_without_returning(&txn).await?;
    }
    for chunk in employee_ids.chunks(CHUNK) {
        refresh_levels(&txn, chunk, rule, now).await?;
    }
    txn.commit().await?;
    Ok(Outcome::Imported(summary))
}

fn audit_row(
    user_id: Option<i64>,
    action: AuditAction,
    id: i64,
    before: Option<&competency_assessments::Model>,
    after: Option<&competency_assessments::Model>,
    now: DateTime<Utc>,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(now),
        user_id: Set(user_id),
        action: Set(action),
        entity_type: Set("competency_assessments".into()),
        entity_id: Set(id.to_string()),
        before: Set(before.and_then(|b| serde_json::to_string(b).ok())),
        after: Set(after.and_then(|a| serde_json::to_string(a).ok())),
        ..Default::default()
    }
}

/// Brings the current levels of `employee_ids` up to date under the counting rule.
pub(crate) async fn refresh_levels<C: ConnectionTrait>(
    db: &C,
    employee_ids: &[i64],
    rule: CountingRule,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    crate::assessments::refresh(db, employee_ids, rule, now).await.map(|_| ())
}

fn read_lines(table: &Table, today: NaiveDate, errors: &mut Vec<LineError>) -> Vec<Line> {
    let mut lines = Vec::with_capacity(table.records.len());
    for record in &table.records {
        let line = record.line;
        let cell = |c: &str| table.cell(record, c);
        let before = errors.len();
        let mut required = |column: &str| -> Option<String> {
            let v = cell(column);
            if v.is_empty() {
                errors.push(LineError::new(line, column, LineProblem::Common(Problem::Required)));
                None
            } else {
                Some(v.to_owned())
            }
        };
        let nip = required("nip");
        let competency = required("competency_code");
        let level = required("level");
        let date = required("assessed_on");
        let assessor = required("assessor");
        let nip = nip.and_then(|n| match Nip::parse(&n) {
            Ok(nip) => Some(nip.as_str().to_owned()),
            Err(e) => {
                errors.push(LineError::new(line, "nip", LineProblem::Common(nip_problem(&n, e))));
                None
            }
        });
        let level = level.and_then(|v| match v.parse::<i64>() {
            Ok(l) if (1..=5).contains(&l) => Some(l as i16),
            Ok(_) => {
                let p = Problem::LevelOutOfRange { value: v.clone() };
                errors.push(LineError::new(line, "level", LineProblem::Common(p)));
                None
            }
            Err(_) => {
                let p = Problem::LevelNotNumber { value: v.clone() };
                errors.push(LineError::new(line, "level", LineProblem::Common(p)));
                None
            }
        });
        let assessed_on = date.and_then(|v| match super::assessments::check_date(&v, today) {
            Ok(d) => Some(d),
            Err((Msg::GapsDateInFuture, _)) => {
                errors.push(LineError::new(line, "assessed_on", LineProblem::DateInFuture { value: v }));
                None
            }
            Err(_) => {
                errors.push(LineError::new(line, "assessed_on", LineProblem::DateInvalid { value: v }));
                None
            }
        });
        let assessor = assessor.and_then(|a| {
            if a.chars().count() > 200 {
                errors.push(LineError::new(
                    line,
                    "assessor",
                    LineProblem::Common(Problem::TooLong { max: 200 }),
                ));
                None
            } else {
                Some(a)
            }
        });
        let notes = cell("notes");
        if notes.chars().count() > 2000 {
            errors.push(LineError::new(line, "notes", LineProblem::Common(Problem::TooLong { max: 2000 })));
        }
        if let (Some(nip), Some(competency), Some(level), Some(assessed_on), Some(assessor)) =
            (nip, competency, level, assessed_on, assessor)
            && errors.len() == before
        {
            lines.push(Line {
                line,
                nip,
                competency,
                level,
                assessed_on,
                assessor,
                notes: (!notes.is_empty()).then(|| notes.to_owned()),
            });
        }
    }
    lines
}
