//! Frame cost of the reader at 200×60 (TestBackend): a 10-comment vs a 10,000-comment thread,
//! a full draw and a scroll step, plus the one-off wrap of a whole thread.
//! Target: the 10,000-comment frame within 1.5× of the 10-comment frame.
//! Also on the 10,000-comment thread: one search keystroke (the first letter of a new search,
//! the worst case: every line is scanned) with its frame, target 30 ms; a resize to a new
//! width (every comment re-wrapped) with its frame, target 150 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use parlor::tui::action::Action;
use parlor::tui::app::{App, Msg, Settings};
use parlor::tui::fixtures;
use parlor::tui::layout::Pane;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn app(comments: usize) -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(200, 60));
    let mut post = fixtures::generated_post(comments);
    // Six paragraphs per comment: even the 10-comment thread is taller than the screen, so
    // both scroll steps really scroll.
    for c in &mut post.comments {
        let body = c.blocks.clone();
        for _ in 0..5 {
            c.blocks.extend(body.iter().cloned());
        }
    }
    app.show(post, None);
    app.update(Msg::Action(Action::SwitchPane));
    app
}

/// The first line of comment `index`: the generator repeats its shapes every 60 comments, so
/// comment 0 of the small thread and comment 6,000 of the big one look the same.
fn start_line(app: &App, comments: usize) -> usize {
    let index = if comments > 6_000 { 6_000 } else { 0 };
    app.comments.doc.item_top(index).expect("visible comment")
}

fn bench_render(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    for n in [10usize, 10_000] {
        let mut a = app(n);
        let start = start_line(&a, n);
        assert!(
            a.max_top(Pane::Comments) > start + 100,
            "the thread must scroll 100 lines"
        );
        a.comments.top = start;
        c.bench_function(&format!("frame_{n}_comments"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| parlor::tui::ui::draw(black_box(&a), f))
                    .map(drop)
            })
        });
        c.bench_function(&format!("scroll_step_{n}_comments"), |b| {
            b.iter(|| {
                if a.comments.top >= start + 100 {
                    a.comments.top = start;
                }
                a.update(Msg::Action(Action::ScrollDown));
                terminal
                    .draw(|f| parlor::tui::ui::draw(black_box(&a), f))
                    .map(drop)
            })
        });
    }
    let mut group = c.benchmark_group("big_thread");
    group.sample_size(10);
    // The plain generated thread (one body per comment), as the reader gets it.
    let mut a = App::new(Settings::default(), fixtures::now());
    a.update(Msg::Resize(200, 60));
    a.show(fixtures::generated_post(10_000), None);
    a.update(Msg::Action(Action::SwitchPane));
    group.bench_function("search_keystroke_10000_comments", |b| {
        b.iter(|| {
            a.update(Msg::Action(Action::Search));
            a.update(key(KeyCode::Char('e')));
            let drawn = terminal
                .draw(|f| parlor::tui::ui::draw(black_box(&a), f))
                .map(drop);
            a.update(key(KeyCode::Esc));
            drawn
        })
    });
    let mut wide = true;
    group.bench_function("resize_10000_comments", |b| {
        b.iter(|| {
            wide = !wide;
            a.update(Msg::Resize(if wide { 200 } else { 190 }, 60));
            terminal
                .draw(|f| parlor::tui::ui::draw(black_box(&a), f))
                .map(drop)
        })
    });
    group.finish();
    let post = fixtures::generated_post(10_000);
    let mut group = c.benchmark_group("wrap");
    group.sample_size(10);
    group.bench_function("wrap_10000_comments_once", |b| {
        b.iter(|| {
            let mut a = App::new(Settings::default(), fixtures::now());
            a.update(Msg::Resize(200, 60));
            a.show(black_box(post.clone()), None);
            a.comments.doc.height()
        })
    });
    group.finish();
    bench_discussion_tab(c, &mut terminal);
}

/// An HN discussion of 3,000 comments shown as a comment tab: switching to it (wrapping it
/// once) and a frame of it, beside the 3,000-comment blog thread.
fn bench_discussion_tab(c: &mut Criterion, terminal: &mut Terminal<TestBackend>) {
    let hn = parlor::threads::Thread {
        provider: "hn".into(),
        comments: fixtures::generated_post(3_000).comments,
        ..parlor::threads::Thread::default()
    };
    let mut a = app(3_000);
    a.source = "https://bread.example/sourdough/".into();
    a.update(Msg::Discussions {
        source: a.source.clone(),
        threads: vec![hn],
        failures: Vec::new(),
        new_comments: Vec::new(),
    });
    let mut group = c.benchmark_group("discussion_tab");
    group.sample_size(10);
    group.bench_function("switch_to_hn_tab_3000_comments", |b| {
        b.iter(|| {
            a.update(Msg::Action(Action::NextTab));
            a.update(Msg::Action(Action::NextTab));
            black_box(a.comments.doc.height())
        })
    });
    a.update(Msg::Action(Action::NextTab));
    assert!(a.on_discussion_tab());
    group.bench_function("frame_hn_tab_3000_comments", |b| {
        b.iter(|| {
            terminal
                .draw(|f| parlor::tui::ui::draw(black_box(&a), f))
                .map(drop)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
