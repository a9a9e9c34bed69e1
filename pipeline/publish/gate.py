"""What a book carries that nobody has vouched for: open fidelity findings, unreviewed blocks.

`build` reports both per book and per statement; `build --strict` refuses to build while
any finding is open (a dismissed one is not), and names the statements to look at.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.errors import OpenFindingsError
from pipeline.model import PROSE_KINDS, UNREVIEWED, Alignment

if TYPE_CHECKING:
    from pipeline.publish.books import Book
    from pipeline.workspace import Workspace


@dataclass
class Carried:
    """One translation in a book: its open findings and unreviewed blocks."""

    slug: str
    lang: str
    findings: int
    unreviewed: int


@dataclass
class BookReport:
    name: str
    translations: list[Carried] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(c.findings for c in self.translations)

    @property
    def unreviewed(self) -> int:
        return sum(c.unreviewed for c in self.translations)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "findings": self.findings,
            "unreviewed": self.unreviewed,
            "translations": [asdict(c) for c in self.translations],
        }

    def lines(self) -> list[str]:
        """What `build` prints about the book."""
        head = f"{self.name}: {self.findings} open finding(s), {self.unreviewed} unreviewed block(s)"
        rows = [
            f"  {c.slug} → {c.lang}: {c.findings} finding(s), {c.unreviewed} unreviewed"
            for c in self.translations
            if c.findings or c.unreviewed
        ]
        return [head, *rows]


def unreviewed(alignment: Alignment) -> int:
    """Blocks a person has not vouched for: machine text, suspect output, stale human work."""
    blocks = [alignment.title, *(b for b in alignment.blocks if b.kind in PROSE_KINDS)]
    return sum(b.status in UNREVIEWED and "kept" not in b.flags for b in blocks)


def review(ws: Workspace, books: list[Book]) -> list[BookReport]:
    """Open findings and unreviewed blocks of every translation in the books (checked once each)."""
    from pipeline import glossary
    from pipeline.review.findings import open_findings

    alignments: dict[tuple[str, str], Alignment] = {}
    for book in books:
        for entry in book.entries:
            for held in entry.sides.values():
                if held.alignment is not None:
                    alignments[(held.alignment.slug, held.alignment.target_lang)] = held.alignment
    counts: dict[tuple[str, str], int] = dict.fromkeys(alignments, 0)
    for finding in open_findings(alignments.values(), glossary.load(ws)):
        counts[(finding.slug, finding.lang)] += 1
    reports = []
    for book in books:
        report = BookReport(book.name)
        for entry in book.entries:
            for lang in book.langs:
                side = entry.sides.get(lang)
                if side is None or side.alignment is None:
                    continue
                key = (side.alignment.slug, side.alignment.target_lang)
                report.translations.append(Carried(key[0], key[1], counts[key], unreviewed(side.alignment)))
        reports.append(report)
    return reports


def refuse_open(reports: list[BookReport]) -> None:
    """Raise, naming the statements, if any book carries an open finding."""
    open_ = {(c.slug, c.lang): c.findings for r in reports for c in r.translations if c.findings}
    if not open_:
        return
    slugs = sorted({slug for slug, _ in open_})
    listed = ", ".join(f"{slug} → {lang} ({n})" for (slug, lang), n in sorted(open_.items()))
    raise OpenFindingsError(
        f"--strict: {sum(open_.values())} open fidelity finding(s) in {listed}. "
        f"Look at them with `statements check {' '.join(slugs)}`; fix the translation, "
        "or dismiss a finding that is not a fault with `statements check --dismiss ID`. Nothing was built."
    )
