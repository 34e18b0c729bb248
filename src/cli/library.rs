//! `parlor library`, `parlor prune`, `parlor drafts`, `parlor outbox`: the offline store seen
//! from the command line.

use crate::store::{Draft, LibraryEntry, OutboxEntry, Store};
use anyhow::Context;
use clap::Args;
use unicode_width::UnicodeWidthChar;

/// Arguments of `parlor library`.
#[derive(Debug, Args)]
pub struct LibraryArgs {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `parlor prune`.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Remove posts last read longer ago than this: N followed by h (hours), d (days) or w (weeks),
    /// e.g. 90d. Posts with a draft or an unsent reply are kept.
    #[arg(long, value_name = "AGE", value_parser = parse_age)]
    pub older_than: i64,
}

/// Arguments of `parlor drafts`.
#[derive(Debug, Args)]
pub struct DraftsArgs {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `parlor outbox`.
#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(subcommand)]
    pub action: Option<OutboxAction>,
}

/// `parlor outbox` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum OutboxAction {
    /// Retry every queued reply now (each thread is re-fetched first: nothing posts twice).
    Send,
}

/// Parses an age like `90d`, `2w` or `12h` into seconds.
pub fn parse_age(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let bad = || format!("{s:?} is not an age: write a number and h, d or w (e.g. 90d)");
    let unit = s.chars().last().ok_or_else(bad)?;
    let factor: i64 = match unit {
        'h' | 'H' => 3_600,
        'd' | 'D' => 86_400,
        'w' | 'W' => 7 * 86_400,
        _ => return Err(bad()),
    };
    let n: i64 = s[..s.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    if n < 0 {
        return Err(bad());
    }
    n.checked_mul(factor)
        .ok_or_else(|| format!("{s:?} is too long an age"))
}

fn open() -> anyhow::Result<Store> {
    Store::open_default().context("cannot open parlor's store")
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Runs `parlor library`.
pub fn run_library(args: &LibraryArgs) -> anyhow::Result<i32> {
    let entries = open()?.library()?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&entries)?);
    } else if entries.is_empty() {
        outln!("The library is empty: posts you read with `parlor URL` are kept here.");
    } else {
        out!("{}", library_table(&entries, now()));
    }
    Ok(0)
}

/// The library as a text table (one line per post, newest read first).
pub fn library_table(entries: &[LibraryEntry], now: i64) -> String {
    let mut out = format!(
        "{:<12}  {:<20}  {:<50}  {:>8}  {:>5}\n",
        "READ", "SITE", "TITLE", "COMMENTS", "NEW"
    );
    for e in entries {
        let read = e
            .last_read
            .map_or_else(|| "not yet".into(), |t| ago(t, now));
        out.push_str(&format!(
            "{:<12}  {}  {}  {:>8}  {:>5}\n",
            read,
            fit(&e.site, 20),
            fit(&e.title, 50),
            e.comment_count,
            e.new_count
        ));
    }
    out
}

/// Runs `parlor prune --older-than AGE`.
pub fn run_prune(args: &PruneArgs) -> anyhow::Result<i32> {
    let removed = open()?.prune_older_than(now().saturating_sub(args.older_than))?;
    let noun = if removed == 1 { "post" } else { "posts" };
    outln!("Removed {removed} {noun}.");
    Ok(0)
}

/// Runs `parlor drafts`.
pub fn run_drafts(args: &DraftsArgs) -> anyhow::Result<i32> {
    let drafts = open()?.list_drafts()?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&drafts)?);
    } else if drafts.is_empty() {
        outln!("No drafts.");
    } else {
        out!("{}", drafts_table(&drafts, now()));
    }
    Ok(0)
}

/// Drafts as a text table: when, post, parent comment, first line.
pub fn drafts_table(drafts: &[Draft], now: i64) -> String {
    let mut out = format!(
        "{:<12}  {:<40}  {:<10}  {}\n",
        "UPDATED", "POST", "PARENT", "FIRST LINE"
    );
    for d in drafts {
        let post = d.post_title.as_deref().unwrap_or(&d.post_key);
        let parent = d
            .parent_id
            .as_deref()
            .map_or("(post)".into(), |p| format!("#{p}"));
        let first = d.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        out.push_str(&format!(
            "{:<12}  {}  {}  {}\n",
            ago(d.updated_at, now),
            fit(post, 40),
            fit(&parent, 10),
            fit(first.trim(), 60).trim_end()
        ));
    }
    out
}

