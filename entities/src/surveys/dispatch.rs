//! The queries of the `survey-dispatch` job: who is due an invitation (set-based, a chunk at
//! a time in enrolment order), inserting invitations idempotently (the unique key
//! (`enrolment_id`, `level`, `audience`) decides between concurrent runs), who is due a
//! reminder, and expiry. The job (jobs/src/survey_dispatch.rs) composes the e-mails and
//! queues them in the same transactions.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};

use super::INVITATION_MAIL_PREFIX;
use super::sql::Sql;
use crate::enums::{EnrolmentState, InvitationState, Locale, SurveyAudience, SurveyLevel};

/// Which invitations a pass looks for.
#[derive(Debug, Clone, Copy)]
pub enum Wave {
    /// Level 1 to participants whose completion (passed or failed) was recorded after
    /// `completed_after`.
    Reaction { completed_after: DateTime<Utc> },
    /// Level 3 for programs with this delay: batches that ended in (`ended_after`,
    /// `ended_by`], to participants who passed, or to their supervisors.
    Behaviour { audience: SurveyAudience, delay_days: i32, ended_by: NaiveDate, ended_after: NaiveDate },
}

impl Wave {
    pub fn level(self) -> SurveyLevel {
        match self {
            Wave::Reaction { .. } => SurveyLevel::Reaction,
            Wave::Behaviour { .. } => SurveyLevel::Behaviour,
        }
    }

    pub fn audience(self) -> SurveyAudience {
        match self {
            Wave::Reaction { .. } => SurveyAudience::Participant,
            Wave::Behaviour { audience, .. } => audience,
        }
    }
}

/// An invitation that is due: whom to ask about which enrolment, with what the e-mail says.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Due {
    pub enrolment_id: i64,
    pub recipient_employee_id: i64,
    pub recipient_email: String,
    pub recipient_name: String,
    pub locale: Option<Locale>,
    pub participant_name: String,
    pub program_title: String,
    pub batch_name: String,
    /// The program's own template for the level and audience, else the default.
    pub template_id: Option<i64>,
}

/// The level-3 delays programs use (one pass of the job per value).
pub async fn level3_delays<C: ConnectionTrait>(db: &C) -> Result<Vec<i32>, DbErr> {
    #[derive(FromQueryResult)]
    struct Delay {
        level3_delay_days: i32,
    }
    let sql = Sql::new("SELECT DISTINCT level3_delay_days FROM training_programs ORDER BY level3_delay_days");
    Ok(Delay::find_by_statement(sql.build(db.get_database_backend()))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.level3_delay_days)
        .collect())
}

