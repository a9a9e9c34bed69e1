"""Throughput of one LibreTranslate replica, against the local Argos engine on the same segments.

    make libretranslate                                   # the server's virtual environment
    .venv/bin/python bench/libretranslate.py [--statements 20] [--k 48] [--runs 2]

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


def run(corpus: Path, engine: str) -> tuple[float, dict[str, object]]:
    from pipeline.translate import Options, translate
    from pipeline.workspace import Workspace

    ws = Path(tempfile.mkdtemp(dir=TMP))
    shutil.copytree(corpus / "originals", ws / "originals")
    start = time.perf_counter()
    summary = translate(Workspace.at(ws), [], "en", Options(engine=engine)).as_dict()
    seconds = time.perf_counter() - start
    shutil.rmtree(ws)
    return seconds, summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=20)
    parser.add_argument("--k", type=int, default=48)
    parser.add_argument("--runs", type=int, default=2)
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
    try:
        for server in servers.values():
            server.ready()
        print(f"machine: {machine()}; load average at start {os.getloadavg()[0]:.1f}")

        def local() -> float:
            return run(corpus, "argos")[0]

        def remote(url: str, concurrency: int) -> Callable[[], float]:
            def go() -> float:
                os.environ["LIBRETRANSLATE_URL"] = url
                os.environ["LIBRETRANSLATE_CONCURRENCY"] = str(concurrency)
                return run(corpus, "libretranslate")[0]

            return go

        cases: dict[tuple[str, str, str], Callable[[], float]] = {("local Argos engine", "-", "-"): local}
        for label, server in servers.items():
            for concurrency in args.concurrency:
                cases[("one LibreTranslate replica", label, str(concurrency))] = remote(
                    server.url, concurrency
                )
        # Warm-up: each side loads its model on first use.
        segments = int(run(corpus, "argos")[1]["segments"])  # type: ignore[call-overload]
        for case in [k for k in cases if k[2] == str(args.concurrency[0])]:
            cases[case]()
        # Every case once per round, the order rotated, so drift on a shared machine falls on all alike.
        times: dict[tuple[str, str, str], list[float]] = {case: [] for case in cases}
        order = list(cases)
        for round_ in range(args.runs):
            for case in order[round_ % len(order) :] + order[: round_ % len(order)]:
                times[case].append(cases[case]())
    finally:
        for server in servers.values():
            server.stop()
    t_local = statistics.median(times[next(iter(cases))])
    rows = []
    for (engine, label, concurrency), values in times.items():
        t = statistics.median(values)
        rows.append([engine, label, concurrency, f"{t:.1f}", f"{segments / t:.2f}", f"{t_local / t:.2f}×"])
    print(f"corpus: {args.statements} statements, {segments} segments; K={args.k} tokens, beam 4")
    print()
    print(f"Throughput of `statements translate` (medians of {args.runs} runs)")
    print(table(["engine", "server", "requests in flight", "seconds", "segments/s", "vs local"], rows))
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
