//! Whether a comment form can be used from a terminal, decided before the user types: captchas,
//! fields only a script fills, sign-in walls (the reason for "reply in browser: …"), and which
//! controls are honeypots (hidden traps a person never fills; parlor never fills them either).
//!
//! Decisions: only the form's own markup counts for captchas (a captcha script elsewhere on the
//! page often serves a contact form, not comments); an empty hidden field that an inline script
//! fills counts, except Akismet's `ak_js` (Akismet only scores a missing value).

use super::dom::{self, sel};
use scraper::ElementRef;

/// Longest inline script text read (per script) when looking for script-filled fields.
const SCRIPT_CAP: usize = 64 * 1024;
/// At most this many inline scripts, and this many empty hidden fields, are compared.
const MAX_SCRIPTS: usize = 64;
const MAX_HIDDEN: usize = 32;
/// Ancestors looked at (within the form) for a hiding style.
const HIDE_DEPTH: usize = 6;

/// Captcha markers in a form: (class or name fragment, what to call it).
const CAPTCHAS: &[(&str, &str)] = &[
    // Google reCAPTCHA: `<div class="g-recaptcha">`, answer field `g-recaptcha-response`.
    ("g-recaptcha", "a reCAPTCHA"),
    // hCaptcha: `<div class="h-captcha">`, answer field `h-captcha-response`.
    ("h-captcha", "an hCaptcha"),
    // Cloudflare Turnstile: `<div class="cf-turnstile">`, `cf-turnstile-response`.
    ("cf-turnstile", "a Cloudflare Turnstile check"),
    // Friendly Captcha: `<div class="frc-captcha">`.
    ("frc-captcha", "a Friendly Captcha"),
];

/// Script sources that load a captcha widget.
const CAPTCHA_SCRIPTS: &[(&str, &str)] = &[
    ("/recaptcha/", "a reCAPTCHA"),
    ("hcaptcha.com", "an hCaptcha"),
    (
        "challenges.cloudflare.com/turnstile",
        "a Cloudflare Turnstile check",
    ),
];

/// Why this form cannot be used from a terminal, or `None`. `login` is true when the page
/// shows a sign-in wall instead of (or around) the form; `outside` is every element outside the
/// comments, for inline scripts.
pub fn obstacle(
    form: Option<ElementRef<'_>>,
    outside: &[ElementRef<'_>],
    login: bool,
) -> Option<String> {
    if login {
        return Some("this blog asks you to log in to comment".into());
    }
    let form = form?;
    if let Some(kind) = captcha(form) {
        return Some(format!("this blog asks for {kind}"));
    }
    script_filled(form, outside).map(|name| {
        format!(
            "this blog's form needs a value its script fills in ({name}), which parlor cannot run"
        )
    })
}

fn captcha(form: ElementRef<'_>) -> Option<&'static str> {
    for el in form.descendent_elements() {
        let v = el.value();
        let name = v.attr("name").unwrap_or("").to_ascii_lowercase();
        let id = v.attr("id").unwrap_or("").to_ascii_lowercase();
        for (marker, kind) in CAPTCHAS {
            if dom::has_class(el, marker) || name.starts_with(marker) {
                return Some(kind);
            }
        }
        if v.name() == "script" {
            let src = v.attr("src").unwrap_or("").to_ascii_lowercase();
            if let Some((_, kind)) = CAPTCHA_SCRIPTS.iter().find(|(m, _)| src.contains(m)) {
                return Some(kind);
            }
        }
        if v.name() == "img" {
            let src = v.attr("src").unwrap_or("").to_ascii_lowercase();
            let class = v.attr("class").unwrap_or("").to_ascii_lowercase();
            if src.contains("captcha") || class.contains("captcha") || id.contains("captcha") {
                return Some("an image captcha");
            }
        }
        // Math and text captchas: Really Simple CAPTCHA / SI CAPTCHA `captcha_code`, BestWebSoft
        // Captcha `cptch_number`, and the like.
        if matches!(v.name(), "input" | "select")
            && (name.contains("captcha") || name.starts_with("cptch") || id.contains("captcha"))
        {
            return Some("a captcha");
        }
    }
    None
}

/// The first empty hidden field of the form that an inline script on the page fills in.
fn script_filled(form: ElementRef<'_>, outside: &[ElementRef<'_>]) -> Option<String> {
    let hidden: Vec<(String, String)> = dom::all(form, sel!("input[type]"))
        .into_iter()
        .filter(|i| {
            i.value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"))
                && i.value().attr("value").unwrap_or("").trim().is_empty()
        })
        .filter_map(|i| {
            let name = i.value().attr("name")?.to_string();
            (name != "ak_js").then(|| (name, i.value().attr("id").unwrap_or("").to_string()))
        })
        .take(MAX_HIDDEN)
        .collect();
    if hidden.is_empty() {
        return None;
    }
    let scripts: Vec<String> = outside
        .iter()
        .filter(|e| e.value().name() == "script")
        .filter(|s| s.value().attr("src").is_none())
        .take(MAX_SCRIPTS)
        .map(|s| {
            let t: String = s.text().collect();
            let mut end = t.len().min(SCRIPT_CAP);
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            t[..end].to_string()
        })
        .collect();
    hidden.into_iter().find_map(|(name, id)| {
        let quoted = |k: &str| !k.is_empty() && scripts.iter().any(|s| quotes(s, k));
        (quoted(&name) || quoted(&id)).then(|| crate::extract::sanitize::line(&name))
    })
}

/// `text` names `key` in quotes (`"key"`, `'key'`, `[name=key]`).
fn quotes(text: &str, key: &str) -> bool {
    ["\"", "'", "="].iter().any(|q| {
        text.match_indices(key).any(|(at, _)| {
            text[..at].ends_with(q)
                && text[at + key.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, '"' | '\'' | ']'))
        })
    })
}

