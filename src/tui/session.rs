//! One open article in the reader: its app state, its annotation store and
//! the background thread analysing it, started once the first frame is up.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, TryRecvError};

use anyhow::Context as _;

use super::reopen;
use super::wake::{Wake, Waker};
use super::watch::ArticleWatch;
use crate::analysis::{Analysis, Progress, analyse};
use crate::annotations::store::Store;
use crate::app::App;
use crate::config::startup::Settings;
use crate::document::Document;

/// One open article: its app state, annotation store and analysis worker.
pub(super) struct Session {
    pub(super) path: PathBuf,
    pub(super) app: App,
    pub(super) store: Store,
    pub(super) receiver: mpsc::Receiver<Analysis>,
    progress: Progress,
    /// The analysis, until [`Session::start_analysis`] hands it to a thread.
    waiting: Option<Box<dyn FnOnce() + Send>>,
    /// The article's file, to tell the reader when it changes on disk.
    watch: Option<ArticleWatch>,
}

impl Session {
    /// Opens the annotation file of `doc`, the article read from `path`, and
    /// readies its analysis (see [`Session::start_analysis`]). `waker` is
    /// told when the analysis has finished.
    ///
    /// # Errors
    /// The data folder for standard input's annotations cannot be made.
    pub(super) fn open(
        path: &Path,
        doc: Document,
        settings: &Settings,
        waker: Waker,
    ) -> anyhow::Result<Self> {
        let doc = Arc::new(doc);
        let watch = ArticleWatch::new(path, doc.sha256());
        let sidecar = crate::input::sidecar_for(path, &doc)?;
        if crate::input::is_stdin(path)
            && let Some(folder) = sidecar.parent()
        {
            // The data folder may not exist yet; saving needs it.
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        // A file's annotations may also be in the data folder (its own
        // folder was read-only); standard input's are only there.
        let (mut store, annotation_file) = if crate::input::is_stdin(path) {
            Store::open(&sidecar)
        } else {
            Store::open_article(path, doc.sha256())
        };
        let saved_for = reopen::SavedFor::of_read(&annotation_file, &doc);
        let mut app = App::new(
            doc.clone(),
            annotation_file,
            settings.theme.clone(),
            settings.keymap.clone(),
        )
        .with_layout(settings.layout)
        .with_vocabulary(settings.claims.clone());
        app.check_vocabulary();
        if let Some(notice) = store.take_notice() {
            app.notify(notice);
        }
        if let Some(saved_for) = saved_for {
            reopen::keep_up_with_the_article(&mut app, &mut store, &saved_for);
        }
        let progress = Progress::default();
        let (sender, receiver) = mpsc::channel::<Analysis>();
        let worker_progress = progress.clone();
        let analysis = move || {
            let analysis = analyse(&doc, &worker_progress);
            let _ = sender.send(analysis);
            let _ = waker.send(Wake::Analysed);
        };
        Ok(Self {
            path: path.to_path_buf(),
            app,
            store,
            receiver,
            progress,
            waiting: Some(Box::new(analysis)),
            watch,
        })
    }

    /// Tells the reader, once, when the article's file on disk no longer
    /// holds the text shown (see [`ArticleWatch::check`]).
    pub(super) fn check_article_on_disk(&mut self) {
        let name = self.path.file_name().unwrap_or(self.path.as_os_str());
        let name = crate::view::safe_line(&name.to_string_lossy());
        if let Some(message) = self.watch.as_mut().and_then(|w| w.check(&name)) {
            self.app.notify(message);
        }
    }

    /// Starts the analysis on a background thread, unless it has started.
    /// Called once the first frame is on the screen, and the analysis begins
    /// [`super::first_frame::HEAVY_WORK_AFTER`] later: a thread busy from
    /// the start would compete for the cores with drawing that frame and
    /// with the terminal showing it.
    pub(super) fn start_analysis(&mut self) {
        if let Some(analysis) = self.waiting.take() {
            std::thread::spawn(move || {
                std::thread::sleep(super::first_frame::HEAVY_WORK_AFTER);
                analysis();
            });
        }
    }

    /// Installs the analysis if it has finished; whether anything changed.
    pub(super) fn poll_analysis(&mut self) -> bool {
        if self.app.analysis().is_some() {
            return false;
        }
        match self.receiver.try_recv() {
            Ok(analysis) => self.app.set_analysis(analysis),
            Err(TryRecvError::Empty) => self.app.set_analysis_progress(self.progress.get()),
            Err(TryRecvError::Disconnected) => self.app.set_analysis(Analysis::default()),
        }
        true
    }
}
