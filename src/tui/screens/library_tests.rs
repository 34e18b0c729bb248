//! `App::update` for the library screen, progressive loading, new-comment markers, seen
//! reports and reading positions; a snapshot of the library screen at 80×24.

use crate::store::{LibraryEntry, ReadPosition};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Msg, Net, Settings};
use crate::tui::fixtures;
use crate::tui::layout::Pane;
use crate::tui::worker::{Loaded, WELCOME};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const URL: &str = "https://bread.example/sourdough/";

fn entry(key: &str, title: &str, site: &str, read: i64, comments: u32, new: u32) -> LibraryEntry {
    LibraryEntry {
        key: key.into(),
        url: key.into(),
        site: site.into(),
        title: title.into(),
        last_read: Some(read),
        fetched_at: read,
        comment_count: comments,
        new_count: new,
        discussions: Vec::new(),
    }
}

fn entries() -> Vec<LibraryEntry> {
    let now = fixtures::now().timestamp();
    vec![
        entry(
            URL,
            "Sourdough at altitude",
            "Bread Notes",
            now - 300,
            12,
            3,
        ),
        entry(
            "https://rust.example/async/",
            "Async Rust, again",
            "Rust Log",
            now - 7200,
            240,
            0,
        ),
        entry(
            "https://cats.example/naps/",
            "Why cats nap",
            "Cat Facts",
            now - 3 * 86_400,
            5,
            1,
        ),
    ]
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn library_app() -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(80, 24));
    assert_eq!(
        app.start(None, false),
        vec![Effect::LoadLibrary { start: true }]
    );
    let effects = app.update(Msg::Library {
        entries: Ok(entries()),
        start: true,
    });
    assert_eq!(effects, vec![]);
    app
}

/// An app showing the sample post as if loaded from `URL` (load id 1).
fn post_app(new: &[&str], refreshing: bool) -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(80, 24));
    let effects = app.start(Some(URL.into()), false);
    assert_eq!(
        effects,
        vec![Effect::Load {
            id: 1,
            source: URL.into(),
            offline: false
        }]
    );
    app.update(Msg::Loaded {
        id: 1,
        result: Ok(Box::new(Loaded {
            post: fixtures::sample_post(),
            note: Some("stored copy from 2026-11-27 10:00".into()),
            new_comments: new.iter().map(|s| s.to_string()).collect(),
            refreshing,
            position: None,
        })),
    });
    app
}

#[test]
fn empty_library_at_start_opens_the_welcome_post() {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.start(None, false);
    let effects = app.update(Msg::Library {
        entries: Ok(Vec::new()),
        start: true,
    });
    assert_eq!(
        effects,
        vec![Effect::Load {
            id: 1,
            source: WELCOME.into(),
            offline: false
        }]
    );
    assert!(app.library().is_none());
}

#[test]
fn rows_move_open_filter_and_go_back() {
    let mut app = library_app();
    let view = app.library().expect("library shown");
    assert_eq!(view.visible(), vec![0, 1, 2]);
    app.update(key('j'));
    app.update(key('j'));
    app.update(key('j'));
    let selected = app
        .library()
        .and_then(|v| v.selected_entry())
        .map(|e| e.key.clone());
    assert_eq!(selected.as_deref(), Some("https://cats.example/naps/"));
    app.update(key('k'));
    // `/` filters as you type (title, site or URL); Enter keeps the filter.
    app.update(key('/'));
    for c in "rust".chars() {
        app.update(key(c));
    }
    app.update(code(KeyCode::Enter));
    let view = app.library().expect("library");
    assert_eq!((view.filter.as_str(), view.visible()), ("rust", vec![1]));
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::Load {
            id: 1,
            source: "https://rust.example/async/".into(),
            offline: false
        }]
    );
    assert!(app.library().is_none(), "opening leaves the library");
    // Back in the library with no post loaded yet: q quits.
    let mut app = library_app();
    assert_eq!(app.update(key('q')), vec![Effect::Quit]);
}

