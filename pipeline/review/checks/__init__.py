"""Fidelity checks between an original block and its translation: a registry, one check per file.

Each check looks for one way a translation can betray its source without anyone noticing
and returns (evidence, explanation) pairs. Adding a check is one file in this folder with a
`check(source, target, source_lang, target_lang)` function, and one line in CHECKS.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from pipeline.review.checks import dates, degenerate, length, names, negation, numbers, untranslated
from pipeline.text.markdown import strip_inline

Check = Callable[[str, str, str, str], list[tuple[str, str]]]

CHECKS: dict[str, Check] = {
    "numbers": numbers.check,
    "dates": dates.check,
    "names": names.check,
    "negation": negation.check,
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


def _finding(
    slug: str, lang: str, block: int, check: str, evidence: str, explanation: str, texts: tuple[str, str]
) -> Finding:
    # The id changes when either text changes, so a dismissed finding returns after an edit.
    key = "\x00".join([slug, lang, str(block), check, evidence, *texts])
    return Finding(
        hashlib.sha256(key.encode()).hexdigest()[:10], slug, lang, block, check, evidence, explanation
    )


def check_pair(slug: str, lang: str, block: int, source: str, target: str, sl: str, tl: str) -> list[Finding]:
    src, tgt = strip_inline(" ".join(source.split())), strip_inline(" ".join(target.split()))
    if not src.strip() or not tgt.strip():
        return []
    findings = []
    for name, check in CHECKS.items():
        for evidence, explanation in check(src, tgt, sl, tl):
            findings.append(_finding(slug, lang, block, name, evidence, explanation, (source, target)))
    return findings
