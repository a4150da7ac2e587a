//! The side panel: People, Places, Organisations (and Other), with mention counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::safe_text;
use crate::analysis::EntityKind;
use crate::app::corpus::CorpusRow;
use crate::app::panel::{PanelRow, PanelView, QuoteRow, first_shown};
use crate::app::{Action, App};
use crate::document::markup::MarkupKind;
use crate::keymap::Context;
use crate::theme::Theme;
use ratatui::style::Style;

/// The keys that work on the panel, from the keymap, for its title:
/// ` · j/k enter t` with the focus here (`o` too in the links view),
/// ` · tab t` without; an unbound action is left out.
fn title_hints(app: &App, focused: bool) -> String {
    let key = |context, action| app.key_in(context, action);
    let keys: Vec<String> = if focused {
        let step = match (
            key(Context::Panel, Action::PanelNext),
            key(Context::Panel, Action::PanelPrev),
        ) {
            (Some(next), Some(prev)) => Some(format!("{next}/{prev}")),
            (next, prev) => next.or(prev),
        };
        let open = (app.panel_view == PanelView::Links)
            .then(|| key(Context::Panel, Action::OpenLink))
            .flatten();
        [
            step,
            key(Context::Panel, Action::PanelJump),
            open,
            key(Context::Panel, Action::TogglePanelView),
        ]
        .into_iter()
        .flatten()
        .collect()
    } else {
        [
            key(Context::Article, Action::FocusPanel),
            key(Context::Article, Action::TogglePanelView),
        ]
        .into_iter()
        .flatten()
        .collect()
    };
    if keys.is_empty() {
        String::new()
    } else {
        format!(" · {}", keys.join(" "))
    }
}

/// Draws the panel into `area` (its left border included).
pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Context::Panel;
    let border = theme.ui(if focused {
        "ui.border.focused"
    } else {
        "ui.border"
    });
    let name = match app.panel_view {
        PanelView::Entities => "Entities".to_owned(),
        PanelView::Quotes => "Quotes by speaker".to_owned(),
        PanelView::AllArticles => "All articles".to_owned(),
        PanelView::Links => format!("Links ({})", app.document().markup().links.len()),
        PanelView::Suggested => format!("Suggested ({})", app.ranked_suggestions().len()),
    };
    let title = format!(" {name}{} ", title_hints(app, focused));
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(border)
        .title(Span::styled(title, border));
    let inner = reanchoring(frame, app, block.inner(area));
    frame.render_widget(block, area);
    let Some(analysis) = app.analysis() else {
        let progress = format!(" analysing… {}%", app.analysis_progress / 10);
        frame.render_widget(Paragraph::new(progress).style(theme.ui("ui.dim")), inner);
        return;
    };
    if app.panel_view == PanelView::Quotes {
        draw_quotes(frame, app, inner, focused);
        return;
    }
    if app.panel_view == PanelView::AllArticles {
        draw_corpus(frame, app, inner, focused);
        return;
    }
    if app.panel_view == PanelView::Links {
        draw_links(frame, app, inner, focused);
        return;
    }
    if app.panel_view == PanelView::Suggested {
        draw_suggested(frame, app, inner, focused);
        return;
    }
    let width = usize::from(inner.width);
    // With the focus here, the last row tells why the selected entity got its
    // type ("title: President", "gazetteer: country", …).
    let detail = focused
        .then(|| {
            app.panel
                .selected_entity()
                .and_then(|e| analysis.entities.get(e))
        })
        .flatten();
    let inner = match detail {
        Some(entity) if inner.height > 2 => {
            let row = ratatui::layout::Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
            let why = format!(" {}: {}", entity.kind.as_str(), entity.reason);
            frame.render_widget(
                Paragraph::new(safe_text(&why, width)).style(theme.ui("ui.dim")),
                row,
            );
            ratatui::layout::Rect {
                height: inner.height - 1,
                ..inner
            }
        }
        _ => inner,
    };
    let height = usize::from(inner.height).max(1);
    let lines: Vec<Line> = shown_rows(&app.panel.rows, app.panel.selected, height)
        .map(|(i, row)| match *row {
            PanelRow::Heading(kind, count) => heading_row(theme, kind, count),
            PanelRow::Entity(e) => {
                let Some(entity) = analysis.entities.get(e) else {
                    return Line::default();
                };
                let style = row_style(theme, Some(i) == app.panel.selected, focused);
                let count = entity.mentions.len().to_string();
                entity_row(theme, style, width, &entity.name, entity.kind, count)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.text()), inner);
}

