//! The security edges of signing in (issues 15 and 18): where a sign-in may lead, the
//! account lock, CSRF tokens bound to the session, client addresses behind a proxy, password
//! resets, caching headers, and sign-in bursts that must not exhaust the server.

use futures::future::join_all;

use crate::on_both_backends;
use crate::support::{Backend, DEMO_PASSWORD, TestApp, spawn_app, spawn_app_with};

on_both_backends!(
    sign_in_leads_only_to_paths_on_this_site,
    the_email_and_the_nip_of_one_account_share_one_lock,
    csrf_tokens_are_bound_to_the_session_and_rotated,
    forwarded_addresses_count_only_from_trusted_proxies,
    a_password_change_ends_every_reset_link_and_may_revoke_tokens,
    reset_requests_are_rate_limited,
    personal_pages_are_not_cached_and_api_401s_name_the_scheme,
    a_sign_in_burst_beyond_the_queue_is_told_to_retry,
);

fn location(response: &reqwest::Response) -> &str {
    response.headers()["location"].to_str().unwrap()
}

async fn sign_in_leads_only_to_paths_on_this_site(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();

    // The login POST: a tab or a newline in `next` (browsers drop them: `/\t/x` is `//x`)
    // sends the user home; the sign-in itself succeeds, no 500 after the cookie is set.
    for next in ["/\t/evil.test", "/\n", "/\r\n", "/\u{7f}", "/\\evil.test", "https://evil.test/"] {
        let browser = app.new_browser();
        let response = browser
            .post_form(
                "/masuk",
                &[("identifier", "admin@bangkom.test"), ("password", DEMO_PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(response.status(), 303, "next = {next:?}");
        assert_eq!(location(&response), "/", "next = {next:?}");
        assert_eq!(browser.get("/profil").await.status(), 200, "signed in despite next = {next:?}");
    }
    let kept = app
        .post_form(
            "/masuk",
            &[
                ("identifier", "admin@bangkom.test"),
                ("password", DEMO_PASSWORD),
                ("next", "/admin/pegawai?q=a b"),
            ],
        )
        .await;
    assert_eq!(location(&kept), "/admin/pegawai?q=a%20b");

    // A signed-in visitor on the login page is sent on; the same values are refused.
    for query in ["/%09/evil.test", "/%0a", "/%0d%0a", "/%7F", "//evil.test", "/%5Cevil.test"] {
        let response = app.get(&format!("/masuk?next={query}")).await;
        assert_eq!(response.status(), 303, "next={query}");
        assert_eq!(location(&response), "/", "next={query}");
    }
    let response = app.get("/masuk?next=/profil").await;
    assert_eq!(location(&response), "/profil");
    // Anonymous, the form simply shows.
    assert_eq!(app.new_browser().get("/masuk?next=/%0d%0a").await.status(), 200);
}

async fn nip_of(app: &TestApp, email: &str) -> String {
    use bangkom_entities::schema::{employees, users};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user =
        users::Entity::find().filter(users::Column::Email.eq(email)).one(&app.db).await.unwrap().unwrap();
    employees::Entity::find_by_id(user.employee_id.unwrap()).one(&app.db).await.unwrap().unwrap().nip
}

async fn the_email_and_the_nip_of_one_account_share_one_lock(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let nip = nip_of(&app, "pegawai@bangkom.test").await;
    let mut statuses = Vec::new();
    for identifier in ["pegawai@bangkom.test", &nip, "PEGAWAI@bangkom.test", &nip, "pegawai@bangkom.test"] {
        let response =
            app.post_form("/masuk", &[("identifier", identifier), ("password", "tebak-tebakan-1")]).await;
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 401, 429], "five guesses in all, whichever identifier");
    for identifier in ["pegawai@bangkom.test", nip.as_str()] {
        let locked =
            app.post_form("/masuk", &[("identifier", identifier), ("password", DEMO_PASSWORD)]).await;
        assert_eq!(locked.status(), 429, "{identifier} is locked too");
    }

    // An identifier without an account is locked the same way, with the same message.
    let mut unknown = Vec::new();
    let mut last_body = String::new();
    for _ in 0..5 {
        let response = app
            .post_form("/masuk", &[("identifier", "tidak.ada@bangkom.test"), ("password", "tebak-1234")])
            .await;
        unknown.push(response.status().as_u16());
        last_body = response.text().await.unwrap();
    }
    assert_eq!(unknown, [401, 401, 401, 401, 429]);
    assert!(last_body.contains("Terlalu banyak percobaan masuk"), "{last_body}");
}

async fn csrf_tokens_are_bound_to_the_session_and_rotated(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();

    // A token the visitor made up, in the cookie and the form alike, is refused.
    let made_up = app
        .new_browser()
        .client
        .post(app.url("/masuk"))
        .header("cookie", "bangkom_csrf=x")
        .form(&[("identifier", "admin@bangkom.test"), ("password", DEMO_PASSWORD), ("csrf", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(made_up.status(), 403);
    let hex = "ab".repeat(32);
    let made_up_hex = app
        .new_browser()
        .client
        .post(app.url("/masuk"))
        .header("cookie", format!("bangkom_csrf={hex}"))
        .form(&[("identifier", "admin@bangkom.test"), ("password", DEMO_PASSWORD), ("csrf", hex.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(made_up_hex.status(), 403);

    // Signing in rotates the token: the one from before no longer works.
    let before = app.csrf().await;
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;
    let during = app.csrf().await;
    assert_ne!(before, during, "a new token at sign-in");
    let stale = app.client.post(app.url("/keluar")).form(&[("csrf", before.as_str())]).send().await.unwrap();
    assert_eq!(stale.status(), 403);
    assert_eq!(app.get("/profil").await.status(), 200, "still signed in");

    // Another session's token does not work for this one.
    let other = app.new_browser();
    other.login("operator@bangkom.test", DEMO_PASSWORD).await;
    let foreign = app
        .client
        .post(app.url("/keluar"))
        .form(&[("csrf", other.csrf().await.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);

    // Signing out rotates it again; a new session does not accept the old session's token.
    assert_eq!(app.post_form("/keluar", &[]).await.status(), 303);
    assert_ne!(app.csrf().await, during);
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;
    let replay = app.client.post(app.url("/keluar")).form(&[("csrf", during.as_str())]).send().await.unwrap();
    assert_eq!(replay.status(), 403);
    assert_eq!(app.post_form("/keluar", &[]).await.status(), 303, "the current token works");
}

/// Fails a sign-in as if from `client` behind the proxy.
async fn fail_from(app: &TestApp, client: &str, identifier: &str) -> u16 {
    let csrf = app.csrf().await;
    app.client
        .post(app.url("/masuk"))
        .header("x-forwarded-for", client)
        .form(&[("identifier", identifier), ("password", "tebak-tebakan-1"), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn forwarded_addresses_count_only_from_trusted_proxies(backend: Backend) {
    // Behind a trusted proxy (the tests connect from 127.0.0.1), each client has its own count.
    let app = spawn_app_with(backend.clone(), |settings| {
        settings.trusted_proxies = bangkom::auth::client::parse_trusted("127.0.0.1/32").unwrap();
    })
    .await;
    app.seed_demo();
    for n in 0..20 {
        fail_from(&app, "203.0.113.1", &format!("orang{n}@luar.test")).await;
    }
    assert_eq!(fail_from(&app, "203.0.113.1", "lagi@luar.test").await, 429, "that client is locked out");
    let csrf = app.csrf().await;
    let neighbour = app
        .client
        .post(app.url("/masuk"))
        .header("x-forwarded-for", "203.0.113.2")
        .form(&[("identifier", "admin@bangkom.test"), ("password", DEMO_PASSWORD), ("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(neighbour.status(), 303, "another client behind the same proxy signs in");

    // Without the setting, the header is ignored: writing another address does not escape.
    let direct = spawn_app(backend).await;
    direct.seed_demo();
    for n in 0..20 {
        fail_from(&direct, &format!("198.51.100.{n}"), &format!("orang{n}@luar.test")).await;
    }
    assert_eq!(fail_from(&direct, "198.51.100.200", "lagi@luar.test").await, 429);
}

/// The reset link in mail number `count` (all sent so far are reset mails).
async fn reset_link(app: &TestApp, count: usize) -> String {
    app.deliver_mail().await;
    let mail = app.smtp.wait_for(count).await;
    let text = mail[count - 1].plain_body();
    let start = text.find(&app.address).expect("the link points at this server");
    let link: String = text[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    link.trim_start_matches(&app.address).to_owned()
}

async fn a_password_change_ends_every_reset_link_and_may_revoke_tokens(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    let token = app.new_browser().api_token("pegawai@bangkom.test", DEMO_PASSWORD).await;
    let api = reqwest::Client::new();

    app.post_form("/sandi/lupa", &[("email", "pegawai@bangkom.test")]).await;
    let older = reset_link(&app, 1).await;
    app.post_form("/sandi/lupa", &[("email", "pegawai@bangkom.test")]).await;
    let newer = reset_link(&app, 2).await;
    assert_ne!(older, newer);

    // The page asks, ticked by default, whether to revoke the API tokens.
    let page = app.get(&newer).await.text().await.unwrap();
    assert!(page.contains(r#"name="revoke_tokens" value="1" checked"#), "{page}");
    let done = app
        .post_form(
            &newer,
            &[("password", "kata-sandi-baru-1"), ("confirm", "kata-sandi-baru-1"), ("revoke_tokens", "1")],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(app.get(&older).await.status(), 410, "the older link died with the password change");
    let replay =
        app.post_form(&older, &[("password", "kata-sandi-lain-3"), ("confirm", "kata-sandi-lain-3")]).await;
    assert_eq!(replay.status(), 410);
    let me = api.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(me.status(), 401, "the API token was revoked");

    // Unticked, the tokens stay valid.
    let kept = app.new_browser().api_token("pegawai@bangkom.test", "kata-sandi-baru-1").await;
    app.post_form("/sandi/lupa", &[("email", "pegawai@bangkom.test")]).await;
    let third = reset_link(&app, 3).await;
    let done =
        app.post_form(&third, &[("password", "kata-sandi-baru-2"), ("confirm", "kata-sandi-baru-2")]).await;
    assert_eq!(done.status(), 303);
    let me = api.get(app.url("/api/v1/me")).bearer_auth(&kept).send().await.unwrap();
    assert_eq!(me.status(), 200, "the owner chose to keep the tokens");
}

async fn reset_requests_are_rate_limited(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    // Sixteen requests for one address, from several clients: three mails.
    for n in 0..16 {
        let response = app.new_browser().post_form("/sandi/lupa", &[("email", "mentor@bangkom.test")]).await;
        if n < 10 {
            assert_eq!(response.status(), 200, "request {n}");
            assert!(response.text().await.unwrap().contains("tautan pengaturan ulang telah dikirim"));
        } else {
            // All from 127.0.0.1: past ten requests the client is told to wait.
            assert_eq!(response.status(), 429, "request {n}");
            assert!(response.text().await.unwrap().contains("Terlalu banyak permintaan atur ulang"));
        }
    }
    use bangkom_entities::schema::mail_outbox;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let queued = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::RecipientEmail.eq("mentor@bangkom.test"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(queued, 3, "at most three reset mails to one address per window");
}

async fn personal_pages_are_not_cached_and_api_401s_name_the_scheme(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_demo();
    app.login("admin@bangkom.test", DEMO_PASSWORD).await;
    for path in ["/profil", "/admin/pegawai", "/pelatihan/rekap-jp/unduh.csv"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let token_page = app.post_form("/profil/token", &[("name", "skrip")]).await;
    assert!(token_page.headers()["cache-control"].to_str().unwrap().contains("no-store"));
    assert!(token_page.text().await.unwrap().contains("bkm_"));

    let api = reqwest::Client::new();
    for request in [api.get(app.url("/api/v1/me")), api.get(app.url("/api/v1/me")).bearer_auth("bkm_nope")] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert!(response.headers()["www-authenticate"].to_str().unwrap().starts_with("Bearer"));
    }
    // The stylesheet keeps its own caching.
    assert!(
        app.get("/static/app.css").await.headers()["cache-control"].to_str().unwrap().contains("max-age")
    );
}

async fn a_sign_in_burst_beyond_the_queue_is_told_to_retry(backend: Backend) {
    // No waiting room: whatever finds every core busy is answered at once. Each request
    // comes from its own client behind the proxy, so no address lock gets in the way.
    let app = spawn_app_with(backend, |settings| {
        settings.password_queue = 0;
        settings.trusted_proxies = bangkom::auth::client::parse_trusted("127.0.0.1/32").unwrap();
    })
    .await;
    app.seed_demo();
    let csrf = app.csrf().await;
    let burst = (0..48).map(|n| {
        let request = app
            .client
            .post(app.url("/masuk"))
            .header("accept-language", if n % 2 == 0 { "id" } else { "en" })
            .header("x-forwarded-for", format!("203.0.113.{n}"))
            .form(&[
                ("identifier", format!("orang{n}@luar.test").as_str()),
                ("password", "tebak-tebakan-1"),
                ("csrf", csrf.as_str()),
            ]);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let retry = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
            (n, status, retry, response.text().await.unwrap())
        }
    });
    let answers = join_all(burst).await;
    let busy: Vec<_> = answers.iter().filter(|(_, status, ..)| *status == 503).collect();
    assert!(!busy.is_empty(), "48 at once on a queue of 0: some are turned away");
    for (n, _, retry, body) in &busy {
        assert!(retry.as_deref().is_some_and(|r| r.parse::<u32>().is_ok()), "Retry-After: {retry:?}");
        let expected = if n % 2 == 0 { "Layanan sedang sibuk" } else { "The service is busy" };
        assert!(body.contains(expected), "{body}");
    }
    for (_, status, ..) in &answers {
        assert!([401, 429, 503].contains(status), "every answer is an ordinary one: {status}");
    }

    // The JSON API says the same in its error shape.
    let token = app.new_browser().api_token("admin@bangkom.test", DEMO_PASSWORD).await;
    let api = reqwest::Client::new();
    let creations = (0..24).map(|n| {
        api.post(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .json(&serde_json::json!({ "email": format!("baru{n}@bangkom.test"), "role": "admin" }))
            .send()
    });
    let responses = join_all(creations).await;
    let mut busy_api = 0;
    for response in responses {
        let response = response.unwrap();
        match response.status().as_u16() {
            201 => {}
            503 => {
                busy_api += 1;
                assert!(response.headers().contains_key("retry-after"));
                let body: serde_json::Value = response.json().await.unwrap();
                assert_eq!(body["error"]["code"], "busy");
            }
            other => panic!("unexpected status {other}: {}", response.text().await.unwrap()),
        }
    }
    assert!(busy_api > 0, "24 hashes at once on a queue of 0: some are turned away");

    // After the burst, signing in works as before.
    app.new_browser().login("admin@bangkom.test", DEMO_PASSWORD).await;
}
