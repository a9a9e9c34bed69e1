"""EPUB 3: pandoc's writer, a generated cover, `lang` and `xml:lang` on every block."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.publish.assemble import Assembler
from pipeline.publish.render import resource, run_pandoc, run_typst, variables
from pipeline.publish.writers.base import Writer
from pipeline.workspace import atomic_write

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import Book


class EpubWriter(Writer):
    name = "epub"
    suffix = ".epub"

    def write(self, book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
        assembler = Assembler(book, opts, self)
        ast = assembler.build()
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "epub.css").write_text(resource("epub.css"), encoding="utf-8")
            if opts.cover:
                cover = root / ("cover" + opts.cover.suffix.lower())
                cover.write_bytes(opts.cover.read_bytes())
            else:
                cover = root / "cover.png"
                cover.write_bytes(render_cover(assembler, book, opts, epoch, root))
            target = root / "book.epub"
            run_pandoc(
                ast,
                "epub3",
                [
                    "--toc",
                    "--toc-depth=1",
                    "--split-level=1",
                    f"--css={root / 'epub.css'}",
                    f"--epub-cover-image={cover}",
                ],
                epoch,
                target,
            )
            final = out / f"{book.name}.epub"
            atomic_write(final, target.read_bytes())
        return final


def render_cover(assembler: Assembler, book: Book, opts: BuildOptions, epoch: int, root: Path) -> bytes:
    ast = {"pandoc-api-version": [1, 23, 1], "meta": assembler.meta(), "blocks": []}
    template = root / "cover-template.typ"
    template.write_text(resource("cover.typ"), encoding="utf-8")
    source = run_pandoc(
        ast,
        "typst",
        ["--standalone", f"--template={template}", *variables(assembler, book, opts, epoch)],
        epoch,
    )
    return run_typst(source, root, epoch, fmt="png", ppi=110)
