"""TMX: translation-memory exchange, for a statement or for the whole memory."""

from __future__ import annotations

from typing import Any

from pipeline.interchange.base import Format
from pipeline.model import AlignedBlock, Alignment


class Tmx(Format):
    name = "tmx"
    suffixes = (".tmx",)
    storage = "tmx:tmxfile"
    marker = b"<tmx"

    def add_unit(self, store: Any, block: AlignedBlock, alignment: Alignment) -> Any:
        store.addtranslation(block.source, alignment.source_lang, block.current, alignment.target_lang)
        return store.units[-1]

    def label(self, unit: Any, uid: str, status: str) -> None:
        unit.xmlelement.set("tuid", uid)

    def unit_key(self, unit: Any) -> str:
        return str(unit.xmlelement.get("tuid") or "")

    def memory(self, rows: list[tuple[str, str, str]], source: str, target: str) -> bytes:
        """(source, target, origin) rows of the translation memory as one TMX file."""
        store = self.new_store(source, target)
        for src, tgt, origin in rows:
            store.addtranslation(src, source, tgt, target)
            store.units[-1].addnote(f"origin: {origin}", origin="developer")
        return bytes(store)
