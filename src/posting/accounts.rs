//! Which services the user has signed in to, as the reader knows it: `accounts.json` read once
//! and again only when the file changed (its stamp: modified time, length, inode), so a
//! `parlor login` in another terminal counts at the next key without a read on every `r`/`c`.
//! Only service names are kept here, never a token.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::SystemTime;

/// What identifies one version of the file: a rewrite (written whole, then renamed) changes
/// the inode even when the time and length do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

/// The signed-in services, cached. [`SignedIn::refresh`] is the only I/O: a `stat` of the
/// file, and a read when its stamp changed.
#[derive(Debug, Clone, Default)]
pub struct SignedIn {
    /// The accounts file; `None`: no data dir (nobody can be signed in).
    path: Option<PathBuf>,
    /// The stamp of the version read (`None`: no file when last looked).
    stamp: Option<Stamp>,
    /// The services with an account.
    services: BTreeSet<String>,
    /// `Err`: the file could not be read at all (every answer says so).
    failure: Option<String>,
    /// Reads of the file so far (tests count them).
    reads: usize,
}

impl SignedIn {
    /// The accounts in the default file (`$PARLOR_DATA_DIR/accounts.json`, else the data dir).
    pub fn load_default() -> SignedIn {
        SignedIn::load(crate::auth::default_path())
    }

    /// The accounts in `path`, read now.
    pub fn load(path: Option<PathBuf>) -> SignedIn {
        let mut s = SignedIn {
            path,
            ..SignedIn::default()
        };
        s.read();
        s
    }

    /// A fixed set (tests, and readers with no data dir): never reads a file.
    pub fn fixed(services: &[&str]) -> SignedIn {
        SignedIn {
            services: services.iter().map(|s| s.to_string()).collect(),
            ..SignedIn::default()
        }
    }

    /// Looks at the file's stamp and reads it again when it changed since the last read.
    pub fn refresh(&mut self) {
        if self.path.is_some() && self.current_stamp() != self.stamp {
            self.read();
        }
    }

    /// How many times the file was read (a cheap refresh reads it only when it changed).
    pub fn reads(&self) -> usize {
        self.reads
    }

    /// Whether `service` has an account; `Err`: the accounts file could not be read.
    pub fn has(&self, service: &str) -> Result<bool, String> {
        if let Some(e) = &self.failure {
            return Err(e.clone());
        }
        Ok(self.services.contains(service))
    }

    fn current_stamp(&self) -> Option<Stamp> {
        let meta = std::fs::metadata(self.path.as_ref()?).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            inode,
        })
    }

    fn read(&mut self) {
        self.services.clear();
        self.failure = None;
        self.stamp = self.current_stamp();
        let Some(path) = &self.path else { return };
        self.reads += 1;
        match crate::auth::list_from(path) {
            Ok(accounts) => self.services = accounts.into_iter().map(|a| a.service).collect(),
            Err(e) => self.failure = Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{save_to, Account};

    fn account(service: &str) -> Account {
        Account {
            service: service.into(),
            base: "https://api.github.com/".into(),
            token: "t".into(),
            user: Some("me".into()),
            scope: None,
            created_at: 1,
            extra: Default::default(),
        }
    }

    #[test]
    fn the_file_is_read_again_only_when_it_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(crate::auth::FILE_NAME);
        let mut signed = SignedIn::load(Some(path.clone()));
        assert_eq!(signed.has("github"), Ok(false), "no file: nobody");
        for _ in 0..5 {
            signed.refresh();
        }
        assert_eq!(signed.reads(), 1, "no file, no change: no read");

        save_to(&path, &account("github")).expect("save");
        signed.refresh();
        assert_eq!(signed.has("github"), Ok(true), "a login elsewhere counts");
        assert_eq!(signed.has("mastodon"), Ok(false));
        let reads = signed.reads();
        assert_eq!(reads, 2);
        for _ in 0..5 {
            signed.refresh();
        }
        assert_eq!(signed.reads(), reads, "unchanged: only a stat");

        // Same length, written whole and renamed (as `auth::save_to` does): still seen.
        save_to(&path, &account("mastodon")).expect("save");
        signed.refresh();
        assert_eq!(signed.has("mastodon"), Ok(true));
        assert_eq!(signed.reads(), reads + 1);

        std::fs::remove_file(&path).expect("rm");
        signed.refresh();
        assert_eq!(
            signed.has("github"),
            Ok(false),
            "logged out by removing the file"
        );
    }

    #[test]
    fn a_damaged_file_is_said_for_every_service() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(crate::auth::FILE_NAME);
        std::fs::write(&path, "{not json").expect("write");
        let signed = SignedIn::load(Some(path));
        assert!(signed
            .has("github")
            .expect_err("damaged")
            .contains("damaged"));
        assert!(signed.has("mastodon").is_err());
    }

    #[test]
    fn fixed_sets_and_no_data_dir_read_nothing() {
        let mut fixed = SignedIn::fixed(&["github"]);
        fixed.refresh();
        assert_eq!(fixed.has("github"), Ok(true));
        assert_eq!(fixed.has("mastodon"), Ok(false));
        let mut none = SignedIn::load(None);
        none.refresh();
        assert_eq!((none.has("github"), none.reads()), (Ok(false), 0));
    }
}
