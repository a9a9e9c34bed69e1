"""The review page: how fast `statements serve` answers with 100 translated statements.

    .venv/bin/python bench/serve.py [--statements 100] [--runs 20]

Synthetic Spanish statements (4 paragraphs of 3 sentences), translated by Apertium, served
by `statements serve --port 0` in its own process and asked over real HTTP. The fidelity
checks are the slow part of a page; the server remembers each block's findings, and runs
them all in the background as it starts. So the first request is timed twice: at once
after start-up, and after --settle seconds; the rest are medians of --runs requests. With Debian's chromium and Playwright installed,
it also times the whole home page in the browser: navigation until the last row is drawn.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import machine, median_time, table, write_statements  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--settle", type=float, default=10, help="seconds to let start-up work finish")
    args = parser.parse_args()
    if not shutil.which("apertium"):
        sys.exit(
            "this benchmark translates with Apertium: install Debian's apertium-eng-spa (make setup as root)"
        )
    root = Path(tempfile.mkdtemp())
    write_statements(root, args.statements, paragraphs=4, sentences=3)
    statements = str(Path(sys.executable).parent / "statements")
    subprocess.run([statements, "--root", str(root), "translate", "--engine", "apertium"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    def start_server() -> tuple[subprocess.Popen[str], str, int, str]:
        process = subprocess.Popen(
            [statements, "--root", str(root), "serve", "--port", "0", "--no-open"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        port = int(url.split(":")[2].split("/")[0])
        return process, url, port, url.split("token=")[1]

    process, url, port, token = start_server()
    auth = {"Authorization": f"Bearer {token}"}

    def get(path: str, headers: dict[str, str] | None = None) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", path, headers=headers or auth)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
        return body

    def put(path: str, payload: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("PUT", path, payload, auth | {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        connection.close()

    rows = []
    start = time.perf_counter()
    listing = get("/api/statements")
    rows.append(
        [
            "GET /api/statements, right after start-up",
            f"{1000 * (time.perf_counter() - start):.0f}",
            len(listing),
        ]
    )
    process.terminate()
    process.wait()
    process, url, port, token = start_server()
    auth = {"Authorization": f"Bearer {token}"}
    time.sleep(args.settle)
    start = time.perf_counter()
    get("/api/statements")
    first = 1000 * (time.perf_counter() - start)
    rows.append(
        [
            f"GET /api/statements, first request {args.settle:.0f} s after start-up",
            f"{first:.0f}",
            len(listing),
        ]
    )
    cookie = {"Cookie": f"statements_token_{port}={token}"}
    api = "/api/statements/s0050/en"
    for label, path, headers in [
        ("GET / (the home page's HTML)", "/", cookie),
        ("GET /static/app.js", "/static/app.js", auth),
        ("GET /api/statements (warm)", "/api/statements", auth),
        ("GET /api/statements?show=findings", "/api/statements?show=findings", auth),
        (f"GET {api}", api, auth),
    ]:
        ms = 1000 * median_time(lambda path=path, headers=headers: get(path, headers), args.runs)
        rows.append([label, f"{ms:.1f}", len(get(path, headers))])
    edits = iter(range(10**6))

    def edit() -> None:
        put(f"{api}/blocks/1", json.dumps({"text": f"Edit {next(edits)}.", "status": "edited"}))

    rows.append(
        ["PUT …/blocks/1 (an edit: lock, save, checks)", f"{1000 * median_time(edit, args.runs):.1f}", "-"]
    )

    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            page = browser.new_page()
            page.goto(url)  # sets the cookie
            last = f"tbody tr:nth-child({args.statements})"
            page.wait_for_selector(last)

            def load() -> None:
                page.goto(url.split("?")[0])
                page.wait_for_selector(last)

            rows.append(
                [
                    f"home page in chromium, until row {args.statements} is drawn",
                    f"{1000 * median_time(load, 10):.0f}",
                    "-",
                ]
            )
            browser.close()
    process.terminate()
    process.wait()
    shutil.rmtree(root)
    print(f"machine: {machine()}")
    print(
        f"{args.statements} statements, each translated (es→en) by Apertium; medians of {args.runs} requests"
    )
    print(table(["request", "ms", "bytes"], rows))


if __name__ == "__main__":
    main()
