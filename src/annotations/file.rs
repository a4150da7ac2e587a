//! The annotation file: its TOML shape, reading it safely, writing it atomically.
//!
//! The file sits beside the article (`article.txt.folio.toml`). Offsets in it
//! count chars (Unicode scalar values), end-exclusive, and every span carries its
//! `exact` text. See README.md for the format. A file that does not parse, or
//! has a newer `schema`, is reported and never overwritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use crate::analysis::{EntityKind, QuoteKind};

/// The schema version this folio writes. It reads this one and every older
/// one: schema 1 lacks `changed_from` on claims and `prefix`/`suffix` on
/// speakers (read as absent and empty); schema 2 lacks `dismissed` (read as
/// empty). A file is refused by an older folio, which would otherwise drop
/// what it does not know when saving.
pub const SCHEMA: u32 = 3;

/// The unit of every `start`/`end` in the file.
pub const OFFSET_UNIT: &str = "char";

/// A whole annotation file (also what `folio export` prints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotationFile {
    /// Format version: [`SCHEMA`] when written; as found when read (1 or 2).
    pub schema: u32,
    /// Always [`OFFSET_UNIT`]; a file that says otherwise is refused, as
    /// its offsets would be read in the wrong unit.
    #[serde(deserialize_with = "only_char_offsets")]
    pub offset_unit: String,
    /// The highest claim number (`c<N>`) given in this file so far, removed
    /// claims included, so that no id is ever given to a second claim (an
    /// export's ids stay those of the claims they named). Left out while no
    /// claim was removed: the largest id in use says the same.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub last_claim: u64,
    /// Which article the spans refer to.
    pub article: ArticleRecord,
    /// Named entities found (origin `auto`) with their mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityRecord>,
    /// Quotations in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteRecord>,
    /// The reader's claims, including any that could not be re-anchored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord>,
    /// Speakers the reader set or corrected, one per quotation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<SpeakerRecord>,
    /// The reader's entity corrections, in the order they are replayed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<super::corrections::CorrectionRecord>,
    /// Check-worthiness suggestions the reader dismissed (schema 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<DismissedRecord>,
}

/// Reads `offset_unit`, refusing any unit but [`OFFSET_UNIT`]: a file
/// edited to say `"byte"` would otherwise have its offsets read as chars,
/// pointing at other text, and be rewritten as `"char"` without a word.
fn only_char_offsets<'de, D: serde::Deserializer<'de>>(from: D) -> Result<String, D::Error> {
    let unit = String::deserialize(from)?;
    if unit == OFFSET_UNIT {
        Ok(unit)
    } else {
        Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Str(&unit),
            &"\"char\" (folio's offsets count chars, Unicode scalar values)",
        ))
    }
}

/// A sentence folio suggested as worth checking and the reader dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DismissedRecord {
    /// First char of the sentence.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The sentence.
    pub exact: String,
    /// Up to 32 chars just before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars just after it.
    #[serde(default)]
    pub suffix: String,
}

/// The reader's word on who said a quotation, overriding folio's attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    /// First char of the quotation (its opening mark).
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// The quotation with its marks.
    pub exact: String,
    /// Up to 32 chars just before the quotation (empty in schema 1 files).
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars just after the quotation (empty in schema 1 files).
    #[serde(default)]
    pub suffix: String,
    /// Entity id of the speaker, when it is a person folio knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker as typed, when it is no known person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
}

/// The article an annotation file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The article: in the file folio saves beside it, its file name; in
    /// what `folio export` prints, the path as folio was given it (`-` for
    /// standard input).
    pub path: String,
    /// Lower-case hex SHA-256 of the article's bytes when the file was written.
    pub sha256: String,
    /// The encoding the article was decoded from (`UTF-8`, `windows-1252`, …);
    /// offsets count the chars of the decoded text.
    #[serde(default = "utf8")]
    pub encoding: String,
    /// Where the article lives on the web, when its page says so (HTML
    /// canonical link or `og:url`): the `appearance` of a ClaimReview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

fn utf8() -> String {
    "UTF-8".to_owned()
}

