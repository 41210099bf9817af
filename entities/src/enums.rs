//! The enums of `docs/DATA_MODEL.md`, stored as short strings (`VARCHAR` + `CHECK`).
//!
//! Every enum is a sea-orm `ActiveEnum` whose `string_value` is the stored word, and it
//! (de)serialises to the same word in JSON. Every enum also gets, from the `db_enum!`
//! macro below:
//!
//! - `as_str(self) -> &'static str`: the stored value (`TrainingMethod::ELearning.as_str()
//!   == "e_learning"`); `Display` writes the same;
//! - `parse(&str) -> Option<Self>`: the variant for a stored value; surrounding whitespace
//!   and ASCII case are ignored (`Grade::parse("iii/A") == Some(Grade::IIIa)`);
//! - `FromStr` with [`UnknownEnumValue`] as error (same rules as `parse`);
//! - `ALL: &[Self]`: every variant in declaration order;
//! - `NAME: &str`: the enum's name, for error messages.
//!
//! sea-orm's own `ActiveEnum::to_value` / `ActiveEnum::try_from_value` (strict, exact
//! match) are what the database layer uses. `AssessmentSource` implements those traits by
//! hand rather than by `DeriveActiveEnum` (its stored value `self` breaks the derive, see
//! the macro); it behaves the same.

use std::fmt;
use std::str::FromStr;

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A string that is not a stored value of the enum `enum_name`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {enum_name} value: {value:?}")]
pub struct UnknownEnumValue {
    pub enum_name: &'static str,
    pub value: String,
}

/// Declares a string-backed `ActiveEnum` whose stored value, serde name, `as_str` and
/// `parse` all use the same literal.
///
/// The `#[manual_active_enum]` form implements the sea-orm traits by hand instead of with
/// `DeriveActiveEnum`; it exists because sea-orm-macros 2.0.4 turns every `string_value`
/// into an identifier of a generated `…Variant` enum, and the stored value `self` becomes
/// the keyword `Self` there, which does not compile. It produces the same impls the derive
/// produces for `rs_type = "String", db_type = "String(StringLen::N(32))"`.
macro_rules! db_enum {
    (
        #[manual_active_enum]
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, Serialize, Deserialize)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $value)]
                $variant,
            )+
        }

        impl sea_orm::ActiveEnum for $name {
            type Value = String;
            type ValueVec = Vec<String>;

            fn name() -> sea_orm::sea_query::DynIden {
                stringify!($name).into()
            }

            fn to_value(&self) -> String {
                self.as_str().to_owned()
            }

            fn try_from_value(v: &String) -> Result<Self, sea_orm::DbErr> {
                match v.as_str() {
                    $($value => Ok(Self::$variant),)+
                    _ => Err(sea_orm::DbErr::Type(format!(
                        "unexpected value for {} enum: {}",
                        stringify!($name),
                        v
                    ))),
                }
            }

            fn db_type() -> sea_orm::ColumnDef {
                sea_orm::prelude::ColumnTypeTrait::def(sea_orm::ColumnType::String(
                    StringLen::N(32),
                ))
            }
        }

        impl From<$name> for sea_orm::Value {
            fn from(source: $name) -> Self {
                <$name as sea_orm::ActiveEnum>::to_value(&source).into()
            }
        }

        impl sea_orm::TryGetable for $name {
            fn try_get_by<I: sea_orm::ColIdx>(
                res: &sea_orm::QueryResult,
                idx: I,
            ) -> Result<Self, sea_orm::TryGetError> {
                let value = <String as sea_orm::TryGetable>::try_get_by(res, idx)?;
                <Self as sea_orm::ActiveEnum>::try_from_value(&value)
                    .map_err(sea_orm::TryGetError::DbErr)
            }
        }

        impl sea_orm::sea_query::ValueType for $name {
            fn try_from(
                v: sea_orm::Value,
            ) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
                let value = <String as sea_orm::sea_query::ValueType>::try_from(v)?;
                <Self as sea_orm::ActiveEnum>::try_from_value(&value)
                    .map_err(|_| sea_orm::sea_query::ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($name).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                <String as sea_orm::sea_query::ValueType>::array_type()
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                <Self as sea_orm::ActiveEnum>::db_type()
                    .get_column_type()
                    .to_owned()
            }

            fn enum_type_name() -> Option<&'static str> {
                None
            }
        }

        impl sea_orm::sea_query::Nullable for $name {
            fn null() -> sea_orm::Value {
                <String as sea_orm::sea_query::Nullable>::null()
            }
        }

        impl sea_orm::IntoActiveValue<$name> for $name {
            fn into_active_value(self) -> sea_orm::ActiveValue<$name> {
                sea_orm::ActiveValue::set(self)
            }
        }

        db_enum!(@methods $name { $($variant = $value),+ });
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize,
            Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[sea_orm(string_value = $value)]
                #[serde(rename = $value)]
                $variant,
            )+
        }

        db_enum!(@methods $name { $($variant = $value),+ });
    };
    (@methods $name:ident { $($variant:ident = $value:literal),+ }) => {
        impl $name {
            /// The enum's name, for messages.
            pub const NAME: &'static str = stringify!($name);

            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stored value (also the JSON value).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)+
                }
            }

            /// The variant for a stored value, ignoring surrounding whitespace and ASCII case.
            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownEnumValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| UnknownEnumValue {
                    enum_name: Self::NAME,
                    value: s.to_owned(),
                })
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
    };
}

