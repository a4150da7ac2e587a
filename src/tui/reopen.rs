//! Opening an article whose annotation file was saved for other text: the
//! article was edited since, or the file was saved for another article.

use std::path::Path;

use crate::annotations::file::{AnnotationFile, FileError};
use crate::annotations::store::Store;
use crate::app::{App, SaveState};
use crate::document::Document;
use crate::view::safe_line;

/// What an annotation file, as read on opening, was saved for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SavedFor {
    /// The SHA-256 (lower-case hex) of the article's bytes it was saved for.
    sha256: String,
    /// The file name of the article it names, when that is not the
    /// article opened (whose bytes differ too): a copied or misnamed file.
    another_article: Option<String>,
}

impl SavedFor {
    /// What the annotation file `read` on opening `doc` was saved for;
    /// `None` when there was none, or it could not be read.
    pub(super) fn of_read(
        read: &Result<Option<AnnotationFile>, FileError>,
        doc: &Document,
    ) -> Option<Self> {
        read.as_ref()
            .ok()
            .and_then(Option::as_ref)
            .map(|file| Self::of(file, doc))
    }

    /// What `file` was saved for, compared with `doc`, the article opened.
    fn of(file: &AnnotationFile, doc: &Document) -> Self {
        let named = Path::new(&file.article.path).file_name();
        let opened = doc.path().and_then(Path::file_name);
        let another_article = match (named, opened) {
            (Some(named), Some(opened))
                if named != opened && file.article.sha256 != doc.sha256() =>
            {
                Some(named.to_string_lossy().into_owned())
            }
            _ => None,
        };
        Self {
            sha256: file.article.sha256.clone(),
            another_article,
        }
    }
}

