"""The interchange format interface: one class per format, registered in FORMATS."""

from __future__ import annotations

import importlib
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
    storage: ClassVar[str]  # the translate-toolkit store: "module:class" under translate.storage
    marker: ClassVar[bytes]  # how a file of this format starts, when its suffix says nothing

    def store_class(self) -> Any:
        """The translate-toolkit class, imported only when this format is used."""
        module, cls = self.storage.split(":")
        return getattr(importlib.import_module(f"translate.storage.{module}"), cls)

    def new_store(self, source_lang: str, target_lang: str) -> Any:
        return self.store_class()(sourcelanguage=source_lang, targetlanguage=target_lang)

    def export(self, alignment: Alignment) -> bytes:
        """A translation as a file of this format: one unit per block, its status in a note."""
        store = self.new_store(alignment.source_lang, alignment.target_lang)
        for block in exported_blocks(alignment):
            unit = self.add_unit(store, block, alignment)
            self.label(unit, unit_id(alignment.slug, alignment.target_lang, block), block.status)
            unit.addnote(f"status: {block.status}", origin="developer")
        return bytes(store)

    def add_unit(self, store: Any, block: AlignedBlock, alignment: Alignment) -> Any:
        unit = store.addsourceunit(block.source)
        unit.target = block.current
        return unit

    @abstractmethod
    def label(self, unit: Any, uid: str, status: str) -> None:
        """Give the unit its id, and its status where the format has a place for it."""

    @abstractmethod
    def unit_key(self, unit: Any) -> str:
        """The unit's id as `label` wrote it."""

    def sniff(self, head: bytes) -> bool:
        """Whether a file whose suffix says nothing starts like this format."""
        return self.marker in head

    def parse(self, data: bytes) -> Any:
        """A translate-toolkit store; it raises on a malformed file."""
        return self.store_class().parsestring(data)

    def approved(self, unit: Any) -> bool:
        """Whether a CAT tool signed the unit off (only formats that can say so override this)."""
        return False
