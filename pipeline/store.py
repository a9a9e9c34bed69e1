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
from pathlib import Path

from pipeline.errors import AlignmentError, LanguageError, NotTranslatedError, WorkspaceError, choice
from pipeline.model import LANGUAGES, AlignedBlock, Alignment, Block, Statement, other, text_hash
from pipeline.text.markdown import dump_front_matter, parse_blocks, split_front_matter
from pipeline.workspace import Workspace, atomic_write

FORMAT = "statements-alignment/1"
# Front matter of the original that its translations carry.
CARRIED_META = ("date", "org", "signatories", "tags", "source_url")


def to_json(alignment: Alignment) -> str:
    data = {
        "format": FORMAT,
        "slug": alignment.slug,
        "source_lang": alignment.source_lang,
        "target_lang": alignment.target_lang,
        "meta": alignment.meta,
        "title": alignment.title.as_dict(),
        "blocks": [b.as_dict() for b in alignment.blocks],
        "orphans": [b.as_dict() for b in alignment.orphans],
        "dismissed": alignment.dismissed,
        "absorbed": alignment.absorbed,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def from_json(text: str, path: Path) -> Alignment:
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r}")
        return Alignment(
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
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AlignmentError(
            f"{path}: the alignment data cannot be read ({exc}). Restore it from git "
            "(`git checkout -- <file>`); the translation Markdown beside it is untouched."
        ) from exc


def fresh_alignment(statement: Statement, target: str) -> Alignment:
    """A new alignment for a statement: every block present, nothing translated yet."""
    blocks = [
        AlignedBlock(b.index, b.kind, b.prefix, b.text, b.hash, b.sep or "\n\n") for b in statement.blocks
    ]
    title = AlignedBlock(-1, "title", "", statement.title, text_hash(" ".join(statement.title.split())))
    meta = {k: statement.meta.get(k) for k in CARRIED_META if statement.meta.get(k)}
    return Alignment(statement.slug, statement.lang, target, title, blocks, [], meta)


def load(ws: Workspace, lang: str, slug: str) -> Alignment | None:
    path = ws.alignment_path(lang, slug)
    if not path.exists():
        md = ws.translation_path(lang, slug)
        if md.exists():
            raise AlignmentError(
                f"{md} exists but has no alignment data beside it, so it was not written by "
                f"`statements translate`. Pair it with its original using `statements align {slug} {md}`, "
                "or move it aside; it was left untouched."
            )
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WorkspaceError(f"cannot read {path}: {exc.strerror}.") from exc
    return from_json(text, path)


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
        (ws.alignment_path(alignment.target_lang, alignment.slug), to_json(alignment)),
        (ws.translation_path(alignment.target_lang, alignment.slug), markdown),
    ):
        if not (path.exists() and path.read_text(encoding="utf-8") == text):
            atomic_write(path, text)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def same_text(a: str, b: str) -> bool:
    """Equal but for whitespace: how an edit read back from Markdown is told from no edit."""
    return " ".join(a.split()) == " ".join(b.split())


def _where_blocks_differ(edited: list[Block], alignment: Alignment) -> str:
    """Where a hand-edited translation first stops matching its original, for the message.

    Blocks before a join or a split still read as the translation had them; the first one
    that reads very differently is where to look.
    """
    from difflib import SequenceMatcher

    for n, (block, mine) in enumerate(zip(edited, alignment.blocks, strict=False)):
        before = " ".join(mine.current.split())
        if block.plain != before and SequenceMatcher(None, block.plain, before).quick_ratio() < 0.8:
            return f" (they part around the translation's block {n}: «{block.plain[:60]}»)"
    return ""


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
        raise AlignmentError(
            f"{path} has {len(edited_blocks)} blocks, but its original has {len(alignment.blocks)}"
            f"{_where_blocks_differ(edited_blocks, alignment)}. "
            "Keep one translated paragraph, heading or list item per block of the original "
            "(a blank line separates blocks), then run the command again. Nothing was changed."
        )
    changed = False
    pairs = [(alignment.title, str(meta.get("title") or ""))]
    pairs += [(block, edited.text) for block, edited in zip(alignment.blocks, edited_blocks, strict=True)]
    for block, text in pairs:
        if not text or same_text(text, block.current):
            continue
        changed = True
        apply_edit(block, text)
    return changed


def target_of(statement: Statement, to: str | None) -> str:
    """The translation a command works on: `--to`, else the statement's other language."""
    if to is None:
        return other(statement.lang)
    choice("--to", to, LANGUAGES)
    if to == statement.lang:
        raise LanguageError(
            f"{statement.slug} is written in {to}, so it has no {to} translation. "
            f"Its translation is --to {other(to)} (the default: leave --to out)."
        )
    return to


def apply_edit(block: AlignedBlock, text: str) -> None:
    """A person's new text for a block. It becomes `edited`; a stale block stays stale (and
    keeps its previous source for the diff) until someone marks it reviewed."""
    block.human = text
    if block.status in ("machine", "suspect", "reviewed"):
        block.status = "edited"


def target_langs(ws: Workspace, slug: str, to: str | None) -> list[str]:
    """The languages asked for (`--to`), or every language the statement is translated into."""
    if to is not None:
        return [choice("--to", to, LANGUAGES)]
    return [lang for lang in LANGUAGES if ws.alignment_path(lang, slug).exists()]


def stored(ws: Workspace, statement: Statement, lang: str) -> Alignment:
    """The alignment as stored; a missing one is an error that says how to make it."""
    alignment = load(ws, lang, statement.slug)
    if alignment is None:
        raise NotTranslatedError(
            f"{statement.slug} has no {lang} translation yet. "
            f"Run `statements translate {statement.slug} --to {lang}` first."
        )
    return alignment


def read_alignment(ws: Workspace, statement: Statement, lang: str) -> Alignment:
    """The alignment with human edits from the Markdown read in, in memory only.

    It writes nothing, so it needs no lock: writes are atomic, and `absorbed` recognises a
    Markdown file that is one write behind its alignment.
    """
    alignment = stored(ws, statement, lang)
    sync_edits(ws, alignment)
    return alignment


def open_alignment(ws: Workspace, statement: Statement, lang: str) -> Alignment:
    """The alignment with human edits from the Markdown read in (and saved, if there were any).

    Call it under the workspace lock: it may write.
    """
    alignment = stored(ws, statement, lang)
    if sync_edits(ws, alignment):
        save(ws, alignment, statement)
    return alignment
