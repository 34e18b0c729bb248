//! Tests of comment sorting: siblings ordered at every level, replies under their parents,
//! the selection and the marks kept, the pane title, tabs, and the way back to thread order.

use super::*;
use crate::tui::action::Action;
use crate::tui::app::{Msg, Settings};
use crate::tui::fixtures;

fn ids(app: &App) -> Vec<&str> {
    app.post.comments.iter().map(|c| c.id.as_str()).collect()
}

fn app() -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(80, 24));
    app.show(fixtures::sample_post(), None);
    app
}

/// The page's order (1…12): tops 1 (27 Nov), 6 (20 Nov), 8 (1 Oct), 12 (1 Sep); 1's replies
/// 2 (27 Nov) and 5 (28 Nov).
#[test]
fn siblings_sort_at_every_level_and_replies_stay_under_parents() {
    let comments = fixtures::discussion();
    let pos: Vec<usize> = (0..comments.len()).collect();
    let by = |order| {
        permutation(&comments, &pos, order)
            .into_iter()
            .map(|i| comments[i].id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by(SortOrder::Oldest),
        ["12", "8", "9", "10", "11", "6", "7", "1", "2", "3", "4", "5"]
    );
    assert_eq!(
        by(SortOrder::Newest),
        ["1", "5", "2", "3", "4", "6", "7", "8", "9", "10", "11", "12"]
    );
    assert_eq!(
        by(SortOrder::Thread),
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
    );
}

#[test]
fn undated_comments_go_last_in_page_order() {
    let mut comments = fixtures::discussion();
    comments[5].published = None; // 6 (a top-level comment)
    comments[11].published = Some("not a date".into()); // 12
    let pos: Vec<usize> = (0..comments.len()).collect();
    let order = permutation(&comments, &pos, SortOrder::Newest);
    let tops: Vec<&str> = order
        .iter()
        .map(|&i| &comments[i])
        .filter(|c| c.depth == 0)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(tops, ["1", "8", "6", "12"]);
}

#[test]
fn s_cycles_the_order_keeping_the_selection_and_the_marks() {
    let mut app = app();
    app.mark_new(&["5".to_string()]);
    app.update(Msg::Action(Action::NextComment)); // from 1 to 2
    assert_eq!(app.post.comments[app.cursor].id, "2");
    let screen_row = |a: &App| {
        a.comments
            .doc
            .item_top(a.cursor)
            .map(|t| t as isize - a.comments.top as isize)
    };
    let row = screen_row(&app);

    app.update(Msg::Action(Action::SortComments));
    assert_eq!(app.sort, SortOrder::Oldest);
    assert_eq!(ids(&app)[..5], ["12", "8", "9", "10", "11"]);
    assert_eq!(
        app.post.comments[app.cursor].id, "2",
        "same comment selected"
    );
    let view = app.viewport(Pane::Comments) as isize;
    assert!(
        screen_row(&app).is_some_and(|r| (-1..view).contains(&r)),
        "still on screen (the end of the thread stops it short of its place)"
    );
    let _ = row;
    let new: Vec<&str> = (0..app.post.comments.len())
        .filter(|&i| app.is_new(i))
        .map(|i| app.post.comments[i].id.as_str())
        .collect();
    assert_eq!(new, ["5"], "the new mark moves with its comment");
    // The wrapped lines moved with their comments.
    let top = app.comments.doc.item_top(0).unwrap_or(usize::MAX);
    let header = app.comments.doc.window(top, 2)[1].line.to_string();
    assert!(header.contains("Other Blog"), "{header}");
    assert_eq!(
        crate::tui::ui::comments::label(&app),
        "Comments (12) · sorted: oldest"
    );

    app.update(Msg::Action(Action::SortComments));
    assert_eq!(app.sort, SortOrder::Newest);
    assert_eq!(ids(&app)[..3], ["1", "5", "2"]);
    assert!(app.is_new(1));
    assert!(app
        .message
        .as_ref()
        .is_some_and(|m| m.text == "comments sorted: newest first"));

    app.update(Msg::Action(Action::SortComments));
    assert_eq!(app.sort, SortOrder::Thread);
    assert_eq!(
        ids(&app),
        fixtures::discussion()
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(app.post.comments[app.cursor].id, "2");
    assert_eq!(crate::tui::ui::comments::label(&app), "Comments (12)");
}

/// 60 generated comments, each a minute older than the one before: newest first is the
/// page's order, oldest first reverses every sibling list.
#[test]
fn the_selected_comment_keeps_its_place_on_screen() {
    let mut post = fixtures::generated_post(60);
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-01T12:00:00Z")
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    for (i, c) in post.comments.iter_mut().enumerate() {
        let at = start - chrono::Duration::minutes(i as i64);
        c.published = Some(at.to_rfc3339());
    }
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(80, 24));
    app.show(post, None);
    let middle = app
        .post
        .comments
        .iter()
        .position(|c| c.id == "31")
        .unwrap_or(0);
    app.focus = Pane::Comments;
    app.goto_comment(middle);
    app.scroll_by(Pane::Comments, -3);
    let row = |a: &App| {
        a.comments
            .doc
            .item_top(a.cursor)
            .map(|t| t as isize - a.comments.top as isize)
    };
    let before = row(&app);
    assert_eq!(before, Some(2));
    app.update(Msg::Action(Action::SortComments));
    assert_eq!(app.post.comments[app.cursor].id, "31");
    assert_ne!(app.cursor, middle, "it moved in the list");
    assert_eq!(row(&app), before, "and stays where it was on screen");
    let tops: Vec<&str> = app
        .post
        .comments
        .iter()
        .filter(|c| c.depth == 0)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        tops.first(),
        Some(&"55"),
        "the oldest thread first: {tops:?}"
    );
}