/// The panel's name for a group.
pub(crate) fn heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Place => "Places",
        EntityKind::Organisation => "Organisations",
        EntityKind::Misc => "Other",
    }
}

/// The quotations view: speaker headings, then their quotations.
fn draw_quotes(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let theme = &app.theme;
    let Some(analysis) = app.analysis() else {
        return;
    };
    let width = usize::from(area.width);
    let height = usize::from(area.height).max(1);
    let panel = &app.quote_panel;
    if panel.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(" no quotations").style(theme.ui("ui.dim")),
            area,
        );
        return;
    }
    let lines: Vec<Line> = shown_rows(&panel.rows, panel.selected, height)
        .map(|(i, row)| match row {
            QuoteRow::Speaker(name, count) => Line::from(Span::styled(
                format!(" {} ({count})", safe_text(name, width.saturating_sub(8))),
                theme.ui("ui.heading"),
            )),
            QuoteRow::Quote(q) => {
                let text = analysis
                    .quotations
                    .get(*q)
                    .map_or("", |q| app.document().slice(q.span.clone()));
                let row_style = row_style(theme, Some(i) == panel.selected, focused);
                Line::from(vec![
                    Span::styled("  ", row_style),
                    Span::styled(
                        safe_text(text, width.saturating_sub(3)),
                        row_style.patch(theme.quote(false)),
                    ),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.text()), area);
}

/// The links view: one row per link, its text then its URL (dim); both
/// cleaned of control characters and cut to the panel's width (the text to
/// at most half of it).
fn draw_links(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let theme = &app.theme;
    let width = usize::from(area.width);
    let height = usize::from(area.height).max(1);
    let links = &app.document().markup().links;
    let selected = app.link_panel.selected;
    let lines: Vec<Line> = shown_rows(links, selected, height)
        .map(|(i, link)| {
            let text = app.document().slice(link.span.clone());
            let text = if text.trim().is_empty() {
                "(no text)"
            } else {
                text
            };
            let text = safe_text(text, (width.saturating_sub(3) / 2).max(1));
            let url = safe_text(&link.url, width.saturating_sub(text.width() + 4));
            let row_style = row_style(theme, Some(i) == selected, focused);
            Line::from(vec![
                Span::styled("  ", row_style),
                Span::styled(text, row_style.patch(theme.markup(MarkupKind::Link(i)))),
                Span::styled(" ", row_style),
                Span::styled(url, row_style.patch(theme.ui("ui.dim"))),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.text()), area);
}

/// The suggestions view: score, proposed label and the sentence's start,
/// best first.
fn draw_suggested(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let theme = &app.theme;
    let width = usize::from(area.width);
    let height = usize::from(area.height).max(1);
    let ranked = app.ranked_suggestions();
    let selected = app.suggestion_panel.selected;
    let lines: Vec<Line> = shown_rows(&ranked, selected, height)
        .map(|(i, s)| {
            let style = row_style(theme, Some(i) == selected, focused);
            let head = format!(" {:.2} {:<10} ", s.score, s.label.as_str());
            let text = safe_text(
                app.document().slice(s.span.clone()),
                width.saturating_sub(head.width()).max(1),
            );
            Line::from(vec![
                Span::styled(head, style.patch(theme.suggestion())),
                Span::styled(text, style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.text()), area);
}

/// The all-articles view: entities of every open article, with their
/// mentions in all of them and in how many articles (`10 in 2`).
fn draw_corpus(frame: &mut Frame, app: &App, area: Rect, focused: bool) {
    let theme = &app.theme;
    let Some(corpus) = &app.corpus else {
        return;
    };
    let width = usize::from(area.width);
    let height = usize::from(area.height).max(1);
    let lines: Vec<Line> = shown_rows(&corpus.rows, corpus.selected, height)
        .map(|(i, row)| match *row {
            CorpusRow::Heading(kind, count) => heading_row(theme, kind, count),
            CorpusRow::Entity(e) => {
                let Some(entity) = corpus.entities.get(e) else {
                    return Line::default();
                };
                let style = row_style(theme, Some(i) == corpus.selected, focused);
                let count = format!("{} in {}", entity.mentions, entity.articles);
                entity_row(theme, style, width, &entity.name, entity.kind, count)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.text()), area);
}

/// A heading row of the entity lists: `People (4)`.
fn heading_row(theme: &Theme, kind: EntityKind, count: usize) -> Line<'static> {
    Line::from(Span::styled(
        format!(" {} ({count})", heading(kind)),
        theme.ui("ui.heading"),
    ))
}

/// An entity row `width` cells wide: its name in its kind's colour, `count`
/// right-aligned and dim, all on `style` (the row's selection style).
fn entity_row(
    theme: &Theme,
    style: Style,
    width: usize,
    name: &str,
    kind: EntityKind,
    count: String,
) -> Line<'static> {
    let name = safe_text(name, width.saturating_sub(count.len() + 4));
    let gap = width.saturating_sub(name.width() + count.len() + 3);
    Line::from(vec![
        Span::styled("  ", style),
        Span::styled(name, style.patch(theme.entity(kind, false))),
        Span::styled(" ".repeat(gap + 1), style),
        Span::styled(count, style.patch(theme.ui("ui.dim"))),
    ])
}

/// The style of a panel row: plain, or selected (brighter when the panel has
/// the focus).
fn row_style(theme: &Theme, selected: bool, focused: bool) -> Style {
    match (selected, focused) {
        (false, _) => theme.text(),
        (true, true) => theme.ui("ui.selection"),
        (true, false) => theme.ui("ui.selection.unfocused"),
    }
}

/// Draws, at the bottom of `area`, the claims re-anchoring could not place
/// (orphaned, with the words they were made on) and those whose words
/// changed (old and new words); returns the rest of `area`. Takes at most
/// half of it; nothing when every claim is where it was.
fn reanchoring(frame: &mut Frame, app: &App, area: Rect) -> Rect {
    let theme = &app.theme;
    let width = usize::from(area.width);
    let annotations = app.annotations();
    let text = |s: &str, indent: usize| safe_text(s, width.saturating_sub(indent + 1));
    let mut lines = Vec::new();
    let orphans = annotations.orphans();
    if !orphans.is_empty() {
        lines.push(Line::styled(
            format!(" Orphaned claims ({})", orphans.len()),
            theme.ui("ui.heading"),
        ));
        for orphan in orphans {
            let row = format!("  {} {}", orphan.id, orphan.exact);
            lines.push(Line::styled(text(&row, 0), theme.ui("ui.dim")));
        }
    }
    let changed: Vec<(&str, &str)> = annotations.changed_claims().collect();
    if !changed.is_empty() {
        lines.push(Line::styled(
            format!(" Changed claims ({})", changed.len()),
            theme.ui("ui.heading"),
        ));
        for (id, was) in changed {
            let now = annotations
                .claims()
                .iter()
                .find(|c| c.id == id)
                .map_or("", |c| app.document().slice(c.span.clone()));
            let (was, now) = around_first_difference(was, now);
            let was = format!("  {id} was: {was}");
            let now = format!("  {} now: {now}", " ".repeat(id.chars().count()));
            lines.push(Line::styled(text(&was, 0), theme.ui("ui.dim")));
            lines.push(Line::styled(text(&now, 0), theme.text()));
        }
    }
    let rows = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height / 2);
    if rows == 0 {
        return area;
    }
    let bottom = Rect::new(area.x, area.bottom() - rows, area.width, rows);
    frame.render_widget(Paragraph::new(lines).style(theme.text()), bottom);
    Rect {
        height: area.height - rows,
        ..area
    }
}

/// `was` and `now` from a few chars before where they first differ (with
/// `…` when cut), so that a narrow panel shows what changed.
fn around_first_difference(was: &str, now: &str) -> (String, String) {
    const LEAD: usize = 8;
    let same = was
        .chars()
        .zip(now.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let skip = same.saturating_sub(LEAD);
    let cut = |s: &str| {
        let rest: String = s.chars().skip(skip).collect();
        if skip > 0 { format!("…{rest}") } else { rest }
    };
    (cut(was), cut(now))
}

/// The rows of a panel list `height` rows tall that are on screen, with
/// their indices: from [`first_shown`] on, so the selection is in view.
fn shown_rows<T>(
    rows: &[T],
    selected: Option<usize>,
    height: usize,
) -> impl Iterator<Item = (usize, &T)> {
    rows.iter()
        .enumerate()
        .skip(first_shown(selected, height))
        .take(height)
}