#[test]
fn delete_asks_first_and_refresh_all_reports_progress() {
    let mut app = library_app();
    app.update(key('x'));
    let msg = app.message.as_ref().map(|m| m.text.clone());
    assert_eq!(
        msg.as_deref(),
        Some("delete “Sourdough at altitude” from the library? y/n")
    );
    assert_eq!(app.update(key('n')), vec![]);
    assert_eq!(app.library().map(|v| v.entries.len()), Some(3));
    app.update(key('x'));
    assert_eq!(
        app.update(key('y')),
        vec![Effect::DeletePost { key: URL.into() }]
    );
    assert_eq!(app.library().map(|v| v.entries.len()), Some(2));
    let effects = app.update(key('A'));
    assert_eq!(
        effects,
        vec![Effect::RefreshPosts {
            urls: vec![
                "https://rust.example/async/".into(),
                "https://cats.example/naps/".into()
            ]
        }]
    );
    app.update(Msg::Progress {
        done: 1,
        total: 2,
        failed: 0,
    });
    assert_eq!(app.library().and_then(|v| v.progress), Some((1, 2, 0)));
    app.update(Msg::Progress {
        done: 2,
        total: 2,
        failed: 1,
    });
    assert_eq!(app.library().and_then(|v| v.progress), None);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("refreshed 1 of 2 · 1 failed (offline?)")
    );
    let mut offline = App::new(Settings::default(), fixtures::now());
    offline.start(None, true);
    offline.update(Msg::Library {
        entries: Ok(entries()),
        start: true,
    });
    assert_eq!(offline.update(key('R')), vec![]);
}

#[test]
fn stored_copy_then_changed_page_keeps_the_place_and_marks_new() {
    let mut app = post_app(&[], true);
    assert!(app.checking && app.is_loading(), "checking for changes");
    app.update(Msg::Action(Action::NextComment));
    app.update(Msg::Action(Action::NextComment));
    let cursor_id = app.post.comments[app.cursor].id.clone();
    let top = app.comments.top;
    // The check found a changed page with one new comment at the end.
    let mut post = fixtures::sample_post();
    let mut extra = post.comments[0].clone();
    extra.id = "c-new".into();
    extra.parent = None;
    extra.depth = 0;
    post.comments.push(extra);
    app.update(Msg::Loaded {
        id: 1,
        result: Ok(Box::new(Loaded {
            post,
            note: None,
            new_comments: vec!["c-new".into()],
            refreshing: false,
            position: Some(ReadPosition::default()),
        })),
    });
    assert_eq!(app.net, Net::Idle);
    assert!(!app.checking);
    assert_eq!(app.post.comments[app.cursor].id, cursor_id);
    assert_eq!(app.comments.top, top, "the view did not move");
    assert_eq!(app.new_count(), 1);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("updated from the server · 1 new")
    );
    app.update(Msg::Action(Action::NextNew));
    assert_eq!(app.post.comments[app.cursor].id, "c-new");
}

#[test]
fn a_304_or_a_dead_network_clears_the_check_with_one_note() {
    let mut app = post_app(&[], true);
    app.update(Msg::Checked {
        id: 1,
        note: Some("offline copy from 2026-11-27 10:00".into()),
        message: Some("could not check for changes: connection refused".into()),
    });
    assert_eq!(app.net, Net::Idle);
    assert_eq!(
        app.note.as_deref(),
        Some("offline copy from 2026-11-27 10:00")
    );
    assert_eq!(
        app.message.as_ref().map(|m| (m.text.as_str(), m.error)),
        Some(("could not check for changes: connection refused", false))
    );
    // A stale answer (an older load) changes nothing.
    app.update(Msg::Checked {
        id: 0,
        note: None,
        message: None,
    });
    assert_eq!(
        app.note.as_deref(),
        Some("offline copy from 2026-11-27 10:00")
    );
}

