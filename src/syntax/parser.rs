//! The dependency parser: arc-hybrid transitions (Kuhlmann, Gómez-Rodríguez
//! and Satta 2011) chosen greedily by an averaged perceptron over the rich
//! non-local features of Zhang and Nivre (2011): words and tags of the stack
//! and buffer, their leftmost and rightmost children and grandchildren,
//! distances, valencies and the label sets of their children. It is trained
//! with the dynamic oracle of Goldberg and Nivre (2013), following its own
//! (sometimes wrong) transitions so that it learns to recover from errors.
//!
//! The virtual root is the last item of the buffer (Ballesteros and Nivre
//! 2013), and only the last word left on the stack may attach to it, so
//! every sentence gets exactly one root.

use super::perceptron::{feature, mix, Table, Training};

const NO: u32 = u32::MAX;
const NONE: u64 = 0x00dd_5eed;

/// What the parser knows about one word: its form and tag, hashed.
#[derive(Clone, Copy)]
pub(crate) struct ParseWord {
    pub lower: u64,
    pub tag: u64,
    pub is_punct: bool,
}

impl ParseWord {
    pub fn new(lower: u64, tag_class: usize, is_punct: bool) -> ParseWord {
        ParseWord {
            lower,
            tag: mix(tag_class as u64 + 0x7a9),
            is_punct,
        }
    }
}

/// The transitions and labels: class 0 is SHIFT, `1 + 2l` LEFT-ARC with
/// label `l`, `2 + 2l` RIGHT-ARC with label `l`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Shift,
    Left(u8),
    Right(u8),
}

fn decode(class: usize) -> Move {
    if class == 0 {
        Move::Shift
    } else if class % 2 == 1 {
        Move::Left(((class - 1) / 2) as u8)
    } else {
        Move::Right(((class - 2) / 2) as u8)
    }
}

/// The number of classes for `labels` labels.
pub(crate) fn classes(labels: usize) -> usize {
    1 + 2 * labels
}

/// A parser configuration, with what the features read about each word's
/// children kept up to date as arcs are added.
struct State {
    /// Words, then the root at index `n`.
    n: usize,
    stack: Vec<u32>,
    /// Front of the buffer; the buffer is `b..=n`.
    b: usize,
    heads: Vec<u32>,
    labels: Vec<u8>,
    /// Two leftmost and two rightmost children.
    left: Vec<[u32; 2]>,
    right: Vec<[u32; 2]>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
    on_stack: Vec<bool>,
    /// Punctuation words before each position (a prefix sum).
    punct_before: Vec<u32>,
}

