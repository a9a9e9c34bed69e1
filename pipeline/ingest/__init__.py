"""`statements add`: read a file or standard input, clean it, find its metadata, write originals/.

- readers, one per file (`text`, `markdown`, `html`, `office`), registered in READERS;
- `clean`  page clutter out, list numbering repaired, Unicode normalised;
- `meta`   title, date, organisation, signatories and slug from the text.

Adding an input format is one file with a `base.Reader` subclass and one line in READERS.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputError, LanguageError, UsageError, choice, one_of
from pipeline.ingest import layout
from pipeline.ingest.base import Read, Reader, Source, utf16
from pipeline.ingest.clean import line_words, normalise, repair_lists
from pipeline.ingest.html import HtmlReader
from pipeline.ingest.layout import Unit
from pipeline.ingest.markdown import MarkdownReader
from pipeline.ingest.meta import author_of, clean_author, date_of, extract, make_slug, slugify
from pipeline.ingest.office import DocxReader, OdtReader
from pipeline.ingest.text import TextReader
from pipeline.ingest.web import fetch, is_url
from pipeline.model import LANGUAGES, Block, Statement
from pipeline.originals import SLUG_RE, load_all
from pipeline.text.dates import find_dates
from pipeline.text.detect import detect_text
from pipeline.text.markdown import dump_front_matter, parse_blocks, render_blocks
from pipeline.workspace import Workspace, atomic_write

READERS: dict[str, Reader] = {
    r.name: r for r in (TextReader(), MarkdownReader(), HtmlReader(), DocxReader(), OdtReader())
}
STDIN_DEFAULT = "text"  # a paste that is neither HTML nor Markdown with front matter: a page's text
MAX_BYTES = 50 * 1024 * 1024
_WHOLE_LINK = re.compile(r"^(?:\*\*|__)?\[[^\]]+\]\([^)]*\)(?:\*\*|__)?$")
RESERVED = {"con", "prn", "aux", "nul", "clock"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}


def supported() -> str:
    """The file types `add` reads, for messages: ".txt, .md, .html, .docx or .odt"."""
    return one_of([r.suffixes[0] for r in READERS.values()])


def reader_for(path: Path) -> Reader:
    suffix = path.suffix.lower()
    for reader in READERS.values():
        if suffix in reader.suffixes:
            return reader
    raise InputError(
        f"{path}: unsupported file type '{path.suffix or '(none)'}'. "
        f"statements reads {supported()}; save it as one of these."
    )


@dataclass
class Overrides:
    lang: str | None = None
    title: str | None = None
    date: str | None = None
    org: str | None = None
    slug: str | None = None


@dataclass
class Removed:
    """A line taken out as page clutter, and why: what `add --json` lists."""

    text: str
    reason: str


@dataclass
class Ingested:
    meta: dict[str, Any]
    body: str
    warnings: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


@dataclass
class Added:
    slug: str
    path: Path
    created: bool
    warnings: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def read_source(name: str) -> Source:
    """Read a path, a web address, or standard input for "-", refusing what cannot be a statement."""
    if is_url(name):
        return _checked(fetch(name, MAX_BYTES))
    if name == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if raw.startswith(b"PK\x03\x04"):
            raise InputError(
                "standard input looks like a .docx/.odt archive; save it to a file and run "
                "`statements add FILE.docx` instead."
            )
        kind = next((r.name for r in READERS.values() if r.sniff(raw)), STDIN_DEFAULT)
        return _checked(Source("standard input", kind, raw))
    path = Path(name)
    if not path.exists():
        raise InputError(f"{name}: no such file. Check the path and try again.")
    if path.is_dir():
        raise InputError(f"{name}: is a folder. Give the statement files inside it, e.g. {name}/*.md")
    reader = reader_for(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: {size // 1_048_576} MB is too large for a statement (limit 50 MB).")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read it ({exc.strerror}).") from exc
    return _checked(Source(name, reader.name, raw, path))


def _checked(source: Source) -> Source:
    if len(source.raw) > MAX_BYTES:
        raise InputError(f"{source.name}: too large for a statement (limit 50 MB).")
    if not source.raw.strip():
        raise InputError(f"{source.name}: the file is empty. Paste the statement's text into it first.")
    if READERS[source.kind].archive:
        if not source.raw.startswith(b"PK\x03\x04"):
            raise InputError(
                f"{source.name}: not a valid .{source.kind} file (it is not a zip archive). "
                "Open it in your word processor and save it again as .docx or .odt."
            )
    elif not utf16(source.raw) and b"\x00" in source.raw[:65536]:
        raise InputError(
            f"{source.name}: this is a binary file, not text. Give the statement as {supported()}."
        )
    return source


def to_markdown(source: Source) -> tuple[str, dict[str, Any], list[str]]:
    """The source as Markdown, with hints (front matter, page metadata) and warnings."""
    read: Read = READERS[source.kind].read(source)
    return read.markdown, read.hints, read.warnings


def classify(source: Source) -> tuple[list[Block], list[Unit], layout.Layout, dict[str, Any], list[str]]:
    """The source's blocks, their text as a reader sees it, and where the statement sits among them."""
    markdown, hints, warnings = to_markdown(source)
    blocks = parse_blocks(normalise(markdown))
    seen: dict[str, str] = {}  # a page repeats its chrome: read each line's words once
    units = []
    for b in blocks:
        plain = b.text if "\n" not in b.text else b.plain  # one line, already normalised: as it reads
        words = seen.get(plain)
        if words is None:
            words = seen[plain] = line_words(plain)
        units.append(Unit(words, b.kind == "heading", _whole_link(b.text)))
    return blocks, units, layout.find(units, hints.get("headline")), hints, warnings


