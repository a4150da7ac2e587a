//! The claims as the claims view lists them: one [`ClaimSummary`] per
//! claim (found, changed or orphaned), for this article or another open one.

use crate::app::App;

/// Where a claim stands against the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimState {
    /// Found where it was made.
    Found,
    /// Found again, but its words changed; holds the words it was made on.
    Changed(String),
    /// Its words are gone from the article (kept in the file as read).
    Orphaned,
}

/// One claim as the view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSummary {
    /// `c1`, `c2`, …
    pub id: String,
    /// The verdict (`false`, `misleading`, …).
    pub verdict: String,
    /// The label (`statistic`, …).
    pub label: String,
    /// Who made the claim, when it is on a quotation (a name to show).
    pub speaker: Option<String>,
    /// The claim's words as they are now (as they were, for an orphan).
    pub text: String,
    /// Whether the reader wrote a note.
    pub has_note: bool,
    /// Found, changed or orphaned.
    pub state: ClaimState,
    /// Byte offset of the claim in its article (`None` for an orphan).
    pub start: Option<usize>,
    /// Index into the claims of its article's annotations (`None` for an
    /// orphan).
    pub index: Option<usize>,
}

/// The claims of one other open article, for the grouped view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleClaims {
    /// The article's name as the status bar shows it.
    pub article: String,
    /// Which open article it is (an index in the order the articles were
    /// given); `None` for the article the view is shown with.
    pub index: Option<usize>,
    /// Its claims, in text order, orphans last.
    pub claims: Vec<ClaimSummary>,
}

/// The claims of `app`'s article: found ones in text order, then orphans.
pub fn summaries(app: &App) -> Vec<ClaimSummary> {
    let annotations = app.annotations();
    let analysis = app.analysis();
    let speaker_name = |id: &str| {
        analysis
            .and_then(|a| a.entities.iter().find(|e| e.id == id))
            .map(|e| e.name.clone())
    };
    let found = annotations.claims().iter().enumerate().map(|(i, c)| {
        // The claim's own speaker, else the speaker of the quotation it is on.
        let speaker = c.speaker.as_deref().and_then(speaker_name).or_else(|| {
            let quote = analysis?.quotations.iter().position(|q| {
                q.parent.is_none() && q.span.start <= c.span.start && c.span.end <= q.span.end
            })?;
            app.quote_speaker(quote).1
        });
        ClaimSummary {
            id: c.id.clone(),
            verdict: c.verdict.clone(),
            label: c.label.clone(),
            speaker,
            text: app.document().slice(c.span.clone()).to_owned(),
            has_note: !c.note.trim().is_empty(),
            state: match annotations.changed_from(&c.id) {
                Some(was) => ClaimState::Changed(was.to_owned()),
                None => ClaimState::Found,
            },
            start: Some(c.span.start),
            index: Some(i),
        }
    });
    let orphans = annotations.orphans().iter().map(|o| ClaimSummary {
        id: o.id.clone(),
        verdict: o.verdict.clone(),
        label: o.label.clone(),
        speaker: o.speaker.as_deref().and_then(speaker_name),
        text: o.exact.clone(),
        has_note: !o.note.trim().is_empty(),
        state: ClaimState::Orphaned,
        start: None,
        index: None,
    });
    found.chain(orphans).collect()
}
