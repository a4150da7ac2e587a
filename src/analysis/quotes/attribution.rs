//! Attribution: who a quotation's words belong to, read from its reporting
//! clause — the speaker and reporting verb next to the quotation in the same
//! sentence.
//!
//! After the closing mark: `,” Macron explained`, `,” said Ms Hewitt`,
//! `,” he said`, `,” a spokesman for the party said`, `,” according to X`.
//! Before the opening mark: `Mr Howard said: “…”`, `X told reporters: “…”`,
//! `X said that “…”`, `according to X, “…”`. The speaker is the person whose
//! mention is there; a pronoun (`he`, `she`) stands for the nearest fitting
//! person mentioned before, in the same or the previous paragraph; a speaker
//! with no name (`a spokesman`, `officials`, `the Kremlin`) is kept as words.

use std::ops::Range;

use super::super::entities::tokens::{self, Word};
use super::super::gazetteer;
use super::people::People;
use super::scanner::Found;
use super::speech_verbs;

/// Who a reporting clause names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Attribution {
    /// Index of the person entity, when the speaker is a known person.
    pub(super) speaker: Option<usize>,
    /// The words naming the speaker when they name no person ("a spokesman").
    pub(super) speaker_text: Option<String>,
    /// Whether a reporting clause is attached to the quotation at all (it
    /// may name nobody we can resolve: `,” they said`).
    pub(super) clause: bool,
    /// The pronoun (lower case) that stands for `speaker`, when the clause
    /// names the speaker with one (`,” she said`).
    pub(super) pronoun: Option<String>,
    /// Whether the clause names the speaker with a pronoun no person in
    /// reach fits: the ranker looks further.
    pub(super) unresolved: bool,
    /// Whether the clause's subject is "it" (`It added: “…”`, `,” it
    /// said`): the statement or body whose words the quotation before gave.
    pub(super) refers_back: bool,
}

impl Attribution {
    fn clause(who: Who) -> Self {
        let unresolved = who == Who::UnresolvedPronoun;
        let refers_back = who == Who::It;
        let (speaker, speaker_text, pronoun) = match who {
            Who::Person(i) => (Some(i), None, None),
            Who::Pronoun(i, p) => (Some(i), None, Some(p)),
            Who::Phrase(s) => (None, Some(s), None),
            Who::Unknown | Who::Nobody | Who::UnresolvedPronoun | Who::It => (None, None, None),
        };
        Self {
            speaker,
            speaker_text,
            clause: true,
            pronoun,
            unresolved,
            refers_back,
        }
    }
}

/// The speaker a clause names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    /// A person entity (index).
    Person(usize),
    /// A person entity (index) a pronoun (lower case) stands for.
    Pronoun(usize, String),
    /// A nominal speaker without a name ("the Conservative leader").
    Phrase(String),
    /// Nobody we can tell ("they").
    Unknown,
    /// "he" or "she" with no fitting person in reach.
    UnresolvedPronoun,
    /// "it": the statement, report or body quoted just before.
    It,
    /// The words where a speaker would be are no speaker ("he had been
    /// told a fan …"): there is no reporting clause after all.
    Nobody,
}

/// How far (bytes) attribution looks before the opening and after the
/// closing mark; a reporting clause is a handful of words.
const WINDOW: usize = 200;

/// How many words a speaker phrase may have ("a spokesman for the party").
const PHRASE_WORDS: usize = 7;

/// Whether `word` is a reporting verb ("said") or any other verb of saying
/// in its past or present form ("chanted", "retorts", "tweeted").
fn reports(word: &str) -> bool {
    gazetteer::is_reporting_verb(word)
        || (speech_verbs::is_speech_verb(word)
            && (word.ends_with("ed") || word.ends_with('s') || word == "told"))
}

