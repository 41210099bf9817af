//! Answering a survey through the personal link: finding the invitation by its secret (only
//! the SHA-256 is stored), checking every answer, and storing them once. A supervisor's
//! level-3 competency ratings become competency assessments (source: post-training
//! evaluation) in the same transaction, so the gap analysis sees them.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder,
};

use super::defaults::ChoiceOption;
use super::sql::Sql;
use super::templates::options_of;
use crate::assessments::{self, AssessmentError, CountingRule, NewAssessment};
use crate::auth::hash_secret;
use crate::enums::{AssessmentSource, InvitationState, Locale, QuestionKind, SurveyAudience, SurveyLevel};
use crate::i18n::{Lang, Msg};
use crate::schema::{survey_answers, survey_questions};
use crate::tx;

/// The longest free-text answer.
pub const MAX_TEXT: usize = 4000;

/// An invitation with what its page shows.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Invitation {
    pub id: i64,
    pub enrolment_id: i64,
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub state: InvitationState,
    pub expires_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub template_id: i64,
    pub recipient_employee_id: i64,
    pub recipient_name: String,
    pub locale: Option<Locale>,
    pub participant_id: i64,
    pub participant_name: String,
    pub program_id: i64,
    pub program_code: String,
    pub program_title: String,
    pub batch_name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// A competency the program targets, rated in competency-rating questions.
#[derive(Debug, Clone, FromQueryResult)]
pub struct RatedCompetency {
    pub id: i64,
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    pub target_level: i16,
}

impl RatedCompetency {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.name_id,
            Lang::En => &self.name_en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Question {
    pub question: survey_questions::Model,
    pub options: Vec<ChoiceOption>,
}

impl Question {
    pub fn prompt(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.question.prompt_id,
            Lang::En => &self.question.prompt_en,
        }
    }
}

/// An open survey, ready to be shown or answered.
#[derive(Debug, Clone)]
pub struct Survey {
    pub invitation: Invitation,
    /// The recipient's language (their account's choice, else Indonesian).
    pub lang: Lang,
    pub questions: Vec<Question>,
    pub competencies: Vec<RatedCompetency>,
}

/// What a link leads to.
#[derive(Debug, Clone)]
pub enum Opened {
    Open(Box<Survey>),
    Answered { lang: Lang, answered_at: Option<DateTime<Utc>> },
    Expired { lang: Lang, expires_at: DateTime<Utc> },
}

/// Finds the invitation a secret belongs to; `None` when the link is unknown.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<Opened>, DbErr> {
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let mut sql = Sql::new(
        "SELECT i.id, i.enrolment_id, i.level, i.audience, i.state, i.expires_at, i.answered_at, \
                i.template_id, i.recipient_employee_id, r.name AS recipient_name, u.locale AS locale, \
                p.id AS participant_id, p.name AS participant_name, pr.id AS program_id, \
                pr.code AS program_code, pr.title AS program_title, b.name AS batch_name, \
                b.starts_on, b.ends_on \
         FROM survey_invitations i \
         JOIN employees r ON r.id = i.recipient_employee_id \
         LEFT JOIN users u ON u.employee_id = r.id \
         JOIN enrolments e ON e.id = i.enrolment_id \
         JOIN employees p ON p.id = e.employee_id \
         JOIN training_batches b ON b.id = e.batch_id \
         JOIN training_programs pr ON pr.id = b.program_id \
         WHERE i.token_hash = ",
    );
    sql.bind(hash_secret(&secret.to_ascii_lowercase()));
    let Some(invitation) =
        Invitation::find_by_statement(sql.build(db.get_database_backend())).one(db).await?
    else {
        return Ok(None);
    };
    let lang = super::lang_of(invitation.locale);
    match invitation.state {
        InvitationState::Answered => {
            return Ok(Some(Opened::Answered { lang, answered_at: invitation.answered_at }));
        }
        InvitationState::Expired => {
            return Ok(Some(Opened::Expired { lang, expires_at: invitation.expires_at }));
        }
        InvitationState::Pending if invitation.expires_at <= now => {
            return Ok(Some(Opened::Expired { lang, expires_at: invitation.expires_at }));
        }
        InvitationState::Pending => {}
    }
    let questions = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(invitation.template_id))
        .order_by_asc(survey_questions::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|q| Question { options: options_of(&q), question: q })
        .collect();
    let mut sql = Sql::new(
        "SELECT c.id, c.code, c.name_id, c.name_en, pc.target_level FROM program_competencies pc \
         JOIN competencies c ON c.id = pc.competency_id WHERE pc.program_id = ",
    );
    sql.bind(invitation.program_id).push(" ORDER BY c.code");
    let competencies =
        RatedCompetency::find_by_statement(sql.build(db.get_database_backend())).all(db).await?;
    Ok(Some(Opened::Open(Box::new(Survey { invitation, lang, questions, competencies }))))
}

