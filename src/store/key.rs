//! `post_key`: the one normalised form of a post's URL under which everything about it is stored.

use url::Url;

/// Normalises a post URL into its store key: the fragment is dropped, scheme and host are
/// lowercased, a default port is dropped, and a comment page maps to its post (a trailing
/// `comment-page-N/` path segment is removed), and query parameters that only point into the
/// thread or track the click are dropped: `cpage` and `replytocom` (WordPress), `showComment`
/// (Blogger) and `utm_*`. A string that is not an absolute URL (a file path) is returned trimmed.
pub fn post_key(url: &str) -> String {
    let trimmed = url.trim();
    let Ok(mut parsed) = Url::parse(trimmed) else {
        return trimmed.to_string();
    };
    parsed.set_fragment(None);
    let path = strip_comment_page(parsed.path()).map(str::to_string);
    if let Some(path) = path {
        parsed.set_path(&path);
    }
    if parsed.query().is_some() {
        let kept: Vec<(String, String)> = parsed
            .query_pairs()
            .filter(|(k, _)| !is_thread_or_tracking_param(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if kept.is_empty() {
            parsed.set_query(None);
        } else {
            parsed.query_pairs_mut().clear().extend_pairs(kept);
        }
    }
    parsed.to_string()
}

fn is_thread_or_tracking_param(name: &str) -> bool {
    matches!(name, "cpage" | "replytocom" | "showComment") || name.starts_with("utm_")
}

/// The path without a final `comment-page-N` segment (with or without a trailing slash);
/// `None` when there is none.
fn strip_comment_page(path: &str) -> Option<&str> {
    let body = path.strip_suffix('/').unwrap_or(path);
    let (head, last) = body.rsplit_once('/')?;
    let n = last.strip_prefix("comment-page-")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Keep the slash that ended the post's own path.
    Some(&path[..head.len() + 1])
}

#[cfg(test)]
mod tests {
    use super::post_key;

    #[test]
    fn fragment_dropped_and_host_lowercased() {
        assert_eq!(
            post_key("HTTPS://Blog.Example.COM/2024/05/01/post/#comment-46"),
            "https://blog.example.com/2024/05/01/post/"
        );
    }

    #[test]
    fn default_port_dropped_other_port_kept() {
        assert_eq!(
            post_key("http://example.com:80/a/"),
            "http://example.com/a/"
        );
        assert_eq!(
            post_key("https://example.com:443/a/"),
            "https://example.com/a/"
        );
        assert_eq!(
            post_key("http://127.0.0.1:8080/a/"),
            "http://127.0.0.1:8080/a/"
        );
    }

    #[test]
    fn comment_page_maps_to_post() {
        assert_eq!(
            post_key("https://example.com/2024/05/01/post/comment-page-3/#comments"),
            "https://example.com/2024/05/01/post/"
        );
        assert_eq!(
            post_key("https://example.com/post/comment-page-12"),
            "https://example.com/post/"
        );
    }

    #[test]
    fn comment_page_lookalikes_kept() {
        assert_eq!(
            post_key("https://example.com/post/comment-page-x/"),
            "https://example.com/post/comment-page-x/"
        );
        assert_eq!(
            post_key("https://example.com/comment-page-2-notes/"),
            "https://example.com/comment-page-2-notes/"
        );
    }

    #[test]
    fn plain_permalink_cpage_dropped_other_query_kept() {
        assert_eq!(
            post_key("https://example.com/?p=123&cpage=2#comments"),
            "https://example.com/?p=123"
        );
        assert_eq!(
            post_key("https://example.com/post/?cpage=2"),
            "https://example.com/post/"
        );
    }

    #[test]
    fn reply_links_comment_permalinks_and_tracking_dropped() {
        assert_eq!(
            post_key("https://example.com/post/?replytocom=46#respond"),
            "https://example.com/post/"
        );
        assert_eq!(
            post_key("https://x.blogspot.com/2024/05/post.html?showComment=1714000000000#c123"),
            "https://x.blogspot.com/2024/05/post.html"
        );
        assert_eq!(
            post_key("https://example.com/?p=9&utm_source=feed&utm_medium=rss"),
            "https://example.com/?p=9"
        );
    }

    #[test]
    fn non_url_returned_trimmed() {
        assert_eq!(post_key("  ./saved/post.html \n"), "./saved/post.html");
        assert_eq!(post_key(""), "");
    }
}
