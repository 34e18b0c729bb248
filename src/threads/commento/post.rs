//! Anonymous replies to Commento / Commento++ and Comentario, with the config identity.
//!
//! - Commento (adtac/commento, souramoo/commentoplusplus: api/comment_new.go
//!   `commentNewHandler`): `POST {origin}/api/comment/new` with `{commenterToken: "anonymous",
//!   anonName, domain, path, parentHex ("root" for top level), markdown}`; every field must be
//!   present (api/utils_http.go `bodyUnmarshal` answers "One or more field(s) empty." for a
//!   missing one). Commento++ requires `anonName` (and names the commenter with it); Commento
//!   ignores it. The answer is HTTP 200 either way: `{success: true, commentHex, state, html}`
//!   with `state` "approved", "unapproved" (moderation) or "flagged" (spam filter), or
//!   `{success: false, message}` (anonymous not allowed, frozen domain, locked thread, …).
//! - Comentario (ray5273/comentario, a mirror of gitlab.com/comentario/comentario:
//!   resources/swagger/swagger.yml `EmbedCommentNew`; internal/api/restapi/handlers/
//!   embed_comment.go `EmbedCommentNew`): `PUT {base}/api/embed/comments` with `{host, path,
//!   unregistered: true, authorName, parentId, markdown}`; 200 `{comment: {id, isApproved,
//!   isPending, …}, commenter}`. The page must exist ("one has to list existing comments prior
//!   to adding a new one"), so parlor lists first (`POST /api/embed/comments`, which upserts the
//!   page) and reads `pageInfo.authAnonymous` and the read-only flags before sending the name.

use super::{host_path, COMENTARIO_NAME, NAME};
use crate::model::CommentSystem;
use crate::net::ApiAnswer;
use crate::threads::common;
use crate::threads::selfhosted as sh;
use crate::threads::{Ctx, Posted, ProviderError, Reply};
use serde::Deserialize;
use url::Url;

