//! The status bar: file, position, current quotation and speaker, claims,
//! save state, messages and the help hint; or the search prompt.

use ratatui::Frame;
use ratatui::layout::{Position as Cursor, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{safe_line, safe_text};
use crate::analysis::SpeakerEvidence;
use crate::app::{Action, App, Mode, SaveState, Target};
use crate::keymap::Context;

/// Draws the status bar into `area` (one row).
pub(super) fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.theme();
    let bar = theme.ui("ui.statusbar");
    if let Mode::Search(input) = app.mode() {
        // A search longer than the bar scrolls: what is typed stays in view.
        let (shown, column) = crate::safe_text::input_window(
            input.text(),
            input.before_cursor().len(),
            usize::from(area.width).saturating_sub(1),
        );
        frame.render_widget(Paragraph::new(format!("/{shown}")).style(bar), area);
        let x = area.x + 1 + u16::try_from(column).unwrap_or(u16::MAX);
        frame.set_cursor_position(Cursor::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let hint = app
        .key_in(app.focus(), Action::Help)
        .map_or_else(String::new, |key| format!(" {key} help "));
    let left_width = usize::from(area.width).saturating_sub(hint.width());
    let (save_text, save_warns) = save_label(app.save_state());
    let selecting = app.selection().is_some();
    // When a message does not fit, the claim count and then the quotation
    // make room for it: a message is read once, the counts are always there.
    let mut optional = vec![quote_label(app), claims_label(app)];
    // While selecting, what is selected and the keys matter more: the
    // longest label that fits, so that a long selection's excerpt, then
    // its key hints, shrink before the selection leaves the bar.
    let mut shorter_selections = Vec::new();
    if let Some(selection) = app.selection() {
        let text = app.document().slice(selection.span());
        let hints = selection_hints(app);
        let mut labels = [(40, true), (20, true), (12, false), (0, false)]
            .into_iter()
            .map(|(width, with_hints)| {
                selection_label(text, width, if with_hints { &hints } else { "" })
            });
        optional = labels.next().into_iter().collect();
        shorter_selections = labels.collect();
    }
    let mut position = position_label(app);
    if !app.pending_keys().is_empty() {
        // A sequence is half typed: show it so the next key is no surprise.
        let typed = crate::keymap::KeyPress::sequence_name(app.pending_keys());
        position = format!("{position}  │  {typed} …");
    }
    let joined = |fit: Fit, optional: &[String]| {
        let mut parts = Vec::new();
        match fit.label {
            Name::Whole => parts.extend(app.article_label().map(str::to_owned)),
            Name::Short => parts.extend(app.article_label().map(|l| safe_text(l, SHORT_NAME))),
            Name::Gone => {}
        }
        parts.push(position.clone());
        parts.extend(optional.iter().take(fit.optional).cloned());
        parts.push(save_text.clone());
        if fit.message {
            parts.extend(app.message().map(str::to_owned));
        }
        let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        format!(" {}", parts.join("  │  "))
    };
    // Who is quoted matters more than the article's name, which the
    // reader chose: with a quotation in hand, the name goes first.
    let quoting = !selecting && matches!(app.target(), Target::Quote(_));
    let fits = Fit::in_order(optional.len(), selecting, quoting, app.message().is_some());
    let first_fit = |optional: &[String]| {
        fits.iter()
            .copied()
            .find(|&fit| joined(fit, optional).width() <= left_width)
            .or(fits.last().copied())
            .unwrap_or_default()
    };
    let mut fit = first_fit(&optional);
    if quoting && !fit.complete(optional.len()) {
        // A long speaker's name and how it was found make room for the
        // article's name and the claim count before those go: "quote 4/20
        // · Commons Work and Pensions Committee · subject of the clause"
        // left the bar with neither.
        let long_speaker = match app.target() {
            Target::Quote(i) => app
                .quote_speaker(i)
                .1
                .is_some_and(|s| s.width() > SHORT_SPEAKER),
            _ => false,
        };
        let mut shorter = vec![quote_label_plain(app)];
        if long_speaker {
            shorter.push(quote_label_cut(app, SHORT_SPEAKER));
        }
        for label in shorter {
            let mut tried = optional.clone();
            if let Some(first) = tried.first_mut() {
                *first = label;
            }
            let tried_fit = first_fit(&tried);
            if tried_fit.complete(tried.len()) {
                optional = tried;
                fit = tried_fit;
                break;
            }
        }
    }
    for shorter in shorter_selections {
        if fit.optional > 0 {
            break;
        }
        optional = vec![shorter];
        fit = first_fit(&optional);
    }
    if fit.optional == 0 && !selecting {
        // Before the quotation leaves the bar, its label gives up saying
        // how its speaker was found.
        if let Some(first) = optional.first_mut() {
            *first = quote_label_plain(app);
        }
        fit = first_fit(&optional);
        // Then the kind ("speech": a quotation with a speaker is one) and
        // the speaker's name are cut short, before the quotation's number
        // goes: "quote 8/20 · A Department for…".
        for columns in (1..=40).rev() {
            if fit.optional > 0 {
                break;
            }
            if let Some(first) = optional.first_mut() {
                *first = quote_label_cut(app, columns);
            }
            fit = first_fit(&optional);
        }
    }
    if !fit.message
        && let Some(message) = app.message()
    {
        // Too long for the bar: the whole message, wrapped, just above it.
        draw_long_message(frame, app, area, message, save_warns);
    }
    let text = joined(fit, &optional);
    let left = safe_text(&text, left_width);
    let pad = left_width.saturating_sub(left.width());
    let left_style = if save_warns {
        theme.ui("ui.statusbar.warning")
    } else {
        bar
    };
    // A speaker found on weak evidence is dimmed: the reader should check it.
    let weak = weak_quote_labels(app).iter().find_map(|label| {
        let at = left.find(label.as_str())?;
        Some((at, at + label.len()))
    });
    let mut spans = match weak {
        Some((from, to)) if !save_warns => vec![
            Span::styled(left.get(..from).unwrap_or("").to_owned(), left_style),
            Span::styled(
                left.get(from..to).unwrap_or("").to_owned(),
                theme.ui("ui.statusbar.weak"),
            ),
            Span::styled(left.get(to..).unwrap_or("").to_owned(), left_style),
        ],
        _ => vec![Span::styled(left, left_style)],
    };
    spans.push(Span::styled(" ".repeat(pad), bar));
    spans.push(Span::styled(hint, theme.ui("ui.statusbar.key")));
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line).style(bar), area);
}

