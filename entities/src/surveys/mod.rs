//! Post-training evaluation (Kirkpatrick level 1, reaction, and level 3, behaviour): survey
//! templates and their questions ([`templates`], with the Indonesian defaults in
//! [`defaults`]), the invitations the `survey-dispatch` job creates ([`dispatch`]), answering
//! through a personal link ([`answering`]) and the results staff read ([`results`]).
//!
//! Who is asked, and when (the rules the dispatch job applies):
//! - level 1 (reaction) goes to every participant whose completion is recorded, passed or
//!   failed (`enrolments.state` `passed`/`failed` with `completed_at`): the reaction to the
//!   training matters whatever the result. Completions older than the answer window
//!   ([`SurveySettings::expiry_days`]) are not surveyed, so switching the feature on does not
//!   mail years of history.
//! - level 3 (behaviour) goes `training_programs.level3_delay_days` days after the batch
//!   ended, to participants who passed and to their direct supervisors (a failed participant
//!   was not certified as having learned; there is no behaviour to rate). Batches that
//!   became due longer ago than the answer window are skipped for the same reason.
//! - Reminders go after [`SurveySettings::reminder_days`] days to those who have not answered;
//!   an open invitation expires after [`SurveySettings::expiry_days`] days.

pub mod answering;
pub mod defaults;
pub mod dispatch;
pub mod results;
mod sql;
pub mod templates;

use crate::enums::{Locale, SurveyAudience, SurveyLevel};
use crate::i18n::Lang;

/// Where a survey is answered: followed by `/` and the invitation's secret.
pub const ANSWER_PATH: &str = "/survei";

/// Configurable rules of the evaluation (the `[evaluation]` settings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveySettings {
    /// Days after the invitation when a reminder goes to those who have not answered.
    pub reminder_days: Vec<u32>,
    /// Days an invitation stays open.
    pub expiry_days: u32,
    /// Agency-level results of fewer respondents than this are not shown.
    pub min_group_size: u32,
}

impl Default for SurveySettings {
    fn default() -> Self {
        SurveySettings { reminder_days: vec![3, 7], expiry_days: 21, min_group_size: 5 }
    }
}

/// The outbox dedupe key of an invitation's first message.
pub fn invitation_mail_key(invitation_id: i64) -> String {
    format!("{INVITATION_MAIL_PREFIX}{invitation_id}")
}

/// The outbox dedupe key of an invitation's `n`th reminder.
pub fn reminder_mail_key(invitation_id: i64, n: u32) -> String {
    format!("survey-reminder:{invitation_id}:{n}")
}

pub(crate) const INVITATION_MAIL_PREFIX: &str = "survey-invitation:";

/// The language of a recipient: their account's choice, else Indonesian.
pub fn lang_of(locale: Option<Locale>) -> Lang {
    match locale {
        Some(Locale::En) => Lang::En,
        _ => Lang::Id,
    }
}

/// "Level 1 (reaction)" etc. as a short code used in CSV files and the API.
pub fn level_number(level: SurveyLevel) -> u8 {
    match level {
        SurveyLevel::Reaction => 1,
        SurveyLevel::Behaviour => 3,
    }
}

/// The (level, audience) pairs surveys exist for.
pub const KINDS: [(SurveyLevel, SurveyAudience); 3] = [
    (SurveyLevel::Reaction, SurveyAudience::Participant),
    (SurveyLevel::Behaviour, SurveyAudience::Participant),
    (SurveyLevel::Behaviour, SurveyAudience::Supervisor),
];
