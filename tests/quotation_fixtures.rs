//! Quotation fixtures: short made-up news passages, one hard case each, with
//! every quotation's exact text, kind, enclosing quotation, unclosed flag and
//! speaker (entity name, or the words naming a speaker who is no entity).
//! One table, one test: every mismatch is listed before the test fails.

use folio::analysis::{Progress, QuoteKind, analyse};
use folio::document::Document;

/// One expected quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Q {
    text: &'static str,
    kind: QuoteKind,
    parent: Option<usize>,
    unclosed: bool,
    speaker: Option<&'static str>,
}

/// A closed, outermost speech quotation.
const fn speech(text: &'static str, speaker: Option<&'static str>) -> Q {
    Q {
        text,
        kind: QuoteKind::Speech,
        parent: None,
        unclosed: false,
        speaker,
    }
}

/// A closed, outermost scare quotation (never has a speaker).
const fn scare(text: &'static str) -> Q {
    Q {
        text,
        kind: QuoteKind::Scare,
        parent: None,
        unclosed: false,
        speaker: None,
    }
}

impl Q {
    /// The same quotation, nested in quotation `parent`.
    const fn in_(self, parent: usize) -> Q {
        Q {
            parent: Some(parent),
            ..self
        }
    }

    /// The same quotation, without a closing mark.
    const fn open(self) -> Q {
        Q {
            unclosed: true,
            ..self
        }
    }
}

