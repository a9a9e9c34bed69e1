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
from typing import NamedTuple

from pipeline.review.checks.base import Context, Signal
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
    "es": [r"\bsin embargo\b", r"\bno obstante\b", r"\bhasta que no\b", r"\bn\.?\s?º", r"\bno\.\s?(?=\S*\d)"],
    "en": [r"\bno\.\s?(?=\S*\d)", r"\bno doubt\b", r"\bno matter\b"],
}
NEGATIVE_PHRASES = {
    "es": [r"\ba menos que\b", r"\bsalvo que\b", r"\b(?:nieg\w+|neg[aáó]\w*)\s+a\b",
           r"\breh[uú]s\w*",
           r"\ben (?:lugar|vez) de\b"],
    "en": [r"\bfail(?:s|ed|ing)?\s+to\b", r"\brefus(?:es|ed|ing)\b|\brefuse\s+to\b", r"\bno\s+one\b", r"\brather than\b",
           r"\binstead of\b", r"\bdeclin(?:e|es|ed|ing)\s+to\b",
           r"\b(?:has|have|had|is|are|was|were|remains?|remained)\s+yet\s+to\b"],
}  # fmt: skip
# A negated comparative bounds a quantity ("no more than four", "no superior a treinta
# días"): the other language may bound it without a negation ("un máximo de cuatro",
# "within thirty days at most"). It and the bounds are optional, like prefixes.
BOUNDS = {
    "es": [
        # Apertium renders "no more than" as "ningún más de": its literal renderings are read too.
        r"\b(?:no|ningún|ninguna)\s+(?:más|menos)\s+de\b",
        r"\bno\s+(?:superior|inferior|mayor|menor)(?:es)?\s+(?:a|de|que)\b",
    ],
    "en": [r"\b(?:no|not)\s+(?:more|less|fewer|later|earlier|longer)\s+than\b"],
}
BOUND_WORDS = {
    "es": [r"\b(?:un|como)\s+(?:máximo|mínimo)\b", r"\ba lo sumo\b", r"\bcomo mucho\b", r"\bal menos\b",
           r"\bpor lo menos\b"],
    "en": [r"\ba\s+(?:maximum|minimum)\s+of\b", r"\bat\s+(?:the\s+)?(?:most|least)\b"],
}  # fmt: skip
# "inaceptable", "unacceptable", "imposible": a negative prefix on an adjective the
# dictionary knows without it (kept to -able/-ible: "in-" and "des-" start many words
# that negate nothing: "informar", "despedido").
_PREFIXED = {
    "es": re.compile(r"^(?:in|im|i)([^\W\d_]+(?:able|ible)s?)$"),
    "en": re.compile(r"^(?:in|im|un|i)([^\W\d_]+(?:able|ible))$|^un([^\W\d_]*(?:ed|paid))$"),
}
# Words that often carry a negation of the other side ("¡Basta de…!" for "No more…") but
# are not negations themselves: like prefixes, they may answer one, never require one.
OPTIONAL = {
    "es": [r"\bbasta\b", r"\brechaz\w*", r"\bfalta de\b", r"\bcarec\w*", r"\bincumpl\w*", r"\bimpag\w*"],
    "en": [r"\benough\b", r"\breject\w*", r"\black(?:s|ed|ing)?\b", r"\bfailure to\b"],
}
# "No solo… sino", "not only… but": a focus, not a negation ("both… and" says the same).
FOCUS = {
    "es": [r"\bno\s+(?:s[oó]lo|solamente|únicamente)\b"],
    "en": [r"\bnot\s+(?:only|just|merely|simply)\b"],
}
# "-less" on a noun the dictionary knows ("homeless", "jobless"): "sin hogar" in Spanish.
_LESS = re.compile(r"^([^\W\d_]{3,})less$")
# "ni"/"nor" between two negated verbs opens a negated clause of its own ("no celebró… ni le
# ofreció", "has not provided… nor has it replied", "have been neither paid… nor
# compensated"); between nouns it continues the first negation ("sin autónomos ni
# subcontratas", "no classes, nor buses"). A verb is known from the analysers (any verb
# reading) or, without them, from a few auxiliaries; Spanish clitic pronouns stand before one.
_CLITICS = {"se", "le", "les", "lo", "la", "los", "las", "me", "te", "nos", "os"}
_AUXILIARIES = {
    "es": {"ha", "han", "he", "hemos", "había", "habían", "hubo", "habrá", "habrán", "es", "son", "fue", "fueron",
           "está", "están", "estaba", "estaban", "será", "serán", "puede", "pueden", "pudo", "debe", "deben"},
    "en": {"has", "have", "had", "did", "does", "do", "is", "are", "was", "were", "will", "would", "can", "could",
           "shall", "should", "may", "might", "must", "be", "been"},
}  # fmt: skip
_CLAUSE = re.compile(r"[,;:()—–]|\b(?:y|e|pero|sino|and|but|or|o)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]+n['’]t\b|[^\W\d_]+|[,;:()—–]")


