//! Compose mode through `App::update`: opening, typing, the draft debounce, submitting, each
//! answer from the worker, the identity form; and the compose pane at 80×24 (insta).

use super::*;
use crate::model::CommentForm;
use crate::posting::Posted;
use crate::reply::Identity;
use crate::tui::app::{Msg, Settings};
use crate::tui::fixtures;
use crossterm::event::{KeyCode, KeyModifiers};

pub(super) const KEY: &str = "https://bread.example/sourdough/";

pub(super) fn form() -> CommentForm {
    CommentForm {
        action: "https://bread.example/wp-comments-post.php".into(),
        method: "post".into(),
        fields: vec![("comment_post_ID".into(), "8".into())],
        text_field: "comment".into(),
        parent_field: Some("comment_parent".into()),
        post_id: Some("8".into()),
        name_field: Some("author".into()),
        email_field: Some("email".into()),
        url_field: Some("url".into()),
        needs_name: true,
        needs_email: true,
        consent_field: None,
    }
}

pub(super) fn identity() -> Identity {
    Identity {
        name: Some("Ada".into()),
        email: Some("ada@example.test".into()),
        url: None,
    }
}

/// The sample post with a form, the comments pane focused on comment index 1, 80×24.
pub(super) fn app_with(form: Option<CommentForm>, identity: Identity) -> App {
    let settings = Settings {
        identity,
        ..Settings::default()
    };
    let mut app = App::new(settings, fixtures::now());
    app.update(Msg::Resize(80, 24));
    let mut post = fixtures::sample_post();
    post.reply_form = form;
    app.show(post, None);
    app.apply(Action::SwitchPane);
    app.apply(Action::NextComment);
    app
}

pub(super) fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, mods)))
}

pub(super) fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        effects.extend(press(app, KeyCode::Char(c), KeyModifiers::NONE));
    }
    effects
}

pub(super) fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    press(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub(super) fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

pub(super) fn body(app: &App) -> String {
    app.compose.as_ref().map(|c| c.body()).unwrap_or_default()
}

#[test]
fn r_on_a_comment_opens_compose_with_the_parent_and_asks_for_the_draft() {
    let mut app = app_with(Some(form()), identity());
    let parent = app.post.comments[1].clone();
    let effects = app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('r'),
        KeyModifiers::NONE,
    )));
    assert_eq!(app.mode, Mode::Compose);
    assert_eq!(
        effects,
        vec![Effect::LoadDraft {
            post_key: KEY.into(),
            parent: Some(parent.id.clone()),
        }]
    );
    let c = app.compose.as_ref().expect("compose open");
    assert_eq!(c.parent.as_deref(), Some(parent.id.as_str()));
    assert_eq!(c.parent_author, parent.author);
    assert_eq!(c.quote, crate::reply::quote_parent(&parent, 72));
    assert!(c.quote.starts_with("> "), "{}", c.quote);
    // The stored draft comes back into the empty editor.
    let effects = app.update(Msg::DraftLoaded {
        post_key: KEY.into(),
        parent: Some(parent.id.clone()),
        body: Some("half-written\nsecond line".into()),
    });
    assert!(effects.is_empty());
    assert_eq!(body(&app), "half-written\nsecond line");
    assert_eq!(message(&app), "draft restored");
    // Ctrl-q inserts the quote on its own lines, even with the cursor mid-line.
    ctrl(&mut app, 'q');
    assert_eq!(
        body(&app),
        format!("half-written\nsecond line\n\n{}\n\n", parent_quote(&parent))
    );
}

fn parent_quote(parent: &crate::model::Comment) -> String {
    crate::reply::quote_parent(parent, 72)
}

#[test]
fn c_composes_a_top_level_comment_and_a_late_draft_does_not_overwrite_typing() {
    let mut app = app_with(Some(form()), identity());
    let effects = app.apply(Action::Comment);
    assert_eq!(
        effects,
        vec![Effect::LoadDraft {
            post_key: KEY.into(),
            parent: None,
        }]
    );
    assert_eq!(app.compose.as_ref().and_then(|c| c.parent.clone()), None);
    typed(&mut app, "new");
    app.update(Msg::DraftLoaded {
        post_key: KEY.into(),
        parent: None,
        body: Some("old draft".into()),
    });
    assert_eq!(body(&app), "new");
    ctrl(&mut app, 'q');
    assert_eq!(
        message(&app),
        "a comment on the post has no parent to quote"
    );
}

