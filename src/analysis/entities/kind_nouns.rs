//! Nouns around a name that say what kind of thing it names, read by rule
//! rather than by the tagger, which learned from CoNLL-2003's Reuters news
//! and sees few films, games or computer viruses, and cannot know every
//! company: "box-office flops Alexander and Catwoman", "classics such as
//! Space Invaders, Lunar Lander and Bejewelled", "the Santy worm",
//! "Operation Buccaneer" are works, products or operations (misc, so they
//! leave the People, Places and Organisations panel); "security firm
//! Sophos", "the Maserati car company" are organisations.

use std::ops::Range;

use super::features::Sentence;
use super::tokens::{self, Gap, Word};
use crate::analysis::EntityKind;
use crate::analysis::gazetteer;

/// The noun that gives a name its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KindCue {
    /// Misc (a work, product or operation) or organisation.
    pub(crate) kind: EntityKind,
    /// The cue word as written ("films", "worm", "Operation", "firm"), or
    /// the channel ("BBC Three") or the craft's prefix ("HMS").
    pub(crate) word: String,
    /// What sort of cue it is.
    pub(crate) by: CueBy,
}

/// What sort of words gave a name its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueBy {
    /// A noun or lead-in beside it ("films", "firm", "Operation").
    Noun,
    /// A numbered channel that broadcasts it: "Jonathan Creek (BBC One)",
    /// "BBC One's Top of the Pops" — a programme.
    Channel,
    /// A ship's prefix or an aircraft's call sign: "HMS Belfast", "Air
    /// Force One" — a vehicle (misc, as CoNLL-2003 types them).
    Craft,
    /// A year in brackets right after it: "Gangs Of New York (2003)" — a
    /// work, as filmographies and discographies list them.
    Year,
    /// Credited in brackets after a programme, before its channel: "Doc
    /// Martin (Buffalo Productions, ITV1)" — the programme's maker.
    Maker,
}

/// Words that may stand between a work noun and the title: "whose films
/// include", "games such as", "classics like".
fn is_lead_in(word: &str) -> bool {
    matches!(word, "include" | "includes" | "including" | "like" | "as")
}

/// The noun that gives the name at words `name` of `sentence` its kind,
/// if any: "Operation" opening it; a ship's prefix or an aircraft's call
/// sign ([`craft_name`]); a numbered channel that shows it
/// ([`channel_of_programme`]); a year in brackets after it
/// ([`year_of_work`]); a work or organisation noun right before it, or
/// before a lead-in ("whose films include", "networks such as"); its
/// creator beside it ([`creator_beside`]); after a determiner, a product noun right after it ("the Santy
/// worm") or an organisation noun after it and at most one lower-case
/// word ("the Maserati car company"). An organisation noun says nothing
/// of a name that opens with a given name before it ("manufacturer Ron
/// Johnson"), nor after it of a listed place ("the London gallery") or a
/// name `tagged` misc ("the Canadian mining company", "a Republican
/// consulting firm"). `text` is the text the words' spans index.
pub(crate) fn kind_cue(
    text: &str,
    sentence: &Sentence<'_>,
    name: Range<usize>,
    tagged: EntityKind,
) -> Option<KindCue> {
    let words = &sentence.words;
    let first = words.get(name.start)?;
    let last = words.get(name.end.checked_sub(1)?)?;
    let misc = |word: &str, by: CueBy| {
        Some(KindCue {
            kind: EntityKind::Misc,
            word: word.to_owned(),
            by,
        })
    };
    if first.text == "Operation" && name.len() > 1 {
        return misc(first.text, CueBy::Noun);
    }
    if let Some(craft) = craft_name(text, words, name.clone()) {
        return misc(craft, CueBy::Craft);
    }
    if let Some(channel) = channel_of_programme(text, words, name.clone(), tagged) {
        return misc(channel, CueBy::Channel);
    }
    if let Some(year) = year_of_work(text, words, name.clone(), tagged) {
        return misc(year, CueBy::Year);
    }
    let close = |a: usize, b: usize, commas: bool| only_spaces_between(text, words, a, b, commas);
    if let Some(cue) = noun_before(words, name.start, close) {
        let person = cue.kind == EntityKind::Organisation
            && name.len() > 1
            && gazetteer::is_first_name(first.text);
        return (!person).then_some(cue);
    }
    if let Some(creator) = creator_beside(words, name.clone(), close) {
        return misc(creator, CueBy::Noun);
    }
    let determined = name
        .start
        .checked_sub(1)
        .and_then(|k| words.get(k))
        .is_some_and(|w| is_determiner(w.text) || w.possessive);
    if !determined || last.possessive {
        return None;
    }
    let lower = |k: usize| {
        words
            .get(k)
            .filter(|w| w.text.chars().all(char::is_lowercase) && close(k - 1, k, false))
    };
    let after = lower(name.end)?;
    if gazetteer::is_product_noun_after(after.text) {
        return misc(after.text, CueBy::Noun);
    }
    let listed_place = || {
        words
            .get(name.clone())
            .and_then(|name| tokens::text_of(text, name))
            .is_some_and(|n| gazetteer::place(n).is_some())
    };
    let organisation_noun = [Some(after), lower(name.end + 1)]
        .into_iter()
        .flatten()
        .find(|w| gazetteer::is_organisation_noun_after(w.text))?;
    (tagged != EntityKind::Misc && !listed_place()).then_some(KindCue {
        kind: EntityKind::Organisation,
        word: organisation_noun.text.to_owned(),
        by: CueBy::Noun,
    })
}

