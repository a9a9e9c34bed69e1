"""Nothing lost, nothing let in: kill -9, concurrent runs, human work under random operations."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model import AlignedBlock, Alignment, PostEdit, Provenance
from pipeline.originals import load_statement
from pipeline.store import from_json, load, to_json
from pipeline.text.markdown import dump_front_matter, parse_blocks, render_blocks, split_front_matter
from pipeline.workspace import Workspace
from tests.conftest import needs_apertium

pytestmark = pytest.mark.slow

WORDS = "los trabajadores exigen salarios dignos y contratos estables en todas las fábricas del país".split()


def make_workspace(root: Path, count: int, seed: int = 3) -> Path:
    rng = random.Random(seed)
    (root / "originals").mkdir(parents=True)
    for i in range(count):
        paragraphs = [
            " ".join(f"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()} {i}-{p}-{k}."
                     for k in range(3))
            for p in range(3)
        ]  # fmt: skip
        (root / "originals" / f"s{i:03d}.md").write_text(
            f"---\ntitle: Comunicado {i}\ndate: 2024-01-{i % 28 + 1:02d}\nlang: es\n---\n\n"
            + "\n\n".join(paragraphs)
            + "\n"
        )
    return root


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(root), *args],
        capture_output=True, text=True, env=env or dict(os.environ), timeout=600,
    )  # fmt: skip


def assert_consistent(root: Path, killed: bool = False) -> None:
    """Every visible file is whole and readable; the memory passes SQLite's integrity check.

    Right after a kill (`killed`), an alignment may lack its Markdown: the process died
    between the two writes. That is allowed only with no human work in it; the next run
    writes the Markdown (checked by the callers without `killed`).
    """
    ws = Workspace.at(root)
    for path in (root / "originals").glob("*.md"):
        split_front_matter(path.read_text(encoding="utf-8"), path)
    for lang in ("es", "en"):
        folder = root / "translations" / lang
        for path in folder.glob("*.align.json") if folder.exists() else []:
            alignment = load(ws, lang, path.name.removesuffix(".align.json"))
            assert alignment is not None
            md = ws.translation_path(lang, alignment.slug)
            if killed and not md.exists():
                assert not any(b.has_human_work for b in [alignment.title, *alignment.blocks])
                continue
            assert md.exists(), f"{md} missing beside its alignment"
            _, body = split_front_matter(md.read_text(encoding="utf-8"), md)
            assert len(parse_blocks(body)) == len(alignment.blocks)
    for path in (root / "outputs").glob("*") if (root / "outputs").exists() else []:
        if path.name.startswith("."):
            continue
        data = path.read_bytes()
        if path.suffix == ".pdf":
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None
    memory = root / ".statements" / "memory.sqlite3"
    if memory.exists():
        db = sqlite3.connect(memory)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()


def no_leftovers(root: Path) -> None:
    for folder in ("originals", "translations", "outputs"):
        assert not list((root / folder).rglob(".*.tmp")) if (root / folder).exists() else True


@needs_apertium
def test_kill_9_during_translate_then_resume(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 40)
    env = {**os.environ, "STATEMENTS_CHUNK": "12"}
    rng = random.Random(11)
    done_after_kill = []
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "--root", str(root), "translate", "--engine", "apertium"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_consistent(root, killed=True)
        done_after_kill.append(len(list((root / "translations" / "en").glob("*.align.json"))))
    assert min(done_after_kill) < 40  # at least one kill landed before the job was done
    final = run(root, "translate", "--engine", "apertium", "--json", env=env)
    assert final.returncode == 0, final.stderr
    assert len(list((root / "translations" / "en").glob("*.align.json"))) == 40
    assert_consistent(root)
    no_leftovers(root)
    again = json.loads(run(root, "translate", "--json").stdout)
    assert again["engine_calls"] == 0


@needs_apertium
def test_kill_9_during_build_leaves_whole_books_or_none(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 30)
    assert run(root, "translate").returncode == 0
    rng = random.Random(5)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), "build"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.5, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_consistent(root, killed=True)
    assert run(root, "build").returncode == 0
    assert_consistent(root)
    no_leftovers(root)


@needs_apertium
def test_kill_9_during_import(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 3)
    assert run(root, "translate").returncode == 0
    exported = run(root, "export", "s001", "--to", "en").stdout
    path = tmp_path / "edit.xliff"
    path.write_text(exported.replace("</target>", " (revisado)</target>", 3))
    for delay in (0.05, 0.2, 0.4, 0.8):
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), "import", str(path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_consistent(root, killed=True)
    assert run(root, "import", str(path)).returncode == 0
    assert_consistent(root)


@needs_apertium
def test_two_translate_runs_at_once(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 30)
    env = {**os.environ, "STATEMENTS_CHUNK": "12"}
    cmd = [sys.executable, "-m", "pipeline", "--root", str(root), "translate", "--json"]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    codes = [p.returncode for p in procs]
    assert 0 in codes
    for code, (_, err) in zip(codes, outs, strict=True):
        assert code == 0 or (code == 1 and "another statements command is writing" in err)
    assert_consistent(root)
    again = json.loads(run(root, "translate", "--json").stdout)
    assert again["engine_calls"] == 0  # everything was translated once, by whichever run held the lock


@needs_apertium
def test_translate_and_build_at_once(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 20)
    assert run(root, "translate", "s000").returncode == 0
    a = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), "translate"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    b = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), "build", "--format", "epub"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    for proc in (a, b):
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0 or "another statements command is writing" in err
    assert_consistent(root)


# Human work is sacred: random sequences of operations, with a fast deterministic engine.


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 3)),
        st.tuples(st.just("review"), st.integers(0, 3)),
        st.tuples(st.just("change"), st.integers(0, 3)),
        st.tuples(st.just("translate"), st.just(0)),
        st.tuples(st.just("import"), st.integers(0, 3)),
        st.tuples(st.just("drop_last"), st.just(0)),
        st.tuples(st.just("glossary"), st.integers(0, 3)),
    ),
    min_size=1,
    max_size=8,
)


def _set_md_block(md: Path, index: int, text: str) -> None:
    meta, body = split_front_matter(md.read_text(encoding="utf-8"))
    blocks = parse_blocks(body)
    blocks[index] = blocks[index].with_text(text)
    md.write_text(dump_front_matter(meta, render_blocks(blocks)), encoding="utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(OPS)
def test_human_work_is_never_lost(
    tmp_path_factory: pytest.TempPathFactory, echo_engine: None, ops: list[tuple[str, int]]
) -> None:
    from pipeline import glossary
    from pipeline.interchange import export, import_file
    from pipeline.review.status import mark_reviewed
    from pipeline.store import open_alignment
    from pipeline.translate import Options, translate

    root = tmp_path_factory.mktemp("sacred")
    (root / "originals").mkdir()
    original = root / "originals" / "s.md"
    paragraphs = [f"Párrafo número {i} del comunicado." for i in range(4)]
    original.write_text("---\ntitle: Prueba\nlang: es\n---\n\n" + "\n\n".join(paragraphs) + "\n")
    ws = Workspace.at(root)
    translate(ws, ["s"], "en", Options(engine="echo"))
    md = ws.translation_path("en", "s")
    expected: dict[str, str] = {}  # unique human text -> what must still hold it ("block" or "orphan")
    counter = 0
    for op, i in ops:
        alignment = open_alignment(ws, load_statement(ws, "s"), "en")
        n = len(alignment.blocks)
        i = i % n if n else 0
        counter += 1
        if op == "edit" and n:
            text = f"Edición humana {counter}."
            old = alignment.blocks[i].human
            _set_md_block(md, i, text)
            expected.pop(old, None)  # replaced by a person, on purpose
            expected[text] = "kept"
        elif op == "review" and n:
            mark_reviewed(ws, "s", "en", [i])
            expected[open_alignment(ws, load_statement(ws, "s"), "en").blocks[i].human or ""] = "kept"
        elif op == "change" and n:
            paragraphs[i] = paragraphs[i].rstrip(".") + f" y cambio {counter}."
            original.write_text("---\ntitle: Prueba\nlang: es\n---\n\n" + "\n\n".join(paragraphs) + "\n")
            had_human = alignment.blocks[i].has_human_work
            translate(ws, ["s"], "en", Options(engine="echo"))
            block = open_alignment(ws, load_statement(ws, "s"), "en").blocks[i]
            if had_human:
                assert block.status == "stale" and block.previous_source is not None
        elif op == "translate":
            translate(ws, ["s"], "en", Options(engine="echo"))
        elif op == "import" and n:
            data = export(ws, "s", "en", "xliff").decode()
            unit_target = alignment.blocks[i].current
            text = f"Importado {counter}."
            if f">{unit_target}</target>" not in data:
                continue
            data = data.replace(f">{unit_target}</target>", f">{text}</target>", 1)
            path = root / f"import{counter}.xliff"
            path.write_text(data)
            old = alignment.blocks[i].human
            import_file(ws, path)
            expected.pop(old, None)
            expected[text] = "kept"
        elif op == "drop_last" and len(paragraphs) > 1:
            paragraphs.pop()
            original.write_text("---\ntitle: Prueba\nlang: es\n---\n\n" + "\n\n".join(paragraphs) + "\n")
            translate(ws, ["s"], "en", Options(engine="echo"))
        elif op == "glossary":
            # A term of the text enters or leaves the glossary: machine blocks are redone, human ones not.
            terms = (
                []
                if glossary.load(ws)
                else [glossary.Term(["comunicado", "número", "Párrafo", "del"][i], "X")]
            )
            glossary.save(ws, terms)
            translate(ws, ["s"], "en", Options(engine="echo"))
        # Invariant: every human text still stands in a block or is kept among the orphans.
        current = open_alignment(ws, load_statement(ws, "s"), "en")
        held = {b.human for b in current.blocks if b.human} | {b.human for b in current.orphans if b.human}
        missing = [t for t in expected if t not in held]
        assert not missing, f"human work lost after {op}: {missing}"
        assert all(b.status in ("machine", "edited", "reviewed", "stale", "suspect") for b in current.blocks)


# Round trips.

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
_block = st.builds(
    AlignedBlock,
    index=st.integers(-1, 50), kind=st.sampled_from(["paragraph", "heading", "item", "title"]),
    prefix=st.sampled_from(["", "## ", "1. ", "- "]), source=_text, source_hash=_text, sep=st.sampled_from(["\n", "\n\n"]),
    machine=st.one_of(st.none(), _text), human=st.one_of(st.none(), _text),
    status=st.sampled_from(["machine", "edited", "reviewed", "stale", "suspect"]),
    provenance=st.one_of(st.none(), st.builds(Provenance, engine=_text, package=_text, version=_text,
                                              settings=st.dictionaries(_text, st.integers()),
                                              fallback=st.one_of(st.none(), st.builds(Provenance, _text, _text, _text)),
                                              glossary=st.lists(st.tuples(_text, _text), max_size=2).map(tuple),
                                              postedits=st.lists(st.builds(PostEdit, _text, _text, _text), max_size=2).map(tuple))),
    flags=st.lists(st.sampled_from(["kept", "markup_lost", "fallback", "suspect"]), unique=True),
    previous_source=st.one_of(st.none(), _text),
    lang=st.one_of(st.none(), st.sampled_from(["es", "en"])),
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(_block, st.lists(_block, max_size=4), st.lists(_block, max_size=2), st.lists(_text, max_size=3))
def test_store_file_round_trip_is_identity(
    title: AlignedBlock, blocks: list[AlignedBlock], orphans: list[AlignedBlock], dismissed: list[str]
) -> None:
    alignment = Alignment("slug", "es", "en", title, blocks, orphans, {"date": "2024-01-01"}, dismissed)
    text = to_json(alignment)
    again = from_json(text, Path("x.align.json"))
    assert again == alignment
    assert to_json(again) == text


@needs_apertium
@pytest.mark.parametrize("fmt", ["xliff", "po", "tmx"])
def test_interchange_round_trip_without_edits_changes_nothing(tmp_path: Path, fmt: str) -> None:
    root = make_workspace(tmp_path / "ws", 1)
    (root / "originals" / "s000.md").write_text(
        '---\ntitle: Prueba <b>&amp;</b>\nlang: es\n---\n\nTexto con "comillas", <etiquetas> & símbolos: #, $, @.\n\n'
        "1. Un punto con *énfasis* y [enlace](https://example.org/a?b=1&c=2).\n"
    )
    assert run(root, "translate").returncode == 0
    before = (root / "translations" / "en" / "s000.align.json").read_text()
    data = run(root, "export", "s000", "--to", "en", "--format", fmt).stdout
    (tmp_path / f"x.{fmt}").write_text(data)
    result = run(root, "import", str(tmp_path / f"x.{fmt}"), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["updated"] == []
    assert (root / "translations" / "en" / "s000.align.json").read_text() == before


_html_piece = st.sampled_from([
    "<p>", "</p>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:x()">',
    "</a>", "<iframe src=//evil>", "<svg onload=alert(1)>", "<style>p{}</style>", "<ul><li>", "</li></ul>",
    "<h1>", "</h1>", '<a href="https://ok.example/">', "<!-- c -->", "<![CDATA[x]]>", "&amp;", "&#x3C;script",
    "<base href=//evil>", '<meta http-equiv="refresh" content="0;url=//evil">', "Texto normal.", "Otra frase aquí.",
])  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_html_piece, min_size=1, max_size=25), st.text(max_size=40))
def test_hostile_html_never_crashes_and_keeps_no_active_content(pieces: list[str], noise: str) -> None:
    from pipeline.errors import PipelineError
    from pipeline.ingest import Overrides, Source, ingest

    html = "".join(pieces) + noise
    try:
        result = ingest(Source("x.html", "html", html.encode("utf-8", "surrogatepass")), Overrides(lang="es"))
    except PipelineError:
        return
    out = result.body.lower()
    # Escaped text ("\\<script", from "&#x3C;script" in the page) is words, not a tag.
    assert not re.search(r"(?<!\\)<(script|iframe|svg|img|base|meta|style)", out)
    for bad in ("onerror", "onload", "javascript:", "http-equiv", "//evil"):
        assert bad not in out


def test_sweep_removes_half_written_files(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 1)
    left = root / "originals" / ".s000.md.abc123.tmp"
    left.write_text("half a statem")
    ws = Workspace.at(root)
    with ws.lock():
        pass
    assert not left.exists()
    assert (root / "originals" / "s000.md").exists()


def test_crash_between_the_alignment_and_the_markdown_invents_no_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, echo_engine: None
) -> None:
    """A kill after the new alignment is written but before the Markdown beside it: the old
    Markdown is machine text the alignment has already absorbed, not a person's edit."""
    import pipeline.store as store
    from pipeline.translate import Options, translate

    root = tmp_path / "ws"
    (root / "originals").mkdir(parents=True)
    original = root / "originals" / "s.md"
    original.write_text("---\ntitle: Prueba\nlang: es\n---\n\nUno dos.\n\nTres cuatro.\n")
    ws = Workspace.at(root)
    translate(ws, ["s"], "en", Options(engine="echo"))
    md = ws.translation_path("en", "s")
    md.write_text(md.read_text().replace("TRES CUATRO.", "Three four, by hand."))  # a real edit
    original.write_text("---\ntitle: Prueba\nlang: es\n---\n\nUno dos cambiado.\n\nTres cuatro.\n")

    real_write = store.atomic_write

    def killed_after_the_alignment(path: Path, text: str) -> None:
        if path.suffix == ".md":
            raise KeyboardInterrupt  # the process dies before the Markdown is replaced
        real_write(path, text)

    monkeypatch.setattr(store, "atomic_write", killed_after_the_alignment)
    with pytest.raises(KeyboardInterrupt):
        translate(ws, ["s"], "en", Options(engine="echo"))
    monkeypatch.setattr(store, "atomic_write", real_write)
    assert "UNO DOS." in md.read_text()  # the stale Markdown is still there

    translate(ws, ["s"], "en", Options(engine="echo"))
    blocks = load(ws, "en", "s").blocks  # type: ignore[union-attr]
    assert (blocks[0].status, blocks[0].current) == ("machine", "UNO DOS CAMBIADO.")
    assert (blocks[1].status, blocks[1].current) == ("edited", "Three four, by hand.")
    assert "UNO DOS CAMBIADO." in md.read_text() and "Three four, by hand." in md.read_text()