/// Commento's `errorNotAuthorised` (api/errors.go), answered to an anonymous comment when the
/// domain has `requireIdentification` set.
const NOT_AUTHORISED: &str = "You're not authorised to access that.";
/// Commento's `errorInternal` (api/errors.go): the insert failed, or something else did.
const INTERNAL: &str = "An internal error has occurred";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentoNew {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    comment_hex: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

/// Says what came of `POST /api/comment/new` from Commento's status and body.
pub fn classify_commento(answer: &ApiAnswer, url: &Url) -> Result<Posted, ProviderError> {
    if !answer.is_success() {
        // Commento itself answers 200; another status comes from a proxy in front of it.
        return Err(sh::failure(NAME, answer, url, &sh::words(&answer.body)));
    }
    let got: CommentoNew = sh::parse(NAME, answer)?;
    if got.success != Some(true) {
        let message = got.message.as_deref().map(sh::clean).unwrap_or_default();
        return Err(if got.success.is_none() {
            sh::unknown(
                NAME,
                "it answered without saying whether the comment was added",
            )
        } else if message == NOT_AUTHORISED {
            sh::refused(
                NAME,
                format!("this site takes comments only from signed-in commenters, not anonymous ones ({message})"),
            )
        } else if message.starts_with(INTERNAL) {
            sh::unknown(NAME, format!("it reported an internal error ({message})"))
        } else if message.is_empty() {
            sh::refused(NAME, "it said the comment failed, without a reason")
        } else {
            sh::refused(NAME, message)
        });
    }
    let id = got
        .comment_hex
        .filter(|h| !h.trim().is_empty())
        .ok_or_else(|| sh::unknown(NAME, "it said success but gave no comment id"))?;
    match got.state.as_deref() {
        Some("approved") => Ok(Posted::Published { id, url: None }),
        Some("unapproved") => Ok(Posted::Held { id: Some(id), url: None }),
        // The widget says "Your comment was flagged as spam and is under moderation."
        // (frontend/js/commento.js `commentNew`): not shown, and not a reply that went through.
        Some("flagged") => Err(sh::refused(
            NAME,
            format!("its spam filter flagged the comment (id {id}): it is not shown and waits for a moderator; sending it again will not help"),
        )),
        other => Err(sh::unknown(
            NAME,
            format!(
                "it added comment {id} in state {:?}, neither approved nor held",
                other.unwrap_or("")
            ),
        )),
    }
}

pub(super) fn post_commento(
    ctx: &Ctx<'_>,
    base: &Url,
    system: &CommentSystem,
    page: &Url,
    reply: &Reply,
) -> Result<Posted, ProviderError> {
    let (domain, path) = host_path(system, page);
    let url = common::endpoint(base, "api/comment/new");
    let body = serde_json::json!({
        "commenterToken": "anonymous",
        "anonName": sh::given(reply.name.as_deref()).unwrap_or(""),
        "domain": domain,
        "path": path,
        "parentHex": sh::parent(reply.parent.as_deref()).unwrap_or("root"),
        "markdown": reply.text,
    });
    let answer = sh::send(ctx, &sh::json("POST", url.clone(), &body))?;
    classify_commento(&answer, &url)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComentarioPage {
    #[serde(default)]
    page_info: Option<PageInfo>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    #[serde(default)]
    auth_anonymous: Option<bool>,
    #[serde(default)]
    is_domain_readonly: bool,
    #[serde(default)]
    is_page_readonly: bool,
}

#[derive(Deserialize)]
struct ComentarioNew {
    comment: ComentarioCreated,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComentarioCreated {
    id: String,
    #[serde(default)]
    is_approved: bool,
    #[serde(default)]
    is_pending: bool,
}

/// Comentario's error body (`exmodels.Error {id, message, details}`, internal/api/exmodels/
/// error.go; go-swagger's validation errors carry `{code, message}`), as one line.
fn comentario_words(body: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return sh::words(body);
    };
    let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(sh::clean);
    match (get("message"), get("details")) {
        (Some(m), Some(d)) if !d.is_empty() => format!("{m} ({d})"),
        (Some(m), _) => m,
        (None, _) => get("id").unwrap_or_default(),
    }
}

/// Says what came of `PUT /api/embed/comments` from Comentario's status and body.
pub fn classify_comentario(answer: &ApiAnswer, url: &Url) -> Result<Posted, ProviderError> {
    let p = COMENTARIO_NAME;
    if !answer.is_success() {
        let words = comentario_words(&answer.body);
        // 401 `unauthenticated`: the domain does not allow anonymous comments
        // (`Verifier.UserIsAuthenticated` when `!domain.AuthAnonymous`).
        if answer.status == 401 {
            return Err(sh::refused(
                p,
                format!("this site takes comments only from signed-in commenters, not anonymous ones ({words})"),
            ));
        }
        return Err(sh::failure(p, answer, url, &words));
    }
    let got: ComentarioNew = sh::parse(p, answer)?;
    let id = got.comment.id;
    match (got.comment.is_approved, got.comment.is_pending) {
        (true, false) => Ok(Posted::Published { id, url: None }),
        (_, true) => Ok(Posted::Held {
            id: Some(id),
            url: None,
        }),
        (false, false) => Err(sh::unknown(
            p,
            format!("it added comment {id}, neither approved nor pending"),
        )),
    }
}

pub(super) fn post_comentario(
    ctx: &Ctx<'_>,
    base: &Url,
    system: &CommentSystem,
    page: &Url,
    reply: &Reply,
) -> Result<Posted, ProviderError> {
    let p = COMENTARIO_NAME;
    let (host, path) = host_path(system, page);
    let url = common::endpoint(base, "api/embed/comments");
    // List first: it creates the page record the PUT needs, and says whether anonymous
    // comments are allowed here before the name is sent.
    let list_body = serde_json::json!({"host": host, "path": path});
    let listed = sh::send(ctx, &sh::json("POST", url.clone(), &list_body))?;
    if !listed.is_success() {
        return Err(sh::failure(
            p,
            &listed,
            &url,
            &comentario_words(&listed.body),
        ));
    }
    let info = serde_json::from_slice::<ComentarioPage>(&listed.body)
        .ok()
        .and_then(|l| l.page_info);
    if let Some(info) = info {
        if info.auth_anonymous == Some(false) {
            return Err(sh::refused(
                p,
                "this site takes comments only from signed-in commenters, not anonymous ones; nothing was sent",
            ));
        }
        if info.is_domain_readonly || info.is_page_readonly {
            return Err(sh::refused(
                p,
                "the comments here are read-only; nothing was sent",
            ));
        }
    }
    let mut body = serde_json::json!({
        "host": host,
        "path": path,
        "unregistered": true,
        "markdown": reply.text,
    });
    if let Some(name) = sh::given(reply.name.as_deref()) {
        // `authorName` has `maxLength: 63` (swagger.yml); a longer one is refused with 422.
        body["authorName"] = serde_json::Value::String(name.to_string());
    }
    if let Some(parent) = sh::parent(reply.parent.as_deref()) {
        body["parentId"] = serde_json::Value::String(parent.to_string());
    }
    let answer = sh::send(ctx, &sh::json("PUT", url.clone(), &body))?;
    classify_comentario(&answer, &url)
}
