//! The reader without a terminal: `App::update` for every action (this file), and whole-screen
//! snapshots (TestBackend + insta) at 80×24 and 160×48 plus the welcome post (`tui/screens.rs`).

#[path = "tui/screens.rs"]
mod screens;

#[path = "tui/blogs_worker.rs"]
mod blogs_worker;

#[path = "tui/navigation.rs"]
mod navigation;

#[path = "tui/tabs.rs"]
mod tabs;

#[path = "blogs/support.rs"]
#[allow(dead_code)]
mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use parlor::tui::action::Action;
use parlor::tui::app::{App, Effect, Mode, Msg, Net, Settings};
use parlor::tui::fixtures;
use parlor::tui::layout::Pane;
use parlor::tui::screens::Screen;
use parlor::tui::worker::Loaded;

pub(crate) fn app(width: u16, height: u16) -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(width, height));
    app.show(fixtures::sample_post(), None);
    app
}

fn big_app(width: u16, height: u16, comments: usize) -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(width, height));
    app.show(fixtures::generated_post(comments), None);
    app
}

pub(crate) fn act(app: &mut App, action: Action) -> Vec<Effect> {
    app.update(Msg::Action(action))
}

pub(crate) fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub(crate) fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

fn comments_top_item(app: &App) -> usize {
    app.comments
        .doc
        .item_at_line(app.comments.top)
        .map(|(i, _)| i)
        .expect("a visible item")
}

#[test]
fn line_and_page_scrolling() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    assert_eq!(a.focus, Pane::Comments);
    let view = a.viewport(Pane::Comments);
    assert_eq!(view, 22);
    act(&mut a, Action::ScrollDown);
    assert_eq!(a.comments.top, 1);
    act(&mut a, Action::ScrollUp);
    assert_eq!(a.comments.top, 0);
    act(&mut a, Action::ScrollUp);
    assert_eq!(a.comments.top, 0, "clamped at the top");
    act(&mut a, Action::HalfPageDown);
    assert_eq!(a.comments.top, 11);
    act(&mut a, Action::HalfPageUp);
    assert_eq!(a.comments.top, 0);
    act(&mut a, Action::PageDown);
    assert_eq!(a.comments.top, 21.min(a.max_top(Pane::Comments)));
    act(&mut a, Action::PageUp);
    assert_eq!(a.comments.top, 0);
    act(&mut a, Action::Bottom);
    let max = a.max_top(Pane::Comments);
    assert!(max > 0);
    assert_eq!(a.comments.top, max);
    assert_eq!(
        a.comments.top + view,
        a.comments.doc.height(),
        "last line at the bottom"
    );
    assert_eq!(
        Some(&a.cursor),
        a.comments.doc.visible_items().last(),
        "G selects the last comment"
    );
    act(&mut a, Action::Top);
    assert_eq!(a.comments.top, 0);
    assert_eq!(a.cursor, 0, "g selects the first comment");
    assert_eq!(a.article.top, 0, "the article pane did not move");
}

#[test]
fn keys_map_to_actions() {
    let mut a = app(80, 24);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.focus, Pane::Comments);
    a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('J'),
        KeyModifiers::SHIFT,
    )));
    assert_eq!(a.cursor, 1);
    a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('d'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(
        a.comments.top,
        a.comments.doc.item_top(1).expect("visible") + 1 + 11
    );
    key(&mut a, KeyCode::Home);
    assert_eq!(a.comments.top, 0);
    key(&mut a, KeyCode::BackTab);
    assert_eq!(a.focus, Pane::Article);
}

#[test]
fn comment_jumps() {
    let mut a = app(80, 24);
    act(&mut a, Action::NextComment);
    assert_eq!(a.focus, Pane::Comments, "jumping focuses the comments");
    assert_eq!(a.cursor, 1);
    assert_eq!(
        a.comments.top,
        a.comments.doc.item_top(1).expect("visible") + 1
    );
    act(&mut a, Action::NextComment);
    act(&mut a, Action::NextComment);
    assert_eq!(a.cursor, 3);
    act(&mut a, Action::Parent);
    assert_eq!(a.cursor, 2);
    act(&mut a, Action::Parent);
    assert_eq!(a.cursor, 1);
    act(&mut a, Action::NextSibling);
    assert_eq!(a.cursor, 4, "comment 5 is the next reply to comment 1");
    act(&mut a, Action::NextSibling);
    assert_eq!(a.cursor, 4);
    assert_eq!(message(&a), "no further reply at this level");
    act(&mut a, Action::PrevComment);
    assert_eq!(a.cursor, 3);
    act(&mut a, Action::NextTopLevel);
    assert_eq!(a.cursor, 5);
    act(&mut a, Action::PrevComment);
    assert_eq!(
        a.cursor, 4,
        "K goes to the previous comment in thread order"
    );
    for _ in 0..5 {
        act(&mut a, Action::PrevComment);
    }
    assert_eq!(a.cursor, 0);
    assert_eq!(message(&a), "this is the first comment");
    act(&mut a, Action::Parent);
    assert_eq!(message(&a), "this is a top-level comment");
}

