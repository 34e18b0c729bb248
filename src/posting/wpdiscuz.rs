//! Sending a reply through wpDiscuz (7.x): its form posts to the blog's own `admin-ajax.php`,
//! first `action=wpdGetNonce` for the nonce, then `action=wpdAddComment`; and classifying its
//! JSON answer.
//!
//! Facts from wpDiscuz 7.6.54 (WordpressPluginDirectory/wpdiscuz):
//! - assets/js/wpdiscuz.js `getAjaxObj`: every request carries `postId`; without the nonce
//!   cookie it first posts `action=wpdGetNonce` and sends `data[nonceName]` back as
//!   `wpdiscuz_nonce` (`WpdiscuzHelper::GLOBAL_NONCE_NAME`); the comment request sends every
//!   named control of the form plus `wpd_comment_depth` (the new comment's level, 1 at the top).
//! - utils/class.WpdiscuzHelperAjax.php `getNonce`: `wp_send_json_success([wpdiscuz_nonce => …])`.
//! - class.WpdiscuzCore.php `addComment`: a bad nonce is `wp_die("Nonce is invalid.")` (plain
//!   text under admin-ajax); field checks answer `wp_send_json_error(CODE)` (`{"success":false,
//!   "data":"wc_error_email_text"}`, `wc_invalid_field`, `wc_error_url_text`,
//!   `wc_msg_required_fields`, `wc_msg_input_min_length`/`max_length`), the captcha
//!   (forms/wpdFormAttr/Field/DefaultField/Captcha.php) `wp_die`s its message; success is
//!   `wp_send_json_success` with `new_comment_id` and `held_moderate` (0 when
//!   `comment_approved === "1"`, else 1: held, or filed as spam).
//! - WordPress's own checks under admin-ajax (wp-includes/comment.php `wp_allow_comment`,
//!   `wp_check_comment_flood`): `die()` with "Duplicate comment detected…" or "You are posting
//!   comments too quickly. Slow down." (plain text, status 200).

use crate::model::{CommentForm, Post};
use crate::net::{Client, FormAnswer, NetError};
use crate::reply::{clean, Outcome, RejectKind};
use serde_json::Value;
use url::Url;

/// Whether the form is wpDiscuz's (as src/extract/form_wpdiscuz.rs reads it).
pub(super) fn is_wpdiscuz(form: &CommentForm) -> bool {
    form.text_field == "wc_comment"
        && form
            .fields
            .iter()
            .any(|(k, v)| k == "action" && v == "wpdAddComment")
}

/// Sets what wpDiscuz's own reply forms carry: `wpdiscuz_unique_id` = `PARENT_GRANDPARENT`
/// ("0_0" at the top: a bare "0" is falsy in PHP and answered `wc_msg_required_fields`), and
/// the new comment's level `wpd_comment_depth` (the parent's level plus one, 1 at the top).
pub(super) fn adjust(post: &Post, parent: Option<&str>, fields: &mut [(String, String)]) {
    let parent = parent.and_then(|p| post.comments.get(post.comment_index(p)?));
    let unique = parent.map_or_else(
        || "0_0".to_string(),
        |c| format!("{}_{}", c.id, c.parent.as_deref().unwrap_or("0")),
    );
    let level = parent.map_or(1, |c| usize::from(c.depth) + 2);
    for (k, v) in fields.iter_mut() {
        match k.as_str() {
            "wpd_comment_depth" => *v = level.to_string(),
            "wpdiscuz_unique_id" => *v = unique.clone(),
            _ => {}
        }
    }
}

/// Gets a nonce, posts the comment and classifies the answer. `page` is the post's address
/// (the comment's address is `page#comment-ID`, where WordPress anchors it).
pub(super) fn send(
    client: &Client,
    action: &Url,
    fields: &[(String, String)],
    page: &str,
) -> Result<Outcome, NetError> {
    let post_id = fields
        .iter()
        .find(|(k, _)| k == "postId")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let asked = [
        ("action".to_string(), "wpdGetNonce".to_string()),
        ("postId".to_string(), post_id),
    ];
    let nonce = client
        .post_form(action, &asked)
        .ok()
        .filter(|a| a.status == 200)
        .and_then(|a| serde_json::from_str::<Value>(&a.body).ok())
        .and_then(|v| {
            v.pointer("/data/wpdiscuz_nonce")
                .and_then(Value::as_str)
                .map(str::to_string)
        });
    let mut fields = fields.to_vec();
    if let Some(nonce) = nonce {
        fields.push(("wpdiscuz_nonce".into(), nonce));
    }
    Ok(classify(&client.post_form(action, &fields)?, page))
}

