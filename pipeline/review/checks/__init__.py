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
from pipeline.review.checks.base import Context
from pipeline.review.lexicon import Lexicon
from pipeline.text.markdown import strip_inline

Check = Callable[[str, str, str, str, Context], list[tuple[str, str]]]

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


@dataclass(frozen=True)
class Finding:
    id: str
    slug: str
    lang: str
    block: int
    check: str
    evidence: str
    explanation: str

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


def _finding(
    slug: str, lang: str, block: int, check: str, evidence: str, explanation: str, texts: tuple[str, str]
) -> Finding:
    # The id changes when either text changes, so a dismissed finding returns after an edit.
    key = "\x00".join([slug, lang, str(block), check, evidence, explanation, *texts])
    return Finding(
        hashlib.sha256(key.encode()).hexdigest()[:10], slug, lang, block, check, evidence, explanation
    )


def plain(text: str) -> str:
    """The text the checks read: inline markup removed, on one line."""
    return strip_inline(" ".join(text.split()))


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
    findings = []
    for name, check in CHECKS.items():
        for evidence, explanation in check(src, tgt, sl, tl, ctx):
            findings.append(_finding(slug, lang, block, name, evidence, explanation, (source, target)))
    return findings


def check_units(
    units: Iterable[Unit],
    terms: Iterable[Term] = (),
    lexicon: Lexicon | None = None,
    off: frozenset[str] = frozenset(),
) -> list[list[Finding]]:
    """Findings for many blocks, with the analysers run once over all their texts."""
    units = list(units)
    base = Context(glossary=tuple(terms), lexicon=lexicon or Lexicon(), off=off)
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


__all__ = ["CHECKS", "Check", "Context", "Finding", "Unit", "check_pair", "check_units", "plain"]
