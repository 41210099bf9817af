//! Training programmes: the catalogue (code, title, method, delivery, organiser, JP, the
//! competencies they aim at with a target level, eligibility) and who is eligible.
//!
//! Programmes are region-wide: BKPSDM admins keep them; everyone signed in may read them.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use serde::Serialize;

use super::{Problem, TrainingError};
use crate::audit::{self, Change};
use crate::enums::{AgencyKind, DeliveryMode, Grade, OrganizerKind, PositionFamily, TrainingMethod};
use crate::i18n::Msg;
use crate::paging::{Page, PageRequest};
use crate::policy::{Action, Actor, Target};
use crate::schema::{
    agencies, competencies, employees, positions, program_competencies, program_eligible_agencies,
    program_eligible_families, training_programs,
};
use crate::tx::begin_write;
use crate::validation::{contains_ci, is_unique_violation, parse_code, search_term};

pub const ENTITY_TYPE: &str = "training_programs";
pub const TITLE_MAX: usize = 300;
pub const JP_MAX: i32 = 1000;
pub const LEVEL3_DELAY_MAX: i32 = 730;

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Default)]
pub struct ProgramFilter {
    pub q: Option<String>,
    pub method: Option<TrainingMethod>,
    /// Only active ones (what employees see).
    pub active_only: bool,
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    filter: &ProgramFilter,
    page: PageRequest,
) -> Result<Page<training_programs::Model>, DbErr> {
    let mut select = training_programs::Entity::find();
    if let Some(q) = search_term(filter.q.as_deref()) {
        select = select.filter(
            Condition::any()
                .add(contains_ci(training_programs::Column::Code, q))
                .add(contains_ci(training_programs::Column::Title, q)),
        );
    }
    if let Some(method) = filter.method {
        select = select.filter(training_programs::Column::Method.eq(method));
    }
    if filter.active_only {
        select = select.filter(training_programs::Column::IsActive.eq(true));
    }
    let select =
        select.order_by_asc(training_programs::Column::Title).order_by_asc(training_programs::Column::Id);
    Page::fetch(db, select, page).await
}

/// Who may enrol: empty lists mean "anyone".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Eligibility {
    pub families: Vec<PositionFamily>,
    pub agency_ids: Vec<i64>,
    pub min_grade: Option<Grade>,
    pub max_grade: Option<Grade>,
}

/// A programme with its target competencies and eligibility.
#[derive(Debug, Clone)]
pub struct ProgramDetail {
    pub program: training_programs::Model,
    /// Competency and the level the programme aims for.
    pub competencies: Vec<(competencies::Model, i16)>,
    pub eligibility: Eligibility,
    /// The eligible agencies (names for the page).
    pub agencies: Vec<agencies::Model>,
}

pub async fn detail<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<ProgramDetail>, DbErr> {
    let Some(program) = training_programs::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let competencies = program_competencies::Entity::find()
        .find_also_related(competencies::Entity)
        .filter(program_competencies::Column::ProgramId.eq(id))
        .order_by_asc(competencies::Column::Kind)
        .order_by_asc(competencies::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(row, c)| c.map(|c| (c, row.target_level)))
        .collect();
    let mut eligibility = eligibility_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    eligibility.min_grade = program.min_grade;
    eligibility.max_grade = program.max_grade;
    let agencies = agencies::Entity::find()
        .filter(agencies::Column::Id.is_in(eligibility.agency_ids.clone()))
        .order_by_asc(agencies::Column::Name)
        .all(db)
        .await?;
    Ok(Some(ProgramDetail { program, competencies, eligibility, agencies }))
}

