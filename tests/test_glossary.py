"""The glossary: its commands, and its enforcement on every engine at translation time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke, make_invoker, needs_apertium

ES_SLUG = "2024-03-08-por-la-igualdad-salarial-en-las-fabricas-textiles"


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _align(root: Path, lang: str, slug: str) -> dict[str, Any]:
    return json.loads((root / "translations" / lang / f"{slug}.align.json").read_text())  # type: ignore[no-any-return]


# The commands.


def test_add_list_update_remove(cli: Invoke, workspace: Path) -> None:
    assert cli("glossary", "add", "caja de resistencia", "strike fund").stdout.startswith("added:")
    assert "never translated" in cli("glossary", "add", "Pan y Rosas", "--note", "a collective").stdout
    assert cli("glossary", "add", "Caja de resistencia", "resistance fund").stdout.startswith("updated:")
    assert (workspace / "glossary.csv").read_text() == (
        "es,en,note\nCaja de resistencia,resistance fund,\nPan y Rosas,Pan y Rosas,a collective\n"
    )
    listed = _json(cli("glossary", "list", "--json"))
    assert [(t["es"], t["en"], t["keep"]) for t in listed] == [
        ("Caja de resistencia", "resistance fund", False),
        ("Pan y Rosas", "Pan y Rosas", True),
    ]
    assert cli("glossary", "remove", "resistance fund").exit_code == 0  # by either column
    result = cli("glossary", "remove", "huelga")
    assert result.exit_code == 1 and "not in the glossary" in result.stderr
    assert _json(cli("glossary", "list", "--json")) == [
        {"es": "Pan y Rosas", "en": "Pan y Rosas", "note": "a collective", "keep": True}
    ]


def test_a_broken_glossary_is_named_by_line_and_stops_translation(cli: Invoke, workspace: Path) -> None:
    (workspace / "glossary.csv").write_text("es,en,note\nhuelga,,\n")
    (workspace / "originals" / "x.md").write_text("---\ntitle: X\nlang: es\n---\n\nHola.\n")
    for args in (["glossary", "list"], ["translate", "x"]):
        result = cli(*args)
        assert result.exit_code == 1 and "glossary.csv, line 2" in result.stderr
    assert not (workspace / "translations").exists()


def test_import_csv_and_tbx_merge_and_round_trip(cli: Invoke, workspace: Path, tmp_path: Path) -> None:
    cli("glossary", "add", "huelga general", "general strike")
    spreadsheet = tmp_path / "terms.csv"
    spreadsheet.write_text(
        "en,es,note\r\nstrike fund,caja de resistencia,\r\nGeneral strike,Huelga general,caps\r\n"
    )
    merged = _json(cli("glossary", "import", str(spreadsheet), "--json"))
    assert len(merged["added"]) == 1 and len(merged["updated"]) == 1 and merged["unchanged"] == 0
    tbx = tmp_path / "terms.tbx"
    tbx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry><descrip type="definition">a union federation</descrip>'
        '<langSet xml:lang="en-GB"><tig><term>CUT</term></tig></langSet>'
        '<langSet xml:lang="fr"><tig><term>CUT-fr</term></tig></langSet>'
        '<langSet xml:lang="es-CL"><tig><term>CUT</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    assert cli("glossary", "import", str(tbx)).stdout.startswith("1 added, 0 updated, 0 unchanged")
    exported = cli("glossary", "export", "--format", "tbx")
    assert exported.exit_code == 0 and b"<martif" in exported.stdout_bytes
    assert cli("glossary", "export").stdout == (workspace / "glossary.csv").read_text()
    # The TBX export, imported into an empty workspace, gives the same glossary.
    other = tmp_path / "other"
    (other / "originals").mkdir(parents=True)
    (tmp_path / "out.tbx").write_bytes(exported.stdout_bytes)
    assert make_invoker(other)("glossary", "import", str(tmp_path / "out.tbx")).exit_code == 0
    assert (other / "glossary.csv").read_text() == (workspace / "glossary.csv").read_text()
    assert "CUT,CUT,a union federation" in (other / "glossary.csv").read_text()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("dup.csv", "es,en\nhuelga,strike\nHuelga,walkout\n", "line 3: 'Huelga' is already a term on line 2"),
        ("cols.csv", "spanish,english\na,b\n", "must name the columns es and en"),
        ("half.tbx", '<martif><text><body><termEntry><langSet xml:lang="es"><tig><term>huelga</term></tig>'
         "</langSet></termEntry></body></text></martif>", "entry 1 ('huelga'): a term needs both"),
        ("evil.tbx", '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif/>',
         "declares XML entities"),
        ("v3.tbx", '<?xml version="1.0"?><tbx type="TBX-Core"><text><body/></text></tbx>', "TBX v3"),
    ],
)  # fmt: skip
def test_a_bad_import_changes_nothing(
    cli: Invoke, workspace: Path, tmp_path: Path, name: str, content: str, message: str
) -> None:
    cli("glossary", "add", "paro", "stoppage")
    before = (workspace / "glossary.csv").read_text()
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("glossary", "import", str(path))
    assert result.exit_code == 1 and message in result.stderr
    assert (workspace / "glossary.csv").read_text() == before


def test_suggest_proposes_names_and_acronyms(cli: Invoke, workspace: Path, tmp_path: Path) -> None:
    (workspace / "originals" / "s.md").write_text(
        "---\ntitle: Desalojo\nlang: es\norg: Frente de Pobladores de Lima Sur\n---\n\n"
        "La CUT y Pan y Rosas rechazan el desalojo en Villa El Salvador. El Ministerio de Trabajo calla.\n\n"
        "EL PUEBLO NO SE RINDE\n\nLa ONU y la CUT lo saben desde el 3 de Mayo.\n"
    )
    found = {s["text"]: s for s in _json(cli("glossary", "suggest", "--json"))}
    assert {"CUT", "Pan y Rosas", "Villa El Salvador", "Frente de Pobladores de Lima Sur"} <= set(found)
    assert found["CUT"]["kind"] == "acronym" and found["CUT"]["statements"] == ["s"]
    # Not names: a capital that opens a sentence, an institution, a line in capitals, ONU/UN, a date.
    assert not {"La CUT", "Ministerio de Trabajo", "PUEBLO", "ONU", "Mayo"} & set(found)
    cli("glossary", "add", "CUT")
    rows = cli("glossary", "suggest", "--csv").stdout
    assert rows.startswith("es,en,note\n") and "\nCUT," not in rows
    (tmp_path / "s.csv").write_text(rows)
    assert cli("glossary", "import", str(tmp_path / "s.csv")).exit_code == 0
    assert _json(cli("glossary", "suggest", "--json")) == []


# Enforcement at translation time.

STATEMENT = (
    "---\ntitle: Caja\nlang: es\n---\n\n"
    "Pan y Rosas abre una caja de resistencia.\n\n"
    "La huelga sigue.\n\n"
    "Nadie se rinde.\n"
)


@pytest.fixture
def glossary_ws(cli: Invoke, workspace: Path, echo_engine: None) -> Path:
    (workspace / "originals" / "c.md").write_text(STATEMENT)
    cli("glossary", "add", "Pan y Rosas")
    cli("glossary", "add", "caja de resistencia", "strike fund")
    return workspace


def test_terms_are_protected_restored_and_recorded(cli: Invoke, glossary_ws: Path, batches: list) -> None:
    summary = _json(cli("translate", "c", "--engine", "echo", "--json"))
    # The engine never saw a term, only placeholders (the echo engine upper-cases what it gets).
    assert ["ZXQ1 abre una ZXQ2."] in [segs for _, segs in batches] or any(
        "ZXQ1 abre una ZXQ2." in segs for _, segs in batches
    )
    assert not any("caja" in s for _, segs in batches for s in segs)
    block = _align(glossary_ws, "en", "c")["blocks"][0]
    assert block["machine"] == "Pan y Rosas ABRE UNA strike fund."
    assert block["provenance"]["glossary"] == [
        ["Pan y Rosas", "Pan y Rosas"],
        ["caja de resistencia", "strike fund"],
    ]
    assert "glossary" not in _align(glossary_ws, "en", "c")["blocks"][2]["provenance"]
    assert summary["glossary"] == {"protected": 2, "restored": 2, "mangled": 0}
    assert summary["statements"]["c"]["glossary"] == summary["glossary"]


def test_a_glossary_change_retranslates_only_the_blocks_it_touches(
    cli: Invoke, glossary_ws: Path, batches: list
) -> None:
    _json(cli("translate", "c", "--engine", "echo", "--json"))
    md = glossary_ws / "translations" / "en" / "c.md"
    # A person edits the block that has no term yet; it must never change again.
    md.write_text(md.read_text().replace("NADIE SE RINDE.", "Nobody gives up."))
    # A new translation of a term: the memory still holds what the engine said; no engine call.
    cli("glossary", "add", "caja de resistencia", "resistance fund")
    batches.clear()
    summary = _json(cli("translate", "c", "--engine", "echo", "--json"))
    assert summary["engine_calls"] == 0 and batches == []
    assert summary["statements"]["c"]["blocks_reused"] == 3  # title, "La huelga sigue." and the edited one
    assert _align(glossary_ws, "en", "c")["blocks"][0]["machine"] == "Pan y Rosas ABRE UNA resistance fund."
    # A new term changes what reaches the engine, for the one segment that has it.
    cli("glossary", "add", "huelga", "strike")
    cli("glossary", "add", "nadie", "nobody")
    batches.clear()
    summary = _json(cli("translate", "c", "--engine", "echo", "--json"))
    assert batches == [("echo", ["La ZXQ1 sigue."])]
    blocks = _align(glossary_ws, "en", "c")["blocks"]
    assert blocks[1]["machine"] == "LA strike SIGUE."
    assert (
        blocks[2]["human"] == "Nobody gives up." and blocks[2]["status"] == "edited"
    )  # human text untouched
    # Removing the term brings back the segment the memory already has.
    cli("glossary", "remove", "huelga")
    batches.clear()
    assert _json(cli("translate", "c", "--engine", "echo", "--json"))["engine_calls"] == 0
    assert _align(glossary_ws, "en", "c")["blocks"][1]["machine"] == "LA HUELGA SIGUE."


def test_a_mangled_term_falls_back_and_is_flagged_without_a_fallback(cli: Invoke, glossary_ws: Path) -> None:
    from pipeline.translate import engines

    from .fakes import EchoEngine, ManglingEcho

    with engines.registered("mangler", ManglingEcho, auto=0), engines.registered("echo", EchoEngine, auto=1):
        _json(cli("translate", "c", "--engine", "mangler", "--json"))
    block = _align(glossary_ws, "en", "c")["blocks"][0]
    assert block["machine"] == "Pan y Rosas ABRE UNA strike fund."  # the echo engine stood in
    assert "fallback" in block["flags"] and block["provenance"]["fallback"]["engine"] == "echo"
    assert block["status"] == "machine"
    with engines.registered("mangler", ManglingEcho, auto=0), engines.fallback_disabled():
        summary = _json(cli("translate", "c", "--engine", "mangler", "--force", "--json"))
    block = _align(glossary_ws, "en", "c")["blocks"][0]
    assert block["status"] == "suspect" and {"glossary", "suspect"} <= set(block["flags"])
    assert summary["glossary"]["mangled"] == 2
    assert _align(glossary_ws, "en", "c")["blocks"][2]["status"] == "machine"  # no term, no flag


def test_post_editing_touches_machine_text_only(cli: Invoke, workspace: Path, echo_engine: None) -> None:
    one = "---\ntitle: Uno\nlang: es\n---\n\nHemos documentado 1.250 casos.\n"
    (workspace / "originals" / "uno.md").write_text(one)
    summary = _json(cli("translate", "uno", "--engine", "echo", "--json"))
    assert summary["postedits"] == 1
    assert summary["statements"]["uno"]["postedits"] == [
        {"block": 0, "kind": "number", "from": "1.250", "to": "1,250"}
    ]
    block = _align(workspace, "en", "uno")["blocks"][0]
    assert block["machine"] == "HEMOS DOCUMENTADO 1,250 CASOS."
    assert block["provenance"]["postedits"] == [{"kind": "number", "from": "1.250", "to": "1,250"}]
    # A person writes the number their way and reviews it: nobody post-edits human text.
    md = workspace / "translations" / "en" / "uno.md"
    md.write_text(md.read_text().replace("HEMOS DOCUMENTADO 1,250 CASOS.", "We documented 1.250 cases."))
    assert cli("review", "uno", "--all").exit_code == 0
    _json(cli("translate", "uno", "--engine", "echo", "--force", "--json"))
    assert _align(workspace, "en", "uno")["blocks"][0]["human"] == "We documented 1.250 cases."
    # The reviewed sentence, reused from the memory in another statement, is not post-edited either.
    (workspace / "originals" / "dos.md").write_text(one.replace("Uno", "Dos"))
    summary = _json(cli("translate", "dos", "--engine", "echo", "--json"))
    assert _align(workspace, "en", "dos")["blocks"][0]["machine"] == "We documented 1.250 cases."
    assert summary["statements"]["dos"]["postedits"] == []


def test_tiny_argos_mangles_placeholders_and_the_fallback_restores_them(
    sample_workspace: Path, tiny_argosmodel: Path, short_decoding: None
) -> None:
    """The tiny package's output is noise: every placeholder is lost, so the guard sends those
    segments to the fallback (here the echo engine, standing in for Apertium)."""
    from pipeline.translate import engines

    from .fakes import EchoEngine

    invoke = make_invoker(sample_workspace)
    assert invoke("models", "install", str(tiny_argosmodel)).exit_code == 0
    invoke("glossary", "add", "horas extra", "overtime")
    with engines.registered("echo", EchoEngine, auto=1):
        summary = _json(invoke("translate", ES_SLUG, "--engine", "argos", "--json"))
    assert summary["glossary"]["protected"] == 2
    for block in _align(sample_workspace, "en", ES_SLUG)["blocks"]:
        if "horas extra" in block["source"]:
            assert "overtime" in block["machine"] and "ZXQ" not in block["machine"]
            assert "fallback" in block["flags"] and block["provenance"]["fallback"]["engine"] == "echo"


@needs_apertium
def test_apertium_keeps_names_restores_terms_and_post_edits(
    sample_cli: Invoke, sample_workspace: Path
) -> None:
    sample_cli(
        "glossary", "add", "Coordinadora Sindical del Transporte", "Transport Unions' Coordinating Committee"
    )
    sample_cli("glossary", "add", "Sindicato Unitario de Estibadores")
    sample_cli("glossary", "add", "caja de resistencia", "strike fund")
    summary = _json(sample_cli("translate", "--json"))
    assert summary["glossary"]["protected"] == summary["glossary"]["restored"] > 3
    assert summary["postedits"] > 5
    en = sample_workspace / "translations" / "en" / "2023-01-18-solidaridad-con-los-estibadores-del-puerto.md"
    text = en.read_text()
    assert "The Transport Unions' Coordinating Committee expresses" in text
    assert "- Sindicato Unitario de Estibadores" in text
    es = sample_workspace / "translations" / "es"
    assert (
        "\n11 de julio de 2024\n" in (es / "2024-07-11-end-the-blockade-on-medical-supplies.md").read_text()
    )
    teachers = (es / "2025-02-14-teachers-stand-with-striking-bus-drivers.md").read_text()
    assert "14 de febrero de 2025" in teachers and "los 1.200 conductores" in teachers
    assert "un aumento de 1,5 %" in teachers and "caja de resistencia" in teachers
    kinds = {e["kind"] for s in summary["statements"].values() for e in s["postedits"]}
    assert kinds >= {"number", "date", "spacing"}


@needs_apertium
def test_the_committed_sample_translations_are_what_the_code_writes(tmp_path: Path) -> None:
    """translations/ in the repository is the sample workspace translated by Apertium with its
    glossary: regenerate it (delete translations/en and es, `statements translate`) when the
    machine text changes."""
    from tests.conftest import REPO

    root = tmp_path / "fresh"
    (root / "originals").mkdir(parents=True)
    for path in (REPO / "originals").glob("*.md"):
        (root / "originals" / path.name).write_bytes(path.read_bytes())
    (root / "glossary.csv").write_bytes((REPO / "glossary.csv").read_bytes())
    assert make_invoker(root)("translate", "--engine", "apertium").exit_code == 0
    written = sorted(p.relative_to(root) for p in (root / "translations").rglob("*") if p.is_file())
    committed = sorted(p.relative_to(REPO) for p in (REPO / "translations").rglob("*") if p.is_file())
    assert written == committed
    for path in written:
        assert (root / path).read_bytes() == (REPO / path).read_bytes(), (
            f"{path} differs: regenerate translations/"
        )
