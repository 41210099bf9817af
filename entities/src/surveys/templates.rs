//! Survey templates and their questions: the seeded defaults, the list staff see, and the
//! edits staff make (copy a default for one program, rename, add, change, reorder and remove
//! questions). A question someone has answered keeps its kind and its number of options, and
//! cannot be removed, so earlier answers keep their meaning.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;

use super::defaults::{self, ChoiceOption};
use super::sql::Sql;
use crate::audit::{self, Change};
use crate::enums::{QuestionKind, SurveyAudience, SurveyLevel};
use crate::i18n::Msg;
use crate::schema::{
    survey_answers, survey_invitations, survey_questions, survey_templates, training_programs,
};
use crate::tx;

pub const MAX_PROMPT: usize = 1000;
pub const MAX_OPTION: usize = 200;
pub const MAX_OPTIONS: usize = 10;

/// The options of a single-choice question (empty for other kinds).
pub fn options_of(question: &survey_questions::Model) -> Vec<ChoiceOption> {
    question.options.as_deref().and_then(|o| serde_json::from_str(o).ok()).unwrap_or_default()
}

/// Creates the default templates that do not exist yet; returns how many it created. Runs at
/// every migration (start-up, `bangkom migrate`) and at the start of every `survey-dispatch`
/// run, so they exist wherever surveys are sent. Safe when several instances start at once.
pub async fn ensure_defaults(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let present = survey_templates::Entity::find().filter(default_filter()).count(db).await? as usize;
    if present >= defaults::TEMPLATES.len() {
        return Ok(0);
    }
    let txn = tx::begin_write(db).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        // Held until commit: a second instance waits here, then finds the templates.
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(20261125007)").await?;
    }
    let mut created = 0;
    for spec in defaults::TEMPLATES {
        let exists = survey_templates::Entity::find()
            .filter(default_filter())
            .filter(survey_templates::Column::Level.eq(spec.level))
            .filter(survey_templates::Column::Audience.eq(spec.audience))
            .count(&txn)
            .await?;
        if exists > 0 {
            continue;
        }
        let template = survey_templates::ActiveModel {
            name: Set(spec.name.to_owned()),
            level: Set(spec.level),
            audience: Set(spec.audience),
            program_id: Set(None),
            is_default: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let questions = spec.questions.iter().enumerate().map(|(i, q)| survey_questions::ActiveModel {
            template_id: Set(template.id),
            position: Set(i as i32 + 1),
            kind: Set(q.kind),
            prompt_id: Set(q.prompt_id.to_owned()),
            prompt_en: Set(q.prompt_en.to_owned()),
            options: Set(encode_options(
                &q.options
                    .iter()
                    .map(|(id, en)| ChoiceOption { id: (*id).into(), en: (*en).into() })
                    .collect::<Vec<_>>(),
            )),
            is_required: Set(q.is_required),
            ..Default::default()
        });
        survey_questions::Entity::insert_many(questions).exec_without_returning(&txn).await?;
        created += 1;
    }
    txn.commit().await?;
    Ok(created)
}

fn default_filter() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(survey_templates::Column::ProgramId.is_null())
        .add(survey_templates::Column::IsDefault.eq(true))
}

fn encode_options(options: &[ChoiceOption]) -> Option<String> {
    if options.is_empty() { None } else { serde_json::to_string(options).ok() }
}

/// One line of the template list.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct TemplateRow {
    pub id: i64,
    pub name: String,
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub is_default: bool,
    pub program_id: Option<i64>,
    pub program_code: Option<String>,
    pub program_title: Option<String>,
    pub questions: i64,
    pub invitations: i64,
}

/// Every template: the defaults first, then programs' own, by program code.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<TemplateRow>, DbErr> {
    let sql = Sql::new(
        "SELECT t.id, t.name, t.level, t.audience, t.is_default, t.program_id, \
                pr.code AS program_code, pr.title AS program_title, \
                (SELECT COUNT(*) FROM survey_questions q WHERE q.template_id = t.id) AS questions, \
                (SELECT COUNT(*) FROM survey_invitations i WHERE i.template_id = t.id) AS invitations \
         FROM survey_templates t LEFT JOIN training_programs pr ON pr.id = t.program_id \
         ORDER BY CASE WHEN t.program_id IS NULL THEN 0 ELSE 1 END, pr.code, t.level, t.audience, t.id",
    );
    TemplateRow::find_by_statement(sql.build(db.get_database_backend())).all(db).await
}

