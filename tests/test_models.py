"""Argos packages: install from a file (validated first), list, remove; hostile archives refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Invoke


def test_install_list_remove(cli: Invoke, tiny_argosmodel: Path, _isolated_argos: Path) -> None:
    result = cli("models", "install", str(tiny_argosmodel))
    assert result.exit_code == 0, result.output
    assert "installed es→en 0.0.1" in result.stdout
    listed = json.loads(cli("models", "list", "--json").stdout)
    assert listed == [
        {
            "from": "es",
            "to": "en",
            "version": "0.0.1",
            "name": "translate-es_en-tiny",
            "path": str(_isolated_argos / "translate-es_en-tiny"),
        }
    ]
    # argostranslate's own package module sees the same package in the same folder.
    from argostranslate import package

    found = package.get_installed_packages(path=[_isolated_argos])  # type: ignore[arg-type]
    assert [(p.from_code, p.to_code) for p in found] == [("es", "en")]
    assert cli("models", "remove", "es", "en").exit_code == 0
    assert json.loads(cli("models", "list", "--json").stdout) == []
    assert cli("models", "remove", "es", "en").exit_code == 1


def _zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return path


GOOD = {
    "pkg/metadata.json": json.dumps({"from_code": "es", "to_code": "en", "package_version": "1"}).encode(),
    "pkg/model/model.bin": b"x",
    "pkg/sentencepiece.model": b"x",
}


@pytest.mark.parametrize(
    ("members", "symlink", "message"),
    [
        ({**GOOD, "../evil.txt": b"x"}, None, "points outside"),
        ({**GOOD, "/abs/evil.txt": b"x"}, None, "points outside"),
        ({**GOOD, "pkg/../../evil.txt": b"x"}, None, "points outside"),
        (GOOD, "pkg/link", "symbolic link"),
        ({k: v for k, v in GOOD.items() if "metadata" not in k}, None, "metadata.json is missing"),
        ({k: v for k, v in GOOD.items() if "model.bin" not in k}, None, "model/ folder is missing"),
        ({k: v for k, v in GOOD.items() if "sentencepiece" not in k}, None, "no tokenizer"),
        ({**GOOD, "pkg/metadata.json": b"{not json"}, None, "not valid JSON"),
        ({**GOOD, "other/file": b"x"}, None, "one top folder"),
    ],
)
def test_hostile_or_broken_packages_are_refused(
    cli: Invoke,
    tmp_path: Path,
    _isolated_argos: Path,
    members: dict[str, bytes],
    symlink: str | None,
    message: str,
) -> None:
    archive = _zip(tmp_path / "bad.argosmodel", members, symlink)
    result = cli("models", "install", str(archive))
    assert result.exit_code == 1
    assert message in result.stderr
    assert list(_isolated_argos.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_not_a_zip(cli: Invoke, tmp_path: Path, _isolated_argos: Path) -> None:
    path = tmp_path / "x.argosmodel"
    path.write_bytes(b"hello")
    result = cli("models", "install", str(path))
    assert result.exit_code == 1 and "not a zip archive" in result.stderr
    assert list(_isolated_argos.iterdir()) == []


def test_zip_bomb_is_refused(cli: Invoke, tmp_path: Path, _isolated_argos: Path) -> None:
    path = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in GOOD.items():
            zf.writestr(name, data)
        zf.writestr("pkg/model/huge.bin", b"\0" * (20 * 1024 * 1024))
    result = cli("models", "install", str(path))
    assert result.exit_code == 1 and "zip bomb" in result.stderr
    assert list(_isolated_argos.iterdir()) == []


def test_install_from_index_offline_changes_nothing(tmp_path: Path, _isolated_argos: Path) -> None:
    env = {
        **os.environ,
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",  # nothing listens there: a fast, local refusal
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    out = subprocess.run(
        [sys.executable, "-m", "pipeline", "models", "install", "es", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 1
    assert "cannot reach the Argos package index" in out.stderr and "Nothing was changed" in out.stderr
    assert list(_isolated_argos.iterdir()) == []
