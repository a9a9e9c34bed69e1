"""Aligning an existing human translation with its original, block by block (Gale–Church)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import InputError, LanguageError
from pipeline.memory import Memory, sentence_pairs
from pipeline.model import LANGUAGES, AlignedBlock, Provenance
from pipeline.originals import load_statement
from pipeline.store import fresh_alignment, load, save
from pipeline.text import segment
from pipeline.workspace import Workspace

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
    from pipeline.ingest import add, read_source, to_markdown
    from pipeline.ingest.clean import clean_markdown
    from pipeline.text.detect import detect_text
    from pipeline.text.markdown import parse_blocks

    slug = add(ws, [original])[0].slug if Path(original).is_file() else original
    statement = load_statement(ws, slug)
    markdown, hints, _ = to_markdown(read_source(str(translation)))
    tblocks = [b for b in parse_blocks(clean_markdown(markdown)) if b.is_prose]
    title_hint = hints.get("title")
    if not tblocks:
        raise InputError(f"{translation}: no text to align.")
    lang = to or detect_text(" ".join(b.plain for b in tblocks)).lang
    if lang not in LANGUAGES or lang == statement.lang:
        raise LanguageError(
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
        raise InputError(
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
        if alignment is None:
            fresh = fresh_alignment(statement, lang)
            fresh.title.machine = statement.title
        else:
            fresh = alignment
        by_index = {b.index: b for b in fresh.blocks}
        for index, text in texts.items():
            block = by_index[index]
            block.human = text
            block.status = "reviewed"
            block.provenance = Provenance("human", translation.name, "")
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
        memory = Memory(ws.memory_path)
        try:
            pairs: dict[str, str] = {}
            for index, text in texts.items():
                pairs.update(sentence_pairs(by_index[index].source, text))
            memory.store_human(statement.lang, lang, pairs, origin=f"align:{translation.name}")
        finally:
            memory.close()
    confidence = sum(scores) / len(scores) if scores else 0.0
    return AlignReport(slug, lang, len(texts), round(confidence, 3), unaligned_source, unaligned_translation)


__all__ = ["AlignReport", "align", "gale_church"]
