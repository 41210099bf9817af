//! The competency dictionary (kamus kompetensi): technical (teknis), managerial
//! (manajerial) and socio-cultural (sosial kultural) competencies. Every member of staff
//! reads it; only admins change it. Competencies are never deleted (standards, assessments
//! and programs refer to them): one that is no longer used is made inactive.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};

use crate::audit::{self, Change};
use crate::enums::CompetencyKind;
use crate::i18n::Msg;
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Target};
use crate::schema::competencies;
use crate::tx::begin_write;
use crate::validation::{
    Problem, WriteError, contains_ci, is_unique_violation, parse_code, parse_name, search_term,
};

/// The audit log's record type for competencies.
pub const ENTITY_TYPE: &str = "competencies";
pub const DESCRIPTION_MAX: usize = 5000;
pub const SOURCE_MAX: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct CompetencyFilter {
    /// Part of the code or of either name.
    pub q: Option<String>,
    pub kind: Option<CompetencyKind>,
}

/// The dictionary in kind order (managerial, socio-cultural, technical), then by code.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &CompetencyFilter,
    page: PageRequest,
) -> Result<Page<competencies::Model>, DbErr> {
    let mut select = competencies::Entity::find();
    if let Some(q) = search_term(filter.q.as_deref()) {
        select = select.filter(
            Condition::any()
                .add(contains_ci(competencies::Column::Code, q))
                .add(contains_ci(competencies::Column::NameId, q))
                .add(contains_ci(competencies::Column::NameEn, q)),
        );
    }
    if let Some(kind) = filter.kind {
        select = select.filter(competencies::Column::Kind.eq(kind));
    }
    let select = select
        .order_by_asc(competencies::Column::Kind)
        .order_by_asc(competencies::Column::Code)
        .order_by_asc(competencies::Column::Id);
    Page::fetch(db, select, page).await
}

/// The whole dictionary, for choosing competencies (a position's standard).
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<competencies::Model>, DbErr> {
    competencies::Entity::find()
        .order_by_asc(competencies::Column::Kind)
        .order_by_asc(competencies::Column::Code)
        .all(db)
        .await
}

/// One competency, for any member of staff.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    id: i64,
) -> Result<Option<competencies::Model>, DbErr> {
    if !actor.can(db, Action::UseStaffPages, Target::Region).await? {
        return Ok(None);
    }
    competencies::Entity::find_by_id(id).one(db).await
}

/// A competency as submitted, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetencyInput {
    pub code: String,
    /// `teknis`, `manajerial` or `sosial_kultural`.
    pub kind: String,
    pub name_id: String,
    pub name_en: String,
    pub description: String,
    pub source: String,
    pub is_active: bool,
}

impl Default for CompetencyInput {
    fn default() -> Self {
        CompetencyInput {
            code: String::new(),
            kind: String::new(),
            name_id: String::new(),
            name_en: String::new(),
            description: String::new(),
            source: String::new(),
            is_active: true,
        }
    }
}

impl From<&competencies::Model> for CompetencyInput {
    fn from(c: &competencies::Model) -> Self {
        CompetencyInput {
            code: c.code.clone(),
            kind: c.kind.as_str().to_owned(),
            name_id: c.name_id.clone(),
            name_en: c.name_en.clone(),
            description: c.description.clone().unwrap_or_default(),
            source: c.source.clone().unwrap_or_default(),
            is_active: c.is_active,
        }
    }
}

struct Checked {
    code: String,
    kind: CompetencyKind,
    name_id: String,
    name_en: String,
    description: Option<String>,
    source: Option<String>,
    is_active: bool,
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &CompetencyInput,
    now: DateTime<Utc>,
) -> Result<competencies::Model, WriteError> {
    let txn = begin_write(db).await?;
    if !actor.can(&txn, Action::EditCompetencies, Target::Region).await? {
        return Err(WriteError::NotFound);
    }
    let c = check(&txn, None, input).await?;
    let inserted = competencies::ActiveModel {
        code: Set(c.code),
        kind: Set(c.kind),
        name_id: Set(c.name_id),
        name_en: Set(c.name_en),
        description: Set(c.description),
        source: Set(c.source),
        is_active: Set(c.is_active),
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
    input: &CompetencyInput,
    now: DateTime<Utc>,
) -> Result<competencies::Model, WriteError> {
    let txn = begin_write(db).await?;
    if !actor.can(&txn, Action::EditCompetencies, Target::Region).await? {
        return Err(WriteError::NotFound);
    }
    let current = competencies::Entity::find_by_id(id).one(&txn).await?.ok_or(WriteError::NotFound)?;
    let c = check(&txn, Some(&current), input).await?;
    if c.code == current.code
        && c.kind == current.kind
        && c.name_id == current.name_id
        && c.name_en == current.name_en
        && c.description == current.description
        && c.source == current.source
        && c.is_active == current.is_active
    {
        return Ok(current);
    }
    let mut active = current.clone().into_active_model();
    active.code = Set(c.code);
    active.kind = Set(c.kind);
    active.name_id = Set(c.name_id);
    active.name_en = Set(c.name_en);
    active.description = Set(c.description);
    active.source = Set(c.source);
    active.is_active = Set(c.is_active);
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

/// Optional text: trimmed, empty is none, at most `max` characters.
fn optional_text(raw: &str, max: usize) -> Result<Option<String>, ()> {
    let text = raw.trim();
    if text.chars().count() > max { Err(()) } else { Ok(Some(text.to_owned()).filter(|t| !t.is_empty())) }
}

async fn check<C: ConnectionTrait>(
    db: &C,
    current: Option<&competencies::Model>,
    input: &CompetencyInput,
) -> Result<Checked, WriteError> {
    let mut problems = Vec::new();
    let code = parse_code(&input.code).map_err(|m| problems.push(Problem::new("code", m))).ok();
    let kind = CompetencyKind::parse(&input.kind);
    if kind.is_none() {
        let choices: Vec<&str> = CompetencyKind::ALL.iter().map(|k| k.as_str()).collect();
        problems.push(Problem::new("kind", Msg::CatalogueUnknownValue).with("choices", choices.join(", ")));
    }
    let name_id = parse_name(&input.name_id).map_err(|m| problems.push(Problem::new("name_id", m))).ok();
    let name_en = parse_name(&input.name_en).map_err(|m| problems.push(Problem::new("name_en", m))).ok();
    let description = optional_text(&input.description, DESCRIPTION_MAX)
        .map_err(|()| problems.push(Problem::new("description", Msg::CompetencyDescriptionTooLong)))
        .ok();
    let source = optional_text(&input.source, SOURCE_MAX)
        .map_err(|()| problems.push(Problem::new("source", Msg::CompetencySourceTooLong)))
        .ok();
    if let Some(code) = &code {
        let mut same_code = competencies::Entity::find().filter(competencies::Column::Code.eq(code.as_str()));
        if let Some(current) = current {
            same_code = same_code.filter(competencies::Column::Id.ne(current.id));
        }
        if same_code.one(db).await?.is_some() {
            problems.push(Problem::new("code", Msg::CatalogueCodeTaken));
        }
    }
    match (code, kind, name_id, name_en, description, source) {
        (Some(code), Some(kind), Some(name_id), Some(name_en), Some(description), Some(source))
            if problems.is_empty() =>
        {
            Ok(Checked { code, kind, name_id, name_en, description, source, is_active: input.is_active })
        }
        _ => Err(WriteError::Invalid(problems)),
    }
}
