"""`statements build`: EPUB 3 and PDF collections and bilingual booklets, through pandoc.

The book is assembled as a pandoc AST, never as HTML or Typst strings: statement text is
parsed by pandoc's Markdown reader with raw HTML, raw TeX, math, citations and divs
switched off, so `<script>`, `$`, `@`, `#` or `\\` in a statement stay text in every
output. pandoc then writes EPUB 3 and Typst (with templates and CSS from resources/),
and the `typst` package compiles the PDF. All blocks in a single pandoc call: the cost of
a build grows with the text, not with the number of pandoc processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import tempfile
import uuid
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from . import pandoc
from .errors import PublishError, SelectionError
from .markdown import Block
from .model import Statement, load_all, sort_key
from .store import Alignment, sync_edits, translations_of
from .workspace import LANGUAGES, Workspace, atomic_write

READER = (
    "markdown-raw_html-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
    "-tex_math_double_backslash-citations-fenced_divs-native_divs-native_spans-bracketed_spans"
    "-yaml_metadata_block-pandoc_title_block-smart-implicit_figures-fancy_lists-example_lists"
    "-subscript-superscript-line_blocks-definition_lists-link_attributes-inline_code_attributes"
)
SAFE_URL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
UNREVIEWED = frozenset({"machine", "suspect", "stale"})
PAPERS = {"a5": "a5", "a4": "a4", "letter": "us-letter"}

LABELS = {
    "es": {
        "collection": "Comunicados",
        "contents": "Índice",
        "colophon": "Colofón",
        "original": "Original",
        "translation": "Traducción",
        "lang_es": "español",
        "lang_en": "inglés",
        "source": "Fuente",
        "machine": "Traducción automática",
        "reviewed": "párrafos revisados",
        "of": "de",
        "draft": "BORRADOR",
        "statements": "comunicados",
        "built": "Construido con statements, pandoc y Typst, sin conexión.",
    },
    "en": {
        "collection": "Statements",
        "contents": "Contents",
        "colophon": "Colophon",
        "original": "Original",
        "translation": "Translation",
        "lang_es": "Spanish",
        "lang_en": "English",
        "source": "Source",
        "machine": "Machine translation",
        "reviewed": "paragraphs reviewed",
        "of": "of",
        "draft": "DRAFT",
        "statements": "statements",
        "built": "Built with statements, pandoc and Typst, offline.",
    },
}
MONTHS = {
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "en": "January February March April May June July August September October November December".split(),
}


@dataclass
class Side:
    """One language version of a statement: the original, or a translation."""

    lang: str
    title: str
    blocks: list[tuple[Block, str, str]]  # (block, status, language of the block)
    translated: bool
    alignment: Alignment | None = None


@dataclass
class Entry:
    statement: Statement
    sides: dict[str, Side] = field(default_factory=dict)


@dataclass
class Book:
    name: str  # file stem in outputs/
    langs: tuple[str, ...]  # one language, or (left, right) for a booklet
    entries: list[Entry]

    @property
    def bilingual(self) -> bool:
        return len(self.langs) == 2


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


@dataclass
class BuildResult:
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# Selection.


def select(statements: list[Statement], terms: list[str]) -> list[Statement]:
    """Apply --select terms: tag:X, org:X, from:DATE, to:DATE and slugs. Filters combine with AND."""
    tokens = [t.strip() for term in terms for t in term.split(",") if t.strip()]
    if not tokens:
        return statements
    by_slug = {s.slug: s for s in statements}
    slugs = [t for t in tokens if ":" not in t]
    unknown = [s for s in slugs if s not in by_slug]
    if unknown:
        raise SelectionError(
            f"--select names unknown statement(s): {', '.join(unknown)}. `statements list` shows the slugs."
        )
    chosen = [by_slug[s] for s in slugs] if slugs else list(statements)
    for token in tokens:
        if ":" not in token:
            continue
        key, value = token.split(":", 1)
        key, value = key.lower(), value.strip()
        if key == "tag":
            chosen = [s for s in chosen if value.lower() in (t.lower() for t in s.tags)]
        elif key == "org":
            chosen = [s for s in chosen if s.org and value.lower() in s.org.lower()]
        elif key in ("from", "to"):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise SelectionError(f"--select {token}: dates are YYYY-MM-DD, e.g. {key}:2024-01-31.")
            if key == "from":
                chosen = [s for s in chosen if s.date and s.date >= value]
            else:
                chosen = [s for s in chosen if s.date and s.date <= value]
        else:
            raise SelectionError(
                f"--select {token}: use tag:X, org:X, from:YYYY-MM-DD, to:YYYY-MM-DD or a slug."
            )
    if not chosen:
        raise SelectionError(
            f"--select {' '.join(terms)} matches no statement. `statements list` shows them."
        )
    return chosen


# Gathering the text.


def gather(ws: Workspace, statement: Statement, warnings: list[str]) -> Entry:
    entry = Entry(statement)
    entry.sides[statement.lang] = Side(
        statement.lang, statement.title, [(b, "original", statement.lang) for b in statement.blocks], False
    )
    for lang, alignment in translations_of(ws, statement).items():
        sync_edits(ws, alignment)  # read-only here: the build shows edits, translate saves them
        hashes = [b.hash for b in statement.blocks]
        if hashes != [b.source_hash for b in alignment.blocks]:
            warnings.append(
                f"{statement.slug}: the original changed since its {lang} translation was made; "
                f"the booklet pairs the translated version. Run `statements translate {statement.slug} --to {lang}`."
            )
        blocks = [
            (b.as_block(), b.status, _block_lang(b.flags, b.provenance, lang)) for b in alignment.blocks
        ]
        entry.sides[lang] = Side(lang, alignment.title.current or statement.title, blocks, True, alignment)
    return entry


def _block_lang(flags: list[str], provenance: dict[str, Any] | None, default: str) -> str:
    if "kept" in flags and provenance:
        reason = str(provenance.get("settings", {}).get("reason", ""))
        m = re.fullmatch(r"in ([a-z]{2})", reason)
        if m:
            return m.group(1)
    return default


def plan_books(ws: Workspace, opts: BuildOptions, warnings: list[str]) -> list[Book]:
    statements = select(sorted(load_all(ws), key=sort_key), opts.select)
    if not statements:
        raise SelectionError(f"no statements in {ws.originals}: add some with `statements add FILE`.")
    entries = [gather(ws, s, warnings) for s in statements]
    books: list[Book] = []
    if opts.lang and opts.bilingual:
        raise SelectionError("choose --lang or --bilingual, not both.")
    if opts.lang:
        if opts.lang not in LANGUAGES:
            raise SelectionError(f"--lang {opts.lang}: use es or en.")
        langs = [opts.lang]
    elif opts.bilingual:
        langs = []
    else:
        langs = list(LANGUAGES)
    for lang in langs:
        chosen = [e for e in entries if lang in e.sides]
        if chosen:
            books.append(Book(f"statements-{lang}", (lang,), chosen))
        elif opts.lang:
            raise SelectionError(
                f"no statement is available in {lang}: translate some first (`statements translate --to {lang}`)."
            )
    pairs = []
    if opts.bilingual:
        m = re.fullmatch(r"(es|en)-(es|en)", opts.bilingual)
        if not m or m.group(1) == m.group(2):
            raise SelectionError(f"--bilingual {opts.bilingual}: use es-en or en-es.")
        pairs = [(m.group(1), m.group(2))]
    elif not opts.lang:
        pairs = [("es", "en")]
    for left, right in pairs:
        chosen = []
        for entry in entries:
            if left in entry.sides and right in entry.sides:
                chosen.append(entry)
                continue
            missing = right if left in entry.sides else left
            message = (
                f"{entry.statement.slug} has no {missing} translation and is left out of the {left}-{right} "
                f"booklet. Run `statements translate {entry.statement.slug} --to {missing}`."
            )
            if opts.strict:
                raise PublishError(message + " (--strict)")
            warnings.append(message)
        if chosen:
            books.append(Book(f"statements-{left}-{right}", (left, right), chosen))
        elif opts.bilingual:
            raise SelectionError(
                f"no selected statement has both {left} and {right} text. Run `statements translate` first."
            )
    if not books:
        raise SelectionError("nothing to build: the selection has no statement in any language.")
    return books


# The pandoc AST.


def _attr(ident: str = "", classes: list[str] | None = None, lang: str | None = None) -> list[Any]:
    pairs = [["lang", lang], ["xml:lang", lang]] if lang else []
    return [ident, classes or [], pairs]


def _plain(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, word in enumerate(text.split()):
        if n:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def _para(text: str) -> dict[str, Any]:
    return {"t": "Para", "c": _plain(text)}


def _div(blocks: list[Any], classes: list[str] | None = None, lang: str | None = None) -> dict[str, Any]:
    return {"t": "Div", "c": [_attr("", classes, lang), blocks]}


def _raw(text: str) -> dict[str, Any]:
    return {"t": "RawBlock", "c": ["typst", text]}


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


def _date_text(iso: str | None, lang: str) -> str:
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    if lang == "es":
        return f"{day.day} de {MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"


class Assembler:
    """Builds one book's AST for one writer ("epub" or "typst")."""

    def __init__(self, book: Book, opts: BuildOptions, writer: str) -> None:
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
        return {"pandoc-api-version": api, "meta": self._meta(), "blocks": blocks}

    def _meta(self) -> dict[str, Any]:
        title = self._book_title()
        meta = {
            "title": {"t": "MetaInlines", "c": _plain(title)},
            "lang": {"t": "MetaString", "c": self.book.langs[0]},
            "identifier": {"t": "MetaString", "c": "urn:uuid:" + str(self._identifier())},
            "date": {"t": "MetaString", "c": self._newest() or "2000-01-01"},
            "toc-title": {"t": "MetaInlines", "c": _plain(self.labels["contents"])},
        }
        subtitle = self._subtitle()
        if subtitle:
            meta["subtitle"] = {"t": "MetaInlines", "c": _plain(subtitle)}
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
        inlines = _plain(first.title)
        if self.book.bilingual:
            second = entry.sides[self.book.langs[1]]
            inlines = [
                {"t": "Span", "c": [_attr("", [], first.lang), _plain(first.title)]},
                {"t": "Space"},
                {"t": "Str", "c": "/"},
                {"t": "Space"},
                {"t": "Span", "c": [_attr("", ["title-translation"], second.lang), _plain(second.title)]},
            ]
        return {
            "t": "Header",
            "c": [1, _attr(f"{entry.statement.slug}-{'-'.join(self.book.langs)}", [], first.lang), inlines],
        }

    def _meta_line(self, entry: Entry) -> dict[str, Any]:
        lang = self.book.langs[0]
        st = entry.statement
        parts = [p for p in (st.org, _date_text(st.date, lang)) if p]
        parts.append(f"{self.labels['original']}: {self.labels['lang_' + st.lang]}")
        inlines = _plain(" · ".join(parts))
        url = st.meta.get("source_url")
        if url and SAFE_URL.match(str(url)):
            inlines += [{"t": "Space"}, {"t": "Str", "c": "·"}, {"t": "Space"},
                        {"t": "Link", "c": [["", [], []], _plain(str(url)), [str(url), ""]]}]  # fmt: skip
        return self._lang_div([{"t": "Para", "c": inlines}], ["meta"], lang)

    def _lang_div(self, content: list[Any], classes: list[str], lang: str) -> dict[str, Any]:
        """A block in its language: lang and xml:lang in EPUB, text(lang: ...) in Typst."""
        if self.writer != "typst":
            return _div(content, classes, lang)
        # pandoc writes a Div's lang as a `set` rule on the block's first line, where a list
        # marker would no longer start a line; text(lang:) around the content avoids that.
        return _div([_raw(f'#text(lang: "{lang}")['), *content, _raw("]")], classes)

    def _block(self, parsed: list[Any], lang: str, status: str, translated: bool) -> dict[str, Any]:
        classes = ["translation" if translated else "original"]
        content = _shift_headings(json.loads(json.dumps(parsed)))
        draft = self.opts.draft and translated and status in UNREVIEWED
        if draft:
            classes.append("draft")
            _mark_draft(content, "MT")
        div = self._lang_div(content, classes, lang)
        if draft and self.writer == "typst":
            return _div(
                [
                    _raw('#block(width: 100%, fill: rgb("#fff3c4"), inset: (x: 3pt, y: 2pt), radius: 2pt)['),
                    div,
                    _raw("]"),
                ]
            )
        return div

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
        # The original comes first in the EPUB; the PDF keeps the booklet's column order.
        first, second = (left, right)
        if self.writer == "epub" and rsides.translated is False:
            first, second = right, left
        pairs = list(
            zip(self.ids[(slug, left)], lsides.blocks, self.ids[(slug, right)], rsides.blocks, strict=False)
        )
        if self.writer == "epub":
            for lid, (_, lstat, llang), rid, (_, rstat, rlang) in pairs:
                cells = {
                    left: self._block(parsed[lid], llang, lstat, lsides.translated),
                    right: self._block(parsed[rid], rlang, rstat, rsides.translated),
                }
                out.append(_div([cells[first], cells[second]], ["pair"]))
            return out
        heads = [
            f'[#text(weight: "bold", size: 0.85em)[{LABELS[lang]["lang_" + lang].capitalize()}]]'
            for lang in (left, right)
        ]
        out.append(
            _raw(
                "#grid(columns: (1fr, 1fr), column-gutter: 1.3em, row-gutter: 0.75em,\n"
                + ", ".join(heads)
                + ","
            )
        )
        for lid, (_, lstat, llang), rid, (_, rstat, rlang) in pairs:
            out.append(_raw("["))
            out.append(self._block(parsed[lid], llang, lstat, lsides.translated))
            out.append(_raw("], ["))
            out.append(self._block(parsed[rid], rlang, rstat, rsides.translated))
            out.append(_raw("],"))
        out.append(_raw(")"))
        return out

    def _colophon(self) -> list[Any]:
        lang = self.book.langs[0]
        lab = self.labels
        out: list[Any] = [
            {"t": "Header", "c": [1, _attr("colophon", ["unnumbered"], lang), _plain(lab["colophon"])]}
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
            items.append([_para(" ".join(lines))])
        out.append(self._lang_div([{"t": "BulletList", "c": items}, _para(lab["built"])], ["colophon"], lang))
        return out


# Writers.


def _epoch(book: Book) -> int:
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    dates = sorted(e.statement.date for e in book.entries if e.statement.date)
    day = dt.date.fromisoformat(dates[-1]) if dates else dt.date(2000, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _resource(name: str) -> str:
    return resources.files("pipeline").joinpath("resources", name).read_text(encoding="utf-8")


def _pandoc(ast: dict[str, Any], to: str, args: list[str], epoch: int, outputfile: Path | None = None) -> str:
    out = ["--output", str(outputfile)] if outputfile else []
    data = json.dumps(ast).encode("utf-8")
    return pandoc.run(
        ["--from", "json", "--to", to, *args, *out], data, f"write {to}", PublishError, epoch
    ).decode("utf-8")


def _typst(source: str, root: Path, epoch: int, fmt: str = "pdf", ppi: float | None = None) -> bytes:
    import typst

    path = root / "book.typ"
    path.write_text(source, encoding="utf-8")
    try:
        kwargs: dict[str, Any] = {
            "root": str(root),
            "timestamp": epoch,
            "ignore_system_fonts": True,
            "format": fmt,
        }
        if ppi:
            kwargs["ppi"] = ppi
        data = typst.compile(str(path), **kwargs)
    except Exception as exc:  # typst raises its own error type with the source location
        raise PublishError(_typst_error(str(exc), source)) from exc
    if not isinstance(data, bytes):
        raise PublishError("typst returned no PDF; check `statements doctor`.")
    return data


def _typst_error(message: str, source: str) -> str:
    lines = source.splitlines()
    m = re.search(r"book\.typ:(\d+):(\d+)", message)
    where = ""
    if m:
        n = int(m.group(1))
        where = f"\n  at line {n}: {lines[n - 1][:200] if 0 < n <= len(lines) else ''}"
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return (
        f"Typst could not compile the book: {first}{where}\nPlease report this with the statement involved."
    )


def _variables(assembler: Assembler, book: Book, opts: BuildOptions, epoch: int) -> list[str]:
    day = dt.datetime.fromtimestamp(epoch, dt.UTC)
    args = [
        f"--variable=year:{day.year}",
        f"--variable=month:{day.month}",
        f"--variable=day:{day.day}",
        f"--variable=paper:{PAPERS[opts.paper]}",
        f"--variable=languages:{assembler.languages_label()}",
        f"--variable=date-range:{assembler.date_range()}",
        f"--variable=toc-title:{assembler.labels['contents']}",
    ]
    if book.bilingual:
        args.append("--variable=bilingual:true")
    return args


def build_epub(book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
    assembler = Assembler(book, opts, "epub")
    ast = assembler.build()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "epub.css").write_text(_resource("epub.css"), encoding="utf-8")
        if opts.cover:
            cover = root / ("cover" + opts.cover.suffix.lower())
            cover.write_bytes(opts.cover.read_bytes())
        else:
            cover = root / "cover.png"
            cover.write_bytes(render_cover(assembler, book, opts, epoch, root))
        target = root / "book.epub"
        _pandoc(
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
    ast = {"pandoc-api-version": [1, 23, 1], "meta": assembler._meta(), "blocks": []}
    template = root / "cover-template.typ"
    template.write_text(_resource("cover.typ"), encoding="utf-8")
    source = _pandoc(
        ast,
        "typst",
        ["--standalone", f"--template={template}", *_variables(assembler, book, opts, epoch)],
        epoch,
    )
    return _typst(source, root, epoch, fmt="png", ppi=110)


def build_pdf(book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
    assembler = Assembler(book, opts, "typst")
    ast = assembler.build()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        template = root / "book-template.typ"
        template.write_text(_resource("book.typ"), encoding="utf-8")
        args = ["--standalone", f"--template={template}", *_variables(assembler, book, opts, epoch)]
        if opts.cover:
            image = root / ("cover" + opts.cover.suffix.lower())
            image.write_bytes(opts.cover.read_bytes())
            args.append(f"--variable=cover-image:{image.name}")
        source = _pandoc(ast, "typst", args, epoch)
        pdf = _typst(source, root, epoch)
    final = out / f"{book.name}.pdf"
    atomic_write(final, pdf)
    return final


def build(ws: Workspace, opts: BuildOptions) -> BuildResult:
    result = BuildResult()
    for fmt in opts.formats:
        if fmt not in ("epub", "pdf"):
            raise SelectionError(f"--format {fmt}: use epub, pdf or epub,pdf.")
    if opts.paper not in PAPERS:
        raise SelectionError(f"--paper {opts.paper}: use a5, a4 or letter.")
    if opts.cover is not None:
        if not opts.cover.is_file():
            raise SelectionError(f"--cover {opts.cover}: no such file.")
        if opts.cover.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            raise SelectionError(f"--cover {opts.cover}: use a PNG or JPEG image.")
    out = opts.output or ws.outputs
    ws.ensure_dir(out)
    with ws.lock(wait=30):
        books = plan_books(ws, opts, result.warnings)
        for book in books:
            epoch = _epoch(book)
            if "epub" in opts.formats:
                result.files.append(build_epub(book, opts, out, epoch))
            if "pdf" in opts.formats:
                result.files.append(build_pdf(book, opts, out, epoch))
    return result
