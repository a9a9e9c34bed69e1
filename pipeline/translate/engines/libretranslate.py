"""LibreTranslate: a team's own server (the same Argos models behind an HTTP API), chosen on purpose.

Segments go as a list in `q`, at most LIBRETRANSLATE_BATCH per request, several requests in
flight at once (LIBRETRANSLATE_CONCURRENCY), so a pool of replicas behind a load balancer is
kept busy. The server publishes its --char-limit (`/frontend/settings`) but not its
--batch-limit: when it refuses a request as too big, the limit it names is learnt and the
request split. 429 and 5xx answers and dropped connections are retried with exponential
backoff, honouring Retry-After where a proxy sends one (LibreTranslate itself sends none).
Standard library only, so choosing this engine imports nothing heavy.
"""

from __future__ import annotations

import collections
import email.utils
import functools
import http.client
import json
import os
import random
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from pipeline.errors import EngineError
from pipeline.model import Provenance
from pipeline.translate.engines.base import Engine, Settings

URL_ENV = "LIBRETRANSLATE_URL"
KEY_ENV = "LIBRETRANSLATE_API_KEY"
# Longest Retry-After honoured; a server asking for more gets a message instead of a silent wait.
MAX_RETRY_AFTER = 300.0
_TEXT_LIMIT = re.compile(r"request \((\d+)\) exceeds text limit \((\d+)\)")


# Environment variable → (Config field, parser).
KNOBS: dict[str, tuple[str, Callable[[str], float]]] = {
    "LIBRETRANSLATE_BATCH": ("batch", int),
    "LIBRETRANSLATE_CONCURRENCY": ("concurrency", int),
    "LIBRETRANSLATE_TIMEOUT": ("timeout", float),
    "LIBRETRANSLATE_RETRIES": ("retries", int),
    "LIBRETRANSLATE_BACKOFF": ("backoff", float),
}


@dataclass(frozen=True)
class Config:
    """Where the server is and how hard to push it; read from the environment."""

    url: str
    api_key: str = ""
    batch: int = 16  # segments per request, at most
    concurrency: int = 4  # requests in flight
    timeout: float = 120.0  # seconds per request
    retries: int = 6  # after the first attempt: 1+2+4+…+32 s covers LibreTranslate's one-minute window
    backoff: float = 1.0  # first wait before a retry, doubled each time

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        env = os.environ if env is None else env
        options: dict[str, Any] = {}
        for name, (key, parse) in KNOBS.items():
            raw = env.get(name, "").strip()
            if not raw:
                continue
            try:
                value = parse(raw)
            except ValueError:
                value = -1
            if value < (0 if key in ("retries", "backoff") else 1) or (key == "timeout" and value <= 0):
                raise EngineError(f"{name}={raw!r} is not usable: give a positive number (see README).")
            options[key] = value
        return cls(server_url(env.get(URL_ENV, "")), env.get(KEY_ENV, "").strip(), **options)


def server_url(raw: str) -> str:
    """The server's address, checked and without a trailing slash ('' when none is set)."""
    raw = raw.strip()
    if not raw:
        return ""
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EngineError(
            f"{URL_ENV}={raw!r} is not a server address: give one like http://translate.example.org:5000."
        )
    if parts.username or parts.password:
        raise EngineError(
            f"{URL_ENV} carries a user name or password; give the bare address, and the key in {KEY_ENV}."
        )
    if parts.query or parts.fragment:
        raise EngineError(f"{URL_ENV}={raw!r}: give the server's address without ?query or #fragment.")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc.lower(), parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True)
class ServerInfo:
    """What the server says about itself: learnt once per run."""

    version: str  # LibreTranslate's own version (GET /spec); the server reports no model versions
    pairs: frozenset[tuple[str, str]]
    languages: tuple[str, ...]
    char_limit: int  # -1: none
    key_required: bool


