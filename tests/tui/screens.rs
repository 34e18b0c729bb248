//! Whole screens through TestBackend: insta snapshots at 80×24 and 160×48, row checks, and the
//! welcome post's markup.

use super::{act, app, key, typed};
use crossterm::event::KeyCode;
use parlor::tui::action::Action;
use parlor::tui::app::App;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &App) -> Terminal<TestBackend> {
    let w = app.layout.status.width;
    let h = app.layout.status.y + 1;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| parlor::tui::ui::draw(app, f))
        .expect("draw");
    terminal
}

/// The text of screen row `y`.
fn row(terminal: &Terminal<TestBackend>, y: u16) -> String {
    let buf = terminal.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn narrow_screen_announces_the_hidden_pane() {
    let a = app(80, 24);
    let t = screen(&a);
    assert_eq!(row(&t, 0), " Article   Comments (12) ⇥");
    let status = row(&t, 23);
    assert!(
        status.starts_with("Bread Notes · A patient sourdough "),
        "{status}"
    );
    assert!(status.contains(" top · #1/12 "), "{status}");
    assert!(status.contains("Tab pane"), "{status}");
}

#[test]
fn deep_threads_stay_readable_at_80_columns() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    a.cursor = 0;
    let top = a.comments.doc.item_top(10).expect("visible");
    a.comments.top = top;
    let t = screen(&a);
    assert_eq!(
        row(&t, 2),
        "  │ │ │ │ │ │ Deep Diver · 4 Oct 2026 12:00 ↳ depth 8"
    );
}

fn snapshot(name: &str, app: &App) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen(app).backend());
    });
}

#[test]
fn snapshots_80x24() {
    let mut a = app(80, 24);
    snapshot("article_80x24", &a);
    act(&mut a, Action::SwitchPane);
    snapshot("comments_80x24", &a);
    act(&mut a, Action::ToggleFold);
    snapshot("fold_80x24", &a);
    act(&mut a, Action::Search);
    typed(&mut a, "poke");
    snapshot("search_80x24", &a);
    key(&mut a, KeyCode::Enter);
    act(&mut a, Action::Help);
    snapshot("help_80x24", &a);
}

/// `S` twice: newest first, replies under their parents; the title says so; then at 60
/// columns the status line keeps only the help and back hints.
#[test]
fn snapshots_sorted_and_narrow() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    act(&mut a, Action::SortComments);
    act(&mut a, Action::SortComments);
    act(&mut a, Action::Cancel);
    snapshot("sorted_newest_80x24", &a);
    let t = screen(&a);
    assert!(
        row(&t, 0).contains("Comments (12) · sorted: newest"),
        "{}",
        row(&t, 0)
    );
    let mut a = app(60, 24);
    act(&mut a, Action::SwitchPane);
    snapshot("comments_60x24", &a);
}

#[test]
fn snapshots_160x48() {
    let mut a = app(160, 48);
    snapshot("both_160x48", &a);
    act(&mut a, Action::NextComment);
    act(&mut a, Action::PrevComment);
    act(&mut a, Action::ToggleFold);
    act(&mut a, Action::Search);
    typed(&mut a, "rye");
    key(&mut a, KeyCode::Enter);
    snapshot("fold_search_160x48", &a);
    act(&mut a, Action::Help);
    snapshot("help_160x48", &a);
}

