//! `parlor discussions URL`: the post's discussions on Hacker News, Lobsters and Reddit, looked
//! up now (or from the library with `--offline`), listed or printed as JSON.

use crate::elsewhere::{self, keep, site_label};
use crate::store::Store;
use crate::threads::{Completeness, Thread};
use clap::Args;
use url::Url;

/// Arguments of `parlor discussions`.
#[derive(Debug, Args)]
pub struct DiscussionsArgs {
    /// The post's http(s) URL.
    pub url: String,
    /// Print JSON: `[{site, url, title, points, comment_count, comments: [...]}]`.
    #[arg(long)]
    pub json: bool,
    /// Do not ask any site: show the discussions kept in the library.
    #[arg(long)]
    pub offline: bool,
    /// Sites to ask (default: `[discussions] sites` from config, else hn,lobsters,reddit).
    #[arg(long, value_delimiter = ',', value_name = "SITE,…")]
    pub sites: Vec<String>,
}

/// Runs `parlor discussions`; returns the exit code (2 when some site failed).
pub fn run(args: &DiscussionsArgs) -> anyhow::Result<i32> {
    let url = parse_url(&args.url)?;
    let (threads, failures) = find(&url, args.offline, &args.sites)?;
    for f in &failures {
        eprintln!("parlor: {f}");
    }
    let out = if args.json {
        serde_json::to_string_pretty(&keep::threads_json(&threads))? + "\n"
    } else {
        listing(&threads)
    };
    // A closed pipe ends the command quietly (main maps it to exit 0).
    super::out::print(&out)?;
    Ok(if failures.is_empty() { 0 } else { 2 })
}

fn parse_url(s: &str) -> anyhow::Result<Url> {
    match Url::parse(s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(u),
        _ => Err(anyhow::anyhow!(
            "{s} is not an http(s) URL: discussions are looked up by the post's address"
        )),
    }
}

/// The discussions of `url`: looked up now (and kept in the library), or the kept ones when
/// offline. Returns the threads and one message per site that failed.
pub fn find(
    url: &Url,
    offline: bool,
    sites: &[String],
) -> anyhow::Result<(Vec<Thread>, Vec<String>)> {
    let mut store = Store::open_default().ok();
    if offline && store.is_none() {
        anyhow::bail!("the library cannot be opened");
    }
    Ok(keep::find(store.as_mut(), url, offline, sites))
}

/// One line per thread: site, points, comments, title, URL; "no discussions found" when none.
fn listing(threads: &[Thread]) -> String {
    if threads.is_empty() {
        return "No discussions of this post found.\n".to_string();
    }
    let mut out = format!("{}\n", elsewhere::summary(threads));
    for t in threads {
        let points = t
            .points
            .map(|p| format!("{p} points · "))
            .unwrap_or_default();
        let count = t.stated_count.map_or(t.comments.len(), |c| c as usize);
        out.push_str(&format!(
            "{:<9} {points}{count} comments  {}\n          {}\n",
            site_label(&t.provider),
            t.title.as_deref().unwrap_or(""),
            t.url.as_deref().unwrap_or(""),
        ));
        if let Completeness::Partial { reason } = &t.completeness {
            out.push_str(&format!("          partial: {reason}\n"));
        }
    }
    out
}
