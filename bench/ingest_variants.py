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
- Windows: CRLF line ends and no-break spaces after commas;
- e-mail reply: the statement (from its headline) quoted with "> " and hard-wrapped at 70
  columns under a short reply and an "On … wrote:" line, with an older message quoted ">> "
  under it (the reply and the older message are clutter);
- PDF copy: the statement (from its headline) set as pdftotext prints a letter: lines wrapped
  at 86 columns with some long words hyphenated at the line's end, paragraphs apart, pages of
  40 lines with a running header, a "Página N de M" footer and a form feed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import _MARK, Case, Score, load_cases, norm, row, run_statements, score

Variant = Callable[[list[str], dict], tuple[list[str], dict] | None]  # type: ignore[type-arg]


def _marks(lines: list[str], expect: dict) -> tuple[int | None, list[int]]:  # type: ignore[type-arg]
    body = {norm(b) for b in expect["body"]}
    title = norm(expect["title"]) if expect["title"] else None
    t = next((i for i, line in enumerate(lines) if title and norm(line) == title), None)
    b = [
        i
        for i, line in enumerate(lines)
        if norm(_MARK.sub("", line.strip())) in body and (t is None or i > t)
    ]
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
    return [*lines[:t], new, *lines[t + 1 :]], {**expect, "title": new}


def blank_lines(lines: list[str], expect: dict) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    return [x for line in lines for x in (line, "")], expect


def windows(lines: list[str], expect: dict) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    return [line.replace(", ", ",\u00a0") + "\r" for line in lines], expect


def _wrap(text: str, width: int, hyphenate: bool = False) -> list[str]:
    """Hard-wrap a paragraph; with `hyphenate`, break long words at the margin with a hyphen."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        elif hyphenate and word.isalpha() and len(word) >= 9 and len(line) + 5 <= width:
            cut = min(len(word) - 4, width - len(line) - 2)
            out.append(f"{line} {word[:cut]}-")
            line = word[cut:]
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    return out


def _statement(lines: list[str], expect: dict) -> list[str] | None:  # type: ignore[type-arg]
    """The headline and the statement's lines, as the page shows them (markers and all)."""
    t, b = _marks(lines, expect)
    if not b:
        return None
    return ([lines[t].strip()] if t is not None else []) + [lines[i].strip() for i in b]


def email_reply(lines: list[str], expect: dict) -> tuple[list[str], dict] | None:  # type: ignore[type-arg]
    text = _statement(lines, expect)
    if text is None:
        return None
    out = ["Hi Sam,", "", "Here is the statement they sent us, for the next issue.", "", "Best,", "Alex", ""]
    out += ["On Mon, 3 Jun 2024 at 10:12, Press Office <press@example.org> wrote:"]
    for paragraph in text:
        out += ["> " + line for line in _wrap(paragraph, 68)] + [">"]
    out += [
        "> On Fri, 31 May 2024, Alex wrote:",
        ">> Could you send us the text of your statement?",
        ">> Thanks, Alex",
    ]
    clutter = [x for x in out[:8] if x] + [
        "On Fri, 31 May 2024, Alex wrote:",
        "Could you send us the text of your statement?",
    ]
    return out, {**expect, "date": "-", "author": "-", "clutter": [*clutter, "Thanks, Alex"]}


def pdf_copy(lines: list[str], expect: dict) -> tuple[list[str], dict] | None:  # type: ignore[type-arg]
    text = _statement(lines, expect)
    if text is None or any(line.startswith(("- ", "* ", "• ", "✅")) for line in text):
        return None  # typed bullets: a PDF's list would be set otherwise
    body: list[str] = []
    for paragraph in text:
        body += [*_wrap(paragraph, 86, hyphenate=True), ""]
    pages = [body[i : i + 40] for i in range(0, len(body), 40)]
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        head = ["\fSINDICATO · Comunicado", ""] if n > 1 else []
        out += head + page + ["", f"Página {n} de {len(pages)}"]
    clutter = [f"Página {n} de {len(pages)}" for n in range(1, len(pages) + 1)] + [
        "SINDICATO · Comunicado"
    ] * (len(pages) - 1)
    return out, {**expect, "date": "-", "author": "-", "clutter": clutter}


VARIANTS: dict[str, Variant] = {
    "page": page,
    "from headline": from_headline,
    "text only": text_only,
    "no headline": no_headline,
    "headline in sentence case": sentence_case,
    "blank lines": blank_lines,
    "Windows": windows,
    "e-mail reply": email_reply,
    "PDF copy": pdf_copy,
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
    print(
        "| variant | system | cases | clutter removed | body kept | kept precision | title | date | author | sentences lost | rejects |"
    )
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
