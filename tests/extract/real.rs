//! Tests on real pages captured from WordPress 6.1.9 (tests/fixtures/extract/real, see its
//! README.txt): the four theme families, deep (depth-capped) threads, a held comment,
//! closed posts and paginated threads.

use super::*;

fn real(name: &str, url: &str) -> Post {
    load(&format!("real/{name}"), url)
}

fn real_dates() -> Vec<Option<String>> {
    let hours = [11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22];
    hours
        .iter()
        .map(|h| Some(format!("2024-05-01T{h}:00:00+00:00")))
        .collect()
}

#[test]
fn real_themes_thread_trees() {
    for (name, ping_dated) in [
        ("twentytwentyone.html", false),
        ("twentytwentytwo.html", true),
        ("twentytwentythree.html", true),
    ] {
        let p = real(name, PERMA);
        assert_eq!(p.engine, Engine::WordPress, "{name}");
        assert_eq!(p.title, "Threaded comments fixture", "{name}");
        assert_eq!(p.author.as_deref(), Some("admin"), "{name}");
        assert_eq!(
            p.published.as_deref(),
            Some("2024-05-01T10:00:00+00:00"),
            "{name}"
        );
        assert_eq!(p.site, "Parlor Test Blog", "{name}");
        assert_eq!(p.comment_count, Some(11), "{name}");
        assert!(p.comment_pages.is_empty(), "{name}: {:?}", p.comment_pages);
        assert_eq!(tree(&p), seeded_tree("Some Other Blog"), "{name}");
        let mut dates = real_dates();
        if !ping_dated {
            dates[10] = None;
        }
        assert_eq!(iso_dates(&p), dates, "{name}");
        let kinds: Vec<CommentKind> = p.comments.iter().map(|c| c.kind).collect();
        assert_eq!(kinds[10], CommentKind::Pingback, "{name}");
        assert!(
            kinds[..10].iter().all(|k| *k == CommentKind::Comment),
            "{name}"
        );
        let bpa: Vec<&str> = p
            .comments
            .iter()
            .filter(|c| c.by_post_author)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(bpa, ["10"], "{name}");
        assert_eq!(texts(&p)[0], "Top-level comment one. Great post!", "{name}");
        let form = p.reply_form.as_ref().expect("form");
        assert_eq!(
            form.action, "http://127.0.0.1:8089/wp-comments-post.php",
            "{name}"
        );
        assert_eq!(
            form.fields,
            vec![
                ("comment_post_ID".to_string(), "4".to_string()),
                ("comment_parent".to_string(), "0".to_string())
            ]
        );
        assert!(form.needs_name && form.needs_email, "{name}");
        assert_eq!(
            form.consent_field,
            Some(("wp-comment-cookies-consent".into(), "yes".into())),
            "{name}"
        );
    }
}

