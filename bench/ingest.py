"""Ingest on the web-copy corpus: what `add` keeps and finds, per split, against trafilatura alone.

    .venv/bin/python bench/ingest.py                  # the table, every split
    .venv/bin/python bench/ingest.py --split tune --show   # and each tune case's misses

The corpus is tests/data/webcopies/ (README-a.md, README-b.md): each case is an input
(.txt pasted page, e-mail or PDF text; .html saved page) and a .json with what a careful
editor extracts: title, date, author, body lines, clutter lines, and its split. Tune only
on `tune`; `holdout` is for reporting, and `--show` never prints a held-out case.

Figures, per split (lines are counted over all cases of the split):
- clutter removed: clutter lines of the input that are not in the output (recall), plus
  copies of the title or of a body line that the page repeats in widgets (a repeat that is
  kept counts as clutter kept);
- body kept: body lines found whole in the output (a line merged with clutter is lost);
- kept precision: output lines that are body lines;
- title, date, author: exact (an expected null must be left empty);
- sentences lost: body sentences found nowhere in the output text (goal 0);
- rejects: pages with no statement that are refused.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "webcopies"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(CORPUS))

from check_corpus import segments  # noqa: E402

from pipeline.errors import PipelineError  # noqa: E402
from pipeline.text.markdown import parse_blocks, strip_inline  # noqa: E402

_MARK = re.compile(r"^(?:>\s?)*(?:[-*+•·▪►✅\uf0b7]\s+|\d{1,2}[.)]\s+)?")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”»)]?\s+(?=[\"“«¡¿(]?[A-ZÁÉÍÓÚÑ])")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = re.sub(r"<((?:https?://|mailto:)?[^<>\s]+)>", r"\1", text)  # Markdown autolinks
    text = re.sub(r"\\$", "", text.strip())  # a hard line break
    return " ".join(text.split())


@dataclass
class Case:
    id: str
    path: Path
    expect: dict[str, Any]

    @property
    def split(self) -> str:
        return str(self.expect["split"])

    def input_lines(self) -> list[str]:
        text = self.path.read_text(encoding="utf-8")
        if self.path.suffix == ".html":
            return [norm(s) for s in segments(text).segs]
        return [
            norm(_MARK.sub("", line.strip()))
            for line in text.replace("\f", "\n").splitlines()
            if line.strip()
        ]


@dataclass
class Outcome:
    rejected: bool
    title: str | None = None
    date: str | None = None
    author: str | None = None
    units: list[list[str]] = field(default_factory=list)  # each output block: its text, its lines
    text: str = ""


@dataclass
class Score:
    cases: int = 0
    clutter: int = 0
    clutter_kept: int = 0
    body: int = 0
    body_kept: int = 0
    kept: int = 0
    kept_body: int = 0
    title: int = 0
    date: int = 0
    author: int = 0
    sentences: int = 0
    sentences_lost: int = 0
    rejects: int = 0
    rejects_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)


def load_cases() -> list[Case]:
    cases = []
    for jp in sorted(CORPUS.glob("*.json")):
        inputs = [p for p in CORPUS.glob(jp.stem + ".*") if p.suffix in (".txt", ".html")]
        cases.append(Case(jp.stem, inputs[0], json.loads(jp.read_text(encoding="utf-8"))))
    return cases


def run_statements(case: Case) -> Outcome:
    from pipeline.ingest import ingest, read_source

    try:
        with contextlib.redirect_stderr(io.StringIO()):
            result = ingest(read_source(str(case.path)))
    except PipelineError:
        return Outcome(rejected=True)
    units = []
    for block in parse_blocks(result.body):
        # A hard line break ("\\" at a line's end) separates lines a page shows apart.
        for part in re.split(r"\\\n|\n\s*\n", block.text):
            lines = [norm(strip_inline(x)) for x in part.split("\n") if x.strip()]
            whole = norm(strip_inline(part))
            if whole:
                units.append(list(dict.fromkeys([whole, *lines])))
    meta = result.meta
    return Outcome(
        False,
        meta.get("title") or None,
        str(meta["date"]) if meta.get("date") else None,
        meta.get("author") or None,
        units,
        norm(strip_inline(result.body)),
    )


def run_trafilatura(case: Case) -> Outcome:
    import trafilatura

    doc = trafilatura.bare_extraction(
        case.path.read_text(encoding="utf-8"), with_metadata=True, include_comments=False
    )
    if doc is None or not (doc.text or "").strip():
        return Outcome(rejected=True)
    lines = [norm(_MARK.sub("", x)) for x in doc.text.split("\n") if x.strip()]
    return Outcome(False, doc.title, doc.date, doc.author, [[x] for x in lines], norm(doc.text))


def score(case: Case, out: Outcome) -> Score:
    e = case.expect
    s = Score(cases=1)
    body = [norm(b) for b in e["body"]]
    clutter = [norm(c) for c in e["clutter"]]
    title = norm(e["title"]) if e["title"] else None
    # Copies of the title and body lines that the page repeats outside the statement.
    counts = Counter(case.input_lines())
    repeats = sum(max(0, counts[t] - 1) for t in {*body, *([title] if title else [])})
    s.clutter = len(clutter) + repeats
    s.body = len(body)
    if e.get("reject"):
        s.rejects = 1
        s.rejects_right = int(out.rejected)
    sentences = [x for b in body for x in _SENTENCE.split(b) if len(x.split()) >= 3]
    s.sentences = len(sentences)
    if out.rejected:
        s.sentences_lost = len(sentences)
        s.title = int(title is None)
        s.date = int(e["date"] is None)
        s.author = int(e["author"] is None)
        if body:
            s.misses.append("rejected, but it is a statement")
        return s
    free = list(range(len(out.units)))
    for b in body:
        hit = next((i for i in free if b in out.units[i]), None)
        if hit is None:
            s.misses.append(f"body lost: {b[:90]}")
            continue
        free.remove(hit)
        s.body_kept += 1
    s.kept = len(out.units)
    s.kept_body = s.body_kept
    extra = [out.units[i] for i in free]
    for c in clutter:
        if any(c in unit or (len(c.split()) >= 4 and c in unit[0]) for unit in extra):
            s.clutter_kept += 1
            s.misses.append(f"clutter kept: {c[:90]}")
    repeated = [u[0] for u in extra if u[0] == title or u[0] in body]
    s.clutter_kept += min(len(repeated), repeats)
    s.misses += [f"repeat kept: {r[:90]}" for r in repeated[:repeats]]
    for x in sentences:
        if norm(x) not in out.text:
            s.sentences_lost += 1
            s.misses.append(f"sentence lost: {x[:90]}")
    for name in ("title", "date", "author"):
        want, got = e[name], getattr(out, name)
        right = (want or None) == (got or None)
        setattr(s, name, int(right))
        if not right:
            s.misses.append(f"{name}: {got!r}, expected {want!r}")
    if e.get("reject") and not out.rejected:
        s.misses.append("not rejected: the page holds no statement")
    return s


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    –"


def row(name: str, s: Score) -> str:
    return (
        f"| {name} | {s.cases} | {pct(s.clutter - s.clutter_kept, s.clutter)} ({s.clutter - s.clutter_kept}/{s.clutter}) "
        f"| {pct(s.body_kept, s.body)} ({s.body_kept}/{s.body}) | {pct(s.kept_body, s.kept)} "
        f"| {pct(s.title, s.cases)} | {pct(s.date, s.cases)} | {pct(s.author, s.cases)} "
        f"| {s.sentences_lost}/{s.sentences} | {s.rejects_right}/{s.rejects} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["tune", "holdout", "all"], default="all")
    parser.add_argument("--show", action="store_true", help="print each tune case's misses")
    parser.add_argument("--case", help="only cases whose id contains this (tune cases only)")
    parser.add_argument("--show-trafilatura", action="store_true", help="with --show: trafilatura's misses")
    args = parser.parse_args()
    cases = load_cases()
    splits = ["tune", "holdout"] if args.split == "all" else [args.split]
    if args.case:
        cases = [c for c in cases if args.case in c.id and c.split == "tune"]
    print(
        "| split | system | cases | clutter removed | body kept | kept precision | title | date | author "
        "| sentences lost | rejects |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for split in splits:
        chosen = [c for c in cases if c.split == split]
        if not chosen:
            continue
        html = [c for c in chosen if c.path.suffix == ".html"]
        done: dict[tuple[str, str], Outcome] = {}
        for label, group, runner in (
            ("statements, all", chosen, run_statements),
            ("statements, html", html, run_statements),
            ("statements, text", [c for c in chosen if c.path.suffix != ".html"], run_statements),
            ("trafilatura alone, html", html, run_trafilatura),
        ):
            total = Score()
            for case in group:
                key = (runner.__name__, case.id)
                if key not in done:
                    done[key] = runner(case)
                s = score(case, done[key])
                total.add(s)
                which = label.startswith("trafilatura") if args.show_trafilatura else label.endswith("all")
                if args.show and split == "tune" and which:
                    for miss in s.misses:
                        print(f"    {case.id}: {miss}", file=sys.stderr)
            print(row(f"{split} | {label}", total))


if __name__ == "__main__":
    main()
