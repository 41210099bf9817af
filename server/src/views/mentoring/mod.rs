//! Mentoring pages: one's own mentoring (the mentor's mentees with their last session, the
//! mentee's pairs, a supervisor's subordinates' pairs), a pair with its goals, sessions and
//! actions (record, correct, confirm, dispute, close), the form that pairs a mentor with a
//! mentee (with suggested mentors and the low-level warning), and the staff overview.

use bangkom_entities::enums::{MentoringPairStatus, SessionConfirmation, SessionMode};
use bangkom_entities::mentoring::pairs::{GOAL_FIELDS, LevelWarning};
use bangkom_entities::mentoring::read::{Overview, PairDetail, PairRow};
use bangkom_entities::mentoring::suggest::MentorCandidate;
use bangkom_entities::mentoring::{IDLE_HIGHLIGHT_DAYS, MINUTES_MAX};
use bangkom_entities::schema::{agencies, competencies, mentoring_sessions};
use chrono::NaiveDate;
use maud::{Markup, html};

use crate::forms::FieldErrors;
use crate::i18n::{Lang, Msg};
use crate::views::components::{error_summary, input, select};
use crate::views::format::date;
use crate::views::layout::{Chrome, csrf_field, page};
use crate::views::training::{badge, jp};

/// Route paths of the mentoring area, shared by the router and the links and forms.
pub mod paths {
    /// The visitor's own mentoring (as mentor, mentee or supervisor).
    pub const HOME: &str = "/mentoring";
    /// Staff: active pairs, sessions and hours per month, idle pairs.
    pub const OVERVIEW: &str = "/mentoring/ikhtisar";
    /// Pairing a mentor with a mentee.
    pub const NEW: &str = "/mentoring/baru";
    /// Followed by the pair's id (the job's e-mails link here too).
    pub const PAIRS: &str = bangkom_jobs::mentoring_reminders::PAIR_PATH;
    /// Followed by the session's id and an action.
    pub const SESSIONS: &str = "/mentoring/sesi";
}

pub fn pair_url(id: i64) -> String {
    format!("{}/{id}", paths::PAIRS)
}

pub fn pair_action(id: i64, action: &str) -> String {
    format!("{}/{id}/{action}", paths::PAIRS)
}

pub fn session_action(id: i64, action: &str) -> String {
    format!("{}/{id}/{action}", paths::SESSIONS)
}

/// Minutes as hours, one decimal ("1,5" / "1.5").
pub fn hours(minutes: i64, lang: Lang) -> String {
    jp((minutes * 10 / 60) as f64 / 10.0, lang)
}

/// Minutes as JP at the configured conversion, one decimal, rounded down.
pub fn jp_of(minutes: i64, per: i32, lang: Lang) -> String {
    jp((minutes * 10 / i64::from(per.max(1))) as f64 / 10.0, lang)
}

pub fn status_label(status: MentoringPairStatus) -> Msg {
    match status {
        MentoringPairStatus::Active => Msg::MentoringStatusActive,
        MentoringPairStatus::Completed => Msg::MentoringStatusCompleted,
        MentoringPairStatus::Cancelled => Msg::MentoringStatusCancelled,
    }
}

pub fn confirmation_label(c: SessionConfirmation) -> Msg {
    match c {
        SessionConfirmation::Pending => Msg::MentoringPending,
        SessionConfirmation::Confirmed => Msg::MentoringConfirmed,
        SessionConfirmation::Disputed => Msg::MentoringDisputed,
    }
}

pub fn mode_label(m: SessionMode) -> Msg {
    match m {
        SessionMode::FaceToFace => Msg::MentoringModeFaceToFace,
        SessionMode::Online => Msg::MentoringModeOnline,
    }
}

fn competency_name<'a>(id: &'a str, en: &'a str, lang: Lang) -> &'a str {
    if lang == Lang::En && !en.is_empty() { en } else { id }
}

fn last_session(row: &PairRow, lang: Lang) -> String {
    row.last_session_on
        .map(|d| date(d, lang))
        .unwrap_or_else(|| Msg::MentoringNoSessionYet.text(lang).to_owned())
}

