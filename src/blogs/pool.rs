//! A tiny job pool for network work: at most `threads` jobs at once overall and at most
//! `per_host` at once per host (`host:port`), results handed back to the calling thread in the
//! order they finish (so the caller alone touches the store, which is not `Sync`).

use std::collections::{HashMap, VecDeque};
use std::sync::{mpsc, Condvar, Mutex, MutexGuard};
use url::Url;

/// Limits of a pool run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Worker threads (requests in flight overall).
    pub threads: usize,
    /// Requests in flight to one host (`host:port`).
    pub per_host: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            threads: 6,
            per_host: 2,
        }
    }
}

/// The host a URL counts against: `host:port` (distinct ports are distinct hosts).
pub fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default().to_ascii_lowercase(),
        url.port_or_known_default().unwrap_or(0)
    )
}

struct Queue<J> {
    waiting: VecDeque<(usize, String, J)>,
    busy: HashMap<String, usize>,
}

struct Shared<J> {
    queue: Mutex<Queue<J>>,
    freed: Condvar,
    per_host: usize,
}

impl<J> Shared<J> {
    fn lock(&self) -> MutexGuard<'_, Queue<J>> {
        // A panicking job cannot leave the queue half-changed: take it as it is.
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next job whose host has a free slot; waits while every waiting job's host is busy;
    /// `None` when no job is left.
    fn take(&self) -> Option<(usize, String, J)> {
        let mut q = self.lock();
        loop {
            if q.waiting.is_empty() {
                return None;
            }
            let per_host = self.per_host;
            let pos = q
                .waiting
                .iter()
                .position(|(_, host, _)| q.busy.get(host).copied().unwrap_or(0) < per_host);
            if let Some(job) = pos.and_then(|p| q.waiting.remove(p)) {
                *q.busy.entry(job.1.clone()).or_insert(0) += 1;
                return Some(job);
            }
            q = self.freed.wait(q).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn release(&self, host: &str) {
        let mut q = self.lock();
        if let Some(n) = q.busy.get_mut(host) {
            *n = n.saturating_sub(1);
        }
        drop(q);
        self.freed.notify_all();
    }
}

/// Frees the host slot even when the job panics.
struct Slot<'a, J> {
    shared: &'a Shared<J>,
    host: String,
}

impl<J> Drop for Slot<'_, J> {
    fn drop(&mut self) {
        self.shared.release(&self.host);
    }
}

/// Runs `work` on every job (each tagged with its host key) and calls `done(index, result)` on
/// the calling thread as results arrive. Returns when every job has finished.
pub fn run<J, R>(
    jobs: Vec<(String, J)>,
    limits: Limits,
    work: impl Fn(&J) -> R + Sync,
    mut done: impl FnMut(usize, R),
) where
    J: Send,
    R: Send,
{
    let threads = limits.threads.max(1).min(jobs.len());
    let shared = Shared {
        queue: Mutex::new(Queue {
            waiting: jobs
                .into_iter()
                .enumerate()
                .map(|(i, (host, job))| (i, host, job))
                .collect(),
            busy: HashMap::new(),
        }),
        freed: Condvar::new(),
        per_host: limits.per_host.max(1),
    };
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..threads {
            let tx = tx.clone();
            let (shared, work) = (&shared, &work);
            scope.spawn(move || {
                while let Some((index, host, job)) = shared.take() {
                    let _slot = Slot { shared, host };
                    let result = work(&job);
                    if tx.send((index, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        for (index, result) in rx {
            done(index, result);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn per_host_and_overall_limits_hold() {
        let in_flight: Mutex<HashMap<String, usize>> = Mutex::new(HashMap::new());
        let peak_host = AtomicUsize::new(0);
        let peak_all = AtomicUsize::new(0);
        let all = AtomicUsize::new(0);
        let jobs: Vec<(String, usize)> = (0..12)
            .map(|i| (format!("h{}:80", i % 2 + usize::from(i >= 10) * 5), i))
            .collect();
        let mut seen = Vec::new();
        run(
            jobs,
            Limits {
                threads: 3,
                per_host: 2,
            },
            |job: &usize| {
                let host = format!("h{}:80", job % 2 + usize::from(*job >= 10) * 5);
                let now = {
                    let mut m = in_flight.lock().expect("lock");
                    let n = m.entry(host.clone()).or_insert(0);
                    *n += 1;
                    *n
                };
                peak_host.fetch_max(now, Ordering::SeqCst);
                let a = all.fetch_add(1, Ordering::SeqCst) + 1;
                peak_all.fetch_max(a, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(20));
                all.fetch_sub(1, Ordering::SeqCst);
                *in_flight.lock().expect("lock").entry(host).or_insert(1) -= 1;
                job * 10
            },
            |index, result| seen.push((index, result)),
        );
        seen.sort_unstable();
        let want: Vec<(usize, usize)> = (0..12).map(|i| (i, i * 10)).collect();
        assert_eq!(seen, want);
        assert_eq!(peak_host.load(Ordering::SeqCst), 2);
        assert_eq!(peak_all.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn host_key_includes_the_port() {
        let a = Url::parse("http://127.0.0.1:8080/feed/").expect("url");
        let b = Url::parse("https://Blog.Test/feed/").expect("url");
        assert_eq!(host_key(&a), "127.0.0.1:8080");
        assert_eq!(host_key(&b), "blog.test:443");
    }
}
