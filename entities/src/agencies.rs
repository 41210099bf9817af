//! Agencies: the tree region → agency (OPD) → unit with each agency's employee count, and
//! creating and changing agencies under the rules of the tree and the actor's reach.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};

use crate::audit::{self, Change};
use crate::enums::AgencyKind;
use crate::i18n::Msg;
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Target, agency_subtree};
use crate::schema::{agencies, employees};
use crate::tx::begin_write;
use crate::validation::{
    Problem, WriteError, contains_ci, is_unique_violation, parse_code, parse_name, search_term,
};

/// The audit log's record type for agencies.
pub const ENTITY_TYPE: &str = "agencies";

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// An agency in the tree, with its active employees: its own and those of everything below.
#[derive(Debug, Clone)]
pub struct AgencyNode {
    pub agency: agencies::Model,
    pub own_employees: u64,
    pub total_employees: u64,
    pub children: Vec<AgencyNode>,
}

/// Active employees per agency: one grouped COUNT, rolled up the tree in memory.
struct Headcount {
    own: HashMap<i64, u64>,
    total: HashMap<i64, u64>,
}

impl Headcount {
    /// `everything`: `visible` is every agency, so the count needs no filter by agency.
    async fn of<C: ConnectionTrait>(
        db: &C,
        visible: &[agencies::Model],
        everything: bool,
    ) -> Result<Headcount, DbErr> {
        let mut query = employees::Entity::find()
            .select_only()
            .column(employees::Column::AgencyId)
            .column_as(employees::Column::Id.count(), "n")
            .filter(employees::Column::IsActive.eq(true));
        if !everything {
            query = query.filter(employees::Column::AgencyId.is_in(visible.iter().map(|a| a.id)));
        }
        let rows: Vec<(i64, i64)> = query.group_by(employees::Column::AgencyId).into_tuple().all(db).await?;
        let own: HashMap<i64, u64> =
            rows.into_iter().map(|(id, n)| (id, u64::try_from(n).unwrap_or(0))).collect();
        // Add each agency's own count to itself and every visible ancestor.
        let parents: HashMap<i64, Option<i64>> = visible.iter().map(|a| (a.id, a.parent_id)).collect();
        let mut total: HashMap<i64, u64> = HashMap::new();
        for (&id, &n) in &own {
            let mut at = Some(id);
            let mut steps = 0;
            while let Some(current) = at {
                *total.entry(current).or_default() += n;
                at = parents.get(&current).copied().flatten().filter(|p| parents.contains_key(p));
                steps += 1;
                if steps > parents.len() {
                    break; // a cycle in stored data: count what we have
                }
            }
        }
        Ok(Headcount { own, total })
    }

    fn own(&self, id: i64) -> u64 {
        self.own.get(&id).copied().unwrap_or(0)
    }

    fn total(&self, id: i64) -> u64 {
        self.total.get(&id).copied().unwrap_or(0)
    }
}

fn reach_condition(actor: &Actor) -> Condition {
    actor.reach(Action::ViewAgency).agency_rows(agencies::Column::Id)
}

async fn visible<C: ConnectionTrait>(db: &C, actor: &Actor) -> Result<Vec<agencies::Model>, DbErr> {
    agencies::Entity::find()
        .filter(reach_condition(actor))
        .order_by_asc(agencies::Column::Name)
        .order_by_asc(agencies::Column::Id)
        .all(db)
        .await
}

/// The agencies the actor may see, as a tree: roots are the agencies whose parent they do
/// not see (the region for admins, their own agency for operators).
pub async fn tree<C: ConnectionTrait>(db: &C, actor: &Actor) -> Result<Vec<AgencyNode>, DbErr> {
    let all = visible(db, actor).await?;
    let counts = Headcount::of(db, &all, actor.may(Action::ViewAgency)).await?;
    let ids: std::collections::HashSet<i64> = all.iter().map(|a| a.id).collect();
    let mut children: HashMap<Option<i64>, Vec<agencies::Model>> = HashMap::new();
    for agency in all {
        let parent = agency.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(agency);
    }
    fn build(
        parent: Option<i64>,
        children: &mut HashMap<Option<i64>, Vec<agencies::Model>>,
        counts: &Headcount,
    ) -> Vec<AgencyNode> {
        let mine = children.remove(&parent).unwrap_or_default();
        mine.into_iter()
            .map(|agency| AgencyNode {
                own_employees: counts.own(agency.id),
                total_employees: counts.total(agency.id),
                children: build(Some(agency.id), children, counts),
                agency,
            })
            .collect()
    }
    Ok(build(None, &mut children, &counts))
}

