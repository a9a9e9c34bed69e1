"""The engine interface: one batch method; everything else is built on it."""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
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

    def _start(self, segments: list[str], source: str, target: str) -> Callable[[], list[str]]:
        """Begin translating `segments`; the function returned waits for the outputs.

        Engines that work in the background (Argos) start at once; the others translate
        when the result is asked for.
        """
        return lambda: self._translate_batch(segments, source, target)

    def _checked(self, segments: list[str], out: list[str]) -> list[str]:
        self.calls += 1
        if len(out) != len(segments):
            raise RuntimeError(f"{self.name} returned {len(out)} results for {len(segments)} segments")
        return out

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate many segments at once; the result has one entry per segment, in order."""
        if not segments:
            return []
        return self._checked(segments, self._start(segments, source, target)())

    def translate_chunks(
        self, segments: list[str], source: str, target: str, size: int
    ) -> Iterator[tuple[list[str], list[str]]]:
        """Translate consecutive chunks of `size` segments, yielding each with its outputs.

        The next chunk is started before this one is handed back, so an engine working in
        the background keeps translating while the caller saves what is done.
        """
        chunks = [segments[i : i + size] for i in range(0, len(segments), size)]
        waiting = self._start(chunks[0], source, target) if chunks else None
        for i, chunk in enumerate(chunks):
            following = self._start(chunks[i + 1], source, target) if i + 1 < len(chunks) else None
            assert waiting is not None
            yield chunk, self._checked(chunk, waiting())
            waiting = following

    def translate(self, segment: str, source: str, target: str) -> str:
        return self.translate_batch([segment], source, target)[0]
