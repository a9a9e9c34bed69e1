"""Which sentences of a human translation translate which block of the original.

Pure functions, no workspace. The translation is cut into sentences (and into lines where
a paragraph is a list of lines, such as signatures), never smaller: a block receives whole
sentences or nothing, so no sentence can ever be cut in two. A dynamic programme then walks
both texts in order, choosing for each step one of these beads:

- one block and one or more consecutive sentences (a paragraph, or a block the translator
  split, or part of a paragraph the translator merged from several blocks);
- several blocks and one sentence (a list run together into one sentence, signature lines
  on one line): the sentence goes to the first block, the others get nothing;
- one block alone (the translator left it out), one sentence alone (a translator's note).

Every unit of a bead pays for the part of it that the other side does not cover. The
evidence: when an engine is at hand, how much of the machine translation of a block is found
in the human sentences and how much of each sentence in it (the idea of Bleualign: translate,
then compare), measured as chrF's character n-gram precision (sacrebleu's chrF with β = 0),
less what the same text would match by chance; anchors that survive translation unchanged
(numbers, months, names, acronyms, `¡…!`); the length ratio (Gale–Church); headings; and the
translation's paragraph breaks. Without an engine the original itself is compared (names,
numbers and cognates survive). Leaving a unit alone costs a fixed share of its length, so an
omitted paragraph or an added note stays alone instead of dragging its neighbours. Lines that
the translator reordered (signatures) are matched again among themselves afterwards.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.model import Block
from pipeline.text import segment
from pipeline.text.lengths import MEAN_RATIO, length_cost
from pipeline.text.markdown import strip_inline

# Characters of the target per character of the source, on average (Gale–Church's c).
TITLE = -1  # the index the statement's title takes among the source units

Translator = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class Weights:
    """The costs of the dynamic programme, in characters of text.

    Tuned on the tune split of tests/data/alignment (see docs/benchmarks.md): MACHINE when
    an engine's output is evidence, NO_MACHINE when only anchors, n-grams and lengths are.
    """

    skip: float = 0.85  # leaving a unit alone costs this share of its length and `floor`
    floor: float = 20.0  # what every unit weighs beyond its length: short lines still count
    prior: float = 0.5  # the coverage a paired unit is assumed to have on its `floor`
    cut: float = 6.0  # a bead ending inside a translation paragraph (a merge)
    join: float = 10.0  # a bead going on over a paragraph break (a split)
    many: float = 4.0  # each block after the first in a bead of several blocks and one sentence
    lead: float = 1.5  # in such a bead, what the first block misses weighs this much more
    kind: float = 30.0  # a heading paired with what is not one (when the translation has headings)
    length: float = 1.0  # weight of the Gale–Church length cost
    anchors: float = 0.3  # share of a unit's coverage that anchors make, where it has any
    raw_scale: float = 1.0  # without MT, coverage beyond chance is scaled up by this much
    line_floor: float = 0.05  # reordered lines: the score a pair must pass to count
    band: float = 2000.0  # characters off the diagonal beyond which no pair is looked for
    max_sentences: int = 12  # the most sentences one block can take
    max_blocks: int = 8  # the most blocks one sentence can take


MACHINE = Weights()
NO_MACHINE = Weights(skip=0.95, prior=0.7, join=20.0, anchors=0.5, raw_scale=2.0)


@dataclass(frozen=True)
class Sentence:
    """One sentence (or line) of the translation: the smallest unit a block can receive."""

    text: str  # as written, inline markup kept
    plain: str  # the words alone
    para: int  # which translation paragraph it belongs to
    starts: bool  # first of its paragraph
    ends: bool  # last of its paragraph
    heading: bool = False  # its paragraph is a heading


@dataclass(frozen=True)
class Source:
    """One unit of the original: a prose block, or the statement's title."""

    index: int  # the block's index, or TITLE
    text: str  # the words alone
    heading: bool = False  # a heading, or the title
    free: bool = False  # may stay alone at no cost: a body line that repeats the title


@dataclass
class Pair:
    index: int  # the original block's index (TITLE for the title)
    sentences: list[int]  # positions in `Pairing.sentences`
    text: str
    score: float  # how much the two sides look like translations of each other, 0..1


