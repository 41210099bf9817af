//! The default survey templates, in Indonesian with English beside: one for level 1
//! (reaction, participant), and for level 3 (behaviour) one for the participant and one for
//! the supervisor. Programs use them unless staff copied and edited one for the program.

use crate::enums::{QuestionKind, SurveyAudience, SurveyLevel};

/// One option of a single-choice question.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChoiceOption {
    pub id: String,
    pub en: String,
}

pub struct DefaultQuestion {
    pub kind: QuestionKind,
    pub prompt_id: &'static str,
    pub prompt_en: &'static str,
    pub options: &'static [(&'static str, &'static str)],
    pub is_required: bool,
}

pub struct DefaultTemplate {
    pub name: &'static str,
    pub level: SurveyLevel,
    pub audience: SurveyAudience,
    pub questions: &'static [DefaultQuestion],
}

const fn likert(prompt_id: &'static str, prompt_en: &'static str) -> DefaultQuestion {
    DefaultQuestion { kind: QuestionKind::Likert, prompt_id, prompt_en, options: &[], is_required: true }
}

const fn comment(prompt_id: &'static str, prompt_en: &'static str) -> DefaultQuestion {
    DefaultQuestion { kind: QuestionKind::FreeText, prompt_id, prompt_en, options: &[], is_required: false }
}

const fn rating(prompt_id: &'static str, prompt_en: &'static str) -> DefaultQuestion {
    DefaultQuestion {
        kind: QuestionKind::CompetencyRating,
        prompt_id,
        prompt_en,
        options: &[],
        is_required: true,
    }
}

pub const TEMPLATES: &[DefaultTemplate] = &[
    DefaultTemplate {
        name: "Evaluasi reaksi peserta (level 1)",
        level: SurveyLevel::Reaction,
        audience: SurveyAudience::Participant,
        questions: &[
            likert(
                "Materi pelatihan sesuai dengan kebutuhan pekerjaan saya.",
                "The training content matched the needs of my job.",
            ),
            likert(
                "Pengajar atau fasilitator menguasai materi dan menyampaikannya dengan jelas.",
                "The trainers knew the subject and explained it clearly.",
            ),
            likert(
                "Metode dan media pembelajaran membantu saya memahami materi.",
                "The methods and learning materials helped me understand.",
            ),
            likert(
                "Sarana, jadwal dan penyelenggaraan pelatihan memadai.",
                "The facilities, schedule and organisation were adequate.",
            ),
            likert(
                "Saya dapat menerapkan hasil pelatihan ini dalam pekerjaan saya.",
                "I can apply what I learned in my work.",
            ),
            DefaultQuestion {
                kind: QuestionKind::SingleChoice,
                prompt_id: "Apakah Anda akan menyarankan pelatihan ini kepada rekan kerja?",
                prompt_en: "Would you recommend this training to a colleague?",
                options: &[("Ya", "Yes"), ("Mungkin", "Maybe"), ("Tidak", "No")],
                is_required: true,
            },
            comment("Saran untuk perbaikan pelatihan ini", "Suggestions to improve this training"),
        ],
    },
    DefaultTemplate {
        name: "Evaluasi perilaku oleh peserta (level 3)",
        level: SurveyLevel::Behaviour,
        audience: SurveyAudience::Participant,
        questions: &[
            rating(
                "Pada level berapa Anda sekarang menerapkan kompetensi berikut dalam pekerjaan? (1–5, sesuai level kamus kompetensi)",
                "At what level do you now apply these competencies in your work? (1–5, as in the competency dictionary)",
            ),
            likert(
                "Saya telah menerapkan hasil pelatihan dalam pekerjaan sehari-hari.",
                "I have applied what I learned in my daily work.",
            ),
            likert(
                "Atasan dan lingkungan kerja mendukung saya menerapkan hasil pelatihan.",
                "My supervisor and workplace support me in applying what I learned.",
            ),
            DefaultQuestion {
                kind: QuestionKind::SingleChoice,
                prompt_id: "Seberapa sering Anda menerapkan hasil pelatihan?",
                prompt_en: "How often do you apply what you learned?",
                options: &[
                    ("Setiap hari", "Every day"),
                    ("Setiap minggu", "Every week"),
                    ("Sesekali", "Now and then"),
                    ("Belum pernah", "Not yet"),
                ],
                is_required: true,
            },
            comment(
                "Contoh perubahan, atau hambatan dalam menerapkan hasil pelatihan",
                "Examples of change, or obstacles to applying what you learned",
            ),
        ],
    },
    DefaultTemplate {
        name: "Evaluasi perilaku oleh atasan langsung (level 3)",
        level: SurveyLevel::Behaviour,
        audience: SurveyAudience::Supervisor,
        questions: &[
            rating(
                "Pada level berapa pegawai ini sekarang menunjukkan kompetensi berikut dalam pekerjaannya? (1–5, sesuai level kamus kompetensi; penilaian Anda dicatat sebagai penilaian kompetensi)",
                "At what level does this employee now show these competencies at work? (1–5, as in the competency dictionary; your rating is recorded as a competency assessment)",
            ),
            likert(
                "Pegawai menerapkan hasil pelatihan dalam pekerjaannya.",
                "The employee applies what they learned in their work.",
            ),
            likert(
                "Kinerja pegawai meningkat setelah mengikuti pelatihan.",
                "The employee's performance improved after the training.",
            ),
            comment(
                "Catatan tentang perubahan perilaku kerja pegawai",
                "Notes on changes in the employee's work behaviour",
            ),
        ],
    },
];
