"""Mechanical post-editing of machine output: the target language's conventions.

Only machine output is post-edited (never human text, never a reviewed translation from the
memory), one segment at a time, and every change is returned so that the block's provenance
lists it. Each fix is guided by the source segment: it rewrites only what the original shows
to be a number or a date.

- number: a number left in the source's notation ("1.250" in English text → "1,250", "1,200"
  in Spanish text → "1.200", decimals "2,50" ↔ "2.50"), and the percent sign as each language
  sets it ("22 %" in Spanish, "22%" in English);
- date: a date in the other language's form or half translated ("Julio 11, 2024" → "11 de
  julio de 2024", "3 Marcha 2025" → "3 de marzo de 2025", "14 octubre 2024" → "14 de octubre
  de 2024", "January of 2024" → "January 2024"), and an English month name left in Spanish;
- punctuation: the opening "¡" and "¿" a Spanish exclamation or question needs;
- spacing: no space before , ; : ! ? (rule-based engines leave one where a clitic was).

None of them can change a value: a number is re-punctuated so that it reads, in the target's
notation, the value it had in the source's; a date is written from the day, month and year
read in the output itself, never from the source. `tests/test_postedit.py` proves both over
random numbers and dates, in both directions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from pipeline.model import PostEdit
from pipeline.text.dates import MONTH_NAMES, find_dates


@dataclass
class Source:
    """What a fix needs to know about the original segment."""

    text: str
    lang: str
    target: str


def postedit(text: str, source: str, source_lang: str, target_lang: str) -> tuple[str, list[PostEdit]]:
    """`text` (an engine's output for `source`) with the target's conventions, and every change made.

    `text` may carry our inline HTML subset (<b>, <i>, <a href="N">): tags are never touched.
    """
    edits: list[PostEdit] = []
    src = Source(_TAG.sub(" ", source), source_lang, target_lang)
    for fix in (_spacing, _dates, _numbers, _opening_marks):
        text = fix(text, src, edits)
    return text, edits


_TAG = re.compile(r"<[^>]+>")


def _outside_tags(text: str, fn: Callable[[str], str]) -> str:
    if "<" not in text:
        return fn(text)
    parts = re.split(r"(<[^>]+>)", text)
    return "".join(p if i % 2 else fn(p) for i, p in enumerate(parts))


def _sub(
    text: str,
    pattern: re.Pattern[str],
    kind: str,
    edits: list[PostEdit],
    make: Callable[[re.Match[str]], str],
) -> str:
    """Replace each match by make(match) outside tags, recording what changed."""

    def one(m: re.Match[str]) -> str:
        new = make(m)
        if new != m.group(0):
            edits.append(PostEdit(kind, m.group(0), new))
        return new

    return _outside_tags(text, lambda part: pattern.sub(one, part))


# Spacing.

_SPACE_BEFORE = re.compile(r"([^\s<>]+)[ \t]+([,;:!?]|\.(?![.\d]))(?=\s|$|[\"'”’»)\]])")


def _spacing(text: str, src: Source, edits: list[PostEdit]) -> str:
    return _sub(text, _SPACE_BEFORE, "spacing", edits, lambda m: m.group(1) + m.group(2))


# Numbers.

_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?!\d|[.,]\d)")
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.?\s?m\b\.?|h\b|hrs?\b|horas\b|hours\b)", re.IGNORECASE)
_TIME_BEFORE = re.compile(
    r"(?:\b(?:at|from|until|till|to|by|before|after|las|la|desde|hasta)\s+)$", re.IGNORECASE
)
# "22 %" in Spanish (the RAE's rule), "22%" in English.
_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)*)[ \u00a0\u202f]?%")
_PERCENT_SIGN = {"en": "%", "es": " %"}


@dataclass(frozen=True)
class Reading:
    """A number token read in one notation: its value, and which marks grouped and which split decimals."""

    value: Decimal
    thousands: str | None
    decimal: str | None


def _grouped(token: str, thousands: str, decimal: str) -> Reading | None:
    t, d = re.escape(thousands), re.escape(decimal)
    m = re.fullmatch(rf"(\d{{1,3}}(?:{t}\d{{3}})+)(?:{d}(\d+))?", token)
    if not m or token.startswith("0" + thousands):
        return None
    whole = m.group(1).replace(thousands, "")
    return Reading(Decimal(f"{whole}.{m.group(2) or 0}"), thousands, decimal if m.group(2) else None)


def _plain(token: str, decimal: str) -> Reading | None:
    m = re.fullmatch(rf"(\d+)(?:{re.escape(decimal)}(\d+))?", token)
    if not m:
        return None
    return Reading(Decimal(f"{m.group(1)}.{m.group(2) or 0}"), None, decimal if m.group(2) else None)


def read_strict(token: str, lang: str) -> Reading | None:
    """The token as the language's own notation reads it: es 1.250,5 and en 1,250.5; else None."""
    thousands, decimal = (".", ",") if lang == "es" else (",", ".")
    return _grouped(token, thousands, decimal) or _plain(token, decimal)


def read_source(token: str, lang: str) -> Reading | None:
    """The token as an original in `lang` means it.

    Spanish is read leniently, as it is written: "1.250" and (in Mexico) "9,500" are thousands,
    "3,5" and (in Mexico) "2.4" are decimals. English: "1,250" and "1.25".
    """
    if lang != "es":
        return read_strict(token, lang)
    mexican = None if token.startswith("0") else _grouped(token, ",", ".")
    return _grouped(token, ".", ",") or mexican or _plain(token, ",") or _plain(token, ".")


def write(reading: Reading, token: str, lang: str) -> str:
    """`token`, read as `reading`, punctuated in `lang`'s notation: the same digits, the same value."""
    thousands, decimal = (".", ",") if lang == "es" else (",", ".")
    whole, _, fraction = token.partition(reading.decimal) if reading.decimal else (token, "", "")
    digits = whole.replace(reading.thousands, "") if reading.thousands else whole
    if reading.thousands:
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        digits = thousands.join(groups)
    return digits + (decimal + fraction if fraction else "")


def _is_time(token: str, text: str, start: int, end: int) -> bool:
    if not re.fullmatch(r"\d{1,2}[.,]\d{2}", token):
        return False
    hours, minutes = int(token[:-3]), int(token[-2:])
    if hours > 24 or minutes > 59:
        return False
    return bool(_TIME_AFTER.match(text, end) or _TIME_BEFORE.search(text[:start]))


def _source_values(src: Source) -> Counter[Decimal]:
    values: Counter[Decimal] = Counter()
    for m in _NUMBER.finditer(src.text):
        reading = read_source(m.group(0), src.lang)
        if reading is not None:
            values[reading.value] += 1
    return values


def _numbers(text: str, src: Source, edits: list[PostEdit]) -> str:
    if not re.search(r"\d[.,]\d|%", text):
        return text  # nothing to re-punctuate (most blocks): the original need not be read
    pool = _source_values(src)

    def fix(part: str) -> str:
        out: list[str] = []
        last = 0
        for m in _NUMBER.finditer(part):
            token = m.group(0)
            if not re.search(r"[.,]", token) or _is_time(token, part, m.start(), m.end()):
                continue
            now = read_strict(token, src.target)
            if now is not None and pool[now.value] > 0:
                pool[now.value] -= 1
                continue
            meant = read_source(token, src.lang)
            if meant is None or pool[meant.value] <= 0 or (now is not None and now.value == meant.value):
                continue
            pool[meant.value] -= 1
            new = write(meant, token, src.target)
            edits.append(PostEdit("number", token, new))
            out += [part[last : m.start()], new]
            last = m.end()
        out.append(part[last:])
        return "".join(out)

    text = _outside_tags(text, fix)
    sign = _PERCENT_SIGN.get(src.target)
    if sign is None:
        return text
    return _sub(text, _PERCENT, "number", edits, lambda m: m.group(1) + sign)


# Dates.

_MONTHS: dict[str, int] = {}
for _lang in ("es", "en"):
    for _n, _name in enumerate(MONTH_NAMES[_lang], start=1):
        _MONTHS[_name.lower()] = _n
_MONTHS["setiembre"] = 9
# What Apertium makes of the English month name "March" (its noun "marcha"): a month only
# when the original has a March date there.
_MONTHS["marcha"] = 3
_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = r"(?<![\w.,])(?P<d>[0-3]?\d)(?P<o>\.?\s?[º°ª]|st|nd|rd|th|ro)?"
_YEAR = r"(?P<y>1[89]\d\d|2[01]\d\d)(?![\w])"
_MONTH = rf"(?<!\w)(?P<m>{_M})(?!\w)"
_ANY_MONTH = re.compile(_MONTH, re.I)
_DATE_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(rf"{_DAY}\s+(?:(?:de|of)\s+)?{_MONTH}\.?,?\s+(?:(?:de|del|of)\s+)?{_YEAR}", re.I)),
    ("mdy", re.compile(rf"{_MONTH}\.?\s+{_DAY},?\s+(?:(?:de|del)\s+)?{_YEAR}", re.I)),
    ("my", re.compile(rf"{_MONTH}\.?,?\s+(?:(?:de|del|of)\s+)?{_YEAR}", re.I)),
    ("dm", re.compile(rf"{_DAY}\s+(?:(?:de|of)\s+)?{_MONTH}", re.I)),
    ("md", re.compile(rf"{_MONTH}\.?\s+{_DAY}(?![\w]|[.,]\d)", re.I)),
    ("m", re.compile(_MONTH, re.I)),
]
# A month name on its own in an English original is a month only in a context like these.
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|by|since|until|till|from|of|during|early|late|mid|next|last|this|before|after|through|"
    r"between|and|or|en|de|desde|hasta|para|entre|y|o)[\s-]+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    form: str
    day: int | None
    month: int
    year: int | None
    ordinal: str


