//! `parlor reply URL` and `parlor outbox send`: post a comment from a script, retry the outbox.
//! Exit codes tell the outcomes apart (see [`exit`]).

use crate::net::{Client, NetOptions};
use crate::posting::{self, PostError, Posted, Submission};
use crate::reading;
use crate::reply::Identity;
use crate::store::Store;
use anyhow::Context as _;
use clap::Args;
use url::Url;

/// Exit codes of `parlor reply` (and `outbox send`).
pub mod exit {
    /// Published: the comment is public.
    pub const PUBLISHED: i32 = 0;
    /// Failed: refused by the blog or by parlor (the message says why); the draft is kept.
    pub const FAILED: i32 = 1;
    /// Held for moderation by the blog.
    pub const PENDING: i32 = 10;
    /// Not sent now (offline, timeout, 5xx, 429): queued in the outbox.
    pub const QUEUED: i32 = 11;
}

/// Arguments of `parlor reply`.
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// The post's URL.
    pub url: String,
    /// The blog id of the comment to answer (omit for a top-level comment).
    #[arg(long, value_name = "ID")]
    pub parent: Option<String>,
    /// File with the comment text (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    pub body_file: String,
    /// Your name (default: `[identity] name` in config.toml).
    #[arg(long)]
    pub name: Option<String>,
    /// Your email (default: `[identity] email`).
    #[arg(long)]
    pub email: Option<String>,
    /// Your website (default: `[identity] url`).
    #[arg(long)]
    pub url_field: Option<String>,
    /// Send even when the post (or its form) moved to another site than URL's: by default
    /// your name, email and text go only to the site (scheme, host, port) of URL.
    #[arg(long)]
    pub allow_moved: bool,
}

/// Runs `parlor reply`.
pub fn run(args: &ReplyArgs) -> anyhow::Result<i32> {
    let body = read_body(&args.body_file)?;
    let url = Url::parse(&args.url).with_context(|| format!("{} is not a valid URL", args.url))?;
    let configured = match crate::config::load() {
        Ok(config) => config.identity,
        Err(e) => {
            // Said (and logged by the loader): name or email may be missing because of it.
            eprintln!("parlor: warning: the config could not be used, so your name and email were not read from it: {e}");
            crate::config::IdentityConfig::default()
        }
    };
    let identity = Identity {
        name: args.name.clone().or(configured.name),
        email: args.email.clone().or(configured.email),
        url: args.url_field.clone().or(configured.url),
    };
    let mut store = Store::open_default()?;
    let client = Client::new(NetOptions::default())?;
    let opened = reading::open(Some(&client), &mut store, &url, false, reading::now())?;
    let sub = Submission {
        post: &opened.post,
        parent: args.parent.as_deref(),
        body: &body,
        identity: &identity,
        consent: false,
    };
    if let Some(p) = sub.parent {
        if opened.post.comment_index(p).is_none() {
            anyhow::bail!(
                "there is no comment {p} on {url} (see `parlor dump --format json {url}`)"
            );
        }
    }
    let to = posting::ReplyTo {
        url: url.as_str(),
        allow_moved: args.allow_moved,
    };
    match posting::submit_to(&client, &mut store, &sub, to, reading::now()) {
        Ok(posted) => report(&posted),
        Err(PostError::Rejected { message, .. }) => {
            eprintln!("parlor: the blog refused the comment: {message} (the draft is kept: parlor drafts)");
            Ok(exit::FAILED)
        }
        Err(PostError::InBrowser(why)) => {
            eprintln!("parlor: reply in browser: {why}. Nothing was sent; open {url} in a browser to reply (the draft is kept: parlor drafts)");
            Ok(exit::FAILED)
        }
        Err(PostError::Moved { asked, landed }) => {
            eprintln!(
                "parlor: {url} moved to another site: {asked} sends you to {landed}. Nothing was sent: your name, email and text go only to {asked}. To send them to {landed}, run the command again with --allow-moved (the draft is kept: parlor drafts)"
            );
            Ok(exit::FAILED)
        }
        Err(e) => {
            eprintln!("parlor: {e} (the draft is kept: parlor drafts)");
            Ok(exit::FAILED)
        }
    }
}

fn report(posted: &Posted) -> anyhow::Result<i32> {
    Ok(match posted {
        Posted::Published { id, url } => {
            outln!("published: comment {id} {url}");
            exit::PUBLISHED
        }
        Posted::Pending { id, url } => {
            outln!("held for moderation: comment {id} {url}");
            exit::PENDING
        }
        Posted::Queued { outbox_id, reason } => {
            outln!("queued in the outbox (#{outbox_id}): {reason}; `parlor outbox send` retries");
            exit::QUEUED
        }
    })
}

fn read_body(path: &str) -> anyhow::Result<String> {
    use crate::net::local::{read_file_string, read_limited, MAX_SMALL};
    let text = if path == "-" {
        String::from_utf8(read_limited(std::io::stdin(), MAX_SMALL, "stdin")?)
            .context("could not read stdin: not UTF-8 text")?
    } else {
        read_file_string(std::path::Path::new(path), MAX_SMALL)
            .with_context(|| format!("could not read {path}"))?
    };
    if text.trim().is_empty() {
        anyhow::bail!("the comment text is empty");
    }
    Ok(text.trim_end().to_string())
}

/// Runs `parlor outbox send`: retries every queued reply; exit 0 when none is left queued.
pub fn run_send() -> anyhow::Result<i32> {
    let mut store = Store::open_default()?;
    let client = Client::new(NetOptions::default())?;
    let results = posting::send_outbox(&client, &mut store, None, reading::now());
    if results.is_empty() {
        outln!("Nothing to send: the outbox is empty.");
        return Ok(0);
    }
    let mut worst = 0;
    for r in &results {
        match &r.result {
            Ok(posted) if r.found_existing => {
                outln!(
                    "#{}: already on the blog (an earlier try got through); not sent again",
                    r.id
                );
                let _ = posted;
            }
            Ok(posted) => {
                out!("#{}: ", r.id);
                worst = worst.max(report(posted)?);
            }
            Err(e) => {
                outln!("#{}: not sent: {e}", r.id);
                worst = exit::QUEUED;
            }
        }
    }
    Ok(worst)
}
