"""Proofreading: diffs, fidelity checks, XLIFF/PO/TMX round trips and aligning human translations."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline.review.checks import check_pair
from pipeline.review.diff import word_diff
from pipeline.review.render import html_report, terminal
from tests.conftest import REPO, Invoke, needs_apertium

GOLDEN = REPO / "tests" / "golden"
ES_SLUG = "2024-03-08-por-la-igualdad-salarial-en-las-fabricas-textiles"

REPORT: dict[str, Any] = {
    "slug": "demo",
    "source_lang": "es",
    "target_lang": "en",
    "counts": {"machine": 1, "edited": 1, "reviewed": 0, "stale": 1, "suspect": 0},
    "blocks": [
        {"index": 0, "kind": "paragraph", "status": "machine", "flags": [], "source": "Hola.", "machine": "Hello.",
         "human": None, "current": "Hello."},
        {"index": 1, "kind": "paragraph", "status": "edited", "flags": [], "source": "No aceptaremos recortes.",
         "machine": "We will accept cuts.", "human": "We will not accept cuts.", "current": "We will not accept cuts.",
         "machine_vs_human": word_diff("We will accept cuts.", "We will not accept cuts.")},
        {"index": 2, "kind": "item", "status": "stale", "flags": [], "source": "Exigimos 1.500 euros <ya>.",
         "previous_source": "Exigimos 1.000 euros.", "machine": "We demand 1,500 euros <now>.",
         "human": "We demand 1,000 euros.", "current": "We demand 1,000 euros.",
         "source_change": word_diff("Exigimos 1.000 euros.", "Exigimos 1.500 euros <ya>."),
         "machine_vs_human": word_diff("We demand 1,500 euros <now>.", "We demand 1,000 euros.")},
    ],
}  # fmt: skip


def test_word_diff() -> None:
    assert word_diff("We will accept cuts.", "We will not accept cuts.") == [
        ("=", "We will "),
        ("+", "not"),
        ("=", " accept cuts."),
    ]


@pytest.mark.parametrize(("name", "render"), [("diff-terminal.txt", lambda r: terminal(r, colour=False) + "\n"),
                                               ("diff-report.html", html_report)])  # fmt: skip
def test_diff_golden(name: str, render: Any) -> None:
    produced = render(REPORT)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8")


def test_html_report_is_standalone_and_escaped() -> None:
    page = html_report(REPORT)
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert "&lt;ya&gt;" in page and "<ya>" not in page
    assert "<del>" in page and "<ins>" in page


def test_coloured_terminal_keeps_markers() -> None:
    text = terminal(REPORT, colour=True)
    assert "\x1b[" in text and "{+not+}" in text


# Fidelity: each fault is caught; the same pair without the fault gives nothing.
FAULTS = [
    ("es", "Exigimos 1.000 euros y un 3,5 % más para 1.250 trabajadoras.",
     "We demand 1,000 euros and 3.5% more for 1,250 workers.",
     "We demand 1,000 euros and 5.5% more for 1,250 workers.", "numbers"),
    ("en", "The company offered a rise of 1.5%, while inflation was 4.2%.",
     "La empresa ofreció una subida del 1,5 %, mientras la inflación fue del 4,2 %.",
     "La empresa ofreció una subida del 1,5 %, mientras la inflación fue del 2,4 %.", "numbers"),
    ("es", "No aceptaremos más promesas sin fechas.", "We will not accept more promises without dates.",
     "We will accept more promises with dates.", "negation"),
    ("en", "We will never accept these cuts.", "Nunca aceptaremos estos recortes.",
     "Aceptaremos estos recortes.", "negation"),
    ("es", "La CGTP y la FSM convocan junto a la CELAC.", "The CGTP and the WFTU call together with CELAC.",
     "The CGTP and the WFTU call together with the community.", "names"),
    ("en", "The WFTU and the ILO met Maria Okafor in Geneva.", "La FSM y la OIT se reunieron con Maria Okafor en Ginebra.",
     "La FSM y la OIT se reunieron con María en Ginebra.", "names"),
    ("es", "Buenos Aires, 18 de enero de 2023.", "Buenos Aires, January 18, 2023.",
     "Buenos Aires, January 28, 2023.", "dates"),
    ("en", "February 14th, 2025", "14 de febrero de 2025", "14 de febrero de 2024", "dates"),
    ("es", "Los trabajadores exigen salarios dignos en todas las fábricas.",
     "Workers demand decent wages in every factory.",
     "Los trabajadores exigen salarios dignos en todas las fábricas.", "untranslated"),
    ("es", "La huelga continuará hasta que la empresa negocie con el sindicato.",
     "The strike will continue until the company negotiates with the union.",
     "The strike strike strike strike strike strike will", "degenerate"),
    ("es", "La huelga continuará hasta que la empresa negocie con el sindicato y readmita a todos los despedidos.",
     "The strike will continue until the company negotiates with the union and takes back everyone dismissed.",
     "The strike will continue.", "length"),
]  # fmt: skip


@pytest.mark.parametrize(("sl", "source", "good", "bad", "check"), FAULTS)
def test_fidelity_fault_is_caught_and_clean_pair_passes(
    sl: str, source: str, good: str, bad: str, check: str
) -> None:
    tl = "en" if sl == "es" else "es"
    assert check_pair("s", tl, 0, source, good, sl, tl) == []
    found = {f.check for f in check_pair("s", tl, 0, source, bad, sl, tl)}
    assert check in found


def test_number_formats_per_language() -> None:
    # "1.250" in an English translation reads as one and a quarter: a real error.
    found = check_pair(
        "s", "en", 0, "Hemos documentado 1.250 casos.", "We documented 1.250 cases.", "es", "en"
    )
    assert [(f.check, f.evidence) for f in found] == [("numbers", "1.250")]
    assert "reads as another number in en" in found[0].explanation


@needs_apertium
def test_check_cli_strict_and_dismiss(sample_cli: Invoke, sample_workspace: Path) -> None:
    assert sample_cli("translate", ES_SLUG).exit_code == 0
    md = sample_workspace / "translations" / "en" / f"{ES_SLUG}.md"
    # Post-editing wrote Apertium's "1.250" as "1,250"; an edit puts the Spanish notation back.
    assert "1,250 cases" in md.read_text()
    md.write_text(md.read_text().replace("1,250 cases", "1.250 cases"))
    findings = json.loads(sample_cli("check", ES_SLUG, "--json").stdout)
    assert {f["check"] for f in findings} >= {"numbers"}
    assert sample_cli("check", ES_SLUG, "--strict").exit_code == 1
    for finding in findings:
        assert sample_cli("check", "--dismiss", finding["id"]).exit_code == 0
    assert json.loads(sample_cli("check", ES_SLUG, "--json").stdout) == []
    assert sample_cli("check", ES_SLUG, "--strict").exit_code == 0
    # Editing the text brings a dismissed finding back when the fault is still there.
    md.write_text(md.read_text().replace("1.250 cases", "1.250 documented cases"))
    again = json.loads(sample_cli("check", ES_SLUG, "--json").stdout)
    assert {f["evidence"] for f in again} >= {"1.250"}


def test_diff_and_check_need_a_translation(sample_cli: Invoke) -> None:
    for args in (["diff", ES_SLUG, "--to", "en"], ["check", ES_SLUG]):
        result = sample_cli(*args)
        assert result.exit_code == 1 and "statements translate" in result.stderr


@needs_apertium
def test_diff_cli_shows_edit_and_changed_original(
    sample_cli: Invoke, sample_workspace: Path, tmp_path: Path
) -> None:
    assert sample_cli("translate", ES_SLUG).exit_code == 0
    md = sample_workspace / "translations" / "en" / f"{ES_SLUG}.md"
    md.write_text(md.read_text().replace("## Our claims", "## Our demands"))
    original = sample_workspace / "originals" / f"{ES_SLUG}.md"
    original.write_text(
        original.read_text().replace("## Nuestras reivindicaciones", "## Nuestras exigencias")
    )
    assert sample_cli("translate", ES_SLUG).exit_code == 0
    result = sample_cli("diff", ES_SLUG, "--to", "en", "--html", str(tmp_path / "r.html"))
    assert result.exit_code == 0
    assert "[-reivindicaciones-]{+exigencias+}" in result.stdout
    assert "{+demands+}" in result.stdout  # the current machine draft against the human edit
    page = (tmp_path / "r.html").read_text()
    assert "<del>reivindicaciones</del><ins>exigencias</ins>" in page
    data = json.loads(sample_cli("diff", ES_SLUG, "--to", "en", "--json").stdout)
    stale = [b for b in data["blocks"] if b["status"] == "stale"]
    assert stale and stale[0]["previous_source"] == "Nuestras reivindicaciones"


def _edit_export(fmt: str, text: str) -> str:
    if fmt == "xliff":
        return text.replace(">Valencia, 8 March 2024.</target>", ">Valencia, 8th of March, 2024.</target>")
    if fmt == "po":
        return text.replace('msgstr "Valencia, 8 March 2024."', 'msgstr "Valencia, 8th of March, 2024."')
    return text.replace("<seg>Valencia, 8 March 2024.</seg>", "<seg>Valencia, 8th of March, 2024.</seg>")


@needs_apertium
@pytest.mark.parametrize("fmt", ["xliff", "po", "tmx"])
def test_export_edit_import_round_trip(
    sample_cli: Invoke, sample_workspace: Path, tmp_path: Path, fmt: str
) -> None:
    assert sample_cli("translate", ES_SLUG).exit_code == 0
    exported = sample_cli("export", ES_SLUG, "--to", "en", "--format", fmt)
    assert exported.exit_code == 0
    assert f"{ES_SLUG}/en/0" in exported.stdout and f"{ES_SLUG}/en/title" in exported.stdout
    edited = _edit_export(fmt, exported.stdout)
    assert edited != exported.stdout
    path = tmp_path / f"edit.{fmt}"
    path.write_text(edited)
    result = sample_cli("import", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["updated"] == [f"{ES_SLUG}/en/0"]
    block = json.loads((sample_workspace / "translations" / "en" / f"{ES_SLUG}.align.json").read_text())[
        "blocks"
    ][0]
    assert block["status"] == "edited" and block["human"] == "Valencia, 8th of March, 2024."
    assert (
        "Valencia, 8th of March, 2024."
        in (sample_workspace / "translations" / "en" / f"{ES_SLUG}.md").read_text()
    )
    # Re-export keeps ids and carries the new status.
    again = sample_cli("export", ES_SLUG, "--to", "en", "--format", fmt).stdout
    assert "status: edited" in again


@needs_apertium
def test_xliff_final_state_marks_reviewed(sample_cli: Invoke, sample_workspace: Path, tmp_path: Path) -> None:
    assert sample_cli("translate", ES_SLUG).exit_code == 0
    text = sample_cli("export", ES_SLUG, "--to", "en").stdout
    text = text.replace(
        '<target state="needs-review-translation">Valencia', '<target state="final">Valencia', 1
    )
    (tmp_path / "r.xliff").write_text(text)
    assert sample_cli("import", str(tmp_path / "r.xliff")).exit_code == 0
    block = json.loads((sample_workspace / "translations" / "en" / f"{ES_SLUG}.align.json").read_text())[
        "blocks"
    ][0]
    assert block["status"] == "reviewed"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<xliff><file><body><trans-unit", "not a well-formed"),
        ('msgid "a"\nmsgstr "b\n', "not a well-formed"),
        (
            '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file '
            'source-language="es" target-language="en" datatype="plaintext" original="x"><body><trans-unit id="nope">'
            "<source>a</source><target>b</target></trans-unit></body></file></xliff>",
            "no unit matches a statement",
        ),
        ("just some text", "not XLIFF, PO or TMX"),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><xliff>&b;</xliff>',
            "declares XML entities",
        ),
    ],
)
def test_bad_imports(sample_cli: Invoke, tmp_path: Path, content: str, message: str) -> None:
    suffix = ".po" if "msgid" in content else ".txt" if "just" in content else ".xliff"
    path = tmp_path / f"bad{suffix}"
    path.write_text(content)
    result = sample_cli("import", str(path))
    assert result.exit_code == 1 and message in result.stderr


ORIGINAL = """---
title: Contra el cierre del hospital comarcal
date: 2024-04-02
lang: es
---

