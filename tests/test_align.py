"""Aligning existing human translations: the dynamic programme on small tables, the sentence
guarantee on random texts, and a few cases of the alignment corpus through the CLI.

The whole corpus is scored by `bench/align.py`; these cases are a fast slice of its tune split.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineWarning
from pipeline.interchange.pairing import (
    Sentence,
    Source,
    align_units,
    char_ngrams,
    contained,
    pair,
    sentences_of,
)
from pipeline.model import Block
from pipeline.text import segment
from tests.conftest import DATA, Invoke, needs_apertium

CORPUS = DATA / "alignment"


# --- the dynamic programme on small tables ----------------------------------------------------


class Table:
    """Coverage read from a table: cover[i][j] is how well source unit i and sentence j match."""

    def __init__(self, cover: list[list[float]]) -> None:
        self.cover = cover

    def source(self, i: int, j: int, k: int) -> float:
        return max(self.cover[i][j : j + k])

    def target(self, j: int, i: int, a: int) -> float:
        return max(row[j] for row in self.cover[i : i + a])


def sentences(paragraphs: list[int], length: int = 100) -> list[Sentence]:
    """`paragraphs[p]` sentences in paragraph p, each `length` characters long."""
    out = []
    for p, count in enumerate(paragraphs):
        for k in range(count):
            out.append(Sentence("x" * length, "x" * length, p, k == 0, k == count - 1))
    return out


def beads(src: int, tgt: list[Sentence], cover: list[list[float]]) -> list[tuple[int, int, int, int]]:
    found, _ = align_units([Source(i, "x" * 100) for i in range(src)], tgt, Table(cover), 1.0)
    return [(b.i, b.a, b.j, b.k) for b in found]


@pytest.mark.parametrize(
    ("src", "paragraphs", "cover", "expected"),
    [
        # One to one.
        (3, [1, 1, 1], [[0.9, 0, 0], [0, 0.9, 0], [0, 0, 0.9]], [(0, 1, 0, 1), (1, 1, 1, 1), (2, 1, 2, 1)]),
        # The translator left block 1 out: it stays alone, its neighbours keep their pairs.
        (3, [1, 1], [[0.9, 0], [0, 0], [0, 0.9]], [(0, 1, 0, 1), (1, 1, 1, 0), (2, 1, 1, 1)]),
        # A translator's note at the end stays alone instead of being glued to the last block.
        (2, [1, 1, 1], [[0.9, 0, 0], [0, 0.9, 0]], [(0, 1, 0, 1), (1, 1, 1, 1), (2, 0, 2, 1)]),
        # Two blocks merged into one paragraph of two sentences: cut between the sentences.
        (2, [2], [[0.9, 0], [0, 0.9]], [(0, 1, 0, 1), (1, 1, 1, 1)]),
        # One block split over two paragraphs.
        (2, [1, 1, 1], [[0.9, 0.9, 0], [0, 0, 0.9]], [(0, 1, 0, 2), (1, 1, 2, 1)]),
        # Three list items run into one sentence: it goes to the first of them.
        (4, [1, 1], [[0.9, 0], [0.8, 0], [0.8, 0], [0, 0.9]], [(0, 3, 0, 1), (3, 1, 1, 1)]),
    ],
)
def test_dynamic_programme_beads(
    src: int, paragraphs: list[int], cover: list[list[float]], expected: list[tuple[int, int, int, int]]
) -> None:
    assert beads(src, sentences(paragraphs), cover) == expected


def test_contained_is_sacrebleu_chrf_precision() -> None:
    from sacrebleu.metrics import CHRF

    metric = CHRF(beta=0)
    for part, whole in [
        ("The Federation demands:", "The Federation demands an independent investigation."),
        ("Sign:", "Signed: Federation of Mineworkers, Espinar Defence Front."),
        ("¡Ni una más!", "Not one more!"),
    ]:
        ours = contained(char_ngrams(part), char_ngrams(whole))
        assert ours == pytest.approx(metric.sentence_score(part, [whole]).score / 100)


# --- never a cut sentence ---------------------------------------------------------------------

WORDS = ["huelga", "salario", "Federación", "1.250", "¡Basta!", "vecinas", "Sr.", "EE.UU.", "no", "trabajo"]
ENDS = [".", "!", "?", ":", ";", ",", ""]


@st.composite
def texts(draw: st.DrawFn) -> list[str]:
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        sentences_ = []
        for _ in range(draw(st.integers(1, 4))):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
            sentences_.append(" ".join(words).capitalize() + draw(st.sampled_from(ENDS)))
        paragraphs.append(" ".join(sentences_))
    return paragraphs


@settings(max_examples=40, deadline=None)
@given(texts(), texts())
def test_a_block_receives_whole_sentences_only(original: list[str], translation: list[str]) -> None:
    src = [Block(i, "paragraph", "", text) for i, text in enumerate(original)]
    tgt = [Block(i, "paragraph", "", text) for i, text in enumerate(translation)]
    result = pair(src, "Título", tgt, "es", "en")
    whole = {s.strip() for para in translation for s in segment.split(para)}
    for found in result.pairs.values():
        for k in found.sentences:
            assert result.sentences[k].text in whole
        assert found.text == " ".join(result.sentences[k].text for k in found.sentences)
    used = [k for p in result.pairs.values() for k in p.sentences] + [k for run in result.extra for k in run]
    assert sorted(used) == list(range(len(result.sentences)))  # every sentence is somewhere, once


def test_lines_of_signatures_are_units_but_wrapped_prose_is_not() -> None:
    signatures = Block(0, "paragraph", "", "Federación Minera\nSindicato de Espinar\nFrente de Defensa")
    wrapped = Block(
        1, "paragraph", "", "The union reiterates that it is willing to negotiate, but\nit will not sign."
    )
    assert [s.text for s in sentences_of([signatures])] == [
        "Federación Minera",
        "Sindicato de Espinar",
        "Frente de Defensa",
    ]
    assert len(sentences_of([wrapped])) == 1


# --- corpus cases through the CLI -------------------------------------------------------------


def norm(text: str | None) -> str:
    return " ".join((text or "").replace("*", "").split())


def run_case(cli: Invoke, workspace: Path, case: str, engine: str) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    folder = CORPUS / case
    expected = json.loads((folder / "expected.json").read_text())
    assert expected["split"] == "tune"  # the held-out cases are for bench/align.py only
    shutil.copy(folder / "original.md", workspace / "originals" / "case.md")
    translation = next(folder.glob("translation.*"))
    result = cli("align", "case", str(translation), "--engine", engine, "--json")
    assert result.exit_code == 0, result.output
    stored = json.loads(
        (workspace / "translations" / expected["target_lang"] / "case.align.json").read_text()
    )
    return expected, json.loads(result.stdout), stored


def assert_pairs_match(expected: dict, stored: dict) -> None:  # type: ignore[type-arg]
    got = [norm(b["human"]) if b["human"] is not None else None for b in stored["blocks"]]
    want = [norm(b["expected"]) if b["expected"] else None for b in expected["blocks"]]
    assert got == want
    assert norm(stored["title"]["human"]) == norm(expected["title"]) if expected["title"] else True


@needs_apertium
@pytest.mark.parametrize(
    "case",
    [
        # A list run into one sentence, signatures on one line, the dateline dropped, a title line.
        "es-en-05-mineros-espinar",
        # Reordered signatures, a dateline dropped, one block split over two paragraphs.
        "es-en-15-lideres-catatumbo",
        # Signatures run into one line, a translator's note at the end, a plain title line.
        "en-es-13-dia-del-trabajo",
        # Page clutter around the article, and the title repeated in the body.
        "en-es-01-limpiadoras-ferroviarias",
    ],
)
def test_corpus_case_with_apertium(cli: Invoke, workspace: Path, case: str) -> None:
    expected, report, stored = run_case(cli, workspace, case, "apertium")
    assert report["engine"] == "apertium"
    assert_pairs_match(expected, stored)
    assert [norm(o["human"]) for o in stored["orphans"]] == [norm(e) for e in expected["extra"]]
    assert report["unaligned_translation"] == [o["human"] for o in stored["orphans"]]
    nulls = [i for i, b in enumerate(expected["blocks"]) if not b["expected"]]
    assert sorted(report["unaligned_source"] + [int(k) for k in report["merged"]]) == nulls


def test_corpus_case_without_an_engine(cli: Invoke, workspace: Path) -> None:
    # A paragraph left out in the middle, five signature lines run into one: anchors and
    # lengths suffice.
    expected, report, stored = run_case(cli, workspace, "en-es-03-carta-vivienda-estudiantil", "none")
    assert report["engine"] == "none"
    assert_pairs_match(expected, stored)
    merged = {int(k) for k in report["merged"]}
    assert merged  # the signature lines after the first
    for block in stored["blocks"]:
        if block["human"] is None:
            flag = "merged" if block["index"] in merged else "unaligned"
            assert block["status"] == "suspect" and flag in block["flags"]


# --- statuses, the memory, human work ---------------------------------------------------------

ORIGINAL = """---
title: No al cierre de la escuela rural de Valdeolmos
date: 2024-10-07
lang: es
---

