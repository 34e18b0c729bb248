//! The TOML config file (`config.toml` in the config dir from `directories`) and the app's paths.
//!
//! Lookup order for the file: `$PARLOR_CONFIG` (a file path), `$PARLOR_CONFIG_DIR/config.toml`,
//! then the platform config dir (`ProjectDirs::from("", "", "parlor")`). A missing file means
//! defaults; a broken one gives an error message a person can act on.

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

/// Loads one config file; a missing file gives the defaults.
pub fn load_from(path: &Path) -> Result<Config, String> {
    match crate::net::local::read_file_string(path, crate::net::local::MAX_SMALL) {
        Ok(text) => parse(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Parses config text.
pub fn parse(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|e| e.message().to_string())
}

/// Writes `[identity]` into the config file (created 0600 if missing), keeping every other
/// line as it is; an existing `[identity]` section is replaced. The file is private (0600)
/// afterwards, since it holds an email address.
pub fn save_identity(path: &Path, identity: &IdentityConfig) -> Result<(), String> {
    let old = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let text = with_identity(&old, identity);
    parse(&text)
        .map_err(|e| format!("{}: would not be valid after saving: {e}", path.display()))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let tmp = path.with_extension("toml.tmp");
    write_private(&tmp, &text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut file = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// The config text with its `[identity]` section replaced (or appended).
fn with_identity(old: &str, id: &IdentityConfig) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in old.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            skipping = t == "[identity]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str("[identity]\n");
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    for (key, value) in [("name", &id.name), ("email", &id.email), ("url", &id.url)] {
        if let Some(v) = value {
            out.push_str(&format!("{key} = {}\n", quote(v)));
        }
    }
    out.push_str(&format!("remember = {}\n", id.remember));
    out
}

/// The documented default config (also a valid config file).
pub const DEFAULT_CONFIG: &str = include_str!("../assets/default-config.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_is_saved_privately_and_keeps_other_lines() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\n[layout]\nside_by_side_min_width = 120\n[identity]\nname = \"Old\"\n[keys]\nquit = [\"x\"]\n")
            .expect("write");
        let id = IdentityConfig {
            name: Some("Ada \"L\"".into()),
            email: Some("ada@example.test".into()),
            url: None,
            remember: true,
        };
        save_identity(&path, &id).expect("save");
        let config = load_from(&path).expect("load");
        assert_eq!(config.identity, id);
        assert_eq!(config.layout.side_by_side_min_width, 120);
        assert_eq!(config.keys.get("quit"), Some(&vec!["x".to_string()]));
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("# mine\n"), "{text}");
        assert_eq!(text.matches("[identity]").count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

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
}
