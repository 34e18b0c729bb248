//! Terminal-safe text for messages that come from the blog (a minimal local sanitizer; the
//! shared one in `extract` may replace it).

/// The longest message kept, in characters; longer ones end with "…".
const MAX_MESSAGE_CHARS: usize = 400;

/// Makes text from outside safe to print: drops escape sequences (CSI, OSC, two-byte ESC),
/// control characters, bidi overrides and invisible characters; collapses whitespace to single
/// spaces; trims; cuts to 400 characters.
pub fn clean(text: &str) -> String {
    clean_limited(text, MAX_MESSAGE_CHARS)
}

/// [`clean`] with a limit of `max_chars` characters (URLs must not be cut).
pub(crate) fn clean_limited(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)));
    let mut chars = text.chars().peekable();
    let mut count = 0usize;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == '\u{1b}' || c == '\u{9b}' || c == '\u{9d}' {
            skip_escape(c, &mut chars);
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if count >= max_chars {
            out.push('…');
            break;
        }
        if pending_space {
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        out.push(c);
        count += 1;
    }
    out
}

/// Skips the rest of an escape sequence that started with `first`.
fn skip_escape(first: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let kind = if first == '\u{1b}' {
        match chars.next() {
            Some('[') => '[',
            Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => ']',
            _ => return, // ESC + one character (or ESC at the end)
        }
    } else if first == '\u{9b}' {
        '['
    } else {
        ']'
    };
    if kind == '[' {
        // CSI: parameter and intermediate bytes, then one final byte in @..~.
        for c in chars.by_ref() {
            if ('@'..='~').contains(&c) || !(' '..='?').contains(&c) {
                return;
            }
        }
    } else {
        // OSC / DCS / …: up to BEL, ST (ESC \) or U+009C.
        while let Some(c) = chars.next() {
            match c {
                '\u{7}' | '\u{9c}' => return,
                '\u{1b}' => {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    return;
                }
                _ => {}
            }
        }
    }
}

/// Control characters, bidi controls, zero-width and other invisible format characters.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e0fff}')
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(clean("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(
            clean("x\u{1b}]8;;http://e.test\u{1b}\\link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(clean("\u{9b}2Jok\u{0}\u{8}\u{7f}"), "ok");
        assert_eq!(clean("evil\u{202e}txt\u{200b}.exe\u{1b}"), "eviltxt.exe");
    }

    #[test]
    fn collapses_whitespace_and_truncates() {
        assert_eq!(clean("  one\n\n two\t three \r\n"), "one two three");
        let long = "é".repeat(1000);
        let cleaned = clean(&long);
        assert_eq!(cleaned.chars().count(), 401);
        assert!(cleaned.ends_with("é…"));
    }
}
