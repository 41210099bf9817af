//! The demo region: a small, realistic city government ("Pemerintah Kota Sawahlunto") with
//! six agencies and their units, positions with competency standards, 300 employees with
//! assessments and real gaps, training programs with batches in every status, enrolments in
//! every state with their history and attendance, and mentoring pairs, so that every screen
//! has something to show. Loaded by `bangkom seed demo` and `bangkom serve --demo`.
//!
//! The data is first generated in memory ([`build_plan`]: a fixed random seed, dates relative
//! to the given day) and then written in one write transaction with bulk inserts. A run that
//! finds the region (by its agency code) writes nothing and only reports.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use anyhow::{Context, bail};
use bangkom_entities::accounts::{NewUser, create_user};
use bangkom_entities::enums::{
    AgencyKind, AssessmentSource, BatchStatus, DeliveryMode, EmploymentType, EnrolmentState, Grade,
    MentoringPairStatus, OrganizerKind, PositionFamily, PppkGrade, Role, SessionConfirmation, SessionMode,
    TrainingMethod,
};
use bangkom_entities::schema::{
    agencies, attendance_records, competency_assessments, employee_competency_levels, employees,
    enrolment_events, enrolments, mentoring_goals, mentoring_pairs, mentoring_sessions, position_standards,
    positions, program_competencies, program_eligible_agencies, program_eligible_families, training_batches,
    training_programs, users,
};
use bangkom_entities::tx::begin_write;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use super::common::{self, DEMO_PASSWORD, Sex, insert_chunked};

/// The code of the demo region's root agency: its presence means the demo is loaded.
pub const REGION_CODE: &str = "SWL";
const REGION_NAME: &str = "Pemerintah Kota Sawahlunto";
/// Every agency, position and program code of the demo starts with this.
const PREFIX: &str = "SWL-";
/// The random seed of the demo: the same data every time (dates move with today).
const SEED: u64 = 20_261_125;
/// Employees' own addresses (a reserved top-level domain: nothing is ever delivered there).
const EMAIL_DOMAIN: &str = "sawahlunto.test";

// ---------------------------------------------------------------------------------------
// The organisation
// ---------------------------------------------------------------------------------------

struct AgencySpec {
    code: &'static str,
    short: &'static str,
    name: &'static str,
    /// Position code of its head (Kepala Badan or Kepala Dinas).
    head: &'static str,
    units: &'static [(&'static str, &'static str)],
    employees: usize,
    /// Positions of the staff (pelaksana and fungsional) with their weights.
    staff: &'static [(&'static str, u32)],
}

const BKPSDM: &str = "SWL-BKPSDM";
const DISDIK: &str = "SWL-DISDIK";
const DINKES: &str = "SWL-DINKES";
const BKD: &str = "SWL-BKD";
const DUKCAPIL: &str = "SWL-DUKCAPIL";
const KOMINFO: &str = "SWL-KOMINFO";

const AGENCIES: &[AgencySpec] = &[
    AgencySpec {
        code: BKPSDM,
        short: "BKPSDM",
        name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        head: POS_KABAN,
        units: &[
            ("SWL-BKPSDM-PPIK", "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian"),
            ("SWL-BKPSDM-PKA", "Bidang Pengembangan Kompetensi Aparatur"),
            ("SWL-BKPSDM-MP", "Bidang Mutasi dan Promosi"),
        ],
        employees: 45,
        staff: &[(POS_PLK_KEPEG, 45), (POS_FNG_SDM, 30), (POS_PLK_UMUM, 25)],
    },
    AgencySpec {
        code: DISDIK,
        short: "Dinas Pendidikan",
        name: "Dinas Pendidikan",
        head: POS_KADIS,
        units: &[
            ("SWL-DISDIK-SD", "Bidang Pembinaan Sekolah Dasar"),
            ("SWL-DISDIK-SMP", "Bidang Pembinaan Sekolah Menengah Pertama"),
            ("SWL-DISDIK-GTK", "Bidang Guru dan Tenaga Kependidikan"),
        ],
        employees: 70,
        staff: &[(POS_PLK_UMUM, 50), (POS_PLK_KEU, 20), (POS_FNG_PERENC, 30)],
    },
    AgencySpec {
        code: DINKES,
        short: "Dinas Kesehatan",
        name: "Dinas Kesehatan",
        head: POS_KADIS,
        units: &[
            ("SWL-DINKES-YANKES", "Bidang Pelayanan Kesehatan"),
            ("SWL-DINKES-KESMAS", "Bidang Kesehatan Masyarakat"),
            ("SWL-DINKES-P2P", "Bidang Pencegahan dan Pengendalian Penyakit"),
        ],
        employees: 60,
        staff: &[(POS_FNG_ADMKES, 40), (POS_PLK_UMUM, 35), (POS_PLK_KEU, 25)],
    },
    AgencySpec {
        code: BKD,
        short: "BKD",
        name: "Badan Keuangan Daerah",
        head: POS_KABAN,
        units: &[
            ("SWL-BKD-ANG", "Bidang Anggaran"),
            ("SWL-BKD-PBN", "Bidang Perbendaharaan"),
            ("SWL-BKD-AKA", "Bidang Akuntansi dan Aset"),
        ],
        employees: 50,
        staff: &[(POS_PLK_KEU, 55), (POS_FNG_KEU, 30), (POS_PLK_UMUM, 15)],
    },
    AgencySpec {
        code: DUKCAPIL,
        short: "Disdukcapil",
        name: "Dinas Kependudukan dan Pencatatan Sipil",
        head: POS_KADIS,
        units: &[
            ("SWL-DUKCAPIL-DAFDUK", "Bidang Pelayanan Pendaftaran Penduduk"),
            ("SWL-DUKCAPIL-CAPIL", "Bidang Pelayanan Pencatatan Sipil"),
        ],
        employees: 35,
        staff: &[(POS_PLK_DUKCAPIL, 65), (POS_PLK_UMUM, 20), (POS_FNG_PERENC, 15)],
    },
    AgencySpec {
        code: KOMINFO,
        short: "Diskominfo",
        name: "Dinas Komunikasi dan Informatika",
        head: POS_KADIS,
        units: &[
            ("SWL-KOMINFO-APTIKA", "Bidang Aplikasi Informatika"),
            ("SWL-KOMINFO-IKP", "Bidang Informasi dan Komunikasi Publik"),
        ],
        employees: 40,
        staff: &[(POS_FNG_PRAKOM, 45), (POS_PLK_UMUM, 35), (POS_FNG_PERENC, 20)],
    },
];

fn agency_spec(code: &str) -> Option<&'static AgencySpec> {
    AGENCIES.iter().find(|a| a.code == code)
}

// ---------------------------------------------------------------------------------------
// Positions and their competency standards
// ---------------------------------------------------------------------------------------

/// The competency dictionary (`data/competencies.csv`), in its order; competencies are
/// referred to by their index in this list.
const COMPETENCY_CODES: [&str; 15] = [
    "MJ-01", "MJ-02", "MJ-03", "MJ-04", "MJ-05", "MJ-06", "MJ-07", "MJ-08", "SK-01", "TK-01", "TK-02",
    "TK-03", "TK-04", "TK-05", "TK-06",
];

fn competency_index(code: &str) -> usize {
    COMPETENCY_CODES
        .iter()
        .position(|c| *c == code)
        .unwrap_or_else(|| panic!("{code} is not in the dictionary"))
}

const POS_KABAN: &str = "SWL-JPT-KABAN";
const POS_KADIS: &str = "SWL-JPT-KADIS";
const POS_SEKR: &str = "SWL-ADM-SEKR";
const POS_KABID: &str = "SWL-ADM-KABID";
const POS_KASUBBAG: &str = "SWL-PGW-KASUBBAG";
const POS_KASI: &str = "SWL-PGW-KASI";
const POS_PLK_UMUM: &str = "SWL-PLK-UMUM";
const POS_PLK_KEU: &str = "SWL-PLK-KEU";
const POS_PLK_KEPEG: &str = "SWL-PLK-KEPEG";
const POS_PLK_DUKCAPIL: &str = "SWL-PLK-DUKCAPIL";
const POS_FNG_SDM: &str = "SWL-FNG-ASDMA";
const POS_FNG_KEU: &str = "SWL-FNG-AKPD";
const POS_FNG_PRAKOM: &str = "SWL-FNG-PRAKOM";
const POS_FNG_PERENC: &str = "SWL-FNG-PERENC";
const POS_FNG_ADMKES: &str = "SWL-FNG-ADMKES";

struct PositionSpec {
    code: &'static str,
    name: &'static str,
    family: PositionFamily,
    /// The agency the position belongs to; `None`: found in every agency.
    agency: Option<&'static str>,
    /// Required levels of MJ-01 … MJ-08 and SK-01.
    core: [i16; 9],
    technical: &'static [(&'static str, i16)],
    /// Grade range of the PNS who hold it.
    grades: (Grade, Grade),
}

const JPT_CORE: [i16; 9] = [5, 4, 4, 5, 4, 4, 4, 5, 4];
const ADMINISTRATOR_CORE: [i16; 9] = [4, 3, 3, 4, 3, 3, 3, 4, 3];
const PENGAWAS_CORE: [i16; 9] = [3, 3, 3, 3, 3, 3, 2, 3, 3];
const PELAKSANA_CORE: [i16; 9] = [2, 2, 2, 2, 2, 2, 1, 1, 2];
const AHLI_MUDA_CORE: [i16; 9] = [3, 3, 3, 3, 3, 3, 2, 2, 3];
const AHLI_PERTAMA_CORE: [i16; 9] = [3, 2, 2, 2, 2, 2, 2, 2, 2];

const POSITIONS: &[PositionSpec] = &[
    PositionSpec {
        code: POS_KABAN,
        name: "Kepala Badan",
        family: PositionFamily::Jpt,
        agency: None,
        core: JPT_CORE,
        technical: &[("TK-05", 4), ("TK-06", 3)],
        grades: (Grade::IVc, Grade::IVd),
    },
    PositionSpec {
        code: POS_KADIS,
        name: "Kepala Dinas",
        family: PositionFamily::Jpt,
        agency: None,
        core: JPT_CORE,
        technical: &[("TK-05", 4), ("TK-06", 3)],
        grades: (Grade::IVc, Grade::IVd),
    },
    PositionSpec {
        code: POS_SEKR,
        name: "Sekretaris Dinas/Badan",
        family: PositionFamily::Administrator,
        agency: None,
        core: ADMINISTRATOR_CORE,
        technical: &[("TK-05", 3), ("TK-01", 3), ("TK-03", 3)],
        grades: (Grade::IVa, Grade::IVb),
    },
    PositionSpec {
        code: POS_KABID,
        name: "Kepala Bidang",
        family: PositionFamily::Administrator,
        agency: None,
        core: ADMINISTRATOR_CORE,
        technical: &[("TK-05", 4), ("TK-06", 3)],
        grades: (Grade::IVa, Grade::IVb),
    },
    PositionSpec {
        code: POS_KASUBBAG,
        name: "Kepala Subbagian Umum dan Kepegawaian",
        family: PositionFamily::Pengawas,
        agency: None,
        core: PENGAWAS_CORE,
        technical: &[("TK-03", 3), ("TK-04", 2)],
        grades: (Grade::IIIc, Grade::IVa),
    },
    PositionSpec {
        code: POS_KASI,
        name: "Kepala Seksi/Subbidang",
        family: PositionFamily::Pengawas,
        agency: None,
        core: PENGAWAS_CORE,
        technical: &[("TK-05", 3), ("TK-06", 3)],
        grades: (Grade::IIIc, Grade::IVa),
    },
    PositionSpec {
        code: POS_PLK_UMUM,
        name: "Pengadministrasi Perkantoran",
        family: PositionFamily::Pelaksana,
        agency: None,
        core: PELAKSANA_CORE,
        technical: &[("TK-06", 2)],
        grades: (Grade::IIa, Grade::IIIb),
    },
    PositionSpec {
        code: POS_PLK_KEU,
        name: "Pengelola Keuangan",
        family: PositionFamily::Pelaksana,
        agency: None,
        core: PELAKSANA_CORE,
        technical: &[("TK-01", 2), ("TK-04", 2)],
        grades: (Grade::IIb, Grade::IIIb),
    },
    PositionSpec {
        code: POS_PLK_KEPEG,
        name: "Pengelola Data Kepegawaian",
        family: PositionFamily::Pelaksana,
        agency: Some(BKPSDM),
        core: PELAKSANA_CORE,
        technical: &[("TK-03", 2), ("TK-06", 2)],
        grades: (Grade::IIb, Grade::IIIb),
    },
    PositionSpec {
        code: POS_PLK_DUKCAPIL,
        name: "Pengelola Data Kependudukan",
        family: PositionFamily::Pelaksana,
        agency: Some(DUKCAPIL),
        core: PELAKSANA_CORE,
        technical: &[("TK-02", 3), ("TK-06", 2)],
        grades: (Grade::IIa, Grade::IIIb),
    },
    PositionSpec {
        code: POS_FNG_SDM,
        name: "Analis Sumber Daya Manusia Aparatur Ahli Muda",
        family: PositionFamily::Fungsional,
        agency: Some(BKPSDM),
        core: AHLI_MUDA_CORE,
        technical: &[("TK-03", 3), ("TK-06", 3), ("TK-05", 2)],
        grades: (Grade::IIIc, Grade::IIId),
    },
    PositionSpec {
        code: POS_FNG_KEU,
        name: "Analis Keuangan Pusat dan Daerah Ahli Muda",
        family: PositionFamily::Fungsional,
        agency: Some(BKD),
        core: AHLI_MUDA_CORE,
        technical: &[("TK-01", 4), ("TK-04", 3)],
        grades: (Grade::IIIc, Grade::IIId),
    },
    PositionSpec {
        code: POS_FNG_PRAKOM,
        name: "Pranata Komputer Ahli Pertama",
        family: PositionFamily::Fungsional,
        agency: Some(KOMINFO),
        core: AHLI_PERTAMA_CORE,
        technical: &[("TK-06", 3), ("TK-02", 2)],
        grades: (Grade::IIIa, Grade::IIIb),
    },
    PositionSpec {
        code: POS_FNG_PERENC,
        name: "Perencana Ahli Pertama",
        family: PositionFamily::Fungsional,
        agency: None,
        core: AHLI_PERTAMA_CORE,
        technical: &[("TK-05", 3)],
        grades: (Grade::IIIa, Grade::IIIb),
    },
    PositionSpec {
        code: POS_FNG_ADMKES,
        name: "Administrator Kesehatan Ahli Muda",
        family: PositionFamily::Fungsional,
        agency: Some(DINKES),
        core: AHLI_MUDA_CORE,
        technical: &[("TK-05", 3), ("TK-06", 2)],
        grades: (Grade::IIIc, Grade::IIId),
    },
];

