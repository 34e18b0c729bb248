#!/usr/bin/env python3
"""Labeller for corpus-b pages: writes expected.json from per-page recipes.

Independent of parlor: selectors are chosen per page/theme by a person after
reading the HTML, kept in pages_b.json, and every result is checked by eye
(`show`) and fixed by hand where needed (a recipe's "fix" list, or "hand": true
to keep an expected.json edited by hand).

    python3 label_b.py add  FAMILY/SLUG --mirror OWNER+REPO --path P --recipe NAME [--url U] [--site S]
    python3 label_b.py label [FAMILY/SLUG ...]   # (re)write expected.json
    python3 label_b.py show  FAMILY/SLUG         # print the tree for checking by eye
    python3 label_b.py check                     # raw-HTML counts vs labels, ids, parents
    python3 label_b.py restore                   # re-extract page.html files from /work/.mirror

Recipe keys (all optional except item):
  item      CSS selector of one comment block
  id_attr   attribute holding the id (default "id"); id_re regex with one group
  id_prev   regex matched against the id/name of the nearest preceding <a> anchor
  author    CSS selector inside the block; author_re regex (one group) on its text
  author_sib / author_prev  CSS selector of the next / previous sibling holding the author
  author_html_re  regex (one group) on the block's HTML; the group's text is the author
  author_before  CSS selector of the nearest earlier element (document order) holding the author
  author_attr  take the author from this attribute of the author element
  text      CSS selector of the text inside the block (default: the block)
  drop      CSS selectors removed from the text before reading it
  text_re   regex (one group) applied to the text
  parent    "ref" (parent_sel links, parent_re on href) |
            "nest" (nearest enclosing block) | "depth" (depth_re on class) | "none"
  variants  [{"when": CSS selector the block matches, ...keys overriding the recipe}]
  kind      fixed kind for the recipe or variant
  kind_re   {"pingback": regex, "trackback": regex} tested on the block's class + author text
"""
import copy
import json
import os
import re
import subprocess
import sys

from bs4 import BeautifulSoup, NavigableString, Tag, Comment

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # tests/corpus/comments
PAGES = os.path.join(HERE, "pages_b.json")
RECIPES = os.path.join(HERE, "recipes_b.json")
MIRROR = "/work/.mirror"

BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4",
    "h5", "h6", "tr", "td", "th", "table", "dd", "dt", "dl", "article", "section",
    "header", "footer", "hr", "figure", "figcaption", "aside", "nav", "address",
}


def render(node):
    """Text as a browser shows it: inline runs joined, blocks separated."""
    out = []

    def walk(n):
        if isinstance(n, Comment):
            return
        if isinstance(n, NavigableString):
            out.append(str(n))
            return
        if not isinstance(n, Tag):
            return
        if n.name in ("script", "style", "noscript", "template"):
            return
        block = n.name in BLOCK
        if block:
            out.append(" ")
        if n.name == "img" and n.get("alt"):
            pass  # images are not text
        for c in n.children:
            walk(c)
        if block:
            out.append(" ")

    walk(node)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def first_words(s, n=12):
    """First n words; a run without spaces (CJK) is cut at 40 characters."""
    out = []
    for w in s.split()[:n]:
        if len(w) > 40:
            out.append(w[:40])
            break
        out.append(w)
    return " ".join(out)


def load(path):
    with open(path) as f:
        return json.load(f)


def save(path, data):
    with open(path, "w") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")


def page_path(key):
    return os.path.join(ROOT, key, "page.html")


def read_page(key):
    with open(page_path(key), "rb") as f:
        raw = f.read()
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    enc = m.group(1).decode().lower() if m else "utf-8"
    enc = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252",
           "latin1": "cp1252", "us-ascii": "utf-8"}.get(enc, enc)
    try:
        text = raw.decode(enc, "replace")
    except LookupError:
        text = raw.decode("utf-8", "replace")
    return BeautifulSoup(text, "html5lib")  # parsed as a browser would


