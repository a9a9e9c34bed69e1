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

if TYPE_CHECKING:
    from pipeline.publish import BuildOptions
    from pipeline.publish.assemble import Assembler
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


def variables(assembler: Assembler, book: Book, opts: BuildOptions, epoch: int) -> list[str]:
    day = dt.datetime.fromtimestamp(epoch, dt.UTC)
    args = [
        f"--variable=year:{day.year}",
        f"--variable=month:{day.month}",
        f"--variable=day:{day.day}",
        f"--variable=paper:{PAPERS[opts.paper]}",
        f"--variable=languages:{assembler.languages_label()}",
        f"--variable=date-range:{assembler.date_range()}",
        f"--variable=toc-title:{assembler.labels['contents']}",
    ]
    if book.bilingual:
        args.append("--variable=bilingual:true")
    return args
