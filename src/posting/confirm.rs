//! Confirming a "published" answer: Drupal (8+ `CommentForm::save`) redirects to `#comment-ID`
//! whether the comment was published or queued for review, and WordPress redirects to its
//! comment link for a comment its filters marked as spam (`wp-comments-post.php` adds
//! `unapproved=` only for held ones), so the address alone proves nothing. The page is fetched
//! and the comment looked for; a reply counts as published only when the page shows it.

use crate::net::Client;
use crate::reply::{Outcome, RejectKind};
use url::Url;

/// Keeps `outcome` unless it is a published answer that the page at
/// its address does not bear out: then it is pending (the page says the comment is queued) or
/// unknown (the page does not show it), and the draft is kept.
pub(super) fn confirm(client: &Client, action: &Url, outcome: Outcome) -> Outcome {
    let Outcome::Published { id, url } = &outcome else {
        return outcome;
    };
    let unknown = |why: &str| Outcome::Rejected {
        kind: RejectKind::Unknown,
        message: format!(
            "the blog answered with comment {id}'s address, but {why}; it may be held for \
             moderation or filtered as spam, so check the post in a browser before sending again"
        ),
    };
    let Ok(page) = action.join(url.trim()) else {
        return unknown("the address is not usable");
    };
    let fetched = match client.get(&page, None) {
        Ok(f) => f,
        Err(e) => return unknown(&format!("the page could not be read to confirm it ({e})")),
    };
    if fetched.final_url.host_str() != page.host_str() {
        return unknown("the page moved to another site");
    }
    let html = &fetched.html;
    let lower = html.to_ascii_lowercase();
    if lower.contains("queued for review") || lower.contains("awaiting moderation") {
        return Outcome::Pending {
            id: id.clone(),
            url: url.clone(),
        };
    }
    let anchors = [
        format!("id=\"comment-{id}\""),
        format!("id='comment-{id}'"),
        format!("name=\"comment-{id}\""),
    ];
    if anchors.iter().any(|a| html.contains(a.as_str())) {
        outcome
    } else {
        unknown("the page does not show it")
    }
}
