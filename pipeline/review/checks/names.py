"""Names and acronyms of the original, carried into the translation."""

from __future__ import annotations

import re
import unicodedata

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


def check(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
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
