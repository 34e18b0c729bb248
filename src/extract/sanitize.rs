//! The one place untrusted text becomes terminal-safe: control characters, escape sequences,
//! bidi controls and invisible characters are removed; whitespace is normalised.
//!
//! Entities are decoded exactly once, by the HTML parser; nothing here decodes them again.

/// How a piece of text will be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Names, titles, dates: one line, every invisible character dropped (but a ZWJ between
    /// emoji, which joins them into one).
    Line,
    /// Body text: whitespace becomes spaces; a ZWJ between emoji is kept.
    Body,
    /// Preformatted code: `\n` and `\t` kept, `\r\n` becomes `\n`.
    Code,
}

/// A name, title or other one-line field: safe, whitespace collapsed, trimmed.
pub fn line(s: &str) -> String {
    if is_plain(s) {
        return collapse(s).trim().to_string();
    }
    collapse(&strip(s, Mode::Line)).trim().to_string()
}

/// Body text of an inline run: safe, whitespace runs collapsed to one space (not trimmed).
pub fn inline(s: &str) -> String {
    collapse_plain(s).unwrap_or_else(|| collapse(&strip(s, Mode::Body)))
}

/// `collapse` in one pass for plain ASCII text; None when the text needs `strip` first.
fn collapse_plain(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0c) {
                i += 1;
            }
            out.push(' ');
        } else {
            while i < b.len() && b[i] > b' ' && b[i] < 0x7f {
                i += 1;
            }
            if i == start {
                return if is_plain(s) { Some(collapse(s)) } else { None };
            }
            out.push_str(&s[start..i]);
        }
    }
    Some(out)
}

/// True when nothing but HTML whitespace needs attention (the common case, checked fast).
fn is_plain(s: &str) -> bool {
    let ok_byte = |b: u8| (b >= 0x20 && b != 0x7f) || matches!(b, b'\n' | b'\t' | b'\r' | 0x0c);
    if s.bytes().all(|b| b < 0x80 && ok_byte(b)) {
        return true;
    }
    s.chars().all(|c| {
        if c.is_ascii() {
            ok_byte(c as u8)
        } else {
            !c.is_control() && !is_bidi(c) && !is_invisible(c) && c != '\u{2028}' && c != '\u{2029}'
        }
    })
}

/// Preformatted text: safe, with newlines and tabs kept exactly.
pub fn code(s: &str) -> String {
    strip(s, Mode::Code)
}

/// Collapses runs of ASCII whitespace into one space, like a browser does for normal text.
pub fn collapse(s: &str) -> String {
    // ASCII whitespace bytes never occur inside multi-byte UTF-8 sequences: slicing is safe.
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if space(b[i]) {
            while i < b.len() && space(b[i]) {
                i += 1;
            }
            out.push(' ');
        } else {
            while i < b.len() && !space(b[i]) {
                i += 1;
            }
            out.push_str(&s[start..i]);
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
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn is_emojiish(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0xE0020..=0xE007F)
}

/// Removes everything unsafe; the heart of this module.
pub fn strip(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let next = i + c.len_utf8();
        i = match c {
            '\x1b' => skip_escape(s, next),
            '\u{9b}' => skip_csi(s, next),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(s, next),
            '\n' | '\t' if mode == Mode::Code => {
                out.push(c);
                next
            }
            '\r' if mode == Mode::Code => {
                if !s[next..].starts_with('\n') {
                    out.push('\n');
                }
                next
            }
            '\t' | '\n' | '\r' | '\x0c' | '\x0b' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                if mode != Mode::Code {
                    out.push(' ');
                }
                next
            }
            // A ZWJ joining two emoji (👨‍👩‍👧, 🏳️‍🌈) is part of one picture, in names too.
            '\u{200D}' => {
                let prev = out.chars().next_back();
                let after = s[next..].chars().next();
                if prev.is_some_and(is_emojiish) && after.is_some_and(is_emojiish) {
                    out.push(c);
                }
                next
            }
            _ if c.is_control() || is_bidi(c) || is_invisible(c) => next,
            _ => {
                out.push(c);
                next
            }
        };
    }
    out
}

/// After ESC (at byte `i`): skips a CSI, OSC/DCS/APC/PM/SOS string or a two-character
/// sequence; returns the byte index to continue at.
fn skip_escape(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i) {
        Some(b'[') => skip_csi(s, i + 1),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => skip_string(s, i + 1),
        // Charset designations take one more (ASCII) character.
        Some(b'(' | b')' | b'*' | b'+' | b'#' | b'%') => {
            let j = i + 1;
            if s.as_bytes().get(j).is_some_and(u8::is_ascii) {
                j + 1
            } else {
                j
            }
        }
        Some(b' '..=b'~') => i + 1,
        _ => i,
    }
}

/// Skips CSI parameters, intermediates and the final byte. When the sequence is not
/// well formed, only the introducer is dropped (the rest is harmless text).
fn skip_csi(s: &str, start: usize) -> usize {
    let b = s.as_bytes();
    let mut j = start;
    while j < b.len() && (b'0'..=b'?').contains(&b[j]) {
        j += 1;
    }
    while j < b.len() && (b' '..=b'/').contains(&b[j]) {
        j += 1;
    }
    match b.get(j) {
        Some(c) if (b'@'..=b'~').contains(c) => j + 1,
        _ => start,
    }
}

/// Skips a control string up to BEL, ESC `\` or ST. Unterminated: only the introducer goes.
fn skip_string(s: &str, start: usize) -> usize {
    let b = s.as_bytes();
    let mut j = start;
    while j < b.len() {
        match b[j] {
            0x07 => return j + 1,
            0xc2 if b.get(j + 1) == Some(&0x9c) => return j + 2,
            0x1b if b.get(j + 1) == Some(&b'\\') => return j + 2,
            0x1b => return j,
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
        assert_eq!(line("ad\u{200d}min"), "admin");
    }

    #[test]
    fn body_keeps_zwj_between_emoji_only() {
        assert_eq!(
            inline("👨\u{200d}👩\u{200d}👧 fam"),
            "👨\u{200d}👩\u{200d}👧 fam"
        );
        assert_eq!(inline("a\u{200d}b"), "ab");
    }

    /// Issue 12 item 10: author names keep emoji joined with ZWJ.
    #[test]
    fn names_keep_zwj_sequences_of_emoji() {
        assert_eq!(
            line("Ana 👨\u{200d}👩\u{200d}👧"),
            "Ana 👨\u{200d}👩\u{200d}👧"
        );
        assert_eq!(line("🏳\u{fe0f}\u{200d}🌈 Bo"), "🏳\u{fe0f}\u{200d}🌈 Bo");
        assert_eq!(line("\u{200d}👩"), "👩", "a ZWJ joining nothing goes");
        assert_eq!(line("x\u{200d}👩"), "x👩");
    }

    #[test]
    fn controls_and_whitespace() {
        assert_eq!(line("  a\u{0}b\u{7}c\u{85}d \t\n e  "), "abc d e");
        assert_eq!(inline(" a \n\n b "), " a b ");
        assert_eq!(
            code("fn x() {\r\n\tx\x1b[2J\u{0}\r}\n"),
            "fn x() {\n\tx\n}\n"
        );
        assert_eq!(line("Émile – 日本語 ✓"), "Émile – 日本語 ✓");
    }
}
