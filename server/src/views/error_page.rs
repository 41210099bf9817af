use maud::{Markup, html};

use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::layout::{Chrome, page};

pub fn render(lang: Lang, title: Msg, body: Msg) -> Markup {
    page(
        &Chrome::bare(lang),
        title.text(lang),
        html! {
            h1 { (title.text(lang)) }
            p { (body.text(lang)) }
            p { a href=(paths::HOME) { (Msg::BackHome.text(lang)) } }
        },
    )
}
