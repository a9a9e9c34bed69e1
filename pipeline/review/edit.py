"""Editing one block of a translation, as the review page does: a new human text, or a
sign-off. The same store functions and rules as the CLI (`review`, edits read from the
Markdown), under the workspace lock; an edit made against a block that changed since the
person saw it is refused, never applied over the newer text.
"""

from __future__ import annotations

import hashlib
import json

from pipeline.errors import BlockChangedError, InvalidEditError, UnknownBlockError
from pipeline.model import PROSE_KINDS, AlignedBlock, Alignment
from pipeline.originals import load_statement
from pipeline.review.status import commit_reviewed
from pipeline.store import apply_edit, open_alignment, render, same_text, save
from pipeline.text.markdown import parse_blocks, split_front_matter
from pipeline.workspace import Workspace

EDIT_STATUSES = ("edited", "reviewed")


def block_version(block: AlignedBlock) -> str:
    """A hash of everything a person sees of a block: it changes when anyone changes the block."""
    seen = [block.source, block.machine, block.human, block.status, block.previous_source]
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def find_block(alignment: Alignment, index: int) -> AlignedBlock:
    """Block `index` of a translation; -1 is the title."""
    for block in [alignment.title, *alignment.blocks]:
        if block.index == index:
            return block
    raise UnknownBlockError(
        f"{alignment.slug} has no block {index}; blocks run from 0 to {len(alignment.blocks) - 1}, "
        "and -1 is the title (see `statements status`)."
    )


def edit_block(
    ws: Workspace,
    slug: str,
    lang: str,
    index: int,
    text: str | None,
    status: str,
    version: str | None = None,
) -> Alignment:
    """Give block `index` a new human text (`text`), and sign it off when `status` is "reviewed".

    `version` is the `block_version` the person saw; if the block has changed since, nothing
    is written. Returns the alignment as saved.
    """
    if status not in EDIT_STATUSES:
        raise InvalidEditError(f'status "{status}": use "edited" (a new text) or "reviewed" (signed off).')
    if text is None and status == "edited":
        raise InvalidEditError(
            'an edit needs its "text"; to sign a block off as it is, use status "reviewed".'
        )
    statement = load_statement(ws, slug)
    with ws.lock(wait=10):
        alignment = open_alignment(ws, statement, lang)
        block = find_block(alignment, index)
        if version is not None and version != block_version(block):
            raise BlockChangedError(
                f"{slug} block {index} was changed by someone else since this page loaded "
                f"(it now reads: {block.current[:80]!r}). Nothing was written; reload to see it, "
                "then make your edit again."
            )
        if block.kind != "title" and block.kind not in PROSE_KINDS:
            raise InvalidEditError(
                f"{slug} block {index} is a {block.kind}, carried over unchanged; "
                f"change it in the original (originals/{slug}.md) instead."
            )
        if text is not None and not same_text(text, block.current):
            _check_text(ws, alignment, block, text.strip())
            apply_edit(block, text.strip())
        if status == "reviewed":
            if not block.current.strip():
                raise InvalidEditError(
                    f"{slug} block {index} has no text to sign off; write its translation first."
                )
            commit_reviewed(ws, statement, alignment, [block])
        else:
            save(ws, alignment, statement)
    return alignment


def _check_text(ws: Workspace, alignment: Alignment, block: AlignedBlock, text: str) -> None:
    """Refuse a text that would not read back as this one block from the translation's Markdown
    (every command would stop on it): empty, or split by a blank line or a block mark."""
    label = "the title" if block.index < 0 else f"block {block.index}"
    if not text:
        raise InvalidEditError(
            f"{label} cannot be empty: the translation keeps one block per block of the original. "
            "Write its translation, or undo the edit."
        )
    before = block.human
    block.human = text
    try:
        path = ws.translation_path(alignment.target_lang, alignment.slug)
        meta, body = split_front_matter(render(alignment), path)
        parsed = parse_blocks(body)
    finally:
        block.human = before
    if block.index < 0:
        kept = same_text(str(meta.get("title") or ""), text)
    else:
        position = next(i for i, b in enumerate(alignment.blocks) if b is block)
        kept = len(parsed) == len(alignment.blocks) and same_text(parsed[position].text, text)
    if not kept:
        raise InvalidEditError(
            f"{label} would not stay one block: a blank line, or a line that begins like a heading "
            "(#), a list item (-, 1.) or a quote (>), starts a new one. Join the lines, or put a "
            "backslash before the mark (\\-)."
        )
