//! The mail transport: lettre over SMTP when an SMTP URL is configured, otherwise one `.eml`
//! file per message under a local folder, so the embedded setup still shows what would be
//! sent. The transport is built once and shared (its SMTP connections are pooled).

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid SMTP URL: {0}")]
    BadUrl(String),
    #[error("cannot create the mail folder {path}: {source}")]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing the message file failed: {0}")]
    File(#[from] lettre::transport::file::Error),
}

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

#[derive(Debug, Clone)]
pub struct MailerConfig {
    pub smtp_url: Option<String>,
    pub dir: PathBuf,
    pub from: Mailbox,
}

impl Mailer {
    pub fn new(config: &MailerConfig) -> Result<Self, MailError> {
        match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailError::BadUrl(e.to_string()))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            None => {
                std::fs::create_dir_all(&config.dir)
                    .map_err(|source| MailError::Folder { path: config.dir.clone(), source })?;
                Ok(Mailer::Files(AsyncFileTransport::<Tokio1Executor>::new(&config.dir), config.dir.clone()))
            }
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(t) => {
                t.send(message).await?;
            }
            Mailer::Files(t, _) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }
}
