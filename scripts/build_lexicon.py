#!/usr/bin/env python3
"""Generate factcheck's WordNet-derived lexicon tables.

Reads the WordNet 3.0 database files (Debian: `apt-get install wordnet-base`,
files in /usr/share/wordnet/) and writes compact TSV tables to data/lexicon/:

    irregular.tsv        inflected form -> base form (verbs and nouns only)
    antonyms_wordnet.tsv word pairs that WordNet marks as antonyms (`!`),
                         plus precise same-synset expansions
    synonyms_wordnet.tsv groups of words sharing a frequent synset
    derived_wordnet.tsv  derivationally related word pairs (`+`)
    hypernyms_wordnet.tsv specific -> more general noun (`@`, `@i`), a few
                         levels up, below the abstract top of the hierarchy

The hand-curated tables (antonyms_curated.tsv, antonyms_rejected.tsv,
synonyms_curated.tsv, paraphrases_curated.tsv, stop_words.txt, places.tsv,
aliases.tsv) are not touched; synonyms_curated.tsv and antonyms_curated.tsv
are read to keep their pairs out of hypernyms_wordnet.tsv.

Only the Python 3 standard library is used. The tables hold plain lower-case
words; a Rust unit test reduces them to lemmas (Snowball stems) and writes
data/lexicon/compiled/, which is what the binary embeds. Run from the
repository root:

    python3 scripts/build_lexicon.py [--wordnet /usr/share/wordnet]
    FACTCHECK_WRITE_LEXICON=1 cargo test --lib lexicon

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
See data/lexicon/README.md for the licence.
"""

import argparse
import os
import re
import sys
from collections import defaultdict

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

# A synset counts for a word only when it is one of the word's main senses:
# among its first *_RANK senses (WordNet orders senses by corpus frequency)
# and carrying at least *_SHARE of the word's tagged uses (cntlist.rev),
# twice that for a sense other than the first.
# This keeps "go" (sense 17, 2 of 600 uses) from being a synonym of "die".
SYNONYM_RANK, SYNONYM_SHARE = 3, 0.10
# Direct antonym pairs: both words in a main sense.
ANTONYM_RANK, ANTONYM_SHARE = 3, 0.05
# Same-synset expansion of an antonym: the added word must use that synset
# as a main sense, more strictly.
EXPANSION_RANK, EXPANSION_SHARE = 2, 0.15
# Derivations: any sense, but at least one of the two words must occur in
# the tagged corpus.

