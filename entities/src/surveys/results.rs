//! Evaluation results per program (and batch, and agency): invitations and response rates,
//! reminders, the distribution and average of every rated question, level-3 competency
//! ratings (participant and supervisor) beside the levels assessed before the training and
//! the program's target levels, and free-text comments. Every figure is one grouped query.
//!
//! Respondents trust a survey only when they cannot be singled out: every cut of the
//! results (the programme, a batch, an agency, any combination of them), its comments, the
//! levels assessed before, and every row of the per-agency table hide the answers of a
//! group smaller than [`SurveySettings::min_group_size`](super::SurveySettings)
//! respondents; only the counts of invitations stay.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};
use serde::Serialize;

use super::KINDS;
use super::defaults::ChoiceOption;
use super::sql::Sql;
use super::templates::ProgramChoice;
use crate::enums::{
    AgencyKind, AssessmentSource, InvitationState, QuestionKind, SurveyAudience, SurveyLevel,
};
use crate::policy::Reach;

#[derive(Debug, Clone)]
pub struct ResultsFilter {
    pub program_id: i64,
    pub batch_id: Option<i64>,
    /// Whose answers count: the participants in this reach.
    pub reach: Reach,
}

#[derive(Debug, Clone, Serialize)]
pub struct InvitationFigures {
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub sent: i64,
    pub answered: i64,
    pub pending: i64,
    pub expired: i64,
    /// Invitations that got at least one reminder.
    pub reminded: i64,
    /// Reminders sent in all.
    pub reminders: i64,
    /// answered / sent.
    pub response_rate: Option<f64>,
    /// Too few respondents in an agency view: their answers are not shown.
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionFigures {
    pub question_id: i64,
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub position: i32,
    pub kind: QuestionKind,
    pub prompt_id: String,
    pub prompt_en: String,
    pub options: Vec<ChoiceOption>,
    pub respondents: i64,
    /// Likert questions only.
    pub average: Option<f64>,
    /// How many chose 1, 2, … (Likert: 1–5; single choice: option 1, 2, …).
    pub distribution: Vec<i64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rating {
    pub n: i64,
    pub average: Option<f64>,
    /// Ratings at or above the program's target level.
    pub meeting_target: i64,
}

impl Rating {
    fn new(n: i64, total: i64, meeting: i64) -> Rating {
        Rating { n, average: average(n, total), meeting_target: meeting }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CompetencyFigures {
    pub competency_id: i64,
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    pub target_level: i16,
    /// The surveyed participants' levels assessed before the batch started.
    pub before: Rating,
    /// Level-3 ratings by the participants themselves.
    pub participant: Rating,
    /// Level-3 ratings by their supervisors.
    pub supervisor: Rating,
}

#[derive(Debug, Clone, Serialize, FromQueryResult)]
pub struct Comment {
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub prompt_id: String,
    pub prompt_en: String,
    pub text: String,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgencyFigures {
    pub agency_id: i64,
    pub agency_name: String,
    pub sent: i64,
    pub answered: i64,
    pub response_rate: Option<f64>,
    /// The average of all level-1 Likert answers (hidden when suppressed).
    pub reaction_average: Option<f64>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize, FromQueryResult)]
pub struct BatchChoice {
    pub id: i64,
    pub batch_number: i32,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub program: ProgramChoice,
    pub batch: Option<BatchChoice>,
    pub min_group_size: u32,
    /// Restricted to some agencies (then small groups are hidden).
    pub agency_scoped: bool,
    pub invitations: Vec<InvitationFigures>,
    pub questions: Vec<QuestionFigures>,
    pub competencies: Vec<CompetencyFigures>,
    pub comments: Vec<Comment>,
    pub agencies: Vec<AgencyFigures>,
}

impl Results {
    /// Whether any figure of this cut is hidden (the page says why).
    pub fn any_suppressed(&self) -> bool {
        self.invitations.iter().any(|f| f.sent > 0 && f.suppressed)
            || self.agencies.iter().any(|a| a.suppressed)
    }

    pub fn suppressed(&self, level: SurveyLevel, audience: SurveyAudience) -> bool {
        self.invitations.iter().any(|f| f.level == level && f.audience == audience && f.suppressed)
    }
}

fn average(n: i64, total: i64) -> Option<f64> {
    (n > 0).then(|| total as f64 / n as f64)
}

fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The most comments a result shows (newest first).
pub const MAX_COMMENTS: i64 = 500;

/// `FROM` and `JOIN`s from an invitation to its batch and participant (`i`, `e`, `b`, `p`).
const INVITATION_JOINS: &str = " JOIN enrolments e ON e.id = i.enrolment_id \
     JOIN training_batches b ON b.id = e.batch_id JOIN employees p ON p.id = e.employee_id ";

fn push_filter(sql: &mut Sql, filter: &ResultsFilter) {
    sql.push(" AND b.program_id = ").bind(filter.program_id);
    if let Some(batch) = filter.batch_id {
        sql.push(" AND b.id = ").bind(batch);
    }
    sql.push(" AND ").push_bound(filter.reach.employees_sql("p"));
}

/// Each agency with its OPD (`opd_of(id, opd_id)`): a unit's nearest ancestor that is not a
/// unit (units nest to any depth), else the agency itself. Starts the statement; the
/// participant's agency is then joined as `ag` and its OPD read as `ag.opd_id`.
fn opd_of() -> String {
    let unit = AgencyKind::Unit.as_str();
    format!(
        "WITH RECURSIVE opd_of(id, opd_id) AS ( \
           SELECT id, id FROM agencies WHERE kind <> '{unit}' \
           UNION SELECT a.id, o.opd_id FROM agencies a JOIN opd_of o ON a.parent_id = o.id WHERE a.kind = '{unit}' \
         ) "
    )
}

/// Programs that have sent invitations, with their totals (within `reach`).
#[derive(Debug, Clone, Serialize, FromQueryResult)]
pub struct ProgramSummary {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub sent: i64,
    pub answered: i64,
}

pub async fn overview<C: ConnectionTrait>(db: &C, reach: &Reach) -> Result<Vec<ProgramSummary>, DbErr> {
    let mut sql = Sql::new(
        "SELECT pr.id, pr.code, pr.title, COUNT(*) AS sent, \
                COALESCE(SUM(CASE WHEN i.state = ",
    );
    sql.bind(InvitationState::Answered).push(" THEN 1 ELSE 0 END), 0) AS answered FROM survey_invitations i");
    sql.push(INVITATION_JOINS).push(" JOIN training_programs pr ON pr.id = b.program_id WHERE 1 = 1");
    sql.push(" AND ").push_bound(reach.employees_sql("p"));
    sql.push(" GROUP BY pr.id, pr.code, pr.title ORDER BY pr.code");
    ProgramSummary::find_by_statement(sql.build(db.get_database_backend())).all(db).await
}

pub async fn batches_of<C: ConnectionTrait>(db: &C, program_id: i64) -> Result<Vec<BatchChoice>, DbErr> {
    let mut sql = Sql::new("SELECT id, batch_number, name FROM training_batches WHERE program_id = ");
    sql.bind(program_id).push(" ORDER BY batch_number");
    BatchChoice::find_by_statement(sql.build(db.get_database_backend())).all(db).await
}

/// The results of a program; `None` when the program (or the batch, within it) does not exist.
pub async fn results<C: ConnectionTrait>(
    db: &C,
    filter: &ResultsFilter,
    min_group_size: u32,
) -> Result<Option<Results>, DbErr> {
    let backend = db.get_database_backend();
    let mut sql = Sql::new("SELECT id, code, title FROM training_programs WHERE id = ");
    sql.bind(filter.program_id);
    let Some(program) = ProgramChoice::find_by_statement(sql.build(backend)).one(db).await? else {
        return Ok(None);
    };
    let batch = match filter.batch_id {
        None => None,
        Some(id) => {
            let found = batches_of(db, filter.program_id).await?.into_iter().find(|b| b.id == id);
            if found.is_none() {
                return Ok(None);
            }
            found
        }
    };
    let agency_scoped = matches!(filter.reach, Reach::Agencies(_));
    let min = i64::from(min_group_size);

    // Invitations by level, audience and state.
    #[derive(FromQueryResult)]
    struct StateCount {
        level: SurveyLevel,
        audience: SurveyAudience,
        state: InvitationState,
        n: i64,
        reminders: Option<i64>,
        reminded: Option<i64>,
    }
    let mut sql = Sql::new(
        "SELECT i.level, i.audience, i.state, COUNT(*) AS n, SUM(i.reminders_sent) AS reminders, \
                SUM(CASE WHEN i.reminders_sent > 0 THEN 1 ELSE 0 END) AS reminded \
         FROM survey_invitations i",
    );
    sql.push(INVITATION_JOINS).push(" WHERE 1 = 1");
    push_filter(&mut sql, filter);
    sql.push(" GROUP BY i.level, i.audience, i.state");
    let counts = StateCount::find_by_statement(sql.build(backend)).all(db).await?;
    let invitations: Vec<InvitationFigures> = KINDS
        .iter()
        .map(|&(level, audience)| {
            let mine = || counts.iter().filter(move |c| c.level == level && c.audience == audience);
            let of = |state| mine().filter(|c| c.state == state).map(|c| c.n).sum::<i64>();
            let sent = mine().map(|c| c.n).sum();
            let answered = of(InvitationState::Answered);
            InvitationFigures {
                level,
                audience,
                sent,
                answered,
                pending: of(InvitationState::Pending),
                expired: of(InvitationState::Expired),
                reminded: mine().filter_map(|c| c.reminded).sum(),
                reminders: mine().filter_map(|c| c.reminders).sum(),
                response_rate: rate(answered, sent),
                // Every cut, not only an agency's: one respondent in a batch is as
                // identifiable as one in an agency.
                suppressed: answered < min,
            }
        })
        .collect();
    let hidden = |level: SurveyLevel, audience: SurveyAudience| {
        invitations.iter().any(|f| f.level == level && f.audience == audience && f.suppressed)
    };

    // Distributions of rated questions.
    #[derive(FromQueryResult)]
    struct ValueCount {
        level: SurveyLevel,
        audience: SurveyAudience,
        question_id: i64,
        position: i32,
        kind: QuestionKind,
        prompt_id: String,
        prompt_en: String,
        options: Option<String>,
        int_value: i32,
        n: i64,
    }
    let mut sql = Sql::new(
        "SELECT i.level, i.audience, a.question_id, q.position, q.kind, q.prompt_id, q.prompt_en, q.options, \
                a.int_value, COUNT(*) AS n \
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id \
         JOIN survey_invitations i ON i.id = a.invitation_id",
    );
    sql.push(INVITATION_JOINS).push(" WHERE a.competency_id IS NULL AND a.int_value IS NOT NULL");
    push_filter(&mut sql, filter);
    sql.push(
        " GROUP BY i.level, i.audience, a.question_id, q.position, q.kind, q.prompt_id, q.prompt_en, \
         q.options, a.int_value ORDER BY i.level DESC, i.audience, q.position, a.question_id, a.int_value",
    );
    let values = ValueCount::find_by_statement(sql.build(backend)).all(db).await?;
    let mut questions: Vec<QuestionFigures> = Vec::new();
    for v in values {
        if hidden(v.level, v.audience) {
            continue;
        }
        if questions.last().is_none_or(|q| q.question_id != v.question_id) {
            let options: Vec<ChoiceOption> =
                v.options.as_deref().and_then(|o| serde_json::from_str(o).ok()).unwrap_or_default();
            let width = if v.kind == QuestionKind::SingleChoice { options.len() } else { 5 };
            questions.push(QuestionFigures {
                question_id: v.question_id,
                level: v.level,
                audience: v.audience,
                position: v.position,
                kind: v.kind,
                prompt_id: v.prompt_id,
                prompt_en: v.prompt_en,
                options,
                respondents: 0,
                average: None,
                distribution: vec![0; width],
            });
        }
        let q = questions.last_mut().expect("pushed above");
        if let Some(slot) = usize::try_from(v.int_value - 1).ok().and_then(|i| q.distribution.get_mut(i)) {
            *slot += v.n;
            q.respondents += v.n;
        }
    }
    for q in &mut questions {
        if q.kind == QuestionKind::Likert {
            let total: i64 = q.distribution.iter().enumerate().map(|(i, n)| (i as i64 + 1) * n).sum();
            q.average = average(q.respondents, total);
        }
    }

    // Level-3 competency ratings against the targets, and the levels before.
    #[derive(FromQueryResult)]
    struct Target {
        competency_id: i64,
        code: String,
        name_id: String,
        name_en: String,
        target_level: i16,
    }
    let mut sql = Sql::new(
        "SELECT c.id AS competency_id, c.code, c.name_id, c.name_en, pc.target_level \
         FROM program_competencies pc JOIN competencies c ON c.id = pc.competency_id WHERE pc.program_id = ",
    );
    sql.bind(filter.program_id).push(" ORDER BY c.code");
    let targets = Target::find_by_statement(sql.build(backend)).all(db).await?;
    #[derive(FromQueryResult)]
    struct RatingSum {
        audience: SurveyAudience,
        competency_id: i64,
        n: i64,
        total: Option<i64>,
        meeting: Option<i64>,
    }
    let mut sql = Sql::new(
        "SELECT i.audience, a.competency_id, COUNT(*) AS n, SUM(a.int_value) AS total, \
                SUM(CASE WHEN a.int_value >= pc.target_level THEN 1 ELSE 0 END) AS meeting \
         FROM survey_answers a JOIN survey_invitations i ON i.id = a.invitation_id",
    );
    sql.push(INVITATION_JOINS).push(
        " JOIN program_competencies pc ON pc.program_id = b.program_id AND pc.competency_id = a.competency_id \
         WHERE a.competency_id IS NOT NULL AND a.int_value IS NOT NULL AND i.level = ",
    );
    sql.bind(SurveyLevel::Behaviour);
    push_filter(&mut sql, filter);
    sql.push(" GROUP BY i.audience, a.competency_id");
    let ratings = RatingSum::find_by_statement(sql.build(backend)).all(db).await?;
    #[derive(FromQueryResult)]
    struct BeforeSum {
        competency_id: i64,
        n: i64,
        total: Option<i64>,
        meeting: Option<i64>,
    }
    // The newest counted assessment before the batch began, of each participant surveyed
    // at level 3, per targeted competency.
    let mut sql = Sql::new(
        "SELECT ca.competency_id, COUNT(*) AS n, SUM(ca.level) AS total, \
                SUM(CASE WHEN ca.level >= pc.target_level THEN 1 ELSE 0 END) AS meeting \
         FROM enrolments e JOIN training_batches b ON b.id = e.batch_id \
         JOIN employees p ON p.id = e.employee_id \
         JOIN program_competencies pc ON pc.program_id = b.program_id \
         JOIN competency_assessments ca ON ca.employee_id = e.employee_id AND ca.competency_id = pc.competency_id \
         WHERE ca.source <> ",
    );
    sql.bind(AssessmentSource::SelfAssessment).push(" AND ca.assessed_on < b.starts_on");
    sql.push(" AND EXISTS (SELECT 1 FROM survey_invitations i WHERE i.enrolment_id = e.id AND i.level = ");
    sql.bind(SurveyLevel::Behaviour).push(
        ") AND NOT EXISTS (SELECT 1 FROM competency_assessments c2 WHERE c2.employee_id = ca.employee_id \
           AND c2.competency_id = ca.competency_id AND c2.source <> ",
    );
    sql.bind(AssessmentSource::SelfAssessment).push(
        " AND c2.assessed_on < b.starts_on AND (c2.assessed_on > ca.assessed_on \
           OR (c2.assessed_on = ca.assessed_on AND c2.id > ca.id)))",
    );
    push_filter(&mut sql, filter);
    sql.push(" GROUP BY ca.competency_id");
    let befores = BeforeSum::find_by_statement(sql.build(backend)).all(db).await?;
    let rating = |audience: SurveyAudience, competency_id: i64| {
        if hidden(SurveyLevel::Behaviour, audience) {
            return Rating::default();
        }
        ratings
            .iter()
            .find(|r| r.audience == audience && r.competency_id == competency_id)
            .map(|r| Rating::new(r.n, r.total.unwrap_or(0), r.meeting.unwrap_or(0)))
            .unwrap_or_default()
    };
    let competencies = targets
        .into_iter()
        .map(|t| {
            let before = befores
                .iter()
                .find(|b| b.competency_id == t.competency_id)
                .filter(|b| b.n >= min)
                .map(|b| Rating::new(b.n, b.total.unwrap_or(0), b.meeting.unwrap_or(0)))
                .unwrap_or_default();
            CompetencyFigures {
                participant: rating(SurveyAudience::Participant, t.competency_id),
                supervisor: rating(SurveyAudience::Supervisor, t.competency_id),
                before,
                competency_id: t.competency_id,
                code: t.code,
                name_id: t.name_id,
                name_en: t.name_en,
                target_level: t.target_level,
            }
        })
        .collect();

    // Free-text comments, newest first, without names.
    let mut sql = Sql::new(
        "SELECT i.level, i.audience, q.prompt_id, q.prompt_en, a.text_value AS text, i.answered_at \
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id \
         JOIN survey_invitations i ON i.id = a.invitation_id",
    );
    sql.push(INVITATION_JOINS).push(" WHERE a.text_value IS NOT NULL");
    push_filter(&mut sql, filter);
    sql.push(" ORDER BY i.answered_at DESC, a.id DESC LIMIT ").bind(MAX_COMMENTS);
    let comments = Comment::find_by_statement(sql.build(backend))
        .all(db)
        .await?
        .into_iter()
        .filter(|c| !hidden(c.level, c.audience))
        .collect();

    let agencies = agency_figures(db, filter, min).await?;
    Ok(Some(Results {
        program,
        batch,
        min_group_size,
        agency_scoped,
        invitations,
        questions,
        competencies,
        comments,
        agencies,
    }))
}

/// One row per agency (OPD) of the participants; answers hidden below `min` respondents.
async fn agency_figures<C: ConnectionTrait>(
    db: &C,
    filter: &ResultsFilter,
    min: i64,
) -> Result<Vec<AgencyFigures>, DbErr> {
    let backend = db.get_database_backend();
    let opd = "ag.opd_id";
    #[derive(FromQueryResult)]
    struct Row {
        agency_id: i64,
        agency_name: String,
        sent: i64,
        answered: Option<i64>,
    }
    let mut sql = Sql::new(&format!(
        "{}SELECT o.id AS agency_id, o.name AS agency_name, x.sent, x.answered FROM (SELECT {opd} AS opd_id, \
                COUNT(*) AS sent, SUM(CASE WHEN i.state = ",
        opd_of()
    ));
    sql.bind(InvitationState::Answered).push(" THEN 1 ELSE 0 END) AS answered FROM survey_invitations i");
    sql.push(INVITATION_JOINS).push(" JOIN opd_of ag ON ag.id = p.agency_id WHERE 1 = 1");
    push_filter(&mut sql, filter);
    sql.push(&format!(" GROUP BY {opd}) x JOIN agencies o ON o.id = x.opd_id ORDER BY o.name"));
    let rows = Row::find_by_statement(sql.build(backend)).all(db).await?;
    #[derive(FromQueryResult)]
    struct Avg {
        opd_id: i64,
        n: i64,
        total: Option<i64>,
    }
    let mut sql = Sql::new(&format!(
        "{}SELECT {opd} AS opd_id, COUNT(*) AS n, SUM(a.int_value) AS total \
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id \
         JOIN survey_invitations i ON i.id = a.invitation_id",
        opd_of()
    ));
    sql.push(INVITATION_JOINS).push(" JOIN opd_of ag ON ag.id = p.agency_id WHERE q.kind = ");
    sql.bind(QuestionKind::Likert).push(" AND i.level = ").bind(SurveyLevel::Reaction);
    push_filter(&mut sql, filter);
    sql.push(&format!(" GROUP BY {opd}"));
    let averages = Avg::find_by_statement(sql.build(backend)).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let answered = r.answered.unwrap_or(0);
            let suppressed = answered < min;
            AgencyFigures {
                reaction_average: if suppressed {
                    None
                } else {
                    averages
                        .iter()
                        .find(|a| a.opd_id == r.agency_id)
                        .and_then(|a| average(a.n, a.total.unwrap_or(0)))
                },
                agency_id: r.agency_id,
                agency_name: r.agency_name,
                sent: r.sent,
                answered,
                response_rate: rate(answered, r.sent),
                suppressed,
            }
        })
        .collect())
}

/// An agency (OPD) to filter results by.
#[derive(Debug, Clone, Serialize, FromQueryResult)]
pub struct AgencyChoice {
    pub id: i64,
    pub name: String,
}

/// The agencies (OPD) results can be filtered by: all, or those in `reach`.
pub async fn agency_choices<C: ConnectionTrait>(db: &C, reach: &Reach) -> Result<Vec<AgencyChoice>, DbErr> {
    let mut sql = Sql::new("SELECT id, name FROM agencies WHERE kind = ");
    sql.bind(AgencyKind::Agency);
    if let Some(ids) = reach.agencies() {
        sql.push(" AND id IN ").bind_list(ids.to_vec());
    }
    sql.push(" ORDER BY name");
    AgencyChoice::find_by_statement(sql.build(db.get_database_backend())).all(db).await
}
