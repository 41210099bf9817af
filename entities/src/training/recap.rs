//! The JP (lesson hours) recap: per employee and year, classical and non-classical JP from
//! passed trainings (credited in the year the batch ended) and from confirmed mentoring
//! sessions (the mentee's, in the year they were held, at the configured minutes per JP),
//! against the PNS floor and the PPPK ceiling; per agency, how many reached the floor and
//! who has not.
//!
//! Everything is set-based: one grouped query per figure, whatever the number of
//! employees. Totals are compared in minutes (JP × minutes per JP + mentoring minutes), so
//! no rounding decides who reached the floor.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect,
    Statement, Value,
};

use super::Rules;
use super::batches::{BatchRow, enrolment_open};
use super::enrolments::{MyEnrolment, of_employee};
use super::programs::{self, ineligible};
use crate::enums::{
    AgencyKind, BatchStatus, EmploymentType, EnrolmentState, SessionConfirmation, TrainingMethod,
};
use crate::paging::{Page, PageRequest};
use crate::policy::Reach;
use crate::schema::{
    agencies, employees, enrolments, mentoring_pairs, mentoring_sessions, training_batches, training_programs,
};

/// Where JP come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Training,
    Mentoring,
}

/// One employee's JP in a year.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct RecapRow {
    pub employee_id: i64,
    pub nip: String,
    pub name: String,
    pub agency_id: i64,
    pub agency_name: String,
    pub employment_type: EmploymentType,
    /// From passed classical trainings.
    pub classical_jp: i64,
    /// From passed non-classical trainings.
    pub nonclassical_jp: i64,
    /// Confirmed mentoring minutes (non-classical).
    pub mentoring_minutes: i64,
}

/// Where an employee stands against the rule for their employment type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// PNS at or above the floor.
    Reached,
    /// PNS below the floor.
    Below,
    /// PPPK within the ceiling.
    WithinCeiling,
    /// PPPK above the ceiling.
    OverCeiling,
}

impl RecapRow {
    pub fn training_minutes(&self, rules: &Rules) -> i64 {
        (self.classical_jp + self.nonclassical_jp) * i64::from(rules.mentoring_minutes_per_jp)
    }

    /// Mentoring JP, to one decimal (rounded down).
    pub fn mentoring_jp(&self, rules: &Rules) -> f64 {
        tenths(self.mentoring_minutes, rules)
    }

    /// Every JP of the year, to one decimal (rounded down).
    pub fn total_jp(&self, rules: &Rules) -> f64 {
        tenths(self.training_minutes(rules) + self.mentoring_minutes, rules)
    }

    pub fn standing(&self, rules: &Rules) -> Standing {
        standing(self.employment_type, self.training_minutes(rules) + self.mentoring_minutes, rules)
    }
}

fn tenths(minutes: i64, rules: &Rules) -> f64 {
    (minutes * 10 / i64::from(rules.mentoring_minutes_per_jp.max(1))) as f64 / 10.0
}

pub fn standing(kind: EmploymentType, minutes: i64, rules: &Rules) -> Standing {
    let per = i64::from(rules.mentoring_minutes_per_jp);
    match kind {
        EmploymentType::Pns if minutes >= i64::from(rules.pns_min_jp) * per => Standing::Reached,
        EmploymentType::Pns => Standing::Below,
        EmploymentType::Pppk if minutes > i64::from(rules.pppk_max_jp) * per => Standing::OverCeiling,
        EmploymentType::Pppk => Standing::WithinCeiling,
    }
}

