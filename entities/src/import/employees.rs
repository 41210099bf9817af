//! Employees, keyed by NIP.
//!
//! Columns: `nip`, `name`, `employment_type` (PNS/PPPK) and `agency_code` are required;
//! `email`, `position_code`, `grade` (PNS `I/a`…`IV/e`, required for PNS; PPPK `I`…`XVII`),
//! `supervisor_nip`, `active`, `contract_start` and `contract_end` (PPPK) and
//! `cpns_appointed_on` (a PNS still CPNS) may be left out of the file, and then an existing employee keeps what is stored (a new one gets
//! nothing, and is active). An empty cell clears the value; an empty `active` means yes.
//! A supervisor may be an employee of the database or of another line of the file (new
//! supervisors are written before their subordinates, so every link is set as its row is
//! written; employees who supervise each other are linked right after).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QuerySelect,
};

use super::table::{Column, Table, optional, required};
use super::{
    AuditBatch, IN_CHUNK, ImportSummary, Importer, Outcome, Problem, Progress, RowError, bounded, enum_cell,
    find_in, insert_returning, nip_cell, nip_problem, required_cell,
};
use crate::email::Email;
use crate::enums::EmploymentType;
use crate::policy::{Action, Target};
use crate::records::{DateField, EmployeeGrade, GradeError, Terms, parse_date};
use crate::schema::{agencies, employees, positions};
use crate::tx::begin_write;

pub(crate) const COLUMNS: &[Column] = &[
    required("nip"),
    required("name"),
    optional("email"),
    required("employment_type"),
    required("agency_code"),
    optional("position_code"),
    optional("grade"),
    optional("supervisor_nip"),
    optional("active"),
    optional("contract_start"),
    optional("contract_end"),
    optional("cpns_appointed_on"),
];

const ACTIVE_WORDS: &[(&str, bool)] = &[
    ("ya", true),
    ("tidak", false),
    ("yes", true),
    ("no", false),
    ("1", true),
    ("0", false),
    ("true", true),
    ("false", false),
];

/// An optional cell.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell<T> {
    /// The file has no such column: keep what is stored.
    Absent,
    Empty,
    Value(T),
    /// Reported already.
    Invalid,
}

impl<T> Cell<T> {
    fn value(&self) -> Option<&T> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value to store: the file's, or for a left-out column `stored`.
    fn resolve(self, stored: Option<T>) -> Option<T> {
        match self {
            Cell::Absent => stored,
            Cell::Value(v) => Some(v),
            Cell::Empty | Cell::Invalid => None,
        }
    }
}

/// One line, as far as its cells could be read.
struct Line {
    line: u64,
    nip: Option<String>,
    name: Option<String>,
    email: Cell<String>,
    employment: Option<EmploymentType>,
    agency_code: Option<String>,
    position_code: Cell<String>,
    grade: Cell<EmployeeGrade>,
    supervisor_nip: Cell<String>,
    active: Cell<bool>,
    contract_start: Cell<NaiveDate>,
    contract_end: Cell<NaiveDate>,
    cpns_appointed_on: Cell<NaiveDate>,
}

