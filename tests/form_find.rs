//! Comment forms found by structure on pages that are not WordPress, from each system's own
//! templates (rendered as the system renders them), and what parlor would send:
//! - Drupal 8+: `CommentForm` rendered (`comment-comment-form`, `comment_body[0][value]`,
//!   `name`/`mail`/`homepage`, `form_build_id`, `form_id`, `op`), as on a live Drupal page.
//! - Movable Type: the default "Comment Form" template module (`mt-comments.cgi`, `entry_id`,
//!   `static`, `author`/`email`/`url`/`text`, `preview_button` and `post` buttons).
//! - Serendipity: templates/2k11/commentform.tpl (`serendipity[name]`…, `serendipity[submit]`).
//! - Dotclear: the default theme's `_comment-form.html` (`c_name`/`c_mail`/`c_site`/
//!   `c_content`, and the `f_mail` trap in a `display:none` paragraph).

use parlor::extract::extract;
use parlor::reply::{build_submission, Identity};
use url::Url;

fn wrap(form: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>An entry</title></head><body><article><h1>An entry</h1>\
         <p>The entry's text, long enough to be an article.</p></article>{form}</body></html>"
    )
}

fn sent(html: &str, url: &str) -> Vec<(String, String)> {
    let post = extract(html, &Url::parse(url).expect("url"));
    assert_eq!(post.reply_in_browser, None);
    let form = post.reply_form.expect("a comment form");
    let ident = Identity {
        name: Some("Erin".into()),
        email: Some("erin@example.org".into()),
        url: Some("https://erin.example".into()),
    };
    build_submission(Some(&form), None, "Hello from a terminal.", &ident, false).expect("built")
}

fn get<'a>(sent: &'a [(String, String)], name: &str) -> Option<&'a str> {
    sent.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn drupal_8_comment_form() {
    let html = wrap(
        r#"<h2>Add new comment</h2>
<form class="comment-comment-form comment-form" data-drupal-selector="comment-form" action="/comment/reply/node/140/field_comments" method="post" id="comment-form" accept-charset="UTF-8">
<div class="js-form-item form-item js-form-type-textfield form-item-name js-form-item-name"><label for="edit-name">Your name</label>
<input data-drupal-default-value="Anonymous" data-drupal-selector="edit-name" type="text" id="edit-name" name="name" value="" size="30" maxlength="60" class="form-text" /></div>
<div class="js-form-item form-item js-form-type-email form-item-mail js-form-item-mail"><label for="edit-mail">Email</label>
<input data-drupal-selector="edit-mail" type="email" id="edit-mail" name="mail" value="" size="30" maxlength="64" class="form-email" /></div>
<div class="js-form-item form-item js-form-type-url form-item-homepage js-form-item-homepage"><label for="edit-homepage">Homepage</label>
<input data-drupal-selector="edit-homepage" type="url" id="edit-homepage" name="homepage" value="" size="30" maxlength="255" class="form-url" /></div>
<input autocomplete="off" data-drupal-selector="form-zljvd2rtloa6-jvrsnvotqn4tufuy474ugyola3bwbm" type="hidden" name="form_build_id" value="form-zLJVD2rtLoa6_jvRsNvotQn4tuFUy474uGYoLA3bwBM" />
<input data-drupal-selector="edit-comment-comment-form" type="hidden" name="form_id" value="comment_comment_form" />
<div class="url-textfield js-form-wrapper form-wrapper" style="display: none !important;"><div class="js-form-item form-item js-form-type-textfield form-item-url js-form-item-url"><label for="edit-url">Leave this field blank</label>
<input autocomplete="off" data-drupal-selector="edit-url" type="text" id="edit-url" name="url" value="" size="20" maxlength="128" class="form-text" /></div></div>
<input data-drupal-selector="edit-honeypot-time" type="hidden" name="honeypot_time" value="FF3UKgRl3ganGMsykFtgxHzMKINKX_MQ1YT87P1vNfI" />
<div class="js-form-item form-item js-form-type-textfield form-item-subject-0-value js-form-item-subject-0-value"><label for="edit-subject-0-value">Subject</label>
<input class="js-text-full text-full form-text" data-drupal-selector="edit-subject-0-value" type="text" id="edit-subject-0-value" name="subject[0][value]" value="" size="60" maxlength="64" /></div>
<div class="js-form-item form-item js-form-type-textarea form-item-comment-body-0-value js-form-item-comment-body-0-value"><label for="edit-comment-body-0-value" class="js-form-required form-required">Comment</label>
<div class="form-textarea-wrapper"><textarea class="js-text-full text-full form-textarea required" data-drupal-selector="edit-comment-body-0-value" id="edit-comment-body-0-value" name="comment_body[0][value]" rows="5" cols="60" required="required" aria-required="true"></textarea></div></div>
<div data-drupal-selector="edit-actions" class="form-actions js-form-wrapper form-wrapper" id="edit-actions"><input data-drupal-selector="edit-submit" type="submit" id="edit-submit" name="op" value="Save" class="button button--primary js-form-submit form-submit" />
<input data-drupal-selector="edit-preview" type="submit" id="edit-preview" name="op" value="Preview" class="button js-form-submit form-submit" /></div>
</form>"#,
    );
    let s = sent(&html, "https://drupal.example/node/140");
    assert_eq!(
        get(&s, "comment_body[0][value]"),
        Some("Hello from a terminal.")
    );
    assert_eq!(get(&s, "name"), Some("Erin"));
    assert_eq!(get(&s, "mail"), Some("erin@example.org"));
    assert_eq!(get(&s, "homepage"), Some("https://erin.example"));
    assert_eq!(
        get(&s, "url"),
        Some(""),
        "the Honeypot module's trap stays empty"
    );
    assert_eq!(
        get(&s, "form_build_id"),
        Some("form-zLJVD2rtLoa6_jvRsNvotQn4tuFUy474uGYoLA3bwBM")
    );
    assert_eq!(get(&s, "form_id"), Some("comment_comment_form"));
    assert_eq!(get(&s, "op"), Some("Save"));
    assert_eq!(
        s.iter().filter(|(k, _)| k == "op").count(),
        1,
        "not Preview"
    );
}

