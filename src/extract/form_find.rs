//! Comment forms found by structure on any page, not by one id: a POST form with a visible
//! textarea and a name or email field, that says it is for comments (its id, class, name or
//! action mentions comments, or it carries a known system's fields). Covers Drupal 7/8+
//! (`comment-form`, `comment_body[…][value]`, `name`/`mail`/`homepage`, `form_build_id`),
//! Movable Type (`mt-comments.cgi`, `author`/`email`/`url`/`text`), Serendipity
//! (`serendipity[name]`…), Dotclear (`c_name`/`c_mail`/`c_site`/`c_content`) and SPIP
//! (`formulaire_forum`, `session_nom`/`session_email`/`url_site`/`texte`), and wpDiscuz's own
//! form (src/extract/form_wpdiscuz.rs).

use super::dom::{self, sel};
use super::{form_usable, form_wpdiscuz, wp_form, Page};
use crate::model::Post;
use scraper::ElementRef;

/// What a form field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Text,
    Name,
    Email,
    Url,
}

/// The role of a field by its name, across the systems above (WordPress first).
pub fn role(name: &str) -> Option<Role> {
    Some(match name {
        "comment" | "text" | "texte" | "c_content" | "serendipity[comment]" => Role::Text,
        n if n.starts_with("comment_body[") && n.ends_with("[value]") => Role::Text,
        "author" | "name" | "c_name" | "serendipity[name]" | "session_nom" => Role::Name,
        "email" | "mail" | "c_mail" | "serendipity[email]" | "session_email" => Role::Email,
        "url" | "homepage" | "c_site" | "serendipity[url]" | "url_site" => Role::Url,
        _ => return None,
    })
}

/// Fills `reply_form` (and `reply_in_browser`) from a form found by structure, for pages whose
/// engine found none and that load no comment system.
pub fn fill(post: &mut Post, page: &Page<'_>) {
    // wpDiscuz replaces WordPress's form (which then looks closed) with its own.
    if post.reply_form.is_none() && post.comment_system.is_none() {
        if let Some(found) = form_wpdiscuz::read(page) {
            post.comments_closed = found.form.is_none() && found.in_browser.is_none();
            post.reply_form = found.form;
            post.reply_in_browser = found.in_browser;
            return;
        }
    }
    // An engine's own verdict (a form, a sign-in wall, comments closed) stands.
    if post.reply_form.is_some()
        || post.comment_system.is_some()
        || post.reply_in_browser.is_some()
        || post.comments_closed
    {
        return;
    }
    let root = page.doc.root_element();
    let Some(form) = dom::all(root, sel!("form"))
        .into_iter()
        .take(64)
        .find(|f| is_comment_form(*f))
    else {
        return;
    };
    post.reply_form = Some(wp_form::read_form(form, page));
    let scripts = dom::all(root, sel!("script"));
    post.reply_in_browser = form_usable::obstacle(Some(form), &scripts, false);
}

fn is_comment_form(form: ElementRef<'_>) -> bool {
    let v = form.value();
    if v.attr("method")
        .is_some_and(|m| !m.trim().eq_ignore_ascii_case("post"))
    {
        return false;
    }
    let controls = dom::all(form, sel!("input[name], textarea[name]"));
    let has = |r: Role| {
        controls
            .iter()
            .any(|c| c.value().attr("name").and_then(role) == Some(r) && !form_usable::honeypot(*c))
    };
    let textarea = controls
        .iter()
        .any(|c| c.value().name() == "textarea" && !form_usable::honeypot(*c));
    if !textarea || !(has(Role::Name) || has(Role::Email)) {
        return false;
    }
    let says = |s: Option<&str>| {
        s.is_some_and(|s| {
            let s = s.to_ascii_lowercase();
            s.contains("comment") || s.contains("formulaire_forum")
        })
    };
    says(v.attr("id"))
        || says(v.attr("class"))
        || says(v.attr("name"))
        || says(v.attr("action"))
        || controls.iter().any(|c| {
            c.value().attr("name").is_some_and(|n| {
                n.starts_with("comment_body[") || n == "serendipity[comment]" || n == "c_content"
            })
        })
        || form
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .any(|a| says(a.value().attr("id")) || says(a.value().attr("class")))
}