fn optional_cell<T>(
    table: &Table,
    record: &super::table::Record,
    column: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Cell<T> {
    if !table.has(column) {
        return Cell::Absent;
    }
    match table.cell(record, column) {
        "" => Cell::Empty,
        value => parse(value).map_or(Cell::Invalid, Cell::Value),
    }
}

/// Reads every line: the problems of each cell on its own, and duplicates within the file.
fn read_lines(table: &Table, errors: &mut Vec<RowError>) -> Vec<Line> {
    let types = ["PNS", "PPPK"];
    let active_words: Vec<&str> = ACTIVE_WORDS.iter().map(|(w, _)| *w).collect();
    let mut nip_lines: HashMap<String, u64> = HashMap::new();
    let mut email_lines: HashMap<String, u64> = HashMap::new();
    let mut lines = Vec::with_capacity(table.records.len());
    for record in &table.records {
        let line = record.line;
        let cell = |column: &str| table.cell(record, column);
        let parsed_nip =
            required_cell(cell("nip"), line, "nip", errors).and_then(|n| nip_cell(&n, line, "nip", errors));
        let nip = parsed_nip.as_ref().map(|n| n.as_str().to_owned());
        if let Some(nip) = &nip {
            if let Some(first) = nip_lines.get(nip) {
                errors.push(RowError::new(
                    line,
                    "nip",
                    Problem::DuplicateNip { value: nip.clone(), line: *first },
                ));
            } else {
                nip_lines.insert(nip.clone(), line);
            }
        }
        let name = required_cell(cell("name"), line, "name", errors)
            .and_then(|n| bounded(n, 200, line, "name", errors));
        let email = optional_cell(table, record, "email", |value| match Email::parse(value) {
            Ok(email) => Some(email.as_str().to_owned()),
            Err(_) => {
                errors.push(RowError::new(line, "email", Problem::EmailInvalid { value: value.to_owned() }));
                None
            }
        });
        if let Cell::Value(email) = &email {
            if let Some(first) = email_lines.get(email) {
                let problem = Problem::DuplicateEmail { value: email.clone(), line: *first };
                errors.push(RowError::new(line, "email", problem));
            } else {
                email_lines.insert(email.clone(), line);
            }
        }
        let employment = required_cell(cell("employment_type"), line, "employment_type", errors)
            .and_then(|t| enum_cell(&t, EmploymentType::parse, &types, line, "employment_type", errors));
        // A PNS has a NIP, a PPPK an NI PPPK: the number and the type must agree.
        if let (Some(number), Some(employment)) = (&parsed_nip, employment)
            && let Err(err) = number.check_employment(employment)
        {
            errors.push(RowError::new(line, "nip", nip_problem(number.as_str(), err)));
        }
        let agency_code = required_cell(cell("agency_code"), line, "agency_code", errors);
        let position_code = optional_cell(table, record, "position_code", |code| Some(code.to_owned()));
        // Each employment type has its own set of grades; with no (valid) type, a grade of
        // either set is taken as far as the cell goes.
        let grade = optional_cell(table, record, "grade", |g| {
            let kinds = match employment {
                Some(kind) => vec![kind],
                None => EmploymentType::ALL.to_vec(),
            };
            let mut first_error = None;
            for kind in kinds {
                match EmployeeGrade::parse_for(kind, g) {
                    Ok(grade) => return Some(grade),
                    Err(err) => {
                        first_error.get_or_insert(err);
                    }
                }
            }
            let problem = match first_error.expect("at least one type") {
                GradeError::PnsGradeForPppk { value } => Problem::GradeNotForPppk { value },
                GradeError::PppkGradeForPns { value } => Problem::GradeNotForPns { value },
                GradeError::Unknown { value } => {
                    let mut allowed = EmployeeGrade::allowed(EmploymentType::Pns);
                    allowed.extend(EmployeeGrade::allowed(EmploymentType::Pppk));
                    Problem::UnknownValue { value, allowed: allowed.join(", ") }
                }
            };
            errors.push(RowError::new(line, "grade", problem));
            None
        });
        if let (Some(EmploymentType::Pns), Cell::Empty) = (employment, &grade) {
            errors.push(RowError::new(line, "grade", Problem::GradeRequired));
        }
        let mut date = |field: DateField| {
            let column = field.as_str();
            optional_cell(table, record, column, |raw| match parse_date(field, raw) {
                Ok(date) => date,
                Err(err) => {
                    errors.push(RowError::new(line, column, Problem::Terms(err)));
                    None
                }
            })
        };
        let (contract_start, contract_end, cpns_appointed_on) =
            (date(DateField::ContractStart), date(DateField::ContractEnd), date(DateField::CpnsAppointedOn));
        if let Some(employment) = employment {
            let terms = Terms {
                contract_start: contract_start.value().copied(),
                contract_end: contract_end.value().copied(),
                cpns_appointed_on: cpns_appointed_on.value().copied(),
            };
            for err in terms.problems(employment, parsed_nip.as_ref()) {
                errors.push(RowError::new(line, err.field(), Problem::Terms(err)));
            }
        }
        let supervisor_nip = optional_cell(table, record, "supervisor_nip", |n| {
            nip_cell(n, line, "supervisor_nip", errors).map(|n| n.into_string())
        });
        if let (Some(nip), Cell::Value(supervisor)) = (&nip, &supervisor_nip)
            && nip == supervisor
        {
            errors.push(RowError::new(line, "supervisor_nip", Problem::OwnSupervisor));
        }
        let active = match optional_cell(table, record, "active", |word| {
            let found = ACTIVE_WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)).map(|(_, yes)| *yes);
            if found.is_none() {
                let problem =
                    Problem::UnknownValue { value: word.to_owned(), allowed: active_words.join(", ") };
                errors.push(RowError::new(line, "active", problem));
            }
            found
        }) {
            Cell::Empty => Cell::Value(true),
            other => other,
        };
        lines.push(Line {
            line,
            nip,
            name,
            email,
            employment,
            agency_code,
            position_code,
            grade,
            supervisor_nip,
            active,
            contract_start,
            contract_end,
            cpns_appointed_on,
        });
    }
    lines
}

