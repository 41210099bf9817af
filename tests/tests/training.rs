//! Training: programmes and batches, enrolment with quota and waitlist (also under
//! simultaneous requests), approvals, withdrawal and promotion, attendance, results with
//! certificate numbers, the JP recap and its exports, the e-mails with their .ics.

use std::collections::BTreeMap;

use bangkom_entities::auth::{sessions, tokens};
use bangkom_entities::enums::{
    AgencyKind, EmploymentType, EnrolmentState, Grade, Locale, MentoringPairStatus, PositionFamily, Role,
    SessionConfirmation, SessionMode,
};
use bangkom_entities::schema::{
    agencies, employees, enrolment_events, enrolments, mentoring_pairs, mentoring_sessions, positions,
    training_batches, users,
};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app};

on_both_backends!(
    the_quota_holds_under_simultaneous_requests_and_the_waitlist_follows_arrival_order,
    a_withdrawn_employee_may_enrol_again_at_the_end_of_the_line,
    staff_enrol_in_bulk_through_the_api_and_read_the_log,
    the_json_api_serves_the_catalogue_calendar_own_enrolments_approvals_and_attendance,
    state_machines_refuse_what_they_do_not_allow,
    eligibility_decides_who_may_enrol,
    the_supervisor_approves_or_rejects_with_a_reason,
    an_enrolment_says_what_its_viewer_may_do_and_the_domain_agrees,
    a_pass_credits_jp_in_the_year_the_batch_ended_with_unique_certificates,
    attendance_is_ticked_or_imported_and_a_wrong_file_changes_nothing,
    the_jp_recap_matches_hand_computed_numbers_and_the_exports_agree,
    a_cancelled_batch_tells_its_participants,
    enrolments_are_seen_only_by_those_who_may,
    the_demo_shows_every_batch_status_and_enrolment_state,
    a_name_that_looks_like_a_formula_is_exported_as_text,
);

// ---------------------------------------------------------------------------------------
// A small world: a region, two agencies (one with a unit), people with accounts
// ---------------------------------------------------------------------------------------

struct Person {
    employee_id: i64,
    user_id: i64,
    nip: String,
    email: String,
    token: String,
}

struct World {
    app: TestApp,
    admin: Person,
    agency_a: i64,
    agency_b: i64,
    unit_a: i64,
    pelaksana: i64,
    pengawas: i64,
    next: std::sync::atomic::AtomicU32,
}