class _TextLimit(Exception):
    """The server refused a request as too big: `size` is what it counted, `limit` its limit."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(size, limit)
        self.size, self.limit = size, limit


class _Stopped(EngineError):
    """The run is over (a request failed for good, or Ctrl-C): requests not yet sent are dropped."""


class _Pool:
    """At most `workers` requests at a time, in the order submitted.

    Daemon threads, started on demand and ended when the queue is empty, so an error or
    Ctrl-C never waits for a request still in flight, and an idle engine holds no thread.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.active = 0
        self.queue: collections.deque[tuple[Future[Any], Callable[[], Any]]] = collections.deque()
        self.lock = threading.Lock()

    def submit(self, fn: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        with self.lock:
            self.queue.append((future, fn))
            if self.active < self.workers:
                self.active += 1
                threading.Thread(target=self._work, daemon=True, name="libretranslate").start()
        return future

    def _work(self) -> None:
        while True:
            with self.lock:
                if not self.queue:
                    self.active -= 1
                    return
                future, fn = self.queue.popleft()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:
                future.set_exception(exc)


class LibreTranslateEngine(Engine):
    name = "libretranslate"

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.requests = 0  # POST /translate sent, retries included
        self._info: ServerInfo | None = None
        self._batch_limit = config.batch
        self._char_limit = -1
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._failure: BaseException | None = None  # the first request that failed for good
        self._pool = _Pool(config.concurrency)

    @classmethod
    def configure(cls, settings: Settings) -> LibreTranslateEngine:
        # Beam size and length penalty are the server's own settings (ARGOS_BEAM_SIZE there).
        return cls(Config.from_env())

    @property
    def url(self) -> str:
        if not self.config.url:
            raise EngineError(
                f"--engine libretranslate needs the server's address: set {URL_ENV}, "
                f"e.g. export {URL_ENV}=http://translate.example.org:5000 (and {KEY_ENV} if it needs a key)."
            )
        return self.config.url

    def server(self) -> ServerInfo:
        """The server's languages, limits and version, asked once (GET requests never use a key).

        A server that does not answer here is reported at once: retrying is for a run under way.
        """
        if self._info is None:
            languages = self._call("GET", "/languages")
            if not isinstance(languages, list):
                raise self._not_libretranslate("/languages")
            pairs = {
                (str(lang.get("code")), str(t))
                for lang in languages
                if isinstance(lang, dict)
                for t in lang.get("targets") or []
                if t != lang.get("code")
            }
            settings = self._optional("/frontend/settings")
            spec = self._optional("/spec")
            version = spec.get("info", {}).get("version") if isinstance(spec.get("info"), dict) else None
            self._info = ServerInfo(
                version=str(version or "unknown"),
                pairs=frozenset(pairs),
                languages=tuple(
                    sorted(str(lang.get("code")) for lang in languages if isinstance(lang, dict))
                ),
                char_limit=_int(settings.get("charLimit"), -1),
                key_required=bool(settings.get("keyRequired")),
            )
            if self._info.char_limit > 0:
                self._char_limit = self._info.char_limit
        return self._info

    def require(self, source: str, target: str) -> None:
        super().require(source, target)
        info = self.server()
        if (source, target) not in info.pairs:
            raise self._no_pair(
                source, target, "the server lists " + (", ".join(info.languages) or "no languages")
            )
        if info.key_required and not self.config.api_key:
            raise EngineError(f"LibreTranslate at {self.url} requires an API key: set {KEY_ENV} to your key.")

    def provenance(self, source: str, target: str) -> Provenance:
        # The address is part of the memory key, so two servers' outputs are never mixed;
        # the key never is. LibreTranslate reports no model package or version of its own.
        return Provenance(
            self.name, "LibreTranslate", self.server().version, {"server": self.url, "format": "text"}
        )

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        return self.start(segments, source, target)()

    def start(self, segments: list[str], source: str, target: str) -> Callable[[], list[str]]:
        """Queue this chunk's requests (several per chunk, so every worker has one); return the collector."""
        self.require(source, target)
        per_request = max(1, min(self._batch_limit, -(-len(segments) // self.config.concurrency)))
        futures = [
            self._pool.submit(functools.partial(self._request, segments[i : i + per_request], source, target))
            for i in range(0, len(segments), per_request)
        ]

        def collect() -> list[str]:
            out: list[str] = []
            try:
                for future in futures:
                    out.extend(future.result())
            except BaseException:
                self._cancel.set()  # nothing more is sent: this run is over
                for future in futures:
                    future.cancel()
                raise
            return out

        return collect

    def _request(self, texts: list[str], source: str, target: str) -> list[str]:
        """What a worker runs. A request that fails for good stops the others: the server is
        unusable for this run (down, refusing the key, ...), and the error is said once."""
        try:
            return self._translate(texts, source, target)
        except _Stopped:
            raise
        except BaseException as exc:
            with self._lock:
                if self._failure is None:
                    self._failure = exc
            self._cancel.set()
            raise

    def _stopped(self) -> _Stopped:
        return _Stopped(str(self._failure or "the LibreTranslate requests were stopped."))

    def _translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """One request, or several when the server's limits require it; outputs in order."""
        char_limit, batch_limit = self._char_limit, self._batch_limit
        if char_limit > 0 and any(len(t) > char_limit for t in texts):
            # A segment longer than the server accepts goes in pieces, split between words.
            pieces = [_split(t, char_limit) for t in texts]
            flat = self._translate([p for parts in pieces for p in parts], source, target)
            out, at = [], 0
            for parts in pieces:
                out.append(" ".join(s.strip() for s in flat[at : at + len(parts)] if s.strip()))
                at += len(parts)
            return out
        if len(texts) > batch_limit:
            return [
                s
                for i in range(0, len(texts), batch_limit)
                for s in self._translate(texts[i : i + batch_limit], source, target)
            ]
        try:
            return self._post(texts, source, target)
        except _TextLimit as refused:
            with self._lock:
                if refused.size == len(texts) and 0 < refused.limit < len(texts):
                    self._batch_limit = min(self._batch_limit, max(1, refused.limit))
                elif 0 < refused.limit < max(len(t) for t in texts):
                    self._char_limit = (
                        refused.limit if self._char_limit < 0 else min(self._char_limit, refused.limit)
                    )
                else:
                    raise EngineError(
                        f"LibreTranslate at {self.url} refused a request as too big "
                        f"({refused.size} > {refused.limit}) that is within the limit it names. "
                        "Lower LIBRETRANSLATE_BATCH, or report this to the server's operator."
                    ) from None
            return self._translate(texts, source, target)

    def _post(self, texts: list[str], source: str, target: str) -> list[str]:
        body: dict[str, Any] = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.config.api_key:
            body["api_key"] = self.config.api_key  # LibreTranslate reads the key from the body only
        answer = self._call("POST", "/translate", body, reconnect=True, pair=(source, target))
        out = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(out, list) or len(out) != len(texts) or not all(isinstance(s, str) for s in out):
            raise self._not_libretranslate("/translate")
        return out

    # --- HTTP ---------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: Any = None,
        reconnect: bool = False,
        pair: tuple[str, str] | None = None,
    ) -> Any:
        """One request, retried on 429 and 5xx (and, with `reconnect`, on dropped connections)."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Accept": "application/json", "Accept-Language": "en", "User-Agent": "statements"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        attempts = 0
        while True:
            if self._cancel.is_set():
                raise self._stopped()
            attempts += 1
            if path == "/translate":
                with self._lock:
                    self.requests += 1
            wait: float | None = None
            try:
                request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
                # Questions about the server are quick; a translation may queue behind others.
                timeout = self.config.timeout if method == "POST" else min(self.config.timeout, 15.0)
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    raw = response.read()
                try:
                    return json.loads(raw)
                except ValueError:
                    raise self._not_libretranslate(path) from None
            except urllib.error.HTTPError as exc:
                message = _error_text(exc)
                if exc.code != 429 and exc.code < 500:
                    raise self._refused(exc.code, message, path, pair) from None
                wait = _retry_after(exc.headers.get("Retry-After"))
                if wait is not None and wait > MAX_RETRY_AFTER:
                    raise EngineError(
                        f"LibreTranslate at {self.url} asks to wait {wait:.0f} s ({exc.code}: {message}). "
                        "Run the command again later; finished segments are kept in the memory."
                    ) from None
                problem = f"{exc.code}: {message}"
                busy = exc.code == 429
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, socket.gaierror):
                    raise EngineError(
                        f"cannot find the LibreTranslate host in {URL_ENV}={self.url} ({reason.strerror}). "
                        "Check the address; `statements doctor` checks it."
                    ) from None
                problem, busy = _describe(reason), False
                if not reconnect:
                    raise self._down(problem) from None
            if attempts > self.config.retries:
                raise self._gave_up(problem, busy, attempts)
            if wait is None:
                wait = min(60.0, self.config.backoff * 2 ** (attempts - 1)) * random.uniform(0.5, 1.0)
            if self._cancel.wait(wait):
                raise self._stopped()

    def _optional(self, path: str) -> dict[str, Any]:
        """An endpoint older or proxied servers may lack: {} when it does not answer usefully."""
        try:
            answer = self._call("GET", path)
        except EngineError:
            return {}
        return answer if isinstance(answer, dict) else {}

    # --- messages that say what to do ---------------------------------------------------

    def _refused(self, status: int, message: str, path: str, pair: tuple[str, str] | None) -> Exception:
        if status == 400 and (m := _TEXT_LIMIT.search(message)):
            return _TextLimit(int(m.group(1)), int(m.group(2)))
        if status == 403 and "api key" in message.lower():
            return EngineError(
                f"LibreTranslate at {self.url} refused the API key ({message}). "
                f"Set {KEY_ENV} to a key its operator gave you; nothing was translated with it."
            )
        if "api key" in message.lower():
            return EngineError(
                f"LibreTranslate at {self.url} needs an API key ({message}). Set {KEY_ENV} to your key."
            )
        if status == 400 and pair and ("not supported" in message or "not available" in message):
            return self._no_pair(*pair, message)
        if status in (404, 405):
            return EngineError(
                f"{self.url} has no LibreTranslate API ({path} answered {status}). "
                f"Check {URL_ENV}: the server's address, without /translate."
            )
        if status == 413:
            return EngineError(
                f"{self.url} refused a request as too large ({message}). Lower LIBRETRANSLATE_BATCH, "
                "or raise the proxy's body size limit (nginx: client_max_body_size)."
            )
        return EngineError(f"LibreTranslate at {self.url} refused the request ({status}: {message}).")

    def _no_pair(self, source: str, target: str, why: str) -> EngineError:
        return EngineError(
            f"LibreTranslate at {self.url} cannot translate {source}→{target} ({why}). "
            f"Ask its operator to install the Argos package (argospm install translate-{source}_{target}), "
            "or choose another --engine."
        )

    def _down(self, problem: str) -> EngineError:
        return EngineError(
            f"cannot reach LibreTranslate at {self.url} ({problem}). Start the server, "
            f"or set {URL_ENV} to its address; `statements doctor` checks it."
        )

    def _gave_up(self, problem: str, busy: bool, attempts: int) -> EngineError:
        kept = "Finished segments are kept in the memory: run the command again to resume."
        if busy:
            return EngineError(
                f"LibreTranslate at {self.url} kept answering 429, too many requests ({problem}), "
                f"after {attempts} attempts. Ask its operator for a higher limit, or lower "
                f"LIBRETRANSLATE_CONCURRENCY. {kept}"
            )
        return EngineError(
            f"LibreTranslate at {self.url} stopped answering ({problem}) after {attempts} attempts. "
            f"Check that the server runs (`statements doctor`) and its log. {kept}"
        )

    def _not_libretranslate(self, path: str) -> EngineError:
        return EngineError(
            f"{self.url}{path} did not answer as LibreTranslate does. Check {URL_ENV}: "
            "it should be the address of a LibreTranslate server."
        )


def _split(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut between words where there are any."""
    pieces: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:limit])
            word = word[limit:]
        if current and len(current) + 1 + len(word) > limit:
            pieces.append(current)
            current = ""
        current = f"{current} {word}" if current else word
    if current:
        pieces.append(current)
    return pieces or [text[:limit]]


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _error_text(exc: urllib.error.HTTPError) -> str:
    """LibreTranslate's {"error": "..."}, else the status' reason."""
    try:
        body = json.loads(exc.read(2000) or b"null")
    except (ValueError, OSError):
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        return body["error"]
    return str(exc.reason)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    if isinstance(reason, http.client.RemoteDisconnected | ConnectionResetError):
        return "the connection was dropped"
    text = getattr(reason, "strerror", None) or str(reason)
    return text or type(reason).__name__
