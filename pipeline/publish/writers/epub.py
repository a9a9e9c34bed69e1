"""EPUB 3: pandoc's writer, a cover typeset by Typst, `lang` and `xml:lang` on every block."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.publish.assemble import Assembler
from pipeline.publish.render import resource, run_pandoc, run_typst, typst_ready, typst_template
from pipeline.publish.writers.base import Writer
from pipeline.workspace import atomic_write

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import Book


class EpubWriter(Writer):
    name = "epub"
    suffix = ".epub"

    def write(self, book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
        assembler = Assembler(book, opts, self, epoch)
        ast = assembler.build()
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "epub.css").write_text(resource("epub.css"), encoding="utf-8")
            cover = root / "cover.png"
            cover.write_bytes(render_cover(assembler, book, opts, epoch, root))
            # The title page prints the written dates (metadata `date`); dc:date stays ISO.
            dc = root / "dc.xml"
            dc.write_text(f"<dc:date>{assembler.newest() or '2000-01-01'}</dc:date>\n", encoding="utf-8")
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
                    f"--epub-metadata={dc}",
                ],
                epoch,
                target,
            )
            final = out / f"{book.name}.epub"
            atomic_write(final, target.read_bytes())
        return final


def render_cover(assembler: Assembler, book: Book, opts: BuildOptions, epoch: int, root: Path) -> bytes:
    """The PDF's cover page (resources/coverpage.typ, with the user's image if any), as a PNG."""
    ast = typst_ready({"pandoc-api-version": [1, 23, 1], "meta": assembler.meta(), "blocks": []})
    source = run_pandoc(ast, "typst", typst_template(root, "cover.typ", book, opts, epoch), epoch)
    return run_typst(source, root, epoch, fmt="png", ppi=150)
