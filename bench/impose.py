"""Imposition: time to impose an A5 booklet of N statements on A4 sheets (build --imposition booklet).

    .venv/bin/python bench/impose.py [--statements 100] [--runs 3]

Synthetic Spanish statements (4 paragraphs × 3 sentences), built once as an A5 PDF; then
`impose_booklet` alone is timed, median of --runs, and checked to give the same bytes each run.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import machine, table, write_statements  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from pypdf import PdfReader

    from pipeline.publish import BuildOptions, build
    from pipeline.publish.impose import impose_booklet
    from pipeline.workspace import Workspace

    ws = Path(tempfile.mkdtemp())
    write_statements(ws, args.statements, paragraphs=4, sentences=3)
    pdf = build(Workspace(ws), BuildOptions(lang="es", formats=("pdf",), paper="a5")).files[0].read_bytes()
    times, outputs = [], set()
    for _ in range(args.runs):
        start = time.perf_counter()
        outputs.add(impose_booklet(pdf))
        times.append(time.perf_counter() - start)
    [imposed] = outputs  # the same bytes every run
    pages, sides = (len(PdfReader(io.BytesIO(data)).pages) for data in (pdf, imposed))
    print(f"machine: {machine()}")
    print(table(
        ["statements", "A5 pages", "A4 sides", "seconds", "booklet KB", "imposed KB"],
        [[args.statements, pages, sides, f"{statistics.median(times):.2f}", len(pdf) // 1024, len(imposed) // 1024]],
    ))  # fmt: skip


if __name__ == "__main__":
    main()
