//! Quotation marks as characters: which characters are marks, which opening
//! mark a closing mark answers, and when a mark is not a quotation mark at
//! all but an apostrophe (`Mill's`, `It’s`, `teachers’`, `’90s`, `rock ’n’
//! roll`) or an inch or foot sign (`a 15" screen`, `6' tall`).
//!
//! Every function here looks at a bounded number of neighbouring chars, so a
//! scan over a paragraph stays linear.

/// The two families of quotation marks. A quotation nested in another
/// normally uses the other family (“… ‘…’ …”, ‘… “…” …’, « … ‹ … › … »).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    /// `"` “ ” „ « »
    Double,
    /// `'` ‘ ’ ‚ ‹ ›
    Single,
}

/// What a mark can do, before its context is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// `"` or `'`: opens or closes depending on which side touches a word.
    Straight,
    /// “ ‘ „ ‚: opens (but “ closes „ and ‘ closes ‚, the German pairs).
    Opening,
    /// ” ’: only closes.
    Closing,
    /// « » ‹ ›: opens, or closes the mirrored mark (« … » in French,
    /// » … « in German).
    Guillemet,
}

/// The family and shape of `c`, if it is a quotation mark.
pub(super) fn mark(c: char) -> Option<(Family, Shape)> {
    Some(match c {
        '"' => (Family::Double, Shape::Straight),
        '\'' => (Family::Single, Shape::Straight),
        '“' | '„' => (Family::Double, Shape::Opening),
        '”' => (Family::Double, Shape::Closing),
        '‘' | '‚' => (Family::Single, Shape::Opening),
        '’' => (Family::Single, Shape::Closing),
        '«' | '»' => (Family::Double, Shape::Guillemet),
        '‹' | '›' => (Family::Single, Shape::Guillemet),
        _ => return None,
    })
}

/// Whether the mark `closer` can close a quotation opened with `opener`.
/// Straight and curly marks of one family answer each other, since typed
/// text mixes them; a guillemet answers only its mirror image.
pub(super) fn closes(opener: char, closer: char) -> bool {
    match closer {
        '”' | '"' => matches!(opener, '“' | '„' | '"'),
        '“' => matches!(opener, '„' | '“' | '"'),
        '’' | '\'' => matches!(opener, '‘' | '‚' | '\''),
        '‘' => matches!(opener, '‚' | '‘' | '\''),
        '»' => opener == '«',
        '«' => opener == '»',
        '›' => opener == '‹',
        '‹' => opener == '›',
        _ => false,
    }
}

/// Whether a quotation opened with `opener` must be closed by the curly
/// mark `closer` even where that mark looks like an opening one: „…“ and ‚…‘.
pub(super) fn low_pair(opener: char, closer: char) -> bool {
    matches!((opener, closer), ('„', '“') | ('‚', '‘'))
}

/// The char at index `k` of `chars`, if any.
pub(super) fn char_at(chars: &[(usize, char)], k: Option<usize>) -> Option<char> {
    k.and_then(|k| chars.get(k)).map(|&(_, c)| c)
}

/// Whether `c` is a single quotation mark or apostrophe character.
fn is_single(c: Option<char>) -> bool {
    matches!(c, Some('\'' | '’' | '‘'))
}

/// Whether the single mark at `i` of `chars` is an apostrophe: between two
/// letters or digits ("It’s", "O’Brien", "USSR’s"), before the digits of a
/// year ("’90s"), or one of the two marks of "’n’".
pub(super) fn is_apostrophe(chars: &[(usize, char)], i: usize) -> bool {
    let prev = char_at(chars, i.checked_sub(1));
    let next = char_at(chars, i.checked_add(1));
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if word(prev) && word(next) {
        return true;
    }
    let starts_word = prev.is_none_or(char::is_whitespace);
    if starts_word && next.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    // "rock ’n’ roll": the first mark before "n’", the second after "’n".
    let first_of_n =
        starts_word && next == Some('n') && is_single(char_at(chars, i.checked_add(2)));
    let second_of_n = prev == Some('n')
        && is_single(char_at(chars, i.checked_sub(2)))
        && next.is_none_or(char::is_whitespace);
    first_of_n || second_of_n
}

