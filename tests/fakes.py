"""Engines for tests: real `Engine` subclasses, registered through the public hook."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.model import Provenance
from pipeline.translate.engines.apertium import ApertiumEngine
from pipeline.translate.engines.argos import ArgosEngine
from pipeline.translate.engines.base import Engine


class EchoEngine(Engine):
    """Upper-cases its input: deterministic, instant, and visibly 'translated'."""

    name = "echo"

    def require(self, source: str, target: str) -> None:
        return None

    def provenance(self, source: str, target: str) -> Provenance:
        return Provenance("echo", "echo", "1")

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        return [s.upper() for s in segments]


class StutteringArgos(ArgosEngine):
    """The real Argos engine, except that one sentence degenerates, as es→en 1.9 is reported to."""

    def start(self, segments: list[str], source: str, target: str) -> Callable[[], list[str]]:
        wait = super().start(segments, source, target)

        def collect() -> list[str]:
            real = wait()
            return [
                "mainstremainstremainstremainstremainstre" if "costurera" in s else out
                for s, out in zip(segments, real, strict=True)
            ]

        return collect


class InterruptedApertium(ApertiumEngine):
    """Apertium, until the third batch: then the user presses Ctrl-C."""

    started = 0

    def start(self, segments: list[str], source: str, target: str) -> Callable[[], list[str]]:
        type(self).started += 1
        if type(self).started < 3:
            return super().start(segments, source, target)

        def ctrl_c() -> list[str]:
            raise KeyboardInterrupt

        return ctrl_c


class ManglingEcho(EchoEngine):
    """The echo engine, except that it loses every glossary placeholder it is given."""

    name = "mangler"

    def provenance(self, source: str, target: str) -> Provenance:
        return Provenance("mangler", "mangler", "1")

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        return [re.sub(r"ZXQ\d+", "", s) for s in super().translate_batch(segments, source, target)]
