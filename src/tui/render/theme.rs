//! Styles for every element: named ANSI colours on the terminal's own background by default,
//! a light-background preset, `[colors]` overrides, and `NO_COLOR` (no colours;
//! bold/italic/underline/reverse stay).

use crate::config::ColorsConfig;
use ratatui::style::{Color, Modifier, Style};
use std::str::FromStr;

/// Every style the views use.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub accent: Style,
    pub heading: Style,
    pub link: Style,
    pub link_number: Style,
    pub code: Style,
    pub quote: Style,
    pub dim: Style,
    pub author: Style,
    pub op_badge: Style,
    pub pending: Style,
    pub new_badge: Style,
    pub search_match: Style,
    pub search_current: Style,
    pub error: Style,
    pub title_focused: Style,
    pub title: Style,
    pub cursor: Style,
    pub guides: Vec<Style>,
}

impl Default for Theme {
    fn default() -> Self {
        let fg = |c: Color| Style::new().fg(c);
        Theme {
            accent: fg(Color::Cyan),
            heading: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            link_number: fg(Color::Blue),
            code: fg(Color::Yellow),
            quote: fg(Color::Magenta),
            dim: Style::new().add_modifier(Modifier::DIM),
            author: fg(Color::Green).add_modifier(Modifier::BOLD),
            op_badge: fg(Color::Cyan).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            pending: fg(Color::Yellow).add_modifier(Modifier::REVERSED),
            new_badge: fg(Color::Green).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            search_match: fg(Color::Yellow).add_modifier(Modifier::REVERSED),
            search_current: fg(Color::Red).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            title_focused: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            cursor: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            guides: [
                Color::Blue,
                Color::Green,
                Color::Magenta,
                Color::Yellow,
                Color::Cyan,
                Color::Red,
            ]
            .into_iter()
            .map(fg)
            .collect(),
        }
    }
}

impl Theme {
    /// The light-background preset (`[colors] preset = "light"`): dark shades from the
    /// xterm 256-colour cube, which every 256-colour terminal shows alike (the 16 named
    /// colours are the terminal palette's to choose, and yellow or cyan on white is hard to
    /// read). Each colour has a contrast of at least 4.5:1 on white (WCAG AA; a test checks).
    pub fn light() -> Theme {
        let fg = |n: u8| Style::new().fg(Color::Indexed(n));
        // #005f87 blue-teal, #0000af blue, #870000 dark red, #870087 purple, #585858 gray,
        // #008700 green, #875f00 brown, #af0000 red, #005f5f teal.
        Theme {
            accent: fg(24),
            heading: fg(24).add_modifier(Modifier::BOLD),
            link: fg(19).add_modifier(Modifier::UNDERLINED),
            link_number: fg(19),
            code: fg(88),
            quote: fg(90),
            dim: fg(240),
            author: fg(28).add_modifier(Modifier::BOLD),
            op_badge: fg(24).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            pending: fg(94).add_modifier(Modifier::REVERSED),
            new_badge: fg(28).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            search_match: fg(94).add_modifier(Modifier::REVERSED),
            search_current: fg(124).add_modifier(Modifier::REVERSED | Modifier::BOLD),
            error: fg(124).add_modifier(Modifier::BOLD),
            title_focused: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            cursor: fg(24).add_modifier(Modifier::BOLD),
            guides: [19, 28, 90, 94, 23, 124].into_iter().map(fg).collect(),
        }
    }

    /// The preset's theme with `[colors]` applied; `no_color` strips every colour afterwards.
    /// Unknown colour or preset names are reported and left at their default.
    pub fn from_config(colors: &ColorsConfig, no_color: bool) -> (Theme, Vec<String>) {
        let mut errors = Vec::new();
        let mut theme = match colors.preset.as_deref().map(str::trim) {
            None | Some("dark") => Theme::default(),
            Some("light") => Theme::light(),
            Some(other) => {
                errors.push(format!(
                    "[colors] preset: unknown preset \"{other}\" (dark or light)"
                ));
                Theme::default()
            }
        };
        let mut set = |slot: &mut Style, value: &Option<String>, name: &str| {
            if let Some(text) = value {
                match Color::from_str(text) {
                    Ok(color) => *slot = slot.fg(color),
                    Err(_) => errors.push(format!("[colors] {name}: unknown colour \"{text}\"")),
                }
            }
        };
        set(&mut theme.accent, &colors.accent, "accent");
        set(&mut theme.heading, &colors.heading, "heading");
        set(&mut theme.link, &colors.link, "link");
        set(&mut theme.link_number, &colors.link, "link");
        set(&mut theme.code, &colors.code, "code");
        set(&mut theme.quote, &colors.quote, "quote");
        set(&mut theme.dim, &colors.dim, "dim");
        set(&mut theme.author, &colors.author, "author");
        set(&mut theme.op_badge, &colors.op_badge, "op_badge");
        set(&mut theme.pending, &colors.pending, "pending");
        set(
            &mut theme.search_match,
            &colors.search_match,
            "search_match",
        );
        set(&mut theme.error, &colors.error, "error");
        set(&mut theme.cursor, &colors.accent, "accent");
        if let Some(list) = &colors.guides {
            let parsed: Vec<Style> = list
                .iter()
                .filter_map(|t| match Color::from_str(t) {
                    Ok(c) => Some(Style::new().fg(c)),
                    Err(_) => {
                        errors.push(format!("[colors] guides: unknown colour \"{t}\""));
                        None
                    }
                })
                .collect();
            if !parsed.is_empty() {
                theme.guides = parsed;
            }
        }
        if no_color {
            theme.strip_colors();
        }
        (theme, errors)
    }

