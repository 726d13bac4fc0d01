//! BM25 candidates for a statement.
//!
//! [`Retriever`] is the seam between search and comparison: the comparison
//! code sees only candidates, so a backend for archive scale can be added
//! beside [`TantivyRetriever`] without touching it.
//!
//! The query is built in code from the statement's analysed terms, never
//! through tantivy's query parser, so no statement text (quotes, `AND`,
//! `-`, `*`, a colon) can be a syntax error. Common English stop words are
//! left out of the query for speed and precision, unless the statement has
//! nothing else.

use anyhow::{Context, Result};
use std::collections::BinaryHeap;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, EnableScoring, Occur, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{DocAddress, Index, Score, Searcher, TantivyDocument, Term};

use crate::index::{passage_from_doc, Fields, TEXT_ANALYZER};
use crate::ingest::{Passage, PassageKind};

/// Words left out of queries: frequent, and they say nothing about which
/// passage a statement is about. Negations (`not`, `no`, `never`) stay.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "did", "do", "does",
    "for", "from", "had", "has", "have", "he", "her", "his", "i", "in", "into", "is", "it", "its",
    "of", "on", "or", "she", "so", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "was", "we", "were", "which", "who", "will", "with",
];

/// At most this many distinct terms go into one query, so that a statement
/// of a megabyte costs no more than a long paragraph.
const MAX_QUERY_TERMS: usize = 1024;

/// A passage found for a statement, with its BM25 score.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The passage found.
    pub passage: Passage,
    /// Its BM25 score for the statement; higher is better.
    pub score: f32,
}

/// Anything that can find candidate passages for a statement.
pub trait Retriever: Send + Sync {
    /// The best `top_k` passages for `statement`, best first; ties broken by
    /// passage id.
    fn candidates(&self, statement: &str, top_k: usize) -> Result<Vec<Candidate>>;

    /// The passage with this id, if there is one; used to read the
    /// neighbours of a candidate.
    fn passage(&self, id: u64) -> Result<Option<Passage>>;

    /// How informative a word is in this corpus, by its lemma: an inverse
    /// document frequency, higher for rarer words. The comparison weighs
    /// coverage with it. Backends without statistics weigh every word 1.
    fn term_weight(&self, _lemma: &str) -> f32 {
        1.0
    }

    /// How many passages hold the word, by its lemma; `None` for backends
    /// without statistics.
    fn passage_frequency(&self, _lemma: &str) -> Option<u64> {
        None
    }
}

/// BM25 retrieval over a tantivy [`crate::index::PassageIndex`].
///
/// It holds a searcher over one snapshot of the index and is `Send + Sync`
/// and cheap to clone, so one retriever can serve many threads.
#[derive(Clone)]
pub struct TantivyRetriever {
    searcher: Searcher,
    fields: Fields,
    /// BM25 statistics of the passages (`text` field) and of the claims
    /// (`claim` field), each counted over its own documents.
    passage_counts: FieldCounts,
    claim_counts: FieldCounts,
    /// Each segment's passage-id column, opened once: opening it for every
    /// search was 5% of a statement's time at a million passages (perf).
    ids: std::sync::Arc<[tantivy::columnar::Column<u64>]>,
    /// The index's text analyzer: every term of a statement.
    analyzer: TextAnalyzer,
    /// The same analyzer without stop words.
    query_analyzer: TextAnalyzer,
}