/// A span of the article: chars `[start, end)` equal `exact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    /// First char, counting Unicode scalar values from 0.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The text of the span, shared between the mentions of an entity that
    /// read the same (a long article names "Obama" thousands of times).
    pub exact: std::sync::Arc<str>,
}

/// A named entity and its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Stable id (`emmanuel-macron`), referred to by `speaker` fields.
    pub id: String,
    /// `person`, `place`, `organisation` or `misc`.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// `auto` (found by folio) or `user` (added by the reader).
    pub origin: String,
    /// Why the entity has its kind, as the panel's detail line says it
    /// (`title "President" + given name`, `gazetteer city`, `tagged by the
    /// reader`): to read, not to parse. Left out when empty (older files).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// `true` when the kind is the model's guess from the words and their
    /// context alone (the panel's `?`): worth checking; left out when
    /// `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kind_guessed: bool,
    /// Every mention, in order.
    pub mentions: Vec<SpanRecord>,
}

/// A quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// `q1`, `q2`, … in reading order.
    pub id: String,
    /// First char (the opening mark).
    pub start: usize,
    /// One past the last char (the closing mark).
    pub end: usize,
    /// The quotation with its marks.
    pub exact: String,
    /// `speech` (someone's words) or `scare` (a term, title or nickname in
    /// quotation marks); `speech` when left out.
    #[serde(default)]
    pub kind: QuoteKind,
    /// Id of the quotation this one is nested in (`q2`); left out for an
    /// outermost quotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nested_in: Option<String>,
    /// `true` when no closing mark was found and the quotation ends with its
    /// paragraph; left out when `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unclosed: bool,
    /// Entity id of the speaker (a person), when the text says who.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The words naming a speaker who is no entity ("a spokesman",
    /// "officials"); left out when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    /// How the speaker was found: `clause` (a reporting clause names them),
    /// `pronoun`, `description`, `continues` (a split quotation), `follows`
    /// (a paragraph carrying on an earlier speaker), `subject` (the subject
    /// of the clause holding quoted words), `nearby`, or `reader` (set by
    /// hand); left out when there is no speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_evidence: Option<String>,
    /// `true` when folio's evidence for the speaker is weak and worth
    /// checking; left out when `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub speaker_weak: bool,
}

/// A claim, with enough context to find it again if the article changes
/// (W3C Web Annotation TextQuoteSelector: `exact`, `prefix`, `suffix`).
///
/// Written through [`ClaimOut`]: an `orphaned` claim is written without
/// `start`/`end`, which no longer index its `exact`; read back, they are 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "ClaimOut")]
pub struct ClaimRecord {
    /// `c1`, `c2`, …
    pub id: String,
    /// `true` when the claim's words are no longer in the article (set by
    /// `folio export`, see [`super::export::to_export`]); `start` and `end`
    /// are then where it was last seen and are not written. Left out when
    /// `false`.
    #[serde(default)]
    pub orphaned: bool,
    /// First char (last seen, for an orphaned claim).
    #[serde(default)]
    pub start: usize,
    /// One past the last char (last seen, for an orphaned claim).
    #[serde(default)]
    pub end: usize,
    /// The claimed text.
    pub exact: String,
    /// Up to 32 chars just before the claim.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars just after the claim.
    #[serde(default)]
    pub suffix: String,
    /// Kind of claim (`checkable`).
    pub label: String,
    /// The verdict (`unverified`, `true`, `mostly-true`, `misleading`, `false`, `opinion`).
    pub verdict: String,
    /// Entity id of who made the claim, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The reader's note.
    #[serde(default)]
    pub note: String,
    /// When the claim was made (UTC).
    pub created: Datetime,
    /// The words the claim was made on, when the article has changed them
    /// since (`exact` holds the new words); left out otherwise. Cleared when
    /// the reader saves the claim again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_from: Option<String>,
    /// When it was last changed (UTC); left out by older folio versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Datetime>,
}

/// How a [`ClaimRecord`] is written: the same fields in the same order,
/// with `orphaned = true` instead of offsets for an orphaned claim.
#[derive(Serialize)]
pub struct ClaimOut {
    id: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    orphaned: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    exact: String,
    prefix: String,
    suffix: String,
    label: String,
    verdict: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<String>,
    note: String,
    created: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<Datetime>,
}

