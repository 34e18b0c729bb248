//! `parlor add | remove | blogs | posts | import | export-opml | refresh | replies`: following
//! blogs from the command line.

use super::library::{ago, fit};
use crate::blogs::{self, first_line};
use crate::net::{Client, NetOptions};
use crate::store::{BlogSummary, ReplyRecord, Store, StoredItem};
use anyhow::Context as _;
use clap::Args;
use url::Url;

/// Arguments of `parlor add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The blog's home page, one of its posts, or its feed.
    pub url: String,
}

/// Arguments of `parlor remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The blog's URL or its feed URL (as `parlor blogs` shows them).
    pub url: String,
}

/// Arguments of `parlor blogs`, `parlor replies`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `parlor posts`.
#[derive(Debug, Args)]
pub struct PostsArgs {
    /// Only this blog's posts (its URL or feed URL); all blogs when omitted.
    pub blog: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `parlor import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An OPML file (as exported by feed readers).
    pub file: String,
}

/// Arguments of `parlor replies`.
#[derive(Debug, Args)]
pub struct RepliesArgs {
    /// Print a JSON array instead of a list.
    #[arg(long)]
    pub json: bool,
    /// Mark every listed reply as seen.
    #[arg(long)]
    pub mark_seen: bool,
}

fn open() -> anyhow::Result<Store> {
    Store::open_default().context("cannot open parlor's store")
}

fn now() -> i64 {
    crate::reading::now()
}

/// Runs `parlor add URL`.
pub fn run_add(args: &AddArgs) -> anyhow::Result<i32> {
    let url =
        Url::parse(args.url.trim()).with_context(|| format!("{} is not a valid URL", args.url))?;
    let client = Client::new(NetOptions::default())?;
    let mut store = open()?;
    let sub = blogs::subscribe(&client, &mut store, &url, now())?;
    let s = &sub.subscription;
    outln!(
        "Following {} ({}): {} posts in its feed {}",
        s.title,
        s.url,
        sub.posts,
        s.feed_url
    );
    Ok(0)
}

/// Runs `parlor remove URL`.
pub fn run_remove(args: &RemoveArgs) -> anyhow::Result<i32> {
    let mut store = open()?;
    match blogs::unsubscribe(&mut store, &args.url)? {
        Some(sub) => {
            outln!("No longer following {} ({}).", sub.title, sub.url);
            Ok(0)
        }
        None => anyhow::bail!(
            "not following {}: `parlor blogs` lists the blogs you follow",
            args.url
        ),
    }
}

/// Runs `parlor blogs`.
pub fn run_blogs(args: &ListArgs) -> anyhow::Result<i32> {
    let blogs = open()?.blog_summaries()?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&blogs)?);
    } else if blogs.is_empty() {
        outln!("You follow no blogs yet: `parlor add URL` follows one.");
    } else {
        out!("{}", blogs_table(&blogs, now()));
    }
    Ok(0)
}

/// Blogs as a text table: title, posts, unread, new posts, new comments, last check or error.
pub fn blogs_table(blogs: &[BlogSummary], now: i64) -> String {
    let mut out = format!(
        "{:<30}  {:>5}  {:>6}  {:>4}  {:>8}  {:<12}  {}\n",
        "BLOG", "POSTS", "UNREAD", "NEW", "COMMENTS", "CHECKED", "FEED"
    );
    for b in blogs {
        let checked = b.checked_at.map_or_else(|| "never".into(), |t| ago(t, now));
        out.push_str(&format!(
            "{}  {:>5}  {:>6}  {:>4}  {:>8}  {:<12}  {}\n",
            fit(&b.title, 30),
            b.posts,
            b.unread,
            b.new_posts,
            b.new_comments,
            checked,
            b.feed_url
        ));
        if let Some(err) = &b.last_error {
            out.push_str(&format!("    last refresh failed: {err}\n"));
        }
    }
    out
}

/// Runs `parlor posts [BLOG]`.
pub fn run_posts(args: &PostsArgs) -> anyhow::Result<i32> {
    let store = open()?;
    let sub = match &args.blog {
        Some(b) => Some(
            blogs::find_subscription(&store, b)?
                .with_context(|| format!("not following {b}: `parlor add {b}` follows it"))?,
        ),
        None => None,
    };
    let items = store.feed_items(sub.as_ref().map(|s| s.url.as_str()))?;
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&items)?);
    } else if items.is_empty() {
        outln!("No posts yet: `parlor refresh` fetches the feeds.");
    } else {
        out!("{}", posts_table(&items));
    }
    Ok(0)
}

/// Feed posts as a text table: a mark (N new post, * unread), date, comments (+new), title, URL.
pub fn posts_table(items: &[StoredItem]) -> String {
    let mut out = format!(
        "{:<1}  {:<10}  {:>8}  {:<50}  {}\n",
        "", "DATE", "COMMENTS", "TITLE", "URL"
    );
    for i in items {
        let mark = if i.is_new {
            "N"
        } else if !i.read {
            "*"
        } else {
            " "
        };
        let date = i.published.as_deref().unwrap_or("").get(..10).unwrap_or("");
        let comments = match (i.comment_count, i.new_comments) {
            (None, _) => String::new(),
            (Some(n), 0) => n.to_string(),
            (Some(n), new) => format!("{n} (+{new})"),
        };
        out.push_str(&format!(
            "{mark}  {date:<10}  {comments:>8}  {}  {}\n",
            fit(&i.title, 50),
            i.url
        ));
    }
    out
}

/// Runs `parlor import FILE.opml`.
pub fn run_import(args: &ImportArgs) -> anyhow::Result<i32> {
    let text = crate::net::local::read_file_string(
        std::path::Path::new(&args.file),
        crate::net::local::MAX_PAGE,
    )
    .with_context(|| format!("cannot read {}", args.file))?;
    let mut store = open()?;
    let (added, known) = blogs::import_opml(&mut store, &text, now())?;
    let skipped = skipped_outlines(&text);
    if !skipped.is_empty() {
        let shown: Vec<&str> = skipped.iter().take(5).map(String::as_str).collect();
        let more = skipped.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        eprintln!(
            "parlor: skipped {} outline(s) whose feed is not an http(s) address: {}{more}",
            skipped.len(),
            shown.join(", ")
        );
    }
    if added == 0 && known == 0 {
        anyhow::bail!(
            "{} lists no http(s) feeds (no <outline xmlUrl=\"https://…\">)",
            args.file
        );
    }
    outln!(
        "Imported {added} blogs ({known} already followed); `parlor refresh` fetches their posts."
    );
    Ok(0)
}

/// The `xmlUrl`s of outlines an import skips (not http or https), made safe to print.
pub fn skipped_outlines(opml: &str) -> Vec<String> {
    let doc = crate::extract::parse(opml);
    let Ok(outline) = scraper::Selector::parse("outline[xmlurl]") else {
        return Vec::new();
    };
    doc.select(&outline)
        .filter_map(|el| el.value().attr("xmlurl"))
        .filter(|u| !Url::parse(u.trim()).is_ok_and(|u| matches!(u.scheme(), "http" | "https")))
        .map(|u| {
            let safe = crate::extract::sanitize::line(u);
            if safe.is_empty() {
                "(empty)".to_string()
            } else {
                fit(&safe, 60).trim_end().to_string()
            }
        })
        .collect()
}

/// Runs `parlor export-opml` (to stdout).
pub fn run_export_opml() -> anyhow::Result<i32> {
    let opml = blogs::export_opml(&open()?)?;
    super::out::print(&opml)?;
    Ok(0)
}

/// Runs `parlor refresh`: progress on stderr, a summary line on stdout. Exit 0, or 2 when
/// some blogs or threads failed (the others are refreshed all the same).
pub fn run_refresh() -> anyhow::Result<i32> {
    let client = Client::new(NetOptions::default())?;
    let mut store = open()?;
    let report = blogs::refresh_all(&client, &mut store, now(), |done, total, label| {
        eprintln!("[{done}/{total}] {label}");
    });
    for (url, err) in &report.errors {
        eprintln!("failed: {url}: {err}");
    }
    outln!("{}", report.summary());
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}

/// Runs `parlor replies`.
pub fn run_replies(args: &RepliesArgs) -> anyhow::Result<i32> {
    let mut store = open()?;
    let replies = store.replies()?;
    if args.json {
        let rows: Vec<serde_json::Value> = replies.iter().map(reply_json).collect();
        outln!("{}", serde_json::to_string_pretty(&rows)?);
    } else if replies.is_empty() {
        outln!("No replies to your comments yet (`parlor refresh` looks for them).");
    } else {
        out!("{}", replies_list(&replies));
    }
    if args.mark_seen {
        store.mark_replies_seen(None)?;
    }
    Ok(0)
}

/// One reply as `parlor replies --json` prints it.
pub fn reply_json(r: &ReplyRecord) -> serde_json::Value {
    serde_json::json!({
        "author": r.author,
        "published": r.published,
        "published_text": r.published_text,
        "post_title": r.post_title,
        "post_url": r.post_key,
        "comment_id": r.comment_id,
        "parent_id": r.parent_id,
        "first_line": first_line(&r.text),
        "text": r.text,
        "url": r.permalink,
        "seen": r.seen,
    })
}

/// Replies as text: one block per reply, newest first; unseen ones marked `new`.
pub fn replies_list(replies: &[ReplyRecord]) -> String {
    let mut out = String::new();
    for r in replies {
        let when = r
            .published
            .as_deref()
            .or(r.published_text.as_deref())
            .unwrap_or("");
        let mark = if r.seen { "" } else { " [new]" };
        out.push_str(&format!(
            "{} on \"{}\" ({when}){mark}\n  {}\n  {}\n",
            r.author,
            r.post_title,
            first_line(&r.text),
            r.permalink
        ));
    }
    out
}
