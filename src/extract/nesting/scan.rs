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

/// Where [`tag_end`] is in a tag, as the HTML tokenizer's states after the tag name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Unquoted,
    AfterQuoted,
    Solidus,
}

/// The index after the tag's `>`, whether it ends `/>`, and where the attribute past
/// [`MAX_ATTRIBUTES`] starts, if there is one. The tokenizer's own states: a quote opens a
/// value only right after an attribute name's `=` (`a= ='>'` ends at the first `>`), and a `>`
/// anywhere else ends the tag. A tag the page ends inside runs to the end.
pub(super) fn tag_end(b: &[u8], mut i: usize) -> (usize, bool, Option<usize>) {
    let mut at = In::BeforeName;
    let mut attrs = 0usize;
    let mut cut = None;
    while let Some(&c) = b.get(i) {
        if c == b'>' {
            return (i + 1, at == In::Solidus, cut);
        }
        let ws = class(c) & SPACE != 0;
        at = match at {
            In::AfterName | In::BeforeValue if ws => at,
            In::BeforeName | In::AfterQuoted | In::Unquoted if ws => In::BeforeName,
            In::Name if ws => In::AfterName,
            In::Name | In::AfterName if c == b'=' => In::BeforeValue,
            In::BeforeName | In::Name | In::AfterName | In::AfterQuoted if c == b'/' => In::Solidus,
            In::BeforeValue if c == b'"' || c == b'\'' => {
                match memchr(c, b.get(i + 1..).unwrap_or_default()) {
                    Some(p) => i += 1 + p,
                    None => break,
                }
                In::AfterQuoted
            }
            In::Solidus | In::AfterQuoted => {
                // Reconsumed before the next attribute name.
                at = In::BeforeName;
                continue;
            }
            In::BeforeName | In::AfterName => {
                attrs += 1;
                if attrs > MAX_ATTRIBUTES && cut.is_none() {
                    cut = Some(i);
                }
                In::Name
            }
            In::BeforeValue => In::Unquoted,
            In::Name | In::Unquoted => at,
        };
        if matches!(at, In::Name | In::Unquoted) {
            // A run of plain bytes changes nothing here.
            let run = b.get(i + 1..).unwrap_or_default();
            i += run
                .iter()
                .position(|&d| class(d) & NOT_PLAIN != 0)
                .unwrap_or(run.len());
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
