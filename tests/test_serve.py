"""`statements serve`: the JSON API over real HTTP (every security rule included), and a few
cases in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pipeline.workspace import Workspace
from tests.conftest import REPO, Invoke, make_invoker

SLUG = "2024-03-08-por-la-igualdad-salarial-en-las-fabricas-textiles"  # es → en
API = f"/api/statements/{SLUG}/en"
OLD_ITEM = "El pago inmediato de todas las horas extra adeudadas desde 2023."
NEW_ITEM = "El pago inmediato de todas las horas extra adeudadas desde enero de 2022."
HUMAN_ITEM = "Immediate payment of all overtime owed since 2023."


@pytest.fixture(scope="module")
def prepared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample statements with their committed translations, and block 5 of SLUG stale:
    a person edited its translation, then its original changed and was translated again."""
    from pipeline.translate import engines

    from .fakes import EchoEngine

    root = tmp_path_factory.mktemp("serve") / "ws"
    for folder in ("originals", "translations"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "glossary.csv", root / "glossary.csv")
    md = root / "translations" / "en" / f"{SLUG}.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace(
            "The immediate payment of all the overtime owed from 2023.", HUMAN_ITEM
        ),
        encoding="utf-8",
    )
    # Machine text with a number left in Spanish notation: a numbers finding to show. (The
    # committed sample is post-edited, so its own text no longer has one.)
    for name in (f"{SLUG}.md", f"{SLUG}.align.json"):
        path = root / "translations" / "en" / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("1,250 cases", "1.250 cases"), encoding="utf-8"
        )
    original = root / "originals" / f"{SLUG}.md"
    original.write_text(original.read_text(encoding="utf-8").replace(OLD_ITEM, NEW_ITEM), encoding="utf-8")
    with engines.registered("echo", EchoEngine):
        assert make_invoker(root)("translate", SLUG, "--engine", "echo").exit_code == 0
    return root


@pytest.fixture
def review_root(prepared_root: Path, tmp_path: Path) -> Path:
    """A fresh copy of the prepared workspace, for a test that writes."""
    root = tmp_path / "ws"
    shutil.copytree(prepared_root, root)
    return root


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    root: Path
    url: str
    token: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def cli(self) -> Invoke:
        return make_invoker(self.root)

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = "",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        """A real HTTP request; the server's own token unless `token` says otherwise (None: none)."""
        sent = dict(headers or {})
        if token is not None:
            sent.setdefault("Authorization", f"Bearer {token or self.token}")
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, data, sent)
            response = connection.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def view(self) -> dict[str, Any]:
        reply = self.call("GET", API)
        assert reply.status == 200, reply.body
        return reply.json()

    def block(self, index: int) -> dict[str, Any]:
        return next(b for b in self.view()["blocks"] if b["index"] == index)

    def files(self) -> dict[str, bytes]:
        """Every file of the workspace but the lock (which holds the last writer's pid)."""
        return {
            str(p.relative_to(self.root)): p.read_bytes()
            for p in self.root.rglob("*")
            if p.is_file() and p.name != "lock"
        }


@contextlib.contextmanager
def running(root: Path) -> Iterator[Server]:
    """The real app, served by uvicorn on a free port in a thread, as `statements serve` runs it."""
    from pipeline.review.serve import site

    served = site(Workspace.at(root), "127.0.0.1", 0)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not served.server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert served.server.started, "the review server did not start"
    try:
        yield Server(root, served.url, served.token, served.port)
    finally:
        served.stop()
        thread.join(10)


@pytest.fixture
def server(review_root: Path) -> Iterator[Server]:
    """A server of its own, on a copy of the workspace: for tests that write."""
    with running(review_root) as served:
        yield served


@pytest.fixture(scope="module")
def shared(prepared_root: Path) -> Iterator[Server]:
    """One server for the tests that only read, or whose requests must change nothing."""
    with running(prepared_root) as served:
        yield served


# ---------------------------------------------------------------- the command


