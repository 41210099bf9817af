//! Pages of the competency-gaps area: the dashboard (heatmap and table), a cell's employees,
//! employees' gaps and development plans, the training-needs plan and the assessment import.

pub mod dashboard;
pub mod employee;
pub mod export;
pub mod heatmap;
pub mod import;
pub mod plan;

use bangkom_entities::enums::AssessmentSource;
use bangkom_entities::gaps::Band;

use crate::i18n::{Lang, Msg};

/// Route paths of the area (the router and the links share them).
pub mod paths {
    /// Staff: the heatmap; others are sent to their list.
    pub const DASHBOARD: &str = "/kesenjangan";
    /// A heatmap cell's employees: `?agency=&competency=&show=`.
    pub const CELL: &str = "/kesenjangan/rincian";
    /// Employees whose gaps the visitor may see; `/{id}` one of them.
    pub const EMPLOYEES: &str = "/kesenjangan/pegawai";
    /// The training-needs plan; `/unduh?format=csv|xlsx` exports it.
    pub const PLAN: &str = "/kesenjangan/rencana";
    pub const PLAN_EXPORT: &str = "/kesenjangan/rencana/unduh";
    /// Assessment-centre results from CSV.
    pub const IMPORT: &str = "/kesenjangan/impor";
    pub const IMPORT_EXAMPLE: &str = "/kesenjangan/impor/contoh.csv";

    pub fn employee(id: i64) -> String {
        format!("{EMPLOYEES}/{id}")
    }

    pub fn record(id: i64) -> String {
        format!("{EMPLOYEES}/{id}/penilaian")
    }
}

/// 100000 → "100.000" (Indonesian) or "100,000" (English).
pub fn number(n: i64, lang: Lang) -> String {
    let separator = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('−');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A permille value as a percentage with one decimal ("23,4%" / "23.4%").
pub fn permille(p: i64, lang: Lang) -> String {
    let decimal = match lang {
        Lang::Id => ',',
        Lang::En => '.',
    };
    let sign = if p < 0 { "−" } else { "" };
    format!("{sign}{}{decimal}{}%", p.abs() / 10, p.abs() % 10)
}

/// Tenths of a level ("1,5").
pub fn tenths(t: i64, lang: Lang) -> String {
    let decimal = match lang {
        Lang::Id => ',',
        Lang::En => '.',
    };
    format!("{}{decimal}{}", t / 10, t % 10)
}

/// A change in permille points, signed ("+2,5 poin").
pub fn change(p: i64, lang: Lang) -> String {
    let decimal = match lang {
        Lang::Id => ',',
        Lang::En => '.',
    };
    let sign = match p.signum() {
        1 => "+",
        -1 => "−",
        _ => "±",
    };
    format!("{sign}{}{decimal}{}", p.abs() / 10, p.abs() % 10)
}

pub fn source_label(source: AssessmentSource) -> Msg {
    match source {
        AssessmentSource::AssessmentCentre => Msg::GapsSourceAssessmentCentre,
        AssessmentSource::Supervisor => Msg::GapsSourceSupervisor,
        AssessmentSource::SelfAssessment => Msg::GapsSourceSelf,
        AssessmentSource::Certification => Msg::GapsSourceCertification,
        AssessmentSource::Mentoring => Msg::GapsSourceMentoring,
        AssessmentSource::PostTrainingEvaluation => Msg::GapsSourcePostTraining,
    }
}

pub fn band_label(band: Band) -> Msg {
    match band {
        Band::Optimal => Msg::GapsBandOptimal,
        Band::Adequate => Msg::GapsBandAdequate,
        Band::Low => Msg::GapsBandLow,
    }
}

/// The competency's name in the visitor's language.
pub fn name<'a>(name_id: &'a str, name_en: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::Id => name_id,
        Lang::En => name_en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(number(100_000, Lang::Id), "100.000");
        assert_eq!(number(1_234, Lang::En), "1,234");
        assert_eq!(permille(234, Lang::Id), "23,4%");
        assert_eq!(permille(5, Lang::En), "0.5%");
        assert_eq!(change(-25, Lang::Id), "−2,5");
        assert_eq!(change(0, Lang::En), "±0.0");
        assert_eq!(tenths(15, Lang::Id), "1,5");
    }
}
