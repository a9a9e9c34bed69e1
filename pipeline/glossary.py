"""The workspace glossary: `glossary.csv`, terms with their translations and names never translated.

The file has a header `es,en,note` and one term per row. A row whose Spanish and English
are the same text is a name that must never be translated ("Pan y Rosas", "CUT").
Translation enforces the glossary on every engine, and `check` reports where a translation
does not respect it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import GlossaryError
from pipeline.model import LANGUAGES
from pipeline.workspace import Workspace, atomic_write

HEADER = ("es", "en", "note")


@dataclass(frozen=True)
class Term:
    es: str
    en: str
    note: str = ""

    @property
    def keep(self) -> bool:
        """A name that must never be translated: the same text in both languages."""
        return self.es == self.en

    def text(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


def path_of(ws: Workspace) -> Path:
    return ws.root / "glossary.csv"


def parse(text: str, where: str = "glossary.csv") -> list[Term]:
    """Terms from CSV text; a row that cannot be used is an error naming its line."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        return []
    header = tuple(cell.strip().lower() for cell in rows[0])
    if header[:2] != HEADER[:2]:
        raise GlossaryError(
            f"{where}, line 1: the header must be `es,en,note`, not `{','.join(rows[0])}`. "
            "Fix the first line, or rebuild the file with `statements glossary add`."
        )
    terms: list[Term] = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [cell.strip() for cell in row] + ["", "", ""]
        es, en, note = cells[0], cells[1], cells[2]
        if not es or not en:
            raise GlossaryError(
                f"{where}, line {number}: a term needs both its Spanish and its English text "
                "(for a name that is never translated, write it in both columns)."
            )
        for lang, text in zip(LANGUAGES, (es, en), strict=True):
            key = (lang, text.casefold())
            if key in seen:
                raise GlossaryError(
                    f"{where}, line {number}: '{text}' is already a term on line {seen[key]}. "
                    "Keep one row per term."
                )
            seen[key] = number
        terms.append(Term(es, en, note))
    return terms


def load(ws: Workspace) -> list[Term]:
    """The workspace's terms; none when there is no glossary.csv."""
    path = path_of(ws)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(
            f"cannot read {path} ({exc}). Save it as UTF-8 CSV with the header es,en,note."
        ) from exc
    return parse(text, str(path))


def dump(terms: list[Term]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for term in sorted(terms, key=lambda t: (t.es.casefold(), t.en.casefold())):
        writer.writerow([term.es, term.en, term.note])
    return out.getvalue()


def save(ws: Workspace, terms: list[Term]) -> None:
    """Write glossary.csv atomically, sorted so that it diffs cleanly. Call under the lock."""
    atomic_write(path_of(ws), dump(terms))
