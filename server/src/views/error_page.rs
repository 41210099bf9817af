use maud::{Markup, html};

use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::layout::{Chrome, page};

pub fn render(lang: Lang, title: Msg, body: Msg) -> Markup {
    render_with(lang, title, body, &[])
}

/// The error page with what was wrong, one line each (the field problems of a 422).
pub fn render_with(lang: Lang, title: Msg, body: Msg, details: &[String]) -> Markup {
    page(
        &Chrome::bare(lang),
        title.text(lang),
        html! {
            h1 { (title.text(lang)) }
            p { (body.text(lang)) }
            @if !details.is_empty() {
                ul.errors { @for d in details { li { (d) } } }
            }
            p { a href=(paths::HOME) { (Msg::BackHome.text(lang)) } }
        },
    )
}