def block_id(el, r):
    if "id_prev" in r:
        a = el.find_previous(lambda t: t.name == "a" and (t.get("id") or t.get("name")))
        if a is None:
            return None
        m = re.search(r["id_prev"], a.get("id") or a.get("name"))
        return next((g for g in m.groups() if g), None) if m else None
    if "id_sel" in r:
        sub = el.select_one(r["id_sel"])
        if sub is None:
            return None
        v = render(sub) if r.get("id_attr") == "_text" else sub.get(r.get("id_attr", "id"), "")
    else:
        v = el.get(r.get("id_attr", "id"), "")
    if isinstance(v, list):
        v = " ".join(v)
    if not v:
        return None
    if "id_re" in r:
        m = re.search(r["id_re"], v)
        return next((g for g in m.groups() if g), None) if m else None
    return v


def own(el, sel, items):
    """First element matching sel inside el but not inside a nested comment block."""
    if el.css.match(sel):
        return el
    for c in el.select(sel):
        anc = c.parent
        nested = False
        while anc is not None and anc is not el:
            if id(anc) in items:
                nested = True
                break
            anc = anc.parent
        if not nested:
            return c
    return None


def wrap_runs(soup, spec):
    """Comments written as sibling runs (an anchor, paragraphs, a "Posted by" line) with no
    element of their own: each run from a `start` element through the next `end` sibling is
    wrapped in a div.label-run carrying the start element's id."""
    for a in soup.select(spec["start"]):
        run = [a]
        for sib in a.next_siblings:
            run.append(sib)
            if isinstance(sib, Tag) and sib.css.match(spec["end"]):
                break
        else:
            continue
        box = soup.new_tag("div", attrs={"class": "label-run", "id": a.get("id") or a.get("name")})
        a.insert_before(box)
        for n in run:
            box.append(n.extract())


