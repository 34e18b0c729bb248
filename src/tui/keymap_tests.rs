//! Tests of the keymap: defaults, overrides from config, the help table and hints.

use super::*;

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

/// The documented default config lists every binding exactly as the built-in defaults.
#[test]
fn default_config_file_is_the_default_keymap() {
    let config = crate::config::parse(crate::config::DEFAULT_CONFIG).expect("parses");
    let (map, errors) = Keymap::with_overrides(&config.keys);
    assert!(errors.is_empty(), "{errors:?}");
    let defaults = Keymap::default();
    for action in Action::all() {
        assert_eq!(
            map.keys_label(action),
            defaults.keys_label(action),
            "{action:?}"
        );
        assert_eq!(
            map.compose_keys_for(action),
            defaults.compose_keys_for(action),
            "{action:?}"
        );
        let bound =
            !defaults.keys_for(action).is_empty() || !defaults.compose_keys_for(action).is_empty();
        assert!(
            !bound || config.keys.contains_key(&action.name()),
            "assets/default-config.toml does not list {}",
            action.name()
        );
    }
}

#[test]
fn defaults_cover_design_keys() {
    let map = Keymap::default();
    assert_eq!(
        map.lookup(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
        Some(Action::ScrollDown)
    );
    assert_eq!(
        map.lookup(&ev(KeyCode::Char('J'), KeyModifiers::SHIFT)),
        Some(Action::NextComment)
    );
    assert_eq!(
        map.lookup(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        Some(Action::HalfPageDown)
    );
    assert_eq!(
        map.lookup(&ev(KeyCode::Char('u'), KeyModifiers::NONE)),
        Some(Action::HalfPageUp)
    );
    assert_eq!(
        map.lookup(&ev(KeyCode::Char('p'), KeyModifiers::NONE)),
        Some(Action::Parent)
    );
    assert_eq!(
        map.lookup(&ev(KeyCode::Enter, KeyModifiers::NONE)),
        Some(Action::ToggleFold)
    );
    assert_eq!(
        map.lookup(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Action::SwitchPane)
    );
    for action in Action::all() {
        assert!(
            !map.keys_for(action).is_empty() || !map.compose_keys_for(action).is_empty(),
            "{action:?} has no default key"
        );
    }
}

#[test]
fn overrides_replace_defaults_and_steal_keys() {
    let mut over = BTreeMap::new();
    over.insert(
        "scroll_down".to_string(),
        vec!["n".to_string(), "ctrl-n".to_string()],
    );
    over.insert("bogus".to_string(), vec!["x".to_string()]);
    over.insert("top".to_string(), vec!["hyper-q".to_string()]);
    let (map, errors) = Keymap::with_overrides(&over);
    assert_eq!(
        map.lookup(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        map.lookup(&ev(KeyCode::Char('n'), KeyModifiers::NONE)),
        Some(Action::ScrollDown)
    );
    assert_eq!(map.keys_for(Action::NextMatch).len(), 0);
    assert_eq!(map.keys_label(Action::ScrollDown), "n Ctrl-n");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0], "[keys]: unknown action \"bogus\"");
}

#[test]
fn parse_and_display() {
    assert_eq!(
        Key::parse("shift-tab").map(|k| k.display()),
        Ok("Shift-Tab".to_string())
    );
    assert_eq!(
        Key::parse("pgdn").map(|k| k.display()),
        Ok("PgDn".to_string())
    );
    assert_eq!(Key::parse("F5").map(|k| k.code), Ok(KeyCode::F(5)));
    assert!(Key::parse("f99").is_err());
    let map = Keymap::default();
    assert_eq!(
        map.lookup_compose(&ev(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        Some(Action::Send)
    );
    assert_eq!(
        map.lookup_compose(&ev(KeyCode::Enter, KeyModifiers::ALT)),
        Some(Action::Send)
    );
    assert_eq!(
        map.lookup_compose(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
        None
    );
    let mut over = BTreeMap::new();
    over.insert(
        "send".to_string(),
        vec!["ctrl-o".to_string(), "f2".to_string()],
    );
    let (custom, errors) = Keymap::with_overrides(&over);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        custom.lookup_compose(&ev(KeyCode::Char('o'), KeyModifiers::CONTROL)),
        Some(Action::Send)
    );
    assert_eq!(
        custom.lookup_compose(&ev(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        None
    );
    assert_eq!(custom.lookup(&ev(KeyCode::F(2), KeyModifiers::NONE)), None);
    let help = map.help_rows();
    let editor = help.iter().find(|r| r.1 == "editor").expect("editor row");
    assert_eq!(editor.0, "e · Ctrl-e");
    let hints = Keymap::default().hints();
    assert_eq!(hints[0], ("?".to_string(), "help"));
    assert_eq!(hints[2], ("Tab".to_string(), "pane"));
}