def date_mentions(text: str) -> list[DateMention]:
    """Every date or part of one (day and month, month and year, a month) written in `text`,
    in Spanish or English or a mix of both, as an engine may leave it."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for form, pattern in _DATE_FORMS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            parts = m.groupdict()
            day = int(parts["d"]) if parts.get("d") else None
            year = int(parts["y"]) if parts.get("y") else None
            month = _MONTHS[parts["m"].lower()]
            try:
                dt.date(year or 2000, month, day or 1)
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), form, day, month, year, (parts.get("o") or "")))
    return sorted(found, key=lambda d: d.start)


def _source_dates(src: Source) -> list[tuple[int | None, int, int | None]]:
    """The dates of the original, whole or partial, as it writes them in its own language."""
    names = {name.lower() for name in MONTH_NAMES[src.lang]} | ({"setiembre"} if src.lang == "es" else set())
    out: list[tuple[int | None, int, int | None]] = []
    for found in find_dates(src.text, src.lang):
        day = dt.date.fromisoformat(found.iso)
        out.append((day.day, day.month, day.year))
    for mention in date_mentions(src.text):
        word = re.search(_M, src.text[mention.start : mention.end], re.I)
        assert word is not None
        name = word.group(0)
        if name.lower() not in names:
            continue
        # Spanish writes months in lower case: "Avenida 9 de Julio" is a street, not a date.
        if src.lang == "es" and name != name.lower():
            continue
        if src.lang == "en" and name[0].islower():
            continue
        if mention.form == "m" and not _MONTH_CONTEXT.search(src.text[: mention.start]):
            continue
        out.append((mention.day, mention.month, mention.year))
    return out


def _in_source(mention: DateMention, known: list[tuple[int | None, int, int | None]]) -> bool:
    return any(
        month == mention.month
        and (mention.day is None or day is None or day == mention.day)
        and (mention.year is None or year is None or year == mention.year)
        for day, month, year in known
    )


def _written(mention: DateMention, lang: str, sentence_start: bool) -> str:
    """The mention in `lang`'s form, from its own day, month and year."""
    name = MONTH_NAMES[lang][mention.month - 1]
    d, y = mention.day, mention.year
    ordinal = mention.ordinal.replace(" ", "")
    if lang == "es":
        day = str(d)  # "1 de mayo"; an engine's "1.º de mayo" is left as it is (it is right too)
        written = {
            "dmy": f"{day} de {name} de {y}",
            "mdy": f"{day} de {name} de {y}",
            "my": f"{name} de {y}",
            "dm": f"{day} de {name}",
            "md": f"{day} de {name}",
            "m": name,
        }[mention.form]
        return written[0].upper() + written[1:] if sentence_start else written
    day = f"{d}{ordinal}" if ordinal in ("st", "nd", "rd", "th") else str(d)
    return {
        "dmy": f"{day} {name} {y}",
        "mdy": f"{name} {day}, {y}",
        "my": f"{name} {y}",
        "dm": f"{day} {name}",
        "md": f"{name} {day}",
        "m": name,
    }[mention.form]


