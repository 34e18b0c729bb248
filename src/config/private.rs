//! The config file as a holder of personal data: saving `[identity]` (comments and other
//! sections kept, the file 0600 afterwards) and the once-per-run warning when a config with an
//! identity or a token can be read by other users.

use super::{parse, read_text, Config, IdentityConfig};
use std::path::Path;
use std::sync::Mutex;

/// Writes `[identity]` into the config file (created 0600 if missing), keeping every other
/// line, comment and section as it is (a `[identity] # comment` header too). The file is
/// private (0600) afterwards, since it holds an email address. Every failure is an error
/// naming the file, and is logged.
pub fn save_identity(path: &Path, identity: &IdentityConfig) -> Result<(), String> {
    let result = save(path, identity);
    if let Err(e) = &result {
        tracing::warn!("config: saving the identity failed: {e}");
    }
    result
}

fn save(path: &Path, identity: &IdentityConfig) -> Result<(), String> {
    let old = read_text(path)?.unwrap_or_default();
    let text = with_identity(&old, identity)
        .map_err(|e| format!("cannot save your identity to {}: {e}", path.display()))?;
    parse(&text)
        .map_err(|e| format!("{}: would not be valid after saving: {e}", path.display()))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let tmp = path.with_extension("toml.tmp");
    write_private(&tmp, &text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub(crate) fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
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

/// The config text with its `[identity]` keys set (absent values removed), through a TOML
/// document editor so comments, order and other sections stay as written.
fn with_identity(old: &str, id: &IdentityConfig) -> Result<String, String> {
    use toml_edit::{value, DocumentMut, Item, Table};
    let mut doc: DocumentMut = old
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("it is not valid TOML: {}", e.message()))?;
    // A new `[identity]` goes after what the file already says: comments at the end of the
    // file (a file of comments only) stay above it instead of moving below.
    let fresh = !doc.contains_key("identity");
    let trailing = if fresh {
        let t = doc.trailing().as_str().unwrap_or_default().to_string();
        doc.set_trailing("");
        t
    } else {
        String::new()
    };
    let item = doc.entry("identity").or_insert(Item::Table(Table::new()));
    if let (true, Some(t)) = (fresh, item.as_table_mut()) {
        t.decor_mut().set_prefix(trailing);
    }
    let Some(table) = item.as_table_like_mut() else {
        return Err("`identity` is not a table".into());
    };
    for (key, v) in [("name", &id.name), ("email", &id.email), ("url", &id.url)] {
        match v {
            Some(v) => {
                table.insert(key, value(v.as_str()));
            }
            None => {
                table.remove(key);
            }
        }
    }
    table.insert("remember", value(id.remember));
    Ok(doc.to_string())
}

/// The warning noted by [`check_exposed`], until taken.
static WARNING: Mutex<Option<String>> = Mutex::new(None);
/// Whether the warning was already given in this run.
static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes (once per run, and logs) when the config holds an identity or a token and other
/// users can read it.
pub(super) fn check_exposed(path: &Path, config: &Config) {
    let Some(mode) = readable_by_others(path) else {
        return;
    };
    if !holds_secrets(path, config) || WARNED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let text = format!(
        "the config {} holds your identity or a token and other users can read it (mode {mode:o}); run: chmod 600 {}",
        path.display(),
        path.display()
    );
    tracing::warn!("{text}");
    if let Ok(mut slot) = WARNING.lock() {
        *slot = Some(text);
    }
}

/// The warning about a config others can read, once: `Some` the first time it is asked for
/// after a load found one, then `None`.
pub fn take_warning() -> Option<String> {
    WARNING.lock().ok().and_then(|mut slot| slot.take())
}

/// The permission bits when group or others may read the file.
fn readable_by_others(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (mode & 0o044 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// An identity (name, email or URL), or any key whose name says token, password or secret.
fn holds_secrets(path: &Path, config: &Config) -> bool {
    let id = &config.identity;
    if id.name.is_some() || id.email.is_some() || id.url.is_some() {
        return true;
    }
    let Ok(Some(text)) = read_text(path) else {
        return false;
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    secret_key(&table)
}

fn secret_key(table: &toml::Table) -> bool {
    table.iter().any(|(k, v)| {
        let k = k.to_ascii_lowercase();
        let named = ["token", "password", "secret"]
            .iter()
            .any(|w| k.contains(w));
        (named && v.as_str().is_some_and(|s| !s.is_empty())) || v.as_table().is_some_and(secret_key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::load_from;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn a_file_of_comments_keeps_them_above_the_new_identity() {
        let id = IdentityConfig {
            name: Some("N".into()),
            ..IdentityConfig::default()
        };
        let text = with_identity("# no identity yet\n", &id).expect("edit");
        assert!(
            text.starts_with("# no identity yet\n[identity]\nname = \"N\"\n"),
            "{text}"
        );
    }

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
        assert_eq!(mode(&path), 0o600);
    }

    /// Issue 12 item 4: a header with a comment used to leave the file unchanged (and 0644).
    #[test]
    fn identity_header_with_a_comment_is_updated_and_made_private() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        let old = "[identity] # who I am\nname = \"Old\" # keep?\n\n[layout]\nside_by_side_min_width = 99\n";
        std::fs::write(&path, old).expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        }
        let id = IdentityConfig {
            name: Some("Ada".into()),
            email: Some("ada@example.test".into()),
            url: None,
            remember: true,
        };
        save_identity(&path, &id).expect("saved");
        let config = load_from(&path).expect("load");
        assert_eq!(config.identity, id);
        assert_eq!(config.layout.side_by_side_min_width, 99);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("[identity] # who I am\n"), "{text}");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn saving_into_a_broken_config_says_why() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[identity\nname = 1\n").expect("write");
        let err = save_identity(&path, &IdentityConfig::default()).expect_err("broken");
        assert!(err.contains("not valid TOML"), "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
    }

    #[test]
    fn secrets_are_found_in_any_table() {
        let t: toml::Table = "[providers.disqus]\napi_token = \"x\"\n"
            .parse()
            .expect("toml");
        assert!(secret_key(&t));
        let t: toml::Table = "[layout]\nside_by_side_min_width = 3\n"
            .parse()
            .expect("toml");
        assert!(!secret_key(&t));
    }

    /// The only test that reads the process-wide warning.
    #[cfg(unix)]
    #[test]
    fn a_readable_config_with_an_identity_warns_once() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[identity]\nemail = \"ada@example.test\"\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        load_from(&path).expect("load");
        load_from(&path).expect("load again");
        let warning = take_warning().expect("a warning");
        assert!(warning.contains("chmod 600"), "{warning}");
        assert!(warning.contains("644"), "{warning}");
        assert_eq!(take_warning(), None, "once");
    }
}
