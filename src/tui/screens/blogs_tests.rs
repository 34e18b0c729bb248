//! `App::update` for the Blogs, Posts and Replies screens (navigation, open, back, refresh
//! progress, a reply opened at its comment) and snapshots of the three screens at 80×24.

use super::{BlogsView, Browse};
use crate::store::{BlogSummary, ReplyRecord, StoredItem};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Msg, Settings};
use crate::tui::fixtures;
use crate::tui::layout::Pane;
use crate::tui::screens::Screen;
use crate::tui::worker::Loaded;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const BREAD: &str = "https://bread.example/";
const POST: &str = "https://bread.example/sourdough/";

fn now() -> i64 {
    fixtures::now().timestamp()
}

fn blog(url: &str, title: &str, counts: [u32; 4], error: Option<&str>) -> BlogSummary {
    BlogSummary {
        url: url.into(),
        feed_url: format!("{url}feed/"),
        title: title.into(),
        added_at: now() - 86_400 * 10,
        posts: counts[0],
        unread: counts[1],
        new_posts: counts[2],
        new_comments: counts[3],
        checked_at: Some(now() - 3 * 3600),
        last_error: error.map(str::to_string),
    }
}

pub(crate) fn blogs() -> Vec<BlogSummary> {
    vec![
        blog(BREAD, "Bread Notes", [12, 3, 1, 4], None),
        blog(
            "https://rust.example/",
            "Rust Log",
            [40, 0, 0, 0],
            Some("could not reach rust.example"),
        ),
        blog("https://cats.example/", "Cat Facts", [5, 5, 0, 2], None),
    ]
}

fn item(url: &str, title: &str, date: &str, comments: Option<u32>, new: u32) -> StoredItem {
    StoredItem {
        sub_url: BREAD.into(),
        url: url.into(),
        post_key: url.into(),
        title: title.into(),
        published: Some(format!("{date}T08:00:00Z")),
        comment_count: comments,
        new_comments: new,
        is_new: false,
        read: true,
        first_seen: now() - 86_400,
    }
}

pub(crate) fn posts() -> Vec<StoredItem> {
    let mut fresh = item(
        "https://bread.example/rye/",
        "Rye, slowly",
        "2026-11-27",
        Some(2),
        0,
    );
    fresh.is_new = true;
    fresh.read = false;
    let mut unread = item(
        "https://bread.example/starter/",
        "Feeding a starter",
        "2026-11-20",
        None,
        0,
    );
    unread.read = false;
    vec![
        fresh,
        item(POST, "A patient sourdough", "2026-11-26", Some(12), 3),
        unread,
    ]
}

fn reply(id: &str, author: &str, date: &str, text: &str, seen: bool) -> ReplyRecord {
    ReplyRecord {
        post_key: POST.into(),
        comment_id: id.into(),
        parent_id: "1".into(),
        author: author.into(),
        published: Some(format!("{date}T10:00:00Z")),
        published_text: None,
        text: text.into(),
        permalink: format!("{POST}#comment-{id}"),
        post_title: "A patient sourdough".into(),
        found_at: now() - 600,
        seen,
    }
}

pub(crate) fn replies() -> Vec<ReplyRecord> {
    vec![
        reply(
            "3",
            "Baker Bo",
            "2026-11-27",
            "\nAround 24 °C.\nColder works too.",
            false,
        ),
        reply("2", "Cy", "2026-11-25", "Same here!", true),
    ]
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn fresh_app() -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(80, 24));
    app
}

/// The Blogs screen over a fresh reader, rows read.
fn blogs_app() -> App {
    let mut app = fresh_app();
    assert_eq!(app.update(key('B')), vec![Effect::LoadBlogs]);
    assert!(app.browsing().is_some() && app.browse.loading);
    app.update(Msg::Blogs(Ok(blogs())));
    app
}

fn view(app: &App) -> &BlogsView {
    assert!(app.browsing().is_some(), "a browsing screen is shown");
    &app.browse
}