/// Names the tagger left out right after a work or organisation noun
/// ("arcade classics such as Space Invaders, Lunar Lander" where only the
/// later titles were tagged, "security firm Sophos" untagged): each run of
/// capitalised words (see [`capitalised_run`]) that starts right after
/// such a noun or its lead-in and overlaps none of the `tagged` word
/// ranges, with the kind [`kind_cue`] gives it (none for "manufacturer Ron
/// Johnson"). `text` is the text the words' spans index.
pub(crate) fn untagged_after_noun(
    text: &str,
    sentence: &Sentence<'_>,
    tagged: &[Range<usize>],
) -> Vec<(Range<usize>, EntityKind)> {
    let words = &sentence.words;
    let close = |a: usize, b: usize, commas: bool| only_spaces_between(text, words, a, b, commas);
    let mut found = Vec::new();
    for start in 1..words.len() {
        // Only a capitalised word after a lower-case noun or lead-in can
        // open such a run.
        let opens = words[start - 1].text.starts_with(char::is_lowercase)
            && words[start].text.starts_with(char::is_uppercase);
        if !opens || noun_before(words, start, close).is_none() {
            continue;
        }
        let Some(run) = capitalised_run(sentence, start, tagged) else {
            continue;
        };
        if let Some(cue) = kind_cue(text, sentence, run.clone(), EntityKind::Misc) {
            found.push((run, cue.kind));
        }
    }
    found
}

/// The run of capitalised words that starts at word `start` of `sentence`
/// (end-exclusive word range): candidate words the tagger may join
/// ([`Sentence::continues`]), ending on a capitalised one. A tagged name
/// (one of the `tagged` word ranges) the run runs into is taken in whole:
/// "In The" and the tagged "Name Of The Father" are one title. A tagged
/// name that starts at `start` runs on over the untagged capitalised words
/// right after it ("Space" and "Invaders"). `None` when word `start` is not
/// capitalised, is tagged inside a name, or opens a tagged name nothing
/// untagged follows.
pub(crate) fn capitalised_run(
    sentence: &Sentence<'_>,
    start: usize,
    tagged: &[Range<usize>],
) -> Option<Range<usize>> {
    let words = &sentence.words;
    let capitalised = |k: usize| {
        sentence.candidate.get(k) == Some(&true)
            && words
                .get(k)
                .is_some_and(|w| w.text.starts_with(char::is_uppercase))
    };
    let free = |k: usize| !tagged.iter().any(|r| r.contains(&k));
    if !capitalised(start) {
        return None;
    }
    if !free(start) {
        // A tagged name the tagger ended too soon takes in the untagged
        // capitalised words right after it ("Space" + "Invaders").
        let name = tagged.iter().find(|r| r.start == start)?;
        let mut end = name.end;
        while end < words.len() && sentence.continues(end) && capitalised(end) && free(end) {
            end += 1;
        }
        return (end > name.end).then_some(start..end);
    }
    let mut end = start + 1;
    let mut k = start + 1;
    while k < words.len() && sentence.continues(k) {
        if let Some(name) = tagged.iter().find(|r| r.start == k) {
            return Some(start..name.end);
        }
        k += 1;
        if capitalised(k - 1) {
            end = k;
        }
    }
    Some(start..end)
}

/// Whether only spaces (and commas, when `commas`) lie between words `a`
/// and `b` of `words` (spans into `text`): "titles, such as", but not "the
/// film, Michael Bay".
fn only_spaces_between(text: &str, words: &[Word<'_>], a: usize, b: usize, commas: bool) -> bool {
    let (Some(x), Some(y)) = (words.get(a), words.get(b)) else {
        return false;
    };
    text.get(x.span.end..y.span.start)
        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || (commas && c == ',')))
}