/// Runs `parlor outbox`.
pub fn run_outbox(args: &OutboxArgs) -> anyhow::Result<i32> {
    if let Some(OutboxAction::Send) = args.action {
        return super::reply::run_send();
    }
    let entries = open()?.outbox()?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&entries)?);
    } else if entries.is_empty() {
        outln!("The outbox is empty.");
    } else {
        out!("{}", outbox_table(&entries, now()));
    }
    Ok(0)
}

/// Outbox entries as a text table: id, state, attempts, age, post, last error.
pub fn outbox_table(entries: &[OutboxEntry], now: i64) -> String {
    let mut out = format!(
        "{:>4}  {:<8}  {:>5}  {:<12}  {:<40}  {}\n",
        "ID", "STATE", "TRIES", "CREATED", "POST", "LAST ERROR"
    );
    for e in entries {
        out.push_str(&format!(
            "{:>4}  {:<8}  {:>5}  {:<12}  {}  {}\n",
            e.id,
            e.state.as_str(),
            e.attempts,
            ago(e.created_at, now),
            fit(&e.post_key, 40),
            fit(&last_error(e), 60).trim_end()
        ));
    }
    out
}

/// What `parlor outbox` shows as an entry's last error: the error, or what its state means.
fn last_error(e: &OutboxEntry) -> String {
    use crate::store::OutboxState as S;
    match (&e.last_error, e.state) {
        (Some(err), _) if !err.trim().is_empty() => err.clone(),
        (_, S::Queued) => "not tried yet".into(),
        (_, S::Sending) => "being sent".into(),
        (_, S::Sent) => "-".into(),
        (_, S::Failed) => "failed (no details)".into(),
    }
}

/// How long ago `then` was, short: "just now", "5 min ago", "3 h ago", "2 d ago", or the
/// date (UTC) after a week.
pub fn ago(then: i64, now: i64) -> String {
    let secs = now.saturating_sub(then);
    match secs {
        i64::MIN..=59 => "just now".into(),
        60..=3_599 => format!("{} min ago", secs / 60),
        3_600..=86_399 => format!("{} h ago", secs / 3_600),
        86_400..=604_799 => format!("{} d ago", secs / 86_400),
        _ => chrono::DateTime::from_timestamp(then, 0)
            .map_or_else(|| "long ago".into(), |d| d.format("%Y-%m-%d").to_string()),
    }
}

/// `s` without control characters, cut (with "…") or padded to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    let clean: Vec<char> = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let total: usize = clean.iter().map(|c| c.width().unwrap_or(0)).sum();
    let mut out = String::new();
    let mut used = 0;
    if total <= width {
        out.extend(clean);
        used = total;
    } else {
        for c in clean {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_parse() {
        assert_eq!(parse_age("90d"), Ok(90 * 86_400));
        assert_eq!(parse_age("2w"), Ok(14 * 86_400));
        assert_eq!(parse_age("12h"), Ok(12 * 3_600));
        assert_eq!(parse_age("0d"), Ok(0));
        assert!(parse_age("90").is_err());
        assert!(parse_age("d").is_err());
        assert!(parse_age("-3d").is_err());
        assert!(parse_age("3m").is_err());
        assert!(parse_age("").is_err());
        assert!(parse_age("99999999999999999w").is_err());
    }

    #[test]
    fn ago_is_short() {
        assert_eq!(ago(1_000, 1_030), "just now");
        assert_eq!(ago(0, 300), "5 min ago");
        assert_eq!(ago(0, 3 * 3_600 + 5), "3 h ago");
        assert_eq!(ago(0, 2 * 86_400), "2 d ago");
        assert_eq!(ago(1_700_000_000, 1_800_000_000), "2023-11-14");
    }

    #[test]
    fn fit_cuts_pads_and_cleans() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 5), "abcd…");
        assert_eq!(fit("a\u{1b}[31mb", 8), "a [31mb ");
        assert_eq!(fit("日本語です", 6), "日本… ");
    }
}
