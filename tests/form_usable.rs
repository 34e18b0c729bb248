//! Knowing before anyone types whether a comment form can be used from a terminal: captchas,
//! fields only a script fills, sign-in walls, and honeypots that are never filled. Each page is
//! WordPress's own `comment_form()` markup (wp-includes/comment-template.php) with one plugin's
//! addition, written from that plugin's source or its rendered output:
//! - reCAPTCHA / hCaptcha / Turnstile: the widget `div`s their docs give (`g-recaptcha`,
//!   `h-captcha`, `cf-turnstile`, with `data-sitekey`) and their `api.js` scripts.
//! - BestWebSoft Captcha: `cptch_number` with `cptch_result`/`cptch_time` (rendered pages).
//! - Really Simple CAPTCHA (as SI CAPTCHA/Contact Form 7 use it): `<img>` + `captcha_code`.
//! - Akismet: `p.akismet-fields-container` (`display: none`) with `ak_hp_textarea` and `ak_js`
//!   filled by an inline script (Automattic/akismet `output_timestamp_field`, rendered pages).
//! - Antispam Bee: the visible textarea renamed to a secret, a clipped `comment` textarea after
//!   it (pluginkollektiv/antispam-bee `Honeypot::inject`).
//! - The sign-in wall: `p.must-log-in` ("You must be logged in to post a comment.").

use parlor::extract::extract;
use parlor::reply::{build_submission, Identity};
use url::Url;

fn page(form_inner: &str, extra: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.8">
<title>A post</title></head><body><article class="post"><h1 class="entry-title">A post</h1>
<div class="entry-content"><p>Text of the post.</p></div></article>
<div id="comments" class="comments-area">
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="https://blog.example/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required /></p>
<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" autocomplete="email" required /></p>
<p class="comment-form-url"><label for="url">Website</label> <input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url" /></p>
{form_inner}
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" /> <input type='hidden' name='comment_post_ID' value='42' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' /></p></form></div></div>
{extra}</body></html>"#
    )
}

fn url() -> Url {
    Url::parse("https://blog.example/2026/11/a-post/").expect("url")
}

fn why(html: &str) -> Option<String> {
    extract(html, &url()).reply_in_browser
}

#[test]
fn a_plain_form_and_akismet_can_be_used_here() {
    let plain = extract(&page("", ""), &url());
    assert!(plain.reply_form.is_some());
    assert_eq!(plain.reply_in_browser, None);
    let akismet = r#"<p style="display: none;"><input type="hidden" id="akismet_comment_nonce" name="akismet_comment_nonce" value="215b9c1060" /></p><p style="display: none !important;" class="akismet-fields-container" data-prefix="ak_"><label>&#916;<textarea name="ak_hp_textarea" cols="45" rows="8" maxlength="100"></textarea></label><input type="hidden" id="ak_js_1" name="ak_js" value=""/><script>
document.getElementById( "ak_js_1" ).setAttribute( "value", ( new Date() ).getTime() );
</script></p>"#;
    let post = extract(&page(akismet, ""), &url());
    assert_eq!(post.reply_in_browser, None, "ak_js is fine to leave");
    let form = post.reply_form.expect("form");
    assert_eq!(form.text_field, "comment");
    let ident = Identity {
        name: Some("Erin".into()),
        email: Some("erin@example.org".into()),
        url: None,
    };
    let sent = build_submission(Some(&form), None, "Hello there.", &ident, false).expect("built");
    let get = |n: &str| sent.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    assert_eq!(get("comment"), Some("Hello there."));
    assert_eq!(get("ak_hp_textarea"), Some(""), "the honeypot stays empty");
    assert_eq!(get("akismet_comment_nonce"), Some("215b9c1060"));
}

#[test]
fn captchas_are_said_before_typing() {
    for (inner, says) in [
        (
            r#"<div class="g-recaptcha" data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"></div><script src="https://www.google.com/recaptcha/api.js" async defer></script>"#,
            "reCAPTCHA",
        ),
        (
            r#"<div class="h-captcha" data-sitekey="10000000-ffff-ffff-ffff-000000000001"></div><script src="https://js.hcaptcha.com/1/api.js" async defer></script>"#,
            "hCaptcha",
        ),
        (
            r#"<div class="cf-turnstile" data-sitekey="1x00000000000000000000AA"></div>"#,
            "Turnstile",
        ),
        (
            r#"<p class="cptch_block"><label class="cptch_label" for="cptch_input_14"><span class="cptch_span">9</span><span class="cptch_span">&nbsp;&minus;&nbsp;</span><span class="cptch_span">3</span><span class="cptch_span">&nbsp;=&nbsp;</span><span class="cptch_span"><input id="cptch_input_14" class="cptch_input " autocomplete="off" name="cptch_number" value="" maxlength="2" size="2" aria-required="true" required="required" type="text"></span><input name="cptch_result" value="OKA=" type="hidden"><input name="cptch_time" value="1497848089" type="hidden"></label></p>"#,
            "a captcha",
        ),
        (
            r#"<p><img src="https://blog.example/wp-content/uploads/wpcf7_captcha/1234.png" alt="captcha" width="72" height="24" /><input type="text" name="captcha_code" value="" size="4" /></p>"#,
            "captcha",
        ),
    ] {
        let said = why(&page(inner, "")).unwrap_or_else(|| panic!("no reason for {inner}"));
        assert!(said.contains(says), "{said}");
        assert!(said.starts_with("this blog asks for"), "{said}");
    }
}

