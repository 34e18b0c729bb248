//! `parlor dump SOURCE`: fetch or read a page, extract it, print text, markdown or JSON.

use crate::fetch::load_source;
use crate::format::{self, Part};
use crate::model::Post;
use crate::net::{Client, NetOptions};
use crate::reading;
use crate::store::Store;
use clap::{Args, ValueEnum};
use std::io::IsTerminal as _;
use url::Url;

/// Output formats of `parlor dump`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// Which part of the post `parlor dump` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartArg {
    All,
    Article,
    Comments,
}

impl From<PartArg> for Part {
    fn from(p: PartArg) -> Part {
        match p {
            PartArg::All => Part::All,
            PartArg::Article => Part::Article,
            PartArg::Comments => Part::Comments,
        }
    }
}

/// Arguments of `parlor dump`.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// An http(s) URL, an HTML file, or `-` for stdin.
    pub source: String,
    /// The page's address, for a file or stdin (relative links are resolved against it).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// What to print: the article, the comments, or both.
    #[arg(long, value_enum, default_value = "all")]
    pub part: PartArg,
    /// Wrap text at N columns (default: the terminal's width, or 80 when not a terminal).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Do not touch the network: print the copy kept in the library.
    #[arg(long)]
    pub offline: bool,
    /// Also the post's discussions on Hacker News, Lobsters and Reddit (asks those sites; with
    /// `--offline`, the ones kept in the library).
    #[arg(long)]
    pub discussions: bool,
    /// Say how the page is read instead of printing it: the engine, where the article and the
    /// comments were found, what was skipped and why (paste this into bug reports).
    #[arg(long)]
    pub explain: bool,
}

/// Runs `parlor dump`; returns the process exit code.
pub fn run(args: &DumpArgs) -> anyhow::Result<i32> {
    let base = match &args.base_url {
        Some(s) => Some(
            Url::parse(s).map_err(|e| anyhow::anyhow!("--base-url {s} is not a valid URL: {e}"))?,
        ),
        None => None,
    };
    if args.explain {
        return explain(args, base.as_ref());
    }
    let (post, warnings) = load(args, base.as_ref())?;
    for w in &warnings {
        eprintln!("parlor: warning: {w}");
    }
    let part = Part::from(args.part);
    let discussions = if args.discussions {
        Some(discussions_of(args, &post)?)
    } else {
        None
    };
    let width = args.width.unwrap_or_else(output_width);
    let mut out = match args.format {
        Format::Text => format::to_text(&post, part, width),
        Format::Markdown => format::to_markdown(&post, part),
        Format::Json if discussions.is_none() => format::to_json_pretty(&post, part)?,
        Format::Json => {
            let mut value = format::to_json(&post, part);
            if let (Some(threads), Some(obj)) = (&discussions, value.as_object_mut()) {
                obj.insert(
                    "discussions".into(),
                    crate::elsewhere::keep::threads_json(threads),
                );
            }
            serde_json::to_string_pretty(&value)?
        }
    };
    if let (Some(threads), Format::Text | Format::Markdown) = (&discussions, args.format) {
        out.push_str(&crate::elsewhere::text::threads_text(threads, width));
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // `parlor dump … | head` closing the pipe early is not an error (main maps it to exit 0).
    super::out::print(&out)?;
    // The process ends here: the system takes the post back faster than freeing its
    // thousands of strings one by one would.
    std::mem::forget(post);
    std::mem::forget(out);
    Ok(0)
}

/// `parlor dump --explain`: reads the page itself (a URL from the network, with its comment
/// pages; a file or stdin as it is) and prints how it is read.
fn explain(args: &DumpArgs, base: Option<&Url>) -> anyhow::Result<i32> {
    if args.offline {
        anyhow::bail!("--explain reads the page itself: it cannot be used with --offline");
    }
    let (html, url, notes) = match Url::parse(&args.source) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            let client = Client::new(NetOptions::default())?;
            let fetched = crate::fetch::fetch_post(&client, &u)
                .map_err(|e| anyhow::anyhow!("could not fetch {u}: {e}"))?;
            let mut notes = fetched.warnings;
            if fetched.pages.len() > 1 {
                notes.push(format!(
                    "followed {} comment page(s): {} comments in all",
                    fetched.pages.len() - 1,
                    fetched.post.comments.len()
                ));
            }
            let (html, url) = fetched
                .pages
                .into_iter()
                .next()
                .map_or((String::new(), u), |p| (p.html, p.final_url));
            (html, url, notes)
        }
        _ => {
            let (bytes, default_base) = read_local(&args.source)?;
            let url = base.cloned().unwrap_or(default_base);
            (crate::net::decode_html(&bytes, None), url, Vec::new())
        }
    };
    let mut ex = crate::extract::explain::explain(&html, &url);
    ex.notes.extend(notes);
    let mut out = match args.format {
        Format::Json => serde_json::to_string_pretty(&ex)?,
        Format::Text | Format::Markdown => ex.to_text(),
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // `parlor dump … | head` closing the pipe early is not an error (main maps it to exit 0).
    super::out::print(&out)?;
    Ok(0)
}

