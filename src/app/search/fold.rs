//! Caseless matching: the article and the query are both compared in their
//! Unicode full case folding (CaseFolding.txt, statuses C and F, through the
//! `unicase` crate), so `STRASSE` finds `Straße`, `ΟΔΟΣ` finds `οδός`'s
//! final sigma, `file` finds the ligature `ﬁle`, and `ΚΑΛΗΜΕΡΑ` finds
//! `καλημερα`. Foldings are canonically decomposed (NFD), so an accent
//! typed as one character finds the same accent written as a letter and a
//! combining mark. One search-specific step on top: a combining dot above
//! (U+0307) right after a folded `i` or `j` is dropped, so `istanbul` and
//! `İstanbul` (which folds to `i̇stanbul`) find each other; and curly
//! apostrophes and quotation marks fold to the straight ones typed on a
//! keyboard.
//!
//! Matches are found with `memchr::memmem` in the folded text and mapped
//! back to byte ranges of the original text; a match must start and end on
//! whole original characters (`s` does not find half of `ß`).

use std::ops::Range;

use memchr::memmem;
use unicode_normalization::UnicodeNormalization;

/// A piece of text in its folded form, with what it takes to map folded
/// byte offsets back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    text: String,
    /// Every non-ASCII character of the original, in order: where its
    /// folding sits in `text` and where it sat in the original. Between two
    /// of them the text is ASCII, folded byte for byte.
    segments: Vec<Segment>,
    /// Original byte offset of the folded text's start.
    base: usize,
}

#[derive(Debug, Clone)]
struct Segment {
    folded: Range<usize>,
    original: Range<usize>,
}

/// `text` folded for caseless matching (see the module comment).
pub fn fold_str(text: &str) -> String {
    fold(text, 0).text
}

/// Folds `text`, which starts at byte `base` of the original.
pub fn fold(text: &str, base: usize) -> Folded {
    let mut folded = String::with_capacity(text.len() + text.len() / 16);
    let mut segments = Vec::new();
    let mut buf = [0u8; 4];
    let mut offset = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let Some((ascii, tail)) = rest.split_at_checked(run) else {
            break;
        };
        let start = folded.len();
        folded.push_str(ascii);
        if let Some(added) = folded.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        offset += run;
        let mut chars = tail.chars();
        let Some(c) = chars.next() else {
            break;
        };
        let start = folded.len();
        // Typographic apostrophes and quotation marks match the ones a
        // keyboard types: `ussr's` finds `USSR’s`.
        let typed = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        };
        let unit = unicase::UniCase::unicode(&*typed.encode_utf8(&mut buf)).to_folded_case();
        // Canonically decomposed, so `é` typed as one character finds `e`
        // with a combining accent in the article, and the other way round.
        for f in unit.nfd() {
            if f == '\u{307}' && folded.ends_with(['i', 'j']) {
                continue;
            }
            folded.push(f);
        }
        segments.push(Segment {
            folded: start..folded.len(),
            original: base + offset..base + offset + c.len_utf8(),
        });
        offset += c.len_utf8();
        rest = chars.as_str();
    }
    Folded {
        text: folded,
        segments,
        base,
    }
}

impl Folded {
    /// The original byte offset of folded offset `at`, if it falls between
    /// two original characters. An empty folding (a dropped dot) counts as
    /// passed: a match ending there keeps it, one starting there follows it.
    fn original(&self, at: usize) -> Option<usize> {
        let k = self.segments.partition_point(|s| s.folded.start <= at);
        let Some(segment) = k.checked_sub(1).and_then(|k| self.segments.get(k)) else {
            return Some(self.base + at);
        };
        if at >= segment.folded.end {
            Some(segment.original.end + (at - segment.folded.end))
        } else if at == segment.folded.start {
            Some(segment.original.start)
        } else {
            // Inside one character's folding (half of `ß` → `ss`).
            None
        }
    }

