//! Refreshing everything: every subscription's feed (conditional GET) and every thread the user
//! commented on, on a small pool (see [`super::pool`]); results are stored on the calling
//! thread. One failing blog or thread is recorded and never stops the rest.

use super::pool::{self, host_key, Limits};
use super::replies::replies_in;
use crate::feeds::{self, FeedInfo};
use crate::fetch::{complete_post, FetchedPost};
use crate::net::{Client, NetError, Validators};
use crate::reading::parse_stored;
use crate::store::{FeedState, PageRecord, PostMeta, Store, Subscription};
use std::collections::BTreeSet;
use url::Url;

/// What one refresh-all did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RefreshReport {
    /// Feeds and threads asked (the `total` of the progress callback).
    pub total: usize,
    /// Feeds fetched in full.
    pub feeds_fetched: usize,
    /// Feeds that answered 304 Not Modified.
    pub feeds_not_modified: usize,
    /// Posts first listed by a feed in this refresh.
    pub new_posts: usize,
    /// Watched threads refreshed (fetched or 304).
    pub threads: usize,
    /// Replies to the user first found in this refresh.
    pub new_replies: usize,
    /// `(blog or post URL, message)` for everything that failed.
    pub errors: Vec<(String, String)>,
}

enum Job {
    Feed {
        sub: Subscription,
        url: Url,
        validators: Option<Validators>,
    },
    Thread {
        key: String,
        url: Url,
        validators: Option<Validators>,
    },
}

enum Outcome {
    Feed(Result<Option<(FeedInfo, Validators)>, String>),
    Thread(Result<Option<Box<FetchedPost>>, NetError>),
}

/// [`refresh_all_with`] with the default limits (6 requests at once, 2 per host).
pub fn refresh_all(
    client: &Client,
    store: &mut Store,
    now: i64,
    progress: impl FnMut(usize, usize, &str),
) -> RefreshReport {
    refresh_all_with(client, store, now, Limits::default(), progress)
}

/// Refreshes every subscription's feed and every watched thread (posts with the user's
/// comments), calling `progress(done, total, label)` after each. Feeds: 304 keeps the stored
/// items; a 200 stores the items and validators; a failure is recorded as the blog's last
/// error. Threads: stored like a read (conditional GET), held comments that became public are
/// marked, new comments counted, and replies to the user stored.
pub fn refresh_all_with(
    client: &Client,
    store: &mut Store,
    now: i64,
    limits: Limits,
    mut progress: impl FnMut(usize, usize, &str),
) -> RefreshReport {
    let mut report = RefreshReport::default();
    let jobs = jobs(store, &mut report);
    report.total = jobs.len();
    let labels: Vec<String> = jobs.iter().map(|(_, j)| label(j)).collect();
    let total = jobs.len();
    let mut done = 0;
    // What each job's result is stored under, looked up by index when it arrives.
    let keys: Vec<JobKey> = jobs.iter().map(|(_, j)| JobKey::of(j)).collect();
    pool::run(
        jobs,
        limits,
        |job| work(client, job),
        |index, outcome| {
            if let Some(key) = keys.get(index) {
                store_outcome(store, key, outcome, now, &mut report);
            }
            done += 1;
            progress(done, total, labels.get(index).map_or("", String::as_str));
        },
    );
    report
}

/// What the caller needs of a job once its result is in.
enum JobKey {
    Feed(Subscription),
    Thread { key: String, url: Url },
}

impl JobKey {
    fn of(job: &Job) -> JobKey {
        match job {
            Job::Feed { sub, .. } => JobKey::Feed(sub.clone()),
            Job::Thread { key, url, .. } => JobKey::Thread {
                key: key.clone(),
                url: url.clone(),
            },
        }
    }
}

fn label(job: &Job) -> String {
    match job {
        Job::Feed { sub, .. } if !sub.title.is_empty() => sub.title.clone(),
        Job::Feed { sub, .. } => sub.url.clone(),
        Job::Thread { url, .. } => url.to_string(),
    }
}

/// At most this many kept posts of followed blogs are re-checked per refresh (newest first).
const MAX_READ_THREADS: usize = 50;

