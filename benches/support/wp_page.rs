//! A deterministic synthetic WordPress (html5 walker) page with N nested comments: shared by
//! the extract bench and `examples/seed_store.rs` (the start-up bench), so both measure the
//! same page. `long` comments are ~2,500 characters (a 5.7 MB page at 2,000), else ~450.

use std::fmt::Write;

/// Every 5th comment starts a thread, the others reply to one of the previous few comments of
/// the same thread (depth ≤ 5 like WordPress' default).
fn thread(n: usize) -> Vec<Option<usize>> {
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(n);
    let mut depth = Vec::with_capacity(n);
    let mut top = 0;
    for i in 0..n {
        if i % 5 == 0 {
            top = i;
            parents.push(None);
            depth.push(0);
        } else {
            let mut p = top + (i * 7919) % (i - top);
            while depth[p] >= 4 {
                p = parents[p].unwrap_or(top);
            }
            depth.push(depth[p] + 1);
            parents.push(Some(p));
        }
    }
    parents
}

#[allow(clippy::too_many_arguments)]
fn render(out: &mut String, id: usize, kids: &[Vec<usize>], depth: usize, perma: &str, long: bool) {
    let cid = id + 2;
    let body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris. ";
    let _ = write!(
        out,
        r#"<li id="comment-{cid}" class="comment even depth-{d}{parent}">
<article id="div-comment-{cid}" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard">
<img alt='' src='http://2.gravatar.com/avatar/{cid}?s=60&#038;d=blank&#038;r=g' class='avatar avatar-60 photo' height='60' width='60' loading='lazy'/>
<b class="fn"><a href='https://user{cid}.example.test/' rel='external nofollow ugc' class='url'>User {cid}</a></b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="{perma}#comment-{cid}"><time datetime="2024-05-01T11:{m:02}:00+00:00">May 1, 2024 at 11:{m:02} am</time></a></div></footer>
<div class="comment-content"><p>{body}<em>emphasis</em> and <a href="https://example.test/{cid}">a link</a>.</p>
<p>{more}</p></div>
<div class="reply"><a rel='nofollow' class='comment-reply-link' href='{perma}?replytocom={cid}#respond' data-commentid="{cid}" data-postid="4" data-belowelement="div-comment-{cid}" data-respondelement="respond" data-replyto="Reply to User {cid}" aria-label='Reply to User {cid}'>Reply</a></div>
</article>"#,
        d = depth + 1,
        parent = if kids[id].is_empty() { "" } else { " parent" },
        m = id % 60,
        more = if long {
            body.repeat(7)
        } else {
            body.to_string()
        },
        body = if long {
            body.repeat(2)
        } else {
            body.to_string()
        },
    );
    if !kids[id].is_empty() {
        out.push_str("<ol class=\"children\">\n");
        for &k in &kids[id] {
            render(out, k, kids, depth + 1, perma, long);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</li><!-- #comment-## -->\n");
}

/// The page at `perma` with `n` comments.
pub fn page(n: usize, perma: &str, long: bool) -> String {
    let parents = thread(n);
    let mut kids = vec![Vec::new(); n];
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = p {
            kids[*p].push(i);
        }
    }
    let mut out = String::with_capacity(6 << 20);
    let _ = write!(
        out,
        r#"<!doctype html><html lang="en-US"><head><meta charset="UTF-8"><title>Bench post &#8211; Blog</title>
<meta name="generator" content="WordPress 6.1.9" /><link rel="canonical" href="{perma}" /></head>
<body class="single postid-4"><div id="page" class="site"><main id="main" class="site-main">
<article id="post-4" class="post-4 post type-post hentry entry"><header class="entry-header"><h1 class="entry-title">Bench post</h1></header>
<div class="entry-content"><p>The article.</p></div></article>
<div id="comments" class="comments-area"><h2 class="comments-title">{n} comments</h2><ol class="comment-list">
"#
    );
    for (i, p) in parents.iter().enumerate() {
        if p.is_none() {
            render(&mut out, i, &kids, 0, perma, long);
        }
    }
    out.push_str(r#"</ol><div id="respond" class="comment-respond"><form action="http://127.0.0.1:8089/wp-comments-post.php" method="post" id="commentform"><textarea id="comment" name="comment"></textarea><input id="author" name="author" type="text" required /><input type='hidden' name='comment_post_ID' value='4' /><input type='hidden' name='comment_parent' value='0' /></form></div></div></main></div></body></html>"#);
    out
}
