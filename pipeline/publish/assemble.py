"""One book as a pandoc AST: statement text read by pandoc's Markdown reader, never as raw markup.

Statement text is parsed with raw HTML, raw TeX, math, citations and divs switched off, so
`<script>`, `$`, `@`, `#` or `\\` in a statement stay text in every output. All blocks go
through a single pandoc call: a build's cost grows with the text, not with processes.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from typing import TYPE_CHECKING, Any

from pipeline import pandoc
from pipeline.errors import PublishError
from pipeline.model import UNREVIEWED
from pipeline.publish.ast import attr, para, plain
from pipeline.publish.books import Book, Entry
from pipeline.publish.labels import LABELS
from pipeline.text.dates import written
from pipeline.text.inline import SAFE_URL

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.writers.base import Writer

READER = (
    "markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
    "-tex_math_double_backslash-citations-fenced_divs-native_divs-native_spans-bracketed_spans"
    "-yaml_metadata_block-pandoc_title_block-smart-implicit_figures-fancy_lists-example_lists"
    "-subscript-superscript-line_blocks-definition_lists-link_attributes-inline_code_attributes"
)


class Parser:
    """Parse many Markdown fragments with one pandoc call."""

    def __init__(self) -> None:
        self.fragments: list[str] = []

    def add(self, markdown: str) -> int:
        self.fragments.append(markdown)
        return len(self.fragments) - 1

    def parse(self) -> tuple[list[list[Any]], list[int]]:
        token = "STMTSPLIT" + secrets.token_hex(8)
        source = "".join(f"{frag}\n\n{token}\n\n" for frag in self.fragments)
        raw = pandoc.run(
            ["--from", READER, "--to", "json"], source.encode("utf-8"), "read the statements", PublishError
        )
        doc = json.loads(raw)
        out: list[list[Any]] = [[]]
        for block in doc["blocks"]:
            if block.get("t") == "Para" and block["c"] == [{"t": "Str", "c": token}]:
                out.append([])
            else:
                out[-1].append(_sanitise(block))
        return out[: len(self.fragments)], doc["pandoc-api-version"]


def _sanitise(node: Any) -> Any:
    """No remote images, unsafe links or raw markup survive into a book."""
    if isinstance(node, list):
        return [
            _sanitise(n)
            for n in node
            if not (isinstance(n, dict) and n.get("t") in ("RawBlock", "RawInline"))
        ]
    if not isinstance(node, dict):
        return node
    kind = node.get("t")
    if kind == "Image":
        return {"t": "Span", "c": [["", [], []], _sanitise(node["c"][1])]}
    if kind == "Link":
        target = node["c"][2][0]
        if not SAFE_URL.match(target):
            return {"t": "Span", "c": [["", [], []], _sanitise(node["c"][1])]}
    if "c" in node:
        return {**node, "c": _sanitise(node["c"])}
    return node


def _shift_headings(blocks: list[Any]) -> list[Any]:
    for block in blocks:
        if block.get("t") == "Header":
            block["c"][0] = min(6, block["c"][0] + 1)
    return blocks


def _mark_draft(blocks: list[Any], label: str) -> None:
    """Put a visible [MT] marker at the start of the first text of a block."""
    for block in blocks:
        kind = block.get("t")
        if kind in ("Para", "Plain"):
            block["c"][:0] = [
                {"t": "Span", "c": [["", ["draft-mark"], []], [{"t": "Str", "c": f"[{label}]"}]]},
                {"t": "Space"},
            ]
            return
        if kind == "Header":
            block["c"][2][:0] = [
                {"t": "Span", "c": [["", ["draft-mark"], []], [{"t": "Str", "c": f"[{label}]"}]]},
                {"t": "Space"},
            ]
            return
        if kind in ("BulletList",):
            _mark_draft(block["c"][0], label)
            return
        if kind == "OrderedList":
            _mark_draft(block["c"][1][0], label)
            return
        if kind in ("BlockQuote",):
            _mark_draft(block["c"], label)
            return
        if kind == "Div":
            _mark_draft(block["c"][1], label)
            return


class Assembler:
    """Builds one book's AST, laid out as its writer asks."""

    def __init__(self, book: Book, opts: BuildOptions, writer: Writer) -> None:
        self.book, self.opts, self.writer = book, opts, writer
        self.labels = LABELS[book.langs[0]]
        self.parser = Parser()
        # (entry, lang) -> list of fragment ids, one per block
        self.ids: dict[tuple[str, str], list[int]] = {}

    def build(self) -> dict[str, Any]:
        for entry in self.book.entries:
            for lang in self.book.langs:
                side = entry.sides[lang]
                self.ids[(entry.statement.slug, lang)] = [
                    self.parser.add(b.markdown) for b, _, _ in side.blocks
                ]
        parsed, api = self.parser.parse()
        blocks: list[Any] = []
        for entry in self.book.entries:
            blocks.extend(self._chapter(entry, parsed))
        blocks.extend(self._colophon())
        return {"pandoc-api-version": api, "meta": self.meta(), "blocks": blocks}

    def meta(self) -> dict[str, Any]:
        title = self._book_title()
        meta = {
            "title": {"t": "MetaInlines", "c": plain(title)},
            "lang": {"t": "MetaString", "c": self.book.langs[0]},
            "identifier": {"t": "MetaString", "c": "urn:uuid:" + str(self._identifier())},
            "date": {"t": "MetaString", "c": self._newest() or "2000-01-01"},
            "toc-title": {"t": "MetaInlines", "c": plain(self.labels["contents"])},
        }
        subtitle = self._subtitle()
        if subtitle:
            meta["subtitle"] = {"t": "MetaInlines", "c": plain(subtitle)}
        return meta

    def _book_title(self) -> str:
        if self.book.bilingual:
            a, b = self.book.langs
            return f"{LABELS[a]['collection']} · {LABELS[b]['collection']}"
        return self.labels["collection"]

    def _subtitle(self) -> str:
        orgs = sorted({e.statement.org for e in self.book.entries if e.statement.org})
        return orgs[0] if len(orgs) == 1 else ""

    def languages_label(self) -> str:
        names = [self.labels[f"lang_{lang}"] for lang in self.book.langs]
        return " / ".join(n[:1].upper() + n[1:] for n in names)

    def date_range(self) -> str:
        dates = sorted(e.statement.date for e in self.book.entries if e.statement.date)
        if not dates:
            return ""
        first, last = dates[0][:4], dates[-1][:4]
        return first if first == last else f"{first}–{last}"

    def _newest(self) -> str | None:
        dates = sorted(e.statement.date for e in self.book.entries if e.statement.date)
        return dates[-1] if dates else None

    def _identifier(self) -> uuid.UUID:
        digest = hashlib.sha256()
        digest.update(self.book.name.encode())
        for entry in self.book.entries:
            for lang in self.book.langs:
                side = entry.sides[lang]
                digest.update(side.title.encode())
                for block, status, _ in side.blocks:
                    digest.update(block.markdown.encode() + status.encode())
        return uuid.UUID(bytes=digest.digest()[:16], version=5)

    def _title_header(self, entry: Entry) -> dict[str, Any]:
        first = entry.sides[self.book.langs[0]]
        inlines = plain(first.title)
        if self.book.bilingual:
            second = entry.sides[self.book.langs[1]]
            inlines = [
                {"t": "Span", "c": [attr("", [], first.lang), plain(first.title)]},
                {"t": "Space"},
                {"t": "Str", "c": "/"},
                {"t": "Space"},
                {"t": "Span", "c": [attr("", ["title-translation"], second.lang), plain(second.title)]},
            ]
        return {
            "t": "Header",
            "c": [1, attr(f"{entry.statement.slug}-{'-'.join(self.book.langs)}", [], first.lang), inlines],
        }

    def _meta_line(self, entry: Entry) -> dict[str, Any]:
        lang = self.book.langs[0]
        st = entry.statement
        parts = [p for p in (st.org, written(st.date, lang)) if p]
        parts.append(f"{self.labels['original']}: {self.labels['lang_' + st.lang]}")
        inlines = plain(" · ".join(parts))
        url = st.meta.get("source_url")
        if url and SAFE_URL.match(str(url)):
            inlines += [{"t": "Space"}, {"t": "Str", "c": "·"}, {"t": "Space"},
                        {"t": "Link", "c": [["", [], []], plain(str(url)), [str(url), ""]]}]  # fmt: skip
        return self.writer.lang_block([{"t": "Para", "c": inlines}], ["meta"], lang)

    def _block(self, parsed: list[Any], lang: str, status: str, translated: bool) -> dict[str, Any]:
        classes = ["translation" if translated else "original"]
        content = _shift_headings(json.loads(json.dumps(parsed)))
        draft = self.opts.draft and translated and status in UNREVIEWED
        if draft:
            classes.append("draft")
            _mark_draft(content, "MT")
        block = self.writer.lang_block(content, classes, lang)
        return self.writer.draft_block(block) if draft else block

    def _chapter(self, entry: Entry, parsed: list[list[Any]]) -> list[Any]:
        out: list[Any] = [self._title_header(entry), self._meta_line(entry)]
        slug = entry.statement.slug
        if not self.book.bilingual:
            lang = self.book.langs[0]
            side = entry.sides[lang]
            for fid, (_, status, block_lang) in zip(self.ids[(slug, lang)], side.blocks, strict=True):
                out.append(self._block(parsed[fid], block_lang, status, side.translated))
            return out
        left, right = self.book.langs
        lsides, rsides = entry.sides[left], entry.sides[right]
        rows = [
            (
                self._block(parsed[lid], llang, lstat, lsides.translated),
                self._block(parsed[rid], rlang, rstat, rsides.translated),
            )
            for lid, (_, lstat, llang), rid, (_, rstat, rlang) in zip(
                self.ids[(slug, left)], lsides.blocks, self.ids[(slug, right)], rsides.blocks, strict=False
            )
        ]
        out.extend(self.writer.pairs(rows, (left, right), original_right=not rsides.translated))
        return out

    def _colophon(self) -> list[Any]:
        lang = self.book.langs[0]
        lab = self.labels
        out: list[Any] = [
            {"t": "Header", "c": [1, attr("colophon", ["unnumbered"], lang), plain(lab["colophon"])]}
        ]
        items = []
        for entry in self.book.entries:
            st = entry.statement
            lines = [f"{entry.sides[self.book.langs[0]].title}."]
            source = st.meta.get("source_url") or st.meta.get("source")
            if source:
                lines.append(f"{lab['source']}: {source}.")
            lines.append(f"{lab['original']}: {lab['lang_' + st.lang]}.")
            for side_lang in self.book.langs:
                side = entry.sides[side_lang]
                if side.translated and side.alignment is not None:
                    counts = side.alignment.counts()
                    total = sum(counts.values())
                    engines = "; ".join(side.alignment.engines()) or "-"
                    lines.append(
                        f"{lab['translation']} ({lab['lang_' + side_lang]}): {lab['machine']}: {engines}. "
                        f"{counts['reviewed']} {lab['of']} {total} {lab['reviewed']}."
                    )
            items.append([para(" ".join(lines))])
        out.append(
            self.writer.lang_block([{"t": "BulletList", "c": items}, para(lab["built"])], ["colophon"], lang)
        )
        return out
