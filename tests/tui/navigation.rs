//! Every navigation outcome of the screen stack through `App::update`: push, pop, open, the
//! last screen quitting, overlays, the Drafts screen's open/send/delete, the message log,
//! mouse select and fold.

use super::{act, app, key, typed};
use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use parlor::store::{Draft, LibraryEntry};
use parlor::tui::action::Action;
use parlor::tui::app::{App, Effect, Msg};
use parlor::tui::layout::Pane;
use parlor::tui::screens::Screen;

const POST: &str = "https://bread.example/sourdough/";

fn entry(key: &str, title: &str) -> LibraryEntry {
    LibraryEntry {
        key: key.into(),
        url: key.into(),
        site: "Bread Notes".into(),
        title: title.into(),
        last_read: None,
        fetched_at: 0,
        comment_count: 12,
        new_count: 3,
        discussions: Vec::new(),
    }
}

fn library_over_reader() -> App {
    let mut a = app(80, 24);
    a.source = POST.into();
    act(&mut a, Action::Library);
    a.update(Msg::Library {
        entries: Ok(vec![
            entry(POST, "A patient sourdough"),
            entry("https://x.example/", "X"),
        ]),
        start: false,
    });
    a
}

fn kinds(a: &App) -> Vec<&'static str> {
    a.screens
        .screens()
        .iter()
        .map(|s| match s {
            Screen::Reader => "reader",
            Screen::Library(_) => "library",
            Screen::Blogs => "blogs",
            Screen::Posts => "posts",
            Screen::Replies => "replies",
            Screen::Help(_) => "help",
            Screen::Messages(_) => "messages",
            Screen::Drafts(_) => "drafts",
        })
        .collect()
}

#[test]
fn push_pop_and_open_from_the_library() {
    let mut a = library_over_reader();
    assert_eq!(kinds(&a), ["reader", "library"]);
    // Open: the reader moves over the library.
    key(&mut a, KeyCode::Char('j'));
    let effects = key(&mut a, KeyCode::Enter);
    assert!(
        matches!(effects.last(), Some(Effect::Load { source, .. }) if source == "https://x.example/"),
        "{effects:?}"
    );
    assert_eq!(kinds(&a), ["library", "reader"]);
    // q goes back to the list it came from, read again.
    assert_eq!(
        key(&mut a, KeyCode::Char('q')).last(),
        Some(&Effect::LoadLibrary { start: false })
    );
    assert_eq!(kinds(&a), ["library"]);
    // From the last screen, q quits.
    assert_eq!(key(&mut a, KeyCode::Char('q')).last(), Some(&Effect::Quit));
}

#[test]
fn esc_clears_a_filter_before_it_leaves() {
    let mut a = library_over_reader();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "patient");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.library().map(|v| v.visible().len()), Some(1));
    assert!(key(&mut a, KeyCode::Esc).is_empty());
    assert_eq!(
        a.library().map(|v| v.filter.as_str()),
        Some(""),
        "filter cleared"
    );
    assert_eq!(kinds(&a), ["reader", "library"], "still on the library");
    key(&mut a, KeyCode::Esc);
    assert_eq!(kinds(&a), ["reader"], "the second Esc goes back");
}

#[test]
fn mark_all_read_from_the_library_and_the_reader() {
    let mut a = library_over_reader();
    assert_eq!(
        act(&mut a, Action::MarkAllRead),
        vec![Effect::MarkPostRead { key: POST.into() }]
    );
    assert_eq!(a.library().map(|v| v.entries[0].new_count), Some(0));
    let mut r = app(80, 24);
    r.mark_new(&["3".into(), "5".into()]);
    assert_eq!(r.new_count(), 2);
    act(&mut r, Action::MarkAllRead);
    assert_eq!(r.new_count(), 0);
}

#[test]
fn overlays_and_the_message_log() {
    let mut a = app(80, 24);
    act(&mut a, Action::OpenPost);
    act(&mut a, Action::Reply);
    let said = a.message.clone().map(|m| m.text).unwrap_or_default();
    act(&mut a, Action::Help);
    assert_eq!(kinds(&a), ["reader", "help"]);
    // Every motion key scrolls help.
    for (k, want) in [('j', 1), ('G', 0), ('g', 0)] {
        key(&mut a, KeyCode::Char(k));
        if k == 'j' {
            assert_eq!(a.screens.top(), &Screen::Help(want));
        }
    }
    assert!(matches!(a.screens.top(), Screen::Help(0)));
    key(&mut a, KeyCode::Esc);
    assert_eq!(kinds(&a), ["reader"]);
    act(&mut a, Action::Messages);
    assert_eq!(kinds(&a), ["reader", "messages"]);
    let last = a.log.entries().last().map(|e| e.text.clone());
    assert_eq!(last, Some(said), "the log keeps the last message in full");
    key(&mut a, KeyCode::Char('M'));
    assert_eq!(kinds(&a), ["reader"], "its own key closes the log");
}