/// What the checks need of a stored employee.
struct Known {
    id: i64,
    agency_id: i64,
}

/// What the checks and the plan need from the database, loaded set-wise.
struct Snapshot {
    /// Every agency id by upper-case code (a region has at most a few thousand).
    agencies: HashMap<String, i64>,
    /// Every position id by upper-case code.
    positions: HashMap<String, i64>,
    /// The stored employees whose NIP is on a line or named as a supervisor.
    known: HashMap<String, Known>,
    /// Their whole rows, for the plan: loaded inside the write transaction only.
    rows: HashMap<String, employees::Model>,
    /// The NIP of the employee holding each e-mail address of the file.
    email_owners: HashMap<String, String>,
    /// The agencies (of the file, and of its stored employees) the importer may edit.
    allowed_agencies: HashSet<i64>,
}

impl Snapshot {
    /// Loads what the checks need; with `whole_rows`, the stored employees' whole rows too.
    /// Without, `progress` hears of the lines checked as their employees are looked up.
    async fn load<C: ConnectionTrait>(
        db: &C,
        lines: &[Line],
        importer: &Importer<'_>,
        whole_rows: bool,
        progress: &dyn Progress,
    ) -> Result<Snapshot, DbErr> {
        let agencies: HashMap<String, i64> = agencies::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.code.to_uppercase(), a.id))
            .collect();
        let positions: HashMap<String, i64> = positions::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.code.to_uppercase(), p.id))
            .collect();

        let mut nips: HashSet<String> = lines.iter().filter_map(|l| l.nip.clone()).collect();
        nips.extend(lines.iter().filter_map(|l| l.supervisor_nip.value().cloned()));
        let nips: Vec<String> = nips.into_iter().collect();
        let mut known = HashMap::new();
        let mut rows = HashMap::new();
        let mut email_owners = HashMap::new();
        if whole_rows {
            for row in find_in::<_, employees::Entity>(db, employees::Column::Nip, &nips).await? {
                known.insert(row.nip.clone(), Known { id: row.id, agency_id: row.agency_id });
                if let Some(email) = &row.email {
                    email_owners.insert(email.clone(), row.nip.clone());
                }
                rows.insert(row.nip.clone(), row);
            }
        } else {
            let total = lines.len() as u64;
            for (i, chunk) in nips.chunks(IN_CHUNK).enumerate() {
                let found: Vec<(String, i64, i64, Option<String>)> = employees::Entity::find()
                    .select_only()
                    .columns([
                        employees::Column::Nip,
                        employees::Column::Id,
                        employees::Column::AgencyId,
                        employees::Column::Email,
                    ])
                    .filter(employees::Column::Nip.is_in(chunk.iter().cloned()))
                    .into_tuple()
                    .all(db)
                    .await?;
                for (nip, id, agency_id, email) in found {
                    if let Some(email) = email {
                        email_owners.insert(email, nip.clone());
                    }
                    known.insert(nip, Known { id, agency_id });
                }
                // Lines count as checked in proportion to the NIPs looked up.
                let looked_up = (i * IN_CHUNK + chunk.len()) as u64;
                progress.checked((looked_up * total / nips.len() as u64).min(total), total);
            }
        }

        // Addresses not held by the employees just loaded: who, if anyone, holds them.
        let emails: Vec<String> = lines
            .iter()
            .filter_map(|l| l.email.value())
            .filter(|email| !email_owners.contains_key(*email))
            .cloned()
            .collect();
        for chunk in emails.chunks(IN_CHUNK) {
            let owners: Vec<(Option<String>, String)> = employees::Entity::find()
                .select_only()
                .column(employees::Column::Email)
                .column(employees::Column::Nip)
                .filter(employees::Column::Email.is_in(chunk.iter().cloned()))
                .into_tuple()
                .all(db)
                .await?;
            email_owners.extend(owners.into_iter().filter_map(|(email, nip)| Some((email?, nip))));
        }

        // The policy, asked once per agency concerned.
        let mut concerned: HashSet<i64> = lines
            .iter()
            .filter_map(|l| l.agency_code.as_ref())
            .filter_map(|code| agencies.get(&code.to_uppercase()).copied())
            .collect();
        concerned.extend(known.values().map(|e| e.agency_id));
        let mut allowed_agencies = HashSet::new();
        for id in concerned {
            if importer.can(db, Action::EditEmployee, Target::Agency(id)).await? {
                allowed_agencies.insert(id);
            }
        }
        Ok(Snapshot { agencies, positions, known, rows, email_owners, allowed_agencies })
    }

    /// The problems of the lines against the database.
    fn check(&self, lines: &[Line]) -> Vec<RowError> {
        let in_file: HashSet<&str> = lines.iter().filter_map(|l| l.nip.as_deref()).collect();
        let mut errors = Vec::new();
        for l in lines {
            let mut error =
                |column: &str, problem: Problem| errors.push(RowError::new(l.line, column, problem));
            if let Some(stored) = l.nip.as_ref().and_then(|nip| self.known.get(nip))
                && !self.allowed_agencies.contains(&stored.agency_id)
            {
                error("nip", Problem::EmployeeOutOfScope);
            }
            if let Some(Cell::Value(email)) = Some(&l.email)
                && let Some(owner) = self.email_owners.get(email)
                && Some(owner) != l.nip.as_ref()
                && !in_file.contains(owner.as_str())
            {
                error("email", Problem::EmailTaken { value: email.clone() });
            }
            if let Some(code) = &l.agency_code {
                match self.agencies.get(&code.to_uppercase()) {
                    None => error("agency_code", Problem::UnknownAgency { code: code.clone() }),
                    Some(id) if !self.allowed_agencies.contains(id) => {
                        error("agency_code", Problem::AgencyOutOfScope { code: code.clone() })
                    }
                    Some(_) => {}
                }
            }
            if let Cell::Value(code) = &l.position_code
                && !self.positions.contains_key(&code.to_uppercase())
            {
                error("position_code", Problem::UnknownPosition { code: code.clone() });
            }
            if let Cell::Value(nip) = &l.supervisor_nip
                && !in_file.contains(nip.as_str())
                && !self.known.contains_key(nip)
            {
                error("supervisor_nip", Problem::UnknownSupervisor { nip: nip.clone() });
            }
        }
        errors
    }
}

