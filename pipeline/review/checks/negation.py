"""Negation: a lost or added "no" reverses a sentence's meaning.

Negations are counted, not just noticed, and compared sentence by sentence (sentences paired
by length, Gale–Church), so a block with two negations that loses one is caught, and so is
a negation the original does not have. What is counted is a negation, not a negative word:
Spanish negative concord ("no ha pagado ni un peso", "no… nada") and English "neither… nor"
count once per clause; "sin embargo" and the expletive "hasta que no" are not negations;
"unless"/"a menos que" and "fail to"/"refuse"/"negarse" are.
"""

from __future__ import annotations

import re

from pipeline.review.checks.base import Context
from pipeline.review.lexicon import common_word

NEGATORS = {
    "es": {"no", "nunca", "jamás", "jamas", "ni", "tampoco", "nadie", "nada", "ningún", "ningun", "ninguno",
           "ninguna", "ningunos", "ningunas", "sin"},
    "en": {"no", "not", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot",
           "without", "unless"},
}  # fmt: skip
# Words that continue a negation already open in the clause instead of adding one.
CONCORD = {
    "es": {"ni", "nada", "nadie", "nunca", "jamás", "jamas", "ningún", "ningun", "ninguno", "ninguna",
           "ningunos", "ningunas", "tampoco"},
    "en": {"nor"},
}  # fmt: skip
# Phrases that look negative and are not, removed before counting; and phrases that are.
NOT_NEGATIONS = {
    "es": [r"\bsin embargo\b", r"\bno obstante\b", r"\bhasta que no\b", r"\bn\.?\s?º", r"\bno\.\s?\d"],
    "en": [r"\bno\.\s?\d", r"\bno doubt\b", r"\bno matter\b"],
}
NEGATIVE_PHRASES = {
    "es": [r"\ba menos que\b", r"\bsalvo que\b", r"\b(?:nieg\w+|negad[oa]s?|negarse|neg[aá]ndose)\s+a\b",
           r"\ben (?:lugar|vez) de\b"],
    "en": [r"\bfail(?:s|ed|ing)?\s+to\b", r"\brefus(?:es|ed|ing)\b|\brefuse\s+to\b", r"\bno\s+one\b", r"\brather than\b",
           r"\binstead of\b"],
}  # fmt: skip
# "inaceptable", "unacceptable", "imposible": a negative prefix on an adjective the
# dictionary knows without it (kept to -able/-ible: "in-" and "des-" start many words
# that negate nothing: "informar", "despedido").
_PREFIXED = {
    "es": re.compile(r"^(?:in|im|i)([^\W\d_]+(?:able|ible)s?)$"),
    "en": re.compile(r"^(?:in|im|un|i)([^\W\d_]+(?:able|ible))$|^un([^\W\d_]+(?:ed|paid))$"),
}
# Words that often carry a negation of the other side ("¡Basta de…!" for "No more…") but
# are not negations themselves: like prefixes, they may answer one, never require one.
OPTIONAL = {"es": [r"\bbasta\b", r"\brechaz\w*"], "en": [r"\benough\b", r"\breject\w*"]}
_CLAUSE = re.compile(r"[,;:()—–]|\b(?:y|e|pero|sino|and|but|or|o)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]+n['’]t\b|[^\W\d_]+|[,;:()—–]")


def _known_base(word: str, lang: str) -> bool:
    if word.endswith("ed"):
        bases = [word, word[:-1], word[:-2]]
    else:
        stem = word[:-4]
        bases = [word, stem, stem + "e"] if lang == "en" else [word, stem + "ar", stem + "er", stem + "ir"]
    return any(common_word(b, lang) for b in bases)


