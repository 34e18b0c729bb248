//! Detection of script-loaded comment systems: each system in each embed variant gives the
//! right provider, ids and thread key; pages that embed nothing give none.

use parlor::extract::extract;
use parlor::model::CommentSystem;
use url::Url;

fn detect(url: &str, body: &str) -> Option<CommentSystem> {
    let url = Url::parse(url).expect("url");
    let html = format!("<html><head><title>A &amp; B</title></head><body>{body}</body></html>");
    extract(&html, &url).comment_system
}

fn must(url: &str, body: &str) -> CommentSystem {
    detect(url, body).unwrap_or_else(|| panic!("no comment system found in {body}"))
}

#[test]
fn disqus_variants() {
    let s = must(
        "https://b.test/p/#top",
        r#"<div id="disqus_thread"></div><script>var disqus_config = function () {
            this.page.url = 'https://b.test/p/'; this.page.identifier = 'post-42'; };
            (function(){var d=document,s=d.createElement('script');s.src='https://blog-x.disqus.com/embed.js';})();</script>"#,
    );
    assert_eq!(s.name, "disqus");
    assert_eq!(s.site.as_deref(), Some("blog-x"));
    assert_eq!(s.thread.as_deref(), Some("post-42"));
    assert_eq!(s.url.as_deref(), Some("https://b.test/p/"));

    let s = must(
        "https://b.test/p/",
        r#"<div id="disqus_thread"></div><script>var disqus_shortname = "blog-x";</script>
        <script src="//blog-x.disqus.com/embed.js" async></script>"#,
    );
    assert_eq!(s.site.as_deref(), Some("blog-x"));
    assert_eq!(s.thread, None, "no identifier: Disqus goes by URL");
    assert_eq!(s.url.as_deref(), Some("https://b.test/p/"));

    // The WordPress plugin.
    let s = must(
        "https://wp.test/?p=7",
        r#"<div id="disqus_thread"></div><script>var embedVars = {"disqusConfig":{"platform":2},"disqusIdentifier":"7 https:\/\/wp.test\/?p=7","disqusShortname":"wp-forum","disqusTitle":"Hello","disqusUrl":"https:\/\/wp.test\/hello\/","postId":"7"};</script>"#,
    );
    assert_eq!(s.site.as_deref(), Some("wp-forum"));
    assert_eq!(s.thread.as_deref(), Some("7 https://wp.test/?p=7"));
    assert_eq!(s.url.as_deref(), Some("https://wp.test/hello/"));
    assert_eq!(s.extra.get("title").map(String::as_str), Some("Hello"));

    // Old globals.
    let s = must(
        "https://b.test/x.html",
        r#"<script>var disqus_shortname='old'; var disqus_identifier='x-1'; var disqus_url='https://b.test/x';</script>"#,
    );
    assert_eq!(
        (s.site.as_deref(), s.thread.as_deref(), s.url.as_deref()),
        (Some("old"), Some("x-1"), Some("https://b.test/x"))
    );
}

fn giscus(url: &str, mapping: &str, extra: &str) -> CommentSystem {
    must(
        url,
        &format!(
            r#"<script src="https://giscus.app/client.js" data-repo="me/blog" data-repo-id="R_1"
            data-category="Announcements" data-category-id="DIC_2" data-mapping="{mapping}" {extra}
            data-strict="1" crossorigin="anonymous" async></script>"#
        ),
    )
}

