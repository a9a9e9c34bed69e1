"""The engine interface: one batch method; everything else is built on it."""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from typing import Any

SUPPORTED_PAIRS = frozenset({("es", "en"), ("en", "es")})


@dataclass(frozen=True)
class Provenance:
    """Who translated a segment, with what, and how: stored with every machine result."""

    engine: str
    package: str
    version: str
    settings: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def settings_key(self) -> str:
        blob = json.dumps(self.settings, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


class Engine(ABC):
    name: str = "engine"
    # Engines that carry inline markup (as <b>, <i>, <a href>) through translation.
    carries_markup: bool = False

    def __init__(self) -> None:
        self.calls = 0  # translate_batch calls that reached the engine

    @abstractmethod
    def supports(self, source: str, target: str) -> bool:
        """Whether this engine can translate the pair on this machine now."""

    @abstractmethod
    def require(self, source: str, target: str) -> None:
        """Raise EngineError, saying what to install, unless the pair is supported."""

    @abstractmethod
    def provenance(self, source: str, target: str) -> Provenance: ...

    @abstractmethod
    def _translate_batch(self, segments: list[str], source: str, target: str) -> list[str]: ...

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate many segments at once; the result has one entry per segment, in order."""
        if not segments:
            return []
        self.calls += 1
        out = self._translate_batch(segments, source, target)
        if len(out) != len(segments):
            raise RuntimeError(f"{self.name} returned {len(out)} results for {len(segments)} segments")
        return out

    def translate(self, segment: str, source: str, target: str) -> str:
        return self.translate_batch([segment], source, target)[0]
