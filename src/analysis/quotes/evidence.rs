//! How a quotation's speaker was found, kept with the quotation so the
//! reader sees what to check (`he → Tom Okafor`, `follows ¶ 4`).

/// The evidence for a quotation's speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SpeakerEvidence {
    /// No speaker was found.
    #[default]
    None,
    /// A reporting clause next to the quotation names the speaker
    /// (`,” said Ms Hewitt`, `Mr Howard said: “…”`, `according to X`).
    Clause,
    /// A pronoun in the reporting clause or the quotation's sentence
    /// (`he`, `she`, in lower case) stands for the speaker, resolved to the
    /// nearest person of fitting gender.
    Pronoun {
        /// The pronoun, lower case.
        pronoun: String,
        /// Whether the choice was uncertain.
        weak: bool,
    },
    /// A description with no name is the speaker ("a spokeswoman for the
    /// county council"), kept as `speaker_text`.
    Description,
    /// The second part of a quotation split by its reporting clause, or a
    /// quotation right after another in the same paragraph: same speaker.
    Continues,
    /// A paragraph of quotation continuing the speaker of the quotation
    /// that ends in paragraph `paragraph` (0-based index into the
    /// document's paragraphs).
    FollowsParagraph {
        /// 0-based paragraph index.
        paragraph: usize,
        /// Whether the choice was uncertain.
        weak: bool,
    },
    /// The subject of the clause that holds the quoted words, for a quoted
    /// phrase inside a paraphrase ("Okafor deplored the “endless point
    /// scoring”").
    ClauseSubject {
        /// Whether the choice was uncertain.
        weak: bool,
    },
    /// A person named near the quotation: the one who spoke just before
    /// ("… Mr Howard said.⏎“We watched …”") or the best-ranked nearby
    /// mention.
    Nearby {
        /// Whether the choice was uncertain.
        weak: bool,
    },
}

impl SpeakerEvidence {
    /// Whether the evidence is weak: the reader should check this speaker.
    pub fn is_weak(&self) -> bool {
        match self {
            SpeakerEvidence::Pronoun { weak, .. }
            | SpeakerEvidence::FollowsParagraph { weak, .. }
            | SpeakerEvidence::ClauseSubject { weak }
            | SpeakerEvidence::Nearby { weak } => *weak,
            SpeakerEvidence::None
            | SpeakerEvidence::Clause
            | SpeakerEvidence::Description
            | SpeakerEvidence::Continues => false,
        }
    }

    /// A one-word name for tables and files: `none`, `clause`, `pronoun`,
    /// `description`, `continues`, `follows`, `subject`, `nearby`.
    pub fn as_str(&self) -> &'static str {
        match self {
            SpeakerEvidence::None => "none",
            SpeakerEvidence::Clause => "clause",
            SpeakerEvidence::Pronoun { .. } => "pronoun",
            SpeakerEvidence::Description => "description",
            SpeakerEvidence::Continues => "continues",
            SpeakerEvidence::FollowsParagraph { .. } => "follows",
            SpeakerEvidence::ClauseSubject { .. } => "subject",
            SpeakerEvidence::Nearby { .. } => "nearby",
        }
    }

    /// How the speaker `name` was found, for the status bar, when it needs
    /// saying: `he → Tom Okafor`, `follows ¶ 4` (paragraphs counted from
    /// 1), `description`, `subject of the clause`, `named nearby`; `None`
    /// for a reporting clause or a split quotation, which the reader sees
    /// next to the quotation.
    pub fn explain(&self, name: &str) -> Option<String> {
        match self {
            SpeakerEvidence::Pronoun { pronoun, .. } => Some(format!("{pronoun} → {name}")),
            SpeakerEvidence::FollowsParagraph { paragraph, .. } => {
                Some(format!("follows ¶ {}", paragraph + 1))
            }
            SpeakerEvidence::Description => Some("description".to_owned()),
            SpeakerEvidence::ClauseSubject { .. } => Some("subject of the clause".to_owned()),
            SpeakerEvidence::Nearby { .. } => Some("named nearby".to_owned()),
            SpeakerEvidence::None | SpeakerEvidence::Clause | SpeakerEvidence::Continues => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_explains_itself() {
        let he = SpeakerEvidence::Pronoun {
            pronoun: "he".into(),
            weak: true,
        };
        assert_eq!(he.explain("Tom Okafor").as_deref(), Some("he → Tom Okafor"));
        assert!(he.is_weak());
        let follows = SpeakerEvidence::FollowsParagraph {
            paragraph: 3,
            weak: false,
        };
        assert_eq!(follows.explain("X").as_deref(), Some("follows ¶ 4"));
        assert_eq!(SpeakerEvidence::Clause.explain("X"), None);
        assert_eq!(follows.as_str(), "follows");
    }
}