@pytest.mark.slow
def test_serve_prints_the_address_with_a_token_first(review_root: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "--root", str(review_root), "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]{20,})", first)
        assert found, first
        port, token = int(found.group(1)), found.group(2)
        server = Server(review_root, first, token, port)
        assert server.call("GET", "/api/statements").status == 200
        assert server.call("GET", "/api/statements", token="wrong").status == 401
    finally:
        process.terminate()
        process.wait(10)


def test_a_taken_port_is_a_clear_error(shared: Server) -> None:
    result = shared.cli("serve", "--port", str(shared.port), "--no-open")
    assert result.exit_code == 1
    assert f"port {shared.port}" in result.stderr and "--port" in result.stderr


# ---------------------------------------------------------------- reading


def test_statement_list_agrees_with_the_cli(shared: Server) -> None:
    rows = shared.call("GET", "/api/statements").json()
    listed = json.loads(shared.cli("list", "--json").stdout)
    checked = json.loads(shared.cli("check", "--json").stdout)
    assert [r["slug"] for r in rows] == [r["slug"] for r in listed]
    for row, cli_row in zip(rows, listed, strict=True):
        for lang, translation in row["translations"].items():
            assert translation["counts"] == cli_row["translations"][lang]["counts"]
            assert translation["findings"] == sum(
                1 for f in checked if f["slug"] == row["slug"] and f["lang"] == lang
            )
    assert rows[2]["translations"]["en"]["counts"]["stale"] == 1


@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("stale", [SLUG]),
        ("findings", None),  # the statements `statements check` reports
        ("unreviewed", None),  # every translated statement: nothing is reviewed yet
    ],
)
def test_home_filters(shared: Server, show: str, expected: list[str] | None) -> None:
    rows = shared.call("GET", f"/api/statements?show={show}").json()
    if show == "findings":
        expected = sorted({f["slug"] for f in json.loads(shared.cli("check", "--json").stdout)})
    if show == "unreviewed":
        expected = [r["slug"] for r in json.loads(shared.cli("list", "--json").stdout)]
    assert sorted(r["slug"] for r in rows) == sorted(expected or [])


def test_an_unknown_filter_says_which_exist(shared: Server) -> None:
    reply = shared.call("GET", "/api/statements?show=nonsense")
    assert reply.status == 400 and "stale" in reply.json()["error"]


def test_statement_view_has_statuses_diffs_and_findings(shared: Server) -> None:
    view = shared.view()
    assert view["source_lang"] == "es" and view["target_lang"] == "en"
    title, *blocks = view["blocks"]
    assert title["index"] == -1 and title["source"] == "Por la igualdad salarial en las fábricas textiles"
    stale = blocks[5]
    assert stale["status"] == "stale" and stale["current"] == HUMAN_ITEM
    assert stale["previous_source"] == OLD_ITEM
    assert ("+", "enero de 2022") in [tuple(op) for op in stale["source_change"]]
    assert stale["machine_vs_human"]  # the new machine draft against the human text
    numbers = [f for f in blocks[2]["findings"] if f["check"] == "numbers"]
    assert numbers and all(set(f) == {"id", "check", "evidence", "explanation"} for f in numbers)
    assert len({b["version"] for b in view["blocks"]}) == len(view["blocks"])
    assert (
        view["counts"] == json.loads(shared.cli("status", SLUG, "--json").stdout)["translations"][0]["counts"]
    )


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/statements/no-such-statement/en", 404),
        (f"/api/statements/{SLUG}/es", 404),  # its own language: no translation
        (f"/api/statements/{SLUG}/fr", 404),
        ("/api/statements/..%2F..%2Fetc/en", 404),
        ("/api/nothing", 404),
    ],
)
def test_unknown_things_are_404_with_a_message(shared: Server, path: str, status: int) -> None:
    reply = shared.call("GET", path)
    assert reply.status == status and reply.json()["error"]


# ---------------------------------------------------------------- writing


