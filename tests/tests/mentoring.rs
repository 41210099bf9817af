//! Mentoring: pairing rules (no self-mentoring, the active-mentee limit, a warning rather
//! than a refusal for a mentor below a goal's target, who may pair), suggestions, sessions
//! (dates, minutes, only the mentor records, only the mentee confirms or disputes, a
//! correction asks again), JP from confirmed minutes only in the session's year, closing
//! ratings as assessments, the reminder selection through the outbox and a real SMTP
//! server, and who may see a pair.

use std::sync::Arc;

use bangkom_entities::assessments::{self, CountingRule, NewAssessment};
use bangkom_entities::enums::{
    AssessmentSource, CompetencyKind, Locale, MentoringPairStatus, Role, SessionConfirmation, SessionMode,
};
use bangkom_entities::schema::{
    competencies, competency_assessments, employee_competency_levels, employees, mail_outbox,
    mentoring_goals, mentoring_pairs, mentoring_sessions, users,
};
use bangkom_jobs::clock::ManualClock;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app};

on_both_backends!(
    pairing_refuses_self_and_over_the_limit_and_warns_about_a_low_level,
    suggestions_rank_same_agency_then_level_then_fewest_mentees,
    sessions_are_recorded_by_the_mentor_and_confirmed_by_the_mentee,
    jp_come_from_confirmed_minutes_in_the_sessions_year,
    closing_ratings_become_mentoring_assessments_and_current_levels,
    reminders_go_to_idle_mentors_and_waiting_mentees_once_a_week,
    a_pair_is_seen_only_by_its_people_their_supervisors_and_staff,
);

/// Today in the deployment's zone (Asia/Jakarta, UTC+7 all year).
fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

async fn employee_of(db: &DatabaseConnection, email: &str) -> employees::Model {
    let user = users::Entity::find().filter(users::Column::Email.eq(email)).one(db).await.unwrap().unwrap();
    employees::Entity::find_by_id(user.employee_id.unwrap()).one(db).await.unwrap().unwrap()
}

