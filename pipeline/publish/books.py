"""What goes into each book: statements, the language versions of each, and their blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.errors import AlignmentError, PublishError, SelectionError, UsageError, choice
from pipeline.model import LANGUAGES, AlignedBlock, Alignment, Block, Statement
from pipeline.originals import load_all
from pipeline.publish.select import matching
from pipeline.store import load, sync_edits
from pipeline.workspace import Workspace

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions


@dataclass
class Side:
    """One language version of a statement: the original, or a translation."""

    lang: str
    title: str
    blocks: list[tuple[Block, str, str]]  # (block, status, language of the block)
    translated: bool
    alignment: Alignment | None = None


@dataclass
class Entry:
    statement: Statement
    sides: dict[str, Side] = field(default_factory=dict)


@dataclass
class Book:
    name: str  # file stem in outputs/
    langs: tuple[str, ...]  # one language, or (left, right) for a booklet
    entries: list[Entry]

    @property
    def bilingual(self) -> bool:
        return len(self.langs) == 2


def block_langs(statement: Statement) -> list[str]:
    """Each block's language in the original: its statement's, unless detection flagged another.

    A Spanish slogan or dateline inside an English statement keeps `lang="es"` in every book,
    as its copy in the translation does (`Alignment.block_lang`).
    """
    from pipeline.text.detect import detect_blocks

    flagged = {d.index: d.lang for d in detect_blocks(statement.blocks, statement.lang) if d.flagged}
    return [flagged.get(b.index, statement.lang) for b in statement.blocks]


def _side_block(block: AlignedBlock, alignment: Alignment) -> tuple[Block, str, str]:
    """A translated block as a book shows it: its text, its status, its language."""
    if "merged" in block.flags and block.human is None:
        # Translated within the block before it (`align`): shown once, there.
        return block.as_block().with_text(""), "reviewed", alignment.block_lang(block)
    # A block carried over unchanged (a slogan in its own language) is nobody's machine text.
    status = "kept" if "kept" in block.flags and block.human is None else block.status
    return block.as_block(), status, alignment.block_lang(block)


def gather(
    ws: Workspace, statement: Statement, warnings: list[str], skipped: list[str] | None = None
) -> Entry:
    """A statement's versions: the original, and each translation that can be read.

    An unreadable translation is left out and recorded in `skipped`; without it, it raises.
    """
    entry = Entry(statement)
    langs = block_langs(statement)
    entry.sides[statement.lang] = Side(
        statement.lang,
        statement.title,
        [(b, "original", lang) for b, lang in zip(statement.blocks, langs, strict=True)],
        False,
    )
    for lang in LANGUAGES:
        if lang == statement.lang:
            continue
        try:
            alignment = load(ws, lang, statement.slug)
            if alignment is None:
                continue
            sync_edits(ws, alignment)  # read-only here: the build shows edits, translate saves them
        except AlignmentError as exc:
            if skipped is None:
                raise
            skipped.append(f"{exc} (left out of the {lang} books)")
            continue
        hashes = [b.hash for b in statement.blocks]
        if hashes != [b.source_hash for b in alignment.blocks]:
            warnings.append(
                f"{statement.slug}: the original changed since its {lang} translation was made; "
                f"the booklet pairs the translated version. Run `statements translate {statement.slug} --to {lang}`."
            )
        blocks = [_side_block(b, alignment) for b in alignment.blocks]
        entry.sides[lang] = Side(lang, alignment.title.current or statement.title, blocks, True, alignment)
    return entry


def plan_books(
    ws: Workspace, opts: BuildOptions, warnings: list[str], skipped: list[str] | None = None
) -> list[Book]:
    statements = matching(load_all(ws, skipped), opts.select)
    if not statements:
        raise SelectionError(f"no statements in {ws.originals}: add some with `statements add FILE`.")
    entries = [gather(ws, s, warnings, skipped) for s in statements]
    books: list[Book] = []
    if opts.lang and opts.bilingual:
        raise UsageError("choose --lang or --bilingual, not both.")
    if opts.lang:
        choice("--lang", opts.lang, LANGUAGES)
        langs = [opts.lang]
    elif opts.bilingual:
        langs = []
    else:
        langs = list(LANGUAGES)
    for lang in langs:
        chosen = [e for e in entries if lang in e.sides]
        if chosen:
            books.append(Book(f"statements-{lang}", (lang,), chosen))
        elif opts.lang:
            raise SelectionError(
                f"no statement is available in {lang}: translate some first (`statements translate --to {lang}`)."
            )
    pairs = []
    if opts.bilingual:
        m = re.fullmatch(r"(es|en)-(es|en)", opts.bilingual)
        if not m or m.group(1) == m.group(2):
            raise UsageError(f"--bilingual {opts.bilingual}: use es-en or en-es.")
        pairs = [(m.group(1), m.group(2))]
    elif not opts.lang:
        pairs = [("es", "en")]
    for left, right in pairs:
        chosen = []
        for entry in entries:
            if left in entry.sides and right in entry.sides:
                chosen.append(entry)
                continue
            missing = right if left in entry.sides else left
            message = (
                f"{entry.statement.slug} has no {missing} translation and is left out of the {left}-{right} "
                f"booklet. Run `statements translate {entry.statement.slug} --to {missing}`."
            )
            if opts.strict:
                raise PublishError(message + " (--strict)")
            warnings.append(message)
        if chosen:
            books.append(Book(f"statements-{left}-{right}", (left, right), chosen))
        elif opts.bilingual:
            raise SelectionError(
                f"no selected statement has both {left} and {right} text. Run `statements translate` first."
            )
    if not books:
        raise SelectionError("nothing to build: the selection has no statement in any language.")
    return books
