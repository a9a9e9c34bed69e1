"""Running one language pair: the memory first, then the engine in chunks, then saving.

Every pending segment of every statement of the pair is deduplicated and looked up in
the memory; what is left goes to the engine in length-sorted chunks. After each chunk the
memory is committed and every statement whose segments are all done is written, so
Ctrl-C loses at most one chunk.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.memory import Memory
from pipeline.model import HUMAN_MEMORY, Provenance
from pipeline.store import save
from pipeline.text import inline, segment
from pipeline.translate.engines import Engine
from pipeline.translate.guard import degenerate_reason
from pipeline.translate.plan import Job, Unit
from pipeline.workspace import Workspace

# Segments per engine call: big enough to batch well, small enough to save often.
# STATEMENTS_CHUNK overrides it (tests use small chunks to interrupt runs mid-way).
CHUNK = 96


@dataclass
class Result:
    text: str
    provenance: Provenance
    suspect: str | None = None
    fallback: bool = False


def run_pair(
    ws: Workspace,
    memory: Memory,
    engine: Engine,
    fallback: Engine | None,
    source: str,
    target: str,
    jobs: list[Job],
    progress: Callable[[int, int], None] | None,
) -> None:
    prov = engine.provenance(source, target)
    units = [u for job in jobs for u in job.units]
    for unit in units:
        _segments(unit, engine)
    # Reviewed human translations of a whole identical block win outright.
    human_blocks = memory.human(source, target, [u.prepared.plain for u in units])
    for unit in units:
        unit.human_block = human_blocks.get(unit.prepared.plain)
    wanted = list(dict.fromkeys(s for u in units if u.human_block is None for s in u.segments))
    resolved: dict[str, Result] = {}
    # Tagged segments (markup for Apertium) are not human text: only plain ones can match.
    plain = [s for s in wanted if s == html.unescape(re.sub(r"<[^>]+>", "", s))]
    for seg, text in memory.human(source, target, plain).items():
        resolved[seg] = Result(text, HUMAN_MEMORY)
    hits = memory.lookup(prov, source, target, [s for s in wanted if s not in resolved])
    for seg, text in hits.items():
        resolved[seg] = Result(text, prov, degenerate_reason(seg, text))
    for job in jobs:
        for unit in job.units:
            job.stats["segments"] += len(unit.segments) if unit.human_block is None else 1
            job.stats["memory_hits"] += (
                1 if unit.human_block is not None else sum(s in resolved for s in unit.segments)
            )
    misses = sorted((s for s in wanted if s not in resolved), key=len)
    chunk_size = int(os.environ.get("STATEMENTS_CHUNK", CHUNK))
    missing = set(misses)
    for job in jobs:
        job.stats["engine_segments"] = sum(1 for u in job.units for s in set(u.segments) if s in missing)
    _fix_suspects(memory, fallback, source, target, resolved, [s for s in hits if resolved[s].suspect])
    total = len(misses)
    if progress:
        progress(0, total)
    finish_ready(ws, jobs, resolved)
    for chunk, outputs in engine.translate_chunks(misses, source, target, chunk_size):
        memory.store(prov, source, target, dict(zip(chunk, outputs, strict=True)))
        bad = []
        for seg, out in zip(chunk, outputs, strict=True):
            resolved[seg] = Result(out, prov, degenerate_reason(seg, out))
            if resolved[seg].suspect:
                bad.append(seg)
        _fix_suspects(memory, fallback, source, target, resolved, bad)
        if progress:
            progress(len(chunk), total)
        finish_ready(ws, jobs, resolved)


def _segments(unit: Unit, engine: Engine) -> None:
    unit.tagged = engine.carries_markup and unit.prepared.has_inline
    text = unit.prepared.tagged if unit.tagged else unit.prepared.plain
    parts = segment.sentences(text)
    if unit.tagged and not all(inline.balanced(p) for p in parts):
        parts = [text]  # markup spans sentences: the block goes whole, Apertium splits it itself
    unit.segments = parts


def _fix_suspects(
    memory: Memory,
    fallback: Engine | None,
    source: str,
    target: str,
    resolved: dict[str, Result],
    bad: list[str],
) -> None:
    """Send degenerate outputs to the fallback engine; keep its answer where it is sound."""
    if not bad or fallback is None:
        return
    prov = fallback.provenance(source, target)
    known = memory.lookup(prov, source, target, bad)
    missing = [s for s in bad if s not in known]
    if missing:
        outputs = fallback.run_batch(missing, source, target)
        memory.store(prov, source, target, dict(zip(missing, outputs, strict=True)))
        known.update(zip(missing, outputs, strict=True))
    for seg in bad:
        text = known[seg]
        if degenerate_reason(seg, text) is None:
            resolved[seg] = Result(text, prov, None, fallback=True)


def finish_ready(ws: Workspace, jobs: list[Job], resolved: dict[str, Result]) -> None:
    """Write every statement whose segments are all resolved."""
    for job in jobs:
        if job.done:
            continue
        if all(u.human_block is not None or all(s in resolved for s in u.segments) for u in job.units):
            finish(ws, job, resolved)


def finish(ws: Workspace, job: Job, resolved: dict[str, Result]) -> None:
    for unit in job.units:
        _apply(unit, resolved)
    save(ws, job.alignment, job.statement)
    job.done = True


def _apply(unit: Unit, resolved: dict[str, Result]) -> None:
    block = unit.block
    flags = set(block.flags) - {"markup_lost", "fallback", "suspect", "kept"}
    block.lang = None
    if unit.human_block is not None:
        block.machine = unit.human_block
        block.provenance = HUMAN_MEMORY
        block.flags = sorted(flags)
        if block.human is None:
            block.status = "machine"
        return
    results = [resolved[s] for s in unit.segments]
    joined = " ".join(r.text.strip() for r in results if r.text.strip())
    text: str | None = None
    if unit.tagged:
        text = inline.restore(joined, unit.prepared)
    if text is None:
        text = inline.escape_inline(html.unescape(re.sub(r"</?(?:b|i|code|a)(?:\s[^>]*)?>", "", joined)))
        if unit.prepared.has_inline:
            flags.add("markup_lost")
    if block.kind != "title":
        text = inline.escape_block_start(text)
    block.machine = inline.rewrap(text, unit.prepared.wrapper) if block.kind != "title" else text
    main = next((r for r in results if not r.fallback), results[0] if results else None)
    provenance = main.provenance if main else None
    used_fallback = [r for r in results if r.fallback]
    if used_fallback and provenance is not None:
        provenance = Provenance(
            provenance.engine,
            provenance.package,
            provenance.version,
            provenance.settings,
            used_fallback[0].provenance,
        )
        flags.add("fallback")
    block.provenance = provenance
    suspect = [r.suspect for r in results if r.suspect and not r.fallback]
    if suspect:
        flags.add("suspect")
    block.flags = sorted(flags)
    if block.human is None:
        block.status = "suspect" if suspect else "machine"
