//! Wrapping plain text to a width: `textwrap`'s lines, with a fast path for plain prose.

/// Where lines go: the text writer, or a list of lines.
pub(super) trait Lines {
    fn push_line(&mut self, line: &str);
}

impl Lines for Vec<String> {
    fn push_line(&mut self, line: &str) {
        self.push(line.to_string());
    }
}

/// `text` wrapped to `width`, each '\n' starting a new line.
pub(super) fn wrap(text: &str, width: usize, out: &mut impl Lines) {
    for segment in text.split('\n') {
        let segment = segment.trim();
        if segment.is_empty() {
            out.push_line("");
            continue;
        }
        if !wrap_plain(segment, width, out) {
            for l in textwrap::wrap(segment, width) {
                out.push_line(l.trim_end());
            }
        }
    }
}

/// Byte classes of plain ASCII prose: letters, digits, spaces, sentence punctuation and the
/// `[n]` of numbered links, none of which offers a line break of its own where they meet in
/// such text (no hyphens or slashes), so the only break opportunities are after spaces.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const SPACE: u8 = 2;
const STOP: u8 = 3;
const BANG: u8 = 4;
const OPEN: u8 = 5;
const CLOSE: u8 = 6;
const START: u8 = 7;

const fn class_of(b: u8) -> u8 {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => ALNUM,
        b' ' => SPACE,
        b'.' | b',' | b';' | b':' => STOP,
        b'!' | b'?' => BANG,
        b'[' => OPEN,
        b']' => CLOSE,
        _ => OTHER,
    }
}

const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = class_of(i as u8);
        i += 1;
    }
    t
};

/// For each class, the classes that may not follow it (bit per class): any other text, and
/// neighbours that would change the line-break analysis of Unicode (UAX #14): punctuation
/// after a space ("Quoi ?") is glued to it, and a break may follow "?" or "!" or come before
/// "[" without a space.
const NOT_AFTER: [u8; 8] = {
    const fn bits(classes: &[u8]) -> u8 {
        let mut m = 1 << OTHER;
        let mut i = 0;
        while i < classes.len() {
            m |= 1 << classes[i];
            i += 1;
        }
        m
    }
    let mut t = [0xff; 8];
    t[ALNUM as usize] = bits(&[]);
    t[SPACE as usize] = bits(&[STOP, BANG, CLOSE]);
    t[STOP as usize] = bits(&[OPEN]);
    t[BANG as usize] = bits(&[ALNUM, OPEN]);
    t[OPEN as usize] = bits(&[SPACE]);
    t[CLOSE as usize] = bits(&[OPEN]);
    t[START as usize] = bits(&[]);
    t
};

/// Whether `b` is plain prose (see [`CLASS`] and [`NOT_AFTER`]), in one pass.
fn is_plain(b: &[u8]) -> bool {
    let mut prev = START;
    for &x in b {
        let c = CLASS[usize::from(x)];
        if NOT_AFTER[usize::from(prev)] >> c & 1 != 0 {
            return false;
        }
        prev = c;
    }
    true
}

/// The lines `textwrap::wrap` gives for plain prose (first fit; words longer than `width`
/// broken apart), without its Unicode line-break analysis: a thread is mostly such text.
/// Pushes the lines and returns true; false (nothing pushed) for any other text.
pub(super) fn wrap_plain(text: &str, width: usize, out: &mut impl Lines) -> bool {
    let b = text.as_bytes();
    if width == 0 || !is_plain(b) {
        return false;
    }
    // The line being filled: its start, the end of its last word, and its width with the
    // whitespace after that word.
    let mut line: Option<(usize, usize)> = None;
    let mut line_w = 0usize;
    let mut i = 0;
    while i < b.len() {
        let word = i;
        while i < b.len() && b[i] != b' ' {
            i += 1;
        }
        let word_end = i;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let mut piece = word;
        while piece < word_end {
            let piece_end = (piece + width).min(word_end);
            let space = if piece_end == word_end {
                i - word_end
            } else {
                0
            };
            if let Some((start, end)) = line {
                if line_w + (piece_end - piece) > width {
                    out.push_line(&text[start..end]);
                    line = None;
                    line_w = 0;
                }
            }
            let start = line.map_or(piece, |(s, _)| s);
            line = Some((start, piece_end));
            line_w += piece_end - piece + space;
            piece = piece_end;
        }
    }
    if let Some((start, end)) = line {
        out.push_line(&text[start..end]);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    // The definition the tables were made from (two passes over the text).
    /// Plain ASCII prose: letters, digits, spaces, sentence punctuation and the `[n]` of numbered
    /// links, none of which offers a line break of its own where they meet in such text (no
    /// hyphens or slashes), so the only break opportunities are after spaces.
    fn is_plain_prose(b: u8) -> bool {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b'.' | b',' | b';' | b':' | b'!' | b'?' | b'[' | b']'
            )
    }

    /// False where two neighbours would change the line-break analysis of Unicode (UAX #14):
    /// punctuation after a space ("Quoi ?") is glued to it, and a break may follow "?" or "!"
    /// or come before "[" without a space.
    fn plain_pair(w: &[u8]) -> bool {
        !matches!(
            (w[0], w[1]),
            (b' ', b'.' | b',' | b';' | b':' | b'!' | b'?' | b']')
                | (b'[', b' ')
                | (b'!' | b'?', b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'[')
                | (b'.' | b',' | b';' | b':' | b']', b'[')
        )
    }

    #[test]
    fn class_tables_are_the_two_pass_check() {
        // Both checks are "every byte and every pair of neighbours is fine", so agreeing on
        // all bytes and all pairs is agreeing on all texts.
        for a in 0..=255u8 {
            assert_eq!(is_plain(&[a]), is_plain_prose(a), "{a}");
            for b in 0..=255u8 {
                let want = is_plain_prose(a) && is_plain_prose(b) && plain_pair(&[a, b]);
                assert_eq!(is_plain(&[a, b]), want, "{a} {b}");
            }
        }
    }
}