// ---------------------------------------------------------------------------------------
// One's own mentoring
// ---------------------------------------------------------------------------------------

pub struct MinePage<'a> {
    pub as_mentor: &'a [PairRow],
    pub as_mentee: &'a [PairRow],
    pub supervised: &'a [PairRow],
    pub can_create: bool,
    pub staff: bool,
    pub today: NaiveDate,
    pub minutes_per_jp: i32,
}

pub fn mine(chrome: &Chrome<'_>, p: &MinePage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::MentoringTitle.text(lang);
    page(
        chrome,
        title,
        html! {
            h1 { (title) }
            p.note { (Msg::MentoringIntro.fill(lang, &[("per", &p.minutes_per_jp.to_string())])) }
            @if p.staff || p.can_create {
                div.actions {
                    @if p.can_create { a.button href=(paths::NEW) { (Msg::MentoringNewPair.text(lang)) } }
                    @if p.staff { a.button href=(paths::OVERVIEW) { (Msg::MentoringOverviewTitle.text(lang)) } }
                }
            }
            h2 { (Msg::MentoringMyMentees.text(lang)) }
            @if p.as_mentor.is_empty() { p { (Msg::MentoringNoMentees.text(lang)) } } @else {
                div.table-wrap { table #mentees {
                    thead { tr {
                        th scope="col" { (Msg::MentoringMentee.text(lang)) }
                        th scope="col" { (Msg::MentoringStatus.text(lang)) }
                        th scope="col" { (Msg::MentoringLastSession.text(lang)) }
                        th scope="col" { (Msg::MentoringWaiting.text(lang)) }
                    } }
                    tbody { @for r in p.as_mentor {
                        tr data-pair=(r.id) data-idle[r.idle(p.today)] {
                            td { a href=(pair_url(r.id)) { (r.mentee_name) } br; small { (r.mentee_agency) } }
                            td { (badge(r.status.as_str(), status_label(r.status).text(lang))) }
                            td data-last-session=[r.last_session_on.map(|d| d.to_string())] { (last_session(r, lang)) }
                            td { (r.pending) }
                        }
                    } }
                } }
            }
            h2 { (Msg::MentoringMyMentors.text(lang)) }
            @if p.as_mentee.is_empty() { p { (Msg::MentoringNoMentor.text(lang)) } } @else {
                ul #my-pairs { @for r in p.as_mentee {
                    li data-pair=(r.id) {
                        a href=(pair_url(r.id)) { (Msg::MentoringPairWith.fill(lang, &[("name", &r.mentor_name)])) }
                        " · " (badge(r.status.as_str(), status_label(r.status).text(lang)))
                        @if r.pending > 0 {
                            " · " strong { (Msg::MentoringWaitingYou.fill(lang, &[("count", &r.pending.to_string())])) }
                        }
                    }
                } }
            }
            @if !p.supervised.is_empty() {
                h2 { (Msg::MentoringSupervised.text(lang)) }
                (pairs_table(p.supervised, p.today, lang))
            }
        },
    )
}

fn pairs_table(rows: &[PairRow], today: NaiveDate, lang: Lang) -> Markup {
    html! {
        div.table-wrap { table {
            thead { tr {
                th scope="col" { (Msg::MentoringMentee.text(lang)) }
                th scope="col" { (Msg::MentoringMentor.text(lang)) }
                th scope="col" { (Msg::MentoringStatus.text(lang)) }
                th scope="col" { (Msg::MentoringLastSession.text(lang)) }
                th scope="col" { (Msg::MentoringConfirmedHours.text(lang)) }
            } }
            tbody { @for r in rows {
                @let idle = r.idle(today);
                tr data-pair=(r.id) data-idle[idle] class=[idle.then_some("idle")] {
                    td { a href=(pair_url(r.id)) { (r.mentee_name) } br; small { (r.mentee_agency) } }
                    td { (r.mentor_name) }
                    td { (badge(r.status.as_str(), status_label(r.status).text(lang))) }
                    td data-last-session=[r.last_session_on.map(|d| d.to_string())] {
                        (last_session(r, lang))
                        @if idle { " " span.tag { (Msg::MentoringIdle.fill(lang, &[("days", &IDLE_HIGHLIGHT_DAYS.to_string())])) } }
                    }
                    td.num { (hours(r.confirmed_minutes, lang)) }
                }
            } }
        } }
    }
}

