//! A seeded generator of news-like corpora and statements about them, for
//! the scale benchmarks.
//!
//! Documents are short articles: a title heading, then paragraphs of two
//! to five sentences built from templates with names, organisations,
//! places, numbers, money, percentages and dates. Names and places are
//! made of random syllables, so the vocabulary keeps growing with the
//! corpus as a real archive's does. Statements come in three kinds, a
//! third each: a fact restated (supported), the same fact with its number
//! changed (conflicting), and a fact about entities the corpus never
//! mentions (unrelated).

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

/// xorshift64*: tiny, seeded, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ar", "bel", "cor", "dan", "el", "fen", "gar", "hal", "is", "jor", "kel", "lin", "mar", "nor",
    "ol", "per", "quin", "ros", "sal", "tor", "ul", "ven", "wes", "yar", "zan", "bri", "cla",
    "dro", "fra", "gle", "kra", "mi", "na", "ri", "ta", "vo", "ash", "eth", "ond", "usk",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Irina", "James",
    "Karim", "Laura", "Mikhail", "Nadia", "Omar", "Paula", "Rafael", "Sofia", "Tomas", "Yusuf",
];
const ORG_KINDS: &[&str] = &[
    "Ministry of Health",
    "Rail Company",
    "Energy Agency",
    "University",
    "Football Club",
    "Central Bank",
    "Airlines",
    "Water Authority",
    "Police",
    "Steelworks",
];
const ACTIONS: &[(&str, &str)] = &[
    ("bought", "trains"),
    ("hired", "workers"),
    ("built", "homes"),
    ("closed", "schools"),
    ("opened", "clinics"),
    ("cancelled", "flights"),
    ("planted", "trees"),
    ("recalled", "vehicles"),
    ("ordered", "buses"),
    ("laid off", "employees"),
];
const EVENTS: &[(&str, &str)] = &[
    ("people died in", "flood"),
    ("people were injured in", "fire"),
    ("homes were destroyed by", "storm"),
    ("passengers were stranded by", "strike"),
    ("people were evacuated after", "earthquake"),
];
const MONTHS: &[&str] = &[
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
];
const FILLERS: &[&str] = &[
    "Officials said the decision followed months of talks with local councils.",
    "Critics argued that the plan would raise costs for ordinary households.",
    "The announcement was welcomed by unions and business groups alike.",
    "Opposition lawmakers called for an independent inquiry into the matter.",
    "Residents gathered outside the town hall to protest against the closure.",
    "Analysts expect the figures to be revised when the full report is published.",
    "The government has not yet responded to requests for comment.",
    "Rescue teams worked through the night despite heavy rain and strong winds.",
];

/// A fact a sentence states, so statements can restate or alter it.
pub struct Fact {
    pub subject: String,
    pub verb: &'static str,
    pub number: u32,
    pub object: &'static str,
    pub place: String,
    pub month: &'static str,
    pub year: u32,
}

impl Fact {
    fn random(rng: &mut Rng, place: &str) -> Fact {
        let number = 2 + rng.below(4000) as u32;
        let year = 1990 + rng.below(35) as u32;
        let month = rng.pick(MONTHS);
        if rng.below(2) == 0 {
            let (verb, object) = ACTIONS[rng.below(ACTIONS.len())];
            Fact {
                subject: format!("The {} {}", place, rng.pick(ORG_KINDS)),
                verb,
                number,
                object,
                place: place.to_string(),
                month,
                year,
            }
        } else {
            let (verb, object) = EVENTS[rng.below(EVENTS.len())];
            Fact {
                subject: String::new(),
                verb,
                number,
                object,
                place: place.to_string(),
                month,
                year,
            }
        }
    }

    /// The fact as a sentence, with `number` in place of its own.
    fn sentence(&self, number: u32) -> String {
        if self.subject.is_empty() {
            format!(
                "{number} {} the {} in {} in {} {}.",
                self.verb, self.object, self.place, self.month, self.year
            )
        } else {
            format!(
                "{} {} {number} {} in {} {}.",
                self.subject, self.verb, self.object, self.month, self.year
            )
        }
    }
}

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(rng.pick(SYLLABLES));
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(chars).collect()
}

