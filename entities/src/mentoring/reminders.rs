//! Who the `mentoring-reminders` job writes to, each selected by one query: mentors of
//! active pairs without a session (or, without any, since the start) for the configured
//! number of days, and mentees with sessions of active pairs waiting for their
//! confirmation. Closed pairs are never reminded; people without an e-mail address are
//! skipped.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr};

use crate::enums::{Locale, MentoringPairStatus, SessionConfirmation};
use crate::gaps::{int, query_all};

/// A mentor to remind about one idle pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdlePair {
    pub pair_id: i64,
    pub mentor_name: String,
    pub mentor_email: String,
    pub mentor_locale: Option<Locale>,
    pub mentee_name: String,
    /// The last session, or the pair's start when it has none.
    pub since: NaiveDate,
}

/// A mentee to remind about sessions waiting for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingMentee {
    pub mentee_id: i64,
    pub name: String,
    pub email: String,
    pub locale: Option<Locale>,
    pub pending: i64,
}

const LOCALE_OF: &str =
    "(SELECT u.locale FROM users u WHERE u.employee_id = {who}.id AND u.is_active = ? ORDER BY u.id LIMIT 1)";

fn locale(row: &sea_orm::QueryResult) -> Result<Option<Locale>, DbErr> {
    let raw: Option<String> = row.try_get("", "locale")?;
    Ok(raw.as_deref().and_then(Locale::parse))
}

/// Active pairs whose last session (or start) is on or before `idle_since`.
pub async fn idle_pairs<C: ConnectionTrait>(db: &C, idle_since: NaiveDate) -> Result<Vec<IdlePair>, DbErr> {
    let rows = query_all(
        db,
        &format!(
            "SELECT p.id, m.name AS mentor_name, m.email AS mentor_email, {} AS locale, e.name AS mentee_name, \
                    COALESCE(s.last_on, p.starts_on) AS since \
             FROM mentoring_pairs p \
             JOIN employees m ON m.id = p.mentor_id \
             JOIN employees e ON e.id = p.mentee_id \
             LEFT JOIN (SELECT pair_id, MAX(held_on) AS last_on FROM mentoring_sessions GROUP BY pair_id) s \
               ON s.pair_id = p.id \
             WHERE p.status = ? AND m.is_active = ? AND m.email IS NOT NULL \
               AND COALESCE(s.last_on, p.starts_on) <= ? \
             ORDER BY p.id",
            LOCALE_OF.replace("{who}", "m")
        ),
        vec![true.into(), MentoringPairStatus::Active.as_str().into(), true.into(), idle_since.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(IdlePair {
                pair_id: int(r, "id")?,
                mentor_name: r.try_get("", "mentor_name")?,
                mentor_email: r.try_get("", "mentor_email")?,
                mentor_locale: locale(r)?,
                mentee_name: r.try_get("", "mentee_name")?,
                since: super::read::date_of(r, "since")?.unwrap_or(idle_since),
            })
        })
        .collect()
}

/// Mentees with pending sessions in active pairs, with how many.
pub async fn pending_mentees<C: ConnectionTrait>(db: &C) -> Result<Vec<PendingMentee>, DbErr> {
    let rows = query_all(
        db,
        &format!(
            "SELECT e.id, e.name, e.email, {} AS locale, COUNT(*) AS pending \
             FROM mentoring_sessions s \
             JOIN mentoring_pairs p ON p.id = s.pair_id \
             JOIN employees e ON e.id = p.mentee_id \
             WHERE s.confirmation = ? AND p.status = ? AND e.is_active = ? AND e.email IS NOT NULL \
             GROUP BY e.id, e.name, e.email \
             ORDER BY e.id",
            LOCALE_OF.replace("{who}", "e")
        ),
        vec![
            true.into(),
            SessionConfirmation::Pending.as_str().into(),
            MentoringPairStatus::Active.as_str().into(),
            true.into(),
        ],
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PendingMentee {
                mentee_id: int(r, "id")?,
                name: r.try_get("", "name")?,
                email: r.try_get("", "email")?,
                locale: locale(r)?,
                pending: int(r, "pending")?,
            })
        })
        .collect()
}
