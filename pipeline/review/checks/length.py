"""Length: a translation far shorter or longer than its original usually lost or added text."""

from __future__ import annotations

from pipeline.review.checks.base import Context, Signal

# Normal ratio of translation length to source length, per direction.
LENGTH_RANGE = {("es", "en"): (0.55, 1.6), ("en", "es"): (0.7, 1.9)}
MIN_LENGTH_FOR_RATIO = 40


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    if len(src) < MIN_LENGTH_FOR_RATIO:
        return []
    low, high = LENGTH_RANGE.get((sl, tl), (0.5, 2.0))
    ratio = len(tgt) / max(1, len(src))
    if ratio < low:
        return [
            Signal(
                f"{ratio:.2f}",
                f"the translation is {ratio:.2f}× the original's length: something may be missing",
                "length.short",
            )
        ]
    if ratio > high:
        return [
            Signal(
                f"{ratio:.2f}",
                f"the translation is {ratio:.2f}× the original's length: something may be added",
                "length.long",
            )
        ]
    return []
