//! Pieces both seeds use: the competency dictionary, Indonesian names, NIPs, and bulk
//! inserts chunked below the bind-parameter limits of SQLite and PostgreSQL.

use anyhow::Context;
use bangkom_entities::enums::CompetencyKind;
use bangkom_entities::schema::competencies;
use chrono::{Datelike, NaiveDate, Utc};
use rand::Rng;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Iterable};

/// The competency dictionary the demo and synthetic data start from: the nine managerial
/// and socio-cultural competencies of PermenPANRB 38/2017 plus example technical ones.
pub const COMPETENCIES_CSV: &str = include_str!("../../data/competencies.csv");

/// The password of every demo account (printed by `seed demo`).
pub const DEMO_PASSWORD: &str = "bangkom-demo-2026";

/// SQLite allows 32,766 bind parameters per statement (PostgreSQL 65,535): stay below both.
const MAX_PARAMS_PER_STATEMENT: usize = 30_000;

#[derive(Debug, serde::Deserialize)]
pub struct CompetencyRow {
    pub code: String,
    pub kind: String,
    pub name_id: String,
    pub name_en: String,
    pub description_en: Option<String>,
    pub source: Option<String>,
}

pub fn competency_rows() -> anyhow::Result<Vec<CompetencyRow>> {
    let mut reader = csv::Reader::from_reader(COMPETENCIES_CSV.as_bytes());
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.with_context(|| format!("competencies.csv line {}", i + 2)))
        .collect()
}

/// Inserts the dictionary's competencies that are missing (by code) and returns them all,
/// in the file's order.
pub async fn ensure_competencies<C: ConnectionTrait>(db: &C) -> anyhow::Result<Vec<competencies::Model>> {
    let rows = competency_rows()?;
    let existing = competencies::Entity::find().all(db).await?;
    let now = Utc::now();
    let missing: Vec<competencies::ActiveModel> = rows
        .iter()
        .filter(|r| !existing.iter().any(|c| c.code == r.code))
        .map(|r| -> anyhow::Result<competencies::ActiveModel> {
            let kind = CompetencyKind::parse(&r.kind)
                .with_context(|| format!("competency {}: unknown kind {:?}", r.code, r.kind))?;
            Ok(competencies::ActiveModel {
                code: Set(r.code.clone()),
                kind: Set(kind),
                name_id: Set(r.name_id.clone()),
                name_en: Set(r.name_en.clone()),
                description: Set(r.description_en.clone()),
                source: Set(r.source.clone()),
                is_active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
        })
        .collect::<anyhow::Result<_>>()?;
    insert_chunked(db, missing).await?;
    let all = competencies::Entity::find().all(db).await?;
    Ok(rows.iter().filter_map(|r| all.iter().find(|c| c.code == r.code).cloned()).collect())
}

/// Inserts many rows in as few statements as the parameter limits allow.
pub async fn insert_chunked<C, A>(db: &C, models: Vec<A>) -> anyhow::Result<()>
where
    C: ConnectionTrait,
    A: sea_orm::ActiveModelTrait + Send,
{
    if models.is_empty() {
        return Ok(());
    }
    let columns = <A::Entity as EntityTrait>::Column::iter().count().max(1);
    let rows_per_statement = (MAX_PARAMS_PER_STATEMENT / columns).max(1);
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let chunk: Vec<A> = models.by_ref().take(rows_per_statement).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

const MALE_FIRST: &[&str] = &[
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irfan",
    "Joko",
    "Kurniawan",
    "Lukman",
    "Muhammad",
    "Nanda",
    "Rizki",
    "Rudi",
    "Syahrul",
    "Taufik",
    "Wahyu",
    "Yusuf",
    "Zulkifli",
    "Andi",
    "Bayu",
    "Dimas",
    "Gilang",
    "Hafiz",
    "Ilham",
    "Arif",
    "Fikri",
    "Reza",
    "Teguh",
    "Agus",
];
const FEMALE_FIRST: &[&str] = &[
    "Siti",
    "Dewi",
    "Fitri",
    "Indah",
    "Kartika",
    "Lestari",
    "Maya",
    "Nur",
    "Putri",
    "Rahmawati",
    "Sri",
    "Tuti",
    "Wulan",
    "Yuliana",
    "Ayu",
    "Citra",
    "Desi",
    "Eka",
    "Fauziah",
    "Gita",
    "Hana",
    "Intan",
    "Nadia",
    "Ratna",
    "Sari",
    "Winda",
    "Annisa",
    "Melati",
    "Novita",
    "Rina",
];
const FAMILY: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Pratama",
    "Saputra",
    "Hidayat",
    "Nasution",
    "Siregar",
    "Lubis",
    "Harahap",
    "Rahman",
    "Syahputra",
    "Kusuma",
    "Setiawan",
    "Gunawan",
    "Putra",
    "Utami",
    "Permata",
    "Hasibuan",
    "Chaniago",
    "Piliang",
    "Tanjung",
    "Koto",
    "Sikumbang",
    "Caniago",
    "Firmansyah",
    "Nugroho",
    "Hakim",
    "Maulana",
    "Rusdi",
    "Yanti",
];

/// Gender as the NIP's gender digit encodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    fn digit(self) -> u32 {
        match self {
            Sex::Male => 1,
            Sex::Female => 2,
        }
    }
}

