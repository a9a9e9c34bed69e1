"""The aligned bilingual store: one JSON file per statement and target language.

`translations/<lang>/<slug>.align.json` (documented in README, "The aligned store") holds,
per block of the original: the source text and its hash, the machine output with its
provenance, the current human text and a status. Keys are sorted and the file is indented,
so it diffs cleanly in git. The editable translation `translations/<lang>/<slug>.md` is
rendered from it; edits made there are read back before anything else happens, and are
never overwritten.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import PipelineError, WorkspaceError
from .markdown import Block, dump_front_matter, parse_blocks, split_front_matter
from .model import Statement
from .workspace import Workspace, atomic_write

FORMAT = "statements-alignment/1"
STATUSES = ("machine", "edited", "reviewed", "stale", "suspect")
HUMAN = frozenset({"edited", "reviewed", "stale"})


@dataclass
class AlignedBlock:
    index: int  # position of the block in the original (the index `detect --blocks` shows)
    kind: str
    prefix: str
    source: str  # the original block's text, Markdown prefix removed
    source_hash: str
    sep: str = "\n\n"
    machine: str | None = None
    human: str | None = None
    status: str = "machine"
    provenance: dict[str, Any] | None = None
    flags: list[str] = field(default_factory=list)
    previous_source: str | None = None  # for a stale block: the source its human text translates

    @property
    def current(self) -> str:
        if self.human is not None:
            return self.human
        return self.machine if self.machine is not None else ""

    @property
    def has_human_work(self) -> bool:
        return self.status in HUMAN or self.human is not None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlignedBlock:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    def as_block(self) -> Block:
        return Block(self.index, self.kind, self.prefix, self.current, self.sep)


@dataclass
class Alignment:
    slug: str
    source_lang: str
    target_lang: str
    title: AlignedBlock
    blocks: list[AlignedBlock]
    orphans: list[AlignedBlock] = field(default_factory=list)  # human work whose source block was deleted
    meta: dict[str, Any] = field(default_factory=dict)  # front matter carried to the translation
    dismissed: list[str] = field(default_factory=list)  # ids of fidelity findings a person dismissed
    # sha256 of Markdown texts with nothing new for this alignment: the one it was rendered
    # to, and the one its edits were last read from. After a crash between writing the
    # alignment and the Markdown, the old Markdown is recognised instead of read as edits.
    absorbed: list[str] = field(default_factory=list)
    synced: str | None = field(default=None, compare=False)  # this process read edits from this text

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "slug": self.slug,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "meta": self.meta,
            "title": self.title.as_dict(),
            "blocks": [b.as_dict() for b in self.blocks],
            "orphans": [b.as_dict() for b in self.orphans],
            "dismissed": self.dismissed,
            "absorbed": self.absorbed,
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, path: Path) -> Alignment:
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise ValueError(f"unknown format {data.get('format')!r}")
            return cls(
                data["slug"],
                data["source_lang"],
                data["target_lang"],
                AlignedBlock.from_dict(data["title"]),
                [AlignedBlock.from_dict(b) for b in data["blocks"]],
                [AlignedBlock.from_dict(b) for b in data.get("orphans", [])],
                data.get("meta", {}),
                list(data.get("dismissed", [])),
                list(data.get("absorbed", [])),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise PipelineError(
                f"{path}: the alignment data cannot be read ({exc}). Restore it from git "
                "(`git checkout -- <file>`); the translation Markdown beside it is untouched."
            ) from exc

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for block in self.blocks:
            if block.kind in ("heading", "paragraph", "item", "quote"):
                counts[block.status] = counts.get(block.status, 0) + 1
        return counts

    def engines(self) -> list[str]:
        seen: list[str] = []
        for block in [self.title, *self.blocks]:
            prov = block.provenance or {}
            if prov.get("engine") in (None, "kept"):
                continue
            label = f"{prov.get('engine')} ({prov.get('package')} {prov.get('version')})"
            if label not in seen:
                seen.append(label)
        return seen


def load(ws: Workspace, lang: str, slug: str) -> Alignment | None:
    path = ws.alignment_path(lang, slug)
    if not path.exists():
        md = ws.translation_path(lang, slug)
        if md.exists():
            raise PipelineError(
                f"{md} exists but has no alignment data beside it, so it was not written by "
                f"`statements translate`. Pair it with its original using `statements align {slug} {md}`, "
                "or move it aside; it was left untouched."
            )
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WorkspaceError(f"cannot read {path}: {exc.strerror}.") from exc
    return Alignment.from_json(text, path)


def translations_of(ws: Workspace, statement: Statement) -> dict[str, Alignment]:
    """The statement's translations, by target language, as stored (edits not yet read in)."""
    from .workspace import LANGUAGES

    found: dict[str, Alignment] = {}
    for lang in LANGUAGES:
        if lang == statement.lang or not ws.alignment_path(lang, statement.slug).exists():
            continue
        alignment = load(ws, lang, statement.slug)
        if alignment is not None:
            found[lang] = alignment
    return found


def render(alignment: Alignment, statement: Statement | None = None) -> str:
    meta = dict(alignment.meta)
    meta.update(
        {
            "title": alignment.title.current or (statement.title if statement else alignment.slug),
            "lang": alignment.target_lang,
            "translation_of": alignment.slug,
            "source_lang": alignment.source_lang,
            "engine": ", ".join(alignment.engines()) or None,
        }
    )
    parts: list[str] = []
    for n, block in enumerate(alignment.blocks):
        if n:
            parts.append(block.sep or "\n\n")
        parts.append(block.as_block().markdown)
    return dump_front_matter(meta, "".join(parts))


def save(ws: Workspace, alignment: Alignment, statement: Statement | None = None) -> None:
    """Write the alignment, then the Markdown rendered from it; each write is atomic.

    Files whose content would not change are not touched.
    """
    markdown = render(alignment, statement)
    alignment.absorbed = [digest(markdown)]
    if alignment.synced and alignment.synced != alignment.absorbed[0]:
        alignment.absorbed.append(alignment.synced)
    for path, text in (
        (ws.alignment_path(alignment.target_lang, alignment.slug), alignment.to_json()),
        (ws.translation_path(alignment.target_lang, alignment.slug), markdown),
    ):
        if not (path.exists() and path.read_text(encoding="utf-8") == text):
            atomic_write(path, text)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def sync_edits(ws: Workspace, alignment: Alignment) -> bool:
    """Read human edits from the translation Markdown into the alignment. True if any changed."""
    path = ws.translation_path(alignment.target_lang, alignment.slug)
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8")
    alignment.synced = digest(text)
    if alignment.synced in alignment.absorbed:
        return False  # what was rendered, or edits already read in
    meta, body = split_front_matter(text, path)
    edited_blocks = parse_blocks(body)
    if len(edited_blocks) != len(alignment.blocks):
        raise PipelineError(
            f"{path} has {len(edited_blocks)} blocks, but its original has {len(alignment.blocks)}. "
            "Keep one translated paragraph, heading or list item per block of the original "
            "(a blank line separates blocks), then run the command again. Nothing was changed."
        )
    changed = False
    pairs = [(alignment.title, str(meta.get("title") or ""))]
    pairs += [(block, edited.text) for block, edited in zip(alignment.blocks, edited_blocks, strict=True)]
    for block, text in pairs:
        if not text or _same(text, block.current):
            continue
        changed = True
        block.human = text
        if block.status in ("machine", "suspect", "reviewed"):
            block.status = "edited"
    return changed


def set_status(block: AlignedBlock, status: str) -> None:
    if status not in STATUSES:
        raise PipelineError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}.")
    block.status = status
