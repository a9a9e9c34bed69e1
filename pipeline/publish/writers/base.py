"""The writer interface: how one output format lays out what the assembler gives it.

The assembler builds one pandoc AST per book and asks its writer only about what differs
between outputs: how a block carries its language, how an unreviewed block is tinted, and
how a bilingual statement's block pairs are laid out. The defaults suit any pandoc writer
that reads `lang` attributes and classes on divs (EPUB, HTML, DOCX); the classes are listed
in `pipeline.publish.assemble`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pipeline.publish.ast import LAYOUT, classes_of, div

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import Book

Node = dict[str, Any]


class Writer(ABC):
    name: ClassVar[str]  # the --format name
    suffix: ClassVar[str]  # of the file written into outputs/
    built_label: ClassVar[str] = "built"  # the colophon's last line (`labels.LABELS`): what made the book

    def lang_block(self, content: list[Node], classes: list[str], lang: str) -> Node:
        """A block in its own language."""
        return div(content, classes, lang)

    def draft_block(self, block: Node) -> Node:
        """An unreviewed machine block in a draft build (it already carries the class `draft`)."""
        return block

    def pairs(
        self, rows: list[tuple[Node, Node]], langs: tuple[str, str], original_right: bool
    ) -> list[Node]:
        """A bilingual statement's blocks: `rows` pairs (left, right) in the booklet's order.

        By default each pair is one div, the original first (for reading order), that keeps the
        layout classes of its blocks (a pair stays with the next when either block does).
        """
        return [
            div([r, left] if original_right else [left, r], ["pair", *pair_layout(left, r)])
            for left, r in rows
        ]

    @abstractmethod
    def write(self, book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
        """Build the book into the folder `out`; return the file written."""


def pair_layout(left: Node, right: Node) -> list[str]:
    """The layout classes either block of a pair carries, in a fixed order."""
    found = set(classes_of(left)) | set(classes_of(right))
    return [name for name in LAYOUT if name in found]
