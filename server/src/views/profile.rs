use bangkom_entities::accounts::Profile;
use bangkom_entities::enums::{Locale, Role};
use bangkom_entities::schema::api_tokens;
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::views::components::{error_summary, input};
use crate::views::format;
use crate::views::layout::{Chrome, csrf_field, page};

pub fn role_label(role: Role) -> Msg {
    match role {
        Role::Admin => Msg::RoleAdmin,
        Role::Operator => Msg::RoleOperator,
        Role::Employee => Msg::RoleEmployee,
    }
}

pub struct ProfilePage<'a> {
    pub profile: &'a Profile,
    pub tokens: &'a [api_tokens::Model],
    /// A token created just now, shown this once.
    pub new_token: Option<&'a str>,
    pub errors: &'a FieldErrors,
    pub tz: chrono_tz::Tz,
}

pub fn render(chrome: &Chrome<'_>, p: &ProfilePage<'_>) -> Markup {
    let lang = chrome.lang;
    let user = &p.profile.user;
    page(
        chrome,
        Msg::ProfileTitle.text(lang),
        html! {
            h1 { (Msg::ProfileTitle.text(lang)) }
            dl.facts {
                @if let Some(e) = &p.profile.employee {
                    dt { (Msg::FieldName.text(lang)) } dd { (e.name) }
                    dt { (Msg::FieldNip.text(lang)) } dd { (e.nip) }
                }
                @if let Some(a) = &p.profile.agency {
                    dt { (Msg::FieldAgency.text(lang)) } dd { (a.name) }
                }
                dt { (Msg::FieldEmail.text(lang)) } dd { (user.email) }
                dt { (Msg::FieldRole.text(lang)) } dd { (role_label(user.role).text(lang)) }
            }

            h2 { (Msg::ProfileLanguage.text(lang)) }
            form.inline-form method="post" action=(paths::PROFILE_LANGUAGE) {
                (csrf_field(chrome.csrf))
                label {
                    (Msg::ProfileLanguage.text(lang)) " "
                    select name="locale" {
                        option value="id" selected[user.locale == Locale::Id] { (Msg::LanguageIndonesian.text(lang)) }
                        option value="en" selected[user.locale == Locale::En] { (Msg::LanguageEnglish.text(lang)) }
                    }
                }
                " "
                button.primary type="submit" { (Msg::Save.text(lang)) }
            }

            h2 #token { (Msg::TokensTitle.text(lang)) }
            p.note { (Msg::TokensIntro.text(lang)) }
            @if let Some(token) = p.new_token {
                div.flash.ok role="status" {
                    p { (Msg::TokenCreated.text(lang)) }
                    p.token data-new-token { (token) }
                }
            }
            (error_summary(p.errors, lang))
            @if p.tokens.is_empty() {
                p { (Msg::TokenNone.text(lang)) }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            th { (Msg::TokenName.text(lang)) }
                            th { (Msg::TokenCreatedAt.text(lang)) }
                            th { (Msg::TokenLastUsed.text(lang)) }
                            th { (Msg::TokenStatus.text(lang)) }
                            th {}
                        } }
                        tbody {
                            @for t in p.tokens {
                                tr {
                                    td { (t.name) }
                                    td { (format::datetime(t.created_at, p.tz, lang)) }
                                    td { @match t.last_used_at { Some(at) => (format::datetime(at, p.tz, lang)), None => (Msg::Never.text(lang)) } }
                                    td { @if t.revoked_at.is_some() { (Msg::TokenRevokedStatus.text(lang)) } @else { (Msg::TokenActive.text(lang)) } }
                                    td {
                                        @if t.revoked_at.is_none() {
                                            form.inline method="post" action={ (paths::PROFILE_TOKENS) "/" (t.id) "/cabut" } {
                                                (csrf_field(chrome.csrf))
                                                button.link type="submit" { (Msg::TokenRevoke.text(lang)) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form.stack method="post" action=(paths::PROFILE_TOKENS) {
                (csrf_field(chrome.csrf))
                (input(Msg::TokenName.text(lang), "name", "text", "", p.errors, lang))
                button.primary type="submit" { (Msg::TokenCreate.text(lang)) }
            }
        },
    )
}

pub fn lang_of(locale: Locale) -> Lang {
    match locale {
        Locale::Id => Lang::Id,
        Locale::En => Lang::En,
    }
}
