"""Word-level diffs: the machine draft against the human edit, and an old original against the new."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from pipeline.model import AlignedBlock
from pipeline.originals import load_statement
from pipeline.store import open_alignment, target_of
from pipeline.workspace import Workspace

_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) pairs; op is "=", "-" or "+"."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
            continue
        old_chunk, new_chunk = "".join(a[i1:i2]), "".join(b[j1:j2])
        # Spaces shared at the start of a change read better outside its markers.
        lead = re.match(r"\s*", old_chunk or new_chunk).group(0)  # type: ignore[union-attr]
        if lead and all(c.startswith(lead) and c.strip() for c in (old_chunk, new_chunk) if c):
            ops.append(("=", lead))
            old_chunk = old_chunk[len(lead) :] if old_chunk else ""
            new_chunk = new_chunk[len(lead) :] if new_chunk else ""
        if old_chunk:
            ops.append(("-", old_chunk))
        if new_chunk:
            ops.append(("+", new_chunk))
    merged: list[tuple[str, str]] = []
    for op, text in ops:
        if merged and merged[-1][0] == op == "=":
            merged[-1] = ("=", merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return merged


def diff_report(ws: Workspace, slug: str, to: str | None) -> dict[str, Any]:
    """Per block: source, machine draft, human text, and the diffs a proofreader needs."""
    statement = load_statement(ws, slug)
    lang = target_of(statement, to)
    with ws.lock(wait=10):
        alignment = open_alignment(ws, statement, lang)
    return {
        "slug": statement.slug,
        "source_lang": alignment.source_lang,
        "target_lang": lang,
        "counts": alignment.counts(),
        "blocks": [diff_entry(block) for block in [alignment.title, *alignment.blocks]],
    }


def diff_entry(block: AlignedBlock) -> dict[str, Any]:
    """One block's texts, with `machine_vs_human` when a person changed the draft and, for a
    stale block, `previous_source` and `source_change` (old original → new)."""
    entry: dict[str, Any] = {
        "index": block.index,
        "kind": block.kind,
        "status": block.status,
        "flags": block.flags,
        "source": block.source,
        "machine": block.machine,
        "human": block.human,
        "current": block.current,
    }
    if block.human is not None and block.machine is not None and block.human != block.machine:
        entry["machine_vs_human"] = word_diff(block.machine, block.human)
    if block.status == "stale" and block.previous_source is not None:
        entry["previous_source"] = block.previous_source
        entry["source_change"] = word_diff(block.previous_source, block.source)
    return entry