/// Every subscription's feed, then every post with one of the user's comments, then the
/// posts of followed blogs kept in the library.
fn jobs(store: &mut Store, report: &mut RefreshReport) -> Vec<(String, Job)> {
    let mut out = Vec::new();
    for sub in store.subscriptions().unwrap_or_default() {
        let Ok(url) = Url::parse(&sub.feed_url) else {
            let msg = format!("{} is not a valid feed URL", sub.feed_url);
            let _ = store_error(store, &sub.url, &msg);
            report.errors.push((sub.url.clone(), msg));
            continue;
        };
        let validators = store.feed_state(&sub.url).ok().flatten().and_then(|s| {
            (s.etag.is_some() || s.last_modified.is_some()).then_some(Validators {
                etag: s.etag,
                last_modified: s.last_modified,
            })
        });
        out.push((
            host_key(&url),
            Job::Feed {
                sub,
                url,
                validators,
            },
        ));
    }
    let mine: BTreeSet<String> = store
        .my_comments(None)
        .unwrap_or_default()
        .into_iter()
        .map(|m| m.post_key)
        .collect();
    // Posts of followed blogs kept in the library (read before): a WordPress posts feed
    // follows post dates only (it answers 304 while comments come in), so their threads are
    // checked too, for the new-comment counts of the Blogs and Posts views and the library.
    let kept: BTreeSet<String> = store
        .library()
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.key)
        .collect();
    let read: BTreeSet<String> = store
        .feed_items(None)
        .unwrap_or_default()
        .into_iter()
        .filter(|i| kept.contains(&i.post_key))
        .take(MAX_READ_THREADS)
        .map(|i| i.post_key)
        .collect();
    for key in mine.iter().chain(read.difference(&mine)).cloned() {
        let stored = store.load_pages(&key).ok().flatten();
        if stored.is_none() && !mine.contains(&key) {
            continue; // read elsewhere (not kept): nothing to compare with
        }
        let url = stored
            .as_ref()
            .map_or(key.as_str(), |s| s.meta.url.as_str());
        let Ok(url) = Url::parse(url) else {
            continue;
        };
        let validators = stored.as_ref().and_then(|s| s.pages.first()).and_then(|p| {
            (p.etag.is_some() || p.last_modified.is_some()).then(|| Validators {
                etag: p.etag.clone(),
                last_modified: p.last_modified.clone(),
            })
        });
        out.push((
            host_key(&url),
            Job::Thread {
                key,
                url,
                validators,
            },
        ));
    }
    out
}

fn store_error(store: &mut Store, sub_url: &str, msg: &str) -> Result<(), String> {
    store
        .record_feed_error(sub_url, msg)
        .map_err(|e| e.to_string())
}

/// The network part of a job (runs on a pool thread).
fn work(client: &Client, job: &Job) -> Outcome {
    match job {
        Job::Feed {
            url, validators, ..
        } => Outcome::Feed(fetch_feed(client, url, validators.as_ref())),
        Job::Thread {
            url, validators, ..
        } => Outcome::Thread(fetch_thread(client, url, validators.as_ref())),
    }
}

fn fetch_feed(
    client: &Client,
    url: &Url,
    validators: Option<&Validators>,
) -> Result<Option<(FeedInfo, Validators)>, String> {
    let (fetched, body) = client
        .get_raw(url, validators, super::FEED_ACCEPT)
        .map_err(|e| e.to_string())?;
    if fetched.not_modified {
        return Ok(None);
    }
    let info = feeds::parse_feed(&body, &fetched.final_url)
        .map_err(|e| format!("{}: {e}", fetched.final_url))?;
    Ok(Some((
        info,
        Validators {
            etag: fetched.etag,
            last_modified: fetched.last_modified,
        },
    )))
}

fn fetch_thread(
    client: &Client,
    url: &Url,
    validators: Option<&Validators>,
) -> Result<Option<Box<FetchedPost>>, NetError> {
    let first = client.get(url, validators)?;
    if first.not_modified {
        return Ok(None);
    }
    Ok(Some(Box::new(complete_post(client, url, first))))
}