def _known_base(word: str, lang: str) -> bool:
    if word.endswith("ed"):
        bases = [word, word[:-1], word[:-2]]
    else:
        stem = word[:-4]
        bases = [word, stem, stem + "e"] if lang == "en" else [word, stem + "ar", stem + "er", stem + "ir"]
    return any(common_word(b, lang) for b in bases)


class Words(NamedTuple):
    """What the analysers say about some words of a text (lower case): words with a verb
    reading, words that are only common nouns. Empty without the analysers."""

    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    only_verbs: frozenset[str] = frozenset()


NOTHING_KNOWN = Words()


def count(
    text: str, lang: str, known: Words = NOTHING_KNOWN, off: frozenset[str] = frozenset()
) -> tuple[int, int]:
    """Negations in a sentence, one per clause for concord items; and negative prefixes
    ("inaceptable"), which may stand for a negation of the other side but are not required.
    `known`: the analysers' reading of the text's words; `off`: rules switched off (the bench)."""
    low = text.lower()
    optional = sum(len(re.findall(p, low)) for p in OPTIONAL[lang])
    for pattern in NOT_NEGATIONS[lang]:
        low = re.sub(pattern, " ", low)
    if "negation.focus" not in off:
        for pattern in FOCUS[lang]:
            optional += len(re.findall(pattern, low))
            low = re.sub(pattern, " ", low)
    if "negation.bounds" not in off:
        for pattern in BOUNDS[lang] + BOUND_WORDS[lang]:
            optional += len(re.findall(pattern, low))
            low = re.sub(pattern, " ", low)
    total = 0
    for pattern in NEGATIVE_PHRASES[lang]:
        total += len(re.findall(pattern, low))
        low = re.sub(pattern, " ", low)
    clause = sentence = False  # a negation is open in this clause, in this sentence
    since = 99  # tokens since the last negation counted in this clause
    verbal = False  # the last negation counted stands before a verb
    tokens = _TOKEN.findall(low)
    for k, token in enumerate(tokens):
        previous = tokens[k - 1] if k else ""
        since += 1
        if _CLAUSE.fullmatch(token):
            clause = False
        elif lang == "en" and token.endswith(("n't", "n’t")):
            total += 1
            clause = sentence = True
            since, verbal = 0, True
        elif _prefixed(token, lang, off):
            if clause and since <= 3 and "negation.litotes" not in off:
                total -= 1  # "no fue imprevisible", "not unreasonable": the two cancel out
                clause = False
            else:
                optional += 1
        elif (
            lang == "es"
            and token == "no"
            and k + 1 < len(tokens)
            and tokens[k + 1] in known.nouns
            and "negation.nominal" not in off
        ):
            optional += 1  # "certificado de no objeción", "la no violencia": a prefix, "non-"
        elif token in NEGATORS[lang]:
            continued = clause and token in CONCORD[lang]
            # "sin autónomos ni subcontratas", "no bogus contracts and no subcontractors"
            continued |= sentence and (
                token in ("ni", "nor") or (token == "no" and previous in ("and", "or"))
            )
            before_verb = _verb_after(tokens, k, lang, known)
            if continued and token in ("ni", "nor") and verbal and "negation.nor-verb" not in off:
                # Spanish nouns are often verb forms too ("ni empleo"): only a word that is
                # nothing but a verb opens a clause there.
                continued = not _verb_after(tokens, k, lang, known, strict=lang == "es")
            if not continued:
                total += 1
                since, verbal = 0, before_verb
            clause = sentence = True
    return total, optional


def _prefixed(token: str, lang: str, off: frozenset[str]) -> bool:
    if (m := _PREFIXED[lang].match(token)) and _known_base(m.group(m.lastindex or 1), lang):
        return True
    if lang == "en" and "negation.less" not in off and (m := _LESS.match(token)):
        return common_word(m.group(1), lang)
    return False


