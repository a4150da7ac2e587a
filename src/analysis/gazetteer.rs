//! Gazetteers and word lists for named entity recognition and quotation
//! attribution.
//!
//! Two kinds of data live here:
//! - **gazetteers**, lists of names of things (places, organisations,
//!   demonyms, given names), stored as text files under `gazetteer/` and
//!   embedded in the binary with `include_str!`; each line is
//!   `Canonical|alias|alias…`, `#` starts a comment line;
//! - **lexicons**, short closed word lists (titles, organisation cue words,
//!   reporting verbs, function words, calendar words) kept as constants.
//!
//! All of it was written by hand for folio from general knowledge. Every
//! lookup goes through one small function, so that a later generated
//! gazetteer (GeoNames places, census given names) can replace a file without
//! touching the recogniser. Lookups are case-sensitive unless a function says
//! otherwise, and take whole names (`"United States"`), not byte spans.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Places: countries with their aliases, former states, regions, continents,
/// capitals and large cities.
const PLACES: &str = include_str!("gazetteer/places.txt");
/// Organisations: seats of government, news agencies and outlets,
/// international bodies, parties, well-known companies.
const ORGANISATIONS: &str = include_str!("gazetteer/organisations.txt");
/// Demonyms and nationality, regional and religious adjectives.
const DEMONYMS: &str = include_str!("gazetteer/demonyms.txt");
/// Given (first) names.
const FIRST_NAMES: &str = include_str!("gazetteer/first_names.txt");

/// Parses `Canonical|alias|…` lines into a map from every form (the canonical
/// one included) to the canonical form. Blank lines and `#` comments are skipped.
fn parse_aliases(data: &'static str) -> HashMap<&'static str, &'static str> {
    let mut map = HashMap::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut forms = line.split('|').map(str::trim).filter(|f| !f.is_empty());
        let Some(canonical) = forms.next() else {
            continue;
        };
        map.entry(canonical).or_insert(canonical);
        for alias in forms {
            map.entry(alias).or_insert(canonical);
        }
    }
    map
}

static PLACE_TABLE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| parse_aliases(PLACES));
static ORGANISATION_TABLE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| parse_aliases(ORGANISATIONS));
static DEMONYM_TABLE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| parse_aliases(DEMONYMS));
static FIRST_NAME_TABLE: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| parse_aliases(FIRST_NAMES).into_keys().collect());

/// The canonical name of the place called `name` (`"US"` → `"United States"`),
/// if the place gazetteer knows it.
pub(crate) fn place(name: &str) -> Option<&'static str> {
    PLACE_TABLE.get(name).copied()
}

/// The canonical name of the organisation called `name` (`"Nato"` → `"NATO"`),
/// if the organisation gazetteer knows it.
pub(crate) fn organisation(name: &str) -> Option<&'static str> {
    ORGANISATION_TABLE.get(name).copied()
}

/// Whether `word` is a demonym or nationality adjective (`"French"`,
/// `"Soviet"`), or the plural of one (`"Russians"`).
pub(crate) fn is_demonym(word: &str) -> bool {
    DEMONYM_TABLE.contains_key(word)
        || word
            .strip_suffix('s')
            .is_some_and(|singular| DEMONYM_TABLE.contains_key(singular))
}

/// Whether `word` is a given name in the first-name list.
pub(crate) fn is_first_name(word: &str) -> bool {
    FIRST_NAME_TABLE.contains(word)
}

/// `word` without a trailing abbreviation full stop (`"Dr."` → `"Dr"`).
fn bare(word: &str) -> &str {
    word.strip_suffix('.').unwrap_or(word)
}

/// Titles and roles that precede a person's name. A title is never part of
/// the name; the capitalised words after it name a person.
const TITLES: &[&str] = &[
    "Adm",
    "Admiral",
    "Ambassador",
    "Archbishop",
    "Ayatollah",
    "Baroness",
    "Bishop",
    "Boss",
    "Capt",
    "Captain",
    "Cardinal",
    "Chairman",
    "Chairwoman",
    "Chancellor",
    "Col",
    "Colonel",
    "Commander",
    "Commissioner",
    "Congressman",
    "Congresswoman",
    "Coach",
    "Cpl",
    "Dame",
    "Det",
    "Detective",
    "Director",
    "Dr",
    "Duchess",
    "Duke",
    "Emperor",
    "Envoy",
    "Gen",
    "General",
    "Gov",
    "Governor",
    "Imam",
    "Insp",
    "Inspector",
    "Judge",
    "Justice",
    "King",
    "Lady",
    "Lieutenant",
    "Lord",
    "Lt",
    "Maj",
    "Major",
    "Manager",
    "Mayor",
    "MEP",
    "Minister",
    "Miss",
    "MP",
    "MSP",
    "Mr",
    "Mrs",
    "Ms",
    "Pope",
    "Premier",
    "President",
    "Presidents",
    "Prince",
    "Princess",
    "Prof",
    "Professor",
    "Queen",
    "Rabbi",
    "Rep",
    "Representative",
    "Rev",
    "Reverend",
    "Secretary",
    "Sen",
    "Senator",
    "Sgt",
    "Sergeant",
    "Sheikh",
    "Sir",
    "Speaker",
    "Spokesman",
    "Spokesperson",
    "Spokeswoman",
    "Sultan",
];

