//! The `bangkom` command line. Each subcommand parses its arguments, loads the settings and
//! calls one function; errors are printed once, with the setting or input they concern.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use bangkom_entities::import::{self, ImportKind};
use clap::{Parser, Subcommand, ValueEnum};
use sea_orm::DatabaseConnection;
use tracing_subscriber::EnvFilter;

use crate::config::Settings;
use crate::{Application, app, db, seed};

#[derive(Parser)]
#[command(
    name = "bangkom",
    version,
    about = "Bangkom: training and competency management for Indonesian civil servants (ASN)",
    long_about = "Bangkom: training and competency management for Indonesian civil servants (ASN).\n\n\
Settings come from bangkom.toml (or the file named by BANGKOM_CONFIG) and BANGKOM_* environment \
variables; see the README."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations, then serve the web application until Ctrl-C or SIGTERM.
    Serve {
        /// Load the demo region first (idempotent) and print the demo accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Run the scheduled jobs and the mail worker without serving HTTP, until Ctrl-C or
    /// SIGTERM.
    Worker,
    /// Apply pending database migrations and print what was applied.
    Migrate,
    /// Load data into the database.
    #[command(subcommand)]
    Seed(SeedCommand),
    /// List or run the scheduled jobs.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Import a CSV file (formats in the README). The whole file is checked first; it is
    /// imported entirely, or, with any error, not at all.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Competency gaps: import assessment-centre results, recount current levels.
    #[command(subcommand)]
    Gaps(GapsCommand),
}

#[derive(Subcommand)]
enum GapsCommand {
    /// Import assessment-centre results: nip,competency_code,level,assessed_on,assessor[,notes].
    /// The whole file is checked first; it is imported entirely, or, with any error, not at all.
    Import { file: PathBuf },
    /// Recompute every current level from the assessment history under the configured
    /// counting rule; run it after changing BANGKOM_COUNT_SELF_ASSESSMENTS.
    RecountLevels,
}

