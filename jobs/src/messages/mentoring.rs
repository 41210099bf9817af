//! Mentoring reminders: to a mentor whose pair has had no session for a while, and to a
//! mentee with sessions waiting for their confirmation.

use bangkom_entities::i18n::{Lang, Msg};
use maud::html;

use super::{Composed, html_frame};

fn compose(lang: Lang, to_email: &str, name: &str, subject: String, body: String, link: &str) -> Composed {
    let greeting = Msg::ResetMailGreeting.fill(lang, &[("name", name)]);
    let open = Msg::MentoringMailOpen.text(lang);
    let text = format!("{greeting}\n\n{body}\n\n{open}\n{link}\n");
    let html = html_frame(
        lang.code(),
        &subject,
        html! {
            p { (greeting) }
            p { (body) }
            p { (open) " " a href=(link) { (link) } }
        },
    );
    Composed { to_email: to_email.to_owned(), to_name: Some(name.to_owned()), subject, text, html }
}

/// To the mentor: no session with `mentee` since `since` (a formatted date).
pub fn idle(lang: Lang, to_email: &str, mentor: &str, mentee: &str, since: &str, link: &str) -> Composed {
    let subject = Msg::MentoringMailIdleSubject.fill(lang, &[("mentee", mentee)]);
    let body = Msg::MentoringMailIdleBody.fill(lang, &[("mentee", mentee), ("since", since)]);
    compose(lang, to_email, mentor, subject, body, link)
}

/// To the mentee: `pending` sessions wait for a confirmation.
pub fn pending(lang: Lang, to_email: &str, mentee: &str, pending: i64, link: &str) -> Composed {
    let subject = Msg::MentoringMailPendingSubject.text(lang).to_owned();
    let body = Msg::MentoringMailPendingBody.fill(lang, &[("count", &pending.to_string())]);
    compose(lang, to_email, mentee, subject, body, link)
}