/// Words that belong to a title only when a title word from [`TITLES`]
/// follows ("Prime Minister", "Defence Secretary", "Vice President").
const TITLE_MODIFIERS: &[&str] = &[
    "Acting",
    "Agriculture",
    "Assistant",
    "Attorney",
    "Business",
    "Chief",
    "Culture",
    "Defence",
    "Defense",
    "Deputy",
    "Economy",
    "Education",
    "Energy",
    "Environment",
    "Executive",
    "Finance",
    "First",
    "Foreign",
    "Former",
    "Health",
    "Home",
    "Immigration",
    "Industry",
    "Interior",
    "Junior",
    "Media",
    "Opposition",
    "Pensions",
    "Prime",
    "Security",
    "Senior",
    "Shadow",
    "Sport",
    "Sports",
    "State",
    "Trade",
    "Transport",
    "Treasury",
    "Under",
    "Vice",
    "Work",
];

/// Whether `word` (with or without an abbreviation full stop) is a title.
pub(crate) fn is_title(word: &str) -> bool {
    TITLES.contains(&bare(word))
}

/// Whether `word` may open a multi-word title (see [`TITLE_MODIFIERS`]).
pub(crate) fn is_title_modifier(word: &str) -> bool {
    TITLE_MODIFIERS.contains(&word)
}

/// Words that make a capitalised name an organisation when they occur in it
/// ("Labour Party", "Bank of England", "Journal du Dimanche").
const ORGANISATION_CUES: &[&str] = &[
    "Academy",
    "Agency",
    "Airlines",
    "Airways",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Brigade",
    "Bureau",
    "Cabinet",
    "Chamber",
    "Church",
    "Club",
    "Coalition",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Directorate",
    "Entertainment",
    "Exchange",
    "FC",
    "Federation",
    "Forces",
    "Foundation",
    "Fund",
    "Gazette",
    "Government",
    "Group",
    "Guardian",
    "Herald",
    "Holdings",
    "Hospital",
    "Inc",
    "Institute",
    "Institution",
    "Journal",
    "League",
    "LLC",
    "Ltd",
    "Magazine",
    "Mail",
    "Ministry",
    "Mirror",
    "Motors",
    "Movement",
    "Museum",
    "Navy",
    "Network",
    "News",
    "Observer",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Partnership",
    "Party",
    "Pictures",
    "plc",
    "PLC",
    "Police",
    "Post",
    "Press",
    "Radio",
    "Records",
    "Review",
    "Rovers",
    "School",
    "Secretariat",
    "Senate",
    "Service",
    "Services",
    "Society",
    "Studios",
    "Systems",
    "Technologies",
    "Telegraph",
    "Television",
    "Times",
    "Treasury",
    "Tribunal",
    "Tribune",
    "Trust",
    "Union",
    "University",
];

/// Whether `word` is an organisation cue word (see [`ORGANISATION_CUES`]).
pub(crate) fn is_organisation_cue(word: &str) -> bool {
    ORGANISATION_CUES.contains(&bare(word))
}

/// All-caps words that are not organisations: units, technical terms,
/// roles, Roman numerals.
const COMMON_ACRONYMS: &[&str] = &[
    "AC", "AI", "AIDS", "AM", "ASAP", "ATM", "BA", "BST", "CCTV", "CD", "CDs", "CEO", "CET", "CFO",
    "COO", "CPU", "CTO", "CV", "DC", "DIY", "DNA", "DVD", "DVDs", "EST", "FAQ", "FM", "FYI",
    "GCSE", "GCSEs", "GDP", "GMT", "GPS", "HD", "HIV", "HQ", "HTML", "HTTP", "ID", "II", "III",
    "IPO", "IT", "IV", "IX", "LCD", "LED", "LOL", "MA", "MBA", "MEP", "MEPs", "MP", "MPs", "MSP",
    "MSPs", "OK", "OMG", "PC", "PCs", "PDF", "PIN", "PM", "PR", "PST", "RIP", "RNA", "RSS", "SMS",
    "SOS", "TNT", "TV", "UFO", "URL", "USB", "UTC", "VAT", "VI", "VII", "VIII", "VIP", "WWW", "XI",
    "XII", "XX",
];

