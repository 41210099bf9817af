//! The e-mails Bangkom sends, each built from a maud template with an HTML and a plain-text
//! part, in the recipient's language.

pub mod mentoring;
pub mod password_reset;
pub mod survey;
pub mod training;

use maud::{DOCTYPE, Markup, html};

/// A message ready to queue or send.
#[derive(Debug, Clone)]
pub struct Composed {
    pub to_email: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The HTML frame of every message: simple markup that mail clients render alike.
pub fn html_frame(lang_code: &str, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang_code) {
            head { meta charset="utf-8"; title { (title) } }
            body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1b1f24;" {
                (body)
                hr;
                p style="color: #4a5560; font-size: 13px;" { "Bangkom" }
            }
        }
    }
    .into_string()
}
