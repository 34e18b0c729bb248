//! The pre-pass's byte-level scanning: tag names, the end of a tag, raw-text ends, searches.

use super::MAX_ATTRIBUTES;

/// The first index ≥ `from` where `pat` occurs.
pub(super) fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

/// The lowercase tag name starting at `at`, and the index after it.
pub(super) fn tag_name(b: &[u8], at: usize) -> (String, usize) {
    let len = b[at..]
        .iter()
        .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        .unwrap_or(b.len() - at);
    let name = String::from_utf8_lossy(&b[at..at + len]).to_ascii_lowercase();
    (name, at + len)
}

/// The index after the tag's `>` (quoted attribute values skipped), whether it ends `/>`,
/// and where the attribute past [`MAX_ATTRIBUTES`] starts, if there is one.
pub(super) fn tag_end(b: &[u8], mut i: usize) -> (usize, bool, Option<usize>) {
    let mut last = 0u8;
    let mut attrs = 0usize;
    let mut cut = None;
    let mut space = true;
    while i < b.len() {
        let c = b[i];
        if space && !c.is_ascii_whitespace() && !matches!(c, b'>' | b'/' | b'=') && last != b'=' {
            attrs += 1;
            if attrs > MAX_ATTRIBUTES && cut.is_none() {
                cut = Some(i);
            }
        }
        space = c.is_ascii_whitespace();
        match c {
            b'>' => return (i + 1, last == b'/', cut),
            b'"' | b'\'' if last == b'=' => {
                i = b[i + 1..]
                    .iter()
                    .position(|&q| q == c)
                    .map_or(b.len(), |p| i + 1 + p);
                last = c;
            }
            c if c.is_ascii_whitespace() => {}
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
    while let Some(p) = find(b, from, b"</") {
        let tail = &b[p + 2..];
        if tail.len() >= n.len() && tail[..n.len()].eq_ignore_ascii_case(n) {
            return p;
        }
        from = p + 2;
    }
    b.len()
}