def _also_correct(old: str, new: str, lang: str) -> bool:
    """Other forms that are right too: "1.º de julio del 2024", "the 3rd of July"."""
    if lang == "es":
        return re.sub(r"^(\d+)\.?º", r"\1", old.replace(" del ", " de ")) == new
    return re.sub(r"(?<=\d)(st|nd|rd|th) of ", r"\1 ", old) == new


def _dates(text: str, src: Source, edits: list[PostEdit]) -> str:
    if not _ANY_MONTH.search(text):
        return text  # no month named (most blocks): the original need not be read
    known = _source_dates(src)
    if not known:
        return text
    targets = {name.lower() for name in MONTH_NAMES[src.target]}

    def fix(part: str) -> str:
        out: list[str] = []
        last = 0
        for mention in date_mentions(part):
            if not _in_source(mention, known):
                continue
            old = part[mention.start : mention.end]
            start = not part[: mention.start].strip() or bool(
                re.search(r"[.!?¡¿:]\s*$", part[: mention.start])
            )
            if mention.form == "m" and (old.lower() in targets or old[0].islower() or start):
                # A month alone is rewritten only where the engine left it in the other
                # language ("en March"); "la marcha", or "Marcha" opening a sentence, is a march.
                continue
            new = _written(mention, src.target, start and old[0].isupper())
            if new == old or _also_correct(old, new, src.target):
                continue
            edits.append(PostEdit("date", old, new))
            out += [part[last : mention.start], new]
            last = mention.end
        out.append(part[last:])
        return "".join(out)

    return _outside_tags(text, fix)