/// The form field of a question (and, for a competency rating, of one competency).
pub fn field_name(question_id: i64, competency_id: Option<i64>) -> String {
    match competency_id {
        None => format!("q{question_id}"),
        Some(c) => format!("q{question_id}_c{c}"),
    }
}

/// One checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnswer {
    pub question_id: i64,
    pub competency_id: Option<i64>,
    pub int_value: Option<i32>,
    pub text_value: Option<String>,
}

/// What is wrong with one answer, shown beside its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub field: String,
    pub msg: Msg,
    pub values: Vec<(&'static str, String)>,
}

impl AnswerError {
    fn new(field: String, msg: Msg) -> Self {
        AnswerError { field, msg, values: Vec::new() }
    }

    pub fn text(&self, lang: Lang) -> String {
        let values: Vec<(&str, &str)> = self.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.msg.fill(lang, &values)
    }
}

fn scale(raw: &str, max: i32) -> Option<i32> {
    raw.trim().parse::<i32>().ok().filter(|v| (1..=max).contains(v))
}

/// Checks every answer of a form against the survey's questions; all errors at once.
pub fn validate(survey: &Survey, form: &HashMap<String, String>) -> Result<Vec<NewAnswer>, Vec<AnswerError>> {
    let mut answers = Vec::new();
    let mut errors = Vec::new();
    let value = |field: &str| form.get(field).map(|v| v.trim()).unwrap_or("");
    for q in &survey.questions {
        let question = &q.question;
        let required = question.is_required;
        let field = field_name(question.id, None);
        let raw = value(&field);
        match question.kind {
            QuestionKind::Likert | QuestionKind::SingleChoice => {
                let (max, bad) = match question.kind {
                    QuestionKind::Likert => (5, Msg::EvalAnswerScale),
                    _ => (q.options.len() as i32, Msg::EvalAnswerChoice),
                };
                if raw.is_empty() {
                    if required {
                        errors.push(AnswerError::new(field, Msg::EvalAnswerRequired));
                    }
                } else if let Some(v) = scale(raw, max) {
                    answers.push(NewAnswer {
                        question_id: question.id,
                        competency_id: None,
                        int_value: Some(v),
                        text_value: None,
                    });
                } else {
                    errors.push(AnswerError::new(field, bad));
                }
            }
            QuestionKind::FreeText => {
                if raw.is_empty() {
                    if required {
                        errors.push(AnswerError::new(field, Msg::EvalAnswerRequired));
                    }
                } else if raw.chars().count() > MAX_TEXT {
                    let mut e = AnswerError::new(field, Msg::EvalAnswerTooLong);
                    e.values.push(("max", MAX_TEXT.to_string()));
                    errors.push(e);
                } else {
                    answers.push(NewAnswer {
                        question_id: question.id,
                        competency_id: None,
                        int_value: None,
                        text_value: Some(raw.to_owned()),
                    });
                }
            }
            QuestionKind::CompetencyRating => {
                for c in &survey.competencies {
                    let field = field_name(question.id, Some(c.id));
                    let raw = value(&field);
                    if raw.is_empty() {
                        if required {
                            let mut e = AnswerError::new(field, Msg::EvalRatingRequired);
                            e.values.push(("competency", c.name(survey.lang).to_owned()));
                            errors.push(e);
                        }
                    } else if let Some(v) = scale(raw, 5) {
                        answers.push(NewAnswer {
                            question_id: question.id,
                            competency_id: Some(c.id),
                            int_value: Some(v),
                            text_value: None,
                        });
                    } else {
                        errors.push(AnswerError::new(field, Msg::EvalAnswerScale));
                    }
                }
            }
        }
    }
    if errors.is_empty() { Ok(answers) } else { Err(errors) }
}