fn position_index(code: &str) -> usize {
    POSITIONS.iter().position(|p| p.code == code).unwrap_or_else(|| panic!("no position {code}"))
}

/// The competency standard of a position: (competency index, required level).
fn standard(position: usize) -> Vec<(usize, i16)> {
    let spec = &POSITIONS[position];
    (0..9)
        .map(|i| (i, spec.core[i]))
        .chain(spec.technical.iter().map(|(code, level)| (competency_index(code), *level)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Training programs and batches
// ---------------------------------------------------------------------------------------

struct ProgramSpec {
    code: &'static str,
    title: &'static str,
    description: &'static str,
    method: TrainingMethod,
    delivery: DeliveryMode,
    organizer_kind: OrganizerKind,
    organizer_name: &'static str,
    jp: i32,
    requires_approval: bool,
    level3_delay_days: i32,
    min_grade: Option<Grade>,
    competencies: &'static [(&'static str, i16)],
    families: &'static [PositionFamily],
    agencies: &'static [&'static str],
    place: Option<&'static str>,
    /// Daily start and end hour (WIB); `None` for self-paced learning.
    hours: Option<(u32, u32)>,
}

const PKP: &str = "SWL-PKP";
const BTKEUDA: &str = "SWL-BIMTEK-KEUDA";
const PPP: &str = "SWL-PPP";
const ELD: &str = "SWL-EL-LITDIG";
const COACH: &str = "SWL-COACH-PK";
const PBJ: &str = "SWL-PBJ";
const SEMINAR: &str = "SWL-SEM-RPD";
const ADMINDUK: &str = "SWL-WS-ADMINDUK";
const SIASN: &str = "SWL-PJJ-SIASN";
const KOMBEL: &str = "SWL-KOMBEL";

const PROGRAMS: &[ProgramSpec] = &[
    ProgramSpec {
        code: PKP,
        title: "Pelatihan Kepemimpinan Pengawas",
        description: "Pelatihan kepemimpinan bagi pejabat pengawas: mengelola kinerja tim, \
                      membimbing staf dan mengambil keputusan operasional.",
        method: TrainingMethod::Pelatihan,
        delivery: DeliveryMode::Blended,
        organizer_kind: OrganizerKind::Bpsdm,
        organizer_name: "BPSDM Provinsi Sumatera Barat",
        jp: 40,
        requires_approval: true,
        level3_delay_days: 180,
        min_grade: Some(Grade::IIIc),
        competencies: &[("MJ-04", 3), ("MJ-06", 3), ("MJ-08", 3)],
        families: &[PositionFamily::Pengawas],
        agencies: &[],
        place: Some("Kampus BPSDM Provinsi Sumatera Barat, Padang"),
        hours: Some((8, 16)),
    },
    ProgramSpec {
        code: BTKEUDA,
        title: "Bimbingan Teknis Pengelolaan Keuangan Daerah",
        description: "Penyusunan RKA SKPD, penatausahaan belanja dan pelaporan keuangan daerah \
                      sesuai ketentuan terbaru.",
        method: TrainingMethod::BimbinganTeknis,
        delivery: DeliveryMode::FaceToFace,
        organizer_kind: OrganizerKind::InHouse,
        organizer_name: "Badan Keuangan Daerah Kota Sawahlunto",
        jp: 32,
        requires_approval: true,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("TK-01", 3), ("TK-04", 2)],
        families: &[],
        agencies: &[],
        place: Some("Ruang Rapat Badan Keuangan Daerah Kota Sawahlunto"),
        hours: Some((8, 16)),
    },
    ProgramSpec {
        code: PPP,
        title: "Pelatihan Pelayanan Publik Prima",
        description: "Standar pelayanan, etika melayani, penanganan pengaduan dan survei kepuasan \
                      masyarakat.",
        method: TrainingMethod::Pelatihan,
        delivery: DeliveryMode::FaceToFace,
        organizer_kind: OrganizerKind::InHouse,
        organizer_name: "BKPSDM Kota Sawahlunto",
        jp: 24,
        requires_approval: false,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("MJ-05", 3), ("SK-01", 3)],
        families: &[],
        agencies: &[],
        place: Some("Aula Balai Kota Sawahlunto"),
        hours: Some((8, 16)),
    },
    ProgramSpec {
        code: ELD,
        title: "E-learning Literasi Digital Pemerintahan",
        description: "Kelas daring mandiri: keamanan data, tanda tangan elektronik, aplikasi \
                      SPBE dan etika bermedia sosial bagi ASN.",
        method: TrainingMethod::ELearning,
        delivery: DeliveryMode::Online,
        organizer_kind: OrganizerKind::Lan,
        organizer_name: "Lembaga Administrasi Negara",
        jp: 16,
        requires_approval: false,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("TK-06", 3), ("MJ-07", 2)],
        families: &[],
        agencies: &[],
        place: None,
        hours: None,
    },
    ProgramSpec {
        code: COACH,
        title: "Coaching Pengambilan Keputusan",
        description: "Sesi coaching individual dan kelompok kecil bagi pejabat administrator dan \
                      pengawas tentang keputusan berbasis data dan risiko.",
        method: TrainingMethod::Coaching,
        delivery: DeliveryMode::FaceToFace,
        organizer_kind: OrganizerKind::Private,
        organizer_name: "Daya Insani Coaching Center",
        jp: 12,
        requires_approval: true,
        level3_delay_days: 60,
        min_grade: None,
        competencies: &[("MJ-08", 4), ("MJ-06", 3)],
        families: &[PositionFamily::Administrator, PositionFamily::Pengawas],
        agencies: &[],
        place: Some("Ruang Diklat BKPSDM Kota Sawahlunto"),
        hours: Some((9, 15)),
    },
    ProgramSpec {
        code: PBJ,
        title: "Pelatihan Pengadaan Barang/Jasa Pemerintah Tingkat Dasar",
        description: "Perencanaan pengadaan, pemilihan penyedia, kontrak dan e-katalog; persiapan \
                      ujian sertifikasi tingkat dasar.",
        method: TrainingMethod::Pelatihan,
        delivery: DeliveryMode::Blended,
        organizer_kind: OrganizerKind::University,
        organizer_name: "Pusat Kajian Pengadaan Universitas Andalas",
        jp: 30,
        requires_approval: true,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("TK-04", 3)],
        families: &[],
        agencies: &[],
        place: Some("Hotel Ombilin, Sawahlunto"),
        hours: Some((8, 16)),
    },
    ProgramSpec {
        code: SEMINAR,
        title: "Seminar Perencanaan Pembangunan Daerah Berbasis Data",
        description: "Pemanfaatan data statistik sektoral dalam penyusunan dan evaluasi dokumen \
                      perencanaan daerah.",
        method: TrainingMethod::Seminar,
        delivery: DeliveryMode::FaceToFace,
        organizer_kind: OrganizerKind::University,
        organizer_name: "Universitas Negeri Padang",
        jp: 8,
        requires_approval: false,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("TK-05", 3)],
        families: &[],
        agencies: &[],
        place: Some("Aula Balai Kota Sawahlunto"),
        hours: Some((8, 16)),
    },
    ProgramSpec {
        code: ADMINDUK,
        title: "Workshop Pelayanan Administrasi Kependudukan Terintegrasi",
        description: "Integrasi layanan adminduk dengan aplikasi SIAK dan layanan daring; \
                      praktik langsung di ruang pelayanan.",
        method: TrainingMethod::Workshop,
        delivery: DeliveryMode::FaceToFace,
        organizer_kind: OrganizerKind::InHouse,
        organizer_name: "Dinas Kependudukan dan Pencatatan Sipil Kota Sawahlunto",
        jp: 16,
        requires_approval: false,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("TK-02", 3), ("MJ-05", 3)],
        families: &[],
        agencies: &[DUKCAPIL, KOMINFO],
        place: Some("Ruang Pelayanan Disdukcapil Kota Sawahlunto"),
        hours: Some((8, 16)),
    },
    ProgramSpec {
        code: SIASN,
        title: "Pelatihan Jarak Jauh Manajemen Data Kepegawaian (SIASN)",
        description: "Pemutakhiran data ASN, riwayat jabatan dan pengembangan kompetensi di SIASN \
                      melalui kelas virtual.",
        method: TrainingMethod::PelatihanJarakJauh,
        delivery: DeliveryMode::Online,
        organizer_kind: OrganizerKind::Bpsdm,
        organizer_name: "BPSDM Provinsi Sumatera Barat",
        jp: 20,
        requires_approval: false,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("TK-03", 3), ("TK-06", 2)],
        families: &[],
        agencies: &[],
        place: None,
        hours: Some((9, 12)),
    },
    ProgramSpec {
        code: KOMBEL,
        title: "Komunitas Belajar Integritas dan Budaya Kerja BerAKHLAK",
        description: "Pertemuan komunitas belajar lintas perangkat daerah: berbagi praktik baik \
                      integritas dan kolaborasi.",
        method: TrainingMethod::KomunitasBelajar,
        delivery: DeliveryMode::Blended,
        organizer_kind: OrganizerKind::InHouse,
        organizer_name: "BKPSDM Kota Sawahlunto",
        jp: 10,
        requires_approval: false,
        level3_delay_days: 90,
        min_grade: None,
        competencies: &[("MJ-01", 3), ("MJ-02", 3), ("SK-01", 2)],
        families: &[],
        agencies: &[],
        place: Some("Ruang Diklat BKPSDM Kota Sawahlunto"),
        hours: Some((13, 16)),
    },
];

fn program_index(code: &str) -> usize {
    PROGRAMS.iter().position(|p| p.code == code).unwrap_or_else(|| panic!("no program {code}"))
}

/// Who ends up in a batch, counted by outcome.
#[derive(Clone, Copy)]
enum Fill {
    /// Draft and cancelled batches.
    Empty,
    /// Past batches: every participant has a result (or, for `attended`, is awaiting it).
    Finished {
        passed: usize,
        attended: usize,
        failed: usize,
        no_show: usize,
        withdrawn: usize,
        rejected: usize,
    },
    /// Running now.
    Running { enrolled: usize, withdrawn: usize, rejected: usize },
    /// Enrolment open or just closed: seats go in arrival order, then the waitlist; the last
    /// arrivals still wait for a decision (`approved`: by the supervisor, not yet seated).
    Filling { seats: usize, rejected: usize, withdrawn: usize, approved: usize, requested: usize },
}

struct BatchSpec {
    program: &'static str,
    number: i32,
    /// First day, in days from today.
    start: i64,
    days: i64,
    status: BatchStatus,
    quota: i32,
    fill: Fill,
}

const fn finished(passed: usize, failed: usize, no_show: usize, withdrawn: usize, rejected: usize) -> Fill {
    Fill::Finished { passed, attended: 0, failed, no_show, withdrawn, rejected }
}

