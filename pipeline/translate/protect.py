"""The glossary at translation time: protect each term's span, translate, restore, verify.

Before a segment reaches an engine, every glossary term found in it is replaced by a
placeholder (`ZXQ1`, `ZXQ2`, ...) that engines copy as they would an unknown name: Apertium
passes it through, and an Argos model or a LibreTranslate server sees one short token. After
translation each placeholder is replaced by the term's text in the target language (a name
that is never translated comes back exactly as the original wrote it). An output in which a
placeholder was lost, doubled or invented is "mangled": the run sends it to the fallback
engine, as it does degenerate output, and flags the block when no engine restored it intact.

Nothing here knows about engines: the segments sent carry placeholders, so the memory's key
is what reached the engine, and a glossary change reaches the engine only for the segments
whose terms changed on the source side (a changed translation of a term is restored from the
same memory entry).

Matching is literal: a term with a capital letter ("CUT", "Pan y Rosas") matches exactly as
written; an all-lower-case term ("huelga general") matches in any case. Spaces match any run
of white space, and ' matches ’. Longer terms win over the shorter ones inside them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.glossary import Term

# Letters and a digit: copied by rule-based and neural engines alike, never a Spanish or
# English word, and invisible to the number and date post-editing (no word boundary before
# the digit).
PREFIX = "ZXQ"
PLACEHOLDER = re.compile(r"(?<![0-9A-Za-z])ZXQ(\d+)(?![0-9A-Za-z])")
# What a restore still recognises after an engine changed a placeholder's case or split it.
_LOOSE = re.compile(r"(?<![0-9A-Za-z])[Zz][Xx][Qq]\s?(\d+)(?![0-9A-Za-z])")


@dataclass(frozen=True)
class Rule:
    """One term for one direction: what to find in the source, what to put back."""

    source: str
    target: str
    keep: bool

    @property
    def exact(self) -> bool:
        """A term written with a capital is a name: it matches only as written."""
        return self.source != self.source.lower()

    @property
    def pair(self) -> tuple[str, str]:
        return (self.source, self.target)


@dataclass(frozen=True)
class Span:
    """One protected occurrence: its placeholder, what it replaced, and what goes back."""

    token: str
    found: str
    replacement: str
    rule: Rule


@dataclass(frozen=True)
class Protected:
    """A segment as sent to the engine."""

    text: str
    spans: tuple[Span, ...] = ()


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _pattern(term: str) -> str:
    words = ["['’]".join(re.escape(part) for part in re.split("['’]", w)) for w in term.split()]
    body = r"\s+".join(words)
    return body if term != term.lower() else f"(?i:{body})"


class Matcher:
    """The glossary for one direction (source → target), compiled once per run."""

    def __init__(self, terms: Iterable[Term], source: str, target: str) -> None:
        self.source, self.target = source, target
        rules = [Rule(t.text(source), t.text(target), t.keep) for t in terms]
        self.rules = sorted(rules, key=lambda r: (-len(r.source), r.source))
        self._exact = {_key(r.source): r for r in self.rules if r.exact}
        self._folded = {_key(r.source).casefold(): r for r in self.rules if not r.exact}
        self._compiled: dict[bool, re.Pattern[str] | None] = {}

    def __bool__(self) -> bool:
        return bool(self.rules)

    def _regex(self, escaped: bool) -> re.Pattern[str] | None:
        if escaped not in self._compiled:
            if not self.rules:
                self._compiled[escaped] = None
            else:
                forms = [html.escape(r.source, quote=False) if escaped else r.source for r in self.rules]
                alternatives = "|".join(_pattern(f) for f in forms)
                self._compiled[escaped] = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        return self._compiled[escaped]

    def _rule(self, found: str, escaped: bool) -> Rule:
        key = _key(html.unescape(found) if escaped else found)
        rule = self._exact.get(key) or self._folded.get(key.casefold())
        if rule is None:  # a case the regex folds and casefold() does not: ask each term
            rule = next(r for r in self.rules if re.fullmatch(_pattern(r.source), key, re.IGNORECASE))
        return rule

    def find(self, text: str, escaped: bool = False) -> list[tuple[re.Match[str], Rule]]:
        """Every term occurrence in `text`, longest first where they overlap, in order."""
        regex = self._regex(escaped)
        if regex is None:
            return []
        return [(m, self._rule(m.group(0), escaped)) for m in regex.finditer(text)]

    def terms_in(self, text: str) -> list[tuple[str, str]]:
        """The (source, target) pairs of the terms a text contains, sorted: a block's glossary state."""
        return sorted({rule.pair for _, rule in self.find(text)})

    def protect(self, segment: str, escaped: bool = False) -> Protected:
        """`segment` with each term replaced by a placeholder; `escaped` for our HTML subset."""
        found = self.find(segment, escaped)
        if not found:
            return Protected(segment)
        spans: list[Span] = []
        parts: list[str] = []
        last = 0
        for number, (m, rule) in enumerate(found, start=1):
            token = f"{PREFIX}{number}"
            text = m.group(0)
            replacement = text if rule.keep else _cased(rule.target, text, rule.source)
            if escaped and not rule.keep:
                replacement = html.escape(replacement, quote=False)
            spans.append(Span(token, text, replacement, rule))
            parts += [segment[last : m.start()], token]
            last = m.end()
        parts.append(segment[last:])
        return Protected("".join(parts), tuple(spans))


