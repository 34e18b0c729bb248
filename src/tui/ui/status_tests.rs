//! Tests of the status line: key hints by width (fewer at 60 columns and below), messages
//! before hints, and the page progress of a load.

use super::*;
use crate::tui::app::{App, Message, Msg, Settings};
use crate::tui::fixtures;

fn app(width: u16) -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(width, 24));
    let mut post = fixtures::sample_post();
    post.site = String::new();
    post.title = "Loaf".into();
    app.show(post, None);
    app
}

fn text(app: &App, width: usize) -> String {
    status(app, width).to_string()
}

#[test]
fn at_60_columns_and_below_only_help_and_back_are_hinted() {
    let wide = text(&app(100), 100);
    assert!(
        wide.contains("? help") && wide.contains("Tab pane"),
        "{wide}"
    );
    assert!(wide.contains("/ search"), "{wide}");
    for width in [60, 50] {
        let narrow = text(&app(width as u16), width);
        assert!(narrow.contains("? help"), "{width}: {narrow}");
        assert!(narrow.contains("q back"), "{width}: {narrow}");
        // There would be room for these: they are left out on purpose.
        assert!(
            !narrow.contains("pane") && !narrow.contains("fold"),
            "{width}: {narrow}"
        );
        assert_eq!(str_width(&narrow), width);
    }
    let wider = text(&app(61), 61);
    assert!(wider.contains("Tab pane"), "{wider}");
}

#[test]
fn a_message_wins_over_hints_at_60_columns() {
    let mut a = app(60);
    a.message = Some(Message {
        text: "held for moderation: shown here as pending until the blog publishes it".into(),
        error: false,
    });
    let line = text(&a, 60);
    assert!(line.starts_with("held for moderation"), "{line}");
    assert!(
        line.trim_end().ends_with("…M"),
        "cut with the log key: {line}"
    );
    assert!(!line.contains("? help"), "{line}");
    a.message = Some(Message {
        text: "copied".into(),
        error: false,
    });
    let line = text(&a, 60);
    assert!(
        line.starts_with("copied") && line.contains("? help"),
        "{line}"
    );
}

#[test]
fn a_load_shows_its_comment_pages() {
    let mut a = app(100);
    let effects = a.update(Msg::Action(crate::tui::action::Action::Reload));
    let Some(crate::tui::app::Effect::Load { id, .. }) = effects.first().cloned() else {
        panic!("no load: {effects:?}");
    };
    assert!(text(&a, 100).contains("loading…"));
    a.update(Msg::PageProgress {
        id,
        done: 3,
        known: 12,
    });
    let line = text(&a, 100);
    assert!(line.contains("comments: page 3 of 12…"), "{line}");
    // An older load's pages are not this one's.
    a.update(Msg::PageProgress {
        id: id + 1,
        done: 9,
        known: 12,
    });
    assert!(text(&a, 100).contains("page 3 of 12"));
    // A post of one page says "loading…" as before.
    a.update(Msg::PageProgress {
        id,
        done: 1,
        known: 1,
    });
    assert!(text(&a, 100).contains("loading…"));
    a.update(Msg::Loaded {
        id,
        result: Ok(Box::new(crate::tui::worker::Loaded {
            post: fixtures::sample_post(),
            ..Default::default()
        })),
    });
    assert_eq!(a.pages, None);
    assert!(!text(&a, 100).contains("page"));
}
