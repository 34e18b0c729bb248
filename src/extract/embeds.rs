//! Which comment system a page embeds (Disqus, giscus, utterances, Isso, …), found without
//! running scripts: script sources, data attributes, custom elements and inline config variables.
//! Each [`CommentSystem`] carries the ids its provider needs, and the thread key derived by that
//! system's own mapping rule (each rule cites the client code it follows). Pure: no network.

use super::embeds_scan::{js_object, js_value};
use super::{dom, dom::sel, sanitize, Page};
use crate::model::CommentSystem;
use scraper::ElementRef;
use std::collections::BTreeMap;
use url::Url;

/// The comment system the page embeds, when it embeds one (first in a fixed order of systems).
pub fn detect(page: &Page<'_>) -> Option<CommentSystem> {
    let root = page.doc.root_element();
    let scripts = dom::all(root, sel!("script"));
    let inline: String = scripts
        .iter()
        .filter(|s| s.value().attr("src").is_none())
        .map(|s| s.text().collect::<String>() + "\n")
        .collect();
    let ctx = Ctx {
        page,
        root,
        scripts: &scripts,
        inline: &inline,
    };
    let found = [
        disqus, giscus, utterances, isso, remark42, commento, cusdis, discourse, ghost, mastodon,
        hyvor, facebook, substack, hashnode, devto, webmention,
    ]
    .iter()
    .find_map(|f| f(&ctx))?;
    Some(clean(found))
}

struct Ctx<'a, 'p> {
    page: &'a Page<'p>,
    root: ElementRef<'a>,
    scripts: &'a [ElementRef<'a>],
    inline: &'a str,
}

impl Ctx<'_, '_> {
    /// The first script whose `src` contains `needle` (case-insensitive).
    fn script_src(&self, needle: &str) -> Option<(ElementRef<'_>, Url)> {
        self.scripts.iter().find_map(|s| {
            let src = s.value().attr("src")?;
            if !src.to_ascii_lowercase().contains(needle) {
                return None;
            }
            Some((*s, self.page.base.join(src.trim()).ok()?))
        })
    }

    /// The page URL without its fragment (what a browser's `location.href` gives the embed).
    fn href(&self) -> Url {
        let mut u = self.page.url.clone();
        u.set_fragment(None);
        u
    }
}

fn system(name: &str) -> CommentSystem {
    CommentSystem {
        name: name.to_string(),
        ..CommentSystem::default()
    }
}

fn origin(u: &Url) -> String {
    u.origin().ascii_serialization()
}

