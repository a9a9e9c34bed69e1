"""Building blocks of pandoc's JSON AST: text always arrives as `Str` nodes, never as markup."""

from __future__ import annotations

from collections.abc import Callable
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


def each_node(node: Any, visit: Callable[[dict[str, Any]], None]) -> None:
    """Call `visit` on every element (a dict with a type `t`) in `node`, in document order."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "t" in item:
                visit(item)
            stack.extend(v for v in reversed(item.values()) if isinstance(v, list | dict))


def stringify(node: Any) -> str:
    """The text of inlines or blocks, as read aloud; a draft's [MT] mark is left out."""
    if isinstance(node, list):
        return "".join(stringify(n) for n in node)
    if not isinstance(node, dict):
        return ""
    kind = node.get("t")
    if kind == "Str":
        return str(node["c"])
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "Span" and "draft-mark" in node["c"][0][1]:
        return ""
    if kind in ("Link", "Span", "Image"):
        return stringify(node["c"][1])
    if kind in ("Code", "Math", "RawInline"):
        return str(node["c"][1])
    return stringify(node.get("c"))


def classes_of(node: dict[str, Any]) -> list[str]:
    """The classes of a div (a block the assembler made), else none."""
    return list(node["c"][0][1]) if node.get("t") == "Div" else []


# Layout classes the assembler puts on blocks (see `assemble.layout_classes`); every writer
# may honour them: the EPUB stylesheet as `break-after: avoid`, Typst as sticky blocks.
KEEP_WITH_NEXT = "keep-with-next"
LIST_CONTINUES = "list-continues"
LAYOUT = (KEEP_WITH_NEXT, LIST_CONTINUES)
