"""`statements translate`: what gets translated, batching across the whole run, and saving.

Every pending segment of every selected statement goes into one stream per language
pair: deduplicated, looked up in the translation memory, and what is left is sent to the
engine in length-sorted chunks. After each chunk the memory is committed and every
statement whose segments are all done is written, so Ctrl-C loses at most one chunk.
"""

from __future__ import annotations

import html
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from . import inline, segment
from .detect import FLAG_CONFIDENCE, detect_block_text
from .engines import Engine, Provenance, choose, get_engine
from .errors import LanguageError, PipelineError
from .guard import degenerate_reason
from .memory import Memory
from .model import Statement, load_all, load_statement, sort_key
from .store import AlignedBlock, Alignment, load, save, sync_edits
from .workspace import LANGUAGES, Workspace

# Segments per engine call: big enough to batch well, small enough to save often.
# STATEMENTS_CHUNK overrides it (tests use small chunks to interrupt runs mid-way).
CHUNK = 96
CARRIED_META = ("date", "org", "signatories", "tags", "source_url")
KEPT = {"engine": "kept", "package": "", "version": "", "settings": {}}


def other(lang: str) -> str:
    return "en" if lang == "es" else "es"


@dataclass
class Options:
    engine: str = "auto"
    force: bool = False
    beam_size: int = 4
    length_penalty: float = 0.2

    def engine_options(self, name: str) -> dict[str, Any]:
        if name != "argos":
            return {}
        opts: dict[str, Any] = {"beam_size": self.beam_size, "length_penalty": self.length_penalty}
        if os.environ.get("STATEMENTS_MAX_DECODING_LENGTH"):
            opts["max_decoding_length"] = int(os.environ["STATEMENTS_MAX_DECODING_LENGTH"])
        if os.environ.get("STATEMENTS_BATCH_HYPOTHESES"):
            opts["batch_hypotheses"] = int(os.environ["STATEMENTS_BATCH_HYPOTHESES"])
        return opts


@dataclass
class Unit:
    """One block waiting for machine output."""

    block: AlignedBlock
    prepared: inline.Prepared
    tagged: bool  # segments carry our HTML subset (engine carries markup)
    segments: list[str]
    human_block: str | None = None


@dataclass
class Job:
    statement: Statement
    alignment: Alignment
    units: list[Unit] = field(default_factory=list)
    reused: int = 0
    done: bool = False
    stats: dict[str, int] = field(
        default_factory=lambda: {"segments": 0, "memory_hits": 0, "engine_segments": 0}
    )


@dataclass
class Result:
    text: str
    provenance: Provenance
    suspect: str | None = None
    fallback: bool = False


@dataclass
class Summary:
    segments: int = 0
    memory_hits: int = 0
    engine_calls: int = 0
    seconds: float = 0.0
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "segments": self.segments,
            "memory_hits": self.memory_hits,
            "engine_calls": self.engine_calls,
            "seconds": round(self.seconds, 3),
            "statements": self.statements,
        }


def select(ws: Workspace, slugs: list[str]) -> list[Statement]:
    if slugs:
        return [load_statement(ws, slug) for slug in slugs]
    statements = sorted(load_all(ws), key=sort_key)
    if not statements:
        raise PipelineError(f"no statements in {ws.originals}. Add one with `statements add FILE`.")
    return statements


