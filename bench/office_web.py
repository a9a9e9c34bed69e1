"""Word and web builds: time and peak memory to build DOCX and HTML for 10, 100 and 1000 statements.

    .venv/bin/python bench/office_web.py [--sizes 10,100,1000] [--runs 3]

The synthetic Spanish statements of bench/builds.py, built as one `statements build --lang es`
process per run, DOCX and HTML alternating. HTML writes a page per statement and an index,
all from one pandoc run; DOCX is one document.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import machine, peak_rss_mb, table, write_statements  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    statements = str(Path(sys.executable).parent / "statements")
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        ws = Path(tempfile.mkdtemp())
        write_statements(ws, size, paragraphs=4, sentences=3)
        runs: dict[str, list[tuple[float, float]]] = {"docx": [], "html": []}
        for _ in range(args.runs):
            for fmt in runs:
                runs[fmt].append(
                    peak_rss_mb([statements, "--root", str(ws), "build", "--lang", "es", "--format", fmt])
                )
        row: list[object] = [size]
        for fmt in runs:
            seconds = statistics.median(t for _, t in runs[fmt])
            row += [f"{seconds:.2f}", f"{100 * seconds / size:.2f}", f"{max(r for r, _ in runs[fmt]):.0f}"]
        pages = len(list((ws / "outputs" / "statements-es").glob("*.html")))
        rows.append([*row, pages])
        shutil.rmtree(ws)
    print(f"machine: {machine()}")
    print(f"one `statements build` process per build; seconds include start-up; medians of {args.runs}")
    print(table(["statements", "DOCX s", "DOCX s/100 statements", "DOCX peak MB", "HTML s",
                 "HTML s/100 statements", "HTML peak MB", "HTML files"], rows))  # fmt: skip


if __name__ == "__main__":
    main()
