//! The pre-pass's byte-level scanning: tag names, the end of a tag, raw-text ends, searches.

use super::MAX_ATTRIBUTES;
use memchr::{memchr, memmem};

/// The first index ≥ `from` where `pat` occurs.
pub(super) fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    memmem::find(b.get(from..)?, pat).map(|p| p + from)
}

/// Byte classes of a tag's inside: ASCII whitespace (as `u8::is_ascii_whitespace`), and the
/// bytes a tag name or an attribute name's run stops at.
const SPACE: u8 = 1;
const NAME_STOP: u8 = 2;
/// Whitespace, `>`, `/`, `=` and quotes: not [`tag_end`]'s plain run of name bytes.
const NOT_PLAIN: u8 = 4;

const fn classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        let c = k as u8;
        if c.is_ascii_whitespace() {
            t[k] = SPACE | NAME_STOP | NOT_PLAIN;
        }
        if matches!(c, b'/' | b'>') {
            t[k] = NAME_STOP | NOT_PLAIN;
        }
        if matches!(c, b'=' | b'"' | b'\'') {
            t[k] = NOT_PLAIN;
        }
        k += 1;
    }
    t
}
static CLASS: [u8; 256] = classes();

fn class(c: u8) -> u8 {
    CLASS[usize::from(c)]
}

/// The index after the tag name starting at `at`.
pub(super) fn name_end(b: &[u8], at: usize) -> usize {
    let rest = b.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .position(|&c| class(c) & NAME_STOP != 0)
        .unwrap_or(rest.len())
}

/// The index after the tag's `>` (quoted attribute values skipped), whether it ends `/>`,
/// and where the attribute past [`MAX_ATTRIBUTES`] starts, if there is one.
pub(super) fn tag_end(b: &[u8], mut i: usize) -> (usize, bool, Option<usize>) {
    let mut last = 0u8;
    let mut attrs = 0usize;
    let mut cut = None;
    let mut space = true;
    while let Some(&c) = b.get(i) {
        let ws = class(c) & SPACE != 0;
        if space && !ws && !matches!(c, b'>' | b'/' | b'=') && last != b'=' {
            attrs += 1;
            if attrs > MAX_ATTRIBUTES && cut.is_none() {
                cut = Some(i);
            }
        }
        space = ws;
        match c {
            b'>' => return (i + 1, last == b'/', cut),
            b'"' | b'\'' if last == b'=' => {
                match memchr(c, b.get(i + 1..).unwrap_or_default()) {
                    Some(p) => i += 1 + p,
                    None => break,
                }
                last = c;
            }
            _ if ws => {}
            c if class(c) & NOT_PLAIN == 0 => {
                // A run of plain bytes: no attribute starts inside; the last one is `last`.
                let run = b.get(i + 1..).unwrap_or_default();
                let n = run
                    .iter()
                    .position(|&d| class(d) & NOT_PLAIN != 0)
                    .unwrap_or(run.len());
                i += n;
                last = b.get(i).copied().unwrap_or(c);
            }
            c => last = c,
        }
        i += 1;
    }
    (b.len(), false, None)
}

/// True when the tokenizer ends the raw-text element `name` (content `b[from..to]`) where
/// [`raw_end`] does: the end tag's name is followed by a space, `/` or `>`, and no script has
/// the `<!--` … `<script` escape that hides a `</script>`.
pub(super) fn raw_agrees(b: &[u8], from: usize, to: usize, name: &str) -> bool {
    let after = b.get(to + 2 + name.len()).copied();
    let ends = after.is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'));
    let content = b.get(from..to).unwrap_or_default();
    let escaped = name == "script"
        && find(content, 0, b"<!--").is_some()
        && content
            .windows(7)
            .any(|w| w.eq_ignore_ascii_case(b"<script"));
    ends && !escaped
}

/// The index of `</name` closing a raw-text element whose content starts at `from`.
pub(super) fn raw_end(b: &[u8], mut from: usize, name: &str) -> usize {
    let n = name.as_bytes();
    let finder = memmem::Finder::new(b"</");
    while let Some(p) = b.get(from..).and_then(|r| finder.find(r)).map(|p| p + from) {
        let tail = &b[p + 2..];
        if tail.len() >= n.len() && tail[..n.len()].eq_ignore_ascii_case(n) {
            return p;
        }
        from = p + 2;
    }
    b.len()
}
