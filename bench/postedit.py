"""The glossary and post-editing: findings before and after, spans restored, and what they cost.

    .venv/bin/python bench/postedit.py [--corpus /work/corpora/fidelity] [--runs 5]

1. Findings of the fidelity checks (pipeline/review/checks) on Apertium's output, per kind,
   before and after post-editing: on the sample workspace (with its glossary.csv), and on the
   fidelity corpus's originals (with the corpus glossary), per split. The glossary is
   enforced in both runs, so the difference is post-editing's alone. Also, per split: of the
   blocks whose original holds a glossary term, how many translations carry the term's
   target text, without the glossary and with it.
2. Glossary spans protected and restored intact: Apertium on the corpus, and the tiny Argos
   package (random weights: it mangles every placeholder) with and without Apertium as the
   fallback. This exercises the mechanism; it says nothing about a real Argos model.
3. The cost in translation time: the corpus translated by Apertium in a fresh workspace,
   with neither glossary nor post-editing and with both, in alternating rounds (medians);
   and the time protect/restore/post-edit themselves take, against that run. Goal: < 5%.

The post-editing rules were written looking at Apertium's output for the tune split only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="statements-postedit-"))
os.environ["ARGOS_PACKAGES_DIR"] = str(TMP / "argos")  # no real model is consulted by accident

from _common import machine, table  # noqa: E402

from pipeline.glossary import load as load_glossary  # noqa: E402
from pipeline.review.checks import CHECKS, check_pair  # noqa: E402
from pipeline.store import load as load_alignment  # noqa: E402
from pipeline.translate import Options, translate  # noqa: E402
from pipeline.translate.protect import Matcher  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402

KINDS = list(CHECKS)


def corpus_workspace(corpus: Path, folder: Path, with_glossary: bool = True) -> dict[str, str]:
    """The corpus's originals as a workspace (one statement per pair); returns slug → split."""
    (folder / "originals").mkdir(parents=True)
    splits = {}
    for path in sorted((corpus / "pairs").glob("*.json")):
        pair = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(b["source"] for b in pair["blocks"])
        title = json.dumps(pair["title"]["source"], ensure_ascii=False)
        (folder / "originals" / f"{pair['id']}.md").write_text(
            f"---\ntitle: {title}\nlang: {pair['source_lang']}\n---\n\n{body}\n", encoding="utf-8"
        )
        splits[pair["id"]] = pair["split"]
    if with_glossary:
        shutil.copy(corpus / "glossary.csv", folder / "glossary.csv")
    return splits


def sample_workspace(folder: Path, with_glossary: bool = True) -> dict[str, str]:
    shutil.copytree(ROOT / "originals", folder / "originals")
    if with_glossary and (ROOT / "glossary.csv").exists():
        shutil.copy(ROOT / "glossary.csv", folder / "glossary.csv")
    return {p.stem: "sample" for p in (folder / "originals").glob("*.md")}


def translated_blocks(ws: Workspace, splits: dict[str, str]) -> list[tuple[str, str, Any, str, str]]:
    """(split, slug, block, source_lang, target_lang) of every machine-translated block."""
    out = []
    for lang in ("es", "en"):
        for slug, split in splits.items():
            alignment = load_alignment(ws, lang, slug)
            if alignment is None:
                continue
            for block in [alignment.title, *alignment.blocks]:
                if "kept" not in block.flags and block.machine:
                    out.append((split, slug, block, alignment.source_lang, alignment.target_lang))
    return out


def findings(ws: Workspace, splits: dict[str, str]) -> dict[str, Counter[str]]:
    per_split: dict[str, Counter[str]] = {}
    for split, slug, block, sl, tl in translated_blocks(ws, splits):
        counts = per_split.setdefault(split, Counter())
        counts["blocks"] += 1
        for finding in check_pair(slug, tl, block.index, block.source, block.machine, sl, tl):
            counts[finding.check] += 1
    return per_split


