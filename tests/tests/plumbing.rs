//! Request plumbing at the edge: page numbers and sizes, years, bodies and characters that
//! no handler should ever see unchecked. Each answers a 4xx naming what is wrong (the API in
//! its one JSON error shape, pages with a message), never a 500 or a panic.

use serde_json::Value;

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app};

on_both_backends!(
    lists_answer_422_for_page_numbers_and_sizes_out_of_bounds,
    years_out_of_bounds_answer_422_on_the_api_and_pages,
    bodies_too_large_of_the_wrong_type_or_missing_answer_in_the_json_error_shape,
    the_openapi_document_states_the_bounds_and_the_plumbing_statuses,
    control_characters_are_refused_in_the_api_forms_queries_and_csv_cells,
    unparsable_path_and_query_values_answer_in_the_json_error_shape,
);

const ADMIN: &str = "admin@bangkom.test";

/// A demo region with the admin signed in (pages) and an API token for them.
async fn demo_admin(backend: Backend) -> (TestApp, String) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let token = app.new_browser().api_token(ADMIN, DEMO_PASSWORD).await;
    app.login(ADMIN, DEMO_PASSWORD).await;
    (app, token)
}

async fn api_get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let response = app.client.get(app.url(path)).bearer_auth(token).send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: not JSON: {text}")))
}

/// The fields a 422 names, with their messages.
fn fields(body: &Value) -> Vec<(String, String)> {
    body["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no fields in {body}"))
        .iter()
        .map(|f| (f["field"].as_str().unwrap().to_owned(), f["message"].as_str().unwrap().to_owned()))
        .collect()
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn lists_answer_422_for_page_numbers_and_sizes_out_of_bounds(backend: Backend) {
    let (app, token) = demo_admin(backend).await;
    let lists = [
        "/api/v1/employees",
        "/api/v1/users",
        "/api/v1/positions",
        "/api/v1/competencies",
        "/api/v1/audit",
        "/api/v1/programs",
        "/api/v1/approvals",
        "/api/v1/jp-recap",
    ];
    for list in lists {
        // Past i64 (a debug build panicked multiplying it), past the bound, zero, negative.
        for page in ["9223372036854775807", "99999999999999999999", "10000001", "0", "-1"] {
            let path = format!("{list}?page={page}");
            let (status, body) = api_get(&app, &token, &path).await;
            assert_eq!(status, 422, "{path}: {body}");
            assert_eq!(body["error"]["code"], "invalid", "{path}: {body}");
            assert_eq!(
                fields(&body),
                [("page".to_owned(), "page must be a whole number from 1 to 10000000.".to_owned())],
                "{path}"
            );
        }
        for per_page in ["201", "0", "18446744073709551616"] {
            let path = format!("{list}?per_page={per_page}");
            let (status, body) = api_get(&app, &token, &path).await;
            assert_eq!(status, 422, "{path}: {body}");
            assert_eq!(
                fields(&body),
                [("per_page".to_owned(), "per_page must be a whole number from 1 to 200.".to_owned())],
                "{path}"
            );
        }
        // The last page allowed and the largest size are answered (empty, far past the end).
        let path = format!("{list}?page=10000000&per_page=200");
        let (status, body) = api_get(&app, &token, &path).await;
        assert_eq!(status, 200, "{path}: {body}");
        let items = body.get("items").or_else(|| body.get("below_floor").and_then(|b| b.get("items")));
        if let Some(items) = items {
            assert_eq!(items.as_array().map(Vec::len), Some(0), "{path}: {body}");
        }
    }
    // The API's default page size.
    let (status, body) = api_get(&app, &token, "/api/v1/employees").await;
    assert_eq!((status, &body["per_page"]), (200, &Value::from(20)), "{body}");
    assert_eq!(body["items"].as_array().unwrap().len(), 20);

    // Pages say what is wrong instead of overflowing.
    for list in [
        "/admin/pegawai",
        "/admin/akun",
        "/admin/jabatan",
        "/admin/kompetensi",
        "/admin/audit",
        "/admin/opd?q=dinas",
        "/pelatihan/program",
        "/pelatihan/persetujuan",
        "/pelatihan/rekap-jp",
        "/kesenjangan/pegawai",
    ] {
        let sep = if list.contains('?') { '&' } else { '?' };
        let path = format!("{list}{sep}page=9223372036854775807");
        let (status, html) = page(&app, &path).await;
        assert_eq!(status, 422, "{path}");
        assert!(html.contains("Nomor halaman harus bilangan bulat 1 sampai 10000000."), "{path}: {html}");
    }
    let (status, _) = page(&app, "/admin/pegawai?page=2").await;
    assert_eq!(status, 200);
}