/// Whether word `k` of `words` is a verb of saying, counting "read" after a
/// document ("a BBC statement read", "the letter reads").
fn reports_at(words: &[Word<'_>], k: usize) -> bool {
    let text = |k: usize| words.get(k).map_or("", |w| w.text);
    reports(text(k))
        || (matches!(text(k), "read" | "reads")
            && k.checked_sub(1).is_some_and(|p| {
                matches!(
                    text(p),
                    "statement" | "letter" | "message" | "note" | "notice" | "release" | "email"
                )
            }))
}

/// How many words an apposition or relative clause between a name and its
/// verb may have.
const APPOSITION_WORDS: usize = 30;

/// Words that may sit between a speaker and the reporting verb ("he later said").
fn is_helper(word: &str) -> bool {
    matches!(
        word,
        "has" | "had" | "have" | "also" | "then" | "later" | "earlier" | "once" | "again"
    ) || (word.len() > 3 && word.ends_with("ly"))
}

/// Words that end a speaker phrase after the verb (", said a spokesman on Monday").
fn ends_phrase(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "during"
            | "when"
            | "after"
            | "before"
            | "while"
            | "as"
            | "who"
            | "which"
            | "that"
            | "adding"
            | "yesterday"
            | "today"
            | "tonight"
            | "last"
            | "and"
            | "but"
            | "because"
            | "referring"
            | "speaking"
    ) || reports(word)
}

/// Pronouns that cannot be resolved to one person.
fn is_other_pronoun(word: &str) -> bool {
    super::super::gazetteer::with_ascii_lowercase(word, |lower| {
        matches!(
            lower,
            "they" | "we" | "i" | "you" | "it" | "this" | "that" | "one" | "who"
        )
    })
}

/// Words before a person mention that make the mention part of a longer
/// nominal speaker ("a spokesman for Tony Blair").
fn is_linking(word: &str) -> bool {
    matches!(word, "for" | "of" | "to" | "with" | "from" | "at" | "by")
}

/// Whether `words` look like a nominal speaker: no word that
/// [`gazetteer::is_never_in_speaker`], and opened by a word that
/// [`gazetteer::is_speaker_opener`] or a capitalised name ("Downing
/// Street"), or at most two words ("officials", "police officers").
fn is_nominal(words: &[Word<'_>]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    let lower = |w: &Word<'_>| w.text.to_lowercase();
    if words
        .iter()
        .any(|w| !w.is_acronym() && gazetteer::is_never_in_speaker(&lower(w)))
    {
        return false;
    }
    gazetteer::is_speaker_opener(&lower(first)) || first.is_capitalised() || words.len() <= 2
}

/// Everything attribution needs to know about the document.
pub(super) struct Context<'a> {
    /// The document text.
    pub(super) text: &'a str,
    /// Paragraph byte ranges.
    pub(super) paragraphs: &'a [Range<usize>],
    /// Person mentions outside quotations.
    pub(super) people: &'a People,
}

