//! The authorization matrix: for every staff page and API endpoint, every kind of user gets
//! what the policy says — 200 where allowed, 404 where the record or area is out of reach
//! (never 403, so IDs cannot be probed), the login page for anonymous visitors, 401 for
//! API calls without a valid token.

use bangkom_entities::schema::{agencies, employees, positions, users};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app};

on_both_backends!(every_route_answers_each_role_as_the_policy_says);

/// Who is asking, in the order of the expectation arrays below.
const WHO: [&str; 8] =
    ["admin", "operator A", "operator B", "employee", "supervisor", "mentor", "anonymous", "revoked"];

/// Expected statuses: 200 allowed, 404 out of reach, 303 sent to the login page, 401 no
/// valid token.
const OK: u16 = 200;
const NF: u16 = 404;
const LOGIN: u16 = 303;
const UNAUTH: u16 = 401;

async fn id_of_employee_with_account(app: &TestApp, email: &str) -> i64 {
    let user =
        users::Entity::find().filter(users::Column::Email.eq(email)).one(&app.db).await.unwrap().unwrap();
    user.employee_id.unwrap()
}

async fn every_route_answers_each_role_as_the_policy_says(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();

    // The employee (pegawai@) works in a unit of BKD; operator A (the demo operator) works for
    // Dinas Pendidikan; operator B is made here for BKD.
    let pegawai = id_of_employee_with_account(&app, "pegawai@bangkom.test").await;
    let atasan = id_of_employee_with_account(&app, "atasan@bangkom.test").await;
    let mentor = id_of_employee_with_account(&app, "mentor@bangkom.test").await;
    let pegawai_row = employees::Entity::find_by_id(pegawai).one(&app.db).await.unwrap().unwrap();
    let unit = agencies::Entity::find_by_id(pegawai_row.agency_id).one(&app.db).await.unwrap().unwrap();
    let bkd = agencies::Entity::find_by_id(unit.parent_id.unwrap()).one(&app.db).await.unwrap().unwrap();
    let mut child = app
        .cli()
        .args([
            "user",
            "create",
            "--role",
            "operator",
            "--email",
            "operator.bkd@bangkom.test",
            "--agency",
            &bkd.code,
        ])
        .arg("--password-stdin")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(format!("{DEMO_PASSWORD}\n").as_bytes()).unwrap();
    }
    assert!(child.wait_with_output().unwrap().status.success());
    let region_position = positions::Entity::find()
        .filter(positions::Column::AgencyId.is_null())
        .one(&app.db)
        .await
        .unwrap()
        .map(|p| p.id);

    // One browser and one API token per user.
    let mut browsers = Vec::new();
    let mut tokens = Vec::new();
    for email in [
        "admin@bangkom.test",
        "operator@bangkom.test",
        "operator.bkd@bangkom.test",
        "pegawai@bangkom.test",
        "atasan@bangkom.test",
        "mentor@bangkom.test",
    ] {
        let browser = app.new_browser();
        tokens.push(Some(browser.api_token(email, DEMO_PASSWORD).await));
        browsers.push(Some(browser));
    }
    browsers.push(Some(app.new_browser())); // anonymous
    tokens.push(None);
    // A revoked token: made by mentor@, then revoked.
    let revoker = app.new_browser();
    let revoked = revoker.api_token("mentor@bangkom.test", DEMO_PASSWORD).await;
    let revoked_id = {
        use bangkom_entities::schema::api_tokens;
        api_tokens::Entity::find().all(&app.db).await.unwrap().into_iter().map(|t| t.id).max().unwrap()
    };
    assert_eq!(revoker.post_form(&format!("/profil/token/{revoked_id}/cabut"), &[]).await.status(), 303);
    browsers.push(None);
    tokens.push(Some(revoked));

    let mut pages: Vec<(String, [u16; 7])> = vec![
        ("/profil".into(), [OK, OK, OK, OK, OK, OK, LOGIN]),
        ("/admin/pegawai".into(), [OK, OK, OK, NF, NF, NF, LOGIN]),
        (format!("/admin/pegawai/{pegawai}"), [OK, NF, OK, NF, NF, NF, LOGIN]),
        (format!("/admin/pegawai/{pegawai}/ubah"), [OK, NF, OK, NF, NF, NF, LOGIN]),
        ("/admin/pegawai/baru".into(), [OK, OK, OK, NF, NF, NF, LOGIN]),
        (format!("/pegawai/{pegawai}"), [OK, NF, OK, OK, OK, OK, LOGIN]),
        // An employee fetching another employee's record by ID.
        (format!("/pegawai/{atasan}"), [OK, NF, OK, NF, OK, NF, LOGIN]),
        (format!("/pegawai/{mentor}"), [OK, NF, OK, NF, NF, OK, LOGIN]),
        ("/admin/opd".into(), [OK, OK, OK, NF, NF, NF, LOGIN]),
        (format!("/admin/opd/{}", bkd.id), [OK, NF, OK, NF, NF, NF, LOGIN]),
        (format!("/admin/opd/{}/ubah", bkd.id), [OK, NF, OK, NF, NF, NF, LOGIN]),
        ("/admin/jabatan".into(), [OK, OK, OK, NF, NF, NF, LOGIN]),
        ("/admin/kompetensi".into(), [OK, OK, OK, NF, NF, NF, LOGIN]),
        ("/admin/kompetensi/baru".into(), [OK, NF, NF, NF, NF, NF, LOGIN]),
        ("/admin/akun".into(), [OK, OK, OK, NF, NF, NF, LOGIN]),
        ("/admin/impor".into(), [OK, OK, OK, NF, NF, NF, LOGIN]),
        ("/admin/audit".into(), [OK, NF, NF, NF, NF, NF, LOGIN]),
        ("/admin/operasi".into(), [OK, NF, NF, NF, NF, NF, LOGIN]),
    ];
    if let Some(id) = region_position {
        // Region-wide positions: operators may look, not change.
        pages.push((format!("/admin/jabatan/{id}/ubah"), [OK, NF, NF, NF, NF, NF, LOGIN]));
    }

    let api: Vec<(String, [u16; 8])> = vec![
        ("/api/v1/me".into(), [OK, OK, OK, OK, OK, OK, UNAUTH, UNAUTH]),
        ("/api/v1/employees".into(), [OK, OK, OK, OK, OK, OK, UNAUTH, UNAUTH]),
        (format!("/api/v1/employees/{pegawai}"), [OK, NF, OK, OK, OK, OK, UNAUTH, UNAUTH]),
        (format!("/api/v1/employees/{atasan}"), [OK, NF, OK, NF, OK, NF, UNAUTH, UNAUTH]),
        ("/api/v1/agencies".into(), [OK, OK, OK, NF, NF, NF, UNAUTH, UNAUTH]),
        (format!("/api/v1/agencies/{}", bkd.id), [OK, NF, OK, NF, NF, NF, UNAUTH, UNAUTH]),
        ("/api/v1/positions".into(), [OK, OK, OK, NF, NF, NF, UNAUTH, UNAUTH]),
        ("/api/v1/competencies".into(), [OK, OK, OK, NF, NF, NF, UNAUTH, UNAUTH]),
        ("/api/v1/users".into(), [OK, OK, OK, NF, NF, NF, UNAUTH, UNAUTH]),
        ("/api/v1/audit".into(), [OK, NF, NF, NF, NF, NF, UNAUTH, UNAUTH]),
    ];

    let mut mismatches = Vec::new();
    for (path, expected) in &pages {
        for (who, browser) in browsers.iter().take(7).enumerate() {
            let got = browser.as_ref().unwrap().get(path).await.status().as_u16();
            if got != expected[who] {
                mismatches.push(format!("GET {path} as {}: expected {}, got {got}", WHO[who], expected[who]));
            }
        }
    }
    let client = reqwest::Client::new();
    for (path, expected) in &api {
        for (who, token) in tokens.iter().enumerate() {
            let mut request = client.get(app.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let got = request.send().await.unwrap().status().as_u16();
            if got != expected[who] {
                mismatches.push(format!("GET {path} as {}: expected {}, got {got}", WHO[who], expected[who]));
            }
        }
    }

    // Writes out of reach change nothing and answer 404 as well.
    let name_before = pegawai_row.name.clone();
    let operator_a = browsers[1].as_ref().unwrap();
    let status = operator_a
        .post_form(&format!("/admin/pegawai/{pegawai}/ubah"), &[("name", "Diubah Orang Lain")])
        .await
        .status()
        .as_u16();
    if status != NF {
        mismatches.push(format!("POST edit of another agency's employee as operator A: got {status}"));
    }
    let status = client
        .patch(app.url(&format!("/api/v1/employees/{pegawai}")))
        .bearer_auth(tokens[3].as_ref().unwrap())
        .json(&serde_json::json!({ "name": "Mengubah Diri Sendiri" }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    if status != NF {
        mismatches.push(format!("PATCH own employee record as employee: got {status}"));
    }
    let after = employees::Entity::find_by_id(pegawai).one(&app.db).await.unwrap().unwrap();
    assert_eq!(after.name, name_before, "nothing was changed");

    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}
