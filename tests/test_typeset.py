"""Books a printer would accept: typography, languages on every block, the cover, imposition."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from pipeline.model import Block
from pipeline.publish.assemble import layout_classes
from pipeline.publish.impose import sheet_order
from tests.conftest import Invoke, make_invoker, needs_apertium

HEADING = "Internationalisation of uncharacteristically incomprehensible responsibilities"
LONG_WORDS = " ".join(
    ["The internationalisation of uncharacteristically incomprehensible responsibilities"] * 12
)
STATEMENT = f"""---
title: {HEADING}
date: 2024-06-02
lang: en
org: Workers’ Solidarity Committee
source: written for the tests
---

Madrid, 2 de junio de 2024

The workers’ committee doesn’t accept the company’s “final offer”. The drivers' union agrees.

We demand:

1. Reinstatement of every dismissed worker.
2. Payment of all overtime owed since 2022.

While these demands stand, we will also organise a solidarity fund.

3. A public apology from the management.

## {HEADING}

{LONG_WORDS}.

¡No pasarán!

Workers’ Solidarity Committee
"""


def pdftotext(pdf: Path, *args: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: make setup installs poppler-utils")
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


@pytest.fixture(scope="module")
def typeset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One English statement with every typographic trap, translated and built as A5 booklets."""
    from tests.conftest import apertium_ready

    if not apertium_ready():
        pytest.skip("APERTIUM MISSING: Debian's apertium-eng-spa is not installed")
    root = tmp_path_factory.mktemp("typeset")
    (root / "originals").mkdir()
    (root / "originals" / "traps.md").write_text(STATEMENT, encoding="utf-8")
    invoke = make_invoker(root)
    assert invoke("translate").exit_code == 0
    result = invoke("build", "--imposition", "booklet")
    assert result.exit_code == 0, result.output
    return root / "outputs"


@needs_apertium
def test_headings_are_never_hyphenated_but_body_text_is(typeset: Path) -> None:
    pages = pdftotext(typeset / "statements-en.pdf").split("\f")
    lines = next(p for p in pages if "Workers’ Solidarity Committee · 2 June 2024" in p).strip().splitlines()
    meta = next(n for n, line in enumerate(lines) if line.startswith("Workers’ Solidarity Committee ·"))
    apology = next(n for n, line in enumerate(lines) if line.startswith("3. A public apology"))
    body = next(n for n, line in enumerate(lines) if line.startswith("The internationalisation"))
    title, subheading = lines[:meta], [line for line in lines[apology + 1 : body] if line]
    for heading in (title, subheading):
        assert " ".join(heading) == HEADING, heading  # whole words on every line
    # The same words in the paragraph below are hyphenated: the rule is the headings' own.
    assert any(line.endswith(("-", "\u00ad")) for line in lines[body:])


@needs_apertium
def test_heading_show_rule_switches_hyphenation_off_in_the_typst_source(
    typeset: Path, tmp_path: Path
) -> None:
    from pipeline.publish import BuildOptions
    from pipeline.publish.books import plan_books
    from pipeline.publish.writers.pdf import PdfWriter
    from pipeline.workspace import Workspace

    book = plan_books(Workspace(typeset.parent), BuildOptions(lang="en"), [])[0]
    source = PdfWriter().source(book, BuildOptions(lang="en"), 0, tmp_path)
    rules = re.findall(r"#show heading[^\n]*=> \{(.*?)\n\}", source, re.S)
    assert rules and all("hyphenate: false" in rule and "justify: false" in rule for rule in rules)
    assert '#set text(font: "Libertinus Serif", size: size, lang: "en", hyphenate: true' in source
    # Every block carries its own language, so hyphenation follows it.
    assert re.search(r'#styled\("es", \("original", \)\)\[\nMadrid, 2 de junio de 2024', source)


@needs_apertium
def test_curly_quotes_and_apostrophes_reach_the_pdf(typeset: Path) -> None:
    for name in ("statements-en", "statements-es-en"):
        text = " ".join(pdftotext(typeset / f"{name}.pdf").split())
        assert "The workers’ committee doesn’t accept the company’s “final offer”." in text
        assert "The drivers' union agrees." in text  # a straight one stays straight
        assert "Workers’ Solidarity Committee" in text


@needs_apertium
def test_list_numbering_continues_across_an_interrupting_paragraph(typeset: Path) -> None:
    for name in ("statements-en", "statements-es-en"):
        text = pdftotext(typeset / f"{name}.pdf")
        assert re.search(r"^2\. Payment of all overtime", text, re.M)
        assert re.search(r"^3\. A public apology", text, re.M)
    with zipfile.ZipFile(typeset / "statements-en.epub") as zf:
        xhtml = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
    assert re.search(r'<ol start="3">\s*<li>A public apology', xhtml)


@needs_apertium
def test_bilingual_title_is_the_original_with_the_translation_beneath(typeset: Path) -> None:
    with zipfile.ZipFile(typeset / "statements-es-en.epub") as zf:
        chapter = "".join(zf.read(n).decode() for n in zf.namelist() if re.search(r"text/ch\d+\.xhtml$", n))
    heading = re.search(
        r"<h1[^>]*>(.*?)</h1>\s*<div class=\"title-translation[^\"]*\" lang=\"es\"", chapter, re.S
    )
    assert heading and heading.group(1) == HEADING and "/" not in heading.group(1)
    text = pdftotext(typeset / "statements-es-en.pdf")
    title = text.index(HEADING.split()[0], text.index("Índice") + 200)
    assert text.index("Internacionalización", title) > title


