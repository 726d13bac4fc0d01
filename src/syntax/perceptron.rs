//! The averaged perceptron shared by the tagger and the parser: sparse
//! weights keyed by hashed features while training, and a flat, read-only
//! table of the averaged weights in the model file.
//!
//! A feature is a `u64` hash of a template number and the values it looks
//! at ([`feature`]); no strings are built while tagging or parsing. The
//! frozen table is an open-addressing hash table laid out in bytes, read in
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

/// The feature of template `template` over `values`.
#[inline]
pub(crate) fn feature(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(template.wrapping_add(0x9e37_79b9_7f4a_7c15));
    for &v in values {
        h = mix(h ^ v);
    }
    // 0 marks an empty slot of the frozen table.
    h | 1
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

/// Bytes of one slot of the frozen table: a 32-bit fingerprint of the
/// feature and the offset of its row. With a load of at most 0.75 a lookup
/// probes a few slots, and a wrong match needs a 32-bit collision.
const SLOT_BYTES: usize = 8;
/// Bytes of one entry: class u8, weight as i16 in units of the table's scale.
const ENTRY_BYTES: usize = 3;

fn fingerprint(key: u64) -> u32 {
    // The slot index uses the low bits; the fingerprint the high ones.
    ((key >> 32) as u32) | 1
}

impl Averaged {
    /// Writes the table: a header, the open-addressing slots, then the rows
    /// (a count byte and that many entries each). Features that fewer than
    /// `min_updates` updates touched are left out: most features are seen
    /// once or twice, and what they learned from so few examples is mostly
    /// noise (the dev scores measure it, see data/syntax/README.md).
    pub fn write(&self, min_updates: u32, out: &mut Vec<u8>) {
        let rows: Vec<(u64, &Vec<(u8, f32)>)> = self
            .rows
            .iter()
            .filter(|(_, updates, _)| *updates >= min_updates)
            .map(|(key, _, row)| (*key, row))
            .collect();
        let capacity = (rows.len() * 4 / 3 + 1).next_power_of_two().max(2);
        let mut slots = vec![(0u32, 0u32); capacity];
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
        let mut entries: Vec<u8> = Vec::new();
        for (key, row) in &rows {
            let mut i = (*key as usize) & (capacity - 1);
            while slots[i].0 != 0 {
                i = (i + 1) & (capacity - 1);
            }
            slots[i] = (fingerprint(*key), entries.len() as u32);
            entries.push(row.len() as u8);
            for &(class, w) in row.iter() {
                entries.push(class);
                entries.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(capacity as u32).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for (key, first) in slots {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&first.to_le_bytes());
        }
        out.extend_from_slice(&entries);
    }
}

/// A read-only table of averaged weights, read in place from model bytes.
#[derive(Clone, Copy)]
pub(crate) struct Table<'a> {
    pub classes: usize,
    mask: usize,
    scale: f32,
    slots: &'a [u8],
    entries: &'a [u8],
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
        let capacity = word(4)? as usize;
        let entry_bytes = word(8)? as usize;
        let scale = f32::from_bits(word(12)?);
        if !capacity.is_power_of_two() {
            return Err(format!(
                "weight table capacity {capacity} is not a power of two"
            ));
        }
        let slots_end = 16 + capacity * SLOT_BYTES;
        let end = slots_end + entry_bytes;
        if bytes.len() < end {
            return Err(format!(
                "weight table needs {end} bytes, the model has {}",
                bytes.len()
            ));
        }
        Ok((
            Table {
                classes,
                mask: capacity - 1,
                scale,
                slots: &bytes[16..slots_end],
                entries: &bytes[slots_end..end],
            },
            &bytes[end..],
        ))
    }

    /// Sets `scores` (one per class) to the summed weights of `features`.
    ///
    /// In two passes: first every feature's home slot is read (independent
    /// loads, which the processor overlaps, instead of one cache miss after
    /// another), then the slots are probed and the rows added.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        const BATCH: usize = 128;
        let mut sums = [0i32; 256];
        let sums = &mut sums[..self.classes];
        let slot = |i: usize| -> (u32, u32) {
            let bytes = &self.slots[i * SLOT_BYTES..(i + 1) * SLOT_BYTES];
            (
                u32::from_le_bytes(bytes[..4].try_into().unwrap()),
                u32::from_le_bytes(bytes[4..8].try_into().unwrap()),
            )
        };
        for chunk in features.chunks(BATCH) {
            let mut home = [(0u32, 0u32); BATCH];
            for (h, &f) in home.iter_mut().zip(chunk) {
                *h = slot((f as usize) & self.mask);
            }
            for (&(mut key, mut first), &f) in home.iter().zip(chunk) {
                let wanted = fingerprint(f);
                let mut i = (f as usize) & self.mask;
                while key != wanted && key != 0 {
                    i = (i + 1) & self.mask;
                    (key, first) = slot(i);
                }
                if key == 0 {
                    continue;
                }
                let first = first as usize;
                let count = self.entries[first] as usize;
                let row = &self.entries[first + 1..first + 1 + count * ENTRY_BYTES];
                for entry in row.chunks_exact(ENTRY_BYTES) {
                    let w = i16::from_le_bytes([entry[1], entry[2]]);
                    sums[entry[0] as usize] += w as i32;
                }
            }
        }
        for (score, &sum) in scores.iter_mut().zip(sums.iter()) {
            *score = sum as f32 * self.scale;
        }
    }
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
}