/// The work or organisation noun before the name that starts at word
/// `start`, directly or across a lead-in ("films include", "classics such
/// as").
fn noun_before(
    words: &[Word<'_>],
    start: usize,
    close: impl Fn(usize, usize, bool) -> bool,
) -> Option<KindCue> {
    let mut k = start.checked_sub(1)?;
    if !close(k, start, false) {
        return None;
    }
    if is_lead_in(words.get(k)?.text) {
        if words.get(k)?.text == "as" {
            // "such as": step over "such" too.
            k = k.checked_sub(1).filter(|&j| words[j].text == "such")?;
        }
        let before = k.checked_sub(1)?;
        if !close(before, k, true) {
            return None;
        }
        k = before;
    }
    let noun = words.get(k)?.text;
    // "ITV1 shows Doc Martin": after a channel, "shows" is a noun.
    let channel_shows = matches!(noun, "show" | "shows")
        && (k.saturating_sub(3)..k).any(|j| {
            words
                .get(j..k)
                .is_some_and(|channel| is_numbered_channel(channel) && close(k - 1, k, false))
        });
    let kind = if gazetteer::is_work_noun(noun) || channel_shows {
        EntityKind::Misc
    } else if gazetteer::is_organisation_noun_before(noun) {
        EntityKind::Organisation
    } else {
        return None;
    };
    Some(KindCue {
        kind,
        word: noun.to_owned(),
        by: CueBy::Noun,
    })
}

/// "creator" right after the name at words `name` ("The Office creator
/// Ricky Gervais", "Linux creator Linus Torvalds") or "creator of" right
/// before it ("creator of The Simpsons"): what a creator made is a work.
/// `close(a, b, commas)` says whether only spaces lie between words `a`
/// and `b`.
fn creator_beside<'a>(
    words: &[Word<'a>],
    name: Range<usize>,
    close: impl Fn(usize, usize, bool) -> bool,
) -> Option<&'a str> {
    let is_creator = |k: usize| {
        words
            .get(k)
            .filter(|w| matches!(w.text, "creator" | "creators" | "co-creator"))
    };
    if let Some(after) = is_creator(name.end)
        && !words.get(name.end - 1)?.possessive
        && close(name.end - 1, name.end, false)
    {
        return Some(after.text);
    }
    // "creator of The Simpsons", with or without the article in the name.
    let mut start = name.start;
    if start > 0 && matches!(words.get(start - 1)?.text, "The" | "the") {
        start -= 1;
    }
    let of = start.checked_sub(1)?;
    let creator = is_creator(of.checked_sub(1)?)?;
    (words.get(of)?.text == "of"
        && close(of - 1, of, false)
        && (of + 1..=name.start).all(|k| close(k - 1, k, false)))
    .then_some(creator.text)
}

/// Whether `words` name a numbered television or radio channel: "BBC
/// One", "BBC Radio 4", "Channel 4", "ITV1", "E4", "Sky One", "Radio 5".
/// A bare network ("BBC", "ITV", "HBO") is left out: "Andrew Marr (BBC)"
/// names the person's employer, and "the BBC's World Service" an
/// organisation.
fn is_numbered_channel(words: &[Word<'_>]) -> bool {
    let number = |w: &Word<'_>| {
        matches!(
            w.text,
            "One" | "Two" | "Three" | "Four" | "Five" | "1" | "2" | "3" | "4" | "5" | "6" | "7"
        )
    };
    if words.iter().skip(1).any(|w| w.gap != Gap::Space) {
        // "BBC-One", "Channel\n4": not written as a channel's name.
        return false;
    }
    match words {
        [one] => matches!(
            one.text,
            "ITV1" | "ITV2" | "ITV3" | "ITV4" | "E4" | "More4" | "Film4" | "S4C"
        ),
        [network, n] => matches!(network.text, "BBC" | "Channel" | "Sky" | "Radio") && number(n),
        [bbc, radio, n] => bbc.text == "BBC" && radio.text == "Radio" && number(n),
        _ => false,
    }
}

