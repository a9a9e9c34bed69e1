"""Word and web builds: time and peak memory to build DOCX and HTML for 10, 100 and 1000 statements.

    .venv/bin/python bench/office_web.py [--sizes 10,100,1000] [--runs 3]

The synthetic Spanish statements of bench/builds.py, built as one `statements build --lang es`
process per run, DOCX and HTML alternating. HTML writes a page per statement and an index,
all from one pandoc run; DOCX is one document.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import build_runs, machine, size_args, sized_workspaces, table  # noqa: E402


def main() -> None:
    args = size_args()
    rows = []
    for size, ws in sized_workspaces(args.sizes):
        runs = build_runs(ws, ["docx", "html"], args.runs)
        row: list[object] = [size]
        for fmt in runs:
            seconds = statistics.median(t for _, t in runs[fmt])
            row += [f"{seconds:.2f}", f"{100 * seconds / size:.2f}", f"{max(r for r, _ in runs[fmt]):.0f}"]
        pages = len(list((ws / "outputs" / "statements-es").glob("*.html")))
        rows.append([*row, pages])
    print(f"machine: {machine()}")
    print(f"one `statements build` process per build; seconds include start-up; medians of {args.runs}")
    print(table(["statements", "DOCX s", "DOCX s/100 statements", "DOCX peak MB", "HTML s",
                 "HTML s/100 statements", "HTML peak MB", "HTML files"], rows))  # fmt: skip


if __name__ == "__main__":
    main()
