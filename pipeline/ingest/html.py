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

    page = sanitise(text)
    article, meta = extract(text, url)
    safe = sanitise(article).html if article else page.html
    out = pandoc.run(["--from", "html", *PANDOC_MARKDOWN], safe.encode("utf-8"), f"read {name}", InputError)
    title = meta.get("title") or page.title
    hints: dict[str, Any] = {
        "headline": headline(page.headings, title, meta.get("sitename") or page.site_name),
        "page_title": page.title,
        "published": _day(meta.get("date")) or page.published,
        "author": meta.get("author"),
        "site_name": meta.get("sitename") or page.site_name,
        "source_url": url or meta.get("url") or page.canonical_url,
        "page_lines": page_lines(page.html),
    }
    if hints["source_url"] and not re.match(r"^https?://", str(hints["source_url"])):
        hints["source_url"] = None
    return Read(out.decode("utf-8"), hints, warnings)


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


def headline(headings: list[tuple[str, str]], title: str | None, site: str | None) -> str | None:
    """The visible headline: the h1 (or h2) that the page's title names, else the title without the site."""
    h1 = [t for tag, t in headings if tag == "h1" and t]
    h2 = [t for tag, t in headings if tag == "h2" and t]
    key = _key(title or "")
    for text in h1 + h2:
        if key and _key(text) and (_key(text) in key) and len(_key(text)) >= 0.5 * len(key):
            return text
    site_key = _key(site or "")
    if len(h1) == 1 and _key(h1[0]) != site_key:
        return h1[0]
    if title:
        bare = _SITE_SUFFIX.sub("", title).strip()
        if _key(bare) and _key(bare) != site_key:
            return bare
    return None


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


def page_lines(safe_html: str) -> list[str]:
    """The text of the whole (sanitised) page, one line per block: where the byline is found."""
    text = _BLOCK_TAGS.sub("\n", safe_html)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", text))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
