"""HTML (.html): a saved web page. trafilatura finds the article and the page's metadata;
our whitelist sanitiser (`htmlclean`) is the last step before pandoc, so nothing active
ever reaches the Markdown whatever trafilatura keeps.
"""

from __future__ import annotations

import html as htmllib
import re
from typing import Any

from pipeline import pandoc
from pipeline.errors import InputError
from pipeline.ingest.base import Read, Reader, Source, declared_charset, text_of
from pipeline.text.markdown import parse_blocks, render_blocks, strip_inline

PANDOC_MARKDOWN = ["--to", "gfm-raw_html", "--wrap=none", "--markdown-headings=atx"]
_BLOCK_TAGS = re.compile(
    r"<(?:/?(?:p|h[1-6]|li|ul|ol|blockquote|pre|tr|td|th|dt|dd|table|hr)|br)\b[^>]*>", re.I
)
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,80}$")


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def read(self, source: Source) -> Read:
        from pipeline.ingest import supported

        text, warnings = text_of(source, supported(), declared_charset(source.raw))
        return read_page(text, source.name, warnings, source.url)

    def sniff(self, head: bytes) -> bool:
        head = head[:2048].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html")) or bool(
            re.search(rb"<(p|div|body|h1|article)[\s>]", head)
        )


def read_page(text: str, name: str, warnings: list[str], url: str | None = None) -> Read:
    """A page's article as Markdown, with its metadata as hints."""
    from pipeline.ingest.htmlclean import sanitise

    opened = _tables_opened(text)
    page = sanitise(opened)
    article, meta = extract(text, url)
    whole = _markdown(page.html, name)
    title = meta.get("title") or page.title
    site = meta.get("sitename") or page.site_name
    # Headings inside boxes named like furniture count too: Blogger puts the post in a "widget".
    shown = sanitise(opened, by_class=False)
    top = headline(shown.headings, [page.meta.get("og:title"), meta.get("title"), page.title], site)
    markdown = whole
    if article:
        found = _markdown(sanitise(article).html, name)
        span = within_span(whole, found, top)
        if span is None:  # the article sits in a box named like furniture ("widget Blog")
            span = within_span(_markdown(shown.html, name), found, top)
        markdown = span or found
    hints: dict[str, Any] = {
        # A headline the page shows; else the page's title is only a fallback for `layout`'s own.
        "headline": top,
        "title_fallback": None if top else _bare_title(title, site),
        "page_title": page.title,
        "published": _day(meta.get("date")) or page.published,
        "author": meta.get("author"),
        "site_name": meta.get("sitename") or page.site_name,
        "source_url": url or meta.get("url") or page.canonical_url,
        "page_lines": page_lines(page.html),
    }
    if hints["source_url"] and not re.match(r"^https?://", str(hints["source_url"])):
        hints["source_url"] = None
    return Read(split_breaks(markdown), hints, warnings)


def _markdown(safe_html: str, name: str) -> str:
    out = pandoc.run(
        ["--from", "html", *PANDOC_MARKDOWN], safe_html.encode("utf-8"), f"read {name}", InputError
    )
    return out.decode("utf-8")


def within_span(page: str, article: str, top: str | None) -> str | None:
    """The page's own blocks from trafilatura's first to its last, the headline and the
    standfirst above them, and the signature lines right under them.

    trafilatura finds where the article is, but inside it drops blocks that look like
    boilerplate out of context: subheadings, a quotation's citation, the lines of a
    signature, a standfirst. The page's blocks between its first and last block are the
    article as the page shows it; `layout` then removes what is chrome among them. None when
    the page's blocks do not hold trafilatura's text (the sanitiser dropped the article).
    """
    from pipeline.ingest import chrome

    blocks = parse_blocks(page)
    found = [k for k in (_key(b.plain) for b in parse_blocks(article)) if k]
    if not blocks or not found:
        return None
    exact = set(found)
    joined = "\n".join(found)
    keys = [_key(b.plain) for b in blocks]
    hits = [i for i, k in enumerate(keys) if k and (k in exact or (len(k) >= 25 and k in joined))]
    if not hits:
        return None
    first, last = hits[0], hits[-1]
    span = "\n".join(keys[first : last + 1])
    covered = sum(len(k) for k in found if k in span)
    if covered < 0.8 * sum(len(k) for k in found):
        return None
    head = _key(top or "")
    above = next((i for i in range(first - 1, max(-1, first - 20), -1) if head and keys[i] == head), None)
    # Without a headline the page names, the lines just above the article (where a headline
    # and its byline stand) are left for `layout` to judge.
    start = above if above is not None else max(0, first - 4)
    end = last + 1
    while end < len(blocks) and end <= last + 6:
        text = " ".join(strip_inline(blocks[end].plain).split())
        if (
            not text
            or blocks[end].kind == "heading"
            or (blocks[end].kind == "item" and len(text.split()) <= 3)  # a list of tags
            or chrome.reason(text) is not None
            or chrome.is_prose(text)
            or len(text.split()) > 12
        ):
            break
        end += 1
    return render_blocks(blocks[start:end])


_BREAK = re.compile(r"\\\n")
_TYPED_ITEM = re.compile(r"^(?:\\?[*•·▪]|-|–)\s+")


