"""The command surface: help everywhere, slugs on stdout, clear errors with exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import DATA, Invoke


def _commands() -> list[list[str]]:
    import typer.main

    group = typer.main.get_command(app)
    names: list[list[str]] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        names.append([name])
        for sub in getattr(command, "commands", {}):
            names.append([name, sub])
    return names


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c))
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    # The docstring's first line is the command's summary; no command may lack one.
    import typer.main

    group = typer.main.get_command(app)
    target = group
    for part in command:
        target = target.commands[part]  # type: ignore[attr-defined]
    assert (target.help or "").strip(), f"{' '.join(command)} has no help text"


def test_add_prints_slug_on_stdout_and_messages_on_stderr(cli: Invoke, workspace: Path) -> None:
    result = cli("add", str(DATA / "comite-latin1.txt"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "2024-03-15-declaracion-del-comite-de-empresa\n"
    assert "Windows-1252" in result.stderr
    written = (workspace / "originals" / "2024-03-15-declaracion-del-comite-de-empresa.md").read_text()
    assert "reducción de plantilla" in written
    assert "lang: es" in written


def test_adding_the_same_text_twice_creates_no_duplicate(cli: Invoke, workspace: Path) -> None:
    first = cli("add", str(DATA / "open-letter.docx"))
    again = cli("add", str(DATA / "open-letter.odt"))  # same letter, other format
    assert first.exit_code == again.exit_code == 0
    assert first.stdout == again.stdout
    assert "already added" in again.stderr
    assert len(list((workspace / "originals").glob("*.md"))) == 1


def test_add_from_standard_input_with_overrides(cli: Invoke, workspace: Path) -> None:
    text = "Workers of the depot will strike on Monday. We demand safe rosters and fair pay for every driver."
    result = cli(
        "add", "-", "--title", "Depot strike", "--date", "2024-05-02", "--org", "Depot Union", input=text
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "2024-05-02-depot-strike"
    listing = json.loads(cli("list", "--json").stdout)
    assert listing == [
        {
            "slug": "2024-05-02-depot-strike",
            "title": "Depot strike",
            "date": "2024-05-02",
            "lang": "en",
            "org": "Depot Union",
            "translations": {},
        }
    ]


def test_list_json_on_the_sample_workspace(sample_cli: Invoke) -> None:
    rows = json.loads(sample_cli("list", "--json").stdout)
    assert len(rows) == 6
    assert sorted(r["lang"] for r in rows) == ["en", "en", "en", "es", "es", "es"]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    for row in rows:
        assert set(row) == {"slug", "title", "date", "lang", "org", "translations"}
        assert row["title"] and row["org"]


def test_detect_json_is_identical_across_runs_and_processes(sample_workspace: Path) -> None:
    slug = "2023-05-01-may-day-statement-from-the-dockers-and-warehouse-workers"
    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "--root",
        str(sample_workspace),
        "detect",
        slug,
        "--blocks",
        "--json",
    ]
    outputs = {subprocess.run(cmd, capture_output=True, text=True, check=True).stdout for _ in range(2)}
    assert len(outputs) == 1
    report = json.loads(outputs.pop())
    assert report["lang"] == "en"
    assert report["confidence"] > 0.9
    slogan = [b for b in report["blocks"] if "pueblo unido" in b["text"]]
    assert slogan and slogan[0]["lang"] == "es" and slogan[0]["flagged"]
    assert not [b for b in report["blocks"] if b["flagged"] and "pueblo" not in b["text"]]


def test_detect_on_a_file_flags_the_spanish_date_line(cli: Invoke) -> None:
    report = json.loads(cli("detect", str(DATA / "wordpress-post.html"), "--blocks", "--json").stdout)
    assert report["lang"] == "en"
    flagged = [b["text"] for b in report["blocks"] if b["flagged"]]
    assert flagged == ["Santiago, 11 de julio de 2024"]


def test_detect_without_blocks_has_empty_block_list(sample_cli: Invoke) -> None:
    report = json.loads(
        sample_cli("detect", "2024-10-05-vivienda-digna-para-quien-la-habita", "--json").stdout
    )
    assert report["lang"] == "es" and report["blocks"] == []
    assert set(report) >= {"lang", "confidence", "blocks"}


def test_doctor_reports_components(cli: Invoke) -> None:
    result = cli("doctor", "--json")
    assert result.exit_code == 0
    names = {c["name"] for c in json.loads(result.stdout)}
    assert {"pandoc", "typst", "apertium", "argos es→en", "argos en→es"} <= names


# Bad input: a clear message, exit status 1, and nothing written.


def _nothing_written(workspace: Path) -> bool:
    return not list((workspace / "originals").glob("*.md"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n \n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        ("picture.png", b"\x89PNG\r\n\x1a\n", "unsupported file type"),
        ("fake.docx", b"this is not a zip", "not a valid .docx"),
        ("clutter.txt", b"Share this:\nTwitter\nFacebook\nLike Loading...\n", "no text is left"),
        (
            "french.txt",
            "Les travailleurs de la raffinerie sont en grève depuis lundi. Nous exigeons le retrait "
            "immédiat des licenciements et le respect de la convention collective.".encode(),
            "--lang es or --lang en",
        ),
    ],
)
def test_bad_input_is_refused_clearly(
    cli: Invoke, workspace: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("add", str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert _nothing_written(workspace)


def test_missing_path(cli: Invoke, workspace: Path) -> None:
    result = cli("add", "no/such/statement.txt")
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    assert _nothing_written(workspace)


def test_one_bad_file_among_good_ones_writes_nothing(cli: Invoke, workspace: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = cli("add", str(DATA / "pasted-from-web.txt"), str(tmp_path / "empty.txt"))
    assert result.exit_code == 1
    assert _nothing_written(workspace)


def test_broken_front_matter_names_file_and_line(cli: Invoke, workspace: Path) -> None:
    bad = workspace / "originals" / "broken.md"
    bad.write_text("---\ntitle: Fine\ndate: 2024-01-01\norg: [unclosed\n---\n\nText.\n")
    result = cli("list")
    assert result.exit_code == 1
    assert "broken.md, line 4" in result.stderr
    assert bad.read_text().startswith("---\ntitle: Fine")  # nothing rewritten


def test_unclosed_front_matter(cli: Invoke, workspace: Path) -> None:
    (workspace / "originals" / "open.md").write_text("---\ntitle: Never closed\n\nText.\n")
    result = cli("list")
    assert result.exit_code == 1
    assert "open.md, line 1" in result.stderr and "never closed" in result.stderr


def test_unwritable_workspace(tmp_path: Path) -> None:
    # Tests may run as root, which ignores permission bits: a file in the way is a sure refusal.
    (tmp_path / "originals").write_text("")
    result = CliRunner().invoke(app, ["--root", str(tmp_path), "add", str(DATA / "pasted-from-web.txt")])
    assert result.exit_code == 1
    assert "cannot create" in result.stderr and "writable" in result.stderr


@pytest.mark.parametrize("bad_slug", ["../escape", "a/b", "nul", "x\x00y", "..", "///"])
def test_hostile_slugs_are_refused(cli: Invoke, workspace: Path, bad_slug: str) -> None:
    result = cli("add", str(DATA / "pasted-from-web.txt"), "--slug", bad_slug)
    assert result.exit_code == 2  # a value the option cannot take: bad usage
    assert _nothing_written(workspace)
    assert not (workspace / "escape.md").exists()


def test_slug_override_is_used(cli: Invoke, workspace: Path) -> None:
    result = cli("add", str(DATA / "pasted-from-web.txt"), "--slug", "Despidos Getafe")
    assert result.stdout.strip() == "despidos-getafe"
    assert (workspace / "originals" / "despidos-getafe.md").exists()


def test_unknown_lang_option(cli: Invoke) -> None:
    result = cli("add", str(DATA / "pasted-from-web.txt"), "--lang", "fr")
    assert result.exit_code == 2 and "use es or en" in result.stderr


def test_bad_usage_exits_2(cli: Invoke) -> None:
    assert cli("add").exit_code == 2
    assert cli("no-such-command").exit_code == 2


def test_help_does_not_import_heavy_modules() -> None:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pipeline", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    for heavy in (
        "ctranslate2",
        "langdetect",
        "yaml",
        "pypandoc",
        "torch",
        "stanza",
        "argostranslate",
        "starlette",
        "uvicorn",
    ):
        assert heavy not in imported
    assert "lingua" not in imported