/// Whether the all-caps `word` is a common acronym that names no organisation.
pub(crate) fn is_common_acronym(word: &str) -> bool {
    COMMON_ACRONYMS.contains(&word)
}

/// Weekday and month names: a capitalised run containing one is never an
/// entity ("Monday", "Super April").
const CALENDAR: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Sept",
];

/// Whether `word` is a weekday or month name (see [`CALENDAR`]).
pub(crate) fn is_calendar_word(word: &str) -> bool {
    CALENDAR.contains(&bare(word))
}

/// Capitalised function words, pronouns, numbers and sentence adverbs: never
/// (the start of) a name, even when a sentence capitalises them.
const FUNCTION_WORDS: &[&str] = &[
    "A",
    "About",
    "Above",
    "According",
    "Across",
    "After",
    "Again",
    "Against",
    "All",
    "Already",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "Anyone",
    "Are",
    "Around",
    "As",
    "Asked",
    "At",
    "Be",
    "Because",
    "Been",
    "Before",
    "Behind",
    "Below",
    "Between",
    "Beyond",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Currently",
    "Despite",
    "Did",
    "Do",
    "Does",
    "During",
    "Each",
    "Earlier",
    "Eight",
    "Either",
    "Eleven",
    "Even",
    "Every",
    "Everyone",
    "Everything",
    "Few",
    "Five",
    "Following",
    "For",
    "Four",
    "From",
    "Furthermore",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "Hers",
    "Him",
    "His",
    "How",
    "However",
    "Hundreds",
    "I",
    "If",
    "In",
    "Including",
    "Indeed",
    "Instead",
    "Into",
    "Is",
    "It",
    "Its",
    "Just",
    "Last",
    "Later",
    "Let",
    "Like",
    "Many",
    "Me",
    "Meanwhile",
    "Might",
    "Millions",
    "More",
    "Moreover",
    "Most",
    "Much",
    "Must",
    "My",
    "Near",
    "Neither",
    "Never",
    "Nevertheless",
    "Next",
    "Nine",
    "No",
    "Nobody",
    "Nonetheless",
    "Nor",
    "Not",
    "Nothing",
    "Now",
    "Of",
    "Oh",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Over",
    "Perhaps",
    "Please",
    "Recently",
    "Second",
    "Seven",
    "Several",
    "Shall",
    "She",
    "Should",
    "Since",
    "Six",
    "So",
    "Some",
    "Someone",
    "Something",
    "Speaking",
    "Still",
    "Such",
    "Ten",
    "Than",
    "That",
    "The",
    "Their",
    "Them",
    "Then",
    "There",
    "Therefore",
    "These",
    "They",
    "Third",
    "This",
    "Those",
    "Though",
    "Thousands",
    "Three",
    "Through",
    "Throughout",
    "Thus",
    "To",
    "Today",
    "Tomorrow",
    "Tonight",
    "Twelve",
    "Twenty",
    "Two",
    "Under",
    "Unless",
    "Unlike",
    "Until",
    "Upon",
    "Us",
    "Was",
    "We",
    "Well",
    "Were",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Whilst",
    "Who",
    "Whom",
    "Whose",
    "Why",
    "Will",
    "With",
    "Within",
    "Without",
    "Would",
    "Yes",
    "Yesterday",
    "Yet",
    "You",
    "Your",
];

/// Whether the capitalised `word` is a function word (see [`FUNCTION_WORDS`]),
/// alone or contracted ("I'm", "We’ve", "Don't").
pub(crate) fn is_function_word(word: &str) -> bool {
    if FUNCTION_WORDS.contains(&word) {
        return true;
    }
    match word.split_once(['\'', '’']) {
        Some((head, tail)) => {
            FUNCTION_WORDS.contains(&head)
                || (tail == "t" && head.ends_with('n'))
                || matches!(tail, "m" | "re" | "ve" | "ll" | "d")
        }
        None => false,
    }
}