#[test]
fn no_form_says_comments_are_closed() {
    let mut app = app_with(None, identity());
    assert!(app.apply(Action::Reply).is_empty());
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.compose.is_none());
    assert_eq!(message(&app), "comments are closed on this post");
    assert!(app.apply(Action::Comment).is_empty());
    assert_eq!(message(&app), "comments are closed on this post");
}

#[test]
fn blogger_says_why_it_is_read_only() {
    let mut app = app_with(None, identity());
    app.post.engine = crate::model::Engine::Blogger;
    assert!(app.apply(Action::Reply).is_empty());
    assert!(app.compose.is_none());
    assert_eq!(
        message(&app),
        "Blogger comments are read-only in parlor: open the post in the browser (o) to reply"
    );
}

#[test]
fn r_from_the_article_pane_asks_to_move_to_the_comments() {
    let mut app = app_with(Some(form()), identity());
    app.apply(Action::SwitchPane);
    assert!(app.apply(Action::Reply).is_empty());
    assert!(app.compose.is_none());
    assert_eq!(
        message(&app),
        "move to the comments (Tab) to reply to one; c writes a comment on the post"
    );
}

#[test]
fn typing_saves_the_draft_after_the_debounce_and_on_close() {
    let mut app = app_with(Some(form()), identity());
    app.apply(Action::Reply);
    let parent = app.compose.as_ref().and_then(|c| c.parent.clone());
    let effects = typed(&mut app, "Hi there");
    assert!(effects.is_empty(), "no save while typing fast: {effects:?}");
    assert!(app.wants_tick());
    let start = app
        .compose
        .as_ref()
        .and_then(|c| c.changed_at)
        .expect("unsaved");
    assert!(app
        .compose_tick(start + Duration::from_millis(100))
        .is_empty());
    let save = Effect::SaveDraft {
        post_key: KEY.into(),
        parent: parent.clone(),
        body: "Hi there".into(),
    };
    assert_eq!(app.compose_tick(start + QUIET), vec![save]);
    assert!(!app.wants_tick());
    assert!(app.compose_tick(start + Duration::from_secs(5)).is_empty());
    // Steady typing is saved within MAX_UNSAVED of the first change.
    let mut c = Compose::new(KEY, None, "", "");
    let t0 = Instant::now();
    c.touch(t0);
    c.touch(t0 + Duration::from_millis(400));
    assert!(!c.save_due(t0 + Duration::from_millis(800)));
    assert!(c.save_due(t0 + MAX_UNSAVED));
    // Esc saves what is unsaved and closes.
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    typed(&mut app, "x");
    let effects = press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        effects,
        vec![Effect::SaveDraft {
            post_key: KEY.into(),
            parent,
            body: "Hi there\nx".into(),
        }]
    );
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.compose.is_none());
    assert!(message(&app).starts_with("draft kept"), "{}", message(&app));
}

#[test]
fn quitting_while_composing_saves_first() {
    let mut app = app_with(Some(form()), identity());
    app.apply(Action::Comment);
    typed(&mut app, "bye");
    let effects = ctrl(&mut app, 'c');
    assert_eq!(
        effects,
        vec![
            Effect::SaveDraft {
                post_key: KEY.into(),
                parent: None,
                body: "bye".into(),
            },
            Effect::Quit
        ]
    );
}

pub(super) fn submitted(app: &mut App, text: &str) -> Vec<Effect> {
    app.apply(Action::Reply);
    typed(app, text);
    ctrl(app, 's')
}

#[test]
fn submit_sends_the_text_with_the_identity() {
    let mut app = app_with(Some(form()), identity());
    let effects = submitted(&mut app, "Thanks!");
    let parent = app.post.comments[1].id.clone();
    assert_eq!(
        effects,
        vec![Effect::Submit {
            post_url: KEY.into(),
            parent: Some(parent),
            body: "Thanks!".into(),
            identity: identity(),
        }]
    );
    assert!(app.compose.as_ref().is_some_and(|c| c.sending));
    assert!(!app.wants_tick(), "nothing unsaved after a submit");
    // Input is held while sending.
    typed(&mut app, "zz");
    assert_eq!(body(&app), "Thanks!");
    // Alt-Enter sends too.
    let mut other = app_with(Some(form()), identity());
    other.apply(Action::Comment);
    typed(&mut other, "x");
    let effects = press(&mut other, KeyCode::Enter, KeyModifiers::ALT);
    assert!(
        matches!(effects.as_slice(), [Effect::Submit { .. }]),
        "{effects:?}"
    );
    // An empty reply is not sent.
    let mut empty = app_with(Some(form()), identity());
    empty.apply(Action::Comment);
    assert!(ctrl(&mut empty, 's').is_empty());
    assert_eq!(message(&empty), "the reply is empty: type something first");
}

