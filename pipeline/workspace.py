"""Where things live in a workspace. Paths are computed on demand; nothing is read at import."""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import LockedError, PipelineWarning, WorkspaceError


@dataclass(frozen=True)
class Workspace:
    root: Path
    # The three folders a user works in, and machine-written state not meant for editing.
    originals: Path = field(init=False, repr=False)
    translations: Path = field(init=False, repr=False)
    outputs: Path = field(init=False, repr=False)
    state_dir: Path = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("originals", "translations", "outputs"):
            object.__setattr__(self, name, self.root / name)
        object.__setattr__(self, "state_dir", self.root / ".statements")

    @classmethod
    def at(cls, root: str | Path | None = None) -> Workspace:
        """The workspace at `root`, else $STATEMENTS_ROOT, else the current folder."""
        chosen = root or os.environ.get("STATEMENTS_ROOT") or "."
        path = Path(chosen).resolve()
        if not path.is_dir():
            raise WorkspaceError(
                f"the workspace folder {path} does not exist. Create it (statements keeps originals/, "
                "translations/ and outputs/ inside it), or pass --root with an existing folder."
            )
        return cls(path)

    @property
    def memory_path(self) -> Path:
        return self.state_dir / "memory.sqlite3"

    def original_path(self, slug: str) -> Path:
        return self.originals / f"{slug}.md"

    def translation_path(self, lang: str, slug: str) -> Path:
        return self.translations / lang / f"{slug}.md"

    def alignment_path(self, lang: str, slug: str) -> Path:
        return self.translations / lang / f"{slug}.align.json"

    def ensure_dir(self, path: Path) -> Path:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create {path}: {exc.strerror}. "
                "Check that the workspace folder exists and is writable, or pass --root DIR."
            ) from exc
        return path

    @contextlib.contextmanager
    def lock(self, wait: float = 0.0) -> Iterator[None]:
        """Hold the workspace write lock; a second writer fails with a clear message."""
        import fcntl
        import time

        self.ensure_dir(self.state_dir)
        path = self.state_dir / "lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait
            said = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not said and wait > 1:
                        said = True  # a person waiting should know why nothing happens
                        warnings.warn(
                            f"another statements command is writing to {self.root}; "
                            f"waiting up to {wait:.0f} s for it to finish…",
                            PipelineWarning,
                            stacklevel=3,
                        )
                    if time.monotonic() >= deadline:
                        raise LockedError(
                            f"another statements command is writing to {self.root}. "
                            "Wait for it to finish, then run this command again."
                        ) from None
                    time.sleep(0.2)
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
            self.sweep_temporary_files()
            yield
        finally:
            os.close(fd)

    def sweep_temporary_files(self) -> None:
        """Remove what a killed writer left half-written. Only called under the lock."""
        for folder in (self.originals, self.translations, self.outputs):
            if not folder.is_dir():
                continue
            for tmp in folder.rglob(".*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file so that a crash leaves either the old or the new content, never a mix."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WorkspaceError(
            f"cannot write in {directory}: {exc.strerror}. "
            "Make the folder writable, or choose another with --root or --output."
        ) from exc
    try:
        os.fchmod(fd, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _file_mode(path: Path) -> int:
    """Keep an existing file's mode; give a new one the usual 0666 minus the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
