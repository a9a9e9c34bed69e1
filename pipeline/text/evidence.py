"""Signs of Spanish or English that do not depend on statistics: the structure of a block.

Pure functions. Block detection (`detect.decide_block`) asks these before it believes a
language model about a short block: a dateline in the other language's format, a
weekday-and-date line, a quotation set off as such, Spanish opening marks (¡ ¿), and the
closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries) that
make a run of words a clause rather than a name. The word lists are the languages'
grammar, not vocabulary seen in statements: a content word ("huelga", "strike") is never
in them.
"""

from __future__ import annotations

import re

from pipeline.text.dates import EN_MONTHS, ES_MONTHS

# Closed-class words of each language. Words both languages write (a, no, me, he, has,
# son, era...) are left out of both: they are evidence of neither.
_FUNCTION = {
    "es": """
        el la los las un una unos unas lo le les se su sus mi mis tu tus nuestro nuestra
        nuestros nuestras vuestro vuestra este esta estos estas ese esa esos esas aquel
        aquella yo tú él ella ellos ellas nosotros nosotras ustedes usted que qué quien
        quién quienes cual cuál cuales cuando cuándo donde dónde como cómo porque pero y
        ni de del al en por para con sin sobre entre hasta desde hacia ante tras contra
        según durante es está están estamos somos sois fue fueron ser estar han hemos hay
        había sí ya muy más menos también tampoco nunca jamás siempre aquí allí ahora
        hoy todo toda todos todas otro otra otros otras mismo misma cada algo nada nadie
        """,
    "en": """
        the an this that these those my your his her its our their i you she it we they
        him us them who whom whose which what where when why how is are was were be been
        being am do does did have had will would shall should can could might must of to
        in on at by for with from into onto about over under after before between through
        during without against and or but if because so than then not never all every each
        some any there here now too also very just only yes up out off down again still yet
        more most much many own same other such
        """,
}
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) - frozenset(_FUNCTION[other].split())
    for lang, words, other in (("es", _FUNCTION["es"], "en"), ("en", _FUNCTION["en"], "es"))
}
# Lower-case words that may join the capitalised words of a name: "Plaza de Armas",
# "Coordinadora Nacional de Trabajadores", "Federation of Unions and Associations".
_NAME_JOINERS = frozenset("de del la las los el y e i of the and for on at in upon & da do dos das".split())

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]")


def words(text: str) -> list[str]:
    """The words of a text: runs of letters or digits, with inner apostrophes, dots, hyphens."""
    return _WORD.findall(text)


def letter_words(text: str) -> list[str]:
    return [w for w in words(text) if _LETTER.search(w)]


def function_words(text: str, lang: str) -> int:
    """How many closed-class words of `lang` (and of no other language here) the text has."""
    vocabulary = FUNCTION_WORDS.get(lang, frozenset())
    return sum(w.lower() in vocabulary for w in letter_words(text))


def is_name(text: str) -> bool:
    """Capitalised words, joined at most by "de", "of", "y", "and"...: a name, or a role.

    "Junta Directiva", "Plaza de Armas", "Provincial Secretariat", "FTTS", "Social". A
    single capitalised word is a name too: a heading of one word says nothing of its
    language. A block in capitals throughout with several words is shouting, not a name.
    """
    found = letter_words(text)
    if not found:
        return False
    letters = "".join(found)
    if letters.isupper() and len(found) > 1 and not all(len(w) <= 5 and w.isupper() for w in found):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_JOINERS for w in found)


_CAMEL = re.compile(r"(?<=[a-záéíóúñü])(?=[A-ZÁÉÍÓÚÑ])|(?<=[A-ZÁÉÍÓÚÑ])(?=[A-ZÁÉÍÓÚÑ][a-záéíóúñü])")
_HASHTAGS = re.compile(r"^\s*(?:#[^\W_][\w]*\s*)+$", re.UNICODE)


def hashtag_words(text: str) -> str | None:
    """The words of a block made only of hashtags, lower case: "#HuelgaDelMetal" → "huelga del metal"."""
    if not _HASHTAGS.match(text):
        return None
    tags = [t.lstrip("#") for t in text.split()]
    return " ".join(_CAMEL.sub(" ", tag).replace("_", " ") for tag in tags).lower()