def _cased(target: str, found: str, source: str) -> str:
    """The target term in the case the original used: "Huelga general" → "General strike"."""
    if len(found) > 1 and found.isupper() and not source.isupper():
        return target.upper()
    if found[:1].isupper() and source[:1].islower():
        return target[:1].upper() + target[1:]
    return target


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER.search(text) is not None


def problem(sent: str, output: str) -> str | None:
    """Why an engine's output cannot be restored intact: a placeholder lost, doubled or invented."""
    wanted = Counter(PLACEHOLDER.findall(sent))
    if not wanted and PREFIX not in output:
        return None
    got = Counter(PLACEHOLDER.findall(output))
    if got == wanted:
        return None
    lost = sorted(wanted - got, key=int)
    extra = sorted(got - wanted, key=int)
    if lost:
        return f"glossary placeholder {PREFIX}{lost[0]} lost by the engine"
    if extra:
        return f"glossary placeholder {PREFIX}{extra[0]} {'doubled' if extra[0] in wanted else 'invented'} by the engine"
    return None


def restore(output: str, protected: Protected, target: str) -> tuple[str, int]:
    """The output with every placeholder replaced by its term; and how many came back.

    Placeholders an engine changed slightly ("Zxq1", "ZXQ 1") are still recognised; one it
    lost cannot come back (the caller flags the block).
    """
    if not protected.spans:
        return output, 0
    output = _uncapitalise_after(output, protected.text)
    by_number = {span.token[len(PREFIX) :]: span for span in protected.spans}
    restored = 0
    parts: list[str] = []
    last = 0
    for m in _LOOSE.finditer(output):
        span = by_number.get(m.group(1))
        if span is None:
            continue
        before = _agree(output[last : m.start()], span, target)
        parts += [before, span.replacement]
        last = m.end()
        restored += 1
    parts.append(output[last:])
    return "".join(parts), restored


def _uncapitalise_after(output: str, sent: str) -> str:
    """Undo a capital an engine gave the word after a sentence-opening placeholder.

    Apertium capitalises the word that follows an unknown word opening a sentence ("ZXQ1
    exige" → "ZXQ1 Demands"); where the original's next word is in lower case, so is this one.
    """
    for m in re.finditer(r"(?:^|[.!?:]\s+)[\"'“«(¡¿]*(ZXQ\d+)\s+([^\W\d_])", sent):
        if not m.group(2).islower():
            continue
        token = re.escape(m.group(1))
        output = re.sub(
            rf"(?<![0-9A-Za-z]){token}(\s+)([^\W\d_])(?=[^\W\d_]*[a-záéíóúñü])",
            lambda w: w.group(0)[:-1] + w.group(2).lower(),
            output,
        )
    return output


