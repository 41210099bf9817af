//! The foundation: migrations, constraints, the CLI, the demo data, health and OpenAPI.

use bangkom_entities::enums::{
    AgencyKind, BatchStatus, CompetencyKind, EmploymentType, EnrolmentState, PositionFamily,
};
use bangkom_entities::schema::{
    agencies, competencies, employees, enrolments, position_standards, positions, training_batches,
};
use bangkom_migration::{Migrator, MigratorTrait};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use crate::on_both_backends;
use crate::support::{Backend, run_ok, spawn_app};

on_both_backends!(
    migrations_apply_from_empty_and_report_what_they_applied,
    the_database_refuses_what_the_model_forbids,
    health_reports_the_database,
    the_openapi_document_describes_the_api,
    the_home_page_renders_in_indonesian_and_english,
    seeding_the_demo_twice_gives_the_same_data,
    user_create_makes_an_account_and_refuses_bad_input,
);

async fn migrations_apply_from_empty_and_report_what_they_applied(backend: Backend) {
    let database = crate::support::TestDatabase::create(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(crate::support::cli_for(&database.url, dir.path()).arg("migrate"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = Migrator::migrations().len();
    assert!(stdout.contains(&format!("Applied {expected} migration(s)")), "{stdout}");
    assert!(stdout.contains("m20261125_000001_create_organisation"), "{stdout}");

    let out = run_ok(crate::support::cli_for(&database.url, dir.path()).arg("migrate"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("up to date"));

    // Every table of the data model exists and is empty, but for the default survey templates.
    let db = sea_orm::Database::connect(&database.url).await.unwrap();
    for table in [
        "agencies",
        "positions",
        "competencies",
        "position_standards",
        "employees",
        "users",
        "user_sessions",
        "api_tokens",
        "password_resets",
        "login_throttles",
        "competency_assessments",
        "employee_competency_levels",
        "gap_snapshots",
        "gap_snapshot_rows",
        "training_programs",
        "program_competencies",
        "program_eligible_families",
        "program_eligible_agencies",
        "training_batches",
        "enrolments",
        "enrolment_events",
        "attendance_records",
        "mentoring_pairs",
        "mentoring_goals",
        "mentoring_sessions",
        "survey_templates",
        "survey_questions",
        "survey_invitations",
        "survey_answers",
        "mail_outbox",
        "job_runs",
        "job_leases",
        "audit_log",
    ] {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap_or_else(|e| panic!("table {table} is missing: {e}"))
            .unwrap();
        // The default Indonesian survey templates are part of the schema's data.
        let seeded = matches!(table, "survey_templates" | "survey_questions");
        let n = row.try_get::<i64>("", "n").unwrap();
        assert!(if seeded { n > 0 } else { n == 0 }, "{table}: {n} rows");
    }
    db.close().await.ok();
}

struct Fixture {
    agency: agencies::Model,
    position: positions::Model,
    competency: competencies::Model,
}

async fn fixture(db: &DatabaseConnection) -> Fixture {
    let now = Utc::now();
    let agency = agencies::ActiveModel {
        code: Set("BKPSDM".into()),
        name: Set("Badan Kepegawaian dan Pengembangan SDM".into()),
        kind: Set(AgencyKind::Agency),
        parent_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let position = positions::ActiveModel {
        code: Set("ANKEP".into()),
        name: Set("Analis Kepegawaian".into()),
        family: Set(PositionFamily::Fungsional),
        agency_id: Set(Some(agency.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let competency = competencies::ActiveModel {
        code: Set("MJ-01".into()),
        kind: Set(CompetencyKind::Manajerial),
        name_id: Set("Integritas".into()),
        name_en: Set("Integrity".into()),
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
    Fixture { agency, position, competency }
}

fn employee(nip: &str, agency_id: i64) -> employees::ActiveModel {
    let now = Utc::now();
    employees::ActiveModel {
        nip: Set(nip.into()),
        name: Set("Siti Rahmawati".into()),
        email: Set(None),
        employment_type: Set(EmploymentType::Pns),
        agency_id: Set(agency_id),
        position_id: Set(None),
        grade: Set(None),
        supervisor_id: Set(None),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

async fn the_database_refuses_what_the_model_forbids(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = &app.db;
    let f = fixture(db).await;

    employee("199001152015031001", f.agency.id).insert(db).await.unwrap();
    let duplicate = employee("199001152015031001", f.agency.id).insert(db).await;
    assert!(
        matches!(
            duplicate.as_ref().map_err(|e| e.sql_err()),
            Err(Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
        ),
        "a duplicate NIP is refused: {duplicate:?}"
    );

    let level = |required_level: i16| position_standards::ActiveModel {
        position_id: Set(f.position.id),
        competency_id: Set(f.competency.id),
        required_level: Set(required_level),
        ..Default::default()
    };
    assert!(level(6).insert(db).await.is_err(), "a level of 6 is refused");
    assert!(level(0).insert(db).await.is_err(), "a level of 0 is refused");
    level(5).insert(db).await.expect("a level of 5 is accepted");

    let now = Utc::now();
    let orphan = enrolments::ActiveModel {
        batch_id: Set(987_654),
        employee_id: Set(1),
        state: Set(EnrolmentState::Requested),
        requested_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    assert!(
        matches!(
            orphan.as_ref().map_err(|e| e.sql_err()),
            Err(Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)))
        ),
        "an enrolment for a missing batch is refused: {orphan:?}"
    );

    // A batch that ends before it starts, or overfills its quota, is refused.
    let batch = |starts: (i32, u32, u32), ends: (i32, u32, u32), seats: i32| training_batches::ActiveModel {
        program_id: Set(1),
        batch_number: Set(1),
        name: Set("Angkatan I".into()),
        starts_on: Set(NaiveDate::from_ymd_opt(starts.0, starts.1, starts.2).unwrap()),
        ends_on: Set(NaiveDate::from_ymd_opt(ends.0, ends.1, ends.2).unwrap()),
        quota: Set(30),
        seats_taken: Set(seats),
        status: Set(BatchStatus::Draft),
        next_certificate_seq: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    assert!(batch((2026, 3, 10), (2026, 3, 9), 0).insert(db).await.is_err());
    assert!(batch((2026, 3, 10), (2026, 3, 12), 31).insert(db).await.is_err());

    // An enum column holds only the model's words.
    let bad_enum = db
        .execute_unprepared(
            "INSERT INTO agencies (code, name, kind, created_at, updated_at) \
             VALUES ('X', 'X', 'ministry', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        )
        .await;
    assert!(bad_enum.is_err(), "an unknown agency kind is refused");
}

async fn health_reports_the_database(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");

    // With the database gone, the same endpoint answers 503.
    app.db.clone().close().await.unwrap();
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
}

async fn the_openapi_document_describes_the_api(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status(), 200);
    let doc: serde_json::Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{doc}");
    assert_eq!(doc["info"]["title"], "Bangkom API");
    assert!(doc["paths"]["/healthz"]["get"]["responses"]["503"].is_object(), "{doc}");
}

async fn the_home_page_renders_in_indonesian_and_english(backend: Backend) {
    let app = spawn_app(backend).await;
    let page = app.get("/").await;
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"id\">"), "{html}");
    assert!(html.contains("href=\"/masuk\""), "anonymous visitors are offered the login: {html}");
    assert!(!html.contains("Pegawai aktif"), "the region's figures are for staff: {html}");

    app.seed_demo();
    app.login("admin@bangkom.test", crate::support::DEMO_PASSWORD).await;
    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains("Pegawai aktif"), "{html}");
    assert!(html.contains("name=\"viewport\""));
    assert!(!html.contains("https://"), "nothing is loaded from elsewhere");

    let english = app
        .new_browser()
        .client
        .get(app.url("/"))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("<html lang=\"en\">") && english.contains("Log in"), "{english}");

    let css = app.get("/static/app.css").await;
    assert_eq!(css.status(), 200);
    assert!(css.headers()["content-type"].to_str().unwrap().starts_with("text/css"));

    let missing = app.get("/tidak-ada").await;
    assert_eq!(missing.status(), 404);
    assert!(missing.text().await.unwrap().contains("Halaman tidak ditemukan"));
}

async fn counts(db: &DatabaseConnection) -> Vec<(&'static str, u64)> {
    use bangkom_entities::schema::*;
    vec![
        ("agencies", agencies::Entity::find().count(db).await.unwrap()),
        ("positions", positions::Entity::find().count(db).await.unwrap()),
        ("competencies", competencies::Entity::find().count(db).await.unwrap()),
        ("standards", position_standards::Entity::find().count(db).await.unwrap()),
        ("employees", employees::Entity::find().count(db).await.unwrap()),
        ("users", users::Entity::find().count(db).await.unwrap()),
        ("assessments", competency_assessments::Entity::find().count(db).await.unwrap()),
        ("levels", employee_competency_levels::Entity::find().count(db).await.unwrap()),
        ("programs", training_programs::Entity::find().count(db).await.unwrap()),
        ("batches", training_batches::Entity::find().count(db).await.unwrap()),
        ("enrolments", enrolments::Entity::find().count(db).await.unwrap()),
        ("pairs", mentoring_pairs::Entity::find().count(db).await.unwrap()),
        ("sessions", mentoring_sessions::Entity::find().count(db).await.unwrap()),
    ]
}

async fn seeding_the_demo_twice_gives_the_same_data(backend: Backend) {
    let app = spawn_app(backend).await;
    let first = run_ok(app.cli().args(["seed", "demo"]));
    let after_first = counts(&app.db).await;
    let printed = String::from_utf8_lossy(&first.stdout);
    for account in ["admin@", "operator@", "pegawai@", "atasan@", "mentor@"] {
        assert!(printed.contains(account), "the demo accounts are printed: {printed}");
    }
    assert!(printed.to_lowercase().contains("password"), "{printed}");

    run_ok(app.cli().args(["seed", "demo"]));
    assert_eq!(counts(&app.db).await, after_first, "a second run changes nothing");

    let get = |name: &str| after_first.iter().find(|(n, _)| *n == name).unwrap().1;
    assert!((5..=10).contains(&get("agencies").min(10)), "{after_first:?}");
    assert!(get("employees") >= 250, "{after_first:?}");
    assert_eq!(get("competencies"), 15);
    assert!(get("assessments") > get("employees"));
    assert!(get("pairs") >= 3 && get("sessions") > get("pairs"));

    // Every enrolment state occurs, and every employee's NIP is valid.
    for &state in EnrolmentState::ALL {
        let n = enrolments::Entity::find()
            .filter(enrolments::Column::State.eq(state))
            .count(&app.db)
            .await
            .unwrap();
        assert!(n > 0, "the demo has enrolments in state {state:?}");
    }
    for e in employees::Entity::find().all(&app.db).await.unwrap() {
        bangkom_entities::nip::Nip::parse(&e.nip).unwrap_or_else(|err| panic!("{}: {err}", e.nip));
    }
    // Batches in the past, running now and in the future.
    let today = Utc::now().date_naive();
    let batches = training_batches::Entity::find().all(&app.db).await.unwrap();
    assert!(batches.iter().any(|b| b.ends_on < today && b.status == BatchStatus::Completed));
    assert!(
        batches
            .iter()
            .any(|b| b.starts_on <= today && today <= b.ends_on && b.status == BatchStatus::Running)
    );
    assert!(batches.iter().any(|b| b.starts_on > today && b.status == BatchStatus::Open));

    // The home page shows the seeded figures to staff.
    app.login("admin@bangkom.test", crate::support::DEMO_PASSWORD).await;
    let active =
        employees::Entity::find().filter(employees::Column::IsActive.eq(true)).count(&app.db).await.unwrap();
    assert!(active < get("employees"), "the demo has a few inactive employees");
    let html = app.get("/").await.text().await.unwrap();
    assert!(html.contains(&format!("data-stat=\"StatEmployees\">{}", thousands(active))), "{html}");
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

async fn user_create_makes_an_account_and_refuses_bad_input(backend: Backend) {
    use std::io::Write;
    let app = spawn_app(backend).await;
    let f = fixture(&app.db).await;
    employee("198512302010122002", f.agency.id).insert(&app.db).await.unwrap();

    let out = run_ok(app.cli().args(["user", "create", "--role", "admin", "--email", "Admin@Bkpsdm.go.id"]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("admin@bkpsdm.go.id") && stdout.contains("Password: "), "{stdout}");
    let user = bangkom_entities::schema::users::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert!(user.password_hash.starts_with("$argon2id$"));

    let mut child = app
        .cli()
        .args([
            "user",
            "create",
            "--role",
            "employee",
            "--email",
            "siti@bkpsdm.go.id",
            "--nip",
            "198512302010122002",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"kata-sandi-siti-2026\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("kata-sandi"), "a given password is not echoed");

    for (args, message) in [
        (vec!["--role", "admin", "--email", "admin@bkpsdm.go.id"], "already exists"),
        (vec!["--role", "operator", "--email", "op@bkpsdm.go.id"], "--agency"),
        (vec!["--role", "operator", "--email", "op@bkpsdm.go.id", "--agency", "NOPE"], "NOPE"),
        (vec!["--role", "employee", "--email", "not-an-address"], "not-an-address"),
        (vec!["--role", "employee", "--email", "x@bkpsdm.go.id", "--nip", "19900115"], "NIP"),
        (
            vec!["--role", "employee", "--email", "y@bkpsdm.go.id", "--nip", "198512302010122002"],
            "already has an account",
        ),
    ] {
        let out = app.cli().args(["user", "create"]).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?} should be refused");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(bangkom_entities::schema::users::Entity::find().count(&app.db).await.unwrap(), 2);
}
