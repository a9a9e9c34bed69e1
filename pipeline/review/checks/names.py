"""Names and acronyms of the original, carried into the translation.

A name is a capitalised word that the language's lexicon does not know, or knows as a proper
noun (Apertium's analysers: `*` and `<np>`); a capitalised common noun (Ministerio,
Asamblea, Council) is not, since institutions and titles get translated. A name must reach
the translation as it is written, in a spelling of its own (Mánchester, Sídney,
Johannesburgo, Filadelfia), as Apertium renders it (London → Londres), or as the glossary
says. Where Apertium is absent, a capitalised run of words not in a short list of
institution words stands in for a name (the fallback `doctor` reports).
"""

from __future__ import annotations

import dataclasses
import re

from pipeline.review.checks.base import Context, Signal, fold, words
from pipeline.review.lexicon import Token, common_word
from pipeline.text.dates import MONTH_NAMES, WEEKDAYS, date_mentions

# Acronyms that change between Spanish and English; any of a group stands for the others.
ACRONYM_EQUIVALENTS = [
    {"ONU", "UN"}, {"UE", "EU"}, {"EEUU", "EE.UU.", "EE. UU.", "US", "USA", "U.S."}, {"OTAN", "NATO"},
    {"FMI", "IMF"}, {"OIT", "ILO"}, {"OMS", "WHO"}, {"ONG", "NGO"}, {"ONGs", "NGOs"}, {"PIB", "GDP"},
    {"IVA", "VAT"}, {"BCE", "ECB"}, {"OMC", "WTO"}, {"FSM", "WFTU"}, {"CSI", "ITUC"}, {"CES", "ETUC"},
    {"RU", "UK"}, {"OEA", "OAS"}, {"ACNUR", "UNHCR"}, {"UNICEF"}, {"OCDE", "OECD"}, {"BM", "WB"},
    {"BID", "IDB"}, {"CIDH", "IACHR"}, {"CPI", "ICC"}, {"TLC", "FTA"}, {"IPC", "CPI"}, {"VIH", "HIV"},
    {"SIDA", "AIDS"}, {"ADN", "DNA"}, {"ERE"},
]  # fmt: skip
# Places whose Spanish and English names differ beyond spelling, where Apertium's bilingual
# dictionary has no entry (it has London/Londres, New York/Nueva York and many more). A
# workspace adds its own through the glossary.
EXONYMS = [
    ("Ginebra", "Geneva"), ("Génova", "Genoa"), ("La Haya", "The Hague"), ("Pekín", "Beijing"),
    ("Colonia", "Cologne"), ("Venecia", "Venice"), ("Andalucía", "Andalusia"), ("Mallorca", "Majorca"),
    ("Córcega", "Corsica"), ("Cerdeña", "Sardinia"), ("Cornualles", "Cornwall"), ("Jerusalén", "Jerusalem"),
    ("Irak", "Iraq"), ("Nueva Zelanda", "New Zealand"), ("Cisjordania", "West Bank"), ("Franja de Gaza", "Gaza Strip"),
    ("Estrasburgo", "Strasbourg"), ("Nápoles", "Naples"), ("Atenas", "Athens"), ("Lisboa", "Lisbon"),
    ("Varsovia", "Warsaw"), ("Praga", "Prague"), ("Viena", "Vienna"), ("Copenhague", "Copenhagen"),
    ("Estocolmo", "Stockholm"), ("Moscú", "Moscow"), ("Ciudad del Cabo", "Cape Town"),
]  # fmt: skip
# The fallback's institution words: capitalised, translated, not names.
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
_NOT_NAMES_FOLDED = {fold(w) for w in NOT_NAMES}
_ACRONYM = re.compile(
    r"(?<![\w.])(?:[A-ZÁÉÍÓÚÑ]\.){2,}|\b[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]*[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]*(?:s\b|\b)"
    r"|\b[A-Z]\d{2,}\b(?![.,]\d)"
)
_CODE = re.compile(r"[A-Z](\d{2,})")
_CAPWORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’-]+"
_NAME = re.compile(rf"\b{_CAPWORD}(?:\s+(?:(?:de|del|da|van|von|y)\s+)?{_CAPWORD}){{1,3}}\b")
# Unknown Spanish words with these endings are institutions the lexicon lacks (Defensoría,
# Fiscalía, Municipalidad), not names: proper nouns the lexicon lacks rarely end so.
_INSTITUTION_ENDINGS = {"es": ("ia", "idad", "cion", "miento"), "en": ()}
# Calendar words are the date check's.
_CALENDAR = {fold(w) for names in (*MONTH_NAMES.values(), *WEEKDAYS.values()) for w in names}
_LETTERS = re.compile(r"[^\W\d_]+")
CONNECTORS = {"de", "del", "la", "las", "los", "el", "y", "da", "van", "von", "of", "the", "and"}


