"""The engine interface: one batch method to implement; chunking and prefetch are built on it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from pipeline.errors import EngineError
from pipeline.model import Provenance

SUPPORTED_PAIRS = frozenset({("es", "en"), ("en", "es")})


@dataclass(frozen=True)
class Settings:
    """What a user sets on the command line for every engine; each engine takes what applies."""

    beam_size: int = 4
    length_penalty: float = 0.2


class Engine(ABC):
    name: ClassVar[str] = "engine"
    # Engines that carry inline markup (as <b>, <i>, <a href>) through translation.
    carries_markup: ClassVar[bool] = False

    def __init__(self) -> None:
        self.calls = 0  # batches that reached the engine

    @classmethod
    def configure(cls, settings: Settings) -> Engine:
        """The engine set up from the user's settings (engines with no settings ignore them)."""
        return cls()

    @abstractmethod
    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate many segments at once: one output per segment, in order. The one method to write."""

    def require(self, source: str, target: str) -> None:
        """Raise EngineError, saying what to install or set, unless the pair can be served now."""
        if (source, target) not in SUPPORTED_PAIRS:
            raise EngineError(f"{self.name} here translates Spanish↔English only, not {source}→{target}.")

    def supports(self, source: str, target: str) -> bool:
        """Whether this engine can translate the pair on this machine now."""
        try:
            self.require(source, target)
        except EngineError:
            return False
        return True

    def provenance(self, source: str, target: str) -> Provenance:
        return Provenance(self.name, "", "")

    def start(self, segments: list[str], source: str, target: str) -> Callable[[], list[str]]:
        """Begin translating `segments`; the function returned waits for the outputs.

        Engines that work in the background (Argos) override this to start at once; the
        others translate when the result is asked for.
        """
        return lambda: self.translate_batch(segments, source, target)

    def _checked(self, segments: list[str], out: list[str]) -> list[str]:
        self.calls += 1
        if len(out) != len(segments):
            raise EngineError(
                f"{self.name} returned {len(out)} results for {len(segments)} segments; "
                "nothing of this batch was saved. Try --engine with another engine, and report this input."
            )
        return out

    def run_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """`translate_batch`, counted and checked: what the pipeline calls."""
        if not segments:
            return []
        return self._checked(segments, self.start(segments, source, target)())

    def translate_chunks(
        self, segments: list[str], source: str, target: str, size: int
    ) -> Iterator[tuple[list[str], list[str]]]:
        """Translate consecutive chunks of `size` segments, yielding each with its outputs.

        The next chunk is started before this one is handed back, so an engine working in
        the background keeps translating while the caller saves what is done.
        """
        chunks = [segments[i : i + size] for i in range(0, len(segments), size)]
        waiting = self.start(chunks[0], source, target) if chunks else None
        for i, chunk in enumerate(chunks):
            following = self.start(chunks[i + 1], source, target) if i + 1 < len(chunks) else None
            assert waiting is not None
            yield chunk, self._checked(chunk, waiting())
            waiting = following

    def translate(self, segment: str, source: str, target: str) -> str:
        return self.run_batch([segment], source, target)[0]