fn draft(parent: Option<&str>, body: &str) -> Draft {
    Draft {
        post_key: POST.into(),
        post_title: Some("A patient sourdough".into()),
        parent_id: parent.map(str::to_string),
        body: body.into(),
        updated_at: 0,
    }
}

#[test]
fn drafts_open_send_delete_and_back() {
    let mut a = app(80, 24);
    assert_eq!(act(&mut a, Action::Drafts), vec![Effect::LoadDrafts]);
    a.update(Msg::Drafts(Ok(vec![
        draft(Some("3"), "half a thought"),
        draft(None, "a comment"),
    ])));
    assert_eq!(kinds(&a), ["reader", "drafts"]);
    // s sends the selected draft as it is.
    let effects = key(&mut a, KeyCode::Char('s'));
    assert!(
        matches!(&effects[..], [Effect::Submit { parent: Some(p), body, .. }] if p == "3" && body == "half a thought"),
        "{effects:?}"
    );
    // x asks; n keeps; x then y deletes (an empty save deletes the draft).
    key(&mut a, KeyCode::Char('x'));
    assert!(key(&mut a, KeyCode::Char('n')).is_empty());
    key(&mut a, KeyCode::Char('x'));
    assert_eq!(
        key(&mut a, KeyCode::Char('y')),
        vec![Effect::SaveDraft {
            post_key: POST.into(),
            parent: Some("3".into()),
            body: String::new()
        }]
    );
    // Enter opens the post; q comes back to the drafts, read again.
    let effects = key(&mut a, KeyCode::Enter);
    assert!(matches!(effects.last(), Some(Effect::Load { source, .. }) if source == POST));
    assert_eq!(kinds(&a), ["drafts", "reader"]);
    assert_eq!(key(&mut a, KeyCode::Char('q')), vec![Effect::LoadDrafts]);
    assert_eq!(kinds(&a), ["drafts"]);
    assert_eq!(key(&mut a, KeyCode::Esc).last(), Some(&Effect::Quit));
}

#[test]
fn a_click_selects_a_comment_and_its_header_folds_it() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    let content = a.layout.comments.content;
    // Comment 0 (Ada) has replies; its header is line 1 of its item.
    let header_row = |a: &App, i: usize| {
        let top = a.comments.doc.item_top(i).expect("shown");
        content.y + u16::try_from(top + 1 - a.comments.top).expect("on screen")
    };
    let click = |row| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let second = a.comments.doc.visible_items()[1];
    let row = header_row(&a, second) + 1;
    a.update(click(row));
    assert_eq!(a.cursor, second, "a click on the body selects");
    assert_eq!(a.focus, Pane::Comments);
    let row = header_row(&a, 0);
    a.update(click(row));
    assert_eq!(a.cursor, 0);
    assert!(a.is_folded(0), "a click on the header folds");
    a.update(click(row));
    assert!(!a.is_folded(0), "and unfolds");
}

#[test]
fn g_and_shift_g_move_the_selection_and_brace_goes_back() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    act(&mut a, Action::Bottom);
    let last = *a.comments.doc.visible_items().last().expect("comments");
    assert_eq!(a.cursor, last);
    act(&mut a, Action::PrevTopLevel);
    let top_level = a.cursor;
    assert_eq!(a.post.comments[top_level].depth, 0);
    assert!(top_level <= last);
    act(&mut a, Action::NextTopLevel);
    act(&mut a, Action::PrevTopLevel);
    act(&mut a, Action::PrevTopLevel);
    assert!(
        a.cursor < top_level,
        "[ goes to the previous top-level comment"
    );
    act(&mut a, Action::NextSibling);
    let sibling = a.cursor;
    act(&mut a, Action::PrevSibling);
    assert!(a.cursor < sibling, "{{ goes back to the previous sibling");
    assert_eq!(
        a.post.comments[a.cursor].depth,
        a.post.comments[sibling].depth
    );
}

#[test]
fn o_opens_and_y_copies_the_selected_comment_or_the_post() {
    let mut a = app(80, 24);
    assert_eq!(
        act(&mut a, Action::CopyUrl),
        vec![Effect::Copy(POST.into())],
        "the article pane: the post"
    );
    act(&mut a, Action::SwitchPane);
    let link = format!("{POST}#comment-1");
    a.post.comments[a.cursor].permalink = Some(link.clone());
    assert_eq!(
        act(&mut a, Action::OpenPost),
        vec![Effect::OpenUrl(link.clone())]
    );
    assert_eq!(
        act(&mut a, Action::CopyUrl),
        vec![Effect::Copy(link.clone())]
    );
    let said = a.message.clone().map(|m| m.text);
    assert_eq!(said, Some(format!("copied {link}")));
}
