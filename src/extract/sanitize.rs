//! The one place untrusted text becomes terminal-safe: control characters, escape sequences,
//! bidi controls and invisible characters are removed; whitespace is normalised.
//!
//! Entities are decoded exactly once, by the HTML parser; nothing here decodes them again.

/// How a piece of text will be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Names, titles, dates: one line, every invisible character dropped.
    Line,
    /// Body text: whitespace becomes spaces; a ZWJ between emoji is kept.
    Body,
    /// Preformatted code: `\n` and `\t` kept, `\r\n` becomes `\n`.
    Code,
}

/// A name, title or other one-line field: safe, whitespace collapsed, trimmed.
pub fn line(s: &str) -> String {
    collapse(&strip(s, Mode::Line)).trim().to_string()
}

/// Body text of an inline run: safe, whitespace runs collapsed to one space (not trimmed).
pub fn inline(s: &str) -> String {
    collapse(&strip(s, Mode::Body))
}

/// Preformatted text: safe, with newlines and tabs kept exactly.
pub fn code(s: &str) -> String {
    strip(s, Mode::Code)
}

/// Collapses runs of ASCII whitespace into one space, like a browser does for normal text.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if is_html_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Whitespace as HTML defines it (the characters a browser collapses).
pub fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_emojiish(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0xE0020..=0xE007F)
}

/// Removes everything unsafe; the heart of this module.
pub fn strip(s: &str, mode: Mode) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\x1b' => i = skip_escape(&chars, i + 1),
            '\u{9b}' => i = skip_csi(&chars, i + 1),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => i = skip_string(&chars, i + 1),
            '\n' | '\t' if mode == Mode::Code => {
                out.push(c);
                i += 1;
            }
            '\r' if mode == Mode::Code => {
                if chars.get(i + 1) != Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            '\t' | '\n' | '\r' | '\x0c' | '\x0b' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                if mode != Mode::Code {
                    out.push(' ');
                }
                i += 1;
            }
            '\u{200D}' if mode != Mode::Line => {
                let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
                let next = chars.get(i + 1).copied();
                if prev.is_some_and(is_emojiish) && next.is_some_and(is_emojiish) {
                    out.push(c);
                }
                i += 1;
            }
            _ if c.is_control() || is_bidi(c) || is_invisible(c) => i += 1,
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// After ESC: skips a CSI, OSC/DCS/APC/PM/SOS string or a two-character sequence.
fn skip_escape(chars: &[char], i: usize) -> usize {
    match chars.get(i) {
        Some('[') => skip_csi(chars, i + 1),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars, i + 1),
        // Charset designations take one more character.
        Some('(' | ')' | '*' | '+' | '#' | '%') => (i + 2).min(chars.len()),
        Some(c) if (' '..='~').contains(c) => i + 1,
        _ => i,
    }
}

/// Skips CSI parameters, intermediates and the final byte. When the sequence is not
/// well formed, only the introducer is dropped (the rest is harmless text).
fn skip_csi(chars: &[char], start: usize) -> usize {
    let mut j = start;
    while j < chars.len() && ('0'..='?').contains(&chars[j]) {
        j += 1;
    }
    while j < chars.len() && (' '..='/').contains(&chars[j]) {
        j += 1;
    }
    match chars.get(j) {
        Some(c) if ('@'..='~').contains(c) => j + 1,
        _ => start,
    }
}

/// Skips a control string up to BEL, ESC \ or ST. Unterminated: only the introducer goes.
fn skip_string(chars: &[char], start: usize) -> usize {
    let mut j = start;
    while j < chars.len() {
        match chars[j] {
            '\x07' | '\u{9c}' => return j + 1,
            '\x1b' if chars.get(j + 1) == Some(&'\\') => return j + 2,
            '\x1b' => return j,
            _ => j += 1,
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_and_osc_whole() {
        assert_eq!(line("a\x1b[2Jb"), "ab");
        assert_eq!(line("x\x1b[31mred\x1b[0m"), "xred");
        assert_eq!(line("\x1b]0;pwned\x07Title"), "Title");
        assert_eq!(line("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"), "link");
        assert_eq!(line("a\u{9b}31mb"), "ab");
        assert_eq!(line("a\u{9d}0;t\u{9c}b"), "ab");
    }

    #[test]
    fn unterminated_sequences_drop_only_the_introducer() {
        assert_eq!(line("a\x1b]0;still text"), "a0;still text");
        assert_eq!(line("end\x1b"), "end");
        assert_eq!(line("a\x1b[12"), "a12");
    }

    #[test]
    fn strips_bidi_zero_width_soft_hyphen() {
        assert_eq!(line("Eve\u{202e}gnp.exe"), "Evegnp.exe");
        assert_eq!(line("a\u{2066}b\u{2069}c\u{200f}d\u{061c}"), "abcd");
        assert_eq!(line("ad\u{200b}min\u{feff}\u{2060}\u{00ad}"), "admin");
        assert_eq!(line("👨\u{200d}👩"), "👨👩");
    }

    #[test]
    fn body_keeps_zwj_between_emoji_only() {
        assert_eq!(inline("👨\u{200d}👩\u{200d}👧 fam"), "👨\u{200d}👩\u{200d}👧 fam");
        assert_eq!(inline("a\u{200d}b"), "ab");
    }

    #[test]
    fn controls_and_whitespace() {
        assert_eq!(line("  a\u{0}b\u{7}c\u{85}d \t\n e  "), "abc d e");
        assert_eq!(inline(" a \n\n b "), " a b ");
        assert_eq!(code("fn x() {\r\n\tx\x1b[2J\u{0}\r}\n"), "fn x() {\n\tx\n}\n");
        assert_eq!(line("Émile – 日本語 ✓"), "Émile – 日本語 ✓");
    }
}
