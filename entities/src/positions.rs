//! Positions (jabatan) and their competency standards (standar kompetensi jabatan): for
//! each competency a required level 1–5.
//!
//! A position belongs to an agency, or to none: then it is region-wide (found in every
//! agency) and only admins change it. Operators see region-wide positions and those of
//! the agencies within their reach, and change only the latter.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};

use crate::audit::{self, Change};
use crate::enums::{AgencyKind, PositionFamily};
use crate::i18n::Msg;
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Reach, Target};
use crate::schema::{agencies, competencies, position_standards, positions};
use crate::tx::begin_write;
use crate::validation::{Problem, WriteError, contains_ci, is_unique_violation, parse_code, parse_name};

/// The audit log's record type for positions.
pub const ENTITY_TYPE: &str = "positions";
/// The audit log's record type for a position's standard (the record id is the position's).
pub const STANDARD_ENTITY_TYPE: &str = "position_standards";

/// A required competency level, 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Level(i16);

impl Level {
    pub const MIN: i16 = 1;
    pub const MAX: i16 = 5;

    pub fn new(n: i64) -> Option<Level> {
        (i64::from(Level::MIN)..=i64::from(Level::MAX)).contains(&n).then_some(Level(n as i16))
    }

    pub fn parse(raw: &str) -> Option<Level> {
        raw.trim().parse::<i64>().ok().and_then(Level::new)
    }

    pub fn get(self) -> i16 {
        self.0
    }
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// Which agency's positions a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgencyFilter {
    #[default]
    Any,
    /// Positions that belong to no agency.
    RegionWide,
    Agency(i64),
}

#[derive(Debug, Clone, Default)]
pub struct PositionFilter {
    /// Part of the name or code.
    pub q: Option<String>,
    pub family: Option<PositionFamily>,
    pub agency: AgencyFilter,
}

/// A line of the positions list.
#[derive(Debug, Clone)]
pub struct PositionRow {
    pub position: positions::Model,
    pub agency_name: Option<String>,
    /// How many competencies its standard names.
    pub standard_size: u64,
}

