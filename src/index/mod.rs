//! The tantivy index over a corpus's passages.
//!
//! Each passage is one tantivy document: its text (English stemming) and,
//! stored, everything needed to quote it as evidence. An index lives in RAM
//! ([`PassageIndex::build_in_ram`]) or on disk under a fingerprint of the
//! corpus ([`PassageIndex::open_or_build`]), so a second run over the same
//! corpus opens it in milliseconds instead of indexing again.

pub mod cache;
mod fingerprint;
mod store;

pub use fingerprint::{fingerprint, SCHEMA_VERSION};
pub use store::{cache_root, IndexStatus, MANIFEST_FILE};

/// Damages the index in `dir` so that only searching it shows it, and
/// opens it without checks, as a run does that trusts its verified files,
/// for tests (see `store::damage_for_tests`).
#[cfg(test)]
pub(crate) fn damaged_for_tests(dir: &Path) -> PassageIndex {
    store::damage_for_tests(dir);
    PassageIndex::from_index(Index::open_in_dir(dir).unwrap()).unwrap()
}

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::extract::extract_claims_unscored;
use crate::ingest::{self, Corpus, Origin, Passage, PassageKind, Piece};
use crate::retrieve::TantivyRetriever;

/// Name of the analyzer used for passage text and for queries.
pub const TEXT_ANALYZER: &str = "en_stem";

/// Above this many passages the index is written with several threads;
/// retrieval breaks score ties by passage id, so results stay the same.
const SINGLE_THREAD_MAX_PASSAGES: usize = 50_000;

/// Memory budget of one indexing thread.
const WRITER_BUDGET_PER_THREAD: usize = 64_000_000;

/// The fields of the passage schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// The passage id: its position in the corpus (fast, for tie-breaking).
    pub id: Field,
    /// The passage text, analysed with [`TEXT_ANALYZER`] and stored.
    pub text: Field,
    /// The document path.
    pub document: Field,
    /// 1-based paragraph number within the document.
    pub paragraph: Field,
    /// 1-based sentence number within the paragraph.
    pub sentence: Field,
    /// Byte offset of the passage's start in the document.
    pub start: Field,
    /// Byte offset one past the passage's end in the document.
    pub end: Field,
    /// [`PassageKind::as_str`].
    pub kind: Field,
    /// Stored only: the passage's [`Origin`] as JSON, for claims.
    pub origin: Field,
    /// The text of a claim (extracted or reviewed), analysed and stored
    /// like `text`. Claims have their own field so that their words do not
    /// change the statistics (document frequency, average length) that
    /// BM25 and the comparison's term weights read from the passages.
    pub claim: Field,
}

/// Names of the schema fields, in [`Fields`] order.
const FIELD_NAMES: [&str; 10] = [
    "id",
    "text",
    "document",
    "paragraph",
    "sentence",
    "start",
    "end",
    "kind",
    "origin",
    "claim",
];

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text_options = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: builder.add_u64_field(FIELD_NAMES[0], INDEXED | STORED | FAST),
        text: builder.add_text_field(FIELD_NAMES[1], text_options.clone()),
        document: builder.add_text_field(FIELD_NAMES[2], STRING | STORED),
        paragraph: builder.add_u64_field(FIELD_NAMES[3], STORED),
        sentence: builder.add_u64_field(FIELD_NAMES[4], STORED),
        start: builder.add_u64_field(FIELD_NAMES[5], STORED),
        end: builder.add_u64_field(FIELD_NAMES[6], STORED),
        kind: builder.add_text_field(FIELD_NAMES[7], STRING | STORED),
        origin: builder.add_text_field(FIELD_NAMES[8], STORED),
        claim: builder.add_text_field(FIELD_NAMES[9], text_options),
    };
    (builder.build(), fields)
}

/// The [`Fields`] of an index opened from disk, looked up by name.
fn fields_of(schema: &Schema) -> Result<Fields> {
    let field = |name: &str| {
        schema
            .get_field(name)
            .with_context(|| format!("index has no field '{name}'"))
    };
    Ok(Fields {
        id: field(FIELD_NAMES[0])?,
        text: field(FIELD_NAMES[1])?,
        document: field(FIELD_NAMES[2])?,
        paragraph: field(FIELD_NAMES[3])?,
        sentence: field(FIELD_NAMES[4])?,
        start: field(FIELD_NAMES[5])?,
        end: field(FIELD_NAMES[6])?,
        kind: field(FIELD_NAMES[7])?,
        origin: field(FIELD_NAMES[8])?,
        claim: field(FIELD_NAMES[9])?,
    })
}

