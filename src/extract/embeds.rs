//! Which comment system a page embeds (Disqus, giscus, utterances, Isso, …), found without
//! running scripts: script sources, data attributes, custom elements and inline config variables.
//! Each [`CommentSystem`] carries the ids its provider needs, and the thread key derived by that
//! system's own mapping rule (each rule cites the client code it follows). Pure: no network.

use super::embeds_scan::js_value;
use super::{dom, dom::sel, sanitize, Page};
use crate::model::CommentSystem;
use scraper::ElementRef;
use std::collections::{BTreeMap, HashMap};
use url::Url;

/// The comment system the page embeds, when it embeds one (first in a fixed order of systems).
pub fn detect(page: &Page<'_>) -> Option<CommentSystem> {
    let root = page.doc.root_element();
    let (scripts, marks) = scan(root);
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
        marks: &marks,
    };
    use super::embeds_other::{
        commentbox, commento, cusdis, devto, discourse, facebook, ghost, hashnode, hyvor, mastodon,
        remark42, substack, webmention,
    };
    let found = [
        disqus, giscus, utterances, isso, remark42, commento, cusdis, discourse, ghost, mastodon,
        hyvor, facebook, commentbox, substack, hashnode, devto, webmention,
    ]
    .iter()
    .find_map(|f| f(&ctx))?;
    Some(clean(found))
}

pub(super) struct Ctx<'a, 'p> {
    pub(super) page: &'a Page<'p>,
    pub(super) root: ElementRef<'a>,
    pub(super) scripts: &'a [ElementRef<'a>],
    pub(super) inline: &'a str,
    /// The first element of each kind the detectors look for (see [`scan`]).
    pub(super) marks: &'a HashMap<&'static str, ElementRef<'a>>,
}

/// One walk over the document: every script, and the first element of each marker kind
/// (`#disqus_thread`, `giscus-widget`, `.fb-comments`, …), so detection costs one pass however
/// many systems there are.
pub(super) fn scan(
    root: ElementRef<'_>,
) -> (Vec<ElementRef<'_>>, HashMap<&'static str, ElementRef<'_>>) {
    let mut scripts = Vec::new();
    let mut marks = HashMap::new();
    for el in root.descendants().filter_map(ElementRef::wrap) {
        let v = el.value();
        let name = v.name();
        let mut mark = |k: &'static str| {
            marks.entry(k).or_insert(el);
        };
        match name {
            "script" => {
                scripts.push(el);
                if dom::attr(el, "data-ghost-comments").is_some() {
                    mark("script[data-ghost-comments]");
                }
            }
            "title" => mark("title"),
            "giscus-widget"
            | "comentario-comments"
            | "mastodon-comments"
            | "hyvor-talk-comments" => mark(match name {
                "giscus-widget" => "giscus-widget",
                "comentario-comments" => "comentario-comments",
                "mastodon-comments" => "mastodon-comments",
                _ => "hyvor-talk-comments",
            }),
            "link"
                if v.attr("href").is_some()
                    && v.attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("webmention"))
                    }) =>
            {
                mark("link[rel=webmention]");
            }
            _ => {}
        }
        match v.id() {
            Some("disqus_thread") => mark("#disqus_thread"),
            Some("isso-thread") => mark("#isso-thread"),
            Some("commento") => mark("#commento"),
            Some("cusdis_thread") => mark("#cusdis_thread"),
            _ => {}
        }
        // `dom::attr`, not `Element::attr`: that one interns the name (a global lock for names
        // outside html5ever's static set), and this runs on every element.
        if dom::attr(el, "data-article-id").is_some() {
            mark("[data-article-id]");
        }
        if dom::has_class(el, "fb-comments") {
            mark(".fb-comments");
        }
    }
    (scripts, marks)
}

impl Ctx<'_, '_> {
    /// The first script whose `src` contains `needle` (case-insensitive).
    pub(super) fn script_src(&self, needle: &str) -> Option<(ElementRef<'_>, Url)> {
        self.scripts.iter().find_map(|s| {
            let src = s.value().attr("src")?;
            if !src.to_ascii_lowercase().contains(needle) {
                return None;
            }
            Some((*s, self.page.base.join(src.trim()).ok()?))
        })
    }

    /// The first element of a marker kind named in [`scan`].
    pub(super) fn first(&self, mark: &str) -> Option<ElementRef<'_>> {
        self.marks.get(mark).copied()
    }

    /// The page URL without its fragment (what a browser's `location.href` gives the embed).
    pub(super) fn href(&self) -> Url {
        let mut u = self.page.url.clone();
        u.set_fragment(None);
        u
    }
}

pub(super) fn system(name: &str) -> CommentSystem {
    CommentSystem {
        name: name.to_string(),
        ..CommentSystem::default()
    }
}

pub(super) fn origin(u: &Url) -> String {
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
    ctx.first("title")
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
    let has_div = ctx.first("#disqus_thread").is_some();
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

/// The universal embed code builds the script in JS: `s.src = 'https://SHORT.disqus.com/embed.js'`;
/// Hugo's built-in template joins a quoted name to it: `'//' + "SHORT" + '.disqus.com/embed.js'`
/// (`gohugoio/hugo:tpl/tplimpl/embedded/templates/disqus.html`).
fn shortname_in_text(js: &str) -> Option<String> {
    let at = js.find(".disqus.com/embed.js")?;
    let mut head = &js[..at];
    // `"SHORT" + '` before the host: step back over the closing quote and the `+`.
    if let Some(h) = head.strip_suffix(['\'', '"']) {
        let h = h.trim_end().strip_suffix('+')?.trim_end();
        head = h.strip_suffix(['\'', '"'])?;
    }
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
        let el = ctx.first("giscus-widget")?;
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
    s.thread = ctx
        .first("#isso-thread")
        .and_then(|t| t.value().attr("data-isso-id"))
        .map(str::to_string)
        .or_else(|| Some(ctx.page.url.path().to_string()));
    s.url = Some(ctx.href().to_string());
    Some(s)
}
