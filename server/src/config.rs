//! Typed settings: defaults, then an optional `bangkom.toml`, then `BANGKOM_*` environment
//! variables (the environment wins). Every value is parsed here, once, so a bad value stops
//! start-up with a message that names the setting instead of failing later in a request.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

/// The configuration file read when present (override with `BANGKOM_CONFIG`).
pub const DEFAULT_CONFIG_FILE: &str = "bangkom.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid value for {setting} ({value:?}): {reason}")]
    Invalid { setting: String, value: String, reason: String },
    #[error("cannot read the configuration: {0}")]
    Read(String),
}

/// What the operator wrote, before validation: every field a string so that a wrong type is
/// reported by our own validation with the setting's name, not by a deserializer.
#[derive(Debug, Default, Deserialize)]
struct RawSettings {
    #[serde(default, deserialize_with = "lenient")]
    database_url: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    listen: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    base_url: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    timezone: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    smtp_url: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mail_dir: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mail_from: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mail_max_attempts: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mail_connections: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    jobs: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    trusted_proxies: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    password_queue: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    shutdown_grace_seconds: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    database_acquire_timeout_seconds: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    certificate_pattern: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    jp_pns_minimum: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    jp_pppk_maximum: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mentoring_minutes_per_jp: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mentoring_max_active_mentees: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    mentoring_reminder_days: Option<String>,
    /// `[schedules]` in the file, `BANGKOM_SCHEDULES__<JOB>` in the environment.
    schedules: Option<std::collections::BTreeMap<String, String>>,
    #[serde(default, deserialize_with = "lenient")]
    count_self_assessments: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    assessment_precedence: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    assessment_window_months: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    match_optimal: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    match_adequate: Option<String>,
    /// `[evaluation]` in the file, `BANGKOM_EVALUATION__<NAME>` in the environment.
    evaluation: Option<RawEvaluation>,
}

/// A setting as text, whatever it looks like: the environment provider reads
/// `BANGKOM_MAIL_CONNECTIONS=32` as a number and `BANGKOM_JOBS=true` as a boolean, and a file
/// may write `mail_max_attempts = 5`; every value is validated as text by [`Settings`].
fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Whole(i64),
        Big(u64),
        Real(f64),
        Flag(bool),
    }
    Ok(Option::<Scalar>::deserialize(d)?.map(|v| match v {
        Scalar::Text(s) => s,
        Scalar::Whole(n) => n.to_string(),
        Scalar::Big(n) => n.to_string(),
        Scalar::Real(x) => x.to_string(),
        Scalar::Flag(b) => b.to_string(),
    }))
}

/// The evaluation survey rules as written (see [`parse_evaluation`]).
#[derive(Debug, Default, Deserialize)]
struct RawEvaluation {
    #[serde(default, deserialize_with = "lenient")]
    reminder_days: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    expiry_days: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    min_group_size: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    pub listen: SocketAddr,
    pub base_url: Url,
    pub timezone: Tz,
    pub mail: MailSettings,
    /// Run the scheduled jobs inside `bangkom serve` (off for a web-only instance).
    pub jobs_enabled: bool,
    /// Job schedules that differ from the defaults, by job name.
    pub schedules: std::collections::HashMap<String, bangkom_jobs::schedule::Schedule>,
    /// Certificate numbers, the JP floor and ceiling, mentoring minutes per JP.
    pub training: bangkom_entities::training::Rules,
    /// Evaluation surveys: reminders, expiry, the smallest group results show.
    pub evaluation: bangkom_entities::surveys::SurveySettings,
    /// Competency gaps: which assessments count, and the job–person match bands.
    pub gaps: bangkom_entities::gaps::GapSettings,
    /// Mentoring: the active-mentee limit and the reminders' idle days (the JP conversion
    /// is `training.mentoring_minutes_per_jp`).
    pub mentoring: bangkom_entities::mentoring::MentoringSettings,
    /// Reverse proxies whose `X-Forwarded-For`/`Forwarded` names the client (per-address
    /// throttles); from anyone else those headers are ignored.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Sign-ins that may wait for a password check (as many run at once as there are cores);
    /// beyond this they are answered 503 with `Retry-After`.
    pub password_queue: usize,
    /// After SIGTERM, how long mail sends in progress may still take before they are cut and
    /// given back to the queue (`BANGKOM_SHUTDOWN_GRACE_SECONDS`, 20).
    pub shutdown_grace: std::time::Duration,
    /// How long a request waits for a database connection before it is answered 503
    /// (`BANGKOM_DATABASE_ACQUIRE_TIMEOUT_SECONDS`, 5); also bounds connecting at start-up.
    pub database_acquire_timeout: std::time::Duration,
}