/// Stores one job's result (on the calling thread).
fn store_outcome(
    store: &mut Store,
    key: &JobKey,
    outcome: Outcome,
    now: i64,
    report: &mut RefreshReport,
) {
    match (key, outcome) {
        (JobKey::Feed(sub), Outcome::Feed(result)) => {
            if let Err(msg) = store_feed(store, sub, result, now, report) {
                let _ = store_error(store, &sub.url, &msg);
                report.errors.push((sub.url.clone(), msg));
            }
        }
        (JobKey::Thread { key, url }, Outcome::Thread(result)) => match result {
            Ok(fetched) => {
                if let Err(msg) = store_thread(store, key, fetched, now, report) {
                    report.errors.push((url.to_string(), msg));
                }
            }
            Err(e) => report.errors.push((url.to_string(), e.to_string())),
        },
        _ => {}
    }
}

fn store_feed(
    store: &mut Store,
    sub: &Subscription,
    result: Result<Option<(FeedInfo, Validators)>, String>,
    now: i64,
    report: &mut RefreshReport,
) -> Result<(), String> {
    match result? {
        None => {
            report.feeds_not_modified += 1;
            store
                .record_feed_not_modified(&sub.url, now)
                .map_err(|e| e.to_string())
        }
        Some((info, validators)) => {
            let state = FeedState {
                sub_url: sub.url.clone(),
                site_url: info.site_url.clone(),
                etag: validators.etag,
                last_modified: validators.last_modified,
                ..FeedState::default()
            };
            let added = store
                .record_feed_fetch(&state, &super::item_records(&info), now)
                .map_err(|e| e.to_string())?;
            report.feeds_fetched += 1;
            report.new_posts += added;
            Ok(())
        }
    }
}

/// Keeps a refreshed thread (like a read), updates held comments and counts, stores replies.
fn store_thread(
    store: &mut Store,
    key: &str,
    fetched: Option<Box<FetchedPost>>,
    now: i64,
    report: &mut RefreshReport,
) -> Result<(), String> {
    let mut post = match fetched {
        Some(mut fetched) => {
            if let Ok(Some(old)) = store.load_pages(key) {
                let f = &mut *fetched;
                // A provider that failed this time keeps the thread read before.
                crate::threads::load::carry_over(
                    &mut f.post,
                    &mut f.pages,
                    &old.pages,
                    &mut f.warnings,
                );
            }
            let records: Vec<PageRecord> = fetched
                .pages
                .iter()
                .map(|p| PageRecord {
                    url: p.url.to_string(),
                    final_url: p.final_url.to_string(),
                    html: p.html.clone(),
                    fetched_at: now,
                    etag: p.etag.clone(),
                    last_modified: p.last_modified.clone(),
                })
                .collect();
            let meta = PostMeta {
                url: fetched.post.url.clone(),
                title: fetched.post.title.clone(),
                site: fetched.post.site.clone(),
                comment_count: u32::try_from(fetched.post.comments.len()).unwrap_or(u32::MAX),
            };
            store
                .save_fetch(key, &records, &meta, now)
                .map_err(|e| e.to_string())?;
            fetched.post
        }
        None => {
            let _ = store.touch_checked(key, now);
            let stored = store.load_pages(key).map_err(|e| e.to_string())?;
            match stored {
                Some(s) => parse_stored(&s),
                None => return Ok(()),
            }
        }
    };
    report.threads += 1;
    crate::posting::merge_pending(&mut post, store);
    count_new(store, key, &post);
    let mine = store.my_comments(Some(key)).map_err(|e| e.to_string())?;
    for reply in replies_in(&post, key, &mine, now) {
        if store.upsert_reply(&reply).map_err(|e| e.to_string())? {
            report.new_replies += 1;
        }
    }
    Ok(())
}

/// Records the thread's comment count and how many are not in its seen set (none on a
/// post never opened: nothing is "new" on a first visit).
fn count_new(store: &mut Store, key: &str, post: &crate::model::Post) {
    let public: Vec<&str> = post
        .comments
        .iter()
        .filter(|c| !c.pending)
        .map(|c| c.id.as_str())
        .collect();
    let new = match (store.has_seen_any(key), store.seen_ids(key)) {
        (Ok(true), Ok(seen)) => public.iter().filter(|id| !seen.contains_key(**id)).count(),
        _ => 0,
    };
    let total = u32::try_from(public.len()).unwrap_or(u32::MAX);
    let _ = store.record_counts(key, total, u32::try_from(new).unwrap_or(u32::MAX));
    let _ = store.set_item_comment_count(key, total);
}
