"""Language detection per statement and per block, seeded so results never change.

Statement level uses langdetect with every profile, so that a statement in French is
reported as French. A block is read with Lingua restricted to Spanish and English (the
field's library for short text: it beats langdetect and our former word lists on one or
two words out of context, see docs/benchmarks.md), and langdetect's full profiles are
consulted only when words of a neighbouring language appear.

Inside a statement, a block is decided with its statement as the prior (`decide_block`):
it follows the statement's language unless there is strong evidence of the other one, because
leaving a line of the statement untranslated costs far more than translating a foreign
slogan. Names are never evidence; the evidence is a dateline or weekday-and-date line in
the other language's format, a quotation set off as such, Spanish opening marks (or, in a
Spanish statement, an exclamation without them), or a clause whose confidence clears a
threshold measured on the tune split of bench/data/detection-context.jsonl.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from pipeline.model import Block
from pipeline.text import evidence as ev
from pipeline.text.markdown import strip_inline

SEED = 0
# Outside a statement of its own language (a statement in a third language), a block is
# flagged when another language wins by at least this probability.
FLAG_CONFIDENCE = 0.80
# Lingua's probability of the other language that each kind of evidence needs. Measured on
# the tune split with `bench/detection.py --sweep` (docs/benchmarks.md, section 6).
CLAUSE_CONFIDENCE = 0.70  # three words or more, none of them the statement's grammar words
QUOTATION_CONFIDENCE = 0.70  # two words or more set off: a blockquote, quotation marks, hashtags
MARKS_CONFIDENCE = 0.60  # ¡…! in an English statement, …! without ¡ in a Spanish one
CLAUSE_WORDS = 3  # fewer words than this are never a clause

# Words of neighbouring languages (fr, pt, it, ca) that Spanish and English never use:
# two of them send a block to the full set of profiles, so it is reported honestly.
_OTHER_WORDS = frozenset(
    """
    est une dans nous sont avec pour leur aux du il gli della delle sono não são com uma
    também amb els és són això perquè aussi très être même où
    """.split()
)
# langdetect reads at most this much of a text: plenty to tell one language from another.
MAX_TEXT = 400
PAIR = ("es", "en")

# What decided a flagged block: the keys `detect --blocks --json` reports as `evidence`.
EVIDENCE = {
    "dateline": "a dateline written the {name} way",
    "weekday-date": "a weekday-and-date line in {name}",
    "quotation": "a quotation set off as such, in {name} ({p:.2f})",
    "hashtag": "a hashtag in {name} ({p:.2f})",
    "punctuation": "{punctuation} ({p:.2f})",
    "clause": "a clause in {name} ({p:.2f}) without the statement's grammar words",
    "third-language": "a clause in {name}, a third language ({p:.2f})",
    "detector": "{name} ({p:.2f}) in a statement that is neither Spanish nor English",
}
NAMES = {"es": "Spanish", "en": "English"}
_PUNCTUATION = {
    "es": "opened with ¡ or ¿, as only Spanish writes",
    "en": "an exclamation without ¡, as English writes it",
}


@dataclass(frozen=True)
class Detection:
    lang: str  # an ISO 639-1 code, or "und" when there is nothing to detect
    confidence: float


@dataclass(frozen=True)
class Decision:
    """A block decided inside its statement."""

    lang: str  # the block's language: the statement's unless evidence says otherwise
    confidence: float  # how sure: the evidence's confidence, or the text's own support for lang
    flagged: bool  # in another language than its statement: kept as it is, not translated
    evidence: str | None  # for a flagged block, a key of EVIDENCE
    reason: str  # one line a person can read: why the block was (not) flagged


@dataclass(frozen=True)
class BlockDetection:
    index: int
    lang: str
    confidence: float
    text: str
    flagged: bool  # in another language than its statement: kept as it is, not translated
    evidence: str | None = None  # what decided a flagged block (a key of EVIDENCE)
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_lock = threading.Lock()


@lru_cache(maxsize=2)
def _factory(restricted: bool) -> Any:
    """A langdetect factory of our own, so the global one (and its seed) is left alone."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    if restricted:
        import os

        profiles = []
        for code in PAIR:
            with open(os.path.join(PROFILES_DIRECTORY, code), encoding="utf-8") as handle:
                profiles.append(handle.read())
        factory.load_json_profile(profiles)
    else:
        factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = SEED
    return factory


@lru_cache(maxsize=8192)
def _probabilities(text: str, restricted: bool) -> tuple[tuple[str, float], ...]:
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:
        detector = _factory(restricted).create()
        detector.set_max_text_length(MAX_TEXT)
        detector.append(text)
        try:
            probs = detector.get_probabilities()
        except LangDetectException:
            return ()
    return tuple((p.lang, float(p.prob)) for p in probs)


@lru_cache(maxsize=1)
def _lingua() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.SPANISH, Language.ENGLISH).build()


@lru_cache(maxsize=16384)
def pair_probabilities(text: str) -> dict[str, float]:
    """Lingua's probabilities of Spanish and English for a text (they add up to 1)."""
    from lingua import Language

    values = {v.language: v.value for v in _lingua().compute_language_confidence_values(text[:MAX_TEXT])}
    es, en = values.get(Language.SPANISH, 0.0), values.get(Language.ENGLISH, 0.0)
    if es + en == 0:
        return {"es": 0.5, "en": 0.5}
    return {"es": es / (es + en), "en": en / (es + en)}


