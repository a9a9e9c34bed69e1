"""Translation speed, the memory, and peak memory, against argostranslate on the same package.

    .venv/bin/pip install -e '.[bench]'          # spaCy, for argostranslate's own translate()
    .venv/bin/python bench/translation.py [--statements 50] [--k 48] [--runs 3]

A base-size Argos package (Transformer base, 32k vocabulary, int8; see _common.py) is built
once. Random weights never stop on their own, so every side decodes exactly K tokens per
sentence (force_length), which keeps the compute per sentence equal. Prints tables; the
figures recorded in docs/benchmarks.md come from this script.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
TMP = Path(tempfile.mkdtemp(prefix="statements-bench-"))
# argostranslate reads its settings when first imported: set them before anything imports it.
os.environ.update(
    {
        "ARGOS_PACKAGES_DIR": str(TMP / "packages"),
        "ARGOS_CHUNK_TYPE": "SPACY",
        "XDG_DATA_HOME": str(TMP / "data"),
        "XDG_CONFIG_HOME": str(TMP / "config"),
        "XDG_CACHE_HOME": str(TMP / "cache"),
    }
)
# Without a cached multilingual spaCy model argostranslate would try to download one.
(TMP / "cache" / "argos-translate" / "spacy" / "senter" / "model").mkdir(parents=True, exist_ok=True)

from _common import (  # noqa: E402
    base_package,
    force_length,
    machine,
    median_time,
    no_fallback,
    peak_rss_mb,
    table,
    write_statements,
)


def bodies(ws: Path) -> list[str]:
    from pipeline.text.markdown import split_front_matter

    return [
        split_front_matter(p.read_text(encoding="utf-8"))[1] for p in sorted((ws / "originals").glob("*.md"))
    ]


def titles(ws: Path) -> list[str]:
    from pipeline.text.markdown import split_front_matter

    return [str(split_front_matter(p.read_text(encoding="utf-8"))[0]["title"])
            for p in sorted((ws / "originals").glob("*.md"))]  # fmt: skip


def sentences_of(ws: Path) -> list[str]:
    """Exactly the segments the pipeline sends to the model: every sentence, and the titles."""
    from pipeline.text.markdown import parse_blocks
    from pipeline.text.segment import sentences

    out = list(titles(ws))
    for body in bodies(ws):
        for block in parse_blocks(body):
            out.extend(sentences(block.plain))
    return out


@functools.lru_cache(maxsize=1)
def _sp() -> Any:
    """The package's SentencePiece model, loaded once (outside the timings after warm-up)."""
    import sentencepiece as spm

    from pipeline.translate.engines.argos_packages import find_package

    return spm.SentencePieceProcessor(
        model_file=str(find_package("es", "en").package_path / "sentencepiece.model")
    )


def _tokens(sents: list[str]) -> list[list[str]]:
    return sorted((_sp().encode(s, out_type=str) for s in sents), key=len)


def _detokenize(results: list) -> list[str]:
    return [_sp().decode(r.hypotheses[0]) for r in results]