/// Region-wide positions and those of agencies within reach.
fn reach_condition(actor: &Actor) -> Condition {
    match actor.reach(Action::ViewAgency) {
        Reach::Region => Condition::all(),
        reach => Condition::any()
            .add(positions::Column::AgencyId.is_null())
            .add(reach.agency_rows(positions::Column::AgencyId)),
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    filter: &PositionFilter,
    page: PageRequest,
) -> Result<Page<PositionRow>, DbErr> {
    let mut select = positions::Entity::find().filter(reach_condition(actor));
    if let Some(q) = crate::validation::search_term(filter.q.as_deref()) {
        select = select.filter(
            Condition::any()
                .add(contains_ci(positions::Column::Name, q))
                .add(contains_ci(positions::Column::Code, q)),
        );
    }
    if let Some(family) = filter.family {
        select = select.filter(positions::Column::Family.eq(family));
    }
    select = match filter.agency {
        AgencyFilter::Any => select,
        AgencyFilter::RegionWide => select.filter(positions::Column::AgencyId.is_null()),
        AgencyFilter::Agency(id) => select.filter(positions::Column::AgencyId.eq(id)),
    };
    let select = select.order_by_asc(positions::Column::Name).order_by_asc(positions::Column::Id);
    let found = Page::fetch(db, select, page).await?;

    // The page's agency names and standard sizes: one query each.
    let agency_ids: Vec<i64> = found.items.iter().filter_map(|p| p.agency_id).collect();
    let names: HashMap<i64, String> = agencies::Entity::find()
        .select_only()
        .column(agencies::Column::Id)
        .column(agencies::Column::Name)
        .filter(agencies::Column::Id.is_in(agency_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let sizes: HashMap<i64, i64> = position_standards::Entity::find()
        .select_only()
        .column(position_standards::Column::PositionId)
        .column_as(position_standards::Column::Id.count(), "n")
        .filter(position_standards::Column::PositionId.is_in(found.items.iter().map(|p| p.id)))
        .group_by(position_standards::Column::PositionId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(found.map(|position| PositionRow {
        agency_name: position.agency_id.and_then(|a| names.get(&a).cloned()),
        standard_size: sizes.get(&position.id).map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
        position,
    }))
}

/// One competency of a standard.
#[derive(Debug, Clone)]
pub struct StandardRow {
    pub competency: competencies::Model,
    pub required_level: i16,
}

/// A position with its agency and its standard (ordered by competency kind and code).
#[derive(Debug, Clone)]
pub struct PositionDetail {
    pub position: positions::Model,
    pub agency: Option<agencies::Model>,
    pub standard: Vec<StandardRow>,
}

/// May the actor see this position? Region-wide ones: every member of staff.
pub async fn visible_to<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    position: &positions::Model,
) -> Result<bool, DbErr> {
    match position.agency_id {
        None => actor.can(db, Action::UseStaffPages, Target::Region).await,
        Some(agency_id) => actor.can(db, Action::ViewAgency, Target::Agency(agency_id)).await,
    }
}

/// May the actor change this position and its standard?
pub async fn editable_by<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    position: &positions::Model,
) -> Result<bool, DbErr> {
    actor.can(db, Action::EditPosition, Target::Position(position.agency_id)).await
}

/// The position if the actor may see it; `None` otherwise (absent or out of reach).
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> Result<Option<PositionDetail>, DbErr> {
    let Some(position) = positions::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    if !visible_to(db, actor, &position).await? {
        return Ok(None);
    }
    let agency = match position.agency_id {
        Some(a) => agencies::Entity::find_by_id(a).one(db).await?,
        None => None,
    };
    let standard = standard_of(db, id).await?;
    Ok(Some(PositionDetail { position, agency, standard }))
}

async fn standard_of<C: ConnectionTrait>(db: &C, position_id: i64) -> Result<Vec<StandardRow>, DbErr> {
    Ok(position_standards::Entity::find()
        .find_also_related(competencies::Entity)
        .filter(position_standards::Column::PositionId.eq(position_id))
        .order_by_asc(competencies::Column::Kind)
        .order_by_asc(competencies::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(row, competency)| {
            competency.map(|competency| StandardRow { competency, required_level: row.required_level })
        })
        .collect())
}

// ---------------------------------------------------------------------------------------
// Writing a position
// ---------------------------------------------------------------------------------------

/// A position as submitted, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PositionInput {
    pub code: String,
    pub name: String,
    /// `jpt`, `administrator`, `pengawas`, `pelaksana` or `fungsional`.
    pub family: String,
    /// The agency's id; empty for a region-wide position.
    pub agency_id: String,
}

impl From<&positions::Model> for PositionInput {
    fn from(p: &positions::Model) -> Self {
        PositionInput {
            code: p.code.clone(),
            name: p.name.clone(),
            family: p.family.as_str().to_owned(),
            agency_id: p.agency_id.map(|a| a.to_string()).unwrap_or_default(),
        }
    }
}

struct Checked {
    code: String,
    name: String,
    family: PositionFamily,
    agency_id: Option<i64>,
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &PositionInput,
    now: DateTime<Utc>,
) -> Result<positions::Model, WriteError> {
    if !actor.can(db, Action::UseStaffPages, Target::Region).await? {
        return Err(WriteError::NotFound);
    }
    let txn = begin_write(db).await?;
    let checked = check(&txn, actor, None, input).await?;
    let inserted = positions::ActiveModel {
        code: Set(checked.code),
        name: Set(checked.name),
        family: Set(checked.family),
        agency_id: Set(checked.agency_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(code_taken)?;
    audit::record(&txn, Change::created(actor.user_id, ENTITY_TYPE, inserted.id, &inserted), now).await?;
    txn.commit().await?;
    Ok(inserted)
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &PositionInput,
    now: DateTime<Utc>,
) -> Result<positions::Model, WriteError> {
    let txn = begin_write(db).await?;
    let current = positions::Entity::find_by_id(id).one(&txn).await?.ok_or(WriteError::NotFound)?;
    if !editable_by(&txn, actor, &current).await? {
        return Err(WriteError::NotFound);
    }
    let checked = check(&txn, actor, Some(&current), input).await?;
    if checked.code == current.code
        && checked.name == current.name
        && checked.family == current.family
        && checked.agency_id == current.agency_id
    {
        return Ok(current);
    }
    let mut active = current.clone().into_active_model();
    active.code = Set(checked.code);
    active.name = Set(checked.name);
    active.family = Set(checked.family);
    active.agency_id = Set(checked.agency_id);
    active.updated_at = Set(now);
    let updated = active.update(&txn).await.map_err(code_taken)?;
    audit::record(&txn, Change::updated(actor.user_id, ENTITY_TYPE, id, &current, &updated), now).await?;
    txn.commit().await?;
    Ok(updated)
}

fn code_taken(err: DbErr) -> WriteError {
    if is_unique_violation(&err) {
        WriteError::Invalid(vec![Problem::new("code", Msg::CatalogueCodeTaken)])
    } else {
        WriteError::Db(err)
    }
}

async fn check<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    current: Option<&positions::Model>,
    input: &PositionInput,
) -> Result<Checked, WriteError> {
    let mut problems = Vec::new();
    let code = parse_code(&input.code).map_err(|m| problems.push(Problem::new("code", m))).ok();
    let name = parse_name(&input.name).map_err(|m| problems.push(Problem::new("name", m))).ok();
    let family = PositionFamily::parse(&input.family);
    if family.is_none() {
        let choices: Vec<&str> = PositionFamily::ALL.iter().map(|f| f.as_str()).collect();
        problems.push(Problem::new("family", Msg::CatalogueUnknownValue).with("choices", choices.join(", ")));
    }
    let agency_id = match input.agency_id.trim() {
        // Region-wide positions are the admins' (the policy's `EditPosition` on no agency).
        "" if !actor.may(Action::EditPosition) => {
            problems.push(Problem::new("agency_id", Msg::PositionAgencyRequired));
            None
        }
        "" => Some(None),
        raw => {
            let agency = match raw.parse::<i64>() {
                Ok(id) => agencies::Entity::find_by_id(id).one(db).await?,
                Err(_) => None,
            };
            let allowed = match &agency {
                Some(a) if a.kind != AgencyKind::Region => {
                    actor.can(db, Action::EditPosition, Target::Position(Some(a.id))).await?
                }
                _ => false,
            };
            if allowed {
                agency.map(|a| Some(a.id))
            } else {
                problems.push(Problem::new("agency_id", Msg::CatalogueUnknownReference));
                None
            }
        }
    };
    if let Some(code) = &code {
        let mut same_code = positions::Entity::find().filter(positions::Column::Code.eq(code.as_str()));
        if let Some(current) = current {
            same_code = same_code.filter(positions::Column::Id.ne(current.id));
        }
        if same_code.one(db).await?.is_some() {
            problems.push(Problem::new("code", Msg::CatalogueCodeTaken));
        }
    }
    match (code, name, family, agency_id) {
        (Some(code), Some(name), Some(family), Some(agency_id)) if problems.is_empty() => {
            Ok(Checked { code, name, family, agency_id })
        }
        _ => Err(WriteError::Invalid(problems)),
    }
}

// ---------------------------------------------------------------------------------------
// Writing a standard
// ---------------------------------------------------------------------------------------

/// One competency of a standard as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardLine {
    pub competency_id: i64,
    /// The required level as typed (1–5).
    pub required_level: String,
}

/// Replaces a position's standard with `lines`: competencies not listed are removed, the
/// others added or changed. One audit entry (before and after, by competency code) when
/// anything changed.
pub async fn set_standard(
    db: &DatabaseConnection,
    actor: &Actor,
    position_id: i64,
    lines: &[StandardLine],
    now: DateTime<Utc>,
) -> Result<Vec<StandardRow>, WriteError> {
    let txn = begin_write(db).await?;
    let position = positions::Entity::find_by_id(position_id).one(&txn).await?.ok_or(WriteError::NotFound)?;
    if !editable_by(&txn, actor, &position).await? {
        return Err(WriteError::NotFound);
    }
    let existing: HashMap<i64, position_standards::Model> = position_standards::Entity::find()
        .filter(position_standards::Column::PositionId.eq(position_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|row| (row.competency_id, row))
        .collect();
    let named: HashMap<i64, competencies::Model> = competencies::Entity::find()
        .filter(
            competencies::Column::Id
                .is_in(lines.iter().map(|l| l.competency_id).chain(existing.keys().copied())),
        )
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();

    let mut problems = Vec::new();
    let mut wanted: BTreeMap<i64, Level> = BTreeMap::new();
    for line in lines {
        let Some(competency) = named.get(&line.competency_id) else {
            problems.push(
                Problem::new("competency_id", Msg::PositionUnknownCompetency)
                    .with("competency", line.competency_id),
            );
            continue;
        };
        if !competency.is_active && !existing.contains_key(&competency.id) {
            problems.push(
                Problem::new("competency_id", Msg::PositionInactiveCompetency)
                    .with("competency", &competency.code),
            );
        }
        match Level::parse(&line.required_level) {
            None => problems.push(
                Problem::new("required_level", Msg::PositionLevelOutOfRange)
                    .with("competency", &competency.code),
            ),
            Some(level) => {
                if wanted.insert(competency.id, level).is_some() {
                    problems.push(
                        Problem::new("competency_id", Msg::PositionDuplicateCompetency)
                            .with("competency", &competency.code),
                    );
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(WriteError::Invalid(problems));
    }

    let by_code = |levels: &mut dyn Iterator<Item = (i64, i16)>| -> BTreeMap<String, i16> {
        levels.filter_map(|(id, level)| named.get(&id).map(|c| (c.code.clone(), level))).collect()
    };
    let before = by_code(&mut existing.values().map(|r| (r.competency_id, r.required_level)));
    let after = by_code(&mut wanted.iter().map(|(id, level)| (*id, level.get())));
    if before != after {
        for (competency_id, row) in &existing {
            match wanted.get(competency_id) {
                None => {
                    position_standards::Entity::delete_by_id(row.id).exec(&txn).await?;
                }
                Some(level) if level.get() != row.required_level => {
                    let mut active = row.clone().into_active_model();
                    active.required_level = Set(level.get());
                    active.update(&txn).await?;
                }
                Some(_) => {}
            }
        }
        let new_rows: Vec<position_standards::ActiveModel> = wanted
            .iter()
            .filter(|(id, _)| !existing.contains_key(id))
            .map(|(id, level)| position_standards::ActiveModel {
                position_id: Set(position_id),
                competency_id: Set(*id),
                required_level: Set(level.get()),
                ..Default::default()
            })
            .collect();
        if !new_rows.is_empty() {
            position_standards::Entity::insert_many(new_rows).exec(&txn).await?;
        }
        audit::record(
            &txn,
            Change::updated(actor.user_id, STANDARD_ENTITY_TYPE, position_id, &before, &after),
            now,
        )
        .await?;
    }
    let standard = standard_of(&txn, position_id).await?;
    txn.commit().await?;
    Ok(standard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_run_from_one_to_five() {
        assert_eq!(Level::parse(" 3 ").map(Level::get), Some(3));
        assert_eq!(Level::parse("6"), None);
        assert_eq!(Level::parse("0"), None);
        assert_eq!(Level::parse("tiga"), None);
        assert_eq!(Level::new(5).map(Level::get), Some(5));
    }
}