#[test]
fn blogs_to_posts_to_the_reader_and_back() {
    let mut app = blogs_app();
    assert_eq!(
        (app.browsing(), view(&app).loading),
        (Some(Browse::Blogs), false)
    );
    app.update(key('j'));
    app.update(key('j'));
    app.update(key('j'));
    assert_eq!(view(&app).blog_row, 2, "stops at the last row");
    app.update(key('g'));
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::LoadPosts { blog: BREAD.into() }]);
    assert_eq!(
        app.screens.screens(),
        [Screen::Reader, Screen::Blogs, Screen::Posts]
    );
    // An answer for another blog is dropped.
    app.update(Msg::Posts {
        blog: "https://cats.example/".into(),
        items: Ok(Vec::new()),
    });
    assert!(view(&app).loading);
    app.update(Msg::Posts {
        blog: BREAD.into(),
        items: Ok(posts()),
    });
    assert_eq!(view(&app).posts.len(), 3);
    app.update(key('j'));
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![
            Effect::MarkItemRead { url: POST.into() },
            Effect::Load {
                id: 1,
                source: POST.into(),
                offline: false
            }
        ]
    );
    assert_eq!(app.screens.top(), &Screen::Reader, "the reader is shown");
    let kept = &app.browse;
    assert_eq!(kept.posts[1].new_comments, 0, "read: no new comments left");
    app.update(Msg::Loaded {
        id: 1,
        result: Ok(Box::new(Loaded {
            post: fixtures::sample_post(),
            ..Loaded::default()
        })),
    });
    // q goes back to the Posts screen it came from, then one screen at a time, then out.
    let effects = app.update(key('q'));
    assert_eq!(
        effects.last(),
        Some(&Effect::LoadPosts { blog: BREAD.into() })
    );
    assert_eq!(app.browsing(), Some(Browse::Posts));
    assert_eq!(view(&app).post_row, 1);
    assert_eq!(app.update(key('q')), vec![Effect::LoadBlogs]);
    assert_eq!(app.browsing(), Some(Browse::Blogs));
    assert_eq!(app.update(code(KeyCode::Esc)), vec![Effect::Quit]);
}

#[test]
fn back_from_the_first_screen_quits_only_when_nothing_is_under_it() {
    let mut app = blogs_app();
    assert_eq!(app.update(key('q')), vec![Effect::Quit]);
    // Over the library: back to the library.
    let mut app = fresh_app();
    app.start(None, false);
    app.update(Msg::Library {
        entries: Ok(vec![crate::store::LibraryEntry {
            key: POST.into(),
            url: POST.into(),
            site: "Bread Notes".into(),
            title: "A patient sourdough".into(),
            last_read: Some(now()),
            fetched_at: now(),
            comment_count: 12,
            new_count: 0,
            discussions: Vec::new(),
        }]),
        start: true,
    });
    assert_eq!(app.update(key('B')), vec![Effect::LoadBlogs]);
    assert_eq!(
        app.update(key('q')),
        vec![Effect::LoadLibrary { start: false }],
        "back to the library, read again"
    );
    assert!(app.browsing().is_none() && app.library().is_some());
}

#[test]
fn refresh_all_shows_progress_then_a_summary_and_reloads() {
    let mut app = blogs_app();
    app.update(code(KeyCode::Enter));
    app.update(Msg::Posts {
        blog: BREAD.into(),
        items: Ok(posts()),
    });
    assert_eq!(app.update(key('R')), vec![Effect::RefreshBlogs]);
    assert_eq!(view(&app).progress, Some((0, 0)));
    assert_eq!(app.update(key('R')), vec![], "one refresh at a time");
    app.update(Msg::BlogProgress {
        done: 2,
        total: 5,
        label: "https://rust.example/feed/".into(),
    });
    assert_eq!(view(&app).progress, Some((2, 5)));
    let effects = app.update(Msg::BlogsRefreshed {
        text: "refreshed 3 blogs and 2 threads · 1 failed (x: y)".into(),
        failed: 1,
    });
    assert_eq!(effects, vec![Effect::LoadPosts { blog: BREAD.into() }]);
    assert_eq!(view(&app).progress, None);
    assert_eq!(
        app.message.as_ref().map(|m| (m.text.as_str(), m.error)),
        Some(("refreshed 3 blogs and 2 threads · 1 failed (x: y)", true))
    );
    // The reloaded list keeps the selection on the same blog.
    let mut reordered = blogs();
    reordered.rotate_left(1);
    app.update(Msg::Blogs(Ok(reordered)));
    assert_eq!(view(&app).blog_row, 2);
    assert_eq!(view(&app).blogs[2].url, BREAD);
    // Offline: nothing is refreshed.
    let mut offline = fresh_app();
    offline.start(Some(POST.into()), true);
    offline.update(key('B'));
    assert_eq!(offline.update(key('R')), vec![]);
}

