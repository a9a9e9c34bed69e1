"""Running one language pair: the memory first, then the engine in chunks, then saving.

Every pending segment of every statement of the pair is deduplicated and looked up in
the memory; what is left goes to the engine in length-sorted chunks. After each chunk the
memory is committed and every statement whose segments are all done is written, so
Ctrl-C loses at most one chunk.

Segments reach the memory and the engine with their glossary terms protected (protect.py);
an output that lost a placeholder goes to the fallback engine like degenerate output. Each
machine segment is post-edited (postedit.py) and its terms restored as its block is built.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.memory import Memory
from pipeline.model import HUMAN_MEMORY, PostEdit, Provenance
from pipeline.store import save
from pipeline.text import inline, segment
from pipeline.translate import protect
from pipeline.translate.engines import Engine
from pipeline.translate.guard import degenerate_reason
from pipeline.translate.plan import Job, Unit
from pipeline.translate.postedit import postedit
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


@dataclass(frozen=True)
class Rules:
    """What a run enforces on machine output: the glossary (one direction), and post-editing."""

    glossary: protect.Matcher
    postedit: bool = True


@dataclass
class Resolved:
    """What is known so far: reviewed human translations of original segments, and engine
    results for segments as they were sent (placeholders and all)."""

    human: dict[str, str] = field(default_factory=dict)
    machine: dict[str, Result] = field(default_factory=dict)

    def ready(self, unit: Unit) -> bool:
        return unit.human_block is not None or all(
            seg in self.human or sent.text in self.machine
            for seg, sent in zip(unit.segments, unit.protected, strict=True)
        )


def trouble(sent: str, output: str) -> str | None:
    """Why an engine's output cannot be used as it is: degenerate, or a glossary term mangled."""
    return degenerate_reason(sent, output) or protect.problem(sent, output)


def run_pair(
    ws: Workspace,
    memory: Memory,
    engine: Engine,
    fallback: Engine | None,
    source: str,
    target: str,
    jobs: list[Job],
    progress: Callable[[int, int], None] | None,
    rules: Rules,
) -> None:
    prov = engine.provenance(source, target)
    units = [u for job in jobs for u in job.units]
    for unit in units:
        _segments(unit, engine, rules.glossary)
    # Reviewed human translations of a whole identical block win outright.
    human_blocks = memory.human(source, target, [u.prepared.plain for u in units])
    for unit in units:
        unit.human_block = human_blocks.get(unit.prepared.plain)
    originals = list(dict.fromkeys(s for u in units if u.human_block is None for s in u.segments))
    resolved = Resolved()
    # Tagged segments (markup for Apertium) are not human text: only plain ones can match.
    plain = [s for s in originals if s == html.unescape(re.sub(r"<[^>]+>", "", s))]
    resolved.human = memory.human(source, target, plain)
    wanted = list(
        dict.fromkeys(
            p.text
            for u in units
            if u.human_block is None
            for s, p in zip(u.segments, u.protected, strict=True)
            if s not in resolved.human
        )
    )
    hits = memory.lookup(prov, source, target, wanted)
    for seg, text in hits.items():
        resolved.machine[seg] = Result(text, prov, trouble(seg, text))
    for job in jobs:
        for unit in job.units:
            job.stats["segments"] += len(unit.segments) if unit.human_block is None else 1
            job.stats["memory_hits"] += (
                1
                if unit.human_block is not None
                else sum(
                    s in resolved.human or p.text in hits
                    for s, p in zip(unit.segments, unit.protected, strict=True)
                )
            )
    misses = sorted((s for s in wanted if s not in resolved.machine), key=len)
    chunk_size = int(os.environ.get("STATEMENTS_CHUNK", CHUNK))
    missing = set(misses)
    for job in jobs:
        job.stats["engine_segments"] = sum(
            1
            for u in job.units
            if u.human_block is None
            for s in {p.text for p in u.protected}
            if s in missing
        )
    suspects = [s for s in hits if resolved.machine[s].suspect]
    _fix_suspects(memory, fallback, source, target, resolved.machine, suspects)
    total = len(misses)
    if progress:
        progress(0, total)
    finish_ready(ws, jobs, resolved, rules)
    for chunk, outputs in engine.translate_chunks(misses, source, target, chunk_size):
        memory.store(prov, source, target, dict(zip(chunk, outputs, strict=True)))
        bad = []
        for seg, out in zip(chunk, outputs, strict=True):
            resolved.machine[seg] = Result(out, prov, trouble(seg, out))
            if resolved.machine[seg].suspect:
                bad.append(seg)
        _fix_suspects(memory, fallback, source, target, resolved.machine, bad)
        if progress:
            progress(len(chunk), total)
        finish_ready(ws, jobs, resolved, rules)