impl State {
    fn new(words: &[ParseWord]) -> State {
        let n = words.len();
        let mut punct_before = Vec::with_capacity(n + 1);
        let mut count = 0;
        for word in words {
            punct_before.push(count);
            count += word.is_punct as u32;
        }
        punct_before.push(count);
        State {
            punct_before,
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NO; n + 1],
            labels: vec![0; n + 1],
            left: vec![[NO; 2]; n + 1],
            right: vec![[NO; 2]; n + 1],
            left_count: vec![0; n + 1],
            right_count: vec![0; n + 1],
            left_labels: vec![0; n + 1],
            right_labels: vec![0; n + 1],
            on_stack: vec![false; n + 1],
        }
    }

    fn is_final(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn s(&self, k: usize) -> u32 {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NO
        }
    }

    fn buffer(&self, k: usize) -> u32 {
        if self.b + k <= self.n {
            (self.b + k) as u32
        } else {
            NO
        }
    }

    fn can_shift(&self) -> bool {
        self.b < self.n
    }

    /// LEFT-ARC with `label` is allowed: to the root only the last word on
    /// the stack, and only with the root label.
    fn can_left(&self, label: u8, root: u8) -> bool {
        if self.stack.is_empty() {
            return false;
        }
        if self.b == self.n {
            self.stack.len() == 1 && label == root
        } else {
            label != root
        }
    }

    fn can_right(&self, label: u8, root: u8) -> bool {
        self.stack.len() >= 2 && label != root
    }

    fn is_valid(&self, class: usize, root: u8) -> bool {
        match decode(class) {
            Move::Shift => self.can_shift(),
            Move::Left(l) => self.can_left(l, root),
            Move::Right(l) => self.can_right(l, root),
        }
    }

    fn add_arc(&mut self, head: u32, child: u32, label: u8) {
        let (h, c) = (head as usize, child as usize);
        self.heads[c] = head;
        self.labels[c] = label;
        let bit = 1u64 << (label % 64);
        if child < head {
            let l = &mut self.left[h];
            if l[0] == NO || child < l[0] {
                l[1] = l[0];
                l[0] = child;
            } else if l[1] == NO || child < l[1] {
                l[1] = child;
            }
            self.left_count[h] = self.left_count[h].saturating_add(1);
            self.left_labels[h] |= bit;
        } else {
            let r = &mut self.right[h];
            if r[0] == NO || child > r[0] {
                r[1] = r[0];
                r[0] = child;
            } else if r[1] == NO || child > r[1] {
                r[1] = child;
            }
            self.right_count[h] = self.right_count[h].saturating_add(1);
            self.right_labels[h] |= bit;
        }
    }

    fn apply(&mut self, class: usize) {
        match decode(class) {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.on_stack[self.b] = true;
                self.b += 1;
            }
            Move::Left(label) => {
                let s0 = self.stack.pop().unwrap();
                self.on_stack[s0 as usize] = false;
                self.add_arc(self.b as u32, s0, label);
            }
            Move::Right(label) => {
                let s0 = self.stack.pop().unwrap();
                self.on_stack[s0 as usize] = false;
                let s1 = *self.stack.last().unwrap();
                self.add_arc(s1, s0, label);
            }
        }
    }
}