# Quotation marks that can enclose a whole block: “…”, "…", «…», ‘…’, '…', „…“.
_QUOTED = re.compile(r"""^\s*(?:[“"«‘'„‹])(?P<inner>.+?)(?:[”"»’'“›])\s*[.,;:]?\s*$""", re.DOTALL)


def quotation(text: str, kind: str) -> str | None:
    """The words of a block set off as a quotation (a blockquote, or wholly in quotation marks)."""
    m = _QUOTED.match(text)
    if m:
        return m.group("inner")
    if kind == "quote":
        return text
    return None


def spanish_marks(text: str) -> bool:
    """An exclamation or question opened by ¡ or ¿: Spanish is the only language that writes them."""
    return bool(re.match(r"""^\s*[“"«‘']?\s*[¡¿]""", text))


def bare_exclamation(text: str) -> bool:
    """An exclamation or question closed by ! or ? and never opened by ¡ or ¿: English usage."""
    stripped = text.strip().rstrip("”\"»’'").rstrip()
    return stripped.endswith(("!", "?")) and not re.search(r"[¡¿]", text)


# Datelines and weekday-and-date lines. A month or weekday name of one language, in that
# language's order ("18 de enero de 2023"; "January 18, 2023", "18 January 2023"), with
# places and times around it and nothing else.
_WEEKDAYS = {
    "es": "lunes martes miércoles miercoles jueves viernes sábado sabado domingo".split(),
    "en": "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split(),
}
# Full month names only where the two languages differ (no "may", "mar", "sep"...).
_MONTHS = {
    "es": sorted({m for m in ES_MONTHS if len(m) > 3} | {"ene", "abr", "ago", "dic"}, key=len, reverse=True),
    "en": sorted(
        {m for m in EN_MONTHS if len(m) > 3 or m in {"jan", "apr", "aug", "dec"}}, key=len, reverse=True
    ),
}
_TIME = r"(?:(?:a\s+las?|at|from|de|desde)\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:h|hs|hrs|horas|a\.?\s?m\.?|p\.?\s?m\.?|am|pm)?(?:\s*[–—-]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:h|hs|hrs|horas|a\.?\s?m\.?|p\.?\s?m\.?|am|pm)?)?"
_PLACE = r"(?:[A-ZÁÉÍÓÚÑ][\w.'’-]*\.?(?:\s+(?:de|del|la|las|los|el|of|the|on|upon|y|and|[A-ZÁÉÍÓÚÑ][\w.'’-]*\.?))*)"


def _date_core(lang: str) -> str:
    weekday = r"(?:(?i:" + "|".join(_WEEKDAYS[lang]) + r")\.?,?\s+)"
    month = r"(?i:" + "|".join(_MONTHS[lang]) + r")\.?"
    if lang == "es":
        dated = r"(?:\d{1,2}(?:º|°|\.º)?\s+de\s+" + month + r"(?:,?\s+(?:de|del)\s+\d{4})?)"
        dated += r"|(?:" + month + r"\s+\d{1,2},?\s+(?:de\s+)?\d{4})"
    else:
        dated = r"(?:" + month + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)"
        dated += r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + month + r"(?:,?\s+\d{4})?)"
    with_weekday = weekday + r"(?:" + dated + r"|\d{1,2}(?:st|nd|rd|th)?\b)"
    return with_weekday + r"|" + dated


_SEP = r"\s*(?:[,·|/]|\s[–—-])\s*"
_DATELINES = {
    lang: re.compile(
        r"^\s*(?:" + _PLACE + _SEP + r")*(?:a\s+|on\s+)?(?:" + _date_core(lang) + r")"
        r"(?:" + _SEP + r"(?:" + _TIME + r"|" + _PLACE + r"))*\s*\.?\s*$"
    )
    for lang in ("es", "en")
}


def dateline(text: str, lang: str) -> str | None:
    """ "dateline" or "weekday-date" when the whole block is a date line written in `lang`."""
    if not _DATELINES[lang].match(text):
        return None
    named = {w.lower().rstrip(".") for w in letter_words(text)}
    return "weekday-date" if named & set(_WEEKDAYS[lang]) else "dateline"
