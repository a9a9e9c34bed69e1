"""Argos model packages: list, install (from the index or a file), remove.

Only `argostranslate.package` is used (the index, `Package`, its tokenizers), so this
runs the same on LibreTranslate's torch-free `argos-translate-lt` and on upstream
`argostranslate`. Installing is done here rather than by `package.install_from_path`,
because that imports `argostranslate.translate` (and upstream, stanza and torch), and
because a package file is validated completely before anything reaches the packages folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
import urllib.request
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import ModelPackageError, PipelineWarning
from pipeline.workspace import atomic_write

MAX_UNPACKED = 4 * 1024**3  # the largest real Argos package unpacks to a few hundred MB
MAX_RATIO = 200  # compression ratio beyond which a member is treated as a zip bomb
MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class PackageInfo:
    from_code: str
    to_code: str
    package_version: str
    path: Path
    name: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_code,
            "to": self.to_code,
            "version": self.package_version,
            "name": self.name,
            "path": str(self.path),
        }


def packages_dir() -> Path:
    """The standard Argos packages folder; ARGOS_PACKAGES_DIR wins, as in argostranslate."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    from argostranslate import settings

    return Path(settings.package_data_dir)


def installed_packages() -> list[Any]:
    """argostranslate Package objects for every readable translate package."""
    from argostranslate import package

    folder = packages_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            pkg = package.Package(path)
        except (OSError, ValueError) as exc:
            warnings.warn(f"skipping {path}: {exc}", PipelineWarning, stacklevel=2)
            continue
        if getattr(pkg, "type", "translate") == "translate" and pkg.from_code and pkg.to_code:
            found.append(pkg)
    return found


def info(pkg: Any) -> PackageInfo:
    return PackageInfo(
        pkg.from_code,
        pkg.to_code,
        str(pkg.package_version),
        Path(pkg.package_path),
        Path(pkg.package_path).name,
    )


def list_packages() -> list[PackageInfo]:
    return [info(p) for p in installed_packages()]


def find_package(from_code: str, to_code: str) -> Any:
    """The installed package for a pair, newest version first. Raises if there is none."""
    from packaging.version import InvalidVersion, Version

    def version(p: Any) -> Version:
        try:
            return Version(str(p.package_version))
        except InvalidVersion:
            return Version("0")

    matches = [p for p in installed_packages() if p.from_code == from_code and p.to_code == to_code]
    if not matches:
        raise ModelPackageError(
            f"no Argos package for {from_code}→{to_code} in {packages_dir()}. "
            f"Run `statements models install {from_code} {to_code}`, or install a .argosmodel file."
        )
    return max(matches, key=version)


