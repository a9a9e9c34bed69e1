"""Markup inside a block, kept away from the engines or carried through them safely.

- A wrapper around the whole block (`**Dateline**`, `*signature*`) is removed before
  translation and put back after it.
- Inline markup inside the text (a link, one emphasised word) becomes a tiny HTML subset
  (<b>, <i>, <code>, <a href="N">) for engines that carry HTML (Apertium), and is turned back
  into Markdown after. Link targets never reach an engine: they are numbered and restored.
- For engines that cannot carry it, the plain text is translated and the block is
  flagged `markup_lost`, so that a proofreader puts the link or emphasis back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# The only link targets that reach a book or survive a web page's clean-up.
SAFE_URL = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
_WRAPPERS = ("***", "**", "__", "*", "_")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
# Inline marks, in the order they are taken: (pattern, group holding the text, our tag).
_MARKS = (
    (re.compile(r"`([^`\n]+)`"), 1, "code"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), 2, "b"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), 2, "i"),
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|$@~\"'])")
_TAG = re.compile(r"</?(b|i|code|a)(?:\s+href=\"(\d+)\")?>")


@dataclass
class Prepared:
    """One block's text, ready for an engine."""

    wrapper: str  # "**" etc., put back around the translation
    plain: str  # the words alone, markup removed
    tagged: str  # the words with inline markup as our HTML subset (HTML-escaped text)
    links: list[str] = field(default_factory=list)

    @property
    def has_inline(self) -> bool:
        return self.tagged != html.escape(self.plain, quote=False)


def unwrap(text: str) -> tuple[str, str]:
    """Split a whole-block wrapper from its content: '**Hola**' -> ('**', 'Hola')."""
    stripped = text.strip()
    for mark in _WRAPPERS:
        if (
            len(stripped) > 2 * len(mark)
            and stripped.startswith(mark)
            and stripped.endswith(mark)
            and mark not in stripped[len(mark) : -len(mark)]
            and not stripped[len(mark)].isspace()
        ):
            return mark, stripped[len(mark) : -len(mark)]
    return "", text


def prepare(text: str) -> Prepared:
    wrapper, inner = unwrap(" ".join(text.split()))
    links: list[str] = []

    def link(m: re.Match[str]) -> str:
        links.append(m.group(2))
        return f"\x01a{len(links) - 1}\x02{m.group(1)}\x01/a\x02"

    work = _LINK.sub(link, inner)
    for pattern, group, tag in _MARKS:
        work = pattern.sub(_marker(group, tag), work)
    work = _ESCAPED.sub(r"\1", work)
    plain = re.sub(r"\x01[^\x02]*\x02", "", work)
    tagged = html.escape(work, quote=False)
    tagged = re.sub(r"\x01a(\d+)\x02", r'<a href="\1">', tagged)
    tagged = re.sub(r"\x01(/?)(a|b|i|code)\x02", r"<\1\2>", tagged)
    return Prepared(wrapper, " ".join(plain.split()), tagged, links)


def _marker(group: int, tag: str) -> Callable[[re.Match[str]], str]:
    """A replacement that wraps a mark's text in our placeholders for `tag`."""
    return lambda m: f"\x01{tag}\x02{m.group(group)}\x01/{tag}\x02"


def balanced(tagged: str) -> bool:
    stack: list[str] = []
    for m in _TAG.finditer(tagged):
        name = m.group(1)
        if m.group(0).startswith("</"):
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def restore(translated_tagged: str, prepared: Prepared) -> str | None:
    """Markdown from an engine's tagged output, or None if the tags did not survive."""
    if not balanced(translated_tagged):
        return None
    hrefs = [int(h) for h in re.findall(r'<a href="(\d+)">', translated_tagged)]
    if sorted(hrefs) != list(range(len(prepared.links))):
        return None
    # Spaces inside a tag's edge move outside it: "<b> word </b>" -> " <b>word</b> ".
    text = re.sub(r"(<(?:b|i|code|a href=\"\d+\")>)(\s+)", r"\2\1", translated_tagged)
    text = re.sub(r"(\s+)(</(?:b|i|code|a)>)", r"\2\1", text)
    out: list[str] = []
    open_links: list[int] = []
    for part in re.split(r"(</?(?:b|i|code|a)(?:\s+href=\"\d+\")?>)", text):
        m = _TAG.fullmatch(part)
        if not m:
            out.append(escape_inline(html.unescape(part)))
            continue
        name, closing = m.group(1), part.startswith("</")
        if name == "a":
            if closing:
                out.append(f"]({prepared.links[open_links.pop()]})")
            else:
                open_links.append(int(m.group(2)))
                out.append("[")
        else:
            out.append({"b": "**", "i": "*", "code": "`"}[name])
    joined = re.sub(r" {2,}", " ", "".join(out))
    return re.sub(r"(\]\([^)\s]*\)|\*\*|\*|`)\s+([,.;:!?])", r"\1\2", joined)


def escape_inline(text: str) -> str:
    """Engine output placed in Markdown: characters that would start inline markup are escaped."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def escape_block_start(text: str) -> str:
    """A paragraph must not begin like a heading, quote or list once its prefix is restored."""
    return re.sub(r"^(\s*)(#|>|[-+](?=\s)|\d+(?=[.)]\s))", lambda m: m.group(1) + "\\" + m.group(2), text)


def rewrap(text: str, wrapper: str) -> str:
    return f"{wrapper}{text}{wrapper}" if wrapper and text else text
