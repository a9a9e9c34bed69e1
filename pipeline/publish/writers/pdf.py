"""PDF: pandoc writes Typst (with resources/book.typ), the `typst` package compiles it. No LaTeX.

Every block becomes a call to `styled(lang, classes)[...]`, every bilingual pair a call to
`pair(classes, [...], [...])`; both are defined in book.typ, which holds all the typography.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.publish.assemble import Assembler
from pipeline.publish.ast import div, raw
from pipeline.publish.render import run_pandoc, run_typst, typst_ready, typst_template
from pipeline.publish.writers.base import Node, Writer, pair_layout
from pipeline.workspace import atomic_write

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import Book

_LANG = re.compile(r"[a-z]{2,3}")
# Class names are the assembler's own identifiers; anything else never reaches Typst.
_CLASS = re.compile(r"[a-z][a-z-]*")


def typst_lang(lang: str, fallback: str) -> str:
    """Typst takes an ISO 639 code without a region ("zh" for langdetect's "zh-cn")."""
    code = lang.split("-")[0].lower()
    return code if _LANG.fullmatch(code) else fallback


def typst_array(names: list[str]) -> str:
    return "(" + "".join(f'"{n}", ' for n in names if _CLASS.fullmatch(n)) + ")"


class PdfWriter(Writer):
    name = "pdf"
    suffix = ".pdf"

    def lang_block(self, content: list[Node], classes: list[str], lang: str) -> Node:
        # text(lang:) around the content, not pandoc's `set` rule on a div: a list marker must
        # still start its line, and hyphenation follows the block's own language.
        # The div keeps its classes for `pairs`; typst_ready unwraps it before pandoc sees it.
        return div(
            [raw(f'#styled("{typst_lang(lang, "und")}", {typst_array(classes)})['), *content, raw("]")],
            classes,
        )

    def pairs(
        self, rows: list[tuple[Node, Node]], langs: tuple[str, str], original_right: bool
    ) -> list[Node]:
        """One two-column block per pair: pairs start on the same line, and a pair that must
        stay with the next one (a heading, an introduction) does, across page breaks."""
        out: list[Node] = []
        for left, right in rows:
            out.extend(
                [
                    raw(f"#pair({typst_array(pair_layout(left, right))}, ["),
                    left,
                    raw("], ["),
                    right,
                    raw("])"),
                ]
            )
        return out

    def write(self, book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
        pdf = self.render(book, opts, epoch)
        final = out / f"{book.name}.pdf"
        atomic_write(final, pdf)
        return final

    def render(self, book: Book, opts: BuildOptions, epoch: int) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            return run_typst(self.source(book, opts, epoch, root), root, epoch)

    def source(self, book: Book, opts: BuildOptions, epoch: int, root: Path) -> str:
        """The book's Typst source, with its template and resources written into `root`."""
        ast = typst_ready(Assembler(book, opts, self, epoch).build())
        return run_pandoc(ast, "typst", typst_template(root, "book.typ", book, opts, epoch), epoch)