# Spanish opening marks.

_LEAD = re.compile(r"(?:\s|<[a-z][^>]*>|[\"'“‘«(\[—–-])*")
_TRAIL = re.compile(r"(?:\s|</[a-z]+>|[\"'”’»)\]])*$")
_PAIRS = {"!": "¡", "?": "¿"}


def _opening_marks(text: str, src: Source, edits: list[PostEdit]) -> str:
    if src.target != "es" or ("!" not in text and "?" not in text):
        return text
    from pipeline.text.segment import split

    out: list[str] = []
    for sentence in split(text):
        body = sentence[: _TRAIL.search(sentence).start()]  # type: ignore[union-attr]
        opening = _PAIRS.get(body[-1:])
        if opening is None or opening in sentence:
            out.append(sentence)
            continue
        # After a colon the question or exclamation starts there ("Preguntan: ¿quién paga?").
        colon = sentence.rfind(": ", 0, len(body))
        at = _LEAD.match(sentence, colon + 2 if colon >= 0 else 0).end()  # type: ignore[union-attr]
        new = sentence[:at] + opening + sentence[at:]
        words = " ".join(_TAG.sub("", sentence[at:]).split()[:4])
        edits.append(PostEdit("punctuation", words, opening + words))
        out.append(new)
    return "".join(out)