/// The family and agency rows of several programmes at once (grades are on the programme).
pub async fn eligibility_of<C: ConnectionTrait>(
    db: &C,
    program_ids: &[i64],
) -> Result<HashMap<i64, Eligibility>, DbErr> {
    let mut out: HashMap<i64, Eligibility> = HashMap::new();
    for row in program_eligible_families::Entity::find()
        .filter(program_eligible_families::Column::ProgramId.is_in(program_ids.iter().copied()))
        .all(db)
        .await?
    {
        out.entry(row.program_id).or_default().families.push(row.family);
    }
    for row in program_eligible_agencies::Entity::find()
        .filter(program_eligible_agencies::Column::ProgramId.is_in(program_ids.iter().copied()))
        .all(db)
        .await?
    {
        out.entry(row.program_id).or_default().agency_ids.push(row.agency_id);
    }
    Ok(out)
}

/// What eligibility looks at about an employee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeFacts {
    pub employee_id: i64,
    pub active: bool,
    pub family: Option<PositionFamily>,
    /// The employee's agency or unit and every agency above it.
    pub agency_path: Vec<i64>,
    pub grade: Option<Grade>,
    /// A PPPK whose contract ended before today: inactive for enrolment, history kept.
    pub contract_ended: bool,
}

pub async fn facts<C: ConnectionTrait>(
    db: &C,
    employee: &employees::Model,
    today: NaiveDate,
) -> Result<EmployeeFacts, DbErr> {
    let family = match employee.position_id {
        Some(id) => positions::Entity::find_by_id(id).one(db).await?.map(|p| p.family),
        None => None,
    };
    let mut agency_path = vec![employee.agency_id];
    let mut next = Some(employee.agency_id);
    while let Some(id) = next {
        next = agencies::Entity::find_by_id(id).one(db).await?.and_then(|a| a.parent_id);
        if let Some(parent) = next {
            if agency_path.contains(&parent) {
                break;
            }
            agency_path.push(parent);
        }
    }
    Ok(EmployeeFacts {
        employee_id: employee.id,
        active: employee.is_active,
        family,
        agency_path,
        grade: employee.grade,
        contract_ended: crate::records::contract_ended(employee, today),
    })
}

/// Why an employee may not enrol in a programme; empty when they may.
pub fn ineligible(eligibility: &Eligibility, who: &EmployeeFacts) -> Vec<Msg> {
    let mut reasons = Vec::new();
    if !who.active {
        reasons.push(Msg::TrainingIneligibleInactive);
    }
    if who.contract_ended {
        reasons.push(Msg::TrainingIneligibleContractEnded);
    }
    if !eligibility.families.is_empty() && !who.family.is_some_and(|f| eligibility.families.contains(&f)) {
        reasons.push(Msg::TrainingIneligibleFamily);
    }
    if !eligibility.agency_ids.is_empty()
        && !who.agency_path.iter().any(|a| eligibility.agency_ids.contains(a))
    {
        reasons.push(Msg::TrainingIneligibleAgency);
    }
    if eligibility.min_grade.is_some() || eligibility.max_grade.is_some() {
        let fits = who.grade.is_some_and(|g| {
            eligibility.min_grade.is_none_or(|min| g >= min)
                && eligibility.max_grade.is_none_or(|max| g <= max)
        });
        if !fits {
            reasons.push(Msg::TrainingIneligibleGrade);
        }
    }
    reasons
}

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

/// A programme as submitted, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgramInput {
    pub code: String,
    pub title: String,
    pub description: String,
    pub method: String,
    pub delivery: String,
    pub organizer_kind: String,
    pub organizer_name: String,
    pub jp: String,
    pub level3_delay_days: String,
    pub min_grade: String,
    pub max_grade: String,
    pub requires_supervisor_approval: bool,
    pub is_active: bool,
    pub families: Vec<String>,
    pub agency_ids: Vec<String>,
    /// (competency id, target level); an empty level leaves the competency out.
    pub competencies: Vec<(String, String)>,
}

impl ProgramInput {
    pub fn blank() -> ProgramInput {
        ProgramInput { level3_delay_days: "90".into(), is_active: true, ..Default::default() }
    }

