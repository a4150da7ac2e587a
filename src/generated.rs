//! Tests only: keeps a generated source file (compiled-in data made from a
//! file of the repository) equal to what its generator makes now.

/// Asserts that the file at `path` (from the package root) holds
/// `expected`, which was generated from `source`; with `FOLIO_REGENERATE`
/// set, writes it first. The failure says how to regenerate it
/// (`cargo test --lib FILTER`).
///
/// # Panics
/// When the file differs (or cannot be read or written).
pub(crate) fn assert_up_to_date(path: &str, expected: &str, source: &str, filter: &str) {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("FOLIO_REGENERATE").is_some() {
        std::fs::write(&full, expected).unwrap();
    }
    let committed = std::fs::read_to_string(&full).unwrap();
    assert!(
        committed == expected,
        "{path} differs from {source}: run `FOLIO_REGENERATE=1 cargo test --lib {filter}` and commit it"
    );
}
