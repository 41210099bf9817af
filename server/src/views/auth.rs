use maud::{Markup, html};

use crate::i18n::Msg;
use crate::routes::paths;
use crate::views::layout::{Chrome, csrf_field, page};

pub fn login(chrome: &Chrome<'_>, identifier: &str, next: &str, error: Option<&str>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::LoginTitle.text(lang),
        html! {
            h1 { (Msg::LoginTitle.text(lang)) }
            @if let Some(error) = error {
                p.flash.error role="alert" #login-error { (error) }
            }
            form.stack method="post" action=(paths::LOGIN) {
                (csrf_field(chrome.csrf))
                input type="hidden" name="next" value=(next);
                label {
                    (Msg::LoginIdentifier.text(lang))
                    input type="text" name="identifier" value=(identifier) autocomplete="username" required
                        aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| "login-error")];
                }
                label {
                    (Msg::LoginPassword.text(lang))
                    input type="password" name="password" autocomplete="current-password" required;
                }
                button.primary type="submit" { (Msg::LoginSubmit.text(lang)) }
                a href=(paths::FORGOT_PASSWORD) { (Msg::ForgotLink.text(lang)) }
            }
        },
    )
}

pub fn forgot(chrome: &Chrome<'_>, sent: bool) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::ForgotTitle.text(lang),
        html! {
            h1 { (Msg::ForgotTitle.text(lang)) }
            @if sent {
                p.flash.ok role="status" { (Msg::ForgotSent.text(lang)) }
            } @else {
                p { (Msg::ForgotIntro.text(lang)) }
                form.stack method="post" action=(paths::FORGOT_PASSWORD) {
                    (csrf_field(chrome.csrf))
                    label {
                        (Msg::ForgotEmail.text(lang))
                        input type="email" name="email" autocomplete="email" required;
                    }
                    button.primary type="submit" { (Msg::ForgotSubmit.text(lang)) }
                }
            }
        },
    )
}

/// The answer to a client that asked for too many reset links.
pub fn forgot_refused(chrome: &Chrome<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::ForgotTitle.text(lang),
        html! {
            h1 { (Msg::ForgotTitle.text(lang)) }
            p.flash.error role="alert" { (Msg::ForgotTooMany.text(lang)) }
        },
    )
}

pub fn reset(chrome: &Chrome<'_>, action: &str, error: Option<Msg>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::ResetTitle.text(lang),
        html! {
            h1 { (Msg::ResetTitle.text(lang)) }
            @if let Some(error) = error {
                p.flash.error role="alert" { (error.text(lang)) }
            }
            form.stack method="post" action=(action) {
                (csrf_field(chrome.csrf))
                label {
                    (Msg::ResetNewPassword.text(lang))
                    input type="password" name="password" autocomplete="new-password" minlength="10" required;
                }
                label {
                    (Msg::ResetConfirmPassword.text(lang))
                    input type="password" name="confirm" autocomplete="new-password" minlength="10" required;
                }
                label {
                    input type="checkbox" name="revoke_tokens" value="1" checked;
                    " " (Msg::ResetRevokeTokens.text(lang))
                }
                button.primary type="submit" { (Msg::ResetSubmit.text(lang)) }
            }
        },
    )
}

pub fn reset_invalid(chrome: &Chrome<'_>) -> Markup {
    let lang = chrome.lang;
    page(
        chrome,
        Msg::ResetTitle.text(lang),
        html! {
            h1 { (Msg::ResetTitle.text(lang)) }
            p.flash.error role="alert" { (Msg::ResetInvalid.text(lang)) }
            p { a href=(paths::FORGOT_PASSWORD) { (Msg::ForgotLink.text(lang)) } }
        },
    )
}
