"""Speed of `add` on a very large paste: a 10 MB text file (goal: under 3 s), and whether time stays linear.

    .venv/bin/python bench/ingest_speed.py            # --mb 10 --runs 3
    .venv/bin/python bench/ingest_speed.py --repeat   # the old paste: one page repeated

The paste is built from the pasted pages of the corpus's tune split (tests/data/webcopies/,
the .txt inputs: pages, e-mails and PDF copies), page after page in a seeded random order.
A line of four words or more has its inner words shuffled (its first and last word stay, so a
"Posted on … by …" line still starts and ends like one): prose stays prose, with its length and
its stopwords, but no two long lines are the same, so no cache of line tests can hide the work.
Short lines (menu items, "Reply", names) repeat, as they do on real pages. Prints the median
wall and CPU time of `ingest` (read, clean, find the statement and its metadata, detect the language), without
writing anything, and the time for half the size, to show that time grows linearly.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ingest import Source, chrome, ingest  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "webcopies"
PAGE = CORPUS / "a-15-drupal-olivero-en.txt"


def tune_pages() -> list[str]:
    pages = []
    for path in sorted(CORPUS.glob("*.txt")):
        expect = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if expect["split"] == "tune":
            pages.append(path.read_text(encoding="utf-8"))
    return pages


def varied_paste(size: int, seed: int = 12) -> bytes:
    rng = random.Random(seed)
    pages = tune_pages()
    out: list[str] = []
    total = 0
    while total < size:
        for line in rng.choice(pages).split("\n"):
            words = line.split(" ")
            if len(words) >= 4:
                inner = words[1:-1]
                rng.shuffle(inner)
                line = " ".join([words[0], *inner, words[-1]])
            out.append(line)
            total += len(line.encode("utf-8")) + 1
    return "\n".join(out).encode("utf-8")[:size]


def timed(raw: bytes, runs: int) -> tuple[float, float, object]:
    """Median wall time, median CPU time (what the process itself spent: steadier on a shared machine)."""
    times, cpu = [], []
    result = None
    for _ in range(runs):
        for cached in (
            chrome.reason,
            chrome.is_prose,
            chrome._profile,
            chrome._Group._starting,
            chrome._Group._joined,
        ):
            cached.cache_clear()  # every run reads the paste afresh, as a new `add` would
        start, start_cpu = time.perf_counter(), time.process_time()
        result = ingest(Source("paste.txt", "text", raw))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", action="store_true", help="one pasted page repeated (a-15), as before")
    args = parser.parse_args()
    size = int(args.mb * 1_048_576)
    if args.repeat:
        page = PAGE.read_bytes()
        raw = (page * (size // len(page) + 1))[:size]
    else:
        raw = varied_paste(size)
    lines = raw.count(b"\n")
    distinct = len(set(raw.split(b"\n")))
    _, half_cpu, _ = timed(raw[: size // 2], args.runs)
    median, cpu, result = timed(raw, args.runs)
    print(
        f"{len(raw) / 1_048_576:.1f} MB paste, {lines:,} lines ({distinct:,} distinct): median "
        f"{median:.2f} s wall, {cpu:.2f} s CPU over {args.runs} runs; half the size {half_cpu:.2f} s CPU; "
        f"kept {len(result.body):,} characters, removed {len(result.removed):,} lines"  # type: ignore[attr-defined]
    )


if __name__ == "__main__":
    main()