La consejería de Educación quiere cerrar en junio la escuela rural de Valdeolmos, a la que asisten 38 niñas y niños de cinco pueblos.

Sin la escuela, los más pequeños tendrían que viajar cada día cuarenta minutos en autobús por una carretera de montaña.

Pedimos a la consejería que retire el cierre y que se reúna con las familias antes del 30 de noviembre.

¡La escuela se queda en el pueblo!
"""

TRANSLATION = """# No to the closure of the Valdeolmos rural school

The regional education department wants to close the Valdeolmos rural school in June; 38 children from five villages go there.

Without the school, the youngest would have to travel forty minutes a day by bus on a mountain road.

We ask the department to withdraw the closure and to meet the families before 30 November.

Education is a right, wherever one lives.
"""


def memory_sources(workspace: Path) -> set[str]:
    with sqlite3.connect(workspace / ".statements" / "memory.sqlite3") as db:
        return {row[0] for row in db.execute("SELECT source FROM human")}


@needs_apertium
def test_low_scores_are_stored_as_edited_and_teach_the_memory_nothing(
    cli: Invoke, workspace: Path, tmp_path: Path
) -> None:
    (workspace / "originals" / "school.md").write_text(ORIGINAL)
    (tmp_path / "published.md").write_text(TRANSLATION)
    result = cli("align", "school", str(tmp_path / "published.md"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    scores = {b["index"]: b["score"] for b in report["blocks"]}
    # The slogan was rendered freely: nothing of the original's words is left in it.
    assert report["edited"] == [3] and scores[3] < report["threshold"] <= min(scores[i] for i in (0, 1, 2))
    data = json.loads((workspace / "translations" / "en" / "school.align.json").read_text())
    assert [b["status"] for b in data["blocks"]] == ["reviewed", "reviewed", "reviewed", "edited"]
    assert data["blocks"][3]["human"] == "Education is a right, wherever one lives."
    assert data["blocks"][0]["provenance"]["settings"]["score"] == scores[0]
    assert data["title"]["human"] == "No to the closure of the Valdeolmos rural school"
    learnt = memory_sources(workspace)
    assert (
        "Pedimos a la consejería que retire el cierre y que se reúna con las familias antes del 30 de noviembre."
        in learnt
    )
    assert not any("se queda en el pueblo" in source for source in learnt)


def test_human_work_already_in_the_store_is_never_overwritten(
    cli: Invoke, workspace: Path, tmp_path: Path
) -> None:
    (workspace / "originals" / "school.md").write_text(ORIGINAL)
    (tmp_path / "published.md").write_text(TRANSLATION)
    assert cli("align", "school", str(tmp_path / "published.md"), "--engine", "none").exit_code == 0
    md = workspace / "translations" / "en" / "school.md"
    md.write_text(
        md.read_text().replace(
            "Education is a right, wherever one lives.", "The school stays in the village!"
        )
    )
    result = cli("align", "school", str(tmp_path / "published.md"), "--engine", "none", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["kept"] == [3]
    data = json.loads((workspace / "translations" / "en" / "school.align.json").read_text())
    assert data["blocks"][3]["human"] == "The school stays in the village!"
    assert data["blocks"][3]["status"] == "edited"


@pytest.mark.parametrize("heading", [True, False])
def test_the_title_line_is_recognised_in_both_directions(
    cli: Invoke, workspace: Path, tmp_path: Path, heading: bool
) -> None:
    english = """---