#[test]
fn movable_type_comment_form() {
    let html = wrap(
        r#"<div class="comments-open" id="comments-open"><h2 class="comments-open-header">Leave a comment</h2>
<div class="comments-open-content">
<form method="post" action="https://mt.example/cgi-bin/mt/mt-comments.cgi" name="comments_form" id="comments-form">
<input type="hidden" name="static" value="1" />
<input type="hidden" name="entry_id" value="42" />
<input type="hidden" name="__lang" value="en" />
<input type="hidden" name="parent_id" value="" id="comment-parent-id" />
<input type="hidden" name="armor" value="1" />
<input type="hidden" name="preview" value="" />
<input type="hidden" name="sid" value="" />
<div id="comments-open-data">
<div id="comment-form-name"><label for="comment-author">Name</label><input id="comment-author" name="author" size="30" value="" /></div>
<div id="comment-form-email"><label for="comment-email">Email Address</label><input id="comment-email" name="email" size="30" value="" /></div>
<div id="comment-form-url"><label for="comment-url">URL</label><input id="comment-url" name="url" size="30" value="" /></div>
</div>
<div id="comments-open-text"><label for="comment-text">Comments</label><textarea id="comment-text" name="text" rows="15" cols="50"></textarea></div>
<div id="comments-open-footer" class="comments-open-footer">
<input type="submit" accesskey="v" name="preview_button" id="comment-preview" value="Preview" />
<input type="submit" accesskey="s" name="post" id="comment-submit" value="Submit" />
</div></form></div></div>"#,
    );
    let s = sent(&html, "https://mt.example/2026/11/an-entry.html");
    assert_eq!(get(&s, "text"), Some("Hello from a terminal."));
    assert_eq!(get(&s, "author"), Some("Erin"));
    assert_eq!(get(&s, "email"), Some("erin@example.org"));
    assert_eq!(get(&s, "entry_id"), Some("42"));
    assert_eq!(get(&s, "post"), Some("Submit"));
    assert_eq!(get(&s, "preview_button"), None);
}