/// A program, as the template and results pages offer it.
#[derive(Debug, Clone, FromQueryResult, Serialize)]
pub struct ProgramChoice {
    pub id: i64,
    pub code: String,
    pub title: String,
}

/// Programs to copy a template for, by code.
pub async fn program_choices<C: ConnectionTrait>(db: &C) -> Result<Vec<ProgramChoice>, DbErr> {
    training_programs::Entity::find()
        .select_only()
        .column(training_programs::Column::Id)
        .column(training_programs::Column::Code)
        .column(training_programs::Column::Title)
        .order_by_asc(training_programs::Column::Code)
        .into_model::<ProgramChoice>()
        .all(db)
        .await
}

#[derive(Debug, Clone)]
pub struct QuestionRow {
    pub question: survey_questions::Model,
    pub options: Vec<ChoiceOption>,
    /// Answers given to it (then its kind and options count are fixed).
    pub answers: i64,
}

#[derive(Debug, Clone)]
pub struct TemplateDetail {
    pub template: survey_templates::Model,
    pub program: Option<ProgramChoice>,
    pub questions: Vec<QuestionRow>,
    pub invitations: u64,
}

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<TemplateDetail>, DbErr> {
    let Some(template) = survey_templates::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    let program = match template.program_id {
        None => None,
        Some(pid) => {
            training_programs::Entity::find_by_id(pid)
                .select_only()
                .column(training_programs::Column::Id)
                .column(training_programs::Column::Code)
                .column(training_programs::Column::Title)
                .into_model::<ProgramChoice>()
                .one(db)
                .await?
        }
    };
    let questions = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(id))
        .order_by_asc(survey_questions::Column::Position)
        .all(db)
        .await?;
    let counts: Vec<(i64, i64)> = survey_answers::Entity::find()
        .select_only()
        .column(survey_answers::Column::QuestionId)
        .column_as(survey_answers::Column::Id.count(), "n")
        .filter(survey_answers::Column::QuestionId.is_in(questions.iter().map(|q| q.id)))
        .group_by(survey_answers::Column::QuestionId)
        .into_tuple()
        .all(db)
        .await?;
    let invitations = survey_invitations::Entity::find()
        .filter(survey_invitations::Column::TemplateId.eq(id))
        .count(db)
        .await?;
    let questions = questions
        .into_iter()
        .map(|q| QuestionRow {
            options: options_of(&q),
            answers: counts.iter().find(|(id, _)| *id == q.id).map_or(0, |(_, n)| *n),
            question: q,
        })
        .collect();
    Ok(Some(TemplateDetail { template, program, questions, invitations }))
}

/// A field at fault: the one field-problem type of every area.
pub use crate::validation::Problem as TemplateFieldError;

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("no such template or question")]
    NotFound,
    #[error("invalid input: {0:?}")]
    Invalid(Vec<TemplateFieldError>),
    #[error("the program already has its own template for this level and audience (template {0})")]
    AlreadyExists(i64),
    #[error("the template is in use or is a default and cannot be deleted")]
    NotDeletable,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl TemplateError {
    fn field(field: &'static str, msg: Msg) -> TemplateError {
        TemplateError::Invalid(vec![TemplateFieldError::new(field, msg)])
    }
}