/// A searchable index of passages.
#[derive(Clone)]
pub struct PassageIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl PassageIndex {
    /// Indexes the corpus in memory, for a one-off run or a test.
    pub fn build_in_ram(corpus: &Corpus) -> Result<PassageIndex> {
        PassageIndex::build_in_ram_from(&passages_in_parallel(corpus))
    }

    /// Indexes these passages in memory, in the order given.
    pub(crate) fn build_in_ram_from(passages: &[Passage]) -> Result<PassageIndex> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        write_passages(&index, &fields, passages)?;
        PassageIndex::from_index(index)
    }

    /// Opens the index of this corpus if one was built before, or builds
    /// and saves it.
    ///
    /// Without `index_dir` the index lives in the user's cache folder
    /// (`$XDG_CACHE_HOME/factcheck/<fingerprint>/` on Linux); with it, in
    /// `index_dir`, next to a `factcheck-index.json` manifest. An index is
    /// reused when its manifest has the corpus's [`fingerprint`] and it opens
    /// with intact checksums; otherwise it is rebuilt in a temporary folder
    /// beside it and renamed into place, so a killed build leaves no
    /// half-written index and concurrent builds do not corrupt each other.
    /// An index that is damaged (truncated, failing its checksums, missing
    /// files) or was built by another factcheck version (its manifest
    /// records the [`SCHEMA_VERSION`]) is replaced the same way, and the
    /// status says why ([`IndexStatus::Rebuilt`]). When nothing can be
    /// written there, the index is built in RAM and the status says why
    /// ([`IndexStatus::InMemory`]).
    ///
    /// It is an error when `index_dir` exists and holds files that are not a
    /// factcheck index: they are never deleted.
    pub fn open_or_build(
        corpus: &Corpus,
        index_dir: Option<&Path>,
    ) -> Result<(PassageIndex, IndexStatus)> {
        store::open_or_build(corpus, index_dir, None)
    }

    /// [`PassageIndex::open_or_build`], never reusing the index that is
    /// there: searching it failed (`reason`), so it is damaged in a way its
    /// checks on open did not show. The status is
    /// [`IndexStatus::Rebuilt`] with `reason` (or in RAM, as above).
    pub fn rebuild(
        corpus: &Corpus,
        index_dir: Option<&Path>,
        reason: &str,
    ) -> Result<(PassageIndex, IndexStatus)> {
        store::open_or_build(corpus, index_dir, Some(reason.to_string()))
    }

    /// Wraps an index that holds the passage schema.
    fn from_index(index: Index) -> Result<PassageIndex> {
        let fields = fields_of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .context("failed to open index reader")?;
        Ok(PassageIndex {
            index,
            reader,
            fields,
        })
    }

    /// How many entries the index holds: passages, claims and reviewed
    /// claims.
    pub fn passage_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// How many of [`PassageIndex::passage_count`] are claims (extracted
    /// from sentences, or reviewed).
    pub fn claim_count(&self) -> u64 {
        crate::retrieve::count_claims(&self.reader.searcher(), &self.fields)
    }

    /// A retriever over this index.
    pub fn retriever(&self) -> TantivyRetriever {
        TantivyRetriever::new(&self.index, self.reader.searcher(), self.fields)
    }
}

impl std::fmt::Debug for PassageIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PassageIndex")
            .field("passages", &self.passage_count())
            .finish_non_exhaustive()
    }
}

/// Everything the index holds for a corpus: its passages
/// ([`segmented_in_parallel`]), then the atomic claims of its sentences
/// ([`claim_passages`]), then its reviewed claims
/// ([`ingest::reviewed_passages`]; their warnings are the CLI's to print),
/// numbered in that order.
pub(crate) fn passages_in_parallel(corpus: &Corpus) -> Vec<Passage> {
    let mut all = segmented_in_parallel(corpus);
    let claims = claim_passages(&all);
    all.extend(claims);
    let reviewed = ingest::reviewed_passages(corpus, all.len() as u64);
    all.extend(reviewed);
    all
}

/// [`ingest::passages`], with the documents segmented on all cores: the
/// same passages with the same ids, since ids are numbered afterwards in
/// corpus order. Segmenting is a large share of building a big index.
pub(crate) fn segmented_in_parallel(corpus: &Corpus) -> Vec<Passage> {
    use rayon::prelude::*;
    let per_document: Vec<Vec<Passage>> =
        corpus.documents.par_iter().map(ingest::segment).collect();
    let mut all = Vec::with_capacity(per_document.iter().map(Vec::len).sum());
    for passages in per_document {
        for mut passage in passages {
            passage.id = all.len() as u64;
            all.push(passage);
        }
    }
    all
}