#[test]
fn giscus_mappings() {
    let s = giscus("https://b.test/posts/hello.html?x=1#c", "pathname", "");
    assert_eq!(s.name, "giscus");
    assert_eq!(s.site.as_deref(), Some("me/blog"));
    assert_eq!(s.server.as_deref(), Some("https://giscus.app"));
    assert_eq!(s.thread.as_deref(), Some("posts/hello"));
    assert_eq!(
        s.extra.get("category").map(String::as_str),
        Some("Announcements")
    );
    assert_eq!(s.extra.get("strict").map(String::as_str), Some("1"));
    assert_eq!(
        giscus("https://b.test/", "pathname", "").thread.as_deref(),
        Some("index")
    );
    assert_eq!(
        giscus("https://b.test/posts/a/", "pathname", "")
            .thread
            .as_deref(),
        Some("posts/a/")
    );
    assert_eq!(
        giscus("https://b.test/p?q=1#frag", "url", "")
            .thread
            .as_deref(),
        Some("https://b.test/p?q=1")
    );
    assert_eq!(
        giscus("https://b.test/p", "title", "").thread.as_deref(),
        Some("A & B")
    );
    assert_eq!(
        giscus("https://b.test/p", "specific", r#"data-term="my-term""#)
            .thread
            .as_deref(),
        Some("my-term")
    );
    let n = giscus("https://b.test/p", "number", r#"data-term="12""#);
    assert_eq!(n.thread.as_deref(), Some("12"));
    assert_eq!(n.extra.get("mapping").map(String::as_str), Some("number"));
    let url = Url::parse("https://b.test/p").expect("url");
    let og = extract(
        r#"<html><head><title>T</title><meta property="og:title" content="OG Title"></head><body>
        <script src="https://giscus.app/client.js" data-repo="me/blog" data-mapping="og:title"></script></body></html>"#,
        &url,
    );
    assert_eq!(
        og.comment_system.and_then(|s| s.thread).as_deref(),
        Some("OG Title")
    );
    // The web component.
    let w = must(
        "https://b.test/a/b.md",
        r#"<giscus-widget repo="me/blog" repoid="R_1" categoryid="DIC_2" mapping="pathname"></giscus-widget>"#,
    );
    assert_eq!(w.thread.as_deref(), Some("a/b"));
    assert_eq!(w.extra.get("repo_id").map(String::as_str), Some("R_1"));
}

#[test]
fn utterances_terms() {
    let u = |term: &str| {
        must(
            "https://b.test/2024/post.html",
            &format!(
                r#"<script src="https://utteranc.es/client.js" repo="me/comments" {term} theme="github-light" crossorigin="anonymous" async></script>"#
            ),
        )
    };
    let s = u(r#"issue-term="pathname""#);
    assert_eq!(s.name, "utterances");
    assert_eq!(s.site.as_deref(), Some("me/comments"));
    assert_eq!(s.thread.as_deref(), Some("2024/post"));
    assert_eq!(
        u(r#"issue-term="url""#).thread.as_deref(),
        Some("https://b.test/2024/post.html")
    );
    assert_eq!(u(r#"issue-term="title""#).thread.as_deref(), Some("A & B"));
    assert_eq!(
        u(r#"issue-term="my words""#).thread.as_deref(),
        Some("my words")
    );
    let n = u(r#"issue-number="3""#);
    assert_eq!(n.thread.as_deref(), Some("3"));
    assert_eq!(n.extra.get("issue_number").map(String::as_str), Some("3"));
    // `url` prefers the canonical link.
    let url = Url::parse("https://b.test/p?utm=1").expect("url");
    let post = extract(
        r#"<html><head><link rel="canonical" href="https://b.test/p"></head><body>
        <script src="https://utteranc.es/client.js" repo="me/c" issue-term="url"></script></body></html>"#,
        &url,
    );
    assert_eq!(
        post.comment_system.and_then(|s| s.thread).as_deref(),
        Some("https://b.test/p")
    );
}

#[test]
fn isso_variants() {
    let s = must(
        "https://b.test/post/one/",
        r#"<script data-isso="//comments.b.test/" src="//comments.b.test/js/embed.min.js"></script>
        <section id="isso-thread"></section>"#,
    );
    assert_eq!(s.name, "isso");
    assert_eq!(s.server.as_deref(), Some("https://comments.b.test"));
    assert_eq!(s.thread.as_deref(), Some("/post/one/"));
    let s = must(
        "https://b.test/post/one/",
        r#"<script src="https://b.test/isso/js/embed.min.js"></script>
        <section id="isso-thread" data-isso-id="/custom/id"></section>"#,
    );
    assert_eq!(s.server.as_deref(), Some("https://b.test/isso"));
    assert_eq!(s.thread.as_deref(), Some("/custom/id"));
}

#[test]
fn other_systems() {
    let r = must(
        "https://b.test/p/",
        r#"<script>var remark_config = { host: "https://remark.b.test", site_id: 'blog' };</script>
        <script src="https://remark.b.test/web/embed.js"></script><div id="remark42"></div>"#,
    );
    assert_eq!(
        (
            r.name.as_str(),
            r.server.as_deref(),
            r.site.as_deref(),
            r.thread.as_deref()
        ),
        (
            "remark42",
            Some("https://remark.b.test"),
            Some("blog"),
            Some("https://b.test/p/")
        )
    );
    let c = must(
        "https://b.test/p/",
        r#"<script defer src="https://cdn.commento.io/js/commento.js"></script><div id="commento" data-page-id="/p-id"></div>"#,
    );
    assert_eq!(
        (
            c.name.as_str(),
            c.server.as_deref(),
            c.site.as_deref(),
            c.thread.as_deref()
        ),
        (
            "commento",
            Some("https://cdn.commento.io"),
            Some("b.test"),
            Some("/p-id")
        )
    );
    let c = must(
        "https://b.test/p/",
        r#"<comentario-comments></comentario-comments><script defer src="https://c.b.test/comentario.js"></script>"#,
    );
    assert_eq!(
        (c.name.as_str(), c.thread.as_deref()),
        ("comentario", Some("/p/"))
    );
    let c = must(
        "https://b.test/p/",
        r#"<div id="cusdis_thread" data-host="https://cusdis.com" data-app-id="app-1" data-page-id="42" data-page-url="https://b.test/p/"></div>"#,
    );
    assert_eq!(
        (c.name.as_str(), c.site.as_deref(), c.thread.as_deref()),
        ("cusdis", Some("app-1"), Some("42"))
    );
    let d = must(
        "https://b.test/p/",
        r#"<div id="discourse-comments"></div><script>DiscourseEmbed = { discourseUrl: 'https://forum.b.test/', discourseEmbedUrl: 'https://b.test/p/' };</script>"#,
    );
    assert_eq!(
        (d.name.as_str(), d.server.as_deref(), d.url.as_deref()),
        (
            "discourse",
            Some("https://forum.b.test/"),
            Some("https://b.test/p/")
        )
    );
    let g = must(
        "https://g.test/p/",
        r#"<script defer src="https://cdn.jsdelivr.net/ghost/comments-ui@~0.17/umd/comments-ui.min.js" data-ghost-comments="https://g.test/" data-api="https://g.test/ghost/api/content/" data-key="k1" data-post-id="65a1"></script>"#,
    );
    assert_eq!(
        (g.name.as_str(), g.server.as_deref(), g.thread.as_deref()),
        ("ghost", Some("https://g.test/"), Some("65a1"))
    );
    let m = must(
        "https://b.test/p/",
        r#"<mastodon-comments host="mastodon.social" user="me" tootId="1098765"></mastodon-comments>"#,
    );
    assert_eq!(
        (m.name.as_str(), m.server.as_deref(), m.thread.as_deref()),
        ("mastodon", Some("https://mastodon.social"), Some("1098765"))
    );
    let w = must(
        "https://b.test/p/",
        r#"<link rel="webmention" href="https://webmention.io/b.test/webmention">"#,
    );
    assert_eq!(
        (w.name.as_str(), w.server.as_deref(), w.thread.as_deref()),
        (
            "webmention",
            Some("https://webmention.io/b.test/webmention"),
            Some("https://b.test/p/")
        )
    );
    let h = must(
        "https://b.test/p/",
        r#"<hyvor-talk-comments website-id="123" page-id="p-9"></hyvor-talk-comments>"#,
    );
    assert_eq!((h.name.as_str(), h.site.as_deref()), ("hyvor", Some("123")));
    let f = must(
        "https://b.test/p/",
        r#"<div class="fb-comments" data-href="https://b.test/p/" data-numposts="5"></div>"#,
    );
    assert_eq!(f.name, "facebook");
    // CommentBox.io's install snippet (forward-motion/commentbox.io README), and its WordPress
    // plugin's inline options.
    let cb = must(
        "https://b.test/p/",
        r#"<div class="commentbox"></div><script src="https://unpkg.com/commentbox.io/dist/commentBox.min.js"></script><script>commentBox('5694267682979840-proj')</script>"#,
    );
    assert_eq!(
        (cb.name.as_str(), cb.site.as_deref()),
        ("commentbox", Some("5694267682979840-proj"))
    );
    let cb = must(
        "https://b.test/p/",
        r#"<script>var commentBoxIoOptions = {"permalink":"https:\/\/b.test\/p\/","project-id":"5720-proj"};</script>"#,
    );
    assert_eq!(
        (cb.name.as_str(), cb.site.as_deref()),
        ("commentbox", Some("5720-proj"))
    );
    let s = must(
        "https://x.substack.com/p/hello",
        r#"<img src="https://substackcdn.com/image.png"><script>window._preloads = JSON.parse("{\"post\":{\"id\":139281,\"slug\":\"hello\"}}")</script>"#,
    );
    assert_eq!(
        (s.name.as_str(), s.thread.as_deref()),
        ("substack", Some("139281"))
    );
    let d = must(
        "https://dev.to/me/hello-4kd2",
        r#"<div id="article-body" data-article-id="1234567"></div>"#,
    );
    assert_eq!(
        (d.name.as_str(), d.thread.as_deref()),
        ("devto", Some("1234567"))
    );
    let h = must(
        "https://me.hashnode.dev/my-post",
        r#"<img src="https://cdn.hashnode.com/res/x.png">"#,
    );
    assert_eq!(
        (h.name.as_str(), h.thread.as_deref()),
        ("hashnode", Some("my-post"))
    );
}

#[test]
fn pages_without_an_embed_name_none() {
    for body in [
        "<p>Just an article. It mentions disqus.com and giscus and utteranc.es in text.</p>",
        r#"<script src="https://b.test/app.js"></script><script>var x = "disqus_shortname";</script>"#,
        r#"<a href="https://github.com/giscus/giscus">giscus</a><div class="comments"></div>"#,
        "",
    ] {
        assert_eq!(detect("https://b.test/p/", body), None, "{body}");
    }
}

#[test]
fn hostile_ids_are_sanitized() {
    let s = must(
        "https://b.test/p/",
        "<script>var disqus_shortname = 'x\\u001b[31m'; this.page.identifier = 'id\\u202e';</script>",
    );
    assert_eq!(s.site.as_deref(), Some("x"));
    assert_eq!(s.thread.as_deref(), Some("id"));
}
