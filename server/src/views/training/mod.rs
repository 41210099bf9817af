//! Training pages: programmes, the batch calendar and batch pages, enrolment (own, on
//! behalf, approvals), attendance and completion, the JP recap and its exports.

pub mod batches;
pub mod delivery;
pub mod people;
pub mod programs;
pub mod recap;

use bangkom_entities::enums::{BatchStatus, DeliveryMode, EnrolmentState, OrganizerKind, TrainingMethod};
use maud::{Markup, html};

use crate::i18n::{Lang, Msg};

/// Route paths of the training area, shared by the router and the links and forms.
pub mod paths {
    /// The batch calendar.
    pub const CALENDAR: &str = "/pelatihan";
    /// The signed-in employee's trainings and JP.
    pub const MINE: &str = "/pelatihan/saya";
    /// Requests waiting for the visitor's decision.
    pub const APPROVALS: &str = "/pelatihan/persetujuan";
    pub const PROGRAMS: &str = "/pelatihan/program";
    pub const BATCHES: &str = "/pelatihan/angkatan";
    pub const ENROLMENTS: &str = "/pelatihan/pendaftaran";
    pub const RECAP: &str = "/pelatihan/rekap-jp";
    pub const RECAP_CSV: &str = "/pelatihan/rekap-jp/unduh.csv";
    pub const RECAP_XLSX: &str = "/pelatihan/rekap-jp/unduh.xlsx";
    /// Followed by the employee's id.
    pub const RECAP_EMPLOYEE: &str = "/pelatihan/rekap-jp/pegawai";
}

pub fn program_url(id: i64) -> String {
    format!("{}/{id}", paths::PROGRAMS)
}

pub fn batch_url(id: i64) -> String {
    format!("{}/{id}", paths::BATCHES)
}

pub fn batch_action(id: i64, action: &str) -> String {
    format!("{}/{id}/{action}", paths::BATCHES)
}

pub fn enrolment_url(id: i64) -> String {
    format!("{}/{id}", paths::ENROLMENTS)
}

pub fn enrolment_action(id: i64, action: &str) -> String {
    format!("{}/{id}/{action}", paths::ENROLMENTS)
}

pub fn recap_employee_url(id: i64, year: i32) -> String {
    format!("{}/{id}?tahun={year}", paths::RECAP_EMPLOYEE)
}

pub fn state_label(state: EnrolmentState) -> Msg {
    use EnrolmentState as S;
    match state {
        S::Requested => Msg::TrainingStateRequested,
        S::Approved => Msg::TrainingStateApproved,
        S::Rejected => Msg::TrainingStateRejected,
        S::Waitlisted => Msg::TrainingStateWaitlisted,
        S::Enrolled => Msg::TrainingStateEnrolled,
        S::Withdrawn => Msg::TrainingStateWithdrawn,
        S::Attended => Msg::TrainingStateAttended,
        S::Passed => Msg::TrainingStatePassed,
        S::Failed => Msg::TrainingStateFailed,
        S::NoShow => Msg::TrainingStateNoShow,
    }
}

pub fn status_label(status: BatchStatus) -> Msg {
    use BatchStatus as S;
    match status {
        S::Draft => Msg::TrainingStatusDraft,
        S::Open => Msg::TrainingStatusOpen,
        S::Closed => Msg::TrainingStatusClosed,
        S::Running => Msg::TrainingStatusRunning,
        S::Completed => Msg::TrainingStatusCompleted,
        S::Cancelled => Msg::TrainingStatusCancelled,
    }
}

pub fn method_label(method: TrainingMethod) -> Msg {
    use TrainingMethod as M;
    match method {
        M::Pelatihan => Msg::TrainingMethodPelatihan,
        M::Seminar => Msg::TrainingMethodSeminar,
        M::Workshop => Msg::TrainingMethodWorkshop,
        M::Kursus => Msg::TrainingMethodKursus,
        M::BimbinganTeknis => Msg::TrainingMethodBimbinganTeknis,
        M::Penataran => Msg::TrainingMethodPenataran,
        M::Sosialisasi => Msg::TrainingMethodSosialisasi,
        M::Coaching => Msg::TrainingMethodCoaching,
        M::Mentoring => Msg::TrainingMethodMentoring,
        M::ELearning => Msg::TrainingMethodELearning,
        M::PelatihanJarakJauh => Msg::TrainingMethodPelatihanJarakJauh,
        M::Detasering => Msg::TrainingMethodDetasering,
        M::Magang => Msg::TrainingMethodMagang,
        M::PatokBanding => Msg::TrainingMethodPatokBanding,
        M::OutdoorLearning => Msg::TrainingMethodOutdoorLearning,
        M::PertukaranSektorSwasta => Msg::TrainingMethodPertukaranSektorSwasta,
        M::BelajarMandiri => Msg::TrainingMethodBelajarMandiri,
        M::KomunitasBelajar => Msg::TrainingMethodKomunitasBelajar,
        M::BimbinganDiTempatKerja => Msg::TrainingMethodBimbinganDiTempatKerja,
    }
}

/// "Klasikal · Pelatihan" / "Nonklasikal · E-learning".
pub fn method_text(method: TrainingMethod, lang: Lang) -> String {
    let kind = if method.is_classical() { Msg::TrainingClassical } else { Msg::TrainingNonClassical };
    format!("{} · {}", kind.text(lang), method_label(method).text(lang))
}

pub fn delivery_label(mode: DeliveryMode) -> Msg {
    match mode {
        DeliveryMode::FaceToFace => Msg::TrainingDeliveryFaceToFace,
        DeliveryMode::Online => Msg::TrainingDeliveryOnline,
        DeliveryMode::Blended => Msg::TrainingDeliveryBlended,
    }
}

pub fn organizer_label(kind: OrganizerKind) -> Msg {
    match kind {
        OrganizerKind::Bpsdm => Msg::TrainingOrganizerBpsdm,
        OrganizerKind::Lan => Msg::TrainingOrganizerLan,
        OrganizerKind::University => Msg::TrainingOrganizerUniversity,
        OrganizerKind::Private => Msg::TrainingOrganizerPrivate,
        OrganizerKind::InHouse => Msg::TrainingOrganizerInHouse,
    }
}

/// A small state badge: `span.badge.state-<value>`.
pub fn badge(value: &str, text: &str) -> Markup {
    html! { span class={ "badge state-" (value) } { (text) } }
}

pub fn state_badge(state: EnrolmentState, lang: Lang) -> Markup {
    badge(state.as_str(), state_label(state).text(lang))
}

pub fn status_badge(status: BatchStatus, lang: Lang) -> Markup {
    badge(status.as_str(), status_label(status).text(lang))
}

/// A JP figure: whole numbers without decimals, others with one ("20", "20,5" / "20.5").
pub fn jp(value: f64, lang: Lang) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let s = format!("{value:.1}");
        if lang == Lang::Id { s.replace('.', ",") } else { s }
    }
}

/// A date range: "3 – 7 Maret 2026" style via the shared formatter.
pub fn date_range(from: chrono::NaiveDate, to: chrono::NaiveDate, lang: Lang) -> String {
    use crate::views::format::date;
    if from == to { date(from, lang) } else { format!("{} – {}", date(from, lang), date(to, lang)) }
}