/// The atomic claims of `passages` (sentences and headings numbered in
/// corpus order, ids `0..passages.len()`) as passages of kind
/// [`PassageKind::Claim`], numbered after them. A claim that is its whole
/// sentence is not repeated: the sentence is already indexed.
pub(crate) fn claim_passages(passages: &[Passage]) -> Vec<Passage> {
    use rayon::prelude::*;
    // Claims are extracted a paragraph at a time (pronouns resolve only
    // within one), so paragraphs can go to different cores.
    let paragraphs: Vec<&[Passage]> = passages
        .chunk_by(|a, b| a.document == b.document && a.paragraph == b.paragraph)
        .collect();
    let claims: Vec<Vec<Passage>> = paragraphs
        .par_iter()
        .map(|paragraph| {
            extract_claims_unscored(paragraph)
                .into_iter()
                .filter_map(|claim| claim_passage(paragraph, claim))
                .collect()
        })
        .collect();
    let first_id = passages.len() as u64;
    let mut all: Vec<Passage> = claims.into_iter().flatten().collect();
    for (id, claim) in (first_id..).zip(&mut all) {
        claim.id = id;
    }
    all
}

/// The passage for one claim of `paragraph`, or none when the claim is its
/// whole source sentence.
fn claim_passage(paragraph: &[Passage], claim: crate::extract::Claim) -> Option<Passage> {
    // The paragraph's passages are in id and document order, without
    // overlaps: found by binary search, so that a paragraph of many
    // sentences (a 10 MB line) costs no search through all of them per
    // claim.
    let source = paragraph
        .binary_search_by_key(&claim.passage, |p| p.id)
        .ok()
        .map(|i| &paragraph[i])?;
    let is_whole_sentence = claim.text.trim_end_matches(['.', '!', '?'])
        == source.text.trim_end_matches(['.', '!', '?']);
    if is_whole_sentence || claim.text.trim().is_empty() {
        return None;
    }
    let mut pieces = Vec::new();
    let mut cursor = 0;
    for (start, end) in claim.spans {
        let Some(holder) = paragraph
            .get(paragraph.partition_point(|p| p.end < end))
            .filter(|p| p.start <= start)
        else {
            continue;
        };
        let Some(words) = holder.text.get(start - holder.start..end - holder.start) else {
            continue;
        };
        if let Some(at) = claim.text[cursor..].find(words) {
            pieces.push(Piece {
                local: cursor + at,
                start,
                len: words.len(),
            });
            cursor += at + words.len();
        }
    }
    Some(Passage {
        id: 0,
        document: source.document.clone(),
        paragraph: source.paragraph,
        sentence: source.sentence,
        start: source.start,
        end: source.end,
        kind: PassageKind::Claim,
        text: claim.text,
        origin: Some(Origin::Claim {
            source: source.id,
            pieces,
        }),
    })
}

/// Adds the passages to an empty index and commits. One writer thread for
/// small corpora keeps document order equal to id order.
fn write_passages(index: &Index, fields: &Fields, passages: &[Passage]) -> Result<()> {
    let threads = if passages.len() > SINGLE_THREAD_MAX_PASSAGES {
        // The rayon pool's size: all cores, or what -j/--threads or
        // RAYON_NUM_THREADS asked for.
        rayon::current_num_threads().clamp(1, 8)
    } else {
        1
    };
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, threads * WRITER_BUDGET_PER_THREAD)
        .context("failed to create index writer")?;
    for passage in passages {
        let text_field = if passage.origin.is_some() {
            fields.claim
        } else {
            fields.text
        };
        let mut document = doc!(
            fields.id => passage.id,
            text_field => passage.text.as_str(),
            fields.document => passage.document.as_str(),
            fields.paragraph => u64::from(passage.paragraph),
            fields.sentence => u64::from(passage.sentence),
            fields.start => passage.start as u64,
            fields.end => passage.end as u64,
            fields.kind => passage.kind.as_str(),
        );
        if let Some(origin) = &passage.origin {
            let json = serde_json::to_string(origin).context("failed to serialize a claim")?;
            document.add_text(fields.origin, json);
        }
        writer
            .add_document(document)
            .context("failed to add a passage to the index")?;
    }
    writer.commit().context("failed to commit index")?;
    writer
        .wait_merging_threads()
        .context("failed to finish index merges")?;
    Ok(())
}

