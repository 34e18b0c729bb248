//! Replying on a real WordPress (scripts/wp-local.sh): `parlor reply` on post 8 as a new
//! commenter (held: exit 10, not on the public page) and as "Known Replier", whose comment 52 is
//! approved (published: exit 0, nested under 52 one level deeper in `parlor dump`).
//!
//! Needs `PARLOR_WP_URL` (e.g. `http://127.0.0.1:8089`). Without it the test prints a note and
//! passes, except under `CI`, where it fails. WordPress allows one comment per 15 s per IP or
//! email, and every test POST comes from 127.0.0.1: the tests wait 16 s after the last POST any
//! of parlor's reply tests made (a stamp file per port, shared with tests/e2e_reply.rs), and a
//! reply queued by a flood answer (429, exit 11) is sent again with `parlor outbox send`.

#[path = "wp_reply/common.rs"]
mod common;

use common::{dump, run_reply, wp_base, Env, POST_PATH};

#[test]
fn replies_as_a_new_and_as_a_known_commenter() {
    let Some(base) = wp_base() else { return };
    let post = format!("{base}{POST_PATH}");
    let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S%3f").to_string();
    let env = Env::new(&base);

    // A new name + email: held for moderation.
    let held_text = format!("parlor test held reply from a new commenter {stamp}");
    let code = run_reply(&env, &post, &held_text, "New Person", "new@example.test");
    assert_eq!(code, 10, "a new commenter's reply is held (exit 10)");
    let public = dump(&Env::new(&base), &post);
    assert!(
        public["comments"]
            .as_array()
            .expect("comments")
            .iter()
            .all(|c| c["text"].as_str() != Some(held_text.as_str())),
        "a held comment must not be on the public page"
    );

    // Known Replier (comment 52 is theirs, approved): published at once, under 52.
    let known_text = format!("parlor test published reply from a known commenter {stamp}");
    let code = run_reply(
        &env,
        &post,
        &known_text,
        "Known Replier",
        "known@example.test",
    );
    assert_eq!(code, 0, "a known commenter's reply is published (exit 0)");
    let public = dump(&Env::new(&base), &post);
    let comments = public["comments"].as_array().expect("comments");
    let parent = comments
        .iter()
        .find(|c| c["id"] == "52")
        .expect("comment 52 on post 8");
    let mine: Vec<&serde_json::Value> = comments
        .iter()
        .filter(|c| c["text"].as_str() == Some(known_text.as_str()))
        .collect();
    assert_eq!(mine.len(), 1, "published exactly once");
    assert_eq!(mine[0]["parent"], "52");
    assert_eq!(mine[0]["author"], "Known Replier");
    assert_eq!(
        mine[0]["depth"].as_u64(),
        parent["depth"].as_u64().map(|d| d + 1)
    );
    assert_eq!(mine[0]["pending"], false);
    // The draft was removed on success; the held one too (both went out).
    let drafts = env.parlor(&["drafts"]);
    let listed = String::from_utf8_lossy(&drafts.stdout).to_string();
    assert!(!listed.contains(&known_text), "{listed}");
    assert!(!listed.contains(&held_text), "{listed}");
}
