use maud::{Markup, html};

use crate::i18n::{Lang, Msg};
use crate::views::layout::{Chrome, page};

/// What the landing page counts.
pub struct Summary {
    pub agencies: u64,
    pub employees: u64,
    pub competencies: u64,
    pub programs: u64,
    pub open_batches: u64,
}

pub fn render(chrome: &Chrome<'_>, summary: &Summary) -> Markup {
    let lang = chrome.lang;
    let stats = [
        (Msg::StatAgencies, summary.agencies),
        (Msg::StatEmployees, summary.employees),
        (Msg::StatCompetencies, summary.competencies),
        (Msg::StatPrograms, summary.programs),
        (Msg::StatOpenBatches, summary.open_batches),
    ];
    page(
        chrome,
        Msg::NavHome.text(lang),
        html! {
            h1 { "Bangkom — " (Msg::AppTagline.text(lang)) }
            p { (Msg::HomeIntro.text(lang)) }
            h2 { (Msg::HomeSummary.text(lang)) }
            ul.cards {
                @for (label, figure) in stats {
                    li.card {
                        span.figure data-stat=(format!("{label:?}")) { (format_number(figure, lang)) }
                        span.label { (label.text(lang)) }
                    }
                }
            }
            p.note { (Msg::StatJpRight.text(lang)) }
        },
    )
}

/// The page for visitors and employees: a signed-in employee (`home`) sees their JP this
/// year against the rule for their employment type, their trainings, and the open batches
/// that fit them.
pub fn welcome(
    chrome: &Chrome<'_>,
    home: Option<&bangkom_entities::training::recap::Home>,
    rules: &bangkom_entities::training::Rules,
) -> Markup {
    let lang = chrome.lang;
    if let Some(home) = home {
        return crate::views::training::people::home(chrome, home, rules);
    }
    page(
        chrome,
        Msg::NavHome.text(lang),
        html! {
            h1 { "Bangkom — " (Msg::AppTagline.text(lang)) }
            p { (Msg::HomeIntro.text(lang)) }
            p.note { (Msg::StatJpRight.text(lang)) }
            @if chrome.actor.is_none() {
                p { a.button href=(crate::routes::paths::LOGIN) { (Msg::NavLogin.text(lang)) } }
            } @else {
                p { a href=(crate::routes::paths::PROFILE) { (Msg::NavProfile.text(lang)) } }
            }
        },
    )
}

/// 12345 → "12.345" in Indonesian, "12,345" in English.
pub fn format_number(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_the_language_separator() {
        assert_eq!(format_number(0, Lang::Id), "0");
        assert_eq!(format_number(999, Lang::Id), "999");
        assert_eq!(format_number(100000, Lang::Id), "100.000");
        assert_eq!(format_number(1234567, Lang::En), "1,234,567");
    }
}
