"""The statements in a workspace's originals/: read one, read them all, find one by slug."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import FrontMatterError, UnknownStatementError, WorkspaceError
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
    return Statement(path.stem, path, meta, body)


def statement_paths(ws: Workspace) -> list[Path]:
    if not ws.originals.is_dir():
        return []
    return sorted(p for p in ws.originals.glob("*.md") if not p.name.startswith("."))


def load_statement(ws: Workspace, slug: str) -> Statement:
    if not SLUG_RE.match(slug):
        raise UnknownStatementError(
            f"'{slug}' is not a statement slug. Run `statements list` to see the slugs."
        )
    path = ws.original_path(slug)
    if not path.is_file():
        raise UnknownStatementError(
            f"no statement '{slug}' in {ws.originals}. Run `statements list` to see the slugs, "
            "or `statements add FILE` to add it."
        )
    return read_statement(path)


def load_all(ws: Workspace) -> list[Statement]:
    """Every statement, in date order."""
    return sorted((read_statement(p) for p in statement_paths(ws)), key=lambda s: s.sort_key)


def load_selected(ws: Workspace, slugs: list[str]) -> list[Statement]:
    """The named statements, or all of them when none is named."""
    return [load_statement(ws, slug) for slug in slugs] if slugs else load_all(ws)
