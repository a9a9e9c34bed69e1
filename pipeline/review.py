"""Review: status of each block, marking blocks reviewed. Data only; the CLI prints."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from . import segment
from .errors import PipelineError
from .fidelity import Finding, check_pair
from .inline import prepare
from .memory import Memory
from .model import load_statement
from .store import Alignment, load, save, sync_edits
from .workspace import LANGUAGES, Workspace


def targets_of(ws: Workspace, slug: str, to: str | None) -> list[str]:
    if to is not None:
        if to not in LANGUAGES:
            raise PipelineError(f"--to {to}: use es or en.")
        return [to]
    return [lang for lang in LANGUAGES if ws.alignment_path(lang, slug).exists()]


def open_alignment(ws: Workspace, slug: str, lang: str) -> Alignment:
    """The alignment with human edits from the Markdown read in (and saved, if there were any)."""
    statement = load_statement(ws, slug)
    alignment = load(ws, lang, slug)
    if alignment is None:
        raise PipelineError(
            f"{slug} has no {lang} translation yet. Run `statements translate {slug} --to {lang}` first."
        )
    if sync_edits(ws, alignment):
        save(ws, alignment, statement)
    return alignment


def status_report(ws: Workspace, slug: str, to: str | None) -> dict[str, Any]:
    load_statement(ws, slug)
    langs = targets_of(ws, slug, to)
    if to is None and not langs:
        raise PipelineError(f"{slug} has no translation yet. Run `statements translate {slug}` first.")
    out = []
    with ws.lock(wait=10):
        for lang in langs:
            alignment = open_alignment(ws, slug, lang)
            out.append(
                {
                    "to": lang,
                    "counts": alignment.counts(),
                    "title": {"text": alignment.title.current, "status": alignment.title.status},
                    "blocks": [
                        {
                            "index": b.index,
                            "kind": b.kind,
                            "status": b.status,
                            "flags": b.flags,
                            "text": b.current,
                            "provenance": b.provenance,
                        }
                        for b in alignment.blocks
                    ],
                    "orphans": len(alignment.orphans),
                }
            )
    return {"slug": slug, "translations": out}


def mark_reviewed(ws: Workspace, slug: str, lang: str, indexes: list[int] | None) -> list[int]:
    """Mark blocks reviewed (all when indexes is None); their text enters the memory as human."""
    statement = load_statement(ws, slug)
    with ws.lock(wait=10):
        alignment = open_alignment(ws, slug, lang)
        by_index = {b.index: b for b in alignment.blocks}
        if indexes is not None:
            unknown = sorted(set(indexes) - set(by_index))
            if unknown:
                raise PipelineError(
                    f"{slug} has no block {', '.join(map(str, unknown))}; "
                    f"blocks run from 0 to {len(alignment.blocks) - 1} (see `statements status {slug}`)."
                )
            chosen = [by_index[i] for i in indexes]
        else:
            chosen = [alignment.title, *alignment.blocks]
        pairs: dict[str, str] = {}
        marked = []
        for block in chosen:
            if not block.current.strip():
                continue
            block.human = block.current
            block.status = "reviewed"
            block.previous_source = None
            marked.append(block.index)
            pairs.update(human_pairs(block.source, block.human))
        save(ws, alignment, statement)
        memory = Memory(ws.memory_path)
        try:
            memory.store_human(alignment.source_lang, lang, pairs, origin=slug)
        finally:
            memory.close()
    return [i for i in marked if i >= 0]


def human_pairs(source: str, target: str) -> dict[str, str]:
    """Pairs for the memory: the whole block, and its sentences when both sides have as many."""
    src, tgt = prepare(source).plain, prepare(target).plain
    pairs = {src: target.strip()}
    src_sent, tgt_sent = segment.sentences(src), segment.sentences(tgt)
    if len(src_sent) == len(tgt_sent) > 1:
        pairs.update(zip(src_sent, tgt_sent, strict=True))
    return pairs


# Diffs.

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


def diff_report(ws: Workspace, slug: str, lang: str) -> dict[str, Any]:
    """Per block: source, machine draft, human text, and the diffs a proofreader needs."""
    with ws.lock(wait=10):
        alignment = open_alignment(ws, slug, lang)
    blocks = []
    for block in [alignment.title, *alignment.blocks]:
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
        blocks.append(entry)
    return {
        "slug": slug,
        "source_lang": alignment.source_lang,
        "target_lang": lang,
        "counts": alignment.counts(),
        "blocks": blocks,
    }


# Fidelity checks.


def run_checks(ws: Workspace, slugs: list[str], to: str | None) -> list[Finding]:
    """Findings for the named statements (or all), minus those a person dismissed."""
    from .model import load_all, sort_key

    statements = [load_statement(ws, s) for s in slugs] if slugs else sorted(load_all(ws), key=sort_key)
    findings: list[Finding] = []
    checked = 0
    for statement in statements:
        for lang in targets_of(ws, statement.slug, to):
            alignment = load(ws, lang, statement.slug)
            if alignment is None:
                if slugs:
                    raise PipelineError(
                        f"{statement.slug} has no {lang} translation to check. "
                        f"Run `statements translate {statement.slug} --to {lang}` first."
                    )
                continue
            sync_edits(ws, alignment)
            checked += 1
            dismissed = set(alignment.dismissed)
            for block in [alignment.title, *alignment.blocks]:
                if "kept" in block.flags or block.kind not in (
                    "title",
                    "heading",
                    "paragraph",
                    "item",
                    "quote",
                ):
                    continue
                for finding in check_pair(
                    statement.slug,
                    lang,
                    block.index,
                    block.source,
                    block.current,
                    alignment.source_lang,
                    lang,
                ):
                    if finding.id not in dismissed:
                        findings.append(finding)
    if slugs and not checked:
        raise PipelineError(
            f"{', '.join(slugs)} has no translation to check. Run `statements translate` first."
        )
    return findings


def dismiss(ws: Workspace, ids: list[str]) -> list[str]:
    """Record findings a person judged harmless; they return if either text changes."""
    from .model import load_all

    wanted = set(ids)
    done: list[str] = []
    with ws.lock(wait=10):
        for statement in load_all(ws):
            for lang in LANGUAGES:
                if not ws.alignment_path(lang, statement.slug).exists():
                    continue
                findings = {f.id for f in run_checks(ws, [statement.slug], lang)}
                hits = sorted(wanted & findings)
                if not hits:
                    continue
                alignment = open_alignment(ws, statement.slug, lang)
                alignment.dismissed = sorted(set(alignment.dismissed) | set(hits))
                save(ws, alignment, statement)
                done.extend(hits)
    missing = sorted(wanted - set(done))
    if missing:
        raise PipelineError(
            f"no current finding has the id {', '.join(missing)}. Run `statements check` to see the ids."
        )
    return done