/// The demo pair mentor@ → pegawai@.
async fn demo_pair(db: &DatabaseConnection) -> mentoring_pairs::Model {
    let mentor = employee_of(db, "mentor@bangkom.test").await;
    let mentee = employee_of(db, "pegawai@bangkom.test").await;
    mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::MentorId.eq(mentor.id))
        .filter(mentoring_pairs::Column::MenteeId.eq(mentee.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// Active employees in no pair, without an account, of the mentor's agency.
async fn free_colleagues(db: &DatabaseConnection, agency_id: i64, n: u64) -> Vec<employees::Model> {
    let paired: Vec<i64> = mentoring_pairs::Entity::find()
        .all(db)
        .await
        .unwrap()
        .iter()
        .flat_map(|p| [p.mentor_id, p.mentee_id])
        .collect();
    let with_account: Vec<i64> =
        users::Entity::find().all(db).await.unwrap().iter().filter_map(|u| u.employee_id).collect();
    employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(agency_id))
        .filter(employees::Column::IsActive.eq(true))
        .filter(employees::Column::Id.is_not_in(paired))
        .filter(employees::Column::Id.is_not_in(with_account))
        .order_by_asc(employees::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(n as usize)
        .collect()
}

/// An employee account (password [`DEMO_PASSWORD`]) for an existing employee.
async fn account_for(db: &DatabaseConnection, email: &str, employee_id: i64) {
    let now = Utc::now();
    users::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(bangkom::auth::password::hash(DEMO_PASSWORD).unwrap()),
        role: Set(Role::Employee),
        agency_id: Set(None),
        employee_id: Set(Some(employee_id)),
        locale: Set(Locale::Id),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

async fn competency(db: &DatabaseConnection, code: &str) -> competencies::Model {
    let now = Utc::now();
    competencies::ActiveModel {
        code: Set(code.into()),
        kind: Set(CompetencyKind::Teknis),
        name_id: Set(format!("Kompetensi uji {code}")),
        name_en: Set(format!("Test competency {code}")),
        description: Set(None),
        source: Set(None),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

async fn assess(db: &DatabaseConnection, employee_id: i64, competency_id: i64, level: i16) {
    let new = NewAssessment {
        employee_id,
        competency_id,
        level,
        source: AssessmentSource::AssessmentCentre,
        assessed_on: today() - Duration::days(30),
        assessor_name: None,
        assessor_employee_id: None,
        recorded_by_user_id: None,
        notes: None,
    };
    assessments::record(db, new, CountingRule::default(), Utc::now()).await.unwrap();
}

async fn new_pair(
    app: &TestApp,
    mentee: &str,
    mentor: &str,
    competency: i64,
    target: &str,
) -> reqwest::Response {
    app.post_form(
        "/mentoring/baru",
        &[
            ("mentee", mentee),
            ("mentor", mentor),
            ("starts_on", &ymd(today() - Duration::days(40))),
            ("planned_end_on", ""),
            ("competency_1", &competency.to_string()),
            ("goal_1", "Menguasai penyusunan anggaran"),
            ("target_1", target),
        ],
    )
    .await
}

/// A JSON API GET with a token.
async fn api_get(app: &TestApp, token: &str, path: &str) -> Value {
    app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap().json().await.unwrap()
}

fn location(r: &reqwest::Response) -> String {
    r.headers().get("location").unwrap().to_str().unwrap().to_owned()
}

async fn pair_of(db: &DatabaseConnection, mentor: i64, mentee: i64) -> mentoring_pairs::Model {
    mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::MentorId.eq(mentor))
        .filter(mentoring_pairs::Column::MenteeId.eq(mentee))
        .one(db)
        .await
        .unwrap()
        .expect("the pair exists")
}

async fn pairing_refuses_self_and_over_the_limit_and_warns_about_a_low_level(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let mentor = employee_of(db, "mentor@bangkom.test").await;
    let c = competency(db, "TST-MNT").await;
    assess(db, mentor.id, c.id, 3).await;
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;

    // No self-mentoring.
    let refused = new_pair(&app, &mentor.nip, &mentor.nip, c.id, "3").await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Mentor dan mentee tidak boleh orang yang sama"));
    // The database agrees.
    let now = Utc::now();
    let direct = mentoring_pairs::ActiveModel {
        mentor_id: Set(mentor.id),
        mentee_id: Set(mentor.id),
        starts_on: Set(today()),
        status: Set(MentoringPairStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    assert!(direct.is_err(), "the CHECK refuses self-mentoring");

    // The mentor has two active demo pairs; three more reach the limit of five.
    let spare = free_colleagues(db, mentor.agency_id, 5).await;
    assert_eq!(spare.len(), 5);
    let others = &spare[..4];
    // A target above the mentor's level (3) is a warning, not a refusal.
    let warned = new_pair(&app, &others[0].nip, &mentor.nip, c.id, "5").await;
    assert_eq!(warned.status(), 303);
    let page = app.get(&location(&warned)).await.text().await.unwrap();
    assert!(page.contains("data-warning=\"TST-MNT\""), "{page}");
    assert!(page.contains("Perhatian: level mentor pada TST-MNT (3) di bawah target tujuan (5)."));
    for o in &others[1..3] {
        let created = new_pair(&app, &o.nip, &mentor.nip, c.id, "3").await;
        assert_eq!(created.status(), 303);
        let page = app.get(&location(&created)).await.text().await.unwrap();
        assert!(!page.contains("data-warning"), "level 3 meets target 3");
    }
    let over = new_pair(&app, &others[3].nip, &mentor.nip, c.id, "3").await;
    assert_eq!(over.status(), 422);
    let text = over.text().await.unwrap();
    assert!(text.contains("sudah membimbing 5 mentee aktif; batasnya 5"), "{text}");
    let active = mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::MentorId.eq(mentor.id))
        .filter(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
        .count(db)
        .await
        .unwrap();
    assert_eq!(active, 5, "nothing half-written");

    // A pair without a session since it started 40 days ago is highlighted in the overview.
    let overview = app.get("/mentoring/ikhtisar").await.text().await.unwrap();
    let new_id = pair_of(db, mentor.id, others[0].id).await.id;
    assert!(overview.contains(&format!("data-pair=\"{new_id}\" data-idle")), "{overview}");
    assert!(overview.contains(&format!("data-month=\"{}\"", today().format("%Y-%m"))));

    // A supervisor pairs their own subordinate; an employee who supervises nobody cannot.
    let atasan = app.new_browser();
    atasan.login("atasan@bangkom.test", DEMO_PASSWORD).await;
    let pegawai = employee_of(db, "pegawai@bangkom.test").await;
    let other_mentor = &spare[4];
    assert_eq!(new_pair(&atasan, &pegawai.nip, &other_mentor.nip, c.id, "2").await.status(), 303);
    let elsewhere = employees::Entity::find()
        .filter(employees::Column::AgencyId.ne(pegawai.agency_id))
        .filter(employees::Column::SupervisorId.ne(pegawai.supervisor_id.unwrap()))
        .filter(employees::Column::IsActive.eq(true))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let not_theirs = new_pair(&atasan, &elsewhere.nip, &other_mentor.nip, c.id, "2").await;
    assert_eq!(not_theirs.status(), 422, "not their subordinate");
    let employee = app.new_browser();
    employee.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(employee.get("/mentoring/baru").await.status(), 404);
}

async fn suggestions_rank_same_agency_then_level_then_fewest_mentees(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let mentor = employee_of(db, "mentor@bangkom.test").await;
    let pegawai = employee_of(db, "pegawai@bangkom.test").await;
    let c = competency(db, "TST-SUG").await;
    let near = free_colleagues(db, pegawai.agency_id, 4).await;
    // Far: outside the mentee's agency tree.
    let all = bangkom_entities::schema::agencies::Entity::find().all(db).await.unwrap();
    let own = all.iter().find(|a| a.id == pegawai.agency_id).unwrap();
    let tree = own.parent_id.unwrap_or(own.id);
    let in_tree: Vec<i64> =
        all.iter().filter(|a| a.id == tree || a.parent_id == Some(tree)).map(|a| a.id).collect();
    let far = employees::Entity::find()
        .filter(employees::Column::AgencyId.is_not_in(in_tree))
        .filter(employees::Column::IsActive.eq(true))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    // near[0] level 4 without mentees, near[1] level 5, near[2] level 4 with one mentee, all
    // in the mentee's unit; `far` level 5 elsewhere; near[3] level 2 like the mentee (not a
    // candidate); the mentor is not assessed in it.
    assess(db, pegawai.id, c.id, 2).await;
    assess(db, near[0].id, c.id, 4).await;
    assess(db, near[1].id, c.id, 5).await;
    assess(db, near[2].id, c.id, 4).await;
    assess(db, near[3].id, c.id, 2).await;
    assess(db, far.id, c.id, 5).await;
    let now = Utc::now();
    mentoring_pairs::ActiveModel {
        mentor_id: Set(near[2].id),
        mentee_id: Set(near[3].id),
        starts_on: Set(today()),
        status: Set(MentoringPairStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let _ = &mentor;

    let token = app.api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let path = format!("/api/v1/mentoring/suggestions?mentee_id={}&competency_id={}", pegawai.id, c.id);
    let found = api_get(&app, &token, &path).await;
    let order: Vec<i64> =
        found["items"].as_array().unwrap().iter().map(|i| i["employee_id"].as_i64().unwrap()).collect();
    assert_eq!(order, [near[1].id, near[0].id, near[2].id, far.id], "{found}");
    assert_eq!(found["items"][2]["active_mentees"], 1);
    assert_eq!(found["items"][3]["same_agency"], false);

    // The pairing page lists them in the same order.
    let page = app.get(&format!("/mentoring/baru?mentee={}&competency={}", pegawai.nip, c.id)).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    let at = |nip: &str| page.find(&format!("data-candidate=\"{nip}\"")).unwrap();
    assert!(
        at(&near[1].nip) < at(&near[0].nip)
            && at(&near[0].nip) < at(&near[2].nip)
            && at(&near[2].nip) < at(&far.nip)
    );
}

async fn sessions_are_recorded_by_the_mentor_and_confirmed_by_the_mentee(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let pair = demo_pair(db).await;
    let record = format!("/mentoring/pasangan/{}/sesi", pair.id);
    let session = |held_on: String, minutes: &'static str| {
        vec![
            ("held_on", held_on),
            ("minutes", minutes.to_owned()),
            ("mode", "online".to_owned()),
            ("topic", "Menyusun RKA kegiatan ketiga".to_owned()),
            ("notes", "Catatan".to_owned()),
            ("actions", "Menyelesaikan draf".to_owned()),
        ]
    };
    let mentor = app.new_browser();
    mentor.login("mentor@bangkom.test", DEMO_PASSWORD).await;

    for (held_on, minutes, message) in [
        (today() + Duration::days(1), "60", "Tanggal sesi tidak boleh di masa depan"),
        (pair.starts_on - Duration::days(1), "60", "Tanggal sesi tidak boleh sebelum pasangan dimulai"),
        (today(), "0", "Durasi harus bilangan bulat 1–1440 menit"),
        (today(), "1441", "Durasi harus bilangan bulat 1–1440 menit"),
    ] {
        let refused = post(&mentor, record.clone(), session(ymd(held_on), minutes)).await;
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains(message), "{message}");
    }
    let before = mentoring_sessions::Entity::find().count(db).await.unwrap();
    let ok = post(&mentor, record.clone(), session(ymd(today()), "1440")).await;
    assert_eq!(ok.status(), 303);
    let saved = mentoring_sessions::Entity::find()
        .order_by_desc(mentoring_sessions::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mentoring_sessions::Entity::find().count(db).await.unwrap(), before + 1);
    assert_eq!((saved.minutes, saved.confirmation), (1440, SessionConfirmation::Pending));
    assert_eq!(saved.mode, SessionMode::Online);

    // Only the mentor records; even an admin does not record on the mentor's behalf.
    let mentee = app.new_browser();
    mentee.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    let admin = app.new_browser();
    admin.login("admin@bangkom.test", DEMO_PASSWORD).await;
    for who in [&mentee, &admin] {
        assert_eq!(post(who, record.clone(), session(ymd(today()), "30")).await.status(), 404);
    }
    // Only the mentee confirms or disputes.
    let confirm = format!("/mentoring/sesi/{}/konfirmasi", saved.id);
    let dispute = format!("/mentoring/sesi/{}/sanggah", saved.id);
    for who in [&mentor, &admin] {
        assert_eq!(post(who, confirm.clone(), vec![]).await.status(), 404);
    }
    let page = mentee.get(&format!("/mentoring/pasangan/{}", pair.id)).await.text().await.unwrap();
    assert!(page.contains("Menyelesaikan draf"), "the mentee sees the agreed actions");
    assert!(page.contains(&confirm));
    let no_reason = post(&mentee, dispute.clone(), vec![("reason", " ".to_owned())]).await;
    assert_eq!(no_reason.status(), 422);
    assert!(no_reason.text().await.unwrap().contains("Tuliskan alasan sanggahan"));
    assert_eq!(post(&mentee, confirm.clone(), vec![]).await.status(), 303);
    let s = mentoring_sessions::Entity::find_by_id(saved.id).one(db).await.unwrap().unwrap();
    assert_eq!(s.confirmation, SessionConfirmation::Confirmed);
    assert!(s.confirmed_at.is_some());
    assert_eq!(post(&mentee, confirm.clone(), vec![]).await.status(), 422, "only a pending session");

    // Correcting a confirmed session asks the mentee again.
    let edit = format!("/mentoring/sesi/{}/ubah", saved.id);
    assert_eq!(mentee.get(&edit).await.status(), 404);
    assert!(mentor.get(&edit).await.text().await.unwrap().contains("mentee perlu mengonfirmasinya lagi"));
    assert_eq!(post(&mentor, edit.clone(), session(ymd(today()), "90")).await.status(), 303);
    let s = mentoring_sessions::Entity::find_by_id(saved.id).one(db).await.unwrap().unwrap();
    assert_eq!((s.minutes, s.confirmation, s.confirmed_at), (90, SessionConfirmation::Pending, None));
    let disputed = post(&mentee, dispute, vec![("reason", "Durasinya hanya 60 menit".to_owned())]).await;
    assert_eq!(disputed.status(), 303);
    let s = mentoring_sessions::Entity::find_by_id(saved.id).one(db).await.unwrap().unwrap();
    assert_eq!(s.confirmation, SessionConfirmation::Disputed);
    assert_eq!(s.dispute_reason.as_deref(), Some("Durasinya hanya 60 menit"));

    // The same rules through the API.
    let token = app.api_token("mentor@bangkom.test", DEMO_PASSWORD).await;
    let api = |body: Value| {
        app.client
            .post(app.url(&format!("/api/v1/mentoring/pairs/{}/sessions", pair.id)))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let future = api(
        json!({"held_on": ymd(today() + Duration::days(2)), "minutes": 30, "mode": "online", "topic": "x"}),
    )
    .await
    .unwrap();
    assert_eq!(future.status(), 422);
    let body: Value = future.json().await.unwrap();
    assert_eq!(body["error"]["fields"][0]["field"], "held_on");
    let created =
        api(json!({"held_on": ymd(today()), "minutes": 30, "mode": "face_to_face", "topic": "Review"}))
            .await
            .unwrap();
    assert_eq!(created.status(), 201);

    // The mentor's list shows the mentee with the last session date.
    let mine = mentor.get("/mentoring").await.text().await.unwrap();
    assert!(mine.contains(&format!("data-pair=\"{}\"", pair.id)));
    assert!(mine.contains(&format!("data-last-session=\"{}\"", ymd(today()))), "{mine}");
}

async fn post(app: &TestApp, path: String, fields: Vec<(&'static str, String)>) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(&path, &fields).await
}

async fn insert_session(
    db: &DatabaseConnection,
    pair: i64,
    on: NaiveDate,
    minutes: i32,
    c: SessionConfirmation,
) {
    let now = Utc::now();
    mentoring_sessions::ActiveModel {
        pair_id: Set(pair),
        held_on: Set(on),
        minutes: Set(minutes),
        mode: Set(SessionMode::FaceToFace),
        topic: Set(format!("Sesi {on} {}", c.as_str())),
        notes: Set(None),
        actions: Set(None),
        confirmation: Set(c),
        dispute_reason: Set(None),
        confirmed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

async fn jp_come_from_confirmed_minutes_in_the_sessions_year(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let mentor = employee_of(db, "mentor@bangkom.test").await;
    let mentee = free_colleagues(db, mentor.agency_id, 1).await.remove(0);
    let now = Utc::now();
    let pair = mentoring_pairs::ActiveModel {
        mentor_id: Set(mentor.id),
        mentee_id: Set(mentee.id),
        starts_on: Set(NaiveDate::from_ymd_opt(2019, 6, 1).unwrap()),
        status: Set(MentoringPairStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    use SessionConfirmation::{Confirmed, Disputed, Pending};
    insert_session(db, pair.id, d(2019, 12, 31), 120, Confirmed).await;
    insert_session(db, pair.id, d(2020, 1, 1), 60, Confirmed).await;
    insert_session(db, pair.id, d(2020, 3, 10), 30, Confirmed).await;
    insert_session(db, pair.id, d(2020, 1, 2), 90, Pending).await;
    insert_session(db, pair.id, d(2020, 1, 3), 45, Disputed).await;
    insert_session(db, pair.id, d(2021, 1, 1), 500, Confirmed).await;

    let token = app.api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let jp = |year: i32| format!("/api/v1/employees/{}/jp?year={year}", mentee.id);
    let y2020 = api_get(&app, &token, &jp(2020)).await;
    assert_eq!(y2020["totals"]["mentoring_minutes"], 90, "{y2020}");
    assert_eq!(y2020["totals"]["mentoring_jp"], 2.0, "90 minutes at 45 per JP");
    let lines = y2020["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["source"] == "mentoring"
        && l["method"] == "mentoring"
        && !l["classical"].as_bool().unwrap()));
    assert_eq!(api_get(&app, &token, &jp(2019)).await["totals"]["mentoring_minutes"], 120);
    assert_eq!(api_get(&app, &token, &jp(2021)).await["totals"]["mentoring_minutes"], 500);

    // The recap page shows the mentoring lines with their source and the mentor.
    let page =
        app.get(&format!("/pelatihan/rekap-jp/pegawai/{}?tahun=2020", mentee.id)).await.text().await.unwrap();
    assert_eq!(page.matches("data-source=\"mentoring\"").count(), 2, "{page}");
    assert!(page.contains(&format!("mentor: {}", mentor.name)));
    assert!(!page.contains("Sesi 2020-01-02 pending"), "a pending session is not a line");
    assert!(!page.contains("Sesi 2020-01-03 disputed"), "nor a disputed one");
}

async fn closing_ratings_become_mentoring_assessments_and_current_levels(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let pair = demo_pair(db).await;
    let goals = mentoring_goals::Entity::find()
        .filter(mentoring_goals::Column::PairId.eq(pair.id))
        .order_by_asc(mentoring_goals::Column::Id)
        .all(db)
        .await
        .unwrap();
    assert_eq!(goals.len(), 2);
    // The mentee's current levels before the closing ratings.
    let mut before = Vec::new();
    for g in &goals {
        before.push(
            employee_competency_levels::Entity::find()
                .filter(employee_competency_levels::Column::EmployeeId.eq(pair.mentee_id))
                .filter(employee_competency_levels::Column::CompetencyId.eq(g.competency_id))
                .one(db)
                .await
                .unwrap(),
        );
    }
    let mentor = app.new_browser();
    mentor.login("mentor@bangkom.test", DEMO_PASSWORD).await;
    let close = format!("/mentoring/pasangan/{}/tutup", pair.id);
    let r0 = format!("rating_{}", goals[0].id);
    let r1 = format!("rating_{}", goals[1].id);
    // Every focus competency needs a rating 1–5.
    let missing = mentor.post_form(&close, &[(r0.as_str(), "4"), (r1.as_str(), "")]).await;
    assert_eq!(missing.status(), 422);
    let out_of_range = mentor.post_form(&close, &[(r0.as_str(), "4"), (r1.as_str(), "6")]).await;
    assert_eq!(out_of_range.status(), 422);
    // The mentee cannot close it.
    let mentee = app.new_browser();
    mentee.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(mentee.post_form(&close, &[(r0.as_str(), "5"), (r1.as_str(), "5")]).await.status(), 404);
    assert_eq!(
        competency_assessments::Entity::find()
            .filter(competency_assessments::Column::Notes.eq(format!("mentoring #{}", pair.id)))
            .count(db)
            .await
            .unwrap(),
        0
    );

    let rating0 = goals[0].target_level.min(5);
    let rating1 = (goals[1].target_level - 1).max(1);
    let closed = mentor
        .post_form(
            &close,
            &[
                (r0.as_str(), &rating0.to_string()),
                (r1.as_str(), &rating1.to_string()),
                ("summary", "Selesai dengan baik."),
            ],
        )
        .await;
    assert_eq!(closed.status(), 303);
    let after = mentoring_pairs::Entity::find_by_id(pair.id).one(db).await.unwrap().unwrap();
    assert_eq!(after.status, MentoringPairStatus::Completed);
    assert_eq!(after.ended_on, Some(today()));
    let rule = bangkom_entities::assessments::CountingRule::default();
    for ((g, rating), before) in [(&goals[0], rating0), (&goals[1], rating1)].into_iter().zip(&before) {
        let a = competency_assessments::Entity::find()
            .filter(competency_assessments::Column::EmployeeId.eq(pair.mentee_id))
            .filter(competency_assessments::Column::CompetencyId.eq(g.competency_id))
            .filter(competency_assessments::Column::Source.eq(AssessmentSource::Mentoring))
            .order_by_desc(competency_assessments::Column::Id)
            .one(db)
            .await
            .unwrap()
            .expect("an assessment with source mentoring");
        assert_eq!((a.level, a.assessed_on, a.assessor_employee_id), (rating, today(), Some(pair.mentor_id)));
        let current = employee_competency_levels::Entity::find()
            .filter(employee_competency_levels::Column::EmployeeId.eq(pair.mentee_id))
            .filter(employee_competency_levels::Column::CompetencyId.eq(g.competency_id))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        // A mentor's rating is a weaker source: it replaces a stronger current level only
        // when dated after that level's recency window.
        match before {
            Some(b) if !rule.replaces((b.source, b.assessed_on), (AssessmentSource::Mentoring, today())) => {
                assert_eq!(
                    (current.level, current.source, current.assessed_on),
                    (b.level, b.source, b.assessed_on)
                );
            }
            _ => assert_eq!((current.level, current.source), (rating, AssessmentSource::Mentoring)),
        }
    }
    // The summary stays readable; nothing more can be recorded.
    let page = mentee.get(&format!("/mentoring/pasangan/{}", pair.id)).await.text().await.unwrap();
    assert!(page.contains("data-status=\"completed\""));
    let met = usize::from(rating0 >= goals[0].target_level) + usize::from(rating1 >= goals[1].target_level);
    assert!(page.contains(&format!("data-goals-met=\"{met}\"")), "{page}");
    assert!(page.contains("Selesai dengan baik."));
    let late = mentor
        .post_form(
            &format!("/mentoring/pasangan/{}/sesi", pair.id),
            &[("held_on", &ymd(today())), ("minutes", "30"), ("mode", "online"), ("topic", "x")],
        )
        .await;
    assert_eq!(late.status(), 422);
    assert!(late.text().await.unwrap().contains("Pasangan mentoring ini sudah ditutup"));
}

async fn outbox_keys(db: &DatabaseConnection, prefix: &str) -> Vec<String> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::DedupeKey.starts_with(prefix))
        .order_by_asc(mail_outbox::Column::DedupeKey)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.dedupe_key)
        .collect()
}

async fn reminders_go_to_idle_mentors_and_waiting_mentees_once_a_week(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let pair = demo_pair(db).await;
    let pegawai = employee_of(db, "pegawai@bangkom.test").await;
    // Start from a clean slate: every demo pair had a session yesterday, confirmed, but
    // pegawai's pair, with one waiting; one closed pair idle for long with a pending session.
    for p in mentoring_pairs::Entity::find().all(db).await.unwrap() {
        if p.status == MentoringPairStatus::Active {
            insert_session(db, p.id, today() - Duration::days(1), 60, SessionConfirmation::Confirmed).await;
        }
    }
    mentoring_sessions::Entity::update_many()
        .col_expr(mentoring_sessions::Column::Confirmation, sea_orm::sea_query::Expr::value("confirmed"))
        .filter(mentoring_sessions::Column::PairId.ne(pair.id))
        .exec(db)
        .await
        .unwrap();
    let closed = mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Completed))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    insert_session(db, closed.id, closed.starts_on, 60, SessionConfirmation::Pending).await;

    let clock = ManualClock::new(Utc::now());
    let mut jobs = app.jobs.clone();
    jobs.clock = Arc::new(clock.clone());
    let run = |jobs: bangkom_jobs::JobContext| async move {
        bangkom_jobs::run_now(&jobs, "mentoring-reminders").await.unwrap()
    };
    let first = run(jobs.clone()).await;
    assert_eq!((first.counts["mentors_reminded"], first.counts["mentees_reminded"]), (0, 1), "{first}");
    assert_eq!(outbox_keys(db, "mentoring-pending:").await.len(), 1);
    assert!(
        outbox_keys(db, "mentoring-pending:").await[0]
            .starts_with(&format!("mentoring-pending:{}:", pegawai.id))
    );
    let again = run(jobs.clone()).await;
    assert_eq!((again.counts["mentors_reminded"], again.counts["mentees_reminded"]), (0, 0), "same week");

    // Fourteen days on, every active pair is idle: each mentor once, the closed pair not.
    clock.advance(Duration::days(14));
    let later = run(jobs.clone()).await;
    let mut reachable = 0;
    for p in mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
        .all(db)
        .await
        .unwrap()
    {
        let m = employees::Entity::find_by_id(p.mentor_id).one(db).await.unwrap().unwrap();
        reachable += u64::from(m.email.is_some());
    }
    assert!(reachable >= 2);
    assert_eq!(later.counts["mentors_reminded"], reachable, "{later}");
    assert_eq!(later.counts["mentees_reminded"], 1, "a new week");
    let idle = outbox_keys(db, "mentoring-idle:").await;
    assert!(idle.iter().all(|k| !k.starts_with(&format!("mentoring-idle:{}:", closed.id))));
    assert!(idle.iter().any(|k| k.starts_with(&format!("mentoring-idle:{}:", pair.id))));
    assert_eq!(run(jobs.clone()).await.counts["mentors_reminded"], 0, "once a week");

    // Delivered through the real SMTP server, in the recipient's language, with a link.
    bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    let total = outbox_keys(db, "mentoring-").await.len();
    let mail = app.smtp.wait_for(total).await;
    let to_mentor = mail
        .iter()
        .find(|m| m.to.iter().any(|t| t == "mentor@bangkom.test"))
        .expect("the mentor is reminded");
    assert!(
        to_mentor.subject().starts_with("Pengingat mentoring: belum ada sesi dengan"),
        "{}",
        to_mentor.subject()
    );
    assert!(to_mentor.plain_body().contains("/mentoring/pasangan/"));
    let to_mentee =
        mail.iter().find(|m| m.to.iter().any(|t| t == "pegawai@bangkom.test")).expect("the mentee");
    assert!(to_mentee.subject().contains("menunggu konfirmasi"));
}

async fn a_pair_is_seen_only_by_its_people_their_supervisors_and_staff(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let pair = demo_pair(db).await;
    let mentor = employee_of(db, "mentor@bangkom.test").await;
    let stranger = free_colleagues(db, mentor.agency_id, 1).await.remove(0);
    account_for(db, "orang.lain@bangkom.test", stranger.id).await;
    let path = format!("/mentoring/pasangan/{}", pair.id);
    for (who, status) in [
        ("mentor@bangkom.test", 200),
        ("pegawai@bangkom.test", 200),
        ("atasan@bangkom.test", 200),
        ("admin@bangkom.test", 200),
        ("operator@bangkom.test", 404),
        ("orang.lain@bangkom.test", 404),
    ] {
        let browser = app.new_browser();
        browser.login(who, DEMO_PASSWORD).await;
        assert_eq!(browser.get(&path).await.status(), status, "{who}");
    }
    let token = app.api_token("orang.lain@bangkom.test", DEMO_PASSWORD).await;
    let api = app
        .client
        .get(app.url(&format!("/api/v1/mentoring/pairs/{}", pair.id)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 404);
    let stranger_browser = app.new_browser();
    stranger_browser.login("orang.lain@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(stranger_browser.get("/mentoring/ikhtisar").await.status(), 404);
    let mine = stranger_browser.get("/mentoring").await.text().await.unwrap();
    assert!(!mine.contains(&format!("data-pair=\"{}\"", pair.id)));

    // The mentee sees their pair, its sessions and what waits for them.
    let mentee = app.new_browser();
    mentee.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    let mine = mentee.get("/mentoring").await.text().await.unwrap();
    assert!(mine.contains(&format!("data-pair=\"{}\"", pair.id)));
    assert!(mine.contains("sesi menunggu konfirmasi Anda"));
    let token = app.api_token("pegawai@bangkom.test", DEMO_PASSWORD).await;
    let detail = api_get(&app, &token, &format!("/api/v1/mentoring/pairs/{}", pair.id)).await;
    assert_eq!(detail["mentor_id"], mentor.id);
    assert!(!detail["sessions"].as_array().unwrap().is_empty());

    // The OpenAPI document describes the tag.
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert!(doc["paths"]["/api/v1/mentoring/pairs/{id}/sessions"]["post"].is_object());
}
