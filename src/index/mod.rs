//! The tantivy index over a corpus's passages.
//!
//! Each passage is one tantivy document: its text (English stemming) and,
//! stored, everything needed to quote it as evidence.

use anyhow::{Context, Result};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

use crate::ingest::{self, Corpus, Passage, PassageKind};
use crate::retrieve::TantivyRetriever;

/// Name of the analyzer used for passage text and for queries.
pub const TEXT_ANALYZER: &str = "en_stem";

/// The fields of the passage schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub id: Field,
    pub text: Field,
    pub document: Field,
    pub paragraph: Field,
    pub sentence: Field,
    pub start: Field,
    pub end: Field,
    pub kind: Field,
}

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
        id: builder.add_u64_field("id", INDEXED | STORED | FAST),
        text: builder.add_text_field("text", text_options),
        document: builder.add_text_field("document", STRING | STORED),
        paragraph: builder.add_u64_field("paragraph", STORED),
        sentence: builder.add_u64_field("sentence", STORED),
        start: builder.add_u64_field("start", STORED),
        end: builder.add_u64_field("end", STORED),
        kind: builder.add_text_field("kind", STRING | STORED),
    };
    (builder.build(), fields)
}

/// A searchable index of passages.
pub struct PassageIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl PassageIndex {
    /// Indexes the corpus in memory, for a one-off run or a test.
    pub fn build_in_ram(corpus: &Corpus) -> Result<PassageIndex> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 50_000_000)
            .context("failed to create index writer")?;
        for passage in ingest::passages(corpus) {
            writer.add_document(doc!(
                fields.id => passage.id,
                fields.text => passage.text,
                fields.document => passage.document,
                fields.paragraph => passage.paragraph as u64,
                fields.sentence => passage.sentence as u64,
                fields.start => passage.start as u64,
                fields.end => passage.end as u64,
                fields.kind => passage.kind.as_str(),
            ))?;
        }
        writer.commit().context("failed to commit index")?;
        PassageIndex::from_index(index, fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<PassageIndex> {
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

    /// A retriever over this index.
    pub fn retriever(&self) -> TantivyRetriever {
        TantivyRetriever::new(self.index.clone(), self.reader.searcher(), self.fields)
    }
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
        text: text_of(fields.text),
    }
}