#[test]
fn real_xhtml_thread() {
    let p = real("xhtml.html", PERMA);
    assert_eq!(p.engine, Engine::WordPress);
    assert_eq!(p.title, "Threaded comments fixture");
    assert_eq!(p.site, "Parlor Test Blog");
    assert_eq!(tree(&p), seeded_tree("Some Other Blog"));
    assert!(p.comments.iter().all(|c| c.published.is_none()));
    let shown: Vec<&str> = p
        .comments
        .iter()
        .map(|c| c.published_text.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(shown[0], "May 1, 2024 at 11:00 am");
    assert_eq!(shown[8], "May 1, 2024 at 8:00 pm");
    assert_eq!(p.comments[10].kind, CommentKind::Pingback);
    assert_eq!(texts(&p)[0], "Top-level comment one. Great post!");
    assert!(p.reply_form.is_some());
}

#[test]
fn real_deep_threads_recover_capped_parents() {
    let url = "http://127.0.0.1:8095/2024/04/28/deep-thread-fixture/";
    let want: Vec<Row> = ["Ann", "Ben", "Cid", "Dee", "Eve", "Fay", "Gus"]
        .iter()
        .enumerate()
        .map(|(i, a)| {
            row(
                &(45 + i).to_string(),
                (i > 0).then(|| 44 + i).map(|p| p.to_string()).as_deref(),
                i as u16,
                a,
            )
        })
        .collect();
    for name in [
        "deep.html",
        "twentytwentytwo-deep.html",
        "twentytwentythree-deep.html",
        "xhtml-deep.html",
    ] {
        let p = real(name, url);
        assert_eq!(tree(&p), want, "{name}");
        let text: Vec<String> = (0..7).map(|i| format!("Reply at depth {i}.")).collect();
        assert_eq!(texts(&p), text, "{name}");
        let can: Vec<bool> = p.comments.iter().map(|c| c.can_reply).collect();
        assert_eq!(can, [true, true, true, true, false, false, false], "{name}");
    }
}

#[test]
fn real_held_preview() {
    let p = real(
        "held-preview.html",
        &format!("{PERMA}?unapproved=45&moderation-hash=x"),
    );
    let held: Vec<Row> = p
        .comments
        .iter()
        .filter(|c| c.id == "45" || c.id == "46")
        .map(|c| (c.id.clone(), c.parent.clone(), c.depth, c.author.clone()))
        .collect();
    assert_eq!(
        held,
        vec![
            row("45", Some("5"), 4, "Curl Tester"),
            row("46", Some("5"), 4, "Carol")
        ]
    );
    let pending: Vec<&str> = p
        .comments
        .iter()
        .filter(|c| c.pending)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(pending, ["45"]);
    assert_eq!(p.comments.len(), 13);
    assert!(p.comment_pages.is_empty(), "{:?}", p.comment_pages);
}

#[test]
fn real_closed_posts() {
    let url = "http://127.0.0.1:8089/2024/04/30/comments-closed-fixture/";
    for name in [
        "closed.html",
        "twentytwentytwo-closed.html",
        "twentytwentythree-closed.html",
        "xhtml-closed.html",
    ] {
        let p = real(name, url);
        assert_eq!(tree(&p), vec![row("14", None, 0, "Oscar")], "{name}");
        let c = &p.comments[0];
        let date = (c.published.as_deref(), c.published_text.as_deref());
        if name.starts_with("xhtml") {
            assert_eq!(date, (None, Some("April 30, 2024 at 11:00 am")), "{name}");
        } else {
            assert_eq!(date, (Some("2024-04-30T11:00:00+00:00"), None), "{name}");
        }
        assert!(p.comments_closed, "{name}");
        assert_eq!(p.reply_form, None, "{name}");
        assert!(!p.comments[0].can_reply, "{name}");
    }
}

fn real_paginated_want() -> Vec<Row> {
    let mut want = Vec::new();
    for i in 0..25u32 {
        want.push(row(
            &(15 + i).to_string(),
            None,
            0,
            &format!("Reader {:02}", i + 1),
        ));
        if let Some(k) = [2, 7, 12, 17, 22].iter().position(|&t| t == i) {
            want.push(row(
                &(40 + k).to_string(),
                Some(&(15 + i).to_string()),
                1,
                "Replier",
            ));
        }
    }
    want
}

#[test]
fn real_paginated_merge() {
    for (bare, p1, p2) in [
        (
            "paginated-bare.html",
            "paginated-page1.html",
            "paginated-page2.html",
        ),
        (
            "twentytwentythree-paginated.html",
            "twentytwentythree-paginated-page1.html",
            "twentytwentythree-paginated-page2.html",
        ),
    ] {
        let first = real(bare, P6);
        assert_eq!(
            first.comment_pages,
            vec![
                format!("{P6}comment-page-2/"),
                format!("{P6}comment-page-1/")
            ],
            "{bare}"
        );
        let page1 = real(p1, &format!("{P6}comment-page-1/"));
        let page2 = real(p2, &format!("{P6}comment-page-2/"));
        let mut pages1 = page1.comment_pages.clone();
        pages1.sort();
        assert_eq!(
            pages1,
            vec![
                format!("{P6}comment-page-2/"),
                format!("{P6}comment-page-3/")
            ],
            "{p1}"
        );
        let merged = merge_pages(first, vec![page2.clone(), page1, page2]);
        assert_eq!(tree(&merged), real_paginated_want(), "{bare}");
    }
}