pub fn person_name(rng: &mut impl Rng, sex: Sex) -> String {
    let first = match sex {
        Sex::Male => MALE_FIRST[rng.random_range(0..MALE_FIRST.len())],
        Sex::Female => FEMALE_FIRST[rng.random_range(0..FEMALE_FIRST.len())],
    };
    let family = FAMILY[rng.random_range(0..FAMILY.len())];
    format!("{first} {family}")
}

/// A NIP: birth date YYYYMMDD, CPNS appointment YYYYMM, gender digit, 3-digit sequence.
/// Only the last three digits of `sequence` are used: callers that need uniqueness beyond
/// 1,000 people vary the birth date or appointment too.
pub fn nip(birth: NaiveDate, appointed: (i32, u32), sex: Sex, sequence: u32) -> String {
    format!(
        "{:04}{:02}{:02}{:04}{:02}{}{:03}",
        birth.year(),
        birth.month(),
        birth.day(),
        appointed.0,
        appointed.1,
        sex.digit(),
        sequence % 1000
    )
}

/// An NI PPPK: birth date YYYYMMDD, appointment year YYYY, the PPPK code `21`, gender
/// digit, 3-digit sequence. Same uniqueness rule as [`nip`].
pub fn ni_pppk(birth: NaiveDate, appointed_year: i32, sex: Sex, sequence: u32) -> String {
    format!(
        "{:04}{:02}{:02}{:04}21{}{:03}",
        birth.year(),
        birth.month(),
        birth.day(),
        appointed_year,
        sex.digit(),
        sequence % 1000
    )
}

/// A plausible birth date and appointment (appointed between 22 and 35 years old, in
/// `latest_year` at the latest).
pub fn birth_and_appointment(rng: &mut impl Rng, latest_year: i32) -> (NaiveDate, (i32, u32)) {
    let birth_year = rng.random_range(1966..=1998);
    let birth = NaiveDate::from_ymd_opt(birth_year, rng.random_range(1..=12), rng.random_range(1..=28))
        .expect("day 1..=28 exists in every month");
    let appointed_year = (birth_year + rng.random_range(22..=35)).min(latest_year);
    (birth, (appointed_year, rng.random_range(1..=12)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bangkom_entities::nip::Nip;
    use rand::SeedableRng;

    #[test]
    fn the_dictionary_parses() {
        let rows = competency_rows().unwrap();
        assert_eq!(rows.len(), 15);
        assert!(rows.iter().all(|r| CompetencyKind::parse(&r.kind).is_some()));
    }

    #[test]
    fn generated_nips_are_valid() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for i in 0..2000 {
            let (birth, appointed) = birth_and_appointment(&mut rng, 2025);
            let sex = if i % 2 == 0 { Sex::Male } else { Sex::Female };
            let value = nip(birth, appointed, sex, i % 999 + 1);
            Nip::parse(&value).unwrap_or_else(|e| panic!("{value}: {e}"));
            let value = ni_pppk(birth, appointed.0, sex, i % 999 + 1);
            let parsed = Nip::parse(&value).unwrap_or_else(|e| panic!("{value}: {e}"));
            assert_eq!(parsed.kind(), bangkom_entities::nip::NumberKind::NiPppk);
        }
    }
}
