//! BM25 candidates for a statement.
//!
//! [`Retriever`] is the seam between search and comparison: the comparison
//! code sees only candidates, so a backend for archive scale can be added
//! beside [`TantivyRetriever`] without touching it.

use anyhow::Result;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, Searcher, TantivyDocument, Term};

use crate::index::{passage_from_doc, Fields, TEXT_ANALYZER};
use crate::ingest::Passage;

/// A passage found for a statement, with its BM25 score.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub passage: Passage,
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
}

/// BM25 retrieval over a tantivy [`crate::index::PassageIndex`].
pub struct TantivyRetriever {
    index: Index,
    searcher: Searcher,
    fields: Fields,
}

impl TantivyRetriever {
    pub(crate) fn new(index: Index, searcher: Searcher, fields: Fields) -> TantivyRetriever {
        TantivyRetriever {
            index,
            searcher,
            fields,
        }
    }

    /// The statement's analysed terms, deduplicated, in order.
    fn terms(&self, statement: &str) -> Vec<String> {
        let mut analyzer = match self.index.tokenizers().get(TEXT_ANALYZER) {
            Some(analyzer) => analyzer,
            None => return Vec::new(),
        };
        let mut stream = analyzer.token_stream(statement);
        let mut terms: Vec<String> = Vec::new();
        while stream.advance() {
            let text = &stream.token().text;
            if !terms.contains(text) {
                terms.push(text.clone());
            }
        }
        terms
    }
}

impl Retriever for TantivyRetriever {
    fn candidates(&self, statement: &str, top_k: usize) -> Result<Vec<Candidate>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = self
            .terms(statement)
            .into_iter()
            .map(|term| {
                let term = Term::from_field_text(self.fields.text, &term);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, query)
            })
            .collect();
        if clauses.is_empty() || top_k == 0 {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(clauses);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(top_k).order_by_score())?;
        let mut candidates = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = self.searcher.doc(address)?;
            candidates.push(Candidate {
                passage: passage_from_doc(&doc, &self.fields),
                score,
            });
        }
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.passage.id.cmp(&b.passage.id))
        });
        Ok(candidates)
    }

    fn passage(&self, id: u64) -> Result<Option<Passage>> {
        let term = Term::from_field_u64(self.fields.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some((_, address)) => {
                let doc: TantivyDocument = self.searcher.doc(*address)?;
                Ok(Some(passage_from_doc(&doc, &self.fields)))
            }
            None => Ok(None),
        }
    }
}
