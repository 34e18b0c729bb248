//! Reading the message out of an answer body: WordPress's `wp_die` page (HTML or JSON), or
//! plain text. Every message comes back cleaned for the terminal, "Error:" prefix removed.

use scraper::{ElementRef, Html, Selector};

/// What an answer body says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyMessage {
    /// Nothing but whitespace.
    Empty,
    /// A `wp_die` error (HTML page or JSON); `status` is `data.status` from JSON, when given.
    WpDie {
        message: String,
        status: Option<u16>,
    },
    /// An ordinary HTML page (not an error page); `title` is its cleaned `<title>`.
    Page { title: String },
    /// Some other text (plain text, unknown JSON), cleaned and cut short.
    Text(String),
}

/// Reads what the body says, guided by the content type when there is one.
pub(crate) fn read_body(content_type: Option<&str>, body: &str) -> BodyMessage {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return BodyMessage::Empty;
    }
    let ct = content_type.unwrap_or_default().to_ascii_lowercase();
    if ct.contains("json") || trimmed.starts_with('{') {
        if let Some(found) = read_json(trimmed) {
            return found;
        }
    }
    let looks_html = ct.contains("html") || trimmed.starts_with('<');
    if looks_html {
        return read_html(trimmed);
    }
    BodyMessage::Text(super::clean(trimmed))
}

/// `{"code":"wp_die","message":"<p>…</p>","data":{"status":N}}` (any code with a message).
fn read_json(body: &str) -> Option<BodyMessage> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let object = value.as_object()?;
    let status = object
        .get("data")
        .and_then(|d| d.get("status"))
        .and_then(serde_json::Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| (100..=599).contains(s));
    let message = match object.get("message") {
        Some(serde_json::Value::String(m)) => fragment_text(m),
        _ => String::new(),
    };
    if message.is_empty() && status.is_none() {
        return Some(BodyMessage::Text(super::clean(body)));
    }
    Some(BodyMessage::WpDie { message, status })
}

/// A `wp_die` page: `div.wp-die-message` (WordPress 5.3+), or `body#error-page` paragraphs
/// without the "« Back" link (older). Anything else is an ordinary page.
fn read_html(body: &str) -> BodyMessage {
    let doc = crate::extract::parse(body);
    if let Some(div) = select_first(&doc, "div.wp-die-message") {
        return BodyMessage::WpDie {
            message: element_message(div),
            status: None,
        };
    }
    if let (Some(page), Some(p_sel)) = (select_first(&doc, "body#error-page"), sel("p")) {
        let parts: Vec<String> = page
            .select(&p_sel)
            .filter(|p| !is_back_link(*p))
            .map(element_message)
            .filter(|t| !t.is_empty())
            .collect();
        let message = if parts.is_empty() {
            element_message(page)
        } else {
            parts.join(" ")
        };
        return BodyMessage::WpDie {
            message,
            status: None,
        };
    }
    let title = select_first(&doc, "title")
        .map(element_message)
        .unwrap_or_default();
    if title.eq_ignore_ascii_case("Comment Submission Failure") {
        let message = select_first(&doc, "body")
            .map(element_message)
            .unwrap_or_default();
        return BodyMessage::WpDie {
            message,
            status: None,
        };
    }
    BodyMessage::Page { title }
}

/// The paragraph holding only WordPress's `javascript:history.back()` link.
fn is_back_link(p: ElementRef<'_>) -> bool {
    sel("a[href*=\"history.back\"]").is_some_and(|a| p.select(&a).next().is_some())
}

fn sel(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn select_first<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let selector = sel(css)?;
    doc.select(&selector).next()
}

/// Text of an HTML fragment (a JSON `message`), cleaned.
pub(crate) fn fragment_text(html: &str) -> String {
    let doc = crate::extract::parse_fragment(html);
    element_message(doc.root_element())
}

fn element_message(el: ElementRef<'_>) -> String {
    strip_error_prefix(&super::clean(&visible_text(el)))
}

/// The text under `el`, without the contents of `script`, `style` and `template` elements.
fn visible_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let hidden = node
            .ancestors()
            .filter_map(|a| a.value().as_element())
            .any(|e| matches!(e.name(), "script" | "style" | "template" | "noscript"));
        if !hidden {
            out.push_str(text);
        }
    }
    out
}

/// "Error: Please fill the required fields." → "Please fill the required fields."
fn strip_error_prefix(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    match lower.strip_prefix("error:") {
        Some(rest) => text[text.len() - rest.len()..].trim_start().to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_message_and_status() {
        let body = r#"{"code":"wp_die","message":"<p>Sorry, comments are closed for this item.<\/p>","data":{"status":403},"additional_errors":[]}"#;
        assert_eq!(
            read_body(Some("application/json; charset=UTF-8"), body),
            BodyMessage::WpDie {
                message: "Sorry, comments are closed for this item.".into(),
                status: Some(403)
            }
        );
    }

    #[test]
    fn old_error_page_without_wp_die_div() {
        let body = "<html><head><title>WordPress &rsaquo; Error</title></head>\
            <body id=\"error-page\"><p><strong>ERROR</strong>: please type a comment.</p>\
            <p><a href='javascript:history.back()'>&laquo; Back</a></p></body></html>";
        assert_eq!(
            read_body(Some("text/html"), body),
            BodyMessage::WpDie {
                message: "please type a comment.".into(),
                status: None
            }
        );
    }

    #[test]
    fn ordinary_page_and_plain_text() {
        let page = "<!DOCTYPE html><html><head><title>My \u{1b}[2JBlog</title></head><body><p>Hi</p></body></html>";
        assert_eq!(
            read_body(None, page),
            BodyMessage::Page {
                title: "My Blog".into()
            }
        );
        assert_eq!(
            read_body(Some("text/plain"), " nope \n"),
            BodyMessage::Text("nope".into())
        );
        assert_eq!(read_body(Some("text/html"), " \n\t"), BodyMessage::Empty);
    }

    #[test]
    fn error_prefix_is_removed() {
        assert_eq!(strip_error_prefix("ERROR: Too long."), "Too long.");
        assert_eq!(strip_error_prefix("Errors happen"), "Errors happen");
    }
}