/// A file's bytes (or stdin's, for `-`) and its `file://` URL.
fn read_local(source: &str) -> anyhow::Result<(Vec<u8>, Url)> {
    use std::io::Read as _;
    if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| anyhow::anyhow!("could not read stdin: {e}"))?;
        let url = Url::parse("file:///dev/stdin")?;
        return Ok((bytes, url));
    }
    let path = match Url::parse(source) {
        Ok(u) if u.scheme() == "file" => u
            .to_file_path()
            .map_err(|()| anyhow::anyhow!("{source} is not a valid file address"))?,
        _ => std::path::PathBuf::from(source),
    };
    let bytes =
        std::fs::read(&path).map_err(|e| anyhow::anyhow!("could not read {source}: {e}"))?;
    let abs = std::fs::canonicalize(&path).unwrap_or(path);
    let url = Url::from_file_path(&abs)
        .map_err(|()| anyhow::anyhow!("{source}: no file URL for this path"))?;
    Ok((bytes, url))
}

/// A URL goes through the library (stored on success; the stored copy when offline or when the
/// network fails); files and stdin are read as they are. A store that cannot be opened is a
/// warning, not a failure, unless `--offline` needs it.
fn load(args: &DumpArgs, base: Option<&Url>) -> anyhow::Result<(Post, Vec<String>)> {
    let url = match Url::parse(&args.source) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u,
        _ => {
            let loaded = load_source(None, &args.source, base)?;
            return Ok((loaded.post, loaded.warnings));
        }
    };
    let mut store = match Store::open_default() {
        Ok(store) => store,
        Err(e) if !args.offline => {
            let loaded = load_source(None, &args.source, base)?;
            let mut warnings = loaded.warnings;
            warnings.push(format!("not kept for offline reading: {e}"));
            return Ok((loaded.post, warnings));
        }
        Err(e) => return Err(e.into()),
    };
    let client = if args.offline {
        None
    } else {
        Some(Client::new(NetOptions::default())?)
    };
    let opened = reading::open(
        client.as_ref(),
        &mut store,
        &url,
        args.offline,
        reading::now(),
    )?;
    Ok((opened.post, opened.warnings))
}

/// The post's discussions elsewhere, for `--discussions` (needs the post's URL).
fn discussions_of(args: &DumpArgs, post: &Post) -> anyhow::Result<Vec<crate::threads::Thread>> {
    let url = post
        .canonical_url
        .as_deref()
        .or(Some(post.url.as_str()))
        .and_then(|u| Url::parse(u).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| {
            anyhow::anyhow!("--discussions needs the post's address: give a URL or --base-url")
        })?;
    let (threads, failures) = crate::cli::discussions::find(&url, args.offline, &[])?;
    for f in failures {
        eprintln!("parlor: warning: {f}");
    }
    Ok(threads)
}

/// The terminal's width when stdout is one, else 80.
fn output_width() -> usize {
    if std::io::stdout().is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            if cols > 0 {
                return usize::from(cols);
            }
        }
    }
    80
}
