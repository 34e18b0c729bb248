//! The TOML config file (`config.toml` in the config dir from `directories`) and the app's paths.
//!
//! Lookup order for the file: `$PARLOR_CONFIG` (a file path), `$PARLOR_CONFIG_DIR/config.toml`,
//! then the platform config dir (`ProjectDirs::from("", "", "parlor")`). A missing file means
//! defaults; a broken one gives an error message a person can act on.

mod private;

pub(crate) use private::write_private;
pub use private::{save_identity, take_warning};

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The whole config file. Every section and key is optional. Sections other parts of parlor
/// own (e.g. `[identity]`) are ignored here; unknown keys inside these sections are errors.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    pub layout: LayoutConfig,
    /// Action name (snake_case, as listed by `?`) → the keys that trigger it. A listed action
    /// loses its default keys.
    pub keys: BTreeMap<String, Vec<String>>,
    pub colors: ColorsConfig,
    pub identity: IdentityConfig,
    pub providers: ProvidersConfig,
    pub discussions: DiscussionsConfig,
}

/// `[providers]`: which comment services parlor may ask for a page's script-loaded thread
/// (`disqus = false`, `giscus = false`, …; every one is on by default, since opening a post asks
/// for its comments), and a GitHub token for utterances (raises GitHub's hourly limit).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ProvidersConfig {
    pub github_token: Option<String>,
    /// The GitHub OAuth app client id `parlor login github` signs in with (default: parlor's).
    pub github_client_id: Option<String>,
    /// Provider name → allowed.
    #[serde(flatten)]
    pub enabled: BTreeMap<String, bool>,
}

/// `[discussions]`: looking a post up on Hacker News, Lobsters and Reddit. Looking up a URL tells
/// those sites what you read, so nothing is sent unless asked (the key, the CLI) or `auto`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct DiscussionsConfig {
    /// Look up every post opened (default: only on demand).
    pub auto: bool,
    /// Which sites to ask: "hn", "lobsters", "reddit" (default: all of them).
    pub sites: Vec<String>,
}

/// `[identity]`: who you are when you comment. Sent only to the host of the blog's own form.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct IdentityConfig {
    pub name: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    /// Tick the blog's "save my name, email, and website" box.
    pub remember: bool,
}

/// `[layout]`
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LayoutConfig {
    /// From this many columns on, article and comments are shown side by side.
    pub side_by_side_min_width: u16,
}

impl Default for LayoutConfig {
    fn default() -> Self {
        LayoutConfig {
            side_by_side_min_width: 140,
        }
    }
}

/// `[colors]`: colour names (`cyan`, `light-blue`, `dark-gray`), `#rrggbb` or a 0–255 index.
/// Unset entries keep the default theme, which uses only the terminal's own named colours.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ColorsConfig {
    /// The base theme the entries below patch: "dark" (the default: the terminal's own
    /// named colours) or "light" (dark 256-colour shades that read on a white background).
    pub preset: Option<String>,
    pub accent: Option<String>,
    pub heading: Option<String>,
    pub link: Option<String>,
    pub code: Option<String>,
    pub quote: Option<String>,
    pub dim: Option<String>,
    pub author: Option<String>,
    pub op_badge: Option<String>,
    pub pending: Option<String>,
    pub search_match: Option<String>,
    pub error: Option<String>,
    /// Colours of the thread guide bars, one per depth level (cycled).
    pub guides: Option<Vec<String>>,
}

/// The config file path that `load` reads.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PARLOR_CONFIG") {
        return Some(PathBuf::from(path));
    }
    if let Some(dir) = std::env::var_os("PARLOR_CONFIG_DIR") {
        return Some(PathBuf::from(dir).join("config.toml"));
    }
    project_dirs().map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Where logs go: `$PARLOR_STATE_DIR`, else the platform state dir, else the cache dir.
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PARLOR_STATE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let dirs = project_dirs()?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.cache_dir())
            .to_path_buf(),
    )
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "parlor")
}

/// Loads the config file; a missing file gives the defaults.
pub fn load() -> Result<Config, String> {
    match config_path() {
        Some(path) => load_from(&path),
        None => Ok(Config::default()),
    }
}

