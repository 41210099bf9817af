//! Training e-mails: the enrolment confirmation (with the batch's days as an iCalendar
//! attachment) and the notice that a batch was cancelled.

use bangkom_entities::i18n::{Lang, Msg};
use maud::html;

use super::{Composed, html_frame};

/// What both messages say about the batch.
pub struct BatchFacts<'a> {
    pub batch: &'a str,
    pub program: &'a str,
    /// "3–7 Maret 2026, 08.00–16.00 WIB".
    pub schedule: &'a str,
    pub place: Option<&'a str>,
    pub online_url: Option<&'a str>,
    /// The batch's page.
    pub link: &'a str,
}

pub fn seated(lang: Lang, to_email: &str, name: &str, b: &BatchFacts<'_>) -> Composed {
    let subject = Msg::TrainingMailSeatedSubject.fill(lang, &[("batch", b.batch)]);
    let greeting = Msg::ResetMailGreeting.fill(lang, &[("name", name)]);
    let body = Msg::TrainingMailSeatedBody.fill(lang, &[("batch", b.batch), ("program", b.program)]);
    compose(lang, to_email, name, subject, greeting, body, b, Some(Msg::TrainingMailIcsNote.text(lang)), None)
}

pub fn cancelled(
    lang: Lang,
    to_email: &str,
    name: &str,
    b: &BatchFacts<'_>,
    reason: Option<&str>,
) -> Composed {
    let subject = Msg::TrainingMailCancelledSubject.fill(lang, &[("batch", b.batch)]);
    let greeting = Msg::ResetMailGreeting.fill(lang, &[("name", name)]);
    let body = Msg::TrainingMailCancelledBody.fill(lang, &[("batch", b.batch), ("program", b.program)]);
    compose(lang, to_email, name, subject, greeting, body, b, None, reason)
}

#[allow(clippy::too_many_arguments)]
fn compose(
    lang: Lang,
    to_email: &str,
    name: &str,
    subject: String,
    greeting: String,
    body: String,
    b: &BatchFacts<'_>,
    note: Option<&str>,
    reason: Option<&str>,
) -> Composed {
    let mut facts: Vec<(String, String)> =
        vec![(Msg::TrainingMailSchedule.text(lang).to_owned(), b.schedule.to_owned())];
    if let Some(place) = b.place {
        facts.push((Msg::TrainingMailPlace.text(lang).to_owned(), place.to_owned()));
    }
    if let Some(url) = b.online_url {
        facts.push((Msg::TrainingMailOnline.text(lang).to_owned(), url.to_owned()));
    }
    if let Some(reason) = reason {
        facts.push((Msg::TrainingMailReason.text(lang).to_owned(), reason.to_owned()));
    }
    let mut text = format!("{greeting}\n\n{body}\n\n");
    for (label, value) in &facts {
        text.push_str(&format!("{label}: {value}\n"));
    }
    if let Some(note) = note {
        text.push_str(&format!("\n{note}\n"));
    }
    text.push_str(&format!("\n{}\n{}\n", Msg::TrainingMailDetails.text(lang), b.link));
    let html = html_frame(
        lang.code(),
        &subject,
        html! {
            p { (greeting) }
            p { (body) }
            table {
                @for (label, value) in &facts {
                    tr { th style="text-align: left; padding-right: 12px;" { (label) } td { (value) } }
                }
            }
            @if let Some(note) = note { p { (note) } }
            p { (Msg::TrainingMailDetails.text(lang)) " " a href=(b.link) { (b.link) } }
        },
    );
    Composed { to_email: to_email.to_owned(), to_name: Some(name.to_owned()), subject, text, html }
}