#[test]
fn a_reply_opens_its_thread_at_the_reply_and_is_marked_seen() {
    let mut app = fresh_app();
    app.update(Msg::UnseenReplies(1));
    assert_eq!(app.unseen_replies, 1);
    assert_eq!(app.update(key('Y')), vec![Effect::LoadReplies]);
    app.update(Msg::Replies(Ok(replies())));
    assert_eq!(app.browsing(), Some(Browse::Replies));
    let effects = app.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![
            Effect::MarkReplySeen {
                post_key: POST.into(),
                comment_id: "3".into()
            },
            Effect::Load {
                id: 1,
                source: POST.into(),
                offline: false
            }
        ]
    );
    assert_eq!(app.unseen_replies, 0);
    assert_eq!(app.focus_after_load.as_deref(), Some("3"));
    app.update(Msg::Loaded {
        id: 1,
        result: Ok(Box::new(Loaded {
            post: fixtures::sample_post(),
            ..Loaded::default()
        })),
    });
    assert_eq!(app.focus, Pane::Comments);
    assert_eq!(app.post.comments[app.cursor].id, "3");
    assert_eq!(app.focus_after_load, None);
    // Y from the Blogs screen stacks the replies over it; q comes back to the blogs.
    let mut app = blogs_app();
    assert_eq!(app.update(key('Y')), vec![Effect::LoadReplies]);
    assert_eq!(
        app.screens.screens(),
        [Screen::Reader, Screen::Blogs, Screen::Replies]
    );
    assert_eq!(app.update(key('q')), vec![Effect::LoadBlogs]);
    assert_eq!(
        app.update(Msg::Action(Action::Replies)),
        vec![Effect::LoadReplies]
    );
}

fn snapshot(app: &App) -> ratatui::backend::TestBackend {
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal
        .draw(|f| crate::tui::ui::draw(app, f))
        .expect("draw");
    terminal.backend().clone()
}

#[test]
fn blogs_screen_80x24() {
    let mut app = blogs_app();
    app.update(Msg::UnseenReplies(2));
    insta::assert_snapshot!(snapshot(&app));
    app.update(key('j'));
    let screen = snapshot(&app).to_string();
    assert!(
        screen.contains("! last refresh failed: could not reach rust.example"),
        "{screen}"
    );
    let mut empty = fresh_app();
    empty.update(key('B'));
    empty.update(Msg::Blogs(Ok(Vec::new())));
    let screen = snapshot(&empty).to_string();
    assert!(screen.contains("`parlor add URL` follows one"), "{screen}");
}

#[test]
fn posts_screen_80x24() {
    let mut app = blogs_app();
    app.update(code(KeyCode::Enter));
    app.update(Msg::Posts {
        blog: BREAD.into(),
        items: Ok(posts()),
    });
    app.update(Msg::BlogProgress {
        done: 3,
        total: 7,
        label: String::new(),
    });
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn replies_screen_80x24() {
    let mut app = fresh_app();
    app.update(key('Y'));
    app.update(Msg::Replies(Ok(replies())));
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn unseen_replies_are_announced_in_the_reader_and_the_library() {
    let mut app = fresh_app();
    app.show(fixtures::sample_post(), None);
    app.update(Msg::UnseenReplies(2));
    let screen = snapshot(&app).to_string();
    let status = screen.lines().nth(23).unwrap_or_default();
    assert!(status.contains("2 replies to you · Y"), "{status}");
    app.update(Msg::UnseenReplies(1));
    app.update(key('L'));
    app.update(Msg::Library {
        entries: Ok(Vec::new()),
        start: false,
    });
    let screen = snapshot(&app).to_string();
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains(" 1 reply to you · Y "), "{top}");
    app.update(Msg::UnseenReplies(0));
    let screen = snapshot(&app).to_string();
    assert!(!screen.contains("to you"), "{screen}");
}