fn distance(a: u32, b: u32) -> u64 {
    if a == NO || b == NO {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// The features of a configuration (Zhang and Nivre 2011, for arc-hybrid:
/// the arc candidates are s0-b0 and s1-s0, so s1 gets the features that
/// the head of s0 has in arc-eager).
fn features(state: &State, words: &[ParseWord], out: &mut Vec<u64>) {
    out.clear();
    let n = state.n;
    let w = |x: u32| -> u64 {
        if x == NO {
            NONE
        } else if x as usize == n {
            NONE ^ 1
        } else {
            words[x as usize].lower
        }
    };
    let p = |x: u32| -> u64 {
        if x == NO {
            NONE
        } else if x as usize == n {
            NONE ^ 1
        } else {
            words[x as usize].tag
        }
    };
    let l = |x: u32| -> u64 {
        if x == NO || state.heads[x as usize] == NO {
            NONE
        } else {
            state.labels[x as usize] as u64
        }
    };
    let lc = |x: u32, k: usize| {
        if x == NO {
            NO
        } else {
            state.left[x as usize][k]
        }
    };
    let rc = |x: u32, k: usize| {
        if x == NO {
            NO
        } else {
            state.right[x as usize][k]
        }
    };
    let vl = |x: u32| {
        if x == NO {
            0
        } else {
            state.left_count[x as usize] as u64
        }
    };
    let vr = |x: u32| {
        if x == NO {
            0
        } else {
            state.right_count[x as usize] as u64
        }
    };
    let ls = |x: u32| {
        if x == NO {
            0
        } else {
            state.left_labels[x as usize]
        }
    };
    let rs = |x: u32| {
        if x == NO {
            0
        } else {
            state.right_labels[x as usize]
        }
    };

    let (s0, s1, s2) = (state.s(0), state.s(1), state.s(2));
    let (b0, b1, b2) = (state.buffer(0), state.buffer(1), state.buffer(2));
    let (s0w, s0p, s1w, s1p, s2w, s2p) = (w(s0), p(s0), w(s1), p(s1), w(s2), p(s2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) = (w(b0), p(b0), w(b1), p(b1), w(b2), p(b2));
    let (s0l1, s0l2, s0r1, s0r2) = (lc(s0, 0), lc(s0, 1), rc(s0, 0), rc(s0, 1));
    let (s1l1, s1r1, s1r2) = (lc(s1, 0), rc(s1, 0), rc(s1, 1));
    let (b0l1, b0l2) = (lc(b0, 0), lc(b0, 1));
    // Commas, dashes and the like strictly between two words (0, 1, 2+).
    let punct = |a: u32, b: u32| -> u64 {
        if a == NO || b == NO {
            return 9;
        }
        let (low, high) = (a.min(b) as usize, a.max(b) as usize);
        let count = state.punct_before[high.min(n)] - state.punct_before[(low + 1).min(n)];
        count.min(2) as u64
    };
    let d1 = distance(s0, b0);
    let d2 = distance(s1, s0);
    out.extend_from_slice(&[
        feature(0, &[]),
        // Single words.
        feature(1, &[s0w, s0p]),
        feature(2, &[s0w]),
        feature(3, &[s0p]),
        feature(4, &[b0w, b0p]),
        feature(5, &[b0w]),
        feature(6, &[b0p]),
        feature(7, &[b1w, b1p]),
        feature(8, &[b1w]),
        feature(9, &[b1p]),
        feature(10, &[b2w, b2p]),
        feature(11, &[b2w]),
        feature(12, &[b2p]),
        feature(13, &[s1w, s1p]),
        feature(14, &[s1w]),
        feature(15, &[s1p]),
        feature(16, &[s2p]),
        feature(17, &[s2w]),
        // Pairs.
        feature(18, &[s0w, s0p, b0w, b0p]),
        feature(19, &[s0w, s0p, b0w]),
        feature(20, &[s0w, b0w, b0p]),
        feature(21, &[s0w, s0p, b0p]),
        feature(22, &[s0p, b0w, b0p]),
        feature(23, &[s0w, b0w]),
        feature(24, &[s0p, b0p]),
        feature(25, &[b0p, b1p]),
        feature(26, &[s1w, s1p, s0w, s0p]),
        feature(27, &[s1w, s0w]),
        feature(28, &[s1p, s0p]),
        feature(29, &[s1w, s1p, s0p]),
        feature(30, &[s1p, s0w, s0p]),
        feature(31, &[s1w, s0w, s0p]),
        feature(32, &[s1w, s1p, s0w]),
        // Three words.
        feature(33, &[b0p, b1p, b2p]),
        feature(34, &[s0p, b0p, b1p]),
        feature(35, &[s1p, s0p, b0p]),
        feature(36, &[s0p, p(s0l1), b0p]),
        feature(37, &[s0p, p(s0r1), b0p]),
        feature(38, &[s0p, b0p, p(b0l1)]),
        feature(39, &[s2p, s1p, s0p]),
        feature(40, &[s1p, p(s1r1), s0p]),
        feature(41, &[s1p, s0p, p(s0l1)]),
        feature(42, &[s1p, p(s1l1), s0p]),
        feature(43, &[s1p, s0p, p(s0r1)]),
        // Distance.
        feature(44, &[s0w, d1]),
        feature(45, &[s0p, d1]),
        feature(46, &[b0w, d1]),
        feature(47, &[b0p, d1]),
        feature(48, &[s0w, b0w, d1]),
        feature(49, &[s0p, b0p, d1]),
        feature(50, &[s1w, d2]),
        feature(51, &[s1p, d2]),
        feature(52, &[s0w, d2]),
        feature(53, &[s0p, d2]),
        feature(54, &[s1w, s0w, d2]),
        feature(55, &[s1p, s0p, d2]),
        // Valency.
        feature(56, &[s0w, vr(s0)]),
        feature(57, &[s0p, vr(s0)]),
        feature(58, &[s0w, vl(s0)]),
        feature(59, &[s0p, vl(s0)]),
        feature(60, &[b0w, vl(b0)]),
        feature(61, &[b0p, vl(b0)]),
        feature(62, &[s1w, vr(s1)]),
        feature(63, &[s1p, vr(s1)]),
        feature(64, &[s1p, vl(s1)]),
        // Children.
        feature(65, &[w(s0l1)]),
        feature(66, &[p(s0l1)]),
        feature(67, &[l(s0l1)]),
        feature(68, &[w(s0r1)]),
        feature(69, &[p(s0r1)]),
        feature(70, &[l(s0r1)]),
        feature(71, &[w(b0l1)]),
        feature(72, &[p(b0l1)]),
        feature(73, &[l(b0l1)]),
        feature(74, &[w(s1r1)]),
        feature(75, &[p(s1r1)]),
        feature(76, &[l(s1r1)]),
        feature(77, &[p(s1l1)]),
        feature(78, &[l(s1l1)]),
        // Second children.
        feature(79, &[w(s0l2)]),
        feature(80, &[p(s0l2)]),
        feature(81, &[l(s0l2)]),
        feature(82, &[w(s0r2)]),
        feature(83, &[p(s0r2)]),
        feature(84, &[l(s0r2)]),
        feature(85, &[w(b0l2)]),
        feature(86, &[p(b0l2)]),
        feature(87, &[l(b0l2)]),
        feature(88, &[s0p, p(s0l1), p(s0l2)]),
        feature(89, &[s0p, p(s0r1), p(s0r2)]),
        feature(90, &[b0p, p(b0l1), p(b0l2)]),
        feature(91, &[s1p, p(s1r1), p(s1r2)]),
        // Label sets.
        feature(92, &[s0w, rs(s0)]),
        feature(93, &[s0p, rs(s0)]),
        feature(94, &[s0w, ls(s0)]),
        feature(95, &[s0p, ls(s0)]),
        feature(96, &[b0w, ls(b0)]),
        feature(97, &[b0p, ls(b0)]),
        feature(98, &[s1p, rs(s1)]),
        feature(99, &[s1p, ls(s1)]),
        // Tag and a child's label.
        feature(100, &[s0p, l(s0l1)]),
        feature(101, &[s0p, l(s0r1)]),
        feature(102, &[b0p, l(b0l1)]),
        feature(103, &[s1p, l(s1r1)]),
        feature(104, &[s0w, l(s0l1), l(s0r1)]),
        feature(105, &[s1p, s0p, b0p, b1p]),
        // Punctuation between the arc candidates: coordination, apposition
        // and clause edges.
        feature(106, &[s0p, b0p, punct(s0, b0)]),
        feature(107, &[s1p, s0p, punct(s1, s0)]),
        feature(108, &[s0w, b0p, punct(s0, b0)]),
        feature(109, &[s1p, b0p, distance(s1, b0)]),
        feature(110, &[s0p, b0p, b1w]),
        feature(111, &[s0w, b1p]),
        feature(112, &[s0p, vl(s0), vr(s0), b0p]),
        feature(113, &[s1p, rs(s1), s0p]),
        feature(114, &[s0p, ls(s0), b0p]),
    ]);
}

/// The parser of a loaded model.
#[derive(Clone, Copy)]
pub(crate) struct Parser<'a> {
    pub weights: Table<'a>,
    /// Index of the root label among the model's labels.
    pub root: u8,
}

/// Heads (`n` is the root) and label indices of a parsed sentence.
pub(crate) struct Parsed {
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

fn best_valid(state: &State, scores: &[f32], root: u8) -> usize {
    // What `State::is_valid` decides, once per configuration instead of
    // once per class; classes are visited in order, so ties go the same way.
    let depth = state.stack.len();
    let at_root = state.b == state.n;
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    let mut consider = |class: usize| {
        if best == usize::MAX || scores[class] > best_score {
            best = class;
            best_score = scores[class];
        }
    };
    if state.can_shift() {
        consider(0);
    }
    for label in 0..((scores.len() - 1) / 2) as u8 {
        let is_root = label == root;
        if depth > 0
            && (if at_root {
                depth == 1 && is_root
            } else {
                !is_root
            })
        {
            consider(1 + 2 * label as usize);
        }
        if depth >= 2 && !is_root {
            consider(2 + 2 * label as usize);
        }
    }
    debug_assert!(best == usize::MAX || state.is_valid(best, root));
    best
}

/// The number of templates [`features`] writes.
const TEMPLATES: usize = 115;

/// The parts of a configuration whose templates' summed weights outlive a
/// transition, so that [`Parser::parse`] looks them up once instead of at
/// every transition. Three facts of arc-hybrid make this exact:
///
/// - only the top of the stack is pushed or popped, so while a word is s0
///   the words under it (s1, s2) stay, and so do their children: a
///   RIGHT-ARC onto s1 pops s0 first;
/// - LEFT-ARC attaches s0 to b0, so a word has all its left children once
///   it is pushed, and only RIGHT-ARC onto s0 changes s0's right children;
/// - b1 and b2 follow from b0, which only SHIFT changes, and only LEFT-ARC
///   gives b0 children.
///
/// The templates that read both s0 (or s1) and b0 change with every
/// transition and are looked up every time ([`BOTH`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// s0's form, tag and left children; s1 and s2 and their children.
    Stack,
    /// s0's right children.
    StackRight,
    /// b0, b1 and b2, and the bias.
    Buffer,
    /// b0's left children.
    BufferLeft,
}

impl Part {
    const ALL: [Part; 4] = [
        Part::Stack,
        Part::StackRight,
        Part::Buffer,
        Part::BufferLeft,
    ];

    /// The templates of this part, as numbered in [`features`].
    fn templates(self) -> &'static [usize] {
        match self {
            Part::Stack => &[
                1, 2, 3, 13, 14, 15, 16, 17, 26, 27, 28, 29, 30, 31, 32, 39, 40, 41, 42, 50, 51,
                52, 53, 54, 55, 58, 59, 62, 63, 64, 65, 66, 67, 74, 75, 76, 77, 78, 79, 80, 81, 88,
                91, 94, 95, 98, 99, 100, 103, 107, 113,
            ],
            Part::StackRight => &[43, 56, 57, 68, 69, 70, 82, 83, 84, 89, 92, 93, 101, 104],
            Part::Buffer => &[0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 25, 33],
            Part::BufferLeft => &[60, 61, 71, 72, 73, 85, 86, 87, 90, 96, 97, 102],
        }
    }

    /// Whether the configuration after `moved` reads other values here.
    fn changed_by(self, moved: Move) -> bool {
        matches!(
            (self, moved),
            (_, Move::Shift)
                | (Part::StackRight, Move::Right(_))
                | (Part::BufferLeft, Move::Left(_))
        )
    }

    /// Stack parts are kept per stack depth: popping s0 brings back the
    /// configuration the new s0 had on top before, sums and all.
    fn per_depth(self) -> bool {
        matches!(self, Part::Stack | Part::StackRight)
    }
}

/// The templates of no [`Part`], read afresh at every transition.
const BOTH: [usize; 26] = [
    18, 19, 20, 21, 22, 23, 24, 34, 35, 36, 37, 38, 44, 45, 46, 47, 48, 49, 105, 106, 108, 109,
    110, 111, 112, 114,
];

/// Summed weights of the features of one [`Part`] (or of all), in steps
/// of the table's scale, one per class: integers, so adding kept ones
/// gives the scores of looking every feature up, to the bit.
type Sums = [i32; 256];

/// The [`Sums`] of each [`Part`]: a slot per stack depth (0, the empty
/// stack, to `n`) for stack parts, one slot for buffer parts.
struct Kept {
    slots: [Vec<Sums>; 4],
}

impl Kept {
    fn new(words: usize) -> Kept {
        let slots = |part: Part| if part.per_depth() { words + 1 } else { 1 };
        Kept {
            slots: Part::ALL.map(|part| vec![[0; 256]; slots(part)]),
        }
    }

    /// Which slot of `part` a configuration of stack depth `depth` uses.
    fn index(part: Part, depth: usize) -> usize {
        if part.per_depth() {
            depth
        } else {
            0
        }
    }

    /// The sums of `part` in a configuration of stack depth `depth`.
    fn slot(&mut self, part: Part, depth: usize) -> &mut Sums {
        &mut self.slots[part as usize][Kept::index(part, depth)]
    }

    /// The sums of every part at stack depth `depth`, for the first
    /// `classes` classes.
    fn total(&self, depth: usize, classes: usize) -> Sums {
        let [a, b, c, d] =
            Part::ALL.map(|part| &self.slots[part as usize][Kept::index(part, depth)][..classes]);
        let mut total = [0; 256];
        for ((((sum, a), b), c), d) in total.iter_mut().zip(a).zip(b).zip(c).zip(d) {
            *sum = a + b + c + d;
        }
        total
    }
}

impl Parser<'_> {
    /// Parses `words`, keeping the summed weights of the parts of the
    /// configuration a transition leaves as they were (see [`Part`]); the
    /// parses are those of [`Parser::parse_plain`].
    pub fn parse(&self, words: &[ParseWord]) -> Parsed {
        let mut state = State::new(words);
        let classes = self.weights.classes;
        let mut all = Vec::with_capacity(TEMPLATES);
        let mut picked = Vec::with_capacity(TEMPLATES);
        let mut scores = vec![0f32; classes];
        let mut kept = Kept::new(words.len());
        let mut last: Option<Move> = None;
        while !state.is_final() {
            features(&state, words, &mut all);
            let depth = state.stack.len();
            let stale = Part::ALL.map(|part| last.is_none_or(|moved| part.changed_by(moved)));
            let stale = || {
                Part::ALL
                    .into_iter()
                    .zip(stale)
                    .filter(|&(_, s)| s)
                    .map(|(p, _)| p)
            };
            // Every bucket this configuration reads starts loading at once.
            picked.clear();
            for part in stale() {
                picked.extend(part.templates().iter().map(|&t| all[t]));
            }
            picked.extend(BOTH.iter().map(|&t| all[t]));
            self.weights.prefetch(&picked);
            for part in stale() {
                pick(&all, part.templates(), &mut picked);
                let slot = kept.slot(part, depth);
                *slot = [0; 256];
                self.weights.accumulate(&picked, slot);
            }
            let mut sums = kept.total(depth, classes);
            pick(&all, &BOTH, &mut picked);
            self.weights.accumulate(&picked, &mut sums);
            self.weights.finish(&sums, &mut scores);
            let class = best_valid(&state, &scores, self.root);
            state.apply(class);
            last = Some(decode(class));
        }
        state.finish(words.len())
    }

    /// [`Parser::parse`] looking every feature up at every transition:
    /// what the kept sums must reproduce exactly.
    #[cfg(test)]
    pub(crate) fn parse_plain(&self, words: &[ParseWord]) -> Parsed {
        let mut state = State::new(words);
        let mut features_buf = Vec::with_capacity(128);
        let mut scores = vec![0f32; self.weights.classes];
        while !state.is_final() {
            features(&state, words, &mut features_buf);
            self.weights.score(&features_buf, &mut scores);
            let class = best_valid(&state, &scores, self.root);
            state.apply(class);
        }
        state.finish(words.len())
    }
}

