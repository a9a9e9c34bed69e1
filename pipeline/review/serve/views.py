"""What the review page and its JSON API show, built from the library: statuses, diffs,
findings and block versions. Reading writes nothing and takes no lock, so the page stays
usable while a CLI `translate` holds the workspace."""

from __future__ import annotations

import threading
from typing import Any

from pipeline import glossary
from pipeline.errors import PipelineError, SelectionError, one_of
from pipeline.model import PROSE_KINDS, AlignedBlock, Alignment
from pipeline.originals import load_all, load_statement
from pipeline.review.checks import Finding
from pipeline.review.diff import diff_entry
from pipeline.review.edit import block_version, find_block
from pipeline.review.findings import findings_per_alignment, units
from pipeline.review.status import summarise
from pipeline.store import read_alignment, target_langs
from pipeline.workspace import Workspace

# The checks are the slow part of a page (a few ms per block). A translation's findings depend
# only on its blocks' texts and languages, its dismissals and the glossary, so the server
# remembers them by exactly that, and checks what it has not seen in one batch.
_memo: dict[tuple[Any, ...], list[Finding]] = {}
MEMO_SIZE = 4096


def open_findings(ws: Workspace, alignments: list[Alignment]) -> list[list[Finding]]:
    """Each translation's open findings, computed once per distinct content."""
    terms = tuple(glossary.load(ws))
    keys = [(tuple(units(a)), tuple(sorted(a.dismissed)), terms) for a in alignments]
    todo = [n for n, key in enumerate(keys) if key not in _memo]
    if todo:
        if len(_memo) + len(todo) > MEMO_SIZE:
            _memo.clear()
        for n, found in zip(todo, findings_per_alignment([alignments[n] for n in todo], terms), strict=True):
            _memo[keys[n]] = found
    return [_memo[key] for key in keys]


# One listing at a time: a request that comes while the start-up listing is running waits
# for its findings instead of computing the same ones alongside it.
listing = threading.Lock()

# The home page's filters: which translations each one keeps.
FILTERS = {
    "unreviewed": lambda t: t["counts"]["reviewed"] < sum(t["counts"].values()),
    "findings": lambda t: t["findings"] > 0,
    "stale": lambda t: t["counts"]["stale"] > 0,
}


def statement_list(ws: Workspace, show: str | None = None) -> list[dict[str, Any]]:
    """Every statement with, per translation, its counts per status and open findings.

    `show` keeps only the statements with a translation that is unreviewed, has findings, or
    has stale blocks. A translation that cannot be read carries its error instead.
    """
    if show is not None and show not in FILTERS:
        raise SelectionError(f"show={show}: use {one_of(list(FILTERS))}.")
    with listing:
        return _statement_list(ws, show)


def _statement_list(ws: Workspace, show: str | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    opened: list[tuple[dict[str, Any], Alignment]] = []
    for statement in load_all(ws):
        translations: dict[str, Any] = {}
        for lang in target_langs(ws, statement.slug, None):
            if lang == statement.lang:
                continue
            try:
                alignment = read_alignment(ws, statement, lang)
            except PipelineError as exc:
                translations[lang] = {"error": str(exc)}
                continue
            translations[lang] = summarise(alignment)
            opened.append((translations[lang], alignment))
        rows.append(
            {
                "slug": statement.slug,
                "title": statement.title,
                "date": statement.date,
                "lang": statement.lang,
                "org": statement.org,
                "translations": translations,
            }
        )
    # Every translation's findings in one batch: the analysers start once, not once per statement.
    for (entry, _), found in zip(opened, open_findings(ws, [a for _, a in opened]), strict=True):
        entry["findings"] = len(found)
    if show is None:
        return rows
    return [r for r in rows if any("error" not in t and FILTERS[show](t) for t in r["translations"].values())]


def statement_view(ws: Workspace, slug: str, lang: str) -> dict[str, Any]:
    """One translation, block by block: texts, status, diffs, open findings and each block's version."""
    statement = load_statement(ws, slug)
    alignment = read_alignment(ws, statement, lang)
    findings = open_findings(ws, [alignment])[0]
    return {
        "slug": slug,
        "title": statement.title,
        "source_lang": alignment.source_lang,
        "target_lang": alignment.target_lang,
        "counts": alignment.counts(),
        "orphans": len(alignment.orphans),
        "blocks": [block_entry(alignment, b, findings) for b in [alignment.title, *alignment.blocks]],
    }


def block_view(ws: Workspace, alignment: Alignment, index: int) -> dict[str, Any]:
    """One block after a change, with the translation's new counts."""
    block = find_block(alignment, index)
    return {
        "block": block_entry(alignment, block, open_findings(ws, [alignment])[0]),
        "counts": alignment.counts(),
    }


def block_entry(alignment: Alignment, block: AlignedBlock, findings: list[Finding]) -> dict[str, Any]:
    prov = block.provenance
    return diff_entry(block) | {
        "version": block_version(block),
        "editable": block.kind == "title" or block.kind in PROSE_KINDS,
        "lang": alignment.block_lang(block),
        "engine": prov.label if prov is not None and prov.engine not in ("kept", "") else None,
        "findings": [
            {"id": f.id, "check": f.check, "evidence": f.evidence, "explanation": f.explanation}
            for f in findings
            if f.block == block.index
        ],
    }
