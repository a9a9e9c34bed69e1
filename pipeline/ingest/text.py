"""Plain text (.txt): pasted from a web page, an e-mail or a PDF; one paragraph per line."""

from __future__ import annotations

from pipeline.ingest.base import Read, Reader, Source, text_of
from pipeline.ingest.plain import read_plain


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".text")

    def read(self, source: Source) -> Read:
        from pipeline.ingest import supported

        text, warnings = text_of(source, supported())
        plain = read_plain(text)
        return Read(plain.markdown, {"removed": plain.removed, "input": plain.kind}, warnings)