/// The agencies the actor may see, in one flat list (the tree follows `parent_id`); with
/// `q`, only those whose name or code contains it.
pub async fn flat<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    q: Option<&str>,
) -> Result<Vec<AgencyNode>, DbErr> {
    let all = visible(db, actor).await?;
    let counts = Headcount::of(db, &all, actor.may(Action::ViewAgency)).await?;
    let matching = match search_term(q) {
        None => all,
        Some(q) => {
            agencies::Entity::find()
                .filter(reach_condition(actor))
                .filter(
                    Condition::any()
                        .add(contains_ci(agencies::Column::Name, q))
                        .add(contains_ci(agencies::Column::Code, q)),
                )
                .order_by_asc(agencies::Column::Name)
                .order_by_asc(agencies::Column::Id)
                .all(db)
                .await?
        }
    };
    Ok(matching
        .into_iter()
        .map(|agency| AgencyNode {
            own_employees: counts.own(agency.id),
            total_employees: counts.total(agency.id),
            children: Vec::new(),
            agency,
        })
        .collect())
}

/// A search result: the agency, its parent's name, its employees.
#[derive(Debug, Clone)]
pub struct AgencyRow {
    pub node: AgencyNode,
    pub parent_name: Option<String>,
}

/// Agencies within reach whose name or code contains `q`.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    q: &str,
    page: PageRequest,
) -> Result<Page<AgencyRow>, DbErr> {
    let select = agencies::Entity::find()
        .filter(reach_condition(actor))
        .filter(
            Condition::any()
                .add(contains_ci(agencies::Column::Name, q))
                .add(contains_ci(agencies::Column::Code, q)),
        )
        .order_by_asc(agencies::Column::Name)
        .order_by_asc(agencies::Column::Id);
    let found = Page::fetch(db, select, page).await?;
    let all = visible(db, actor).await?;
    let counts = Headcount::of(db, &all, actor.may(Action::ViewAgency)).await?;
    let names: HashMap<i64, String> = all.into_iter().map(|a| (a.id, a.name)).collect();
    Ok(found.map(|agency| AgencyRow {
        parent_name: agency.parent_id.and_then(|p| names.get(&p).cloned()),
        node: AgencyNode {
            own_employees: counts.own(agency.id),
            total_employees: counts.total(agency.id),
            children: Vec::new(),
            agency,
        },
    }))
}

/// One agency with its parent and what lies directly below it.
#[derive(Debug, Clone)]
pub struct AgencyDetail {
    pub node: AgencyNode,
    pub parent: Option<agencies::Model>,
}

/// The agency if the actor may see it; `None` otherwise (absent or out of reach).
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> Result<Option<AgencyDetail>, DbErr> {
    if !actor.can(db, Action::ViewAgency, Target::Agency(id)).await? {
        return Ok(None);
    }
    let Some(agency) = agencies::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let parent = match agency.parent_id {
        Some(p) => agencies::Entity::find_by_id(p).one(db).await?,
        None => None,
    };
    let subtree_ids = agency_subtree(db, id).await?;
    let subtree = agencies::Entity::find()
        .filter(agencies::Column::Id.is_in(subtree_ids))
        .order_by_asc(agencies::Column::Name)
        .all(db)
        .await?;
    let counts = Headcount::of(db, &subtree, false).await?;
    let children = subtree
        .iter()
        .filter(|a| a.parent_id == Some(id) && a.id != id)
        .map(|a| AgencyNode {
            agency: a.clone(),
            own_employees: counts.own(a.id),
            total_employees: counts.total(a.id),
            children: Vec::new(),
        })
        .collect();
    Ok(Some(AgencyDetail {
        node: AgencyNode {
            own_employees: counts.own(id),
            total_employees: counts.total(id),
            children,
            agency,
        },
        parent,
    }))
}