#[derive(Subcommand)]
enum SeedCommand {
    /// A realistic demo region (agencies, employees, programs, enrolments, mentoring).
    /// Running it again changes nothing. Prints the demo accounts.
    Demo,
    /// A deterministic large data set of the demo's shape, for benchmarks.
    Synthetic {
        /// How many employees to create.
        #[arg(long)]
        employees: u32,
        /// How many agencies (OPD) to create, each with units.
        #[arg(long)]
        agencies: u32,
        /// The random seed; the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum JobsCommand {
    /// List the jobs that exist and their default schedules.
    List,
    /// Run one job now, whatever its schedule.
    Run {
        /// The job's name, as `bangkom jobs list` shows it.
        name: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. The password is read from standard input with --password-stdin,
    /// otherwise generated and printed once.
    Create {
        #[arg(long, value_enum)]
        role: RoleArg,
        #[arg(long)]
        email: String,
        /// The agency (OPD) code an operator works for; required for --role operator.
        #[arg(long)]
        agency: Option<String>,
        /// Link the account to the employee with this NIP.
        #[arg(long)]
        nip: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Employees, keyed by NIP: nip,name,email,employment_type,agency_code,position_code,
    /// grade,supervisor_nip,active,contract_start,contract_end,cpns_appointed_on.
    Employees { file: PathBuf },
    /// The competency dictionary, keyed by code: code,kind,name_id,name_en,description_en,source.
    Competencies { file: PathBuf },
    /// Position standards: position_code,position_name,position_family,competency_code,
    /// required_level.
    Standards { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Admin,
    Operator,
    Employee,
}

impl From<RoleArg> for bangkom_entities::enums::Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => Self::Admin,
            RoleArg::Operator => Self::Operator,
            RoleArg::Employee => Self::Employee,
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = EnvFilter::try_from_env("BANGKOM_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    // Colours only on a terminal: a journal or log file gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn open_db(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let db = db::connect_within(&settings.database_url, settings.database_acquire_timeout)
        .await
        .context("cannot open the database (BANGKOM_DATABASE_URL)")?;
    db::migrate(&db).await.context("cannot migrate the database")?;
    Ok(db)
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { demo } => {
            let application = Application::build(settings.clone()).await?;
            if demo {
                let report = seed::demo::run(application.db()).await?;
                print!("{report}");
            }
            println!(
                "Bangkom is listening on {}:{} — open {} in a browser (Ctrl-C stops it).",
                settings.listen.ip(),
                application.port(),
                settings.base_url
            );
            if settings.jobs_enabled {
                println!(
                    "Scheduled jobs and the mail queue run in this process (BANGKOM_JOBS=off for web only)."
                );
            } else {
                println!("Web only: no scheduled jobs and no mail delivery here (BANGKOM_JOBS=off).");
            }
            application.run_until(app::shutdown_signal()).await?;
        }
        Command::Migrate => {
            let db = db::connect_within(&settings.database_url, settings.database_acquire_timeout)
                .await
                .context("cannot open the database (BANGKOM_DATABASE_URL)")?;
            let applied = db::migrate(&db).await.context("cannot migrate the database")?;
            if applied.is_empty() {
                println!("The database is up to date: no migration to apply.");
            } else {
                println!("Applied {} migration(s):", applied.len());
                for name in applied {
                    println!("  {name}");
                }
            }
        }
        Command::Seed(SeedCommand::Demo) => {
            let db = open_db(&settings).await?;
            let report = seed::demo::run(&db).await?;
            print!("{report}");
        }
        Command::Seed(SeedCommand::Synthetic { employees, agencies, seed: random_seed }) => {
            let db = open_db(&settings).await?;
            let options = seed::synthetic::Options { employees, agencies, seed: random_seed };
            let report = seed::synthetic::run(&db, options).await?;
            print!("{report}");
        }
        Command::Worker => {
            let db = open_db(&settings).await?;
            let mailer = app::mailer(&settings)?;
            let ctx = app::job_context(&settings, db, mailer);
            let background = bangkom_jobs::background::Background::start(ctx).await?;
            println!("Bangkom worker running the scheduled jobs and the mail queue (Ctrl-C stops it).");
            app::shutdown_signal().await;
            background.stop().await;
        }
        Command::Jobs(JobsCommand::List) => {
            println!("{:<22} {:<18} description (schedules in {})", "job", "schedule", settings.timezone);
            for job in bangkom_jobs::CATALOGUE {
                let schedule =
                    settings.schedules.get(job.name).map_or(job.default_schedule, |s| s.expression());
                println!("{:<22} {:<18} {}", job.name, schedule, job.description);
            }
        }
        Command::Jobs(JobsCommand::Run { name }) => {
            bangkom_jobs::runner::find(&name)?;
            let db = open_db(&settings).await?;
            let mailer = app::mailer(&settings)?;
            let ctx = app::job_context(&settings, db, mailer);
            let summary = bangkom_jobs::run_now(&ctx, &name).await?;
            println!("{summary}");
        }
        Command::Import(command) => {
            let (kind, file) = match command {
                ImportCommand::Employees { file } => (ImportKind::Employees, file),
                ImportCommand::Competencies { file } => (ImportKind::Competencies, file),
                ImportCommand::Standards { file } => (ImportKind::Standards, file),
            };
            import_file(&settings, kind, &file).await?;
        }
        Command::Gaps(command) => gaps_command(&settings, command).await?,
        Command::User(UserCommand::Create { role, email, agency, nip, password_stdin }) => {
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .context("cannot read the password from standard input")?;
                (line.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (crate::auth::password::generate(), true)
            };
            let password_hash = tokio::task::spawn_blocking({
                let password = password.clone();
                move || crate::auth::password::hash(&password)
            })
            .await??;
            let db = open_db(&settings).await?;
            let user = bangkom_entities::accounts::create_user(
                &db,
                bangkom_entities::accounts::NewUser {
                    email: &email,
                    role: role.into(),
                    agency_code: agency.as_deref(),
                    nip: nip.as_deref(),
                    password_hash,
                },
            )
            .await?;
            println!("Created {} account {} (id {}).", user.role.as_str(), user.email, user.id);
            if generated {
                println!("Password: {password}");
            }
        }
    }
    Ok(())
}

/// `bangkom gaps import FILE` and `bangkom gaps recount-levels`.
async fn gaps_command(settings: &Settings, command: GapsCommand) -> anyhow::Result<()> {
    use bangkom_entities::gaps::{assessments, import};
    let db = open_db(settings).await?;
    let rule = settings.gaps.counting;
    match command {
        GapsCommand::Import { file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let today = chrono::Utc::now().with_timezone(&settings.timezone).date_naive();
            match import::import(&db, &bytes, None, rule, today, chrono::Utc::now()).await? {
                import::Outcome::Imported(s) => println!(
                    "Imported {} ({} lines): {} created, {} updated, {} unchanged; current levels of {} employees brought up to date.",
                    file.display(),
                    s.rows,
                    s.created,
                    s.updated,
                    s.unchanged,
                    s.employees
                ),
                import::Outcome::Rejected(errors) => {
                    for error in &errors {
                        eprintln!("{}", error.describe());
                    }
                    anyhow::bail!("{} has {} error(s); nothing was imported", file.display(), errors.len())
                }
            }
        }
        GapsCommand::RecountLevels => {
            let n = assessments::recount_levels(&db, rule, chrono::Utc::now()).await?;
            let counted = if rule.count_self_assessments { "counted" } else { "not counted" };
            println!(
                "Recounted the current levels: {n} (self-assessments {counted}; a weaker source replaces a stronger one after {} months).",
                rule.window_months
            );
        }
    }
    Ok(())
}

/// `bangkom import KIND FILE`: a progress bar on standard error while checking and
/// writing, then the summary; with errors, every one of them and a non-zero exit.
async fn import_file(settings: &Settings, kind: ImportKind, path: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let db = open_db(settings).await?;
    let progress = ImportBar::new();
    let outcome =
        import::run(&db, kind, &bytes, &import::Importer::command_line(), &progress, chrono::Utc::now())
            .await
            .context("the import failed; nothing was changed")?;
    progress.bar.finish_and_clear();
    match outcome {
        import::Outcome::Imported(summary) => {
            println!(
                "Imported {} ({} lines): {} created, {} updated, {} unchanged.",
                path.display(),
                summary.rows,
                summary.created,
                summary.updated,
                summary.unchanged
            );
            if kind == ImportKind::Standards {
                println!(
                    "Standard rows removed: {}. Positions: {} created, {} updated.",
                    summary.removed, summary.positions_created, summary.positions_updated
                );
            }
            Ok(())
        }
        import::Outcome::Rejected(errors) => {
            for error in &errors {
                eprintln!("{}", error.describe());
            }
            anyhow::bail!("{} has {} error(s); nothing was imported", path.display(), errors.len())
        }
    }
}

/// The import's progress as a bar on standard error (hidden when it is not a terminal).
struct ImportBar {
    bar: indicatif::ProgressBar,
}

impl ImportBar {
    fn new() -> ImportBar {
        let bar = indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{prefix:>9} [{bar:30}] {human_pos}/{human_len} ({elapsed})",
            )
            .expect("a valid progress template")
            .progress_chars("=> "),
        );
        ImportBar { bar }
    }

    fn show(&self, prefix: &'static str, done: u64, total: u64) {
        if self.bar.prefix() != prefix {
            self.bar.set_prefix(prefix);
        }
        self.bar.set_length(total);
        self.bar.set_position(done);
    }
}

impl import::Progress for ImportBar {
    fn checked(&self, done: u64, total: u64) {
        self.show("checking", done, total);
    }

    fn written(&self, done: u64, total: u64) {
        self.show("writing", done, total);
    }
}
