use bangkom_entities::i18n::{Lang, Msg};
use maud::html;

use super::{Composed, html_frame};

pub fn compose(lang: Lang, to_email: &str, name: &str, link: &str) -> Composed {
    let subject = Msg::ResetMailSubject.text(lang).to_owned();
    let greeting = Msg::ResetMailGreeting.fill(lang, &[("name", name)]);
    let text = format!(
        "{greeting}\n\n{}\n\n{link}\n\n{}\n",
        Msg::ResetMailBody.text(lang),
        Msg::ResetMailIgnore.text(lang)
    );
    let html = html_frame(
        lang.code(),
        &subject,
        html! {
            p { (greeting) }
            p { (Msg::ResetMailBody.text(lang)) }
            p { a href=(link) { (link) } }
            p { (Msg::ResetMailIgnore.text(lang)) }
        },
    );
    Composed { to_email: to_email.to_owned(), to_name: Some(name.to_owned()), subject, text, html }
}
