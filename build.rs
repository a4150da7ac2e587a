//! Lays the gazetteers of `src/analysis/gazetteer/` out as static hash
//! tables (see `src/analysis/gazetteer/static_table.rs`), written to
//! `$OUT_DIR/gazetteer_tables.rs` and included by
//! `src/analysis/gazetteer.rs`, so that no table is built at start-up. The
//! text files stay the only source of the data.
//!
//! It also links the `folio` executable statically, at a fixed address, on
//! Linux with glibc (see [`link_the_executable`]).

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/analysis/gazetteer/forms.rs"]
mod forms;
#[allow(dead_code)]
#[path = "src/analysis/gazetteer/static_table.rs"]
mod static_table;

use static_table::{
    GROUP, MAX_LEN, MAX_LOAD_PERCENT, MAX_TEXT, hash, home_group, pack_span, span_range, tag,
};

/// Where the gazetteer files are, from the package root.
const DIR: &str = "src/analysis/gazetteer";

/// A table being laid out: its keys in insertion order, the first insertion
/// of a key winning, with their values.
#[derive(Default)]
struct Table {
    /// Every key and value, each distinct string once.
    text: String,
    /// Where each string of `text` is (packed span).
    spans: HashMap<String, u32>,
    /// Keys (as spans), values (as spans, or 0 for a set) and kinds.
    entries: Vec<(u32, u32, u8)>,
    /// The keys already in `entries`.
    keys: HashSet<String>,
    /// Whether the table maps keys to values.
    is_map: bool,
}

impl Table {
    /// An empty table of keys with values.
    fn map() -> Self {
        Table {
            is_map: true,
            ..Table::default()
        }
    }

    /// Adds `key` with `value` and `kind`, unless the table has the key.
    fn insert(&mut self, key: &str, value: &str, kind: u8) -> Result<(), Box<dyn Error>> {
        if !self.keys.insert(key.to_owned()) {
            return Ok(());
        }
        let key_span = self.span(key)?;
        let value_span = if self.is_map { self.span(value)? } else { 0 };
        self.entries.push((key_span, value_span, kind));
        Ok(())
    }

    /// The span of `s` in the text, adding it if new.
    fn span(&mut self, s: &str) -> Result<u32, Box<dyn Error>> {
        if let Some(&span) = self.spans.get(s) {
            return Ok(span);
        }
        if s.len() > MAX_LEN || self.text.len() + s.len() > MAX_TEXT {
            return Err(format!("gazetteer string too long for a static table: {s:?}").into());
        }
        let span = pack_span(self.text.len(), s.len());
        self.text.push_str(s);
        self.spans.insert(s.to_owned(), span);
        Ok(span)
    }

    /// The string at a span of the text.
    fn at(&self, span: u32) -> &str {
        let (start, end) = span_range(span);
        self.text.get(start..end).unwrap_or_default()
    }

    /// The slots (tag, key span, value span, kind), in insertion order each
    /// key in the first empty slot of its home group or of the next group
    /// with one.
    fn slots(&self) -> Vec<(u8, u32, u32, u8)> {
        let mut groups = 1;
        while self.entries.len() * 100 > groups * GROUP * MAX_LOAD_PERCENT {
            groups *= 2;
        }
        let mut slots = vec![(0, 0, 0, 0); groups * GROUP];
        for &(key, value, kind) in &self.entries {
            let h = hash(self.at(key).as_bytes());
            let mut at = home_group(h, groups) * GROUP;
            while slots[at].0 != 0 {
                at = (at + 1) % slots.len();
            }
            slots[at] = (tag(h), key, value, kind);
        }
        slots
    }

