//! Why a mention got its type: the strongest pieces of evidence the tagger
//! weighed, as typed values that the panel shows and no code parses.
//!
//! [`explain`] looks at the readable features of a mention's words (listed
//! names, given names and surnames, titles before, reporting verbs after,
//! organisation and event cues, the same words typed alike elsewhere in the
//! article) and keeps the two whose learned weight for the chosen label is
//! highest.

use std::fmt;

use super::super::EntityKind;
use super::features::{self, Sentence};
use super::labels::Label;
use super::model::{Scores, Weights};
use super::tagger::doc_type_feature;

/// Which gazetteer listed a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Countries (GeoNames).
    Country,
    /// Capitals and cities (GeoNames).
    City,
    /// States, continents, regions (GeoNames).
    Region,
    /// Towns (GeoNames).
    Town,
    /// Organisations (hand-written).
    Organisation,
    /// Demonyms (hand-written).
    Demonym,
    /// Technologies and standards (hand-written).
    Technology,
}

impl From<crate::analysis::gazetteer::PlaceKind> for List {
    fn from(kind: crate::analysis::gazetteer::PlaceKind) -> Self {
        use crate::analysis::gazetteer::PlaceKind;
        match kind {
            PlaceKind::Country => List::Country,
            PlaceKind::City => List::City,
            PlaceKind::Region => List::Region,
            PlaceKind::Town => List::Town,
        }
    }
}

impl List {
    fn name(self) -> &'static str {
        match self {
            List::Country => "country",
            List::City => "city",
            List::Region => "region",
            List::Town => "town",
            List::Organisation => "organisation",
            List::Demonym => "demonym",
            List::Technology => "technology",
        }
    }
}

/// One piece of evidence for a mention's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// The name is in a gazetteer.
    Gazetteer(List),
    /// A word of it is a listed given name (US Census).
    GivenName,
    /// A word of it is a listed surname (US Census).
    Surname,
    /// A title comes before it ("President").
    Title(String),
    /// A reporting verb comes after it ("said").
    ReportingVerb(String),
    /// A word of it is an organisation cue ("Ltd", "Bank").
    OrganisationCue(String),
    /// A word of it is an event cue ("Cup", "Treaty").
    EventCue(String),
    /// A word of it is a place cue ("River", "Street").
    PlaceCue(String),
    /// A word next to it says it is a work or product ("film", "worm";
    /// see `kind_nouns`).
    WorkCue(String),
    /// A numbered channel shows it ("Jonathan Creek (BBC One)", "BBC One's
    /// Top of the Pops"): a programme.
    Channel(String),
    /// Credited in brackets after a programme, before the numbered channel
    /// that shows it ("Doc Martin (Buffalo Productions, ITV1)"): the
    /// programme's maker. Unlike a programme it says nothing of the same
    /// words elsewhere ("Granada" the city).
    Maker(String),
    /// A ship's prefix or an aircraft's call sign ("HMS", "Air Force One").
    Craft(String),
    /// A year in brackets follows it ("(2003)"): a work in a list of works.
    /// Unlike the other work cues it says nothing of the same words
    /// elsewhere: the tagger may have cut "New York" out of "Gangs Of New
    /// York (2003)".
    YearOfWork(String),
    /// A capital inside one word joins two words into a company's name
    /// ("TimeWarner"), as no surname does without a prefix ("McNulty").
    InnerCapital(String),
    /// Words no person's, place's or organisation's name has: the name
    /// opens with a possessive ("My Left Foot") or a person's has "of the"
    /// inside ("Shaun of the Dead"); a title of a work.
    WorkTitle(String),
    /// A word after it names a person's time in office ("the Obama
    /// administration", "the Reagan presidency").
    Tenure(String),
    /// The same word has this type elsewhere in the article.
    DocumentMemory,
    /// The reader tagged it by hand.
    ReaderTagged,
    /// The reader retyped it by hand.
    ReaderRetyped,
}

