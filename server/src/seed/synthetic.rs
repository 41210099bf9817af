//! `bangkom seed synthetic --employees N --agencies M [--seed S]`: a deterministic large data
//! set of the demo region's shape, for benchmarks.
//!
//! The shape: one region; M agencies (OPD) of three units each; 40 positions over the five
//! families, each with a standard of 10–12 of the dictionary's 15 competencies; N employees
//! (agency heads, unit heads, then staff spread over the units; ~85% PNS with grades, ~15%
//! PPPK; ~1% inactive) whose supervisors are their unit head, and the agency head for unit
//! heads; one or two assessments for ~90% of every employee's required competencies and the
//! current level (the newest assessment) of each; 30 programs, two per competency, with four
//! batches each around the current month; enrolments for about half the employees; mentoring
//! pairs for ~1% of them.
//!
//! Deterministic: in an empty database the same seed and sizes give the same rows (ids, NIPs,
//! names, levels, assessments). Every date derives from [`REFERENCE_DATE`], except the
//! batches and their enrolments, which sit around the current month so that completed,
//! running and upcoming batches all exist (their states follow today's date).
//!
//! Fast: ids are assigned here, after the largest id already present, so rows can point at
//! each other without reading anything back (PostgreSQL's sequences are advanced afterwards);
//! rows are generated chunk by chunk (never all at once) and written with multi-row inserts,
//! in one write transaction per phase. The assessments, nine rows in ten of the data set, are
//! generated and turned into statements on a thread of their own while the database executes
//! the previous ones (see [`Generator::assessments`]). `docs/BENCHMARKS.md` has the figures.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use bangkom_entities::enums::{
    AgencyKind, AssessmentSource, BatchStatus, CompetencyKind, DeliveryMode, EmploymentType, EnrolmentState,
    Grade, MentoringPairStatus, OrganizerKind, PositionFamily, PppkGrade, SessionConfirmation, SessionMode,
    TrainingMethod,
};
use bangkom_entities::schema::{
    agencies, competencies, competency_assessments, employee_competency_levels, employees, enrolments,
    mentoring_goals, mentoring_pairs, mentoring_sessions, position_standards, positions,
    program_competencies, training_batches, training_programs,
};
use bangkom_entities::tx::begin_write;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend,
    EntityTrait, Iterable, PaginatorTrait, QueryTrait, Statement,
};

use super::common::{Sex, ensure_competencies, insert_chunked, ni_pppk, nip, person_name};

/// The day every generated date (except batch dates) is derived from.
pub const REFERENCE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 1) {
    Some(date) => date,
    None => panic!("a valid date"),
};

/// E-mail addresses end in a reserved domain (RFC 2606): nothing can be delivered there.
const EMAIL_DOMAIN: &str = "sintetis.bangkom.test";
const UNITS_PER_AGENCY: usize = 3;
const BATCHES_PER_PROGRAM: usize = 4;
/// Employees generated (and written) at a time; their assessments are ~16 rows each.
const EMPLOYEE_CHUNK: usize = 1_000;
/// Enrolments written at a time.
const ENROLMENT_CHUNK: usize = 10_000;

/// What `bangkom seed synthetic` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub employees: u32,
    pub agencies: u32,
    pub seed: u64,
}

/// What was written, and how long it took.
#[derive(Debug, Clone)]
pub struct SyntheticReport {
    pub seed: u64,
    pub employees: u32,
    pub agencies: u32,
    pub backend: &'static str,
    /// Rows written per table, in the order they were written.
    pub rows: Vec<(&'static str, u64)>,
    /// Wall time of each phase.
    pub phases: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

impl SyntheticReport {
    /// Rows written into `table`.
    pub fn rows_in(&self, table: &str) -> u64 {
        self.rows.iter().filter(|(t, _)| *t == table).map(|(_, n)| n).sum()
    }

    pub fn total_rows(&self) -> u64 {
        self.rows.iter().map(|(_, n)| n).sum()
    }
}

impl fmt::Display for SyntheticReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Synthetic data set loaded into {} (seed {}, {} employees, {} agencies) in {:.1} s:",
            self.backend,
            self.seed,
            self.employees,
            self.agencies,
            self.elapsed.as_secs_f64()
        )?;
        for (table, n) in &self.rows {
            writeln!(f, "  {table:<28} {n:>10}")?;
        }
        writeln!(f, "  {:<28} {:>10}", "total", self.total_rows())?;
        let phases: Vec<String> =
            self.phases.iter().map(|(name, d)| format!("{name} {:.1} s", d.as_secs_f64())).collect();
        writeln!(f, "Phases: {}.", phases.join(", "))
    }
}

/// Loads the synthetic data set into a database that holds no employees yet.
pub async fn run(db: &DatabaseConnection, options: Options) -> anyhow::Result<SyntheticReport> {
    check_options(&options)?;
    let started = Instant::now();
    let backend = db.get_database_backend();
    let mut report = SyntheticReport {
        seed: options.seed,
        employees: options.employees,
        agencies: options.agencies,
        backend: match backend {
            DbBackend::Postgres => "PostgreSQL",
            DbBackend::Sqlite => "SQLite",
            _ => "the database",
        },
        rows: Vec::new(),
        phases: Vec::new(),
        elapsed: Duration::ZERO,
    };

    // Phase 1: the organisation, positions and standards, and the employees. The emptiness
    // check runs inside the same write transaction, before anything is written.
    let phase = Instant::now();
    let txn = begin_write(db).await.context("cannot begin a write transaction")?;
    let existing = employees::Entity::find().count(&txn).await?;
    if existing > 0 {
        txn.rollback().await?;
        bail!(
            "the database already holds {existing} employees: synthetic data only goes into an \
             empty database (nothing was written; use a new database, e.g. a new SQLite file)"
        );
    }
    let competencies_before = competencies::Entity::find().count(&txn).await?;
    let dictionary = ensure_competencies(&txn).await.context("cannot load the competency dictionary")?;
    report.rows.push(("competencies", dictionary.len() as u64 - competencies_before));
    let ids = IdBases::read(&txn).await?;
    let mut g = Generator::new(options, ids, dictionary, Utc::now().date_naive());
    g.organisation(&txn, &mut report).await?;
    g.employees(&txn, &mut report).await?;
    advance_sequences(&txn, &["agencies", "positions", "position_standards", "employees"]).await?;
    txn.commit().await.context("cannot commit the employees")?;
    report.phases.push(("organisation and employees", phase.elapsed()));

    let failed = "the database now holds part of the synthetic data set: start again from an \
                  empty database";

    // Phase 2: assessments and current levels.
    let phase = Instant::now();
    g.assessments(db, &mut report).await.context(failed)?;
    let txn = begin_write(db).await?;
    advance_sequences(&txn, &["competency_assessments"]).await?;
    txn.commit().await?;
    report.phases.push(("assessments", phase.elapsed()));

    // Phase 3: programs, batches and enrolments.
    let phase = Instant::now();
    let txn = begin_write(db).await?;
    g.training(&txn, &mut report).await.context(failed)?;
    advance_sequences(&txn, &["training_programs", "training_batches", "enrolments"]).await?;
    txn.commit().await.context(failed)?;
    report.phases.push(("training", phase.elapsed()));

    // Phase 4: mentoring.
    let phase = Instant::now();
    let txn = begin_write(db).await?;
    g.mentoring(&txn, &mut report).await.context(failed)?;
    advance_sequences(&txn, &["mentoring_pairs", "mentoring_goals", "mentoring_sessions"]).await?;
    txn.commit().await.context(failed)?;
    report.phases.push(("mentoring", phase.elapsed()));

    // On SQLite, move the write-ahead log into the database file now rather than leave it to
    // the next connection (the load is not done until the data is in place).
    if backend == DbBackend::Sqlite {
        let phase = Instant::now();
        db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await?;
        report.phases.push(("checkpoint", phase.elapsed()));
    }

    report.elapsed = started.elapsed();
    Ok(report)
}

