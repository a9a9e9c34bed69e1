"""Language detection: accuracy and speed on a labelled set we wrote, against langdetect.detect.

    .venv/bin/python bench/detection.py

The set: bench/data/detection-short.tsv (one- and two-word blocks: headings, slogans,
closings), every sentence and every block of the sample statements in originals/, and
synthetic sentences from bench/_common.py. 300+ blocks, Spanish and English.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import ROOT, machine, sentence, table  # noqa: E402

EN_SUBJECTS = [
    "The dock workers",
    "Hospital nurses",
    "The cleaners' union",
    "The tenants' assembly",
    "Bus drivers",
    "Teachers across the district",
    "The metalworkers' federation",
    "Supermarket cashiers",
]
EN_VERBS = ["demand", "reject", "denounce", "defend", "call for", "support", "condemn"]
EN_OBJECTS = ["a living wage for every family", "the reinstatement of those dismissed", "an end to zero-hours contracts",
              "a 35-hour week with no loss of pay", "respect for the collective agreement", "affordable housing"]  # fmt: skip


def labelled() -> list[tuple[str, str]]:
    from pipeline.originals import load_all
    from pipeline.text.markdown import split_front_matter
    from pipeline.text.segment import sentences
    from pipeline.workspace import Workspace

    items = [
        tuple(line.split("\t", 1))
        for line in (HERE / "data" / "detection-short.tsv").read_text().splitlines()
        if line
    ]
    for st in load_all(Workspace.at(ROOT)):
        for block in st.blocks:
            if not block.is_prose or st.lang == "und":
                continue
            # The quoted slogan in the English statement is Spanish: label it so.
            lang = "es" if "pueblo unido" in block.plain else st.lang
            items.append((lang, block.plain))
            for s in sentences(block.plain):
                if s != block.plain and len(s.split()) > 2:
                    items.append((lang, s))
    rng = random.Random(5)
    for n in range(40):
        items.append(("es", sentence(rng, n)))
        items.append(
            (
                "en",
                f"{rng.choice(EN_SUBJECTS)} {rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)}, and committee {n} agrees.",
            )
        )
    del split_front_matter
    return [(lang, text) for lang, text in items]  # type: ignore[misc]


def ours(items: list[tuple[str, str]]) -> list[str]:
    from pipeline.text.detect import detect_block_text

    return [detect_block_text(text).lang for _, text in items]


def plain_langdetect(items: list[tuple[str, str]]) -> list[str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    out = []
    for _, text in items:
        try:
            out.append(detect(text))
        except LangDetectException:
            out.append("und")
    return out


def accuracy(items: list[tuple[str, str]], got: list[str], keep) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    chosen = [(lang, g) for (lang, text), g in zip(items, got, strict=True) if keep(text)]
    return (100 * sum(lang == g for lang, g in chosen) / len(chosen) if chosen else 0.0), len(chosen)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--print":
        print("\n".join(ours(labelled())))
        return
    items = labelled()
    print(f"machine: {machine()}")
    print(
        f"{len(items)} labelled blocks ({sum(lang == 'es' for lang, _ in items)} es, {sum(lang == 'en' for lang, _ in items)} en)"
    )
    # Warm both (profiles load once), then time a cold-cache pass over unique texts.
    from pipeline.text import detect

    start = time.perf_counter()
    detect._factory(True), detect._factory(False)  # profiles load once per process
    t_load = time.perf_counter() - start
    ours(items[:3])
    plain_langdetect(items[:3])

    detect._probabilities.cache_clear()
    start = time.perf_counter()
    got = ours(items)
    t_ours = time.perf_counter() - start
    start = time.perf_counter()
    base = plain_langdetect(items)
    t_base = time.perf_counter() - start
    start = time.perf_counter()
    ours(items)
    t_cached = time.perf_counter() - start

    runs = {subprocess.run([sys.executable, __file__, "--print"], capture_output=True, text=True, check=True).stdout
            for _ in range(3)}  # fmt: skip
    buckets = [
        ("1–2 words", lambda t: len(t.split()) <= 2),
        ("3+ words, < 20 characters", lambda t: len(t.split()) > 2 and len(t) < 20),
        ("20 characters or more", lambda t: len(t) >= 20),
        ("all", lambda t: True),
    ]
    rows = []
    for name, keep in buckets:
        a, n = accuracy(items, got, keep)
        b, _ = accuracy(items, base, keep)
        rows.append([name, n, f"{a:.1f}%", f"{b:.1f}%"])
    heldout = [
        tuple(line.split("\t", 1))
        for line in (HERE / "data" / "detection-heldout.tsv").read_text().splitlines()
        if line
    ]
    got_h = ours(heldout)  # type: ignore[arg-type]
    base_h = plain_langdetect(heldout)  # type: ignore[arg-type]
    a, n = accuracy(heldout, got_h, lambda t: True)  # type: ignore[arg-type]
    b, _ = accuracy(heldout, base_h, lambda t: True)  # type: ignore[arg-type]
    rows.append(["held-out 1–3 words (written after tuning)", n, f"{a:.1f}%", f"{b:.1f}%"])
    print(table(["blocks", "count", "statements", "langdetect.detect"], rows))
    for (lang, text), g in zip(heldout, got_h, strict=True):
        if lang != g:
            print(f"  held-out wrong: {text!r} is {lang}, detected {g}")
    print()
    print(table(["", "seconds", "ms per block", "speed-up"], [
        ["langdetect.detect, once per block", f"{t_base:.3f}", f"{1000 * t_base / len(items):.2f}", "1×"],
        ["statements, cold cache", f"{t_ours:.3f}", f"{1000 * t_ours / len(items):.2f}", f"{t_base / t_ours:.1f}×"],
        ["statements, cached (a re-run)", f"{t_cached:.3f}", f"{1000 * t_cached / len(items):.3f}", f"{t_base / t_cached:.0f}×"],
    ]))  # fmt: skip
    print()
    print(f"profiles loaded once per process in {t_load:.2f} s (not in the timings above)")
    print(f"identical results across 3 separate processes: {'yes' if len(runs) == 1 else 'NO'}")
    wrong = [(lang, text, g) for (lang, text), g in zip(items, got, strict=True) if lang != g]
    for lang, text, g in wrong[:15]:
        print(f"  wrong: {text[:60]!r} is {lang}, detected {g}")


if __name__ == "__main__":
    main()
