//! Cron schedules in the deployment's time zone, turned into slots in UTC. A slot names one
//! scheduled run of a job; the run ledger lets only one instance claim it.
//!
//! Slots are computed from the zone's rules at each instant (croner with a `chrono_tz`
//! zone), not from an offset fixed when the process started, so a daylight-saving change
//! moves the slot with the local clock.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use croner::Cron;
use croner::parser::{CronParser, Seconds};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "invalid cron schedule {expression:?}: {reason} (expected six fields: sec min hour day month weekday)"
)]
pub struct ScheduleError {
    pub expression: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Schedule {
    expression: String,
    cron: Cron,
}

impl Schedule {
    pub fn parse(expression: &str) -> Result<Schedule, ScheduleError> {
        let cron = CronParser::builder()
            .seconds(Seconds::Required)
            .dom_and_dow(true)
            .build()
            .parse(expression.trim())
            .map_err(|e| ScheduleError { expression: expression.to_owned(), reason: e.to_string() })?;
        Ok(Schedule { expression: expression.trim().to_owned(), cron })
    }

    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The latest slot at or before `now`, in UTC, in whole seconds.
    pub fn latest_slot(&self, tz: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.cron
            .find_previous_occurrence(&whole_seconds(now).with_timezone(&tz), true)
            .ok()
            .map(|t| whole_seconds(t.with_timezone(&Utc)))
    }

    /// The next slot after `now`, in UTC, in whole seconds.
    pub fn next_slot(&self, tz: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.cron
            .find_next_occurrence(&whole_seconds(now).with_timezone(&tz), false)
            .ok()
            .map(|t| whole_seconds(t.with_timezone(&Utc)))
    }
}

/// A slot is the ledger's key: the cron library carries the sub-second part of `now` into
/// the occurrence it finds, which would give every tick a slot of its own (and run the job
/// on every tick).
fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_nightly_schedule_runs_at_local_time() {
        let nightly = Schedule::parse("0 0 2 * * *").unwrap();
        // 02:00 WIB is 19:00 UTC the day before.
        let slot = nightly.latest_slot(chrono_tz::Asia::Jakarta, utc("2026-11-25T10:00:00Z")).unwrap();
        assert_eq!(slot, utc("2026-11-24T19:00:00Z"));
        let slot = nightly.latest_slot(chrono_tz::Asia::Jayapura, utc("2026-11-25T10:00:00Z")).unwrap();
        assert_eq!(slot, utc("2026-11-24T17:00:00Z"));
    }

    #[test]
    fn slots_follow_a_daylight_saving_change() {
        // Europe/Berlin moves from UTC+1 to UTC+2 on 29 March 2026.
        let daily = Schedule::parse("0 0 6 * * *").unwrap();
        let tz = chrono_tz::Europe::Berlin;
        assert_eq!(daily.latest_slot(tz, utc("2026-03-28T12:00:00Z")).unwrap(), utc("2026-03-28T05:00:00Z"));
        assert_eq!(daily.latest_slot(tz, utc("2026-03-29T12:00:00Z")).unwrap(), utc("2026-03-29T04:00:00Z"));
        assert_eq!(daily.next_slot(tz, utc("2026-03-28T12:00:00Z")).unwrap(), utc("2026-03-29T04:00:00Z"));
    }

    #[test]
    fn ticks_within_one_slot_name_the_same_slot() {
        let nightly = Schedule::parse("0 30 1 * * *").unwrap();
        let tz = chrono_tz::Asia::Jakarta;
        let a = nightly.latest_slot(tz, utc("2026-11-25T18:48:10.370315114Z")).unwrap();
        let b = nightly.latest_slot(tz, utc("2026-11-25T18:48:15.381420254Z")).unwrap();
        assert_eq!(a, utc("2026-11-25T18:30:00Z"));
        assert_eq!(a, b);
        let next = nightly.next_slot(tz, utc("2026-11-25T18:48:10.5Z")).unwrap();
        assert_eq!(next, utc("2026-11-26T18:30:00Z"));
    }

    #[test]
    fn a_bad_expression_says_what_is_expected() {
        let err = Schedule::parse("every night").unwrap_err();
        assert!(err.to_string().contains("six fields"), "{err}");
    }
}