fn check_options(options: &Options) -> anyhow::Result<()> {
    if options.employees == 0 {
        bail!("--employees must be at least 1 (nothing was written)");
    }
    if options.agencies == 0 {
        bail!("--agencies must be at least 1 (nothing was written)");
    }
    if options.agencies > options.employees {
        bail!(
            "--agencies ({}) cannot exceed --employees ({}): every agency needs a head \
             (nothing was written)",
            options.agencies,
            options.employees
        );
    }
    Ok(())
}

/// After rows with explicit ids, PostgreSQL's sequences must move past them.
async fn advance_sequences(txn: &DatabaseTransaction, tables: &[&str]) -> anyhow::Result<()> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(()); // SQLite's AUTOINCREMENT follows the largest id by itself.
    }
    for table in tables {
        txn.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        ))
        .await
        .with_context(|| format!("cannot advance the id sequence of {table}"))?;
    }
    Ok(())
}

/// The largest id of every table given ids here: new ids continue after them.
struct IdBases {
    agencies: i64,
    positions: i64,
    standards: i64,
    employees: i64,
    assessments: i64,
    programs: i64,
    batches: i64,
    enrolments: i64,
    pairs: i64,
    goals: i64,
    sessions: i64,
}

impl IdBases {
    async fn read<C: ConnectionTrait>(db: &C) -> anyhow::Result<IdBases> {
        Ok(IdBases {
            agencies: max_id(db, "agencies").await?,
            positions: max_id(db, "positions").await?,
            standards: max_id(db, "position_standards").await?,
            employees: max_id(db, "employees").await?,
            assessments: max_id(db, "competency_assessments").await?,
            programs: max_id(db, "training_programs").await?,
            batches: max_id(db, "training_batches").await?,
            enrolments: max_id(db, "enrolments").await?,
            pairs: max_id(db, "mentoring_pairs").await?,
            goals: max_id(db, "mentoring_goals").await?,
            sessions: max_id(db, "mentoring_sessions").await?,
        })
    }
}

async fn max_id<C: ConnectionTrait>(db: &C, table: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COALESCE(MAX(id), 0) AS m FROM {table}"),
        ))
        .await?
        .with_context(|| format!("no MAX(id) row for {table}"))?;
    Ok(row.try_get::<i64>("", "m")?)
}

fn progress(len: u64, label: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix:>12} [{bar:30}] {human_pos}/{human_len} ({per_sec}, {elapsed})",
        )
        .expect("a valid progress template")
        .progress_chars("=> "),
    );
    bar.set_prefix(label);
    bar
}

// ---------------------------------------------------------------------------------------
// Static data: agencies, units, positions.

const AGENCY_NAMES: &[&str] = &[
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan Rakyat dan Kawasan Permukiman",
    "Dinas Sosial",
    "Dinas Tenaga Kerja dan Transmigrasi",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Pangan",
    "Dinas Lingkungan Hidup",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan Usaha Kecil Menengah",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Pemuda dan Olahraga",
    "Dinas Kebudayaan",
    "Dinas Pariwisata",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Kelautan dan Perikanan",
    "Dinas Tanaman Pangan dan Hortikultura",
    "Dinas Kehutanan",
    "Dinas Energi dan Sumber Daya Mineral",
    "Dinas Perindustrian dan Perdagangan",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Inspektorat",
    "Satuan Polisi Pamong Praja",
    "Sekretariat DPRD",
];

const UNIT_LABELS: [&str; UNITS_PER_AGENCY] =
    ["Sekretariat", "Bidang Perencanaan dan Pengendalian", "Bidang Pelayanan dan Pembinaan"];

/// Positions (jabatan): name, family, and the technical competencies their standard
/// requires first.
const POSITIONS: &[(&str, PositionFamily, &[&str])] = &[
    ("Kepala Dinas", PositionFamily::Jpt, &["TK-05"]),
    ("Kepala Badan", PositionFamily::Jpt, &["TK-05"]),
    ("Inspektur", PositionFamily::Jpt, &["TK-01"]),
    ("Kepala Satuan Polisi Pamong Praja", PositionFamily::Jpt, &["TK-05"]),
    ("Sekretaris DPRD", PositionFamily::Jpt, &["TK-01"]),
    ("Sekretaris Dinas", PositionFamily::Administrator, &["TK-01", "TK-03"]),
    ("Sekretaris Badan", PositionFamily::Administrator, &["TK-01", "TK-03"]),
    ("Kepala Bidang", PositionFamily::Administrator, &["TK-05"]),
    ("Kepala Bagian", PositionFamily::Administrator, &["TK-03"]),
    ("Inspektur Pembantu", PositionFamily::Administrator, &["TK-01"]),
    ("Kepala UPTD", PositionFamily::Administrator, &["TK-04"]),
    ("Camat", PositionFamily::Administrator, &["TK-02"]),
    ("Kepala Seksi", PositionFamily::Pengawas, &["TK-05"]),
    ("Kepala Subbagian Umum dan Kepegawaian", PositionFamily::Pengawas, &["TK-03"]),
    ("Kepala Subbagian Keuangan", PositionFamily::Pengawas, &["TK-01"]),
    ("Kepala Subbagian Perencanaan", PositionFamily::Pengawas, &["TK-05"]),
    ("Kepala Subbidang", PositionFamily::Pengawas, &["TK-06"]),
    ("Kepala Seksi Pelayanan", PositionFamily::Pengawas, &["TK-02"]),
    ("Lurah", PositionFamily::Pengawas, &["TK-02"]),
    ("Kepala Subbagian Tata Usaha", PositionFamily::Pengawas, &["TK-04"]),
    ("Pengadministrasi Umum", PositionFamily::Pelaksana, &["TK-06"]),
    ("Pengelola Keuangan", PositionFamily::Pelaksana, &["TK-01"]),
    ("Pengelola Data", PositionFamily::Pelaksana, &["TK-06"]),
    ("Pengadministrasi Kepegawaian", PositionFamily::Pelaksana, &["TK-03"]),
    ("Pengelola Barang Milik Daerah", PositionFamily::Pelaksana, &["TK-04"]),
    ("Pengelola Layanan Operasional", PositionFamily::Pelaksana, &["TK-02"]),
    ("Penata Laporan Keuangan", PositionFamily::Pelaksana, &["TK-01"]),
    ("Pengolah Data dan Informasi", PositionFamily::Pelaksana, &["TK-06"]),
    ("Pengadministrasi Perkantoran", PositionFamily::Pelaksana, &["TK-06"]),
    ("Pengelola Sistem Informasi", PositionFamily::Pelaksana, &["TK-06"]),
    ("Analis Kepegawaian", PositionFamily::Fungsional, &["TK-03"]),
    ("Perencana", PositionFamily::Fungsional, &["TK-05"]),
    ("Auditor", PositionFamily::Fungsional, &["TK-01"]),
    ("Pranata Komputer", PositionFamily::Fungsional, &["TK-06"]),
    ("Arsiparis", PositionFamily::Fungsional, &["TK-06"]),
    ("Pranata Hubungan Masyarakat", PositionFamily::Fungsional, &["TK-06"]),
    ("Analis Kebijakan", PositionFamily::Fungsional, &["TK-05"]),
    ("Pengelola Pengadaan Barang/Jasa", PositionFamily::Fungsional, &["TK-04"]),
    ("Analis Keuangan Pusat dan Daerah", PositionFamily::Fungsional, &["TK-01"]),
    ("Administrator Database Kependudukan", PositionFamily::Fungsional, &["TK-02"]),
];

/// The position of an agency's head, from the kind of agency its name says.
fn head_position(agency_name: &str) -> &'static str {
    if agency_name.starts_with("Dinas") {
        "Kepala Dinas"
    } else if agency_name.starts_with("Badan") {
        "Kepala Badan"
    } else if agency_name.starts_with("Inspektorat") {
        "Inspektur"
    } else if agency_name.starts_with("Satuan") {
        "Kepala Satuan Polisi Pamong Praja"
    } else {
        "Sekretaris DPRD"
    }
}

