"""Apertium: one process per batch (the pipeline) against one process per segment.

.venv/bin/python bench/apertium.py [--sentences 200]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import machine, median_time, sentence, table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from pipeline.translate.engines.apertium import ApertiumEngine

    rng = random.Random(2)
    segs = [sentence(rng, n) for n in range(args.sentences)]
    engine = ApertiumEngine()
    engine.require("es", "en")

    def per_segment() -> None:
        for s in segs:
            subprocess.run(["apertium", "-u", "spa-eng"], input=s, capture_output=True, text=True, check=True)

    t_batch = median_time(lambda: engine.translate_batch(segs, "es", "en"), args.runs)
    t_single = median_time(per_segment, 1)
    print(f"machine: {machine()}")
    print(table(["", "seconds", "segments/s", "speed-up"], [
        [f"one process per segment ({args.sentences})", f"{t_single:.2f}", f"{args.sentences / t_single:.0f}", "1×"],
        [f"one process per batch (median of {args.runs})", f"{t_batch:.2f}", f"{args.sentences / t_batch:.0f}",
         f"{t_single / t_batch:.0f}×"],
    ]))  # fmt: skip


if __name__ == "__main__":
    main()
