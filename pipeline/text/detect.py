"""Language detection per statement and per block, seeded so results never change.

Statement level uses langdetect with every profile, so that a statement in French is
reported as French. Block level knows the statement is Spanish or English and has to
decide short lines ("18 de enero de 2023", "¡No pasarán!") where n-gram statistics alone
are unreliable: it combines a function-word lexicon with langdetect restricted to es/en,
and only reports a third language when langdetect is sure and no es/en word is present.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from pipeline.model import Block
from pipeline.text.markdown import strip_inline

SEED = 0
# A block is flagged only when another language wins by at least this probability.
FLAG_CONFIDENCE = 0.80

_ES_WORDS = frozenset(
    """
    el la los las un una unos unas y o ni que de del al en por para con sin sobre entre hasta
    desde es son está están fue fueron ser ha han hemos hay no sí su sus nuestro nuestra
    nuestros nuestras como pero más muy también todo toda todos todas este esta estos estas ese
    esa lo le les se nos ya cuando donde porque contra ante tras según enero febrero marzo abril
    mayo junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes
    miércoles jueves viernes sábado domingo viva abajo arriba pueblo pueblos trabajadores
    trabajadoras lucha unidad hoy nunca jamás tampoco compañeros compañeras solidaridad huelga
    sindicato derechos hermanos firman firmantes adhesiones adhieren manifiesto comunicado
    declaración exigimos justicia salario salarios vivienda sanidad despidos desahucios
    convocatoria igualdad dignidad resistencia movilización asamblea reivindicaciones
    atentamente saludos fraternalmente adelante basta pasarán paso atrás
    """.split()
)
_EN_WORDS = frozenset(
    """
    the a an and or nor of to in on at by for with without from into over is are was were be
    been has have had do does did not no yes our we us they their them this that these those it
    its as but more very also all any which who when where because against until after before
    today never january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday workers union unions
    solidarity strike rights people struggle will shall must should would can could signed
    signatories endorsements endorsed statement demand demands justice pay wages housing health
    layoffs evictions equal dignity resistance comrades sisters brothers sincerely regards
    faithfully enough forward united release
    """.split()
)
# Words of neighbouring languages (fr, pt, it, ca) that Spanish and English never use:
# two of them send a block to the full set of profiles, so it is reported honestly.
_OTHER_WORDS = frozenset(
    """
    est une dans nous sont avec pour leur aux du il gli della delle sono não são com uma
    também amb els és són això perquè aussi très être même où
    """.split()
)
_ES_CHARS = re.compile(r"[ñáéíóúü¿¡]", re.IGNORECASE)
# langdetect reads at most this much of a block: plenty to tell Spanish from English.
MAX_TEXT = 400
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Detection:
    lang: str  # an ISO 639-1 code, or "und" when there is nothing to detect
    confidence: float


@dataclass(frozen=True)
class BlockDetection:
    index: int
    lang: str
    confidence: float
    text: str
    flagged: bool  # in another language than its statement: kept as it is, not translated

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
        for code in ("es", "en"):
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


def _lexicon(text: str) -> tuple[int, int]:
    words = [w.lower() for w in _WORD.findall(text)]
    es = sum(w in _ES_WORDS for w in words) + 2 * len(_ES_CHARS.findall(text))
    en = sum(w in _EN_WORDS for w in words)
    return es, en


def detect_text(text: str) -> Detection:
    """The language of a whole text, among every language langdetect knows."""
    clean = strip_inline(text)
    if not _WORD.search(clean):
        return Detection("und", 0.0)
    probs = _probabilities(clean, restricted=False)
    if not probs:
        return Detection("und", 0.0)
    lang, prob = probs[0]
    if lang not in ("es", "en"):
        # Short or mixed texts drift to neighbours (pt, it, ca, gl); the lexicon settles them.
        es, en = _lexicon(clean)
        if max(es, en) >= 3 and prob < 0.9:
            return _restricted(clean)
    return Detection(lang, round(prob, 4))


def _restricted(text: str) -> Detection:
    probs = _probabilities(text, restricted=True)
    if not probs:
        return Detection("und", 0.0)
    lang, prob = probs[0]
    return Detection(lang, round(prob, 4))


def detect_block_text(text: str) -> Detection:
    """The language of one block, assuming the document around it is Spanish or English.

    Cheapest evidence first: function words decide most blocks outright; langdetect,
    restricted to es/en profiles, decides mixed or unknown ones; all profiles are
    consulted only when words of a neighbouring language appear.
    """
    clean = strip_inline(text)
    words = _WORD.findall(clean)
    if not words:
        return Detection("und", 0.0)
    es, en = _lexicon(clean)
    other = sum(w.lower() in _OTHER_WORDS for w in words)
    if other >= 2 or (es + en == 0 and len(words) >= 6):
        full = _probabilities(clean, restricted=False)
        if full and full[0][0] not in ("es", "en") and full[0][1] > 0.9:
            return Detection(full[0][0], round(full[0][1], 4))
    high, low = max(es, en), min(es, en)
    short = len(words) < 6
    if high and (low == 0 if short else (high >= 3 and low * 8 <= high)):
        return Detection("es" if es > en else "en", 0.9 if high == 1 else 0.95 if high == 2 else 0.99)
    return _restricted(clean)


def detect_blocks(blocks: list[Block], statement_lang: str) -> list[BlockDetection]:
    out = []
    for block in blocks:
        if not block.is_prose:
            continue
        found = detect_block_text(block.plain)
        flagged = found.lang not in ("und", statement_lang) and found.confidence >= FLAG_CONFIDENCE
        out.append(BlockDetection(block.index, found.lang, found.confidence, block.plain, flagged))
    return out