/// An agency by id, without asking about reach: for callers that asked the policy.
pub async fn by_id<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<agencies::Model>, DbErr> {
    agencies::Entity::find_by_id(id).one(db).await
}

/// The agencies the actor may choose as the parent of an agency or unit: regions (admins
/// only) and agencies (OPD) within reach, in name order.
pub async fn parent_choices<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> Result<Vec<agencies::Model>, DbErr> {
    let mut choices = agencies::Entity::find()
        .filter(reach_condition(actor))
        .filter(agencies::Column::Kind.is_in([AgencyKind::Region, AgencyKind::Agency]))
        .order_by_asc(agencies::Column::Name)
        .all(db)
        .await?;
    choices.sort_by_key(|a| a.kind != AgencyKind::Region);
    Ok(choices)
}

/// Agencies and units within reach (not regions), for choosing where a position belongs
/// or filtering by agency.
pub async fn agency_choices<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> Result<Vec<agencies::Model>, DbErr> {
    agencies::Entity::find()
        .filter(reach_condition(actor))
        .filter(agencies::Column::Kind.ne(AgencyKind::Region))
        .order_by_asc(agencies::Column::Name)
        .all(db)
        .await
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// An agency as submitted (a form or a JSON body), not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyInput {
    pub code: String,
    pub name: String,
    /// `region`, `agency` or `unit`.
    pub kind: String,
    /// The parent's id; empty for none.
    pub parent_id: String,
}

impl From<&agencies::Model> for AgencyInput {
    fn from(a: &agencies::Model) -> Self {
        AgencyInput {
            code: a.code.clone(),
            name: a.name.clone(),
            kind: a.kind.as_str().to_owned(),
            parent_id: a.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        }
    }
}

struct Checked {
    code: String,
    name: String,
    kind: AgencyKind,
    parent_id: Option<i64>,
}

