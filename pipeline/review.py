"""Review: status of each block, marking blocks reviewed. Data only; the CLI prints."""

from __future__ import annotations

from typing import Any

from . import segment
from .errors import PipelineError
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
