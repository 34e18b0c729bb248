//! Comments and the article → pane items: guide bars per depth (indent capped at
//! `MAX_INDENT`, deeper levels get a "↳ depth N" marker), headers "author · 3 days ago"
//! with OP / pending badges, dimmed pingbacks, fold markers, relative dates.

use super::blocks::{render_blocks, Ctx};
use super::lines::Item;
use super::theme::Theme;
use super::time::{shown_date, Zone};
use super::wrap::wrap;
use crate::model::{Comment, CommentKind, Post};
use chrono::{DateTime, Utc};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// Depth levels that get their own indent; deeper comments stay at this indent.
pub const MAX_INDENT: usize = 6;
/// Columns per indent level.
const INDENT: usize = 2;

/// The article pane's items: a title block, then one item per article block.
pub fn article_items(post: &Post, width: usize, now: DateTime<Utc>, ctx: &mut Ctx) -> Vec<Item> {
    let theme = ctx.theme;
    let mut items = Vec::with_capacity(post.blocks.len() + 1);
    let title = if post.title.is_empty() {
        "(untitled)"
    } else {
        post.title.as_str()
    };
    let mut lines = wrap(
        &[(
            title.to_string(),
            theme.heading.add_modifier(Modifier::BOLD),
        )],
        width,
    );
    let mut byline: Vec<String> = Vec::new();
    if let Some(author) = &post.author {
        byline.push(format!("by {author}"));
    }
    if let Some(date) = post
        .published
        .as_deref()
        .and_then(|p| shown_date(p, now, ctx.zone))
    {
        byline.push(date);
    }
    if !post.site.is_empty() {
        byline.push(post.site.clone());
    }
    if post.comments_closed {
        byline.push("comments closed".to_string());
    }
    if !byline.is_empty() {
        lines.extend(wrap(&[(byline.join(" · "), theme.dim)], width));
    }
    lines.push(Line::default());
    items.push(Item { lines, tail: None });
    for block in &post.blocks {
        let mut lines = render_blocks(std::slice::from_ref(block), width, ctx);
        lines.push(Line::default());
        items.push(Item { lines, tail: None });
    }
    items
}

/// The indent guides for a comment at `depth`: one coloured bar per shown level.
pub fn guides(depth: usize, theme: &Theme) -> Vec<Span<'static>> {
    (0..depth.min(MAX_INDENT))
        .map(|level| Span::styled("│ ", theme.guide(level)))
        .collect()
}

fn with_guides(
    gutter: &Span<'static>,
    guides: &[Span<'static>],
    line: Line<'static>,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(guides.len() + line.spans.len() + 1);
    spans.push(gutter.clone());
    spans.extend(guides.iter().cloned());
    spans.extend(line.spans);
    Line::from(spans)
}

/// One comment: a blank separator line, the header, then the body, all behind guide bars.
/// The first span of every non-blank line is a one-column gutter the view uses for the cursor.
pub fn comment_item(
    comment: &Comment,
    is_new: bool,
    width: usize,
    now: DateTime<Utc>,
    ctx: &mut Ctx,
) -> Item {
    let theme = ctx.theme;
    let depth = usize::from(comment.depth);
    let guides = guides(depth, theme);
    let body_width = width
        .saturating_sub(1 + INDENT * depth.min(MAX_INDENT))
        .max(8);
    let gutter = Span::raw(" ");
    let mut lines = vec![
        Line::default(),
        with_guides(
            &gutter,
            &guides,
            header(comment, is_new, now, ctx.zone, theme),
        ),
    ];
    let mut body = render_blocks(&comment.blocks, body_width, ctx);
    if body.is_empty() {
        body = wrap(&[("(no text)".to_string(), theme.dim)], body_width);
    }
    let pingback = comment.kind != CommentKind::Comment;
    for mut line in body {
        if pingback {
            line = line.patch_style(theme.dim);
        }
        lines.push(with_guides(&gutter, &guides, line));
    }
    Item { lines, tail: None }
}

fn header(
    comment: &Comment,
    is_new: bool,
    now: DateTime<Utc>,
    zone: Zone,
    theme: &Theme,
) -> Line<'static> {
    let author = if comment.author.trim().is_empty() {
        "anonymous"
    } else {
        comment.author.as_str()
    };
    let pingback = comment.kind != CommentKind::Comment;
    let author_style = if pingback { theme.dim } else { theme.author };
    let mut spans = vec![Span::styled(author.to_string(), author_style)];
    let date = comment
        .published
        .as_deref()
        .and_then(|p| shown_date(p, now, zone))
        .or_else(|| comment.published_text.clone());
    if let Some(date) = date {
        spans.push(Span::styled(format!(" · {date}"), theme.dim));
    }
    if comment.by_post_author {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" OP ", theme.op_badge));
    }
    if is_new {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" ● new ", theme.new_badge));
    }
    if comment.pending {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" awaiting moderation ", theme.pending));
    }
    match comment.kind {
        CommentKind::Pingback => spans.push(Span::styled(" · pingback", theme.dim)),
        CommentKind::Trackback => spans.push(Span::styled(" · trackback", theme.dim)),
        CommentKind::Comment => {}
    }
    if usize::from(comment.depth) > MAX_INDENT {
        spans.push(Span::styled(
            format!(" ↳ depth {}", comment.depth),
            theme.accent,
        ));
    }
    Line::from(spans)
}

/// The "+ 5 replies" line under a folded comment.
pub fn fold_tail(depth: u16, hidden: usize, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    spans.extend(guides(usize::from(depth), theme));
    let noun = if hidden == 1 { "reply" } else { "replies" };
    spans.push(Span::styled(
        format!("+ {hidden} {noun}"),
        theme.accent.add_modifier(Modifier::BOLD),
    ));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_show_the_time_of_day_of_old_comments_in_the_zone_given() {
        let theme = Theme::default();
        let mut links = Vec::new();
        let mut ctx = Ctx::new(&theme, &mut links);
        let now = DateTime::parse_from_rfc3339("2026-11-28T12:00:00Z")
            .expect("now")
            .with_timezone(&Utc);
        let comment = |published: &str| Comment {
            id: "1".into(),
            author: "Ada".into(),
            published: Some(published.into()),
            ..Comment::default()
        };
        let header =
            |c: &Comment, ctx: &mut Ctx| comment_item(c, false, 80, now, ctx).lines[1].to_string();
        assert_eq!(
            header(&comment("2026-11-28T10:00:00Z"), &mut ctx),
            " Ada · 2 hours ago"
        );
        assert_eq!(
            header(&comment("2024-03-12T14:05:00+01:00"), &mut ctx),
            " Ada · 12 Mar 2024 13:05"
        );
        let post = Post {
            url: "https://a.example/p/".into(),
            title: "T".into(),
            published: Some("2024-03-12T14:05:00Z".into()),
            ..Post::default()
        };
        let items = article_items(&post, 80, now, &mut ctx);
        assert_eq!(items[0].lines[1].to_string(), "12 Mar 2024 14:05");
    }

    #[test]
    fn deep_comments_cap_indent_and_say_depth() {
        let theme = Theme::default();
        let mut links = Vec::new();
        let mut ctx = Ctx::new(&theme, &mut links);
        let now = Utc::now();
        let comment = Comment {
            id: "9".into(),
            depth: 9,
            author: "deep".into(),
            ..Comment::default()
        };
        let item = comment_item(&comment, false, 80, now, &mut ctx);
        let header = item.lines[1].to_string();
        assert_eq!(header, " │ │ │ │ │ │ deep ↳ depth 9");
    }
}
