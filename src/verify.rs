//! One statement through retrieval, comparison and verdict.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use anyhow::Result;

use crate::compare::{compare_with, unit_count, RuleSwitches, TermWeights, Window};
use crate::extract::{analyze, split_statement, tokenize, TokenKind};
use crate::ingest::{Origin, Passage, PassageKind, ReviewedClaim};
use crate::retrieve::{Candidate, Retriever};
use crate::verdict::{
    apply_review, combine_parts, decide, is_supported, Judged, Label, Part, Verdict,
    LONG_STATEMENT_UNITS,
};

/// Tuning a user can set.
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// How many BM25 candidates to compare.
    pub top_k: usize,
}

impl Default for VerifyOptions {
    fn default() -> VerifyOptions {
        VerifyOptions { top_k: 5 }
    }
}

/// How many sentences after a matching title heading are read as
/// candidates (see `Verifier::with_titled_sentences`).
const TITLED_SENTENCES: u64 = 6;

/// The retrieval score given to a sentence read because its title matched,
/// as a share of the title's score; only quoted, never used to decide.
const TITLED_SENTENCE_SCORE: f32 = 0.5;

/// How far back to look for a document's title heading. Titles are the
/// first passage of a document; this bounds the walk in long documents.
const TITLE_LOOKBACK: u64 = 64;

/// Checks statements against one retriever.
pub struct Verifier<R> {
    retriever: R,
    options: VerifyOptions,
    /// Each document's title heading (or none), found once: many statements
    /// land in the same documents, and finding it walks back passage by
    /// passage.
    titles: RwLock<HashMap<String, Option<Passage>>>,
    /// Candidate windows already analysed, by focus passage id: the same
    /// passages come back for many statements, and analysing them is most
    /// of a check's time. Bounded by [`MAX_CACHED_WINDOWS`].
    windows: RwLock<HashMap<u64, Arc<Window>>>,
    /// Which comparison rules are on (all, unless measuring one's worth).
    rules: RuleSwitches,
}

/// How many analysed windows a verifier keeps. A window of three short
/// sentences is a few kilobytes, so this stays within a few hundred MB
/// even on a corpus of millions of passages.
const MAX_CACHED_WINDOWS: usize = 65_536;

impl<R: Retriever> Verifier<R> {
    pub fn new(retriever: R, options: VerifyOptions) -> Verifier<R> {
        Verifier {
            retriever,
            options,
            titles: RwLock::new(HashMap::new()),
            windows: RwLock::new(HashMap::new()),
            rules: RuleSwitches::default(),
        }
    }

    /// The same verifier with only the comparison rules `rules` leaves on.
    pub fn with_rules(mut self, rules: RuleSwitches) -> Verifier<R> {
        self.rules = rules;
        self
    }

    /// The retriever this verifier searches with.
    pub fn retriever(&self) -> &R {
        &self.retriever
    }

    /// The verdict for one statement.
    pub fn check(&self, statement: &str) -> Result<Verdict> {
        self.check_with(statement, &CorpusWeights::new(&self.retriever))
    }

    /// The verdict for one statement, with custom term weights.
    ///
    /// A compound statement ("Soviet forces invaded Afghanistan in 1979
    /// and withdrew in 1992") is split into its atomic parts
    /// ([`split_statement`]), each checked on its own and combined by
    /// [`combine_parts`].
    ///
    /// A long statement (more than [`LONG_STATEMENT_UNITS`] units) is
    /// checked whole: such statements are mostly argument ("X is a critical
    /// issue and poses the risk of Y"), their clauses are not facts a
    /// passage states one by one, and the verdict already lets a long
    /// statement be supported by part of it. Splitting them too lowered
    /// Climate-FEVER from 0.453 to 0.440 accuracy (13 statements worse, 4
    /// better); with this limit it is 0.456, and no other set changes.
    pub fn check_with(&self, statement: &str, weights: &dyn TermWeights) -> Result<Verdict> {
        let sentences = statement_sentences(statement);
        if sentences.len() >= 2 {
            // Several sentences: each is checked on its own (a false fact
            // in any of them makes the whole conflict), and the whole as
            // before for support.
            let mut checked = Vec::with_capacity(sentences.len());
            for text in sentences {
                let verdict = self.check_sentence(&text, weights)?;
                checked.push(Part { text, verdict });
            }
            if checked
                .iter()
                .any(|p| p.verdict.label == Label::Conflicting)
            {
                return Ok(combine_parts(statement, checked));
            }
        }
        self.check_sentence(statement, weights)
    }

