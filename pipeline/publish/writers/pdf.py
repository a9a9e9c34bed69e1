"""PDF: pandoc writes Typst (with resources/book.typ), the `typst` package compiles it. No LaTeX."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.publish.assemble import Assembler
from pipeline.publish.ast import div, raw
from pipeline.publish.labels import LABELS
from pipeline.publish.render import resource, run_pandoc, run_typst, variables
from pipeline.publish.writers.base import Node, Writer
from pipeline.workspace import atomic_write

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import Book


class PdfWriter(Writer):
    name = "pdf"
    suffix = ".pdf"

    def lang_block(self, content: list[Node], classes: list[str], lang: str) -> Node:
        # pandoc writes a Div's lang as a `set` rule on the block's first line, where a list
        # marker would no longer start a line; text(lang:) around the content avoids that.
        return div([raw(f'#text(lang: "{lang}")['), *content, raw("]")], classes)

    def draft_block(self, block: Node) -> Node:
        return div(
            [
                raw('#block(width: 100%, fill: rgb("#fff3c4"), inset: (x: 3pt, y: 2pt), radius: 2pt)['),
                block,
                raw("]"),
            ]
        )

    def pairs(
        self, rows: list[tuple[Node, Node]], langs: tuple[str, str], original_right: bool
    ) -> list[Node]:
        """One grid row per block pair: pairs start on the same line, in the booklet's column order."""
        heads = [
            f'[#text(weight: "bold", size: 0.85em)[{LABELS[lang]["lang_" + lang].capitalize()}]]'
            for lang in langs
        ]
        out: list[Node] = [
            raw(
                "#grid(columns: (1fr, 1fr), column-gutter: 1.3em, row-gutter: 0.75em,\n"
                + ", ".join(heads)
                + ","
            )
        ]
        for left, right in rows:
            out.extend([raw("["), left, raw("], ["), right, raw("],")])
        out.append(raw(")"))
        return out

    def write(self, book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
        assembler = Assembler(book, opts, self)
        ast = assembler.build()
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            template = root / "book-template.typ"
            template.write_text(resource("book.typ"), encoding="utf-8")
            args = ["--standalone", f"--template={template}", *variables(assembler, book, opts, epoch)]
            if opts.cover:
                image = root / ("cover" + opts.cover.suffix.lower())
                image.write_bytes(opts.cover.read_bytes())
                args.append(f"--variable=cover-image:{image.name}")
            source = run_pandoc(ast, "typst", args, epoch)
            pdf = run_typst(source, root, epoch)
        final = out / f"{book.name}.pdf"
        atomic_write(final, pdf)
        return final
