"""TMX: translation-memory exchange, for a statement or for the whole memory."""

from __future__ import annotations

from typing import Any

from pipeline.interchange.base import Format, exported_blocks, unit_id
from pipeline.model import Alignment


class Tmx(Format):
    name = "tmx"
    suffixes = (".tmx",)

    def export(self, alignment: Alignment) -> bytes:
        from translate.storage import tmx

        store: Any = tmx.tmxfile(sourcelanguage=alignment.source_lang, targetlanguage=alignment.target_lang)
        for block in exported_blocks(alignment):
            store.addtranslation(block.source, alignment.source_lang, block.current, alignment.target_lang)
            unit = store.units[-1]
            unit.xmlelement.set("tuid", unit_id(alignment.slug, alignment.target_lang, block))
            unit.addnote(f"status: {block.status}", origin="developer")
        return bytes(store)

    def memory(self, rows: list[tuple[str, str, str]], source: str, target: str) -> bytes:
        """(source, target, origin) rows of the translation memory as one TMX file."""
        from translate.storage import tmx

        store: Any = tmx.tmxfile(sourcelanguage=source, targetlanguage=target)
        for src, tgt, origin in rows:
            store.addtranslation(src, source, tgt, target)
            store.units[-1].addnote(f"origin: {origin}", origin="developer")
        return bytes(store)

    def sniff(self, head: bytes) -> bool:
        return b"<tmx" in head

    def parse(self, data: bytes) -> Any:
        from translate.storage import tmx

        return tmx.tmxfile.parsestring(data)

    def unit_key(self, unit: Any) -> str:
        return str(unit.xmlelement.get("tuid") or "")