#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `None`: no SMTP server configured, messages are written as `.eml` files to `dir`.
    pub smtp_url: Option<SecretString>,
    pub dir: PathBuf,
    pub from: lettre::message::Mailbox,
    /// Delivery attempts before a message is given up (`dead`).
    pub max_attempts: i32,
    /// Messages sent at once, each on its own pooled SMTP connection. lettre 0.11.23 leaves
    /// Nagle's algorithm on, so one connection manages only about 23 messages a second; the
    /// throughput comes from sending on several at once.
    pub connections: usize,
}

impl MailSettings {
    pub fn mailer_config(&self) -> bangkom_jobs::mail::MailerConfig {
        bangkom_jobs::mail::MailerConfig {
            smtp_url: self.smtp_url.as_ref().map(|s| s.expose_secret().to_owned()),
            dir: self.dir.clone(),
            from: self.from.clone(),
            connections: self.connections,
        }
    }
}

/// A database URL that is known to name a backend Bangkom supports. Its Debug output hides
/// the password.
#[derive(Clone)]
pub struct DatabaseUrl(SecretString);

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.starts_with("sqlite:") || raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Ok(Self(SecretString::from(raw.to_owned())))
        } else {
            Err("expected a URL starting with sqlite: or postgres://".into())
        }
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub fn is_sqlite(&self) -> bool {
        self.expose().starts_with("sqlite:")
    }

    /// The database file of a SQLite URL (`sqlite://path?…`, `sqlite:path`).
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        let rest = self.expose().strip_prefix("sqlite:")?;
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next().unwrap_or_default();
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = self.expose().split(':').next().unwrap_or_default();
        write!(f, "DatabaseUrl({scheme}:…)")
    }
}

impl Settings {
    /// Loads the settings the way `bangkom` does at start-up.
    pub fn load() -> Result<Self, ConfigError> {
        let file = std::env::var("BANGKOM_CONFIG").unwrap_or_else(|_| DEFAULT_CONFIG_FILE.into());
        Self::load_from(Path::new(&file), Env::prefixed("BANGKOM_"))
    }

    fn load_from(file: &Path, env: Env) -> Result<Self, ConfigError> {
        let raw: RawSettings = Figment::new()
            .merge(Toml::file(file))
            .merge(env.ignore(&["config", "test_postgres_url", "log"]).split("__"))
            .extract()
            .map_err(|e| ConfigError::Read(e.to_string()))?;
        Self::from_raw(raw)
    }

    /// The defaults, for tests and tools that build settings in code.
    pub fn defaults() -> Self {
        Self::from_raw(RawSettings::default()).expect("the defaults are valid")
    }

