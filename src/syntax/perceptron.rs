//! The averaged perceptron shared by the tagger and the parser: sparse
//! weights keyed by hashed features while training, and a flat, read-only
//! table of the averaged weights in the model file.
//!
//! A feature is a `u64` hash of a template number and the values it looks
//! at ([`feature`]); no strings are built while tagging or parsing. The
//! frozen table is a hash table of cache-line buckets laid out in bytes
//! (one feature, one bucket: see [`Averaged::write`]), read in
//! place from the model that is built into the binary, so loading a model
//! costs nothing but checking its header.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The splitmix64 finaliser: a well-mixed 64-bit hash of `x`.
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The feature of template `template` over `values`: a multiply and a
/// rotation per value (the values are hashes already, or small numbers),
/// and one full mix at the end, since the low bits choose the bucket and
/// the high bits are the fingerprint. The template is mixed first (the
/// compiler folds it, templates are constants): were it only added, a
/// small first value could turn one template's feature into another's.
#[inline]
pub(crate) fn feature(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(template.wrapping_add(0x9e37_79b9_7f4a_7c15));
    for &v in values {
        h = (h ^ v).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(31);
    }
    mix(h)
}

/// A hash of a string, for word forms and affixes.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// The record whose leading u64 key is `key`, in `records` of `size` bytes
/// each sorted by key (binary search): the tag dictionary, the ambiguity
/// lexicon and the lemma exceptions of the model file.
pub(crate) fn find_record(records: &[u8], size: usize, key: u64) -> Option<&[u8]> {
    let count = records.len() / size;
    let record = |i: usize| &records[i * size..(i + 1) * size];
    let key_at = |i: usize| u64::from_le_bytes(record(i)[..8].try_into().unwrap());
    let (mut low, mut high) = (0, count);
    while low < high {
        let mid = (low + high) / 2;
        match key_at(mid).cmp(&key) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(&record(mid)[8..]),
        }
    }
    None
}

/// Keys are hashes already: use them as they are.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Slot {
    class: u16,
    weight: f32,
    /// Sum of the weight over all steps up to `stamp`.
    total: f64,
    stamp: u32,
}

/// Weights being trained, with the running sums that averaging needs.
pub(crate) struct Training {
    classes: usize,
    /// Each feature's weights, and how many updates touched it.
    weights: FeatureMap<(Vec<Slot>, u32)>,
    /// Number of examples seen (the averaging clock).
    step: u32,
}

impl Training {
    pub fn new(classes: usize) -> Training {
        Training {
            classes,
            weights: FeatureMap::default(),
            step: 0,
        }
    }

    /// Adds the weights of `features` to `scores` (one per class).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some((row, _)) = self.weights.get(f) {
                for slot in row {
                    scores[slot.class as usize] += slot.weight;
                }
            }
        }
    }

    /// One more example has been seen.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weight from `guess` to `truth` on every feature.
    pub fn update(&mut self, truth: usize, guess: usize, features: &[u64]) {
        if truth == guess {
            return;
        }
        let step = self.step;
        for &f in features {
            let (row, updates) = self.weights.entry(f).or_default();
            *updates += 1;
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                match row.iter_mut().find(|s| s.class as usize == class) {
                    Some(slot) => {
                        slot.total += slot.weight as f64 * (step - slot.stamp) as f64;
                        slot.stamp = step;
                        slot.weight += delta;
                    }
                    None => row.push(Slot {
                        class: class as u16,
                        weight: delta,
                        total: 0.0,
                        stamp: step,
                    }),
                }
            }
        }
    }

    /// The averaged weights, features sorted, zero weights dropped.
    pub fn average(&self) -> Averaged {
        let step = self.step.max(1) as f64;
        let mut rows: Vec<AveragedRow> = self
            .weights
            .iter()
            .filter_map(|(&f, (row, updates))| {
                let mut averaged: Vec<(u8, f32)> = row
                    .iter()
                    .filter_map(|s| {
                        let total = s.total + s.weight as f64 * (self.step - s.stamp) as f64;
                        let w = (total / step) as f32;
                        (w != 0.0).then_some((s.class as u8, w))
                    })
                    .collect();
                averaged.sort_by_key(|&(c, _)| c);
                (!averaged.is_empty()).then_some((f, *updates, averaged))
            })
            .collect();
        rows.sort_by_key(|&(f, _, _)| f);
        Averaged {
            classes: self.classes,
            rows,
        }
    }
}