# Hypernyms ("vehicle" is more general than "car"): the synonym filter on
# both sides. The specific word must use the synset as a main sense (so
# "dog" the frump is not a "woman"), and so must the general word use the
# hypernym synset ("child" in its second sense, "a son or daughter", has 30%
# of its tagged uses and stands above "daughter"); the rank and share are
# those of the synonyms because a hypernym is a synonym one level up, with
# the same risk of a rare sense. The general word must also occur in the
# tagged corpus: a statement's general word is a common one ("animal", not
# "placental" or "craniate"), and that halves the table.
HYPERNYM_RANK, HYPERNYM_SHARE = SYNONYM_RANK, SYNONYM_SHARE
# How far up: at most HYPERNYM_LEVELS synsets that give a general word, over
# at most HYPERNYM_LINKS links. Levels are counted in words, not in links,
# because WordNet's chains pass through synsets named only by phrases:
# car -> motor_vehicle -> self-propelled_vehicle -> wheeled_vehicle ->
# vehicle is four links but one level; dog -> domestic_animal -> animal
# is one level, daughter -> child -> offspring two, player -> contestant
# -> person two. A third level was mostly noise in samples ("conclusion" ->
# "belief", "squeamishness" -> "grounds", "sourness" -> "perception").
HYPERNYM_LEVELS, HYPERNYM_LINKS = 2, 5
# Nouns only. Verb hypernyms (troponymy) are too loose for a fact check
# even one level up ("verify" -> "test", "outlaw" -> "veto", "compare" ->
# "analyse", "certify" -> "authorize", "ascertain" -> "confirm"), and the
# common verbs of news ("buy", "say", "walk", "win") reach the top verbs
# ("get", "express", "travel", "change", "move") within a link or two.
# A link out of the word's lexicographer file (noun.person, noun.animal,
# noun.state, ...) other than into noun.Tops (03, where "person", "animal",
# "plant" and "food" live) is a change of kind, not a more general word:
# "encephalitis" -> "evidence" (via symptom), "ketosis" -> "grounds",
# "werewolf" -> "creativity"; the walk stops there.
TOPS_LEXFILE = "03"
# Synsets too abstract to be a general word for anything (sense numbers as
# in WordNet 3.0's index.noun): the walk stops below them. All of noun.Tops
# except person, animal, plant and food, and the very large abstract
# synsets just under it (thousands of hyponyms each: "artifact" is above
# every made thing, "material" and "part" above half of matter).
HYPERNYM_STOP = [
    # noun.Tops
    ("entity", 1), ("physical_entity", 1), ("abstraction", 6), ("thing", 12),
    ("object", 1), ("whole", 2), ("congener", 3), ("living_thing", 1),
    ("organism", 1), ("benthos", 2), ("dwarf", 3), ("heterotroph", 1),
    ("parent", 2), ("life", 10), ("biont", 1), ("cell", 2),
    ("causal_agent", 1), ("native", 3), ("natural_object", 1),
    ("substance", 1), ("substance", 7), ("matter", 3), ("nutrient", 2),
    ("artifact", 1), ("article", 2), ("psychological_feature", 1),
    ("cognition", 1), ("motivation", 1), ("attribute", 2), ("state", 2),
    ("feeling", 1), ("location", 1), ("shape", 2), ("time", 5), ("space", 1),
    ("absolute_space", 1), ("phase_space", 1), ("event", 1), ("process", 6),
    ("act", 2), ("group", 1), ("relation", 1), ("possession", 2),
    ("social_relation", 1), ("communication", 2), ("measure", 2),
    ("phenomenon", 1),
    # just below
    ("thing", 8), ("instrumentality", 3), ("biological_group", 1),
    ("taxonomic_group", 1), ("part", 1), ("part", 3), ("material", 1),
    ("activity", 1), ("content", 5), ("condition", 1), ("action", 1),
    ("quality", 1), ("change", 3), ("message", 2), ("property", 2),
    ("happening", 1), ("group_action", 1), ("creation", 2),
    ("information", 2), ("definite_quantity", 1), ("fundamental_quantity", 1),
    ("physical_condition", 1), ("covering", 2), ("solid", 1),
    ("social_group", 1), ("unit_of_measurement", 1), ("genus", 2),
    ("family", 6),
]

