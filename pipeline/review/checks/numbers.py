"""Numbers: the same quantities on both sides, read in each language's notation.

Quantities come from `pipeline.text.quantities` (digits, scale words, numbers in words,
ordinals, fractions, Roman numerals, clock times), each with every value it can stand for.
Those of the original are paired with those of the translation that can stand for the same
value (a maximum matching, so one "12" is not counted twice); what is left over on either
side is reported. Numbers inside dates are the date check's business.
"""

from __future__ import annotations

from pipeline.review.checks.base import Context, match, name_like
from pipeline.text.dates import date_mentions
from pipeline.text.quantities import quantities


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[tuple[str, str]]:
    src_dates = date_mentions(src, sl)
    skip_tgt = [(d.start, d.end) for d in date_mentions(tgt, tl)]
    for d in src_dates:  # a date carried as it is, inside a name ("Avenida 9 de Julio")
        at = tgt.find(d.text)
        if at >= 0 and name_like(d.text, sl):
            skip_tgt.append((at, at + len(d.text)))
    a = quantities(src, sl, skip=[(d.start, d.end) for d in src_dates])
    b = quantities(tgt, tl, skip=skip_tgt)
    lost, added = match(a, b, lambda x, y: bool(x.values & y.values))
    out = []
    for q in [q for q in lost if any(q.text == r.text for r in added)]:
        out.append(
            (q.text, f"{q.text} is left as the original wrote it, and reads as another number in {tl}")
        )
        lost.remove(q)
        added.remove(next(r for r in added if r.text == q.text))
    for q in lost:
        if not q.soft:
            out.append(
                (q.text, f"the number {q.text} in the original is missing or changed in the translation")
            )
    for q in added:
        if q.soft:
            continue
        if any(v.startswith("=") for v in q.values):
            out.append((q.text, f"{q.text} is written in the other language's notation"))
        else:
            out.append((q.text, f"the translation has the number {q.text}, which the original does not"))
    return out
