"""Interchange with CAT tools and Weblate: XLIFF, PO and TMX (translate-toolkit), one file each.

Unit ids are `<slug>/<lang>/<index>` (`title` for the title), so any CAT tool or Weblate
can round-trip them. Adding a format is one file with a `base.Format` subclass and one line
in FORMATS. Aligning an existing human translation with its original is `align.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InterchangeError, PipelineError, UsageError, one_of
from pipeline.interchange.base import Format, unit_id
from pipeline.interchange.po import Po
from pipeline.interchange.tmx import Tmx
from pipeline.interchange.xliff import Xliff
from pipeline.originals import SLUG_RE, load_statement
from pipeline.store import load, open_alignment, save, sync_edits, target_of
from pipeline.workspace import Workspace

FORMATS: dict[str, Format] = {f.name: f for f in (Xliff(), Po(), Tmx())}
_ID = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*)/(?P<lang>es|en)/(?P<index>title|\d+)$")


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"--format {name}: use {one_of(list(FORMATS))}.") from None


def export(ws: Workspace, slug: str, to: str | None, fmt: str) -> bytes:
    writer = get_format(fmt)
    statement = load_statement(ws, slug)
    lang = target_of(statement, to)
    with ws.lock(wait=10):
        alignment = open_alignment(ws, statement, lang)
    return writer.export(alignment)


def export_memory(ws: Workspace, source: str, target: str) -> bytes:
    """The whole translation memory for a pair as TMX: human translations first."""
    from pipeline.memory import Memory
    from pipeline.translate.protect import has_placeholder

    memory = Memory(ws.memory_path)
    try:
        rows = memory.all_pairs(source, target)
    finally:
        memory.close()
    # Engine results for segments sent with glossary placeholders are not translations a CAT tool can use.
    rows = [row for row in rows if not has_placeholder(row[0])]
    return Tmx().memory(rows, source, target)


@dataclass
class ImportResult:
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def _parse(path: Path) -> tuple[Format, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot read it ({exc.strerror}).") from exc
    head = data[:2000].lstrip()
    if b"<!ENTITY" in data[:65536].upper():
        # No CAT tool needs entity declarations; they are how XXE and "billion laughs" attacks work.
        raise InterchangeError(
            f"{path}: refused: the file declares XML entities. Export it again from the CAT tool."
        )
    suffix = path.suffix.lower()
    chosen = next((f for f in FORMATS.values() if suffix in f.suffixes), None)
    chosen = chosen or next((f for f in FORMATS.values() if f.sniff(head)), None)
    if chosen is None:
        names = one_of([f.suffixes[0] for f in FORMATS.values()])
        raise InterchangeError(
            f"{path}: not {one_of([f.name.upper() for f in FORMATS.values()])}. Give a {names} file."
        )
    try:
        return chosen, chosen.parse(data)
    except Exception as exc:  # lxml and the PO parser raise several kinds of error
        raise InterchangeError(
            f"{path}: not a well-formed {suffix.lstrip('.') or chosen.name} file ({str(exc).splitlines()[0][:200]}). "
            "Export it again from the CAT tool."
        ) from exc


def import_file(ws: Workspace, path: Path) -> ImportResult:
    fmt, store = _parse(path)
    wanted: dict[tuple[str, str], dict[str, Any]] = {}
    unknown = []
    for unit in store.units:
        if getattr(unit, "isheader", lambda: False)():
            continue
        key = fmt.unit_key(unit)
        m = _ID.match(key)
        if not m or not SLUG_RE.match(m.group("slug")):
            unknown.append(key or "(no id)")
            continue
        index = -1 if m.group("index") == "title" else int(m.group("index"))
        wanted.setdefault((m.group("slug"), m.group("lang")), {})[str(index)] = unit
    if not wanted:
        raise InterchangeError(
            f"{path}: no unit matches a statement (ids look like <slug>/<lang>/<block>; found "
            f"{', '.join(unknown[:3]) or 'none'}). Import a file exported by `statements export`."
        )
    result = ImportResult()
    with ws.lock(wait=10):
        plans = []
        for (slug, lang), units in wanted.items():
            try:
                statement = load_statement(ws, slug)
            except PipelineError as exc:
                raise InterchangeError(f"{path}: {exc}") from exc
            alignment = load(ws, lang, slug)
            if alignment is None:
                raise InterchangeError(f"{path}: {slug} has no {lang} translation to import into.")
            sync_edits(ws, alignment)
            blocks = {b.index: b for b in [alignment.title, *alignment.blocks]}
            missing = [i for i in units if int(i) not in blocks]
            if missing:
                raise InterchangeError(
                    f"{path}: {slug} has no block {', '.join(missing)}; nothing was imported."
                )
            plans.append((statement, alignment, blocks, units))
        # Every file is checked before the first write: an import applies whole or not at all.
        for statement, alignment, blocks, units in plans:
            changed = False
            for key, unit in units.items():
                block = blocks[int(key)]
                target = str(unit.target or "").strip()
                if not target:
                    continue
                source = str(unit.source or "").strip()
                text_changed = " ".join(target.split()) != " ".join(block.current.split())
                approved = fmt.approved(unit)
                if not text_changed and not (approved and block.status != "reviewed"):
                    result.unchanged += 1
                    continue
                if text_changed:
                    block.human = target
                    block.status = "edited"
                if approved:
                    block.human = target
                    block.status = "reviewed"
                if source and " ".join(source.split()) != " ".join(block.source.split()):
                    block.status = "stale"  # translated from an older original
                    block.previous_source = source
                changed = True
                result.updated.append(unit_id(statement.slug, alignment.target_lang, block))
            if changed:
                save(ws, alignment, statement)
    return result


__all__ = ["FORMATS", "ImportResult", "export", "export_memory", "get_format", "import_file"]
