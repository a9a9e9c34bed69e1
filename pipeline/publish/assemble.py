"""One book as a pandoc AST: statement text read by pandoc's Markdown reader, never as raw markup.

Statement text is parsed with raw HTML, raw TeX, math, citations and divs switched off, so
`<script>`, `$`, `@`, `#` or `\\` in a statement stay text in every output. All blocks go
through a single pandoc call: a build's cost grows with the text, not with processes.

Every block is a div with its language and classes that say what it is (`original`,
`translation`, `meta`, `title-translation`, `colophon`, `draft`) and how it is laid out
(`keep-with-next`, `list-continues`): the EPUB stylesheet and the Typst template read them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from typing import TYPE_CHECKING, Any

from pipeline import pandoc
from pipeline.errors import PublishError
from pipeline.model import UNREVIEWED, Block
from pipeline.publish.ast import KEEP_WITH_NEXT, LIST_CONTINUES, attr, meta_inlines, para, plain, span
from pipeline.publish.books import Book, Entry, Side
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


# A short paragraph ending in a colon introduces what follows ("We demand:").
INTRO_MAX = 200
# A statement ends with up to this many short blocks (a slogan, a signature, the last
# signatories) that must not sit alone on a page...
CLOSING_MAX = 90
CLOSING_RUN = 3
# ...so the block before them moves with them, when that costs at most a few lines. (A
# longer paragraph cannot bring only its last lines along: Typst moves a sticky block whole.)
PULL_MAX = 400
# More organisations than this are summed up on the cover and title page.
MAX_ORGS = 8


def layout_classes(blocks: list[Block]) -> list[list[str]]:
    """How each block sits on a page: `keep-with-next` (never the last thing on a page: a
    heading, an introduction, the blocks of a short ending and the block before them) and
    `list-continues` (an item of the same tight list as the block before it)."""
    last, closing = len(blocks) - 1, _closing_start(blocks)
    out: list[list[str]] = []
    for i, block in enumerate(blocks):
        classes = []
        intro = block.kind == "heading" or (block.plain.endswith(":") and len(block.plain) <= INTRO_MAX)
        if i < last and (intro or i >= closing):
            classes.append(KEEP_WITH_NEXT)
        if i and _continues_list(blocks[i - 1], block):
            classes.append(LIST_CONTINUES)
        out.append(classes)
    return out


def _closing_start(blocks: list[Block]) -> int:
    """The first block that must stay on the page of the statement's last one."""
    last = len(blocks) - 1
    if last < 1 or len(blocks[last].plain) > CLOSING_MAX:
        return len(blocks)
    start = last
    while start > 0 and last - start + 1 < CLOSING_RUN and len(blocks[start - 1].plain) <= CLOSING_MAX:
        start -= 1
    if start > 0 and len(blocks[start - 1].plain) <= PULL_MAX:
        start -= 1  # the block before a short ending comes along
    return start


def _continues_list(prev: Block, block: Block) -> bool:
    """An item right after an item of the same kind of list, with no blank line between them."""
    ordered = [b.prefix.strip()[:1].isdigit() for b in (prev, block)]
    return block.kind == prev.kind == "item" and "\n\n" not in block.sep and ordered[0] == ordered[1]


