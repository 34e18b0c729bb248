//! Keys → actions: the default bindings, `[keys]` overrides from the config, key names for
//! the help screen and the status-line hints (all generated from the one table).

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

/// A key with its modifiers, normalised (shift folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// A key from a terminal event: `Shift` is dropped for characters (`J` already says it).
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses `j`, `G`, `ctrl-d`, `alt-x`, `down`, `pagedown`, `space`, `enter`, `f1`, …
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix_len, m) = if lower.starts_with("ctrl-") {
                (5, KeyModifiers::CONTROL)
            } else if lower.starts_with("c-") && rest.len() > 2 {
                (2, KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                (4, KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                (6, KeyModifiers::SHIFT)
            } else {
                break;
            };
            mods |= m;
            rest = &rest[prefix_len..];
        }
        let code = parse_code(rest).ok_or_else(|| format!("unknown key \"{text}\""))?;
        let code = match (code, mods.contains(KeyModifiers::SHIFT)) {
            (KeyCode::Tab, true) => KeyCode::BackTab,
            (KeyCode::Char(c), true) => KeyCode::Char(c.to_ascii_uppercase()),
            (code, _) => code,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Ok(Key { code, mods })
    }

    /// How the key is shown on screen (`Ctrl-d`, `PgDn`, `Space`).
    pub fn display(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        out.push_str(&name);
        out
    }
}

fn parse_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let code = match name.to_ascii_lowercase().as_str() {
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
        }
        _ => return None,
    };
    Some(code)
}

/// The default bindings (DESIGN.md, with `p` for parent: `u` stays half a page up as in less/vim).
const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::ScrollDown, &["j", "down", "ctrl-e"]),
    (Action::ScrollUp, &["k", "up", "ctrl-y"]),
    (Action::HalfPageDown, &["d", "ctrl-d"]),
    (Action::HalfPageUp, &["u", "ctrl-u"]),
    (Action::PageDown, &["space", "pagedown", "ctrl-f"]),
    (Action::PageUp, &["b", "pageup", "ctrl-b"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::SwitchPane, &["tab", "backtab"]),
    (Action::NextComment, &["J"]),
    (Action::PrevComment, &["K"]),
    (Action::Parent, &["p"]),
    (Action::NextSibling, &["}"]),
    (Action::NextTopLevel, &["]"]),
    (Action::PrevSibling, &["{"]),
    (Action::PrevTopLevel, &["["]),
    (Action::ToggleFold, &["z", "enter"]),
    (Action::FoldLevel, &["h", "left"]),
    (Action::UnfoldLevel, &["l", "right"]),
    (Action::NextNew, &["."]),
    (Action::MarkAllRead, &["m"]),
    (Action::SortComments, &["S"]),
    (Action::Search, &["/"]),
    (Action::NextMatch, &["n"]),
    (Action::PrevMatch, &["N"]),
    (Action::FollowLink, &["f"]),
    (Action::OpenPost, &["o"]),
    (Action::CopyUrl, &["y"]),
    (Action::Discussions, &["D"]),
    (Action::NextTab, &["t"]),
    (Action::PrevTab, &["T"]),
    (Action::Reply, &["r"]),
    (Action::Comment, &["c"]),
    (Action::Editor, &["e"]),
    (Action::Reload, &["R"]),
    (Action::Library, &["L"]),
    (Action::Blogs, &["B"]),
    (Action::Replies, &["Y"]),
    (Action::RefreshAll, &["A"]),
    (Action::DeletePost, &["x", "delete"]),
    (Action::Welcome, &["w"]),
    (Action::Messages, &["M"]),
    (Action::Drafts, &["W"]),
    (Action::SendDraft, &["s"]),
    (Action::Help, &["?"]),
    (Action::Quit, &["q"]),
    (Action::Cancel, &["esc"]),
];

/// Compose-mode keys: these act, every other key types into the reply.
const COMPOSE_DEFAULTS: &[(Action, &[&str])] = &[
    (Action::Send, &["ctrl-s", "alt-enter"]),
    (Action::QuoteParent, &["ctrl-q"]),
    (Action::Editor, &["ctrl-e"]),
    (Action::Cancel, &["esc"]),
];

/// Actions that exist only in compose mode: `[keys]` entries for them set compose keys.
const COMPOSE_ONLY: [Action; 2] = [Action::Send, Action::QuoteParent];

/// Actions whose keys the status line advertises.
/// Most useful first: a narrow status line keeps the first ones that fit.
const HINTS: [Action; 5] = [
    Action::Help,
    Action::Quit,
    Action::SwitchPane,
    Action::ToggleFold,
    Action::Search,
];

/// The hints a status line of `NARROW_HINTS_WIDTH` columns or fewer keeps: the way to the
/// other keys and the way out.
const NARROW_HINTS: [Action; 2] = [Action::Help, Action::Quit];

/// At this width and below the status line shows fewer key hints (`NARROW_HINTS`).
pub const NARROW_HINTS_WIDTH: usize = 60;