/// Copies a template (normally a default) as the given program's own template for the same
/// level and audience. A program has at most one template per level and audience.
pub async fn copy_for_program(
    db: &DatabaseConnection,
    source_id: i64,
    program_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<survey_templates::Model, TemplateError> {
    let txn = tx::begin_write(db).await?;
    let source = survey_templates::Entity::find_by_id(source_id)
        .one(&txn)
        .await?
        .ok_or_else(|| TemplateError::field("template_id", Msg::CatalogueUnknownReference))?;
    let program = training_programs::Entity::find_by_id(program_id)
        .one(&txn)
        .await?
        .ok_or_else(|| TemplateError::field("program_id", Msg::CatalogueUnknownReference))?;
    if let Some(existing) = survey_templates::Entity::find()
        .filter(survey_templates::Column::ProgramId.eq(program_id))
        .filter(survey_templates::Column::Level.eq(source.level))
        .filter(survey_templates::Column::Audience.eq(source.audience))
        .one(&txn)
        .await?
    {
        return Err(TemplateError::AlreadyExists(existing.id));
    }
    let base = source.name.split(" — ").next().unwrap_or(&source.name).to_owned();
    let name: String = format!("{base} — {}", program.code).chars().take(200).collect();
    let copy = survey_templates::ActiveModel {
        name: Set(name),
        level: Set(source.level),
        audience: Set(source.audience),
        program_id: Set(Some(program_id)),
        is_default: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let questions = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(source_id))
        .order_by_asc(survey_questions::Column::Position)
        .all(&txn)
        .await?;
    let copies = questions.into_iter().map(|q| survey_questions::ActiveModel {
        template_id: Set(copy.id),
        position: Set(q.position),
        kind: Set(q.kind),
        prompt_id: Set(q.prompt_id),
        prompt_en: Set(q.prompt_en),
        options: Set(q.options),
        is_required: Set(q.is_required),
        ..Default::default()
    });
    survey_questions::Entity::insert_many(copies).exec_without_returning(&txn).await?;
    audit::record(&txn, Change::created(user_id, "survey_templates", copy.id, &copy), now).await?;
    txn.commit().await?;
    Ok(copy)
}

/// Renames a template.
pub async fn rename(
    db: &DatabaseConnection,
    id: i64,
    name: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), TemplateError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(TemplateError::field("name", Msg::CatalogueNameRequired));
    }
    if name.chars().count() > 200 {
        return Err(TemplateError::field("name", Msg::CatalogueNameTooLong));
    }
    let txn = tx::begin_write(db).await?;
    let before = survey_templates::Entity::find_by_id(id).one(&txn).await?.ok_or(TemplateError::NotFound)?;
    let mut active: survey_templates::ActiveModel = before.clone().into();
    active.name = Set(name);
    active.updated_at = Set(now);
    let after = active.update(&txn).await?;
    audit::record(&txn, Change::updated(user_id, "survey_templates", id, &before, &after), now).await?;
    txn.commit().await?;
    Ok(())
}

/// A question as staff typed it (strings, checked here).
#[derive(Debug, Clone, Default)]
pub struct QuestionInput {
    pub kind: String,
    pub prompt_id: String,
    pub prompt_en: String,
    /// Single choice: one option a line, `Indonesian | English`.
    pub options: String,
    pub is_required: bool,
}

/// A question once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidQuestion {
    pub kind: QuestionKind,
    pub prompt_id: String,
    pub prompt_en: String,
    pub options: Vec<ChoiceOption>,
    pub is_required: bool,
}

/// Options as staff see them in the form: one a line, `Indonesian | English`.
pub fn options_text(options: &[ChoiceOption]) -> String {
    options.iter().map(|o| format!("{} | {}", o.id, o.en)).collect::<Vec<_>>().join("\n")
}

impl QuestionInput {
    pub fn parse(&self) -> Result<ValidQuestion, Vec<TemplateFieldError>> {
        let mut errors = Vec::new();
        let kind = QuestionKind::parse(self.kind.trim());
        if kind.is_none() {
            let choices: Vec<&str> = QuestionKind::ALL.iter().map(|k| k.as_str()).collect();
            errors.push(
                TemplateFieldError::new("kind", Msg::CatalogueUnknownValue)
                    .with("choices", choices.join(", ")),
            );
        }
        let mut prompt = |field: &'static str, raw: &str, required: Msg| {
            let text = raw.trim().to_owned();
            if text.is_empty() {
                errors.push(TemplateFieldError::new(field, required));
            } else if text.chars().count() > MAX_PROMPT {
                errors
                    .push(TemplateFieldError::new(field, Msg::EvalTplPromptTooLong).with("max", MAX_PROMPT));
            }
            text
        };
        let prompt_id = prompt("prompt_id", &self.prompt_id, Msg::EvalTplPromptIdRequired);
        let prompt_en = prompt("prompt_en", &self.prompt_en, Msg::EvalTplPromptEnRequired);
        let mut options = Vec::new();
        if kind == Some(QuestionKind::SingleChoice) {
            for line in self.options.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let (id, en) = line.split_once('|').unwrap_or((line, line));
                let (id, en) = (id.trim(), if en.trim().is_empty() { id.trim() } else { en.trim() });
                if id.is_empty() || id.chars().count() > MAX_OPTION || en.chars().count() > MAX_OPTION {
                    errors.push(
                        TemplateFieldError::new("options", Msg::EvalTplOptionTooLong).with("max", MAX_OPTION),
                    );
                    break;
                }
                options.push(ChoiceOption { id: id.to_owned(), en: en.to_owned() });
            }
            if !(2..=MAX_OPTIONS).contains(&options.len()) {
                errors.push(
                    TemplateFieldError::new("options", Msg::EvalTplOptionsNeeded).with("max", MAX_OPTIONS),
                );
            }
        }
        match kind {
            Some(kind) if errors.is_empty() => {
                Ok(ValidQuestion { kind, prompt_id, prompt_en, options, is_required: self.is_required })
            }
            _ => Err(errors),
        }
    }
}

