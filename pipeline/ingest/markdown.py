"""Markdown (.md), with or without YAML front matter; the front matter's keys are hints."""

from __future__ import annotations

import re

from pipeline.ingest.base import Read, Reader, Source, text_of
from pipeline.text.markdown import split_front_matter


class MarkdownReader(Reader):
    name = "markdown"
    suffixes = (".md", ".markdown")

    def read(self, source: Source) -> Read:
        from pipeline.ingest import supported

        text, warnings = text_of(source, supported())
        meta, body = split_front_matter(text, source.path)
        return Read(body, meta, warnings)

    def sniff(self, head: bytes) -> bool:
        """Markdown on standard input starts with front matter or has headings; other text is
        read as pasted plain text (a page's lines, an e-mail, a PDF's text)."""
        return head.lstrip(b"\xef\xbb\xbf").startswith((b"---\n", b"---\r\n")) or bool(
            _HEADING.search(head[:65536])
        )


_HEADING = re.compile(rb"(?m)^#{1,6} \S")
