"""How steady `add` is when the same pasted page is copied differently: variants of the tune cases.

    .venv/bin/python bench/ingest_variants.py          # one row per variant
    .venv/bin/python bench/ingest_variants.py --show   # and each case's misses

A person copies a page in many ways: the whole page, or from the headline down, or only the
statement's paragraphs; with blank lines between paragraphs or Windows line ends. The
statement is the same each time, so what `add` keeps should be too. Each variant is made from
the pasted tune cases of tests/data/webcopies/ (never a held-out one) and scored with
bench/ingest.py's figures against the same body; the title is expected where the variant keeps
it. Date and author are not scored where the variant may have cut the byline away (`-`).

Variants:
- page: the page as it was pasted (the reference row);
- from headline: from the headline to the statement's last line, nothing around it;
- text only: only the statement's own lines, no headline (title expected empty);
- no headline: the page without its headline line (title expected empty);
- headline in sentence case: an ALL CAPS or Title Case headline written as a sentence;
- blank lines: an empty line after every line;
- Windows: CRLF line ends and no-break spaces after commas.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import _MARK, Case, Score, load_cases, norm, row, run_statements, score  # noqa: E402

Variant = Callable[[list[str], dict], tuple[list[str], dict] | None]  # type: ignore[type-arg]


def _marks(lines: list[str], expect: dict) -> tuple[int | None, list[int]]:  # type: ignore[type-arg]
    body = {norm(b) for b in expect["body"]}
    title = norm(expect["title"]) if expect["title"] else None
    t = next((i for i, line in enumerate(lines) if title and norm(line) == title), None)
    b = [i for i, line in enumerate(lines) if norm(_MARK.sub("", line.strip())) in body and (t is None or i > t)]
    return t, b


def page(lines: list[str], expect: dict) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    return lines, expect


def from_headline(lines: list[str], expect: dict) -> tuple[list[str], dict] | None:  # type: ignore[type-arg]
    t, b = _marks(lines, expect)
    if not b:
        return None
    start = t if t is not None else b[0]
    return lines[start : b[-1] + 1], {**expect, "date": "-", "author": "-", "clutter": []}


def text_only(lines: list[str], expect: dict) -> tuple[list[str], dict] | None:  # type: ignore[type-arg]
    _, b = _marks(lines, expect)
    if not b:
        return None
    return [lines[i] for i in b], {**expect, "title": None, "date": "-", "author": "-", "clutter": []}


def no_headline(lines: list[str], expect: dict) -> tuple[list[str], dict] | None:  # type: ignore[type-arg]
    t, _ = _marks(lines, expect)
    if t is None:
        return None
    return lines[:t] + lines[t + 1 :], {**expect, "title": None, "date": "-", "author": "-"}


def sentence_case(lines: list[str], expect: dict) -> tuple[list[str], dict] | None:  # type: ignore[type-arg]
    t, _ = _marks(lines, expect)
    if t is None:
        return None
    text = lines[t].strip()
    new = text[:1] + text[1:].lower()
    if new == text:
        return None
    return lines[:t] + [new] + lines[t + 1 :], {**expect, "title": new}


def blank_lines(lines: list[str], expect: dict) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    return [x for line in lines for x in (line, "")], expect


def windows(lines: list[str], expect: dict) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    return [line.replace(", ", ",\u00a0") + "\r" for line in lines], expect


VARIANTS: dict[str, Variant] = {
    "page": page,
    "from headline": from_headline,
    "text only": text_only,
    "no headline": no_headline,
    "headline in sentence case": sentence_case,
    "blank lines": blank_lines,
    "Windows": windows,
}


def scored(case: Case, lines: list[str], expect: dict, folder: Path) -> Score:  # type: ignore[type-arg]
    path = folder / f"{case.id}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    variant = Case(case.id, path, expect)
    out = run_statements(variant)
    if expect["date"] == "-":
        out.date = "-"
    if expect["author"] == "-":
        out.author = "-"
    return score(variant, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    cases = [c for c in load_cases() if c.split == "tune" and c.input == "pasted"]
    print("| variant | system | cases | clutter removed | body kept | kept precision | title | date | author | sentences lost | rejects |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in VARIANTS.items():
            total = Score()
            for case in cases:
                if case.expect.get("reject"):
                    continue
                lines = case.path.read_text(encoding="utf-8").split("\n")
                made = make(lines, dict(case.expect))
                if made is None:
                    continue
                s = scored(case, made[0], made[1], Path(tmp))
                total.add(s)
                if args.show:
                    for miss in s.misses:
                        print(f"    {name} / {case.id}: {miss}", file=sys.stderr)
            print(row(f"{name} | statements, pasted", total))


if __name__ == "__main__":
    main()
