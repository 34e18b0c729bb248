//! WordPress comment form (`form#commentform`), closed/login-required state, comment page
//! links and the stated comment count.

use super::dom::{self, sel};
use super::form_find::{role, Role};
use super::form_usable;
use super::{sanitize, Page};
use crate::model::{CommentForm, Post};
use scraper::ElementRef;
use std::collections::HashSet;

/// Fills `reply_form`, `comments_closed`, `comment_pages` and `comment_count`.
/// `outside` is every element outside the comments, in document order.
pub fn fill(post: &mut Post, page: &Page<'_>, outside: &[ElementRef<'_>]) {
    let must_log_in = dom::first_in(outside, sel!(".must-log-in")).is_some();
    let form = if must_log_in {
        None
    } else {
        find_form(outside)
    };
    post.reply_form = form.map(|f| read_form(f, page));
    post.reply_in_browser = form_usable::obstacle(form, outside, must_log_in);
    let closed_marker =
        dom::first_in(outside, sel!(".no-comments, .nocomments, .comments-closed")).is_some();
    post.comments_closed =
        closed_marker || (post.reply_form.is_none() && !must_log_in && !post.comments.is_empty());
    post.comment_pages = comment_pages(page, outside);
    post.comment_count = dom::first_in(
        outside,
        sel!(
            ".comments-title, .wp-block-comments-title, h3#comments, h2#comments, #comments-title"
        ),
    )
    .map(dom::text)
    .and_then(|t| dom::count_in(&t));
}

fn find_form<'a>(outside: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    dom::first_in(outside, sel!("form#commentform")).or_else(|| {
        dom::all_in(outside, sel!("form[action]"))
            .into_iter()
            .find(|f| {
                f.value()
                    .attr("action")
                    .is_some_and(|a| a.contains("wp-comments-post.php"))
            })
    })
}

/// Reads the form: action, method, every hidden/extra control in order, identity fields.
pub fn read_form(form: ElementRef<'_>, page: &Page<'_>) -> CommentForm {
    let v = form.value();
    let mut f = CommentForm {
        action: form_action(v.attr("action"), page),
        method: sanitize::line(v.attr("method").unwrap_or("post")).to_ascii_lowercase(),
        ..CommentForm::default()
    };
    let controls = dom::all(form, sel!("input[name], textarea[name]"));
    // Honeypots (a hidden `comment` textarea from Antispam Bee, Akismet's `ak_hp_textarea`)
    // are never the text field and are sent as the page has them, empty.
    let traps: Vec<bool> = controls.iter().map(|c| form_usable::honeypot(*c)).collect();
    let visible = || {
        controls
            .iter()
            .zip(&traps)
            .filter(|(c, trap)| !**trap && c.value().name() == "textarea")
            .map(|(c, _)| c)
    };
    let text = visible()
        .find(|c| c.value().attr("name") == Some("comment"))
        .or_else(|| visible().next());
    f.text_field = text
        .and_then(|t| t.value().attr("name"))
        .map(sanitize::line)
        .unwrap_or_else(|| "comment".into());
    // The button a browser would send (Movable Type's `post`, Serendipity's
    // `serendipity[submit]`, Drupal's `op`); not for WordPress, which ignores it.
    let mut submit = None;
    for (c, trap) in controls.iter().zip(&traps) {
        if *trap {
            let name = sanitize::line(c.value().attr("name").unwrap_or(""));
            if !name.is_empty() && input_type(*c) != "checkbox" {
                f.fields.push((name, String::new()));
            }
            continue;
        }
        let (name, ty) = (
            sanitize::line(c.value().attr("name").unwrap_or("")),
            input_type(*c),
        );
        let value = sanitize::line(c.value().attr("value").unwrap_or(""));
        match (name.as_str(), ty.as_str()) {
            (n, _) if n == f.text_field && c.value().name() == "textarea" => {}
            (_, "submit") if submit.is_none() && !name.to_ascii_lowercase().contains("preview") => {
                submit = Some((name, value));
            }
            (_, "submit" | "button" | "image" | "reset" | "file") => {}
            (_, "checkbox" | "radio") => {
                if f.consent_field.is_none()
                    && (name.contains("consent") || name.contains("cookies"))
                {
                    f.consent_field =
                        Some((name, if value.is_empty() { "on".into() } else { value }));
                }
            }
            (n, t) if t != "hidden" && role(n) == Some(Role::Name) && f.name_field.is_none() => {
                (f.name_field, f.needs_name) = (Some(name), is_required(*c));
            }
            (n, t) if t != "hidden" && role(n) == Some(Role::Email) && f.email_field.is_none() => {
                (f.email_field, f.needs_email) = (Some(name), is_required(*c));
            }
            (n, t) if t != "hidden" && role(n) == Some(Role::Url) && f.url_field.is_none() => {
                f.url_field = Some(name);
            }
            _ => {
                if name == "comment_post_ID" {
                    f.post_id = Some(value.clone());
                }
                if name == "comment_parent" {
                    f.parent_field = Some(name.clone());
                }
                f.fields.push((name, value));
            }
        }
    }
    if let (Some(button), false) = (submit, f.action.contains("wp-comments-post.php")) {
        f.fields.push(button);
    }
    f
}

