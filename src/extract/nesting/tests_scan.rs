//! Tests of the pre-pass's fast scanning and tag interning against plain reference versions
//! (byte at a time), and of where a tag ends against html5ever, on seeded generated tag soup.

use super::scan::{find, name_end, tag_end};
use super::tag::*;
use super::MAX_ATTRIBUTES;
use crate::extract::tag_sets;
use crate::test_rng::Rng;

/// Pieces of a tag's inside and of names: quotes, `=`, `/`, `>`, every whitespace byte, case.
const PIECES: &[&str] = &[
    "a",
    "B",
    "x-y",
    " ",
    "\t",
    "\n",
    "\r",
    "\x0c",
    "=",
    "\"",
    "'",
    "/",
    ">",
    "é",
    "\0",
    "a=",
    "='v'",
    "=\"v>w\"",
    " k",
    "DIV",
    "dIv",
    "script",
    "SVG",
    "h2",
    "blockquote",
    "--",
    "<",
];

fn soup(rng: &mut Rng) -> Vec<u8> {
    let mut s = String::new();
    if rng.below(8) == 0 {
        // Past the attribute cap.
        let n = MAX_ATTRIBUTES - 3 + rng.below(8);
        s.extend((0..n).map(|_| [" a", " b=1", " c='x y'"][rng.below(3)]));
    }
    for _ in 0..rng.below(40) {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s.into_bytes()
}

/// `tag_end` byte at a time, as the HTML standard's tokenizer states read (before attribute
/// name, attribute name, after attribute name, before attribute value, the value states, the
/// self-closing start tag state).
fn tag_end_ref(b: &[u8], mut i: usize) -> (usize, bool, Option<usize>) {
    // 0 before name, 1 name, 2 after name, 3 before value, 4 quoted, 5 unquoted,
    // 6 after quoted, 7 self-closing.
    let (mut state, mut quote, mut attrs, mut cut) = (0u8, 0u8, 0usize, None);
    while i < b.len() {
        let c = b[i];
        let ws = matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
        if state == 4 {
            if c == quote {
                state = 6;
            }
            i += 1;
            continue;
        }
        if c == b'>' {
            return (i + 1, state == 7, cut);
        }
        let mut start_name = false;
        state = match state {
            0 if ws => 0,
            0 if c == b'/' => 7,
            0 => {
                start_name = true;
                1
            }
            1 if ws => 2,
            1 if c == b'/' => 7,
            1 if c == b'=' => 3,
            1 => 1,
            2 if ws => 2,
            2 if c == b'/' => 7,
            2 if c == b'=' => 3,
            2 => {
                start_name = true;
                1
            }
            3 if ws => 3,
            3 if c == b'"' || c == b'\'' => {
                quote = c;
                4
            }
            3 => 5,
            5 if ws => 0,
            5 => 5,
            6 if ws => 0,
            6 if c == b'/' => 7,
            _ => {
                // 6 or 7: reconsumed before the next attribute name.
                state = 0;
                continue;
            }
        };
        if start_name {
            attrs += 1;
            if attrs > MAX_ATTRIBUTES && cut.is_none() {
                cut = Some(i);
            }
        }
        i += 1;
    }
    (b.len(), false, None)
}

/// html5ever ends a `<p…>` tag where `tag_end` says: the text after the tag is the rest of
/// the page past `tag_end` (the inside has no `<` or `&`, so the text is the bytes).
#[test]
fn tag_ends_where_html5ever_ends_it() {
    let mut rng = Rng(0x7a65_5eed_0000_0002);
    let inside = [
        " ", "\n", "a", "b=", "=", "\"", "'", "/", ">", "x y", "=\"v>w\"", " = ",
    ];
    for case in 0..3000 {
        let mut page = String::from("<p");
        for _ in 0..rng.below(12) {
            page.push_str(inside[rng.below(inside.len())]);
        }
        page.push_str(">tail");
        let b = page.as_bytes();
        let (end, _, _) = tag_end(b, name_end(b, 1));
        let doc = scraper::Html::parse_document(&page);
        let body = doc.root_element().text().collect::<String>();
        assert_eq!(body, page[end..], "case {case}: {page:?}");
    }
}

#[test]
fn scans_match_the_reference() {
    let mut rng = Rng(0x7a65_5eed_0000_0001);
    for _ in 0..4000 {
        let b = soup(&mut rng);
        for i in [0, 1]
            .into_iter()
            .chain((0..6).map(|_| rng.below(b.len() + 1)))
        {
            let i = i.min(b.len());
            assert_eq!(tag_end(&b, i), tag_end_ref(&b, i), "{:?} at {i}", b);
            let end = b[i..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
                .map_or(b.len(), |p| i + p);
            assert_eq!(name_end(&b, i), end, "{:?} at {i}", b);
            for pat in [&b"-->"[..], b"--!>", b"</", b">"] {
                let slow = b[i..].windows(pat.len()).position(|w| w == pat);
                assert_eq!(find(&b, i, pat), slow.map(|p| p + i));
            }
        }
    }
}

#[test]
fn names_match_their_strings() {
    let mut rng = Rng(0x7a65_5eed_0000_0002);
    let mut names = Names::new();
    let mut seen: Vec<(String, Tag)> = Vec::new();
    for _ in 0..20_000 {
        // Names of 1 to ~40 bytes, read mid-buffer and at the buffer's end.
        let mut raw = String::new();
        while raw.is_empty() || rng.below(3) > 0 && raw.len() < 40 {
            let p = PIECES[rng.below(PIECES.len())];
            if !p
                .bytes()
                .any(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
            {
                raw.push_str(p);
            }
        }
        let tail = if rng.below(2) == 0 {
            ""
        } else {
            " class=x>pad"
        };
        let page = format!("<{raw}{tail}");
        let t = names.get(page.as_bytes(), 1, raw.len());
        let lower = raw.to_ascii_lowercase();
        assert_eq!(names.name(t), lower);
        let sets: [Set; 11] = [
            (tag_sets::is_raw, RAW),
            (tag_sets::is_void, VOID),
            (tag_sets::is_foreign, FOREIGN),
            (tag_sets::is_formatting, FORMATTING),
            (tag_sets::is_boundary, BOUNDARY),
            (tag_sets::is_block, BLOCK),
            (tag_sets::closes_p, CLOSES_P),
            (tag_sets::is_special, SPECIAL),
            (super::split::is_container, CONTAINER),
            (super::split::is_heading, HEADING),
            (super::split::breaks_out, BREAKS_OUT),
        ];
        for (is, flag) in sets {
            assert_eq!(t.is(flag), is(&lower), "{lower} {flag}");
        }
        assert_eq!(t.slot(), super::split::slot(&lower));
        if let Some((other, u)) = seen.get(rng.below(seen.len())) {
            assert_eq!(*u == t, *other == lower, "{other} vs {lower}");
        }
        seen.push((lower, t));
    }
    for (id, name) in [(P, "p"), (LI, "li"), (TABLE, "TABLE"), (XMP, "Xmp")] {
        assert_eq!(names.get(name.as_bytes(), 0, name.len()).id, id);
    }
}
