"""The degeneration guard: machine output that repeats itself instead of translating.

Some Argos models (es→en 1.9 is reported) emit "mainstremainstremainstre…" or the same
words over and over. Such output is caught here, marked `suspect`, and sent to the other
engine where there is one.
"""

from __future__ import annotations

import re

# A fragment of 2+ characters repeated 4+ times in a row ("mainstremainstre…", "la la la la").
_REPEATED_FRAGMENT = re.compile(r"(.{2,}?)(?:\s*\1){3,}", re.DOTALL)
# The same 1–3 words repeated 3+ more times in a row, with spaces ("the strike the strike …").
_REPEATED_WORDS = re.compile(r"\b((?:\w+\W+){1,3}?)(?:\1){3,}", re.UNICODE)


def degenerate_reason(source: str, output: str) -> str | None:
    """Why an output looks degenerate, or None if it does not."""
    text = output.strip()
    if not text:
        return "empty output" if source.strip() else None
    for pattern in (_REPEATED_FRAGMENT, _REPEATED_WORDS):
        m = pattern.search(text)
        if m and len(m.group(0)) >= 12 and not _also_in(source, m.group(0)):
            return f"repeated fragment {m.group(1).strip()[:20]!r}"
    if len(text) > 3 * len(source.strip()) + 40:
        return f"output {len(text)} characters long for a source of {len(source.strip())}"
    return None


def _also_in(source: str, repeated: str) -> bool:
    """A repetition that is in the source too ("no, no, no, no") is faithful, not degenerate."""
    return " ".join(repeated.split()).lower() in " ".join(source.split()).lower()
