//! Generic-engine tests, block conversion rules and hostile inputs.

use super::*;

#[test]
fn garbage_input_never_panics() {
    let url = Url::parse("http://x.test/").expect("url");
    let deep = "<div>".repeat(20_000) + "text" + &"</div>".repeat(20_000);
    let nested_comments = "<ol><li id=\"comment-1\" class=\"comment parent\">".repeat(3000);
    let siblings = "<ol><li id=\"comment-1\" class=\"comment\">a</li><li id=\"comment-2\" class=\"comment\">b</li></ol>";
    let unclosed_li = format!("{siblings}{}", "<li ".repeat(50_000));
    let closing_li = format!("{}{siblings}", "</li>".repeat(50_000));
    for html in [
        unclosed_li.as_str(),
        closing_li.as_str(),
        "",
        "<",
        "\u{0}\u{1b}[",
        "<html><body><p>",
        deep.as_str(),
        nested_comments.as_str(),
        "<li id=\"comment-\" class=\"comment\">x",
    ] {
        let p = extract(html, &url);
        assert_eq!(p.url, "http://x.test/");
    }
}

#[test]
fn generic_blog_article_metadata_and_comments() {
    let p = load("generic/blog.html", "https://ada.example/notes/engines/");
    assert_eq!(p.engine, Engine::Generic);
    assert_eq!(p.title, "Notes on Engines");
    assert_eq!(p.author.as_deref(), Some("Ada Lovelace"));
    assert_eq!(p.published.as_deref(), Some("2024-02-01T09:00:00Z"));
    assert_eq!(
        p.canonical_url.as_deref(),
        Some("https://ada.example/notes/engines/")
    );
    assert_eq!(p.site, "ada.example");
    assert_eq!(p.comment_count, Some(3));
    let heading = Block::Heading {
        level: 2,
        content: vec![t("Second part")],
    };
    assert_eq!(p.blocks.len(), 4, "{:#?}", p.blocks);
    assert_eq!(p.blocks[2], heading);
    assert_eq!(
        p.blocks[1],
        para(vec![
            t("Its operating mechanism can act upon other things besides number, were objects found whose mutual relations could be expressed by those of the "),
            Inline::Link { href: "https://ada.example/science/".into(), content: vec![t("abstract science")] },
            t(" of operations."),
        ])
    );
    assert!(blocks_text(&p.blocks).starts_with("The Analytical Engine weaves"));
    assert!(blocks_text(&p.blocks).ends_with("the engine might compose music."));
    assert_eq!(
        tree(&p),
        vec![
            row("c101", None, 0, "Zoe"),
            row("c102", Some("c101"), 1, "Yann"),
            row("c103", None, 0, "Xavier")
        ]
    );
    assert_eq!(
        texts(&p),
        [
            "Wonderful insight.",
            "Agreed.",
            "Music from machines? Never."
        ]
    );
    let c = &p.comments;
    assert_eq!(c[0].author_url.as_deref(), Some("https://zoe.example/"));
    assert_eq!(c[0].published.as_deref(), Some("2024-02-02T10:00:00Z"));
    assert_eq!(
        (c[1].published.as_deref(), c[1].published_text.as_deref()),
        (None, Some("3 February"))
    );
}

#[test]
fn block_conversion_rules() {
    let html = "<html><head><link rel=stylesheet href=/wp-content/x.css></head><body><div class=entry-content>
  Loose   text <b>bold</b><br>
  next line
  <div>inner <span>span</span></div>
  <p>a <a href=\"javascript:alert(1)\">trap</a> and <a href=/rel>rel</a></p>
  <pre class=wp-block-code><code class=language-py>def f():\n\treturn 1\n</code></pre>
  <img data-src=/lazy.png src=\"data:image/gif;base64,AAAA\" alt=Lazy>
  <table><thead><tr><th>H1</th><th>H2</th></tr></thead><tbody><tr><td>a</td><td><em>b</em></td></tr></tbody></table>
  <ol><li>one</li><li>two</li></ol>
  <hr>
  <script>evil()</script><style>.x{}</style><nav>menu</nav><form><input name=a></form>
  <h3>Head  <em>ing</em></h3>
  <p>para<br><br>split</p>
</div></body></html>";
    let p = extract(html, &Url::parse("https://blog.test/post/").expect("url"));
    let cell = |s: &str| vec![t(s)];
    let want = vec![
        para(vec![
            t("Loose text "),
            Inline::Strong {
                content: vec![t("bold")],
            },
            Inline::Break,
            t("next line"),
        ]),
        para(vec![t("inner span")]),
        para(vec![
            t("a trap and "),
            Inline::Link {
                href: "https://blog.test/rel".into(),
                content: vec![t("rel")],
            },
        ]),
        Block::Code {
            lang: Some("py".into()),
            text: "def f():\n\treturn 1".into(),
        },
        Block::Image {
            alt: "Lazy".into(),
            src: Some("https://blog.test/lazy.png".into()),
        },
        Block::Table {
            header: true,
            rows: vec![
                vec![cell("H1"), cell("H2")],
                vec![
                    cell("a"),
                    vec![Inline::Emphasis {
                        content: vec![t("b")],
                    }],
                ],
            ],
        },
        Block::List {
            ordered: true,
            items: vec![vec![para(vec![t("one")])], vec![para(vec![t("two")])]],
        },
        Block::Rule,
        Block::Heading {
            level: 3,
            content: vec![
                t("Head "),
                Inline::Emphasis {
                    content: vec![t("ing")],
                },
            ],
        },
        para(vec![t("para")]),
        para(vec![t("split")]),
    ];
    assert_eq!(p.engine, Engine::WordPress);
    assert_eq!(p.blocks, want);
}

/// Comments inside the post's own container (marked only by microdata) are read as comments
/// and left out of the article: neither swallows the other.
#[test]
fn comments_inside_the_article_container_stay_out_of_the_article() {
    let comment = |n: u32, who: &str, text: &str| {
        format!(
            "<div itemprop=\"comment\" itemscope itemtype=\"https://schema.org/Comment\" data-comment-id=\"{n}\">
<p><span itemprop=\"author\">{who}</span>, <time datetime=\"2024-05-0{n}T10:00:00Z\">May {n}, 2024</time></p>
<div itemprop=\"text\"><p>{text}</p></div></div>"
        )
    };
    let html = format!(
        "<html><head><title>Field notes</title></head><body><div class=\"page\"><div class=\"main\">
<h1>Field notes</h1>{}
<h2>Responses</h2>{}{}</div></div></body></html>",
        "<p>We walked the ridge at dawn, counted the birds, and wrote down every call we heard, \
         from the first wren to the last owl.</p>"
            .repeat(6),
        comment(1, "Ana", "Lovely walk, which ridge was it, the northern one or the southern one?"),
        comment(2, "Ben", "We heard the same owl last spring, it calls at the same hour every night.")
    );
    let p = extract(
        &html,
        &Url::parse("https://notes.example/ridge").expect("test url"),
    );
    let who: Vec<&str> = p.comments.iter().map(|c| c.author.as_str()).collect();
    assert_eq!(who, vec!["Ana", "Ben"]);
    let article = parlor::model::blocks_text(&p.blocks);
    assert!(article.contains("We walked the ridge"), "{article}");
    assert!(
        !article.contains("Lovely walk") && !article.contains("same owl"),
        "{article}"
    );
}