/// Averaged weights, ready to be written as a [`Table`].
pub struct Averaged {
    classes: usize,
    /// Feature, number of updates, (class, weight) pairs.
    rows: Vec<AveragedRow>,
}

/// A feature, the number of updates that touched it, its (class, weight) pairs.
type AveragedRow = (u64, u32, Vec<(u8, f32)>);

/// Bytes of one bucket of the frozen table: two cache lines, which the
/// processor fetches together.
const BUCKET_BYTES: usize = 128;
/// Bytes of one entry: class u8, weight as i16 in units of the table's scale.
const ENTRY_BYTES: usize = 3;
/// Bytes of a record's head: the feature's 32-bit fingerprint and its length.
const RECORD_HEAD: usize = 5;
/// Rows of more entries than this live outside the buckets.
const INLINE_ENTRIES: usize = 12;
/// Rows of more entries than this are stored dense: a weight for every
/// class, added without looking at class numbers. These are the frequent
/// features (the bias, tags alone), which nearly every lookup meets.
const SPARSE_ENTRIES: usize = 20;
/// The length byte of a record whose sparse row lives outside the buckets;
/// a u32 offset into the outside rows follows it.
const OUTSIDE: u8 = 0xff;
/// The length byte of a record whose dense row lives outside the buckets;
/// a u32 offset follows it.
const DENSE: u8 = 0xfe;
/// A bucket's header byte: records in the low bits, this bit when a feature
/// that hashes here was placed in a later bucket (so a lookup goes on).
const SPILLED: u8 = 0x80;
/// Bytes of the table header: classes, buckets, outside bytes, scale,
/// padding, each a u32.
const HEADER_BYTES: usize = 20;
/// The share of bucket bytes the records fill. At 0.6 about one lookup in
/// sixteen of a feature the table has, and one in four of a feature it
/// lacks, reads a second bucket; at 0.7 (15% fewer bytes) twice and three
/// times as many do (a simulation on the record sizes of the shipped model).
const FILL: f64 = 0.6;

fn fingerprint(key: u64) -> u32 {
    // The bucket uses the low bits; the fingerprint the high ones.
    (key >> 32) as u32
}

/// The home bucket of `key` among `buckets` (multiply-shift, so any count
/// of buckets works).
#[inline]
fn home(key: u64, buckets: usize) -> usize {
    (((key as u32) as u64 * buckets as u64) >> 32) as usize
}

