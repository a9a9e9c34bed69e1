"""Who may talk to the review server, as plain ASGI middleware in front of the whole app.

- The `Host` header must name this server: `localhost`, an IP address, or the `--host`
  given, with its port. A page on another site whose name was made to resolve to 127.0.0.1
  (DNS rebinding) sends its own name, and is refused (403).
- An `Origin` header, when a browser sends one, must be this server's own (403 otherwise):
  no other site's page can make the browser write here.
- Every API call needs `Authorization: Bearer TOKEN` (401 otherwise). Pages need the token
  once, in the address `statements serve` printed: it is then kept in a cookie (HttpOnly,
  SameSite=Strict, so no other site's request carries it) and removed from the address, so
  it never reaches the history, a Referer or another site's logs.
- Every answer carries a strict Content-Security-Policy (scripts, styles and requests from
  this server only; no inline script, no frames) and `Referrer-Policy: no-referrer`.
"""

from __future__ import annotations

import html
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
OPEN_PREFIXES = ("/static/",)  # the package's own CSS and JavaScript: nothing secret


def cookie_name(port: int) -> str:
    # Cookies are shared by every port of a host: one name per server keeps two apart.
    return f"statements_token_{port}"


class Guard:
    def __init__(self, app: ASGIApp, token: str, host: str, port: int) -> None:
        self.app = app
        self.token = token
        self.host = host.strip("[]").lower()
        self.port = port
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        path: str = scope["path"]
        api = path.startswith("/api/")

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(HEADERS)
                if not path.startswith(OPEN_PREFIXES):
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        if not self.host_allowed(host):
            reason = (
                f"unexpected Host header {host!r}: open the address `statements serve` printed "
                f"(http://127.0.0.1:{self.port}/…)."
            )
            await refuse(secured, 403, reason, api)
            return
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{host}":
            await refuse(
                secured, 403, f"requests from {origin} are refused: only this page may write here.", api
            )
            return
        if path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, secured)
            return
        authorization = headers.get("authorization", "")
        bearer = authorization[7:].strip() if authorization.startswith("Bearer ") else ""
        if api:
            if not self.valid(bearer):
                await refuse(
                    secured,
                    401,
                    "this API needs the header `Authorization: Bearer TOKEN`, with the token from "
                    "the address `statements serve` printed.",
                    api,
                    [(b"www-authenticate", b'Bearer realm="statements"')],
                )
                return
            await self.app(scope, receive, secured)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if given:
            if not self.valid(given[-1]):
                await refuse(secured, 401, "this token is not the one `statements serve` printed.", api)
                return
            # Keep the token in a cookie and take it out of the address.
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            raw = scope.get("raw_path") or path.encode()
            location = ("/" if raw.startswith(b"//") else raw.decode("latin-1")) + (
                f"?{rest}" if rest else ""
            )
            cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
            await respond(
                secured,
                303,
                b"",
                [
                    (b"location", location.encode()),
                    (b"set-cookie", cookie.encode()),
                    (b"content-length", b"0"),
                ],
            )
            return
        jar = SimpleCookie()
        try:
            jar.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header counts as no cookie
            jar = SimpleCookie()
        held = jar[self.cookie].value if self.cookie in jar else ""
        if not (self.valid(held) or self.valid(bearer)):
            await refuse(
                secured,
                401,
                "open the address `statements serve` printed when it started (it ends in ?token=…).",
                api,
            )
            return
        await self.app(scope, receive, secured)

    def valid(self, token: str) -> bool:
        return bool(token) and secrets.compare_digest(token.encode(), self.token.encode())

    def host_allowed(self, header: str) -> bool:
        name, sep, port = header.rpartition(":")
        if not sep or "]" in port:  # no port given: it must be the default one
            name, port = header, "80"
        if port != str(self.port):
            return False
        name = name.strip("[]").lower()
        if name in ("localhost", self.host):
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True  # an address, not a name: nothing to rebind


async def respond(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def refuse(
    send: Send, status: int, reason: str, api: bool, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    """A refusal that says what to do: JSON for the API, a short page for a person."""
    if api:
        body = json.dumps({"error": reason}).encode()
        kind = b"application/json"
    else:
        body = error_page(status, reason).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await respond(send, status, body, headers)


def error_page(status: int, message: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>statements</title>'
        '<link rel="stylesheet" href="/static/app.css"></head><body class="refused">'
        f'<h1>{status}</h1><p>{html.escape(message)}</p><p><a href="/">All statements</a></p></body></html>'
    )