/// Plural and collective common nouns that often open a sentence as the
/// subject of a reporting verb ("Officials said"); at the start of a sentence
/// they are no name.
const COMMON_NOUNS: &[&str] = &[
    "Aides",
    "Allies",
    "Analysts",
    "Authorities",
    "Campaigners",
    "Children",
    "Critics",
    "Customers",
    "Diplomats",
    "Doctors",
    "Economists",
    "Experts",
    "Fans",
    "Investigators",
    "Investors",
    "Lawyers",
    "Leaders",
    "Ministers",
    "Observers",
    "Officers",
    "Officials",
    "Opponents",
    "Others",
    "Parents",
    "People",
    "Police",
    "Prosecutors",
    "Protesters",
    "Reports",
    "Researchers",
    "Residents",
    "Rivals",
    "Scientists",
    "Shareholders",
    "Sources",
    "Staff",
    "Students",
    "Supporters",
    "Teachers",
    "Traders",
    "Users",
    "Voters",
    "Witnesses",
    "Workers",
];

/// Whether the capitalised `word` is a common noun that opens sentences (see
/// [`COMMON_NOUNS`]).
pub(crate) fn is_common_noun(word: &str) -> bool {
    COMMON_NOUNS.contains(&word)
}

/// Third-person personal pronouns that can stand for a speaker ("he said").
const SPEAKER_PRONOUNS: &[&str] = &["he", "she", "He", "She"];

/// Whether `word` is a pronoun that can stand for a speaker (see [`SPEAKER_PRONOUNS`]).
pub(crate) fn is_speaker_pronoun(word: &str) -> bool {
    SPEAKER_PRONOUNS.contains(&word)
}

/// Verbs of saying that attribute words to a speaker ("said", "told").
const REPORTING_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admits",
    "admitted",
    "agreed",
    "announced",
    "announces",
    "answered",
    "argued",
    "argues",
    "asked",
    "asks",
    "believes",
    "cautioned",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "concluded",
    "confirmed",
    "confirms",
    "continued",
    "countered",
    "declared",
    "declares",
    "denied",
    "denies",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "joked",
    "maintained",
    "noted",
    "notes",
    "observed",
    "pointed",
    "posted",
    "predicted",
    "promised",
    "recalled",
    "remarked",
    "replied",
    "replies",
    "responded",
    "revealed",
    "said",
    "say",
    "says",
    "shouted",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "suggests",
    "tells",
    "thinks",
    "told",
    "tweeted",
    "urged",
    "urges",
    "vowed",
    "warned",
    "warns",
    "wrote",
    "writes",
];

/// Whether `word` (compared in lower case) is a reporting verb (see [`REPORTING_VERBS`]).
pub(crate) fn is_reporting_verb(word: &str) -> bool {
    REPORTING_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word))
}

/// Lower-case particles inside personal and institutional names
/// ("Journal du Dimanche", "Ursula von der Leyen").
const NAME_CONNECTORS: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "ibn", "la",
    "le", "ter", "van", "von", "zu",
];

/// Whether the lower-case `word` may join two capitalised words of one name.
pub(crate) fn is_name_connector(word: &str) -> bool {
    NAME_CONNECTORS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_aliases_resolve_to_the_canonical_name() {
        assert_eq!(place("US"), Some("United States"));
        assert_eq!(place("U.S."), Some("United States"));
        assert_eq!(place("America"), Some("United States"));
        assert_eq!(place("Britain"), Some("United Kingdom"));
        assert_eq!(place("USSR"), Some("USSR"));
        assert_eq!(place("Europe"), Some("Europe"));
        assert_eq!(place("EU"), None);
        assert_eq!(place("us"), None);
    }

    #[test]
    fn organisations_demonyms_and_names() {
        assert_eq!(organisation("Kremlin"), Some("Kremlin"));
        assert_eq!(organisation("Reuters"), Some("Reuters"));
        assert!(is_demonym("French"));
        assert!(is_demonym("Russians"));
        assert!(!is_demonym("France"));
        assert!(is_first_name("Emmanuel"));
        assert!(!is_first_name("Monday"));
    }

    #[test]
    fn lexicons() {
        assert!(is_title("Mr."));
        assert!(is_title("President"));
        assert!(is_title_modifier("Prime"));
        assert!(is_organisation_cue("Journal"));
        assert!(is_calendar_word("April"));
        assert!(is_function_word("The"));
        assert!(!is_function_word("US"));
        assert!(is_function_word("I'm"));
        assert!(is_function_word("Don’t"));
        assert!(!is_function_word("O'Brien"));
        assert!(is_reporting_verb("Said"));
        assert!(is_name_connector("du"));
    }
}
