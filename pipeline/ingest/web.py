"""Web addresses (`add https://…`): the page is fetched with the standard library, then read as HTML."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

from pipeline.errors import InputError
from pipeline.ingest.base import Source

URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
TIMEOUT = 20
USER_AGENT = "statements (offline press; one page at a time)"


def is_url(name: str) -> bool:
    return bool(URL.match(name))


def fetch(url: str, limit: int) -> Source:
    """The page at the address, as an HTML source. Any failure is an InputError; nothing is written."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            raw = response.read(limit + 1)
            final = response.geturl() or url
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(
            f"{url}: the site answered {exc.code} {exc.reason}. Check the address, or save the page "
            "from your browser and run `statements add PAGE.html`."
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        why = getattr(exc, "reason", exc)
        raise InputError(
            f"{url}: cannot fetch the page ({why}); are you offline? Nothing was added. "
            "Save the page from your browser and run `statements add PAGE.html`, or try again when online."
        ) from exc
    if len(raw) > limit:
        raise InputError(
            f"{url}: the page is larger than {limit // 1_048_576} MB; save the article's text instead."
        )
    if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise InputError(
            f"{url}: this address serves {kind}, not a web page. Download the file and add it with "
            "`statements add FILE`."
        )
    return Source(url, "html" if kind != "text/plain" else "text", raw, None, final)