db_enum! {
    /// Level of an agency in the tree region → agency (OPD) → unit.
    pub enum AgencyKind {
        Region = "region",
        Agency = "agency",
        Unit = "unit",
    }
}

db_enum! {
    /// Position family (jenis jabatan).
    pub enum PositionFamily {
        /// Jabatan pimpinan tinggi.
        Jpt = "jpt",
        Administrator = "administrator",
        Pengawas = "pengawas",
        Pelaksana = "pelaksana",
        Fungsional = "fungsional",
    }
}

db_enum! {
    /// Kind of competency.
    pub enum CompetencyKind {
        Teknis = "teknis",
        Manajerial = "manajerial",
        SosialKultural = "sosial_kultural",
    }
}

db_enum! {
    /// PNS (civil servant) or PPPK (contract government employee).
    pub enum EmploymentType {
        Pns = "pns",
        Pppk = "pppk",
    }
}

db_enum! {
    /// Civil-servant grade (golongan/ruang), ordered from `I/a` (lowest) to `IV/e`.
    #[derive(PartialOrd, Ord)]
    pub enum Grade {
        Ia = "I/a",
        Ib = "I/b",
        Ic = "I/c",
        Id = "I/d",
        IIa = "II/a",
        IIb = "II/b",
        IIc = "II/c",
        IId = "II/d",
        IIIa = "III/a",
        IIIb = "III/b",
        IIIc = "III/c",
        IIId = "III/d",
        IVa = "IV/a",
        IVb = "IV/b",
        IVc = "IV/c",
        IVd = "IV/d",
        IVe = "IV/e",
    }
}

db_enum! {
    /// PPPK grade (golongan, Perpres 98/2020), ordered from `I` (lowest) to `XVII`. PNS hold
    /// a [`Grade`] instead; `crate::grades` says which set applies to an employee.
    #[derive(PartialOrd, Ord)]
    pub enum PppkGrade {
        I = "I",
        II = "II",
        III = "III",
        IV = "IV",
        V = "V",
        VI = "VI",
        VII = "VII",
        VIII = "VIII",
        IX = "IX",
        X = "X",
        XI = "XI",
        XII = "XII",
        XIII = "XIII",
        XIV = "XIV",
        XV = "XV",
        XVI = "XVI",
        XVII = "XVII",
    }
}

db_enum! {
    /// Account role. Supervisor and mentor rights are not roles.
    pub enum Role {
        Admin = "admin",
        Operator = "operator",
        Employee = "employee",
    }
}

db_enum! {
    /// UI language.
    pub enum Locale {
        Id = "id",
        En = "en",
    }
}

db_enum! {
    #[manual_active_enum]
    /// Where a competency assessment comes from.
    pub enum AssessmentSource {
        AssessmentCentre = "assessment_centre",
        Supervisor = "supervisor",
        SelfAssessment = "self",
        Certification = "certification",
        Mentoring = "mentoring",
        PostTrainingEvaluation = "post_training_evaluation",
    }
}

