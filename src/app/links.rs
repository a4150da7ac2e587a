//! Links of an HTML or Markdown article: which one the reader is on, and
//! whether folio may hand it to the system opener.

use super::{App, Effect, Target};
use crate::document::markup::Link;
use crate::keymap::Context;

/// URL schemes folio opens. Anything else (`file:`, `javascript:`, custom
/// schemes that start programs) comes from an untrusted page and is refused.
const OPENABLE: &[&str] = &["http://", "https://", "mailto:"];

impl App {
    /// The link the reader is on: the one selected in the panel while the
    /// panel has the focus and shows links; else the first link inside the
    /// current quotation or claim (after `]` or `}`), else in the sentence
    /// under the cursor.
    pub fn current_link(&self) -> Option<&Link> {
        if self.focus == Context::Panel && self.panels.is_current(&self.panels.links) {
            return self
                .doc
                .markup()
                .links
                .get(self.panels.links.selected_link()?);
        }
        let analysis = self.analysis.as_ref()?;
        let span = match self.target {
            Target::Quote(i) => analysis.quotations.get(i).map(|q| q.span.clone()),
            Target::Claim(i) => self.annotations.claims().get(i).map(|c| c.span.clone()),
            Target::Sentence => None,
        }
        .or_else(|| analysis.sentences.get(self.sentence).cloned())?;
        self.doc
            .markup()
            .links
            .iter()
            .find(|l| l.span.start < span.end && span.start < l.span.end)
    }

    /// `o`: asks the main loop to open the current link, or says why not.
    pub(crate) fn open_link(&mut self) -> Option<Effect> {
        let links = self.doc.markup().links.len();
        let message = match self.current_link() {
            Some(link) => match refusal(&link.url) {
                None => return Some(Effect::OpenLink),
                Some(why) => format!(
                    "not opening {}: {why}",
                    crate::safe_text::safe_line(&link.url)
                ),
            },
            None if links == 0 => "this article has no links".to_owned(),
            None => format!("no link in this sentence ({links} in the article; move with ( and ))"),
        };
        self.message = Some(message);
        None
    }

    /// Tells the app the main loop handed `url` to the system opener, or
    /// why no opener could take it (none installed: `xdg-open` and the
    /// like).
    pub fn link_opened(&mut self, url: &str, result: std::io::Result<()>) {
        let url = crate::safe_text::safe_line(url);
        self.message = Some(match result {
            Ok(()) => format!("opening {url}"),
            // The opener's error is the last launcher's debug output
            // (`Launcher "gio" … ExitStatus(…)`), no help to a reader.
            Err(_) => {
                format!("cannot open {url}: no program to open links worked (xdg-open, gio…)")
            }
        });
    }
}

/// Whether `url` has a scheme folio opens and no whitespace or control
/// characters (which an opener might split or act on).
pub fn is_openable(url: &str) -> bool {
    refusal(url).is_none()
}

/// Why folio will not open `url`, in the status bar's words; `None` when
/// it will.
fn refusal(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    if !OPENABLE.iter().any(|scheme| lower.starts_with(scheme)) {
        return Some("only http, https and mailto links are opened");
    }
    url.chars()
        .any(|c| c.is_whitespace() || c.is_control())
        .then_some("the link holds spaces or control characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_openable() {
        assert!(is_openable("https://example.org/kyiv"));
        assert!(is_openable("HTTP://example.org"));
        assert!(is_openable("mailto:desk@example.org"));
        assert!(!is_openable("file:///etc/passwd"));
        assert!(!is_openable("javascript:alert(1)"));
        assert!(!is_openable("/pentagon-statement"));
        assert_eq!(
            refusal("https://example.org/\u{1b}]52;c;x\u{7}"),
            Some("the link holds spaces or control characters")
        );
        assert_eq!(
            refusal("file:///etc/passwd"),
            Some("only http, https and mailto links are opened")
        );
        assert!(!is_openable("https://example.org/a b"));
        assert!(!is_openable("https://example.org/\u{1b}]0;x\u{7}"));
    }
}
