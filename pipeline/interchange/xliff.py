"""XLIFF 1.2: statuses travel as the target's `state`; a signed-off unit becomes `reviewed`."""

from __future__ import annotations

from typing import Any

from pipeline.interchange.base import Format
from pipeline.model import AlignedBlock, Alignment

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
    storage = "xliff:xlifffile"
    marker = b"<xliff"

    def add_unit(self, store: Any, block: AlignedBlock, alignment: Alignment) -> Any:
        # The <file original="…"> names the statement (translate-toolkit would write "NoName").
        unit = store.addsourceunit(block.source, filename=alignment.slug, createifmissing=True)
        unit.target = block.current
        return unit

    def label(self, unit: Any, uid: str, status: str) -> None:
        unit.setid(uid)
        unit.set_state_n(self.store_class().UnitClass.statemap[STATE[status]])

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