def bare(sents: list[str], beam: int) -> None:
    """The floor for the pipeline's own overhead: tokenize, one translate_batch over every
    segment with the pipeline's translator and batch size, detokenize."""
    from pipeline.translate.engines.argos import ArgosEngine, translator_for
    from pipeline.translate.engines.argos_packages import find_package

    engine = ArgosEngine(beam_size=beam)
    translator = translator_for(find_package("es", "en").package_path / "model", engine.threads)
    results = translator.translate_batch(
        _tokens(sents),
        beam_size=beam,
        length_penalty=0.2,
        max_batch_size=max(1, engine.batch_hypotheses // beam),
        batch_type="examples",
    )
    _detokenize(results)


@functools.lru_cache(maxsize=1)
def _probe_translator() -> Any:
    import ctranslate2

    from pipeline.translate.engines.argos_packages import find_package

    return ctranslate2.Translator(
        str(find_package("es", "en").package_path / "model"), device="cpu", compute_type="auto",
        inter_threads=1, intra_threads=os.cpu_count() or 1,
    )  # fmt: skip


def probe(sents: list[str], beam: int) -> None:
    """The issue's first probe: one translate_batch, 4,096-token batches, one worker on every
    core (inter_threads 1, intra_threads = cores)."""
    results = _probe_translator().translate_batch(
        _tokens(sents), beam_size=beam, length_penalty=0.2, max_batch_size=4096, batch_type="tokens"
    )
    _detokenize(results)


def side_by_side(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Run every function once per round, rotating the order, so that drift on a shared
    machine (steal time) falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for round_ in range(runs):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            start = time.perf_counter()
            fns[name]()
            times[name].append(time.perf_counter() - start)
    return times


def pipeline_run(corpus: Path, beam: int) -> dict:
    from pipeline.translate import Options, translate
    from pipeline.workspace import Workspace

    ws_dir = Path(tempfile.mkdtemp(dir=TMP))
    shutil.copytree(corpus / "originals", ws_dir / "originals")
    summary = translate(Workspace.at(ws_dir), [], "en", Options(engine="argos", beam_size=beam))
    shutil.rmtree(ws_dir)
    return summary.as_dict()


def argos_run(corpus: Path, beam: int) -> None:
    from argostranslate import settings, translate

    settings.beam_size = beam
    for title, body in zip(titles(corpus), bodies(corpus), strict=True):
        translate.translate(title, "es", "en")
        translate.translate(body, "es", "en")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=50)
    parser.add_argument("--k", type=int, default=48)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--argos-runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", choices=["throughput", "memory", "rss"], action="append",
                        help="run only these parts (repeatable); default: all")  # fmt: skip
    args = parser.parse_args()
    parts = set(args.only or ["throughput", "memory", "rss"])
    no_fallback()

    from pipeline.translate.engines.argos_packages import install_file

    install_file(base_package())
    force_length(args.k)
    corpus = TMP / "corpus"
    write_statements(corpus, args.statements, paragraphs=2, sentences=3)
    sents = sentences_of(corpus)
    chars = sum(len(s) for s in sents)
    print(f"machine: {machine()}")
    print(
        f"corpus: {args.statements} statements, {len(sents)} segments (sentences and titles), {chars} characters; K={args.k} tokens"
    )
    figures: dict = {"sentences": len(sents), "chars": chars, "k": args.k}

    # Warm up: load the model (and spaCy for argostranslate) once, outside the timings.
    bare(sents[:4], 4)
    probe(sents[:4], 4)
    pipeline_run(corpus, 4)
    have_argos = True
    try:
        import spacy  # noqa: F401
        from argostranslate import translate

        translate.translate(sents[0], "es", "en")
    except ImportError:
        have_argos = False
        print("spaCy missing: argostranslate is not measured (pip install -e '.[bench]')")

    rows = []
    for beam in (4, 2, 1) if "throughput" in parts else ():
        fns: dict[str, Callable[[], object]] = {
            "bare": lambda b=beam: bare(sents, b),
            "pipeline": lambda b=beam: pipeline_run(corpus, b),
            "probe": lambda b=beam: probe(sents, b),
        }
        times = side_by_side(fns, args.runs)
        t_bare, t_pipe, t_probe = (statistics.median(times[n]) for n in ("bare", "pipeline", "probe"))
        # The overhead ratio is taken round by round, then the median of those ratios.
        vs_bare = statistics.median(b / p for b, p in zip(times["bare"], times["pipeline"], strict=True))
        t_argos = (
            median_time(lambda b=beam: argos_run(corpus, b), args.argos_runs)
            if have_argos and beam == 4 and args.argos_runs
            else None
        )
        figures[f"beam{beam}"] = {
            "times": times,
            "argos_s": t_argos,
            "pipeline_vs_bare": vs_bare,
            "pipeline_vs_probe": t_probe / t_pipe,
            "pipeline_vs_argos": (t_argos / t_pipe) if t_argos else None,
        }

        def rate(t: float) -> str:
            return f"{len(sents) / t:.1f} / {chars / t:.0f}"

        rows.append([
            beam, rate(t_pipe), rate(t_bare), rate(t_probe), rate(t_argos) if t_argos else "-",
            f"{100 * vs_bare:.0f}%", f"{t_probe / t_pipe:.1f}×", f"{t_argos / t_pipe:.1f}×" if t_argos else "-",
        ])  # fmt: skip
    if rows:
        print()
        print(f"Translation throughput (segments/s / characters/s; medians of {args.runs} runs, "
              f"argostranslate {args.argos_runs})")  # fmt: skip
        headers = [
            "beam",
            "statements",
            "bare, same settings",
            "bare, issue's probe",
            "argostranslate",
            "statements ÷ bare",
            "vs probe",
            "vs argos",
        ]
        print(table(headers, rows))
    if "memory" in parts:
        memory_part(args, corpus, figures)
    if "rss" in parts:
        rss_part(args, corpus, figures, have_argos)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    shutil.rmtree(TMP, ignore_errors=True)