    fn from_raw(raw: RawSettings) -> Result<Self, ConfigError> {
        let raw_training = RawTraining {
            certificate_pattern: raw.certificate_pattern.clone(),
            jp_pns_minimum: raw.jp_pns_minimum.clone(),
            jp_pppk_maximum: raw.jp_pppk_maximum.clone(),
            mentoring_minutes_per_jp: raw.mentoring_minutes_per_jp.clone(),
        };
        let gaps = gap_settings(&raw)?;
        let mentoring = mentoring_settings(&raw)?;
        let database_url = parse(
            "BANGKOM_DATABASE_URL",
            raw.database_url.as_deref().unwrap_or("sqlite://bangkom.db?mode=rwc"),
            DatabaseUrl::parse,
        )?;
        let listen = parse("BANGKOM_LISTEN", raw.listen.as_deref().unwrap_or("127.0.0.1:8080"), |v| {
            v.parse::<SocketAddr>()
                .map_err(|_| "expected an address and port such as 127.0.0.1:8080".to_string())
        })?;
        let default_base = format!("http://{listen}/");
        let base_url = parse("BANGKOM_BASE_URL", raw.base_url.as_deref().unwrap_or(&default_base), |v| {
            let url = Url::parse(v).map_err(|e| e.to_string())?;
            match url.scheme() {
                "http" | "https" => Ok(url),
                _ => Err("expected an http:// or https:// URL".to_string()),
            }
        })?;
        let timezone = parse("BANGKOM_TIMEZONE", raw.timezone.as_deref().unwrap_or("Asia/Jakarta"), |v| {
            v.parse::<Tz>().map_err(|_| {
                "expected an IANA time zone such as Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)"
                    .to_string()
            })
        })?;
        let smtp_url = match raw.smtp_url.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(v) => Some(parse("BANGKOM_SMTP_URL", v, |v| {
                let url = Url::parse(v).map_err(|e| e.to_string())?;
                match url.scheme() {
                    "smtp" | "smtps" => {}
                    _ => {
                        return Err(
                            "expected smtp://host:port or smtps://user:password@host:port".to_string()
                        );
                    }
                }
                // What lettre refuses (no host, an unknown `tls=`) is refused here, by name.
                lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(v).map_err(|e| {
                    format!("{e} (expected smtp://host:port, smtps://user:password@host:port, tls=required|opportunistic)")
                })?;
                Ok(SecretString::from(v.to_owned()))
            })?),
        };
        let mail_dir = PathBuf::from(raw.mail_dir.as_deref().unwrap_or("mail"));
        let from = parse(
            "BANGKOM_MAIL_FROM",
            raw.mail_from.as_deref().unwrap_or("Bangkom <bangkom@localhost>"),
            |v| v.parse::<lettre::message::Mailbox>().map_err(|e| e.to_string()),
        )?;
        let max_attempts =
            parse("BANGKOM_MAIL_MAX_ATTEMPTS", raw.mail_max_attempts.as_deref().unwrap_or("8"), |v| {
                v.parse::<i32>()
                    .ok()
                    .filter(|n| (1..=100).contains(n))
                    .ok_or_else(|| "expected a whole number from 1 to 100".to_string())
            })?;
        let connections =
            parse("BANGKOM_MAIL_CONNECTIONS", raw.mail_connections.as_deref().unwrap_or("16"), |v| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| (1..=256).contains(n))
                    .ok_or_else(|| "expected a whole number from 1 to 256".to_string())
            })?;
        let mut schedules = std::collections::HashMap::new();
        for (key, expression) in raw.schedules.unwrap_or_default() {
            let name = key.replace('_', "-");
            let setting = format!("BANGKOM_SCHEDULES__{}", key.to_uppercase().replace('-', "_"));
            let job = parse(&setting, &name, |n| {
                bangkom_jobs::runner::find(n).map(|j| j.name).map_err(|e| e.to_string())
            })?;
            let schedule = parse(&setting, &expression, |v| {
                bangkom_jobs::schedule::Schedule::parse(v).map_err(|e| e.to_string())
            })?;
            schedules.insert(job.to_owned(), schedule);
        }
        let jobs_enabled = parse("BANGKOM_JOBS", raw.jobs.as_deref().unwrap_or("on"), |v| {
            match v.to_ascii_lowercase().as_str() {
                "on" | "true" | "1" | "yes" => Ok(true),
                "off" | "false" | "0" | "no" => Ok(false),
                _ => Err("expected on or off".to_string()),
            }
        })?;
        let training = training_rules(&raw_training)?;
        let evaluation = parse_evaluation(raw.evaluation.unwrap_or_default())?;
        let trusted_proxies = parse(
            "BANGKOM_TRUSTED_PROXIES",
            raw.trusted_proxies.as_deref().unwrap_or(""),
            crate::auth::client::parse_trusted,
        )?;
        let password_queue =
            parse("BANGKOM_PASSWORD_QUEUE", raw.password_queue.as_deref().unwrap_or("64"), |v| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| *n <= 10_000)
                    .ok_or_else(|| "expected a whole number from 0 to 10000".to_string())
            })?;
        let seconds =
            |setting: &str, value: Option<&str>, default: u64, range: std::ops::RangeInclusive<u64>| {
                parse(setting, value.unwrap_or(&default.to_string()), |v| {
                    v.parse::<u64>()
                        .ok()
                        .filter(|n| range.contains(n))
                        .map(std::time::Duration::from_secs)
                        .ok_or_else(|| {
                            format!(
                                "expected a whole number of seconds from {} to {}",
                                range.start(),
                                range.end()
                            )
                        })
                })
            };
        let shutdown_grace =
            seconds("BANGKOM_SHUTDOWN_GRACE_SECONDS", raw.shutdown_grace_seconds.as_deref(), 20, 0..=3600)?;
        let database_acquire_timeout = seconds(
            "BANGKOM_DATABASE_ACQUIRE_TIMEOUT_SECONDS",
            raw.database_acquire_timeout_seconds.as_deref(),
            5,
            1..=300,
        )?;
        Ok(Self {
            trusted_proxies,
            password_queue,
            shutdown_grace,
            database_acquire_timeout,
            mentoring,
            evaluation,
            gaps,
            database_url,
            listen,
            base_url,
            timezone,
            mail: MailSettings { smtp_url, dir: mail_dir, from, max_attempts, connections },
            jobs_enabled,
            schedules,
            training,
        })
    }
}