/// The position of a unit's head.
fn unit_head_position(agency_name: &str, unit: usize) -> &'static str {
    match (unit, agency_name.split(' ').next().unwrap_or_default()) {
        (0, "Dinas") => "Sekretaris Dinas",
        (0, "Badan") => "Sekretaris Badan",
        (0, _) => "Kepala Bagian",
        (_, "Inspektorat") => "Inspektur Pembantu",
        (_, "Sekretariat") => "Kepala Bagian",
        _ => "Kepala Bidang",
    }
}

/// Required levels by family: (managerial, socio-cultural, technical).
fn base_levels(family: PositionFamily) -> (u8, u8, u8) {
    match family {
        PositionFamily::Jpt => (4, 4, 3),
        PositionFamily::Administrator => (3, 3, 3),
        PositionFamily::Pengawas => (3, 3, 3),
        PositionFamily::Pelaksana => (2, 2, 2),
        PositionFamily::Fungsional => (2, 2, 3),
    }
}

/// The range of grades (indexes into `Grade::ALL`) a PNS of a family holds.
fn grade_range(family: PositionFamily) -> std::ops::RangeInclusive<usize> {
    match family {
        PositionFamily::Jpt => 14..=16,           // IV/c – IV/e
        PositionFamily::Administrator => 11..=13, // III/d – IV/b
        PositionFamily::Pengawas => 9..=11,       // III/b – III/d
        PositionFamily::Pelaksana => 4..=9,       // II/a – III/b
        PositionFamily::Fungsional => 8..=13,     // III/a – IV/b
    }
}

fn roman(n: usize) -> &'static str {
    const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    ROMAN.get(n.wrapping_sub(1)).copied().unwrap_or("X+")
}

fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    date.and_hms_opt(hour, 0, 0).expect("a valid hour").and_utc()
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

// ---------------------------------------------------------------------------------------
// The generator: what each phase needs to know of the earlier ones.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Post {
    AgencyHead,
    UnitHead,
    Staff,
}

struct Position {
    id: i64,
    family: PositionFamily,
    /// (index into the dictionary, required level).
    standard: Vec<(usize, u8)>,
}

struct Person {
    post: Post,
    agency: u32,
    unit: Option<u32>,
    position: u16,
    supervisor: Option<u32>,
    active: bool,
}

struct Program {
    code: String,
    jp: i32,
    title: String,
    method: TrainingMethod,
    delivery: DeliveryMode,
}

struct Batch {
    program: usize,
    number: usize,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    status: BatchStatus,
    quota: i32,
    seats_taken: i32,
    next_certificate_seq: i32,
}

struct Planned {
    batch: u32,
    employee: u32,
    requested_at: DateTime<Utc>,
    state: EnrolmentState,
    waitlist_position: Option<i32>,
    decided_at: Option<DateTime<Utc>>,
    completed_at: Option<DateTime<Utc>>,
    jp_credited: Option<i32>,
    credited_year: Option<i32>,
    certificate_number: Option<String>,
}

struct Generator {
    options: Options,
    seed: u64,
    ids: IdBases,
    dictionary: Vec<competencies::Model>,
    today: NaiveDate,
    created_at: DateTime<Utc>,
    agency_ids: Vec<i64>,
    unit_ids: Vec<i64>,
    positions: Arc<Vec<Position>>,
    people: Arc<Vec<Person>>,
    names: Arc<Vec<String>>,
    /// Current level per employee and competency (row-major, `0` = never assessed).
    levels: Vec<u8>,
}

impl Generator {
    fn new(options: Options, ids: IdBases, dictionary: Vec<competencies::Model>, today: NaiveDate) -> Self {
        Generator {
            options,
            seed: options.seed,
            ids,
            dictionary,
            today,
            created_at: at(REFERENCE_DATE, 1),
            agency_ids: Vec::new(),
            unit_ids: Vec::new(),
            positions: Arc::default(),
            people: Arc::default(),
            names: Arc::default(),
            levels: Vec::new(),
        }
    }

    fn rng(&self, phase: u64) -> ChaCha8Rng {
        stream(self.seed, phase)
    }

    fn employee_id(&self, index: u32) -> i64 {
        self.ids.employees + 1 + i64::from(index)
    }

    fn competency_index(&self, code: &str) -> Option<usize> {
        self.dictionary.iter().position(|c| c.code == code)
    }

    /// The region, its agencies and units, the positions and their standards.
    async fn organisation<C: ConnectionTrait>(
        &mut self,
        db: &C,
        report: &mut SyntheticReport,
    ) -> anyhow::Result<()> {
        let mut rng = self.rng(1);
        let now = self.created_at;
        let agency = |id: i64, code: String, name: String, kind: AgencyKind, parent: Option<i64>| {
            agencies::ActiveModel {
                id: Set(id),
                code: Set(code),
                name: Set(name),
                kind: Set(kind),
                parent_id: Set(parent),
                created_at: Set(now),
                updated_at: Set(now),
            }
        };
        let region_id = self.ids.agencies + 1;
        let mut rows = vec![agency(
            region_id,
            "SYN".into(),
            "Pemerintah Provinsi Sintetis".into(),
            AgencyKind::Region,
            None,
        )];
        let m = self.options.agencies as usize;
        for a in 0..m {
            let id = region_id + 1 + a as i64;
            self.agency_ids.push(id);
            rows.push(agency(
                id,
                format!("SYN-{:03}", a + 1),
                agency_name(a),
                AgencyKind::Agency,
                Some(region_id),
            ));
        }
        for a in 0..m {
            for (u, label) in UNIT_LABELS.iter().enumerate() {
                let id = region_id + 1 + m as i64 + (a * UNITS_PER_AGENCY + u) as i64;
                self.unit_ids.push(id);
                rows.push(agency(
                    id,
                    format!("SYN-{:03}-{}", a + 1, u + 1),
                    format!("{label} {}", agency_name(a)),
                    AgencyKind::Unit,
                    Some(self.agency_ids[a]),
                ));
            }
        }
        report.rows.push(("agencies", rows.len() as u64));
        insert_chunked(db, rows).await.context("cannot write the agencies")?;

        let mut positions_made = Vec::with_capacity(POSITIONS.len());
        let mut position_rows = Vec::new();
        let mut standard_rows = Vec::new();
        let mut standard_id = self.ids.standards;
        let managerial: Vec<usize> = (0..self.dictionary.len())
            .filter(|&c| self.dictionary[c].kind != CompetencyKind::Teknis)
            .collect();
        let technical: Vec<usize> = (0..self.dictionary.len())
            .filter(|&c| self.dictionary[c].kind == CompetencyKind::Teknis)
            .collect();
        for (p, &(name, family, primary)) in POSITIONS.iter().enumerate() {
            let id = self.ids.positions + 1 + p as i64;
            position_rows.push(positions::ActiveModel {
                id: Set(id),
                code: Set(format!("SYN-JAB-{:02}", p + 1)),
                name: Set(name.into()),
                family: Set(family),
                agency_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            });
            // Every managerial and socio-cultural competency, then 1–3 technical ones (the
            // position's own first): 10–12 of the 15.
            let mut chosen: Vec<usize> = managerial.clone();
            let mut tech: Vec<usize> =
                primary.iter().filter_map(|code| self.competency_index(code)).collect();
            let wanted = rng.random_range(1..=3usize);
            while tech.len() < wanted.min(technical.len()) {
                let c = technical[rng.random_range(0..technical.len())];
                if !tech.contains(&c) {
                    tech.push(c);
                }
            }
            tech.truncate(wanted);
            chosen.extend(tech);
            let (base_mj, base_sk, base_tk) = base_levels(family);
            let mut standard = Vec::with_capacity(chosen.len());
            for c in chosen {
                let base = match self.dictionary[c].kind {
                    CompetencyKind::Manajerial => base_mj,
                    CompetencyKind::SosialKultural => base_sk,
                    CompetencyKind::Teknis => base_tk,
                };
                let level = (base + u8::from(rng.random_bool(0.3))).clamp(1, 5);
                standard_id += 1;
                standard_rows.push(position_standards::ActiveModel {
                    id: Set(standard_id),
                    position_id: Set(id),
                    competency_id: Set(self.dictionary[c].id),
                    required_level: Set(i16::from(level)),
                });
                standard.push((c, level));
            }
            positions_made.push(Position { id, family, standard });
        }
        self.positions = Arc::new(positions_made);
        report.rows.push(("positions", position_rows.len() as u64));
        report.rows.push(("position_standards", standard_rows.len() as u64));
        insert_chunked(db, position_rows).await.context("cannot write the positions")?;
        insert_chunked(db, standard_rows).await.context("cannot write the standards")?;
        Ok(())
    }