/// The key table for browsing.
#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    by_action: BTreeMap<Action, Vec<Key>>,
    /// Compose mode's own table (see `COMPOSE_DEFAULTS`).
    compose: HashMap<Key, Action>,
    compose_by_action: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut map = Keymap {
            by_key: HashMap::new(),
            by_action: BTreeMap::new(),
            compose: HashMap::new(),
            compose_by_action: BTreeMap::new(),
        };
        for (action, keys) in DEFAULTS {
            for key in keys.iter().filter_map(|k| Key::parse(k).ok()) {
                map.bind(key, *action);
            }
        }
        for (action, keys) in COMPOSE_DEFAULTS {
            for key in keys.iter().filter_map(|k| Key::parse(k).ok()) {
                map.compose.insert(key, *action);
                map.compose_by_action.entry(*action).or_default().push(key);
            }
        }
        map
    }
}

impl Keymap {
    /// Defaults patched with `[keys]` from the config. Bad entries are skipped and reported.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut errors = Vec::new();
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                errors.push(format!("[keys]: unknown action \"{name}\""));
                continue;
            };
            if COMPOSE_ONLY.contains(&action) {
                map.rebind_compose(action, keys, name, &mut errors);
                continue;
            }
            for old in map.by_action.remove(&action).unwrap_or_default() {
                map.by_key.remove(&old);
            }
            for text in keys {
                match Key::parse(text) {
                    Ok(key) => map.bind(key, action),
                    Err(e) => errors.push(format!("[keys] {name}: {e}")),
                }
            }
        }
        (map, errors)
    }

    /// Binds a key, taking it away from any action that had it.
    pub fn bind(&mut self, key: Key, action: Action) {
        if let Some(previous) = self.by_key.insert(key, action) {
            if let Some(keys) = self.by_action.get_mut(&previous) {
                keys.retain(|k| *k != key);
            }
        }
        self.by_action.entry(action).or_default().push(key);
    }

    /// The action for a key event, if any.
    pub fn lookup(&self, event: &KeyEvent) -> Option<Action> {
        self.by_key.get(&Key::from_event(event)).copied()
    }

    /// Replaces a compose-only action's keys (from `[keys]`), taking each key from any other
    /// compose action that had it.
    fn rebind_compose(
        &mut self,
        action: Action,
        keys: &[String],
        name: &str,
        errors: &mut Vec<String>,
    ) {
        for old in self.compose_by_action.remove(&action).unwrap_or_default() {
            self.compose.remove(&old);
        }
        for text in keys {
            match Key::parse(text) {
                Ok(key) => {
                    if let Some(previous) = self.compose.insert(key, action) {
                        if let Some(list) = self.compose_by_action.get_mut(&previous) {
                            list.retain(|k| *k != key);
                        }
                    }
                    self.compose_by_action.entry(action).or_default().push(key);
                }
                Err(e) => errors.push(format!("[keys] {name}: {e}")),
            }
        }
    }

    /// The compose-mode action for a key event (`None`: the key types into the reply).
    pub fn lookup_compose(&self, event: &KeyEvent) -> Option<Action> {
        self.compose.get(&Key::from_event(event)).copied()
    }

    /// The compose-mode keys of an action.
    pub fn compose_keys_for(&self, action: Action) -> &[Key] {
        self.compose_by_action
            .get(&action)
            .map_or(&[], Vec::as_slice)
    }

    /// The first key of an action as messages name it (its config name when unbound).
    pub fn first(&self, action: Action) -> String {
        self.keys_for(action)
            .first()
            .map_or_else(|| action.name(), Key::display)
    }

    /// The first compose-mode key of an action (its config name when unbound).
    pub fn first_compose(&self, action: Action) -> String {
        self.compose_keys_for(action)
            .first()
            .map_or_else(|| action.name(), Key::display)
    }

    /// The keys bound to an action, in binding order.
    pub fn keys_for(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// `"z/Enter"`: every key of an action for the help screen.
    pub fn keys_label(&self, action: Action) -> String {
        self.keys_for(action)
            .iter()
            .map(Key::display)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The help table: (keys, action name, description) for every action.
    pub fn help_rows(&self) -> Vec<(String, String, &'static str)> {
        Action::all()
            .map(|a| {
                let normal = self.keys_label(a);
                let compose: Vec<String> =
                    self.compose_keys_for(a).iter().map(Key::display).collect();
                let compose = compose.join(" ");
                let label = match (normal.is_empty(), compose.is_empty()) {
                    (_, true) => normal,
                    _ if compose == normal => normal,
                    (true, false) => compose,
                    (false, false) => format!("{normal} · {compose}"),
                };
                (label, a.name(), a.description())
            })
            .collect()
    }

    /// Status-line hints: (first key, short word) for the advertised actions that have a key.
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        self.hints_of(&HINTS)
    }

    /// The hints for a status line of `width` columns: fewer at `NARROW_HINTS_WIDTH` and below.
    pub fn hints_for_width(&self, width: usize) -> Vec<(String, &'static str)> {
        if width <= NARROW_HINTS_WIDTH {
            self.hints_of(&NARROW_HINTS)
        } else {
            self.hints()
        }
    }

    fn hints_of(&self, actions: &[Action]) -> Vec<(String, &'static str)> {
        actions
            .iter()
            .filter_map(|a| self.keys_for(*a).first().map(|k| (k.display(), a.hint())))
            .collect()
    }
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