impl TantivyRetriever {
    pub(crate) fn new(index: &Index, searcher: Searcher, fields: Fields) -> TantivyRetriever {
        let analyzer = index
            .tokenizers()
            .get(TEXT_ANALYZER)
            .unwrap_or_else(|| english_analyzer(false));
        let claim_docs = count_claims(&searcher, &fields);
        // A segment without the column (an index of another schema) gets
        // an empty one: every passage then ties on id u64::MAX.
        let ids = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                segment
                    .fast_fields()
                    .u64(FIELD_ID)
                    .unwrap_or_else(|_| tantivy::columnar::Column::build_empty_column(0))
            })
            .collect();
        let all_docs = searcher.num_docs();
        let tokens =
            |field| Bm25StatisticsProvider::total_num_tokens(&searcher, field).unwrap_or(0);
        TantivyRetriever {
            passage_counts: FieldCounts {
                docs: all_docs.saturating_sub(claim_docs).max(1),
                tokens: tokens(fields.text),
            },
            claim_counts: FieldCounts {
                docs: claim_docs.max(1),
                tokens: tokens(fields.claim),
            },
            ids,
            searcher,
            fields,
            analyzer,
            query_analyzer: english_analyzer(true),
        }
    }

    /// The statement's analysed terms, deduplicated, in order, without stop
    /// words unless there is nothing else.
    fn terms(&self, statement: &str) -> Vec<String> {
        let terms = analyse(&self.query_analyzer, statement);
        if terms.is_empty() {
            analyse(&self.analyzer, statement)
        } else {
            terms
        }
    }

    /// The `top_k` best passages (or claims, for `field` = `claim`) for
    /// the statement's `terms`, scored with that field's own statistics.
    fn search_field(
        &self,
        terms: &[String],
        field: tantivy::schema::Field,
        counts: FieldCounts,
        top_k: usize,
    ) -> Result<Vec<Candidate>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|term| {
                let term = Term::from_field_text(field, term);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, query)
            })
            .collect();
        if clauses.is_empty() || top_k == 0 {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(clauses);
        let statistics = FieldStatistics {
            searcher: &self.searcher,
            counts,
        };
        let top = self.top(&query, top_k, &statistics)?;
        let mut candidates = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = self
                .searcher
                .doc(address)
                .context("failed to read a passage from the index")?;
            candidates.push(Candidate {
                passage: passage_from_doc(&doc, &self.fields),
                score,
            });
        }
        Ok(candidates)
    }

    /// The addresses of the `top_k` best documents for `query`, with ties
    /// on score broken by passage id even across segments, and their scores.
    ///
    /// One pass with block-WAND pruning. Block-WAND sums a document's term
    /// scores in an order that depends on how its scorers advanced, so two
    /// passages with the same words can score a few units in the last place
    /// apart: scores within [`TIE_TOLERANCE`] of each other count as a tie,
    /// are reported as the highest of them, and are ordered by passage id.
    /// The pruning threshold handed back to tantivy stays below the worst
    /// kept score by twice that, so every member of the tie at the cut is
    /// seen, while every document that cannot reach it is skipped.
    fn top(
        &self,
        query: &dyn Query,
        top_k: usize,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let total = usize::try_from(self.searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = top_k.min(total);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let weight = query
            .weight(EnableScoring::enabled_from_statistics_provider(
                statistics,
                &self.searcher,
            ))
            .context("search failed")?;
        // The `limit` best scores so far, the lowest on top.
        let mut best: BinaryHeap<std::cmp::Reverse<TotalScore>> =
            BinaryHeap::with_capacity(limit + 1);
        let floor = |best: &BinaryHeap<std::cmp::Reverse<TotalScore>>| match best.peek() {
            Some(lowest) if best.len() == limit => {
                let score = lowest.0 .0;
                (score - 2.0 * TIE_TOLERANCE * score.abs()).next_down()
            }
            _ => Score::MIN,
        };
        // Every hit above the floor (the floor only rises).
        let mut seen: Vec<Hit> = Vec::new();
        let mut compact_at = 2 * limit + 64;
        for (ordinal, segment) in self.searcher.segment_readers().iter().enumerate() {
            let ids = &self.ids[ordinal];
            let alive = segment.alive_bitset();
            weight
                .for_each_pruning(floor(&best), segment, &mut |doc, score| {
                    if alive.is_none_or(|alive| alive.is_alive(doc)) {
                        best.push(std::cmp::Reverse(TotalScore(score)));
                        if best.len() > limit {
                            best.pop();
                        }
                        seen.push(Hit {
                            score,
                            id: ids.first(doc).unwrap_or(u64::MAX),
                            address: DocAddress::new(ordinal as u32, doc),
                        });
                        if seen.len() >= compact_at {
                            let floor = floor(&best);
                            seen.retain(|hit| hit.score > floor);
                            compact_at = 2 * seen.len().max(limit + 32);
                        }
                    }
                    floor(&best)
                })
                .context("search failed")?;
        }
        let floor = floor(&best);
        seen.retain(|hit| hit.score > floor);
        seen.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        let mut top = Vec::with_capacity(limit);
        let mut start = 0;
        while start < seen.len() && top.len() < limit {
            // A tie: each score within the tolerance of the one before.
            let mut end = start + 1;
            while end < seen.len()
                && seen[end - 1].score - seen[end].score
                    <= TIE_TOLERANCE * seen[end - 1].score.abs()
            {
                end += 1;
            }
            let lead = seen[start].score;
            let tie = &mut seen[start..end];
            tie.sort_by_key(|hit| hit.id);
            top.extend(
                tie.iter()
                    .take(limit - top.len())
                    .map(|hit| (lead, hit.address)),
            );
            start = end;
        }
        Ok(top)
    }
}

