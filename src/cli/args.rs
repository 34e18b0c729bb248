//! The command line of `parlor` (clap): the subcommands and the reader's arguments. Kept in the
//! library so completions and the man page are generated from the same definitions.

use super::{blogs, discussions, dump, export, library, login, reply, shell};
use clap::{Parser, Subcommand};

/// A terminal reader for blog posts and their comment threads.
#[derive(Debug, Parser)]
#[command(
    name = "parlor",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A post to read: an http(s) URL or an HTML file. Without one, parlor opens the library
    /// (or the built-in welcome post when the library is empty).
    pub source: Option<String>,
    /// Do not touch the network: show stored copies only.
    #[arg(long)]
    pub offline: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a post and its comments as text, markdown or JSON.
    Dump(dump::DumpArgs),
    /// The post's discussions on Hacker News, Lobsters and Reddit (asks those sites).
    Discussions(discussions::DiscussionsArgs),
    /// A post and its whole thread from the library (offline), as Markdown or JSON.
    Export(export::ExportArgs),
    /// Post a comment or a reply through the blog's own form (exit 0 published, 10 held for
    /// moderation, 11 queued in the outbox, 1 failed).
    Reply(reply::ReplyArgs),
    /// List the stored posts, most recently read first.
    Library(library::LibraryArgs),
    /// Remove stored posts not read for a while (e.g. --older-than 90d).
    Prune(library::PruneArgs),
    /// List unsent drafts.
    Drafts(library::DraftsArgs),
    /// List replies waiting to be sent, with their state and last error.
    Outbox(library::OutboxArgs),
    /// Follow a blog: its home page, one of its posts, or its feed.
    Add(blogs::AddArgs),
    /// Stop following a blog (its URL or feed URL).
    Remove(blogs::RemoveArgs),
    /// List the blogs you follow with their post counts and last refresh.
    Blogs(blogs::ListArgs),
    /// List the posts of the blogs you follow (N new, * unread, +new comments).
    Posts(blogs::PostsArgs),
    /// Follow every blog of an OPML file.
    Import(blogs::ImportArgs),
    /// Print the blogs you follow as OPML.
    ExportOpml,
    /// Refresh every blog and every thread you commented on (exit 2 when some failed).
    Refresh,
    /// Replies to your comments, newest first.
    Replies(blogs::RepliesArgs),
    /// Sign in to GitHub (replies on giscus/utterances) or your Mastodon instance.
    Login(login::LoginArgs),
    /// Forget a signed-in account and delete its token.
    Logout(login::LogoutArgs),
    /// List the accounts parlor is signed in to (tokens are never shown).
    Accounts,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(shell::CompletionsArgs),
    /// Print the man page (roff), e.g. `parlor man > ~/.local/share/man/man1/parlor.1`.
    Man,
}

/// Only the subcommands: parsing a stray word with it gives clap's "did you mean".
#[derive(Debug, Parser)]
#[command(name = "parlor")]
struct SubcommandOnly {
    #[command(subcommand)]
    command: Command,
}

/// Checks the reader's SOURCE: an http(s) URL, `-`, an existing file or a `file://` URL pass;
/// any other word is an error, with clap's suggestion when it looks like a subcommand.
pub fn check_source(source: &str) -> Result<(), String> {
    let lower = source.to_ascii_lowercase();
    let url_like = ["http://", "https://", "file://"]
        .iter()
        .any(|p| lower.starts_with(p));
    if url_like || source == "-" || std::path::Path::new(source).exists() {
        return Ok(());
    }
    if let Err(e) = SubcommandOnly::try_parse_from(["parlor", source]) {
        let text = e.render().to_string();
        if text.contains("similar") {
            return Err(text.trim_end().to_string());
        }
    }
    let path_like = source.starts_with(['/', '.', '~'])
        || [".html", ".htm", ".xhtml"]
            .iter()
            .any(|ext| source.to_ascii_lowercase().ends_with(ext));
    if path_like {
        return Err(format!("error: cannot open {source}: no such file"));
    }
    let hint = if source.contains('.') && !source.contains(' ') {
        format!("for a web page give its whole address (https://{source})")
    } else {
        "`parlor --help` lists the subcommands".to_string()
    };
    Err(format!(
        "error: {source:?} is neither a subcommand, an http(s) address nor an existing file\n\n  tip: {hint}"
    ))
}

/// Before the reader starts with `--offline` and a URL: the post must be in the library, or
/// there is nothing to show (an error, exit 1, instead of an empty reader).
pub fn check_offline(source: &str) -> anyhow::Result<()> {
    let Ok(url) = url::Url::parse(source) else {
        return Ok(());
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Ok(());
    }
    let store = crate::store::Store::open_default()?;
    if store
        .load_pages(&crate::store::post_key(url.as_str()))?
        .is_none()
    {
        anyhow::bail!("{url} is not in the library yet; open it once online first");
    }
    Ok(())
}
