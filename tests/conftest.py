"""Shared fixtures: temporary workspaces and a CLI runner bound to them."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pipeline.cli import app

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"

Invoke = Callable[..., Result]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "originals").mkdir(parents=True)
    return root


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    """A copy of the repository's sample originals."""
    root = tmp_path / "sample"
    shutil.copytree(REPO / "originals", root / "originals")
    return root


@pytest.fixture
def cli(workspace: Path) -> Invoke:
    return make_invoker(workspace)


@pytest.fixture
def sample_cli(sample_workspace: Path) -> Invoke:
    return make_invoker(sample_workspace)


def make_invoker(root: Path) -> Invoke:
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, ["--root", str(root), *args], input=input)

    return invoke


def apertium_ready() -> bool:
    import shutil
    import subprocess

    if not shutil.which("apertium"):
        return False
    modes = subprocess.run(["apertium", "-l"], capture_output=True, text=True).stdout.split()
    return {"spa-eng", "eng-spa"} <= set(modes)


needs_apertium = pytest.mark.skipif(
    not apertium_ready(),
    reason="APERTIUM MISSING: Debian's apertium-eng-spa is not installed (run `make setup` as root); "
    "real-translation tests cannot run",
)


@pytest.fixture(autouse=True)
def _isolated_argos(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test sees its own empty Argos packages folder, never the user's real one."""
    folder = tmp_path_factory.mktemp("argos-packages")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny real es→en Argos package file, built once per session (under a second)."""
    from tests.tiny_argos import build_package

    return build_package(tmp_path_factory.mktemp("tiny-argos"), "es", "en", version="0.0.1")


@pytest.fixture
def short_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    # A random model never emits end-of-sentence: cap its output so tests stay quick.
    monkeypatch.setenv("STATEMENTS_MAX_DECODING_LENGTH", "12")


@pytest.fixture
def echo_engine() -> Iterator[None]:
    """The `echo` engine (upper-cases its input), registered for one test."""
    from pipeline.translate import engines

    from .fakes import EchoEngine

    with engines.registered("echo", EchoEngine):
        yield


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str]]]:
    """Every batch that reaches an engine, through the Engine interface."""
    from pipeline.translate.engines.base import Engine

    seen: list[tuple[str, list[str]]] = []
    original = Engine._checked

    def spy(self: Engine, segments: list[str], out: list[str]) -> list[str]:
        seen.append((self.name, list(segments)))
        return original(self, segments, out)

    monkeypatch.setattr(Engine, "_checked", spy)
    return seen
