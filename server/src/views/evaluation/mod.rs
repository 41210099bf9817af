//! Pages of the evaluation area: answering a survey (public, by personal link), the staff's
//! survey templates and the results.

pub mod answer;
pub mod results;
pub mod templates;

use bangkom_entities::enums::{QuestionKind, SurveyAudience, SurveyLevel};

use crate::i18n::Msg;

/// Route paths of the area, shared by the router (routes/evaluation) and the links.
pub mod paths {
    /// Followed by `/` and the invitation's secret.
    pub const ANSWER: &str = bangkom_entities::surveys::ANSWER_PATH;
    /// Results overview (programs with invitations).
    pub const HOME: &str = "/admin/evaluasi";
    /// Followed by `/{program id}`; `/{program id}/hasil.csv` for the CSV.
    pub const PROGRAM: &str = "/admin/evaluasi/program";
    pub const TEMPLATES: &str = "/admin/evaluasi/templat";
    pub const TEMPLATE_COPY: &str = "/admin/evaluasi/templat/salin";

    pub fn program(id: i64) -> String {
        format!("{PROGRAM}/{id}")
    }

    pub fn template(id: i64) -> String {
        format!("{TEMPLATES}/{id}")
    }

    pub fn question(template: i64, question: i64) -> String {
        format!("{TEMPLATES}/{template}/pertanyaan/{question}")
    }
}

pub fn level_label(level: SurveyLevel) -> Msg {
    match level {
        SurveyLevel::Reaction => Msg::EvalLevelReaction,
        SurveyLevel::Behaviour => Msg::EvalLevelBehaviour,
    }
}

pub fn audience_label(audience: SurveyAudience) -> Msg {
    match audience {
        SurveyAudience::Participant => Msg::EvalAudienceParticipant,
        SurveyAudience::Supervisor => Msg::EvalAudienceSupervisor,
    }
}

pub fn kind_label(kind: QuestionKind) -> Msg {
    match kind {
        QuestionKind::Likert => Msg::EvalKindLikert,
        QuestionKind::SingleChoice => Msg::EvalKindSingleChoice,
        QuestionKind::FreeText => Msg::EvalKindFreeText,
        QuestionKind::CompetencyRating => Msg::EvalKindCompetencyRating,
    }
}

pub const LIKERT: [Msg; 5] =
    [Msg::EvalLikert1, Msg::EvalLikert2, Msg::EvalLikert3, Msg::EvalLikert4, Msg::EvalLikert5];

/// "78%" (or "—").
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0))
}

/// "4,25" in Indonesian, "4.25" in English (or "—").
pub fn decimal(value: Option<f64>, lang: crate::i18n::Lang) -> String {
    match value {
        None => "—".to_owned(),
        Some(v) => {
            let s = format!("{v:.2}");
            match lang {
                crate::i18n::Lang::Id => s.replace('.', ","),
                crate::i18n::Lang::En => s,
            }
        }
    }
}
