//! Tests of the store loader's bookkeeping: the library counts what the reader shows.

use super::*;

/// The library counts the comments the reader shows: the user's held ones too.
#[test]
fn the_count_recorded_is_the_shown_posts() {
    let store = Store::open_in_memory().expect("store");
    let mut loader = StoreLoader::with_store(store);
    let mut post = crate::tui::fixtures::sample_post();
    loader.after = Some(("k".into(), 1, 12, 2));
    set_current(&loader.current, "k".into(), &post);
    post.comments.push(crate::model::Comment {
        id: "mine".into(),
        pending: true,
        ..crate::model::Comment::default()
    });
    loader.shown(&post);
    assert_eq!(loader.after.as_ref().map(|a| (a.2, a.3)), Some((13, 2)));
    let current = loader.current.lock().map(|c| c.clone()).ok().flatten();
    assert_eq!(current.map(|(_, ids)| ids.len()), Some(13));
}