# Irregular forms that are also nouns or verbs in their own right, where the
# inflected reading dominates in news text, so the mapping is kept anyway:
# "left" -> leave (not the direction), "found" -> find (not "found a
# company"; "founded" still stems to "found"), "won" -> win (not the Korean
# currency), "saw" -> see, "rose" -> rise, "fell" -> fall, "felt" -> feel.
# Every other form that is itself a noun or verb lemma is dropped.
KEEP_AMBIGUOUS = {
    # verbs
    "began", "became", "brought", "built", "came", "chose", "did", "done",
    "drew", "drove", "fell", "felt", "fled", "flew", "forgot", "found",
    "gave", "got", "gone", "grew", "held", "hid", "kept", "knew", "led",
    "left", "lost", "made", "meant", "met", "paid", "ran", "rang", "rose",
    "said", "sang", "sank", "sat", "saw", "sent", "shot", "shook", "sold",
    "spent", "spoke", "stood", "stole", "struck", "swore", "taught", "thought",
    "told", "took", "threw", "understood", "was", "were", "went", "won",
    "are", "am", "wore", "woke", "wrote", "withdrew", "withdrawn", "arose",
    "arisen",
    "broke", "broken", "chosen", "driven", "eaten", "fallen", "flown",
    "forbade", "forbidden", "forgiven", "frozen", "given", "hidden", "ridden",
    "risen", "seen", "shaken", "spoken", "stolen", "sworn", "taken",
    "thrown", "woken", "worn", "written", "sought", "caught", "bought",
    "fought", "dealt", "lent", "bent", "bred", "fed", "slid", "lit", "dug",
    "hung", "clung", "stung", "swung", "struck", "shone", "sped", "wept",
    "slept", "swept", "crept", "knelt", "dreamt", "leapt",
    "overthrew", "overthrown", "undertook", "undertaken", "overtook",
    "overtaken", "mistook", "mistaken", "foresaw", "foreseen", "upheld",
    "withheld", "withstood", "forgave", "forgotten", "begun", "sung", "sunk",
    "drunk", "drank", "swam", "swum", "rode", "strove", "striven", "bore",
    "borne", "tore", "torn", "beaten", "bitten", "froze", "wove",
    "woven", "shrank", "shrunk", "sprang", "sprung", "stank", "slain",
    "slew", "sewn", "sown", "shorn", "hewn", "mown", "proven", "lain",
    "laid", "fled", "oversaw", "overseen", "outgrew", "outgrown", "redid",
    "remade", "rebuilt", "resold", "retook", "retaken", "reran",
    # nouns
    "men", "women", "children", "people", "feet", "teeth", "geese", "mice",
    "oxen", "lice", "wives", "knives", "wolves", "leaves", "halves",
    "selves", "thieves", "loaves", "shelves", "calves",
}

# Irregular forms never mapped even though WordNet lists them, and forms
# whose base is chosen here (WordNet gives two, or the wrong one for news).
DROP_FORMS = {
    "lay",      # "lay off" ("laid" -> lay); not lie
    "ground",   # the noun, not grind
    "wound",    # the injury, not wind
    "bound",    # "bound for", "bound to"
    "born",     # not the animal's lemma "bear"
    "media",    # the press, not "medium"
    "data",     # never "datum"
    "lives",    # "lost their lives" and "he lives in": the stemmer decides
    "axes",     # ax or axis
    "bases",    # base or basis
    "number",   # numb (adj.exc) - never wanted
    "spat",     # a quarrel
    "bit",      # a small amount
}
OVERRIDES = {
    "leaves": "leave",  # leaf or leave: the verb reading dominates in news
}

WORD_RE = re.compile(r"^[a-z]+$")


def clean_word(raw):
    """A WordNet lemma as a plain lower-case single word, or None."""
    word = re.sub(r"\(.*\)$", "", raw)  # adjective markers: "(a)", "(p)"
    if word != word.lower():
        return None  # proper nouns and acronyms
    if not WORD_RE.match(word) or "_" in word:
        return None
    return word


def read_index(path):
    """lemma -> (ranked synset offsets, tagged sense count)."""
    index = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, _pos, synset_cnt, p_cnt = fields[0], fields[1], int(fields[2]), int(fields[3])
            rest = fields[4 + p_cnt:]
            tagsense_cnt = int(rest[1])
            offsets = rest[2:2 + synset_cnt]
            index[lemma] = (offsets, tagsense_cnt)
    return index


def read_data(path, lexfiles):
    """offset -> (ss_type, [word], [(symbol, target offset, target pos, src, tgt)]).

    Fills `lexfiles` with offset -> lexicographer file number ("03").
    """
    data = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head = line.split("|", 1)[0].split()
            offset, ss_type = head[0], head[2]
            lexfiles[offset] = head[1]
            w_cnt = int(head[3], 16)
            words = [head[4 + 2 * i] for i in range(w_cnt)]
            i = 4 + 2 * w_cnt
            p_cnt = int(head[i])
            pointers = []
            for j in range(p_cnt):
                sym, target, tpos, srctgt = head[i + 1 + 4 * j: i + 5 + 4 * j]
                pointers.append((sym, target, tpos, int(srctgt[:2], 16), int(srctgt[2:], 16)))
            data[offset] = (ss_type, words, pointers)
    return data


