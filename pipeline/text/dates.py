"""Dates in Spanish, English and ISO form: found in text, and written out in either language.

Pure functions. `find_dates` reads "8 de marzo de 2023", "March 8, 2023", "8th March 2023",
"2023-03-08" and numeric forms; `written` writes an ISO date the way a book in that
language prints it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
ES_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7,
    "ago": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dic": 12,
}  # fmt: skip
_EN_M = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
_ES_M = "|".join(sorted(ES_MONTHS, key=len, reverse=True))
# A date may open with its weekday ("Monday, 3 June 2024", "lunes 3 de junio de 2024"). The
# patterns below leave it out and `_weekday_before` extends a match over it: an optional
# weekday group at the head of every pattern was tried at every position of the text.
_WEEKDAY_NAMES = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo"
).split()
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (
        re.compile(
            r"\b(\d{1,2})(?:º|°|o|ro)?\.?\s+(?:de\s+)?(" + _ES_M + r")\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b",
            re.IGNORECASE,
        ),
        "d_es_y",
    ),
    (
        re.compile(r"\b(" + _EN_M + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE),
        "m_en_dy",
    ),
    (
        re.compile(
            r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _EN_M + r")\.?,?\s+(\d{4})\b",
            re.IGNORECASE,
        ),
        "d_en_y",
    ),
    (re.compile(r"\b(" + _ES_M + r")\.?\s+(\d{1,2})(?:\.?[º°])?,?\s+(?:de\s+)?(\d{4})\b", re.IGNORECASE), "m_es_dy"),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "numeric"),
]  # fmt: skip


@dataclass(frozen=True)
class FoundDate:
    iso: str
    start: int
    end: int


def _weekday_before(text: str, start: int) -> int:
    """Where a weekday written just before `start` begins ("Monday, " or "lunes "); `start`
    itself where there is none."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j == start:
        return start
    if j > 0 and text[j - 1] == ",":
        j -= 1
    for name in _WEEKDAY_NAMES:
        k = j - len(name)
        if k >= 0 and text[k:j].lower() == name:
            return k
    return start


_YEAR = re.compile(r"\d{4}")
_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}|\d[/.]\d{1,2}[/.]\d{4}|(?i:" + _EN_M + "|" + _ES_M + ")")


def find_dates(text: str, lang: str | None = None) -> list[FoundDate]:
    """Every date written in the text, in English, Spanish or ISO form, in order."""
    if not _YEAR.search(text) or not _SHAPE.search(text):
        return []  # every form has a four-digit year, and a month's name or digits around it
    if not _YEAR.search(text) or not _SHAPE.search(text):
        return []  # every form has a four-digit year, and a month's name or digits around it
    found: list[FoundDate] = []
    if not any(c.isdigit() for c in text):
        return found  # every form has digits
    taken: list[tuple[int, int]] = []
    for pattern, form in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            start = m.start() if form in ("ymd", "numeric") else _weekday_before(text, m.start())
            if any(start < e and s < m.end() for s, e in taken):
                continue
            day = _to_date(m, form, lang)
            if day is None:
                continue
            taken.append((start, m.end()))
            found.append(FoundDate(day.isoformat(), start, m.end()))
    return sorted(found, key=lambda d: d.start)


def _to_date(m: re.Match[str], form: str, lang: str | None) -> dt.date | None:
    g = m.groups()
    try:
        if form == "ymd":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif form == "d_es_y":
            d, mo, y = int(g[0]), ES_MONTHS[g[1].lower()], int(g[2])
        elif form == "m_en_dy":
            mo, d, y = EN_MONTHS[g[0].lower()], int(g[1]), int(g[2])
        elif form == "d_en_y":
            d, mo, y = int(g[0]), EN_MONTHS[g[1].lower()], int(g[2])
        elif form == "m_es_dy":
            mo, d, y = ES_MONTHS[g[0].lower()], int(g[1]), int(g[2])
        else:
            a, b, y = int(g[0]), int(g[1]), int(g[2])
            if a > 12 or (b <= 12 and lang != "en"):
                d, mo = a, b
            else:
                mo, d = a, b
        if not 1800 <= y <= 2200:
            return None
        return dt.date(y, mo, d)
    except (ValueError, KeyError):
        return None


