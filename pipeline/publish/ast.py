"""Building blocks of pandoc's JSON AST: text always arrives as `Str` nodes, never as markup."""

from __future__ import annotations

from typing import Any


def attr(ident: str = "", classes: list[str] | None = None, lang: str | None = None) -> list[Any]:
    pairs = [["lang", lang], ["xml:lang", lang]] if lang else []
    return [ident, classes or [], pairs]


def plain(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, word in enumerate(text.split()):
        if n:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def para(text: str) -> dict[str, Any]:
    return {"t": "Para", "c": plain(text)}


def div(blocks: list[Any], classes: list[str] | None = None, lang: str | None = None) -> dict[str, Any]:
    return {"t": "Div", "c": [attr("", classes, lang), blocks]}


def raw(text: str) -> dict[str, Any]:
    return {"t": "RawBlock", "c": ["typst", text]}


def span(inlines: list[Any], lang: str) -> dict[str, Any]:
    """Inline text in another language than the block around it."""
    return {"t": "Span", "c": [attr("", [], lang), inlines]}


def meta_inlines(inlines: list[Any]) -> dict[str, Any]:
    return {"t": "MetaInlines", "c": inlines}


def classes_of(node: dict[str, Any]) -> list[str]:
    """The classes of a div (a block the assembler made), else none."""
    return list(node["c"][0][1]) if node.get("t") == "Div" else []


# Layout classes the assembler puts on blocks (see `assemble.layout_classes`); every writer
# may honour them: the EPUB stylesheet as `break-after: avoid`, Typst as sticky blocks.
KEEP_WITH_NEXT = "keep-with-next"
LIST_CONTINUES = "list-continues"
LAYOUT = (KEEP_WITH_NEXT, LIST_CONTINUES)