    /// Every non-overlapping match of `needle` (already folded, not empty)
    /// whose original start is in `starts`, as original byte ranges.
    pub fn find(&self, needle: &str, starts: Range<usize>) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        let hay = self.text.as_bytes();
        let mut at = 0;
        while let Some(i) = hay.get(at..).and_then(|h| finder.find(h)) {
            let start = at + i;
            let end = start + needle.len();
            match (self.original(start), self.original(end)) {
                (Some(s), Some(e)) if s < e => {
                    if s >= starts.end {
                        break;
                    }
                    if s >= starts.start {
                        found.push(s..e);
                    }
                    at = end;
                }
                _ => {
                    // Not on whole characters: look again one character on.
                    let step = self
                        .text
                        .get(start..)
                        .and_then(|t| t.chars().next())
                        .map_or(1, char::len_utf8);
                    at = start + step;
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_all<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        fold(text, 0)
            .find(&fold_str(query), 0..text.len())
            .into_iter()
            .map(|r| text.get(r).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn sharp_s_matches_ss_both_ways_but_never_half_of_it() {
        assert_eq!(
            find_all("Die Straße, die STRASSE.", "strasse"),
            ["Straße", "STRASSE"]
        );
        assert_eq!(
            find_all("Die Straße, die STRASSE.", "STRAßE"),
            ["Straße", "STRASSE"]
        );
        assert_eq!(find_all("GROẞE Größe", "grösse"), ["Größe"]);
        assert!(find_all("Straße", "stras").is_empty());
        assert_eq!(find_all("Straße", "stra"), ["Stra"]);
    }

    #[test]
    fn final_sigma_matches_sigma() {
        assert_eq!(
            find_all("ΟΔΟΣ and οδος and οδοσ", "οδος"),
            ["ΟΔΟΣ", "οδος", "οδοσ"]
        );
        assert_eq!(find_all("Ο Σωκράτης", "ΣΩΚΡΆΤΗΣ"), ["Σωκράτης"]);
    }

    #[test]
    fn dotted_capital_i_matches_i_and_keeps_whole_characters() {
        let text = "İstanbul, ISTANBUL, istanbul, i\u{307}stanbul";
        assert_eq!(find_all(text, "istanbul").len(), 4);
        assert_eq!(find_all(text, "İSTANBUL").len(), 4);
        // The match covers the whole dotted capital (two bytes).
        assert_eq!(find_all("İzmir", "izmir"), ["İzmir"]);
        // A decomposed dot stays with its i.
        assert_eq!(find_all("ki\u{307}", "ki"), ["ki\u{307}"]);
    }

    #[test]
    fn an_accent_matches_however_it_is_written() {
        let text = "Caf\u{e9} and Cafe\u{301} and Cafe";
        assert_eq!(find_all(text, "café"), ["Caf\u{e9}", "Cafe\u{301}"]);
        assert_eq!(find_all(text, "cafe\u{301}"), ["Caf\u{e9}", "Cafe\u{301}"]);
        assert_eq!(find_all("Zelens\u{301}ky", "Zelenśky"), ["Zelens\u{301}ky"]);
    }

    #[test]
    fn straight_apostrophes_and_quotes_find_curly_ones_and_back() {
        let text = "the USSR’s collapse, “a deal” and O'Brien";
        assert_eq!(find_all(text, "ussr's"), ["USSR’s"]);
        assert_eq!(find_all(text, "\"a deal\""), ["“a deal”"]);
        assert_eq!(find_all(text, "o’brien"), ["O'Brien"]);
    }

    #[test]
    fn ligatures_match_their_letters() {
        assert_eq!(find_all("the ﬁle and the file", "FILE"), ["ﬁle", "file"]);
        assert_eq!(find_all("eﬀort", "ff"), ["ﬀ"]);
        assert!(find_all("ﬁle", "f").is_empty());
    }

    #[test]
    fn ranges_are_of_the_original_text_and_do_not_overlap() {
        let text = "“Élysée” said ÉLYSÉE; aaaa";
        assert_eq!(find_all(text, "élysée"), ["Élysée", "ÉLYSÉE"]);
        assert_eq!(find_all(text, "aa"), ["aa", "aa"]);
        let folded = fold(text, 100);
        let start = text.find("aaaa").unwrap() + 100;
        assert_eq!(
            folded.find("aa", 0..usize::MAX),
            [start..start + 2, start + 2..start + 4]
        );
        // Only starts in the range asked for.
        assert_eq!(
            folded.find("aa", start + 1..usize::MAX),
            vec![(start + 2)..(start + 4)]
        );
    }
}
