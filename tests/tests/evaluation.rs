//! Post-training evaluation: surveys dispatched by the `survey-dispatch` job arrive at a
//! real SMTP server with a personal link, the link's page is answered once, reminders and
//! expiry follow a controlled clock, a supervisor's ratings become assessments, results
//! match hand-computed figures and hide small groups, staff edit templates, and the mail
//! worker killed mid-delivery loses nothing.

use std::collections::HashMap;
use std::sync::Arc;

use bangkom_entities::auth::hash_secret;
use bangkom_entities::enums::{
    AgencyKind, AssessmentSource, BatchStatus, CompetencyKind, DeliveryMode, EmploymentType, EnrolmentState,
    InvitationState, Locale, MailState, OrganizerKind, QuestionKind, Role, SurveyAudience, SurveyLevel,
    TrainingMethod,
};
use bangkom_entities::policy::Reach;
use bangkom_entities::schema::{
    agencies, competencies, competency_assessments, employee_competency_levels, employees, enrolments,
    mail_outbox, program_competencies, survey_answers, survey_invitations, survey_questions,
    survey_templates, training_batches, training_programs, users,
};
use bangkom_entities::surveys::answering::{self, Submitted};
use bangkom_entities::surveys::dispatch::token_in;
use bangkom_entities::surveys::results;
use bangkom_jobs::clock::ManualClock;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use crate::on_both_backends;
use crate::support::{Backend, TestApp, spawn_app};

on_both_backends!(
    a_participant_gets_the_survey_by_mail_and_answers_it_once,
    dispatch_creates_each_invitation_once_across_runs_and_instances,
    reminders_and_expiry_follow_the_clock,
    a_supervisors_rating_becomes_an_assessment_and_the_current_level,
    results_match_hand_computed_figures_and_hide_small_groups,
    staff_copy_and_edit_a_template_for_a_program,
    a_killed_worker_loses_no_message,
);

const PASSWORD: &str = "evaluasi-rahasia-2026";

/// Today in the deployment's zone (Asia/Jakarta, UTC+7 all year).
fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}

/// A small region of our own, written straight into the database.
struct Fixture<'a> {
    db: &'a DatabaseConnection,
    now: DateTime<Utc>,
    region: i64,
}

