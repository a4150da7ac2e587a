//! BILOU labels for the sequence tagger: each word is outside any name, or
//! the Beginning, Inside, Last word of a multi-word name or a Unit (one-word)
//! name of one of four types. Ratinov & Roth (2009) found BILOU better than
//! BIO for named entity recognition.

use super::super::EntityKind;

/// Number of labels: `O` plus four positions for each of four types.
pub const COUNT: usize = 17;

/// Position of a word inside a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// First word of a name of two or more words.
    Begin,
    /// Neither first nor last word of a name of three or more words.
    Inside,
    /// Last word of a name of two or more words.
    Last,
    /// The only word of a one-word name.
    Unit,
}

/// One tag: `None` is outside (`O`), otherwise type and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label(pub Option<(EntityKind, Position)>);

impl Label {
    /// Outside any name.
    pub const OUTSIDE: Label = Label(None);

    /// The label's index in `0..COUNT` (0 is `O`).
    pub fn index(self) -> usize {
        match self.0 {
            None => 0,
            Some((kind, position)) => {
                let k = kind_index(kind);
                let p = match position {
                    Position::Begin => 0,
                    Position::Inside => 1,
                    Position::Last => 2,
                    Position::Unit => 3,
                };
                1 + 4 * k + p
            }
        }
    }

    /// The label with index `i` (see [`Label::index`]); `O` when out of range.
    pub fn from_index(i: usize) -> Label {
        if i == 0 || i >= COUNT {
            return Label::OUTSIDE;
        }
        let kind = EntityKind::ALL[(i - 1) / 4];
        let position = match (i - 1) % 4 {
            0 => Position::Begin,
            1 => Position::Inside,
            2 => Position::Last,
            _ => Position::Unit,
        };
        Label(Some((kind, position)))
    }

    /// Whether a name is open after this label (it is `B` or `I`).
    pub fn is_open(self) -> bool {
        matches!(self.0, Some((_, Position::Begin | Position::Inside)))
    }

    /// Whether `self` may follow `previous` in a well-formed BILOU sequence.
    pub fn may_follow(self, previous: Label) -> bool {
        match (previous.0, self.0) {
            (Some((k, Position::Begin | Position::Inside)), Some((k2, p))) => {
                k == k2 && matches!(p, Position::Inside | Position::Last)
            }
            (Some((_, Position::Begin | Position::Inside)), None) => false,
            (_, Some((_, Position::Inside | Position::Last))) => false,
            _ => true,
        }
    }

    /// Short name for features and debugging: `O`, `B-PER`, `U-LOC`, ….
    pub fn name(self) -> &'static str {
        const NAMES: [&str; COUNT] = [
            "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-ORG",
            "I-ORG", "L-ORG", "U-ORG", "B-MISC", "I-MISC", "L-MISC", "U-MISC",
        ];
        NAMES[self.index()]
    }
}

/// Index of `kind` in [`EntityKind::ALL`].
pub fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Organisation => 2,
        EntityKind::Misc => 3,
    }
}

/// BILOU labels for `n` words given names as word-index ranges
/// (end-exclusive, non-overlapping) with their kinds.
pub fn encode(n: usize, names: &[(std::ops::Range<usize>, EntityKind)]) -> Vec<Label> {
    let mut labels = vec![Label::OUTSIDE; n];
    for (range, kind) in names {
        let len = range.len();
        for (offset, i) in range.clone().enumerate() {
            let position = match (len, offset) {
                (1, _) => Position::Unit,
                (_, 0) => Position::Begin,
                (_, o) if o + 1 == len => Position::Last,
                _ => Position::Inside,
            };
            if let Some(l) = labels.get_mut(i) {
                *l = Label(Some((*kind, position)));
            }
        }
    }
    labels
}

/// Names as word-index ranges (end-exclusive) with kinds, from a label
/// sequence; an ill-formed run (a `B` never closed) ends where it stops.
pub fn decode(labels: &[Label]) -> Vec<(std::ops::Range<usize>, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, label) in labels.iter().enumerate() {
        match label.0 {
            Some((kind, Position::Unit)) => {
                if let Some((s, k)) = open.take() {
                    out.push((s..i, k));
                }
                out.push((i..i + 1, kind));
            }
            Some((kind, Position::Begin)) => {
                if let Some((s, k)) = open.take() {
                    out.push((s..i, k));
                }
                open = Some((i, kind));
            }
            Some((kind, Position::Inside | Position::Last)) => {
                let position = label.0.map(|(_, p)| p);
                match open {
                    Some((_, k)) if k == kind => {}
                    _ => {
                        if let Some((s, k)) = open.take() {
                            out.push((s..i, k));
                        }
                        open = Some((i, kind));
                    }
                }
                if position == Some(Position::Last)
                    && let Some((s, k)) = open.take()
                {
                    out.push((s..i + 1, k));
                }
            }
            None => {
                if let Some((s, k)) = open.take() {
                    out.push((s..i, k));
                }
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s..labels.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind::*;

    #[test]
    fn indices_round_trip_and_names_match() {
        for i in 0..COUNT {
            assert_eq!(Label::from_index(i).index(), i);
        }
        assert_eq!(Label::from_index(4).name(), "U-PER");
        assert_eq!(Label::from_index(14).name(), "I-MISC");
    }

    #[test]
    fn encode_then_decode_gives_the_names_back() {
        let names = vec![(0..2, Person), (3..4, Place), (5..8, Organisation)];
        let labels = encode(9, &names);
        let shown: Vec<&str> = labels.iter().map(|l| l.name()).collect();
        assert_eq!(
            shown,
            [
                "B-PER", "L-PER", "O", "U-LOC", "O", "B-ORG", "I-ORG", "L-ORG", "O"
            ]
        );
        assert_eq!(decode(&labels), names);
    }

    #[test]
    fn transitions_keep_names_well_formed() {
        let b_per = Label(Some((Person, Position::Begin)));
        let l_per = Label(Some((Person, Position::Last)));
        let l_loc = Label(Some((Place, Position::Last)));
        assert!(l_per.may_follow(b_per));
        assert!(!l_loc.may_follow(b_per));
        assert!(!Label::OUTSIDE.may_follow(b_per));
        assert!(!l_per.may_follow(Label::OUTSIDE));
        assert!(b_per.may_follow(l_loc));
    }
}
