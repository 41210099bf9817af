//! Staff pages and JSON API for the catalogue: the agency tree, positions with their
//! competency standards, the competency dictionary, and the audit log that records every
//! change made through them. Who reaches what: admins everything, operators their agency's
//! subtree, employees nothing (404).

use std::collections::BTreeMap;

use bangkom_entities::enums::{AgencyKind, AuditAction};
use bangkom_entities::policy::agency_subtree;
use bangkom_entities::schema::{
    agencies, audit_log, competencies, employees, position_standards, positions, users,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app};

on_both_backends!(
    admin_creates_and_edits_a_unit_and_sees_it_in_the_tree,
    a_duplicate_code_is_a_field_error_and_changes_nothing,
    operators_reach_only_their_agency_subtree,
    admin_creates_a_position_and_sets_its_standard,
    operators_edit_their_own_positions_only_and_read_the_dictionary,
    the_dictionary_lists_the_demo_competencies_by_kind,
    the_audit_log_shows_who_changed_what_and_filters,
    employees_get_404_on_every_catalogue_page_and_endpoint,
);

const ADMIN: &str = "admin@bangkom.test";
const OPERATOR: &str = "operator@bangkom.test";
const EMPLOYEE: &str = "pegawai@bangkom.test";
const DISDIK: &str = "SWL-DISDIK";
const DINKES: &str = "SWL-DINKES";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The demo region, with a browser signed in as `who`.
async fn demo_as(backend: Backend, who: &str) -> TestApp {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login(who, DEMO_PASSWORD).await;
    app
}

async fn agency(db: &DatabaseConnection, code: &str) -> agencies::Model {
    agencies::Entity::find().filter(agencies::Column::Code.eq(code)).one(db).await.unwrap().unwrap()
}

async fn position(db: &DatabaseConnection, code: &str) -> positions::Model {
    positions::Entity::find().filter(positions::Column::Code.eq(code)).one(db).await.unwrap().unwrap()
}

async fn competency(db: &DatabaseConnection, code: &str) -> competencies::Model {
    competencies::Entity::find().filter(competencies::Column::Code.eq(code)).one(db).await.unwrap().unwrap()
}

async fn user_id(db: &DatabaseConnection, email: &str) -> i64 {
    users::Entity::find().filter(users::Column::Email.eq(email)).one(db).await.unwrap().unwrap().id
}

