"""The statements in a workspace: reading originals/ and the dataclass that carries one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import FrontMatterError, UnknownStatementError, WorkspaceError
from .markdown import Block, parse_blocks, split_front_matter
from .workspace import Workspace

# Slugs are file names: lower-case ASCII words joined by '-'; nothing that walks paths.
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")


@dataclass
class Statement:
    slug: str
    path: Path
    meta: dict[str, Any]
    body: str

    @cached_property
    def blocks(self) -> list[Block]:
        """Parsed on first use: listing a workspace never needs them."""
        return parse_blocks(self.body)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.slug)

    @property
    def lang(self) -> str:
        return str(self.meta.get("lang") or "und")

    @property
    def date(self) -> str | None:
        value = self.meta.get("date")
        return str(value) if value else None

    @property
    def org(self) -> str | None:
        value = self.meta.get("org")
        return str(value) if value else None

    @property
    def tags(self) -> list[str]:
        value = self.meta.get("tags") or []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


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
    return [read_statement(p) for p in statement_paths(ws)]


def sort_key(statement: Statement) -> tuple[str, str]:
    return (statement.date or "9999", statement.slug)