#[derive(Debug)]
pub enum Submitted {
    /// Stored; `assessments` competency assessments were recorded from it.
    Saved {
        lang: Lang,
        assessments: usize,
    },
    /// Nothing stored: the answers with what is wrong.
    Invalid {
        survey: Box<Survey>,
        errors: Vec<AnswerError>,
    },
    AlreadyAnswered {
        lang: Lang,
        answered_at: Option<DateTime<Utc>>,
    },
    Expired {
        lang: Lang,
        expires_at: DateTime<Utc>,
    },
    Unknown,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Assessment(#[from] AssessmentError),
}

/// Stores the answers of a survey once. `today` is the day in the deployment's zone (the
/// date of the assessments a supervisor's ratings become).
pub async fn submit(
    db: &DatabaseConnection,
    secret: &str,
    form: &HashMap<String, String>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Submitted, SubmitError> {
    let survey = match open(db, secret, now).await? {
        None => return Ok(Submitted::Unknown),
        Some(Opened::Answered { lang, answered_at }) => {
            return Ok(Submitted::AlreadyAnswered { lang, answered_at });
        }
        Some(Opened::Expired { lang, expires_at }) => return Ok(Submitted::Expired { lang, expires_at }),
        Some(Opened::Open(survey)) => survey,
    };
    let answers = match validate(&survey, form) {
        Ok(answers) => answers,
        Err(errors) => return Ok(Submitted::Invalid { survey, errors }),
    };
    let invitation = &survey.invitation;
    let txn = tx::begin_write(db).await?;
    // The one place that decides "first submission": a second one (or one racing it)
    // changes no row.
    let mut sql = Sql::new("UPDATE survey_invitations SET state = ");
    sql.bind(InvitationState::Answered).push(", answered_at = ").bind(now);
    sql.push(" WHERE id = ").bind(invitation.id).push(" AND state = ").bind(InvitationState::Pending);
    sql.push(" AND expires_at > ").bind(now);
    if txn.execute_raw(sql.build(txn.get_database_backend())).await?.rows_affected() == 0 {
        drop(txn);
        return Ok(match open(db, secret, now).await? {
            Some(Opened::Expired { lang, expires_at }) => Submitted::Expired { lang, expires_at },
            Some(Opened::Answered { lang, answered_at }) => Submitted::AlreadyAnswered { lang, answered_at },
            _ => Submitted::AlreadyAnswered { lang: survey.lang, answered_at: None },
        });
    }
    if !answers.is_empty() {
        survey_answers::Entity::insert_many(answers.iter().map(|a| survey_answers::ActiveModel {
            invitation_id: sea_orm::ActiveValue::Set(invitation.id),
            question_id: sea_orm::ActiveValue::Set(a.question_id),
            competency_id: sea_orm::ActiveValue::Set(a.competency_id),
            int_value: sea_orm::ActiveValue::Set(a.int_value),
            text_value: sea_orm::ActiveValue::Set(a.text_value.clone()),
            ..Default::default()
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    let mut recorded = 0;
    if invitation.level == SurveyLevel::Behaviour && invitation.audience == SurveyAudience::Supervisor {
        for answer in answers.iter().filter(|a| a.competency_id.is_some()) {
            let (Some(competency_id), Some(level)) = (answer.competency_id, answer.int_value) else {
                continue;
            };
            assessments::record(
                &txn,
                NewAssessment {
                    employee_id: invitation.participant_id,
                    competency_id,
                    level: level as i16,
                    source: AssessmentSource::PostTrainingEvaluation,
                    assessed_on: today,
                    assessor_name: Some(invitation.recipient_name.clone()),
                    assessor_employee_id: Some(invitation.recipient_employee_id),
                    recorded_by_user_id: None,
                    notes: Some(format!(
                        "Evaluasi pasca pelatihan level 3: {} ({}), {}",
                        invitation.program_title, invitation.program_code, invitation.batch_name
                    )),
                },
                CountingRule::default(),
                now,
            )
            .await?;
            recorded += 1;
        }
    }
    txn.commit().await?;
    Ok(Submitted::Saved { lang: survey.lang, assessments: recorded })
}
