"""Shared fixtures: temporary workspaces and a CLI runner bound to them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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
