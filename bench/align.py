"""Aligning human translations: blocks paired right and sentences cut, on tests/data/alignment.

    .venv/bin/python bench/align.py                    # every split, with Apertium and with no engine
    .venv/bin/python bench/align.py --split tune -v    # the tune split, every wrong block shown

For each case the original's prose blocks and the translation (read as `statements align`
reads it) go through `pipeline.interchange.pairing.pair`. A block is paired right when the
text it receives equals the corpus' `expected` text (emphasis asterisks removed, whitespace
collapsed), or when both are empty. A sentence is cut when a block's text begins or ends
anywhere but at a sentence end or a paragraph break of the translation. The title line counts
as one more block (`blocks` and `right` include it; `titles` shows it apart). `reviewed` is
how many pairs score at least the threshold (stored `reviewed`; the others `edited`), and
`wrong` how many of those are wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import ROOT  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "alignment"


def norm(text: str | None) -> str:
    return " ".join((text or "").replace("*", "").split())


@dataclass
class Tally:
    blocks: int = 0  # original blocks, and the title line as one more per case
    right: int = 0
    titles_right: int = 0
    cut: int = 0
    reviewed: int = 0  # pairs at or above the threshold
    reviewed_wrong: int = 0
    cases: int = 0
    seconds: float = 0.0
    wrong: list[str] = field(default_factory=list)


def cases(split: str) -> list[Path]:
    out = []
    for folder in sorted(CORPUS.iterdir()):
        path = folder / "expected.json"
        if path.is_file() and (split == "all" or json.loads(path.read_text())["split"] == split):
            out.append(folder)
    return out


def is_cut(text: str, paragraphs: list[str]) -> bool:
    """Whether `text` starts or ends inside a sentence wherever it occurs in the translation."""
    text = norm(text)
    found = False
    for para in paragraphs:
        start = para.find(text)
        while start >= 0:
            found = True
            end = start + len(text)
            head_ok = start == 0 or re.search(r"[.!?…:;][\"'”’»)\]]*\s$", para[:start]) is not None
            tail_ok = end == len(para) or re.search(r"[.!?…:;][\"'”’»)\]]*$", text) is not None
            if head_ok and tail_ok:
                return False
            start = para.find(text, start + 1)
    return found  # not found at all: it spans paragraphs, and its sentences are checked one by one


def run_case(folder: Path, translator_for: Callable[[str, str], Callable[[list[str]], list[str]] | None],
             tally: Tally, verbose: bool) -> None:  # fmt: skip
    from pipeline.interchange.align import THRESHOLD, read_translation
    from pipeline.interchange.pairing import TITLE, pair
    from pipeline.text.markdown import parse_blocks, split_front_matter

    expected = json.loads((folder / "expected.json").read_text())
    meta, body = split_front_matter((folder / "original.md").read_text())
    blocks = parse_blocks(body)
    translation_path = next(folder.glob("translation.*"))
    tblocks, _hints = read_translation(translation_path)
    src, tgt = expected["source_lang"], expected["target_lang"]
    start = time.perf_counter()
    result = pair(
        [b for b in blocks if b.is_prose],
        str(meta.get("title") or ""),
        tblocks,
        src,
        tgt,
        translator_for(src, tgt),
    )
    tally.seconds += time.perf_counter() - start
    tally.cases += 1
    paragraphs = [norm(b.text) for b in tblocks]
    got = {index: p for index, p in result.pairs.items()}
    rows = [(TITLE, "(title)", expected["title"])] + [
        (b.index, e["source"], e["expected"]) for b, e in zip(blocks, expected["blocks"], strict=True)
    ]
    for index, source, want in rows:
        have = got.get(index)
        tally.blocks += 1
        ok = norm(have.text if have else None) == norm(want)
        tally.right += ok
        tally.titles_right += ok and index == TITLE
        if have is not None:
            cut = any(is_cut(result.sentences[k].text, paragraphs) for k in have.sentences) or is_cut(
                have.text, paragraphs
            )
            tally.cut += cut
            if have.score >= THRESHOLD:
                tally.reviewed += 1
                tally.reviewed_wrong += not ok
        if not ok and verbose:
            score = f"{have.score:.2f}" if have else "-"
            tally.wrong.append(
                f"{folder.name} [{index}] {source[:50]!r}\n    want: {norm(want)[:110]!r}\n"
                f"    got ({score}): {norm(have.text if have else None)[:110]!r}"
            )


def apertium(src: str, tgt: str) -> Callable[[list[str]], list[str]]:
    from pipeline.translate import engines

    engine = engines.create("apertium")
    engine.require(src, tgt)
    return lambda texts: engine.run_batch(texts, src, tgt)


def chance_tables() -> None:
    """How much of a sentence is found, by chance, in unrelated text of a given length: the
    CHANCE_MT and CHANCE_RAW tables of pairing.py. Tune split only: sentences of one case's
    translation searched in another case's machine translation (MT) or original (RAW)."""
    import random
    import statistics

    from pipeline.interchange.pairing import char_ngrams, contained, plain
    from pipeline.text.segment import sentences

    docs = []
    for folder in cases("tune"):
        expected = json.loads((folder / "expected.json").read_text())
        src, tgt = expected["source_lang"], expected["target_lang"]
        originals = [plain(b["source"]) for b in expected["blocks"]]
        said = [s for b in expected["blocks"] if b["expected"] for s in sentences(norm(b["expected"]))]
        docs.append((tgt, " ".join(apertium(src, tgt)(originals)), " ".join(originals), said))
    rng = random.Random(1)
    print(f"{'length':>6} {'MT':>6} {'RAW':>6}")
    for length in (50, 100, 200, 400, 800, 1600):
        found: dict[str, list[float]] = {"mt": [], "raw": []}
        while len(found["mt"]) < 400:
            a, b = rng.sample(docs, 2)
            if a[0] != b[0]:
                continue
            sentence = char_ngrams(rng.choice(a[3]))
            for key, text in (("mt", b[1]), ("raw", b[2])):
                start = rng.randrange(0, max(1, len(text) - length))
                found[key].append(contained(sentence, char_ngrams(text[start : start + length])))
        print(f"{length:6} {statistics.mean(found['mt']):6.3f} {statistics.mean(found['raw']):6.3f}")