@dataclass
class Pairing:
    sentences: list[Sentence]
    pairs: dict[int, Pair] = field(default_factory=dict)  # block index -> its translation
    unaligned: list[int] = field(default_factory=list)  # block indexes with no text of their own
    # Of those, the blocks whose translation is inside another block's sentence: block -> that block.
    merged: dict[int, int] = field(default_factory=dict)
    extra: list[list[int]] = field(default_factory=list)  # runs of sentences that translate nothing
    cost: float = 0.0

    def extra_texts(self) -> list[str]:
        return [join_sentences([self.sentences[k] for k in run]) for run in self.extra]


def join_sentences(sentences: Sequence[Sentence]) -> str:
    return " ".join(s.text for s in sentences)


def plain(text: str) -> str:
    return " ".join(strip_inline(text).split())


# --- the translation, cut into sentences -------------------------------------------------


def _lines(text: str) -> list[str]:
    """A block's lines when they are separate lines (signatures, an address), else the whole block.

    Hard-wrapped prose has long lines that end without punctuation: cutting there would cut a
    sentence, so such a block stays whole.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return [" ".join(lines)]
    wrapped = [line for line in lines[:-1] if len(line) >= 40 and not re.search(r"[.!?:;…\"”»)]$", line)]
    return [" ".join(lines)] if wrapped else lines


def sentences_of(blocks: Sequence[Block]) -> list[Sentence]:
    out: list[Sentence] = []
    for para, block in enumerate(blocks):
        pieces = [s.strip() for line in _lines(block.text) for s in segment.split(line) if s.strip()]
        for k, piece in enumerate(pieces):
            out.append(
                Sentence(piece, plain(piece), para, k == 0, k == len(pieces) - 1, block.kind == "heading")
            )
    return out


# --- evidence ------------------------------------------------------------------------------

_MONTHS = {
    name: f"<month{n}>"
    for n, names in enumerate(
        [
            ("enero", "january", "jan", "ene"),
            ("febrero", "february", "feb"),
            ("marzo", "march", "mar"),
            ("abril", "april", "apr", "abr"),
            ("mayo", "may"),
            ("junio", "june", "jun"),
            ("julio", "july", "jul"),
            ("agosto", "august", "aug", "ago"),
            ("septiembre", "setiembre", "september", "sep", "sept"),
            ("octubre", "october", "oct"),
            ("noviembre", "november", "nov"),
            ("diciembre", "december", "dec", "dic"),
        ],
        start=1,
    )
    for name in names
}
_THOUSANDS = re.compile(r"(?<=\d)[.,\u202f\u00a0 ](?=\d{3}\b)")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def anchors(text: str) -> Counter[str]:
    """What survives translation unchanged: numbers, month names (as numbers), names and
    acronyms (capitalised words that do not open a sentence), and exclamations."""
    found: Counter[str] = Counter()
    flat = _THOUSANDS.sub("", text)
    found.update(n.lstrip("0") or "0" for n in _NUMBER.findall(flat))
    for sentence in segment.sentences(text):
        words = _WORD.findall(sentence)
        for k, word in enumerate(words):
            folded = _fold(word)
            if folded in _MONTHS:
                found[_MONTHS[folded]] += 1
            elif (word.isupper() and len(word) >= 2) or (k > 0 and word[0].isupper() and len(word) >= 3):
                found[folded] += 1
    found["!"] += text.count("!")
    return found


CHAR_ORDER = 6  # chrF's character n-gram orders, 1 to 6
# How much of an unrelated sentence is found by chance in a text of so many characters:
# short n-grams are everywhere, so containment grows with the length of the text searched.
# Measured on the alignment corpus' tune split (`bench/align.py --chance`): sentences of one
# statement in machine translations (MT) or originals (RAW, the other language) of others.
CHANCE_MT = ((50, 0.113), (100, 0.174), (200, 0.244), (400, 0.311), (800, 0.365), (1600, 0.397))
CHANCE_RAW = ((50, 0.093), (100, 0.146), (200, 0.199), (400, 0.251), (800, 0.288), (1600, 0.306))


def char_ngrams(text: str) -> list[Counter[str]]:
    """chrF's character n-grams of a text (sacrebleu's extraction: whitespace removed)."""
    from sacrebleu.metrics.helpers import extract_all_char_ngrams

    return extract_all_char_ngrams(text, CHAR_ORDER)


def chance(length: int, table: Sequence[tuple[int, float]]) -> float:
    """The containment expected by chance in a text of `length` characters (log-interpolated)."""
    if length <= table[0][0]:
        return table[0][1] * max(length, 1) / table[0][0]
    for (l0, c0), (l1, c1) in itertools.pairwise(table):
        if length <= l1:
            return c0 + (c1 - c0) * math.log(length / l0) / math.log(l1 / l0)
    return table[-1][1]


def contained(part: list[Counter[str]], whole: list[Counter[str]]) -> float:
    """How much of `part` is found in `whole`, 0..1: chrF with β = 0, its n-gram precision
    averaged over the orders both texts have (as sacrebleu's CHRF(beta=0) computes it; the
    n-grams are passed in so that each text is cut into n-grams once)."""
    total, orders = 0.0, 0
    for hyp, ref in zip(part, whole, strict=True):
        if not hyp or not ref:
            continue
        matches = sum(min(hyp[gram], ref[gram]) for gram in hyp.keys() & ref.keys())
        total += matches / hyp.total()
        orders += 1
    return total / orders if orders else 0.0


class Evidence:
    """How well each unit is covered by the other side of a bead, 0..1, cached.

    With machine translation, a block's MT is looked for in the human sentences, and each
    sentence in the blocks' MT; without it, the source text itself (names, numbers and
    cognates survive), rescaled to the same range. Anchors are mixed in where a unit has any.
    """

    def __init__(
        self,
        sources: Sequence[Source],
        machine: Sequence[str] | None,
        sentences: Sequence[Sentence],
        weights: Weights,
    ) -> None:
        self.sources = [s.text for s in sources]
        self.machine = [plain(m) for m in machine] if machine is not None else None
        self.sentences = sentences
        self.weights = weights
        self.src_anchors = [anchors(s) for s in self.sources]
        self.tgt_anchors = [anchors(s.plain) for s in sentences]
        self._src: dict[tuple[int, int, int], float] = {}
        self._tgt: dict[tuple[int, int, int], float] = {}
        self._grams: dict[tuple[str, int, int], list[Counter[str]]] = {}

    def _ngrams(self, side: str, start: int, count: int) -> list[Counter[str]]:
        key = (side, start, count)
        if key not in self._grams:
            text = self._side(start, count) if side == "s" else self.target_text(start, count)
            self._grams[key] = char_ngrams(text)
        return self._grams[key]

    def _side(self, i: int, a: int) -> str:
        side = self.machine if self.machine is not None else self.sources
        return " ".join(side[i : i + a])

    def target_text(self, j: int, k: int) -> str:
        return " ".join(s.plain for s in self.sentences[j : j + k])

    def _mix(self, chars: float, searched: int, own: Counter[str], other: Counter[str]) -> float:
        """Coverage beyond chance, mixed with the share of the unit's anchors found."""
        w = self.weights
        base = chance(searched, CHANCE_MT if self.machine is not None else CHANCE_RAW)
        chars = max(0.0, (chars - base) / (1 - base))
        if self.machine is None:
            chars = min(1.0, chars * w.raw_scale)
        total = sum(own.values())
        if not total:
            return chars
        found = sum((own & other).values()) / total
        return (1 - w.anchors) * chars + w.anchors * found

    def source(self, i: int, j: int, k: int) -> float:
        """Coverage of source unit i by sentences j..j+k."""
        key = (i, j, k)
        if key not in self._src:
            chars = contained(self._ngrams("s", i, 1), self._ngrams("t", j, k))
            other: Counter[str] = sum(self.tgt_anchors[j : j + k], Counter())
            searched = len(self.target_text(j, k))
            self._src[key] = self._mix(chars, searched, self.src_anchors[i], other)
        return self._src[key]

    def target(self, j: int, i: int, a: int) -> float:
        """Coverage of sentence j by source units i..i+a."""
        key = (j, i, a)
        if key not in self._tgt:
            chars = contained(self._ngrams("t", j, 1), self._ngrams("s", i, a))
            other: Counter[str] = sum(self.src_anchors[i : i + a], Counter())
            self._tgt[key] = self._mix(chars, len(self._side(i, a)), self.tgt_anchors[j], other)
        return self._tgt[key]

    def score(self, i: int, a: int, j: int, k: int) -> float:
        """A pair's score: the coverage of both sides, weighted by length."""
        units = [(len(self.sources[x]), self.source(x, j, k)) for x in range(i, i + a)]
        units += [(len(self.sentences[y].plain), self.target(y, i, a)) for y in range(j, j + k)]
        total = sum(n for n, _ in units)
        return sum(n * c for n, c in units) / total if total else 0.0


