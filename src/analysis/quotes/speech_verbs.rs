//! Verbs of saying in every inflection ("say", "says", "said", "saying"),
//! wider than the reporting verbs that open a reporting clause: the verbs a
//! clause uses to report someone's words in part ("Okafor deplored the
//! “endless point scoring”", "she called the plan “a disgrace”").

use std::sync::LazyLock;

use crate::analysis::gazetteer::{self, HashSet};

/// Every inflection of `base`: base, -s/-es, -ed/-d, -ing.
fn inflections(base: &str) -> Vec<String> {
    let stem = base.strip_suffix('e').unwrap_or(base);
    let mut out = vec![base.to_owned(), format!("{stem}ing")];
    if base.ends_with(['s', 'x', 'h']) {
        out.push(format!("{base}es"));
    } else {
        out.push(format!("{base}s"));
    }
    if base.ends_with('e') {
        out.push(format!("{base}d"));
    } else if let Some(stem) = base.strip_suffix('y')
        && !stem.ends_with(['a', 'e'])
    {
        out.push(format!("{stem}ied"));
    } else {
        out.push(format!("{base}ed"));
        if let Some(last) = ["slam", "quip", "dub", "beg"]
            .contains(&base)
            .then(|| base.chars().next_back())
            .flatten()
        {
            out.push(format!("{base}{last}ed"));
            out.push(format!("{base}{last}ing"));
        }
    }
    out
}

/// Every form of every verb of saying, in lower case.
static FORMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    gazetteer::speech_verb_bases()
        .flat_map(inflections)
        .chain(gazetteer::speech_verbs_irregular().map(str::to_owned))
        .collect()
});

/// No form is longer (bytes): longer words need no look-up, and a
/// capitalised one is lowered on the stack (a test checks the bound).
const LONGEST: usize = 24;

/// No form is shorter (bytes: "say", "ask"): the many words of one or two
/// letters ("a", "of", "he") need no look-up (a test checks the bound).
const SHORTEST: usize = 3;

/// Whether `word` (any case) is a form of a verb of saying.
pub(super) fn is_speech_verb(word: &str) -> bool {
    if !(SHORTEST..=LONGEST).contains(&word.len()) {
        return false;
    }
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        crate::analysis::gazetteer::with_ascii_lowercase(word, |lower| FORMS.contains(lower))
    } else {
        FORMS.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_form_is_longer_than_the_stack_buffer() {
        let longest = FORMS.iter().map(String::len).max().unwrap();
        assert!(longest <= LONGEST, "{longest}");
        assert!(is_speech_verb("Acknowledged") && is_speech_verb("SAID"));
        assert!(!is_speech_verb("Saidxxxxxxxxxxxxxxxxxxxxxxxxx"));
        let shortest = FORMS.iter().map(String::len).min().unwrap();
        assert!(shortest >= SHORTEST, "{shortest}");
        assert!(is_speech_verb("say") && is_speech_verb("Ask"));
    }

    #[test]
    fn every_inflection_is_a_speech_verb() {
        for word in [
            "said",
            "saying",
            "deplored",
            "called",
            "slammed",
            "describes",
            "Told",
            "replied",
            "tweeting",
        ] {
            assert!(is_speech_verb(word), "{word}");
        }
        for word in ["arrived", "the", "Trump", "ran"] {
            assert!(!is_speech_verb(word), "{word}");
        }
    }
}
