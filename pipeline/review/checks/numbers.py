"""Numbers: the same quantities on both sides, read in each language's notation.

Quantities come from `pipeline.text.quantities` (digits, scale words, numbers in words,
ordinals, fractions, Roman numerals, clock times), each with every value it can stand for.
Those of the original are paired with those of the translation that can stand for the same
value (a maximum matching, so one "12" is not counted twice); what is left over on either
side is reported. Numbers inside dates are the date check's business.
"""

from __future__ import annotations

import re

from pipeline.review.checks.base import Context, Signal, match, name_like
from pipeline.text.dates import date_mentions
from pipeline.text.quantities import quantities

# A translator may add a conversion in brackets: "80 °F (27 °C)", "5 miles (8 km)".
_CONVERTED = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?(°\s?[FC]|miles|millas|km|kilómetros|kilometres|kilometers)\s*"
    r"\(\s*(?:unos\s+|about\s+|approx\.\s+)?(\d+(?:[.,]\d+)?)\s?(°\s?[FC]|miles|millas|km|kilómetros|kilometres|kilometers)\s*\)"
)
_CONVERT = {
    "F": lambda f: (f - 32) * 5 / 9,
    "C": lambda c: c * 9 / 5 + 32,
    "mi": lambda m: m * 1.609,
    "km": lambda k: k / 1.609,
}


def _unit(text: str) -> str:
    text = text.replace(" ", "")
    return text[-1] if text.startswith("°") else ("mi" if text in ("miles", "millas") else "km")


def conversions(text: str) -> list[tuple[int, int]]:
    """Spans of conversions in brackets that agree with the quantity before them."""
    spans = []
    for m in _CONVERTED.finditer(text):
        first, second = (float(g.replace(",", ".")) for g in (m.group(1), m.group(3)))
        a, b = _unit(m.group(2)), _unit(m.group(4))
        if a != b and abs(_CONVERT[a](first) - second) <= max(1.0, 0.05 * second):
            spans.append((m.start(3), m.end()))
    return spans


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    src_dates = date_mentions(src, sl)
    skip_tgt = [(d.start, d.end) for d in date_mentions(tgt, tl)] + conversions(tgt)
    for d in src_dates:  # a date carried as it is, inside a name ("Avenida 9 de Julio")
        at = tgt.find(d.text)
        if at >= 0 and name_like(d.text, sl):
            skip_tgt.append((at, at + len(d.text)))
    a = quantities(src, sl, skip=[(d.start, d.end) for d in src_dates] + conversions(src))
    b = quantities(tgt, tl, skip=skip_tgt)
    lost, added = match(a, b, lambda x, y: bool(x.values & y.values))
    out = []
    for q in [q for q in lost if any(q.text == r.text for r in added)]:
        out.append(
            Signal(
                q.text,
                f"{q.text} is left as the original wrote it, and reads as another number in {tl}",
                "numbers.as-written",
            )
        )
        lost.remove(q)
        added.remove(next(r for r in added if r.text == q.text))
    for q in lost:
        if not q.soft:
            out.append(
                Signal(
                    q.text,
                    f"the number {q.text} in the original is missing or changed in the translation",
                    "numbers.lost",
                )
            )
    for q in added:
        if q.soft:
            continue
        if any(v.startswith("=") for v in q.values):
            out.append(
                Signal(q.text, f"{q.text} is written in the other language's notation", "numbers.notation")
            )
        else:
            out.append(
                Signal(
                    q.text,
                    f"the translation has the number {q.text}, which the original does not",
                    "numbers.added",
                )
            )
    return out
