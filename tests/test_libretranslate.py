"""`--engine libretranslate` against a real LibreTranslate server (tests/libretranslate_server.py).

Requests are counted by a small proxy between the pipeline and the server. The tiny es→en
package stops after a few tokens (eos_bias), so translations are quick; the en→es one runs
to the length limit, which the degeneration guard catches.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import libretranslate_server as lt
from tests.conftest import Invoke, make_invoker, needs_apertium
from tests.tiny_argos import CORPUS_ES

needs_server = pytest.mark.skipif(lt.missing_reason() is not None, reason=lt.missing_reason() or "")

ES = CORPUS_ES  # eight Spanish sentences, each a segment of its own


def statement(root: Path, slug: str, title: str, *paragraphs: str, lang: str = "es") -> None:
    (root / "originals").mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(paragraphs)
    (root / "originals" / f"{slug}.md").write_text(f"---\ntitle: {title}\nlang: {lang}\n---\n\n{body}\n")


def summary_of(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def machine_rows(root: Path) -> dict[str, str]:
    db = sqlite3.connect(root / ".statements" / "memory.sqlite3")
    try:
        return dict(db.execute("SELECT source, target FROM machine WHERE engine = 'libretranslate'"))
    finally:
        db.close()


def direct(url: str, texts: list[str], source: str = "es", target: str = "en") -> list[str]:
    body = json.dumps({"q": texts, "source": source, "target": target, "format": "text"}).encode()
    request = urllib.request.Request(url + "/translate", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())["translatedText"]  # type: ignore[no-any-return]


@pytest.fixture
def lt_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Quick retries, and none of the developer's own LIBRETRANSLATE_* settings."""
    for name in (
        "LIBRETRANSLATE_API_KEY",
        "LIBRETRANSLATE_BATCH",
        "LIBRETRANSLATE_CONCURRENCY",
        "LIBRETRANSLATE_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LIBRETRANSLATE_RETRIES", "2")
    monkeypatch.setenv("LIBRETRANSLATE_BACKOFF", "0.05")
    return monkeypatch


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, lt.Server]]:
    """The module's servers, started side by side (each takes seconds to import its models):
    - `shared`: es↔en, with small limits to respect: 4 segments per request, 120 characters each;
    - `keyed`: es→en (and fr→en, so that boot finds two packages), keys required: `good-key`,
      and `slow-key`, allowed 2 segments a minute;
    - `dying`: es↔en, for the test that kills it.
    """
    reason = lt.missing_reason()
    if reason:
        pytest.skip(reason)
    from tests.tiny_argos import build_package

    tmp = tmp_path_factory.mktemp("libretranslate")
    es_en = build_package(tmp / "build", "es", "en", seed=7, eos_bias=2.0)
    en_es = build_package(tmp / "build", "en", "es", seed=8)
    fr_en = build_package(tmp / "build", "fr", "en", seed=9, eos_bias=2.0)
    spacy = lt.blank_spacy(tmp / "spacy")
    both = lt.install_packages(tmp / "both", [es_en, en_es], spacy)
    lt.add_api_keys(tmp / "keyed", {"good-key": 1000, "slow-key": 2})
    running = {
        "shared": lt.launch(both, tmp / "shared", "--batch-limit", "4", "--char-limit", "120"),
        "keyed": lt.launch(
            lt.install_packages(tmp / "es-en", [es_en, fr_en], spacy),
            tmp / "keyed",
            "--api-keys",
            "--require-api-key-origin",
            r"^https://nowhere\.invalid$",
        ),
        "dying": lt.launch(both, tmp / "dying"),
    }
    try:
        yield {name: server.ready() for name, server in running.items()}
    finally:
        for server in running.values():
            server.stop()


@pytest.fixture
def server(servers: dict[str, lt.Server]) -> lt.Server:
    return servers["shared"]


@pytest.fixture
def proxy(server: lt.Server) -> Iterator[lt.Proxy]:
    with lt.Proxy(server.url) as counting:
        yield counting


@pytest.fixture
def meeting_proxy(server: lt.Server) -> Iterator[lt.Proxy]:
    """A counting proxy whose first two requests wait for each other (10 s at most)."""
    with lt.Proxy(server.url, together=2) as counting:
        yield counting


