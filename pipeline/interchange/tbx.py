"""TBX, the terminology exchange format, for the workspace glossary (through translate-toolkit).

A glossary is not a translation, so TBX is not one of the FORMATS (those carry a statement's
blocks): `statements glossary import|export` use these two functions. One `termEntry` per
term, a `langSet` for `es` and one for `en` (regional tags such as `es-AR` or `en-GB` are
read as their language), the first term of each, and the entry's definition and notes.
TBX v2 (`<martif>`), the version translate-toolkit reads and writes.
"""

from __future__ import annotations

from typing import Any

from pipeline.errors import GlossaryError
from pipeline.glossary import Term


def _lang(node: Any) -> str:
    from translate.misc.xml_helpers import getXMLlang

    return (getXMLlang(node) or "").split("-")[0].split("_")[0].lower()


def read(data: bytes, where: str) -> list[Term]:
    """The terms of a TBX file; an entry without both a Spanish and an English term is an error."""
    from translate.storage import tbx

    if b"<!ENTITY" in data[:65536].upper():
        # No terminology tool needs entity declarations; they are how XXE attacks work.
        raise GlossaryError(f"{where}: refused: the file declares XML entities. Export it again.")
    if b"<tbx" in data[:4096] and b"<martif" not in data[:4096]:
        raise GlossaryError(
            f"{where}: a TBX v3 file (<tbx> root), which translate-toolkit cannot read. "
            "Export it as TBX v2 (<martif> root), or as CSV with the header es,en,note."
        )
    try:
        store = tbx.tbxfile.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit raise many kinds
        raise GlossaryError(
            f"{where}: not a TBX file translate-toolkit can read ({exc}). "
            "Export the glossary as TBX (ISO 30042, <martif> root) or as CSV with the header es,en,note."
        ) from exc
    terms: list[Term] = []
    for number, unit in enumerate(store.units, start=1):
        texts: dict[str, str] = {}
        for node in unit.getlanguageNodes():
            lang = _lang(node)
            text = " ".join((unit.getNodeText(node) or "").split())
            if lang in ("es", "en") and text and lang not in texts:
                texts[lang] = text
        if not texts:
            continue
        if len(texts) < 2:
            have = next(iter(texts.values()))
            raise GlossaryError(
                f"{where}, entry {number} ('{have}'): a term needs both its Spanish (es) and its English (en) "
                "text; for a name that is never translated, give the same text in both."
            )
        notes = (unit.getnotes("definition"), unit.getnotes())
        note = "; ".join(" ".join(n.split()) for n in notes if n and n.strip())
        terms.append(Term(texts["es"], texts["en"], note))
    return terms


def write(terms: list[Term]) -> bytes:
    from translate.storage import tbx

    store = tbx.tbxfile(sourcelanguage="es", targetlanguage="en")
    for term in terms:
        unit = store.addsourceunit(term.es)
        unit.settarget(term.en, lang="en")
        if term.note:
            unit.addnote(term.note)
    return bytes(store)
