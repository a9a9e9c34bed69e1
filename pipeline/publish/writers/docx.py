"""DOCX: pandoc's Word writer, with the reference document in resources/reference.docx.

- Every run carries its language (`w:lang`): pandoc gives a div's or span's `lang` to each run
  inside it, so Word checks the spelling of, and hyphenates, each block in its own language.
  Headings are wrapped in a div for that, since pandoc reads no `lang` on a heading. Tags get a
  region (es-ES, en-GB): Word's proofing tools are per region.
- What a block is becomes a paragraph style (`custom-style`) that the reference document
  defines (Original, Translation, Draft, ...), so an editor can restyle them all at once.
- A bilingual statement is a two-column table, one row per block pair, under a heading row
  that names the languages and repeats on every page.
- pandoc stamps the zip with `SOURCE_DATE_EPOCH`; `finish` then drops the "spelling is clean"
  mark pandoc puts in the settings (so Word checks the spelling when the file opens) and keeps
  each table row on one page.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.publish.assemble import Assembler
from pipeline.publish.ast import KEEP_WITH_NEXT, div, each_node, para
from pipeline.publish.labels import LABELS
from pipeline.publish.reference_docx import for_paper
from pipeline.publish.render import run_pandoc
from pipeline.publish.writers.base import Node, Writer
from pipeline.workspace import atomic_write

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import Book

# A block's first class that has a style -> the reference document's paragraph style.
STYLES = {
    "draft": "Draft",
    "title-translation": "Title Translation",
    "meta": "Statement Meta",
    "colophon": "Colophon",
    "translation": "Translation",
    "original": "Original",
}

# Styles with a "... Keep With Next" variant in the reference document.
KEEPABLE = ("Draft", "Colophon", "Translation", "Original")


def word_lang(lang: str) -> str:
    """The tag with its region, as Word's proofing tools name languages (`labels.LABELS`)."""
    return LABELS[lang]["region"] if lang in LABELS else lang


class DocxWriter(Writer):
    name = "docx"
    suffix = ".docx"
    built_label = "built_pandoc"

    def lang_block(self, content: list[Node], classes: list[str], lang: str) -> Node:
        node = div(_paragraphs(content), classes, lang)
        style = next((STYLES[c] for c in STYLES if c in classes), None)
        if style in KEEPABLE and KEEP_WITH_NEXT in classes:
            style += " Keep With Next"
        if style:
            node["c"][0][2].append(["custom-style", style])
        return node

    def draft_block(self, block: Node) -> Node:
        each_node(block, _style_draft_mark)
        return block

    def pairs(
        self, rows: list[tuple[Node, Node]], langs: tuple[str, str], original_right: bool
    ) -> list[Node]:
        """One table per statement: a heading row naming the languages, then a row per pair."""
        heading = [
            self.lang_block([para(LABELS[lang]["column"])], ["column-heading"], lang) for lang in langs
        ]
        for cell in heading:
            cell["c"][0][2].append(["custom-style", "Column Heading"])
        return [_table(heading, rows)]

    def write(self, book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
        ast = word_ready(Assembler(book, opts, self, epoch).build())
        reference = resources.files("pipeline").joinpath("resources", "reference.docx").read_bytes()
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "reference.docx").write_bytes(for_paper(reference, opts.paper))
            target = root / "book.docx"
            run_pandoc(ast, "docx", [f"--reference-doc={root / 'reference.docx'}"], epoch, target)
            data = finish(target.read_bytes())
        final = out / f"{book.name}.docx"
        atomic_write(final, data)
        return final


def _table(heading: list[Node], rows: list[tuple[Node, Node]]) -> Node:
    def cell(block: Node) -> list[Any]:
        return [["", [], []], {"t": "AlignDefault"}, 1, 1, [block]]

    def row(cells: list[Node]) -> list[Any]:
        return [["", [], []], [cell(c) for c in cells]]

    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": 0.5}]] * 2
    return {
        "t": "Table",
        "c": [
            ["", ["pairs"], []],
            [None, []],
            colspecs,
            [["", [], []], [row(heading)]],
            [[["", [], []], 0, [], [row([left, right]) for left, right in rows]]],
            [["", [], []], []],
        ],
    }


def _paragraphs(blocks: list[Node]) -> list[Node]:
    """A list item's text as a paragraph, not pandoc's `Plain`: Word gives a tight list's
    items the Compact style, which would hide the block's own style (a draft's tint)."""
    for block in blocks:
        if block.get("t") in ("BulletList", "OrderedList"):
            items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            for item in items:
                for n, inner in enumerate(item):
                    if inner.get("t") == "Plain":
                        item[n] = {"t": "Para", "c": inner["c"]}
    return blocks


def _style_draft_mark(node: Node) -> None:
    if node.get("t") == "Span" and "draft-mark" in node["c"][0][1]:
        node["c"][0][2].append(["custom-style", "Draft Mark"])


def word_ready(ast: dict[str, Any]) -> dict[str, Any]:
    """Language tags with their region everywhere, and every heading inside a div of its language."""

    def regional(node: Any) -> Any:
        if isinstance(node, list):
            if len(node) == 2 and node[0] in ("lang", "xml:lang") and isinstance(node[1], str):
                return [node[0], word_lang(node[1])]
            return [regional(n) for n in node]
        if isinstance(node, dict):
            if node.get("t") == "Header":
                kvs = dict(node["c"][1][2])
                if "lang" in kvs:
                    return div([{**node, "c": regional(node["c"])}], None, word_lang(kvs["lang"]))
            return {key: regional(value) for key, value in node.items()}
        return node

    meta = regional(ast["meta"])
    lang = meta.get("lang")
    if lang and lang.get("t") == "MetaString":
        meta["lang"] = {"t": "MetaString", "c": word_lang(lang["c"])}
    return {**ast, "meta": meta, "blocks": regional(ast["blocks"])}


def finish(docx: bytes) -> bytes:
    """Two things pandoc has no option for, entry for entry as pandoc stamped the zip:
    - no `w:proofState` ("spelling and grammar are clean"), so Word checks the spelling;
    - table rows that never break across a page (`w:cantSplit`): a block pair stays whole,
      both halves on one page, as in the PDF."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/settings.xml":
                data = re.sub(rb"<w:proofState [^>]*/>", b"", data)
            elif info.filename == "word/document.xml":
                data = data.replace(b"<w:tr><w:trPr>", b"<w:tr><w:trPr><w:cantSplit />")
                data = data.replace(b"<w:tr><w:tc>", b"<w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc>")
            dst.writestr(info, data)
    return out.getvalue()