/// Columns of the article's name cut short (`13/840 breitbart_2015-12…`):
/// which article of many it is, and the start of its name.
const SHORT_NAME: usize = 26;

/// Columns of a quoted speaker's name cut short to keep the article's
/// name and the counts in the bar (`Commons Work and Pensions…`).
const SHORT_SPEAKER: usize = 24;

/// How much of the article's name the status bar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Name {
    /// All of it.
    #[default]
    Whole,
    /// Its first [`SHORT_NAME`] columns.
    Short,
    /// None.
    Gone,
}

/// Which parts of the status bar are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fit {
    /// The article's name.
    label: Name,
    /// How many of the optional parts (counts, or the selection), from the first.
    optional: usize,
    /// The message, in the bar (else wrapped above it).
    message: bool,
}

impl Fit {
    /// Whether the bar shows the whole article name and all `optional`
    /// parts.
    fn complete(self, optional: usize) -> bool {
        self.label == Name::Whole && self.optional == optional
    }

    /// The ways to fill the bar, most complete first; the first that fits
    /// is drawn. The counts make room for a message before the message
    /// leaves the bar, and then the article's name is cut short; while
    /// selecting, the article's name goes first, and
    /// while `quoting` (a quotation is the target) it goes before the
    /// quotation does.
    fn in_order(optional: usize, selecting: bool, quoting: bool, message: bool) -> Vec<Fit> {
        let mut fits = Vec::new();
        for message in [message, false] {
            let fit = |label, optional| Fit {
                label,
                optional,
                message,
            };
            if selecting {
                fits.push(fit(Name::Whole, optional));
                fits.push(fit(Name::Gone, optional));
                fits.push(fit(Name::Gone, 0));
            } else if quoting {
                fits.extend((1..=optional).rev().map(|n| fit(Name::Whole, n)));
                fits.extend((1..=optional).rev().map(|n| fit(Name::Gone, n)));
                fits.push(fit(Name::Whole, 0));
                fits.push(fit(Name::Gone, 0));
            } else {
                // A long name (hundreds of articles open) is cut short
                // before it goes: which article this is matters most
                // right after a jump to another.
                fits.extend((0..=optional).rev().map(|n| fit(Name::Whole, n)));
                fits.push(fit(Name::Short, 0));
                fits.push(fit(Name::Gone, 0));
            }
        }
        fits.dedup();
        fits
    }
}

