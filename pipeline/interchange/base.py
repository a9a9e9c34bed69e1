"""The interchange format interface: one class per format, registered in FORMATS."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from pipeline.model import AlignedBlock, Alignment


def unit_id(slug: str, lang: str, block: AlignedBlock) -> str:
    """`<slug>/<lang>/<index>`, or `title`: stable across exports, so CAT tools round-trip it."""
    return f"{slug}/{lang}/{'title' if block.index < 0 else block.index}"


def exported_blocks(alignment: Alignment) -> list[AlignedBlock]:
    """What a translator works on: translated blocks with text (kept ones stay out)."""
    return [b for b in [alignment.title, *alignment.blocks] if "kept" not in b.flags and b.current.strip()]


class Format(ABC):
    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def export(self, alignment: Alignment) -> bytes:
        """A translation as a file of this format, one unit per block, ids from `unit_id`."""

    @abstractmethod
    def sniff(self, head: bytes) -> bool:
        """Whether a file whose suffix says nothing starts like this format."""

    @abstractmethod
    def parse(self, data: bytes) -> Any:
        """A translate-toolkit store; it raises on a malformed file."""

    @abstractmethod
    def unit_key(self, unit: Any) -> str:
        """The unit's id as `export` wrote it."""

    def approved(self, unit: Any) -> bool:
        """Whether a CAT tool signed the unit off (only formats that can say so override this)."""
        return False