def _verb_after(tokens: list[str], k: int, lang: str, known: Words, strict: bool = False) -> bool:
    """Whether a verb follows the negation at `k` (past Spanish clitic pronouns); with
    `strict`, a word the analysers read only as a verb."""
    j = k + 1
    while j < len(tokens) and lang == "es" and tokens[j] in _CLITICS:
        j += 1
    strict = strict and j == k + 1  # after a clitic pronoun ("ni le ofreció"), any verb reading
    return j < len(tokens) and (
        tokens[j] in _AUXILIARIES[lang] or tokens[j] in (known.only_verbs if strict else known.verbs)
    )


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


def _literal(s: str, sl: str, tl: str, ctx: Context) -> tuple[int, int] | None:
    """The negations of Apertium's word-by-word rendering of an original sentence, or None."""
    literal = ctx.lexicon.translation(s, sl, tl) if sl != tl else None
    return count(literal, tl, _known(literal, tl, ctx), ctx.off) if literal else None


def _known(text: str, lang: str, ctx: Context) -> Words:
    """The analysers' reading of the text's words (nothing without them)."""
    tokens = ctx.lexicon.tokens(text, lang) or ()
    return Words(
        frozenset(t.surface.lower() for t in tokens if t.verb),
        frozenset(t.surface.lower() for t in tokens if t.noun),
        frozenset(t.surface.lower() for t in tokens if t.only_verb),
    )


def _differs(a: tuple[int, int], b: tuple[int, int], ctx: Context) -> tuple[int, int] | None:
    """(original, translation) negations where they differ beyond what the optional words of
    either side answer. An optional word ("inaceptable", "reject", "no more than") first
    answers one of the other side; only the rest may stand for a negation."""
    (a_req, a_opt), (b_req, b_opt) = a, b
    if ctx.on("negation.optional-pairs"):
        a_opt, b_opt = max(0, a_opt - b[1]), max(0, b_opt - a[1])
    return (a_req, b_req) if a_req > b_req + b_opt or b_req > a_req + a_opt else None


def _signals(
    src: str, tgt: str, sl: str, tl: str, ctx: Context
) -> list[tuple[str, str, int, int, tuple[int, int]]]:
    """(original sentence, rule, original negations, translation negations, the translation's
    count with its optional words) where they differ."""
    vs, vt = _known(src, sl, ctx), _known(tgt, tl, ctx)
    pairs = _sentence_pairs(src, tgt, sl, tl)
    counted = [(count(s, sl, vs, ctx.off), count(t, tl, vt, ctx.off)) for s, t in pairs]
    whole = (
        [sum(x) for x in zip(*(a for a, _ in counted), strict=True)],
        [sum(x) for x in zip(*(b for _, b in counted), strict=True)],
    )
    block = _differs((whole[0][0], whole[0][1]), (whole[1][0], whole[1][1]), ctx)
    out = []
    for (s, _t), (a, b) in zip(pairs, counted, strict=True):
        differs = _differs(a, b, ctx)
        if differs is None:
            continue
        n, m = differs
        rule = "negation.dropped" if n > m else "negation.added"
        if block is None or (block[0] > block[1]) != (n > m):
            rule += "-sentence"  # the block as a whole agrees: the sentences may be paired wrongly
        out.append((s, rule, n, m, b))
    return out


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    out = []
    for s, rule, a, b, counted in _signals(src, tgt, sl, tl, ctx):
        literal = _literal(s, sl, tl, ctx)
        if b > a and literal is not None and ctx.on("negation.literal"):
            again = _differs(literal, counted, ctx)
            if again is None or again[1] <= again[0]:
                # The languages merely count differently ("no… nada" is one negation in Spanish
                # and two in English). Never an excuse for fewer: Apertium loses negations.
                continue
        if b < a and literal is not None and literal[0] <= b:
            rule += "-literal"  # Apertium's rendering has as few: it may be how the languages count
        where = s if len(s) <= 80 else s[:77] + "…"
        if a > b:
            explanation = (
                f"the original has {a} negation(s) here and the translation {b}: the meaning may be reversed"
            )
        else:
            explanation = (
                f"the translation has {b} negation(s) here and the original {a}: the meaning may be reversed"
            )
        out.append(Signal(where, explanation, rule))
    return out


def prepare(pairs: list[tuple[str, str, str, str]], ctx: Context) -> None:
    """Translate, in one Apertium run per direction, the original sentences whose negations
    differ from their translation's."""
    wanted = []
    for src, tgt, sl, tl in pairs:
        if sl != tl:
            wanted += [(found[0], sl, tl) for found in _signals(src, tgt, sl, tl, ctx)]
    ctx.lexicon.prepare_translations(wanted)