const BATCHES: &[BatchSpec] = &[
    BatchSpec {
        program: PKP,
        number: 1,
        start: -300,
        days: 5,
        status: BatchStatus::Completed,
        quota: 25,
        fill: finished(15, 1, 1, 1, 1),
    },
    BatchSpec {
        program: PKP,
        number: 2,
        start: -3,
        days: 8,
        status: BatchStatus::Running,
        quota: 25,
        fill: Fill::Running { enrolled: 14, withdrawn: 1, rejected: 1 },
    },
    BatchSpec {
        program: PKP,
        number: 3,
        start: 120,
        days: 5,
        status: BatchStatus::Draft,
        quota: 25,
        fill: Fill::Empty,
    },
    BatchSpec {
        program: BTKEUDA,
        number: 1,
        start: -200,
        days: 4,
        status: BatchStatus::Completed,
        quota: 25,
        fill: finished(20, 1, 1, 1, 1),
    },
    BatchSpec {
        program: BTKEUDA,
        number: 2,
        start: 21,
        days: 4,
        status: BatchStatus::Open,
        quota: 20,
        fill: Fill::Filling { seats: 23, rejected: 2, withdrawn: 1, approved: 0, requested: 0 },
    },
    BatchSpec {
        program: PPP,
        number: 1,
        start: -150,
        days: 3,
        status: BatchStatus::Completed,
        quota: 35,
        fill: finished(28, 0, 2, 1, 0),
    },
    BatchSpec {
        program: PPP,
        number: 2,
        start: -60,
        days: 3,
        status: BatchStatus::Completed,
        quota: 35,
        fill: finished(27, 1, 1, 2, 0),
    },
    BatchSpec {
        program: PPP,
        number: 3,
        start: 30,
        days: 3,
        status: BatchStatus::Open,
        quota: 35,
        fill: Fill::Filling { seats: 17, rejected: 0, withdrawn: 1, approved: 0, requested: 0 },
    },
    BatchSpec {
        program: ELD,
        number: 1,
        start: -100,
        days: 5,
        status: BatchStatus::Completed,
        quota: 40,
        fill: finished(34, 2, 2, 0, 0),
    },
    BatchSpec {
        program: ELD,
        number: 2,
        start: -6,
        days: 14,
        status: BatchStatus::Running,
        quota: 40,
        fill: Fill::Running { enrolled: 30, withdrawn: 1, rejected: 0 },
    },
    BatchSpec {
        program: COACH,
        number: 1,
        start: -90,
        days: 2,
        status: BatchStatus::Completed,
        quota: 20,
        fill: finished(15, 0, 1, 0, 1),
    },
    BatchSpec {
        program: COACH,
        number: 2,
        start: 5,
        days: 2,
        status: BatchStatus::Closed,
        quota: 20,
        fill: Fill::Filling { seats: 13, rejected: 1, withdrawn: 1, approved: 0, requested: 0 },
    },
    BatchSpec {
        program: PBJ,
        number: 1,
        start: -240,
        days: 5,
        status: BatchStatus::Completed,
        quota: 30,
        fill: finished(24, 2, 1, 1, 1),
    },
    BatchSpec {
        program: PBJ,
        number: 2,
        start: 35,
        days: 5,
        status: BatchStatus::Open,
        quota: 30,
        fill: Fill::Filling { seats: 10, rejected: 2, withdrawn: 1, approved: 4, requested: 5 },
    },
    BatchSpec {
        program: SEMINAR,
        number: 1,
        start: -4,
        days: 1,
        status: BatchStatus::Completed,
        quota: 40,
        fill: Fill::Finished { passed: 12, attended: 18, failed: 0, no_show: 2, withdrawn: 1, rejected: 0 },
    },
    BatchSpec {
        program: ADMINDUK,
        number: 1,
        start: -180,
        days: 2,
        status: BatchStatus::Completed,
        quota: 25,
        fill: finished(20, 0, 1, 1, 0),
    },
    BatchSpec {
        program: ADMINDUK,
        number: 2,
        start: 40,
        days: 2,
        status: BatchStatus::Open,
        quota: 25,
        fill: Fill::Filling { seats: 10, rejected: 0, withdrawn: 0, approved: 0, requested: 0 },
    },
    BatchSpec {
        program: SIASN,
        number: 1,
        start: -75,
        days: 5,
        status: BatchStatus::Completed,
        quota: 30,
        fill: finished(24, 1, 1, 1, 0),
    },
    BatchSpec {
        program: KOMBEL,
        number: 1,
        start: -30,
        days: 2,
        status: BatchStatus::Completed,
        quota: 30,
        fill: finished(24, 0, 1, 1, 0),
    },
    BatchSpec {
        program: KOMBEL,
        number: 2,
        start: 15,
        days: 2,
        status: BatchStatus::Cancelled,
        quota: 30,
        fill: Fill::Empty,
    },
];

/// What happens to one arrival.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// A seat if one is left, else the waitlist.
    Seat,
    Final(EnrolmentState),
}

#[derive(Clone, Copy)]
enum Place {
    Random,
    Last,
    BeforeLast,
}

/// The demo accounts' own enrolments (everyone else is drawn at random).
const ACCOUNT_ENROLMENTS: &[(Account, &str, i32, Outcome, Place)] = &[
    (Account::Pegawai, PPP, 1, Outcome::Final(EnrolmentState::Passed), Place::Random),
    (Account::Pegawai, ELD, 2, Outcome::Final(EnrolmentState::Enrolled), Place::Random),
    (Account::Pegawai, BTKEUDA, 2, Outcome::Seat, Place::BeforeLast),
    (Account::Pegawai, PBJ, 2, Outcome::Final(EnrolmentState::Requested), Place::Last),
    (Account::Atasan, PKP, 2, Outcome::Final(EnrolmentState::Enrolled), Place::Random),
    (Account::Mentor, BTKEUDA, 1, Outcome::Final(EnrolmentState::Passed), Place::Random),
];

const REJECTION_REASONS: &[&str] = &[
    "Beban kerja di unit sedang tinggi; diusulkan mengikuti angkatan berikutnya.",
    "Belum sesuai dengan rencana pengembangan kompetensi pegawai tahun ini.",
    "Sudah mengikuti pelatihan sejenis dalam dua tahun terakhir.",
];
const WITHDRAWAL_REASONS: &[&str] = &[
    "Bertepatan dengan tugas kedinasan ke luar daerah.",
    "Sakit; mengundurkan diri dengan surat keterangan dokter.",
    "Digantikan oleh rekan satu unit atas arahan pimpinan.",
];
const FAILED_REASON: &str = "Nilai evaluasi akhir di bawah batas kelulusan.";
const NO_SHOW_REASON: &str = "Tidak hadir tanpa keterangan.";

// ---------------------------------------------------------------------------------------
// Demo accounts
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Account {
    Admin,
    Operator,
    Pegawai,
    Atasan,
    Mentor,
}

impl Account {
    const ALL: [Account; 5] =
        [Account::Admin, Account::Operator, Account::Pegawai, Account::Atasan, Account::Mentor];

    fn email(self) -> &'static str {
        match self {
            Account::Admin => "admin@bangkom.test",
            Account::Operator => "operator@bangkom.test",
            Account::Pegawai => "pegawai@bangkom.test",
            Account::Atasan => "atasan@bangkom.test",
            Account::Mentor => "mentor@bangkom.test",
        }
    }

    fn role(self) -> Role {
        match self {
            Account::Admin => Role::Admin,
            Account::Operator => Role::Operator,
            _ => Role::Employee,
        }
    }

    /// The agency an operator administers.
    fn agency_code(self) -> Option<&'static str> {
        match self {
            Account::Operator => Some(DISDIK),
            _ => None,
        }
    }

    fn about(self) -> &'static str {
        match self {
            Account::Admin => "BKPSDM staff: the whole region",
            Account::Operator => "agency operator of Dinas Pendidikan",
            Account::Pegawai => {
                "staff member with gaps, enrolments in several states, mentee of an active pair"
            }
            Account::Atasan => "direct supervisor of pegawai@ (approves enrolments)",
            Account::Mentor => "mentor of pegawai@ and of another pair",
        }
    }

    fn from_email(email: &str) -> Option<Account> {
        Account::ALL.into_iter().find(|a| a.email() == email)
    }
}

/// Staff members placed by hand: (agency, section index, position, account). Section 0 is the
/// secretariat's, then two per unit in the agency's order.
const ACCOUNT_STAFF: &[(&str, usize, &str, Account)] = &[
    (BKPSDM, 0, POS_FNG_SDM, Account::Admin),
    (DISDIK, 0, POS_PLK_UMUM, Account::Operator),
    (BKD, 1, POS_PLK_KEU, Account::Pegawai),
    (BKD, 5, POS_FNG_KEU, Account::Mentor),
];

// ---------------------------------------------------------------------------------------
// The plan: everything to write, generated in memory
// ---------------------------------------------------------------------------------------

struct EmployeePlan {
    nip: String,
    name: String,
    email: Option<String>,
    employment: EmploymentType,
    /// Code of the agency or unit the employee works in.
    agency: &'static str,
    /// Code of their agency (OPD).
    top: &'static str,
    position: usize,
    grade: Option<Grade>,
    supervisor: Option<usize>,
    active: bool,
    /// Inserted layer by layer so that supervisors exist first: 0 head … 3 staff.
    layer: u8,
    account: Option<Account>,
}

enum Assessor {
    Named(&'static str),
    Employee(usize),
}

struct AssessmentPlan {
    employee: usize,
    competency: usize,
    level: i16,
    source: AssessmentSource,
    on: NaiveDate,
    assessor: Assessor,
    notes: Option<&'static str>,
}

/// Who did something; resolved to a user id (or none) when writing.
#[derive(Clone, Copy, Debug)]
enum Actor {
    Admin,
    Operator,
    /// The account of this employee, if they have one.
    AccountOf(usize),
}

struct BatchPlan {
    program: usize,
    number: i32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    status: BatchStatus,
    quota: i32,
    seats_taken: i32,
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    withdrawal_deadline: DateTime<Utc>,
    next_certificate_seq: i32,
    created_at: DateTime<Utc>,
}

struct EventPlan {
    from: Option<EnrolmentState>,
    to: EnrolmentState,
    at: DateTime<Utc>,
    by: Actor,
    reason: Option<&'static str>,
}

struct EnrolmentPlan {
    batch: usize,
    employee: usize,
    state: EnrolmentState,
    waitlist_position: Option<i32>,
    requested_by: Actor,
    decided: Option<(DateTime<Utc>, Actor)>,
    decision_reason: Option<&'static str>,
    completed_at: Option<DateTime<Utc>>,
    jp_credited: Option<i32>,
    credited_year: Option<i32>,
    certificate_number: Option<String>,
    events: Vec<EventPlan>,
    attendance: Vec<(NaiveDate, bool)>,
}

impl EnrolmentPlan {
    fn requested_at(&self) -> DateTime<Utc> {
        self.events[0].at
    }

