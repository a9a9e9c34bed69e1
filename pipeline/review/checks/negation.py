"""Negation: a lost or added "no" reverses a sentence's meaning."""

from __future__ import annotations

import re

from pipeline.review.checks.base import Context

NEGATIONS = {
    "es": {
        "no",
        "nunca",
        "ni",
        "sin",
        "jamás",
        "jamas",
        "tampoco",
        "nadie",
        "nada",
        "ningún",
        "ninguno",
        "ninguna",
        "ningun",
    },
    "en": {"no", "not", "never", "nor", "without", "neither", "none", "nobody", "nothing", "cannot", "n't"},
}


def _negated(text: str, lang: str) -> bool:
    words = re.findall(r"[^\W\d_]+(?:'t)?", text.lower())
    if lang == "en" and any(w.endswith("n't") for w in words):
        return True
    return any(w in NEGATIONS[lang] for w in words)


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[tuple[str, str]]:
    a, b = _negated(src, sl), _negated(tgt, tl)
    if a and not b:
        return [
            (
                "negation",
                "the original has a negation and the translation has none: the meaning may be reversed",
            )
        ]
    if b and not a:
        return [
            ("negation", "the translation has a negation the original does not: the meaning may be reversed")
        ]
    return []
