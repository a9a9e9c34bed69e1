"""A real LibreTranslate server on 127.0.0.1 for the tests, offline, and a counting proxy for it.

The server comes from PyPI's `libretranslate`, in its own virtual environment
(`.venv-libretranslate/`, built by `make test`; it pins Flask 2.2 and numpy < 2, so it cannot
share ours). What makes it start and translate with no network:
- ARGOS_PACKAGES_DIR holds the tiny packages, two of them: with fewer, boot updates the
  package index, pointed here at a closed local port so that fails at once;
- ARGOS_CHUNK_TYPE=SPACY with a blank spaCy pipeline in each package (the default splitter,
  MiniSBD, downloads a model on the first translation; a pipeline saved with a sentencizer
  makes the server exit, as LibreTranslate adds its own);
- a seeded spaCy cache, $XDG_CACHE_HOME/argos-translate/spacy/senter/model: without it,
  importing argostranslate.sbd runs `spacy download xx_sent_ud_sm`;
- private XDG folders, and no inherited LT_* or ARGOS_* variable (LibreTranslate reads
  LT_<OPTION> for each of its options), so the developer's own settings stay out.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("STATEMENTS_LIBRETRANSLATE_VENV") or REPO / ".venv-libretranslate")


def missing_reason() -> str | None:
    """Why the server cannot run here, or None when it can."""
    if not (VENV / "bin" / "libretranslate").exists() or not list(VENV.glob(".installed-*")):
        return (
            f"LIBRETRANSLATE MISSING: no LibreTranslate virtual environment at {VENV}; "
            "`make test` builds it (pip install libretranslate==1.9.6 spacy==3.8.18). "
            "The tests of --engine libretranslate against a real server did not run"
        )
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def blank_spacy(folder: Path) -> Path:
    """A blank multilingual spaCy pipeline (no sentencizer: LibreTranslate adds its own),
    made once by the server's spaCy and copied into every package."""
    script = "import sys, spacy; spacy.blank('xx').to_disk(sys.argv[1])"
    subprocess.run(
        [str(VENV / "bin" / "python"), "-W", "ignore", "-c", script, str(folder)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder


def install_packages(folder: Path, packages: list[Path], spacy: Path) -> Path:
    """Install .argosmodel files into `folder` through the product's own installer, each with
    the blank spaCy pipeline LibreTranslate needs to split sentences offline."""
    from pipeline.translate.engines.argos_packages import install_file

    before = os.environ.get("ARGOS_PACKAGES_DIR")
    os.environ["ARGOS_PACKAGES_DIR"] = str(folder)
    try:
        for package in packages:
            shutil.copytree(spacy, install_file(package).path / "spacy")
    finally:
        if before is None:
            os.environ.pop("ARGOS_PACKAGES_DIR", None)
        else:
            os.environ["ARGOS_PACKAGES_DIR"] = before
    return folder


def add_api_keys(state: Path, keys: dict[str, int]) -> None:
    """Keys for `--api-keys`, each with its requests per minute, written before the server
    starts (it caches unknown keys as invalid), in LibreTranslate 1.9.6's table
    (what `ltmanage keys add` writes, without two slow imports of the server)."""
    db = state / "db" / "api_keys.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            'CREATE TABLE IF NOT EXISTS api_keys ("api_key" TEXT NOT NULL, "req_limit" INTEGER NOT NULL, '
            '"char_limit" INTEGER DEFAULT NULL, PRIMARY KEY("api_key"))'
        )
        conn.executemany("INSERT INTO api_keys (api_key, req_limit) VALUES (?, ?)", keys.items())


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def stop(self) -> None:
        """SIGTERM to its process group (waitress dies at once), SIGKILL if it lingers."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def ready(self, timeout: float = 90) -> Server:
        """This server, once GET /languages answers (the app is built before the port opens)."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"LibreTranslate did not start:\n{self.log.read_text(errors='replace')[-3000:]}"
                )
            try:
                with urllib.request.urlopen(self.url + "/languages", timeout=2) as answer:
                    if json.loads(answer.read()):
                        return self
            except (OSError, ValueError):
                time.sleep(0.1)