// ---------------------------------------------------------------------------------------
// The staff overview
// ---------------------------------------------------------------------------------------

pub struct OverviewPage<'a> {
    pub overview: &'a Overview,
    pub agencies: &'a [agencies::Model],
    pub agency_id: &'a str,
    pub today: NaiveDate,
    pub minutes_per_jp: i32,
}

pub fn overview(chrome: &Chrome<'_>, p: &OverviewPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::MentoringOverviewTitle.text(lang);
    let none = FieldErrors::default();
    let agencies: Vec<(String, String)> =
        std::iter::once((String::new(), Msg::TrainingAllMyAgencies.text(lang).to_owned()))
            .chain(p.agencies.iter().map(|a| (a.id.to_string(), a.name.clone())))
            .collect();
    let idle = p.overview.idle(p.today);
    page(
        chrome,
        title,
        html! {
            h1 { (title) }
            div.actions { a.button href=(paths::NEW) { (Msg::MentoringNewPair.text(lang)) } }
            form.filters method="get" action=(paths::OVERVIEW) {
                (select(Msg::FieldAgency.text(lang), "opd", &agencies, p.agency_id, &none, lang))
                div.actions { button.primary type="submit" { (Msg::CatalogueShow.text(lang)) } }
            }
            div.cards {
                div.card data-active-pairs=(p.overview.active.len()) {
                    span.figure { (p.overview.active.len()) } span.label { (Msg::MentoringActivePairs.text(lang)) }
                }
                div.card data-idle-pairs=(idle) {
                    span.figure { (idle) }
                    span.label { (Msg::MentoringIdlePairs.fill(lang, &[("days", &IDLE_HIGHLIGHT_DAYS.to_string())])) }
                }
            }
            h2 { (Msg::MentoringPerMonth.text(lang)) }
            div.table-wrap { table #months {
                thead { tr {
                    th scope="col" { (Msg::MentoringMonth.text(lang)) }
                    th scope="col" { (Msg::MentoringSessions.text(lang)) }
                    th scope="col" { (Msg::MentoringConfirmedSessions.text(lang)) }
                    th scope="col" { (Msg::MentoringHours.text(lang)) }
                    th scope="col" { (Msg::MentoringConfirmedHours.text(lang)) }
                    th scope="col" { (Msg::TrainingJp.text(lang)) }
                } }
                tbody { @for m in &p.overview.months {
                    tr data-month=(format!("{}-{:02}", m.year, m.month)) {
                        td { (format!("{}-{:02}", m.year, m.month)) }
                        td.num data-sessions { (m.sessions) }
                        td.num { (m.confirmed_sessions) }
                        td.num { (hours(m.minutes, lang)) }
                        td.num data-confirmed-hours { (hours(m.confirmed_minutes, lang)) }
                        td.num { (jp_of(m.confirmed_minutes, p.minutes_per_jp, lang)) }
                    }
                } }
            } }
            h2 { (Msg::MentoringActivePairs.text(lang)) }
            @if p.overview.active.is_empty() { p { (Msg::MentoringNoPairs.text(lang)) } } @else {
                (pairs_table(&p.overview.active, p.today, lang))
            }
        },
    )
}

// ---------------------------------------------------------------------------------------
// Pairing
// ---------------------------------------------------------------------------------------

/// The pairing form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PairForm {
    pub mentee: String,
    pub mentor: String,
    pub starts_on: String,
    pub planned_end_on: String,
    pub competency_1: String,
    pub goal_1: String,
    pub target_1: String,
    pub competency_2: String,
    pub goal_2: String,
    pub target_2: String,
    pub competency_3: String,
    pub goal_3: String,
    pub target_3: String,
    /// The competency to suggest mentors for.
    pub competency: String,
}

