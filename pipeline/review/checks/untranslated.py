"""Untranslated: a translation identical to its original, or words of the original left in it.

A block carried over in its own language (a dateline, a slogan) is never untranslated. In
any other block, a run of words copied from the original (four or more, three of them
lower-case words, outside quotation marks) is text left in the original's language: a
sentence or clause the translation skipped. Names, numbers and the loanwords a language
takes (riders, la app, Black Friday) are too short or capitalised to make such a run.
"""

from __future__ import annotations

import re

from pipeline.review.checks.base import Context, Signal, fold

MIN_RUN = 4
MIN_LOWER = 3
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Quoted words, and a Spanish exclamation or question kept whole, are left as they are on purpose.
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|‘[^’]*’|¡[^!]*!|¿[^?]*\?")
# E-mail and web addresses are identifiers, copied as they are.
_ADDRESS = re.compile(r"\S+@\S+\.\w+|\bhttps?://\S+|\bwww\.\S+")
# A gloss in brackets gives the original's name on purpose: "Consejo Sindical de Bristol
# (Bristol Trades Council)".
_BRACKETED = re.compile(r"\([^)]*\)")
# The small words inside a name kept as it is ("Sindicato de Trabajadores de la Salud"):
# lower-case, but no evidence of a clause left untranslated.
_NAME_WORDS = frozenset("de del la las los el y e of the and for para a en in".split())


def _copied_runs(src: str, tgt: str, ctx: Context) -> list[str]:
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(tgt)]
    quoted += [(m.start(), m.end()) for m in _ADDRESS.finditer(tgt)]
    if ctx.on("untranslated.brackets"):
        quoted += [(m.start(), m.end()) for m in _BRACKETED.finditer(tgt)]
    small = _NAME_WORDS if ctx.on("untranslated.name-words") else frozenset()
    t = [m for m in _WORDS.finditer(tgt) if not any(s <= m.start() < e for s, e in quoted)]
    a = [fold(m.group(0)) for m in _WORDS.finditer(src)]
    b = [fold(m.group(0)) for m in t]
    # Longest common runs of words, by dynamic programming (blocks are short).
    best = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    ends: list[tuple[int, int]] = []
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                best[i][j] = best[i - 1][j - 1] + 1
                if best[i][j] >= MIN_RUN and (i == len(a) or j == len(b) or a[i] != b[j]):
                    ends.append((j, best[i][j]))
    runs: list[tuple[int, int, str]] = []
    for end, length in sorted(ends, key=lambda e: -e[1]):
        matches = t[end - length : end]
        lower = sum(
            m.group(0)[0].islower() and not (m.group(0) in small and _inside_name(t, end - length + k))
            for k, m in enumerate(matches)
        )
        if lower >= MIN_LOWER and not any(end - length < e and s < end for s, e, _ in runs):
            runs.append((end - length, end, tgt[matches[0].start() : matches[-1].end()]))
    return [text for _, _, text in sorted(runs)]


def _inside_name(t: list[re.Match[str]], k: int) -> bool:
    """Whether the small word at `k` stands between capitalised words ("Trabajadores de la
    Salud"), as in a name; before a name ("como marca la Ley") it is the clause's."""
    before = next((m.group(0) for m in reversed(t[:k]) if m.group(0) not in _NAME_WORDS), "")
    after = next((m.group(0) for m in t[k + 1 :] if m.group(0) not in _NAME_WORDS), "")
    return before[:1].isupper() and after[:1].isupper()


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    if ctx.kept or sl == tl:
        return []
    if len(src.split()) >= 3 and " ".join(src.split()).lower() == " ".join(tgt.split()).lower():
        if _only_names(src, sl, ctx):
            return []  # a signature line of names and the glossary's own names reads the same in both
        return [Signal("identical", "the translation is identical to the original", "untranslated.identical")]
    out = [
        Signal(
            run if len(run) <= 80 else run[:77] + "…",
            f"these words are the original's, left untranslated ({sl})",
            "untranslated.run",
        )
        for run in _copied_runs(src, tgt, ctx)
    ]
    return out + _quoted_copies(src, tgt, sl)


# Quotation marks, not a kept exclamation: a quotation copied whole from the original.
_QUOTATION = re.compile(r"«([^»]*)»|“([^”]*)”|\"([^\"]*)\"")


def _quoted_copies(src: str, tgt: str, sl: str) -> list[Signal]:
    """A quotation of the original copied into the translation as it is, with a clause's worth
    of lower-case words: a quotation left untranslated (a slogan kept on purpose is a block of
    its own, or an exclamation, or glossed in brackets)."""
    out = []
    folded = " ".join(fold(w) for w in _WORDS.findall(src))
    for m in _QUOTATION.finditer(tgt):
        quote = next(g for g in m.groups() if g is not None)
        found = _WORDS.findall(quote)
        if sum(w[:1].islower() for w in found) < MIN_LOWER:
            continue
        if " ".join(fold(w) for w in found) in folded and not re.match(r"\s*\(", tgt[m.end() :]):
            shown = quote if len(quote) <= 80 else quote[:77] + "…"
            out.append(
                Signal(
                    shown, f"this quotation is left in the original's language ({sl})", "untranslated.quoted"
                )
            )
    return out


def _only_names(text: str, lang: str, ctx: Context) -> bool:
    """Whether a text is nothing but names (a signature line): the glossary's names never
    translated, words the analysers read as names, acronyms, and the small words inside names.
    A heading in title case ("Minister for Housing") is not: its words are common words."""
    from pipeline.review.checks.names import is_name

    keep = {w.lower() for t in ctx.glossary if t.keep for w in re.findall(r"[^\W\d_]+", t.es)}

    def vouched(word: str) -> bool:
        return all(w.lower() in keep or w.lower() in _NAME_WORDS for w in re.findall(r"[^\W\d_]+", word))

    tokens = ctx.lexicon.tokens(text, lang)
    if tokens is None:  # no analysers: only the glossary vouches for names
        return vouched(text)
    return all(t.punct or t.surface.isupper() or vouched(t.surface) or is_name(t, lang, ctx) for t in tokens)