fn person(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES);
    let syllables = 2 + rng.below(2);
    format!("{first} {}", word(rng, syllables))
}

/// What [`generate`] wrote.
pub struct Generated {
    pub documents: usize,
    pub passages: usize,
    pub bytes: u64,
    /// Statements as JSON Lines, with the kind each one is.
    pub statements: Vec<(String, &'static str)>,
}

/// Writes a corpus of about `passages` passages into `dir` (in folders of
/// 1,000 documents) and returns `statements` statements about it.
pub fn generate(dir: &Path, passages: usize, statements: usize, seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let mut written = 0usize;
    let mut documents = 0usize;
    let mut bytes = 0u64;
    // Keep a sample of facts to make statements from (reservoir sampling).
    let mut facts: Vec<Fact> = Vec::with_capacity(statements);
    let mut seen_facts = 0usize;
    while written < passages {
        let syllables = 2 + rng.below(2);
        let place = word(&mut rng, syllables);
        let mut text = String::new();
        let title = format!(
            "{} {} {}",
            place,
            rng.pick(&["council", "news", "report", "update", "review"]),
            1990 + rng.below(35)
        );
        text.push_str(&title);
        text.push('\n');
        written += 1;
        let paragraphs = 2 + rng.below(6);
        for _ in 0..paragraphs {
            let sentences = 2 + rng.below(4);
            let mut paragraph = Vec::with_capacity(sentences);
            for _ in 0..sentences {
                let sentence = match rng.below(4) {
                    0 => rng.pick(FILLERS).to_string(),
                    1 => format!(
                        "{}, a spokesperson for the {} {}, said prices rose by {}.{} percent in {} {}.",
                        person(&mut rng),
                        place,
                        rng.pick(ORG_KINDS),
                        rng.below(20),
                        rng.below(10),
                        rng.pick(MONTHS),
                        2000 + rng.below(25)
                    ),
                    _ => {
                        let fact = Fact::random(&mut rng, &place);
                        let sentence = fact.sentence(fact.number);
                        seen_facts += 1;
                        if facts.len() < statements {
                            facts.push(fact);
                        } else {
                            let slot = rng.below(seen_facts);
                            if slot < statements {
                                facts[slot] = fact;
                            }
                        }
                        sentence
                    }
                };
                paragraph.push(sentence);
            }
            written += sentences;
            text.push_str(&paragraph.join(" "));
            text.push('\n');
        }
        let folder = dir.join(format!("{:04}", documents / 1000));
        if documents.is_multiple_of(1000) {
            fs::create_dir_all(&folder).unwrap();
        }
        let path = folder.join(format!("{}-{documents:07}.txt", place.to_lowercase()));
        fs::write(&path, &text).unwrap();
        bytes += text.len() as u64;
        documents += 1;
    }
    let mut made = Vec::with_capacity(statements);
    for (i, fact) in facts.iter().enumerate() {
        let (claim, kind) = match i % 3 {
            0 => (fact.sentence(fact.number), "supported"),
            1 => (
                fact.sentence(fact.number + 1 + rng.below(50) as u32),
                "changed_number",
            ),
            _ => {
                let place = format!("Q{}", word(&mut rng, 3));
                let elsewhere = Fact::random(&mut rng, &place);
                (elsewhere.sentence(elsewhere.number), "unrelated")
            }
        };
        let mut line = String::new();
        write!(
            line,
            "{}",
            serde_json::json!({"id": format!("s{i}"), "claim": claim, "kind": kind})
        )
        .unwrap();
        made.push((line, kind));
    }
    Generated {
        documents,
        passages: written,
        bytes,
        statements: made,
    }
}

/// Writes `lines` lines to `path`, cycling through `source`.
pub fn write_repeated(path: &Path, source: &[String], lines: usize) {
    let mut out = BufWriter::new(fs::File::create(path).unwrap());
    for line in source.iter().cycle().take(lines) {
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
}
