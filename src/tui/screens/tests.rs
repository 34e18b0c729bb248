//! Every screen at 80×24 and 160×48 through TestBackend and insta: the library, the browsing
//! screens, the message log, the drafts, help over the reader.

use crate::store::{Draft, LibraryEntry};
use crate::tui::action::Action;
use crate::tui::app::{App, Msg, Settings};
use crate::tui::fixtures;
use crate::tui::screens::blogs::tests::{blogs, posts, replies};

const POST: &str = "https://bread.example/sourdough/";

fn app(w: u16, h: u16) -> App {
    let mut app = App::new(Settings::default(), fixtures::now());
    app.update(Msg::Resize(w, h));
    app.show(fixtures::sample_post(), None);
    app
}

fn draw(app: &App) -> ratatui::backend::TestBackend {
    let area = app.layout.status;
    let backend = ratatui::backend::TestBackend::new(area.width, area.y + 1);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal
        .draw(|f| crate::tui::ui::draw(app, f))
        .expect("draw");
    terminal.backend().clone()
}

fn library() -> Vec<LibraryEntry> {
    let now = fixtures::now().timestamp();
    let entry = |key: &str, site: &str, title: &str, ago: i64, count, new| LibraryEntry {
        key: key.into(),
        url: key.into(),
        site: site.into(),
        title: title.into(),
        last_read: Some(now - ago),
        fetched_at: now - ago,
        comment_count: count,
        new_count: new,
        discussions: Vec::new(),
    };
    vec![
        entry(POST, "Bread Notes", "A patient sourdough", 300, 12, 3),
        entry(
            "https://cats.example/naps/",
            "Cat Facts",
            "Why cats nap",
            86_400 * 3,
            40,
            0,
        ),
    ]
}

fn drafts() -> Vec<Draft> {
    let now = fixtures::now().timestamp();
    vec![
        Draft {
            post_key: POST.into(),
            post_title: Some("A patient sourdough".into()),
            parent_id: Some("3".into()),
            body: "Around 24 °C works for me too.\nThanks!".into(),
            updated_at: now - 120,
        },
        Draft {
            post_key: "https://cats.example/naps/".into(),
            post_title: None,
            parent_id: None,
            body: "Mine naps all day.".into(),
            updated_at: now - 86_400,
        },
    ]
}

/// Each screen in turn, on one app of this size.
fn each_screen(w: u16, h: u16) -> Vec<(&'static str, ratatui::backend::TestBackend)> {
    let mut shots = Vec::new();
    let mut a = app(w, h);
    a.update(Msg::Action(Action::Library));
    a.update(Msg::Library {
        entries: Ok(library()),
        start: false,
    });
    shots.push(("library", draw(&a)));
    a.update(Msg::Action(Action::Blogs));
    a.update(Msg::Blogs(Ok(blogs())));
    shots.push(("blogs", draw(&a)));
    a.update(Msg::Action(Action::OpenPost));
    a.update(Msg::Posts {
        blog: "https://bread.example/".into(),
        items: Ok(posts()),
    });
    shots.push(("posts", draw(&a)));
    a.update(Msg::Action(Action::Replies));
    a.update(Msg::Replies(Ok(replies())));
    shots.push(("replies", draw(&a)));
    a.update(Msg::Action(Action::Drafts));
    a.update(Msg::Drafts(Ok(drafts())));
    shots.push(("drafts", draw(&a)));
    a.update(Msg::Notice {
        text: "not sent now (could not reach bread.example: connection refused); queued in \
               the outbox (1), sent when the blog is reachable"
            .into(),
        error: true,
    });
    a.update(Msg::Notice {
        text: "refreshed 3 blogs and 2 threads".into(),
        error: false,
    });
    a.update(Msg::Action(Action::Messages));
    shots.push(("messages", draw(&a)));
    shots
}

#[test]
fn every_screen_80x24_and_160x48() {
    for (w, h) in [(80, 24), (160, 48)] {
        for (name, shot) in each_screen(w, h) {
            insta::assert_snapshot!(format!("screen_{name}_{w}x{h}"), shot);
        }
    }
}

#[test]
fn m_marks_a_blog_or_a_post_read() {
    let mut a = app(80, 24);
    a.update(Msg::Action(Action::Blogs));
    a.update(Msg::Blogs(Ok(blogs())));
    let effects = a.update(Msg::Action(Action::MarkAllRead));
    assert_eq!(
        effects,
        vec![crate::tui::app::Effect::MarkBlogRead {
            blog: "https://bread.example/".into()
        }]
    );
    let bread = &a.browse.blogs[0];
    assert_eq!(
        (bread.unread, bread.new_posts, bread.new_comments),
        (0, 0, 0)
    );
    a.update(Msg::Action(Action::OpenPost));
    a.update(Msg::Posts {
        blog: "https://bread.example/".into(),
        items: Ok(posts()),
    });
    a.update(Msg::Action(Action::ScrollDown));
    let effects = a.update(Msg::Action(Action::MarkAllRead));
    assert_eq!(
        effects,
        vec![
            crate::tui::app::Effect::MarkItemRead { url: POST.into() },
            crate::tui::app::Effect::MarkPostRead { key: POST.into() },
        ]
    );
    assert_eq!(a.browse.posts[1].new_comments, 0);
}
