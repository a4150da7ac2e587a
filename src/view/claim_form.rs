//! The claim form popup: the claimed text, the verdict and label lists and
//! the note of several lines.

use ratatui::Frame;
use ratatui::layout::Position as Cursor;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{centred, draw_popup, safe_text};
use crate::app::App;
use crate::app::claim_form::{ClaimForm, Field};
use crate::app::note_editor;
use crate::wrap::wrap;

/// Rows of the note in the full form.
const NOTE_ROWS: usize = 4;
/// Rows of the full form: two excerpt rows, blank, verdicts, labels, blank,
/// the note, blank, hints; plus the border.
const FULL_HEIGHT: u16 = 10 + NOTE_ROWS as u16;
/// Rows of the compact form used on short terminals: excerpt, verdicts,
/// labels, one note row, hints; plus the border.
const COMPACT_HEIGHT: u16 = 7;
/// Width of the "Verdict  ", "Label    " and "Note     " labels.
const LABEL_WIDTH: usize = 9;

/// Draws `form` as a popup and, while the note has the keyboard, places the
/// terminal cursor in it.
pub(super) fn draw(frame: &mut Frame, app: &App, form: &ClaimForm) {
    let theme = app.theme();
    let popup = theme.ui("ui.popup");
    let title_style = popup.patch(theme.scope("ui.popup.title"));
    let focused_style = theme.ui("ui.selection");
    let compact = app.areas().whole.height < FULL_HEIGHT + 2;
    let height = if compact { COMPACT_HEIGHT } else { FULL_HEIGHT };
    let note_rows = if compact { 1 } else { NOTE_ROWS };
    let area = centred(app.areas().whole, 76, height);
    let inner_width = usize::from(area.width.saturating_sub(2));
    let field_width = inner_width.saturating_sub(LABEL_WIDTH).max(1);
    // The article changed the claim's words since its verdict was given:
    // say so, with the words the verdict was on, before it is saved again.
    // An orphaned claim being attached to new words: the same, with the
    // words it was made on.
    let orphan = form.editing.as_ref().and_then(|claim| {
        let orphans = app.annotations().orphans();
        orphans.iter().find(|o| o.id == claim.id)
    });
    let changed_from = form
        .editing
        .as_ref()
        .and_then(|claim| app.annotations().changed_from(&claim.id))
        .or_else(|| orphan.map(|o| o.changed_from.as_deref().unwrap_or(&o.exact)));
    let title = match (&form.editing, changed_from) {
        (Some(claim), _) if orphan.is_some() => format!(" Attach orphaned claim {} ", claim.id),
        (Some(claim), Some(_)) => format!(" Edit claim {} · its words changed ", claim.id),
        (Some(claim), None) => format!(" Edit claim {} ", claim.id),
        (None, _) => " Mark claim ".to_owned(),
    };
    let label = |name: &str, field: Field| {
        let style = if form.field == field {
            focused_style
        } else {
            title_style
        };
        Span::styled(format!("{name:<LABEL_WIDTH$}"), style)
    };
    let mut verdicts = vec![label("Verdict", Field::Verdict)];
    verdicts.extend(choice_spans(
        &form.verdicts,
        form.verdict,
        field_width,
        popup,
        focused_style,
    ));
    let mut labels = vec![label("Label", Field::Label)];
    labels.extend(choice_spans(
        &form.labels,
        form.label,
        field_width,
        popup,
        focused_style,
    ));
    let hint = match form.field {
        _ if form.confirming_discard => {
            "Esc or Ctrl-C again discards your changes · Ctrl-S saves them"
        }
        Field::Note => "Enter new line · Ctrl-S save · Tab field · Esc cancel",
        _ => "↑/↓ choose · Tab field · type a note · Enter/Ctrl-S save · Esc cancel",
    };
    let hint_style = if form.confirming_discard {
        theme.scope("claim.changed")
    } else {
        theme.scope("ui.dim")
    };
    let hint = Line::from(Span::styled(hint, popup.patch(hint_style)));
    let (note, cursor) = note_lines(form, field_width, note_rows);
    let mut lines: Vec<Line> = excerpt_lines(app, form, inner_width)
        .into_iter()
        .take(if compact { 1 } else { 2 })
        .map(|l| Line::from(Span::styled(l, popup.patch(theme.claim(false)))))
        .collect();
    if !compact {
        lines.push(match changed_from {
            Some(old) => Line::from(Span::styled(
                safe_text(&format!("the verdict was given on: “{old}”"), inner_width),
                popup.patch(theme.scope("claim.changed")),
            )),
            None => Line::default(),
        });
    }
    lines.extend([Line::from(verdicts), Line::from(labels)]);
    if !compact {
        // Who said the words, when they are quoted: the review's author.
        lines.push(match app.speaker_of_words(&form.span) {
            Some((name, guess)) => {
                let how = if guess {
                    format!(
                        " · folio's guess: {} on the quotation sets it",
                        app.key_hint(crate::app::Action::SetSpeaker)
                    )
                } else {
                    String::new()
                };
                Line::from(vec![
                    Span::styled(format!("{:<LABEL_WIDTH$}", "Speaker"), title_style),
                    Span::styled(
                        safe_text(&format!("{name}{how}"), field_width),
                        popup.patch(theme.scope("ui.dim")),
                    ),
                ])
            }
            None => Line::default(),
        });
    }
    let note_row = lines.len();
    for (i, row) in note.into_iter().enumerate() {
        let head = if i == 0 {
            label("Note", Field::Note)
        } else {
            Span::styled(" ".repeat(LABEL_WIDTH), popup)
        };
        let body = Span::styled(format!("{row:<field_width$}"), theme.ui("ui.input"));
        lines.push(Line::from(vec![head, body]));
    }
    if !compact {
        lines.push(Line::default());
    }
    lines.push(hint);
    let inner = draw_popup(
        frame,
        area,
        Span::styled(title, title_style),
        popup,
        Paragraph::new(lines),
    );
    if form.field == Field::Note {
        let (row, column) = cursor;
        let x = inner.x + u16::try_from(LABEL_WIDTH + column).unwrap_or(u16::MAX);
        let y = inner.y + u16::try_from(note_row + row).unwrap_or(u16::MAX);
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position(Cursor::new(x, y));
        }
    }
}