def memory_part(args: argparse.Namespace, corpus: Path, figures: dict) -> None:
    """A second run over the unchanged corpus, the memory alone, and one edited sentence."""
    ws = TMP / "memory-ws"
    shutil.copytree(corpus / "originals", ws / "originals")
    cmd = [sys.executable, str(HERE / "_run_forced.py"), str(args.k), "statements", "--root", str(ws)]
    env = dict(os.environ)

    def cli(*extra: str) -> tuple[dict, float]:
        start = time.perf_counter()
        out = subprocess.run([*cmd, "translate", "--to", "en", "--engine", "argos", "--json", *extra],
                             capture_output=True, text=True, env=env, check=True)  # fmt: skip
        return json.loads(out.stdout), time.perf_counter() - start

    first, t_first = cli()
    seconds = []
    calls = []
    for _ in range(args.runs):
        again, t_again = cli()
        seconds.append(t_again)
        calls.append(again["engine_calls"])
    t_second = sorted(seconds)[len(seconds) // 2]
    shutil.rmtree(ws / "translations")
    rebuilt, t_rebuilt = cli()
    target = sorted((ws / "originals").glob("*.md"))[-1]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("lo respalda.", "lo respalda con fuerza.", 1), encoding="utf-8")
    edited, t_edited = cli()
    figures["memory"] = {"first_s": t_first, "second_s": t_second, "second_calls": calls,
                         "rebuilt_s": t_rebuilt, "rebuilt_hits": rebuilt["memory_hits"],
                         "edited_s": t_edited, "edited_segments": edited["segments"] - edited["memory_hits"]}  # fmt: skip
    print()
    print("The translation memory (whole `statements translate` processes, start-up included)")
    print(table(["run", "seconds", "engine calls", "segments sent to the model", "speed-up"], [
        ["first run", f"{t_first:.2f}", first["engine_calls"], first["segments"] - first["memory_hits"], "1×"],
        [f"second run, unchanged (median of {args.runs})", f"{t_second:.2f}", max(calls), 0, f"{t_first / t_second:.0f}×"],
        ["translations/ deleted, memory kept", f"{t_rebuilt:.2f}", rebuilt["engine_calls"],
         rebuilt["segments"] - rebuilt["memory_hits"], f"{t_first / t_rebuilt:.0f}×"],
        ["one sentence edited", f"{t_edited:.2f}", edited["engine_calls"], edited["segments"] - edited["memory_hits"],
         f"{t_first / t_edited:.0f}×"],
    ]))  # fmt: skip


def rss_part(args: argparse.Namespace, corpus: Path, figures: dict, have_argos: bool) -> None:
    """Peak resident memory of whole processes doing the same job."""
    env = dict(os.environ)
    ws2 = TMP / "rss-ws"
    shutil.copytree(corpus / "originals", ws2 / "originals")
    rss_pipe, _ = peak_rss_mb([sys.executable, str(HERE / "_run_forced.py"), str(args.k), "statements", "--root",
                               str(ws2), "translate", "--to", "en", "--engine", "argos"], env)  # fmt: skip
    rss_argos = None
    if have_argos:
        files = sorted(str(p) for p in (corpus / "originals").glob("*.md"))
        rss_argos, _ = peak_rss_mb(
            [sys.executable, str(HERE / "_run_forced.py"), str(args.k), "argos", *files], env
        )
    figures["rss"] = {"pipeline_mb": rss_pipe, "argos_mb": rss_argos}
    print()
    print("Peak resident memory, whole process")
    print(table(["process", "peak RSS (MB)"], [["statements translate", f"{rss_pipe:.0f}"],
                                              ["argostranslate translate()", f"{rss_argos:.0f}" if rss_argos else "-"]]))  # fmt: skip


if __name__ == "__main__":
    main()
