//! `bangkom seed synthetic`: the benchmark data set has the asked shape, is consistent, is
//! the same for the same seed, and only goes into an empty database.

use std::collections::{BTreeMap, HashMap, HashSet};

use bangkom_entities::enums::{AgencyKind, AssessmentSource, EmploymentType, EnrolmentState};
use bangkom_entities::nip::{Gender, Nip};
use bangkom_entities::schema::{
    agencies, competencies, competency_assessments, employee_competency_levels, employees, enrolments,
    mentoring_pairs, mentoring_sessions, position_standards, positions, training_batches, training_programs,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder,
};

use crate::on_both_backends;
use crate::support::{Backend, TestDatabase, cli_for, run_ok, spawn_app};

on_both_backends!(
    a_small_load_has_the_asked_shape_and_is_consistent,
    the_same_seed_gives_the_same_data_and_another_seed_does_not,
    a_load_into_a_database_with_employees_is_refused_and_changes_nothing,
);

const SMALL: [&str; 8] = ["seed", "synthetic", "--employees", "400", "--agencies", "3", "--seed", "7"];

async fn a_small_load_has_the_asked_shape_and_is_consistent(backend: Backend) {
    let app = spawn_app(backend).await;
    let out = run_ok(app.cli().args(SMALL));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("seed 7"), "{printed}");
    assert!(printed.contains("employees") && printed.contains("400"), "{printed}");
    let db = &app.db;

    // The organisation: one region, the asked agencies, three units each.
    let all_agencies = agencies::Entity::find().all(db).await.unwrap();
    let kind_count = |kind| all_agencies.iter().filter(|a| a.kind == kind).count();
    assert_eq!(kind_count(AgencyKind::Region), 1);
    assert_eq!(kind_count(AgencyKind::Agency), 3);
    assert_eq!(kind_count(AgencyKind::Unit), 9);
    let parent: HashMap<i64, Option<i64>> = all_agencies.iter().map(|a| (a.id, a.parent_id)).collect();
    assert_eq!(competencies::Entity::find().count(db).await.unwrap(), 15);

    // About 40 positions, each with a standard of 10–12 competencies.
    let positions = positions::Entity::find().all(db).await.unwrap();
    assert!((35..=45).contains(&positions.len()), "{}", positions.len());
    let standards = position_standards::Entity::find().all(db).await.unwrap();
    let mut required: HashMap<i64, HashMap<i64, i16>> = HashMap::new();
    for s in &standards {
        assert!((1..=5).contains(&s.required_level));
        required.entry(s.position_id).or_default().insert(s.competency_id, s.required_level);
    }
    for p in &positions {
        let n = required.get(&p.id).map_or(0, |r| r.len());
        assert!((10..=12).contains(&n), "position {} has {n} standards", p.name);
    }

    // The employees: valid, unique NIPs whose gender digit matches the name, unique e-mails,
    // mostly PNS with grades, supervisors in the same agency.
    let people = employees::Entity::find().order_by_asc(employees::Column::Id).all(db).await.unwrap();
    assert_eq!(people.len(), 400);
    let male_names: HashSet<&str> = ["Ahmad", "Budi", "Joko", "Muhammad", "Rudi", "Agus"].into();
    let female_names: HashSet<&str> = ["Siti", "Dewi", "Sri", "Putri", "Ayu", "Nur"].into();
    let mut nips = HashSet::new();
    let mut emails = HashSet::new();
    let by_id: HashMap<i64, &employees::Model> = people.iter().map(|e| (e.id, e)).collect();
    let agency_of = |agency_id: i64| match parent[&agency_id] {
        Some(p) if all_agencies.iter().any(|a| a.id == agency_id && a.kind == AgencyKind::Unit) => p,
        _ => agency_id,
    };
    for e in &people {
        let nip = Nip::parse(&e.nip).unwrap_or_else(|err| panic!("{}: {err}", e.nip));
        assert!(nips.insert(e.nip.clone()), "duplicate NIP {}", e.nip);
        let first = e.name.split(' ').next().unwrap();
        match nip.gender() {
            Gender::Male => assert!(!female_names.contains(first), "{} is {}", e.name, e.nip),
            Gender::Female => assert!(!male_names.contains(first), "{} is {}", e.name, e.nip),
        }
        let email = e.email.clone().expect("every employee has an e-mail");
        assert!(emails.insert(email.clone()), "duplicate e-mail {email}");
        assert_eq!(e.grade.is_some(), e.employment_type == EmploymentType::Pns, "{e:?}");
        assert!(e.position_id.is_some());
        if let Some(s) = e.supervisor_id {
            assert_ne!(s, e.id);
            let supervisor = by_id[&s];
            assert_eq!(agency_of(supervisor.agency_id), agency_of(e.agency_id), "{e:?}");
        }
    }
    let pppk = people.iter().filter(|e| e.employment_type == EmploymentType::Pppk).count();
    assert!((20..=100).contains(&pppk), "~15% PPPK, found {pppk} of 400");
    let unsupervised = people.iter().filter(|e| e.supervisor_id.is_none()).count();
    assert_eq!(unsupervised, 3, "only the agency heads have no supervisor");
    let in_units = people
        .iter()
        .filter(|e| all_agencies.iter().any(|a| a.id == e.agency_id && a.kind == AgencyKind::Unit))
        .count();
    assert_eq!(in_units, 397, "everyone but the agency heads works in a unit");

    // Every current level is the employee's newest assessment of that competency, and
    // assessments cover most of the required competencies.
    let assessments = competency_assessments::Entity::find().all(db).await.unwrap();
    let mut newest: HashMap<(i64, i64), &competency_assessments::Model> = HashMap::new();
    for a in &assessments {
        assert!((1..=5).contains(&a.level));
        let slot = newest.entry((a.employee_id, a.competency_id)).or_insert(a);
        if (a.assessed_on, a.id) > (slot.assessed_on, slot.id) {
            *slot = a;
        }
    }
    let levels = employee_competency_levels::Entity::find().all(db).await.unwrap();
    assert_eq!(levels.len(), newest.len(), "one current level per assessed competency");
    for l in &levels {
        let a = newest[&(l.employee_id, l.competency_id)];
        assert_eq!(l.assessment_id, Some(a.id), "{l:?}");
        assert_eq!((l.level, l.source, l.assessed_on), (a.level, a.source, a.assessed_on), "{l:?}");
    }
    let required_count: usize = people.iter().map(|e| required[&e.position_id.unwrap()].len()).sum();
    let share = levels.len() as f64 / required_count as f64;
    assert!((0.85..=0.95).contains(&share), "~90% of required competencies assessed: {share}");
    assert!(
        assessments.len() > levels.len() * 3 / 2 && assessments.len() < levels.len() * 2,
        "1–2 assessments each: {} for {} levels",
        assessments.len(),
        levels.len()
    );
    for l in &levels {
        let e = by_id[&l.employee_id];
        assert!(required[&e.position_id.unwrap()].contains_key(&l.competency_id));
    }

    // Programs, batches and enrolments: seats taken match the seat-holding enrolments and
    // stay within the quota; passed enrolments carry JP and unique certificate numbers.
    let programs = training_programs::Entity::find().all(db).await.unwrap();
    assert!((25..=35).contains(&programs.len()), "{}", programs.len());
    let batches = training_batches::Entity::find().all(db).await.unwrap();
    assert_eq!(batches.len(), programs.len() * 4);
    let all_enrolments = enrolments::Entity::find().all(db).await.unwrap();
    let mut seats: HashMap<i64, i32> = HashMap::new();
    let mut certificates = HashSet::new();
    for e in &all_enrolments {
        if matches!(
            e.state,
            EnrolmentState::Approved
                | EnrolmentState::Enrolled
                | EnrolmentState::Attended
                | EnrolmentState::Passed
                | EnrolmentState::Failed
                | EnrolmentState::NoShow
        ) {
            *seats.entry(e.batch_id).or_default() += 1;
        }
        if e.state == EnrolmentState::Passed {
            assert!(e.jp_credited.is_some_and(|jp| jp > 0), "{e:?}");
            assert!(e.credited_year.is_some());
            assert!(certificates.insert(e.certificate_number.clone().expect("a certificate")));
        } else {
            assert!(e.certificate_number.is_none() && e.jp_credited.is_none(), "{e:?}");
        }
        assert_eq!(e.waitlist_position.is_some(), e.state == EnrolmentState::Waitlisted);
    }
    for b in &batches {
        assert!(b.seats_taken <= b.quota, "batch {}: {} of {}", b.id, b.seats_taken, b.quota);
        assert_eq!(b.seats_taken, seats.get(&b.id).copied().unwrap_or(0), "batch {}", b.id);
        assert!(b.ends_on >= b.starts_on);
    }
    let passed = all_enrolments.iter().filter(|e| e.state == EnrolmentState::Passed).count();
    assert!(passed * 2 > all_enrolments.len(), "mostly passed: {passed} of {}", all_enrolments.len());
    let enrolled: HashSet<i64> = all_enrolments.iter().map(|e| e.employee_id).collect();
    assert!((120..=280).contains(&enrolled.len()), "about half enrolled: {}", enrolled.len());

    // Mentoring: ~1% of the employees, with sessions.
    let pairs = mentoring_pairs::Entity::find().all(db).await.unwrap();
    assert_eq!(pairs.len(), 4);
    assert!(pairs.iter().all(|p| p.mentor_id != p.mentee_id));
    assert!(mentoring_sessions::Entity::find().count(db).await.unwrap() >= pairs.len() as u64);

    // The ids were given by the seed: rows inserted afterwards still get fresh ones (the
    // PostgreSQL sequences were moved past them).
    let now = chrono::Utc::now();
    let agency = agencies::ActiveModel {
        code: Set("BARU".into()),
        name: Set("Badan Baru".into()),
        kind: Set(AgencyKind::Agency),
        parent_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("a new agency gets a fresh id");
    assert!(all_agencies.iter().all(|a| a.id < agency.id));
    let assessment = competency_assessments::ActiveModel {
        employee_id: Set(people[0].id),
        competency_id: Set(assessments[0].competency_id),
        level: Set(3),
        source: Set(AssessmentSource::SelfAssessment),
        assessed_on: Set(now.date_naive()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("a new assessment gets a fresh id");
    assert!(assessments.iter().all(|a| a.id < assessment.id));
}

/// An employee's id, NIP, name, e-mail and supervisor.
type EmployeeRow = (i64, String, String, Option<String>, Option<i64>);

/// The rows that must not depend on anything but the seed and the sizes.
#[derive(Debug, PartialEq)]
struct Snapshot {
    employees: Vec<EmployeeRow>,
    levels: BTreeMap<(i64, String), (i16, Option<i64>)>,
    assessments: Vec<(i64, i64, i64, i16, chrono::NaiveDate)>,
}

async fn snapshot(db: &DatabaseConnection) -> Snapshot {
    let codes: HashMap<i64, String> =
        competencies::Entity::find().all(db).await.unwrap().into_iter().map(|c| (c.id, c.code)).collect();
    Snapshot {
        employees: employees::Entity::find()
            .order_by_asc(employees::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.id, e.nip, e.name, e.email, e.supervisor_id))
            .collect(),
        levels: employee_competency_levels::Entity::find()
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|l| ((l.employee_id, codes[&l.competency_id].clone()), (l.level, l.assessment_id)))
            .collect(),
        assessments: competency_assessments::Entity::find()
            .order_by_asc(competency_assessments::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.id, a.employee_id, a.competency_id, a.level, a.assessed_on))
            .collect(),
    }
}

