#!/usr/bin/env python3
# NOT parlor. A tiny independent WordPress comment extractor that mimics
# `parlor dump --format json URL`, used only to check tests/wordpress.rs itself (its expected
# trees and per-theme rules) before parlor's extractor exists:
#   PARLOR_WP_CHECK_WITH=scripts/wp/mock-parlor-dump.py PARLOR_WP_URL=http://127.0.0.1:8089 \
#   PARLOR_WP_THEMES=all cargo test --test wordpress
# stdlib only; follows comment pages transitively. Not used by CI (refused there).
import sys, json, re, urllib.request, html
from html.parser import HTMLParser
VOID={'img','br','input','meta','link','hr','source','area','base','col','embed','wbr'}
class N:
    def __init__(s,tag,attrs,parent): s.tag=tag; s.a=dict(attrs); s.kids=[]; s.parent=parent
    def cls(s): return (s.a.get('class') or '').split()
class P(HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True); s.root=N('root',[],None); s.cur=s.root
    def handle_starttag(s,t,a):
        n=N(t,a,s.cur); s.cur.kids.append(n)
        if t not in VOID: s.cur=n
    def handle_startendtag(s,t,a): s.cur.kids.append(N(t,a,s.cur))
    def handle_endtag(s,t):
        n=s.cur
        while n is not None and n.tag!=t: n=n.parent
        if n is not None and n.parent is not None: s.cur=n.parent
    def handle_data(s,d):
        if s.cur.tag not in ('script','style'): s.cur.kids.append(d)
def walk(n,stop=None):
    for k in n.kids:
        if isinstance(k,N):
            yield k
            if stop and stop(k): continue
            yield from walk(k,stop)
def text(n):
    return ''.join(k if isinstance(k,str) else text(k) for k in n.kids)
def iscomment(n): return re.fullmatch(r'comment-\d+',n.a.get('id') or '') and set(n.cls())&{'comment','pingback','trackback'}
def first(n,pred):
    for k in walk(n,stop=iscomment):
        if pred(k): return k
def paras(n):
    ps=[k for k in walk(n) if k.tag=='p']
    return '\n\n'.join(text(p).strip() for p in ps) if ps else text(n).strip()
def get(url):
    return urllib.request.urlopen(url).read().decode()
def comments(root):
    out=[]
    def rec(n,parent,depth):
        for k in n.kids:
            if not isinstance(k,N): continue
            if iscomment(k):
                cid=k.a['id'][8:]
                a=first(k,lambda x:'fn' in x.cls() or 'wp-block-comment-author-name' in x.cls())
                t=first(k,lambda x:x.tag=='time' and 'datetime' in x.a)
                c=first(k,lambda x:'comment-content' in x.cls() or 'wp-block-comment-content' in x.cls())
                m=first(k,lambda x:set(x.cls())&{'comment-metadata','commentmetadata','wp-block-comment-date'})
                link=first(m,lambda x:x.tag=='a') if m else None
                if c is not None: body=paras(c)
                else:
                    b=first(k,lambda x:'comment-body' in x.cls())
                    body='\n\n'.join(text(p).strip() for p in b.kids if isinstance(p,N) and p.tag=='p') if b else ''
                author=text(a).strip() if a else (text(first(k,lambda x:x.tag=='a')).strip())
                out.append(dict(id=cid,parent=parent,depth=depth,author=author,published=t.a['datetime'] if t else None,
                    permalink=link.a.get('href') if link else None,text=body))
                rec(k,cid,depth+1)
            else: rec(k,parent,depth)
    rec(root,None,0); return out
url=sys.argv[-1]
root=P(); root.feed(get(url)); root=root.root
def links(r): return {int(m) for m in re.findall(r'/comment-page-(\d+)/', json.dumps([k.a.get('href','') for k in walk(r) if k.tag=='a']))}
todo=sorted(links(root)); done={}
base=url
while todo:
    p=todo.pop(0)
    if p in done: continue
    pr=P(); pr.feed(get(base+'comment-page-%d/'%p)); done[p]=pr.root
    todo+= [q for q in links(pr.root) if q not in done]
allc=[]; seen=set()
srcs=[done[k] for k in sorted(done)] or [root]
for r in srcs:
    for c in comments(r):
        if c['id'] not in seen: seen.add(c['id']); allc.append(c)
title=first(root,lambda x:'entry-title' in x.cls() or 'wp-block-post-title' in x.cls() or (x.tag=='a' and x.a.get('rel')=='bookmark'))
au=first(root,lambda x:x.a.get('rel')=='author' or 'wp-block-post-author__name' in x.cls())
pt=first(root,lambda x:x.tag=='time' and 'datetime' in x.a and not iscomment(x))
body=first(root,lambda x:'entry-content' in x.cls() or 'entry' in x.cls())
form=first(root,lambda x:x.a.get('id')=='commentform')
print(json.dumps(dict(url=url,title=text(title).strip() if title else '',author=text(au).strip() if au else None,
  published=pt.a['datetime'] if pt else None,engine='wordpress',text=text(body) if body else '',
  comments_closed=form is None,comments=allc),ensure_ascii=False))
