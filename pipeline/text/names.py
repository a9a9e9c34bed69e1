"""Names and acronyms in a text: what `statements glossary suggest` proposes to keep untranslated.

Pure functions. A name is a run of two or more capitalised words, joined by the small words
names contain ("Pan y Rosas", "Villa El Salvador", "Federation of Education Workers"); a word
capitalised only because it opens a sentence does not count, and runs made only of words that
institutions translate ("Día Internacional", "Ministry of Labour") or that name a date are
left out. An acronym is two to eight capitals ("CUT", "SINADEM", "N95"), outside lines written
all in capitals, and not one that changes between the languages (ONU/UN: engines know them).
`bench/glossary_suggest.py` measures both on the fidelity corpus.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.text.dates import EN_MONTHS, ES_MONTHS

_CAP = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñüç'’-]+"
_ACRO = r"[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{1,7}"
_JOIN = r"(?:de|del|la|las|los|el|y|e|of|the|and|for|on|da|do|dos|das|di|van|von|der|le)"
_NAME = re.compile(rf"(?<![\w'’-]){_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})+(?![\w'’-])")
_ACRONYM = re.compile(rf"(?<![\w'’.-]){_ACRO}(?![\w'’-]|\.\w)")
_ROMAN = re.compile(r"[IVXLCDM]+")
# Words that open a sentence with a capital without being part of a name.
_FUNCTION_WORDS = frozenset(
    """
    a al ante bajo con contra de del desde durante el en entre hacia hasta la las lo los mediante para
    por según sin sobre tras un una unos unas y o ni que este esta estos estas ese esa nuestro nuestra
    nuestros nuestras su sus hoy ayer mañana como cuando donde si no the a an and or of in on at to for
    from by with without our their this that these those we they it its today yesterday as when where
    if not no all every each
    """.split()
)
# Words that institutions, titles and calendars translate: a run made only of them is a term
# to translate, not a name to keep.
_TRANSLATED = frozenset(
    """
    día internacional mundial nacional mujer trabajadora trabajadoras trabajadores trabajador ministerio
    ministry ministro ministra minister gobierno government estado state sindicato sindical union
    federación federation confederación confederation red network partido party comité committee
    asociación association consejo council coordinadora plataforma frente front movimiento movement
    secretaría secretario secretaria secretary general presidente presidenta president central congreso
    congress day women workers worker labour labor primero may unido unidos united ley law convenio
    agreement policía police república republic tribunal court corte supremo supreme department
    departamento office oficina
    """.split()
)
# Institutions of the state, offices and occasions: translated, never kept ("Ministerio de
# Educación", "Health Secretary", "Día Mundial del Agua").
_INSTITUTIONS = frozenset(
    """
    ministerio ministry secretario secretaria secretary secretaría defensoría municipalidad fiscalía
    inspección congreso congress presupuestos budget oficina office gobierno government governor
    gobernador gobernadora gobernación parlamento parliament senado senate comisión commission
    ayuntamiento alcaldía consejería tribunal court embajada embassy policía police ejército army
    hospital día day conferencia conference derechos rights
    """.split()
)
# Words that head the name of an organisation, whose own name a longer run may contain.
_ORGANISATIONS = frozenset(
    """
    coordinadora federación confederación red sindicato central asociación frente movimiento partido
    plataforma asamblea colectivo union federation network alliance coalition committee council
    unions
    """.split()
)
_CALENDAR = frozenset(
    {*EN_MONTHS, *ES_MONTHS}
    | set(
        """monday tuesday wednesday thursday friday saturday sunday lunes martes miércoles miercoles jueves
        viernes sábado sabado domingo""".split()
    )
)
ACRONYMS_THAT_CHANGE = frozenset(
    """ONU UN UE EU EEUU US USA OTAN NATO FMI IMF OIT ILO OMS WHO ONG NGO PIB GDP IVA VAT BCE ECB OMC WTO
    FSM WFTU CSI ITUC CES ETUC RU UK OEA OAS""".split()
)


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).lower()


def _sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip() or bool(re.search(r"[.!?¡¿:;«\"“(—–-]\s*$", text[:at]))


def _runs(words: list[str]) -> list[list[str]]:
    """A run split where it joins two names: at "y"/"and" when a side has several words
    ("Juana Huillca Quispe and Teófilo Ccahuana Rojas"; "Pan y Rosas" stays whole), and after
    the body of an organisation ("Mesa Ejecutiva de la Coordinadora Sindical…" → the Coordinadora)."""
    for i, word in enumerate(words):
        if word in ("y", "e", "and"):
            left, right = words[:i], words[i + 1 :]
            # "… Port and Harbour Workers' Union" is one organisation: its last word says so.
            one_organisation = (
                _fold(right[-1]) in _ORGANISATIONS and not {_fold(w) for w in left} & _ORGANISATIONS
            )
            starts_anew = bool(right) and re.fullmatch(_JOIN, right[0]) is not None  # "… y la Central …"
            if starts_anew or (
                not one_organisation and (len(_capitals(left)) > 1 or len(_capitals(right)) > 1)
            ):
                return _runs(left) + _runs(right)
    for i in range(1, len(words) - 1):
        if words[i] in ("del", "of") or (words[i] == "de" and words[i + 1] in ("la", "los", "las")):
            tail = words[i + 1 :]
            while tail and re.fullmatch(_JOIN, tail[0]):
                tail = tail[1:]
            if tail and _fold(tail[0]) in _ORGANISATIONS and len(_capitals(tail)) > 1:
                return _runs(tail)
    return [words]


def _capitals(words: list[str]) -> list[str]:
    return [w for w in words if not re.fullmatch(_JOIN, w)]


def names(text: str) -> list[str]:
    """The multi-word names in one block of text, in order."""
    found: list[str] = []
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        start = m.start()
        # A capital that only opens the sentence ("La Coordinadora…", "Desde la Red…") is not the name's.
        while words and _sentence_start(text, start) and _fold(words[0]) in _FUNCTION_WORDS:
            start += len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words = words[1:]
        for run in _runs(words):
            while run and re.fullmatch(_JOIN, run[0]):
                run = run[1:]
            while run and re.fullmatch(_JOIN, run[-1]):
                run = run[:-1]
            capitals = _capitals(run)
            if len(capitals) < 2:
                continue
            folded = [_fold(w.strip("'’")).removesuffix("'s").removesuffix("’s") for w in capitals]
            if all(w in _TRANSLATED for w in folded) or any(w in _CALENDAR | _INSTITUTIONS for w in folded):
                continue
            found.append(" ".join(run))
    return found


def acronyms(text: str) -> list[str]:
    """The acronyms in one block of text, in order (lines in capitals are skipped)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return []
    out = []
    for m in _ACRONYM.finditer(text):
        word = m.group(0)
        if _ROMAN.fullmatch(word) or word in ACRONYMS_THAT_CHANGE or sum(c.isalpha() for c in word) < 2:
            continue
        out.append(word)
    return out
