//! The worker's replying side: drafts, submitting through `posting::submit`, the outbox
//! (retried after each online load of a blog), the user's held comments merged into loaded
//! threads, `[identity]` saved to the config.
//! The store and the client are opened on first use.

use super::Loaded;
use crate::model::Post;
use crate::net::{Client, NetOptions};
use crate::posting::{self, PostError, Submission};
use crate::reading;
use crate::reply::Identity;
use crate::store::{post_key, OutboxState, Store};
use crate::tui::app::{Effect, Msg};
use url::Url;

/// The worker's state for replying.
#[derive(Default)]
pub struct Poster {
    store: Option<Store>,
    /// The library file to open (the loader's); `None`: the default one.
    store_path: Option<std::path::PathBuf>,
    client: Option<Client>,
    /// The post last loaded (its form is what a submit uses).
    last_post: Option<Post>,
}

impl std::fmt::Debug for Poster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Poster")
            .field("store", &self.store.is_some())
            .field("last_post", &self.last_post.as_ref().map(|p| &p.url))
            .finish()
    }
}

use crate::tui::source::is_web;

impl Poster {
    /// A poster with its own store (tests); otherwise the store opens on first use.
    pub fn with_store(store: Store) -> Poster {
        Poster {
            store: Some(store),
            ..Poster::default()
        }
    }

    /// Uses the loader's library file (before the first store use only).
    pub fn use_store_path(&mut self, path: Option<std::path::PathBuf>) {
        if self.store.is_none() && path.is_some() {
            self.store_path = path;
        }
    }

    fn store(&mut self) -> Result<&mut Store, String> {
        if self.store.is_none() {
            let opened = match &self.store_path {
                Some(path) => Store::open(path),
                None => Store::open_default(),
            };
            self.store = Some(opened.map_err(|e| e.to_string())?);
        }
        self.store.as_mut().ok_or_else(|| "no store".to_string())
    }

    fn parts(&mut self) -> Result<(&Client, &mut Store), String> {
        self.store()?;
        if self.client.is_none() {
            self.client = Some(Client::new(NetOptions::default()).map_err(|e| e.to_string())?);
        }
        match (&self.client, &mut self.store) {
            (Some(client), Some(store)) => Ok((client, store)),
            _ => Err("the network or the store is not available".to_string()),
        }
    }