impl Context<'_> {
    /// The reporting clause of `found`, after the quotation or before it.
    pub(super) fn attribute(&self, found: &Found) -> Attribution {
        let after = if found.closed {
            self.after(found)
        } else {
            None
        };
        after
            .filter(|who| *who != Who::Nobody)
            .or_else(|| self.before(found))
            .filter(|who| *who != Who::Nobody)
            .map(Attribution::clause)
            .unwrap_or_default()
    }

    /// Where a pronoun for `found` may look back to: the start of the
    /// paragraph before the quotation's first.
    fn pronoun_from(&self, found: &Found) -> usize {
        self.paragraphs
            .get(found.first_paragraph.saturating_sub(1))
            .map_or(0, |p| p.start)
    }

    /// Whether only a possessive, spaces or a hyphen separate two words of
    /// one phrase.
    fn joined(&self, a: &Word<'_>, b: &Word<'_>) -> bool {
        let gap = self.text.get(a.span.end..b.span.start).unwrap_or(".");
        let gap = gap
            .strip_prefix("'s")
            .or_else(|| gap.strip_prefix("’s"))
            .or_else(|| gap.strip_prefix('\''))
            .or_else(|| gap.strip_prefix('’'))
            .unwrap_or(gap);
        gap == "-" || (!gap.is_empty() && gap.chars().all(char::is_whitespace))
    }

    /// Who the phrase `words` names (`Ms Hewitt`, `he`, `a spokesman`).
    /// `pronoun_from` bounds how far back a pronoun looks.
    fn who(&self, words: &[Word<'_>], pronoun_from: usize) -> Who {
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return Who::Unknown;
        };
        if words.len() == 1 && gazetteer::is_speaker_pronoun(first.text) {
            let pronoun = first.text;
            if let Some(phrase) = self
                .people
                .nominal_for(pronoun, first.span.start, pronoun_from)
            {
                return Who::Phrase(phrase.to_owned());
            }
            return self
                .people
                .pronoun(pronoun, first.span.start, pronoun_from)
                .map_or(Who::UnresolvedPronoun, |i| {
                    Who::Pronoun(i, pronoun.to_lowercase())
                });
        }
        if words.len() == 1 && first.text.eq_ignore_ascii_case("it") {
            return Who::It;
        }
        if words.len() == 1 && is_other_pronoun(first.text) {
            return Who::Unknown;
        }
        // The last person named in the phrase, its head ("Judicial Watch
        // president Tom Fitton"), unless the phrase is about someone else's
        // spokesman ("a spokesman for Tony Blair") or the name only
        // qualifies a noun ("one Sanders supporter").
        let range = first.span.start..last.span.end;
        let mut from = range.start;
        let mut head = None;
        while let Some((mention, person)) = self.people.first_in(from..range.end) {
            let at = words.iter().position(|w| w.span.start == mention.start);
            let linked = at
                .and_then(|k| k.checked_sub(1))
                .and_then(|k| words.get(k))
                .is_some_and(|w| is_linking(w.text));
            // A preposition after the name is no noun it qualifies ("Sen.
            // Brian Schatz of Hawaii").
            let qualifies = words
                .iter()
                .find(|w| w.span.start >= mention.end)
                .is_some_and(|w| {
                    w.text.chars().next().is_some_and(char::is_lowercase) && !is_linking(w.text)
                });
            if !linked && !qualifies {
                head = Some(person);
            }
            from = mention.end;
        }
        if let Some(person) = head {
            return Who::Person(person);
        }
        let phrase = self.text.get(range).unwrap_or("");
        if phrase.is_empty() || !is_nominal(words) {
            Who::Nobody
        } else {
            Who::Phrase(phrase.to_owned())
        }
    }

    /// The speaker named before a relative clause that ends at word `end`
    /// of `words` (`Name, who …,` / `The actor, whose films include …,`):
    /// the phrase ending right before the comma that opens the clause.
    fn before_relative_clause(&self, words: &[Word<'_>], end: usize, from: usize) -> Option<Who> {
        let opens = (end.saturating_sub(APPOSITION_WORDS)..end)
            .rev()
            .find(|&k| {
                words
                    .get(k)
                    .is_some_and(|w| matches!(w.text, "who" | "whose"))
                    && k > 0
                    && {
                        let gap_start = words.get(k - 1).map_or(0, |p| p.span.end);
                        let gap = self.text.get(gap_start..words[k].span.start).unwrap_or("");
                        gap.contains(',')
                    }
            })?;
        // The clause must not hold a sentence break or a quotation.
        let clause_text = self
            .text
            .get(words.get(opens)?.span.start..words.get(end - 1)?.span.end)?;
        if clause_text.contains(['.', ';', '"', '“', '”']) {
            return None;
        }
        let head_end = opens;
        let mut head_start = head_end;
        while head_start > 0
            && head_end - head_start < PHRASE_WORDS
            && match (words.get(head_start - 1), words.get(head_start)) {
                (Some(a), Some(b)) => {
                    head_start == head_end || (!ends_phrase(a.text) && self.joined(a, b))
                }
                _ => false,
            }
        {
            head_start -= 1;
        }
        let head = words.get(head_start..head_end)?;
        match self.who(head, from) {
            Who::Nobody | Who::Unknown => None,
            who => Some(who),
        }
    }

    /// The speaker phrase starting at word `k` and running to a stop word,
    /// punctuation or [`PHRASE_WORDS`] words (`said a spokesman for X.`).
    fn phrase_from<'w>(&self, words: &'w [Word<'w>], k: usize) -> &'w [Word<'w>] {
        let mut end = k;
        while let Some(w) = words.get(end) {
            if end > k
                && (ends_phrase(w.text)
                    || end - k >= PHRASE_WORDS
                    || words.get(end - 1).is_none_or(|prev| !self.joined(prev, w)))
            {
                break;
            }
            end += 1;
        }
        words.get(k..end).unwrap_or(&[])
    }

    /// The reporting clause right after the closing mark, if there is one.
    fn after(&self, found: &Found) -> Option<Who> {
        let paragraph = self.paragraphs.get(found.last_paragraph)?;
        let end = ceil_boundary(self.text, paragraph.end.min(found.span.end + WINDOW));
        let quoted = self.text.get(found.span.clone())?;
        if !clause_may_follow(self.text.get(found.span.end..end)?, quoted) {
            return None;
        }
        let words = tokens::words(self.text, found.span.end..end);
        let first = words.first()?;
        let between = self.text.get(found.span.end..first.span.start)?;
        if !between.chars().all(leads_into_clause) {
            return None;
        }
        if closes_a_sentence(quoted) && first.is_capitalised() {
            return None;
        }
        let text_at = |k: usize| words.get(k).map_or("", |w| w.text);
        let from = self.pronoun_from(found);
        // ", according to X"
        if first.text.eq_ignore_ascii_case("according") && text_at(1) == "to" {
            return Some(self.who(self.phrase_from(&words, 2), from));
        }
        // ", said X" / ", said Ms Hewitt" / ", said a spokesman"
        if reports(first.text) && !first.is_capitalised() {
            return Some(self.who(self.phrase_from(&words, 1), from));
        }
        // ", Michael Lamberty, a Lufthansa spokesman, told …": a person
        // and an apposition before the verb.
        let mut k = 0;
        while words.get(k).is_some_and(|w| gazetteer::is_title(w.text)) {
            k += 1;
        }
        if let Some((mention, person)) = words
            .get(k)
            .and_then(|w| self.people.first_in(w.span.start..end))
            .filter(|(m, _)| words.get(k).is_some_and(|w| w.span.start == m.start))
            && self
                .text
                .get(mention.end..)
                .is_some_and(|t| t.starts_with(','))
        {
            let after: Vec<&Word<'_>> = words
                .iter()
                .filter(|w| w.span.start >= mention.end)
                .take(APPOSITION_WORDS)
                .collect();
            // The verb follows a short apposition, or the comma that closes
            // a longer one ("Mara Lindqvist, who has run the food bank
            // since 2009, said").
            let clause_end = after.iter().enumerate().find_map(|(n, w)| {
                let closes = n
                    .checked_sub(1)
                    .and_then(|p| after.get(p))
                    .and_then(|p| self.text.get(p.span.end..w.span.start))
                    .is_some_and(|gap| gap.contains(','));
                (reports(w.text) && !w.is_capitalised() && (n <= PHRASE_WORDS || closes))
                    .then_some(w.span.start)
            });
            if let Some(verb_at) = clause_end
                && self
                    .text
                    .get(mention.end..verb_at)
                    .is_some_and(|t| !t.contains(['.', '!', '?', ';', ':', '"', '“', '”']))
            {
                return Some(Who::Person(person));
            }
        }
        // ", X said" / ", the Conservative leader said" / ", he later added"
        let verb = (1..PHRASE_WORDS).find(|&k| reports_at(&words, k))?;
        let linked = (1..verb).all(|k| match (words.get(k - 1), words.get(k)) {
            (Some(a), Some(b)) => self.joined(a, b),
            _ => false,
        });
        if !linked {
            return None;
        }
        let mut subject_end = verb;
        while subject_end > 1 && is_helper(text_at(subject_end - 1)) {
            subject_end -= 1;
        }
        if matches!(
            first.text,
            "to" | "and" | "or" | "of" | "in" | "for" | "with" | "but"
        ) {
            return None;
        }
        let who = self.who(words.get(..subject_end)?, from);
        // Without punctuation closing the quoted words or after them, only
        // a named or pronoun speaker makes a reporting clause ("new
        // balance" to protect European states is none).
        let punctuated = quoted
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| ",.!?…".contains(c))
            || between.contains([',', '—', '–', '-']);
        (punctuated || matches!(who, Who::Person(_) | Who::Pronoun(..))).then_some(who)
    }

    /// The reporting clause right before the opening mark, if there is one.
    fn before(&self, found: &Found) -> Option<Who> {
        let paragraph = self.paragraphs.get(found.first_paragraph)?;
        let start =
            floor_boundary(self.text, found.span.start.saturating_sub(WINDOW)).max(paragraph.start);
        if !clause_may_precede(self.text.get(start..found.span.start)?) {
            return None;
        }
        let words = tokens::words(self.text, start..found.span.start);
        let last = words.last()?;
        let between = self.text.get(last.span.end..found.span.start)?;
        if between.contains(['.', '!', '?', ';', '"', '“', '”', '\'', '‘', '’', '(', ')']) {
            return None;
        }
        let colon = between.contains(':');
        let n = words.len();
        let text_at = |k: usize| words.get(k).map_or("", |w| w.text);
        let from = self.pronoun_from(found);
        // "according to Ms Hewitt, “…”"
        if let Some(to) = (n.saturating_sub(PHRASE_WORDS)..n).rev().find(|&k| {
            text_at(k) == "to" && k > 0 && text_at(k - 1).eq_ignore_ascii_case("according")
        }) {
            return Some(self.who(words.get(to + 1..)?, from));
        }
        // "X said: “…”", "X said that “…”", "X told reporters: “…”",
        // "X told the BBC “…”"
        let lookback = if colon { 6 } else { 4 };
        let verb = (n.saturating_sub(lookback)..n)
            .rev()
            .find(|&k| reports_at(&words, k))?;
        let tail = words.get(verb + 1..)?;
        let tail_ok = colon
            || tail.is_empty()
            || (tail.len() == 1 && text_at(verb + 1) == "that")
            || (text_at(verb).eq_ignore_ascii_case("told") && tail.len() <= 3);
        if !tail_ok || between.contains(',') && !colon {
            return None;
        }
        let mut subject_end = verb;
        while subject_end > 0 && is_helper(text_at(subject_end - 1)) {
            subject_end -= 1;
        }
        let mut subject_start = subject_end;
        while subject_start > 0
            && subject_end - subject_start < PHRASE_WORDS
            && match (words.get(subject_start - 1), words.get(subject_start)) {
                (Some(a), Some(b)) => !ends_phrase(a.text) && self.joined(a, b),
                _ => false,
            }
        {
            subject_start -= 1;
        }
        let subject = words.get(subject_start..subject_end)?;
        if subject.is_empty()
            && let Some(who) = self.before_relative_clause(&words, subject_end, from)
        {
            // "The actor, whose films include Star Lagoon and Red
            // Harbour, said: “…”": the speaker comes before the clause.
            return Some(who);
        }
        if subject.is_empty()
            && let Some(prev) = subject_end.checked_sub(1).and_then(|k| words.get(k))
            && let Some((_, person)) = self.people.ending_at(prev.span.end)
        {
            // "The shadow minister, Jane Doe, said: “…”"
            return Some(Who::Person(person));
        }
        if subject.is_empty() {
            // "X told the BBC it was laughable and added: “…”": the subject
            // of the earlier verb in the sentence.
            if colon && subject_end > 0 && text_at(subject_end - 1) == "and" {
                let clause = words.get(..subject_end - 1)?;
                let earlier = clause.iter().rposition(|w| reports(w.text))?;
                // "his lawyer, Adam Cole, told …"
                if let Some(prev) = earlier.checked_sub(1).and_then(|k| clause.get(k))
                    && let Some((_, person)) = self.people.ending_at(prev.span.end)
                {
                    return Some(Who::Person(person));
                }
                let mut start = earlier;
                while start > 0
                    && earlier - start < PHRASE_WORDS
                    && match (clause.get(start - 1), clause.get(start)) {
                        (Some(a), Some(b)) => !ends_phrase(a.text) && self.joined(a, b),
                        _ => false,
                    }
                {
                    start -= 1;
                }
                return Some(self.who(clause.get(start..earlier)?, from));
            }
            return None;
        }
        Some(self.who(subject, from))
    }
}