    pub fn of(d: &ProgramDetail) -> ProgramInput {
        let p = &d.program;
        ProgramInput {
            code: p.code.clone(),
            title: p.title.clone(),
            description: p.description.clone().unwrap_or_default(),
            method: p.method.as_str().into(),
            delivery: p.delivery.as_str().into(),
            organizer_kind: p.organizer_kind.as_str().into(),
            organizer_name: p.organizer_name.clone(),
            jp: p.jp.to_string(),
            level3_delay_days: p.level3_delay_days.to_string(),
            min_grade: p.min_grade.map(|g| g.as_str().to_owned()).unwrap_or_default(),
            max_grade: p.max_grade.map(|g| g.as_str().to_owned()).unwrap_or_default(),
            requires_supervisor_approval: p.requires_supervisor_approval,
            is_active: p.is_active,
            families: d.eligibility.families.iter().map(|f| f.as_str().to_owned()).collect(),
            agency_ids: d.eligibility.agency_ids.iter().map(|a| a.to_string()).collect(),
            competencies: d.competencies.iter().map(|(c, l)| (c.id.to_string(), l.to_string())).collect(),
        }
    }
}

struct Checked {
    code: String,
    title: String,
    description: Option<String>,
    method: TrainingMethod,
    delivery: DeliveryMode,
    organizer_kind: OrganizerKind,
    organizer_name: String,
    jp: i32,
    level3_delay_days: i32,
    min_grade: Option<Grade>,
    max_grade: Option<Grade>,
    families: Vec<PositionFamily>,
    agency_ids: BTreeSet<i64>,
    competencies: Vec<(i64, i16)>,
}

fn choices<E: Copy + AsRef<str>>(all: &[E]) -> String {
    all.iter().map(|v| v.as_ref()).collect::<Vec<_>>().join(", ")
}

fn parse_enum<E: Copy + AsRef<str>>(
    field: &'static str,
    raw: &str,
    parse: fn(&str) -> Option<E>,
    all: &[E],
    problems: &mut Vec<Problem>,
) -> Option<E> {
    let found = parse(raw);
    if found.is_none() {
        problems.push(Problem::new(field, Msg::CatalogueUnknownValue).with("choices", choices(all)));
    }
    found
}

/// A whole number within `range`, or a problem on `field`.
pub(crate) fn parse_int(
    field: &'static str,
    raw: &str,
    range: std::ops::RangeInclusive<i32>,
    msg: Msg,
    problems: &mut Vec<Problem>,
) -> Option<i32> {
    let value = raw.trim().parse::<i32>().ok().filter(|n| range.contains(n));
    if value.is_none() {
        problems.push(
            Problem::new(field, msg)
                .with("min", range.start())
                .with("max", range.end())
                .with("value", raw.trim()),
        );
    }
    value
}