def ingest(source: Source, overrides: Overrides | None = None) -> Ingested:
    """Clean a source and find its metadata. Pure: nothing is written."""
    over = overrides or Overrides()
    if over.lang and over.lang.lower() not in LANGUAGES:
        choice("--lang", over.lang.lower(), LANGUAGES)
    fixed_date = _date(over.date) if over.date else None
    blocks, units, found, hints, warnings = classify(source)
    removed = [Removed(text, why) for text, why in hints.get("removed", [])]
    removed += [Removed(units[i].text, why) for i, why in sorted(found.reasons.items())]
    kept = [
        blocks[i]
        for i in found.kept(len(blocks))
        if units[i].text or blocks[i].kind in ("rule", "table", "code")
    ]
    body = normalise(repair_lists(render_blocks(kept))) if kept else ""
    kept_blocks = parse_blocks(body)
    prose_text = "\n".join(b.plain for b in kept_blocks if b.is_prose)
    if not prose_text.strip():
        what = f"all {len(removed)} lines of it look like page clutter" if removed else "it holds no text"
        raise InputError(
            f"{source.name}: no text is left once page clutter is removed ({what}: menus, bylines, "
            "teasers, comments, footers). Check that the file holds the statement itself; "
            "copy the article's own page, not a list of articles."
        )
    lang = over.lang or hints.get("lang")
    if lang:
        lang = str(lang).lower()
        if lang not in LANGUAGES:
            choice("--lang", lang, LANGUAGES)
    else:
        detected = detect_text(prose_text[:20000])  # the first pages tell the language
        if detected.lang not in LANGUAGES:
            raise LanguageError(
                f"{source.name}: this statement looks like "
                f"{'no known language' if detected.lang == 'und' else repr(detected.lang)} "
                f"(confidence {detected.confidence:.2f}), and statements translates Spanish and English. "
                "If it is Spanish or English, add it again with --lang es or --lang en."
            )
        lang = detected.lang
    found_meta = extract(kept_blocks, lang)
    title_text = units[found.title].text if found.title is not None else None
    kept_text = [line_words(b.plain) for b in kept_blocks if b.is_prose]
    byline = [units[i].text for i in found.byline]
    byline_why = [(units[i].text, found.reasons[i], _next_text(units, i)) for i in found.byline]
    if hints.get("page_lines"):
        # A saved page: the byline is in the page around the headline, outside the article.
        page_units = [Unit(line) for line in hints["page_lines"]]
        around = layout.find(page_units, hints.get("headline"))
        page_why = [(page_units[i].text, around.reasons[i], _next_text(page_units, i)) for i in around.byline]
        byline_why = page_why + byline_why
        byline = [text for text, _, _ in byline_why]
        if title_text is None and around.title is not None and not hints.get("headline"):
            title_text = page_units[around.title].text
    title = (
        over.title or hints.get("title") or hints.get("headline") or title_text or hints.get("title_fallback")
    )
    # The file's own front matter says it best; then the text's dateline, byline, the page.
    front = _date_hint({"date": hints.get("date")}, lang) if hints.get("date") else None
    date = fixed_date or front or date_of(kept_text, byline, hints.get("published"), lang)
    author = author_of(byline_why) if byline_why else None
    author = author or clean_author(hints.get("author"))
    meta: dict[str, Any] = {
        "title": title,
        "date": date,
        "lang": lang,
        "author": author,
        "org": over.org or hints.get("org") or found_meta.org or hints.get("site_name"),
        "signatories": hints.get("signatories") or found_meta.signatories,
        "tags": hints.get("tags") or [],
        "source": hints.get("source") or (Path(source.name).name if source.path else source.name),
        "source_url": source.url or hints.get("source_url"),
    }
    notes = list(warnings)
    first = next((b for b in kept_blocks if b.is_prose), None)
    if first is not None and re.match(r"^[a-zñáéíóú]", line_words(first.plain)) and first.kind == "paragraph":
        notes.append(
            f'{source.name}: the first paragraph starts in lower case ("{line_words(first.plain)[:30]}…"): '
            "probably a drop capital lost in copying. Check its first word in the original."
        )
    for key, option in (("title", "--title"), ("date", "--date")):
        if not meta[key]:
            notes.append(f"{source.name}: no {key} found; it is left empty. Set it with {option}.")
    return Ingested(meta, body, notes, removed)