    /// The table as a Rust `StaticTable` named `name`, the byte length of
    /// its longest key as `{name}_LONGEST`, and, when `kinds` is given, a
    /// static array of each slot's kind named so.
    fn write(&self, out: &mut String, name: &str, kinds: Option<&str>) -> std::fmt::Result {
        let slots = self.slots();
        writeln!(
            out,
            "pub(super) static {name}: StaticTable = StaticTable {{"
        )?;
        writeln!(out, "    text: {:?},", self.text)?;
        let tags = slots.chunks(GROUP).map(|group| {
            // Slot i of a group is byte i of its word, counting from the low end.
            (group.iter().rev()).fold(0u64, |word, slot| (word << 8) | u64::from(slot.0))
        });
        write_array(out, "tags", tags)?;
        write_array(out, "keys", slots.iter().map(|s| s.1))?;
        if self.is_map {
            write_array(out, "values", slots.iter().map(|s| s.2))?;
        } else {
            writeln!(out, "    values: &[],")?;
        }
        writeln!(out, "}};")?;
        let longest = self.entries.iter().map(|e| self.at(e.0).len()).max();
        writeln!(out, "#[allow(dead_code)]")?;
        writeln!(
            out,
            "pub(super) const {name}_LONGEST: usize = {};",
            longest.unwrap_or(0)
        )?;
        if let Some(kinds) = kinds {
            writeln!(out, "pub(super) static {kinds}: [u8; {}] = [", slots.len())?;
            write_numbers(out, slots.iter().map(|s| s.3))?;
            writeln!(out, "];")?;
        }
        Ok(())
    }
}

/// `    field: &[n, n, …],` over several lines.
fn write_array<T: std::fmt::Display>(
    out: &mut String,
    field: &str,
    items: impl Iterator<Item = T>,
) -> std::fmt::Result {
    writeln!(out, "    {field}: &[")?;
    write_numbers(out, items)?;
    writeln!(out, "    ],")
}

/// Numbers separated by commas, sixteen a line.
fn write_numbers<T: std::fmt::Display>(
    out: &mut String,
    items: impl Iterator<Item = T>,
) -> std::fmt::Result {
    for (i, n) in items.enumerate() {
        write!(out, "{n},")?;
        if i % 16 == 15 {
            out.push('\n');
        }
    }
    out.push('\n');
    Ok(())
}

/// The text of a gazetteer file, telling Cargo to lay out again when it changes.
fn read(name: &str) -> Result<String, Box<dyn Error>> {
    let path = Path::new(DIR).join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    Ok(std::fs::read_to_string(path)?)
}

/// Adds every form of the `Canonical|alias|…` file `name` to `table`, with
/// its canonical form and `kind`.
fn add_forms(table: &mut Table, name: &str, kind: u8) -> Result<(), Box<dyn Error>> {
    let data = read(name)?;
    let mut result = Ok(());
    forms::for_each_form(&data, |form, canonical| {
        if result.is_ok() {
            result = table.insert(form, canonical, kind);
        }
    });
    result
}

/// A table of the forms of one `Canonical|alias|…` file: a map to the
/// canonical forms, or a set.
fn forms_table(name: &str, is_map: bool) -> Result<Table, Box<dyn Error>> {
    let mut table = Table {
        is_map,
        ..Table::default()
    };
    add_forms(&mut table, name, 0)?;
    Ok(table)
}

/// The kind code of towns in the place table (their file's place).
const TOWN: u8 = 3;
/// The kind codes of organisations and demonyms in the case-blind table
/// (places keep theirs; see `Listed::from_code`).
const ORGANISATION: u8 = 4;
const DEMONYM: u8 = 5;

/// The table of the case-blind lookup of all-capitals lines: the ASCII
/// upper case of every place (but towns), organisation and demonym form of
/// four characters or more, in that order and each sorted by form, to its
/// canonical form (a demonym to itself) with its kind code; the first form
/// to have an upper case wins. `case_insensitive_forms` in the tests of
/// `src/analysis/gazetteer.rs` gives the same list the slow way.
fn case_blind(
    places: &Table,
    organisations: &Table,
    demonyms: &Table,
) -> Result<Table, Box<dyn Error>> {
    let places = sorted(places).into_iter().filter(|e| e.2 != TOWN);
    let organisations = sorted(organisations)
        .into_iter()
        .map(|(f, c, _)| (f, c, ORGANISATION));
    let demonyms = sorted(demonyms)
        .into_iter()
        .map(|(f, _, _)| (f, f, DEMONYM));
    let mut table = Table::map();
    for (form, value, kind) in places.chain(organisations).chain(demonyms) {
        // Short forms ("US", "UK") are too ambiguous without their case.
        if form.chars().count() >= 4 {
            table.insert(&form.to_ascii_uppercase(), value, kind)?;
        }
    }
    Ok(table)
}

