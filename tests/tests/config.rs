//! Configuration: a wrong value stops `bangkom` with a message naming the setting, before
//! anything is touched.

use crate::support::{cli_binary, cli_for};

fn run_with(env: &[(&str, &str)]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());
    let mut cmd = cli_for(&db_url, dir.path());
    cmd.arg("migrate");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the CLI runs");
    assert!(
        !dir.path().join("x.db").exists() || out.status.success(),
        "a bad setting must stop start-up before the database is created"
    );
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_bad_environment_value_names_the_setting() {
    for (setting, value) in [
        ("BANGKOM_LISTEN", "not-an-address"),
        ("BANGKOM_TIMEZONE", "Asia/Atlantis"),
        ("BANGKOM_BASE_URL", "ftp://example.org"),
        ("BANGKOM_SMTP_URL", "http://mail.example.org"),
        ("BANGKOM_DATABASE_URL", "mysql://root@localhost/bangkom"),
        ("BANGKOM_JOBS", "maybe"),
    ] {
        let (code, stderr) = run_with(&[(setting, value)]);
        assert_eq!(code, 2, "{setting}={value} should stop start-up; stderr: {stderr}");
        assert!(stderr.contains(setting), "the message names {setting}: {stderr}");
        assert!(stderr.contains("invalid value"), "{stderr}");
    }
}

#[test]
fn a_bad_value_in_the_config_file_names_the_setting_and_the_environment_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bangkom.toml"), "timezone = \"Moon/Base\"\n").unwrap();
    let db_url = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());

    let out = cli_for(&db_url, dir.path()).arg("migrate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("BANGKOM_TIMEZONE") && stderr.contains("Moon/Base"), "{stderr}");

    let out = cli_for(&db_url, dir.path())
        .arg("migrate")
        .env("BANGKOM_TIMEZONE", "Asia/Makassar")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn numbers_and_switches_are_accepted_as_written_in_the_environment_and_the_file() {
    // Figment reads `3` and `true` as typed values; they are still ordinary settings.
    let (code, stderr) = run_with(&[
        ("BANGKOM_MAIL_MAX_ATTEMPTS", "3"),
        ("BANGKOM_MAIL_CONNECTIONS", "32"),
        ("BANGKOM_JOBS", "true"),
        ("BANGKOM_JP_PNS_MINIMUM", "20"),
        ("BANGKOM_EVALUATION__EXPIRY_DAYS", "30"),
    ]);
    assert_eq!(code, 0, "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bangkom.toml"), "mail_max_attempts = 3\njobs = false\n").unwrap();
    let db_url = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());
    let out = cli_for(&db_url, dir.path()).arg("migrate").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // A number where a number is wrong is still judged by the setting's own rule.
    let (code, stderr) = run_with(&[("BANGKOM_MAIL_MAX_ATTEMPTS", "0")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("BANGKOM_MAIL_MAX_ATTEMPTS"), "{stderr}");
    let (code, stderr) = run_with(&[("BANGKOM_MAIL_CONNECTIONS", "0")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("BANGKOM_MAIL_CONNECTIONS") && stderr.contains("1 to 256"), "{stderr}");
}

#[test]
fn a_password_in_a_bad_url_is_not_printed() {
    let (code, stderr) = run_with(&[("BANGKOM_SMTP_URL", "http://user:hunter2@mail.example.org")]);
    assert_eq!(code, 2);
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[test]
fn help_lists_the_commands() {
    let out = std::process::Command::new(cli_binary()).arg("--help").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    for command in ["serve", "migrate", "seed", "jobs", "user"] {
        assert!(stdout.contains(command), "--help lists {command}: {stdout}");
    }
}

#[test]
fn smtp_urls_lettre_cannot_use_name_the_setting() {
    for value in ["smtp://", "smtp://mail.example.org?tls=bogus"] {
        let (code, stderr) = run_with(&[("BANGKOM_SMTP_URL", value)]);
        assert_eq!(code, 2, "{value} should stop start-up; stderr: {stderr}");
        assert!(stderr.contains("BANGKOM_SMTP_URL") && stderr.contains("invalid value"), "{stderr}");
    }
    let (code, stderr) = run_with(&[("BANGKOM_SMTP_URL", "smtp://mail.example.org:587?tls=required")]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn new_durations_are_checked_by_name() {
    for setting in ["BANGKOM_SHUTDOWN_GRACE_SECONDS", "BANGKOM_DATABASE_ACQUIRE_TIMEOUT_SECONDS"] {
        let (code, stderr) = run_with(&[(setting, "soon")]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(setting) && stderr.contains("seconds"), "{stderr}");
    }
}

/// A database port nobody listens on: start-up says so at once, naming the setting.
#[test]
fn a_dead_database_port_is_reported_as_refused_within_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let started = std::time::Instant::now();
    let out = cli_for(&format!("postgres://postgres@127.0.0.1:{port}/bangkom"), dir.path())
        .arg("migrate")
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("BANGKOM_DATABASE_URL") && stderr.contains("Connection refused"), "{stderr}");
    assert!(took < std::time::Duration::from_secs(5), "took {took:?}");
}

/// The mail folder: one that cannot be created, or exists but takes no files, stops
/// start-up naming BANGKOM_MAIL_DIR (not the first message, hours later).
#[test]
fn a_mail_folder_that_cannot_be_created_or_written_names_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}?mode=rwc", dir.path().join("x.db").display());
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let uncreatable = dir.path().join("a-file").join("mail");
    // /proc exists, and not even root may create a file in it.
    for (folder, cause) in [(uncreatable.to_str().unwrap(), "cannot create"), ("/proc", "cannot write")] {
        let out = cli_for(&db_url, dir.path())
            .args(["jobs", "run", "mail-delivery"])
            .env("BANGKOM_MAIL_DIR", folder)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{folder}: {stderr}");
        assert!(stderr.contains("BANGKOM_MAIL_DIR") && stderr.contains(cause), "{stderr}");
    }
}
