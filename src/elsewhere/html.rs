//! A discussion site's comment body (an HTML fragment) → sanitized blocks.

use crate::extract::blocks::{blocks_of, Ctx};
use crate::model::{Block, Inline};
use scraper::Html;
use url::Url;

/// Blocks of an HTML fragment, links resolved against `base`. Text is sanitized by the blocks
/// builder (the one place untrusted text becomes terminal-safe).
pub fn fragment_blocks(fragment: &str, base: &Url) -> Vec<Block> {
    let doc = Html::parse_fragment(fragment);
    let skip = |_: scraper::ElementRef<'_>| false;
    let ctx = Ctx { base, skip: &skip };
    blocks_of(doc.root_element(), &ctx)
}

/// Plain text (markdown source, say) → paragraphs split on blank lines, sanitized.
pub fn text_blocks(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(crate::extract::sanitize::inline)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .map(|text| Block::Paragraph {
            content: vec![Inline::Text { text }],
        })
        .collect()
}