@needs_apertium
def test_bilingual_pages_repeat_the_column_headings_and_the_colophon_is_in_both_languages(
    typeset: Path,
) -> None:
    pdf = typeset / "statements-es-en.pdf"
    body_pages = range(4, _pages(pdf) + 1)  # after the cover, the title page and the contents
    assert len(body_pages) >= 2
    for page in body_pages:
        top = pdftotext(pdf, "-layout", "-f", str(page), "-l", str(page)).strip().splitlines()[0]
        assert re.fullmatch(r"Español\s+English", top), (page, top)
    text = " ".join(pdftotext(pdf).split())
    assert "Colofón · Colophon" in text
    assert "Compuesto el 2 de junio de 2024" in text and "Typeset on 2 June 2024" in text


@needs_apertium
def test_dates_on_title_pages_are_written_in_the_books_languages(typeset: Path) -> None:
    first = " ".join(pdftotext(typeset / "statements-es-en.pdf", "-l", "2").split())
    assert "2 de junio de 2024" in first and "2 June 2024" in first and "2024-06-02" not in first
    with zipfile.ZipFile(typeset / "statements-es.epub") as zf:
        title_page = zf.read("EPUB/text/title_page.xhtml").decode()
        opf = zf.read("EPUB/content.opf").decode()
    assert '<p class="date">2 de junio de 2024</p>' in title_page
    assert "<dc:date" in opf and ">2024-06-02</dc:date>" in opf  # the metadata stays ISO


@needs_apertium
def test_imposed_booklet_has_half_the_pages_in_saddle_stitch_order(typeset: Path) -> None:
    from pypdf import PdfReader

    for name in ("statements-en", "statements-es", "statements-es-en"):
        booklet, imposed = typeset / f"{name}.pdf", typeset / f"{name}.imposed.pdf"
        pages = _pages(booklet)
        reader = PdfReader(imposed)
        assert len(reader.pages) == -(-pages // 4) * 4 // 2
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    # The first side carries the last page (or a blank) on the left and page 1 on the right.
    cover = " ".join(pdftotext(booklet, "-l", "1").split())
    right = " ".join(pdftotext(imposed, "-l", "1", "-x", "421", "-y", "0", "-W", "421", "-H", "595").split())
    assert right == cover
    inside = " ".join(
        pdftotext(imposed, "-f", "2", "-l", "2", "-x", "0", "-y", "0", "-W", "421", "-H", "595").split()
    )
    assert inside == " ".join(pdftotext(booklet, "-f", "2", "-l", "2").split())


def test_imposition_needs_a5_and_a_pdf(sample_cli: Invoke) -> None:
    for args, message in (
        (["--imposition", "booklet", "--paper", "a4"], "use --paper a5"),
        (["--imposition", "booklet", "--format", "epub"], "add pdf to --format"),
        (["--imposition", "poster"], "use booklet"),
    ):
        result = sample_cli("build", *args)
        assert result.exit_code == 2 and message in result.stderr, result.output  # bad usage


@pytest.mark.parametrize(
    ("pages", "order"),
    [
        (4, [(4, 1), (2, 3)]),
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        (5, [(None, 1), (2, None), (None, 3), (4, 5)]),
        (10, [(None, 1), (2, None), (10, 3), (4, 9), (8, 5), (6, 7)]),
    ],
)
def test_saddle_stitch_order(pages: int, order: list[tuple[int | None, int | None]]) -> None:
    assert sheet_order(pages) == order


def _blocks(*specs: tuple[str, str, str, str]) -> list[Block]:
    return [Block(i, kind, prefix, text, sep) for i, (kind, prefix, text, sep) in enumerate(specs)]


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # A heading and an introduction stay with what follows them.
        (
            _blocks(("heading", "## ", "Demands", ""), ("paragraph", "", "We demand:", "\n\n"),
                    ("item", "1. ", "Pay.", "\n\n"), ("item", "2. ", "Rest.", "\n"),
                    ("paragraph", "", "A long closing paragraph. " * 20, "\n\n"), ("paragraph", "", "The union", "\n\n")),
            [["keep-with-next"], ["keep-with-next"], [], ["list-continues"], [], []],
        ),
        # Up to three short blocks that end a statement stay together, with the block before
        # them when it is short; loose lists and a change of list kind do not continue.
        (
            _blocks(("item", "- ", "One", ""), ("item", "- ", "Two", "\n\n"), ("item", "1. ", "Three", "\n"),
                    ("paragraph", "", "Short paragraph.", "\n\n"), ("paragraph", "", "The union", "\n\n")),
            [[], ["keep-with-next"], ["keep-with-next"], ["keep-with-next"], []],
        ),
    ],
)  # fmt: skip
def test_layout_classes(blocks: list[Block], expected: list[list[str]]) -> None:
    assert layout_classes(blocks) == expected


def test_cover_is_typeset_from_the_books_front_matter(sample_cli, sample_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = sample_cli("build", "--lang", "es", "--format", "pdf")
    assert result.exit_code == 0, result.output
    cover = " ".join(pdftotext(sample_workspace / "outputs" / "statements-es.pdf", "-l", "1").split())
    assert cover.startswith("“ 3 comunicados Comunicados Coordinadora Sindical del Transporte")
    assert "Plataforma de Afectadas por los Alquileres" in cover
    assert cover.endswith("18 de enero de 2023 – 5 de octubre de 2024")