/// Creates an agency or unit. Admins create anything; operators only units under an
/// agency within their reach.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &AgencyInput,
    now: DateTime<Utc>,
) -> Result<agencies::Model, WriteError> {
    if !actor.can(db, Action::UseStaffPages, Target::Region).await? {
        return Err(WriteError::NotFound);
    }
    let txn = begin_write(db).await?;
    let checked = check(&txn, actor, None, input).await?;
    let inserted = agencies::ActiveModel {
        code: Set(checked.code),
        name: Set(checked.name),
        kind: Set(checked.kind),
        parent_id: Set(checked.parent_id),
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

/// Changes an agency within the actor's reach. Nothing changed: nothing is written.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &AgencyInput,
    now: DateTime<Utc>,
) -> Result<agencies::Model, WriteError> {
    let txn = begin_write(db).await?;
    let current = agencies::Entity::find_by_id(id).one(&txn).await?.ok_or(WriteError::NotFound)?;
    if !actor.can(&txn, Action::EditAgency, Target::Agency(id)).await? {
        return Err(WriteError::NotFound);
    }
    let checked = check(&txn, actor, Some(&current), input).await?;
    if checked.code == current.code
        && checked.name == current.name
        && checked.kind == current.kind
        && checked.parent_id == current.parent_id
    {
        return Ok(current);
    }
    let mut active = current.clone().into_active_model();
    active.code = Set(checked.code);
    active.name = Set(checked.name);
    active.kind = Set(checked.kind);
    active.parent_id = Set(checked.parent_id);
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

/// Every rule of the tree and of the actor's reach, all problems at once.
async fn check<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    current: Option<&agencies::Model>,
    input: &AgencyInput,
) -> Result<Checked, WriteError> {
    let mut problems = Vec::new();
    let code = parse_code(&input.code).map_err(|m| problems.push(Problem::new("code", m))).ok();
    let name = parse_name(&input.name).map_err(|m| problems.push(Problem::new("name", m))).ok();
    let kind = AgencyKind::parse(&input.kind);
    if kind.is_none() {
        problems
            .push(Problem::new("kind", Msg::CatalogueUnknownValue).with("choices", "region, agency, unit"));
    }
    // Only who may shape the region's top (admins) adds agencies; others add units.
    let operator = !actor.may(Action::EditAgency);

    // The parent: an existing agency the actor may attach to (or the current parent).
    let parent = match input.parent_id.trim() {
        "" => Ok(None),
        raw => match raw.parse::<i64>() {
            Err(_) => Err(()),
            Ok(parent_id) => match agencies::Entity::find_by_id(parent_id).one(db).await? {
                None => Err(()),
                Some(parent) => {
                    let unchanged = current.is_some_and(|c| c.parent_id == Some(parent.id));
                    if unchanged || actor.can(db, Action::EditAgency, Target::Agency(parent.id)).await? {
                        Ok(Some(parent))
                    } else {
                        Err(())
                    }
                }
            },
        },
    };
    let parent = match parent {
        Ok(parent) => Some(parent),
        Err(()) => {
            problems.push(Problem::new("parent_id", Msg::CatalogueUnknownReference));
            None
        }
    };

    if let Some(kind) = kind {
        // Operators add and keep units; their own agency keeps its kind.
        if operator && kind != AgencyKind::Unit && current.is_none_or(|c| c.kind != kind) {
            problems.push(Problem::new("kind", Msg::AgencyOperatorUnitsOnly));
        }
        if let Some(parent) = &parent {
            match (kind, parent) {
                (AgencyKind::Region, Some(_)) => {
                    problems.push(Problem::new("parent_id", Msg::AgencyRegionHasNoParent))
                }
                (AgencyKind::Agency | AgencyKind::Unit, None) => {
                    problems.push(Problem::new("parent_id", Msg::AgencyParentRequired))
                }
                (AgencyKind::Agency, Some(p)) if p.kind != AgencyKind::Region => {
                    problems.push(Problem::new("parent_id", Msg::AgencyParentMustBeRegion))
                }
                // Units nest under an agency or another unit, to any depth.
                (AgencyKind::Unit, Some(p)) if p.kind == AgencyKind::Region => {
                    problems.push(Problem::new("parent_id", Msg::AgencyParentMustBeAgency))
                }
                _ => {}
            }
        }
        if let Some(current) = current {
            // The agencies below must still fit under the new kind.
            let child_kinds: Vec<AgencyKind> = agencies::Entity::find()
                .select_only()
                .column(agencies::Column::Kind)
                .filter(agencies::Column::ParentId.eq(current.id))
                .distinct()
                .into_tuple()
                .all(db)
                .await?;
            let fits = |child: &AgencyKind| match kind {
                AgencyKind::Region => *child == AgencyKind::Agency,
                AgencyKind::Agency => *child == AgencyKind::Unit,
                AgencyKind::Unit => *child == AgencyKind::Unit,
            };
            if !child_kinds.iter().all(fits) {
                problems.push(Problem::new("kind", Msg::AgencyKindConflictsWithChildren));
            }
        }
    }

    // No agency may sit below itself.
    if let (Some(current), Some(Some(parent))) = (current, &parent)
        && agency_subtree(db, current.id).await?.contains(&parent.id)
    {
        problems.push(Problem::new("parent_id", Msg::AgencyParentCycle));
    }

    if let Some(code) = &code {
        let mut same_code = agencies::Entity::find().filter(agencies::Column::Code.eq(code.as_str()));
        if let Some(current) = current {
            same_code = same_code.filter(agencies::Column::Id.ne(current.id));
        }
        if same_code.one(db).await?.is_some() {
            problems.push(Problem::new("code", Msg::CatalogueCodeTaken));
        }
    }

    match (code, name, kind, parent) {
        (Some(code), Some(name), Some(kind), Some(parent)) if problems.is_empty() => {
            Ok(Checked { code, name, kind, parent_id: parent.map(|p| p.id) })
        }
        _ => Err(WriteError::Invalid(problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_trimmed_and_limited() {
        assert_eq!(parse_code("  SWL-DISDIK-SD "), Ok("SWL-DISDIK-SD".to_owned()));
        assert_eq!(parse_code(""), Err(Msg::CatalogueCodeRequired));
        assert_eq!(parse_code("SWL DISDIK"), Err(Msg::CatalogueCodeInvalid));
        assert_eq!(parse_code(&"A".repeat(33)), Err(Msg::CatalogueCodeInvalid));
        assert_eq!(parse_name(&"é".repeat(200)).map(|n| n.chars().count()), Ok(200));
        assert_eq!(parse_name(" "), Err(Msg::CatalogueNameRequired));
    }
}
