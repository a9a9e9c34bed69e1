"""Fidelity checks between an original block and its translation: a registry, one check per file.

Each check looks for one way a translation can betray its source without anyone noticing
and returns (evidence, explanation) pairs. Adding a check is one file in this folder with a
`check(source, target, source_lang, target_lang, context)` function, and one line in CHECKS.
The `Context` carries what a check may need besides the two texts: the workspace glossary,
whether the block was carried over in its own language, and the morphological analysers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from pipeline.glossary import Term
from pipeline.review.checks import (
    dates,
    degenerate,
    glossary,
    length,
    names,
    negation,
    numbers,
    omission,
    untranslated,
)
from pipeline.review.checks.base import Context, Signal
from pipeline.review.lexicon import Lexicon
from pipeline.text.markdown import strip_inline

Check = Callable[[str, str, str, str, Context], list[Signal] | list[tuple[str, str]]]

CHECKS: dict[str, Check] = {
    "numbers": numbers.check,
    "dates": dates.check,
    "names": names.check,
    "negation": negation.check,
    "glossary": glossary.check,
    "omission": omission.check,
    "untranslated": untranslated.check,
    "degenerate": degenerate.check,
    "length": length.check,
}


# Rules whose evidence alone is weak: a correct translation trips them more often than a fault
# does (chosen by `bench/fidelity.py --cv` on the tuning corpora, docs/benchmarks.md §11), so
# they are reported only where AGREE weak signals of one block say the same. A word the
# lexicon lacks made of words it has ("Socioambiental", "Assemblymember") is usually a common
# word written together; a two-letter code after a name ("Grant, RN", "Fremantle, WA") is a
# credential or a state that translators write out.
WEAK: frozenset[str] = frozenset({"names.compound", "names.acronym-apposition"})
AGREE = 2


@dataclass(frozen=True)
class Finding:
    id: str
    slug: str
    lang: str
    block: int
    check: str
    evidence: str
    explanation: str
    rule: str = ""  # the rule that found it (`names.unknown`); see WEAK

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Unit:
    """One block to check: where it is, its two texts and their languages."""

    slug: str
    lang: str  # the translation's target language (where the finding belongs)
    block: int
    source: str
    target: str
    source_lang: str
    target_lang: str
    kept: bool = False  # carried over in its own language: both texts are in source_lang


def _finding(slug: str, lang: str, block: int, check: str, signal: Signal, texts: tuple[str, str]) -> Finding:
    # The id changes when either text changes, so a dismissed finding returns after an edit.
    key = "\x00".join([slug, lang, str(block), check, signal.evidence, signal.explanation, *texts])
    return Finding(
        hashlib.sha256(key.encode()).hexdigest()[:10],
        slug,
        lang,
        block,
        check,
        signal.evidence,
        signal.explanation,
        signal.rule or check,
    )


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def plain(text: str) -> str:
    """The text the checks read: inline markup removed, on one line, one kind of apostrophe
    (O'Brien and O’Brien are the same name)."""
    return strip_inline(" ".join(text.split())).translate(_APOSTROPHES)


def check_pair(
    slug: str,
    lang: str,
    block: int,
    source: str,
    target: str,
    sl: str,
    tl: str,
    context: Context | None = None,
) -> list[Finding]:
    ctx = context or Context()
    src, tgt = plain(source), plain(target)
    if not src.strip() or not tgt.strip():
        return []
    # Identical texts lost or changed nothing: only "left untranslated" can be said of them.
    same = src.casefold() == tgt.casefold()
    findings = []
    for name, check in CHECKS.items():
        if same and name != "untranslated":
            continue
        for found in check(src, tgt, sl, tl, ctx):
            signal = Signal(*found)
            findings.append(_finding(slug, lang, block, name, signal, (source, target)))
    return gate(findings, ctx.weak)


def gate(findings: list[Finding], weak: frozenset[str] | None = None) -> list[Finding]:
    """The findings to report for one block: every strong one, and the weak ones only where
    at least two weak signals agree (see WEAK). `weak=frozenset()` reports everything."""
    weak = WEAK if weak is None else weak
    faint = [f for f in findings if f.rule in weak]
    if len(faint) >= AGREE:
        return findings
    return [f for f in findings if f.rule not in weak]


def check_units(
    units: Iterable[Unit],
    terms: Iterable[Term] = (),
    lexicon: Lexicon | None = None,
    off: frozenset[str] = frozenset(),
    weak: frozenset[str] | None = None,
) -> list[list[Finding]]:
    """Findings for many blocks, with the analysers run once over all their texts. `off` and
    `weak` are for the benchmark (rules switched off; the weak rules, `frozenset()` to see
    every signal ungated)."""
    units = list(units)
    base = Context(glossary=tuple(terms), lexicon=lexicon or Lexicon(), off=off, weak=weak)
    base.lexicon.prepare((plain(t), lang) for u in units for t, lang in _texts(u))
    texts = [(plain(u.source), plain(u.target), u.source_lang, u.target_lang) for u in units]
    names.prepare(texts, base)
    negation.prepare(texts, base)
    return [
        check_pair(
            u.slug,
            u.lang,
            u.block,
            u.source,
            u.target,
            u.source_lang,
            u.target_lang,
            base.for_block(kept=u.kept),
        )
        for u in units
    ]


def _texts(unit: Unit) -> list[tuple[str, str]]:
    return [(unit.source, unit.source_lang), (unit.target, unit.target_lang)]


__all__ = [
    "AGREE",
    "CHECKS",
    "WEAK",
    "Check",
    "Context",
    "Finding",
    "Signal",
    "Unit",
    "check_pair",
    "check_units",
    "gate",
    "plain",
]