impl<'a> Fixture<'a> {
    async fn new(db: &'a DatabaseConnection) -> Fixture<'a> {
        let now = Utc::now();
        let mut f = Fixture { db, now, region: 0 };
        f.region = f.agency("EVT", "Pemerintah Kota Uji", AgencyKind::Region, None).await;
        f
    }

    async fn agency(&self, code: &str, name: &str, kind: AgencyKind, parent: Option<i64>) -> i64 {
        agencies::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
            kind: Set(kind),
            parent_id: Set(parent),
            created_at: Set(self.now),
            updated_at: Set(self.now),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap()
        .id
    }

    async fn employee(&self, n: u32, name: &str, agency: i64, supervisor: Option<i64>) -> employees::Model {
        employees::ActiveModel {
            nip: Set(format!("19800101200501{n:04}")),
            name: Set(name.into()),
            email: Set(Some(format!("pegawai{n}@uji.go.id"))),
            employment_type: Set(EmploymentType::Pns),
            agency_id: Set(agency),
            position_id: Set(None),
            grade: Set(None),
            supervisor_id: Set(supervisor),
            is_active: Set(true),
            created_at: Set(self.now),
            updated_at: Set(self.now),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap()
    }

    /// An account with [`PASSWORD`].
    async fn account(
        &self,
        email: &str,
        role: Role,
        agency: Option<i64>,
        employee: Option<i64>,
        locale: Locale,
    ) {
        let hash = bangkom::auth::password::hash(PASSWORD).unwrap();
        users::ActiveModel {
            email: Set(email.into()),
            password_hash: Set(hash),
            role: Set(role),
            agency_id: Set(agency),
            employee_id: Set(employee),
            locale: Set(locale),
            is_active: Set(true),
            created_at: Set(self.now),
            updated_at: Set(self.now),
            last_login_at: Set(None),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap();
    }

    async fn competency(&self, code: &str, name_id: &str, name_en: &str) -> i64 {
        competencies::ActiveModel {
            code: Set(code.into()),
            kind: Set(CompetencyKind::Teknis),
            name_id: Set(name_id.into()),
            name_en: Set(name_en.into()),
            description: Set(None),
            source: Set(None),
            is_active: Set(true),
            created_at: Set(self.now),
            updated_at: Set(self.now),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap()
        .id
    }

    async fn program(&self, code: &str, title: &str, targets: &[(i64, i16)]) -> i64 {
        let id = training_programs::ActiveModel {
            code: Set(code.into()),
            title: Set(title.into()),
            description: Set(None),
            method: Set(TrainingMethod::Pelatihan),
            delivery: Set(DeliveryMode::FaceToFace),
            organizer_kind: Set(OrganizerKind::Bpsdm),
            organizer_name: Set("BKPSDM Kota Uji".into()),
            jp: Set(24),
            requires_supervisor_approval: Set(false),
            level3_delay_days: Set(90),
            min_grade: Set(None),
            max_grade: Set(None),
            is_active: Set(true),
            created_at: Set(self.now),
            updated_at: Set(self.now),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap()
        .id;
        for (competency, target) in targets {
            program_competencies::ActiveModel {
                program_id: Set(id),
                competency_id: Set(*competency),
                target_level: Set(*target),
            }
            .insert(self.db)
            .await
            .unwrap();
        }
        id
    }

    async fn batch(&self, program: i64, number: i32, starts_on: NaiveDate, ends_on: NaiveDate) -> i64 {
        training_batches::ActiveModel {
            program_id: Set(program),
            batch_number: Set(number),
            name: Set(format!("Angkatan {number}")),
            starts_on: Set(starts_on),
            ends_on: Set(ends_on),
            daily_start_time: Set(None),
            daily_end_time: Set(None),
            place: Set(Some("Aula BKPSDM".into())),
            online_url: Set(None),
            quota: Set(100),
            seats_taken: Set(0),
            enrolment_opens_at: Set(None),
            enrolment_closes_at: Set(None),
            withdrawal_deadline: Set(None),
            status: Set(BatchStatus::Completed),
            next_certificate_seq: Set(1),
            created_at: Set(self.now),
            updated_at: Set(self.now),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap()
        .id
    }

    async fn enrol(
        &self,
        batch: i64,
        employee: i64,
        state: EnrolmentState,
        completed_at: DateTime<Utc>,
    ) -> i64 {
        enrolments::ActiveModel {
            batch_id: Set(batch),
            employee_id: Set(employee),
            state: Set(state),
            waitlist_position: Set(None),
            requested_at: Set(completed_at - Duration::days(30)),
            requested_by_user_id: Set(None),
            decided_at: Set(None),
            decided_by_user_id: Set(None),
            decision_reason: Set(None),
            completed_at: Set(Some(completed_at)),
            jp_credited: Set(None),
            credited_year: Set(None),
            certificate_number: Set(None),
            created_at: Set(completed_at - Duration::days(30)),
            updated_at: Set(completed_at),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap()
        .id
    }

    async fn assess(&self, employee: i64, competency: i64, level: i16, on: NaiveDate) {
        competency_assessments::ActiveModel {
            employee_id: Set(employee),
            competency_id: Set(competency),
            level: Set(level),
            source: Set(AssessmentSource::AssessmentCentre),
            assessed_on: Set(on),
            assessor_name: Set(Some("UPT Penilaian Kompetensi".into())),
            assessor_employee_id: Set(None),
            recorded_by_user_id: Set(None),
            notes: Set(None),
            created_at: Set(self.now),
            ..Default::default()
        }
        .insert(self.db)
        .await
        .unwrap();
    }
}

/// A program targeting two competencies, for one test.
struct Program {
    id: i64,
    c1: i64,
    c2: i64,
}

async fn program(f: &Fixture<'_>) -> Program {
    let c1 = f.competency("EVT-T1", "Pengelolaan arsip digital", "Digital records management").await;
    let c2 = f.competency("EVT-T2", "Pelayanan publik", "Public service").await;
    let id = f.program("EVT-PAD", "Pelatihan Arsip Digital", &[(c1, 3), (c2, 4)]).await;
    Program { id, c1, c2 }
}

/// The link in a message body, as a path (`/survei/…`).
fn survey_path(body: &str) -> String {
    let token = token_in(body).unwrap_or_else(|| panic!("no survey link in:\n{body}"));
    format!("/survei/{token}")
}

/// The secret of an invitation, read from its e-mail in the outbox.
async fn secret_of(db: &DatabaseConnection, invitation_id: i64) -> String {
    let row = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::DedupeKey.eq(format!("survey-invitation:{invitation_id}")))
        .one(db)
        .await
        .unwrap()
        .expect("the invitation's e-mail is queued");
    token_in(&row.body_text).unwrap().to_owned()
}

async fn invitations(db: &DatabaseConnection) -> Vec<survey_invitations::Model> {
    survey_invitations::Entity::find().order_by_asc(survey_invitations::Column::Id).all(db).await.unwrap()
}

async fn invitation_for(
    db: &DatabaseConnection,
    enrolment: i64,
    level: SurveyLevel,
    audience: SurveyAudience,
) -> survey_invitations::Model {
    survey_invitations::Entity::find()
        .filter(survey_invitations::Column::EnrolmentId.eq(enrolment))
        .filter(survey_invitations::Column::Level.eq(level))
        .filter(survey_invitations::Column::Audience.eq(audience))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no {level:?}/{audience:?} invitation for enrolment {enrolment}"))
}

/// Answers for every question of an invitation's template: Likert and competency ratings
/// `value`, single choice option `choice`, free text `comment` (when given).
async fn answers(
    db: &DatabaseConnection,
    invitation: &survey_invitations::Model,
    value: &dyn Fn(Option<i64>) -> i32,
    choice: i32,
    comment: Option<&str>,
) -> HashMap<String, String> {
    let questions = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(invitation.template_id))
        .all(db)
        .await
        .unwrap();
    let enrolment = enrolments::Entity::find_by_id(invitation.enrolment_id).one(db).await.unwrap().unwrap();
    let batch = training_batches::Entity::find_by_id(enrolment.batch_id).one(db).await.unwrap().unwrap();
    let targets = program_competencies::Entity::find()
        .filter(program_competencies::Column::ProgramId.eq(batch.program_id))
        .all(db)
        .await
        .unwrap();
    let mut form = HashMap::new();
    for q in questions {
        match q.kind {
            QuestionKind::Likert => {
                form.insert(format!("q{}", q.id), value(None).to_string());
            }
            QuestionKind::SingleChoice => {
                form.insert(format!("q{}", q.id), choice.to_string());
            }
            QuestionKind::FreeText => {
                if let Some(c) = comment {
                    form.insert(format!("q{}", q.id), c.to_owned());
                }
            }
            QuestionKind::CompetencyRating => {
                for t in &targets {
                    form.insert(
                        format!("q{}_c{}", q.id, t.competency_id),
                        value(Some(t.competency_id)).to_string(),
                    );
                }
            }
        }
    }
    form
}

async fn submit(db: &DatabaseConnection, secret: &str, form: &HashMap<String, String>) -> Submitted {
    answering::submit(db, secret, form, Utc::now(), today()).await.unwrap()
}

async fn post_answers(app: &TestApp, path: &str, form: &HashMap<String, String>) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form(path, &fields).await
}

// ---------------------------------------------------------------------------------------

async fn a_participant_gets_the_survey_by_mail_and_answers_it_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = Fixture::new(&app.db).await;
    let p = program(&f).await;
    let agency = f.agency("EVT-DIS", "Dinas Kearsipan", AgencyKind::Agency, Some(f.region)).await;
    let siti = f.employee(1, "Siti Aminah", agency, None).await;
    let batch = f.batch(p.id, 1, today() - Duration::days(4), today() - Duration::days(2)).await;
    let enrolment = f.enrol(batch, siti.id, EnrolmentState::Passed, Utc::now() - Duration::hours(3)).await;

    let summary = app.run_job("survey-dispatch").await;
    assert_eq!(summary.counts["invited"], 1, "{summary}");
    app.deliver_mail().await;
    let mail = app.smtp.wait_for(1).await;
    assert_eq!(mail[0].to, ["pegawai1@uji.go.id"]);
    assert_eq!(mail[0].subject(), "Survei evaluasi pelatihan: Pelatihan Arsip Digital");
    let parts = mail[0].text_parts();
    let text = parts.iter().find(|(m, _)| m == "text/plain").map(|(_, b)| b.clone()).expect("a plain part");
    let html = parts.iter().find(|(m, _)| m == "text/html").map(|(_, b)| b.clone()).expect("an HTML part");
    assert!(text.contains("Halo Siti Aminah,") && text.contains("Angkatan 1"), "{text}");
    let path = survey_path(&text);
    assert_eq!(survey_path(&html), path, "both parts carry the same link");
    assert!(text.contains(&format!("{}{path}", app.address)), "an absolute link to this app:\n{text}");
    // Only the hash of the secret is stored.
    let invitation =
        invitation_for(&app.db, enrolment, SurveyLevel::Reaction, SurveyAudience::Participant).await;
    let secret = path.trim_start_matches("/survei/");
    assert_eq!(invitation.token_hash, hash_secret(secret));
    assert_ne!(invitation.token_hash, secret);

    // The page works without signing in, in Indonesian.
    let visitor = app.new_browser();
    let page = visitor.get(&path).await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let body = page.text().await.unwrap();
    assert!(body.contains("lang=\"id\"") && body.contains("Materi pelatihan sesuai"), "{body}");
    assert!(body.contains("name=\"viewport\""), "fit for a phone");

    // Wrong and missing answers: every one named beside its question, nothing stored.
    let questions = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(invitation.template_id))
        .order_by_asc(survey_questions::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    let first = &questions[0];
    let mut bad = answers(&app.db, &invitation, &|_| 4, 1, Some("Bagus sekali")).await;
    bad.insert(format!("q{}", first.id), "9".into());
    bad.remove(&format!("q{}", questions[1].id));
    let refused = post_answers(&visitor, &path, &bad).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("Pilih salah satu angka 1 sampai 5.") && body.contains("Pertanyaan ini wajib dijawab."),
        "{body}"
    );
    assert!(body.contains("Bagus sekali"), "what was typed is kept");
    assert_eq!(survey_answers::Entity::find().count(&app.db).await.unwrap(), 0);
    let still = invitation_for(&app.db, enrolment, SurveyLevel::Reaction, SurveyAudience::Participant).await;
    assert_eq!(still.state, InvitationState::Pending);

    // A good submission is stored once.
    let good = answers(&app.db, &invitation, &|_| 4, 1, Some("Bagus sekali")).await;
    let saved = post_answers(&visitor, &path, &good).await;
    assert_eq!(saved.status(), 200);
    assert!(saved.text().await.unwrap().contains("Terima kasih"));
    let stored = survey_answers::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(stored as usize, questions.len(), "one answer per question");
    let answered =
        invitation_for(&app.db, enrolment, SurveyLevel::Reaction, SurveyAudience::Participant).await;
    assert_eq!(answered.state, InvitationState::Answered);
    assert!(answered.answered_at.is_some());

    // A second submission is refused; a second visit says it was answered.
    let again = post_answers(&visitor, &path, &good).await;
    assert_eq!(again.status(), 409);
    assert!(again.text().await.unwrap().contains("Survei ini sudah dijawab"));
    assert_eq!(survey_answers::Entity::find().count(&app.db).await.unwrap(), stored);
    let visit = visitor.get(&path).await;
    assert_eq!(visit.status(), 200);
    assert!(visit.text().await.unwrap().contains("Survei ini sudah dijawab"));

    // Unknown and malformed links.
    let unknown = visitor.get(&format!("/survei/{}", "0".repeat(64))).await;
    assert_eq!(unknown.status(), 404);
    assert!(unknown.text().await.unwrap().contains("Tautan survei tidak dikenal"));
    assert_eq!(visitor.get("/survei/bukan-tautan").await.status(), 404);
}

async fn dispatch_creates_each_invitation_once_across_runs_and_instances(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = Fixture::new(&app.db).await;
    let p = program(&f).await;
    let agency = f.agency("EVT-DIS", "Dinas Kearsipan", AgencyKind::Agency, Some(f.region)).await;
    let boss = f.employee(900, "Kepala Bidang", agency, None).await;
    let recent = f.batch(p.id, 1, today() - Duration::days(5), today() - Duration::days(3)).await;
    let old = f.batch(p.id, 2, today() - Duration::days(95), today() - Duration::days(92)).await;
    let ancient = f.batch(p.id, 3, today() - Duration::days(400), today() - Duration::days(398)).await;
    for n in 0..12 {
        let e = f.employee(n, &format!("Peserta {n}"), agency, Some(boss.id)).await;
        let state = if n % 4 == 3 { EnrolmentState::Failed } else { EnrolmentState::Passed };
        f.enrol(recent, e.id, state, Utc::now() - Duration::days(1)).await;
    }
    for n in 100..105 {
        let e = f.employee(n, &format!("Alumni {n}"), agency, Some(boss.id)).await;
        f.enrol(old, e.id, EnrolmentState::Passed, Utc::now() - Duration::days(90)).await;
    }
    // A failed participant of the old batch gets no level-3 survey; a batch long past none.
    let failed = f.employee(200, "Tidak Lulus", agency, Some(boss.id)).await;
    f.enrol(old, failed.id, EnrolmentState::Failed, Utc::now() - Duration::days(90)).await;
    let long_ago = f.employee(201, "Lama Sekali", agency, Some(boss.id)).await;
    f.enrol(ancient, long_ago.id, EnrolmentState::Passed, Utc::now() - Duration::days(398)).await;

    let first = app.run_job("survey-dispatch").await;
    // 12 level 1 (passed and failed), 5 level 3 to participants and 5 to their supervisor.
    assert_eq!(first.counts["invited"], 22, "{first}");
    let second = app.run_job("survey-dispatch").await;
    assert_eq!(second.counts["invited"], 0, "{second}");
    let all = invitations(&app.db).await;
    assert_eq!(all.len(), 22);
    let to_boss = all.iter().filter(|i| i.audience == SurveyAudience::Supervisor).collect::<Vec<_>>();
    assert_eq!(to_boss.len(), 5);
    assert!(
        to_boss
            .iter()
            .all(|i| i.recipient_employee_id == boss.id && i.recipient_email == "pegawai900@uji.go.id")
    );
    let queued = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::DedupeKey.starts_with("survey-invitation:"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(queued, 22, "one e-mail per invitation");

    // Two instances at once on new completions.
    let late = f.batch(p.id, 4, today() - Duration::days(2), today() - Duration::days(1)).await;
    for n in 300..340 {
        let e = f.employee(n, &format!("Angkatan Empat {n}"), agency, Some(boss.id)).await;
        f.enrol(late, e.id, EnrolmentState::Passed, Utc::now() - Duration::hours(2)).await;
    }
    let mut a = app.jobs.clone();
    a.holder = "instance-a".into();
    let mut b = app.jobs.clone();
    b.holder = "instance-b".into();
    let (ra, rb) = tokio::join!(
        bangkom_jobs::run_now(&a, "survey-dispatch"),
        bangkom_jobs::run_now(&b, "survey-dispatch")
    );
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    assert_eq!(ra.counts["invited"] + rb.counts["invited"], 40, "{ra} / {rb}");
    assert_eq!(invitations(&app.db).await.len(), 62);
    let keys = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::DedupeKey.starts_with("survey-invitation:"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(keys, 62, "no second message");
    app.deliver_mail().await;
    let mail = app.smtp.wait_for(62).await;
    let mut recipients: Vec<String> = mail.iter().map(|m| format!("{} {}", m.to[0], m.subject())).collect();
    recipients.sort();
    let before = recipients.len();
    recipients.dedup();
    // The supervisor gets one e-mail per participant (different subjects), nobody gets two.
    assert_eq!(recipients.len(), before);
}

async fn reminders_and_expiry_follow_the_clock(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = Fixture::new(&app.db).await;
    let p = program(&f).await;
    let agency = f.agency("EVT-DIS", "Dinas Kearsipan", AgencyKind::Agency, Some(f.region)).await;
    let batch = f.batch(p.id, 1, today() - Duration::days(4), today() - Duration::days(2)).await;
    let mut enrolled = Vec::new();
    for n in 0..3 {
        let e = f.employee(n, &format!("Peserta {n}"), agency, None).await;
        enrolled.push(f.enrol(batch, e.id, EnrolmentState::Passed, Utc::now() - Duration::hours(1)).await);
    }
    let clock = ManualClock::new(Utc::now());
    let mut jobs = app.jobs.clone();
    jobs.clock = Arc::new(clock.clone());
    let run = |jobs: bangkom_jobs::JobContext| async move {
        bangkom_jobs::run_now(&jobs, "survey-dispatch").await.unwrap()
    };

    assert_eq!(run(jobs.clone()).await.counts["invited"], 3);
    let first =
        invitation_for(&app.db, enrolled[0], SurveyLevel::Reaction, SurveyAudience::Participant).await;
    let secret0 = secret_of(&app.db, first.id).await;
    assert!(matches!(
        submit(&app.db, &secret0, &answers(&app.db, &first, &|_| 5, 1, None).await).await,
        Submitted::Saved { .. }
    ));

    clock.advance(Duration::days(2));
    assert_eq!(run(jobs.clone()).await.counts["reminded"], 0, "too early");
    clock.advance(Duration::days(1) + Duration::minutes(1));
    assert_eq!(run(jobs.clone()).await.counts["reminded"], 2, "those who have not answered");
    assert_eq!(run(jobs.clone()).await.counts["reminded"], 0, "once");
    let second =
        invitation_for(&app.db, enrolled[1], SurveyLevel::Reaction, SurveyAudience::Participant).await;
    assert_eq!(second.reminders_sent, 1);
    let reminder = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::DedupeKey.eq(format!("survey-reminder:{}:1", second.id)))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a reminder is queued");
    assert!(reminder.subject.starts_with("Pengingat: Survei evaluasi pelatihan"), "{}", reminder.subject);
    assert_eq!(
        token_in(&reminder.body_text),
        Some(secret_of(&app.db, second.id).await.as_str()),
        "the same link"
    );

    clock.advance(Duration::days(4));
    assert_eq!(run(jobs.clone()).await.counts["reminded"], 2, "the second reminder after 7 days");
    assert_eq!(
        invitation_for(&app.db, enrolled[2], SurveyLevel::Reaction, SurveyAudience::Participant)
            .await
            .reminders_sent,
        2
    );
    clock.advance(Duration::days(10));
    let quiet = run(jobs.clone()).await;
    assert_eq!((quiet.counts["reminded"], quiet.counts["expired"]), (0, 0));
    clock.advance(Duration::days(4));
    let closing = run(jobs.clone()).await;
    assert_eq!(closing.counts["expired"], 2, "{closing}");
    let states: Vec<InvitationState> = invitations(&app.db).await.iter().map(|i| i.state).collect();
    assert_eq!(states, [InvitationState::Answered, InvitationState::Expired, InvitationState::Expired]);

    // An expired link says so, with 410; the answered one still says it was answered.
    let expired = app.new_browser().get(&format!("/survei/{}", secret_of(&app.db, second.id).await)).await;
    assert_eq!(expired.status(), 410);
    assert!(expired.text().await.unwrap().contains("Survei ini sudah ditutup"));
    assert_eq!(app.new_browser().get(&format!("/survei/{secret0}")).await.status(), 200);
    let refused = post_answers(
        &app.new_browser(),
        &format!("/survei/{}", secret_of(&app.db, second.id).await),
        &answers(&app.db, &second, &|_| 3, 1, None).await,
    )
    .await;
    assert_eq!(refused.status(), 410);

    // Everything queued arrives: 3 invitations and 4 reminders.
    bangkom_jobs::run_now(&jobs, "mail-delivery").await.unwrap();
    let mail = app.smtp.wait_for(7).await;
    assert_eq!(mail.iter().filter(|m| m.subject().starts_with("Pengingat:")).count(), 4);
    let sent =
        mail_outbox::Entity::find().filter(mail_outbox::Column::State.eq(MailState::Sent)).count(&app.db);
    assert_eq!(sent.await.unwrap(), 7);
}

async fn a_supervisors_rating_becomes_an_assessment_and_the_current_level(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = Fixture::new(&app.db).await;
    let p = program(&f).await;
    let agency = f.agency("EVT-DIS", "Dinas Kearsipan", AgencyKind::Agency, Some(f.region)).await;
    let boss = f.employee(900, "Budi Santoso", agency, None).await;
    f.account("budi@uji.go.id", Role::Employee, None, Some(boss.id), Locale::En).await;
    let rina = f.employee(1, "Rina Wulandari", agency, Some(boss.id)).await;
    let batch = f.batch(p.id, 1, today() - Duration::days(95), today() - Duration::days(91)).await;
    f.assess(rina.id, p.c1, 2, today() - Duration::days(120)).await;
    let enrolment = f.enrol(batch, rina.id, EnrolmentState::Passed, Utc::now() - Duration::days(89)).await;

    let summary = app.run_job("survey-dispatch").await;
    assert_eq!(summary.counts["invited"], 2, "participant and supervisor: {summary}");
    app.deliver_mail().await;
    let mail = app.smtp.wait_for(2).await;
    let to_boss = mail.iter().find(|m| m.to == ["pegawai900@uji.go.id"]).expect("the supervisor's e-mail");
    assert_eq!(to_boss.subject(), "Your rating, please: Rina Wulandari after Pelatihan Arsip Digital");
    let to_rina = mail.iter().find(|m| m.to == ["pegawai1@uji.go.id"]).expect("the participant's e-mail");
    assert_eq!(to_rina.subject(), "Evaluasi pasca pelatihan: Pelatihan Arsip Digital");

    // The supervisor's page is in English (their account's language) and rates each competency.
    let path = survey_path(&to_boss.plain_body());
    let visitor = app.new_browser();
    let body = visitor.get(&path).await.text().await.unwrap();
    assert!(body.contains("lang=\"en\"") && body.contains("Digital records management"), "{body}");
    assert!(body.contains("Public service") && body.contains("program target: level 4"));

    let invitation =
        invitation_for(&app.db, enrolment, SurveyLevel::Behaviour, SurveyAudience::Supervisor).await;
    let (c1, c2) = (p.c1, p.c2);
    let mut form = answers(
        &app.db,
        &invitation,
        &|c| {
            if c == Some(c1) {
                4
            } else if c == Some(c2) {
                3
            } else {
                5
            }
        },
        1,
        None,
    )
    .await;
    let rating_field = form.keys().find(|k| k.ends_with(&format!("_c{c2}"))).unwrap().clone();
    form.insert(rating_field.clone(), "6".into());
    let refused = post_answers(&visitor, &path, &form).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Choose one number from 1 to 5."));
    assert_eq!(competency_assessments::Entity::find().count(&app.db).await.unwrap(), 1, "nothing recorded");

    form.insert(rating_field, "3".into());
    let saved = post_answers(&visitor, &path, &form).await;
    assert_eq!(saved.status(), 200);
    assert!(saved.text().await.unwrap().contains("Your ratings have been recorded"));

    let recorded = competency_assessments::Entity::find()
        .filter(competency_assessments::Column::EmployeeId.eq(rina.id))
        .filter(competency_assessments::Column::Source.eq(AssessmentSource::PostTrainingEvaluation))
        .order_by_asc(competency_assessments::Column::CompetencyId)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(recorded.len(), 2);
    assert_eq!((recorded[0].competency_id, recorded[0].level), (c1, 4));
    assert_eq!((recorded[1].competency_id, recorded[1].level), (c2, 3));
    assert_eq!(recorded[0].assessor_employee_id, Some(boss.id));
    assert_eq!(recorded[0].assessed_on, today());
    let current = employee_competency_levels::Entity::find()
        .filter(employee_competency_levels::Column::EmployeeId.eq(rina.id))
        .filter(employee_competency_levels::Column::CompetencyId.eq(c1))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a current level");
    // The assessment-centre result of 120 days ago outranks the level-3 rating (a
    // supervisor's rating) inside the recency window: recorded, not current.
    assert_eq!((current.level, current.source), (2, AssessmentSource::AssessmentCentre));
    let current = employee_competency_levels::Entity::find()
        .filter(employee_competency_levels::Column::EmployeeId.eq(rina.id))
        .filter(employee_competency_levels::Column::CompetencyId.eq(c2))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a current level");
    assert_eq!((current.level, current.source), (3, AssessmentSource::PostTrainingEvaluation));
    assert_eq!(current.assessment_id, Some(recorded[1].id));

    // The participant's own level-3 ratings are answers, not assessments.
    let own = invitation_for(&app.db, enrolment, SurveyLevel::Behaviour, SurveyAudience::Participant).await;
    let secret = secret_of(&app.db, own.id).await;
    assert!(matches!(
        submit(&app.db, &secret, &answers(&app.db, &own, &|_| 5, 2, None).await).await,
        Submitted::Saved { assessments: 0, .. }
    ));
    assert_eq!(competency_assessments::Entity::find().count(&app.db).await.unwrap(), 3);
}

async fn results_match_hand_computed_figures_and_hide_small_groups(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = Fixture::new(&app.db).await;
    let p = program(&f).await;
    let a = f.agency("EVT-A", "Dinas A", AgencyKind::Agency, Some(f.region)).await;
    let unit = f.agency("EVT-A-1", "Bidang A1", AgencyKind::Unit, Some(a)).await;
    let b = f.agency("EVT-B", "Dinas B", AgencyKind::Agency, Some(f.region)).await;
    let admin = f.employee(999, "Admin", a, None).await;
    f.account("admin@uji.go.id", Role::Admin, None, Some(admin.id), Locale::Id).await;
    f.account("operator.b@uji.go.id", Role::Operator, Some(b), None, Locale::Id).await;

    // Batch 1 (level 1): six participants in A (one in a unit of A), two in B.
    let batch1 = f.batch(p.id, 1, today() - Duration::days(4), today() - Duration::days(2)).await;
    let done = Utc::now() - Duration::hours(5);
    let mut level1 = Vec::new();
    for (n, agency) in [(1, a), (2, a), (3, a), (4, a), (5, unit), (6, a), (7, b), (8, b)] {
        let e = f.employee(n, &format!("Peserta {n}"), agency, None).await;
        level1.push(f.enrol(batch1, e.id, EnrolmentState::Passed, done).await);
    }
    // Batch 2 (level 3): three who passed, with one supervisor; levels assessed before.
    let batch2_start = today() - Duration::days(95);
    let batch2 = f.batch(p.id, 2, batch2_start, today() - Duration::days(91)).await;
    let boss = f.employee(50, "Kepala Dinas A", a, None).await;
    let mut level3 = Vec::new();
    for (n, before) in [(11, 2), (12, 2), (13, 3)] {
        let e = f.employee(n, &format!("Alumni {n}"), a, Some(boss.id)).await;
        f.assess(e.id, p.c1, before, batch2_start - Duration::days(30)).await;
        level3.push((
            e.id,
            f.enrol(batch2, e.id, EnrolmentState::Passed, Utc::now() - Duration::days(89)).await,
        ));
    }
    let (first, second) = (level3[0].0, level3[1].0);
    f.assess(second, p.c1, 1, batch2_start - Duration::days(300)).await; // superseded
    f.assess(first, p.c1, 5, batch2_start + Duration::days(1)).await; // after the start: not "before"

    assert_eq!(app.run_job("survey-dispatch").await.counts["invited"], 14);

    // Level 1: Likert answers v for every question; recommendation choices; two comments.
    let replies =
        [(5, 1, Some("Materi sangat bermanfaat")), (4, 1, None), (4, 1, None), (3, 3, None), (5, 1, None)];
    for (i, (v, choice, comment)) in replies.into_iter().enumerate() {
        let inv =
            invitation_for(&app.db, level1[i], SurveyLevel::Reaction, SurveyAudience::Participant).await;
        let form = answers(&app.db, &inv, &|_| v, choice, comment).await;
        assert!(matches!(
            submit(&app.db, &secret_of(&app.db, inv.id).await, &form).await,
            Submitted::Saved { .. }
        ));
    }
    for (i, (v, choice, comment)) in
        [(2, 2, Some("Jadwal terlalu padat")), (3, 1, None)].into_iter().enumerate()
    {
        let inv =
            invitation_for(&app.db, level1[6 + i], SurveyLevel::Reaction, SurveyAudience::Participant).await;
        let form = answers(&app.db, &inv, &|_| v, choice, comment).await;
        assert!(matches!(
            submit(&app.db, &secret_of(&app.db, inv.id).await, &form).await,
            Submitted::Saved { .. }
        ));
    }
    // Level 3: the supervisor rates all three; one participant rates themself.
    let (c1, c2) = (p.c1, p.c2);
    for ((_, enrolment), (r1, r2)) in level3.iter().zip([(3, 4), (4, 4), (2, 3)]) {
        let inv =
            invitation_for(&app.db, *enrolment, SurveyLevel::Behaviour, SurveyAudience::Supervisor).await;
        let form = answers(
            &app.db,
            &inv,
            &|c| {
                if c == Some(c1) {
                    r1
                } else if c == Some(c2) {
                    r2
                } else {
                    4
                }
            },
            1,
            None,
        )
        .await;
        assert!(matches!(
            submit(&app.db, &secret_of(&app.db, inv.id).await, &form).await,
            Submitted::Saved { assessments: 2, .. }
        ));
    }
    let own = invitation_for(&app.db, level3[0].1, SurveyLevel::Behaviour, SurveyAudience::Participant).await;
    let form = answers(
        &app.db,
        &own,
        &|c| {
            if c == Some(c1) {
                4
            } else if c == Some(c2) {
                3
            } else {
                4
            }
        },
        1,
        None,
    )
    .await;
    assert!(matches!(
        submit(&app.db, &secret_of(&app.db, own.id).await, &form).await,
        Submitted::Saved { .. }
    ));

    let token = app.api_token("admin@uji.go.id", PASSWORD).await;
    let api = |query: String| {
        let app = &app;
        let token = token.clone();
        async move {
            let response = app
                .client
                .get(app.url(&format!("/api/v1/evaluation/programs/{}/results{query}", p.id)))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, response.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (status, r) = api(String::new()).await;
    assert_eq!(status, 200, "{r}");
    let kind = |r: &serde_json::Value, level: u64, audience: &str| {
        r["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["level"] == level && f["audience"] == audience)
            .unwrap()
            .clone()
    };
    let reaction = kind(&r, 1, "participant");
    assert_eq!((reaction["sent"].as_i64(), reaction["answered"].as_i64()), (Some(8), Some(7)));
    assert_eq!(reaction["response_rate"].as_f64(), Some(0.875));
    let behaviour = kind(&r, 3, "participant");
    assert_eq!((behaviour["sent"].as_i64(), behaviour["answered"].as_i64()), (Some(3), Some(1)));
    assert_eq!(kind(&r, 3, "supervisor")["answered"], 3);

    let questions = r["questions"].as_array().unwrap();
    let likert = questions.iter().find(|q| q["level"] == 1 && q["kind"] == "likert").unwrap();
    assert_eq!(likert["respondents"], 7);
    assert!((likert["average"].as_f64().unwrap() - 26.0 / 7.0).abs() < 1e-9, "{likert}");
    assert_eq!(likert["distribution"], serde_json::json!([0, 1, 2, 2, 2]));
    let choice = questions.iter().find(|q| q["level"] == 1 && q["kind"] == "single_choice").unwrap();
    assert_eq!(choice["distribution"], serde_json::json!([5, 1, 1]));
    assert_eq!(choice["options"], serde_json::json!(["Ya", "Mungkin", "Tidak"]));

    // Level 3 has fewer than five respondents (three supervisors, one participant): the
    // programme-wide cut hides its ratings and the levels before, like an agency's would.
    let competency = |r: &serde_json::Value, code: &str| {
        r["competencies"].as_array().unwrap().iter().find(|c| c["code"] == code).unwrap().clone()
    };
    assert_eq!(kind(&r, 3, "supervisor")["suppressed"], true);
    assert_eq!(kind(&r, 3, "participant")["suppressed"], true);
    assert_eq!(kind(&r, 1, "participant")["suppressed"], false, "seven respondents");
    let hidden = serde_json::json!({ "n": 0, "average": null, "meeting_target": 0 });
    for code in ["EVT-T1", "EVT-T2"] {
        let t = competency(&r, code);
        assert_eq!((&t["before"], &t["supervisor"], &t["participant"]), (&hidden, &hidden, &hidden), "{t}");
    }
    // The same figures computed by hand, with no threshold (the domain asked directly).
    let unhidden = results::results(
        &app.db,
        &results::ResultsFilter { program_id: p.id, batch_id: None, reach: Reach::Region },
        1,
    )
    .await
    .unwrap()
    .unwrap();
    let unhidden = serde_json::to_value(&unhidden).unwrap();
    let t1 = competency(&unhidden, "EVT-T1");
    assert_eq!(t1["target_level"], 3);
    assert_eq!((t1["before"]["n"].as_i64(), t1["before"]["meeting_target"].as_i64()), (Some(3), Some(1)));
    assert!((t1["before"]["average"].as_f64().unwrap() - 7.0 / 3.0).abs() < 1e-9, "{t1}");
    assert_eq!(t1["supervisor"], serde_json::json!({ "n": 3, "average": 3.0, "meeting_target": 2 }));
    assert_eq!(t1["participant"], serde_json::json!({ "n": 1, "average": 4.0, "meeting_target": 1 }));
    let t2 = competency(&unhidden, "EVT-T2");
    assert_eq!(t2["before"]["n"], 0);
    assert_eq!(
        (t2["supervisor"]["n"].as_i64(), t2["supervisor"]["meeting_target"].as_i64()),
        (Some(3), Some(2))
    );
    assert!((t2["supervisor"]["average"].as_f64().unwrap() - 11.0 / 3.0).abs() < 1e-9);
    assert_eq!(t2["participant"], serde_json::json!({ "n": 1, "average": 3.0, "meeting_target": 0 }));

    let comments: Vec<&str> =
        r["comments"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(comments.len(), 2);
    assert!(comments.contains(&"Materi sangat bermanfaat") && comments.contains(&"Jadwal terlalu padat"));

    // Per agency: A (its unit rolled up) shows its average; B, two respondents, does not.
    let agencies = r["agencies"].as_array().unwrap();
    let row_a = agencies.iter().find(|x| x["agency_id"] == a).unwrap();
    assert_eq!((row_a["sent"].as_i64(), row_a["answered"].as_i64()), (Some(12), Some(9)));
    assert!((row_a["reaction_average"].as_f64().unwrap() - 4.2).abs() < 1e-9, "{row_a}");
    let row_b = agencies.iter().find(|x| x["agency_id"] == b).unwrap();
    assert_eq!(row_b["suppressed"], true);
    assert!(row_b["reaction_average"].is_null());

    // Agency B alone: fewer than five respondents, so no answers, only counts.
    let (status, only_b) = api(format!("?agency_id={b}")).await;
    assert_eq!(status, 200);
    assert_eq!(only_b["agency_scoped"], true);
    assert_eq!(kind(&only_b, 1, "participant")["suppressed"], true);
    assert_eq!(kind(&only_b, 1, "participant")["answered"], 2);
    assert!(
        only_b["questions"].as_array().unwrap().is_empty()
            && only_b["comments"].as_array().unwrap().is_empty()
    );
    // Agency A alone: five respondents, shown.
    let (_, only_a) = api(format!("?agency_id={a}")).await;
    let likert_a = only_a["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["level"] == 1 && q["kind"] == "likert")
        .unwrap()
        .clone();
    assert!((likert_a["average"].as_f64().unwrap() - 4.2).abs() < 1e-9);
    // One batch.
    let (_, one_batch) = api(format!("?batch_id={batch1}")).await;
    assert_eq!(kind(&one_batch, 3, "supervisor")["sent"], 0);
    assert_eq!(kind(&one_batch, 1, "participant")["sent"], 8);
    assert_eq!(kind(&one_batch, 1, "participant")["suppressed"], false, "seven respondents");
    // The batch of three level-3 alumni: below the threshold, counts only, no comments,
    // no ratings, no levels before.
    let (_, small_batch) = api(format!("?batch_id={batch2}")).await;
    assert_eq!(kind(&small_batch, 3, "participant")["answered"], 1);
    assert_eq!(kind(&small_batch, 3, "participant")["suppressed"], true);
    assert_eq!(kind(&small_batch, 3, "supervisor")["suppressed"], true);
    assert!(small_batch["questions"].as_array().unwrap().is_empty(), "{small_batch}");
    assert!(small_batch["comments"].as_array().unwrap().is_empty(), "{small_batch}");
    assert_eq!(competency(&small_batch, "EVT-T1")["before"], hidden);
    // A batch and an agency together: A has five respondents in batch 1 (at the threshold,
    // shown, with A's comment), B two (hidden, and B's comment with it).
    let (_, batch_a) = api(format!("?batch_id={batch1}&agency_id={a}")).await;
    assert_eq!(kind(&batch_a, 1, "participant")["answered"], 5);
    assert_eq!(kind(&batch_a, 1, "participant")["suppressed"], false);
    let comments: Vec<&str> =
        batch_a["comments"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(comments, ["Materi sangat bermanfaat"]);
    let (_, batch_b) = api(format!("?batch_id={batch1}&agency_id={b}")).await;
    assert_eq!(kind(&batch_b, 1, "participant")["suppressed"], true);
    assert!(
        batch_b["questions"].as_array().unwrap().is_empty()
            && batch_b["comments"].as_array().unwrap().is_empty()
    );
    // The page and the export of the small batch hide the same.
    let html =
        app.get(&format!("/admin/evaluasi/program/{}?angkatan={batch2}", p.id)).await.text().await.unwrap();
    assert!(html.contains("kurang dari 5 responden"), "{html}");
    let csv = app
        .get(&format!("/admin/evaluasi/program/{}/hasil.csv?angkatan={batch2}", p.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains("competency,3,supervisor,EVT-T1 Pengelolaan arsip digital,average"), "{csv}");
    assert!(!csv.contains("before_average"), "{csv}");
    // Bad filters are named.
    let (status, bad) = api("?batch_id=abc&agency_id=999999".into()).await;
    assert_eq!(status, 422, "{bad}");
    let fields: Vec<&str> =
        bad["error"]["fields"].as_array().unwrap().iter().map(|x| x["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["batch_id", "agency_id"]);

    // The page and the CSV say the same.
    let page = app.get(&format!("/admin/evaluasi/program/{}", p.id)).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("3,71") && html.contains("88%") && html.contains("Jadwal terlalu padat"), "{html}");
    let csv = app.get(&format!("/admin/evaluasi/program/{}/hasil.csv", p.id)).await;
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    // With the byte-order mark every export starts with, so Excel reads it as UTF-8.
    assert!(csv.starts_with("\u{feff}section,level,audience,item,metric,value\n"), "{csv}");
    assert!(
        csv.contains("invitations,1,participant,,sent,8\n")
            && csv.contains("invitations,1,participant,,response_rate,0.8750\n"),
        "{csv}"
    );
    // Level 3 (three respondents) is hidden in the export as on the page.
    assert!(!csv.contains("competency,3,supervisor,EVT-T1 Pengelolaan arsip digital,average,"), "{csv}");
    assert!(!csv.contains("before_average,2.3333"), "{csv}");
    assert!(
        csv.contains("agency,,,Dinas A,response_rate,0.7500\n")
            && !csv.contains("agency,1,participant,Dinas B"),
        "{csv}"
    );

    // The operator of agency B sees only B, with the small group hidden.
    let operator = app.new_browser();
    operator.login("operator.b@uji.go.id", PASSWORD).await;
    let html = operator.get(&format!("/admin/evaluasi/program/{}", p.id)).await.text().await.unwrap();
    assert!(html.contains("kurang dari 5 responden") && !html.contains("Jadwal terlalu padat"), "{html}");
    assert!(!html.contains("Dinas A"), "other agencies are not offered");
    assert_eq!(operator.get(&format!("/admin/evaluasi/program/{}?opd={a}", p.id)).await.status(), 422);
}

async fn staff_copy_and_edit_a_template_for_a_program(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = Fixture::new(&app.db).await;
    let p = program(&f).await;
    let agency = f.agency("EVT-DIS", "Dinas Kearsipan", AgencyKind::Agency, Some(f.region)).await;
    f.account("admin@uji.go.id", Role::Admin, None, None, Locale::Id).await;
    f.account("operator@uji.go.id", Role::Operator, Some(agency), None, Locale::Id).await;

    // The defaults exist in a fresh database.
    let defaults = survey_templates::Entity::find()
        .filter(survey_templates::Column::IsDefault.eq(true))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(defaults.len(), 3);
    let reaction = defaults.iter().find(|t| t.level == SurveyLevel::Reaction).unwrap();

    app.login("admin@uji.go.id", PASSWORD).await;
    let list = app.get("/admin/evaluasi/templat").await;
    assert_eq!(list.status(), 200);
    assert!(list.text().await.unwrap().contains("Evaluasi reaksi peserta (level 1)"));
    let copied = app
        .post_form(
            "/admin/evaluasi/templat/salin",
            &[("template_id", &reaction.id.to_string()), ("program_id", &p.id.to_string())],
        )
        .await;
    assert_eq!(copied.status(), 303);
    let location = copied.headers()["location"].to_str().unwrap().to_owned();
    let copy = survey_templates::Entity::find()
        .filter(survey_templates::Column::ProgramId.eq(p.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the program's own template");
    assert_eq!(location, format!("/admin/evaluasi/templat/{}", copy.id));
    let twice = app
        .post_form(
            "/admin/evaluasi/templat/salin",
            &[("template_id", &reaction.id.to_string()), ("program_id", &p.id.to_string())],
        )
        .await;
    assert_eq!(twice.status(), 422);
    assert!(twice.text().await.unwrap().contains("sudah mempunyai templat sendiri"));

    // A question with mistakes: each named; then a good one.
    let add = format!("{location}/pertanyaan");
    let bad = app
        .post_form(
            &add,
            &[("kind", "single_choice"), ("prompt_id", ""), ("prompt_en", "Which?"), ("options", "Ya")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let body = bad.text().await.unwrap();
    assert!(
        body.contains("Isi pertanyaan dalam Bahasa Indonesia.") && body.contains("Isi 2 sampai 10 pilihan"),
        "{body}"
    );
    let good = app
        .post_form(
            &add,
            &[
                ("kind", "single_choice"),
                ("prompt_id", "Bagaimana Anda mengikuti pelatihan ini?"),
                ("prompt_en", "How did you attend this training?"),
                ("options", "Tatap muka | In person\nDaring | Online"),
                ("is_required", "on"),
            ],
        )
        .await;
    assert_eq!(good.status(), 303);
    let questions = survey_questions::Entity::find()
        .filter(survey_questions::Column::TemplateId.eq(copy.id))
        .order_by_asc(survey_questions::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(questions.len(), 8);
    let added = questions.last().unwrap();
    assert_eq!(
        added.options.as_deref(),
        Some(r#"[{"id":"Tatap muka","en":"In person"},{"id":"Daring","en":"Online"}]"#)
    );
    let up = app.post_form(&format!("{location}/pertanyaan/{}/naik", added.id), &[]).await;
    assert_eq!(up.status(), 303);
    let moved = survey_questions::Entity::find_by_id(added.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(moved.position, added.position - 1);

    // Surveys of this program now use its template and show the new question.
    let e = f.employee(1, "Dewi Lestari", agency, None).await;
    let batch = f.batch(p.id, 1, today() - Duration::days(3), today() - Duration::days(1)).await;
    let enrolment = f.enrol(batch, e.id, EnrolmentState::Passed, Utc::now() - Duration::hours(1)).await;
    app.run_job("survey-dispatch").await;
    let invitation =
        invitation_for(&app.db, enrolment, SurveyLevel::Reaction, SurveyAudience::Participant).await;
    assert_eq!(invitation.template_id, copy.id);
    let page = app.new_browser().get(&format!("/survei/{}", secret_of(&app.db, invitation.id).await)).await;
    assert!(page.text().await.unwrap().contains("Bagaimana Anda mengikuti pelatihan ini?"));
    // Used by an invitation, the program's template can no longer be deleted.
    app.post_form(&format!("{location}/hapus"), &[]).await;
    assert!(survey_templates::Entity::find_by_id(copy.id).one(&app.db).await.unwrap().is_some());

    // Operators read templates but cannot change them.
    let operator = app.new_browser();
    operator.login("operator@uji.go.id", PASSWORD).await;
    assert_eq!(operator.get(&location).await.status(), 200);
    let refused = operator.post_form(&format!("{location}/pertanyaan/{}/hapus", added.id), &[]).await;
    assert_eq!(refused.status(), 404);
    assert!(survey_questions::Entity::find_by_id(added.id).one(&app.db).await.unwrap().is_some());
}

/// The real `bangkom worker`, killed with SIGKILL while it delivers a few hundred messages,
/// then started again: every message arrives, and a message arrives twice only if it was
/// being sent at the kill.
async fn a_killed_worker_loses_no_message(backend: Backend) {
    const MESSAGES: usize = 300;
    let app = spawn_app(backend).await;
    let now = Utc::now();
    let rows: Vec<(String, bangkom_jobs::messages::Composed)> = (0..MESSAGES)
        .map(|i| {
            (
                format!("kill-test:{i}"),
                bangkom_jobs::messages::Composed {
                    to_email: format!("penerima{i}@uji.go.id"),
                    to_name: Some(format!("Penerima {i}")),
                    subject: format!("Pesan {i}"),
                    text: "Halo.\n".into(),
                    html: "<p>Halo.</p>".into(),
                },
            )
        })
        .collect();
    bangkom_jobs::outbox::enqueue_many(&app.db, &rows, now).await.unwrap();

    let worker = || {
        app.cli()
            .arg("worker")
            .env("BANGKOM_SMTP_URL", app.smtp.url())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the worker starts")
    };
    let mut first = worker();
    // Wait until delivery is well under way, then kill it without warning.
    for _ in 0..600 {
        if app.smtp.received().await.len() >= MESSAGES / 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    first.kill().expect("SIGKILL");
    first.wait().unwrap();
    let arrived_before = app.smtp.received().await.len();
    assert!(arrived_before < MESSAGES, "killed mid-delivery ({arrived_before} arrived)");
    let in_flight: Vec<i64> = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::State.eq(MailState::Sending))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    // The dead worker's lease would run out after a few minutes; move it to the past
    // instead of waiting.
    mail_outbox::Entity::update_many()
        .col_expr(
            mail_outbox::Column::LockedUntil,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::seconds(1)),
        )
        .filter(mail_outbox::Column::State.eq(MailState::Sending))
        .exec(&app.db)
        .await
        .unwrap();

    let mut second = worker();
    let sent =
        || mail_outbox::Entity::find().filter(mail_outbox::Column::State.eq(MailState::Sent)).count(&app.db);
    for _ in 0..1500 {
        if sent().await.unwrap() as usize >= MESSAGES {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    second.kill().unwrap();
    second.wait().unwrap();
    assert_eq!(sent().await.unwrap() as usize, MESSAGES, "every message marked sent");
    let received = app.smtp.received().await;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in &received {
        *counts.entry(message_id(m)).or_default() += 1;
    }
    assert_eq!(counts.len(), MESSAGES, "every message arrived ({} unique)", counts.len());
    // Message-IDs carry a random token, not the row id: the rows (all sent) name theirs.
    let row_of: HashMap<String, i64> = mail_outbox::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.message_id.expect("a sent row records its Message-ID"), r.id))
        .collect();
    let duplicates: Vec<i64> =
        counts.iter().filter(|(_, n)| **n > 1).map(|(message_id, _)| row_of[message_id]).collect();
    assert!(
        duplicates.iter().all(|id| in_flight.contains(id)),
        "duplicates {duplicates:?} were in flight {in_flight:?}"
    );
    eprintln!(
        "kill test: {MESSAGES} messages, {arrived_before} before the kill, {} in flight, lost 0, duplicates {}",
        in_flight.len(),
        received.len() - MESSAGES
    );
}

fn message_id(m: &crate::support::smtp::ReceivedMail) -> String {
    m.raw.lines().find_map(|l| l.strip_prefix("Message-ID: ")).expect("a Message-ID").trim().to_owned()
}