#[test]
fn fold_and_unfold_a_sub_thread() {
    let mut a = app(80, 24);
    act(&mut a, Action::ToggleFold);
    assert_eq!(
        message(&a),
        "folding works on comments: Tab to the comments"
    );
    act(&mut a, Action::SwitchPane);
    act(&mut a, Action::ToggleFold);
    assert!(a.is_folded(0));
    assert_eq!(a.comments.doc.visible_items(), &[0, 5, 6, 7, 8, 9, 10, 11]);
    let tail = a.comments.doc.items()[0]
        .tail
        .as_ref()
        .expect("fold marker")
        .to_string();
    assert_eq!(tail, " + 4 replies");
    act(&mut a, Action::NextComment);
    assert_eq!(a.cursor, 5, "J skips the folded replies");
    act(&mut a, Action::PrevComment);
    key(&mut a, KeyCode::Enter);
    assert!(!a.is_folded(0));
    assert_eq!(a.comments.doc.visible_items().len(), 12);
    act(&mut a, Action::NextComment);
    act(&mut a, Action::NextComment);
    act(&mut a, Action::NextComment);
    act(&mut a, Action::ToggleFold);
    assert_eq!(message(&a), "this comment has no replies to fold");
}

#[test]
fn fold_by_depth_level() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    for _ in 0..20 {
        act(&mut a, Action::FoldLevel);
    }
    assert_eq!(a.fold_level, Some(1));
    assert_eq!(a.comments.doc.visible_items(), &[0, 5, 7, 11]);
    assert_eq!(message(&a), "showing 1 of 9 levels");
    act(&mut a, Action::UnfoldLevel);
    assert_eq!(a.comments.doc.visible_items(), &[0, 1, 4, 5, 6, 7, 8, 11]);
    for _ in 0..20 {
        act(&mut a, Action::UnfoldLevel);
    }
    assert_eq!(a.fold_level, None);
    assert_eq!(a.comments.doc.visible_items().len(), 12);
}

#[test]
fn search_highlights_cycles_and_unfolds() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    act(&mut a, Action::NextTopLevel);
    act(&mut a, Action::NextTopLevel);
    assert_eq!(a.cursor, 7);
    act(&mut a, Action::ToggleFold);
    act(&mut a, Action::Top);
    assert!(!a.comments.doc.is_visible(8));
    act(&mut a, Action::Search);
    assert_eq!(a.mode, Mode::Search(String::new()));
    typed(&mut a, "poke");
    let search = a.search.clone().expect("search");
    assert_eq!(search.pane, Pane::Comments);
    assert_eq!(search.matches.len(), 3, "{:?}", search.matches);
    assert_eq!(search.position(), "1/3");
    assert_eq!(search.matches[0].item, 8);
    assert!(
        a.comments.doc.is_visible(8),
        "the match unfolded its sub-thread"
    );
    assert!(!a.is_folded(7));
    assert_eq!(a.cursor, 8);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.mode, Mode::Normal);
    act(&mut a, Action::NextMatch);
    assert_eq!(
        a.search.as_ref().map(|s| s.position()),
        Some("2/3".to_string())
    );
    act(&mut a, Action::NextMatch);
    act(&mut a, Action::NextMatch);
    assert_eq!(
        a.search.as_ref().map(|s| s.position()),
        Some("1/3".to_string())
    );
    act(&mut a, Action::PrevMatch);
    assert_eq!(
        a.search.as_ref().map(|s| s.position()),
        Some("3/3".to_string())
    );
    assert_eq!(a.search.as_ref().map(|s| s.matches[2].item), Some(9));
    act(&mut a, Action::Cancel);
    assert_eq!(a.search, None);
    act(&mut a, Action::NextMatch);
    assert_eq!(message(&a), "no search: press / to search");
}