    fn updated_at(&self) -> DateTime<Utc> {
        self.events.last().map_or_else(|| self.requested_at(), |e| e.at)
    }
}

struct GoalPlan {
    competency: usize,
    goal: &'static str,
    target: i16,
    final_rating: Option<i16>,
}

struct SessionPlan {
    held_on: NaiveDate,
    minutes: i32,
    mode: SessionMode,
    topic: &'static str,
    notes: &'static str,
    actions: &'static str,
    confirmation: SessionConfirmation,
    dispute_reason: Option<&'static str>,
}

struct PairPlan {
    mentor: usize,
    mentee: usize,
    starts_on: NaiveDate,
    planned_end_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    status: MentoringPairStatus,
    summary: Option<&'static str>,
    goals: Vec<GoalPlan>,
    sessions: Vec<SessionPlan>,
}

struct Plan {
    employees: Vec<EmployeePlan>,
    assessments: Vec<AssessmentPlan>,
    /// Per assessed (employee, competency), the assessment that is the current level.
    levels: Vec<usize>,
    batches: Vec<BatchPlan>,
    /// In arrival order (the order of `requested_at`).
    enrolments: Vec<EnrolmentPlan>,
    pairs: Vec<PairPlan>,
}

impl Plan {
    fn account(&self, account: Account) -> Option<usize> {
        self.employees.iter().position(|e| e.account == Some(account))
    }
}

/// A time of day in the region's zone (WIB, UTC+7) as an instant.
fn wib(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("a valid time of day"));
    DateTime::from_naive_utc_and_offset(local - Duration::hours(7), Utc)
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn weighted(rng: &mut impl Rng, choices: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = choices.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (value, weight) in choices {
        if pick < *weight {
            return value;
        }
        pick -= weight;
    }
    choices[choices.len() - 1].0
}

fn pick_grade(rng: &mut impl Rng, (low, high): (Grade, Grade)) -> Grade {
    let at = |g: Grade| Grade::ALL.iter().position(|x| *x == g).expect("every grade is in ALL");
    Grade::ALL[rng.random_range(at(low)..=at(high))]
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('.'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn roman(n: i32) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI"].get((n - 1) as usize).copied().unwrap_or("?")
}

/// One slot of the organisation chart to fill with a person.
struct Slot {
    agency: &'static str,
    top: &'static str,
    position: &'static str,
    supervisor: Option<usize>,
    layer: u8,
    account: Option<Account>,
}

fn push_employee(
    employees: &mut Vec<EmployeePlan>,
    rng: &mut impl Rng,
    today: NaiveDate,
    slot: Slot,
) -> usize {
    let position = position_index(slot.position);
    let spec = &POSITIONS[position];
    let sequence = employees.len() as u32 + 1;
    let sex = if rng.random_bool(0.5) { Sex::Male } else { Sex::Female };
    let latest_birth_year = match spec.family {
        PositionFamily::Jpt => 1976,
        PositionFamily::Administrator => 1982,
        PositionFamily::Pengawas => 1988,
        _ => 2000,
    };
    let (birth, appointed) = loop {
        let (birth, appointed) = common::birth_and_appointment(rng, today.year() - 1);
        if birth.year() <= latest_birth_year {
            break (birth, appointed);
        }
    };
    let name = common::person_name(rng, sex);
    let staff = slot.layer == 3;
    let pppk = staff && slot.account.is_none() && rng.random_bool(0.19);
    // A PPPK has an NI PPPK (digits 13-14 the PPPK code), a PNS a NIP.
    let nip = if pppk {
        common::ni_pppk(birth, appointed.0, sex, sequence)
    } else {
        common::nip(birth, appointed, sex, sequence)
    };
    let without_email = staff && slot.account.is_none() && rng.random_bool(0.04);
    let active = !(staff && slot.account.is_none() && rng.random_bool(0.025));
    let email = match slot.account {
        Some(account) => Some(account.email().to_owned()),
        None if without_email => None,
        None => Some(format!("{}.{sequence:03}@{EMAIL_DOMAIN}", slug(&name))),
    };
    employees.push(EmployeePlan {
        nip,
        name,
        email,
        employment: if pppk { EmploymentType::Pppk } else { EmploymentType::Pns },
        agency: slot.agency,
        top: slot.top,
        position,
        grade: if pppk { None } else { Some(pick_grade(rng, spec.grades)) },
        supervisor: slot.supervisor,
        active,
        layer: slot.layer,
        account: slot.account,
    });
    employees.len() - 1
}

struct Section {
    head: usize,
    staff: Vec<usize>,
}

struct AgencyPeople {
    secretary: usize,
    unit_heads: Vec<usize>,
    sections: Vec<Section>,
}

fn build_employees(rng: &mut impl Rng, today: NaiveDate) -> (Vec<EmployeePlan>, Vec<AgencyPeople>) {
    let mut employees = Vec::new();
    let mut people = Vec::new();
    for agency in AGENCIES {
        let top = agency.code;
        let slot = |agency: &'static str, position, supervisor, layer| Slot {
            agency,
            top,
            position,
            supervisor,
            layer,
            account: None,
        };
        let head = push_employee(&mut employees, rng, today, slot(top, agency.head, None, 0));
        let secretary = push_employee(&mut employees, rng, today, slot(top, POS_SEKR, Some(head), 1));
        let kasubbag = push_employee(&mut employees, rng, today, slot(top, POS_KASUBBAG, Some(secretary), 2));
        let mut sections = vec![(top, Section { head: kasubbag, staff: Vec::new() })];
        let mut unit_heads = Vec::new();
        for (unit, _) in agency.units {
            let kabid = push_employee(&mut employees, rng, today, slot(unit, POS_KABID, Some(head), 1));
            unit_heads.push(kabid);
            for _ in 0..2 {
                let kasi = push_employee(&mut employees, rng, today, slot(unit, POS_KASI, Some(kabid), 2));
                sections.push((unit, Section { head: kasi, staff: Vec::new() }));
            }
        }
        let staff_count = agency.employees - 3 - 3 * agency.units.len();
        for s in 0..staff_count {
            let index = s % sections.len();
            let placed = ACCOUNT_STAFF
                .iter()
                .find(|(code, section, _, _)| s < sections.len() && *code == top && *section == index);
            let position = match placed {
                Some((_, _, position, _)) => position,
                None => weighted(rng, agency.staff),
            };
            let (unit, section) = &sections[index];
            let new = Slot {
                agency: unit,
                top,
                position,
                supervisor: Some(section.head),
                layer: 3,
                account: placed.map(|p| p.3),
            };
            let employee = push_employee(&mut employees, rng, today, new);
            sections[index].1.staff.push(employee);
        }
        people.push(AgencyPeople {
            secretary,
            unit_heads,
            sections: sections.into_iter().map(|(_, s)| s).collect(),
        });
    }
    // The pegawai's direct supervisor is the atasan account.
    if let Some(pegawai) = employees.iter().position(|e| e.account == Some(Account::Pegawai))
        && let Some(boss) = employees[pegawai].supervisor
    {
        employees[boss].account = Some(Account::Atasan);
        employees[boss].email = Some(Account::Atasan.email().to_owned());
    }
    (employees, people)
}

/// The current level an employee is given for a required level: about 45% below it.
fn drawn_level(rng: &mut impl Rng, required: i16) -> i16 {
    let delta = match rng.random_range(0..100) {
        0..10 => -2,
        10..48 => -1,
        48..85 => 0,
        _ => 1,
    };
    (required + delta).clamp(1, 5)
}

fn build_mentoring(
    employees: &[EmployeePlan],
    people: &[AgencyPeople],
    today: NaiveDate,
) -> anyhow::Result<Vec<PairPlan>> {
    let bkd_index = AGENCIES.iter().position(|a| a.code == BKD).context("BKD is a demo agency")?;
    let bkd = &people[bkd_index];
    let find = |account| employees.iter().position(|e| e.account == Some(account));
    let mentor = find(Account::Mentor).context("the mentor account's employee")?;
    let pegawai = find(Account::Pegawai).context("the pegawai account's employee")?;
    let free_staff = |sections: &[usize], needs: usize| {
        sections.iter().flat_map(|s| bkd.sections[*s].staff.iter().copied()).find(|e| {
            let e_plan = &employees[*e];
            e_plan.active
                && e_plan.account.is_none()
                && standard(e_plan.position).iter().any(|(c, _)| *c == needs)
        })
    };
    let tk01 = competency_index("TK-01");
    let second_mentee = free_staff(&[2, 3, 4, 6], tk01).context("a BKD staff member with TK-01")?;
    let completed_mentee =
        free_staff(&[0], competency_index("MJ-03")).context("a BKD secretariat staff member")?;
    let goal = |code: &str, goal: &'static str| GoalPlan {
        competency: competency_index(code),
        goal,
        target: 0,
        final_rating: None,
    };
    let session = |held: i64, minutes, mode, topic, notes, actions, confirmation| SessionPlan {
        held_on: today - days(held),
        minutes,
        mode,
        topic,
        notes,
        actions,
        confirmation,
        dispute_reason: None,
    };
    use SessionConfirmation::{Confirmed, Disputed, Pending};
    use SessionMode::{FaceToFace, Online};
    let mut disputed = session(
        45,
        60,
        Online,
        "Simulasi presentasi laporan realisasi anggaran",
        "Mentee mempresentasikan laporan realisasi triwulan; masukan tentang struktur dan grafik.",
        "Memperbaiki bahan presentasi dan mengirimkannya sebelum sesi berikutnya.",
        Disputed,
    );
    disputed.dispute_reason = Some(
        "Sesi ini tidak terlaksana pada tanggal tersebut karena saya sedang dinas luar; mohon dikoreksi.",
    );
    Ok(vec![
        PairPlan {
            mentor,
            mentee: pegawai,
            starts_on: today - days(60),
            planned_end_on: today + days(120),
            ended_on: None,
            status: MentoringPairStatus::Active,
            summary: None,
            goals: vec![
                goal(
                    "TK-01",
                    "Mampu menyusun Rencana Kerja dan Anggaran (RKA) SKPD secara mandiri sesuai standar.",
                ),
                goal("MJ-04", "Menetapkan target kerja bulanan yang terukur dan memantau capaiannya."),
            ],
            sessions: vec![
                session(
                    50,
                    90,
                    FaceToFace,
                    "Pengenalan struktur APBD dan dokumen RKA SKPD",
                    "Membahas struktur APBD, kode rekening dan alur penyusunan RKA.",
                    "Mempelajari RKA tahun lalu dan mencatat pertanyaan.",
                    Confirmed,
                ),
                session(
                    30,
                    120,
                    FaceToFace,
                    "Latihan menyusun RKA belanja barang dan jasa",
                    "Mentee menyusun draf RKA satu kegiatan; mentor memeriksa standar harga satuan.",
                    "Menyelesaikan draf RKA kegiatan kedua secara mandiri.",
                    Confirmed,
                ),
                session(
                    9,
                    60,
                    Online,
                    "Review target kerja bulanan dan kendala penyusunan anggaran",
                    "Target bulan ini tercapai sebagian; kendala pada data usulan dari bidang lain.",
                    "Menyusun jadwal pengumpulan data usulan bersama bidang terkait.",
                    Pending,
                ),
            ],
        },
        PairPlan {
            mentor,
            mentee: second_mentee,
            starts_on: today - days(100),
            planned_end_on: today + days(80),
            ended_on: None,
            status: MentoringPairStatus::Active,
            summary: None,
            goals: vec![
                goal("TK-01", "Menguasai penatausahaan dan pertanggungjawaban belanja (SPP, SPM, SP2D)."),
                goal(
                    "MJ-03",
                    "Menyampaikan laporan keuangan secara lisan dan tertulis dengan jelas kepada pimpinan.",
                ),
            ],
            sessions: vec![
                session(
                    92,
                    90,
                    FaceToFace,
                    "Alur penatausahaan belanja: SPP, SPM dan SP2D",
                    "Menelusuri satu berkas pencairan dari pengajuan sampai terbit SP2D.",
                    "Membuat daftar periksa kelengkapan dokumen SPP.",
                    Confirmed,
                ),
                session(
                    70,
                    75,
                    FaceToFace,
                    "Pemeriksaan kelengkapan dokumen pertanggungjawaban",
                    "Latihan memeriksa lima berkas pertanggungjawaban; dua temuan dibahas.",
                    "Menerapkan daftar periksa pada berkas bulan berjalan.",
                    Confirmed,
                ),
                disputed,
                session(
                    15,
                    60,
                    FaceToFace,
                    "Evaluasi kemajuan dan rencana tindak lanjut",
                    "Kemajuan baik pada penatausahaan; komunikasi laporan masih perlu latihan.",
                    "Menyampaikan ringkasan laporan bulanan langsung kepada Kepala Bidang.",
                    Pending,
                ),
            ],
        },
        PairPlan {
            mentor: bkd.unit_heads[1],
            mentee: bkd.sections[6].head,
            starts_on: today - days(40),
            planned_end_on: today + days(140),
            ended_on: None,
            status: MentoringPairStatus::Active,
            summary: None,
            goals: vec![
                goal("MJ-08", "Mengambil keputusan secara tepat waktu berdasarkan analisis data dan risiko."),
                goal("MJ-06", "Membimbing staf melalui umpan balik rutin dan rencana pengembangan individu."),
            ],
            sessions: vec![
                session(
                    33,
                    60,
                    FaceToFace,
                    "Kerangka pengambilan keputusan berbasis data dan risiko",
                    "Membahas matriks risiko dan contoh keputusan penjadwalan pencairan dana.",
                    "Menerapkan matriks risiko pada satu keputusan di subbidang.",
                    Confirmed,
                ),
                session(
                    12,
                    45,
                    Online,
                    "Studi kasus: penjadwalan pencairan dana di akhir tahun",
                    "Mentee memaparkan pilihan keputusan dan pertimbangannya.",
                    "Menyusun rencana umpan balik bulanan untuk staf subbidang.",
                    Pending,
                ),
            ],
        },
        PairPlan {
            mentor: bkd.secretary,
            mentee: completed_mentee,
            starts_on: today - days(280),
            planned_end_on: today - days(100),
            ended_on: Some(today - days(100)),
            status: MentoringPairStatus::Completed,
            summary: Some(
                "Pendampingan enam bulan selesai: mentee kini menyusun nota dinas dan laporan kegiatan \
                 secara mandiri, dan waktu layanan administrasi pegawai lebih singkat.",
            ),
            goals: vec![
                goal("MJ-03", "Menyusun nota dinas dan laporan kegiatan yang runtut dan mudah dipahami."),
                goal(
                    "MJ-05",
                    "Memberikan layanan administrasi kepada pegawai dengan cepat, ramah dan akuntabel.",
                ),
            ],
            sessions: vec![
                session(
                    270,
                    60,
                    FaceToFace,
                    "Pemetaan kebutuhan layanan administrasi pegawai",
                    "Mengidentifikasi layanan yang paling sering diminta dan waktu penyelesaiannya.",
                    "Mencatat waktu layanan selama dua minggu.",
                    Confirmed,
                ),
                session(
                    230,
                    90,
                    FaceToFace,
                    "Teknik menulis nota dinas yang efektif",
                    "Membandingkan contoh nota dinas yang baik dan yang kurang jelas.",
                    "Menulis tiga nota dinas dan meminta umpan balik.",
                    Confirmed,
                ),
                session(
                    190,
                    90,
                    Online,
                    "Latihan menyusun laporan kegiatan",
                    "Mentee menyusun laporan kegiatan rapat koordinasi; struktur sudah baik.",
                    "Menyusun laporan kegiatan berikutnya tanpa templat.",
                    Confirmed,
                ),
                session(
                    150,
                    60,
                    FaceToFace,
                    "Standar waktu layanan dan survei kepuasan internal",
                    "Menyepakati standar waktu layanan dan formulir survei sederhana.",
                    "Menjalankan survei kepuasan selama satu bulan.",
                    Confirmed,
                ),
                session(
                    110,
                    60,
                    FaceToFace,
                    "Refleksi akhir dan rencana pengembangan mandiri",
                    "Hasil survei baik; waktu layanan rata-rata turun dari tiga hari menjadi satu hari.",
                    "Melanjutkan pengembangan diri melalui komunitas belajar.",
                    Confirmed,
                ),
            ],
        },
    ])
}

