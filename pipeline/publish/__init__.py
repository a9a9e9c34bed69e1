"""`statements build`: EPUB, PDF and DOCX collections and bilingual booklets, and web pages, through pandoc.

- `select`    which statements (`--select`);
- `books`     which books, and each statement's language versions and blocks;
- `assemble`  one book as a pandoc AST, laid out as its writer asks;
- `render`    timestamps, resources, pandoc and Typst runs shared by the writers;
- `gate`      open fidelity findings and unreviewed blocks per book; `--strict` refuses them;
- `writers/`  the WRITERS registry, one output format per file;
- `impose`    A5 PDF pages imposed on A4 sheets for saddle stitching (`--imposition booklet`).

Adding an output format is one file in writers/ (a `base.Writer` subclass) and one line in
WRITERS.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import SelectionError, UsageError, choice, one_of
from pipeline.publish.books import plan_books
from pipeline.publish.gate import BookReport, refuse_open, review
from pipeline.publish.render import PAPERS, epoch_of
from pipeline.publish.writers.base import Writer
from pipeline.workspace import Workspace, atomic_write

# --format name -> "module:Class", imported only when that format is built.
WRITERS: dict[str, str] = {
    "epub": "pipeline.publish.writers.epub:EpubWriter",
    "pdf": "pipeline.publish.writers.pdf:PdfWriter",
    "docx": "pipeline.publish.writers.docx:DocxWriter",
    "html": "pipeline.publish.writers.html:HtmlWriter",
}


def writer(name: str) -> Writer:
    try:
        module, cls = WRITERS[name].split(":")
    except KeyError:
        raise UsageError(
            f"--format {name}: use {one_of(list(WRITERS))}, or several joined by commas."
        ) from None
    made = getattr(importlib.import_module(module), cls)()
    assert isinstance(made, Writer)
    return made


@dataclass
class BuildOptions:
    lang: str | None = None
    bilingual: str | None = None
    formats: tuple[str, ...] = ("epub", "pdf")
    select: list[str] = field(default_factory=list)
    draft: bool = False
    paper: str = "a5"
    output: Path | None = None
    cover: Path | None = None
    strict: bool = False
    imposition: str | None = None  # "booklet": also the PDF's pages imposed for saddle stitching


@dataclass
class BuildResult:
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # statements or translations left out: unreadable
    books: list[BookReport] = field(default_factory=list)  # open findings, unreviewed blocks


def build(ws: Workspace, opts: BuildOptions) -> BuildResult:
    result = BuildResult()
    writers = [writer(name) for name in opts.formats]
    choice("--paper", opts.paper, list(PAPERS))
    if opts.imposition is not None:
        choice("--imposition", opts.imposition, ["booklet"])
        if opts.paper != "a5":
            raise UsageError("--imposition booklet folds A5 pages from A4 sheets: use --paper a5.")
        if "pdf" not in opts.formats:
            raise UsageError("--imposition booklet imposes the PDF: add pdf to --format.")
    if opts.cover is not None:
        if not opts.cover.is_file():
            raise SelectionError(f"--cover {opts.cover}: no such file.")
        if opts.cover.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            raise SelectionError(f"--cover {opts.cover}: use a PNG or JPEG image.")
    out = opts.output or ws.outputs
    for folder in (ws.originals, ws.translations):
        if out.resolve().is_relative_to(folder.resolve()):
            raise UsageError(
                f"--output {opts.output}: books do not go into {folder.name}/; choose another folder."
            )
    ws.ensure_dir(out)
    with ws.lock(wait=30):
        books = plan_books(ws, opts, result.warnings, result.skipped)
        result.books = review(ws, books)
        if opts.strict:
            refuse_open(result.books)
        for book in books:
            epoch = epoch_of(book)
            for chosen in writers:
                path = chosen.write(book, opts, out, epoch)
                result.files.append(path)
                if opts.imposition and chosen.name == "pdf":
                    result.files.append(write_imposed(path))
    return result


def write_imposed(pdf: Path) -> Path:
    """`NAME.imposed.pdf` beside `NAME.pdf`: its pages two-up on A4, in saddle-stitch order."""
    from pipeline.publish.impose import impose_booklet

    target = pdf.with_name(pdf.stem + ".imposed.pdf")
    atomic_write(target, impose_booklet(pdf.read_bytes()))
    return target


__all__ = ["WRITERS", "BookReport", "BuildOptions", "BuildResult", "build", "write_imposed", "writer"]
