//! What the claims view writes: a claim's first row (verdict, label,
//! speaker, marks), status bar messages, and a changed claim's old words.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::summary::{ClaimState, ClaimSummary};
use crate::app::panel::PanelCommand;
use crate::app::{Action, App};
use crate::safe_text::{safe_line, safe_text};

/// A claim's first row: ` false statistic · Macron ✎ changed`, the verdict
/// coloured by meaning, cut to `width` columns, on `style`.
pub(super) fn first_line(
    app: &App,
    claim: &ClaimSummary,
    style: Style,
    width: usize,
) -> Line<'static> {
    let theme = app.theme();
    let mut spans: Vec<(String, Style)> = vec![
        (" ".to_owned(), style),
        (
            safe_line(&claim.verdict),
            style.patch(theme.verdict(&claim.verdict)),
        ),
        (format!(" {}", safe_line(&claim.label)), style),
    ];
    if let Some(speaker) = &claim.speaker {
        spans.push((" · ".to_owned(), style.patch(theme.ui("ui.dim"))));
        spans.push((
            safe_line(speaker),
            style.patch(theme.entity(crate::analysis::EntityKind::Person, false)),
        ));
    }
    let mut tail: Vec<(String, Style)> = Vec::new();
    if claim.has_note {
        tail.push((" ✎".to_owned(), style));
    }
    match claim.state {
        ClaimState::Found => {}
        ClaimState::Changed(_) => {
            tail.push((" changed".to_owned(), style.patch(theme.claim_state(false))))
        }
        ClaimState::Orphaned => {
            tail.push((" orphaned".to_owned(), style.patch(theme.claim_state(true))))
        }
    }
    // The marks at the end always show; the speaker gives way first.
    let tail_width: usize = tail.iter().map(|(t, _)| t.width()).sum();
    let room = width.saturating_sub(tail_width);
    let mut used = 0;
    let mut out = Vec::new();
    for (text, span_style) in spans {
        let left = room.saturating_sub(used);
        if left == 0 {
            break;
        }
        let cut = safe_text(&text, left);
        used += cut.width();
        out.push(Span::styled(cut, span_style));
    }
    out.push(Span::styled(" ".repeat(room.saturating_sub(used)), style));
    out.extend(tail.into_iter().map(|(t, s)| Span::styled(t, s)));
    Line::from(out)
}

/// `was` from a few chars before where it first differs from `now` (with
/// `…` when cut), so that a narrow panel shows what changed.
pub(super) fn around_first_difference(was: &str, now: &str) -> (String, String) {
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

/// `claim c2: false · statistic · Emmanuel Macron` for the status bar.
pub(super) fn describe(claim: &ClaimSummary) -> String {
    let speaker = claim
        .speaker
        .as_ref()
        .map(|s| format!(" · {}", safe_line(s)))
        .unwrap_or_default();
    format!(
        "claim {}: {} · {}{speaker}",
        claim.id,
        safe_line(&claim.verdict),
        safe_line(&claim.label)
    )
}

/// What `c` or `d` say on a claim of another open article (`Enter` goes
/// there), and `Enter` on an orphaned one there.
pub(super) fn elsewhere(app: &App, claim: &ClaimSummary, article: &str) -> PanelCommand {
    let (jump, next, prev) = (
        app.key_hint(Action::PanelJump),
        app.key_hint(Action::NextArticle),
        app.key_hint(Action::PrevArticle),
    );
    let go = if claim.index.is_some() {
        format!("{jump} goes there")
    } else {
        format!("{next} and {prev} switch articles")
    };
    PanelCommand::Message(format!("{} is in {}: {go}", claim.id, safe_line(article)))
}
