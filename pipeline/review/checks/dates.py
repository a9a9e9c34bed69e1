"""Dates: every date of the original, and no other, in the translation."""

from __future__ import annotations

from collections import Counter

from pipeline.text.dates import find_dates


def check(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    a = Counter(d.iso for d in find_dates(src, sl))
    b = Counter(d.iso for d in find_dates(tgt, tl))
    out = [(d, f"the date {d} in the original is not in the translation") for d in sorted(a - b)]
    out += [(d, f"the translation has the date {d}, which the original does not") for d in sorted(b - a)]
    return out
