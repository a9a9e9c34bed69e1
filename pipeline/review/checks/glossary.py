"""Glossary terms: a term of the workspace glossary rendered its agreed way, a name never translated."""

from __future__ import annotations

from pipeline.review.checks.base import Context


def check(src: str, tgt: str, sl: str, tl: str, ctx: Context) -> list[tuple[str, str]]:
    return []