/// The note's rows that fit in `rows` rows of `width` columns (scrolled so
/// the cursor's row shows), made safe for the terminal, and the cursor's
/// (row, column) among them.
fn note_lines(form: &ClaimForm, width: usize, rows: usize) -> (Vec<String>, (usize, usize)) {
    let text = form.note.text();
    let laid = note_editor::rows(text, width.saturating_sub(1).max(1));
    let cursor_row = note_editor::cursor_row(&laid, form.note.cursor());
    let first = (cursor_row + 1).saturating_sub(rows.max(1));
    let shown: Vec<String> = (first..first + rows.max(1))
        .map(|r| {
            laid.get(r)
                .and_then(|row| text.get(row.clone()))
                .map_or_else(String::new, |t| safe_text(t, width))
        })
        .collect();
    let column = laid
        .get(cursor_row)
        .and_then(|row| text.get(row.start..form.note.cursor()))
        .map_or(0, |t| safe_text(t, usize::MAX).width());
    (shown, (cursor_row - first, column))
}

/// The choices of a list (verdicts or labels): all of them when they fit in
/// `width` columns (the chosen one in brackets), else only the chosen one
/// with its position.
fn choice_spans(
    choices: &[String],
    chosen_index: usize,
    width: usize,
    normal: Style,
    chosen: Style,
) -> Vec<Span<'static>> {
    let full_width: usize = choices.iter().map(|v| v.width() + 2).sum();
    if full_width <= width {
        choices
            .iter()
            .enumerate()
            .map(|(i, choice)| {
                let shown = safe_text(choice, width);
                if i == chosen_index {
                    Span::styled(format!("[{shown}]"), chosen)
                } else {
                    Span::styled(format!(" {shown} "), normal)
                }
            })
            .collect()
    } else {
        let current = choices.get(chosen_index).map_or("", String::as_str);
        let label = format!("◂ {current} ▸ {}/{}", chosen_index + 1, choices.len());
        vec![Span::styled(safe_text(&label, width), chosen)]
    }
}

/// The claimed text in exactly two rows of at most `width` columns; an
/// ellipsis ends the second when the text is longer.
fn excerpt_lines(app: &App, form: &ClaimForm, width: usize) -> [String; 2] {
    let text = app.document().text();
    let rows = wrap(text, form.span.clone(), width.saturating_sub(1).max(1));
    let row = |i: usize| rows.get(i).map_or("", |r| app.document().slice(r.clone()));
    let second = if rows.len() > 2 {
        format!("{}…", safe_text(row(1), width.saturating_sub(1)))
    } else {
        safe_text(row(1), width)
    };
    [safe_text(row(0), width), second]
}
