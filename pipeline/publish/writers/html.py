"""HTML: a folder of standalone web pages, one per statement and language, and an index.

`outputs/NAME/SLUG.LANG.html` (the names Apache's and nginx's language negotiation expect) and
`outputs/NAME/index.html`. A booklet's folder has both languages' pages, linked to each other
(`<link rel="alternate" hreflang>` and a visible link); a collection's has one language.

Each page stands alone: the stylesheet (resources/web.css) is inlined, there is no script and
nothing is fetched from anywhere. Every block carries `lang`; the page has a skip link,
landmarks (`header`, `nav`, `main`, `footer`) and one `h1`; Open Graph and `description`
metadata give a share preview the statement's title, first paragraph and date.

pandoc's HTML writer renders the statements' blocks; every page of a book comes out of one
pandoc call, split at markers. The page around them is written here, every value escaped.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.publish.assemble import Assembler
from pipeline.publish.ast import classes_of, each_node, stringify
from pipeline.publish.books import Book, Entry
from pipeline.publish.labels import LABELS
from pipeline.publish.render import resource, run_pandoc
from pipeline.publish.writers.base import Node, Writer
from pipeline.text.dates import written
from pipeline.workspace import atomic_write

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions

# A share preview shows about this much of the description.
DESCRIPTION_MAX = 200
# A first paragraph shorter than this is a dateline or a salutation, not a summary.
SUMMARY_MIN = 60


@dataclass
class Page:
    entry: Entry
    lang: str
    title: str
    description: str
    body: str = ""
    colophon: str = ""
    draft: bool = False

    @property
    def filename(self) -> str:
        return page_name(self.entry.statement.slug, self.lang)


def page_name(slug: str, lang: str) -> str:
    return f"{slug}.{lang}.html"


class HtmlWriter(Writer):
    name = "html"
    suffix = ".html"
    built_label = "built_pandoc"

    def lang_block(self, content: list[Node], classes: list[str], lang: str) -> Node:
        # HTML takes `lang` alone (`xml:lang` belongs to XHTML, as in the EPUB).
        return {"t": "Div", "c": [["", classes, [["lang", lang]]], content]}

    def draft_block(self, block: Node) -> Node:
        """The [MT] mark says what it means to a screen reader and on hover."""
        lang = dict(block["c"][0][2]).get("lang", "")
        label = LABELS.get(lang, LABELS["en"])["draft_mark"]
        each_node(block, lambda n: _titled(n, label))
        return block

    def write(self, book: Book, opts: BuildOptions, out: Path, epoch: int) -> Path:
        folder = out / book.name
        pages: list[Page] = []
        fragments: list[list[Any]] = []
        api: list[int] = []
        for lang in book.langs:
            assembler = Assembler(Book(book.name, (lang,), book.entries), opts, self, epoch)
            api, chapters = assembler.pages()
            for entry, blocks, colophon in chapters:
                blocks = outline(html_ready(blocks))
                draft = any("draft" in classes_of(block) for block in blocks)
                pages.append(Page(entry, lang, entry.sides[lang].title, describe(blocks), draft=draft))
                fragments += [blocks, html_ready(colophon, inlines=True)]
        rendered = render_fragments(api, fragments, epoch)
        for n, page in enumerate(pages):
            page.body, page.colophon = rendered[2 * n], rendered[2 * n + 1]
        css = resource("web.css")
        files = {page.filename: page_html(page, book, css) for page in pages}
        files["index.html"] = index_html(book, pages, css)
        for name, text in sorted(files.items()):
            atomic_write(folder / name, text)
        # A page this build did not write (a statement no longer selected) must not stay online.
        for old in sorted(folder.glob("*.html")):
            if old.name not in files:
                old.unlink()
        return folder / "index.html"


def _titled(node: Node, label: str) -> None:
    if node.get("t") == "Span" and "draft-mark" in node["c"][0][1]:
        node["c"][0][2].append(["title", label])


def _strip(node: Node) -> None:
    """Drop the attributes an HTML page must not carry: `xml:lang` (XHTML's), `epub:type`."""
    if node.get("t") in ("Div", "Span", "Header"):
        kvs = node["c"][1 if node["t"] == "Header" else 0][2]
        kvs[:] = [kv for kv in kvs if kv[0] not in ("xml:lang", "epub:type")]


def html_ready(blocks: list[Any], inlines: bool = False) -> list[Any]:
    """The blocks with HTML's attributes, in place. The assembler puts `xml:lang` on headings
    and divs, and on spans only in colophon notes (`inlines=True` looks inside paragraphs)."""
    if inlines:
        each_node(blocks, _strip)
    else:
        for node in _block_level(blocks):
            _strip(node)
    return blocks


def _block_level(blocks: list[Any]) -> list[Node]:
    """The blocks and, inside each div, its blocks: where headings and divs are."""
    out: list[Node] = []
    for block in blocks:
        out.append(block)
        if block.get("t") == "Div":
            out += _block_level(block["c"][1])
    return out


def outline(blocks: list[Any]) -> list[Any]:
    """Heading levels that go down one step at a time under the page's `h1` (the title), as
    screen readers expect: a statement's own headings start at `h2`."""
    inner = [node for node in _block_level(blocks) if node.get("t") == "Header"][1:]
    if inner:
        shift = min(h["c"][0] for h in inner) - 2
        previous = 1
        for header in inner:
            header["c"][0] = previous = min(header["c"][0] - shift, previous + 1)
    return blocks


def describe(blocks: list[Any]) -> str:
    """The share preview's text: the statement's first real paragraph, cut at a word."""
    texts = (
        " ".join(stringify(block["c"][1][0]).split())
        for block in blocks
        if {"original", "translation"} & set(classes_of(block))
        and block["c"][1]
        and block["c"][1][0].get("t") == "Para"
    )
    first = ""
    for text in texts:
        first = first or text
        if len(text) >= SUMMARY_MIN:
            first = text
            break
    if len(first) <= DESCRIPTION_MAX:
        return first
    return first[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def render_fragments(api: list[int], fragments: list[list[Any]], epoch: int) -> list[str]:
    """Each list of blocks as HTML, from one pandoc run."""
    token = "STMTPAGE" + secrets.token_hex(8)
    marker = {"t": "Para", "c": [{"t": "Str", "c": token}]}
    blocks: list[Any] = []
    for fragment in fragments:
        blocks += [*fragment, marker]
    html = run_pandoc(
        {"pandoc-api-version": api, "meta": {}, "blocks": blocks}, "html5", ["--wrap=none"], epoch
    )
    return [part.strip() for part in html.split(f"<p>{token}</p>")][: len(fragments)]


def _other_langs(page: Page, book: Book) -> list[str]:
    return [lang for lang in book.langs if lang != page.lang and lang in page.entry.sides]


def _locale(lang: str) -> str:
    return LABELS[lang]["region"].replace("-", "_") if lang in LABELS else lang


def page_html(page: Page, book: Book, css: str) -> str:
    st, lab = page.entry.statement, LABELS[page.lang]
    others = _other_langs(page, book)
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(page.title)}</title>",
        f'<meta name="description" content="{escape(page.description)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{escape(page.title)}">',
        f'<meta property="og:description" content="{escape(page.description)}">',
        f'<meta property="og:locale" content="{_locale(page.lang)}">',
        *(f'<meta property="og:locale:alternate" content="{_locale(lang)}">' for lang in others),
    ]
    if st.org:
        head.append(f'<meta property="og:site_name" content="{escape(st.org)}">')
        head.append(f'<meta name="author" content="{escape(st.org)}">')
    if st.date:
        head.append(f'<meta property="article:published_time" content="{escape(st.date)}">')
    if others:
        head += [
            f'<link rel="alternate" hreflang="{lang}" href="{page_name(st.slug, lang)}">'
            for lang in [page.lang, *others]
        ]
    links = [f'<li><a href="index.html">{escape(lab["collection"])}</a></li>']
    links += [
        f'<li><a href="{page_name(st.slug, lang)}" hreflang="{lang}" lang="{lang}" rel="alternate">'
        f"{escape(LABELS[lang]['read_in'])}</a></li>"
        for lang in others
    ]
    notice = f'<p class="notice">{escape(lab["draft_notice"])}</p>\n' if page.draft else ""
    return _document(
        page.lang,
        head,
        css,
        lab,
        links,
        f"<article>\n{notice}{page.body}\n</article>",
        page.colophon,
    )