/// Every id goes through `sanitize::line` (they reach the screen and `dump`); empty ones drop.
fn clean(mut s: CommentSystem) -> CommentSystem {
    let tidy = |v: Option<String>| v.map(|v| sanitize::line(&v)).filter(|v| !v.is_empty());
    s.server = tidy(s.server);
    s.site = tidy(s.site);
    s.thread = tidy(s.thread);
    s.url = tidy(s.url);
    s.extra = s
        .extra
        .into_iter()
        .map(|(k, v)| (k, sanitize::line(&v)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    s
}

/// `location.pathname` mapped as giscus and utterances do: `index` for `/`, else without the
/// leading `/` and without a final `.ext` (`giscus/giscus:client.ts`, `pathname` case;
/// `utterance/utterances:src/client.ts`, `attrs.pathname`).
pub fn pathname_term(url: &Url) -> String {
    let path = url.path();
    if path.len() < 2 {
        return "index".to_string();
    }
    let trimmed = &path[1..];
    match trimmed.rfind('.') {
        Some(dot)
            if dot + 1 < trimmed.len()
                && trimmed[dot + 1..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
        {
            trimmed[..dot].to_string()
        }
        _ => trimmed.to_string(),
    }
}

fn title(ctx: &Ctx<'_, '_>) -> String {
    dom::first(ctx.root, sel!("title"))
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default()
}

/// Disqus: `SHORT.disqus.com/embed.js`, `disqus_shortname`, `disqus_config`
/// (`this.page.identifier/url`), old `disqus_identifier`/`disqus_url`, and the WordPress plugin's
/// `embedVars` (`disqusShortname`, `disqusIdentifier`, `disqusUrl`). Thread: the identifier when
/// set, else the URL, which DisqusJS defaults to origin + pathname + search
/// (`SukkaW/DisqusJS:src/components/Disscussion.tsx`).
fn disqus(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let js = ctx.inline;
    let from_src = ctx.script_src(".disqus.com/embed.js").and_then(|(_, u)| {
        let host = u.host_str()?;
        host.strip_suffix(".disqus.com").map(str::to_string)
    });
    let short = from_src
        .or_else(|| shortname_in_text(js))
        .or_else(|| js_value(js, "disqus_shortname"))
        .or_else(|| js_value(js, "disqusShortname"));
    let has_div = dom::first(ctx.root, sel!("#disqus_thread")).is_some();
    let short = match short {
        Some(s) => s,
        None if has_div => String::new(),
        None => return None,
    };
    let mut s = system("disqus");
    s.site = Some(short);
    s.thread = js_value(js, "this.page.identifier")
        .or_else(|| js_value(js, "disqus_identifier"))
        .or_else(|| js_value(js, "disqusIdentifier"));
    let url = js_value(js, "this.page.url")
        .or_else(|| js_value(js, "disqus_url"))
        .or_else(|| js_value(js, "disqusUrl"))
        .and_then(|u| ctx.page.base.join(&u).ok())
        .unwrap_or_else(|| ctx.href());
    s.url = Some(url.to_string());
    if let Some(t) = js_value(js, "this.page.title").or_else(|| js_value(js, "disqusTitle")) {
        s.extra.insert("title".into(), t);
    }
    Some(s)
}

/// The universal embed code builds the script in JS: `s.src = 'https://SHORT.disqus.com/embed.js'`.
fn shortname_in_text(js: &str) -> Option<String> {
    let at = js.find(".disqus.com/embed.js")?;
    let head = &js[..at];
    let start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map_or(0, |i| i + 1);
    let short = &head[start..];
    (!short.is_empty()).then(|| short.to_string())
}

/// giscus: `<script src=…/client.js data-repo …>` (giscus.app or self-hosted) or the
/// `<giscus-widget>` element. Term by `data-mapping`, as `giscus/giscus:client.ts` computes it.
fn giscus(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let (attrs, server): (BTreeMap<String, String>, String) = if let Some((el, src)) =
        ctx.scripts.iter().find_map(|s| {
            let src = ctx.page.base.join(s.value().attr("src")?.trim()).ok()?;
            let giscus = src.host_str() == Some("giscus.app")
                || (src.path().ends_with("/client.js")
                    && s.value().attr("data-repo").is_some()
                    && s.value().attr("data-mapping").is_some()
                    && s.value().attr("data-category-id").is_some());
            giscus.then_some((*s, src))
        }) {
        let attrs = el
            .value()
            .attrs()
            .filter_map(|(n, v)| Some((n.strip_prefix("data-")?.to_string(), v.to_string())))
            .collect();
        (attrs, origin(&src))
    } else {
        let el = dom::first(ctx.root, sel!("giscus-widget"))?;
        let rename = |n: &str| match n {
            "repoid" => "repo-id".to_string(),
            "categoryid" => "category-id".to_string(),
            other => other.to_string(),
        };
        let attrs = el
            .value()
            .attrs()
            .map(|(n, v)| (rename(n), v.to_string()))
            .collect();
        (attrs, "https://giscus.app".to_string())
    };
    let mut s = system("giscus");
    s.server = Some(server);
    s.site = attrs.get("repo").cloned();
    let href = ctx.href();
    let mapping = attrs.get("mapping").map_or("pathname", String::as_str);
    let term = match mapping {
        "url" => Some(href.to_string()),
        "title" => Some(title(ctx)),
        "og:title" => dom::first(
            dom::head(ctx.root),
            sel!("meta[property='og:title'], meta[name='title']"),
        )
        .and_then(|m| m.value().attr("content").map(str::to_string)),
        "specific" | "number" => attrs.get("term").cloned(),
        _ => Some(pathname_term(&href)),
    };
    s.thread = term;
    s.url = Some(href.to_string());
    for key in ["repo-id", "category", "category-id", "strict"] {
        if let Some(v) = attrs.get(key) {
            s.extra.insert(key.replace('-', "_"), v.clone());
        }
    }
    s.extra.insert("mapping".into(), mapping.to_string());
    Some(s)
}

/// utterances: `<script src="https://utteranc.es/client.js" repo=… issue-term=…|issue-number=…>`.
/// `pathname`/`url`/`title`/`og:title` resolve as `utterance/utterances:src/client.ts` does
/// (`url` is the canonical link when present); any other term is searched for as written
/// (`src/page-attributes.ts`).
fn utterances(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let (el, src) = ctx.script_src("utteranc.es/client.js")?;
    let attr = |n: &str| {
        let v = el.value();
        v.attr(n)
            .or_else(|| v.attr(&format!("data-{n}")))
            .map(str::to_string)
    };
    let mut s = system("utterances");
    s.server = Some(origin(&src));
    s.site = attr("repo");
    let href = ctx.href();
    let canonical = super::meta::canonical(ctx.page);
    if let Some(n) = attr("issue-number") {
        s.extra.insert("issue_number".into(), n.clone());
        s.thread = Some(n);
    } else {
        let term = attr("issue-term").unwrap_or_else(|| "pathname".into());
        s.thread = Some(match term.as_str() {
            "pathname" => pathname_term(&href),
            "url" => canonical.clone().unwrap_or_else(|| href.to_string()),
            "title" => title(ctx),
            "og:title" => dom::meta(ctx.root, &["og:title"]).unwrap_or_default(),
            _ => term.clone(),
        });
        s.extra.insert("issue_term".into(), term);
    }
    if let Some(label) = attr("label") {
        s.extra.insert("label".into(), label);
    }
    s.url = Some(canonical.unwrap_or_else(|| href.to_string()));
    Some(s)
}

/// Isso: the endpoint is `data-isso` on any script, else the embed script's src without
/// `/js/embed.min.js`; the thread URI is `#isso-thread[data-isso-id]`, else `location.pathname`
/// (`isso-comments/isso:isso/js/app/api.js` and `isso/js/embed.js`).
fn isso(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let endpoint = ctx
        .scripts
        .iter()
        .find_map(|s| s.value().attr("data-isso"))
        .and_then(|e| ctx.page.base.join(e.trim()).ok())
        .or_else(|| {
            let (_, src) = ctx
                .script_src("/js/embed.min.js")
                .or_else(|| ctx.script_src("/js/embed.dev.js"))?;
            let s = src.as_str();
            let cut = s.rfind("/js/embed.")?;
            Url::parse(&s[..cut]).ok()
        })?;
    let mut s = system("isso");
    s.server = Some(endpoint.as_str().trim_end_matches('/').to_string());
    s.thread = dom::first(ctx.root, sel!("#isso-thread"))
        .and_then(|t| t.value().attr("data-isso-id"))
        .map(str::to_string)
        .or_else(|| Some(ctx.page.url.path().to_string()));
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// Remark42: `var remark_config = {host, site_id, url}`; `url` defaults to the page URL
/// (`umputun/remark42` README, "Setup on your website").
fn remark42(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let cfg = js_object(ctx.inline, "remark_config")?;
    let mut s = system("remark42");
    s.server = js_value(cfg, "host");
    s.site = js_value(cfg, "site_id").or_else(|| Some("remark".into()));
    let url = js_value(cfg, "url").unwrap_or_else(|| ctx.href().to_string());
    s.thread = Some(url.clone());
    s.url = Some(url);
    Some(s)
}

/// Commento (`commento.js`, `#commento[data-page-id]`) and Comentario (`comentario.js`,
/// `<comentario-comments page-id>`): origin from the script, path from the page id or the page.
fn commento(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let (name, src, page_id) = if let Some((_, src)) = ctx.script_src("comentario.js") {
        let id = dom::first(ctx.root, sel!("comentario-comments"))
            .and_then(|e| e.value().attr("page-id"));
        ("comentario", src, id)
    } else {
        let (el, src) = ctx.script_src("commento.js")?;
        let id = dom::first(ctx.root, sel!("#commento"))
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
fn cusdis(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = dom::first(ctx.root, sel!("#cusdis_thread"))?;
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
fn discourse(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let cfg = js_object(ctx.inline, "DiscourseEmbed")?;
    let mut s = system("discourse");
    s.server = js_value(cfg, "discourseUrl");
    s.url = js_value(cfg, "discourseEmbedUrl").or_else(|| Some(ctx.href().to_string()));
    s.thread = js_value(cfg, "topicId");
    Some(s)
}

/// Ghost native comments: `<script data-ghost-comments="SITE" data-post-id=… data-key=…>`
/// (`TryGhost/Ghost:apps/comments-ui`).
fn ghost(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = dom::first(ctx.root, sel!("script[data-ghost-comments]"))?;
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
fn mastodon(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = dom::first(ctx.root, sel!("mastodon-comments"))?;
    let a = |n: &str| el.value().attr(n).map(str::to_string);
    let mut s = system("mastodon");
    s.server = a("host").map(|h| format!("https://{}", h.trim_end_matches('/')));
    s.site = a("user");
    s.thread = a("tootid");
    Some(s)
}

/// Hyvor Talk: `<hyvor-talk-comments website-id page-id>`.
fn hyvor(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = dom::first(ctx.root, sel!("hyvor-talk-comments"))?;
    let mut s = system("hyvor");
    s.site = el.value().attr("website-id").map(str::to_string);
    s.thread = el.value().attr("page-id").map(str::to_string);
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// The Facebook comments plugin: `div.fb-comments[data-href]`.
fn facebook(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let el = dom::first(ctx.root, sel!(".fb-comments"))?;
    let mut s = system("facebook");
    s.url = el
        .value()
        .attr("data-href")
        .map(str::to_string)
        .or_else(|| Some(ctx.href().to_string()));
    Some(s)
}

/// Substack: its CDN plus the post id in the preloaded state (`"post":{"id":N` or escaped).
fn substack(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    if !ctx.page.html.contains("substackcdn.com") {
        return None;
    }
    let js = ctx.inline;
    let id = ["\"post\":{\"id\":", "\\\"post\\\":{\\\"id\\\":"]
        .iter()
        .find_map(|k| {
            let at = js.find(k)? + k.len();
            let n: String = js[at..].chars().take_while(char::is_ascii_digit).collect();
            (!n.is_empty()).then_some(n)
        })?;
    let mut s = system("substack");
    s.server = Some(origin(ctx.page.url));
    s.thread = Some(id);
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// Hashnode: its CDN on the page; the post is found by host and slug (the last path segment).
fn hashnode(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    if !ctx.page.html.contains("cdn.hashnode.com") {
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
fn devto(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let host = ctx.page.url.host_str()?;
    if host != "dev.to" && !ctx.page.html.contains("forem") {
        return None;
    }
    let id = dom::first(ctx.root, sel!("[data-article-id]"))?
        .value()
        .attr("data-article-id")?;
    let mut s = system("devto");
    s.server = Some(origin(ctx.page.url));
    s.thread = Some(id.to_string());
    s.url = Some(ctx.href().to_string());
    Some(s)
}

/// Webmentions: `<link rel="webmention" href=…>`; the target is the page itself.
fn webmention(ctx: &Ctx<'_, '_>) -> Option<CommentSystem> {
    let link = dom::all(ctx.root, sel!("link[rel][href]"))
        .into_iter()
        .find(|l| {
            l.value().attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("webmention"))
            })
        })?;
    let endpoint = ctx.page.base.join(link.value().attr("href")?.trim()).ok()?;
    let mut s = system("webmention");
    s.server = Some(endpoint.to_string());
    s.url = Some(super::meta::canonical(ctx.page).unwrap_or_else(|| ctx.href().to_string()));
    s.thread = s.url.clone();
    Some(s)
}