@needs_server
def test_batched_requests_in_order_then_the_memory_sends_nothing(
    tmp_path: Path, meeting_proxy: lt.Proxy, server: lt.Server, lt_env: pytest.MonkeyPatch
) -> None:
    proxy = meeting_proxy
    root = tmp_path / "ws"
    statement(root, "a", "Primera", ES[0] + " " + ES[1], ES[2])
    statement(root, "b", "Segunda", ES[3], ES[4] + " " + ES[5])
    statement(root, "c", "Tercera", ES[6] + " " + ES[7])
    lt_env.setenv("LIBRETRANSLATE_URL", proxy.url)
    lt_env.setenv("LIBRETRANSLATE_BATCH", "3")
    lt_env.setenv("LIBRETRANSLATE_CONCURRENCY", "2")
    lt_env.setenv("STATEMENTS_CHUNK", "5")
    cli = make_invoker(root)

    first = summary_of(cli("translate", "--to", "en", "--engine", "libretranslate", "--json"))
    sent = proxy.translations()
    items = [s for seen in sent for s in seen.q]
    assert first["segments"] == 11 and first["memory_hits"] == 0
    assert sorted(items) == sorted([*ES, "Primera", "Segunda", "Tercera"])  # each segment once
    # Chunks of 5, 5 and 1 segments, each spread over the 2 workers: 3+2, 3+2, 1.
    assert sorted(len(seen.q) for seen in sent) == [1, 2, 2, 3, 3]
    assert all(seen.status == 200 for seen in sent)
    assert proxy.most_in_flight == 2  # two at once, never more
    assert first["engine_calls"] == 3  # one per chunk

    # Every output is the server's translation of its own segment, whatever the request order.
    remembered = machine_rows(root)
    assert remembered == {item: direct(server.url, [item])[0] for item in items}
    block = json.loads((root / "translations" / "en" / "a.align.json").read_text())["blocks"][0]
    assert block["provenance"]["engine"] == "libretranslate"
    assert block["provenance"]["version"] == "1.9.6"
    assert block["provenance"]["settings"]["server"] == proxy.url

    summary_of(cli("translate", "--to", "en", "--engine", "libretranslate", "--json"))
    shutil.rmtree(root / "translations")
    again = summary_of(cli("translate", "--to", "en", "--engine", "libretranslate", "--json"))
    assert again["engine_calls"] == 0 and again["memory_hits"] == again["segments"] == 11
    assert len(proxy.translations()) == len(sent)  # neither later run sent anything


@needs_server
def test_the_servers_limits_are_kept(tmp_path: Path, proxy: lt.Proxy, lt_env: pytest.MonkeyPatch) -> None:
    # The server takes 4 segments per request (--batch-limit, which it does not publish)
    # and 120 characters per segment (--char-limit, which it does).
    root = tmp_path / "ws"
    long = " ".join(ES[:3])  # 179 characters: one sentence for the segmenter, too long for the server
    statement(root, "a", "Límites", long.replace(".", ",").rstrip(",") + ".", *ES[3:])
    lt_env.setenv("LIBRETRANSLATE_URL", proxy.url)
    lt_env.setenv("LIBRETRANSLATE_BATCH", "8")
    lt_env.setenv("LIBRETRANSLATE_CONCURRENCY", "1")
    summary = summary_of(
        make_invoker(root)("translate", "--to", "en", "--engine", "libretranslate", "--json")
    )
    sent = proxy.translations()
    assert [seen.status for seen in sent][:1] == [400]  # 7 segments: refused, and the limit learnt
    assert all(seen.status == 200 and len(seen.q) <= 4 for seen in sent[1:])
    assert all(len(item) <= 120 for seen in sent for item in seen.q)
    assert summary["segments"] == 7
    blocks = json.loads((root / "translations" / "en" / "a.align.json").read_text())["blocks"]
    assert blocks[0]["machine"].strip()


@needs_server
@pytest.mark.parametrize(
    "refusal",
    [(429, {}), (429, {"Retry-After": "1"}), (503, {})],
    ids=["429", "429-retry-after", "503"],
)
def test_refusals_are_retried(
    tmp_path: Path, proxy: lt.Proxy, lt_env: pytest.MonkeyPatch, refusal: tuple[int, dict[str, str]]
) -> None:
    root = tmp_path / "ws"
    statement(root, "a", "Reintentos", ES[0])
    lt_env.setenv("LIBRETRANSLATE_URL", proxy.url)
    lt_env.setenv("LIBRETRANSLATE_CONCURRENCY", "1")
    proxy.script = [refusal]
    summary = summary_of(
        make_invoker(root)("translate", "--to", "en", "--engine", "libretranslate", "--json")
    )
    assert [seen.status for seen in proxy.translations()] == [refusal[0], 200]
    assert proxy.early == []  # no retry came before the Retry-After the proxy asked for
    assert summary["segments"] == 2 and len(machine_rows(root)) == 2