fn build_assessments(
    rng: &mut impl Rng,
    today: NaiveDate,
    employees: &[EmployeePlan],
    pairs: &mut [PairPlan],
) -> (Vec<AssessmentPlan>, Vec<usize>) {
    // The intended current level of every assessed (employee, competency).
    let mut levels: BTreeMap<(usize, usize), i16> = BTreeMap::new();
    for (e, employee) in employees.iter().enumerate() {
        let pegawai = employee.account == Some(Account::Pegawai);
        for (competency, required) in standard(employee.position) {
            if pegawai || rng.random_bool(0.85) {
                let mut level = drawn_level(rng, required);
                if pegawai && ["TK-01", "MJ-02", "MJ-04"].contains(&COMPETENCY_CODES[competency]) {
                    level = (required - 1).max(1);
                }
                levels.insert((e, competency), level);
            }
        }
    }
    // Mentoring goals: the mentee below the target, the mentor at or above it.
    let mut not_after: HashMap<(usize, usize), NaiveDate> = HashMap::new();
    for pair in pairs.iter_mut() {
        let mentee_standard = standard(employees[pair.mentee].position);
        for goal in &mut pair.goals {
            let required =
                mentee_standard.iter().find(|(c, _)| *c == goal.competency).map_or(3, |(_, level)| *level);
            let current =
                levels.get(&(pair.mentee, goal.competency)).copied().unwrap_or(required - 1).clamp(1, 4);
            goal.target = required.max(current + 1).min(5);
            let before = current.min(goal.target - 1);
            levels.insert((pair.mentee, goal.competency), before);
            // The mentor stands above the target where the scale allows.
            let mentor_level = levels.get(&(pair.mentor, goal.competency)).copied().unwrap_or(goal.target);
            levels.insert((pair.mentor, goal.competency), mentor_level.max((goal.target + 1).min(5)));
            if pair.ended_on.is_some() {
                goal.final_rating = Some(if goal.target - before >= 2 { before + 1 } else { goal.target });
                // The mentee's earlier assessments predate the pair.
                not_after.insert((pair.mentee, goal.competency), pair.starts_on - days(10));
            }
        }
    }

    let mut assessments = Vec::new();
    for (&(e, competency), &level) in &levels {
        let employee = &employees[e];
        let technical = competency >= 9;
        let supervisor = employee.supervisor;
        let (old, new) = match rng.random_range(0..100) {
            0..35 => (false, true),
            35..55 => (true, false),
            _ => (true, true),
        };
        if old {
            let old_level = if new && level > 1 && rng.random_bool(0.6) { level - 1 } else { level };
            let (source, assessor) = match (technical && rng.random_bool(0.3), supervisor) {
                (true, _) => {
                    (AssessmentSource::Certification, Assessor::Named("LSP Pemerintahan Dalam Negeri"))
                }
                (false, Some(boss)) if rng.random_bool(0.3) => {
                    (AssessmentSource::Supervisor, Assessor::Employee(boss))
                }
                _ => (
                    AssessmentSource::AssessmentCentre,
                    Assessor::Named("Pusat Penilaian Kompetensi ASN BKN"),
                ),
            };
            assessments.push(AssessmentPlan {
                employee: e,
                competency,
                level: old_level,
                source,
                on: today - days(rng.random_range(730..=1095)),
                assessor,
                notes: (source == AssessmentSource::AssessmentCentre)
                    .then_some("Asesmen kompetensi pemetaan jabatan."),
            });
        }
        if new {
            let mut on = today - days(rng.random_range(20..=364));
            if let Some(limit) = not_after.get(&(e, competency)) {
                on = on.min(*limit);
            }
            let roll = rng.random_range(0..100);
            let (source, assessor) = match (roll, supervisor) {
                (0..30, _) if technical => (
                    AssessmentSource::Certification,
                    Assessor::Named("Lembaga Sertifikasi Profesi Keuangan dan Pemerintahan"),
                ),
                (30..75, Some(boss)) => (AssessmentSource::Supervisor, Assessor::Employee(boss)),
                _ => (
                    AssessmentSource::AssessmentCentre,
                    Assessor::Named("UPT Penilaian Kompetensi BKPSDM Kota Sawahlunto"),
                ),
            };
            assessments.push(AssessmentPlan {
                employee: e,
                competency,
                level,
                source,
                on,
                assessor,
                notes: None,
            });
        }
    }
    // Self-assessments: newer and generous, and never the current level.
    for (e, employee) in employees.iter().enumerate() {
        if employee.account == Some(Account::Pegawai) || rng.random_bool(0.12) {
            let mut required = standard(employee.position);
            required.shuffle(rng);
            for (competency, level) in required.into_iter().take(3) {
                let base = levels.get(&(e, competency)).copied().unwrap_or(level);
                assessments.push(AssessmentPlan {
                    employee: e,
                    competency,
                    level: (base + 1).min(5),
                    source: AssessmentSource::SelfAssessment,
                    on: today - days(rng.random_range(7..=60)),
                    assessor: Assessor::Employee(e),
                    notes: Some("Penilaian diri."),
                });
            }
        }
    }
    // The completed pair's final ratings, recorded as mentoring assessments.
    for pair in pairs.iter() {
        if let Some(ended) = pair.ended_on {
            for goal in &pair.goals {
                if let Some(rating) = goal.final_rating {
                    assessments.push(AssessmentPlan {
                        employee: pair.mentee,
                        competency: goal.competency,
                        level: rating,
                        source: AssessmentSource::Mentoring,
                        on: ended,
                        assessor: Assessor::Employee(pair.mentor),
                        notes: Some("Penilaian akhir mentor pada penutupan pendampingan."),
                    });
                }
            }
        }
    }

    // The current level: the newest assessment that counts (self-assessments do not).
    let mut newest: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (i, a) in assessments.iter().enumerate() {
        if a.source == AssessmentSource::SelfAssessment {
            continue;
        }
        let key = (a.employee, a.competency);
        match newest.get(&key) {
            Some(&j) if assessments[j].on > a.on => {}
            _ => {
                newest.insert(key, i);
            }
        }
    }
    (assessments, newest.into_values().collect())
}

fn eligible(program: &ProgramSpec, employee: &EmployeePlan) -> bool {
    let family = POSITIONS[employee.position].family;
    employee.active
        && employee.account.is_none()
        && (program.families.is_empty() || program.families.contains(&family))
        && (program.agencies.is_empty() || program.agencies.contains(&employee.top))
        && program.min_grade.is_none_or(|min| employee.grade.is_some_and(|g| g >= min))
}

/// Everything about one arrival that follows from its outcome.
struct Arrival {
    employee: usize,
    state: EnrolmentState,
    waitlist_position: Option<i32>,
    at: DateTime<Utc>,
}

fn build_enrolments(
    rng: &mut impl Rng,
    today: NaiveDate,
    employees: &[EmployeePlan],
    current: &HashMap<(usize, usize), i16>,
) -> anyhow::Result<(Vec<BatchPlan>, Vec<EnrolmentPlan>)> {
    let account = |a: Account| employees.iter().position(|e| e.account == Some(a));
    let has_gap = |program: &ProgramSpec, e: usize| {
        standard(employees[e].position).iter().any(|(c, required)| {
            program.competencies.iter().any(|(code, _)| competency_index(code) == *c)
                && current.get(&(e, *c)).is_some_and(|level| level < required)
        })
    };
    let staff_of = |e: usize| {
        if employees[e].top == DISDIK { Actor::Operator } else { Actor::Admin }
    };
    let requester = |e: usize| {
        if employees[e].account.is_some() { Actor::AccountOf(e) } else { staff_of(e) }
    };

    let mut used: HashMap<usize, HashSet<usize>> = HashMap::new();
    let mut batches = Vec::new();
    let mut enrolments = Vec::new();
    for spec in BATCHES {
        let p = program_index(spec.program);
        let program = &PROGRAMS[p];
        let starts_on = today + days(spec.start);
        let ends_on = starts_on + days(spec.days - 1);
        let (opens_on, closes_on) = match (spec.status, spec.fill) {
            (BatchStatus::Open, _) => (today - days(14), starts_on - days(7)),
            (BatchStatus::Closed, _) => (today - days(30), today - days(1)),
            _ => (starts_on - days(35), starts_on - days(7)),
        };

        // Who arrives, in arrival order, with the outcome each one is heading for.
        use EnrolmentState as S;
        let repeat = |n: usize, o: Outcome| std::iter::repeat_n(o, n);
        let mut outcomes: Vec<Outcome> = match spec.fill {
            Fill::Empty => Vec::new(),
            Fill::Finished { passed, attended, failed, no_show, withdrawn, rejected } => {
                let mut v: Vec<Outcome> = repeat(passed, Outcome::Final(S::Passed))
                    .chain(repeat(attended, Outcome::Final(S::Attended)))
                    .chain(repeat(failed, Outcome::Final(S::Failed)))
                    .chain(repeat(no_show, Outcome::Final(S::NoShow)))
                    .chain(repeat(withdrawn, Outcome::Final(S::Withdrawn)))
                    .chain(repeat(rejected, Outcome::Final(S::Rejected)))
                    .collect();
                v.shuffle(rng);
                v
            }
            Fill::Running { enrolled, withdrawn, rejected } => {
                let mut v: Vec<Outcome> = repeat(enrolled, Outcome::Final(S::Enrolled))
                    .chain(repeat(withdrawn, Outcome::Final(S::Withdrawn)))
                    .chain(repeat(rejected, Outcome::Final(S::Rejected)))
                    .collect();
                v.shuffle(rng);
                v
            }
            Fill::Filling { seats, rejected, withdrawn, approved, requested } => {
                let mut v: Vec<Outcome> = repeat(seats, Outcome::Seat).collect();
                for o in repeat(rejected, Outcome::Final(S::Rejected))
                    .chain(repeat(withdrawn, Outcome::Final(S::Withdrawn)))
                {
                    let at = rng.random_range(0..=v.len() * 6 / 10);
                    v.insert(at, o);
                }
                v.extend(repeat(approved, Outcome::Final(S::Approved)));
                v.extend(repeat(requested, Outcome::Final(S::Requested)));
                v
            }
        };
        if !program.requires_approval
            && outcomes.iter().any(|o| matches!(o, Outcome::Final(S::Approved | S::Requested | S::Rejected)))
        {
            bail!(
                "{} {}: decisions pending or rejected in a program without approval",
                spec.program,
                spec.number
            );
        }

        // The participants: eligible, not yet in another batch of the program, those with a
        // gap in the program's competencies first.
        let taken = used.entry(p).or_default();
        let mut pool: Vec<usize> = (0..employees.len())
            .filter(|e| eligible(program, &employees[*e]) && !taken.contains(e))
            .collect();
        pool.shuffle(rng);
        pool.sort_by_key(|e| !has_gap(program, *e));
        if pool.len() < outcomes.len() {
            bail!(
                "{} {}: {} eligible employees for {} places",
                spec.program,
                spec.number,
                pool.len(),
                outcomes.len()
            );
        }
        let mut arrivals: Vec<(usize, Outcome)> = pool.into_iter().zip(outcomes.drain(..)).collect();
        for (who, code, number, outcome, place) in ACCOUNT_ENROLMENTS {
            if *code == spec.program && *number == spec.number {
                let e = account(*who).context("a demo account's employee")?;
                let at = match place {
                    Place::Random => rng.random_range(0..=arrivals.len()),
                    Place::Last => arrivals.len(),
                    Place::BeforeLast => arrivals.len().saturating_sub(1),
                };
                arrivals.insert(at, (e, *outcome));
            }
        }
        for (e, _) in &arrivals {
            taken.insert(*e);
        }

        // Arrival times: random moments between 07:00 and 21:00 WIB over the enrolment
        // window, sorted, strictly increasing.
        let window_days = (closes_on.min(today) - days(3) - opens_on).num_days().max(1);
        let mut times: Vec<DateTime<Utc>> = (0..arrivals.len())
            .map(|_| {
                let day = opens_on + days(rng.random_range(0..=window_days));
                wib(day, 7, 0) + Duration::minutes(rng.random_range(0..14 * 60))
            })
            .collect();
        times.sort();
        for i in 1..times.len() {
            if times[i] <= times[i - 1] {
                times[i] = times[i - 1] + Duration::minutes(1);
            }
        }
        let mut seats = 0;
        let mut waitlist = 0;
        let resolved: Vec<Arrival> = arrivals
            .iter()
            .enumerate()
            .map(|(i, (employee, outcome))| {
                let state = match outcome {
                    Outcome::Final(state) => *state,
                    Outcome::Seat if seats < spec.quota => S::Enrolled,
                    Outcome::Seat => S::Waitlisted,
                };
                if state.counts_as_seat() {
                    seats += 1;
                }
                let waitlist_position = (state == S::Waitlisted).then(|| {
                    waitlist += 1;
                    waitlist
                });
                let at = times[i];
                Arrival { employee: *employee, state, waitlist_position, at }
            })
            .collect();
        if seats > spec.quota {
            bail!("{} {}: {seats} seats taken of {}", spec.program, spec.number, spec.quota);
        }

        let batch = batches.len();
        let mut certificates = 0;
        for arrival in resolved {
            let e = arrival.employee;
            let supervisor = employees[e].supervisor.map_or(Actor::Admin, Actor::AccountOf);
            let mut plan = EnrolmentPlan {
                batch,
                employee: e,
                state: arrival.state,
                waitlist_position: arrival.waitlist_position,
                requested_by: requester(e),
                decided: None,
                decision_reason: None,
                completed_at: None,
                jp_credited: None,
                credited_year: None,
                certificate_number: None,
                events: vec![EventPlan {
                    from: None,
                    to: S::Requested,
                    at: arrival.at,
                    by: requester(e),
                    reason: None,
                }],
                attendance: Vec::new(),
            };
            let mut t = arrival.at;
            let mut state = S::Requested;
            let mut step_to = |plan: &mut EnrolmentPlan, to, at, by, reason| {
                plan.events.push(EventPlan { from: Some(state), to, at, by, reason });
                state = to;
            };
            let decide_after = |rng: &mut _, t: DateTime<Utc>| {
                t + days(1) + Duration::minutes(Rng::random_range(rng, 0..240))
            };
            match arrival.state {
                S::Requested => {}
                S::Approved => {
                    t = decide_after(rng, t);
                    step_to(&mut plan, S::Approved, t, supervisor, None);
                    plan.decided = Some((t, supervisor));
                }
                S::Rejected => {
                    t = decide_after(rng, t);
                    let reason = REJECTION_REASONS[rng.random_range(0..REJECTION_REASONS.len())];
                    let by = if program.requires_approval { supervisor } else { staff_of(e) };
                    step_to(&mut plan, S::Rejected, t, by, Some(reason));
                    plan.decided = Some((t, by));
                    plan.decision_reason = Some(reason);
                }
                final_state => {
                    if program.requires_approval {
                        t = decide_after(rng, t);
                        step_to(&mut plan, S::Approved, t, supervisor, None);
                        plan.decided = Some((t, supervisor));
                    }
                    t += Duration::minutes(rng.random_range(30..180));
                    let seat_state = if final_state == S::Waitlisted { S::Waitlisted } else { S::Enrolled };
                    step_to(&mut plan, seat_state, t, staff_of(e), None);
                    if plan.decided.is_none() {
                        plan.decided = Some((t, staff_of(e)));
                    }
                    match final_state {
                        S::Withdrawn => {
                            t += days(1) + Duration::minutes(rng.random_range(0..600));
                            let reason = WITHDRAWAL_REASONS[rng.random_range(0..WITHDRAWAL_REASONS.len())];
                            step_to(&mut plan, S::Withdrawn, t, requester(e), Some(reason));
                        }
                        S::NoShow => step_to(
                            &mut plan,
                            S::NoShow,
                            wib(ends_on, 17, 0),
                            staff_of(e),
                            Some(NO_SHOW_REASON),
                        ),
                        S::Attended | S::Passed | S::Failed => {
                            step_to(&mut plan, S::Attended, wib(ends_on, 16, 30), staff_of(e), None);
                            if final_state != S::Attended {
                                let done = wib(ends_on + days(2), 10, 0);
                                let reason = (final_state == S::Failed).then_some(FAILED_REASON);
                                step_to(&mut plan, final_state, done, staff_of(e), reason);
                                plan.completed_at = Some(done);
                            }
                            if final_state == S::Passed {
                                certificates += 1;
                                plan.jp_credited = Some(program.jp);
                                plan.credited_year = Some(ends_on.year());
                                plan.certificate_number = Some(format!(
                                    "{}/{}/{certificates:03}/{}",
                                    program.code,
                                    spec.number,
                                    ends_on.year()
                                ));
                            }
                        }
                        _ => {}
                    }
                }
            }
            // Attendance: every day of a past batch, the days so far of a running one.
            let last_day = ends_on.min(today - days(1));
            let presence = match arrival.state {
                S::Passed | S::Attended => Some(0.97),
                S::Failed => Some(0.6),
                S::NoShow => Some(0.0),
                S::Enrolled if starts_on < today => Some(0.95),
                _ => None,
            };
            if let Some(p) = presence {
                let mut day = starts_on;
                while day <= last_day {
                    plan.attendance.push((day, rng.random_bool(p)));
                    day += days(1);
                }
            }
            enrolments.push(plan);
        }

        batches.push(BatchPlan {
            program: p,
            number: spec.number,
            starts_on,
            ends_on,
            status: spec.status,
            quota: spec.quota,
            seats_taken: seats,
            opens: wib(opens_on, 8, 0),
            closes: wib(closes_on, 16, 0),
            withdrawal_deadline: wib(starts_on - days(3), 16, 0),
            next_certificate_seq: certificates + 1,
            created_at: wib(opens_on.min(today) - days(7), 9, 0),
        });
    }
    enrolments.sort_by_key(|e| e.requested_at());
    Ok((batches, enrolments))
}