async fn agency(app: &TestApp, code: &str, kind: AgencyKind, parent: Option<i64>) -> i64 {
    let now = Utc::now();
    agencies::ActiveModel {
        code: Set(code.into()),
        name: Set(format!("Dinas {code}")),
        kind: Set(kind),
        parent_id: Set(parent),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn position(app: &TestApp, code: &str, family: PositionFamily) -> i64 {
    let now = Utc::now();
    positions::ActiveModel {
        code: Set(code.into()),
        name: Set(format!("Jabatan {code}")),
        family: Set(family),
        agency_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn user(
    app: &TestApp,
    email: &str,
    role: Role,
    agency_id: Option<i64>,
    employee_id: Option<i64>,
) -> (i64, String) {
    let now = Utc::now();
    let u = users::ActiveModel {
        email: Set(email.into()),
        password_hash: Set("!".into()),
        role: Set(role),
        agency_id: Set(agency_id),
        employee_id: Set(employee_id),
        locale: Set(Locale::Id),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let (_, token) = tokens::create(&app.db, u.id, "tes", now).await.unwrap().unwrap();
    (u.id, token)
}

/// Who a new employee is.
struct Spec<'a> {
    name: &'a str,
    agency: i64,
    position: i64,
    grade: Option<Grade>,
    kind: EmploymentType,
    supervisor: Option<i64>,
}

impl World {
    async fn new(backend: Backend) -> World {
        let app = spawn_app(backend).await;
        let region = agency(&app, "REG", AgencyKind::Region, None).await;
        let agency_a = agency(&app, "OPD-A", AgencyKind::Agency, Some(region)).await;
        let agency_b = agency(&app, "OPD-B", AgencyKind::Agency, Some(region)).await;
        let unit_a = agency(&app, "OPD-A-1", AgencyKind::Unit, Some(agency_a)).await;
        let pelaksana = position(&app, "PLK", PositionFamily::Pelaksana).await;
        let pengawas = position(&app, "PGW", PositionFamily::Pengawas).await;
        let (user_id, token) = user(&app, "admin@tes.go.id", Role::Admin, None, None).await;
        let admin =
            Person { employee_id: 0, user_id, nip: String::new(), email: "admin@tes.go.id".into(), token };
        World { app, admin, agency_a, agency_b, unit_a, pelaksana, pengawas, next: 1.into() }
    }

    fn spec(&self, name: &'static str) -> Spec<'static> {
        Spec {
            name,
            agency: self.agency_a,
            position: self.pelaksana,
            grade: Some(Grade::IIIa),
            kind: EmploymentType::Pns,
            supervisor: None,
        }
    }

    async fn person(&self, spec: Spec<'_>) -> Person {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        // A PNS has a NIP (appointed January 2015), a PPPK an NI PPPK (2015, code 21).
        let code = if spec.kind == EmploymentType::Pppk { "21" } else { "01" };
        let nip = format!("199001012015{code}1{n:03}");
        let email = format!("pegawai{n}@tes.go.id");
        let now = Utc::now();
        let e = employees::ActiveModel {
            nip: Set(nip.clone()),
            name: Set(spec.name.into()),
            email: Set(Some(email.clone())),
            employment_type: Set(spec.kind),
            agency_id: Set(spec.agency),
            position_id: Set(Some(spec.position)),
            grade: Set(spec.grade),
            supervisor_id: Set(spec.supervisor),
            is_active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.app.db)
        .await
        .unwrap();
        let (user_id, token) = user(&self.app, &email, Role::Employee, None, Some(e.id)).await;
        Person { employee_id: e.id, user_id, nip, email, token }
    }

    async fn operator(&self, agency: i64, email: &str) -> Person {
        let (user_id, token) = user(&self.app, email, Role::Operator, Some(agency), None).await;
        Person { employee_id: 0, user_id, nip: String::new(), email: email.into(), token }
    }

    /// A browser signed in as `p`.
    async fn browser(&self, p: &Person) -> TestApp {
        let b = self.app.new_browser();
        let s = sessions::start(&self.app.db, p.user_id, Utc::now()).await.unwrap();
        let url = reqwest::Url::parse(&self.app.address).unwrap();
        b.cookies.add_cookie_str(&format!("bangkom_session={}; Path=/", s.cookie_value), &url);
        b
    }

    async fn api(&self, who: &Person, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let url = self.app.url(path);
        let request = match method {
            "GET" => self.app.client.get(url),
            "POST" => self.app.client.post(url),
            other => panic!("{other}"),
        }
        .bearer_auth(&who.token);
        let request = match body {
            Some(b) => request.json(&b),
            None => request,
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// A programme through the API; `extra` overrides the defaults.
    async fn program(&self, code: &str, extra: Value) -> i64 {
        let mut body = json!({
            "code": code, "title": format!("Pelatihan {code}"), "method": "pelatihan", "delivery": "face_to_face",
            "organizer_kind": "in_house", "organizer_name": "BKPSDM", "jp": 24,
        });
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, program) = self.api(&self.admin, "POST", "/api/v1/programs", Some(body)).await;
        assert_eq!(status, 201, "{program}");
        program["id"].as_i64().unwrap()
    }

    /// A batch through the API, opened unless `extra` says `"draft": true`.
    async fn batch(&self, program: i64, quota: i32, starts: &str, ends: &str, extra: Value) -> i64 {
        let mut body = json!({
            "program_id": program, "starts_on": starts, "ends_on": ends, "daily_start_time": "08:00",
            "daily_end_time": "16:00", "place": "Aula BKPSDM, Jl. Merdeka 1", "quota": quota,
        });
        let mut open = true;
        for (k, v) in extra.as_object().unwrap() {
            if k == "draft" {
                open = false;
            } else {
                body[k] = v.clone();
            }
        }
        let (status, batch) = self.api(&self.admin, "POST", "/api/v1/batches", Some(body)).await;
        assert_eq!(status, 201, "{batch}");
        let id = batch["id"].as_i64().unwrap();
        if open {
            self.status(id, "open").await;
        }
        id
    }

    async fn status(&self, batch: i64, action: &str) -> Value {
        let (status, body) = self
            .api(
                &self.admin,
                "POST",
                &format!("/api/v1/batches/{batch}/status"),
                Some(json!({"action": action})),
            )
            .await;
        assert_eq!(status, 200, "{action}: {body}");
        body
    }

    async fn enrol(&self, who: &Person, batch: i64) -> (u16, Value) {
        self.api(who, "POST", &format!("/api/v1/batches/{batch}/enrolments"), None).await
    }

    async fn enrolment(&self, id: i64) -> enrolments::Model {
        enrolments::Entity::find_by_id(id).one(&self.app.db).await.unwrap().unwrap()
    }

    async fn batch_row(&self, id: i64) -> training_batches::Model {
        training_batches::Entity::find_by_id(id).one(&self.app.db).await.unwrap().unwrap()
    }
}

fn messages(body: &Value) -> String {
    body["error"]["fields"]
        .as_array()
        .map(|f| f.iter().map(|x| x["message"].to_string()).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Quota, waitlist, promotion, e-mail with .ics
// ---------------------------------------------------------------------------------------

async fn the_quota_holds_under_simultaneous_requests_and_the_waitlist_follows_arrival_order(
    backend: Backend,
) {
    let w = World::new(backend).await;
    let program = w.program("PPP", json!({})).await;
    let batch = w.batch(program, 3, "2031-03-02", "2031-03-04", json!({})).await;
    let mut people = Vec::new();
    for i in 0..10 {
        let name: &'static str = Box::leak(format!("Peserta {i:02}").into_boxed_str());
        people.push(w.person(w.spec(name)).await);
    }
    // Ten requests at once.
    let results = futures::future::join_all(people.iter().map(|p| w.enrol(p, batch))).await;
    for (status, body) in &results {
        assert_eq!(*status, 201, "{body}");
    }
    let rows = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch))
        .order_by_asc(enrolments::Column::Id)
        .all(&w.app.db)
        .await
        .unwrap();
    let enrolled: Vec<_> = rows.iter().filter(|e| e.state == EnrolmentState::Enrolled).collect();
    let waiting: Vec<_> = rows.iter().filter(|e| e.state == EnrolmentState::Waitlisted).collect();
    assert_eq!((enrolled.len(), waiting.len()), (3, 7));
    assert_eq!(w.batch_row(batch).await.seats_taken, 3);
    // Arrival order: the first three arrivals have the seats, the rest wait in order.
    assert!(enrolled.iter().all(|e| e.id < waiting[0].id));
    let positions: Vec<i32> = waiting.iter().map(|e| e.waitlist_position.unwrap()).collect();
    assert_eq!(positions, (1..=7).collect::<Vec<_>>());
    // The API told each person where they stand.
    for (_, body) in &results {
        let id = body["id"].as_i64().unwrap();
        let row = rows.iter().find(|e| e.id == id).unwrap();
        assert_eq!(body["state"], row.state.as_str());
        assert_eq!(body["waitlist_position"].as_i64(), row.waitlist_position.map(i64::from));
    }
    // A second request by the same person is refused with a reason.
    let owner = |e: &enrolments::Model| people.iter().find(|p| p.employee_id == e.employee_id).unwrap();
    let (status, body) = w.enrol(owner(enrolled[0]), batch).await;
    assert_eq!(status, 422);
    assert!(messages(&body).contains("already"), "{body}");

    // The second in line sees their position on the batch page.
    let second = w.browser(owner(waiting[1])).await;
    let page = second.get(&format!("/pelatihan/angkatan/{batch}")).await.text().await.unwrap();
    assert!(page.contains("urutan ke-2"), "{page}");

    // A seated participant withdraws on the page: the first in line is promoted, the line
    // moves up, and every change is an event.
    let first_seat = w.browser(owner(enrolled[0])).await;
    let response = first_seat
        .post_form(
            &format!("/pelatihan/pendaftaran/{}/mundur", enrolled[0].id),
            &[("reason", "Tugas luar daerah")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(w.enrolment(enrolled[0].id).await.state, EnrolmentState::Withdrawn);
    let promoted = w.enrolment(waiting[0].id).await;
    assert_eq!((promoted.state, promoted.waitlist_position), (EnrolmentState::Enrolled, None));
    assert_eq!(w.enrolment(waiting[1].id).await.waitlist_position, Some(1));
    assert_eq!(w.enrolment(waiting[6].id).await.waitlist_position, Some(6));
    assert_eq!(w.batch_row(batch).await.seats_taken, 3);
    let events = enrolment_events::Entity::find()
        .filter(enrolment_events::Column::EnrolmentId.eq(waiting[0].id))
        .order_by_asc(enrolment_events::Column::Id)
        .all(&w.app.db)
        .await
        .unwrap();
    let path: Vec<_> = events.iter().map(|e| (e.from_state, e.to_state)).collect();
    assert_eq!(
        path,
        [
            (None, EnrolmentState::Requested),
            (Some(EnrolmentState::Requested), EnrolmentState::Waitlisted),
            (Some(EnrolmentState::Waitlisted), EnrolmentState::Enrolled)
        ]
    );
    // Someone in the middle of the line leaves: those behind move up.
    let (status, _) = w
        .api(owner(waiting[3]), "POST", &format!("/api/v1/enrolments/{}/withdraw", waiting[3].id), None)
        .await;
    assert_eq!(status, 200);
    let line: Vec<Option<i32>> = futures::future::join_all(waiting[1..].iter().map(|e| w.enrolment(e.id)))
        .await
        .iter()
        .map(|e| e.waitlist_position)
        .collect();
    assert_eq!(line, [Some(1), Some(2), None, Some(3), Some(4), Some(5)]);

    // The staff list shows the arrival order and the log every change.
    let admin = w.browser(&w.admin).await;
    let page = admin.get(&format!("/pelatihan/angkatan/{batch}/riwayat")).await.text().await.unwrap();
    assert!(page.contains("Tugas luar daerah"), "{page}");

    // Four seats were given (three, then the promotion): four confirmations, each with the
    // batch's three days as an iCalendar file in the deployment's zone.
    w.app.deliver_mail().await;
    let mail = w.app.smtp.wait_for(4).await;
    assert_eq!(mail.len(), 4);
    let seated: Vec<String> =
        [enrolled[0], enrolled[1], enrolled[2], waiting[0]].iter().map(|e| owner(e).email.clone()).collect();
    for m in &mail {
        assert!(seated.contains(&m.to[0]), "{:?}", m.to);
        assert!(m.subject().contains("Terdaftar"), "{}", m.subject());
        let parts = m.text_parts();
        let (_, ics) = parts.iter().find(|(t, _)| t == "text/calendar").expect("an .ics part");
        let calendar: icalendar::Calendar = ics.parse().expect("the .ics parses");
        let events: Vec<_> = calendar
            .components
            .iter()
            .filter_map(|c| match c {
                icalendar::CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 3);
        use icalendar::{Component, EventLike};
        let start = events[0].get_start().expect("DTSTART");
        // 08:00 WIB is 01:00 UTC.
        assert_eq!(
            start,
            icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(
                chrono::DateTime::parse_from_rfc3339("2031-03-02T01:00:00Z").unwrap().with_timezone(&Utc)
            ))
        );
        assert!(events[2].get_summary().unwrap().contains("Angkatan 1"));
        assert!(events[0].get_location().unwrap().contains("Aula BKPSDM"));
    }
}

async fn a_withdrawn_employee_may_enrol_again_at_the_end_of_the_line(backend: Backend) {
    let w = World::new(backend).await;
    let program = w.program("ULG", json!({})).await;
    let batch = w.batch(program, 1, "2031-04-06", "2031-04-07", json!({})).await;
    let ani = w.person(w.spec("Ani")).await;
    let budi = w.person(w.spec("Budi")).await;
    let citra = w.person(w.spec("Citra")).await;
    let mut ids = Vec::new();
    for p in [&ani, &budi, &citra] {
        let (status, body) = w.enrol(p, batch).await;
        assert_eq!(status, 201, "{body}");
        ids.push(body["id"].as_i64().unwrap());
    }
    let (ani_id, budi_id, citra_id) = (ids[0], ids[1], ids[2]);
    // Ani has the seat and withdraws: Budi is promoted, Citra is first in line.
    let (status, _) = w
        .api(&ani, "POST", &format!("/api/v1/enrolments/{ani_id}/withdraw"), Some(json!({"reason": "Sakit"})))
        .await;
    assert_eq!(status, 200);
    assert_eq!(w.enrolment(budi_id).await.state, EnrolmentState::Enrolled);
    assert_eq!(w.enrolment(citra_id).await.waitlist_position, Some(1));

    // While the window is open Ani may enrol again, on her batch page too, and joins the
    // end of the line (behind Citra), with the same enrolment carrying its whole history.
    let ani_page = w.browser(&ani).await;
    let page = ani_page.get(&format!("/pelatihan/angkatan/{batch}")).await.text().await.unwrap();
    assert!(page.contains(&format!("/pelatihan/angkatan/{batch}/daftar")), "{page}");
    let response = ani_page.post_form(&format!("/pelatihan/angkatan/{batch}/daftar"), &[]).await;
    assert_eq!(response.status(), 303);
    let again = w.enrolment(ani_id).await;
    assert_eq!((again.state, again.waitlist_position), (EnrolmentState::Waitlisted, Some(2)));
    let page = ani_page.get(&format!("/pelatihan/angkatan/{batch}")).await.text().await.unwrap();
    assert!(page.contains("urutan ke-2"), "{page}");
    let events = enrolment_events::Entity::find()
        .filter(enrolment_events::Column::EnrolmentId.eq(ani_id))
        .order_by_asc(enrolment_events::Column::Id)
        .all(&w.app.db)
        .await
        .unwrap();
    let path: Vec<_> = events.iter().map(|e| (e.from_state, e.to_state)).collect();
    use EnrolmentState as S;
    assert_eq!(
        path,
        [
            (None, S::Requested),
            (Some(S::Requested), S::Enrolled),
            (Some(S::Enrolled), S::Withdrawn),
            (Some(S::Withdrawn), S::Requested),
            (Some(S::Requested), S::Waitlisted),
        ]
    );
    // Citra leaves the line: Ani moves up to first. Budi, seated, cannot enrol twice.
    let (status, _) = w.api(&citra, "POST", &format!("/api/v1/enrolments/{citra_id}/withdraw"), None).await;
    assert_eq!(status, 200);
    assert_eq!(w.enrolment(ani_id).await.waitlist_position, Some(1));
    let (status, body) = w.enrol(&budi, batch).await;
    assert_eq!(status, 422);
    assert!(messages(&body).contains("already"), "{body}");
    // Through the API as well, Citra enrols again and is second in line.
    let (status, body) = w.enrol(&citra, batch).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!((body["id"].as_i64(), body["waitlist_position"].as_i64()), (Some(citra_id), Some(2)));
    // Once the window is closed, a withdrawal is final.
    let (status, _) = w.api(&citra, "POST", &format!("/api/v1/enrolments/{citra_id}/withdraw"), None).await;
    assert_eq!(status, 200);
    w.status(batch, "close").await;
    let (status, body) = w.enrol(&citra, batch).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "batch");
    assert_eq!(w.enrolment(citra_id).await.state, EnrolmentState::Withdrawn);
    assert_eq!(w.batch_row(batch).await.seats_taken, 1);
}

async fn staff_enrol_in_bulk_through_the_api_and_read_the_log(backend: Backend) {
    let w = World::new(backend).await;
    let program = w.program("BLK", json!({"requires_supervisor_approval": true})).await;
    let batch = w.batch(program, 2, "2031-06-01", "2031-06-02", json!({})).await;
    let mut people = Vec::new();
    for name in ["Dedi", "Eka", "Fajar"] {
        people.push(w.person(w.spec(name)).await);
    }
    let outsider = w.person(Spec { agency: w.agency_b, ..w.spec("Gita") }).await;
    let operator = w.operator(w.agency_a, "operator.a@tes.go.id").await;
    async fn bulk_at(w: &World, batch: i64, who: &Person, nips: Vec<&str>) -> (u16, Value) {
        w.api(who, "POST", &format!("/api/v1/batches/{batch}/enrolments/bulk"), Some(json!({ "nips": nips })))
            .await
    }
    let bulk = |who, nips| bulk_at(&w, batch, who, nips);
    let nips: Vec<&str> = people.iter().map(|p| p.nip.as_str()).collect();

    // Someone outside the operator's agency, or an unknown NIP: every problem, nothing stored.
    let (status, body) = bulk(&operator, vec![nips[0], outsider.nip.as_str(), "123"]).await;
    assert_eq!(status, 422, "{body}");
    let fields = body["error"]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2, "{body}");
    assert!(messages(&body).contains(&outsider.nip) && messages(&body).contains("123"), "{body}");
    assert_eq!(w.batch_row(batch).await.seats_taken, 0);
    // Employees have no bulk enrolment.
    let (status, _) = bulk(&people[0], vec![nips[1]]).await;
    assert_eq!(status, 404);
    // The operator enrols three in order: staff decide for them, two seats then the line.
    let (status, body) = bulk(&operator, nips.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"enrolled": 2, "waitlisted": 1}));
    let (_, list) = w.api(&operator, "GET", &format!("/api/v1/batches/{batch}/enrolments"), None).await;
    let states: Vec<(&str, &str, Option<i64>)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["nip"].as_str().unwrap(), i["state"].as_str().unwrap(), i["waitlist_position"].as_i64()))
        .collect();
    assert_eq!(
        states,
        [(nips[0], "enrolled", None), (nips[1], "enrolled", None), (nips[2], "waitlisted", Some(1))]
    );
    // A second bulk with someone already in is refused, naming them.
    let (status, body) = bulk(&operator, vec![nips[0]]).await;
    assert_eq!(status, 422);
    assert!(messages(&body).contains(nips[0]), "{body}");
    // Staff withdraw Dedi (Fajar is promoted) and enrol him again in bulk: end of the line.
    let dedi = list["items"][0]["enrolment_id"].as_i64().unwrap();
    let (status, _) = w
        .api(
            &operator,
            "POST",
            &format!("/api/v1/enrolments/{dedi}/withdraw"),
            Some(json!({"reason": "Dinas luar"})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = bulk(&operator, vec![nips[0]]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"enrolled": 0, "waitlisted": 1}));
    assert_eq!(w.enrolment(dedi).await.waitlist_position, Some(1));

    // The log through the API, oldest first, with who did what and why.
    let (status, log) = w.api(&operator, "GET", &format!("/api/v1/batches/{batch}/events"), None).await;
    assert_eq!(status, 200, "{log}");
    let lines: Vec<(String, Option<String>, String)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["nip"] == nips[0])
        .map(|e| {
            (
                e["to_state"].as_str().unwrap().to_owned(),
                e["reason"].as_str().map(str::to_owned),
                e["by"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let op = "operator.a@tes.go.id".to_string();
    assert_eq!(
        lines,
        [
            ("requested".into(), None, op.clone()),
            ("approved".into(), None, op.clone()),
            ("enrolled".into(), None, op.clone()),
            ("withdrawn".into(), Some("Dinas luar".into()), op.clone()),
            ("requested".into(), None, op.clone()),
            ("approved".into(), None, op.clone()),
            ("waitlisted".into(), None, op.clone()),
        ]
    );
    assert_eq!(log["total"].as_u64(), Some(3 * 3 + 1 + 3 + 1), "{log}");
    let ids: Vec<i64> = log["items"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|p| p[0] < p[1]));
    // The log is for staff only.
    let (status, _) = w.api(&people[0], "GET", &format!("/api/v1/batches/{batch}/events"), None).await;
    assert_eq!(status, 404);
}

async fn the_json_api_serves_the_catalogue_calendar_own_enrolments_approvals_and_attendance(
    backend: Backend,
) {
    use bangkom_entities::enums::CompetencyKind;
    use bangkom_entities::schema::{attendance_records, competencies};
    let w = World::new(backend).await;
    let now = Utc::now();
    let competency = competencies::ActiveModel {
        code: Set("TK-01".into()),
        kind: Set(CompetencyKind::Teknis),
        name_id: Set("Pengelolaan Arsip".into()),
        name_en: Set("Records management".into()),
        description: Set(None),
        source: Set(None),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&w.app.db)
    .await
    .unwrap()
    .id;
    let arsip = w
        .program(
            "ARS",
            json!({"eligible_agency_ids": [w.agency_a], "competencies": [{"competency_id": competency, "target_level": 3}]}),
        )
        .await;
    let elearn =
        w.program("ELR", json!({"method": "e_learning", "requires_supervisor_approval": true})).await;
    let july = w.batch(arsip, 10, "2031-07-07", "2031-07-08", json!({})).await;
    let draft = w.batch(arsip, 10, "2031-07-21", "2031-07-22", json!({"draft": true})).await;
    let august = w.batch(elearn, 10, "2031-08-04", "2031-08-05", json!({})).await;
    let boss = w.person(Spec { position: w.pengawas, ..w.spec("Kepala Seksi") }).await;
    let siti = w.person(Spec { supervisor: Some(boss.employee_id), ..w.spec("Siti") }).await;

    // The catalogue: a list with a method filter, and one programme with its targets.
    let (status, list) = w.api(&siti, "GET", "/api/v1/programs", None).await;
    assert_eq!((status, list["total"].as_u64()), (200, Some(2)), "{list}");
    let (_, list) = w.api(&siti, "GET", "/api/v1/programs?method=e_learning", None).await;
    let codes: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["ELR"]);
    assert_eq!(list["items"][0]["classical"], false);
    let (status, one) = w.api(&siti, "GET", &format!("/api/v1/programs/{arsip}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(one["competencies"][0]["target_level"], 3);
    assert_eq!(one["eligible_agency_ids"], json!([w.agency_a]));

    // The calendar: a month, without drafts for employees; by competency, method, agency.
    let ids = |v: &Value| -> Vec<i64> {
        v["items"].as_array().unwrap().iter().map(|b| b["id"].as_i64().unwrap()).collect()
    };
    let (status, cal) = w.api(&siti, "GET", "/api/v1/batches?month=2031-07", None).await;
    assert_eq!(status, 200);
    assert_eq!(ids(&cal), [july]);
    let (_, cal) = w.api(&w.admin, "GET", "/api/v1/batches?month=2031-07", None).await;
    assert_eq!(ids(&cal), [july, draft]);
    let (_, cal) = w.api(&siti, "GET", &format!("/api/v1/batches?competency_id={competency}"), None).await;
    assert_eq!(ids(&cal), [july]);
    let (_, cal) = w.api(&siti, "GET", "/api/v1/batches?method=e_learning", None).await;
    assert_eq!(ids(&cal), [august]);
    let (_, cal) = w.api(&w.admin, "GET", &format!("/api/v1/batches?agency_id={}", w.agency_b), None).await;
    assert_eq!(ids(&cal), [august]);
    let (status, one) = w.api(&siti, "GET", &format!("/api/v1/batches/{july}"), None).await;
    assert_eq!((status, one["status"].as_str(), one["quota"].as_i64()), (200, Some("open"), Some(10)));
    assert_eq!(one["enrolment_open"], true);
    let (status, _) = w.api(&siti, "GET", &format!("/api/v1/batches/{draft}"), None).await;
    assert_eq!(status, 404);

    // Siti enrols in both; the e-learning waits for her supervisor, who finds it in his
    // approvals through the API and approves it.
    let (status, seat) = w.enrol(&siti, july).await;
    assert_eq!((status, seat["state"].as_str()), (201, Some("enrolled")));
    let (status, asked) = w.enrol(&siti, august).await;
    assert_eq!((status, asked["state"].as_str()), (201, Some("requested")));
    let (status, pending) = w.api(&boss, "GET", "/api/v1/approvals", None).await;
    assert_eq!(status, 200, "{pending}");
    assert_eq!(pending["total"].as_u64(), Some(1));
    assert_eq!(pending["items"][0]["enrolment_id"], asked["id"]);
    assert_eq!(pending["items"][0]["nip"].as_str(), Some(siti.nip.as_str()));
    let (_, none) = w.api(&siti, "GET", "/api/v1/approvals", None).await;
    assert_eq!(none["total"].as_u64(), Some(0));
    let (status, _) = w
        .api(
            &boss,
            "POST",
            &format!("/api/v1/enrolments/{}/decision", asked["id"]),
            Some(json!({"approve": true})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, mine) = w.api(&siti, "GET", "/api/v1/me/enrolments", None).await;
    assert_eq!(status, 200);
    let mut states: Vec<(i64, &str)> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["enrolment"]["batch_id"].as_i64().unwrap(), i["enrolment"]["state"].as_str().unwrap()))
        .collect();
    states.sort();
    assert_eq!(states, [(july, "enrolled"), (august, "enrolled")]);
    let (status, _) = w.api(&w.admin, "GET", "/api/v1/me/enrolments", None).await;
    assert_eq!(status, 404);

    // Attendance of a running batch through the API: present or absent, only its days.
    w.status(july, "close").await;
    w.status(july, "start").await;
    async fn attend_at(w: &World, batch: i64, present: &Value, day: &str) -> (u16, Value) {
        w.api(
            &w.admin,
            "POST",
            &format!("/api/v1/batches/{batch}/attendance"),
            Some(json!({"day": day, "present": [present]})),
        )
        .await
    }
    let attend = |day| attend_at(&w, july, &seat["id"], day);
    let (status, body) = attend("2031-07-08").await;
    assert_eq!((status, body["recorded"].as_u64()), (200, Some(1)), "{body}");
    let (status, body) = attend("2031-07-09").await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = attend("kemarin").await;
    assert_eq!((status, body["error"]["fields"][0]["field"].as_str()), (422, Some("day")));
    let rows = attendance_records::Entity::find().all(&w.app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].present);
    assert_eq!(rows[0].enrolment_id, seat["id"].as_i64().unwrap());
    let (status, _) = w
        .api(
            &siti,
            "POST",
            &format!("/api/v1/batches/{july}/attendance"),
            Some(json!({"day": "2031-07-08", "present": []})),
        )
        .await;
    assert_eq!(status, 404);
}

// ---------------------------------------------------------------------------------------
// State machines
// ---------------------------------------------------------------------------------------

async fn state_machines_refuse_what_they_do_not_allow(backend: Backend) {
    let w = World::new(backend).await;
    let program = w.program("SM", json!({})).await;
    let batch = w.batch(program, 5, "2031-05-04", "2031-05-05", json!({"draft": true})).await;
    let p = w.person(w.spec("Budi")).await;
    // A draft does not exist for employees, and cannot be completed or started.
    let (status, _) = w.enrol(&p, batch).await;
    assert_eq!(status, 404);
    for action in ["complete", "start", "close"] {
        let (status, body) = w
            .api(
                &w.admin,
                "POST",
                &format!("/api/v1/batches/{batch}/status"),
                Some(json!({"action": action})),
            )
            .await;
        assert_eq!(status, 422, "{action}: {body}");
        assert_eq!(body["error"]["fields"][0]["field"], "state");
    }
    let (status, _) = w
        .api(&w.admin, "POST", &format!("/api/v1/batches/{batch}/status"), Some(json!({"action": "fly"})))
        .await;
    assert_eq!(status, 422);
    w.status(batch, "open").await;
    let (_, e) = w.enrol(&p, batch).await;
    let id = e["id"].as_i64().unwrap();
    // No results before the batch runs; no decision on a seated enrolment.
    let (status, body) = w
        .api(
            &w.admin,
            "POST",
            &format!("/api/v1/batches/{batch}/results"),
            Some(json!({"results": [{"enrolment_id": id, "result": "passed"}]})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = w
        .api(&w.admin, "POST", &format!("/api/v1/enrolments/{id}/decision"), Some(json!({"approve": true})))
        .await;
    assert_eq!(status, 422);
    // Cancelling needs a reason; the path open → closed → running → completed works, and
    // nothing follows completion.
    let (status, body) = w
        .api(&w.admin, "POST", &format!("/api/v1/batches/{batch}/status"), Some(json!({"action": "cancel"})))
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "reason");
    w.status(batch, "close").await;
    w.status(batch, "open").await;
    w.status(batch, "close").await;
    w.status(batch, "start").await;
    // Withdrawing during the batch is refused.
    let (status, _) = w.api(&p, "POST", &format!("/api/v1/enrolments/{id}/withdraw"), None).await;
    assert_eq!(status, 422);
    let done = w.status(batch, "complete").await;
    assert_eq!(done["status"], "completed");
    let (status, _) = w
        .api(
            &w.admin,
            "POST",
            &format!("/api/v1/batches/{batch}/status"),
            Some(json!({"action": "cancel", "reason": "x"})),
        )
        .await;
    assert_eq!(status, 422);
    // The page offers no status buttons on a completed batch, and refuses a forged one.
    let admin = w.browser(&w.admin).await;
    let response =
        admin.post_form(&format!("/pelatihan/angkatan/{batch}/status"), &[("action", "open")]).await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Tindakan ini tidak berlaku untuk status sekarang"));
    // Employees cannot change a batch at all.
    let (status, _) = w
        .api(
            &p,
            "POST",
            &format!("/api/v1/batches/{batch}/status"),
            Some(json!({"action": "cancel", "reason": "x"})),
        )
        .await;
    assert_eq!(status, 404);
}

// ---------------------------------------------------------------------------------------
// Eligibility
// ---------------------------------------------------------------------------------------

async fn eligibility_decides_who_may_enrol(backend: Backend) {
    let w = World::new(backend).await;
    let program = w
        .program(
            "PKP",
            json!({"eligible_families": ["pengawas"], "eligible_agency_ids": [w.agency_a], "min_grade": "III/c", "max_grade": "IV/b"}),
        )
        .await;
    let batch = w.batch(program, 10, "2031-06-01", "2031-06-05", json!({})).await;
    let open_program = w.program("OPEN", json!({})).await;
    let open_batch = w.batch(open_program, 10, "2031-06-08", "2031-06-09", json!({})).await;
    let fits = w
        .person(Spec { position: w.pengawas, agency: w.unit_a, grade: Some(Grade::IIId), ..w.spec("Cocok") })
        .await;
    let staff = w.person(Spec { grade: Some(Grade::IIId), ..w.spec("Pelaksana") }).await;
    let elsewhere = w
        .person(Spec { position: w.pengawas, agency: w.agency_b, grade: Some(Grade::IIId), ..w.spec("Lain") })
        .await;
    let junior = w.person(Spec { position: w.pengawas, grade: Some(Grade::IIb), ..w.spec("Junior") }).await;
    let contract = w
        .person(Spec { position: w.pengawas, grade: None, kind: EmploymentType::Pppk, ..w.spec("Kontrak") })
        .await;

    for (who, expected) in [
        (&staff, "position family"),
        (&elsewhere, "certain agencies"),
        (&junior, "grade range"),
        (&contract, "grade range"),
    ] {
        let (status, body) = w.enrol(who, batch).await;
        assert_eq!(status, 422, "{body}");
        assert!(messages(&body).contains(expected), "{expected}: {body}");
    }
    // A unit of an eligible agency is eligible.
    let (status, body) = w.enrol(&fits, batch).await;
    assert_eq!((status, body["state"].as_str()), (201, Some("enrolled")), "{body}");

    // The batch page says why, in Indonesian; the home page offers only what fits.
    let page =
        w.browser(&staff).await.get(&format!("/pelatihan/angkatan/{batch}")).await.text().await.unwrap();
    assert!(page.contains("program ini untuk kelompok jabatan lain"), "{page}");
    assert!(!page.contains("/daftar\""), "no enrol button");
    let home = w.browser(&staff).await.get("/").await.text().await.unwrap();
    assert!(
        home.contains(&format!("data-batch=\"{open_batch}\""))
            && !home.contains(&format!("data-batch=\"{batch}\""))
    );
    let home = w.browser(&junior).await.get("/").await.text().await.unwrap();
    assert!(!home.contains(&format!("data-batch=\"{batch}\"")));
    // Staff enrolling someone ineligible in bulk get every problem, and nothing is stored.
    let operator = w.operator(w.agency_a, "op-a@tes.go.id").await;
    let before = enrolments::Entity::find().all(&w.app.db).await.unwrap().len();
    let response = w
        .browser(&operator)
        .await
        .post_form(
            &format!("/pelatihan/angkatan/{batch}/peserta"),
            &[("nips", &format!("{}\n{}\n999", staff.nip, junior.nip))],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Pelaksana") && page.contains("Junior") && page.contains("NIP 999 tidak dikenal"),
        "{page}"
    );
    assert_eq!(enrolments::Entity::find().all(&w.app.db).await.unwrap().len(), before);

    // A PPPK enrols while the contract runs; once it has ended they cannot enrol again, and
    // what they did is kept.
    let second_batch = w.batch(open_program, 10, "2031-07-08", "2031-07-09", json!({})).await;
    let set_contract_end = |end: NaiveDate| {
        let db = w.app.db.clone();
        let id = contract.employee_id;
        async move {
            let e = employees::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
            let mut e: employees::ActiveModel = e.into();
            e.contract_start = Set(Some(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()));
            e.contract_end = Set(Some(end));
            e.update(&db).await.unwrap();
        }
    };
    let today = Utc::now().date_naive();
    set_contract_end(today).await;
    let (status, body) = w.enrol(&contract, open_batch).await;
    assert_eq!(
        (status, body["state"].as_str()),
        (201, Some("enrolled")),
        "the last day still counts: {body}"
    );
    set_contract_end(today - chrono::Duration::days(1)).await;
    let (status, body) = w.enrol(&contract, second_batch).await;
    assert_eq!(status, 422, "{body}");
    assert!(messages(&body).contains("PPPK contract has ended"), "{body}");
    let kept = enrolments::Entity::find()
        .filter(enrolments::Column::EmployeeId.eq(contract.employee_id))
        .all(&w.app.db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1, "the enrolment made under the contract is kept");
    let page = w
        .browser(&contract)
        .await
        .get(&format!("/pelatihan/angkatan/{second_batch}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("kontrak PPPK-nya sudah berakhir"), "{page}");
}

// ---------------------------------------------------------------------------------------
// Approvals
// ---------------------------------------------------------------------------------------

async fn the_supervisor_approves_or_rejects_with_a_reason(backend: Backend) {
    let w = World::new(backend).await;
    let program = w
        .program("BIMTEK", json!({"method": "bimbingan_teknis", "requires_supervisor_approval": true}))
        .await;
    let batch = w.batch(program, 1, "2031-07-06", "2031-07-07", json!({})).await;
    let boss = w.person(w.spec("Atasan")).await;
    let siti = w.person(Spec { supervisor: Some(boss.employee_id), ..w.spec("Siti") }).await;
    let budi = w.person(Spec { supervisor: Some(boss.employee_id), ..w.spec("Budi") }).await;
    let other = w.person(w.spec("Rekan")).await;

    let browser = w.browser(&siti).await;
    let response = browser.post_form(&format!("/pelatihan/angkatan/{batch}/daftar"), &[]).await;
    assert_eq!(response.status(), 303);
    let page = browser.get(&format!("/pelatihan/angkatan/{batch}")).await.text().await.unwrap();
    assert!(page.contains("Permintaan pendaftaran dikirim kepada atasan langsung"), "{page}");
    assert!(page.contains("data-own-state=\"requested\""));
    let (_, budi_e) = w.enrol(&budi, batch).await;
    assert_eq!(budi_e["state"], "requested");
    // The requests wait on the supervisor's page, not on a colleague's.
    let boss_browser = w.browser(&boss).await;
    let approvals = boss_browser.get("/pelatihan/persetujuan").await.text().await.unwrap();
    assert!(approvals.contains("Siti") && approvals.contains("Budi"), "{approvals}");
    let colleague = w.browser(&other).await;
    assert!(!colleague.get("/pelatihan/persetujuan").await.text().await.unwrap().contains("Siti"));
    let siti_e = enrolments::Entity::find()
        .filter(enrolments::Column::EmployeeId.eq(siti.employee_id))
        .one(&w.app.db)
        .await
        .unwrap()
        .unwrap();
    let (status, _) = w
        .api(
            &other,
            "POST",
            &format!("/api/v1/enrolments/{}/decision", siti_e.id),
            Some(json!({"approve": true})),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = w
        .api(
            &siti,
            "POST",
            &format!("/api/v1/enrolments/{}/decision", siti_e.id),
            Some(json!({"approve": true})),
        )
        .await;
    assert_eq!(status, 404, "nobody approves their own request");
    // A rejection needs a reason.
    let response = boss_browser
        .post_form(
            &format!("/pelatihan/pendaftaran/{}/putusan", siti_e.id),
            &[("decision", "reject"), ("reason", " ")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Tuliskan alasannya."));
    // Approved: the only seat. The second approval goes to the waitlist.
    let response = boss_browser
        .post_form(&format!("/pelatihan/pendaftaran/{}/putusan", siti_e.id), &[("decision", "approve")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(w.enrolment(siti_e.id).await.state, EnrolmentState::Enrolled);
    let budi_id = budi_e["id"].as_i64().unwrap();
    let (status, body) = w
        .api(
            &boss,
            "POST",
            &format!("/api/v1/enrolments/{budi_id}/decision"),
            Some(json!({"approve": false, "reason": "Beban kerja tinggi"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["enrolment"]["state"], "rejected");
    assert_eq!(body["enrolment"]["decision_reason"], "Beban kerja tinggi");
    let states: Vec<&str> =
        body["events"].as_array().unwrap().iter().map(|e| e["to_state"].as_str().unwrap()).collect();
    assert_eq!(states, ["requested", "rejected"]);
    // Budi sees the reason; deciding twice is refused.
    let page =
        w.browser(&budi).await.get(&format!("/pelatihan/pendaftaran/{budi_id}")).await.text().await.unwrap();
    assert!(page.contains("Beban kerja tinggi") && page.contains("Ditolak"), "{page}");
    let (status, _) = w
        .api(&boss, "POST", &format!("/api/v1/enrolments/{budi_id}/decision"), Some(json!({"approve": true})))
        .await;
    assert_eq!(status, 422);
    // Staff enrolling someone on behalf decide for them.
    let (status, body) = w
        .api(
            &w.admin,
            "POST",
            &format!("/api/v1/batches/{batch}/enrolments"),
            Some(json!({"employee_id": other.employee_id})),
        )
        .await;
    assert_eq!(
        (status, body["state"].as_str(), body["waitlist_position"].as_i64()),
        (201, Some("waitlisted"), Some(1))
    );
}

/// The allowed actions come with the record (API fields, page forms), from the same rules
/// the domain applies when the action is tried.
async fn an_enrolment_says_what_its_viewer_may_do_and_the_domain_agrees(backend: Backend) {
    let w = World::new(backend).await;
    let program = w.program("ALLOW", json!({"requires_supervisor_approval": true})).await;
    let batch = w
        .batch(program, 5, "2031-08-04", "2031-08-05", json!({"withdrawal_deadline": "2031-08-01 00:00"}))
        .await;
    let boss = w.person(w.spec("Atasan")).await;
    let siti = w.person(Spec { supervisor: Some(boss.employee_id), ..w.spec("Siti") }).await;
    let (status, e) = w.enrol(&siti, batch).await;
    assert_eq!((status, e["state"].as_str()), (201, Some("requested")), "{e}");
    let id = e["id"].as_i64().unwrap();
    let path = format!("/api/v1/enrolments/{id}");
    let page_path = format!("/pelatihan/pendaftaran/{id}");
    let decide_form = format!("/pelatihan/pendaftaran/{id}/putusan\"");
    let withdraw_form = format!("/pelatihan/pendaftaran/{id}/mundur\"");
    let allowed = |body: &Value| (body["can_decide"].as_bool(), body["can_withdraw"].as_bool());

    // The employee: withdraw, never decide their own request.
    let (status, body) = w.api(&siti, "GET", &path, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(allowed(&body), (Some(false), Some(true)), "{body}");
    let page = w.browser(&siti).await.get(&page_path).await.text().await.unwrap();
    assert!(page.contains(&withdraw_form) && !page.contains(&decide_form), "{page}");
    // The supervisor: decide, not withdraw. The admin: both.
    let (_, body) = w.api(&boss, "GET", &path, None).await;
    assert_eq!(allowed(&body), (Some(true), Some(false)), "{body}");
    let page = w.browser(&boss).await.get(&page_path).await.text().await.unwrap();
    assert!(page.contains(&decide_form) && !page.contains(&withdraw_form), "{page}");
    let (_, body) = w.api(&w.admin, "GET", &path, None).await;
    assert_eq!(allowed(&body), (Some(true), Some(true)), "{body}");

    // Past the withdrawal deadline the employee is no longer offered a withdrawal (and is
    // refused one); staff still are.
    let mut row: training_batches::ActiveModel = w.batch_row(batch).await.into();
    row.withdrawal_deadline = Set(Some(Utc::now() - chrono::Duration::hours(1)));
    row.update(&w.app.db).await.unwrap();
    let (_, body) = w.api(&siti, "GET", &path, None).await;
    assert_eq!(allowed(&body), (Some(false), Some(false)), "{body}");
    let browser = w.browser(&siti).await;
    let page = browser.get(&page_path).await.text().await.unwrap();
    assert!(!page.contains(&withdraw_form), "{page}");
    let page = browser.get(&format!("/pelatihan/angkatan/{batch}")).await.text().await.unwrap();
    assert!(!page.contains(&withdraw_form), "{page}");
    let (status, _) = w.api(&siti, "POST", &format!("{path}/withdraw"), Some(json!({}))).await;
    assert_eq!(status, 422, "the domain refuses what the page no longer offers");
    let (_, body) = w.api(&w.admin, "GET", &path, None).await;
    assert_eq!(allowed(&body), (Some(true), Some(true)), "{body}");
    // Once decided, nobody is offered a decision any more.
    let (status, body) =
        w.api(&boss, "POST", &format!("{path}/decision"), Some(json!({"approve": true}))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["can_decide"], false, "{body}");
}

// ---------------------------------------------------------------------------------------
// Results, JP and certificates
// ---------------------------------------------------------------------------------------

async fn a_pass_credits_jp_in_the_year_the_batch_ended_with_unique_certificates(backend: Backend) {
    let w = World::new(backend).await;
    let program = w.program("PBJ", json!({"jp": 30})).await;
    // Across New Year: credited in 2026.
    let batch = w.batch(program, 10, "2025-12-30", "2026-01-02", json!({})).await;
    let people: Vec<Person> =
        futures::future::join_all(["Ani", "Bayu", "Citra"].map(|n| w.person(w.spec(n)))).await;
    let admin = w.browser(&w.admin).await;
    let nips = people.iter().map(|p| p.nip.clone()).collect::<Vec<_>>().join("\n");
    let response = admin.post_form(&format!("/pelatihan/angkatan/{batch}/peserta"), &[("nips", &nips)]).await;
    assert_eq!(response.status(), 303);
    let ids: Vec<i64> = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch))
        .order_by_asc(enrolments::Column::Id)
        .all(&w.app.db)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids.len(), 3);
    w.status(batch, "close").await;
    w.status(batch, "start").await;
    // Results on the page: Ani and Citra pass, Bayu fails.
    let form: Vec<(String, String)> = ids
        .iter()
        .zip(["passed", "failed", "passed"])
        .flat_map(|(id, r)| [("enrolment".to_owned(), id.to_string()), ("result".to_owned(), r.to_owned())])
        .collect();
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = admin.post_form(&format!("/pelatihan/angkatan/{batch}/kelulusan"), &fields).await;
    assert_eq!(response.status(), 303);
    let ani = w.enrolment(ids[0]).await;
    let citra = w.enrolment(ids[2]).await;
    assert_eq!(ani.state, EnrolmentState::Passed);
    assert_eq!((ani.jp_credited, ani.credited_year), (Some(30), Some(2026)));
    assert_eq!(ani.certificate_number.as_deref(), Some("PBJ/1/001/2026"));
    assert_eq!(citra.certificate_number.as_deref(), Some("PBJ/1/002/2026"));
    let bayu = w.enrolment(ids[1]).await;
    assert_eq!((bayu.state, bayu.jp_credited, bayu.certificate_number), (EnrolmentState::Failed, None, None));
    assert_eq!(w.batch_row(batch).await.next_certificate_seq, 3);
    // A second result for the same person is refused; nothing changes.
    let (status, _) = w
        .api(
            &w.admin,
            "POST",
            &format!("/api/v1/batches/{batch}/results"),
            Some(json!({"results": [{"enrolment_id": ids[0], "result": "failed"}]})),
        )
        .await;
    assert_eq!(status, 422);
    // The JP count in 2026, not 2025.
    let (_, y2025) = w
        .api(&people[0], "GET", &format!("/api/v1/employees/{}/jp?year=2025", people[0].employee_id), None)
        .await;
    let (_, y2026) = w
        .api(&people[0], "GET", &format!("/api/v1/employees/{}/jp?year=2026", people[0].employee_id), None)
        .await;
    assert_eq!(y2025["totals"]["total_jp"], 0.0);
    assert_eq!(y2026["totals"]["classical_jp"], 30);
    assert_eq!(y2026["lines"][0]["certificate_number"], "PBJ/1/001/2026");
    // A second batch of the same programme numbers its own certificates; all are unique.
    let second = w.batch(program, 10, "2026-02-02", "2026-02-03", json!({})).await;
    let (_, e) = w
        .api(
            &w.admin,
            "POST",
            &format!("/api/v1/batches/{second}/enrolments"),
            Some(json!({"employee_id": people[1].employee_id})),
        )
        .await;
    w.status(second, "close").await;
    w.status(second, "start").await;
    let (status, body) = w
        .api(
            &w.admin,
            "POST",
            &format!("/api/v1/batches/{second}/results"),
            Some(json!({"results": [{"enrolment_id": e["id"], "result": "passed"}]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["certificates"], json!(["PBJ/2/001/2026"]));
    let numbers: Vec<String> = enrolments::Entity::find()
        .all(&w.app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| e.certificate_number)
        .collect();
    let unique: std::collections::HashSet<_> = numbers.iter().collect();
    assert_eq!((numbers.len(), unique.len()), (3, 3));
    // The employee's own page shows the certificate and this year's JP.
    let page = w.browser(&people[0]).await.get("/pelatihan/saya").await.text().await.unwrap();
    assert!(page.contains("PBJ/1/001/2026"), "{page}");
}

// ---------------------------------------------------------------------------------------
// Attendance
// ---------------------------------------------------------------------------------------

async fn attendance_is_ticked_or_imported_and_a_wrong_file_changes_nothing(backend: Backend) {
    use bangkom_entities::schema::attendance_records;
    let w = World::new(backend).await;
    let program = w.program("WS", json!({"method": "workshop"})).await;
    let batch = w.batch(program, 5, "2031-08-03", "2031-08-04", json!({})).await;
    let a = w.person(w.spec("Ayu")).await;
    let b = w.person(w.spec("Bima")).await;
    let (_, ea) = w.enrol(&a, batch).await;
    let (_, eb) = w.enrol(&b, batch).await;
    let admin = w.browser(&w.admin).await;
    // Not before the batch runs.
    let response = admin
        .post_form(
            &format!("/pelatihan/angkatan/{batch}/kehadiran"),
            &[("tanggal", "2031-08-03"), ("present", &ea["id"].to_string())],
        )
        .await;
    assert_eq!(response.status(), 422);
    w.status(batch, "close").await;
    w.status(batch, "start").await;
    let response = admin
        .post_form(
            &format!("/pelatihan/angkatan/{batch}/kehadiran"),
            &[("tanggal", "2031-08-03"), ("present", &ea["id"].to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    let rows = attendance_records::Entity::find().all(&w.app.db).await.unwrap();
    let present: BTreeMap<i64, bool> = rows.iter().map(|r| (r.enrolment_id, r.present)).collect();
    assert!(present[&ea["id"].as_i64().unwrap()]);
    assert!(!present[&eb["id"].as_i64().unwrap()]);
    // A CSV with mistakes: every line is named and nothing is stored.
    let upload = |csv: String| {
        let admin = &admin;
        async move {
            let csrf = admin.csrf().await;
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf)
                .part("file", reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("hadir.csv"));
            admin
                .client
                .post(admin.url(&format!("/pelatihan/angkatan/{batch}/kehadiran/impor")))
                .multipart(form)
                .send()
                .await
                .unwrap()
        }
    };
    let bad = format!(
        "nip;tanggal;hadir\n{};2031-08-04;ya\n{};2031-08-09;ya\n123;2031-08-04;tidak\n{};2031-08-04;mungkin\n",
        a.nip, b.nip, b.nip
    );
    let response = upload(bad).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Baris 3: tanggal 2031-08-09 bukan hari pelaksanaan"), "{page}");
    assert!(page.contains("Baris 4: NIP 123 bukan peserta"), "{page}");
    assert!(page.contains("Baris 5: kolom hadir berisi"), "{page}");
    assert_eq!(attendance_records::Entity::find().all(&w.app.db).await.unwrap().len(), 2);
    let good = format!(
        "nip,tanggal,hadir\n{},2031-08-04,ya\n{},2031-08-04,tidak\n{},2031-08-03,ya\n",
        a.nip, b.nip, b.nip
    );
    let response = upload(good).await;
    assert_eq!(response.status(), 303);
    let rows = attendance_records::Entity::find().all(&w.app.db).await.unwrap();
    assert_eq!(rows.len(), 4);
    assert!(
        rows.iter().all(|r| r.present
            || (r.enrolment_id == eb["id"].as_i64().unwrap() && r.day.to_string() == "2031-08-04"))
    );
    // The results page counts the days present.
    let page = admin.get(&format!("/pelatihan/angkatan/{batch}/kelulusan")).await.text().await.unwrap();
    assert!(page.contains("2 / 2") && page.contains("1 / 2"), "{page}");
}

// ---------------------------------------------------------------------------------------
// The JP recap
// ---------------------------------------------------------------------------------------

/// A passed enrolment, as a finished batch leaves it.
async fn passed(w: &World, batch: i64, who: &Person, jp: i32, year: i32) {
    let now = Utc::now();
    enrolments::ActiveModel {
        batch_id: Set(batch),
        employee_id: Set(who.employee_id),
        state: Set(EnrolmentState::Passed),
        requested_at: Set(now),
        jp_credited: Set(Some(jp)),
        credited_year: Set(Some(year)),
        completed_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&w.app.db)
    .await
    .unwrap();
}

async fn mentoring(
    w: &World,
    mentor: &Person,
    mentee: &Person,
    sessions: &[(&str, i32, SessionConfirmation)],
) {
    let now = Utc::now();
    let pair = mentoring_pairs::ActiveModel {
        mentor_id: Set(mentor.employee_id),
        mentee_id: Set(mentee.employee_id),
        starts_on: Set(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
        status: Set(MentoringPairStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&w.app.db)
    .await
    .unwrap();
    for (day, minutes, confirmation) in sessions {
        mentoring_sessions::ActiveModel {
            pair_id: Set(pair.id),
            held_on: Set(day.parse().unwrap()),
            minutes: Set(*minutes),
            mode: Set(SessionMode::FaceToFace),
            topic: Set(format!("Sesi {day}")),
            confirmation: Set(*confirmation),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&w.app.db)
        .await
        .unwrap();
    }
}

async fn the_jp_recap_matches_hand_computed_numbers_and_the_exports_agree(backend: Backend) {
    use SessionConfirmation::{Confirmed, Disputed, Pending};
    let w = World::new(backend).await;
    let classical = w.program("KLS", json!({"jp": 16})).await;
    let elearning = w.program("EL", json!({"method": "e_learning", "delivery": "online", "jp": 4})).await;
    let b1 = w.batch(classical, 40, "2030-03-02", "2030-03-04", json!({"draft": true})).await;
    let b2 = w.batch(elearning, 40, "2030-04-06", "2030-04-07", json!({"draft": true})).await;
    let b3 = w.batch(classical, 40, "2029-03-02", "2029-03-04", json!({"draft": true})).await;
    let mentor = w.person(w.spec("Mentor Senior")).await;
    // Agency A: Ani 16 + 4 = 20 (reached); Bayu 16 + mentoring 90 min = 18 (below; a
    // pending 300-minute session and 2029's training do not count); Cakra nothing (below);
    // Dewi (PPPK, unit of A) 16 + 16 = 32 > 24 (over the ceiling).
    // Agency B: Eko mentoring 900 min = 20 (reached), a disputed session does not count.
    let ani = w.person(w.spec("Ani")).await;
    let bayu = w.person(w.spec("Bayu")).await;
    let _cakra = w.person(w.spec("Cakra")).await;
    let dewi =
        w.person(Spec { agency: w.unit_a, grade: None, kind: EmploymentType::Pppk, ..w.spec("Dewi") }).await;
    let eko = w.person(Spec { agency: w.agency_b, ..w.spec("Eko") }).await;
    passed(&w, b1, &ani, 16, 2030).await;
    passed(&w, b2, &ani, 4, 2030).await;
    passed(&w, b1, &bayu, 16, 2030).await;
    passed(&w, b3, &bayu, 16, 2029).await;
    passed(&w, b1, &dewi, 16, 2030).await;
    passed(&w, b3, &dewi, 16, 2030).await;
    mentoring(
        &w,
        &mentor,
        &bayu,
        &[("2030-02-10", 90, Confirmed), ("2030-02-17", 300, Pending), ("2029-12-30", 200, Confirmed)],
    )
    .await;
    mentoring(
        &w,
        &mentor,
        &eko,
        &[("2030-05-01", 450, Confirmed), ("2030-05-08", 450, Confirmed), ("2030-05-15", 120, Disputed)],
    )
    .await;

    let (status, recap) = w.api(&w.admin, "GET", "/api/v1/jp-recap?year=2030", None).await;
    assert_eq!(status, 200, "{recap}");
    let agencies: BTreeMap<i64, &Value> =
        recap["agencies"].as_array().unwrap().iter().map(|a| (a["agency_id"].as_i64().unwrap(), a)).collect();
    let a = agencies[&w.agency_a];
    // A's PNS: Ani, Bayu, Cakra and the mentor (who has nothing): 4 PNS, 1 reached.
    assert_eq!(
        (a["pns"].as_i64(), a["pns_reached"].as_i64(), a["pns_below"].as_i64()),
        (Some(4), Some(1), Some(3))
    );
    assert_eq!((a["pppk"].as_i64(), a["pppk_over_ceiling"].as_i64()), (Some(1), Some(1)));
    let b = agencies[&w.agency_b];
    assert_eq!((b["pns"].as_i64(), b["pns_reached"].as_i64()), (Some(1), Some(1)));
    let below: Vec<&str> =
        recap["below"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(below, ["Bayu", "Cakra", "Mentor Senior"]);
    let bayu_row = &recap["below"][0];
    assert_eq!(bayu_row["classical_jp"], 16);
    assert_eq!(bayu_row["mentoring_minutes"], 90);
    assert_eq!(bayu_row["mentoring_jp"], 2.0);
    assert_eq!(bayu_row["total_jp"], 18.0);
    let (_, eko_year) =
        w.api(&eko, "GET", &format!("/api/v1/employees/{}/jp?year=2030", eko.employee_id), None).await;
    assert_eq!(eko_year["totals"]["mentoring_jp"], 20.0);
    assert_eq!(eko_year["totals"]["standing"], "reached");
    assert_eq!(eko_year["lines"].as_array().unwrap().len(), 2);
    assert!(eko_year["lines"].as_array().unwrap().iter().all(|l| l["source"] == "mentoring"));

    // The page shows the same figures; an operator sees only their agency.
    let admin = w.browser(&w.admin).await;
    let page = admin.get("/pelatihan/rekap-jp?tahun=2030").await.text().await.unwrap();
    assert!(page.contains("data-reached=\"2\" data-pns=\"5\""), "{page}");
    assert!(page.contains("tahun kalender"), "the contract-year assumption is said");
    let operator = w.operator(w.agency_b, "op-b@tes.go.id").await;
    let (status, op_recap) = w.api(&operator, "GET", "/api/v1/jp-recap?year=2030", None).await;
    assert_eq!(status, 200);
    assert_eq!(op_recap["agencies"].as_array().unwrap().len(), 1);
    let (status, _) =
        w.api(&operator, "GET", &format!("/api/v1/jp-recap?year=2030&agency_id={}", w.agency_a), None).await;
    assert_eq!(status, 404);
    let (status, _) = w.api(&ani, "GET", "/api/v1/jp-recap", None).await;
    assert_eq!(status, 404);

    // The exports hold the same rows: CSV read back with a CSV reader, XLSX with calamine.
    let csv_bytes = admin.get("/pelatihan/rekap-jp/unduh.csv?tahun=2030").await.bytes().await.unwrap();
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"), "the byte-order mark Excel needs to read UTF-8");
    let mut reader = csv::Reader::from_reader(&csv_bytes[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[0], "nip");
    let csv_rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    assert_eq!(csv_rows.len(), 6);
    let response = admin.get("/pelatihan/rekap-jp/unduh.xlsx?tahun=2030").await;
    assert!(response.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
    let xlsx_bytes = response.bytes().await.unwrap();
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx_bytes.to_vec())).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let xlsx_rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    calamine::Data::Float(f) => format!("{f}"),
                    calamine::Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert_eq!(xlsx_rows[0], header);
    assert_eq!(xlsx_rows[1..], csv_rows[..]);
    let by_name: BTreeMap<&str, &Vec<String>> = csv_rows.iter().map(|r| (r[1].as_str(), r)).collect();
    assert_eq!(by_name["Bayu"][9], "18");
    assert_eq!(by_name["Dewi"][3], "PPPK");
    assert_eq!(by_name["Dewi"][10], "Melebihi batas maksimal");
    assert_eq!(by_name["Eko"][8], "20");
    assert_eq!(by_name["Ani"][10], "Mencapai batas minimal");
    // Only those below the floor.
    let below_csv =
        admin.get("/pelatihan/rekap-jp/unduh.csv?tahun=2030&daftar=bawah").await.text().await.unwrap();
    assert_eq!(below_csv.lines().count(), 4, "{below_csv}");
}

// ---------------------------------------------------------------------------------------
// Cancellation
// ---------------------------------------------------------------------------------------

async fn a_cancelled_batch_tells_its_participants(backend: Backend) {
    let w = World::new(backend).await;
    let program = w.program("KOMBEL", json!({"method": "komunitas_belajar"})).await;
    let batch = w.batch(program, 2, "2031-09-07", "2031-09-08", json!({})).await;
    let people: Vec<Person> =
        futures::future::join_all(["Fajar", "Gita", "Hadi"].map(|n| w.person(w.spec(n)))).await;
    for p in &people {
        let (status, _) = w.enrol(p, batch).await;
        assert_eq!(status, 201);
    }
    w.app.deliver_mail().await;
    assert_eq!(w.app.smtp.wait_for(2).await.len(), 2);
    let admin = w.browser(&w.admin).await;
    let response = admin
        .post_form(
            &format!("/pelatihan/angkatan/{batch}/status"),
            &[("action", "cancel"), ("reason", "Narasumber berhalangan")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let b = w.batch_row(batch).await;
    assert_eq!((b.status.as_str(), b.seats_taken), ("cancelled", 0));
    let rows = enrolments::Entity::find()
        .filter(enrolments::Column::BatchId.eq(batch))
        .all(&w.app.db)
        .await
        .unwrap();
    assert!(rows.iter().all(|e| e.state == EnrolmentState::Withdrawn && e.waitlist_position.is_none()));
    w.app.deliver_mail().await;
    let mail = w.app.smtp.wait_for(5).await;
    let cancelled: Vec<_> = mail.iter().filter(|m| m.subject().contains("Angkatan dibatalkan")).collect();
    assert_eq!(cancelled.len(), 3);
    for m in cancelled {
        assert!(m.plain_body().contains("Narasumber berhalangan"), "{}", m.plain_body());
    }
}

// ---------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------

async fn enrolments_are_seen_only_by_those_who_may(backend: Backend) {
    let w = World::new(backend).await;
    let program = w.program("AKS", json!({})).await;
    let batch = w.batch(program, 5, "2031-10-05", "2031-10-06", json!({})).await;
    let boss = w.person(w.spec("Kepala")).await;
    let siti = w.person(Spec { supervisor: Some(boss.employee_id), ..w.spec("Siti") }).await;
    let stranger = w.person(Spec { agency: w.agency_b, ..w.spec("Orang Lain") }).await;
    let (_, e) = w.enrol(&siti, batch).await;
    let id = e["id"].as_i64().unwrap();
    for (who, expected) in [(&siti, 200), (&boss, 200), (&stranger, 404), (&w.admin, 200)] {
        let (status, _) = w.api(who, "GET", &format!("/api/v1/enrolments/{id}"), None).await;
        assert_eq!(status, expected, "{}", who.email);
        let page = w.browser(who).await.get(&format!("/pelatihan/pendaftaran/{id}")).await;
        assert_eq!(page.status().as_u16(), expected);
    }
    let op_b = w.operator(w.agency_b, "op-b@tes.go.id").await;
    let op_a = w.operator(w.agency_a, "op-a@tes.go.id").await;
    let (status, _) = w.api(&op_b, "GET", &format!("/api/v1/enrolments/{id}"), None).await;
    assert_eq!(status, 404);
    let (status, _) = w.api(&op_b, "POST", &format!("/api/v1/enrolments/{id}/withdraw"), None).await;
    assert_eq!(status, 404);
    let (status, list) = w.api(&op_b, "GET", &format!("/api/v1/batches/{batch}/enrolments"), None).await;
    assert_eq!((status, list["total"].as_i64()), (200, Some(0)));
    let (status, list) = w.api(&op_a, "GET", &format!("/api/v1/batches/{batch}/enrolments"), None).await;
    assert_eq!((status, list["total"].as_i64()), (200, Some(1)));
    let (status, _) = w.api(&siti, "GET", &format!("/api/v1/batches/{batch}/enrolments"), None).await;
    assert_eq!(status, 404);
    // Staff pages do not exist for employees; programmes are admins' to change.
    let employee = w.browser(&siti).await;
    for path in ["/pelatihan/rekap-jp", "/pelatihan/program/baru", "/pelatihan/angkatan/baru"] {
        assert_eq!(employee.get(path).await.status(), 404, "{path}");
    }
    assert_eq!(w.browser(&op_a).await.get("/pelatihan/program/baru").await.status(), 404);
    let (status, _) = w.api(&op_a, "POST", "/api/v1/programs", Some(json!({"code": "X"}))).await;
    assert_eq!(status, 404);
    // The employee's own JP: themself and their supervisor, not a colleague.
    for (who, expected) in [(&siti, 200), (&boss, 200), (&stranger, 404)] {
        let (status, _) =
            w.api(who, "GET", &format!("/api/v1/employees/{}/jp", siti.employee_id), None).await;
        assert_eq!(status, expected);
    }
    // Invalid input is a clear 422, never a 500.
    let (status, body) = w
        .api(
            &w.admin,
            "POST",
            "/api/v1/batches",
            Some(json!({"program_id": program, "starts_on": "kemarin", "quota": 0})),
        )
        .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> =
        body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(
        fields.contains(&"starts_on") && fields.contains(&"quota") && fields.contains(&"place"),
        "{body}"
    );
    let (status, _) = w.api(&w.admin, "GET", "/api/v1/batches?month=2031-13", None).await;
    assert_eq!(status, 422);
    let (status, _) = w.api(&w.admin, "POST", "/api/v1/batches/abc/enrolments", None).await;
    assert_eq!(status, 404);
}

// ---------------------------------------------------------------------------------------
// The demo
// ---------------------------------------------------------------------------------------

async fn the_demo_shows_every_batch_status_and_enrolment_state(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let admin = app.new_browser();
    admin.login("admin@bangkom.test", DEMO_PASSWORD).await;
    let batches = training_batches::Entity::find().all(&app.db).await.unwrap();
    let mut statuses = std::collections::BTreeSet::new();
    for b in &batches {
        let response = admin.get(&format!("/pelatihan/angkatan/{}", b.id)).await;
        assert_eq!(response.status(), 200, "batch {}", b.id);
        let page = response.text().await.unwrap();
        assert!(page.contains(&format!("state-{}", b.status.as_str())), "batch {}", b.id);
        assert!(page.contains(&format!("data-seats>{} / {}", b.seats_taken, b.quota)), "batch {}", b.id);
        statuses.insert(b.status.as_str());
    }
    assert_eq!(statuses.len(), 6);
    // Every enrolment state appears on some batch page as a badge.
    for state in EnrolmentState::ALL {
        let e = enrolments::Entity::find()
            .filter(enrolments::Column::State.eq(*state))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let page = admin.get(&format!("/pelatihan/pendaftaran/{}", e.id)).await.text().await.unwrap();
        assert!(page.contains(&format!("data-state=\"{}\"", state.as_str())), "{state}");
    }
    for path in ["/pelatihan", "/pelatihan/program", "/pelatihan/rekap-jp", "/pelatihan/persetujuan"] {
        assert_eq!(admin.get(path).await.status(), 200, "{path}");
    }
    // Pegawai's home: JP this year against 20, their trainings, open batches that fit.
    let pegawai = app.new_browser();
    pegawai.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    let home = pegawai.get("/").await.text().await.unwrap();
    assert!(home.contains("data-jp-target=\"20\""), "{home}");
    assert!(home.contains("data-state=\"passed\"") && home.contains("data-state=\"requested\""), "{home}");
    assert!(home.contains("data-state=\"waitlisted\"") || home.contains("data-state=\"enrolled\""));
    // The supervisor has pegawai's request to decide.
    let atasan = app.new_browser();
    atasan.login("atasan@bangkom.test", DEMO_PASSWORD).await;
    let approvals = atasan.get("/pelatihan/persetujuan").await.text().await.unwrap();
    assert!(approvals.contains("data-enrolment="), "{approvals}");
    let operator = app.new_browser();
    operator.login("operator@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(operator.get("/pelatihan/rekap-jp").await.status(), 200);
    let xlsx = operator.get("/pelatihan/rekap-jp/unduh.xlsx").await;
    assert_eq!(xlsx.status(), 200);
}

/// Staff open the recap in a spreadsheet; a typed name must not run there as a formula.
async fn a_name_that_looks_like_a_formula_is_exported_as_text(backend: Backend) {
    let w = World::new(backend).await;
    let formula = "=HYPERLINK(\"http://contoh.test\",\"klik\")";
    let tricky = w.person(w.spec(formula)).await;
    let admin = w.browser(&w.admin).await;
    let csv_bytes = admin.get("/pelatihan/rekap-jp/unduh.csv").await.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[..]);
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r[0] == tricky.nip)
        .expect("the employee is in the recap");
    assert_eq!(&row[1], format!("'{formula}"));
    // The XLSX writes text cells as text already: the name is kept exactly.
    let xlsx_bytes = admin.get("/pelatihan/rekap-jp/unduh.xlsx").await.bytes().await.unwrap();
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx_bytes.to_vec())).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    assert!(sheet.rows().any(|r| r[1] == formula));
}
