//! How the gazetteer files are read. Shared, word for word, by `build.rs`
//! (which lays the tables out at compile time), by the tests of [`super`]
//! (which rebuild them the slow way to check the layout) and by the small
//! tables [`super`] builds on first use (state abbreviations), so all
//! read the files the same way.

/// Calls `visit(form, canonical)` for every form of every `Canonical|alias|…`
/// line of `data`, the canonical form first, in file order. Forms are
/// trimmed; blank lines, empty forms and `#` comment lines are skipped.
pub fn for_each_form<'a>(data: &'a str, mut visit: impl FnMut(&'a str, &'a str)) {
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut forms = line.split('|').map(str::trim).filter(|f| !f.is_empty());
        let Some(canonical) = forms.next() else {
            continue;
        };
        visit(canonical, canonical);
        for alias in forms {
            visit(alias, canonical);
        }
    }
}

/// Calls `visit(word)` for every line of a one-word-a-line list (the common
/// words), as it stands: only empty lines and `#` comment lines are skipped.
#[allow(dead_code, reason = "used by build.rs and the tests")]
pub fn for_each_word<'a>(data: &'a str, mut visit: impl FnMut(&'a str)) {
    for line in data.lines() {
        if !line.is_empty() && !line.starts_with('#') {
            visit(line);
        }
    }
}
