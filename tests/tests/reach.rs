//! One notion of reach: an operator reaches their agency's whole subtree, however deep the
//! tree, in every list, export, dashboard and recap; agency trees nest units to any depth
//! (and still refuse cycles).

use bangkom_entities::policy::agency_subtree;
use bangkom_entities::schema::{agencies, employees};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app};

on_both_backends!(
    an_operator_reaches_employees_four_levels_below_their_agency,
    units_nest_to_any_depth_but_never_below_themselves,
    every_api_route_with_an_id_answers_404_for_ids_outside_reach,
);

const DEEP_NIP: &str = "198805122012041007";
const DEEP_NAME: &str = "Dara Sedalam Lima";

async fn agency(db: &DatabaseConnection, code: &str) -> agencies::Model {
    agencies::Entity::find().filter(agencies::Column::Code.eq(code)).one(db).await.unwrap().unwrap()
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

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Adds a unit under `parent` through the API (as an admin); returns its id.
async fn add_unit(app: &TestApp, token: &str, code: &str, parent: i64) -> i64 {
    let (status, body) = api(
        app,
        reqwest::Method::POST,
        token,
        "/api/v1/agencies",
        Some(json!({"code": code, "name": format!("Unit {code}"), "kind": "unit", "parent_id": parent})),
    )
    .await;
    assert_eq!(status, 201, "{code}: {body}");
    body["id"].as_i64().unwrap()
}

/// Region (1) → SWL-DISDIK (2) → three nested units (3, 4, 5) → a unit at level 6 holding
/// one PNS employee: four levels below the operator's agency. Returns (level-3 id, level-6
/// id, the employee's id).
async fn deep_tree(app: &TestApp, admin_token: &str) -> (i64, i64, i64) {
    let disdik = agency(&app.db, "SWL-DISDIK").await;
    let level3 = add_unit(app, admin_token, "SWL-DISDIK-D3", disdik.id).await;
    let level4 = add_unit(app, admin_token, "SWL-DISDIK-D4", level3).await;
    let level5 = add_unit(app, admin_token, "SWL-DISDIK-D5", level4).await;
    let level6 = add_unit(app, admin_token, "SWL-DISDIK-D6", level5).await;
    let (status, body) = api(
        app,
        reqwest::Method::POST,
        admin_token,
        "/api/v1/employees",
        Some(json!({
            "nip": DEEP_NIP, "name": DEEP_NAME, "employment_type": "pns", "grade": "III/a",
            "agency_id": level6,
        })),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    (level3, level6, body["id"].as_i64().unwrap())
}

async fn an_operator_reaches_employees_four_levels_below_their_agency(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let admin_token = app.new_browser().api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let (level3, level6, employee_id) = deep_tree(&app, &admin_token).await;
    let disdik = agency(&app.db, "SWL-DISDIK").await;
    let subtree = agency_subtree(&app.db, disdik.id).await.unwrap();
    assert_eq!(subtree.first(), Some(&disdik.id), "the agency itself comes first");
    assert!(subtree.contains(&level6), "the subtree reaches the sixth level: {subtree:?}");

    app.login("operator@bangkom.test", DEMO_PASSWORD).await;
    let token = app.new_browser().api_token("operator@bangkom.test", DEMO_PASSWORD).await;

    // Lists: the staff employee list (page and API) and the record itself.
    let (status, html) = page(&app, "/admin/pegawai?q=sedalam").await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("data-employee=\"{DEEP_NIP}\"")), "{html}");
    let (status, html) = page(&app, &format!("/admin/pegawai?agency_id={level3}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("data-employee=\"{DEEP_NIP}\"")), "filtering by a deep unit: {html}");
    assert_eq!(app.get(&format!("/admin/pegawai/{employee_id}")).await.status(), 200);
    let (status, body) = api(&app, reqwest::Method::GET, &token, "/api/v1/employees?q=sedalam", None).await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], 1, "{body}");
    assert_eq!(body["items"][0]["nip"], DEEP_NIP);

    // Gaps: the employee list and the employee's own gaps.
    let (status, html) = page(&app, "/kesenjangan/pegawai?q=sedalam").await;
    assert_eq!(status, 200);
    assert!(html.contains(DEEP_NIP), "{html}");
    let (status, body) =
        api(&app, reqwest::Method::GET, &token, &format!("/api/v1/gaps/employees/{employee_id}"), None).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) =
        api(&app, reqwest::Method::GET, &token, &format!("/api/v1/gaps/heatmap?agency={level3}"), None).await;
    assert_eq!(status, 200, "the dashboard opens on a deep unit");

    // The JP recap, narrowed to the deep branch: page, export and API. A PNS without any
    // JP is below the floor.
    let (status, html) = page(&app, &format!("/pelatihan/rekap-jp?opd={level3}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("data-employee=\"{DEEP_NIP}\"")), "{html}");
    let (status, csv) = page(&app, &format!("/pelatihan/rekap-jp/unduh.csv?opd={level3}")).await;
    assert_eq!(status, 200);
    assert!(csv.contains(DEEP_NIP), "{csv}");
    let (status, csv) = page(&app, "/pelatihan/rekap-jp/unduh.csv").await;
    assert_eq!(status, 200);
    assert!(csv.contains(DEEP_NIP), "the whole reach's export: {csv}");
    let (status, body) =
        api(&app, reqwest::Method::GET, &token, &format!("/api/v1/jp-recap?agency_id={level3}"), None).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["below"].as_array().unwrap().iter().any(|r| r["nip"] == DEEP_NIP), "{body}");
    // The summary rolls the deep units up to their agency (OPD).
    let agencies = body["agencies"].as_array().unwrap();
    assert_eq!(agencies.len(), 1, "{body}");
    assert_eq!(agencies[0]["agency_id"], disdik.id);

    // Another agency's operator view stays closed: an agency outside the reach is 404.
    let bkd = agency(&app.db, "SWL-BKD").await;
    assert_eq!(app.get(&format!("/pelatihan/rekap-jp?opd={}", bkd.id)).await.status(), 404);

    // An employee elsewhere never sees the deep employee.
    let employee = app.new_browser();
    employee.login("pegawai@bangkom.test", DEMO_PASSWORD).await;
    assert_eq!(employee.get(&format!("/pegawai/{employee_id}")).await.status(), 404);
    let stored = employees::Entity::find_by_id(employee_id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.agency_id, level6);
}