impl Averaged {
    /// Writes the table: a header, padding so that the buckets start on a
    /// multiple of 128 bytes of `out`, the buckets, then the rows too long
    /// for a bucket. Features that fewer than `min_updates` updates touched
    /// are left out: most features are seen once or twice, and what they
    /// learned from so few examples is mostly noise (the dev scores measure
    /// it, see data/syntax/README.md).
    ///
    /// A bucket is two cache lines: a header byte, then records of a
    /// fingerprint (u32), a length (u8) and that many (class, weight)
    /// entries. A feature is placed in its home bucket or, when that is
    /// full, the first later one with room, and the buckets it passed are
    /// marked [`SPILLED`]. So a lookup reads one bucket, rarely two,
    /// where a table of slots pointing at rows would read a slot and then
    /// its row, one cache miss after the other.
    pub fn write(&self, min_updates: u32, out: &mut Vec<u8>) {
        let rows: Vec<(u64, &Vec<(u8, f32)>)> = self
            .rows
            .iter()
            .filter(|(_, updates, _)| *updates >= min_updates)
            .map(|(key, _, row)| (*key, row))
            .collect();
        // Weights are stored as i16 steps of `scale`: the largest weight
        // maps to i16::MAX (the dev scores of the frozen model are checked
        // by a test, so any loss that mattered would show).
        let largest = rows
            .iter()
            .flat_map(|(_, row)| row.iter())
            .fold(0f32, |m, &(_, w)| m.max(w.abs()));
        let scale = if largest > 0.0 {
            largest / 32767.0
        } else {
            1.0
        };
        let record_bytes = |row: &[(u8, f32)]| {
            if row.len() <= INLINE_ENTRIES {
                RECORD_HEAD + row.len() * ENTRY_BYTES
            } else {
                RECORD_HEAD + 4
            }
        };
        let total: usize = rows.iter().map(|(_, row)| record_bytes(row)).sum();
        let buckets = ((total as f64 / ((BUCKET_BYTES - 1) as f64 * FILL)) as usize).max(1);
        let mut table = vec![0u8; buckets * BUCKET_BYTES];
        let mut used = vec![1usize; buckets];
        let mut outside: Vec<u8> = Vec::new();
        // In key order, which is random order: placing the largest records
        // first would leave long runs of spilled buckets.
        for &(key, row) in &rows {
            let size = record_bytes(row);
            let mut b = home(key, buckets);
            while used[b] + size > BUCKET_BYTES {
                table[b * BUCKET_BYTES] |= SPILLED;
                b = (b + 1) % buckets;
            }
            let bucket = &mut table[b * BUCKET_BYTES..(b + 1) * BUCKET_BYTES];
            bucket[0] += 1;
            let mut record = Vec::with_capacity(size);
            record.extend_from_slice(&fingerprint(key).to_le_bytes());
            let mut entries = Vec::with_capacity(row.len() * ENTRY_BYTES);
            for &(class, w) in row.iter() {
                entries.push(class);
                entries.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
            }
            if row.len() <= INLINE_ENTRIES {
                record.push(row.len() as u8);
                record.extend_from_slice(&entries);
            } else if row.len() > SPARSE_ENTRIES {
                record.push(DENSE);
                record.extend_from_slice(&(outside.len() as u32).to_le_bytes());
                let mut dense = vec![0i16; self.classes];
                for &(class, w) in row.iter() {
                    dense[class as usize] = (w / scale).round() as i16;
                }
                outside.extend(dense.iter().flat_map(|w| w.to_le_bytes()));
            } else {
                record.push(OUTSIDE);
                record.extend_from_slice(&(outside.len() as u32).to_le_bytes());
                outside.push(row.len() as u8);
                outside.extend_from_slice(&entries);
            }
            bucket[used[b]..used[b] + size].copy_from_slice(&record);
            used[b] += size;
        }
        let padding = (BUCKET_BYTES - (out.len() + HEADER_BYTES) % BUCKET_BYTES) % BUCKET_BYTES;
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(buckets as u32).to_le_bytes());
        out.extend_from_slice(&(outside.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(padding as u32).to_le_bytes());
        out.resize(out.len() + padding, 0);
        out.extend_from_slice(&table);
        out.extend_from_slice(&outside);
    }
}

/// A row of weights: (class, weight) entries, or a weight for every class.
#[derive(Clone, Copy)]
enum Row<'a> {
    Sparse(&'a [u8]),
    /// Sparse, outside the buckets at this offset: the count byte that
    /// starts it is only read once the row has been prefetched.
    Outside(usize),
    Dense(&'a [u8]),
}

/// A read-only table of averaged weights, read in place from model bytes.
#[derive(Clone, Copy)]
pub(crate) struct Table<'a> {
    pub classes: usize,
    buckets: usize,
    scale: f32,
    table: &'a [u8],
    outside: &'a [u8],
}

impl<'a> Table<'a> {
    /// Reads a table at the start of `bytes`; returns it and the rest.
    pub fn read(bytes: &'a [u8]) -> Result<(Table<'a>, &'a [u8]), String> {
        let word = |at: usize| -> Result<u32, String> {
            bytes
                .get(at..at + 4)
                .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
                .ok_or_else(|| "weight table header is cut short".to_string())
        };
        let classes = word(0)? as usize;
        let buckets = word(4)? as usize;
        let outside_bytes = word(8)? as usize;
        let scale = f32::from_bits(word(12)?);
        let padding = word(16)? as usize;
        if classes > 256 || buckets == 0 || padding >= BUCKET_BYTES {
            return Err(format!(
                "weight table header ({classes} classes, {buckets} buckets) is not valid"
            ));
        }
        let table_start = HEADER_BYTES + padding;
        let outside_start = table_start + buckets * BUCKET_BYTES;
        let end = outside_start + outside_bytes;
        if bytes.len() < end {
            return Err(format!(
                "weight table needs {end} bytes, the model has {}",
                bytes.len()
            ));
        }
        // The records are not checked here (that would read all the
        // weights): a damaged record makes a lookup panic on a bounds
        // check, never read outside the table.
        let table = Table {
            classes,
            buckets,
            scale,
            table: &bytes[table_start..outside_start],
            outside: &bytes[outside_start..end],
        };
        Ok((table, &bytes[end..]))
    }