def test_edit_then_review_goes_through_the_store_and_the_memory(server: Server) -> None:
    from pipeline.memory import Memory

    block = server.block(4)
    text = "Equal pay for equal work, with public pay scales in every factory."
    reply = server.call(
        "PUT", f"{API}/blocks/4", {"text": text, "status": "edited", "version": block["version"]}
    )
    assert reply.status == 200, reply.body
    assert reply.json()["block"]["status"] == "edited" and reply.json()["block"]["current"] == text
    assert f"1. {text}" in (server.root / "translations" / "en" / f"{SLUG}.md").read_text(encoding="utf-8")
    listed = json.loads(server.cli("status", SLUG, "--json").stdout)["translations"][0]["blocks"][4]
    assert (listed["status"], listed["text"]) == ("edited", text)
    reply = server.call(
        "PUT", f"{API}/blocks/4", {"status": "reviewed", "version": reply.json()["block"]["version"]}
    )
    assert reply.status == 200 and reply.json()["block"]["status"] == "reviewed"
    assert reply.json()["counts"]["reviewed"] == 1
    assert (
        json.loads(server.cli("status", SLUG, "--json").stdout)["translations"][0]["blocks"][4]["status"]
        == "reviewed"
    )
    memory = Memory(Workspace.at(server.root).memory_path)
    try:
        source = "Igual salario por igual trabajo, con tablas salariales públicas en cada fábrica."
        assert memory.human("es", "en", [source]) == {source: text}
    finally:
        memory.close()


def test_save_as_reviewed_in_one_call_and_the_title(server: Server) -> None:
    title = server.block(-1)
    reply = server.call(
        "PUT",
        f"{API}/blocks/-1",
        {"text": "For equal pay in the textile factories", "status": "reviewed", "version": title["version"]},
    )
    assert reply.status == 200 and reply.json()["block"]["status"] == "reviewed"
    md = (server.root / "translations" / "en" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "title: For equal pay in the textile factories" in md


def test_editing_a_stale_block_keeps_it_stale_until_reviewed(server: Server) -> None:
    stale = server.block(5)
    text = "Immediate payment of all overtime owed since January 2022."
    reply = server.call(
        "PUT", f"{API}/blocks/5", {"text": text, "status": "edited", "version": stale["version"]}
    )
    assert reply.json()["block"]["status"] == "stale" and reply.json()["block"]["source_change"]
    reply = server.call(
        "PUT", f"{API}/blocks/5", {"status": "reviewed", "version": reply.json()["block"]["version"]}
    )
    block = reply.json()["block"]
    assert block["status"] == "reviewed" and block["current"] == text and "source_change" not in block


def test_an_edit_against_a_changed_block_is_refused(server: Server) -> None:
    seen = server.block(4)
    # Someone edits the same block in the Markdown file meanwhile.
    md = server.root / "translations" / "en" / f"{SLUG}.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace(seen["current"], "Edited in the file."), encoding="utf-8"
    )
    assert server.cli("status", SLUG).exit_code == 0  # any command reads the edit in
    before = server.files()
    reply = server.call(
        "PUT",
        f"{API}/blocks/4",
        {"text": "Edited in the page.", "status": "edited", "version": seen["version"]},
    )
    assert reply.status == 409
    assert "changed" in reply.json()["error"] and reply.json()["block"]["current"] == "Edited in the file."
    assert server.files() == before
    # Reviewed over a changed block is refused too.
    assert (
        server.call("PUT", f"{API}/blocks/4", {"status": "reviewed", "version": seen["version"]}).status
        == 409
    )


@pytest.mark.parametrize(
    ("index", "body", "status", "message"),
    [
        (4, {"text": "   ", "status": "edited"}, 422, "cannot be empty"),
        (4, {"text": "One paragraph.\n\nAnd another.", "status": "edited"}, 422, "one block"),
        (1, {"text": "A paragraph\n- that starts a list", "status": "edited"}, 422, "one block"),
        (1, {"text": "# A heading now", "status": "edited"}, 422, "one block"),
        (4, {"status": "edited"}, 422, "text"),
        (4, {"text": "x", "status": "approved"}, 422, "reviewed"),
        (4, {"text": 5, "status": "edited"}, 422, "string"),
        (99, {"text": "x", "status": "edited"}, 404, "no block 99"),
        ("x", {"text": "x", "status": "edited"}, 404, "block number"),
        (4, b"{not json", 400, "JSON"),
        (4, [1, 2], 400, "object"),
    ],
)
def test_bad_edits_change_nothing(shared: Server, index: Any, body: Any, status: int, message: str) -> None:
    before = shared.files()
    reply = shared.call("PUT", f"{API}/blocks/{index}", body)
    assert reply.status == status and message in reply.json()["error"]
    assert shared.files() == before


