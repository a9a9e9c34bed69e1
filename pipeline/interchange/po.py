"""Gettext PO (for Weblate): the unit id is the context; unreviewed text is marked fuzzy."""

from __future__ import annotations

from typing import Any

from pipeline.interchange.base import Format, exported_blocks, unit_id
from pipeline.model import UNREVIEWED, Alignment


class Po(Format):
    name = "po"
    suffixes = (".po", ".pot")

    def export(self, alignment: Alignment) -> bytes:
        from translate.storage import po

        store: Any = po.pofile()
        store.updateheader(add=True, Language=alignment.target_lang, X_Source_Language=alignment.source_lang)
        for block in exported_blocks(alignment):
            unit = store.addsourceunit(block.source)
            unit.setcontext(unit_id(alignment.slug, alignment.target_lang, block))
            unit.target = block.current
            unit.addnote(f"status: {block.status}", origin="developer")
            if block.status in UNREVIEWED:
                unit.markfuzzy(True)
        return bytes(store)

    def sniff(self, head: bytes) -> bool:
        return b"msgid" in head

    def parse(self, data: bytes) -> Any:
        from translate.storage import po

        return po.pofile.parsestring(data)

    def unit_key(self, unit: Any) -> str:
        return str(unit.getcontext() or "")