# Determiners an engine put before a placeholder, which cannot know the term's gender or number.
_ES_ARTICLE = re.compile(
    r"(?<!\w)(el|la|los|las|un|una|unos|unas|del|al|de la|a la|de los|a los|de las|a las)(\s+)$", re.I
)
_ES_FORMS = {
    # (definite, preposition) -> forms for (masculine singular, feminine singular, m. plural, f. plural)
    (True, ""): ("el", "la", "los", "las"),
    (False, ""): ("un", "una", "unos", "unas"),
    (True, "de"): ("del", "de la", "de los", "de las"),
    (True, "a"): ("al", "a la", "a los", "a las"),
}
_ES_READ = {
    "el": (True, ""), "la": (True, ""), "los": (True, ""), "las": (True, ""),
    "un": (False, ""), "una": (False, ""), "unos": (False, ""), "unas": (False, ""),
    "del": (True, "de"), "de la": (True, "de"), "de los": (True, "de"), "de las": (True, "de"),
    "al": (True, "a"), "a la": (True, "a"), "a los": (True, "a"), "a las": (True, "a"),
}  # fmt: skip
_EN_ARTICLE = re.compile(r"(?<!\w)(a|an)(\s+)$", re.I)


def _agree(before: str, span: Span, target: str) -> str:
    """Make the determiner just before a restored term agree with it."""
    if target == "en":
        m = _EN_ARTICLE.search(before)
        if not m:
            return before
        article = "an" if _vowel_sound(span.replacement) else "a"
        if m.group(1)[0].isupper():
            article = article.capitalize()
        return before[: m.start(1)] + article + m.group(2)
    if span.rule.keep:
        return before  # a name's gender is not in its spelling
    m = _ES_ARTICLE.search(before)
    form = spanish_form(span.replacement)
    if not m or form is None:
        return before
    key = " ".join(m.group(1).lower().split())
    definite, preposition = _ES_READ[key]
    article = _ES_FORMS[(definite, preposition)][form]
    if m.group(1)[0].isupper():
        article = article[0].upper() + article[1:]
    return before[: m.start(1)] + article + m.group(2)


def _vowel_sound(text: str) -> bool:
    word = text.lstrip("\"'“‘«(").lower()
    if re.match(r"u(ni|s[aeiou]|r[aeiou]|t[aeiou]|k)|eu|one\b", word):
        return False
    return bool(re.match(r"[aeiou]|h(our|onest|onou?r|eir)", word))


# Spanish endings that say a noun's gender, with the common exceptions listed (accents folded).
_FEMININE = re.compile(r"(a|cion|sion|xion|dad|tad|tud|umbre|triz|itis|sis)$")
_MASCULINE = re.compile(r"(o|or|aje|ismo|an|on|in|es)$")
_FEMININE_WORDS = frozenset(
    "red central mano radio foto moto labor flor ley sede mujer clase gente calle razon".split()
)
_MASCULINE_WORDS = frozenset(
    """dia mapa planeta problema sistema programa tema lema clima idioma esquema dilema drama poema
    panorama sintoma frente comite analisis""".split()
)


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _gender(word: str) -> bool | None:
    """True for feminine, False for masculine, None when the spelling does not say."""
    if word in _FEMININE_WORDS:
        return True
    if word in _MASCULINE_WORDS:
        return False
    if _FEMININE.search(word) and not word.endswith("ma"):
        return True
    if _MASCULINE.search(word):
        return False
    return True if word.endswith("ma") else None


def spanish_form(phrase: str) -> int | None:
    """0–3 (masculine or feminine, singular or plural) for a Spanish noun phrase; None when unsure.

    The head is the first word ("caja de resistencia", "trabajadoras del hogar").
    """
    words = phrase.split()
    if not words:
        return None
    word = words[0].strip(".,;:'\"“”")
    head = _fold(word)
    if len(head) > 3 and head.endswith("s") and not head.endswith(("sis", "tis")) and word[-2] not in "áéíóú":
        # Plural: "convenios" → convenio, "trabajadores" → trabajador, "redes" → red.
        for stem in (head[:-1], head[:-2]):
            if stem.endswith("e") and stem not in _FEMININE_WORDS | _MASCULINE_WORDS:
                continue
            gender = _gender(stem)
            if gender is not None:
                return 2 + int(gender)
        return None
    gender = _gender(head)
    return None if gender is None else int(gender)
