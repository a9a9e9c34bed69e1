"""The statements in a workspace's originals/: read one, read them all, find one by slug."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from pipeline.errors import FrontMatterError, PipelineError, UnknownStatementError, WorkspaceError
from pipeline.model import Statement
from pipeline.text.markdown import split_front_matter
from pipeline.workspace import Workspace

# Slugs are file names: lower-case ASCII words joined by '-'; nothing that walks paths.
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")


def read_statement(path: Path) -> Statement:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrontMatterError(
            f"{path}: not UTF-8 text (byte {exc.start}). Save it as UTF-8, "
            "or add the original again with `statements add`, which converts it."
        ) from exc
    except OSError as exc:
        raise WorkspaceError(f"cannot read {path}: {exc.strerror}.") from exc
    meta, body = split_front_matter(text, path)
    _check_meta(meta, text, path)
    return Statement(path.stem, path, meta, body)


def _check_meta(meta: dict[str, object], text: str, path: Path) -> None:
    """Front matter values every command relies on: a real date, and es or en."""
    date = meta.get("date")
    if date is not None and date != "":
        try:
            dt.date.fromisoformat(str(date))
        except ValueError:
            raise FrontMatterError(
                f"{path}, line {_line_of('date', text)}: date: {date} is not a date. "
                "Write it as YYYY-MM-DD, e.g. date: 2024-07-11."
            ) from None
    lang = meta.get("lang")
    if lang is not None and str(lang) not in ("es", "en"):
        raise FrontMatterError(
            f"{path}, line {_line_of('lang', text)}: lang: {lang} is not a language statements "
            "translates. Write lang: es or lang: en."
        )


def _line_of(key: str, text: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"{key}\s*:", line):
            return number
    return 2


def slug_of(name: str) -> str:
    """What a user may type for a statement: its slug, `SLUG.md`, or `originals/SLUG.md`."""
    return Path(name).stem if name.endswith(".md") else name


def statement_paths(ws: Workspace) -> list[Path]:
    if not ws.originals.is_dir():
        return []
    return sorted(p for p in ws.originals.glob("*.md") if not p.name.startswith("."))


def load_statement(ws: Workspace, name: str) -> Statement:
    slug = slug_of(name)
    path = ws.original_path(slug)
    if not SLUG_RE.match(slug) or not path.is_file():
        known = [p.stem for p in statement_paths(ws)]
        close = difflib.get_close_matches(slug, known, n=3, cutoff=0.6)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        raise UnknownStatementError(
            f"no statement '{name}' in {ws.originals}.{hint} Run `statements list` to see the slugs, "
            "or `statements add FILE` to add it."
        )
    return read_statement(path)


def load_all(ws: Workspace, skipped: list[str] | None = None) -> list[Statement]:
    """Every statement, in date order.

    A file that cannot be read raises, unless `skipped` is given: then its message (file,
    line, what to fix) goes there and the other statements are still returned.
    """
    found = []
    for path in statement_paths(ws):
        try:
            found.append(read_statement(path))
        except PipelineError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
    return sorted(found, key=lambda s: s.sort_key)


def load_selected(ws: Workspace, slugs: list[str], skipped: list[str] | None = None) -> list[Statement]:
    """The named statements, or all of them (skipping unreadable ones into `skipped`) when none is named."""
    return [load_statement(ws, slug) for slug in slugs] if slugs else load_all(ws, skipped)
