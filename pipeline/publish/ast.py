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