def terms_respected(
    ws: Workspace, glossary_ws: Workspace, splits: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """Per split: blocks whose source holds a glossary term, and how many carry every target term."""
    terms = load_glossary(glossary_ws)
    matchers: dict[tuple[str, str], Matcher] = {}
    out: dict[str, list[int]] = {}
    for split, _slug, block, sl, tl in translated_blocks(ws, splits):
        if (sl, tl) not in matchers:
            matchers[(sl, tl)] = Matcher(terms, sl, tl)
        matcher = matchers[(sl, tl)]
        wanted = matcher.terms_in(block.source)
        if not wanted:
            continue
        counts = out.setdefault(split, [0, 0])
        counts[0] += 1
        counts[1] += all(target.casefold() in block.machine.casefold() for _, target in wanted)
    return {split: (n, ok) for split, (n, ok) in out.items()}


def run(folder: Path, make: Any, postedit: bool, engine: str = "apertium") -> tuple[Workspace, Any]:
    shutil.rmtree(folder, ignore_errors=True)
    splits = make(folder)
    ws = Workspace.at(folder)
    summary = translate(ws, [], None, Options(engine=engine, postedit=postedit))
    return ws, (splits, summary)


def section_findings(corpus: Path) -> None:
    print("\n## 1. Findings per kind on Apertium's output, before → after post-editing\n")
    sources = [
        ("sample", lambda f: sample_workspace(f)),
        ("corpus", lambda f: corpus_workspace(corpus, f)),
    ]
    for label, make in sources:
        before_ws, (splits, _) = run(TMP / f"{label}-before", make, postedit=False)
        after_ws, _ = run(TMP / f"{label}-after", make, postedit=True)
        before, after = findings(before_ws, splits), findings(after_ws, splits)
        rows = []
        for split in sorted(before, key=lambda s: ("sample", "tune", "holdout").index(s)):
            b, a = before[split], after[split]
            cells = [f"{b[k]} → {a[k]}" for k in KINDS]
            total_b, total_a = sum(b[k] for k in KINDS), sum(a[k] for k in KINDS)
            rows.append([f"{label} {split}", b["blocks"], *cells, f"{total_b} → {total_a}"])
        print(table(["", "blocks", *KINDS, "all"], rows))
        if label == "corpus":
            bare_ws, _ = run(
                TMP / "corpus-bare", lambda f: corpus_workspace(corpus, f, with_glossary=False), True
            )
            without = terms_respected(bare_ws, after_ws, splits)
            withit = terms_respected(after_ws, after_ws, splits)
            print("\nGlossary terms carried into the translation (blocks whose original holds a term):\n")
            print(
                table(
                    ["split", "blocks with a term", "all terms there, no glossary", "with the glossary"],
                    [
                        [s, n, f"{without[s][1]}", f"{withit[s][1]}"]
                        for s, (n, _) in sorted(
                            without.items(), key=lambda i: ("tune", "holdout").index(i[0])
                        )
                    ],
                )
            )


def section_spans(corpus: Path) -> None:
    from pipeline.translate import engines
    from pipeline.translate.engines.argos_packages import install_file
    from tests.tiny_argos import build_package

    print("\n## 2. Glossary spans protected and restored intact\n")
    rows = []
    _, (_, summary) = run(TMP / "spans-apertium", lambda f: corpus_workspace(corpus, f), True)
    g = summary.glossary
    rows.append(["Apertium, corpus", g["protected"], g["mangled"], g["restored"], "-"])
    os.environ["STATEMENTS_MAX_DECODING_LENGTH"] = "12"
    for source, target in (("es", "en"), ("en", "es")):
        install_file(build_package(TMP / "tiny", source, target))
    folder = TMP / "spans-argos"
    shutil.rmtree(folder, ignore_errors=True)
    corpus_workspace(corpus, folder)
    ws = Workspace.at(folder)
    every = {p.stem: "" for p in (folder / "originals").glob("*.md")}

    def flagged() -> int:
        return sum("glossary" in block.flags for _, _, block, _, _ in translated_blocks(ws, every))

    with engines.fallback_disabled():
        alone = translate(ws, [], None, Options(engine="argos")).glossary
    rows.append(["tiny Argos alone", alone["protected"], alone["mangled"], alone["restored"], flagged()])
    shutil.rmtree(folder / "translations")
    fallback = translate(ws, [], None, Options(engine="argos")).glossary
    rows.append(
        [
            "tiny Argos, Apertium as fallback",
            fallback["protected"],
            fallback["mangled"],
            fallback["restored"],
            flagged(),
        ]
    )
    print(
        table(
            [
                "engine",
                "spans protected",
                "mangled (no engine restored them)",
                "restored intact",
                "blocks flagged",
            ],
            rows,
        )
    )


def section_cost(corpus: Path, runs: int) -> None:
    from pipeline.translate import protect
    from pipeline.translate.postedit import postedit

    print("\n## 3. Cost in translation time (Apertium, the whole corpus, fresh workspace each run)\n")
    plain: list[tuple[float, float]] = []
    enforced: list[tuple[float, float]] = []
    for i in range(runs):
        order = [(False, plain), (True, enforced)] if i % 2 == 0 else [(True, enforced), (False, plain)]
        for on, times in order:
            folder = TMP / "cost"
            shutil.rmtree(folder, ignore_errors=True)
            corpus_workspace(corpus, folder, with_glossary=on)
            start, cpu = time.perf_counter(), time.process_time()
            translate(Workspace.at(folder), [], None, Options(engine="apertium", postedit=on))
            times.append((time.perf_counter() - start, time.process_time() - cpu))
    base, full = statistics.median(t for t, _ in plain), statistics.median(t for t, _ in enforced)
    base_cpu, full_cpu = statistics.median(c for _, c in plain), statistics.median(c for _, c in enforced)
    # The work itself, isolated from Apertium's run-to-run noise: every block of the last run.
    ws = Workspace.at(TMP / "cost")
    terms = load_glossary(ws)
    blocks = translated_blocks(ws, {p.stem: "" for p in (TMP / "cost" / "originals").glob("*.md")})
    start = time.perf_counter()
    for _ in range(runs):
        matchers: dict[tuple[str, str], protect.Matcher] = {}
        for _, _, block, sl, tl in blocks:
            if (sl, tl) not in matchers:
                matchers[(sl, tl)] = protect.Matcher(terms, sl, tl)
            matcher = matchers[(sl, tl)]
            sent = matcher.protect(block.source)
            matcher.terms_in(block.source)
            text, _ = postedit(block.machine, block.source, sl, tl)
            protect.restore(text, sent, tl)
    work = (time.perf_counter() - start) / runs
    print(
        table(
            [
                "",
                f"wall seconds (median of {runs})",
                "vs neither",
                "this process's CPU seconds",
                "vs neither",
            ],
            [
                ["neither glossary nor post-editing", f"{base:.2f}", "-", f"{base_cpu:.2f}", "-"],
                [
                    "glossary and post-editing",
                    f"{full:.2f}",
                    f"{(full - base) / base:+.1%}",
                    f"{full_cpu:.2f}",
                    f"{(full_cpu - base_cpu) / base:+.1%}",
                ],
                ["protect, restore and post-edit alone", f"{work:.3f}", f"{work / base:+.1%}", "", ""],
            ],
        )
    )
    walls = "; ".join(
        f"{label} {', '.join(f'{t:.2f}' for t, _ in times)}"
        for label, times in (("neither", plain), ("both", enforced))
    )
    print(f"\n{len(blocks)} blocks. Wall seconds per run: {walls}.")
    print("Apertium runs in child processes: this process's CPU time is the pipeline's own work (its")
    print("difference is shown as a share of the wall time of a run without either).")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/fidelity"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["findings", "spans", "cost"])
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    try:
        if args.only in (None, "findings"):
            section_findings(args.corpus)
        if args.only in (None, "spans"):
            section_spans(args.corpus)
        if args.only in (None, "cost"):
            section_cost(args.corpus, args.runs)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
