//! Candidate mentors for a mentee in a competency: colleagues whose assessed (current) level
//! is above a floor, nearest first (the mentee's own agency or unit, then the same agency
//! tree, then anyone), then by level (highest first), then by how few mentees they already
//! have in active pairs. One query; the individual development plan of the gaps area uses
//! the same one, so both pages suggest the same people.

use sea_orm::{ConnectionTrait, DbErr};
use serde::Serialize;

use crate::enums::MentoringPairStatus;
use crate::gaps::{int, query_all};
use crate::schema::{agencies, employees};

/// A colleague who could mentor in a competency.
#[derive(Debug, Clone, Serialize)]
pub struct MentorCandidate {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub agency_name: String,
    pub level: i16,
    pub same_agency: bool,
    /// Mentees in the candidate's active pairs now.
    pub active_mentees: i64,
}

/// Up to `limit` candidates for `mentee` in `competency_id` with a level above `floor`.
pub async fn candidates<C: ConnectionTrait>(
    db: &C,
    mentee: &employees::Model,
    competency_id: i64,
    floor: i64,
    limit: u64,
) -> Result<Vec<MentorCandidate>, DbErr> {
    use sea_orm::EntityTrait;
    let parent = agencies::Entity::find_by_id(mentee.agency_id).one(db).await?.and_then(|a| a.parent_id);
    let tree = parent.unwrap_or(mentee.agency_id);
    let rows = query_all(
        db,
        "SELECT m.id, m.nip, m.name, a.name AS agency_name, l.level, \
                CASE WHEN m.agency_id = ? THEN 0 WHEN m.agency_id = ? OR a.parent_id = ? THEN 1 ELSE 2 END AS nearness, \
                (SELECT COUNT(*) FROM mentoring_pairs p WHERE p.mentor_id = m.id AND p.status = ?) AS active_mentees \
         FROM employee_competency_levels l \
         JOIN employees m ON m.id = l.employee_id \
         JOIN agencies a ON a.id = m.agency_id \
         WHERE l.competency_id = ? AND l.level > ? AND m.is_active = ? AND m.id <> ? \
         ORDER BY nearness, l.level DESC, active_mentees, m.name, m.id LIMIT ?",
        vec![
            mentee.agency_id.into(),
            tree.into(),
            tree.into(),
            MentoringPairStatus::Active.as_str().into(),
            competency_id.into(),
            floor.into(),
            true.into(),
            mentee.id.into(),
            (limit as i64).into(),
        ],
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(MentorCandidate {
                employee_id: int(r, "id")?,
                nip: r.try_get("", "nip")?,
                name: r.try_get("", "name")?,
                agency_name: r.try_get("", "agency_name")?,
                level: int(r, "level")? as i16,
                same_agency: int(r, "nearness")? == 0,
                active_mentees: int(r, "active_mentees")?,
            })
        })
        .collect()
}

/// Candidates for a new pair: anyone holding more than the mentee's current level in the
/// competency (any assessed level when the mentee was never assessed in it).
pub async fn for_pairing<C: ConnectionTrait>(
    db: &C,
    mentee: &employees::Model,
    competency_id: i64,
    limit: u64,
) -> Result<Vec<MentorCandidate>, DbErr> {
    use crate::schema::employee_competency_levels as levels;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let floor = levels::Entity::find()
        .filter(levels::Column::EmployeeId.eq(mentee.id))
        .filter(levels::Column::CompetencyId.eq(competency_id))
        .one(db)
        .await?
        .map_or(0, |l| i64::from(l.level));
    candidates(db, mentee, competency_id, floor, limit).await
}