async fn years_out_of_bounds_answer_422_on_the_api_and_pages(backend: Backend) {
    let (app, token) = demo_admin(backend).await;
    let (_, employees) = api_get(&app, &token, "/api/v1/employees?per_page=1").await;
    let employee = employees["items"][0]["id"].as_i64().unwrap();
    for year in ["-1", "99999", "1999", "2101", "tahun"] {
        for path in
            [format!("/api/v1/jp-recap?year={year}"), format!("/api/v1/employees/{employee}/jp?year={year}")]
        {
            let (status, body) = api_get(&app, &token, &path).await;
            assert_eq!(status, 422, "{path}: {body}");
            assert_eq!(
                fields(&body),
                [("year".to_owned(), "year must be a whole number from 2000 to 2100.".to_owned())],
                "{path}"
            );
        }
        for path in [
            format!("/pelatihan/rekap-jp?tahun={year}"),
            format!("/pelatihan/rekap-jp/pegawai/{employee}?tahun={year}"),
            format!("/pelatihan/rekap-jp/unduh.csv?tahun={year}"),
        ] {
            let (status, html) = page(&app, &path).await;
            assert_eq!(status, 422, "{path}");
            assert!(html.contains("Tahun harus bilangan bulat 2000 sampai 2100."), "{path}: {html}");
        }
    }
    for year in ["2000", "2100"] {
        let (status, body) = api_get(&app, &token, &format!("/api/v1/jp-recap?year={year}")).await;
        assert_eq!((status, body["year"].as_i64()), (200, Some(year.parse().unwrap())), "{body}");
    }
    let (status, _) = api_get(&app, &token, "/api/v1/batches?month=99999-01").await;
    assert_eq!(status, 422);
}

async fn bodies_too_large_of_the_wrong_type_or_missing_answer_in_the_json_error_shape(backend: Backend) {
    let (app, token) = demo_admin(backend).await;
    let (_, employees) = api_get(&app, &token, "/api/v1/employees?per_page=1").await;
    let employee = employees["items"][0]["id"].as_i64().unwrap();
    let send = |path: String, content_type: Option<&'static str>, body: Vec<u8>| {
        let mut request = app.client.post(app.url(&path)).bearer_auth(&token).body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        async move {
            let response = request.send().await.expect("the server answers");
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            let body: Value =
                serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: not JSON: {text}"));
            (status, body)
        }
    };
    for path in ["/api/v1/agencies".to_owned(), format!("/api/v1/gaps/employees/{employee}/assessments")] {
        // 65 MB of a JSON string.
        let mut huge = Vec::with_capacity(65 * 1024 * 1024 + 16);
        huge.extend_from_slice(b"{\"name\": \"");
        huge.resize(65 * 1024 * 1024, b'a');
        huge.extend_from_slice(b"\"}");
        let (status, body) = send(path.clone(), Some("application/json"), huge).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (413, Some("payload_too_large")),
            "{path}: {body}"
        );

        let (status, body) = send(path.clone(), Some("text/plain"), b"{}".to_vec()).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (415, Some("unsupported_media_type")),
            "{path}: {body}"
        );
        let (status, body) = send(path.clone(), None, Vec::new()).await;
        assert_eq!(status, 415, "{path}: {body}");

        for broken in [&b""[..], b"{", b"[1, 2]", b"{\"name\": 5"] {
            let (status, body) = send(path.clone(), Some("application/json"), broken.to_vec()).await;
            assert_eq!(status, 422, "{path} {broken:?}: {body}");
            assert_eq!(fields(&body)[0].0, "body", "{path}: {body}");
        }
    }
}

async fn the_openapi_document_states_the_bounds_and_the_plumbing_statuses(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let create = &doc["paths"]["/api/v1/agencies"]["post"]["responses"];
    for status in ["413", "415", "422"] {
        assert_eq!(
            create[status]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ApiErrorBody",
            "POST /api/v1/agencies {status}: {create}"
        );
    }
    let list = &doc["paths"]["/api/v1/employees"]["get"];
    let param = |name: &str| {
        list["parameters"].as_array().unwrap().iter().find(|p| p["name"] == name).cloned().unwrap()
    };
    assert_eq!(
        (&param("page")["schema"]["maximum"], &param("page")["schema"]["minimum"]),
        (&Value::from(10_000_000), &Value::from(1)),
        "{list}"
    );
    assert_eq!(param("per_page")["schema"]["maximum"], 200, "{list}");
    assert!(param("page")["schema"]["type"].to_string().contains("integer"), "{list}");
    assert!(list["responses"]["422"].is_object(), "{list}");
    let recap = &doc["paths"]["/api/v1/jp-recap"]["get"]["parameters"];
    let year = recap.as_array().unwrap().iter().find(|p| p["name"] == "year").unwrap();
    assert_eq!(
        (&year["schema"]["minimum"], &year["schema"]["maximum"]),
        (&Value::from(2000), &Value::from(2100))
    );
}

const CONTROL_MESSAGE: &str = "This value contains control characters (such as NUL), which are not allowed.";

