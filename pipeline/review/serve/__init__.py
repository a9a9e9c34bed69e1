"""`statements serve`: the review page, a small Starlette app run by uvicorn on 127.0.0.1.

- `app`       the pages and the JSON API, built on the library (review.edit, review.findings);
- `guard`     the token, Host and Origin checks and the security headers, in front of everything;
- `views`     what the pages show: statuses, diffs, findings, block versions;
- `templates/`, `static/`   the page shell, its CSS and JavaScript (served from the package).

The framework is imported here only, so that `statements --help` does not load it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.errors import PipelineError, ServeError
from pipeline.workspace import Workspace

WILDCARDS = ("0.0.0.0", "::", "")


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, bound before anything is printed, so a taken port is a clear error."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(f"--host {host}: {exc.strerror}. Use an address such as 127.0.0.1.") from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is in use (is `statements serve` already running?). "
                "Choose another with --port N, or --port 0 for any free one."
            ) from exc
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}. Try --host 127.0.0.1.") from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def address(host: str, port: int, token: str) -> str:
    """The address to open: a wildcard host is reached at the loopback address."""
    shown = host
    if host in WILDCARDS:
        shown = "::1" if host == "::" else "127.0.0.1"
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/?token={token}"


def display_available() -> bool:
    """Whether a browser can be shown: a desktop session (or a system that always has one)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@dataclass
class Site:
    """A review server bound to its socket, not yet running: `run()` serves until stopped."""

    server: Any  # uvicorn.Server
    sock: socket.socket
    url: str
    token: str
    port: int

    def run(self) -> None:
        with contextlib.suppress(KeyboardInterrupt):
            self.server.run(sockets=[self.sock])

    def stop(self) -> None:
        self.server.should_exit = True


def site(ws: Workspace, host: str = "127.0.0.1", port: int = 8750) -> Site:
    """Bind the address and build the app, with a new secret token."""
    import uvicorn

    from pipeline.review.serve.app import create_app

    sock = listen(host, port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    config = uvicorn.Config(
        create_app(ws, token, host, port),
        log_level="warning",
        access_log=False,  # the first request's address holds the token
        lifespan="off",
        server_header=False,
        timeout_graceful_shutdown=3,
    )
    return Site(uvicorn.Server(config), sock, address(host, port, token), token, port)


def serve(
    ws: Workspace,
    host: str = "127.0.0.1",
    port: int = 8750,
    open_browser: bool | None = None,
    announce: Callable[[str], Any] | None = None,
) -> None:
    """Serve the review page until interrupted. `announce` gets the address (with the token) first."""
    from pipeline.review.serve.views import statement_list

    running = site(ws, host, port)
    if announce is None:
        print(running.url, flush=True)
    else:
        announce(running.url)
    if host in WILDCARDS:
        print(
            "warning: listening on every network interface; anyone who can reach this machine "
            "and has the token can change translations.",
            file=sys.stderr,
        )
    print(f"serving {ws.root}; press Ctrl-C to stop.", file=sys.stderr)

    def prewarm() -> None:
        # The fidelity checks are the slow part of the first page: run them before it is asked for.
        with contextlib.suppress(PipelineError, OSError):
            statement_list(ws)

    threading.Thread(target=prewarm, name="prewarm", daemon=True).start()
    if open_browser is None:
        open_browser = display_available()
    if open_browser:
        import webbrowser

        threading.Thread(target=webbrowser.open, args=(running.url,), daemon=True).start()
    running.run()