impl PairForm {
    pub fn goals(&self) -> [(&str, &str, &str); 3] {
        [
            (&self.competency_1, &self.goal_1, &self.target_1),
            (&self.competency_2, &self.goal_2, &self.target_2),
            (&self.competency_3, &self.goal_3, &self.target_3),
        ]
    }
}

pub struct NewPage<'a> {
    pub form: &'a PairForm,
    pub errors: &'a FieldErrors,
    pub competencies: &'a [competencies::Model],
    /// For the form's mentee and competency, when both are given.
    pub suggestions: Option<&'a [MentorCandidate]>,
    pub max_active: u32,
}

pub fn new_pair(chrome: &Chrome<'_>, p: &NewPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::MentoringNewPair.text(lang);
    let f = p.form;
    let choices: Vec<(String, String)> = std::iter::once((String::new(), "—".to_owned()))
        .chain(p.competencies.iter().map(|c| {
            (c.id.to_string(), format!("{} · {}", c.code, competency_name(&c.name_id, &c.name_en, lang)))
        }))
        .collect();
    let levels: Vec<(String, String)> = std::iter::once((String::new(), "—".to_owned()))
        .chain((1..=5).map(|l| (l.to_string(), l.to_string())))
        .collect();
    let none = FieldErrors::default();
    let keep = |mentor: &str| {
        let mut query = vec![("mentee", f.mentee.clone()), ("competency", f.competency.clone())];
        query.push(("mentor", mentor.to_owned()));
        for (n, (c, g, t)) in f.goals().iter().enumerate() {
            let (cf, gf, tf) = GOAL_FIELDS[n];
            query.extend([(cf, c.to_string()), (gf, g.to_string()), (tf, t.to_string())]);
        }
        format!("{}?{}", paths::NEW, serde_urlencoded::to_string(&query).unwrap_or_default())
    };
    page(
        chrome,
        title,
        html! {
            h1 { (title) }
            section #suggest {
                h2 { (Msg::MentoringSuggestTitle.text(lang)) }
                p.note { (Msg::MentoringSuggestIntro.fill(lang, &[("max", &p.max_active.to_string())])) }
                form.filters method="get" action=(paths::NEW) {
                    (input(Msg::MentoringMenteeNip.text(lang), "mentee", "text", &f.mentee, &none, lang))
                    (select(Msg::MentoringCompetency.text(lang), "competency", &choices, &f.competency, &none, lang))
                    div.actions { button type="submit" { (Msg::MentoringSuggest.text(lang)) } }
                }
                @if let Some(list) = p.suggestions {
                    @if list.is_empty() { p { (Msg::MentoringNoSuggestion.text(lang)) } } @else {
                        ol #suggestions { @for c in list {
                            li data-candidate=(c.nip) {
                                strong { (c.name) } " · " (c.agency_name) " · "
                                (Msg::MentoringCandidateFacts.fill(lang, &[("level", &c.level.to_string()), ("count", &c.active_mentees.to_string())]))
                                @if c.active_mentees >= i64::from(p.max_active) { " " span.tag { (Msg::MentoringAtLimit.text(lang)) } }
                                @else { " " a href=(keep(&c.nip)) { (Msg::MentoringChoose.text(lang)) } }
                            }
                        } }
                    }
                }
            }
            h2 { (Msg::MentoringPairForm.text(lang)) }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(paths::NEW) {
                (csrf_field(chrome.csrf))
                (input(Msg::MentoringMenteeNip.text(lang), "mentee", "text", &f.mentee, p.errors, lang))
                (input(Msg::MentoringMentorNip.text(lang), "mentor", "text", &f.mentor, p.errors, lang))
                (input(Msg::MentoringStartsOn.text(lang), "starts_on", "date", &f.starts_on, p.errors, lang))
                (input(Msg::MentoringPlannedEnd.text(lang), "planned_end_on", "date", &f.planned_end_on, p.errors, lang))
                @for (n, (c, g, t)) in f.goals().iter().enumerate() {
                    @let (cf, gf, tf) = GOAL_FIELDS[n];
                    fieldset {
                        legend { (Msg::MentoringFocus.fill(lang, &[("n", &(n + 1).to_string())])) }
                        (select(Msg::MentoringCompetency.text(lang), cf, &choices, c, p.errors, lang))
                        (input(Msg::MentoringGoal.text(lang), gf, "text", g, p.errors, lang))
                        (select(Msg::MentoringTargetLevel.text(lang), tf, &levels, t, p.errors, lang))
                    }
                }
                div.actions { button.primary type="submit" { (Msg::MentoringCreate.text(lang)) } }
            }
        },
    )
}