class WordNet:
    def __init__(self, root):
        self.index = {}
        self.data = {}
        self.lexfiles = {}
        for pos, name in POS_FILES.items():
            self.index[pos] = read_index(os.path.join(root, "index." + name))
            self.lexfiles[pos] = {}
            self.data[pos] = read_data(os.path.join(root, "data." + name), self.lexfiles[pos])
        self.root = root
        # Tag counts from the semantic concordance: sense key -> count.
        self.counts = {}
        self.totals = defaultdict(int)
        with open(os.path.join(root, "cntlist.rev"), encoding="latin-1") as f:
            for line in f:
                key, sense_number, count = line.split()
                lemma, rest = key.split("%", 1)
                pos = "nvars"[int(rest[0]) - 1]
                count = int(count)
                self.counts[(lemma, file_pos(pos), int(sense_number))] = count
                self.totals[lemma] += count

    def rank(self, word, pos, offset):
        """1-based sense number of synset `offset` for `word` in its POS."""
        entry = self.index[file_pos(pos)].get(word)
        if entry is None:
            return None
        try:
            return entry[0].index(offset) + 1
        except ValueError:
            return None

    def is_main_sense(self, word, pos, offset, max_rank, min_share):
        """Whether synset `offset` is a sense `word` is commonly used in.

        The sense must be among the word's first `max_rank` in its part of
        speech and carry at least `min_share` of the word's tagged uses over
        all parts of speech (so "steal" the bargain, a rare noun beside a
        frequent verb, does not count). A word never seen in the tagged
        corpus counts only in its first sense and only if it has one part
        of speech.
        """
        rank = self.rank(word, pos, offset)
        if rank is None or rank > max_rank:
            return False
        total = self.totals.get(word, 0)
        if total == 0:
            return rank == 1 and sum(word in self.index[p] for p in POS_FILES) == 1
        count = self.counts.get((word, file_pos(pos), rank), 0)
        if rank > 1:
            min_share *= 2  # later senses must earn their place
        return count > 0 and count / total >= min_share

    def is_noun_or_verb(self, word):
        return word in self.index["n"] or word in self.index["v"]


def file_pos(pos):
    return "a" if pos == "s" else pos


def build_irregular(wn):
    rows = {}
    for name, pos in (("verb.exc", "v"), ("noun.exc", "n")):
        with open(os.path.join(wn.root, name), encoding="latin-1") as f:
            for line in f:
                fields = line.split()
                if len(fields) < 2:
                    continue
                form, bases = fields[0], fields[1:]
                if form in DROP_FORMS or not WORD_RE.match(form):
                    continue
                base = OVERRIDES.get(form)
                if base is None:
                    if len(set(bases)) != 1:
                        continue  # "axes" -> ax or axis: ambiguous
                    base = bases[0]
                if not WORD_RE.match(base) or base == form:
                    continue
                # A form that is itself a noun or verb ("ground", "rent") is
                # ambiguous; participles that are only adjectives ("known",
                # "allied") are safe.
                if wn.is_noun_or_verb(form) and form not in KEEP_AMBIGUOUS and form not in OVERRIDES:
                    continue
                # A regular "-ed"/"-s" form is left to the stemmer, but the
                # stemmer does not know "abetted" has one t: keep all rows,
                # the Rust side drops rows whose stems already agree.
                rows.setdefault(form, base)
    return sorted(rows.items())


def synonym_groups(wn):
    groups = set()
    for pos in POS_FILES:
        for offset, (ss_type, words, _ptrs) in wn.data[pos].items():
            members = []
            for raw in words:
                word = clean_word(raw)
                if word is None:
                    continue
                if wn.is_main_sense(word, ss_type, offset, SYNONYM_RANK, SYNONYM_SHARE):
                    members.append(word)
            members = sorted(set(members))
            if len(members) >= 2:
                groups.add(tuple(members))
    return sorted(groups)