/// Up to `limit` due invitations of `wave` for enrolments after `after_enrolment` (keyset).
pub async fn due<C: ConnectionTrait>(
    db: &C,
    wave: Wave,
    after_enrolment: i64,
    limit: u64,
) -> Result<Vec<Due>, DbErr> {
    let (level, audience) = (wave.level(), wave.audience());
    let mut sql = Sql::new(
        "SELECT e.id AS enrolment_id, r.id AS recipient_employee_id, \
                COALESCE(r.email, u.email) AS recipient_email, r.name AS recipient_name, \
                u.locale AS locale, p.name AS participant_name, pr.title AS program_title, \
                b.name AS batch_name, \
                (SELECT t.id FROM survey_templates t WHERE t.level = ",
    );
    sql.bind(level)
        .push(" AND t.audience = ")
        .bind(audience)
        .push(" AND (t.program_id = pr.id OR (t.program_id IS NULL AND t.is_default = ");
    sql.bind(true).push(
        ")) ORDER BY CASE WHEN t.program_id IS NULL THEN 1 ELSE 0 END, t.id LIMIT 1) AS template_id \
         FROM enrolments e \
         JOIN training_batches b ON b.id = e.batch_id \
         JOIN training_programs pr ON pr.id = b.program_id \
         JOIN employees p ON p.id = e.employee_id ",
    );
    sql.push(match audience {
        SurveyAudience::Participant => "JOIN employees r ON r.id = p.id ",
        SurveyAudience::Supervisor => "JOIN employees r ON r.id = p.supervisor_id ",
    });
    sql.push("LEFT JOIN users u ON u.employee_id = r.id WHERE e.id > ").bind(after_enrolment);
    sql.push(" AND p.is_active = ").bind(true).push(" AND r.is_active = ").bind(true);
    sql.push(" AND COALESCE(r.email, u.email) IS NOT NULL");
    match wave {
        Wave::Reaction { completed_after } => {
            sql.push(" AND e.state IN ")
                .bind_list([EnrolmentState::Passed, EnrolmentState::Failed])
                .push(" AND e.completed_at IS NOT NULL AND e.completed_at > ")
                .bind(completed_after);
        }
        Wave::Behaviour { delay_days, ended_by, ended_after, .. } => {
            sql.push(" AND e.state = ")
                .bind(EnrolmentState::Passed)
                .push(" AND pr.level3_delay_days = ")
                .bind(delay_days)
                .push(" AND b.ends_on <= ")
                .bind(ended_by)
                .push(" AND b.ends_on > ")
                .bind(ended_after);
        }
    }
    sql.push(
        " AND NOT EXISTS (SELECT 1 FROM survey_invitations si WHERE si.enrolment_id = e.id AND si.level = ",
    )
    .bind(level)
    .push(" AND si.audience = ")
    .bind(audience)
    .push(") ORDER BY e.id LIMIT ")
    .bind(limit as i64);
    Due::find_by_statement(sql.build(db.get_database_backend())).all(db).await
}

/// An invitation to insert.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub enrolment_id: i64,
    pub recipient_employee_id: i64,
    pub recipient_email: String,
    pub template_id: i64,
    pub token_hash: String,
}

/// What an insert wrote (rows another run wrote first are left out).
#[derive(Debug, Clone, FromQueryResult)]
pub struct Inserted {
    pub id: i64,
    pub enrolment_id: i64,
    pub token_hash: String,
}

/// Inserts invitations of one level and audience in one statement; an invitation that
/// exists already (another instance's run) is skipped. Returns those inserted.
pub async fn insert_invitations<C: ConnectionTrait>(
    db: &C,
    level: SurveyLevel,
    audience: SurveyAudience,
    rows: &[NewInvitation],
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<Vec<Inserted>, DbErr> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(
        "INSERT INTO survey_invitations (enrolment_id, level, audience, recipient_employee_id, \
         recipient_email, template_id, token_hash, state, created_at, expires_at, reminders_sent) VALUES ",
    );
    for (i, row) in rows.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(row.enrolment_id).push(", ").bind(level).push(", ").bind(audience).push(", ");
        sql.bind(row.recipient_employee_id).push(", ").bind(row.recipient_email.clone()).push(", ");
        sql.bind(row.template_id).push(", ").bind(row.token_hash.clone()).push(", ");
        sql.bind(InvitationState::Pending).push(", ").bind(now).push(", ").bind(expires_at).push(", 0)");
    }
    sql.push(
        " ON CONFLICT (enrolment_id, level, audience) DO NOTHING RETURNING id, enrolment_id, token_hash",
    );
    Inserted::find_by_statement(sql.build(db.get_database_backend())).all(db).await
}

/// An open invitation due its `n`th reminder.
#[derive(Debug, Clone, FromQueryResult)]
pub struct ReminderDue {
    pub invitation_id: i64,
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub recipient_email: String,
    pub recipient_name: String,
    pub locale: Option<Locale>,
    pub participant_name: String,
    pub program_title: String,
    pub batch_name: String,
    pub expires_at: DateTime<Utc>,
    /// The plain-text body of the invitation's e-mail (it holds the personal link).
    pub original_text: Option<String>,
}

