//! Failure classes found on held-out real blog pages (tests/corpus/comments, pages added
//! 2026-11 from sites the corpus had not seen), each reduced to a small fixture under
//! tests/fixtures/comments_heldout.

use parlor::extract::extract;
use url::Url;

fn load(name: &str) -> parlor::model::Post {
    let path = format!(
        "{}/tests/fixtures/comments_heldout/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).expect("fixture exists");
    extract(
        &html,
        &Url::parse("https://blog.example/2015/12/10/dash/").expect("url"),
    )
}

/// A pingback's name is the linking page's title, printed as the `fn` link: longer than any
/// person's name (whizzy.org, 125-162 characters), it is still the author, and it stays out of
/// the text. A long `fn` that is not one link is not taken as a name.
#[test]
fn long_fn_link_is_the_pingback_name() {
    let p = load("long_pingback_fn.html");
    let rows: Vec<(&str, &str)> = p
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.author.as_str()))
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0], ("90", "Jo"));
    assert_eq!(
        rows[1],
        (
            "91",
            "Ubuntu will stop sending everything you search for to the Internet - Webmediaplus - \
             Web Design, Graphic Design, Social Media and Search Engine Positioning"
        )
    );
    let text = parlor::model::blocks_text(&p.comments[1].blocks);
    assert!(text.starts_with("[…] Source |Whizzy"), "{text:?}");
    assert!(!rows[2].1.starts_with("A caption"), "{rows:?}");
}