async fn check<C: ConnectionTrait>(db: &C, input: &ProgramInput) -> Result<Checked, TrainingError> {
    let mut problems = Vec::new();
    let code = parse_code(&input.code).map_err(|m| problems.push(Problem::new("code", m))).ok();
    let title = input.title.trim();
    if title.is_empty() {
        problems.push(Problem::new("title", Msg::TrainingTitleRequired));
    } else if title.chars().count() > TITLE_MAX {
        problems.push(Problem::new("title", Msg::TrainingTitleTooLong));
    }
    let description = Some(input.description.trim().to_owned()).filter(|d| !d.is_empty());
    if description.as_ref().is_some_and(|d| d.chars().count() > 5000) {
        problems.push(Problem::new("description", Msg::CompetencyDescriptionTooLong));
    }
    let method =
        parse_enum("method", &input.method, TrainingMethod::parse, TrainingMethod::ALL, &mut problems);
    let delivery =
        parse_enum("delivery", &input.delivery, DeliveryMode::parse, DeliveryMode::ALL, &mut problems);
    let organizer_kind = parse_enum(
        "organizer_kind",
        &input.organizer_kind,
        OrganizerKind::parse,
        OrganizerKind::ALL,
        &mut problems,
    );
    let organizer_name = input.organizer_name.trim().to_owned();
    if organizer_name.is_empty() {
        problems.push(Problem::new("organizer_name", Msg::TrainingOrganizerRequired));
    } else if organizer_name.chars().count() > 200 {
        problems.push(Problem::new("organizer_name", Msg::CatalogueNameTooLong));
    }
    let jp = parse_int("jp", &input.jp, 1..=JP_MAX, Msg::TrainingNumberRange, &mut problems);
    let level3_delay_days = if input.level3_delay_days.trim().is_empty() {
        Some(90)
    } else {
        parse_int(
            "level3_delay_days",
            &input.level3_delay_days,
            0..=LEVEL3_DELAY_MAX,
            Msg::TrainingNumberRange,
            &mut problems,
        )
    };
    let grade = |field: &'static str, raw: &str, problems: &mut Vec<Problem>| match raw.trim() {
        "" => None,
        raw => {
            let g = Grade::parse(raw);
            if g.is_none() {
                problems.push(
                    Problem::new(field, Msg::CatalogueUnknownValue).with("choices", choices(Grade::ALL)),
                );
            }
            g
        }
    };
    let min_grade = grade("min_grade", &input.min_grade, &mut problems);
    let max_grade = grade("max_grade", &input.max_grade, &mut problems);
    if let (Some(min), Some(max)) = (min_grade, max_grade)
        && min > max
    {
        problems.push(Problem::new("max_grade", Msg::TrainingGradeOrder));
    }
    let mut families = Vec::new();
    for raw in input.families.iter().filter(|f| !f.trim().is_empty()) {
        match PositionFamily::parse(raw) {
            Some(f) => {
                if !families.contains(&f) {
                    families.push(f);
                }
            }
            None => problems.push(
                Problem::new("families", Msg::CatalogueUnknownValue)
                    .with("choices", choices(PositionFamily::ALL)),
            ),
        }
    }
    let mut agency_ids = BTreeSet::new();
    for raw in input.agency_ids.iter().filter(|a| !a.trim().is_empty()) {
        match raw.trim().parse::<i64>() {
            Ok(id) => {
                agency_ids.insert(id);
            }
            Err(_) => problems.push(Problem::new("agency_ids", Msg::CatalogueUnknownReference)),
        }
    }
    if !agency_ids.is_empty() {
        let known = agencies::Entity::find()
            .filter(agencies::Column::Id.is_in(agency_ids.iter().copied()))
            .filter(agencies::Column::Kind.ne(AgencyKind::Region))
            .all(db)
            .await?;
        if known.len() != agency_ids.len() {
            problems.push(Problem::new("agency_ids", Msg::CatalogueUnknownReference));
        }
    }
    let mut targets: Vec<(i64, i16)> = Vec::new();
    let wanted: Vec<(&str, &str)> =
        input.competencies.iter().map(|(c, l)| (c.trim(), l.trim())).filter(|(_, l)| !l.is_empty()).collect();
    let ids: Vec<i64> = wanted.iter().filter_map(|(c, _)| c.parse().ok()).collect();
    let known: HashMap<i64, competencies::Model> = competencies::Entity::find()
        .filter(competencies::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    for (raw_id, raw_level) in wanted {
        let Some(c) = raw_id.parse::<i64>().ok().and_then(|id| known.get(&id)) else {
            problems.push(
                Problem::new("competencies", Msg::PositionUnknownCompetency).with("competency", raw_id),
            );
            continue;
        };
        let name = format!("{} {}", c.code, c.name_id);
        let level = raw_level.parse::<i16>().ok().filter(|l| (1..=5).contains(l));
        match level {
            None => problems
                .push(Problem::new("competencies", Msg::PositionLevelOutOfRange).with("competency", &name)),
            Some(_) if targets.iter().any(|(id, _)| *id == c.id) => problems.push(
                Problem::new("competencies", Msg::PositionDuplicateCompetency).with("competency", &name),
            ),
            Some(_) if !c.is_active => problems.push(
                Problem::new("competencies", Msg::PositionInactiveCompetency).with("competency", &name),
            ),
            Some(level) => targets.push((c.id, level)),
        }
    }
    if !problems.is_empty() {
        return Err(TrainingError::Invalid(problems));
    }
    Ok(Checked {
        code: code.unwrap_or_default(),
        title: title.to_owned(),
        description,
        method: method.expect("checked"),
        delivery: delivery.expect("checked"),
        organizer_kind: organizer_kind.expect("checked"),
        organizer_name,
        jp: jp.expect("checked"),
        level3_delay_days: level3_delay_days.expect("checked"),
        min_grade,
        max_grade,
        families,
        agency_ids,
        competencies: targets,
    })
}

