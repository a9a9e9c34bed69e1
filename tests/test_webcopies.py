"""Web copies: a fast slice of the tune cases of tests/data/webcopies/, `add --json`, and `add URL`.

The whole corpus is scored by bench/ingest.py; these cases only guard what already works.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.ingest import ingest, read_source
from pipeline.text.markdown import parse_blocks, strip_inline
from tests.conftest import DATA, Invoke

CORPUS = DATA / "webcopies"
SLICE = [
    "a-01-wp-tt1-es",  # pasted WordPress: menu, byline after the text, comments, sidebar
    "a-11-wp-jnews-es",  # pasted, lost drop capital, counters, related posts
    "a-19-blogger-en",  # pasted Blogger: site name equal to the signature
    "b-09-party-en",  # pasted: byline "Press Release · date · name", related posts with dates
    "b-16-medium-en",  # pasted Medium: no headline, a pull quote that repeats a sentence
    "a-09-wp-astra-en",  # saved page: no visible headline, pull quote, UTC date on the next day
    "a-13-wp-jnews-es",  # saved page: month-first dates, a desk as the author
    "b-12-ngo-es",  # saved Joomla page: an account as author, signatories after "Firman:"
    "b-26-pdf-es",  # pdftotext: running header and footer, page numbers, hyphenated words, cut paragraph
    "b-28-pdf-es",  # pdftotext -layout: centred title over two lines, hanging-indented points
    "a-25-email-es",  # Gmail forward: cover notes above the release, signature and disclaimer below
    "a-21-union-cms-es",  # ASP.NET page: layout tables, a <form> around the page, subheadings trafilatura drops
]


def _case(case_id: str) -> tuple[Path, dict]:  # type: ignore[type-arg]
    expect = json.loads((CORPUS / f"{case_id}.json").read_text(encoding="utf-8"))
    assert expect["split"] == "tune"  # held-out cases never enter the tests
    path = next(p for p in CORPUS.glob(case_id + ".*") if p.suffix in (".txt", ".html"))
    return path, expect


def _lines(body: str) -> list[str]:
    out = []
    for block in parse_blocks(body):
        for part in re.split(r"\\\n|\n\s*\n", block.text):
            text = " ".join(strip_inline(part).replace("\\\n", " ").split())
            if text:
                out.append(re.sub(r"<([^<>\s]+)>", r"\1", text).rstrip("\\").strip())
    return out


@pytest.mark.parametrize("case_id", SLICE)
def test_web_copy(case_id: str) -> None:
    path, expect = _case(case_id)
    result = ingest(read_source(str(path)))
    kept = _lines(result.body)
    for line in expect["body"]:
        assert " ".join(line.split()) in kept, line
    body_lines = {" ".join(b.split()) for b in expect["body"]}
    leaked = [line for line in kept if line not in body_lines]
    assert leaked == []
    for key in ("title", "date", "author"):
        got = result.meta.get(key)
        assert (str(got) if got else None) == expect[key], key


def test_a_lost_drop_capital_and_a_missing_title_are_reported() -> None:
    drop = ingest(read_source(str(_case("a-11-wp-jnews-es")[0])))
    assert any("drop capital" in w and "os trabajadores" in w for w in drop.warnings)
    untitled = ingest(read_source(str(_case("b-16-medium-en")[0])))
    assert untitled.meta["title"] is None
    assert any("no title" in w and "--title" in w for w in untitled.warnings)
    assert not any("drop capital" in w for w in untitled.warnings)


def test_an_event_date_in_a_sentence_is_not_the_date() -> None:
    from pipeline.ingest import Source

    text = (
        "Convocamos la huelga general\n\n"
        "Los sindicatos convocamos la huelga el 3 de abril de 2024 en todas las plantas de la comarca, "
        "porque la empresa se niega a negociar el convenio.\n\n"
        "Comité de huelga\n"
    )
    result = ingest(Source("x.txt", "text", text.encode()))
    assert result.meta["date"] is None
    assert "convocamos la huelga el 3 de abril" in result.body


def test_add_json_lists_removed_lines_with_reasons(cli: Invoke, workspace: Path) -> None:
    path, _ = _case("a-01-wp-tt1-es")
    result = cli("add", str(path), "--json")
    assert result.exit_code == 0, result.output
    [added] = json.loads(result.stdout)
    removed = {item["text"]: item["reason"] for item in added["removed"]}
    assert removed["Saltar al contenido"] == "navigation"
    assert removed["Deja una respuesta Cancelar la respuesta"] == "comments"
    assert removed["Publicada 8 marzo, 2023"] == "byline"
    assert added["meta"]["author"] == "Lucía Fernández Ortega"
    text = (workspace / "originals" / f"{added['slug']}.md").read_text(encoding="utf-8")
    assert "author: Lucía Fernández Ortega" in text
    assert "Saltar al contenido" not in text


def test_add_prints_a_one_line_count_and_names_the_missing_date(cli: Invoke, workspace: Path) -> None:
    path, _ = _case("a-30-wp-generatepress-en")  # the theme hides the date
    result = cli("add", str(path))
    assert result.exit_code == 0, result.output
    slug = result.stdout.strip()
    [count] = [line for line in result.stderr.splitlines() if line.startswith(slug + ": removed")]
    assert re.search(r"removed \d+ lines of page clutter \(.*\); list them with --json", count)
    assert any("no date found" in line and "--date" in line for line in result.stderr.splitlines())


@pytest.mark.parametrize(
    "case_id",
    [
        "a-28-wp-tt1-reject-es",  # pasted tag archive: teasers with "Seguir leyendo"
        "b-04-news-en",  # saved topic archive: teaser cards (linked headlines and their deks)
    ],
)
def test_a_page_of_teasers_is_refused_and_nothing_is_written(
    cli: Invoke, workspace: Path, case_id: str
) -> None:
    path, expect = _case(case_id)
    assert expect["reject"]
    result = cli("add", str(path))
    assert result.exit_code == 1
    assert "no text is left once page clutter is removed" in result.stderr
    assert list((workspace / "originals").iterdir()) == []


@pytest.fixture
def site() -> Iterator[str]:
    """Saved pages served from 127.0.0.1, the way a web site serves them."""
    handler = functools.partial(QuietHandler, directory=str(CORPUS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_add_url_reads_the_page_and_keeps_its_address(cli: Invoke, workspace: Path, site: str) -> None:
    url = f"{site}/a-13-wp-jnews-es.html"
    result = cli("add", url, "--json")
    assert result.exit_code == 0, result.output
    [added] = json.loads(result.stdout)
    assert added["meta"]["source_url"] == url
    assert added["meta"]["title"] == _case("a-13-wp-jnews-es")[1]["title"]
    assert "source_url: " + url in (workspace / "originals" / f"{added['slug']}.md").read_text(
        encoding="utf-8"
    )


def test_add_url_unreachable_says_so_and_writes_nothing(cli: Invoke, workspace: Path, site: str) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on: what being offline looks like
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = cli("add", f"http://127.0.0.1:{port}/statement.html")
    assert result.exit_code == 1
    assert "cannot fetch the page" in result.stderr and "statements add PAGE.html" in result.stderr
    missing = cli("add", f"{site}/no-such-page.html")
    assert missing.exit_code == 1 and "answered 404" in missing.stderr
    assert list((workspace / "originals").iterdir()) == []


def test_a_pasted_page_on_standard_input_is_read_as_plain_text(cli: Invoke, workspace: Path) -> None:
    path, expect = _case("a-01-wp-tt1-es")
    result = cli("add", "-", "--json", input=path.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    [added] = json.loads(result.stdout)
    assert added["meta"]["title"] == expect["title"]
    body = (workspace / "originals" / f"{added['slug']}.md").read_text(encoding="utf-8")
    assert "Saltar al contenido" not in body
    assert " ".join(expect["body"][1].split()) in " ".join(body.split())


def test_pdf_furniture_is_listed_with_its_reasons(cli: Invoke, workspace: Path) -> None:
    path, _ = _case("b-26-pdf-es")
    result = cli("add", str(path), "--json")
    assert result.exit_code == 0, result.output
    [added] = json.loads(result.stdout)
    removed = [(item["text"], item["reason"]) for item in added["removed"]]
    assert ("Página 1 de 3", "page number") in removed
    assert ("SUT · Comunicado 27/2024", "running header or footer") in removed