async fn employees_with_nip(app: &TestApp, nip: &str) -> u64 {
    use bangkom_entities::schema::employees;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    employees::Entity::find().filter(employees::Column::Nip.eq(nip)).count(&app.db).await.unwrap()
}

async fn control_characters_are_refused_in_the_api_forms_queries_and_csv_cells(backend: Backend) {
    use bangkom_entities::schema::agencies;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let (app, token) = demo_admin(backend).await;
    let bkd = agencies::Entity::find()
        .filter(agencies::Column::Code.eq("SWL-BKD"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let nip = "198807222014021003";

    // The JSON API: a NUL (and a BEL) in a name is a field error on both databases.
    for name in ["Andi\u{0}Saputra", "Andi\u{7}", "\u{7f}Andi"] {
        let body =
            serde_json::json!({"nip": nip, "name": name, "employment_type": "pppk", "agency_id": bkd.id});
        let response = app
            .client
            .post(app.url("/api/v1/employees"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, 422, "{name:?}: {body}");
        assert_eq!(fields(&body), [("name".to_owned(), CONTROL_MESSAGE.to_owned())], "{name:?}");
    }
    // Nested values are named by their path.
    let body = serde_json::json!({"items": [{"competency_id": 1, "required_level": 2, "note": "a\u{0}"}]});
    let response = app
        .client
        .put(app.url("/api/v1/positions/1/standard"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(fields(&body), [("items[0].note".to_owned(), CONTROL_MESSAGE.to_owned())]);
    assert_eq!(employees_with_nip(&app, nip).await, 0);

    // A query value (PostgreSQL would refuse the NUL in its LIKE pattern with a 500).
    let (status, body) = api_get(&app, &token, "/api/v1/employees?q=andi%00").await;
    assert_eq!((status, fields(&body)), (422, vec![("q".to_owned(), CONTROL_MESSAGE.to_owned())]), "{body}");
    let (status, html) = page(&app, "/admin/pegawai?q=andi%00").await;
    assert_eq!(status, 422);
    assert!(html.contains("q: Isian ini memuat karakter kontrol (mis. NUL) yang tidak diizinkan."), "{html}");

    // A form: the page says which field.
    let response = app
        .post_form(
            "/admin/pegawai",
            &[
                ("nip", nip),
                ("name", "Andi\u{0}Saputra"),
                ("employment_type", "pppk"),
                ("agency_id", &bkd.id.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("name: Isian ini memuat karakter kontrol (mis. NUL) yang tidak diizinkan."),
        "{html}"
    );
    assert_eq!(employees_with_nip(&app, nip).await, 0);

    // Tab and line breaks are free text's own; a name is one line, so it refuses them too.
    let body = serde_json::json!({"code": "SWL-TAB", "name": "Dinas\tTab"});
    let response =
        app.client.post(app.url("/api/v1/agencies")).bearer_auth(&token).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert!(fields(&body).contains(&("name".to_owned(), CONTROL_MESSAGE.to_owned())), "{body}");

    // A CSV cell: the file is refused, line and column named, nothing imported.
    let csv = format!(
        "nip,name,email,employment_type,agency_code,position_code,grade,supervisor_nip,active\n\
         {nip},Andi\u{0}Saputra,,PPPK,SWL-BKD,,,,\n"
    );
    let path = app.work_dir.path().join("nul.csv");
    std::fs::write(&path, csv).unwrap();
    let output = app.cli().arg("import").arg("employees").arg(&path).output().unwrap();
    let printed =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(!output.status.success(), "{printed}");
    assert!(printed.contains(&format!("line 2, column name: {CONTROL_MESSAGE}")), "{printed}");
    assert_eq!(employees_with_nip(&app, nip).await, 0);
}

async fn unparsable_path_and_query_values_answer_in_the_json_error_shape(backend: Backend) {
    let (app, token) = demo_admin(backend).await;
    let get = |path: &'static str| {
        let request = app.client.get(app.url(path)).bearer_auth(&token);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let kind = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned());
            let text = response.text().await.unwrap();
            (
                status,
                kind,
                serde_json::from_str::<Value>(&text).unwrap_or_else(|_| panic!("{path}: not JSON: {text}")),
            )
        }
    };
    // An id that is not a number names nothing.
    for path in ["/api/v1/gaps/employees/abc", "/api/v1/gaps/employees/99999999999999999999"] {
        let (status, kind, body) = get(path).await;
        assert_eq!((status, kind.as_deref()), (404, Some("application/json")), "{path}: {body}");
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
    // A query value of the wrong type is a 422 naming the query.
    let (status, _, body) = get("/api/v1/gaps/heatmap?agency=abc").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "invalid");
    assert_eq!(fields(&body)[0].0, "query", "{body}");
    assert!(fields(&body)[0].1.contains("agency"), "{body}");
    // A method the endpoint does not answer.
    let response = app.client.delete(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), 405);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
    // Pages answer their own 404 page.
    let response = app.post_form("/profil/token/abc/cabut", &[]).await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("<html"));
}