#[test]
fn published_reloads_and_puts_the_cursor_on_the_new_comment() {
    let mut app = app_with(Some(form()), identity());
    submitted(&mut app, "Thanks!");
    let parent = app.post.comments[1].id.clone();
    let effects = app.update(Msg::Posted {
        post_key: KEY.into(),
        parent: Some(parent.clone()),
        result: Ok(Posted::Published {
            id: "900".into(),
            url: format!("{KEY}#comment-900"),
        }),
    });
    assert!(app.compose.is_none());
    assert_eq!(app.mode, Mode::Normal);
    let Some(Effect::Load { id, source, .. }) = effects.first().cloned() else {
        panic!("expected a reload, got {effects:?}");
    };
    assert_eq!(source, app.source);
    assert_eq!(app.focus_after_load.as_deref(), Some("900"));
    let mut post = app.post.clone();
    let mut reply = post.comments[1].clone();
    reply.id = "900".into();
    reply.parent = Some(parent);
    reply.depth += 1;
    post.comments.insert(2, reply);
    // The stored copy answers first (without the reply), then the server's page (with it).
    let stored = app.post.clone();
    app.update(Msg::Loaded {
        id,
        result: Ok(Box::new(crate::tui::worker::Loaded {
            post: stored,
            refreshing: true,
            ..Default::default()
        })),
    });
    assert_eq!(
        app.focus_after_load.as_deref(),
        Some("900"),
        "still waiting"
    );
    app.update(Msg::Loaded {
        id,
        result: Ok(Box::new(crate::tui::worker::Loaded {
            post,
            ..Default::default()
        })),
    });
    assert_eq!(app.post.comments[app.cursor].id, "900");
    assert_eq!(app.cursor, 2);
    assert_eq!(app.focus, Pane::Comments);
    assert!(app.focus_after_load.is_none());
    assert_eq!(
        message(&app),
        "published",
        "not replaced by 'updated from the server'"
    );
}

#[test]
fn pending_reloads_queued_counts_and_errors_keep_the_text() {
    let mut app = app_with(Some(form()), identity());
    submitted(&mut app, "Held one");
    let parent = app.compose.as_ref().and_then(|c| c.parent.clone());
    let effects = app.update(Msg::Posted {
        post_key: KEY.into(),
        parent: parent.clone(),
        result: Ok(Posted::Pending {
            id: "901".into(),
            url: String::new(),
        }),
    });
    assert!(
        matches!(effects.as_slice(), [Effect::Load { .. }]),
        "{effects:?}"
    );
    assert_eq!(app.focus_after_load.as_deref(), Some("901"));
    assert_eq!(
        message(&app),
        "held for moderation: shown here as pending until the blog publishes it"
    );

    let mut app = app_with(Some(form()), identity());
    submitted(&mut app, "Later");
    let effects = app.update(Msg::Posted {
        post_key: KEY.into(),
        parent: parent.clone(),
        result: Ok(Posted::Queued {
            outbox_id: 3,
            reason: "the blog did not answer in time".into(),
        }),
    });
    assert!(effects.is_empty());
    assert!(app.compose.is_none());
    assert_eq!(app.outbox_queued, 1);
    assert_eq!(
        message(&app),
        "not sent now (the blog did not answer in time); queued in the outbox (1), sent when the blog is reachable"
    );
    app.update(Msg::Outbox {
        queued: 2,
        note: None,
    });
    assert_eq!(app.outbox_queued, 2);

    let mut app = app_with(Some(form()), identity());
    submitted(&mut app, "Again");
    let effects = app.update(Msg::Posted {
        post_key: KEY.into(),
        parent,
        result: Err("the blog refused the comment: Duplicate comment detected".into()),
    });
    assert!(effects.is_empty());
    assert_eq!(app.mode, Mode::Compose);
    assert_eq!(body(&app), "Again");
    assert!(app.compose.as_ref().is_some_and(|c| !c.sending));
    assert_eq!(
        message(&app),
        "the blog refused the comment: Duplicate comment detected (the draft is kept)"
    );
    assert!(app.message.as_ref().is_some_and(|m| m.error));
    // Editing works again after the error.
    typed(&mut app, "!");
    assert_eq!(body(&app), "Again!");
}