db_enum! {
    /// Competency development method (classical and non-classical).
    pub enum TrainingMethod {
        Pelatihan = "pelatihan",
        Seminar = "seminar",
        Workshop = "workshop",
        Kursus = "kursus",
        BimbinganTeknis = "bimbingan_teknis",
        Penataran = "penataran",
        Sosialisasi = "sosialisasi",
        Coaching = "coaching",
        Mentoring = "mentoring",
        ELearning = "e_learning",
        PelatihanJarakJauh = "pelatihan_jarak_jauh",
        Detasering = "detasering",
        Magang = "magang",
        PatokBanding = "patok_banding",
        OutdoorLearning = "outdoor_learning",
        PertukaranSektorSwasta = "pertukaran_sektor_swasta",
        BelajarMandiri = "belajar_mandiri",
        KomunitasBelajar = "komunitas_belajar",
        BimbinganDiTempatKerja = "bimbingan_di_tempat_kerja",
    }
}

db_enum! {
    /// How a programme is delivered.
    pub enum DeliveryMode {
        FaceToFace = "face_to_face",
        Online = "online",
        Blended = "blended",
    }
}

db_enum! {
    /// Who organises a programme.
    pub enum OrganizerKind {
        Bpsdm = "bpsdm",
        Lan = "lan",
        University = "university",
        Private = "private",
        InHouse = "in_house",
    }
}