#[test]
fn comments_on_screen_are_reported_seen_once() {
    let mut app = post_app(&["2"], false);
    assert_eq!(app.new_count(), 1);
    assert_eq!(
        app.take_seen(),
        None,
        "the comments pane is hidden at 80 columns"
    );
    app.update(Msg::Action(Action::SwitchPane));
    let on_screen: Vec<String> = app
        .comments_on_screen()
        .iter()
        .map(|&i| app.post.comments[i].id.clone())
        .collect();
    assert!(!on_screen.is_empty());
    assert_eq!(
        app.take_seen(),
        Some(Effect::MarkSeen {
            source: URL.into(),
            ids: on_screen
        })
    );
    assert_eq!(app.take_seen(), None, "each comment is reported once");
}

#[test]
fn position_is_saved_on_leaving_and_restored_on_reopening() {
    let mut app = post_app(&[], false);
    app.update(Msg::Action(Action::NextComment));
    app.update(Msg::Action(Action::NextComment));
    let position = app.read_position();
    assert_eq!(position.pane, "comments");
    assert_eq!(
        position.comment_id.as_deref(),
        Some(app.post.comments[app.cursor].id.as_str())
    );
    let effects = app.update(Msg::Action(Action::Library));
    assert!(
        effects.contains(&Effect::SavePosition {
            source: URL.into(),
            position: position.clone()
        }),
        "{effects:?}"
    );
    assert_eq!(effects.last(), Some(&Effect::LoadLibrary { start: false }));
    // Reopened in a fresh reader: the saved position comes with the stored copy.
    let mut again = App::new(Settings::default(), fixtures::now());
    again.update(Msg::Resize(80, 24));
    again.start(Some(URL.into()), true);
    again.update(Msg::Loaded {
        id: 1,
        result: Ok(Box::new(Loaded {
            post: fixtures::sample_post(),
            position: Some(position.clone()),
            ..Loaded::default()
        })),
    });
    assert_eq!(again.focus, Pane::Comments);
    assert_eq!(again.read_position(), position);
    // R reloads the post on screen: the place is kept, the older saved position is not used.
    again.update(Msg::Action(Action::NextComment));
    let here = again.read_position();
    assert_ne!(here, position);
    let effects = again.update(Msg::Action(Action::Reload));
    assert_eq!(
        effects,
        vec![Effect::Load {
            id: 2,
            source: URL.into(),
            offline: true
        }]
    );
    again.update(Msg::Loaded {
        id: 2,
        result: Ok(Box::new(Loaded {
            post: fixtures::sample_post(),
            position: Some(position),
            ..Loaded::default()
        })),
    });
    assert_eq!(again.read_position(), here);
}

#[test]
fn library_screen_80x24() {
    let mut app = library_app();
    app.update(key('j'));
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal
        .draw(|f| crate::tui::ui::draw(&app, f))
        .expect("draw");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_big_post_shows_its_article_first_then_the_comments() {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(80, 24));
    app.start(Some(URL.into()), true);
    let position = ReadPosition {
        pane: "article".into(),
        comment_id: Some("250".into()),
        ..ReadPosition::default()
    };
    app.update(Msg::Loaded {
        id: 1,
        result: Ok(Box::new(Loaded {
            post: fixtures::generated_post(300),
            position: Some(position),
            ..Loaded::default()
        })),
    });
    assert!(app.comments_deferred);
    assert_eq!(app.comments.doc.item_count(), 0, "comments not wrapped yet");
    assert!(app.article.doc.item_count() > 0);
    assert_eq!(crate::tui::ui::comments_label(&app), "Comments (300)");
    assert_eq!(app.comments_on_screen(), Vec::<usize>::new());
    assert!(app.finish_deferred());
    assert!(!app.finish_deferred(), "once");
    assert_eq!(app.comments.doc.item_count(), 300);
    assert_eq!(
        app.post.comments[app.cursor].id, "250",
        "position applied again"
    );
    assert_eq!(crate::tui::ui::comments_label(&app), "Comments (300)");
    // Small posts (and side-by-side screens) wrap everything at once.
    let small = post_app(&[], false);
    assert!(!small.comments_deferred);
}
