//! Delivery: attendance per day (staff tick a list, or import a CSV) and completion per
//! participant (passed, failed, no-show, or attended awaiting the result), also in bulk. A
//! pass credits the programme's JP in the year the batch ended and issues a certificate
//! number (STTPP) from the configured pattern; the batch's `next_certificate_seq` is
//! advanced under the batch's write lock, and the unique column is the backstop.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect,
};

use super::enrolments::{ParticipantRow, lock_batch, seated, set_state};
use super::states::{EnrolmentAction, transition};
use super::{CERTIFICATE_MAX, Problem, Rules, TrainingError};
use crate::enums::{BatchStatus, EnrolmentState};
use crate::i18n::Msg;
use crate::policy::{Action, Actor};
use crate::schema::{attendance_records, enrolments, training_batches, training_programs};
use crate::tx::begin_write;
use crate::validation::is_unique_violation;

/// Attendance and results are recorded once a batch runs.
fn delivering(status: BatchStatus) -> bool {
    matches!(status, BatchStatus::Running | BatchStatus::Completed)
}

async fn batch_for_staff<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    batch_id: i64,
) -> Result<super::batches::BatchRow, TrainingError> {
    if !actor.may(Action::UseStaffPages) {
        return Err(TrainingError::NotFound);
    }
    super::batches::find(db, batch_id).await?.ok_or(TrainingError::NotFound)
}

/// The seated participants of a batch (in the actor's reach) with what is recorded for
/// `day`.
pub async fn attendance_sheet<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    batch_id: i64,
    day: NaiveDate,
) -> Result<Vec<(ParticipantRow, Option<bool>)>, TrainingError> {
    batch_for_staff(db, actor, batch_id).await?;
    let people = seated(db, &actor.reach(Action::ViewEmployee), batch_id).await?;
    let recorded: HashMap<i64, bool> = attendance_records::Entity::find()
        .filter(attendance_records::Column::EnrolmentId.is_in(people.iter().map(|p| p.id)))
        .filter(attendance_records::Column::Day.eq(day))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.enrolment_id, r.present))
        .collect();
    Ok(people.into_iter().map(|p| (p.id, p)).map(|(id, p)| (p, recorded.get(&id).copied())).collect())
}

