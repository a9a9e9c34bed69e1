"""Numbers: the same values on both sides, read in each language's notation."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.text.dates import find_dates

NUMBER_WORDS = {
    "es": {"cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
           "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "veinte": 20, "cien": 100, "mil": 1000},
    "en": {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100, "thousand": 1000},
}  # fmt: skip


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\w])")


def numbers(text: str, lang: str) -> Counter[str]:
    """Numbers as values: "1.000" is 1000 in Spanish, "1,000" in English; "3,5" is 3.5 in Spanish."""
    found: Counter[str] = Counter()
    thousands, decimal = (".", ",") if lang == "es" else (",", ".")
    for m in _NUMBER.finditer(text):
        raw = m.group(1).replace("\u202f", " ")
        value = _value(raw, thousands, decimal)
        if value is not None:
            found[value] += 1
    for word, number in NUMBER_WORDS[lang].items():
        count = len(re.findall(rf"\b{word}\b", text, re.IGNORECASE))
        if count:
            found[f"~{number}"] += count  # soft: a spelled-out number may match a digit
    return found


def _value(raw: str, thousands: str, decimal: str) -> str | None:
    text = raw.replace(" ", "")
    grouped = r"\d{1,3}(" + re.escape(thousands) + r"\d{3})+(" + re.escape(decimal) + r"\d+)?"
    if re.fullmatch(grouped, text):
        text = text.replace(thousands, "")
    elif thousands in text and decimal not in text:
        # "1.250" read as English is 1.25: keep it as written so the mismatch shows.
        pass
    text = text.replace(decimal, ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return f"{number:g}"


def _without_dates(text: str, lang: str) -> str:
    for found in reversed(find_dates(text, lang)):
        text = text[: found.start] + " " + text[found.end :]
    return text


def check(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    # Numbers inside dates are the date check's business.
    a, b = numbers(_without_dates(src, sl), sl), numbers(_without_dates(tgt, tl), tl)
    hard_a = Counter({k: v for k, v in a.items() if not k.startswith("~")})
    hard_b = Counter({k: v for k, v in b.items() if not k.startswith("~")})
    soft_a = {k[1:] for k in a if k.startswith("~")}
    soft_b = {k[1:] for k in b if k.startswith("~")}
    out = []
    for value in sorted((hard_a - hard_b).keys()):
        if value not in soft_b:
            out.append((value, f"the number {value} in the original is missing from the translation"))
    for value in sorted((hard_b - hard_a).keys()):
        if value not in soft_a:
            out.append((value, f"the translation has the number {value}, which the original does not"))
    return out