impl From<ClaimRecord> for ClaimOut {
    fn from(c: ClaimRecord) -> Self {
        let offsets = |at| (!c.orphaned).then_some(at);
        Self {
            start: offsets(c.start),
            end: offsets(c.end),
            id: c.id,
            orphaned: c.orphaned,
            exact: c.exact,
            prefix: c.prefix,
            suffix: c.suffix,
            label: c.label,
            verdict: c.verdict,
            speaker: c.speaker,
            note: c.note,
            created: c.created,
            changed_from: c.changed_from,
            modified: c.modified,
        }
    }
}

/// Why an annotation file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file exists but could not be read.
    #[error("cannot read {}: {reason}", path.display())]
    Read {
        /// The annotation file.
        path: PathBuf,
        /// The operating system's reason.
        reason: std::io::Error,
    },
    /// The file is not valid TOML or not in folio's shape.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The annotation file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column (in chars) of the problem.
        column: usize,
        /// What the TOML parser said.
        message: String,
    },
    /// The file was written by a newer folio.
    #[error("{} has schema {found}; this folio reads schema {SCHEMA} — upgrade folio", path.display())]
    NewerSchema {
        /// The annotation file.
        path: PathBuf,
        /// The schema number in the file.
        found: i64,
    },
    /// Writing failed (folder not writable, disk full, …).
    #[error("cannot save {}: {reason}", path.display())]
    Write {
        /// The annotation file.
        path: PathBuf,
        /// The operating system's reason.
        reason: std::io::Error,
    },
    /// Another program (or another folio) changed the file since this
    /// session read or wrote it; it was not overwritten.
    #[error(
        "{} was changed by another program; not overwritten. Your annotations are in {}: merge them by hand",
        path.display(),
        kept.display()
    )]
    ChangedOnDisk {
        /// The annotation file.
        path: PathBuf,
        /// Where this session's version was written instead.
        kept: PathBuf,
    },
    /// A value in the file is outside what folio can handle.
    #[error("{}: {problem}", path.display())]
    Invalid {
        /// The annotation file.
        path: PathBuf,
        /// What is wrong, naming the record.
        problem: String,
    },
}

/// Where the annotations of the article at `article` are kept:
/// the same path with `.folio.toml` appended.
pub fn sidecar_path(article: &Path) -> PathBuf {
    let mut name = article.as_os_str().to_owned();
    name.push(".folio.toml");
    PathBuf::from(name)
}

/// Reads the annotation file at `path`; `Ok(None)` when there is none yet.
///
/// # Errors
/// [`FileError::Read`], [`FileError::Parse`] with line and column,
/// [`FileError::NewerSchema`] or [`FileError::Invalid`].
pub fn load(path: &Path) -> Result<Option<AnnotationFile>, FileError> {
    match read_text(path)? {
        Some(text) => parse(path, &text).map(Some),
        None => Ok(None),
    }
}

/// The text of the file at `path`, or `None` if it does not exist.
///
/// # Errors
/// [`FileError::Read`] for any other failure (a folder, a FIFO or device,
/// no permission, not UTF-8).
pub fn read_text(path: &Path) -> Result<Option<String>, FileError> {
    // A FIFO or a device (a link to /dev/zero) would block or never end.
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
        return Err(FileError::Read {
            path: path.to_path_buf(),
            reason: std::io::Error::other("not a regular file"),
        });
    }
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        // A path under a regular file cannot hold a file either, nor can a
        // name longer than the file system allows (a long article name
        // plus `.folio.toml`).
        Err(err)
            if matches!(
                err.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::NotADirectory
                    | std::io::ErrorKind::InvalidFilename
            ) =>
        {
            Ok(None)
        }
        Err(reason) => Err(FileError::Read {
            path: path.to_path_buf(),
            reason,
        }),
    }
}

/// Whether `n` is 0 (a field left out of the file).
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The field a serde "missing field `label`" message names.
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")?
        .split_once('`')
        .map(|(field, _)| field)
}