/// The set of the words that open a listed name of several words: every
/// prefix of a key of `tables` that ends right before a character that
/// may join two words of a name (spaces, tabs, no-break spaces, hyphens;
/// see `Gap` in `src/analysis/entities/tokens.rs`). A run of words whose
/// first word is no such prefix is no key of several words.
fn name_openings(tables: &[&Table]) -> Result<Table, Box<dyn Error>> {
    let mut openings = Table::default();
    for table in tables {
        for (key, _, _) in sorted(table) {
            for (at, c) in key.char_indices() {
                if matches!(c, ' ' | '\t' | '\u{a0}' | '-' | '\u{2011}') && at > 0 {
                    openings.insert(key.get(..at).unwrap_or_default(), "", 0)?;
                }
            }
        }
    }
    Ok(openings)
}

/// The entries of `table` (key, value, kind), sorted.
fn sorted(table: &Table) -> Vec<(&str, &str, u8)> {
    let mut entries: Vec<_> = (table.entries.iter())
        .map(|&(key, value, kind)| (table.at(key), table.at(value), kind))
        .collect();
    entries.sort_unstable();
    entries
}

/// The first four bytes of every key of `table` (as a little-endian `u32`)
/// with the byte length of the longest key that starts with them, sorted,
/// as a static array named `name`.
fn write_prefixes(table: &Table, out: &mut String, name: &str) -> std::fmt::Result {
    let mut longest: Vec<(u32, usize)> = (table.entries.iter())
        .filter_map(|e| {
            let key = table.at(e.0).as_bytes();
            Some((u32::from_le_bytes(*key.first_chunk::<4>()?), key.len()))
        })
        .collect();
    // Longest first within a prefix, then keep the first of each prefix.
    longest.sort_unstable_by_key(|&(prefix, len)| (prefix, std::cmp::Reverse(len)));
    longest.dedup_by_key(|e| e.0);
    writeln!(
        out,
        "pub(super) static {name}: [(u32, u8); {}] = [",
        longest.len()
    )?;
    for (prefix, len) in longest {
        writeln!(out, "({prefix}, {len}),")?;
    }
    writeln!(out, "];")
}

/// The system libraries rustc links a Linux/glibc executable with (`-l`
/// names), each with the static archives that replace it.
const SYSTEM_LIBRARIES: [(&str, &[&str]); 7] = [
    ("c", &["libc.a"]),
    ("m", &["libm.a"]),
    ("gcc_s", &["libgcc_eh.a", "libgcc.a"]),
    ("pthread", &["libpthread.a"]),
    ("rt", &["librt.a"]),
    ("dl", &["libdl.a"]),
    ("util", &["libutil.a"]),
];

/// Links the `folio` executable statically and at a fixed address on
/// Linux with glibc, for the reader's first frame and every CLI call.
///
/// A dynamically linked, position-independent folio spent about 0.35 ms
/// of each start applying some 39,000 relocations (the tables of its HTML
/// and Unicode libraries, panic locations) and about 0.4 ms more loading
/// libc, libm and libgcc_s (each opened, mapped and relocated; libgcc_s
/// also probes the CPU, which is slow in a virtual machine). Static and at
/// a fixed address, none of that happens: the time from starting folio to
/// the first frame of a 10 MB article in a pseudo-terminal dropped from 4.4
/// to 3.9 ms. The cost is address randomisation of the executable
/// (the stack, heap and mappings are still randomised); folio's own code
/// has no `unsafe`.
///
/// Cargo cannot set `-C target-feature=+crt-static` for one binary (in
/// `.cargo/config.toml` it also reaches proc-macro crates, which then fail
/// to build). So for the binaries only: `-static -no-pie`, and a folder of
/// linker scripts, searched before the system's, that point each system
/// library rustc names (`-lc`, `-lgcc_s`, …) at its static archive. Tests,
/// examples and benches stay dynamic. When an archive is missing, or
/// `FOLIO_DYNAMIC_LINK` is set at build time, folio is linked dynamically
/// (still at a fixed address).
fn link_the_executable() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-env-changed=FOLIO_DYNAMIC_LINK");
    println!("cargo:rerun-if-env-changed=CC");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "linux" || env != "gnu" {
        return Ok(());
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");
    if std::env::var_os("FOLIO_DYNAMIC_LINK").is_some() {
        return Ok(());
    }
    let Some(scripts) = static_library_scripts() else {
        println!("cargo:warning=static glibc archives not found: folio is linked dynamically");
        return Ok(());
    };
    let dir = PathBuf::from(std::env::var("OUT_DIR")?).join("static-libraries");
    std::fs::create_dir_all(&dir)?;
    for (name, script) in scripts {
        std::fs::write(dir.join(format!("lib{name}.so")), script)?;
    }
    println!("cargo:rustc-link-arg-bins=-L{}", dir.display());
    println!("cargo:rustc-link-arg-bins=-static");
    Ok(())
}