def _spelling(word: str) -> str:
    """A spelling-neutral form: "Sídney" and "Sydney", "Filadelfia" and "Philadelphia" agree."""
    w = fold(word.replace("ç", "s"))
    for a, b in (("ph", "f"), ("th", "t"), ("y", "i"), ("v", "b"), ("k", "c"), ("z", "s"), ("w", "u")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1", r"\1", w)


def _stem(word: str) -> str:
    w = _spelling(word)
    return w[:-1] if len(w) > 4 and w[-1] in "aeo" else w


def _present(name: str, target_words: list[str]) -> bool:
    """A one-word name in the translation: as written, in its own spelling, or with an ending
    (Galicia in "Galician", Johannesburg in "Johannesburgo")."""
    stem = _stem(name)
    return any(w.startswith(stem) for w in target_words)


def is_name(token: Token, lang: str, ctx: Context) -> bool:
    letters = [c for c in token.surface if c.isalpha()]
    if len(letters) < 2 or not token.capitalised or token.punct or any(c.isdigit() for c in token.surface):
        return False
    if token.surface.isupper() or (token.surface.endswith("s") and token.surface[:-1].isupper()):
        return False  # an acronym ("CPOs" too): checked as one
    if fold(token.surface) in _CALENDAR:
        return False
    if token.proper:
        # "Durante", "Ward" opening a sentence: a common word as likely as a name.
        return not (token.initial and (token.common or common_word(token.surface, lang)))
    if not token.unknown:
        return False
    return not (fold(token.surface).endswith(_INSTITUTION_ENDINGS[lang]) or common_word(token.surface, lang))


# Abbreviated titles before a name ("Excmo. Sr. Embajador", "Dra. Ruiz"): a closed class.
HONORIFICS = set(
    """
    sr sra srta sres sras dr dra dres excmo excma excmos ilmo ilma lic licda ing arq prof profa
    pdte pdta dña dn sto sta mr mrs ms mx hon rev fr sgt gen col capt cllr
    """.split()
)
# A capitalised word that the lexicon knows only as a common word is a name when it stands
# alone after a preposition ("in Queens", "en Itagüí y Bello"), not after an article or a
# possessive ("the Council", "la Asamblea"): institutions and titles take articles, places do not.
_PLACE_BEFORE = {
    "es": {"en", "desde", "hasta", "hacia", "y", "e", "a", "entre", "por", "para"},
    "en": {"in", "at", "from", "to", "and", "near", "outside", "across", "towards", "toward"},
}


def _isolated(tokens: tuple[Token, ...], flags: list[bool], i: int, lang: str) -> bool:
    token = tokens[i]
    if token.initial or token.unknown or not token.capitalised or token.surface.isupper():
        return False
    if len(token.surface) < 3 or fold(token.surface) in _CALENDAR:
        return False
    before = tokens[i - 1] if i else None
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if before is None or before.punct or before.surface.lower() not in _PLACE_BEFORE[lang]:
        return False
    # "Profesores y Profesoras": one institution's words; "Itagüí y Bello": two places.
    if i >= 2 and tokens[i - 2].capitalised and not flags[i - 2]:
        return False
    return not (after is not None and after.capitalised)


_DATELINE = re.compile(r"^[^\W\d_][^,\d]{0,40},\s*(.+)$")


def _dateline(text: str, lang: str) -> bool:
    """A place, a comma and a date, nothing more ("Geneva, 3 June 2024")."""
    m = _DATELINE.match(text.strip())
    if not m:
        return False
    mentions = date_mentions(m.group(1), lang)
    return bool(mentions) and len(m.group(1)) - sum(d.end - d.start for d in mentions) <= 12


def _kind(token: Token, lang: str) -> str:
    """The rule a name was found by: a word the lexicon lacks (or one it lacks that is made of
    words it has: "Socioambiental", "Assemblymember"), a proper noun, or a proper noun that
    is also a common word ("Bill", "Alta")."""
    if token.unknown:
        return "names.compound" if _compound(token.surface, lang) else "names.unknown"
    return "names.proper-common" if token.common or common_word(token.surface, lang) else "names.proper"


# Prefixes that make new common words of known ones (Subdirectiva, Vicepresidencia, Cofundadora).
PREFIXES = ("sub", "vice", "co", "inter", "pre", "pro", "anti", "multi", "socio", "ex", "super", "micro",
            "macro", "bio", "eco", "auto", "semi", "post", "tele", "mini", "contra", "sobre", "re")  # fmt: skip


def _compound(word: str, lang: str) -> bool:
    """A word the lexicon lacks made of two words the spelling dictionary has (both of four
    letters or more), or of a prefix and such a word: a common word written together."""
    low = fold(word).replace("-", "")
    for cut in range(2, len(low) - 3):
        head, tail = low[:cut], low[cut:]
        # The dictionary lists the masculine: "directiva" is found as "directivo".
        tails = [tail, tail[:-1] + "o"] if lang == "es" and tail.endswith("a") else [tail]
        if len(tail) < 4 or not any(common_word(t, lang) for t in tails):
            continue
        if head in PREFIXES or (len(head) >= 4 and common_word(head, lang)):
            return True
    return False


def candidates(text: str, lang: str, ctx: Context) -> list[str] | None:
    """The names of a text, or None where no analyser is available."""
    found = named(text, lang, ctx)
    return None if found is None else [name for name, _ in found]


def named(text: str, lang: str, ctx: Context) -> list[tuple[str, str]] | None:
    """The names of a text with the rule that found each, or None where no analyser is available."""
    tokens = ctx.lexicon.tokens(text, lang)
    if tokens is None:
        return None
    if ctx.on("names.dateline") and _dateline(text, lang):
        # "Geneva, 3 June 2024": a dateline opens with a place, whatever else the word means.
        comma = next((k for k, t in enumerate(tokens) if t.surface == ","), 0)
        tokens = tuple(
            dataclasses.replace(t, initial=False) if k < comma else t for k, t in enumerate(tokens)
        )
    # A word the text also writes in lower case is a common word ("Traé tu mochila, traé tu moto").
    lower = {fold(w) for w in words(text) if w[:1].islower()} if ctx.on("names.lowercase") else set()
    flags = [is_name(t, lang, ctx) and fold(t.surface) not in lower for t in tokens]
    if ctx.on("names.honorific"):
        flags = [f and fold(t.surface) not in HONORIFICS for f, t in zip(flags, tokens, strict=True)]
    if ctx.on("names.abbreviation"):
        # "Fdo.", "Avda.": an abbreviation the lexicon lacks, not a name.
        flags = [
            f
            and not (
                t.unknown and len(t.surface) <= 4 and k + 1 < len(tokens) and tokens[k + 1].surface == "."
            )
            for k, (f, t) in enumerate(zip(flags, tokens, strict=True))
        ]
    out = []
    for i, token in enumerate(tokens):
        neighbours = [k for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
        # A common word next to a name describes it ("Naya River", "Rosa Elvira"): the name
        # beside it is what must reach the translation.
        beside = any(flags[k] and not tokens[k].common for k in neighbours)
        if flags[i] and not (token.common and beside):
            out.append((token.surface, _kind(token, lang)))
        elif (
            ctx.on("names.isolated")
            and not flags[i]
            and _isolated(tokens, flags, i, lang)
            and fold(token.surface) not in lower
        ):
            out.append((token.surface, "names.isolated"))
    if ctx.on("names.run") and not _title_case(text):
        out += [(run, "names.run") for run in _runs(tokens, flags, {n for n, _ in out})]
    return out


# Small words inside a name made of common words ("Banco de la República", "Bank of England").
_RUN_JOINERS = {"de", "del", "la", "las", "los", "y", "e", "of", "the", "and", "for", "on"}


def _runs(tokens: tuple[Token, ...], flags: list[bool], found: set[str]) -> list[str]:
    """Runs of two or more capitalised words none of which is a name already found, inside a
    sentence ("Dos Hermanas", "Banco Cooperativo Solidario", "Bishop Street", "General Roca"):
    a name made of common words, a place or an institution."""
    out = []
    i = 0
    while i < len(tokens):
        j, run = i, list[int]()
        while j < len(tokens):
            t = tokens[j]
            if t.punct or not t.surface[:1].isalpha():
                break
            if t.capitalised and not t.surface.isupper() and not (t.initial and not run):
                run.append(j)
            elif not (run and t.surface.lower() in _RUN_JOINERS):
                break
            j += 1
        while run and run[-1] != j - 1 and j > i:  # no joiner at the end
            j -= 1
        if len(run) >= 2 and not any(flags[k] or tokens[k].surface in found for k in run):
            out.append(" ".join(t.surface for t in tokens[run[0] : run[-1] + 1]))
        i = max(j, i + 1)
    return out


def _title_case(text: str) -> bool:
    """A heading in title case ("Open Letter to the Minister"): its capitals say nothing."""
    long = [w for w in words(text) if len(w) > 3]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


def _glossary_covered(src: str, sl: str, ctx: Context) -> str:
    """The source's glossary terms, which the glossary check looks after."""
    folded = fold(src)
    return " ".join(fold(t.text(sl)) for t in ctx.glossary if fold(t.text(sl)) in folded)


def _found(name: str, tgt_words: list[str], sl: str, tl: str, ctx: Context) -> bool:
    content = [w for w in words(name) if w.lower() not in CONNECTORS and len(w) > 1]
    if any(_present(w, tgt_words) for w in content):
        return True  # for a multiword name, one of its words in place is enough
    for es, en in EXONYMS:
        known, other = (es, en) if sl == "es" else (en, es)
        named = fold(name) in fold(known).split() or fold(name) == fold(known)
        if named and all(_present(w, tgt_words) for w in words(other) if w.lower() not in CONNECTORS):
            return True
    translated = ctx.lexicon.translation(name, sl, tl)
    if translated and translated != name:
        return any(_present(w, tgt_words) for w in words(translated) if w.lower() not in CONNECTORS)
    return False


def _acronyms(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    out = []
    seen: set[str] = set()
    shouted = _shouted_by_lexicon(src, sl, ctx)
    for m in _ACRONYM.finditer(src):
        word = m.group(0)
        if word in seen:
            continue
        seen.add(word)
        if _shouted(word, src, sl) or word in shouted:
            continue
        if not _has_acronym(word, tgt, ctx) and not _translated(word, tgt, sl, tl, ctx):
            rule = "names.acronym-apposition" if _apposition(word, m.start(), src) else "names.acronym"
            out.append(Signal(word, f"the acronym {word} is missing from the translation", rule))
    return out


def _apposition(word: str, start: int, src: str) -> bool:
    """A two-letter code set off after a name ("Teresa Grant, RN", "Fremantle, WA,"): a
    credential or a state, which translators often write out or put before the name."""
    return (
        len(word) == 2
        and bool(re.search(r"[^\W\d_]{2,},\s*$", src[:start]))
        and not re.match(r"\s*[^\W\d_]", src[start + 2 :])
    )


def _shouted_by_lexicon(src: str, lang: str, ctx: Context) -> set[str]:
    """Words in capitals that the lexicon reads only as common words ("DICE", "SOLICITA",
    "EXPONE" in a Spanish petition): shouted, not acronyms. An acronym reads as one, or is unknown."""
    if not ctx.on("names.shouted-lexicon"):
        return set()
    tokens = ctx.lexicon.tokens(src, lang) or ()
    return {
        t.surface
        for t in tokens
        if t.surface.isupper() and len(t.surface) >= 4 and t.common and not (t.acronym or t.proper)
    }


def _translated(acronym: str, tgt: str, sl: str, tl: str, ctx: Context) -> bool:
    """An acronym Apertium writes out ("UK" → "Reino Unido"), found written out."""
    if not ctx.on("names.acronym-apertium"):
        return False
    translated = ctx.lexicon.translation(acronym, sl, tl)
    return bool(translated and translated != acronym and fold(translated) in fold(tgt))


def _shouted(word: str, src: str, lang: str) -> bool:
    """A word in capitals that is not an acronym: a dictionary word of a heading in capitals
    ("COMUNICADO DE PRENSA"), or a long one ("PHILADELPHIA", checked as a name)."""
    letters = sum(c.isalpha() for c in word)
    if not common_word(word, lang) and not (
        letters > 5 and common_word(word.capitalize(), lang, proper=True)
    ):
        return False
    if letters > 5:
        return True
    return bool(
        re.search(rf"[A-ZÁÉÍÓÚÑ]{{2,}}\s+{re.escape(word)}\b|\b{re.escape(word)}\s+[A-ZÁÉÍÓÚÑ]{{2,}}", src)
    )


def _has_acronym(acronym: str, text: str, ctx: Context) -> bool:
    plain = acronym.replace(".", "").replace(" ", "")
    if ctx.on("names.acronym-forms"):
        if (code := _CODE.fullmatch(plain)) and re.search(rf"(?<![\d.,]){code.group(1)}(?![\d])", text):
            return True  # "R850" → "850 rands": the code's number is the numbers check's
        if plain.endswith("s") and len(plain) > 2 and _has_acronym(plain[:-1], text, ctx):
            return True  # "CPOs" → "CPO"
        letters = sorted(plain)
        if len(plain) >= 3 and any(sorted(m) == letters for m in re.findall(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b", text)):
            return True  # the other language's order of the same words: PSI → ISP
    for group in ACRONYM_EQUIVALENTS:
        if acronym in group or plain in group:
            return any(re.search(rf"(?<!\w){re.escape(x)}(?!\w)", text) for x in group)
    if re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", text, re.IGNORECASE):
        return True
    return plain in text.replace(".", "")


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    out = _acronyms(src, tgt, sl, tl, ctx)
    lost = _missing(src, tgt, sl, tl, ctx)
    if lost is None:
        return out + _fallback(src, tgt)
    if lost and ctx.on("names.back-translation"):
        # Apertium's rendering of the translation back into the original's language finds a
        # name the translator wrote in another form: "Irish law" → "ley irlandesa" (Irlanda).
        back = ctx.lexicon.translation(tgt, tl, sl)
        if back:
            back_words = [_spelling(w) for w in (*_LETTERS.findall(back), *words(back))]
            lost = [(name, rule) for name, rule in lost if not _found(name, back_words, sl, sl, ctx)]
    for name, rule in lost:
        out.append(
            Signal(name, f"the name {name} is missing from the translation (dropped or replaced)", rule)
        )
    return out


def _missing(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[tuple[str, str]] | None:
    """The original's names not found in the translation, with the rule that found each; None
    where no analyser is available."""
    names = named(src, sl, ctx)
    if names is None:
        return None
    covered = _glossary_covered(src, sl, ctx) + " " + _glossary_covered(tgt, tl, ctx)
    tgt_words = [_spelling(w) for w in (*_LETTERS.findall(tgt), *words(tgt))]
    first: dict[str, str] = {}
    for name, rule in names:
        first.setdefault(name, rule)
    return [
        (name, rule)
        for name, rule in first.items()
        if fold(name) not in covered
        and not (
            _run_found(name, tgt_words, sl, tl, ctx)
            if rule == "names.run"
            else _found(name, tgt_words, sl, tl, ctx)
        )
    ]


def _run_found(run: str, tgt_words: list[str], sl: str, tl: str, ctx: Context) -> bool:
    """A run of common words is found when most of its words are, as written or as Apertium
    renders the run ("Congreso Nacional" → "National Congress")."""

    def most(names: list[str]) -> bool:
        content = [w for w in names if w.lower() not in CONNECTORS and len(w) > 2]
        hits = sum(any(t.startswith(_stem(w)[:6]) for t in tgt_words) for w in content)
        return bool(content) and hits >= 0.5 * len(content)

    if most(words(run)):
        return True
    translated = ctx.lexicon.translation(run, sl, tl)
    return bool(translated) and most(words(translated or ""))


def _fallback(src: str, tgt: str) -> list[Signal]:
    """Without Apertium: runs of two or more capitalised words, minus institution words."""
    out = []
    seen: set[str] = set()
    folded = fold(tgt)
    for m in _NAME.finditer(src):
        name = m.group(0)
        parts = [w for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in CONNECTORS]
        if any(fold(w) in _NOT_NAMES_FOLDED for w in parts):
            continue  # an institution's name: translated, not carried
        if m.start() == 0 or re.search(r"[.!?:¿¡]\s*$", src[: m.start()]):
            parts = parts[1:]  # a sentence-initial capital is not evidence of a name
            name = " ".join(parts)
        if len(parts) < 2 or name in seen:
            continue
        seen.add(name)
        if not all(fold(w) in folded for w in parts):
            out.append(Signal(name, f"the name {name} was dropped or altered", "names.fallback"))
    return out


def prepare(pairs: list[tuple[str, str, str, str]], ctx: Context) -> None:
    """Translate the names of many originals in one Apertium run per direction."""
    wanted = []
    for src, _tgt, sl, tl in pairs:
        if sl != tl:
            wanted += [(name, sl, tl) for name in candidates(src, sl, ctx) or []]
            wanted += [(m.group(0), sl, tl) for m in _ACRONYM.finditer(src)]
    ctx.lexicon.prepare_translations(wanted)
    if ctx.on("names.back-translation"):
        # Then the translations that miss a name, back into the original's language.
        ctx.lexicon.prepare_translations(
            (tgt, tl, sl) for src, tgt, sl, tl in pairs if sl != tl and _missing(src, tgt, sl, tl, ctx)
        )
