//! Staff pages and JSON API for employees and user accounts: search, filters and paging;
//! who may see which record; creating and editing with field messages and audit entries;
//! accounts, and what deactivating one does.

use std::collections::HashSet;

use bangkom_entities::enums::{AuditAction, EmploymentType, MentoringPairStatus};
use bangkom_entities::policy::agency_subtree;
use bangkom_entities::schema::{agencies, audit_log, employees, mentoring_pairs, user_sessions, users};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app};

on_both_backends!(
    admin_searches_filters_and_pages_through_employees,
    operators_see_only_their_agency_and_employees_no_staff_pages,
    admin_creates_and_edits_employees_with_field_messages_and_audit,
    people_see_the_records_the_policy_allows_and_nothing_else,
    admin_creates_an_operator_who_logs_in_and_sees_only_their_agency,
    deactivating_an_account_ends_its_session_and_its_tokens,
);

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

async fn user(db: &DatabaseConnection, email: &str) -> users::Model {
    users::Entity::find().filter(users::Column::Email.eq(email)).one(db).await.unwrap().unwrap()
}

/// The employee record behind a demo account.
async fn employee_of(db: &DatabaseConnection, email: &str) -> employees::Model {
    let id = user(db, email).await.employee_id.expect("the demo account has an employee");
    employees::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

async fn agency(db: &DatabaseConnection, code: &str) -> agencies::Model {
    agencies::Entity::find().filter(agencies::Column::Code.eq(code)).one(db).await.unwrap().unwrap()
}

/// The NIPs of the employee rows of a list page.
fn listed_nips(html: &str) -> Vec<String> {
    html.split("data-employee=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_owned()).collect()
}

/// The total of a list page ("Halaman 1 dari 3 (70 data)").
fn listed_total(html: &str) -> u64 {
    let end = html.find(" data)").expect("the page shows its total");
    let start = html[..end].rfind('(').unwrap() + 1;
    html[start..end].parse().unwrap()
}

/// The target of the "next page" link, unescaped.
fn next_link(html: &str) -> Option<String> {
    let at = html.find("rel=\"next\" href=\"")? + "rel=\"next\" href=\"".len();
    Some(html[at..at + html[at..].find('"')?].replace("&amp;", "&"))
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn api(
    app: &TestApp,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app.client.request(method, app.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn api_get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    api(app, reqwest::Method::GET, token, path, None).await
}

async fn employee_count(db: &DatabaseConnection) -> u64 {
    employees::Entity::find().count(db).await.unwrap()
}

async fn audit_rows(db: &DatabaseConnection, entity_type: &str, id: i64) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// Submits the new-employee form.
async fn post(app: &TestApp, fields: Vec<(&'static str, String)>) -> (u16, String) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form("/admin/pegawai", &pairs).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A NIP nobody in the demo has: born 14 March 1992, appointed March 2019, female.
const NEW_NIP: &str = "199203142019032917";

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

async fn admin_searches_filters_and_pages_through_employees(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let pegawai = employee_of(db, "pegawai@bangkom.test").await;
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;

    // The whole region, by name.
    let (status, html) = page(&app, "/admin/pegawai").await;
    assert_eq!(status, 200);
    assert_eq!(listed_total(&html), employee_count(db).await);
    assert_eq!(listed_nips(&html).len(), 25);

    // Part of the name, in another case.
    let part: String = pegawai.name.split(' ').nth(1).unwrap_or(&pegawai.name).to_uppercase();
    let (_, html) = page(&app, &format!("/admin/pegawai?q={part}")).await;
    assert!(listed_nips(&html).contains(&pegawai.nip), "searching {part:?} finds {}", pegawai.name);
    let matching = employees::Entity::find().all(db).await.unwrap();
    let expected = matching.iter().filter(|e| e.name.to_lowercase().contains(&part.to_lowercase())).count();
    assert_eq!(listed_total(&html), expected as u64);

    // The first digits of the NIP.
    let prefix = &pegawai.nip[..10];
    let (_, html) = page(&app, &format!("/admin/pegawai?q={prefix}")).await;
    let nips = listed_nips(&html);
    assert!(nips.contains(&pegawai.nip), "{nips:?}");
    assert!(nips.iter().all(|n| n.starts_with(prefix)), "{nips:?}");

    // An agency, with its units.
    let disdik = agency(db, "SWL-DISDIK").await;
    let subtree = agency_subtree(db, disdik.id).await.unwrap();
    let in_disdik = employees::Entity::find()
        .filter(employees::Column::AgencyId.is_in(subtree.clone()))
        .all(db)
        .await
        .unwrap();
    assert!(in_disdik.len() > 50, "the demo agency has more than two pages");
    let (_, html) = page(&app, &format!("/admin/pegawai?agency_id={}", disdik.id)).await;
    assert_eq!(listed_total(&html), in_disdik.len() as u64);
    let theirs: HashSet<&str> = in_disdik.iter().map(|e| e.nip.as_str()).collect();
    assert!(listed_nips(&html).iter().all(|n| theirs.contains(n.as_str())));

    // Paging keeps the filters: the next page is the same list, further on.
    let pns = in_disdik.iter().filter(|e| e.employment_type == EmploymentType::Pns && e.is_active).count();
    let first_path = format!("/admin/pegawai?agency_id={}&employment_type=pns&active=true", disdik.id);
    let (_, first) = page(&app, &first_path).await;
    assert_eq!(listed_total(&first), pns as u64);
    let next = next_link(&first).expect("a link to page 2");
    for kept in [
        format!("agency_id={}", disdik.id),
        "employment_type=pns".into(),
        "active=true".into(),
        "page=2".into(),
    ] {
        assert!(next.contains(&kept), "{next} keeps {kept}");
    }
    let (status, second) = page(&app, &next).await;
    assert_eq!(status, 200);
    assert_eq!(listed_total(&second), pns as u64);
    let (a, b) = (listed_nips(&first), listed_nips(&second));
    assert!(!b.is_empty() && b.iter().all(|n| !a.contains(n) && theirs.contains(n.as_str())));

    // The API answers the same questions, and says which filter value is wrong.
    let token = app.api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let (status, body) = api_get(&app, &token, &format!("/api/v1/employees?q={prefix}&per_page=5")).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["items"].as_array().unwrap().iter().any(|e| e["nip"] == pegawai.nip.as_str()));
    let (_, body) =
        api_get(&app, &token, &format!("/api/v1/employees?agency_id={}&employment_type=pppk", disdik.id))
            .await;
    let pppk = in_disdik.iter().filter(|e| e.employment_type == EmploymentType::Pppk).count();
    assert_eq!(body["total"], pppk as u64);
    assert!(body["items"].as_array().unwrap().iter().all(|e| e["employment_type"] == "pppk"));
    let (status, body) = api_get(&app, &token, "/api/v1/employees?employment_type=honorer&page=x").await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<&str> =
        body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["employment_type", "page"]);
}

async fn operators_see_only_their_agency_and_employees_no_staff_pages(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let disdik = agency(db, "SWL-DISDIK").await;
    let subtree = agency_subtree(db, disdik.id).await.unwrap();
    let in_disdik =
        employees::Entity::find().filter(employees::Column::AgencyId.is_in(subtree)).count(db).await.unwrap();
    let elsewhere = employee_of(db, "pegawai@bangkom.test").await;

    let token = app.api_token("operator@bangkom.test", DEMO_PASSWORD).await;
    let (status, html) = page(&app, "/admin/pegawai").await;
    assert_eq!(status, 200);
    assert_eq!(listed_total(&html), in_disdik, "only the operator's agency and its units");
    // Asking for another agency shows nothing of it.
    let bkd = agency(db, "SWL-BKD").await;
    let (_, html) = page(&app, &format!("/admin/pegawai?agency_id={}", bkd.id)).await;
    assert!(listed_nips(&html).is_empty());

    // Another agency's employee does not exist for the operator: page, edit, API.
    for path in [
        format!("/admin/pegawai/{}", elsewhere.id),
        format!("/admin/pegawai/{}/ubah", elsewhere.id),
        format!("/pegawai/{}", elsewhere.id),
    ] {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }
    let (status, _) = api_get(&app, &token, &format!("/api/v1/employees/{}", elsewhere.id)).await;
    assert_eq!(status, 404);
    let (status, _) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/employees/{}", elsewhere.id),
        Some(json!({"name": "Diubah Operator"})),
    )
    .await;
    assert_eq!(status, 404);
    let (_, body) = api_get(&app, &token, "/api/v1/employees?per_page=100").await;
    assert_eq!(body["total"], in_disdik);
    // Their own agency's employees open.
    let mine = body["items"][0]["id"].as_i64().unwrap();
    assert_eq!(app.get(&format!("/admin/pegawai/{mine}")).await.status(), 200);

    // A supervisor outside the operator's reach (set by an admin) is kept when the operator
    // changes something else, but the operator cannot choose one from another agency.
    let admin_token = app.new_browser().api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let atasan = employee_of(db, "atasan@bangkom.test").await;
    let path = format!("/api/v1/employees/{mine}");
    let (status, _) =
        api(&app, reqwest::Method::PATCH, &admin_token, &path, Some(json!({"supervisor_nip": atasan.nip})))
            .await;
    assert_eq!(status, 200);
    let (status, body) =
        api(&app, reqwest::Method::PATCH, &token, &path, Some(json!({"name": "Nama Baru Operator"}))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["supervisor"]["id"], atasan.id);
    let (status, body) =
        api(&app, reqwest::Method::PATCH, &token, &path, Some(json!({"supervisor_nip": elsewhere.nip})))
            .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "supervisor_nip");

    // An operator cannot put an employee into another agency.
    let response = app
        .post_form(
            "/admin/pegawai",
            &[
                ("nip", NEW_NIP),
                ("name", "Rina Marlina"),
                ("employment_type", "pns"),
                ("agency_id", &bkd.id.to_string()),
                ("is_active", "true"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Pilih perangkat daerah dari daftar."));

    // Employees never see the staff pages.
    let employee = app.new_browser();
    employee.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    for path in ["/admin/pegawai", "/admin/pegawai/baru", "/admin/akun"] {
        assert_eq!(employee.get(path).await.status(), 404, "{path}");
    }
}

async fn admin_creates_and_edits_employees_with_field_messages_and_audit(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let admin = user(db, "admin@bangkom.test").await;
    let atasan = employee_of(db, "atasan@bangkom.test").await;
    let pegawai = employee_of(db, "pegawai@bangkom.test").await;
    let bkd = agency(db, "SWL-BKD").await;
    let token = app.api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let before = employee_count(db).await;
    let bkd_id = bkd.id.to_string();
    let form = |nip: &'static str| {
        vec![
            ("nip", nip.to_owned()),
            ("name", "Rina  Marlina".to_owned()),
            ("email", "Rina.Marlina@Sawahlunto.test".to_owned()),
            ("employment_type", "pns".to_owned()),
            ("agency_id", bkd_id.clone()),
            ("grade", "III/a".to_owned()),
            ("supervisor_nip", String::new()),
            ("is_active", "true".to_owned()),
        ]
    };

    // A NIP that is too short, and one that is taken: each says what is wrong, nothing stored.
    let (status, html) = post(&app, form("19920314201903")).await;
    assert_eq!(status, 422);
    assert!(html.contains("NIP harus 18 digit; yang diisi 14 digit."), "{html}");
    assert!(html.contains("Periksa kembali isian berikut:"), "the summary on top");
    assert!(html.contains("value=\"Rina  Marlina\""), "the form keeps what was typed");
    let mut taken = form("199203142019032917");
    taken[0].1 = pegawai.nip.clone();
    let (status, html) = post(&app, taken).await;
    assert_eq!(status, 422);
    assert!(html.contains(&format!("NIP {} sudah terdaftar untuk pegawai lain.", pegawai.nip)), "{html}");
    let mut gendered = form("199203142019033917");
    gendered[3].1 = "pppk".into();
    let (status, html) = post(&app, gendered).await;
    assert_eq!(status, 422);
    assert!(html.contains("Digit ke-15 NIP adalah jenis kelamin"), "{html}");
    assert!(html.contains("Golongan/ruang PNS (III/a) tidak berlaku untuk PPPK"), "{html}");
    assert_eq!(employee_count(db).await, before);

    // The API says the same, in English, with the property names.
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/employees",
        Some(
            json!({"nip": "1992031420190329", "name": "Rina", "employment_type": "pns", "agency_id": bkd.id}),
        ),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "nip");
    assert!(body["error"]["fields"][0]["message"].as_str().unwrap().contains("18 digits"), "{body}");
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/employees",
        Some(json!({"nip": pegawai.nip, "name": "Rina", "employment_type": "pns", "agency_id": bkd.id})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"][0]["message"].as_str().unwrap().contains("already registered"));

    // The number and the employment type must agree, and the number must be plausible:
    // each refusal names the part of the number that is wrong.
    for (nip, kind, says) in [
        (
            "199203142019032917",
            "pppk",
            "Digits 13–14 of this number are an appointment month, so it is a PNS NIP",
        ),
        ("198902252024211013", "pns", "Digits 13–14 of this number begin with 2, so it is an NI PPPK"),
        ("199203142005031917", "pns", "at least 18 years after the birth date (digits 1–8)"),
        ("199203142019032000", "pns", "sequence number (digits 16–18) cannot be 000"),
        ("199203142031032917", "pns", "The appointment (digits 9–14) cannot be after today"),
        (
            "199203142019312917",
            "pns",
            "Digits 13–14 must be the CPNS appointment month 01–12 (NIP) or a PPPK code",
        ),
    ] {
        let (status, body) = api(
            &app,
            reqwest::Method::POST,
            &token,
            "/api/v1/employees",
            Some(json!({"nip": nip, "name": "Rina", "employment_type": kind, "agency_id": bkd.id})),
        )
        .await;
        assert_eq!(status, 422, "{nip}: {body}");
        assert_eq!(body["error"]["fields"][0]["field"], "nip", "{body}");
        assert!(body["error"]["fields"][0]["message"].as_str().unwrap().contains(says), "{nip}: {body}");
    }
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/employees",
        Some(json!({"nip": 1992, "nama": "x"})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "body");
    assert_eq!(employee_count(db).await, before);

    // A good one: stored, shown with what the NIP says, audited.
    let (status, _) = post(&app, form(NEW_NIP)).await;
    assert_eq!(status, 303);
    let created =
        employees::Entity::find().filter(employees::Column::Nip.eq(NEW_NIP)).one(db).await.unwrap().unwrap();
    assert_eq!(created.name, "Rina Marlina");
    assert_eq!(created.email.as_deref(), Some("rina.marlina@sawahlunto.test"));
    let (status, html) = page(&app, &format!("/admin/pegawai/{}", created.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Data pegawai disimpan."), "the flash after saving");
    assert!(html.contains("14 Maret 1992") && html.contains("Perempuan"), "{html}");
    let audit = audit_rows(db, "employees", created.id).await;
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].action, audit[0].user_id), (AuditAction::Create, Some(admin.id)));

    // An edit: a new name and a supervisor chosen by NIP; the audit row keeps both sides.
    let mut edit = form(NEW_NIP);
    edit[1].1 = "Rina Marlina Putri".into();
    edit[6].1 = atasan.nip.clone();
    let pairs: Vec<(&str, &str)> = edit.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = app.post_form(&format!("/admin/pegawai/{}/ubah", created.id), &pairs).await;
    assert_eq!(response.status(), 303);
    let audit = audit_rows(db, "employees", created.id).await;
    assert_eq!(audit.len(), 2);
    assert_eq!(audit[1].action, AuditAction::Update);
    let b: Value = serde_json::from_str(audit[1].before.as_deref().unwrap()).unwrap();
    let a: Value = serde_json::from_str(audit[1].after.as_deref().unwrap()).unwrap();
    assert_eq!((b["name"].as_str(), a["name"].as_str()), (Some("Rina Marlina"), Some("Rina Marlina Putri")));
    assert_eq!((b["supervisor_id"].as_i64(), a["supervisor_id"].as_i64()), (None, Some(atasan.id)));
    let (_, html) = page(&app, &format!("/admin/pegawai/{}", atasan.id)).await;
    assert!(html.contains("Rina Marlina Putri"), "a subordinate of atasan now");

    // A supervisor below the employee would make a loop; the employee itself is refused too.
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/employees/{}", atasan.id),
        Some(json!({"supervisor_nip": NEW_NIP})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["fields"][0]["message"].as_str().unwrap().contains("loop"), "{body}");
    let (status, _) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/employees/{}", created.id),
        Some(json!({"supervisor_nip": NEW_NIP})),
    )
    .await;
    assert_eq!(status, 422);

    // The API changes what it is given and nothing else.
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/employees/{}", created.id),
        Some(json!({"email": null, "grade": "III/b"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!((body["email"].clone(), body["grade"].clone()), (Value::Null, json!("III/b")));
    assert_eq!(body["supervisor"]["nip"], atasan.nip.as_str());
    assert_eq!(body["name"], "Rina Marlina Putri");

    // Deactivating keeps the record.
    let response = app.post_form(&format!("/admin/pegawai/{}/nonaktifkan", created.id), &[]).await;
    assert_eq!(response.status(), 303);
    let stored = employees::Entity::find_by_id(created.id).one(db).await.unwrap().unwrap();
    assert!(!stored.is_active);
    assert_eq!(audit_rows(db, "employees", created.id).await.len(), 4);
    let (_, html) = page(&app, &format!("/admin/pegawai/{}", created.id)).await;
    assert!(html.contains("Pegawai dinonaktifkan.") && html.contains("Aktifkan kembali"));

    // Created through the API: 201 with the record.
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/employees",
        Some(json!({"nip": "198807222014211003", "name": "Andi Saputra", "employment_type": "pppk", "agency_id": bkd.id,
            "grade": "ix", "contract_start": "2024-03-01", "contract_end": "2029-02-28"})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["employment_type"], "pppk", "an NI PPPK is accepted for a PPPK");
    assert_eq!(body["number_kind"], "ni_pppk");
    assert_eq!(body["gender"], "male");
    assert_eq!(body["birth_date"], "1988-07-22");
    assert_eq!(body["grade"], "IX", "PPPK grades are I–XVII");
    assert_eq!(
        (body["contract_start"].as_str(), body["contract_end"].as_str()),
        (Some("2024-03-01"), Some("2029-02-28"))
    );
    let andi = body["id"].as_i64().unwrap();
    let (_, html) = page(&app, &format!("/admin/pegawai/{andi}")).await;
    assert!(html.contains("Kontrak 1 Maret 2024 s.d. 28 Februari 2029"), "{html}");

    // Each type takes only its own grades and terms.
    for (change, field, says) in [
        (
            json!({"grade": "III/a"}),
            "grade",
            "The PNS grade III/a does not apply to PPPK: PPPK grades are I to XVII.",
        ),
        (json!({"grade": "XVIII"}), "grade", "is not a grade (PNS: I/a to IV/e; PPPK: I to XVII)"),
        (
            json!({"contract_end": "2023-12-31"}),
            "contract_end",
            "The contract ends (2023-12-31) before it starts (2024-03-01).",
        ),
        (json!({"cpns_appointed_on": "2014-02-01"}), "cpns_appointed_on", "Only a PNS can be a CPNS"),
    ] {
        let (status, body) =
            api(&app, reqwest::Method::PATCH, &token, &format!("/api/v1/employees/{andi}"), Some(change))
                .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["fields"][0]["field"], field, "{body}");
        assert!(body["error"]["fields"][0]["message"].as_str().unwrap().contains(says), "{body}");
    }
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/employees",
        Some(json!({"nip": "199807222023031003", "name": "Bima Prasetyo", "employment_type": "pns", "agency_id": bkd.id,
            "grade": "IX"})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("The PPPK grade IX does not apply to PNS"),
        "{body}"
    );
    // A CPNS: a PNS with the TMT CPNS of their NIP.
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/employees",
        Some(json!({"nip": "199807222023031003", "name": "Bima Prasetyo", "employment_type": "pns", "agency_id": bkd.id,
            "grade": "III/a", "cpns_appointed_on": "2023-03-01"})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        (body["grade"].as_str(), body["cpns_appointed_on"].as_str()),
        (Some("III/a"), Some("2023-03-01"))
    );
    assert_eq!(body["number_kind"], "nip");
    let (_, html) = page(&app, &format!("/admin/pegawai/{}", body["id"])).await;
    assert!(html.contains("CPNS sejak 1 Maret 2023"), "{html}");
}

async fn people_see_the_records_the_policy_allows_and_nothing_else(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let pegawai = employee_of(db, "pegawai@bangkom.test").await;
    let atasan = employee_of(db, "atasan@bangkom.test").await;
    let mentor = employee_of(db, "mentor@bangkom.test").await;
    assert_eq!(pegawai.supervisor_id, Some(atasan.id));
    let mentees: Vec<i64> = mentoring_pairs::Entity::find()
        .filter(mentoring_pairs::Column::MentorId.eq(mentor.id))
        .filter(mentoring_pairs::Column::Status.eq(MentoringPairStatus::Active))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.mentee_id)
        .collect();
    assert!(mentees.contains(&pegawai.id));
    // Someone none of them is related to.
    let stranger = employees::Entity::find()
        .filter(employees::Column::Id.is_not_in([pegawai.id, atasan.id, mentor.id]))
        .filter(employees::Column::SupervisorId.is_not_in([pegawai.id, atasan.id, mentor.id]))
        .filter(employees::Column::Id.is_not_in(mentees.clone()))
        .one(db)
        .await
        .unwrap()
        .unwrap();

    // The employee: their own record, nobody else's (not even their supervisor's).
    let as_pegawai = app.new_browser();
    let token = as_pegawai.api_token("pegawai@bangkom.test", DEMO_PASSWORD).await;
    let (status, html) = page(&as_pegawai, &format!("/pegawai/{}", pegawai.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(&pegawai.nip));
    for other in [stranger.id, atasan.id] {
        assert_eq!(as_pegawai.get(&format!("/pegawai/{other}")).await.status(), 404);
        let (status, body) = api_get(&as_pegawai, &token, &format!("/api/v1/employees/{other}")).await;
        assert_eq!(status, 404, "{body}");
    }
    assert_eq!(as_pegawai.get(&format!("/admin/pegawai/{}", pegawai.id)).await.status(), 404);
    let (status, body) = api_get(&as_pegawai, &token, "/api/v1/employees").await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 1, "an employee's list holds themself only: {body}");

    // The supervisor sees their subordinate's record, read-only, and not in the staff area.
    let as_atasan = app.new_browser();
    let token = as_atasan.api_token("atasan@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(as_atasan.get(&format!("/admin/pegawai/{}", pegawai.id)).await.status(), 404);
    let (status, html) = page(&as_atasan, &format!("/pegawai/{}", pegawai.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(&pegawai.name) && html.contains(&pegawai.nip));
    assert!(!html.contains("/ubah"), "read-only");
    let (status, body) = api_get(&as_atasan, &token, &format!("/api/v1/employees/{}", pegawai.id)).await;
    assert_eq!(status, 200);
    assert_eq!(body["supervisor"]["id"], atasan.id);
    assert_eq!(as_atasan.get(&format!("/pegawai/{}", stranger.id)).await.status(), 404);
    let (status, _) = api(
        &as_atasan,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/employees/{}", pegawai.id),
        Some(json!({"name": "Diubah Atasan"})),
    )
    .await;
    assert_eq!(status, 404, "seeing is not changing");

    // The mentor sees their active mentee.
    let as_mentor = app.new_browser();
    let token = as_mentor.api_token("mentor@bangkom.test", DEMO_PASSWORD).await;
    let (status, html) = page(&as_mentor, &format!("/pegawai/{}", pegawai.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains(&pegawai.name));
    let (status, _) = api_get(&as_mentor, &token, &format!("/api/v1/employees/{}", pegawai.id)).await;
    assert_eq!(status, 200);
    assert_eq!(as_mentor.get(&format!("/pegawai/{}", stranger.id)).await.status(), 404);
    let (status, _) = api_get(&as_mentor, &token, &format!("/api/v1/employees/{}", stranger.id)).await;
    assert_eq!(status, 404);
    assert_eq!(as_mentor.get("/pegawai/bukan-angka").await.status(), 404);

    // Without a token, the API answers 401.
    let (status, _) = api_get(&app, "bkm_salah", &format!("/api/v1/employees/{}", pegawai.id)).await;
    assert_eq!(status, 401);
}

async fn admin_creates_an_operator_who_logs_in_and_sees_only_their_agency(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let dinkes = agency(db, "SWL-DINKES").await;
    let subtree = agency_subtree(db, dinkes.id).await.unwrap();
    let in_dinkes =
        employees::Entity::find().filter(employees::Column::AgencyId.is_in(subtree)).count(db).await.unwrap();
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;

    // An operator without an agency is refused, with the reason beside the field.
    let response = app
        .post_form(
            "/admin/akun",
            &[("email", "op.dinkes@sawahlunto.test"), ("role", "operator"), ("is_active", "true")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Akun operator memerlukan perangkat daerah"));

    let response = app
        .post_form(
            "/admin/akun",
            &[
                ("email", "Op.Dinkes@Sawahlunto.test"),
                ("role", "operator"),
                ("agency_id", &dinkes.id.to_string()),
                ("is_active", "true"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let start =
        html.find("data-new-password>").expect("the password is shown once") + "data-new-password>".len();
    let password = html[start..start + html[start..].find('<').unwrap()].to_owned();
    assert_eq!(password.len(), 16);
    let created = user(db, "op.dinkes@sawahlunto.test").await;
    let audit = audit_rows(db, "users", created.id).await;
    assert_eq!(audit.len(), 1);
    let after = audit[0].after.as_deref().unwrap();
    assert!(
        after.contains("\"role\":\"operator\"") && !after.contains("argon2") && !after.contains("password")
    );

    // The new operator signs in and sees their agency only.
    let operator = app.new_browser();
    operator.login("op.dinkes@sawahlunto.test", &password).await;
    let (status, html) = page(&operator, "/admin/pegawai").await;
    assert_eq!(status, 200);
    assert_eq!(listed_total(&html), in_dinkes);
    let (_, html) = page(&operator, "/admin/akun").await;
    assert!(!html.contains("admin@bangkom.test"), "operators do not manage staff accounts");
    let admin = user(db, "admin@bangkom.test").await;
    assert_eq!(operator.get(&format!("/admin/akun/{}", admin.id)).await.status(), 404);

    // Operators cannot create staff accounts; they can create accounts for their employees.
    let token = app.new_browser().api_token("operator@bangkom.test", DEMO_PASSWORD).await;
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/users",
        Some(json!({"email": "bos@sawahlunto.test", "role": "admin"})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "role");
    let disdik = agency(db, "SWL-DISDIK").await;
    let without_account = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(disdik.id))
        .filter(employees::Column::Id.ne(user(db, "operator@bangkom.test").await.employee_id.unwrap()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/users",
        Some(json!({"email": "guru@sawahlunto.test", "role": "employee", "nip": without_account.nip})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["user"]["employee"]["nip"], without_account.nip.as_str());
    assert!(body["password"].as_str().unwrap().len() >= 10);
    assert!(body.to_string().find("argon2").is_none());
    let (status, body) = api_get(&app, &token, "/api/v1/users").await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 1, "the one employee account of the operator's agency: {body}");
    assert_eq!(
        users::Entity::find().filter(users::Column::Email.eq("bos@sawahlunto.test")).count(db).await.unwrap(),
        0
    );
}

async fn deactivating_an_account_ends_its_session_and_its_tokens(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let db = &app.db;
    let pegawai = user(db, "pegawai@bangkom.test").await;
    let atasan = user(db, "atasan@bangkom.test").await;

    let as_pegawai = app.new_browser();
    let pegawai_token = as_pegawai.api_token("pegawai@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(as_pegawai.get("/profil").await.status(), 200);
    assert_eq!(api_get(&as_pegawai, &pegawai_token, "/api/v1/me").await.0, 200);
    let as_atasan = app.new_browser();
    let atasan_token = as_atasan.api_token("atasan@bangkom.test", DEMO_PASSWORD).await;

    // On the page: the account is deactivated, its session ends at once.
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;
    let (status, html) = page(&app, &format!("/admin/akun/{}", pegawai.id)).await;
    assert_eq!(status, 200);
    assert!(html.contains("pegawai@bangkom.test"));
    let response = app.post_form(&format!("/admin/akun/{}/nonaktifkan", pegawai.id), &[]).await;
    assert_eq!(response.status(), 303);
    let sessions = user_sessions::Entity::find()
        .filter(user_sessions::Column::UserId.eq(pegawai.id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    let next = as_pegawai.get("/profil").await;
    assert_eq!(next.status(), 303);
    assert!(next.headers()["location"].to_str().unwrap().starts_with("/masuk"));
    assert_eq!(api_get(&as_pegawai, &pegawai_token, "/api/v1/me").await.0, 401);
    let audit = audit_rows(db, "users", pegawai.id).await;
    assert_eq!(audit.len(), 1);
    assert!(audit[0].before.as_deref().unwrap().contains("\"is_active\":true"));
    assert!(audit[0].after.as_deref().unwrap().contains("\"is_active\":false"));
    // The list shows it as inactive.
    let (_, html) = page(&app, "/admin/akun?active=false").await;
    assert!(html.contains("data-user=\"pegawai@bangkom.test\""), "{html}");
    assert!(!html.contains("data-user=\"atasan@bangkom.test\""));

    // Through the API: the same.
    let admin_token = app.new_browser().api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &admin_token,
        &format!("/api/v1/users/{}", atasan.id),
        Some(json!({"is_active": false})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["is_active"], false);
    assert_eq!(api_get(&as_atasan, &atasan_token, "/api/v1/me").await.0, 401);
    assert_eq!(as_atasan.get("/profil").await.status(), 303);

    // Nobody locks themself out.
    let admin = user(db, "admin@bangkom.test").await;
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &admin_token,
        &format!("/api/v1/users/{}", admin.id),
        Some(json!({"is_active": false, "role": "employee"})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"].as_array().unwrap().len(), 2, "{body}");
}