fn classical_list() -> String {
    TrainingMethod::ALL
        .iter()
        .filter(|m| m.is_classical())
        .map(|m| format!("'{}'", m.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The per-employee recap as SQL, with its values: active employees in `reach`.
fn base(rules: &Rules, year: i32, reach: &Reach) -> (String, Vec<Value>) {
    let classical = classical_list();
    let mut values: Vec<Value> = Vec::new();
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    values.push(EnrolmentState::Passed.as_str().into());
    values.push(year.into());
    values.push(SessionConfirmation::Confirmed.as_str().into());
    values.push(first.into());
    values.push(last.into());
    values.push(true.into());
    let (reach_sql, reach_values) = reach.employees_sql("e");
    values.extend(reach_values);
    let _ = rules;
    let sql = format!(
        "SELECT e.id AS employee_id, e.nip, e.name, e.agency_id, a.name AS agency_name, e.employment_type, \
           CAST(COALESCE(t.classical, 0) AS BIGINT) AS classical_jp, \
           CAST(COALESCE(t.nonclassical, 0) AS BIGINT) AS nonclassical_jp, \
           CAST(COALESCE(m.minutes, 0) AS BIGINT) AS mentoring_minutes \
         FROM employees e \
         JOIN agencies a ON a.id = e.agency_id \
         LEFT JOIN ( \
           SELECT en.employee_id, \
             SUM(CASE WHEN p.method IN ({classical}) THEN en.jp_credited ELSE 0 END) AS classical, \
             SUM(CASE WHEN p.method IN ({classical}) THEN 0 ELSE en.jp_credited END) AS nonclassical \
           FROM enrolments en \
           JOIN training_batches b ON b.id = en.batch_id \
           JOIN training_programs p ON p.id = b.program_id \
           WHERE en.state = ? AND en.credited_year = ? AND en.jp_credited IS NOT NULL \
           GROUP BY en.employee_id \
         ) t ON t.employee_id = e.id \
         LEFT JOIN ( \
           SELECT mp.mentee_id, SUM(s.minutes) AS minutes \
           FROM mentoring_sessions s \
           JOIN mentoring_pairs mp ON mp.id = s.pair_id \
           WHERE s.confirmation = ? AND s.held_on >= ? AND s.held_on <= ? \
           GROUP BY mp.mentee_id \
         ) m ON m.mentee_id = e.id \
         WHERE e.is_active = ? AND {reach_sql}"
    );
    (sql, values)
}

fn statement<C: ConnectionTrait>(db: &C, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    Statement::from_sql_and_values(backend, super::placeholders(backend, sql), values)
}

/// `(classical + non-classical) × minutes per JP + mentoring minutes` of the base query `r`.
fn total_minutes(rules: &Rules) -> String {
    format!(
        "((r.classical_jp + r.nonclassical_jp) * {} + r.mentoring_minutes)",
        i64::from(rules.mentoring_minutes_per_jp)
    )
}

/// Which employees of a recap to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Everyone,
    /// PNS below the floor.
    BelowFloor,
}

fn listing_sql(rules: &Rules, listing: Listing) -> String {
    match listing {
        Listing::Everyone => String::new(),
        Listing::BelowFloor => format!(
            " WHERE r.employment_type = '{}' AND {} < {}",
            EmploymentType::Pns.as_str(),
            total_minutes(rules),
            i64::from(rules.pns_min_jp) * i64::from(rules.mentoring_minutes_per_jp)
        ),
    }
}

/// A page of the recap, by name.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    rules: &Rules,
    year: i32,
    reach: &Reach,
    listing: Listing,
    page: PageRequest,
) -> Result<Page<RecapRow>, DbErr> {
    let (base_sql, values) = base(rules, year, reach);
    let filter = listing_sql(rules, listing);
    let sql = format!("SELECT r.* FROM ({base_sql}) r{filter} ORDER BY r.name, r.employee_id");
    let found = Page::fetch_raw(db, statement(db, &sql, values), page).await?;
    let items = found
        .items
        .iter()
        .map(|row| RecapRow::from_query_result(row, ""))
        .collect::<Result<Vec<_>, DbErr>>()?;
    Ok(Page { items, page: found.page, per_page: found.per_page, total: found.total })
}

/// Every row of the recap, by agency and name (for exports).
pub async fn all<C: ConnectionTrait>(
    db: &C,
    rules: &Rules,
    year: i32,
    reach: &Reach,
    listing: Listing,
) -> Result<Vec<RecapRow>, DbErr> {
    let (base_sql, values) = base(rules, year, reach);
    let filter = listing_sql(rules, listing);
    let sql = format!("SELECT r.* FROM ({base_sql}) r{filter} ORDER BY r.agency_name, r.name, r.employee_id");
    RecapRow::find_by_statement(statement(db, &sql, values)).all(db).await
}

/// One agency (OPD) of the summary, its units included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencySummary {
    pub agency_id: i64,
    pub agency_name: String,
    pub pns: i64,
    /// PNS at or above the floor.
    pub pns_reached: i64,
    pub pppk: i64,
    /// PPPK above the ceiling.
    pub pppk_over: i64,
}

impl AgencySummary {
    pub fn pns_below(&self) -> i64 {
        self.pns - self.pns_reached
    }
}

