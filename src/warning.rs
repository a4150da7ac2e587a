//! Warnings about a settings file (config, keymap, theme), each naming the
//! file, the line and the key, so the reader can go and fix it.

use std::fmt;
use std::ops::Range;

/// A problem with one entry of a settings file. folio reports it and carries
/// on with the default for that entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file as shown to the reader (a path, or `built-in keymap`).
    pub file: String,
    /// 1-based line of the entry; 0 when the file as a whole is at fault.
    pub line: usize,
    /// The entry's dotted key (`mouse`, `keys.normal."]"`); empty for the
    /// whole file.
    pub key: String,
    /// What is wrong and what folio does instead.
    pub problem: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.key.is_empty()) {
            (0, _) => write!(f, "{}: {}", self.file, self.problem),
            (line, true) => write!(f, "{}:{line}: {}", self.file, self.problem),
            (line, false) => write!(f, "{}:{line}: {}: {}", self.file, self.key, self.problem),
        }
    }
}

/// A settings file's name and text, to turn byte spans into line numbers.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file as shown in warnings.
    pub file: &'a str,
    /// Its whole text.
    pub text: &'a str,
}

impl Source<'_> {
    /// The 1-based line holding byte offset `span.start` (0 without a span).
    pub fn line(&self, span: Option<Range<usize>>) -> usize {
        match span {
            Some(span) => {
                let before = self.text.get(..span.start).unwrap_or(self.text);
                memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1
            }
            None => 0,
        }
    }

    /// A warning about `key`, found at `span`.
    pub fn warning(
        &self,
        span: Option<Range<usize>>,
        key: impl Into<String>,
        problem: impl Into<String>,
    ) -> Warning {
        Warning {
            file: self.file.to_owned(),
            line: self.line(span),
            key: key.into(),
            problem: problem.into(),
        }
    }
}

/// `name` as it would be written as one part of a dotted TOML key: bare when
/// it can be, quoted otherwise (`normal`, `C-x`, `"g g"`).
pub fn key_part(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        name.to_owned()
    } else {
        format!("{name:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one_and_warnings_name_file_line_and_key() {
        let source = Source {
            file: "config.toml",
            text: "mouse = true\ntheme = 3\n",
        };
        let at = source.text.find('3').unwrap();
        let warning = source.warning(Some(at..at + 1), "theme", "expected a theme name");
        assert_eq!(warning.line, 2);
        assert_eq!(
            warning.to_string(),
            "config.toml:2: theme: expected a theme name"
        );
        assert_eq!(source.line(Some(0..1)), 1);
        assert_eq!(source.line(None), 0);
    }

    #[test]
    fn key_parts_are_quoted_when_not_bare() {
        assert_eq!(key_part("normal"), "normal");
        assert_eq!(key_part("C-x"), "C-x");
        assert_eq!(key_part("g g"), "\"g g\"");
        assert_eq!(key_part("]"), "\"]\"");
    }
}