impl Evidence {
    /// Whether this evidence speaks for a name of `kind` (a surname says
    /// nothing for an organisation, whatever weight it got).
    fn supports(&self, kind: EntityKind) -> bool {
        use EntityKind::*;
        match self {
            Evidence::Gazetteer(List::Organisation) => kind == Organisation,
            Evidence::Gazetteer(List::Demonym | List::Technology) => kind == Misc,
            Evidence::Gazetteer(_) | Evidence::PlaceCue(_) => kind == Place,
            Evidence::GivenName | Evidence::Surname | Evidence::Title(_) | Evidence::Tenure(_) => {
                kind == Person
            }
            Evidence::OrganisationCue(_) | Evidence::InnerCapital(_) | Evidence::Maker(_) => {
                kind == Organisation
            }
            Evidence::EventCue(_)
            | Evidence::WorkCue(_)
            | Evidence::WorkTitle(_)
            | Evidence::Channel(_)
            | Evidence::Craft(_)
            | Evidence::YearOfWork(_) => kind == Misc,
            Evidence::ReportingVerb(_) => matches!(kind, Person | Organisation),
            Evidence::DocumentMemory | Evidence::ReaderTagged | Evidence::ReaderRetyped => true,
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Gazetteer(list) => write!(f, "gazetteer {}", list.name()),
            Evidence::GivenName => f.write_str("given name"),
            Evidence::Surname => f.write_str("surname"),
            Evidence::Title(w) => write!(f, "title \"{w}\""),
            Evidence::ReportingVerb(w) => write!(f, "reporting verb \"{w}\""),
            Evidence::OrganisationCue(w) => write!(f, "cue \"{w}\""),
            Evidence::EventCue(w) => write!(f, "event cue \"{w}\""),
            Evidence::PlaceCue(w) => write!(f, "place cue \"{w}\""),
            Evidence::WorkCue(w) => write!(f, "work cue \"{w}\""),
            Evidence::Channel(w) => write!(f, "programme on \"{w}\""),
            Evidence::Maker(w) => write!(f, "maker of a programme on \"{w}\""),
            Evidence::Craft(w) => write!(f, "ship or aircraft \"{w}\""),
            Evidence::YearOfWork(w) => write!(f, "year in brackets \"{w}\""),
            Evidence::InnerCapital(w) => write!(f, "capital inside \"{w}\""),
            Evidence::WorkTitle(w) => write!(f, "title of a work \"{w}\""),
            Evidence::Tenure(w) => write!(f, "term of office \"{w}\""),
            // Not "same name": the words may be typed alike as part of
            // another name ("Downing Street" beside "Downing Street
            // Strategy Unit", named once).
            Evidence::DocumentMemory => f.write_str("typed alike elsewhere"),
            Evidence::ReaderTagged => f.write_str("tagged by the reader"),
            Evidence::ReaderRetyped => f.write_str("retyped by the reader"),
        }
    }
}

/// Why a mention has its type: evidence, strongest first (but a given name
/// before a surname, as a name reads). Empty means the model decided from
/// the word's form and context alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reason(pub Vec<Evidence>);

impl Reason {
    /// A reason of one piece of evidence.
    pub fn from_evidence(evidence: Evidence) -> Self {
        Reason(vec![evidence])
    }

    /// Whether the reader set this entity by hand (tagged it).
    pub fn is_reader_tagged(&self) -> bool {
        self.0.first() == Some(&Evidence::ReaderTagged)
    }