def antonym_pairs(wn):
    pairs = set()
    for pos in POS_FILES:
        for offset, (ss_type, words, pointers) in wn.data[pos].items():
            for sym, target, tpos, src, tgt in pointers:
                if sym != "!" or src == 0 or tgt == 0:
                    continue
                a = clean_word(words[src - 1])
                t_type, t_words, _ = wn.data[file_pos(tpos)][target]
                b = clean_word(t_words[tgt - 1])
                if a is None or b is None:
                    continue
                if not (wn.is_main_sense(a, ss_type, offset, ANTONYM_RANK, ANTONYM_SHARE)
                        and wn.is_main_sense(b, t_type, target, ANTONYM_RANK, ANTONYM_SHARE)):
                    continue
                pairs.add(tuple(sorted((a, b))))
                # One hop: words sharing the antonym's synset, when that
                # synset is one of their own first senses.
                for raw in t_words:
                    x = clean_word(raw)
                    if x and x != b:
                        if wn.is_main_sense(x, t_type, target, EXPANSION_RANK, EXPANSION_SHARE):
                            pairs.add(tuple(sorted((a, x))))
                for raw in words:
                    y = clean_word(raw)
                    if y and y != a:
                        if wn.is_main_sense(y, ss_type, offset, EXPANSION_RANK, EXPANSION_SHARE):
                            pairs.add(tuple(sorted((y, b))))
    return sorted(p for p in pairs if p[0] != p[1])


def derived_pairs(wn):
    pairs = set()
    for pos in POS_FILES:
        for offset, (ss_type, words, pointers) in wn.data[pos].items():
            for sym, target, tpos, src, tgt in pointers:
                if sym != "+" or src == 0 or tgt == 0:
                    continue
                a = clean_word(words[src - 1])
                t_type, t_words, _ = wn.data[file_pos(tpos)][target]
                b = clean_word(t_words[tgt - 1])
                if a is None or b is None or a == b:
                    continue
                # Derivation is a matter of form, so any sense will do.
                if shares_obvious_stem(a, b):
                    continue
                if wn.totals.get(a, 0) == 0 or wn.totals.get(b, 0) == 0:
                    continue  # a rare word: not worth the bytes
                pairs.add(tuple(sorted((a, b))))
    return sorted(pairs)


def hypernym_pairs(wn, unrelated):
    """(specific, general) noun pairs; none whose sorted pair is in `unrelated`."""
    data, lexfiles = wn.data["n"], wn.lexfiles["n"]
    stop = set()
    for word, sense in HYPERNYM_STOP:
        offset = wn.index["n"][word][0][sense - 1]
        assert word in [w.lower() for w in data[offset][1]], (word, sense)
        stop.add(offset)
    general = {}

    def general_words(offset):
        if offset not in general:
            words = []
            for raw in data[offset][1]:
                word = clean_word(raw)
                if (word and wn.totals.get(word, 0) > 0
                        and wn.is_main_sense(word, "n", offset, HYPERNYM_RANK, HYPERNYM_SHARE)):
                    words.append(word)
            general[offset] = words
        return general[offset]

    def above(offset):
        """Hypernym synsets within reach: offset -> fewest levels used."""
        reached = {}
        frontier = [(offset, 0)]
        for _link in range(HYPERNYM_LINKS):
            step = []
            for synset, levels in frontier:
                for sym, target, _tpos, _src, _tgt in data[synset][2]:
                    if sym not in ("@", "@i") or target in stop:
                        continue
                    if lexfiles[target] not in (lexfiles[offset], TOPS_LEXFILE):
                        continue
                    n = levels + (1 if general_words(target) else 0)
                    if n <= HYPERNYM_LEVELS and n < reached.get(target, n + 1):
                        reached[target] = n
                        step.append((target, n))
            frontier = step
        return reached

    pairs = set()
    for offset, (ss_type, words, _ptrs) in data.items():
        specific = [w for w in map(clean_word, words)
                    if w and wn.is_main_sense(w, ss_type, offset, HYPERNYM_RANK, HYPERNYM_SHARE)]
        if not specific:
            continue
        for target in above(offset):
            for g in general_words(target):
                pairs.update((s, g) for s in specific if s != g)
    # A pair in both directions (two senses, each above the other) is a
    # confusion of senses, not a hierarchy: neither direction is kept.
    return sorted((s, g) for s, g in pairs
                  if (g, s) not in pairs and tuple(sorted((s, g))) not in unrelated)