    /// The row of `key`, if it has one; `b` is its home bucket.
    #[inline(always)]
    fn row(&self, key: u64, mut b: usize) -> Option<Row<'a>> {
        let wanted = fingerprint(key);
        loop {
            let bucket = &self.table[b * BUCKET_BYTES..(b + 1) * BUCKET_BYTES];
            let mut at = 1;
            for _ in 0..(bucket[0] & !SPILLED) {
                let fp = u32::from_le_bytes(bucket[at..at + 4].try_into().unwrap());
                let len = bucket[at + 4];
                if len == OUTSIDE || len == DENSE {
                    if fp == wanted {
                        let offset = u32::from_le_bytes(bucket[at + 5..at + 9].try_into().unwrap());
                        let offset = offset as usize;
                        return Some(if len == DENSE {
                            Row::Dense(&self.outside[offset..offset + 2 * self.classes])
                        } else {
                            Row::Outside(offset)
                        });
                    }
                    at += RECORD_HEAD + 4;
                } else {
                    let start = at + RECORD_HEAD;
                    at = start + len as usize * ENTRY_BYTES;
                    if fp == wanted {
                        return Some(Row::Sparse(&bucket[start..at]));
                    }
                }
            }
            if bucket[0] & SPILLED == 0 {
                return None;
            }
            b = (b + 1) % self.buckets;
        }
    }

    /// Sets `scores` (one per class) to the summed weights of `features`.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        let mut sums = [0i32; 256];
        self.accumulate(features, &mut sums);
        self.finish(&sums, scores);
    }

    /// Adds the weights of `features` to `sums`, in steps of the table's
    /// scale (integers, so partial sums can be kept and added in any order
    /// and give the same scores to the bit).
    pub fn accumulate(&self, features: &[u64], sums: &mut [i32; 256]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { self.accumulate_avx2(features, sums) };
        }
        self.accumulate_any(features, sums)
    }

    /// Starts loading the buckets of `features`, so that the lookups of
    /// the [`Table::accumulate`] calls that follow overlap.
    pub fn prefetch(&self, features: &[u64]) {
        for &f in features {
            let b = home(f, self.buckets);
            prefetch(&self.table[b * BUCKET_BYTES..]);
            prefetch(&self.table[b * BUCKET_BYTES + 64..]);
        }
    }

    /// Scores (one per class) from sums of steps.
    pub fn finish(&self, sums: &[i32], scores: &mut [f32]) {
        for (score, &sum) in scores.iter_mut().zip(sums.iter()) {
            *score = sum as f32 * self.scale;
        }
    }

    /// [`Table::accumulate`] compiled for AVX2, which adds a dense row
    /// sixteen classes at a time instead of eight.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn accumulate_avx2(&self, features: &[u64], sums: &mut [i32; 256]) {
        self.accumulate_any(features, sums)
    }

    /// In two passes, so that the cache misses overlap instead of coming
    /// one after another: every feature's bucket is prefetched, then the
    /// buckets are searched and the rows added.
    #[inline(always)]
    fn accumulate_any(&self, features: &[u64], sums: &mut [i32; 256]) {
        const BATCH: usize = 128;
        // A class byte is at most 255, so a damaged one cannot index out.
        for chunk in features.chunks(BATCH) {
            let mut homes = [0u32; BATCH];
            for (h, &f) in homes.iter_mut().zip(chunk) {
                let b = home(f, self.buckets);
                *h = b as u32;
                prefetch(&self.table[b * BUCKET_BYTES..]);
                prefetch(&self.table[b * BUCKET_BYTES + 64..]);
            }
            // Rows outside the buckets are a second cache miss each: they
            // are all found and prefetched before any is added.
            let mut rows = [None; BATCH];
            for ((row, &b), &f) in rows.iter_mut().zip(&homes).zip(chunk) {
                *row = self.row(f, b as usize);
                match *row {
                    Some(Row::Dense(bytes)) => {
                        for line in (0..bytes.len()).step_by(64) {
                            prefetch(&bytes[line..]);
                        }
                    }
                    // At most 1 + 3 * SPARSE_ENTRIES bytes: two lines.
                    Some(Row::Outside(offset)) => {
                        prefetch(&self.outside[offset..]);
                        prefetch(&self.outside[(offset + 63).min(self.outside.len() - 1)..]);
                    }
                    // In the bucket, which is being read already.
                    Some(Row::Sparse(_)) | None => {}
                }
            }
            for row in rows[..chunk.len()].iter().flatten() {
                let row = match *row {
                    Row::Outside(offset) => {
                        let count = self.outside[offset] as usize;
                        Row::Sparse(&self.outside[offset + 1..offset + 1 + count * ENTRY_BYTES])
                    }
                    row => row,
                };
                match row {
                    Row::Outside(_) => unreachable!("read just above"),
                    Row::Sparse(entries) => {
                        for entry in entries.chunks_exact(ENTRY_BYTES) {
                            let w = i16::from_le_bytes([entry[1], entry[2]]);
                            sums[entry[0] as usize] += w as i32;
                        }
                    }
                    Row::Dense(weights) => {
                        for (sum, w) in sums.iter_mut().zip(weights.chunks_exact(2)) {
                            *sum += i16::from_le_bytes([w[0], w[1]]) as i32;
                        }
                    }
                }
            }
        }
    }
}