/// The training settings as written (`BANGKOM_CERTIFICATE_PATTERN`, `BANGKOM_JP_PNS_MINIMUM`,
/// `BANGKOM_JP_PPPK_MAXIMUM`, `BANGKOM_MENTORING_MINUTES_PER_JP`).
struct RawTraining {
    certificate_pattern: Option<String>,
    jp_pns_minimum: Option<String>,
    jp_pppk_maximum: Option<String>,
    mentoring_minutes_per_jp: Option<String>,
}

fn training_rules(raw: &RawTraining) -> Result<bangkom_entities::training::Rules, ConfigError> {
    use bangkom_entities::training as t;
    let number = |setting: &str, value: &Option<String>, default: i32, max: i32| {
        parse(setting, value.as_deref().unwrap_or(&default.to_string()), |v| {
            v.parse::<i32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| format!("expected a whole number from 1 to {max}"))
        })
    };
    Ok(t::Rules {
        certificate_pattern: parse(
            "BANGKOM_CERTIFICATE_PATTERN",
            raw.certificate_pattern.as_deref().unwrap_or(t::DEFAULT_CERTIFICATE_PATTERN),
            t::CertificatePattern::parse,
        )?,
        pns_min_jp: number("BANGKOM_JP_PNS_MINIMUM", &raw.jp_pns_minimum, t::DEFAULT_PNS_MIN_JP, 1000)?,
        pppk_max_jp: number("BANGKOM_JP_PPPK_MAXIMUM", &raw.jp_pppk_maximum, t::DEFAULT_PPPK_MAX_JP, 1000)?,
        mentoring_minutes_per_jp: number(
            "BANGKOM_MENTORING_MINUTES_PER_JP",
            &raw.mentoring_minutes_per_jp,
            t::DEFAULT_MENTORING_MINUTES_PER_JP,
            600,
        )?,
    })
}

/// `[evaluation]`: `reminder_days` ("3,7": days after the invitation, each before the expiry),
/// `expiry_days` (21) and `min_group_size` (5).
fn parse_evaluation(raw: RawEvaluation) -> Result<bangkom_entities::surveys::SurveySettings, ConfigError> {
    let defaults = bangkom_entities::surveys::SurveySettings::default();
    let days = |setting: &str, raw: Option<&str>, default: u32, max: u32| match raw {
        None => Ok(default),
        Some(v) => parse(setting, v, |v| {
            v.parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| format!("expected a whole number from 1 to {max}"))
        }),
    };
    let expiry_days =
        days("BANGKOM_EVALUATION__EXPIRY_DAYS", raw.expiry_days.as_deref(), defaults.expiry_days, 365)?;
    let min_group_size = days(
        "BANGKOM_EVALUATION__MIN_GROUP_SIZE",
        raw.min_group_size.as_deref(),
        defaults.min_group_size,
        1000,
    )?;
    let reminder_days = match raw.reminder_days.as_deref() {
        None => defaults.reminder_days,
        Some(v) => parse("BANGKOM_EVALUATION__REMINDER_DAYS", v, |v| {
            let mut days = Vec::new();
            for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let day = part.parse::<u32>().ok().filter(|d| (1..expiry_days).contains(d)).ok_or_else(|| {
                    format!(
                        "expected days after the invitation separated by commas (e.g. 3,7), each from 1 to \
                         {} (before the expiry after {expiry_days} days)",
                        expiry_days - 1
                    )
                })?;
                days.push(day);
            }
            days.sort_unstable();
            days.dedup();
            Ok(days)
        })?,
    };
    Ok(bangkom_entities::surveys::SurveySettings { reminder_days, expiry_days, min_group_size })
}