/// The status bar's part for a selection of `text`: `SELECT “excerpt” N
/// chars` with the excerpt cut to `width` columns (none when 0), then
/// `hints` (see [`selection_hints`]).
fn selection_label(text: &str, width: usize, hints: &str) -> String {
    let chars = text.chars().count();
    if width == 0 {
        return format!("SELECT {chars} chars{hints}");
    }
    let excerpt = safe_text(text, width);
    format!("SELECT “{excerpt}” {chars} chars{hints}")
}

/// The keys that act on a selection, from the keymap: ` · c claim · T tag
/// · E correct · esc` (an unbound action is left out).
fn selection_hints(app: &App) -> String {
    [
        (Action::MarkClaim, " claim"),
        (Action::TagSelection, " tag"),
        (Action::CorrectMention, " correct"),
        (Action::CancelSelection, ""),
    ]
    .iter()
    .filter_map(|&(action, what)| {
        app.key_in(Context::Select, action)
            .map(|k| format!(" · {k}{what}"))
    })
    .collect()
}

/// Draws `message`, wrapped to the screen's width, in the rows just above
/// the status bar `area` (at most half the screen), so a message longer
/// than the bar is read whole until the next key.
fn draw_long_message(frame: &mut Frame, app: &App, area: Rect, message: &str, warns: bool) {
    let style = app.theme().ui(if warns {
        "ui.statusbar.warning"
    } else {
        "ui.statusbar"
    });
    let text = safe_line(message);
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let lines: Vec<Line> = crate::wrap::wrap(&text, 0..text.len(), width)
        .into_iter()
        .filter_map(|range| text.get(range))
        .map(|line| Line::from(format!(" {line}")))
        .collect();
    let room = usize::from(area.y.saturating_sub(app.areas().whole.y)) / 2;
    let rows = lines.len().min(room.max(1));
    let Ok(height) = u16::try_from(rows) else {
        return;
    };
    let above = Rect::new(area.x, area.y.saturating_sub(height), area.width, height);
    frame.render_widget(ratatui::widgets::Clear, above);
    frame.render_widget(Paragraph::new(lines).style(style), above);
}

/// How far the reader has read, as `less` counts it: the share of the
/// article's bytes up to the end of the screen's last row (100% once the end
/// is on screen). One measure at every scroll position, so a row down never
/// jumps by more than that row's text.
fn position_label(app: &App) -> String {
    let mut layout = app.layout();
    let height = app.page_height().max(1);
    let at_end = layout.shows_end(app.top(), height);
    let length = app.document().text().len().max(1);
    let percent = if at_end {
        100
    } else {
        (layout.visible_bytes(app.top(), height).end * 100 / length).min(99)
    };
    match app.analysis() {
        Some(_) => format!("{percent:>3}%"),
        None => format!(
            "{percent:>3}%  │  analysing… {}%",
            app.analysis_progress() / 10
        ),
    }
}

/// The current quotation's labels (with and without the evidence) when
/// folio's evidence for its speaker is weak and the reader has not set the
/// speaker; empty otherwise.
fn weak_quote_labels(app: &App) -> Vec<String> {
    let Target::Quote(i) = app.target() else {
        return Vec::new();
    };
    let Some(quotation) = app.analysis().and_then(|a| a.quotations.get(i)) else {
        return Vec::new();
    };
    let fixed = app.annotations().speaker_fix(&quotation.span).is_some();
    if quotation.evidence.is_weak() && !fixed {
        vec![quote_label(app), quote_label_plain(app)]
    } else {
        Vec::new()
    }
}