def index_html(book: Book, pages: list[Page], css: str) -> str:
    lang = book.langs[0]
    lab = LABELS[lang]
    title = " · ".join(LABELS[code]["collection"] for code in book.langs)
    by_entry: dict[str, dict[str, Page]] = {}
    for page in pages:
        by_entry.setdefault(page.entry.statement.slug, {})[page.lang] = page
    entries = sorted(book.entries, key=lambda e: (e.statement.date or "", e.statement.slug), reverse=True)
    n = len(entries)
    summary = lab["count_one"] if n == 1 else lab["count_many"].format(n=n)
    items = []
    for entry in entries:
        st = entry.statement
        own = by_entry[st.slug]
        first = own[lang]
        lines = [
            f'<h2><a href="{first.filename}" hreflang="{lang}">{escape(first.title)}</a></h2>',
            *(
                f'<p class="other" lang="{p.lang}"><a href="{p.filename}" hreflang="{p.lang}">'
                f"{escape(p.title)}</a></p>"
                for code, p in own.items()
                if code != lang
            ),
        ]
        meta = " · ".join(x for x in (st.org, written(st.date, lang) if st.date else "") if x)
        if meta:
            lines.append(f'<p class="meta">{escape(meta)}</p>')
        items.append("<li>\n" + "\n".join(lines) + "\n</li>")
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f'<meta name="description" content="{escape(summary)}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:title" content="{escape(title)}">',
        f'<meta property="og:description" content="{escape(summary)}">',
        f'<meta property="og:locale" content="{_locale(lang)}">',
    ]
    body = f'<h1>{escape(title)}</h1>\n<ul class="statements">\n' + "\n".join(items) + "\n</ul>"
    return _document(lang, head, css, lab, [], body, "")


def _document(
    lang: str, head: list[str], css: str, lab: dict[str, str], links: list[str], main: str, footer: str
) -> str:
    nav = (
        f'<header class="site">\n<nav aria-label="{escape(lab["languages"])}">\n<ul>\n'
        + "\n".join(links)
        + "\n</ul>\n</nav>\n</header>\n"
        if links
        else ""
    )
    foot = f"<footer>\n{footer}\n</footer>\n" if footer else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}" prefix="og: https://ogp.me/ns# article: https://ogp.me/ns/article#">\n'
        "<head>\n" + "\n".join(head) + f"\n<style>\n{css}</style>\n</head>\n<body>\n"
        f'<a class="skip" href="#text">{escape(lab["skip"])}</a>\n'
        f'{nav}<main id="text">\n{main}\n</main>\n{foot}</body>\n</html>\n'
    )