#[test]
fn serendipity_comment_form() {
    let html = wrap(
        r#"<div id="serendipityCommentFormC" class="serendipityCommentForm">
<form id="serendipity_comment" action="/index.php?/archives/7-An-entry.html#feedback" method="post">
<div><input type="hidden" name="serendipity[entry_id]" value="7"></div>
<div class="form_field"><label for="serendipity_commentform_name">Name</label><input id="serendipity_commentform_name" name="serendipity[name]" type="text" value=""></div>
<div class="form_field"><label for="serendipity_commentform_email">Email</label><input id="serendipity_commentform_email" name="serendipity[email]" type="email" value=""></div>
<div class="form_field"><label for="serendipity_commentform_url">Homepage</label><input id="serendipity_commentform_url" name="serendipity[url]" type="url" value=""></div>
<div class="form_tarea"><label for="serendipity_commentform_comment">Comment</label><textarea id="serendipity_commentform_comment" name="serendipity[comment]" rows="10"></textarea></div>
<div class="form_button"><input id="serendipity_preview" name="serendipity[preview]" type="submit" value="Preview">
<input id="serendipity_submit" name="serendipity[submit]" type="submit" value="Submit Comment"></div>
</form></div>"#,
    );
    let s = sent(
        &html,
        "https://s9y.example/index.php?/archives/7-An-entry.html",
    );
    assert_eq!(
        get(&s, "serendipity[comment]"),
        Some("Hello from a terminal.")
    );
    assert_eq!(get(&s, "serendipity[name]"), Some("Erin"));
    assert_eq!(get(&s, "serendipity[email]"), Some("erin@example.org"));
    assert_eq!(get(&s, "serendipity[entry_id]"), Some("7"));
    assert_eq!(get(&s, "serendipity[submit]"), Some("Submit Comment"));
    assert_eq!(get(&s, "serendipity[preview]"), None);
}

#[test]
fn dotclear_comment_form_and_its_trap() {
    let html = wrap(
        r#"<form action="https://dc.example/post/2026/11/29/An-entry#pr" method="post" id="comment-form" role="form">
<h3>Add a comment</h3>
<fieldset>
<p class="field name-field"><label for="c_name">Name or nickname<abbr title="Required field">*</abbr>&nbsp;:</label>
<input name="c_name" id="c_name" type="text" size="30" maxlength="255" value="" required /></p>
<p class="field mail-field"><label for="c_mail">Email address<abbr title="Required field">*</abbr>&nbsp;:</label>
<input name="c_mail" id="c_mail" type="email" size="30" maxlength="255" value="" required /></p>
<p class="field site-field"><label for="c_site">Website&nbsp;:</label>
<input name="c_site" id="c_site" type="url" size="30" maxlength="255" value="" /></p>
<p style="display:none"><input name="f_mail" type="text" size="30" maxlength="255" value="" /></p>
<p class="field"><label for="c_content">Comment<abbr title="Required field">*</abbr>&nbsp;:</label>
<textarea name="c_content" id="c_content" cols="35" rows="7" required></textarea></p>
</fieldset>
<fieldset><p class="buttons"><input type="submit" class="preview" name="preview" value="preview" />
<input type="submit" class="submit" value="send" /></p></fieldset>
</form>"#,
    );
    let post = extract(
        &html,
        &Url::parse("https://dc.example/post/2026/11/29/An-entry").expect("u"),
    );
    let form = post.reply_form.clone().expect("form");
    assert!(form.needs_name && form.needs_email);
    let s = sent(&html, "https://dc.example/post/2026/11/29/An-entry");
    assert_eq!(get(&s, "c_content"), Some("Hello from a terminal."));
    assert_eq!(get(&s, "c_name"), Some("Erin"));
    assert_eq!(get(&s, "c_mail"), Some("erin@example.org"));
    assert_eq!(get(&s, "c_site"), Some("https://erin.example"));
    assert_eq!(get(&s, "f_mail"), Some(""), "the trap stays empty");
    assert_eq!(get(&s, "preview"), None);
}

#[test]
fn a_contact_form_on_a_post_is_not_a_comment_form() {
    // Contact Form 7's markup: a textarea and name/email fields, but nothing says comments.
    let html = wrap(
        r#"<div class="wpcf7 no-js" id="wpcf7-f5-p2-o1"><form action="/contact/#wpcf7-f5-p2-o1" method="post" class="wpcf7-form init" novalidate="novalidate">
<input type="hidden" name="_wpcf7" value="5" />
<p><label> Your name<br /><input size="40" class="wpcf7-form-control wpcf7-text" type="text" name="your-name" value="" /></label></p>
<p><label> Your email<br /><input size="40" type="email" name="your-email" value="" /></label></p>
<p><label> Your message<br /><textarea cols="40" rows="10" name="your-message"></textarea></label></p>
<p><input class="wpcf7-form-control wpcf7-submit" type="submit" value="Submit" /></p></form></div>"#,
    );
    let post = extract(
        &html,
        &Url::parse("https://blog.example/contact/").expect("u"),
    );
    assert!(post.reply_form.is_none());
}