def label(key, rec):
    soup = read_page(key)
    r = rec
    if "wrap_runs" in r:
        wrap_runs(soup, r["wrap_runs"])
    blocks = soup.select(r["item"])[r.get("skip", 0):]  # skip: leading blocks that are the article
    items = {id(b): b for b in blocks}
    out = []
    ids = {}
    base = r
    for b in blocks:
        r = base
        for v in base.get("variants", []):
            if b.css.match(v["when"]):
                r = dict(base, **v)
                break
        cid = block_id(b, r)
        if r.get("require_id") and cid is None:
            continue
        # author
        author = ""
        if "author_before" in r:  # nearest element before the block in document order
            a = b.find_previous(lambda t: isinstance(t, Tag) and t.css.match(r["author_before"]))
            if a is not None:
                author = render(a)
        if "author_sib" in r:
            a = next((x for x in b.find_next_siblings() if x.css.match(r["author_sib"])), None)
            if a is not None:
                author = render(a)
        if "author_prev" in r:
            a = next((x for x in b.find_previous_siblings() if x.css.match(r["author_prev"])), None)
            if a is not None:
                author = render(a)
        if "author" in r:
            a = own(b, r["author"], items)
            if a is not None:
                author = a.get(r["author_attr"], "") if "author_attr" in r else render(a)
        if "author_html_re" in r:
            m = re.search(r["author_html_re"], str(b), re.S)
            author = render(BeautifulSoup(m.group(1), "html.parser")) if m else author
        if "author_re" in r:
            m = re.search(r["author_re"], author, re.S)
            author = m.group(1) if m else author
        author = re.sub(r"\s+", " ", author).strip()
        # text
        t = own(b, r["text"], items) if "text" in r else b
        text = ""
        if t is not None:
            t = copy.copy(t)
            if r.get("drop_nested", True):
                for x in t.select(r["item"]):
                    x.decompose()
            for d in r.get("drop", []):
                for x in t.select(d):
                    x.decompose()
            text = render(t)
        if "text_re" in r:
            m = re.search(r["text_re"], text, re.S)
            text = m.group(1).strip() if m else text
        # parent
        parent = None
        mode = r.get("parent", "nest")
        if mode == "nest":
            anc = b.parent
            while anc is not None:
                if id(anc) in items:
                    parent = ids.get(id(anc))
                    break
                anc = anc.parent
        elif mode == "ref":  # a link in the block points at the parent comment
            for a in b.select(r["parent_sel"]):
                m = re.search(r["parent_re"], a.get("href", ""))
                if m and m.group(1) != cid:
                    parent = m.group(1)
                    break
        elif mode == "indented":
            # Drupal 6 style: replies sit in div.indented right after their parent
            anc = b.parent
            while anc is not None and anc.name != "body":
                if id(anc) in items:
                    parent = ids.get(id(anc))
                    break
                if anc.name and anc.css.match(r.get("indent", "div.indented")):
                    prev = anc.find_previous_sibling(lambda t: isinstance(t, Tag) and (id(t) in items or t.select_one(r["item"]) is not None))
                    if prev is not None:
                        if id(prev) in items:
                            parent = ids.get(id(prev))
                        else:
                            cands = [x for x in prev.select(r["item"])]
                            parent = ids.get(id(cands[-1])) if cands else None
                    break
                anc = anc.parent
        elif mode == "depth":
            if "depth_anc" in r:  # depth = number of enclosing wrappers (e.g. div.indented)
                d = sum(1 for x in b.parents if x.name and x.css.match(r["depth_anc"]))
            else:
                if r.get("depth_attr") == "_attrnames":  # depth-N written as attribute names (mangled tag)
                    cls = " ".join(b.attrs.keys())
                else:
                    cls = b.get(r.get("depth_attr", "class"), "")
                cls = " ".join(cls) if isinstance(cls, list) else cls
                m = re.search(r["depth_re"], cls)
                d = (int(m.group(1)) - r.get("depth_base", 0)) // r.get("depth_div", 1) if m else 0
            # parent = last seen comment with depth d-1
            parent = None
            for prev in reversed(out):
                if prev.get("_depth", 0) == d - 1:
                    parent = prev["id"]
                    break
                if prev.get("_depth", 0) < d - 1:
                    break
        kind = r.get("kind", "comment")
        probe = " ".join(b.get("class", [])) + " " + author
        for k, rx in r.get("kind_re", {}).items():
            if re.search(rx, probe):
                kind = k
        entry = {"id": cid, "parent": parent, "author": author,
                 "text": first_words(text), "kind": kind}
        if mode == "depth":
            entry["_depth"] = d
        ids[id(b)] = cid
        out.append(entry)
    for e in out:
        e.pop("_depth", None)
    r = base
    for fx in [dict(f) for f in r.get("fix", [])]:
        i = fx.pop("index") if "index" in fx else None
        if fx.get("delete"):
            out[i] = None
            continue
        out[i].update(fx)
    return [e for e in out if e is not None]


def cmd_label(keys):
    pages = load(PAGES)
    recipes = load(RECIPES)
    for key in keys or list(pages):
        p = pages[key]
        if p.get("hand"):
            continue
        comments = [] if p.get("comment_system") else label(key, dict(recipes[p["recipe"]], **p.get("override", {})))
        fam = key.split("/")[0]
        exp = {
            "url": p["url"],
            "family": fam,
            "site": p["site"],
            "source": "github:%s %s@%s" % (p["mirror"].replace("+", "/", 1), p["path"], p["commit"]),
            "comment_system": p.get("comment_system"),
            "comments": comments,
        }
        save(os.path.join(ROOT, key, "expected.json"), exp)
        print("%-60s %3d comments" % (key, len(comments)))


