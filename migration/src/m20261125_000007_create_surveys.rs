//! Evaluation: survey_templates, survey_questions, survey_invitations, survey_answers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::*;
use crate::m20261125_000001_create_organisation::Competencies;
use crate::m20261125_000002_create_people_and_accounts::Employees;
use crate::m20261125_000005_create_training::{Enrolments, TrainingPrograms};

/// `reaction` is Kirkpatrick level 1, `behaviour` level 3.
const SURVEY_LEVEL: &[&str] = &["reaction", "behaviour"];
const SURVEY_AUDIENCE: &[&str] = &["participant", "supervisor"];
const QUESTION_KIND: &[&str] = &["likert", "single_choice", "free_text", "competency_rating"];
const INVITATION_STATE: &[&str] = &["pending", "answered", "expired"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `program_id` null: a default template.
        manager
            .create_table(
                Table::create()
                    .table(SurveyTemplates::Table)
                    .col(big_pk_auto(SurveyTemplates::Id))
                    .col(string_len(SurveyTemplates::Name, 200))
                    .col(string_len(SurveyTemplates::Level, ENUM_LEN))
                    .col(string_len(SurveyTemplates::Audience, ENUM_LEN))
                    .col(big_integer_null(SurveyTemplates::ProgramId))
                    .col(boolean(SurveyTemplates::IsDefault).default(false))
                    .col(timestamp_with_time_zone(SurveyTemplates::CreatedAt))
                    .col(timestamp_with_time_zone(SurveyTemplates::UpdatedAt))
                    .foreign_key(&mut fk(
                        SurveyTemplates::Table,
                        SurveyTemplates::ProgramId,
                        TrainingPrograms::Table,
                        TrainingPrograms::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .check(check_in(SurveyTemplates::Table, SurveyTemplates::Level, SURVEY_LEVEL))
                    .check(check_in(SurveyTemplates::Table, SurveyTemplates::Audience, SURVEY_AUDIENCE))
                    .to_owned(),
            )
            .await?;

        // `options`: JSON array of `{"id": …, "en": …}` for single choice.
        manager
            .create_table(
                Table::create()
                    .table(SurveyQuestions::Table)
                    .col(big_pk_auto(SurveyQuestions::Id))
                    .col(big_integer(SurveyQuestions::TemplateId))
                    .col(integer(SurveyQuestions::Position))
                    .col(string_len(SurveyQuestions::Kind, ENUM_LEN))
                    .col(text(SurveyQuestions::PromptId))
                    .col(text(SurveyQuestions::PromptEn))
                    .col(text_null(SurveyQuestions::Options))
                    .col(boolean(SurveyQuestions::IsRequired).default(true))
                    .foreign_key(&mut fk(
                        SurveyQuestions::Table,
                        SurveyQuestions::TemplateId,
                        SurveyTemplates::Table,
                        SurveyTemplates::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .check(check_in(SurveyQuestions::Table, SurveyQuestions::Kind, QUESTION_KIND))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [unique(SurveyQuestions::Table, [SurveyQuestions::TemplateId, SurveyQuestions::Position])],
        )
        .await?;

        // Dispatch is idempotent by the unique key (`enrolment_id`, `level`, `audience`).
        manager
            .create_table(
                Table::create()
                    .table(SurveyInvitations::Table)
                    .col(big_pk_auto(SurveyInvitations::Id))
                    .col(big_integer(SurveyInvitations::EnrolmentId))
                    .col(string_len(SurveyInvitations::Level, ENUM_LEN))
                    .col(string_len(SurveyInvitations::Audience, ENUM_LEN))
                    .col(big_integer(SurveyInvitations::RecipientEmployeeId))
                    .col(string_len(SurveyInvitations::RecipientEmail, 254))
                    .col(big_integer(SurveyInvitations::TemplateId))
                    .col(string_len(SurveyInvitations::TokenHash, 64))
                    .col(string_len(SurveyInvitations::State, ENUM_LEN).default("pending"))
                    .col(timestamp_with_time_zone(SurveyInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(SurveyInvitations::ExpiresAt))
                    .col(integer(SurveyInvitations::RemindersSent).default(0))
                    .col(timestamp_with_time_zone_null(SurveyInvitations::LastRemindedAt))
                    .col(timestamp_with_time_zone_null(SurveyInvitations::AnsweredAt))
                    .foreign_key(&mut fk(
                        SurveyInvitations::Table,
                        SurveyInvitations::EnrolmentId,
                        Enrolments::Table,
                        Enrolments::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        SurveyInvitations::Table,
                        SurveyInvitations::RecipientEmployeeId,
                        Employees::Table,
                        Employees::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        SurveyInvitations::Table,
                        SurveyInvitations::TemplateId,
                        SurveyTemplates::Table,
                        SurveyTemplates::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .check(check_in(SurveyInvitations::Table, SurveyInvitations::Level, SURVEY_LEVEL))
                    .check(check_in(SurveyInvitations::Table, SurveyInvitations::Audience, SURVEY_AUDIENCE))
                    .check(check_in(SurveyInvitations::Table, SurveyInvitations::State, INVITATION_STATE))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            [
                unique(
                    SurveyInvitations::Table,
                    [SurveyInvitations::EnrolmentId, SurveyInvitations::Level, SurveyInvitations::Audience],
                ),
                unique(SurveyInvitations::Table, [SurveyInvitations::TokenHash]),
                index(SurveyInvitations::Table, [SurveyInvitations::State, SurveyInvitations::ExpiresAt]),
            ],
        )
        .await?;

        // `competency_id` is set for competency ratings.
        manager
            .create_table(
                Table::create()
                    .table(SurveyAnswers::Table)
                    .col(big_pk_auto(SurveyAnswers::Id))
                    .col(big_integer(SurveyAnswers::InvitationId))
                    .col(big_integer(SurveyAnswers::QuestionId))
                    .col(big_integer_null(SurveyAnswers::CompetencyId))
                    .col(integer_null(SurveyAnswers::IntValue))
                    .col(text_null(SurveyAnswers::TextValue))
                    .foreign_key(&mut fk(
                        SurveyAnswers::Table,
                        SurveyAnswers::InvitationId,
                        SurveyInvitations::Table,
                        SurveyInvitations::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        SurveyAnswers::Table,
                        SurveyAnswers::QuestionId,
                        SurveyQuestions::Table,
                        SurveyQuestions::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        SurveyAnswers::Table,
                        SurveyAnswers::CompetencyId,
                        Competencies::Table,
                        Competencies::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(manager, [index(SurveyAnswers::Table, [SurveyAnswers::InvitationId])]).await?;

        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                SurveyAnswers::Table.into_iden(),
                SurveyInvitations::Table.into_iden(),
                SurveyQuestions::Table.into_iden(),
                SurveyTemplates::Table.into_iden(),
            ],
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

#[derive(DeriveIden)]
pub enum SurveyTemplates {
    Table,
    Id,
    Name,
    Level,
    Audience,
    ProgramId,
    IsDefault,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum SurveyQuestions {
    Table,
    Id,
    TemplateId,
    Position,
    Kind,
    PromptId,
    PromptEn,
    Options,
    IsRequired,
}

#[derive(DeriveIden)]
pub enum SurveyInvitations {
    Table,
    Id,
    EnrolmentId,
    Level,
    Audience,
    RecipientEmployeeId,
    RecipientEmail,
    TemplateId,
    TokenHash,
    State,
    CreatedAt,
    ExpiresAt,
    RemindersSent,
    LastRemindedAt,
    AnsweredAt,
}

#[derive(DeriveIden)]
pub enum SurveyAnswers {
    Table,
    Id,
    InvitationId,
    QuestionId,
    CompetencyId,
    IntValue,
    TextValue,
}
