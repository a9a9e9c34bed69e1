"""The reader interface, and what every reader shares: the source, decoding, checks."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pipeline.errors import InputError


@dataclass
class Source:
    name: str  # what the user called it: a path, or "standard input"
    kind: str  # the reader's name: text | markdown | html | docx | odt
    raw: bytes
    path: Path | None = None
    url: str | None = None  # the address it was fetched from


@dataclass
class Read:
    """A source as Markdown, with what the file itself says about it and warnings for the user."""

    markdown: str
    hints: dict[str, Any] = field(default_factory=dict)  # front matter, page metadata
    warnings: list[str] = field(default_factory=list)


class Reader(ABC):
    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    archive: ClassVar[bool] = False  # a zip container (.docx, .odt), not text

    @abstractmethod
    def read(self, source: Source) -> Read: ...

    def sniff(self, head: bytes) -> bool:
        """Whether standard input that starts like this is in this reader's format."""
        return False


def utf16(raw: bytes) -> bool:
    return raw.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode(source: Source, declared: str | None = None) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 first, then a declared charset, then Windows-1252."""
    raw = source.raw
    if utf16(raw):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    for codec in [c for c in (declared, "cp1252", "latin-1") if c]:
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        name = {"cp1252": "Windows-1252", "latin-1": "Latin-1"}.get(codec, codec)
        return text, [
            f"{source.name}: not UTF-8; read it as {name}. Check that accented letters look "
            "right, and save it as UTF-8 to avoid this warning."
        ]
    raise InputError(f"{source.name}: cannot decode the text. Save it as UTF-8 and try again.")


def text_of(source: Source, formats: str, declared: str | None = None) -> tuple[str, list[str]]:
    """The decoded text of a text source, refusing what is really a binary file."""
    text, warnings = decode(source, declared)
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control / max(1, len(sample)) > 0.02:
        raise InputError(
            f"{source.name}: this looks like a binary file, not text. Give the statement as {formats}."
        )
    return text, warnings


def declared_charset(raw: bytes) -> str | None:
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096])
    return m.group(1).decode("ascii").lower() if m else None
