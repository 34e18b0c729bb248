//! The user's accounts on services parlor posts through (GitHub for giscus/utterances, a
//! Mastodon instance): one token per service, kept in `accounts.json` in the data dir, 0600.
//!
//! A token is only ever handed to the provider of its own service, and only for its own API
//! base (`Account::base`): callers pass the whole [`Account`] through `threads::Ctx::account`,
//! and each provider checks `base` before sending `token`.

pub mod github;
pub mod mastodon;

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file the accounts live in, inside the data dir.
pub const FILE_NAME: &str = "accounts.json";
/// Largest accounts file read (a handful of tokens; anything bigger is not ours).
const MAX_BYTES: u64 = 256 * 1024;

/// One signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The service: `"github"`, or `"mastodon"`.
    pub service: String,
    /// The API base the token belongs to (`https://api.github.com/`, `https://mastodon.social/`).
    pub base: String,
    /// The access token. Never logged, never printed.
    pub token: String,
    /// The account's name on the service (`octocat`, `@me@mastodon.social`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Scopes granted, as the service said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Unix seconds when signed in.
    #[serde(default)]
    pub created_at: i64,
    /// Service-specific extras (a Mastodon app's client id and secret, …).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub extra: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    accounts: Vec<Account>,
}

/// `accounts.json` in the data dir: `$PARLOR_DATA_DIR` when set (tests, CI), else the
/// platform's data dir for "parlor".
pub fn default_path() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PARLOR_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(FILE_NAME));
    }
    directories::ProjectDirs::from("", "", "parlor").map(|d| d.data_dir().join(FILE_NAME))
}

/// The account signed in for `service`, from the default file.
pub fn load(service: &str) -> Result<Option<Account>, String> {
    match default_path() {
        Some(path) => load_from(&path, service),
        None => Ok(None),
    }
}

/// Every account in the default file.
pub fn list() -> Result<Vec<Account>, String> {
    match default_path() {
        Some(path) => list_from(&path),
        None => Ok(Vec::new()),
    }
}

/// Every account in `path` (none when there is no file).
pub fn list_from(path: &Path) -> Result<Vec<Account>, String> {
    Ok(read(path)?.accounts)
}

/// The account signed in for `service` in `path`.
pub fn load_from(path: &Path, service: &str) -> Result<Option<Account>, String> {
    Ok(read(path)?
        .accounts
        .into_iter()
        .find(|a| a.service == service))
}

/// Saves `account` to the default file, replacing the one for its service.
pub fn save(account: &Account) -> Result<PathBuf, String> {
    let path = default_path().ok_or("no data directory: set PARLOR_DATA_DIR")?;
    save_to(&path, account)?;
    Ok(path)
}

/// Saves `account` to `path` (0600, written whole then renamed), replacing its service's.
pub fn save_to(path: &Path, account: &Account) -> Result<(), String> {
    let mut file = read(path)?;
    file.accounts.retain(|a| a.service != account.service);
    file.accounts.push(account.clone());
    write(path, &file)
}

/// Forgets the account for `service`; `Ok(false)` when there was none.
pub fn remove(service: &str) -> Result<bool, String> {
    let Some(path) = default_path() else {
        return Ok(false);
    };
    let mut file = read(&path)?;
    let before = file.accounts.len();
    file.accounts.retain(|a| a.service != service);
    if file.accounts.len() == before {
        return Ok(false);
    }
    write(&path, &file)?;
    Ok(true)
}

fn read(path: &Path) -> Result<File, String> {
    use std::io::Read as _;
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let mut text = String::new();
    f.take(MAX_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if text.len() as u64 > MAX_BYTES {
        return Err(format!(
            "{} is larger than {MAX_BYTES} bytes; it is not parlor's accounts file",
            path.display()
        ));
    }
    serde_json::from_str(&text).map_err(|e| format!("{} is damaged: {e}", path.display()))
}

fn write(path: &Path, file: &File) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        crate::store::private_dir(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
    let tmp = path.with_extension("json.tmp");
    crate::config::write_private(&tmp, &text)
        .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(service: &str, token: &str) -> Account {
        Account {
            service: service.into(),
            base: "https://api.github.com/".into(),
            token: token.into(),
            user: Some("me".into()),
            scope: None,
            created_at: 1,
            extra: Default::default(),
        }
    }

    #[test]
    fn accounts_are_saved_privately_one_per_service() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("data").join(FILE_NAME);
        save_to(&path, &account("github", "t1")).expect("save");
        save_to(&path, &account("mastodon", "m1")).expect("save");
        save_to(&path, &account("github", "t2")).expect("save");
        let gh = load_from(&path, "github").expect("load").expect("there");
        assert_eq!(gh.token, "t2");
        assert_eq!(read(&path).expect("read").accounts.len(), 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dmode = std::fs::metadata(path.parent().expect("dir"))
                .expect("meta")
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(dmode, 0o700);
        }
    }

    #[test]
    fn a_damaged_or_huge_file_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "{not json").expect("write");
        assert!(load_from(&path, "github")
            .expect_err("bad file")
            .contains("damaged"));
        std::fs::write(&path, vec![b' '; 300 * 1024]).expect("write");
        assert!(load_from(&path, "github")
            .expect_err("bad file")
            .contains("larger"));
        assert_eq!(load_from(&dir.path().join("none"), "github"), Ok(None));
    }
}
