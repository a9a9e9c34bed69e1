"""What every writer shares: the build's timestamp, resources, and running pandoc and Typst."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import pandoc
from pipeline.errors import PublishError
from pipeline.publish.labels import LABELS

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import Book

PAPERS = {"a5": "a5", "a4": "a4", "letter": "us-letter"}


def epoch_of(book: Book) -> int:
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    dates = sorted(e.statement.date for e in book.entries if e.statement.date)
    day = dt.date.fromisoformat(dates[-1]) if dates else dt.date(2000, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def resource(name: str) -> str:
    return resources.files("pipeline").joinpath("resources", name).read_text(encoding="utf-8")


def run_pandoc(
    ast: dict[str, Any], to: str, args: list[str], epoch: int, outputfile: Path | None = None
) -> str:
    out = ["--output", str(outputfile)] if outputfile else []
    data = json.dumps(ast).encode("utf-8")
    return pandoc.run(
        ["--from", "json", "--to", to, *args, *out], data, f"write {to}", PublishError, epoch
    ).decode("utf-8")


def run_typst(source: str, root: Path, epoch: int, fmt: str = "pdf", ppi: float | None = None) -> bytes:
    import typst

    path = root / "book.typ"
    path.write_text(source, encoding="utf-8")
    try:
        kwargs: dict[str, Any] = {
            "root": str(root),
            "timestamp": epoch,
            "ignore_system_fonts": True,
            "format": fmt,
        }
        if ppi:
            kwargs["ppi"] = ppi
        data = typst.compile(str(path), **kwargs)
    except Exception as exc:  # typst raises its own error type with the source location
        raise PublishError(typst_error(str(exc), source)) from exc
    if not isinstance(data, bytes):
        raise PublishError("typst returned no PDF; check `statements doctor`.")
    return data


def typst_error(message: str, source: str) -> str:
    lines = source.splitlines()
    m = re.search(r"book\.typ:(\d+):(\d+)", message)
    where = ""
    if m:
        n = int(m.group(1))
        where = f"\n  at line {n}: {lines[n - 1][:200] if 0 < n <= len(lines) else ''}"
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return (
        f"Typst could not compile the book: {first}{where}\nPlease report this with the statement involved."
    )


def variables(book: Book, opts: BuildOptions, epoch: int) -> list[str]:
    """Values the pipeline computes itself (dates, paper, labels): pandoc passes them to the
    template unescaped, so no statement text ever goes here; that goes into the metadata."""
    day = dt.datetime.fromtimestamp(epoch, dt.UTC)
    args = [
        f"--variable=year:{day.year}",
        f"--variable=month:{day.month}",
        f"--variable=day:{day.day}",
        f"--variable=paper:{PAPERS[opts.paper]}",
    ]
    if book.bilingual:
        args.append("--variable=bilingual:true")
        for side, lang in zip(("left", "right"), book.langs, strict=True):
            args += [f"--variable={side}-lang:{lang}", f"--variable={side}-column:{LABELS[lang]['column']}"]
    return args


def typst_template(root: Path, name: str, book: Book, opts: BuildOptions, epoch: int) -> list[str]:
    """Write the template `name` and the cover it includes into `root`; pandoc's arguments for it."""
    for resource_name in (name, "coverpage.typ"):
        (root / resource_name).write_text(resource(resource_name), encoding="utf-8")
    args = ["--standalone", f"--template={root / name}", *variables(book, opts, epoch)]
    if opts.cover:
        image = root / ("cover-image" + opts.cover.suffix.lower())
        image.write_bytes(opts.cover.read_bytes())
        args.append(f"--variable=cover-image:{image.name}")
    return args


def typst_ready(ast: dict[str, Any]) -> dict[str, Any]:
    """The AST as pandoc's Typst writer must see it.

    - The assembler's divs are unwrapped: pandoc would write each as a `#block[...]` around
      our `styled(...)` block, and its spacing would override the template's.
    - A curly apostrophe (’) goes through as a raw character: pandoc's Typst writer turns it
      into a straight `'` for Typst's smart quotes, which the template switches off so that
      every quote prints as the text has it.
    """

    def blocks(nodes: list[Any]) -> list[Any]:
        out: list[Any] = []
        for node in nodes:
            if isinstance(node, dict) and node.get("t") == "Div":
                out.extend(blocks(node["c"][1]))
            else:
                out.append(walk(node))
        return out

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            if any(isinstance(n, dict) and n.get("t") == "Div" for n in node):
                return blocks(node)
            return [piece for n in node for piece in (apostrophes(n) if _is_str(n) else [walk(n)])]
        if isinstance(node, dict):
            return {key: walk(value) for key, value in node.items()}
        return node

    return {**ast, "meta": walk(ast["meta"]), "blocks": blocks(ast["blocks"])}


def _is_str(node: Any) -> bool:
    return isinstance(node, dict) and node.get("t") == "Str" and "’" in node["c"]


def apostrophes(node: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, piece in enumerate(node["c"].split("’")):
        if n:
            out.append({"t": "RawInline", "c": ["typst", "’"]})
        if piece:
            out.append({"t": "Str", "c": piece})
    return out