#[test]
fn welcome_html_is_wordpress_html5_markup_with_a_teaching_thread() {
    let html = scraper::Html::parse_document(parlor::tui::worker::WELCOME_HTML);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    assert_eq!(html.select(&sel("article.post .entry-content")).count(), 1);
    let comments: Vec<_> = html.select(&sel("ol.comment-list li.comment")).collect();
    assert_eq!(comments.len(), 13);
    let mut max_depth = 0;
    for c in &comments {
        let id = c.value().attr("id").expect("id");
        assert!(id.starts_with("comment-"), "{id}");
        let class = c.value().attr("class").expect("class");
        let depth: u32 = class
            .split(' ')
            .find_map(|k| k.strip_prefix("depth-"))
            .and_then(|d| d.parse().ok())
            .expect("depth-N");
        max_depth = max_depth.max(depth);
        assert_eq!(
            c.select(&sel(":scope > article .comment-author .fn"))
                .count(),
            1,
            "{id} author"
        );
        assert_eq!(
            c.select(&sel(":scope > article .comment-metadata time[datetime]"))
                .count(),
            1,
            "{id} date"
        );
        assert_eq!(
            c.select(&sel(":scope > article .comment-content")).count(),
            1,
            "{id} text"
        );
    }
    assert_eq!(max_depth, 4);
    assert_eq!(html.select(&sel("li.bypostauthor")).count(), 1);
    assert_eq!(
        html.select(&sel("li.depth-2 > article .comment-content"))
            .count(),
        4
    );
    let text: String = html
        .select(&sel(".comment-content"))
        .flat_map(|e| e.text())
        .collect();
    for key_word in ["fold", "J", "parent", "searches", "f", "r", "L", "?"] {
        assert!(text.contains(key_word), "a comment teaches {key_word}");
    }
}

#[test]
fn welcome_post_extracts_to_the_demo_thread() {
    let post = parlor::tui::worker::welcome_post();
    assert_eq!(post.title, "Welcome to parlor");
    assert_eq!(post.comments.len(), 13);
    assert_eq!(post.comments.iter().map(|c| c.depth).max(), Some(3));
    assert_eq!(post.comments[1].author, "parlor");
    assert!(post.comments[1].by_post_author);
    assert_eq!(post.comments[1].parent.as_deref(), Some("1"));
}

#[test]
fn search_matches_are_highlighted_and_the_current_comment_is_marked() {
    let mut a = app(80, 24);
    act(&mut a, Action::SwitchPane);
    act(&mut a, Action::Search);
    typed(&mut a, "poke");
    key(&mut a, KeyCode::Enter);
    let t = screen(&a);
    let buf = t.backend().buffer();
    let theme = parlor::tui::theme::Theme::default();
    let y = (0..24)
        .find(|&y| row(&t, y).contains("Try the poke test"))
        .expect("match row");
    let x =
        u16::try_from(row(&t, y).chars().count() - "poke test.".chars().count()).expect("column");
    let cell = &buf[(x, y)];
    assert_eq!(cell.symbol(), "p");
    assert_eq!(cell.fg, theme.search_current.fg.expect("colour"));
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    let after = &buf[(x + 5, y)];
    assert_eq!(after.symbol(), "t");
    assert!(!after.modifier.contains(ratatui::style::Modifier::REVERSED));
    let marker = &buf[(1, y)];
    assert_eq!(marker.symbol(), "▌", "current comment bar in the gutter");
}

#[test]
fn loading_and_load_errors_show_in_the_pane_and_status() {
    use parlor::tui::app::{Msg, Settings};
    let mut a = App::new(Settings::default(), parlor::tui::fixtures::now());
    a.update(Msg::Resize(80, 24));
    a.open("https://x.test/post/".into(), false);
    let t = screen(&a);
    assert_eq!(row(&t, 1), " Loading…");
    assert!(row(&t, 23).starts_with("⠋ loading…"), "{}", row(&t, 23));
    a.update(Msg::Loaded {
        id: 1,
        result: Err("network not wired yet".into()),
    });
    let t = screen(&a);
    assert_eq!(
        row(&t, 1),
        " Could not load the post: network not wired yet"
    );
    assert!(
        row(&t, 23).starts_with("✗ network not wired yet"),
        "{}",
        row(&t, 23)
    );
    // A long error wraps in the pane instead of being cut at the edge.
    a.open("https://x.test/post/".into(), false);
    a.update(Msg::Loaded {
        id: 2,
        result: Err("could not reach blog.example.com: the connection was refused".into()),
    });
    let t = screen(&a);
    assert_eq!(
        row(&t, 1),
        " Could not load the post: could not reach blog.example.com: the connection was"
    );
    assert_eq!(row(&t, 2), " refused");
}
