"""Builds: time and peak memory to build EPUB and PDF for 10, 100 and 1000 statements.

    .venv/bin/python bench/builds.py [--sizes 10,100,1000] [--runs 3]

Statements are synthetic Spanish ones; each build runs as its own `statements build`
process, so peak memory is that process's own. Times are medians of --runs builds, EPUB
and PDF alternating; peak memory is the highest seen.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import build_runs, machine, size_args, sized_workspaces, table  # noqa: E402


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> None:
    args = size_args()
    rows = []
    for size, ws in sized_workspaces(args.sizes):
        runs = build_runs(ws, ["epub", "pdf"], args.runs)
        rss_e = max(r for r, _ in runs["epub"])
        rss_p = max(r for r, _ in runs["pdf"])
        t_epub = statistics.median(t for _, t in runs["epub"])
        t_pdf = statistics.median(t for _, t in runs["pdf"])
        n_pages = pages(ws / "outputs" / "statements-es.pdf")
        rows.append([
            size, f"{t_epub:.2f}", f"{100 * t_epub / size:.2f}", f"{rss_e:.0f}",
            n_pages, f"{t_pdf:.2f}", f"{100 * t_pdf / n_pages:.2f}", f"{rss_p:.0f}",
        ])  # fmt: skip
    print(f"machine: {machine()}")
    print(f"one `statements build` process per build; seconds include start-up; medians of {args.runs}")
    print(table(["statements", "EPUB s", "EPUB s/100 statements", "EPUB peak MB", "PDF pages", "PDF s",
                 "PDF s/100 pages", "PDF peak MB"], rows))  # fmt: skip


if __name__ == "__main__":
    main()
