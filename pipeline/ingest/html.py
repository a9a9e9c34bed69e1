"""HTML (.html): a saved web page, sanitised to safe structure before pandoc reads it."""

from __future__ import annotations

import re

from pipeline import pandoc
from pipeline.errors import InputError
from pipeline.ingest.base import Read, Reader, Source, declared_charset, text_of

PANDOC_MARKDOWN = ["--to", "gfm-raw_html", "--wrap=none", "--markdown-headings=atx"]


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def read(self, source: Source) -> Read:
        from pipeline.ingest import supported
        from pipeline.ingest.htmlclean import sanitise

        text, warnings = text_of(source, supported(), declared_charset(source.raw))
        page = sanitise(text)
        hints = {
            "source_url": page.canonical_url,
            "page_title": page.title,
            "published": page.published,
            "site_name": page.site_name,
        }
        out = pandoc.run(
            ["--from", "html", *PANDOC_MARKDOWN], page.html.encode("utf-8"), f"read {source.name}", InputError
        )
        return Read(out.decode("utf-8"), hints, warnings)

    def sniff(self, head: bytes) -> bool:
        head = head[:2048].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html")) or bool(
            re.search(rb"<(p|div|body|h1|article)[\s>]", head)
        )
