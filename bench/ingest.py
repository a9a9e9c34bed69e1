"""Ingest on the web-copy corpus: what `add` keeps and finds, per split, against trafilatura alone.

    .venv/bin/python bench/ingest.py                  # the table, every split
    .venv/bin/python bench/ingest.py --split tune --show   # and each tune case's misses
    .venv/bin/python bench/ingest.py --trace a-01     # every line of a tune case, with its decision
    .venv/bin/python bench/ingest.py --cv             # leave-one-site-kind-out estimate on tune
    .venv/bin/python bench/ingest.py --corpus tests/data/webcopies-c   # any corpus in this format

The corpus is tests/data/webcopies/ (README-a.md, README-b.md): each case is an input
(.txt pasted page, e-mail or PDF text; .html saved page) and a .json with what a careful
editor extracts: title, date, author, body lines, clutter lines, its split and its input
kind (pasted, html, pdf-text, email). Tune only on `tune`; `holdout` is for reporting, and
`--show`, `--trace` and `--case` never touch a held-out case. `dev` cases
(tests/data/webcopies-dev/) were written by the implementer after the rules, on kinds of site
the corpus lacks: a check for gross failures on new ground, not a held-out figure. A corpus without splits
(every case, say, of a fresh held-out set) is scored as one split, "all", and never shown
case by case.

Figures, per split and per input kind (lines are counted over all cases of the group):
- clutter removed: clutter lines of the input that are not in the output (recall), plus
  copies of the title or of a body line that the page repeats in widgets (a repeat that is
  kept counts as clutter kept);
- body kept: body lines found whole in the output (a line merged with clutter is lost);
- kept precision: output lines that are body lines;
- title, date, author: exact (an expected null must be left empty);
- sentences lost: body sentences found nowhere in the output text (goal 0);
- rejects: pages with no statement that are refused.

`--cv` estimates how the rules do on a kind of site they were not written for. Each rule
listed in RULES can be switched off. For each kind of site (`site` up to its first "-":
wordpress, drupal, email, pdf, ...), a rule is kept only if it does better than its absence
on the tune cases of the *other* kinds (by the utility below, summed); that kind's cases are
then scored with the rules so chosen. A rule that only helps the kind it was written for is
thus absent when that kind is scored (a strict test: the PDF rules have only PDF cases to
prove themselves on). The same choice made leaving out one case at a time is printed too. Utility of a case: -(10 × sentences lost + 3 × body lines
lost + clutter lines kept + 3 × title wrong + 3 × date wrong + author wrong + 10 × reject wrong).
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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "webcopies"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(CORPUS))  # check_corpus.py: how the corpus cuts a saved page into blocks

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
        return str(self.expect.get("split") or "all")

    @property
    def input(self) -> str:
        kind = self.expect.get("input")
        return str(kind) if kind else ("html" if self.path.suffix == ".html" else "pasted")

    @property
    def family(self) -> str:
        return str(self.expect.get("site") or "unknown").split("-")[0]

    def input_lines(self) -> list[str]:
        text = self.path.read_text(encoding="utf-8")
        if self.path.suffix in (".html", ".htm"):
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


def load_cases(corpus: Path = CORPUS) -> list[Case]:
    cases = []
    for jp in sorted(corpus.glob("*.json")):
        inputs = [p for p in corpus.glob(jp.stem + ".*") if p.suffix in (".txt", ".html", ".htm")]
        if not inputs:
            continue
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
    clutter = [norm(c) for c in e.get("clutter") or []]
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


def trace(case: Case) -> None:
    """Each unit of a tune case as `add` sees it: kept, title or removed (why), and what the editor says."""
    from pipeline.ingest import classify, read_source

    e = case.expect
    body = {norm(b) for b in e["body"]}
    title = norm(e["title"]) if e["title"] else None
    clutter = {norm(c) for c in e["clutter"]}
    _, units, found, _, _ = classify(read_source(str(case.path)))
    for i, unit in enumerate(units):
        text = norm(unit.text)
        want = "T" if text == title else "B" if text in body else "C" if text in clutter else "?"
        got = "TITLE" if i == found.title else found.reasons.get(i, "keep")
        flag = "  " if (want == "B") == (got == "keep") and (want == "T") == (got == "TITLE") else "!!"
        print(f"{flag}{i:4} {want} {got[:22]:22} {text[:110]}")
    print(f"title={e['title']!r} date={e['date']!r} author={e['author']!r}")


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    –"


def row(name: str, s: Score) -> str:
    return (
        f"| {name} | {s.cases} | {pct(s.clutter - s.clutter_kept, s.clutter)} ({s.clutter - s.clutter_kept}/{s.clutter}) "
        f"| {pct(s.body_kept, s.body)} ({s.body_kept}/{s.body}) | {pct(s.kept_body, s.kept)} "
        f"| {pct(s.title, s.cases)} | {pct(s.date, s.cases)} | {pct(s.author, s.cases)} "
        f"| {s.sentences_lost}/{s.sentences} | {s.rejects_right}/{s.rejects} |"
    )


def utility(s: Score) -> int:
    """One number per case for choosing rules (see the module's docstring): losing text costs most."""
    return -(
        10 * s.sentences_lost
        + 3 * (s.body - s.body_kept)
        + s.clutter_kept
        + 3 * (s.cases - s.title)
        + 3 * (s.cases - s.date)
        + (s.cases - s.author)
        + 10 * (s.rejects - s.rejects_right)
    )


# Rules that `--cv` may switch off: a name, the function it replaces, and what stands in for it.
RULES: dict[str, tuple[str, Callable[..., Any]] | list[tuple[str, Callable[..., Any]]]] = {
    "pdf pages": ("pipeline.ingest.plain._depaginate", lambda lines, removed: lines),
    "e-mail quote levels": ("pipeline.ingest.plain._message_level", lambda lines, removed: lines),
    "hard-wrapped lines joined": ("pipeline.ingest.plain.wrap_width", lambda lines: 0),
    "pull quotes": ("pipeline.ingest.layout._pull_quotes", lambda *a: None),
    "menu runs": ("pipeline.ingest.layout._menu_runs", lambda *a: None),
    "byline blocks": ("pipeline.ingest.layout._byline_blocks", lambda *a: None),
    "cover notes": ("pipeline.ingest.layout._cover_notes", lambda *a: None),
    "page blocks within trafilatura's span": ("pipeline.ingest.html.within_span", lambda *a: None),
    "<br> paragraphs and typed bullets": ("pipeline.ingest.html.split_breaks", lambda markdown: markdown),
    "teaser cards": ("pipeline.ingest.layout._teaser_cards", lambda *a: None),
    "headline hangs from the article": ("pipeline.ingest.layout._detached", lambda reasons, top: -1),
    "paragraph cut by a page break": ("pipeline.ingest.plain._cut_paragraph", lambda *a: None),
    "sentences need strong evidence": ("pipeline.ingest.chrome.reads_as_sentence", lambda text: False),
    "meta lines (date with author, counters or client)": (
        "pipeline.ingest.chrome._meta_line",
        lambda text: False,
    ),
    "social post authors are no headline": [
        ("pipeline.ingest.layout._social_name", lambda units, i: False),
        ("pipeline.ingest.layout._social_author", lambda units, reasons, i: False),
    ],
    "a name over a byline is no headline": ("pipeline.ingest.layout._author_name", lambda *a: False),
    "a running header seen once echoes the letterhead": (
        "pipeline.ingest.plain._echoed_headers",
        lambda *a: None,
    ),
}


@contextlib.contextmanager
def without(names: Iterable[str]) -> Iterator[None]:
    """The pipeline with these rules switched off."""
    from pipeline.ingest import chrome

    with contextlib.ExitStack() as stack:
        for name in names:
            rule = RULES[name]
            for target, stand_in in rule if isinstance(rule, list) else [rule]:
                module, attr = target.rsplit(".", 1)
                stack.enter_context(mock.patch(f"{module}.{attr}", stand_in))
        stack.callback(_forget, chrome)
        _forget(chrome)  # line tests are cached: a rule switched off must be seen on every line
        yield


def _forget(chrome: Any) -> None:
    for cached in (chrome.reason, chrome.is_prose, chrome._profile):
        cached.cache_clear()


def scores(cases: list[Case], off: Iterable[str] = ()) -> dict[str, Score]:
    with without(off):
        return {c.id: score(c, run_statements(c)) for c in cases}


def cross_validate(cases: list[Case]) -> None:
    """Leave one kind of site out: rules chosen on the other kinds, scored on this one."""
    tune = [c for c in cases if c.split in SHOWN]
    families = sorted({c.family for c in tune})
    base = scores(tune)
    ablated = {name: scores(tune, [name]) for name in RULES}
    print("| rule | utility gained | kinds where it helps | kinds where it hurts |")
    print("|---|---|---|---|")
    gain: dict[str, dict[str, int]] = {}
    for name, result in ablated.items():
        gain[name] = {f: 0 for f in families}
        for c in tune:
            gain[name][c.family] += utility(base[c.id]) - utility(result[c.id])
        helps = ", ".join(f"{f} {g:+d}" for f, g in gain[name].items() if g > 0) or "–"
        hurts = ", ".join(f"{f} {g:+d}" for f, g in gain[name].items() if g < 0) or "–"
        print(f"| {name} | {sum(gain[name].values()):+d} | {helps} | {hurts} |")
    held: dict[str, list[str]] = {}
    by_kind = Score()
    by_case = Score()
    for family in families:
        off = [n for n in RULES if sum(g for f, g in gain[n].items() if f != family) <= 0]
        held[family] = off
        group = [c for c in tune if c.family == family]
        result = scores(group, off) if off else {c.id: base[c.id] for c in group}
        for s in result.values():
            by_kind.add(s)
    for case in tune:
        mine = {n: utility(base[case.id]) - utility(ablated[n][case.id]) for n in RULES}
        off = [n for n in RULES if sum(gain[n].values()) - mine[n] <= 0]
        by_case.add(scores([case], off)[case.id] if off else base[case.id])
    print()
    print(
        "Rules left out when a kind is scored: "
        + "; ".join(f"{f}: {', '.join(o)}" for f, o in held.items() if o)
    )
    print()
    print(HEADER)
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    fit = Score()
    for s in base.values():
        fit.add(s)
    label = "+".join(sorted({c.split for c in tune}, key=SHOWN.index))
    print(row(f"{label} | statements, all rules (fit)", fit))
    print(row(f"{label} | statements, leave one case out", by_case))
    print(row(f"{label} | statements, leave one kind of site out", by_kind))


SHOWN = ("tune", "dev")  # splits whose cases may be printed one by one; never "holdout" or "all"
HEADER = (
    "| split | system | cases | clutter removed | body kept | kept precision | title | date | author "
    "| sentences lost | rejects |"
)
INPUTS = ("pasted", "html", "pdf-text", "email")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a folder of cases (ID.json with ID.txt or ID.html); may be given more than once",
    )
    parser.add_argument("--split", choices=["tune", "holdout", "dev", "all"], default=None)
    parser.add_argument("--show", action="store_true", help="print each tune case's misses")
    parser.add_argument("--case", help="only cases whose id contains this (tune cases only)")
    parser.add_argument("--show-trafilatura", action="store_true", help="with --show: trafilatura's misses")
    parser.add_argument("--trace", help="print every unit of this tune case with its decision")
    parser.add_argument(
        "--cv", action="store_true", help="leave-one-site-kind-out estimate on the tune split"
    )
    args = parser.parse_args()
    folders = args.corpus or [CORPUS]
    cases = [case for folder in folders for case in load_cases(folder.resolve())]
    if not cases:
        sys.exit(f"{', '.join(map(str, folders))}: no cases (ID.json next to ID.txt or ID.html)")
    if args.trace:
        for case in cases:
            if args.trace in case.id and case.split in SHOWN:
                trace(case)
        return
    if args.cv:
        cross_validate(cases)
        return
    present = sorted(
        {c.split for c in cases},
        key=lambda x: (
            ("tune", "holdout", "dev", "all").index(x) if x in ("tune", "holdout", "dev", "all") else 4
        ),
    )
    splits = present if args.split is None else [args.split]
    if args.case:
        cases = [c for c in cases if args.case in c.id and c.split in SHOWN]
    print(HEADER)
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for split in splits:
        chosen = [c for c in cases if c.split == split]
        if not chosen:
            continue
        html = [c for c in chosen if c.input == "html"]
        done: dict[tuple[str, str], Outcome] = {}
        groups: list[tuple[str, list[Case], Callable[[Case], Outcome]]] = [
            ("statements, all", chosen, run_statements)
        ]
        groups += [
            (f"statements, {kind}", [c for c in chosen if c.input == kind], run_statements) for kind in INPUTS
        ]
        groups += [("trafilatura alone, html", html, run_trafilatura)]
        for label, group, runner in groups:
            if not group:
                continue
            total = Score()
            for case in group:
                key = (runner.__name__, case.id)
                if key not in done:
                    done[key] = runner(case)
                s = score(case, done[key])
                total.add(s)
                which = label.startswith("trafilatura") if args.show_trafilatura else label.endswith("all")
                if args.show and split in SHOWN and which:
                    for miss in s.misses:
                        print(f"    {case.id}: {miss}", file=sys.stderr)
            print(row(f"{split} | {label}", total))


if __name__ == "__main__":
    main()