/// Reads a stored tantivy document back into a passage.
pub fn passage_from_doc(doc: &TantivyDocument, fields: &Fields) -> Passage {
    let text_of = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let number_of = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    Passage {
        id: number_of(fields.id),
        document: text_of(fields.document),
        paragraph: number_of(fields.paragraph) as u32,
        sentence: number_of(fields.sentence) as u32,
        start: number_of(fields.start) as usize,
        end: number_of(fields.end) as usize,
        kind: PassageKind::parse(&text_of(fields.kind)).unwrap_or(PassageKind::Sentence),
        text: doc
            .get_first(fields.text)
            .or_else(|| doc.get_first(fields.claim))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string(),
        origin: doc
            .get_first(fields.origin)
            .and_then(|v| v.as_str())
            .and_then(|json| serde_json::from_str(json).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retrieve::Retriever;

    /// A 10 MB one-line paragraph has some 200,000 sentences: finding each
    /// claim's sentence must not search all of them.
    #[test]
    fn claims_of_a_paragraph_of_many_sentences_are_placed_in_linear_time() {
        const SENTENCES: usize = 60_000;
        let sentence = "The mill made 40 chairs.";
        let text = format!("{sentence} ").repeat(SENTENCES);
        let document = ingest::Document {
            path: "para.txt".to_string(),
            text,
        };
        let paragraph: Vec<Passage> = ingest::segment(&document)
            .into_iter()
            .enumerate()
            .map(|(id, mut passage)| {
                passage.id = id as u64;
                passage
            })
            .collect();
        assert_eq!(paragraph.len(), SENTENCES);
        let started = std::time::Instant::now();
        let placed: Vec<Passage> = paragraph
            .iter()
            .filter_map(|source| {
                let claim = crate::extract::Claim {
                    text: "The mill made chairs".to_string(),
                    passage: source.id,
                    spans: vec![
                        (source.start, source.start + 13),
                        (source.start + 17, source.start + 23),
                    ],
                    subject: None,
                    speaker: None,
                    is_list: false,
                    check_worthiness: 0.5,
                };
                claim_passage(&paragraph, claim)
            })
            .collect();
        assert_eq!(placed.len(), SENTENCES);
        let last = placed.last().unwrap();
        assert_eq!(
            last.origin,
            Some(Origin::Claim {
                source: (SENTENCES - 1) as u64,
                pieces: vec![
                    Piece {
                        local: 0,
                        start: paragraph[SENTENCES - 1].start,
                        len: 13
                    },
                    Piece {
                        local: 14,
                        start: paragraph[SENTENCES - 1].start + 17,
                        len: 6
                    },
                ],
            })
        );
        // Searching all sentences for each claim takes minutes here.
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn builds_bundled_corpus_in_ram() {
        let corpus = Corpus::bundled();
        let index = PassageIndex::build_in_ram(&corpus).unwrap();
        let passages = ingest::passages(&corpus);
        let claims = claim_passages(&passages);
        assert!(!claims.is_empty());
        assert_eq!(index.claim_count(), claims.len() as u64);
        assert_eq!(
            index.passage_count(),
            (passages.len() + claims.len()) as u64
        );
    }

    #[test]
    fn parallel_segmenting_gives_the_same_passages_and_ids() {
        let texts = (0..50)
            .map(|i| {
                let text = format!("Title {i}\nThe mill made {i} chairs. It closed.\n\nA cat sat.");
                (format!("{i:02}.txt"), text)
            })
            .collect();
        let corpus = Corpus::from_texts(texts);
        assert_eq!(segmented_in_parallel(&corpus), ingest::passages(&corpus));
        let bundled = Corpus::bundled();
        assert_eq!(segmented_in_parallel(&bundled), ingest::passages(&bundled));
    }

    #[test]
    fn stored_passage_reads_back_whole() {
        let corpus = Corpus::from_texts(vec![(
            "a.txt".to_string(),
            "Heading here\nThe first sentence. The second one.".to_string(),
        )]);
        let index = PassageIndex::build_in_ram(&corpus).unwrap();
        let expected = ingest::passages(&corpus);
        let retriever = index.retriever();
        for passage in &expected {
            assert_eq!(
                retriever.passage(passage.id).unwrap().as_ref(),
                Some(passage)
            );
        }
        assert_eq!(retriever.passage(99).unwrap(), None);
    }
}