def split_breaks(markdown: str) -> str:
    """Paragraphs a page builds with line breaks (`<br><br>`, as Blogger does) made paragraphs,
    and items typed with a bullet inside them made list items."""
    if "\\\n" not in markdown:
        return markdown
    out = []
    for block in parse_blocks(markdown):
        if block.kind != "paragraph" or "\\\n" not in block.text:
            out.append(block.markdown)
            continue
        lines = [line.strip() for line in _BREAK.split(block.text + "\n")]
        group: list[str] = []
        for line in [*lines, ""]:
            if line and _TYPED_ITEM.match(line):
                if group:
                    out.append("\\\n".join(group))
                    group = []
                out.append("- " + _TYPED_ITEM.sub("", line))
            elif line:
                group.append(line)
            elif group:
                out.append("\\\n".join(group))
                group = []
    return "\n\n".join(part.strip() for part in out if part.strip()) + "\n"


def extract(text: str, url: str | None = None) -> tuple[str | None, dict[str, Any]]:
    """trafilatura's main content (as HTML) and metadata; layout tables are opened up first."""
    import trafilatura

    tree = _open_layout_tables(text)
    try:
        doc = trafilatura.bare_extraction(
            tree if tree is not None else text,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_links=True,
            include_formatting=True,
            include_tables=True,
            favor_recall=True,
        )
    except Exception:  # trafilatura fails on some broken markup: fall back to the whole page
        return None, {}
    if doc is None or isinstance(doc, dict):
        return None, {}
    meta = {k: getattr(doc, k, None) for k in ("title", "author", "date", "sitename", "url")}
    if not (doc.text or "").strip():
        return None, meta
    return to_html(doc.body), meta


_TAGS = {
    "p": "p",
    "item": "li",
    "quote": "blockquote",
    "lb": "br",
    "table": "table",
    "row": "tr",
    "code": "code",
}


def to_html(body: Any) -> str:
    """trafilatura's document tree as plain HTML, keeping what its own converter loses (ordered lists)."""
    from lxml import etree

    def convert(el: Any) -> Any:
        tag = el.tag if isinstance(el.tag, str) else ""
        rend = (el.get("rend") or "").lower()
        if tag == "head":
            name = rend if re.fullmatch(r"h[1-6]", rend) else "h2"
        elif tag == "list":
            name = "ol" if rend == "ol" else "ul"
        elif tag == "hi":
            name = "em" if "i" in rend and "b" not in rend else "strong"
        elif tag == "ref":
            name = "a"
        elif tag == "cell":
            name = "th" if el.get("role") == "head" else "td"
        else:
            name = _TAGS.get(tag, "div" if tag in ("body", "div", "doc") else "span")
        out = etree.Element(name)
        if tag == "ref" and el.get("target"):
            out.set("href", el.get("target"))
        out.text = el.text
        for child in el:
            if isinstance(child.tag, str) and child.tag != "graphic":
                converted = convert(child)
                converted.tail = child.tail
                out.append(converted)
            elif child.tail:
                out.text = (out.text or "") + child.tail
        return out

    return str(etree.tostring(convert(body), encoding="unicode", method="html"))


# Elements whose content a reader never sees as text: an iframe's or noscript's fallback is
# parsed as raw text, which trafilatura would otherwise keep as words ("<script>…" as text).
_UNSEEN = ("iframe", "noscript", "template", "textarea", "script", "style", "object", "embed", "svg", "math")


def _tables_opened(text: str) -> str:
    """The page with its layout tables opened into plain blocks (pandoc cannot write them as tables)."""
    if "<td" not in text.lower():
        return text
    tree = _open_layout_tables(text)
    if tree is None:
        return text
    import lxml.html

    return str(lxml.html.tostring(tree, encoding="unicode"))


def _open_layout_tables(text: str) -> Any:
    """The page as a tree without unseen elements, layout tables opened into plain blocks."""
    # lxml refuses control characters in the text it sets (a drop_tree moves tails around).
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    try:
        import lxml.html

        tree = lxml.html.fromstring(text)
    except Exception:
        return None
    for element in list(tree.iter(*_UNSEEN)):
        if element.getparent() is not None:
            element.drop_tree()
    for table in tree.iter("table"):
        if table.xpath(".//td//p | .//td//h1 | .//td//h2 | .//td//h3 | .//td//div | .//td//ul"):
            for el in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                el.tag = "div"
    return tree


def headline(headings: list[tuple[str, str]], titles: list[str | None], site: str | None) -> str | None:
    """The visible headline: the heading (h1, h2, h3) that the page's titles name (og:title,
    <title>), the longest one that a title holds, else the page's only h1."""
    keys = [_key(t) for t in titles if t and _key(t)]
    site_key = _key(site or "")
    shown = [(t, _key(t)) for _, t in headings if _key(t) and _key(t) != site_key]
    for key in keys:
        exact = next((t for t, k in shown if k == key), None)
        if exact:
            return exact
    held = [(len(k), t) for t, k in shown for key in keys if k in key and len(k) >= 0.5 * len(key)]
    if held:
        return max(held, key=lambda x: x[0])[1]
    h1 = [t for tag, t in headings if tag == "h1" and t]
    if len(h1) == 1 and _key(h1[0]) != site_key:
        return h1[0]
    return None


def _bare_title(title: str | None, site: str | None) -> str | None:
    """The page's <title> without the site's name, unless that is all it is."""
    if not title:
        return None
    bare = _SITE_SUFFIX.sub("", title).strip()
    if not _key(bare) or _key(bare) == _key(site or "") or _key(bare) in _key(site or ""):
        return None
    return bare


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


def page_lines(safe_html: str) -> list[str]:
    """The text of the whole (sanitised) page, one line per block: where the byline is found."""
    text = _BLOCK_TAGS.sub("\n", safe_html)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", text))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
