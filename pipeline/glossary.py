"""The workspace glossary: `glossary.csv`, terms with their translations and names never translated.

The file has a header `es,en,note` and one term per row. A row whose Spanish and English
are the same text is a name that must never be translated ("Pan y Rosas", "CUT").
Translation enforces the glossary on every engine, and `check` reports where a translation
does not respect it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.errors import GlossaryError, UnknownTermError, choice
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


# Editing: what `statements glossary add|remove|import|export` do. Each write happens under
# the workspace lock and checks the whole new glossary before anything is written.


def find(terms: list[Term], text: str) -> Term:
    """The term whose Spanish or English text is `text` (in any case)."""
    wanted = " ".join(text.split()).casefold()
    for term in terms:
        if wanted in (term.es.casefold(), term.en.casefold()):
            return term
    raise UnknownTermError(f"'{text}' is not in the glossary. `statements glossary list` shows its terms.")


def _merge(terms: list[Term], new: list[Term]) -> tuple[list[Term], list[Term], list[Term], int]:
    """`terms` with each new term in: it replaces any term with the same Spanish or English text.

    Returns the merged list, the terms added, the terms changed, and how many were unchanged.
    """
    merged = list(terms)
    added: list[Term] = []
    updated: list[Term] = []
    unchanged = 0
    for term in new:
        keys = {term.es.casefold(), term.en.casefold()}
        clashing = [t for t in merged if {t.es.casefold(), t.en.casefold()} & keys]
        if clashing == [term]:
            unchanged += 1
            continue
        merged = [t for t in merged if t not in clashing] + [term]
        (updated if clashing else added).append(term)
    return merged, added, updated, unchanged


def _write(ws: Workspace, terms: list[Term]) -> None:
    text = dump(terms)
    parse(text, str(path_of(ws)))  # the whole new file must read back before it replaces the old one
    save(ws, terms)


def add(ws: Workspace, es: str, en: str | None = None, note: str = "") -> tuple[str, Term]:
    """Add a term, or change the one with the same text; without `en`, a name never translated."""
    es, note = " ".join(es.split()), " ".join(note.split())
    en = " ".join(en.split()) if en is not None else es
    if not es or not en:
        raise GlossaryError(
            "a term needs its text: `statements glossary add SPANISH [ENGLISH] [--note TEXT]`."
        )
    term = Term(es, en, note)
    with ws.lock(wait=10):
        merged, added, updated, _ = _merge(load(ws), [term])
        if added or updated:
            _write(ws, merged)
    return ("added" if added else "updated" if updated else "unchanged"), term


def remove(ws: Workspace, text: str) -> Term:
    """Remove the term whose Spanish or English text is `text`."""
    with ws.lock(wait=10):
        terms = load(ws)
        term = find(terms, text)
        _write(ws, [t for t in terms if t != term])
    return term


@dataclass
class Merged:
    added: list[Term]
    updated: list[Term]
    unchanged: int

    def as_dict(self) -> dict[str, object]:
        return {
            "added": [asdict(t) for t in self.added],
            "updated": [asdict(t) for t in self.updated],
            "unchanged": self.unchanged,
        }


def read_file(path: Path) -> list[Term]:
    """The terms of a glossary file: CSV (columns es, en and note, in any order) or TBX."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read it ({exc.strerror}).") from exc
    if path.suffix.lower() == ".tbx" or data.lstrip()[:200].lstrip(b"\xef\xbb\xbf").startswith(b"<"):
        from pipeline.interchange import tbx

        return tbx.read(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            f"{path}: not UTF-8 text. Save it as UTF-8 CSV with the header es,en,note."
        ) from exc
    return parse(_in_our_order(text, str(path)), str(path))


def _in_our_order(text: str, where: str) -> str:
    """CSV text with its columns reordered to es,en,note (a spreadsheet may put en first)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return text
    header = [cell.strip().lower() for cell in rows[0]]
    if "es" not in header or "en" not in header:
        raise GlossaryError(
            f"{where}, line 1: the header must name the columns es and en (and optionally note), "
            f"not `{','.join(rows[0])}`."
        )
    columns = [header.index(name) if name in header else None for name in HEADER]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows[1:]:
        writer.writerow([row[i] if i is not None and i < len(row) else "" for i in columns])
    return out.getvalue()


def import_file(ws: Workspace, path: Path) -> Merged:
    """Merge a CSV or TBX glossary into the workspace's: its terms win where both have one."""
    new = read_file(path)
    with ws.lock(wait=10):
        merged, added, updated, unchanged = _merge(load(ws), new)
        if added or updated:
            _write(ws, merged)
    return Merged(added, updated, unchanged)


EXPORT_FORMATS = ("csv", "tbx")


def export(ws: Workspace, fmt: str) -> bytes:
    """The glossary as CSV (glossary.csv itself) or TBX."""
    choice("--format", fmt, EXPORT_FORMATS)
    terms = sorted(load(ws), key=lambda t: (t.es.casefold(), t.en.casefold()))
    if fmt == "tbx":
        from pipeline.interchange import tbx

        return tbx.write(terms)
    return dump(terms).encode("utf-8")


@dataclass
class Suggestion:
    """A name or acronym of the originals that is not in the glossary yet."""

    text: str
    lang: str
    kind: str  # "name" or "acronym"
    statements: list[str]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def term(self) -> Term:
        """The row it would be: a name never translated, until someone writes its translation."""
        count = len(self.statements)
        return Term(
            self.text, self.text, f"suggested: {self.kind} in {count} statement{'s' if count > 1 else ''}"
        )


def suggest(ws: Workspace) -> list[Suggestion]:
    """Names and acronyms found in the originals (text, organisation, signatories), most frequent first."""
    import re

    from pipeline.originals import load_all
    from pipeline.text import names
    from pipeline.text.inline import prepare

    known = [text.casefold() for term in load(ws) for text in (term.es, term.en)]

    def covered(item: str) -> bool:
        pattern = re.compile(rf"(?<!\w){re.escape(item.casefold())}(?!\w)")
        return any(pattern.search(text) for text in known)

    found: dict[str, Suggestion] = {}
    for statement in load_all(ws, []):
        meta = statement.meta
        people = meta.get("signatories") or []
        texts = [b.plain for b in statement.blocks if b.is_prose and b.kind != "heading"]
        texts += [
            str(meta.get("org") or ""),
            *(str(p) for p in (people if isinstance(people, list) else [people])),
        ]
        for text in texts:
            plain = prepare(text).plain
            for kind, items in (("name", names.names(plain)), ("acronym", names.acronyms(plain))):
                for item in items:
                    if covered(item):
                        continue
                    entry = found.setdefault(item, Suggestion(item, statement.lang, kind, []))
                    if statement.slug not in entry.statements:
                        entry.statements.append(statement.slug)
    return sorted(found.values(), key=lambda s: (-len(s.statements), s.kind, s.text.casefold()))
