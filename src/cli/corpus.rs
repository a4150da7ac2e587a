//! Corpus runs: `folio entities|quotes|export|text|suggest` over many articles —
//! paths, folders (walked recursively, `--glob`) and `--files-from` — on
//! every core, printing one JSONL record per article in input order as
//! each finishes (see [`article`] for the records), or one file per
//! article with `--output-dir`. A single article keeps the single-article
//! output.
//!
//! A failed article is an error record and a line on standard error; the
//! run goes on and ends with [`SomeFailed`]. Ctrl-C ends it with
//! [`Interrupted`] after the last complete line.

use std::cell::{Cell, RefCell};
use std::io::{BufWriter, Read as _, Write as _};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::export_format::ExportFormat;
use crate::input;
use article::Task;

mod article;
mod options;
mod paths;
mod pipeline;
mod progress;

pub(crate) use article::export_record;
pub use options::{CorpusArgs, Interrupted, ListFormat, SomeFailed, TextFormat};

/// Articles in flight per job (read, analysed, or waiting for an earlier
/// one to be printed): bounds memory whatever the corpus size.
const WINDOW_PER_JOB: usize = 16;

/// How long printed records may wait in the output buffer.
const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// `folio entities`.
pub(super) fn entities(
    files: &[PathBuf],
    format: ListFormat,
    args: &CorpusArgs,
) -> anyhow::Result<()> {
    if let (Some(file), Some(format)) = (args.single(files), format.single()) {
        return super::inspect::entities(file, format);
    }
    run(Task::Entities(format), files, args)
}

/// `folio quotes`.
pub(super) fn quotes(
    files: &[PathBuf],
    format: ListFormat,
    args: &CorpusArgs,
) -> anyhow::Result<()> {
    if let (Some(file), Some(format)) = (args.single(files), format.single()) {
        return super::inspect::quotes(file, format);
    }
    run(Task::Quotes(format), files, args)
}

/// `folio text`.
pub(super) fn text(files: &[PathBuf], format: TextFormat, args: &CorpusArgs) -> anyhow::Result<()> {
    if let (Some(file), TextFormat::Plain) = (args.single(files), format) {
        return super::inspect::text(file);
    }
    run(Task::Text(format), files, args)
}

/// `folio suggest`: the sentences worth checking of each article, at most
/// `top` each.
pub(super) fn suggest(
    files: &[PathBuf],
    format: super::suggest::SuggestFormat,
    top: Option<usize>,
    args: &CorpusArgs,
) -> anyhow::Result<()> {
    if let Some(file) = args.single(files) {
        return super::suggest::suggest(file, format, top);
    }
    run(Task::Suggest(format, top), files, args)
}

/// `folio export`.
pub(super) fn export(
    files: &[PathBuf],
    output: Option<&Path>,
    format: ExportFormat,
    args: &CorpusArgs,
) -> anyhow::Result<()> {
    if let Some(file) = args.single(files)
        && (format != ExportFormat::Jsonl || output.is_some())
    {
        return super::export_command(file, output, format);
    }
    if output.is_some() {
        anyhow::bail!(
            "-o writes one article; for many, use --output-dir DIR, or --format jsonl \
             with standard output sent to a file (> FILE)"
        );
    }
    run(Task::Export(format), files, args)
}