/// The standard of a position as stored: competency code → required level.
async fn stored_standard(db: &DatabaseConnection, position_id: i64) -> BTreeMap<String, i16> {
    position_standards::Entity::find()
        .find_also_related(competencies::Entity)
        .filter(position_standards::Column::PositionId.eq(position_id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|(row, c)| (c.unwrap().code, row.required_level))
        .collect()
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Posts a form and returns the status and where it redirects (or the page it shows).
async fn submit(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let response = app.post_form(path, fields).await;
    let status = response.status().as_u16();
    match response.headers().get("location") {
        Some(to) => (status, to.to_str().unwrap().to_owned()),
        None => (status, response.text().await.unwrap()),
    }
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

/// A token for `who`, made in a browser of its own (the app's browser stays as it is).
async fn token_for(app: &TestApp, who: &str) -> String {
    app.new_browser().api_token(who, DEMO_PASSWORD).await
}

/// The values of an HTML attribute, in page order.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.split(&needle).skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_owned()).collect()
}

/// The id at the end of a redirect target (`/admin/opd/42`).
fn id_in(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap_or_else(|_| panic!("no id in {location}"))
}

fn field_of(body: &Value, field: &str) -> Option<String> {
    body["error"]["fields"]
        .as_array()?
        .iter()
        .find(|f| f["field"] == field)
        .map(|f| f["message"].as_str().unwrap_or_default().to_owned())
}

// ---------------------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------------------

async fn admin_creates_and_edits_a_unit_and_sees_it_in_the_tree(backend: Backend) {
    let app = demo_as(backend, ADMIN).await;
    let disdik = agency(&app.db, DISDIK).await;

    // The tree: the region at the root, its agencies below, each with its active employees
    // (units included).
    let (status, html) = page(&app, "/admin/opd").await;
    assert_eq!(status, 200);
    assert!(html.contains("Perangkat daerah dan unit kerja"), "{html}");
    let codes = attr_values(&html, "data-agency");
    assert_eq!(codes.first().map(String::as_str), Some("SWL"), "the region is the root: {codes:?}");
    assert!(codes.contains(&"SWL-DISDIK-SMP".to_owned()) && codes.contains(&DINKES.to_owned()));
    let subtree = agency_subtree(&app.db, disdik.id).await.unwrap();
    let active = employees::Entity::find()
        .filter(employees::Column::AgencyId.is_in(subtree))
        .filter(employees::Column::IsActive.eq(true))
        .count(&app.db)
        .await
        .unwrap();
    let disdik_item = &html[html.find("data-agency=\"SWL-DISDIK\"").unwrap()..];
    assert!(
        disdik_item.contains(&format!("data-employees=\"{active}\"")),
        "Dinas Pendidikan counts {active}"
    );

    // The create form offers every field with a label.
    let (status, form) = page(&app, &format!("/admin/opd/baru?induk={}", disdik.id)).await;
    assert_eq!(status, 200);
    for field in ["code", "name", "kind", "parent_id"] {
        assert!(form.contains(&format!("name=\"{field}\"")), "{field}: {form}");
    }
    assert_eq!(form.matches("<label>").count(), 4, "every field is labelled: {form}");

    let parent = disdik.id.to_string();
    let (status, location) = submit(
        &app,
        "/admin/opd/baru",
        &[("code", "SWL-DISDIK-PAUD"), ("name", "Bidang PAUD"), ("kind", "unit"), ("parent_id", &parent)],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    let unit_id = id_in(&location);
    let (status, html) = page(&app, &location).await;
    assert_eq!(status, 200);
    assert!(html.contains("Data perangkat daerah disimpan."), "a flash after saving: {html}");
    assert!(html.contains("Bidang PAUD") && html.contains("Dinas Pendidikan"), "{html}");

    let (status, location) = submit(
        &app,
        &format!("/admin/opd/{unit_id}/ubah"),
        &[
            ("code", "SWL-DISDIK-PAUD"),
            ("name", "Bidang Pendidikan Anak Usia Dini"),
            ("kind", "unit"),
            ("parent_id", &parent),
        ],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, format!("/admin/opd/{unit_id}").as_str()));
    let stored = agency(&app.db, "SWL-DISDIK-PAUD").await;
    assert_eq!(
        (stored.name.as_str(), stored.kind, stored.parent_id),
        ("Bidang Pendidikan Anak Usia Dini", AgencyKind::Unit, Some(disdik.id))
    );

    // In the tree, under Dinas Pendidikan (before the next agency), and found by search.
    let (_, html) = page(&app, "/admin/opd").await;
    let codes = attr_values(&html, "data-agency");
    let at =
        |code: &str| codes.iter().position(|c| c == code).unwrap_or_else(|| panic!("{code} in {codes:?}"));
    assert!(at("SWL") < at(DISDIK) && at(DISDIK) < at("SWL-DISDIK-PAUD"));
    let nested = &html[html.find("data-agency=\"SWL-DISDIK\"").unwrap()..];
    let nested = &nested[..nested.find("</ul>").unwrap()];
    assert!(nested.contains("Bidang Pendidikan Anak Usia Dini"), "the unit is nested under its agency");
    let (_, found) = page(&app, "/admin/opd?q=usia+dini").await;
    assert_eq!(attr_values(&found, "data-agency"), vec!["SWL-DISDIK-PAUD".to_owned()]);

    // The tree's rules: a unit hangs under an agency, nothing under itself.
    let region = agency(&app.db, "SWL").await.id.to_string();
    let (status, html) = submit(
        &app,
        "/admin/opd/baru",
        &[("code", "SWL-X"), ("name", "Unit tanpa OPD"), ("kind", "unit"), ("parent_id", &region)],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Induk unit kerja harus perangkat daerah (OPD) atau unit kerja lain."), "{html}");
    let (status, html) = submit(
        &app,
        &format!("/admin/opd/{}/ubah", disdik.id),
        &[
            ("code", DISDIK),
            ("name", "Dinas Pendidikan"),
            ("kind", "agency"),
            ("parent_id", &unit_id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Induk tidak boleh perangkat daerah ini sendiri atau yang berada di bawahnya."),
        "{html}"
    );
    assert_eq!(agency(&app.db, DISDIK).await, disdik, "nothing changed");

    // The same through the API.
    let token = token_for(&app, ADMIN).await;
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/agencies",
        Some(json!({"code": "SWL-DISDIK-SMA", "name": "Bidang SMA", "kind": "unit", "parent_id": disdik.id})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let sma = body["id"].as_i64().unwrap();
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/agencies/{sma}"),
        Some(json!({"name": "Bidang Pendidikan Menengah"})),
    )
    .await;
    assert_eq!((status, body["name"].as_str()), (200, Some("Bidang Pendidikan Menengah")), "{body}");
    let (status, body) =
        api(&app, reqwest::Method::GET, &token, &format!("/api/v1/agencies/{}", disdik.id), None).await;
    assert_eq!(status, 200);
    assert_eq!(body["active_employees_total"].as_u64(), Some(active));
    let children: Vec<&str> =
        body["children"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert!(children.contains(&"SWL-DISDIK-PAUD") && children.contains(&"SWL-DISDIK-SMA"), "{children:?}");
    let (status, body) = api(&app, reqwest::Method::GET, &token, "/api/v1/agencies", None).await;
    assert_eq!(status, 200);
    let listed = body["items"].as_array().unwrap();
    assert_eq!(listed.len() as u64, agencies::Entity::find().count(&app.db).await.unwrap());
    assert!(listed.iter().any(|a| a["code"] == "SWL-DISDIK-PAUD" && a["parent_id"] == disdik.id));
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/agencies",
        Some(json!({"code": "X", "name": "Y", "kind": "ministry"})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(field_of(&body, "kind").unwrap().contains("region, agency, unit"), "{body}");
    let (status, body) =
        api(&app, reqwest::Method::POST, &token, "/api/v1/agencies", Some(json!({"code": 7}))).await;
    assert_eq!(status, 422);
    assert!(field_of(&body, "body").is_some(), "a body of the wrong shape says why: {body}");
}

async fn a_duplicate_code_is_a_field_error_and_changes_nothing(backend: Backend) {
    let app = demo_as(backend, ADMIN).await;
    let disdik = agency(&app.db, DISDIK).await;
    let before = agencies::Entity::find().count(&app.db).await.unwrap();
    let audit_before = audit_log::Entity::find().count(&app.db).await.unwrap();

    let (status, html) = submit(
        &app,
        "/admin/opd/baru",
        &[
            ("code", "SWL-DISDIK-SD"),
            ("name", "Bidang Baru"),
            ("kind", "unit"),
            ("parent_id", &disdik.id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Periksa kembali isian berikut:"), "errors summarised on top: {html}");
    let beside = &html[html.find("name=\"code\"").expect("the code field")..];
    let beside = &beside[..beside.find("</label>").unwrap()];
    assert!(
        beside.contains("aria-invalid=\"true\"") && beside.contains("Kode sudah dipakai."),
        "beside the field: {beside}"
    );
    assert!(html.contains("value=\"Bidang Baru\""), "what was typed is kept");

    // Renaming onto another agency's code, in the form and in the API.
    let (status, html) = submit(
        &app,
        &format!("/admin/opd/{}/ubah", disdik.id),
        &[
            ("code", DINKES),
            ("name", "Dinas Pendidikan"),
            ("kind", "agency"),
            ("parent_id", &disdik.parent_id.unwrap().to_string()),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Kode sudah dipakai."));
    let token = token_for(&app, ADMIN).await;
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/agencies/{}", disdik.id),
        Some(json!({"code": DINKES})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_of(&body, "code").as_deref(), Some("This code is already in use."), "{body}");

    // Several people saving the same new code at once: one wins, the others get the field
    // error (never a 500), whichever check catches it.
    let attempts = (0..4).map(|i| {
        let app = &app;
        let token = token.clone();
        async move {
            api(
                app,
                reqwest::Method::POST,
                &token,
                "/api/v1/agencies",
                Some(json!({"code": "SWL-RACE", "name": format!("Unit {i}"), "kind": "unit", "parent_id": disdik.id})),
            )
            .await
        }
    });
    let results = futures_join(attempts).await;
    let created = results.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(created, 1, "{results:?}");
    for (status, body) in results.iter().filter(|(s, _)| *s != 201) {
        assert_eq!(*status, 422, "{body}");
        assert_eq!(field_of(body, "code").as_deref(), Some("This code is already in use."));
    }

    assert_eq!(agencies::Entity::find().count(&app.db).await.unwrap(), before + 1);
    assert_eq!(agency(&app.db, DISDIK).await, disdik, "the agency is unchanged");
    assert_eq!(
        audit_log::Entity::find().count(&app.db).await.unwrap(),
        audit_before + 1,
        "only the winner is audited"
    );
}

/// Runs the futures concurrently and returns their outputs in order.
async fn futures_join<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let pinned: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    let mut pending = pinned;
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (i, f) in pending.iter_mut().enumerate() {
            if outputs[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(out) => outputs[i] = Some(out),
                    std::task::Poll::Pending => all_done = false,
                }
            }
        }
        if all_done { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}

async fn operators_reach_only_their_agency_subtree(backend: Backend) {
    let app = demo_as(backend, OPERATOR).await;
    let disdik = agency(&app.db, DISDIK).await;
    let dinkes = agency(&app.db, DINKES).await;
    let scope = agency_subtree(&app.db, disdik.id).await.unwrap();

    let (status, html) = page(&app, "/admin/opd").await;
    assert_eq!(status, 200);
    let codes = attr_values(&html, "data-agency");
    assert_eq!(codes.first().map(String::as_str), Some(DISDIK), "their agency is the root: {codes:?}");
    assert_eq!(codes.len(), scope.len());
    assert!(codes.iter().all(|c| c.starts_with(DISDIK)), "{codes:?}");
    assert!(html.contains("Tambah unit kerja") && !html.contains("Tambah perangkat daerah atau unit"));
    let (_, found) = page(&app, "/admin/opd?q=dinas").await;
    assert_eq!(attr_values(&found, "data-agency"), vec![DISDIK.to_owned()], "search stays within reach");

    // Another agency does not exist for them: page, form, save.
    for path in [format!("/admin/opd/{}", dinkes.id), format!("/admin/opd/{}/ubah", dinkes.id)] {
        assert_eq!(page(&app, &path).await.0, 404, "{path}");
    }
    let (status, _) = submit(
        &app,
        &format!("/admin/opd/{}/ubah", dinkes.id),
        &[
            ("code", DINKES),
            ("name", "Diambil alih"),
            ("kind", "agency"),
            ("parent_id", &dinkes.parent_id.unwrap().to_string()),
        ],
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(agency(&app.db, DINKES).await, dinkes);

    // They add units to their agency, and nothing else.
    let (status, location) = submit(
        &app,
        "/admin/opd/baru",
        &[
            ("code", "SWL-DISDIK-SLB"),
            ("name", "Seksi Pendidikan Khusus"),
            ("kind", "unit"),
            ("parent_id", &disdik.id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    assert_eq!(page(&app, &location).await.0, 200, "the new unit is within reach at once");
    let (status, html) = submit(
        &app,
        "/admin/opd/baru",
        &[
            ("code", "SWL-DINAS-BARU"),
            ("name", "Dinas Baru"),
            ("kind", "agency"),
            ("parent_id", &disdik.parent_id.unwrap().to_string()),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Operator OPD hanya dapat menambah dan mengubah unit kerja."), "{html}");
    let (status, html) = submit(
        &app,
        "/admin/opd/baru",
        &[
            ("code", "SWL-DINKES-X"),
            ("name", "Unit Titipan"),
            ("kind", "unit"),
            ("parent_id", &dinkes.id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("di luar wewenang Anda"), "{html}");
    assert!(
        agencies::Entity::find()
            .filter(agencies::Column::Code.is_in(["SWL-DINAS-BARU", "SWL-DINKES-X"]))
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );

    // The API answers the same.
    let token = token_for(&app, OPERATOR).await;
    let (status, body) = api(&app, reqwest::Method::GET, &token, "/api/v1/agencies", None).await;
    assert_eq!(status, 200);
    let ids: Vec<i64> = body["items"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&disdik.id) && !ids.contains(&dinkes.id), "{body}");
    assert_eq!(ids.len(), scope.len() + 1);
    let (status, _) =
        api(&app, reqwest::Method::GET, &token, &format!("/api/v1/agencies/{}", dinkes.id), None).await;
    assert_eq!(status, 404);
    let (status, _) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/agencies/{}", dinkes.id),
        Some(json!({"name": "X"})),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = api(&app, reqwest::Method::GET, &token, "/api/v1/agencies/nomor", None).await;
    assert_eq!(status, 404);
    assert_eq!(agency(&app.db, DINKES).await, dinkes);
}

// ---------------------------------------------------------------------------------------
// Positions and standards
// ---------------------------------------------------------------------------------------

async fn admin_creates_a_position_and_sets_its_standard(backend: Backend) {
    let app = demo_as(backend, ADMIN).await;
    let disdik = agency(&app.db, DISDIK).await;
    let (mj01, sk01, tk02) = (
        competency(&app.db, "MJ-01").await,
        competency(&app.db, "SK-01").await,
        competency(&app.db, "TK-02").await,
    );

    let (status, form) = page(&app, "/admin/jabatan/baru").await;
    assert_eq!(status, 200);
    assert!(form.contains("Kelompok jabatan") && form.contains("Fungsional"), "{form}");
    let (status, location) = submit(
        &app,
        "/admin/jabatan/baru",
        &[
            ("code", "SWL-FNG-PENGAWAS-SEK"),
            ("name", "Pengawas Sekolah Ahli Muda"),
            ("family", "fungsional"),
            ("agency_id", &disdik.id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    let id = id_in(&location);
    let (_, html) = page(&app, &location).await;
    assert!(
        html.contains("Jabatan disimpan.") && html.contains("Standar kompetensi jabatan ini belum diisi."),
        "{html}"
    );

    // A level of 6 is refused beside its field, and nothing is stored.
    let (status, form) = page(&app, &format!("/admin/jabatan/{id}/standar")).await;
    assert_eq!(status, 200);
    assert!(form.contains(&format!("name=\"level-{}\"", tk02.id)), "{form}");
    let (f_mj01, f_sk01, f_tk02) =
        (format!("level-{}", mj01.id), format!("level-{}", sk01.id), format!("level-{}", tk02.id));
    let (status, html) =
        submit(&app, &format!("/admin/jabatan/{id}/standar"), &[(&f_mj01, "3"), (&f_tk02, "6")]).await;
    assert_eq!(status, 422);
    let row = &html[html.find("data-competency=\"TK-02\"").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("Level untuk TK-02 harus bilangan bulat 1 sampai 5.")
            && row.contains("aria-invalid=\"true\""),
        "{row}"
    );
    assert!(row.contains("value=\"6\""), "what was typed is kept");
    assert!(stored_standard(&app.db, id).await.is_empty());

    let (status, location) = submit(
        &app,
        &format!("/admin/jabatan/{id}/standar"),
        &[(&f_mj01, "3"), (&f_tk02, "4"), (&f_sk01, "")],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, format!("/admin/jabatan/{id}").as_str()));
    assert_eq!(
        stored_standard(&app.db, id).await,
        BTreeMap::from([("MJ-01".into(), 3), ("TK-02".into(), 4)])
    );
    let (_, html) = page(&app, &location).await;
    assert!(html.contains("Standar kompetensi disimpan."));
    let standard = &html[html.find("data-standard").unwrap()..];
    assert!(
        standard.contains("Integritas")
            && standard.contains("Manajerial")
            && standard.contains("data-level=\"4\""),
        "{standard}"
    );

    // Change one, remove one, add one.
    let (status, _) = submit(
        &app,
        &format!("/admin/jabatan/{id}/standar"),
        &[(&f_mj01, ""), (&f_tk02, "2"), (&f_sk01, "3")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        stored_standard(&app.db, id).await,
        BTreeMap::from([("SK-01".into(), 3), ("TK-02".into(), 2)])
    );

    // The list finds it by search, family and agency.
    for query in ["q=pengawas+sekolah".to_owned(), format!("family=fungsional&agency={}", disdik.id)] {
        let (status, html) = page(&app, &format!("/admin/jabatan?{query}")).await;
        assert_eq!(status, 200);
        assert_eq!(
            html.matches("<table").count(),
            html.matches("class=\"table-wrap\"").count(),
            "tables scroll on a phone"
        );
        assert!(
            attr_values(&html, "data-position").contains(&"SWL-FNG-PENGAWAS-SEK".to_owned()),
            "{query}: {html}"
        );
    }
    let (_, html) = page(&app, "/admin/jabatan?family=jpt").await;
    let listed = attr_values(&html, "data-position");
    assert!(!listed.is_empty() && !listed.contains(&"SWL-FNG-PENGAWAS-SEK".to_owned()), "{listed:?}");
    let (_, html) = page(&app, "/admin/jabatan?agency=wilayah").await;
    assert!(attr_values(&html, "data-position").contains(&"SWL-JPT-KADIS".to_owned()));
    assert!(!attr_values(&html, "data-position").contains(&"SWL-FNG-PRAKOM".to_owned()));

    // The API: level 6 is a 422 naming the field; a good standard replaces the old one.
    let token = token_for(&app, ADMIN).await;
    let path = format!("/api/v1/positions/{id}/standard");
    let (status, body) = api(
        &app,
        reqwest::Method::PUT,
        &token,
        &path,
        Some(json!({"items": [{"competency_id": mj01.id, "required_level": 6}]})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(field_of(&body, "required_level").unwrap().contains("MJ-01"), "{body}");
    assert_eq!(stored_standard(&app.db, id).await.len(), 2, "nothing changed");
    let (status, body) = api(
        &app,
        reqwest::Method::PUT,
        &token,
        &path,
        Some(json!({"items": [{"competency_id": mj01.id, "required_level": 4}, {"competency_id": tk02.id, "required_level": 3}]})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["items"].as_array().unwrap().len(), 2);
    let (status, body) =
        api(&app, reqwest::Method::GET, &token, &format!("/api/v1/positions/{id}"), None).await;
    assert_eq!(status, 200);
    assert_eq!(body["agency_id"], disdik.id);
    let levels: BTreeMap<String, i64> = body["standard"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["competency_code"].as_str().unwrap().to_owned(), s["required_level"].as_i64().unwrap()))
        .collect();
    assert_eq!(levels, BTreeMap::from([("MJ-01".into(), 4), ("TK-02".into(), 3)]));
    let (status, body) = api(
        &app,
        reqwest::Method::PUT,
        &token,
        &path,
        Some(json!({"items": [{"competency_id": 999_999, "required_level": 2}]})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(field_of(&body, "competency_id").is_some(), "{body}");

    let (status, body) =
        api(&app, reqwest::Method::GET, &token, "/api/v1/positions?q=pengawas+sekolah&per_page=5", None)
            .await;
    assert_eq!(
        (status, body["total"].as_u64(), body["per_page"].as_u64()),
        (200, Some(1), Some(5)),
        "{body}"
    );
    assert_eq!(body["items"][0]["standard_size"], 2);
    let (status, body) =
        api(&app, reqwest::Method::GET, &token, "/api/v1/positions?page=nol&family=guru", None).await;
    assert_eq!(status, 422);
    assert!(field_of(&body, "page").is_some() && field_of(&body, "family").is_some(), "{body}");
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/positions",
        Some(json!({"code": "SWL-PLK-ARSIP", "name": "Arsiparis Terampil", "family": "pelaksana"})),
    )
    .await;
    assert_eq!(
        (status, &body["agency_id"]),
        (201, &Value::Null),
        "admins create region-wide positions: {body}"
    );
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/positions/{}", body["id"]),
        Some(json!({"code": "SWL-JPT-KADIS"})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_of(&body, "code").as_deref(), Some("This code is already in use."));
}

async fn operators_edit_their_own_positions_only_and_read_the_dictionary(backend: Backend) {
    let app = demo_as(backend, OPERATOR).await;
    let disdik = agency(&app.db, DISDIK).await;
    let kadis = position(&app.db, "SWL-JPT-KADIS").await;
    let bkd_position = position(&app.db, "SWL-FNG-AKPD").await;
    let mj01 = competency(&app.db, "MJ-01").await;
    let token = token_for(&app, OPERATOR).await;

    // Region-wide positions are listed and readable, not editable; other agencies' are absent.
    let (_, html) = page(&app, "/admin/jabatan").await;
    let (_, html2) = page(&app, "/admin/jabatan?page=2").await;
    let listed = [attr_values(&html, "data-position"), attr_values(&html2, "data-position")].concat();
    assert!(listed.contains(&kadis.code) && !listed.contains(&bkd_position.code), "{listed:?}");
    let (status, html) = page(&app, &format!("/admin/jabatan/{}", kadis.id)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Jabatan ini hanya dapat diubah admin BKPSDM.") && !html.contains("/ubah\""),
        "{html}"
    );
    for path in [
        format!("/admin/jabatan/{}/ubah", kadis.id),
        format!("/admin/jabatan/{}/standar", kadis.id),
        format!("/admin/jabatan/{}", bkd_position.id),
    ] {
        assert_eq!(page(&app, &path).await.0, 404, "{path}");
    }
    let (status, _) = submit(
        &app,
        &format!("/admin/jabatan/{}/ubah", kadis.id),
        &[
            ("code", "SWL-JPT-KADIS"),
            ("name", "Kepala Dinas Pendidikan"),
            ("family", "jpt"),
            ("agency_id", &disdik.id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = submit(
        &app,
        &format!("/admin/jabatan/{}/standar", kadis.id),
        &[(&format!("level-{}", mj01.id), "1")],
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/positions/{}", kadis.id),
        Some(json!({"name": "X"})),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = api(
        &app,
        reqwest::Method::PUT,
        &token,
        &format!("/api/v1/positions/{}/standard", kadis.id),
        Some(json!({"items": []})),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        api(&app, reqwest::Method::GET, &token, &format!("/api/v1/positions/{}", bkd_position.id), None)
            .await
            .0,
        404
    );
    assert_eq!(position(&app.db, "SWL-JPT-KADIS").await, kadis);
    assert_eq!(stored_standard(&app.db, kadis.id).await.len(), 11);

    // Their own agency's positions are theirs to change; region-wide ones are not a choice.
    let (status, html) = submit(
        &app,
        "/admin/jabatan/baru",
        &[
            ("code", "SWL-FNG-GURU"),
            ("name", "Guru Ahli Pertama"),
            ("family", "fungsional"),
            ("agency_id", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("jabatan lintas OPD hanya diatur admin BKPSDM"), "{html}");
    let (status, location) = submit(
        &app,
        "/admin/jabatan/baru",
        &[
            ("code", "SWL-FNG-GURU"),
            ("name", "Guru Ahli Pertama"),
            ("family", "fungsional"),
            ("agency_id", &disdik.id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    let guru = id_in(&location);
    let (status, body) = api(
        &app,
        reqwest::Method::PUT,
        &token,
        &format!("/api/v1/positions/{guru}/standard"),
        Some(json!({"items": [{"competency_id": mj01.id, "required_level": 2}]})),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // The dictionary: read, never changed.
    let (status, html) = page(&app, "/admin/kompetensi").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Kamus kompetensi hanya dapat diubah admin BKPSDM.")
            && !html.contains("/admin/kompetensi/baru")
    );
    assert_eq!(attr_values(&html, "data-competency").len(), 15);
    assert_eq!(page(&app, &format!("/admin/kompetensi/{}", mj01.id)).await.0, 200);
    for path in ["/admin/kompetensi/baru".to_owned(), format!("/admin/kompetensi/{}/ubah", mj01.id)] {
        assert_eq!(page(&app, &path).await.0, 404, "{path}");
    }
    let fields =
        [("code", "TK-99"), ("kind", "teknis"), ("name_id", "Baru"), ("name_en", "New"), ("is_active", "1")];
    assert_eq!(submit(&app, "/admin/kompetensi/baru", &fields).await.0, 404);
    assert_eq!(submit(&app, &format!("/admin/kompetensi/{}/ubah", mj01.id), &fields).await.0, 404);
    let (status, _) =
        api(&app, reqwest::Method::POST, &token, "/api/v1/competencies", Some(json!({"code": "TK-99"})))
            .await;
    assert_eq!(status, 404);
    let (status, _) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/competencies/{}", mj01.id),
        Some(json!({"is_active": false})),
    )
    .await;
    assert_eq!(status, 404);
    let (status, body) = api(&app, reqwest::Method::GET, &token, "/api/v1/competencies", None).await;
    assert_eq!((status, body["total"].as_u64()), (200, Some(15)));
    assert_eq!(competencies::Entity::find().count(&app.db).await.unwrap(), 15);
    assert_eq!(competency(&app.db, "MJ-01").await, mj01);
}

// ---------------------------------------------------------------------------------------
// The competency dictionary
// ---------------------------------------------------------------------------------------

async fn the_dictionary_lists_the_demo_competencies_by_kind(backend: Backend) {
    let app = demo_as(backend, ADMIN).await;

    let (status, html) = page(&app, "/admin/kompetensi").await;
    assert_eq!(status, 200);
    assert_eq!(attr_values(&html, "data-competency").len(), 15, "{html}");
    assert_eq!(attr_values(&html, "data-kind"), vec!["manajerial", "sosial_kultural", "teknis"]);
    let section = |kind: &str| {
        let start = html.find(&format!("data-kind=\"{kind}\"")).unwrap();
        let rest = &html[start..];
        let section = &rest[..rest.find("</section>").unwrap()];
        (section.to_owned(), attr_values(section, "data-competency").len())
    };
    let (managerial, n) = section("manajerial");
    assert_eq!(n, 8);
    assert!(managerial.contains("<h2>Manajerial</h2>") && managerial.contains("Integritas"), "{managerial}");
    assert_eq!(section("sosial_kultural").1, 1);
    assert!(section("sosial_kultural").0.contains("<h2>Sosial kultural</h2>"));
    assert_eq!(section("teknis").1, 6);
    assert!(section("teknis").0.contains("<h2>Teknis</h2>"));

    let (_, html) = page(&app, "/admin/kompetensi?kind=teknis").await;
    assert_eq!(attr_values(&html, "data-competency").len(), 6);
    let (_, html) = page(&app, "/admin/kompetensi?q=integrity").await;
    assert_eq!(attr_values(&html, "data-competency"), vec!["MJ-01"]);

    // In English, the English words.
    app.get("/bahasa?to=en").await;
    let (_, english) = page(&app, "/admin/kompetensi").await;
    app.get("/bahasa?to=id").await;
    assert!(
        english.contains("<h2>Managerial</h2>") && english.contains("<h2>Socio-cultural</h2>"),
        "{english}"
    );
    assert!(english.contains("Integrity"));

    // Adding and changing entries, with field messages.
    let (status, html) = submit(
        &app,
        "/admin/kompetensi/baru",
        &[
            ("code", "MJ-01"),
            ("kind", "manajerial"),
            ("name_id", ""),
            ("name_en", "Integrity again"),
            ("is_active", "1"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Kode sudah dipakai.") && html.contains("Isi nama."), "{html}");
    let (status, location) = submit(
        &app,
        "/admin/kompetensi/baru",
        &[
            ("code", "TK-07"),
            ("kind", "teknis"),
            ("name_id", "Pengelolaan Arsip Dinamis"),
            ("name_en", "Records management"),
            ("description", "Mengelola arsip aktif dan inaktif."),
            ("source", "contoh"),
            ("is_active", "1"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{location}");
    let id = id_in(&location);
    let (_, html) = page(&app, &location).await;
    assert!(html.contains("Kompetensi disimpan.") && html.contains("Pengelolaan Arsip Dinamis"));
    let (status, _) = submit(
        &app,
        &format!("/admin/kompetensi/{id}/ubah"),
        &[
            ("code", "TK-07"),
            ("kind", "teknis"),
            ("name_id", "Pengelolaan Arsip"),
            ("name_en", "Records management"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let saved = competency(&app.db, "TK-07").await;
    assert_eq!(
        (saved.name_id.as_str(), saved.is_active, saved.description),
        ("Pengelolaan Arsip", false, None)
    );

    let token = token_for(&app, ADMIN).await;
    let (status, body) =
        api(&app, reqwest::Method::GET, &token, "/api/v1/competencies?kind=manajerial", None).await;
    assert_eq!((status, body["total"].as_u64()), (200, Some(8)));
    assert!(body["items"].as_array().unwrap().iter().all(|c| c["kind"] == "manajerial"));
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &token,
        "/api/v1/competencies",
        Some(json!({"code": "TK-07", "kind": "teknis", "name_id": "X", "name_en": "X"})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_of(&body, "code").as_deref(), Some("This code is already in use."));
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/competencies/{id}"),
        Some(json!({"is_active": true, "kind": "umum"})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(field_of(&body, "kind").is_some());
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &token,
        &format!("/api/v1/competencies/{id}"),
        Some(json!({"is_active": true})),
    )
    .await;
    assert_eq!((status, &body["is_active"]), (200, &json!(true)), "{body}");
}

// ---------------------------------------------------------------------------------------
// The audit log
// ---------------------------------------------------------------------------------------

async fn the_audit_log_shows_who_changed_what_and_filters(backend: Backend) {
    let app = demo_as(backend, ADMIN).await;
    let operator = app.new_browser();
    operator.login(OPERATOR, DEMO_PASSWORD).await;
    let disdik = agency(&app.db, DISDIK).await;
    let dinkes = agency(&app.db, DINKES).await;

    // The admin renames an agency; the operator adds a unit; the admin edits a standard.
    let (status, _) = submit(
        &app,
        &format!("/admin/opd/{}/ubah", dinkes.id),
        &[
            ("code", DINKES),
            ("name", "Dinas Kesehatan dan KB"),
            ("kind", "agency"),
            ("parent_id", &dinkes.parent_id.unwrap().to_string()),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (status, location) = submit(
        &operator,
        "/admin/opd/baru",
        &[
            ("code", "SWL-DISDIK-PNF"),
            ("name", "Bidang Pendidikan Nonformal"),
            ("kind", "unit"),
            ("parent_id", &disdik.id.to_string()),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let unit = id_in(&location);
    let kasi = position(&app.db, "SWL-PGW-KASI").await;
    let mj01 = competency(&app.db, "MJ-01").await;
    let mut fields: Vec<(String, String)> = stored_standard(&app.db, kasi.id)
        .await
        .into_iter()
        .map(|(code, level)| (code, level.to_string()))
        .collect();
    fields.retain(|(code, _)| code != "MJ-01");
    let mut form: Vec<(String, String)> = Vec::new();
    for (code, level) in &fields {
        form.push((format!("level-{}", competency(&app.db, code).await.id), level.clone()));
    }
    form.push((format!("level-{}", mj01.id), "5".into()));
    let form_ref: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(submit(&app, &format!("/admin/jabatan/{}/standar", kasi.id), &form_ref).await.0, 303);

    // Rows: who, what, which record, before and after.
    let entries = audit_log::Entity::find().order_by_asc(audit_log::Column::Id).all(&app.db).await.unwrap();
    let admin_id = user_id(&app.db, ADMIN).await;
    let operator_id = user_id(&app.db, OPERATOR).await;
    let rename =
        entries.iter().find(|e| e.entity_type == "agencies" && e.entity_id == dinkes.id.to_string()).unwrap();
    assert_eq!((rename.user_id, rename.action), (Some(admin_id), AuditAction::Update));
    let created =
        entries.iter().find(|e| e.entity_type == "agencies" && e.entity_id == unit.to_string()).unwrap();
    assert_eq!(
        (created.user_id, created.action, created.before.as_deref()),
        (Some(operator_id), AuditAction::Create, None)
    );
    let standard = entries.iter().find(|e| e.entity_type == "position_standards").unwrap();
    assert_eq!(standard.entity_id, kasi.id.to_string());

    let (status, html) = page(&app, "/admin/audit").await;
    assert_eq!(status, 200);
    assert!(html.contains(ADMIN) && html.contains(OPERATOR), "who: {html}");
    let row = &html[html.find(&format!("data-audit-entry=\"{}\"", rename.id)).unwrap()..];
    let row = &row[..row[1..].find("data-audit-entry=").map_or(row.len(), |i| i + 1)];
    assert!(row.contains("Diubah") && row.contains("Perangkat daerah"), "{row}");
    let name_change = &row[row.find("data-field=\"name\"").unwrap()..];
    let name_change = &name_change[..name_change.find("</tr>").unwrap()];
    assert!(name_change.contains("data-before>Dinas Kesehatan<"), "before: {name_change}");
    assert!(name_change.contains("data-after>Dinas Kesehatan dan KB<"), "after: {name_change}");
    assert!(!row.contains("data-field=\"code\""), "only changed fields are shown");
    let standard_row = &html[html.find(&format!("data-audit-entry=\"{}\"", standard.id)).unwrap()..];
    let mj = &standard_row[standard_row.find("data-field=\"MJ-01\"").unwrap()..];
    assert!(mj[..mj.find("</tr>").unwrap()].contains("data-after>5<"), "{mj}");
    let year = chrono::Utc::now().format("%Y").to_string();
    assert!(
        html.contains(&format!(" {year} "))
            && (html.contains(" WIB<") || html.contains(" WITA<") || html.contains(" WIT<")),
        "times in the deployment's zone"
    );

    // Filters: by user, by record, by date.
    let (_, html) = page(&app, "/admin/audit?user=operator%40bangkom.test").await;
    let ids = attr_values(&html, "data-audit-entry");
    assert_eq!(ids, vec![created.id.to_string()], "{html}");
    let (_, html) = page(&app, &format!("/admin/audit?entity_type=agencies&entity_id={}", dinkes.id)).await;
    assert_eq!(attr_values(&html, "data-audit-entry"), vec![rename.id.to_string()]);
    let (_, html) = page(&app, "/admin/audit?entity_type=position_standards").await;
    assert_eq!(attr_values(&html, "data-audit-entry"), vec![standard.id.to_string()]);
    let today = chrono::Utc::now().date_naive();
    let tomorrow = today.succ_opt().unwrap().succ_opt().unwrap();
    let yesterday = today.pred_opt().unwrap();
    let (_, html) = page(&app, &format!("/admin/audit?from={tomorrow}")).await;
    assert!(
        attr_values(&html, "data-audit-entry").is_empty() && html.contains("Tidak ada catatan yang cocok.")
    );
    let (_, html) =
        page(&app, &format!("/admin/audit?from={yesterday}&to={tomorrow}&user=admin%40bangkom.test")).await;
    assert_eq!(attr_values(&html, "data-audit-entry").len(), 2);
    let (status, html) = page(&app, &format!("/admin/audit?from={tomorrow}&to={yesterday}")).await;
    assert_eq!(status, 422);
    assert!(html.contains("Tanggal akhir tidak boleh sebelum tanggal awal."), "{html}");

    // The API, for admins only.
    let token = token_for(&app, ADMIN).await;
    let (status, body) = api(
        &app,
        reqwest::Method::GET,
        &token,
        &format!("/api/v1/audit?entity_type=agencies&entity_id={}", dinkes.id),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1);
    let item = &body["items"][0];
    assert_eq!((item["user_email"].as_str(), item["action"].as_str()), (Some(ADMIN), Some("update")));
    assert_eq!(
        (item["before"]["name"].as_str(), item["after"]["name"].as_str()),
        (Some("Dinas Kesehatan"), Some("Dinas Kesehatan dan KB"))
    );
    let (status, body) = api(&app, reqwest::Method::GET, &token, "/api/v1/audit?from=kemarin", None).await;
    assert_eq!(status, 422);
    assert!(field_of(&body, "from").is_some());

    // Operators do not see it.
    assert_eq!(page(&operator, "/admin/audit").await.0, 404);
    assert!(!page(&operator, "/admin/opd").await.1.contains("/admin/audit"), "nor a link to it");
    let operator_token = token_for(&app, OPERATOR).await;
    assert_eq!(api(&app, reqwest::Method::GET, &operator_token, "/api/v1/audit", None).await.0, 404);
}

// ---------------------------------------------------------------------------------------
// Employees
// ---------------------------------------------------------------------------------------

async fn employees_get_404_on_every_catalogue_page_and_endpoint(backend: Backend) {
    let app = demo_as(backend, EMPLOYEE).await;
    let disdik = agency(&app.db, DISDIK).await;
    let kadis = position(&app.db, "SWL-JPT-KADIS").await;
    let mj01 = competency(&app.db, "MJ-01").await;

    for path in [
        "/admin/opd".to_owned(),
        "/admin/opd/baru".to_owned(),
        format!("/admin/opd/{}", disdik.id),
        format!("/admin/opd/{}/ubah", disdik.id),
        "/admin/jabatan".to_owned(),
        "/admin/jabatan/baru".to_owned(),
        format!("/admin/jabatan/{}", kadis.id),
        format!("/admin/jabatan/{}/standar", kadis.id),
        "/admin/kompetensi".to_owned(),
        format!("/admin/kompetensi/{}", mj01.id),
        "/admin/audit".to_owned(),
    ] {
        let (status, html) = page(&app, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Halaman tidak ditemukan"), "{path}");
    }
    let (status, _) = submit(
        &app,
        "/admin/opd/baru",
        &[("code", "SWL-X"), ("name", "X"), ("kind", "unit"), ("parent_id", &disdik.id.to_string())],
    )
    .await;
    assert_eq!(status, 404);

    let token = token_for(&app, EMPLOYEE).await;
    for path in [
        "/api/v1/agencies".to_owned(),
        format!("/api/v1/agencies/{}", disdik.id),
        "/api/v1/positions".to_owned(),
        format!("/api/v1/positions/{}", kadis.id),
        "/api/v1/competencies".to_owned(),
        format!("/api/v1/competencies/{}", mj01.id),
        "/api/v1/audit".to_owned(),
    ] {
        let (status, body) = api(&app, reqwest::Method::GET, &token, &path, None).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(body["error"]["code"], "not_found");
        assert_eq!(api(&app, reqwest::Method::GET, "bkm_wrong", &path, None).await.0, 401, "{path}");
    }
    for (method, path, body) in [
        (
            reqwest::Method::POST,
            "/api/v1/agencies".to_owned(),
            json!({"code": "X", "name": "X", "kind": "unit", "parent_id": disdik.id}),
        ),
        (reqwest::Method::PATCH, format!("/api/v1/agencies/{}", disdik.id), json!({"name": "X"})),
        (
            reqwest::Method::POST,
            "/api/v1/positions".to_owned(),
            json!({"code": "X", "name": "X", "family": "jpt"}),
        ),
        (reqwest::Method::PUT, format!("/api/v1/positions/{}/standard", kadis.id), json!({"items": []})),
        (reqwest::Method::POST, "/api/v1/competencies".to_owned(), json!({"code": "X"})),
    ] {
        assert_eq!(api(&app, method, &token, &path, Some(body)).await.0, 404, "{path}");
    }
    assert_eq!(agency(&app.db, DISDIK).await, disdik);
    assert_eq!(stored_standard(&app.db, kadis.id).await.len(), 11);
}
