//! The embeds of the self-hosted and platform comment systems (Remark42, Commento/Comentario,
//! Cusdis, Discourse, Ghost, Mastodon, Hyvor, Facebook, Substack, Hashnode, dev.to, webmentions),
//! found the way [`super::embeds`] finds Disqus, giscus, utterances and Isso.

use super::embeds::{origin, system, Ctx};
use super::embeds_scan::{js_object, js_value};
use crate::model::CommentSystem;

/// Remark42: `var remark_config = {host, site_id, url}`; `url` defaults to `location.href`
/// without its fragment (`umputun/remark42` embed: `(remark_config.url ||
/// window.location.href).split('#')[0]`); no `site_id`, no comments ("Site ID is undefined").
pub(super) fn remark42(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let cfg = js_object(ctx.inline, "remark_config")?;
    let mut s = system("remark42");
    s.server = js_value(cfg, "host");
    s.site = js_value(cfg, "site_id");
    let url = js_value(cfg, "url").unwrap_or_else(|| ctx.href().to_string());
    s.thread = Some(url.clone());
    s.url = Some(url);
    Some(s)
}

/// Commento (`commento.js`, `#commento[data-page-id]`) and Comentario (`comentario.js`,
/// `<comentario-comments page-id>`): origin from the script, path from the page id or the page.
pub(super) fn commento(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let (name, src, page_id) = if let Some((_, src)) = ctx.script_src("comentario.js") {
        let id = ctx
            .first("comentario-comments")
            .and_then(|e| e.value().attr("page-id"));
        ("comentario", src, id)
    } else {
        let (el, src) = ctx.script_src("commento.js")?;
        let id = ctx
            .first("#commento")
            .and_then(|e| e.value().attr("data-page-id"))
            .or_else(|| el.value().attr("data-page-id"));
        ("commento", src, id)
    };
    let mut s = system(name);
    s.server = Some(origin(&src));
    s.site = ctx.page.url.host_str().map(str::to_string);
    s.thread = Some(page_id.map_or_else(|| ctx.page.url.path().to_string(), str::to_string));
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// Cusdis: `#cusdis_thread[data-host][data-app-id][data-page-id]` (`djyde/cusdis` README).
pub(super) fn cusdis(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = ctx.first("#cusdis_thread")?;
    let a = |n: &str| el.value().attr(n).map(str::to_string);
    let mut s = system("cusdis");
    s.server = a("data-host").or_else(|| Some("https://cusdis.com".into()));
    s.site = a("data-app-id");
    s.thread = a("data-page-id");
    s.url = a("data-page-url").or_else(|| Some(ctx.href().to_string()));
    Some(s)
}

/// Discourse: `DiscourseEmbed = { discourseUrl, discourseEmbedUrl | topicId }`
/// (`discourse/discourse:public/javascripts/embed.js` reads those keys).
pub(super) fn discourse(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let cfg = js_object(ctx.inline, "DiscourseEmbed")?;
    let mut s = system("discourse");
    s.server = js_value(cfg, "discourseUrl");
    s.url = js_value(cfg, "discourseEmbedUrl").or_else(|| Some(ctx.href().to_string()));
    s.thread = js_value(cfg, "topicId");
    Some(s)
}

/// Ghost native comments: `<script data-ghost-comments="SITE" data-post-id=… data-key=…>`
/// (`TryGhost/Ghost:apps/comments-ui`).
pub(super) fn ghost(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = ctx.first("script[data-ghost-comments]")?;
    let a = |n: &str| el.value().attr(n).map(str::to_string);
    let mut s = system("ghost");
    s.server = a("data-ghost-comments")
        .and_then(|v| ctx.page.base.join(&v).ok())
        .map(|u| u.to_string());
    s.thread = a("data-post-id");
    if let Some(k) = a("data-key") {
        s.extra.insert("key".into(), k);
    }
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// `<mastodon-comments host user tootId>` (`dpecos/mastodon-comments`).
pub(super) fn mastodon(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = ctx.first("mastodon-comments")?;
    let a = |n: &str| el.value().attr(n).map(str::to_string);
    let mut s = system("mastodon");
    s.server = a("host").map(|h| format!("https://{}", h.trim_end_matches('/')));
    s.site = a("user");
    s.thread = a("tootid");
    Some(s)
}

/// Hyvor Talk: `<hyvor-talk-comments website-id page-id>`.
pub(super) fn hyvor(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = ctx.first("hyvor-talk-comments")?;
    let mut s = system("hyvor");
    s.site = el.value().attr("website-id").map(str::to_string);
    s.thread = el.value().attr("page-id").map(str::to_string);
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// CommentBox.io: its script (`unpkg.com/commentbox.io/dist/commentBox.min.js`, the install
/// snippet of forward-motion/commentbox.io's README) or its WordPress plugin's inline options
/// (`commentBoxIoOptions`); the project id from `commentBox('ID')` or `"project-id":"ID"`.
/// Named only: it has no public read API.
pub(super) fn commentbox(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let js = ctx.inline;
    let by_script = ctx.script_src("commentbox.io").is_some();
    if !by_script && !js.contains("commentBoxIoOptions") {
        return None;
    }
    let mut s = system("commentbox");
    s.site = ["commentBox('", "commentBox(\"", "\"project-id\":\""]
        .iter()
        .find_map(|k| {
            let at = js.find(k)? + k.len();
            let id: String = js[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(64)
                .collect();
            (!id.is_empty()).then_some(id)
        });
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// The Facebook comments plugin: `div.fb-comments[data-href]`.
pub(super) fn facebook(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = ctx.first(".fb-comments")?;
    let mut s = system("facebook");
    s.url = el
        .value()
        .attr("data-href")
        .map(str::to_string)
        .or_else(|| Some(ctx.href().to_string()));
    Some(s)
}

/// Substack: the post id in the preloaded state (`"post":{"id":N`, or escaped) on a
/// substack.com host or with Substack's CDN in its scripts.
pub(super) fn substack(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let js = ctx.inline;
    let id = ["\"post\":{\"id\":", "\\\"post\\\":{\\\"id\\\":"]
        .iter()
        .find_map(|k| {
            let at = js.find(k)? + k.len();
            let n: String = js[at..].chars().take_while(char::is_ascii_digit).collect();
            (!n.is_empty()).then_some(n)
        })?;
    let host = ctx.page.url.host_str().unwrap_or_default();
    let on_substack = host == "substack.com"
        || host.ends_with(".substack.com")
        || ctx.script_src("substackcdn.com").is_some()
        || js.contains("substackcdn.com");
    if !on_substack {
        return None;
    }
    let mut s = system("substack");
    s.server = Some(origin(ctx.page.url));
    s.thread = Some(id);
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// Hashnode: a `*.hashnode.dev` host or Hashnode's scripts; the post is found by host and slug
/// (the last path segment).
pub(super) fn hashnode(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let host = ctx.page.url.host_str().unwrap_or_default();
    if !host.ends_with(".hashnode.dev") && ctx.script_src("hashnode.com").is_none() {
        return None;
    }
    let mut s = system("hashnode");
    s.site = ctx.page.url.host_str().map(str::to_string);
    s.thread = ctx
        .page
        .url
        .path_segments()
        .and_then(|mut p| p.rfind(|x| !x.is_empty()).map(str::to_string));
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// dev.to (Forem): an article page names its id in `data-article-id`.
pub(super) fn devto(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let id = ctx
        .first("[data-article-id]")?
        .value()
        .attr("data-article-id")?;
    let host = ctx.page.url.host_str()?;
    if host != "dev.to" && ctx.script_src("forem").is_none() && !ctx.page.html.contains("forem") {
        return None;
    }
    let mut s = system("devto");
    s.server = Some(origin(ctx.page.url));
    s.thread = Some(id.to_string());
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// Webmentions: `<link rel="webmention" href=…>`; the target is the page itself.
pub(super) fn webmention(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let link = ctx.first("link[rel=webmention]")?;
    let endpoint = ctx.page.base.join(link.value().attr("href")?.trim()).ok()?;
    let mut s = system("webmention");
    s.server = Some(endpoint.to_string());
    s.url = Some(super::meta::canonical(ctx.page).unwrap_or_else(|| ctx.href().to_string()));
    s.thread = s.url.clone();
    Some(s)
}
