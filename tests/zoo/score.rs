//! Scoring one extracted comment list against a hand-written expected tree (tests/zoo.rs):
//! id, parent, author, the first words of the text, kind (pingback) and pending.

use parlor::model::{blocks_text, Comment, CommentKind};
use serde_json::Value;

/// How many words of the expected text must start the extracted text.
const FIRST_WORDS: usize = 5;

/// The seeded pingback's excerpt: themes printing pings short (`short_ping`) leave it out.
const PING_EXCERPT: &str = "A post on another blog links here";

/// One expected comment.
#[derive(Debug, Clone)]
pub struct Want {
    pub id: String,
    pub parent: Option<String>,
    pub author: String,
    /// The expected text, whitespace collapsed; empty when the page does not show it.
    pub text: String,
    pub ping: bool,
    pub pending: bool,
    /// The page carries the id (`comment-ID`); where it does not (pings listed apart, as in
    /// Twenty Eleven and Hueman), the comment is matched by author and kind instead.
    pub id_shown: bool,
}

/// One extracted comment, reduced to what is compared.
#[derive(Debug, Clone)]
pub struct Got {
    pub id: String,
    pub parent: Option<String>,
    pub author: String,
    pub text: String,
    pub ping: bool,
    pub pending: bool,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Want {
    /// From an entry of scripts/wp/expected-*.json. `html` is the raw page: a pingback's
    /// excerpt is expected only where the theme prints it; elsewhere the page shows only the
    /// linking post's title ("Pingback: Some Other Blog"), and that is its text.
    pub fn from_json(c: &Value, html: &str) -> Want {
        let ping = c["pingback"] == Value::Bool(true);
        let text = c["text"].as_str().expect("text");
        let shown = !ping || html.contains(PING_EXCERPT);
        let id = c["id"].as_str().expect("id");
        Want {
            // As an element's id (`id="comment-12"`, `id="li-comment-12"`): a link to
            // `#comment-12` (a "recent comments" sidebar) does not show it on the comment.
            id_shown: ["id=\"", "id='", "-"].iter().any(|pre| {
                html.contains(&format!("{pre}comment-{id}\""))
                    || html.contains(&format!("{pre}comment-{id}'"))
            }),
            id: id.to_string(),
            parent: c["parent"].as_str().map(String::from),
            author: c["author"].as_str().expect("author").to_string(),
            text: if shown {
                squash(text)
            } else {
                squash(c["author"].as_str().expect("author"))
            },
            ping,
            pending: false,
        }
    }

    /// Comment 13 of scripts/wp/seed.php, held for moderation, shown to its author.
    pub fn held_mallory() -> Want {
        Want {
            id: "13".into(),
            parent: None,
            author: "Mallory".into(),
            text: "This comment waits for moderation.".into(),
            ping: false,
            pending: true,
            id_shown: true,
        }
    }

    /// The comment a perfect extraction would give.
    pub fn as_got(&self) -> Got {
        Got {
            id: self.id.clone(),
            parent: self.parent.clone(),
            author: self.author.clone(),
            text: self.text.clone(),
            ping: self.ping,
            pending: self.pending,
        }
    }

    fn text_ok(&self, got: &str) -> bool {
        if self.text.is_empty() {
            return got.is_empty();
        }
        let head: Vec<&str> = self.text.split(' ').take(FIRST_WORDS).collect();
        let head = head.join(" ");
        got == head || got.starts_with(&format!("{head} "))
    }
}

impl Got {
    pub fn from_comment(c: &Comment) -> Got {
        Got {
            id: c.id.clone(),
            parent: c.parent.clone(),
            author: c.author.clone(),
            text: squash(&blocks_text(&c.blocks)),
            ping: c.kind != CommentKind::Comment,
            pending: c.pending,
        }
    }
}

/// Counts over pages and comments.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Score {
    pub pages: u32,
    pub pages_exact: u32,
    /// Expected comments.
    pub comments: u32,
    /// Expected comments whose id was extracted.
    pub comments_found: u32,
    pub authors_right: u32,
    pub parents_right: u32,
    pub texts_right: u32,
    /// Kind (pingback) and pending both right.
    pub kinds_right: u32,
    /// Extracted comments that are not in the expected tree.
    pub extra: u32,
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.pages += o.pages;
        self.pages_exact += o.pages_exact;
        self.comments += o.comments;
        self.comments_found += o.comments_found;
        self.authors_right += o.authors_right;
        self.parents_right += o.parents_right;
        self.texts_right += o.texts_right;
        self.kinds_right += o.kinds_right;
        self.extra += o.extra;
    }

    fn fields(&self) -> [(&'static str, u32); 6] {
        [
            ("pages_exact", self.pages_exact),
            ("comments_found", self.comments_found),
            ("authors_right", self.authors_right),
            ("parents_right", self.parents_right),
            ("texts_right", self.texts_right),
            ("kinds_right", self.kinds_right),
        ]
    }

    /// The floors file: every field above, as a number.
    pub fn from_json(v: &Value) -> Score {
        let f = |k: &str| {
            v[k].as_u64()
                .unwrap_or_else(|| panic!("floors.json lacks the number {k:?}")) as u32
        };
        Score {
            pages_exact: f("pages_exact"),
            comments_found: f("comments_found"),
            authors_right: f("authors_right"),
            parents_right: f("parents_right"),
            texts_right: f("texts_right"),
            kinds_right: f("kinds_right"),
            ..Score::default()
        }
    }

    /// One message per total below its floor.
    pub fn below(&self, floors: &Score) -> Vec<String> {
        self.fields()
            .iter()
            .zip(floors.fields())
            .filter(|((_, have), (_, floor))| have < floor)
            .map(|((name, have), (_, floor))| {
                format!("{name}: {have}, below the floor {floor} in tests/fixtures/zoo/floors.json")
            })
            .collect()
    }
}