def detect_text(text: str) -> Detection:
    """The language of a whole text, among every language langdetect knows."""
    clean = strip_inline(text)
    if not ev.letter_words(clean):
        return Detection("und", 0.0)
    probs = _probabilities(clean, restricted=False)
    if not probs:
        return Detection("und", 0.0)
    lang, prob = probs[0]
    # Short or mixed texts drift to neighbours (pt, it, ca, gl); function words settle them.
    ours = max(ev.function_words(clean, "es"), ev.function_words(clean, "en"))
    if lang not in PAIR and ours >= 3 and prob < 0.9:
        return _restricted(clean)
    return Detection(lang, round(prob, 4))


def _restricted(text: str) -> Detection:
    probs = _probabilities(text, restricted=True)
    if not probs:
        return Detection("und", 0.0)
    lang, prob = probs[0]
    return Detection(lang, round(prob, 4))


def _third_language(text: str) -> Detection | None:
    """A neighbouring language (fr, pt, it, ca...) when two of its words appear and langdetect
    is sure of it, else None. Without those words a run of Spanish or English nouns can read
    as French to langdetect: "gut labour protections, privatise public companies"."""
    if sum(w.lower() in _OTHER_WORDS for w in ev.letter_words(text)) >= 2:
        full = _probabilities(text, restricted=False)
        if full and full[0][0] not in PAIR and full[0][1] > 0.9:
            return Detection(full[0][0], round(full[0][1], 4))
    return None


def detect_block_text(text: str) -> Detection:
    """The language of one block out of context, assuming it is Spanish or English.

    Lingua decides between the two; all of langdetect's profiles are consulted only when
    words of a neighbouring language appear.
    """
    clean = strip_inline(text)
    found = ev.letter_words(clean)
    if not found:
        return Detection("und", 0.0)
    third = _third_language(clean)
    if third is not None:
        return third
    probs = pair_probabilities(ev.hashtag_words(clean) or clean)
    lang = max(PAIR, key=lambda code: probs[code])
    return Detection(lang, round(probs[lang], 4))


def decide_block(text: str, kind: str, statement_lang: str) -> Decision:
    """Is this block in another language than its statement? The statement is the prior.

    `kind` is the Markdown block kind ("quote" is a blockquote: a quotation set off).
    """
    clean = strip_inline(text).strip()
    found = ev.letter_words(clean)
    if not found:
        return Decision("und", 0.0, False, None, "no words")
    if statement_lang not in PAIR:
        # A statement in a third language (or none): only a clause langdetect is sure of.
        alone = detect_text(clean)
        sure = alone.lang not in ("und", statement_lang) and alone.confidence >= FLAG_CONFIDENCE
        if sure and len(found) >= CLAUSE_WORDS:
            return _flag(alone.lang, alone.confidence, "detector")
        return Decision(statement_lang, 0.0, False, None, "follows its statement")
    mine = statement_lang
    other = "en" if mine == "es" else "es"
    third = _third_language(clean)
    if third is not None:
        return _flag(third.lang, third.confidence, "third-language")
    form = ev.dateline(clean, other)
    if form is not None:
        return _flag(other, 1.0, form)
    if ev.dateline(clean, mine) is not None:
        return Decision(mine, 1.0, False, None, f"follows its statement: a dateline in {NAMES[mine]}")
    hashtags = ev.hashtag_words(clean)
    quoted = ev.quotation(clean, kind)
    phrase = hashtags or quoted or clean
    probs = pair_probabilities(phrase)
    p_other, support = probs[other], round(probs[mine], 4)
    if ev.function_words(phrase, mine) * 4 > ev.function_words(phrase, other):
        return Decision(
            mine, support, False, None, _follows(f"it uses {NAMES[mine]} grammar words", probs, other)
        )
    marks = ev.spanish_marks(clean) if other == "es" else ev.bare_exclamation(clean)
    if marks and p_other >= MARKS_CONFIDENCE:
        return _flag(other, p_other, "punctuation")
    if hashtags is None and quoted is None and not marks and ev.is_name(clean):
        return Decision(
            mine, support, False, None, _follows("a name: capitalised words are no evidence", probs, other)
        )
    n = len(ev.letter_words(phrase))
    if hashtags is not None and n >= 2 and p_other >= QUOTATION_CONFIDENCE:
        return _flag(other, p_other, "hashtag")
    if quoted is not None and n >= 2 and p_other >= QUOTATION_CONFIDENCE:
        return _flag(other, p_other, "quotation")
    if n >= CLAUSE_WORDS and p_other >= CLAUSE_CONFIDENCE:
        return _flag(other, p_other, "clause")
    return Decision(mine, support, False, None, _follows("no strong evidence", probs, other))


def _flag(lang: str, confidence: float, evidence: str) -> Decision:
    confidence = round(confidence, 4)
    name = NAMES.get(lang, lang)
    reason = EVIDENCE[evidence].format(name=name, p=confidence, punctuation=_PUNCTUATION.get(lang, ""))
    return Decision(lang, confidence, True, evidence, reason)


def _follows(why: str, probs: dict[str, float], other: str) -> str:
    return f"follows its statement: {why} (the words alone: {NAMES[other]} {probs[other]:.2f})"


def detect_blocks(blocks: list[Block], statement_lang: str) -> list[BlockDetection]:
    """Each prose block of a statement, decided with the statement's language as the prior."""
    out = []
    for block in blocks:
        if not block.is_prose:
            continue
        found = decide_block(block.plain, block.kind, statement_lang)
        out.append(
            BlockDetection(
                block.index,
                found.lang,
                found.confidence,
                block.plain,
                found.flagged,
                found.evidence,
                found.reason,
            )
        )
    return out