db_enum! {
    /// Lifecycle of a training batch.
    pub enum BatchStatus {
        Draft = "draft",
        Open = "open",
        Closed = "closed",
        Running = "running",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}

db_enum! {
    /// State of an enrolment.
    pub enum EnrolmentState {
        Requested = "requested",
        Approved = "approved",
        Rejected = "rejected",
        Waitlisted = "waitlisted",
        Enrolled = "enrolled",
        Withdrawn = "withdrawn",
        Attended = "attended",
        Passed = "passed",
        Failed = "failed",
        NoShow = "no_show",
    }
}

db_enum! {
    /// Status of a mentoring pair.
    pub enum MentoringPairStatus {
        Active = "active",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}

db_enum! {
    /// How a mentoring session was held.
    pub enum SessionMode {
        FaceToFace = "face_to_face",
        Online = "online",
    }
}

db_enum! {
    /// The mentee's confirmation of a mentoring session.
    pub enum SessionConfirmation {
        Pending = "pending",
        Confirmed = "confirmed",
        Disputed = "disputed",
    }
}

db_enum! {
    /// Kirkpatrick level of a survey.
    pub enum SurveyLevel {
        /// Kirkpatrick level 1.
        Reaction = "reaction",
        /// Kirkpatrick level 3.
        Behaviour = "behaviour",
    }
}

db_enum! {
    /// Who answers a survey.
    pub enum SurveyAudience {
        Participant = "participant",
        Supervisor = "supervisor",
    }
}

db_enum! {
    /// Kind of survey question.
    pub enum QuestionKind {
        Likert = "likert",
        SingleChoice = "single_choice",
        FreeText = "free_text",
        CompetencyRating = "competency_rating",
    }
}

db_enum! {
    /// State of a survey invitation.
    pub enum InvitationState {
        Pending = "pending",
        Answered = "answered",
        Expired = "expired",
    }
}

db_enum! {
    /// State of an outgoing mail.
    pub enum MailState {
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        /// Failed, waiting for a retry.
        Failed = "failed",
        Dead = "dead",
    }
}

db_enum! {
    /// What started a job run.
    pub enum JobTrigger {
        Scheduled = "scheduled",
        Manual = "manual",
    }
}

db_enum! {
    /// Outcome of a job run.
    pub enum JobOutcome {
        Running = "running",
        Succeeded = "succeeded",
        Failed = "failed",
    }
}

db_enum! {
    /// Kind of audited change.
    pub enum AuditAction {
        Create = "create",
        Update = "update",
        Delete = "delete",
    }
}

impl TrainingMethod {
    /// Classical methods (pelatihan klasikal): `pelatihan` … `sosialisasi`; the others
    /// are non-classical.
    pub const fn is_classical(self) -> bool {
        matches!(
            self,
            Self::Pelatihan
                | Self::Seminar
                | Self::Workshop
                | Self::Kursus
                | Self::BimbinganTeknis
                | Self::Penataran
                | Self::Sosialisasi
        )
    }
}

impl EnrolmentState {
    /// Whether an enrolment in this state occupies a seat of the batch quota.
    pub const fn counts_as_seat(self) -> bool {
        matches!(self, Self::Enrolled | Self::Attended | Self::Passed | Self::Failed | Self::NoShow)
    }

    /// Whether no further transition is expected from this state.
    pub const fn is_final(self) -> bool {
        matches!(self, Self::Rejected | Self::Withdrawn | Self::Passed | Self::Failed | Self::NoShow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ActiveEnum;

    #[test]
    fn stored_value_serde_and_as_str_agree() {
        fn check<E>(all: &[E])
        where
            E: ActiveEnum<Value = String>
                + Serialize
                + for<'de> Deserialize<'de>
                + fmt::Display
                + FromStr
                + PartialEq
                + fmt::Debug
                + Copy,
        {
            for v in all {
                let stored = v.to_value();
                assert_eq!(v.to_string(), stored);
                assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(stored));
                let back: E = serde_json::from_value(serde_json::json!(stored)).unwrap();
                assert_eq!(&back, v);
                assert_eq!(E::try_from_value(&stored).ok().as_ref(), Some(v));
                assert!(stored.len() <= 32, "{stored} longer than the column");
                assert!(stored.parse::<E>().ok().as_ref() == Some(v));
            }
        }
        check(AgencyKind::ALL);
        check(PositionFamily::ALL);
        check(CompetencyKind::ALL);
        check(EmploymentType::ALL);
        check(Grade::ALL);
        check(PppkGrade::ALL);
        check(Role::ALL);
        check(Locale::ALL);
        check(AssessmentSource::ALL);
        check(TrainingMethod::ALL);
        check(DeliveryMode::ALL);
        check(OrganizerKind::ALL);
        check(BatchStatus::ALL);
        check(EnrolmentState::ALL);
        check(MentoringPairStatus::ALL);
        check(SessionMode::ALL);
        check(SessionConfirmation::ALL);
        check(SurveyLevel::ALL);
        check(SurveyAudience::ALL);
        check(QuestionKind::ALL);
        check(InvitationState::ALL);
        check(MailState::ALL);
        check(JobTrigger::ALL);
        check(JobOutcome::ALL);
        check(AuditAction::ALL);
    }

    #[test]
    fn all_lists_every_variant() {
        use sea_orm::Iterable;
        assert_eq!(Grade::iter().collect::<Vec<_>>(), Grade::ALL);
        assert_eq!(TrainingMethod::iter().count(), 19);
        assert_eq!(EnrolmentState::iter().count(), EnrolmentState::ALL.len());
    }

    #[test]
    fn grade_order_and_parse() {
        assert!(Grade::Ia < Grade::Ib);
        assert!(Grade::Id < Grade::IIa);
        assert!(Grade::IIId < Grade::IVa);
        assert_eq!(Grade::ALL.iter().max(), Some(&Grade::IVe));
        assert_eq!(Grade::parse("III/a"), Some(Grade::IIIa));
        assert_eq!(Grade::parse("iii/A"), Some(Grade::IIIa));
        assert_eq!(Grade::parse(" IV/e "), Some(Grade::IVe));
        assert_eq!(Grade::parse("III/e"), None);
        assert_eq!(Grade::parse("3a"), None);
        assert_eq!(Grade::IIb.as_str(), "II/b");
        assert_eq!("V/a".parse::<Grade>(), Err(UnknownEnumValue { enum_name: "Grade", value: "V/a".into() }));
    }

    #[test]
    fn pppk_grade_order_and_parse() {
        assert_eq!(PppkGrade::ALL.len(), 17);
        assert!(PppkGrade::IV < PppkGrade::IX && PppkGrade::IX < PppkGrade::XVII);
        assert_eq!(PppkGrade::parse(" ix "), Some(PppkGrade::IX));
        assert_eq!(PppkGrade::parse("XVIII"), None);
        assert_eq!(PppkGrade::parse("III/a"), None);
    }

    #[test]
    fn helpers() {
        let classical: Vec<_> =
            TrainingMethod::ALL.iter().filter(|m| m.is_classical()).map(|m| m.as_str()).collect();
        assert_eq!(
            classical,
            ["pelatihan", "seminar", "workshop", "kursus", "bimbingan_teknis", "penataran", "sosialisasi"]
        );
        use EnrolmentState::*;
        for s in EnrolmentState::ALL {
            assert_eq!(s.counts_as_seat(), matches!(s, Enrolled | Attended | Passed | Failed | NoShow));
            assert_eq!(s.is_final(), matches!(s, Rejected | Withdrawn | Passed | Failed | NoShow));
        }
        assert_eq!(AssessmentSource::SelfAssessment.as_str(), "self");
        assert_eq!(Locale::parse("id"), Some(Locale::Id));
    }
}
