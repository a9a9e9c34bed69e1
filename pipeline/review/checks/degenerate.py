"""Degenerate machine output: a fragment repeated instead of a translation."""

from __future__ import annotations

from pipeline.review.checks.base import Context, Signal
from pipeline.translate.guard import degenerate_reason


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[Signal]:
    reason = degenerate_reason(src, tgt)
    return (
        [Signal(reason, "the output repeats itself instead of translating", "degenerate")] if reason else []
    )
