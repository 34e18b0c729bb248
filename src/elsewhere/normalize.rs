//! URL normalisation for matching discussions to a post: scheme, `www.`/`m.`/`amp.` hosts,
//! default ports, trailing slashes, `index.html`, AMP paths, tracking parameters and fragments.

use url::Url;

/// Query parameters that never change which page a URL names.
fn is_tracking(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || n.starts_with("mc_")
        || n.starts_with("_hs")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "dclid"
                | "msclkid"
                | "yclid"
                | "igshid"
                | "ref"
                | "ref_src"
                | "ref_url"
                | "source"
                | "share"
                | "s"
                | "amp"
                | "outputtype"
                | "cmpid"
                | "ncid"
                | "spm"
                | "sc_cid"
                | "at_medium"
                | "at_campaign"
        )
}

/// The comparable form of a URL: `host/path?query` with the variations above removed, or
/// `None` for something that is not an http(s) URL.
pub fn normalize_url(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let with_scheme = if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("https://{trimmed}")
    };
    let url = Url::parse(&with_scheme).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let mut host = url.host_str()?.to_ascii_lowercase();
    for prefix in ["www.", "m.", "amp.", "mobile."] {
        if let Some(rest) = host.strip_prefix(prefix) {
            if rest.contains('.') {
                host = rest.to_string();
            }
        }
    }
    let host = host.trim_end_matches('.').to_string();
    let port = match url.port() {
        Some(p) if p != 80 && p != 443 => format!(":{p}"),
        _ => String::new(),
    };
    let mut segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    if segments
        .last()
        .is_some_and(|s| matches!(*s, "amp" | "index.html" | "index.htm" | "index.php"))
    {
        segments.pop();
    }
    if segments.first() == Some(&"amp") {
        segments.remove(0);
    }
    let mut query: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    query.sort();
    let mut out = format!("{host}{port}/{}", segments.join("/"));
    if !query.is_empty() {
        let q: Vec<String> = query
            .iter()
            .map(|(k, v)| {
                if v.is_empty() {
                    k.clone()
                } else {
                    format!("{k}={v}")
                }
            })
            .collect();
        out.push('?');
        out.push_str(&q.join("&"));
    }
    Some(out)
}

/// True when both URLs name the same page after normalisation. Near misses (another path, a
/// different query that matters) are not the same page.
pub fn same_page(a: &str, b: &str) -> bool {
    match (normalize_url(a), normalize_url(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variations_of_one_page_match() {
        let canonical = "https://blog.example.com/2024/05/post/";
        for v in [
            "http://blog.example.com/2024/05/post",
            "https://www.blog.example.com/2024/05/post/",
            "https://blog.example.com/2024/05/post/?utm_source=hn&utm_medium=x",
            "https://blog.example.com/2024/05/post/#comments",
            "https://BLOG.example.com:443/2024/05/post/amp/",
            "https://blog.example.com/2024/05/post/index.html",
            "blog.example.com/2024/05/post",
            "https://m.blog.example.com/2024/05/post?fbclid=abc",
        ] {
            assert!(same_page(canonical, v), "{v}");
        }
    }

    #[test]
    fn near_misses_do_not_match() {
        let canonical = "https://blog.example.com/2024/05/post/";
        for v in [
            "https://blog.example.com/2024/05/post-2/",
            "https://blog.example.com/2024/05/",
            "https://other.example.com/2024/05/post/",
            "https://blog.example.com/2024/05/post/?id=7",
            "https://blog.example.com:8080/2024/05/post/",
            "ftp://blog.example.com/2024/05/post/",
            "",
        ] {
            assert!(!same_page(canonical, v), "{v}");
        }
    }

    #[test]
    fn www_alone_is_not_stripped_to_a_tld() {
        assert_eq!(
            normalize_url("https://www.com/a").as_deref(),
            Some("www.com/a")
        );
    }
}