def _whole_link(text: str) -> bool:
    text = text.strip()
    return text[:1] in "[*_" and bool(_WHOLE_LINK.match(text))


def _next_text(units: list[Unit], i: int) -> str:
    return units[i + 1].text if i + 1 < len(units) else ""


def _date(value: Any) -> str:
    text = str(value)
    dates = find_dates(text)
    if not dates:
        raise UsageError(f"--date {text}: not a date. Use the form YYYY-MM-DD, e.g. 2024-07-11.")
    return dates[0].iso


def _date_hint(hints: dict[str, Any], lang: str) -> str | None:
    for key in ("date", "published"):
        value = hints.get(key)
        if value:
            dates = find_dates(str(value), lang)
            if dates:
                return dates[0].iso
    return None


def content_key(body: str) -> str:
    """What makes two statements the same text: their words, ignoring layout and case."""
    words = re.findall(r"\w+", body.casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def clean_slug(value: str) -> str:
    if "\x00" in value or "/" in value or "\\" in value or ".." in value:
        raise UsageError(
            f"--slug {value!r}: a slug cannot contain '/', '\\', '..' or NUL. "
            "Use lower-case words joined by '-', e.g. 2024-07-11-solidarity-with-dockers."
        )
    slug = slugify(value, max_words=20, max_len=120)
    if not slug or slug in RESERVED or not SLUG_RE.match(slug):
        raise UsageError(f"--slug {value!r}: not a usable name. Use lower-case words joined by '-'.")
    return slug


def add(ws: Workspace, names: list[str], overrides: Overrides | None = None) -> list[Added]:
    """Add each named file (or "-") to originals/. Fails on the first bad input, writing nothing for it."""
    over = overrides or Overrides()
    if over.slug and len(names) > 1:
        raise UsageError("--slug names one statement; add the files one at a time to give each a slug.")
    results: list[Added] = []
    sources = [read_source(name) for name in names]
    prepared = [ingest(source, over) for source in sources]
    with ws.lock(wait=30):
        # A broken file elsewhere in originals/ does not block adding.
        existing = {content_key(s.body): s for s in load_all(ws, skipped=[])}
        for item in prepared:
            key = content_key(item.body)
            if key in existing:
                old = existing[key]
                results.append(Added(old.slug, old.path, False, item.warnings, item.removed, item.meta))
                continue
            slug = clean_slug(over.slug) if over.slug else make_slug(item.meta["title"], item.meta["date"])
            slug = _free_slug(ws, slug)
            path = ws.original_path(slug)
            ws.ensure_dir(ws.originals)
            atomic_write(path, dump_front_matter(item.meta, item.body))
            statement = Statement(slug, path, item.meta, item.body)
            existing[key] = statement
            results.append(Added(slug, path, True, item.warnings, item.removed, item.meta))
    return results


def _free_slug(ws: Workspace, slug: str) -> str:
    candidate, n = slug, 2
    while ws.original_path(candidate).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


__all__ = ["Overrides", "Source", "add", "ingest", "read_source"]
