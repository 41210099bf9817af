//! Dates and times as people in the region read them: in the deployment's time zone, with
//! Indonesian month names and a dot between hours and minutes ("25 November 2026 14.05 WIB").

use chrono::{DateTime, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

use crate::i18n::Lang;

/// "25 November 2026" (pages and e-mails write dates alike: the rule lives in `i18n`).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    crate::i18n::long_date(d, lang)
}

pub fn datetime(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let local = at.with_timezone(&tz);
    let sep = match lang {
        Lang::Id => '.',
        Lang::En => ':',
    };
    format!(
        "{} {:02}{sep}{:02} {}",
        date(local.date_naive(), lang),
        local.hour(),
        local.minute(),
        local.format("%Z")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_the_deployment_zone() {
        let at = DateTime::parse_from_rfc3339("2026-11-25T07:05:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(datetime(at, chrono_tz::Asia::Jakarta, Lang::Id), "25 November 2026 14.05 WIB");
        assert_eq!(datetime(at, chrono_tz::Asia::Jayapura, Lang::En), "25 November 2026 16:05 WIT");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 8, 17).unwrap(), Lang::Id), "17 Agustus 2026");
    }
}