El hospital comarcal atiende a más de cuarenta mil personas de doce municipios. Su cierre obligaría a los pacientes a viajar más de una hora para recibir atención urgente.

La consejería anunció el cierre sin consultar a los ayuntamientos ni al personal sanitario.

Las trabajadoras del hospital llevan tres semanas de movilizaciones. Cuentan con el apoyo de los vecinos, de los sindicatos y de las asociaciones de pacientes.

Exigimos que se retire el plan de cierre y que se abra una negociación con todas las partes afectadas.

Nadie debe quedarse sin atención sanitaria por vivir lejos de la capital.
"""

# A published translation in which the translator merged the second and third paragraphs.
PUBLISHED = """Against the closure of the district hospital

The district hospital serves more than forty thousand people from twelve municipalities. Its closure would force patients to travel more than an hour to receive urgent care.

The regional health department announced the closure without consulting the town councils or the health staff. The hospital workers have been mobilising for three weeks. They have the support of their neighbours, the unions and the patients' associations.

We demand that the closure plan be withdrawn and that negotiations be opened with all the parties concerned.

No one should be left without health care because they live far from the capital.
"""


def test_align_pairs_merged_paragraphs(cli: Invoke, workspace: Path, tmp_path: Path) -> None:
    (workspace / "originals" / "hospital.md").write_text(ORIGINAL)
    (tmp_path / "published.txt").write_text(PUBLISHED)
    result = cli("align", "hospital", str(tmp_path / "published.txt"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["lang"] == "en" and report["pairs"] == 5
    assert report["unaligned_source"] == [] and report["unaligned_translation"] == []
    assert report["confidence"] > 0.3
    data = json.loads((workspace / "translations" / "en" / "hospital.align.json").read_text())
    human = [b["human"] for b in data["blocks"]]
    assert human[1] == (
        "The regional health department announced the closure without consulting the town councils or the health staff."
    )
    assert human[2].startswith("The hospital workers have been mobilising")
    assert all(b["status"] == "reviewed" for b in data["blocks"])
    assert data["title"]["human"] == "Against the closure of the district hospital"
    # The booklet can use it: the store renders the human text.
    md = (workspace / "translations" / "en" / "hospital.md").read_text()
    assert "No one should be left without health care" in md
    assert re.search(r"^title: Against the closure", md, re.M)


def test_align_refuses_texts_of_very_different_size(cli: Invoke, workspace: Path, tmp_path: Path) -> None:
    (workspace / "originals" / "hospital.md").write_text(ORIGINAL)
    (tmp_path / "short.txt").write_text("We are against the closure.\n")
    result = cli("align", "hospital", str(tmp_path / "short.txt"), "--to", "en")
    assert result.exit_code == 1 and "differ too much" in result.stderr
    assert not (workspace / "translations").exists()