/// `(what the case is about, passage, expected quotations in order)`.
const CASES: &[(&str, &str, &[Q])] = &[
    (
        "straight marks, speaker after",
        "\"We will reopen the bridge by spring,\" Laura Bennett said.",
        &[speech(
            "\"We will reopen the bridge by spring,\"",
            Some("Laura Bennett"),
        )],
    ),
    (
        "said with a title before the name",
        "Patricia Hewitt met the board on Monday. “The figures are clear,” said Ms Hewitt, who chairs the panel.",
        &[speech("“The figures are clear,”", Some("Patricia Hewitt"))],
    ),
    (
        "name, verb and colon before",
        "Michael Howard said: \"Nobody voted for this.\"",
        &[speech("\"Nobody voted for this.\"", Some("Michael Howard"))],
    ),
    (
        "X told Y: before, with a title",
        "Michael Howard visited Leeds. Mr Howard told reporters: “We will keep pressing.”",
        &[speech("“We will keep pressing.”", Some("Michael Howard"))],
    ),
    (
        "X told Y without a colon",
        "Peter Lane told the radio station \"we were never warned\".",
        &[speech("\"we were never warned\"", Some("Peter Lane"))],
    ),
    (
        "according to, after",
        "“Prices will rise again,” according to Sarah Lund.",
        &[speech("“Prices will rise again,”", Some("Sarah Lund"))],
    ),
    (
        "according to, before",
        "According to Daniel Okafor, “the deal is done and signed.”",
        &[speech(
            "“the deal is done and signed.”",
            Some("Daniel Okafor"),
        )],
    ),
    (
        "pronoun in the same paragraph",
        "Emma Clarke spoke to staff on Friday. “We are not closing,” she said.",
        &[speech("“We are not closing,”", Some("Emma Clarke"))],
    ),
    (
        "pronoun resolved in the previous paragraph",
        "Tom Reyes arrived at the hearing an hour late.\n\n“I missed the only train,” he said.",
        &[speech("“I missed the only train,”", Some("Tom Reyes"))],
    ),
    (
        "pronoun skips a person whose title does not fit",
        "Ms Amelia Stone met Mr David Park on Tuesday. “It went well,” she said.",
        &[speech("“It went well,”", Some("Amelia Stone"))],
    ),
    (
        "pronoun skips people named inside the quotation",
        "Ben Ortiz sat down. “I never met Alan Price,” he said.",
        &[speech("“I never met Alan Price,”", Some("Ben Ortiz"))],
    ),
    (
        "split quotation keeps its speaker",
        "“First we fix the roads,” Grace Mills said, “and then the schools.”",
        &[
            speech("“First we fix the roads,”", Some("Grace Mills")),
            speech("“and then the schools.”", Some("Grace Mills")),
        ],
    ),
    (
        "news style over paragraphs, then an unclosed quotation",
        "“We are watching the variants,” the minister said. “We saw cases drop.\n\n“Until now we stayed under the limit.\n\n“I ask you to follow the rules.”\n\nA later paragraph with “an unclosed quote and no continuation.\n\nFinal paragraph with no quotes.",
        &[
            speech("“We are watching the variants,”", Some("the minister")),
            speech(
                "“We saw cases drop.\n\n“Until now we stayed under the limit.\n\n“I ask you to follow the rules.”",
                Some("the minister"),
            ),
            speech("“an unclosed quote and no continuation.", None).open(),
        ],
    ),
    (
        "straight marks over paragraphs, one line each, speaker in the last",
        "Lucy Hart said the plan was late. \"We asked for it in May.\n\"We are still waiting for it,\" she added.",
        &[speech(
            "\"We asked for it in May.\n\"We are still waiting for it,\"",
            Some("Lucy Hart"),
        )],
    ),
    (
        "the next paragraph of quotation keeps the speaker",
        "\"We lost today,\" said Sam Kerr.\n\n\"We will be back next year.\"",
        &[
            speech("\"We lost today,\"", Some("Sam Kerr")),
            speech("\"We will be back next year.\"", Some("Sam Kerr")),
        ],
    ),
    (
        "nominal speaker before the verb",
        "“The talks have stalled,” a spokesman said.",
        &[speech("“The talks have stalled,”", Some("a spokesman"))],
    ),
    (
        "nominal speaker after the verb",
        "“We have no comment at this stage,” said a spokeswoman for the council.",
        &[speech(
            "“We have no comment at this stage,”",
            Some("a spokeswoman for the council"),
        )],
    ),
    (
        "nominal speaker with a party name",
        "“This is a betrayal of voters,” the Conservative leader said.",
        &[speech(
            "“This is a betrayal of voters,”",
            Some("the Conservative leader"),
        )],
    ),
    (
        "bare plural speaker",
        "\"The site is safe,\" officials said on Monday.",
        &[speech("\"The site is safe,\"", Some("officials"))],
    ),
    (
        "someone's spokesman is not that someone",
        "“The minister is on leave,” a spokesman for Jane Doyle said.",
        &[speech(
            "“The minister is on leave,”",
            Some("a spokesman for Jane Doyle"),
        )],
    ),
    (
        "said with a two-word title",
        "“Exports fell sharply,” said Finance Minister Karen Holt.",
        &[speech("“Exports fell sharply,”", Some("Karen Holt"))],
    ),
    (
        "other reporting verbs",
        "“Costs will double,” Maya Singh warned. “It is unfair,” insisted Leo Grant.",
        &[
            speech("“Costs will double,”", Some("Maya Singh")),
            speech("“It is unfair,”", Some("Leo Grant")),
        ],
    ),
    (
        "American nesting, the inner quotation with its own reporting clause",
        "Rosa Quint said: “My father told me ‘never give up’ every day.”",
        &[
            speech(
                "“My father told me ‘never give up’ every day.”",
                Some("Rosa Quint"),
            ),
            speech("‘never give up’", Some("My father")).in_(0),
        ],
    ),
    (
        "British nesting, a scare quotation inside",
        "‘They call it the “lost decade” here,’ Owen Price said.",
        &[
            speech("‘They call it the “lost decade” here,’", Some("Owen Price")),
            scare("“lost decade”").in_(0),
        ],
    ),
    (
        "straight nesting, BBC style",
        "\"They printed the word 'sorry' on every box,\" said Nina Ford.",
        &[
            speech(
                "\"They printed the word 'sorry' on every box,\"",
                Some("Nina Ford"),
            ),
            scare("'sorry'").in_(0),
        ],
    ),
    (
        "French guillemets with no-break spaces",
        "Pierre Dumas told the crowd: «\u{a0}Nous ne partirons pas.\u{a0}»",
        &[speech(
            "«\u{a0}Nous ne partirons pas.\u{a0}»",
            Some("Pierre Dumas"),
        )],
    ),
    (
        "single guillemets inside double ones",
        "Claire Roux said: «The board called it ‹a pause›, nothing more.»",
        &[
            speech(
                "«The board called it ‹a pause›, nothing more.»",
                Some("Claire Roux"),
            ),
            scare("‹a pause›").in_(0),
        ],
    ),
    (
        "German low marks",
        "Jonas Weber said: „Wir sind bereit.“",
        &[speech("„Wir sind bereit.“", Some("Jonas Weber"))],
    ),
    (
        "German reversed guillemets with inner marks",
        "Anna Vogel said: »The word ›home‹ means a lot here.«",
        &[
            speech("»The word ›home‹ means a lot here.«", Some("Anna Vogel")),
            scare("›home‹").in_(0),
        ],
    ),
    (
        "apostrophes of every sort",
        "Mill's workers say it’s the teachers’ fault that rock ’n’ roll faded in the ’90s, O’Brien wrote.",
        &[],
    ),
    (
        "inch and foot marks",
        "The 15\" screen and the 6' tall stand cost more, Ray Moss said.",
        &[],
    ),
    (
        "a quotation ending in a number",
        "The mayor said \"we will build a bridge by 2030\" on Monday, Ray Moss reported.",
        &[speech(
            "\"we will build a bridge by 2030\"",
            Some("The mayor"),
        )],
    ),
    (
        "plural possessives outside quotations",
        "The boys' bags and the girls' coats were left behind, Tim Hale said.",
        &[],
    ),
    (
        "plural possessive inside a single quotation",
        "‘The teachers’ union will not back down,’ said Helen Ward.",
        &[speech(
            "‘The teachers’ union will not back down,’",
            Some("Helen Ward"),
        )],
    ),
    (
        "so-called",
        "The so-called “peace plan for the region” was rejected on Friday.",
        &[scare("“peace plan for the region”")],
    ),
    (
        "a term after an article",
        "She called for a \"new balance\" in Europe.",
        &[scare("\"new balance\"")],
    ),
    (
        "a title in single quotes",
        "The film 'Blue Harbour Nights' opened on Friday, and critics called it 'a triumph'.",
        &[scare("'Blue Harbour Nights'"), scare("'a triumph'")],
    ),
    (
        "a nickname",
        "The striker, dubbed \"the Cat\" by fans, scored twice.",
        &[scare("\"the Cat\"")],
    ),
    (
        "a long lifted phrase is speech",
        "The leaders spent an hour discussing “ongoing security and trade arrangements” on Sunday.",
        &[speech("“ongoing security and trade arrangements”", None)],
    ),
    (
        "an organisation is a nominal speaker",
        "“Talks will continue next week,” the Kremlin said.",
        &[speech(
            "“Talks will continue next week,”",
            Some("the Kremlin"),
        )],
    ),
    (
        "a straight quotation left open is cut where the next one opens",
        "He wrote \"this never ends and \"a fresh start\" came later.",
        &[
            speech("\"this never ends and", None).open(),
            scare("\"a fresh start\""),
        ],
    ),
    (
        "a new sentence after the closing mark is not a reporting clause",
        "Hannah Blake arrived. “We are done here.” Officials said nothing more.",
        &[speech("“We are done here.”", None)],
    ),
    (
        "paragraphs of one quotation run together on one line",
        "\"We sold out by noon,\" said Ivy Marsh. \"The queue began at six. \"Next year we will open earlier.\"",
        &[
            speech("\"We sold out by noon,\"", Some("Ivy Marsh")),
            speech(
                "\"The queue began at six. \"Next year we will open earlier.\"",
                Some("Ivy Marsh"),
            ),
        ],
    ),
    (
        "he means the person who last spoke, past an apposition",
        "Carl Dunn said the vote was close. But Victor Lamb, head of the union, warned of strikes after Carl Dunn left. \"We are ready to walk out,\" he said.",
        &[speech("\"We are ready to walk out,\"", Some("Victor Lamb"))],
    ),
    (
        "words where a speaker would be that are no speaker",
        "The coach said he had been told a fan \"ran onto\" the pitch.",
        &[scare("\"ran onto\"")],
    ),
    (
        "two straight single marks typed for a double one",
        "''We will appeal,'' said Owen Reid.",
        &[speech("''We will appeal,''", Some("Owen Reid"))],
    ),
    (
        "a person and an apposition before the verb",
        "\"The runway stays shut,\" Laura Bennett, an airport spokeswoman, told reporters.",
        &[speech("\"The runway stays shut,\"", Some("Laura Bennett"))],
    ),
    (
        "and added: takes the subject of the earlier verb",
        "His lawyer, Adam Cole, told the court it was absurd and added: \"My client was at home.\"",
        &[speech("\"My client was at home.\"", Some("Adam Cole"))],
    ),
    (
        "a quotation after a paragraph of reported speech",
        "The storm had passed by dawn, Mayor Ruth Adler said.\n\n\"We cleared every road by noon.\"",
        &[speech(
            "\"We cleared every road by noon.\"",
            Some("Ruth Adler"),
        )],
    ),
    (
        "a role, then the name in commas, then said:",
        "The shadow health minister, Helen Ward, said: \"The plan is unfunded.\"",
        &[speech("\"The plan is unfunded.\"", Some("Helen Ward"))],
    ),
    (
        "they said names nobody",
        "Lena Fox met the strikers. “We want a fair deal,” they said.",
        &[Q {
            text: "“We want a fair deal,”",
            kind: QuoteKind::Speech,
            parent: None,
            unclosed: false,
            speaker: None,
        }],
    ),
];

/// One quotation as compared: text, kind, parent, unclosed, speaker.
type Row = (String, QuoteKind, Option<usize>, bool, Option<String>);

/// What folio finds in `text`, in the shape of [`Q`].
fn found(text: &str) -> Vec<Row> {
    let doc = Document::from_bytes(text.as_bytes(), None);
    let analysis = analyse(&doc, &Progress::default());
    analysis
        .quotations
        .iter()
        .map(|q| {
            let speaker = analysis.speaker_name(q);
            let exact = doc.slice(q.span.clone()).to_owned();
            (exact, q.kind, q.parent, q.unclosed, speaker)
        })
        .collect()
}

#[test]
fn quotation_fixtures() {
    assert!(CASES.len() >= 30);
    let mut failures = Vec::new();
    for (name, text, expected) in CASES {
        let want: Vec<Row> = expected
            .iter()
            .map(|q| {
                (
                    q.text.to_owned(),
                    q.kind,
                    q.parent,
                    q.unclosed,
                    q.speaker.map(str::to_owned),
                )
            })
            .collect();
        let got = found(text);
        if got != want {
            failures.push(format!(
                "{name}\n  text: {text:?}\n  want: {want:?}\n  got:  {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures fail:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