/// Scores `got` against one expected tree; the second value says what differs.
pub fn score_rows_detail(want: &[Want], got: &[Got]) -> (Score, String) {
    let mut s = Score {
        pages: 1,
        comments: want.len() as u32,
        ..Score::default()
    };
    let mut diffs = Vec::new();
    let mut at = Vec::new();
    for w in want {
        let by_id = got.iter().position(|g| g.id == w.id);
        let by_author = || {
            got.iter().position(|g| {
                g.author == w.author && g.ping == w.ping && want.iter().all(|o| o.id != g.id)
            })
        };
        let Some(i) = by_id.or_else(|| if w.id_shown { None } else { by_author() }) else {
            diffs.push(format!("{} missing", w.id));
            continue;
        };
        at.push(i);
        let g = &got[i];
        s.comments_found += 1;
        let mut check = |ok: bool, what: &str, exp: String, have: String| {
            if !ok {
                diffs.push(format!("{} {what}: want {exp:?}, got {have:?}", w.id));
            }
            ok as u32
        };
        s.authors_right += check(
            g.author == w.author,
            "author",
            w.author.clone(),
            g.author.clone(),
        );
        s.parents_right += check(
            g.parent == w.parent,
            "parent",
            format!("{:?}", w.parent),
            format!("{:?}", g.parent),
        );
        s.texts_right += check(
            w.text_ok(&g.text),
            "text",
            w.text.clone(),
            g.text.chars().take(80).collect(),
        );
        s.kinds_right += check(
            g.ping == w.ping && g.pending == w.pending,
            "ping/pending",
            format!("{}/{}", w.ping, w.pending),
            format!("{}/{}", g.ping, g.pending),
        );
    }
    let extra: Vec<&str> = got
        .iter()
        .enumerate()
        .filter(|(i, _)| !at.contains(i))
        .map(|(_, g)| g.id.as_str())
        .collect();
    s.extra = extra.len() as u32;
    if !extra.is_empty() {
        diffs.push(format!("extra comments {extra:?}"));
    }
    // Pings may be printed apart from the comments (their own list, after or before): the
    // order is the comments' order.
    let in_order: Vec<usize> = at.iter().copied().filter(|i| !got[*i].ping).collect();
    let order_ok = at.len() == got.len() && in_order.windows(2).all(|p| p[0] < p[1]);
    if !order_ok && extra.is_empty() && s.comments_found == s.comments {
        diffs.push("thread order differs".into());
    }
    if diffs.is_empty() && order_ok {
        s.pages_exact = 1;
    }
    (s, diffs.join("; "))
}

pub fn score_rows(want: &[Want], got: &[Got]) -> Score {
    score_rows_detail(want, got).0
}

/// The best score over the alternative expected trees (see expected-post7.json).
pub fn best(wants: &[Vec<Want>], comments: &[Comment]) -> (Score, String) {
    let got: Vec<Got> = comments.iter().map(Got::from_comment).collect();
    let rank = |s: &Score| {
        (
            s.pages_exact,
            s.comments_found + s.authors_right + s.parents_right + s.texts_right + s.kinds_right,
        )
    };
    wants
        .iter()
        .map(|w| score_rows_detail(w, &got))
        .max_by_key(|(s, _)| rank(s))
        .unwrap_or_default()
}