def _segments(unit: Unit, engine: Engine, glossary: protect.Matcher) -> None:
    unit.tagged = engine.carries_markup and unit.prepared.has_inline
    text = unit.prepared.tagged if unit.tagged else unit.prepared.plain
    parts = segment.sentences(text)
    if unit.tagged and not all(inline.balanced(p) for p in parts):
        parts = [text]  # markup spans sentences: the block goes whole, Apertium splits it itself
    unit.segments = parts
    unit.protected = [glossary.protect(p, escaped=unit.tagged) for p in parts]
    unit.terms = tuple(glossary.terms_in(unit.prepared.plain))


def _fix_suspects(
    memory: Memory,
    fallback: Engine | None,
    source: str,
    target: str,
    resolved: dict[str, Result],
    bad: list[str],
) -> None:
    """Send degenerate or mangled outputs to the fallback engine; keep its answer where it is sound."""
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
        if trouble(seg, text) is None:
            resolved[seg] = Result(text, prov, None, fallback=True)


def finish_ready(ws: Workspace, jobs: list[Job], resolved: Resolved, rules: Rules) -> None:
    """Write every statement whose segments are all resolved."""
    for job in jobs:
        if not job.done and all(resolved.ready(u) for u in job.units):
            finish(ws, job, resolved, rules)


def finish(ws: Workspace, job: Job, resolved: Resolved, rules: Rules) -> None:
    for unit in job.units:
        _apply(job, unit, resolved, rules)
    save(ws, job.alignment, job.statement)
    job.done = True


def _machine_text(
    job: Job, seg: str, sent: protect.Protected, result: Result, rules: Rules
) -> tuple[str, list[PostEdit], bool]:
    """One segment's machine output, post-edited, with its glossary terms put back.

    Post-editing runs before the terms are restored, so a term's own text is never changed.
    Returns the text, the post-edits, and whether a protected span could not be restored intact.
    """
    source, target = job.alignment.source_lang, job.alignment.target_lang
    text, edits = postedit(result.text, seg, source, target) if rules.postedit else (result.text, [])
    if not sent.spans:
        return text, edits, False
    mangled = protect.problem(sent.text, result.text) is not None
    text, restored = protect.restore(text, sent, target)
    counts = job.glossary
    counts["protected"] += len(sent.spans)
    counts["restored"] += 0 if mangled else restored
    counts["mangled"] += len(sent.spans) if mangled else 0
    return text, edits, mangled


def _apply(job: Job, unit: Unit, resolved: Resolved, rules: Rules) -> None:
    block = unit.block
    flags = set(block.flags) - {"markup_lost", "fallback", "suspect", "kept", "glossary"}
    block.lang = None
    if unit.human_block is not None:
        block.machine = unit.human_block
        block.provenance = HUMAN_MEMORY
        block.flags = sorted(flags)
        if block.human is None:
            block.status = "machine"
        return
    results: list[Result] = []
    texts: list[str] = []
    edits: list[PostEdit] = []
    for seg, sent in zip(unit.segments, unit.protected, strict=True):
        if seg in resolved.human:
            results.append(Result(resolved.human[seg], HUMAN_MEMORY))
            texts.append(resolved.human[seg])
            continue
        result = resolved.machine[sent.text]
        done, found, mangled = _machine_text(job, seg, sent, result, rules)
        results.append(result)
        texts.append(done)
        edits += found
        if mangled:
            flags.add("glossary")
    joined = " ".join(t.strip() for t in texts if t.strip())
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
        provenance = dataclasses.replace(provenance, fallback=used_fallback[0].provenance)
        flags.add("fallback")
    if provenance is not None:
        provenance = dataclasses.replace(provenance, glossary=unit.terms, postedits=tuple(edits))
    job.postedits += [{"block": block.index, **edit.as_dict()} for edit in edits]
    block.provenance = provenance
    suspect = [r.suspect for r in results if r.suspect and not r.fallback]
    if suspect:
        flags.add("suspect")
    block.flags = sorted(flags)
    if block.human is None:
        block.status = "suspect" if suspect else "machine"
