"""Translation engines, loaded lazily by name (the CLI must start fast)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..errors import EngineError
from .base import SUPPORTED_PAIRS, Engine, Provenance

# name -> "module:Class"; a module is imported only when its engine is chosen.
ENGINES = {
    "argos": "pipeline.engines.argos:ArgosEngine",
    "apertium": "pipeline.engines.apertium:ApertiumEngine",
}


def engine_class(name: str) -> type[Engine]:
    try:
        target = ENGINES[name]
    except KeyError:
        raise EngineError(f"unknown engine '{name}'. Choose one of: auto, {', '.join(ENGINES)}.") from None
    module, cls = target.split(":")
    return getattr(importlib.import_module(module), cls)


def get_engine(name: str, options: Callable[[str], dict[str, Any]] | None = None) -> Engine:
    return engine_class(name)(**(options(name) if options else {}))


def choose(
    name: str, source: str, target: str, options: Callable[[str], dict[str, Any]] | None = None
) -> Engine:
    """The engine for a pair: `auto` prefers an installed Argos package, then Apertium."""
    if (source, target) not in SUPPORTED_PAIRS:
        raise EngineError(f"statements translates Spanish↔English; {source}→{target} is not supported.")
    if name != "auto":
        engine = get_engine(name, options)
        engine.require(source, target)
        return engine
    for candidate in ("argos", "apertium"):
        engine = get_engine(candidate, options)
        if engine.supports(source, target):
            return engine
    raise EngineError(
        f"no {source}→{target} engine is installed. Run `statements models install {source} {target}` "
        "(an Argos model), or install Debian's apertium-eng-spa (as root: apt-get install apertium-eng-spa)."
    )


__all__ = ["ENGINES", "Engine", "Provenance", "choose", "engine_class", "get_engine"]