    /// The verdict for one sentence, split into its clauses when it is
    /// short enough for them to be facts of their own. When every part is
    /// supported the whole is checked too, and conflicts if it conflicts.
    fn check_sentence(&self, statement: &str, weights: &dyn TermWeights) -> Result<Verdict> {
        let parts = split_statement(statement);
        if parts.len() < 2 || unit_count(&analyze(statement)) > LONG_STATEMENT_UNITS {
            return self.check_atomic(statement, weights);
        }
        let mut checked = Vec::with_capacity(parts.len());
        for text in parts {
            let verdict = self.check_atomic(&text, weights)?;
            checked.push(Part { text, verdict });
        }
        let combined = combine_parts(statement, checked);
        if combined.label == Label::Supported {
            // What the parts say of each other is a fact too: in "Okafor
            // lost her serve, and Varga won the title" each part has one
            // name, and only the whole shows the two traded places.
            let whole = self.check_atomic(statement, weights)?;
            if whole.label == Label::Conflicting {
                return Ok(whole);
            }
        }
        Ok(combined)
    }

    /// The verdict for one atomic statement.
    fn check_atomic(&self, statement: &str, weights: &dyn TermWeights) -> Result<Verdict> {
        let candidates = self.retriever.candidates(statement, self.options.top_k)?;
        if candidates.is_empty() {
            // Nothing to compare with: the statement need not be analysed.
            return Ok(decide(Vec::new()));
        }
        let sources: Vec<&str> = candidates.iter().map(|c| c.passage.text.as_str()).collect();
        let analysis = analyze_cased_by(statement, &sources);
        let judge = |candidates: Vec<Candidate>| -> Result<Vec<Judged>> {
            let mut judged = Vec::with_capacity(candidates.len());
            for candidate in candidates {
                let window = self.cached_window(candidate.passage)?;
                let comparison = compare_with(&analysis, &window, weights, &self.rules);
                judged.push(Judged {
                    window,
                    comparison,
                    score: candidate.score,
                });
            }
            Ok(judged)
        };
        let extra = self.titled_sentences(&candidates)?;
        let (judged, review) = split_reviews(judge(candidates)?);
        let verdict = if extra.is_empty() {
            decide(judged)
        } else {
            // The title's sentences are read only when the retrieved
            // passages do not settle the statement: they cost a comparison
            // each.
            let first = decide(judged.clone());
            if first.label != Label::NotEnoughInfo {
                first
            } else {
                let mut judged = judged;
                judged.extend(judge(extra)?);
                decide(judged)
            }
        };
        Ok(match review {
            Some((review, coverage)) => apply_review(verdict, review, coverage),
            None => verdict,
        })
    }

    /// The first sentences of every document whose title heading is a
    /// candidate, that are not candidates themselves. A title that matches names the
    /// document the statement is about ("Inside Llewyn Davis"), while the
    /// sentence that settles it may share only one word with the statement
    /// ("received a limited release ... 2013") and rank below passages of
    /// other documents.
    fn titled_sentences(&self, candidates: &[Candidate]) -> Result<Vec<Candidate>> {
        let mut extra: Vec<Candidate> = Vec::new();
        for title in candidates
            .iter()
            .filter(|c| c.passage.kind == PassageKind::Heading && c.passage.paragraph == 1)
        {
            for id in title.passage.id + 1..=title.passage.id + TITLED_SENTENCES {
                let Some(passage) = self.retriever.passage(id)? else {
                    break;
                };
                if passage.document != title.passage.document {
                    break;
                }
                let is_new = candidates
                    .iter()
                    .chain(&extra)
                    .all(|c| c.passage.id != passage.id);
                if is_new {
                    extra.push(Candidate {
                        passage,
                        score: title.score * TITLED_SENTENCE_SCORE,
                    });
                }
            }
        }
        Ok(extra)
    }