def test_a_block_that_is_not_prose_is_not_editable(tmp_path: Path, echo_engine: None) -> None:
    from pipeline.errors import InvalidEditError
    from pipeline.review.edit import edit_block

    root = tmp_path / "ws"
    (root / "originals").mkdir(parents=True)
    (root / "originals" / "s.md").write_text("---\ntitle: T\nlang: es\n---\n\nHola.\n\n---\n\nAdiós.\n")
    assert make_invoker(root)("translate", "--engine", "echo").exit_code == 0
    with pytest.raises(InvalidEditError, match="rule"):
        edit_block(Workspace.at(root), "s", "en", 1, "***", "edited")


def test_writes_wait_for_the_workspace_lock(server: Server) -> None:
    """A write made while a CLI command holds the lock waits for it; a read does not."""
    ws = Workspace.at(server.root)
    held, release = threading.Event(), threading.Event()
    order: list[str] = []

    def other_command() -> None:
        with ws.lock():
            held.set()
            release.wait(20)
            order.append("lock released")

    thread = threading.Thread(target=other_command)
    thread.start()
    held.wait(10)
    assert server.call("GET", API).status == 200  # reads never wait for the lock
    version = server.block(4)["version"]
    threading.Timer(0.3, release.set).start()
    reply = server.call(
        "PUT", f"{API}/blocks/4", {"text": "After the lock.", "status": "edited", "version": version}
    )
    order.append("edit answered")
    thread.join()
    assert reply.status == 200 and order == ["lock released", "edit answered"]


def test_a_broken_translation_file_is_reported_not_hidden(server: Server) -> None:
    md = server.root / "translations" / "en" / f"{SLUG}.md"
    md.write_text(md.read_text(encoding="utf-8").replace("\n\nValencia, 8 March 2024.", ""), encoding="utf-8")
    row = next(r for r in server.call("GET", "/api/statements").json() if r["slug"] == SLUG)
    assert "blocks" in row["translations"]["en"]["error"]
    reply = server.call("GET", API)
    assert reply.status == 409 and "one translated paragraph" in reply.json()["error"]


def test_dismiss_a_finding(server: Server) -> None:
    finding = server.block(2)["findings"][0]
    url = f"{API}/findings/{finding['id']}/dismiss"
    reply = server.call("POST", url)
    assert reply.status == 200 and reply.json()["dismissed"] == [finding["id"]]
    assert finding["id"] not in {f["id"] for f in server.block(2)["findings"]}
    assert finding["id"] not in {f["id"] for f in json.loads(server.cli("check", "--json").stdout)}
    again = server.call("POST", url)
    assert again.status == 404 and "statements check" in again.json()["error"]


# ---------------------------------------------------------------- security

WRITES = [
    ("PUT", f"{API}/blocks/4", {"text": "Changed by an attacker.", "status": "edited"}),
    ("PUT", f"{API}/blocks/4", {"status": "reviewed"}),
    ("POST", f"{API}/findings/FINDING/dismiss", None),
]
READS = [("GET", "/api/statements", None), ("GET", API, None)]


def _finding(server: Server, path: str) -> str:
    return path.replace("FINDING", server.block(2)["findings"][0]["id"])