async fn units_nest_to_any_depth_but_never_below_themselves(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let admin_token = app.api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let disdik = agency(&app.db, "SWL-DISDIK").await;
    let mut parent = disdik.id;
    let mut chain = Vec::new();
    for level in 3..=8 {
        parent = add_unit(&app, &admin_token, &format!("SWL-DISDIK-N{level}"), parent).await;
        chain.push(parent);
    }
    let subtree = agency_subtree(&app.db, disdik.id).await.unwrap();
    assert!(chain.iter().all(|id| subtree.contains(id)), "{subtree:?}");

    // The top of the chain cannot move below its own descendant (a cycle).
    let (status, body) = api(
        &app,
        reqwest::Method::PATCH,
        &admin_token,
        &format!("/api/v1/agencies/{}", chain[0]),
        Some(json!({"parent_id": chain[5]})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "parent_id", "{body}");
    // A unit still never hangs directly under the region.
    let region = agency(&app.db, "SWL").await;
    let (status, body) = api(
        &app,
        reqwest::Method::POST,
        &admin_token,
        "/api/v1/agencies",
        Some(json!({"code": "SWL-LOOSE", "name": "Unit lepas", "kind": "unit", "parent_id": region.id})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
}

/// The access matrix, generated from the router's own OpenAPI document (so a new route is
/// covered automatically): for each role, every operation whose path names a record answers
/// 404 for a record the caller cannot reach: a record of another agency where the route is
/// about an employee, otherwise one that does not exist. Never 403, never 200, never 5xx.
async fn every_api_route_with_an_id_answers_404_for_ids_outside_reach(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    // An employee of another agency than the operator's, and the employee account's own.
    let bkd = agency(&app.db, "SWL-BKD").await;
    let foreign = employees::Entity::find()
        .filter(employees::Column::AgencyId.eq(bkd.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo has employees in SWL-BKD");
    let tokens = [
        ("employee", app.new_browser().api_token("pegawai@bangkom.test", DEMO_PASSWORD).await),
        ("operator", app.new_browser().api_token("operator@bangkom.test", DEMO_PASSWORD).await),
    ];
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.contains('{') {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            // An operation whose body has required fields answers 422 for an empty body
            // before it looks the record up (nothing about the record leaks); those need a
            // valid body per route and are left to their own modules' tests.
            if requires_fields(&doc, op) {
                continue;
            }
            for (role, token) in &tokens {
                // Employees' records: one in another agency (outside both roles' reach,
                // the demo employee works elsewhere too); other records: none at all.
                let id = if path.starts_with("/api/v1/employees/") && *role == "operator" {
                    foreign.id
                } else {
                    2_000_000_000
                };
                let concrete: String = path
                    .split('/')
                    .map(|part| if part.starts_with('{') { id.to_string() } else { part.to_owned() })
                    .collect::<Vec<_>>()
                    .join("/");
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let mut request = app.client.request(method.clone(), app.url(&concrete)).bearer_auth(token);
                if method != reqwest::Method::GET && method != reqwest::Method::DELETE {
                    request = request.json(&json!({}));
                }
                let status = request.send().await.unwrap().status().as_u16();
                if status != 404 {
                    wrong.push(format!("{role}: {method} {path} → {status}"));
                }
                checked += 1;
            }
        }
    }
    assert!(wrong.is_empty(), "not 404:\n{}", wrong.join("\n"));
    assert!(checked > 20, "the matrix covers the API ({checked} probes)");
}

/// Whether the operation's JSON body (its schema in the document) has required fields.
fn requires_fields(doc: &Value, op: &Value) -> bool {
    let schema = &op["requestBody"]["content"]["application/json"]["schema"];
    let schema = match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => &doc["components"]["schemas"][name],
        None => schema,
    };
    schema["required"].as_array().is_some_and(|r| !r.is_empty())
}
