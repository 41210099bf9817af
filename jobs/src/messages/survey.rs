//! Evaluation survey e-mails: the invitation (level 1 to the participant; level 3 to the
//! participant or to the supervisor) and its reminders, each with the personal link.

use bangkom_entities::enums::{SurveyAudience, SurveyLevel};
use bangkom_entities::i18n::{Lang, Msg};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::html;

use super::{Composed, html_frame};

/// What a survey e-mail says.
pub struct SurveyMail<'a> {
    pub lang: Lang,
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub to_email: &'a str,
    pub to_name: &'a str,
    pub participant_name: &'a str,
    pub program_title: &'a str,
    pub batch_name: &'a str,
    pub link: &'a str,
    pub expires_at: DateTime<Utc>,
    pub tz: Tz,
}

/// "25 November 2026" in the deployment's zone.
fn day(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    bangkom_entities::i18n::long_date(at.with_timezone(&tz).date_naive(), lang)
}

impl SurveyMail<'_> {
    fn values(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.to_name.to_owned()),
            ("participant", self.participant_name.to_owned()),
            ("program", self.program_title.to_owned()),
            ("batch", self.batch_name.to_owned()),
            ("deadline", day(self.expires_at, self.tz, self.lang)),
        ]
    }

    fn fill(&self, msg: Msg) -> String {
        let values = self.values();
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        msg.fill(self.lang, &values)
    }

    fn subject(&self) -> String {
        self.fill(match (self.level, self.audience) {
            (SurveyLevel::Reaction, _) => Msg::EvalMailSubjectReaction,
            (SurveyLevel::Behaviour, SurveyAudience::Participant) => Msg::EvalMailSubjectBehaviour,
            (SurveyLevel::Behaviour, SurveyAudience::Supervisor) => Msg::EvalMailSubjectSupervisor,
        })
    }

    fn body(&self) -> String {
        self.fill(match (self.level, self.audience) {
            (SurveyLevel::Reaction, _) => Msg::EvalMailBodyReaction,
            (SurveyLevel::Behaviour, SurveyAudience::Participant) => Msg::EvalMailBodyBehaviour,
            (SurveyLevel::Behaviour, SurveyAudience::Supervisor) => Msg::EvalMailBodySupervisor,
        })
    }

    fn compose(&self, subject: String, lead: Option<String>) -> Composed {
        let greeting = self.fill(Msg::EvalMailGreeting);
        let body = self.body();
        let deadline = self.fill(Msg::EvalMailDeadline);
        let privacy = match self.audience {
            SurveyAudience::Participant => self.fill(Msg::EvalMailPrivacy),
            SurveyAudience::Supervisor => self.fill(Msg::EvalMailSupervisorNote),
        };
        let mut text = format!("{greeting}\n\n");
        if let Some(lead) = &lead {
            text.push_str(&format!("{lead}\n\n"));
        }
        text.push_str(&format!("{body}\n\n{}\n\n{deadline}\n{privacy}\n", self.link));
        let html = html_frame(
            self.lang.code(),
            &subject,
            html! {
                p { (greeting) }
                @if let Some(lead) = &lead { p { strong { (lead) } } }
                p { (body) }
                p { a href=(self.link) { (self.fill(Msg::EvalMailButton)) } }
                p style="font-size: 13px; color: #4a5560;" { (self.link) }
                p { (deadline) }
                p style="font-size: 13px; color: #4a5560;" { (privacy) }
            },
        );
        Composed {
            to_email: self.to_email.to_owned(),
            to_name: Some(self.to_name.to_owned()),
            subject,
            text,
            html,
        }
    }
}

/// The first e-mail of an invitation.
pub fn invitation(mail: &SurveyMail<'_>) -> Composed {
    mail.compose(mail.subject(), None)
}

/// A reminder to someone who has not answered yet.
pub fn reminder(mail: &SurveyMail<'_>) -> Composed {
    let subject = mail.fill(Msg::EvalMailReminderSubject).replace("{subject}", &mail.subject());
    mail.compose(subject, Some(mail.fill(Msg::EvalMailReminderLead)))
}