/// Asks the processor to start loading the cache line of `bytes[0]`.
#[inline(always)]
fn prefetch(bytes: &[u8]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is a hint; it reads nothing and cannot fault,
        // and SSE is part of every x86_64 target.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(bytes.as_ptr() as *const i8) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = bytes;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_table_scores_like_the_averaged_weights() {
        let mut training = Training::new(3);
        let features = [feature(1, &[7]), feature(2, &[8])];
        for _ in 0..5 {
            training.tick();
            training.update(2, 0, &features);
        }
        training.tick();
        training.update(1, 2, &features[..1]);
        let mut bytes = Vec::new();
        training.average().write(0, &mut bytes);
        let (table, rest) = Table::read(&bytes).unwrap();
        assert!(rest.is_empty());
        let mut scores = [0.0; 3];
        table.score(&features, &mut scores);
        assert!(scores[2] > scores[1] && scores[1] > scores[0], "{scores:?}");
        // An unknown feature adds nothing.
        let mut unknown = [0.0; 3];
        table.score(&[feature(9, &[9])], &mut unknown);
        assert_eq!(unknown, [0.0; 3]);
    }

    #[test]
    fn every_kind_of_row_reads_back() {
        // Rows inline in a bucket (few classes), outside and sparse (some),
        // outside and dense (many), and enough features that buckets spill.
        let classes = 60;
        let mut training = Training::new(classes);
        let features: Vec<u64> = (0..3000).map(|i| feature(7, &[i])).collect();
        for (i, &f) in features.iter().enumerate() {
            let width = [1, 3, 15, 30, 59][i % 5];
            for class in 1..=width {
                training.tick();
                training.update(class, 0, &[f]);
            }
        }
        let averaged = training.average();
        let mut bytes = vec![0u8; 3]; // the table need not start aligned
        averaged.write(0, &mut bytes);
        let (table, rest) = Table::read(&bytes[3..]).unwrap();
        assert!(rest.is_empty());
        let rows: HashMap<u64, &Vec<(u8, f32)>> =
            averaged.rows.iter().map(|(f, _, row)| (*f, row)).collect();
        let mut frozen = vec![0.0; classes];
        for chunk in features.chunks(97) {
            table.score(chunk, &mut frozen);
            let mut exact = vec![0.0f32; classes];
            for f in chunk {
                for &(class, w) in rows[f] {
                    exact[class as usize] += w;
                }
            }
            // Each weight is rounded to a step of the scale.
            let tolerance = table.scale * chunk.len() as f32;
            for (a, b) in frozen.iter().zip(&exact) {
                assert!((a - b).abs() <= tolerance, "{a} vs {b}");
            }
        }
        // Spilled buckets are followed, and an unknown feature still adds nothing.
        assert!(table
            .table
            .chunks(BUCKET_BYTES)
            .any(|b| b[0] & SPILLED != 0));
        table.score(&[feature(8, &[1]), feature(8, &[2])], &mut frozen);
        assert_eq!(frozen, vec![0.0; classes]);
    }
}