/// Brings the annotation file up to date with the article `app` shows,
/// when it was saved for other text (`saved_for`).
///
/// After an edit of the article the file is written again at once: each
/// claim's place and the words around it are then those of the text shown,
/// so that the next edit finds it from here. (Left as it was, a claim found
/// after one edit was lost to the next, which changed its words while the
/// stored words around it were still those before the first.) Claims not
/// found are written back as they were read; a changed claim keeps the
/// words it was made on.
///
/// A file saved for another article is left as it is, and the reader told:
/// its claims are orphaned here, and writing it would hide whose they were.
/// Nothing is written to a file folio could not read (read-only to it).
pub(super) fn keep_up_with_the_article(app: &mut App, store: &mut Store, saved_for: &SavedFor) {
    if saved_for.sha256 == app.document().sha256() || *app.save_state() != SaveState::Unchanged {
        return;
    }
    let name = store
        .path()
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    let name = safe_line(&name);
    if let Some(other) = &saved_for.another_article {
        app.notify(format!(
            "{name} was saved for another article, {}: its claims not found here are kept, unchanged, until you change something",
            safe_line(other)
        ));
        return;
    }
    app.saved(store.save(&app.sidecar_file()));
    if let Some(notice) = store.take_notice() {
        app.notify(notice);
    }
    if *app.save_state() == SaveState::Saved {
        app.notify(format!(
            "the article changed since {name} was saved: its claims are re-anchored and saved"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Annotations, Claim, export, file};
    use crate::keymap::Keymap;
    use crate::theme::Theme;

    const CLAIM: &str = "Biden last week ordered the deployment of 3,000 US troops to Poland, Germany and Romania, preparing for an invasion that Moscow flatly denies is coming.";
    const BEFORE: &str = "He will visit Ukrainian President Volodymyr Zelensky on Tuesday.";

    /// The reader opening `article` as it is on disk, as the session does
    /// (the file brought up to date with the article).
    fn open(article: &Path) -> (App, Store) {
        let doc = crate::input::open(article).unwrap();
        let (mut store, read) = Store::open_article(article, doc.sha256());
        let saved_for = SavedFor::of_read(&read, &doc);
        let mut app = App::new(doc, read, Theme::builtin(false), Keymap::builtin());
        if let Some(saved_for) = saved_for {
            keep_up_with_the_article(&mut app, &mut store, &saved_for);
        }
        (app, store)
    }

    /// The annotation file of `article` as it is, with one claim on
    /// [`CLAIM`].
    fn saved_with_claim(article: &Path) -> AnnotationFile {
        let doc = crate::input::open(article).unwrap();
        let at = doc.text().find(CLAIM).unwrap();
        let claim = Claim {
            id: "c1".to_owned(),
            span: at..at + CLAIM.len(),
            label: "statistic".to_owned(),
            verdict: "true".to_owned(),
            note: String::new(),
            speaker: None,
            created: "2026-12-08T02:00:00Z".parse().unwrap(),
            modified: None,
        };
        export::to_file(&doc, None, &Annotations::new(vec![claim], vec![]))
    }

    fn edit(article: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(article).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(article, text.replacen(from, to, 1)).unwrap();
    }

    #[test]
    fn a_claim_found_after_one_edit_of_the_article_is_found_after_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::copy("samples/macron-moscow.txt", &article).unwrap();
        let saved = saved_with_claim(&article);
        let sidecar = file::sidecar_path(&article);
        std::fs::write(&sidecar, file::to_toml(&saved).unwrap()).unwrap();

        // The sentence before the claim is rewritten: the claim is found
        // by its words, and its new place and surroundings are saved.
        edit(
            &article,
            BEFORE,
            "He meets Volodymyr Zelensky in Kyiv next.",
        );
        let (app, _) = open(&article);
        assert_eq!(*app.save_state(), SaveState::Saved);
        assert!(
            app.message().unwrap().contains(
                "the article changed since a.txt.folio.toml was saved: its claims are re-anchored and saved"
            ),
            "{:?}",
            app.message()
        );
        let written = std::fs::read_to_string(&sidecar).unwrap();
        assert!(written.contains(&format!("sha256 = \"{}\"", app.document().sha256())));
        // Named by its file name, not the temporary folder's path.
        assert!(written.contains("path = \"a.txt\"\n"), "{written}");
        // The words before it now (the prefix; no other field has them).
        assert!(
            written.contains("olodymyr Zelensky in Kyiv next."),
            "{written}"
        );

        // Then a figure in the claim changes: the claim is changed, with
        // the words it was made on, not orphaned.
        edit(&article, "3,000 US troops", "3,500 US troops");
        let (app, _) = open(&article);
        assert!(app.annotations().orphans().is_empty());
        let changed: Vec<_> = app.annotations().changed_claims().collect();
        assert_eq!(changed, [("c1", CLAIM)]);
        let written = std::fs::read_to_string(&sidecar).unwrap();
        assert!(
            written.contains(&format!("changed_from = \"{CLAIM}\"")),
            "{written}"
        );

        // Opened again unchanged, the file is left as it is.
        let before = std::fs::read_to_string(&sidecar).unwrap();
        let (app, _) = open(&article);
        assert_eq!(*app.save_state(), SaveState::Unchanged);
        assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), before);
    }

    #[test]
    fn a_file_folio_cannot_read_is_not_written_after_an_edit() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::copy("samples/macron-moscow.txt", &article).unwrap();
        let sidecar = file::sidecar_path(&article);
        let broken = "schema = 3\noffset_unit = \"char\"\n[article]\npath = \"a.txt\"\nsha256 = \"00\"\n[[claims]]\nid = \"c1\"\n";
        std::fs::write(&sidecar, broken).unwrap();
        let (app, _) = open(&article);
        assert!(matches!(app.save_state(), SaveState::ReadOnly(_)));
        assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), broken);
    }

    #[test]
    fn a_file_saved_for_another_article_is_told_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::copy("samples/macron-moscow.txt", &article).unwrap();
        let saved = saved_with_claim(&article);
        // Copied beside another article, whose text has no such claim.
        let other = dir.path().join("b.txt");
        std::fs::write(&other, "Another article, about something else.\n").unwrap();
        let sidecar = file::sidecar_path(&other);
        let text = file::to_toml(&saved).unwrap();
        std::fs::write(&sidecar, &text).unwrap();
        let (app, _) = open(&other);
        assert_eq!(*app.save_state(), SaveState::Unchanged);
        assert_eq!(app.annotations().orphans().len(), 1);
        assert!(
            app.message().unwrap().contains(
                "b.txt.folio.toml was saved for another article, a.txt: its claims not found here are kept, unchanged, until you change something"
            ),
            "{:?}",
            app.message()
        );
        assert_eq!(std::fs::read_to_string(&sidecar).unwrap(), text);
    }
}
