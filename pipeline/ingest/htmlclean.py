"""Reduce a web page to safe, plain structural HTML before pandoc reads it.

Whitelist, not blacklist: only text and a few structural tags survive. Scripts, styles,
form controls, embedded and remote media, event handlers and `javascript:` links are dropped,
and so are the page's menus, share bars, sidebars and footers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from pipeline.text.inline import SAFE_URL

KEEP = frozenset(
    """
    p br h1 h2 h3 h4 h5 h6 ul ol li blockquote em i strong b a pre code hr table thead tbody tr
    td th dl dt dd
    """.split()
)
# Dropped with everything inside them. A <form> is not: ASP.NET pages wrap the whole page in
# one; its controls (input, select, textarea, button) are dropped, and no form tag is kept.
DROP = frozenset(
    """
    script style noscript template iframe object embed svg math canvas button input select figcaption
    textarea option nav aside footer head img picture video audio source track map area link
    meta applet frame frameset dialog
    """.split()
)
# Boxes a page is built of: each is a block of its own (an attribute-free <div>), so text in
# neighbouring boxes ("Fecha: …" above the article's first line) never runs together.
BOXES = frozenset(
    "div section article main header figure figcaption address details summary center fieldset form".split()
)
VOID = frozenset(
    ["br", "hr", "img", "input", "meta", "link", "source", "track", "area", "col", "embed", "wbr", "param"]
)
CLUTTER_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|share|sharing|sharedaddy|social|"
    r"jp-relatedposts|related|comments?|comment-respond|widget|widgets|sidebar|site-footer|"
    r"site-header|masthead|skip-link|screen-reader-text|cookie|cookies|newsletter|subscribe|"
    r"advert|ads|banner|post-navigation|nav-links|tags-links|cat-links|sd-sharing|addtoany|"
    r"likes?|wpl-likebox|footer|search|pagination|tags?|tag-?list|caption|wp-caption-text|credits?)($|[\s_-])",
    re.IGNORECASE,
)
CLUTTER_ROLE = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})


@dataclass
class CleanPage:
    html: str
    title: str | None = None
    h1: str | None = None
    canonical_url: str | None = None
    published: str | None = None
    site_name: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    headings: list[tuple[str, str]] = field(default_factory=list)  # visible h1, h2 and h3, in order


class _Sanitiser(HTMLParser):
    def __init__(self, by_class: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.by_class = by_class
        self.out: list[str] = []
        self.main_out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, dropping)
        self.drop_depth = 0
        self.main_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.page = CleanPage("")
        self._title: list[str] = []
        self._h1: list[str] = []
        self._heading_tag = "h1"

    def _emit(self, text: str) -> None:
        self.out.append(text)
        if self.main_depth:
            self.main_out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.page.meta[key] = a["content"]
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.page.meta.setdefault("canonical", a["href"])
        if tag == "title":
            self.in_title = True
        if tag in VOID:
            if not self.drop_depth and tag in KEEP:
                self._emit(f"<{tag}>")
            return
        clutter = tag in DROP or bool(
            (self.by_class and CLUTTER_ATTR.search(" ".join([a.get("class", ""), a.get("id", "")])))
            or a.get("role", "").lower() in CLUTTER_ROLE
            or "hidden" in a
            or a.get("aria-hidden") == "true"
        )
        if tag in ("main", "article") and not self.drop_depth:
            self.main_depth += 1
        dropping = clutter and tag not in ("html", "body", "main", "article")
        self.stack.append((tag, dropping))
        if dropping:
            self.drop_depth += 1
            return
        if self.drop_depth:
            return
        if tag in ("h1", "h2", "h3") and not self.in_h1:
            self.in_h1 = True
            self._h1 = []
            self._heading_tag = tag
        if tag in KEEP:
            if tag == "a":
                href = a.get("href", "").strip()
                if SAFE_URL.match(href):
                    self._emit(f'<a href="{escape(href, quote=True)}">')
                else:
                    self._emit("<a>")
            else:
                self._emit(f"<{tag}>")
        elif tag in BOXES:
            self._emit("<div>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in VOID:
            return
        # Pop to the matching open tag; HTML in the wild does not always close in order.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                break
        else:
            return
        while len(self.stack) > depth:
            open_tag, dropping = self.stack.pop()
            if dropping:
                self.drop_depth -= 1
            elif not self.drop_depth and open_tag in KEEP:
                self._emit(f"</{open_tag}>")
            elif not self.drop_depth and open_tag in BOXES:
                self._emit("</div>")
            if open_tag in ("main", "article") and self.main_depth and not self.drop_depth:
                self.main_depth -= 1
            if open_tag in ("h1", "h2", "h3") and self.in_h1 and open_tag == self._heading_tag:
                self.in_h1 = False
                text = " ".join("".join(self._h1).split())
                if text:
                    self.page.headings.append((open_tag, text))
                if open_tag == "h1" and self.page.h1 is None:
                    self.page.h1 = text or None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self._title.append(data)
        if self.drop_depth:
            return
        if self.in_h1:
            self._h1.append(data)
        self._emit(escape(data, quote=False))


def sanitise(html: str, by_class: bool = True) -> CleanPage:
    """The page's text and safe structure. `by_class=False` keeps boxes whose class or id names
    page furniture ("widget", "sidebar"): some themes put the article itself inside one."""
    parser = _Sanitiser(by_class)
    parser.feed(html)
    parser.close()
    page = parser.page
    full = "".join(parser.out)
    main = "".join(parser.main_out)
    text_len = len(re.sub(r"<[^>]+>|\s+", "", main))
    body = main if text_len >= 200 else full
    if page.h1 and main is body and page.h1 not in re.sub(r"<[^>]+>", "", main):
        body = f"<h1>{escape(page.h1, quote=False)}</h1>\n{body}"
    page.html = body
    page.title = " ".join("".join(parser._title).split()) or None
    meta = page.meta
    page.canonical_url = meta.get("canonical") or meta.get("og:url")
    if page.canonical_url and not SAFE_URL.match(page.canonical_url):
        page.canonical_url = None
    page.published = meta.get("article:published_time") or meta.get("date")
    page.site_name = meta.get("og:site_name")
    return page