/// Per agency (OPD, with its units): PNS who reached the floor, and PPPK over the
/// ceiling. One grouped query; units are rolled up to their agency.
pub async fn summary<C: ConnectionTrait>(
    db: &C,
    rules: &Rules,
    year: i32,
    reach: &Reach,
) -> Result<Vec<AgencySummary>, DbErr> {
    let (base_sql, values) = base(rules, year, reach);
    let per = i64::from(rules.mentoring_minutes_per_jp);
    let sql = format!(
        "SELECT r.agency_id, r.employment_type, CAST(COUNT(*) AS BIGINT) AS employees, \
           CAST(SUM(CASE WHEN {total} >= {floor} THEN 1 ELSE 0 END) AS BIGINT) AS reached, \
           CAST(SUM(CASE WHEN {total} > {ceiling} THEN 1 ELSE 0 END) AS BIGINT) AS over_ceiling \
         FROM ({base_sql}) r GROUP BY r.agency_id, r.employment_type",
        total = total_minutes(rules),
        floor = i64::from(rules.pns_min_jp) * per,
        ceiling = i64::from(rules.pppk_max_jp) * per,
    );
    #[derive(FromQueryResult)]
    struct Group {
        agency_id: i64,
        employment_type: EmploymentType,
        employees: i64,
        reached: i64,
        over_ceiling: i64,
    }
    let groups = Group::find_by_statement(statement(db, &sql, values)).all(db).await?;
    // Roll units up to their agency (OPD): the tree is small, read it whole.
    let tree: Vec<agencies::Model> = agencies::Entity::find().all(db).await?;
    let by_id: HashMap<i64, &agencies::Model> = tree.iter().map(|a| (a.id, a)).collect();
    let top = |mut id: i64| {
        for _ in 0..16 {
            match by_id.get(&id) {
                Some(a) if a.kind == AgencyKind::Unit => match a.parent_id {
                    Some(p) => id = p,
                    None => break,
                },
                _ => break,
            }
        }
        id
    };
    let mut out: HashMap<i64, AgencySummary> = HashMap::new();
    for g in groups {
        let id = top(g.agency_id);
        let entry = out.entry(id).or_insert_with(|| AgencySummary {
            agency_id: id,
            agency_name: by_id.get(&id).map(|a| a.name.clone()).unwrap_or_default(),
            ..Default::default()
        });
        match g.employment_type {
            EmploymentType::Pns => {
                entry.pns += g.employees;
                entry.pns_reached += g.reached;
            }
            EmploymentType::Pppk => {
                entry.pppk += g.employees;
                entry.pppk_over += g.over_ceiling;
            }
        }
    }
    let mut rows: Vec<AgencySummary> = out.into_values().collect();
    rows.sort_by(|a, b| a.agency_name.cmp(&b.agency_name).then(a.agency_id.cmp(&b.agency_id)));
    Ok(rows)
}

// ---------------------------------------------------------------------------------------
// One employee
// ---------------------------------------------------------------------------------------

/// Where one line of an employee's recap comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct RecapLine {
    pub source: Source,
    pub title: String,
    pub method: Option<TrainingMethod>,
    pub classical: bool,
    /// The day the batch ended, or the session was held.
    pub on: NaiveDate,
    /// JP (trainings) or minutes (mentoring).
    pub jp: Option<i64>,
    pub minutes: Option<i64>,
    pub certificate_number: Option<String>,
    /// Mentoring: the session's mentor.
    pub mentor: Option<String>,
}

/// One employee's year: the totals and the lines behind them.
#[derive(Debug, Clone)]
pub struct EmployeeYear {
    pub employee: employees::Model,
    pub year: i32,
    pub row: RecapRow,
    pub lines: Vec<RecapLine>,
}