// ---------------------------------------------------------------------------------------
// A pair
// ---------------------------------------------------------------------------------------

/// A session form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub held_on: String,
    pub minutes: String,
    pub mode: String,
    pub topic: String,
    pub notes: String,
    pub actions: String,
}

impl SessionForm {
    pub fn of(s: &mentoring_sessions::Model) -> SessionForm {
        SessionForm {
            held_on: s.held_on.format("%Y-%m-%d").to_string(),
            minutes: s.minutes.to_string(),
            mode: s.mode.as_str().to_owned(),
            topic: s.topic.clone(),
            notes: s.notes.clone().unwrap_or_default(),
            actions: s.actions.clone().unwrap_or_default(),
        }
    }
}

pub struct PairPage<'a> {
    pub detail: &'a PairDetail,
    /// The visitor is the mentor (records, corrects, closes) or the mentee (confirms).
    pub is_mentor: bool,
    pub is_mentee: bool,
    pub session_form: &'a SessionForm,
    pub errors: &'a FieldErrors,
    pub minutes_per_jp: i32,
    pub today: NaiveDate,
}

fn warning_text(w: &LevelWarning, lang: Lang) -> String {
    Msg::MentoringLowLevelWarning.fill(
        lang,
        &[
            ("code", &w.competency_code),
            ("level", &w.mentor_level.map(|l| l.to_string()).unwrap_or_else(|| "—".into())),
            ("target", &w.target_level.to_string()),
        ],
    )
}

fn session_fields(f: &SessionForm, errors: &FieldErrors, lang: Lang) -> Markup {
    let modes: Vec<(String, String)> = SessionMode::ALL
        .iter()
        .map(|m| (m.as_str().to_owned(), mode_label(*m).text(lang).to_owned()))
        .collect();
    let mode = if f.mode.is_empty() { SessionMode::FaceToFace.as_str() } else { f.mode.as_str() };
    let area = |label: Msg, name: &str, value: &str| {
        let error = errors.for_field(name, lang);
        html! {
            label { (label.text(lang))
                textarea name=(name) rows="3" aria-invalid=[error.as_ref().map(|_| "true")] { (value) }
                @if let Some(e) = error { span.field-error { (e) } }
            }
        }
    };
    html! {
        (input(Msg::MentoringHeldOn.text(lang), "held_on", "date", &f.held_on, errors, lang))
        (input(&Msg::MentoringMinutes.fill(lang, &[("max", &MINUTES_MAX.to_string())]), "minutes", "number", &f.minutes, errors, lang))
        (select(Msg::MentoringMode.text(lang), "mode", &modes, mode, errors, lang))
        (input(Msg::MentoringTopic.text(lang), "topic", "text", &f.topic, errors, lang))
        (area(Msg::MentoringNotes, "notes", &f.notes))
        (area(Msg::MentoringActions, "actions", &f.actions))
    }
}

