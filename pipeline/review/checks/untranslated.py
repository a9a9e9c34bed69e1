"""Untranslated: a translation identical to its original, or still in the source language."""

from __future__ import annotations

from pipeline.review.checks.base import Context
from pipeline.text.detect import detect_block_text


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[tuple[str, str]]:
    if len(src.split()) < 3:
        return []
    if " ".join(src.split()).lower() == " ".join(tgt.split()).lower():
        return [("identical", "the translation is identical to the original")]
    if len(tgt.split()) >= 5:
        found = detect_block_text(tgt)
        if found.lang == sl and found.confidence >= 0.9:
            return [(sl, f"the translation still reads as {sl}")]
    return []
