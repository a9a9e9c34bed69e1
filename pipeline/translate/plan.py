"""What needs machine output: each statement's blocks against what the store already holds.

A block whose source is unchanged keeps its machine output and human work; a changed block
is translated again, and human work on it becomes `stale` with the old source kept for the
diff; a deleted block's human work is kept as an orphan. Blocks already in another
language (decided inside their statement by `detect.decide_block`), and blocks that are not
prose, are carried over unchanged. A block kept for its language is decided again on every
run, so a better rule reaches translations made before it. A machine block whose glossary
terms changed since it was translated is translated again (through the memory).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pipeline.model import PROSE_KINDS, AlignedBlock, Alignment, Statement
from pipeline.store import fresh_alignment, load, sync_edits
from pipeline.text import inline
from pipeline.text.detect import decide_block
from pipeline.translate.protect import Matcher, Protected
from pipeline.workspace import Workspace


@dataclass
class Unit:
    """One block waiting for machine output."""

    block: AlignedBlock
    prepared: inline.Prepared
    tagged: bool = False  # segments carry our HTML subset (the engine carries markup)
    segments: list[str] = field(default_factory=list)
    protected: list[Protected] = field(default_factory=list)  # each segment as sent: glossary terms protected
    terms: tuple[tuple[str, str], ...] = ()  # the glossary terms the block contains
    human_block: str | None = None  # a reviewed human translation of the whole block


@dataclass
class Job:
    """One statement's translation into one language: its new alignment and what it awaits."""

    statement: Statement
    alignment: Alignment
    units: list[Unit] = field(default_factory=list)
    reused: int = 0
    done: bool = False
    stats: dict[str, int] = field(
        default_factory=lambda: {"segments": 0, "memory_hits": 0, "engine_segments": 0}
    )
    postedits: list[dict[str, object]] = field(default_factory=list)  # {"block", "kind", "from", "to"}
    # Glossary spans sent protected, restored intact, and mangled by every engine that tried.
    glossary: dict[str, int] = field(default_factory=lambda: {"protected": 0, "restored": 0, "mangled": 0})


def plan(
    ws: Workspace, statement: Statement, target: str, force: bool, glossary: Matcher | None = None
) -> Job:
    """Which blocks need machine output; everything else is carried over from the store."""
    changed = _glossary_changed(glossary if glossary is not None else Matcher([], statement.lang, target))
    old = load(ws, target, statement.slug)
    if old is not None:
        sync_edits(ws, old)
    alignment = fresh_alignment(statement, target)
    if old is not None:
        alignment.orphans = list(old.orphans)
        alignment.dismissed = list(old.dismissed)
        alignment.synced = old.synced
    job = Job(statement, alignment)
    title, fresh = alignment.title, alignment.blocks
    pending: list[AlignedBlock] = []
    if old is None:
        pending = [title, *fresh]
    else:
        pending.extend(carry(old.title, title, force, changed))
        old_keys = [(b.kind, b.source_hash) for b in old.blocks]
        new_keys = [(b.kind, b.source_hash) for b in fresh]
        matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            olds, news = old.blocks[i1:i2], fresh[j1:j2]
            if tag == "equal":
                for before, after in zip(olds, news, strict=True):
                    pending.extend(carry(before, after, force, changed))
                continue
            for before, after in zip(olds, news, strict=False):
                pending.extend(carry(before, after, force, changed))
            pending.extend(news[len(olds) :])
            alignment.orphans.extend(b for b in olds[len(news) :] if b.has_human_work)
        job.reused = len(fresh) + 1 - len(pending)
    for block in pending:
        recheck = block.lang is not None  # kept in another language last time
        units = unit(block, statement.lang)
        job.units.extend(units)
        job.reused += recheck and not units
    return job


def carry(
    before: AlignedBlock,
    after: AlignedBlock,
    force: bool,
    glossary_changed: Callable[[AlignedBlock], bool] = lambda block: False,
) -> list[AlignedBlock]:
    """Move what the store knows about a block to its new version; return it if it needs MT."""
    if before.source_hash == after.source_hash and before.kind == after.kind:
        after.machine, after.human, after.status = before.machine, before.human, before.status
        after.provenance, after.flags = before.provenance, before.flags
        after.previous_source, after.lang = before.previous_source, before.lang
        if "merged" in after.flags and not after.has_human_work:
            return []  # `align` found it translated within the block before it: nothing to add
        if after.status == "suspect" or (force and not after.has_human_work) or after.machine is None:
            return [after]
        if after.lang is not None and not after.has_human_work:
            return [after]  # kept in another language: decided again (the rule may have changed), cheaply
        if not after.has_human_work and glossary_changed(after):
            return [after]
        return []
    # The source changed. Human work is kept and marked stale; the machine output is redone.
    if before.has_human_work:
        after.human = before.human if before.human is not None else before.machine
        after.status = "stale"
        after.previous_source = before.previous_source or before.source
    return [after]


def _glossary_changed(glossary: Matcher) -> Callable[[AlignedBlock], bool]:
    """Whether a machine block was translated with other glossary terms than it contains now."""

    def changed(block: AlignedBlock) -> bool:
        prov = block.provenance
        if prov is None or prov.engine in ("kept", "memory"):
            return False
        return prov.glossary != tuple(glossary.terms_in(inline.prepare(block.source).plain))

    return changed


def unit(block: AlignedBlock, source_lang: str) -> list[Unit]:
    """A Unit for a block that needs an engine, or [] after carrying it over unchanged."""
    prepared = inline.prepare(block.source)
    letters = re.search(r"[^\W\d_]", prepared.plain)
    if (block.kind != "title" and block.kind not in PROSE_KINDS) or not letters:
        block.keep("no prose")
        return []
    if block.kind != "title":
        found = decide_block(prepared.plain, block.kind, source_lang)
        if found.flagged:
            block.keep(f"in {found.lang}", found.lang, found.evidence)
            return []
    return [Unit(block, prepared)]