/// The lower-case letters of the word that starts at index `from` of
/// `chars`, at most 12 of them.
fn word_at(chars: &[(usize, char)], from: usize) -> String {
    chars
        .iter()
        .skip(from)
        .take(12)
        .map(|&(_, c)| c)
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words after a closing mark that start a reporting clause rather than
/// continue a measurement or a possessive ("…’ she said", "…" he added").
fn starts_clause(word: &str) -> bool {
    matches!(word, "he" | "she" | "they" | "we" | "i" | "it")
        || crate::analysis::gazetteer::is_reporting_verb(word)
}

/// Whether the straight mark at `i` of `chars` is an inch or foot sign: it
/// follows a digit and is followed by a digit (`5'11"`) or by a space and a
/// lower-case word that does not open a reporting clause (`a 15" screen`,
/// `6' tall`; but `"We won 2-1" he said` closes a quotation).
pub(super) fn is_measure(chars: &[(usize, char)], i: usize) -> bool {
    let prev = char_at(chars, i.checked_sub(1));
    if !prev.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    match char_at(chars, i.checked_add(1)) {
        Some(c) if c.is_ascii_digit() => true,
        Some(c) if c.is_whitespace() => {
            let after = char_at(chars, i.checked_add(2));
            after.is_some_and(char::is_lowercase) && !starts_clause(&word_at(chars, i + 2))
        }
        _ => false,
    }
}

/// Whether the single closing mark at `i` of `chars` is the apostrophe of a
/// plural possessive ("the teachers’ union") rather than the end of a
/// quotation: it follows an `s`, a space and a lower-case word follow that
/// does not start a reporting clause, and the next single mark in the
/// paragraph closes a clause (`closers_after`: `… back down,’`).
pub(super) fn is_plural_possessive(chars: &[(usize, char)], i: usize, closers_after: bool) -> bool {
    if !closers_after || char_at(chars, i.checked_sub(1)) != Some('s') {
        return false;
    }
    let space = char_at(chars, i.checked_add(1)).is_some_and(char::is_whitespace);
    let lower = char_at(chars, i.checked_add(2)).is_some_and(char::is_lowercase);
    space && lower && !starts_clause(&word_at(chars, i + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<(usize, char)> {
        s.char_indices().collect()
    }

    fn position(s: &str, c: char) -> usize {
        s.chars().position(|x| x == c).unwrap_or(usize::MAX)
    }

    #[test]
    fn apostrophes() {
        for s in ["Mill's", "It’s", "O’Brien", "the ’90s", "the '90s"] {
            let c = chars(s);
            let i = c.iter().position(|&(_, c)| c == '\'' || c == '’');
            assert!(i.is_some_and(|i| is_apostrophe(&c, i)), "{s}");
        }
        let c = chars("rock ’n’ roll");
        assert!(is_apostrophe(&c, 5) && is_apostrophe(&c, 7));
        let c = chars("‘yes’ she said");
        assert!(!is_apostrophe(&c, 0) && !is_apostrophe(&c, 4));
    }

    #[test]
    fn measures() {
        let s = "a 15\" screen";
        assert!(is_measure(&chars(s), position(s, '"')));
        let s = "6' tall";
        assert!(is_measure(&chars(s), position(s, '\'')));
        let s = "\"We won 2-1\" he said";
        assert!(!is_measure(&chars(s), 11));
    }

    #[test]
    fn pairs() {
        assert!(closes('„', '“') && closes('«', '»') && closes('»', '«'));
        assert!(!closes('«', '«') && !closes('“', '’'));
        assert!(low_pair('‚', '‘'));
    }
}