    fn position_index(&self, name: &str) -> u16 {
        POSITIONS.iter().position(|(n, _, _)| *n == name).expect("a position of the table") as u16
    }

    /// The employees: agency heads first, then unit heads, then staff, so that every
    /// supervisor is written before (or in the same statement as) their subordinates.
    async fn employees<C: ConnectionTrait>(
        &mut self,
        db: &C,
        report: &mut SyntheticReport,
    ) -> anyhow::Result<()> {
        let mut rng = self.rng(2);
        let n = self.options.employees as usize;
        let m = self.options.agencies as usize;
        let units = m * UNITS_PER_AGENCY;

        // Agencies differ in size (education and health are large), units less so.
        let mut cumulative = Vec::with_capacity(units);
        let mut total = 0.0f64;
        for _ in 0..m {
            let agency_weight = rng.random_range(0.3..3.0);
            for _ in 0..UNITS_PER_AGENCY {
                total += agency_weight * rng.random_range(0.5..1.5);
                cumulative.push(total);
            }
        }
        let by_family = |family: PositionFamily| -> Vec<u16> {
            POSITIONS
                .iter()
                .enumerate()
                .filter(|(_, (_, f, _))| *f == family)
                .map(|(i, _)| i as u16)
                .collect()
        };
        let pengawas = by_family(PositionFamily::Pengawas);
        let pelaksana = by_family(PositionFamily::Pelaksana);
        let fungsional = by_family(PositionFamily::Fungsional);

        // NIPs are unique by construction: the 3-digit sequence counts the employees born on
        // the same day, so (birth date, sequence) never repeats.
        let birth_first = NaiveDate::from_ymd_opt(1966, 1, 1).expect("a date");
        let birth_last = NaiveDate::from_ymd_opt(2003, 12, 31).expect("a date");
        let day_of_year_start = |year: i32| -> usize {
            (NaiveDate::from_ymd_opt(year, 1, 1).expect("a date") - birth_first).num_days() as usize
        };
        let span = (birth_last - birth_first).num_days() as usize + 1;
        let mut born_on_day = vec![0u16; span];

        let bar = progress(n as u64, "employees");
        let mut rows = Vec::with_capacity(EMPLOYEE_CHUNK);
        let mut people = Vec::with_capacity(n);
        let mut names = Vec::with_capacity(n);
        for i in 0..n {
            let (post, agency, unit) = if i < m {
                (Post::AgencyHead, i, None)
            } else if i < m + units {
                (Post::UnitHead, (i - m) / UNITS_PER_AGENCY, Some(i - m))
            } else {
                let x = rng.random::<f64>() * total;
                let unit = cumulative.partition_point(|&c| c <= x).min(units - 1);
                (Post::Staff, unit / UNITS_PER_AGENCY, Some(unit))
            };
            let position = match post {
                Post::AgencyHead => self.position_index(head_position(&agency_name(agency))),
                Post::UnitHead => self.position_index(unit_head_position(
                    &agency_name(agency),
                    unit.unwrap_or_default() % UNITS_PER_AGENCY,
                )),
                Post::Staff => {
                    let family = match rng.random_range(0..100) {
                        0..15 => &pengawas,
                        15..65 => &pelaksana,
                        _ => &fungsional,
                    };
                    family[rng.random_range(0..family.len())]
                }
            };
            let supervisor = match (post, unit) {
                (Post::AgencyHead, _) => None,
                (Post::UnitHead, _) => Some(agency as u32),
                (Post::Staff, Some(u)) if m + u < n => Some((m + u) as u32),
                (Post::Staff, _) => Some(agency as u32),
            };
            let family = self.positions[position as usize].family;
            // PPPK hold functional and staff positions only.
            let pppk = post == Post::Staff
                && matches!(family, PositionFamily::Pelaksana | PositionFamily::Fungsional)
                && rng.random_bool(0.18);
            let active = post != Post::Staff || !rng.random_bool(0.01);
            let sex = if rng.random_bool(0.5) { Sex::Male } else { Sex::Female };
            let name = person_name(&mut rng, sex);

            let birth_years = match post {
                Post::AgencyHead => 1966..=1976,
                Post::UnitHead => 1966..=1984,
                Post::Staff => 1966..=2003,
            };
            let from = day_of_year_start(*birth_years.start());
            let to = day_of_year_start(*birth_years.end() + 1).min(span);
            let mut day = rng.random_range(from..to);
            while born_on_day[day] >= 999 {
                day = (day + 1) % span;
            }
            born_on_day[day] += 1;
            let birth = birth_first + days(day as i64);
            let appointed_year = if pppk {
                rng.random_range(2019..=2025).max(birth.year() + 20)
            } else {
                (birth.year() + rng.random_range(22..=35)).min(2025)
            };
            let appointed = (appointed_year, rng.random_range(1..=12));
            let nip = if pppk {
                ni_pppk(birth, appointed_year, sex, u32::from(born_on_day[day]))
            } else {
                nip(birth, appointed, sex, u32::from(born_on_day[day]))
            };
            let grade = if pppk { None } else { Some(Grade::ALL[rng.random_range(grade_range(family))]) };
            // PPPK: a grade V–X and a five-year contract (renewed from 2024 at the latest),
            // derived without the generator so that the PNS rows stay as they were.
            let pppk_grade = pppk.then(|| PppkGrade::ALL[4 + (i + day) % 6]);
            let contract = pppk.then(|| {
                let start = NaiveDate::from_ymd_opt(appointed_year.max(2024), 3, 1).expect("a real day");
                let end = NaiveDate::from_ymd_opt(appointed_year.max(2024) + 5, 2, 28).expect("a real day");
                (start, end)
            });
            let email = format!("{}.{}@{EMAIL_DOMAIN}", name.to_lowercase().replace(' ', "."), i + 1);

            rows.push(employees::ActiveModel {
                id: Set(self.employee_id(i as u32)),
                nip: Set(nip),
                name: Set(name.clone()),
                email: Set(Some(email)),
                employment_type: Set(if pppk { EmploymentType::Pppk } else { EmploymentType::Pns }),
                agency_id: Set(match unit {
                    Some(u) => self.unit_ids[u],
                    None => self.agency_ids[agency],
                }),
                position_id: Set(Some(self.positions[position as usize].id)),
                grade: Set(grade),
                pppk_grade: Set(pppk_grade),
                contract_start: Set(contract.map(|c| c.0)),
                contract_end: Set(contract.map(|c| c.1)),
                cpns_appointed_on: Set(None),
                supervisor_id: Set(supervisor.map(|s| self.employee_id(s))),
                is_active: Set(active),
                created_at: Set(self.created_at),
                updated_at: Set(self.created_at),
            });
            people.push(Person {
                post,
                agency: agency as u32,
                unit: unit.map(|u| u as u32),
                position,
                supervisor,
                active,
            });
            names.push(name);
            if rows.len() == EMPLOYEE_CHUNK || i + 1 == n {
                let chunk = std::mem::replace(&mut rows, Vec::with_capacity(EMPLOYEE_CHUNK));
                bar.inc(chunk.len() as u64);
                insert_chunked(db, chunk).await.context("cannot write the employees")?;
            }
        }
        bar.finish();
        self.people = Arc::new(people);
        self.names = Arc::new(names);
        report.rows.push(("employees", n as u64));
        Ok(())
    }