#[test]
fn folds_and_jumps_follow_the_sorted_tree() {
    let mut app = app();
    app.update(Msg::Action(Action::SortComments)); // oldest: 12, 8, 9, 10, 11, 6, …
    app.update(Msg::Action(Action::Top));
    app.update(Msg::Action(Action::SwitchPane));
    app.update(Msg::Action(Action::Top));
    app.update(Msg::Action(Action::NextTopLevel));
    assert_eq!(app.post.comments[app.cursor].id, "8");
    app.update(Msg::Action(Action::ToggleFold));
    assert_eq!(app.reply_count(app.cursor), 3);
    app.update(Msg::Action(Action::NextComment));
    assert_eq!(
        app.post.comments[app.cursor].id, "6",
        "8's replies are folded away"
    );
    app.update(Msg::Action(Action::NextComment));
    app.update(Msg::Action(Action::Parent));
    assert_eq!(app.post.comments[app.cursor].id, "6");
}

#[test]
fn a_reload_keeps_the_order() {
    let mut app = app();
    app.update(Msg::Action(Action::SortComments));
    app.update(Msg::Action(Action::SortComments)); // newest
    app.show(fixtures::sample_post(), None);
    assert_eq!(ids(&app)[..3], ["1", "5", "2"]);
    assert_eq!(app.per_comment[0].thread_pos, 0);
    assert_eq!(app.per_comment[1].thread_pos, 4);
}

#[test]
fn help_lists_the_sort_key() {
    let rows = Settings::default().keymap.help_rows();
    assert!(rows
        .iter()
        .any(|(keys, name, _)| keys == "S" && name == "sort_comments"));
}

/// 10,000 comments: every order keeps the tree (each reply right under its subtree's
/// parent), and sorting moves wrapped lines rather than wrapping them again (it costs less
/// than one re-wrap of the thread).
#[test]
fn ten_thousand_comments_sort_as_a_tree_without_rewrapping() {
    let mut post = fixtures::generated_post(10_000);
    for (i, c) in post.comments.iter_mut().enumerate() {
        c.published = Some(format!(
            "2026-11-01T12:{:02}:{:02}Z",
            (i * 7) % 60,
            (i * 13) % 60
        ));
    }
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(80, 24));
    app.show(post, None);
    let started = std::time::Instant::now();
    app.invalidate();
    let rewrap = started.elapsed();
    for _ in 0..2 {
        let started = std::time::Instant::now();
        app.update(Msg::Action(Action::SortComments));
        let sort = started.elapsed();
        eprintln!("sort {:?}: {sort:?} (a re-wrap: {rewrap:?})", app.sort);
        assert!(sort < rewrap, "sort {sort:?} vs re-wrap {rewrap:?}");
        // Pre-order holds: each comment is at most one level deeper than the one before,
        // and its parent (by id) is the nearest earlier comment one level up.
        let comments = &app.post.comments;
        for i in 1..comments.len() {
            assert!(comments[i].depth <= comments[i - 1].depth + 1);
            let parent = app.parent_of(i).map(|p| comments[p].id.clone());
            assert_eq!(parent, comments[i].parent, "comment {}", comments[i].id);
        }
        assert_eq!(app.comments.doc.item_count(), 10_000);
    }
}
