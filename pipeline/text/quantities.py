"""Quantities in Spanish or English text, as values: digits in each language's notation, scale
words, numbers written out, ordinals, fractions, Roman numerals and clock times.

Pure functions. `quantities(text, lang)` returns what a reader would take as a quantity, each
with the values it can stand for: "1.250" is 1250 in Spanish and 1.25 in English; "58 mil" and
"58,000" are 58000; "19.700 millones" and "19.7 billion" are 1.97e10; "XII", "12th" and "112.ª"
are ordinals; "7 p.m." and "19:00" are the same time, and a bare "12" may be noon. Mexican and
US Spanish write "9,500" for 9500, so a Spanish comma before exactly three digits stands for
both readings. A number that fits neither notation ("4.500.000" in English) keeps its text as
its value, so it matches nothing: it was left in the other language's notation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "es": {
        "cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
        "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
        "dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
        "veintiuno": 21, "veintiún": 21, "veintiuna": 21, "veintidós": 22, "veintitrés": 23,
        "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28,
        "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
        "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200,
        "trescientos": 300, "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400,
        "quinientos": 500, "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
        "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
    },
    "en": {
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    },
}  # fmt: skip
SCALES = {
    "es": {"mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6, "billón": 1e12, "billones": 1e12},
    "en": {
        "thousand": 1e3,
        "million": 1e6,
        "millions": 1e6,
        "billion": 1e9,
        "billions": 1e9,
        "trillion": 1e12,
        # Indian English: "₹2 lakh" is 200,000, "₹3 crore" 30 million.
        "lakh": 1e5,
        "lakhs": 1e5,
        "crore": 1e7,
        "crores": 1e7,
    },
}
# Ordinals, fractions and multiples, by the number they carry: "a fifth" and "una quinta
# parte" both say 5, "third week" and "tercera semana" both say 3.
WORDS = {
    "es": {
        "primer": 1, "primero": 1, "primera": 1, "primeros": 1, "primeras": 1, "segundo": 2, "segunda": 2,
        "tercer": 3, "tercero": 3, "tercera": 3, "tercio": 3, "tercios": 3, "cuarto": 4, "cuarta": 4,
        "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6, "séptimo": 7, "séptima": 7, "octavo": 8,
        "octava": 8, "noveno": 9, "novena": 9, "décimo": 10, "décima": 10, "mitad": 0.5, "doble": 2,
        "triple": 3, "docena": 12, "decena": 10, "quincena": 15, "centenar": 100, "ambos": 2, "ambas": 2, "par": 2,
        "bienal": 2, "trienal": 3,
    },
    "en": {
        "first": 1, "second": 2, "third": 3, "thirds": 3, "fourth": 4, "quarter": 4, "quarters": 4,
        "fifth": 5, "fifths": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
        "eleventh": 11, "twelfth": 12, "half": 0.5, "twice": 2, "double": 2, "doubled": 2, "triple": 3,
        "tripled": 3, "dozen": 12, "fortnight": 15, "both": 2, "biennial": 2, "biannual": 2, "couple": 2,
    },
}  # fmt: skip
# Words that say a quantity only in some uses ("one of", "una vez", "both"): they may match a
# number on the other side but are never reported missing.
SOFT = {"es": {"uno", "una", "primer", "primero", "primera", "primeros", "primeras", "ambos", "ambas", "par"},
        "en": {"one", "first", "both", "couple"}}  # fmt: skip
_STEMS = {"es": [("duplic", 2), ("triplic", 3)], "en": []}
_HALF_ES = re.compile(
    r"\b(?:y\s+media|y\s+medio|medio\s+(?:siglo|año|mes|día|hora)|media\s+(?:hora|jornada))\b",
    re.IGNORECASE,
)
# Half of a scale is a number of its own: "medio millón" and "half a million" are 500,000.
_HALF_OF = {
    "es": re.compile(r"\b(?:medio\s+(millón|millon)|media\s+(docena))\b", re.IGNORECASE),
    "en": re.compile(r"\bhalf\s+an?\s+(million|billion|thousand|dozen|lakh|crore)\b", re.IGNORECASE),
}
_HALF_SCALE = {"millón": 1e6, "millon": 1e6, "docena": 12, "million": 1e6, "billion": 1e9, "thousand": 1e3,
               "dozen": 12, "lakh": 1e5, "crore": 1e7}  # fmt: skip
# "en mitad del día", "a mitad de camino": the middle of something, not a half.
_MIDDLE = re.compile(r"\b(?:en|a|por)\s+$", re.IGNORECASE)
_ROMAN = re.compile(r"(?<![\w.])(?=[IVXL]{2,}\b)(X{0,3})(IX|IV|V?I{0,3})\b(?!\.\w)")
_TIME = re.compile(
    r"(?<![\d.,:])(\d{1,2})(?:([:.])(\d{2}))?\s*(?:(a|p)\.?\s?m\b\.?|h\b|hs\b|horas\b)|(?<![\d.,:])(\d{1,2}):(\d{2})\b",
    re.IGNORECASE,
)
# Clock times in words: "las cinco de la mañana", "seven in the morning".
_SPELLED_TIME = {
    "es": re.compile(
        r"\blas?\s+([^\W\d_]+)(\s+y\s+media)?\s+de\s+la\s+(mañana|madrugada|tarde|noche)\b", re.IGNORECASE
    ),
    "en": re.compile(
        r"\b([^\W\d_]+)(\s+thirty)?(?:\s+o'clock)?\s+in\s+the\s+(morning|afternoon|evening)\b", re.IGNORECASE
    ),
}
_NAMED_TIMES = {
    "es": {"mediodía": "12:00", "medianoche": "0:00"},
    "en": {"noon": "12:00", "midday": "12:00", "midnight": "0:00"},
}
_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"(?:\s?(º|ª|\.º|\.ª|st|nd|rd|th)\b)?"
)
_RANGE = re.compile(r"\b((?:19|20)\d\d)\s?[-–/]\s?(\d\d)\b(?![-–/\d])")
_SUFFIX_SCALE = re.compile(r"(bn|m|k)\b")


@dataclass(frozen=True)
class Quantity:
    values: frozenset[str]  # every value the words can stand for
    text: str
    start: int
    soft: bool = False

    @property
    def label(self) -> str:
        return self.text


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def _times(hour: int, minute: int, meridiem: str | None) -> set[str]:
    if meridiem:
        h = hour % 12 + (12 if meridiem.lower() == "p" else 0)
        return {f"t{h}:{minute:02d}"}
    found = {f"t{hour}:{minute:02d}"}
    if hour < 12:
        found.add(f"t{hour + 12}:{minute:02d}")
    return found


def _digits(raw: str, lang: str) -> set[str]:
    """The values a written number can have in `lang`; its own text where it fits no notation."""
    text = raw.replace("\u202f", " ").replace("\u00a0", " ").replace(" ", "")
    thousands, decimal = (".", ",") if lang == "es" else (",", ".")
    grouped = re.compile(r"\d{1,3}(" + re.escape(thousands) + r"\d{3})+(" + re.escape(decimal) + r"\d+)?")
    values: set[str] = set()
    if " " in raw.strip() and re.fullmatch(r"\d{1,3}( \d{3})+", raw.strip()):
        values.add(_fmt(float(text)))
    elif grouped.fullmatch(text):
        values.add(_fmt(float(text.replace(thousands, "").replace(decimal, "."))))
    elif re.fullmatch(r"\d+", text):
        values.add(_fmt(float(text)))
    elif re.fullmatch(r"\d+" + re.escape(decimal) + r"\d+", text):
        values.add(_fmt(float(text.replace(decimal, "."))))
        if lang == "es" and re.fullmatch(r"\d{1,3},\d{3}", text):
            values.add(_fmt(float(text.replace(",", ""))))  # Mexican and US Spanish: "9,500"
    elif lang == "es" and re.fullmatch(r"\d+\.\d{1,2}", text):
        values.add(_fmt(float(text)))  # Mexican and US Spanish: "2.4 millones"
    elif lang == "es" and re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
        values.add(_fmt(float(text.replace(",", ""))))
    if not values:
        values.add("=" + raw)  # no reading in this language's notation
    return values


def _scale_after(text: str, end: int, lang: str) -> tuple[float, int]:
    """The scale word right after a number ("millones", "mil millones", "billion", "m"), if any."""
    m = _SUFFIX_SCALE.match(text, end)
    if m and lang == "en":
        return {"bn": 1e9, "m": 1e6, "k": 1e3}[m.group(1)], m.end()
    m = re.compile(r"\s+(?:de\s+)?([^\W\d_]+)(?:\s+([^\W\d_]+))?").match(text, end)
    if not m:
        return 1.0, end
    first, second = m.group(1).lower(), (m.group(2) or "").lower()
    scales = SCALES[lang]
    if lang == "es" and first == "mil" and second in ("millones", "millón"):
        return 1e9, m.end()
    if first in scales:
        return scales[first], m.end(1)
    return 1.0, end


def _spelled(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Numbers written in words: "veintitrés", "treinta y cinco", "thirty-two", "two hundred"."""
    units, scales, words = UNITS[lang], SCALES[lang], WORDS[lang]
    tokens = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\W\d_]+", text)]
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        low = word.lower()
        if any(start < e and s < end for s, e in taken):
            i += 1
            continue
        if low in units or (low in scales and low not in ("millones", "millions", "billions")):
            value, current, j = 0.0, 0.0, i
            last_end = end
            while j < len(tokens):
                w = tokens[j][0].lower()
                gap = text[last_end : tokens[j][1]] if j > i else ""
                if j > i and gap.strip() not in ("", "-"):
                    break
                if w in units and j > i and not _composes(current, units[w]):
                    break  # "four ten-hour days": two numbers, not fourteen
                if w in units:
                    current += units[w] if not (units[w] == 100 and current) else current * 99
                elif w in scales:
                    current = (current or 1) * scales[w]
                    if scales[w] >= 1e6:
                        value, current = value + current, 0.0
                elif w in ("y", "and") and j > i and _joins(current, tokens[j + 1 : j + 2], lang):
                    pass  # "treinta y cinco", "one hundred and twelve"
                else:
                    break
                last_end = tokens[j][2]
                j += 1
            total = value + current
            soft = j == i + 1 and low in SOFT[lang]
            # A capitalised number word inside a run of capitalised words is part of a name
            # ("Dos Hermanas", "Seven Sisters"), not a quantity.
            following = tokens[j][0] if j < len(tokens) else ""
            if word[:1].isupper() and following[:1].isupper() and not _sentence_start(text, start):
                soft = True
            out.append(Quantity(frozenset({_fmt(total)}), text[start:last_end], start, soft))
            i = max(j, i + 1)
            continue
        if low in words:
            # In a name ("Southbank Quarter", "Second Street") or a compound ("third-level",
            # "second-hand") the word says no quantity of its own.
            named = word[:1].isupper() and not _sentence_start(text, start)
            compound = text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha()
            middle = low == "mitad" and bool(_MIDDLE.search(text[:start]))
            out.append(
                Quantity(
                    frozenset({_fmt(words[low])}),
                    word,
                    start,
                    low in SOFT[lang] or named or compound or middle,
                )
            )
        elif (
            lang == "en"
            and low in ("a", "an")
            and i + 1 < len(tokens)
            and tokens[i + 1][0].lower() in ("thousand", "million", "billion", "hundred")
        ):
            pass  # "a million": the scale word that follows carries it
        else:
            for stem, value in _STEMS[lang]:
                if low.startswith(stem):
                    out.append(Quantity(frozenset({_fmt(value)}), word, start))
        i += 1
    return out