def validate_archive(path: Path) -> dict[str, Any]:
    """Check a .argosmodel completely, before anything is extracted. Returns its metadata."""
    if not path.is_file():
        raise ModelPackageError(f"{path}: no such file.")
    if not zipfile.is_zipfile(path):
        raise ModelPackageError(
            f"{path}: not an Argos package (it is not a zip archive). Download the .argosmodel again."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise ModelPackageError(f"{path}: {len(members)} files is too many for a model package.")
            total = 0
            roots = set()
            for member in members:
                name = member.filename
                parts = Path(name.replace("\\", "/")).parts
                if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                    raise ModelPackageError(f"{path}: refused: member '{name}' points outside the package.")
                mode = member.external_attr >> 16
                if stat.S_ISLNK(mode):
                    raise ModelPackageError(f"{path}: refused: member '{name}' is a symbolic link.")
                if member.flag_bits & 0x1:
                    raise ModelPackageError(f"{path}: refused: member '{name}' is encrypted.")
                total += member.file_size
                if (
                    member.compress_size
                    and member.file_size / member.compress_size > MAX_RATIO
                    and member.file_size > 1_000_000
                ):
                    raise ModelPackageError(
                        f"{path}: refused: member '{name}' expands {member.file_size // member.compress_size}× (a zip bomb)."
                    )
                if parts:
                    roots.add(parts[0])
            if total > MAX_UNPACKED:
                raise ModelPackageError(f"{path}: refused: it would unpack to {total // 1024**2} MB.")
            if len(roots) != 1:
                raise ModelPackageError(
                    f"{path}: an Argos package holds one top folder; this one has {len(roots)}."
                )
            root = roots.pop()
            names = {m.filename.rstrip("/") for m in members}
            if f"{root}/metadata.json" not in names:
                raise ModelPackageError(f"{path}: not an Argos package: {root}/metadata.json is missing.")
            if not any(n.startswith(f"{root}/model/") for n in names):
                raise ModelPackageError(f"{path}: not an Argos package: the {root}/model/ folder is missing.")
            if not ({f"{root}/sentencepiece.model", f"{root}/bpe.model"} & names):
                raise ModelPackageError(
                    f"{path}: not an Argos package: no tokenizer ({root}/sentencepiece.model or bpe.model)."
                )
            try:
                metadata = json.loads(archive.read(f"{root}/metadata.json"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise ModelPackageError(f"{path}: metadata.json is not valid JSON ({exc}).") from exc
    except zipfile.BadZipFile as exc:
        raise ModelPackageError(f"{path}: the zip archive is damaged ({exc}). Download it again.") from exc
    if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
        raise ModelPackageError(f"{path}: metadata.json must give from_code and to_code.")
    if metadata.get("type", "translate") != "translate":
        raise ModelPackageError(f"{path}: a '{metadata.get('type')}' package, not a translation package.")
    metadata["_root"] = root
    return metadata


def install_file(path: Path) -> PackageInfo:
    """Validate, extract into a private temporary folder, then move into place in one rename."""
    from argostranslate import package

    metadata = validate_archive(path)
    root = metadata["_root"]
    dest_dir = packages_dir()
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=dest_dir))
    except OSError as exc:
        raise ModelPackageError(
            f"cannot write to {dest_dir}: {exc.strerror}. Set ARGOS_PACKAGES_DIR to a writable folder."
        ) from exc
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                target = (staging / member.filename).resolve()
                if not target.is_relative_to(staging.resolve()):
                    raise ModelPackageError(
                        f"{path}: refused: member '{member.filename}' escapes the package."
                    )
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as src, open(target, "wb") as dst:
                    written = 0
                    while chunk := src.read(1 << 20):
                        written += len(chunk)
                        if written > member.file_size:
                            raise ModelPackageError(
                                f"{path}: refused: '{member.filename}' is larger than declared."
                            )
                        dst.write(chunk)
        pkg = package.Package(staging / root)  # argostranslate reads the metadata it will use
        final = dest_dir / root
        if final.exists():
            old = dest_dir / f".old-{root}-{os.getpid()}"
            os.replace(final, old)
            os.replace(staging / root, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging / root, final)
        return PackageInfo(pkg.from_code, pkg.to_code, str(pkg.package_version), final, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def install_from_index(from_code: str, to_code: str) -> PackageInfo:
    """Download the pair's package from the Argos index, then install it like a file."""
    from argostranslate import package, settings

    from pipeline.errors import UsageError
    from pipeline.translate.engines.base import SUPPORTED_PAIRS

    if (from_code, to_code) not in SUPPORTED_PAIRS:
        raise UsageError(
            f"models install {from_code} {to_code}: statements translates Spanish↔English; "
            "install `es en` or `en es`."
        )

    index = Path(settings.local_package_index)
    try:
        # Fetched here rather than by package.update_package_index, which prints raw
        # exceptions to standard output when it is offline.
        with urllib.request.urlopen(settings.remote_package_index, timeout=30) as response:
            data = response.read()
        json.loads(data)
        index.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(index, data)
    except (OSError, ValueError) as exc:
        if not index.exists():
            raise ModelPackageError(
                f"cannot reach the Argos package index ({_reason(exc)}). Nothing was changed. "
                "Connect to the internet and try again, or download the .argosmodel file elsewhere "
                "and run `statements models install FILE.argosmodel`."
            ) from None
    available = [
        p for p in package.get_available_packages() if p.from_code == from_code and p.to_code == to_code
    ]
    if not available:
        raise ModelPackageError(
            f"the Argos index has no {from_code}→{to_code} package. "
            "Use the apertium engine, or install a .argosmodel file."
        )
    try:
        downloaded = Path(available[0].download())
    except Exception as exc:
        raise ModelPackageError(
            f"downloading the {from_code}→{to_code} package failed ({exc}). Nothing was changed. "
            "Check the connection and try again, or install a .argosmodel file."
        ) from exc
    try:
        return install_file(downloaded)
    finally:
        with contextlib.suppress(OSError):
            downloaded.unlink()


def _reason(exc: Exception) -> str:
    """Why a download failed, in words: "offline?" rather than a URLError's repr."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, OSError) and reason.errno in (-2, -3, -5):  # name resolution failed
        return "no network: offline?"
    return str(reason)


def remove(from_code: str, to_code: str) -> list[PackageInfo]:
    removed = []
    for pkg in installed_packages():
        if pkg.from_code == from_code and pkg.to_code == to_code:
            removed.append(info(pkg))
            shutil.rmtree(pkg.package_path)
    if not removed:
        raise ModelPackageError(
            f"no {from_code}→{to_code} package is installed. `statements models list` shows what is."
        )
    return removed
