//! The annotation file the app hands the main loop to save or export, and
//! what the app says when a save succeeded or failed.

use super::{App, SaveState};
use crate::annotations::export;
use crate::annotations::file::{AnnotationFile, FileError};

impl App {
    /// The annotation file as saved beside the article: the reader's work
    /// (claims), not what folio recomputes on every open, so saves stay small
    /// and a newer recogniser does not rewrite files kept in git. It names
    /// the article by its file name, as the folder they share finds it:
    /// the same from whatever folder folio was started (no change in git
    /// for starting it elsewhere, and no home folder's path in the file).
    pub fn sidecar_file(&self) -> AnnotationFile {
        let mut file = export::to_file(&self.doc, None, &self.annotations);
        if let Some(name) = self.doc.path().and_then(std::path::Path::file_name) {
            file.article.path = name.to_string_lossy().into_owned();
        }
        file
    }

    /// Everything, as `folio export` prints it: entities and quotations (once
    /// analysis has finished) as well as claims.
    pub fn export_file(&self) -> AnnotationFile {
        export::to_file(&self.doc, self.analysis.as_ref(), &self.annotations)
    }

    /// Tells the app the result of performing [`crate::app::Effect::Save`].
    pub fn saved(&mut self, result: Result<(), FileError>) {
        self.save_state = match result {
            Ok(()) => SaveState::Saved,
            Err(err) => {
                self.message = Some(err.to_string());
                SaveState::Failed(err.to_string())
            }
        };
    }

    /// Shows `message` in the status bar until the next key, after any
    /// message already there.
    pub fn notify(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.message = Some(match self.message.take() {
            Some(first) => format!("{first} · {message}"),
            None => message,
        });
    }

    /// Why the reader's last change is not on disk, if it is not.
    pub fn unsaved_reason(&self) -> Option<&str> {
        match &self.save_state {
            SaveState::Failed(why) => Some(why),
            SaveState::Pending => Some("a save was still pending"),
            _ => None,
        }
    }
}