#[test]
fn search_backspace_escape_and_not_found() {
    let mut a = app(80, 24);
    act(&mut a, Action::Search);
    typed(&mut a, "zzz");
    assert_eq!(a.search.as_ref().map(|s| s.matches.len()), Some(0));
    key(&mut a, KeyCode::Backspace);
    assert_eq!(a.mode, Mode::Search("zz".into()));
    key(&mut a, KeyCode::Enter);
    assert_eq!(message(&a), "not found: zz");
    act(&mut a, Action::Search);
    typed(&mut a, "Flour");
    assert_eq!(
        a.search.as_ref().map(|s| s.matches.len()),
        Some(0),
        "upper case: exact case"
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.search, None);
}

#[test]
fn follow_links_by_number() {
    let mut a = app(80, 24);
    assert_eq!(
        a.links,
        vec![
            "https://bread.example/starter",
            "https://bread.example/loaf.jpg",
            "https://bread.example/poke"
        ]
    );
    act(&mut a, Action::FollowLink);
    assert_eq!(a.mode, Mode::Link(String::new()));
    let effects = key(&mut a, KeyCode::Char('3'));
    assert_eq!(
        effects,
        vec![Effect::OpenUrl("https://bread.example/poke".into())]
    );
    assert_eq!(a.mode, Mode::Normal);
    act(&mut a, Action::FollowLink);
    key(&mut a, KeyCode::Char('0'));
    let effects = key(&mut a, KeyCode::Enter);
    assert!(effects.is_empty());
    assert_eq!(message(&a), "no link [0] (1–3)");
    act(&mut a, Action::FollowLink);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn open_post_and_stub_actions() {
    let mut a = app(80, 24);
    assert_eq!(
        act(&mut a, Action::OpenPost),
        vec![Effect::OpenUrl("https://bread.example/sourdough/".into())]
    );
    for action in [Action::Reply, Action::Comment, Action::Editor] {
        assert!(act(&mut a, action).is_empty());
        assert_eq!(message(&a), "comments are closed on this post");
    }
    assert_eq!(
        act(&mut a, Action::Library),
        vec![Effect::LoadLibrary { start: false }]
    );
    assert!(a.library().is_some(), "the library screen is shown");
    act(&mut a, Action::Quit);
    assert!(a.library().is_none(), "q goes back to the post");
    act(&mut a, Action::NextNew);
    assert_eq!(message(&a), "no new comments since your last visit");
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.message, None, "a key clears the message");
    let mut welcome = app(80, 24);
    welcome.post.url = parlor::tui::worker::WELCOME_URL.into();
    assert!(act(&mut welcome, Action::OpenPost).is_empty());
    assert_eq!(message(&welcome), "this post has no web page to open");
}

#[test]
fn help_quit_and_ctrl_c() {
    let mut a = app(80, 24);
    act(&mut a, Action::Help);
    assert_eq!(a.screens.top(), &Screen::Help(0));
    key(&mut a, KeyCode::Char('j'));
    assert_eq!(a.screens.top(), &Screen::Help(1));
    assert!(
        key(&mut a, KeyCode::Char('q')).is_empty(),
        "q closes help first"
    );
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(act(&mut a, Action::Quit), vec![Effect::Quit]);
    let mut b = app(80, 24);
    act(&mut b, Action::Search);
    let effects = b.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert_eq!(effects, vec![Effect::Quit], "Ctrl-C leaves from any mode");
}