    /// The analysed window around `passage`, from the cache when it is there.
    fn cached_window(&self, passage: Passage) -> Result<Arc<Window>> {
        let id = passage.id;
        if let Some(window) = self.windows.read().ok().and_then(|w| w.get(&id).cloned()) {
            return Ok(window);
        }
        let window = Arc::new(self.window_for(passage)?);
        if let Ok(mut windows) = self.windows.write() {
            if windows.len() < MAX_CACHED_WINDOWS {
                windows.insert(id, Arc::clone(&window));
            }
        }
        Ok(window)
    }

    /// The candidate with its context: the sentence before it in the same
    /// paragraph, and the document's title heading. For an atomic claim,
    /// the context is that of the sentence it came from, which the window
    /// keeps to quote as evidence.
    fn window_for(&self, passage: Passage) -> Result<Window> {
        if let Some(Origin::Claim { source, .. }) = &passage.origin {
            if let Some(sentence) = self.retriever.passage(*source)? {
                let (mut parts, focus) = self.context_of(sentence.clone())?;
                parts[focus] = passage;
                return Ok(Window::new(parts, focus).with_source(sentence));
            }
        }
        let (parts, focus) = self.context_of(passage)?;
        Ok(Window::new(parts, focus))
    }

    /// The passages of `passage`'s window in document order, and which one
    /// is `passage`.
    fn context_of(&self, passage: Passage) -> Result<(Vec<Passage>, usize)> {
        let mut parts = Vec::new();
        if let Some(title) = self.title_of(&passage)? {
            parts.push(title);
        }
        if passage.sentence > 1 && passage.id > 0 {
            if let Some(previous) = self.retriever.passage(passage.id - 1)? {
                let is_same_paragraph = previous.document == passage.document
                    && previous.paragraph == passage.paragraph;
                if is_same_paragraph && parts.iter().all(|p: &Passage| p.id != previous.id) {
                    parts.push(previous);
                }
            }
        }
        let focus = parts.len();
        parts.push(passage);
        Ok((parts, focus))
    }

    /// The heading that opens the passage's document, if any (never the
    /// passage itself).
    fn title_of(&self, passage: &Passage) -> Result<Option<Passage>> {
        let cached = self
            .titles
            .read()
            .ok()
            .and_then(|titles| titles.get(&passage.document).cloned());
        let title = match cached {
            Some(title) => title,
            None => {
                let (title, reached_start) = self.find_title(passage)?;
                // A walk cut short may have stopped inside the document:
                // only a title found at the document's start is remembered.
                if reached_start {
                    if let Ok(mut titles) = self.titles.write() {
                        titles.insert(passage.document.clone(), title.clone());
                    }
                }
                title
            }
        };
        Ok(title.filter(|t| t.id != passage.id))
    }

    /// Walks back from `passage` to its document's first passage and
    /// returns it if it is a heading, and whether the start was reached.
    fn find_title(&self, passage: &Passage) -> Result<(Option<Passage>, bool)> {
        let mut first = passage.clone();
        let lowest = passage.id.saturating_sub(TITLE_LOOKBACK);
        let mut reached_start = passage.id == 0;
        let mut id = passage.id;
        while id > lowest {
            id -= 1;
            match self.retriever.passage(id)? {
                Some(p) if p.document == passage.document => {
                    reached_start = id == 0;
                    first = p;
                }
                _ => {
                    reached_start = true;
                    break;
                }
            }
        }
        let is_title = first.kind == PassageKind::Heading && first.paragraph == 1;
        Ok((is_title.then_some(first), reached_start))
    }
}