async fn load(backend: &Backend, seed: &str) -> (TestDatabase, Snapshot) {
    let database = TestDatabase::create(backend.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    run_ok(cli_for(&database.url, dir.path()).args([
        "seed",
        "synthetic",
        "--employees",
        "300",
        "--agencies",
        "2",
        "--seed",
        seed,
    ]));
    let db = sea_orm::Database::connect(&database.url).await.unwrap();
    let snapshot = snapshot(&db).await;
    db.close().await.ok();
    (database, snapshot)
}

async fn the_same_seed_gives_the_same_data_and_another_seed_does_not(backend: Backend) {
    let (_a, first) = load(&backend, "11").await;
    let (_b, again) = load(&backend, "11").await;
    let (_c, other) = load(&backend, "12").await;
    assert_eq!(first.employees.len(), 300);
    assert!(!first.levels.is_empty());
    assert!(first == again, "the same seed gives the same employees, levels and assessments");
    let nips = |s: &Snapshot| s.employees.iter().map(|e| e.1.clone()).collect::<Vec<_>>();
    assert_ne!(nips(&first), nips(&other), "another seed gives other NIPs");
    assert_ne!(first.levels, other.levels, "another seed gives other levels");
}

async fn table_counts(db: &DatabaseConnection) -> Vec<u64> {
    vec![
        agencies::Entity::find().count(db).await.unwrap(),
        positions::Entity::find().count(db).await.unwrap(),
        competencies::Entity::find().count(db).await.unwrap(),
        position_standards::Entity::find().count(db).await.unwrap(),
        employees::Entity::find().count(db).await.unwrap(),
        competency_assessments::Entity::find().count(db).await.unwrap(),
        employee_competency_levels::Entity::find().count(db).await.unwrap(),
        training_programs::Entity::find().count(db).await.unwrap(),
        training_batches::Entity::find().count(db).await.unwrap(),
        enrolments::Entity::find().count(db).await.unwrap(),
        mentoring_pairs::Entity::find().count(db).await.unwrap(),
        mentoring_sessions::Entity::find().count(db).await.unwrap(),
    ]
}

async fn a_load_into_a_database_with_employees_is_refused_and_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;

    // Sizes that make no sense are refused before anything is written.
    for (employees, agencies, message) in [
        ("0", "1", "--employees must be at least 1"),
        ("10", "0", "--agencies must be at least 1"),
        ("10", "11", "cannot exceed --employees"),
    ] {
        let out = app
            .cli()
            .args(["seed", "synthetic", "--employees", employees, "--agencies", agencies])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{employees} employees, {agencies} agencies");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{stderr}");
    }
    assert!(table_counts(&app.db).await.iter().all(|&n| n == 0), "nothing was written");

    run_ok(app.cli().args(SMALL));
    let before = table_counts(&app.db).await;
    let ids_before: Vec<i64> = employees::Entity::find()
        .order_by_asc(employees::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();

    let out = app
        .cli()
        .args(["seed", "synthetic", "--employees", "50", "--agencies", "1", "--seed", "8"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a second load is refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("already holds 400 employees") && stderr.contains("empty database"),
        "the refusal says why: {stderr}"
    );
    assert_eq!(table_counts(&app.db).await, before, "the refused load changed nothing");
    let ids_after: Vec<i64> = employees::Entity::find()
        .order_by_asc(employees::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids_after, ids_before);
}