/// A linker script for each of [`SYSTEM_LIBRARIES`] naming its static
/// archives (as the C compiler finds them), or `None` when one is missing.
fn static_library_scripts() -> Option<Vec<(&'static str, String)>> {
    let mut scripts = Vec::new();
    for (name, archives) in SYSTEM_LIBRARIES {
        let paths: Option<Vec<String>> = archives.iter().map(|a| find_archive(a)).collect();
        scripts.push((name, format!("GROUP ( {} )\n", paths?.join(" "))));
    }
    Some(scripts)
}

/// Where the C compiler (`$CC`, else `cc`, which rustc links with) finds
/// `archive`; `None` when it does not.
fn find_archive(archive: &str) -> Option<String> {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let output = std::process::Command::new(cc)
        .arg(format!("-print-file-name={archive}"))
        .output()
        .ok()?;
    let path = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    // Not found, the compiler echoes the bare name.
    (output.status.success() && Path::new(&path).is_absolute() && Path::new(&path).exists())
        .then_some(path)
}

fn main() -> Result<(), Box<dyn Error>> {
    link_the_executable()?;
    for shared in ["forms.rs", "static_table.rs"] {
        println!("cargo:rerun-if-changed={DIR}/{shared}");
    }
    let mut out = String::from(
        "// Generated by build.rs from src/analysis/gazetteer/*.txt: do not edit.\n\n",
    );
    // The first file (and line) to name a place wins; its place in this
    // list is the kind (see `PlaceKind::from_code`).
    let mut places = Table::map();
    for (kind, name) in (0..).zip(["countries.txt", "regions.txt", "cities.txt", "towns.txt"]) {
        add_forms(&mut places, name, kind)?;
    }
    places.write(&mut out, "PLACES", Some("PLACE_KINDS"))?;
    let organisations = forms_table("organisations.txt", true)?;
    organisations.write(&mut out, "ORGANISATIONS", None)?;
    let demonyms = forms_table("demonyms.txt", true)?;
    demonyms.write(&mut out, "DEMONYMS", None)?;
    name_openings(&[&places, &organisations, &demonyms])?.write(&mut out, "NAME_OPENINGS", None)?;
    let case_blind = case_blind(&places, &organisations, &demonyms)?;
    case_blind.write(&mut out, "CASE_BLIND", Some("CASE_BLIND_KINDS"))?;
    write_prefixes(&case_blind, &mut out, "CASE_BLIND_PREFIXES")?;
    forms_table("first_names.txt", false)?.write(&mut out, "FIRST_NAMES", None)?;
    forms_table("last_names.txt", false)?.write(&mut out, "LAST_NAMES", None)?;
    let mut common = Table::default();
    let data = read("common_words.txt")?;
    let mut result = Ok(());
    forms::for_each_word(&data, |word| {
        if result.is_ok() {
            result = common.insert(word, "", 0);
        }
    });
    result?;
    common.write(&mut out, "COMMON_WORDS", None)?;
    let dir = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(dir.join("gazetteer_tables.rs"), out)?;
    Ok(())
}
