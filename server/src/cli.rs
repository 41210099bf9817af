//! The `bangkom` command line. Each subcommand parses its arguments, loads the settings and
//! calls one function; errors are printed once, with the setting or input they concern.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Context;
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
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

async fn open_db(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let db = db::connect(&settings.database_url)
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
            application.run_until(app::shutdown_signal()).await?;
        }
        Command::Migrate => {
            let db = db::connect(&settings.database_url)
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
        Command::Jobs(JobsCommand::List) => {
            let jobs = bangkom_jobs::catalogue();
            if jobs.is_empty() {
                println!("No scheduled jobs are defined yet.");
            }
            for job in jobs {
                println!("{:<24} {:<16} {}", job.name, job.default_schedule, job.description);
            }
        }
        Command::Jobs(JobsCommand::Run { name }) => {
            let db = open_db(&settings).await?;
            let outcome = bangkom_jobs::run_now(&db, &name).await?;
            println!("{outcome}");
        }
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