pub async fn employee_year<C: ConnectionTrait>(
    db: &C,
    employee: employees::Model,
    year: i32,
) -> Result<EmployeeYear, DbErr> {
    let trainings = enrolments::Entity::find()
        .find_also_related(training_batches::Entity)
        .filter(enrolments::Column::EmployeeId.eq(employee.id))
        .filter(enrolments::Column::State.eq(EnrolmentState::Passed))
        .filter(enrolments::Column::CreditedYear.eq(year))
        .order_by_asc(training_batches::Column::EndsOn)
        .all(db)
        .await?;
    let program_ids: Vec<i64> =
        trainings.iter().filter_map(|(_, b)| b.as_ref().map(|b| b.program_id)).collect();
    let programs: HashMap<i64, training_programs::Model> = training_programs::Entity::find()
        .filter(training_programs::Column::Id.is_in(program_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut lines = Vec::new();
    let (mut classical, mut nonclassical) = (0, 0);
    for (e, batch) in trainings {
        let Some(batch) = batch else { continue };
        let Some(program) = programs.get(&batch.program_id) else { continue };
        let jp = i64::from(e.jp_credited.unwrap_or(0));
        if program.method.is_classical() {
            classical += jp;
        } else {
            nonclassical += jp;
        }
        lines.push(RecapLine {
            source: Source::Training,
            title: program.title.clone(),
            method: Some(program.method),
            classical: program.method.is_classical(),
            on: batch.ends_on,
            jp: Some(jp),
            minutes: None,
            certificate_number: e.certificate_number.clone(),
            mentor: None,
        });
    }
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let sessions = mentoring_sessions::Entity::find()
        .find_also_related(mentoring_pairs::Entity)
        .filter(mentoring_pairs::Column::MenteeId.eq(employee.id))
        .filter(mentoring_sessions::Column::Confirmation.eq(SessionConfirmation::Confirmed))
        .filter(mentoring_sessions::Column::HeldOn.gte(first))
        .filter(mentoring_sessions::Column::HeldOn.lte(last))
        .order_by_asc(mentoring_sessions::Column::HeldOn)
        .all(db)
        .await?;
    let mentor_ids: Vec<i64> = sessions.iter().filter_map(|(_, p)| p.as_ref().map(|p| p.mentor_id)).collect();
    let mentors: HashMap<i64, String> = employees::Entity::find()
        .filter(employees::Column::Id.is_in(mentor_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let mut minutes = 0;
    for (s, pair) in sessions {
        minutes += i64::from(s.minutes);
        lines.push(RecapLine {
            source: Source::Mentoring,
            title: s.topic.clone(),
            method: Some(TrainingMethod::Mentoring),
            classical: false,
            on: s.held_on,
            jp: None,
            minutes: Some(i64::from(s.minutes)),
            certificate_number: None,
            mentor: pair.and_then(|p| mentors.get(&p.mentor_id).cloned()),
        });
    }
    lines.sort_by_key(|l| l.on);
    let agency_name =
        agencies::Entity::find_by_id(employee.agency_id).one(db).await?.map(|a| a.name).unwrap_or_default();
    let row = RecapRow {
        employee_id: employee.id,
        nip: employee.nip.clone(),
        name: employee.name.clone(),
        agency_id: employee.agency_id,
        agency_name,
        employment_type: employee.employment_type,
        classical_jp: classical,
        nonclassical_jp: nonclassical,
        mentoring_minutes: minutes,
    };
    Ok(EmployeeYear { employee, year, row, lines })
}

/// What an employee's home page shows: their JP this year, their trainings, and the open
/// batches that fit them.
pub struct Home {
    pub year: EmployeeYear,
    pub enrolments: Vec<MyEnrolment>,
    pub open_batches: Vec<BatchRow>,
}

/// The employee's home page. Open batches are few; their programmes' eligibility is read
/// in two queries and checked with the same rule enrolment uses.
pub async fn home<C: ConnectionTrait>(
    db: &C,
    employee: employees::Model,
    year: i32,
    now: DateTime<Utc>,
) -> Result<Home, DbErr> {
    let facts = programs::facts(db, &employee, now.date_naive()).await?;
    let enrolments = of_employee(db, employee.id).await?;
    let year = employee_year(db, employee, year).await?;
    let open: Vec<BatchRow> = training_batches::Entity::find()
        .find_also_related(training_programs::Entity)
        .filter(training_batches::Column::Status.eq(BatchStatus::Open))
        .filter(training_programs::Column::IsActive.eq(true))
        .order_by_asc(training_batches::Column::StartsOn)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(batch, program)| program.map(|program| BatchRow { batch, program }))
        .filter(|r| enrolment_open(&r.batch, now))
        .collect();
    let program_ids: Vec<i64> = open.iter().map(|r| r.program.id).collect();
    let rules = programs::eligibility_of(db, &program_ids).await?;
    let mine: Vec<i64> = enrolments.iter().map(|e| e.batch.id).collect();
    let open_batches = open
        .into_iter()
        .filter(|r| !mine.contains(&r.batch.id))
        .filter(|r| {
            let mut e = rules.get(&r.program.id).cloned().unwrap_or_default();
            e.min_grade = r.program.min_grade;
            e.max_grade = r.program.max_grade;
            ineligible(&e, &facts).is_empty()
        })
        .collect();
    Ok(Home { year, enrolments, open_batches })
}

/// The years an employee's recap can be looked at: from the earliest credited year (or
/// this year) to this year.
pub fn default_year(now: DateTime<Utc>, tz: chrono_tz::Tz) -> i32 {
    use chrono::Datelike;
    now.with_timezone(&tz).year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standing_follows_the_employment_type() {
        let rules = Rules::default();
        let per = i64::from(rules.mentoring_minutes_per_jp);
        assert_eq!(standing(EmploymentType::Pns, 20 * per, &rules), Standing::Reached);
        assert_eq!(standing(EmploymentType::Pns, 20 * per - 1, &rules), Standing::Below);
        assert_eq!(standing(EmploymentType::Pppk, 24 * per, &rules), Standing::WithinCeiling);
        assert_eq!(standing(EmploymentType::Pppk, 24 * per + 1, &rules), Standing::OverCeiling);
        let row = RecapRow {
            employee_id: 1,
            nip: String::new(),
            name: String::new(),
            agency_id: 1,
            agency_name: String::new(),
            employment_type: EmploymentType::Pns,
            classical_jp: 16,
            nonclassical_jp: 2,
            mentoring_minutes: 100,
        };
        assert_eq!(row.mentoring_jp(&rules), 2.2);
        assert_eq!(row.total_jp(&rules), 20.2);
        assert_eq!(row.standing(&rules), Standing::Reached);
    }
}
