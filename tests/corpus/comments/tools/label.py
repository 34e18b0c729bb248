#!/usr/bin/env python3
"""Writes a corpus page's expected comment tree, independently of parlor.

Selectors are chosen per page (a preset for the markup family, overridable per page) after
looking at the page; the tree is printed to be checked by eye against the HTML, and fixed by
hand where the selectors get it wrong. The recipe of every page is kept in recipes.json so the
labelling can be re-run.

  label.py add FAMILY/SLUG --mirror DIR --path PATH [--url U] [--site S] [--preset P]
               [--item CSS] [--author CSS] [--text CSS] [--system NAME] [--repo OWNER/NAME]
  label.py relabel FAMILY/SLUG      (re-run the stored recipe; pages marked "hand" are skipped)
  label.py show FAMILY/SLUG         (print the stored expected tree)
  label.py restore                  (re-extract every missing page.html from the fetched
                                     mirrors, /work/.mirror/OWNER+NAME/repo or $MIRRORS)

Needs beautifulsoup4, html5lib and lxml (pip install beautifulsoup4 html5lib lxml).
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

ROOT = Path(__file__).resolve().parent.parent
RECIPES = Path(__file__).resolve().parent / "recipes.json"
WORDS = 12

# Presets: how items, ids, parents, authors and texts are found in each markup family.
PRESETS = {
    # WordPress, any theme: items carry id comment-N / li-comment-N / div-comment-N.
    "wp": {
        "id_re": r"^(?:li-|div-)?comment-(\d+)$",
        "author": [".comment-author .fn", ".comment-author cite", "cite.fn", ".fn", ".auth-name",
                   ".comment-author-name", ".comment-name",
                   ".comment-author", ".commentauthor", ".comment_author", "cite",
                   ".author", "strong"],
        "text": [".comment-content", ".comment-text", ".comment-entry", ".commenttext",
                 ".comment_text", ".comment-body-text", ".comment_content", ".comment-body",
                 ".commentbody", ".entry"],
    },
    # WordPress themes whose pings carry no id (Twenty Ten-like `li.post.pingback`).
    "wp-pings": {
        "id_re": r"^(?:li-|div-)?comment-(\d+)$",
        "extra": "li.pingback:not([id]), li.trackback:not([id])",
        "author": [".comment-author .fn", ".comment-author cite", "cite.fn", ".fn", ".auth-name",
                   ".comment-author-name", ".comment-name",
                   ".comment-author", ".commentauthor", ".comment_author", "cite",
                   ".author", "strong"],
        "text": [".comment-content", ".comment-text", ".comment-entry", ".commenttext",
                 ".comment_text", ".comment-body-text", ".comment_content", ".comment-body",
                 ".commentbody", ".entry"],
    },
    # WordPress themes that list comments as dt#comment-N (header) + dd (text).
    "wp-dl": {
        "id_re": r"^comment-(\d+)$",
        "author": ["a.url", "cite", "span"],
        "text": [],
        "text_sibling": "dd",
    },
    # Disqus WordPress plugin's server-rendered fallback list.
    "dsq": {
        "id_re": r"^dsq-comment-(\d+)$",
        "author": [".dsq-comment-header cite", "cite"],
        "text": [".dsq-comment-message"],
        # pings are listed without ids
        "extra": "#dsq-comments li.pingback",
    },
    # wpDiscuz's server-rendered first page: wpd-comm-ID_PARENT.
    "wpdiscuz": {
        "id_re": r"^wpd-comm-(\d+)_\d+$",
        "author": [".wpd-comment-author"],
        "text": [".wpd-comment-text"],
    },
    # Blogger threaded comments: li.comment#cNNN.
    "blogger": {
        "id_re": r"^c(\d+)$",
        "item_filter": "li.comment",
        "author": [".comment-header .user", "cite.user", ".user"],
        "text": [".comment-content"],
    },
    # Blogger classic: dl#comments-block with dt (author, said...) / dd (text) pairs.
    "blogger-classic": {},
}

META = [".comment-meta", ".commentmetadata", ".comment-metadata", ".reply", ".comment-reply-link",
        ".comment-author", ".vcard", ".says", "script", "style", "form", "noscript",
        ".comment-awaiting-moderation", ".who", ".comment-header", ".elautor", "small.commentmetadata", ".comment-edit-link", ".edit-link"]


def words(s, n=WORDS):
    return " ".join(s.split()[:n])


def own(item, nodes, items):
    """Nodes whose nearest enclosing item is `item` (not a nested reply)."""
    out = []
    for n in nodes:
        p = n
        while p is not None and id(p) not in items:
            p = p.parent
        if p is item:
            out.append(n)
    return out


def text_of(el, items, strip_meta, skip=None):
    """Visible text of `el` without nested replies (and, when asked, without header chrome)."""
    meta = ", ".join(META)
    parts = []

    def walk(n):
        for ch in n.children:
            if isinstance(ch, Comment):
                continue
            if isinstance(ch, NavigableString):
                parts.append(str(ch))
            elif isinstance(ch, Tag):
                if ch is skip or id(ch) in items or ch.name in ("script", "style", "noscript", "form"):
                    continue
                if strip_meta and ch.css.match(meta):
                    continue
                if ch.name in ("br", "p", "div", "li"):
                    parts.append(" ")
                walk(ch)

    walk(el)
    return " ".join("".join(parts).split())


def label_items(soup, preset, item_css=None, author_css=None, text_css=None):
    p = PRESETS[preset]
    id_re = re.compile(p["id_re"])
    groups = {}
    order = []
    for el in soup.find_all(id=id_re):
        num = id_re.match(el["id"]).group(1)
        groups.setdefault(num, []).append(el)
        if num not in order:
            order.append(num)
    if item_css:
        allowed = set(map(id, soup.select(item_css)))
    elif p.get("item_filter"):
        allowed = set(map(id, soup.select(p["item_filter"])))
    else:
        allowed = None
    items = {}
    nums = []
    extra = soup.select(p["extra"]) if p.get("extra") else []
    pos = {id(n): i for i, n in enumerate(soup.descendants)} if extra else {}
    for k, el in enumerate(extra):
        key = f"_extra{k}"
        groups[key] = [el]
        order.append(key)
    if extra:
        order.sort(key=lambda num: pos[id(groups[num][0])])
    for num in order:
        els = groups[num]
        if allowed is not None:
            els = [e for e in els if id(e) in allowed]
            if not els:
                continue
        # the outermost element of the group is the item
        outer = [e for e in els if not any(o is not e and e in o.descendants for o in els)]
        el = outer[0]
        items[id(el)] = (num, el)
        nums.append(num)
    out = []
    for num in nums:
        el = next(e for (n, e) in items.values() if n == num)
        parent = None
        a = el.parent
        while a is not None:
            if id(a) in items:
                parent = items[id(a)][0]
                break
            a = a.parent
        author = ""
        author_el = None
        for sel in ([author_css] if author_css else []) + p["author"]:
            found = own(el, el.select(sel), items)
            if found:
                author_el = found[0]
                author = " ".join(found[0].get_text(" ").split())
                break
        author = re.sub(r"\s*(says|said|replied|sagt|dice|a dit|écrit)\s*:?\s*$", "", author, flags=re.I)
        # theme badges printed inside the name element ("Sam Post author")
        author = re.sub(r"\s+(post author|author)$", "", author, flags=re.I)
        text = ""
        if p.get("text_sibling"):
            sib = el.find_next_sibling(p["text_sibling"])
            text = text_of(sib, items, False) if sib is not None else ""
        for sel in ([text_css] if text_css else []) + p["text"] if not text else []:
            found = own(el, el.select(sel), items)
            if found:
                text = text_of(found[0], items, sel in (".comment-body", ".commentbody", ".entry"))
                break
            text = ""
        if not text and not p.get("text_sibling"):
            # no text container: the item itself, minus the short block holding the author
            skip = author_el
            while skip is not None and skip.parent is not el:
                skip = skip.parent
            if skip is not None and len(skip.get_text(" ").strip()) > 300:
                skip = None
            text = text_of(el, items, True, skip) or text_of(el, items, True)
            text = re.sub(r"^(says|said|sagt)\s*:\s*", "", text, flags=re.I)
        cls = " ".join(el.get("class", []))
        kind = "pingback" if "pingback" in cls else "trackback" if "trackback" in cls else "comment"
        if kind != "comment":
            # pings: the author is the linking page's title (its link), the text what follows
            if not author:
                a = next(iter(own(el, el.select("a.url, a[href]"), items)), None)
                author = " ".join(a.get_text(" ").split()) if a is not None else ""
            # "Pingback: …", or a date printed before it ("July 30, 2007 - 10:00 am Pingback: …")
            text = re.sub(r"^.{0,60}?\b(pingback|trackback)\s*:\s*", "", text, flags=re.I)
        out.append({"id": None if num.startswith("_extra") else num,
                    "parent": None if parent is None or parent.startswith("_extra") else parent,
                    "author": author, "text": words(text), "kind": kind})
    return out


def label_blogger_classic(soup):
    out = []
    block = soup.select_one("#comments-block")
    if block is None:
        return out
    for dt in block.find_all("dt"):
        dd = dt.find_next_sibling("dd")
        a = dt.find("a", attrs={"name": re.compile(r"^c\d+$")})
        m = re.match(r"^comment-(\d+)$", dt.get("id", ""))
        num = a["name"][1:] if a else m.group(1) if m else None
        author = " ".join(dt.get_text(" ").split())
        author = re.sub(r"\s*(said|dijo|a dit|sagte|ha detto|disse)\s*(\.\.\.|…|:)?\s*$", "",
                        author, flags=re.I)
        text = ""
        if dd is not None:
            body = BeautifulSoup(str(dd), "lxml")
            for n in body.select(".comment-footer, .comment-timestamp, .item-control, script"):
                n.decompose()
            text = words(body.get_text(" "))
        out.append({"id": num, "parent": None, "author": author, "text": text, "kind": "comment"})
    return out


def page_url(soup):
    for sel, attr in [("link[rel=canonical]", "href"), ("meta[property='og:url']", "content")]:
        el = soup.select_one(sel)
        if el and el.get(attr, "").startswith("http"):
            return el[attr].strip()
    return None


def label(html, r):
    # html5lib builds the tree as browsers do (misnested markup included)
    soup = BeautifulSoup(html, "html5lib")
    if r.get("system") and r.get("preset") is None:
        comments = []
    elif r["preset"] == "blogger-classic":
        comments = label_blogger_classic(soup)
    else:
        comments = label_items(soup, r["preset"], r.get("item"), r.get("author"), r.get("text"))
    drop = set(r.get("fix", {}).get("drop", []))
    comments = [c for c in comments if c["id"] not in drop]
    for cid, patch in r.get("fix", {}).get("set", {}).items():
        for c in comments:
            if c["id"] == cid:
                c.update(patch)
    return soup, comments


def show(exp):
    print(f"{exp['url']}  [{exp['family']} / {exp['site']}]  {len(exp['comments'])} comments"
          + (f"  system={exp['comment_system']}" if exp.get("comment_system") else ""))
    depth = {}
    for c in exp["comments"]:
        d = depth.get(c["parent"], -1) + 1 if c["parent"] else 0
        depth[c["id"]] = d
        k = "" if c["kind"] == "comment" else f"[{c['kind']}] "
        print(f"{'  ' * d}{c['id']} {k}{c['author']!r}: {c['text']}")


def load_recipes():
    return json.loads(RECIPES.read_text()) if RECIPES.exists() else {}


def write(name, r):
    d = ROOT / name
    html = (d / "page.html").read_bytes().decode("utf-8", "replace")
    soup, comments = label(html, r)
    url = r.get("url") or page_url(soup)
    if not url:
        sys.exit(f"{name}: no canonical URL in the page; pass --url")
    site = r["site"] or re.sub(r"^www\.", "", url.split("/")[2])
    exp = {"url": url, "family": name.split("/")[0], "site": site, "source": r["source"],
           "comment_system": r.get("system"), "comments": comments}
    (d / "expected.json").write_text(json.dumps(exp, indent=1, ensure_ascii=False) + "\n")
    show(exp)


def restore(recipes):
    """Re-extracts each recipe's page.html (not committed) from its mirror, byte for byte."""
    mirrors = Path(os.environ.get("MIRRORS", "/work/.mirror"))
    done = missing = 0
    for name, r in sorted(recipes.items()):
        page = ROOT / name / "page.html"
        if page.exists():
            continue
        m = re.match(r"github:(\S+) (.+)@([0-9a-f]+)$", r.get("source", ""))
        if not m:
            print(f"{name}: no source to restore from")
            missing += 1
            continue
        repo, path, commit = m.groups()
        git = mirrors / repo.replace("/", "+", 1) / "repo"
        if (git / ".git").is_dir():
            git = git / ".git"
        try:
            data = subprocess.check_output(["git", "--git-dir", str(git), "show",
                                            f"{commit}:{path}"], stderr=subprocess.DEVNULL)
        except (subprocess.CalledProcessError, FileNotFoundError):
            print(f"{name}: {repo} is not fetched (fetch github:{repo} first)")
            missing += 1
            continue
        guard = b"<?php die(); ?>"
        if "WP Super Cache" in r.get("note", "") and data.startswith(guard):
            data = data[len(guard):]
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes(data)
        done += 1
    print(f"restored {done}, missing {missing}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["add", "relabel", "show", "restore"])
    ap.add_argument("name", nargs="?")
    for a in ["mirror", "path", "url", "site", "preset", "item", "author", "text", "system",
              "repo"]:
        ap.add_argument("--" + a)
    a = ap.parse_args()
    recipes = load_recipes()
    if a.cmd == "restore":
        restore(recipes)
        return
    if not a.name:
        ap.error("name is needed")
    if a.cmd == "show":
        show(json.loads((ROOT / a.name / "expected.json").read_text()))
        return
    if a.cmd == "add":
        git = Path(a.mirror) / "repo"
        if (git / ".git").is_dir():
            git = git / ".git"
        commit = subprocess.check_output(["git", "-C", str(git), "rev-parse", "HEAD"],
                                         text=True).strip()
        data = subprocess.check_output(["git", "-C", str(git), "show", f"HEAD:{a.path}"])
        d = ROOT / a.name
        d.mkdir(parents=True, exist_ok=True)
        # WP Super Cache keeps served pages as .php files behind a die() guard: drop the guard
        guard = b"<?php die(); ?>"
        stripped = data.startswith(guard)
        if stripped:
            data = data[len(guard):]
        (d / "page.html").write_bytes(data)
        repo = a.repo or Path(a.mirror).name.replace("+", "/", 1)
        r = {k: v for k, v in {"preset": a.preset or ("wp" if not a.system else None),
                               "item": a.item, "author": a.author, "text": a.text,
                               "system": a.system, "url": a.url}.items() if v}
        if a.system and a.preset:
            r["preset"] = a.preset
        r["site"] = a.site or ""
        r["source"] = f"github:{repo} {a.path}@{commit}"
        if stripped:
            r["note"] = "WP Super Cache file: the leading <?php die(); ?> guard removed"
        old = recipes.get(a.name, {})
        if "fix" in old:
            r["fix"] = old["fix"]
        recipes[a.name] = r
        RECIPES.write_text(json.dumps(recipes, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    r = recipes[a.name]
    if a.cmd == "relabel" and r.get("hand"):
        print(f"{a.name}: edited by hand, not relabelled")
        return
    if not r.get("site"):
        r["site"] = ""
    write(a.name, r)


if __name__ == "__main__":
    main()
