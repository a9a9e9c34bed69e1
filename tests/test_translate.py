"""Translation: engines, batching, the memory, the aligned store and human edits."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Invoke, make_invoker, needs_apertium

ES_SLUG = "2024-03-08-por-la-igualdad-salarial-en-las-fabricas-textiles"
EN_SLUG = "2023-05-01-may-day-statement-from-the-dockers-and-warehouse-workers"


def _json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _align(root: Path, lang: str, slug: str) -> dict[str, Any]:
    return json.loads((root / "translations" / lang / f"{slug}.align.json").read_text())  # type: ignore[no-any-return]


@needs_apertium
def test_apertium_translates_the_sample_block_by_block(
    sample_cli: Invoke, sample_workspace: Path, batches: list
) -> None:
    summary = _json(sample_cli("translate", "--json"))
    assert set(summary) >= {"segments", "memory_hits", "engine_calls", "seconds", "statements"}
    assert summary["engine_calls"] == 2  # one batch per language pair, never one per segment
    assert [name for name, _ in batches] == ["apertium", "apertium"]
    assert summary["segments"] > 50
    original = (sample_workspace / "originals" / f"{ES_SLUG}.md").read_text()
    translated = (sample_workspace / "translations" / "en" / f"{ES_SLUG}.md").read_text()
    assert "translation_of: " + ES_SLUG in translated and "source_lang: es" in translated
    assert "## Our claims" in translated  # headings stay headings
    assert "1. The same salary by equal work" in translated
    assert "*Neither a step backwards!*" in translated  # a wrapper is stripped and restored
    # Block structure is the original's, block for block.
    from pipeline.text.markdown import parse_blocks, split_front_matter

    src_blocks = parse_blocks(split_front_matter(original)[1])
    dst_blocks = parse_blocks(split_front_matter(translated)[1])
    assert [(b.kind, b.prefix) for b in src_blocks] == [(b.kind, b.prefix) for b in dst_blocks]
    data = _align(sample_workspace, "en", ES_SLUG)
    first = data["blocks"][1]
    assert first["source"].startswith("En este Día Internacional")
    assert (
        first["provenance"]["engine"] == "apertium" and first["provenance"]["package"] == "apertium-eng-spa"
    )
    assert first["status"] == "machine" and first["source_hash"].startswith("sha256:")


@needs_apertium
def test_second_run_calls_no_engine(sample_cli: Invoke, batches: list) -> None:
    _json(sample_cli("translate", "--json"))
    calls_before = len(batches)
    again = _json(sample_cli("translate", "--json"))
    assert again["engine_calls"] == 0
    assert len(batches) == calls_before


@needs_apertium
def test_memory_serves_a_rebuilt_translation(sample_cli: Invoke, sample_workspace: Path) -> None:
    _json(sample_cli("translate", ES_SLUG, "--json"))
    import shutil

    shutil.rmtree(sample_workspace / "translations")
    again = _json(sample_cli("translate", ES_SLUG, "--json"))
    assert again["engine_calls"] == 0
    assert again["memory_hits"] == again["segments"] > 0


@needs_apertium
def test_a_slogan_in_the_target_language_is_carried_over(sample_cli: Invoke, sample_workspace: Path) -> None:
    _json(sample_cli("translate", EN_SLUG, "--json"))
    translated = (sample_workspace / "translations" / "es" / f"{EN_SLUG}.md").read_text()
    assert "> ¡El pueblo unido jamás será vencido!" in translated
    kept = [b for b in _align(sample_workspace, "es", EN_SLUG)["blocks"] if "kept" in b["flags"]]
    assert [b["source"] for b in kept] == ["¡El pueblo unido jamás será vencido!"]


@needs_apertium
def test_edit_survives_and_only_the_changed_block_is_retranslated(
    sample_cli: Invoke, sample_workspace: Path, batches: list
) -> None:
    _json(sample_cli("translate", ES_SLUG, "--json"))
    md = sample_workspace / "translations" / "en" / f"{ES_SLUG}.md"
    md.write_text(md.read_text().replace("## Our claims", "## Our demands"))
    original = sample_workspace / "originals" / f"{ES_SLUG}.md"
    original.write_text(
        original.read_text().replace("Guarderías en los polígonos", "Guarderías gratuitas en los polígonos")
    )
    batches.clear()
    summary = _json(sample_cli("translate", ES_SLUG, "--json"))
    assert summary["engine_calls"] == 1
    assert batches == [
        ("apertium", ["Guarderías gratuitas en los polígonos industriales, financiadas por las empresas."])
    ]
    text = md.read_text()
    assert "## Our demands" in text
    assert "Free nurseries" in text
    blocks = _align(sample_workspace, "en", ES_SLUG)["blocks"]
    statuses = {b["index"]: b["status"] for b in blocks}
    assert statuses[3] == "edited"
    assert blocks[3]["human"] == "Our demands" and blocks[3]["machine"] == "Our claims"


@needs_apertium
def test_reviewed_block_whose_source_changes_goes_stale_with_previous_source(
    sample_cli: Invoke, sample_workspace: Path
) -> None:
    _json(sample_cli("translate", ES_SLUG, "--json"))
    assert sample_cli("review", ES_SLUG, "--to", "en", "--block", "3").exit_code == 0
    original = sample_workspace / "originals" / f"{ES_SLUG}.md"
    original.write_text(original.read_text().replace("## Nuestras reivindicaciones", "## Nuestras demandas"))
    _json(sample_cli("translate", ES_SLUG, "--json"))
    block = _align(sample_workspace, "en", ES_SLUG)["blocks"][3]
    assert block["status"] == "stale"
    assert block["human"] == "Our claims"  # the reviewed text is kept, not overwritten
    assert block["previous_source"] == "Nuestras reivindicaciones"
    assert block["source"] == "Nuestras demandas"
    assert "## Our claims" in (sample_workspace / "translations" / "en" / f"{ES_SLUG}.md").read_text()
    status = _json(sample_cli("status", ES_SLUG, "--to", "en", "--json"))
    assert status["translations"][0]["counts"]["stale"] == 1


@needs_apertium
def test_reviewed_translation_is_reused_for_identical_text(
    cli: Invoke, workspace: Path, batches: list
) -> None:
    one = "La asamblea votó la huelga indefinida.\n\nNo aceptaremos ningún despido en la planta.\n"
    (workspace / "originals" / "uno.md").write_text("---\ntitle: Uno\nlang: es\n---\n\n" + one)
    _json(cli("translate", "uno", "--json"))
    md = workspace / "translations" / "en" / "uno.md"
    md.write_text(
        md.read_text().replace(
            md.read_text().split("\n\n")[-1].strip(), "We will accept no dismissal at the plant."
        )
    )
    assert cli("review", "uno", "--to", "en", "--all").exit_code == 0
    (workspace / "originals" / "dos.md").write_text(
        "---\ntitle: Dos\nlang: es\n---\n\nNo aceptaremos ningún despido en la planta.\n"
    )
    batches.clear()
    _json(cli("translate", "dos", "--json"))
    assert batches == [("apertium", ["Dos"])]  # only the title needed the engine
    assert (
        "We will accept no dismissal at the plant."
        in (workspace / "translations" / "en" / "dos.md").read_text()
    )


@needs_apertium
def test_inline_markup_is_carried_by_apertium(cli: Invoke, workspace: Path) -> None:
    body = (
        "Apoyamos al [sindicato de limpieza](https://example.org/sindicato) y a su **huelga** indefinida.\n"
    )
    (workspace / "originals" / "m.md").write_text("---\ntitle: M\nlang: es\n---\n\n" + body)
    _json(cli("translate", "m", "--json"))
    text = (workspace / "translations" / "en" / "m.md").read_text()
    assert re.search(r"\[[^\]]+\]\(https://example.org/sindicato\)", text)
    assert re.search(r"\*\*\w+\*\*", text)
    assert "markup_lost" not in json.dumps(_align(workspace, "en", "m"))


@needs_apertium
def test_hand_added_block_is_refused_without_loss(sample_cli: Invoke, sample_workspace: Path) -> None:
    _json(sample_cli("translate", ES_SLUG, "--json"))
    md = sample_workspace / "translations" / "en" / f"{ES_SLUG}.md"
    edited = md.read_text() + "\nAn extra paragraph a person added.\n"
    md.write_text(edited)
    result = sample_cli("translate", ES_SLUG)
    assert result.exit_code == 1 and "blocks" in result.stderr
    assert md.read_text() == edited


@needs_apertium
def test_interrupted_run_resumes(
    sample_cli: Invoke, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.translate import engines

    from .fakes import InterruptedApertium

    monkeypatch.setenv("STATEMENTS_CHUNK", "10")
    with engines.registered("apertium", InterruptedApertium, auto=1):
        result = sample_cli("translate", "--to", "en", "--json")
    assert result.exit_code == 130 and "run the command again" in result.stderr
    assert InterruptedApertium.started >= 3
    summary = _json(sample_cli("translate", "--to", "en", "--json"))
    assert summary["memory_hits"] >= 20  # the two chunks finished before Ctrl-C are not redone
    assert summary["segments"] - summary["memory_hits"] > 0
    for path in (sample_workspace / "translations" / "en").glob("*.align.json"):
        json.loads(path.read_text())  # every file written is whole


def test_no_engine_for_the_pair(cli: Invoke, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.translate.engines.apertium as ap

    monkeypatch.setattr(ap, "installed_modes", lambda: frozenset())
    (workspace / "originals" / "x.md").write_text("---\ntitle: X\nlang: es\n---\n\nHola a todas.\n")
    result = cli("translate", "x")
    assert result.exit_code == 1
    assert "statements models install es en" in result.stderr and "apertium-eng-spa" in result.stderr
    assert not (workspace / "translations").exists()


def test_unsupported_pair_and_unknown_statement(cli: Invoke, workspace: Path) -> None:
    (workspace / "originals" / "x.md").write_text("---\ntitle: X\nlang: es\n---\n\nHola a todas.\n")
    result = cli("translate", "x", "--to", "fr")
    assert result.exit_code == 2 and "use es or en" in result.stderr
    result = cli("translate", "nope")
    assert result.exit_code == 1 and "no statement 'nope'" in result.stderr
    result = cli("translate", "x", "--engine", "google")
    assert result.exit_code == 2 and "unknown engine" in result.stderr


# The tiny real Argos package.


@pytest.fixture
def argos_cli(sample_workspace: Path, tiny_argosmodel: Path, short_decoding: None) -> Invoke:
    invoke = make_invoker(sample_workspace)
    result = invoke("models", "install", str(tiny_argosmodel))
    assert result.exit_code == 0, result.output
    return invoke


def test_argos_translates_in_one_batch_with_provenance(
    argos_cli: Invoke, sample_workspace: Path, batches: list
) -> None:
    summary = _json(argos_cli("translate", "--to", "en", "--engine", "argos", "--json"))
    argos_batches = [segs for name, segs in batches if name == "argos"]
    # All pending segments of all three Spanish statements reach the model in one batch.
    assert len(argos_batches) == 1
    assert len(argos_batches[0]) == len(set(argos_batches[0])) == summary["segments"] - summary["memory_hits"]
    assert len(argos_batches[0]) > 30
    data = _align(sample_workspace, "en", ES_SLUG)
    prov = data["blocks"][1]["provenance"]
    assert prov["engine"] == "argos"
    assert prov["package"] == "translate-es_en-tiny" and prov["version"] == "0.0.1"
    assert prov["settings"]["beam_size"] == 4 and prov["settings"]["length_penalty"] == 0.2
    for block in data["blocks"]:
        assert "▁" not in (block["machine"] or "")  # detokenised


@pytest.mark.parametrize("hypotheses", [4, 8, 64])
def test_argos_results_come_back_in_order(
    tiny_argosmodel: Path, _isolated_argos: Path, short_decoding: None, hypotheses: int
) -> None:
    from pipeline.translate.engines.argos import ArgosEngine
    from pipeline.translate.engines.argos_packages import install_file

    install_file(tiny_argosmodel)
    # 4 hypotheses at beam 4: one segment per model batch, all queued at once to the workers.
    engine = ArgosEngine(max_decoding_length=12, batch_hypotheses=hypotheses, threads=2)
    segments = [
        "La huelga continuará.",
        "Exigimos la readmisión inmediata de todos los despedidos ya.",
        "Hola.",
        "",
        "Nos vemos en la calle el día 8.",
    ]
    together = engine.translate_batch(segments, "es", "en")
    alone = [engine.translate(s, "es", "en") if s else "" for s in segments]
    assert together == alone  # sorting and splitting into batches does not shuffle results
    assert together[3] == "" and all(together[i] for i in (0, 1, 2, 4))


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(1, 300), max_size=60).map(sorted),
    max_examples=st.integers(1, 20),
    max_tokens=st.integers(1, 2048),
)
def test_pack_covers_every_segment_once_within_the_limits(
    lengths: list[int], max_examples: int, max_tokens: int
) -> None:
    from pipeline.translate.engines.argos import pack

    batches = pack(lengths, max_examples, max_tokens)
    assert [p for batch in batches for p in batch] == list(range(len(lengths)))
    for batch in batches:
        assert 1 <= len(batch) <= max_examples
        widest = max(lengths[p] for p in batch)
        assert len(batch) == 1 or len(batch) * widest <= max_tokens
    for before, after in itertools.pairwise(batches):
        # a batch closes only when the next segment would not fit
        grown = before + after[:1]
        assert len(grown) > max_examples or len(grown) * max(lengths[p] for p in grown) > max_tokens


def test_argos_second_run_uses_the_memory(argos_cli: Invoke, batches: list) -> None:
    _json(argos_cli("translate", ES_SLUG, "--engine", "argos", "--json"))
    batches.clear()
    summary = _json(argos_cli("translate", ES_SLUG, "--engine", "argos", "--json", "--force"))
    assert summary["engine_calls"] == 0 and batches == []
    assert summary["memory_hits"] == summary["segments"] > 0


def test_degenerate_output_is_caught_and_marked_suspect(
    argos_cli: Invoke, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.translate import engines

    from .fakes import StutteringArgos

    with engines.registered("argos", StutteringArgos, auto=0), engines.fallback_disabled():
        _json(argos_cli("translate", ES_SLUG, "--engine", "argos", "--json"))
    block = _align(sample_workspace, "en", ES_SLUG)["blocks"][1]
    assert block["status"] == "suspect" and "suspect" in block["flags"]


@needs_apertium
def test_degenerate_output_falls_back_to_apertium(
    argos_cli: Invoke, sample_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.translate import engines

    from .fakes import StutteringArgos

    with engines.registered("argos", StutteringArgos, auto=0):
        _json(argos_cli("translate", ES_SLUG, "--engine", "argos", "--json"))
    block = _align(sample_workspace, "en", ES_SLUG)["blocks"][1]
    assert block["status"] == "machine" and "fallback" in block["flags"]
    assert block["provenance"]["fallback"]["engine"] == "apertium"
    assert "mainstre" not in block["machine"] and "22%" in block["machine"]  # post-edited: "22 %"


def test_translate_never_imports_torch_or_stanza(argos_cli: Invoke, sample_workspace: Path) -> None:
    import os

    env = {**os.environ, "STATEMENTS_MAX_DECODING_LENGTH": "8"}
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pipeline", "--root", str(sample_workspace), "translate",
         ES_SLUG, "--engine", "argos", "--json"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    assert "ctranslate2" in imported  # the check would notice a real import
    for banned in ("torch", "stanza", "argostranslate.translate", "spacy"):
        assert banned not in imported


def test_argos_flags_inline_markup_it_cannot_carry(argos_cli: Invoke, sample_workspace: Path) -> None:
    (sample_workspace / "originals" / "enlace.md").write_text(
        "---\ntitle: Enlace\nlang: es\n---\n\nApoyamos al [sindicato](https://example.org/) en su **huelga**.\n\n"
        "**Madrid, 3 de marzo de 2024.**\n"
    )
    _json(argos_cli("translate", "enlace", "--engine", "argos", "--json"))
    blocks = _align(sample_workspace, "en", "enlace")["blocks"]
    assert "markup_lost" in blocks[0]["flags"]  # the link cannot go through this model safely
    assert "](" not in blocks[0]["machine"]  # no half-translated markup is left behind
    assert blocks[1]["machine"].startswith("**") and blocks[1]["machine"].endswith(
        "**"
    )  # a wrapper is restored
    assert "markup_lost" not in blocks[1]["flags"]


def test_argos_bpe_package_with_moses_tokenization(
    tmp_path: Path, sample_workspace: Path, short_decoding: None
) -> None:
    """Argos also ships BPE packages (bpe.model, Moses pre-tokenization): the es→en 1.9 one is."""
    from tests.tiny_argos import build_package

    archive = build_package(tmp_path, "es", "en", version="1.9", bpe=True)
    invoke = make_invoker(sample_workspace)
    assert invoke("models", "install", str(archive)).exit_code == 0
    summary = _json(invoke("translate", ES_SLUG, "--engine", "argos", "--json"))
    assert summary["engine_calls"] >= 1
    data = _align(sample_workspace, "en", ES_SLUG)
    assert data["blocks"][1]["provenance"]["package"] == "translate-es_en-tiny-bpe"
    for block in data["blocks"]:
        assert "@@" not in (block["machine"] or "")  # BPE joins undone by the package's detokenizer
