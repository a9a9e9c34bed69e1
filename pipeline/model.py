"""The dataclasses every stage shares: a statement and its blocks, an aligned translation,
and the provenance of machine output. Pure data: reading and writing live elsewhere
(`originals.py` for statements, `store.py` for alignments).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

LANGUAGES = ("es", "en")
# Blocks of these kinds carry prose; the others (code, rules, tables) are copied as they are.
PROSE_KINDS = frozenset({"heading", "paragraph", "item", "quote"})
STATUSES = ("machine", "edited", "reviewed", "stale", "suspect")
HUMAN_STATUSES = frozenset({"edited", "reviewed", "stale"})
UNREVIEWED = frozenset({"machine", "suspect", "stale"})


def other(lang: str) -> str:
    """The other language of the pair: a statement in `lang` is translated into this one."""
    return "en" if lang == "es" else "es"


def text_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Block:
    """One Markdown block. `prefix + text` (with `indent` on continuation lines) is its source."""

    index: int
    kind: str  # heading | paragraph | item | quote | code | rule | table
    prefix: str
    text: str
    sep: str = "\n\n"  # what separates this block from the one before it

    @property
    def markdown(self) -> str:
        if self.kind == "quote":
            return "\n".join("> " + line if line else ">" for line in self.text.split("\n"))
        if self.kind == "item":
            pad = " " * len(self.prefix)
            lines = self.text.split("\n")
            return self.prefix + ("\n" + pad).join(lines)
        return self.prefix + self.text

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS and bool(self.text.strip())

    @property
    def plain(self) -> str:
        """The text on one line, as it is read aloud: the unit detection and translation see."""
        return " ".join(self.text.split())

    @property
    def hash(self) -> str:
        return text_hash(self.kind + "\x00" + self.plain)

    def with_text(self, text: str) -> Block:
        return Block(self.index, self.kind, self.prefix, text, self.sep)


@dataclass
class Statement:
    slug: str
    path: Path
    meta: dict[str, Any]
    body: str

    @cached_property
    def blocks(self) -> list[Block]:
        """Parsed on first use: listing a workspace never needs them."""
        from pipeline.text.markdown import parse_blocks

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

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date or "9999", self.slug)


@dataclass(frozen=True)
class PostEdit:
    """One mechanical change to machine output: its kind (number, date, punctuation, spacing), before and after."""

    kind: str
    before: str
    after: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "from": self.before, "to": self.after}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PostEdit:
        return cls(str(data.get("kind", "")), str(data.get("from", "")), str(data.get("to", "")))


@dataclass(frozen=True)
class Provenance:
    """Who translated a text, with what, and how: stored with every machine result.

    `fallback` names the engine that stepped in where this one's output was degenerate or
    mangled a glossary term. For a block, `glossary` lists the (source, target) terms of the
    workspace glossary its source contains (enforced during translation), and `postedits`
    the mechanical changes made to the machine output. Neither is part of the memory's key.
    """

    engine: str
    package: str
    version: str
    settings: dict[str, Any] = field(default_factory=dict)
    fallback: Provenance | None = None
    glossary: tuple[tuple[str, str], ...] = ()
    postedits: tuple[PostEdit, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "engine": self.engine,
            "package": self.package,
            "version": self.version,
            "settings": dict(self.settings),
        }
        if self.fallback is not None:
            data["fallback"] = self.fallback.as_dict()
        if self.glossary:
            data["glossary"] = [list(pair) for pair in self.glossary]
        if self.postedits:
            data["postedits"] = [edit.as_dict() for edit in self.postedits]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        fallback = data.get("fallback")
        return cls(
            str(data.get("engine", "")),
            str(data.get("package", "")),
            str(data.get("version", "")),
            dict(data.get("settings") or {}),
            cls.from_dict(fallback) if isinstance(fallback, dict) else None,
            tuple((str(p[0]), str(p[1])) for p in data.get("glossary") or [] if len(p) == 2),
            tuple(PostEdit.from_dict(e) for e in data.get("postedits") or [] if isinstance(e, dict)),
        )

    @property
    def settings_key(self) -> str:
        blob = json.dumps(self.settings, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    @property
    def label(self) -> str:
        """How a colophon names it: "apertium (apertium-eng-spa 0.8.1-2)"."""
        inside = " ".join(part for part in (self.package, self.version) if part)
        return f"{self.engine} ({inside})" if inside else self.engine


# What produced the text of blocks that are not translated, and of human text.
HUMAN_MEMORY = Provenance("memory", "human translation", "")


def kept(reason: str, evidence: str | None = None) -> Provenance:
    """A block carried over unchanged (in another language already, or not prose)."""
    settings: dict[str, Any] = {"reason": reason}
    if evidence:
        settings["evidence"] = evidence  # what showed the block is in another language
    return Provenance("kept", "", "", settings)


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
    provenance: Provenance | None = None
    flags: list[str] = field(default_factory=list)
    previous_source: str | None = None  # for a stale block: the source its human text translates
    # The language of the block's text in the translation: the target language, or the
    # source's own language for a block carried over as it is (a Spanish dateline in an
    # English statement stays Spanish in its Spanish translation). None: the target's.
    lang: str | None = None

    @property
    def current(self) -> str:
        if self.human is not None:
            return self.human
        return self.machine if self.machine is not None else ""

    @property
    def has_human_work(self) -> bool:
        return self.status in HUMAN_STATUSES or self.human is not None

    def as_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["provenance"] = self.provenance.as_dict() if self.provenance else None
        data["flags"] = list(self.flags)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlignedBlock:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        prov = known.get("provenance")
        known["provenance"] = Provenance.from_dict(prov) if isinstance(prov, dict) else None
        if "lang" not in data and isinstance(prov, dict):
            # Files written before blocks had a `lang` said it in the reason: "in es".
            reason = str((prov.get("settings") or {}).get("reason", ""))
            if reason.startswith("in ") and reason[3:] in LANGUAGES:
                known["lang"] = reason[3:]
        return cls(**known)

    def as_block(self) -> Block:
        return Block(self.index, self.kind, self.prefix, self.current, self.sep)

    def keep(self, reason: str, lang: str | None = None, evidence: str | None = None) -> None:
        """Carry the source over unchanged: it needs no translation."""
        self.machine = self.source
        self.provenance = kept(reason, evidence)
        self.flags = sorted(set(self.flags) | {"kept"})
        self.lang = lang
        if self.human is None:
            self.status = "machine"


@dataclass
class Alignment:
    """A statement's translation into one language, block by block (see README, "The aligned store")."""

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

    def block_lang(self, block: AlignedBlock) -> str:
        return block.lang or self.target_lang

    def kept_blocks(self) -> list[dict[str, Any]]:
        """Blocks left untranslated because they are in another language, for a person to check."""
        return [
            {
                "index": b.index,
                "lang": b.lang,
                "evidence": b.provenance.settings.get("evidence") if b.provenance else None,
                "text": b.source,
            }
            for b in self.blocks
            if b.lang is not None and "kept" in b.flags
        ]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for block in self.blocks:
            if block.kind in PROSE_KINDS:
                counts[block.status] = counts.get(block.status, 0) + 1
        return counts

    def engines(self) -> list[str]:
        seen: list[str] = []
        for block in [self.title, *self.blocks]:
            prov = block.provenance
            if prov is None or prov.engine in ("kept", "human", "memory"):
                continue  # not machine translation: carried over, or a person's text
            if prov.label not in seen:
                seen.append(prov.label)
        return seen