@pytest.mark.parametrize(("method", "path", "body"), READS + WRITES)
@pytest.mark.parametrize(
    ("token", "headers", "status"),
    [
        (None, {}, 401),  # no token
        ("not-the-token", {}, 401),
        ("", {"Origin": "http://evil.example"}, 403),  # another site's page
        ("", {"Origin": "null"}, 403),
        ("", {"Host": "evil.example:PORT"}, 403),  # DNS rebinding: another name for 127.0.0.1
        ("", {"Host": "127.0.0.1:1"}, 403),  # another port
        ("", {"Host": "127.0.0.1"}, 403),
    ],
)
def test_requests_without_the_token_or_from_elsewhere_are_refused(
    shared: Server, method: str, path: str, body: Any, token: str | None, headers: dict[str, str], status: int
) -> None:
    path = _finding(shared, path)
    before = shared.files()
    sent = {k: v.replace("PORT", str(shared.port)) for k, v in headers.items()}
    reply = shared.call(method, path, body, token=token, headers=sent)
    assert reply.status == status and reply.json()["error"]
    assert "content-security-policy" in reply.headers
    assert shared.files() == before


@pytest.mark.parametrize("host", ["localhost:PORT", "127.0.0.1:PORT", "[::1]:PORT"])
def test_own_names_and_origin_are_accepted(shared: Server, host: str) -> None:
    host = host.replace("PORT", str(shared.port))
    reply = shared.call("GET", "/api/statements", headers={"Host": host, "Origin": f"http://{host}"})
    assert reply.status == 200


def test_pages_take_the_token_once_and_keep_it_in_a_strict_cookie(shared: Server) -> None:
    assert shared.call("GET", "/", token=None).status == 401
    assert shared.call("GET", f"/s/{SLUG}/en", token=None).status == 401
    assert shared.call("GET", "/?token=wrong", token=None).status == 401
    first = shared.call("GET", f"/s/{SLUG}/en?token={shared.token}", token=None)
    assert (
        first.status == 303 and first.headers["location"] == f"/s/{SLUG}/en"
    )  # the token leaves the address
    cookie = first.headers["set-cookie"]
    assert re.search(r"HttpOnly", cookie) and "SameSite=Strict" in cookie and shared.token in cookie
    name_value = cookie.split(";")[0]
    page = shared.call("GET", f"/s/{SLUG}/en", token=None, headers={"Cookie": name_value})
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["referrer-policy"] == "no-referrer"
    other_site = shared.call("GET", "/", token=None, headers={"Cookie": name_value, "Host": "evil.example"})
    assert other_site.status == 403


def test_every_answer_has_a_strict_csp_and_every_asset_is_local(shared: Server) -> None:
    page = shared.call("GET", "/")
    for reply in (
        page,
        shared.call("GET", "/static/app.js"),
        shared.call("GET", API),
        shared.call("GET", "/nowhere"),
    ):
        csp = reply.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert "frame-ancestors 'none'" in csp and reply.headers["x-content-type-options"] == "nosniff"
    html = page.body.decode()
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/app.js" defer>']
    served = html + "".join(shared.call("GET", f"/static/{n}").body.decode() for n in ("app.js", "app.css"))
    assert not re.search(r"(src|href)=\"(https?:)?//", served) and "@import" not in served
    assert shared.call("GET", "/static/app.css").headers["content-type"].startswith("text/css")


def test_statement_text_never_reaches_the_html(server: Server) -> None:
    """The page is a shell: text comes as JSON and becomes DOM text in the browser (see below)."""
    original = server.root / "originals" / f"{SLUG}.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("Valencia, 8 de marzo", "<script>alert(1)</script>")
    )
    page = server.call("GET", f"/s/{SLUG}/en").body.decode()
    assert "alert(1)" not in page
    assert server.call("GET", "/s/no-such-statement/en").status == 404
    reply = server.call("GET", f"/s/{SLUG}/en%22%3E%3Cscript%3E")
    assert reply.status == 404 and "<script>" not in reply.body.decode().replace(
        '<script src="/static/app.js"', ""
    )


# ---------------------------------------------------------------- in a real browser


def _chromium() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return None
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="CHROMIUM MISSING: Debian's chromium or the playwright package is not installed "
    "(run `make setup` as root); the review page's browser tests cannot run",
)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # JavaScript errors and CSP violations; an HTTP error answer is a test's own business.
    page.on(
        "console",
        lambda msg: (
            msg.type == "error" and "Failed to load resource" not in msg.text and errors.append(msg.text)
        ),
    )
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()
    assert not errors, errors