# --- the dynamic programme ---------------------------------------------------------------


@dataclass(frozen=True)
class Bead:
    i: int  # first source unit
    a: int  # how many source units
    j: int  # first sentence
    k: int  # how many sentences
    cost: float


class Coverage(Protocol):
    def source(self, i: int, j: int, k: int) -> float: ...
    def target(self, j: int, i: int, a: int) -> float: ...


def align_units(
    src: Sequence[Source],
    tgt: Sequence[Sentence],
    coverage: Coverage,
    ratio: float,
    weights: Weights | None = None,
    title_ok: bool = False,
) -> tuple[list[Bead], float]:
    """The cheapest sequence of beads over source units and translation sentences.

    Every unit pays for what the other side of its bead does not cover (its length times
    one minus its coverage, plus a small prior), or a fixed share of its length when it
    stays alone. With `title_ok`, source unit 0 is the statement's title: it can take the
    translation's first paragraph, whole, or nothing.
    """
    w = weights or Weights()
    n, m = len(src), len(tgt)
    src_len = [len(s.text) for s in src]
    tgt_len = [len(s.plain) for s in tgt]
    headings = any(s.heading for s in tgt)  # only then does a heading say anything
    # A band around the diagonal keeps long texts fast: a pair never lies further from where
    # the lengths put it than a few long paragraphs (never binding on a statement-sized text).
    src_at = [0, *itertools.accumulate(src_len)]
    tgt_at = [0, *itertools.accumulate(tgt_len)]
    scale = tgt_at[-1] / max(1, src_at[-1])
    band = max(w.band, 2 * max(src_len + tgt_len, default=0))
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[Bead | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    paired = w.floor * (1 - w.prior)

    def boundary(j: int) -> float:
        """Ending a bead before sentence j: free at a paragraph break, `cut` inside one."""
        return 0.0 if j == m or tgt[j].starts else w.cut

    def pair_cost(i: int, a: int, j: int, k: int) -> float:
        ls = sum(src_len[i : i + a])
        lt = sum(tgt_len[j : j + k])
        breaks = sum(1 for s in tgt[j + 1 : j + k] if s.starts)
        total = w.length * length_cost(ls, lt, ratio) + w.join * breaks + boundary(j + k)
        if headings:
            total += w.kind * sum(1 for s in tgt[j : j + k] if s.heading != src[i].heading)
            if a == k == 1 and src[i].heading and tgt[j].heading:
                total -= w.kind  # two headings in the same place: as good as an anchor
        lead = w.lead if a > 1 else 1.0  # the sentence goes to the first block: it must be there
        total += src_len[i] * (1 - coverage.source(i, j, k)) * lead + paired
        for x in range(i + 1, i + a):  # blocks run into the first one's sentence
            total += src_len[x] * (1 - coverage.source(x, j, k)) + paired + w.many
        for y in range(j, j + k):
            total += tgt_len[y] * (1 - coverage.target(y, i, a)) + paired
        return total

    def relax(i: int, j: int, bead: Bead) -> None:
        ni, nj = i + bead.a, j + bead.k
        total = cost[i][j] + bead.cost
        if total < cost[ni][nj]:
            cost[ni][nj] = total
            back[ni][nj] = bead

    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf or abs(tgt_at[j] - src_at[i] * scale) > band:
                continue
            if i < n:
                relax(i, j, Bead(i, 1, j, 0, 0.0 if src[i].free else (src_len[i] + w.floor) * w.skip))
            if j < m:
                relax(i, j, Bead(i, 0, j, 1, (tgt_len[j] + w.floor) * w.skip + boundary(j + 1)))
            if i >= n or j >= m:
                continue
            if title_ok and i == 0:
                if j == 0:
                    k = next(x for x in range(1, m + 1) if x == m or tgt[x].starts)
                    relax(i, j, Bead(0, 1, 0, k, pair_cost(0, 1, 0, k)))
                continue
            for k in range(1, min(w.max_sentences, m - j) + 1):
                if _plausible(src_len[i], sum(tgt_len[j : j + k]), ratio):
                    relax(i, j, Bead(i, 1, j, k, pair_cost(i, 1, j, k)))
            for a in range(2, min(w.max_blocks, n - i) + 1):
                if _plausible(sum(src_len[i : i + a]), tgt_len[j], ratio):
                    relax(i, j, Bead(i, a, j, 1, pair_cost(i, a, j, 1)))
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        bead = back[i][j]
        assert bead is not None
        beads.append(bead)
        i, j = bead.i, bead.j
    return beads[::-1], cost[n][m]


def _plausible(ls: int, lt: int, ratio: float) -> bool:
    """Lengths a translation could have: cheap pruning before any similarity is computed."""
    expected = ls * ratio
    return lt <= 3 * expected + 40 and expected <= 3 * lt + 40


# --- reordered lines ---------------------------------------------------------------------


def is_line(text: str) -> bool:
    """A short line with no sentence in it: a signature, a name, a slogan, a heading."""
    return len(text) <= 90 and not re.search(r"[.:;]$", text.strip())


def reorder_lines(result: Pairing, src: Sequence[Source], evidence: Evidence, floor: float) -> None:
    """Signature lines the translator put in another order.

    The programme keeps both texts in order; where a run of short lines in the original
    meets a run of short lines in the translation (between two pairs it is sure of), the
    lines are matched again as a set, and the best assignment replaces the ordered one.
    """
    position = {s.index: n for n, s in enumerate(src)}
    taken: dict[int, int] = {}  # sentence -> source position
    for index, found in result.pairs.items():
        for k in found.sentences:
            taken[k] = position[index]
    start = 0
    while start < len(src):
        if not (is_line(src[start].text) and src[start].index != TITLE):
            start += 1
            continue
        end = start
        while end < len(src) and is_line(src[end].text):
            end += 1
        run = list(range(start, end))
        start = end
        if len(run) < 2 or len(run) > 8:
            continue
        before = [k for k, pos in taken.items() if pos < run[0]]
        after = [k for k, pos in taken.items() if pos > run[-1]]
        lo = max(before, default=-1) + 1
        hi = min(after, default=len(result.sentences))
        slots = list(range(lo, hi))
        lines = [k for k in slots if result.sentences[k].starts and result.sentences[k].ends]
        if (
            len(lines) != len(slots)
            or not 2 <= len(slots) <= 8
            or not all(is_line(result.sentences[k].plain) for k in slots)
        ):
            continue
        score = [[evidence.score(r, 1, k, 1) - floor for k in slots] for r in run]
        current = sum(
            score[r][slots.index(k)]
            for r, pos in enumerate(run)
            for k in (result.pairs[src[pos].index].sentences if src[pos].index in result.pairs else [])
            if k in slots
        )
        chosen, value = _best_assignment(score)
        if value <= current + 1e-9:
            continue
        for r, pos in enumerate(run):
            index = src[pos].index
            result.pairs.pop(index, None)
            result.merged.pop(index, None)
            if index in result.unaligned:
                result.unaligned.remove(index)
            c = chosen[r]
            if c is None:
                result.unaligned.append(index)
            else:
                k = slots[c]
                result.pairs[index] = Pair(index, [k], result.sentences[k].text, evidence.score(pos, 1, k, 1))
        result.extra = [run_ for run_ in result.extra if not set(run_) & set(slots)]
        used = {slots[c] for c in chosen if c is not None}
        result.extra.extend([k] for k in slots if k not in used)
        result.extra.sort()
        result.unaligned.sort()


def _best_assignment(score: list[list[float]]) -> tuple[list[int | None], float]:
    """Each row to at most one distinct column, maximising the total of positive scores
    (exact, over subsets of columns: a run has at most eight lines)."""
    cols = len(score[0]) if score else 0
    best: dict[int, tuple[float, list[int | None]]] = {0: (0.0, [])}
    for row in score:
        nxt: dict[int, tuple[float, list[int | None]]] = {}
        for used, (total, chosen) in best.items():
            options: list[tuple[int, float, int | None]] = [(used, total, None)]
            options += [
                (used | (1 << c), total + row[c], c)
                for c in range(cols)
                if not used & (1 << c) and row[c] > 0
            ]
            for key, value, c in options:
                if key not in nxt or value > nxt[key][0]:
                    nxt[key] = (value, [*chosen, c])
        best = nxt
    value, chosen = max(best.values(), key=lambda item: item[0])
    return chosen, value


# --- the whole pairing ---------------------------------------------------------------------


def title_candidate(blocks: Sequence[Block]) -> bool:
    """Whether the translation's first paragraph could be a title line: a heading, or a first
    short line that is not a sentence."""
    if len(blocks) < 2:
        return False
    first = blocks[0]
    text = plain(first.text)
    return first.kind == "heading" or (len(text) <= 160 and "\n" not in first.text.strip() and is_line(text))


def _same(a: str, b: str) -> bool:
    return _fold(" ".join(re.findall(r"\w+", a))) == _fold(" ".join(re.findall(r"\w+", b)))


def pair(
    blocks: Sequence[Block],
    title: str | None,
    translation: Sequence[Block],
    source_lang: str,
    target_lang: str,
    translator: Translator | None = None,
    weights: Weights | None = None,
) -> Pairing:
    """Pair the prose blocks of an original (and its title) with a translation's sentences.

    `translator` machine-translates a list of texts (the source blocks) into the target
    language; without one, anchors, character n-grams and lengths are the only evidence.
    """
    w = weights or (MACHINE if translator is not None else NO_MACHINE)
    sentences = sentences_of(translation)
    title_ok = bool(title) and title_candidate(translation)
    src = [Source(TITLE, plain(title or ""), heading=True)] if title_ok else []
    src += [
        Source(b.index, plain(b.text), b.kind == "heading", free=bool(title) and _same(b.text, title or ""))
        for b in blocks
    ]
    machine = translator([s.text for s in src]) if translator is not None and src else None
    ratio = MEAN_RATIO.get((source_lang, target_lang), 1.0)
    evidence = Evidence(src, machine, sentences, w)
    beads, total = align_units(src, sentences, evidence, ratio, w, title_ok)
    result = Pairing(sentences, cost=total)
    for bead in beads:
        if bead.a and bead.k:
            index = src[bead.i].index
            taken = list(range(bead.j, bead.j + bead.k))
            score = evidence.score(bead.i, bead.a, bead.j, bead.k)
            result.pairs[index] = Pair(
                index, taken, join_sentences(sentences[bead.j : bead.j + bead.k]), score
            )
            for covered in src[bead.i + 1 : bead.i + bead.a]:
                result.unaligned.append(covered.index)
                result.merged[covered.index] = index
        elif bead.a:
            if src[bead.i].index != TITLE:
                result.unaligned.append(src[bead.i].index)
        elif result.extra and result.extra[-1][-1] == bead.j - 1 and not sentences[bead.j].starts:
            result.extra[-1].append(bead.j)
        else:
            result.extra.append([bead.j])
    reorder_lines(result, src, evidence, w.line_floor)
    return result


__all__ = [
    "TITLE",
    "Evidence",
    "Pair",
    "Pairing",
    "Sentence",
    "Source",
    "Weights",
    "align_units",
    "anchors",
    "pair",
    "sentences_of",
]