title: Nurses vote to strike at Mercy General
date: 2024-05-02
lang: en
---

Nurses at Mercy General Hospital voted by 94 per cent to strike over unsafe staffing levels.

The hospital has refused to meet the union since 12 March.
"""
    spanish = (
        "Las enfermeras del Mercy General votan a favor de la huelga\n\n"
        "Las enfermeras del Hospital Mercy General votaron en un 94 % a favor de ir a la huelga por la falta de personal.\n\n"
        "El hospital se niega a reunirse con el sindicato desde el 12 de marzo.\n"
    )
    (workspace / "originals" / "nurses.md").write_text(english)
    (tmp_path / "traducida.md").write_text(("# " if heading else "") + spanish)
    (workspace / "originals" / "school.md").write_text(ORIGINAL)
    (tmp_path / "published.md").write_text(TRANSLATION if heading else TRANSLATION.removeprefix("# "))
    for slug, path, lang, title in [
        (
            "nurses",
            tmp_path / "traducida.md",
            "es",
            "Las enfermeras del Mercy General votan a favor de la huelga",
        ),
        ("school", tmp_path / "published.md", "en", "No to the closure of the Valdeolmos rural school"),
    ]:
        result = cli("align", slug, str(path), "--engine", "none", "--json")
        assert result.exit_code == 0, result.output
        data = json.loads((workspace / "translations" / lang / f"{slug}.align.json").read_text())
        assert data["title"]["human"] == title
        assert data["blocks"][0]["human"].startswith(
            ("Las enfermeras del Hospital", "The regional education department")
        )


def test_no_engine_installed_means_anchors_and_lengths_with_a_warning(
    cli: Invoke, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.translate import engines

    monkeypatch.setattr(engines, "AUTO", [])
    (workspace / "originals" / "school.md").write_text(ORIGINAL)
    (tmp_path / "published.md").write_text(TRANSLATION)
    with pytest.warns(PipelineWarning, match="anchors and lengths only"):
        result = cli("align", "school", str(tmp_path / "published.md"))
    assert result.exit_code == 0, result.output
    assert "(evidence: none)" in result.stdout
    named = cli("align", "school", str(tmp_path / "published.md"), "--engine", "argos")
    assert named.exit_code == 1 and "statements models install es en" in named.stderr