    /// True when the `NO_COLOR` environment variable is set to something non-empty.
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    fn strip_colors(&mut self) {
        let strip = |s: &mut Style| {
            s.fg = None;
            s.bg = None;
            s.underline_color = None;
        };
        for style in [
            &mut self.accent,
            &mut self.heading,
            &mut self.link,
            &mut self.link_number,
            &mut self.code,
            &mut self.quote,
            &mut self.dim,
            &mut self.author,
            &mut self.op_badge,
            &mut self.pending,
            &mut self.new_badge,
            &mut self.search_match,
            &mut self.search_current,
            &mut self.error,
            &mut self.title_focused,
            &mut self.title,
            &mut self.cursor,
        ] {
            strip(style);
        }
        self.guides.iter_mut().for_each(strip);
    }

    /// The guide-bar style for a depth level.
    pub fn guide(&self, level: usize) -> Style {
        self.guides
            .get(level % self.guides.len().max(1))
            .copied()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_keeps_modifiers_only() {
        let (theme, errors) = Theme::from_config(&ColorsConfig::default(), true);
        assert!(errors.is_empty());
        assert_eq!(theme.op_badge.fg, None);
        assert!(theme.op_badge.add_modifier.contains(Modifier::REVERSED));
        assert!(theme.guides.iter().all(|s| s.fg.is_none()));
    }

    /// Relative luminance of an xterm 256-colour index (cube and grey ramp), WCAG 2.x.
    fn luminance(n: u8) -> f64 {
        let (r, g, b) = match n {
            16..=231 => {
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * u32::from(v) };
                let i = n - 16;
                (level(i / 36), level(i / 6 % 6), level(i % 6))
            }
            232..=255 => {
                let v = 8 + 10 * u32::from(n - 232);
                (v, v, v)
            }
            _ => panic!("a named colour ({n}) in the light preset"),
        };
        let lin = |c: u32| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    #[test]
    fn light_preset_reads_on_white() {
        let colors = ColorsConfig {
            preset: Some("light".into()),
            ..ColorsConfig::default()
        };
        let (theme, errors) = Theme::from_config(&colors, false);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(theme, Theme::light());
        let t = &theme;
        let styles = [
            t.accent,
            t.heading,
            t.link,
            t.link_number,
            t.code,
            t.quote,
            t.dim,
            t.author,
            t.op_badge,
            t.pending,
            t.new_badge,
            t.search_match,
            t.search_current,
            t.error,
            t.cursor,
        ];
        let mut checked = 0;
        for style in styles.iter().chain(&t.guides) {
            match style.fg {
                Some(Color::Indexed(n)) => {
                    let contrast = 1.05 / (luminance(n) + 0.05);
                    assert!(contrast >= 4.5, "colour {n}: {contrast:.2}:1 on white");
                    checked += 1;
                }
                other => panic!("{other:?}: not a fixed shade"),
            }
        }
        assert_eq!(checked, 21);
        // NO_COLOR still wins over the preset.
        let (plain, _) = Theme::from_config(&colors, true);
        assert!(plain
            .guides
            .iter()
            .chain([&plain.accent, &plain.dim])
            .all(|s| s.fg.is_none()));
        assert!(plain.op_badge.add_modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn unknown_preset_is_said_and_colours_still_patch_the_preset() {
        let colors = ColorsConfig {
            preset: Some("solarized".into()),
            ..ColorsConfig::default()
        };
        let (theme, errors) = Theme::from_config(&colors, false);
        assert_eq!(theme, Theme::default());
        assert_eq!(
            errors,
            vec!["[colors] preset: unknown preset \"solarized\" (dark or light)".to_string()]
        );
        let colors = ColorsConfig {
            preset: Some("light".into()),
            accent: Some("red".into()),
            ..ColorsConfig::default()
        };
        let (theme, _) = Theme::from_config(&colors, false);
        assert_eq!(theme.accent.fg, Some(Color::Red));
        assert_eq!(theme.code.fg, Some(Color::Indexed(88)));
    }

    #[test]
    fn config_colours_apply() {
        let colors = ColorsConfig {
            accent: Some("red".into()),
            link: Some("#ff8800".into()),
            dim: Some("nope".into()),
            ..ColorsConfig::default()
        };
        let (theme, errors) = Theme::from_config(&colors, false);
        assert_eq!(theme.accent.fg, Some(Color::Red));
        assert_eq!(theme.link.fg, Some(Color::Rgb(0xff, 0x88, 0x00)));
        assert_eq!(
            errors,
            vec!["[colors] dim: unknown colour \"nope\"".to_string()]
        );
    }
}