/// The candidates that are not reviewed claims, and the best reviewed
/// claim the statement matches (is supported by), with its coverage.
///
/// A claim reviewed as `supported` is a fact like any passage, so it also
/// stays among the candidates: a statement that contradicts it conflicts.
/// A claim reviewed as `conflicting` is false, so only a match with it
/// counts.
fn split_reviews(judged: Vec<Judged>) -> (Vec<Judged>, Option<(ReviewedClaim, f32)>) {
    let mut best: Option<(ReviewedClaim, f32)> = None;
    let mut rest = Vec::with_capacity(judged.len());
    for one in judged {
        let Some(Origin::Reviewed(review)) = &one.window.focus_passage().origin else {
            rest.push(one);
            continue;
        };
        let coverage = one.comparison.coverage;
        if is_supported(&one.comparison) && best.as_ref().is_none_or(|(_, c)| coverage > *c) {
            best = Some((review.clone(), coverage));
        }
        if review.verdict == Label::Supported {
            rest.push(one);
        }
    }
    (rest, best)
}

/// The analysis of a statement; one written without capitals after its
/// first letter ("manchester united have signed ...") is read with the words that `sources` write
/// capitalised inside a sentence, and never in lower case, capitalised, so
/// that its names are seen as names. The text and tokens keep the
/// statement as written.
fn analyze_cased_by(statement: &str, sources: &[&str]) -> crate::extract::Analysis {
    // Lower case after the first letter: a sentence-cased summary
    // ("dan poulter saw his weight fall") shows no names either.
    if statement.chars().skip(1).any(char::is_uppercase) {
        return analyze(statement);
    }
    let mut capitalised = std::collections::HashSet::new();
    let mut lower_case = std::collections::HashSet::new();
    for source in sources {
        let tokens = tokenize(source);
        for (i, token) in tokens.iter().enumerate() {
            let starts_sentence = i == 0
                || matches!(
                    tokens[i - 1].text.as_str(),
                    "." | "!" | "?" | ":" | "\"" | "“" | "—"
                );
            if token.kind != TokenKind::Word || starts_sentence {
                continue;
            }
            if token.is_capitalized {
                capitalised.insert(token.lower.clone());
            } else {
                lower_case.insert(token.lower.clone());
            }
        }
    }
    let mut cased = statement.to_string();
    let tokens = tokenize(statement);
    for token in &tokens {
        let is_name = token.kind == TokenKind::Word
            && capitalised.contains(&token.lower)
            && !lower_case.contains(&token.lower);
        if is_name && statement.as_bytes()[token.start].is_ascii_lowercase() {
            // One ASCII letter: the byte offsets do not move.
            cased.replace_range(
                token.start..token.start + 1,
                &statement[token.start..token.start + 1].to_ascii_uppercase(),
            );
        }
    }
    if cased == statement {
        return analyze(statement);
    }
    let mut analysis = analyze(&cased);
    analysis.text = statement.to_string();
    for token in &mut analysis.tokens {
        token.text = statement[token.start..token.end].to_string();
    }
    analysis
}

/// The sentences of a statement ("Police caught the gunman. His accomplice
/// surrendered."), split the way a corpus document is.
fn statement_sentences(statement: &str) -> Vec<String> {
    let document = crate::ingest::Document {
        path: "statement.txt".to_string(),
        text: statement.to_string(),
    };
    let sentences: Vec<String> = crate::ingest::segment(&document)
        .into_iter()
        .map(|p| p.text)
        .collect();
    if sentences.is_empty() {
        vec![statement.to_string()]
    } else {
        sentences
    }
}

/// Term weights from the retriever's corpus statistics, remembered for one
/// statement: each of its words is weighed once per candidate window, and
/// each weighing is a lookup in the index's term dictionary.
struct CorpusWeights<'a, R> {
    retriever: &'a R,
    known: std::cell::RefCell<HashMap<String, f32>>,
}

