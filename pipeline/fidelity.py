"""Fidelity checks between an original block and its translation. Data only.

Each check looks for one way a translation can betray its source without anyone noticing:
a changed number or date, a dropped name or acronym, a lost negation, text left
untranslated, degenerate machine output, or a length far outside the normal range.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from .guard import degenerate_reason
from .markdown import strip_inline
from .meta import find_dates

NEGATIONS = {
    "es": {
        "no",
        "nunca",
        "ni",
        "sin",
        "jamás",
        "jamas",
        "tampoco",
        "nadie",
        "nada",
        "ningún",
        "ninguno",
        "ninguna",
        "ningun",
    },
    "en": {"no", "not", "never", "nor", "without", "neither", "none", "nobody", "nothing", "cannot", "n't"},
}
NUMBER_WORDS = {
    "es": {"cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
           "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "veinte": 20, "cien": 100, "mil": 1000},
    "en": {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100, "thousand": 1000},
}  # fmt: skip
# Acronyms that change between Spanish and English; any of a group stands for the others.
ACRONYM_EQUIVALENTS = [
    {"ONU", "UN"}, {"UE", "EU"}, {"EEUU", "EE.UU.", "US", "USA", "U.S."}, {"OTAN", "NATO"}, {"FMI", "IMF"},
    {"OIT", "ILO"}, {"OMS", "WHO"}, {"ONG", "NGO"}, {"PIB", "GDP"}, {"IVA", "VAT"}, {"BCE", "ECB"},
    {"OMC", "WTO"}, {"FSM", "WFTU"}, {"CSI", "ITUC"}, {"CES", "ETUC"}, {"RU", "UK"}, {"OEA", "OAS"},
]  # fmt: skip
# Capitalised words that are not names: institutions, titles and calendar words get translated.
NOT_NAMES = set(
    """
    día internacional mujer trabajadora trabajadoras trabajadores trabajador ministerio ministry gobierno
    government estado state sindicato sindical union federación federation confederación confederation
    red network partido party comité committee asociación association consejo council coordinadora
    plataforma frente front movimiento movement secretaría secretario secretaria secretary general
    presidente presidenta president nacional national central congreso congress day women workers
    worker labour labor primero mayo may international unido unidos united de del la las los el y the of
    and for por para en in ley law convenio agreement policía police república republic
    """.split()
)
# Normal ratio of translation length to source length, per direction.
LENGTH_RANGE = {("es", "en"): (0.55, 1.6), ("en", "es"): (0.7, 1.9)}
MIN_LENGTH_FOR_RATIO = 40


@dataclass(frozen=True)
class Finding:
    id: str
    slug: str
    lang: str
    block: int
    check: str
    evidence: str
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _finding(
    slug: str, lang: str, block: int, check: str, evidence: str, explanation: str, texts: tuple[str, str]
) -> Finding:
    # The id changes when either text changes, so a dismissed finding returns after an edit.
    key = "\x00".join([slug, lang, str(block), check, evidence, *texts])
    return Finding(
        hashlib.sha256(key.encode()).hexdigest()[:10], slug, lang, block, check, evidence, explanation
    )


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


def check_numbers(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
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


def check_dates(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    a = Counter(d.iso for d in find_dates(src, sl))
    b = Counter(d.iso for d in find_dates(tgt, tl))
    out = [(d, f"the date {d} in the original is not in the translation") for d in sorted(a - b)]
    out += [(d, f"the translation has the date {d}, which the original does not") for d in sorted(b - a)]
    return out


_ACRONYM = re.compile(r"\b(?:[A-ZÁÉÍÓÚÑ]\.){2,}|\b[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{1,7}\b")
_CAPWORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’-]+"
_NAME = re.compile(rf"\b{_CAPWORD}(?:\s+(?:(?:de|del|da|van|von|y)\s+)?{_CAPWORD}){{1,3}}\b")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


_NOT_NAMES_FOLDED = {_fold(w) for w in NOT_NAMES}


def _has_acronym(acronym: str, text: str) -> bool:
    plain = acronym.replace(".", "")
    for group in ACRONYM_EQUIVALENTS:
        if acronym in group or plain in group:
            return any(re.search(rf"(?<!\w){re.escape(x)}(?!\w)", text) for x in group)
    return bool(re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", text)) or plain in text.replace(".", "")


def check_names(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    out = []
    seen = set()
    for m in _ACRONYM.finditer(src):
        word = m.group(0)
        if word in seen or len(word.replace(".", "")) < 2 or word.isdigit():
            continue
        seen.add(word)
        if not _has_acronym(word, tgt):
            out.append((word, f"the acronym {word} is missing from the translation"))
    folded = _fold(tgt)
    for m in _NAME.finditer(src):
        name = m.group(0)
        words = [
            w
            for w in re.findall(r"[^\W\d_]+", name)
            if w.lower() not in ("de", "del", "da", "van", "von", "y")
        ]
        if any(_fold(w) in _NOT_NAMES_FOLDED for w in words):
            continue  # an institution's name: translated, not carried
        if m.start() == 0 or re.search(r"[.!?:¿¡]\s*$", src[: m.start()]):
            words = words[1:]  # a sentence-initial capital is not evidence of a name
            name = " ".join(words)
        if len(words) < 2 or name in seen:
            continue
        seen.add(name)
        if not all(_fold(w) in folded for w in words):
            out.append((name, f"the name {name} was dropped or altered"))
    return out


def _negated(text: str, lang: str) -> bool:
    words = re.findall(r"[^\W\d_]+(?:'t)?", text.lower())
    if lang == "en" and any(w.endswith("n't") for w in words):
        return True
    return any(w in NEGATIONS[lang] for w in words)


def check_negation(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    a, b = _negated(src, sl), _negated(tgt, tl)
    if a and not b:
        return [
            (
                "negation",
                "the original has a negation and the translation has none: the meaning may be reversed",
            )
        ]
    if b and not a:
        return [
            ("negation", "the translation has a negation the original does not: the meaning may be reversed")
        ]
    return []


def check_untranslated(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    if len(src.split()) < 3:
        return []
    if " ".join(src.split()).lower() == " ".join(tgt.split()).lower():
        return [("identical", "the translation is identical to the original")]
    from .detect import detect_block_text

    if len(tgt.split()) >= 5:
        found = detect_block_text(tgt)
        if found.lang == sl and found.confidence >= 0.9:
            return [(sl, f"the translation still reads as {sl}")]
    return []


def check_degenerate(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    reason = degenerate_reason(src, tgt)
    return [(reason, "the output repeats itself instead of translating")] if reason else []


def check_length(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    if len(src) < MIN_LENGTH_FOR_RATIO:
        return []
    low, high = LENGTH_RANGE.get((sl, tl), (0.5, 2.0))
    ratio = len(tgt) / max(1, len(src))
    if ratio < low:
        return [
            (
                f"{ratio:.2f}",
                f"the translation is {ratio:.2f}× the original's length: something may be missing",
            )
        ]
    if ratio > high:
        return [
            (f"{ratio:.2f}", f"the translation is {ratio:.2f}× the original's length: something may be added")
        ]
    return []


CHECKS = {
    "numbers": check_numbers,
    "dates": check_dates,
    "names": check_names,
    "negation": check_negation,
    "untranslated": check_untranslated,
    "degenerate": check_degenerate,
    "length": check_length,
}


def check_pair(slug: str, lang: str, block: int, source: str, target: str, sl: str, tl: str) -> list[Finding]:
    src, tgt = strip_inline(" ".join(source.split())), strip_inline(" ".join(target.split()))
    if not src.strip() or not tgt.strip():
        return []
    findings = []
    for name, check in CHECKS.items():
        for evidence, explanation in check(src, tgt, sl, tl):
            findings.append(_finding(slug, lang, block, name, evidence, explanation, (source, target)))
    return findings
