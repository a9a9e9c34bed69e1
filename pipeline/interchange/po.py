"""Gettext PO (for Weblate): the unit id is the context; unreviewed text is marked fuzzy."""

from __future__ import annotations

from typing import Any

from pipeline.interchange.base import Format
from pipeline.model import UNREVIEWED


class Po(Format):
    name = "po"
    suffixes = (".po", ".pot")
    storage = "po:pofile"
    marker = b"msgid"

    def new_store(self, source_lang: str, target_lang: str) -> Any:
        store = self.store_class()()
        store.updateheader(add=True, Language=target_lang, X_Source_Language=source_lang)
        return store

    def label(self, unit: Any, uid: str, status: str) -> None:
        unit.setcontext(uid)
        if status in UNREVIEWED:
            unit.markfuzzy(True)

    def unit_key(self, unit: Any) -> str:
        return str(unit.getcontext() or "")
