//! Mentoring: a mentor and a mentee paired on focus competencies (each with a goal and a
//! target level), sessions the mentor records and the mentee confirms or disputes, the JP
//! credit of confirmed time (in [`crate::training::recap`]), closing with a rating per focus
//! competency that becomes an assessment, and the reminders' selection.
//!
//! - [`pairs`]: creating a pair (no self-mentoring, the active-mentee limit, a warning, not a
//!   refusal, when the mentor's level is below a goal's target), closing it.
//! - [`sessions`]: recording, editing (back to pending), confirming and disputing.
//! - [`suggest`]: candidate mentors for a mentee and a competency, shared with the individual
//!   development plan of the gaps area.
//! - [`read`]: the lists and pages (mentor's mentees, the pair, the staff overview).
//! - [`reminders`]: who the `mentoring-reminders` job writes to, selected in SQL.
//!
//! Who may do what is the policy's ([`crate::policy::Action::ViewMentoringPair`] and the
//! others); writes run in [`crate::tx::begin_write`] with an audit record.

pub mod pairs;
pub mod read;
pub mod reminders;
pub mod sessions;
pub mod suggest;

use chrono::NaiveDate;

use crate::enums::SessionConfirmation;
use crate::i18n::Msg;
pub use crate::validation::{Problem, WriteError};

/// What a deployment configures for mentoring (the JP conversion is the training rules').
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentoringSettings {
    /// Active pairs one mentor may have at once.
    pub max_active_mentees: u32,
    /// Days without a session after which the mentor of an active pair is reminded.
    pub reminder_days: u32,
}

pub const DEFAULT_MAX_ACTIVE_MENTEES: u32 = 5;
pub const DEFAULT_REMINDER_DAYS: u32 = 14;
/// The staff overview highlights active pairs without a session for this many days.
pub const IDLE_HIGHLIGHT_DAYS: i64 = 30;

impl Default for MentoringSettings {
    fn default() -> Self {
        MentoringSettings {
            max_active_mentees: DEFAULT_MAX_ACTIVE_MENTEES,
            reminder_days: DEFAULT_REMINDER_DAYS,
        }
    }
}

/// The longest topic (the column's width), goal, notes or reason.
pub const TOPIC_MAX: usize = 300;
pub const TEXT_MAX: usize = 4000;
/// A session lasts 1 to 1440 minutes (the database checks it too).
pub const MINUTES_MAX: i32 = 1440;

/// What happens to a session's confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionAction {
    Confirm,
    Dispute,
    /// The mentor changed it: the mentee confirms again.
    Edit,
}

/// The session's confirmation after `action`, or `None` when it does not apply.
pub fn transition(from: SessionConfirmation, action: SessionAction) -> Option<SessionConfirmation> {
    use SessionConfirmation::*;
    match (from, action) {
        (Pending, SessionAction::Confirm) => Some(Confirmed),
        (Pending, SessionAction::Dispute) => Some(Disputed),
        (_, SessionAction::Edit) => Some(Pending),
        _ => None,
    }
}

pub(crate) fn one(field: &'static str, msg: Msg) -> WriteError {
    WriteError::Invalid(vec![Problem::new(field, msg)])
}

/// A date typed as `YYYY-MM-DD` (what `<input type=date>` sends).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// Optional text: trimmed, empty is none, at most `max` characters.
pub(crate) fn optional_text(
    field: &'static str,
    raw: &str,
    max: usize,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let t = raw.trim();
    if t.chars().count() > max {
        problems.push(Problem::new(field, Msg::MentoringTooLong).with("max", max));
    }
    Some(t.to_owned()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_always_asks_again_and_only_pending_is_decided() {
        use SessionConfirmation::*;
        assert_eq!(transition(Confirmed, SessionAction::Edit), Some(Pending));
        assert_eq!(transition(Disputed, SessionAction::Edit), Some(Pending));
        assert_eq!(transition(Pending, SessionAction::Confirm), Some(Confirmed));
        assert_eq!(transition(Pending, SessionAction::Dispute), Some(Disputed));
        assert_eq!(transition(Confirmed, SessionAction::Dispute), None);
        assert_eq!(transition(Disputed, SessionAction::Confirm), None);
    }
}
