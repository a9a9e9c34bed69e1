"""XLIFF 1.2: statuses travel as the target's `state`; a signed-off unit becomes `reviewed`."""

from __future__ import annotations

from typing import Any

from pipeline.interchange.base import Format, exported_blocks, unit_id
from pipeline.model import Alignment

STATE = {
    "machine": "needs-review-translation",
    "suspect": "needs-review-translation",
    "stale": "needs-review-translation",
    "edited": "translated",
    "reviewed": "final",
}


class Xliff(Format):
    name = "xliff"
    suffixes = (".xlf", ".xliff")

    def export(self, alignment: Alignment) -> bytes:
        from translate.storage import xliff

        store: Any = xliff.xlifffile(
            sourcelanguage=alignment.source_lang, targetlanguage=alignment.target_lang
        )
        for block in exported_blocks(alignment):
            unit = store.addsourceunit(block.source)
            unit.setid(unit_id(alignment.slug, alignment.target_lang, block))
            unit.target = block.current
            unit.set_state_n(xliff.xliffunit.statemap[STATE[block.status]])
            unit.addnote(f"status: {block.status}", origin="developer")
        return bytes(store)

    def sniff(self, head: bytes) -> bool:
        return b"<xliff" in head

    def parse(self, data: bytes) -> Any:
        from translate.storage import xliff

        return xliff.xlifffile.parsestring(data)

    def unit_key(self, unit: Any) -> str:
        return str(unit.xmlelement.get("id") or "")

    def approved(self, unit: Any) -> bool:
        """A CAT tool signs a unit off with approved="yes" or a final target state; either counts."""
        if unit.xmlelement.get("approved") == "yes":
            return True
        for node in unit.xmlelement:
            if str(node.tag).endswith("target"):
                return node.get("state") in ("final", "signed-off")
        return False
