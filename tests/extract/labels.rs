//! Comments told apart by the labels their templates print (tests/fixtures/extract/families,
//! written after real Movable Type classic and Serendipity trackback blocks): "Excerpt:",
//! "Weblog:", "Tracked:" make a block a trackback named by its weblog, and a bare numbered
//! anchor opening a block is its id.

use super::*;

#[test]
fn trackback_labels_make_trackbacks_named_by_their_weblog() {
    let p = load(
        "families/trackback-labels.html",
        "https://blog.example/2005/01/spam.html",
    );
    let rows: Vec<(String, String, CommentKind)> = p
        .comments
        .iter()
        .map(|c| (c.id.clone(), c.author.clone(), c.kind))
        .collect();
    let want = [
        ("c0", "reader", CommentKind::Comment),
        ("2858", "Ishikawa News", CommentKind::Trackback),
        // No weblog name printed: the linking post's title stands for it.
        ("2860", "Two spam fixes", CommentKind::Trackback),
        ("c34", "Newstube", CommentKind::Trackback),
    ];
    let want: Vec<(String, String, CommentKind)> = want
        .iter()
        .map(|(i, a, k)| (i.to_string(), a.to_string(), *k))
        .collect();
    assert_eq!(rows, want);
    let first = texts(&p);
    assert_eq!(
        first[0],
        "Thanks, this stopped the flood on my blog overnight."
    );
}
