"""Fidelity findings across the workspace: run the checks, and dismiss what a person judged harmless."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.errors import AlignmentError, NotTranslatedError, UnknownFindingError
from pipeline.model import LANGUAGES, PROSE_KINDS, Alignment
from pipeline.originals import load_all, load_selected
from pipeline.review.checks import Finding, check_pair
from pipeline.store import load, open_alignment, save, sync_edits, target_langs
from pipeline.workspace import Workspace

PairCheck = Callable[[str, str, int, str, str, str, str], list[Finding]]


def alignment_findings(alignment: Alignment, check: PairCheck = check_pair) -> list[Finding]:
    """Open findings of one translation: every check on every prose block, minus dismissed ones.

    `check` runs the checks on one block; a long-running caller may pass a memoised `check_pair`.
    """
    dismissed = set(alignment.dismissed)
    out: list[Finding] = []
    for block in [alignment.title, *alignment.blocks]:
        if "kept" in block.flags or (block.kind != "title" and block.kind not in PROSE_KINDS):
            continue
        for finding in check(
            alignment.slug,
            alignment.target_lang,
            block.index,
            block.source,
            block.current,
            alignment.source_lang,
            alignment.target_lang,
        ):
            if finding.id not in dismissed:
                out.append(finding)
    return out


def findings(
    ws: Workspace, slugs: list[str], to: str | None, skipped: list[str] | None = None
) -> list[Finding]:
    """Findings for the named statements (or all), minus those a person dismissed.

    With `skipped`, a statement or translation that cannot be read is recorded there and the
    others are still checked; without it, it raises.
    """
    out: list[Finding] = []
    checked = 0
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
            checked += 1
            out.extend(alignment_findings(alignment))
    if not checked and not skipped:
        what = ", ".join(slugs) if slugs else "no statement in the workspace"
        raise NotTranslatedError(
            f"nothing was checked: {what} has a translation{f' into {to}' if to else ''} yet. "
            "The checks compare originals with their translations: run `statements translate` first."
        )
    return out


def dismiss(
    ws: Workspace, ids: list[str], slugs: list[str] | None = None, langs: tuple[str, ...] = LANGUAGES
) -> list[str]:
    """Record findings a person judged harmless; they return if either text changes.

    The ids are looked for in the named statements and languages (default: everywhere).
    """
    wanted = set(ids)
    done: list[str] = []
    with ws.lock(wait=10):
        for statement in load_selected(ws, slugs) if slugs else load_all(ws, skipped=[]):
            for lang in langs:
                if not ws.alignment_path(lang, statement.slug).exists():
                    continue
                alignment = open_alignment(ws, statement, lang)
                hits = sorted(wanted & {f.id for f in alignment_findings(alignment)})
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