/// A control a person never sees or fills: `aria-hidden`, the `hidden` attribute, or a hiding
/// style (`display:none`, `visibility:hidden`, `clip:rect(1px…)`, off-screen) on it or a close
/// ancestor, or a field kept out of both the keyboard and autofill (`tabindex="-1"` with
/// `autocomplete="off"`, the mark of traps hidden by a stylesheet class, which parlor does not
/// read). Antispam Bee's trap (`aria-label="hp-comment"`, a clipped `comment` textarea),
/// Akismet's (`ak_hp_textarea` in a `display: none` paragraph) and a class-hidden `homepage`
/// input in an `aria-hidden` paragraph (scripts/wp/honeypot.php) are all caught.
pub fn honeypot(el: ElementRef<'_>) -> bool {
    let v = el.value();
    // Hidden inputs carry the server's values (nonces, `ak_js`), wherever they sit.
    if v.name() == "input"
        && v.attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"))
    {
        return false;
    }
    if v.attr("aria-hidden") == Some("true")
        || v.attr("aria-label").is_some_and(|l| l.starts_with("hp-"))
        || v.attr("name")
            .is_some_and(|n| n.contains("_hp_") || n.contains("honeypot"))
    {
        return true;
    }
    let no_keyboard = v.attr("tabindex").is_some_and(|t| t.trim() == "-1");
    let no_autofill = v
        .attr("autocomplete")
        .is_some_and(|a| matches!(a.trim().to_ascii_lowercase().as_str(), "off" | "nope"));
    if no_keyboard && no_autofill {
        return true;
    }
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take(HIDE_DEPTH)
        .take_while(|e| e.value().name() != "form")
        .any(|e| {
            let v = e.value();
            v.attr("hidden").is_some()
                || v.attr("aria-hidden").is_some_and(|a| a.trim() == "true")
                || hides(v.attr("style"))
        })
}

fn hides(style: Option<&str>) -> bool {
    let Some(style) = style else { return false };
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none")
        || s.contains("visibility:hidden")
        || s.contains("clip:rect(1px,1px,1px,1px)")
        || s.contains("left:-9999")
        || s.contains("left:-999em")
}
