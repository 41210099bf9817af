//! Small building blocks of pages.

use bangkom_entities::paging::Page;
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};

/// A labelled input with its error beside it (announced to screen readers).
pub fn input(label: &str, name: &str, kind: &str, value: &str, errors: &FieldErrors, lang: Lang) -> Markup {
    let error = errors.for_field(name, lang);
    let error_id = format!("{name}-error");
    html! {
        label {
            (label)
            input type=(kind) name=(name) value=(value)
                aria-invalid=[error.as_ref().map(|_| "true")]
                aria-describedby=[error.as_ref().map(|_| error_id.as_str())];
            @if let Some(error) = &error {
                span.field-error id=(error_id) { (error) }
            }
        }
    }
}

/// A labelled select; `options` are (value, label) pairs.
pub fn select(
    label: &str,
    name: &str,
    options: &[(String, String)],
    selected: &str,
    errors: &FieldErrors,
    lang: Lang,
) -> Markup {
    let error = errors.for_field(name, lang);
    let error_id = format!("{name}-error");
    html! {
        label {
            (label)
            select name=(name) aria-invalid=[error.as_ref().map(|_| "true")]
                aria-describedby=[error.as_ref().map(|_| error_id.as_str())] {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
            @if let Some(error) = &error {
                span.field-error id=(error_id) { (error) }
            }
        }
    }
}

/// The list of a form's errors, above the form.
pub fn error_summary(errors: &FieldErrors, lang: Lang) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.flash.error role="alert" {
                p { (Msg::FormHasErrors.text(lang)) }
                ul { @for e in &errors.0 { li { (e.text(lang)) } } }
            }
        }
    }
}

/// "Page 2 of 7 (160 records)" with previous/next links that keep the list's filters.
pub fn pagination<T>(base: &str, filters: &[(&str, String)], page: &Page<T>, lang: Lang) -> Markup {
    let link = |n: u64| {
        let mut query: Vec<(&str, String)> = filters.iter().filter(|(_, v)| !v.is_empty()).cloned().collect();
        query.push(("page", n.to_string()));
        format!("{base}?{}", serde_urlencoded::to_string(&query).unwrap_or_default())
    };
    let pages = page.pages();
    html! {
        nav.pagination aria-label=(Msg::Pagination.text(lang)) {
            @if page.page > 1 { a rel="prev" href=(link(page.page - 1)) { "← " (Msg::PreviousPage.text(lang)) } }
            span {
                (Msg::PageOf.fill(lang, &[
                    ("page", &page.page.to_string()),
                    ("pages", &pages.to_string()),
                    ("total", &page.total.to_string()),
                ]))
            }
            @if page.page < pages { a rel="next" href=(link(page.page + 1)) { (Msg::NextPage.text(lang)) " →" } }
        }
    }
}
