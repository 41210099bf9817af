//! A real SMTP server on loopback for the tests: it speaks enough of RFC 5321 for lettre
//! (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every message it receives. It can be
//! told to refuse messages, to test retries; to hang up after each message, as a server
//! closing idle connections does; or to take a message and never answer, as a server stuck
//! after DATA does; or to answer each DATA only after a delay, as a slow server does. It
//! counts the connections open at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Mutex;

#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body, dot-unstuffed, CRLF line ends).
    pub raw: String,
}

impl ReceivedMail {
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(self.raw.as_bytes()).expect("a well-formed message")
    }

    pub fn subject(&self) -> String {
        use mailparse::MailHeaderMap;
        self.parsed().headers.get_first_value("Subject").unwrap_or_default()
    }

    /// The decoded bodies of every text part (text/plain and text/html), in order.
    pub fn text_parts(&self) -> Vec<(String, String)> {
        fn walk(part: &mailparse::ParsedMail<'_>, out: &mut Vec<(String, String)>) {
            if part.subparts.is_empty() {
                let mime = part.ctype.mimetype.clone();
                if mime.starts_with("text/") {
                    out.push((mime, part.get_body().unwrap_or_default()));
                }
            }
            for sub in &part.subparts {
                walk(sub, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.parsed(), &mut out);
        out
    }

    pub fn plain_body(&self) -> String {
        self.text_parts()
            .into_iter()
            .find(|(mime, _)| mime == "text/plain")
            .map(|(_, body)| body)
            .unwrap_or_default()
    }
}

#[derive(Clone)]
pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<ReceivedMail>>>,
    refuse: Arc<AtomicBool>,
    hang_up: Arc<AtomicBool>,
    stall: Arc<AtomicUsize>,
    data_delay_ms: Arc<AtomicU64>,
    open: Arc<AtomicUsize>,
    most_open: Arc<AtomicUsize>,
}

impl SmtpServer {
    pub async fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP");
        let server = SmtpServer {
            port: listener.local_addr().unwrap().port(),
            received: Arc::default(),
            refuse: Arc::default(),
            hang_up: Arc::default(),
            stall: Arc::default(),
            data_delay_ms: Arc::default(),
            open: Arc::default(),
            most_open: Arc::default(),
        };
        let handle = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handle = handle.clone();
                tokio::spawn(async move {
                    let now_open = handle.open.fetch_add(1, Ordering::SeqCst) + 1;
                    handle.most_open.fetch_max(now_open, Ordering::SeqCst);
                    let _ = handle.session(stream).await;
                    handle.open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        server
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// From now on, answer every DATA with a permanent failure (550) or accept again.
    pub fn refuse_messages(&self, refuse: bool) {
        self.refuse.store(refuse, Ordering::SeqCst);
    }

    /// From now on, close the connection (without a word) right after accepting a message.
    pub fn hang_up_after_each_message(&self, hang_up: bool) {
        self.hang_up.store(hang_up, Ordering::SeqCst);
    }

    /// Keep the next `n` messages but never answer their DATA (the sender cannot know
    /// whether they arrived).
    pub fn stall_after_data(&self, n: usize) {
        self.stall.store(n, Ordering::SeqCst);
    }

    /// From now on, keep each message `delay` before answering its DATA (a slow server).
    pub fn answer_data_after(&self, delay: Duration) {
        self.data_delay_ms.store(u64::try_from(delay.as_millis()).unwrap_or(u64::MAX), Ordering::SeqCst);
    }

    /// The most connections that were open at once.
    pub fn most_connections_at_once(&self) -> usize {
        self.most_open.load(Ordering::SeqCst)
    }

    pub async fn received(&self) -> Vec<ReceivedMail> {
        self.received.lock().await.clone()
    }

    /// Waits (up to 10 s) until at least `n` messages arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<ReceivedMail> {
        for _ in 0..200 {
            let got = self.received().await;
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {n} message(s), got {}", self.received().await.len());
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 bangkom-test ESMTP\r\n").await?;
        let (mut from, mut to) = (String::new(), Vec::new());
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_owned();
            let upper = command.to_ascii_uppercase();
            if upper.starts_with("EHLO") {
                write.write_all(b"250-bangkom-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n").await?;
            } else if upper.starts_with("HELO") {
                write.write_all(b"250 bangkom-test\r\n").await?;
            } else if upper.starts_with("MAIL FROM:") {
                from = address(&command[10..]);
                to.clear();
                write.write_all(b"250 OK\r\n").await?;
            } else if upper.starts_with("RCPT TO:") {
                to.push(address(&command[8..]));
                write.write_all(b"250 OK\r\n").await?;
            } else if upper == "DATA" {
                write.write_all(b"354 end with .\r\n").await?;
                let mut raw = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    raw.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let delay = self.data_delay_ms.load(Ordering::SeqCst);
                if delay > 0 {
                    tokio::time::sleep(Duration::from_millis(delay)).await;
                }
                if self.refuse.load(Ordering::SeqCst) {
                    write.write_all(b"550 mailbox unavailable (test refusal)\r\n").await?;
                } else {
                    self.received.lock().await.push(ReceivedMail { from: from.clone(), to: to.clone(), raw });
                    let stalled = self
                        .stall
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok();
                    if stalled {
                        // Silence until the sender gives up and hangs up.
                        while lines.read_line(&mut line).await? != 0 {}
                        return Ok(());
                    }
                    write.write_all(b"250 queued\r\n").await?;
                    if self.hang_up.load(Ordering::SeqCst) {
                        return Ok(());
                    }
                }
            } else if upper == "RSET" || upper == "NOOP" {
                write.write_all(b"250 OK\r\n").await?;
            } else if upper == "QUIT" {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                write.write_all(b"502 not implemented\r\n").await?;
            }
        }
    }
}

fn address(arg: &str) -> String {
    let arg = arg.trim();
    let inner = arg.split_once('<').and_then(|(_, rest)| rest.split_once('>')).map_or(arg, |(addr, _)| addr);
    inner.to_owned()
}
