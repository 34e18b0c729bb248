//! `extract::explain` and `parlor dump --explain`: the engine, where the article and the
//! comment lists are, and what was skipped and why.

use super::*;
use parlor::extract::explain::explain;

fn explain_family(name: &str) -> parlor::extract::explain::Explanation {
    let html = fixture(&format!("families/{name}.html"));
    explain(
        &html,
        &Url::parse("https://blog.example/post/").expect("url"),
    )
}

#[test]
fn wordpress_page_explained() {
    let ex = explain_family("twentyten");
    assert_eq!(ex.engine, Engine::WordPress);
    assert_eq!(ex.detected, [Engine::WordPress, Engine::Generic]);
    let article = ex.article.as_ref().expect("article place");
    assert!(
        article.path.ends_with("div#post-7 > div.entry-content"),
        "{}",
        article.path
    );
    assert_eq!(article.count, 2);
    assert_eq!((ex.comments, ex.stated_count), (4, Some(4)));
    assert_eq!(ex.comment_lists.len(), 1);
    assert!(ex.comment_lists[0]
        .path
        .ends_with("div#comments > ol.commentlist"));
    assert_eq!(ex.comment_lists[0].count, 3);
    assert_eq!(ex.skipped.len(), 1, "{:?}", ex.skipped);
    assert!(ex.skipped[0].path.ends_with("li#recent-comments-2"));
    assert!(ex.skipped[0].reason.contains("recent comments"));
    assert_eq!(ex.skipped[0].items, 2);
    assert!(ex.notes.is_empty(), "{:?}", ex.notes);
}

#[test]
fn generic_page_explained_with_sidebar_and_count_note() {
    let ex = explain_family("drupal7");
    assert_eq!(ex.engine, Engine::Generic);
    assert_eq!(ex.comments, 3);
    assert_eq!(ex.comment_lists.len(), 1);
    assert!(
        ex.comment_lists[0].path.ends_with("div#comments"),
        "{:?}",
        ex.comment_lists
    );
    assert_eq!(
        ex.comment_lists[0].count, 2,
        "two top-level comments, one reply"
    );
    assert!(ex.skipped[0].path.ends_with("div#block-comment-recent"));
    assert!(ex.article_how.contains("content scoring"));

    // A page that states more comments than its HTML holds says so.
    let html = fixture("families/twentyten.html").replace("4 Responses", "9 Responses");
    let ex = explain(&html, &Url::parse("https://blog.example/").expect("url"));
    assert_eq!(ex.stated_count, Some(9));
    assert!(
        ex.notes
            .iter()
            .any(|n| n.contains("states 9 comments; 4 are in")),
        "{:?}",
        ex.notes
    );
}

#[test]
fn page_without_comments_says_so() {
    let html = "<html><body><article><p>Just an article with enough words to be one, really.</p></article></body></html>";
    let ex = explain(html, &Url::parse("https://blog.example/").expect("url"));
    assert_eq!(ex.comments, 0);
    assert!(ex.comment_lists.is_empty());
    assert!(ex.notes.iter().any(|n| n.contains("no comment markup")));
}

#[test]
fn dump_explain_cli() {
    let path = format!(
        "{}/tests/fixtures/extract/families/dotclear.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_parlor"))
            .args(["dump", "--explain", &path])
            .args(extra)
            .output()
            .expect("parlor runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let text = run(&[]);
    assert!(
        text.starts_with("engine: Generic (recognised by: Generic)\n"),
        "{text}"
    );
    assert!(text.contains("comments: 3 read\n"), "{text}");
    assert!(text.contains("div#comments > dl (3 top-level)"), "{text}");
    assert!(
        text.contains("div.lastcomments: a \"recent comments\" list (1 comment-like item(s))"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("json");
    assert_eq!(json["engine"], "generic");
    assert_eq!(json["comments"], 3);
    assert_eq!(json["comment_lists"][0]["count"], 3);
}
