//! Compose mode, continued: the identity form, $EDITOR hand-over, the pane at 80×24 (insta).

use super::tests::{app_with, body, ctrl, form, identity, message, press, submitted, typed, KEY};
use crate::reply::Identity;
use crate::tui::action::Action;
use crate::tui::app::{Effect, Mode, Msg};
use crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn identity_form_asks_once_saves_and_then_submits() {
    let mut app = app_with(Some(form()), Identity::default());
    let effects = submitted(&mut app, "Hello");
    assert!(effects.is_empty());
    let f = app
        .compose
        .as_ref()
        .and_then(|c| c.identity.clone())
        .expect("identity form");
    assert!(f.needs_name && f.needs_email);
    assert_eq!(f.focus, 0);
    typed(&mut app, "New Person");
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    typed(&mut app, "not-an-email");
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    // On "Remember": Enter confirms; the bad email is refused.
    assert!(press(&mut app, KeyCode::Enter, KeyModifiers::NONE).is_empty());
    assert_eq!(
        message(&app),
        "\"not-an-email\" does not look like an email address"
    );
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    for _ in 0.."not-an-email".len() {
        press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    }
    typed(&mut app, "new@example.test");
    let effects = ctrl(&mut app, 's');
    let who = Identity {
        name: Some("New Person".into()),
        email: Some("new@example.test".into()),
        url: None,
    };
    let parent = app.post.comments[1].id.clone();
    assert_eq!(
        effects,
        vec![
            Effect::SaveIdentity(who.clone()),
            Effect::Submit {
                post_url: KEY.into(),
                parent: Some(parent),
                body: "Hello".into(),
                identity: who.clone(),
            }
        ]
    );
    assert_eq!(app.settings.identity, who);
    // Asked once: the next reply goes straight out.
    let mut again = app_with(Some(form()), who);
    assert!(matches!(
        submitted(&mut again, "Two").as_slice(),
        [Effect::Submit { .. }]
    ));
}

#[test]
fn identity_form_remember_no_does_not_save_and_esc_goes_back() {
    let mut app = app_with(Some(form()), Identity::default());
    submitted(&mut app, "Hello");
    typed(&mut app, "Ann");
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    typed(&mut app, "ann@example.test");
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    typed(&mut app, "n");
    let effects = press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(effects.as_slice(), [Effect::Submit { .. }]),
        "{effects:?}"
    );

    let mut app = app_with(Some(form()), Identity::default());
    submitted(&mut app, "Hello");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.compose.as_ref().is_some_and(|c| c.identity.is_none()));
    assert_eq!(app.mode, Mode::Compose);
    assert_eq!(message(&app), "not sent: back to the reply");
}

#[test]
fn the_editor_key_hands_over_the_text_and_takes_it_back() {
    let mut app = app_with(Some(form()), identity());
    app.apply(Action::Comment);
    typed(&mut app, "draft");
    assert_eq!(ctrl(&mut app, 'e'), vec![Effect::Edit("draft\n".into())]);
    app.update(Msg::Edited(Ok("edited\ntext\n".into())));
    assert_eq!(body(&app), "edited\ntext");
    app.update(Msg::Edited(Err("vi exited with 1".into())));
    assert_eq!(
        message(&app),
        "the editor failed: vi exited with 1 (the text is unchanged)"
    );
    // `e` in the reader: compose, then $EDITOR once the draft is in.
    let mut app = app_with(Some(form()), identity());
    let parent = app.post.comments[1].id.clone();
    app.apply(Action::Editor);
    let effects = app.update(Msg::DraftLoaded {
        post_key: KEY.into(),
        parent: Some(parent),
        body: Some("kept".into()),
    });
    assert_eq!(effects, vec![Effect::Edit("kept\n".into())]);
}

#[test]
fn compose_pane_80x24() {
    let mut app = app_with(Some(form()), identity());
    app.apply(Action::Reply);
    typed(&mut app, "I tried this at 80% hydration and it worked.");
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| crate::tui::ui::draw(&app, f))
        .expect("draw");
    insta::assert_snapshot!("compose_80x24", terminal.backend());

    let mut app = app_with(Some(form()), Identity::default());
    submitted(&mut app, "Hello");
    typed(&mut app, "Ann");
    terminal
        .draw(|f| crate::tui::ui::draw(&app, f))
        .expect("draw");
    insta::assert_snapshot!("compose_identity_80x24", terminal.backend());
}

#[test]
fn a_form_without_threading_refuses_replies_but_takes_comments() {
    let mut unthreaded = form();
    unthreaded.parent_field = None;
    let mut app = app_with(Some(unthreaded), identity());
    assert!(app.apply(Action::Reply).is_empty());
    assert!(app.compose.is_none());
    assert_eq!(
        message(&app),
        "this blog's form cannot answer a particular comment; comment on the post instead"
    );
    assert_eq!(app.apply(Action::Comment).len(), 1);
    assert_eq!(app.mode, Mode::Compose);
}

#[test]
fn paste_goes_into_the_reply_and_a_tick_saves_only_when_due() {
    let mut app = app_with(Some(form()), identity());
    app.apply(Action::Comment);
    let effects = app.update(Msg::Paste("line one\r\nline two".into()));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(body(&app), "line one\nline two");
    // A tick right away: not due yet.
    assert!(app.update(Msg::tick()).is_empty());
    assert!(app.wants_tick());
    // Pasting outside compose does nothing.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(app.update(Msg::Paste("ignored".into())).is_empty());
    assert!(app.compose.is_none());
    // A draft for another target is ignored.
    app.apply(Action::Comment);
    app.update(Msg::DraftLoaded {
        post_key: KEY.into(),
        parent: Some("999".into()),
        body: Some("not this one".into()),
    });
    assert_eq!(body(&app), "");
}

/// `r` on a giscus thread asks the cached accounts (no file read in `update`): with no GitHub
/// account it says how to sign in and opens nothing; once the cache has one, compose opens.
#[test]
fn replying_through_an_account_asks_the_cached_accounts() {
    let mut app = app_with(None, Identity::default());
    app.post.comment_system = Some(crate::model::CommentSystem {
        name: "giscus".into(),
        site: Some("owner/repo".into()),
        ..Default::default()
    });
    let effects = press(&mut app, KeyCode::Char('r'), KeyModifiers::NONE);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(app.compose.is_none());
    assert!(
        message(&app).contains("run `parlor login github` first"),
        "{}",
        message(&app)
    );
    app.accounts = crate::posting::SignedIn::fixed(&["mastodon"]);
    press(&mut app, KeyCode::Char('r'), KeyModifiers::NONE);
    assert!(
        app.compose.is_none(),
        "a Mastodon account does not post on giscus"
    );
    app.accounts = crate::posting::SignedIn::fixed(&["github"]);
    let effects = press(&mut app, KeyCode::Char('r'), KeyModifiers::NONE);
    assert!(app.compose.is_some(), "{}", message(&app));
    assert!(matches!(effects.as_slice(), [Effect::LoadDraft { .. }]));
    assert_eq!(app.mode, Mode::Compose);
}
