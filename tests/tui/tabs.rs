//! Discussions elsewhere in the reader: `D` asks the worker, the answer becomes tabs after the
//! blog's own thread, `t`/`T` switch them (navigation, folds and search work on the tab shown),
//! replying on a discussion says why not and offers `o`, and a new post drops the tabs.

use super::{act, app};
use parlor::model::Comment;
use parlor::threads::{Completeness, Thread};
use parlor::tui::action::Action;
use parlor::tui::app::{Effect, Msg};
use parlor::tui::ui;

const POST: &str = "https://bread.example/sourdough/";

fn hn() -> Thread {
    let c = |id: &str, parent: Option<&str>, depth: u16, author: &str| Comment {
        id: id.into(),
        parent: parent.map(Into::into),
        depth,
        author: author.into(),
        permalink: Some(format!("https://news.ycombinator.com/item?id={id}")),
        ..Comment::default()
    };
    Thread {
        provider: "hn".into(),
        url: Some("https://news.ycombinator.com/item?id=1".into()),
        title: Some("A patient sourdough".into()),
        points: Some(310),
        stated_count: Some(3),
        submitter: Some("alice".into()),
        comments: vec![
            c("2", None, 0, "dan"),
            c("3", Some("2"), 1, "alice"),
            c("4", None, 0, "erin"),
        ],
        completeness: Completeness::Full,
    }
}

fn with_tabs() -> parlor::tui::app::App {
    let mut a = app(100, 30);
    a.source = POST.into();
    let effects = act(&mut a, Action::Discussions);
    assert_eq!(
        effects,
        vec![Effect::Discussions {
            source: POST.into(),
            offline: false
        }]
    );
    a.update(Msg::Discussions {
        source: POST.into(),
        threads: vec![hn()],
        failures: vec!["Reddit: HTTP 503".into()],
        new_comments: vec!["hn:4".into()],
    });
    a
}

#[test]
fn discussions_become_tabs_after_the_blogs_own() {
    let mut a = with_tabs();
    let blog = a.post.comments.len();
    assert_eq!(
        ui::comments_label(&a),
        format!("[Blog {blog}] · HN 3"),
        "the blog's tab is shown first"
    );
    act(&mut a, Action::NextTab);
    assert_eq!(ui::comments_label(&a), format!("Blog {blog} · [HN 3]"));
    let ids: Vec<&str> = a.post.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["hn:2", "hn:3", "hn:4"]);
    assert_eq!(a.post.comments[1].parent.as_deref(), Some("hn:2"));
    assert!(
        a.post.comments[1].by_post_author,
        "the submitter gets the OP badge"
    );
    // Navigation works on the tab: J moves to the next comment.
    act(&mut a, Action::SwitchPane);
    act(&mut a, Action::NextComment);
    assert_eq!(a.cursor, 1);
    // T wraps back to the blog, whose comments return whole.
    act(&mut a, Action::PrevTab);
    assert_eq!(a.post.comments.len(), blog);
    assert!(a.post.comments.iter().all(|c| !c.id.starts_with("hn:")));
}

#[test]
fn replying_on_a_discussion_says_why_not_and_offers_o() {
    let mut a = with_tabs();
    act(&mut a, Action::NextTab);
    act(&mut a, Action::SwitchPane);
    let effects = act(&mut a, Action::Reply);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(a.compose.is_none());
    let msg = a
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        msg.contains("replying on HN") && msg.contains("o opens"),
        "{msg}"
    );
}

#[test]
fn failures_are_said_and_other_posts_answers_are_dropped() {
    let mut a = app(100, 30);
    a.source = POST.into();
    a.update(Msg::Discussions {
        source: "https://other.example/".into(),
        threads: vec![hn()],
        failures: Vec::new(),
        new_comments: Vec::new(),
    });
    assert!(
        a.tab_line().is_none(),
        "an answer for another post is dropped"
    );
    a.update(Msg::Discussions {
        source: POST.into(),
        threads: Vec::new(),
        failures: vec!["HN: rate-limited".into()],
        new_comments: Vec::new(),
    });
    let msg = a
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert_eq!(msg, "HN: rate-limited");
    act(&mut a, Action::NextTab);
    let msg = a
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(msg.contains("D looks for discussions"), "{msg}");
}

#[test]
fn a_file_is_not_looked_up() {
    let mut a = app(100, 30);
    a.source = "/tmp/page.html".into();
    assert!(act(&mut a, Action::Discussions).is_empty());
}

#[test]
fn the_blogs_new_marks_come_back_with_its_tab() {
    let mut a = with_tabs();
    let first = a.post.comments[0].id.clone();
    let effects = act(&mut a, Action::Reload);
    let id = effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { id, .. } => Some(*id),
            _ => None,
        })
        .expect("a reload");
    a.update(Msg::Loaded {
        id,
        result: Ok(Box::new(parlor::tui::worker::Loaded {
            post: parlor::tui::fixtures::sample_post(),
            new_comments: vec![first],
            ..Default::default()
        })),
    });
    assert!(a.is_new(0));
    assert!(
        a.tab_line().is_some(),
        "a reload of the post keeps its tabs"
    );
    act(&mut a, Action::NextTab);
    act(&mut a, Action::PrevTab);
    assert!(
        a.is_new(0),
        "the blog's ● marks survive a trip to another tab"
    );
}
