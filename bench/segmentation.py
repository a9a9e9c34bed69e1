"""Sentence splitting: our rules against pysbd and sentencex, on the test cases.

    .venv/bin/pip install pysbd sentencex   # measurement only; not dependencies
    .venv/bin/python bench/segmentation.py

Prints, per splitter, how many of the cases in tests/test_segment.py it gets exactly
right, and its speed on the sample workspace's blocks.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.originals import load_all  # noqa: E402
from pipeline.text.segment import sentences  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402
from tests.test_segment import CASES  # noqa: E402


def splitters() -> dict[str, Callable[[str, str], list[str]]]:
    found: dict[str, Callable[[str, str], list[str]]] = {
        "statements rules": lambda text, lang: sentences(text)
    }
    try:
        import pysbd

        segs = {lang: pysbd.Segmenter(language=lang, clean=False) for lang in ("es", "en")}
        found["pysbd"] = lambda text, lang: [s.strip() for s in segs[lang].segment(text) if s.strip()]
    except ImportError:
        print("pysbd not installed: skipped", file=sys.stderr)
    try:
        import sentencex

        found["sentencex"] = lambda text, lang: [
            s.strip() for s in sentencex.segment(lang, text) if s.strip()
        ]
    except ImportError:
        print("sentencex not installed: skipped", file=sys.stderr)
    return found


def guess_lang(text: str) -> str:
    return "es" if any(ch in text for ch in "ñáéíóú¿¡") or " el " in text or " la " in text else "en"


def main() -> None:
    blocks = [(b.plain, s.lang) for s in load_all(Workspace.at(ROOT)) for b in s.blocks if b.is_prose] * 20
    print(f"{'splitter':18} {'cases right':>12} {'blocks/s':>10}")
    for name, split in splitters().items():
        right = sum(split(text, guess_lang(text)) == expected for text, expected in CASES)
        start = time.perf_counter()
        for text, lang in blocks:
            split(text, lang)
        rate = len(blocks) / (time.perf_counter() - start)
        print(f"{name:18} {right:>5} / {len(CASES):<5} {rate:>10.0f}")
        for text, expected in CASES:
            got = split(text, guess_lang(text))
            if got != expected:
                print(f"    {name} splits {text!r} as {got}")


if __name__ == "__main__":
    main()