#[test]
fn loading_reload_and_stale_results() {
    let mut a = App::new(Settings::default(), fixtures::now());
    let effects = a.open("https://bread.example/sourdough/".into(), false);
    assert_eq!(
        effects,
        vec![Effect::Load {
            id: 1,
            source: "https://bread.example/sourdough/".into(),
            offline: false
        }]
    );
    assert!(a.is_loading());
    let effects = act(&mut a, Action::Reload);
    assert_eq!(
        effects,
        vec![Effect::Load {
            id: 2,
            source: "https://bread.example/sourdough/".into(),
            offline: false
        }]
    );
    let loaded = Loaded {
        post: fixtures::sample_post(),
        note: Some("offline copy from 2026-11-28".into()),
        new_comments: Vec::new(),
        ..Loaded::default()
    };
    a.update(Msg::Loaded {
        id: 1,
        result: Ok(Box::new(loaded.clone())),
    });
    assert!(a.is_loading(), "the stale answer to request 1 is dropped");
    assert_eq!(a.post.comments.len(), 0);
    a.update(Msg::Loaded {
        id: 2,
        result: Ok(Box::new(loaded)),
    });
    assert_eq!(a.net, Net::Idle);
    assert_eq!(a.post.comments.len(), 12);
    assert_eq!(a.note.as_deref(), Some("offline copy from 2026-11-28"));
    act(&mut a, Action::NextComment);
    act(&mut a, Action::NextTopLevel);
    act(&mut a, Action::ToggleFold);
    act(&mut a, Action::Top);
    act(&mut a, Action::NextComment);
    act(&mut a, Action::NextComment);
    act(&mut a, Action::Reload);
    a.update(Msg::Loaded {
        id: 3,
        result: Err("connection refused".into()),
    });
    assert_eq!(a.net, Net::Failed("connection refused".into()));
    assert_eq!(a.post.comments.len(), 12, "a failed reload keeps the post");
    act(&mut a, Action::Reload);
    a.update(Msg::Loaded {
        id: 4,
        result: Ok(Box::new(Loaded {
            post: fixtures::sample_post(),
            new_comments: vec!["6".into(), "9".into()],
            ..Loaded::default()
        })),
    });
    assert_eq!(
        a.cursor, 2,
        "a reload keeps the current comment (g selected the first)"
    );
    assert!(a.is_folded(5), "and the folds");
    assert!(!a.comments.doc.is_visible(6));
    assert_eq!(a.new_count(), 2);
    let header = a.comments.doc.items()[5].lines[1].to_string();
    assert_eq!(header, " Eve · 20 Nov 2026 12:00  ● new ");
    a.cursor = 0;
    act(&mut a, Action::NextNew);
    assert_eq!(a.cursor, 5);
    act(&mut a, Action::NextNew);
    assert_eq!(a.cursor, 8);
    act(&mut a, Action::NextNew);
    assert_eq!(a.cursor, 5, "`.` wraps around to the first new comment");
    assert_eq!(message(&a), "back to the first new comment");
    act(&mut a, Action::MarkAllRead);
    assert_eq!(a.new_count(), 0, "m: nothing new is left");
    act(&mut a, Action::NextNew);
    assert_eq!(message(&a), "no new comments since your last visit");
    a.update(Msg::tick());
    assert_eq!(a.spinner, 1);
}

#[test]
fn mouse_scrolls_the_pane_under_the_pointer_and_click_focuses() {
    let mut a = big_app(160, 48, 100);
    let mouse = |kind, column| {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    a.update(mouse(MouseEventKind::ScrollDown, 120));
    assert_eq!(a.comments.top, 3);
    assert_eq!(a.article.top, 0);
    assert_eq!(a.focus, Pane::Article);
    a.update(mouse(MouseEventKind::Down(MouseButton::Left), 120));
    assert_eq!(a.focus, Pane::Comments);
    a.update(mouse(MouseEventKind::ScrollUp, 120));
    assert_eq!(a.comments.top, 0);
}

#[test]
fn resize_rewraps_and_keeps_the_first_visible_comment() {
    let mut a = big_app(80, 24, 200);
    for _ in 0..5 {
        act(&mut a, Action::NextTopLevel);
    }
    assert_eq!(a.cursor, 30);
    assert_eq!(comments_top_item(&a), 30);
    let old_height = a.comments.doc.height();
    a.update(Msg::Resize(50, 20));
    assert_eq!(a.comments.doc.width, 48);
    assert!(
        a.comments.doc.height() > old_height,
        "narrower means more lines"
    );
    assert_eq!(comments_top_item(&a), 30);
    a.update(Msg::Resize(160, 48));
    assert!(a.layout.side_by_side);
    assert_eq!(comments_top_item(&a), 30);
    assert_eq!(a.cursor, 30);
}

/// Issue #14: a form that needs a browser (captcha, sign-in wall) is said before typing, and a
/// page whose comments go through a comment system names it instead of "closed".
#[test]
fn reply_says_before_typing_when_it_needs_a_browser() {
    let mut a = app(100, 30);
    act(&mut a, Action::SwitchPane);
    let mut post = fixtures::sample_post();
    post.reply_in_browser = Some("this blog asks for a captcha".into());
    a.show(post, None);
    assert!(act(&mut a, Action::Reply).is_empty());
    assert!(a.compose.is_none());
    let msg = a
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert_eq!(
        msg,
        "reply in browser: this blog asks for a captcha (o opens the post)"
    );
    let mut post = fixtures::sample_post();
    post.reply_form = None;
    post.comment_system = Some(parlor::model::CommentSystem {
        name: "disqus".into(),
        ..Default::default()
    });
    a.show(post, None);
    act(&mut a, Action::Reply);
    let msg = a
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert_eq!(
        msg,
        "Disqus takes replies only through its own embed, signed in to Disqus (o opens the post)"
    );
}