/// A key of the TOML `source` that is one or two edits (a transposition
/// counting one) from `field` but not `field`: what a hand edit that
/// misspelt it left (`lable` for `label`), for the error to name.
fn misspelling_of(source: &str, field: &str) -> Option<String> {
    fn keys<'t>(table: &'t toml::Table, out: &mut Vec<&'t str>) {
        for (key, value) in table {
            out.push(key);
            match value {
                toml::Value::Table(inner) => keys(inner, out),
                toml::Value::Array(items) => {
                    for item in items {
                        if let toml::Value::Table(inner) = item {
                            keys(inner, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let table: toml::Table = toml::from_str(source).ok()?;
    let mut all = Vec::new();
    keys(&table, &mut all);
    all.into_iter()
        .filter(|key| *key != field && strsim::damerau_levenshtein(key, field) <= 2)
        .min_by_key(|key| strsim::damerau_levenshtein(key, field))
        .map(str::to_owned)
}

/// Parses an annotation file's text; `path` is only used in errors.
///
/// # Errors
/// As [`load`].
pub fn parse(path: &Path, source: &str) -> Result<AnnotationFile, FileError> {
    #[derive(Deserialize)]
    struct SchemaOnly {
        schema: Option<i64>,
    }
    let parse_error = |err: toml::de::Error| {
        let at = err.span().map_or(0, |span| span.start);
        let (line, column) = line_and_column(source, at);
        let mut message = err.message().trim().to_owned();
        if let Some(key) = missing_field(&message).and_then(|f| misspelling_of(source, f)) {
            message.push_str(&format!(" (is `{key}` a misspelling of it?)"));
        }
        FileError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let probe: SchemaOnly = toml::from_str(source).map_err(parse_error)?;
    if let Some(found) = probe.schema.filter(|&s| s > i64::from(SCHEMA)) {
        return Err(FileError::NewerSchema {
            path: path.to_path_buf(),
            found,
        });
    }
    let file: AnnotationFile = toml::from_str(source).map_err(parse_error)?;
    validate(&file).map_err(|invalid| {
        // Pointed at the claim's `id` line when it can be found.
        match id_line(source, &invalid.id, invalid.occurrence) {
            Some(line) => FileError::Parse {
                path: path.to_path_buf(),
                line,
                column: 1,
                message: invalid.problem,
            },
            None => FileError::Invalid {
                path: path.to_path_buf(),
                problem: invalid.problem,
            },
        }
    })?;
    Ok(file)
}

/// The 1-based line of the `occurrence`-th (from 0) `id = "<id>"` line of
/// `source`, if there is one.
fn id_line(source: &str, id: &str, occurrence: usize) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start();
            line.strip_prefix("id")
                .is_some_and(|rest| rest.trim_start().starts_with('=') && rest.contains(&quoted))
        })
        .nth(occurrence)
        .map(|(k, _)| k + 1)
}

/// A claim [`validate`] refuses: what is wrong, and which `id` line says
/// where (`occurrence` counts that id's lines from 0).
struct InvalidClaim {
    problem: String,
    id: String,
    occurrence: usize,
}

/// Largest offset a TOML integer (i64) can hold: anything above could be read
/// but never written back.
const MAX_OFFSET: usize = i64::MAX as usize;

/// Checks what the TOML types cannot: offsets that can be written back and
/// claim ids that are not empty and are unique (scripts and `folio export`
/// name a claim by its id).
fn validate(file: &AnnotationFile) -> Result<(), InvalidClaim> {
    let mut ids = std::collections::HashSet::new();
    for claim in &file.claims {
        let invalid = |problem: String, occurrence: usize| InvalidClaim {
            problem,
            id: claim.id.clone(),
            occurrence,
        };
        if claim.start > claim.end || claim.end > MAX_OFFSET {
            return Err(invalid(
                format!(
                    "claim {}: start {} / end {} are out of range",
                    claim.id, claim.start, claim.end
                ),
                0,
            ));
        }
        if claim.id.trim().is_empty() {
            return Err(invalid(
                "a claim has an empty id; give it one, such as \"c1\", that no other claim has"
                    .to_owned(),
                0,
            ));
        }
        if !ids.insert(claim.id.as_str()) {
            return Err(invalid(
                format!(
                    "claim id \"{}\" is used twice; give each claim its own id",
                    claim.id
                ),
                1,
            ));
        }
    }
    Ok(())
}

/// The text of `file` as written to disk and printed by `folio export`:
/// `[article]` as a table, `[[entities]]`, `[[quotes]]` and `[[claims]]` as
/// arrays of tables, and each entity's mentions as an inline array with one
/// mention per line, so that a changed mention is a one-line diff. See
/// [`write_toml`], which this collects.
///
/// # Errors
/// Only if a value cannot be represented in TOML (not expected for this shape).
pub fn to_toml(file: &AnnotationFile) -> Result<String, toml_edit::ser::Error> {
    let mut text = Vec::new();
    write_toml(file, &mut text).map_err(|err| match err {
        WriteError::Toml(err) => err,
        WriteError::Io(err) => toml_edit::ser::Error::Custom(err.to_string()),
    })?;
    String::from_utf8(text).map_err(|err| toml_edit::ser::Error::Custom(err.to_string()))
}

/// Why [`write_toml`] failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A value cannot be represented in TOML (not expected for this shape).
    #[error(transparent)]
    Toml(#[from] toml_edit::ser::Error),
    /// Writing to `out` failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Records formatted at a time by [`write_toml`]: memory stays that of a
/// few hundred records however long the article.
const RECORDS_AT_A_TIME: usize = 256;

/// Writes the text [`to_toml`] gives to `out` as it goes: the header, then
/// each array of tables `RECORDS_AT_A_TIME` records at a time, so a
/// 100 MB article's export never holds its whole TOML document in memory.
///
/// # Errors
/// [`WriteError::Io`] when `out` fails; [`WriteError::Toml`] as [`to_toml`].
pub fn write_toml(file: &AnnotationFile, out: &mut impl std::io::Write) -> Result<(), WriteError> {
    write_toml_with(file, &file.entities, &file.quotes, out)
}

/// [`write_toml`] of `file` with its entities and quotations taken from
/// `entities` and `quotes` (`file`'s own lists are not written), so a
/// caller can make each record as it is written and a long article's
/// export never holds them all. Same layout, same errors.
pub fn write_toml_with<E, Q>(
    file: &AnnotationFile,
    entities: impl IntoIterator<Item = E>,
    quotes: impl IntoIterator<Item = Q>,
    out: &mut impl std::io::Write,
) -> Result<(), WriteError>
where
    E: std::borrow::Borrow<EntityRecord>,
    Q: Serialize,
{
    /// The file's fields before its arrays, in the same order and shape.
    #[derive(Serialize)]
    struct Header<'a> {
        schema: u32,
        offset_unit: &'a str,
        #[serde(skip_serializing_if = "is_zero")]
        last_claim: u64,
        article: &'a ArticleRecord,
    }
    let header = Header {
        schema: file.schema,
        offset_unit: &file.offset_unit,
        last_claim: file.last_claim,
        article: &file.article,
    };
    out.write_all(format_part(&header)?.as_bytes())?;
    for entity in entities {
        write_entity(out, entity.borrow())?;
    }
    write_records(out, "quotes", quotes)?;
    write_records(out, "claims", &file.claims)?;
    write_records(out, "speakers", &file.speakers)?;
    write_records(out, "corrections", &file.corrections)?;
    write_records(out, "dismissed", &file.dismissed)?;
    Ok(())
}

/// Writes one `[[entities]]` table, its mentions one line each as they go
/// (a name in a long article may have tens of thousands).
fn write_entity(out: &mut impl std::io::Write, entity: &EntityRecord) -> Result<(), WriteError> {
    /// An entity's fields before its mentions, in the same order and shape.
    #[derive(Serialize)]
    struct Head<'a> {
        id: &'a str,
        kind: EntityKind,
        name: &'a str,
        origin: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        reason: &'a str,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        kind_guessed: bool,
    }
    out.write_all(b"\n")?;
    if entity.mentions.is_empty() {
        let part = std::collections::BTreeMap::from([("entities", [entity])]);
        out.write_all(format_part(&part)?.as_bytes())?;
        return Ok(());
    }
    let head = Head {
        id: &entity.id,
        kind: entity.kind,
        name: &entity.name,
        origin: &entity.origin,
        reason: &entity.reason,
        kind_guessed: entity.kind_guessed,
    };
    let part = std::collections::BTreeMap::from([("entities", [head])]);
    out.write_all(format_part(&part)?.as_bytes())?;
    out.write_all(b"mentions = [\n")?;
    for mention in &entity.mentions {
        // The string as toml_edit writes it (basic, literal or escaped).
        let exact = toml_edit::Value::from(&*mention.exact);
        writeln!(
            out,
            "    {{ start = {}, end = {}, exact = {exact} }},",
            mention.start, mention.end
        )?;
    }
    out.write_all(b"]\n")?;
    Ok(())
}

/// Writes `records` as `[[name]]` tables, a few at a time.
fn write_records<T: Serialize>(
    out: &mut impl std::io::Write,
    name: &str,
    records: impl IntoIterator<Item = T>,
) -> Result<(), WriteError> {
    let mut write = |some: &[T]| -> Result<(), WriteError> {
        let part = std::collections::BTreeMap::from([(name, some)]);
        out.write_all(b"\n")?;
        out.write_all(format_part(&part)?.as_bytes())?;
        Ok(())
    };
    let mut some = Vec::with_capacity(RECORDS_AT_A_TIME);
    for record in records {
        some.push(record);
        if some.len() == RECORDS_AT_A_TIME {
            write(&some)?;
            some.clear();
        }
    }
    if !some.is_empty() {
        write(&some)?;
    }
    Ok(())
}

/// `value` (a table) as TOML in the file's layout: inline tables become
/// tables, arrays of inline tables arrays of tables, and `mentions` one
/// per line.
pub(crate) fn format_part(value: &impl Serialize) -> Result<String, toml_edit::ser::Error> {
    use toml_edit::{ArrayOfTables, Item, Value};
    let mut doc = toml_edit::ser::to_document(value)?;
    for (_, item) in doc.as_table_mut().iter_mut() {
        *item = match std::mem::take(item) {
            Item::Value(Value::InlineTable(table)) => Item::Table(table.into_table()),
            Item::Value(Value::Array(array))
                if !array.is_empty() && array.iter().all(Value::is_inline_table) =>
            {
                let mut tables = ArrayOfTables::new();
                for value in array {
                    if let Value::InlineTable(inline) = value {
                        let mut table = inline.into_table();
                        if let Some(Value::Array(mentions)) =
                            table.get_mut("mentions").and_then(Item::as_value_mut)
                        {
                            for mention in mentions.iter_mut() {
                                mention.decor_mut().set_prefix("\n    ");
                            }
                            mentions.set_trailing("\n");
                            mentions.set_trailing_comma(true);
                        }
                        tables.push(table);
                    }
                }
                Item::ArrayOfTables(tables)
            }
            other => other,
        };
    }
    Ok(doc.to_string())
}

/// 1-based line and char column of byte offset `at` in `source`.
fn line_and_column(source: &str, at: usize) -> (usize, usize) {
    let before = source.get(..at).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_refused_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("a.txt.folio.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = read_text(&fifo).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
        let err = read_text(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert_eq!(read_text(&dir.path().join("none.toml")).unwrap(), None);
    }

    #[test]
    fn sidecar_sits_beside_the_article() {
        assert_eq!(
            sidecar_path(Path::new("samples/macron-moscow.txt")),
            PathBuf::from("samples/macron-moscow.txt.folio.toml")
        );
    }

    #[test]
    fn a_misspelt_field_is_named_beside_the_missing_one() {
        let source = "schema = 3\noffset_unit = \"char\"\n[article]\npath = \"a.txt\"\nsha256 = \"00\"\n\n[[claims]]\nid = \"c1\"\nstart = 0\nend = 1\nexact = \"A\"\nlable = \"checkable\"\nverdict = \"true\"\ncreated = 2026-12-08T02:00:00Z\n";
        let err = parse(Path::new("a.folio.toml"), source).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.folio.toml:7:1: missing field `label` (is `lable` a misspelling of it?)"
        );
        // Nothing like it: the message alone.
        let source = source.replace("lable", "colour");
        let err = parse(Path::new("a.folio.toml"), &source).unwrap_err();
        assert_eq!(err.to_string(), "a.folio.toml:7:1: missing field `label`");
    }

    #[test]
    fn parse_errors_name_line_and_column() {
        let err = parse(Path::new("a.folio.toml"), "schema = 1\noffset_unit = \n").unwrap_err();
        match err {
            FileError::Parse { line, column, .. } => assert_eq!((line, column), (2, 15)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn offsets_in_another_unit_are_refused_where_the_file_says_so() {
        let source =
            "schema = 3\noffset_unit = \"byte\"\n[article]\npath = \"a.txt\"\nsha256 = \"00\"\n";
        let err = parse(Path::new("a.folio.toml"), source).unwrap_err();
        let FileError::Parse {
            line,
            column,
            message,
            ..
        } = err
        else {
            panic!("unexpected {err:?}");
        };
        assert_eq!((line, column), (2, 15));
        assert!(
            message.contains("\"byte\"") && message.contains("\"char\""),
            "{message}"
        );
    }

    #[test]
    fn newer_schema_is_refused() {
        let err = parse(Path::new("a.folio.toml"), "schema = 7\nfuture = true\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.folio.toml has schema 7; this folio reads schema 3 — upgrade folio"
        );
    }

    fn err_of(source: &str) -> FileError {
        parse(Path::new("a.folio.toml"), source).unwrap_err()
    }

    #[test]
    fn duplicate_claim_ids_empty_ids_and_unwritable_offsets_are_refused() {
        let claim = |id: &str, start: u64| {
            format!(
                "[[claims]]\nid = \"{id}\"\nstart = {start}\nend = 5\nexact = \"x\"\nlabel = \"checkable\"\nverdict = \"false\"\ncreated = 2026-11-29T08:00:00Z\n"
            )
        };
        let head = "schema = 1\noffset_unit = \"char\"\n[article]\npath = \"a\"\nsha256 = \"0\"\n";
        let twice = format!("{head}{}{}", claim("c1", 1), claim("c1", 2));
        let err = parse(Path::new("a.folio.toml"), &twice).unwrap_err();
        // The second claim's id line: after the head's 5 lines and the
        // first claim's 8, under its `[[claims]]`.
        assert!(
            matches!(&err, FileError::Parse { line: 15, column: 1, message, .. }
                if message == "claim id \"c1\" is used twice; give each claim its own id"),
            "{err}"
        );
        let empty = format!("{head}{}", claim(" ", 1));
        assert!(
            matches!(&err_of(&empty), FileError::Parse { line: 7, message, .. }
                if message.starts_with("a claim has an empty id")),
            "{}",
            err_of(&empty)
        );
        let backwards = format!("{head}{}", claim("c1", 9));
        assert!(matches!(
            parse(Path::new("a"), &backwards),
            Err(FileError::Parse { line: 7, .. })
        ));
    }

    #[test]
    fn the_last_claim_number_is_written_before_the_article_and_read_back() {
        let text = "schema = 3\noffset_unit = \"char\"\nlast_claim = 7\n\n[article]\npath = \"a.txt\"\nsha256 = \"00\"\n";
        let file = parse(Path::new("a.toml"), text).unwrap();
        assert_eq!(file.last_claim, 7);
        assert_eq!(
            to_toml(&file).unwrap(),
            format!("{text}encoding = \"UTF-8\"\n")
        );
        // Left out, it is 0 and stays out.
        let text = text.replace("last_claim = 7\n", "");
        let file = parse(Path::new("a.toml"), &text).unwrap();
        assert_eq!(file.last_claim, 0);
        assert!(!to_toml(&file).unwrap().contains("last_claim"));
    }

    #[test]
    fn a_missing_file_is_not_an_error() {
        assert_eq!(
            load(Path::new("/nonexistent/folder/x.folio.toml")).unwrap(),
            None
        );
    }
}

#[cfg(test)]
mod round_trip {
    use super::*;
    use proptest::prelude::*;

    fn file_with(text: String) -> AnnotationFile {
        AnnotationFile {
            schema: SCHEMA,
            offset_unit: OFFSET_UNIT.to_owned(),
            last_claim: 0,
            article: ArticleRecord {
                path: text.clone(),
                sha256: "00".to_owned(),
                encoding: "UTF-8".to_owned(),
                url: None,
            },
            entities: vec![EntityRecord {
                id: "e".to_owned(),
                kind: EntityKind::Misc,
                name: text.clone(),
                origin: "auto".to_owned(),
                reason: text.clone(),
                kind_guessed: true,
                mentions: vec![SpanRecord {
                    start: 0,
                    end: 1,
                    exact: text.as_str().into(),
                }],
            }],
            quotes: Vec::new(),
            claims: vec![ClaimRecord {
                id: "c1".to_owned(),
                orphaned: false,
                start: 0,
                end: 1,
                exact: text.clone(),
                prefix: text.clone(),
                suffix: text.clone(),
                label: "checkable".to_owned(),
                verdict: "false".to_owned(),
                speaker: Some(text.clone()),
                note: text.clone(),
                created: "2026-11-29T08:00:00Z".parse().unwrap(),
                changed_from: Some(text.clone()),
                modified: Some("2026-11-30T09:15:00Z".parse().unwrap()),
            }],
            speakers: vec![SpeakerRecord {
                start: 0,
                end: 1,
                exact: text.clone(),
                prefix: text.clone(),
                suffix: text.clone(),
                speaker: None,
                speaker_text: Some(text.clone()),
            }],
            corrections: vec![super::super::corrections::CorrectionRecord {
                action: super::super::corrections::CorrectionAction::Rename,
                scope: super::super::corrections::Scope::Mention,
                exact: text.clone(),
                start: Some(0),
                end: Some(1),
                kind: Some(EntityKind::Place),
                entity: Some(text.clone()),
                name: Some(text.clone()),
            }],
            dismissed: vec![DismissedRecord {
                start: 0,
                end: 1,
                exact: text.clone(),
                prefix: text.clone(),
                suffix: text,
            }],
        }
    }

    proptest! {
        /// Any string — quotes, backslashes, `'''`, CR, every control
        /// character, U+2028, BOM — comes back from the file exactly.
        #[test]
        fn any_text_survives_the_file(text in "(\\PC|[\\x00-\\x1F\\x7F\\u{80}-\\u{9F}\"'\\\\\\u{2028}\\u{FEFF}]){0,40}") {
            let file = file_with(text);
            let written = to_toml(&file).unwrap();
            prop_assert_eq!(parse(Path::new("p.toml"), &written).unwrap(), file);
        }

        /// The streamed text is, byte for byte, the one toml_edit gives
        /// the whole file as one document, whatever the strings hold.
        #[test]
        fn the_streamed_text_is_the_whole_document(text in "(\\PC|[\\x00-\\x1F\\x7F\"'\\\\\\u{2028}]){0,40}") {
            let file = file_with(text);
            prop_assert_eq!(to_toml(&file).unwrap(), format_part(&file).unwrap());
        }
    }

    #[test]
    fn many_records_stream_as_one_document_does() {
        let mut file = file_with("Straße \"quoted\" 'single' \\ back".to_owned());
        let entity = file.entities[0].clone();
        file.entities = (0..3 * RECORDS_AT_A_TIME)
            .map(|i| EntityRecord {
                id: format!("e{i}"),
                mentions: vec![entity.mentions[0].clone(); i % 4],
                ..entity.clone()
            })
            .collect();
        file.claims = (0..RECORDS_AT_A_TIME + 3)
            .map(|i| ClaimRecord {
                id: format!("c{i}"),
                orphaned: i % 2 == 0,
                ..file.claims[0].clone()
            })
            .collect();
        let streamed = to_toml(&file).unwrap();
        assert_eq!(streamed, format_part(&file).unwrap());
        let read = parse(Path::new("p.toml"), &streamed).unwrap();
        assert_eq!(read.entities, file.entities);
    }

    #[test]
    fn awkward_notes_survive_the_file() {
        for text in [
            "'''",
            "\"\"\"",
            "a\\b",
            "\r\n\r",
            "\nleading",
            "end\\",
            "\u{0}\u{1b}[2J",
        ] {
            let file = file_with(text.to_owned());
            assert_eq!(
                parse(Path::new("p.toml"), &to_toml(&file).unwrap()).unwrap(),
                file,
                "{text:?}"
            );
        }
    }
}
