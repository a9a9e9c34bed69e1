"""Fidelity findings across the workspace: run the checks, and dismiss what a person judged harmless.

All the blocks of a run are checked together, so Apertium's analysers start once per
language for the whole run, not once per block.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline import glossary
from pipeline.errors import AlignmentError, NotTranslatedError, UnknownFindingError
from pipeline.glossary import Term
from pipeline.model import LANGUAGES, PROSE_KINDS, AlignedBlock, Alignment
from pipeline.originals import load_all, load_selected
from pipeline.review.checks import Finding, Unit, check_units
from pipeline.store import load, open_alignment, save, sync_edits, target_langs
from pipeline.workspace import Workspace


def units(alignment: Alignment) -> list[Unit]:
    """The blocks to check: the title and every prose block, with the language of each side."""
    out = []
    for block in [alignment.title, *alignment.blocks]:
        if block.kind != "title" and block.kind not in PROSE_KINDS:
            continue
        out.append(_unit(alignment, block))
    return out


def _unit(alignment: Alignment, block: AlignedBlock) -> Unit:
    sl, tl = alignment.source_lang, alignment.target_lang
    kept = "kept" in block.flags
    if kept:
        # Carried over in its own language: both sides are in it, unless a person translated it since.
        sl = block.lang or sl
        if block.current == block.source:
            tl = sl
    return Unit(alignment.slug, alignment.target_lang, block.index, block.source, block.current, sl, tl, kept)


def open_findings(alignments: Iterable[Alignment], terms: Iterable[Term] = ()) -> list[Finding]:
    """Every check on every block of these translations, minus the findings dismissed."""
    return [f for found in findings_per_alignment(alignments, terms) for f in found]


def findings_per_alignment(
    alignments: Iterable[Alignment], terms: Iterable[Term] = ()
) -> list[list[Finding]]:
    """The open findings of each translation, in order, all checked in one batch."""
    alignments = list(alignments)
    batch = [(n, u) for n, a in enumerate(alignments) for u in units(a)]
    results = check_units([u for _, u in batch], terms)
    out: list[list[Finding]] = [[] for _ in alignments]
    for (n, _), found in zip(batch, results, strict=True):
        dismissed = set(alignments[n].dismissed)
        out[n].extend(f for f in found if f.id not in dismissed)
    return out


def alignment_findings(alignment: Alignment, terms: Iterable[Term] = ()) -> list[Finding]:
    """Open findings of one translation."""
    return open_findings([alignment], terms)


def translated(
    ws: Workspace, slugs: list[str], to: str | None, skipped: list[str] | None = None
) -> list[Alignment]:
    """The translations of the named statements (or all), with the edits of their Markdown read.

    With `skipped`, a statement or translation that cannot be read is recorded there and the
    others are still returned; without it, it raises.
    """
    out: list[Alignment] = []
    for statement in load_selected(ws, slugs, skipped):
        for lang in target_langs(ws, statement.slug, to):
            try:
                alignment = load(ws, lang, statement.slug)
                if alignment is not None:
                    sync_edits(ws, alignment)
            except AlignmentError as exc:
                if skipped is None:
                    raise
                skipped.append(str(exc))
                continue
            if alignment is None:
                if slugs:
                    raise NotTranslatedError(
                        f"{statement.slug} has no {lang} translation to check. "
                        f"Run `statements translate {statement.slug} --to {lang}` first."
                    )
                continue
            out.append(alignment)
    if not out and not skipped:
        what = ", ".join(slugs) if slugs else "no statement in the workspace"
        raise NotTranslatedError(
            f"nothing was checked: {what} has a translation{f' into {to}' if to else ''} yet. "
            "The checks compare originals with their translations: run `statements translate` first."
        )
    return out


def findings(
    ws: Workspace, slugs: list[str], to: str | None, skipped: list[str] | None = None
) -> list[Finding]:
    """Findings for the named statements (or all), minus those a person dismissed."""
    return open_findings(translated(ws, slugs, to, skipped), glossary.load(ws))


def dismiss(
    ws: Workspace, ids: list[str], slugs: list[str] | None = None, langs: tuple[str, ...] = LANGUAGES
) -> list[str]:
    """Record findings a person judged harmless; they return if either text changes.

    The ids are looked for in the named statements and languages (default: everywhere).
    """
    wanted = set(ids)
    done: list[str] = []
    terms = glossary.load(ws)
    with ws.lock(wait=10):
        statements = load_selected(ws, slugs) if slugs else load_all(ws, skipped=[])
        opened = [
            (statement, open_alignment(ws, statement, lang))
            for statement in statements
            for lang in langs
            if ws.alignment_path(lang, statement.slug).exists()
        ]
        current = open_findings([a for _, a in opened], terms)
        for statement, alignment in opened:
            hits = sorted(
                wanted
                & {f.id for f in current if (f.slug, f.lang) == (alignment.slug, alignment.target_lang)}
            )
            if not hits:
                continue
            alignment.dismissed = sorted(set(alignment.dismissed) | set(hits))
            save(ws, alignment, statement)
            done.extend(hits)
    missing = sorted(wanted - set(done))
    if missing:
        raise UnknownFindingError(
            f"no current finding has the id {', '.join(missing)}. Run `statements check` to see the ids."
        )
    return done
