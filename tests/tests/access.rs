//! Signing in and out, sessions, CSRF, lock-out, password reset, API tokens, headers.

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, spawn_app};

on_both_backends!(
    login_with_email_or_nip_and_logout_ends_the_session,
    a_session_survives_a_server_restart,
    forms_without_the_csrf_token_are_refused,
    repeated_failures_lock_the_account_for_a_while,
    a_password_reset_link_works_once,
    api_tokens_authenticate_until_revoked,
    pages_carry_security_headers_and_safe_cookies,
    the_language_preference_is_kept,
    every_api_operation_declares_its_authentication,
);

async fn login_with_email_or_nip_and_logout_ends_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();

    // Anonymous visitors are sent to the login page, and back afterwards.
    let response = app.get("/profil").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/masuk?next=%2Fprofil");

    let wrong = app
        .post_form("/masuk", &[("identifier", "admin@bangkom.test"), ("password", "salah-sekali-123")])
        .await;
    assert_eq!(wrong.status(), 401);
    assert!(wrong.text().await.unwrap().contains("Email/NIP atau kata sandi salah."));

    let response = app
        .post_form(
            "/masuk",
            &[("identifier", "Admin@Bangkom.test"), ("password", DEMO_PASSWORD), ("next", "/profil")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/profil");
    let profile = app.get("/profil").await.text().await.unwrap();
    assert!(profile.contains("admin@bangkom.test") && profile.contains("Admin BKPSDM"), "{profile}");
    let session = app.cookie("bangkom_session").expect("a session cookie");

    // Signing in with the NIP of the employee behind an account works too.
    let nip: String = {
        use bangkom_entities::schema::{employees, users};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let user = users::Entity::find()
            .filter(users::Column::Email.eq("pegawai@bangkom.test"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        employees::Entity::find_by_id(user.employee_id.unwrap()).one(&app.db).await.unwrap().unwrap().nip
    };
    let other = app.new_browser();
    other.login(&nip, DEMO_PASSWORD).await;
    assert!(other.get("/profil").await.text().await.unwrap().contains("pegawai@bangkom.test"));

    // An open redirect is not followed.
    let third = app.new_browser();
    let response = third
        .post_form(
            "/masuk",
            &[("identifier", "mentor@bangkom.test"), ("password", DEMO_PASSWORD), ("next", "//evil.example")],
        )
        .await;
    assert_eq!(response.headers()["location"], "/");

    // Logout ends the session: replaying the old cookie no longer works.
    let response = app.post_form("/keluar", &[]).await;
    assert_eq!(response.status(), 303);
    assert!(app.get("/masuk").await.text().await.unwrap().contains("Anda telah keluar."));
    let replay = app
        .new_browser()
        .client
        .get(app.url("/profil"))
        .header("cookie", format!("bangkom_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 303, "the ended session no longer signs anyone in");
}

async fn a_session_survives_a_server_restart(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("operator@bangkom.test", DEMO_PASSWORD).await;
    let session = app.cookie("bangkom_session").unwrap();

    // A second server process on the same database (a restart, or another instance).
    let mut settings = bangkom::Settings::defaults();
    settings.database_url = bangkom::config::DatabaseUrl::parse(&app.database.url).unwrap();
    settings.listen = "127.0.0.1:0".parse().unwrap();
    settings.mail.dir = app.work_dir.path().join("mail2");
    let restarted = bangkom::Application::build(settings).await.unwrap();
    let address = format!("http://127.0.0.1:{}", restarted.port());
    tokio::spawn(restarted.run_until(std::future::pending()));

    let page = reqwest::Client::new()
        .get(format!("{address}/profil"))
        .header("cookie", format!("bangkom_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("operator@bangkom.test"));
}

async fn forms_without_the_csrf_token_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let _ = app.csrf().await;

    let no_token = app
        .client
        .post(app.url("/masuk"))
        .form(&[("identifier", "admin@bangkom.test"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 403);
    assert!(no_token.text().await.unwrap().contains("Formulir kedaluwarsa"));

    let wrong_token = app
        .client
        .post(app.url("/masuk"))
        .form(&[("identifier", "admin@bangkom.test"), ("password", DEMO_PASSWORD), ("csrf", &"0".repeat(64))])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_token.status(), 403);
    assert!(app.cookie("bangkom_session").is_none(), "no session was started");

    // A signed-in user's logout without the token is refused and the session stays.
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;
    let forged = app.client.post(app.url("/keluar")).send().await.unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(app.get("/profil").await.status(), 200);
}

async fn repeated_failures_lock_the_account_for_a_while(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let r = app
            .post_form("/masuk", &[("identifier", "atasan@bangkom.test"), ("password", "tebak-tebakan-1")])
            .await;
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 401, 429], "the fifth failure locks the account");

    // Now even the right password is refused, with a message saying until when.
    let locked =
        app.post_form("/masuk", &[("identifier", "atasan@bangkom.test"), ("password", DEMO_PASSWORD)]).await;
    assert_eq!(locked.status(), 429);
    let body = locked.text().await.unwrap();
    assert!(body.contains("Terlalu banyak percobaan masuk") && body.contains("WIB"), "{body}");

    // The lock is per account: another account still signs in from the same address.
    app.login("mentor@bangkom.test", DEMO_PASSWORD).await;
}

async fn a_password_reset_link_works_once(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    // pegawai@ is signed in elsewhere; the reset must end that session.
    let elsewhere = app.new_browser();
    elsewhere.login("pegawai@bangkom.test", DEMO_PASSWORD).await;

    let response = app.post_form("/sandi/lupa", &[("email", "pegawai@bangkom.test")]).await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("tautan pengaturan ulang telah dikirim"));
    // An unknown address gets the same answer and no mail.
    let unknown = app.post_form("/sandi/lupa", &[("email", "tidak.ada@bangkom.test")]).await;
    assert!(unknown.text().await.unwrap().contains("tautan pengaturan ulang telah dikirim"));

    app.deliver_mail().await;
    let mail = app.smtp.wait_for(1).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["pegawai@bangkom.test"]);
    assert_eq!(mail[0].subject(), "Atur ulang kata sandi Bangkom");
    let parts = mail[0].text_parts();
    assert!(parts.iter().any(|(m, _)| m == "text/html") && parts.iter().any(|(m, _)| m == "text/plain"));
    let text = mail[0].plain_body();
    let start = text.find(&app.address).expect("the link points at this server");
    let link: String = text[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    let path = link.trim_start_matches(&app.address).to_owned();
    assert!(path.starts_with("/sandi/atur/"));

    assert_eq!(app.get(&path).await.status(), 200);
    let mismatch =
        app.post_form(&path, &[("password", "kata-sandi-baru-1"), ("confirm", "kata-sandi-baru-2")]).await;
    assert_eq!(mismatch.status(), 422);
    assert!(mismatch.text().await.unwrap().contains("Kedua kata sandi tidak sama."));
    let done =
        app.post_form(&path, &[("password", "kata-sandi-baru-1"), ("confirm", "kata-sandi-baru-1")]).await;
    assert_eq!(done.status(), 303);

    // Used once: the link is dead now, for viewing and for posting.
    let again = app.get(&path).await;
    assert_eq!(again.status(), 410);
    assert!(again.text().await.unwrap().contains("Tautan ini tidak berlaku"));
    let replay =
        app.post_form(&path, &[("password", "kata-sandi-lain-3"), ("confirm", "kata-sandi-lain-3")]).await;
    assert_eq!(replay.status(), 410);

    assert_eq!(elsewhere.get("/profil").await.status(), 303, "the other session ended");
    let fresh = app.new_browser();
    fresh.login("pegawai@bangkom.test", "kata-sandi-baru-1").await;
    let old = app
        .new_browser()
        .post_form("/masuk", &[("identifier", "pegawai@bangkom.test"), ("password", DEMO_PASSWORD)])
        .await;
    assert_eq!(old.status(), 401);
}

async fn api_tokens_authenticate_until_revoked(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let token = app.api_token("atasan@bangkom.test", DEMO_PASSWORD).await;
    assert!(token.starts_with("bkm_"));

    let api = reqwest::Client::new();
    let me = api.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(me.status(), 200);
    let body: serde_json::Value = me.json().await.unwrap();
    assert_eq!(body["email"], "atasan@bangkom.test");
    assert_eq!(body["role"], "employee");

    let anonymous = api.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let body: serde_json::Value = anonymous.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");
    let forged =
        api.get(app.url("/api/v1/me")).bearer_auth(format!("bkm_{}", "a".repeat(64))).send().await.unwrap();
    assert_eq!(forged.status(), 401);

    // The token is stored hashed, never as given.
    use bangkom_entities::schema::api_tokens;
    use sea_orm::EntityTrait;
    let stored = api_tokens::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_ne!(stored.token_hash, token);
    assert!(stored.last_used_at.is_some());

    // Another user cannot revoke it; its owner can, and then it stops working.
    let intruder = app.new_browser();
    intruder.login("mentor@bangkom.test", DEMO_PASSWORD).await;
    let refused = intruder.post_form(&format!("/profil/token/{}/cabut", stored.id), &[]).await;
    assert_eq!(refused.status(), 404);
    let revoked = app.post_form(&format!("/profil/token/{}/cabut", stored.id), &[]).await;
    assert_eq!(revoked.status(), 303);
    let after = api.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(after.status(), 401);

    // The OpenAPI document declares the token scheme.
    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    assert!(doc["paths"]["/api/v1/me"]["get"]["security"].is_array());
}

async fn pages_carry_security_headers_and_safe_cookies(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let page = app.get("/masuk").await;
    let headers = page.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let csrf_cookie = headers["set-cookie"].to_str().unwrap();
    assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Lax"), "{csrf_cookie}");
    // The page uses no inline script or style that the policy would block.
    let html = page.text().await.unwrap();
    assert!(!html.contains("<script") && !html.contains("style="), "{html}");

    let login =
        app.post_form("/masuk", &[("identifier", "admin@bangkom.test"), ("password", DEMO_PASSWORD)]).await;
    let session_cookie = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("bangkom_session="))
        .expect("a session cookie");
    assert!(
        session_cookie.contains("HttpOnly") && session_cookie.contains("SameSite=Lax"),
        "{session_cookie}"
    );
    assert!(!session_cookie.contains("Secure"), "plain HTTP in tests: Secure would drop the cookie");
}

async fn the_language_preference_is_kept(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("mentor@bangkom.test", DEMO_PASSWORD).await;
    assert!(app.get("/profil").await.text().await.unwrap().contains("Profil saya"));
    let saved = app.post_form("/profil/bahasa", &[("locale", "en")]).await;
    assert_eq!(saved.status(), 303);
    let page = app.get("/profil").await.text().await.unwrap();
    assert!(page.contains("My profile") && page.contains("Language preference saved."), "{page}");

    // The preference follows the account to another browser.
    let other = app.new_browser();
    other.login("mentor@bangkom.test", DEMO_PASSWORD).await;
    assert!(other.get("/").await.text().await.unwrap().contains("<html lang=\"en\">"));
}

async fn every_api_operation_declares_its_authentication(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let declared_tags: Vec<&str> =
        doc["tags"].as_array().unwrap().iter().filter_map(|t| t["name"].as_str()).collect();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            if path == "/healthz" {
                continue;
            }
            assert!(path.starts_with("/api/v1/"), "{method} {path}");
            assert_eq!(
                op["security"][0]["bearer"],
                serde_json::json!([]),
                "{method} {path} declares the token"
            );
            assert!(op["responses"]["401"].is_object(), "{method} {path} documents 401");
            let tag = op["tags"][0].as_str().unwrap_or_default();
            assert!(declared_tags.contains(&tag), "{method} {path}: tag {tag:?} is described");
        }
    }
    assert!(operations > 20, "the staff API is documented ({operations} operations)");
}
