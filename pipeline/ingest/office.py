"""Word processor documents (.docx, .odt), read by pandoc."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipeline import pandoc
from pipeline.errors import InputError
from pipeline.ingest.base import Read, Reader, Source
from pipeline.ingest.html import PANDOC_MARKDOWN


class OfficeReader(Reader):
    """One class for both: pandoc reads each by its own name."""

    archive = True

    def read(self, source: Source) -> Read:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"input.{self.name}"
            path.write_bytes(source.raw)
            try:
                out = pandoc.run(
                    ["--from", self.name, *PANDOC_MARKDOWN, str(path)], b"", f"read {source.name}", InputError
                )
            except InputError as exc:
                raise InputError(
                    f"{exc}. Open it in your word processor and save it again as .{self.name}."
                ) from exc
        return Read(out.decode("utf-8"))


class DocxReader(OfficeReader):
    name = "docx"
    suffixes = (".docx",)


class OdtReader(OfficeReader):
    name = "odt"
    suffixes = (".odt",)