def count(text: str, lang: str) -> tuple[int, int]:
    """Negations in a sentence, one per clause for concord items; and negative prefixes
    ("inaceptable"), which may stand for a negation of the other side but are not required."""
    low = text.lower()
    optional = sum(len(re.findall(p, low)) for p in OPTIONAL[lang])
    for pattern in NOT_NEGATIONS[lang]:
        low = re.sub(pattern, " ", low)
    total = 0
    for pattern in NEGATIVE_PHRASES[lang]:
        total += len(re.findall(pattern, low))
        low = re.sub(pattern, " ", low)
    clause = sentence = False  # a negation is open in this clause, in this sentence
    previous = ""
    for token in _TOKEN.findall(low):
        if _CLAUSE.fullmatch(token):
            clause = False
        elif lang == "en" and token.endswith(("n't", "n’t")):
            total += 1
            clause = sentence = True
        elif (m := _PREFIXED[lang].match(token)) and _known_base(m.group(m.lastindex or 1), lang):
            optional += 1
        elif token in NEGATORS[lang]:
            continued = clause and token in CONCORD[lang]
            # "sin autónomos ni subcontratas", "no bogus contracts and no subcontractors"
            continued |= sentence and (
                token in ("ni", "nor") or (token == "no" and previous in ("and", "or"))
            )
            if not continued:
                total += 1
            clause = sentence = True
        previous = token
    return total, optional


def _sentence_pairs(src: str, tgt: str, sl: str, tl: str) -> list[tuple[str, str]]:
    """Sentences of original and translation paired by length (Gale–Church); the whole block
    where either side has a single sentence."""
    from pipeline.text.lengths import MEAN_RATIO, gale_church
    from pipeline.text.segment import sentences

    a, b = sentences(src), sentences(tgt)
    if len(a) < 2 or len(b) < 2:
        return [(src, tgt)]
    beads = gale_church([len(s) for s in a], [len(s) for s in b], MEAN_RATIO.get((sl, tl), 1.0))
    return [(" ".join(a[i] for i in si), " ".join(b[j] for j in ti)) for si, ti, _ in beads]


def _literal_agrees(s: str, t: str, sl: str, tl: str, ctx: Context) -> bool:
    """Whether Apertium's word-by-word rendering of the original sentence has as many
    negations as a translation that has more than the original: then the two languages
    merely count differently ("no… nada" is one negation in Spanish and two in English).
    Never an excuse for a translation with fewer: Apertium itself loses negations
    ("ningún" → "any", "no habrá" → "there will be")."""
    if not ctx.on("negation.literal"):
        return False
    literal = ctx.lexicon.translation(s, sl, tl)
    if not literal:
        return False
    (c, c_prefixed), (b, _) = count(literal, tl), count(t, tl)
    return b <= c + c_prefixed


def _differs(s: str, t: str, sl: str, tl: str) -> tuple[int, int] | None:
    (a, a_prefixed), (b, b_prefixed) = count(s, sl), count(t, tl)
    return (a, b) if a > b + b_prefixed or b > a + a_prefixed else None


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[tuple[str, str]]:
    out = []
    for s, t in _sentence_pairs(src, tgt, sl, tl):
        differs = _differs(s, t, sl, tl)
        if differs is None:
            continue
        a, b = differs
        if b > a and sl != tl and _literal_agrees(s, t, sl, tl, ctx):
            continue
        where = s if len(s) <= 80 else s[:77] + "…"
        if a > b:
            out.append(
                (
                    where,
                    f"the original has {a} negation(s) here and the translation {b}: the meaning may be reversed",
                )
            )
        else:
            out.append(
                (
                    where,
                    f"the translation has {b} negation(s) here and the original {a}: the meaning may be reversed",
                )
            )
    return out


def prepare(pairs: list[tuple[str, str, str, str]], ctx: Context) -> None:
    """Translate, in one Apertium run per direction, the original sentences whose negations
    differ from their translation's."""
    wanted = []
    for src, tgt, sl, tl in pairs:
        if sl != tl:
            for s, t in _sentence_pairs(src, tgt, sl, tl):
                differs = _differs(s, t, sl, tl)
                if differs and differs[1] > differs[0]:
                    wanted.append((s, sl, tl))
    ctx.lexicon.prepare_translations(wanted)
