"""The translation memory: SQLite in the workspace, created on first use.

Machine results are keyed by engine, model package and version, settings, languages and
the normalised source segment, so a second run over unchanged text calls no engine.
Reviewed human translations live in their own table and win for identical text.
Migrations are only ever appended.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import WorkspaceError
from pipeline.model import Provenance

MIGRATIONS = [
    """
    CREATE TABLE machine (
        engine TEXT NOT NULL, package TEXT NOT NULL, version TEXT NOT NULL, settings TEXT NOT NULL,
        source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, source TEXT NOT NULL,
        target TEXT NOT NULL, created TEXT NOT NULL,
        PRIMARY KEY (engine, package, version, settings, source_lang, target_lang, source)
    ) WITHOUT ROWID;
    CREATE TABLE human (
        source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, source TEXT NOT NULL,
        target TEXT NOT NULL, origin TEXT NOT NULL, updated TEXT NOT NULL,
        PRIMARY KEY (source_lang, target_lang, source)
    ) WITHOUT ROWID;
    """,
]


def normalise(segment: str) -> str:
    return " ".join(unicodedata.normalize("NFC", segment).split())


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Memory:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise WorkspaceError(
                f"the translation memory {path} cannot be opened ({exc}). "
                "Move it aside; the next run starts a new one (human translations stay in translations/)."
            ) from exc
        except OSError as exc:
            raise WorkspaceError(f"cannot create {path.parent}: {exc.strerror}.") from exc

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, applied TEXT)")
        done = {row[0] for row in self.db.execute("SELECT id FROM migrations")}
        for number, script in enumerate(MIGRATIONS, start=1):
            if number in done:
                continue
            with self.transaction():
                for statement in script.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute("INSERT INTO migrations VALUES (?, ?)", (number, _now()))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    def _known(self, table_sql: str, params: tuple[str, ...], segments: Iterable[str]) -> dict[str, str]:
        """Targets for the given segments from one table, keyed by the segment as given."""
        wanted = {normalise(s): s for s in segments}
        found: dict[str, str] = {}
        for chunk in _chunks(list(wanted), 500):
            marks = ",".join("?" * len(chunk))
            for source, target in self.db.execute(f"{table_sql} AND source IN ({marks})", (*params, *chunk)):
                found[wanted[source]] = target
        return found

    def lookup(
        self, prov: Provenance, source_lang: str, target_lang: str, segments: Iterable[str]
    ) -> dict[str, str]:
        """This engine's earlier translations of the given segments."""
        return self._known(
            "SELECT source, target FROM machine WHERE engine=? AND package=? AND version=? AND settings=? "
            "AND source_lang=? AND target_lang=?",
            (prov.engine, prov.package, prov.version, prov.settings_key, source_lang, target_lang),
            segments,
        )

    def human(self, source_lang: str, target_lang: str, segments: Iterable[str]) -> dict[str, str]:
        """Reviewed human translations of the given segments (or whole blocks)."""
        return self._known(
            "SELECT source, target FROM human WHERE source_lang=? AND target_lang=?",
            (source_lang, target_lang),
            segments,
        )

    def store(self, prov: Provenance, source_lang: str, target_lang: str, pairs: dict[str, str]) -> None:
        now = _now()
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO machine VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        prov.engine,
                        prov.package,
                        prov.version,
                        prov.settings_key,
                        source_lang,
                        target_lang,
                        normalise(s),
                        t,
                        now,
                    )
                    for s, t in pairs.items()
                ],
            )

    def store_human(self, source_lang: str, target_lang: str, pairs: dict[str, str], origin: str) -> None:
        now = _now()
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO human VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (source_lang, target_lang, normalise(s), t, origin, now)
                    for s, t in pairs.items()
                    if t.strip()
                ],
            )

    def all_pairs(self, source_lang: str, target_lang: str) -> list[tuple[str, str, str]]:
        """Every (source, target, origin) for a pair: human translations, then machine ones."""
        rows = [
            (s, t, "human")
            for s, t in self.db.execute(
                "SELECT source, target FROM human WHERE source_lang=? AND target_lang=? ORDER BY source",
                (source_lang, target_lang),
            )
        ]
        rows += [
            (s, t, e)
            for s, t, e in self.db.execute(
                "SELECT source, target, engine FROM machine WHERE source_lang=? AND target_lang=? ORDER BY source",
                (source_lang, target_lang),
            )
        ]
        return rows


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sentence_pairs(source: str, target: str) -> dict[str, str]:
    """What a reviewed block teaches the memory: the whole block, and its sentences when
    both sides have as many."""
    from pipeline.text import segment
    from pipeline.text.inline import prepare

    src, tgt = prepare(source).plain, prepare(target).plain
    pairs = {src: target.strip()}
    src_sent, tgt_sent = segment.sentences(src), segment.sentences(tgt)
    if len(src_sent) == len(tgt_sent) > 1:
        pairs.update(zip(src_sent, tgt_sent, strict=True))
    return pairs
