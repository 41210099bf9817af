use bangkom_entities::policy::Action;
use bangkom_entities::policy::Actor;
use maud::{DOCTYPE, Markup, html};

use crate::i18n::{Lang, Msg};
use crate::routes::paths;
use crate::web::{CSRF_FIELD, Visitor};

/// What the page frame needs to know about the visitor.
pub struct Chrome<'a> {
    pub lang: Lang,
    pub actor: Option<&'a Actor>,
    pub csrf: &'a str,
    pub flash: Option<Msg>,
}

impl<'a> Chrome<'a> {
    /// For pages rendered without a visitor (error pages).
    pub fn bare(lang: Lang) -> Chrome<'static> {
        Chrome { lang, actor: None, csrf: "", flash: None }
    }
}

impl Visitor {
    pub fn chrome(&self) -> Chrome<'_> {
        Chrome { lang: self.lang, actor: self.actor.as_ref(), csrf: &self.csrf, flash: self.flash }
    }
}

/// The hidden field every form must carry.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name=(CSRF_FIELD) value=(token); }
}

fn nav_items(actor: Option<&Actor>) -> Vec<(&'static str, Msg)> {
    let mut items = vec![(paths::HOME, Msg::NavHome)];
    let Some(actor) = actor else { return items };
    items.push((paths::PROFILE, Msg::NavProfile));
    items.push((crate::views::training::paths::CALENDAR, Msg::TrainingNav));
    items.push((crate::views::gaps::paths::DASHBOARD, Msg::NavGaps));
    // Mentors, mentees and supervisors see their pairs there; staff also the overview.
    if actor.employee_id.is_some() || actor.may(Action::UseStaffPages) {
        items.push((crate::views::mentoring::paths::HOME, Msg::MentoringNav));
    }
    if actor.may(Action::UseStaffPages) {
        items.extend([
            (paths::ADMIN_EMPLOYEES, Msg::NavEmployees),
            (paths::ADMIN_AGENCIES, Msg::NavAgencies),
            (paths::ADMIN_POSITIONS, Msg::NavPositions),
            (paths::ADMIN_COMPETENCIES, Msg::NavCompetencies),
            (paths::ADMIN_USERS, Msg::NavUsers),
            (paths::ADMIN_IMPORT, Msg::NavImport),
            (crate::views::evaluation::paths::HOME, Msg::EvalNav),
        ]);
    }
    if actor.may(Action::ViewAuditLog) {
        items.push((paths::ADMIN_AUDIT, Msg::NavAudit));
    }
    if actor.may(Action::ManageOperations) {
        items.push((paths::ADMIN_OPERATIONS, Msg::NavOperations));
    }
    items
}

/// The page frame every HTML response uses: navigation fitted to the visitor's role, the
/// language switch, the flash message.
pub fn page(chrome: &Chrome<'_>, title: &str, content: Markup) -> Markup {
    let lang = chrome.lang;
    let other = match lang {
        Lang::Id => Lang::En,
        Lang::En => Lang::Id,
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Bangkom" }
                link rel="stylesheet" href=(paths::STYLESHEET);
            }
            body {
                a.skip href="#content" { (Msg::SkipToContent.text(lang)) }
                header.top {
                    div.bar {
                        a.brand href=(paths::HOME) {
                            "Bangkom"
                            small { (Msg::AppTagline.text(lang)) }
                        }
                        nav.main aria-label=(Msg::MenuLabel.text(lang)) {
                            ul {
                                @for (href, label) in nav_items(chrome.actor) {
                                    li { a href=(href) { (label.text(lang)) } }
                                }
                                li { a href={ (paths::LANGUAGE) "?to=" (other.code()) } lang=(other.code()) { (Msg::LanguageSwitch.text(lang)) } }
                                @if let Some(actor) = chrome.actor {
                                    li {
                                        form.inline method="post" action=(paths::LOGOUT) {
                                            (csrf_field(chrome.csrf))
                                            button.link type="submit" title={ (Msg::SignedInAs.text(lang)) " " (actor.email) } { (Msg::NavLogout.text(lang)) }
                                        }
                                    }
                                } @else {
                                    li { a href=(paths::LOGIN) { (Msg::NavLogin.text(lang)) } }
                                }
                            }
                        }
                    }
                }
                main #content {
                    @if let Some(flash) = chrome.flash {
                        p.flash role="status" { (flash.text(lang)) }
                    }
                    (content)
                }
                footer { (Msg::FooterNote.text(lang)) }
            }
        }
    }
}
