"""Shared pieces of the benchmarks: timing, a base-size Argos package, a synthetic corpus."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
sys.path.insert(0, str(ROOT))

SUBJECTS_ES = [
    "Los trabajadores del puerto",
    "Las enfermeras del hospital",
    "El sindicato de la limpieza",
    "La asamblea de inquilinas",
    "Los conductores de autobús",
    "Las maestras de la comarca",
    "La federación del metal",
    "Los estibadores de la terminal",
    "Las cajeras del supermercado",
    "Los jornaleros del campo",
    "La red de solidaridad",
    "Las trabajadoras del textil",
]
VERBS_ES = [
    "exigen",
    "rechazan",
    "denuncian",
    "reclaman",
    "defienden",
    "convocan",
    "apoyan",
    "condenan",
]
OBJECTS_ES = [
    "un salario digno para todas las familias",
    "la readmisión de los despedidos",
    "el fin de los contratos precarios",
    "la jornada de treinta y cinco horas",
    "el respeto del convenio colectivo",
    "una vivienda asequible en el barrio",
    "la protección frente al acoso laboral",
    "el cierre de los centros de internamiento",
    "la subida de las pensiones mínimas",
    "la negociación con el ministerio",
]
PLACES_ES = [
    "en Valencia", "en el polígono norte", "frente al ayuntamiento", "en todas las fábricas",
    "en la plaza mayor", "ante la dirección de la empresa", "en los barrios obreros", "en la capital",
]  # fmt: skip


def sentence(rng: random.Random, n: int) -> str:
    """A unique Spanish sentence of 12–25 words (the number makes every one different)."""
    extra = rng.choice(
        ["", f" desde hace {n % 40 + 2} semanas", f" con {n * 7 + 13} firmas", f" el día {n % 28 + 1}"]
    )
    return (
        f"{rng.choice(SUBJECTS_ES)} {rng.choice(VERBS_ES)} {rng.choice(OBJECTS_ES)} "
        f"{rng.choice(PLACES_ES)}{extra}, y el comité {n} lo respalda."
    )


def write_statements(folder: Path, count: int, paragraphs: int = 3, sentences: int = 2, seed: int = 1) -> int:
    """`count` synthetic Spanish statements in folder/originals; returns the number of sentences."""
    rng = random.Random(seed)
    originals = folder / "originals"
    originals.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(count):
        body = []
        for _ in range(paragraphs):
            body.append(" ".join(sentence(rng, total + k) for k in range(sentences)))
            total += sentences
        date = f"20{20 + i % 6}-{i % 12 + 1:02d}-{i % 27 + 1:02d}"
        (originals / f"s{i:04d}.md").write_text(
            f"---\ntitle: Comunicado número {i}\ndate: {date}\nlang: es\norg: Sindicato {i % 7}\n"
            f"tags: [bench]\n---\n\n" + "\n\n".join(body) + "\n",
            encoding="utf-8",
        )
    return total


def median_time(fn: Callable[[], Any], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def base_package(from_code: str = "es", to_code: str = "en") -> Path:
    """A base-size Argos package (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocab, int8).

    Built once and cached in bench/.cache. It carries a blank spaCy pipeline in spacy/ so
    argostranslate's own translate() runs offline with ARGOS_CHUNK_TYPE=SPACY.
    """
    archive = CACHE / f"base-{from_code}_{to_code}.argosmodel"
    if archive.exists():
        return archive
    from tests.tiny_argos import build_model_dir

    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"translate-{from_code}_{to_code}-base"
    staging = CACHE / "staging" / name
    shutil.rmtree(staging.parent, ignore_errors=True)
    print("building the base-size package (once)…", file=sys.stderr)
    rng = random.Random(3)
    lines = [sentence(rng, n) for n in range(20000)]
    lines += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "originals").glob("*.md"))]
    build_model_dir(
        staging, seed=11, vocab_size=8000, layers=(6, 6), heads=8, d_model=512, ffn=2048,
        pad_vocab_to=32000, quantization="int8", corpus_text="\n".join(lines),
    )  # fmt: skip
    try:
        import spacy

        spacy.blank("xx").to_disk(staging / "spacy")
    except ImportError:
        print(
            "spaCy is not installed (pip install -e '.[bench]'): argostranslate comparison disabled",
            file=sys.stderr,
        )
    (staging / "metadata.json").write_text(
        json.dumps(
            {
                "package_version": "1.0",
                "argos_version": "1.9",
                "from_code": from_code,
                "from_name": "Spanish",
                "to_code": to_code,
                "to_name": "English",
                "type": "translate",
            }
        )
    )
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(staging.rglob("*")):
            zf.write(path, f"{name}/{path.relative_to(staging)}")
    shutil.rmtree(staging.parent, ignore_errors=True)
    return archive


def force_length(k: int) -> None:
    """Random weights never emit end-of-sentence: make every side generate exactly k tokens.

    Bench harness only. Wraps ctranslate2.Translator so that argostranslate, the pipeline and
    the bare baseline all decode the same number of tokens per sentence.
    """
    import ctranslate2

    original = ctranslate2.Translator
    if getattr(original, "_bench_forced", False):
        return

    class Forced(original):  # type: ignore[misc, valid-type]
        _bench_forced = True

        def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
            kwargs["min_decoding_length"] = k
            kwargs["max_decoding_length"] = k
            return super().translate_batch(*args, **kwargs)

    ctranslate2.Translator = Forced


def no_fallback() -> None:
    """Random weights make every output look degenerate, so the guard would send all of them
    to Apertium: that measures Apertium, not the pipeline. The guard still runs; the second
    engine is simply not consulted (bench harness only)."""
    from pipeline.translate import engines

    engines.fallback_disabled().__enter__()  # for the rest of this benchmark process


def peak_rss_mb(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(peak resident memory in MB, seconds) of a command run in a fresh child process."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, time.perf_counter() - t, r.returncode)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env, check=True
    )
    rss, seconds, code = out.stdout.split()
    if code != "0":
        raise RuntimeError(f"{cmd} exited {code}")
    return float(rss), float(seconds)


def size_args() -> argparse.Namespace:
    """--sizes (statements per workspace) and --runs (builds per format), for the build benchmarks."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def sized_workspaces(sizes: str) -> Iterator[tuple[int, Path]]:
    """A workspace of synthetic Spanish statements (4 paragraphs of 3 sentences) per size, removed after."""
    for size in [int(s) for s in sizes.split(",")]:
        ws = Path(tempfile.mkdtemp())
        write_statements(ws, size, paragraphs=4, sentences=3)
        yield size, ws
        shutil.rmtree(ws)


def build_runs(ws: Path, formats: list[str], runs: int) -> dict[str, list[tuple[float, float]]]:
    """(peak MB, seconds) of `runs` builds of the Spanish collection per format, formats alternating."""
    statements = str(Path(sys.executable).parent / "statements")
    out: dict[str, list[tuple[float, float]]] = {fmt: [] for fmt in formats}
    for _ in range(runs):
        for fmt in formats:
            out[fmt].append(
                peak_rss_mb([statements, "--root", str(ws), "build", "--lang", "es", "--format", fmt])
            )
    return out


def table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
