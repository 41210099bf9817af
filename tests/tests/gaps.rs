//! Competency gaps: the arithmetic on a small region checked by hand, roll-ups, snapshot
//! atomicity, the training-needs plan and its exports, the individual development plan,
//! recording and importing assessments, and who sees what — on both databases.

use std::collections::HashMap;

use bangkom_entities::accounts::{NewUser, create_user};
use bangkom_entities::assessments::{self, CountingRule, NewAssessment};
use bangkom_entities::enums::{
    AgencyKind, AssessmentSource, BatchStatus, CompetencyKind, DeliveryMode, EmploymentType, Grade,
    OrganizerKind, PositionFamily, Role, TrainingMethod,
};
use bangkom_entities::gaps::plan;
use bangkom_entities::gaps::snapshot::{self, Aggregate};
use bangkom_entities::policy::Reach;
use bangkom_entities::schema::{
    agencies, competencies, competency_assessments, employee_competency_levels, employees, gap_snapshot_rows,
    position_standards, positions, program_competencies, program_eligible_families, training_batches,
    training_programs,
};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::on_both_backends;
use crate::support::{Backend, TestApp, run_ok, spawn_app};

on_both_backends!(
    gap_arithmetic_on_a_small_region_checked_by_hand,
    the_dashboard_rolls_up_the_tree_and_shows_the_change,
    a_reader_during_a_run_sees_a_whole_snapshot,
    the_training_needs_plan_counts_and_exports,
    each_role_sees_the_gaps_it_may_see,
    assessments_are_recorded_by_staff_supervisors_and_oneself,
    assessment_centre_results_import_whole_or_not_at_all,
    the_command_line_imports_assessments_and_recounts_levels,
    an_assessment_centre_level_outranks_a_newer_supervisor_rating_inside_the_window,
    the_demo_opens_on_a_filled_dashboard,
    old_snapshots_are_thinned_to_one_a_month,
);

const PASSWORD: &str = "kata-sandi-uji-2026";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The small region: R → A → U, and R → B; competencies X1, X2, X3 (and an inactive X9);
/// positions P1 {X1: 3, X2: 2, X9: 2} and P2 {X1: 2, X3: 4}.
///
/// | employee | where | position | counted levels | |
/// |---|---|---|---|---|
/// | e1 | A | P1 | X1 2 then 4 (newest wins), X2 1 (+ self 3, not counted) | supervisor of e2 |
/// | e2 | U | P1 | X1 1, X2 never | |
/// | e3 | U | P2 (was P1) | X1 2, X3 1, X2 1 (no longer required) | |
/// | e4 | A | P1, inactive | X1 1 | left out |
/// | e5 | B | P2 | X3 4, X1 never | |
struct Fixture {
    agencies: HashMap<&'static str, i64>,
    competencies: HashMap<&'static str, i64>,
    employees: Vec<employees::Model>,
}

impl Fixture {
    fn agency(&self, code: &str) -> i64 {
        self.agencies[code]
    }

    fn competency(&self, code: &str) -> i64 {
        self.competencies[code]
    }

    fn employee(&self, n: usize) -> &employees::Model {
        &self.employees[n - 1]
    }
}

fn nip(n: usize) -> String {
    format!("19900115201503100{n}")
}

