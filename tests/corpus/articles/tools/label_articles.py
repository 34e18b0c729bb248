#!/usr/bin/env python3
"""Writes each article page's expected article HTML, independently of parlor.

Every page has a recipe in ../recipes.json: where the saved page comes from (a mirrored git
repository, commit and path), its real URL, and the CSS selectors of its article body and of
the chrome to remove inside it, chosen by eye per site/theme (a site's selectors live under
"sites", a page may override them). The page bytes and the labelled article are written under
the shared data directory, never committed:

    <DATA>/<family>/<slug>/source.html     the saved page, bytes as stored
    <DATA>/<family>/<slug>/expected.html   the article body (title excluded), removals applied
    <DATA>/<family>/<slug>/meta.json       url, part (dev / heldout), site, source

  label_articles.py restore [--only FAMILY/SLUG]   rebuild every page from the mirrors
  label_articles.py show FAMILY/SLUG [--full]        print the expected text (head and tail)
  label_articles.py probe FAMILY/SLUG                list likely article containers (to choose)

DATA defaults to ../shared/corpus/articles beside the checkout (or two levels up from a
worktree); set ARTICLES_DATA to override. Mirrors are read from /work/.mirror/OWNER+NAME/repo
(MIRRORS to override). Needs beautifulsoup4 and html5lib.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Comment

HERE = Path(__file__).resolve().parent
RECIPES = HERE.parent / "recipes.json"
CRATE = HERE.parent.parent.parent.parent

# Removed from every article body: never article text in any benchmark's convention.
ALWAYS_REMOVE = ["script", "style", "noscript", "template", "form", "iframe", "object",
                 "embed", "button", "select", "textarea", "input", "svg", "img",
                 # share buttons and related-posts boxes of common WordPress plugins
                 ".sharedaddy", ".jp-relatedposts", "#jp-post-flair", ".addtoany_share_save_container",
                 ".yarpp-related", ".wp-socializer", ".addthis_toolbox"]


def data_dir():
    env = os.environ.get("ARTICLES_DATA")
    if env:
        return Path(env)
    near = CRATE / "../shared/corpus/articles"
    if (CRATE / "../shared").is_dir():
        return near.resolve()
    return (CRATE / "../../shared/corpus/articles").resolve()


def mirror_git(mirror):
    root = Path(os.environ.get("MIRRORS", "/work/.mirror"))
    repo = root / mirror.replace("/", "+") / "repo"
    return repo / ".git" if (repo / ".git").is_dir() else repo


def page_bytes(src):
    git = mirror_git(src["mirror"])
    out = subprocess.run(["git", "--git-dir", str(git), "show", f"{src['commit']}:{src['path']}"],
                         capture_output=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"cannot read {src['mirror']} {src['path']}@{src['commit']}: "
                         f"{out.stderr.decode(errors='replace').strip()}")
    return out.stdout


def load():
    return json.loads(RECIPES.read_text())


def recipe_of(recipes, page):
    """(body, remove, cut): a page's own keys override its site's."""
    site = recipes["sites"].get(page["site"], {})
    body = page.get("body") or site.get("body")
    remove = list(site.get("remove", [])) + list(page.get("remove", []))
    cut = {k: page.get(k, site.get(k)) for k in ("start_after", "stop_at")}
    return body, remove, cut


def cut_around(e, mark, after):
    """Drops `mark` and everything after it (after=False) or before it (after=True) inside `e`:
    for themes that put the article, its title and its comments side by side in one block."""
    node = mark
    while node is not None and node is not e:
        sibs = list(node.next_siblings if not after else node.previous_siblings)
        for x in sibs:
            x.extract()
        node = node.parent
    mark.decompose()


def in_comments(e):
    """Whether `e` is a comment or the comment list (a guard against body selectors such as
    `.entry-content` that some themes reuse on each comment)."""
    names = " ".join([e.get("id") or "", *(e.get("class") or [])]).lower()
    return re.search(r"(^|[\s_-])(comments?|commentlist|comment-body|comment-content)($|[\s_-])",
                     names) is not None and e.name not in ("body", "html")


def label(raw, body, remove, cut=None):
    """The article body HTML: every element matching `body` (outermost only, page order) with
    `remove` and ALWAYS_REMOVE taken out; `start_after` / `stop_at` (selectors, first match
    inside each body element) drop what comes before / after the article text."""
    cut = cut or {}
    soup = BeautifulSoup(raw, "html5lib")
    found = soup.select(body)
    if not found:
        raise ValueError(f"body selector {body!r} matches nothing")
    ids = {id(e) for e in found}
    keep = [e for e in found if not any(id(p) in ids for p in e.parents)]
    for e in keep:
        if any(in_comments(x) for x in [e, *e.parents]):
            raise ValueError(f"body selector {body!r} matches inside the comments: narrow it")
    for e in keep:
        for c in e.find_all(string=lambda s: isinstance(s, Comment)):
            c.extract()
        if cut.get("stop_at") and e.select_one(cut["stop_at"]) is not None:
            cut_around(e, e.select_one(cut["stop_at"]), after=False)
        if cut.get("start_after") and e.select_one(cut["start_after"]) is not None:
            cut_around(e, e.select_one(cut["start_after"]), after=True)
        for sel in ALWAYS_REMOVE + remove:
            for x in e.select(sel):
                x.decompose()
    return "<html><body>\n" + "\n".join(str(e) for e in keep) + "\n</body></html>\n"


def text_of(html):
    soup = BeautifulSoup(html, "html5lib")
    return " ".join(soup.get_text(" ").split())


def restore(args):
    recipes = load()
    out = data_dir()
    bad = 0
    for page in recipes["pages"]:
        if args.only and page["id"] != args.only:
            continue
        raw = page_bytes(page["source"])
        body, remove, cut = recipe_of(recipes, page)
        d = out / page["id"]
        d.mkdir(parents=True, exist_ok=True)
        (d / "source.html").write_bytes(raw)
        try:
            if not body:
                raise ValueError("no body selector yet")
            exp = label(raw, body, remove, cut)
        except ValueError as e:
            print(f"{page['id']}: {e}", file=sys.stderr)
            bad += 1
            continue
        (d / "expected.html").write_text(exp)
        meta = {k: page[k] for k in ("url", "part", "site", "source")}
        (d / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
        n = len(text_of(exp).split())
        print(f"{page['id']}: {n} words")
        if n < 30:
            print(f"{page['id']}: only {n} words: check the selector", file=sys.stderr)
    if bad:
        raise SystemExit(f"{bad} page(s) not labelled")


def show(args):
    t = text_of((data_dir() / args.page / "expected.html").read_text())
    w = t.split()
    if args.full or len(w) < 160:
        print(t)
    else:
        print(" ".join(w[:80]), "\n   [...]\n", " ".join(w[-80:]))
    print(f"-- {len(w)} words")


PROBE = ["article", ".entry-content", ".post-content", ".entry", ".post-body", ".entry-body",
         ".entry-more", ".post", ".content", "#content", "main", ".storycontent", ".post-entry",
         ".article-content", ".node .content", ".blog-post", ".postbody", ".post_content",
         ".single-post", ".hentry", ".text", ".blogbody", ".asset-body", ".asset-content",
         "[itemprop=articleBody]", ".serendipity_entry_body", ".postcontent", ".story"]


def probe(args):
    d = data_dir() / args.page
    soup = BeautifulSoup((d / "source.html").read_bytes(), "html5lib")
    for sel in PROBE:
        els = soup.select(sel)
        if els:
            sizes = [len(e.get_text(" ").split()) for e in els[:6]]
            print(f"{sel:28} x{len(els)} words {sizes}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("restore")
    r.add_argument("--only")
    s = sub.add_parser("show")
    s.add_argument("page")
    s.add_argument("--full", action="store_true")
    p = sub.add_parser("probe")
    p.add_argument("page")
    a = ap.parse_args()
    {"restore": restore, "show": show, "probe": probe}[a.cmd](a)


if __name__ == "__main__":
    main()