class Assembler:
    """Builds one book's AST, laid out as its writer asks."""

    def __init__(self, book: Book, opts: BuildOptions, writer: Writer, epoch: int | None = None) -> None:
        from pipeline.publish.render import epoch_of

        self.book, self.opts, self.writer = book, opts, writer
        self.epoch = epoch_of(book) if epoch is None else epoch
        self.labels = LABELS[book.langs[0]]
        self.parser = Parser()
        # (entry, lang) -> list of fragment ids, one per block
        self.ids: dict[tuple[str, str], list[int]] = {}

    def _parse(self) -> tuple[list[list[Any]], list[int]]:
        for entry in self.book.entries:
            for lang in self.book.langs:
                side = entry.sides[lang]
                self.ids[(entry.statement.slug, lang)] = [
                    self.parser.add(b.markdown) for b, _, _ in side.blocks
                ]
        return self.parser.parse()

    def build(self) -> dict[str, Any]:
        parsed, api = self._parse()
        blocks: list[Any] = []
        for entry in self.book.entries:
            blocks.extend(self._chapter(entry, parsed))
        blocks.extend(self._colophon())
        return {"pandoc-api-version": api, "meta": self.meta(), "blocks": blocks}

    def pages(self) -> tuple[list[int], list[tuple[Entry, list[Any], list[Any]]]]:
        """A one-language book as one page per statement (the web pages): for each statement,
        its blocks and its colophon note (sources, engines, review status, the build's date).
        Returns pandoc's API version with them."""
        (lang,) = self.book.langs
        parsed, api = self._parse()
        notes = self._colophon_texts(lang)
        built = self.writer.lang_block([{"t": "Para", "c": notes[-1]}], ["colophon"], lang)
        return api, [
            (
                entry,
                self._chapter(entry, parsed),
                [self.writer.lang_block([{"t": "Para", "c": note}], ["colophon"], lang), built],
            )
            for entry, note in zip(self.book.entries, notes, strict=False)
        ]

    # The front matter: metadata that pandoc's EPUB title page and the Typst cover and title
    # page show. Text goes in as metadata inlines, so pandoc escapes it for each output.
    def meta(self) -> dict[str, Any]:
        langs = self.book.langs
        meta: dict[str, Any] = {
            "title": meta_inlines(plain(" · ".join(LABELS[lang]["collection"] for lang in langs))),
            "lang": {"t": "MetaString", "c": langs[0]},
            "identifier": {"t": "MetaString", "c": "urn:uuid:" + str(self._identifier())},
            "toc-title": meta_inlines(plain(self.labels["contents"])),
            "subtitle": meta_inlines(self._lines([self._subtitle(lang) for lang in langs])),
            "author": {"t": "MetaList", "c": [meta_inlines(plain(org)) for org in self.organisations()]},
            "front": self._front(langs[0]),
        }
        dates = [self.date_range(lang) for lang in langs]
        if dates[0]:
            meta["date"] = meta_inlines(self._lines(dates))
        if self.book.bilingual:
            meta["front-translation"] = self._front(langs[1])
        return meta

    def _front(self, lang: str) -> dict[str, Any]:
        fields = {
            "lang": {"t": "MetaString", "c": lang},
            "title": meta_inlines(plain(LABELS[lang]["collection"])),
            "subtitle": meta_inlines(plain(self._subtitle(lang))),
        }
        dates = self.date_range(lang)
        if dates:
            fields["dates"] = meta_inlines(plain(dates))
        return {"t": "MetaMap", "c": fields}

    def _lines(self, texts: list[str]) -> list[Any]:
        """One line per language of the book, each marked with its language after the first."""
        out: list[Any] = plain(texts[0])
        for lang, text in zip(self.book.langs[1:], texts[1:], strict=True):
            out += [{"t": "LineBreak"}, span(plain(text), lang)]
        return out

    def _subtitle(self, lang: str) -> str:
        lab = LABELS[lang]
        n = len(self.book.entries)
        count = lab["count_one"] if n == 1 else lab["count_many"].format(n=n)
        return f"{lab['bilingual_edition']} · {count}" if self.book.bilingual else count

    def organisations(self) -> list[str]:
        orgs = sorted({e.statement.org for e in self.book.entries if e.statement.org})
        if len(orgs) > MAX_ORGS:
            rest = len(orgs) - MAX_ORGS + 1
            orgs = [*orgs[: MAX_ORGS - 1], self.labels["and_more"].format(n=rest)]
        return orgs

    def date_range(self, lang: str) -> str:
        dates = sorted(e.statement.date for e in self.book.entries if e.statement.date)
        if not dates:
            return ""
        first, last = written(dates[0], lang), written(dates[-1], lang)
        return first if first == last else LABELS[lang]["range"].format(first=first, last=last)

    def newest(self) -> str | None:
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

    def _chapter_head(self, entry: Entry) -> list[Any]:
        """The statement's title; in a booklet, the original's, with the translation's beneath it."""
        st = entry.statement
        main = entry.sides[st.lang if self.book.bilingual else self.book.langs[0]]
        ident = f"{st.slug}-{'-'.join(self.book.langs)}"
        out: list[Any] = [{"t": "Header", "c": [1, attr(ident, [], main.lang), plain(main.title)]}]
        if self.book.bilingual:
            other = next(
                side for lang, side in entry.sides.items() if lang != st.lang and lang in self.book.langs
            )
            out.append(
                self.writer.lang_block([para(other.title)], ["title-translation", KEEP_WITH_NEXT], other.lang)
            )
        out.append(self._meta_line(entry))
        return out

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
        return self.writer.lang_block([{"t": "Para", "c": inlines}], ["meta", KEEP_WITH_NEXT], lang)

    def _block(
        self, parsed: list[Any], lang: str, status: str, translated: bool, layout: list[str]
    ) -> dict[str, Any]:
        classes = ["translation" if translated else "original", *layout]
        content = _shift_headings(json.loads(json.dumps(parsed)))
        draft = self.opts.draft and translated and status in UNREVIEWED
        if draft:
            classes.append("draft")
            _mark_draft(content, "MT")
        block = self.writer.lang_block(content, classes, lang)
        return self.writer.draft_block(block) if draft else block

    def _side_blocks(self, entry: Entry, lang: str, parsed: list[list[Any]]) -> list[dict[str, Any]]:
        side: Side = entry.sides[lang]
        layout = layout_classes([b for b, _, _ in side.blocks])
        return [
            self._block(parsed[fid], block_lang, status, side.translated, classes)
            for fid, (_, status, block_lang), classes in zip(
                self.ids[(entry.statement.slug, lang)], side.blocks, layout, strict=True
            )
        ]

    def _chapter(self, entry: Entry, parsed: list[list[Any]]) -> list[Any]:
        out = self._chapter_head(entry)
        if not self.book.bilingual:
            return out + self._side_blocks(entry, self.book.langs[0], parsed)
        left, right = self.book.langs
        rows = list(
            zip(self._side_blocks(entry, left, parsed), self._side_blocks(entry, right, parsed), strict=False)
        )
        out.extend(self.writer.pairs(rows, (left, right), original_right=not entry.sides[right].translated))
        return out

    def _colophon(self) -> list[Any]:
        """Sources, engines and review status; in a booklet, in both languages side by side."""
        langs = self.book.langs
        title = plain(LABELS[langs[0]]["colophon"])
        for lang in langs[1:]:
            title += [
                {"t": "Space"},
                {"t": "Str", "c": "·"},
                {"t": "Space"},
                span(plain(LABELS[lang]["colophon"]), lang),
            ]
        heading = attr("colophon", ["unnumbered"], langs[0])
        heading[2].append(["epub:type", "colophon"])
        out: list[Any] = [{"t": "Header", "c": [1, heading, title]}]
        columns = {lang: self._colophon_texts(lang) for lang in langs}
        last = len(columns[langs[0]]) - 1

        def cell(lang: str, i: int) -> dict[str, Any]:
            classes = ["colophon", KEEP_WITH_NEXT] if i == last - 1 else ["colophon"]
            return self.writer.lang_block([{"t": "Para", "c": columns[lang][i]}], classes, lang)

        if not self.book.bilingual:
            return out + [cell(langs[0], i) for i in range(last + 1)]
        rows = [(cell(langs[0], i), cell(langs[1], i)) for i in range(last + 1)]
        return out + self.writer.pairs(rows, (langs[0], langs[1]), original_right=False)

    def _colophon_texts(self, lang: str) -> list[list[Any]]:
        """One paragraph's inlines per statement, then the line that dates the book."""
        lab = LABELS[lang]
        texts = []
        for entry in self.book.entries:
            st = entry.statement
            lines = [f"{entry.sides[lang].title}."]
            if st.date:
                lines.append(f"{written(st.date, lang)}.")
            inlines = plain(" ".join(lines))
            source = st.meta.get("source_url") or st.meta.get("source")
            if source:
                # The source note is the original's own words, in its language.
                note = (
                    plain(f"{source}.")
                    if st.lang == lang
                    else [span(plain(str(source)), st.lang), {"t": "Str", "c": "."}]
                )
                inlines += [{"t": "Space"}, *plain(f"{lab['source']}:"), {"t": "Space"}, *note]
            lines = [f"{lab['original']}: {lab['lang_' + st.lang]}."]
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
            texts.append([*inlines, {"t": "Space"}, *plain(" ".join(lines))])
        day = dt.datetime.fromtimestamp(self.epoch, dt.UTC).date().isoformat()
        texts.append(plain(lab[self.writer.built_label].format(date=written(day, lang))))
        return texts