MONTH_NAMES = {
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def written(iso: str | None, lang: str) -> str:
    """An ISO date as a book in `lang` prints it: "14 de febrero de 2025", "14 February 2025"."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    if lang == "es":
        return f"{day.day} de {MONTH_NAMES['es'][day.month - 1]} de {day.year}"
    return f"{day.day} {MONTH_NAMES['en'][day.month - 1]} {day.year}"


# Mentions: dates with or without a year, a month with its year, a month alone, "May Day".
# The fidelity checks compare these; `find_dates` (whole dates only) is what metadata needs.
_ORD_EN = r"(?:st|nd|rd|th)"
_ORD_ES = r"(?:\.?\s?[ºª°]|\.º|o)"
_FULL_ES_MONTHS = "|".join(sorted(MONTH_NAMES["es"] + ["setiembre"], key=len, reverse=True))
_FULL_EN_MONTHS = "|".join(sorted(MONTH_NAMES["en"], key=len, reverse=True))
_MENTION_PATTERNS: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "es": [
        (re.compile(r"\b(?:primero|1" + _ORD_ES + r"?)\s+de\s+mayo(?:\s+del?\s+(\d{4}))?\b", re.IGNORECASE), "mayday"),
        (re.compile(r"\b(\d{1,2})" + _ORD_ES + r"?\s+(?:y\s+(\d{1,2})\s+)?de\s+(" + _FULL_ES_MONTHS + r")\b", re.IGNORECASE), "dm"),
        (re.compile(r"\b(" + _FULL_ES_MONTHS + r")\s+(?:de\s+|del\s+)?(\d{4})\b", re.IGNORECASE), "my"),
        (re.compile(r"\b(" + _FULL_ES_MONTHS + r")\b", re.IGNORECASE), "m"),
        # A day named by its date and the month's initial: "8M", "25N", "1.º M".
        (re.compile(r"\b(\d{1,2})([EFMAJSOND])\b(?!\s?[€$])"), "initial"),
    ],
    "en": [
        (re.compile(r"\bMay\s+Day\b"), "mayday"),
        (re.compile(r"\b(\d{1,2})" + _ORD_EN + r"?\s+(?:and\s+(\d{1,2})" + _ORD_EN + r"?\s+)?(?:of\s+)?(" + _FULL_EN_MONTHS + r")\b"), "dm"),
        (re.compile(r"\b(" + _FULL_EN_MONTHS + r")\s+(?:the\s+)?(\d{1,2})" + _ORD_EN + r"?\b(?![.,]?\d)"), "md"),
        (re.compile(r"\b(" + _FULL_EN_MONTHS + r")\s+(\d{4})\b"), "my"),
        (re.compile(r"\b(" + _FULL_EN_MONTHS + r")\b"), "m"),
    ],
}  # fmt: skip
# "May" and "March" are also a verb and a noun: a month only next to a number or after these.
_EN_MONTH_CUES = re.compile(
    r"\b(?:in|of|on|since|until|till|by|from|to|early|late|mid|last|next|this|between|before|after|during)\s*$",
    re.IGNORECASE,
)


# A month's initial, where only one month has it ("M" is marzo or mayo: the day alone is read).
_INITIALS = {"E": 1, "F": 2, "S": 9, "O": 10, "N": 11, "D": 12}


@dataclass(frozen=True)
class DateMention:
    """A date as far as the text gives it: `year`, `month` and `day` may each be missing."""

    year: int | None
    month: int | None
    day: int | None
    text: str
    start: int
    end: int

    def agrees(self, other: DateMention) -> bool:
        """Nothing contradicts: "3 April" agrees with "3 de abril de 2024", not with "3 de mayo"."""
        pairs = ((self.year, other.year), (self.month, other.month), (self.day, other.day))
        return all(a is None or b is None or a == b for a, b in pairs)

    @property
    def label(self) -> str:
        return (
            f"{self.year or '----'}-{self.month or 0:02d}-{self.day or 0:02d}".replace("-00", "")
            if self.year
            else f"--{self.month or 0:02d}" + (f"-{self.day:02d}" if self.day else "")
        )


def date_mentions(text: str, lang: str) -> list[DateMention]:
    """Every date, partial date and month name in the text, in order: the fidelity checks' view."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    for whole in find_dates(text, lang):
        date = dt.date.fromisoformat(whole.iso)
        found.append(
            DateMention(
                date.year, date.month, date.day, text[whole.start : whole.end], whole.start, whole.end
            )
        )
        taken.append((whole.start, whole.end))
    months = {name.lower(): n + 1 for n, name in enumerate(MONTH_NAMES[lang])}
    if lang == "es":
        months["setiembre"] = 9
    for pattern, form in _MENTION_PATTERNS.get(lang, []):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groups()
            year: int | None = None
            month: int | None = None
            day: int | None = None
            if form == "mayday":
                month, day = 5, 1
                year = int(g[0]) if g and g[0] else None
            elif form == "dm":
                day, month = int(g[0]), months[g[2].lower()]
                if g[1]:  # "28 y 29 de septiembre": two dates
                    found.append(DateMention(None, month, int(g[1]), m.group(0), m.start(), m.end()))
            elif form == "initial":
                day, month = int(g[0]), _INITIALS.get(g[1])
            elif form == "md":
                month, day = months[g[0].lower()], int(g[1])
            elif form == "my":
                month, year = months[g[0].lower()], int(g[1])
            else:
                month = months[g[0].lower()]
                if lang == "en" and g[0] in ("May", "March") and not _EN_MONTH_CUES.search(text[: m.start()]):
                    continue
            if day is not None and not 1 <= day <= 31:
                continue
            found.append(DateMention(year, month, day, m.group(0), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


WEEKDAYS = {
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
}


def weekdays(text: str, lang: str) -> list[int]:
    """The weekdays named in the text (0 is Monday), in order."""
    names = {w: n for n, w in enumerate(WEEKDAYS[lang])}
    names.update({"miercoles": 2, "sabado": 5} if lang == "es" else {})
    return [names[w.lower()] for w in re.findall(r"[^\W\d_]+", text) if w.lower() in names]