/// The action resolved against the base, whatever its scheme (a `javascript:` or `file:`
/// action is kept as it is, so the poster refuses it; it never falls back to the page's own
/// URL). A missing or empty action means the page itself, as in a browser.
fn form_action(attr: Option<&str>, page: &Page<'_>) -> String {
    match attr.map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => page
            .base
            .join(a)
            .map_or_else(|_| sanitize::line(a), |u| sanitize::line(u.as_str())),
        None => page.url.to_string(),
    }
}

fn input_type(c: ElementRef<'_>) -> String {
    if c.value().name() == "textarea" {
        return "textarea".into();
    }
    c.value()
        .attr("type")
        .unwrap_or("text")
        .trim()
        .to_ascii_lowercase()
}

/// `required`, `aria-required="true"`, or a `.required` marker in the field's paragraph/label.
fn is_required(c: ElementRef<'_>) -> bool {
    let v = c.value();
    if v.attr("required").is_some() || v.attr("aria-required") == Some("true") {
        return true;
    }
    c.parent().and_then(ElementRef::wrap).is_some_and(|p| {
        p.descendent_elements()
            .any(|e| dom::has_class(e, "required") || dom::has_class(e, "required-field"))
    })
}

/// Links to other comment pages of this post: absolute, fragment stripped, not this page,
/// not comment permalinks (`#comment-N`, e.g. in a "Recent comments" widget) or `#respond`
/// links, not inside a
/// comment and not reply links, in page order without duplicates.
fn comment_pages(page: &Page<'_>, outside: &[ElementRef<'_>]) -> Vec<String> {
    let mut here = page.url.clone();
    here.set_fragment(None);
    let key = post_key(page.url.as_str());
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for a in dom::all_in(
        outside,
        sel!("a[href*=\"/comment-page-\"], a[href*=\"cpage=\"]"),
    ) {
        let Some(href) = a.value().attr("href") else {
            continue;
        };
        let permalink = href
            .split_once('#')
            .is_some_and(|(_, f)| f.starts_with("comment-") || f == "respond");
        if permalink
            || href.contains("replytocom=")
            || a.ancestors()
                .filter_map(ElementRef::wrap)
                .any(is_comment_el)
        {
            continue;
        }
        let Some(url) = dom::abs_url_no_fragment(&page.base, href) else {
            continue;
        };
        if url != here.as_str() && post_key(&url) == key && seen.insert(url.clone()) {
            out.push(url);
        }
    }
    out
}

/// The post a URL belongs to: the part before `/comment-page-N/`, or the URL without its
/// query (keeping `p=`/`page_id=`) and fragment.
fn post_key(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = path.find("/comment-page-").map_or(path, |pos| &path[..pos]);
    let keep: Vec<&str> = query
        .split('&')
        .filter(|kv| kv.starts_with("p=") || kv.starts_with("page_id="))
        .collect();
    format!("{}?{}", path.trim_end_matches('/'), keep.join("&"))
}

fn is_comment_el(e: ElementRef<'_>) -> bool {
    e.value().id().is_some_and(|id| id.starts_with("comment-"))
        && dom::classes(e).any(|c| matches!(c, "comment" | "pingback" | "trackback"))
}