fn code_taken(err: DbErr, code: &str) -> TrainingError {
    if is_unique_violation(&err) {
        TrainingError::Invalid(vec![Problem::new("code", Msg::CatalogueCodeTaken).with("code", code)])
    } else {
        TrainingError::Db(err)
    }
}

/// The links of a programme (competencies, families, agencies), replaced as a whole.
async fn write_links<C: ConnectionTrait>(db: &C, program_id: i64, c: &Checked) -> Result<(), DbErr> {
    program_competencies::Entity::delete_many()
        .filter(program_competencies::Column::ProgramId.eq(program_id))
        .exec(db)
        .await?;
    program_eligible_families::Entity::delete_many()
        .filter(program_eligible_families::Column::ProgramId.eq(program_id))
        .exec(db)
        .await?;
    program_eligible_agencies::Entity::delete_many()
        .filter(program_eligible_agencies::Column::ProgramId.eq(program_id))
        .exec(db)
        .await?;
    if !c.competencies.is_empty() {
        program_competencies::Entity::insert_many(c.competencies.iter().map(|(id, level)| {
            program_competencies::ActiveModel {
                program_id: Set(program_id),
                competency_id: Set(*id),
                target_level: Set(*level),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    if !c.families.is_empty() {
        program_eligible_families::Entity::insert_many(c.families.iter().map(|f| {
            program_eligible_families::ActiveModel { program_id: Set(program_id), family: Set(*f) }
        }))
        .exec_without_returning(db)
        .await?;
    }
    if !c.agency_ids.is_empty() {
        program_eligible_agencies::Entity::insert_many(c.agency_ids.iter().map(|a| {
            program_eligible_agencies::ActiveModel { program_id: Set(program_id), agency_id: Set(*a) }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// What the audit log keeps of a programme: the row and its links.
#[derive(Serialize)]
struct Audited<'a> {
    #[serde(flatten)]
    program: &'a training_programs::Model,
    competencies: Vec<(i64, i16)>,
    families: Vec<PositionFamily>,
    agency_ids: Vec<i64>,
}

fn audited<'a>(program: &'a training_programs::Model, c: &Checked) -> Audited<'a> {
    Audited {
        program,
        competencies: c.competencies.clone(),
        families: c.families.clone(),
        agency_ids: c.agency_ids.iter().copied().collect(),
    }
}

pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    input: &ProgramInput,
    now: DateTime<Utc>,
) -> Result<training_programs::Model, TrainingError> {
    if !actor.can(db, Action::ManageTraining, Target::Region).await? {
        return Err(TrainingError::NotFound);
    }
    let txn = begin_write(db).await?;
    let c = check(&txn, input).await?;
    let program = training_programs::ActiveModel {
        code: Set(c.code.clone()),
        title: Set(c.title.clone()),
        description: Set(c.description.clone()),
        method: Set(c.method),
        delivery: Set(c.delivery),
        organizer_kind: Set(c.organizer_kind),
        organizer_name: Set(c.organizer_name.clone()),
        jp: Set(c.jp),
        requires_supervisor_approval: Set(input.requires_supervisor_approval),
        level3_delay_days: Set(c.level3_delay_days),
        min_grade: Set(c.min_grade),
        max_grade: Set(c.max_grade),
        is_active: Set(input.is_active),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| code_taken(e, &c.code))?;
    write_links(&txn, program.id, &c).await?;
    audit::record(&txn, Change::created(actor.user_id, ENTITY_TYPE, program.id, &audited(&program, &c)), now)
        .await?;
    txn.commit().await?;
    Ok(program)
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: &ProgramInput,
    now: DateTime<Utc>,
) -> Result<training_programs::Model, TrainingError> {
    if !actor.can(db, Action::ManageTraining, Target::Region).await? {
        return Err(TrainingError::NotFound);
    }
    let txn = begin_write(db).await?;
    let before = detail(&txn, id).await?.ok_or(TrainingError::NotFound)?;
    let c = check(&txn, input).await?;
    let mut active = before.program.clone().into_active_model();
    active.code = Set(c.code.clone());
    active.title = Set(c.title.clone());
    active.description = Set(c.description.clone());
    active.method = Set(c.method);
    active.delivery = Set(c.delivery);
    active.organizer_kind = Set(c.organizer_kind);
    active.organizer_name = Set(c.organizer_name.clone());
    active.jp = Set(c.jp);
    active.requires_supervisor_approval = Set(input.requires_supervisor_approval);
    active.level3_delay_days = Set(c.level3_delay_days);
    active.min_grade = Set(c.min_grade);
    active.max_grade = Set(c.max_grade);
    active.is_active = Set(input.is_active);
    active.updated_at = Set(now);
    let after = active.update(&txn).await.map_err(|e| code_taken(e, &c.code))?;
    write_links(&txn, id, &c).await?;
    let before_audit = Audited {
        program: &before.program,
        competencies: before.competencies.iter().map(|(c, l)| (c.id, *l)).collect(),
        families: before.eligibility.families.clone(),
        agency_ids: before.eligibility.agency_ids.clone(),
    };
    audit::record(
        &txn,
        Change::updated(actor.user_id, ENTITY_TYPE, id, &before_audit, &audited(&after, &c)),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The agencies (OPD and units) a programme can be limited to, by name.
pub async fn agency_choices<C: ConnectionTrait>(db: &C) -> Result<Vec<agencies::Model>, DbErr> {
    agencies::Entity::find()
        .filter(agencies::Column::Kind.eq(AgencyKind::Agency))
        .order_by_asc(agencies::Column::Name)
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(family: Option<PositionFamily>, agencies: &[i64], grade: Option<Grade>) -> EmployeeFacts {
        EmployeeFacts {
            employee_id: 1,
            active: true,
            family,
            agency_path: agencies.to_vec(),
            grade,
            contract_ended: false,
        }
    }

    #[test]
    fn eligibility_by_family_agency_and_grade() {
        let open = Eligibility::default();
        assert!(ineligible(&open, &who(None, &[5], None)).is_empty());
        let limited = Eligibility {
            families: vec![PositionFamily::Pengawas],
            agency_ids: vec![2],
            min_grade: Some(Grade::IIIc),
            max_grade: Some(Grade::IVa),
        };
        assert!(
            ineligible(&limited, &who(Some(PositionFamily::Pengawas), &[7, 2, 1], Some(Grade::IIId)))
                .is_empty()
        );
        assert_eq!(
            ineligible(&limited, &who(Some(PositionFamily::Pelaksana), &[3, 1], Some(Grade::IIa))),
            vec![Msg::TrainingIneligibleFamily, Msg::TrainingIneligibleAgency, Msg::TrainingIneligibleGrade]
        );
        // Above the range, and without a grade (PPPK) when a range is set.
        assert_eq!(
            ineligible(&limited, &who(Some(PositionFamily::Pengawas), &[2], Some(Grade::IVb))),
            vec![Msg::TrainingIneligibleGrade]
        );
        assert_eq!(
            ineligible(&limited, &who(Some(PositionFamily::Pengawas), &[2], None)),
            vec![Msg::TrainingIneligibleGrade]
        );
    }
}
