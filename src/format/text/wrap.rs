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
            wrap_pieces(segment, width, PIECE, out);
        }
    }
}

/// Longest text given to `textwrap` at once. It holds a fragment of 40 bytes or more per break
/// opportunity of the whole text, and CJK text has one per character: a paragraph of 2M
/// ideographs took 125 MB.
const PIECE: usize = 16 * 1024;

/// `textwrap::wrap` of `text`, given it in pieces of about `piece` bytes: each piece ends
/// where a line may break whatever surrounds it ([`safe_cut`]), and its last line is wrapped
/// again with the next piece. First fit is greedy, so the lines are the whole wrap's.
fn wrap_pieces(text: &str, width: usize, piece: usize, out: &mut impl Lines) {
    let mut from = 0;
    while text.len() - from > piece {
        let Some(cut) = safe_cut(text, from + piece) else {
            break;
        };
        let part = &text[from..cut];
        let lines = textwrap::wrap(part, width);
        let Some((std::borrow::Cow::Borrowed(last), done)) = lines.split_last() else {
            break;
        };
        // Where the last line starts (textwrap's lines are slices of its text).
        let at = (last.as_ptr() as usize).wrapping_sub(part.as_ptr() as usize);
        if at == 0 || at > part.len() {
            break;
        }
        for l in done {
            out.push_line(l.trim_end());
        }
        from += at;
    }
    for l in textwrap::wrap(&text[from..], width) {
        out.push_line(l.trim_end());
    }
}

/// A byte index at or after `at` (within 4 KiB) where a line may break whatever comes before
/// and after (UAX #14): after one space between an ASCII letter or digit and an ASCII letter,
/// or between two CJK ideographs.
fn safe_cut(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let ideograph = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let end = (at + 4096).min(b.len().saturating_sub(1));
    let mut i = at;
    while i < end {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let ascii = i >= 2
            && b[i - 1] == b' '
            && b[i - 2].is_ascii_alphanumeric()
            && b[i].is_ascii_alphabetic();
        let cjk = text[i..].chars().next().is_some_and(ideograph)
            && text[..i].chars().next_back().is_some_and(ideograph);
        if ascii || cjk {
            return Some(i);
        }
        i += 1;
    }
    None
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
    use super::super::reference::{is_plain_prose, plain_pair};
    use super::{is_plain, wrap_pieces};

    /// Long text wrapped in small pieces gives the lines of one whole `textwrap::wrap`:
    /// seeded text of CJK, words with punctuation, hyphens, URLs, emoji and combining marks.
    #[test]
    fn pieces_wrap_as_the_whole() {
        let words = [
            "漢字",
            "かな",
            "中文字符串",
            "word",
            "hyphen-ated",
            "https://e.test/a/b?c=d",
            "(x)",
            "«quote»",
            "Quoi ?",
            "👨\u{200d}👩",
            "e\u{301}",
            "12,5",
            "end.",
            "—",
            "a",
            "A1",
        ];
        let mut rng = crate::test_rng::Rng(0x5eed_7a9e_0000_0001);
        let mut cut = 0;
        for case in 0..300 {
            let mut text = String::new();
            while text.len() < 2000 + rng.below(6000) {
                text.push_str(rng.pick(&words));
                text.push_str(["", " ", " ", "  "][rng.below(4)]);
            }
            let width = 4 + rng.below(60);
            let whole: Vec<String> = textwrap::wrap(&text, width)
                .iter()
                .map(|l| l.trim_end().to_string())
                .collect();
            let mut pieces: Vec<String> = Vec::new();
            let piece = 64 + rng.below(400);
            wrap_pieces(&text, width, piece, &mut pieces);
            assert_eq!(pieces, whole, "case {case}: width {width}, piece {piece}");
            cut += usize::from(text.len() > piece);
        }
        assert!(cut > 250);
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