impl<'a, R: Retriever> CorpusWeights<'a, R> {
    fn new(retriever: &'a R) -> CorpusWeights<'a, R> {
        CorpusWeights {
            retriever,
            known: std::cell::RefCell::default(),
        }
    }
}

impl<R: Retriever> TermWeights for CorpusWeights<'_, R> {
    fn weight(&self, lemma: &str) -> f32 {
        if let Some(weight) = self.known.borrow().get(lemma) {
            return *weight;
        }
        // The square root tempers IDF: on the dev and external sets raw IDF
        // let one rare word outweigh the rest of the statement.
        let weight = self.retriever.term_weight(lemma).sqrt();
        self.known.borrow_mut().insert(lemma.to_string(), weight);
        weight
    }

    fn is_unknown(&self, lemma: &str) -> bool {
        self.retriever.passage_frequency(lemma) == Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::PassageIndex;
    use crate::ingest::Corpus;

    fn verifier(texts: &[(&str, &str)]) -> Verifier<crate::retrieve::TantivyRetriever> {
        let corpus = Corpus::from_strs(texts);
        let index = PassageIndex::build_in_ram(&corpus).unwrap();
        Verifier::new(index.retriever(), VerifyOptions::default())
    }

    #[test]
    fn title_lends_the_subject_to_later_sentences() {
        let verifier = verifier(&[(
            "jacobson.txt",
            "Nina Jacobson\n\nShe is an American film executive.\nShe was president of the studio until 2006.\n",
        )]);
        for _ in 0..2 {
            // The second round reads the title from the cache.
            let verdict = verifier
                .check("Nina Jacobson was president of the studio until 2006.")
                .unwrap();
            assert_eq!(verdict.label, Label::Supported, "{}", verdict.explanation);
        }
        let verdict = verifier
            .check("Nina Jacobson was president of the studio until 2009.")
            .unwrap();
        assert_eq!(verdict.label, Label::Conflicting, "{}", verdict.explanation);
    }

    #[test]
    fn a_matching_title_brings_its_sentences_in() {
        // Other documents share more words with the statement than the
        // sentence that settles it; the matching title brings it in.
        let verifier = verifier(&[
            (
                "film.txt",
                "Inside Llewyn Davis\n\nThe film won a prize at Cannes.\nThe film received a limited release on December 6 , 2013 .\n",
            ),
            ("a.txt", "Several films were released in 2016 and praised in 2016.\n"),
            ("b.txt", "Another film was released in 2016.\n"),
            ("c.txt", "Critics said 2016 was released early in 2016.\n"),
            ("d.txt", "In 2016 many were released.\n"),
            ("e.txt", "Released in 2016, it sold well in 2016.\n"),
        ]);
        let verdict = verifier
            .check("Inside Llewyn Davis was released in 2016.")
            .unwrap();
        assert_eq!(verdict.label, Label::Conflicting, "{}", verdict.explanation);
        assert_eq!(verdict.conflicts[0].evidence_text, "December 6 , 2013");
    }

    #[test]
    fn previous_sentence_lends_a_place() {
        let verifier = verifier(&[(
            "war.txt",
            "The war left scars in Afghanistan. Soviet forces withdrew in 1989.\n",
        )]);
        let verdict = verifier
            .check("Soviet forces withdrew from Afghanistan in 1989.")
            .unwrap();
        assert_eq!(verdict.label, Label::Supported, "{}", verdict.explanation);
    }

    #[test]
    fn unrelated_statement_is_not_enough_info() {
        let verifier = verifier(&[(
            "a.txt",
            "The attack on the concert hall killed 149 people.\n",
        )]);
        let verdict = verifier.check("The Eiffel Tower is in Paris.").unwrap();
        assert_eq!(verdict.label, Label::NotEnoughInfo);
    }

    #[test]
    fn a_near_copy_with_one_word_swapped_is_not_supported() {
        let verifier = verifier(&[(
            "a.txt",
            "Conservative leader Dana Poole has closed her account on the video app, while other leaders are taking a pause from posting, after the news that the federal government is banning the app on government-issued phones.\n",
        )]);
        let copy = "Conservative leader Dana Poole has closed her account on the video app, while other leaders are taking a pause from posting, after the news that the federal government is banning the app on government-issued phones.";
        let verdict = verifier.check(copy).unwrap();
        assert_eq!(verdict.label, Label::Supported, "{}", verdict.explanation);
        let edited = copy.replace("federal", "provincial");
        let verdict = verifier.check(&edited).unwrap();
        assert_eq!(
            verdict.label,
            Label::NotEnoughInfo,
            "{}",
            verdict.explanation
        );
        assert!(
            verdict
                .explanation
                .contains("provincial (it says \"federal\" there)"),
            "{}",
            verdict.explanation
        );
    }

    #[test]
    fn a_verb_aligned_with_a_noun_orders_no_roles() {
        // "played" aligns with the noun "player", and "Babe" with the
        // title: no verb there has John Goodman and Babe Ruth the other way
        // round.
        let verifier = verifier(&[(
            "babe.txt",
            "The Babe\n\nThe Babe is a 1992 American biographical drama film about the life of famed baseball player Babe Ruth, who is portrayed by John Goodman.\n",
        )]);
        let verdict = verifier
            .check("John Goodman played Babe Ruth in the biographical drama The Babe.")
            .unwrap();
        assert_ne!(verdict.label, Label::Conflicting, "{}", verdict.explanation);
    }

    #[test]
    fn summary_with_one_false_sentence_conflicts() {
        let verifier = verifier(&[(
            "a.txt",
            "The attack on the Crocus concert hall near Moscow killed 149 people on Friday.\nPolice detained four suspects in the Bryansk region on Saturday.\n",
        )]);
        let summary = "Police detained four suspects in the Bryansk region on Saturday. The attack on the Crocus concert hall near Moscow killed 150 people on Friday.";
        let verdict = verifier.check(summary).unwrap();
        assert_eq!(verdict.label, Label::Conflicting);
        assert_eq!(verdict.parts.len(), 2);
        assert_eq!(verdict.parts[0].verdict.label, Label::Supported);
        assert_eq!(verdict.parts[1].verdict.label, Label::Conflicting);
        let conflict = &verdict.conflicts[0];
        assert_eq!(&summary[conflict.claim_start..conflict.claim_end], "150");
        // Both sentences true: the whole is checked as before.
        let true_summary = "Police detained four suspects in the Bryansk region on Saturday. The attack on the Crocus concert hall near Moscow killed 149 people on Friday.";
        assert_eq!(
            verifier.check(true_summary).unwrap().label,
            Label::Supported
        );
    }

    #[test]
    fn a_statement_without_capitals_sees_the_names_its_sources_capitalise() {
        let statement = "manchester united have signed the striker from celtic.";
        let analysis = analyze_cased_by(
            statement,
            &["The striker joined Manchester United from Celtic on Friday, the club said."],
        );
        assert_eq!(analysis.text, statement);
        let names: Vec<&str> = analysis
            .entities
            .iter()
            .map(|e| &statement[e.start..e.end])
            .collect();
        assert_eq!(names, ["manchester united", "celtic"]);
        // Capitals after the first letter: read as written.
        let plain = analyze_cased_by("The striker left Celtic.", &["The Striker left Celtic."]);
        assert_eq!(plain.entities.len(), 1);
        // Only the first letter: the rest is cased by the sources.
        let sentence = analyze_cased_by("Fabio borini left.", &["Then Fabio Borini left."]);
        assert_eq!(sentence.entities.len(), 1);
        assert_eq!(
            &sentence.text[sentence.entities[0].start..sentence.entities[0].end],
            "Fabio borini"
        );
    }
}
