"""Blocks to sentences, offline, with rules tuned for statements.

Pure functions. `split(text)` returns spans whose concatenation is exactly the input, so
nothing can be lost; callers strip them to get the sentences to translate.

Why rules rather than a library: `bench/segmentation.py` runs pysbd and sentencex on the
cases in tests/test_segment.py. pysbd splits after "Sr." and inside "EE.UU."; sentencex
splits "1.º de mayo", "a. m." and "approx. 5,000". Both would add a dependency for less.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    """
    sr sra srta sres sras dr dra dres lic ing arq prof profa gral cnel cap sgto tte etc ej pág
    págs núm nro n.º art arts inc cap cía ltda s.a s.l av avda c/ dpto tel ud uds vd vds aprox
    máx mín mr mrs ms mx st jr sr dept govt vol vols fig co ltd corp e.g i.e vs approx est misc
    p pp a.m p.m ee.uu ee uu u.s u.k u.n jan feb mar apr jun jul aug sep sept oct nov dec ene
    abr ago dic excmo excma excmos excmas ilmo ilma d.ª dª dña fdo
    """.split()
)
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(¿¡["
# A candidate boundary: terminal punctuation, optional closing quotes, then whitespace.
_BOUNDARY = re.compile(r"([.!?…]+)([" + re.escape(_CLOSERS) + r"]*)(\s+)")
_NEXT_START = re.compile(r"[" + re.escape(_OPENERS) + r"—–-]*[\w]")


def split(text: str) -> list[str]:
    """Sentence spans of `text`; "".join(split(text)) == text."""
    spans: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if not _is_boundary(text, m):
            continue
        spans.append(text[start:end])
        start = end
    if start < len(text):
        spans.append(text[start:])
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of `text`, stripped, empty ones dropped."""
    return [s.strip() for s in split(text) if s.strip()]


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    following = text[m.end() :]
    nxt = _NEXT_START.match(following)
    if not nxt:
        return False
    first = nxt.group(0)[-1]
    punct = m.group(1)
    if punct[-1] in "!?…" or len(punct) > 1:
        # "¡Basta! Nadie..." splits; "¿Hasta cuándo? — dijo" does too unless lower-case follows.
        return not first.islower()
    # A period: look at the word it ends.
    before = text[: m.start(1)]
    word_match = re.search(r"([\w.º/]+)$", before)
    word = word_match.group(1) if word_match else ""
    bare = word.lower()
    if bare in ABBREVIATIONS or bare.rstrip(".") in ABBREVIATIONS:
        return False
    if bare in ("no", "nos") and first.isdigit():  # "No. 4", but "que no. Así es" ends a sentence
        return False
    if re.fullmatch(r"[A-Za-zÁÉÍÓÚÑáéíóúñ]", word):  # an initial: "J. Smith"
        return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # "U.S", "EE.UU" without the last dot
        return False
    return not first.islower()