/// Loads one config file; a missing file gives the defaults. Every failure (unreadable, not
/// a regular file, too big, not UTF-8, bad TOML) is an error naming the file, and is logged.
/// A config holding an identity or a token that others can read is noted once
/// ([`take_warning`]).
pub fn load_from(path: &Path) -> Result<Config, String> {
    let result = match read_text(path) {
        Ok(Some(text)) => parse(&text).map_err(|e| format!("{}: {e}", path.display())),
        Ok(None) => Ok(Config::default()),
        Err(e) => Err(e),
    };
    match &result {
        Ok(config) => private::check_exposed(path, config),
        Err(e) => tracing::warn!("config: {e}"),
    }
    result
}

/// The biggest config file read (a config is a few kilobytes).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The file's text; `None` when it does not exist.
pub fn read_text(path: &Path) -> Result<Option<String>, String> {
    use std::io::Read as _;
    let shown = path.display();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read the config {shown}: {e}")),
    };
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read the config {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("the config {shown} is not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the config {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!(
            "the config {shown} is larger than {} KiB; parlor does not read it",
            MAX_CONFIG_BYTES / 1024
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("the config {shown} is not UTF-8 text"))
}

/// Parses config text.
pub fn parse(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|e| e.message().to_string())
}

/// The documented default config (also a valid config file).
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/default-config.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_file_parses_to_defaults_for_layout() {
        let config = parse(DEFAULT_CONFIG).expect("default config parses");
        assert_eq!(config.layout.side_by_side_min_width, 140);
        assert_eq!(config.keys.get("quit"), Some(&vec!["q".to_string()]));
    }

    #[test]
    fn unknown_keys_are_errors_but_other_sections_pass() {
        let err = parse("[layout]\nside_by_side = 3\n").expect_err("unknown key");
        assert!(err.contains("unknown field"), "{err}");
        let config = parse("[identity]\nname = \"Ada\"\n[layout]\nside_by_side_min_width = 100\n")
            .expect("other sections are someone else's");
        assert_eq!(config.layout.side_by_side_min_width, 100);
        let err = parse("[layout]\nside_by_side_min_width = \"wide\"\n").expect_err("bad type");
        assert!(err.contains("invalid type"), "{err}");
    }

    #[test]
    fn keys_and_colors_parse() {
        let config =
            parse("[keys]\nscroll_down = [\"n\"]\n[colors]\naccent = \"red\"\n").expect("parses");
        assert_eq!(config.keys["scroll_down"], vec!["n".to_string()]);
        assert_eq!(config.colors.accent.as_deref(), Some("red"));
    }

    /// The only test that touches these variables (tests run in parallel).
    #[test]
    fn env_overrides_pick_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("custom.toml");
        std::fs::write(&file, "[layout]\nside_by_side_min_width = 90\n").expect("write");
        std::fs::write(
            dir.path().join("config.toml"),
            "[layout]\nside_by_side_min_width = 70\n",
        )
        .expect("write");
        std::env::set_var("PARLOR_CONFIG", &file);
        let from_file = load();
        std::env::remove_var("PARLOR_CONFIG");
        std::env::set_var("PARLOR_CONFIG_DIR", dir.path());
        let from_dir = load();
        std::fs::write(dir.path().join("config.toml"), "[layout\n").expect("write");
        let broken = load();
        std::env::remove_var("PARLOR_CONFIG_DIR");
        assert_eq!(from_file.map(|c| c.layout.side_by_side_min_width), Ok(90));
        assert_eq!(from_dir.map(|c| c.layout.side_by_side_min_width), Ok(70));
        let err = broken.expect_err("broken file");
        assert!(
            err.starts_with(&dir.path().join("config.toml").display().to_string()),
            "{err}"
        );
    }

    #[test]
    fn missing_file_gives_defaults() {
        let config = load_from(Path::new("/nonexistent/parlor/config.toml")).expect("defaults");
        assert_eq!(config, Config::default());
    }

    #[test]
    fn providers_switch_off_and_take_a_token() {
        let c = parse("[providers]\ndisqus = false\ngiscus = true\ngithub_token = \"t\"\n")
            .expect("parse");
        assert_eq!(c.providers.enabled.get("disqus"), Some(&false));
        assert_eq!(c.providers.enabled.get("giscus"), Some(&true));
        assert_eq!(c.providers.github_token.as_deref(), Some("t"));
        assert!(parse("[providers]\ndisqus = \"no\"\n").is_err());
        assert_eq!(
            parse("").expect("empty").providers,
            ProvidersConfig::default()
        );
    }
}
