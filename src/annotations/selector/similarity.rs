//! How alike two short texts are: edit distance over chars, with every run of
//! whitespace counted as one space (a re-wrapped paragraph is the same text).

/// The chars of `text` with each run of whitespace collapsed to one space.
pub(super) fn normalized(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Whether `a` and `b` differ only in whitespace.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    normalized(a) == normalized(b)
}

/// Levenshtein distance between `a` and `b` (insertions, deletions and
/// substitutions of one char each cost 1). Time O(|a|·|b|), memory O(|b|).
pub(super) fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let left = row.get(j).copied().unwrap_or(0);
            let up = row.get(j + 1).copied().unwrap_or(0);
            let best = (diagonal + usize::from(ca != cb)).min(left + 1).min(up + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Similarity of `a` and `b` from 0 (nothing alike) to 1 (same words):
/// one minus the edit distance of their whitespace-normalised chars over the
/// longer length. Two empty texts are alike (1).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalized(a), normalized(b));
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    #[allow(clippy::cast_precision_loss)] // lengths are far below 2^52
    let ratio = levenshtein(&a, &b) as f64 / longest as f64;
    1.0 - ratio
}

/// The best match of all of `pattern` against a beginning of `text`:
/// `(n, distance)` where `text[..n]` is the prefix of `text` with the least
/// edit distance to `pattern` (the shortest such prefix on ties).
/// Time O(|pattern|·|text|), memory O(|pattern|).
pub(super) fn best_prefix_match(pattern: &[char], text: &[char]) -> (usize, usize) {
    // column[i]: distance of pattern[..i] to the text read so far.
    let mut column: Vec<usize> = (0..=pattern.len()).collect();
    let mut best = (0, pattern.len());
    for (j, tc) in text.iter().enumerate() {
        let mut diagonal = column.first().copied().unwrap_or(0);
        if let Some(first) = column.first_mut() {
            *first = j + 1;
        }
        for (i, pc) in pattern.iter().enumerate() {
            let above = column.get(i).copied().unwrap_or(0);
            let left = column.get(i + 1).copied().unwrap_or(0);
            let cell = (diagonal + usize::from(pc != tc))
                .min(above + 1)
                .min(left + 1);
            diagonal = left;
            if let Some(slot) = column.get_mut(i + 1) {
                *slot = cell;
            }
        }
        let distance = column.last().copied().unwrap_or(0);
        if distance < best.1 {
            best = (j + 1, distance);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_distance_counts_single_char_edits() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("Ça"), &chars("Ca")), 1);
    }

    #[test]
    fn whitespace_runs_count_as_one_space() {
        assert!(same_words("rose to\n  5%", "rose to 5%"));
        assert!(!same_words("rose to 5%", "rose to 6%"));
        assert!((similarity("a  b", "a\nb") - 1.0).abs() < 1e-9);
        assert!((similarity("", "") - 1.0).abs() < 1e-9);
        assert!(similarity("", "abc").abs() < 1e-9);
        assert!((similarity("abcd", "abce") - 0.75).abs() < 1e-9);
    }

    #[test]
    fn best_prefix_match_finds_where_the_pattern_ends() {
        // "rose to 5.3%" against text that goes on after it.
        let (n, d) = best_prefix_match(&chars("rose to 5.2%"), &chars("rose to 5.3%. Next"));
        assert_eq!((n, d), (12, 1));
        // A deleted word: the match is shorter than the pattern.
        let (n, d) = best_prefix_match(&chars("it rose to 5%"), &chars("it rose 5% and"));
        assert_eq!((n, d), (10, 3));
    }
}