/// Sets `out` to the features of `templates` among `all`.
fn pick(all: &[u64], templates: &[usize], out: &mut Vec<u64>) {
    out.clear();
    out.extend(templates.iter().map(|&t| all[t]));
}

impl State {
    /// The heads and labels of the words of a final configuration.
    fn finish(mut self, words: usize) -> Parsed {
        self.heads.truncate(words);
        self.labels.truncate(words);
        Parsed {
            heads: self.heads,
            labels: self.labels,
        }
    }
}

/// A training sentence: words and the gold tree (`n` is the root).
pub(crate) struct GoldTree {
    pub words: Vec<ParseWord>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

/// The cost of each class: how many gold arcs still reachable it loses
/// (Goldberg and Nivre 2013, arc-hybrid; non-projective gold trees are
/// handled by taking the cheapest transitions, not only free ones).
fn cost(state: &State, gold: &GoldTree, children: &[Vec<u32>], class: usize) -> u32 {
    let in_buffer = |k: u32| k as usize >= state.b;
    match decode(class) {
        Move::Shift => {
            let b0 = state.b;
            let s0 = state.s(0);
            let head = gold.heads[b0];
            let head_lost = (state.on_stack[head as usize] && head != s0) as u32;
            let children_lost = children[b0]
                .iter()
                .filter(|&&k| state.on_stack[k as usize])
                .count() as u32;
            head_lost + children_lost
        }
        Move::Left(label) => {
            let s0 = state.s(0);
            let s1 = state.s(1);
            let head = gold.heads[s0 as usize];
            let b0 = state.b as u32;
            let head_lost = (head != b0 && (head == s1 || in_buffer(head))) as u32;
            let label_wrong = (head == b0 && gold.labels[s0 as usize] != label) as u32;
            let children_lost = children[s0 as usize]
                .iter()
                .filter(|&&k| in_buffer(k))
                .count() as u32;
            head_lost + label_wrong + children_lost
        }
        Move::Right(label) => {
            let s0 = state.s(0);
            let s1 = state.s(1);
            let head = gold.heads[s0 as usize];
            let head_lost = in_buffer(head) as u32;
            let label_wrong = (head == s1 && gold.labels[s0 as usize] != label) as u32;
            let children_lost = children[s0 as usize]
                .iter()
                .filter(|&&k| in_buffer(k))
                .count() as u32;
            head_lost + label_wrong + children_lost
        }
    }
}

/// Trains the parser with the dynamic oracle. From the second iteration on,
/// it follows its own prediction nine times in ten, even when wrong.
pub(crate) fn train(
    sentences: &[GoldTree],
    labels: usize,
    root: u8,
    iterations: usize,
    rng: &mut super::train::Rng,
    mut progress: impl FnMut(usize),
) -> Training {
    let classes = classes(labels);
    let mut model = Training::new(classes);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut features_buf = Vec::with_capacity(128);
    let mut scores = vec![0f32; classes];
    let mut costs = vec![0u32; classes];
    for iteration in 0..iterations {
        rng.shuffle(&mut order);
        for &s in &order {
            let gold = &sentences[s];
            let n = gold.words.len();
            let mut children = vec![Vec::new(); n + 1];
            for (child, &head) in gold.heads.iter().enumerate() {
                children[head as usize].push(child as u32);
            }
            let mut state = State::new(&gold.words);
            while !state.is_final() {
                features(&state, &gold.words, &mut features_buf);
                model.score(&features_buf, &mut scores);
                let guess = best_valid(&state, &scores, root);
                let mut cheapest = u32::MAX;
                for (class, c) in costs.iter_mut().enumerate() {
                    *c = if state.is_valid(class, root) {
                        cost(&state, gold, &children, class)
                    } else {
                        u32::MAX
                    };
                    cheapest = cheapest.min(*c);
                }
                let mut best = usize::MAX;
                for class in 0..classes {
                    if costs[class] == cheapest
                        && (best == usize::MAX || scores[class] > scores[best])
                    {
                        best = class;
                    }
                }
                model.tick();
                if costs[guess] > cheapest {
                    model.update(best, guess, &features_buf);
                }
                let follow_guess = iteration > 0 && rng.next_f64() < 0.9;
                state.apply(if follow_guess { guess } else { best });
            }
        }
        progress(iteration);
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_both_cover_every_template_once() {
        let mut seen = [0; TEMPLATES];
        for &t in Part::ALL.iter().flat_map(|p| p.templates()).chain(&BOTH) {
            seen[t] += 1;
        }
        assert_eq!(seen, [1; TEMPLATES]);
        let mut all = Vec::new();
        features(&State::new(&[]), &[], &mut all);
        assert_eq!(all.len(), TEMPLATES);
    }
}
