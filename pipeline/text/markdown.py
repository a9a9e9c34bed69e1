"""Front matter and Markdown blocks: the two structures every stage shares.

A body is split into blocks (heading, paragraph, list item, quote, ...). Each block
keeps its Markdown prefix ("## ", "1. ", "> ") apart from its text, so that stages
translate and detect the text and never touch the markup that frames it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.errors import FrontMatterError
from pipeline.model import Block

# Keys are written in this order; unknown keys follow, sorted, so files diff cleanly.
FRONT_MATTER_ORDER = (
    "title",
    "date",
    "lang",
    "org",
    "signatories",
    "tags",
    "source",
    "source_url",
    "translation_of",
    "source_lang",
    "engine",
)

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?(.*)$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^[ \t]{0,3}((\*[ \t]*){3,}|(-[ \t]*){3,}|(_[ \t]*){3,})$")
_TABLE = re.compile(r"^[ \t]*\|")


def split_front_matter(text: str, path: Path | None = None) -> tuple[dict[str, Any], str]:
    """Split `---` YAML front matter from the body. A file without it has empty metadata."""
    import yaml

    where = str(path) if path else "the text"
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        return {}, text
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise FrontMatterError(
            f"{where}, line 1: the front matter opened with '---' is never closed. "
            "Add a line '---' after the last metadata line."
        )
    raw = "\n".join(lines[1:end])
    try:
        data = yaml.load(raw, Loader=_loader()) if raw.strip() else {}
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct began (an unclosed "[", say).
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(
            f"{where}, line {line}: the front matter is not valid YAML ({problem}). "
            "Fix that line; values containing ':' or '#' need quotes."
        ) from exc
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"{where}, line 2: the front matter must be 'key: value' lines, not a {type(data).__name__}."
        )
    meta = {str(k): _plain(v) for k, v in data.items()}
    body = "\n".join(lines[end + 1 :])
    return meta, body.lstrip("\n")


@functools.cache
def _loader() -> Any:
    """A safe YAML loader (libyaml when present: ~10× faster) that reads dates as text.

    YAML's own timestamps would turn `date: 2023-13-45` into a crash; as text, the date is
    checked where statements are read, with the file and line in the message.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first, entries in base.yaml_implicit_resolvers.items()
    }
    return type("FrontMatterLoader", (base,), {"yaml_implicit_resolvers": resolvers})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def dump_front_matter(meta: dict[str, Any], body: str) -> str:
    """The inverse of split_front_matter, with a stable key order and no empty keys."""
    import yaml

    ordered: dict[str, Any] = {}
    keys = [k for k in FRONT_MATTER_ORDER if k in meta]
    keys += sorted(k for k in meta if k not in FRONT_MATTER_ORDER)
    for key in keys:
        value = meta[key]
        if value is None or value == [] or value == "":
            continue
        if key == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            value = dt.date.fromisoformat(value)
        ordered[key] = value
    head = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{head}---\n\n{body.strip()}\n"


def parse_blocks(body: str) -> list[Block]:
    """Split a Markdown body into blocks, keeping each one's prefix and separator."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    sep = "\n\n"
    i = 0

    def add(kind: str, prefix: str, text: str) -> None:
        nonlocal sep
        blocks.append(Block(len(blocks), kind, prefix, text, sep if blocks else ""))
        sep = "\n"

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            sep = "\n\n"
            i += 1
            continue
        if line.lstrip()[:1].isalpha():  # no block but a paragraph starts with a letter
            i = _paragraph(lines, i, add)
            continue
        fence = _FENCE.match(line)
        if fence:
            mark = fence.group(1)
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(mark):
                j += 1
            add("code", "", "\n".join(lines[i : j + 1]))
            i = j + 1
            continue
        heading = _HEADING.match(line)
        if heading:
            add("heading", heading.group(1) + " ", heading.group(2))
            i += 1
            continue
        if _RULE.match(line):
            add("rule", "", line.strip())
            i += 1
            continue
        if _TABLE.match(line):
            j = i
            while j < len(lines) and _TABLE.match(lines[j]):
                j += 1
            add("table", "", "\n".join(lines[i:j]))
            i = j
            continue
        quote = _QUOTE.match(line)
        if quote:
            parts = []
            while i < len(lines) and _QUOTE.match(lines[i]):
                parts.append(_QUOTE.match(lines[i]).group(1))  # type: ignore[union-attr]
                i += 1
            add("quote", "> ", "\n".join(parts).strip("\n"))
            continue
        item = _ITEM.match(line)
        if item:
            prefix = item.group(1) + item.group(2) + " "
            parts = [item.group(3)]
            i += 1
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
                parts.append(lines[i].strip())
                i += 1
            add("item", prefix, "\n".join(parts))
            continue
        i = _paragraph(lines, i, add)
    return blocks


def _paragraph(lines: list[str], i: int, add: Callable[[str, str, str], None]) -> int:
    """The paragraph starting at line i: its lines up to a blank line or another block's start."""
    parts = [lines[i].strip()]
    i += 1
    while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
        parts.append(lines[i].strip())
        i += 1
    add("paragraph", "", "\n".join(parts))
    return i


def _starts_block(line: str) -> bool:
    if line.lstrip()[:1].isalpha():
        return False
    return bool(
        _HEADING.match(line)
        or _ITEM.match(line)
        or _QUOTE.match(line)
        or _FENCE.match(line)
        or _RULE.match(line)
    )


def render_blocks(blocks: list[Block]) -> str:
    out = []
    for n, block in enumerate(blocks):
        if n:
            out.append(block.sep or "\n\n")
        out.append(block.markdown)
    return "".join(out).strip("\n") + "\n"


_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|$@~\"'])"), r"\1"),
]


def strip_inline(text: str) -> str:
    """Markdown inline markup removed: the words a reader sees."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text