def two_statements(root: Path) -> None:
    """`a` has the two shortest segments (sent first, as segments go by length); `b` the rest."""
    statement(root, "a", "Uno", "Dos.")
    statement(root, "b", "Un título bastante más largo", ES[0], ES[1])


def assert_only_a_was_written(root: Path) -> None:
    done = root / "translations" / "en"
    assert (done / "a.align.json").exists() and (done / "a.md").exists()
    assert not (done / "b.align.json").exists() and not (done / "b.md").exists()
    assert sorted(machine_rows(root)) == ["Dos.", "Uno"]
    assert not [p for p in root.rglob("*.tmp")]


@needs_server
def test_a_server_that_keeps_refusing(
    tmp_path: Path, servers: dict[str, lt.Server], lt_env: pytest.MonkeyPatch
) -> None:
    # LibreTranslate's own 429 carries no Retry-After; its window is a minute, longer than the retries.
    root = tmp_path / "ws"
    two_statements(root)
    lt_env.setenv("LIBRETRANSLATE_URL", servers["keyed"].url)
    lt_env.setenv("LIBRETRANSLATE_API_KEY", "slow-key")
    lt_env.setenv("LIBRETRANSLATE_BATCH", "1")
    lt_env.setenv("LIBRETRANSLATE_CONCURRENCY", "1")
    lt_env.setenv("STATEMENTS_CHUNK", "1")
    result = make_invoker(root)("translate", "--to", "en", "--engine", "libretranslate")
    assert result.exit_code == 1
    assert "429" in result.stderr and "after 3 attempts" in result.stderr and "Traceback" not in result.output
    assert_only_a_was_written(root)


@needs_server
def test_a_server_that_dies_mid_run(
    tmp_path: Path, servers: dict[str, lt.Server], lt_env: pytest.MonkeyPatch
) -> None:
    dying = servers["dying"]
    with lt.Proxy(dying.url, after_translate=lambda n: dying.stop() if n == 2 else None) as proxy:
        root = tmp_path / "ws"
        two_statements(root)
        lt_env.setenv("LIBRETRANSLATE_URL", proxy.url)
        lt_env.setenv("LIBRETRANSLATE_BATCH", "1")
        lt_env.setenv("LIBRETRANSLATE_CONCURRENCY", "1")
        lt_env.setenv("STATEMENTS_CHUNK", "1")
        result = make_invoker(root)("translate", "--to", "en", "--engine", "libretranslate")
    assert dying.process.returncode is not None  # really gone
    assert result.exit_code == 1
    assert "stopped answering" in result.stderr and "run the command again" in result.stderr
    assert [seen.status for seen in proxy.translations()] == [200, 200, 0, 0, 0]  # 0: no answer
    assert_only_a_was_written(root)


@needs_server
def test_keys_and_pairs(tmp_path: Path, servers: dict[str, lt.Server], lt_env: pytest.MonkeyPatch) -> None:
    keyed = servers["keyed"]
    root = tmp_path / "ws"
    statement(root, "es", "Clave", ES[0])
    statement(root, "en", "Key", "The workers demand decent wages and stable contracts.", lang="en")
    cli = make_invoker(root)
    lt_env.setenv("LIBRETRANSLATE_URL", keyed.url)

    result = cli("translate", "es", "--engine", "libretranslate")
    assert result.exit_code == 1 and "requires an API key: set LIBRETRANSLATE_API_KEY" in result.stderr

    lt_env.setenv("LIBRETRANSLATE_API_KEY", "wrong-key")
    result = cli("translate", "es", "--engine", "libretranslate")
    assert result.exit_code == 1 and "refused the API key" in result.stderr
    assert not (root / "translations").exists() and machine_rows(root) == {}

    lt_env.setenv("LIBRETRANSLATE_API_KEY", "good-key")
    result = cli("translate", "en", "--engine", "libretranslate")
    assert result.exit_code == 1 and "cannot translate en→es" in result.stderr
    assert "argospm install translate-en_es" in result.stderr

    assert summary_of(cli("translate", "es", "--engine", "libretranslate", "--json"))["segments"] == 2
    written = b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file())
    assert keyed.url.encode() in written and b"good-key" not in written  # the address, never the key

    doctor = {c["name"]: c for c in summary_of(cli("doctor", "--json"))}["libretranslate"]
    assert not doctor["ok"] and "es→en" in doctor["detail"] and "en→es" not in doctor["detail"]
    assert "argospm install translate-en_es" in doctor["fix"]


@needs_server
def test_doctor_reports_the_server(server: lt.Server, cli: Invoke, lt_env: pytest.MonkeyPatch) -> None:
    lt_env.setenv("LIBRETRANSLATE_URL", server.url + "/")
    doctor = {c["name"]: c for c in summary_of(cli("doctor", "--json"))}["libretranslate"]
    assert doctor["ok"], doctor
    assert doctor["detail"].startswith(f"{server.url}: LibreTranslate 1.9.6, pairs en→es, es→en")