/// BANGKOM_MENTORING_MAX_ACTIVE_MENTEES (5) and BANGKOM_MENTORING_REMINDER_DAYS (14).
fn mentoring_settings(
    raw: &RawSettings,
) -> Result<bangkom_entities::mentoring::MentoringSettings, ConfigError> {
    use bangkom_entities::mentoring as m;
    let number = |setting: &str, value: &Option<String>, default: u32, max: u32| {
        parse(setting, value.as_deref().unwrap_or(&default.to_string()), |v| {
            v.parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| format!("expected a whole number from 1 to {max}"))
        })
    };
    Ok(m::MentoringSettings {
        max_active_mentees: number(
            "BANGKOM_MENTORING_MAX_ACTIVE_MENTEES",
            &raw.mentoring_max_active_mentees,
            m::DEFAULT_MAX_ACTIVE_MENTEES,
            100,
        )?,
        reminder_days: number(
            "BANGKOM_MENTORING_REMINDER_DAYS",
            &raw.mentoring_reminder_days,
            m::DEFAULT_REMINDER_DAYS,
            365,
        )?,
    })
}

/// BANGKOM_COUNT_SELF_ASSESSMENTS (off), BANGKOM_ASSESSMENT_PRECEDENCE (assessment centre >
/// certification > supervisor = level-3 survey > mentoring > self),
/// BANGKOM_ASSESSMENT_WINDOW_MONTHS (24), BANGKOM_MATCH_OPTIMAL (90) and
/// BANGKOM_MATCH_ADEQUATE (78): percentages, the second below the first.
fn gap_settings(raw: &RawSettings) -> Result<bangkom_entities::gaps::GapSettings, ConfigError> {
    use bangkom_entities::assessments as a;
    let count_self = parse(
        "BANGKOM_COUNT_SELF_ASSESSMENTS",
        raw.count_self_assessments.as_deref().unwrap_or("off"),
        on_off,
    )?;
    let precedence = parse(
        "BANGKOM_ASSESSMENT_PRECEDENCE",
        raw.assessment_precedence.as_deref().unwrap_or(a::DEFAULT_PRECEDENCE),
        a::Precedence::parse,
    )?;
    let window_months = parse(
        "BANGKOM_ASSESSMENT_WINDOW_MONTHS",
        raw.assessment_window_months.as_deref().unwrap_or(&a::DEFAULT_WINDOW_MONTHS.to_string()),
        |v| {
            v.parse::<u32>()
                .ok()
                .filter(|n| *n <= 240)
                .ok_or_else(|| "expected a whole number of months from 0 to 240".to_string())
        },
    )?;
    let percent = |v: &str| {
        v.parse::<u8>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| "expected a percentage from 1 to 100".to_string())
    };
    let optimal = parse("BANGKOM_MATCH_OPTIMAL", raw.match_optimal.as_deref().unwrap_or("90"), percent)?;
    let adequate = parse("BANGKOM_MATCH_ADEQUATE", raw.match_adequate.as_deref().unwrap_or("78"), |v| {
        percent(v).and_then(|n| {
            if n < optimal {
                Ok(n)
            } else {
                Err(format!("expected less than BANGKOM_MATCH_OPTIMAL ({optimal})"))
            }
        })
    })?;
    Ok(bangkom_entities::gaps::GapSettings {
        counting: bangkom_entities::assessments::CountingRule {
            count_self_assessments: count_self,
            precedence,
            window_months,
        },
        bands: bangkom_entities::gaps::MatchBands { optimal, adequate },
    })
}

fn on_off(v: &str) -> Result<bool, String> {
    match v.to_ascii_lowercase().as_str() {
        "on" | "true" | "1" | "yes" => Ok(true),
        "off" | "false" | "0" | "no" => Ok(false),
        _ => Err("expected on or off".to_string()),
    }
}

fn parse<T>(setting: &str, value: &str, f: impl FnOnce(&str) -> Result<T, String>) -> Result<T, ConfigError> {
    f(value.trim()).map_err(|reason| ConfigError::Invalid {
        setting: setting.to_owned(),
        value: if setting.contains("URL") { redact(value) } else { value.to_owned() },
        reason,
    })
}

