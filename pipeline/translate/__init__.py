"""`statements translate`: plan what needs machine output, run each language pair, save.

- `plan`   each statement's blocks against the store: what is carried, what is pending;
- `run`    the memory, then the engine in chunks, saving finished statements as it goes;
- `guard`  degenerate output, caught and sent to a fallback engine;
- `protect` the workspace glossary: terms protected from the engine, restored, verified;
- `postedit` the target's conventions for numbers, dates and ¡¿, on machine output only;
- `engines` the ENGINES registry (Argos, Apertium, ...), one file per engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline import glossary
from pipeline.errors import AlignmentError, LanguageError, NoStatementsError, choice
from pipeline.memory import Memory
from pipeline.model import LANGUAGES, other
from pipeline.originals import load_selected
from pipeline.store import target_of
from pipeline.translate.engines import Engine, Settings, choose, engine_class, fallback_for
from pipeline.translate.plan import Job, plan
from pipeline.translate.protect import Matcher
from pipeline.translate.run import Resolved, Rules, finish, run_pair
from pipeline.workspace import Workspace


@dataclass
class Options:
    engine: str = "auto"
    force: bool = False
    beam_size: int = 4
    length_penalty: float = 0.2
    postedit: bool = True  # the target's conventions on machine output (benchmarks switch it off)

    @property
    def settings(self) -> Settings:
        return Settings(self.beam_size, self.length_penalty)


@dataclass
class Summary:
    segments: int = 0
    memory_hits: int = 0
    engine_calls: int = 0
    seconds: float = 0.0
    postedits: int = 0
    glossary: dict[str, int] = field(default_factory=lambda: {"protected": 0, "restored": 0, "mangled": 0})
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Statements that could not be translated (a broken original or alignment): the rest went on.
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "segments": self.segments,
            "memory_hits": self.memory_hits,
            "engine_calls": self.engine_calls,
            "seconds": round(self.seconds, 3),
            "postedits": self.postedits,
            "glossary": self.glossary,
            "statements": self.statements,
            "skipped": self.skipped,
        }


def translate(
    ws: Workspace,
    slugs: list[str],
    to: str | None = None,
    options: Options | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    opts = options or Options()
    if to is not None:
        choice("--to", to, LANGUAGES)
    if opts.engine != "auto":
        engine_class(opts.engine)  # an unknown name is bad usage even when there is nothing to do
    started = time.perf_counter()
    summary = Summary()
    with ws.lock(wait=10):
        terms = glossary.load(ws)
        matchers: dict[tuple[str, str], Matcher] = {}
        statements = load_selected(ws, slugs, summary.skipped)
        if not statements and not summary.skipped:
            raise NoStatementsError(f"no statements in {ws.originals}. Add one with `statements add FILE`.")
        jobs: dict[tuple[str, str], list[Job]] = {}
        for statement in statements:
            if statement.lang not in LANGUAGES:
                raise LanguageError(
                    f"{statement.path}: lang is {statement.lang!r}; set `lang: es` or `lang: en` in its front matter."
                )
            if slugs:
                target = target_of(statement, to)  # a named statement in the --to language is an error
            elif (target := to or other(statement.lang)) == statement.lang:
                continue
            pair = (statement.lang, target)
            if pair not in matchers:
                matchers[pair] = Matcher(terms, *pair)
            matcher = matchers[pair]
            try:
                job = plan(ws, statement, target, opts.force, matcher)
            except AlignmentError as exc:
                summary.skipped.append(str(exc))
                continue
            jobs.setdefault((statement.lang, target), []).append(job)
        if statements and not jobs and not summary.skipped and to is not None:
            raise LanguageError(
                f"every statement is already in {to}: there is nothing to translate --to {to}. "
                f"Leave --to out to translate each statement into its other language."
            )
        memory = Memory(ws.memory_path)
        engines: list[Engine] = []
        try:
            for (source, target), pair_jobs in jobs.items():
                rules = Rules(matchers[(source, target)], opts.postedit)
                if not any(job.units for job in pair_jobs):
                    for job in pair_jobs:
                        finish(ws, job, Resolved(), rules)
                    continue
                engine = choose(opts.engine, source, target, opts.settings)
                fallback = fallback_for(engine, source, target, opts.settings)
                engines.extend(e for e in (engine, fallback) if e is not None)
                run_pair(ws, memory, engine, fallback, source, target, pair_jobs, progress, rules)
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
                    "kept": job.alignment.kept_blocks(),
                    "postedits": job.postedits,
                    "glossary": job.glossary,
                }
                summary.segments += job.stats["segments"]
                summary.memory_hits += job.stats["memory_hits"]
                summary.postedits += len(job.postedits)
                for key, count in job.glossary.items():
                    summary.glossary[key] += count
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["Options", "Summary", "translate"]