pub fn pair(chrome: &Chrome<'_>, p: &PairPage<'_>) -> Markup {
    let lang = chrome.lang;
    let d = p.detail;
    let pair = &d.people.pair;
    let title = Msg::MentoringPairTitle
        .fill(lang, &[("mentor", &d.people.mentor.name), ("mentee", &d.people.mentee.name)]);
    let active = pair.status == MentoringPairStatus::Active;
    let confirmed = d.confirmed_minutes();
    page(
        chrome,
        &title,
        html! {
            h1 { (title) }
            (error_summary(p.errors, lang))
            section #summary data-status=(pair.status.as_str()) {
                dl.facts {
                    dt { (Msg::MentoringStatus.text(lang)) } dd { (badge(pair.status.as_str(), status_label(pair.status).text(lang))) }
                    dt { (Msg::MentoringMentor.text(lang)) } dd { (d.people.mentor.name) " (" (d.people.mentor.nip) ")" }
                    dt { (Msg::MentoringMentee.text(lang)) } dd { (d.people.mentee.name) " (" (d.people.mentee.nip) ")" }
                    dt { (Msg::MentoringPeriod.text(lang)) }
                    dd {
                        (date(pair.starts_on, lang)) " – "
                        @if let Some(end) = pair.ended_on { (date(end, lang)) }
                        @else if let Some(end) = pair.planned_end_on { (date(end, lang)) " (" (Msg::MentoringPlanned.text(lang)) ")" }
                    }
                    dt { (Msg::MentoringSessions.text(lang)) }
                    dd data-sessions=(d.sessions.len()) data-confirmed-sessions=(d.confirmed_sessions()) {
                        (Msg::MentoringSessionCounts.fill(lang, &[("all", &d.sessions.len().to_string()), ("confirmed", &d.confirmed_sessions().to_string())]))
                    }
                    dt { (Msg::MentoringConfirmedHours.text(lang)) }
                    dd data-confirmed-minutes=(confirmed) {
                        (hours(confirmed, lang)) " " (Msg::MentoringHoursUnit.text(lang)) " = " (jp_of(confirmed, p.minutes_per_jp, lang)) " JP"
                    }
                    dt { (Msg::MentoringGoalsMet.text(lang)) }
                    dd data-goals-met=(d.goals_met()) { (d.goals_met()) " / " (d.goals.len()) }
                    @if let Some(summary) = &pair.summary {
                        dt { (Msg::MentoringSummary.text(lang)) } dd { (summary) }
                    }
                }
            }
            h2 { (Msg::MentoringGoals.text(lang)) }
            div.table-wrap { table #goals {
                thead { tr {
                    th scope="col" { (Msg::MentoringCompetency.text(lang)) }
                    th scope="col" { (Msg::MentoringGoal.text(lang)) }
                    th scope="col" { (Msg::MentoringTargetLevel.text(lang)) }
                    th scope="col" { (Msg::MentoringMentorLevel.text(lang)) }
                    th scope="col" { (Msg::MentoringMenteeLevel.text(lang)) }
                    th scope="col" { (Msg::MentoringFinalRating.text(lang)) }
                } }
                tbody { @for g in &d.goals {
                    tr data-goal=(g.competency_code) data-met[g.met()] {
                        td { (g.competency_code) " · " (competency_name(&g.competency_name_id, &g.competency_name_en, lang)) }
                        td { (g.goal.goal) }
                        td.num { (g.goal.target_level) }
                        td.num { (g.mentor_level.map(|l| l.to_string()).unwrap_or_else(|| "—".into())) }
                        td.num { (g.mentee_level.map(|l| l.to_string()).unwrap_or_else(|| "—".into())) }
                        td.num { (g.goal.final_rating.map(|l| l.to_string()).unwrap_or_default()) }
                    }
                } }
            } }
            @for w in d.goals.iter().filter_map(|g| g.warning()) {
                @if active { p.flash.error.level-warning role="note" data-warning=(w.competency_code) { (warning_text(&w, lang)) } }
            }
            h2 { (Msg::MentoringSessions.text(lang)) }
            @if d.sessions.is_empty() { p { (Msg::MentoringNoSessions.text(lang)) } }
            @for s in &d.sessions {
                article.session data-session=(s.id) data-confirmation=(s.confirmation.as_str()) {
                    h3 { (date(s.held_on, lang)) " · " (s.topic) }
                    p {
                        (s.minutes) " " (Msg::TrainingMinutes.text(lang)) " · " (mode_label(s.mode).text(lang)) " · "
                        (badge(s.confirmation.as_str(), confirmation_label(s.confirmation).text(lang)))
                    }
                    @if let Some(notes) = &s.notes { p { strong { (Msg::MentoringNotes.text(lang)) ": " } (notes) } }
                    @if let Some(actions) = &s.actions { p.actions-agreed { strong { (Msg::MentoringActions.text(lang)) ": " } (actions) } }
                    @if let Some(reason) = &s.dispute_reason { p.note { strong { (Msg::MentoringDisputeReason.text(lang)) ": " } (reason) } }
                    @if p.is_mentee && s.confirmation == SessionConfirmation::Pending {
                        div.actions {
                            form.inline method="post" action=(session_action(s.id, "konfirmasi")) {
                                (csrf_field(chrome.csrf))
                                button.primary type="submit" { (Msg::MentoringConfirm.text(lang)) }
                            }
                        }
                        form.stack method="post" action=(session_action(s.id, "sanggah")) {
                            (csrf_field(chrome.csrf))
                            label { (Msg::MentoringDisputeReason.text(lang)) textarea name="reason" rows="2" {} }
                            button type="submit" { (Msg::MentoringDispute.text(lang)) }
                        }
                    }
                    @if p.is_mentor && active {
                        p { a href=(session_action(s.id, "ubah")) { (Msg::MentoringEditSession.text(lang)) } }
                    }
                }
            }
            @if p.is_mentor && active {
                h2 { (Msg::MentoringRecordSession.text(lang)) }
                form.stack #record method="post" action=(pair_action(pair.id, "sesi")) {
                    (csrf_field(chrome.csrf))
                    (session_fields(p.session_form, p.errors, lang))
                    div.actions { button.primary type="submit" { (Msg::MentoringRecord.text(lang)) } }
                }
                h2 { (Msg::MentoringClose.text(lang)) }
                form.stack #close method="post" action=(pair_action(pair.id, "tutup")) {
                    (csrf_field(chrome.csrf))
                    p.note { (Msg::MentoringCloseIntro.text(lang)) }
                    @for g in &d.goals {
                        label {
                            (Msg::MentoringRatingFor.fill(lang, &[("code", &g.competency_code), ("target", &g.goal.target_level.to_string())]))
                            select name={ "rating_" (g.goal.id) } {
                                option value="" { "—" }
                                @for l in 1..=5 { option value=(l) { (l) } }
                            }
                        }
                    }
                    label { (Msg::MentoringSummary.text(lang)) textarea name="summary" rows="3" {} }
                    div.actions { button type="submit" { (Msg::MentoringCloseButton.text(lang)) } }
                }
            }
            p { a href=(paths::HOME) { "← " (Msg::MentoringTitle.text(lang)) } }
        },
    )
}

pub struct EditSessionPage<'a> {
    pub session: &'a mentoring_sessions::Model,
    pub form: &'a SessionForm,
    pub errors: &'a FieldErrors,
}

pub fn edit_session(chrome: &Chrome<'_>, p: &EditSessionPage<'_>) -> Markup {
    let lang = chrome.lang;
    let title = Msg::MentoringEditSession.text(lang);
    page(
        chrome,
        title,
        html! {
            h1 { (title) }
            @if p.session.confirmation != SessionConfirmation::Pending {
                p.note { (Msg::MentoringEditResets.text(lang)) }
            }
            (error_summary(p.errors, lang))
            form.stack method="post" action=(session_action(p.session.id, "ubah")) {
                (csrf_field(chrome.csrf))
                (session_fields(p.form, p.errors, lang))
                div.actions { button.primary type="submit" { (Msg::MentoringSave.text(lang)) } }
            }
            p { a href=(pair_url(p.session.pair_id)) { "← " (Msg::MentoringBackToPair.text(lang)) } }
        },
    )
}
