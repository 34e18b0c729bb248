//! wpDiscuz's comment form (7.x, WordpressPluginDirectory/wpdiscuz), read into a `CommentForm`
//! that posts to `admin-ajax.php` with `action=wpdAddComment` (src/posting/wpdiscuz.rs sends it).
//!
//! Facts from wpDiscuz 7.6.54's source: the main form is `form.wpd_main_comm_form`
//! (forms/wpdFormAttr/Form.php) with `wc_comment` (a textarea inside a `display: none` editor
//! wrapper: Quill shows its own editor), `wc_name`, `wc_email`, `wc_website` and a hidden
//! `wpdiscuz_unique_id` ("0_0" on the main form; `addComment` takes the parent id from the part
//! before "_", `WpdiscuzHelper::getUIDData`). The page's inline `wpdiscuzAjaxObj` (localized
//! by `WpdiscuzCore`) gives the addresses (`url` when `isNativeAjaxEnabled`, else
//! `customAjaxUrl`), the post id (`wc_post_id`, sent as `postId` by assets/js/wpdiscuz.js
//! `getAjaxObj`), the reCAPTCHA site key (`wpDiscuzReCaptchaSK`) and whether guests get it
//! (`wc_captcha_show_for_guest`), and `wpdiscuz_zs` (sent when set).

use super::dom::{self, sel};
use super::{sanitize, Page};
use crate::model::CommentForm;
use scraper::ElementRef;
use serde_json::Value;

/// Longest inline script read when looking for `wpdiscuzAjaxObj`.
const SCRIPT_CAP: usize = 256 * 1024;

/// A wpDiscuz page's reply form and, when it cannot be used from a terminal, why.
pub struct Found {
    pub form: Option<CommentForm>,
    pub in_browser: Option<String>,
}

/// `None` when the page does not carry wpDiscuz's script object.
pub fn read(page: &Page<'_>) -> Option<Found> {
    let root = page.doc.root_element();
    let obj = ajax_obj(root)?;
    let text = |k: &str| obj.get(k).and_then(Value::as_str).unwrap_or("").trim();
    // themes/default/comment-form.php: a guest who may not comment gets
    // `div.wpd-login-to-comment` (its phrase `wc_login_to_comment`) after the form.
    if dom::first(root, sel!(".wpd-login-to-comment")).is_some() {
        return Some(Found {
            form: None,
            in_browser: Some("this blog asks you to log in to comment".to_string()),
        });
    }
    let Some(form) = dom::first(root, sel!("form.wpd_main_comm_form")) else {
        return Some(Found {
            form: None,
            in_browser: None,
        });
    };
    let guest_captcha = !text("wpDiscuzReCaptchaSK").is_empty()
        && text("wc_captcha_show_for_guest") == "1"
        && text("is_user_logged_in").is_empty();
    let native = text("isNativeAjaxEnabled") == "1";
    let address = if native {
        text("url")
    } else {
        text("customAjaxUrl")
    };
    let action = page
        .base
        .join(address)
        .map_or_else(|_| sanitize::line(address), |u| sanitize::line(u.as_str()));
    let mut f = CommentForm {
        action,
        method: "post".into(),
        text_field: "wc_comment".into(),
        parent_field: Some("wpdiscuz_unique_id".into()),
        post_id: Some(sanitize::line(text("wc_post_id"))),
        ..CommentForm::default()
    };
    f.fields.push(("action".into(), "wpdAddComment".into()));
    let mut unfillable = None;
    for c in dom::all(form, sel!("input[name], textarea[name], select[name]")) {
        let v = c.value();
        let name = sanitize::line(v.attr("name").unwrap_or(""));
        let ty = v.attr("type").unwrap_or("text").trim().to_ascii_lowercase();
        let required = v.attr("required").is_some();
        match name.as_str() {
            "wc_name" => (f.name_field, f.needs_name) = (Some(name), required),
            "wc_email" => (f.email_field, f.needs_email) = (Some(name), required),
            "wc_website" => f.url_field = Some(name),
            "wc_comment" => {}
            _ if matches!(
                ty.as_str(),
                "checkbox" | "radio" | "file" | "submit" | "button"
            ) =>
            {
                // A required agreement box or custom choice needs a person in a browser.
                if required && unfillable.is_none() {
                    unfillable = Some(name);
                }
            }
            _ => {
                if required && v.attr("value").is_none_or(|x| x.trim().is_empty()) {
                    unfillable.get_or_insert(name.clone());
                }
                f.fields
                    .push((name, sanitize::line(v.attr("value").unwrap_or(""))));
            }
        }
    }
    let zs = text("wpdiscuz_zs");
    if !zs.is_empty() {
        f.fields.push(("wpdiscuz_zs".into(), sanitize::line(zs)));
    }
    f.fields.push(("wpd_comment_depth".into(), "1".into()));
    if let Some(id) = &f.post_id {
        f.fields.push(("postId".into(), id.clone()));
    }
    let in_browser = if guest_captcha {
        Some("this blog asks for reCAPTCHA".to_string())
    } else if f.post_id.as_deref().is_none_or(str::is_empty) || address.is_empty() {
        Some("this blog's wpDiscuz form does not say where to send comments".to_string())
    } else {
        unfillable.map(|name| {
            format!("this blog's wpDiscuz form asks for a field parlor cannot fill ({name})")
        })
    };
    Some(Found {
        form: Some(f),
        in_browser,
    })
}

/// The `wpdiscuzAjaxObj = {…}` object of the page's inline scripts.
fn ajax_obj(root: ElementRef<'_>) -> Option<Value> {
    const KEY: &str = "wpdiscuzAjaxObj = ";
    dom::all(root, sel!("script")).into_iter().find_map(|s| {
        let text: String = s.text().collect::<String>();
        let text = text.get(..SCRIPT_CAP.min(text.len())).unwrap_or(&text);
        let at = text.find(KEY)?;
        let rest = &text[at + KEY.len()..];
        serde_json::Deserializer::from_str(rest)
            .into_iter::<Value>()
            .next()?
            .ok()
            .filter(Value::is_object)
    })
}
