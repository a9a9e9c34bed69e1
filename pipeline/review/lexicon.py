"""Which words a language's lexicon knows: Apertium's morphological analysers, asked in batches.

`lt-proc` on the analyser of Debian's apertium-eng-spa (`spa-eng.automorf.bin` reads
Spanish, `eng-spa.automorf.bin` English) marks a word it does not know with `*` and a proper
noun with `<np>`, and reads multiword names ("Reino Unido", "Northern Ireland") as one
unit. Loading an analyser takes about 0.2 s, so texts are analysed in batches: one `lt-proc
-z` process per language and batch, the texts separated by NUL characters. Where Apertium is
absent, `tokens` answers None and the names check falls back to its capitalisation rules
(`doctor` says so).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError

MODES = {"es": "spa-eng", "en": "eng-spa"}  # the mode whose first step analyses this language
HUNSPELL = {"es": ("es_ES", "es_MX", "es_AR"), "en": ("en_US", "en_GB")}
# Characters with a meaning in Apertium's stream format: never part of a word we look up.
_STREAM_SPECIAL = re.compile(r"[\\\[\]^$/<>@{}*~#\x00]")
_UNIT = re.compile(r"\^((?:[^$\\]|\\.)*)\$")
_VERB = re.compile(r"<(?:vblex|vbser|vbhaver|vbmod|vaux|vbdo)>")
_ANALYSER = re.compile(r"lt-proc[^|']*'([^']+\.automorf\.bin)'")


@dataclass(frozen=True)
class Token:
    """One unit of the analysis: a word, or a multiword the lexicon knows."""

    surface: str
    proper: bool  # some reading is a proper noun (<np>)
    unknown: bool  # the lexicon has no reading at all (*)
    punct: bool  # punctuation: a name never runs across it
    acronym: bool = False  # some reading is an acronym (<acr>)
    common: bool = False  # some reading is a common word (not a proper noun)
    initial: bool = False  # first word of a sentence: its capital says nothing
    verb: bool = False  # some reading is a verb ("ofreció", "tomar", "hold")
    only_verb: bool = False  # every reading is a verb ("ofreció", "tomar"; not "empleo")
    noun: bool = False  # every reading is a common noun ("objeción"; not "trabajo")

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper()


def datadir() -> Path:
    return Path(os.environ.get("APERTIUM_DATADIR") or "/usr/share/apertium")


@functools.lru_cache(maxsize=4)
def analyser_path(lang: str) -> Path | None:
    """The analyser for `lang`, read from the Apertium mode file; None where it is not installed."""
    mode = datadir() / "modes" / f"{MODES[lang]}.mode"
    if not shutil.which("lt-proc"):
        return None
    try:
        found = _ANALYSER.search(mode.read_text(encoding="utf-8"))
    except OSError:
        return None
    if not found or not Path(found.group(1)).is_file():
        return None
    return Path(found.group(1))


def available() -> bool:
    return all(analyser_path(lang) is not None for lang in MODES)


def _parse(unit: str) -> Token:
    parts = re.split(r"(?<!\\)/", unit)
    surface = parts[0].replace("\\", "")
    readings = parts[1:]
    unknown = not readings or readings[0].startswith("*")
    proper = any("<np>" in r for r in readings)
    punct = not unknown and all(
        any(tag in r for tag in ("<cm>", "<sent>", "<lpar>", "<rpar>", "<lquot>", "<rquot>", "<guio>"))
        for r in readings
    )
    acronym = any("<acr>" in r for r in readings)
    common = not unknown and any("<np>" not in r for r in readings)
    verb = not unknown and any(_VERB.search(r) for r in readings)
    only_verb = not unknown and all(_VERB.search(r) for r in readings)
    noun = not unknown and all(re.match(r"[^<]*<n>", r) for r in readings)
    return Token(
        surface,
        proper,
        unknown,
        punct or not any(c.isalnum() for c in surface),
        acronym,
        common,
        verb=verb,
        only_verb=only_verb,
        noun=noun,
    )


def _tokens(analysed: str) -> tuple[Token, ...]:
    out: list[Token] = []
    initial = True
    for m in _UNIT.finditer(analysed):
        token = _parse(m.group(1))
        if token.punct:
            initial = initial or "<sent>" in m.group(1)
            out.append(token)
            continue
        out.append(dataclasses.replace(token, initial=initial))
        initial = False
    return tuple(out)


class Lexicon:
    """Analyses of texts, per language, kept for the life of one check run."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and available()
        self._done: dict[tuple[str, str], tuple[Token, ...]] = {}
        self._translated: dict[tuple[str, str, str], str] = {}

    def prepare(self, texts: Iterable[tuple[str, str]]) -> None:
        """Analyse every (text, lang) not analysed yet: one process per language."""
        if not self.enabled:
            return
        wanted: dict[str, list[str]] = {}
        for text, lang in texts:
            if lang in MODES and (lang, text) not in self._done and text not in wanted.setdefault(lang, []):
                wanted[lang].append(text)
        for lang, batch in wanted.items():
            if batch:
                self._analyse(lang, batch)

    def _analyse(self, lang: str, batch: list[str]) -> None:
        path = analyser_path(lang)
        if path is None:
            self.enabled = False
            return
        payload = "".join(_STREAM_SPECIAL.sub(" ", text) + "\x00" for text in batch)
        try:
            done = subprocess.run(
                ["lt-proc", "-z", str(path)], input=payload, capture_output=True, text=True, timeout=600
            )
        except (OSError, subprocess.SubprocessError):
            self.enabled = False
            return
        chunks = done.stdout.split("\x00")
        if done.returncode != 0 or len(chunks) < len(batch):
            self.enabled = False  # an analyser that fails once is not trusted for this run
            return
        for text, chunk in zip(batch, chunks, strict=False):
            self._done[(lang, text)] = _tokens(chunk)

    def tokens(self, text: str, lang: str) -> tuple[Token, ...] | None:
        """The analysis of `text`, or None where no analyser is available."""
        if not self.enabled or lang not in MODES:
            return None
        if (lang, text) not in self._done:
            self.prepare([(text, lang)])
        return self._done.get((lang, text))

    def prepare_translations(self, names: Iterable[tuple[str, str, str]]) -> None:
        """Translate every (name, source, target) not translated yet: one Apertium run per direction."""
        if not self.enabled:
            return
        wanted: dict[tuple[str, str], list[str]] = {}
        for name, sl, tl in names:
            if (name, sl, tl) not in self._translated and name not in wanted.setdefault((sl, tl), []):
                wanted[(sl, tl)].append(name)
        for (sl, tl), batch in wanted.items():
            if not batch:
                continue
            try:
                from pipeline.translate.engines.apertium import ApertiumEngine

                out = ApertiumEngine().translate_batch([html.escape(n, quote=False) for n in batch], sl, tl)
            except PipelineError:
                out = batch  # no translation: the name is looked for as it is written
            for name, translated in zip(batch, out, strict=True):
                self._translated[(name, sl, tl)] = html.unescape(translated)

    def translation(self, name: str, sl: str, tl: str) -> str | None:
        """Apertium's rendering of a name ("Nueva York" for "New York"); None where it has none."""
        if not self.enabled or sl == tl:
            return None
        if (name, sl, tl) not in self._translated:
            self.prepare_translations([(name, sl, tl)])
        return self._translated.get((name, sl, tl))


def dictionary_path(lang: str) -> Path | None:
    """The hunspell dictionary of `lang` (Debian's hunspell-en-us, hunspell-es), if installed."""
    folder = Path(os.environ.get("DICPATH") or "/usr/share/hunspell")
    for name in HUNSPELL[lang]:
        path = folder / f"{name}.dic"
        if path.is_file():
            return path
    return None


@functools.lru_cache(maxsize=2)
def _entries(lang: str) -> frozenset[str]:
    path = dictionary_path(lang)
    if path is None:
        return frozenset()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    except OSError:
        return frozenset()
    return frozenset(line.split("/", 1)[0].strip() for line in lines)


def common_word(word: str, lang: str, proper: bool = False) -> bool:
    """Whether the spelling dictionary has the word in lower case, as a common word (with
    `proper`, as written, as a name): the analyser's lexicon lacks words ("Declaration",
    "Fiscalía") that a spelling list has."""
    entries = _entries(lang)
    low = word if proper else word.lower()
    bases = {low, low[:-1] if low.endswith("s") else low, low[:-2] if low.endswith("es") else low}
    return bool(entries & bases)