/// The last word inside the brackets that open right after word
/// `open - 1` (word `open` is the first inside them), when they close
/// within a few words and hold no other bracket: "Jonathan Creek (BBC
/// One)" gives the word "One" for `open` at "BBC".
pub(crate) fn brackets_after(text: &str, words: &[Word<'_>], open: usize) -> Option<usize> {
    let before = words.get(open.checked_sub(1)?)?;
    let first = words.get(open)?;
    if text.get(before.span.end..first.span.start)?.trim_start() != "(" {
        return None;
    }
    let closing = (open..words.len().min(open + 12)).find(|&k| {
        text.get(words[k].span.end..)
            .is_some_and(|t| t.starts_with(')'))
    })?;
    let inside = text.get(first.span.start..words.get(closing)?.span.end)?;
    (!inside.contains(['(', ')'])).then_some(closing)
}

/// The first word of a numbered channel that fills the brackets from word
/// `open` to word `closing` alone: "(BBC One)".
fn channel_alone(words: &[Word<'_>], open: usize, closing: usize) -> Option<usize> {
    let channel = words.get(open..=closing)?;
    (!channel.last()?.possessive && is_numbered_channel(channel)).then_some(open)
}

/// The first word of a numbered channel that closes the brackets from
/// word `open` to word `closing` after a comma, credited after the makers
/// or the programmes: "(Baby Cow Productions, BBC Three)".
fn channel_credited(text: &str, words: &[Word<'_>], open: usize, closing: usize) -> Option<usize> {
    (closing.saturating_sub(2)..=closing)
        .filter(|&k| k > open)
        .find(|&start| {
            let channel = &words[start..=closing];
            text.get(words[start - 1].span.end..words[start].span.start) == Some(", ")
                && !words[closing].possessive
                && is_numbered_channel(channel)
        })
}

/// What a name credited in brackets after another name is, and the
/// channel that closes them: the brackets after a person list their
/// programmes ("Caroline Quentin (Life Begins/ Von Trapped, ITV1)"), those
/// after a programme its makers ("Doc Martin (Buffalo Productions, ITV1)").
/// `name` is the credited name's words, which the tagger took for
/// `tagged`; `head` the words and kind of the sentence's last name with
/// brackets after it, if any. The name before the brackets is a person
/// only when `head` ends there and is a [`named_person`], as the tagger
/// alone takes programmes for people ("Saturday Night Takeaway"); a
/// person credited by name is left alone.
pub(crate) fn credit_in_brackets(
    text: &str,
    words: &[Word<'_>],
    name: Range<usize>,
    tagged: EntityKind,
    head: Option<(Range<usize>, EntityKind)>,
) -> Option<KindCue> {
    if tagged == EntityKind::Misc || named_person(words, &name, tagged) {
        return None;
    }
    let open = opening_bracket_before(text, words, name.start)?;
    let titled = words
        .get(open - 1)
        .is_some_and(|w| w.text.starts_with(char::is_uppercase));
    let closing = brackets_after(text, words, open)?;
    let channel = channel_credited(text, words, open, closing)?;
    if !titled || name.end > channel {
        return None;
    }
    let after_person =
        head.is_some_and(|(head, kind)| head.end == open && named_person(words, &head, kind));
    let (kind, by) = if after_person {
        (EntityKind::Misc, CueBy::Channel)
    } else {
        (EntityKind::Organisation, CueBy::Maker)
    };
    Some(KindCue {
        kind,
        word: tokens::text_of(text, words.get(channel..=closing)?)?.to_owned(),
        by,
    })
}

/// Whether the name at words `name`, which the tagger took for `kind`, is
/// a person by its own words too: a person whose first word is a listed
/// given name ("Caroline Quentin", not "Saturday Night Takeaway"). The
/// bracket and year rules leave such names alone.
fn named_person(words: &[Word<'_>], name: &Range<usize>, kind: EntityKind) -> bool {
    kind == EntityKind::Person
        && words
            .get(name.start)
            .is_some_and(|w| gazetteer::is_first_name(w.text))
}

/// The first word inside the brackets that hold word `at`, when they open
/// a few words before it (word `at` itself, or one of the 11 before).
fn opening_bracket_before(text: &str, words: &[Word<'_>], at: usize) -> Option<usize> {
    for k in (at.saturating_sub(11).max(1)..=at).rev() {
        let gap = text.get(words.get(k - 1)?.span.end..words.get(k)?.span.start)?;
        if gap.contains(['(', ')']) {
            return (gap.trim_start() == "(").then_some(k);
        }
    }
    None
}

/// The numbered channel (see [`is_numbered_channel`]) that shows the
/// programme at words `name`: in brackets right after it ("Jonathan
/// Creek (BBC One)", a listing), or, before a name not `tagged` as a
/// person, as a possessive right before it ("BBC One's Top of the Pops";
/// "Channel 4's Jon Snow" is a presenter). `text` is the text the words'
/// spans index; the channel is returned as written there.
fn channel_of_programme<'a>(
    text: &'a str,
    words: &[Word<'_>],
    name: Range<usize>,
    tagged: EntityKind,
) -> Option<&'a str> {
    let as_written = |channel: &[Word<'_>]| tokens::text_of(text, channel);
    // In brackets after the name, alone ("(BBC One)") or last after the
    // makers ("(Baby Cow Productions, BBC Three)"); a person named before
    // the programmes they are credited for keeps their kind ("Caroline
    // Quentin (Life Begins/ Von Trapped, ITV1)").
    if let Some(closing) = brackets_after(text, words, name.end) {
        let person = named_person(words, &name, tagged);
        if let Some(start) = channel_alone(words, name.end, closing) {
            return as_written(&words[start..=closing]);
        }
        if !person && let Some(start) = channel_credited(text, words, name.end, closing) {
            return as_written(&words[start..=closing]);
        }
    }
    // As a possessive before it.
    if tagged == EntityKind::Person || name.start == 0 {
        return None;
    }
    let owner = words.get(name.start - 1)?;
    let next_to = text.get(owner.span.end..words.get(name.start)?.span.start)?;
    // The words cut "Radio 4's" into "4" and "s", a name into one word.
    let split_s = |k: usize| {
        let before = k.checked_sub(1).and_then(|j| words.get(j));
        words.get(k).is_some_and(|w| w.text == "s")
            && before.is_some_and(|b| {
                text.get(b.span.end..words[k].span.start)
                    .is_some_and(|gap| matches!(gap, "'" | "’"))
            })
    };
    let end = if owner.possessive && matches!(next_to.trim_end(), "'s" | "’s") {
        name.start
    } else if split_s(name.start - 1) && next_to.trim_end().is_empty() {
        name.start - 1
    } else {
        return None;
    };
    (end.saturating_sub(3)..end)
        .map(|start| &words[start..end])
        .find(|channel| is_numbered_channel(channel))
        .and_then(as_written)
}

/// The year in brackets right after the name at words `name`, as written
/// ("(2003)"): a film's, book's or album's in a list of works ("The
/// Crucible (1997), The Boxer (1998)"). A name `tagged` as a person that
/// opens with a given name is left alone ("Daniel Day-Lewis (1957)" may
/// give a birth year). `text` is the text the words' spans index.
fn year_of_work<'a>(
    text: &'a str,
    words: &[Word<'_>],
    name: Range<usize>,
    tagged: EntityKind,
) -> Option<&'a str> {
    if named_person(words, &name, tagged) {
        return None;
    }
    let last = words.get(name.end.checked_sub(1)?)?;
    let (bracket, _) = year_in_brackets(text.get(last.span.end..)?.trim_start())?;
    let year: u16 = bracket.get(1..5)?.parse().ok()?;
    (1800..2100).contains(&year).then_some(bracket)
}

/// The year in brackets that opens `s` and what follows it: "(1997),
/// The Boxer" gives "(1997)" and ", The Boxer". Four digits, nothing else.
fn year_in_brackets(s: &str) -> Option<(&str, &str)> {
    let inside = s.strip_prefix('(')?;
    let digits = inside.bytes().take_while(u8::is_ascii_digit).count();
    let rest = inside.get(digits..)?.strip_prefix(')')?;
    (digits == 4).then_some((s.get(..6)?, rest))
}

/// The craft the name at words `name` is, as written: a ship whose
/// prefix opens it ("HMS Belfast"), or an aircraft carrying a head of
/// state or government by its call sign ("Air Force One", "Marine One").
fn craft_name<'a>(text: &'a str, words: &[Word<'_>], name: Range<usize>) -> Option<&'a str> {
    let first = words.get(name.start)?;
    if name.len() > 1 && gazetteer::is_ship_prefix(first.text) {
        return text.get(first.span.clone());
    }
    let written = tokens::text_of(text, words.get(name)?)?;
    matches!(
        written,
        "Air Force One" | "Air Force Two" | "Marine One" | "Marine Two"
    )
    .then_some(written)
}

/// Words that introduce a product's name: "the Santy worm", "its Tree of
/// Life award".
fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the" | "The" | "a" | "A" | "an" | "An" | "its" | "his" | "her" | "their" | "this" | "This"
    )
}

/// Whether the name at words `name` directly follows, in a list, the name
/// that ended at word `previous_end` (exclusive): only commas, "and", "or",
/// a slash or a year in brackets between them, or it is a subtitle after a
/// colon ("Space Invaders, Lunar
/// Lander and Bejewelled", "The Crucible (1997), The Boxer (1998)"). A
/// name in the possessive owns the next item rather than being one ("and
/// Martin Scorsese's Gangs Of New York").
pub(crate) fn continues_list(
    text: &str,
    sentence: &Sentence<'_>,
    previous_end: usize,
    name: Range<usize>,
) -> bool {
    let words = &sentence.words;
    let (Some(last), Some(first)) = (
        previous_end.checked_sub(1).and_then(|k| words.get(k)),
        words.get(name.start),
    ) else {
        return false;
    };
    let owner = (name.end.checked_sub(1).and_then(|k| words.get(k))).is_some_and(|w| w.possessive);
    let Some(between) = text.get(last.span.end..first.span.start) else {
        return false;
    };
    if owner {
        return false;
    }
    // A subtitle: "Star Wars: The Phantom Menace".
    if let Some(subtitle) = between.strip_prefix(": ") {
        return matches!(subtitle.trim_end(), "" | "The" | "A" | "An");
    }
    let mut rest = between.trim_start();
    // A year in brackets after a title.
    if rest.starts_with('(') {
        match year_in_brackets(rest) {
            Some((_, after)) => rest = after,
            None => return false,
        }
    }
    let rest = rest.trim_start_matches([' ', ',', '/']);
    let rest = rest
        .strip_prefix("and ")
        .or_else(|| rest.strip_prefix("or "))
        .unwrap_or(rest);
    let separated =
        between.contains([',', '/']) || between.contains(" and ") || between.contains(" or ");
    separated && rest.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::features::Sentence;

    fn cue(text: &'static str, name: &str) -> Option<(EntityKind, String)> {
        cue_of(text, name, EntityKind::Person).map(|c| (c.kind, c.word))
    }

    /// A cue that makes a name misc.
    fn misc_cue(word: &str, by: CueBy) -> Option<KindCue> {
        Some(KindCue {
            kind: EntityKind::Misc,
            word: word.to_owned(),
            by,
        })
    }

    /// The cue of the name `name` in `text`, which the tagger took for
    /// `tagged`.
    fn cue_of(text: &'static str, name: &str, tagged: EntityKind) -> Option<KindCue> {
        let sentence = Sentence::new(text, 0..text.len(), false);
        let words: Vec<&str> = sentence.words.iter().map(|w| w.text).collect();
        let n = name.split(' ').count();
        let start = (0..words.len())
            .find(|&i| words[i..].starts_with(&name.split(' ').collect::<Vec<_>>()))?;
        kind_cue(text, &sentence, start..start + n, tagged)
    }

    #[test]
    fn a_numbered_channel_marks_a_programme() {
        let channel = |w: &str| misc_cue(w, CueBy::Channel);
        let organisation = EntityKind::Organisation;
        // A listing: the channel in brackets after the name (the tagger
        // took "Jonathan Creek" for a person).
        let t = "Doc Martin won, over Jonathan Creek (BBC One) and Shameless.";
        assert_eq!(
            cue_of(t, "Jonathan Creek", EntityKind::Person),
            channel("BBC One")
        );
        let t = "Noel Fielding from The Mighty Boosh (BBC Three) won.";
        assert_eq!(
            cue_of(t, "The Mighty Boosh", organisation),
            channel("BBC Three")
        );
        let t = "It moved from Radio 4 to Little Britain (Channel 4) fans.";
        assert_eq!(
            cue_of(t, "Little Britain", organisation),
            channel("Channel 4")
        );
        // After the makers, unless a person is credited.
        let t = "Nighty Night (Baby Cow Productions, BBC Three) won.";
        assert_eq!(
            cue_of(t, "Nighty Night", EntityKind::Person),
            channel("BBC Three")
        );
        let t = "Caroline Quentin (Life Begins/ Von Trapped, ITV1) won.";
        assert_eq!(cue_of(t, "Caroline Quentin", EntityKind::Person), None);
        // A possessive channel before a name the tagger did not call a
        // person.
        let t = "He filmed two songs for BBC One's Top of the Pops on Friday.";
        assert_eq!(
            cue_of(t, "Top of the Pops", organisation),
            channel("BBC One")
        );
        let t = "He spoke on BBC Radio 4's Today programme.";
        assert_eq!(cue_of(t, "Today", organisation), channel("BBC Radio 4"));
        // "shows" after a channel is a noun, and a work noun.
        let t = "It beat ITV1 shows Doc Martin and Life Begins.";
        assert_eq!(
            cue_of(t, "Doc Martin", EntityKind::Person).map(|c| (c.kind, c.word)),
            Some((EntityKind::Misc, "shows".to_owned()))
        );
        // A presenter, an employer, a network's own organisation, a
        // channel that is not in brackets: no programme.
        for (t, name, tagged) in [
            (
                "Channel 4's Jon Snow asked.",
                "Jon Snow",
                EntityKind::Person,
            ),
            (
                "said Andrew Marr (BBC) today.",
                "Andrew Marr",
                EntityKind::Person,
            ),
            (
                "The BBC's World Service cut jobs.",
                "World Service",
                organisation,
            ),
            (
                "Jon Snow (Channel 4 News) asked.",
                "Jon Snow",
                EntityKind::Person,
            ),
            ("Polls show ITV1 ahead.", "ITV1", organisation),
        ] {
            assert_eq!(cue_of(t, name, tagged), None, "{t}");
        }
    }

    #[test]
    fn a_year_in_brackets_marks_a_work() {
        let t =
            "His films include The Boxer (1998) and Martin Scorsese's Gangs Of New York (2003).";
        let year = |w: &str| misc_cue(w, CueBy::Year);
        let place = EntityKind::Place;
        assert_eq!(cue_of(t, "New York", place), year("(2003)"));
        assert_eq!(cue_of(t, "Boxer", EntityKind::Organisation), year("(1998)"));
        // A birth year, a number that is no year, a year not in brackets.
        for (t, name, tagged) in [
            (
                "Daniel Day-Lewis (1957) won.",
                "Daniel Day-Lewis",
                EntityKind::Person,
            ),
            (
                "Shares of Acme (4500) fell.",
                "Acme",
                EntityKind::Organisation,
            ),
            ("Berlin (2003 figures) grew.", "Berlin", place),
            ("He left Berlin in 2003.", "Berlin", place),
        ] {
            assert_eq!(cue_of(t, name, tagged), None, "{t}");
        }
    }

    #[test]
    fn a_ship_prefix_or_a_call_sign_marks_a_craft() {
        let craft = |w: &str| misc_cue(w, CueBy::Craft);
        let organisation = EntityKind::Organisation;
        let t = "Eminem performed on HMS Belfast on Friday.";
        assert_eq!(cue_of(t, "HMS Belfast", organisation), craft("HMS"));
        let t = "Lufthansa may lose millions as a result of Air Force One landing.";
        assert_eq!(
            cue_of(t, "Air Force One", organisation),
            craft("Air Force One")
        );
        // The air force itself, and a prefix alone, are no craft.
        let t = "The US Air Force said so.";
        assert_eq!(cue_of(t, "US Air Force", organisation), None);
        let t = "The HMS said so.";
        assert_eq!(cue_of(t, "HMS", organisation), None);
    }

    #[test]
    fn a_work_noun_before_or_a_product_noun_after_marks_a_work() {
        let misc = |w: &str| Some((EntityKind::Misc, w.to_owned()));
        let t = "It was hurt by box-office flops Alexander and Catwoman.";
        assert_eq!(cue(t, "Alexander"), misc("flops"));
        let t = "There are arcade classics such as Space Invaders and more.";
        assert_eq!(cue(t, "Space Invaders"), misc("classics"));
        let t = "There are also titles, such as Colin McRae Rally, to play.";
        assert_eq!(cue(t, "Colin McRae"), misc("titles"));
        let t = "The actor, whose films include Michael Collins, said so.";
        assert_eq!(cue(t, "Michael Collins"), misc("films"));
        let t = "The Santy worm first appeared in December.";
        assert_eq!(cue(t, "Santy"), misc("worm"));
        let t = "The final film in the Lord of the Rings trilogy boosted results.";
        assert_eq!(cue(t, "Rings"), misc("trilogy"));
        let t = "He beat The Office creator Ricky Gervais to it.";
        assert_eq!(cue(t, "Office"), misc("creator"));
        let t = "It was accepted by Matt Groening, creator of The Simpsons, on stage.";
        assert_eq!(cue(t, "Simpsons"), misc("creator"));
        let t = "He was part of Operation Buccaneer last year.";
        assert_eq!(cue(t, "Operation Buccaneer"), misc("Operation"));
    }

    #[test]
    fn an_organisation_noun_before_or_after_marks_an_organisation() {
        let org = |w: &str| Some((EntityKind::Organisation, w.to_owned()));
        let t = "said Graham Cluley, senior consultant at security firm Sophos, today";
        assert_eq!(cue(t, "Sophos"), org("firm"));
        let t = "Shares in carmaker Fiat rose.";
        assert_eq!(cue(t, "Fiat"), org("carmaker"));
        let t = "Fiat is to integrate the Maserati car company with Ferrari.";
        assert_eq!(cue(t, "Maserati"), org("company"));
        let t = "It was unveiled at London's Tate Britain art gallery.";
        assert_eq!(cue(t, "Tate Britain"), org("gallery"));
        // A place before an organisation noun is where it is.
        let t = "He joined the London art gallery in May.";
        assert_eq!(cue(t, "London"), None);
        // A given name opens a person's name after a noun for their trade.
        let t = "The plastics manufacturer Ron Johnson won.";
        assert_eq!(cue(t, "Ron Johnson"), None);
    }

    #[test]
    fn people_places_and_makers_keep_their_type() {
        // A verb, a maker before its product, a name after a full stop.
        for (t, name) in [
            ("Polls show Germany ahead of France.", "Germany"),
            ("Sales of the Nokia phone rose.", "Nokia"),
            ("He saw the film. Alexander left early.", "Alexander"),
            ("The film director Ang Lee spoke.", "Ang Lee"),
            ("Emmanuel Macron said he would go.", "Emmanuel Macron"),
            ("It was classic Karl Rove, they said.", "Karl Rove"),
            (
                "He met the director of the film, Michael Bay, today.",
                "Michael Bay",
            ),
            (
                "States like Colorado and Wyoming award delegates.",
                "Wyoming",
            ),
        ] {
            assert_eq!(cue(t, name), None, "{t}");
        }
    }

    #[test]
    fn a_capitalised_run_ends_at_punctuation_and_takes_in_a_tagged_name() {
        let t = "films In The Name Of The Father (1994) and classics such as Space Invaders, Pong";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let at = |w: &str| sentence.words.iter().position(|x| x.text == w).unwrap();
        let father = at("Father");
        // Tagged: "Name Of The Father"; "In The" runs into it.
        let tagged = std::slice::from_ref(&(at("Name")..father + 1)).to_vec();
        assert_eq!(
            capitalised_run(&sentence, at("In"), &tagged),
            Some(at("In")..father + 1)
        );
        assert_eq!(capitalised_run(&sentence, at("Name"), &tagged), None);
        let space = at("Space");
        assert_eq!(
            capitalised_run(&sentence, space, &[]),
            Some(space..space + 2)
        );
        assert_eq!(capitalised_run(&sentence, at("classics"), &[]), None);
        // The tagger ended "Space" too soon: it runs on over "Invaders".
        assert_eq!(
            capitalised_run(&sentence, space, std::slice::from_ref(&(space..space + 1))),
            Some(space..space + 2)
        );
        let found = untagged_after_noun(t, &sentence, &tagged);
        assert_eq!(
            found,
            [
                (at("In")..father + 1, EntityKind::Misc),
                (space..space + 2, EntityKind::Misc)
            ]
        );
    }

    #[test]
    fn a_list_continues_over_commas_and_years_in_brackets() {
        let t = "films The Crucible (1997), The Boxer (1998) and Fahrenheit were shown";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let at = |w: &str| sentence.words.iter().position(|x| x.text == w).unwrap();
        let boxer = at("Boxer") - 1..at("Boxer") + 1;
        let fahrenheit = at("Fahrenheit")..at("Fahrenheit") + 1;
        assert!(continues_list(
            t,
            &sentence,
            at("Crucible") + 1,
            boxer.clone()
        ));
        assert!(continues_list(t, &sentence, boxer.end, fahrenheit));
        let t = "films The Boxer (1998) and Martin Scorsese's Gangs Of New York (2003)";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let at = |w: &str| sentence.words.iter().position(|x| x.text == w).unwrap();
        let scorsese = at("Martin")..at("Martin") + 2;
        assert!(!continues_list(t, &sentence, at("Boxer") + 1, scorsese));
        let t = "Alexander met Catwoman in Paris";
        let sentence = Sentence::new(t, 0..t.len(), false);
        assert!(!continues_list(t, &sentence, 1, 2..3));
        // A subtitle after a colon, but no name after a semicolon.
        let t = "films include Star Wars: The Phantom Menace; Liam Neeson said";
        let sentence = Sentence::new(t, 0..t.len(), false);
        let at = |w: &str| sentence.words.iter().position(|x| x.text == w).unwrap();
        let phantom = at("Phantom")..at("Menace") + 1;
        assert!(continues_list(
            t,
            &sentence,
            at("Wars") + 1,
            phantom.clone()
        ));
        let neeson = at("Liam")..at("Neeson") + 1;
        assert!(!continues_list(t, &sentence, phantom.end, neeson));
    }
}
