"""Apertium (Debian's apertium-eng-spa): one process per batch, never one per segment.

Segments travel as HTML paragraphs through Apertium's HTML deformatter: each <p> is a
hard boundary (plain newlines are not: a rule can reorder words across them), and inline
<b>, <i> and <a href> come back around the translated words.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from pipeline.errors import EngineError
from pipeline.model import Provenance
from pipeline.translate.engines.base import Engine

MODES = {("es", "en"): "spa-eng", ("en", "es"): "eng-spa"}
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


@functools.lru_cache(maxsize=1)
def installed_modes() -> frozenset[str]:
    """The translation modes `apertium -l` lists ("spa-eng", ...); empty if apertium is absent."""
    exe = shutil.which("apertium")
    if not exe:
        return frozenset()
    try:
        out = subprocess.run([exe, "-l"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(out.split())


@functools.lru_cache(maxsize=1)
def _package_version() -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "apertium-eng-spa"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


class ApertiumEngine(Engine):
    name = "apertium"
    carries_markup = True

    def require(self, source: str, target: str) -> None:
        super().require(source, target)
        if MODES[(source, target)] not in installed_modes():
            raise EngineError(
                f"apertium cannot translate {source}→{target} on this machine. "
                "Install Debian's apertium-eng-spa (as root: apt-get install apertium-eng-spa), "
                f"or use an Argos model: statements models install {source} {target}."
            )

    def provenance(self, source: str, target: str) -> Provenance:
        return Provenance(
            "apertium",
            "apertium-eng-spa",
            _package_version(),
            {"mode": MODES[(source, target)], "format": "html"},
        )

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        self.require(source, target)
        # Segments arrive as our small HTML subset already (see inline.py); newlines are spaces.
        payload = "".join(f"<p>{' '.join(s.split())}</p>\n" for s in segments)
        try:
            done = subprocess.run(
                ["apertium", "-u", "-f", "html", MODES[(source, target)]],
                input=payload,
                capture_output=True,
                text=True,
                timeout=600,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise EngineError(f"apertium failed to run: {exc}. Check `statements doctor`.") from exc
        if done.returncode != 0:
            raise EngineError(f"apertium failed: {done.stderr.strip()[:300]}. Check `statements doctor`.")
        found = _PARAGRAPH.findall(done.stdout)
        if len(found) != len(segments):
            raise EngineError(
                f"apertium returned {len(found)} paragraphs for {len(segments)} segments; "
                "please report this input."
            )
        return [" ".join(t.split()) for t in found]