/// How folio found the speaker of quotation `i`, joined to the speaker's
/// name: `he → Tom Okafor`, `Tom Okafor · follows ¶ 4`; just the name for
/// a reporting clause or a speaker the reader set.
fn speaker_with_evidence(app: &App, i: usize, speaker: String) -> String {
    let Some(quotation) = app.analysis().and_then(|a| a.quotations.get(i)) else {
        return speaker;
    };
    if app.annotations().speaker_fix(&quotation.span).is_some() {
        return speaker;
    }
    match (&quotation.evidence, quotation.evidence.explain(&speaker)) {
        (SpeakerEvidence::Pronoun { .. }, Some(how)) => how,
        (_, Some(how)) => format!("{speaker} · {how}"),
        (_, None) => speaker,
    }
}

fn quote_label(app: &App) -> String {
    quote_label_with(app, true, None)
}

/// [`quote_label`] without the evidence for the speaker, for narrow bars.
fn quote_label_plain(app: &App) -> String {
    quote_label_with(app, false, None)
}

/// [`quote_label_plain`] without the kind when a speaker is named, and
/// with the speaker cut to `columns` (an ellipsis marks the cut), for the
/// narrowest bars.
fn quote_label_cut(app: &App, columns: usize) -> String {
    quote_label_with(app, false, Some(columns))
}

fn quote_label_with(app: &App, evidence: bool, speaker_columns: Option<usize>) -> String {
    let Some(analysis) = app.analysis() else {
        return String::new();
    };
    let total = analysis.quotations.len();
    match app.target() {
        Target::Quote(i) => {
            let kind = analysis.quotations.get(i).map_or("", |q| q.kind.as_str());
            match app.quote_speaker(i).1 {
                Some(speaker) if evidence => format!(
                    "quote {}/{total} · {kind} · {}",
                    i + 1,
                    speaker_with_evidence(app, i, speaker)
                ),
                Some(speaker) => match speaker_columns {
                    Some(columns) => {
                        let speaker = safe_text(&speaker, columns);
                        format!("quote {}/{total} · {speaker}", i + 1)
                    }
                    None => format!("quote {}/{total} · {kind} · {speaker}", i + 1),
                },
                None if kind == "scare" => format!("quote {}/{total} · {kind}", i + 1),
                None => format!("quote {}/{total} · {kind} · speaker unknown", i + 1),
            }
        }
        // No keys to offer when they would only say there is nothing.
        _ if total == 0 => "no quotes".to_owned(),
        _ => {
            let keys = match (
                app.key_in(Context::Article, Action::NextQuote),
                app.key_in(Context::Article, Action::PrevQuote),
            ) {
                (Some(next), Some(prev)) => format!(" {next}/{prev}"),
                (Some(key), None) | (None, Some(key)) => format!(" {key}"),
                (None, None) => String::new(),
            };
            let quotes = if total == 1 { "quote" } else { "quotes" };
            format!("{total} {quotes}{keys}")
        }
    }
}

fn claims_label(app: &App) -> String {
    if matches!(app.save_state(), SaveState::ReadOnly(_)) {
        // The file holds claims folio could not read: not "0 claims".
        return "claims not read".to_owned();
    }
    let found = app.annotations().claims().len();
    // Claims and one-mention corrections whose text is gone from the article.
    let orphans =
        app.annotations().orphans().len() + app.annotations().orphaned_corrections().len();
    // Every claim counts, as in the Claims (N) view: orphans too.
    let claims = found + app.annotations().orphans().len();
    let base = match (app.target(), claims) {
        (Target::Claim(i), _) => {
            let claim = app.annotations().claims().get(i);
            let verdict = claim.map_or("", |c| c.verdict.as_str());
            // The article's words changed under the claim: the panel shows both.
            let changed = claim.is_some_and(|c| app.annotations().changed_from(&c.id).is_some());
            let changed = if changed { " · words changed" } else { "" };
            format!("claim {}/{found} · {verdict}{changed}", i + 1)
        }
        (_, 1) => "1 claim".to_owned(),
        (_, n) => format!("{n} claims"),
    };
    if orphans > 0 {
        format!("{base} ({orphans} orphaned)")
    } else {
        base
    }
}

/// The save state's label and whether it is a warning.
fn save_label(state: &SaveState) -> (String, bool) {
    match state {
        SaveState::Unchanged => ("up to date".to_owned(), false),
        SaveState::Saved => ("saved".to_owned(), false),
        SaveState::Pending => ("saving…".to_owned(), false),
        SaveState::Failed(_) => ("NOT SAVED".to_owned(), true),
        SaveState::ReadOnly(_) => ("read-only".to_owned(), true),
    }
}
