//! Reading configuration values out of inline scripts without running them: the string (or
//! number) assigned to a name (`var disqus_shortname = 'x'`, `this.page.identifier = "y"`,
//! `"disqusShortname":"z"`, `site_id: 'w'`). One left-to-right scan per name; linear in the text.

/// The first string or number literal assigned to `key` (`key = 'v'`, `key: "v"`, `"key":"v"`)
/// in `text`. `key` must be preceded by a non-identifier character (so `page.url` does not match
/// `disqus_page.url_x`). Values are unescaped (`\"`, `\'`, `\/`, `\\`, `\uXXXX`, `\n`).
pub fn js_value(text: &str, key: &str) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices(key) {
        if at > 0 && is_ident(bytes[at - 1]) {
            continue;
        }
        let mut i = at + key.len();
        if i < bytes.len() && is_ident(bytes[i]) {
            continue;
        }
        // A quoted key: `"key":` / `'key':`.
        if i < bytes.len()
            && matches!(bytes[i], b'"' | b'\'')
            && at > 0
            && bytes[at - 1] == bytes[i]
        {
            i += 1;
        }
        i = skip_space(bytes, i);
        if i >= bytes.len() || !matches!(bytes[i], b'=' | b':') {
            continue;
        }
        // `==` is a comparison, not an assignment.
        if bytes[i] == b'=' && bytes.get(i + 1) == Some(&b'=') {
            continue;
        }
        i = skip_space(bytes, i + 1);
        if let Some(v) = literal(text, i) {
            return Some(v);
        }
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// A string literal (`'…'`, `"…"`, `` `…` `` without `${`) or a number at byte `i`.
fn literal(text: &str, i: usize) -> Option<String> {
    let rest = text.get(i..)?;
    let mut chars = rest.chars();
    let quote = chars.next()?;
    if quote.is_ascii_digit() {
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return Some(n);
    }
    if !matches!(quote, '"' | '\'' | '`') {
        return None;
    }
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            c if c == quote => return Some(out),
            '\n' if quote != '`' => return None,
            '$' if quote == '`' && chars.clone().next() == Some('{') => return None,
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The text between the first `{` after `name` and its matching `}` (strings skipped), for
/// scoping a search to one object (`remark_config = {…}`, `DiscourseEmbed = {…}`).
pub fn js_object<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let at = text.find(name)? + name.len();
    let open = at + text.get(at..)?.find('{')?;
    // Only `name = {` / `name: {`: nothing but space and one `=`/`:` in between.
    let between = text.get(at..open)?.trim();
    if !matches!(between, "=" | ":") {
        return None;
    }
    let bytes = text.as_bytes();
    let (mut depth, mut i, mut quote) = (0usize, open, None::<u8>);
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(_) if b == b'\\' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' | b'`' => quote = Some(b),
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return text.get(open..=i);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_every_form() {
        let js = r#"var disqus_shortname = 'blog-x'; this.page.identifier = "42 http://b.test/?p=42";
            var embedVars = {"disqusShortname":"wp-forum","disqusUrl":"https:\/\/b.test\/p\/"};
            if (x == 'no') {} remark_config = { site_id: `remark`, n: 17 };"#;
        assert_eq!(js_value(js, "disqus_shortname").as_deref(), Some("blog-x"));
        assert_eq!(
            js_value(js, "this.page.identifier").as_deref(),
            Some("42 http://b.test/?p=42")
        );
        assert_eq!(js_value(js, "disqusShortname").as_deref(), Some("wp-forum"));
        assert_eq!(
            js_value(js, "disqusUrl").as_deref(),
            Some("https://b.test/p/")
        );
        assert_eq!(js_value(js, "site_id").as_deref(), Some("remark"));
        assert_eq!(js_value(js, "n").as_deref(), Some("17"));
        assert_eq!(js_value(js, "x"), None);
        assert_eq!(js_value(js, "shortname"), None);
    }

    #[test]
    fn objects_are_scoped_and_hostile_text_ends() {
        let js = "a = {u: '}'}; remark_config = { host: 'https://r.test', s: {x: 1} }; tail";
        assert_eq!(
            js_object(js, "remark_config"),
            Some("{ host: 'https://r.test', s: {x: 1} }")
        );
        assert_eq!(
            js_object("remark_config = { host: 'x", "remark_config"),
            None
        );
        assert_eq!(js_value("k = 'unterminated", "k"), None);
        assert_eq!(
            js_value("k = '\\u00e9t\\u00e9'", "k").as_deref(),
            Some("été")
        );
        assert_eq!(js_value("k = `a${b}`", "k"), None);
    }
}