/// How many days each participant was present and recorded (for the completion page).
pub async fn attendance_totals<C: ConnectionTrait>(
    db: &C,
    enrolment_ids: &[i64],
) -> Result<HashMap<i64, (i64, i64)>, DbErr> {
    let rows: Vec<(i64, bool)> = attendance_records::Entity::find()
        .select_only()
        .columns([attendance_records::Column::EnrolmentId, attendance_records::Column::Present])
        .filter(attendance_records::Column::EnrolmentId.is_in(enrolment_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i64, (i64, i64)> = HashMap::new();
    for (id, present) in rows {
        let entry = out.entry(id).or_default();
        entry.1 += 1;
        if present {
            entry.0 += 1;
        }
    }
    Ok(out)
}

async fn write_attendance<C: ConnectionTrait>(
    txn: &C,
    rows: Vec<(i64, NaiveDate, bool)>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(500) {
        attendance_records::Entity::insert_many(chunk.iter().map(|(id, day, present)| {
            attendance_records::ActiveModel {
                enrolment_id: Set(*id),
                day: Set(*day),
                present: Set(*present),
                recorded_by_user_id: Set(Some(by)),
                recorded_at: Set(now),
            }
        }))
        .on_conflict(
            OnConflict::columns([attendance_records::Column::EnrolmentId, attendance_records::Column::Day])
                .update_columns([
                    attendance_records::Column::Present,
                    attendance_records::Column::RecordedByUserId,
                    attendance_records::Column::RecordedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// Staff tick the list for one day: every seated participant in their reach is recorded
/// present (ticked) or absent (not ticked).
pub async fn record_attendance(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i64,
    day: NaiveDate,
    present: &HashSet<i64>,
    now: DateTime<Utc>,
) -> Result<usize, TrainingError> {
    let row = batch_for_staff(db, actor, batch_id).await?;
    if !delivering(row.batch.status) {
        return Err(TrainingError::one("batch", Msg::TrainingNotRunning));
    }
    if day < row.batch.starts_on || day > row.batch.ends_on {
        return Err(TrainingError::one("day", Msg::TrainingDayOutside));
    }
    let people = seated(db, &actor.reach(Action::ViewEmployee), batch_id).await?;
    let ids: HashSet<i64> = people.iter().map(|p| p.id).collect();
    if present.iter().any(|id| !ids.contains(id)) {
        return Err(TrainingError::one("present", Msg::CatalogueUnknownReference));
    }
    let rows: Vec<(i64, NaiveDate, bool)> =
        people.iter().map(|p| (p.id, day, present.contains(&p.id))).collect();
    let count = rows.len();
    let txn = begin_write(db).await?;
    write_attendance(&txn, rows, actor.user_id, now).await?;
    txn.commit().await?;
    Ok(count)
}

/// The columns of the attendance CSV.
pub const ATTENDANCE_COLUMNS: [&str; 3] = ["nip", "tanggal", "hadir"];

fn parse_presence(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "ya" | "y" | "1" | "hadir" | "true" | "yes" | "h" => Some(true),
        "tidak" | "t" | "0" | "tidak hadir" | "absen" | "false" | "no" | "a" => Some(false),
        _ => None,
    }
}

/// Imports attendance from a CSV (`nip,tanggal,hadir`: one line per person and day; comma or
/// semicolon separated; `tanggal` as YYYY-MM-DD; `hadir` ya/tidak). The whole file is
/// checked first; with any problem nothing is stored and each problem names its line.
pub async fn import_attendance(
    db: &DatabaseConnection,
    actor: &Actor,
    batch_id: i64,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<usize, TrainingError> {
    let row = batch_for_staff(db, actor, batch_id).await?;
    if !delivering(row.batch.status) {
        return Err(TrainingError::one("batch", Msg::TrainingNotRunning));
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| TrainingError::one("file", Msg::ImportNotUtf8))?;
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter =
        if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| TrainingError::one("file", Msg::ImportNoHeader))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(nip_col), Some(day_col), Some(present_col)) =
        (column("nip"), column("tanggal"), column("hadir"))
    else {
        return Err(TrainingError::Invalid(vec![
            Problem::new("file", Msg::ImportMissingColumns).with("columns", ATTENDANCE_COLUMNS.join(", ")),
        ]));
    };
    let people: HashMap<String, i64> = seated(db, &actor.reach(Action::ViewEmployee), batch_id)
        .await?
        .into_iter()
        .map(|p| (p.nip, p.id))
        .collect();
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut seen = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(record) = record else {
            problems.push(
                Problem::new("file", Msg::TrainingCsvLine)
                    .with("line", line)
                    .with("problem", Msg::ImportUnreadable.text(actor_lang(actor))),
            );
            continue;
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: usize| record.get(c).unwrap_or_default().trim();
        let nip = cell(nip_col);
        let enrolment = people.get(nip).copied();
        if enrolment.is_none() {
            problems
                .push(Problem::new("file", Msg::TrainingCsvUnknownNip).with("line", line).with("nip", nip));
        }
        let day = NaiveDate::parse_from_str(cell(day_col), "%Y-%m-%d").ok();
        match day {
            None => problems.push(
                Problem::new("file", Msg::TrainingCsvBadDate).with("line", line).with("value", cell(day_col)),
            ),
            Some(d) if d < row.batch.starts_on || d > row.batch.ends_on => problems.push(
                Problem::new("file", Msg::TrainingCsvDayOutside)
                    .with("line", line)
                    .with("value", cell(day_col)),
            ),
            _ => {}
        }
        let present = parse_presence(cell(present_col));
        if present.is_none() {
            problems.push(
                Problem::new("file", Msg::TrainingCsvBadPresence)
                    .with("line", line)
                    .with("value", cell(present_col)),
            );
        }
        if let (Some(id), Some(day), Some(present)) = (enrolment, day, present) {
            if let Some(previous) = seen.insert((id, day), line) {
                problems.push(
                    Problem::new("file", Msg::TrainingCsvDuplicate)
                        .with("line", line)
                        .with("previous", previous),
                );
            }
            rows.push((id, day, present));
        }
    }
    if !problems.is_empty() {
        return Err(TrainingError::Invalid(problems));
    }
    if rows.is_empty() {
        return Err(TrainingError::one("file", Msg::ImportNoRows));
    }
    let count = rows.len();
    let txn = begin_write(db).await?;
    write_attendance(&txn, rows, actor.user_id, now).await?;
    txn.commit().await?;
    Ok(count)
}

fn actor_lang(actor: &Actor) -> crate::i18n::Lang {
    match actor.locale {
        crate::enums::Locale::Id => crate::i18n::Lang::Id,
        crate::enums::Locale::En => crate::i18n::Lang::En,
    }
}

/// A participant's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Attended,
    Passed,
    Failed,
    NoShow,
}

impl Completion {
    pub fn parse(raw: &str) -> Option<Completion> {
        match raw.trim() {
            "attended" => Some(Completion::Attended),
            "passed" => Some(Completion::Passed),
            "failed" => Some(Completion::Failed),
            "no_show" => Some(Completion::NoShow),
            _ => None,
        }
    }

    fn action(self) -> EnrolmentAction {
        match self {
            Completion::Attended => EnrolmentAction::MarkAttended,
            Completion::Passed => EnrolmentAction::Pass,
            Completion::Failed => EnrolmentAction::Fail,
            Completion::NoShow => EnrolmentAction::MarkNoShow,
        }
    }
}

/// What a completion did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompletionOutcome {
    pub passed: u32,
    pub failed: u32,
    pub no_show: u32,
    pub attended: u32,
    /// The certificate numbers issued, in order.
    pub certificates: Vec<String>,
}

/// Records results for participants of a batch (each `(enrolment id, result)`), in bulk.
/// Every line is checked first; nothing is stored if one is wrong.
pub async fn complete(
    db: &DatabaseConnection,
    actor: &Actor,
    rules: &Rules,
    batch_id: i64,
    results: &[(i64, Completion)],
    now: DateTime<Utc>,
) -> Result<CompletionOutcome, TrainingError> {
    let row = batch_for_staff(db, actor, batch_id).await?;
    if results.is_empty() {
        return Err(TrainingError::one("results", Msg::TrainingNothingChosen));
    }
    let in_reach: HashSet<i64> =
        seated(db, &actor.reach(Action::ViewEmployee), batch_id).await?.iter().map(|p| p.id).collect();
    let txn = begin_write(db).await?;
    let batch = lock_batch(&txn, batch_id).await?.ok_or(TrainingError::NotFound)?;
    if !delivering(batch.status) {
        return Err(TrainingError::one("batch", Msg::TrainingNotRunning));
    }
    let program: training_programs::Model = training_programs::Entity::find_by_id(batch.program_id)
        .one(&txn)
        .await?
        .ok_or(TrainingError::NotFound)?;
    let current: HashMap<i64, enrolments::Model> = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch_id))
        .filter(enrolments::Column::Id.is_in(results.iter().map(|(id, _)| *id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let mut problems = Vec::new();
    let mut planned = Vec::new();
    for (id, result) in results {
        match current.get(id) {
            Some(e) if in_reach.contains(id) => match transition(e.state, result.action()) {
                Ok(to) => planned.push((e.clone(), to)),
                Err(_) => problems.push(Problem::new("results", Msg::TrainingResultRefused).with("id", id)),
            },
            _ => problems.push(Problem::new("results", Msg::CatalogueUnknownReference)),
        }
    }
    if !problems.is_empty() {
        return Err(TrainingError::Invalid(problems));
    }
    let year = row.batch.ends_on.year();
    let mut seq = batch.next_certificate_seq;
    let mut outcome = CompletionOutcome::default();
    for (e, to) in planned {
        let updated = set_state(&txn, &e, to, Some(actor.user_id), None, now).await?;
        let mut active = updated.into_active_model();
        match to {
            EnrolmentState::Passed => {
                let number = rules.certificate_pattern.format(&program.code, batch.batch_number, seq, year);
                if number.chars().count() > CERTIFICATE_MAX {
                    return Err(TrainingError::one("results", Msg::TrainingCertificateTooLong));
                }
                seq += 1;
                active.jp_credited = Set(Some(program.jp));
                active.credited_year = Set(Some(year));
                active.certificate_number = Set(Some(number.clone()));
                active.completed_at = Set(Some(now));
                outcome.passed += 1;
                outcome.certificates.push(number);
            }
            EnrolmentState::Failed => {
                active.completed_at = Set(Some(now));
                outcome.failed += 1;
            }
            EnrolmentState::NoShow => {
                active.completed_at = Set(Some(now));
                outcome.no_show += 1;
            }
            _ => outcome.attended += 1,
        }
        active.update(&txn).await.map_err(|err| {
            if is_unique_violation(&err) {
                TrainingError::one("results", Msg::TrainingCertificateTaken)
            } else {
                TrainingError::Db(err)
            }
        })?;
    }
    if seq != batch.next_certificate_seq {
        // Compare-and-set: the sequence moves only from the value this transaction read.
        let moved = training_batches::Entity::update_many()
            .col_expr(training_batches::Column::NextCertificateSeq, Expr::value(seq))
            .col_expr(training_batches::Column::UpdatedAt, Expr::value(now))
            .filter(training_batches::Column::Id.eq(batch_id))
            .filter(training_batches::Column::NextCertificateSeq.eq(batch.next_certificate_seq))
            .exec(&txn)
            .await?;
        if moved.rows_affected != 1 {
            return Err(TrainingError::one("results", Msg::TrainingCertificateTaken));
        }
    }
    txn.commit().await?;
    Ok(outcome)
}