/// Whether `c` may stand between a closing mark and the reporting clause
/// after it: whitespace, a comma or a dash (`,” he said`, `” — Jo Lee`).
fn leads_into_clause(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-')
}

/// Whether the quoted words (with their marks) end with a full stop
/// inside the closing mark (`“We won.”`): the sentence ends there.
fn closes_a_sentence(quoted: &str) -> bool {
    quoted.chars().rev().nth(1) == Some('.')
}

/// Whether `window`, the text [`Context::after`] reads after a closing
/// mark, may hold the reporting clause it looks for, judged from its first
/// character that is neither whitespace, a comma nor a dash, without
/// cutting it into words. `false` when there is none, when it is
/// punctuation that no word holds (`.`, `“`, `(` …: it then lies before
/// the first word, where `after` allows only those), or when it is a
/// capital (the first word's) after `quoted` words ending with a full
/// stop; `after` finds no clause in each case.
fn clause_may_follow(window: &str, quoted: &str) -> bool {
    let mut chars = window.chars();
    let Some(first) = chars.by_ref().find(|&c| !leads_into_clause(c)) else {
        return false;
    };
    // A combining mark after it could make a word of it: only an ASCII
    // character (or none) after it is sure not to.
    let alone = chars.next().is_none_or(|c| c.is_ascii());
    if alone && ((first.is_ascii_punctuation() && first != '_') || matches!(first, '“' | '”' | '‘'))
    {
        return false;
    }
    !(first.is_uppercase() && closes_a_sentence(quoted))
}

