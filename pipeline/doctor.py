"""`statements doctor`: what is installed, and what to do about what is missing."""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _pandoc() -> Check:
    try:
        import pypandoc

        return Check("pandoc", True, f"pandoc {pypandoc.get_pandoc_version()} (pypandoc_binary)")
    except (ImportError, OSError, RuntimeError) as exc:
        return Check("pandoc", False, str(exc), "pip install pypandoc_binary")


def _typst() -> Check:
    try:
        from importlib.metadata import version

        import typst  # noqa: F401

        return Check("typst", True, f"typst {version('typst')} (Python package)")
    except ImportError:
        return Check("typst", False, "the typst Python package is missing", "pip install typst")


def _apertium() -> Check:
    from pipeline.translate.engines.apertium import MODES, installed_modes

    missing = sorted(set(MODES.values()) - installed_modes())
    if not missing:
        return Check("apertium", True, f"{shutil.which('apertium')}: {', '.join(MODES.values())}")
    detail = (
        "apertium is not installed"
        if not shutil.which("apertium")
        else f"apertium has no {', '.join(missing)} mode"
    )
    return Check(
        "apertium",
        False,
        f"{detail}: the fallback engine is unavailable",
        "as root: apt-get install apertium-eng-spa",
    )


def _java() -> Check:
    exe = shutil.which("java")
    if not exe:
        return Check(
            "java",
            False,
            "java is missing (only EPUBCheck in the tests needs it)",
            "apt-get install default-jre-headless",
        )
    return Check("java", True, exe)


def _libretranslate() -> Check:
    """The configured LibreTranslate server: does it answer, and which of our pairs does it have."""
    from pipeline.errors import EngineError
    from pipeline.translate.engines.base import SUPPORTED_PAIRS
    from pipeline.translate.engines.libretranslate import KEY_ENV, URL_ENV, Config, LibreTranslateEngine

    name = "libretranslate"
    try:
        engine = LibreTranslateEngine(Config.from_env())
        if not engine.config.url:
            return Check(name, True, f"not configured (optional: set {URL_ENV} to use a server)")
        info = engine.server()
    except EngineError as exc:
        return Check(name, False, str(exc))  # the message says what to do
    has = [f"{s}→{t}" for s, t in sorted(SUPPORTED_PAIRS) if (s, t) in info.pairs]
    lacks = [(s, t) for s, t in sorted(SUPPORTED_PAIRS) if (s, t) not in info.pairs]
    detail = (
        f"{engine.url}: LibreTranslate {info.version}, pairs {', '.join(has) or 'none'} "
        f"(languages: {', '.join(info.languages) or 'none'})"
    )
    if lacks:
        packages = " ".join(f"translate-{s}_{t}" for s, t in lacks)
        return Check(name, False, detail, f"on the server: argospm install {packages}")
    if info.key_required and not engine.config.api_key:
        return Check(name, False, detail + "; it requires an API key", f"set {KEY_ENV}")
    return Check(name, True, detail)


def _argos() -> list[Check]:
    from pipeline.translate.engines.argos_packages import installed_packages, packages_dir

    checks = []
    try:
        packages = installed_packages()
    except Exception as exc:  # a broken package folder must not hide the rest of the report
        return [Check("argos models", False, f"cannot list packages: {exc}", "statements models list")]
    pairs = {(p.from_code, p.to_code): p for p in packages}
    for pair in (("es", "en"), ("en", "es")):
        pkg = pairs.get(pair)
        name = f"argos {pair[0]}→{pair[1]}"
        if pkg is None:
            checks.append(
                Check(
                    name,
                    False,
                    f"no package in {packages_dir()}",
                    f"statements models install {pair[0]} {pair[1]} (or a .argosmodel file)",
                )
            )
        else:
            checks.append(Check(name, True, f"version {pkg.package_version} at {pkg.package_path}"))
    return checks


def diagnose() -> list[Check]:
    checks = [_pandoc(), _typst(), _apertium()]
    checks.extend(_argos())
    checks.append(_java())
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        checks.append(Check("ARGOS_PACKAGES_DIR", True, os.environ["ARGOS_PACKAGES_DIR"]))
    checks.append(_libretranslate())
    return checks
