"""`make demo` translates a copy of the sample for real and leaves the repository as it was."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, needs_apertium

pytestmark = pytest.mark.slow


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


@needs_apertium
@pytest.mark.skipif(not (shutil.which("make") and shutil.which("git")), reason="needs make and git")
def test_make_demo_translates_a_copy_and_leaves_a_fresh_clone_clean(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    # A fresh clone of the working tree: every tracked (or new, not ignored) file, committed.
    clone = tmp_path / "clone"
    listed = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, clone / name)
    _git("init", "-q", cwd=clone)
    _git("add", "-A", cwd=clone)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "clone", cwd=clone)
    # The test's own environment stands in for the .venv that `make demo` would create; make
    # must not reinstall into it (-o pyproject.toml), and ARGOS=no keeps the index untouched.
    venv = Path(sys.executable).parent.parent
    command = ["make", "-o", "pyproject.toml", "demo", f"VENV={venv}", "ARGOS=no"]
    planned = subprocess.run([*command[:1], "-n", *command[1:]], cwd=clone, capture_output=True, text=True)
    if "pip install" in planned.stdout or not (venv / ".installed-stamp").exists():
        pytest.skip("the test environment was not made by `make setup`")
    done = subprocess.run(command, cwd=clone, capture_output=True, text=True, timeout=900)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # Offline, one line says Apertium is used and how to get the Argos models.
    [line] = [line for line in done.stdout.splitlines() if "Apertium" in line]
    assert "statements models install es en" in line
    # A real translation happened, from scratch.
    found = re.search(r"(\d+) segments, 0 from memory, (\d+) engine calls", output)
    assert found and int(found.group(1)) > 50 and int(found.group(2)) > 0, output
    books = sorted(p.name for p in (clone / "outputs" / "demo" / "outputs").iterdir())
    assert books == sorted(
        f"statements-{n}.{ext}" for n in ("es", "en", "es-en") for ext in ("epub", "pdf", "imposed.pdf")
    )
    assert "outputs/demo/outputs/" in done.stdout
    assert _git("status", "--porcelain", "--untracked-files=all", cwd=clone) == ""