/// Runs `task` over every article of `files` and `args.files_from`.
fn run(task: Task, files: &[PathBuf], args: &CorpusArgs) -> anyhow::Result<()> {
    let list_on_stdin = args.files_from.as_deref().is_some_and(input::is_stdin);
    let stdin_articles = files.iter().filter(|f| input::is_stdin(f)).count();
    if stdin_articles > 1 || (stdin_articles == 1 && list_on_stdin) {
        anyhow::bail!("standard input (-) can be read only once");
    }
    let mut filter = paths::Filter::new(&args.glob)?;
    if let Some(folder) = &args.output_dir {
        // A format --output-dir cannot write is refused before the folder
        // is made: a refused run leaves nothing behind.
        task.file_suffix()?;
        filter = filter.skipping(folder)?;
    }
    // The list is opened first: a list that cannot be read says so before
    // anything is said about the output.
    let mut inputs = inputs(files.to_vec(), args.files_from.as_deref(), &filter)?.peekable();
    // Before anything is said about the output: a run with nothing to do,
    // or a list of paths unreadable from its first line, ends here.
    match inputs.peek() {
        None => return Err(nothing_found(args)),
        Some(Err((path, why))) if args.files_from.as_deref() == Some(path.as_path()) => {
            anyhow::bail!(
                "{}: {why}",
                crate::view::safe_line(&path.display().to_string())
            )
        }
        Some(_) => {}
    }

    let out_dir = args.output_dir.clone();
    match &out_dir {
        Some(_) => {}
        None if !task.is_jsonl() && !task.is_for_people() => {
            let what = match files {
                [folder] if folder.is_dir() => format!("{} is a folder", folder.display()),
                _ => "many articles".to_owned(),
            };
            anyhow::bail!(
                "{what}: print {} with --format jsonl, or write files with --output-dir DIR",
                task.jsonl_lines()
            )
        }
        None => {}
    }
    let mut bar = progress::Bar::new(!args.quiet);
    if let Some(handle) = bar.handle()
        && !list_on_stdin
    {
        // Count in the background: walking is quick next to analysis.
        let counted = self::inputs(files.to_vec(), args.files_from.as_deref(), &filter)?;
        std::thread::spawn(move || {
            let (articles, bytes) = counted.fold((0, 0), |(n, bytes), item| {
                let size = item
                    .ok()
                    .and_then(|p| std::fs::metadata(p).ok())
                    .map_or(0, |m| m.len());
                (n + 1, bytes + size)
            });
            handle.set(articles, bytes);
        });
    }
    let stop = stop_on_signals()?;
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get));

    // Shared by the sink and the idle flush, which never run at once.
    let stdout = RefCell::new(BufWriter::with_capacity(1 << 18, std::io::stdout().lock()));
    let (mut total, mut failed) = (0u64, 0u64);
    let flushed = Cell::new(Instant::now());
    let work_dir = out_dir.clone();
    let written = article::Written::default();
    let ended = pipeline::ordered_map(
        inputs,
        pipeline::Width {
            jobs,
            window: jobs * WINDOW_PER_JOB,
        },
        move |item: paths::Item| match item {
            Ok(path) => article::process(task, work_dir.as_deref(), &written, path),
            Err((path, message)) => article::Outcome {
                result: Err(article::failure(&path, &message)),
                bytes: 0,
            },
        },
        || article::Outcome {
            bytes: 0,
            result: Err(article::failure(
                Path::new(""),
                "internal error: folio panicked",
            )),
        },
        &stop,
        |outcome: article::Outcome| -> anyhow::Result<()> {
            total += 1;
            bar.done(outcome.bytes);
            let line = match outcome.result {
                Ok(line) => line,
                Err((line, message)) => {
                    failed += 1;
                    bar.println(&format!("folio: {}", crate::view::safe_line(&message)));
                    // Tables are for people: the message says it all.
                    if task.is_for_people() {
                        String::new()
                    } else {
                        line
                    }
                }
            };
            if out_dir.is_none() {
                let mut stdout = stdout.borrow_mut();
                stdout
                    .write_all(line.as_bytes())
                    .context("cannot write to standard output")?;
                if flushed.get().elapsed() >= FLUSH_EVERY {
                    flush(&mut *stdout)?;
                    flushed.set(Instant::now());
                }
            }
            Ok(())
        },
        || {
            // Nothing new for a while: let a reader of the pipe see what is done.
            flush(&mut *stdout.borrow_mut())?;
            flushed.set(Instant::now());
            Ok(())
        },
    );
    bar.finish();
    flush(&mut *stdout.borrow_mut())?;
    if ended? == pipeline::Ended::Stopped {
        return Err(Interrupted { done: total }.into());
    }
    if failed > 0 {
        return Err(SomeFailed { failed, total }.into());
    }
    if total == 0 {
        return Err(nothing_found(args));
    }
    Ok(())
}

/// A folder with no article, globs that match nothing, an empty list: the
/// run has nothing to do, which a script must be able to see (status 1).
fn nothing_found(args: &CorpusArgs) -> anyhow::Error {
    let globs = args.glob.join(" ");
    if globs.is_empty() {
        anyhow::anyhow!("no article found")
    } else {
        anyhow::anyhow!("no article found (--glob {globs} matched no file)")
    }
}

fn flush(out: &mut impl std::io::Write) -> anyhow::Result<()> {
    out.flush().context("cannot write to standard output")
}

/// Every input of the run, lazily: `files` (folders walked), then the
/// paths listed in `files_from`.
fn inputs(
    files: Vec<PathBuf>,
    files_from: Option<&Path>,
    filter: &paths::Filter,
) -> anyhow::Result<Box<dyn Iterator<Item = paths::Item> + Send>> {
    let given = files.into_iter();
    let walk_filter = filter.clone();
    let mut all: Box<dyn Iterator<Item = paths::Item> + Send> =
        Box::new(given.flat_map(move |f| paths::expand(f, &walk_filter)));
    if let Some(list) = files_from {
        let listed: Box<dyn Iterator<Item = paths::Item> + Send> = if input::is_stdin(list) {
            Box::new(paths::lines(
                std::io::BufReader::new(std::io::stdin()),
                list.to_path_buf(),
            ))
        } else {
            let file = std::fs::File::open(list)
                .with_context(|| format!("cannot read the list {}", list.display()))?;
            // A binary file given as the list: said once, before any of
            // its "lines" could become an article that fails.
            let (head, binary) = input::sniff(&mut &file)
                .with_context(|| format!("cannot read the list {}", list.display()))?;
            if let Some(why) = binary {
                anyhow::bail!(
                    "the list of paths {} is not text ({why})",
                    crate::view::safe_line(&list.display().to_string())
                );
            }
            // The head read, then the rest: a pipe cannot be read twice.
            Box::new(paths::lines(
                std::io::BufReader::new(std::io::Cursor::new(head).chain(file)),
                list.to_path_buf(),
            ))
        };
        let list_filter = filter.clone();
        all = Box::new(all.chain(listed.flat_map(move |item| match item {
            Ok(path) => paths::expand(path, &list_filter),
            Err(err) => Box::new(std::iter::once(Err(err))),
        })));
    }
    Ok(all)
}

/// A flag raised by the first SIGINT or SIGTERM; a second one ends folio
/// at once (status 130), for a run stuck on one article.
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(
            signal,
            i32::from(Interrupted::EXIT_CODE),
            Arc::clone(&stop),
        )
        .context("cannot set up Ctrl-C handling")?;
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot set up Ctrl-C handling")?;
    }
    Ok(stop)
}