def translate(
    ws: Workspace,
    slugs: list[str],
    to: str | None = None,
    options: Options | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    opts = options or Options()
    if to is not None and to not in LANGUAGES:
        raise LanguageError(f"--to {to}: statements translates between Spanish and English; use es or en.")
    started = time.perf_counter()
    summary = Summary()
    with ws.lock(wait=10):
        statements = select(ws, slugs)
        jobs: dict[tuple[str, str], list[Job]] = {}
        for statement in statements:
            if statement.lang not in LANGUAGES:
                raise LanguageError(
                    f"{statement.path}: lang is {statement.lang!r}; set `lang: es` or `lang: en` in its front matter."
                )
            target = to or other(statement.lang)
            if target == statement.lang:
                continue
            jobs.setdefault((statement.lang, target), []).append(_plan(ws, statement, target, opts.force))
        memory = Memory(ws.memory_path)
        engines: list[Engine] = []
        try:
            for (source, target), pair_jobs in jobs.items():
                if not any(job.units for job in pair_jobs):
                    for job in pair_jobs:
                        _finish(ws, job, {})
                    continue
                engine = choose(opts.engine, source, target, opts.engine_options)
                engines.append(engine)
                fallback = _fallback(engine, source, target)
                if fallback:
                    engines.append(fallback)
                _run_pair(ws, memory, engine, fallback, source, target, pair_jobs, progress)
        finally:
            memory.close()
        summary.engine_calls = sum(e.calls for e in engines)
        for pair_jobs in jobs.values():
            for job in pair_jobs:
                summary.statements[job.statement.slug] = {
                    "to": job.alignment.target_lang,
                    **job.stats,
                    "blocks_reused": job.reused,
                    "status": job.alignment.counts(),
                }
                summary.segments += job.stats["segments"]
                summary.memory_hits += job.stats["memory_hits"]
    summary.seconds = time.perf_counter() - started
    return summary


def _fallback(engine: Engine, source: str, target: str) -> Engine | None:
    other_name = "apertium" if engine.name == "argos" else "argos"
    candidate = get_engine(other_name)
    return candidate if candidate.supports(source, target) else None


def _plan(ws: Workspace, statement: Statement, target: str, force: bool) -> Job:
    """Which blocks need machine output; everything else is carried over from the store."""
    old = load(ws, target, statement.slug)
    if old is not None:
        sync_edits(ws, old)
    fresh = [
        AlignedBlock(b.index, b.kind, b.prefix, b.text, b.hash, b.sep or "\n\n") for b in statement.blocks
    ]
    title = AlignedBlock(-1, "title", "", statement.title, _hash(statement.title))
    alignment = Alignment(
        statement.slug,
        statement.lang,
        target,
        title,
        fresh,
        list(old.orphans) if old else [],
        {k: statement.meta.get(k) for k in CARRIED_META if statement.meta.get(k)},
        list(old.dismissed) if old else [],
    )
    alignment.synced = old.synced if old else None
    pending: list[AlignedBlock] = []
    job = Job(statement, alignment)
    if old is None:
        pending = [title, *fresh]
    else:
        pending.extend(_carry(old.title, title, force))
        old_keys = [(b.kind, b.source_hash) for b in old.blocks]
        new_keys = [(b.kind, b.source_hash) for b in fresh]
        matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            olds, news = old.blocks[i1:i2], fresh[j1:j2]
            if tag == "equal":
                for before, after in zip(olds, news, strict=True):
                    pending.extend(_carry(before, after, force))
                continue
            for before, after in zip(olds, news, strict=False):
                pending.extend(_carry(before, after, force))
            pending.extend(news[len(olds) :])
            alignment.orphans.extend(b for b in olds[len(news) :] if b.has_human_work)
        job.reused = len(fresh) + 1 - len(pending)
    for block in pending:
        job.units.extend(_unit(block, statement.lang))
    return job


def _hash(text: str) -> str:
    from .markdown import text_hash

    return text_hash(" ".join(text.split()))


def _carry(before: AlignedBlock, after: AlignedBlock, force: bool) -> list[AlignedBlock]:
    """Move what the store knows about a block to its new version; return it if it needs MT."""
    if before.source_hash == after.source_hash and before.kind == after.kind:
        after.machine, after.human, after.status = before.machine, before.human, before.status
        after.provenance, after.flags, after.previous_source = (
            before.provenance,
            before.flags,
            before.previous_source,
        )
        if after.status == "suspect" or (force and not after.has_human_work) or after.machine is None:
            return [after]
        return []
    # The source changed. Human work is kept and marked stale; the machine output is redone.
    if before.has_human_work:
        after.human = before.human if before.human is not None else before.machine
        after.status = "stale"
        after.previous_source = before.previous_source or before.source
    return [after]


def _unit(block: AlignedBlock, source_lang: str) -> list[Unit]:
    """A Unit for a block that needs an engine, or [] after carrying it over unchanged."""
    prepared = inline.prepare(block.source)
    letters = re.search(r"[^\W\d_]", prepared.plain)
    if block.kind not in ("title", "heading", "paragraph", "item", "quote") or not letters:
        _keep(block, "no prose")
        return []
    if block.kind != "title":
        found = detect_block_text(prepared.plain)
        if found.lang not in ("und", source_lang) and found.confidence >= FLAG_CONFIDENCE:
            _keep(block, f"in {found.lang}")
            return []
    return [Unit(block, prepared, False, [])]


def _keep(block: AlignedBlock, why: str) -> None:
    block.machine = block.source
    block.provenance = {**KEPT, "settings": {"reason": why}}
    block.flags = sorted(set(block.flags) | {"kept"})
    if block.human is None:
        block.status = "machine"


def _segments(unit: Unit, engine: Engine) -> None:
    unit.tagged = engine.carries_markup and unit.prepared.has_inline
    text = unit.prepared.tagged if unit.tagged else unit.prepared.plain
    parts = segment.sentences(text)
    if unit.tagged and not all(inline.balanced(p) for p in parts):
        parts = [text]  # markup spans sentences: the block goes whole, Apertium splits it itself
    unit.segments = parts


def _run_pair(
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
        resolved[seg] = Result(text, Provenance("memory", "human translation", ""))
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
    _finish_ready(ws, jobs, resolved)
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
        _finish_ready(ws, jobs, resolved)


def _fix_suspects(
    memory: Memory,
    fallback: Engine | None,
    source: str,
    target: str,
    resolved: dict[str, Result],
    bad: list[str],
) -> None:
    """Send degenerate outputs to the other engine; keep its answer where it is sound."""
    if not bad or fallback is None:
        return
    prov = fallback.provenance(source, target)
    known = memory.lookup(prov, source, target, bad)
    missing = [s for s in bad if s not in known]
    if missing:
        outputs = fallback.translate_batch(missing, source, target)
        memory.store(prov, source, target, dict(zip(missing, outputs, strict=True)))
        known.update(zip(missing, outputs, strict=True))
    for seg in bad:
        text = known[seg]
        if degenerate_reason(seg, text) is None:
            resolved[seg] = Result(text, prov, None, fallback=True)


def _finish_ready(ws: Workspace, jobs: list[Job], resolved: dict[str, Result]) -> None:
    for job in jobs:
        if job.done:
            continue
        if all(u.human_block is not None or all(s in resolved for s in u.segments) for u in job.units):
            _finish(ws, job, resolved)


def _finish(ws: Workspace, job: Job, resolved: dict[str, Result]) -> None:
    for unit in job.units:
        _apply(unit, resolved)
    save(ws, job.alignment, job.statement)
    job.done = True


def _apply(unit: Unit, resolved: dict[str, Result]) -> None:
    block = unit.block
    flags = set(block.flags) - {"markup_lost", "fallback", "suspect", "kept"}
    if unit.human_block is not None:
        block.machine = unit.human_block
        block.provenance = Provenance("memory", "human translation", "").as_dict()
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
    block.provenance = main.provenance.as_dict() if main else None
    used_fallback = [r for r in results if r.fallback]
    if used_fallback and block.provenance is not None:
        block.provenance["fallback"] = used_fallback[0].provenance.as_dict()
        flags.add("fallback")
    suspect = [r.suspect for r in results if r.suspect and not r.fallback]
    if suspect:
        flags.add("suspect")
    block.flags = sorted(flags)
    if block.human is None:
        block.status = "suspect" if suspect else "machine"
