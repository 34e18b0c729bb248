//! Turning page bytes into text: BOM, then the Content-Type charset, then a `<meta>` charset
//! sniffed in the first 4096 bytes, then UTF-8 with replacement characters.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page `<meta charset>` is looked for.
const SNIFF_LEN: usize = 4096;

/// Decodes an HTML page. Never fails: undecodable bytes become U+FFFD.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let (text, _, _) = encoding_of(bytes, content_type).decode(bytes);
    text.into_owned()
}

/// [`decode_html`] of bytes the caller gives away: a page that is already UTF-8 (or ASCII in
/// an ASCII-compatible charset), with no byte order mark, becomes the text without a copy.
pub fn decode_html_owned(bytes: Vec<u8>, content_type: Option<&str>) -> String {
    let encoding = encoding_of(&bytes, content_type);
    let bom = [&b"\xef\xbb\xbf"[..], b"\xff\xfe", b"\xfe\xff"];
    if encoding == UTF_8 && !bom.iter().any(|b| bytes.starts_with(b)) {
        // One validation, not `decode`'s and then `from_utf8`'s.
        return String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
    let (text, _, _) = encoding.decode(&bytes);
    let as_is = matches!(text, std::borrow::Cow::Borrowed(t) if t.len() == bytes.len());
    if !as_is {
        return text.into_owned();
    }
    drop(text);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The page's encoding: the Content-Type charset, else a `<meta>` or XML declaration in its
/// first bytes, else UTF-8 (`decode` then lets a byte order mark override it, as browsers do).
fn encoding_of(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| sniff_meta(bytes))
        .or_else(|| sniff_xml_decl(bytes))
        .map(html_encoding)
        .unwrap_or(UTF_8)
}

/// The HTML standard's substitutions: UTF-16 declared in ASCII-compatible bytes means UTF-8,
/// x-user-defined means windows-1252.
fn html_encoding(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    }
}

/// `charset` parameter of a Content-Type value: `text/html; charset="ISO-8859-1"`.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("charset") {
            let v = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            (!v.is_empty()).then(|| v.to_string())
        } else {
            None
        }
    })
}

/// Looks for `<meta charset=…>` or `<meta http-equiv=content-type content="…; charset=…">`.
fn sniff_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        if let Some(enc) = charset_in_tag(&lower[start..end]) {
            return Some(enc);
        }
        from = end;
    }
    None
}

/// `<?xml version="1.0" encoding="…"?>` at the very start (XHTML pages).
fn sniff_xml_decl(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = find(head, b"?>")?;
    let decl: Vec<u8> = head[..end].iter().map(u8::to_ascii_lowercase).collect();
    let pos = find(&decl, b"encoding")?;
    let rest = &decl[pos + 8..];
    let rest = rest.strip_prefix(b"=").unwrap_or(rest);
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = rest.get(1..)?;
    let len = value.iter().position(|b| *b == quote)?;
    Encoding::for_label(&value[..len])
}

/// The charset named inside one `<meta …>` tag's attribute text (already lowercase).
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(pos) = find(&tag[from..], b"charset") {
        let mut i = from + pos + 7;
        from = i;
        while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while tag
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let rest = &tag[i.min(tag.len())..];
        let len = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'/' | b'>'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..len]) {
            return Some(enc);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// True when bytes look like the start of an HTML document (for responses without a type).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<!--",
        "<p",
        "<div",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_decoding_matches_borrowed() {
        let pages: [&[u8]; 7] = [
            b"<p>plain ascii</p>",
            "<p>caf\u{e9} \u{201c}q\u{201d}</p>".as_bytes(),
            b"\xef\xbb\xbf<p>utf-8 with a BOM</p>",
            b"\xff\xfe<\x00p\x00>\x00",
            b"<meta charset=iso-8859-1><p>caf\xe9</p>",
            b"<meta charset=iso-8859-1><p>ascii only</p>",
            b"<p>bad \xff byte</p>",
        ];
        for page in pages {
            assert_eq!(
                decode_html_owned(page.to_vec(), None),
                decode_html(page, None)
            );
            let ct = Some("text/html; charset=windows-1252");
            assert_eq!(decode_html_owned(page.to_vec(), ct), decode_html(page, ct));
        }
    }

    #[test]
    fn meta_charset_latin1() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(page, Some("text/html")).ends_with("caf\u{e9}</body></html>"));
    }

    #[test]
    fn http_equiv_charset() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\x93q\x94";
        assert!(decode_html(page, None).ends_with("\u{201c}q\u{201d}"));
    }

    #[test]
    fn header_wins_over_meta() {
        let page = "<meta charset=\"iso-8859-1\">café".as_bytes();
        assert_eq!(
            decode_html(page, Some("text/html; charset=UTF-8")),
            "<meta charset=\"iso-8859-1\">café"
        );
    }

    #[test]
    fn utf16_meta_means_utf8_and_bad_bytes_replaced() {
        assert_eq!(
            decode_html(b"<meta charset=utf-16>\xff", None),
            "<meta charset=utf-16>\u{fffd}"
        );
        assert_eq!(decode_html(b"a\xffb", None), "a\u{fffd}b");
        assert_eq!(decode_html_owned(b"a\xffb".to_vec(), None), "a\u{fffd}b");
    }

    #[test]
    fn xml_declaration_encoding() {
        let page = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><p>caf\xe9</p></html>";
        assert!(
            decode_html(page, Some("application/xhtml+xml")).ends_with("<p>caf\u{e9}</p></html>")
        );
    }

    #[test]
    fn charset_param_quoted() {
        assert_eq!(
            charset_param("text/html; Charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn html_sniff() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(b"{\"a\": 1}"));
    }
}