async fn fixture(app: &TestApp) -> Fixture {
    let db = &app.db;
    let now = Utc::now();
    let mut agency_ids = HashMap::new();
    for (code, kind, parent) in [
        ("GR", AgencyKind::Region, None),
        ("GA", AgencyKind::Agency, Some("GR")),
        ("GU", AgencyKind::Unit, Some("GA")),
        ("GB", AgencyKind::Agency, Some("GR")),
    ] {
        let saved = agencies::ActiveModel {
            code: Set(code.into()),
            name: Set(format!("Instansi {code}")),
            kind: Set(kind),
            parent_id: Set(parent.map(|p| agency_ids[p])),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        agency_ids.insert(code, saved.id);
    }
    let mut competency_ids = HashMap::new();
    for (code, active) in [("X1", true), ("X2", true), ("X3", true), ("X9", false)] {
        let saved = competencies::ActiveModel {
            code: Set(code.into()),
            kind: Set(CompetencyKind::Teknis),
            name_id: Set(format!("Kompetensi {code}")),
            name_en: Set(format!("Competency {code}")),
            description: Set(None),
            source: Set(None),
            is_active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        competency_ids.insert(code, saved.id);
        if !active {
            competencies::ActiveModel { id: Set(saved.id), is_active: Set(false), ..Default::default() }
                .update(db)
                .await
                .unwrap();
        }
    }
    let mut position_ids = HashMap::new();
    for (code, family, standard) in [
        ("GP1", PositionFamily::Pelaksana, vec![("X1", 3), ("X2", 2), ("X9", 2)]),
        ("GP2", PositionFamily::Pelaksana, vec![("X1", 2), ("X3", 4)]),
    ] {
        let saved = positions::ActiveModel {
            code: Set(code.into()),
            name: Set(format!("Jabatan {code}")),
            family: Set(family),
            agency_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        for (c, level) in standard {
            position_standards::ActiveModel {
                position_id: Set(saved.id),
                competency_id: Set(competency_ids[c]),
                required_level: Set(level),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
        }
        position_ids.insert(code, saved.id);
    }
    let mut people = Vec::new();
    for (n, agency, position, active, supervisor) in [
        (1, "GA", "GP1", true, None),
        (2, "GU", "GP1", true, Some(1usize)),
        (3, "GU", "GP1", true, None),
        (4, "GA", "GP1", false, None),
        (5, "GB", "GP2", true, None),
    ] {
        let saved = employees::ActiveModel {
            nip: Set(nip(n)),
            name: Set(format!("Pegawai {n}")),
            email: Set(Some(format!("pegawai{n}@gaps.test"))),
            employment_type: Set(EmploymentType::Pns),
            agency_id: Set(agency_ids[agency]),
            position_id: Set(Some(position_ids[position])),
            grade: Set(Some(Grade::IIIa)),
            supervisor_id: Set(
                supervisor.map(|s: usize| people.get(s - 1).map(|e: &employees::Model| e.id).unwrap())
            ),
            is_active: Set(active),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        people.push(saved);
    }
    let assess =
        |employee: usize, c: &str, level: i16, source: AssessmentSource, on: NaiveDate| NewAssessment {
            employee_id: people[employee - 1].id,
            competency_id: competency_ids[c],
            level,
            source,
            assessed_on: on,
            assessor_name: Some("UPT Penilaian".into()),
            assessor_employee_id: None,
            recorded_by_user_id: None,
            notes: None,
        };
    use AssessmentSource::*;
    for a in [
        assess(1, "X1", 4, AssessmentCentre, day(2025, 1, 1)),
        // Recorded later but older: the newest by date stays current.
        assess(1, "X1", 2, Supervisor, day(2024, 1, 1)),
        assess(1, "X2", 1, Supervisor, day(2025, 6, 1)),
        assess(1, "X2", 3, SelfAssessment, day(2025, 7, 1)),
        assess(2, "X1", 1, AssessmentCentre, day(2025, 3, 1)),
        assess(3, "X1", 2, AssessmentCentre, day(2025, 3, 1)),
        assess(3, "X2", 1, AssessmentCentre, day(2025, 3, 1)),
        assess(3, "X3", 1, AssessmentCentre, day(2025, 3, 1)),
        assess(4, "X1", 1, AssessmentCentre, day(2025, 3, 1)),
        assess(5, "X3", 4, Certification, day(2025, 3, 1)),
    ] {
        assessments::record(db, a, CountingRule::default(), now).await.unwrap();
    }
    // e3 moved from P1 to P2: judged against P2 now.
    employees::ActiveModel {
        id: Set(people[2].id),
        position_id: Set(Some(position_ids["GP2"])),
        ..Default::default()
    }
    .update(db)
    .await
    .unwrap();
    let people = employees::Entity::find()
        .filter(employees::Column::Nip.is_in((1..=5).map(nip)))
        .all(db)
        .await
        .unwrap();
    let mut people = people;
    people.sort_by_key(|e| e.nip.clone());
    Fixture { agencies: agency_ids, competencies: competency_ids, employees: people }
}

fn agg(
    required: i64,
    assessed: i64,
    meeting: i64,
    with_gap: i64,
    not_assessed: i64,
    gap_sum: i64,
    sizes: [i64; 4],
) -> Aggregate {
    Aggregate { required, assessed, meeting, with_gap, not_assessed, gap_sum, gap_sizes: sizes }
}

async fn account(app: &TestApp, email: &str, role: Role, agency: Option<&str>, nip: Option<&str>) {
    let password_hash = bangkom::auth::password::hash(PASSWORD).unwrap();
    create_user(&app.db, NewUser { email, role, agency_code: agency, nip, password_hash }).await.unwrap();
}

async fn gap_arithmetic_on_a_small_region_checked_by_hand(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    let summary = app.run_job("competency-gaps").await;
    assert_eq!(summary.counts["employees"], 4, "e4 is inactive: {summary}");
    let snapshot_id = summary.counts["snapshot"] as i64;
    let stored = snapshot::stored_aggregates(&app.db, snapshot_id).await.unwrap();

    let (a, u, b) = (f.agency("GA"), f.agency("GU"), f.agency("GB"));
    let (x1, x2, x3) = (f.competency("X1"), f.competency("X2"), f.competency("X3"));
    let expected = [
        // A: e1 only (e4 inactive). X1 newest level 4 ≥ 3; X2 supervisor 1 (self 3 not counted).
        ((a, x1), agg(1, 1, 1, 0, 0, 0, [0, 0, 0, 0])),
        ((a, x2), agg(1, 1, 0, 1, 0, 1, [1, 0, 0, 0])),
        // U: e2 (P1) and e3 (now P2). X1: e2 1 < 3 (gap 2), e3 2 ≥ 2.
        ((u, x1), agg(2, 2, 1, 1, 0, 2, [0, 1, 0, 0])),
        // X2 required of e2 only (e3's P2 does not require it), never assessed.
        ((u, x2), agg(1, 0, 0, 0, 1, 0, [0, 0, 0, 0])),
        // X3 required of e3 (P2): 1 < 4, gap 3.
        ((u, x3), agg(1, 1, 0, 1, 0, 3, [0, 0, 1, 0])),
        // B: e5, X1 never assessed, X3 4 ≥ 4.
        ((b, x1), agg(1, 0, 0, 0, 1, 0, [0, 0, 0, 0])),
        ((b, x3), agg(1, 1, 1, 0, 0, 0, [0, 0, 0, 0])),
    ];
    assert_eq!(stored.len(), expected.len(), "the inactive competency X9 is left out: {stored:?}");
    for (key, want) in expected {
        assert_eq!(stored.get(&key), Some(&want), "agency/competency {key:?}");
    }
    // The straightforward query from the raw history agrees.
    assert_eq!(snapshot::reference_aggregates(&app.db, false).await.unwrap(), stored);

    // The employee's own gaps, derived when read.
    let admin = bangkom_entities::policy::Actor {
        user_id: 0,
        email: "x".into(),
        role: Role::Admin,
        employee_id: None,
        locale: bangkom_entities::enums::Locale::Id,
        agency_scope: vec![],
    };
    let g = bangkom_entities::gaps::employee::gaps_of(&app.db, &admin, f.employee(2).id).await.unwrap();
    let sizes: Vec<(String, Option<i16>)> = g.gaps.iter().map(|x| (x.code.clone(), x.size())).collect();
    assert_eq!(
        sizes,
        vec![("X1".into(), Some(2)), ("X2".into(), None)],
        "largest gap first, then not assessed"
    );
    // Match: min(1,3) + 0 of 3 + 2 = 1/5 = 20%.
    assert_eq!(g.matched.percent(), Some(20));
    let g = bangkom_entities::gaps::employee::gaps_of(&app.db, &admin, f.employee(3).id).await.unwrap();
    assert_eq!(g.matched.percent(), Some(50), "P2: (2 + 1) / (2 + 4)");
    assert_eq!(g.matched.band(Default::default()), Some(bangkom_entities::gaps::Band::Low));
}

async fn the_dashboard_rolls_up_the_tree_and_shows_the_change(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    app.run_job("competency-gaps").await;
    // e2 closes the X1 gap; the next snapshot shows the change.
    assessments::record(
        &app.db,
        NewAssessment {
            employee_id: f.employee(2).id,
            competency_id: f.competency("X1"),
            level: 3,
            source: AssessmentSource::AssessmentCentre,
            assessed_on: day(2026, 1, 10),
            assessor_name: None,
            assessor_employee_id: None,
            recorded_by_user_id: None,
            notes: None,
        },
        CountingRule::default(),
        Utc::now(),
    )
    .await
    .unwrap();
    app.run_job("competency-gaps").await;

    let heat = snapshot::heatmap(&app.db, &Reach::Region, None).await.unwrap();
    assert_eq!(heat.root.as_ref().map(|r| r.0), Some(f.agency("GR")), "the single region root is opened");
    let names: Vec<&str> = heat.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(names, ["GA", "GB"]);
    let x1 = heat.competencies.iter().position(|c| c.code == "X1").unwrap();
    let a_x1 = &heat.rows[0].cells[x1];
    // A's subtree: e1 (4 ≥ 3), e2 (now 3 ≥ 3), e3 (2 ≥ 2).
    assert_eq!(a_x1.now, agg(3, 3, 3, 0, 0, 0, [0, 0, 0, 0]));
    assert_eq!(a_x1.before.unwrap(), agg(3, 3, 2, 1, 0, 2, [0, 1, 0, 0]));
    assert_eq!(a_x1.change_permille(), Some(-333));
    // The total row sums every row.
    let total_x1 = &heat.total.cells[x1];
    assert_eq!(total_x1.now.required, 4);
    assert_eq!(total_x1.now.not_assessed, 1);

    // Inside A: its own employees and the unit.
    let inside = snapshot::heatmap(&app.db, &Reach::Region, Some(f.agency("GA"))).await.unwrap();
    let rows: Vec<(String, bool)> = inside.rows.iter().map(|r| (r.code.clone(), r.own_only)).collect();
    assert_eq!(rows, vec![("GA".into(), true), ("GU".into(), false)]);

    // The page: SVG heatmap, figures in a table, and cell links to the employees.
    account(&app, "admin@gaps.test", Role::Admin, None, None).await;
    app.login("admin@gaps.test", PASSWORD).await;
    let page = app.get("/kesenjangan").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg") && html.contains("Peta panas kesenjangan"), "{html}");
    assert!(html.contains("#fde725") || html.contains("#440154"), "viridis fills");
    assert!(
        html.contains(&format!("/kesenjangan/rincian?agency={}&amp;competency=", f.agency("GA"))),
        "cell links"
    );
    assert!(html.contains("−33,3"), "the change since the previous snapshot: {html}");
    let cell = app
        .get(&format!("/kesenjangan/rincian?agency={}&competency={}", f.agency("GA"), f.competency("X2")))
        .await
        .text()
        .await
        .unwrap();
    assert!(cell.contains("Pegawai 1") && cell.contains("Pegawai 2"), "gap and not assessed: {cell}");
    assert!(!cell.contains("Pegawai 3"), "e3 is not required X2 any more");
    let only_gaps = app
        .get(&format!(
            "/kesenjangan/rincian?agency={}&competency={}&show=gap",
            f.agency("GA"),
            f.competency("X2")
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(only_gaps.contains("Pegawai 1") && !only_gaps.contains("Pegawai 2"));
    assert_eq!(app.get("/kesenjangan?agency=999999").await.status(), 404);
}

async fn a_reader_during_a_run_sees_a_whole_snapshot(backend: Backend) {
    let app = spawn_app(backend).await;
    run_ok(app.cli().args(["seed", "synthetic", "--employees", "3000", "--agencies", "8"]));
    let first = app.run_job("competency-gaps").await;
    let rows_per_snapshot = first.counts["rows"];
    assert!(rows_per_snapshot > 100);

    let db = app.db.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut seen = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let newest = snapshot::latest(&db, 1).await.unwrap();
                let id = newest[0].id;
                let rows = gap_snapshot_rows::Entity::find()
                    .filter(gap_snapshot_rows::Column::SnapshotId.eq(id))
                    .count(&db)
                    .await
                    .unwrap();
                seen.push((id, rows));
                tokio::task::yield_now().await;
            }
            seen
        })
    };
    let second = app.run_job("competency-gaps").await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = reader.await.unwrap();
    let (first_id, second_id) = (first.counts["snapshot"] as i64, second.counts["snapshot"] as i64);
    assert!(!seen.is_empty());
    for (id, rows) in &seen {
        assert!(*id == first_id || *id == second_id, "{id}");
        assert_eq!(*rows, rows_per_snapshot, "snapshot {id} was seen with {rows} rows: never a half");
    }
    assert_eq!(
        snapshot::latest(&app.db, 1).await.unwrap()[0].id,
        second_id,
        "the new snapshot replaces the old"
    );
    // And the set-based job agrees with the window-function query on a larger data set.
    let stored = snapshot::stored_aggregates(&app.db, second_id).await.unwrap();
    assert_eq!(snapshot::reference_aggregates(&app.db, false).await.unwrap(), stored);
}

async fn post_assessment(
    who: &TestApp,
    employee: i64,
    fields: Vec<(&'static str, String)>,
) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    who.post_form(&format!("/kesenjangan/pegawai/{employee}/penilaian"), &borrowed).await
}

async fn upload(who: &TestApp, text: String) -> reqwest::Response {
    let csrf = who.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("file", reqwest::multipart::Part::bytes(text.into_bytes()).file_name("hasil.csv"));
    who.client.post(who.url("/kesenjangan/impor")).multipart(form).send().await.unwrap()
}

async fn program(app: &TestApp, code: &str, competency: i64, target: i16) -> i64 {
    let now = Utc::now();
    let p = training_programs::ActiveModel {
        code: Set(code.into()),
        title: Set(format!("Pelatihan {code}")),
        description: Set(None),
        method: Set(TrainingMethod::Pelatihan),
        delivery: Set(DeliveryMode::FaceToFace),
        organizer_kind: Set(OrganizerKind::Bpsdm),
        organizer_name: Set("BPSDM".into()),
        jp: Set(24),
        requires_supervisor_approval: Set(false),
        level3_delay_days: Set(90),
        min_grade: Set(None),
        max_grade: Set(None),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    program_competencies::ActiveModel {
        program_id: Set(p.id),
        competency_id: Set(competency),
        target_level: Set(target),
    }
    .insert(&app.db)
    .await
    .unwrap();
    p.id
}

async fn batch(
    app: &TestApp,
    program_id: i64,
    n: i32,
    starts: NaiveDate,
    quota: i32,
    taken: i32,
    status: BatchStatus,
) -> i64 {
    let now = Utc::now();
    training_batches::ActiveModel {
        program_id: Set(program_id),
        batch_number: Set(n),
        name: Set(format!("Angkatan {n}")),
        starts_on: Set(starts),
        ends_on: Set(starts + chrono::Duration::days(3)),
        daily_start_time: Set(None),
        daily_end_time: Set(None),
        place: Set(Some("Aula".into())),
        online_url: Set(None),
        quota: Set(quota),
        seats_taken: Set(taken),
        enrolment_opens_at: Set(None),
        enrolment_closes_at: Set(None),
        withdrawal_deadline: Set(None),
        status: Set(status),
        next_certificate_seq: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn the_training_needs_plan_counts_and_exports(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    let today = Utc::now().date_naive();
    // T1 raises X1 to 3: serves e2 (1 < 3, gap). Quotas 20 and 40: typical 30. One open
    // batch ahead with 15 free seats, one completed one.
    let t1 = program(&app, "T1", f.competency("X1"), 3).await;
    let open = batch(&app, t1, 1, today + chrono::Duration::days(30), 20, 5, BatchStatus::Open).await;
    batch(&app, t1, 2, today - chrono::Duration::days(60), 40, 40, BatchStatus::Completed).await;
    // T2 raises X3 to 5 but only for JPT: e3 (pelaksana) is not eligible.
    let t2 = program(&app, "T2", f.competency("X3"), 5).await;
    program_eligible_families::ActiveModel { program_id: Set(t2), family: Set(PositionFamily::Jpt) }
        .insert(&app.db)
        .await
        .unwrap();
    // T3 raises X2 only to level 1: nobody with a gap is below it.
    program(&app, "T3", f.competency("X2"), 1).await;

    let lines = plan::training_needs(&app.db, &Reach::Region, None, today).await.unwrap();
    let by_code: HashMap<&str, &plan::PlanLine> = lines.iter().map(|l| (l.code.as_str(), l)).collect();
    assert_eq!(by_code.len(), 3, "X1, X2 and X3 have gaps");
    let x1 = by_code["X1"];
    assert_eq!((x1.required, x1.with_gap, x1.not_assessed), (4, 1, 1));
    let t1_line = &x1.programs[0];
    assert_eq!((t1_line.code.as_str(), t1_line.serves, t1_line.typical_quota), ("T1", 1, 30));
    assert_eq!(t1_line.batches_needed, 1);
    assert_eq!(
        t1_line.planned.iter().map(|b| (b.batch_id, b.free_seats)).collect::<Vec<_>>(),
        vec![(open, 15)]
    );
    assert_eq!(t1_line.batches_to_schedule, 0, "the open batch's free seats cover the need");
    assert_eq!(by_code["X3"].programs[0].serves, 0, "T2 is for JPT only");
    assert_eq!(by_code["X2"].programs[0].serves, 0, "T3's target is below every current level");

    // The page and the exports (staff).
    account(&app, "admin@gaps.test", Role::Admin, None, None).await;
    app.login("admin@gaps.test", PASSWORD).await;
    let html = app.get("/kesenjangan/rencana").await.text().await.unwrap();
    assert!(html.contains("data-serves=\"1\"") && html.contains("T1"), "{html}");
    let csv_response = app.get("/kesenjangan/rencana/unduh?format=csv").await;
    assert_eq!(csv_response.status(), 200);
    assert!(csv_response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let bytes = csv_response.bytes().await.unwrap();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[0], "Kode kompetensi");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let t1_row = records.iter().find(|r| &r[5] == "T1").expect("a T1 line");
    assert_eq!((&t1_row[0], &t1_row[3], &t1_row[8], &t1_row[10], &t1_row[12]), ("X1", "1", "1", "1", "15"));

    let xlsx = app.get("/kesenjangan/rencana/unduh?format=xlsx").await.bytes().await.unwrap();
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let range = workbook.worksheet_range("Kebutuhan pelatihan").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0][0], Data::String("Kode kompetensi".into()));
    let t1_row = rows.iter().find(|r| r[5] == Data::String("T1".into())).expect("a T1 row");
    assert_eq!(t1_row[8], Data::Float(1.0), "serves");
    assert_eq!(t1_row[12], Data::Float(15.0), "free seats");
    assert_eq!(rows.len(), 1 + records.len(), "the same lines as the CSV");

    // The individual development plan of e2: X1 (gap 2) with T1's open batch and e1 as a
    // mentor (level 4, same agency tree); X2 (not assessed) after it.
    let idp = bangkom_entities::gaps::employee::development_plan(
        &app.db,
        &bangkom_entities::gaps::employee::gaps_of(
            &app.db,
            &bangkom_entities::policy::Actor {
                user_id: 0,
                email: "x".into(),
                role: Role::Admin,
                employee_id: None,
                locale: bangkom_entities::enums::Locale::Id,
                agency_scope: vec![],
            },
            f.employee(2).id,
        )
        .await
        .unwrap(),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(idp.iter().map(|i| i.gap.code.as_str()).collect::<Vec<_>>(), ["X1", "X2"]);
    assert_eq!(idp[0].batches.iter().map(|b| b.batch_id).collect::<Vec<_>>(), vec![open]);
    assert_eq!(idp[0].mentors.iter().map(|m| m.employee_id).collect::<Vec<_>>(), vec![f.employee(1).id]);
    assert!(idp[1].batches.is_empty(), "T3 targets level 1 only, but X2 is not assessed: target 1 > 0");
}

async fn each_role_sees_the_gaps_it_may_see(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    app.run_job("competency-gaps").await;
    account(&app, "e1@gaps.test", Role::Employee, None, Some(&nip(1))).await;
    account(&app, "e2@gaps.test", Role::Employee, None, Some(&nip(2))).await;
    account(&app, "opb@gaps.test", Role::Operator, Some("GB"), None).await;

    // The supervisor: themself and their subordinate; no dashboard.
    let e1 = app.new_browser();
    e1.login("e1@gaps.test", PASSWORD).await;
    assert_eq!(e1.get("/kesenjangan").await.headers()["location"], "/kesenjangan/pegawai");
    let list = e1.get("/kesenjangan/pegawai").await.text().await.unwrap();
    assert!(
        list.contains("Pegawai 1") && list.contains("Pegawai 2") && !list.contains("Pegawai 5"),
        "{list}"
    );
    assert_eq!(e1.get(&format!("/kesenjangan/pegawai/{}", f.employee(2).id)).await.status(), 200);
    assert_eq!(e1.get(&format!("/kesenjangan/pegawai/{}", f.employee(3).id)).await.status(), 404);
    assert_eq!(e1.get("/kesenjangan/rencana").await.status(), 404);

    // The subordinate: only themself.
    let e2 = app.new_browser();
    e2.login("e2@gaps.test", PASSWORD).await;
    let own = e2.get(&format!("/kesenjangan/pegawai/{}", f.employee(2).id)).await.text().await.unwrap();
    assert!(own.contains("data-gap=\"2\"") && own.contains("data-gap=\"not_assessed\""), "{own}");
    assert!(own.contains("20% · kurang optimal"), "the match and its band: {own}");
    assert_eq!(e2.get(&format!("/kesenjangan/pegawai/{}", f.employee(1).id)).await.status(), 404);

    // The operator of B: B only, everywhere.
    let op = app.new_browser();
    op.login("opb@gaps.test", PASSWORD).await;
    let dash = op.get("/kesenjangan").await.text().await.unwrap();
    assert!(dash.contains("Instansi GB") && !dash.contains("Instansi GA"), "{dash}");
    assert_eq!(op.get(&format!("/kesenjangan?agency={}", f.agency("GA"))).await.status(), 404);
    assert_eq!(op.get(&format!("/kesenjangan/pegawai/{}", f.employee(5).id)).await.status(), 200);
    assert_eq!(op.get(&format!("/kesenjangan/pegawai/{}", f.employee(1).id)).await.status(), 404);
    assert_eq!(
        op.get(&format!("/kesenjangan/rincian?agency={}&competency={}", f.agency("GA"), f.competency("X1")))
            .await
            .status(),
        404
    );

    // The API follows the same policy.
    let token = app.new_browser().api_token("e2@gaps.test", PASSWORD).await;
    let api = |path: String| {
        app.client.get(app.url(&path)).header("authorization", format!("Bearer {token}")).send()
    };
    let mine: serde_json::Value =
        api(format!("/api/v1/gaps/employees/{}", f.employee(2).id)).await.unwrap().json().await.unwrap();
    assert_eq!(mine["match_percent"], 20);
    assert_eq!(mine["gaps"][0]["gap"], 2);
    assert!(mine["gaps"][1]["gap"].is_null());
    assert_eq!(api(format!("/api/v1/gaps/employees/{}", f.employee(1).id)).await.unwrap().status(), 404);
    assert_eq!(api("/api/v1/gaps/heatmap".into()).await.unwrap().status(), 404);
    let admin_token = {
        account(&app, "admin@gaps.test", Role::Admin, None, None).await;
        app.new_browser().api_token("admin@gaps.test", PASSWORD).await
    };
    let heat: serde_json::Value = app
        .client
        .get(app.url("/api/v1/gaps/heatmap"))
        .header("authorization", format!("Bearer {admin_token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(heat["rows"][0]["cells"]["X1"]["required"], 3, "{heat}");
    assert_eq!(heat["total"]["total"]["not_assessed"], 2);
    let openapi = app.get("/api/openapi.json").await.text().await.unwrap();
    assert!(openapi.contains("/api/v1/gaps/employees/{id}/assessments"));
}

async fn assessments_are_recorded_by_staff_supervisors_and_oneself(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    account(&app, "e1@gaps.test", Role::Employee, None, Some(&nip(1))).await;
    account(&app, "e2@gaps.test", Role::Employee, None, Some(&nip(2))).await;
    let e2 = f.employee(2).id;
    let level_of = |employee: i64, competency: i64| {
        let db = app.db.clone();
        async move {
            employee_competency_levels::Entity::find()
                .filter(employee_competency_levels::Column::EmployeeId.eq(employee))
                .filter(employee_competency_levels::Column::CompetencyId.eq(competency))
                .one(&db)
                .await
                .unwrap()
                .map(|l| l.level)
        }
    };

    // An employee's self-assessment is kept apart and does not count.
    let me = app.new_browser();
    me.login("e2@gaps.test", PASSWORD).await;
    let today = Utc::now().date_naive().to_string();
    let form = |level: &'static str, source: &'static str, date: String| {
        vec![
            ("competency", "X2".to_owned()),
            ("level", level.to_owned()),
            ("source", source.to_owned()),
            ("assessed_on", date),
            ("notes", "".to_owned()),
        ]
    };
    let response = post_assessment(&me, e2, form("4", "self", today.clone())).await;
    assert_eq!(response.status(), 303);
    assert_eq!(level_of(e2, f.competency("X2")).await, None, "not counted by default");
    let page = me.get(&format!("/kesenjangan/pegawai/{e2}")).await.text().await.unwrap();
    assert!(page.contains("data-self=\"yes\"") && page.contains("tidak dihitung"), "{page}");
    // … and an employee cannot pose as their supervisor.
    let response = post_assessment(&me, e2, form("4", "supervisor", today.clone())).await;
    assert_eq!(response.status(), 422);

    // The supervisor rates the subordinate: it counts.
    let boss = app.new_browser();
    boss.login("e1@gaps.test", PASSWORD).await;
    assert_eq!(post_assessment(&boss, e2, form("2", "supervisor", today.clone())).await.status(), 303);
    assert_eq!(level_of(e2, f.competency("X2")).await, Some(2));
    let rating = competency_assessments::Entity::find()
        .filter(competency_assessments::Column::EmployeeId.eq(e2))
        .filter(competency_assessments::Column::Source.eq(AssessmentSource::Supervisor))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rating.assessor_employee_id, Some(f.employee(1).id));
    // Every wrong field is reported at once, nothing is stored.
    let response = post_assessment(
        &boss,
        e2,
        vec![
            ("competency", "NOPE".into()),
            ("level", "7".into()),
            ("source", "supervisor".into()),
            ("assessed_on", "2999-01-01".into()),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("NOPE") && html.contains("Level harus bilangan bulat") && html.contains("2999-01-01"),
        "{html}"
    );
    // A colleague who is not the supervisor cannot rate: the employee does not exist for them.
    let other = f.employee(3).id;
    let response = boss
        .post_form(
            &format!("/kesenjangan/pegawai/{other}/penilaian"),
            &[("competency", "X1"), ("level", "3")],
        )
        .await;
    assert_eq!(response.status(), 404);

    // The API: 422 with fields, 201 when right.
    let token = app.new_browser().api_token("e1@gaps.test", PASSWORD).await;
    let call = |body: serde_json::Value| {
        app.client
            .post(app.url(&format!("/api/v1/gaps/employees/{e2}/assessments")))
            .header("authorization", format!("Bearer {token}"))
            .json(&body)
            .send()
    };
    let bad = call(
        serde_json::json!({"competency": "X1", "level": 9, "source": "supervisor", "assessed_on": today}),
    )
    .await
    .unwrap();
    assert_eq!(bad.status(), 422);
    let body: serde_json::Value = bad.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "level");
    let ok = call(
        serde_json::json!({"competency": "x1", "level": 3, "source": "supervisor", "assessed_on": today}),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), 201);
    // e2's X1 is an assessment-centre 1 of 2025-03-01: a supervisor's rating inside the
    // 24-month window is recorded but does not replace it.
    assert_eq!(level_of(e2, f.competency("X1")).await, Some(1));
    let ok = call(
        serde_json::json!({"competency": "X2", "level": 3, "source": "supervisor", "assessed_on": today}),
    )
    .await
    .unwrap();
    assert_eq!(ok.status(), 201);
    assert_eq!(level_of(e2, f.competency("X2")).await, Some(3), "nothing stronger: the rating is current");

    // Staff may choose to count self-assessments: the current levels are recounted. A
    // self-assessment is the weakest source, so inside the window it does not replace a
    // supervisor's rating: e1's X2, supervisor 1 (2025-06-01), self 3 (2025-07-01) → still 1.
    let with_self = CountingRule { count_self_assessments: true, ..CountingRule::default() };
    let n =
        bangkom_entities::gaps::assessments::recount_levels(&app.db, with_self, Utc::now()).await.unwrap();
    assert!(n > 0);
    assert_eq!(level_of(f.employee(1).id, f.competency("X2")).await, Some(1));
    // With self-assessments weighed as a supervisor's rating, the newer one wins → 3.
    let precedence = assessments::Precedence::parse(
        "assessment_centre > certification > supervisor = post_training_evaluation = self > mentoring",
    )
    .unwrap();
    let equal = CountingRule { precedence, ..with_self };
    bangkom_entities::gaps::assessments::recount_levels(&app.db, equal, Utc::now()).await.unwrap();
    assert_eq!(level_of(f.employee(1).id, f.competency("X2")).await, Some(3));
}

async fn assessment_centre_results_import_whole_or_not_at_all(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    account(&app, "admin@gaps.test", Role::Admin, None, None).await;
    account(&app, "opb@gaps.test", Role::Operator, Some("GB"), None).await;
    app.login("admin@gaps.test", PASSWORD).await;
    let before = competency_assessments::Entity::find().count(&app.db).await.unwrap();
    let bad = format!(
        "NIP;competency_code;level;assessed_on;assessor\n\
         {};X1;4;2026-01-05;UPT\n\
         199001152015031009;X1;3;2026-01-05;UPT\n\
         {};X7;3;2026-01-05;UPT\n\
         {};X2;6;2999-01-05;UPT\n\
         {};X1;3;2026-01-05;UPT\n",
        nip(2),
        nip(2),
        nip(3),
        nip(2)
    );
    let response = upload(&app, bad).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    for expected in ["199001152015031009", "X7", "6", "2999-01-05", "baris 2"] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    assert_eq!(
        competency_assessments::Entity::find().count(&app.db).await.unwrap(),
        before,
        "nothing written"
    );

    let good = format!(
        "nip,competency_code,level,assessed_on,assessor,notes\n\
         {},X1,4,2026-01-05,UPT Penilaian,\n\
         {},X2,2,2026-01-05,UPT Penilaian,ulang 2027\n\
         {},X1,1,2020-01-05,UPT Penilaian,lama\n",
        nip(2),
        nip(2),
        nip(5)
    );
    let response = upload(&app, good.clone()).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("3 penilaian baru"), "{html}");
    assert_eq!(competency_assessments::Entity::find().count(&app.db).await.unwrap(), before + 3);
    let level = |e: i64, c: i64| {
        let db = app.db.clone();
        async move {
            employee_competency_levels::Entity::find()
                .filter(employee_competency_levels::Column::EmployeeId.eq(e))
                .filter(employee_competency_levels::Column::CompetencyId.eq(c))
                .one(&db)
                .await
                .unwrap()
                .map(|l| l.level)
        }
    };
    assert_eq!(level(f.employee(2).id, f.competency("X1")).await, Some(4), "newest wins");
    assert_eq!(level(f.employee(2).id, f.competency("X2")).await, Some(2));
    assert_eq!(level(f.employee(5).id, f.competency("X1")).await, Some(1));
    // Again: nothing duplicated.
    let html = upload(&app, good).await.text().await.unwrap();
    assert!(html.contains("0 penilaian baru") && html.contains("3 tidak berubah"), "{html}");
    assert_eq!(competency_assessments::Entity::find().count(&app.db).await.unwrap(), before + 3);

    // An operator imports for their agencies only.
    let op = app.new_browser();
    op.login("opb@gaps.test", PASSWORD).await;
    let response = upload(
        &op,
        format!("nip,competency_code,level,assessed_on,assessor\n{},X1,2,2026-02-01,UPT\n", nip(1)),
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("di luar kewenangan"));
}

async fn the_command_line_imports_assessments_and_recounts_levels(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    let file = app.work_dir.path().join("hasil.csv");
    std::fs::write(
        &file,
        format!("nip,competency_code,level,assessed_on,assessor\n{},X9,3,2026-01-05,UPT\n", nip(2)),
    )
    .unwrap();
    let output = app.cli().args(["gaps", "import"]).arg(&file).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 2, column competency_code") && stderr.contains("X9"), "{stderr}");
    std::fs::write(
        &file,
        format!("nip,competency_code,level,assessed_on,assessor\n{},X2,2,2026-01-05,UPT\n", nip(2)),
    )
    .unwrap();
    let output = run_ok(app.cli().args(["gaps", "import"]).arg(&file));
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 created"));
    let output =
        run_ok(app.cli().args(["gaps", "recount-levels"]).env("BANGKOM_COUNT_SELF_ASSESSMENTS", "on").env(
            "BANGKOM_ASSESSMENT_PRECEDENCE",
            "assessment_centre > certification > supervisor = post_training_evaluation = self > mentoring",
        ));
    assert!(String::from_utf8_lossy(&output.stdout).contains("self-assessments counted"));
    let level = employee_competency_levels::Entity::find()
        .filter(employee_competency_levels::Column::EmployeeId.eq(f.employee(1).id))
        .filter(employee_competency_levels::Column::CompetencyId.eq(f.competency("X2")))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((level.level, level.source), (3, AssessmentSource::SelfAssessment));
}

/// An assessment-centre result is the reference: a supervisor's rating dated inside the
/// recency window after it is recorded and shown but does not replace it; outside the window
/// it does. `bangkom gaps recount-levels` applies the configured window to existing data, and
/// the profile says where the current level comes from.
async fn an_assessment_centre_level_outranks_a_newer_supervisor_rating_inside_the_window(backend: Backend) {
    use AssessmentSource::*;
    let app = spawn_app(backend).await;
    let f = fixture(&app).await;
    let db = &app.db;
    let (e4, e5, x1) = (f.employee(4).id, f.employee(5).id, f.competency("X1"));
    let record = |employee: i64, level: i16, source: AssessmentSource, on: NaiveDate| {
        let db = db.clone();
        async move {
            let new = NewAssessment {
                employee_id: employee,
                competency_id: x1,
                level,
                source,
                assessed_on: on,
                assessor_name: Some("Uji".into()),
                assessor_employee_id: None,
                recorded_by_user_id: None,
                notes: None,
            };
            assessments::record(&db, new, CountingRule::default(), Utc::now()).await.unwrap();
        }
    };
    let current = |employee: i64| {
        let db = db.clone();
        async move {
            let l = employee_competency_levels::Entity::find()
                .filter(employee_competency_levels::Column::EmployeeId.eq(employee))
                .filter(employee_competency_levels::Column::CompetencyId.eq(x1))
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            (l.level, l.source, l.assessed_on)
        }
    };
    // e4: assessment centre 1 on 2025-03-01 (the fixture); a supervisor's 3 a year later.
    record(e4, 3, Supervisor, day(2026, 3, 1)).await;
    assert_eq!(current(e4).await, (1, AssessmentCentre, day(2025, 3, 1)), "inside the window");
    // e5: assessment centre 2 on 2023-01-10; a supervisor's 3 on 2025-06-01, 29 months later.
    record(e5, 2, AssessmentCentre, day(2023, 1, 10)).await;
    record(e5, 3, Supervisor, day(2025, 6, 1)).await;
    assert_eq!(current(e5).await, (3, Supervisor, day(2025, 6, 1)), "outside the window");

    // The profile shows the current level's source and date, and the rating in the history.
    account(&app, "admin@gaps.test", Role::Admin, None, None).await;
    app.login("admin@gaps.test", PASSWORD).await;
    let page = app.get(&format!("/kesenjangan/pegawai/{e4}")).await.text().await.unwrap();
    assert!(page.contains("Assessment center, 1 Maret 2025"), "{page}");
    assert!(
        page.contains("1 Maret 2026") && page.contains("Penilaian atasan"),
        "the rating is shown: {page}"
    );
    assert!(
        page.contains("data-outranked=\"true\"")
            && page.contains("tidak menggantikan: sumber lebih kuat masih berlaku"),
        "and why it is not current: {page}"
    );
    let page = app.get(&format!("/kesenjangan/pegawai/{e5}")).await.text().await.unwrap();
    assert!(!page.contains("data-outranked"), "outside the window the rating is current: {page}");

    // A longer window, applied to the existing data: e5's assessment centre holds again.
    let out =
        run_ok(app.cli().args(["gaps", "recount-levels"]).env("BANGKOM_ASSESSMENT_WINDOW_MONTHS", "36"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("after 36 months"), "{out:?}");
    assert_eq!(current(e5).await, (2, AssessmentCentre, day(2023, 1, 10)));
    assert_eq!(current(e4).await, (1, AssessmentCentre, day(2025, 3, 1)));
    // Back to the default: the rating outside 24 months is current again.
    run_ok(app.cli().args(["gaps", "recount-levels"]));
    assert_eq!(current(e5).await, (3, Supervisor, day(2025, 6, 1)));
    assert_eq!(current(e4).await, (1, AssessmentCentre, day(2025, 3, 1)));
}

/// A newcomer who starts the demo sees its gaps at once, not an empty dashboard until night.
async fn the_demo_opens_on_a_filled_dashboard(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("admin@bangkom.test", crate::support::DEMO_PASSWORD).await;
    let page = app.get("/kesenjangan").await.text().await.unwrap();
    assert!(page.contains("data-snapshot="), "a snapshot is shown: {page}");
    assert!(page.contains("data-total-permille="), "{page}");
    // Seeding again takes no second snapshot.
    app.seed_demo();
    // The README's example of assessment results imports on the demo.
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/examples/assessments.csv");
    let out = run_ok(app.cli().args(["gaps", "import", example]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2 created"), "{stdout}");
    let snapshots = bangkom_entities::schema::gap_snapshots::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(snapshots, 1);
}

/// Every night adds a snapshot; older than 90 days only the first of each month stays.
async fn old_snapshots_are_thinned_to_one_a_month(backend: Backend) {
    use bangkom_entities::schema::{gap_snapshot_rows, gap_snapshots};
    use sea_orm::QueryOrder;
    let app = spawn_app(backend).await;
    let _f = fixture(&app).await;
    let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(18, 30, 0).unwrap().and_utc();
    let mut ids = Vec::new();
    let mut pruned = Vec::new();
    for (y, m, d) in [(2026, 1, 5), (2026, 1, 20), (2026, 2, 3), (2026, 2, 25), (2026, 4, 1), (2026, 5, 31)] {
        let taken = snapshot::take(&app.db, None, at(y, m, d)).await.unwrap();
        assert!(taken.rows > 0);
        ids.push(taken.snapshot_id);
        pruned.push(taken.pruned);
    }
    // On 31 May, 20 January and 25 February are more than 90 days old and not the first of
    // their month: they go. Every other snapshot stays.
    assert_eq!(pruned, [0, 0, 0, 0, 0, 2]);
    let last = snapshot::take(&app.db, None, at(2026, 6, 1)).await.unwrap();
    assert_eq!(last.pruned, 0);
    let kept: Vec<i64> = gap_snapshots::Entity::find()
        .order_by_asc(gap_snapshots::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(kept, [ids[0], ids[2], ids[4], ids[5], last.snapshot_id]);
    let orphan_rows = gap_snapshot_rows::Entity::find()
        .filter(gap_snapshot_rows::Column::SnapshotId.is_in([ids[1], ids[3]]))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(orphan_rows, 0, "their rows went with them");
}