def long_document() -> None:
    """Speed on one long text: every Spanish original of the tune split run together (about
    120 blocks), against all their translations run together."""
    from pipeline.interchange.align import read_translation
    from pipeline.interchange.pairing import pair
    from pipeline.model import Block
    from pipeline.text.markdown import parse_blocks, split_front_matter

    blocks: list[Block] = []
    translation: list[Block] = []
    for folder in cases("tune"):
        if json.loads((folder / "expected.json").read_text())["source_lang"] != "es":
            continue
        _meta, body = split_front_matter((folder / "original.md").read_text())
        blocks += [b for b in parse_blocks(body) if b.is_prose]
        translation += read_translation(next(folder.glob("translation.*")))[0]
    blocks = [Block(i, b.kind, b.prefix, b.text) for i, b in enumerate(blocks)]
    chars = sum(len(b.plain) for b in blocks)
    print(f"{len(blocks)} blocks ({chars} characters), {len(translation)} translation paragraphs")
    for label, translator in (("apertium", apertium("es", "en")), ("none", None)):
        start = time.perf_counter()
        result = pair(blocks, "Título", translation, "es", "en", translator)
        print(f"  {label:9} {time.perf_counter() - start:5.1f} s, {len(result.pairs)} pairs")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["tune", "holdout", "all"], default=None)
    parser.add_argument("--engine", choices=["apertium", "none", "both"], default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every wrong block")
    parser.add_argument("--chance", action="store_true", help="print the chance-containment tables and stop")
    parser.add_argument("--long", action="store_true", help="time one long document and stop")
    args = parser.parse_args()
    if args.chance:
        chance_tables()
        return
    if args.long:
        long_document()
        return
    splits = [args.split] if args.split else ["tune", "holdout", "all"]
    modes: dict[str, Callable[[str, str], Callable[[list[str]], list[str]] | None]] = {}
    if args.engine in ("apertium", "both"):
        modes["apertium"] = apertium
    if args.engine in ("none", "both"):
        modes["none (anchors, n-grams, length)"] = lambda _s, _t: None
    print(f"{'split':8} {'evidence':34} {'cases':>5} {'blocks':>6} {'right':>6} {'%':>6} {'titles':>6} {'cut':>4} "
          f"{'reviewed':>8} {'wrong':>5} {'s/case':>6}")  # fmt: skip
    for split in splits:
        for label, make in modes.items():
            tally = Tally()
            for folder in cases(split):
                run_case(folder, make, tally, args.verbose)
            pct = 100 * tally.right / max(1, tally.blocks)
            print(
                f"{split:8} {label:34} {tally.cases:5} {tally.blocks:6} {tally.right:6} {pct:6.1f} "
                f"{tally.titles_right:3}/{tally.cases:<2} {tally.cut:4} "
                f"{tally.reviewed:8} {tally.reviewed_wrong:5} {tally.seconds / max(1, tally.cases):6.2f}"
            )
            for line in tally.wrong:
                print("  " + line)


if __name__ == "__main__":
    main()
