//! Model blocks → styled, wrapped lines: headings, paragraphs, lists, quotes with a bar, boxed
//! code (clipped, never re-wrapped), images, rules, tables; links get numbers `[n]`.

use super::theme::Theme;
use super::wrap::{clip, str_width, wrap, Run};
use crate::model::{inline_text, Block, Inline};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// What rendering needs besides the blocks: the theme and the link table being numbered.
pub struct Ctx<'a> {
    pub theme: &'a Theme,
    /// Link targets in number order; link `[n]` is `links[n - 1]`.
    pub links: &'a mut Vec<String>,
    /// The zone dates are shown in (UTC unless the reader sets the local one).
    pub zone: super::time::Zone,
    list_depth: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(theme: &'a Theme, links: &'a mut Vec<String>) -> Self {
        Ctx {
            theme,
            links,
            zone: super::time::Zone::Utc,
            list_depth: 0,
        }
    }

    fn link_number(&mut self, href: &str) -> usize {
        self.links.push(href.to_string());
        self.links.len()
    }
}

/// Blocks separated by blank lines.
pub fn render_blocks(blocks: &[Block], width: usize, ctx: &mut Ctx) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        out.extend(render_block(block, width, ctx));
    }
    out
}

/// One block.
pub fn render_block(block: &Block, width: usize, ctx: &mut Ctx) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    match block {
        Block::Heading { level, content } => {
            let style = match level {
                1 => theme.heading.add_modifier(Modifier::UNDERLINED),
                2 => theme.heading,
                _ => Style::new().add_modifier(Modifier::BOLD),
            };
            wrap(&runs(content, style, ctx), width)
        }
        Block::Paragraph { content } => wrap(&runs(content, Style::new(), ctx), width),
        Block::List { ordered, items } => render_list(*ordered, items, width, ctx),
        Block::Quote { blocks } => {
            let inner = render_blocks(blocks, width.saturating_sub(2).max(1), ctx);
            // Not the thread guides' `│`: a quote must not read as a reply without colours.
            let bar = Span::styled("▌ ", theme.quote);
            prefixed(inner, &bar, &bar)
        }
        Block::Code { lang, text } => render_code(lang.as_deref(), text, width, theme),
        Block::Image { alt, src } => {
            let alt = if alt.trim().is_empty() {
                "image"
            } else {
                alt.trim()
            };
            let mut r: Vec<Run> = vec![(
                format!("[image: {alt}]"),
                theme.dim.add_modifier(Modifier::ITALIC),
            )];
            if let Some(src) = src {
                let n = ctx.link_number(src);
                r.push((format!("[{n}]"), theme.link_number));
            }
            wrap(&r, width)
        }
        Block::Rule => vec![Line::styled("─".repeat(width.min(40)), theme.dim)],
        Block::Table { header, rows } => render_table(*header, rows, width, theme),
    }
}

/// Inline content → runs; link texts are followed by their number.
pub fn runs(inlines: &[Inline], base: Style, ctx: &mut Ctx) -> Vec<Run> {
    let mut out = Vec::new();
    push_runs(inlines, base, ctx, &mut out);
    out
}

fn push_runs(inlines: &[Inline], base: Style, ctx: &mut Ctx, out: &mut Vec<Run>) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push((text.clone(), base)),
            Inline::Emphasis { content } => {
                push_runs(content, base.add_modifier(Modifier::ITALIC), ctx, out)
            }
            Inline::Strong { content } => {
                push_runs(content, base.add_modifier(Modifier::BOLD), ctx, out)
            }
            Inline::Code { text } => {
                out.push((text.replace('\n', " "), base.patch(ctx.theme.code)))
            }
            Inline::Link { href, content } => {
                push_runs(content, base.patch(ctx.theme.link), ctx, out);
                let n = ctx.link_number(href);
                out.push((format!("[{n}]"), base.patch(ctx.theme.link_number)));
            }
            Inline::Break => out.push(("\n".into(), base)),
        }
    }
}