/// What wpDiscuz's answer says became of the comment.
pub fn classify(answer: &FormAnswer, page: &str) -> Outcome {
    let reject = |kind, message: String| Outcome::Rejected { kind, message };
    match answer.status {
        408 | 429 | 500..=599 => {
            return Outcome::Transient {
                message: format!("the blog answered {}; try again later", answer.status),
            }
        }
        403 => {
            return reject(
                RejectKind::Forbidden,
                "the blog (or a firewall in front of it) refused the comment (403 Forbidden)"
                    .into(),
            )
        }
        200 => {}
        other => {
            return reject(
                RejectKind::Unknown,
                format!("the blog answered {other}; check the post in a browser"),
            )
        }
    }
    let body = answer.body.trim();
    let Ok(json) = serde_json::from_str::<Value>(body) else {
        return plain(body);
    };
    match json.get("success").and_then(Value::as_bool) {
        Some(true) => success(&json, page),
        Some(false) => {
            let code = json.get("data").and_then(Value::as_str).unwrap_or("");
            let (kind, said) = refusal(code);
            reject(kind, format!("wpDiscuz refused the comment: {said}"))
        }
        None => reject(
            RejectKind::Unknown,
            "the blog's answer is not wpDiscuz's; check the post in a browser before sending again"
                .into(),
        ),
    }
}

fn success(json: &Value, page: &str) -> Outcome {
    let data = &json["data"];
    let id = match &data["new_comment_id"] {
        Value::Number(n) => n.to_string(),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.clone(),
        _ => {
            return Outcome::Rejected {
                kind: RejectKind::Unknown,
                message: "wpDiscuz said the comment was added but gave no comment id; check the \
                          post in a browser before sending again"
                    .into(),
            }
        }
    };
    let base = page.split('#').next().unwrap_or(page);
    let url = format!("{base}#comment-{id}");
    let held = match &data["held_moderate"] {
        Value::Number(n) => n.as_i64() != Some(0),
        Value::String(s) => s != "0",
        Value::Bool(b) => *b,
        _ => true,
    };
    if held {
        Outcome::Pending { id, url }
    } else {
        Outcome::Published { id, url }
    }
}

/// wpDiscuz's error codes, with its default English phrases (the page's `wpdiscuzAjaxObj`).
fn refusal(code: &str) -> (RejectKind, String) {
    let (kind, phrase) = match code {
        "wc_error_email_text" => (RejectKind::BadEmail, "email address is invalid"),
        "wc_msg_required_fields" => (RejectKind::MissingFields, "please fill out required fields"),
        "wc_invalid_field" => (RejectKind::MissingFields, "some of field value is invalid"),
        "wc_error_url_text" => (RejectKind::MissingFields, "url is invalid"),
        "wc_msg_input_min_length" => (RejectKind::EmptyComment, "the comment is too short"),
        "wc_msg_input_max_length" => (RejectKind::TooLong, "the comment is too long"),
        "wc_invalid_captcha" => (RejectKind::Captcha, "invalid captcha code"),
        "wc_banned_user" => (RejectKind::Forbidden, "you are banned"),
        _ => (RejectKind::Unknown, ""),
    };
    let said = if phrase.is_empty() {
        format!("error {}", clean(code))
    } else {
        format!("{phrase} ({code})")
    };
    (kind, said)
}

/// A plain-text answer: `wp_die`/`die` under admin-ajax.
fn plain(body: &str) -> Outcome {
    let text = clean(body.chars().take(300).collect::<String>().as_str());
    let lower = text.to_ascii_lowercase();
    if lower.contains("posting comments too quickly") {
        return Outcome::Transient { message: text };
    }
    let kind = if lower.contains("nonce is invalid") {
        RejectKind::Expired
    } else if lower.contains("duplicate comment") {
        RejectKind::Duplicate
    } else if lower.contains("captcha") {
        RejectKind::Captcha
    } else {
        RejectKind::Unknown
    };
    let message = if text.is_empty() {
        "the blog gave an empty answer; check the post in a browser before sending again".into()
    } else {
        format!("the blog said: {text}")
    };
    Outcome::Rejected { kind, message }
}
