"""Reports about statements as data (the CLI prints them): the list, language detection,
each block's status; and marking blocks reviewed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.errors import AlignmentError, NotTranslatedError, UnknownBlockError
from pipeline.model import LANGUAGES, AlignedBlock, Alignment, Statement
from pipeline.originals import load_all, load_statement
from pipeline.store import load, open_alignment, save, target_langs, target_of
from pipeline.text.detect import detect_blocks, detect_text
from pipeline.workspace import Workspace


def overview(ws: Workspace, skipped: list[str] | None = None) -> list[dict[str, Any]]:
    """`statements list`: every statement, its language and translation status per target."""
    return [
        {
            "slug": statement.slug,
            "title": statement.title,
            "date": statement.date,
            "lang": statement.lang,
            "org": statement.org,
            "translations": translation_summary(ws, statement),
        }
        for statement in load_all(ws, skipped)
    ]


def translation_summary(ws: Workspace, statement: Statement) -> dict[str, Any]:
    """Per target language: counts per status and a one-line summary. Read-only."""
    out: dict[str, Any] = {}
    for lang in LANGUAGES:
        try:
            alignment = load(ws, lang, statement.slug) if lang != statement.lang else None
        except AlignmentError as exc:
            out[lang] = {"counts": {}, "summary": "unreadable", "error": str(exc)}
            continue
        if alignment is not None:
            out[lang] = summarise(alignment)
    return out


def summarise(alignment: Alignment) -> dict[str, Any]:
    """A translation's counts per status, and "N of M reviewed"."""
    counts = alignment.counts()
    return {"counts": counts, "summary": f"{counts['reviewed']} of {sum(counts.values())} reviewed"}


def detect_report(ws: Workspace, target: str, with_blocks: bool) -> dict[str, Any]:
    """`statements detect`: the language of a file or a statement, and of each block."""
    if Path(target).is_file():
        from pipeline.ingest import read_source, to_markdown
        from pipeline.ingest.clean import clean_markdown
        from pipeline.text.markdown import parse_blocks

        markdown, hints, _ = to_markdown(read_source(target))
        blocks = parse_blocks(clean_markdown(markdown))
        declared = hints.get("lang")
    else:
        statement = load_statement(ws, target)
        blocks = statement.blocks
        declared = statement.meta.get("lang")
    text = "\n".join(b.plain for b in blocks if b.is_prose)
    found = detect_text(text)
    lang = str(declared) if declared in LANGUAGES else found.lang
    report: dict[str, Any] = {"lang": found.lang, "confidence": found.confidence, "blocks": []}
    if declared:
        report["declared"] = declared
    if with_blocks:
        report["blocks"] = [d.as_dict() for d in detect_blocks(blocks, lang)]
    return report


def status_report(ws: Workspace, slug: str, to: str | None) -> dict[str, Any]:
    """`statements status`: each block's status, flags and text, per translation."""
    statement = load_statement(ws, slug)
    slug = statement.slug  # as typed, it may have been `SLUG.md`
    langs = target_langs(ws, slug, to)
    if to is None and not langs:
        raise NotTranslatedError(f"{slug} has no translation yet. Run `statements translate {slug}` first.")
    out = []
    with ws.lock(wait=10):
        for lang in langs:
            alignment = open_alignment(ws, statement, lang)
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
                            "lang": alignment.block_lang(b),
                            "text": b.current,
                            "provenance": b.provenance.as_dict() if b.provenance else None,
                        }
                        for b in alignment.blocks
                    ],
                    "orphans": len(alignment.orphans),
                    "kept": alignment.kept_blocks(),
                }
            )
    return {"slug": slug, "translations": out}


def mark_reviewed(ws: Workspace, slug: str, to: str | None, indexes: list[int] | None) -> list[int]:
    """Mark blocks reviewed (all when indexes is None); their text enters the memory as human."""
    statement = load_statement(ws, slug)
    lang = target_of(statement, to)
    with ws.lock(wait=10):
        alignment = open_alignment(ws, statement, lang)
        by_index = {b.index: b for b in [alignment.title, *alignment.blocks]}
        if indexes is not None:
            unknown = sorted(set(indexes) - set(by_index))
            if unknown:
                raise UnknownBlockError(
                    f"{statement.slug} has no block {', '.join(map(str, unknown))}; blocks run from 0 to "
                    f"{len(alignment.blocks) - 1}, and `title` is the title: `statements status "
                    f"{statement.slug}` lists them with their numbers."
                )
            chosen = [by_index[i] for i in indexes]
        else:
            chosen = [alignment.title, *alignment.blocks]
        marked = commit_reviewed(ws, statement, alignment, chosen)
    return marked


def commit_reviewed(
    ws: Workspace, statement: Statement, alignment: Alignment, blocks: list[AlignedBlock]
) -> list[int]:
    """Mark blocks reviewed, save, and teach the memory their text as human translation.

    Call it under the workspace lock. Blocks without text are skipped; returns the indexes marked.
    """
    from pipeline.memory import Memory, sentence_pairs

    pairs: dict[str, str] = {}
    marked = []
    for block in blocks:
        if not block.current.strip():
            continue
        block.human = block.current
        block.status = "reviewed"
        block.previous_source = None
        marked.append(block.index)
        pairs.update(sentence_pairs(block.source, block.human))
    save(ws, alignment, statement)
    memory = Memory(ws.memory_path)
    try:
        memory.store_human(alignment.source_lang, alignment.target_lang, pairs, origin=statement.slug)
    finally:
        memory.close()
    return marked