/// Puts `first` before the first line and `rest` before the others.
pub fn prefixed(
    lines: Vec<Line<'static>>,
    first: &Span<'static>,
    rest: &Span<'static>,
) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut spans = vec![if i == 0 { first.clone() } else { rest.clone() }];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

fn render_list(
    ordered: bool,
    items: &[Vec<Block>],
    width: usize,
    ctx: &mut Ctx,
) -> Vec<Line<'static>> {
    let bullet = ["• ", "◦ ", "▪ "][ctx.list_depth % 3];
    let number_width = items.len().to_string().len() + 2;
    let mut out = Vec::new();
    ctx.list_depth += 1;
    for (i, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{:>w$}. ", i + 1, w = number_width - 2)
        } else {
            bullet.to_string()
        };
        let mw = str_width(&marker);
        let mut inner = Vec::new();
        for block in item {
            inner.extend(render_block(block, width.saturating_sub(mw).max(1), ctx));
        }
        let first = Span::styled(marker, ctx.theme.accent);
        out.extend(prefixed(inner, &first, &Span::raw(" ".repeat(mw))));
    }
    ctx.list_depth -= 1;
    out
}

fn render_code(lang: Option<&str>, text: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let inner = width.saturating_sub(2).max(1);
    let label = lang.map(|l| format!(" {l} ")).unwrap_or_default();
    let top_rule = "─".repeat(width.saturating_sub(1 + str_width(&label)).min(40));
    let mut out = vec![Line::from(vec![
        Span::styled("╭", theme.dim),
        Span::styled(label, theme.dim),
        Span::styled(top_rule, theme.dim),
    ])];
    for raw in text.trim_end_matches('\n').split('\n') {
        let expanded = raw.replace('\t', "    ");
        let (kept, cut) = if cut_needed(&expanded, inner) {
            clip(&expanded, inner.saturating_sub(1))
        } else {
            (expanded, false)
        };
        let mut spans = vec![
            Span::styled("│ ", theme.dim),
            Span::styled(kept, theme.code),
        ];
        if cut {
            spans.push(Span::styled("›", theme.dim));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::styled(
        format!("╰{}", "─".repeat(width.saturating_sub(1).min(40))),
        theme.dim,
    ));
    out
}

fn cut_needed(text: &str, width: usize) -> bool {
    str_width(text) > width
}

fn render_table(
    header: bool,
    rows: &[Vec<Vec<Inline>>],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| inline_text(c).replace('\n', " "))
                .collect()
        })
        .collect();
    let cols = cells.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    let mut widths = vec![1usize; cols];
    for row in &cells {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(str_width(cell));
        }
    }
    let budget = width.saturating_sub(3 * (cols - 1));
    while widths.iter().sum::<usize>() > budget {
        let Some((i, w)) = widths.iter().copied().enumerate().max_by_key(|(_, w)| *w) else {
            break;
        };
        if w <= 3 {
            break;
        }
        widths[i] = w - 1;
    }
    let mut out = Vec::new();
    for (r, row) in cells.iter().enumerate() {
        let style = if header && r == 0 {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let mut spans = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" │ ", theme.dim));
            }
            let cell = row.get(i).map_or("", String::as_str);
            spans.push(Span::styled(fit(cell, *w), style));
        }
        out.push(Line::from(spans));
        if header && r == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
            out.push(Line::styled(rule.join("─┼─"), theme.dim));
        }
    }
    out
}

/// Pads or cuts (with `…`) a cell to exactly `width` columns.
fn fit(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        let pad = width - str_width(text);
        return format!("{text}{}", " ".repeat(pad));
    }
    let (mut kept, _) = clip(text, width.saturating_sub(1));
    kept.push('…');
    let pad = width.saturating_sub(str_width(&kept));
    kept.push_str(&" ".repeat(pad));
    kept
}