    /// Performs a replying job; `None` when the job is not one (the worker handles it). A
    /// panic (hostile input hitting a bug) becomes an error in the status line.
    pub fn handle(&mut self, job: &Effect, now: i64) -> Option<Vec<Msg>> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle_inner(job, now)))
            .unwrap_or_else(|_| {
                tracing::error!(?job, "a replying job panicked");
                let answer = match job {
                    Effect::Submit {
                        post_url, parent, ..
                    } => Msg::Posted {
                        post_key: post_key(post_url),
                        parent: parent.clone(),
                        result: Err("internal error while sending (details in the log)".into()),
                    },
                    _ => Msg::Notice {
                        text: "internal error while saving (details in the log)".into(),
                        error: true,
                    },
                };
                Some(vec![answer])
            })
    }

    fn handle_inner(&mut self, job: &Effect, now: i64) -> Option<Vec<Msg>> {
        let msgs = match job {
            Effect::SaveDraft {
                post_key,
                parent,
                body,
            } => self.save_draft(post_key, parent.as_deref(), body, now),
            Effect::LoadDraft { post_key, parent } => {
                let body = self.store().ok().and_then(|s| {
                    s.load_draft(post_key, parent.as_deref())
                        .ok()
                        .flatten()
                        .map(|d| d.body)
                });
                vec![Msg::DraftLoaded {
                    post_key: post_key.clone(),
                    parent: parent.clone(),
                    body,
                }]
            }
            Effect::Submit {
                post_url,
                parent,
                body,
                identity,
            } => self.submit(post_url, parent.as_deref(), body, identity, now),
            Effect::SaveIdentity(identity) => vec![save_identity(identity)],
            Effect::LoadDrafts => vec![Msg::Drafts(
                self.store()
                    .and_then(|s| s.list_drafts().map_err(|e| e.to_string())),
            )],
            _ => return None,
        };
        Some(msgs)
    }

    fn save_draft(&mut self, key: &str, parent: Option<&str>, body: &str, now: i64) -> Vec<Msg> {
        let result = self.store().and_then(|s| {
            if body.trim().is_empty() {
                s.delete_draft(key, parent).map(drop)
            } else {
                s.save_draft(key, parent, body, now)
            }
            .map_err(|e| e.to_string())
        });
        match result {
            Ok(()) => Vec::new(),
            Err(e) => vec![Msg::Notice {
                text: format!("could not save the draft: {e}"),
                error: true,
            }],
        }
    }

    fn submit(
        &mut self,
        post_url: &str,
        parent: Option<&str>,
        body: &str,
        identity: &Identity,
        now: i64,
    ) -> Vec<Msg> {
        let key = post_key(post_url);
        let cached = self.last_post.clone().filter(|p| post_key(&p.url) == key);
        let result = self.parts().and_then(|(client, store)| {
            let post = match cached {
                Some(p) => p,
                None => {
                    let url = Url::parse(post_url).map_err(|e| format!("{post_url}: {e}"))?;
                    reading::open(Some(client), store, &url, false, now)
                        .map_err(|e| format!("{e:#}"))?
                        .post
                }
            };
            let sub = Submission {
                post: &post,
                parent,
                body,
                identity,
                consent: false,
            };
            posting::submit(client, store, &sub, now).map_err(|e| match e {
                PostError::Rejected { message, .. } => {
                    format!("the blog refused the comment: {message}")
                }
                other => other.to_string(),
            })
        });
        tracing::info!(post_url, ?parent, ok = result.is_ok(), "submitted a reply");
        vec![
            Msg::Posted {
                post_key: key,
                parent: parent.map(str::to_string),
                result,
            },
            self.outbox_msg(None),
        ]
    }

    /// The queued count (and a note) for the status line.
    pub fn outbox_msg(&mut self, note: Option<String>) -> Msg {
        let queued = self
            .store()
            .ok()
            .and_then(|s| s.outbox().ok())
            .map_or(0, |entries| {
                entries
                    .iter()
                    .filter(|e| matches!(e.state, OutboxState::Queued | OutboxState::Sending))
                    .count()
            });
        Msg::Outbox { queued, note }
    }

    /// Before a loaded post is shown: the user's held comments are merged in, and the post is
    /// kept for a submit.
    pub fn prepare(&mut self, loaded: &mut Loaded) {
        if let Ok(store) = self.store() {
            posting::merge_pending(&mut loaded.post, store);
        }
        self.last_post = Some(loaded.post.clone());
    }

    /// After an online load of a web post: retries that blog's outbox and reports the count.
    pub fn after_load(&mut self, source: &str, offline: bool, now: i64) -> Msg {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.retry_outbox(source, offline, now)
        }))
        .unwrap_or_else(|_| {
            tracing::error!(source, "retrying the outbox panicked");
            Msg::Notice {
                text: "internal error while sending the outbox (details in the log)".into(),
                error: true,
            }
        })
    }

    fn retry_outbox(&mut self, source: &str, offline: bool, now: i64) -> Msg {
        let host = Url::parse(source)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string));
        let (Some(host), false, true) = (host, offline, is_web(source)) else {
            return self.outbox_msg(None);
        };
        let results = match self.parts() {
            Ok((client, store)) => posting::send_outbox(client, store, Some(&host), now),
            Err(_) => Vec::new(),
        };
        let sent = results.iter().filter(|r| r.result.is_ok()).count();
        let note = (!results.is_empty()).then(|| {
            format!(
                "outbox: {sent} of {} queued replies sent (R shows them)",
                results.len()
            )
        });
        self.outbox_msg(note)
    }
}

fn save_identity(identity: &Identity) -> Msg {
    let Some(path) = crate::config::config_path() else {
        return Msg::Notice {
            text: "no config directory: your name and email were not saved".into(),
            error: true,
        };
    };
    let config = crate::config::IdentityConfig {
        name: identity.name.clone(),
        email: identity.email.clone(),
        url: identity.url.clone(),
        remember: true,
    };
    match crate::config::save_identity(&path, &config) {
        Ok(()) => Msg::Notice {
            text: format!("saved your name and email to {}", path.display()),
            error: false,
        },
        Err(e) => Msg::Notice {
            text: format!("could not save your identity: {e}"),
            error: true,
        },
    }
}
