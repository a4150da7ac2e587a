//! Sports reports name teams after places ("Leicestershire beat Somerset",
//! "CHICAGO AT TORONTO"): there a city, town or region in a team's slot is
//! an organisation, and so is a name no rule could type. A document counts
//! as a sports report from its vocabulary and its results tables.

use std::sync::LazyLock;

use super::super::EntityKind;
use super::super::gazetteer::HashSet;
use super::classify::Typed;
use super::tokens::Word;

/// Lower-case words that say a text is about sport (written for folio).
const SPORT_WORDS: &[&str] = &[
    "athletics",
    "baseball",
    "basketball",
    "batsman",
    "beat",
    "bowled",
    "bowler",
    "boxing",
    "champion",
    "champions",
    "championship",
    "club",
    "coach",
    "cricket",
    "cup",
    "cycling",
    "defeat",
    "defender",
    "draw",
    "drew",
    "final",
    "football",
    "game",
    "games",
    "goal",
    "goalkeeper",
    "goals",
    "golf",
    "halftime",
    "hockey",
    "homer",
    "inning",
    "innings",
    "knockout",
    "league",
    "lost",
    "marathon",
    "match",
    "matches",
    "medal",
    "midfielder",
    "olympic",
    "penalty",
    "pitcher",
    "player",
    "players",
    "points",
    "quarterback",
    "quarterfinal",
    "race",
    "racing",
    "round",
    "rugby",
    "runs",
    "scored",
    "scores",
    "season",
    "seed",
    "seeded",
    "semifinal",
    "soccer",
    "squad",
    "stadium",
    "striker",
    "team",
    "teams",
    "tennis",
    "title",
    "touchdown",
    "tournament",
    "unbeaten",
    "victory",
    "wicket",
    "wickets",
    "win",
    "won",
];

/// How many distinct sport words, or results-table lines, make a sports report.
const THRESHOLD: usize = 5;

/// Evidence, gathered sentence by sentence, that a document is about sport.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    words: HashSet<&'static str>,
    tables: usize,
}

impl Evidence {
    /// Counts the sport words of one sentence and whether it is a results
    /// table line.
    pub(crate) fn add(&mut self, words: &[Word<'_>], table: bool) {
        for w in words {
            // "Cricket", "CRICKET - …" count too: lower-cased on the stack,
            // as every name passes here.
            let mut buffer = [0u8; 16];
            let text = if !w.text.starts_with(|c: char| c.is_ascii_uppercase()) {
                w.text
            } else if let Some(copy) = buffer.get_mut(..w.text.len()) {
                copy.copy_from_slice(w.text.as_bytes());
                copy.make_ascii_lowercase();
                std::str::from_utf8(copy).unwrap_or_default()
            } else {
                continue;
            };
            if let Some(&word) = SPORT_SET.get(text) {
                self.words.insert(word);
            }
        }
        self.tables += usize::from(table);
    }

    /// Whether the document reads as a sports report.
    pub(crate) fn is_sport(&self) -> bool {
        self.words.len() + self.tables >= THRESHOLD
    }
}

/// [`SPORT_WORDS`] as a set, built once.
static SPORT_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| SPORT_WORDS.iter().copied().collect());

/// Whether `t`, found in the sentence `words` of `text`, stands where a
/// sports report names a team: a non-country place or an untyped name, not
/// after a preposition of place ("at Headingley", "in Leeds") and not
/// labelling a venue ("Leicester : Leicestershire beat Somerset").
pub(crate) fn is_team_slot(text: &str, words: &[Word<'_>], t: &Typed) -> bool {
    let city_or_town = t.reason.ends_with("city") || t.reason.ends_with("town");
    // "Essex" typed a person only because it is also a surname.
    let lone_surname = t.kind == Some(EntityKind::Person)
        && t.reason == "gazetteer: surname"
        && !t.surface.contains(' ');
    let place_like = (t.kind == Some(EntityKind::Place) && city_or_town)
        || (t.kind.is_none() && !t.initial)
        || lone_surname;
    if !place_like {
        return false;
    }
    let previous = previous_word(words, t);
    if previous.is_some_and(|w| matches!(w, "in" | "at" | "near" | "from" | "outside" | "of")) {
        return false;
    }
    !is_label(text, t)
}

/// Whether `t` is an untyped name where a sports report names a venue:
/// "at Headingley", "at the Oval".
pub(crate) fn is_venue(words: &[Word<'_>], t: &Typed) -> bool {
    t.kind.is_none() && previous_word(words, t) == Some("at")
}

/// The word before `t` in `words`, looking past one "the".
fn previous_word<'a>(words: &[Word<'a>], t: &Typed) -> Option<&'a str> {
    let count = words.partition_point(|w| w.span.end <= t.span.start);
    let mut before = words.get(..count).unwrap_or_default().iter().rev();
    before
        .next()
        .map(|w| w.text)
        .filter(|w| *w != "the")
        .or_else(|| before.next().map(|w| w.text))
}

/// Whether `t` labels what follows it ("Attendance : 12,000").
pub(crate) fn is_label(text: &str, t: &Typed) -> bool {
    text.get(t.span.end..)
        .unwrap_or("")
        .trim_start()
        .starts_with(':')
}

/// `t` retyped as a venue.
pub(crate) fn as_venue(t: &mut Typed) {
    t.kind = Some(EntityKind::Place);
    t.reason = "sport: at-X venue".into();
}

/// `t` retyped as a team.
pub(crate) fn as_team(t: &mut Typed) {
    t.kind = Some(EntityKind::Organisation);
    t.reason = format!("sport: team ({})", t.reason).into();
}
