"""`statements glossary suggest` on the fidelity corpus: precision and recall per split.

    .venv/bin/python bench/glossary_suggest.py [--corpus /work/corpora/fidelity] [--show tune]

For each statement of the corpus, the names and acronyms the suggester finds in its original
(its blocks: suggest does not read titles) are compared with what its clean human translation and the corpus
glossary (`glossary.csv`, the terms those translations respect) did with them:

- a suggestion is right when the translator kept it as written (it appears verbatim in the
  translation) or it is a term of the corpus glossary;
- the names to find are the corpus glossary's terms (capitalised ones, and names never
  translated) that occur in the original, and the acronyms the translator kept.

Precision = right suggestions / suggestions; recall = names found / names to find. Printed
per split (tune, holdout); `--show tune` lists the wrong and missed items of the tune split
(never look at the held-out ones while tuning).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.text.names import acronyms, names  # noqa: E402


def load(corpus: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    pairs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((corpus / "pairs").glob("*.json"))]
    with (corpus / "glossary.csv").open(encoding="utf-8") as f:
        terms = [(row["es"], row["en"]) for row in csv.DictReader(f)]
    return pairs, terms


def _contains(text: str, item: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text) is not None


def score(pairs: list[dict], terms: list[tuple[str, str]], show: str | None) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for split in ("tune", "holdout"):
        right = wrong = found = wanted = 0
        wrong_items: list[str] = []
        missed: list[str] = []
        for pair in (p for p in pairs if p["split"] == split):
            sl = pair["source_lang"]
            source = "\n".join(u["source"] for u in pair["blocks"])
            target = "\n".join(u["target"] for u in [pair["title"], *pair["blocks"]])
            glossary = {t[0 if sl == "es" else 1] for t in terms}
            proposed: set[str] = set()
            for unit in pair["blocks"]:  # as `glossary suggest` reads a statement: its body, not its title
                proposed |= set(names(unit["source"])) | set(acronyms(unit["source"]))
            for item in sorted(proposed):
                good = _contains(target, item) or any(item.casefold() == g.casefold() for g in glossary)
                right += good
                wrong += not good
                if not good:
                    wrong_items.append(f"{pair['id']}: {item}")
            gold = {
                t[0 if sl == "es" else 1]
                for t in terms
                if (t[0] == t[1] or t[0 if sl == "es" else 1][0].isupper())
                and _contains(source, t[0 if sl == "es" else 1])
            }
            for unit in pair["blocks"]:
                gold |= {a for a in acronyms(unit["source"]) if _contains(target, a)}
            hits = {g for g in gold if g in proposed}
            found += len(hits)
            wanted += len(gold)
            missed += [f"{pair['id']}: {g}" for g in sorted(gold - hits)]
        precision = right / (right + wrong) if right + wrong else 0.0
        recall = found / wanted if wanted else 0.0
        out[split] = {"suggestions": right + wrong, "precision": precision, "names": wanted, "recall": recall}
        if show == split:
            print(f"-- {split}: wrong suggestions", *wrong_items, f"-- {split}: missed", *missed, sep="\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/fidelity"))
    parser.add_argument("--show", choices=["tune"], help="list the tune split's wrong and missed items")
    args = parser.parse_args()
    pairs, terms = load(args.corpus)
    result = score(pairs, terms, args.show)
    print("| split | suggestions | precision | names to find | recall |")
    print("|---|---|---|---|---|")
    for split, r in result.items():
        print(
            f"| {split} | {r['suggestions']:.0f} | {r['precision']:.0%} | {r['names']:.0f} | {r['recall']:.0%} |"
        )


if __name__ == "__main__":
    main()
