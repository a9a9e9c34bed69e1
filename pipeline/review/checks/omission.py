"""Omission: a sentence of the original with nothing in the translation to answer it.

A translation with fewer sentences than its original is either merging sentences (its
length stays in proportion) or leaving one out (it is short by about that sentence). When
the translation is short of the usual length ratio for the direction by more than
`SHORT`, and leaving out one sentence of the original brings it back in proportion, that
sentence is reported.
"""

from __future__ import annotations

from pipeline.review.checks.base import Context, Signal

SHORT = 0.85  # translation length ÷ expected length below which a missing sentence is suspected
MIN_WORDS = 2


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    from pipeline.text.lengths import MEAN_RATIO
    from pipeline.text.segment import sentences

    if sl == tl:
        return []
    a, b = sentences(src), sentences(tgt)
    if len(b) >= len(a):
        return []
    mean = MEAN_RATIO.get((sl, tl), 1.0)
    ratio = len(tgt) / max(1, len(src) * mean)
    if ratio >= SHORT:
        return []
    # The sentence whose absence best explains the shortfall.
    candidates = [s for s in a if len(s.split()) >= MIN_WORDS and len(s) < len(src)]
    if not candidates:
        return []
    best = min(candidates, key=lambda s: abs(len(tgt) / ((len(src) - len(s)) * mean) - 1))
    shown = best if len(best) <= 80 else best[:77] + "…"
    return [
        Signal(shown, "this sentence of the original seems to be missing from the translation", "omission")
    ]
