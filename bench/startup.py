"""Start-up: `statements --help` and `statements list` on 200 statements, against bare Python.

.venv/bin/python bench/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import machine, table, write_statements  # noqa: E402


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    ws = Path(tempfile.mkdtemp())
    write_statements(ws, 200)
    bindir = Path(sys.executable).parent
    statements = str(bindir / "statements")
    rows = []
    base = timed([sys.executable, "-c", "pass"], args.runs)
    commands = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("statements --help", [statements, "--help"]),
        ("statements list (200 statements)", [statements, "--root", str(ws), "list"]),
        ("statements list --json (200)", [statements, "--root", str(ws), "list", "--json"]),
    ]
    argos_cli = bindir / "argos-translate"
    if argos_cli.exists():
        commands.append(("argos-translate --help", [str(argos_cli), "--help"]))
    for name, cmd in commands:
        t = timed(cmd, args.runs)
        rows.append([name, f"{t:.3f}", f"{t - base:+.3f}"])
    print(f"machine: {machine()}")
    print(f"medians of {args.runs} runs")
    print(table(["command", "seconds", "over bare Python"], rows))
    shutil.rmtree(ws)


if __name__ == "__main__":
    main()
