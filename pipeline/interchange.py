"""XLIFF, PO and TMX export and import (translate-toolkit), and aligning existing translations.

Unit ids are `<slug>/<lang>/<index>` (`title` for the title), so any CAT tool or Weblate
can round-trip them. Statuses travel as the format allows: XLIFF `state`, PO `fuzzy`,
and a `status: ...` note in all three.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import segment
from .errors import InterchangeError, PipelineError
from .model import SLUG_RE, load_statement
from .review import human_pairs, open_alignment
from .store import AlignedBlock, Alignment, load, save, sync_edits
from .workspace import LANGUAGES, Workspace

FORMATS = ("xliff", "po", "tmx")
XLIFF_STATE = {
    "machine": "needs-review-translation",
    "suspect": "needs-review-translation",
    "stale": "needs-review-translation",
    "edited": "translated",
    "reviewed": "final",
}
_ID = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9-]*)/(?P<lang>es|en)/(?P<index>title|\d+)$")


def unit_id(slug: str, lang: str, block: AlignedBlock) -> str:
    return f"{slug}/{lang}/{'title' if block.index < 0 else block.index}"


def _units(alignment: Alignment) -> list[AlignedBlock]:
    return [b for b in [alignment.title, *alignment.blocks] if "kept" not in b.flags and b.current.strip()]


def export(ws: Workspace, slug: str, lang: str, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise InterchangeError(f"--format {fmt}: use xliff, po or tmx.")
    with ws.lock(wait=10):
        alignment = open_alignment(ws, slug, lang)
    if fmt == "xliff":
        from translate.storage import xliff

        xstore: Any = xliff.xlifffile(sourcelanguage=alignment.source_lang, targetlanguage=lang)
        for block in _units(alignment):
            unit = xstore.addsourceunit(block.source)
            unit.setid(unit_id(slug, lang, block))
            unit.target = block.current
            unit.set_state_n(xliff.xliffunit.statemap[XLIFF_STATE[block.status]])
            unit.addnote(f"status: {block.status}", origin="developer")
        return bytes(xstore)
    if fmt == "po":
        from translate.storage import po

        pstore: Any = po.pofile()
        pstore.updateheader(add=True, Language=lang, X_Source_Language=alignment.source_lang)
        for block in _units(alignment):
            unit = pstore.addsourceunit(block.source)
            unit.setcontext(unit_id(slug, lang, block))
            unit.target = block.current
            unit.addnote(f"status: {block.status}", origin="developer")
            if block.status in ("machine", "suspect", "stale"):
                unit.markfuzzy(True)
        return bytes(pstore)
    from translate.storage import tmx

    store: Any = tmx.tmxfile(sourcelanguage=alignment.source_lang, targetlanguage=lang)
    for block in _units(alignment):
        store.addtranslation(block.source, alignment.source_lang, block.current, lang)
        unit = store.units[-1]
        unit.xmlelement.set("tuid", unit_id(slug, lang, block))
        unit.addnote(f"status: {block.status}", origin="developer")
    return bytes(store)


def export_memory(ws: Workspace, source: str, target: str) -> bytes:
    """The whole translation memory for a pair as TMX: human translations first."""
    from translate.storage import tmx

    from .memory import Memory

    memory = Memory(ws.memory_path)
    try:
        rows = memory.all_pairs(source, target)
    finally:
        memory.close()
    store = tmx.tmxfile(sourcelanguage=source, targetlanguage=target)
    for src, tgt, origin in rows:
        store.addtranslation(src, source, tgt, target)
        unit = store.units[-1]
        unit.addnote(f"origin: {origin}", origin="developer")
    return bytes(store)


@dataclass
class ImportResult:
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def _parse(path: Path) -> tuple[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot read it ({exc.strerror}).") from exc
    head = data[:2000].lstrip()
    suffix = path.suffix.lower()
    if b"<!ENTITY" in data[:65536].upper():
        # No CAT tool needs entity declarations; they are how XXE and "billion laughs" attacks work.
        raise InterchangeError(
            f"{path}: refused: the file declares XML entities. Export it again from the CAT tool."
        )
    try:
        if suffix in (".xlf", ".xliff") or b"<xliff" in head:
            from translate.storage import xliff

            return "xliff", xliff.xlifffile.parsestring(data)
        if suffix == ".tmx" or b"<tmx" in head:
            from translate.storage import tmx

            return "tmx", tmx.tmxfile.parsestring(data)
        if suffix in (".po", ".pot") or b"msgid" in head:
            from translate.storage import po

            return "po", po.pofile.parsestring(data)
    except Exception as exc:  # lxml and the PO parser raise several kinds of error
        raise InterchangeError(
            f"{path}: not a well-formed {suffix.lstrip('.') or 'interchange'} file ({str(exc).splitlines()[0][:200]}). "
            "Export it again from the CAT tool."
        ) from exc
    raise InterchangeError(f"{path}: not XLIFF, PO or TMX. Give a .xliff, .po or .tmx file.")


def _unit_key(fmt: str, unit: Any) -> str:
    if fmt == "xliff":
        return str(unit.xmlelement.get("id") or "")
    if fmt == "po":
        return str(unit.getcontext() or "")
    return str(unit.xmlelement.get("tuid") or "")


def _approved(unit: Any) -> bool:
    """A CAT tool signs a unit off with approved="yes" or a final target state; either counts."""
    if unit.xmlelement.get("approved") == "yes":
        return True
    for node in unit.xmlelement:
        if str(node.tag).endswith("target"):
            return node.get("state") in ("final", "signed-off")
    return False


def import_file(ws: Workspace, path: Path) -> ImportResult:
    fmt, store = _parse(path)
    wanted: dict[tuple[str, str], dict[str, Any]] = {}
    unknown = []
    for unit in store.units:
        if getattr(unit, "isheader", lambda: False)():
            continue
        key = _unit_key(fmt, unit)
        m = _ID.match(key)
        if not m or not SLUG_RE.match(m.group("slug")):
            unknown.append(key or "(no id)")
            continue
        index = -1 if m.group("index") == "title" else int(m.group("index"))
        wanted.setdefault((m.group("slug"), m.group("lang")), {})[str(index)] = unit
    if not wanted:
        raise InterchangeError(
            f"{path}: no unit matches a statement (ids look like <slug>/<lang>/<block>; found "
            f"{', '.join(unknown[:3]) or 'none'}). Import a file exported by `statements export`."
        )
    result = ImportResult()
    with ws.lock(wait=10):
        plans = []
        for (slug, lang), units in wanted.items():
            try:
                statement = load_statement(ws, slug)
            except PipelineError as exc:
                raise InterchangeError(f"{path}: {exc}") from exc
            alignment = load(ws, lang, slug)
            if alignment is None:
                raise InterchangeError(f"{path}: {slug} has no {lang} translation to import into.")
            sync_edits(ws, alignment)
            blocks = {b.index: b for b in [alignment.title, *alignment.blocks]}
            missing = [i for i in units if int(i) not in blocks]
            if missing:
                raise InterchangeError(
                    f"{path}: {slug} has no block {', '.join(missing)}; nothing was imported."
                )
            plans.append((statement, alignment, blocks, units))
        # Every file is checked before the first write: an import applies whole or not at all.
        for statement, alignment, blocks, units in plans:
            changed = False
            for key, unit in units.items():
                block = blocks[int(key)]
                target = str(unit.target or "").strip()
                if not target:
                    continue
                source = str(unit.source or "").strip()
                text_changed = " ".join(target.split()) != " ".join(block.current.split())
                approved = fmt == "xliff" and _approved(unit)
                if not text_changed and not (approved and block.status != "reviewed"):
                    result.unchanged += 1
                    continue
                if text_changed:
                    block.human = target
                    block.status = "edited"
                if approved:
                    block.human = target
                    block.status = "reviewed"
                if source and " ".join(source.split()) != " ".join(block.source.split()):
                    block.status = "stale"  # translated from an older original
                    block.previous_source = source
                changed = True
                result.updated.append(unit_id(statement.slug, alignment.target_lang, block))
            if changed:
                save(ws, alignment, statement)
    return result


# Aligning an existing human translation with its original.

BEADS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2}
MEAN_RATIO = {("es", "en"): 0.9, ("en", "es"): 1.12}
VARIANCE = 6.8


@dataclass
class AlignReport:
    slug: str
    lang: str
    pairs: int
    confidence: float
    unaligned_source: list[int]
    unaligned_translation: list[str]

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def _cost(len_src: int, len_tgt: int, ratio: float, bead: tuple[int, int]) -> float:
    """Gale–Church: -log P(bead) - log P(length difference | bead)."""
    prior = BEADS[bead]
    if len_src == 0 and len_tgt == 0:
        return 0.0
    mean = (len_src * ratio + len_tgt) / 2 if len_src else len_tgt
    delta = (len_tgt - len_src * ratio) / math.sqrt(max(mean, 1) * VARIANCE)
    p = 2 * (1 - _phi(abs(delta)))
    return -math.log(prior) - math.log(max(p, 1e-12))


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def gale_church(src: list[int], tgt: list[int], ratio: float) -> list[tuple[list[int], list[int], float]]:
    """Align two sequences of lengths; returns beads as (source indexes, target indexes, probability)."""
    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in BEADS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = cost[i][j] + _cost(sum(src[i:ni]), sum(tgt[j:nj]), ratio, (di, dj))
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)
    beads = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        c = _cost(sum(src[i - di : i]), sum(tgt[j - dj : j]), ratio, (di, dj))
        beads.append(
            (list(range(i - di, i)), list(range(j - dj, j)), math.exp(-c + (-math.log(BEADS[(di, dj)]))))
        )
        i, j = i - di, j - dj
    return beads[::-1]


def _split_in_two(text: str, first_share: float) -> tuple[str, str]:
    """Split one translated paragraph that covers two original blocks, at the best sentence end."""
    spans = segment.split(text)
    if len(spans) < 2:
        spans = re.split(r"(?<=[,;:])\s+", text)
        if len(spans) < 2:
            words = text.split()
            cut = max(1, min(len(words) - 1, round(len(words) * first_share)))
            return " ".join(words[:cut]), " ".join(words[cut:])
        spans = [s + " " for s in spans]
    best, best_err = 1, float("inf")
    total = len(text)
    for k in range(1, len(spans)):
        err = abs(len("".join(spans[:k])) / total - first_share)
        if err < best_err:
            best, best_err = k, err
    return "".join(spans[:best]).strip(), "".join(spans[best:]).strip()


def align(ws: Workspace, original: str, translation: Path, to: str | None) -> AlignReport:
    from .clean import clean_markdown
    from .detect import detect_text
    from .ingest import add, read_source, to_markdown
    from .markdown import parse_blocks

    slug = add(ws, [original])[0].slug if Path(original).is_file() else original
    statement = load_statement(ws, slug)
    markdown, hints, _ = to_markdown(read_source(str(translation)))
    tblocks = [b for b in parse_blocks(clean_markdown(markdown)) if b.is_prose]
    title_hint = hints.get("title")
    if not tblocks:
        raise PipelineError(f"{translation}: no text to align.")
    lang = to or detect_text(" ".join(b.plain for b in tblocks)).lang
    if lang not in LANGUAGES or lang == statement.lang:
        raise PipelineError(
            f"{translation}: its language looks like {lang!r}; the original is {statement.lang}. "
            "Pass --to es or --to en to say which language the translation is in."
        )
    sblocks = [b for b in statement.blocks if b.is_prose]
    # A heading that repeats the title is not part of the body.
    first = tblocks[0]
    looks_like_title = first.kind == "heading" or (
        len(first.plain) <= 160
        and not re.search(r"[.!?:,;]$", first.plain)
        and 0.5 <= len(first.plain) / max(1, len(statement.title)) <= 2
    )
    if looks_like_title and len(tblocks) > 1 and sblocks and sblocks[0].plain != first.plain:
        title_hint = title_hint or first.plain
        tblocks = tblocks[1:]
    slen = sum(len(b.plain) for b in sblocks)
    tlen = sum(len(b.plain) for b in tblocks)
    ratio = MEAN_RATIO.get((statement.lang, lang), 1.0)
    if not 0.4 <= tlen / max(1, slen * ratio) <= 2.5 or max(len(sblocks), len(tblocks)) > 3 * min(
        len(sblocks), len(tblocks)
    ):
        raise PipelineError(
            f"{translation} ({len(tblocks)} blocks, {tlen} characters) and {slug} ({len(sblocks)} blocks, "
            f"{slen} characters) differ too much in size to be the same text. Check that it is the translation "
            "of this statement, or split it first."
        )
    beads = gale_church([len(b.plain) for b in sblocks], [len(b.plain) for b in tblocks], ratio)
    texts: dict[int, str] = {}
    unaligned_source: list[int] = []
    unaligned_translation: list[str] = []
    scores = []
    for s_idx, t_idx, prob in beads:
        scores.append(prob)
        if not t_idx:
            unaligned_source.extend(sblocks[i].index for i in s_idx)
        elif not s_idx:
            unaligned_translation.extend(tblocks[j].plain for j in t_idx)
        elif len(s_idx) == 2:
            a, b = sblocks[s_idx[0]], sblocks[s_idx[1]]
            share = len(a.plain) / max(1, len(a.plain) + len(b.plain))
            texts[a.index], texts[b.index] = _split_in_two(tblocks[t_idx[0]].text, share)
        else:
            texts[sblocks[s_idx[0]].index] = " ".join(" ".join(tblocks[j].text.split()) for j in t_idx)
    with ws.lock(wait=10):
        alignment = load(ws, lang, slug)
        fresh = _new_alignment(statement, lang) if alignment is None else alignment
        by_index = {b.index: b for b in fresh.blocks}
        for index, text in texts.items():
            block = by_index[index]
            block.human = text
            block.status = "reviewed"
            block.provenance = {
                "engine": "human",
                "package": str(translation.name),
                "version": "",
                "settings": {},
            }
        for index in unaligned_source:
            block = by_index[index]
            if block.current.strip():
                continue
            block.machine = block.source
            block.status = "suspect"
            block.flags = sorted(set(block.flags) | {"unaligned"})
        for block in fresh.blocks:
            if not block.current.strip():
                block.machine = block.source  # non-prose blocks: carried over
                block.flags = sorted(set(block.flags) | {"kept"})
        if title_hint:
            fresh.title.human = str(title_hint)
            fresh.title.status = "reviewed"
        for text in unaligned_translation:
            fresh.orphans.append(AlignedBlock(-2, "paragraph", "", "", "", human=text, status="edited"))
        save(ws, fresh, statement)
        from .memory import Memory

        memory = Memory(ws.memory_path)
        try:
            pairs: dict[str, str] = {}
            for index, text in texts.items():
                pairs.update(human_pairs(by_index[index].source, text))
            memory.store_human(statement.lang, lang, pairs, origin=f"align:{translation.name}")
        finally:
            memory.close()
    confidence = sum(scores) / len(scores) if scores else 0.0
    return AlignReport(slug, lang, len(texts), round(confidence, 3), unaligned_source, unaligned_translation)


def _new_alignment(statement: Any, lang: str) -> Alignment:
    blocks = [
        AlignedBlock(b.index, b.kind, b.prefix, b.text, b.hash, b.sep or "\n\n") for b in statement.blocks
    ]
    from .markdown import text_hash

    title = AlignedBlock(-1, "title", "", statement.title, text_hash(" ".join(statement.title.split())))
    title.machine = statement.title
    meta = {
        k: statement.meta.get(k)
        for k in ("date", "org", "signatories", "tags", "source_url")
        if statement.meta.get(k)
    }
    return Alignment(statement.slug, statement.lang, lang, title, blocks, [], meta)


__all__ = ["align", "export", "export_memory", "import_file"]
