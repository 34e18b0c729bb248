//! `parlor login SERVICE`, `parlor logout SERVICE` and `parlor accounts`: signing in to the
//! services parlor posts through as the user (GitHub for giscus/utterances, a Mastodon
//! instance). Tokens are kept by [`crate::auth`] (0600) and never printed.

use crate::auth;
use crate::net::{Client, NetOptions};
use anyhow::{bail, Context as _};
use clap::{Args, ValueEnum};
use std::io::{BufRead as _, Read as _, Write as _};

/// A service parlor signs in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Service {
    /// GitHub (replies on giscus and utterances threads), by GitHub's device flow.
    Github,
    /// Your own Mastodon instance (replies to Mastodon-commented posts), by OAuth.
    Mastodon,
}

impl Service {
    fn key(self) -> &'static str {
        match self {
            Service::Github => "github",
            Service::Mastodon => "mastodon",
        }
    }
}

/// Arguments of `parlor login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The service to sign in to.
    #[arg(value_enum)]
    pub service: Service,
    /// Your Mastodon instance (e.g. mastodon.social); asked for when missing.
    #[arg(long)]
    pub instance: Option<String>,
    /// The GitHub OAuth app's client id to sign in with (default: parlor's own, or
    /// `[providers] github_client_id` in the config).
    #[arg(long)]
    pub client_id: Option<String>,
    /// GitHub: read a personal access token from stdin instead of the device flow (like
    /// `gh auth login --with-token`); a classic token needs scope `public_repo`.
    #[arg(long, conflicts_with = "client_id")]
    pub with_token: bool,
}

/// Arguments of `parlor logout`.
#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// The service to forget.
    #[arg(value_enum)]
    pub service: Service,
}

/// Runs `parlor login`.
pub fn run_login(args: &LoginArgs) -> anyhow::Result<i32> {
    let client = Client::new(NetOptions::default())?;
    let mut say = |line: &str| {
        let mut err = std::io::stderr();
        let _ = writeln!(err, "{line}");
    };
    if args.with_token && args.service != Service::Github {
        bail!("--with-token is for `parlor login github`");
    }
    let account = match args.service {
        Service::Github if args.with_token => {
            let token = read_token()?;
            let hosts = auth::github::Hosts::from_env().map_err(anyhow::Error::msg)?;
            auth::github::with_token(&client, &hosts, &token)
        }
        Service::Github => {
            let config = crate::config::load().map_err(anyhow::Error::msg)?;
            let id = args
                .client_id
                .clone()
                .or(config.providers.github_client_id.clone());
            auth::github::login(&client, id.as_deref(), &mut say)
        }
        Service::Mastodon => {
            let instance = match &args.instance {
                Some(i) => i.clone(),
                None => ask("Your Mastodon instance (e.g. mastodon.social): ")?,
            };
            let mut read = |prompt: &str| ask(prompt).map_err(|e| e.to_string());
            auth::mastodon::login(&client, &instance, &mut read, &mut say)
        }
    }
    .map_err(anyhow::Error::msg)?;
    if account.service == "github" && !auth::github::scope_allows_comments(account.scope.as_deref())
    {
        say(&format!(
            "warning: this token's scopes ({}) do not include public_repo: GitHub will refuse comments made with it",
            account.scope.as_deref().unwrap_or("")
        ));
    }
    let path = auth::save(&account).map_err(anyhow::Error::msg)?;
    let who = account.user.as_deref().unwrap_or("your account");
    println!(
        "signed in to {} as {who}; the token is kept in {} (readable only by you)",
        args.service.key(),
        path.display()
    );
    Ok(0)
}

/// Runs `parlor logout`.
pub fn run_logout(args: &LogoutArgs) -> anyhow::Result<i32> {
    if auth::remove(args.service.key()).map_err(anyhow::Error::msg)? {
        println!("signed out of {}; its token is deleted", args.service.key());
        Ok(0)
    } else {
        println!("not signed in to {}", args.service.key());
        Ok(1)
    }
}

/// Runs `parlor accounts`: the services signed in to, without their tokens.
pub fn run_accounts() -> anyhow::Result<i32> {
    let accounts = auth::list().map_err(anyhow::Error::msg)?;
    if accounts.is_empty() {
        println!("not signed in anywhere (parlor login github | mastodon)");
    }
    for a in accounts {
        let line = format!(
            "{:<9} {:<28} {}",
            a.service,
            a.user.as_deref().unwrap_or("-"),
            a.base
        );
        super::out::print(&format!("{}\n", crate::reply::clean(&line)))?;
    }
    Ok(0)
}

/// The token piped to `parlor login github --with-token` (first line, at most 4 KB); never echoed.
fn read_token() -> anyhow::Result<String> {
    let prompt = std::io::IsTerminal::is_terminal(&std::io::stdin())
        .then_some("Paste a GitHub token and press Enter: ");
    stdin_line(prompt, "reading the token from stdin").and_then(|t| {
        t.ok_or_else(|| {
            anyhow::anyhow!("no token on stdin: run `parlor login github --with-token < token.txt`")
        })
    })
}

fn ask(prompt: &str) -> anyhow::Result<String> {
    stdin_line(Some(prompt), "reading the answer")?
        .ok_or_else(|| anyhow::anyhow!("no answer given"))
}

/// One line from stdin (at most 4 KB), trimmed; `None` when empty. `prompt` goes to stderr.
fn stdin_line(prompt: Option<&str>, what: &'static str) -> anyhow::Result<Option<String>> {
    if let Some(p) = prompt {
        let mut err = std::io::stderr();
        let _ = write!(err, "{p}");
        let _ = err.flush();
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(4096)
        .read_line(&mut line)
        .context(what)?;
    let line = line.trim().to_string();
    Ok((!line.is_empty()).then_some(line))
}
