"""Speed of `add` on a very large paste: a 10 MB text file (goal: under 3 s).

    .venv/bin/python bench/ingest_speed.py            # --mb 10 --runs 3

The paste is a real pasted page from the corpus (tests/data/webcopies/a-15, a long open
letter with its menus, comments and footer) repeated to the size asked, so every rule
runs on realistic lines. Prints the median time of `ingest` (read, clean, find the
statement and its metadata, detect the language), without writing anything.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ingest import Source, ingest  # noqa: E402

PAGE = ROOT / "tests" / "data" / "webcopies" / "a-15-drupal-olivero-en.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    page = PAGE.read_bytes()
    raw = page * int(args.mb * 1_048_576 / len(page) + 1)
    raw = raw[: int(args.mb * 1_048_576)]
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = ingest(Source("paste.txt", "text", raw))
        times.append(time.perf_counter() - start)
    lines = raw.count(b"\n")
    print(
        f"{len(raw) / 1_048_576:.1f} MB paste, {lines:,} lines: median {statistics.median(times):.2f} s "
        f"over {args.runs} runs (min {min(times):.2f} s); kept {len(result.body):,} characters, "
        f"removed {len(result.removed):,} lines"
    )


if __name__ == "__main__":
    main()
