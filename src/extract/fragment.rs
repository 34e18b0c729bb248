//! HTML fragments from comment services (Disqus `message`, giscus `bodyHTML`, Isso `text`, …)
//! turned into the same sanitized blocks the page engines produce.

use super::blocks;
use crate::model::Block;
use scraper::Html;
use url::Url;

/// The blocks of an HTML fragment, links resolved against `base`; scripts, forms and hidden
/// elements dropped like everywhere else. Every text passes through `sanitize`.
pub fn html_blocks(html: &str, base: &Url) -> Vec<Block> {
    let doc = Html::parse_fragment(html);
    let skip = |_: scraper::ElementRef<'_>| false;
    let ctx = blocks::Ctx { base, skip: &skip };
    blocks::blocks_of(doc.root_element(), &ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::blocks_text;

    #[test]
    fn fragments_become_sanitized_blocks() {
        let base = Url::parse("https://b.test/p/").expect("url");
        let blocks = html_blocks(
            "<p>Hi <a href=\"/x\">there</a>\u{202e}</p><script>alert(1)</script><p>two</p>",
            &base,
        );
        assert_eq!(blocks_text(&blocks), "Hi there\n\ntwo");
        assert!(html_blocks("", &base).is_empty());
    }
}
