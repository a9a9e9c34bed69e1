"""Throughput of one LibreTranslate replica, against the local Argos engine on the same segments.

    make libretranslate                                   # the server's virtual environment
    .venv/bin/python bench/libretranslate.py [--statements 8] [--k 48] [--runs 3]

Both sides run the base-size package (Transformer base, 32k vocabulary, int8; built once by
_common.base_package) at beam 4, and every sentence decodes exactly K tokens (random weights
never stop by themselves): force_length here, bench/_lt_forced/sitecustomize.py in the
server. `statements translate` runs whole, in this process, on a fresh workspace each time:
once with --engine argos, then with --engine libretranslate against one local replica, for
several LIBRETRANSLATE_CONCURRENCY values and two server set-ups: LibreTranslate's default
(one CTranslate2 worker using every core) and ARGOS_INTER_THREADS=cores (one worker per core).
Prints a table; docs/scaling.md records it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TMP = Path(tempfile.mkdtemp(prefix="statements-bench-lt-"))
os.environ["ARGOS_PACKAGES_DIR"] = str(TMP / "local-packages")

from _common import base_package, force_length, machine, no_fallback, table, write_statements  # noqa: E402

from tests import libretranslate_server as lt  # noqa: E402


def packages_for_server(spacy: Path) -> Path:
    """The base-size es→en package, and a tiny en→es one (with fewer than two packages the
    server tries to update its package index at boot)."""
    from tests.tiny_argos import build_package

    tiny = build_package(TMP / "tiny", "en", "es", seed=8, eos_bias=2.0)
    folder = TMP / "lt-packages"
    lt.install_packages(folder, [tiny], spacy)
    before = os.environ["ARGOS_PACKAGES_DIR"]
    os.environ["ARGOS_PACKAGES_DIR"] = str(folder)
    try:
        from pipeline.translate.engines.argos_packages import install_file

        installed = install_file(base_package()).path
    finally:
        os.environ["ARGOS_PACKAGES_DIR"] = before
    if not (installed / "spacy").exists():
        shutil.copytree(spacy, installed / "spacy")
    return folder


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(corpus: Path, engine: str, server_pid: int | None = None) -> tuple[float, float, int]:
    """One whole `statements translate` on a fresh copy of the corpus: (wall seconds, CPU
    seconds of this process and of the server, segments)."""
    from pipeline.translate import Options, translate
    from pipeline.workspace import Workspace

    ws = Path(tempfile.mkdtemp(dir=TMP))
    shutil.copytree(corpus / "originals", ws / "originals")
    cpu = time.process_time() + (cpu_seconds(server_pid) if server_pid else 0.0)
    start = time.perf_counter()
    summary = translate(Workspace.at(ws), [], "en", Options(engine=engine))
    seconds = time.perf_counter() - start
    cpu = time.process_time() + (cpu_seconds(server_pid) if server_pid else 0.0) - cpu
    shutil.rmtree(ws)
    return seconds, cpu, summary.segments


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=8)
    parser.add_argument("--k", type=int, default=48)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    reason = lt.missing_reason()
    if reason:
        sys.exit(reason)
    no_fallback()
    from pipeline.translate.engines.argos_packages import install_file

    install_file(base_package())
    force_length(args.k)
    corpus = TMP / "corpus"
    write_statements(corpus, args.statements, paragraphs=2, sentences=3)
    spacy = lt.blank_spacy(TMP / "spacy")
    server_packages = packages_for_server(spacy)
    cores = os.cpu_count() or 1

    setups = {
        "default (1 worker × all cores)": {},
        f"ARGOS_INTER_THREADS={cores}": {"ARGOS_INTER_THREADS": str(cores), "ARGOS_INTRA_THREADS": "1"},
    }
    servers = {
        label: lt.launch(
            server_packages,
            TMP / f"state-{i}",
            env={**extra, "PYTHONPATH": str(HERE / "_lt_forced"), "STATEMENTS_BENCH_K": str(args.k)},
        )
        for i, (label, extra) in enumerate(setups.items())
    }
    Case = Callable[[], tuple[float, float, int]]
    try:
        for server in servers.values():
            server.ready()
        load_start = os.getloadavg()[0]

        def remote(server: lt.Server, concurrency: int) -> Case:
            def go() -> tuple[float, float, int]:
                os.environ["LIBRETRANSLATE_URL"] = server.url
                os.environ["LIBRETRANSLATE_CONCURRENCY"] = str(concurrency)
                return run(corpus, "libretranslate", server.process.pid)

            return go

        local = ("local Argos engine", "-", "-")
        cases: dict[tuple[str, str, str], Case] = {local: lambda: run(corpus, "argos")}
        for label, server in servers.items():
            for concurrency in args.concurrency:
                cases[("one LibreTranslate replica", label, str(concurrency))] = remote(server, concurrency)
        for case in [local, *[k for k in cases if k[2] == str(args.concurrency[0])]]:
            cases[case]()  # warm-up: each side loads its model on first use
        # Every case once per round, the order rotated, so drift on a shared machine falls on all alike.
        results: dict[tuple[str, str, str], list[tuple[float, float, int]]] = {case: [] for case in cases}
        order = list(cases)
        for round_ in range(args.runs):
            for case in order[round_ % len(order) :] + order[: round_ % len(order)]:
                results[case].append(cases[case]())
    finally:
        for server in servers.values():
            server.stop()
    segments = results[local][0][2]
    t_local = statistics.median(r[0] for r in results[local])
    c_local = statistics.median(r[1] for r in results[local])
    rows = []
    for (engine, label, concurrency), values in results.items():
        t = statistics.median(r[0] for r in values)
        c = statistics.median(r[1] for r in values)
        rows.append([engine, label, concurrency, f"{t:.1f}", f"{segments / t:.2f}", f"{t_local / t:.2f}×",
                     f"{c:.1f}", f"{segments / c:.2f}", f"{c_local / c:.2f}×"])  # fmt: skip
    print(f"machine: {machine()}; load average {load_start:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    print(f"corpus: {args.statements} statements, {segments} segments; K={args.k} tokens, beam 4")
    print()
    print(f"`statements translate`, medians of {args.runs} runs (CPU: this process and the server's)")
    headers = ["engine", "server", "requests in flight", "seconds", "segments/s", "vs local",
               "CPU s", "segments per CPU s", "vs local"]  # fmt: skip
    print(table(headers, rows))
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