    /// One or two assessments for ~90% of each employee's required competencies, and the
    /// current level (the newest of them) of each: most of the data set.
    ///
    /// A producer thread generates the rows and builds the insert statements while writers
    /// execute them, so that building statements does not wait for the database: one writer
    /// on SQLite (one writer at a time), two on PostgreSQL, each in its own transaction
    /// (every chunk of statements goes to one writer, its levels after its assessments).
    /// The transactions commit once everything is written.
    async fn assessments(
        &mut self,
        db: &DatabaseConnection,
        report: &mut SyntheticReport,
    ) -> anyhow::Result<()> {
        let backend = db.get_database_backend();
        let writers = if backend == DbBackend::Postgres { 2 } else { 1 };
        let bar = progress(self.people.len() as u64, "assessments");
        let mut senders = Vec::with_capacity(writers);
        let mut handles = Vec::with_capacity(writers);
        for _ in 0..writers {
            let (sender, receiver) = tokio::sync::mpsc::channel::<Work>(2);
            senders.push(sender);
            let (db, bar) = (db.clone(), bar.clone());
            handles.push(tokio::spawn(async move { write_all(&db, receiver, &bar).await }));
        }
        let producer = AssessmentProducer {
            rng: stream(self.seed, 3),
            backend,
            employee_base: self.ids.employees,
            assessment_base: self.ids.assessments,
            competency_ids: self.dictionary.iter().map(|c| c.id).collect(),
            people: self.people.clone(),
            names: self.names.clone(),
            positions: self.positions.clone(),
        };
        let produced = tokio::task::spawn_blocking(move || producer.run(senders)).await;

        // A writer's error is the cause of a producer's "a writer stopped": report it first.
        let mut transactions = Vec::with_capacity(writers);
        for handle in handles {
            transactions.push(handle.await.context("an assessment writer panicked")??);
        }
        let produced = produced.context("the assessment generator panicked")??;
        for txn in transactions {
            txn.commit().await.context("cannot commit the assessments")?;
        }
        bar.finish();
        self.levels = produced.levels;
        report.rows.push(("competency_assessments", produced.assessments));
        report.rows.push(("employee_competency_levels", produced.current_levels));
        Ok(())
    }