/// Document and token counts of one field, for BM25.
#[derive(Clone, Copy, Debug)]
struct FieldCounts {
    docs: u64,
    tokens: u64,
}

/// BM25 statistics of one field, counted over the documents that have it
/// (tantivy's own count every document of the index).
struct FieldStatistics<'a> {
    searcher: &'a Searcher,
    counts: FieldCounts,
}

impl Bm25StatisticsProvider for FieldStatistics<'_> {
    fn total_num_tokens(&self, _field: tantivy::schema::Field) -> tantivy::Result<u64> {
        Ok(self.counts.tokens)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.counts.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

/// How many documents of the index are claims (extracted or reviewed).
pub(crate) fn count_claims(searcher: &Searcher, fields: &Fields) -> u64 {
    [PassageKind::Claim, PassageKind::Reviewed]
        .iter()
        .map(|kind| {
            let term = Term::from_field_text(fields.kind, kind.as_str());
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            searcher.search(&query, &Count).unwrap_or(0) as u64
        })
        .sum()
}

/// Scores this close (relative) count as equal: far above the few units in
/// the last place that summing term scores in another order changes, far
/// below the four decimals reports print.
const TIE_TOLERANCE: f32 = 1e-5;

/// A score ordered by [`f32::total_cmp`].
#[derive(Clone, Copy, Debug)]
struct TotalScore(Score);

impl Ord for TotalScore {
    fn cmp(&self, other: &TotalScore) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl PartialOrd for TotalScore {
    fn partial_cmp(&self, other: &TotalScore) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for TotalScore {
    fn eq(&self, other: &TotalScore) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for TotalScore {}

/// Name of the passage id field (see [`Fields::id`]).
const FIELD_ID: &str = "id";

/// A hit of [`TantivyRetriever::top`].
#[derive(Clone, Copy, Debug)]
struct Hit {
    score: Score,
    id: u64,
    address: DocAddress,
}

/// The `en_stem` analyzer, optionally without [`STOP_WORDS`]. The stop
/// words are removed before stemming, so every other term is exactly the
/// index's.
fn english_analyzer(without_stop_words: bool) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser);
    if without_stop_words {
        builder
            .filter(StopWordFilter::remove(
                STOP_WORDS.iter().map(|word| word.to_string()),
            ))
            .filter(Stemmer::new(Language::English))
            .build()
    } else {
        builder.filter(Stemmer::new(Language::English)).build()
    }
}

/// Distinct terms of `text`, in order, at most [`MAX_QUERY_TERMS`].
fn analyse(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut terms: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while terms.len() < MAX_QUERY_TERMS && stream.advance() {
        let text = &stream.token().text;
        if seen.insert(text.clone()) {
            terms.push(text.clone());
        }
    }
    terms
}

impl Retriever for TantivyRetriever {
    fn passage_frequency(&self, lemma: &str) -> Option<u64> {
        let term = Term::from_field_text(self.fields.text, lemma);
        self.searcher.doc_freq(&term).ok()
    }

    fn term_weight(&self, lemma: &str) -> f32 {
        let term = Term::from_field_text(self.fields.text, lemma);
        let frequency = self.searcher.doc_freq(&term).unwrap_or(0) as f32;
        let total = self.passage_counts.docs as f32;
        // BM25's IDF: never negative, and a word the corpus lacks weighs most.
        (1.0 + (total - frequency + 0.5) / (frequency + 0.5)).ln()
    }

    /// The best `top_k` of the passages and the claims together: each kind
    /// is scored with its own field's statistics, and the two lists are
    /// merged by score. (Comparing the best `top_k` of each instead doubles
    /// the comparisons for at most 0.4 points of accuracy on the external
    /// sets, and none on the dev set.)
    fn candidates(&self, statement: &str, top_k: usize) -> Result<Vec<Candidate>> {
        let terms = self.terms(statement);
        let mut candidates =
            self.search_field(&terms, self.fields.text, self.passage_counts, top_k)?;
        let claims = self.search_field(&terms, self.fields.claim, self.claim_counts, top_k)?;
        candidates.extend(claims);
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.passage.id.cmp(&b.passage.id))
        });
        candidates.truncate(top_k);
        Ok(candidates)
    }

    fn passage(&self, id: u64) -> Result<Option<Passage>> {
        let term = Term::from_field_u64(self.fields.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("search failed")?;
        match top.first() {
            Some((_, address)) => {
                let doc: TantivyDocument = self
                    .searcher
                    .doc(*address)
                    .context("failed to read a passage from the index")?;
                Ok(Some(passage_from_doc(&doc, &self.fields)))
            }
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::PassageIndex;
    use crate::ingest::{self, Corpus};

    fn corpus(texts: &[(&str, &str)]) -> Corpus {
        Corpus::from_strs(texts)
    }

    fn bundled() -> TantivyRetriever {
        PassageIndex::build_in_ram(&Corpus::bundled())
            .unwrap()
            .retriever()
    }

    #[test]
    fn finds_the_passage_a_statement_is_about() {
        let retriever = bundled();
        let found = retriever
            .candidates("Soviet forces lost 15,000 soldiers in Afghanistan", 3)
            .unwrap();
        assert!(found[0]
            .passage
            .text
            .starts_with("Soviet forces invaded in 1979"));
        assert!(found.windows(2).all(|pair| pair[0].score >= pair[1].score));
    }

    #[test]
    fn hostile_query_never_errors() {
        let retriever = bundled();
        let long = "Russia recognised the Taliban. ".repeat(35_000);
        let noise: String = (0..200_000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let hostile = [
            "",
            "   ",
            "\"Taliban",
            "Taliban: \"recognition\" (Russia)",
            "Russia AND Taliban OR -Kabul +Moscow",
            "Tali* ~2 ^3 \\ \\\\ \\\"",
            "field:value text:Russia id:[0 TO 9]",
            "(((",
            ")))",
            "-",
            "🚀🎉 Russia 🇷🇺",
            "\u{0}\u{1}\u{feff}",
            "NOT",
            long.as_str(),
            noise.as_str(),
        ];
        for statement in hostile {
            let found = retriever.candidates(statement, 5);
            assert!(found.is_ok(), "{:?}", &statement[..statement.len().min(40)]);
            assert!(found.unwrap().len() <= 5);
        }
        assert!(retriever.candidates("", 5).unwrap().is_empty());
        assert!(retriever.candidates("🚀🎉", 5).unwrap().is_empty());
        assert!(!retriever
            .candidates("Russia AND Taliban", 5)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn huge_top_k_is_clamped() {
        let retriever = bundled();
        let found = retriever.candidates("Russia", usize::MAX).unwrap();
        assert!(!found.is_empty());
        assert!(retriever.candidates("Russia", 0).unwrap().is_empty());
    }

    #[test]
    fn drops_stop_words_but_not_everything() {
        let retriever = bundled();
        assert_eq!(
            retriever.terms("The Taliban and the Russians"),
            ["taliban", "russian"]
        );
        assert_eq!(retriever.terms("to be or not to be"), ["not"]);
        assert_eq!(retriever.terms("it was the"), ["it", "was", "the"]);
    }

    #[test]
    fn breaks_score_ties_by_passage_id() {
        // Identical sentences score the same; index them in reverse order so
        // that document order disagrees with passage ids.
        let corpus = corpus(&[
            ("a.txt", "The cat sat."),
            ("b.txt", "The cat sat."),
            ("c.txt", "The cat sat."),
            ("d.txt", "The cat sat."),
            ("e.txt", "A dog ran."),
        ]);
        let mut passages = ingest::passages(&corpus);
        passages.reverse();
        let index = PassageIndex::build_in_ram_from(&passages).unwrap();
        let retriever = index.retriever();
        let ids = |top_k| -> Vec<u64> {
            retriever
                .candidates("cat", top_k)
                .unwrap()
                .into_iter()
                .map(|candidate| candidate.passage.id)
                .collect()
        };
        assert_eq!(ids(2), [0, 1]);
        assert_eq!(ids(3), [0, 1, 2]);
        assert_eq!(ids(10), [0, 1, 2, 3]);
    }

    #[test]
    fn top_agrees_with_sorting_every_hit_by_score_then_id() {
        // Many ties (repeated sentences) and many distinct scores, indexed
        // in an order unlike the ids.
        let texts: Vec<(String, String)> = (0..300)
            .map(|i| {
                let text = match i % 4 {
                    0 => "The cat sat on the mat.".to_string(),
                    1 => format!("The cat {} sat near {} dogs.", "very ".repeat(i % 7), i),
                    2 => "A dog ran to the cat.".to_string(),
                    _ => format!("Birds sang {} songs.", i % 5),
                };
                (format!("{i:03}.txt"), text)
            })
            .collect();
        let mut passages = ingest::passages(&Corpus::from_texts(texts));
        passages.rotate_left(137);
        let index = PassageIndex::build_in_ram_from(&passages).unwrap();
        let retriever = index.retriever();
        for statement in ["cat", "the cat sat", "dog cat", "birds songs 3", "very cat"] {
            let all = retriever.candidates(statement, usize::MAX).unwrap();
            let mut expected: Vec<(f32, u64)> =
                all.iter().map(|c| (c.score, c.passage.id)).collect();
            expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for top_k in [1, 2, 5, 10, 77] {
                let found: Vec<(f32, u64)> = retriever
                    .candidates(statement, top_k)
                    .unwrap()
                    .iter()
                    .map(|c| (c.score, c.passage.id))
                    .collect();
                let want = &expected[..top_k.min(expected.len())];
                assert_eq!(found, want, "{statement} top {top_k}");
            }
        }
    }

    #[test]
    fn same_passages_in_any_index_order_give_the_same_candidates() {
        // Identical many-word sentences: block-WAND may sum their term
        // scores in different orders, which must not decide the ranking.
        let texts: Vec<(String, String)> = (0..400)
            .map(|i| {
                let text = match i % 3 {
                    0 => "The Arna Steelworks recalled 1153 vehicles in July 2011.".to_string(),
                    1 => format!("The Steelworks recalled {i} vehicles in July 2011."),
                    _ => format!("Vehicles were recalled in July {}.", 2000 + i % 20),
                };
                (format!("{i:03}.txt"), text)
            })
            .collect();
        let passages = ingest::passages(&Corpus::from_texts(texts));
        let orders: Vec<Vec<ingest::Passage>> = [0, 137, 290]
            .iter()
            .map(|&shift| {
                let mut order = passages.clone();
                order.rotate_left(shift);
                if shift == 290 {
                    order.reverse();
                }
                order
            })
            .collect();
        let statement = "The Arna Steelworks recalled 1153 vehicles in July 2011.";
        let results: Vec<Vec<(f32, u64)>> = orders
            .iter()
            .map(|order| {
                let index = PassageIndex::build_in_ram_from(order).unwrap();
                index
                    .retriever()
                    .candidates(statement, 5)
                    .unwrap()
                    .iter()
                    .map(|c| (c.score, c.passage.id))
                    .collect()
            })
            .collect();
        // The same passages in the same order; scores equal to a few units
        // in the last place (far below the four decimals reports print).
        for result in &results {
            let ids: Vec<u64> = result.iter().map(|r| r.1).collect();
            assert_eq!(ids, [0, 3, 6, 9, 12]);
            for (found, first) in result.iter().zip(&results[0]) {
                assert!(
                    (found.0 - first.0).abs() <= TIE_TOLERANCE * first.0,
                    "{results:?}"
                );
            }
        }
    }

    #[test]
    fn retriever_is_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<TantivyRetriever>();
        let retriever = bundled();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    let found = retriever.candidates("Taliban women rights", 2).unwrap();
                    assert_eq!(found.len(), 2);
                });
            }
        });
    }

    #[test]
    fn reads_a_passage_by_id() {
        let retriever = bundled();
        let passage = retriever.passage(0).unwrap().unwrap();
        assert_eq!(passage.id, 0);
        assert!(passage.text.starts_with("Russia just became"));
        assert!(retriever.passage(u64::MAX).unwrap().is_none());
    }
}
