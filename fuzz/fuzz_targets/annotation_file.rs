//! Any text as an annotation file: parsing never panics, and a file that
//! parses is written back to text that parses to the same value.
#![no_main]

use std::path::Path;

use folio::annotations::file::{parse, to_toml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(file) = parse(Path::new("fuzz.folio.toml"), text) {
        let written = to_toml(&file).expect("a parsed file can be written");
        let again = parse(Path::new("fuzz.folio.toml"), &written).expect("what folio writes parses");
        assert_eq!(again, file);
    }
});
