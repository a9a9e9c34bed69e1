"""Glossary terms: a term of the workspace glossary rendered its agreed way, a name never translated.

A term of the original's language found in the original must be in the translation as the
glossary renders it, as often. Lower-case terms match whatever their inflection ("delegada
sindical" for "delegado sindical", "strike funds"); names (a capital, or the same text in
both languages: "Pan y Rosas") must be found as they are written.
"""

from __future__ import annotations

import re

from pipeline.glossary import Term
from pipeline.review.checks.base import Context, Signal, fold, words


def _stem(word: str) -> str:
    w = fold(word).replace("'", "")
    for ending in ("es", "s"):
        if len(w) > 4 and w.endswith(ending):
            w = w[: -len(ending)]
            break
    return w[:-1] if len(w) > 4 and w[-1] in "aoe" else w


def occurrences(term: str, text: str, exact: bool) -> int:
    """How often `term` occurs in `text`: as written (folded) for names, by stems otherwise."""
    if exact:
        return len(re.findall(rf"(?<!\w){re.escape(fold(term))}(?!\w)", fold(text)))
    wanted = [_stem(w) for w in words(term)]
    found = [_stem(w) for w in words(text)]
    n = len(wanted)
    return sum(found[i : i + n] == wanted for i in range(len(found) - n + 1)) if n else 0


def _exact(term: Term) -> bool:
    return term.keep or term.es[:1].isupper() or term.en[:1].isupper()


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    out = []
    for term in ctx.glossary:
        wanted, rendered = term.text(sl), term.text(tl)
        exact = _exact(term)
        n = occurrences(wanted, src, exact)
        if not n or occurrences(rendered, tgt, exact) >= n:
            continue
        if term.keep:
            out.append(
                Signal(
                    wanted,
                    f"{wanted} is a name the glossary keeps as it is: it was changed or dropped",
                    "glossary.name",
                )
            )
        else:
            out.append(
                Signal(
                    wanted,
                    f"the glossary renders {wanted} as {rendered}; the translation does not",
                    "glossary.term",
                )
            )
    return out