def cmd_check():
    """Independent count: each recipe's count_re regexes on the raw HTML vs the labelled tree."""
    pages, recipes, bad = load(PAGES), load(RECIPES), 0
    for key, p in sorted(pages.items()):
        exp = load(os.path.join(ROOT, key, "expected.json"))
        c = exp["comments"]
        ids = [x["id"] for x in c if x["id"]]
        problems = []
        if len(ids) != len(set(ids)):
            problems.append("duplicate ids")
        if any(x["parent"] and x["parent"] not in ids for x in c):
            problems.append("parent not on page")
        if p.get("comment_system"):
            if c:
                problems.append("script-loaded page with comments")
        else:
            r = dict(recipes[p["recipe"]], **p.get("override", {}))
            with open(page_path(key), "rb") as f:
                raw = f.read().decode("utf-8", "replace")
            n = sum(len(re.findall(x, raw)) for x in r["count_re"]) - r.get("skip", 0)
            n -= sum(1 for fx in r.get("fix", []) if fx.get("delete"))
            if n != len(c):
                problems.append("raw count %d != %d labelled" % (n, len(c)))
        if problems:
            bad += 1
            print(key, "; ".join(problems))
    print("%d pages checked, %d with problems" % (len(pages), bad))
    return bad


def cmd_show(key):
    exp = load(os.path.join(ROOT, key, "expected.json"))
    print(exp["url"], exp["source"])
    depth = {}
    for c in exp["comments"]:
        d = depth.get(c["parent"], -1) + 1 if c["parent"] else 0
        depth[c["id"]] = d
        sys.stdout.write("%s[%s<-%s] %s %s: %s" % ("  " * d, c["id"], c["parent"], c["kind"][0], c["author"], c["text"]) + "\n")


def git_dir(mirror):
    d = os.path.join(MIRROR, mirror, "repo")
    return os.path.join(d, ".git") if os.path.isdir(os.path.join(d, ".git")) else d


def git_show(mirror, commit, path):
    env = dict(os.environ, GIT_DIR=git_dir(mirror))
    return subprocess.run(["git", "show", "%s:%s" % (commit, path)], env=env,
                          capture_output=True, check=True).stdout


def cmd_add(args):
    key = args[0]
    opts = dict(zip(args[1::2], args[2::2]))
    mirror, path = opts["--mirror"], opts["--path"]
    env = dict(os.environ, GIT_DIR=git_dir(mirror))
    commit = subprocess.run(["git", "rev-parse", opts.get("--ref", "HEAD")], env=env, capture_output=True,
                            text=True, check=True).stdout.strip()
    raw = git_show(mirror, commit, path)
    os.makedirs(os.path.join(ROOT, key), exist_ok=True)
    with open(page_path(key), "wb") as f:
        f.write(raw)
    url = opts.get("--url")
    if not url:
        soup = BeautifulSoup(raw, "lxml")
        for sel, attr in (("link[rel=canonical]", "href"), ("meta[property='og:url']", "content")):
            el = soup.select_one(sel)
            if el is not None and el.get(attr, "").startswith("http"):
                url = el[attr]
                break
    pages = load(PAGES) if os.path.exists(PAGES) else {}
    pages[key] = {"url": url or "", "site": opts.get("--site", ""), "mirror": mirror,
                  "path": path, "commit": commit, "recipe": opts.get("--recipe", ""),
                  "comment_system": opts.get("--system")}
    save(PAGES, pages)
    print(key, len(raw), "bytes", url)


def cmd_restore():
    for key, p in load(PAGES).items():
        if not os.path.exists(page_path(key)):
            os.makedirs(os.path.join(ROOT, key), exist_ok=True)
            with open(page_path(key), "wb") as f:
                f.write(git_show(p["mirror"], p["commit"], p["path"]))
            print("restored", key)


def main():
    a = sys.argv[1:]
    if not a:
        print(__doc__)
        return
    if a[0] == "label":
        cmd_label(a[1:])
    elif a[0] == "show":
        cmd_show(a[1])
    elif a[0] == "add":
        cmd_add(a[1:])
    elif a[0] == "check":
        sys.exit(1 if cmd_check() else 0)
    elif a[0] == "restore":
        cmd_restore()
    else:
        print(__doc__)


if __name__ == "__main__":
    main()