@pytest.mark.browser
@needs_chromium
def test_review_a_statement_in_the_browser(server: Server, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(server.url)
    assert "?token" not in page.url
    page.wait_for_selector(f'tr[data-slug="{SLUG}"]')
    page.click("text=Stale")
    expect(page.locator("tbody tr")).to_have_count(1)
    page.click(f'tr[data-slug="{SLUG}"] a.open')

    block = page.locator("#block-4")
    block.locator("button.edit").click()
    text = "Equal pay for equal work, with public pay scales in every factory."
    block.locator("textarea").fill(text)
    block.locator("textarea").press("Control+Enter")
    page.wait_for_selector("#block-4.edited")
    page.locator("#block-4").press("k")  # keys: up to block 3, back down, mark reviewed
    expect(page.locator("#block-3")).to_be_focused()
    page.keyboard.press("j")
    expect(page.locator("#block-4")).to_be_focused()
    page.keyboard.press("r")
    page.wait_for_selector("#block-4.reviewed")

    stale = page.locator("#block-5")
    assert not stale.locator(".diffs del").first.is_visible()
    stale.locator("button.toggle-diffs").click()
    assert stale.locator(".diffs ins", has_text="enero de 2022").is_visible()

    finding = page.locator("#block-2 ul.findings li").first
    finding_id = finding.get_attribute("data-finding")
    finding.locator("button.dismiss").click()
    page.wait_for_selector(f'[data-finding="{finding_id}"]', state="detached")

    page.reload()
    page.wait_for_selector("#block-4.reviewed")
    assert page.locator("#block-4 .target > .text").inner_text() == text
    assert page.locator(f'[data-finding="{finding_id}"]').count() == 0
    status = json.loads(server.cli("status", SLUG, "--json").stdout)["translations"][0]
    assert status["blocks"][4]["status"] == "reviewed" and status["blocks"][4]["text"] == text


@pytest.mark.browser
@needs_chromium
def test_unsaved_edits_survive_leaving_the_page(server: Server, page: Any) -> None:
    page.goto(server.url.replace("/?", f"/s/{SLUG}/en?"))
    page.locator("#block-1").press("e")
    page.locator("#block-1 textarea").fill("A draft nobody saved.")
    page.click("a.back")  # the page asks first; the dialog is accepted
    page.wait_for_selector("table.statements")
    page.go_back()
    page.wait_for_selector("#block-1 textarea")
    assert page.locator("#block-1 textarea").input_value() == "A draft nobody saved."
    assert "draft" in page.locator("#block-1 .message").inner_text()
    assert server.block(1)["status"] == "machine"  # nothing was written


@pytest.mark.browser
@needs_chromium
def test_a_conflicting_save_is_refused_and_the_text_kept(server: Server, page: Any) -> None:
    page.goto(server.url.replace("/?", f"/s/{SLUG}/en?"))
    page.locator("#block-6 button.edit").click()
    page.locator("#block-6 textarea").fill("My version.")
    seen = server.block(6)
    server.call(
        "PUT", f"{API}/blocks/6", {"text": "Their version.", "status": "edited", "version": seen["version"]}
    )
    page.locator("#block-6 button.save").click()
    page.wait_for_selector("#block-6 .message.error")
    assert "changed" in page.locator("#block-6 .message").inner_text()
    assert page.locator("#block-6 textarea").input_value() == "My version."
    assert server.block(6)["current"] == "Their version."


@pytest.mark.browser
@needs_chromium
def test_markup_in_statement_text_shows_as_text(server: Server, page: Any) -> None:
    hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    md = server.root / "translations" / "en" / f"{SLUG}.md"
    md.write_text(
        md.read_text(encoding="utf-8").replace("Valencia, 8 March 2024.", hostile), encoding="utf-8"
    )
    page.goto(server.url.replace("/?", f"/s/{SLUG}/en?"))
    page.wait_for_selector("#block-0.edited")
    assert page.locator("#block-0 .target > .text").inner_text() == hostile
    assert page.locator("#block-0 img").count() == 0 and page.locator("#block-0 script").count() == 0
    assert page.evaluate("window.pwned") is None