    /// Whether the type is the model's guess from the words and their
    /// context alone: no list, cue, title, reporting verb or reader backs
    /// it, only (at most) the same name typed alike elsewhere, which is
    /// the model agreeing with itself. On the 40 BBC articles a third of
    /// such people, places and organisations had the wrong type, against
    /// one in thirty of the others (see `conll_eval --by-evidence` for
    /// CoNLL-2003).
    pub fn is_guess(&self) -> bool {
        self.0.iter().all(|e| *e == Evidence::DocumentMemory)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("word and context");
        }
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                f.write_str(" + ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// The readable features of word `i` among its features `present`, with
/// the evidence each stands for (built only for those present: most
/// carry a copy of a word).
fn readable(
    sentence: &Sentence<'_>,
    marks: &[Vec<&'static str>],
    i: usize,
    (first, last): (bool, bool),
    present: &[u64],
) -> Vec<(Evidence, u64)> {
    let mut out = Vec::new();
    let Some(word) = sentence.words.get(i) else {
        return out;
    };
    let mut push = |evidence: &dyn Fn() -> Evidence, id: u64| {
        if present.contains(&id) {
            out.push((evidence(), id));
        }
    };
    for m in marks.get(i).into_iter().flatten() {
        let list = match m.split('|').next() {
            Some("country") => List::Country,
            Some("city") => List::City,
            Some("region") => List::Region,
            Some("town") => List::Town,
            Some("org") => List::Organisation,
            _ => List::Demonym,
        };
        push(&|| Evidence::Gazetteer(list), features::feature("gaz", m));
    }
    let lex = |name: &str| features::flag_feature("lex", name);
    push(&|| Evidence::GivenName, lex("first-name"));
    push(&|| Evidence::Surname, lex("last-name"));
    let own = || word.text.to_owned();
    push(&|| Evidence::OrganisationCue(own()), lex("org-cue"));
    push(&|| Evidence::EventCue(own()), lex("event-cue"));
    push(&|| Evidence::PlaceCue(own()), lex("place-cue"));
    if first && let Some(p) = i.checked_sub(1).and_then(|k| sentence.words.get(k)) {
        let title = features::flag_feature("-1", "title");
        push(&|| Evidence::Title(p.text.to_owned()), title);
    }
    if last && let Some(n) = sentence.words.get(i + 1) {
        let said = features::flag_feature("+1", "said");
        push(&|| Evidence::ReportingVerb(n.text.to_owned()), said);
    }
    out
}

/// The evidence for the name over words `range` of `sentence`, labelled
/// `labels`, whose word features are `ids` (document, and local: all, or
/// only the readable ones of `features::readable_into`): the
/// readable features present, ranked by their weight for each word's label
/// in `weights`; at most two, each shown once, a given name before a
/// surname.
pub fn explain(
    sentence: &Sentence<'_>,
    marks: &[Vec<&'static str>],
    range: std::ops::Range<usize>,
    labels: &[Label],
    ids: &[&[u64]],
    weights: &impl Weights,
) -> Reason {
    let mut found: Vec<(f32, Evidence)> = Vec::new();
    const DOC: [u64; 4] = [
        doc_type_feature(0),
        doc_type_feature(1),
        doc_type_feature(2),
        doc_type_feature(3),
    ];
    for i in range.clone() {
        let Some(label) = labels.get(i) else {
            continue;
        };
        let Some((kind, _)) = label.0 else {
            continue;
        };
        let present = ids.get(i - range.start).copied().unwrap_or(&[]);
        let ends = (i == range.start, i + 1 == range.end);
        for (evidence, id) in readable(sentence, marks, i, ends, present) {
            if !evidence.supports(kind) {
                continue;
            }
            let mut scores: Scores = [0.0; super::labels::COUNT];
            weights.add_to(id, &mut scores);
            let w = scores.get(label.index()).copied().unwrap_or(0.0);
            if w > 0.0 {
                found.push((w, evidence));
            }
        }
        if present.iter().any(|id| DOC.contains(id)) {
            let mut scores: Scores = [0.0; super::labels::COUNT];
            for id in present.iter().filter(|id| DOC.contains(id)) {
                weights.add_to(*id, &mut scores);
            }
            let w = scores.get(label.index()).copied().unwrap_or(0.0);
            if w > 0.0 {
                found.push((w, Evidence::DocumentMemory));
            }
        }
    }
    // What the words and their neighbours say comes first; the same name
    // elsewhere only fills in, as it repeats evidence found there.
    found.sort_by(|a, b| {
        let memory = |e: &Evidence| *e == Evidence::DocumentMemory;
        memory(&a.1).cmp(&memory(&b.1)).then(b.0.total_cmp(&a.0))
    });
    let mut out: Vec<Evidence> = Vec::new();
    for (_, e) in found {
        if !out.contains(&e) {
            out.push(e);
        }
        if out.len() == 2 {
            break;
        }
    }
    // A name reads given name first: "surname + given name" read as a
    // mistake in a newcomer's trial, whichever weighed more.
    if out == [Evidence::Surname, Evidence::GivenName] {
        out.reverse();
    }
    Reason(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guess_has_no_evidence_but_the_same_name_elsewhere() {
        assert!(Reason::default().is_guess());
        assert!(Reason::from_evidence(Evidence::DocumentMemory).is_guess());
        let listed = Reason(vec![
            Evidence::Gazetteer(List::City),
            Evidence::DocumentMemory,
        ]);
        assert!(!listed.is_guess());
        assert!(!Reason::from_evidence(Evidence::ReaderRetyped).is_guess());
        assert!(!Reason::from_evidence(Evidence::Title("President".to_owned())).is_guess());
    }
}