def _sentence_start(text: str, start: int) -> bool:
    return not text[:start].strip() or text[:start].rstrip()[-1] in '.!?:¡¿"“«(—–-'


def _composes(current: float, value: int) -> bool:
    """Whether a number word may continue the number so far: "twenty four", "two hundred",
    "ciento veinte"; not "four ten"."""
    if value == 100 or not current:
        return True
    if current % 100 == 0:
        return value < 100
    return 20 <= current < 100 and current % 10 == 0 and value < 10


def _joins(current: float, following: list[tuple[str, int, int]], lang: str) -> bool:
    if not following or following[0][0].lower() not in UNITS[lang]:
        return False
    if lang == "es":
        return 30 <= current <= 90 and current % 10 == 0 and UNITS["es"][following[0][0].lower()] < 10
    return current >= 100 and current % 100 == 0


def quantities(text: str, lang: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity in the text outside the `skip` spans (dates, checked on their own), in order."""
    taken = list(skip or [])
    found: list[Quantity] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    for m in _TIME.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m.group(5):
            hour, minute, meridiem = int(m.group(5)), int(m.group(6)), None
        else:
            if m.group(2) == "." and not m.group(4):
                continue  # "3.50 horas" is a decimal, not a time
            hour, minute, meridiem = int(m.group(1)), int(m.group(3) or 0), m.group(4)
            if not m.group(4) and not m.group(3):
                continue  # "48 h", "8 horas": a duration, read as a number below
        if hour > 24 or minute > 59:
            continue
        found.append(Quantity(frozenset(_times(hour, minute, meridiem)), m.group(0).strip(), m.start()))
        taken.append((m.start(), m.end()))
    for word, clock in _NAMED_TIMES[lang].items():
        for m in re.finditer(rf"\b{word}\b", text, re.IGNORECASE):
            if re.search(r"\b12\s*$", text[: m.start()]):
                continue  # "12 noon": one time, already read
            if free(m.start(), m.end()):
                found.append(Quantity(frozenset({"t" + clock}), m.group(0), m.start()))
                taken.append((m.start(), m.end()))
    for m in _SPELLED_TIME[lang].finditer(text):
        hour = UNITS[lang].get(m.group(1).lower(), 0)
        if 1 <= hour <= 12 and free(m.start(), m.end()):
            minute = 30 if m.group(2) else 0
            meridiem = "a" if m.group(3).lower() in ("mañana", "madrugada", "morning") else "p"
            found.append(Quantity(frozenset(_times(hour, minute, meridiem)), m.group(0), m.start()))
            taken.append((m.start(), m.end()))
    for m in _HALF_OF[lang].finditer(text):
        if free(m.start(), m.end()):
            scale = _HALF_SCALE[next(g for g in m.groups() if g).lower()]
            found.append(Quantity(frozenset({_fmt(scale / 2)}), m.group(0), m.start()))
            taken.append((m.start(), m.end()))
    for m in _RANGE.finditer(text):
        if free(m.start(), m.end()):
            first = int(m.group(1))
            second = first // 100 * 100 + int(m.group(2))
            found.append(Quantity(frozenset({_fmt(first)}), m.group(1), m.start()))
            found.append(Quantity(frozenset({_fmt(second)}), m.group(2), m.start(2)))
            taken.append((m.start(), m.end()))
    for m in _NUMBER.finditer(text):
        if not free(m.start(), m.end()):
            continue
        raw, ordinal = m.group(1), m.group(2)
        if raw[-1] in ".," and not ordinal:
            raw = raw[:-1]
        values = _digits(raw, lang)
        scale, end = (1.0, m.end()) if ordinal else _scale_after(text, m.end(), lang)
        if scale != 1.0:
            values = {_fmt(float(v) * scale) for v in values if not v.startswith("=")} or values
        elif not ordinal and len(values) == 1 and (v := next(iter(values))).isdigit() and int(v) <= 24:
            values = values | _times(int(v), 0, None)  # "a las 12" may be "at noon"
        found.append(Quantity(frozenset(values), text[m.start() : end].strip(), m.start()))
        taken.append((m.start(), end))
    for m in _ROMAN.finditer(text):
        if free(m.start(), m.end()) and m.group(0):
            found.append(Quantity(frozenset({_fmt(_roman(m.group(0)))}), m.group(0), m.start()))
            taken.append((m.start(), m.end()))
    if lang == "es":
        for m in _HALF_ES.finditer(text):
            if free(m.start(), m.end()):
                found.append(Quantity(frozenset({"0.5"}), m.group(0), m.start()))
                taken.append((m.start(), m.end()))
    found.extend(_spelled(text, lang, taken))
    return sorted(found, key=lambda q: q.start)


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        total += -values[a] if b != " " and values[a] < values[b] else values[a]
    return total