def curated_pairs(path, sep):
    """Sorted word pairs of a curated table: pairs (`\t`) or groups (` `)."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = sorted(set(line.split(sep)))
            out.update((a, b) for i, a in enumerate(words) for b in words[i + 1:])
    return out


def shares_obvious_stem(a, b):
    """Pairs the stemmer already joins (attack/attacks) need no row.

    A cheap conservative guess: one word is the other plus a plain
    inflectional ending. The Rust side drops any remaining rows whose
    lemmas agree.
    """
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es", short + "ed", short + "d", short + "ing")


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        for line in header:
            f.write("# " + line + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet")
    parser.add_argument("--out", default="data/lexicon")
    parser.add_argument("--curated", default="data/lexicon",
                        help="where synonyms_curated.tsv and antonyms_curated.tsv are")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.wordnet, "data.noun")):
        sys.exit(f"no WordNet database in '{args.wordnet}'\n\nRun apt-get install wordnet-base.")
    wn = WordNet(args.wordnet)
    source = "Generated by scripts/build_lexicon.py from WordNet 3.0 (Princeton University; WordNet 3.0 licence, see README.md)."

    irregular = build_irregular(wn)
    write_rows(os.path.join(args.out, "irregular.tsv"),
               [source, "form<TAB>base: verb.exc and noun.exc, ambiguous forms dropped"],
               irregular)
    groups = synonym_groups(wn)
    write_rows(os.path.join(args.out, "synonyms_wordnet.tsv"),
               [source, f"one synset a line, members whose sense rank <= {SYNONYM_RANK} and tagged"],
               [(" ".join(g),) for g in groups])
    antonyms = antonym_pairs(wn)
    write_rows(os.path.join(args.out, "antonyms_wordnet.tsv"),
               [source, f"a<TAB>b: direct antonyms (sense rank <= {ANTONYM_RANK}) and same-synset expansions"],
               antonyms)
    derived = derived_pairs(wn)
    write_rows(os.path.join(args.out, "derived_wordnet.tsv"),
               [source, "a<TAB>b: derivationally related forms, both words in the tagged corpus"],
               derived)
    # Synonyms and antonyms are not hypernyms: the curated tables count too
    # (as written; the Rust side drops any pair their lemmas still share).
    unrelated = set(antonyms)
    unrelated |= {(a, b) for g in groups for i, a in enumerate(g) for b in g[i + 1:]}
    unrelated |= curated_pairs(os.path.join(args.curated, "synonyms_curated.tsv"), " ")
    unrelated |= curated_pairs(os.path.join(args.curated, "antonyms_curated.tsv"), "\t")
    hypernyms = hypernym_pairs(wn, unrelated)
    write_rows(os.path.join(args.out, "hypernyms_wordnet.tsv"),
               [source, f"specific<TAB>general: nouns, general = a word of a hypernym synset at most "
                        f"{HYPERNYM_LEVELS} levels up, both in a main sense (rank <= {HYPERNYM_RANK})"],
               hypernyms)
    for name, n in (("irregular", len(irregular)), ("synonym groups", len(groups)),
                    ("antonym pairs", len(antonyms)), ("derived pairs", len(derived)),
                    ("hypernym pairs", len(hypernyms))):
        print(f"{name}: {n}", file=sys.stderr)


if __name__ == "__main__":
    main()
