//! Dates as the reader shows them: one relative-time rule ("5 minutes ago", or "5m ago" where
//! room is short), the date once it is a year old or in the future, and comment and post dates
//! with the time of day in the local zone once they are a week old ("12 Mar 2024 14:05").

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

/// The clock dates are shown in: the machine's (`TZ`, else the system's zone) in the reader,
/// UTC where the output must not depend on the machine (tests, snapshots).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Zone {
    /// The local time zone (`chrono::Local`).
    Local,
    /// UTC: the same on every machine.
    #[default]
    Utc,
}

/// Comments and posts newer than this show a relative date ("3 days ago"); older ones the
/// day and, when the source gives it, the time of day.
pub const RECENT_SECS: i64 = 7 * 86_400;

/// A published timestamp as sources give it: RFC 3339, a date and time without a zone (taken
/// as UTC), or a date alone. The flag says whether it carries a time of day.
pub fn parse_published(text: &str) -> Option<(DateTime<Utc>, bool)> {
    let text = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some((d.with_timezone(&Utc), true));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(n) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Some((n.and_utc(), true));
        }
    }
    let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some((day.and_hms_opt(0, 0, 0)?.and_utc(), false))
}

/// A comment's or post's date as the reader shows it: relative while recent ("5 minutes
/// ago", "3 days ago"), else "12 Mar 2024 14:05" in `zone` ("12 Mar 2024" when the source
/// gives no time of day; a date in the future is shown as a date too). `None` when the
/// timestamp does not parse.
pub fn shown_date(published: &str, now: DateTime<Utc>, zone: Zone) -> Option<String> {
    let (then, has_time) = parse_published(published)?;
    let age = (now - then).num_seconds();
    if has_time && (0..RECENT_SECS).contains(&age) {
        return Some(ago(then, now, false));
    }
    if !has_time {
        // A day alone is a calendar date: no zone to convert it from.
        return Some(then.format("%-d %b %Y").to_string());
    }
    let format = "%-d %b %Y %H:%M";
    Some(match zone {
        Zone::Local => then.with_timezone(&Local).format(format).to_string(),
        Zone::Utc => then.format(format).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn recent_dates_are_relative_older_ones_have_the_time_of_day() {
        let now = at("2026-11-28T12:00:00Z");
        let shown = |p: &str| shown_date(p, now, Zone::Utc);
        assert_eq!(shown("2026-11-28T11:59:30Z").as_deref(), Some("just now"));
        assert_eq!(
            shown("2026-11-28T11:00:00+00:00").as_deref(),
            Some("1 hour ago")
        );
        assert_eq!(shown("2026-11-25T12:00:00Z").as_deref(), Some("3 days ago"));
        assert_eq!(
            shown("2024-03-12T14:05:00Z").as_deref(),
            Some("12 Mar 2024 14:05")
        );
        // Another offset is converted to the zone shown (here UTC).
        assert_eq!(
            shown("2024-03-12T14:05:00+02:00").as_deref(),
            Some("12 Mar 2024 12:05")
        );
        assert_eq!(
            shown("2024-03-12T14:05:00").as_deref(),
            Some("12 Mar 2024 14:05")
        );
        // A date alone has no time of day to show, even when recent.
        assert_eq!(shown("2024-03-12").as_deref(), Some("12 Mar 2024"));
        assert_eq!(shown("2026-11-27").as_deref(), Some("27 Nov 2026"));
        // The future is a date, not "in 3 days".
        assert_eq!(
            shown("2026-12-01T08:00:00Z").as_deref(),
            Some("1 Dec 2026 08:00")
        );
        assert_eq!(shown("yesterday"), None);
    }

    #[test]
    fn local_zone_is_the_machines() {
        let now = at("2026-11-28T12:00:00Z");
        let then = at("2024-03-12T14:05:00Z");
        let want = then
            .with_timezone(&Local)
            .format("%-d %b %Y %H:%M")
            .to_string();
        assert_eq!(
            shown_date("2024-03-12T14:05:00Z", now, Zone::Local),
            Some(want)
        );
    }

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