/// The whole demo, in memory: deterministic for a given `today`.
fn build_plan(today: NaiveDate) -> anyhow::Result<Plan> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let (employees, people) = build_employees(&mut rng, today);
    let mut pairs = build_mentoring(&employees, &people, today)?;
    let (assessments, levels) = build_assessments(&mut rng, today, &employees, &mut pairs);
    let current: HashMap<(usize, usize), i16> = levels
        .iter()
        .map(|&i| ((assessments[i].employee, assessments[i].competency), assessments[i].level))
        .collect();
    let (batches, enrolments) = build_enrolments(&mut rng, today, &employees, &current)?;
    Ok(Plan { employees, assessments, levels, batches, enrolments, pairs })
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// What `seed demo` prints.
#[derive(Debug, Clone)]
pub struct DemoReport {
    /// Whether this run created the demo (false: it was already there).
    pub created: bool,
    pub agencies: u64,
    pub positions: u64,
    pub employees: u64,
    pub inactive_employees: u64,
    pub assessments: u64,
    pub programs: u64,
    pub batches: u64,
    pub enrolments: u64,
    pub mentoring_pairs: u64,
    pub accounts: Vec<DemoAccount>,
}

#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: Role,
    pub email: String,
    pub name: Option<String>,
    pub nip: Option<String>,
    pub agency: Option<String>,
    pub about: &'static str,
}

impl fmt::Display for DemoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = if self.created { "created now" } else { "already present, nothing changed" };
        writeln!(f, "Demo region {REGION_NAME} ({REGION_CODE}): {how}.")?;
        writeln!(
            f,
            "  {} agencies and units, {} positions, {} employees ({} inactive), {} competency assessments,",
            self.agencies, self.positions, self.employees, self.inactive_employees, self.assessments
        )?;
        writeln!(
            f,
            "  {} training programs, {} batches, {} enrolments, {} mentoring pairs.",
            self.programs, self.batches, self.enrolments, self.mentoring_pairs
        )?;
        writeln!(f, "Demo accounts (password for all: {DEMO_PASSWORD}):")?;
        for a in &self.accounts {
            write!(f, "  {:<9} {:<24} password {DEMO_PASSWORD}", a.role.as_str(), a.email)?;
            match (&a.name, &a.nip, &a.agency) {
                (Some(name), Some(nip), Some(agency)) => write!(f, "  {name}, NIP {nip}, {agency}")?,
                _ => write!(f, "  (not linked to an employee)")?,
            }
            writeln!(f, " — {}", a.about)?;
        }
        writeln!(
            f,
            "Log in with one of them at the address `bangkom serve` prints (\"open … in a browser\")."
        )
    }
}

/// Loads the demo region unless it is there already, and reports what the demo holds.
pub async fn run(db: &DatabaseConnection) -> anyhow::Result<DemoReport> {
    if demo_present(db).await? {
        return report(db, false).await;
    }
    // Hash before taking the write lock: argon2 is slow on purpose.
    let hashes = tokio::task::spawn_blocking(|| {
        Account::ALL.iter().map(|_| crate::auth::password::hash(DEMO_PASSWORD)).collect::<Result<Vec<_>, _>>()
    })
    .await
    .context("password hashing panicked")??;
    let today = Utc::now().date_naive();
    let plan = build_plan(today)?;

    let txn = begin_write(db).await?;
    if demo_present(&txn).await? {
        // Another run got here first.
        drop(txn);
        return report(db, false).await;
    }
    write(&txn, &plan, hashes).await.context("cannot write the demo region")?;
    txn.commit().await?;
    // The gap dashboard reads the nightly snapshot; take the first one now so a newcomer sees
    // the demo's gaps at once instead of an empty dashboard until 01:30.
    bangkom_entities::gaps::snapshot::take(db, None, Utc::now())
        .await
        .context("cannot take the demo's first gap snapshot")?;
    report(db, true).await
}

async fn demo_present<C: ConnectionTrait>(db: &C) -> anyhow::Result<bool> {
    Ok(agencies::Entity::find().filter(agencies::Column::Code.eq(REGION_CODE)).one(db).await?.is_some())
}

/// The demo's agencies (the region and everything coded with its prefix).
async fn demo_agencies<C: ConnectionTrait>(db: &C) -> anyhow::Result<Vec<agencies::Model>> {
    Ok(agencies::Entity::find()
        .filter(
            Condition::any()
                .add(agencies::Column::Code.eq(REGION_CODE))
                .add(agencies::Column::Code.starts_with(PREFIX)),
        )
        .all(db)
        .await?)
}

async fn demo_employees<C: ConnectionTrait>(
    db: &C,
    agency_ids: &[i64],
) -> anyhow::Result<Vec<employees::Model>> {
    Ok(employees::Entity::find()
        .filter(employees::Column::AgencyId.is_in(agency_ids.iter().copied()))
        .all(db)
        .await?)
}

