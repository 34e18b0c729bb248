//! Dates as the reader shows them: one relative-time rule ("5 minutes ago", or "5m ago" where
//! room is short), the date once it is a year old or in the future, and the local date with
//! the time of day.

use chrono::{DateTime, Local, Utc};

/// How long ago `then` was: long ("5 minutes ago") or short ("5m ago"); the date (UTC) past
/// a year or in the future.
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>, short: bool) -> String {
    let secs = (now - then).num_seconds();
    if !(0..365 * 86_400).contains(&secs) {
        return then.format("%Y-%m-%d").to_string();
    }
    let (n, unit, abbr) = match secs {
        0..=59 => return "just now".to_string(),
        60..=3_599 => (secs / 60, "minute", "m"),
        3_600..=86_399 => (secs / 3_600, "hour", "h"),
        86_400..=2_591_999 => (secs / 86_400, "day", "d"),
        _ => (secs / 2_592_000, "month", "mo"),
    };
    if short {
        format!("{n}{abbr} ago")
    } else {
        format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
    }
}

/// `ago` for a Unix timestamp.
pub fn ago_ts(then: i64, now: i64, short: bool) -> String {
    match (
        DateTime::from_timestamp(then, 0),
        DateTime::from_timestamp(now, 0),
    ) {
        (Some(then), Some(now)) => ago(then, now, short),
        _ => String::new(),
    }
}

/// The local date and time of day, "2026-11-28 14:05", for a full date next to a relative one.
pub fn day_and_time(then: DateTime<Utc>) -> String {
    then.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_long_and_short() {
        let now = DateTime::from_timestamp(10_000_000, 0).unwrap_or_default();
        let at = |secs: i64| now - chrono::Duration::seconds(secs);
        assert_eq!(ago(at(30), now, false), "just now");
        assert_eq!(ago(at(60), now, false), "1 minute ago");
        assert_eq!(ago(at(300), now, true), "5m ago");
        assert_eq!(ago(at(7_200), now, false), "2 hours ago");
        assert_eq!(ago(at(3 * 86_400), now, true), "3d ago");
        assert_eq!(ago(at(90 * 86_400), now, false), "3 months ago");
        assert_eq!(ago_ts(100, 400, true), "5m ago");
    }
}
