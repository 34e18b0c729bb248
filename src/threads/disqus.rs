//! Disqus: the embed page (`GET disqus.com/embed/comments/?f=SHORT&t_i=IDENT&t_u=URL`) carries
//! `<script type="text/json" id="disqus-threadData">` with the thread's id; then
//! `GET disqus.com/api/3.0/threads/listPostsThreaded?forum=&thread=&order=asc&limit=100` with
//! the embed's public key, paged by `cursor.hasNext`/`cursor.next`. Facts: DisqusJS
//! (`SukkaW/DisqusJS:src/components/Disscussion.tsx`, `src/types.ts`) and the scrapers cited in
//! docs/providers.md. Disqus publishes no docs for the embed page or `listPostsThreaded`.

use super::common::{self, Fields, MAX_PAGES};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::net::ApiRequest;
use serde::Deserialize;
use std::collections::HashSet;

/// The public key Disqus's own embed sends (hard-coded in many open-source Disqus readers, see
/// docs/providers.md); it is not a secret and identifies the embed, not parlor's user.
const EMBED_KEY: &str = "E8Uh5l5fHZ6gD8U3KycjAIAk46f68Zw7C6eW8WSjZvCLXebZ7p0r1yrYDrLilk2F";
const PAGE: u32 = 100;

pub struct Disqus;