@needs_server
@needs_apertium
def test_degenerate_output_goes_to_the_fallback(
    tmp_path: Path, server: lt.Server, lt_env: pytest.MonkeyPatch
) -> None:
    # The tiny en→es package talks on to the length limit: the guard catches it, Apertium steps in.
    root = tmp_path / "ws"
    statement(root, "a", "Strike", "The strike will continue.", lang="en")
    lt_env.setenv("LIBRETRANSLATE_URL", server.url)
    summary_of(make_invoker(root)("translate", "--to", "es", "--engine", "libretranslate", "--json"))
    block = json.loads((root / "translations" / "es" / "a.align.json").read_text())["blocks"][0]
    assert len(machine_rows(root)["The strike will continue."]) > 200  # what the server said
    assert block["provenance"]["fallback"]["engine"] == "apertium"
    assert "fallback" in block["flags"] and block["machine"] == "La huelga continuará."


def test_auto_never_picks_the_server(cli: Invoke, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.translate.engines.apertium as ap

    monkeypatch.setattr(ap, "installed_modes", lambda: frozenset())
    with lt.Proxy("http://127.0.0.1:9") as proxy:
        monkeypatch.setenv("LIBRETRANSLATE_URL", proxy.url)
        statement(workspace, "x", "X", ES[0])
        result = cli("translate", "x")
    assert result.exit_code == 1 and "no es→en engine is installed" in result.stderr
    assert proxy.seen == []


def test_no_server_no_address(cli: Invoke, workspace: Path, lt_env: pytest.MonkeyPatch) -> None:
    statement(workspace, "x", "X", ES[0])
    lt_env.delenv("LIBRETRANSLATE_URL", raising=False)
    result = cli("translate", "x", "--engine", "libretranslate")
    assert result.exit_code == 1 and "needs the server's address: set LIBRETRANSLATE_URL" in result.stderr
    lt_env.setenv("LIBRETRANSLATE_URL", f"http://127.0.0.1:{lt.free_port()}")
    result = cli("translate", "x", "--engine", "libretranslate")
    assert result.exit_code == 1 and "cannot reach LibreTranslate" in result.stderr
    assert "connection refused" in result.stderr
    lt_env.setenv("LIBRETRANSLATE_URL", "http://user:secret@translate.example.org")
    result = cli("translate", "x", "--engine", "libretranslate")
    assert (
        result.exit_code == 1 and "give the bare address" in result.stderr and "secret" not in result.stderr
    )
    assert not (workspace / "translations").exists()
    doctor = {c["name"]: c for c in summary_of(cli("doctor", "--json"))}["libretranslate"]
    assert not doctor["ok"] and "give the bare address" in doctor["detail"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text("ab ", min_size=1, max_size=12), min_size=1, max_size=12), st.integers(1, 20))
def test_long_segments_are_cut_between_words(words: list[str], limit: int) -> None:
    from pipeline.translate.engines.libretranslate import _split

    text = " ".join(words)
    pieces = _split(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())  # nothing lost, nothing added
    if all(len(w) <= limit for w in text.split()):
        assert " ".join(pieces).split() == text.split()  # words stay whole


@pytest.mark.parametrize(
    ("header", "seconds"),
    [(None, None), ("7", 7.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None)],
)
def test_retry_after(header: str | None, seconds: float | None) -> None:
    from pipeline.translate.engines.libretranslate import _retry_after

    assert _retry_after(header) == seconds


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LIBRETRANSLATE_URL": "translate.example.org"}, "not a server address"),
        ({"LIBRETRANSLATE_URL": "http://h:5000/?x=1"}, "without ?query"),
        ({"LIBRETRANSLATE_URL": "http://h", "LIBRETRANSLATE_BATCH": "0"}, "LIBRETRANSLATE_BATCH='0'"),
        ({"LIBRETRANSLATE_URL": "http://h", "LIBRETRANSLATE_TIMEOUT": "x"}, "LIBRETRANSLATE_TIMEOUT='x'"),
    ],
)
def test_configuration_errors_say_what_to_set(env: dict[str, str], message: str) -> None:
    from pipeline.errors import EngineError
    from pipeline.translate.engines.libretranslate import Config

    with pytest.raises(EngineError, match=re.escape(message)):
        Config.from_env(env)
    assert Config.from_env({"LIBRETRANSLATE_URL": "HTTP://Host:5000/lt/"}).url == "http://host:5000/lt"