async fn template_for_edit<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<survey_templates::Model, TemplateError> {
    survey_templates::Entity::find_by_id(id).one(db).await?.ok_or(TemplateError::NotFound)
}

async fn touch<C: ConnectionTrait>(
    db: &C,
    template: survey_templates::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut active: survey_templates::ActiveModel = template.into();
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

async fn answer_count<C: ConnectionTrait>(db: &C, question_id: i64) -> Result<u64, DbErr> {
    survey_answers::Entity::find().filter(survey_answers::Column::QuestionId.eq(question_id)).count(db).await
}

/// A template has at most one competency-rating question (its ratings become assessments).
async fn check_single_rating<C: ConnectionTrait>(
    db: &C,
    template_id: i64,
    except: Option<i64>,
    question: &ValidQuestion,
) -> Result<(), TemplateError> {
    if question.kind != QuestionKind::CompetencyRating {
        return Ok(());
    }
    let mut others = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(template_id))
        .filter(survey_questions::Column::Kind.eq(QuestionKind::CompetencyRating));
    if let Some(id) = except {
        others = others.filter(survey_questions::Column::Id.ne(id));
    }
    if others.count(db).await? > 0 {
        return Err(TemplateError::field("kind", Msg::EvalTplOneRating));
    }
    Ok(())
}

