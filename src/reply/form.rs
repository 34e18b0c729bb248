//! Building the form-encoded submission from the blog's `CommentForm`, with WordPress's own
//! checks (required identity, lengths, `is_email`) done locally before anything is sent.

use super::{Identity, ReplyError};
use crate::model::CommentForm;
use url::Url;

/// WordPress's length limits, in bytes (`wp_get_comment_fields_max_lengths`, counted with
/// `mb_strlen(…, '8bit')`).
pub const MAX_AUTHOR: usize = 245;
pub const MAX_EMAIL: usize = 100;
pub const MAX_URL: usize = 200;
pub const MAX_COMMENT: usize = 65525;

/// Builds the form-encoded submission: the comment text and identity fields first (the order of
/// WordPress's form), then every other field of the form in page order (nonces, honeypots,
/// `comment_post_ID`), with the parent field set to `parent`, or to "0" for a top-level comment
/// (never the form's default, which is N on a `?replytocom=N` page). Name, email and URL are
/// sent only when the form has those fields; the consent checkbox only when `consent` is true.
/// Values are trimmed as WordPress trims them; lengths and required fields are checked here.
pub fn build_submission(
    form: Option<&CommentForm>,
    parent: Option<&str>,
    body: &str,
    identity: &Identity,
    consent: bool,
) -> Result<Vec<(String, String)>, ReplyError> {
    let form = form.ok_or(ReplyError::Closed)?;
    check_form(form)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(ReplyError::EmptyBody);
    }
    check_len("comment", body, MAX_COMMENT)?;
    let ident = checked_identity(form, identity)?;
    let parent_value = match (
        parent.map(str::trim).filter(|p| !p.is_empty()),
        &form.parent_field,
    ) {
        (Some(_), None) => return Err(ReplyError::NoThreading),
        (Some(p), Some(_)) => p.to_string(),
        (None, _) => "0".to_string(),
    };

    let mut out = own_fields(form, body, ident, consent);
    copy_form_fields(form, &parent_value, &mut out);
    Ok(out)
}

/// The fields the user fills in, in WordPress's form order: text, name, email, URL, consent.
fn own_fields(
    form: &CommentForm,
    body: &str,
    ident: Identity,
    consent: bool,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![(form.text_field.clone(), body.to_string())];
    let fields = [
        (form.name_field.as_ref(), ident.name),
        (form.email_field.as_ref(), ident.email),
        (form.url_field.as_ref(), ident.url),
    ];
    for (field, value) in fields {
        if let Some(field) = field {
            out.push((field.clone(), value.unwrap_or_default()));
        }
    }
    if let (true, Some((name, value))) = (consent, &form.consent_field) {
        let value = if value.is_empty() { "yes" } else { value };
        out.push((name.clone(), value.to_string()));
    }
    out
}

/// Appends every other field of the form in page order, the parent field set to `parent`,
/// then the parent and `comment_post_ID` fields if the page did not list them.
fn copy_form_fields(form: &CommentForm, parent: &str, out: &mut Vec<(String, String)>) {
    let consent_name = form.consent_field.as_ref().map(|(name, _)| name.as_str());
    let ours: Vec<String> = out.iter().map(|(name, _)| name.clone()).collect();
    let mut has_post_id = false;
    for (name, value) in &form.fields {
        if ours.iter().any(|n| n == name) || Some(name.as_str()) == consent_name {
            continue;
        }
        let value = if Some(name) == form.parent_field.as_ref() {
            parent
        } else {
            value
        };
        has_post_id |= name == "comment_post_ID";
        out.push((name.clone(), value.to_string()));
    }
    if let Some(field) = &form.parent_field {
        if !out.iter().any(|(name, _)| name == field) {
            out.push((field.clone(), parent.to_string()));
        }
    }
    if let (false, Some(id)) = (has_post_id, &form.post_id) {
        out.push(("comment_post_ID".to_string(), id.clone()));
    }
}

