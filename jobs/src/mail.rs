//! The mail transport: lettre over SMTP when an SMTP URL is configured, otherwise one `.eml`
//! file per message under a local folder, so the embedded setup still shows what would be
//! sent. The transport is built once and shared (its SMTP connections are pooled).
//!
//! A send abandoned at its deadline leaves its connection in an unknown state (the server may
//! still answer the DATA), and lettre's pool would take it back and hand it to the next
//! send, whose replies would then be read out of step. So after a timeout the delivery
//! calls [`Mailer::discard_connections`]: later sends use a fresh pool.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid SMTP URL: {0}")]
    BadUrl(String),
    #[error("cannot create the mail folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("cannot write in the mail folder {path}: {source}")]
    FolderNotWritable { path: PathBuf, source: std::io::Error },
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing the message file failed: {0}")]
    File(#[from] lettre::transport::file::Error),
}

/// The process's one mail transport. Clones share everything: the SMTP pool, the cap on
/// sends in progress (so however many delivery runs exist, the process never holds more
/// than `connections` SMTP connections), and the delivery lock (one delivery loop at a time).
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    sends: Arc<Semaphore>,
    delivery: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Clone)]
enum Transport {
    Smtp(Arc<SmtpMailer>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// lettre's pooled SMTP transport, replaceable when its connections cannot be trusted.
pub struct SmtpMailer {
    url: String,
    connections: usize,
    transport: RwLock<AsyncSmtpTransport<Tokio1Executor>>,
}

impl SmtpMailer {
    fn build(url: &str, connections: usize) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailError> {
        Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::BadUrl(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .pool_config(PoolConfig::new().max_size(u32::try_from(connections.max(1)).unwrap_or(u32::MAX)))
            .build())
    }

    fn current(&self) -> AsyncSmtpTransport<Tokio1Executor> {
        self.transport.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[derive(Debug, Clone)]
pub struct MailerConfig {
    pub smtp_url: Option<String>,
    pub dir: PathBuf,
    pub from: Mailbox,
    /// SMTP connections kept open (as many as messages are sent at once: beyond the pool's
    /// size lettre opens a connection per message and closes it after).
    pub connections: usize,
}

impl MailError {
    /// A permanent refusal (an SMTP 5xx reply): sending again at once would only repeat it.
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Smtp(e) if e.is_permanent())
    }

    /// The setting at fault when the mailer cannot be built, for start-up messages.
    pub fn setting(&self) -> &'static str {
        match self {
            MailError::BadUrl(_) => "BANGKOM_SMTP_URL",
            _ => "BANGKOM_MAIL_DIR",
        }
    }
}

impl Mailer {
    pub fn new(config: &MailerConfig) -> Result<Self, MailError> {
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(Arc::new(SmtpMailer {
                url: url.clone(),
                connections: config.connections,
                transport: RwLock::new(SmtpMailer::build(url, config.connections)?),
            })),
            None => {
                std::fs::create_dir_all(&config.dir)
                    .map_err(|source| MailError::Folder { path: config.dir.clone(), source })?;
                check_writable(&config.dir)?;
                Transport::Files(AsyncFileTransport::<Tokio1Executor>::new(&config.dir))
            }
        };
        Ok(Mailer {
            transport,
            sends: Arc::new(Semaphore::new(config.connections.max(1))),
            delivery: Arc::default(),
        })
    }

    /// Sends one message, waiting while `connections` sends are already in progress.
    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        let _permit = self.sends.acquire().await.expect("the semaphore is never closed");
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.current().send(message).await?;
            }
            Transport::Files(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }

    /// The delivery lock of this process: whoever holds it is the one delivery loop.
    pub(crate) fn delivery_lock(&self) -> &tokio::sync::Mutex<()> {
        &self.delivery
    }

    /// Drops the pooled SMTP connections (sends in progress finish on theirs, which are then
    /// closed); the next send opens a new one.
    pub fn discard_connections(&self) {
        if let Transport::Smtp(smtp) = &self.transport
            && let Ok(fresh) = SmtpMailer::build(&smtp.url, smtp.connections)
        {
            *smtp.transport.write().unwrap_or_else(|e| e.into_inner()) = fresh;
        }
    }
}

/// An existing folder may still refuse files (permissions, a read-only mount): find out at
/// start-up rather than at the first message.
fn check_writable(dir: &std::path::Path) -> Result<(), MailError> {
    let probe = dir.join(format!(".bangkom-write-check-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|source| MailError::FolderNotWritable { path: dir.to_owned(), source })
}