/// Keeps a password out of error messages.
fn redact(value: &str) -> String {
    match Url::parse(value) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_embedded_setup() {
        let s = Settings::defaults();
        assert!(s.database_url.is_sqlite());
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.timezone, chrono_tz::Asia::Jakarta);
        assert!(s.mail.smtp_url.is_none());
        assert!(!s.gaps.counting.count_self_assessments);
        assert_eq!((s.gaps.bands.optimal, s.gaps.bands.adequate), (90, 78));
    }

    #[test]
    fn match_bands_must_be_ordered() {
        let raw = RawSettings { match_adequate: Some("95".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_MATCH_ADEQUATE"), "{err}");
        let raw = RawSettings { count_self_assessments: Some("on".into()), ..Default::default() };
        assert!(Settings::from_raw(raw).unwrap().gaps.counting.count_self_assessments);
        let raw = RawSettings {
            assessment_precedence: Some("certification > assessment_centre > supervisor".into()),
            ..Default::default()
        };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_ASSESSMENT_PRECEDENCE") && err.contains("missing"), "{err}");
        let raw = RawSettings { assessment_window_months: Some("12".into()), ..Default::default() };
        assert_eq!(Settings::from_raw(raw).unwrap().gaps.counting.window_months, 12);
    }

    #[test]
    fn trusted_proxies_and_the_password_queue_are_checked() {
        let raw =
            RawSettings { trusted_proxies: Some("10.0.0.0/8, proxy.local".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_TRUSTED_PROXIES") && err.contains("proxy.local"), "{err}");
        let raw = RawSettings { password_queue: Some("lots".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_PASSWORD_QUEUE"), "{err}");
        let raw = RawSettings {
            trusted_proxies: Some("127.0.0.1, 10.0.0.0/8".into()),
            password_queue: Some("0".into()),
            ..Default::default()
        };
        let settings = Settings::from_raw(raw).unwrap();
        assert_eq!(settings.trusted_proxies.len(), 2);
        assert_eq!(settings.password_queue, 0);
        assert!(Settings::defaults().trusted_proxies.is_empty());
    }

    #[test]
    fn a_bad_value_names_the_setting() {
        let raw = RawSettings { timezone: Some("Mars/Olympus".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_TIMEZONE"), "{err}");
    }

    #[test]
    fn training_settings_are_checked() {
        let s = Settings::defaults();
        assert_eq!(s.training.pns_min_jp, 20);
        assert_eq!(s.training.mentoring_minutes_per_jp, 45);
        let raw = RawSettings { certificate_pattern: Some("{seq}".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_CERTIFICATE_PATTERN"), "{err}");
        let raw = RawSettings { mentoring_minutes_per_jp: Some("0".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_MENTORING_MINUTES_PER_JP"), "{err}");
    }

    #[test]
    fn evaluation_rules_are_checked() {
        let s = Settings::defaults();
        assert_eq!(s.evaluation.reminder_days, [3, 7]);
        let raw = RawSettings {
            evaluation: Some(RawEvaluation { reminder_days: Some("7, 2".into()), ..Default::default() }),
            ..Default::default()
        };
        assert_eq!(Settings::from_raw(raw).unwrap().evaluation.reminder_days, [2, 7]);
        let raw = RawSettings {
            evaluation: Some(RawEvaluation { reminder_days: Some("3,30".into()), ..Default::default() }),
            ..Default::default()
        };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_EVALUATION__REMINDER_DAYS"), "{err}");
    }

    #[test]
    fn mentoring_settings_are_checked() {
        let s = Settings::defaults();
        assert_eq!((s.mentoring.max_active_mentees, s.mentoring.reminder_days), (5, 14));
        let raw = RawSettings { mentoring_max_active_mentees: Some("0".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_MENTORING_MAX_ACTIVE_MENTEES"), "{err}");
        let raw = RawSettings { mentoring_reminder_days: Some("two weeks".into()), ..Default::default() };
        let err = Settings::from_raw(raw).unwrap_err().to_string();
        assert!(err.contains("BANGKOM_MENTORING_REMINDER_DAYS"), "{err}");
        let raw = RawSettings { mentoring_reminder_days: Some("7".into()), ..Default::default() };
        assert_eq!(Settings::from_raw(raw).unwrap().mentoring.reminder_days, 7);
    }

    #[test]
    fn passwords_do_not_reach_error_messages() {
        assert_eq!(redact("smtp://u:secret@host:25"), "smtp://u:***@host:25");
    }
}