/// The form must post (not get) to an http(s) URL and name its text field.
fn check_form(form: &CommentForm) -> Result<(), ReplyError> {
    if form.method.trim().eq_ignore_ascii_case("get") {
        return Err(ReplyError::BadForm(
            "it sends comments with GET, not POST".into(),
        ));
    }
    match Url::parse(form.action.trim()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {}
        _ => {
            return Err(ReplyError::BadForm(
                "it has no usable web address to send to".into(),
            ))
        }
    }
    if form.text_field.trim().is_empty() {
        return Err(ReplyError::BadForm("it has no comment text field".into()));
    }
    Ok(())
}

/// The identity values to send (trimmed, empty = absent), after WordPress's checks.
fn checked_identity(form: &CommentForm, identity: &Identity) -> Result<Identity, ReplyError> {
    let pick = |field: &Option<String>, value: &Option<String>| {
        field.as_ref()?;
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let ident = Identity {
        name: pick(&form.name_field, &identity.name),
        email: pick(&form.email_field, &identity.email),
        url: pick(&form.url_field, &identity.url),
    };
    let mut missing = Vec::new();
    if form.needs_name && ident.name.is_none() {
        missing.push("name");
    }
    if form.needs_email && ident.email.is_none() {
        missing.push("email");
    }
    if !missing.is_empty() {
        return Err(ReplyError::MissingIdentity { fields: missing });
    }
    if let Some(name) = &ident.name {
        check_len("name", name, MAX_AUTHOR)?;
    }
    if let Some(email) = &ident.email {
        check_len("email address", email, MAX_EMAIL)?;
        if !is_email(email) {
            return Err(ReplyError::BadEmail(super::clean(email)));
        }
    }
    if let Some(url) = &ident.url {
        check_len("website address", url, MAX_URL)?;
    }
    Ok(ident)
}

fn check_len(what: &'static str, value: &str, max: usize) -> Result<(), ReplyError> {
    if value.len() > max {
        return Err(ReplyError::TooLong {
            what,
            max,
            len: value.len(),
        });
    }
    Ok(())
}

/// WordPress's `is_email()`: at least 6 bytes, `local@domain`, a restricted local part, a
/// domain of two or more dot-separated labels of letters, digits and inner hyphens.
pub fn is_email(email: &str) -> bool {
    if email.len() < 6 {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok || domain.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Whether it is safe to send the identity to `form_action` for a post the user chose to read
/// at `post_url`: the same site, that is both http(s), the same host (ignoring case, a trailing
/// dot and a leading "www."), the same scheme and the same port. The one exception is an
/// upgrade from `http` on port 80 to `https` on port 443 of that host. Another port can be
/// another service, and a downgrade to `http` would send the identity in the clear.
pub fn same_host(form_action: &str, post_url: &str) -> bool {
    let (Ok(action), Ok(post)) = (Url::parse(form_action.trim()), Url::parse(post_url.trim()))
    else {
        return false;
    };
    let web = |u: &Url| matches!(u.scheme(), "http" | "https");
    if !web(&action) || !web(&post) {
        return false;
    }
    let host = |u: &Url| {
        let h = u
            .host_str()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
    };
    let (a, p) = (host(&action), host(&post));
    if a.is_empty() || a != p {
        return false;
    }
    let same = action.scheme() == post.scheme()
        && action.port_or_known_default() == post.port_or_known_default();
    let upgrade = post.scheme() == "http"
        && action.scheme() == "https"
        && post.port_or_known_default() == Some(80)
        && action.port_or_known_default() == Some(443);
    same || upgrade
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn is_email_follows_wordpress() {
        for good in [
            "carol@example.org",
            "a.b+c@mail.example.co.uk",
            "x@y.zz",
            "O'Neil@Ex-1.org",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "a@b.c",
            "carol@localhost",
            "@example.org",
            "carol@@example.org",
            "car ol@example.org",
            "carol@-example.org",
            "carol@example..org",
            "carol@.example.org",
            "carol@example.org.",
            "carol@exa_mple.org",
            "carol",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