/// Whether `window`, the text [`Context::before`] reads before an opening
/// mark, may hold the reporting clause it looks for, judged from its last
/// character that is not whitespace, without cutting it into words:
/// `false` when there is none, or when it is punctuation that no word
/// holds at its end and `before` allows none of after the last word
/// (`!`, `;`, `”`, `(` …; not a full stop, which an abbreviation takes).
fn clause_may_precede(window: &str) -> bool {
    window
        .chars()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| {
            !matches!(
                c,
                '!' | '?' | ';' | '"' | '“' | '”' | '\'' | '‘' | '’' | '(' | ')'
            )
        })
}

/// `at`, moved back to the nearest char boundary of `text`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at`, moved forward to the nearest char boundary of `text` (at most its length).
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_may_follow_only_words_after_spaces_commas_and_dashes() {
        assert!(clause_may_follow(", he said.", "“We won,”"));
        assert!(clause_may_follow(" — Jo Lee said", "“We won”"));
        assert!(!clause_may_follow(". Then it rained", "“We won”"));
        assert!(!clause_may_follow(" “Fine,” he said", "“We won.”"));
        assert!(!clause_may_follow(" \n ", "“We won,”"));
        // A capital after a full stop opens the next sentence.
        assert!(!clause_may_follow(" He left.", "“We won.”"));
        assert!(clause_may_follow(" He said.", "“We won,”"));
        // A combining mark may make a word of the punctuation before it.
        assert!(clause_may_follow(".\u{945} said", "“We won,”"));
    }

    #[test]
    fn a_clause_may_precede_unless_punctuation_ends_the_words_before() {
        assert!(clause_may_precede("Jo Lee said: "));
        assert!(clause_may_precede("He left. "));
        assert!(!clause_may_precede("He left! "));
        assert!(!clause_may_precede("the “first”  "));
        assert!(!clause_may_precede("   "));
    }

    /// Whether [`Context::after`] stops before reading a clause in `window`
    /// after `quoted`: no word, something else than spaces, commas and
    /// dashes before the first, or a capital after a full stop.
    fn after_finds_nothing(window: &str, quoted: &str) -> bool {
        let words = tokens::words(window, 0..window.len());
        let Some(first) = words.first() else {
            return true;
        };
        let between = window.get(..first.span.start).unwrap_or("");
        !between.chars().all(leads_into_clause)
            || (closes_a_sentence(quoted) && first.is_capitalised())
    }

    /// Whether [`Context::before`] stops before reading a clause in `window`:
    /// no word, or a mark it refuses after the last.
    fn before_finds_nothing(window: &str) -> bool {
        let words = tokens::words(window, 0..window.len());
        let Some(last) = words.last() else {
            return true;
        };
        window
            .get(last.span.end..)
            .unwrap_or("")
            .contains(['.', '!', '?', ';', '"', '“', '”', '\'', '‘', '’', '(', ')'])
    }

    proptest::proptest! {
        #[test]
        fn no_clause_may_follow_only_where_after_finds_none(
            window in "[ ,.;—\\-“”‘’'\"(_aAé\u{301}\u{945}\u{200d}]{0,10}",
            quoted in "“x[.,]”",
        ) {
            if !clause_may_follow(&window, &quoted) {
                proptest::prop_assert!(after_finds_nothing(&window, &quoted));
            }
        }

        #[test]
        fn no_clause_may_precede_only_where_before_finds_none(
            window in "[ ,.;:!?—\\-“”‘’'\"()_aAé\u{301}\u{945}\u{200d}]{0,10}",
        ) {
            if !clause_may_precede(&window) {
                proptest::prop_assert!(before_finds_nothing(&window));
            }
        }
    }
}
