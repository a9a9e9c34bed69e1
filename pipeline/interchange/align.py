"""`statements align`: an existing human translation enters the aligned store and the memory.

The pairing itself (which sentences translate which block) is `pairing.py`; this module
reads the files, chooses the engine whose machine translation serves as evidence, and
writes what was found. Pairs that score at least THRESHOLD are stored as `reviewed` and
teach the memory; the others are stored as `edited` (a person should look at them) and
teach it nothing. Blocks with no counterpart keep no human text and are reported; the
translation's paragraphs that translate no block are kept as orphans. Human work already
in the store is never overwritten.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import EngineError, InputError, LanguageError, PipelineWarning
from pipeline.interchange.pairing import TITLE, Pairing, Translator, pair
from pipeline.memory import Memory, sentence_pairs
from pipeline.model import LANGUAGES, AlignedBlock, Alignment, Block, Provenance
from pipeline.originals import load_statement
from pipeline.store import fresh_alignment, load, save, sync_edits
from pipeline.workspace import Workspace

# A pair scoring below this is stored as `edited`, not `reviewed`. On the corpus' tune split
# with Apertium, 197 of 199 right pairs pass it (docs/benchmarks.md, section 10).
THRESHOLD = 0.1
NO_ENGINE = "none"


@dataclass
class PairReport:
    index: int  # the block's index, -1 for the title
    score: float
    status: str  # reviewed, edited, or kept (human work already there was left alone)
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "score": round(self.score, 3), "status": self.status, "text": self.text}


@dataclass
class AlignReport:
    slug: str
    lang: str
    engine: str  # whose machine translation was evidence, or "none"
    pairs: int
    confidence: float  # the mean score of the pairs
    unaligned_source: list[int]  # blocks with no counterpart in the translation
    unaligned_translation: list[str]  # paragraphs that translate no block (kept as orphans)
    merged: dict[int, int] = field(
        default_factory=dict
    )  # block -> the block whose sentence also translates it
    edited: list[int] = field(default_factory=list)  # pairs below THRESHOLD, stored as edited
    kept: list[int] = field(default_factory=list)  # blocks whose human work was left as it was
    details: list[PairReport] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "details"}
        data["merged"] = {str(k): v for k, v in self.merged.items()}
        return {**data, "threshold": THRESHOLD, "blocks": [d.as_dict() for d in self.details]}


def read_translation(path: Path) -> tuple[list[Block], dict[str, Any]]:
    """The prose blocks of a translation file, read as `add` reads an original, and its hints."""
    from pipeline.ingest import read_source, to_markdown
    from pipeline.ingest.clean import clean_markdown
    from pipeline.text.markdown import parse_blocks

    markdown, hints, _ = to_markdown(read_source(str(path)))
    return [b for b in parse_blocks(clean_markdown(markdown)) if b.is_prose], hints


def translator_for(engine: str, source: str, target: str) -> tuple[str, Translator | None]:
    """The engine whose output is evidence: the one named, the first installed for `auto`
    (none at all is fine: anchors and lengths remain), or none for `none`."""
    from pipeline.translate import engines

    if engine == NO_ENGINE:
        return NO_ENGINE, None
    try:
        chosen = engines.choose(engine, source, target)
    except EngineError:
        if engine != "auto":
            raise
        warnings.warn(
            f"no {source}→{target} engine is installed: aligning on anchors and lengths only, which is "
            "less sure. Install Debian's apertium-eng-spa or an Argos model for better pairs.",
            PipelineWarning,
            stacklevel=2,
        )
        return NO_ENGINE, None
    return chosen.name, lambda texts: chosen.run_batch(texts, source, target)


def align(
    ws: Workspace, original: str, translation: Path, to: str | None, engine: str = "auto"
) -> AlignReport:
    from pipeline.ingest import add
    from pipeline.text.detect import detect_text

    slug = add(ws, [original])[0].slug if Path(original).is_file() else original
    statement = load_statement(ws, slug)
    tblocks, hints = read_translation(translation)
    if not tblocks:
        raise InputError(f"{translation}: no text to align.")
    lang = to or detect_text(" ".join(b.plain for b in tblocks)).lang
    if lang not in LANGUAGES or lang == statement.lang:
        raise LanguageError(
            f"{translation}: its language looks like {lang!r}; the original is {statement.lang}. "
            "Pass --to es or --to en to say which language the translation is in."
        )
    sblocks = [b for b in statement.blocks if b.is_prose]
    _check_sizes(translation, slug, sblocks, tblocks)
    engine_name, translator = translator_for(engine, statement.lang, lang)
    pairing = pair(sblocks, statement.title, tblocks, statement.lang, lang, translator)
    with ws.lock(wait=10):
        alignment = load(ws, lang, slug)
        if alignment is None:
            alignment = fresh_alignment(statement, lang)
            alignment.title.machine = statement.title
        else:
            sync_edits(ws, alignment)
        report = _apply(alignment, pairing, engine_name, translation.name, hints)
        save(ws, alignment, statement)
        by_index = {b.index: b for b in alignment.blocks}
        learnt: dict[str, str] = {}
        for detail in report.details:
            if detail.status == "reviewed" and detail.index != TITLE:
                learnt.update(sentence_pairs(by_index[detail.index].source, detail.text))
        memory = Memory(ws.memory_path)
        try:
            memory.store_human(statement.lang, lang, learnt, origin=f"align:{translation.name}")
        finally:
            memory.close()
    return report


def _check_sizes(translation: Path, slug: str, sblocks: list[Block], tblocks: list[Block]) -> None:
    slen = sum(len(b.plain) for b in sblocks)
    tlen = sum(len(b.plain) for b in tblocks)
    if not 0.4 <= tlen / max(1, slen) <= 2.5:
        raise InputError(
            f"{translation} ({len(tblocks)} blocks, {tlen} characters) and {slug} ({len(sblocks)} blocks, "
            f"{slen} characters) differ too much in size to be the same text. Check that it is the translation "
            "of this statement, or split it first."
        )


def _apply(
    alignment: Alignment, pairing: Pairing, engine: str, name: str, hints: dict[str, Any]
) -> AlignReport:
    """Write the pairs into the alignment; human work already there is left as it is."""
    by_index: dict[int, AlignedBlock] = {b.index: b for b in alignment.blocks}
    by_index[TITLE] = alignment.title
    details: list[PairReport] = []
    for index, found in sorted(pairing.pairs.items()):
        block = by_index[index]
        status = "reviewed" if found.score >= THRESHOLD else "edited"
        if block.has_human_work and " ".join(block.current.split()) != " ".join(found.text.split()):
            status = "kept"
        else:
            block.human = found.text
            block.status = status
            block.provenance = Provenance(
                "human", name, "", {"aligned_by": engine, "score": round(found.score, 3)}
            )
            block.flags = sorted(set(block.flags) - {"unaligned", "merged"})
        details.append(PairReport(index, found.score, status, found.text))
    if TITLE not in pairing.pairs and hints.get("title") and not alignment.title.has_human_work:
        alignment.title.human = str(hints["title"])  # the translation's own front matter names it
        alignment.title.status = "reviewed"
    for index in pairing.unaligned:
        block = by_index[index]
        if block.current.strip():
            continue
        block.machine = block.source  # a placeholder: `translate` replaces it
        block.status = "suspect"
        flag = "merged" if index in pairing.merged else "unaligned"
        block.flags = sorted(set(block.flags) | {flag})
    for block in alignment.blocks:
        if not block.current.strip():
            block.machine = block.source  # non-prose blocks: carried over
            block.flags = sorted(set(block.flags) | {"kept"})
    extra = pairing.extra_texts()
    known = {o.human for o in alignment.orphans}
    for text in extra:
        if text not in known:
            alignment.orphans.append(AlignedBlock(-2, "paragraph", "", "", "", human=text, status="edited"))
    scores = [d.score for d in details]
    return AlignReport(
        alignment.slug,
        alignment.target_lang,
        engine,
        pairs=sum(1 for d in details if d.index != TITLE),
        confidence=round(sum(scores) / len(scores), 3) if scores else 0.0,
        unaligned_source=[i for i in pairing.unaligned if i not in pairing.merged],
        unaligned_translation=extra,
        merged=dict(pairing.merged),
        edited=[d.index for d in details if d.status == "edited"],
        kept=[d.index for d in details if d.status == "kept"],
        details=details,
    )


__all__ = ["THRESHOLD", "AlignReport", "align", "read_translation"]