/// Open invitations due reminder `n` (1-based): created at or before `created_by`, after
/// `created_after` (when a later reminder is not due yet), with fewer than `n` reminders.
pub async fn due_reminders<C: ConnectionTrait>(
    db: &C,
    n: u32,
    created_by: DateTime<Utc>,
    created_after: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    after_invitation: i64,
    limit: u64,
) -> Result<Vec<ReminderDue>, DbErr> {
    let mut sql = Sql::new(
        "SELECT i.id AS invitation_id, i.level, i.audience, i.recipient_email, r.name AS recipient_name, \
                u.locale AS locale, p.name AS participant_name, pr.title AS program_title, \
                b.name AS batch_name, i.expires_at, mo.body_text AS original_text \
         FROM survey_invitations i \
         JOIN employees r ON r.id = i.recipient_employee_id \
         LEFT JOIN users u ON u.employee_id = r.id \
         JOIN enrolments e ON e.id = i.enrolment_id \
         JOIN employees p ON p.id = e.employee_id \
         JOIN training_batches b ON b.id = e.batch_id \
         JOIN training_programs pr ON pr.id = b.program_id \
         LEFT JOIN mail_outbox mo ON mo.dedupe_key = (",
    );
    sql.bind(INVITATION_MAIL_PREFIX).push(" || CAST(i.id AS VARCHAR(20))) WHERE i.state = ");
    sql.bind(InvitationState::Pending).push(" AND i.expires_at > ").bind(now);
    sql.push(" AND i.reminders_sent < ").bind(n as i32).push(" AND i.created_at <= ").bind(created_by);
    if let Some(after) = created_after {
        sql.push(" AND i.created_at > ").bind(after);
    }
    sql.push(" AND i.id > ").bind(after_invitation).push(" ORDER BY i.id LIMIT ").bind(limit as i64);
    ReminderDue::find_by_statement(sql.build(db.get_database_backend())).all(db).await
}

/// Records reminder `n` for those of `ids` still open and not reminded `n` times; returns
/// the ids it changed (another instance may have taken the others).
pub async fn mark_reminded<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
    n: u32,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    #[derive(FromQueryResult)]
    struct Id {
        id: i64,
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new("UPDATE survey_invitations SET reminders_sent = ");
    sql.bind(n as i32).push(", last_reminded_at = ").bind(now).push(" WHERE id IN ").bind_list(ids.to_vec());
    sql.push(" AND state = ").bind(InvitationState::Pending);
    sql.push(" AND reminders_sent < ").bind(n as i32).push(" RETURNING id");
    Ok(Id::find_by_statement(sql.build(db.get_database_backend()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect())
}

/// Gives an invitation a new secret (when its first e-mail is no longer in the outbox, a
/// reminder carries a new link).
pub async fn replace_token<C: ConnectionTrait>(
    db: &C,
    invitation_id: i64,
    token_hash: &str,
) -> Result<(), DbErr> {
    let mut sql = Sql::new("UPDATE survey_invitations SET token_hash = ");
    sql.bind(token_hash.to_owned()).push(" WHERE id = ").bind(invitation_id);
    db.execute_raw(sql.build(db.get_database_backend())).await?;
    Ok(())
}

/// Closes open invitations whose time is up; returns how many.
pub async fn expire<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let mut sql = Sql::new("UPDATE survey_invitations SET state = ");
    sql.bind(InvitationState::Expired).push(" WHERE state = ").bind(InvitationState::Pending);
    sql.push(" AND expires_at <= ").bind(now);
    Ok(db.execute_raw(sql.build(db.get_database_backend())).await?.rows_affected())
}

/// The secret in a survey link inside a message body (`…/survei/<64 hex digits>`).
pub fn token_in(text: &str) -> Option<&str> {
    let start = text.find(&format!("{}/", super::ANSWER_PATH))? + super::ANSWER_PATH.len() + 1;
    let token = text.get(start..start + 64)?;
    token.bytes().all(|b| b.is_ascii_hexdigit()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_found_in_a_message() {
        let token = "a".repeat(64);
        let body = format!("Halo,\n\nhttps://bangkom.example/survei/{token}\n\nTerima kasih");
        assert_eq!(token_in(&body), Some(token.as_str()));
        assert_eq!(token_in("https://bangkom.example/survei/abc"), None);
    }
}
