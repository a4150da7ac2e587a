//! The command line: `folio FILE` opens the reader; `folio export FILE`
//! prints the annotation file; `entities`, `quotes` and `text` print what
//! folio reads (see `inspect`); `completions` and `man` document folio.

use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::annotations::{export, store};
use crate::config::{self, startup::Overrides};

mod annotated;
mod corpus;
mod generate;
mod inspect;
mod suggest;

pub use corpus::{CorpusArgs, Interrupted, ListFormat, SomeFailed, TextFormat};

pub mod export_format;

/// Read and annotate news articles in the terminal: named entities in colour,
/// quotations and their speakers, claims with verdicts, all saved as TOML.
#[derive(Debug, Parser)]
#[command(version, after_help = EXAMPLES)]
pub struct Cli {
    /// The articles to open: plain text (UTF-8 or a legacy encoding),
    /// Markdown (`.md`) or a saved HTML page (`.html`, or detected by its
    /// content). `-`, or no file with standard input redirected, reads
    /// standard input.
    pub files: Vec<PathBuf>,
    /// Colour theme: default, light, high-contrast, monochrome, or a theme
    /// of yours in the config folder's themes/ (overrides config.toml).
    #[arg(long, value_name = "NAME", global = true)]
    pub theme: Option<String>,
    /// Leave the mouse to the terminal (its own text selection works).
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Read settings from FILE instead of the config folder's config.toml
    /// (`folio config` checks it).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line `folio FILE…` (no options, no subcommand; `-` for
    /// standard input) without clap: building clap's parser for every
    /// subcommand took a quarter of a millisecond, a sixth of the time to
    /// the first frame. `None` for anything else, which clap parses (and
    /// which it would parse to the same [`Cli`]).
    #[must_use]
    pub fn only_files(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<Self> {
        let files: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
        let plain = |file: &PathBuf| {
            let arg = file.as_os_str().as_encoded_bytes();
            !arg.is_empty() && (arg == b"-" || !arg.starts_with(b"-"))
        };
        let subcommand = |file: &PathBuf| {
            file.to_str()
                .is_some_and(|name| SUBCOMMANDS.contains(&name))
        };
        (!files.is_empty() && files.iter().all(|f| plain(f) && !subcommand(f))).then_some(Self {
            files,
            theme: None,
            no_mouse: false,
            config: None,
            command: None,
        })
    }
}

/// Every subcommand's name, and `help`: a word clap would not take as a file.
const SUBCOMMANDS: [&str; 9] = [
    "export",
    "config",
    "entities",
    "quotes",
    "text",
    "suggest",
    "completions",
    "man",
    "help",
];

const EXAMPLES: &str = "Examples:
  folio samples/macron-moscow.txt          read and annotate (press ? for keys)
  folio export samples/macron-moscow.txt   print entities, quotes and claims as TOML
  folio export a.txt -o a.toml             write them to a file
  folio --theme light a.txt                read with the light theme
  folio config --print-default             show every setting and key, commented
  folio entities a.txt --format json       the named entities, as JSON
  folio quotes a.txt                       the quotations and their speakers, as a table
  folio text a.txt                         the article text every offset counts in
  folio entities corpus/ --glob '*.txt' --format jsonl > entities.jsonl
                                           every article under corpus/, one JSON line each, on all cores
  find crawl -name '*.html' | folio export --files-from - --format jsonl > export.jsonl
  folio suggest a.txt --top 5              the five sentences most worth checking, and why
  curl -s URL | folio -                    read a page from standard input (keys still work)
  folio export - < page.html               export in a pipe (annotations of stdin live in the data folder)
  folio completions bash > folio.bash      shell completions (bash, zsh, fish, elvish, powershell)
  folio man > folio.1                      the manual page";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the article's entities, quotations and claims as TOML, W3C Web
    /// Annotation JSON-LD, brat standoff, schema.org ClaimReview, JSON Lines
    /// or a Markdown report (offsets in chars, end-exclusive).
    Export {
        /// The articles: files, folders (walked recursively) or `-` for
        /// standard input. Many articles need --format jsonl or --output-dir.
        #[arg(required_unless_present = "files_from")]
        files: Vec<PathBuf>,
        /// Write to this file instead of standard output (`-`: standard
        /// output). A link is followed; a device or pipe is written to.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The export format.
        #[arg(short, long, value_enum, default_value_t = export_format::ExportFormat::Toml)]
        format: export_format::ExportFormat,
        /// Options for many articles.
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Show where the config file is and check it (every problem, with file
    /// and line; exit status 1 if there is any).
    Config {
        /// Print the default config, commented, instead
        /// (`folio config --print-default > CONFIG_FILE` starts one).
        #[arg(long)]
        print_default: bool,
        /// Check this file instead of the config folder's config.toml.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Print the named entities: kind, name, mention count, id and the
    /// char offsets of every mention.
    Entities {
        /// The articles: files, folders (walked recursively) or `-` for
        /// standard input. Many articles print a table each, under its
        /// path, or a record each with --format jsonl.
        #[arg(required_unless_present = "files_from")]
        files: Vec<PathBuf>,
        /// Output format [default: table; json with --output-dir].
        #[arg(short, long, value_enum)]
        format: Option<ListFormat>,
        /// Options for many articles.
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print the quotations: id, char offsets, kind, speaker and text.
    Quotes {
        /// The articles: files, folders (walked recursively) or `-` for
        /// standard input. Many articles print a table each, under its
        /// path, or a record each with --format jsonl.
        #[arg(required_unless_present = "files_from")]
        files: Vec<PathBuf>,
        /// Output format [default: table; json with --output-dir].
        #[arg(short, long, value_enum)]
        format: Option<ListFormat>,
        /// Options for many articles.
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print the article text exactly as folio reads it: every offset folio
    /// writes counts chars of this text.
    Text {
        /// The articles: files, folders (walked recursively) or `-` for
        /// standard input. Many articles print one after another, each
        /// under its path, or a record each with --format jsonl.
        #[arg(required_unless_present = "files_from")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = TextFormat::Plain)]
        format: TextFormat,
        /// Options for many articles.
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print the sentences worth checking, best first: score (0..1),
    /// proposed claim label, reasons and char offsets.
    Suggest {
        /// The articles: files, folders (walked recursively) or `-` for
        /// standard input. Many articles print a table each, under its
        /// path, or a line per suggestion with --format jsonl. With
        /// `--each-line`, one file of one sentence per line.
        #[arg(required_unless_present = "files_from")]
        files: Vec<PathBuf>,
        /// Score each line of FILE as one sentence and print one score
        /// (0..1) per line, in order (plain numbers: no --format or --top;
        /// one file).
        #[arg(long, conflicts_with_all = ["format", "top", "files_from", "glob", "output_dir", "jobs", "quiet"])]
        each_line: bool,
        /// Output format [default: table; json with --output-dir].
        #[arg(short, long, value_enum)]
        format: Option<suggest::SuggestFormat>,
        /// Print only the N best (of each article).
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Options for many articles.
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print folio's manual page (roff), e.g. `folio man > folio.1`.
    Man,
}

/// How the listing subcommands print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns, to read in the terminal.
    Table,
    /// TOML, as in the annotation file.
    Toml,
    /// JSON, for scripts.
    Json,
}

/// Runs folio with the process arguments.
///
/// # Errors
/// Any failure to read the article or its annotation file, or to write the
/// output; the message names the path.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::only_files(std::env::args_os().skip(1)).unwrap_or_else(Cli::parse);
    // Subcommands read no settings, but a `--config` they were given that
    // is not there is still a mistake worth saying (the reader refuses it).
    require_named_config(cli.config.as_deref())?;
    match (cli.command, cli.files) {
        (
            Some(Command::Export {
                files,
                output,
                format,
                corpus,
            }),
            _,
        ) => {
            // "-o -": standard output, as "-" is standard input.
            let output = output.filter(|o| o.as_os_str() != "-");
            corpus::export(&files, output.as_deref(), format, &corpus)
        }
        (
            Some(Command::Config {
                print_default,
                file,
            }),
            _,
        ) => config_command(print_default, file.or(cli.config)),
        (
            Some(Command::Entities {
                files,
                format,
                corpus,
            }),
            _,
        ) => corpus::entities(
            &files,
            corpus.format_or(format, ListFormat::Json, ListFormat::Table),
            &corpus,
        ),
        (
            Some(Command::Quotes {
                files,
                format,
                corpus,
            }),
            _,
        ) => corpus::quotes(
            &files,
            corpus.format_or(format, ListFormat::Json, ListFormat::Table),
            &corpus,
        ),
        (
            Some(Command::Text {
                files,
                format,
                corpus,
            }),
            _,
        ) => corpus::text(&files, format, &corpus),
        (
            Some(Command::Suggest {
                files,
                each_line: true,
                ..
            }),
            _,
        ) => match files.as_slice() {
            [file] => suggest::each_line(file),
            _ => anyhow::bail!("--each-line reads one file of sentences"),
        },
        (
            Some(Command::Suggest {
                files,
                format,
                top,
                corpus,
                ..
            }),
            _,
        ) => {
            let format = corpus.format_or(
                format,
                suggest::SuggestFormat::Json,
                suggest::SuggestFormat::Table,
            );
            corpus::suggest(&files, format, top, &corpus)
        }
        (Some(Command::Completions { shell }), _) => generate::completions(shell),
        (Some(Command::Man), _) => generate::man(),
        (None, files) => {
            let files = match files.as_slice() {
                // `folio < article.txt`, `curl … | folio`: standard input is the article.
                [] if !std::io::stdin().is_terminal() => vec![PathBuf::from(crate::input::STDIN)],
                [] => anyhow::bail!("no article given: run folio FILE (folio --help shows more)"),
                files if files.iter().filter(|f| crate::input::is_stdin(f)).count() > 1 => {
                    anyhow::bail!("standard input (-) can be read only once")
                }
                files => distinct_articles(files),
            };
            // Refused on a normal screen, in the words `folio export` uses.
            for file in &files {
                crate::input::check_article(file)?;
            }
            let overrides = Overrides {
                config: cli.config,
                theme: cli.theme,
                no_mouse: cli.no_mouse,
            };
            crate::tui::run(&files, &overrides)
        }
    }
}

/// Fails when `named`, a config file the reader named, is not there; only
/// the default one may be missing.
fn require_named_config(named: Option<&std::path::Path>) -> anyhow::Result<()> {
    match named {
        Some(path) if !path.exists() => {
            anyhow::bail!("config file {} does not exist", path.display())
        }
        _ => Ok(()),
    }
}

/// `folio config`: the default config, or the config file's path and problems.
fn config_command(print_default: bool, file: Option<PathBuf>) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if print_default {
        stdout
            .write_all(config::default_text().as_bytes())
            .context("cannot write to standard output")?;
        return Ok(());
    }
    require_named_config(file.as_deref())?;
    let path = file
        .or_else(config::default_path)
        .context("no config folder on this system (no home folder?)")?;
    if !path.exists() {
        writeln!(
            stdout,
            "{} (not there: folio uses the defaults)",
            path.display()
        )
        .context("cannot write to standard output")?;
        return Ok(());
    }
    // What the reader would warn of: the config file's problems and the
    // theme's it names.
    let overrides = config::startup::Overrides {
        config: Some(path.clone()),
        ..config::startup::Overrides::default()
    };
    let warnings = config::startup::settings(&overrides)?.warnings;
    writeln!(stdout, "{}", path.display()).context("cannot write to standard output")?;
    if warnings.is_empty() {
        return Ok(());
    }
    for warning in &warnings {
        // File names and values come from the reader's files: print them safely.
        eprintln!("{}", crate::view::safe_line(warning));
    }
    anyhow::bail!("{} problem(s) in {}", warnings.len(), path.display())
}

fn export_command(
    path: &Path,
    output: Option<&Path>,
    format: export_format::ExportFormat,
) -> anyhow::Result<()> {
    use export_format::ExportFormat;
    if let Some(out) = output
        && same_file(out, path)
    {
        anyhow::bail!(
            "refusing to write the export over the article itself: {}",
            out.display()
        );
    }
    // The annotation file holds the reader's work; the export is another
    // document (with what folio found), which would take its place.
    if let Some(out) = output
        && !crate::input::is_stdin(path)
        && same_file(out, &crate::annotations::file::sidecar_path(path))
    {
        anyhow::bail!(
            "refusing to write the export over the article's annotation file: {}",
            out.display()
        );
    }
    let annotated::Annotated {
        doc,
        annotations,
        mut analysis,
    } = annotated::open(path, crate::analysis::Scope::WithoutSuggestions)?;
    // No export carries sentences (nor check-worthiness scores, not
    // computed): free them before the records are made.
    analysis.sentences = Vec::new();
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    if !to_terminal
        && matches!(
            format,
            ExportFormat::Toml | ExportFormat::Json | ExportFormat::Brat
        )
    {
        // Straight to the file or pipe, a record at a time: the text of a
        // long article's export is never all in memory.
        let export = export_format::Streamed {
            format,
            doc: &doc,
            annotations: &annotations,
        };
        match output {
            Some(out) => {
                export_format::write_companions(format, &doc, path, out)?;
                let mut left_out = Vec::new();
                store::write_atomic_with(out, |file| {
                    let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
                    left_out = export.write(analysis, &mut file)?;
                    file.flush()
                })?;
                export_format::report_left_out(&left_out);
            }
            None => {
                let mut stdout =
                    std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                let left_out = export
                    .write(analysis, &mut stdout)
                    .and_then(|left_out| stdout.flush().map(|()| left_out))
                    .context("cannot write to standard output")?;
                export_format::report_left_out(&left_out);
            }
        }
        return Ok(());
    }
    let exported = export::to_export_from(&doc, analysis, &annotations);
    let text = export_format::render(format, &doc, &exported)?;
    match output {
        Some(out) => {
            export_format::write_companions(format, &doc, path, out)?;
            store::write_atomic(out, &text)?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let text = if to_terminal {
                export_format::for_terminal(&text)
            } else {
                text
            };
            stdout
                .write_all(text.as_bytes())
                .context("cannot write to standard output")?;
            stdout.flush().context("cannot write to standard output")?;
        }
    }
    Ok(())
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `files` with each article once: `a.txt ./a.txt` (or a link to it) would
/// open one annotation file in two tabs, and each tab would take the
/// other's saves for another program's. Standard input (`-`) and paths
/// that cannot be resolved are kept as given.
fn distinct_articles(files: &[PathBuf]) -> Vec<PathBuf> {
    if files.len() < 2 {
        return files.to_vec();
    }
    let mut seen = std::collections::HashSet::new();
    files
        .iter()
        .filter(|f| {
            crate::input::is_stdin(f)
                || std::fs::canonicalize(f).map_or(true, |real| seen.insert(real))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_that_skip_the_fast_path_are_every_subcommand_and_alias() {
        use clap::CommandFactory as _;
        let command = Cli::command();
        let mut names: Vec<&str> = command
            .get_subcommands()
            .flat_map(|sub| std::iter::once(sub.get_name()).chain(sub.get_all_aliases()))
            .chain(["help"])
            .collect();
        names.sort_unstable();
        let mut listed = SUBCOMMANDS.to_vec();
        listed.sort_unstable();
        assert_eq!(listed, names);
    }

    #[test]
    fn plain_file_arguments_parse_as_clap_parses_them_and_the_rest_go_to_clap() {
        // The arguments, and whether they skip clap.
        let cases: &[(&[&str], bool)] = &[
            (&["a.txt"], true),
            (&["a.txt", "b.html", "-"], true),
            (&["notes/export.txt", "Export"], true),
            (&["--theme", "light", "a.txt"], false),
            (&["a.txt", "--no-mouse"], false),
            (&["export", "a.txt"], false),
            (&["a.txt", "quotes"], false),
            (&["-h"], false),
            (&["--", "a.txt"], false),
            (&[""], false),
            (&[], false),
        ];
        for (args, skips) in cases {
            let os = || args.iter().map(std::ffi::OsString::from);
            let fast = Cli::only_files(os());
            assert_eq!(fast.is_some(), *skips, "{args:?}");
            if let Some(fast) = fast {
                let clap = Cli::try_parse_from(std::iter::once("folio".into()).chain(os()))
                    .unwrap_or_else(|err| panic!("{args:?}: {err}"));
                assert_eq!(fast.files, clap.files, "{args:?}");
                assert!(clap.command.is_none() && clap.theme.is_none(), "{args:?}");
                assert!(!clap.no_mouse && clap.config.is_none(), "{args:?}");
            }
        }
    }

    #[test]
    fn an_article_given_twice_opens_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, "A text.").unwrap();
        std::fs::write(&b, "B text.").unwrap();
        let again = dir.path().join(".").join("a.txt");
        let given = [a.clone(), again, b.clone(), PathBuf::from("-")];
        assert_eq!(distinct_articles(&given), [a, b, PathBuf::from("-")]);
    }
}