async fn write<C: ConnectionTrait>(txn: &C, plan: &Plan, hashes: Vec<String>) -> anyhow::Result<()> {
    let now = Utc::now();

    // The competency dictionary.
    let dictionary = common::ensure_competencies(txn).await?;
    let competency_ids: Vec<i64> = COMPETENCY_CODES
        .iter()
        .map(|code| {
            dictionary
                .iter()
                .find(|c| c.code == *code)
                .map(|c| c.id)
                .with_context(|| format!("competency {code} is missing from the dictionary"))
        })
        .collect::<anyhow::Result<_>>()?;

    // Agencies: the region, its agencies, their units.
    let agency = |code: &str, name: &str, kind, parent_id| agencies::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        kind: Set(kind),
        parent_id: Set(parent_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    insert_chunked(txn, vec![agency(REGION_CODE, REGION_NAME, AgencyKind::Region, None)]).await?;
    let region_id = id_of_agency(&demo_agencies(txn).await?, REGION_CODE)?;
    insert_chunked(
        txn,
        AGENCIES.iter().map(|a| agency(a.code, a.name, AgencyKind::Agency, Some(region_id))).collect(),
    )
    .await?;
    let loaded = demo_agencies(txn).await?;
    let mut units = Vec::new();
    for a in AGENCIES {
        let parent = id_of_agency(&loaded, a.code)?;
        units.extend(a.units.iter().map(|(code, name)| agency(code, name, AgencyKind::Unit, Some(parent))));
    }
    insert_chunked(txn, units).await?;
    let loaded = demo_agencies(txn).await?;
    let agency_ids: HashMap<String, i64> = loaded.iter().map(|a| (a.code.clone(), a.id)).collect();
    let agency_id =
        |code: &str| agency_ids.get(code).copied().with_context(|| format!("agency {code} was not written"));
    let all_agency_ids: Vec<i64> = loaded.iter().map(|a| a.id).collect();

    // Positions and their standards.
    let mut models = Vec::new();
    for p in POSITIONS {
        models.push(positions::ActiveModel {
            code: Set(p.code.to_owned()),
            name: Set(p.name.to_owned()),
            family: Set(p.family),
            agency_id: Set(p.agency.map(agency_id).transpose()?),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    insert_chunked(txn, models).await?;
    let position_ids: HashMap<String, i64> = positions::Entity::find()
        .filter(positions::Column::Code.starts_with(PREFIX))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();
    let position_id = |index: usize| {
        position_ids
            .get(POSITIONS[index].code)
            .copied()
            .with_context(|| format!("position {} was not written", POSITIONS[index].code))
    };
    let mut standards = Vec::new();
    for index in 0..POSITIONS.len() {
        let id = position_id(index)?;
        for (competency, level) in standard(index) {
            standards.push(position_standards::ActiveModel {
                position_id: Set(id),
                competency_id: Set(competency_ids[competency]),
                required_level: Set(level),
                ..Default::default()
            });
        }
    }
    insert_chunked(txn, standards).await?;

    // Employees, layer by layer so that every supervisor has an id first.
    let mut nip_ids: HashMap<String, i64> = HashMap::new();
    for layer in 0..=3 {
        let mut models = Vec::new();
        for e in plan.employees.iter().filter(|e| e.layer == layer) {
            let supervisor_id = match e.supervisor {
                Some(s) => {
                    Some(nip_ids.get(&plan.employees[s].nip).copied().context("supervisor written first")?)
                }
                None => None,
            };
            // A PPPK: a grade V–IX by the sequence digits, and a five-year contract from
            // the appointment year (from March of last year at the earliest), so the demo's
            // PPPK may all enrol.
            let pppk = (e.employment == EmploymentType::Pppk).then(|| {
                let sequence: usize = e.nip[15..].parse().unwrap_or(0);
                let year: i32 = e.nip[8..12].parse::<i32>().unwrap_or(2024).max(now.year() - 1);
                let start = NaiveDate::from_ymd_opt(year, 3, 1).expect("a real day");
                let end = NaiveDate::from_ymd_opt(year + 5, 2, 28).expect("a real day");
                (PppkGrade::ALL[4 + sequence % 5], start, end)
            });
            models.push(employees::ActiveModel {
                nip: Set(e.nip.clone()),
                name: Set(e.name.clone()),
                email: Set(e.email.clone()),
                employment_type: Set(e.employment),
                agency_id: Set(agency_id(e.agency)?),
                position_id: Set(Some(position_id(e.position)?)),
                grade: Set(e.grade),
                pppk_grade: Set(pppk.map(|p| p.0)),
                contract_start: Set(pppk.map(|p| p.1)),
                contract_end: Set(pppk.map(|p| p.2)),
                supervisor_id: Set(supervisor_id),
                is_active: Set(e.active),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            });
        }
        insert_chunked(txn, models).await?;
        nip_ids = demo_employees(txn, &all_agency_ids).await?.into_iter().map(|e| (e.nip, e.id)).collect();
    }
    let employee_ids: Vec<i64> = plan
        .employees
        .iter()
        .map(|e| nip_ids.get(&e.nip).copied().with_context(|| format!("employee {} was not written", e.nip)))
        .collect::<anyhow::Result<_>>()?;

    // The demo accounts (an address already in use is left as it is).
    let emails: Vec<&str> = Account::ALL.iter().map(|a| a.email()).collect();
    let existing: HashSet<String> = users::Entity::find()
        .filter(users::Column::Email.is_in(emails.iter().copied()))
        .all(txn)
        .await?
        .into_iter()
        .map(|u| u.email)
        .collect();
    for (account, hash) in Account::ALL.into_iter().zip(hashes) {
        if existing.contains(account.email()) {
            continue;
        }
        let employee =
            plan.account(account).with_context(|| format!("no employee for {}", account.email()))?;
        create_user(
            txn,
            NewUser {
                email: account.email(),
                role: account.role(),
                agency_code: account.agency_code(),
                nip: Some(&plan.employees[employee].nip),
                password_hash: hash,
            },
        )
        .await
        .with_context(|| format!("cannot create the account {}", account.email()))?;
    }
    let accounts: HashMap<Account, users::Model> = users::Entity::find()
        .filter(users::Column::Email.is_in(emails.iter().copied()))
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|u| Account::from_email(&u.email).map(|a| (a, u)))
        .collect();
    let user_of_employee: HashMap<i64, i64> =
        accounts.values().filter_map(|u| u.employee_id.map(|e| (e, u.id))).collect();
    let admin = accounts.get(&Account::Admin).map(|u| u.id);
    let operator = accounts.get(&Account::Operator).map(|u| u.id);
    let user = |actor: Actor| match actor {
        Actor::Admin => admin,
        Actor::Operator => operator,
        Actor::AccountOf(e) => user_of_employee.get(&employee_ids[e]).copied(),
    };

    // Assessments, then the current levels pointing at them.
    let mut models = Vec::new();
    for a in &plan.assessments {
        let (assessor_name, assessor_employee_id) = match a.assessor {
            Assessor::Named(name) => (name.to_owned(), None),
            Assessor::Employee(e) => (plan.employees[e].name.clone(), Some(employee_ids[e])),
        };
        let recorded_by = match a.source {
            AssessmentSource::AssessmentCentre | AssessmentSource::Certification => admin,
            AssessmentSource::Supervisor | AssessmentSource::Mentoring => {
                assessor_employee_id.and_then(|id| user_of_employee.get(&id).copied())
            }
            _ => user_of_employee.get(&employee_ids[a.employee]).copied(),
        };
        models.push(competency_assessments::ActiveModel {
            employee_id: Set(employee_ids[a.employee]),
            competency_id: Set(competency_ids[a.competency]),
            level: Set(a.level),
            source: Set(a.source),
            assessed_on: Set(a.on),
            assessor_name: Set(Some(assessor_name)),
            assessor_employee_id: Set(assessor_employee_id),
            recorded_by_user_id: Set(recorded_by),
            notes: Set(a.notes.map(str::to_owned)),
            created_at: Set(now),
            ..Default::default()
        });
    }
    insert_chunked(txn, models).await?;
    let assessment_ids: HashMap<(i64, i64, NaiveDate, AssessmentSource), i64> =
        competency_assessments::Entity::find()
            .filter(competency_assessments::Column::EmployeeId.is_in(employee_ids.iter().copied()))
            .all(txn)
            .await?
            .into_iter()
            .map(|a| ((a.employee_id, a.competency_id, a.assessed_on, a.source), a.id))
            .collect();
    let mut models = Vec::new();
    for &i in &plan.levels {
        let a = &plan.assessments[i];
        let (employee_id, competency_id) = (employee_ids[a.employee], competency_ids[a.competency]);
        let id = assessment_ids
            .get(&(employee_id, competency_id, a.on, a.source))
            .copied()
            .context("an assessment was not written")?;
        models.push(employee_competency_levels::ActiveModel {
            employee_id: Set(employee_id),
            competency_id: Set(competency_id),
            level: Set(a.level),
            source: Set(a.source),
            assessed_on: Set(a.on),
            assessment_id: Set(Some(id)),
            updated_at: Set(now),
        });
    }
    insert_chunked(txn, models).await?;

    // Training programs, their target competencies and eligibility.
    let mut models = Vec::new();
    for p in PROGRAMS {
        models.push(training_programs::ActiveModel {
            code: Set(p.code.to_owned()),
            title: Set(p.title.to_owned()),
            description: Set(Some(p.description.to_owned())),
            method: Set(p.method),
            delivery: Set(p.delivery),
            organizer_kind: Set(p.organizer_kind),
            organizer_name: Set(p.organizer_name.to_owned()),
            jp: Set(p.jp),
            requires_supervisor_approval: Set(p.requires_approval),
            level3_delay_days: Set(p.level3_delay_days),
            min_grade: Set(p.min_grade),
            max_grade: Set(None),
            is_active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    insert_chunked(txn, models).await?;
    let program_ids: HashMap<String, i64> = training_programs::Entity::find()
        .filter(training_programs::Column::Code.starts_with(PREFIX))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();
    let program_id = |index: usize| {
        program_ids
            .get(PROGRAMS[index].code)
            .copied()
            .with_context(|| format!("program {} was not written", PROGRAMS[index].code))
    };
    let (mut targets, mut families, mut eligible_agencies) = (Vec::new(), Vec::new(), Vec::new());
    for (index, p) in PROGRAMS.iter().enumerate() {
        let id = program_id(index)?;
        for (code, level) in p.competencies {
            targets.push(program_competencies::ActiveModel {
                program_id: Set(id),
                competency_id: Set(competency_ids[competency_index(code)]),
                target_level: Set(*level),
            });
        }
        for family in p.families {
            families
                .push(program_eligible_families::ActiveModel { program_id: Set(id), family: Set(*family) });
        }
        for code in p.agencies {
            eligible_agencies.push(program_eligible_agencies::ActiveModel {
                program_id: Set(id),
                agency_id: Set(agency_id(code)?),
            });
        }
    }
    insert_chunked(txn, targets).await?;
    insert_chunked(txn, families).await?;
    insert_chunked(txn, eligible_agencies).await?;

    // Batches.
    let mut models = Vec::new();
    for b in &plan.batches {
        let p = &PROGRAMS[b.program];
        let online = p.delivery != DeliveryMode::FaceToFace;
        let time = |h| NaiveTime::from_hms_opt(h, 0, 0);
        models.push(training_batches::ActiveModel {
            program_id: Set(program_id(b.program)?),
            batch_number: Set(b.number),
            name: Set(format!("Angkatan {}", roman(b.number))),
            starts_on: Set(b.starts_on),
            ends_on: Set(b.ends_on),
            daily_start_time: Set(p.hours.and_then(|(start, _)| time(start))),
            daily_end_time: Set(p.hours.and_then(|(_, end)| time(end))),
            place: Set(p.place.map(str::to_owned)),
            online_url: Set(online.then(|| {
                format!("https://belajar.{EMAIL_DOMAIN}/kelas/{}-{}", p.code.to_lowercase(), b.number)
            })),
            quota: Set(b.quota),
            seats_taken: Set(b.seats_taken),
            enrolment_opens_at: Set(Some(b.opens)),
            enrolment_closes_at: Set(Some(b.closes)),
            withdrawal_deadline: Set(Some(b.withdrawal_deadline)),
            status: Set(b.status),
            next_certificate_seq: Set(b.next_certificate_seq),
            created_at: Set(b.created_at),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    insert_chunked(txn, models).await?;
    let batch_ids: HashMap<(i64, i32), i64> = training_batches::Entity::find()
        .filter(training_batches::Column::ProgramId.is_in(program_ids.values().copied()))
        .all(txn)
        .await?
        .into_iter()
        .map(|b| ((b.program_id, b.batch_number), b.id))
        .collect();
    let batch_id = |index: usize| {
        let b = &plan.batches[index];
        batch_ids.get(&(program_id(b.program)?, b.number)).copied().context("a batch was not written")
    };

    // Enrolments in arrival order, then their history and attendance.
    let mut models = Vec::new();
    for e in &plan.enrolments {
        models.push(enrolments::ActiveModel {
            batch_id: Set(batch_id(e.batch)?),
            employee_id: Set(employee_ids[e.employee]),
            state: Set(e.state),
            waitlist_position: Set(e.waitlist_position),
            requested_at: Set(e.requested_at()),
            requested_by_user_id: Set(user(e.requested_by)),
            decided_at: Set(e.decided.map(|(at, _)| at)),
            decided_by_user_id: Set(e.decided.and_then(|(_, by)| user(by))),
            decision_reason: Set(e.decision_reason.map(str::to_owned)),
            completed_at: Set(e.completed_at),
            jp_credited: Set(e.jp_credited),
            credited_year: Set(e.credited_year),
            certificate_number: Set(e.certificate_number.clone()),
            created_at: Set(e.requested_at()),
            updated_at: Set(e.updated_at()),
            ..Default::default()
        });
    }
    insert_chunked(txn, models).await?;
    let batch_id_list: Vec<i64> = batch_ids.values().copied().collect();
    let enrolment_ids: HashMap<(i64, i64), i64> = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.is_in(batch_id_list))
        .all(txn)
        .await?
        .into_iter()
        .map(|e| ((e.batch_id, e.employee_id), e.id))
        .collect();
    let mut events = Vec::new();
    let mut attendance = Vec::new();
    for e in &plan.enrolments {
        let id = enrolment_ids
            .get(&(batch_id(e.batch)?, employee_ids[e.employee]))
            .copied()
            .context("an enrolment was not written")?;
        for event in &e.events {
            events.push(enrolment_events::ActiveModel {
                enrolment_id: Set(id),
                from_state: Set(event.from),
                to_state: Set(event.to),
                at: Set(event.at),
                by_user_id: Set(user(event.by)),
                reason: Set(event.reason.map(str::to_owned)),
                ..Default::default()
            });
        }
        let recorder =
            user(if plan.employees[e.employee].top == DISDIK { Actor::Operator } else { Actor::Admin });
        for (day, present) in &e.attendance {
            attendance.push(attendance_records::ActiveModel {
                enrolment_id: Set(id),
                day: Set(*day),
                present: Set(*present),
                recorded_by_user_id: Set(recorder),
                recorded_at: Set(wib(*day, 16, 0)),
            });
        }
    }
    // The auditable order: events by time.
    events.sort_by_key(|e| match &e.at {
        Set(at) => *at,
        _ => now,
    });
    insert_chunked(txn, events).await?;
    insert_chunked(txn, attendance).await?;

    // Mentoring.
    let admin_actor = admin;
    let mut models = Vec::new();
    for pair in &plan.pairs {
        let created = wib(pair.starts_on - days(7), 9, 0);
        models.push(mentoring_pairs::ActiveModel {
            mentor_id: Set(employee_ids[pair.mentor]),
            mentee_id: Set(employee_ids[pair.mentee]),
            starts_on: Set(pair.starts_on),
            planned_end_on: Set(Some(pair.planned_end_on)),
            ended_on: Set(pair.ended_on),
            status: Set(pair.status),
            created_by_user_id: Set(admin_actor),
            summary: Set(pair.summary.map(str::to_owned)),
            created_at: Set(created),
            updated_at: Set(pair.ended_on.map_or(created, |d| wib(d, 15, 0))),
            ..Default::default()
        });
    }
    insert_chunked(txn, models).await?;
    let pair_ids: HashMap<(i64, i64), i64> = mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::MenteeId.is_in(employee_ids.iter().copied()))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| ((p.mentor_id, p.mentee_id), p.id))
        .collect();
    let (mut goals, mut sessions) = (Vec::new(), Vec::new());
    for pair in &plan.pairs {
        let id = pair_ids
            .get(&(employee_ids[pair.mentor], employee_ids[pair.mentee]))
            .copied()
            .context("a mentoring pair was not written")?;
        for g in &pair.goals {
            goals.push(mentoring_goals::ActiveModel {
                pair_id: Set(id),
                competency_id: Set(competency_ids[g.competency]),
                goal: Set(g.goal.to_owned()),
                target_level: Set(g.target),
                final_rating: Set(g.final_rating),
                ..Default::default()
            });
        }
        for s in &pair.sessions {
            let created = wib(s.held_on, 17, 0);
            let confirmed_at =
                (s.confirmation == SessionConfirmation::Confirmed).then(|| wib(s.held_on + days(1), 10, 0));
            let disputed_at =
                (s.confirmation == SessionConfirmation::Disputed).then(|| wib(s.held_on + days(2), 9, 0));
            sessions.push(mentoring_sessions::ActiveModel {
                pair_id: Set(id),
                held_on: Set(s.held_on),
                minutes: Set(s.minutes),
                mode: Set(s.mode),
                topic: Set(s.topic.to_owned()),
                notes: Set(Some(s.notes.to_owned())),
                actions: Set(Some(s.actions.to_owned())),
                confirmation: Set(s.confirmation),
                dispute_reason: Set(s.dispute_reason.map(str::to_owned)),
                confirmed_at: Set(confirmed_at),
                created_at: Set(created),
                updated_at: Set(confirmed_at.or(disputed_at).unwrap_or(created)),
                ..Default::default()
            });
        }
    }
    insert_chunked(txn, goals).await?;
    insert_chunked(txn, sessions).await?;
    Ok(())
}

fn id_of_agency(agencies: &[agencies::Model], code: &str) -> anyhow::Result<i64> {
    agencies
        .iter()
        .find(|a| a.code == code)
        .map(|a| a.id)
        .with_context(|| format!("agency {code} was not written"))
}

/// Counts what the demo holds and describes its accounts.
async fn report<C: ConnectionTrait>(db: &C, created: bool) -> anyhow::Result<DemoReport> {
    let agency_rows = demo_agencies(db).await?;
    let agency_ids: Vec<i64> = agency_rows.iter().map(|a| a.id).collect();
    let people = demo_employees(db, &agency_ids).await?;
    let employee_ids: Vec<i64> = people.iter().map(|e| e.id).collect();
    let program_ids: Vec<i64> = training_programs::Entity::find()
        .filter(training_programs::Column::Code.starts_with(PREFIX))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let batch_ids: Vec<i64> = training_batches::Entity::find()
        .filter(training_batches::Column::ProgramId.is_in(program_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect();

    let accounts = users::Entity::find()
        .filter(users::Column::Email.is_in(Account::ALL.iter().map(|a| a.email())))
        .all(db)
        .await?;
    let linked: Vec<i64> = accounts.iter().filter_map(|u| u.employee_id).collect();
    let account_people =
        employees::Entity::find().filter(employees::Column::Id.is_in(linked)).all(db).await?;
    let agency_name = |id: i64| -> Option<String> {
        let a = agency_rows.iter().find(|a| a.id == id)?;
        let short =
            |a: &agencies::Model| agency_spec(&a.code).map_or_else(|| a.name.clone(), |s| s.short.to_owned());
        Some(match (a.kind, a.parent_id.and_then(|p| agency_rows.iter().find(|x| x.id == p))) {
            (AgencyKind::Unit, Some(parent)) => format!("{}, {}", a.name, short(parent)),
            _ => short(a),
        })
    };
    let mut demo_accounts = Vec::new();
    for account in Account::ALL {
        let Some(u) = accounts.iter().find(|u| u.email == account.email()) else {
            continue;
        };
        let person = u.employee_id.and_then(|id| account_people.iter().find(|e| e.id == id));
        demo_accounts.push(DemoAccount {
            role: u.role,
            email: u.email.clone(),
            name: person.map(|p| p.name.clone()),
            nip: person.map(|p| p.nip.clone()),
            agency: person
                .and_then(|p| agency_name(p.agency_id).or_else(|| Some(format!("agency #{}", p.agency_id)))),
            about: account.about(),
        });
    }

    Ok(DemoReport {
        created,
        agencies: agency_rows.len() as u64,
        positions: positions::Entity::find()
            .filter(positions::Column::Code.starts_with(PREFIX))
            .count(db)
            .await?,
        employees: people.len() as u64,
        inactive_employees: people.iter().filter(|e| !e.is_active).count() as u64,
        assessments: competency_assessments::Entity::find()
            .filter(competency_assessments::Column::EmployeeId.is_in(employee_ids.iter().copied()))
            .count(db)
            .await?,
        programs: program_ids.len() as u64,
        batches: batch_ids.len() as u64,
        enrolments: enrolments::Entity::find()
            .filter(enrolments::Column::BatchId.is_in(batch_ids.iter().copied()))
            .count(db)
            .await?,
        mentoring_pairs: mentoring_pairs::Entity::find()
            .filter(mentoring_pairs::Column::MenteeId.is_in(employee_ids.iter().copied()))
            .count(db)
            .await?,
        accounts: demo_accounts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use bangkom_entities::nip::Nip;

    fn days_to_check() -> Vec<NaiveDate> {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        vec![Utc::now().date_naive(), d(2026, 1, 1), d(2026, 3, 1), d(2027, 12, 31), d(2028, 2, 29)]
    }

    #[test]
    fn the_plan_is_deterministic() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let (a, b) = (build_plan(today).unwrap(), build_plan(today).unwrap());
        let nips = |p: &Plan| p.employees.iter().map(|e| e.nip.clone()).collect::<Vec<_>>();
        assert_eq!(nips(&a), nips(&b));
        assert_eq!(a.assessments.len(), b.assessments.len());
        assert_eq!(a.enrolments.len(), b.enrolments.len());
    }

    #[test]
    fn organisation_and_people_hold_together() {
        for today in days_to_check() {
            let plan = build_plan(today).unwrap();
            assert_eq!(plan.employees.len(), 300);
            let mut nips = HashSet::new();
            let mut emails = HashSet::new();
            for e in &plan.employees {
                let nip = Nip::parse_on(&e.nip, today).unwrap_or_else(|err| panic!("{}: {err}", e.nip));
                assert!(nips.insert(e.nip.clone()), "duplicate NIP {}", e.nip);
                nip.check_employment(e.employment).unwrap_or_else(|err| panic!("{}: {err}", e.nip));
                if let Some(email) = &e.email {
                    assert!(emails.insert(email.clone()), "duplicate e-mail {email}");
                    bangkom_entities::email::Email::parse(email).unwrap();
                }
                let first = e.name.split(' ').next().unwrap();
                let male = ["Ahmad", "Budi", "Muhammad", "Agus", "Joko"].contains(&first);
                let female = ["Siti", "Dewi", "Sri", "Putri", "Ayu"].contains(&first);
                assert!(
                    !(male && nip.gender() != bangkom_entities::nip::Gender::Male),
                    "{} {}",
                    e.name,
                    e.nip
                );
                assert!(
                    !(female && nip.gender() != bangkom_entities::nip::Gender::Female),
                    "{} {}",
                    e.name,
                    e.nip
                );
                assert_eq!(e.grade.is_some(), e.employment == EmploymentType::Pns);
                if let Some(s) = e.supervisor {
                    assert_eq!(plan.employees[s].top, e.top, "supervisors inside the agency");
                    assert!(plan.employees[s].layer < e.layer);
                    assert!(plan.employees[s].active);
                }
                if let Some(agency) = POSITIONS[e.position].agency {
                    assert_eq!(agency, e.top, "{} holds a position of another agency", e.name);
                }
            }
            let pppk = plan.employees.iter().filter(|e| e.employment == EmploymentType::Pppk).count();
            assert!((30..=60).contains(&pppk), "{pppk} PPPK");
            let inactive = plan.employees.iter().filter(|e| !e.active).count();
            assert!((1..=12).contains(&inactive), "{inactive} inactive");
            let without_email = plan.employees.iter().filter(|e| e.email.is_none()).count();
            assert!((1..=20).contains(&without_email), "{without_email} without e-mail");
            for account in Account::ALL {
                let e = plan.account(account).unwrap();
                assert_eq!(plan.employees[e].email.as_deref(), Some(account.email()));
                assert!(plan.employees[e].active);
            }
            let pegawai = plan.account(Account::Pegawai).unwrap();
            assert_eq!(plan.employees[pegawai].supervisor, plan.account(Account::Atasan));
            assert_eq!(plan.employees[plan.account(Account::Admin).unwrap()].agency, BKPSDM);
            assert_eq!(plan.employees[plan.account(Account::Operator).unwrap()].top, DISDIK);
        }
        for (p, position) in POSITIONS.iter().enumerate() {
            assert!((10..=12).contains(&standard(p).len()), "{}", position.code);
        }
        let families: HashSet<_> = POSITIONS.iter().map(|p| p.family).collect();
        assert_eq!(families.len(), PositionFamily::ALL.len());
    }

    #[test]
    fn levels_are_the_newest_counted_assessment_and_gaps_are_real() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let plan = build_plan(today).unwrap();
        let mut current = HashMap::new();
        for &i in &plan.levels {
            let a = &plan.assessments[i];
            assert_ne!(a.source, AssessmentSource::SelfAssessment);
            for b in &plan.assessments {
                if (b.employee, b.competency) == (a.employee, a.competency)
                    && b.source != AssessmentSource::SelfAssessment
                {
                    assert!(b.on <= a.on);
                }
            }
            current.insert((a.employee, a.competency), a.level);
        }
        let mut keys = HashSet::new();
        for a in &plan.assessments {
            assert!(keys.insert((a.employee, a.competency, a.on, a.source)), "assessments are told apart");
            assert!(a.on < today && (1..=5).contains(&a.level));
        }
        let (mut pairs, mut gaps, mut missing) = (0, 0, 0);
        for (e, employee) in plan.employees.iter().enumerate() {
            for (c, required) in standard(employee.position) {
                pairs += 1;
                match current.get(&(e, c)) {
                    Some(level) if *level < required => gaps += 1,
                    Some(_) => {}
                    None => missing += 1,
                }
            }
        }
        let share = f64::from(gaps) / f64::from(pairs);
        let assessed = 1.0 - f64::from(missing) / f64::from(pairs);
        eprintln!("{} assessments, gap share {share:.2}, assessed {assessed:.2}", plan.assessments.len());
        assert!((0.33..=0.5).contains(&share), "gap share {share}");
        assert!((0.8..=0.9).contains(&assessed), "assessed share {assessed}");
        let selfs = plan.assessments.iter().filter(|a| a.source == AssessmentSource::SelfAssessment).count();
        assert!(selfs > 20);

        // Mentors above their mentees; the completed pair rated and assessed.
        assert_eq!(plan.pairs.len(), 4);
        for pair in &plan.pairs {
            assert_eq!(plan.employees[pair.mentor].top, BKD);
            assert_eq!(plan.employees[pair.mentee].top, BKD);
            for g in &pair.goals {
                let mentor = current[&(pair.mentor, g.competency)];
                let mentee = current[&(pair.mentee, g.competency)];
                assert!(mentor > mentee, "mentor {mentor} mentee {mentee}");
                assert_eq!(g.final_rating.is_some(), pair.status == MentoringPairStatus::Completed);
            }
            assert!((2..=5).contains(&pair.sessions.len()));
            for s in &pair.sessions {
                assert!(s.held_on > pair.starts_on && s.held_on < today);
                assert!(pair.ended_on.is_none_or(|end| s.held_on <= end));
            }
        }
        let completed = plan.pairs.iter().find(|p| p.status == MentoringPairStatus::Completed).unwrap();
        for g in &completed.goals {
            let a = plan
                .levels
                .iter()
                .map(|&i| &plan.assessments[i])
                .find(|a| (a.employee, a.competency) == (completed.mentee, g.competency))
                .unwrap();
            assert_eq!(a.source, AssessmentSource::Mentoring);
        }
        let pegawai = plan.account(Account::Pegawai).unwrap();
        assert!(plan.pairs.iter().any(|p| p.mentee == pegawai
            && p.mentor == plan.account(Account::Mentor).unwrap()
            && p.status == MentoringPairStatus::Active));
    }

    #[test]
    fn batches_and_enrolments_hold_together() {
        for today in days_to_check() {
            let plan = build_plan(today).unwrap();
            let midnight = wib(today, 0, 0);
            let mut states = HashSet::new();
            let mut certificates = HashSet::new();
            for (b, batch) in plan.batches.iter().enumerate() {
                let program = &PROGRAMS[batch.program];
                let mine: Vec<&EnrolmentPlan> = plan.enrolments.iter().filter(|e| e.batch == b).collect();
                let seats = mine.iter().filter(|e| e.state.counts_as_seat()).count() as i32;
                assert_eq!(seats, batch.seats_taken);
                assert!(seats <= batch.quota && (20..=40).contains(&batch.quota));
                let waitlist: Vec<i32> = mine.iter().filter_map(|e| e.waitlist_position).collect();
                assert_eq!(
                    waitlist,
                    (1..=waitlist.len() as i32).collect::<Vec<_>>(),
                    "waitlist in arrival order"
                );
                assert!(mine.windows(2).all(|w| w[0].requested_at() < w[1].requested_at()));
                let passed = mine.iter().filter(|e| e.state == EnrolmentState::Passed).count() as i32;
                assert_eq!(batch.next_certificate_seq, passed + 1);
                match batch.status {
                    BatchStatus::Completed => assert!(batch.ends_on < today),
                    BatchStatus::Running => {
                        assert!(batch.starts_on <= today && today <= batch.ends_on)
                    }
                    BatchStatus::Open => {
                        assert!(
                            batch.starts_on > today
                                && batch.opens < midnight
                                && batch.closes > midnight + days(1)
                        )
                    }
                    BatchStatus::Closed => {
                        assert!(batch.starts_on > today && batch.closes < midnight)
                    }
                    _ => assert!(batch.starts_on > today && mine.is_empty()),
                }
                assert!(batch.created_at < midnight);
                for e in mine {
                    states.insert(e.state);
                    assert_eq!(e.events[0].from, None);
                    assert_eq!(e.events[0].to, EnrolmentState::Requested);
                    assert_eq!(e.events.last().unwrap().to, e.state);
                    for w in e.events.windows(2) {
                        assert_eq!(w[1].from, Some(w[0].to));
                        assert!(w[0].at < w[1].at, "events in order");
                    }
                    assert!(e.events.last().unwrap().at < midnight, "nothing in the future");
                    assert_eq!(e.state == EnrolmentState::Waitlisted, e.waitlist_position.is_some());
                    assert_eq!(e.state == EnrolmentState::Rejected, e.decision_reason.is_some());
                    if matches!(e.state, EnrolmentState::Requested) {
                        assert!(program.requires_approval && e.decided.is_none());
                    }
                    if e.state == EnrolmentState::Passed {
                        assert_eq!(e.jp_credited, Some(program.jp));
                        assert_eq!(e.credited_year, Some(batch.ends_on.year()));
                        assert!(e.completed_at.is_some());
                        let cert = e.certificate_number.clone().unwrap();
                        assert!(cert.starts_with(&format!("{}/{}/", program.code, batch.number)));
                        assert!(cert.ends_with(&format!("/{}", batch.ends_on.year())));
                        assert!(certificates.insert(cert));
                    } else {
                        assert!(e.certificate_number.is_none() && e.jp_credited.is_none());
                    }
                    if batch.status == BatchStatus::Completed && e.state.counts_as_seat() {
                        assert_eq!(
                            e.attendance.len() as i64,
                            (batch.ends_on - batch.starts_on).num_days() + 1
                        );
                    }
                    if e.state == EnrolmentState::NoShow {
                        assert!(e.attendance.iter().all(|(_, present)| !present));
                    }
                    assert!(eligible_ignoring_accounts(program, &plan.employees[e.employee]));
                }
            }
            for state in EnrolmentState::ALL {
                assert!(states.contains(state), "no enrolment in state {state}");
            }
            for status in BatchStatus::ALL {
                assert!(plan.batches.iter().any(|b| b.status == *status), "no batch {status}");
            }
            assert!(plan.batches.iter().any(|b| b.status == BatchStatus::Open && b.seats_taken == b.quota));
            let pegawai = plan.account(Account::Pegawai).unwrap();
            let theirs: HashSet<EnrolmentState> =
                plan.enrolments.iter().filter(|e| e.employee == pegawai).map(|e| e.state).collect();
            assert!(theirs.len() >= 4, "{theirs:?}");
            let pairs: HashSet<(usize, usize)> =
                plan.enrolments.iter().map(|e| (e.batch, e.employee)).collect();
            assert_eq!(pairs.len(), plan.enrolments.len(), "one enrolment per batch and employee");
        }
    }

    fn eligible_ignoring_accounts(program: &ProgramSpec, employee: &EmployeePlan) -> bool {
        let family = POSITIONS[employee.position].family;
        employee.active
            && (program.families.is_empty() || program.families.contains(&family))
            && (program.agencies.is_empty() || program.agencies.contains(&employee.top))
            && program.min_grade.is_none_or(|min| employee.grade.is_some_and(|g| g >= min))
    }

    #[test]
    fn programs_mix_methods_and_stay_within_limits() {
        assert_eq!(PROGRAMS.len(), 10);
        assert!(PROGRAMS.iter().any(|p| p.method.is_classical()));
        assert!(PROGRAMS.iter().filter(|p| !p.method.is_classical()).count() >= 3);
        for p in PROGRAMS {
            assert!((8..=40).contains(&p.jp) && p.code.len() <= 32 && !p.competencies.is_empty());
        }
        for kind in OrganizerKind::ALL {
            assert!(PROGRAMS.iter().any(|p| p.organizer_kind == *kind));
        }
        for mode in DeliveryMode::ALL {
            assert!(PROGRAMS.iter().any(|p| p.delivery == *mode));
        }
    }
}
