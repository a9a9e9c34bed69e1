"""Dates: every date of the original, and no other, in the translation.

Dates are compared as far as each text gives them ("3 de abril" agrees with "3 April 2024",
not with "3 May"), along with months named alone ("en marzo") and weekdays ("el lunes 28").
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.review.checks.base import Context, Signal, match, name_like
from pipeline.text.dates import WEEKDAYS, DateMention, date_mentions, weekdays

_AMBIGUOUS = re.compile(r"\b(May|March)\b")


def _answered(mentions: list[DateMention], english: str) -> list[DateMention]:
    """Month-only mentions left over, less those an ambiguous English month word answers."""
    spare = Counter(5 if m.group(1) == "May" else 3 for m in _AMBIGUOUS.finditer(english))
    out = []
    for d in mentions:
        if d.day is None and d.year is None and spare[d.month or 0] > 0:
            spare[d.month or 0] -= 1
        else:
            out.append(d)
    return out


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    a, b = date_mentions(src, sl), date_mentions(tgt, tl)
    # A date inside a name is carried as it is ("Avenida 9 de Julio", "Plaza de Mayo").
    for d in [d for d in a if name_like(d.text, sl) and d.text in tgt]:
        a.remove(d)
        b = [e for e in b if e.text != d.text]
    lost, added = match(a, b, lambda x, y: x.agrees(y))
    # "their May wages", "between January and March": an English month name that is also a
    # verb or a noun is not read as a month without a cue, but may answer one.
    if sl == "en" and ctx.on("dates.ambiguous-month"):
        added = _answered(added, src)
    elif tl == "en" and ctx.on("dates.ambiguous-month"):
        lost = _answered(lost, tgt)
    out = [
        Signal(
            d.text,
            f"the date {d.text} in the original is missing or changed in the translation",
            "dates.lost",
        )
        for d in lost
    ]
    out += [
        Signal(d.text, f"the translation has the date {d.text}, which the original does not", "dates.added")
        for d in added
    ]
    days_a = Counter(weekdays(src, sl)) - Counter(weekdays(tgt, sl))
    days_b = Counter(weekdays(tgt, tl))
    for day in sorted((days_a - days_b).keys()):
        name = WEEKDAYS[sl][day]
        out.append(Signal(name, f"the original names {name}; the translation does not", "dates.weekday"))
    for day in sorted((days_b - days_a).keys()):
        name = WEEKDAYS[tl][day]
        out.append(
            Signal(name, f"the translation names {name}, which the original does not", "dates.weekday")
        )
    return out
