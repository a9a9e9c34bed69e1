"""Layout: pages that end on a heading or an introduction, or hold only a statement's short
ending, with the assembler's keep-with-next rules off and on.

    .venv/bin/python bench/layout.py [--split tune|holdout] [--papers a5,a4,letter]

Statements: the originals of the alignment corpus (/work/corpora/alignment: fictional
statements in Spanish and English; each case's expected.json names its split), built as the
Spanish and the English collection on each paper. "off" keeps only `list-continues` (so the
text is set the same); "on" is what `statements build` does. Counted from pdftotext, page by
page, after the contents:

- stranded: a page that continues a statement and holds at most two lines of it (a closing
  line or a signature alone on a page);
- dangling: a page that continues on the next one and whose last line ends a heading or an
  introduction (a short paragraph ending in a colon, "We demand:");
- pages: the books' length, the price of moving blocks.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from itertools import pairwise
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import ROOT, machine, table  # noqa: E402

CORPUS = Path("/work/corpora/alignment")


def cases(split: str) -> list[Path]:
    found = []
    for case in sorted(CORPUS.iterdir()):
        expected = case / "expected.json"
        if expected.is_file() and json.loads(expected.read_text())["split"] == split:
            found.append(case / "original.md")
    return found


def endings(originals: list[Path]) -> list[str]:
    """Texts a page must not end on: headings and introductions."""
    from pipeline.publish.assemble import INTRO_MAX
    from pipeline.text.markdown import parse_blocks, split_front_matter

    out = []
    for path in originals:
        _, body = split_front_matter(path.read_text(encoding="utf-8"))
        for block in parse_blocks(body):
            text = block.plain.replace("*", "")
            if block.kind == "heading" or (text.endswith(":") and len(text) <= INTRO_MAX):
                out.append(text)
    return out


def page_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    pages = [p[:-1] if p and p[-1].isdigit() else p for p in pages if p]  # page numbers off
    first = next(i for i, p in enumerate(pages) if p and p[0] in ("Contents", "Índice")) + 1
    return pages[first:]


def count(pdf: Path, tails: list[str]) -> tuple[int, int, int]:
    pages = page_lines(pdf)

    def opens(page: list[str]) -> bool:  # a statement's first page, or the colophon's
        return any("· Original:" in line for line in page) or page[0] in ("Colophon", "Colofón")

    stranded = sum(1 for p in pages if len(p) <= 2 and not opens(p))
    dangling = 0
    for page, following in pairwise(pages):
        last = page[-1]
        if not opens(following) and len(last) >= 4 and any(t.endswith(last) for t in tails):
            dangling += 1
    return len(pages), stranded, dangling


def build(originals: list[Path], paper: str, rules: bool, out: Path) -> dict[str, Path]:
    from pipeline.publish import BuildOptions, assemble
    from pipeline.publish import build as run
    from pipeline.workspace import Workspace

    ws = out / "ws"
    if not ws.exists():
        (ws / "originals").mkdir(parents=True)
        for path in originals:
            shutil.copy(path, ws / "originals" / f"{path.parent.name}.md")
    keep = assemble.layout_classes

    def lists_only(blocks):  # type: ignore[no-untyped-def]
        return [[c for c in classes if c == assemble.LIST_CONTINUES] for classes in keep(blocks)]

    target = out / f"{paper}-{'on' if rules else 'off'}"
    with mock.patch.object(assemble, "layout_classes", keep if rules else lists_only):
        result = run(Workspace(ws), BuildOptions(formats=("pdf",), paper=paper, output=target))
    return {p.stem: p for p in result.files}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="tune", choices=("tune", "holdout"))
    parser.add_argument("--papers", default="a5,a4,letter")
    args = parser.parse_args()
    originals = cases(args.split)
    tails = endings(originals)
    rows = []
    totals = {False: [0, 0, 0], True: [0, 0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for paper in args.papers.split(","):
            for rules in (False, True):
                for name, pdf in build(originals, paper, rules, Path(tmp)).items():
                    if name.count("-") > 1:
                        continue  # collections only: the originals have no translations
                    figures = count(pdf, tails)
                    totals[rules] = [a + b for a, b in zip(totals[rules], figures, strict=True)]
                    rows.append([paper, name, "on" if rules else "off", *map(str, figures)])
    for rules in (False, True):
        rows.append(["all", "", "on" if rules else "off", *map(str, totals[rules])])
    print(machine())
    print(f"split: {args.split} ({len(originals)} statements, {len(tails)} headings and introductions)")
    print(table(["paper", "book", "rules", "pages", "stranded", "dangling"], rows))


if __name__ == "__main__":
    assert ROOT.is_dir()
    main()