def launch(packages: Path, state: Path, *flags: str, env: dict[str, str] | None = None) -> Server:
    """Start LibreTranslate on a free port; `Server.ready()` waits until it answers.
    `env` adds to its offline environment (benchmarks set ARGOS_INTER_THREADS, say)."""
    state.mkdir(parents=True, exist_ok=True)
    cache = state / "xdg-cache" / "argos-translate" / "spacy"
    (cache / "senter" / "model").mkdir(parents=True, exist_ok=True)
    shutil.copytree(next(packages.glob("*/spacy")), cache, dirs_exist_ok=True)
    extra = env or {}
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LT_", "ARGOS_", "LIBRETRANSLATE_")) and k != "VIRTUAL_ENV"
    }
    env.update(
        ARGOS_PACKAGES_DIR=str(packages),
        ARGOS_CHUNK_TYPE="SPACY",
        ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/",
        ARGOS_DEVICE_TYPE="cpu",
        XDG_DATA_HOME=str(state / "xdg-data"),
        XDG_CONFIG_HOME=str(state / "xdg-config"),
        XDG_CACHE_HOME=str(state / "xdg-cache"),
        PYTHONWARNINGS="ignore",
    )
    env.update(extra)
    port = free_port()
    log = state / "server.log"
    cmd = [str(VENV / "bin" / "libretranslate"), "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--disable-web-ui", "--disable-files-translation", *flags]
    with open(log, "ab") as out:
        # Its own session, so stop() ends it whole; output to a file (it logs every request).
        process = subprocess.Popen(
            cmd, cwd=state, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True
        )
    return Server(process, f"http://127.0.0.1:{port}", log)


def start(packages: Path, state: Path, *flags: str) -> Server:
    return launch(packages, state, *flags).ready()


@dataclass
class Seen:
    method: str
    path: str
    q: list[str]
    status: int
    at: float


@dataclass
class Proxy:
    """Forwards to a server and records every request; can answer for it, or see it die.

    `script` holds answers given instead of the server's to the next POST /translate
    requests: (status, headers). After an answer with Retry-After, a request that comes
    back sooner is recorded in `early` and refused again, as a rate limiter would.
    `after_translate(n)` runs before the n-th forwarded translation is relayed. When the
    server is gone, the connection is closed without an answer, as a dead server's is.
    The first `together` translation requests wait (10 s at most) until all of them have
    arrived, which shows whether a client really sends them at the same time.
    """

    upstream: str
    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    after_translate: Callable[[int], None] | None = None
    seen: list[Seen] = field(default_factory=list)
    early: list[float] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    forwarded: int = 0
    not_before: float = 0.0
    together: int = 0
    arrived: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.httpd is not None
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def translations(self) -> list[Seen]:
        return [s for s in self.seen if s.method == "POST" and s.path == "/translate"]

    def __enter__(self) -> Proxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                proxy.handle(self, "GET")

            def do_POST(self) -> None:
                proxy.handle(self, "POST")

        self.barrier = threading.Barrier(max(1, self.together))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.httpd is not None
        self.httpd.shutdown()
        self.httpd.server_close()

    def handle(self, request: BaseHTTPRequestHandler, method: str) -> None:
        body = request.rfile.read(int(request.headers.get("Content-Length") or 0))
        translating = method == "POST" and request.path == "/translate"
        q = json.loads(body).get("q", []) if translating else []
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            now = time.monotonic()
            answer: tuple[int, dict[str, str]] | None = None
            if translating and now < self.not_before:
                self.early.append(self.not_before - now)
                answer = (429, {})
            elif translating and self.script:
                answer = self.script.pop(0)
                if "Retry-After" in answer[1]:
                    self.not_before = now + float(answer[1]["Retry-After"])
            meet = translating and self.arrived < self.together
            self.arrived += translating
        if meet:
            with contextlib.suppress(threading.BrokenBarrierError):
                self.barrier.wait(timeout=10)
        try:
            if answer is not None:
                status, headers = answer
                payload = json.dumps({"error": f"injected {status}"}).encode()
            else:
                try:
                    status, headers, payload = self.forward(method, request.path, body, request)
                except OSError:
                    self.record(method, request.path, q, 0)
                    request.close_connection = True  # the server is gone: no answer at all
                    return
                if translating:
                    with self.lock:
                        self.forwarded += 1
                        count = self.forwarded
                    if self.after_translate:
                        self.after_translate(count)
            self.record(method, request.path, q, status)
            request.send_response(status)
            for name, value in headers.items():
                request.send_header(name, value)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(payload)))
            request.end_headers()
            request.wfile.write(payload)
        finally:
            with self.lock:
                self.in_flight -= 1

    def forward(
        self, method: str, path: str, body: bytes, request: BaseHTTPRequestHandler
    ) -> tuple[int, dict[str, str], bytes]:
        host, port = self.upstream.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "connection")}
            conn.request(method, path, body=body or None, headers=headers)
            answer = conn.getresponse()
            return answer.status, {}, answer.read()
        finally:
            conn.close()

    def record(self, method: str, path: str, q: list[str], status: int) -> None:
        with self.lock:
            self.seen.append(Seen(method, path, q, status, time.monotonic()))
