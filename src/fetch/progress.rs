//! Page progress of the post being fetched on this thread: a scoped hook the reader's worker
//! sets around a load, so "comments: page 3 of 12…" reaches the status line without every
//! caller between the worker and the pager (the store, `reading::refresh`) passing it along.

use std::cell::RefCell;

/// How far the fetch of one post's pages is: `done` pages read (the first page included) of
/// the `known` pages found so far (later pages may link more).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageProgress {
    pub done: usize,
    pub known: usize,
}

type Hook = Box<dyn FnMut(PageProgress)>;

thread_local! {
    static HOOK: RefCell<Option<Hook>> = const { RefCell::new(None) };
}

/// Puts the previous hook back when the scope ends (a panic inside `run` included).
struct Restore(Option<Hook>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        HOOK.with(|h| {
            if let Ok(mut h) = h.try_borrow_mut() {
                *h = previous;
            }
        });
    }
}

/// Runs `run` with `hook` told of every page of every post fetched on this thread meanwhile.
pub fn with_page_progress<R>(
    hook: impl FnMut(PageProgress) + 'static,
    run: impl FnOnce() -> R,
) -> R {
    let previous = HOOK.with(|h| {
        h.try_borrow_mut()
            .ok()
            .and_then(|mut h| h.replace(Box::new(hook)))
    });
    let _restore = Restore(previous);
    run()
}

/// Tells this thread's hook, if any, how far the pages are.
pub(crate) fn report(done: usize, known: usize) {
    HOOK.with(|h| {
        if let Ok(mut h) = h.try_borrow_mut() {
            if let Some(hook) = h.as_mut() {
                hook(PageProgress {
                    done,
                    known: known.max(done),
                });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn the_hook_hears_reports_only_inside_its_scope() {
        let heard = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&heard);
        report(9, 9);
        let answer = with_page_progress(
            move |p| sink.lock().map(|mut v| v.push(p)).unwrap_or_default(),
            || {
                report(1, 3);
                report(2, 3);
                42
            },
        );
        report(3, 3);
        assert_eq!(answer, 42);
        let heard = heard.lock().map(|v| v.clone()).unwrap_or_default();
        assert_eq!(
            heard,
            vec![
                PageProgress { done: 1, known: 3 },
                PageProgress { done: 2, known: 3 }
            ]
        );
    }
}