#[derive(Deserialize)]
struct ThreadData {
    #[serde(default)]
    code: i64,
    /// The thread on success; the error text when `code` is not 0.
    response: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ThreadResponse {
    thread: Option<ThreadInfo>,
    /// The first page of posts, as the embed shows them first.
    #[serde(default)]
    posts: Vec<Post>,
}

#[derive(Deserialize)]
struct ThreadInfo {
    id: serde_json::Value,
    link: Option<String>,
    posts: Option<u32>,
}

#[derive(Deserialize)]
struct Listing {
    code: i64,
    #[serde(default)]
    cursor: Option<Cursor>,
    response: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Cursor {
    #[serde(default)]
    has_next: bool,
    next: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Post {
    id: serde_json::Value,
    parent: Option<serde_json::Value>,
    #[serde(default)]
    message: String,
    author: Option<Author>,
    created_at: Option<String>,
    #[serde(default)]
    is_deleted: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Author {
    name: Option<String>,
    profile_url: Option<String>,
    #[serde(default)]
    is_anonymous: bool,
}

/// Ids come as strings or numbers; both become the same string.
fn id_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn bad(detail: impl Into<String>) -> ProviderError {
    ProviderError::BadAnswer {
        provider: "disqus".into(),
        detail: detail.into(),
    }
}

/// The `disqus-threadData` JSON in the embed page.
fn thread_data(html: &str) -> Result<ThreadData, ProviderError> {
    let marker = "id=\"disqus-threadData\"";
    let at = html
        .find(marker)
        .ok_or_else(|| bad("the embed page has no disqus-threadData"))?;
    let start = at
        + html[at..]
            .find('>')
            .ok_or_else(|| bad("cut-short embed page"))?
        + 1;
    let end = start
        + html[start..]
            .find("</script>")
            .ok_or_else(|| bad("cut-short embed page"))?;
    serde_json::from_str(&html[start..end]).map_err(|e| {
        bad(if e.is_eof() {
            "the thread data was cut short (truncated JSON)".to_string()
        } else {
            format!("unexpected thread data ({e})")
        })
    })
}

/// Disqus dates are UTC without an offset (`src/types.ts`: "createdAt: string, // UTC").
fn utc(date: Option<String>) -> Option<String> {
    date.map(|d| {
        if d.ends_with('Z') || d.contains('+') {
            d
        } else {
            format!("{d}Z")
        }
    })
}

/// Disqus routes outside links through `disq.us/url?url=TARGET%3ATOKEN&cuid=N`; the link is
/// given back its target, as DisqusJS does (`src/lib/util.ts`, `processCommentMessage`).
fn unwrap_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("href=\"") {
        let start = at + "href=\"".len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let href = &rest[..end];
        match disq_us_target(href) {
            Some(target) => out.push_str(&target.replace('&', "&amp;").replace('"', "&quot;")),
            None => out.push_str(href),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn disq_us_target(href: &str) -> Option<String> {
    let href = href.replace("&amp;", "&");
    let u = url::Url::parse(&href).ok()?;
    if u.host_str() != Some("disq.us") || u.path() != "/url" {
        return None;
    }
    let target = u.query_pairs().find(|(k, _)| k == "url")?.1.into_owned();
    // The target ends with `:TOKEN` (letters, digits, `-`, `_`).
    let (link, token) = target.rsplit_once(':')?;
    let ok = !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (ok && link.starts_with("http")).then(|| link.to_string())
}

fn to_comment(p: Post, link: Option<&str>, page: &url::Url) -> Option<crate::model::Comment> {
    let id = id_text(&p.id)?;
    let author = p.author.as_ref();
    let anonymous = author.is_none_or(|a| a.is_anonymous);
    let permalink = link.map(|l| format!("{l}#comment-{id}"));
    Some(common::comment(
        Fields {
            parent: p.parent.as_ref().and_then(id_text),
            depth: 0,
            author: author.and_then(|a| a.name.as_deref()),
            author_url: author
                .filter(|_| !anonymous)
                .and_then(|a| a.profile_url.as_deref()),
            published: utc(p.created_at),
            html: &unwrap_links(&p.message),
            permalink,
            deleted: p.is_deleted,
            id,
        },
        page,
    ))
}

impl Provider for Disqus {
    fn name(&self) -> &'static str {
        "disqus"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Embed { system, page } = target else {
            return Ok(Vec::new());
        };
        let forum = system
            .site
            .as_deref()
            .ok_or_else(|| ProviderError::Unsupported {
                provider: "disqus".into(),
                why: "the page names no Disqus shortname".into(),
            })?;
        let base = ctx.base("https://disqus.com/")?;
        let mut embed = base
            .join("embed/comments/")
            .map_err(|e| bad(e.to_string()))?;
        {
            let mut q = embed.query_pairs_mut();
            q.append_pair("base", "default").append_pair("f", forum);
            if let Some(ident) = &system.thread {
                q.append_pair("t_i", ident);
            }
            q.append_pair("t_u", system.url.as_deref().unwrap_or(page.as_str()));
            if let Some(t) = system.extra.get("title") {
                q.append_pair("t_t", t);
            }
            q.append_pair("s_o", "default");
        }
        let req = ApiRequest::get_json(embed).header("Accept", "text/html");
        let answer = ctx.api("disqus", &req)?;
        common::check("disqus", &answer, chrono::Utc::now())?;
        let data = thread_data(&answer.text())?;
        let (info, first_posts) = data
            .response
            .filter(|_| data.code == 0)
            .and_then(|r| serde_json::from_value::<ThreadResponse>(r).ok())
            .and_then(|r| Some((r.thread?, r.posts)))
            .ok_or(ProviderError::NotFound {
                provider: "disqus".into(),
            })?;
        let thread_id = id_text(&info.id).ok_or_else(|| bad("the thread has no id"))?;
        let link = info.link.or_else(|| system.url.clone());

        let mut comments = Vec::new();
        let mut completeness = Completeness::Full;
        let mut cursor: Option<String> = None;
        let mut cursors = HashSet::new();
        for n in 0.. {
            if n >= MAX_PAGES || ctx.late() {
                completeness = Completeness::Partial {
                    reason: format!("stopped after {n} pages"),
                };
                break;
            }
            let mut url = base
                .join("api/3.0/threads/listPostsThreaded")
                .map_err(|e| bad(e.to_string()))?;
            {
                let mut q = url.query_pairs_mut();
                q.append_pair("forum", forum)
                    .append_pair("thread", &thread_id)
                    .append_pair("order", "asc")
                    .append_pair("limit", &PAGE.to_string())
                    .append_pair("api_key", EMBED_KEY);
                if let Some(c) = &cursor {
                    q.append_pair("cursor", c);
                }
            }
            let answer = ctx.api("disqus", &ApiRequest::get_json(url))?;
            if matches!(answer.status, 403 | 404 | 429) {
                common::check("disqus", &answer, chrono::Utc::now())?;
            }
            let listing: Listing = common::parse_json("disqus", &answer)?;
            if listing.code != 0 {
                let words = listing.response.as_str().unwrap_or("no reason given");
                let why = format!("Disqus error {}: {words}", listing.code);
                if n > 0 || first_posts.is_empty() {
                    return Err(bad(why));
                }
                // The listing is refused (a revoked key, …): the embed page's first posts.
                let comments = first_posts
                    .into_iter()
                    .filter_map(|p| to_comment(p, link.as_deref(), page))
                    .collect();
                return Ok(vec![Thread {
                    provider: "disqus".into(),
                    url: link,
                    stated_count: info.posts,
                    comments: common::thread_order(comments),
                    completeness: Completeness::Partial {
                        reason: format!("{why}; only the embed page's first comments"),
                    },
                    ..Thread::default()
                }]);
            }
            let posts: Vec<Post> = serde_json::from_value(listing.response)
                .map_err(|e| bad(format!("unexpected posts ({e})")))?;
            comments.extend(
                posts
                    .into_iter()
                    .filter_map(|p| to_comment(p, link.as_deref(), page)),
            );
            match listing.cursor {
                Some(Cursor {
                    has_next: true,
                    next: Some(next),
                }) => {
                    if !cursors.insert(next.clone()) {
                        completeness = Completeness::Partial {
                            reason: "Disqus sent a page cursor it had sent before".into(),
                        };
                        break;
                    }
                    cursor = Some(next);
                }
                _ => break,
            }
        }
        Ok(vec![Thread {
            provider: "disqus".into(),
            url: link,
            stated_count: info.posts,
            comments: common::thread_order(comments),
            completeness,
            ..Thread::default()
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disq_us_links_get_their_target_back() {
        let html = r#"<p><a href="https://disq.us/url?url=https%3A%2F%2Fex.test%2Fa%3Fb%3D1%26c%3D2%3AxY-z_9&amp;cuid=123" rel="nofollow">x</a> <a href="https://ex.test/plain">y</a></p>"#;
        assert_eq!(
            unwrap_links(html),
            r#"<p><a href="https://ex.test/a?b=1&amp;c=2" rel="nofollow">x</a> <a href="https://ex.test/plain">y</a></p>"#
        );
        assert_eq!(
            unwrap_links("<a href=\"unterminated"),
            "<a href=\"unterminated"
        );
        assert_eq!(
            disq_us_target("https://disq.us/url?url=javascript%3Aalert(1)%3Ax"),
            None
        );
    }
}
