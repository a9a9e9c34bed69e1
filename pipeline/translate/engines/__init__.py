"""Translation engines: a registry of name → class, loaded only when an engine is chosen.

Adding an engine is one file in this folder (a subclass of `base.Engine` that implements
`translate_batch`) and one line in ENGINES; add its name to AUTO only if `--engine auto`
may pick it without being asked (a remote engine never is).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator

from pipeline.errors import EngineError, UsageError, one_of
from pipeline.translate.engines.base import SUPPORTED_PAIRS, Engine, Settings

# name -> "module:Class" (imported on first use: the CLI must start fast) or the class itself.
ENGINES: dict[str, str | type[Engine]] = {
    "argos": "pipeline.translate.engines.argos:ArgosEngine",
    "apertium": "pipeline.translate.engines.apertium:ApertiumEngine",
    "libretranslate": "pipeline.translate.engines.libretranslate:LibreTranslateEngine",
}
# What `--engine auto` tries, in order; the others stand in for it when its output is degenerate.
# LibreTranslate is not here: a remote server is only ever used when it is asked for.
AUTO: list[str] = ["argos", "apertium"]
_fallback = {"enabled": True}


def engine_class(name: str) -> type[Engine]:
    try:
        target = ENGINES[name]
    except KeyError:
        raise UsageError(f"--engine {name}: unknown engine; use {one_of(['auto', *ENGINES])}.") from None
    if isinstance(target, str):
        module, cls = target.split(":")
        target = getattr(importlib.import_module(module), cls)
        assert isinstance(target, type) and issubclass(target, Engine)
    return target


def create(name: str, settings: Settings | None = None) -> Engine:
    return engine_class(name).configure(settings or Settings())


def choose(name: str, source: str, target: str, settings: Settings | None = None) -> Engine:
    """The engine for a pair: the one named, or for `auto` the first in AUTO installed here."""
    if (source, target) not in SUPPORTED_PAIRS:
        raise EngineError(f"statements translates Spanish↔English; {source}→{target} is not supported.")
    if name != "auto":
        engine = create(name, settings)
        engine.require(source, target)
        return engine
    for candidate in AUTO:
        engine = create(candidate, settings)
        if engine.supports(source, target):
            return engine
    raise EngineError(
        f"no {source}→{target} engine is installed. Run `statements models install {source} {target}` "
        "(an Argos model), or install Debian's apertium-eng-spa (as root: apt-get install apertium-eng-spa)."
    )


def fallback_for(engine: Engine, source: str, target: str, settings: Settings | None = None) -> Engine | None:
    """The engine that stands in where `engine`'s output is degenerate: the first other one in AUTO."""
    if not _fallback["enabled"]:
        return None
    for candidate in AUTO:
        if candidate == engine.name:
            continue
        other = create(candidate, settings)
        if other.supports(source, target):
            return other
    return None


@contextlib.contextmanager
def registered(name: str, target: str | type[Engine], auto: int | None = None) -> Iterator[None]:
    """Register an engine for the duration of a block (tests, benchmarks, plug-ins), then restore.

    `auto` is its position in AUTO, or None to leave it out of `--engine auto`.
    """
    before, order = ENGINES.get(name), list(AUTO)
    ENGINES[name] = target
    if name in AUTO:
        AUTO.remove(name)
    if auto is not None:
        AUTO.insert(auto, name)
    try:
        yield
    finally:
        if before is None:
            ENGINES.pop(name, None)
        else:
            ENGINES[name] = before
        AUTO[:] = order


@contextlib.contextmanager
def fallback_disabled() -> Iterator[None]:
    """No second engine stands in for degenerate output (the guard still marks it suspect)."""
    before = _fallback["enabled"]
    _fallback["enabled"] = False
    try:
        yield
    finally:
        _fallback["enabled"] = before


__all__ = [
    "AUTO",
    "ENGINES",
    "Engine",
    "Settings",
    "choose",
    "create",
    "engine_class",
    "fallback_disabled",
    "fallback_for",
    "registered",
]
