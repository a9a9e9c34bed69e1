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
    required: bool = False  # without it, a core command cannot work: `doctor` exits 1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _pandoc() -> Check:
    try:
        import pypandoc

        return Check(
            "pandoc", True, f"pandoc {pypandoc.get_pandoc_version()} (pypandoc_binary)", required=True
        )
    except (ImportError, OSError, RuntimeError) as exc:
        return Check("pandoc", False, str(exc), "pip install pypandoc_binary", required=True)


def _typst() -> Check:
    try:
        from importlib.metadata import version

        import typst  # noqa: F401

        return Check("typst", True, f"typst {version('typst')} (Python package)", required=True)
    except ImportError:
        return Check(
            "typst", False, "the typst Python package is missing", "pip install typst", required=True
        )


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


def _names() -> list[Check]:
    from pipeline.review.lexicon import MODES, analyser_path, dictionary_path

    paths = {lang: analyser_path(lang) for lang in MODES}
    if all(paths.values()):
        names = Check(
            "names check",
            True,
            "Apertium analysers: " + ", ".join(str(p) for p in paths.values() if p),
        )
    else:
        names = Check(
            "names check",
            False,
            "no Apertium analyser (lt-proc and apertium-eng-spa): names are found by capitalisation only, "
            "which misses one-word names and flags translated institutions",
            "as root: apt-get install apertium-eng-spa",
        )
    dictionaries = {lang: dictionary_path(lang) for lang in MODES}
    if all(dictionaries.values()):
        spelling = Check("spelling lists", True, ", ".join(str(p) for p in dictionaries.values() if p))
    else:
        missing = ", ".join(sorted(lang for lang, p in dictionaries.items() if p is None))
        spelling = Check(
            "spelling lists",
            False,
            f"no hunspell dictionary for {missing}: the names check takes words Apertium lacks for names",
            "as root: apt-get install hunspell-es hunspell-en-us",
        )
    return [names, spelling]


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


def _directions() -> list[Check]:
    """Whether each direction has an engine at all (`--engine auto`)."""
    from pipeline.errors import EngineError
    from pipeline.translate.engines import choose

    checks = []
    for source, target in (("es", "en"), ("en", "es")):
        name = f"translate {source}→{target}"
        try:
            engine = choose("auto", source, target)
        except EngineError as exc:
            checks.append(Check(name, False, "no engine can translate it", str(exc), required=True))
            continue
        prov = engine.provenance(source, target)
        checks.append(Check(name, True, f"{engine.name} ({prov.package} {prov.version})", required=True))
    return checks


def diagnose() -> list[Check]:
    checks = [_pandoc(), _typst(), _apertium()]
    checks.extend(_argos())
    checks.extend(_directions())
    checks.extend(_names())
    checks.append(_java())
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        checks.append(Check("ARGOS_PACKAGES_DIR", True, os.environ["ARGOS_PACKAGES_DIR"]))
    checks.append(_libretranslate())
    return checks