/// Adds a question at the end of the template; returns its id.
pub async fn add_question(
    db: &DatabaseConnection,
    template_id: i64,
    input: &QuestionInput,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, TemplateError> {
    let question = input.parse().map_err(TemplateError::Invalid)?;
    let txn = tx::begin_write(db).await?;
    let template = template_for_edit(&txn, template_id).await?;
    check_single_rating(&txn, template_id, None, &question).await?;
    let last: Option<i32> = survey_questions::Entity::find()
        .select_only()
        .column_as(survey_questions::Column::Position.max(), "p")
        .filter(survey_questions::Column::TemplateId.eq(template_id))
        .into_tuple::<Option<i32>>()
        .one(&txn)
        .await?
        .flatten();
    let saved = survey_questions::ActiveModel {
        template_id: Set(template_id),
        position: Set(last.unwrap_or(0) + 1),
        kind: Set(question.kind),
        prompt_id: Set(question.prompt_id),
        prompt_en: Set(question.prompt_en),
        options: Set(encode_options(&question.options)),
        is_required: Set(question.is_required),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, Change::created(user_id, "survey_questions", saved.id, &saved), now).await?;
    touch(&txn, template, now).await?;
    txn.commit().await?;
    Ok(saved.id)
}

async fn question_of<C: ConnectionTrait>(
    db: &C,
    template_id: i64,
    question_id: i64,
) -> Result<survey_questions::Model, TemplateError> {
    survey_questions::Entity::find_by_id(question_id)
        .filter(survey_questions::Column::TemplateId.eq(template_id))
        .one(db)
        .await?
        .ok_or(TemplateError::NotFound)
}

/// Changes a question. Once answered, its kind and its number of options stay.
pub async fn update_question(
    db: &DatabaseConnection,
    template_id: i64,
    question_id: i64,
    input: &QuestionInput,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), TemplateError> {
    let question = input.parse().map_err(TemplateError::Invalid)?;
    let txn = tx::begin_write(db).await?;
    let template = template_for_edit(&txn, template_id).await?;
    let before = question_of(&txn, template_id, question_id).await?;
    if answer_count(&txn, question_id).await? > 0 {
        if before.kind != question.kind {
            return Err(TemplateError::field("kind", Msg::EvalTplKindFrozen));
        }
        if options_of(&before).len() != question.options.len() {
            return Err(TemplateError::field("options", Msg::EvalTplOptionsFrozen));
        }
    }
    check_single_rating(&txn, template_id, Some(question_id), &question).await?;
    let mut active: survey_questions::ActiveModel = before.clone().into();
    active.kind = Set(question.kind);
    active.prompt_id = Set(question.prompt_id);
    active.prompt_en = Set(question.prompt_en);
    active.options = Set(encode_options(&question.options));
    active.is_required = Set(question.is_required);
    let after = active.update(&txn).await?;
    audit::record(&txn, Change::updated(user_id, "survey_questions", question_id, &before, &after), now)
        .await?;
    touch(&txn, template, now).await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum RemoveError {
    #[error("no such question")]
    NotFound,
    #[error("the question has answers")]
    Answered,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl From<TemplateError> for RemoveError {
    fn from(e: TemplateError) -> Self {
        match e {
            TemplateError::Db(e) => RemoveError::Db(e),
            _ => RemoveError::NotFound,
        }
    }
}

/// Removes a question nobody has answered.
pub async fn remove_question(
    db: &DatabaseConnection,
    template_id: i64,
    question_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), RemoveError> {
    let txn = tx::begin_write(db).await?;
    let template = template_for_edit(&txn, template_id).await?;
    let before = question_of(&txn, template_id, question_id).await?;
    if answer_count(&txn, question_id).await? > 0 {
        return Err(RemoveError::Answered);
    }
    survey_questions::Entity::delete_by_id(question_id).exec(&txn).await?;
    audit::record(&txn, Change::deleted(user_id, "survey_questions", question_id, &before), now).await?;
    touch(&txn, template, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a question one place up (swaps it with the one before).
pub async fn move_question_up(
    db: &DatabaseConnection,
    template_id: i64,
    question_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), TemplateError> {
    let txn = tx::begin_write(db).await?;
    let template = template_for_edit(&txn, template_id).await?;
    let question = question_of(&txn, template_id, question_id).await?;
    let Some(previous) = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(template_id))
        .filter(survey_questions::Column::Position.lt(question.position))
        .order_by_desc(survey_questions::Column::Position)
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    // Through a free position: (template_id, position) is unique at every statement.
    let set_position = |id: i64, position: i32| {
        survey_questions::Entity::update_many()
            .col_expr(survey_questions::Column::Position, sea_orm::sea_query::Expr::value(position))
            .filter(survey_questions::Column::Id.eq(id))
    };
    set_position(question.id, -question.position).exec(&txn).await?;
    set_position(previous.id, question.position).exec(&txn).await?;
    set_position(question.id, previous.position).exec(&txn).await?;
    let after = survey_questions::Model { position: previous.position, ..question.clone() };
    audit::record(&txn, Change::updated(user_id, "survey_questions", question.id, &question, &after), now)
        .await?;
    touch(&txn, template, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a program's own template that no invitation used (the default applies again).
pub async fn delete_template(
    db: &DatabaseConnection,
    id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), TemplateError> {
    let txn = tx::begin_write(db).await?;
    let template = template_for_edit(&txn, id).await?;
    let used = survey_invitations::Entity::find()
        .filter(survey_invitations::Column::TemplateId.eq(id))
        .count(&txn)
        .await?;
    if template.program_id.is_none() || used > 0 {
        return Err(TemplateError::NotDeletable);
    }
    survey_templates::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, Change::deleted(user_id, "survey_templates", id, &template), now).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_choice_options_are_read_one_a_line() {
        let input = QuestionInput {
            kind: "single_choice".into(),
            prompt_id: " Pilih ".into(),
            prompt_en: "Choose".into(),
            options: "Ya | Yes\n\nTidak|No\nMungkin".into(),
            is_required: true,
        };
        let q = input.parse().unwrap();
        assert_eq!(q.prompt_id, "Pilih");
        assert_eq!(q.options.len(), 3);
        assert_eq!(q.options[2], ChoiceOption { id: "Mungkin".into(), en: "Mungkin".into() });
    }

    #[test]
    fn every_mistake_is_reported() {
        let input = QuestionInput { kind: "essay".into(), ..Default::default() };
        let problems = input.parse().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(fields, ["kind", "prompt_id", "prompt_en"]);
        let one = QuestionInput {
            kind: "single_choice".into(),
            prompt_id: "a".into(),
            prompt_en: "b".into(),
            options: "Ya".into(),
            is_required: true,
        };
        assert_eq!(one.parse().unwrap_err()[0].msg, Msg::EvalTplOptionsNeeded);
    }
}
