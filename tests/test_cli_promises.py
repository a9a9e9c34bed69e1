"""The CLI keeps its promises: directions, exit codes and bad input (issue 19), through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import Invoke, make_invoker, needs_apertium

EN_SLUG = "2023-05-01-may-day-statement-from-the-dockers-and-warehouse-workers"
ES_SLUG = "2024-03-08-por-la-igualdad-salarial-en-las-fabricas-textiles"


@pytest.fixture
def translated(sample_workspace: Path) -> Invoke:
    """The sample workspace, translated by Apertium (each statement into its other language)."""
    invoke = make_invoker(sample_workspace)
    assert invoke("translate").exit_code == 0
    return invoke


# Directions: every --to defaults to the other language; the statement's own is an error.


@needs_apertium
def test_every_to_defaults_to_the_other_language(translated: Invoke) -> None:
    exported = translated("export", EN_SLUG, "--format", "po")
    assert exported.exit_code == 0 and "Language: es" in exported.stdout
    assert translated("review", EN_SLUG, "--block", "1", "--json").exit_code == 0
    diff = translated("diff", EN_SLUG, "--json")
    assert diff.exit_code == 0 and json.loads(diff.stdout)["target_lang"] == "es"
    status = json.loads(translated("status", EN_SLUG, "--json").stdout)
    assert [t["to"] for t in status["translations"]] == ["es"]


@needs_apertium
@pytest.mark.parametrize("command", [["translate"], ["export"], ["review", "--all"], ["diff"]])
def test_to_the_statements_own_language_says_why(translated: Invoke, command: list[str]) -> None:
    result = translated(command[0], EN_SLUG, *command[1:], "--to", "en")
    assert result.exit_code == 1
    assert "is written in en" in result.stderr and "--to es" in result.stderr


def test_translate_to_a_language_every_statement_is_in(cli: Invoke, workspace: Path) -> None:
    (workspace / "originals" / "a.md").write_text("---\ntitle: A\nlang: en\n---\n\nHello all.\n")
    result = cli("translate", "--to", "en")
    assert result.exit_code == 1 and "every statement is already in en" in result.stderr


# Nothing checked is not "0 findings".


def test_check_with_nothing_translated_says_so(sample_cli: Invoke) -> None:
    result = sample_cli("check")
    assert result.exit_code == 1
    assert "nothing was checked" in result.stderr and "statements translate" in result.stderr


# doctor fails when a direction has no engine at all.


def test_doctor_exits_1_without_any_engine(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.translate.engines.apertium as ap

    monkeypatch.setattr(ap, "installed_modes", lambda: frozenset())  # and no Argos package either
    result = cli("doctor")
    assert result.exit_code == 1
    assert "MISSING  translate es→en" in result.stdout and "translate en→es" in result.stderr


@needs_apertium
def test_doctor_exits_0_with_an_engine_per_direction(cli: Invoke) -> None:
    result = cli("doctor", "--json")
    assert result.exit_code == 0
    checks = {c["name"]: c for c in json.loads(result.stdout)}
    assert checks["translate es→en"]["ok"] and checks["translate en→es"]["ok"]


# One rule for exit codes: 2 for bad usage (a value an option cannot take), 1 for the rest.


@pytest.mark.parametrize(
    "args",
    [
        ["translate", "--to", "fr"],
        ["status", ES_SLUG, "--to", "fr"],
        ["check", "--to", "fr"],
        ["export", ES_SLUG, "--format", "mobi"],
        ["build", "--format", "mobi"],
        ["build", "--paper", "b5"],
        ["build", "--lang", "fr"],
        ["build", "--select", "from:yesterday"],
        ["translate", "--engine", "google"],
        ["add", "-", "--lang", "fr"],
        ["add", "-", "--date", "someday"],
        ["review", ES_SLUG],
        ["export", "--memory", "--format", "po"],
    ],
)
def test_bad_usage_exits_2(sample_cli: Invoke, args: list[str]) -> None:
    result = sample_cli(*args, input="Hola a todas.\n")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(("error:", "Usage:"))


def test_workspace_problems_exit_1(sample_cli: Invoke) -> None:
    assert sample_cli("translate", "no-such-statement").exit_code == 1
    assert sample_cli("build", "--select", "no-such-statement").exit_code == 1


# Bad front matter names the file, the line and the fix; the other statements go on.


def _break_date(root: Path) -> Path:
    path = root / "originals" / f"{ES_SLUG}.md"
    path.write_text(path.read_text().replace("date: 2024-03-08", "date: 2023-13-45"))
    return path


def test_impossible_date_is_named_and_the_rest_are_listed(sample_cli: Invoke, sample_workspace: Path) -> None:
    broken = _break_date(sample_workspace)
    result = sample_cli("list")
    assert result.exit_code == 1
    assert f"{broken}, line 3: date: 2023-13-45 is not a date" in result.stderr
    assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.output
    assert len(result.stdout.strip().splitlines()) == 5  # the five good statements


@needs_apertium
def test_impossible_date_does_not_stop_translate(sample_cli: Invoke, sample_workspace: Path) -> None:
    _break_date(sample_workspace)
    result = sample_cli("translate", "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert len(summary["statements"]) == 5 and ES_SLUG not in summary["statements"]
    assert "skipped:" in result.stderr and "line 3" in result.stderr
    assert sample_cli("status", ES_SLUG).exit_code == 1  # naming it still says what is wrong


@needs_apertium
def test_unreadable_alignment_skips_only_its_statement(translated: Invoke, sample_workspace: Path) -> None:
    broken = sample_workspace / "translations" / "en" / f"{ES_SLUG}.align.json"
    broken.write_text("{ not json")
    (sample_workspace / "originals" / "extra.md").write_text(
        "---\ntitle: Más\nlang: es\n---\n\nOtro texto.\n"
    )
    result = translated("translate", "--json")
    assert result.exit_code == 1
    assert "extra" in json.loads(result.stdout)["statements"]  # the others went on
    assert str(broken) in result.stderr and "git checkout" in result.stderr
    assert broken.read_text() == "{ not json"  # nothing of it was touched
    built = translated("build", "--lang", "en", "--format", "epub", "--json")
    assert built.exit_code == 1 and json.loads(built.stdout)["files"]
    assert "skipped:" in built.stderr and ES_SLUG in built.stderr


# The workspace, and slugs as users type them.


def test_missing_root_folder_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(app, ["--root", str(missing), "list"])
    assert result.exit_code == 1
    assert f"the workspace folder {missing} does not exist" in result.stderr
    assert "no statements yet" not in result.output


def test_wrong_slug_gets_a_suggestion_and_file_names_are_understood(sample_cli: Invoke) -> None:
    result = sample_cli("detect", ES_SLUG.replace("igualdad", "igualdat"))
    assert result.exit_code == 1 and f"Did you mean {ES_SLUG}?" in result.stderr
    assert sample_cli("detect", f"{ES_SLUG}.md").exit_code == 0
    assert sample_cli("detect", f"originals/{ES_SLUG}.md").exit_code == 0


# Output hygiene.


@needs_apertium
def test_progress_line_ends_before_the_summary(sample_cli: Invoke) -> None:
    result = sample_cli("translate")
    # One bar per language pair, each label on its own line, then the summary on its own.
    assert result.stderr.splitlines()[:2] == ["translating", "translating"]
    assert result.stderr.splitlines()[2].startswith("81 segments") and result.stderr.endswith(" s\n")


def test_review_says_where_block_numbers_come_from(sample_cli: Invoke) -> None:
    result = sample_cli("review", ES_SLUG)
    assert result.exit_code == 2 and "statements status SLUG" in result.stderr
    assert "statements status" in sample_cli("review", "--help").stdout


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def index_server(tmp_path: Path, tiny_argosmodel: Path) -> Iterator[str]:
    """A local Argos package index with the tiny es→en package, as the real index lists packages."""
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / "translate-es_en.argosmodel").write_bytes(tiny_argosmodel.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(folder)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    entry = {
        "package_version": "0.0.1", "argos_version": "1.9", "from_code": "es", "from_name": "Spanish",
        "to_code": "en", "to_name": "English", "type": "translate", "code": "translate-es_en",
        "links": [base + "translate-es_en.argosmodel"],
    }  # fmt: skip
    (folder / "index.json").write_text(json.dumps([entry]))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


def _models_install(tmp_path: Path, index: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ARGOS_PACKAGE_INDEX": index,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(tmp_path), "models", "install", "es", "en"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_models_install_from_the_index(tmp_path: Path, index_server: str, _isolated_argos: Path) -> None:
    out = _models_install(tmp_path, index_server)
    assert out.returncode == 0, out.stderr
    assert "installed es→en 0.0.1" in out.stdout
    assert [p.name for p in _isolated_argos.iterdir()] == ["translate-es_en-tiny"]


def test_models_install_offline_prints_one_clear_line(tmp_path: Path, _isolated_argos: Path) -> None:
    out = _models_install(tmp_path, "http://127.0.0.1:9/")  # nothing listens there
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "cannot reach the Argos package index" in out.stderr
    assert "URLError" not in out.stderr and list(_isolated_argos.iterdir()) == []


def test_install_raises_no_setuptools_warnings(tmp_path: Path) -> None:
    """`pip install` used to print a deprecation warning about project.license three times."""
    import tomllib

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
    assert isinstance(project["license"], str)  # an SPDX expression, as PEP 639 wants


# From a new user's trial.


@needs_apertium
def test_the_title_is_listed_and_can_be_reviewed(translated: Invoke) -> None:
    shown = translated("status", f"{ES_SLUG}.md")  # the file name works as the slug
    assert shown.exit_code == 0 and "  [title] machine" in shown.stdout
    result = translated("review", ES_SLUG, "--block", "title", "--block", "2")
    assert result.exit_code == 0 and "reviewed: title, 2" in result.stdout
    status = json.loads(translated("status", ES_SLUG, "--json").stdout)["translations"][0]
    assert status["title"]["status"] == "reviewed" and status["blocks"][2]["status"] == "reviewed"
    assert translated("review", ES_SLUG, "--block", "first").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--select", "from:2025-13-01"],
        ["translate", "--engine", "google", "--to", "en", ES_SLUG.replace("2024", "2099")],
        ["models", "install", "es", "fr"],
        ["build", "--output", "{root}/originals/books"],
    ],
)
def test_more_bad_usage_exits_2(sample_cli: Invoke, sample_workspace: Path, args: list[str]) -> None:
    result = sample_cli(*[a.format(root=sample_workspace) for a in args])
    assert result.exit_code == 2, result.output
    assert not (sample_workspace / "originals" / "books").exists()


def test_select_understands_file_names(sample_cli: Invoke, sample_workspace: Path) -> None:
    result = sample_cli("build", "--lang", "es", "--format", "epub", "--select", f"originals/{ES_SLUG}.md")
    assert result.exit_code == 0, result.output


@needs_apertium
def test_a_joined_paragraph_is_located(translated: Invoke, sample_workspace: Path) -> None:
    md = sample_workspace / "translations" / "en" / f"{ES_SLUG}.md"
    text = md.read_text()
    start = text.index("During the last year")
    md.write_text(text[:start].rstrip("\n") + " " + text[start:])  # two paragraphs made one
    result = translated("status", ES_SLUG)
    assert result.exit_code == 1
    assert "they part around the translation's block 1: «In this International Day" in result.stderr


def test_a_block_align_merged_is_not_machine_translated() -> None:
    from pipeline.model import AlignedBlock
    from pipeline.translate.plan import carry

    before = AlignedBlock(5, "item", "- ", "Sindicato B", "h", machine="Sindicato B", status="suspect")
    before.flags = ["merged"]
    after = AlignedBlock(5, "item", "- ", "Sindicato B", "h")
    assert carry(before, after, force=False) == []  # translated within the block before it
    before.flags = ["unaligned"]
    assert carry(before, AlignedBlock(5, "item", "- ", "Sindicato B", "h"), force=False)  # to fill


def test_a_paste_on_standard_input_is_cleaned_like_a_text_file(cli: Invoke, workspace: Path) -> None:
    paste = (
        "Inicio | Noticias | Contacto\n"
        "Comunicado: no a los despidos en la planta\n"
        "18 de enero de 2023\n"
        "El Sindicato de Trabajadores del Envase rechaza los 60 despidos anunciados ayer por la dirección.\n"
        "La empresa obtuvo beneficios de 4,3 millones de euros en 2022. No hay ninguna razón económica.\n"
        "Compartir esto:\nTwitter\nFacebook\n"
    )
    result = cli("add", "-", input=paste)
    assert (
        result.exit_code == 0
        and result.stdout.strip() == "2023-01-18-comunicado-no-a-los-despidos-en-la-planta"
    )
    text = (workspace / "originals" / f"{result.stdout.strip()}.md").read_text()
    assert "title: 'Comunicado: no a los despidos en la planta'" in text
    assert "Inicio" not in text and "Twitter" not in text and "rechaza los 60 despidos" in text


def test_a_markdown_files_own_front_matter_date_is_kept(cli: Invoke, workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "huelga.md"
    source.write_text(
        "---\ntitle: Huelga en el campo\ndate: 2024-06-10\nlang: es\n---\n\n"
        "Las jornaleras inician hoy una huelga indefinida por salarios dignos.\n\n"
        "Exigimos el cumplimiento del convenio colectivo y el fin de los despidos.\n"
    )
    result = cli("add", str(source))
    assert result.exit_code == 0 and result.stdout.strip() == "2024-06-10-huelga-en-el-campo"
    assert "no date found" not in result.stderr


def test_a_waiting_writer_says_that_it_waits(tmp_path: Path) -> None:
    from pipeline.errors import LockedError, PipelineWarning
    from pipeline.workspace import Workspace

    ws = Workspace.at(tmp_path)
    held = ws.lock()
    with (
        held,
        pytest.warns(PipelineWarning, match="waiting up to 2 s"),
        pytest.raises(LockedError),
        ws.lock(wait=2),
    ):
        pass


@needs_apertium
def test_xliff_names_the_statement_it_holds(translated: Invoke) -> None:
    exported = translated("export", ES_SLUG)
    assert f'<file original="{ES_SLUG}"' in exported.stdout
