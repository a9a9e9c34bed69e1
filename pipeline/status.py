"""Reports about the workspace: the statement list and language detection, as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .detect import detect_blocks, detect_text
from .model import Statement, load_all, load_statement, sort_key
from .workspace import Workspace


def overview(ws: Workspace) -> list[dict[str, Any]]:
    rows = []
    for statement in sorted(load_all(ws), key=sort_key):
        rows.append(
            {
                "slug": statement.slug,
                "title": statement.title,
                "date": statement.date,
                "lang": statement.lang,
                "org": statement.org,
                "translations": translation_summary(ws, statement),
            }
        )
    return rows


def translation_summary(ws: Workspace, statement: Statement) -> dict[str, Any]:
    """Per target language: counts per status and a one-line summary. Read-only."""
    from .store import translations_of

    out: dict[str, Any] = {}
    for lang, alignment in translations_of(ws, statement).items():
        counts = alignment.counts()
        total = sum(counts.values())
        out[lang] = {"counts": counts, "summary": f"{counts['reviewed']} of {total} reviewed"}
    return out


def detect_report(ws: Workspace, target: str, with_blocks: bool) -> dict[str, Any]:
    path = Path(target)
    if path.is_file():
        from .clean import clean_markdown
        from .ingest import read_source, to_markdown
        from .markdown import parse_blocks

        markdown, hints, _ = to_markdown(read_source(target))
        blocks = parse_blocks(clean_markdown(markdown))
        declared = hints.get("lang")
    else:
        statement = load_statement(ws, target)
        blocks = statement.blocks
        declared = statement.meta.get("lang")
    text = "\n".join(b.plain for b in blocks if b.is_prose)
    found = detect_text(text)
    lang = str(declared) if declared in ("es", "en") else found.lang
    report: dict[str, Any] = {"lang": found.lang, "confidence": found.confidence, "blocks": []}
    if declared:
        report["declared"] = declared
    if with_blocks:
        report["blocks"] = [d.as_dict() for d in detect_blocks(blocks, lang)]
    return report
