"""The degeneration guard: machine output that repeats itself instead of translating.

Some Argos models (es→en 1.9 is reported) emit "mainstremainstremainstre…" or the same
words over and over. Such output is caught here, marked `suspect`, and sent to the other
engine where there is one. It runs on every engine output, so it is linear in the text:
a bounded character pattern and a scan of word n-grams, no backtracking regex.
"""

from __future__ import annotations

import re

# A fragment of 2–30 non-space characters repeated 4+ times in a row ("mainstremainstre…").
_REPEATED_CHARS = re.compile(r"(\S{2,30}?)\1{3,}")
MAX_NGRAM = 4
MIN_REPEATS = 4


def _repeated_words(words: list[str]) -> str | None:
    """A run of 1–4 words repeated 4+ times in a row ("the strike the strike …")."""
    folded = [w.lower().strip(".,;:!?¡¿\"'") for w in words]
    for n in range(1, MAX_NGRAM + 1):
        i = 0
        while i + n * MIN_REPEATS <= len(folded):
            gram = folded[i : i + n]
            repeats = 1
            while folded[i + repeats * n : i + (repeats + 1) * n] == gram:
                repeats += 1
            if repeats >= MIN_REPEATS and any(gram):
                return " ".join(words[i : i + n * repeats])
            i += 1
    return None


def degenerate_reason(source: str, output: str) -> str | None:
    """Why an output looks degenerate, or None if it does not."""
    text = output.strip()
    if not text:
        return "empty output" if source.strip() else None
    m = _REPEATED_CHARS.search(text)
    if m and len(m.group(0)) >= 12 and not _also_in(source, m.group(0)):
        return f"repeated fragment {m.group(1)[:20]!r}"
    run = _repeated_words(text.split())
    if run and len(run) >= 12 and not _also_in(source, run):
        return f"repeated fragment {' '.join(run.split()[:MAX_NGRAM])[:20]!r}"
    if len(text) > 3 * len(source.strip()) + 40:
        return f"output {len(text)} characters long for a source of {len(source.strip())}"
    return None


def _also_in(source: str, repeated: str) -> bool:
    """A repetition that is in the source too ("no, no, no, no") is faithful, not degenerate."""
    return " ".join(repeated.split()).lower() in " ".join(source.split()).lower()