    /// Two programs per competency (basic and advanced), four batches each around the
    /// current month, and enrolments of about half the employees, mostly into programs that
    /// target one of their gaps.
    async fn training<C: ConnectionTrait>(
        &mut self,
        db: &C,
        report: &mut SyntheticReport,
    ) -> anyhow::Result<()> {
        let mut rng = self.rng(4);
        let now = self.created_at;
        let today = self.today;
        let now_day = at(today, 0);

        // Programs.
        let mut programs = Vec::new();
        let mut program_rows = Vec::new();
        let mut target_rows = Vec::new();
        let mut by_competency: Vec<Vec<usize>> = vec![Vec::new(); self.dictionary.len()];
        for (c, competency) in self.dictionary.iter().enumerate() {
            for advanced in [false, true] {
                let p = programs.len();
                let id = self.ids.programs + 1 + p as i64;
                let code = format!("SYN-PRG-{:02}", p + 1);
                let method = if advanced {
                    [TrainingMethod::Pelatihan, TrainingMethod::Kursus, TrainingMethod::Workshop]
                        [rng.random_range(0..3)]
                } else {
                    [TrainingMethod::ELearning, TrainingMethod::BimbinganTeknis, TrainingMethod::Seminar]
                        [rng.random_range(0..3)]
                };
                let (label, jp) = match method {
                    TrainingMethod::Pelatihan => ("Pelatihan", rng.random_range(24..=48)),
                    TrainingMethod::Kursus => ("Kursus", rng.random_range(16..=32)),
                    TrainingMethod::Workshop => ("Lokakarya", rng.random_range(8..=16)),
                    TrainingMethod::ELearning => ("E-Learning", rng.random_range(8..=20)),
                    TrainingMethod::BimbinganTeknis => ("Bimbingan Teknis", rng.random_range(16..=24)),
                    _ => ("Seminar", rng.random_range(4..=8)),
                };
                let delivery = match method {
                    TrainingMethod::ELearning => DeliveryMode::Online,
                    _ => match rng.random_range(0..100) {
                        0..60 => DeliveryMode::FaceToFace,
                        60..85 => DeliveryMode::Blended,
                        _ => DeliveryMode::Online,
                    },
                };
                let organizer_kind = OrganizerKind::ALL[rng.random_range(0..OrganizerKind::ALL.len())];
                let organizer_name = match organizer_kind {
                    OrganizerKind::Bpsdm => "BPSDM Provinsi Sintetis",
                    OrganizerKind::Lan => "Lembaga Administrasi Negara",
                    OrganizerKind::University => "Universitas Negeri Sintetis",
                    OrganizerKind::Private => "Lembaga Pelatihan Mitra Sintetis",
                    OrganizerKind::InHouse => "BKPSDM Provinsi Sintetis",
                };
                let target = if advanced { 4 } else { 3 };
                let level_name = if advanced { "Tingkat Lanjut" } else { "Tingkat Dasar" };
                let title = format!("{label} {} {level_name}", competency.name_id);
                program_rows.push(training_programs::ActiveModel {
                    id: Set(id),
                    code: Set(code.clone()),
                    title: Set(title.clone()),
                    description: Set(Some(format!(
                        "Meningkatkan kompetensi {} hingga level {target}.",
                        competency.name_id
                    ))),
                    method: Set(method),
                    delivery: Set(delivery),
                    organizer_kind: Set(organizer_kind),
                    organizer_name: Set(organizer_name.into()),
                    jp: Set(jp),
                    requires_supervisor_approval: Set(advanced || rng.random_bool(0.3)),
                    level3_delay_days: Set(90),
                    min_grade: Set(None),
                    max_grade: Set(None),
                    is_active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
                target_rows.push(program_competencies::ActiveModel {
                    program_id: Set(id),
                    competency_id: Set(competency.id),
                    target_level: Set(target),
                });
                by_competency[c].push(p);
                // Some programs also raise a related competency of the same kind.
                if rng.random_bool(0.4) {
                    let related: Vec<usize> = (0..self.dictionary.len())
                        .filter(|&d| d != c && self.dictionary[d].kind == competency.kind)
                        .collect();
                    if !related.is_empty() {
                        let d = related[rng.random_range(0..related.len())];
                        target_rows.push(program_competencies::ActiveModel {
                            program_id: Set(id),
                            competency_id: Set(self.dictionary[d].id),
                            target_level: Set(target - 1),
                        });
                        by_competency[d].push(p);
                    }
                }
                programs.push(Program { code, jp, title, method, delivery });
            }
        }

        // Batches: starts spread over the eleven months before the current one and the two
        // after it, so most are completed, some running, some open.
        let anchor = today.with_day(1).expect("day 1 exists");
        let mut batches = Vec::new();
        for (p, program) in programs.iter().enumerate() {
            for k in 0..BATCHES_PER_PROGRAM {
                let starts_on = anchor + days(-330 + 110 * k as i64 + rng.random_range(0..60));
                let length = if program.method == TrainingMethod::ELearning {
                    rng.random_range(14..=30)
                } else {
                    i64::from((program.jp + 7) / 8)
                };
                let ends_on = starts_on + days(length - 1);
                let opens_at = at(starts_on - days(45), 1);
                let closes_at = at(starts_on - days(3), 16);
                let status = if ends_on < today {
                    BatchStatus::Completed
                } else if starts_on <= today {
                    BatchStatus::Running
                } else if now_day >= closes_at {
                    BatchStatus::Closed
                } else {
                    BatchStatus::Open
                };
                batches.push(Batch {
                    program: p,
                    number: k + 1,
                    starts_on,
                    ends_on,
                    opens_at,
                    closes_at,
                    status,
                    quota: 0,
                    seats_taken: 0,
                    next_certificate_seq: 1,
                });
            }
        }

        // Who enrols where: about half the active employees, one to three batches each,
        // mostly in a program that targets one of their gaps.
        let per_employee = self.dictionary.len();
        let mut plan: Vec<Planned> = Vec::new();
        for (i, person) in self.people.iter().enumerate() {
            if !person.active || !rng.random_bool(0.5) {
                continue;
            }
            let count = match rng.random_range(0..100) {
                0..70 => 1,
                70..95 => 2,
                _ => 3,
            };
            let gaps: Vec<usize> = self.positions[person.position as usize]
                .standard
                .iter()
                .filter(|&&(c, required)| {
                    let current = self.levels[i * per_employee + c];
                    current > 0 && current < required
                })
                .map(|&(c, _)| c)
                .collect();
            let mut chosen: Vec<u32> = Vec::with_capacity(count);
            for _ in 0..count {
                let candidates = if !gaps.is_empty() && rng.random_bool(0.7) {
                    &by_competency[gaps[rng.random_range(0..gaps.len())]]
                } else {
                    &by_competency[rng.random_range(0..per_employee)]
                };
                let p = match candidates.len() {
                    0 => rng.random_range(0..programs.len()),
                    len => candidates[rng.random_range(0..len)],
                };
                let b = (p * BATCHES_PER_PROGRAM + rng.random_range(0..BATCHES_PER_PROGRAM)) as u32;
                if chosen.contains(&b) {
                    continue;
                }
                chosen.push(b);
                let batch = &batches[b as usize];
                let window =
                    (batch.closes_at.min(now_day.max(batch.opens_at)) - batch.opens_at).num_seconds();
                let requested_at = batch.opens_at + TimeDelta::seconds(rng.random_range(0..=window.max(0)));
                plan.push(Planned {
                    batch: b,
                    employee: i as u32,
                    requested_at,
                    state: EnrolmentState::Requested,
                    waitlist_position: None,
                    decided_at: None,
                    completed_at: None,
                    jp_credited: None,
                    credited_year: None,
                    certificate_number: None,
                });
            }
        }

        // States in arrival order per batch; seats and quota follow from them.
        plan.sort_by_key(|e| (e.requested_at, e.batch, e.employee));
        let mut by_batch: Vec<Vec<usize>> = vec![Vec::new(); batches.len()];
        for (e, planned) in plan.iter().enumerate() {
            by_batch[planned.batch as usize].push(e);
        }
        for (b, arrivals) in by_batch.iter().enumerate() {
            let batch = &mut batches[b];
            let program = &programs[batch.program];
            let upcoming = matches!(batch.status, BatchStatus::Open | BatchStatus::Closed);
            // Upcoming batches: some are full, with a waitlist.
            batch.quota = if upcoming {
                ((arrivals.len() as f64 * rng.random_range(0.45..0.8)).round() as i32).max(1)
            } else {
                0
            };
            let mut waitlist = 0;
            for &e in arrivals {
                let planned = &mut plan[e];
                let decided_at = (planned.requested_at + TimeDelta::hours(rng.random_range(2..=72)))
                    .min(now_day.max(planned.requested_at));
                let roll = rng.random_range(0..100);
                planned.state = match batch.status {
                    BatchStatus::Completed => match roll {
                        0..3 => EnrolmentState::Rejected,
                        3..6 => EnrolmentState::Withdrawn,
                        6..9 => EnrolmentState::NoShow,
                        9..12 => EnrolmentState::Failed,
                        12..14 => EnrolmentState::Attended,
                        _ => EnrolmentState::Passed,
                    },
                    BatchStatus::Running => match roll {
                        0..4 => EnrolmentState::Rejected,
                        4..8 => EnrolmentState::Withdrawn,
                        _ => EnrolmentState::Enrolled,
                    },
                    _ => match roll {
                        0..5 => EnrolmentState::Rejected,
                        5..8 => EnrolmentState::Withdrawn,
                        8..38 => EnrolmentState::Requested,
                        _ if batch.seats_taken < batch.quota => EnrolmentState::Approved,
                        _ => EnrolmentState::Waitlisted,
                    },
                };
                if planned.state != EnrolmentState::Requested {
                    planned.decided_at = Some(decided_at);
                }
                match planned.state {
                    EnrolmentState::Waitlisted => {
                        waitlist += 1;
                        planned.waitlist_position = Some(waitlist);
                    }
                    EnrolmentState::Passed => {
                        let completed_at = at(batch.ends_on, 9);
                        planned.completed_at = Some(completed_at);
                        planned.jp_credited = Some(program.jp);
                        planned.credited_year = Some(completed_at.year());
                        planned.certificate_number = Some(format!(
                            "{:05}/STTPP/{}/{}/{}",
                            batch.next_certificate_seq,
                            program.code,
                            roman(batch.number),
                            completed_at.year()
                        ));
                        batch.next_certificate_seq += 1;
                    }
                    EnrolmentState::Failed | EnrolmentState::NoShow => {
                        planned.completed_at = Some(at(batch.ends_on, 9));
                    }
                    _ => {}
                }
                if holds_a_seat(planned.state) {
                    batch.seats_taken += 1;
                }
            }
            if !upcoming {
                // A little room left in past and running batches; never less than taken.
                let room = rng.random_range(0..=batch.seats_taken / 10 + 2);
                batch.quota = (batch.seats_taken + room).max(1);
            }
        }

        let batch_rows: Vec<training_batches::ActiveModel> = batches
            .iter()
            .enumerate()
            .map(|(b, batch)| {
                let program = &programs[batch.program];
                let (method, delivery) = (program.method, program.delivery);
                let in_person = delivery != DeliveryMode::Online;
                let code = &program.code;
                training_batches::ActiveModel {
                    id: Set(self.ids.batches + 1 + b as i64),
                    program_id: Set(self.ids.programs + 1 + batch.program as i64),
                    batch_number: Set(batch.number as i32),
                    name: Set(format!("{} Angkatan {}", program.title, roman(batch.number))),
                    starts_on: Set(batch.starts_on),
                    ends_on: Set(batch.ends_on),
                    daily_start_time: Set((method != TrainingMethod::ELearning)
                        .then(|| NaiveTime::from_hms_opt(8, 0, 0).expect("08:00"))),
                    daily_end_time: Set((method != TrainingMethod::ELearning)
                        .then(|| NaiveTime::from_hms_opt(16, 0, 0).expect("16:00"))),
                    place: Set(
                        in_person.then(|| "Kampus BPSDM Provinsi Sintetis, Jl. Pendidikan No. 1".to_owned())
                    ),
                    online_url: Set((delivery != DeliveryMode::FaceToFace).then(|| {
                        format!("https://belajar.{EMAIL_DOMAIN}/{}/{}", code.to_lowercase(), batch.number)
                    })),
                    quota: Set(batch.quota),
                    seats_taken: Set(batch.seats_taken),
                    enrolment_opens_at: Set(Some(batch.opens_at)),
                    enrolment_closes_at: Set(Some(batch.closes_at)),
                    withdrawal_deadline: Set(Some(at(batch.starts_on - days(7), 16))),
                    status: Set(batch.status),
                    next_certificate_seq: Set(batch.next_certificate_seq),
                    created_at: Set(batch.opens_at - days(14)),
                    updated_at: Set(batch.opens_at - days(14)),
                }
            })
            .collect();

        report.rows.push(("training_programs", program_rows.len() as u64));
        report.rows.push(("program_competencies", target_rows.len() as u64));
        report.rows.push(("training_batches", batch_rows.len() as u64));
        report.rows.push(("enrolments", plan.len() as u64));
        insert_chunked(db, program_rows).await.context("cannot write the programs")?;
        insert_chunked(db, target_rows).await.context("cannot write the program targets")?;
        insert_chunked(db, batch_rows).await.context("cannot write the batches")?;

        // Enrolments, ids in arrival order.
        let bar = progress(plan.len() as u64, "enrolments");
        let mut next_id = self.ids.enrolments;
        let batch_base = self.ids.batches;
        let mut rows = Vec::with_capacity(ENROLMENT_CHUNK);
        let total = plan.len();
        for (e, planned) in plan.into_iter().enumerate() {
            next_id += 1;
            let updated_at = planned.completed_at.or(planned.decided_at).unwrap_or(planned.requested_at);
            rows.push(enrolments::ActiveModel {
                id: Set(next_id),
                batch_id: Set(batch_base + 1 + i64::from(planned.batch)),
                employee_id: Set(self.employee_id(planned.employee)),
                state: Set(planned.state),
                waitlist_position: Set(planned.waitlist_position),
                requested_at: Set(planned.requested_at),
                requested_by_user_id: Set(None),
                decided_at: Set(planned.decided_at),
                decided_by_user_id: Set(None),
                decision_reason: Set((planned.state == EnrolmentState::Rejected)
                    .then(|| "Kuota unit kerja untuk program ini sudah terpenuhi.".to_owned())),
                completed_at: Set(planned.completed_at),
                jp_credited: Set(planned.jp_credited),
                credited_year: Set(planned.credited_year),
                certificate_number: Set(planned.certificate_number),
                created_at: Set(planned.requested_at),
                updated_at: Set(updated_at),
            });
            if rows.len() == ENROLMENT_CHUNK || e + 1 == total {
                let chunk = std::mem::replace(&mut rows, Vec::with_capacity(ENROLMENT_CHUNK));
                bar.inc(chunk.len() as u64);
                insert_chunked(db, chunk).await.context("cannot write the enrolments")?;
            }
        }
        bar.finish();
        Ok(())
    }

    /// About 1% of the employees mentored by a unit head of another unit of their agency (or
    /// its head), on one or two of their gaps, with a few sessions each.
    async fn mentoring<C: ConnectionTrait>(
        &mut self,
        db: &C,
        report: &mut SyntheticReport,
    ) -> anyhow::Result<()> {
        let mut rng = self.rng(5);
        let n = self.people.len();
        let m = self.options.agencies as usize;
        let staff: Vec<usize> =
            (0..n).filter(|&i| self.people[i].post == Post::Staff && self.people[i].active).collect();
        let wanted = (n / 100).min(staff.len());
        let per_employee = self.dictionary.len();
        let mut mentees = std::collections::HashSet::new();
        let mut pairs = Vec::new();
        let mut goals = Vec::new();
        let mut sessions = Vec::new();
        let topics = [
            "Menyusun rencana pengembangan diri",
            "Membahas kasus layanan di unit kerja",
            "Umpan balik atas tugas terakhir",
            "Praktik penyusunan laporan",
            "Refleksi capaian dan hambatan",
        ];
        let mut attempts = 0;
        while pairs.len() < wanted && attempts < wanted * 20 {
            attempts += 1;
            let mentee = staff[rng.random_range(0..staff.len())];
            if !mentees.insert(mentee) {
                continue;
            }
            let person = &self.people[mentee];
            let agency = person.agency as usize;
            let own_unit = person.unit.map(|u| u as usize % UNITS_PER_AGENCY);
            let other_unit = (0..UNITS_PER_AGENCY)
                .filter(|&u| Some(u) != own_unit)
                .nth(rng.random_range(0..UNITS_PER_AGENCY - 1))
                .unwrap_or_default();
            let unit_head = m + agency * UNITS_PER_AGENCY + other_unit;
            let mentor = if unit_head < n && self.people[unit_head].active { unit_head } else { agency };

            let pair_id = self.ids.pairs + 1 + pairs.len() as i64;
            let starts_on = REFERENCE_DATE - days(rng.random_range(60..=330));
            let planned_end_on = starts_on + days(180);
            let (status, ended_on) = match rng.random_range(0..100) {
                0..5 => (MentoringPairStatus::Cancelled, Some(starts_on + days(rng.random_range(20..=60)))),
                _ if planned_end_on < REFERENCE_DATE => {
                    (MentoringPairStatus::Completed, Some(planned_end_on))
                }
                _ => (MentoringPairStatus::Active, None),
            };
            let last_day = ended_on.unwrap_or(REFERENCE_DATE);
            pairs.push(mentoring_pairs::ActiveModel {
                id: Set(pair_id),
                mentor_id: Set(self.employee_id(mentor as u32)),
                mentee_id: Set(self.employee_id(mentee as u32)),
                starts_on: Set(starts_on),
                planned_end_on: Set(Some(planned_end_on)),
                ended_on: Set(ended_on),
                status: Set(status),
                created_by_user_id: Set(None),
                summary: Set((status == MentoringPairStatus::Completed)
                    .then(|| "Sasaran pendampingan tercapai sebagian besar.".to_owned())),
                created_at: Set(at(starts_on, 2)),
                updated_at: Set(at(last_day, 2)),
            });

            // Focus competencies: the mentee's gaps first, else any required one.
            let standard = &self.positions[person.position as usize].standard;
            let mut focus: Vec<(usize, u8)> = standard
                .iter()
                .copied()
                .filter(|&(c, required)| self.levels[mentee * per_employee + c] < required)
                .collect();
            if focus.is_empty() {
                focus = standard.clone();
            }
            let count = rng.random_range(1..=2usize).min(focus.len());
            for _ in 0..count {
                let (c, required) = focus.swap_remove(rng.random_range(0..focus.len()));
                let current = self.levels[mentee * per_employee + c];
                let target = required.max(current + 1).min(5);
                goals.push(mentoring_goals::ActiveModel {
                    id: Set(self.ids.goals + 1 + goals.len() as i64),
                    pair_id: Set(pair_id),
                    competency_id: Set(self.dictionary[c].id),
                    goal: Set(format!("Meningkatkan {} hingga level {target}.", self.dictionary[c].name_id)),
                    target_level: Set(i16::from(target)),
                    final_rating: Set((status == MentoringPairStatus::Completed)
                        .then(|| i16::from(target) - i16::from(rng.random_bool(0.3)))),
                });
            }

            let mut held_on = starts_on;
            for _ in 0..rng.random_range(2..=6) {
                held_on += days(rng.random_range(10..=28));
                if held_on > last_day {
                    break;
                }
                let confirmation = match rng.random_range(0..100) {
                    0..80 => SessionConfirmation::Confirmed,
                    80..95 => SessionConfirmation::Pending,
                    _ => SessionConfirmation::Disputed,
                };
                sessions.push(mentoring_sessions::ActiveModel {
                    id: Set(self.ids.sessions + 1 + sessions.len() as i64),
                    pair_id: Set(pair_id),
                    held_on: Set(held_on),
                    minutes: Set(rng.random_range(3..=12) * 10),
                    mode: Set(if rng.random_bool(0.6) {
                        SessionMode::FaceToFace
                    } else {
                        SessionMode::Online
                    }),
                    topic: Set(topics[rng.random_range(0..topics.len())].to_owned()),
                    notes: Set(Some("Diskusi berjalan baik.".to_owned())),
                    actions: Set(Some("Mentee menyusun rencana tindak lanjut.".to_owned())),
                    confirmation: Set(confirmation),
                    dispute_reason: Set((confirmation == SessionConfirmation::Disputed)
                        .then(|| "Durasi sesi tidak sesuai catatan.".to_owned())),
                    confirmed_at: Set(
                        (confirmation == SessionConfirmation::Confirmed).then(|| at(held_on + days(1), 3))
                    ),
                    created_at: Set(at(held_on, 9)),
                    updated_at: Set(at(held_on + days(1), 3)),
                });
            }
        }
        let bar = progress(pairs.len() as u64, "mentoring");
        report.rows.push(("mentoring_pairs", pairs.len() as u64));
        report.rows.push(("mentoring_goals", goals.len() as u64));
        report.rows.push(("mentoring_sessions", sessions.len() as u64));
        let pair_count = pairs.len() as u64;
        insert_chunked(db, pairs).await.context("cannot write the mentoring pairs")?;
        insert_chunked(db, goals).await.context("cannot write the mentoring goals")?;
        insert_chunked(db, sessions).await.context("cannot write the mentoring sessions")?;
        bar.inc(pair_count);
        bar.finish();
        Ok(())
    }
}

/// The random numbers of one phase of one seed: each phase draws from its own stream, so it
/// gets the same numbers whatever the other phases draw.
fn stream(seed: u64, phase: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(phase);
    rng
}

/// Insert statements for a writer, and how many employees they cover (for the progress bar).
type Work = (Vec<Statement>, u64);

/// Executes every statement it receives in one write transaction, and hands the transaction
/// back uncommitted.
async fn write_all(
    db: &DatabaseConnection,
    mut receiver: tokio::sync::mpsc::Receiver<Work>,
    bar: &ProgressBar,
) -> anyhow::Result<DatabaseTransaction> {
    let txn = begin_write(db).await.context("cannot begin a write transaction")?;
    while let Some((statements, employees)) = receiver.recv().await {
        for statement in statements {
            txn.execute_raw(statement).await.context("cannot write assessments")?;
        }
        bar.inc(employees);
    }
    Ok(txn)
}

/// SQLite allows 32,766 bind parameters per statement, PostgreSQL 65,535: stay below both
/// (as `insert_chunked` does).
const MAX_PARAMS_PER_STATEMENT: usize = 30_000;

/// Appends the multi-row inserts of `models` to `out`, split below the parameter limits.
///
/// Statements hold a power-of-two number of rows (the largest that fits, then the binary
/// digits of the remainder), so that chunks of any length produce only a dozen distinct
/// statements per table: the driver keeps every distinct statement prepared, and a prepared
/// insert of thousands of rows takes megabytes.
fn push_inserts<A>(backend: DbBackend, models: Vec<A>, out: &mut Vec<Statement>)
where
    A: ActiveModelTrait,
{
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let largest = 1usize << (MAX_PARAMS_PER_STATEMENT / columns).max(1).ilog2();
    let mut remaining = models.len();
    let mut models = models.into_iter();
    while remaining > 0 {
        let rows = if remaining >= largest { largest } else { 1 << remaining.ilog2() };
        let chunk: Vec<A> = models.by_ref().take(rows).collect();
        out.push(<A::Entity as EntityTrait>::insert_many(chunk).build(backend));
        remaining -= rows;
    }
}

/// What the assessment phase needs from the earlier ones; runs on a thread of its own.
struct AssessmentProducer {
    rng: ChaCha8Rng,
    backend: DbBackend,
    employee_base: i64,
    assessment_base: i64,
    competency_ids: Vec<i64>,
    people: Arc<Vec<Person>>,
    names: Arc<Vec<String>>,
    positions: Arc<Vec<Position>>,
}

struct Produced {
    /// Current level per employee and competency (row-major, `0` = never assessed).
    levels: Vec<u8>,
    assessments: u64,
    current_levels: u64,
}

impl AssessmentProducer {
    /// Generates the rows chunk by chunk (in employee order, so ids and values do not depend
    /// on the number of writers) and sends each chunk's statements to the next writer.
    fn run(mut self, senders: Vec<tokio::sync::mpsc::Sender<Work>>) -> anyhow::Result<Produced> {
        let rng = &mut self.rng;
        let n = self.people.len();
        let per_employee = self.competency_ids.len();
        let mut current = vec![0u8; n * per_employee];
        let mut next_id = self.assessment_base;
        let mut assessment_count = 0u64;
        let mut level_count = 0u64;
        let centre = "UPT Penilaian Kompetensi BKPSDM";
        for (chunk_number, start) in (0..n).step_by(EMPLOYEE_CHUNK).enumerate() {
            let end = (start + EMPLOYEE_CHUNK).min(n);
            let mut assessments = Vec::with_capacity((end - start) * 18);
            let mut levels = Vec::with_capacity((end - start) * 11);
            for i in start..end {
                let person = &self.people[i];
                let employee_id = self.employee_base + 1 + i as i64;
                let supervisor = person
                    .supervisor
                    .map(|s| (self.employee_base + 1 + i64::from(s), self.names[s as usize].as_str()));
                for &(c, required) in &self.positions[person.position as usize].standard {
                    if !rng.random_bool(0.9) {
                        continue;
                    }
                    let twice = rng.random_bool(0.65);
                    let delta: i8 = match rng.random_range(0..100) {
                        0..8 => -2,
                        8..35 => -1,
                        35..75 => 0,
                        _ => 1,
                    };
                    let mut level = (required as i8 + delta).clamp(1, 5);
                    let mut assessed_on = if twice {
                        REFERENCE_DATE - days(rng.random_range(400..=1460))
                    } else {
                        REFERENCE_DATE - days(rng.random_range(30..=1460))
                    };
                    let mut newest = None;
                    for k in 0..(1 + usize::from(twice)) {
                        if k == 1 {
                            // The second one is later, with the level moved by -1..+1.
                            let gap_days = (REFERENCE_DATE - assessed_on).num_days() - 1;
                            assessed_on += days(rng.random_range(120..=gap_days));
                            level = (level
                                + match rng.random_range(0..100) {
                                    0..10 => -1,
                                    10..55 => 0,
                                    _ => 1,
                                })
                            .clamp(1, 5);
                        }
                        let by_supervisor =
                            supervisor.is_some() && rng.random_bool(if k == 0 { 0.5 } else { 0.7 });
                        let (source, assessor_name, assessor_id) = match supervisor {
                            Some((id, name)) if by_supervisor => {
                                (AssessmentSource::Supervisor, name, Some(id))
                            }
                            _ => (AssessmentSource::AssessmentCentre, centre, None),
                        };
                        next_id += 1;
                        let created_at = at(assessed_on, 3);
                        assessments.push(competency_assessments::ActiveModel {
                            id: Set(next_id),
                            employee_id: Set(employee_id),
                            competency_id: Set(self.competency_ids[c]),
                            level: Set(i16::from(level)),
                            source: Set(source),
                            assessed_on: Set(assessed_on),
                            assessor_name: Set(Some(assessor_name.to_owned())),
                            assessor_employee_id: Set(assessor_id),
                            recorded_by_user_id: Set(None),
                            notes: Set(None),
                            created_at: Set(created_at),
                        });
                        newest = Some((next_id, level, source, assessed_on, created_at));
                    }
                    if let Some((assessment_id, level, source, assessed_on, updated_at)) = newest {
                        current[i * per_employee + c] = level as u8;
                        levels.push(employee_competency_levels::ActiveModel {
                            employee_id: Set(employee_id),
                            competency_id: Set(self.competency_ids[c]),
                            level: Set(i16::from(level)),
                            source: Set(source),
                            assessed_on: Set(assessed_on),
                            assessment_id: Set(Some(assessment_id)),
                            updated_at: Set(updated_at),
                        });
                    }
                }
            }
            assessment_count += assessments.len() as u64;
            level_count += levels.len() as u64;
            let mut statements = Vec::new();
            push_inserts(self.backend, assessments, &mut statements);
            push_inserts(self.backend, levels, &mut statements);
            senders[chunk_number % senders.len()]
                .blocking_send((statements, (end - start) as u64))
                .map_err(|_| anyhow::anyhow!("an assessment writer stopped"))?;
        }
        Ok(Produced { levels: current, assessments: assessment_count, current_levels: level_count })
    }
}

/// The states in which an enrolment holds one of the batch's seats.
fn holds_a_seat(state: EnrolmentState) -> bool {
    matches!(
        state,
        EnrolmentState::Approved
            | EnrolmentState::Enrolled
            | EnrolmentState::Attended
            | EnrolmentState::Passed
            | EnrolmentState::Failed
            | EnrolmentState::NoShow
    )
}

/// The name of the `index`-th agency: the list, then regional branches of it.
fn agency_name(index: usize) -> String {
    let base = AGENCY_NAMES[index % AGENCY_NAMES.len()];
    match index / AGENCY_NAMES.len() {
        0 => base.to_owned(),
        round => format!("{base} Wilayah {}", round + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_head_position_is_in_the_table() {
        for a in 0..AGENCY_NAMES.len() * 2 {
            let name = agency_name(a);
            assert!(POSITIONS.iter().any(|(p, _, _)| *p == head_position(&name)), "{name}");
            for u in 0..UNITS_PER_AGENCY {
                let unit_head = unit_head_position(&name, u);
                assert!(POSITIONS.iter().any(|(p, _, _)| *p == unit_head), "{name} {u}");
            }
        }
        assert_eq!(POSITIONS.len(), 40);
        for family in PositionFamily::ALL {
            assert!(POSITIONS.iter().any(|(_, f, _)| f == family), "{family:?}");
        }
    }

    #[test]
    fn options_are_checked() {
        let options = |employees, agencies| Options { employees, agencies, seed: 1 };
        assert!(check_options(&options(0, 1)).is_err());
        assert!(check_options(&options(10, 0)).is_err());
        assert!(check_options(&options(10, 11)).is_err());
        assert!(check_options(&options(10, 10)).is_ok());
    }
}
