"""What every check may know besides the two texts, and the word helpers several checks share."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from pipeline.glossary import Term
from pipeline.review.lexicon import Lexicon


@dataclass(frozen=True)
class Context:
    """The workspace glossary, whether the block was carried over in its own language, and the
    morphological analysers (shared by every block of one run, so they run once per batch)."""

    glossary: tuple[Term, ...] = ()
    kept: bool = False
    lexicon: Lexicon = field(default_factory=Lexicon, compare=False)
    # Rules switched off by name ("names.compass"): only the benchmark's cross-validation
    # does this, to measure what each rule is worth on pairs it was not written from.
    off: frozenset[str] = frozenset()
    # The rules whose evidence is weak (None: the registry's WEAK); the benchmark sets an
    # empty set to see every signal, and tries other sets in its cross-validation.
    weak: frozenset[str] | None = None

    def on(self, rule: str) -> bool:
        return rule not in self.off

    def for_block(self, kept: bool) -> Context:
        return dataclasses.replace(self, kept=kept)


class Signal(NamedTuple):
    """What a check found: the words it is about, a sentence for the reader, and the rule that
    found it (`numbers.lost`, `names.unknown`...). A rule's evidence is strong or weak (see
    WEAK in this package's registry): a weak signal is reported only when another weak
    signal in the same block agrees. A check may return plain (evidence, explanation)
    pairs: they count as strong, under the check's own name."""

    evidence: str
    explanation: str
    rule: str = ""


T = TypeVar("T")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def fold(text: str) -> str:
    """Lower case without accents: "Dublín" and "dublin" are the same word here."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return WORD.findall(text)


def match(left: Sequence[T], right: Sequence[T], fits: Callable[[T, T], bool]) -> tuple[list[T], list[T]]:
    """A maximum matching between two small lists (Kuhn's augmenting paths): the unmatched of each."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, candidate in enumerate(right):
            if j in seen or not fits(left[i], candidate):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(left)):
        augment(i, set())
    matched_left = set(owner.values())
    return (
        [x for i, x in enumerate(left) if i not in matched_left],
        [y for j, y in enumerate(right) if j not in owner],
    )


def name_like(text: str, lang: str) -> bool:
    """A Spanish date written with a capital is part of a name: "9 de Julio", "Plaza de Mayo"."""
    return lang == "es" and any(c.isupper() for c in text)