/// A supervisor link: an id known now, or the NIP of an employee this import creates.
enum Supervisor {
    Known(Option<i64>),
    Created(String),
}

/// What an import does to one employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Create,
    Update,
    Unchanged,
}

/// One employee: the state before (none: new) and after.
struct Change {
    before: Option<employees::Model>,
    after: employees::Model,
    supervisor: Supervisor,
    verdict: Verdict,
}

pub(crate) async fn import(
    db: &DatabaseConnection,
    file: &[u8],
    importer: &Importer<'_>,
    progress: &dyn Progress,
    now: DateTime<Utc>,
) -> Result<Outcome, DbErr> {
    let table = match Table::read(file, COLUMNS) {
        Ok(table) => table,
        Err(errors) => return Ok(Outcome::Rejected(errors)),
    };
    let mut errors = table.errors.clone();
    let lines = read_lines(&table, &mut errors);
    errors.extend(Snapshot::load(db, &lines, importer, false, progress).await?.check(&lines));
    let total = table.records.len() as u64;
    progress.checked(total, total);
    if !errors.is_empty() {
        return Ok(Outcome::Rejected(super::sorted(errors, COLUMNS)));
    }

    // The same checks on what the transaction sees: someone may have changed it meanwhile.
    let txn = begin_write(db).await?;
    progress.written(0, table.records.len() as u64);
    let snapshot = Snapshot::load(&txn, &lines, importer, true, progress).await?;
    let errors = snapshot.check(&lines);
    if !errors.is_empty() {
        return Ok(Outcome::Rejected(super::sorted(errors, COLUMNS)));
    }

    let mut summary = ImportSummary { rows: lines.len() as u64, ..Default::default() };
    let mut changes = Vec::new();
    for l in lines {
        let change = plan(l, &snapshot, now);
        match change.verdict {
            Verdict::Unchanged => summary.unchanged += 1,
            Verdict::Update => summary.updated += 1,
            Verdict::Create => summary.created += 1,
        }
        if change.verdict != Verdict::Unchanged {
            changes.push(change);
        }
    }
    let total = summary.rows;
    let mut written = summary.unchanged;
    progress.written(written, total);
    let mut report = |n: usize| {
        written += n as u64;
        progress.written(written, total);
    };

    // Addresses that move to another employee of the file are freed first.
    let freed: Vec<i64> = changes
        .iter()
        .filter_map(|c| c.before.as_ref().filter(|b| b.email.is_some() && b.email != c.after.email))
        .map(|b| b.id)
        .collect();
    for chunk in freed.chunks(IN_CHUNK) {
        employees::Entity::update_many()
            .col_expr(employees::Column::Email, Expr::value(Option::<String>::None))
            .filter(employees::Column::Id.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?;
    }

    // New employees, supervisors before their subordinates, so that every link is known
    // when its row is written: first those whose supervisor is stored (or none), then
    // those whose supervisor was written in the round before, and so on.
    let returning = [employees::Column::Id, employees::Column::Nip];
    let mut ids: HashMap<String, i64> = HashMap::new();
    let mut waiting: Vec<usize> =
        (0..changes.len()).filter(|&i| changes[i].verdict == Verdict::Create).collect();
    let mut unlinked = Vec::new();
    while !waiting.is_empty() {
        let (mut ready, rest): (Vec<usize>, Vec<usize>) =
            waiting.into_iter().partition(|&i| supervisor_id(&changes[i].supervisor, &ids).is_some());
        waiting = rest;
        if ready.is_empty() {
            // Supervisors only of each other (a cycle): written unlinked, linked below.
            unlinked = std::mem::take(&mut waiting);
            ready = unlinked.clone();
        }
        for &i in &ready {
            changes[i].after.supervisor_id = supervisor_id(&changes[i].supervisor, &ids).flatten();
        }
        let rows = ready.iter().map(|&i| active(&changes[i].after)).collect();
        for row in insert_returning(&txn, rows, None, &returning, &mut report).await? {
            ids.insert(row.try_get("", "nip")?, row.try_get("", "id")?);
        }
    }
    for change in changes.iter_mut().filter(|c| c.verdict == Verdict::Create) {
        change.after.id = ids[&change.after.nip];
    }

    // Stored employees: every supervisor exists now.
    for change in changes.iter_mut().filter(|c| c.verdict == Verdict::Update) {
        change.after.supervisor_id = supervisor_id(&change.supervisor, &ids).flatten();
    }
    let updates = changes.iter().filter(|c| c.verdict == Verdict::Update).map(|c| active(&c.after)).collect();
    let upsert = OnConflict::column(employees::Column::Nip)
        .update_columns([
            employees::Column::Name,
            employees::Column::Email,
            employees::Column::EmploymentType,
            employees::Column::AgencyId,
            employees::Column::PositionId,
            employees::Column::Grade,
            employees::Column::PppkGrade,
            employees::Column::ContractStart,
            employees::Column::ContractEnd,
            employees::Column::CpnsAppointedOn,
            employees::Column::SupervisorId,
            employees::Column::IsActive,
            employees::Column::UpdatedAt,
        ])
        .to_owned();
    insert_returning(&txn, updates, Some(upsert), &[], &mut report).await?;

    let mut links = Vec::new();
    for &i in &unlinked {
        changes[i].after.supervisor_id = supervisor_id(&changes[i].supervisor, &ids).flatten();
        links.push(active(&changes[i].after));
    }
    let link =
        OnConflict::column(employees::Column::Nip).update_column(employees::Column::SupervisorId).to_owned();
    insert_returning(&txn, links, Some(link), &[], &mut |_| {}).await?;

    let mut audit = AuditBatch::new(importer, now);
    for change in &changes {
        match &change.before {
            Some(before) => audit.updated("employees", before.id, before, &change.after),
            None => audit.created("employees", change.after.id, &change.after),
        }
    }
    audit.write(&txn).await?;
    txn.commit().await?;
    Ok(Outcome::Imported(summary))
}

/// The supervisor id to store, once it is known (`Some(None)`: no supervisor).
fn supervisor_id(supervisor: &Supervisor, created: &HashMap<String, i64>) -> Option<Option<i64>> {
    match supervisor {
        Supervisor::Known(id) => Some(*id),
        Supervisor::Created(nip) => created.get(nip).map(|id| Some(*id)),
    }
}

/// What the employee of a checked line should be.
fn plan(l: Line, snapshot: &Snapshot, now: DateTime<Utc>) -> Change {
    let nip = l.nip.expect("checked");
    let before = snapshot.rows.get(&nip).cloned();
    let stored = before.as_ref();
    let position_id = match l.position_code {
        Cell::Value(code) => snapshot.positions.get(&code.to_uppercase()).copied(),
        Cell::Absent => stored.and_then(|b| b.position_id),
        Cell::Empty | Cell::Invalid => None,
    };
    let supervisor = match l.supervisor_nip {
        Cell::Value(nip) => match snapshot.known.get(&nip) {
            Some(s) => Supervisor::Known(Some(s.id)),
            None => Supervisor::Created(nip),
        },
        Cell::Absent => Supervisor::Known(stored.and_then(|b| b.supervisor_id)),
        Cell::Empty | Cell::Invalid => Supervisor::Known(None),
    };
    let employment_type = l.employment.expect("checked");
    // A left-out grade column keeps the stored grade, if it is of the (new) type's set.
    let grade = l.grade.resolve(stored.and_then(EmployeeGrade::of)).filter(|g| {
        matches!(
            (g, employment_type),
            (EmployeeGrade::Pns(_), EmploymentType::Pns) | (EmployeeGrade::Pppk(_), EmploymentType::Pppk)
        )
    });
    let mut after = employees::Model {
        id: stored.map_or(0, |b| b.id),
        nip,
        name: l.name.expect("checked"),
        email: l.email.resolve(stored.and_then(|b| b.email.clone())),
        employment_type,
        agency_id: snapshot.agencies[&l.agency_code.expect("checked").to_uppercase()],
        position_id,
        grade: grade.and_then(EmployeeGrade::pns),
        pppk_grade: grade.and_then(EmployeeGrade::pppk),
        contract_start: l.contract_start.resolve(stored.and_then(|b| b.contract_start)),
        contract_end: l.contract_end.resolve(stored.and_then(|b| b.contract_end)),
        cpns_appointed_on: l.cpns_appointed_on.resolve(stored.and_then(|b| b.cpns_appointed_on)),
        // A supervisor created by this import is linked once it exists.
        supervisor_id: match supervisor {
            Supervisor::Known(id) => id,
            Supervisor::Created(_) => None,
        },
        is_active: l.active.resolve(stored.map(|b| b.is_active)).unwrap_or(true),
        created_at: stored.map_or(now, |b| b.created_at),
        updated_at: stored.map_or(now, |b| b.updated_at),
    };
    let verdict = match (stored, &supervisor) {
        (None, _) => Verdict::Create,
        (Some(_), Supervisor::Created(_)) => Verdict::Update,
        (Some(b), Supervisor::Known(_)) if *b == after => Verdict::Unchanged,
        (Some(_), Supervisor::Known(_)) => Verdict::Update,
    };
    if verdict != Verdict::Unchanged {
        after.updated_at = now;
    }
    Change { before, after, supervisor, verdict }
}

fn active(m: &employees::Model) -> employees::ActiveModel {
    employees::ActiveModel {
        id: Default::default(),
        nip: Set(m.nip.clone()),
        name: Set(m.name.clone()),
        email: Set(m.email.clone()),
        employment_type: Set(m.employment_type),
        agency_id: Set(m.agency_id),
        position_id: Set(m.position_id),
        grade: Set(m.grade),
        pppk_grade: Set(m.pppk_grade),
        contract_start: Set(m.contract_start),
        contract_end: Set(m.contract_end),
        cpns_appointed_on: Set(m.cpns_appointed_on),
        supervisor_id: Set(m.supervisor_id),
        is_active: Set(m.is_active),
        created_at: Set(m.created_at),
        updated_at: Set(m.updated_at),
    }
}