#[test]
fn a_captcha_script_for_another_form_does_not_block_comments() {
    // Contact Form 7 with reCAPTCHA v3 loads the script on every page.
    let extra = r#"<script src="https://www.google.com/recaptcha/api.js?render=6Lc" id="google-recaptcha-js"></script>"#;
    assert_eq!(why(&page("", extra)), None);
}

#[test]
fn a_field_only_a_script_fills_is_said() {
    let inner = r#"<input type="hidden" name="js_token" id="js_token" value="" />"#;
    let extra = r#"<script>document.getElementById("js_token").value = btoa(Date.now());</script>"#;
    let said = why(&page(inner, extra)).expect("reason");
    assert!(said.contains("js_token"), "{said}");
    // The same empty field with no script filling it is left as the page has it.
    assert_eq!(why(&page(inner, "")), None);
}

#[test]
fn a_sign_in_wall_is_said_not_closed() {
    let html = r#"<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.8"><title>P</title></head>
<body><article><h1 class="entry-title">P</h1><div class="entry-content"><p>Text.</p></div></article>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<p class="must-log-in">You must be <a href="https://blog.example/wp-login.php?redirect_to=x">logged in</a> to post a comment.</p></div>
</body></html>"#;
    let post = extract(html, &url());
    assert!(post.reply_form.is_none());
    assert_eq!(
        post.reply_in_browser.as_deref(),
        Some("this blog asks you to log in to comment")
    );
}

#[test]
fn antispam_bee_honeypot_is_never_filled() {
    // What `Honeypot::inject` makes of WordPress's textarea: the visible one renamed to the
    // secret, a clipped copy named `comment` after it.
    let html = page("", "").replace(
        r#"<textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea>"#,
        r#"<textarea autocomplete="new-password"  id="a9f1c2e3b4"  name="e0b1c2d3f4" cols="45" rows="8" maxlength="65525" required></textarea><textarea id="comment" name="comment" aria-hidden="true" aria-label="hp-comment" autocomplete="new-password" tabindex="-1" style="padding:0 !important;clip:rect(1px, 1px, 1px, 1px) !important;position:absolute !important;white-space:nowrap !important;height:1px !important;width:1px !important;overflow:hidden !important;"></textarea><script data-noptimize type="text/javascript">document.getElementById("comment").setAttribute( "id", "a1" );document.getElementById("a9f1c2e3b4").setAttribute( "id", "comment" );</script>"#,
    );
    let post = extract(&html, &url());
    assert_eq!(post.reply_in_browser, None);
    let form = post.reply_form.expect("form");
    assert_eq!(form.text_field, "e0b1c2d3f4");
    let ident = Identity {
        name: Some("Erin".into()),
        email: Some("erin@example.org".into()),
        url: None,
    };
    let sent = build_submission(Some(&form), None, "Real text.", &ident, false).expect("built");
    let get = |n: &str| sent.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    assert_eq!(get("e0b1c2d3f4"), Some("Real text."));
    assert_eq!(get("comment"), Some(""), "the honeypot stays empty");
}

#[test]
fn no_false_you_can_reply_here() {
    use parlor::posting::can_reply_here;
    assert!(can_reply_here(&extract(&page("", ""), &url())));
    let captcha = r#"<div class="g-recaptcha" data-sitekey="k"></div>"#;
    let post = extract(&page(captcha, ""), &url());
    assert!(post.reply_form.is_some(), "the form is still read");
    assert!(!can_reply_here(&post), "but parlor does not offer to reply");
    let v = parlor::format::to_json(&post, parlor::format::Part::Article);
    assert_eq!(v["can_comment"], false);
    assert_eq!(v["reply_in_browser"], "this blog asks for a reCAPTCHA");
}

#[test]
fn class_hidden_honeypot_before_the_website_field_is_never_filled() {
    // scripts/wp/honeypot.php: a `homepage` input (a name parlor reads as "website") hidden by a
    // stylesheet class, `aria-hidden` on its paragraph, out of the keyboard and autofill, placed
    // before WordPress's own `url` field; and a `url2` input in a `display:none` div.
    let trap = r#"<p class="comment-form-hp" aria-hidden="true"><label for="homepage">Homepage</label> <input id="homepage" name="homepage" type="text" value="" size="30" tabindex="-1" autocomplete="off" /></p>"#;
    let html = page(
        r#"<div style="display:none"><label for="url2">Website</label><input type="text" name="url2" id="url2" value="" tabindex="-1" autocomplete="off" /></div>"#,
        "",
    )
    .replace(
        r#"<p class="comment-form-url">"#,
        &format!(r#"{trap}<p class="comment-form-url">"#),
    );
    let post = extract(&html, &url());
    assert_eq!(post.reply_in_browser, None);
    let form = post.reply_form.expect("form");
    assert_eq!(form.url_field.as_deref(), Some("url"));
    let ident = Identity {
        name: Some("Erin".into()),
        email: Some("erin@example.org".into()),
        url: Some("https://erin.example.org/".into()),
    };
    let sent = build_submission(Some(&form), None, "Real text.", &ident, false).expect("built");
    let get = |n: &str| sent.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    assert_eq!(get("url"), Some("https://erin.example.org/"));
    assert_eq!(get("homepage"), Some(""), "the honeypot stays empty");
    assert_eq!(get("url2"), Some(""), "the honeypot stays empty");
}
